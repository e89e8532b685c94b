import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classifyClock, clockStatus, type ClockContext } from '../calendar/index.ts';
import { fold, type DossierEvent } from '../dossier/lifecycle.ts';
import { factsOf, type FactsContext } from './facts.ts';
import { emptyCounts, identityErrors, inBucket, placeOf, tally, withRates, BUCKETS, type Counts, type Period, type StatusBucket } from './figures.ts';
import { at, FIXTURE_CAL, FIXTURE_PERIOD, FIXTURE_POLICY, fixtureDossiers, History, FIXTURE_A, FIXTURE_B, type FixtureDossier } from './fixture.ts';

const ctxOf = (d: Pick<FixtureDossier, 'limit'>): ClockContext => ({ cal: FIXTURE_CAL, policy: FIXTURE_POLICY, limit: d.limit });
const factsCtx = (d: Pick<FixtureDossier, 'limit'>): FactsContext => ({ overdueFrom: FIXTURE_POLICY.overdueFrom, classify: (c) => classifyClock(c, ctxOf(d))!.outcome });
const facts = (d: FixtureDossier) => factsOf(d.events, factsCtx(d));

function countsOf(ds: FixtureDossier[], p: Period): Counts {
  const c = emptyCounts();
  for (const d of ds) tally(c, facts(d), p);
  return c;
}

test('January 2026 of the fixture province gives the hand-computed figures', () => {
  const c = countsOf(fixtureDossiers(), FIXTURE_PERIOD);
  // Counted: 14 of the 17 histories. Not counted: 'ended-before' (resolved 2025-12-03, before the
  // period), 'received-after' (accepted 2026-02-02) and 'refused-at-desk' (never accepted).
  assert.equal(c.received, 14);
  // Carried over: accepted before 01-01 and still open then: 'carried-on-time' (12-29), 'carried-overdue' (12-15).
  assert.equal(c.carriedOver, 2);
  assert.equal(c.new, 12); // 14 − 2
  // Early (result date before the appointment date, 002 Art. 14.4.a):
  //  'inter-agency' result 01-08 < appointment 01-12; 'postal-returned' 01-20 < 01-22;
  //  'supplement-restarted' 01-26 < 01-28 — the clock restarted at the resubmission 01-20 14:00
  //  (5 working days → deadline 01-27 14:00, appointment 01-28 07:30); counted from the first
  //  receipt it would have been late (appointment 01-19).
  assert.equal(c.early, 3);
  // On time (same date): 'carried-on-time' 01-07 (12-29 + 5 working days skipping the 01-01 and
  //  01-02 days off → appointment 01-07 13:00); 'holiday-receipt' accepted on the 01-01 holiday
  //  counts from 01-05 07:30, 1 working day → deadline 01-05 17:00, appointment 01-06 07:30, result 01-06.
  assert.equal(c.onTime, 2);
  // Late: 'late' (appointment 01-07, result 01-09) and 'apology-late' (an apology makes it late,
  //  003 Art. 19.1, although its result 01-29 came before the new appointment 01-30).
  assert.equal(c.late, 2);
  assert.equal(c.resolved, 7); // 3 + 2 + 2
  assert.equal(c.refused, 1); // 'refused-resolution' (trả không giải quyết 01-16)
  assert.equal(c.withdrawn, 1); // 'withdrawn' 01-09
  assert.equal(c.stopped, 1); // 'stopped' 01-20 (agency B)
  assert.equal(c.awaitingSupplement, 1); // 'awaiting-supplement': asked 01-27, nothing back by 02-01
  // Overdue at 02-01: 'overdue-open' (appointment 01-21 13:00) and 'carried-overdue' (12-22 13:00).
  assert.equal(c.overdue, 2);
  assert.equal(c.notDue, 1); // 'not-due-open': appointment 02-06
  assert.equal(c.inProgress, 3); // 2 + 1
  assert.equal(c.postalReturned, 1); // 'postal-returned': handed over by post 01-21
  // 7 + 1 + 1 + 1 + 1 + 3 = 14 = received
  assert.deepEqual(identityErrors(c), []);
  const f = withRates(c);
  assert.equal(f.resolutionRate, 7 / 14); // resolved / received [002 Art. 14.5.a]
  assert.equal(f.onTimeRate, 5 / 7); // (early + on time) / resolved [002 Art. 14.5.b]
});

test('an inter-agency dossier is counted once, for its lead agency, never for the participating one', () => {
  const ds = fixtureDossiers();
  const a = countsOf(ds.filter((d) => d.agencyCode === FIXTURE_A), FIXTURE_PERIOD);
  const b = countsOf(ds.filter((d) => d.agencyCode === FIXTURE_B), FIXTURE_PERIOD);
  // B got a task of 'inter-agency' but only its own 'stopped' and 'carried-overdue' count there.
  assert.deepEqual([a.received, a.carriedOver, a.early], [12, 1, 3]);
  assert.deepEqual([b.received, b.carriedOver, b.stopped, b.overdue, b.early], [2, 1, 1, 1, 0]);
});

test('the state at the end of the period is the one the events before it produced', () => {
  const ds = Object.fromEntries(fixtureDossiers().map((d) => [d.name, d]));
  const from = at('2026-01-01 00:00');
  const status = (name: string, to: string) => placeOf(facts(ds[name]!), { from, to: at(to) })?.status;
  // Paused from 01-13 10:00 to the resubmission 01-20 14:00: awaiting supplement in between.
  assert.equal(status('supplement-restarted', '2026-01-15 00:00'), 'awaiting-supplement');
  assert.equal(status('supplement-restarted', '2026-01-20 14:00'), 'awaiting-supplement', 'the resubmission at the end instant belongs to the next period');
  assert.equal(status('supplement-restarted', '2026-01-22 00:00'), 'not-due');
  // Apology on 01-23: overdue from then on although the new appointment (01-30) is later.
  assert.equal(status('apology-late', '2026-01-23 00:00'), 'not-due');
  assert.equal(status('apology-late', '2026-01-24 00:00'), 'overdue');
  // Overdue only after the appointment instant (01-21 13:00).
  assert.equal(status('overdue-open', '2026-01-21 13:00'), 'not-due');
  assert.equal(status('overdue-open', '2026-01-21 13:01'), 'overdue');
});

test('every figure is the number of dossiers its drill-down lists', () => {
  const ds = fixtureDossiers().map(facts);
  const c = countsOf(fixtureDossiers(), FIXTURE_PERIOD);
  const field: Record<(typeof BUCKETS)[number], keyof Counts> = {
    received: 'received', carried: 'carriedOver', new: 'new', resolved: 'resolved', 'in-progress': 'inProgress', early: 'early', 'on-time': 'onTime', late: 'late',
    refused: 'refused', withdrawn: 'withdrawn', stopped: 'stopped', 'awaiting-supplement': 'awaitingSupplement', 'not-due': 'notDue', overdue: 'overdue', 'postal-returned': 'postalReturned',
  };
  for (const b of BUCKETS) assert.equal(ds.filter((f) => inBucket(f, FIXTURE_PERIOD, b)).length, c[field[b]], b);
});

// ── Property: random histories ──────────────────────────────────────────────────────────────

const DAY = 86_400_000;
const ENDINGS = ['resolve', 'refuse', 'withdraw', 'stop', 'open'] as const;

/** A random but lawful history: the steps are spaced so the legal clock accepts each one. */
const historyArb = fc.record({
  startDay: fc.integer({ min: 0, max: 300 }),
  minute: fc.integer({ min: 0, max: 9 * 60 }),
  limit: fc.integer({ min: 1, max: 15 }),
  refusedAtDesk: fc.boolean(),
  acceptAfterH: fc.integer({ min: 0, max: 30 }),
  supplement: fc.option(fc.record({ afterH: fc.integer({ min: 1, max: 20 }), backAfterH: fc.option(fc.integer({ min: 1, max: 400 })) })),
  ending: fc.constantFrom(...ENDINGS),
  endAfterH: fc.integer({ min: 1, max: 800 }),
  postal: fc.boolean(),
});
type HistorySpec = typeof historyArb extends fc.Arbitrary<infer T> ? T : never;

const iso = (t: number) => new Date(t + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const BASE = at('2025-03-03 07:30');

function build(spec: HistorySpec, i: number): FixtureDossier {
  let t = BASE + spec.startDay * DAY + spec.minute * 60_000;
  const hist = new History(`p${i}`, FIXTURE_A, 'online', { unit: 'working-days', value: spec.limit }, iso(t));
  t += spec.acceptAfterH * 3600_000;
  if (spec.refusedAtDesk) return hist.refuseAtDesk(iso(t)).done();
  hist.accept(iso(t), `${FIXTURE_A}-250303-${String(i).padStart(4, '0')}`);
  let paused = false;
  // A supplement may be asked only before the appointment (003 Art. 19.3): otherwise skip it.
  if (spec.supplement && t + spec.supplement.afterH * 60_000 < hist.appointment!) {
    t += spec.supplement.afterH * 60_000;
    hist.supplement(iso(t));
    paused = true;
    if (spec.supplement.backAfterH !== null) {
      t += spec.supplement.backAfterH * 3600_000;
      hist.resubmit(iso(t));
      paused = false;
    }
  }
  t += spec.endAfterH * 3600_000;
  switch (spec.ending) {
    case 'resolve':
      if (!paused) hist.resolve(iso(t));
      if (!paused && spec.postal) hist.returned(iso(t + 3600_000), 'post');
      break;
    case 'refuse':
      if (!paused) hist.refuseResolution(iso(t));
      break;
    case 'withdraw':
      hist.withdraw(iso(t));
      break;
    case 'stop':
      if (!paused) hist.stop(iso(t));
      break;
    case 'open':
      break;
  }
  return hist.done();
}

/** The oracle: replay the events before each end of the period and read the lifecycle state. */
function oracle(d: FixtureDossier, p: Period): { intake: string; status: StatusBucket } | null {
  const upTo = (t: number) => fold(d.events.filter((e: DossierEvent) => e.at < t));
  const ended = (s: ReturnType<typeof fold>) => s.acceptedAt !== null && ['result-ready', 'returned', 'withdrawn', 'stopped'].includes(s.phase);
  const sTo = upTo(p.to);
  const sFrom = upTo(p.from);
  if (sTo.acceptedAt === null || ended(sFrom)) return null;
  const intake = sFrom.acceptedAt === null ? 'new' : 'carried';
  let status: StatusBucket;
  if (ended(sTo)) {
    if (sTo.phase === 'withdrawn' || sTo.phase === 'stopped') status = sTo.phase;
    else status = sTo.outcome === 'resolved' ? classifyClock(sTo.clock, ctxOf(d))!.outcome : 'refused';
  } else if (sTo.clock.phase === 'paused') status = 'awaiting-supplement';
  else status = clockStatus(sTo.clock, p.to, ctxOf(d)).state === 'overdue' ? 'overdue' : 'not-due';
  return { intake, status };
}

const periodArb = fc.tuple(fc.integer({ min: -10, max: 400 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 1439 })).map(([d, len, m]) => {
  const from = BASE + d * DAY + m * 60_000;
  return { from, to: from + len * DAY };
});

test('property: each dossier takes exactly the place a replay of its events gives, and the categories always add up', () => {
  fc.assert(
    fc.property(fc.array(historyArb, { minLength: 1, maxLength: 25 }), periodArb, (specs, p) => {
      const ds = specs.map(build);
      const c = emptyCounts();
      for (const d of ds) {
        const f = facts(d);
        assert.deepEqual(placeOf(f, p), oracle(d, p), d.name);
        tally(c, f, p);
      }
      assert.deepEqual(identityErrors(c), []);
      // Splitting the dossiers in two groups and adding the groups gives the whole.
      const half = countsOf(ds.filter((_, i) => i % 2 === 0), p);
      const other = countsOf(ds.filter((_, i) => i % 2 === 1), p);
      for (const k of Object.keys(c) as (keyof Counts)[]) assert.equal(half[k] + other[k], c[k], k);
    }),
    { numRuns: 300 },
  );
});
