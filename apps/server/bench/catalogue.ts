/**
 * `npm run bench:catalogue` — starts the real server on a fresh embedded database with the demo
 * province (as `npm start` does on a fresh machine) and prints:
 *   - time from process start to /ready with the demo loaded (target < 60 s);
 *   - catalogue search latency p50/p95/p99 over a mix of queries, sequential and 8 concurrent
 *     clients (target p95 < 50 ms);
 *   - idle RSS of the server process after the load (target < 300 MB; the embedded PostgreSQL
 *     runs as separate processes and is reported apart).
 * Numbers vary with the machine's load; run it on an otherwise idle machine.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../src/db/embedded.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const dataDir = path.join(root, '.tmp/bench-catalogue');
fs.rmSync(dataDir, { recursive: true, force: true });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const t0 = performance.now();
const server = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'apps/server/src/main.ts'], {
  cwd: root,
  env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => new Promise<void>((r) => (server.exitCode !== null ? r() : (server.once('exit', () => r()), server.kill('SIGTERM'))));

try {
  for (;;) {
    try {
      if ((await fetch(`${base}/ready`)).ok) break;
    } catch {}
    if (server.exitCode !== null) throw new Error('server exited');
    if (performance.now() - t0 > 120_000) throw new Error('server not ready after 120 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const startMs = performance.now() - t0;

  const queries = ['', 'q=dang%20ky%20khai%20sinh', 'q=khai%20sinh', 'q=k%E1%BA%BFt%20h%C3%B4n', 'q=giay%20phep%20xay%20dung', 'q=ho%20kinh%20doanh', 'q=chung%20thuc', 'q=ly%20lich%20tu%20phap', 'q=dat%20dai', 'level=commune', 'onlineLevel=full', 'q=dang%20ky&level=commune&page=2&pageSize=10', 'q=xyz%20khong%20co'];
  const one = async (i: number) => {
    const s = performance.now();
    const r = await fetch(`${base}/api/v1/procedures?${queries[i % queries.length]}`);
    await r.arrayBuffer();
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return performance.now() - s;
  };
  for (let i = 0; i < 100; i++) await one(i); // warm-up: JIT, plan cache, pool
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
  const seq: number[] = [];
  for (let i = 0; i < 1000; i++) seq.push(await one(i));
  const conc: number[] = [];
  const tc = performance.now();
  await Promise.all(Array.from({ length: 8 }, async (_, w) => { for (let i = 0; i < 250; i++) conc.push(await one(w * 250 + i)); }));
  const concSec = (performance.now() - tc) / 1000;
  const total = (await (await fetch(`${base}/api/v1/procedures?pageSize=1`)).json()) as { total: number };

  await new Promise((r) => setTimeout(r, 3000)); // let it go idle
  const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const serverRss = rss(server.pid!);
  const pgPid = Number(fs.readFileSync(path.join(dataDir, 'pg/postmaster.pid'), 'utf8').split('\n')[0]);

  const f = (x: number) => x.toFixed(1);
  console.log(`procedures in force: ${total.total}`);
  console.log(`start to ready (fresh data dir, initdb + migrations + demo seed): ${(startMs / 1000).toFixed(1)} s   target < 60 s`);
  console.log(`search, 1 client, 1000 requests:  p50 ${f(pct(seq, 50))} ms  p95 ${f(pct(seq, 95))} ms  p99 ${f(pct(seq, 99))} ms   target p95 < 50 ms`);
  console.log(`search, 8 clients, 2000 requests: p50 ${f(pct(conc, 50))} ms  p95 ${f(pct(conc, 95))} ms  p99 ${f(pct(conc, 99))} ms  (${Math.round(2000 / concSec)} req/s)`);
  console.log(`idle RSS: server ${serverRss.toFixed(0)} MB   target < 300 MB   (embedded PostgreSQL postmaster pid ${pgPid}: ${rss(pgPid).toFixed(0)} MB)`);
} finally {
  await stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
