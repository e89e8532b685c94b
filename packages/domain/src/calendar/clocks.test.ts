import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyClockEvent,
  classifyClock,
  clockStatus,
  feedbackAnswerDue,
  feedbackEntryDue,
  foldClock,
  handoverDue,
  handoverWarning,
  holderClocks,
  lastApologyDay,
  postalReturnDue,
  questionAnswerDue,
  supplementNoticeDue,
  type ClockContext,
  type ClockEvent,
  type Handover,
  type HolderClock,
} from './clocks.ts';
import { OFFICIAL_SCHEDULES } from './official-schedules.ts';
import { defaultCalendarDefinition, resolvePolicy, type DeadlinePolicy } from './policy.ts';
import { dateOfDay, formatInstant, instantAt } from './time.ts';
import { compileCalendar } from './working-calendar.ts';

const cal = compileCalendar(defaultCalendarDefinition(OFFICIAL_SCHEDULES), 2024, 2026);
const at = (s: string): number => instantAt(s.slice(0, 10), s.slice(11, 16));
const fmt = (t: number | null): string => (t === null ? 'null' : formatInstant(t).slice(0, 16).replace('T', ' '));
const ctx = (policy: Partial<DeadlinePolicy> = {}): ClockContext => ({
  cal,
  policy: resolvePolicy(policy),
  limit: { unit: 'working-days', value: 5 },
});

// Received Monday 2026-03-02 09:00 with 5 working days: due Monday 03-09 09:00, appointment 13:00.
const RECEIVED: ClockEvent = { type: 'received', at: at('2026-03-02 09:00') };

test('a received dossier runs with its deadline and appointment', () => {
  const { clock, refused } = foldClock([RECEIVED], ctx());
  assert.deepEqual(refused, []);
  assert.equal(clock.phase, 'running');
  assert.equal(fmt(clock.deadline), '2026-03-09 09:00');
  assert.equal(fmt(clock.appointment), '2026-03-09 13:00');
  assert.equal(clockStatus(clock, at('2026-03-03 09:00'), ctx()).state, 'not-due');
  assert.equal(clockStatus(clock, at('2026-03-09 10:00'), ctx()).state, 'due-soon');
  assert.equal(clockStatus(clock, at('2026-03-09 13:01'), ctx()).state, 'overdue');
});

test('a supplement request pauses the clock, and the resubmitted dossier is counted from zero as a new receipt [003 Art. 19.3.a]', () => {
  const { clock, refused } = foldClock(
    [
      RECEIVED,
      { type: 'supplement-requested', at: at('2026-03-04 10:00') },
      { type: 'resubmitted', at: at('2026-03-10 14:00') },
    ],
    ctx(),
  );
  assert.deepEqual(refused, []);
  assert.equal(clock.cycle, 2);
  assert.equal(fmt(clock.countedFrom), '2026-03-10 14:00');
  // The full 5 days again, not the 3 days that were left.
  assert.equal(fmt(clock.deadline), '2026-03-17 14:00');
  assert.equal(fmt(clock.appointment), '2026-03-18 07:30');
  assert.equal(clock.countsLate, false);
  assert.equal(fmt(clock.receivedAt), '2026-03-02 09:00');
});

test('a paused dossier has no warning: its clock is stopped', () => {
  const { clock } = foldClock([RECEIVED, { type: 'supplement-requested', at: at('2026-03-04 10:00') }], ctx());
  assert.deepEqual(clockStatus(clock, at('2026-03-20 10:00'), ctx()), { phase: 'paused', state: null, workingMinutesLeft: null });
});

test('a resubmission after the cut-off counts from the next working day', () => {
  const { clock } = foldClock(
    [RECEIVED, { type: 'supplement-requested', at: at('2026-03-04 10:00') }, { type: 'resubmitted', at: at('2026-03-10 15:30') }],
    ctx({ cutoff: '15:00' }),
  );
  assert.equal(fmt(clock.countedFrom), '2026-03-11 07:30');
});

test('a supplement request at or after the appointment is refused without an apology [003 Art. 19.3.b]', () => {
  for (const when of ['2026-03-09 13:00', '2026-03-10 09:00']) {
    const r = foldClock([RECEIVED, { type: 'supplement-requested', at: at(when) }], ctx());
    assert.deepEqual(r.refused.map((x) => x.reason), ['supplement-after-appointment-needs-apology'], when);
    assert.equal(r.clock.phase, 'running');
  }
  // Just before the appointment it is allowed.
  assert.deepEqual(foldClock([RECEIVED, { type: 'supplement-requested', at: at('2026-03-09 12:59') }], ctx()).refused, []);
});

test('with an apology, a supplement request after the appointment is allowed and the dossier counts as late [003 Art. 19.3.b]', () => {
  const { clock, refused } = foldClock(
    [
      RECEIVED,
      { type: 'apology', at: at('2026-03-05 10:00'), newAppointment: at('2026-03-13 07:30') },
      { type: 'supplement-requested', at: at('2026-03-10 09:00') },
    ],
    ctx(),
  );
  assert.deepEqual(refused, []);
  assert.equal(clock.phase, 'paused');
  assert.deepEqual(clock.lateReasons, ['apology', 'supplement-after-appointment']);
});

test('an apology sets the new appointment and the dossier counts as overdue and late [003 Art. 19.1.a]', () => {
  const { clock } = foldClock(
    [RECEIVED, { type: 'apology', at: at('2026-03-05 10:00'), newAppointment: at('2026-03-13 07:30') }],
    ctx(),
  );
  assert.equal(fmt(clock.appointment), '2026-03-13 07:30');
  assert.equal(fmt(clock.originalAppointment), '2026-03-09 13:00');
  assert.equal(fmt(clock.deadline), '2026-03-09 09:00');
  const s = clockStatus(clock, at('2026-03-05 11:00'), ctx());
  assert.equal(s.state, 'overdue');
  // Resolved even before the original appointment, it is late.
  const resolved = applyClockEvent(clock, { type: 'resolved', at: at('2026-03-06 10:00') }, ctx());
  assert.ok(resolved.ok);
  assert.deepEqual(classifyClock(resolved.clock, ctx()), { outcome: 'late', daysLate: 1 });
  // Resolved on 2026-03-12 10:00: Tue 10 and Wed 11 full days + Thu 150 min after the appointment date → 3.
  const later = applyClockEvent(clock, { type: 'resolved', at: at('2026-03-12 10:00') }, ctx());
  assert.ok(later.ok);
  assert.deepEqual(classifyClock(later.clock, ctx()), { outcome: 'late', daysLate: 3 });
});

test('an extension by apology is allowed only once per dossier [NĐ 61 Art. 19.9]', () => {
  const { refused } = foldClock(
    [
      RECEIVED,
      { type: 'apology', at: at('2026-03-03 10:00'), newAppointment: at('2026-03-11 07:30') },
      { type: 'apology', at: at('2026-03-04 10:00'), newAppointment: at('2026-03-13 07:30') },
    ],
    ctx(),
  );
  assert.deepEqual(refused.map((x) => [x.index, x.reason]), [[2, 'apology-already-used']]);
  // Still once after a restart from zero.
  const restarted = foldClock(
    [
      RECEIVED,
      { type: 'apology', at: at('2026-03-03 10:00'), newAppointment: at('2026-03-11 07:30') },
      { type: 'supplement-requested', at: at('2026-03-04 09:00') },
      { type: 'resubmitted', at: at('2026-03-10 09:00') },
      { type: 'apology', at: at('2026-03-11 09:00'), newAppointment: at('2026-03-20 07:30') },
    ],
    ctx(),
  );
  assert.deepEqual(restarted.refused.map((x) => x.reason), ['apology-already-used']);
});

const APOLOGY_TIMING: ReadonlyArray<readonly [string, 'ok' | 'apology-too-late', Partial<DeadlinePolicy>?]> = [
  // Deadline Monday 2026-03-09 09:00: one working day before is Friday 03-06.
  ['2026-03-06 16:59', 'ok'],
  ['2026-03-07 10:00', 'apology-too-late'], // Saturday
  ['2026-03-09 08:00', 'apology-too-late'],
  // Lead 0: only "before the appointment" (003 Art. 19.1.a).
  ['2026-03-09 08:00', 'ok', { apologyLeadWorkingDays: 0 }],
  ['2026-03-09 12:59', 'ok', { apologyLeadWorkingDays: 0 }],
  ['2026-03-09 13:00', 'apology-too-late', { apologyLeadWorkingDays: 0 }],
];

for (const [when, expected, policy] of APOLOGY_TIMING) {
  test(`an apology at ${when} for a deadline of Monday 2026-03-09 09:00 is ${expected}${policy ? ` (lead ${policy.apologyLeadWorkingDays})` : ''} [NĐ 61 Art. 19.9; 003 Art. 19.1.a]`, () => {
    const r = foldClock([RECEIVED, { type: 'apology', at: at(when), newAppointment: at('2026-03-20 07:30') }], ctx(policy));
    assert.deepEqual(r.refused.map((x) => x.reason), expected === 'ok' ? [] : [expected]);
  });
}

test('the last day for an apology skips weekends and holidays (deadline after Tết 2026 → Friday before Tết)', () => {
  assert.equal(dateOfDay(lastApologyDay(at('2026-02-23 10:00'), cal, resolvePolicy())!), '2026-02-13');
  assert.equal(dateOfDay(lastApologyDay(at('2026-02-24 10:00'), cal, resolvePolicy({ apologyLeadWorkingDays: 2 }))!), '2026-02-13');
  assert.equal(lastApologyDay(at('2026-02-24 10:00'), cal, resolvePolicy({ apologyLeadWorkingDays: 0 })), null);
});

test('the new appointment of an apology must be later than the current one', () => {
  const r = foldClock([RECEIVED, { type: 'apology', at: at('2026-03-03 10:00'), newAppointment: at('2026-03-09 13:00') }], ctx());
  assert.deepEqual(r.refused.map((x) => x.reason), ['apology-appointment-not-later']);
});

test('events that do not fit the dossier state are refused with a reason and skipped', () => {
  const r = foldClock(
    [
      { type: 'supplement-requested', at: at('2026-03-01 10:00') }, // before receipt
      RECEIVED,
      { type: 'received', at: at('2026-03-02 10:00') }, // twice
      { type: 'resubmitted', at: at('2026-03-02 11:00') }, // not paused
      { type: 'supplement-requested', at: at('2026-03-02 08:00') }, // earlier than the last event
      { type: 'supplement-requested', at: at('2026-03-03 08:00') },
      { type: 'apology', at: at('2026-03-03 09:00'), newAppointment: at('2026-03-20 07:30') }, // while paused
      { type: 'supplement-requested', at: at('2026-03-03 10:00') }, // already paused
      { type: 'resolved', at: at('2026-03-04 10:00') }, // a refusal during the pause is a result [003 Art. 19.2]
      { type: 'resubmitted', at: at('2026-03-05 10:00') }, // after the result
    ],
    ctx(),
  );
  assert.deepEqual(
    r.refused.map((x) => [x.index, x.reason]),
    [
      [0, 'not-received'],
      [2, 'already-received'],
      [3, 'not-paused'],
      [4, 'out-of-order'],
      [6, 'paused'],
      [7, 'paused'],
      [9, 'resolved'],
    ],
  );
  assert.equal(r.clock.phase, 'resolved');
});

test('a resolved dossier without apology is classified by the configured rule', () => {
  const { clock } = foldClock([RECEIVED, { type: 'resolved', at: at('2026-03-09 15:00') }], ctx());
  assert.deepEqual(classifyClock(clock, ctx()), { outcome: 'on-time', daysLate: 0 });
  assert.deepEqual(classifyClock(clock, ctx({ onTime: 'by-instant' })), { outcome: 'late', daysLate: 1 });
  assert.equal(classifyClock(foldClock([RECEIVED], ctx()).clock, ctx()), null);
});

// Steps [003 Art. 20.1]: reception → specialist → leader, the leader returns it, then approves.
const STEPS: Handover[] = [
  { at: at('2026-03-02 09:00'), to: 'tiep-nhan' },
  { at: at('2026-03-02 10:00'), to: 'chuyen-vien' },
  { at: at('2026-03-03 10:00'), to: 'lanh-dao' },
  { at: at('2026-03-03 14:00'), to: 'chuyen-vien' }, // returned for rework
  { at: at('2026-03-04 09:00'), to: 'lanh-dao' },
];
const STEP_BUDGETS = { 'tiep-nhan': 240, 'chuyen-vien': 960, 'lanh-dao': 480 };

function byId(clocks: readonly HolderClock[]): Record<string, HolderClock> {
  return Object.fromEntries(clocks.map((c) => [c.id, c]));
}

test("each step's time runs from when it receives the dossier until it sends it on; a returned dossier's time counts to the step it returns to [003 Art. 20.1]", () => {
  const r = holderClocks(STEPS, STEP_BUDGETS, at('2026-03-04 16:00'), cal);
  assert.ok(r.ok);
  const c = byId(r.clocks);
  assert.equal(c['tiep-nhan']!.usedMinutes, 60);
  // 330 + 150 before the return, then 180 + 90 after it: the clock resumes, it does not restart.
  assert.equal(c['chuyen-vien']!.usedMinutes, 750);
  assert.equal(c['chuyen-vien']!.outcome, 'on-time');
  // Leader: 150 before returning it, 330 since 09:00 → 480 = its whole budget at 16:00.
  assert.equal(c['lanh-dao']!.usedMinutes, 480);
  assert.equal(c['lanh-dao']!.holding, true);
  assert.equal(fmt(c['lanh-dao']!.heldSince), '2026-03-04 09:00');
  assert.equal(fmt(c['lanh-dao']!.dueAt), '2026-03-04 16:00');
  assert.equal(c['lanh-dao']!.warning, 'due');
});

test('a step past its budget is overdue while held and late once sent on [003 Art. 21.c]', () => {
  const r = holderClocks(STEPS, STEP_BUDGETS, at('2026-03-04 16:01'), cal);
  assert.ok(r.ok);
  assert.equal(byId(r.clocks)['lanh-dao']!.warning, 'overdue');
  const tight = holderClocks(STEPS, { ...STEP_BUDGETS, 'chuyen-vien': 600 }, at('2026-03-04 16:00'), cal);
  assert.ok(tight.ok);
  assert.equal(byId(tight.clocks)['chuyen-vien']!.outcome, 'late');
  const early = holderClocks(STEPS, STEP_BUDGETS, at('2026-03-04 09:30'), cal);
  assert.ok(early.ok);
  assert.equal(byId(early.clocks)['lanh-dao']!.warning, 'due'); // due today at 16:00
  const earlier = holderClocks(STEPS.slice(0, 3), STEP_BUDGETS, at('2026-03-03 10:30'), cal);
  assert.ok(earlier.ok);
  assert.equal(byId(earlier.clocks)['lanh-dao']!.warning, 'not-due'); // due 2026-03-04 10:00
});

test("an agency's clock stops when it hands over, and its extension is counted to it [003 Art. 20.2]", () => {
  const handovers: Handover[] = [
    { at: at('2026-03-02 09:00'), to: 'so-tnmt' },
    { at: at('2026-03-03 09:00'), to: 'cuc-thue' },
    { at: at('2026-03-04 09:00'), to: 'cuc-thue', extendMinutes: 480 },
    { at: at('2026-03-06 09:00'), to: 'so-tnmt' },
  ];
  const budgets = { 'so-tnmt': 3 * 480, 'cuc-thue': 2 * 480 };
  const r = holderClocks(handovers, budgets, at('2026-03-06 10:00'), cal);
  assert.ok(r.ok);
  const c = byId(r.clocks);
  assert.equal(c['so-tnmt']!.usedMinutes, 480 + 60);
  assert.equal(fmt(c['so-tnmt']!.dueAt), '2026-03-10 09:00');
  assert.equal(c['so-tnmt']!.warning, 'not-due');
  assert.equal(c['cuc-thue']!.usedMinutes, 3 * 480);
  assert.equal(c['cuc-thue']!.budgetMinutes, 3 * 480);
  assert.equal(c['cuc-thue']!.outcome, 'on-time');
  const noExtension = holderClocks(handovers.map((h) => ({ at: h.at, to: h.to })), budgets, at('2026-03-06 10:00'), cal);
  assert.ok(noExtension.ok);
  assert.equal(byId(noExtension.clocks)['cuc-thue']!.outcome, 'late');
});

test('while nobody holds the dossier no step clock runs', () => {
  const r = holderClocks(
    [
      { at: at('2026-03-02 09:00'), to: 'chuyen-vien' },
      { at: at('2026-03-02 10:00'), to: null },
      { at: at('2026-03-05 10:00'), to: 'chuyen-vien' },
    ],
    {},
    at('2026-03-05 11:00'),
    cal,
  );
  assert.ok(r.ok);
  assert.equal(r.clocks[0]!.usedMinutes, 120);
  assert.equal(r.clocks[0]!.budgetMinutes, null);
  assert.equal(r.clocks[0]!.warning, null);
});

test('handovers out of time order, or a "now" before the last one, are refused', () => {
  assert.deepEqual(holderClocks([STEPS[1]!, STEPS[0]!], STEP_BUDGETS, at('2026-03-05 10:00'), cal), {
    ok: false,
    reason: 'out-of-order',
    index: 1,
  });
  assert.deepEqual(holderClocks(STEPS, STEP_BUDGETS, at('2026-03-01 10:00'), cal), {
    ok: false,
    reason: 'now-before-last-handover',
    index: 4,
  });
});

test('other legal clocks: 8 working hours to hand over [001 Art. 8.1.b] or enter feedback [001 Art. 21.3]; 3, 13 and 15 working days; 24 clock hours by post', () => {
  assert.equal(fmt(handoverDue(at('2026-03-02 16:00'), cal)), '2026-03-03 16:00');
  assert.equal(fmt(feedbackEntryDue(at('2026-03-07 10:00'), cal)), '2026-03-09 17:00'); // Saturday → Monday
  assert.equal(fmt(supplementNoticeDue(at('2026-03-02 09:00'), cal)), '2026-03-05 09:00'); // NĐ 61 Art. 19.4
  assert.equal(fmt(feedbackAnswerDue(at('2026-03-02 09:00'), cal)), '2026-03-19 09:00'); // 001 Art. 21.4
  assert.equal(fmt(questionAnswerDue(at('2026-03-02 09:00'), cal)), '2026-03-23 09:00'); // 002 Art. 13.3.b
  assert.equal(fmt(postalReturnDue(at('2026-03-06 16:00'))), '2026-03-07 16:00'); // 000 Art. 30.2
});

test('the handover clock warns with less than one working hour left, counted in working time, and is late only after the due instant [001 Art. 8.1.b]', () => {
  const w = (now: string, due: number) => Object.values(handoverWarning(at(now), due, cal)); // [state, working minutes left]
  // Received Monday 16:00: due Tuesday 16:00 (1 h Monday + 7 h Tuesday).
  const due = handoverDue(at('2026-03-02 16:00'), cal);
  assert.deepEqual(w('2026-03-03 14:00', due), ['running', 120]);
  assert.deepEqual(w('2026-03-03 15:00', due), ['running', 60]); // exactly one hour: not yet "under"
  assert.deepEqual(w('2026-03-03 15:01', due), ['due-soon', 59]);
  assert.deepEqual(w('2026-03-03 16:00', due), ['due-soon', 0]); // due now, not yet late
  assert.deepEqual(w('2026-03-03 16:01', due), ['late', -1]);
  // Received Monday 13:30: due Tuesday 13:30. The lunch break (11:30–13:00) does not count.
  const afterLunch = handoverDue(at('2026-03-02 13:30'), cal);
  assert.equal(fmt(afterLunch), '2026-03-03 13:30');
  assert.deepEqual(w('2026-03-03 11:00', afterLunch), ['running', 60]); // 30 min before lunch + 30 after
  assert.deepEqual(w('2026-03-03 11:15', afterLunch), ['due-soon', 45]);
  assert.deepEqual(w('2026-03-03 12:00', afterLunch), ['due-soon', 30]); // at lunch: only 13:00–13:30 left
  // Received Monday 08:00: 7 h 30 on Monday, due Tuesday 08:00; the night does not count.
  const overnight = handoverDue(at('2026-03-02 08:00'), cal);
  assert.equal(fmt(overnight), '2026-03-03 08:00');
  assert.deepEqual(w('2026-03-02 16:20', overnight), ['running', 70]); // 40 min Monday + 30 Tuesday
  assert.deepEqual(w('2026-03-02 16:50', overnight), ['due-soon', 40]); // 10 + 30
  // Received Friday 16:00: due Monday 16:00 (2026-03-09); Saturday and Sunday do not count.
  const weekend = handoverDue(at('2026-03-06 16:00'), cal);
  assert.equal(fmt(weekend), '2026-03-09 16:00');
  assert.deepEqual(w('2026-03-07 10:00', weekend), ['running', 420]);
});
