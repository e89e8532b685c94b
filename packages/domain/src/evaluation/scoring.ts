/**
 * Scoring of the handling of administrative procedures (đánh giá việc giải quyết TTHC) by the nine
 * indices of Circular 01/2018/TT-VPCP Art. 13–15 (legal-requirements §2.5; [002 Art. 18.2]).
 *
 * Pure: every input is plain data (dossier facts, unit facts, rating answers), so the same rules
 * score data from the one-stop system, from the ratings table and from paper forms alike.
 *
 * Numbers: index points are integers 0/1/2; averages are kept as integer TENTHS (45 = 4.5) and
 * rounded half-up from the exact fraction, never from a binary float (4.45 → 4.5, 1.15 → 1.2).
 */

export type Points = 0 | 1 | 2;
/** A score in tenths of a point: 45 means 4.5. */
export type Tenths = number;

/** Index numbers of Art. 13. */
export type IndexNo = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
/** Indices scored per dossier [Art. 14.1]. */
export const DOSSIER_INDICES = [1, 2, 3, 4, 6, 7] as const;
/** Indices of a civil servant's total, max 10 [Art. 15.2.a]. */
export const OFFICER_INDICES = [1, 2, 3, 4, 7] as const;
/** Indices scored per unit (Bộ phận Một cửa / agency) [Art. 14.2]. */
export const UNIT_INDICES = [5, 6, 8, 9] as const;

// ── Rounding ───────────────────────────────────────────────────────────────────────────────────

/**
 * p / q rounded half-up to one decimal, in tenths, computed on integers: round(10p/q) =
 * floor((20p + q) / 2q). Non-negative p, positive q.
 */
export function roundedTenths(p: number, q: number): Tenths {
  if (!Number.isInteger(p) || !Number.isInteger(q) || p < 0 || q <= 0) throw new RangeError(`roundedTenths(${p}, ${q})`);
  return Math.floor((20 * p + q) / (2 * q));
}

/**
 * A decimal written as text (e.g. a figure entered on a paper form, "4.45") rounded half-up to one
 * decimal, in tenths, without going through a binary float.
 */
export function decimalToTenths(text: string): Tenths {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not a non-negative decimal: ${text}`);
  const frac = m[2] ?? '';
  const digits = BigInt(m[1]! + frac);
  const scale = 10n ** BigInt(frac.length);
  return Number((digits * 20n + scale) / (2n * scale));
}

/** Tenths as a decimal string with one decimal: 45 → "4.5". */
export function formatTenths(t: Tenths): string {
  const sign = t < 0 ? '-' : '';
  const a = Math.abs(t);
  return `${sign}${Math.floor(a / 10)}.${a % 10}`;
}

// ── Per-dossier indices ────────────────────────────────────────────────────────────────────────

/** Time compared with the time allowed: shorter (early), equal (on the appointment day), longer (late). */
export type TimeComparison = 'shorter' | 'equal' | 'longer';
export type RatingLevel = 'very_satisfied' | 'satisfied' | 'not_satisfied';

/** The applicant's rating of one dossier (SPEC §13; portal, desk device or paper form). */
export interface RatingAnswers {
  overall: RatingLevel;
  convenience: RatingLevel;
  timeliness: RatingLevel;
  attitude: RatingLevel;
}

/** How the procedure was published when the dossier was handled [Art. 13.6]. */
export type Publication = 'posted-and-electronic' | 'posted-or-electronic' | 'inadequate';

/**
 * What is known about one resolved dossier. `null` means "no data": the index is then left out of
 * the dossier's and every aggregate's count [Art. 15.1: an index without enough data is excluded].
 */
export interface DossierFacts {
  /** Total handling time vs the legal time limit (the dossier's classification) [Art. 13.1]. */
  totalTime: TimeComparison | null;
  /** Each participating unit (incl. coordinating agencies) vs the time allotted to it [Art. 13.2]. */
  unitTimes: readonly TimeComparison[];
  /** Supplement/completion requests the applicant received for this dossier [Art. 13.3]. */
  supplementRequests: number | null;
  /** Of those, requests caused by the applicant's own fault (excluded by Art. 13.3 "trừ trường hợp do lỗi của tổ chức, cá nhân"). */
  supplementRequestsApplicantFault?: number;
  /** Agencies/units the applicant had to go to besides the one-stop desk [Art. 13.4]; null when unknown. */
  otherAgenciesContacted: number | null;
  /** Online or postal dossiers are submitted without going to any office. */
  channel: 'direct' | 'online' | 'postal';
  /** Publication of the procedure [Art. 13.6]; null when not assessed. */
  publication: Publication | null;
  /** Documents or fees asked beyond what the procedure lists (thực hiện không đúng quy định). */
  extraDemands: boolean;
  /** An upheld report of harassment or misconduct about this dossier (a report found untrue does not count). */
  upheldConductReport: boolean;
  /** The applicant's rating, when one was given. */
  rating: RatingAnswers | null;
}

export type DossierScores = Record<(typeof DOSSIER_INDICES)[number], Points | null>;

const byComparison: Record<TimeComparison, Points> = { shorter: 2, equal: 1, longer: 0 };

/** Index 1: shorter than the legal time 2, equal 1, longer 0 [Art. 13.1]. */
export function index1TotalTime(f: Pick<DossierFacts, 'totalTime'>): Points | null {
  return f.totalTime === null ? null : byComparison[f.totalTime];
}

/** Index 2: every unit within a shorter time 2; none longer 1; any unit longer 0 [Art. 13.2]. */
export function index2UnitTimes(f: Pick<DossierFacts, 'unitTimes'>): Points | null {
  if (f.unitTimes.length === 0) return null;
  return Math.min(...f.unitTimes.map((u) => byComparison[u])) as Points;
}

/**
 * Index 3: contacts needed to complete the dossier, online ones included [Art. 13.3]: none 2; one
 * (the single complete request the law requires) 1; more than one 0 — requests caused by the
 * applicant's own fault are not counted.
 */
export function index3Contacts(f: Pick<DossierFacts, 'supplementRequests' | 'supplementRequestsApplicantFault'>): Points | null {
  if (f.supplementRequests === null) return null;
  const counted = Math.max(0, f.supplementRequests - (f.supplementRequestsApplicantFault ?? 0));
  return counted === 0 ? 2 : counted === 1 ? 1 : 0;
}

/**
 * Index 4: agencies the applicant had to contact [Art. 13.4]: none 2 (an online or postal dossier
 * with nobody else to visit); only the one-stop desk 1; more than one 0.
 */
export function index4Agencies(f: Pick<DossierFacts, 'otherAgenciesContacted' | 'channel'>): Points | null {
  if (f.otherAgenciesContacted === null) return null;
  if (f.otherAgenciesContacted > 0) return 0;
  return f.channel === 'direct' ? 1 : 2;
}

/** Index 6: accurate, complete and timely both posted and electronic 2; one of them 1; else 0 [Art. 13.6]. */
export function index6Publication(p: Publication | null): Points | null {
  if (p === null) return null;
  return p === 'posted-and-electronic' ? 2 : p === 'posted-or-electronic' ? 1 : 0;
}

/**
 * Index 7: staff attitude [Art. 13.7]: resolved early with no report of harassment or misconduct 2;
 * on time with none 1; otherwise 0. Asking for documents or fees beyond the rules is itself
 * "thực hiện không đúng quy định"; an applicant rating attitude "not satisfied" is the applicant's
 * report through the rating form, which Art. 14.3 names as the source of this index. A late
 * dossier meets neither the 2- nor the 1-point condition.
 */
export function index7Attitude(f: Pick<DossierFacts, 'totalTime' | 'extraDemands' | 'upheldConductReport' | 'rating'>): Points | null {
  if (f.extraDemands || f.upheldConductReport || f.rating?.attitude === 'not_satisfied') return 0;
  if (f.totalTime === null) return null;
  return f.totalTime === 'shorter' ? 2 : f.totalTime === 'equal' ? 1 : 0;
}

export function scoreDossier(f: DossierFacts): DossierScores {
  return {
    1: index1TotalTime(f),
    2: index2UnitTimes(f),
    3: index3Contacts(f),
    4: index4Agencies(f),
    6: index6Publication(f.publication),
    7: index7Attitude(f),
  };
}

// ── Per-unit indices ───────────────────────────────────────────────────────────────────────────

/** A share as a fraction of integers, so thresholds compare exactly (149/1000 is 14.9 %, below 15 %). */
export interface Share {
  count: number;
  of: number;
}
/** share ≥ pct % — exact, by cross-multiplication. */
export function atLeast(s: Share, pct: number): boolean {
  return s.of > 0 && s.count * 100 >= pct * s.of;
}

export type UnitLevel = 'province' | 'district' | 'commune' | 'ministry';
/** Share of listed procedures done receipt-to-return entirely at the desk that earns 2 points [Art. 13.5]. */
export const FULL_CYCLE_THRESHOLD: Record<UnitLevel, number> = { province: 20, ministry: 20, district: 50, commune: 100 };

export interface UnitFacts {
  level: UnitLevel;
  /** Index 5: listed procedures received, appraised, approved and returned at the desk, of all listed. */
  fullCycleAtDesk: Share | null;
  /** Index 5: eligible procedures received and returned at the desk, of all eligible. */
  receivedAndReturnedAtDesk: Share | null;
  /** Index 6 at unit level. */
  publication: Publication | null;
  /** Index 8: feedback (phản ánh, kiến nghị) received in the period, answered on time, protracted. */
  feedback: { received: number; answeredOnTime: number; protracted: number } | null;
  /** Index 9: eligible procedures offered online at level 3/4 (partial or full online). */
  onlineOffered: Share | null;
  /** Index 9: dossiers received online of all dossiers received. */
  onlineDossiers: Share | null;
  /** Index 9: online dossiers unresolved past their deadline or resolved late. */
  onlineLateOrOverdue: number;
}

/** Index 5 [Art. 13.5]: full cycle at the desk for the level's share 2; every eligible procedure received and returned there 1; else 0. */
export function index5OneStop(u: Pick<UnitFacts, 'level' | 'fullCycleAtDesk' | 'receivedAndReturnedAtDesk'>): Points | null {
  if (u.fullCycleAtDesk === null && u.receivedAndReturnedAtDesk === null) return null;
  if (u.fullCycleAtDesk && atLeast(u.fullCycleAtDesk, FULL_CYCLE_THRESHOLD[u.level])) return 2;
  if (u.receivedAndReturnedAtDesk && atLeast(u.receivedAndReturnedAtDesk, 100)) return 1;
  return 0;
}

/** Index 8 [Art. 13.8]: none received, or all on time and none protracted 2; ≥ 90 % on time and none protracted 1; else 0. */
export function index8Feedback(u: Pick<UnitFacts, 'feedback'>): Points | null {
  const f = u.feedback;
  if (f === null) return null;
  if (f.received === 0) return 2;
  if (f.protracted > 0) return 0;
  const share = { count: f.answeredOnTime, of: f.received };
  if (atLeast(share, 100)) return 2;
  return atLeast(share, 90) ? 1 : 0;
}

/**
 * Index 9 [Art. 13.9]: ≥ 20 % of eligible procedures offered at level 3/4, online share ≥ 30 % and
 * no online dossier late 2; some offered, online share ≥ 15 % and none late 1; else 0.
 */
export function index9Online(u: Pick<UnitFacts, 'onlineOffered' | 'onlineDossiers' | 'onlineLateOrOverdue'>): Points | null {
  if (u.onlineOffered === null || u.onlineDossiers === null) return null;
  if (u.onlineOffered.count === 0 || u.onlineLateOrOverdue > 0 || !atLeast(u.onlineDossiers, 15)) return 0;
  return atLeast(u.onlineOffered, 20) && atLeast(u.onlineDossiers, 30) ? 2 : 1;
}

// ── Aggregation [Art. 15] ──────────────────────────────────────────────────────────────────────

export interface IndexAverage {
  index: IndexNo;
  /** Rounded half-up to one decimal, in tenths; null when no dossier had data. */
  tenths: Tenths | null;
  /** Dossiers that had data for this index. */
  dossiers: number;
}

/** Score_i = Σ points of index i / number of dossiers with data, rounded to one decimal [Art. 15.1]. */
export function averageIndex(index: IndexNo, scores: readonly Partial<Record<IndexNo, Points | null>>[]): IndexAverage {
  let sum = 0;
  let n = 0;
  for (const s of scores) {
    const p = s[index];
    if (p === null || p === undefined) continue;
    sum += p;
    n++;
  }
  return { index, tenths: n === 0 ? null : roundedTenths(sum, n), dossiers: n };
}

export type OfficerClass = 'complete' | 'mostly-complete' | 'incomplete';
export type AgencyClass = 'excellent' | 'good' | 'fair' | 'average' | 'weak';

/** Civil servant, max 10 [Art. 15.2.a]: ≥ 5 → 100 % of tasks; 3.5 to < 5 → 70 % to < 100 %; < 3.5 → < 70 %. */
export function officerClass(total: Tenths): OfficerClass {
  if (total >= 50) return 'complete';
  return total >= 35 ? 'mostly-complete' : 'incomplete';
}

/** Agency or unit, max 18 [Art. 15.2.b]: ≥ 15 excellent; 12 to < 15 good; 9 to < 12 fair; 6 to < 9 average; < 6 weak. */
export function agencyClass(total: Tenths): AgencyClass {
  if (total >= 150) return 'excellent';
  if (total >= 120) return 'good';
  if (total >= 90) return 'fair';
  if (total >= 60) return 'average';
  return 'weak';
}

export interface OfficerScore {
  indices: IndexAverage[];
  /** Sum of the indices that had data (an index without data is excluded) [Art. 15.1]. */
  total: Tenths;
  max: Tenths;
  dossiers: number;
  class: OfficerClass | null;
}

/** An officer's score over the dossiers they handled in the period. */
export function scoreOfficer(dossiers: readonly DossierScores[]): OfficerScore {
  const indices = OFFICER_INDICES.map((i) => averageIndex(i, dossiers));
  const total = indices.reduce((s, x) => s + (x.tenths ?? 0), 0);
  const any = indices.some((x) => x.tenths !== null);
  return { indices, total, max: 100, dossiers: dossiers.length, class: any ? officerClass(total) : null };
}

export interface AgencyScore {
  indices: IndexAverage[];
  total: Tenths;
  max: Tenths;
  dossiers: number;
  class: AgencyClass | null;
}

/**
 * An agency's score: the per-dossier indices averaged over its dossiers, plus the unit indices.
 * Index 6 is listed both per dossier and per unit [Art. 14]: the unit's own assessment is used
 * when given, otherwise the average over its dossiers.
 */
export function scoreAgency(dossiers: readonly DossierScores[], unit: UnitFacts): AgencyScore {
  const unitPoint = (index: IndexNo, p: Points | null): IndexAverage => ({ index, tenths: p === null ? null : p * 10, dossiers: 0 });
  const six = index6Publication(unit.publication);
  const indices: IndexAverage[] = [
    averageIndex(1, dossiers),
    averageIndex(2, dossiers),
    averageIndex(3, dossiers),
    averageIndex(4, dossiers),
    unitPoint(5, index5OneStop(unit)),
    six === null ? averageIndex(6, dossiers) : unitPoint(6, six),
    averageIndex(7, dossiers),
    unitPoint(8, index8Feedback(unit)),
    unitPoint(9, index9Online(unit)),
  ];
  const total = indices.reduce((s, x) => s + (x.tenths ?? 0), 0);
  const any = indices.some((x) => x.tenths !== null);
  return { indices, total, max: 180, dossiers: dossiers.length, class: any ? agencyClass(total) : null };
}

// ── Periods ────────────────────────────────────────────────────────────────────────────────────

export interface Period {
  /** "2026-Q3" or "2026" */
  label: string;
  kind: 'quarter' | 'year';
  year: number;
  quarter: 1 | 2 | 3 | 4 | null;
  /** First day (inclusive) and the day after the last (exclusive), YYYY-MM-DD, Vietnamese calendar days. */
  fromDate: string;
  toDateExclusive: string;
}

export const PERIOD_PATTERN = '^[0-9]{4}(-Q[1-4])?$';

/** Scoring is quarterly and yearly [Art. 15.3]. */
export function parsePeriod(label: string): Period | null {
  const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2999) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (!m[2]) return { label, kind: 'year', year, quarter: null, fromDate: `${year}-01-01`, toDateExclusive: `${year + 1}-01-01` };
  const q = Number(m[2]) as 1 | 2 | 3 | 4;
  const startMonth = (q - 1) * 3 + 1;
  const end = q === 4 ? `${year + 1}-01-01` : `${year}-${pad(startMonth + 3)}-01`;
  return { label, kind: 'quarter', year, quarter: q, fromDate: `${year}-${pad(startMonth)}-01`, toDateExclusive: end };
}
