import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Value } from 'typebox/value';
import { DEFAULT_POLICY, DeadlinePolicy, WorkingDuration, resolvePolicy } from './policy.ts';

test('the default policy: no cut-off, appointment at the next session, on time by day, overdue after the appointment, one apology at least one working day ahead', () => {
  assert.deepEqual(DEFAULT_POLICY, {
    cutoff: null,
    appointment: 'next-session',
    onTime: 'by-day',
    overdueFrom: 'appointment',
    dueSoonMinutes: null,
    apologyLeadWorkingDays: 1,
    maxApologies: 1,
  });
  assert.ok(Value.Check(DeadlinePolicy, DEFAULT_POLICY));
  assert.ok(Value.Check(DeadlinePolicy, resolvePolicy({ cutoff: '15:00', onTime: 'by-instant', appointment: 'deadline' })));
});

test('the policy schema rejects unknown options and malformed cut-offs', () => {
  for (const bad of [
    { ...DEFAULT_POLICY, cutoff: '3pm' },
    { ...DEFAULT_POLICY, cutoff: '24:30' },
    { ...DEFAULT_POLICY, onTime: 'by-week' },
    { ...DEFAULT_POLICY, appointment: 'tomorrow' },
    { ...DEFAULT_POLICY, apologyLeadWorkingDays: -1 },
    { ...DEFAULT_POLICY, dueSoonMinutes: 0 },
  ]) {
    assert.equal(Value.Check(DeadlinePolicy, bad), false, JSON.stringify(bad));
  }
});

test('a time limit is a non-negative number of working days, hours or minutes', () => {
  assert.ok(Value.Check(WorkingDuration, { unit: 'working-days', value: 15 }));
  assert.ok(Value.Check(WorkingDuration, { unit: 'working-hours', value: 8 }));
  assert.ok(Value.Check(WorkingDuration, { unit: 'working-days', value: 0.5 }));
  assert.equal(Value.Check(WorkingDuration, { unit: 'days', value: 3 }), false);
  assert.equal(Value.Check(WorkingDuration, { unit: 'working-days', value: -1 }), false);
});
