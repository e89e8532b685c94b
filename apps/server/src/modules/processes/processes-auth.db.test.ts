import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { setupApi, problem } from '../../testing/http.ts';
import { A, B, birthContent } from '../../testing/fixture.ts';

/**
 * Authorization of the process designer's endpoints (edit, publish, validate): an anonymous
 * caller, a wrong role and an agency administrator of the sibling agency are refused, and a
 * refused call writes nothing.
 */
const t = await setupApi();
const admin = await t.as('system_admin.p');
const content = birthContent();
content.cases[0]!.components = content.cases[0]!.components.filter((c) => c.form);
await admin.post('/api/v1/admin/procedures', { code: '1.001193', content });
await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' });

const definition = {
  name: 'Đăng ký khai sinh — Sở Tư pháp',
  steps: [
    { code: 'TN', name: 'Tiếp nhận', stage: 'reception', role: 'reception', budgetHours: 1, assignment: 'group', next: 'TD' },
    { code: 'TD', name: 'Thẩm định', stage: 'processing', role: 'specialist', departmentCode: 'HCTP', budgetHours: 4, assignment: 'group', next: 'TKQ' },
    { code: 'TKQ', name: 'Trả kết quả', stage: 'return', role: 'reception', budgetHours: 0, assignment: 'group', next: null },
  ],
};
const adminA = await t.as('agency_admin.a');
const created = await adminA.post('/api/v1/admin/processes', { agencyCode: A, procedureCode: '1.001193', definition });
assert.equal(created.statusCode, 201, created.body);
const id: string = created.json().id;

/** Everything a refused call could have changed: the process rows and the audit log. */
const snapshot = async () => ({
  processes: (await t.db.execute(sql`select id, status, definition, published_at from processes order by id`)).rows,
  audit: (await t.db.execute<{ n: number }>(sql`select count(*)::int n from audit_log where action like 'process.%'`)).rows[0]!.n,
});
const edited = { ...definition, name: 'Sửa bởi người không có quyền' };
const refusedCallers = async () => [
  { who: 'anonymous', c: t.anon, status: 401 },
  { who: 'a specialist of the agency', c: await t.as('specialist.a'), status: 403 },
  { who: 'a controller of the agency (reads, never edits)', c: await t.as('controller.a'), status: 403 },
  { who: 'the agency administrator of the sibling agency', c: await t.as('agency_admin.b'), status: 403 },
];

test('a process draft is edited only by an administrator of its agency; anyone else is refused and the draft is unchanged', async () => {
  const before = await snapshot();
  for (const { who, c, status } of await refusedCallers()) assert.equal(problem(await c.put(`/api/v1/admin/processes/${id}`, { definition: edited }), status).status, status, who);
  assert.deepEqual(await snapshot(), before);
  problem(await adminA.put(`/api/v1/admin/processes/${id}`, { definition: { name: 'x' } }), 400);
  problem(await adminA.put('/api/v1/admin/processes/00000000-0000-4000-8000-000000000000', { definition }), 404);
  assert.deepEqual(await snapshot(), before, 'bad input writes nothing either');
  assert.equal((await adminA.put(`/api/v1/admin/processes/${id}`, { definition: edited })).json().definition.name, edited.name);
});

test('a process is published only by an administrator of its agency; anyone else is refused and it stays a draft', async () => {
  const before = await snapshot();
  for (const { who, c, status } of await refusedCallers()) assert.equal(problem(await c.post(`/api/v1/admin/processes/${id}/publish`), status).status, status, who);
  assert.deepEqual(await snapshot(), before);
  assert.equal((await (await t.as('system_admin.p')).get(`/api/v1/admin/processes?agency=${A}`)).json().items[0].status, 'draft');
});

test('the designer check answers errors and warnings by field for the agency\'s own administrator', async () => {
  const ok = await adminA.post('/api/v1/admin/processes/validate', { agencyCode: A, procedureCode: '1.001193', definition });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json(), { errors: [], warnings: [] });
  const bad = structuredClone(definition);
  bad.steps[1]!.departmentCode = 'NOPE';
  bad.steps[1]!.budgetHours = 40;
  const r = (await adminA.post('/api/v1/admin/processes/validate', { agencyCode: A, procedureCode: '1.001193', definition: bad })).json();
  assert.deepEqual(r.errors.map((e: { field: string }) => e.field), ['definition.steps.1.departmentCode']);
  assert.deepEqual(r.warnings.map((e: { field: string }) => e.field), ['definition.steps']);
  assert.equal((await admin.post('/api/v1/admin/processes/validate', { agencyCode: A, procedureCode: '1.001193', definition })).statusCode, 200, 'the province administrator too');
});

test('the designer check refuses a malformed body naming the fields, and an unknown agency', async () => {
  const p = problem(await adminA.post('/api/v1/admin/processes/validate', { agencyCode: 'not-a-code', procedureCode: 7 }), 400);
  const fields = p.errors!.map((e) => e.field);
  for (const f of ['agencyCode', 'procedureCode', 'definition']) assert.ok(fields.includes(f), `${f} in ${fields.join(', ')}`);
  assert.equal(problem(await adminA.post('/api/v1/admin/processes/validate', { agencyCode: '000.00.88.H99', procedureCode: '1.001193', definition }), 400).errors?.[0]?.field, 'agencyCode');
});

test("the designer check is refused to anonymous callers, other roles and the sibling agency's administrator, who would otherwise read its departments", async () => {
  const before = await snapshot();
  for (const { who, c, status } of await refusedCallers()) assert.equal(problem(await c.post('/api/v1/admin/processes/validate', { agencyCode: A, procedureCode: '1.001193', definition }), status).status, status, who);
  assert.equal((await (await t.as('agency_admin.b')).post('/api/v1/admin/processes/validate', { agencyCode: B, procedureCode: '1.001193', definition })).statusCode, 200, 'its own agency is checked (and told the procedure is not performed there)');
  assert.deepEqual(await snapshot(), before);
});
