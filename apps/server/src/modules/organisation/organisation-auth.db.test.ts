import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { setupApi, problem } from '../../testing/http.ts';
import { A } from '../../testing/fixture.ts';

/** Authorization of a department's edit: only administrators over its agency; a refused call changes nothing. */
const t = await setupApi();
const snapshot = async () => ({
  departments: (await t.db.execute(sql`select agency_code, code, name, name_en, active from departments order by agency_code, code`)).rows,
  audit: (await t.db.execute<{ n: number }>(sql`select count(*)::int n from audit_log where action like 'department.%'`)).rows[0]!.n,
});

test("a department is renamed or deactivated only by an administrator over its agency; anonymous callers, other roles and the sibling agency's administrator are refused and nothing changes", async () => {
  const url = `/api/v1/agencies/${A}/departments/HCTP`;
  const before = await snapshot();
  const refused = [
    { who: 'anonymous', c: t.anon, status: 401 },
    { who: 'the head of the department', c: await t.as('head.a'), status: 403 },
    { who: 'a leader of the agency', c: await t.as('leader.a'), status: 403 },
    { who: "the sibling agency's administrator", c: await t.as('agency_admin.b'), status: 403 },
  ];
  for (const { who, c, status } of refused) {
    assert.equal(problem(await c.patch(url, { active: false }), status).status, status, who);
    assert.equal(problem(await c.patch(url, { name: 'Phòng bị đổi tên' }), status).status, status, who);
  }
  assert.deepEqual(await snapshot(), before);
});

test('a department edit with bad input is refused naming the field, and nothing changes', async () => {
  const adminA = await t.as('agency_admin.a');
  const before = await snapshot();
  assert.ok(problem(await adminA.patch(`/api/v1/agencies/${A}/departments/HCTP`, { active: 'no' }), 400).errors?.some((e) => e.field === 'active'));
  assert.ok(problem(await adminA.patch(`/api/v1/agencies/${A}/departments/HCTP`, { name: '' }), 400).errors?.some((e) => e.field === 'name'));
  assert.ok(problem(await adminA.patch(`/api/v1/agencies/${A}/departments/HCTP`, { code: 'X' }), 400).errors?.length);
  problem(await adminA.patch('/api/v1/agencies/000.00.88.H99/departments/HCTP', { active: false }), 404);
  assert.deepEqual(await snapshot(), before);
});

test("the agency's and the province's administrators edit the department, and the edit is audited", async () => {
  const r = await (await t.as('agency_admin.a')).patch(`/api/v1/agencies/${A}/departments/HCTP`, { name: 'Phòng Hành chính – Tư pháp', nameEn: 'Civil Status Office' });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().name, 'Phòng Hành chính – Tư pháp');
  assert.equal((await (await t.as('system_admin.p')).patch(`/api/v1/agencies/${A}/departments/HCTP`, { active: false })).json().active, false);
  assert.equal((await snapshot()).audit, 2);
});
