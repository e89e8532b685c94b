import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appointmentFor,
  classify,
  computeDeadline,
  countedFrom,
  deadlineInstant,
  dossierState,
  limitMinutes,
  stepWarning,
} from './deadline.ts';
import { OFFICIAL_SCHEDULES } from './official-schedules.ts';
import { defaultCalendarDefinition, resolvePolicy, type DeadlinePolicy, type WorkingDuration } from './policy.ts';
import { formatInstant, instantAt } from './time.ts';
import { compileCalendar } from './working-calendar.ts';
import type { TimeLimit } from '../catalogue/procedure.ts';

const cal = compileCalendar(defaultCalendarDefinition(OFFICIAL_SCHEDULES), 2024, 2026);
const noOfficial = compileCalendar(defaultCalendarDefinition(), 2024, 2026);
const at = (s: string): number => instantAt(s.slice(0, 10), s.slice(11, 16)) + (s.length > 16 ? Number(s.slice(17, 19)) * 1000 : 0);
const fmt = (t: number): string => formatInstant(t).slice(0, 19).replace('T', ' ');
const P = resolvePolicy();
const days = (value: number): WorkingDuration => ({ unit: 'working-days', value });
const hours = (value: number): WorkingDuration => ({ unit: 'working-hours', value });

// 2026-03-09 is a Monday; 2026-03-10 Tuesday … 2026-03-13 Friday, 14–15 the weekend.
const RECEIPTS: ReadonlyArray<readonly [string, string, string, Partial<DeadlinePolicy>?]> = [
  // [received, counted from, why] — 001 Art. 8.1.c, 003 Art. 18.2
  ['2026-03-10 09:17:45', '2026-03-10 09:17:45', 'inside a session: from the receipt instant itself'],
  ['2026-03-10 07:30', '2026-03-10 07:30', 'exactly 07:30 is inside the morning session'],
  ['2026-03-10 11:30', '2026-03-10 13:00', 'exactly 11:30 is the end of the morning session: next session'],
  ['2026-03-10 12:10', '2026-03-10 13:00', 'in the lunch break: start of the afternoon session'],
  ['2026-03-10 13:00', '2026-03-10 13:00', 'exactly 13:00 is inside the afternoon session'],
  ['2026-03-10 17:00', '2026-03-11 07:30', 'exactly 17:00 is after hours: next working day'],
  ['2026-03-10 21:45', '2026-03-11 07:30', 'in the evening: next working day'],
  ['2026-03-10 05:00', '2026-03-10 07:30', 'before hours: the same day at 07:30'],
  ['2026-03-14 10:00', '2026-03-16 07:30', 'on a Saturday: Monday 07:30'],
  ['2026-03-13 17:30', '2026-03-16 07:30', 'Friday evening: Monday 07:30'],
  ['2026-02-13 17:05', '2026-02-23 07:30', 'Friday before Tết 2026: the first day after the break'],
  ['2026-02-18 09:00', '2026-02-23 07:30', 'during Tết: the first day after the break'],
  ['2026-04-27 09:00', '2026-04-28 07:30', 'on the compensatory day for Giỗ Tổ'],
  ['2026-01-02 09:00', '2026-01-05 07:30', 'on a swapped day off (2/1/2026)'],
  ['2026-01-10 09:00', '2026-01-10 09:00', 'on a make-up Saturday (10/1/2026): it is a working day'],
  // cut-off 15:00 — 000 Art. 21.2
  ['2026-03-10 14:59', '2026-03-10 14:59', 'before a 15:00 cut-off: counted as usual', { cutoff: '15:00' }],
  ['2026-03-10 15:00', '2026-03-11 07:30', 'exactly at the 15:00 cut-off: next working day', { cutoff: '15:00' }],
  ['2026-03-10 16:20', '2026-03-11 07:30', 'after the 15:00 cut-off: next working day', { cutoff: '15:00' }],
  ['2026-03-13 15:30', '2026-03-16 07:30', 'Friday after the cut-off: Monday', { cutoff: '15:00' }],
  ['2026-03-10 12:00', '2026-03-10 13:00', 'lunch break before the cut-off: the afternoon session', { cutoff: '15:00' }],
  ['2026-03-14 16:00', '2026-03-16 07:30', 'a weekend receipt after the cut-off hour: Monday', { cutoff: '15:00' }],
  ['2026-01-10 15:30', '2026-01-12 07:30', 'make-up Saturday after the cut-off: next working day', { cutoff: '15:00' }],
  ['2026-02-13 15:10', '2026-02-23 07:30', 'Friday before Tết after the cut-off: after the break', { cutoff: '15:00' }],
  // cut-off 17:00 for online dossiers — 002 Art. 9.1
  ['2026-03-10 16:59', '2026-03-10 16:59', 'before a 17:00 cut-off', { cutoff: '17:00' }],
  ['2026-03-10 17:00', '2026-03-11 07:30', 'at a 17:00 cut-off', { cutoff: '17:00' }],
];

for (const [received, expected, why, policy] of RECEIPTS) {
  test(`a dossier received ${received}${policy?.cutoff ? ` (cut-off ${policy.cutoff})` : ''} counts from ${expected}: ${why} [001 Art. 8.1.c${policy?.cutoff ? '; 000 Art. 21.2; 002 Art. 9.1' : ''}]`, () => {
    assert.equal(fmt(countedFrom(at(received), cal, resolvePolicy(policy))), expected.length === 16 ? `${expected}:00` : expected);
  });
}

const DEADLINES: ReadonlyArray<readonly [string, WorkingDuration, string, string, string, Partial<DeadlinePolicy>?]> = [
  // [received, limit, deadline, appointment, why] — 003 Art. 18.2–18.3
  ['2026-03-10 09:00', days(1), '2026-03-11 09:00', '2026-03-11 13:00', 'one working day is 480 working minutes later'],
  ['2026-03-10 07:30', days(1), '2026-03-10 17:00', '2026-03-11 07:30', 'a deadline on a session end stays at 17:00; the appointment is the next morning'],
  ['2026-03-10 07:30', days(0.5), '2026-03-10 11:30', '2026-03-10 13:00', 'half a day ends at 11:30; the appointment is 13:00'],
  ['2026-03-10 10:00', hours(4), '2026-03-10 15:30', '2026-03-11 07:30', 'working hours skip the lunch break'],
  ['2026-03-13 16:00', hours(8), '2026-03-16 16:00', '2026-03-17 07:30', 'eight working hours over a weekend [001 Art. 8.1.b]'],
  ['2026-03-10 10:00', days(0), '2026-03-10 10:00', '2026-03-10 13:00', 'an immediate procedure is due on receipt'],
  ['2026-03-10 19:00', days(0), '2026-03-11 07:30', '2026-03-11 13:00', 'an immediate procedure received after hours is due at the next opening'],
  ['2026-02-13 16:30', days(5), '2026-02-27 16:30', '2026-03-02 07:30', 'five days across Tết 2026'],
  ['2025-12-31 09:00', days(3), '2026-01-07 09:00', '2026-01-07 13:00', 'across Tết Dương lịch 2026 and the swapped 2/1'],
  ['2026-01-08 09:00', days(2), '2026-01-10 09:00', '2026-01-10 13:00', 'the make-up Saturday 10/1/2026 counts as a working day'],
  ['2026-08-20 09:00', days(2), '2026-08-22 09:00', '2026-08-22 13:00', 'the make-up Saturday 22/8/2026 counts as a working day'],
  ['2026-08-28 09:00', days(1), '2026-09-03 09:00', '2026-09-03 13:00', 'Quốc khánh 2026 (31/8 swapped, 1–2/9) is skipped'],
  ['2026-03-10 16:00', days(1), '2026-03-11 16:00', '2026-03-11 16:00', "appointment policy 'deadline'", { appointment: 'deadline' }],
  ['2026-03-10 15:30', days(1), '2026-03-11 17:00', '2026-03-12 07:30', 'a 15:00 cut-off starts the clock the next morning, then a full day', { cutoff: '15:00' }],
  ['2026-03-10 16:00', { unit: 'working-minutes', value: 60 }, '2026-03-10 17:00', '2026-03-11 07:30', 'sixty minutes ending exactly at 17:00'],
];

for (const [received, limit, deadline, appointment, why, policy] of DEADLINES) {
  test(`received ${received} with ${limit.value} ${limit.unit}: due ${deadline}, appointment ${appointment} — ${why} [003 Art. 18.2–18.3]`, () => {
    const p = resolvePolicy(policy);
    const r = computeDeadline(at(received), limit, cal, p);
    assert.equal(fmt(r.deadline), `${deadline}:00`);
    assert.equal(fmt(r.appointment), `${appointment}:00`);
    assert.equal(deadlineInstant(at(received), limitMinutes(limit, cal), cal, p), r.deadline);
    assert.equal(appointmentFor(r.deadline, cal, p), r.appointment);
  });
}

test('without the official schedule the make-up Saturday is a weekend and the swapped day a working day', () => {
  assert.equal(fmt(computeDeadline(at('2026-01-08 09:00'), days(2), noOfficial, P).deadline), '2026-01-12 09:00:00');
  assert.equal(fmt(countedFrom(at('2026-01-02 09:00'), noOfficial, P)), '2026-01-02 09:00:00');
});

test('seconds of the receipt are kept in the deadline (003 Art. 18.2: to the minute and second)', () => {
  assert.equal(formatInstant(computeDeadline(at('2026-03-10 09:17:45'), days(1), cal, P).deadline), '2026-03-11T09:17:45+07:00');
});

test('the appointment is the start of the session after the session the deadline falls in [003 Art. 18.3]', () => {
  const table: ReadonlyArray<readonly [string, string]> = [
    ['2026-03-10 08:00', '2026-03-10 13:00'],
    ['2026-03-10 11:30', '2026-03-10 13:00'],
    ['2026-03-10 13:00', '2026-03-11 07:30'],
    ['2026-03-10 16:59', '2026-03-11 07:30'],
    ['2026-03-10 17:00', '2026-03-11 07:30'],
    ['2026-03-13 17:00', '2026-03-16 07:30'],
    ['2026-02-13 17:00', '2026-02-23 07:30'],
    ['2026-03-10 12:15', '2026-03-10 13:00'], // not produced by the engine: outside working time
    ['2026-03-14 09:00', '2026-03-16 07:30'],
  ];
  for (const [deadline, appointment] of table) assert.equal(fmt(appointmentFor(at(deadline), cal, P)), `${appointment}:00`, deadline);
});

test('a working day is the agency day length: 9-hour days make 5 days = 45 working hours', () => {
  const def = defaultCalendarDefinition();
  const day = [
    { start: '07:00', end: '11:30' },
    { start: '13:00', end: '17:30' },
  ];
  def.week = { ...def.week, mon: day, tue: day, wed: day, thu: day, fri: day };
  const nine = compileCalendar(def, 2026, 2026);
  assert.equal(limitMinutes(days(5), nine), 5 * 540);
  assert.equal(fmt(computeDeadline(at('2026-03-09 09:00'), days(5), nine, P).deadline), '2026-03-16 09:00:00');
  // Hours stay hours.
  assert.equal(limitMinutes(hours(8), nine), 480);
});

test('a half-day make-up counts as half a working day', () => {
  const def = defaultCalendarDefinition();
  def.overrides = [{ date: '2026-03-14', kind: 'makeup', label: 'Làm bù buổi sáng', sessions: [{ start: '07:30', end: '11:30' }] }];
  const half = compileCalendar(def, 2026, 2026);
  // Friday 13:00 + 1 day: Friday 240 + Saturday morning 240 = 480 → Saturday 11:30.
  assert.equal(fmt(computeDeadline(at('2026-03-13 13:00'), days(1), half, P).deadline), '2026-03-14 11:30:00');
  assert.equal(fmt(computeDeadline(at('2026-03-13 13:00'), days(1), half, P).appointment), '2026-03-16 07:30:00');
});

// Classification: deadline Tue 10/3 17:00, appointment Wed 11/3 07:30.
const DL = at('2026-03-10 17:00');
const AP = at('2026-03-11 07:30');

const BY_DAY: ReadonlyArray<readonly [string, string, number]> = [
  ['2026-03-09 10:00', 'early', 0],
  ['2026-03-10 16:59', 'early', 0],
  ['2026-03-11 07:00', 'on-time', 0],
  ['2026-03-11 16:30', 'on-time', 0],
  ['2026-03-12 08:00', 'late', 1],
  ['2026-03-12 17:00', 'late', 1],
  ['2026-03-13 07:31', 'late', 2],
  ['2026-03-14 10:00', 'late', 2],
  ['2026-03-16 10:00', 'late', 3],
];

for (const [resolved, outcome, daysLate] of BY_DAY) {
  test(`by day, a result on ${resolved} against an appointment on 2026-03-11 is ${outcome}${daysLate ? `, ${daysLate} working day(s) late` : ''} [002 Art. 14.4]`, () => {
    assert.deepEqual(classify(at(resolved), DL, AP, cal, P), { outcome, daysLate });
  });
}

const BY_INSTANT: ReadonlyArray<readonly [string, string, number]> = [
  ['2026-03-09 16:00', 'early', 0],
  ['2026-03-10 16:59', 'on-time', 0],
  ['2026-03-10 17:00', 'on-time', 0],
  ['2026-03-10 17:00:01', 'late', 1],
  ['2026-03-11 07:45', 'late', 1],
  ['2026-03-12 10:00', 'late', 2],
  ['2026-03-16 17:00', 'late', 4],
];

for (const [resolved, outcome, daysLate] of BY_INSTANT) {
  test(`by instant, a result at ${resolved} against a deadline of 2026-03-10 17:00 is ${outcome}${daysLate ? `, ${daysLate} working day(s) late` : ''} [003 Art. 18.6]`, () => {
    assert.deepEqual(classify(at(resolved), DL, AP, cal, resolvePolicy({ onTime: 'by-instant' })), { outcome, daysLate });
  });
}

test('the two on-time policies disagree on a result the morning after the deadline', () => {
  const r = at('2026-03-11 10:00');
  assert.equal(classify(r, DL, AP, cal, P).outcome, 'on-time');
  assert.equal(classify(r, DL, AP, cal, resolvePolicy({ onTime: 'by-instant' })).outcome, 'late');
});

const STATES: ReadonlyArray<readonly [string, string, number, Partial<DeadlinePolicy>?]> = [
  ['2026-03-09 09:00', 'not-due', 870],
  ['2026-03-10 07:29', 'not-due', 480],
  ['2026-03-10 07:31', 'due-soon', 479],
  ['2026-03-10 09:00', 'due-soon', 390],
  ['2026-03-10 17:30', 'due-soon', 0],
  ['2026-03-11 07:30', 'due-soon', 0],
  ['2026-03-11 07:31', 'overdue', -1],
  ['2026-03-10 17:00', 'due-soon', 0, { overdueFrom: 'deadline' }],
  ['2026-03-10 17:00:01', 'overdue', 0, { overdueFrom: 'deadline' }],
  ['2026-03-10 09:00', 'not-due', 390, { dueSoonMinutes: 120 }],
];

for (const [now, state, left, policy] of STATES) {
  test(`an unresolved dossier due 2026-03-10 17:00 (appointment 03-11 07:30) is ${state} at ${now}${policy ? ` with ${JSON.stringify(policy)}` : ''} [003 Art. 21.a–b; 002 Art. 14.4.d]`, () => {
    const s = dossierState(at(now), DL, AP, cal, resolvePolicy(policy));
    assert.equal(s.state, state);
    assert.equal(Math.round(s.workingMinutesLeft), left);
  });
}

test('a step is due on its due date and overdue after its due instant [003 Art. 21.c]', () => {
  const due = at('2026-03-10 15:00');
  assert.equal(stepWarning(at('2026-03-09 16:00'), due), 'not-due');
  assert.equal(stepWarning(at('2026-03-10 07:45'), due), 'due');
  assert.equal(stepWarning(at('2026-03-10 15:00'), due), 'due');
  assert.equal(stepWarning(at('2026-03-10 15:01'), due), 'overdue');
});

test("the catalogue's procedure time limit is accepted as is (1.5 working days = 720 minutes)", () => {
  const limit: TimeLimit = { unit: 'working-days', value: 1.5, note: 'kể từ ngày nhận đủ hồ sơ hợp lệ' };
  assert.equal(fmt(computeDeadline(at('2026-03-10 09:00'), limit, cal, P).deadline), '2026-03-11 14:30:00');
});

test('a negative time limit is refused', () => {
  assert.throws(() => computeDeadline(at('2026-03-10 09:00'), { unit: 'working-days', value: -1 }, cal, P), RangeError);
});
