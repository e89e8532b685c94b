import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closedPeriods, closesAt, periodsOfYear, reportPeriod, reportPeriodTitle } from './periodic.ts';

const ms = (iso: string) => Date.parse(iso);
const keys = (now: string, since: string) => closedPeriods(ms(now), ms(since)).map((p) => p.key);

test('a period key names a quarter, a half year or a year of whole local days', () => {
  assert.deepEqual(reportPeriod('2026-Q3'), { kind: 'quarter', key: '2026-Q3', year: 2026, fromDate: '2026-07-01', toDateExclusive: '2026-10-01' });
  assert.deepEqual(reportPeriod('2026-Q4'), { kind: 'quarter', key: '2026-Q4', year: 2026, fromDate: '2026-10-01', toDateExclusive: '2027-01-01' });
  assert.deepEqual(reportPeriod('2026-H1'), { kind: 'half', key: '2026-H1', year: 2026, fromDate: '2026-01-01', toDateExclusive: '2026-07-01' });
  assert.deepEqual(reportPeriod('2026-H2'), { kind: 'half', key: '2026-H2', year: 2026, fromDate: '2026-07-01', toDateExclusive: '2027-01-01' });
  assert.deepEqual(reportPeriod('2026'), { kind: 'year', key: '2026', year: 2026, fromDate: '2026-01-01', toDateExclusive: '2027-01-01' });
  for (const bad of ['2026-Q5', '2026-H3', '2026-Q0', '26-Q1', '2026-q1', '1999', '2026-M01', '']) assert.equal(reportPeriod(bad), null, bad);
});

test('a quarter closes at 00:00 Vietnam time of the first day after it (17:00 UTC the day before)', () => {
  assert.equal(closesAt(reportPeriod('2026-Q3')!), ms('2026-09-30T17:00:00Z'));
  assert.equal(closesAt(reportPeriod('2026')!), ms('2026-12-31T17:00:00Z'));
});

test('a quarter is due from the first instant of the next quarter in Vietnam time, not a millisecond before', () => {
  const since = '2026-01-01T00:00:00+07:00';
  // 23:59:59.999 on 30 September in Vietnam: Q3 is still running.
  assert.deepEqual(keys('2026-09-30T16:59:59.999Z', since), ['2026-Q1', '2026-Q2', '2026-H1']);
  // 00:00 on 1 October in Vietnam (still 30 September in UTC): Q3 has closed.
  assert.deepEqual(keys('2026-09-30T17:00:00.000Z', since), ['2026-Q1', '2026-Q2', '2026-H1', '2026-Q3']);
});

test('at the turn of the year Q4, the second half and the year close together, in that order', () => {
  const since = '2026-01-01T00:00:00+07:00';
  assert.deepEqual(keys('2026-12-31T23:59:59+07:00', since), ['2026-Q1', '2026-Q2', '2026-H1', '2026-Q3']);
  assert.deepEqual(keys('2027-01-01T00:00:00+07:00', since), ['2026-Q1', '2026-Q2', '2026-H1', '2026-Q3', '2026-Q4', '2026-H2', '2026']);
  // The first half closes with Q2, at 1 July 00:00 Vietnam time.
  assert.deepEqual(keys('2026-07-01T00:00:00+07:00', since), ['2026-Q1', '2026-Q2', '2026-H1']);
  assert.deepEqual(keys('2026-06-30T23:59:00+07:00', since), ['2026-Q1']);
});

test('periods that ended before the first data are not due; one that ends after it is', () => {
  // First receipt on 15 August 2026: Q1, Q2 and H1 ended before it.
  assert.deepEqual(keys('2027-02-10T09:00:00+07:00', '2026-08-15T09:00:00+07:00'), ['2026-Q3', '2026-Q4', '2026-H2', '2026']);
  // Data from the very last instant of Q2 still makes Q2 and H1 due.
  assert.deepEqual(keys('2026-07-02T00:00:00+07:00', '2026-06-30T23:59:59+07:00'), ['2026-Q2', '2026-H1']);
  // Data only from the closing instant on belongs to the next period.
  assert.deepEqual(keys('2026-07-02T00:00:00+07:00', '2026-07-01T00:00:00+07:00'), []);
  // Across several years, oldest first.
  assert.deepEqual(keys('2026-04-01T00:00:00+07:00', '2025-11-20T00:00:00+07:00'), ['2025-Q4', '2025-H2', '2025', '2026-Q1']);
  assert.deepEqual(closedPeriods(ms('2026-01-01T00:00:00Z'), ms('2026-02-01T00:00:00Z')), [], 'no data yet: nothing due');
});

test('the seven periods of a year and their official titles', () => {
  assert.deepEqual(periodsOfYear(2026).map((p) => p.key), ['2026-Q1', '2026-Q2', '2026-H1', '2026-Q3', '2026-Q4', '2026-H2', '2026']);
  assert.deepEqual(periodsOfYear(2026).map(reportPeriodTitle), ['QUÝ I NĂM 2026', 'QUÝ II NĂM 2026', '6 THÁNG ĐẦU NĂM 2026', 'QUÝ III NĂM 2026', 'QUÝ IV NĂM 2026', '6 THÁNG CUỐI NĂM 2026', 'NĂM 2026']);
});
