import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileCalendar, defaultCalendarDefinition, INITIAL_CLOCK, OFFICIAL_SCHEDULES, parseInstant } from '../calendar/index.ts';
import { agencyTaskClock, stepClocks, stepHandovers } from './clocks.ts';
import type { AgencyTask, DossierEvent } from './lifecycle.ts';
import type { ProcessDefinition } from './process.ts';

// Working hours 07:30–11:30 and 13:00–17:00, Monday to Friday.
const cal = compileCalendar(defaultCalendarDefinition(OFFICIAL_SCHEDULES), 2024, 2027);
const at = (s: string) => parseInstant(s)!;
const def: ProcessDefinition = {
  name: 'Quy trình thử',
  steps: [
    { code: 'TN', name: 'Tiếp nhận', stage: 'reception', role: 'reception', budgetHours: 4, assignment: 'group', next: 'TD' },
    { code: 'TD', name: 'Thẩm định', stage: 'processing', role: 'specialist', budgetHours: 24, assignment: 'group', next: 'DUYET' },
    { code: 'DUYET', name: 'Duyệt', stage: 'review', role: 'head', budgetHours: 4, assignment: 'group', next: 'TKQ', rejectTo: 'TD' },
    { code: 'TKQ', name: 'Trả kết quả', stage: 'return', role: 'reception', budgetHours: 0, assignment: 'group', next: null },
  ],
};
const grp = { kind: 'group', role: 'specialist', departmentCode: null } as const;
const c = { ...INITIAL_CLOCK, phase: 'running' as const };
const EVENTS: DossierEvent[] = [
  { type: 'submitted', at: at('2026-03-02T08:00:00+07:00'), by: 'u', channel: 'online' },
  { type: 'accepted', at: at('2026-03-02T09:00:00+07:00'), by: 'desk', code: 'X', step: 'TN', holder: grp, clock: c, backfilled: false },
  { type: 'forwarded', at: at('2026-03-02T10:00:00+07:00'), by: 'desk', from: 'TN', to: 'TD', holder: grp, comment: null },
  { type: 'assigned', at: at('2026-03-02T10:30:00+07:00'), by: 'head', step: 'TD', holder: { kind: 'user', userId: 'spec' } },
  { type: 'supplement-requested', at: at('2026-03-03T09:00:00+07:00'), by: 'spec', missing: ['A'], reason: 'r', clock: c },
  { type: 'supplement-received', at: at('2026-03-04T09:00:00+07:00'), by: null, step: 'TD', holder: { kind: 'user', userId: 'spec' }, clock: c, amended: [] },
  { type: 'forwarded', at: at('2026-03-04T10:00:00+07:00'), by: 'spec', from: 'TD', to: 'DUYET', holder: grp, comment: null },
  { type: 'draft-rejected', at: at('2026-03-04T11:00:00+07:00'), by: 'head', from: 'DUYET', fromStage: 'review', to: 'TD', holder: { kind: 'user', userId: 'spec' }, reason: 'r' },
];
const NOW = at('2026-03-05T09:00:00+07:00');

test('the dossier passes from step to step at acceptance, forwarding and rejection; nobody holds it while the applicant supplements it; re-assignment within a step is no hand-over', () => {
  assert.deepEqual(
    stepHandovers(EVENTS).map((h) => h.to),
    ['TN', 'TD', null, 'TD', 'DUYET', 'TD'],
  );
  assert.deepEqual(stepHandovers(EVENTS.slice(0, 1)), [], 'nothing before acceptance');
  const ended = [...EVENTS, { type: 'result-sent', at: at('2026-03-05T10:00:00+07:00'), by: 'spec', to: 'TKQ', holder: grp, results: [], clock: c }, { type: 'result-returned', at: at('2026-03-05T11:00:00+07:00'), by: 'desk', how: 'desk' }] as DossierEvent[];
  assert.deepEqual(stepHandovers(ended).slice(-2).map((h) => h.to), ['TKQ', null]);
});

test("each step's clock shows its budget, the working time used (resumed, not restarted, when the dossier comes back), the time left and its warning [003 Art. 20.1, 21.c]", () => {
  const clocks = stepClocks(EVENTS, def, NOW, cal)!;
  assert.deepEqual(
    clocks.map((k) => [k.id, k.name, k.budgetMinutes, k.usedMinutes, k.remainingMinutes, k.holding, k.status]),
    [
      ['TN', 'Tiếp nhận', 240, 60, 180, false, 'on-time'],
      // 10:00–17:00 less lunch (330) + 07:30–09:00 (90); paused a day; 09:00–10:00 (60); then since 11:00: 30 + 240 + 90.
      ['TD', 'Thẩm định', 1440, 840, 600, true, 'not-due'],
      ['DUYET', 'Duyệt', 240, 60, 180, false, 'on-time'],
    ],
  );
  const td = clocks[1]!;
  assert.equal(td.heldSince, '2026-03-04T11:00:00+07:00');
  assert.equal(td.dueAt, '2026-03-06T11:00:00+07:00', '600 minutes left at Thursday 09:00: 390 on Thursday, 210 on Friday from 07:30');
  assert.equal(stepClocks(EVENTS, def, at('2026-03-06T08:00:00+07:00'), cal)![1]!.status, 'due', 'due on its due day');
  const late = stepClocks(EVENTS, def, at('2026-03-06T11:01:00+07:00'), cal)![1]!;
  assert.deepEqual([late.status, late.remainingMinutes], ['overdue', -1]);
});

test('a step with no budget of its own says so; events that cannot be timed give no clocks rather than wrong ones', () => {
  const ended = [...EVENTS, { type: 'result-sent', at: at('2026-03-05T10:00:00+07:00'), by: 'spec', to: 'TKQ', holder: grp, results: [], clock: c }] as DossierEvent[];
  const tkq = stepClocks(ended, def, at('2026-03-05T11:00:00+07:00'), cal)!.find((k) => k.id === 'TKQ')!;
  assert.deepEqual([tkq.status, tkq.budgetMinutes, tkq.remainingMinutes, tkq.holding], ['no-budget', null, null, true]);
  assert.equal(stepClocks(EVENTS, def, at('2026-03-04T10:30:00+07:00'), cal), null, 'now before the last hand-over');
});

test("an agency's task runs on its own clock from when it was sent until it answers, against the working time up to its deadline [001 Art. 9.1.đ; 003 Art. 20.2]", () => {
  const answered: AgencyTask = { id: 't1', agencyCode: 'B', task: 'Xác minh', sentAt: at('2026-03-02T14:00:00+07:00'), deadline: at('2026-03-03T14:00:00+07:00'), completedAt: at('2026-03-03T16:00:00+07:00'), result: 'Đã xác minh' };
  const k = agencyTaskClock(answered, 'Sở Xây dựng', NOW, cal)!;
  assert.deepEqual([k.id, k.name, k.taskId, k.budgetMinutes, k.usedMinutes, k.remainingMinutes, k.holding, k.status], ['B', 'Sở Xây dựng', 't1', 480, 600, -120, false, 'late']);
  const open: AgencyTask = { id: 't2', agencyCode: 'C', task: 'Cho ý kiến', sentAt: at('2026-03-04T13:00:00+07:00'), deadline: at('2026-03-04T15:00:00+07:00') };
  const o = agencyTaskClock(open, 'Công an xã', NOW, cal)!;
  assert.deepEqual([o.budgetMinutes, o.usedMinutes, o.holding, o.status, o.dueAt], [120, 330, true, 'overdue', '2026-03-04T15:00:00+07:00']);
  assert.equal(agencyTaskClock(open, 'Công an xã', at('2026-03-04T14:00:00+07:00'), cal)!.status, 'due');
});
