import { test } from 'node:test';
import assert from 'node:assert/strict';
import { instantAt } from '../calendar/time.ts';
import { periodSpans } from './spans.ts';

const period = (from: string, to: string) => ({ from: instantAt(from, '00:00'), to: instantAt(to, '00:00') });

test('a calendar year is read as its twelve whole months and no day rows', () => {
  assert.deepEqual(periodSpans(period('2025-01-01', '2026-01-01')), { months: { from: '2025-01-01', to: '2026-01-01' }, days: [] });
});

test('a period starting and ending inside months reads the whole months between from the month rows and the ends from the day rows', () => {
  assert.deepEqual(periodSpans(period('2025-01-15', '2025-04-10')), {
    months: { from: '2025-02-01', to: '2025-04-01' },
    days: [
      { from: '2025-01-15', to: '2025-02-01' },
      { from: '2025-04-01', to: '2025-04-10' },
    ],
  });
});

test('a period inside one month, or across one month boundary without a whole month, is read from the day rows only', () => {
  assert.deepEqual(periodSpans(period('2025-03-05', '2025-03-20')), { months: null, days: [{ from: '2025-03-05', to: '2025-03-20' }] });
  assert.deepEqual(periodSpans(period('2025-12-20', '2026-01-10')), { months: null, days: [{ from: '2025-12-20', to: '2026-01-10' }] });
});

test('a period that ends on a month boundary crosses the year correctly', () => {
  assert.deepEqual(periodSpans(period('2025-12-10', '2026-02-01')), { months: { from: '2026-01-01', to: '2026-02-01' }, days: [{ from: '2025-12-10', to: '2026-01-01' }] });
});

test('a period that does not start and end at local midnight (Vietnam time) has no day-sum reading', () => {
  assert.equal(periodSpans({ from: instantAt('2025-01-01', '08:00'), to: instantAt('2025-02-01', '00:00') }), null);
  // UTC midnight is 07:00 in Vietnam
  assert.equal(periodSpans({ from: Date.parse('2025-01-01T00:00:00Z'), to: Date.parse('2025-02-01T00:00:00Z') }), null);
});

test('an empty period reads nothing', () => {
  assert.deepEqual(periodSpans(period('2025-05-01', '2025-05-01')), { months: null, days: [] });
});
