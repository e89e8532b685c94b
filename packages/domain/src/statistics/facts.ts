import type { DossierClock, Outcome } from '../calendar/index.ts';
import { evolve, INITIAL_STATE, type DossierEvent } from '../dossier/lifecycle.ts';

/**
 * What statistics need to know about one dossier, derived from its immutable events alone.
 *
 * A dossier is counted once, for the agency that received it (an inter-agency dossier's lead:
 * its participating agencies' tasks never count it again; SPEC §7 "counted once"). It is
 * *received* at its acceptance (tiếp nhận, the `accepted` event): a dossier refused at the desk
 * (phiếu từ chối tiếp nhận) or still awaiting the desk's check was never received and is not
 * counted. It *ends* at its first terminal fact: the result sent to the desk (003 Art. 18.4: the
 * result instant, classified early / on time / late by the working-time engine), the refusal to
 * resolve (trả không giải quyết), the applicant's withdrawal, or the stop of processing.
 *
 * While open it is, at any instant t, either paused (awaiting a supplement: the clock is
 * stopped, so it is neither due nor overdue), overdue, or not yet due. Those states are kept as
 * sets of half-open intervals (lo, hi] — the state at t is the one produced by the events strictly
 * before t — so any period [from, to) can be answered from one row without replaying events.
 */

/** (lo, hi]: lo exclusive, hi inclusive; hi null = still so. */
export type Interval = readonly [number, number | null];

export type EndKind = 'resolved' | 'refused' | 'withdrawn' | 'stopped';

export interface StatFacts {
  /** Acceptance instant; null while never accepted (not counted). */
  receivedAt: number | null;
  end: { kind: EndKind; at: number } | null;
  /** early | on-time | late when `end.kind` is 'resolved'. */
  classification: Outcome | null;
  paused: Interval[];
  overdue: Interval[];
  /** When the result was handed over by post (the "postal-returned" channel of 002 Art. 17.1.c). */
  postalReturnedAt: number | null;
}

export interface FactsContext {
  /** From which instant an open dossier is overdue (DeadlinePolicy.overdueFrom). */
  overdueFrom: 'appointment' | 'deadline';
  /** The working-time engine's classification of a resolved clock (classifyClock). */
  classify: (clock: DossierClock) => Outcome;
}

const END: Partial<Record<DossierEvent['type'], EndKind>> = {
  'result-sent': 'resolved',
  'resolution-refused': 'refused',
  withdrawn: 'withdrawn',
  stopped: 'stopped',
};

function push(list: Interval[], lo: number, hi: number | null): void {
  if (hi !== null && hi <= lo) return;
  const last = list.at(-1);
  // Consecutive segments of one state (an event that changed nothing that matters) are one interval.
  if (last && last[1] === lo) list[list.length - 1] = [last[0], hi];
  else list.push([lo, hi]);
}

/** Folds a dossier's events (in order) into its statistical facts. */
export function factsOf(events: readonly DossierEvent[], ctx: FactsContext): StatFacts {
  const f: StatFacts = { receivedAt: null, end: null, classification: null, paused: [], overdue: [], postalReturnedAt: null };
  let s = INITIAL_STATE;
  events.forEach((e, i) => {
    s = evolve(s, e);
    if (e.type === 'accepted' && f.receivedAt === null) f.receivedAt = e.at;
    if (e.type === 'result-returned' && e.how === 'post') f.postalReturnedAt = e.at;
    const endKind = END[e.type];
    if (endKind && !f.end && f.receivedAt !== null) {
      f.end = { kind: endKind, at: e.at };
      if (endKind === 'resolved') f.classification = ctx.classify(s.clock);
    }
    if (f.receivedAt === null || f.end) return;
    const next = events[i + 1]?.at ?? null;
    const c = s.clock;
    if (c.phase === 'paused') push(f.paused, e.at, next);
    else if (c.phase === 'running') {
      // An apology makes the dossier overdue at once (003 Art. 19.1.a), whatever the time left.
      const ref = c.countsLate ? e.at : ctx.overdueFrom === 'deadline' ? c.deadline! : c.appointment!;
      push(f.overdue, Math.max(e.at, ref), next);
    }
  });
  return f;
}

export function inIntervals(list: readonly Interval[], t: number): boolean {
  return list.some(([lo, hi]) => t > lo && (hi === null || t <= hi));
}
