/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically at UTC+7.
 *
 * Rules of the calendar (the method described by Hồ Ngọc Đức, implemented here from scratch):
 *  - A month starts on the local day (UTC+7) that contains a new moon (sóc).
 *  - Month 11 is the month that contains the winter solstice (Đông chí, sun longitude 270°).
 *  - If 13 months separate two consecutive months 11, the year has a leap month (tháng nhuận):
 *    the first month after month 11 that contains no principal solar term (trung khí, a multiple of
 *    30° of sun longitude). It takes the number of the month before it.
 *
 * Vietnam has reckoned this at UTC+7 since 1968; China uses UTC+8, which is why Tết differs in some
 * years (1985, 2007, 2030…). Chinese calendar libraries are therefore wrong for Vietnam.
 *
 * Astronomy: new moons by Jean Meeus, "Astronomical Algorithms" (2nd ed., 1998) ch. 49 — mean
 * phase plus the periodic and planetary corrections, accurate to well under a minute for
 * 1900–2100 — converted from dynamical time (TT) to UT with the Espenak–Meeus ΔT polynomials.
 * Sun longitude by Meeus ch. 25 (low-accuracy apparent longitude, ~0.01°, i.e. ~15 min of time),
 * which only has to place a principal term on the right day.
 *
 * Day numbers here are the module-wide local day numbers (days since 1970-01-01, see time.ts).
 */
import { dayOfYmd, ymdOfDay, type IsoDate, dateOfDay, dayOfDate } from './time.ts';

const RAD = Math.PI / 180;
/** Vietnam's time zone in days. */
const TZ_DAYS = 7 / 24;
/** Julian Date of 1970-01-01T00:00Z. */
const JD_UNIX_EPOCH = 2440587.5;
const SYNODIC_MONTH = 29.530588861;

/** ΔT = TT − UT in seconds, Espenak & Meeus (NASA eclipse site) polynomials. */
export function deltaTSeconds(year: number): number {
  if (year >= 2005 && year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  if (year >= 1986 && year < 2005) {
    const t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year >= 2050 && year < 2150) {
    const u = (year - 1820) / 100;
    return -20 + 32 * u * u - 0.5628 * (2150 - year);
  }
  if (year >= 1961 && year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - (t * t) / 260 - (t * t * t) / 718;
  }
  if (year >= 1941 && year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - (t * t) / 233 + (t * t * t) / 2547;
  }
  if (year >= 1920 && year < 1941) {
    const t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t * t + 0.0020936 * t ** 3;
  }
  if (year >= 1900 && year < 1920) {
    const t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  const u = (year - 1820) / 100;
  return -20 + 32 * u * u;
}

function decimalYearOfJd(jd: number): number {
  return 2000 + (jd - 2451545.0) / 365.25;
}

/**
 * Julian Ephemeris Day (TT) of the new moon with lunation number k (k = 0 is the new moon of
 * 2000-01-06), Meeus ch. 49.
 */
export function newMoonJde(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const T4 = T3 * T;
  let jde = 2451550.09766 + SYNODIC_MONTH * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4;
  const E = 1 - 0.002516 * T - 0.0000074 * T2;
  const M = (2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3) * RAD;
  const Mp = (201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4) * RAD;
  const F = (160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4) * RAD;
  const Om = (124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3) * RAD;
  const s = Math.sin;
  jde +=
    -0.4072 * s(Mp) +
    0.17241 * E * s(M) +
    0.01608 * s(2 * Mp) +
    0.01039 * s(2 * F) +
    0.00739 * E * s(Mp - M) -
    0.00514 * E * s(Mp + M) +
    0.00208 * E * E * s(2 * M) -
    0.00111 * s(Mp - 2 * F) -
    0.00057 * s(Mp + 2 * F) +
    0.00056 * E * s(2 * Mp + M) -
    0.00042 * s(3 * Mp) +
    0.00042 * E * s(M + 2 * F) +
    0.00038 * E * s(M - 2 * F) -
    0.00024 * E * s(2 * Mp - M) -
    0.00017 * s(Om) -
    0.00007 * s(Mp + 2 * M) +
    0.00004 * s(2 * Mp - 2 * F) +
    0.00004 * s(3 * M) +
    0.00003 * s(Mp + M - 2 * F) +
    0.00003 * s(2 * Mp + 2 * F) -
    0.00003 * s(Mp + M + 2 * F) +
    0.00003 * s(Mp - M + 2 * F) -
    0.00002 * s(Mp - M - 2 * F) -
    0.00002 * s(3 * Mp + M) +
    0.00002 * s(4 * Mp);
  // Planetary arguments (Meeus table 49.B).
  const A: ReadonlyArray<readonly [number, number, number]> = [
    [0.000325, 299.77, 0.107408],
    [0.000165, 251.88, 0.016321],
    [0.000164, 251.83, 26.651886],
    [0.000126, 349.42, 36.412478],
    [0.00011, 84.66, 18.206239],
    [0.000062, 141.74, 53.303771],
    [0.00006, 207.14, 2.453732],
    [0.000056, 154.84, 7.30686],
    [0.000047, 34.52, 27.261239],
    [0.000042, 207.19, 0.121824],
    [0.00004, 291.34, 1.844379],
    [0.000037, 161.72, 24.198154],
    [0.000035, 239.56, 25.513099],
    [0.000023, 331.55, 3.592518],
  ];
  for (let i = 0; i < A.length; i++) {
    const [c, a0, a1] = A[i]!;
    const arg = a0 + a1 * k - (i === 0 ? 0.009173 * T2 : 0);
    jde += c * s(arg * RAD);
  }
  return jde;
}

/** Julian Day (UT) of new moon k. */
export function newMoonJdUt(k: number): number {
  const jde = newMoonJde(k);
  return jde - deltaTSeconds(decimalYearOfJd(jde)) / 86400;
}

/** Epoch milliseconds (UT) of new moon k. */
export function newMoonInstant(k: number): number {
  return Math.round((newMoonJdUt(k) - JD_UNIX_EPOCH) * 86_400_000);
}

/** Local (UTC+7) day number of the day that contains new moon k. */
function newMoonDay(k: number): number {
  return Math.floor(newMoonJdUt(k) - JD_UNIX_EPOCH + TZ_DAYS);
}

/** Apparent geocentric longitude of the sun in degrees [0, 360) at a Julian Day (UT), Meeus ch. 25. */
export function sunLongitude(jdUt: number): number {
  const jde = jdUt + deltaTSeconds(decimalYearOfJd(jdUt)) / 86400;
  const T = (jde - 2451545.0) / 36525;
  const T2 = T * T;
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T2;
  const M = (357.52911 + 35999.05029 * T - 0.0001537 * T2) * RAD;
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T2) * Math.sin(M) +
    (0.019993 - 0.000101 * T) * Math.sin(2 * M) +
    0.000289 * Math.sin(3 * M);
  const omega = (125.04 - 1934.136 * T) * RAD;
  const lambda = L0 + C - 0.00569 - 0.00478 * Math.sin(omega);
  return ((lambda % 360) + 360) % 360;
}

/**
 * Index 0–11 of the 30° sector the sun is in at local midnight starting `day`. A principal term
 * (trung khí) falls inside a month exactly when this index differs between the month's first day
 * and the next month's first day. Sector 9 starts at the winter solstice (270°).
 */
function sunSectorAtDayStart(day: number): number {
  const jdUt = day + JD_UNIX_EPOCH - TZ_DAYS;
  return Math.floor(sunLongitude(jdUt) / 30);
}

/** The lunation number whose new moon day is the last one on or before `day`. */
function lunationOnOrBefore(day: number): number {
  let k = Math.floor((day + JD_UNIX_EPOCH - 2451550.09766) / SYNODIC_MONTH);
  while (newMoonDay(k + 1) <= day) k++;
  while (newMoonDay(k) > day) k--;
  return k;
}

/**
 * Lunation number of the month 11 (tháng Một) of solar year `year`: the month containing the
 * December solstice.
 */
function month11Lunation(year: number): number {
  const k = lunationOnOrBefore(dayOfYmd(year, 12, 31));
  // The solstice (≈ 21–22 Dec) is inside the month that starts at k unless it had already happened
  // by the start of that month's first day, in which case it was in the previous month.
  return sunSectorAtDayStart(newMoonDay(k)) >= 9 ? k - 1 : k;
}

/** One lunar month: where it starts, how long it is, its number and whether it is leap. */
export interface LunarMonth {
  /** Lunar year (the year whose month 1 contains Tết), e.g. 2026 for Bính Ngọ. */
  year: number;
  /** 1–12. */
  month: number;
  leap: boolean;
  /** First day, as a local day number. */
  startDay: number;
  /** 29 or 30. */
  length: number;
}

/**
 * The months from the month 11 that starts in solar year `solarYear` up to (not including) the
 * next month 11, numbered. Months 11 and 12 (and a leap 11 or 12) belong to lunar year
 * `solarYear`; months 1–10 (and any leap month among them) to lunar year `solarYear + 1`.
 */
function monthsFromMonth11(solarYear: number): LunarMonth[] {
  const k0 = month11Lunation(solarYear);
  const k1 = month11Lunation(solarYear + 1);
  const n = k1 - k0; // 12, or 13 in a year with a leap month
  const starts: number[] = [];
  for (let i = 0; i <= n; i++) starts.push(newMoonDay(k0 + i));
  let leapIndex = -1;
  if (n === 13) {
    for (let i = 1; i < n; i++) {
      if (sunSectorAtDayStart(starts[i]!) === sunSectorAtDayStart(starts[i + 1]!)) {
        leapIndex = i;
        break;
      }
    }
  }
  const months: LunarMonth[] = [];
  let number = 11;
  let lunarYear = solarYear;
  for (let i = 0; i < n; i++) {
    const leap = i === leapIndex;
    if (i > 0 && !leap) {
      number = number === 12 ? 1 : number + 1;
      if (number === 1) lunarYear = solarYear + 1;
    }
    months.push({ year: lunarYear, month: number, leap, startDay: starts[i]!, length: starts[i + 1]! - starts[i]! });
  }
  return months;
}

/** The months of lunar year `year` in order, month 1 to month 12, with its leap month if any. */
export function lunarYearMonths(year: number): LunarMonth[] {
  return [...monthsFromMonth11(year - 1), ...monthsFromMonth11(year)].filter((m) => m.year === year);
}

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

/** Converts a local day number to the lunar date. */
export function lunarOfDay(day: number): LunarDate {
  const { year } = ymdOfDay(day);
  // The period from month 11 of solar year Y-1 to month 11 of Y covers late Y-1 to late Y.
  let months = monthsFromMonth11(year - 1);
  const last = months[months.length - 1]!;
  if (day >= last.startDay + last.length) months = monthsFromMonth11(year);
  for (const m of months) {
    if (day >= m.startDay && day < m.startDay + m.length) {
      return { year: m.year, month: m.month, day: day - m.startDay + 1, leap: m.leap };
    }
  }
  // Unreachable for supported years: the two periods tile the solar year.
  throw new RangeError(`no lunar month found for day ${day}`);
}

/** Solar `YYYY-MM-DD` → lunar date. */
export function solarToLunar(date: IsoDate): LunarDate {
  return lunarOfDay(dayOfDate(date));
}

/**
 * Lunar date → local day number, or null when the date does not exist (day 30 of a 29-day month,
 * a leap month the year does not have).
 */
export function dayOfLunar(year: number, month: number, day: number, leap = false): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 30) return null;
  const months = month >= 11 ? monthsFromMonth11(year) : monthsFromMonth11(year - 1);
  const m = months.find((x) => x.year === year && x.month === month && x.leap === leap);
  if (!m || day > m.length) return null;
  return m.startDay + day - 1;
}

/** Lunar date → solar `YYYY-MM-DD`, or null when the lunar date does not exist. */
export function lunarToSolar(year: number, month: number, day: number, leap = false): IsoDate | null {
  const d = dayOfLunar(year, month, day, leap);
  return d === null ? null : dateOfDay(d);
}

/** The solar date of Tết Nguyên đán (1 tháng Giêng) of a year. */
export function tetDate(year: number): IsoDate {
  return lunarToSolar(year, 1, 1)!;
}
