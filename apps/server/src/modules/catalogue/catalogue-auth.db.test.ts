import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { setupApi, problem, type Client } from '../../testing/http.ts';
import { birthContent } from '../../testing/fixture.ts';

/**
 * Authorization of the catalogue's version endpoints and of the catalogue import: an anonymous
 * caller, a wrong role and the administrator of the sibling agency are refused, and a refused call
 * writes nothing (no version, no change to a draft, no publication, no audit row).
 */
const t = await setupApi();
const admin = await t.as('system_admin.p');
assert.equal((await admin.post('/api/v1/admin/procedures', { code: '1.001193', content: birthContent() })).statusCode, 201);
assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);
assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions', {})).statusCode, 201, 'a draft version 2 of agency A');

const snapshot = async () => ({
  versions: (await t.db.execute(sql`select procedure_id, version, status, content, effective_from, effective_to from procedure_versions order by procedure_id, version`)).rows,
  procedures: (await t.db.execute<{ n: number }>(sql`select count(*)::int n from procedures`)).rows[0]!.n,
  fields: (await t.db.execute<{ n: number }>(sql`select count(*)::int n from fields`)).rows[0]!.n,
  audit: (await t.db.execute<{ n: number }>(sql`select count(*)::int n from audit_log where action like 'procedure.%' or action like 'catalogue.%'`)).rows[0]!.n,
});
const tomorrow = () => new Date(Date.now() + 7 * 3600_000 + 86400_000).toISOString().slice(0, 10);

/** Refused for a procedure of agency A: nobody signed in, roles that do not edit, and agency B's administrator. */
const refusedCallers = async (): Promise<{ who: string; c: Client; status: number }[]> => [
  { who: 'anonymous', c: t.anon, status: 401 },
  { who: 'a specialist of the agency', c: await t.as('specialist.a'), status: 403 },
  { who: 'a controller of the agency (reads, never edits)', c: await t.as('controller.a'), status: 403 },
  { who: 'the agency administrator of the sibling agency', c: await t.as('agency_admin.b'), status: 403 },
];

test('a new version of a procedure is drafted only by an administrator over its agencies; anyone else is refused and nothing is written', async () => {
  await admin.put('/api/v1/admin/procedures/1.001193/versions/2', birthContent({ name: 'Đăng ký khai sinh (bản nháp)' }));
  // With no draft open, a refused caller would otherwise create version 3.
  const r = await admin.post('/api/v1/admin/procedures/1.001193/versions/2/publish', { effectiveFrom: tomorrow() });
  assert.equal(r.statusCode, 200, r.body);
  const before = await snapshot();
  for (const { who, c, status } of await refusedCallers()) {
    assert.equal(problem(await c.post('/api/v1/admin/procedures/1.001193/versions', {}), status).status, status, who);
    assert.equal(problem(await c.post('/api/v1/admin/procedures/1.001193/versions', { content: birthContent() }), status).status, status, `${who} (with content)`);
  }
  assert.deepEqual(await snapshot(), before);
  const created = await (await t.as('agency_admin.a')).post('/api/v1/admin/procedures/1.001193/versions', {});
  assert.equal(created.statusCode, 201, created.body);
  assert.deepEqual(created.json().versions.map((v: { version: number }) => v.version), [1, 2, 3]);
});

test('a draft is edited only by an administrator over its agencies; anyone else is refused and the draft is unchanged', async () => {
  const before = await snapshot();
  for (const { who, c, status } of await refusedCallers()) assert.equal(problem(await c.put('/api/v1/admin/procedures/1.001193/versions/3', birthContent({ name: 'Sửa trái phép' })), status).status, status, who);
  problem(await (await t.as('agency_admin.a')).put('/api/v1/admin/procedures/1.001193/versions/3', { name: 1 }), 400);
  problem(await (await t.as('agency_admin.a')).put('/api/v1/admin/procedures/9.999999/versions/1', birthContent()), 404);
  assert.deepEqual(await snapshot(), before);
  assert.equal((await (await t.as('agency_admin.a')).put('/api/v1/admin/procedures/1.001193/versions/3', birthContent({ name: 'Đăng ký khai sinh lưu động' }))).statusCode, 200);
});

test('a draft is published only by an administrator over its agencies; anyone else is refused and it stays a draft', async () => {
  const before = await snapshot();
  const date = new Date(Date.now() + 7 * 3600_000 + 3 * 86400_000).toISOString().slice(0, 10);
  for (const { who, c, status } of await refusedCallers()) assert.equal(problem(await c.post('/api/v1/admin/procedures/1.001193/versions/3/publish', { effectiveFrom: date }), status).status, status, who);
  problem(await (await t.as('agency_admin.a')).post('/api/v1/admin/procedures/1.001193/versions/3/publish', { effectiveFrom: 'soon' }), 400);
  assert.deepEqual(await snapshot(), before);
  const r = await (await t.as('agency_admin.a')).post('/api/v1/admin/procedures/1.001193/versions/3/publish', { effectiveFrom: date });
  assert.equal(r.statusCode, 200, r.body);
});

test('the catalogue import is for the province administrator only: anonymous callers, agency administrators of either agency and officers are refused, and nothing is imported', async () => {
  const file = (await admin.get('/api/v1/admin/catalogue/export')).json();
  file.fields.push({ code: 'CHUNG_THUC', name: 'Chứng thực', sector: 'Tư pháp' });
  file.procedures.push({ code: 'DEMO-NEW-1', codeIsOfficial: false, versions: [{ version: 1, status: 'draft', effectiveFrom: null, effectiveTo: null, content: birthContent({ name: 'Thủ tục nhập thử' }) }] });
  const before = await snapshot();
  const callers = [
    { who: 'anonymous', c: t.anon, status: 401 },
    { who: "agency A's administrator", c: await t.as('agency_admin.a'), status: 403 },
    { who: "agency B's administrator", c: await t.as('agency_admin.b'), status: 403 },
    { who: 'a controller', c: await t.as('controller.a'), status: 403 },
  ];
  for (const { who, c, status } of callers) assert.equal(problem(await c.post('/api/v1/admin/catalogue/import', file), status).status, status, who);
  assert.deepEqual(await snapshot(), before);
  const r = await admin.post('/api/v1/admin/catalogue/import', file);
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual([r.json().proceduresCreated, r.json().versionsAdded], [1, 1]);
});
