import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { setupApi, problem } from '../../testing/http.ts';
import { A, A_COMMUNE, B, P } from '../../testing/fixture.ts';
import { agencies, agencyHistory, departments } from '../../db/schema.ts';

const t = await setupApi();
const count = async (table: 'agencies' | 'departments' | 'agency_history') => (await t.db.execute<{ n: number }>(sql.raw(`select count(*)::int n from ${table}`))).rows[0]!.n;

test('anyone can read the agency tree, its levels and an agency with its departments', async () => {
  const list = await t.anon.get('/api/v1/agencies');
  assert.equal(list.statusCode, 200);
  assert.deepEqual(list.json().items.map((a: { code: string }) => a.code), [P, A, B, A_COMMUNE]);
  const one = (await t.anon.get(`/api/v1/agencies/${A}`)).json();
  assert.deepEqual(one.departments.map((d: { code: string }) => d.code), ['HCTP']);
  assert.deepEqual(one.children.map((c: { code: string }) => c.code), [A_COMMUNE]);
  assert.equal((await t.anon.get('/api/v1/agency-levels')).json().items.length, 3);
});

test('agency search ignores diacritics', async () => {
  const r = (await t.anon.get('/api/v1/agencies?q=so tu phap')).json();
  assert.deepEqual(r.items.map((a: { code: string }) => a.code), [A]);
});

test('an unknown agency answers 404, a malformed code 400 naming the parameter', async () => {
  problem(await t.anon.get('/api/v1/agencies/999.99.99.Z99'), 404);
  const p = problem(await t.anon.get('/api/v1/agencies/not-a-code'), 400);
  assert.equal(p.errors?.[0]?.field, 'params.code');
});

test('an agency administrator creates a unit under their own agency; the code format is checked', async () => {
  const c = await t.as('agency_admin.a');
  const r = await c.post('/api/v1/agencies', { code: '000.10.02.H99', name: 'Ủy ban nhân dân xã Hòa Phú', level: 'commune', parentCode: A });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().parentCode, A);
  const before = await count('agencies');
  const bad = problem(await c.post('/api/v1/agencies', { code: '000.10.03.h99', name: '', level: 'commune', parentCode: A, phone: 12 }), 400);
  assert.deepEqual(bad.errors?.map((e) => e.field).sort(), ['code', 'name', 'phone']);
  assert.equal(await count('agencies'), before, 'a refused action writes nothing');
});

test('an agency administrator cannot create a unit under another agency, and a specialist cannot create one at all', async () => {
  const before = await count('agencies');
  problem(await (await t.as('agency_admin.b')).post('/api/v1/agencies', { code: '000.10.09.H99', name: 'X', level: 'commune', parentCode: A }), 403);
  problem(await (await t.as('specialist.a')).post('/api/v1/agencies', { code: '000.10.09.H99', name: 'X', level: 'commune', parentCode: A }), 403);
  problem(await t.anon.post('/api/v1/agencies', { code: '000.10.09.H99', name: 'X', level: 'commune', parentCode: A }), 401);
  assert.equal(await count('agencies'), before);
});

test('a duplicate code is a 409 naming the field; an unknown level or parent a 400', async () => {
  const c = await t.as('system_admin.p');
  assert.equal(problem(await c.post('/api/v1/agencies', { code: A, name: 'X', level: 'department', parentCode: P }), 409).errors?.[0]?.field, 'code');
  assert.equal(problem(await c.post('/api/v1/agencies', { code: '000.00.30.H99', name: 'X', level: 'galaxy', parentCode: P }), 400).errors?.[0]?.field, 'level');
  assert.equal(problem(await c.post('/api/v1/agencies', { code: '000.00.30.H99', name: 'X', level: 'department', parentCode: '000.00.77.H99' }), 400).errors?.[0]?.field, 'parentCode');
});

test('editing an agency keeps a history row; moving it under its own descendant is refused', async () => {
  const c = await t.as('system_admin.p');
  const r = await c.patch(`/api/v1/agencies/${A}`, { hotline: '1900 1234', email: 'stp@daklak.gov.vn' });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().hotline, '1900 1234');
  const hist = await t.db.select().from(agencyHistory).where(eq(agencyHistory.agencyCode, A));
  assert.ok(hist.some((h) => h.kind === 'updated'));
  assert.equal(problem(await c.patch(`/api/v1/agencies/${A}`, { parentCode: A_COMMUNE }), 400).errors?.[0]?.field, 'parentCode');
  problem(await (await t.as('agency_admin.b')).patch(`/api/v1/agencies/${A}`, { hotline: '1' }), 403);
  problem(await (await t.as('leader.a')).patch(`/api/v1/agencies/${A}`, { hotline: '1' }), 403);
});

test('renaming keeps the old name in the history with its effective date', async () => {
  const c = await t.as('agency_admin.b');
  const r = await c.post(`/api/v1/agencies/${B}/rename`, { name: 'Sở Xây dựng và Giao thông', effectiveDate: '2025-07-01' });
  assert.equal(r.statusCode, 200, r.body);
  const h = (await c.get(`/api/v1/agencies/${B}/history`)).json().items;
  const renamed = h.find((x: { kind: string }) => x.kind === 'renamed');
  assert.deepEqual([renamed.before.name, renamed.after.name, renamed.effectiveDate], ['Sở Xây dựng', 'Sở Xây dựng và Giao thông', '2025-07-01']);
  problem(await (await t.as('agency_admin.a')).post(`/api/v1/agencies/${B}/rename`, { name: 'X', effectiveDate: '2025-07-01' }), 403);
  problem(await (await t.as('reception.b')).post(`/api/v1/agencies/${B}/rename`, { name: 'X', effectiveDate: '2025-07-01' }), 403);
  problem(await c.post(`/api/v1/agencies/${B}/rename`, { name: 'X', effectiveDate: '01/07/2025' }), 400);
});

test('the agency history is readable by officers of that agency only', async () => {
  assert.equal((await (await t.as('controller.b')).get(`/api/v1/agencies/${B}/history`)).statusCode, 200);
  problem(await (await t.as('controller.a')).get(`/api/v1/agencies/${B}/history`), 403);
  problem(await t.anon.get(`/api/v1/agencies/${B}/history`), 401);
});

test('departments: an agency administrator adds and deactivates them in their own agency only', async () => {
  const c = await t.as('agency_admin.a');
  const r = await c.post(`/api/v1/agencies/${A}/departments`, { code: 'BTTP', name: 'Phòng Bổ trợ tư pháp' });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(problem(await c.post(`/api/v1/agencies/${A}/departments`, { code: 'BTTP', name: 'Lặp' }), 409).errors?.[0]?.field, 'code');
  assert.equal((await c.patch(`/api/v1/agencies/${A}/departments/BTTP`, { active: false })).json().active, false);
  problem(await c.patch(`/api/v1/agencies/${A}/departments/NOPE`, { active: false }), 404);
  const before = await count('departments');
  problem(await c.post(`/api/v1/agencies/${B}/departments`, { code: 'X', name: 'X' }), 403);
  problem(await (await t.as('head.a')).post(`/api/v1/agencies/${A}/departments`, { code: 'X', name: 'X' }), 403);
  problem(await c.post(`/api/v1/agencies/${A}/departments`, { code: 'bad code!', name: 'X' }), 400);
  assert.equal(await count('departments'), before);
  const rows = await t.db.select().from(departments).where(eq(departments.agencyCode, A));
  assert.equal(rows.length, 2);
});

test('merging agencies: the merged stop being active, keep their rows, their units move to the successor, and figures roll up to it', async () => {
  const c = await t.as('system_admin.p');
  const sub = await c.post('/api/v1/agencies', { code: '000.20.01.H99', name: 'Đơn vị trực thuộc B', level: 'commune', parentCode: B });
  assert.equal(sub.statusCode, 201);
  problem(await (await t.as('agency_admin.a')).post('/api/v1/agencies/merge', { mergedCodes: [B], successorCode: A, effectiveDate: '2025-07-01' }), 403);
  assert.equal(problem(await c.post('/api/v1/agencies/merge', { mergedCodes: [A], successorCode: A, effectiveDate: '2025-07-01' }), 400).errors?.[0]?.field, 'mergedCodes');
  const r = await c.post('/api/v1/agencies/merge', { mergedCodes: [B], successorCode: A, effectiveDate: '2025-07-01', note: 'Nghị quyết sắp xếp' });
  assert.equal(r.statusCode, 200, r.body);
  const b = (await t.db.select().from(agencies).where(eq(agencies.code, B)))[0]!;
  assert.deepEqual([b.status, b.successorCode], ['merged', A]);
  const moved = (await t.db.select().from(agencies).where(eq(agencies.code, '000.20.01.H99')))[0]!;
  assert.equal(moved.parentCode, A);
  assert.ok(!(await t.anon.get('/api/v1/agencies')).json().items.some((a: { code: string }) => a.code === B));
  assert.ok((await t.anon.get('/api/v1/agencies?status=all')).json().items.some((a: { code: string }) => a.code === B));
});

test('agency levels are data: a system administrator adds one, nobody else can', async () => {
  const c = await t.as('system_admin.p');
  assert.equal((await c.put('/api/v1/agency-levels/special-zone', { name: 'Đặc khu', rank: 2 })).statusCode, 200);
  problem(await (await t.as('agency_admin.a')).put('/api/v1/agency-levels/x', { name: 'X', rank: 1 }), 403);
  problem(await c.put('/api/v1/agency-levels/x', { name: 'X', rank: 'high' }), 400);
});
