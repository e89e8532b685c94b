import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileCalendar, defaultCalendarDefinition, OFFICIAL_SCHEDULES, parseInstant, formatInstant, resolvePolicy, type ClockContext } from '../calendar/index.ts';
import { availableActions, decide, evolve, fold, INITIAL_STATE, type Actor, type Command, type DecideContext, type DossierEvent, type DossierState } from './lifecycle.ts';
import type { ProcessDefinition, ProcessStep } from './process.ts';
import { exchangeStatus, nationalStatus } from './status.ts';
import { feesPaidOf, type Payment } from './lifecycle.ts';
import { feesDueFor } from './submission.ts';

const cal = compileCalendar(defaultCalendarDefinition(OFFICIAL_SCHEDULES), 2024, 2027);
const clock: ClockContext = { cal, policy: resolvePolicy(), limit: { unit: 'working-days', value: 5 } };
const at = (iso: string) => parseInstant(iso)!;

const def: ProcessDefinition = {
  name: 'Quy trình thử',
  steps: [
    { code: 'TN', name: 'Tiếp nhận', stage: 'reception', role: 'reception', budgetHours: 4, assignment: 'group', next: 'TD' },
    { code: 'TD', name: 'Thẩm định', stage: 'processing', role: 'specialist', departmentCode: 'HCTP', budgetHours: 24, assignment: 'person', next: 'DUYET' },
    { code: 'DUYET', name: 'Duyệt', stage: 'review', role: 'head', departmentCode: 'HCTP', budgetHours: 4, assignment: 'group', next: 'KY', rejectTo: 'TD' },
    { code: 'KY', name: 'Ký', stage: 'signing', role: 'leader', budgetHours: 4, assignment: 'group', next: 'TKQ', rejectTo: 'TD' },
    { code: 'TKQ', name: 'Trả kết quả', stage: 'return', role: 'reception', budgetHours: 0, assignment: 'group', next: null },
  ],
};

const desk: Actor = { userId: 'u-desk', kind: 'officer', roles: [{ role: 'reception', departmentCode: null }] };
const head: Actor = { userId: 'u-head', kind: 'officer', roles: [{ role: 'head', departmentCode: 'HCTP' }] };
const spec: Actor = { userId: 'u-spec', kind: 'officer', roles: [{ role: 'specialist', departmentCode: 'HCTP' }] };
const spec2: Actor = { userId: 'u-spec2', kind: 'officer', roles: [{ role: 'specialist', departmentCode: 'HCTP' }] };
const leader: Actor = { userId: 'u-leader', kind: 'officer', roles: [{ role: 'leader', departmentCode: null }] };
const owner: Actor = { userId: 'u-citizen', kind: 'applicant', roles: [], isOwner: true };
const stranger: Actor = { userId: 'u-other', kind: 'applicant', roles: [], isOwner: false };

const group = (st: ProcessStep) => ({ kind: 'group' as const, role: st.role, departmentCode: st.departmentCode ?? null });
const ctx = (actor: Actor, now: string): DecideContext => ({ now: at(now), actor, def, clock, defaultHolder: group });

/** Applies a command and returns the new state, failing the test on refusal. */
function run(s: DossierState, actor: Actor, now: string, cmd: Command, log?: DossierEvent[]): DossierState {
  const d = decide(s, cmd, ctx(actor, now));
  assert.ok(d.ok, `${cmd.type} by ${actor.userId} at ${now} refused: ${!d.ok && d.reason}`);
  log?.push(d.event);
  return evolve(s, d.event);
}
function refusal(s: DossierState, actor: Actor, now: string, cmd: Command) {
  const d = decide(s, cmd, ctx(actor, now));
  assert.equal(d.ok, false, `${cmd.type} should be refused`);
  return (d as { reason: string }).reason;
}
const submitted = (iso: string): DossierState => evolve(INITIAL_STATE, { type: 'submitted', at: at(iso), by: 'u-citizen', channel: 'online' });
const codes = (s: DossierState) => [exchangeStatus(s, def), nationalStatus(s, def)];

test('a dossier goes from online submission to returned result through review and signing, with the status codes at each step [000 Appendix; SPEC §7]', () => {
  const log: DossierEvent[] = [];
  let s = submitted('2026-11-16T09:00:00+07:00');
  log.push({ type: 'submitted', at: at('2026-11-16T09:00:00+07:00'), by: 'u-citizen', channel: 'online' });
  assert.deepEqual(codes(s), ['00', 1]);
  s = run(s, desk, '2026-11-16T09:30:00+07:00', { type: 'accept', code: '000.00.10.H99-261116-0001' }, log);
  assert.equal(s.code, '000.00.10.H99-261116-0001');
  assert.equal(formatInstant(s.clock.countedFrom!), '2026-11-16T09:00:00+07:00', 'counted from the online receipt, not from acceptance');
  assert.equal(formatInstant(s.clock.deadline!), '2026-11-23T09:00:00+07:00');
  assert.deepEqual(codes(s), ['00', 2]);
  s = run(s, desk, '2026-11-16T10:00:00+07:00', { type: 'forward' }, log);
  assert.deepEqual(codes(s), ['01', 4], 'a person step held by its group awaits assignment');
  assert.deepEqual(availableActions(s, def, spec), [], 'nobody works it before it is assigned');
  s = run(s, head, '2026-11-16T10:30:00+07:00', { type: 'assign', to: { kind: 'user', userId: 'u-spec' }, assigneeRoles: [{ role: 'specialist', departmentCode: 'HCTP' }] }, log);
  assert.deepEqual(codes(s), ['02', 4]);
  assert.equal(refusal(s, spec2, '2026-11-16T11:00:00+07:00', { type: 'forward' }), 'not-allowed', 'a colleague who does not hold it cannot forward');
  s = run(s, spec, '2026-11-17T15:00:00+07:00', { type: 'forward' }, log);
  assert.deepEqual(codes(s), ['06', 4]);
  s = run(s, head, '2026-11-18T08:00:00+07:00', { type: 'approve' }, log);
  assert.deepEqual(codes(s), ['09', 4]);
  s = run(s, leader, '2026-11-18T09:00:00+07:00', { type: 'sign' }, log);
  assert.deepEqual(codes(s), ['11', 9]);
  assert.equal(formatInstant(s.clock.resolvedAt!), '2026-11-18T09:00:00+07:00');
  s = run(s, desk, '2026-11-19T08:00:00+07:00', { type: 'return-result', how: 'desk' }, log);
  assert.deepEqual(codes(s), ['12', 10]);
  assert.deepEqual(fold(log), s, 'the state is the fold of its events');
});

test('the desk answers an online dossier in one go: complete it (then it counts afresh) or refuse it with reasons [001 Art. 8.1.a]', () => {
  let s = submitted('2026-11-16T09:00:00+07:00');
  assert.equal(refusal(s, desk, '2026-11-16T10:00:00+07:00', { type: 'request-completion', missing: [], note: '' }), 'missing-reason');
  assert.equal(refusal(s, desk, '2026-11-16T10:00:00+07:00', { type: 'request-completion', missing: ['Bản sao giấy chứng sinh'], note: ' ' }), 'missing-reason', 'the supplement slip needs its reason');
  s = run(s, desk, '2026-11-16T10:00:00+07:00', { type: 'request-completion', missing: ['Bản sao giấy chứng sinh'], note: 'Bổ sung bản sao' });
  assert.deepEqual(codes(s), ['03', 5]);
  assert.equal(refusal(s, stranger, '2026-11-17T10:00:00+07:00', { type: 'complete' }), 'not-allowed', 'only the owner completes it');
  s = run(s, owner, '2026-11-18T14:00:00+07:00', { type: 'complete' });
  s = run(s, desk, '2026-11-18T15:00:00+07:00', { type: 'accept', code: 'X-1' });
  assert.equal(formatInstant(s.clock.countedFrom!), '2026-11-18T14:00:00+07:00', 'the completed dossier is a new receipt');
  const r = submitted('2026-11-16T09:00:00+07:00');
  assert.equal(refusal(r, desk, '2026-11-16T10:00:00+07:00', { type: 'refuse', reasons: ['  '] }), 'missing-reason');
  assert.deepEqual(codes(run(r, desk, '2026-11-16T10:00:00+07:00', { type: 'refuse', reasons: ['Không thuộc thẩm quyền'] })), ['13', 3]);
});

function inProcessing(): DossierState {
  let s = submitted('2026-11-16T09:00:00+07:00');
  s = run(s, desk, '2026-11-16T09:30:00+07:00', { type: 'accept', code: 'X-1' });
  s = run(s, desk, '2026-11-16T10:00:00+07:00', { type: 'forward' });
  return run(s, head, '2026-11-16T10:30:00+07:00', { type: 'assign', to: { kind: 'user', userId: 'u-spec' }, assigneeRoles: [{ role: 'specialist', departmentCode: 'HCTP' }] });
}

test('only officers of the step act; a head cannot assign to someone without the step role', () => {
  const s = inProcessing();
  assert.equal(refusal(s, leader, '2026-11-16T11:00:00+07:00', { type: 'approve' }), 'not-allowed');
  assert.equal(refusal(s, spec, '2026-11-16T11:00:00+07:00', { type: 'approve' }), 'not-allowed', 'approving is not an action of a processing step');
  assert.equal(refusal(s, desk, '2026-11-16T11:00:00+07:00', { type: 'return-result', how: 'desk' }), 'not-allowed');
  let g = submitted('2026-11-16T09:00:00+07:00');
  g = run(g, desk, '2026-11-16T09:30:00+07:00', { type: 'accept', code: 'X-1' });
  g = run(g, desk, '2026-11-16T10:00:00+07:00', { type: 'forward' });
  assert.equal(refusal(g, head, '2026-11-16T10:30:00+07:00', { type: 'assign', to: { kind: 'user', userId: 'u-leader' }, assigneeRoles: [{ role: 'leader', departmentCode: null }] }), 'assignee-lacks-role');
});

test('a rejected draft goes back to appraisal with status 07 (review) or 10 (signing), and a reason is required', () => {
  let s = run(inProcessing(), spec, '2026-11-17T09:00:00+07:00', { type: 'forward' });
  assert.equal(refusal(s, head, '2026-11-17T10:00:00+07:00', { type: 'reject-draft', reason: '' }), 'missing-reason');
  s = run(s, head, '2026-11-17T10:00:00+07:00', { type: 'reject-draft', reason: 'Sai thông tin nơi sinh' });
  assert.deepEqual([s.stepCode, s.holder], ['TD', { kind: 'user', userId: 'u-spec' }], 'back to the specialist who drafted it');
  assert.deepEqual(codes(s), ['07', 4]);
  s = run(s, spec, '2026-11-17T11:00:00+07:00', { type: 'forward' });
  s = run(s, head, '2026-11-17T13:30:00+07:00', { type: 'approve' });
  s = run(s, leader, '2026-11-17T14:00:00+07:00', { type: 'reject-draft', reason: 'Thiếu căn cứ' });
  assert.deepEqual(codes(s), ['10', 4]);
});

test('a post-appraisal supplement request pauses the clock and the supplemented dossier restarts from zero [003 Art. 19.3.a; Decree 61 Art. 19.4]', () => {
  let s = inProcessing();
  s = run(s, spec, '2026-11-18T10:00:00+07:00', { type: 'request-supplement', missing: ['Bản sao CCCD của người yêu cầu'], reason: 'Thiếu giấy tờ' });
  assert.deepEqual(codes(s), ['03', 5]);
  assert.deepEqual(availableActions(s, def, spec), []);
  s = run(s, owner, '2026-11-24T08:00:00+07:00', { type: 'submit-supplement' });
  assert.deepEqual([s.stepCode, s.holder], ['TD', { kind: 'user', userId: 'u-spec' }], 'back to the specialist who asked');
  assert.deepEqual(codes(s), ['04', 4]);
  assert.equal(formatInstant(s.clock.countedFrom!), '2026-11-24T08:00:00+07:00');
  assert.equal(formatInstant(s.clock.deadline!), '2026-12-01T08:00:00+07:00', '5 working days afresh from the resubmission');
});

test('a post-appraisal supplement request later than 3 working days after receipt is refused', () => {
  const s = inProcessing(); // received Monday 16 Nov 09:00 → due Thursday 19 Nov 09:00
  assert.equal(refusal(s, spec, '2026-11-19T09:01:00+07:00', { type: 'request-supplement', missing: ['x'], reason: 'x' }), 'supplement-too-late');
  assert.equal(decide(s, { type: 'request-supplement', missing: ['x'], reason: 'x' }, ctx(spec, '2026-11-19T09:00:00+07:00')).ok, true);
});

test('an apology reschedules once, at least one working day before the deadline, and the dossier then counts as late [003 Art. 19.1; Decree 61 Art. 19.9]', () => {
  let s = inProcessing(); // deadline Monday 23 Nov 09:00
  const later = at('2026-11-27T07:30:00+07:00');
  assert.equal(refusal(s, spec, '2026-11-23T08:00:00+07:00', { type: 'apologize', reason: 'Cần xác minh', newAppointment: later }), 'apology-too-late');
  s = run(s, spec, '2026-11-19T10:00:00+07:00', { type: 'apologize', reason: 'Cần xác minh thêm', newAppointment: later });
  assert.equal(s.clock.appointment, later);
  assert.equal(s.clock.countsLate, true);
  assert.equal(refusal(s, spec, '2026-11-19T11:00:00+07:00', { type: 'apologize', reason: 'Lần hai', newAppointment: at('2026-11-30T07:30:00+07:00') }), 'apology-already-used');
});

const consulted: Actor = { userId: 'u-b', kind: 'officer', roles: [], consultAgencies: ['000.00.20.H99'] };

test('consultations carry a reply deadline in the future and are answered once; verifications need a future time, a place and content', () => {
  let s = inProcessing();
  assert.equal(refusal(s, spec, '2026-11-17T09:00:00+07:00', { type: 'consult', id: 'c1', agencyCode: '000.00.20.H99', question: 'Ý kiến về hiện trạng', replyBy: at('2026-11-16T09:00:00+07:00') }), 'reply-deadline-in-past');
  s = run(s, spec, '2026-11-17T09:00:00+07:00', { type: 'consult', id: 'c1', agencyCode: '000.00.20.H99', question: 'Ý kiến về hiện trạng', replyBy: at('2026-11-20T17:00:00+07:00') });
  s = run(s, consulted, '2026-11-18T09:00:00+07:00', { type: 'answer-consultation', id: 'c1', answer: 'Đồng ý' });
  assert.equal(refusal(s, consulted, '2026-11-18T09:30:00+07:00', { type: 'answer-consultation', id: 'c1', answer: 'Lần nữa' }), 'not-allowed');
  assert.equal(refusal(s, spec, '2026-11-18T09:30:00+07:00', { type: 'schedule-verification', when: at('2026-11-18T09:00:00+07:00'), place: 'Tại nhà', participants: [], content: 'x' }), 'verification-in-past');
  s = run(s, spec, '2026-11-18T09:30:00+07:00', { type: 'schedule-verification', when: at('2026-11-19T14:00:00+07:00'), place: 'Thôn 3, xã Hòa Phú', participants: ['Cán bộ địa chính'], content: 'Xác minh hiện trạng' });
  assert.equal(s.verifications.length, 1);
});

test('a refusal to resolve is the result: the dossier waits at the desk with outcome not-resolved', () => {
  let s = inProcessing();
  assert.equal(refusal(s, spec, '2026-11-18T09:00:00+07:00', { type: 'refuse-resolution', reasons: [] }), 'missing-reason');
  s = run(s, spec, '2026-11-18T09:00:00+07:00', { type: 'refuse-resolution', reasons: ['Không đủ điều kiện theo Điều 5'] });
  assert.deepEqual([s.phase, s.outcome, exchangeStatus(s, def)], ['result-ready', 'not-resolved', '11']);
});

test('the desk records a withdrawal; processing can be stopped; both end the process (13) and need a reason', () => {
  const s = inProcessing();
  assert.equal(refusal(s, desk, '2026-11-18T09:00:00+07:00', { type: 'withdraw', reason: '' }), 'missing-reason');
  assert.deepEqual(codes(run(s, desk, '2026-11-18T09:00:00+07:00', { type: 'withdraw', reason: 'Đơn xin rút hồ sơ ngày 18/11' })), ['13', 7]);
  assert.deepEqual(codes(run(s, spec, '2026-11-18T09:00:00+07:00', { type: 'stop', reason: 'Có tranh chấp' })), ['13', 8]);
  assert.equal(refusal(run(s, spec, '2026-11-18T09:00:00+07:00', { type: 'stop', reason: 'Có tranh chấp' }), spec, '2026-11-18T10:00:00+07:00', { type: 'forward' }), 'not-allowed', 'nothing happens to a stopped dossier');
});

test('returning to the previous step needs a reason, goes back to the officer who held it, and never back to the desk; handing to a colleague keeps the step', () => {
  const two: ProcessDefinition = {
    name: 'Hai bước xử lý',
    steps: [
      { code: 'TN', name: 'Tiếp nhận', stage: 'reception', role: 'reception', budgetHours: 0, assignment: 'group', next: 'TD' },
      { code: 'TD', name: 'Thẩm định', stage: 'processing', role: 'specialist', budgetHours: 20, assignment: 'group', next: 'KT' },
      { code: 'KT', name: 'Kiểm tra', stage: 'processing', role: 'head', budgetHours: 8, assignment: 'group', next: 'TKQ' },
      { code: 'TKQ', name: 'Trả kết quả', stage: 'return', role: 'reception', budgetHours: 0, assignment: 'group', next: null },
    ],
  };
  const c2 = (actor: Actor, now: string): DecideContext => ({ ...ctx(actor, now), def: two });
  const step = (st: DossierState, actor: Actor, now: string, cmd: Command) => {
    const d = decide(st, cmd, c2(actor, now));
    assert.ok(d.ok, `${cmd.type} refused: ${!d.ok && d.reason}`);
    return evolve(st, d.event);
  };
  let s = submitted('2026-11-16T09:00:00+07:00');
  s = step(s, desk, '2026-11-16T09:30:00+07:00', { type: 'accept', code: 'X-1' });
  s = step(s, desk, '2026-11-16T10:00:00+07:00', { type: 'forward' });
  assert.ok(!availableActions(s, two, spec).includes('return-to-previous'), 'the step before appraisal is the desk: no return there');
  s = step(s, spec, '2026-11-16T11:00:00+07:00', { type: 'forward' });
  assert.equal(decide(s, { type: 'return-to-previous', reason: ' ' }, c2(head, '2026-11-16T13:30:00+07:00')).ok, false);
  s = step(s, head, '2026-11-16T13:30:00+07:00', { type: 'return-to-previous', reason: 'Bổ sung nhận xét' });
  assert.deepEqual([s.stepCode, s.holder], ['TD', { kind: 'user', userId: 'u-spec' }], 'back to the group member who handled the step');
  const h = run(inProcessing(), spec, '2026-11-17T09:00:00+07:00', { type: 'hand-to-colleague', to: { kind: 'user', userId: 'u-spec2' }, assigneeRoles: [{ role: 'specialist', departmentCode: 'HCTP' }], reason: 'Nghỉ phép' });
  assert.deepEqual([h.stepCode, h.holder], ['TD', { kind: 'user', userId: 'u-spec2' }]);
  assert.equal(refusal(h, spec, '2026-11-17T10:00:00+07:00', { type: 'forward' }), 'not-allowed');
  assert.equal(refusal(h, spec2, '2026-11-17T10:00:00+07:00', { type: 'hand-to-colleague', to: { kind: 'user', userId: 'u-spec' }, assigneeRoles: [{ role: 'specialist', departmentCode: 'HCTP' }], reason: '' }), 'missing-reason');
});

test('inter-agency: the lead sends tasks to participating agencies at once; the dossier moves on only when all have answered; each answers its own task [001 Art. 9.1.d; 003 Art. 20.2]', () => {
  let s = inProcessing();
  const deadline = at('2026-11-19T17:00:00+07:00');
  const tasks = [
    { id: 't1', agencyCode: 'AG-TAX', task: 'Xác định nghĩa vụ tài chính', deadline },
    { id: 't2', agencyCode: 'AG-LAND', task: 'Trích đo bản đồ địa chính', deadline },
  ];
  assert.equal(refusal(s, spec, '2026-11-17T09:00:00+07:00', { type: 'send-to-agencies', tasks: [{ ...tasks[0]!, agencyCode: 'AG-OWN' }], ownAgency: 'AG-OWN' }), 'task-to-own-agency');
  assert.equal(refusal(s, spec, '2026-11-17T09:00:00+07:00', { type: 'send-to-agencies', tasks: [{ ...tasks[0]!, deadline: at('2026-11-16T09:00:00+07:00') }], ownAgency: 'AG-OWN' }), 'task-deadline-in-past');
  s = run(s, spec, '2026-11-17T09:00:00+07:00', { type: 'send-to-agencies', tasks, ownAgency: 'AG-OWN' });
  assert.equal(refusal(s, spec, '2026-11-17T10:00:00+07:00', { type: 'forward' }), 'tasks-open');
  assert.equal(refusal(s, spec, '2026-11-17T10:00:00+07:00', { type: 'send-to-agencies', tasks: [tasks[0]!], ownAgency: 'AG-OWN' }), 'task-agency-already-open');
  const taxOfficer: Actor = { userId: 'u-tax', kind: 'officer', roles: [], taskAgencies: ['AG-TAX'] };
  assert.deepEqual(availableActions(s, def, taxOfficer), ['complete-task']);
  assert.equal(refusal(s, taxOfficer, '2026-11-18T09:00:00+07:00', { type: 'complete-task', id: 't2', result: 'x' }), 'no-such-task', 'an agency answers only its own task');
  s = run(s, taxOfficer, '2026-11-18T09:00:00+07:00', { type: 'complete-task', id: 't1', result: 'Thuế trước bạ: 500.000 đồng' });
  assert.equal(refusal(s, spec, '2026-11-18T10:00:00+07:00', { type: 'forward' }), 'tasks-open');
  s = run(s, { userId: 'u-land', kind: 'officer', roles: [], taskAgencies: ['AG-LAND'] }, '2026-11-18T11:00:00+07:00', { type: 'complete-task', id: 't2', result: 'Đã trích đo' });
  assert.deepEqual(s.tasks.map((t) => [t.id, t.result]), [['t1', 'Thuế trước bạ: 500.000 đồng'], ['t2', 'Đã trích đo']]);
  s = run(s, spec, '2026-11-18T13:30:00+07:00', { type: 'forward' });
  assert.equal(s.stepCode, 'DUYET');
});

test('a consultation is answered by a processing officer of the agency asked, not by the agency asking nor a third agency; only its own consultation [003 Art. 17]', () => {
  let s = inProcessing();
  s = run(s, spec, '2026-11-17T09:00:00+07:00', { type: 'consult', id: 'c1', agencyCode: 'AG-B', question: 'Ý kiến về hiện trạng', replyBy: at('2026-11-20T17:00:00+07:00') });
  s = run(s, spec, '2026-11-17T09:10:00+07:00', { type: 'consult', id: 'c2', agencyCode: 'AG-C', question: 'Ý kiến về quy hoạch', replyBy: at('2026-11-20T17:00:00+07:00') });
  const officerB: Actor = { userId: 'u-b', kind: 'officer', roles: [], consultAgencies: ['AG-B'] };
  const officerD: Actor = { userId: 'u-d', kind: 'officer', roles: [], consultAgencies: [] };
  assert.deepEqual(availableActions(s, def, officerB), ['answer-consultation'], 'the agency asked is offered the answer');
  assert.ok(!availableActions(s, def, spec).includes('answer-consultation'), 'the officer who asked does not answer for the other agency');
  assert.deepEqual(availableActions(s, def, officerD), [], 'a third agency is offered nothing');
  assert.equal(refusal(s, officerD, '2026-11-18T09:00:00+07:00', { type: 'answer-consultation', id: 'c1', answer: 'x' }), 'not-allowed');
  assert.equal(refusal(s, spec, '2026-11-18T09:00:00+07:00', { type: 'answer-consultation', id: 'c1', answer: 'x' }), 'not-allowed');
  assert.equal(refusal(s, officerB, '2026-11-18T09:00:00+07:00', { type: 'answer-consultation', id: 'c2', answer: 'x' }), 'no-such-consultation', 'B cannot answer what C was asked');
  s = run(s, officerB, '2026-11-18T09:00:00+07:00', { type: 'answer-consultation', id: 'c1', answer: 'Đúng hiện trạng' });
  assert.deepEqual(s.consultations.map((c) => [c.id, c.answer ?? null]), [['c1', 'Đúng hiện trạng'], ['c2', null]]);
  assert.deepEqual(availableActions(s, def, officerB), [], 'answered once');
});

test('a department’s step goes only to someone of that department: assign, hand over and forward to a named person refuse another department [003 Art. 17]', () => {
  let g = submitted('2026-11-16T09:00:00+07:00');
  g = run(g, desk, '2026-11-16T09:30:00+07:00', { type: 'accept', code: 'X-1' });
  g = run(g, desk, '2026-11-16T10:00:00+07:00', { type: 'forward' }); // TD of HCTP, held by its group
  const other = [{ role: 'specialist' as const, departmentCode: 'VP' }];
  const agencyWide = [{ role: 'specialist' as const, departmentCode: null }];
  assert.equal(refusal(g, head, '2026-11-16T10:30:00+07:00', { type: 'assign', to: { kind: 'user', userId: 'u-vp' }, assigneeRoles: other }), 'assignee-other-department');
  assert.equal(refusal(g, head, '2026-11-16T10:30:00+07:00', { type: 'assign', to: { kind: 'user', userId: 'u-any' }, assigneeRoles: agencyWide }), 'assignee-other-department', 'a role held outside any department is not membership of HCTP');
  const s = run(g, head, '2026-11-16T10:30:00+07:00', { type: 'assign', to: { kind: 'user', userId: 'u-spec' }, assigneeRoles: [...other, { role: 'specialist', departmentCode: 'HCTP' }] });
  assert.equal(refusal(s, spec, '2026-11-17T09:00:00+07:00', { type: 'hand-to-colleague', to: { kind: 'user', userId: 'u-vp' }, assigneeRoles: other, reason: 'Nghỉ phép' }), 'assignee-other-department');
  // Forward to a named person: DUYET belongs to HCTP and needs a head.
  assert.equal(refusal(s, spec, '2026-11-17T09:00:00+07:00', { type: 'forward', to: { kind: 'user', userId: 'u-head-vp' }, assigneeRoles: [{ role: 'head', departmentCode: 'VP' }] }), 'assignee-other-department');
  assert.equal(refusal(s, spec, '2026-11-17T09:00:00+07:00', { type: 'forward', to: { kind: 'user', userId: 'u-spec2' }, assigneeRoles: [{ role: 'specialist', departmentCode: 'HCTP' }] }), 'assignee-lacks-role');
  const f = run(s, spec, '2026-11-17T09:00:00+07:00', { type: 'forward', to: { kind: 'user', userId: 'u-head' }, assigneeRoles: [{ role: 'head', departmentCode: 'HCTP' }] });
  assert.deepEqual([f.stepCode, f.holder], ['DUYET', { kind: 'user', userId: 'u-head' }]);
});

test('on a step of no department, handing over stays within the holder’s own department in the step role', () => {
  const flat: ProcessDefinition = {
    name: 'Không phòng',
    steps: [
      { code: 'TN', name: 'Tiếp nhận', stage: 'reception', role: 'reception', budgetHours: 0, assignment: 'group', next: 'GQ' },
      { code: 'GQ', name: 'Giải quyết', stage: 'processing', role: 'specialist', budgetHours: 20, assignment: 'group', next: 'TKQ' },
      { code: 'TKQ', name: 'Trả kết quả', stage: 'return', role: 'reception', budgetHours: 0, assignment: 'group', next: null },
    ],
  };
  const c = (actor: Actor, now: string): DecideContext => ({ ...ctx(actor, now), def: flat });
  let s = submitted('2026-11-16T09:00:00+07:00');
  for (const [actor, now, cmd] of [
    [desk, '2026-11-16T09:30:00+07:00', { type: 'accept', code: 'X-1' }],
    [desk, '2026-11-16T10:00:00+07:00', { type: 'forward' }],
  ] as const) {
    const d = decide(s, cmd, c(actor, now));
    assert.ok(d.ok);
    s = evolve(s, d.event);
  }
  const hand = (actor: Actor, roles: { role: 'specialist'; departmentCode: string | null }[]) =>
    decide(s, { type: 'hand-to-colleague', to: { kind: 'user', userId: 'u-x' }, assigneeRoles: roles, reason: 'Nghỉ phép' }, c(actor, '2026-11-16T11:00:00+07:00'));
  assert.deepEqual(hand(spec, [{ role: 'specialist', departmentCode: 'VP' }]), { ok: false, reason: 'assignee-other-department', field: 'to' });
  assert.equal(hand(spec, [{ role: 'specialist', departmentCode: 'HCTP' }]).ok, true);
  const agencyWide: Actor = { userId: 'u-aw', kind: 'officer', roles: [{ role: 'specialist', departmentCode: null }] };
  assert.equal(hand(agencyWide, [{ role: 'specialist', departmentCode: 'VP' }]).ok, true, 'a holder of no department hands to any colleague of the role');
});

test('a specialist forwards a drafted result and a head approves a revised one: the latest draft set is current, with who attached it and when; each set stays in its event', () => {
  const log: DossierEvent[] = [];
  const v1 = [{ fileId: 'f-1', name: 'Dự thảo giấy khai sinh' }];
  let s = run(inProcessing(), spec, '2026-11-17T09:00:00+07:00', { type: 'forward', draftFiles: v1 }, log);
  assert.deepEqual(s.draftResults, [{ fileId: 'f-1', name: 'Dự thảo giấy khai sinh', by: 'u-spec', at: at('2026-11-17T09:00:00+07:00') }]);
  const fwd = log.at(-1)!;
  assert.deepEqual(fwd.type === 'forwarded' && fwd.draftFiles, v1, 'the event records the draft');
  const v2 = [{ fileId: 'f-2', name: 'Dự thảo giấy khai sinh (sửa)' }];
  s = run(s, head, '2026-11-17T10:00:00+07:00', { type: 'approve', draftFiles: v2 }, log);
  assert.deepEqual(s.draftResults, [{ fileId: 'f-2', name: 'Dự thảo giấy khai sinh (sửa)', by: 'u-head', at: at('2026-11-17T10:00:00+07:00') }], 'the latest set wins');
  assert.deepEqual(log.filter((e) => e.type === 'forwarded' || e.type === 'approved').map((e) => (e as { draftFiles?: unknown }).draftFiles), [v1, v2], 'history kept in the timeline');
  assert.equal(s.stepCode, 'KY');
});

test('a move without a draft keeps the current one and its events keep their shape; a draft file without a name is refused', () => {
  let s = run(inProcessing(), spec, '2026-11-17T09:00:00+07:00', { type: 'forward', draftFiles: [{ fileId: 'f-1', name: 'Dự thảo' }] });
  const d = decide(s, { type: 'approve', draftFiles: [] }, ctx(head, '2026-11-17T10:00:00+07:00'));
  assert.ok(d.ok);
  assert.equal('draftFiles' in d.event, false, 'no empty draft in the event');
  s = evolve(s, d.event);
  assert.deepEqual(s.draftResults?.map((f) => f.fileId), ['f-1'], 'the draft stays until a new one replaces it');
  assert.deepEqual(decide(inProcessing(), { type: 'forward', draftFiles: [{ fileId: 'f-1', name: ' ' }] }, ctx(spec, '2026-11-17T09:00:00+07:00')), { ok: false, reason: 'missing-reason', field: 'draftFiles.0.name' });
  assert.equal(inProcessing().draftResults, undefined, 'no draft before one is attached');
});

test('forwarding a draft straight into the return step sends it as the result', () => {
  const flat: ProcessDefinition = {
    name: 'Không ký',
    steps: [
      { code: 'TN', name: 'Tiếp nhận', stage: 'reception', role: 'reception', budgetHours: 0, assignment: 'group', next: 'GQ' },
      { code: 'GQ', name: 'Giải quyết', stage: 'processing', role: 'specialist', budgetHours: 20, assignment: 'group', next: 'TKQ' },
      { code: 'TKQ', name: 'Trả kết quả', stage: 'return', role: 'reception', budgetHours: 0, assignment: 'group', next: null },
    ],
  };
  const c = (actor: Actor, now: string): DecideContext => ({ ...ctx(actor, now), def: flat });
  let s = submitted('2026-11-16T09:00:00+07:00');
  for (const [actor, now, cmd] of [
    [desk, '2026-11-16T09:30:00+07:00', { type: 'accept', code: 'X-1' }],
    [desk, '2026-11-16T10:00:00+07:00', { type: 'forward' }],
  ] as const) {
    const d = decide(s, cmd, c(actor, now));
    assert.ok(d.ok);
    s = evolve(s, d.event);
  }
  const d = decide(s, { type: 'forward', draftFiles: [{ fileId: 'f-9', name: 'Giấy khai sinh' }] }, c(spec, '2026-11-16T11:00:00+07:00'));
  assert.ok(d.ok && d.event.type === 'result-sent');
  assert.deepEqual(d.event.results, [{ n: 1, fileId: 'f-9', name: 'Giấy khai sinh' }]);
});

// ── Fees (phí, lệ phí): due from the catalogue, paid as recorded ─────────────────────────────

const pay = (amount: number, receiptNumber: string, extra: Partial<Extract<Command, { type: 'record-payment' }>> = {}): Command => ({ type: 'record-payment', amount, method: 'cash', receiptNumber, feesDue: 50_000, ...extra });

test('the fees due are the case’s own fee list when it has one (an empty one means free), else the procedure’s, every listed fee counted', () => {
  const procedureFees = [
    { kind: 'fee' as const, name: 'Phí thẩm định', amount: 30_000 },
    { kind: 'charge' as const, name: 'Lệ phí cấp giấy', amount: 20_000, exempt: 'Hộ nghèo' },
  ];
  assert.equal(feesDueFor(procedureFees, {}), 50_000);
  assert.equal(feesDueFor(procedureFees, { fees: [{ kind: 'charge', name: 'Lệ phí (trường hợp riêng)', amount: 15_000 }] }), 15_000);
  assert.equal(feesDueFor(procedureFees, { fees: [] }), 0);
});

test('the desk records payments up to the fees due; each is an event and fees paid is their sum, in the folded state too', () => {
  const log: DossierEvent[] = [];
  let s = submitted('2026-11-16T09:00:00+07:00');
  log.push({ type: 'submitted', at: at('2026-11-16T09:00:00+07:00'), by: 'u-citizen', channel: 'online' });
  s = run(s, desk, '2026-11-16T09:20:00+07:00', pay(30_000, ' BL-0001 ', { paidAt: at('2026-11-16T09:10:00+07:00') }), log);
  assert.deepEqual(log.at(-1), { type: 'payment-recorded', at: at('2026-11-16T09:20:00+07:00'), by: 'u-desk', payment: { amount: 30_000, method: 'cash', receiptNumber: 'BL-0001', paidAt: at('2026-11-16T09:10:00+07:00') } });
  s = run(s, desk, '2026-11-16T09:30:00+07:00', pay(20_000, 'BL-0002', { method: 'transfer' }), log);
  assert.equal(feesPaidOf(s), 50_000);
  assert.deepEqual(s.payments!.map((p: Payment) => [p.receiptNumber, p.method, p.paidAt, p.recordedBy]), [
    ['BL-0001', 'cash', at('2026-11-16T09:10:00+07:00'), 'u-desk'],
    ['BL-0002', 'transfer', at('2026-11-16T09:30:00+07:00'), 'u-desk'],
  ], 'paid at defaults to the moment it is recorded');
  assert.equal(s.phase, 'submitted', 'a payment moves no step and no clock');
  assert.deepEqual(fold(log), s, 'the state is the fold of its events');
  assert.equal(feesPaidOf({}), 0, 'a state stored before payments existed has paid nothing');
});

test('a payment is refused when it would exceed what remains due, is not positive, is dated in the future, or repeats or lacks its receipt number', () => {
  let s = run(submitted('2026-11-16T09:00:00+07:00'), desk, '2026-11-16T09:20:00+07:00', pay(30_000, 'BL-1'));
  const now = '2026-11-16T10:00:00+07:00';
  const why = (cmd: Command) => decide(s, cmd, ctx(desk, now));
  assert.deepEqual(why(pay(20_001, 'BL-2')), { ok: false, reason: 'payment-exceeds-fees-due', field: 'amount' });
  assert.deepEqual(why(pay(1, 'BL-2', { feesDue: 0 })), { ok: false, reason: 'payment-exceeds-fees-due', field: 'amount' }, 'nothing is due on a free procedure');
  assert.deepEqual(why(pay(0, 'BL-2')), { ok: false, reason: 'payment-amount-not-positive', field: 'amount' });
  assert.deepEqual(why(pay(1.5, 'BL-2')), { ok: false, reason: 'payment-amount-not-positive', field: 'amount' }, 'whole đồng only');
  assert.deepEqual(why(pay(1_000, 'BL-2', { paidAt: at(now) + 60_000 })), { ok: false, reason: 'payment-in-future', field: 'paidAt' });
  assert.deepEqual(why(pay(1_000, '   ')), { ok: false, reason: 'payment-receipt-missing', field: 'receiptNumber' });
  assert.deepEqual(why(pay(1_000, 'x'.repeat(51))), { ok: false, reason: 'payment-receipt-too-long', field: 'receiptNumber' });
  assert.deepEqual(why(pay(1_000, 'BL-1')), { ok: false, reason: 'payment-receipt-already-recorded', field: 'receiptNumber' }, 'the same receipt twice is a double entry');
  s = run(s, desk, now, pay(20_000, 'x'.repeat(50)));
  assert.equal(feesPaidOf(s), 50_000, 'exactly what remained is accepted');
});

test('payments are taken by the desk or the officer holding the dossier while it is open; not by a colleague, a citizen, or anyone once it is closed', () => {
  const s = inProcessing();
  const now = '2026-11-16T11:00:00+07:00';
  assert.ok(availableActions(s, def, spec).includes('record-payment'), 'the holder');
  assert.ok(availableActions(s, def, desk).includes('record-payment'), 'the desk of the agency');
  assert.equal(refusal(s, spec2, now, pay(1_000, 'BL-1')), 'not-allowed', 'a colleague who does not hold it');
  assert.equal(refusal(s, head, now, pay(1_000, 'BL-1')), 'not-allowed');
  assert.equal(refusal(s, owner, now, pay(1_000, 'BL-1')), 'not-allowed', 'the applicant does not record their own payment');
  assert.equal(run(s, spec, now, pay(1_000, 'BL-1')).payments?.length, 1);
  assert.deepEqual(availableActions(s, def, desk, { due: 50_000, paid: 50_000 }).includes('record-payment'), false, 'not offered once nothing remains due');
  assert.deepEqual(availableActions(s, def, desk, { due: 50_000, paid: 10_000 }).includes('record-payment'), true);
  const refused = run(submitted('2026-11-16T09:00:00+07:00'), desk, '2026-11-16T09:30:00+07:00', { type: 'refuse', reasons: ['Không thuộc thẩm quyền'] });
  const withdrawn = run(s, desk, now, { type: 'withdraw', reason: 'Công dân rút hồ sơ' });
  for (const closed of [refused, withdrawn]) {
    assert.equal(availableActions(closed, def, desk).includes('record-payment'), false);
    assert.equal(refusal(closed, desk, '2026-11-17T09:00:00+07:00', pay(1_000, 'BL-9')), 'payment-dossier-closed', closed.phase);
    assert.equal(refusal(closed, spec, '2026-11-17T09:00:00+07:00', pay(1_000, 'BL-9')), 'not-allowed', 'nobody else is told more than no');
  }
});
