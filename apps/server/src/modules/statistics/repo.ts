import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { rollUpCode, subtreeCodes, type AgencyNode } from '@motcua/domain';
import { formatInstant, instantAt } from '@motcua/domain/calendar/index.ts';
import type { DossierEvent } from '@motcua/domain/dossier/index.ts';
import {
  addCounts,
  countsFrom,
  emptyCounts,
  factsOf,
  placeOf,
  STATUS_BUCKETS,
  tally,
  withRates,
  type Bucket,
  type Counts,
  type Figures,
  type GroupBy,
  type Period,
  type StatusBucket,
} from '@motcua/domain/statistics/index.ts';
import type { Db, DbOrTx } from '../../db/pool.ts';
import { agencies, dossierEvents, dossiers, dossierStatFacts, fields, procedures, procedureVersions } from '../../db/schema.ts';
import { agencyNodes } from '../organisation/repo.ts';
import type { CalendarService } from '../calendar/service.ts';
import { factsContext } from './facts.ts';
import { carriedOver, fastPathApplies, groupKey, monthlySums, openAtEnd, periodSums } from './days.ts';

/** A period of whole local days [from, to) → instants. */
export function periodOf(from: string, to: string): Period {
  return { from: instantAt(from, '00:00'), to: instantAt(to, '00:00') };
}

/**
 * The agencies whose dossiers count under `roots`: every agency of their subtrees, and every
 * merged agency whose successor chain ends there (its history rolls up into the successor).
 */
export function agenciesUnder(nodes: readonly AgencyNode[], roots: readonly string[]): string[] {
  const inScope = new Set<string>();
  for (const r of roots) for (const c of subtreeCodes(nodes, r)) inScope.add(c);
  return nodes.filter((n) => inScope.has(rollUpCode(nodes, n.code))).map((n) => n.code);
}

const F = dossierStatFacts;

/**
 * Reads side by side on the pool; one after the other inside a transaction, whose single
 * connection must not be sent a query while another runs (node-postgres deprecates it).
 */
async function both<const R extends readonly (() => PromiseLike<unknown>)[]>(db: DbOrTx, ...reads: R): Promise<{ -readonly [K in keyof R]: Awaited<ReturnType<R[K]>> }> {
  type Out = { -readonly [K in keyof R]: Awaited<ReturnType<R[K]>> };
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((r) => r()))) as Out;
  const out: unknown[] = [];
  for (const r of reads) out.push(await r());
  return out as Out;
}

/** The bucket of a fact row at the end of the period, in SQL — the same rule as `placeOf`. */
function statusSql(p: Period): SQL<string> {
  const to = new Date(p.to).toISOString();
  return sql<string>`case
    when ${F.endAt} < ${to}::timestamptz then case when ${F.endKind} = 'resolved' then coalesce(${F.classification}, 'late') else ${F.endKind} end
    when ${F.paused} @> ${to}::timestamptz then 'awaiting-supplement'
    when ${F.overdue} @> ${to}::timestamptz then 'overdue'
    else 'not-due' end`;
}
function intakeSql(p: Period): SQL<string> {
  return sql<string>`case when ${F.receivedAt} < ${new Date(p.from).toISOString()}::timestamptz then 'carried' else 'new' end`;
}
/** Received before the end and not ended before the start (uses dossier_stat_facts_span_idx). */
function countedSql(p: Period): SQL {
  return sql`coalesce(${F.endAt}, 'infinity'::timestamptz) >= ${new Date(p.from).toISOString()}::timestamptz and ${F.receivedAt} < ${new Date(p.to).toISOString()}::timestamptz`;
}
function postalSql(p: Period): SQL {
  return sql`${F.postalReturnedAt} >= ${new Date(p.from).toISOString()}::timestamptz and ${F.postalReturnedAt} < ${new Date(p.to).toISOString()}::timestamptz`;
}

const keySql = (groupBy: GroupBy): SQL<string> => groupKey(F, groupBy);

type Basic = { carried: number; new: number; postalReturned: number } & Record<StatusBucket, number>;
const emptyBasic = (): Basic => ({ carried: 0, new: 0, postalReturned: 0, ...(Object.fromEntries(STATUS_BUCKETS.map((b) => [b, 0])) as Record<StatusBucket, number>) });

export interface ScopedQuery {
  period: Period;
  groupBy: GroupBy;
  /** Agency codes whose dossiers count (already expanded with merged predecessors). */
  agencyCodes: string[];
  /** Maps a dossier's agency to the row it is shown in (its successor after merges). */
  rollUp: (code: string) => string;
  /** Only dossiers received through this channel (the portal's per-online-service figures). */
  channel?: 'direct' | 'online' | 'postal';
}

/**
 * The report's counts per row. A period of whole local days (every report the screens, exports and
 * periodic reports make) is read from the day and month sums and the dossiers open at its two ends
 * (days.ts); any other period places each dossier's facts (`groupedCountsByDossier`).
 */
export async function groupedCounts(db: DbOrTx, q: ScopedQuery): Promise<Map<string, Counts>> {
  if (!fastPathApplies(q.period)) return groupedCountsByDossier(db, q);
  const [sums, carried, open] = await both(db, () => periodSums(db, q), () => carriedOver(db, q), () => openAtEnd(db, q));
  const { basics, at } = rows(q);
  for (const [k, x] of sums) {
    const b = at(k);
    b.new += x.received;
    b.postalReturned += x.postalReturned;
    for (const [bucket, n] of Object.entries(x.ended)) b[bucket as StatusBucket] += n;
  }
  for (const [k, n] of carried) at(k).carried += n;
  for (const [k, m] of open) {
    const b = at(k);
    for (const [bucket, n] of Object.entries(m)) b[bucket as StatusBucket] += n ?? 0;
  }
  // A key whose every figure is zero (a day row netted to nothing) is no row of the report.
  for (const [k, b] of basics) if (Object.values(b).every((n) => n === 0)) basics.delete(k);
  return new Map([...basics].map(([k, b]) => [k, countsFrom(b)]));
}

/** The report's rows being filled: `at(key)` is the row of a dossier's key (its agency's successor after merges). */
function rows(q: ScopedQuery) {
  const basics = new Map<string, Basic>();
  const at = (k: string) => {
    const kk = q.groupBy === 'agency' ? q.rollUp(k) : k;
    let b = basics.get(kk);
    if (!b) basics.set(kk, (b = emptyBasic()));
    return b;
  };
  return { basics, at };
}

/** Every counted dossier placed in the period from its facts: one grouped scan of the fact table. */
export async function groupedCountsByDossier(db: DbOrTx, q: ScopedQuery): Promise<Map<string, Counts>> {
  const key = keySql(q.groupBy);
  const scope = and(inArray(F.agencyCode, q.agencyCodes), q.channel ? eq(F.channel, q.channel) : undefined);
  const [main, postal] = await both(
    db,
    () =>
      db
        .select({ key, intake: intakeSql(q.period), status: statusSql(q.period), n: sql<number>`count(*)::int` })
        .from(F)
        .where(and(countedSql(q.period), scope))
        .groupBy(sql`1, 2, 3`),
    () => db.select({ key, n: sql<number>`count(*)::int` }).from(F).where(and(postalSql(q.period), scope)).groupBy(sql`1`),
  );
  const { basics, at } = rows(q);
  for (const r of main) {
    const b = at(r.key);
    b[r.intake as 'carried' | 'new'] += r.n;
    b[r.status as StatusBucket] += r.n;
  }
  for (const r of postal) at(r.key).postalReturned += r.n;
  return new Map([...basics].map(([k, b]) => [k, countsFrom(b)]));
}

/** Received, resolved and on-time rate per month of the period (the trend chart). */
export async function monthlyTrend(db: DbOrTx, q: ScopedQuery): Promise<{ month: string; received: number; resolved: number; onTimeRate: number | null }[]> {
  const from = new Date(q.period.from).toISOString();
  const to = new Date(q.period.to).toISOString();
  const scope = inArray(F.agencyCode, q.agencyCodes);
  const month = (col: SQL | typeof F.receivedAt) => sql<string>`to_char(${col} at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')`;
  const sums = fastPathApplies(q.period) ? await monthlySums(db, q) : null;
  const [rec, res] = sums
    ? [[...sums].map(([m, x]) => ({ m, n: x.received })), [...sums].map(([m, x]) => ({ m, n: x.resolved, good: x.good }))]
    : await both(
    db,
    () => db.select({ m: month(F.receivedAt), n: sql<number>`count(*)::int` }).from(F).where(and(sql`${F.receivedAt} >= ${from}::timestamptz and ${F.receivedAt} < ${to}::timestamptz`, scope)).groupBy(sql`1`),
    () =>
      db
        .select({ m: month(F.endAt), n: sql<number>`count(*)::int`, good: sql<number>`count(*) filter (where ${F.classification} in ('early', 'on-time'))::int` })
        .from(F)
        .where(and(sql`${F.endKind} = 'resolved' and ${F.endAt} >= ${from}::timestamptz and ${F.endAt} < ${to}::timestamptz`, scope))
        .groupBy(sql`1`),
  );
  const months: string[] = [];
  const first = formatInstant(q.period.from).slice(0, 7);
  const last = formatInstant(q.period.to - 1).slice(0, 7);
  for (let [y, m] = first.split('-').map(Number) as [number, number]; `${y}-${String(m).padStart(2, '0')}` <= last; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    if (months.length > 240) break;
  }
  const r = new Map(rec.map((x) => [x.m, x.n]));
  const s = new Map(res.map((x) => [x.m, x]));
  return months.map((m) => ({ month: m, received: r.get(m) ?? 0, resolved: s.get(m)?.n ?? 0, onTimeRate: s.get(m)?.n ? s.get(m)!.good / s.get(m)!.n : null }));
}

/** The dossiers behind one figure, paged; `keyFilter` narrows to one row of the grouped table. */
export async function drillDown(db: Db, q: ScopedQuery & { bucket: Bucket; key?: string; page: number; pageSize: number }) {
  const status = statusSql(q.period);
  const intake = intakeSql(q.period);
  const conds: SQL[] = [inArray(F.agencyCode, q.agencyCodes)];
  if (q.bucket === 'postal-returned') conds.push(postalSql(q.period));
  else {
    conds.push(countedSql(q.period));
    if (q.bucket === 'carried' || q.bucket === 'new') conds.push(sql`${intake} = ${q.bucket}`);
    else if (q.bucket === 'resolved') conds.push(sql`${status} in ('early', 'on-time', 'late')`);
    else if (q.bucket === 'in-progress') conds.push(sql`${status} in ('not-due', 'overdue')`);
    else if (q.bucket !== 'received') conds.push(sql`${status} = ${q.bucket}`);
  }
  if (q.key !== undefined) {
    if (q.groupBy === 'agency') {
      const codes = q.agencyCodes.filter((c) => q.rollUp(c) === q.key);
      conds.push(inArray(F.agencyCode, codes.length ? codes : ['']));
    } else conds.push(sql`${keySql(q.groupBy)} = ${q.key}`);
  }
  const rows = await db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      agencyCode: F.agencyCode,
      procedureCode: F.procedureCode,
      procedureName: dossiers.procedureName,
      channel: F.channel,
      receivedAt: F.receivedAt,
      endAt: F.endAt,
      status: q.bucket === 'postal-returned' ? sql<string>`'postal-returned'` : status,
      total: sql<number>`count(*) over ()`,
    })
    .from(F)
    .innerJoin(dossiers, eq(dossiers.id, F.dossierId))
    .where(and(...conds))
    .orderBy(asc(F.receivedAt), asc(F.dossierId))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      agencyCode: r.agencyCode,
      procedureCode: r.procedureCode,
      procedureName: r.procedureName,
      channel: r.channel,
      receivedAt: formatInstant(r.receivedAt!.getTime()),
      endedAt: r.endAt && r.endAt.getTime() < q.period.to ? formatInstant(r.endAt.getTime()) : null,
      status: r.status,
    })),
    total: Number(rows[0]?.total ?? 0),
  };
}

/**
 * The slow path: every dossier of the scope replayed from its raw events with the domain rules,
 * placed in the period, and compared dossier by dossier with the fact table's SQL placement.
 */
export async function reconcile(db: Db, calendar: CalendarService, q: ScopedQuery) {
  const placed = await db
    .select({ id: F.dossierId, code: dossiers.code, intake: intakeSql(q.period), status: statusSql(q.period), counted: sql<boolean>`${countedSql(q.period)}`, postal: sql<boolean>`coalesce(${postalSql(q.period)}, false)` })
    .from(F)
    .innerJoin(dossiers, eq(dossiers.id, F.dossierId))
    .where(inArray(F.agencyCode, q.agencyCodes));
  const fastById = new Map(placed.map((r) => [r.id, r]));
  const fast = emptyCounts();
  const basic = emptyBasic();
  for (const r of placed) {
    if (r.postal) basic.postalReturned++;
    if (!r.counted) continue;
    basic[r.intake as 'carried' | 'new']++;
    basic[r.status as StatusBucket]++;
  }
  Object.assign(fast, countsFrom(basic));

  const recomputed = emptyCounts();
  const mismatches: { id: string; code: string | null; fast: string | null; recomputed: string | null }[] = [];
  const list = await db.select({ id: dossiers.id, code: dossiers.code, agencyCode: dossiers.agencyCode }).from(dossiers).where(inArray(dossiers.agencyCode, q.agencyCodes)).orderBy(asc(dossiers.id));
  const BATCH = 2000;
  for (let i = 0; i < list.length; i += BATCH) {
    const part = list.slice(i, i + BATCH);
    const evs = await db
      .select({ id: dossierEvents.dossierId, event: dossierEvents.event })
      .from(dossierEvents)
      .where(inArray(dossierEvents.dossierId, part.map((d) => d.id)))
      .orderBy(asc(dossierEvents.dossierId), asc(dossierEvents.seq));
    const byId = new Map<string, DossierEvent[]>();
    for (const e of evs) {
      const l = byId.get(e.id) ?? [];
      l.push(e.event as DossierEvent);
      byId.set(e.id, l);
    }
    for (const d of part) {
      const compiled = await calendar.compiled(d.agencyCode);
      const f = factsOf(byId.get(d.id) ?? [], factsContext(compiled));
      tally(recomputed, f, q.period);
      const pl = placeOf(f, q.period);
      const want = pl ? `${pl.intake}/${pl.status}` : null;
      const r = fastById.get(d.id);
      const got = r && r.counted ? `${r.intake}/${r.status}` : null;
      if ((want !== got || (r?.postal ?? false) !== (f.postalReturnedAt !== null && f.postalReturnedAt >= q.period.from && f.postalReturnedAt < q.period.to)) && mismatches.length < 100) {
        mismatches.push({ id: d.id, code: d.code, fast: got, recomputed: want });
      }
    }
  }
  const a = withRates(fast);
  const b = withRates(recomputed);
  let sums: Figures | null = null;
  if (fastPathApplies(q.period)) {
    let total = emptyCounts();
    for (const c of (await groupedCounts(db, q)).values()) total = addCounts(total, c);
    sums = withRates(total);
  }
  const equal = mismatches.length === 0 && JSON.stringify(a) === JSON.stringify(b) && (sums === null || JSON.stringify(sums) === JSON.stringify(b));
  return { dossiers: list.length, fast: a, sums, recomputed: b, equal, mismatches };
}

export async function scopeNodes(db: DbOrTx): Promise<AgencyNode[]> {
  return agencyNodes(db);
}

/** Labels of the rows: agency, field and procedure names; communes by the agency seated there. */
export async function labelsFor(db: DbOrTx, groupBy: GroupBy, keys: string[], lang: 'vi' | 'en' = 'vi'): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!keys.length) return out;
  switch (groupBy) {
    case 'agency':
    case 'commune': {
      const col = groupBy === 'agency' ? agencies.code : agencies.communeCode;
      const rows = await db.select({ k: col, name: agencies.name, nameEn: agencies.nameEn }).from(agencies).where(inArray(col, keys));
      for (const r of rows) if (r.k && !out.has(r.k)) out.set(r.k, lang === 'en' && r.nameEn ? r.nameEn : r.name);
      break;
    }
    case 'field': {
      const rows = await db.select({ k: fields.code, name: fields.name, nameEn: fields.nameEn }).from(fields).where(inArray(fields.code, keys));
      for (const r of rows) out.set(r.k, lang === 'en' && r.nameEn ? r.nameEn : r.name);
      break;
    }
    case 'procedure': {
      const rows = await db
        .selectDistinctOn([procedures.code], { k: procedures.code, name: procedureVersions.name })
        .from(procedures)
        .innerJoin(procedureVersions, eq(procedureVersions.procedureId, procedures.id))
        .where(inArray(procedures.code, keys))
        .orderBy(procedures.code, sql`${procedureVersions.version} desc`);
      for (const r of rows) out.set(r.k, r.name);
      break;
    }
    case 'channel': {
      const names: Record<string, [string, string]> = { direct: ['Trực tiếp', 'Direct'], online: ['Trực tuyến', 'Online'], postal: ['Qua bưu chính công ích', 'Postal (received)'] };
      for (const k of keys) out.set(k, names[k]?.[lang === 'en' ? 1 : 0] ?? k);
      break;
    }
  }
  if (groupBy === 'commune' && keys.includes('')) out.set('', lang === 'en' ? 'Not known' : 'Không xác định');
  return out;
}

/**
 * The report the statistics page shows (`GET /api/v1/statistics`): the grouped rows (largest first),
 * their total and the monthly trend. Kept periodic reports store exactly this.
 */
export async function buildReport(db: DbOrTx, sq: ScopedQuery, from: string, to: string, agency: string | null) {
  const [grouped, trend] = await both(db, () => groupedCounts(db, sq), () => monthlyTrend(db, sq));
  const labels = await labelsFor(db, sq.groupBy, [...grouped.keys()]);
  let total: Counts = emptyCounts();
  const rows = [...grouped].map(([key, c]) => {
    total = addCounts(total, c);
    return { key, label: labels.get(key) ?? key, figures: withRates(c) };
  });
  rows.sort((a, b) => b.figures.received - a.figures.received || a.key.localeCompare(b.key));
  return { from, to, groupBy: sq.groupBy as string, agency, rows, total: withRates(total), trend };
}
export type BuiltReport = Awaited<ReturnType<typeof buildReport>>;

export function figuresOf(c: Counts): Figures {
  return withRates(c);
}
