import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Value } from 'typebox/value';
import { OFFICIAL_SCHEDULES } from './official-schedules.ts';
import { CalendarDefinition, defaultCalendarDefinition, type OfficialScheduleYear } from './policy.ts';
import { formatInstant, instantAt } from './time.ts';
import {
  CalendarDefinitionError,
  addWorkingMinutes,
  compileCalendar,
  dayKind,
  listDays,
  nextWorkingInstant,
  validateCalendarDefinition,
  workingMinutesBetween,
  workingMinutesOfDay,
} from './working-calendar.ts';

const official = compileCalendar(defaultCalendarDefinition(OFFICIAL_SCHEDULES), 2024, 2026);
const generatedOnly = compileCalendar(defaultCalendarDefinition(), 2024, 2026);

test('the default week is Monday–Friday, 07:30–11:30 and 13:00–17:00: 480 working minutes a day', () => {
  assert.equal(official.dayMinutes, 480);
  assert.deepEqual(dayKind('2026-03-10', official), {
    date: '2026-03-10',
    kind: 'working',
    source: 'weekly',
    workingMinutes: 480,
    sessions: [
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ],
  });
  assert.equal(dayKind('2026-03-14', official).kind, 'weekend');
  assert.equal(dayKind('2026-03-15', official).kind, 'weekend');
});

test('days are listed as working, weekend, holiday (with label) or make-up', () => {
  const days = listDays('2026-01-01', '2026-01-12', official).map((d) => [d.date, d.kind, d.label ?? '']);
  assert.deepEqual(days, [
    ['2026-01-01', 'holiday', 'Tết Dương lịch'],
    ['2026-01-02', 'holiday', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/1/2026)'],
    ['2026-01-03', 'weekend', ''],
    ['2026-01-04', 'weekend', ''],
    ['2026-01-05', 'working', ''],
    ['2026-01-06', 'working', ''],
    ['2026-01-07', 'working', ''],
    ['2026-01-08', 'working', ''],
    ['2026-01-09', 'working', ''],
    ['2026-01-10', 'makeup', 'Làm bù cho ngày 2/1/2026'],
    ['2026-01-11', 'weekend', ''],
    ['2026-01-12', 'working', ''],
  ]);
  assert.equal(workingMinutesOfDay('2026-01-10', official), 480);
});

test('without an official schedule the generated Labour-Code holidays apply', () => {
  assert.equal(dayKind('2026-01-02', generatedOnly).kind, 'working');
  assert.equal(dayKind('2026-01-10', generatedOnly).kind, 'weekend');
  assert.equal(dayKind('2026-04-27', generatedOnly).source, 'generated');
  assert.equal(dayKind('2026-04-27', generatedOnly).kind, 'holiday');
});

test('a complete official year replaces the generated holidays of that year', () => {
  // Generated 2024 Tết (1 day before + 4) would give 15/2 as compensation; the official schedule says 8–14/2.
  assert.equal(dayKind('2024-02-15', generatedOnly).kind, 'holiday');
  assert.equal(dayKind('2024-02-15', official).kind, 'working');
  assert.equal(dayKind('2024-02-08', official).kind, 'holiday');
});

test('an incomplete official year is layered on the generated holidays', () => {
  const partial: OfficialScheduleYear = {
    year: 2026,
    complete: false,
    sources: [],
    notes: [],
    entries: [{ date: '2026-08-22', kind: 'makeup', label: 'Làm bù', labelEn: 'Make-up day' }],
  };
  const cal = compileCalendar(defaultCalendarDefinition([partial]), 2026, 2026);
  assert.equal(dayKind('2026-08-22', cal).kind, 'makeup');
  assert.equal(dayKind('2026-04-27', cal).kind, 'holiday'); // generated compensation still there
});

test('administrator overrides win over the official schedule, which wins over generated holidays', () => {
  const def = defaultCalendarDefinition(OFFICIAL_SCHEDULES);
  def.overrides = [
    { date: '2026-01-02', kind: 'working', label: 'Làm việc (tỉnh quyết định)' },
    { date: '2026-03-10', kind: 'holiday', label: 'Nghỉ do bão', labelEn: 'Closed (storm)' },
    { date: '2026-03-11', kind: 'working', label: 'Làm buổi sáng', sessions: [{ start: '07:30', end: '11:30' }] },
  ];
  const cal = compileCalendar(def, 2026, 2026);
  assert.equal(dayKind('2026-01-02', cal).kind, 'working');
  assert.equal(dayKind('2026-01-02', cal).source, 'override');
  assert.deepEqual(
    [dayKind('2026-03-10', cal).kind, dayKind('2026-03-10', cal).label, dayKind('2026-03-10', cal).labelEn],
    ['holiday', 'Nghỉ do bão', 'Closed (storm)'],
  );
  assert.equal(workingMinutesOfDay('2026-03-11', cal), 240);
});

test('an agency may have its own sessions; contiguous sessions merge', () => {
  const def = defaultCalendarDefinition();
  const day = [
    { start: '07:00', end: '11:00' },
    { start: '11:00', end: '11:30' },
    { start: '13:30', end: '17:30' },
  ];
  def.week = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [{ start: '07:30', end: '11:30' }], sun: [] };
  const cal = compileCalendar(def, 2026, 2026);
  assert.equal(cal.dayMinutes, 510); // the most common weekday length
  assert.deepEqual(dayKind('2026-03-10', cal).sessions, [
    { start: '07:00', end: '11:30' },
    { start: '13:30', end: '17:30' },
  ]);
  assert.equal(dayKind('2026-03-14', cal).kind, 'working'); // Saturday morning
  assert.equal(formatInstant(nextWorkingInstant(instantAt('2026-03-14', '12:00'), cal)), '2026-03-16T07:00:00+07:00');
});

test('invalid sessions and duplicate overrides are reported, and compiling refuses them', () => {
  const def = defaultCalendarDefinition();
  def.week.mon = [
    { start: '13:00', end: '17:00' },
    { start: '07:30', end: '11:30' },
  ];
  def.week.tue = [{ start: '17:00', end: '07:30' }];
  def.overrides = [
    { date: '2026-03-10', kind: 'holiday', label: 'a' },
    { date: '2026-03-10', kind: 'working', label: 'b' },
  ];
  const issues = validateCalendarDefinition(def);
  assert.equal(issues.length, 3, issues.join('\n'));
  assert.throws(() => compileCalendar(def, 2026, 2026), CalendarDefinitionError);
});

test('the calendar definition schema accepts the default and rejects malformed times and dates', () => {
  assert.ok(Value.Check(CalendarDefinition, defaultCalendarDefinition(OFFICIAL_SCHEDULES)));
  const bad = defaultCalendarDefinition();
  bad.week.mon = [{ start: '7:30', end: '11:30' }];
  assert.equal(Value.Check(CalendarDefinition, bad), false);
  const bad2 = defaultCalendarDefinition();
  bad2.overrides = [{ date: '26-01-01', kind: 'holiday', label: 'x' }];
  assert.equal(Value.Check(CalendarDefinition, bad2), false);
});

test('instants outside the compiled years are refused with a RangeError', () => {
  assert.throws(() => nextWorkingInstant(instantAt('2027-01-04', '08:00'), official), RangeError);
  assert.throws(() => dayKind('2023-12-31', official), RangeError);
  // The last working session of the range cannot be followed by another.
  assert.throws(() => nextWorkingInstant(instantAt('2026-12-31', '17:00'), official), RangeError);
});

test('working minutes between two instants skip nights, weekends and holidays', () => {
  const a = instantAt('2026-02-13', '16:00'); // Friday before Tết
  const b = instantAt('2026-02-23', '08:30'); // Monday after
  assert.equal(workingMinutesBetween(a, b, official), 60 + 60);
  assert.equal(workingMinutesBetween(b, a, official), -120);
  assert.equal(formatInstant(addWorkingMinutes(a, 120, official)), '2026-02-23T08:30:00+07:00');
  assert.equal(formatInstant(addWorkingMinutes(b, -120, official)), '2026-02-13T16:00:00+07:00');
});

test('a week with no working session is refused by validation, and compiling it fails fast instead of hanging', () => {
  const def = defaultCalendarDefinition();
  for (const k of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const) def.week[k] = [];
  assert.ok(validateCalendarDefinition(def).some((m) => m.startsWith('week:')));
  assert.throws(() => compileCalendar(def, 2025, 2026));
});
