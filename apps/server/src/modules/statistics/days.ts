/**
 * The report's fast path over whole days (SPEC §15): instead of placing every dossier of the period,
 *  - received, ended (by ending) and returned by post in the period are summed from the month rows
 *    of its whole months and the day rows of its partial months (`dossier_stat_months`,
 *    `dossier_stat_days`, kept by triggers from the facts in the writing transaction);
 *  - carried over = the dossiers open at the period's start, and the in-progress buckets = the
 *    dossiers open at its end, each an index lookup of "open at an instant"
 *    (`dossier_stat_facts_open_idx`), a few thousand rows whatever the history.
 * Every counted dossier is either ended in the period or open at its end, and either open at its
 * start or received in it, so these add up to exactly what placing each dossier gives (`placeOf`);
 * statistics.db.test.ts compares the two on every period of the fixture.
 */
import { and, inArray, sql, type SQL } from 'drizzle-orm';
import { periodSpans, type GroupBy, type Period, type StatusBucket } from '@motcua/domain/statistics/index.ts';
import type { DbOrTx } from '../../db/pool.ts';
import { dossierStatDays as D, dossierStatFacts as F, dossierStatMonths as M } from '../../db/schema.ts';

export interface DaySums {
  received: number;
  postalReturned: number;
  ended: Record<'early' | 'on-time' | 'late' | 'refused' | 'withdrawn' | 'stopped', number>;
}

export interface FastScope {
  period: Period;
  groupBy: GroupBy;
  agencyCodes: string[];
  channel?: string | undefined;
}

/** The row key of a report grouped by `groupBy`, on the facts or on the day/month sums (same column names). */
export function groupKey(t: typeof F | typeof D | typeof M, groupBy: GroupBy): SQL<string> {
  const col = { agency: t.agencyCode, field: t.fieldCode, procedure: t.procedureCode, commune: t.communeCode, channel: t.channel }[groupBy];
  // Facts may have no commune; the sums store '' for it.
  return groupBy === 'commune' ? sql<string>`coalesce(${col}, '')` : sql<string>`${col}`;
}

/** Whether the fast path can answer the period (whole local days). */
export function fastPathApplies(p: Period): boolean {
  return periodSpans(p) !== null;
}

/** Received, ended and postal-returned in the period, per key, from the month and day sums. */
export async function periodSums(db: DbOrTx, q: FastScope): Promise<Map<string, DaySums>> {
  const spans = periodSpans(q.period);
  if (!spans) throw new Error('periodSums needs a period of whole local days');
  const parts: SQL[] = [];
  const select = (t: typeof D | typeof M, when: SQL) =>
    sql`select ${groupKey(t, q.groupBy)} k, ${t.received} received, ${t.early} early, ${t.onTime} on_time, ${t.late} late, ${t.refused} refused, ${t.withdrawn} withdrawn, ${t.stopped} stopped, ${t.postalReturned} postal
        from ${t} where ${and(when, inArray(t.agencyCode, q.agencyCodes), q.channel ? sql`${t.channel} = ${q.channel}` : undefined)}`;
  if (spans.months) parts.push(select(M, sql`${M.month} >= ${spans.months.from}::date and ${M.month} < ${spans.months.to}::date`));
  for (const d of spans.days) parts.push(select(D, sql`${D.day} >= ${d.from}::date and ${D.day} < ${d.to}::date`));
  const out = new Map<string, DaySums>();
  if (!parts.length || !q.agencyCodes.length) return out;
  const { rows } = await db.execute<Record<string, string | number>>(
    sql`select k, sum(received)::int received, sum(early)::int early, sum(on_time)::int on_time, sum(late)::int late, sum(refused)::int refused,
               sum(withdrawn)::int withdrawn, sum(stopped)::int stopped, sum(postal)::int postal
          from (${sql.join(parts, sql` union all `)}) x group by k`,
  );
  for (const r of rows) {
    out.set(String(r.k), {
      received: Number(r.received),
      postalReturned: Number(r.postal),
      ended: { early: Number(r.early), 'on-time': Number(r.on_time), late: Number(r.late), refused: Number(r.refused), withdrawn: Number(r.withdrawn), stopped: Number(r.stopped) },
    });
  }
  return out;
}

/** The facts open at `at` (received before it, not ended before it): the same expression as the index. */
function openAt(at: number): SQL {
  return sql`tstzrange(${F.receivedAt}, case when ${F.endAt} < ${F.receivedAt} then ${F.receivedAt} else ${F.endAt} end, '(]') @> ${new Date(at).toISOString()}::timestamptz and ${F.receivedAt} is not null`;
}

/** Per key: the dossiers carried over into the period (open at its start). */
export async function carriedOver(db: DbOrTx, q: FastScope): Promise<Map<string, number>> {
  const rows = await db
    .select({ k: groupKey(F, q.groupBy), n: sql<number>`count(*)::int` })
    .from(F)
    .where(and(openAt(q.period.from), inArray(F.agencyCode, q.agencyCodes), q.channel ? sql`${F.channel} = ${q.channel}` : undefined))
    .groupBy(sql`1`);
  return new Map(rows.map((r) => [r.k, Number(r.n)]));
}

/** Per key and bucket: the dossiers still open at the period's end — awaiting supplement, overdue or not yet due then. */
export async function openAtEnd(db: DbOrTx, q: FastScope): Promise<Map<string, Partial<Record<StatusBucket, number>>>> {
  const to = new Date(q.period.to).toISOString();
  const rows = await db
    .select({
      k: groupKey(F, q.groupBy),
      status: sql<string>`case when ${F.paused} @> ${to}::timestamptz then 'awaiting-supplement' when ${F.overdue} @> ${to}::timestamptz then 'overdue' else 'not-due' end`,
      n: sql<number>`count(*)::int`,
    })
    .from(F)
    .where(and(openAt(q.period.to), inArray(F.agencyCode, q.agencyCodes), q.channel ? sql`${F.channel} = ${q.channel}` : undefined))
    .groupBy(sql`1, 2`);
  const out = new Map<string, Partial<Record<StatusBucket, number>>>();
  for (const r of rows) {
    const m = out.get(r.k) ?? {};
    m[r.status as StatusBucket] = Number(r.n);
    out.set(r.k, m);
  }
  return out;
}

/** Received and resolved (and resolved early or on time) per month of the period, from the sums. */
export async function monthlySums(db: DbOrTx, q: FastScope): Promise<Map<string, { received: number; resolved: number; good: number }>> {
  const spans = periodSpans(q.period);
  if (!spans) throw new Error('monthlySums needs a period of whole local days');
  const parts: SQL[] = [];
  const scope = (t: typeof D | typeof M) => inArray(t.agencyCode, q.agencyCodes);
  if (spans.months)
    parts.push(sql`select to_char(${M.month}, 'YYYY-MM') m, ${M.received} received, ${M.early} + ${M.onTime} + ${M.late} resolved, ${M.early} + ${M.onTime} good
      from ${M} where ${M.month} >= ${spans.months.from}::date and ${M.month} < ${spans.months.to}::date and ${scope(M)}`);
  for (const d of spans.days)
    parts.push(sql`select to_char(${D.day}, 'YYYY-MM') m, ${D.received} received, ${D.early} + ${D.onTime} + ${D.late} resolved, ${D.early} + ${D.onTime} good
      from ${D} where ${D.day} >= ${d.from}::date and ${D.day} < ${d.to}::date and ${scope(D)}`);
  const out = new Map<string, { received: number; resolved: number; good: number }>();
  if (!parts.length || !q.agencyCodes.length) return out;
  const { rows } = await db.execute<Record<string, string | number>>(
    sql`select m, sum(received)::int received, sum(resolved)::int resolved, sum(good)::int good from (${sql.join(parts, sql` union all `)}) x group by m`,
  );
  for (const r of rows) out.set(String(r.m), { received: Number(r.received), resolved: Number(r.resolved), good: Number(r.good) });
  return out;
}
