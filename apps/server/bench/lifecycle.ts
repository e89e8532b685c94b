/**
 * `npm run bench:lifecycle` — throughput of the dossier lifecycle through the real HTTP server:
 * submissions/s (online, with idempotency keys) and actions/s (desk acceptance, which allocates
 * the dossier code, and forwarding), with p50/p99 latencies. Uses the PostgreSQL server at
 * BENCH_DATABASE_URL or TEST_DATABASE_URL (a database `motcua_bench_lifecycle` is created there and
 * dropped after); targets: ≥ 300 submissions/s, ≥ 1,000 actions/s on 2 cores. The load generator
 * runs on the same machine, so the numbers are a floor, not a capacity.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../src/db/embedded.ts';
import { createDb, createPool } from '../src/db/pool.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { A, birthContent, createFixture, PASSWORD } from '../src/testing/fixture.ts';
import { importCatalogue } from '../src/modules/catalogue/exchange.ts';

const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!admin) {
  console.error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server, e.g. postgres://postgres:pw@127.0.0.1:5432/postgres');
  process.exit(2);
}
const DB = 'motcua_bench_lifecycle';
const root = path.resolve(import.meta.dirname, '../../..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);

const c = new pg.Client({ connectionString: admin });
await c.connect();
await c.query(`drop database if exists ${DB} with (force)`);
await c.query(`create database ${DB}`);
await c.end();
const url = new URL(admin);
url.pathname = `/${DB}`;
const pool = createPool(url.toString(), 4);
await runMigrations(pool);
const db = createDb(pool);
await createFixture(db);
const content = birthContent();
content.cases[0]!.components = content.cases[0]!.components.filter((x) => x.form);
await db.transaction((tx) =>
  importCatalogue(tx, { format: 'motcua-catalogue', formatVersion: 1, fields: [], procedures: [{ code: '1.001193', codeIsOfficial: true, versions: [{ version: 1, status: 'published', effectiveFrom: '2025-01-01', effectiveTo: null, content }] }] }, null),
);
await pool.end();

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'apps/server/src/main.ts'], {
  cwd: root,
  env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', SEED_DEMO: 'false', WEB_DIST: '/nonexistent', SUBMISSIONS_PER_MINUTE: '1000000' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/ready`)).ok) break;
    } catch {}
    if (i > 300) throw new Error('server not ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  // The load generator shares the 2 cores with the server and PostgreSQL, so it must be cheap:
  // node:http with a keep-alive agent costs about half of fetch's CPU per request.
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const request = (method: string, p: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const rq = http.request({ host: '127.0.0.1', port, path: p, method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      rq.on('error', reject);
      rq.end(body);
    });
  const login = async (username: string) => {
    const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    return { cookie: r.headers.getSetCookie().map((x) => x.split(';')[0]).join('; '), csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
  };
  const citizen = await login('citizen.1');
  const desk = await login('reception.a');
  const post = (who: { cookie: string; csrf: string }, p: string, body: unknown, extra: Record<string, string> = {}) =>
    request('POST', p, { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf, ...extra }, JSON.stringify(body));
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

  // Where the CPU goes during a phase: this load generator, the server process, the PostgreSQL
  // backends serving the bench database, and everything else on the machine (from /proc).
  const stat = (pid: number | undefined) => {
    try {
      const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      return { user: Number(f[11]), sys: Number(f[12]) };
    } catch {
      return { user: 0, sys: 0 };
    }
  };
  const ticks = (pid: number | undefined) => {
    const t = stat(pid);
    return t.user + t.sys;
  };
  const machine = () => {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return { busy: f.reduce((a, b) => a + b, 0) - f[3]! - f[4]!, total: f.reduce((a, b) => a + b, 0) };
  };
  const watcher = new pg.Client({ connectionString: url.toString() });
  await watcher.connect();
  const backends = async () => (await watcher.query<{ pid: number }>(`select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [DB])).rows.map((r) => r.pid);
  async function cpuSnapshot() {
    const pids = await backends();
    return { pg: new Map(pids.map((p) => [p, ticks(p)])), server: ticks(server.pid), serverSys: stat(server.pid).sys, client: ticks(process.pid), machine: machine() };
  }
  /** CPU milliseconds per operation in each part; ticks are 1/100 s on Linux. */
  async function cpuSplit(a: Awaited<ReturnType<typeof cpuSnapshot>>, ops: number, secs: number) {
    const b = await cpuSnapshot();
    let pgT = 0;
    for (const [p, t] of b.pg) pgT += t - (a.pg.get(p) ?? 0);
    const server = b.server - a.server;
    const serverSys = b.serverSys - a.serverSys;
    const client = b.client - a.client;
    const busy = b.machine.busy - a.machine.busy;
    const cores = (b.machine.total - a.machine.total) / (secs * 100);
    const per = (t: number) => ((t * 10) / ops).toFixed(2);
    const pctOf = (t: number) => `${Math.round((t / (secs * 100)) * 100)}%`;
    const perOp = { server: (server * 10) / ops, pg: (pgT * 10) / ops, client: (client * 10) / ops };
    console.log(
      `${''.padEnd(22)} CPU per op: server ${perOp.server.toFixed(2)} ms (${pctOf(server)} of a core, ${Math.round((serverSys / Math.max(1, server)) * 100)}% in the kernel), PostgreSQL ${perOp.pg.toFixed(2)} ms (${pctOf(pgT)}), bench client ${perOp.client.toFixed(2)} ms (${pctOf(client)}), rest of machine ${per(busy - server - pgT - client)} ms; ${Math.round((busy / (b.machine.total - a.machine.total)) * 100)}% of ${cores.toFixed(0)} cores busy`,
    );
    // What the measured CPU costs allow on a 2-core machine with nothing else running: the server
    // is one Node process (one core at most), and server + PostgreSQL + load generator share two.
    const bound = Math.min(1000 / perOp.server, 2000 / (perOp.server + perOp.pg + perOp.client));
    console.log(`${''.padEnd(22)} CPU-bound ceiling on 2 idle cores: ~${Math.round(bound)} /s (${1000 / perOp.server < 2000 / (perOp.server + perOp.pg + perOp.client) ? 'server process saturates one core' : 'both cores saturate'})`);
  }

  /** Runs `op` from `concurrency` workers for `seconds`; returns per-op latencies. */
  /** `op` answers true (ok), false (error) or null (nothing left to do: the worker stops). */
  async function load(name: string, op: (worker: number, i: number) => Promise<boolean | null>, limit = Infinity) {
    const lat: number[] = [];
    let errors = 0;
    let issued = 0;
    const cpu0 = await cpuSnapshot();
    const end = performance.now() + seconds * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        for (let i = 0; performance.now() < end && issued < limit; i++) {
          issued++;
          const s = performance.now();
          const ok = await op(w, i);
          if (ok === null) break;
          lat.push(performance.now() - s);
          if (!ok) errors++;
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    const cpuP = cpuSplit(cpu0, lat.length, secs);
    console.log(`${name.padEnd(22)} ${Math.round(lat.length / secs).toString().padStart(6)} /s   p50 ${pct(lat, 50).toFixed(1)} ms   p99 ${pct(lat, 99).toFixed(1)} ms   (${lat.length} in ${secs.toFixed(1)} s, ${errors} errors, ${concurrency} clients)`);
    await cpuP;
    return lat.length;
  }

  const ids: string[] = [];
  const submission = {
    procedureCode: '1.001193', caseCode: 'TH1', agencyCode: A,
    applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234', email: 'huong@example.vn' },
    forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234' } }, files: [], resultChannel: 'desk', notifyChannels: ['in-app', 'email'],
  };
  console.log(`motcua lifecycle benchmark — server PostgreSQL, ${seconds} s per phase, ${concurrency} clients, server log level ${process.env.BENCH_LOG_LEVEL ?? 'warn'}`);
  // Warm-up, not measured: the first seconds of a fresh process go to JIT compilation, the calendar
  // compile and opening pool connections, which a long-running server has long paid for.
  const warmUntil = performance.now() + Number(process.env.BENCH_WARMUP_SECONDS ?? 3) * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; performance.now() < warmUntil; i++) {
        const r = await post(citizen, '/api/v1/dossiers', submission, { 'idempotency-key': `warm-${w}-${i}` });
        if (r.status !== 201) throw new Error(`warm-up submission: ${r.status} ${r.body}`);
        const id = (JSON.parse(r.body) as { id: string }).id;
        await post(desk, `/api/v1/dossiers/${id}/actions`, { type: 'accept' });
        await post(desk, `/api/v1/dossiers/${id}/actions`, { type: 'forward' });
      }
    }),
  );
  await load('submissions', async (w, i) => {
    const r = await post(citizen, '/api/v1/dossiers', submission, { 'idempotency-key': `bench-${w}-${i}` });
    if (r.status !== 201) return false;
    ids.push((JSON.parse(r.body) as { id: string }).id);
    return true;
  });
  const queue = [...ids];
  const accepted: string[] = [];
  await load('actions: accept', async () => {
    const id = queue.pop();
    if (!id) return null;
    const r = await post(desk, `/api/v1/dossiers/${id}/actions`, { type: 'accept' });
    if (r.status === 200) accepted.push(id);
    return r.status === 200;
  });
  const q2 = [...accepted];
  await load('actions: forward', async () => {
    const id = q2.pop();
    if (!id) return null;
    const r = await post(desk, `/api/v1/dossiers/${id}/actions`, { type: 'forward' });
    return r.status === 200;
  });
  await watcher.end();
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  const d = new pg.Client({ connectionString: admin });
  await d.connect();
  await d.query(`drop database if exists ${DB} with (force)`);
  await d.end();
}
