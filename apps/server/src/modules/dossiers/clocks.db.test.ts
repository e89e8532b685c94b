import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupApi, problem, type Client } from '../../testing/http.ts';
import { A, B, birthContent } from '../../testing/fixture.ts';

/**
 * The workspace's per-step and per-agency clocks on GET /dossiers/{id} [003 Art. 20–21]: each step
 * the dossier reached with its budget, working time used and left and its warning; each task sent
 * to another agency on that agency's calendar. Officers over the agency only.
 */
const t = await setupApi();
const admin = await t.as('system_admin.p');
const content = birthContent();
content.cases[0]!.components = content.cases[0]!.components.filter((c) => c.form);
await admin.post('/api/v1/admin/procedures', { code: '1.001193', content });
await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' });
const adminA = await t.as('agency_admin.a');
const p = await adminA.post('/api/v1/admin/processes', {
  agencyCode: A,
  procedureCode: '1.001193',
  definition: {
    name: 'Đăng ký khai sinh',
    steps: [
      { code: 'TN', name: 'Tiếp nhận', stage: 'reception', role: 'reception', budgetHours: 1, assignment: 'group', next: 'TD' },
      { code: 'TD', name: 'Thẩm định', stage: 'processing', role: 'specialist', budgetHours: 4, assignment: 'group', next: 'TKQ' },
      { code: 'TKQ', name: 'Trả kết quả', stage: 'return', role: 'reception', budgetHours: 0, assignment: 'group', next: null },
    ],
  },
});
assert.equal(p.statusCode, 201, p.body);
await adminA.post(`/api/v1/admin/processes/${p.json().id}/publish`);

const citizen = await t.as('citizen.1');
const desk = await t.as('reception.a');
const spec = await t.as('specialist.a');
const act = (c: Client, id: string, body: unknown) => c.post(`/api/v1/dossiers/${id}/actions`, body);
const d = (
  await citizen.post('/api/v1/dossiers', {
    procedureCode: '1.001193', caseCode: 'TH1', agencyCode: A,
    applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234' },
    forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234' } }, files: [], resultChannel: 'desk', notifyChannels: [],
  })
).json();
assert.equal((await act(desk, d.id, { type: 'accept' })).statusCode, 200);
const forwarded = await act(desk, d.id, { type: 'forward' });
assert.equal(forwarded.statusCode, 200, forwarded.body);

interface Clock { id: string; name: string; taskId?: string; budgetMinutes: number | null; usedMinutes: number; remainingMinutes: number | null; holding: boolean; heldSince: string | null; dueAt: string | null; status: string }

test('the workspace shows each step the dossier reached with its budget, time used and left, and a warning; the step holding it now is marked', async () => {
  const r = await spec.get(`/api/v1/dossiers/${d.id}`);
  assert.equal(r.statusCode, 200, r.body);
  const { steps, agencies } = r.json().clocks as { steps: Clock[]; agencies: Clock[] };
  assert.deepEqual(steps.map((s) => [s.id, s.name, s.budgetMinutes, s.holding]), [['TN', 'Tiếp nhận', 60, false], ['TD', 'Thẩm định', 240, true]]);
  for (const s of steps) {
    assert.equal(s.remainingMinutes, s.budgetMinutes! - s.usedMinutes, `${s.id}: remaining = budget − used`);
    assert.ok(s.usedMinutes >= 0 && Number.isInteger(s.usedMinutes));
  }
  assert.equal(steps[0]!.status, 'on-time', 'the desk handed it over within its hour');
  assert.ok(['not-due', 'due', 'overdue'].includes(steps[1]!.status));
  assert.match(steps[1]!.heldSince!, /\+07:00$/);
  assert.match(steps[1]!.dueAt!, /\+07:00$/);
  assert.equal(steps[0]!.dueAt, null, 'a step that sent the dossier on has no due instant');
  assert.deepEqual(agencies, []);
});

test("a task sent to another agency gets its own clock, with that agency's name and the task's working time as budget", async () => {
  const sent = await act(spec, d.id, { type: 'send-to-agencies', tasks: [{ agencyCode: B, task: 'Xác nhận nơi cư trú', workingHours: 2 }] });
  assert.equal(sent.statusCode, 200, sent.body);
  const { agencies } = (await spec.get(`/api/v1/dossiers/${d.id}`)).json().clocks as { agencies: Clock[] };
  assert.equal(agencies.length, 1);
  const [b] = agencies;
  assert.deepEqual([b!.id, b!.name, b!.taskId, b!.budgetMinutes, b!.holding], [B, 'Sở Xây dựng', sent.json().tasks[0].id, 120, true]);
  assert.equal(b!.remainingMinutes, 120 - b!.usedMinutes);
  assert.ok(['not-due', 'due', 'overdue'].includes(b!.status));
});

test("the clocks are for officers over the dossier's agency: the applicant and the agency asked for a task get null, and an action answer carries none", async () => {
  const mine = (await citizen.get(`/api/v1/dossiers/${d.id}`)).json();
  assert.equal(mine.clocks, null);
  assert.equal('clocks' in forwarded.json(), false, 'the action answer stays lean; the workspace reads the dossier again');
  assert.ok((await (await t.as('leader.a')).get(`/api/v1/dossiers/${d.id}`)).json().clocks.steps.length === 2);
  const asked = (await (await t.as('specialist.b')).get(`/api/v1/dossiers/${d.id}`)).json();
  assert.deepEqual([asked.id, asked.clocks], [d.id, null], "the asked agency reads the dossier for its task, not the lead agency's internal clocks");
  problem(await (await t.as('specialist.b')).get('/api/v1/dossiers/00000000-0000-4000-8000-000000000000'), 404);
});
