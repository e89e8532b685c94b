/**
 * Local time in Asia/Ho_Chi_Minh without a time-zone database.
 *
 * Vietnam has kept a fixed UTC+7 with no daylight saving since 1975, so an instant is an epoch
 * millisecond count (`number`) and its local date and clock time come from +7 h arithmetic. This
 * keeps the engine independent of the process TZ and of ICU data (a server left on TZ=UTC gives
 * the same answers). Dates at the API surface are `YYYY-MM-DD` strings.
 *
 * "Day number" below is the count of local days since 1970-01-01 (day 0 is a Thursday).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** UTC+7, fixed (Giờ Đông Dương / ICT). */
export const VN_OFFSET_MS = 7 * HOUR_MS;

/** A calendar date `YYYY-MM-DD` (local to Vietnam). */
export type IsoDate = string;

/** Local day number (days since 1970-01-01 in Vietnam) of an instant. */
export function localDayOf(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
}

/** Milliseconds elapsed since local midnight of the instant's day. */
export function localMsOfDay(ms: number): number {
  const t = ms + VN_OFFSET_MS;
  return t - Math.floor(t / DAY_MS) * DAY_MS;
}

/** The instant of local midnight that starts the given day number. */
export function startOfLocalDay(day: number): number {
  return day * DAY_MS - VN_OFFSET_MS;
}

/** 0 = Sunday … 6 = Saturday, like `Date#getDay`. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a string is a real calendar date `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day number of a `YYYY-MM-DD` date; throws RangeError on a malformed date (a programming error). */
export function dayOfDate(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  const m = DATE_RE.exec(date)!;
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** Day number from year, month (1–12) and day. */
export function dayOfYmd(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

/** `YYYY-MM-DD` of a day number. */
export function dateOfDay(day: number): IsoDate {
  const d = new Date(day * DAY_MS);
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Year, month (1–12) and day of a day number. */
export function ymdOfDay(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Local date of an instant. */
export function localDateOf(ms: number): IsoDate {
  return dateOfDay(localDayOf(ms));
}

const HHMM_RE = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Minutes since midnight of `HH:mm` (00:00–24:00); throws RangeError when malformed. */
export function minutesOfHhmm(hhmm: string): number {
  if (!HHMM_RE.test(hhmm)) throw new RangeError(`not a time HH:mm: ${hhmm}`);
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export function isHhmm(s: string): boolean {
  return HHMM_RE.test(s);
}

export function hhmmOfMinutes(min: number): string {
  return `${pad2(Math.floor(min / 60))}:${pad2(min % 60)}`;
}

/** The instant of a local date and `HH:mm` clock time in Vietnam. */
export function instantAt(date: IsoDate, hhmm: string): number {
  return startOfLocalDay(dayOfDate(date)) + minutesOfHhmm(hhmm) * MINUTE_MS;
}

/**
 * `2026-11-23T08:05:00+07:00`: the instant in Vietnamese local time with an explicit offset.
 * Sub-second parts are dropped (times are kept to the second, as 003 Art. 18.2 asks).
 */
export function formatInstant(ms: number): string {
  const day = localDayOf(ms);
  const secs = Math.floor(localMsOfDay(ms) / 1000);
  const h = Math.floor(secs / 3600);
  const mi = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  return `${dateOfDay(day)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}+07:00`;
}

// ISO 8601 date-time with a mandatory zone designator, extended or basic format:
//   2026-11-23T08:05:00+07:00, 2026-11-23T01:05Z, 2026-11-23 08:05:00.123+0700, 20261123T080500+07
const ISO_EXT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(?:(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?:\d{2})?)$/;

/**
 * Parses an ISO 8601 date-time that carries a zone (`Z` or `±hh[:mm]`) into epoch ms. Returns
 * null for anything unparseable, out of range (2026-02-30, 25:00) or without a zone: a bare local
 * time is ambiguous at an API boundary, so callers must say which zone they mean.
 */
export function parseInstant(iso: string): number | null {
  const m = ISO_EXT.exec(iso) ?? ISO_BASIC.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const zone = m[8]!;
  let offsetMin = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, fraction);
  // Date.UTC maps years 0–99 to 1900–1999; ISO years that small are not dossier times anyway.
  if (year < 100) return null;
  return utc - offsetMin * MINUTE_MS;
}
