/**
 * The working calendar (lịch làm việc) and its compiled, query-fast form.
 *
 * A calendar is a weekly pattern of working sessions plus day overrides, layered (later wins):
 *   1. generated Labour-Code holidays (holidays.ts) — only for years without a `complete`
 *      official schedule;
 *   2. the official yearly schedule for civil servants (official-schedules.ts or imported JSON);
 *   3. the administrator's overrides.
 *
 * `compileCalendar` turns that into typed arrays over every session of a range of years:
 * absolute session bounds (epoch ms) and the cumulative working time before each session. An
 * instant then maps to a "working-time coordinate" (ms of working time since the start of the
 * range) in O(sessions of one day), and a coordinate back to an instant by binary search, so a
 * deadline is O(log n) with no allocation. The compiled object is immutable; compile again when the
 * definition changes.
 */
import { generateHolidays } from './holidays.ts';
import {
  type CalendarDefinition,
  type DayOverrideKind,
  type WorkingSession,
  type WeeklySessions,
} from './policy.ts';
import {
  DAY_MS,
  MINUTE_MS,
  VN_OFFSET_MS,
  dateOfDay,
  dayOfDate,
  dayOfYmd,
  hhmmOfMinutes,
  isHhmm,
  isIsoDate,
  minutesOfHhmm,
  startOfLocalDay,
  weekdayOfDay,
  type IsoDate,
} from './time.ts';

export type DayKind = 'working' | 'weekend' | 'holiday' | 'makeup';
const KIND_CODES: readonly DayKind[] = ['working', 'weekend', 'holiday', 'makeup'];
const KIND_WORKING = 0;
const KIND_WEEKEND = 1;
const KIND_HOLIDAY = 2;
const KIND_MAKEUP = 3;

export type DaySource = 'weekly' | 'generated' | 'official' | 'override';

export interface DayLabel {
  label: string;
  labelEn: string;
  source: DaySource;
}

export interface CompiledCalendar {
  readonly fromYear: number;
  readonly toYear: number;
  /** Local day number of 1 January of `fromYear`. */
  readonly firstDay: number;
  readonly dayCount: number;
  /** Length of one working day in minutes, used for "N working days" (default 480). */
  readonly dayMinutes: number;
  readonly sessionCount: number;
  /** Index of the first session of each day; length dayCount + 1 (the last entry = sessionCount). */
  readonly daySession: Int32Array;
  /** Session start instants (epoch ms), ascending. */
  readonly sessionStart: Float64Array;
  /** Session end instants (epoch ms). */
  readonly sessionEnd: Float64Array;
  /** Working ms before each session; length sessionCount + 1 (the last entry = total). */
  readonly sessionCum: Float64Array;
  /** Kind code of each day (index into KIND_CODES). */
  readonly kinds: Uint8Array;
  /** Labels of the days that have one, by day index. */
  readonly labels: ReadonlyMap<number, DayLabel>;
}

export class CalendarDefinitionError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`invalid calendar definition: ${issues.join('; ')}`);
    this.name = 'CalendarDefinitionError';
  }
}

const WEEK_KEYS: ReadonlyArray<keyof WeeklySessions> = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

type MinuteSession = readonly [number, number];

function checkSessions(sessions: readonly WorkingSession[], where: string, issues: string[]): void {
  let prevEnd = -1;
  for (const s of sessions) {
    if (!isHhmm(s.start) || !isHhmm(s.end)) {
      issues.push(`${where}: malformed session ${s.start}–${s.end}`);
      continue;
    }
    const a = minutesOfHhmm(s.start);
    const b = minutesOfHhmm(s.end);
    if (a >= b) issues.push(`${where}: session ${s.start}–${s.end} ends before it starts`);
    if (a < prevEnd) issues.push(`${where}: sessions overlap or are out of order at ${s.start}`);
    prevEnd = b;
  }
}

/** Problems that would make a definition unusable (empty when valid). Schema checks come first. */
export function validateCalendarDefinition(def: CalendarDefinition): string[] {
  const issues: string[] = [];
  for (const k of WEEK_KEYS) checkSessions(def.week[k], `week.${k}`, issues);
  // A week with no working session has no working time at all: nothing could ever fall due.
  if (WEEK_KEYS.every((k) => def.week[k].length === 0)) issues.push('week: at least one weekday must have a working session');
  checkSessions(def.makeupSessions, 'makeupSessions', issues);
  if (def.makeupSessions.length === 0) issues.push('makeupSessions: at least one session is needed');
  for (const y of def.official) {
    for (const e of y.entries) {
      if (!isIsoDate(e.date)) issues.push(`official ${y.year}: bad date ${e.date}`);
      else if (Number(e.date.slice(0, 4)) !== y.year) issues.push(`official ${y.year}: ${e.date} is not in ${y.year}`);
    }
  }
  const seen = new Set<string>();
  for (const o of def.overrides) {
    if (!isIsoDate(o.date)) issues.push(`override: bad date ${o.date}`);
    if (seen.has(o.date)) issues.push(`override: ${o.date} given twice`);
    seen.add(o.date);
    if (o.sessions) {
      checkSessions(o.sessions, `override ${o.date}`, issues);
      if (o.kind === 'holiday' && o.sessions.length > 0) issues.push(`override ${o.date}: a holiday has no sessions`);
      if (o.kind !== 'holiday' && o.sessions.length === 0) issues.push(`override ${o.date}: a ${o.kind} day needs sessions`);
    }
  }
  return issues;
}

function toMinuteSessions(sessions: readonly WorkingSession[]): MinuteSession[] {
  // Contiguous sessions (11:30–11:30) are merged: a deadline at the joint belongs to neither.
  const out: Array<[number, number]> = [];
  for (const s of sessions) {
    const a = minutesOfHhmm(s.start);
    const b = minutesOfHhmm(s.end);
    const last = out[out.length - 1];
    if (last && last[1] === a) last[1] = b;
    else out.push([a, b]);
  }
  return out;
}

function sessionMinutes(sessions: readonly MinuteSession[]): number {
  let m = 0;
  for (const [a, b] of sessions) m += b - a;
  return m;
}

/** The most common non-zero weekday length (ties: the longer), 480 for the standard week. */
export function nominalDayMinutes(def: CalendarDefinition): number {
  if (def.dayMinutes !== undefined) return def.dayMinutes;
  const counts = new Map<number, number>();
  for (const k of WEEK_KEYS) {
    const m = sessionMinutes(toMinuteSessions(def.week[k]));
    if (m > 0) counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  let best = sessionMinutes(toMinuteSessions(def.makeupSessions));
  let bestCount = 0;
  for (const [m, c] of counts) {
    if (c > bestCount || (c === bestCount && m > best)) {
      best = m;
      bestCount = c;
    }
  }
  return best;
}

interface Layer {
  kind: DayOverrideKind;
  label: string;
  labelEn: string;
  sessions: readonly WorkingSession[] | undefined;
  source: DaySource;
}

/**
 * Precomputes the calendar for the years fromYear…toYear (inclusive). Throws
 * CalendarDefinitionError for an invalid definition (validate with the schema and
 * validateCalendarDefinition first to report problems to a user).
 */
export function compileCalendar(def: CalendarDefinition, fromYear: number, toYear: number): CompiledCalendar {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || toYear < fromYear || fromYear < 1901 || toYear > 2199) {
    throw new RangeError(`bad year range ${fromYear}–${toYear}`);
  }
  const issues = validateCalendarDefinition(def);
  if (issues.length > 0) throw new CalendarDefinitionError(issues);

  const firstDay = dayOfYmd(fromYear, 1, 1);
  const endDay = dayOfYmd(toYear + 1, 1, 1);
  const dayCount = endDay - firstDay;
  const weekly = WEEK_KEYS.map((k) => toMinuteSessions(def.week[k]));
  const isWeeklyDayOff = (wd: number): boolean => weekly[wd]!.length === 0;

  // Layers by day number; later layers replace earlier ones.
  const layers = new Map<number, Layer>();
  const completeYears = new Set(def.official.filter((y) => y.complete).map((y) => y.year));
  if (def.holidays.generate) {
    for (let y = fromYear; y <= toYear; y++) {
      if (completeYears.has(y)) continue;
      for (const h of generateHolidays(y, def.holidays, isWeeklyDayOff)) {
        layers.set(dayOfDate(h.date), { kind: 'holiday', label: h.label, labelEn: h.labelEn, sessions: undefined, source: 'generated' });
      }
    }
  }
  for (const y of def.official) {
    if (y.year < fromYear || y.year > toYear) continue;
    for (const e of y.entries) {
      layers.set(dayOfDate(e.date), { kind: e.kind, label: e.label, labelEn: e.labelEn, sessions: undefined, source: 'official' });
    }
  }
  for (const o of def.overrides) {
    layers.set(dayOfDate(o.date), {
      kind: o.kind,
      label: o.label,
      labelEn: o.labelEn ?? o.label,
      sessions: o.sessions,
      source: 'override',
    });
  }

  const makeup = toMinuteSessions(def.makeupSessions);
  const kinds = new Uint8Array(dayCount);
  const labels = new Map<number, DayLabel>();
  const daySession = new Int32Array(dayCount + 1);
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < dayCount; i++) {
    const day = firstDay + i;
    const wd = weekdayOfDay(day);
    let sessions: readonly MinuteSession[] = weekly[wd]!;
    let kind = sessions.length > 0 ? KIND_WORKING : KIND_WEEKEND;
    const layer = layers.get(day);
    if (layer) {
      if (layer.kind === 'holiday') {
        sessions = [];
        kind = KIND_HOLIDAY;
      } else {
        const own = layer.sessions ? toMinuteSessions(layer.sessions) : undefined;
        // A make-up day uses the make-up sessions; a 'working' day its weekday's sessions, or the
        // make-up sessions when that weekday normally has none.
        sessions = own ?? (layer.kind === 'makeup' || sessions.length === 0 ? makeup : sessions);
        kind = layer.kind === 'makeup' ? KIND_MAKEUP : KIND_WORKING;
      }
      labels.set(i, { label: layer.label, labelEn: layer.labelEn, source: layer.source });
    }
    kinds[i] = kind;
    daySession[i] = starts.length;
    const midnight = startOfLocalDay(day);
    for (const [a, b] of sessions) {
      starts.push(midnight + a * MINUTE_MS);
      ends.push(midnight + b * MINUTE_MS);
    }
  }
  daySession[dayCount] = starts.length;
  const n = starts.length;
  const sessionStart = Float64Array.from(starts);
  const sessionEnd = Float64Array.from(ends);
  const sessionCum = new Float64Array(n + 1);
  for (let s = 0; s < n; s++) sessionCum[s + 1] = sessionCum[s]! + (sessionEnd[s]! - sessionStart[s]!);

  return Object.freeze({
    fromYear,
    toYear,
    firstDay,
    dayCount,
    dayMinutes: nominalDayMinutes(def),
    sessionCount: n,
    daySession,
    sessionStart,
    sessionEnd,
    sessionCum,
    kinds,
    labels,
  });
}

function outOfRange(cal: CompiledCalendar, what: string): RangeError {
  return new RangeError(`${what} is outside the compiled calendar ${cal.fromYear}–${cal.toYear}`);
}

/** Index of the local day of `t` in the compiled range; throws RangeError outside it. */
export function dayIndexOf(t: number, cal: CompiledCalendar): number {
  const i = Math.floor((t + VN_OFFSET_MS) / DAY_MS) - cal.firstDay;
  if (!(i >= 0 && i < cal.dayCount)) throw outOfRange(cal, `instant ${t}`);
  return i;
}

/**
 * Working-time coordinate of an instant: ms of working time from the start of the range up to t.
 * Outside working time it equals the coordinate of the next session's start (and of the previous
 * session's end).
 */
export function toWorkingMs(t: number, cal: CompiledCalendar): number {
  const i = dayIndexOf(t, cal);
  const s1 = cal.daySession[i + 1]!;
  for (let s = cal.daySession[i]!; s < s1; s++) {
    const a = cal.sessionStart[s]!;
    if (t < a) return cal.sessionCum[s]!;
    if (t < cal.sessionEnd[s]!) return cal.sessionCum[s]! + (t - a);
  }
  return cal.sessionCum[s1]!;
}

/**
 * Index of the session an instant at coordinate w lies in. With `atEnd` a coordinate on a session
 * boundary resolves to the end of the earlier session (a deadline at 17:00 stays at 17:00);
 * without it, to the start of the later one (the next working instant).
 */
export function sessionAtWorkingMs(w: number, cal: CompiledCalendar, atEnd: boolean): number {
  const cum = cal.sessionCum;
  const n = cal.sessionCount;
  if (n === 0 || w < 0 || w > cum[n]! || (!atEnd && w === cum[n]!)) throw outOfRange(cal, 'working time');
  // Smallest s with cum[s + 1] >= w (atEnd) or > w.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = cum[mid + 1]!;
    if (atEnd ? c >= w : c > w) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The instant at working-time coordinate w (see sessionAtWorkingMs for `atEnd`). */
export function fromWorkingMs(w: number, cal: CompiledCalendar, atEnd: boolean): number {
  const s = sessionAtWorkingMs(w, cal, atEnd);
  return cal.sessionStart[s]! + (w - cal.sessionCum[s]!);
}

/** Whether t is inside a working session [start, end). */
export function isWorkingInstant(t: number, cal: CompiledCalendar): boolean {
  const i = dayIndexOf(t, cal);
  const s1 = cal.daySession[i + 1]!;
  for (let s = cal.daySession[i]!; s < s1; s++) {
    if (t >= cal.sessionStart[s]! && t < cal.sessionEnd[s]!) return true;
  }
  return false;
}

/** t itself when inside a working session, else the start of the next session. */
export function nextWorkingInstant(t: number, cal: CompiledCalendar): number {
  return fromWorkingMs(toWorkingMs(t, cal), cal, false);
}

/**
 * The instant `minutes` of working time after `from` (before it when negative). A result on a
 * session boundary is the end of the earlier session. 0 minutes returns `from` unchanged.
 */
export function addWorkingMinutes(from: number, minutes: number, cal: CompiledCalendar): number {
  if (minutes === 0) return from;
  return fromWorkingMs(toWorkingMs(from, cal) + minutes * MINUTE_MS, cal, true);
}

/** Working minutes from a to b (negative when b is before a); fractional when instants carry seconds. */
export function workingMinutesBetween(a: number, b: number, cal: CompiledCalendar): number {
  return (toWorkingMs(b, cal) - toWorkingMs(a, cal)) / MINUTE_MS;
}

/** Start of the first session of the first working day after the day of t (cut-off rule). */
export function startOfNextWorkingDay(t: number, cal: CompiledCalendar): number {
  const i = dayIndexOf(t, cal);
  const s = cal.daySession[i + 1]!;
  if (s >= cal.sessionCount) throw outOfRange(cal, 'the next working day');
  return cal.sessionStart[s]!;
}

/** Working minutes of a local day (0 on a day off). */
export function workingMinutesOfDay(date: IsoDate, cal: CompiledCalendar): number {
  const i = dayOfDate(date) - cal.firstDay;
  if (!(i >= 0 && i < cal.dayCount)) throw outOfRange(cal, date);
  return (cal.sessionCum[cal.daySession[i + 1]!]! - cal.sessionCum[cal.daySession[i]!]!) / MINUTE_MS;
}

/** Whether the local day of t has any working session. */
export function isWorkingDayAt(t: number, cal: CompiledCalendar): boolean {
  const i = dayIndexOf(t, cal);
  return cal.daySession[i + 1]! > cal.daySession[i]!;
}

export interface DayInfo {
  date: IsoDate;
  kind: DayKind;
  /** Vietnamese label for holidays, swapped and make-up days (absent on plain days). */
  label?: string;
  labelEn?: string;
  source: DaySource;
  workingMinutes: number;
  sessions: Array<{ start: string; end: string }>;
}

function dayInfoAt(i: number, cal: CompiledCalendar): DayInfo {
  const day = cal.firstDay + i;
  const midnight = startOfLocalDay(day);
  const sessions: Array<{ start: string; end: string }> = [];
  let minutes = 0;
  for (let s = cal.daySession[i]!; s < cal.daySession[i + 1]!; s++) {
    const a = (cal.sessionStart[s]! - midnight) / MINUTE_MS;
    const b = (cal.sessionEnd[s]! - midnight) / MINUTE_MS;
    sessions.push({ start: hhmmOfMinutes(a), end: hhmmOfMinutes(b) });
    minutes += b - a;
  }
  const l = cal.labels.get(i);
  const info: DayInfo = {
    date: dateOfDay(day),
    kind: KIND_CODES[cal.kinds[i]!]!,
    source: l ? l.source : 'weekly',
    workingMinutes: minutes,
    sessions,
  };
  if (l) {
    info.label = l.label;
    info.labelEn = l.labelEn;
  }
  return info;
}

/** What kind of day a date is: working, weekend, holiday (incl. swapped days off) or make-up. */
export function dayKind(date: IsoDate, cal: CompiledCalendar): DayInfo {
  const i = dayOfDate(date) - cal.firstDay;
  if (!(i >= 0 && i < cal.dayCount)) throw outOfRange(cal, date);
  return dayInfoAt(i, cal);
}

/** Every day from `from` to `to` inclusive, for calendar screens. */
export function listDays(from: IsoDate, to: IsoDate, cal: CompiledCalendar): DayInfo[] {
  const a = dayOfDate(from) - cal.firstDay;
  const b = dayOfDate(to) - cal.firstDay;
  if (a < 0 || b >= cal.dayCount) throw outOfRange(cal, `${from}…${to}`);
  const out: DayInfo[] = [];
  for (let i = a; i <= b; i++) out.push(dayInfoAt(i, cal));
  return out;
}

