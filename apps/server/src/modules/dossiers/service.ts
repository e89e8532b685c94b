import { and, eq, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { maskIdNumber, searchKey, type FieldError, type ProcedureContent } from '@motcua/domain';
import {
  decide,
  evolve,
  exchangeStatus,
  feesDueFor,
  feesPaidOf,
  formatDossierCode,
  INITIAL_STATE,
  MAX_DOSSIERS_PER_DAY,
  nationalStatus,
  technicalCheck,
  defaultProcess,
  type Command,
  type DossierEvent,
  type DossierState,
  type DossierSubmission,
  type Holder,
  type ProcessDefinition,
  type ProcessStep,
} from '@motcua/domain/dossier/index.ts';
import { addWorkingMinutes, classifyClock, formatInstant, localDateOf, nextWorkingInstant, parseInstant, type ClockContext } from '@motcua/domain/calendar/index.ts';
import type pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Db, DbOrTx, Tx } from '../../db/pool.ts';
import * as schema from '../../db/schema.ts';
import { factParams } from '../statistics/facts.ts';
import { agencies, dossierFiles, dossiers, files, procedureVersions } from '../../db/schema.ts';
import { problems } from '../../http/problem.ts';
import type { SessionUser } from '../../http/session.ts';
import type { CalendarService } from '../calendar/service.ts';
import { todayVn } from '../catalogue/repo.ts';
import { validateWith } from '../../http/validation.ts';
import { actorFor, consultedOfficers, rolesOver, userRolesOver } from './actors.ts';
import { REFUSAL_TEXT } from './refusals.ts';
import { loadRecipientSettings, notificationRows, type NotificationRow, type RecipientSettings } from '../../notifications/outbox.ts';
import { dossierLinks } from './links.ts';
import { insertSubmission, PENDING_CODE, poolOf, selectDossierForAction, selectPriorSubmission, submissionLookup, writeAction, type DossierFileView, type NewDossier } from './sql.ts';

export type DossierRow = typeof dossiers.$inferSelect;

export interface DossierDeps {
  db: Db;
  calendar: CalendarService;
  publicUrl: string;
}

/** The procedure time limit that applies to a case (the case may override the procedure). */
export function caseTimeLimit(content: ProcedureContent, caseCode: string) {
  return content.cases.find((c) => c.code === caseCode)?.timeLimit ?? content.timeLimit;
}

function groupHolder(step: ProcessStep): Holder {
  return { kind: 'group', role: step.role, departmentCode: step.departmentCode ?? null };
}

/** Columns derived from the state, written with every event so lists never fold events. */
function stateColumns(state: DossierState, def: ProcessDefinition, clockCtx: ClockContext | null) {
  const h = state.holder;
  const cls = clockCtx && state.clock.phase === 'resolved' ? classifyClock(state.clock, clockCtx) : null;
  const d = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    phase: state.phase,
    exchangeStatus: exchangeStatus(state, def),
    nationalStatus: nationalStatus(state, def),
    stepCode: state.stepCode,
    holderUserId: h?.kind === 'user' ? h.userId : null,
    holderRole: h?.kind === 'group' ? h.role : null,
    holderDepartment: h?.kind === 'group' ? h.departmentCode : null,
    code: state.code,
    acceptedAt: d(state.acceptedAt),
    countedFrom: d(state.clock.countedFrom),
    deadline: d(state.clock.deadline),
    appointment: d(state.clock.appointment),
    resolvedAt: d(state.clock.resolvedAt),
    outcome: state.outcome,
    feesPaid: feesPaidOf(state),
    ...(cls ? { classification: cls.outcome } : {}),
    state,
    eventCount: state.events,
    updatedAt: new Date(),
  };
}

// ── Submission ────────────────────────────────────────────────────────────────────────────

export async function submitDossier(
  deps: DossierDeps,
  user: SessionUser,
  body: DossierSubmission,
  idempotencyKey: string | null,
  now = Date.now(),
): Promise<{ row: DossierRow; created: boolean; files?: DossierFileView[] }> {
  const { db } = deps;
  const pool = poolOf(db);
  const today = todayVn(now);
  // One round trip for everything the submission reads (see sql.ts).
  const found = await submissionLookup(pool, { userId: user.id, idempotencyKey, procedureCode: body.procedureCode, today, agencyCode: body.agencyCode, caseCode: body.caseCode });
  if (found.priorId && idempotencyKey) {
    const prior = await selectPriorSubmission(pool, user.id, idempotencyKey);
    if (prior) return { row: prior, created: false };
  }
  const isDesk = user.roles.some((r) => r.role === 'reception');
  const isPostal = user.roles.some((r) => r.role === 'postal');
  // Who enters the dossier decides its channel: a citizen online, postal staff by post; the desk
  // enters what was handed in at the counter, or records a dossier that reached it by post [000 Art. 26].
  const enteredBy = user.kind === 'citizen' ? 'citizen' : isDesk ? 'desk' : isPostal ? 'postal' : null;
  if (!enteredBy) throw problems.forbidden('Chỉ công dân, cán bộ một cửa hoặc nhân viên bưu chính được nộp hồ sơ');
  const channel = enteredBy === 'citizen' ? 'online' : enteredBy === 'postal' ? 'postal' : (body.channel ?? 'direct');
  if (body.channel !== undefined && (enteredBy === 'citizen' || body.channel !== channel)) {
    throw problems.field('channel', 'Chỉ bộ phận một cửa chọn kênh tiếp nhận (trực tiếp hoặc qua bưu chính)', 'Only the one-stop desk chooses the reception channel (direct or postal)');
  }
  if (enteredBy !== 'citizen') {
    // The desk and postal staff enter dossiers for agencies they serve.
    const held = await rolesOver(db, user.roles, body.agencyCode);
    if (!held.some((r) => r.role === (enteredBy === 'desk' ? 'reception' : 'postal'))) throw problems.forbidden(`Bạn không tiếp nhận hồ sơ cho cơ quan ${body.agencyCode}`);
  }

  if (!found.versionId) throw problems.field('procedureCode', 'Thủ tục không tồn tại hoặc không còn hiệu lực', 'Unknown procedure or not in force');
  const content = await publishedContent(db, found.versionId);
  const theCase = content.cases.find((c) => c.code === body.caseCode);
  if (!theCase) throw problems.field('caseCode', 'Trường hợp không thuộc thủ tục này', 'Unknown case');
  if (!content.agencyCodes.includes(body.agencyCode)) throw problems.field('agencyCode', 'Cơ quan này không thực hiện thủ tục', 'The agency does not perform this procedure');
  if (!content.channels.includes(channel)) throw problems.field('procedureCode', 'Thủ tục không nhận hồ sơ qua kênh này', 'The procedure does not accept this channel');

  const errors = technicalCheck(body, theCase);
  for (const c of theCase.components) {
    if (c.form && body.forms[c.code]) errors.push(...validateWith(c.form.schema, body.forms[c.code], `forms.${c.code}`));
  }
  // Files: only ones the submitter uploaded.
  const ids = [...new Set(body.files.map((f) => f.fileId))];
  const owned = ids.length ? await db.select({ id: files.id }).from(files).where(and(inArray(files.id, ids), sql`(${files.ownerUserId} = ${user.id} or ${files.createdBy} = ${user.id})`)) : [];
  const ownedIds = new Set(owned.map((f) => f.id));
  body.files.forEach((f, i) => {
    if (!ownedIds.has(f.fileId)) errors.push({ field: `files.${i}.fileId`, message: 'Tệp không tồn tại', messageEn: 'Unknown file' });
  });
  let receivedAt = now;
  let backfilled = false;
  if (body.receivedAt !== undefined) {
    const t = parseInstant(body.receivedAt);
    if (enteredBy !== 'desk') errors.push({ field: 'receivedAt', message: 'Chỉ bộ phận một cửa nhập bổ sung hồ sơ sau sự cố', messageEn: 'Only the desk back-fills' });
    else if (t === null) errors.push({ field: 'receivedAt', message: 'Thời điểm không hợp lệ', messageEn: 'Invalid instant' });
    else if (t > now) errors.push({ field: 'receivedAt', message: 'Thời điểm tiếp nhận không thể ở tương lai', messageEn: 'Cannot be in the future' });
    else if (!body.backfillReason) errors.push({ field: 'backfillReason', message: 'Cần lý do nhập bổ sung (sự cố hệ thống)', messageEn: 'A reason is required for a back-filled entry' });
    else {
      receivedAt = t;
      backfilled = true;
    }
  }
  if (errors.length) throw problems.validation(errors);

  const event: DossierEvent = { type: 'submitted', at: receivedAt, by: user.id, channel };
  const state = evolve(INITIAL_STATE, event);
  const limitHours = limitHoursOf(caseTimeLimit(content, body.caseCode));
  const feesDue = feesDueFor(content.fees, theCase);
  // The agency's published process for the case, for the procedure, or the default.
  const proc = found.processId ? { id: found.processId, def: found.process as ProcessDefinition } : { id: null, def: defaultProcess(limitHours) };
  const agencyName = await agencyNameOf(db, body.agencyCode);
  const values = {
    procedureId: found.procedureId!,
    procedureVersionId: found.versionId,
    procedureCode: found.procedureCode!,
    caseCode: body.caseCode,
    procedureName: content.name,
    timeLimit: caseTimeLimit(content, body.caseCode),
    agencyCode: body.agencyCode,
    processId: proc.id,
    process: proc.def,
    channel,
    ownerUserId: user.kind === 'citizen' ? user.id : null,
    submittedBy: user.id,
    submitterKind: enteredBy === 'citizen' ? (body.submitterKind ?? 'self') : enteredBy === 'desk' ? 'desk' : 'postal',
    applicant: body.applicant,
    applicantName: body.applicant.organisationName ?? body.applicant.fullName,
    applicantKey: searchKey(`${body.applicant.fullName} ${body.applicant.organisationName ?? ''}`),
    applicantIdNumber: body.applicant.idNumber ?? null,
    formData: body.forms,
    resultChannel: body.resultChannel,
    resultAddress: body.resultAddress ?? null,
    notifyChannels: body.notifyChannels,
    feesDue,
    submittedAt: new Date(receivedAt),
    idempotencyKey,
    backfilled,
    ...stateColumns(state, proc.def, null),
  } satisfies NewDossier['values'];
  const prefs = await ownerSettings(db, values.ownerUserId ?? null, values.notifyChannels ?? [], event.type);
  try {
    // One statement, so one transaction: the dossier, its first event, its files, the draft's
    // removal and the applicant's notifications commit together or not at all.
    const { row, files: fileRows } = await insertSubmission(pool, {
      values,
      event: backfilled ? ({ ...event, backfillReason: body.backfillReason } as DossierEvent) : event,
      byUserId: user.id,
      draft: body.draftId ? { id: body.draftId, ownerUserId: user.id } : null,
      files: body.files,
      notifications: (id) => applicantNotifications(deps, { ...values, id } as DossierRow, event, content.name, agencyName, prefs),
    });
    return { row, created: true, files: fileRows };
  } catch (e) {
    // A concurrent retry with the same key won the insert: answer with its dossier.
    const pgCode = (e as { code?: string; cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code;
    if (idempotencyKey && pgCode === '23505') {
      const prior = await selectPriorSubmission(pool, user.id, idempotencyKey);
      if (prior) return { row: prior, created: false };
    }
    throw e;
  }
}

/**
 * Published procedure versions never change (only drafts are edited), so their content is kept in
 * memory by version id: a submission then reads only which version is in force, not the content.
 */
const contentCache = new Map<string, ProcedureContent>();
async function publishedContent(db: Db, versionId: string): Promise<ProcedureContent> {
  const hit = contentCache.get(versionId);
  if (hit) return hit;
  const content = (await db.select({ content: procedureVersions.content }).from(procedureVersions).where(eq(procedureVersions.id, versionId)))[0]!.content;
  if (contentCache.size > 2000) contentCache.clear();
  contentCache.set(versionId, content);
  return content;
}

function limitHoursOf(limit: ProcedureContent['timeLimit']): number {
  return limit.unit === 'working-days' ? limit.value * 8 : limit.value;
}

// ── Actions ───────────────────────────────────────────────────────────────────────────────

export type ActionInput =
  | { type: 'accept' }
  | Exclude<Command, { type: 'accept' | 'assign' | 'hand-to-colleague' | 'consult' | 'forward' | 'send-to-agencies' | 'complete' | 'submit-supplement' | 'record-payment' }>
  | { type: 'forward'; toUserId?: string | null; comment?: string | null; draftFiles?: { name: string; fileId: string }[] }
  | { type: 'assign'; toUserId: string }
  | { type: 'hand-to-colleague'; toUserId: string; reason: string }
  | { type: 'consult'; agencyCode: string; question: string; replyBy: number }
  | { type: 'send-to-agencies'; tasks: { agencyCode: string; task: string; workingHours: number }[] }
  | Omit<Extract<Command, { type: 'record-payment' }>, 'feesDue'>
  | { type: 'complete' | 'submit-supplement'; forms?: Record<string, Record<string, unknown>>; files?: { componentCode: string; fileId: string }[] };

/** Can this user see the dossier at all? Owner, the officer who entered it, or any officer over its agency. */
export async function canRead(db: Db, user: SessionUser, row: DossierRow): Promise<boolean> {
  if (row.ownerUserId === user.id || row.submittedBy === user.id) return true;
  if (user.kind === 'citizen') return false;
  if ((await rolesOver(db, user.roles, row.agencyCode)).length > 0) return true;
  // An agency consulted on the dossier, or given an inter-agency task, sees it.
  const consulted = [...row.state.consultations.map((c) => c.agencyCode), ...row.state.tasks.map((t) => t.agencyCode)];
  for (const code of consulted) if ((await rolesOver(db, user.roles, code)).length) return true;
  return false;
}

export async function actOnDossier(deps: DossierDeps, user: SessionUser, dossierId: string, input: ActionInput, now = Date.now()): Promise<DossierRow> {
  return (await actOnDossierWithFiles(deps, user, dossierId, input, now)).row;
}

/**
 * Decides on the dossier as read, then writes guarded by its event count (sql.ts): if another
 * action got in between, nothing was written and we decide again on the new state — the same
 * outcome as queueing on a row lock, without holding one across round trips. The state change, the
 * event, the outbox rows, the dossier's statistical facts and (for an acceptance) the code are one
 * statement, so one transaction in one round trip; the rare actions that write more rows (amended
 * forms, result files) wrap those rows and that statement in BEGIN … COMMIT.
 */
export async function actOnDossierWithFiles(deps: DossierDeps, user: SessionUser, dossierId: string, input: ActionInput, now = Date.now()): Promise<{ row: DossierRow; files: DossierFileView[] }> {
  const { db } = deps;
  const pool = poolOf(db);
  for (let attempt = 0; ; attempt++) {
    // The dossier, its events so far, the facts' dimensions and the owner's message settings: one read.
    const read = await selectDossierForAction(pool, dossierId);
    const row = read?.row;
    if (!read || !row || !(await canRead(db, user, row))) throw problems.notFound('Không tìm thấy hồ sơ');
    const compiled = await deps.calendar.compiled(row.agencyCode, now);
    const clockCtx: ClockContext = { cal: compiled.cal, policy: compiled.policy, limit: row.timeLimit };
    const actor = await actorFor(db, user, row);
    const state = row.state;
    const cmd = await toCommand(db, row, input, now, { ...deps, actorId: user.id });
    const d = decide(state, cmd, { now, actor, def: row.process, clock: clockCtx, defaultHolder: groupHolder });
    if (!d.ok) {
      const text = REFUSAL_TEXT[d.reason];
      if (d.reason === 'not-allowed') throw problems.forbidden(text.vi);
      // The command's `to` is the body's `toUserId`.
      const field = d.field === 'to' ? 'toUserId' : d.field;
      throw problems.business(text.vi, field ? [{ field, message: text.vi, messageEn: text.en, keyword: d.reason }] : [{ field: 'action', message: text.vi, messageEn: text.en, keyword: d.reason }]);
    }
    const agencyName = await agencyNameOf(db, row.agencyCode);
    const prefs = row.ownerUserId && row.notifyChannels.length && APPLICANT_EVENTS[d.event.type] ? read.owner : null;
    const decided = d.event;
    const amends = (decided.type === 'completed' || decided.type === 'supplement-received') && (input.type === 'complete' || input.type === 'submit-supplement') && !!(Object.keys(input.forms ?? {}).length || input.files?.length);
    const resultFiles = decided.type === 'result-sent' ? decided.results.filter((r) => r.fileId) : [];
    const draftFiles = (decided.type === 'forwarded' || decided.type === 'approved') && decided.draftFiles ? decided.draftFiles : [];
    const officer = (decided.type === 'assigned' || decided.type === 'handed-to-colleague') && decided.holder.kind === 'user' ? decided.holder.userId : null;
    // The consulted agency's officers are told in the action's own statement (outbox), like the applicant.
    const consultedNotes = decided.type === 'consultation-requested' ? await consultationNotifications(db, row, decided.consultation, agencyName, deps.publicUrl) : [];

    // An acceptance issues the code in its own statement, dated by the receipt day (sql.ts): the JSON
    // carries a placeholder that the statement replaces with the allocated code.
    const receiptDay = decided.type === 'accepted' ? localDateOf(state.submittedAt ?? now) : null;
    const accept = receiptDay ? { agencyCode: row.agencyCode, receiptDate: receiptDay, prefix: formatDossierCode(row.agencyCode, receiptDay, 1).slice(0, -4) } : undefined;
    const event: DossierEvent = decided.type === 'accepted' ? { ...decided, code: PENDING_CODE } : decided;

    /** Everything after the decision, on `q`: the guarded write of state, event, outbox and facts. */
    const write = async (q: pg.Pool | pg.PoolClient, amendedForms: Record<string, unknown> | null) => {
      const next = evolve(state, event);
      const cols = stateColumns(next, row.process, clockCtx);
      const updated = { ...row, ...cols, ...(event.type === 'result-returned' ? { returnedAt: new Date(event.at) } : {}), ...(amendedForms ? { formData: amendedForms } : {}) };
      const notes = applicantNotifications(deps, updated, event, row.procedureName, agencyName, prefs);
      if (officer) notes.push(...notificationRows({ event: 'officer.assigned', recipient: { userId: officer }, channels: ['in-app'], dossierId: row.id, data: { code: next.code, procedureName: row.procedureName } }).rows);
      notes.push(...consultedNotes);
      const w = await writeAction(q, {
        before: row,
        columns: cols,
        returnedAt: event.type === 'result-returned' ? new Date(event.at) : null,
        formData: amendedForms,
        event,
        byUserId: user.id,
        notifications: notes,
        // The statistical facts, folded from the whole timeline: never behind it.
        facts: factParams(read.dims, [...read.events, event], clockCtx),
        accept,
      });
      if (w === 'day-full') throw problems.business(`Cơ quan đã tiếp nhận quá ${MAX_DOSSIERS_PER_DAY} hồ sơ trong ngày`);
      return w;
    };

    let out;
    if (!amends && !resultFiles.length && !draftFiles.length) {
      // One statement: an implicit transaction of its own.
      out = await write(pool, null);
    } else {
      const client = await pool.connect();
      try {
        await client.query('begin');
        // The rare extra rows (amended forms, result and draft files) go through drizzle on the same connection.
        const tx = drizzle(client, { schema }) as unknown as Tx;
        const amendedForms = amends ? await applyAmendments(tx, row, user, input as Extract<ActionInput, { type: 'complete' | 'submit-supplement' }>, now) : null;
        if (resultFiles.length) await tx.insert(dossierFiles).values(resultFiles.map((r) => ({ dossierId: row.id, componentCode: null, kind: 'result' as const, fileId: r.fileId!, addedBy: user.id })));
        // A draft's rows make its files readable by the agency's officers (files.ts), as the event names them.
        if (draftFiles.length) await tx.insert(dossierFiles).values(draftFiles.map((f) => ({ dossierId: row.id, componentCode: null, kind: 'draft' as const, fileId: f.fileId, addedBy: user.id })));
        out = await write(client, amendedForms);
        // Nothing written (the dossier moved on): roll back the extra rows too.
        await client.query(out ? 'commit' : 'rollback');
      } catch (e) {
        await client.query('rollback').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    }
    if (out) return { row: out.row, files: out.files };
    if (attempt >= 100) throw problems.conflict('Hồ sơ đang được thao tác liên tục, vui lòng thử lại');
  }
}

/**
 * The applicant's amendments on completion or supplement [Decree 45/2020 Art. 12]: e-form data is
 * validated against the case's e-forms and replaces the component's data; new files supersede the
 * component's earlier files, which stay in the dossier's history; the code never changes.
 */
async function applyAmendments(
  tx: Tx,
  row: DossierRow,
  user: SessionUser,
  input: { forms?: Record<string, Record<string, unknown>>; files?: { componentCode: string; fileId: string }[] },
  now: number,
): Promise<Record<string, unknown> | null> {
  const forms = input.forms ?? {};
  const newFiles = input.files ?? [];
  if (!Object.keys(forms).length && !newFiles.length) return null;
  const pv = (await tx.select({ content: procedureVersions.content }).from(procedureVersions).where(eq(procedureVersions.id, row.procedureVersionId)))[0]!;
  const theCase = pv.content.cases.find((c) => c.code === row.caseCode)!;
  const errors: FieldError[] = [];
  for (const [code, data] of Object.entries(forms)) {
    const comp = theCase.components.find((c) => c.code === code);
    if (!comp?.form) errors.push({ field: `forms.${code}`, message: 'Thành phần này không có biểu mẫu điện tử', messageEn: 'No e-form for this component' });
    else errors.push(...validateWith(comp.form.schema, data, `forms.${code}`));
  }
  const codes = new Set(theCase.components.map((c) => c.code));
  const ids = newFiles.map((f) => f.fileId);
  const owned = ids.length ? new Set((await tx.select({ id: files.id }).from(files).where(and(inArray(files.id, ids), sql`(${files.ownerUserId} = ${user.id} or ${files.createdBy} = ${user.id})`))).map((f) => f.id)) : new Set<string>();
  newFiles.forEach((f, i) => {
    if (!codes.has(f.componentCode)) errors.push({ field: `files.${i}.componentCode`, message: 'Thành phần hồ sơ không thuộc trường hợp này', messageEn: 'Not a component of this case' });
    if (!owned.has(f.fileId)) errors.push({ field: `files.${i}.fileId`, message: 'Tệp không tồn tại', messageEn: 'Unknown file' });
  });
  if (errors.length) throw problems.validation(errors);
  const replaced = [...new Set(newFiles.map((f) => f.componentCode))];
  if (replaced.length) {
    await tx
      .update(dossierFiles)
      .set({ supersededAt: new Date(now) })
      .where(and(eq(dossierFiles.dossierId, row.id), inArray(dossierFiles.componentCode, replaced), sql`${dossierFiles.supersededAt} is null`, eq(dossierFiles.kind, 'attachment')));
    await tx.insert(dossierFiles).values(newFiles.map((f) => ({ dossierId: row.id, componentCode: f.componentCode, kind: 'attachment' as const, fileId: f.fileId, addedBy: user.id })));
  }
  return { ...row.formData, ...forms };
}

/**
 * Files an officer names for a result or a drafted result: ones they uploaded themselves, or ones
 * the dossier already has (its draft, its files). Anything else is refused before anything is written.
 */
async function checkOfficerFiles(tx: DbOrTx, row: DossierRow, actorId: string, named: readonly { fileId: string | null }[], field: string): Promise<void> {
  const ids = named.map((r) => r.fileId).filter((x): x is string => !!x);
  if (!ids.length) return;
  const ok = new Set(
    (await tx.select({ id: files.id }).from(files).where(and(inArray(files.id, ids), sql`(${files.createdBy} = ${actorId} or exists (select 1 from dossier_files f where f.file_id = ${files.id} and f.dossier_id = ${row.id}))`))).map((f) => f.id),
  );
  named.forEach((r, i) => {
    if (r.fileId && !ok.has(r.fileId)) throw problems.field(`${field}.${i}.fileId`, field === 'results' ? 'Tệp kết quả không tồn tại' : 'Tệp dự thảo không tồn tại', field === 'results' ? 'Unknown result file' : 'Unknown draft file');
  });
}

/** Turns an API action into a lifecycle command, resolving what needs the database. */
async function toCommand(tx: DbOrTx, row: DossierRow, input: ActionInput, now: number, deps: DossierDeps & { actorId: string }): Promise<Command> {
  switch (input.type) {
    case 'send-to-agencies': {
      const tasks = [];
      for (const [i, t] of input.tasks.entries()) {
        const a = (await tx.select({ code: agencies.code, status: agencies.status }).from(agencies).where(eq(agencies.code, t.agencyCode)))[0];
        if (!a || a.status !== 'active') throw problems.field(`tasks.${i}.agencyCode`, 'Không có cơ quan này', 'Unknown agency');
        // Each agency's time is counted on its own working calendar [003 Art. 20.2].
        const { cal } = await deps.calendar.compiled(t.agencyCode, now);
        tasks.push({ id: randomUUID(), agencyCode: t.agencyCode, task: t.task, deadline: addWorkingMinutes(nextWorkingInstant(now, cal), Math.round(t.workingHours * 60), cal) });
      }
      return { type: 'send-to-agencies', tasks, ownAgency: row.agencyCode };
    }
    case 'accept':
      return { type: 'accept', code: 'pending', backfilled: row.backfilled };
    case 'record-payment':
      // Fees due were fixed at submission from the procedure case's fees (feesDueFor).
      return { ...input, feesDue: row.feesDue };
    case 'send-result': {
      // Result documents are files an officer of the dossier uploaded (or the dossier already has, e.g. its draft).
      await checkOfficerFiles(tx, row, deps.actorId, input.results, 'results');
      return input;
    }
    case 'approve':
      // A drafted result: the same rule as a result's files.
      await checkOfficerFiles(tx, row, deps.actorId, input.draftFiles ?? [], 'draftFiles');
      return input;
    case 'complete':
    case 'submit-supplement':
      // Only which components changed goes into the event; the data itself lands in the dossier.
      return { type: input.type, amended: [...new Set([...Object.keys(input.forms ?? {}), ...(input.files ?? []).map((f) => f.componentCode)])] };
    case 'assign':
    case 'hand-to-colleague': {
      const target = await userRolesOver(tx, input.toUserId, row.agencyCode);
      if (!target) throw problems.field('toUserId', 'Không có cán bộ này', 'Unknown officer');
      const to = { kind: 'user' as const, userId: input.toUserId, name: target.name };
      // Whether the target holds the step's role in its department is the lifecycle's rule (decide).
      return input.type === 'assign' ? { type: 'assign', to, assigneeRoles: target.roles } : { type: 'hand-to-colleague', to, assigneeRoles: target.roles, reason: input.reason };
    }
    case 'forward': {
      await checkOfficerFiles(tx, row, deps.actorId, input.draftFiles ?? [], 'draftFiles');
      const draft = input.draftFiles?.length ? { draftFiles: input.draftFiles } : {};
      if (!input.toUserId) return { type: 'forward', comment: input.comment ?? null, ...draft };
      const target = await userRolesOver(tx, input.toUserId, row.agencyCode);
      if (!target) throw problems.field('toUserId', 'Không có cán bộ này', 'Unknown officer');
      return { type: 'forward', to: { kind: 'user', userId: input.toUserId, name: target.name }, assigneeRoles: target.roles, comment: input.comment ?? null, ...draft };
    }
    case 'consult': {
      const a = (await tx.select({ code: agencies.code }).from(agencies).where(eq(agencies.code, input.agencyCode)))[0];
      if (!a) throw problems.field('agencyCode', 'Không có cơ quan này', 'Unknown agency');
      if (input.agencyCode === row.agencyCode) throw problems.field('agencyCode', 'Xin ý kiến cơ quan khác', 'Consult another agency');
      return { type: 'consult', id: randomUUID(), agencyCode: input.agencyCode, question: input.question, replyBy: input.replyBy };
    }
    default:
      return input as Command;
  }
}

const APPLICANT_EVENTS: Partial<Record<DossierEvent['type'], string>> = {
  submitted: 'dossier.received',
  accepted: 'dossier.accepted',
  'completion-requested': 'dossier.supplement-requested',
  'supplement-requested': 'dossier.supplement-requested',
  refused: 'dossier.refused',
  apologized: 'dossier.extended',
  'result-sent': 'dossier.result-ready',
  // Not resolved: the applicant is told so and why, not that a result is ready [004 Art. 12.2.a].
  'resolution-refused': 'dossier.refused',
  'result-returned': 'dossier.returned',
  withdrawn: 'dossier.withdrawn',
  stopped: 'dossier.stopped',
};

/** The notifications of SPEC §11 to the applicant: outbox rows written in the action's statement. */
/**
 * The account owner's e-mail/SMS choices and language, in one read, only when the event tells the
 * applicant something: every message row carries its language (the inbox renders in it too).
 */
async function ownerSettings(db: Db, ownerUserId: string | null, channels: readonly string[], eventType: DossierEvent['type']): Promise<RecipientSettings | null> {
  return ownerUserId && channels.length && APPLICANT_EVENTS[eventType] ? loadRecipientSettings(db, ownerUserId) : null;
}

function applicantNotifications(deps: DossierDeps, row: DossierRow, event: DossierEvent, procedureName: string, agencyName: string, owner: RecipientSettings | null): NotificationRow[] {
  const kind = APPLICANT_EVENTS[event.type];
  if (!kind) return [];
  const channels = row.notifyChannels.filter((c) => c !== 'in-app' || row.ownerUserId) as ('in-app' | 'email' | 'sms')[];
  if (!channels.length) return [];
  const state = row.state;
  const links = dossierLinks(deps.publicUrl, { id: row.id, code: state.code, ownerUserId: row.ownerUserId });
  const reason =
    event.type === 'refused' || event.type === 'resolution-refused' ? event.reasons.join('; ') : 'reason' in event ? String(event.reason) : event.type === 'completion-requested' ? event.note : null;
  return notificationRows({
    event: kind as never,
    recipient: { userId: row.ownerUserId, email: row.applicant.email ?? null, phone: row.applicant.phone ?? null, name: row.applicant.fullName, locale: owner?.locale ?? 'vi' },
    channels,
    dossierId: row.id,
    data: {
      code: state.code ?? '',
      procedureName,
      agencyName,
      applicantName: row.applicant.fullName,
      receivedAt: state.submittedAt ? formatInstant(state.submittedAt) : null,
      appointment: state.clock.appointment ? formatInstant(state.clock.appointment) : null,
      missing: state.missing,
      reason,
      lookupUrl: links.lookupUrl,
      ...(kind === 'dossier.returned' ? { ratingUrl: links.ratingUrl } : {}),
    },
  }, owner?.prefs ?? null).rows;
}

/**
 * `officer.consultation-requested` to each processing officer of the consulted agency, in-app and
 * by e-mail when the account has an address; the link opens the dossier in the back office.
 */
async function consultationNotifications(db: Db, row: DossierRow, c: { agencyCode: string; question: string; replyBy: number }, fromAgencyName: string, publicUrl: string): Promise<NotificationRow[]> {
  const people = await consultedOfficers(db, c.agencyCode);
  if (!people.length) return [];
  const agencyName = await agencyNameOf(db, c.agencyCode);
  return people.flatMap(
    (p) =>
      notificationRows({
        event: 'officer.consultation-requested',
        recipient: { userId: p.id, email: p.email, name: p.name },
        channels: p.email ? ['in-app', 'email'] : ['in-app'],
        dossierId: row.id,
        data: { code: row.code, procedureName: row.procedureName, agencyName, fromAgencyName, question: c.question, replyBy: formatInstant(c.replyBy), dossierUrl: `${publicUrl}/mot-cua/ho-so/${row.id}` },
      }).rows,
  );
}

/** Agency names change by rename only (history kept); a short cache saves a query per notification and view. */
const nameCache = new Map<string, { at: number; name: string }>();
export async function agencyNameOf(db: Db | Tx, code: string): Promise<string> {
  const hit = nameCache.get(code);
  if (hit && Date.now() - hit.at < 10_000) return hit.name;
  const name = (await db.select({ name: agencies.name }).from(agencies).where(eq(agencies.code, code)))[0]?.name ?? code;
  nameCache.set(code, { at: Date.now(), name });
  return name;
}

export function maskedApplicant(row: DossierRow) {
  return { ...row.applicant, idNumber: maskIdNumber(row.applicant.idNumber ?? null) ?? undefined };
}

