import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  availableActions,
  EXCHANGE_STATUS_LABELS,
  NATIONAL_STATUS_LABELS,
  publicStatusLabel,
  resultCode,
  type ExchangeStatus,
  type NationalStatus,
} from '@motcua/domain/dossier/index.ts';
import { addWorkingMinutes, clockStatus, formatInstant, handoverDue, handoverWarning, stepWarning, type ClockContext, type CompiledCalendar, type HandoverState } from '@motcua/domain/calendar/index.ts';
import { maskIdNumber, maskPhone } from '@motcua/domain';
import type { Db } from '../../db/pool.ts';
import { departments, dossierFiles, userRoles, users } from '../../db/schema.ts';
import { agencyAncestors } from '../../http/access.ts';
import type { SessionUser } from '../../http/session.ts';
import type { CalendarService } from '../calendar/service.ts';
import { actorFor } from './actors.ts';
import { dossierClocks } from './clocks.ts';
import { agencyNameOf, type DossierRow } from './service.ts';
import type { DossierFileView } from './sql.ts';

const iso = (d: Date | null) => (d ? formatInstant(d.getTime()) : null);

/** Work-list warning [003 Art. 21]: overdue / due soon (< 1 working day) / the step due or overdue. */
export async function warningOf(calendar: CalendarService, row: DossierRow, now: number) {
  if (row.state.clock.phase !== 'running') return null;
  const c = await calendar.compiled(row.agencyCode, now);
  const ctx: ClockContext = { cal: c.cal, policy: c.policy, limit: row.timeLimit };
  const st = clockStatus(row.state.clock, now, ctx);
  const step = row.process.steps.find((s) => s.code === row.stepCode);
  const stepState = step && row.state.stepEnteredAt !== null && step.budgetHours > 0 ? stepWarning(now, addWorkingMinutes(row.state.stepEnteredAt, step.budgetHours * 60, c.cal)) : null;
  return { state: st.state ?? 'not-due', workingMinutesLeft: st.workingMinutesLeft, step: stepState };
}

/**
 * `files`: the dossier's files when the caller already has them (the write statements return them).
 * `clocks`: add the per-step and per-agency clocks (the workspace's read; officers over the agency only).
 */
export async function dossierView(db: Db, calendar: CalendarService, user: SessionUser, row: DossierRow, files?: DossierFileView[], now = Date.now(), opts: { clocks?: boolean } = {}) {
  const [agencyName, fileRows, actor, warning] = await Promise.all([
    agencyNameOf(db, row.agencyCode),
    files ?? db.select().from(dossierFiles).where(eq(dossierFiles.dossierId, row.id)).orderBy(asc(dossierFiles.id)),
    actorFor(db, user, row),
    warningOf(calendar, row, now),
  ]);
  const step = row.process.steps.find((s) => s.code === row.stepCode) ?? null;
  const overdue = warning?.state === 'overdue';
  // The owner, officers over the agency and officers of an agency with an open task see the
  // applicant whole; anyone else (a consulted agency) sees the ID number and phone masked.
  const full = row.ownerUserId === user.id || actor.roles.length > 0 || row.submittedBy === user.id || !!actor.taskAgencies?.length;
  const applicant = full ? row.applicant : { ...row.applicant, idNumber: maskIdNumber(row.applicant.idNumber), phone: maskPhone(row.applicant.phone) };
  // A drafted result is the agency's working document: its officers see it, not the applicant nor a consulted agency.
  const internal = actor.roles.length > 0;
  const drafts = internal ? (row.state.draftResults ?? []) : [];
  const drafters = drafts.length ? await userNames(db, drafts.map((f) => f.by).filter((x): x is string => !!x)) : new Map<string, string>();
  return {
    id: row.id,
    code: row.code,
    procedure: { code: row.procedureCode, name: row.procedureName },
    caseCode: row.caseCode,
    agency: { code: row.agencyCode, name: agencyName },
    channel: row.channel,
    phase: row.phase,
    exchangeStatus: { code: row.exchangeStatus, label: EXCHANGE_STATUS_LABELS[row.exchangeStatus as ExchangeStatus] },
    nationalStatus: { code: row.nationalStatus, label: NATIONAL_STATUS_LABELS[row.nationalStatus as NationalStatus] },
    publicStatus: publicStatusLabel(row.state, overdue),
    step: step ? { code: step.code, name: step.name, stage: step.stage } : null,
    holder: row.state.holder,
    applicant,
    submitterKind: row.submitterKind,
    forms: row.formData,
    files: fileRows.filter((f) => internal || f.kind !== 'draft').map((f) => ({ componentCode: f.componentCode, fileId: f.fileId, kind: f.kind, addedAt: iso(f.addedAt)!, supersededAt: iso(f.supersededAt) })),
    resultChannel: row.resultChannel,
    notifyChannels: row.notifyChannels,
    feesDue: row.feesDue,
    feesPaid: row.feesPaid,
    payments: (row.state.payments ?? []).map((p) => ({ amount: p.amount, method: p.method, receiptNumber: p.receiptNumber, paidAt: formatInstant(p.paidAt), recordedAt: formatInstant(p.recordedAt) })),
    submittedAt: iso(row.submittedAt)!,
    acceptedAt: iso(row.acceptedAt),
    countedFrom: iso(row.countedFrom),
    deadline: iso(row.deadline),
    appointment: iso(row.appointment),
    resolvedAt: iso(row.resolvedAt),
    returnedAt: iso(row.returnedAt),
    outcome: row.outcome,
    classification: row.classification,
    warning,
    missing: row.state.missing,
    // `answerable`: open, and asked of an agency the caller holds a processing role over — the same
    // rule the answer action is decided by (actor.consultAgencies), so the form lists only these.
    consultations: row.state.consultations.map((c) => ({
      ...c,
      replyBy: formatInstant(c.replyBy),
      askedAt: formatInstant(c.askedAt),
      ...(c.answeredAt ? { answeredAt: formatInstant(c.answeredAt) } : {}),
      answerable: !c.answeredAt && !!actor.consultAgencies?.includes(c.agencyCode),
    })),
    verifications: row.state.verifications.map((v) => ({ ...v, at: formatInstant(v.at), when: formatInstant(v.when) })),
    tasks: row.state.tasks.map((t) => ({
      ...t,
      sentAt: formatInstant(t.sentAt),
      deadline: formatInstant(t.deadline),
      ...(t.completedAt ? { completedAt: formatInstant(t.completedAt) } : {}),
      answerable: !t.completedAt && !!actor.taskAgencies?.includes(t.agencyCode),
    })),
    // Several results are numbered <code>-KQ<n> (Decree 45/2020 Art. 14.3); a single one carries the code.
    results: row.state.results.map((r) => ({ ...r, code: row.code ? (row.state.results.length > 1 ? resultCode(row.code, r.n) : row.code) : null })),
    draftResults: drafts.map((f) => ({ fileId: f.fileId, name: f.name, by: f.by, byName: f.by ? (drafters.get(f.by) ?? null) : null, at: formatInstant(f.at) })),
    // The desk hands an accepted dossier to processing within 8 working hours [001 Art. 8.1.b].
    ...handoverClockOf(afterAcceptance(row), (await calendar.compiled(row.agencyCode, now)).cal, now),
    backfilled: row.backfilled,
    availableActions: availableActions(row.state, row.process, actor, { due: row.feesDue, paid: row.feesPaid }),
    ...(opts.clocks ? { clocks: actor.roles.length > 0 ? await dossierClocks(db, calendar, row, now) : null } : {}),
  };
}

async function userNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The desk's 8-working-hour clock in the work lists: from system receipt while the dossier awaits
 * its check, from acceptance while it waits at the reception step to be handed over [001 Art. 8.1.b].
 */
export async function deskClockOf(calendar: CalendarService, row: DossierRow, now: number): Promise<HandoverClock> {
  const from = row.phase === 'submitted' ? row.submittedAt.getTime() : afterAcceptance(row);
  if (from === null) return NO_HANDOVER_CLOCK;
  return handoverClockOf(from, (await calendar.compiled(row.agencyCode, now)).cal, now);
}

/** The instant the handover clock runs from while an accepted dossier waits at the reception step, else null. */
function afterAcceptance(row: DossierRow): number | null {
  const first = row.process.steps[0]?.code;
  if (row.phase !== 'processing' || row.stepCode !== first || row.acceptedAt === null) return null;
  return row.acceptedAt.getTime();
}

export interface HandoverClock {
  handoverDue: string | null;
  /** Computed here with the working-time engine: the browser never counts working time. */
  handoverWarning: { state: HandoverState; workingMinutesLeft: number } | null;
}
const NO_HANDOVER_CLOCK: HandoverClock = { handoverDue: null, handoverWarning: null };

function handoverClockOf(from: number | null, cal: CompiledCalendar, now: number): HandoverClock {
  if (from === null) return NO_HANDOVER_CLOCK;
  const due = handoverDue(from, cal);
  return { handoverDue: formatInstant(due), handoverWarning: handoverWarning(now, due, cal) };
}

/**
 * The name of the department now processing the dossier [SPEC §12]: the department of the group
 * holding it or of its step, else the department in which the named holder holds the step's role.
 * Null once nobody holds the dossier (with the applicant, finished) or no department is known.
 */
export async function processingDepartmentOf(db: Db, row: DossierRow): Promise<string | null> {
  const holder = row.state.holder;
  if (!holder) return null;
  const step = row.process.steps.find((s) => s.code === row.stepCode) ?? null;
  const code = (holder.kind === 'group' ? holder.departmentCode : null) ?? step?.departmentCode ?? null;
  if (code) return (await db.select({ name: departments.name }).from(departments).where(and(eq(departments.agencyCode, row.agencyCode), eq(departments.code, code))).limit(1))[0]?.name ?? null;
  if (holder.kind !== 'user' || !step) return null;
  // The holder's role may be held at the agency or above it; the department belongs to where it is held.
  const ancestors = await agencyAncestors(db, row.agencyCode);
  const found = await db
    .select({ name: departments.name })
    .from(userRoles)
    .innerJoin(departments, and(eq(departments.agencyCode, userRoles.agencyCode), eq(departments.code, userRoles.departmentCode)))
    .where(and(eq(userRoles.userId, holder.userId), eq(userRoles.role, step.role), inArray(userRoles.agencyCode, ancestors)))
    .orderBy(desc(sql`${userRoles.agencyCode} = ${row.agencyCode}`))
    .limit(1);
  return found[0]?.name ?? null;
}

/** Fields of SPEC §12 only: never the ID number, phone, address or files. */
export async function lookupView(db: Db, calendar: CalendarService, row: DossierRow, now = Date.now()) {
  const agencyName = await agencyNameOf(db, row.agencyCode);
  const dept = await processingDepartmentOf(db, row);
  const warning = await warningOf(calendar, row, now);
  return {
    code: row.code!,
    receivingAgency: agencyName,
    processingDepartment: dept,
    organisationName: row.applicant.kind === 'organisation' ? (row.applicant.organisationName ?? null) : null,
    applicantName: row.applicant.fullName,
    receivedAt: iso(row.acceptedAt ? new Date(row.state.clock.receivedAt ?? row.acceptedAt.getTime()) : row.submittedAt),
    appointment: iso(row.appointment),
    status: publicStatusLabel(row.state, warning?.state === 'overdue'),
    ...(row.phase === 'awaiting-supplement' || row.phase === 'incomplete' ? { missing: row.state.missing } : {}),
  };
}
