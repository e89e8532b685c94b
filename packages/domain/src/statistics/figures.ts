import type { StatFacts } from './facts.ts';
import { inIntervals } from './facts.ts';

/** A reporting period [from, to) in epoch ms. */
export interface Period {
  from: number;
  to: number;
}

export type Intake = 'carried' | 'new';

/**
 * Where a received dossier stands at the end of the period — exactly one of these, so the
 * categories always add up (SPEC §8, §15; 002 Art. 14.4, 17.1):
 *   received = carried over + new
 *            = early + on time + late                (resolved in the period)
 *            + refused + withdrawn + stopped           (ended otherwise in the period)
 *            + awaiting supplement                     (open, clock paused: returned for supplement)
 *            + not yet due + overdue                   (open, clock running: in progress)
 * "Awaiting supplement" is its own bucket because a paused clock is neither in time nor overdue,
 * and SPEC §15 lists "returned for supplement" beside "in progress".
 */
export const STATUS_BUCKETS = ['early', 'on-time', 'late', 'refused', 'withdrawn', 'stopped', 'awaiting-supplement', 'not-due', 'overdue'] as const;
export type StatusBucket = (typeof STATUS_BUCKETS)[number];
export const INTAKE_BUCKETS = ['carried', 'new'] as const;
/** Every figure a drill-down can open. */
export const BUCKETS = ['received', ...INTAKE_BUCKETS, 'resolved', 'in-progress', ...STATUS_BUCKETS, 'postal-returned'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface Placement {
  intake: Intake;
  status: StatusBucket;
}

/** The one place a dossier takes in the period's figures, or null when it is not counted there. */
export function placeOf(f: StatFacts, p: Period): Placement | null {
  if (f.receivedAt === null || f.receivedAt >= p.to) return null;
  if (f.end && f.end.at < p.from) return null;
  const intake: Intake = f.receivedAt < p.from ? 'carried' : 'new';
  if (f.end && f.end.at < p.to) {
    return { intake, status: f.end.kind === 'resolved' ? (f.classification ?? 'late') : f.end.kind };
  }
  const status: StatusBucket = inIntervals(f.paused, p.to) ? 'awaiting-supplement' : inIntervals(f.overdue, p.to) ? 'overdue' : 'not-due';
  return { intake, status };
}

/** Results handed over by post during the period: a channel of its own, outside the identity above. */
export function postalReturnedIn(f: StatFacts, p: Period): boolean {
  return f.postalReturnedAt !== null && f.postalReturnedAt >= p.from && f.postalReturnedAt < p.to;
}

/** Whether the dossier is behind the figure `bucket` of the period (the drill-down's rule). */
export function inBucket(f: StatFacts, p: Period, bucket: Bucket): boolean {
  if (bucket === 'postal-returned') return postalReturnedIn(f, p);
  const pl = placeOf(f, p);
  if (!pl) return false;
  switch (bucket) {
    case 'received':
      return true;
    case 'carried':
    case 'new':
      return pl.intake === bucket;
    case 'resolved':
      return pl.status === 'early' || pl.status === 'on-time' || pl.status === 'late';
    case 'in-progress':
      return pl.status === 'not-due' || pl.status === 'overdue';
    default:
      return pl.status === bucket;
  }
}

export interface Counts {
  received: number;
  carriedOver: number;
  new: number;
  resolved: number;
  early: number;
  onTime: number;
  late: number;
  refused: number;
  withdrawn: number;
  stopped: number;
  awaitingSupplement: number;
  inProgress: number;
  notDue: number;
  overdue: number;
  postalReturned: number;
}

export interface Figures extends Counts {
  /** resolved / received [002 Art. 14.5.a]; null when nothing was received. */
  resolutionRate: number | null;
  /** (early + on time) / resolved [002 Art. 14.5.b]; null when nothing was resolved. */
  onTimeRate: number | null;
}

export const emptyCounts = (): Counts => ({
  received: 0,
  carriedOver: 0,
  new: 0,
  resolved: 0,
  early: 0,
  onTime: 0,
  late: 0,
  refused: 0,
  withdrawn: 0,
  stopped: 0,
  awaitingSupplement: 0,
  inProgress: 0,
  notDue: 0,
  overdue: 0,
  postalReturned: 0,
});

const STATUS_FIELD: Record<StatusBucket, keyof Counts> = {
  early: 'early',
  'on-time': 'onTime',
  late: 'late',
  refused: 'refused',
  withdrawn: 'withdrawn',
  stopped: 'stopped',
  'awaiting-supplement': 'awaitingSupplement',
  'not-due': 'notDue',
  overdue: 'overdue',
};

/** Adds one dossier to the counts. */
export function tally(c: Counts, f: StatFacts, p: Period): void {
  if (postalReturnedIn(f, p)) c.postalReturned++;
  const pl = placeOf(f, p);
  if (!pl) return;
  c.received++;
  if (pl.intake === 'carried') c.carriedOver++;
  else c.new++;
  c[STATUS_FIELD[pl.status]]++;
  if (pl.status === 'early' || pl.status === 'on-time' || pl.status === 'late') c.resolved++;
  if (pl.status === 'not-due' || pl.status === 'overdue') c.inProgress++;
}

/** Counts from the basic buckets (the shape the database answers): totals are derived, never counted twice. */
export function countsFrom(b: { carried: number; new: number; postalReturned: number } & Record<StatusBucket, number>): Counts {
  const resolved = b.early + b['on-time'] + b.late;
  const inProgress = b['not-due'] + b.overdue;
  return {
    received: b.carried + b.new,
    carriedOver: b.carried,
    new: b.new,
    resolved,
    early: b.early,
    onTime: b['on-time'],
    late: b.late,
    refused: b.refused,
    withdrawn: b.withdrawn,
    stopped: b.stopped,
    awaitingSupplement: b['awaiting-supplement'],
    inProgress,
    notDue: b['not-due'],
    overdue: b.overdue,
    postalReturned: b.postalReturned,
  };
}

export function withRates(c: Counts): Figures {
  return {
    ...c,
    resolutionRate: c.received ? c.resolved / c.received : null,
    onTimeRate: c.resolved ? (c.early + c.onTime) / c.resolved : null,
  };
}

export function addCounts(a: Counts, b: Counts): Counts {
  const out = emptyCounts();
  for (const k of Object.keys(out) as (keyof Counts)[]) out[k] = a[k] + b[k];
  return out;
}

/** The identities every report must satisfy; returns the ones that fail (empty when consistent). */
export function identityErrors(c: Counts): string[] {
  const errs: string[] = [];
  if (c.received !== c.carriedOver + c.new) errs.push('received ≠ carried over + new');
  if (c.resolved !== c.early + c.onTime + c.late) errs.push('resolved ≠ early + on time + late');
  if (c.inProgress !== c.notDue + c.overdue) errs.push('in progress ≠ not due + overdue');
  if (c.received !== c.resolved + c.refused + c.withdrawn + c.stopped + c.awaitingSupplement + c.inProgress) errs.push('received ≠ resolved + refused + withdrawn + stopped + awaiting supplement + in progress');
  return errs;
}
