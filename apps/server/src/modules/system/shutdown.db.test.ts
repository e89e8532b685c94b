import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestDb } from '../../testing/db.ts';
import { freePort } from '../../db/embedded.ts';

const root = fileURLToPath(new URL('../../../../..', import.meta.url));
const t = await createTestDb();

test('on SIGTERM the server answers the requests already in flight, then closes the database and exits 0', async (tc) => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: t.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_DEMO: 'false', WEB_DIST: '/nonexistent' },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  // A failed assertion must not leave the server running (it would keep the test process alive).
  tc.after(() => {
    if (proc.exitCode === null) proc.kill('SIGKILL');
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/ready`)).ok) break;
    } catch {}
    // Generous: a cold start compiles the whole server with tsx; a loaded CI machine is slow at it.
    assert.ok(i < 1800, 'server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  // Requests whose connections the server has accepted when the signal arrives: each must get an
  // HTTP answer (its result, or 503 while closing), never a reset connection.
  const { request } = await import('node:http');
  const send = () =>
    new Promise<number | string>((resolve) => {
      const req = request(`${base}/api/v1/procedures?q=khai%20sinh&pageSize=100`, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve(`error: ${e.code ?? e.message}`));
      req.end();
    });
  const inFlight = Array.from({ length: 30 }, send);
  // A request sent after those 30 is answered only once the server has accepted their connections.
  assert.equal((await fetch(`${base}/health`)).status, 200);
  proc.kill('SIGTERM');
  const statuses = await Promise.all(inFlight);
  assert.ok(statuses.every((s) => s === 200 || s === 503), JSON.stringify(statuses));
  assert.equal(await exited, 0);
  // After exit, its pool is closed: no connection of the server remains on the database.
  const left = await t.pool.query(`select count(*)::int n from pg_stat_activity where datname = current_database() and application_name = 'motcua' and pid <> pg_backend_pid()`);
  assert.equal(left.rows[0].n, 0);
});
