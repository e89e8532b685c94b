/**
 * Deadline rules: when the clock starts, when processing is due (hạn xử lý), when the result is
 * promised (hẹn trả), how a resolved dossier is classified, and warnings for unresolved ones.
 * Pure functions over a compiled calendar; they never read the clock (pass `now`).
 *
 * Clause references: 001 = Đắk Lắk QĐ 04/2024, 000 = Đắk Lắk QĐ 11/2019, 002 = Long An 2019,
 * 003 = Quảng Trị 2020 draft (see shared/seeds).
 */
import type { DeadlinePolicy, WorkingDuration } from './policy.ts';
import { DAY_MS, MINUTE_MS, VN_OFFSET_MS, localDayOf, startOfLocalDay } from './time.ts';
import {
  dayIndexOf,
  nextWorkingInstant,
  sessionAtWorkingMs,
  startOfNextWorkingDay,
  toWorkingMs,
  workingMinutesBetween,
  type CompiledCalendar,
} from './working-calendar.ts';

/**
 * Working minutes of a time limit. "N working days" = N × the calendar's working-day length
 * (`dayMinutes`, 480 by default) — SPEC §8 and 003 Art. 18.2 count to the minute, so a day is a
 * quantity of working time, not "the same clock time N days later". For an agency whose day is
 * not 8 hours, its own `dayMinutes` applies (e.g. 540 for a 9-hour day): N days still span N of
 * its full days, and a short day (a half-day make-up Saturday) counts as the fraction it is.
 * Working hours = N × 60 (8 working hours of 001 Art. 8.1.b are 480 minutes on any calendar).
 */
export function limitMinutes(limit: WorkingDuration, cal: CompiledCalendar): number {
  if (!(limit.value >= 0)) throw new RangeError(`negative time limit ${limit.value}`);
  switch (limit.unit) {
    case 'working-days':
      return limit.value * cal.dayMinutes;
    case 'working-hours':
      return limit.value * 60;
    case 'working-minutes':
      return limit.value;
  }
}

function cutoffMsOfDay(cutoff: string): number {
  // Validated as HH:mm by the DeadlinePolicy schema; parsed without a regex (hot path).
  return (Number(cutoff.slice(0, 2)) * 60 + Number(cutoff.slice(3, 5))) * MINUTE_MS;
}

/**
 * The instant the time limit starts counting from (thời điểm tiếp nhận tính hạn).
 *  - Inside a working session: the receipt instant itself.
 *  - Outside working time (evening, lunch break, weekend, holiday): the start of the next working
 *    session [001 Art. 8.1.c; 003 Art. 18.2]. Sessions are half-open: 11:30 and 17:00 are outside.
 *  - With a cut-off (policy.cutoff, e.g. "15:00" [000 Art. 21.2] or "17:00" [002 Art. 9.1]): a
 *    receipt on a working day at or after the cut-off counts from the start of the next working day.
 */
export function countedFrom(receivedAt: number, cal: CompiledCalendar, policy: DeadlinePolicy): number {
  if (policy.cutoff !== null) {
    const i = dayIndexOf(receivedAt, cal);
    if (cal.daySession[i + 1]! > cal.daySession[i]!) {
      const t = receivedAt + VN_OFFSET_MS;
      const msOfDay = t - Math.floor(t / DAY_MS) * DAY_MS;
      if (msOfDay >= cutoffMsOfDay(policy.cutoff)) return startOfNextWorkingDay(receivedAt, cal);
    }
  }
  return nextWorkingInstant(receivedAt, cal);
}

export interface DeadlineResult {
  /** When the clock starts (countedFrom). */
  countedFrom: number;
  /** Hạn xử lý: countedFrom + the limit in working time, to the minute [003 Art. 18.2]. */
  deadline: number;
  /** Hẹn trả kết quả [003 Art. 18.3], per policy.appointment. */
  appointment: number;
}

/**
 * Deadline and appointment of a dossier received at `receivedAt` with a time limit (a WorkingDuration or
 * a number of working minutes). A deadline that lands exactly on the end of a session is that
 * instant (17:00), not the next session's start. Throws RangeError outside the compiled years.
 */
export function computeDeadline(
  receivedAt: number,
  limit: WorkingDuration | number,
  cal: CompiledCalendar,
  policy: DeadlinePolicy,
): DeadlineResult {
  const from = countedFrom(receivedAt, cal, policy);
  const minutes = typeof limit === 'number' ? limit : limitMinutes(limit, cal);
  if (!(minutes >= 0)) throw new RangeError(`negative time limit ${minutes}`);
  const w0 = toWorkingMs(from, cal);
  let s: number;
  let deadline: number;
  if (minutes === 0) {
    // An immediate procedure: due when counted; it lies in the session that starts or contains it.
    s = sessionAtWorkingMs(w0, cal, false);
    deadline = from;
  } else {
    const w = w0 + minutes * MINUTE_MS;
    s = sessionAtWorkingMs(w, cal, true);
    deadline = cal.sessionStart[s]! + (w - cal.sessionCum[s]!);
  }
  let appointment = deadline;
  if (policy.appointment === 'next-session') {
    if (s + 1 >= cal.sessionCount) throw new RangeError('the appointment is outside the compiled calendar');
    appointment = cal.sessionStart[s + 1]!;
  }
  return { countedFrom: from, deadline, appointment };
}

/** Just the deadline instant (no allocation) — for bulk recomputation. */
export function deadlineInstant(receivedAt: number, minutes: number, cal: CompiledCalendar, policy: DeadlinePolicy): number {
  const from = countedFrom(receivedAt, cal, policy);
  if (minutes === 0) return from;
  const w = toWorkingMs(from, cal) + minutes * MINUTE_MS;
  const s = sessionAtWorkingMs(w, cal, true);
  return cal.sessionStart[s]! + (w - cal.sessionCum[s]!);
}

/**
 * The appointment for a given deadline [003 Art. 18.3]: "ngay đầu giờ của buổi làm việc tiếp theo
 * ngay sau buổi hết hạn" — the start of the session after the one the deadline falls in (a deadline
 * at a session's end falls in that session). A deadline outside working time gets the next
 * session's start. Policy 'deadline': the deadline itself.
 */
export function appointmentFor(deadline: number, cal: CompiledCalendar, policy: DeadlinePolicy): number {
  if (policy.appointment === 'deadline') return deadline;
  const i = dayIndexOf(deadline, cal);
  const s1 = cal.daySession[i + 1]!;
  let next = s1;
  for (let s = cal.daySession[i]!; s < s1; s++) {
    if (deadline < cal.sessionStart[s]!) {
      next = s;
      break;
    }
    if (deadline <= cal.sessionEnd[s]!) {
      next = s + 1;
      break;
    }
  }
  if (next >= cal.sessionCount) throw new RangeError('the appointment is outside the compiled calendar');
  return cal.sessionStart[next]!;
}

export type Outcome = 'early' | 'on-time' | 'late';

export interface Classification {
  /** Trước hạn / đúng hạn / trễ hạn. */
  outcome: Outcome;
  /** Working days late (0 unless late; at least 1 when late) [000 Appendix "DanhGia"]. */
  daysLate: number;
}

/**
 * Classifies a resolved dossier from its result instant (thời điểm có kết quả, 003 Art. 18.4).
 *
 * by-day [002 Art. 14.4] (default): early if the result's date is before the appointment's date,
 *   on time on the same date, late after it. Days late count from the end of the appointment date.
 * by-instant [003 Art. 18.6]: on time iff result ≤ deadline; among those, early when the result's
 *   date is before the deadline's date; late when result > deadline. Days late count from the
 *   deadline.
 * Days late = working time from that reference to the result, in working days rounded up, at
 * least 1 (a result on a Saturday after a Friday appointment is 1 day late).
 */
export function classify(
  resolvedAt: number,
  deadline: number,
  appointment: number,
  cal: CompiledCalendar,
  policy: DeadlinePolicy,
): Classification {
  let outcome: Outcome;
  let lateFrom: number;
  if (policy.onTime === 'by-day') {
    const rd = localDayOf(resolvedAt);
    const ad = localDayOf(appointment);
    outcome = rd < ad ? 'early' : rd === ad ? 'on-time' : 'late';
    lateFrom = startOfLocalDay(ad + 1);
  } else {
    if (resolvedAt <= deadline) outcome = localDayOf(resolvedAt) < localDayOf(deadline) ? 'early' : 'on-time';
    else outcome = 'late';
    lateFrom = deadline;
  }
  return { outcome, daysLate: outcome === 'late' ? workingDaysLate(lateFrom, resolvedAt, cal) : 0 };
}

/** ceil(working minutes from `from` to `to` / day length), at least 1. */
export function workingDaysLate(from: number, to: number, cal: CompiledCalendar): number {
  const minutes = workingMinutesBetween(from, to, cal);
  return Math.max(1, Math.ceil(minutes / cal.dayMinutes - 1e-9));
}

export type DossierState = 'not-due' | 'due-soon' | 'overdue';

export interface DossierStatus {
  state: DossierState;
  /** Working minutes left to the reference instant (negative when overdue). */
  workingMinutesLeft: number;
}

/**
 * Warning state of an unresolved dossier at `now` [003 Art. 21.a–b; 002 Art. 14.4.d]:
 * 'overdue' after the reference instant (policy.overdueFrom: the appointment by default — "đã quá
 * thời gian hẹn trả"), 'due-soon' with less than one working day (policy.dueSoonMinutes, default
 * the calendar's day length) of working time left, else 'not-due'.
 */
export function dossierState(
  now: number,
  deadline: number,
  appointment: number,
  cal: CompiledCalendar,
  policy: DeadlinePolicy,
): DossierStatus {
  const ref = policy.overdueFrom === 'deadline' ? deadline : appointment;
  const left = workingMinutesBetween(now, ref, cal);
  if (now > ref) return { state: 'overdue', workingMinutesLeft: left };
  const threshold = policy.dueSoonMinutes ?? cal.dayMinutes;
  return { state: left < threshold ? 'due-soon' : 'not-due', workingMinutesLeft: left };
}

export type StepWarning = 'not-due' | 'due' | 'overdue';

/**
 * Warning for one processing step held by an officer [003 Art. 21.c: "đến hạn hoặc quá hạn"]:
 * 'overdue' after the step's due instant; 'due' on the step's due date (đến hạn = the due day has
 * come); else 'not-due'.
 */
export function stepWarning(now: number, due: number): StepWarning {
  if (now > due) return 'overdue';
  return localDayOf(now) >= localDayOf(due) ? 'due' : 'not-due';
}

