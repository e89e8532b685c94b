import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateOfDay, dayOfDate, formatInstant, instantAt, isIsoDate, localDateOf, parseInstant, weekdayOfDay } from './time.ts';

test('instants are formatted in Vietnamese local time with an explicit +07:00 offset', () => {
  assert.equal(formatInstant(Date.UTC(2026, 10, 23, 1, 5)), '2026-11-23T08:05:00+07:00');
  // 20:00 UTC is already the next day in Vietnam.
  assert.equal(formatInstant(Date.UTC(2026, 1, 16, 20, 0, 59, 999)), '2026-02-17T03:00:59+07:00');
});

test('any ISO 8601 date-time with a zone parses to the same instant', () => {
  const t = Date.UTC(2026, 10, 23, 1, 5);
  for (const s of [
    '2026-11-23T08:05:00+07:00',
    '2026-11-23T08:05+07:00',
    '2026-11-23T01:05:00Z',
    '2026-11-23T01:05:00.000Z',
    '2026-11-23 08:05:00+0700',
    '2026-11-23T08:05:00+07',
    '20261123T080500+0700',
    '20261123T0105Z',
    '2026-11-22T20:05:00-05:00',
  ]) {
    assert.equal(parseInstant(s), t, s);
  }
  assert.equal(parseInstant('2026-11-23T08:05:00.5+07:00'), t + 500);
});

test('unparseable, impossible or zone-less date-times are rejected', () => {
  for (const s of [
    '',
    'hôm qua',
    '2026-11-23',
    '2026-11-23T08:05:00',
    '2026-02-30T08:00:00+07:00',
    '2026-13-01T08:00:00Z',
    '2026-11-23T24:00:00Z',
    '2026-11-23T08:60:00Z',
    '2026-11-23T08:05:00+25:00',
    '2026-11-23T08:05:00 +07:00',
  ]) {
    assert.equal(parseInstant(s), null, s);
  }
});

test('format then parse round-trips every second', () => {
  for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2024, 0, 3); t += 977_000) {
    const whole = Math.floor(t / 1000) * 1000;
    assert.equal(parseInstant(formatInstant(whole)), whole);
  }
});

test('local dates follow UTC+7 whatever the process time zone', () => {
  assert.equal(localDateOf(Date.UTC(2026, 0, 31, 17, 0)), '2026-02-01');
  assert.equal(localDateOf(Date.UTC(2026, 0, 31, 16, 59, 59)), '2026-01-31');
  assert.equal(instantAt('2026-02-01', '00:00'), Date.UTC(2026, 0, 31, 17, 0));
  assert.equal(dateOfDay(dayOfDate('2024-02-29')), '2024-02-29');
  assert.equal(weekdayOfDay(dayOfDate('2026-02-17')), 2); // Tuesday
  assert.equal(isIsoDate('2025-02-29'), false);
  assert.equal(isIsoDate('2024-02-29'), true);
});
