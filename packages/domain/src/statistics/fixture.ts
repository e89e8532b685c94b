/**
 * Dossier histories built with the real working-time engine: a small province month with
 * hand-computed figures, shared by the unit test of this module and the server's database test
 * (the same histories must give the same figures through the fast path and the recomputation),
 * and the builder the data generator (`npm run db:generate`) uses. Instants are Vietnamese local
 * time ('YYYY-MM-DD HH:MM') or epoch ms.
 */
import { applyClockEvent, compileCalendar, defaultCalendarDefinition, instantAt, INITIAL_CLOCK, OFFICIAL_SCHEDULES, resolvePolicy, type ClockContext, type DossierClock, type WorkingDuration } from '../calendar/index.ts';
import type { Channel, DossierEvent, Holder } from '../dossier/lifecycle.ts';

export const FIXTURE_CAL = compileCalendar(defaultCalendarDefinition(OFFICIAL_SCHEDULES), 2025, 2026);
export const FIXTURE_POLICY = resolvePolicy();
export const FIXTURE_BY = '00000000-0000-4000-8000-000000000001';
export const FIXTURE_A = '000.00.10.H99';
export const FIXTURE_B = '000.00.20.H99';
/** January 2026: [2026-01-01, 2026-02-01). */
export const FIXTURE_PERIOD = { from: instantAt('2026-01-01', '00:00'), to: instantAt('2026-02-01', '00:00') };

export const at = (s: string | number): number => (typeof s === 'number' ? s : instantAt(s.slice(0, 10), s.slice(11, 16)));
type When = string | number;

const HOLDER: Holder = { kind: 'user', userId: FIXTURE_BY };
/** The result goes back to the desk's group (the return step), as the dossier service sends it. */
const DESK: Holder = { kind: 'group', role: 'reception', departmentCode: null };

export interface HistoryOptions {
  cal?: ClockContext['cal'];
  policy?: ClockContext['policy'];
  /** Who acts (event.by) and who the dossier is forwarded to. */
  by?: string;
  holder?: Holder;
}

export interface FixtureDossier {
  name: string;
  agencyCode: string;
  channel: Channel;
  limit: WorkingDuration;
  events: DossierEvent[];
}

/** Builds a history event by event, with the clocks the working-time engine gives. */
export class History {
  readonly events: DossierEvent[] = [];
  private clock: DossierClock = INITIAL_CLOCK;
  private readonly ctx: ClockContext;
  private readonly by: string;
  private readonly holder: Holder;
  constructor(
    readonly name: string,
    readonly agencyCode: string,
    readonly channel: Channel,
    readonly limit: WorkingDuration,
    submittedAt: When,
    opts: HistoryOptions = {},
  ) {
    this.ctx = { cal: opts.cal ?? FIXTURE_CAL, policy: opts.policy ?? FIXTURE_POLICY, limit };
    this.by = opts.by ?? FIXTURE_BY;
    this.holder = opts.holder ?? HOLDER;
    this.events.push({ type: 'submitted', at: at(submittedAt), by: this.by, channel });
  }
  get deadline(): number | null {
    return this.clock.deadline;
  }
  private step(ev: Parameters<typeof applyClockEvent>[1]): DossierClock {
    const r = applyClockEvent(this.clock, ev, this.ctx);
    if (!r.ok) throw new Error(`${this.name}: ${ev.type} refused: ${r.reason}`);
    this.clock = r.clock;
    return r.clock;
  }
  get appointment(): number | null {
    return this.clock.appointment;
  }
  accept(when: When, code: string): this {
    const clock = this.step({ type: 'received', at: this.events[0]!.at });
    this.events.push({ type: 'accepted', at: at(when), by: this.by, code, step: 'TN', holder: { kind: 'user', userId: this.by }, clock, backfilled: false });
    return this;
  }
  refuseAtDesk(when: When): this {
    this.events.push({ type: 'refused', at: at(when), by: this.by, reasons: ['Không thuộc thẩm quyền'] });
    return this;
  }
  forward(when: When): this {
    this.events.push({ type: 'forwarded', at: at(when), by: this.by, from: 'TN', to: 'GQ', holder: this.holder, comment: null });
    return this;
  }
  tasks(when: When, agencyCode: string, done: When): this {
    const id = `${this.name}-task`;
    this.events.push({ type: 'tasks-sent', at: at(when), by: this.by, tasks: [{ id, agencyCode, task: 'Xác nhận', sentAt: at(when), deadline: at(done) + 86_400_000 }] });
    this.events.push({ type: 'task-completed', at: at(done), by: this.by, id, result: 'Đã xác nhận' });
    return this;
  }
  supplement(when: When): this {
    const clock = this.step({ type: 'supplement-requested', at: at(when) });
    this.events.push({ type: 'supplement-requested', at: at(when), by: this.by, missing: ['Bản sao giấy tờ'], reason: 'Thiếu giấy tờ', clock });
    return this;
  }
  resubmit(when: When): this {
    const clock = this.step({ type: 'resubmitted', at: at(when) });
    this.events.push({ type: 'supplement-received', at: at(when), by: this.by, step: 'GQ', holder: this.holder, clock, amended: [] });
    return this;
  }
  apologize(when: When, newAppointment: When): this {
    const clock = this.step({ type: 'apology', at: at(when), newAppointment: at(newAppointment) });
    this.events.push({ type: 'apologized', at: at(when), by: this.by, reason: 'Cần xác minh thêm', clock });
    return this;
  }
  resolve(when: When): this {
    const clock = this.step({ type: 'resolved', at: at(when) });
    this.events.push({ type: 'result-sent', at: at(when), by: this.by, to: 'TKQ', holder: DESK, results: [], clock });
    return this;
  }
  refuseResolution(when: When): this {
    const clock = this.step({ type: 'resolved', at: at(when) });
    this.events.push({ type: 'resolution-refused', at: at(when), by: this.by, to: 'TKQ', holder: DESK, reasons: ['Không đủ điều kiện'], clock });
    return this;
  }
  withdraw(when: When): this {
    this.events.push({ type: 'withdrawn', at: at(when), by: this.by, reason: 'Công dân xin rút' });
    return this;
  }
  stop(when: When): this {
    this.events.push({ type: 'stopped', at: at(when), by: this.by, reason: 'Dừng xử lý theo yêu cầu cơ quan có thẩm quyền' });
    return this;
  }
  returned(when: When, how: 'desk' | 'post' | 'online' | 'email'): this {
    this.events.push({ type: 'result-returned', at: at(when), by: this.by, how });
    return this;
  }
  done(): FixtureDossier {
    return { name: this.name, agencyCode: this.agencyCode, channel: this.channel, limit: this.limit, events: this.events };
  }
}

const days = (value: number): WorkingDuration => ({ unit: 'working-days', value });
const h = (name: string, agency: string, channel: Channel, limit: number, submitted: string) => new History(name, agency, channel, limit === 0 ? days(0) : days(limit), submitted);
const A = FIXTURE_A;
const B = FIXTURE_B;
const code = (agency: string, ymd: string, n: number) => `${agency}-${ymd}-${String(n).padStart(4, '0')}`;

/** The month's dossiers; the expected figures are derived by hand in statistics.test.ts. */
export function fixtureDossiers(): FixtureDossier[] {
  return [
    h('carried-on-time', A, 'direct', 5, '2025-12-29 09:00').accept('2025-12-29 09:00', code(A, '251229', 1)).forward('2025-12-29 10:00').resolve('2026-01-07 10:00').returned('2026-01-07 15:00', 'desk').done(),
    h('late', A, 'direct', 2, '2026-01-05 08:00').accept('2026-01-05 08:00', code(A, '260105', 1)).forward('2026-01-05 09:00').resolve('2026-01-09 10:00').done(),
    h('inter-agency', A, 'online', 5, '2026-01-06 08:00').accept('2026-01-06 09:00', code(A, '260106', 1)).forward('2026-01-06 10:00').tasks('2026-01-06 11:00', B, '2026-01-07 15:00').resolve('2026-01-08 09:00').done(),
    h('withdrawn', A, 'direct', 5, '2026-01-07 09:00').accept('2026-01-07 09:00', code(A, '260107', 1)).withdraw('2026-01-09 09:00').done(),
    h('supplement-restarted', A, 'online', 5, '2026-01-12 09:00').accept('2026-01-12 09:00', code(A, '260112', 1)).forward('2026-01-12 10:00').supplement('2026-01-13 10:00').resubmit('2026-01-20 14:00').resolve('2026-01-26 10:00').done(),
    h('holiday-receipt', A, 'online', 1, '2026-01-01 09:00').accept('2026-01-01 09:00', code(A, '260101', 1)).resolve('2026-01-06 08:00').done(),
    h('overdue-open', A, 'direct', 2, '2026-01-19 09:00').accept('2026-01-19 09:00', code(A, '260119', 1)).forward('2026-01-19 10:00').done(),
    h('not-due-open', A, 'postal', 5, '2026-01-30 09:00').accept('2026-01-30 09:00', code(A, '260130', 1)).done(),
    h('awaiting-supplement', A, 'online', 5, '2026-01-26 09:00').accept('2026-01-26 09:00', code(A, '260126', 1)).supplement('2026-01-27 09:00').done(),
    h('refused-resolution', A, 'direct', 5, '2026-01-14 09:00').accept('2026-01-14 09:00', code(A, '260114', 1)).refuseResolution('2026-01-16 09:00').done(),
    h('stopped', B, 'direct', 5, '2026-01-15 09:00').accept('2026-01-15 09:00', code(B, '260115', 1)).stop('2026-01-20 09:00').done(),
    h('ended-before', A, 'direct', 5, '2025-12-01 09:00').accept('2025-12-01 09:00', code(A, '251201', 1)).resolve('2025-12-03 09:00').done(),
    h('received-after', A, 'direct', 5, '2026-02-02 09:00').accept('2026-02-02 09:00', code(A, '260202', 1)).done(),
    h('refused-at-desk', A, 'online', 5, '2026-01-08 09:00').refuseAtDesk('2026-01-08 10:00').done(),
    h('postal-returned', A, 'online', 5, '2026-01-15 09:00').accept('2026-01-15 09:00', code(A, '260115', 1)).resolve('2026-01-20 09:00').returned('2026-01-21 09:00', 'post').done(),
    h('carried-overdue', B, 'postal', 5, '2025-12-15 09:00').accept('2025-12-15 09:00', code(B, '251215', 1)).forward('2025-12-15 10:00').done(),
    h('apology-late', A, 'direct', 5, '2026-01-20 09:00').accept('2026-01-20 09:00', code(A, '260120', 1)).apologize('2026-01-23 09:00', '2026-01-30 09:00').resolve('2026-01-29 09:00').done(),
  ];
}
