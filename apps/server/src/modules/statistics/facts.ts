import { asc, eq, sql } from 'drizzle-orm';
import { classifyClock, type CompiledCalendar, type DeadlinePolicy } from '@motcua/domain/calendar/index.ts';
import { factsOf, type FactsContext, type StatFacts } from '@motcua/domain/statistics/index.ts';
import type { DossierEvent } from '@motcua/domain/dossier/index.ts';
import type { Db, DbOrTx } from '../../db/pool.ts';
import type { CalendarService } from '../calendar/service.ts';
import { agencies, dossierEvents, dossiers, dossierStatFacts, procedureVersions } from '../../db/schema.ts';

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
