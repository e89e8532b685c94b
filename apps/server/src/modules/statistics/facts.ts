import { asc, eq, sql } from 'drizzle-orm';
import { classifyClock, type CompiledCalendar, type DeadlinePolicy } from '@motcua/domain/calendar/index.ts';
import { factsOf, type FactsContext, type StatFacts } from '@motcua/domain/statistics/index.ts';
import type { DossierEvent } from '@motcua/domain/dossier/index.ts';
import type { Db, DbOrTx } from '../../db/pool.ts';
import type { CalendarService } from '../calendar/service.ts';
import { agencies, dossierEvents, dossiers, dossierStatFacts, procedureVersions, tstzMultirangeText } from '../../db/schema.ts';

/** The calendar and policy the working-time engine classifies with. */
export interface ClassifyContext {
  cal: CompiledCalendar;
  policy: DeadlinePolicy;
}

export function factsContext(ctx: ClassifyContext): FactsContext {
  return {
    overdueFrom: ctx.policy.overdueFrom,
    // `limit` plays no part in classifying a resolved clock: its deadline and appointment are in it.
    classify: (clock) => classifyClock(clock, { cal: ctx.cal, policy: ctx.policy, limit: 0 })!.outcome,
  };
}

/** The dimensions of a dossier that statistics group by (fixed at submission). */
export interface FactDimensions {
  agencyCode: string;
  procedureCode: string;
  fieldCode: string;
  communeCode: string | null;
  channel: string;
}

export type FactRow = typeof dossierStatFacts.$inferInsert;

export function factRow(dossierId: string, dims: FactDimensions, f: StatFacts, eventCount: number): FactRow {
  const d = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    dossierId,
    ...dims,
    receivedAt: d(f.receivedAt),
    endKind: f.end?.kind ?? null,
    endAt: d(f.end?.at ?? null),
    classification: f.classification,
    paused: f.paused,
    overdue: f.overdue,
    postalReturnedAt: d(f.postalReturnedAt),
    eventCount,
  };
}

/** Dimensions of one dossier: the field from its procedure version, the commune from the applicant or else the agency. */
export async function dimensionsOf(db: DbOrTx, dossierId: string): Promise<FactDimensions | undefined> {
  const [r] = await db
    .select({
      agencyCode: dossiers.agencyCode,
      procedureCode: dossiers.procedureCode,
      fieldCode: procedureVersions.fieldCode,
      communeCode: sql<string | null>`coalesce(${dossiers.applicant}->>'communeCode', ${agencies.communeCode})`,
      channel: dossiers.channel,
    })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(agencies, eq(agencies.code, dossiers.agencyCode))
    .where(eq(dossiers.id, dossierId));
  return r;
}

/**
 * Rewrites the dossier's statistical facts from its events. Called in the transaction that
 * appended an event, so the facts commit (or roll back) with it and are never behind.
 */
export async function refreshStatFacts(tx: DbOrTx, dossierId: string, ctx: ClassifyContext): Promise<void> {
  const dims = await dimensionsOf(tx, dossierId);
  if (!dims) return;
  const evs = await tx.select({ event: dossierEvents.event }).from(dossierEvents).where(eq(dossierEvents.dossierId, dossierId)).orderBy(asc(dossierEvents.seq));
  const row = factRow(dossierId, dims, factsOf(evs.map((e) => e.event as DossierEvent), factsContext(ctx)), evs.length);
  const set: Partial<FactRow> = { ...row };
  delete set.dossierId;
  await tx.insert(dossierStatFacts).values(row).onConflictDoUpdate({ target: dossierStatFacts.dossierId, set });
}

/**
 * Writes the facts of every dossier whose row is missing or behind its event count (dossiers
 * that existed before the fact table, or data loaded by other means). Returns how many it wrote.
 */
export async function rebuildStatFacts(db: Db, calendar: CalendarService, log: (m: string) => void = () => {}): Promise<number> {
  const stale = await db
    .select({ id: dossiers.id, agencyCode: dossiers.agencyCode })
    .from(dossiers)
    .leftJoin(dossierStatFacts, eq(dossierStatFacts.dossierId, dossiers.id))
    .where(sql`${dossierStatFacts.dossierId} is null or ${dossierStatFacts.eventCount} <> ${dossiers.eventCount}`);
  for (const [i, d] of stale.entries()) {
    const compiled = await calendar.compiled(d.agencyCode);
    await db.transaction(async (tx) => {
      // The same lock as an action: a dossier being acted on now is rewritten after it.
      await tx.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.id, d.id)).for('update');
      await refreshStatFacts(tx, d.id, compiled);
    });
    if ((i + 1) % 10_000 === 0) log(`${i + 1} / ${stale.length}`);
  }
  return stale.length;
}

/**
 * `refreshStatFacts` for the dossier lifecycle's hot path: the same facts, by the same `factsOf`,
 * upserted by a data-modifying CTE of the action's own statement (dossiers/sql.ts). The row hangs
 * off the guarded update `source` (a CTE with an `id` column), so it is written exactly when the
 * event is, in the same implicit transaction; the events are read with the dossier before deciding
 * (immutable rows, and the write is guarded by the event count they were read at). Parameters
 * `$first` … `$first+13` are `factParams(…)`: 12 fact values and a flag (false when the dossier's
 * dimensions were not found, as `refreshStatFacts` then writes nothing). The reconcile tests
 * (statistics.db.test.ts) compare the rows actions leave with a replay of the events.
 */
export function factUpsertCte(source: string, first: number): string {
  const p = (i: number) => `$${first + i}`;
  return `
  insert into dossier_stat_facts (dossier_id, agency_code, procedure_code, field_code, commune_code, channel, received_at, end_kind, end_at, classification, paused, overdue, postal_returned_at, event_count)
  select ${source}.id, ${p(0)}::text, ${p(1)}::text, ${p(2)}::text, ${p(3)}::text, ${p(4)}::text, ${p(5)}::timestamptz, ${p(6)}::text, ${p(7)}::timestamptz, ${p(8)}::text,
         ${p(9)}::tstzmultirange, ${p(10)}::tstzmultirange, ${p(11)}::timestamptz, ${p(12)}::integer
    from ${source} where ${p(13)}::boolean
  on conflict (dossier_id) do update set
    agency_code = excluded.agency_code, procedure_code = excluded.procedure_code, field_code = excluded.field_code,
    commune_code = excluded.commune_code, channel = excluded.channel, received_at = excluded.received_at,
    end_kind = excluded.end_kind, end_at = excluded.end_at, classification = excluded.classification,
    paused = excluded.paused, overdue = excluded.overdue, postal_returned_at = excluded.postal_returned_at,
    event_count = excluded.event_count`;
}

/** The facts of a dossier whose complete event list is `events` — the parameters of `factUpsertCte`. */
export function factParams(dims: FactDimensions | null, events: readonly DossierEvent[], ctx: ClassifyContext): unknown[] {
  if (!dims) return [null, null, null, null, null, null, null, null, null, null, null, null, null, false];
  const row = factRow('', dims, factsOf(events, factsContext(ctx)), events.length);
  return [row.agencyCode, row.procedureCode, row.fieldCode, row.communeCode, row.channel, row.receivedAt, row.endKind, row.endAt, row.classification, tstzMultirangeText(row.paused), tstzMultirangeText(row.overdue), row.postalReturnedAt, row.eventCount, true];
}
