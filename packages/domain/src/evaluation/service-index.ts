/**
 * The service-quality index of Decision 766/QĐ-TTg (Bộ chỉ số chỉ đạo, điều hành và đánh giá chất
 * lượng phục vụ người dân, doanh nghiệp): five groups, 100 points (legal-requirements §6.5).
 * The decision fixes the groups and their points; which rate measures each indicator inside a
 * group is the province's definition, written in docs/evaluation.md and in INDICATORS below.
 *
 * Each indicator earns points × rate. Rates are exact fractions; points are kept in tenths and
 * rounded half-up like the Circular 01/2018 scores.
 */
import { roundedTenths, type Share, type Tenths } from './scoring.ts';

export type ServiceGroup = 'publicity' | 'progress' | 'digitisation' | 'online' | 'satisfaction';

export const GROUP_POINTS: Record<ServiceGroup, number> = { publicity: 18, progress: 20, digitisation: 22, online: 22, satisfaction: 18 };

export type IndicatorKey =
  | 'proceduresPublishedComplete'
  | 'dossiersPublicForLookup'
  | 'apologiesPublished'
  | 'resolvedOnTime'
  | 'inProgressNotOverdue'
  | 'dossiersDigitised'
  | 'resultsElectronic'
  | 'proceduresFullyOnline'
  | 'dossiersOnline'
  | 'paymentsOnline'
  | 'ratingsSatisfied'
  | 'feedbackAnsweredOnTime';

export interface IndicatorDefinition {
  key: IndicatorKey;
  group: ServiceGroup;
  points: number;
  vi: string;
  en: string;
}

/** The province's definitions; points add up to each group's points of Decision 766. */
export const INDICATORS: readonly IndicatorDefinition[] = [
  { key: 'proceduresPublishedComplete', group: 'publicity', points: 6, vi: 'Thủ tục công khai đầy đủ thành phần / thủ tục đang hiệu lực', en: 'Procedures published with every component / procedures in force' },
  { key: 'dossiersPublicForLookup', group: 'publicity', points: 6, vi: 'Hồ sơ có mã tra cứu công khai tiến độ / hồ sơ tiếp nhận', en: 'Dossiers whose progress is public by code / dossiers received' },
  { key: 'apologiesPublished', group: 'publicity', points: 6, vi: 'Hồ sơ trễ hạn có thư xin lỗi công khai / hồ sơ trễ hạn', en: 'Late dossiers with a published apology / late dossiers' },
  { key: 'resolvedOnTime', group: 'progress', points: 12, vi: 'Hồ sơ giải quyết trước hạn và đúng hạn / hồ sơ đã giải quyết', en: 'Dossiers resolved early or on time / dossiers resolved' },
  { key: 'inProgressNotOverdue', group: 'progress', points: 8, vi: 'Hồ sơ đang giải quyết chưa quá hạn / hồ sơ đang giải quyết', en: 'Dossiers in progress not overdue / dossiers in progress' },
  { key: 'dossiersDigitised', group: 'digitisation', points: 11, vi: 'Hồ sơ có thành phần được số hóa / hồ sơ tiếp nhận', en: 'Dossiers with digitised components / dossiers received' },
  { key: 'resultsElectronic', group: 'digitisation', points: 11, vi: 'Hồ sơ có kết quả điện tử / hồ sơ đã giải quyết', en: 'Dossiers with an electronic result / dossiers resolved' },
  { key: 'proceduresFullyOnline', group: 'online', points: 6, vi: 'Thủ tục cung cấp trực tuyến toàn trình / thủ tục đang hiệu lực', en: 'Procedures offered fully online / procedures in force' },
  { key: 'dossiersOnline', group: 'online', points: 6, vi: 'Hồ sơ nộp trực tuyến / hồ sơ tiếp nhận', en: 'Dossiers submitted online / dossiers received' },
  { key: 'paymentsOnline', group: 'online', points: 10, vi: 'Hồ sơ thanh toán trực tuyến / hồ sơ có phí, lệ phí', en: 'Dossiers paid online / dossiers with fees' },
  { key: 'ratingsSatisfied', group: 'satisfaction', points: 12, vi: 'Đánh giá hài lòng và rất hài lòng / lượt đánh giá', en: 'Ratings satisfied or very satisfied / ratings' },
  { key: 'feedbackAnsweredOnTime', group: 'satisfaction', points: 6, vi: 'Phản ánh, kiến nghị trả lời đúng hạn / phản ánh, kiến nghị đến hạn', en: 'Feedback answered on time / feedback due' },
];

export type IndicatorInputs = Record<IndicatorKey, Share | null>;

export interface IndicatorScore {
  key: IndicatorKey;
  group: ServiceGroup;
  points: number;
  /** null when there was nothing to measure (no data or a zero denominator). */
  tenths: Tenths | null;
  share: Share | null;
}

export interface GroupScore {
  group: ServiceGroup;
  points: number;
  tenths: Tenths;
  /** Points of the group's indicators that had data. */
  measuredPoints: number;
}

export type ServiceClass = 'excellent' | 'good' | 'fair' | 'weak';

export interface ServiceIndex {
  indicators: IndicatorScore[];
  groups: GroupScore[];
  /** Points earned over the measured indicators. */
  tenths: Tenths;
  /** Points of the indicators that had data; an agency is not marked down for what it had no case of. */
  measuredPoints: number;
  /** The score scaled to 100 over the measured indicators, in tenths; null when nothing was measured. */
  normalisedTenths: Tenths | null;
  class: ServiceClass | null;
}

/** 90–100 excellent and < 50 weak are the decision's bands; 70 for "good" is the province's setting. */
export function serviceClass(tenthsOf100: Tenths): ServiceClass {
  if (tenthsOf100 >= 900) return 'excellent';
  if (tenthsOf100 >= 700) return 'good';
  if (tenthsOf100 >= 500) return 'fair';
  return 'weak';
}

export function computeServiceIndex(inputs: IndicatorInputs): ServiceIndex {
  const indicators: IndicatorScore[] = INDICATORS.map((d) => {
    const share = inputs[d.key];
    if (!share || share.of <= 0) return { key: d.key, group: d.group, points: d.points, tenths: null, share };
    const count = Math.min(share.count, share.of);
    return { key: d.key, group: d.group, points: d.points, tenths: roundedTenths(d.points * count, share.of), share };
  });
  const groups: GroupScore[] = (Object.keys(GROUP_POINTS) as ServiceGroup[]).map((group) => {
    const mine = indicators.filter((i) => i.group === group);
    return {
      group,
      points: GROUP_POINTS[group],
      tenths: mine.reduce((s, i) => s + (i.tenths ?? 0), 0),
      measuredPoints: mine.filter((i) => i.tenths !== null).reduce((s, i) => s + i.points, 0),
    };
  });
  const tenths = groups.reduce((s, g) => s + g.tenths, 0);
  const measuredPoints = groups.reduce((s, g) => s + g.measuredPoints, 0);
  const normalisedTenths = measuredPoints === 0 ? null : roundedTenths(tenths * 100, measuredPoints * 10);
  return { indicators, groups, tenths, measuredPoints, normalisedTenths, class: normalisedTenths === null ? null : serviceClass(normalisedTenths) };
}
