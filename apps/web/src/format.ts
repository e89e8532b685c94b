import type { TimeLimit } from '@motcua/domain';
import type { Lang, MessageKey, Params } from './i18n.ts';

type T = (key: MessageKey, params?: Params) => string;

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 2 }).format(n);
}

/** "5 ngày làm việc" / "8 giờ làm việc" / "Trả ngay". */
export function formatTimeLimit(tl: TimeLimit, t: T, lang: Lang): string {
  if (tl.onTheSpot) return t('time.onTheSpot');
  const n = formatNumber(tl.value, lang);
  return t(tl.unit === 'working-hours' ? 'time.hours' : 'time.days', { n });
}

/** Amounts in VND, always in the Vietnamese format (50.000 ₫). */
export function formatVnd(amount: number): string {
  return new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);
}

/** YYYY-MM-DD → DD/MM/YYYY (calendar dates carry no time zone). */
export function formatDate(d: string | null | undefined): string {
  if (!d) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : d;
}

/** An instant, shown in Asia/Ho_Chi_Minh. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

/** Today in Asia/Ho_Chi_Minh (UTC+7, no daylight saving), YYYY-MM-DD. */
export function todayVn(now = Date.now()): string {
  return new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Now as an ISO instant at +07:00 (seconds kept): what the calendar API takes and answers. */
export function nowVnIso(now = Date.now()): string {
  return `${new Date(now + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Day of the week of a YYYY-MM-DD date (0 = Sunday). */
export function weekdayOf(date: string): Weekday {
  return new Date(`${date.slice(0, 10)}T00:00:00Z`).getUTCDay() as Weekday;
}

/** "Thứ Ba 17/02/2026" / "Tuesday 17/02/2026". */
export function formatDayName(date: string, t: T): string {
  return `${t(`weekday.${weekdayOf(date)}`)} ${formatDate(date)}`;
}

/**
 * An instant as "Thứ Hai, 30/11/2026 07:30" in Asia/Ho_Chi_Minh (fixed UTC+7), computed without
 * ICU so that the browser's own time zone and locale data never change it.
 */
export function formatWeekdayDateTime(iso: string | null | undefined, t: T): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const local = new Date(ms + 7 * 3600_000).toISOString();
  const date = local.slice(0, 10);
  return t('format.weekdayDateTime', { weekday: t(`weekday.${weekdayOf(date)}`), date: formatDate(date), time: local.slice(11, 16) });
}

/** 480 → "8", 270 → "4,5" (hours, Vietnamese decimal comma). */
export function formatHours(minutes: number, lang: Lang): string {
  return formatNumber(minutes / 60, lang);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function tomorrowVn(now = Date.now()): string {
  return addDays(todayVn(now), 1);
}

/** "A; B; C and 12 other agencies" — long lists of performing agencies stay readable. */
export function summariseNames(names: string[], t: T, max = 3): string {
  if (names.length <= max + 1) return names.join('; ');
  return t('common.andMore', { list: names.slice(0, max).join('; '), n: names.length - max });
}
