import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { setupApi, problem } from '../../testing/http.ts';
import { A, A_COMMUNE, B, P } from '../../testing/fixture.ts';

const t = await setupApi();
const userCount = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int n from users`)).rows[0]!.n;

test('an agency administrator lists the officers of their agency and its units, with ID numbers and phones masked', async () => {
  const r = await (await t.as('agency_admin.a')).get('/api/v1/users');
  assert.equal(r.statusCode, 200);
  const items = r.json().items as { username: string; idNumber: string; phone: string; roles: { agencyCode: string }[] }[];
  assert.ok(items.length >= 7);
  assert.ok(items.every((u) => u.roles.some((x) => x.agencyCode === A || x.agencyCode === A_COMMUNE)), 'only officers inside the scope');
  assert.equal(items[0]!.idNumber, '********1234');
  assert.equal(items[0]!.phone, '091****678');
  problem(await (await t.as('agency_admin.a')).get(`/api/v1/users?agency=${B}`), 403);
  problem(await (await t.as('leader.a')).get('/api/v1/users'), 403);
});

test('a new officer gets a temporary password once and must change it at first sign-in [001 Art. 24.2]', async () => {
  const admin = await t.as('agency_admin.a');
  const r = await admin.post('/api/v1/users', { username: 'nguyen.van.a', fullName: 'Nguyễn Văn A', roles: [{ role: 'specialist', agencyCode: A, departmentCode: 'HCTP' }] });
  assert.equal(r.statusCode, 201, r.body);
  const temp = r.json().temporaryPassword as string;
  assert.ok(temp.length >= 10);
  const me = await t.anon.post('/api/v1/auth/login', { username: 'nguyen.van.a', password: temp });
  assert.equal(me.json().mustChangePassword, true);
  assert.equal(problem(await admin.post('/api/v1/users', { username: 'NGUYEN.VAN.A', fullName: 'X', roles: [{ role: 'specialist', agencyCode: A }] }), 409).errors?.[0]?.field, 'username');
});

test('an administrator cannot grant roles outside their scope, nor make a system administrator', async () => {
  const admin = await t.as('agency_admin.a');
  const before = await userCount();
  problem(await admin.post('/api/v1/users', { username: 'xx1', fullName: 'X', roles: [{ role: 'specialist', agencyCode: B }] }), 403);
  problem(await admin.post('/api/v1/users', { username: 'xx2', fullName: 'X', roles: [{ role: 'system_admin', agencyCode: A }] }), 403);
  problem(await (await t.as('head.a')).post('/api/v1/users', { username: 'xx3', fullName: 'X', roles: [{ role: 'specialist', agencyCode: A }] }), 403);
  assert.equal(problem(await admin.post('/api/v1/users', { username: 'xx4', fullName: 'X', roles: [{ role: 'specialist', agencyCode: A, departmentCode: 'QLXD' }] }), 400).errors?.[0]?.field, 'roles.0.departmentCode');
  const bad = problem(await admin.post('/api/v1/users', { username: 'a b', fullName: '', roles: [], idNumber: '123', phone: '+84' }), 400);
  assert.deepEqual(bad.errors?.map((e) => e.field).sort(), ['fullName', 'idNumber', 'phone', 'roles', 'username']);
  assert.equal(await userCount(), before);
});

test('a province administrator may create a system administrator', async () => {
  const r = await (await t.as('system_admin.p')).post('/api/v1/users', { username: 'qt2', fullName: 'Quản trị 2', roles: [{ role: 'system_admin', agencyCode: P }], initialPassword: 'Quan tri so 2 2026' });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().temporaryPassword, undefined);
});

test('disabling an officer ends their sessions; an administrator of another agency cannot touch them', async () => {
  const victim = await t.as('reception.a');
  const list = (await (await t.as('agency_admin.a')).get('/api/v1/users?q=reception.a')).json().items;
  const id = list.find((u: { username: string }) => u.username === 'reception.a').id;
  problem(await (await t.as('agency_admin.b')).patch(`/api/v1/users/${id}`, { disabled: true }), 403);
  problem(await (await t.as('agency_admin.b')).get(`/api/v1/users/${id}`), 403);
  problem(await (await t.as('agency_admin.b')).post(`/api/v1/users/${id}/reset-password`), 403);
  const r = await (await t.as('agency_admin.a')).patch(`/api/v1/users/${id}`, { disabled: true });
  assert.equal(r.json().disabled, true);
  problem(await victim.get('/api/v1/auth/me'), 401);
  problem(await t.anon.post('/api/v1/auth/login', { username: 'reception.a', password: 'Fixture-pass-2026' }), 401);
});

test('resetting a password unlocks the account and forces a change', async () => {
  const admin = await t.as('agency_admin.a');
  const id = (await admin.get('/api/v1/users?q=head.a')).json().items.find((u: { username: string }) => u.username === 'head.a').id;
  const r = await admin.post(`/api/v1/users/${id}/reset-password`);
  assert.equal(r.statusCode, 200);
  const login = await t.anon.post('/api/v1/auth/login', { username: 'head.a', password: r.json().temporaryPassword });
  assert.equal(login.json().mustChangePassword, true);
  problem(await admin.get('/api/v1/users/00000000-0000-4000-8000-000000000000'), 404);
  problem(await admin.get('/api/v1/users/not-a-uuid'), 400);
});

test('changing roles needs scope over both the old and the new roles', async () => {
  const adminA = await t.as('agency_admin.a');
  const id = (await adminA.get('/api/v1/users?q=leader.a')).json().items.find((u: { username: string }) => u.username === 'leader.a').id;
  problem(await adminA.patch(`/api/v1/users/${id}`, { roles: [{ role: 'leader', agencyCode: B }] }), 403);
  const ok = await adminA.patch(`/api/v1/users/${id}`, { roles: [{ role: 'leader', agencyCode: A_COMMUNE }] });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json().roles, [{ role: 'leader', agencyCode: A_COMMUNE, departmentCode: null }]);
});
