import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { setupApi, problem } from '../../testing/http.ts';
import { users, auditLog } from '../../db/schema.ts';
import { verifyAuditChain } from '../../audit.ts';
import { MAX_FAILED_LOGINS } from './routes.ts';

const t = await setupApi();

test('an officer signs in with a correct password and gets an HTTP-only session cookie and a CSRF token', async () => {
  const r = await t.anon.post('/api/v1/auth/login', { username: 'specialist.a', password: 'Fixture-pass-2026' });
  assert.equal(r.statusCode, 200);
  const sid = r.cookies.find((c) => c.name === 'motcua_sid');
  assert.ok(sid?.httpOnly, 'session cookie must be HTTP-only');
  assert.equal(sid?.sameSite, 'Lax');
  assert.ok(r.json().csrfToken);
  assert.deepEqual(r.json().roles, [{ role: 'specialist', agencyCode: '000.00.10.H99', departmentCode: null }]);
});

test('a wrong password answers 401 problem+json and does not reveal whether the account exists', async () => {
  const wrong = problem(await t.anon.post('/api/v1/auth/login', { username: 'head.a', password: 'nope-nope-1' }), 401);
  const unknown = problem(await t.anon.post('/api/v1/auth/login', { username: 'nobody', password: 'nope-nope-1' }), 401);
  assert.equal(wrong.title, unknown.title);
});

test('a login without a password names the missing field', async () => {
  const p = problem(await t.anon.post('/api/v1/auth/login', { username: 'x' }), 400);
  assert.deepEqual(p.errors?.map((e) => e.field), ['password']);
  const q = problem(await t.anon.post('/api/v1/auth/login', { username: 5, password: 'x', extra: 1 }), 400);
  assert.deepEqual(q.errors?.map((e) => e.field).sort(), ['extra', 'username']);
});

test(`after ${MAX_FAILED_LOGINS} wrong passwords the account is locked, even for the right password`, async () => {
  for (let i = 0; i < MAX_FAILED_LOGINS; i++) await t.anon.post('/api/v1/auth/login', { username: 'leader.b', password: `wrong-${i}-xx` });
  const locked = problem(await t.anon.post('/api/v1/auth/login', { username: 'leader.b', password: 'Fixture-pass-2026' }), 423) as { lockedUntil?: string };
  assert.match(locked.lockedUntil ?? '', /\+07:00$/, 'the answer says until when');
  const row = (await t.db.select().from(users).where(eq(users.username, 'leader.b')))[0]!;
  assert.ok(row.lockedUntil && row.lockedUntil > new Date());
});

test('a cookie-authenticated write without the CSRF token is refused and changes nothing', async () => {
  const c = await t.as('reception.a');
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: c.cookie } });
  problem(r, 403);
  assert.equal((await c.get('/api/v1/auth/me')).statusCode, 200, 'session must still be valid');
});

test('an account that must change its password can do nothing else until it does (001 Art. 24.2)', async () => {
  await t.db.update(users).set({ mustChangePassword: true }).where(eq(users.username, 'controller.a'));
  const c = await t.as('controller.a');
  assert.equal((await c.get('/api/v1/auth/me')).json().mustChangePassword, true);
  const blocked = problem(await c.get('/api/v1/agencies/000.00.10.H99/history'), 403);
  assert.match(blocked.type, /password-change-required/);
  const weak = problem(await c.post('/api/v1/auth/password', { currentPassword: 'Fixture-pass-2026', newPassword: 'short1' }), 400);
  assert.equal(weak.errors?.[0]?.field, 'newPassword');
  const wrongCurrent = problem(await c.post('/api/v1/auth/password', { currentPassword: 'bad', newPassword: 'Một mật khẩu mới 2026' }), 400);
  assert.equal(wrongCurrent.errors?.[0]?.field, 'currentPassword');
  assert.equal((await c.post('/api/v1/auth/password', { currentPassword: 'Fixture-pass-2026', newPassword: 'Một mật khẩu mới 2026' })).statusCode, 204);
  assert.equal((await c.get('/api/v1/agencies/000.00.10.H99/history')).statusCode, 200);
  await t.as('controller.a', 'Một mật khẩu mới 2026');
});

test('signing out ends the session', async () => {
  const c = await t.as('head.b');
  assert.equal((await c.post('/api/v1/auth/logout')).statusCode, 204);
  problem(await c.get('/api/v1/auth/me'), 401);
});

test('every sign-in and change lands in the hash-chained audit log, and editing a row breaks the chain', async () => {
  // A row whose data has several keys in non-jsonb order must verify too.
  const admin = await t.as('system_admin.p');
  assert.equal((await admin.put('/api/v1/fields/ZZ_TEST', { sector: 'Thử', name: 'Lĩnh vực thử' })).statusCode, 200);
  assert.equal(await verifyAuditChain(t.db), null);
  const rows = await t.db.select().from(auditLog);
  assert.ok(rows.some((r) => r.action === 'auth.login'));
  await t.db.update(auditLog).set({ action: 'auth.logout' }).where(eq(auditLog.id, rows[0]!.id));
  assert.equal(await verifyAuditChain(t.db), rows[0]!.id);
});

test('an unknown API path answers 404 problem+json', async () => {
  problem(await t.anon.get('/api/v1/nothing-here'), 404);
});
