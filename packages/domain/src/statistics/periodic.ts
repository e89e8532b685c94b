import { Type, type Static } from 'typebox';
import { instantAt, localDateOf } from '../calendar/time.ts';
import { AgencyCode } from '../organisation/agency.ts';
import { StatisticsReport } from './schemas.ts';

/**
 * Periodic reports (báo cáo định kỳ): quarterly, 6-monthly and yearly reports of the dossier
 * figures, generated once their period has closed and kept unchanged [004 Art. 24.9; SPEC §15].
 * A period is whole local days [fromDate, toDateExclusive) in Vietnam time (UTC+7): it closes at
 * 00:00 of the first day after it, so the quarter 2026-Q3 closes at 2026-10-01 00:00 +07:00
 * (2026-09-30 17:00 UTC).
 */
export const REPORT_KINDS = ['quarter', 'half', 'year'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportPeriod {
  kind: ReportKind;
  /** 2026-Q3, 2026-H1 or 2026 */
  key: string;
  year: number;
  fromDate: string;
  toDateExclusive: string;
}

export const REPORT_PERIOD_PATTERN = '^[0-9]{4}(-Q[1-4]|-H[12])?$';

const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (year: number, month: number) => (month > 12 ? `${year + 1}-01-01` : `${year}-${pad(month)}-01`);

/** The period a key names: "2026-Q3" (a quarter), "2026-H1" (a half year), "2026" (a year); null for anything else. */
export function reportPeriod(key: string): ReportPeriod | null {
  const m = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2999) return null;
  if (!m[2]) return { kind: 'year', key, year, fromDate: `${year}-01-01`, toDateExclusive: `${year + 1}-01-01` };
  const n = Number(m[2].slice(1));
  const months = m[2][0] === 'Q' ? 3 : 6;
  const first = (n - 1) * months + 1;
  return { kind: months === 3 ? 'quarter' : 'half', key, year, fromDate: monthStart(year, first), toDateExclusive: monthStart(year, first + months) };
}

/** The seven periods of a year in the order they close: Q1, Q2, H1, Q3, Q4, H2, the year. */
export function periodsOfYear(year: number): ReportPeriod[] {
  return [`${year}-Q1`, `${year}-Q2`, `${year}-H1`, `${year}-Q3`, `${year}-Q4`, `${year}-H2`, `${year}`].map((k) => reportPeriod(k)!);
}

/** The instant a period closes: 00:00 Vietnam time of the first day after it. */
export function closesAt(p: ReportPeriod): number {
  return instantAt(p.toDateExclusive, '00:00');
}

/** The instant a period opens: 00:00 Vietnam time of its first day. */
export function opensAt(p: ReportPeriod): number {
  return instantAt(p.fromDate, '00:00');
}

/**
 * The periods whose report is due at `now`: every quarter, half year and year that has closed
 * (its closing instant is at or before `now`) and that ends after `since` (the first instant with
 * data; earlier periods would be empty reports). Oldest first; periods closing together come
 * quarter, then half year, then year.
 */
export function closedPeriods(now: number, since: number): ReportPeriod[] {
  if (!(since < now)) return [];
  const firstYear = Number(localDateOf(since).slice(0, 4));
  const lastYear = Number(localDateOf(now).slice(0, 4));
  const out: ReportPeriod[] = [];
  for (let y = Math.max(firstYear, 2000); y <= Math.min(lastYear, 2999); y++) {
    for (const p of periodsOfYear(y)) {
      const end = closesAt(p);
      if (end <= now && end > since) out.push(p);
    }
  }
  return out;
}

/** Roman numerals of the official titles: "QUÝ III NĂM 2026", "6 THÁNG ĐẦU NĂM 2026", "NĂM 2026". */
export function reportPeriodTitle(p: ReportPeriod): string {
  if (p.kind === 'year') return `NĂM ${p.year}`;
  const n = Number(p.key.slice(-1));
  if (p.kind === 'half') return `${n === 1 ? '6 THÁNG ĐẦU NĂM' : '6 THÁNG CUỐI NĂM'} ${p.year}`;
  return `QUÝ ${['I', 'II', 'III', 'IV'][n - 1]} NĂM ${p.year}`;
}

// ── Schemas of the kept reports' API ──────────────────────────────────────────────────────────

export const ReportKindSchema = Type.Union([Type.Literal('quarter'), Type.Literal('half'), Type.Literal('year')]);
export const ReportPeriodKey = Type.String({ pattern: REPORT_PERIOD_PATTERN, description: 'A quarter "2026-Q3", a half year "2026-H1" or a year "2026"' });

export const KeptReportsQuery = Type.Object(
  {
    agency: Type.Optional(AgencyCode),
    kind: Type.Optional(ReportKindSchema),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2999 })),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);

/** One kept report in a list: what it covers and its headline figures (the whole report is behind its id). */
export const KeptReportItem = Type.Object({
  id: Type.String(),
  kind: ReportKindSchema,
  key: Type.String(),
  scopeCode: Type.String({ description: 'The agency whose subtree the report covers (the province root for the province)' }),
  scopeName: Type.String(),
  from: Type.String({ description: 'First day, YYYY-MM-DD' }),
  to: Type.String({ description: 'Day after the period, YYYY-MM-DD (excluded)' }),
  generatedAt: Type.String(),
  received: Type.Integer({ minimum: 0 }),
  resolved: Type.Integer({ minimum: 0 }),
  onTimeRate: Rate,
});
export type KeptReportItem = Static<typeof KeptReportItem>;

export const KeptReportList = Type.Object({ items: Type.Array(KeptReportItem), total: Type.Integer({ minimum: 0 }) });
export type KeptReportList = Static<typeof KeptReportList>;

/** A kept report with its figures as they were generated (the same shape as the live report grouped by agency). */
export const KeptReport = Type.Object({ ...KeptReportItem.properties, report: StatisticsReport });
export type KeptReport = Static<typeof KeptReport>;

export const GenerateReportInput = Type.Object(
  { period: ReportPeriodKey, agency: Type.Optional(AgencyCode) },
  { additionalProperties: false },
);
export type GenerateReportInput = Static<typeof GenerateReportInput>;
