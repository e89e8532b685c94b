import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateHolidays, nationalDayAdjacentSide } from './holidays.ts';

const dates = (year: number, opts = {}): string[] => generateHolidays(year, opts).map((h) => h.date);

test('the Labour Code gives 11 holidays: 1/1, five Tết days, 10/3 lunar, 30/4, 1/5, 2/9 and an adjacent day [BLLĐ 2019 Art. 112.1]', () => {
  const h = generateHolidays(2026).filter((x) => x.rule !== 'compensation');
  assert.equal(h.length, 11);
  assert.deepEqual(
    h.map((x) => x.date),
    ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02'],
  );
});

test('Tết is by default the last day of the old year and mùng 1–4, as the government fixed for 2026', () => {
  const tet = generateHolidays(2026).filter((x) => x.rule === 'tet');
  assert.deepEqual(tet.map((x) => x.label), [
    'Tết Nguyên đán (29 tháng Chạp)',
    'Tết Nguyên đán (mùng 1 Tết)',
    'Tết Nguyên đán (mùng 2 Tết)',
    'Tết Nguyên đán (mùng 3 Tết)',
    'Tết Nguyên đán (mùng 4 Tết)',
  ]);
});

test('Tết can be split two days before and three after (the 2024 and 2025 choice)', () => {
  const tet = generateHolidays(2025, { tetDaysBefore: 2 }).filter((x) => x.rule === 'tet');
  assert.deepEqual(tet.map((x) => x.date), ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
});

test('a holiday on a weekly day off is compensated on the next working day [BLLĐ 2019 Art. 111.3]', () => {
  // Giỗ Tổ 2026 is Sunday 26/4 → Monday 27/4.
  const comp = generateHolidays(2026).filter((x) => x.rule === 'compensation');
  assert.deepEqual(comp.map((x) => [x.date, x.label]), [['2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)']]);
  // Tết 2024: mùng 1 and 2 are Saturday and Sunday → two days after the Tết run.
  const d2024 = dates(2024);
  assert.ok(d2024.includes('2024-02-14') && d2024.includes('2024-02-15'));
  // Without the rule there is no compensation.
  assert.ok(!dates(2026, { compensate: false }).includes('2026-04-27'));
});

test('compensation skips days that are already holidays', () => {
  // 2023: Giỗ Tổ Saturday 29/4 and 30/4 Sunday; 1/5 Monday is a holiday, so they move to 2/5 and
  // 3/5 — the 29/4–3/5 break the government announced for 2023.
  const comp = generateHolidays(2023).filter((x) => x.rule === 'compensation').map((x) => x.date);
  assert.deepEqual(comp.filter((d) => d.startsWith('2023-04') || d.startsWith('2023-05')), ['2023-05-02', '2023-05-03']);
});

test('compensation follows the agency weekly pattern (a six-day week has only Sunday off)', () => {
  const sixDay = generateHolidays(2026, {}, (wd) => wd === 0);
  const comp = sixDay.filter((x) => x.rule === 'compensation').map((x) => x.date);
  assert.deepEqual(comp, ['2026-04-27']);
  const h2024 = generateHolidays(2024, {}, (wd) => wd === 0).filter((x) => x.rule === 'compensation').map((x) => x.date);
  assert.deepEqual(h2024, ['2024-02-14']); // only mùng 2 (Sunday 11/2) is compensated
});

test('the Quốc khánh adjacent day joins the weekend (2/9 Mon → 3/9; Tue, Wed, Fri, Sat → 1/9; Thu, Sun → 3/9)', () => {
  assert.equal(nationalDayAdjacentSide(2024), 'after'); // Monday
  assert.equal(nationalDayAdjacentSide(2025), 'before'); // Tuesday
  assert.equal(nationalDayAdjacentSide(2026), 'before'); // Wednesday
  assert.equal(nationalDayAdjacentSide(2021), 'after'); // Thursday
  assert.equal(nationalDayAdjacentSide(2022), 'before'); // Friday
  assert.equal(nationalDayAdjacentSide(2023), 'before'); // Saturday
  assert.equal(nationalDayAdjacentSide(2029), 'after'); // Sunday
  assert.ok(dates(2026, { nationalDayAdjacent: 'after' }).includes('2026-09-03'));
});
