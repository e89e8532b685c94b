/**
 * How a dossier's clock changes over its life, as a pure fold over clock events, plus the
 * per-step / per-agency clocks and the other legal clocks.
 *
 * Business refusals (an apology too late, a second apology…) are returned as
 * `{ ok: false, reason }` with a machine-readable reason, never thrown. RangeError is thrown only
 * for instants outside the compiled calendar (a programming or configuration error).
 */
import {
  classify,
  computeDeadline,
  deadlineInstant,
  dossierState,
  stepWarning,
  workingDaysLate,
  type Classification,
  type DossierState,
  type StepWarning,
} from './deadline.ts';
import type { DeadlinePolicy, WorkingDuration } from './policy.ts';
import { HOUR_MS, localDayOf, startOfLocalDay } from './time.ts';
import {
  addWorkingMinutes,
  dayIndexOf,
  workingMinutesBetween,
  type CompiledCalendar,
} from './working-calendar.ts';

export interface ClockContext {
  cal: CompiledCalendar;
  policy: DeadlinePolicy;
  /** The procedure's time limit, or working minutes. */
  limit: WorkingDuration | number;
}

export type ClockEvent =
  /** Tiếp nhận: the dossier is accepted [003 Art. 18.1]. */
  | { type: 'received'; at: number }
  /**
   * Yêu cầu bổ sung, hoàn thiện hồ sơ (or a request to pay a financial obligation): the clock
   * pauses [003 Art. 19.3.a].
   */
  | { type: 'supplement-requested'; at: number; reason?: 'supplement' | 'financial-obligation' }
  /** Nộp lại: the supplemented dossier is counted afresh as a new receipt [003 Art. 19.3.a]. */
  | { type: 'resubmitted'; at: number }
  /** Phiếu xin lỗi và hẹn lại ngày trả kết quả [003 Art. 19.1; NĐ 61 Art. 19.9]. */
  | { type: 'apology'; at: number; newAppointment: number }
  /** Có kết quả (or a refusal slip) [003 Art. 18.4; 19.2]. */
  | { type: 'resolved'; at: number };

export type ClockPhase = 'not-received' | 'running' | 'paused' | 'resolved';

export type LateReason = 'apology' | 'supplement-after-appointment';

export interface Apology {
  at: number;
  previousAppointment: number;
  newAppointment: number;
}

export interface DossierClock {
  phase: ClockPhase;
  /** Instant of the last applied event (events must come in time order). */
  lastEventAt: number | null;
  /** First receipt. */
  receivedAt: number | null;
  /** 1 after the receipt, +1 for each resubmission (each restarts the time limit from zero). */
  cycle: number;
  /** Receipt or resubmission instant of the current cycle. */
  cycleReceivedAt: number | null;
  countedFrom: number | null;
  deadline: number | null;
  /** Current appointment (the rescheduled one after an apology). */
  appointment: number | null;
  /** The current cycle's appointment before any apology. */
  originalAppointment: number | null;
  pausedAt: number | null;
  apologies: Apology[];
  /** Counts as late whatever the result time ("xác định là hồ sơ đã quá hạn"). */
  countsLate: boolean;
  lateReasons: LateReason[];
  resolvedAt: number | null;
}

export const INITIAL_CLOCK: Readonly<DossierClock> = Object.freeze({
  phase: 'not-received',
  lastEventAt: null,
  receivedAt: null,
  cycle: 0,
  cycleReceivedAt: null,
  countedFrom: null,
  deadline: null,
  appointment: null,
  originalAppointment: null,
  pausedAt: null,
  apologies: [],
  countsLate: false,
  lateReasons: [],
  resolvedAt: null,
});

export type ClockRefusal =
  | 'out-of-order'
  | 'not-received'
  | 'already-received'
  | 'resolved'
  | 'paused'
  | 'not-paused'
  | 'supplement-after-appointment-needs-apology'
  | 'apology-too-late'
  | 'apology-already-used'
  | 'apology-appointment-not-later';

export type Check = { ok: true } | { ok: false; reason: ClockRefusal };
export type ClockStep = { ok: true; clock: DossierClock } | { ok: false; reason: ClockRefusal };

function refuse(reason: ClockRefusal): { ok: false; reason: ClockRefusal } {
  return { ok: false, reason };
}

function commonCheck(clock: DossierClock, at: number): Check {
  if (clock.lastEventAt !== null && at < clock.lastEventAt) return refuse('out-of-order');
  if (clock.phase === 'not-received') return refuse('not-received');
  if (clock.phase === 'resolved') return refuse('resolved');
  return { ok: true };
}

/**
 * A supplement request [003 Art. 19.3]: allowed while the clock runs, before the appointment
 * (the current cycle's original appointment); at or after it only once an apology exists
 * (19.3.b), and then the dossier counts as late.
 */
export function canRequestSupplement(clock: DossierClock, at: number): Check {
  const c = commonCheck(clock, at);
  if (!c.ok) return c;
  if (clock.phase === 'paused') return refuse('paused');
  if (at >= clock.originalAppointment! && clock.apologies.length === 0) {
    return refuse('supplement-after-appointment-needs-apology');
  }
  return { ok: true };
}

/**
 * The last local day on which an apology may be made: `policy.apologyLeadWorkingDays` working days
 * before the deadline's date ("chậm nhất 01 ngày trước ngày hết hạn", NĐ 61 Art. 19.9; one day is
 * taken as one working day, so a Monday deadline needs the apology by Friday). Null when the lead
 * is 0 (only 003 Art. 19.1.a applies: before the appointment).
 */
export function lastApologyDay(deadline: number, cal: CompiledCalendar, policy: DeadlinePolicy): number | null {
  let n = policy.apologyLeadWorkingDays;
  if (n <= 0) return null;
  let i = dayIndexOf(deadline, cal);
  while (n > 0) {
    i--;
    if (i < 0) throw new RangeError('the apology window is outside the compiled calendar');
    if (cal.daySession[i + 1]! > cal.daySession[i]!) n--;
  }
  return cal.firstDay + i;
}

/**
 * An apology and new appointment [003 Art. 19.1; NĐ 61 Art. 19.9]: at most policy.maxApologies per
 * dossier (once), while the clock runs, before the appointment, on or before lastApologyDay, and
 * the new appointment must be later than the current one.
 */
export function canApologize(clock: DossierClock, at: number, newAppointment: number, ctx: ClockContext): Check {
  const c = commonCheck(clock, at);
  if (!c.ok) return c;
  if (clock.phase === 'paused') return refuse('paused');
  if (clock.apologies.length >= ctx.policy.maxApologies) return refuse('apology-already-used');
  if (at >= clock.appointment!) return refuse('apology-too-late');
  const last = lastApologyDay(clock.deadline!, ctx.cal, ctx.policy);
  if (last !== null && localDayOf(at) > last) return refuse('apology-too-late');
  if (!(newAppointment > clock.appointment!)) return refuse('apology-appointment-not-later');
  return { ok: true };
}

function startCycle(clock: DossierClock, at: number, ctx: ClockContext): DossierClock {
  const d = computeDeadline(at, ctx.limit, ctx.cal, ctx.policy);
  return {
    ...clock,
    phase: 'running',
    lastEventAt: at,
    receivedAt: clock.receivedAt ?? at,
    cycle: clock.cycle + 1,
    cycleReceivedAt: at,
    countedFrom: d.countedFrom,
    deadline: d.deadline,
    appointment: d.appointment,
    originalAppointment: d.appointment,
    pausedAt: null,
  };
}

/** Applies one event, or says why it is refused. */
export function applyClockEvent(clock: DossierClock, event: ClockEvent, ctx: ClockContext): ClockStep {
  switch (event.type) {
    case 'received': {
      if (clock.phase !== 'not-received') return refuse('already-received');
      return { ok: true, clock: startCycle(clock, event.at, ctx) };
    }
    case 'supplement-requested': {
      const c = canRequestSupplement(clock, event.at);
      if (!c.ok) return c;
      const late = event.at >= clock.originalAppointment!;
      return {
        ok: true,
        clock: {
          ...clock,
          phase: 'paused',
          lastEventAt: event.at,
          pausedAt: event.at,
          countsLate: clock.countsLate || late,
          lateReasons: late ? [...clock.lateReasons, 'supplement-after-appointment'] : clock.lateReasons,
        },
      };
    }
    case 'resubmitted': {
      const c = commonCheck(clock, event.at);
      if (!c.ok) return c;
      if (clock.phase !== 'paused') return refuse('not-paused');
      // Counted afresh "như tiếp nhận hồ sơ mới": new countedFrom, full limit, new appointment.
      return { ok: true, clock: startCycle(clock, event.at, ctx) };
    }
    case 'apology': {
      const c = canApologize(clock, event.at, event.newAppointment, ctx);
      if (!c.ok) return c;
      return {
        ok: true,
        clock: {
          ...clock,
          lastEventAt: event.at,
          appointment: event.newAppointment,
          apologies: [...clock.apologies, { at: event.at, previousAppointment: clock.appointment!, newAppointment: event.newAppointment }],
          countsLate: true,
          lateReasons: [...clock.lateReasons, 'apology'],
        },
      };
    }
    case 'resolved': {
      const c = commonCheck(clock, event.at);
      if (!c.ok) return c;
      // Also from a pause: returning or refusing the dossier counts as its result [003 Art. 19.2].
      return { ok: true, clock: { ...clock, phase: 'resolved', lastEventAt: event.at, resolvedAt: event.at } };
    }
  }
}

export interface ClockFold {
  clock: DossierClock;
  /** Events that were refused (and skipped), with the reason. */
  refused: Array<{ index: number; event: ClockEvent; reason: ClockRefusal }>;
}

/** Folds a dossier's clock events in order. Refused events are reported and skipped. */
export function foldClock(events: readonly ClockEvent[], ctx: ClockContext): ClockFold {
  let clock: DossierClock = INITIAL_CLOCK;
  const refused: ClockFold['refused'] = [];
  events.forEach((event, index) => {
    const r = applyClockEvent(clock, event, ctx);
    if (r.ok) clock = r.clock;
    else refused.push({ index, event, reason: r.reason });
  });
  return { clock, refused };
}

export interface ClockStatus {
  phase: ClockPhase;
  /** Warning state while running; null when not received, paused or resolved. */
  state: DossierState | null;
  workingMinutesLeft: number | null;
}

/**
 * Work-list status of a dossier at `now`. A dossier with an apology is 'overdue' at once
 * ("xác định là hồ sơ đã quá hạn", 003 Art. 19.1.a), with the minutes left to the new appointment.
 */
export function clockStatus(clock: DossierClock, now: number, ctx: ClockContext): ClockStatus {
  if (clock.phase !== 'running') return { phase: clock.phase, state: null, workingMinutesLeft: null };
  const s = dossierState(now, clock.deadline!, clock.appointment!, ctx.cal, ctx.policy);
  return { phase: 'running', state: clock.countsLate ? 'overdue' : s.state, workingMinutesLeft: s.workingMinutesLeft };
}

/**
 * Classification of a resolved dossier (null until resolved). A dossier that counts as late
 * (apology, or supplement request after the appointment) is late; its days late are counted from
 * the current cycle's original appointment (by-day) or deadline (by-instant), at least 1.
 */
export function classifyClock(clock: DossierClock, ctx: ClockContext): Classification | null {
  if (clock.phase !== 'resolved') return null;
  const resolvedAt = clock.resolvedAt!;
  if (!clock.countsLate) return classify(resolvedAt, clock.deadline!, clock.appointment!, ctx.cal, ctx.policy);
  const from =
    ctx.policy.onTime === 'by-day' ? startOfLocalDay(localDayOf(clock.originalAppointment!) + 1) : clock.deadline!;
  return { outcome: 'late', daysLate: workingDaysLate(from, resolvedAt, ctx.cal) };
}

// ---------------------------------------------------------------------------------------------
// Per-step and per-agency clocks [003 Art. 20]

/**
 * The dossier passes to `to` at `at` (a step of the internal process, or an agency in an
 * inter-agency procedure). `to: null` means nobody's clock runs (paused, back with the applicant,
 * finished). `extendMinutes` adds working time to the budget of `to` (an agency's extension is
 * counted to that agency, 003 Art. 20.2.đ).
 */
export interface Handover {
  at: number;
  to: string | null;
  extendMinutes?: number;
}

export interface HolderClock {
  id: string;
  /** Working minutes charged to this holder so far. */
  usedMinutes: number;
  /** Budget including extensions; null when none was given. */
  budgetMinutes: number | null;
  holding: boolean;
  /** Start of the current holding. */
  heldSince: number | null;
  /** While holding with a budget: when the remaining budget runs out. */
  dueAt: number | null;
  /** While holding with a budget [003 Art. 21.c]. */
  warning: StepWarning | null;
  /** After the holder has sent the dossier on, with a budget: within it or not. */
  outcome: 'on-time' | 'late' | null;
}

export type HolderClocksResult =
  | { ok: true; clocks: HolderClock[] }
  | { ok: false; reason: 'out-of-order' | 'now-before-last-handover'; index: number };

/**
 * Time per holder [003 Art. 20.1, 20.2]: each holder's time runs from when the dossier was sent to
 * it until it sends it on; a returned dossier's time counts to the holder it returns to (which
 * simply holds it again: its clock resumes, not restarts); an agency's clock stops when it hands
 * over. Budgets are working minutes per holder id. Holders appear in order of first holding.
 */
export function holderClocks(
  handovers: readonly Handover[],
  budgets: Readonly<Record<string, number>>,
  now: number,
  cal: CompiledCalendar,
): HolderClocksResult {
  const used = new Map<string, number>();
  const extra = new Map<string, number>();
  for (let i = 1; i < handovers.length; i++) {
    if (handovers[i]!.at < handovers[i - 1]!.at) return { ok: false, reason: 'out-of-order', index: i };
  }
  const last = handovers[handovers.length - 1];
  if (last && now < last.at) return { ok: false, reason: 'now-before-last-handover', index: handovers.length - 1 };
  handovers.forEach((h, i) => {
    if (h.to === null) return;
    if (!used.has(h.to)) used.set(h.to, 0);
    if (h.extendMinutes) extra.set(h.to, (extra.get(h.to) ?? 0) + h.extendMinutes);
    const until = i + 1 < handovers.length ? handovers[i + 1]!.at : now;
    used.set(h.to, used.get(h.to)! + workingMinutesBetween(h.at, until, cal));
  });
  const holder = last?.to ?? null;
  // The current holding began at the first of the trailing handovers to the same holder (an
  // extension is recorded as a handover to the holder itself).
  let since = handovers.length - 1;
  while (since > 0 && handovers[since - 1]!.to === holder) since--;
  const clocks: HolderClock[] = [];
  for (const [id, minutes] of used) {
    const base = budgets[id];
    const budget = base === undefined ? null : base + (extra.get(id) ?? 0);
    const holding = id === holder;
    let dueAt: number | null = null;
    let warning: StepWarning | null = null;
    let outcome: HolderClock['outcome'] = null;
    if (budget !== null) {
      if (holding) {
        const heldMinutes = workingMinutesBetween(last!.at, now, cal);
        const remainingAtStart = budget - (minutes - heldMinutes);
        dueAt = remainingAtStart > 0 ? addWorkingMinutes(last!.at, remainingAtStart, cal) : last!.at;
        warning = stepWarning(now, dueAt);
      } else {
        outcome = minutes <= budget ? 'on-time' : 'late';
      }
    }
    clocks.push({
      id,
      usedMinutes: minutes,
      budgetMinutes: budget,
      holding,
      heldSince: holding ? handovers[since]!.at : null,
      dueAt,
      warning,
      outcome,
    });
  }
  return { ok: true, clocks };
}

// ---------------------------------------------------------------------------------------------
// Other legal clocks. Each counts working time from the start of the next working session after
// the triggering instant, with no cut-off.

const NO_CUTOFF: DeadlinePolicy = {
  cutoff: null,
  appointment: 'deadline',
  onTime: 'by-instant',
  overdueFrom: 'deadline',
  dueSoonMinutes: null,
  apologyLeadWorkingDays: 1,
  maxApologies: 1,
};

function dueAfter(at: number, minutes: number, cal: CompiledCalendar): number {
  return deadlineInstant(at, minutes, cal, NO_CUTOFF);
}

/** A valid online dossier must be passed to the competent body within 8 working hours [001 Art. 8.1.b]. */
export function handoverDue(receivedAt: number, cal: CompiledCalendar): number {
  return dueAfter(receivedAt, 8 * 60, cal);
}

/** Working minutes left under which the desk's handover clock warns: one working hour. */
export const HANDOVER_DUE_SOON_MINUTES = 60;

export type HandoverState = 'running' | 'due-soon' | 'late';

/**
 * The desk's handover clock at `now` [001 Art. 8.1.b; SPEC §5 "the desk sees a warning before that
 * runs out"]: 'late' after the due instant, 'due-soon' with less than one working hour left
 * (counted in working time: lunch, nights and days off do not count), else 'running'. The minutes
 * left are negative once late.
 */
export function handoverWarning(now: number, due: number, cal: CompiledCalendar): { state: HandoverState; workingMinutesLeft: number } {
  const left = workingMinutesBetween(now, due, cal);
  if (now > due) return { state: 'late', workingMinutesLeft: left };
  return { state: left < HANDOVER_DUE_SOON_MINUTES ? 'due-soon' : 'running', workingMinutesLeft: left };
}

/** A post-appraisal supplement request is due within 3 working days of receipt [NĐ 61 Art. 19.4]. */
export function supplementNoticeDue(receivedAt: number, cal: CompiledCalendar): number {
  return dueAfter(receivedAt, 3 * cal.dayMinutes, cal);
}

/** Feedback received off-line must be entered within 8 working hours [001 Art. 21.3]. */
export function feedbackEntryDue(receivedAt: number, cal: CompiledCalendar): number {
  return dueAfter(receivedAt, 8 * 60, cal);
}

/** Feedback (phản ánh, kiến nghị) is answered within 13 working days [001 Art. 21.4]. */
export function feedbackAnswerDue(receivedAt: number, cal: CompiledCalendar): number {
  return dueAfter(receivedAt, 13 * cal.dayMinutes, cal);
}

/** Questions (hỏi đáp) are answered within 15 working days [002 Art. 13.3.b]. */
export function questionAnswerDue(receivedAt: number, cal: CompiledCalendar): number {
  return dueAfter(receivedAt, 15 * cal.dayMinutes, cal);
}

/** The postal service returns results within 24 hours — clock hours, "trong vòng 24 giờ" [000 Art. 30.2]. */
export function postalReturnDue(handedOverAt: number): number {
  return handedOverAt + 24 * HOUR_MS;
}
