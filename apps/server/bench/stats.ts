/**
 * `npm run bench:stats` — the province's yearly report (every agency, grouped by agency, with the
 * monthly trend: what GET /api/v1/statistics computes) on BENCH_DOSSIERS generated dossiers
 * (default 10,000,000; e.g. BENCH_DOSSIERS=1000000 for a quicker run) in the bench database
 * (see benchdb.ts). Target ≤ 1 s. Prints timings; asserts nothing.
 */
import { rollUpCode } from '@motcua/domain';
import { addCounts, emptyCounts, identityErrors } from '@motcua/domain/statistics/index.ts';
import { agenciesUnder, groupedCounts, monthlyTrend, periodOf, scopeNodes, type ScopedQuery } from '../src/modules/statistics/repo.ts';
import { benchDatabase, percentile } from './benchdb.ts';

const want = Number(process.env.BENCH_DOSSIERS ?? 10_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const b = await benchDatabase(want);
const facts = Number((await b.pool.query('select count(*) from dossier_stat_facts')).rows[0].count);
console.log(`bench database: ${b.dossiers.toLocaleString('en')} dossiers, ${facts.toLocaleString('en')} fact rows`);
const nodes = await scopeNodes(b.db);
const root = nodes.find((n) => n.parentCode === null)!.code;
const year = new Date().getFullYear() - 1;
const base = (groupBy: ScopedQuery['groupBy']): ScopedQuery => ({ period: periodOf(`${year}-01-01`, `${year + 1}-01-01`), groupBy, agencyCodes: agenciesUnder(nodes, [root]), rollUp: (c) => rollUpCode(nodes, c) });

for (const groupBy of ['agency', 'procedure', 'channel'] as const) {
  const times: number[] = [];
  let total = emptyCounts();
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const [g] = await Promise.all([groupedCounts(b.db, base(groupBy)), monthlyTrend(b.db, base(groupBy))]);
    const ms = performance.now() - t0;
    if (i > 0) times.push(ms); // the first run warms the cache
    total = emptyCounts();
    for (const c of g.values()) total = addCounts(total, c);
  }
  times.sort((x, y) => x - y);
  console.log(
    `yearly report ${year}, province, groupBy=${groupBy}: median ${percentile(times, 50).toFixed(0)} ms, best ${times[0]!.toFixed(0)} ms, worst ${times.at(-1)!.toFixed(0)} ms (${runs} runs) — received ${total.received.toLocaleString('en')}, resolved ${total.resolved.toLocaleString('en')}, identities ${identityErrors(total).length ? 'BROKEN' : 'hold'}`,
  );
}
await b.drop();
