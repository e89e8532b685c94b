import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeDeadline, countedFrom } from './deadline.ts';
import { OFFICIAL_SCHEDULES } from './official-schedules.ts';
import { defaultCalendarDefinition, resolvePolicy, type CalendarDefinition, type DeadlinePolicy, type WorkingSession } from './policy.ts';
import { dateOfDay, dayOfYmd, hhmmOfMinutes } from './time.ts';
import {
  addWorkingMinutes,
  compileCalendar,
  isWorkingInstant,
  workingMinutesBetween,
  type CompiledCalendar,
} from './working-calendar.ts';

const standard = compileCalendar(defaultCalendarDefinition(OFFICIAL_SCHEDULES), 2024, 2026);

// Receipts from 2024-01-01 to 2026-06-30 (any second), limits up to 40 working days: the results
// stay inside the compiled 2024–2026 range.
const FROM = Date.UTC(2023, 11, 31, 17);
const TO = Date.UTC(2026, 5, 30, 17);
const instant = fc.integer({ min: FROM, max: TO }).map((t) => Math.floor(t / 1000) * 1000);
const minutes = fc.integer({ min: 0, max: 40 * 480 });
const policy: fc.Arbitrary<DeadlinePolicy> = fc.record({
  cutoff: fc.constantFrom(null, '15:00', '17:00', '10:00'),
  appointment: fc.constantFrom('next-session' as const, 'deadline' as const),
}).map((p) => resolvePolicy(p));

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A random but valid calendar: 0–3 sessions per weekday, random overrides in 2025. */
const session = fc
  .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1440 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
const daySessions = fc.array(session, { maxLength: 3 }).map((list) => {
  // Sort and drop overlaps so the sessions are well-formed.
  const sorted = [...list].sort((x, y) => x[0] - y[0]);
  const out: WorkingSession[] = [];
  let end = -1;
  for (const [a, b] of sorted) {
    if (a < end) continue;
    out.push({ start: hhmmOfMinutes(a), end: hhmmOfMinutes(b) });
    end = b;
  }
  return out;
});
const randomCalendar: fc.Arbitrary<CompiledCalendar> = fc
  .record({
    week: fc.record({ mon: daySessions, tue: daySessions, wed: daySessions, thu: daySessions, fri: daySessions, sat: daySessions, sun: daySessions }),
    makeup: daySessions.filter((s) => s.length > 0),
    overrides: fc.uniqueArray(
      fc.record({ day: fc.integer({ min: 0, max: 364 }), kind: fc.constantFrom('holiday' as const, 'makeup' as const, 'working' as const) }),
      { selector: (o) => o.day, maxLength: 40 },
    ),
  })
  // At least two working hours a week, so the limits below stay inside the compiled years.
  .filter((r) => Object.values(r.week).flat().reduce((m, s) => m + minutesOf(s.end) - minutesOf(s.start), 0) >= 120)
  .map((r) => {
    const def: CalendarDefinition = {
      ...defaultCalendarDefinition(),
      week: r.week,
      makeupSessions: r.makeup,
      overrides: r.overrides.map((o) => ({ date: dateOfDay(dayOfYmd(2025, 1, 1) + o.day), kind: o.kind, label: o.kind })),
    };
    return compileCalendar(def, 2024, 2026);
  });

// Instants in 2025 and limits small enough to stay inside 2024–2026 on sparse random calendars.
const instant2025 = fc.integer({ min: Date.UTC(2024, 11, 31, 17), max: Date.UTC(2025, 11, 31, 16) });
const smallMinutes = fc.integer({ min: 0, max: 3000 });

function isSessionEnd(t: number, cal: CompiledCalendar): boolean {
  // Binary search over the session ends.
  let lo = 0;
  let hi = cal.sessionCount - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = cal.sessionEnd[mid]!;
    if (e === t) return true;
    if (e < t) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function isSessionStart(t: number, cal: CompiledCalendar): boolean {
  for (let s = 0; s < cal.sessionCount; s++) if (cal.sessionStart[s] === t) return true;
  return false;
}

const RUNS = { numRuns: 3000 };

test('property: the deadline is inside working time or exactly at a session end; a next-session appointment is a session start', () => {
  fc.assert(
    fc.property(instant, minutes, policy, (r, m, p) => {
      const d = computeDeadline(r, m, standard, p);
      assert.ok(isWorkingInstant(d.deadline, standard) || isSessionEnd(d.deadline, standard));
      assert.ok(d.appointment >= d.deadline);
      if (p.appointment === 'next-session') assert.ok(isSessionStart(d.appointment, standard));
    }),
    RUNS,
  );
});

test('property: on any valid calendar the deadline is in working time or at a session end', () => {
  fc.assert(
    fc.property(randomCalendar, instant2025, smallMinutes, (cal, r, m) => {
      const d = computeDeadline(r, m, cal, resolvePolicy());
      assert.ok(isWorkingInstant(d.deadline, cal) || isSessionEnd(d.deadline, cal));
      assert.equal(workingMinutesBetween(d.countedFrom, d.deadline, cal), m);
    }),
    { numRuns: 300 },
  );
});

// Later instants: mostly close to the first one, where an ordering bug would show.
const later = fc.oneof(
  fc.integer({ min: 0, max: 3 * 3_600_000 }),
  fc.integer({ min: 0, max: 7 * 86_400_000 }),
  fc.integer({ min: 0, max: 365 * 86_400_000 }),
);

test('property: the deadline never moves earlier when the receipt is later', () => {
  fc.assert(
    fc.property(instant, later, minutes, policy, (r1, delta, m, p) => {
      const r2 = Math.min(r1 + delta, TO);
      assert.ok(computeDeadline(r1, m, standard, p).deadline <= computeDeadline(r2, m, standard, p).deadline);
      assert.ok(computeDeadline(r1, m, standard, p).appointment <= computeDeadline(r2, m, standard, p).appointment);
    }),
    RUNS,
  );
});

test('property: the deadline never moves earlier when the time limit is longer', () => {
  fc.assert(
    fc.property(instant, minutes, fc.oneof(fc.integer({ min: 0, max: 600 }), minutes), policy, (r, m1, delta, p) => {
      const m2 = Math.min(m1 + delta, 40 * 480);
      assert.ok(computeDeadline(r, m1, standard, p).deadline <= computeDeadline(r, m2, standard, p).deadline);
    }),
    RUNS,
  );
});

test('property: counting starts no earlier than the receipt and, without a cut-off, loses no working time', () => {
  fc.assert(
    fc.property(instant, policy, (r, p) => {
      const c = countedFrom(r, standard, p);
      assert.ok(c >= r);
      if (p.cutoff === null) assert.equal(workingMinutesBetween(r, c, standard), 0);
    }),
    RUNS,
  );
});

test('property: addWorkingMinutes then workingMinutesBetween round-trips', () => {
  fc.assert(
    fc.property(instant, fc.integer({ min: -20 * 480, max: 40 * 480 }), (t, m) => {
      fc.pre(t > Date.UTC(2024, 2, 1)); // room for negative additions
      assert.equal(workingMinutesBetween(t, addWorkingMinutes(t, m, standard), standard), m);
    }),
    RUNS,
  );
});

test('property: adding a duration in two parts equals adding the sum', () => {
  fc.assert(
    fc.property(instant, minutes, minutes, (t, a, b) => {
      fc.pre(a + b <= 40 * 480);
      assert.equal(addWorkingMinutes(addWorkingMinutes(t, a, standard), b, standard), addWorkingMinutes(t, a + b, standard));
    }),
    RUNS,
  );
});

test('property: on any valid calendar, adding in two parts equals adding the sum, and round-trips', () => {
  fc.assert(
    fc.property(randomCalendar, instant2025, smallMinutes, smallMinutes, (cal, t, a, b) => {
      const once = addWorkingMinutes(t, a + b, cal);
      assert.equal(addWorkingMinutes(addWorkingMinutes(t, a, cal), b, cal), once);
      assert.equal(workingMinutesBetween(t, once, cal), a + b);
    }),
    { numRuns: 300 },
  );
});
