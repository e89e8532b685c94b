/**
 * Deadline computations per second on a compiled 3-year calendar (2024–2026 with the official
 * schedules), one core. Random receipt instants (2024-01-01 … 2026-06-30, any second) and random
 * limits (0–40 working days, or 1–48 working hours); half the policies use a 15:00 cut-off.
 *
 *   node --import tsx packages/domain/bench/calendar.ts
 *
 * Target: ≥ 500,000 deadline computations per second.
 */
import { computeDeadline, deadlineInstant } from '../src/calendar/deadline.ts';
import { OFFICIAL_SCHEDULES } from '../src/calendar/official-schedules.ts';
import { defaultCalendarDefinition, resolvePolicy } from '../src/calendar/policy.ts';
import { compileCalendar } from '../src/calendar/working-calendar.ts';

const TARGET = 500_000;
const N = 1_000_000;

// A small deterministic PRNG (mulberry32) so runs are comparable.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const t0 = performance.now();
const cal = compileCalendar(defaultCalendarDefinition(OFFICIAL_SCHEDULES), 2024, 2026);
const compileMs = performance.now() - t0;

const random = rng(20260101);
const FROM = Date.UTC(2023, 11, 31, 17);
const SPAN = Date.UTC(2026, 5, 30, 17) - FROM;
const receipts = new Float64Array(N);
const minutes = new Int32Array(N);
for (let i = 0; i < N; i++) {
  receipts[i] = Math.floor((FROM + random() * SPAN) / 1000) * 1000;
  minutes[i] = random() < 0.8 ? Math.floor(random() * 41) * cal.dayMinutes : (1 + Math.floor(random() * 48)) * 60;
}
const policies = [resolvePolicy(), resolvePolicy({ cutoff: '15:00' })];

function run(label: string, body: (i: number) => number): void {
  // Warm up (JIT), then time the full set.
  let sink = 0;
  for (let i = 0; i < 200_000; i++) sink += body(i);
  const start = performance.now();
  for (let i = 0; i < N; i++) sink += body(i);
  const ms = performance.now() - start;
  const perSec = Math.round((N / ms) * 1000);
  const verdict = perSec >= TARGET ? 'OK' : 'BELOW TARGET';
  console.log(
    `${label.padEnd(52)} ${perSec.toLocaleString('en-US').padStart(11)} /s  ${(ms / N * 1e6).toFixed(0).padStart(5)} ns each  [${verdict}]` +
      (sink === 42 ? ' ' : ''),
  );
}

console.log(`working-time engine benchmark — node ${process.version}, one core`);
console.log(
  `calendar 2024–2026: ${cal.dayCount} days, ${cal.sessionCount} working sessions, compiled in ${compileMs.toFixed(1)} ms`,
);
console.log(`${N.toLocaleString('en-US')} random receipts and limits; target ${TARGET.toLocaleString('en-US')} deadline computations/s\n`);

run('computeDeadline (countedFrom + deadline + appointment)', (i) => {
  const r = computeDeadline(receipts[i]!, minutes[i]!, cal, policies[i & 1]!);
  return r.appointment - r.deadline;
});
run('deadlineInstant (deadline only, no allocation)', (i) => deadlineInstant(receipts[i]!, minutes[i]!, cal, policies[i & 1]!));
