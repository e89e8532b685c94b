import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Value } from 'typebox/value';
import { OFFICIAL_SCHEDULES } from './official-schedules.ts';
import { OfficialScheduleYear, defaultCalendarDefinition } from './policy.ts';
import { dayOfDate, weekdayOfDay } from './time.ts';
import { compileCalendar, listDays } from './working-calendar.ts';

const cal = compileCalendar(defaultCalendarDefinition(OFFICIAL_SCHEDULES), 2024, 2026);

/** Weekdays off and make-up days of a year, as the compiled calendar sees them. */
function changes(year: number): { off: string[]; makeup: string[] } {
  const days = listDays(`${year}-01-01`, `${year}-12-31`, cal);
  return {
    off: days.filter((d) => d.kind === 'holiday' && weekdayOfDay(dayOfDate(d.date)) % 6 !== 0).map((d) => d.date),
    makeup: days.filter((d) => d.kind === 'makeup').map((d) => d.date),
  };
}

test('the shipped official schedules validate against the import schema', () => {
  for (const y of OFFICIAL_SCHEDULES) assert.ok(Value.Check(OfficialScheduleYear, y), String(y.year));
});

test('every official year cites at least one source document with its date and URL', () => {
  for (const y of OFFICIAL_SCHEDULES) {
    assert.ok(y.sources.length > 0);
    for (const s of y.sources) {
      assert.ok(s.document && s.issuedOn && s.url.startsWith('http'), `${y.year}: ${s.document}`);
    }
  }
});

test('make-up working days are Saturdays and each pairs with a swapped weekday off', () => {
  for (const y of OFFICIAL_SCHEDULES) {
    const makeups = y.entries.filter((e) => e.kind === 'makeup');
    for (const m of makeups) assert.equal(weekdayOfDay(dayOfDate(m.date)), 6, m.date);
    const swaps = y.entries.filter((e) => e.kind === 'holiday' && e.label.startsWith('Nghỉ hoán đổi'));
    assert.equal(swaps.length, makeups.length, String(y.year));
  }
});

test('2024 for civil servants: Tết 8–14/2, 29/4 swapped with Saturday 4/5, Quốc khánh 2–3/9 (TB 5015/TB-LĐTBXH; CV 2450/VPCP-KGVX)', () => {
  assert.deepEqual(changes(2024), {
    off: ['2024-01-01', '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', '2024-04-18', '2024-04-29', '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03'],
    makeup: ['2024-05-04'],
  });
});

test('2025 for civil servants: Tết 27–31/1, 2/5 swapped with Saturday 26/4, Quốc khánh 1–2/9 (CV 8726/VPCP-KGVX)', () => {
  assert.deepEqual(changes(2025), {
    off: ['2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02'],
    makeup: ['2025-04-26'],
  });
});

test('2026 for civil servants: 2/1 swapped with Saturday 10/1, Tết 16–20/2, Giỗ Tổ compensated 27/4, 31/8 swapped with Saturday 22/8 (CV 12729/VPCP-KGVX; TB 9441/TB-BNV)', () => {
  assert.deepEqual(changes(2026), {
    off: ['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27', '2026-04-30', '2026-05-01', '2026-08-31', '2026-09-01', '2026-09-02'],
    makeup: ['2026-01-10', '2026-08-22'],
  });
});

test('24/11 (Ngày Văn hóa Việt Nam) is not a day off in 2026 until the Labour Code is amended', () => {
  const d = listDays('2026-11-24', '2026-11-24', cal)[0]!;
  assert.equal(d.kind, 'working');
  assert.ok(OFFICIAL_SCHEDULES.find((y) => y.year === 2026)!.notes.some((n) => n.includes('24/11')));
});
