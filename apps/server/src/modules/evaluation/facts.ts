import { and, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { instantAt, localDayOf, type CompiledCalendar } from '@motcua/domain/calendar/index.ts';
import {
  scoreAgency,
  scoreDossier,
  scoreOfficer,
  type AgencyScore,
  type DossierFacts,
  type DossierScores,
  type OfficerScore,
  type Period,
  type Share,
  type TimeComparison,
  type UnitFacts,
  type UnitLevel,
} from '@motcua/domain/evaluation/scoring.ts';
import { computeServiceIndex, type IndicatorInputs, type ServiceIndex } from '@motcua/domain/evaluation/service-index.ts';
import { isProtracted, type FeedbackClocks } from '@motcua/domain/feedback/feedback.ts';
import type { AgencyTask, DossierState } from '@motcua/domain/dossier/index.ts';
import { agencies, dossierEvents, dossierFiles, dossiers, feedbackItems, procedureVersions, userRoles, users } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/pool.ts';
import { ratingsOf } from './ratings.ts';

/** Events in which an officer handled the dossier: the officer is scored on it [TT 01/2018 Art. 15.2.a]. */
const HANDLING_EVENTS = [
  'accepted',
  'forwarded',
  'returned-to-step',
  'approved',
  'signed',
  'supplement-requested',
  'completion-requested',
  'apologized',
  'result-sent',
  'resolution-refused',
  'result-returned',
];

const comparison: Record<string, TimeComparison> = { early: 'shorter', 'on-time': 'equal', late: 'longer' };

export interface AgencyEvaluation {
  agencyCode: string;
  agencyName: string;
  score: AgencyScore;
  serviceIndex: ServiceIndex;
}
export interface OfficerEvaluation {
  userId: string;
  fullName: string;
  agencyCode: string;
  score: OfficerScore;
}

function unitLevel(level: string): UnitLevel {
  if (level === 'commune') return 'commune';
  if (level === 'district') return 'district';
  return 'province';
}

/** A coordinating agency's time against its allotted deadline, compared by calendar day like the dossier [002 Art. 14.4]. */
function taskTime(t: AgencyTask): TimeComparison | null {
  if (t.completedAt === undefined) return null;
  const done = localDayOf(t.completedAt);
  const due = localDayOf(t.deadline);
  return done < due ? 'shorter' : done === due ? 'equal' : 'longer';
}

const share = (count: number, of: number): Share | null => (of > 0 ? { count, of } : null);

/**
 * The facts of a period for the agencies `codes`, read from dossiers, their events, files, the
 * catalogue and feedback, then scored by the pure rules. What the system does not record is passed
 * as "no data" (null), which the rules leave out of every total; see docs/evaluation.md.
 */
export async function evaluatePeriod(
  db: DbOrTx,
  codes: readonly string[],
  period: Period,
  now: number,
  cal: CompiledCalendar,
  clocks: FeedbackClocks,
): Promise<{ agencies: AgencyEvaluation[]; officers: OfficerEvaluation[] }> {
  if (codes.length === 0) return { agencies: [], officers: [] };
  const from = new Date(instantAt(period.fromDate, '00:00'));
  const to = new Date(instantAt(period.toDateExclusive, '00:00'));
  const asOf = new Date(Math.min(now, to.getTime()));
  const asOfDate = new Date(asOf.getTime() - 1 + 7 * 3600_000).toISOString().slice(0, 10);

  const agencyRows = await db.select({ code: agencies.code, name: agencies.name, level: agencies.level }).from(agencies).where(inArray(agencies.code, [...codes]));

  // Dossiers resolved in the period are the ones scored per dossier [Art. 15.1].
  const resolved = await db
    .select({ id: dossiers.id, agencyCode: dossiers.agencyCode, channel: dossiers.channel, classification: dossiers.classification, state: dossiers.state })
    .from(dossiers)
    .where(and(inArray(dossiers.agencyCode, [...codes]), gte(dossiers.resolvedAt, from), lt(dossiers.resolvedAt, to), isNotNull(dossiers.classification)));
  const ids = resolved.map((d) => d.id);
  const events = ids.length
    ? await db.select({ dossierId: dossierEvents.dossierId, type: dossierEvents.type, byUserId: dossierEvents.byUserId }).from(dossierEvents).where(inArray(dossierEvents.dossierId, ids))
    : [];
  const resultFiles = ids.length
    ? await db.selectDistinct({ dossierId: dossierFiles.dossierId }).from(dossierFiles).where(and(inArray(dossierFiles.dossierId, ids), eq(dossierFiles.kind, 'result')))
    : [];
  const withResultFile = new Set(resultFiles.map((r) => r.dossierId));
  const ratings = await ratingsOf(db, ids);

  const supplements = new Map<string, number>();
  const apologised = new Set<string>();
  const handledBy = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.type === 'supplement-requested' || e.type === 'completion-requested') supplements.set(e.dossierId, (supplements.get(e.dossierId) ?? 0) + 1);
    if (e.type === 'apologized') apologised.add(e.dossierId);
    if (e.byUserId && HANDLING_EVENTS.includes(e.type)) {
      const set = handledBy.get(e.byUserId) ?? new Set<string>();
      set.add(e.dossierId);
      handledBy.set(e.byUserId, set);
    }
  }

  const scores = new Map<string, DossierScores>();
  for (const d of resolved) {
    const total = comparison[d.classification!] ?? null;
    const tasks = ((d.state as DossierState).tasks ?? []).map(taskTime).filter((t): t is TimeComparison => t !== null);
    const facts: DossierFacts = {
      totalTime: total,
      // the agency's own time is the dossier's; each coordinating agency is held to its task deadline [Art. 13.2]
      unitTimes: total ? [total, ...tasks] : tasks,
      supplementRequests: supplements.get(d.id) ?? 0,
      // inter-agency work (consultations, tasks) travels inside the system, never through the applicant
      otherAgenciesContacted: 0,
      channel: d.channel,
      publication: null,
      extraDemands: false,
      upheldConductReport: false,
      rating: ratings.byDossier.get(d.id) ?? null,
    };
    scores.set(d.id, scoreDossier(facts));
  }

  // Received in the period (accepted): channel shares and digitisation.
  const received = await db
    .select({
      agencyCode: dossiers.agencyCode,
      total: sql<number>`count(*)::int`,
      online: sql<number>`count(*) filter (where ${dossiers.channel} = 'online')::int`,
      withCode: sql<number>`count(${dossiers.code})::int`,
      digitised: sql<number>`count(*) filter (where exists (select 1 from dossier_files f where f.dossier_id = "dossiers"."id" and f.kind in ('attachment', 'scan')))::int`,
    })
    .from(dossiers)
    .where(and(inArray(dossiers.agencyCode, [...codes]), gte(dossiers.acceptedAt, from), lt(dossiers.acceptedAt, to)))
    .groupBy(dossiers.agencyCode);
  const receivedBy = new Map(received.map((r) => [r.agencyCode, r]));

  // Still unresolved at the end of the period (or now): overdue ones, online ones.
  const open = await db
    .select({
      agencyCode: dossiers.agencyCode,
      total: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) filter (where ${dossiers.deadline} < ${asOf})::int`,
      onlineOverdue: sql<number>`count(*) filter (where ${dossiers.deadline} < ${asOf} and ${dossiers.channel} = 'online')::int`,
    })
    .from(dossiers)
    .where(
      and(
        inArray(dossiers.agencyCode, [...codes]),
        lt(dossiers.acceptedAt, asOf),
        isNotNull(dossiers.deadline),
        sql`(${dossiers.resolvedAt} is null or ${dossiers.resolvedAt} >= ${asOf})`,
        sql`${dossiers.phase} not in ('withdrawn', 'stopped', 'refused')`,
      ),
    )
    .groupBy(dossiers.agencyCode);
  const openBy = new Map(open.map((r) => [r.agencyCode, r]));

  // Procedures in force for each agency at the end of the period.
  const procs = await db
    .select({ agencyCodes: procedureVersions.agencyCodes, onlineLevel: procedureVersions.onlineLevel })
    .from(procedureVersions)
    .where(
      and(
        eq(procedureVersions.status, 'published'),
        sql`${procedureVersions.effectiveFrom} <= ${asOfDate}`,
        sql`(${procedureVersions.effectiveTo} is null or ${procedureVersions.effectiveTo} >= ${asOfDate})`,
        sql`${procedureVersions.agencyCodes} && array[${sql.join(codes.map((c) => sql`${c}`), sql`, `)}]::text[]`,
      ),
    );

  // Feedback (phản ánh, kiến nghị — questions are not PAKN) received in the period [Art. 13.8].
  const fb = await db
    .select({ agencyCode: feedbackItems.agencyCode, kind: feedbackItems.kind, dueAt: feedbackItems.dueAt, answeredAt: feedbackItems.answeredAt })
    .from(feedbackItems)
    .where(and(inArray(feedbackItems.agencyCode, [...codes]), gte(feedbackItems.receivedAt, from), lt(feedbackItems.receivedAt, to)));

  const agencyResults: AgencyEvaluation[] = agencyRows.map((a) => {
    const mine = resolved.filter((d) => d.agencyCode === a.code);
    const dossierScores = mine.map((d) => scores.get(d.id)!);
    const rec = receivedBy.get(a.code);
    const op = openBy.get(a.code);
    const inForce = procs.filter((p) => p.agencyCodes.includes(a.code));
    const pakn = fb.filter((f) => f.agencyCode === a.code && f.kind !== 'question');
    const onTime = (f: { dueAt: Date; answeredAt: Date | null }) => f.answeredAt !== null && f.answeredAt <= f.dueAt && f.answeredAt <= asOf;
    const lateOnline = mine.filter((d) => d.channel === 'online' && d.classification === 'late').length + (op?.onlineOverdue ?? 0);
    const unit: UnitFacts = {
      level: unitLevel(a.level),
      // which procedures run receipt-to-return wholly at the desk is not recorded by the catalogue
      fullCycleAtDesk: null,
      receivedAndReturnedAtDesk: null,
      publication: null,
      feedback: {
        received: pakn.length,
        answeredOnTime: pakn.filter(onTime).length,
        protracted: pakn.filter((f) => isProtracted(f.kind, f.dueAt.getTime(), f.answeredAt?.getTime() ?? null, asOf.getTime(), cal, clocks)).length,
      },
      onlineOffered: share(inForce.filter((p) => p.onlineLevel !== 'none').length, inForce.length),
      onlineDossiers: share(rec?.online ?? 0, rec?.total ?? 0),
      onlineLateOrOverdue: lateOnline,
    };
    const lateIds = mine.filter((d) => d.classification === 'late').map((d) => d.id);
    const fbDue = fb.filter((f) => f.agencyCode === a.code && f.dueAt <= asOf);
    const ratingList = mine.map((d) => ratings.byDossier.get(d.id)).filter((r) => r !== undefined);
    const inputs: IndicatorInputs = {
      // a version is published only when its content validates complete, so every procedure in force qualifies
      proceduresPublishedComplete: share(inForce.length, inForce.length),
      dossiersPublicForLookup: share(rec?.withCode ?? 0, rec?.total ?? 0),
      apologiesPublished: share(lateIds.filter((id) => apologised.has(id)).length, lateIds.length),
      resolvedOnTime: share(mine.filter((d) => d.classification !== 'late').length, mine.length),
      inProgressNotOverdue: share((op?.total ?? 0) - (op?.overdue ?? 0), op?.total ?? 0),
      dossiersDigitised: share(rec?.digitised ?? 0, rec?.total ?? 0),
      resultsElectronic: share(mine.filter((d) => withResultFile.has(d.id)).length, mine.length),
      proceduresFullyOnline: share(inForce.filter((p) => p.onlineLevel === 'full').length, inForce.length),
      dossiersOnline: share(rec?.online ?? 0, rec?.total ?? 0),
      // no online payment is recorded by the system yet
      paymentsOnline: null,
      ratingsSatisfied: share(ratingList.filter((r) => r.overall !== 'not_satisfied').length, ratingList.length),
      feedbackAnsweredOnTime: share(fbDue.filter(onTime).length, fbDue.length),
    };
    return { agencyCode: a.code, agencyName: a.name, score: scoreAgency(dossierScores, unit), serviceIndex: computeServiceIndex(inputs) };
  });

  // Officers: everyone who handled a dossier scored here, with their role's agency in scope.
  const officerIds = [...handledBy.keys()];
  const people = officerIds.length
    ? await db
        .select({ id: users.id, fullName: users.fullName, agencyCode: userRoles.agencyCode })
        .from(users)
        .innerJoin(userRoles, eq(userRoles.userId, users.id))
        .where(and(inArray(users.id, officerIds), inArray(userRoles.agencyCode, [...codes]), eq(users.kind, 'officer')))
    : [];
  const seen = new Set<string>();
  const officers: OfficerEvaluation[] = [];
  for (const p of people) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    const list = [...handledBy.get(p.id)!].map((id) => scores.get(id)!);
    officers.push({ userId: p.id, fullName: p.fullName, agencyCode: p.agencyCode, score: scoreOfficer(list) });
  }
  officers.sort((a, b) => a.agencyCode.localeCompare(b.agencyCode) || a.fullName.localeCompare(b.fullName, 'vi'));
  agencyResults.sort((a, b) => a.agencyCode.localeCompare(b.agencyCode));
  return { agencies: agencyResults, officers };
}
