import type { Role } from '../accounts/roles.ts';
import {
  applyClockEvent,
  canApologize,
  canRequestSupplement,
  INITIAL_CLOCK,
  supplementNoticeDue,
  type ClockContext,
  type ClockRefusal,
  type DossierClock,
} from '../calendar/index.ts';
import { previousStep, stepOf, type ProcessDefinition, type ProcessStep } from './process.ts';

/**
 * The dossier lifecycle as a decider: `decide(state, command) → event | refusal` and
 * `evolve(state, event) → state`. The current state of a dossier is `events.reduce(evolve)`;
 * the server stores each event immutably and the folded state beside it in one transaction, and
 * a test checks they always agree. Nothing here reads the clock or the database: instants, the
 * calendar and the actor's roles over the dossier's agency come in as arguments.
 */

export type Phase =
  | 'submitted' // received online or by post, awaiting the desk's check
  | 'incomplete' // the desk asked the applicant to complete it before acceptance
  | 'refused' // not accepted (phiếu từ chối tiếp nhận)
  | 'processing' // accepted, at a step of the electronic process
  | 'awaiting-supplement' // bổ sung after appraisal: the clock is paused
  | 'result-ready' // result or refusal to resolve at the desk, awaiting return
  | 'returned' // handed to the applicant
  | 'withdrawn' // the applicant withdrew it
  | 'stopped'; // processing stopped

export const TERMINAL: readonly Phase[] = ['refused', 'returned', 'withdrawn', 'stopped'];

export type Channel = 'direct' | 'online' | 'postal';

/** Who holds the dossier at its step: a group (role, optional department) or one person. */
export type Holder = { kind: 'group'; role: Role; departmentCode: string | null } | { kind: 'user'; userId: string; name?: string };

export interface Consultation {
  id: string;
  agencyCode: string;
  question: string;
  replyBy: number;
  askedAt: number;
  askedBy: string;
  answer?: string;
  answeredAt?: number;
}

/**
 * Liên thông: a task of a participating agency. The lead (the dossier's agency) sends the
 * dossier to every participant at once, each with its task and deadline; each agency's time is
 * its own and stops when it answers [001 Art. 9.1.d–đ; 003 Art. 20.2; Decree 61 Art. 19.6].
 */
export interface AgencyTask {
  id: string;
  agencyCode: string;
  task: string;
  sentAt: number;
  deadline: number;
  completedAt?: number;
  completedBy?: string;
  result?: string;
}

/** How a fee was paid (phí, lệ phí): in cash at the desk, by bank transfer, or online (payment platform). */
export type PaymentMethod = 'cash' | 'transfer' | 'online';
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['cash', 'transfer', 'online'];

/** A fee payment as recorded against the dossier, with its receipt (biên lai) number. */
export interface Payment {
  amount: number; // VND
  method: PaymentMethod;
  receiptNumber: string;
  paidAt: number;
  recordedAt: number;
  recordedBy: string | null;
}

export interface Verification {
  at: number;
  when: number;
  place: string;
  participants: string[];
  content: string;
}

/** A file of the result as drafted at a step (dự thảo kết quả), before anyone sends it to the desk. */
export interface DraftFile {
  fileId: string;
  name: string;
}
/** The current draft as the workspace shows it: who attached it and when. */
export interface DraftResult extends DraftFile {
  by: string | null;
  at: number;
}

export interface DossierState {
  phase: Phase;
  channel: Channel;
  code: string | null;
  submittedAt: number | null;
  acceptedAt: number | null;
  stepCode: string | null;
  /** When the dossier reached its current step: a step's time runs from here [003 Art. 20.1]. */
  stepEnteredAt: number | null;
  holder: Holder | null;
  /** Step the dossier goes back to when a post-appraisal supplement arrives. */
  resumeStep: string | null;
  /** 07 / 10 statuses: the last draft came back from review or signing. */
  draftRejectedAt: 'review' | 'signing' | null;
  afterSupplement: boolean;
  clock: DossierClock;
  consultations: Consultation[];
  verifications: Verification[];
  tasks: AgencyTask[];
  missing: string[];
  outcome: 'resolved' | 'not-resolved' | null;
  results: { n: number; fileId: string | null; name: string }[];
  /** Fee payments in the order recorded; absent in states stored before payments were recorded. */
  payments?: Payment[];
  /**
   * The latest draft set attached by a forward or an approval (the newest set replaces the one
   * before; each set stays in its event). Absent until a draft is attached, and in states stored
   * before drafts existed.
   */
  draftResults?: DraftResult[];
  returnedHow: string | null;
  /** Who last held each step: a dossier coming back to a step goes back to that person. */
  lastHolders: Record<string, Holder>;
  events: number;
}

export const INITIAL_STATE: Readonly<DossierState> = Object.freeze({
  phase: 'submitted',
  channel: 'online',
  code: null,
  submittedAt: null,
  acceptedAt: null,
  stepCode: null,
  stepEnteredAt: null,
  holder: null,
  resumeStep: null,
  draftRejectedAt: null,
  afterSupplement: false,
  clock: INITIAL_CLOCK,
  consultations: [],
  verifications: [],
  tasks: [],
  missing: [],
  outcome: null,
  results: [],
  returnedHow: null,
  lastHolders: {},
  events: 0,
}) as DossierState;

// ── Events ──────────────────────────────────────────────────────────────────────────────────

interface Base {
  at: number;
  by: string | null; // user id; null for the system
}
export type DossierEvent = Base &
  (
    | { type: 'submitted'; channel: Channel }
    | { type: 'completion-requested'; missing: string[]; note: string }
    | { type: 'completed'; amended: string[] }
    | { type: 'refused'; reasons: string[] }
    | { type: 'accepted'; code: string; step: string; holder: Holder; clock: DossierClock; backfilled: boolean }
    | { type: 'forwarded'; from: string; to: string; holder: Holder; comment: string | null; draftFiles?: DraftFile[] }
    | { type: 'returned-to-step'; from: string; to: string; holder: Holder; reason: string }
    | { type: 'assigned'; step: string; holder: Holder }
    | { type: 'handed-to-colleague'; step: string; holder: Holder; reason: string }
    | { type: 'approved'; from: string; to: string; holder: Holder; comment: string | null; draftFiles?: DraftFile[] }
    | { type: 'signed'; from: string; to: string; holder: Holder }
    | { type: 'draft-rejected'; from: string; fromStage: 'review' | 'signing'; to: string; holder: Holder; reason: string }
    | { type: 'consultation-requested'; consultation: Consultation }
    | { type: 'consultation-answered'; id: string; answer: string }
    | { type: 'verification-scheduled'; verification: Verification }
    | { type: 'tasks-sent'; tasks: AgencyTask[] }
    | { type: 'task-completed'; id: string; result: string }
    | { type: 'supplement-requested'; missing: string[]; reason: string; clock: DossierClock }
    | { type: 'supplement-received'; step: string; holder: Holder; clock: DossierClock; amended: string[] }
    | { type: 'apologized'; reason: string; clock: DossierClock }
    | { type: 'result-sent'; to: string; holder: Holder; results: { n: number; fileId: string | null; name: string }[]; clock: DossierClock }
    | { type: 'resolution-refused'; to: string; holder: Holder; reasons: string[]; clock: DossierClock }
    | { type: 'withdrawn'; reason: string }
    | { type: 'stopped'; reason: string }
    | { type: 'result-returned'; how: 'desk' | 'post' | 'online' | 'email' }
    | { type: 'payment-recorded'; payment: Pick<Payment, 'amount' | 'method' | 'receiptNumber' | 'paidAt'> }
  );
export type EventType = DossierEvent['type'];

/** Events that take the dossier away from its current step (to another step, to the applicant, to the desk). */
const LEAVING: ReadonlySet<DossierEvent['type']> = new Set(['forwarded', 'approved', 'signed', 'returned-to-step', 'draft-rejected', 'supplement-requested', 'result-sent', 'resolution-refused']);
function leavesStep(s: DossierState, e: DossierEvent): boolean {
  return !!s.stepCode && LEAVING.has(e.type);
}
/** Who handled the step: its named holder, or the member of the holding group who moved it on. */
function handler(s: DossierState, e: DossierEvent): Holder {
  if (s.holder?.kind === 'user') return s.holder;
  return e.by ? { kind: 'user', userId: e.by } : s.holder!;
}

export function evolve(s: DossierState, e: DossierEvent): DossierState {
  const next = evolveFields(s, e);
  return next.stepCode !== s.stepCode || (next.phase !== s.phase && next.phase === 'processing') ? { ...next, stepEnteredAt: e.at } : next;
}

function evolveFields(s: DossierState, e: DossierEvent): DossierState {
  const n = { ...s, events: s.events + 1, lastHolders: leavesStep(s, e) ? { ...s.lastHolders, [s.stepCode!]: handler(s, e) } : s.lastHolders };
  switch (e.type) {
    case 'submitted':
      return { ...n, phase: 'submitted', channel: e.channel, submittedAt: e.at };
    case 'completion-requested':
      return { ...n, phase: 'incomplete', missing: e.missing };
    case 'completed':
      // Counted afresh as a new receipt [003 Art. 19.3.a].
      return { ...n, phase: 'submitted', submittedAt: e.at, missing: [] };
    case 'refused':
      return { ...n, phase: 'refused', holder: null };
    case 'accepted':
      return { ...n, phase: 'processing', code: e.code, acceptedAt: e.at, stepCode: e.step, holder: e.holder, clock: e.clock };
    case 'forwarded':
    case 'approved':
    case 'signed': {
      // A new draft set replaces the current one; a move without a draft keeps it.
      const draft = e.type !== 'signed' && e.draftFiles?.length ? { draftResults: e.draftFiles.map((f) => ({ fileId: f.fileId, name: f.name, by: e.by, at: e.at })) } : {};
      return { ...n, ...draft, stepCode: e.to, holder: e.holder, draftRejectedAt: e.type === 'forwarded' ? s.draftRejectedAt : null };
    }
    case 'returned-to-step':
      return { ...n, stepCode: e.to, holder: e.holder };
    case 'assigned':
    case 'handed-to-colleague':
      return { ...n, holder: e.holder };
    case 'draft-rejected':
      return { ...n, stepCode: e.to, holder: e.holder, draftRejectedAt: e.fromStage };
    case 'consultation-requested':
      return { ...n, consultations: [...s.consultations, e.consultation] };
    case 'consultation-answered':
      return { ...n, consultations: s.consultations.map((c) => (c.id === e.id ? { ...c, answer: e.answer, answeredAt: e.at } : c)) };
    case 'verification-scheduled':
      return { ...n, verifications: [...s.verifications, e.verification] };
    case 'tasks-sent':
      return { ...n, tasks: [...s.tasks, ...e.tasks] };
    case 'task-completed':
      return { ...n, tasks: s.tasks.map((t) => (t.id === e.id ? { ...t, completedAt: e.at, completedBy: e.by ?? undefined, result: e.result } : t)) };
    case 'supplement-requested':
      return { ...n, phase: 'awaiting-supplement', resumeStep: s.stepCode, holder: null, missing: e.missing, clock: e.clock };
    case 'supplement-received':
      return { ...n, phase: 'processing', stepCode: e.step, holder: e.holder, resumeStep: null, missing: [], afterSupplement: true, clock: e.clock };
    case 'apologized':
      return { ...n, clock: e.clock };
    case 'result-sent':
      return { ...n, phase: 'result-ready', outcome: 'resolved', stepCode: e.to, holder: e.holder, results: e.results, clock: e.clock };
    case 'resolution-refused':
      return { ...n, phase: 'result-ready', outcome: 'not-resolved', stepCode: e.to, holder: e.holder, clock: e.clock };
    case 'withdrawn':
      return { ...n, phase: 'withdrawn', holder: null };
    case 'stopped':
      return { ...n, phase: 'stopped', holder: null };
    case 'result-returned':
      return { ...n, phase: 'returned', holder: null, returnedHow: e.how };
    case 'payment-recorded':
      return { ...n, payments: [...(s.payments ?? []), { ...e.payment, recordedAt: e.at, recordedBy: e.by }] };
  }
}

export function fold(events: readonly DossierEvent[]): DossierState {
  return events.reduce(evolve, INITIAL_STATE);
}

/** The fees paid so far (VND): the sum of the recorded payments. */
export function feesPaidOf(s: Pick<DossierState, 'payments'>): number {
  return (s.payments ?? []).reduce((a, p) => a + p.amount, 0);
}

// ── Who may do what ─────────────────────────────────────────────────────────────────────────

/** A role someone holds over an agency, in a department of it or (null) agency-wide. */
export interface RoleHeld {
  role: Role;
  departmentCode: string | null;
}

/** The actor as the lifecycle sees it: their roles that cover this dossier's agency. */
export interface Actor {
  userId: string;
  kind: 'officer' | 'applicant';
  /** Roles held over the dossier's (or the task's) agency, with their department. */
  roles: RoleHeld[];
  /** The applicant who owns the dossier. */
  isOwner?: boolean;
  /** Agencies of open inter-agency tasks where this officer may answer (a processing role there). */
  taskAgencies?: string[];
  /** Agencies of open consultations where this officer may answer (a processing role there). */
  consultAgencies?: string[];
}

/** The roles that process a dossier, and so may answer for their agency (a task, a consultation). */
export const PROCESSING_ROLES: readonly Role[] = ['specialist', 'head', 'leader'];

export type Action =
  | 'accept'
  | 'request-completion'
  | 'refuse'
  | 'complete'
  | 'forward'
  | 'return-to-previous'
  | 'assign'
  | 'hand-to-colleague'
  | 'approve'
  | 'sign'
  | 'reject-draft'
  | 'consult'
  | 'answer-consultation'
  | 'schedule-verification'
  | 'send-to-agencies'
  | 'complete-task'
  | 'request-supplement'
  | 'submit-supplement'
  | 'apologize'
  | 'send-result'
  | 'refuse-resolution'
  | 'withdraw'
  | 'stop'
  | 'return-result'
  | 'record-payment';

function holds(actor: Actor, role: Role, departmentCode: string | null | undefined): boolean {
  return actor.roles.some((r) => r.role === role && (!departmentCode || !r.departmentCode || r.departmentCode === departmentCode));
}

/** True if the actor may act at the current step: they hold it, or belong to the group holding it. */
export function actsAtStep(s: DossierState, step: ProcessStep | null, actor: Actor): boolean {
  if (!step || !s.holder || actor.kind !== 'officer') return false;
  if (s.holder.kind === 'user') return s.holder.userId === actor.userId;
  return holds(actor, s.holder.role, s.holder.departmentCode);
}

/**
 * The actions this actor may take on the dossier now — exactly the ones `decide` would accept the kind of.
 * `fees` (due and paid, VND), when given, hides recording a payment while nothing remains due; `decide`
 * still answers such a payment with its own refusal (`payment-exceeds-fees-due`).
 */
export function availableActions(s: DossierState, def: ProcessDefinition, actor: Actor, fees?: { due: number; paid: number }): Action[] {
  const out: Action[] = [];
  const desk = actor.kind === 'officer' && holds(actor, 'reception', null);
  if (actor.kind === 'applicant') {
    if (!actor.isOwner) return out;
    if (s.phase === 'incomplete') out.push('complete');
    if (s.phase === 'awaiting-supplement') out.push('submit-supplement');
    return out;
  }
  const step = stepOf(def, s.stepCode);
  if (s.phase === 'processing' && s.tasks.some((t) => !t.completedAt && actor.taskAgencies?.includes(t.agencyCode))) out.push('complete-task');
  // The agency asked answers, not the one asking [003 Art. 17]: its processing officers, whoever holds the step.
  if (s.phase === 'processing' && s.consultations.some((c) => !c.answeredAt && actor.consultAgencies?.includes(c.agencyCode))) out.push('answer-consultation');
  switch (s.phase) {
    case 'submitted':
      if (desk) out.push('accept', 'request-completion', 'refuse');
      break;
    case 'incomplete':
      if (desk) out.push('refuse');
      break;
    case 'processing': {
      if (desk) out.push('withdraw');
      const here = actsAtStep(s, step, actor);
      // A head assigns a group-held step of their department to one person.
      if (step && s.holder?.kind === 'group' && holds(actor, 'head', step.departmentCode ?? null) && step.stage !== 'reception') out.push('assign');
      if (!here || !step) break;
      const atStep = out.length;
      switch (step.stage) {
        case 'reception':
          out.push('forward');
          break;
        case 'processing':
          if (!(step.assignment === 'person' && s.holder?.kind === 'group')) {
            out.push('forward', 'hand-to-colleague', 'consult', 'schedule-verification', 'send-to-agencies', 'request-supplement', 'apologize', 'refuse-resolution', 'stop');
            if (previousStep(def, step.code)?.stage !== 'reception') out.push('return-to-previous');
          }
          break;
        case 'review':
          out.push('approve', 'reject-draft', 'apologize');
          break;
        case 'signing':
          out.push('sign', 'reject-draft', 'apologize');
          break;
        case 'return':
          break;
      }
      // Whoever may work the step (not merely answer a task or a consultation on it) may send its result.
      if (step.stage !== 'reception' && stepOf(def, step.next)?.stage === 'return' && out.length > atStep) out.push('send-result');
      break;
    }
    case 'awaiting-supplement':
      if (desk) out.push('withdraw');
      break;
    case 'result-ready':
      if (desk) out.push('return-result');
      break;
    default:
      break;
  }
  // Fees are taken by the desk of the dossier's agency, or by whoever holds the dossier (a step for one
  // person held by its group is held by nobody yet), while it is open.
  const holdsIt = actsAtStep(s, step, actor) && !(step?.assignment === 'person' && s.holder?.kind === 'group');
  const takesFees = !TERMINAL.includes(s.phase) && (desk || holdsIt);
  if (takesFees && (!fees || fees.paid < fees.due)) out.push('record-payment');
  return [...new Set(out)];
}

// ── Commands ────────────────────────────────────────────────────────────────────────────────

export type Command =
  | { type: 'accept'; code: string; backfilled?: boolean }
  | { type: 'request-completion'; missing: string[]; note: string }
  | { type: 'refuse'; reasons: string[] }
  | { type: 'complete'; amended?: string[] }
  /** `to` names the next step's holder; `assigneeRoles` are that person's roles over the agency. */
  | { type: 'forward'; to?: Holder | null; assigneeRoles?: RoleHeld[]; comment?: string | null; draftFiles?: DraftFile[] }
  | { type: 'return-to-previous'; reason: string }
  | { type: 'assign'; to: Extract<Holder, { kind: 'user' }>; assigneeRoles: RoleHeld[] }
  | { type: 'hand-to-colleague'; to: Extract<Holder, { kind: 'user' }>; assigneeRoles: RoleHeld[]; reason: string }
  | { type: 'approve'; comment?: string | null; draftFiles?: DraftFile[] }
  | { type: 'sign' }
  | { type: 'reject-draft'; reason: string }
  | { type: 'consult'; id: string; agencyCode: string; question: string; replyBy: number }
  | { type: 'answer-consultation'; id: string; answer: string }
  | { type: 'schedule-verification'; when: number; place: string; participants: string[]; content: string }
  | { type: 'send-to-agencies'; tasks: { id: string; agencyCode: string; task: string; deadline: number }[]; ownAgency: string }
  | { type: 'complete-task'; id: string; result: string }
  | { type: 'request-supplement'; missing: string[]; reason: string }
  | { type: 'submit-supplement'; amended?: string[] }
  | { type: 'apologize'; reason: string; newAppointment: number }
  | { type: 'send-result'; results: { fileId: string | null; name: string }[] }
  | { type: 'refuse-resolution'; reasons: string[] }
  | { type: 'withdraw'; reason: string }
  | { type: 'stop'; reason: string }
  | { type: 'return-result'; how: 'desk' | 'post' | 'online' | 'email' }
  /** `paidAt` defaults to now; `feesDue` is the dossier's (fixed at submission from the procedure case's fees). */
  | { type: 'record-payment'; amount: number; method: PaymentMethod; receiptNumber: string; paidAt?: number; feesDue: number };

export type Refusal =
  | 'not-allowed' // this actor may not take this action now (wrong role, not the holder, wrong phase)
  | 'missing-reason'
  | 'assignee-lacks-role'
  | 'assignee-other-department' // the step belongs to a department the assignee is not in
  | 'no-such-consultation'
  | 'consultation-already-answered'
  | 'reply-deadline-in-past'
  | 'verification-in-past'
  | 'no-result'
  | 'supplement-too-late' // post-appraisal supplement after 3 working days from receipt
  | 'tasks-open' // the result cannot move on while participating agencies have not answered
  | 'no-such-task'
  | 'task-deadline-in-past'
  | 'task-to-own-agency'
  | 'task-agency-already-open'
  | 'payment-amount-not-positive'
  | 'payment-exceeds-fees-due' // more than remains due (phí, lệ phí of the procedure case)
  | 'payment-in-future'
  | 'payment-receipt-missing'
  | 'payment-receipt-too-long'
  | 'payment-receipt-already-recorded' // the same receipt (biên lai) twice: a double entry
  | 'payment-dossier-closed' // returned, refused, withdrawn or stopped: no payment is taken
  | ClockRefusal;

export type Decision = { ok: true; event: DossierEvent } | { ok: false; reason: Refusal; field?: string };

export interface DecideContext {
  now: number;
  actor: Actor;
  def: ProcessDefinition;
  clock: ClockContext;
  /** Whom a step is sent to when the command does not name someone. */
  defaultHolder: (step: ProcessStep) => Holder;
}

const refuse = (reason: Refusal, field?: string): Decision => ({ ok: false, reason, ...(field ? { field } : {}) });

/**
 * May someone holding `roles` be given a step of `role`? They must hold the role, and when the
 * step belongs to departments (`departments` non-empty), hold it in one of them: a role held
 * without a department does not make its holder a member of the step's department.
 */
export function assigneeQualifies(roles: readonly RoleHeld[], role: Role, departments: readonly string[]): 'ok' | 'assignee-lacks-role' | 'assignee-other-department' {
  const same = roles.filter((r) => r.role === role);
  if (!same.length) return 'assignee-lacks-role';
  if (departments.length && !same.some((r) => r.departmentCode !== null && departments.includes(r.departmentCode))) return 'assignee-other-department';
  return 'ok';
}
const blank = (s: string | null | undefined) => !s || !s.trim();
/** A receipt (biên lai) number as printed: series and number, at most 50 characters. */
export const MAX_RECEIPT_NUMBER = 50;

function resultEvent(s: DossierState, ctx: DecideContext, results: { fileId: string | null; name: string }[]): Decision {
  const ret = ctx.def.steps.at(-1)!;
  const c = applyClockEvent(s.clock, { type: 'resolved', at: ctx.now }, ctx.clock);
  if (!c.ok) return refuse(c.reason);
  const numbered = results.map((r, i) => ({ n: i + 1, fileId: r.fileId, name: r.name }));
  return { ok: true, event: { type: 'result-sent', at: ctx.now, by: ctx.actor.userId, to: ret.code, holder: ctx.defaultHolder(ret), results: numbered, clock: c.clock } };
}

/** A draft's files each need a name; `{ draftFiles }` only when there are some, so events without one keep their shape. */
function draftOf(files: DraftFile[] | undefined): { ok: true; value: { draftFiles?: DraftFile[] } } | { ok: false; field: string } {
  if (!files?.length) return { ok: true, value: {} };
  const i = files.findIndex((f) => blank(f.name));
  if (i >= 0) return { ok: false, field: `draftFiles.${i}.name` };
  return { ok: true, value: { draftFiles: files.map((f) => ({ fileId: f.fileId, name: f.name })) } };
}

/** Decide whether a command is allowed now and, if so, the one event it produces. */
export function decide(s: DossierState, cmd: Command, ctx: DecideContext): Decision {
  const { now: at, actor, def } = ctx;
  // The desk, who could record a payment while the dossier was open, is told why it no longer can.
  if (cmd.type === 'record-payment' && TERMINAL.includes(s.phase) && actor.kind === 'officer' && holds(actor, 'reception', null)) return refuse('payment-dossier-closed');
  if (!availableActions(s, def, actor).includes(cmd.type)) return refuse('not-allowed');
  const by = actor.userId;
  const step = stepOf(def, s.stepCode);
  const holderFor = (st: ProcessStep, explicit?: Holder | null): Holder => explicit ?? ctx.defaultHolder(st);
  // An inter-agency dossier moves on only when every participating agency has answered.
  const moving = cmd.type === 'forward' || cmd.type === 'approve' || cmd.type === 'sign' || cmd.type === 'send-result';
  if (moving && step?.stage !== 'reception' && s.tasks.some((t) => !t.completedAt)) return refuse('tasks-open');
  switch (cmd.type) {
    case 'accept': {
      const first = def.steps[0]!;
      const c = applyClockEvent(INITIAL_CLOCK, { type: 'received', at: s.submittedAt ?? at }, ctx.clock);
      if (!c.ok) return refuse(c.reason);
      return { ok: true, event: { type: 'accepted', at, by, code: cmd.code, step: first.code, holder: { kind: 'user', userId: by }, clock: c.clock, backfilled: !!cmd.backfilled } };
    }
    case 'request-completion':
      if (!cmd.missing.length || cmd.missing.some(blank)) return refuse('missing-reason', 'missing');
      // The reason is printed on the supplement slip (Mẫu 02) [003 Art. 15.1.c].
      if (blank(cmd.note)) return refuse('missing-reason', 'note');
      return { ok: true, event: { type: 'completion-requested', at, by, missing: cmd.missing, note: cmd.note } };
    case 'refuse':
      if (!cmd.reasons.length || cmd.reasons.some(blank)) return refuse('missing-reason', 'reasons');
      return { ok: true, event: { type: 'refused', at, by, reasons: cmd.reasons } };
    case 'complete':
      return { ok: true, event: { type: 'completed', at, by, amended: cmd.amended ?? [] } };
    case 'forward': {
      const next = stepOf(def, step!.next)!;
      const draft = draftOf(cmd.draftFiles);
      if (!draft.ok) return refuse('missing-reason', draft.field);
      // Forwarding into the return step is sending the result to the desk: a draft carried along is that result.
      if (next.stage === 'return') return resultEvent(s, ctx, draft.value.draftFiles ?? []);
      // A named recipient holds the next step's role, in its department when it has one.
      if (cmd.to?.kind === 'user') {
        const ok = assigneeQualifies(cmd.assigneeRoles ?? [], next.role, next.departmentCode ? [next.departmentCode] : []);
        if (ok !== 'ok') return refuse(ok, 'to');
      }
      return { ok: true, event: { type: 'forwarded', at, by, from: step!.code, to: next.code, holder: holderFor(next, cmd.to), comment: cmd.comment ?? null, ...draft.value } };
    }
    case 'return-to-previous': {
      if (blank(cmd.reason)) return refuse('missing-reason', 'reason');
      const prev = previousStep(def, step!.code);
      if (!prev || prev.stage === 'reception') return refuse('not-allowed');
      return { ok: true, event: { type: 'returned-to-step', at, by, from: step!.code, to: prev.code, holder: s.lastHolders[prev.code] ?? ctx.defaultHolder(prev), reason: cmd.reason } };
    }
    case 'assign':
    case 'hand-to-colleague': {
      // The step's department; handing over stays within it, or within the holder's own
      // department in the step's role when the step names none [003 Art. 17].
      const depts = step!.departmentCode
        ? [step!.departmentCode]
        : cmd.type === 'hand-to-colleague'
          ? actor.roles.filter((r) => r.role === step!.role && r.departmentCode).map((r) => r.departmentCode!)
          : [];
      const ok = assigneeQualifies(cmd.assigneeRoles, step!.role, depts);
      if (ok !== 'ok') return refuse(ok, 'to');
      if (cmd.type === 'assign') return { ok: true, event: { type: 'assigned', at, by, step: step!.code, holder: cmd.to } };
      if (blank(cmd.reason)) return refuse('missing-reason', 'reason');
      return { ok: true, event: { type: 'handed-to-colleague', at, by, step: step!.code, holder: cmd.to, reason: cmd.reason } };
    }
    case 'approve':
    case 'sign': {
      const next = stepOf(def, step!.next)!;
      const draft = draftOf(cmd.type === 'approve' ? cmd.draftFiles : undefined);
      if (!draft.ok) return refuse('missing-reason', draft.field);
      if (next.stage === 'return') return resultEvent(s, ctx, draft.value.draftFiles ?? []);
      const holder = ctx.defaultHolder(next);
      return cmd.type === 'approve'
        ? { ok: true, event: { type: 'approved', at, by, from: step!.code, to: next.code, holder, comment: cmd.comment ?? null, ...draft.value } }
        : { ok: true, event: { type: 'signed', at, by, from: step!.code, to: next.code, holder } };
    }
    case 'reject-draft': {
      if (blank(cmd.reason)) return refuse('missing-reason', 'reason');
      const back = stepOf(def, step!.rejectTo ?? null)!;
      const fromStage = step!.stage === 'signing' ? 'signing' : 'review';
      return { ok: true, event: { type: 'draft-rejected', at, by, from: step!.code, fromStage, to: back.code, holder: s.lastHolders[back.code] ?? ctx.defaultHolder(back), reason: cmd.reason } };
    }
    case 'consult':
      if (blank(cmd.question)) return refuse('missing-reason', 'question');
      if (cmd.replyBy <= at) return refuse('reply-deadline-in-past', 'replyBy');
      return { ok: true, event: { type: 'consultation-requested', at, by, consultation: { id: cmd.id, agencyCode: cmd.agencyCode, question: cmd.question, replyBy: cmd.replyBy, askedAt: at, askedBy: by } } };
    case 'answer-consultation': {
      const c = s.consultations.find((x) => x.id === cmd.id);
      // An agency answers only what it was asked.
      if (!c || !actor.consultAgencies?.includes(c.agencyCode)) return refuse('no-such-consultation', 'id');
      if (c.answeredAt) return refuse('consultation-already-answered', 'id');
      if (blank(cmd.answer)) return refuse('missing-reason', 'answer');
      return { ok: true, event: { type: 'consultation-answered', at, by, id: cmd.id, answer: cmd.answer } };
    }
    case 'schedule-verification':
      if (cmd.when <= at) return refuse('verification-in-past', 'when');
      if (blank(cmd.place) || blank(cmd.content)) return refuse('missing-reason', blank(cmd.place) ? 'place' : 'content');
      return { ok: true, event: { type: 'verification-scheduled', at, by, verification: { at, when: cmd.when, place: cmd.place, participants: cmd.participants, content: cmd.content } } };
    case 'send-to-agencies': {
      if (!cmd.tasks.length) return refuse('missing-reason', 'tasks');
      for (const [i, t] of cmd.tasks.entries()) {
        if (blank(t.task)) return refuse('missing-reason', `tasks.${i}.task`);
        if (t.deadline <= at) return refuse('task-deadline-in-past', `tasks.${i}.deadline`);
        if (t.agencyCode === cmd.ownAgency) return refuse('task-to-own-agency', `tasks.${i}.agencyCode`);
        const dup = cmd.tasks.findIndex((x) => x.agencyCode === t.agencyCode) !== i;
        if (dup || s.tasks.some((x) => x.agencyCode === t.agencyCode && !x.completedAt)) return refuse('task-agency-already-open', `tasks.${i}.agencyCode`);
      }
      return { ok: true, event: { type: 'tasks-sent', at, by, tasks: cmd.tasks.map((t) => ({ id: t.id, agencyCode: t.agencyCode, task: t.task, sentAt: at, deadline: t.deadline })) } };
    }
    case 'complete-task': {
      const task = s.tasks.find((x) => x.id === cmd.id);
      if (!task || task.completedAt || !actor.taskAgencies?.includes(task.agencyCode)) return refuse('no-such-task', 'id');
      if (blank(cmd.result)) return refuse('missing-reason', 'result');
      return { ok: true, event: { type: 'task-completed', at, by, id: cmd.id, result: cmd.result } };
    }
    case 'request-supplement': {
      if (!cmd.missing.length || cmd.missing.some(blank)) return refuse('missing-reason', 'missing');
      // After appraisal, within 3 working days of receipt [Decree 61/2018 Art. 19.4].
      if (at > supplementNoticeDue(s.clock.cycleReceivedAt!, ctx.clock.cal)) return refuse('supplement-too-late');
      const chk = canRequestSupplement(s.clock, at);
      if (!chk.ok) return refuse(chk.reason);
      const c = applyClockEvent(s.clock, { type: 'supplement-requested', at }, ctx.clock);
      if (!c.ok) return refuse(c.reason);
      return { ok: true, event: { type: 'supplement-requested', at, by, missing: cmd.missing, reason: cmd.reason, clock: c.clock } };
    }
    case 'submit-supplement': {
      const c = applyClockEvent(s.clock, { type: 'resubmitted', at }, ctx.clock);
      if (!c.ok) return refuse(c.reason);
      const back = stepOf(def, s.resumeStep)!;
      const holder = s.lastHolders[back.code] ?? ctx.defaultHolder(back);
      return { ok: true, event: { type: 'supplement-received', at, by, step: back.code, holder, clock: c.clock, amended: cmd.amended ?? [] } };
    }
    case 'apologize': {
      if (blank(cmd.reason)) return refuse('missing-reason', 'reason');
      const chk = canApologize(s.clock, at, cmd.newAppointment, ctx.clock);
      if (!chk.ok) return refuse(chk.reason, 'newAppointment');
      const c = applyClockEvent(s.clock, { type: 'apology', at, newAppointment: cmd.newAppointment }, ctx.clock);
      if (!c.ok) return refuse(c.reason, 'newAppointment');
      return { ok: true, event: { type: 'apologized', at, by, reason: cmd.reason, clock: c.clock } };
    }
    case 'send-result':
      return resultEvent(s, ctx, cmd.results);
    case 'refuse-resolution': {
      if (!cmd.reasons.length || cmd.reasons.some(blank)) return refuse('missing-reason', 'reasons');
      const ret = def.steps.at(-1)!;
      // The refusal slip is the dossier's result: its instant is the result instant [003 Art. 18.4].
      const c = applyClockEvent(s.clock, { type: 'resolved', at }, ctx.clock);
      if (!c.ok) return refuse(c.reason);
      return { ok: true, event: { type: 'resolution-refused', at, by, to: ret.code, holder: ctx.defaultHolder(ret), reasons: cmd.reasons, clock: c.clock } };
    }
    case 'withdraw':
    case 'stop':
      if (blank(cmd.reason)) return refuse('missing-reason', 'reason');
      return { ok: true, event: cmd.type === 'withdraw' ? { type: 'withdrawn', at, by, reason: cmd.reason } : { type: 'stopped', at, by, reason: cmd.reason } };
    case 'return-result':
      return { ok: true, event: { type: 'result-returned', at, by, how: cmd.how } };
    case 'record-payment': {
      if (!Number.isSafeInteger(cmd.amount) || cmd.amount <= 0) return refuse('payment-amount-not-positive', 'amount');
      if (cmd.amount > cmd.feesDue - feesPaidOf(s)) return refuse('payment-exceeds-fees-due', 'amount');
      const receiptNumber = cmd.receiptNumber.trim();
      if (!receiptNumber) return refuse('payment-receipt-missing', 'receiptNumber');
      if (receiptNumber.length > MAX_RECEIPT_NUMBER) return refuse('payment-receipt-too-long', 'receiptNumber');
      if ((s.payments ?? []).some((p) => p.receiptNumber === receiptNumber)) return refuse('payment-receipt-already-recorded', 'receiptNumber');
      const paidAt = cmd.paidAt ?? at;
      if (paidAt > at) return refuse('payment-in-future', 'paidAt');
      return { ok: true, event: { type: 'payment-recorded', at, by, payment: { amount: cmd.amount, method: cmd.method, receiptNumber, paidAt } } };
    }
  }
}
