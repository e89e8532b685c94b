import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { fileURLToPath } from 'node:url';
import { fold } from '@motcua/domain/dossier/index.ts';
import { createTestDb } from '../../testing/db.ts';
import { A, birthContent, createFixture, PASSWORD } from '../../testing/fixture.ts';
import { dossierEvents, dossiers, notifications } from '../../db/schema.ts';
import { freePort } from '../../db/embedded.ts';
import { importCatalogue } from '../catalogue/exchange.ts';

const root = fileURLToPath(new URL('../../../../..', import.meta.url));
const t = await createTestDb();
await createFixture(t.db);
const content = birthContent();
content.cases[0]!.components = content.cases[0]!.components.filter((c) => c.form);
await t.db.transaction((tx) =>
  importCatalogue(tx, { format: 'motcua-catalogue', formatVersion: 1, fields: [], procedures: [{ code: '1.001193', codeIsOfficial: true, versions: [{ version: 1, status: 'published', effectiveFrom: '2025-01-01', effectiveTo: null, content }] }] }, null),
);

async function startServer(): Promise<{ proc: ChildProcess; base: string }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: t.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_DEMO: 'false', WEB_DIST: '/nonexistent' },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  // Generous: a cold start compiles the whole server with tsx, which a loaded 2-core CI machine
  // can take well over 30 s to do.
  for (let i = 0; i < 1800; i++) {
    try {
      if ((await fetch(`${base}/ready`)).ok) return { proc, base };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error('server did not start');
}

async function login(base: string, username: string) {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}

test('killing the server (SIGKILL) under load loses no acknowledged submission or acceptance and leaves no half-action', async () => {
  const { proc, base } = await startServer();
  const citizen = await login(base, 'citizen.1');
  const desk = await login(base, 'reception.a');
  const acknowledged = { submitted: new Set<string>(), accepted: new Set<string>() };
  let running = true;
  const postTo = (server: string, who: typeof citizen, path: string, body: unknown, extra: Record<string, string> = {}) =>
    fetch(`${server}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf, ...extra }, body: JSON.stringify(body) });
  const post = (who: typeof citizen, path: string, body: unknown, extra: Record<string, string> = {}) => postTo(base, who, path, body, extra);
  const submitter = async (w: number) => {
    for (let i = 0; running; i++) {
      try {
        const r = await post(citizen, '/api/v1/dossiers', {
          procedureCode: '1.001193', caseCode: 'TH1', agencyCode: A,
          applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234', email: 'huong@example.vn' },
          forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234' } }, files: [], resultChannel: 'desk', notifyChannels: ['in-app', 'email'],
        }, { 'idempotency-key': `crash-${w}-${i}-${Date.now()}` });
        if (r.status === 201) {
          const id = ((await r.json()) as { id: string }).id;
          acknowledged.submitted.add(id);
          const a = await post(desk, `/api/v1/dossiers/${id}/actions`, { type: 'accept' });
          if (a.status === 200) acknowledged.accepted.add(id);
        }
      } catch {
        return; // the server is gone
      }
    }
  };
  const workers = Array.from({ length: 6 }, (_, w) => submitter(w));
  // Kill mid-load: once enough work has been acknowledged (a busy CI machine gets there later), plus
  // a random slice so the kill lands at an arbitrary point of some action.
  for (const until = Date.now() + 60_000; acknowledged.accepted.size <= 5 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 200 + Math.random() * 800));
  proc.kill('SIGKILL');
  running = false;
  await Promise.all(workers);
  assert.ok(acknowledged.accepted.size > 5, `load ran (${acknowledged.submitted.size} submitted, ${acknowledged.accepted.size} accepted)`);

  // Every acknowledged action is there, with its event and its outbox rows.
  for (const id of acknowledged.submitted) {
    const row = (await t.db.select().from(dossiers).where(eq(dossiers.id, id)))[0];
    assert.ok(row, `acknowledged dossier ${id} exists`);
    const notes = await t.db.select().from(notifications).where(eq(notifications.dossierId, id));
    assert.ok(notes.some((n) => n.template === 'dossier.received'), 'its receipt notification is in the outbox');
    if (acknowledged.accepted.has(id)) {
      assert.ok(row.code, 'an acknowledged acceptance has its code');
      assert.ok(notes.some((n) => n.template === 'dossier.accepted'));
    }
  }
  // No half-action anywhere: every dossier's stored state is exactly the fold of its stored events,
  // and a dossier has a code exactly when it has an acceptance event.
  const all = await t.db.select().from(dossiers);
  for (const row of all) {
    const evs = await t.db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, row.id)).orderBy(dossierEvents.seq);
    assert.equal(row.eventCount, evs.length);
    assert.deepEqual(fold(evs.map((e) => e.event)), row.state);
    assert.equal(!!row.code, evs.some((e) => e.type === 'accepted'));
  }
  // Codes stay gap-free after the crash: the next acceptance continues the sequence. Grouped by the
  // day each code carries (a run may cross midnight, Vietnam time): 0001…N within each day.
  const seqsOf = (day: string) => all.filter((r) => r.code?.slice(0, -5) === day).map((r) => Number(r.code!.slice(-4))).sort((a, b) => a - b);
  for (const day of new Set(all.filter((r) => r.code).map((r) => r.code!.slice(0, -5)))) {
    const seqs = seqsOf(day);
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), `codes of ${day}`);
  }
  const again = await startServer();
  try {
    // The restarted server goes on: a dossier submitted after the crash gets the next code.
    const c2 = await login(again.base, 'citizen.1');
    const d2 = await login(again.base, 'reception.a');
    const s = await postTo(again.base, c2, '/api/v1/dossiers', {
      procedureCode: '1.001193', caseCode: 'TH1', agencyCode: A,
      applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234' },
      forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234' } }, files: [], resultChannel: 'desk', notifyChannels: [],
    });
    assert.equal(s.status, 201);
    const r = await postTo(again.base, d2, `/api/v1/dossiers/${((await s.json()) as { id: string }).id}/actions`, { type: 'accept' });
    assert.equal(r.status, 200);
    const code = ((await r.json()) as { code: string }).code;
    assert.equal(Number(code.slice(-4)), seqsOf(code.slice(0, -5)).length + 1, 'the next number of its agency and day');
  } finally {
    again.proc.kill('SIGTERM');
    await new Promise((r) => again.proc.once('exit', r));
  }
});
