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

/** What `pg` can run a named prepared statement on (a pool client inside the action's transaction). */
interface Queryable {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

const SELECT_FACT_INPUT = `
  select d.agency_code, d.procedure_code, pv.field_code, coalesce(d.applicant->>'communeCode', a.commune_code) as commune_code, d.channel,
         (select coalesce(json_agg(e.event order by e.seq), '[]'::json) from dossier_events e where e.dossier_id = d.id) as events
    from dossiers d
    join procedure_versions pv on pv.id = d.procedure_version_id
    join agencies a on a.code = d.agency_code
   where d.id = $1`;

const UPSERT_FACTS = `
  insert into dossier_stat_facts (dossier_id, agency_code, procedure_code, field_code, commune_code, channel, received_at, end_kind, end_at, classification, paused, overdue, postal_returned_at, event_count)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::tstzmultirange, $12::tstzmultirange, $13, $14)
  on conflict (dossier_id) do update set
    agency_code = excluded.agency_code, procedure_code = excluded.procedure_code, field_code = excluded.field_code,
    commune_code = excluded.commune_code, channel = excluded.channel, received_at = excluded.received_at,
    end_kind = excluded.end_kind, end_at = excluded.end_at, classification = excluded.classification,
    paused = excluded.paused, overdue = excluded.overdue, postal_returned_at = excluded.postal_returned_at,
    event_count = excluded.event_count`;

/**
 * `refreshStatFacts` for the dossier lifecycle's hot path: the same facts, by the same `factsOf`,
 * in two prepared statements on the action's own connection (read dimensions and events together,
 * then upsert) instead of three drizzle-built queries. The reconcile tests (statistics.db.test.ts)
 * compare the rows actions leave with a replay of the events.
 */
export async function refreshStatFactsOn(client: Queryable, dossierId: string, ctx: ClassifyContext): Promise<void> {
  const { rows } = await client.query({ name: 'stat_fact_input', text: SELECT_FACT_INPUT, values: [dossierId] });
  const r = rows[0];
  if (!r) return;
  const events = r.events as DossierEvent[];
  const row = factRow(
    dossierId,
    { agencyCode: r.agency_code as string, procedureCode: r.procedure_code as string, fieldCode: r.field_code as string, communeCode: (r.commune_code as string | null) ?? null, channel: r.channel as string },
    factsOf(events, factsContext(ctx)),
    events.length,
  );
  await client.query({
    name: 'stat_fact_upsert',
    text: UPSERT_FACTS,
    values: [row.dossierId, row.agencyCode, row.procedureCode, row.fieldCode, row.communeCode, row.channel, row.receivedAt, row.endKind, row.endAt, row.classification, tstzMultirangeText(row.paused), tstzMultirangeText(row.overdue), row.postalReturnedAt, row.eventCount],
  });
}
