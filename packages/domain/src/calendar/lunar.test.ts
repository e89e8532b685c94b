import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayOfLunar, lunarOfDay, lunarToSolar, lunarYearMonths, newMoonInstant, solarToLunar, tetDate } from './lunar.ts';
import { dateOfDay, dayOfYmd } from './time.ts';

// Vietnamese Tết (1 tháng Giêng), as published in Vietnam. 2030 is 2 Feb: the new moon is at
// ≈16:07 UTC, 23:07 in Vietnam but 00:07 on 3 Feb in China, whose calendar says 3 Feb.
const TET: ReadonlyArray<readonly [number, string]> = [
  [1985, '1985-01-21'], // China: 1985-02-20 (month 11 and the leap month fall differently at UTC+8)
  [2007, '2007-02-17'], // China: 2007-02-18
  [2020, '2020-01-25'],
  [2021, '2021-02-12'],
  [2022, '2022-02-01'],
  [2023, '2023-01-22'],
  [2024, '2024-02-10'],
  [2025, '2025-01-29'],
  [2026, '2026-02-17'],
  [2027, '2027-02-06'],
  [2028, '2028-01-26'],
  [2029, '2029-02-13'],
  [2030, '2030-02-02'],
  [2031, '2031-01-23'],
  [2032, '2032-02-11'],
  [2033, '2033-01-31'],
  [2034, '2034-02-19'],
  [2035, '2035-02-08'],
];

for (const [year, date] of TET) {
  test(`Tết Nguyên đán ${year} is ${date} at UTC+7`, () => {
    assert.equal(tetDate(year), date);
    assert.deepEqual(solarToLunar(date), { year, month: 1, day: 1, leap: false });
  });
}

const GIO_TO: ReadonlyArray<readonly [number, string]> = [
  [2024, '2024-04-18'],
  [2025, '2025-04-07'],
  [2026, '2026-04-26'],
  [2027, '2027-04-16'],
  [2028, '2028-04-04'],
  [2029, '2029-04-23'],
  [2030, '2030-04-12'],
  [2031, '2031-04-01'],
  [2032, '2032-04-19'],
  [2033, '2033-04-09'],
  [2034, '2034-04-28'],
  [2035, '2035-04-17'],
];

test('Giỗ Tổ Hùng Vương (10/3 lunar) falls on the published dates 2024–2035', () => {
  for (const [year, date] of GIO_TO) assert.equal(lunarToSolar(year, 3, 10), date, String(year));
});

test('leap months (tháng nhuận) are where the Vietnamese calendar puts them', () => {
  const leapOf = (y: number): number[] => lunarYearMonths(y).filter((m) => m.leap).map((m) => m.month);
  assert.deepEqual(leapOf(2012), [4]);
  assert.deepEqual(leapOf(2014), [9]);
  assert.deepEqual(leapOf(2017), [6]);
  assert.deepEqual(leapOf(2020), [4]);
  assert.deepEqual(leapOf(2023), [2]);
  assert.deepEqual(leapOf(2025), [6]);
  assert.deepEqual(leapOf(2033), [11]); // the "2033 problem": leap 11th month
  assert.deepEqual(leapOf(2024), []);
  assert.deepEqual(leapOf(2026), []);
  // In a leap year the leap month repeats a number and the year has 13 months.
  assert.equal(lunarYearMonths(2025).length, 13);
  assert.equal(lunarToSolar(2025, 6, 1, true), '2025-07-25');
  assert.equal(lunarToSolar(2025, 6, 1, false), '2025-06-25');
  assert.equal(lunarToSolar(2026, 6, 1, true), null);
});

test('the last day of the lunar year is 29 or 30 tháng Chạp', () => {
  assert.deepEqual(solarToLunar('2024-02-09'), { year: 2023, month: 12, day: 30, leap: false });
  assert.deepEqual(solarToLunar('2025-01-28'), { year: 2024, month: 12, day: 29, leap: false });
  assert.deepEqual(solarToLunar('2026-02-16'), { year: 2025, month: 12, day: 29, leap: false });
  assert.equal(lunarToSolar(2025, 12, 30), null);
});

test('new moons agree with published times to within two minutes', () => {
  // Total solar eclipses (new moon instants from NASA's eclipse tables), and the new moon of Tết 2030.
  const known: ReadonlyArray<readonly [string, number]> = [
    ['2017-08-21T18:30:00Z', 0],
    ['2024-04-08T18:21:00Z', 0],
    ['2024-02-09T22:59:00Z', 0],
  ];
  for (const [iso] of known) {
    const t = Date.parse(iso);
    const k = Math.round((t / 86_400_000 + 2440587.5 - 2451550.09766) / 29.530588861);
    assert.ok(Math.abs(newMoonInstant(k) - t) < 120_000, `${iso}: ${new Date(newMoonInstant(k)).toISOString()}`);
  }
});

test('every day 1901–2150 converts to a lunar date and back, in months of 29 or 30 days', () => {
  for (let y = 1901; y <= 2150; y++) {
    const months = lunarYearMonths(y);
    assert.ok(months.length === 12 || months.length === 13, String(y));
    for (const m of months) assert.ok(m.length === 29 || m.length === 30, `${y}/${m.month}`);
    const first = months[0]!;
    assert.equal(first.month, 1);
    assert.equal(dateOfDay(first.startDay), tetDate(y));
  }
  // Day-by-day for one leap and one common year.
  for (let d = dayOfYmd(2025, 1, 1); d < dayOfYmd(2027, 1, 1); d++) {
    const l = lunarOfDay(d);
    assert.equal(dayOfLunar(l.year, l.month, l.day, l.leap), d, dateOfDay(d));
  }
});
