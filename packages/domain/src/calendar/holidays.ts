/**
 * Default public holidays of a year, generated from Bộ luật Lao động 2019 (Labour Code):
 *
 *  Art. 112.1  a) Tết Dương lịch 1 day (1/1); b) Tết Âm lịch 5 days; c) Ngày Chiến thắng 1 day (30/4);
 *              d) Quốc tế Lao động 1 day (1/5); đ) Quốc khánh 2 days (2/9 and one adjacent day, before
 *              or after); e) Giỗ Tổ Hùng Vương 1 day (10/3 lunar).
 *  Art. 112.3  Each year the Prime Minister fixes the exact Tết and Quốc khánh days.
 *  Art. 111.3  A holiday that falls on a weekly day off is compensated on the next working day
 *              (nghỉ bù vào ngày làm việc kế tiếp).
 *
 * These are only the pre-fill: the official yearly schedule (official-schedules.ts) and the
 * administrator's overrides take precedence (see working-calendar.ts).
 */
import { lunarOfDay, dayOfLunar } from './lunar.ts';
import { dateOfDay, dayOfYmd, weekdayOfDay, type IsoDate } from './time.ts';

export interface GeneratedHoliday {
  date: IsoDate;
  kind: 'holiday';
  label: string;
  labelEn: string;
  /** Which rule produced the day. */
  rule: 'new-year' | 'tet' | 'hung-kings' | 'reunification' | 'labour-day' | 'national-day' | 'compensation';
}

export interface HolidayRuleOptions {
  /**
   * How many of the five Tết days fall before mùng 1 (the rest from mùng 1 on). Default 1: the last
   * day of the old year + mùng 1–4, the pattern of e.g. 2026 (Thông báo 9441/TB-BNV). The Prime
   * Minister sometimes picks 2 before + 3 after (2024, 2025), which the official schedule records.
   */
  tetDaysBefore: number;
  /**
   * The day adjacent to 2/9. 'auto' picks the side that joins the weekend (see nationalDayAdjacentSide).
   */
  nationalDayAdjacent: 'auto' | 'before' | 'after';
  /** Apply Art. 111.3 compensation for holidays on weekly days off. Default true. */
  compensate: boolean;
}

export const DEFAULT_HOLIDAY_RULES: HolidayRuleOptions = Object.freeze({
  tetDaysBefore: 1,
  nationalDayAdjacent: 'auto',
  compensate: true,
});

/**
 * 'auto' choice of the Quốc khánh adjacent day by the weekday of 2/9, chosen so the two days join a
 * weekend where possible (as the government did in 2022 Fri→1/9, 2023 Sat→1/9, 2024 Mon→3/9,
 * 2025 Tue→1/9, 2026 Wed→1/9):
 *   Sun → 3/9, Mon → 3/9, Tue → 1/9, Wed → 1/9, Thu → 3/9, Fri → 1/9, Sat → 1/9.
 */
export function nationalDayAdjacentSide(year: number): 'before' | 'after' {
  const wd = weekdayOfDay(dayOfYmd(year, 9, 2));
  return wd === 0 || wd === 1 || wd === 4 ? 'after' : 'before';
}

/**
 * The Labour-Code holidays of a solar year. `isWeeklyDayOff(weekday)` says which weekdays are the
 * weekly rest days (default Saturday and Sunday) for the compensation rule.
 */
export function generateHolidays(
  year: number,
  options: Partial<HolidayRuleOptions> = {},
  isWeeklyDayOff: (weekday: number) => boolean = (wd) => wd === 0 || wd === 6,
): GeneratedHoliday[] {
  const opt = { ...DEFAULT_HOLIDAY_RULES, ...options };
  const days: Array<Omit<GeneratedHoliday, 'date'> & { day: number }> = [];
  const add = (day: number, rule: GeneratedHoliday['rule'], label: string, labelEn: string): void => {
    days.push({ day, kind: 'holiday', rule, label, labelEn });
  };

  add(dayOfYmd(year, 1, 1), 'new-year', 'Tết Dương lịch', "New Year's Day");

  // Tết Nguyên đán: mùng 1 of lunar year `year` always falls in solar year `year` (21 Jan–20 Feb).
  const tet = dayOfLunar(year, 1, 1)!;
  const before = Math.max(0, Math.min(5, Math.trunc(opt.tetDaysBefore)));
  for (let i = -before; i < 5 - before; i++) {
    const d = tet + i;
    const ld = lunarOfDay(d);
    const name = i < 0 ? `${ld.day} tháng Chạp` : `mùng ${ld.day} Tết`;
    add(d, 'tet', `Tết Nguyên đán (${name})`, `Lunar New Year (Tết), ${i < 0 ? `${-i} day(s) before` : `day ${i + 1}`}`);
  }

  // 10/3 lunar is in the ordinary month 3, never in a leap third month (Giỗ Tổ is kept in tháng Ba).
  add(dayOfLunar(year, 3, 10)!, 'hung-kings', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', "Hung Kings' Commemoration Day");
  add(dayOfYmd(year, 4, 30), 'reunification', 'Ngày Chiến thắng (30/4)', 'Reunification Day');
  add(dayOfYmd(year, 5, 1), 'labour-day', 'Ngày Quốc tế Lao động (1/5)', 'International Labour Day');
  add(dayOfYmd(year, 9, 2), 'national-day', 'Quốc khánh (2/9)', 'National Day');
  const side = opt.nationalDayAdjacent === 'auto' ? nationalDayAdjacentSide(year) : opt.nationalDayAdjacent;
  add(dayOfYmd(year, 9, side === 'before' ? 1 : 3), 'national-day', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)');

  days.sort((a, b) => a.day - b.day);
  const taken = new Set(days.map((d) => d.day));
  const out: GeneratedHoliday[] = days.map(({ day, ...rest }) => ({ date: dateOfDay(day), ...rest }));

  if (opt.compensate) {
    // Art. 111.3: each holiday on a weekly day off moves to the next day that is neither a weekly
    // day off nor already a holiday (in date order, so Tết's weekend days queue after Tết).
    for (const h of days) {
      if (!isWeeklyDayOff(weekdayOfDay(h.day))) continue;
      let d = h.day + 1;
      // Bounded: a week with no working day would otherwise loop for ever (such a week is refused
      // by validateCalendarDefinition; this keeps a bad definition from hanging the process).
      for (let guard = 0; (isWeeklyDayOff(weekdayOfDay(d)) || taken.has(d)) && guard < 60; guard++) d++;
      taken.add(d);
      out.push({
        date: dateOfDay(d),
        kind: 'holiday',
        rule: 'compensation',
        label: `Nghỉ bù ${h.label}`,
        labelEn: `Compensatory day off for ${h.labelEn}`,
      });
    }
    out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
  return out;
}
