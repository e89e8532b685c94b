import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { setupApi, problem } from '../../testing/http.ts';
import { A, B, birthContent } from '../../testing/fixture.ts';
import { users } from '../../db/schema.ts';

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
    { code: 'TD', name: 'Thẩm định', stage: 'processing', role: 'specialist', departmentCode: 'HCTP', budgetHours: 4, assignment: 'group', next: 'DUYET' },
    { code: 'DUYET', name: 'Trưởng phòng duyệt', stage: 'review', role: 'head', budgetHours: 1, assignment: 'group', next: 'KY', rejectTo: 'TD' },
    { code: 'KY', name: 'Lãnh đạo ký', stage: 'signing', role: 'leader', budgetHours: 1, assignment: 'group', next: 'TKQ', rejectTo: 'TD' },
    { code: 'TKQ', name: 'Trả kết quả', stage: 'return', role: 'reception', budgetHours: 0, assignment: 'group', next: null },
  ],
};

test('an agency administrator creates, edits and publishes its process; errors are named in place and budgets over the limit warn', async () => {
  const adminA = await t.as('agency_admin.a');
  const bad = structuredClone(definition);
  bad.steps[1]!.departmentCode = 'NOPE';
  bad.steps[2]!.next = 'XX';
  const p = problem(await adminA.post('/api/v1/admin/processes', { agencyCode: A, procedureCode: '1.001193', definition: bad }), 400);
  assert.deepEqual(p.errors?.map((e) => e.field).sort(), ['definition.steps.1.departmentCode', 'definition.steps.2.next']);
  const over = structuredClone(definition);
  over.steps[1]!.budgetHours = 40;
  const r = await adminA.post('/api/v1/admin/processes', { agencyCode: A, procedureCode: '1.001193', definition: over });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().warnings[0].field, 'definition.steps', 'a 1-working-day procedure cannot fit 43 hours of budgets');
  const id = r.json().id;
  assert.equal((await adminA.put(`/api/v1/admin/processes/${id}`, { definition })).json().warnings.length, 0);
  problem(await adminA.post('/api/v1/admin/processes', { agencyCode: A, procedureCode: '1.001193', definition }), 409);
  const pub = await adminA.post(`/api/v1/admin/processes/${id}/publish`);
  assert.equal(pub.json().status, 'published');
  problem(await adminA.put(`/api/v1/admin/processes/${id}`, { definition }), 409);
});

test('processes are administered only within the agency scope', async () => {
  problem(await (await t.as('agency_admin.b')).post('/api/v1/admin/processes', { agencyCode: A, procedureCode: '1.001193', definition }), 403);
  problem(await (await t.as('specialist.a')).post('/api/v1/admin/processes', { agencyCode: A, procedureCode: '1.001193', definition }), 403);
  problem(await (await t.as('agency_admin.b')).get(`/api/v1/admin/processes?agency=${A}`), 403);
  assert.equal((await (await t.as('controller.a')).get(`/api/v1/admin/processes?agency=${A}`)).json().items.length, 1);
  assert.equal(problem(await (await t.as('agency_admin.b')).post('/api/v1/admin/processes', { agencyCode: B, procedureCode: '1.001193', definition }), 400).errors?.[0]?.field, 'agencyCode');
});

test('a dossier follows the published process through review and signing; a rejected draft returns to its specialist; the process version stays with the dossier', async () => {
  const citizen = await t.as('citizen.1');
  const desk = await t.as('reception.a');
  const spec = await t.as('specialist.a');
  const head = await t.as('head.a');
  const leader = await t.as('leader.a');
  const sub = {
    procedureCode: '1.001193', caseCode: 'TH1', agencyCode: A,
    applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234' },
    forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234' } }, files: [], resultChannel: 'desk', notifyChannels: [],
  };
  const d = (await citizen.post('/api/v1/dossiers', sub)).json();
  const act = (c: typeof desk, body: unknown) => c.post(`/api/v1/dossiers/${d.id}/actions`, body);
  await act(desk, { type: 'accept' });
  let r = (await act(desk, { type: 'forward' })).json();
  assert.equal(r.step.code, 'TD');
  // The specialist takes it by forwarding; the head rejects the draft; it comes back to the same specialist.
  problem(await act(await t.as('specialist.b'), { type: 'forward' }), 404);
  r = (await act(spec, { type: 'forward', comment: 'Dự thảo giấy khai sinh' })).json();
  assert.deepEqual([r.step.code, r.exchangeStatus.code], ['DUYET', '06']);
  problem(await act(spec, { type: 'approve' }), 403);
  r = (await act(head, { type: 'reject-draft', reason: 'Ghi sai nơi sinh' })).json();
  assert.deepEqual([r.step.code, r.exchangeStatus.code], ['TD', '07']);
  const specId = (await t.db.select().from(users).where(eq(users.username, 'specialist.a')))[0]!.id;
  assert.deepEqual(r.holder, { kind: 'user', userId: specId });
  r = (await act(spec, { type: 'forward' })).json();
  r = (await act(head, { type: 'approve' })).json();
  assert.deepEqual([r.step.code, r.exchangeStatus.code], ['KY', '09']);
  r = (await act(leader, { type: 'sign' })).json();
  assert.deepEqual([r.phase, r.exchangeStatus.code], ['result-ready', '11']);
  // A new process version does not change this dossier.
  const adminA = await t.as('agency_admin.a');
  const v2 = structuredClone(definition);
  v2.steps.splice(2, 2);
  v2.steps[1]!.next = 'TKQ';
  const created = (await adminA.post('/api/v1/admin/processes', { agencyCode: A, procedureCode: '1.001193', definition: v2 })).json();
  await adminA.post(`/api/v1/admin/processes/${created.id}/publish`);
  r = (await act(desk, { type: 'return-result', how: 'desk' })).json();
  assert.equal(r.phase, 'returned');
  const events = (await citizen.get(`/api/v1/dossiers/${d.id}/events`)).json().items.map((e: { type: string }) => e.type);
  assert.deepEqual(events, ['submitted', 'accepted', 'forwarded', 'forwarded', 'draft-rejected', 'forwarded', 'approved', 'result-sent', 'result-returned']);
});
