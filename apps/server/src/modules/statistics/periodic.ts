/**
 * Periodic reports (báo cáo định kỳ) [004 Art. 24.9; SPEC §15]: once a quarter, half year or year
 * has closed (00:00 Vietnam time of the day after it), its report is generated and kept — the
 * figures as the statistics page shows them (grouped by agency) and the Excel and PDF files made by
 * the same exporters as the live downloads — for the province and for every agency whose subtree
 * counted dossiers in the period.
 *
 * Each report is written in one transaction that first takes an advisory lock on its
 * (kind, period, scope) and looks for an existing row, so a retry, a second pass or a second
 * server never makes two; the unique index `statistics_reports_period_scope_uq` is the last guard.
 * The province's report of a period is generated last, so "the province report exists" means the
 * period is complete and the hourly pass costs one small query once everything is kept.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rollUpCode, type AgencyNode } from '@motcua/domain';
import { localDateOf } from '@motcua/domain/calendar/index.ts';
import { closedPeriods, reportPeriodTitle, type ReportPeriod } from '@motcua/domain/statistics/index.ts';
import type { Figures } from '@motcua/domain/statistics/index.ts';
import type { Db } from '../../db/pool.ts';
import { dossierStatFacts, statisticsReports } from '../../db/schema.ts';
import { appendAudit } from '../../audit.ts';
import type { WorkerLog } from '../../notifications/worker.ts';
import { agenciesUnder, buildReport, groupedCounts, labelsFor, periodOf, scopeNodes } from './repo.ts';
import { reportWorkbook } from './xlsx.ts';
import { reportPdf } from './pdf.ts';

/** Namespace of the advisory locks taken per report (the second key is the hash of kind, period and scope). */
const REPORT_LOCK = 727_100_010;
const DEFAULT_INTERVAL_MS = 3_600_000;

const dmy = (d: string) => d.split('-').reverse().join('/');

function rootOf(nodes: readonly AgencyNode[]): string {
  const root = nodes.find((n) => n.parentCode === null && n.status === 'active') ?? nodes.find((n) => n.parentCode === null);
  if (!root) throw new Error('no province root agency');
  return root.code;
}

/**
 * Generates the report of one period for one scope unless it is already kept. One transaction:
 * lock, look, compute, render, insert, audit. Resolves with the row's id and whether this call made it.
 */
export async function generateReport(db: Db, p: ReportPeriod, scopeCode: string, by: { id: string; name: string } | null = null): Promise<{ id: string; created: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REPORT_LOCK}, hashtext(${`${p.kind}|${p.key}|${scopeCode}`}))`);
    const [kept] = await tx
      .select({ id: statisticsReports.id })
      .from(statisticsReports)
      .where(and(eq(statisticsReports.kind, p.kind), eq(statisticsReports.periodKey, p.key), eq(statisticsReports.scopeCode, scopeCode)));
    if (kept) return { id: kept.id, created: false };

    const nodes = await scopeNodes(tx);
    const root = rootOf(nodes);
    const sq = { period: periodOf(p.fromDate, p.toDateExclusive), groupBy: 'agency' as const, agencyCodes: agenciesUnder(nodes, [scopeCode]), rollUp: (c: string) => rollUpCode(nodes, c) };
    const report = await buildReport(tx, sq, p.fromDate, p.toDateExclusive, scopeCode);
    const names = await labelsFor(tx, 'agency', [root, scopeCode]);
    const lastDay = localDateOf(sq.period.to - 1);
    const rows = report.rows as { key: string; label: string; figures: Figures }[];
    const xlsx = await reportWorkbook(`BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ TTHC ${reportPeriodTitle(p)} — ${names.get(scopeCode) ?? scopeCode} (từ ${p.fromDate} đến ${lastDay})`, 'agency', rows, report.total);
    const [y, m, d] = localDateOf(Date.now()).split('-');
    const pdf = await reportPdf({
      governingBody: names.get(root) ?? '',
      agencyName: names.get(scopeCode) ?? '',
      placeDate: `Ngày ${d} tháng ${m} năm ${y}`,
      title: `BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH ${reportPeriodTitle(p)}`,
      period: `Kỳ báo cáo: từ ngày ${dmy(p.fromDate)} đến ngày ${dmy(lastDay)}.`,
      groupBy: 'agency',
      rows,
      total: report.total,
    });
    const [row] = await tx
      .insert(statisticsReports)
      .values({ kind: p.kind, periodKey: p.key, fromDate: p.fromDate, toDate: p.toDateExclusive, scopeCode, generatedBy: by?.id ?? null, figures: report, xlsx, pdf })
      .onConflictDoNothing()
      .returning({ id: statisticsReports.id });
    if (!row) {
      // Only reachable if the lock was bypassed (a manual insert): the kept row wins.
      const [other] = await tx.select({ id: statisticsReports.id }).from(statisticsReports).where(and(eq(statisticsReports.kind, p.kind), eq(statisticsReports.periodKey, p.key), eq(statisticsReports.scopeCode, scopeCode)));
      return { id: other!.id, created: false };
    }
    await appendAudit(tx, { actorId: by?.id ?? null, actorName: by?.name ?? 'Báo cáo định kỳ (tự động)', action: 'statistics.report.generate', targetType: 'statistics_report', targetId: row.id, data: { kind: p.kind, period: p.key, scope: scopeCode } });
    return { id: row.id, created: true };
  });
}

/**
 * The scopes of a period besides the province: every active agency whose subtree counted a
 * dossier (received, or a result returned by post) in it. An agency with nothing to report gets no
 * empty report; its parents do, up to the province.
 */
export async function scopesWithData(db: Db, nodes: readonly AgencyNode[], p: ReportPeriod): Promise<string[]> {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const counts = await groupedCounts(db, { period: periodOf(p.fromDate, p.toDateExclusive), groupBy: 'agency', agencyCodes: nodes.map((n) => n.code), rollUp: (c) => rollUpCode(nodes, c) });
  const out = new Set<string>();
  for (const [code, c] of counts) {
    if (!c.received && !c.postalReturned) continue;
    for (let n = byCode.get(code); n && !out.has(n.code); n = n.parentCode ? byCode.get(n.parentCode) : undefined) if (n.status === 'active') out.add(n.code);
  }
  out.delete(rootOf(nodes));
  return [...out].sort();
}

/** The first receipt on record: periods that ended before it have nothing to report. */
export async function firstReceipt(db: Db): Promise<number | null> {
  const [r] = await db.select({ at: sql<Date | null>`min(${dossierStatFacts.receivedAt})` }).from(dossierStatFacts);
  return r?.at ? new Date(r.at).getTime() : null;
}

export interface DuePassOptions {
  now?: number;
  /** The first receipt, when the caller already knows it (the worker caches it). */
  since?: number | null;
  log?: WorkerLog;
  /** Checked between reports: a shutdown does not wait for a long first pass. */
  shouldStop?: () => boolean;
}

/** Generates every missing report of the periods closed by `now`; resolves with how many it made. */
export async function generateDue(db: Db, o: DuePassOptions = {}): Promise<number> {
  const now = o.now ?? Date.now();
  const since = o.since ?? (await firstReceipt(db));
  if (since === null) return 0;
  const periods = closedPeriods(now, since);
  if (!periods.length) return 0;
  const nodes = await scopeNodes(db);
  const root = rootOf(nodes);
  const done = await db
    .select({ kind: statisticsReports.kind, key: statisticsReports.periodKey })
    .from(statisticsReports)
    .where(and(eq(statisticsReports.scopeCode, root), inArray(statisticsReports.periodKey, periods.map((p) => p.key))));
  const complete = new Set(done.map((r) => `${r.kind}|${r.key}`));
  let made = 0;
  for (const p of periods) {
    if (complete.has(`${p.kind}|${p.key}`)) continue;
    for (const scope of [...(await scopesWithData(db, nodes, p)), root]) {
      if (o.shouldStop?.()) return made;
      const r = await generateReport(db, p, scope);
      if (r.created) made++;
    }
    o.log?.info({ period: p.key }, 'periodic statistics report kept');
  }
  return made;
}

export interface PeriodicReports {
  /** Runs a pass now (after the one in flight) and resolves with the number of reports it made. */
  runNow(): Promise<number>;
  /** Lets the report in flight finish, stops the schedule, and resolves. */
  stop(): Promise<void>;
}

/**
 * Starts the schedule: one pass at start, then one every `intervalMs` (an hour). Nothing it does
 * can throw into the caller: a failed pass is logged and the next one tries again.
 */
export function startPeriodicReports(o: { db: Db; log: WorkerLog; intervalMs?: number }): PeriodicReports {
  const intervalMs = o.intervalMs ?? DEFAULT_INTERVAL_MS;
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let since: number | null = null;
  let running: Promise<number> = Promise.resolve(0);

  const pass = async (): Promise<number> => {
    try {
      if (since === null) since = await firstReceipt(o.db);
      if (since === null) return 0;
      return await generateDue(o.db, { since, log: o.log, shouldStop: () => stopping });
    } catch (e) {
      o.log.error({ err: e }, 'periodic statistics reports pass failed');
      return 0;
    }
  };
  const schedule = () => {
    if (stopping) return;
    timer = setTimeout(() => {
      running = running.then(pass);
      void running.then(schedule);
    }, intervalMs);
    timer.unref();
  };
  running = pass();
  void running.then(schedule);

  return {
    runNow() {
      running = running.then(pass);
      return running;
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
