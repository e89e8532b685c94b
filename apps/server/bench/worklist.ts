/**
 * `npm run bench:worklist` — latency of the officers' work lists (GET /api/v1/worklists/:list,
 * through the real Fastify app) on BENCH_DOSSIERS generated dossiers (default 1,000,000) in the
 * bench database (see benchdb.ts). Target p99 ≤ 50 ms. Prints p50/p99 per list; asserts nothing.
 */
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { DEMO_PASSWORD } from '../src/seed/demo.ts';
import { benchDatabase, percentile } from './benchdb.ts';

const want = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
const n = Number(process.env.BENCH_REQUESTS ?? 200);
const b = await benchDatabase(want);
console.log(`bench database: ${b.dossiers.toLocaleString('en')} dossiers`);
const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent' }), db: b.db, pool: b.pool, logger: false });
await app.ready();
async function login(username: string) {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.body}`);
  return r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
// The demo catalogue's procedures are received by the communes, so the commune's officers carry
// the generated open work; Sở Tư pháp's officers show the cost of an (almost) empty list.
const cases: [string, string][] = [
  ['tuphap.xa', 'mine'],
  ['tuphap.xa', 'department'],
  ['motcua.xa', 'reception'],
  ['motcua.xa', 'handover'],
  ['motcua.xa', 'results'],
  ['ld.xa', 'overdue'],
  ['cv.tuphap', 'mine'],
  ['motcua.tuphap', 'results'],
  // Consultations and inter-agency tasks are asked of an agency inside the dossier's state.
  ['cv.tuphap', 'consultations'],
  ['tuphap.xa', 'tasks'],
];
for (const [user, list] of cases) {
  const cookie = await login(user);
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < n + 10; i++) {
    const page = 1 + (i % 3);
    const t0 = performance.now();
    const r = await app.inject({ method: 'GET', url: `/api/v1/worklists/${list}?page=${page}&pageSize=50`, headers: { cookie } });
    const ms = performance.now() - t0;
    if (r.statusCode !== 200) throw new Error(`${list}: ${r.statusCode} ${r.body}`);
    total = r.json().total;
    if (i >= 10) times.push(ms);
  }
  times.sort((x, y) => x - y);
  console.log(`worklist ${list.padEnd(10)} as ${user.padEnd(14)} total ${String(total).padStart(8)}: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`);
}
await app.close();
await b.drop();
