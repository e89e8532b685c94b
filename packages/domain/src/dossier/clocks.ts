import { Type, type Static } from 'typebox';
import { formatInstant, holderClocks, workingMinutesBetween, type CompiledCalendar, type Handover, type HolderClock } from '../calendar/index.ts';
import type { AgencyTask, DossierEvent } from './lifecycle.ts';
import type { ProcessDefinition } from './process.ts';

/**
 * Per-step and per-agency clocks of one dossier for the officers' workspace [003 Art. 20–21]:
 * how much working time each step of the electronic process, and each agency asked for its part of
 * an inter-agency procedure, has used of its budget. The arithmetic is the working-time engine's
 * `holderClocks`; this file only says, from the dossier's events, who held the dossier when.
 */

/**
 * not-due / due / overdue: the holder has it now (003 Art. 21.c: "đến hạn hoặc quá hạn");
 * on-time / late: the holder has sent it on; no-budget: the step has no time budget of its own.
 */
export const HolderClockStatus = Type.Union([
  Type.Literal('not-due'),
  Type.Literal('due'),
  Type.Literal('overdue'),
  Type.Literal('on-time'),
  Type.Literal('late'),
  Type.Literal('no-budget'),
]);
export type HolderClockStatus = Static<typeof HolderClockStatus>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const HolderClockView = Type.Object({
  /** The step code, or the agency code of an inter-agency task. */
  id: Type.String(),
  name: Type.String(),
  taskId: Type.Optional(Type.String({ description: 'The inter-agency task this clock belongs to' })),
  budgetMinutes: Nullable(Type.Integer({ description: 'Working minutes allowed, with extensions' })),
  usedMinutes: Type.Integer({ description: 'Working minutes charged to this holder so far' }),
  remainingMinutes: Nullable(Type.Integer({ description: 'budget − used; negative when over' })),
  holding: Type.Boolean(),
  heldSince: Nullable(Type.String()),
  dueAt: Nullable(Type.String({ description: 'While holding: when the remaining budget runs out' })),
  status: HolderClockStatus,
});
export type HolderClockView = Static<typeof HolderClockView>;

export const DossierClocks = Type.Object(
  {
    steps: Type.Array(HolderClockView, { description: 'Steps in the order the dossier first reached them' }),
    agencies: Type.Array(HolderClockView, { description: 'One per task sent to another agency, on that agency’s own calendar' }),
  },
  { description: 'Per-step and per-agency clocks [003 Art. 20–21]; for officers over the dossier’s agency' },
);
export type DossierClocks = Static<typeof DossierClocks>;

/**
 * When the dossier passed from one step to another, from its events. Nobody's clock runs while the
 * applicant supplements it or after it has ended; re-assignment within a step does not stop the
 * step's clock (the step, not the person, has the budget).
 */
export function stepHandovers(events: readonly DossierEvent[]): Handover[] {
  const out: Handover[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'accepted':
        out.push({ at: e.at, to: e.step });
        break;
      case 'forwarded':
      case 'approved':
      case 'signed':
      case 'returned-to-step':
      case 'draft-rejected':
      case 'result-sent':
      case 'resolution-refused':
        out.push({ at: e.at, to: e.to });
        break;
      case 'supplement-received':
        out.push({ at: e.at, to: e.step });
        break;
      case 'supplement-requested':
      case 'result-returned':
      case 'withdrawn':
      case 'stopped':
        if (out.length) out.push({ at: e.at, to: null });
        break;
      default:
        break;
    }
  }
  return out;
}

function view(c: HolderClock, name: string, taskId?: string): HolderClockView {
  const status: HolderClockStatus = c.budgetMinutes === null ? 'no-budget' : c.holding ? (c.warning ?? 'not-due') : (c.outcome ?? 'on-time');
  // Whole minutes: instants carry milliseconds, the officer reads minutes.
  const used = Math.floor(c.usedMinutes);
  const budget = c.budgetMinutes === null ? null : Math.round(c.budgetMinutes);
  return {
    id: c.id,
    name,
    ...(taskId ? { taskId } : {}),
    budgetMinutes: budget,
    usedMinutes: used,
    remainingMinutes: budget === null ? null : budget - used,
    holding: c.holding,
    heldSince: c.heldSince === null ? null : formatInstant(c.heldSince),
    dueAt: c.dueAt === null ? null : formatInstant(c.dueAt),
    status,
  };
}

/**
 * The clock of every step the dossier has reached, on the dossier agency's calendar; a step with a
 * budget of 0 hours has none. Null when the events cannot be timed (out of order, or later than now).
 */
export function stepClocks(events: readonly DossierEvent[], process: ProcessDefinition, now: number, cal: CompiledCalendar): HolderClockView[] | null {
  const budgets: Record<string, number> = {};
  for (const s of process.steps) if (s.budgetHours > 0) budgets[s.code] = Math.round(s.budgetHours * 60);
  const r = holderClocks(stepHandovers(events), budgets, now, cal);
  if (!r.ok) return null;
  return r.clocks.map((c) => view(c, process.steps.find((s) => s.code === c.id)?.name ?? c.id));
}

/**
 * The clock of one agency's task on that agency's own calendar: its time runs from when the task was
 * sent until it answers, and its budget is the working time up to the task's deadline
 * [001 Art. 9.1.d–đ; 003 Art. 20.2]. Null when it cannot be timed.
 */
export function agencyTaskClock(task: AgencyTask, agencyName: string, now: number, cal: CompiledCalendar): HolderClockView | null {
  const handovers: Handover[] = [{ at: task.sentAt, to: task.agencyCode }];
  if (task.completedAt !== undefined) handovers.push({ at: task.completedAt, to: null });
  const r = holderClocks(handovers, { [task.agencyCode]: workingMinutesBetween(task.sentAt, task.deadline, cal) }, Math.max(now, handovers.at(-1)!.at), cal);
  if (!r.ok) return null;
  return view(r.clocks[0]!, agencyName, task.id);
}
