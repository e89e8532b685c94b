import { Type } from 'typebox';
import { access, Problem, rollUpCode, type Role } from '@motcua/domain';
import {
  addCounts,
  DrillDownItem,
  DrillDownQuery,
  emptyCounts,
  PublicStatistics,
  PublicStatisticsQuery,
  ReconcileReport,
  StatisticsQuery,
  StatisticsReport,
  withRates,
  type Counts,
  type Figures,
  type GroupBy,
} from '@motcua/domain/statistics/index.ts';
import { localDateOf } from '@motcua/domain/calendar/index.ts';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import type { FastifyRequest } from 'fastify';
import { agenciesUnder, buildReport, drillDown, groupedCounts, labelsFor, periodOf, reconcile, scopeNodes, type ScopedQuery } from './repo.ts';
import { reportWorkbook } from './xlsx.ts';
import { reportPdf } from './pdf.ts';
import { onlineServiceSatisfaction } from './services.ts';

/** Who reads statistics: agency leaders, procedure controllers and administrators, within their agency scope. */
export const STATISTICS_ROLES: readonly Role[] = ['leader', 'controller', 'agency_admin', 'system_admin'];
const MAX_DAYS = 3660;

function checkPeriod(from: string, to: string) {
  const p = periodOf(from, to);
  if (!(p.to > p.from)) throw problems.field('to', 'Ngày kết thúc phải sau ngày bắt đầu', 'The end must be after the start');
  if (p.to - p.from > MAX_DAYS * 86_400_000) throw problems.field('to', 'Kỳ báo cáo dài tối đa 10 năm', 'A period is at most 10 years');
  return p;
}

export function statisticsRoutes(app: App, deps: Deps): void {
  const { db, calendar } = deps;

  /** The agencies the caller may see for this request: the given one (checked) or all of their scope. */
  async function scoped(req: FastifyRequest, q: { from: string; to: string; agency?: string; groupBy?: GroupBy }): Promise<ScopedQuery> {
    const period = checkPeriod(q.from, q.to);
    const nodes = await scopeNodes(db);
    let roots: string[];
    if (q.agency) {
      if (!nodes.some((n) => n.code === q.agency)) throw problems.field('agency', 'Không có cơ quan này', 'Unknown agency');
      await req.requireAgencyRole(STATISTICS_ROLES, q.agency);
      roots = [q.agency];
    } else roots = req.agencyScopes(STATISTICS_ROLES);
    return { period, groupBy: q.groupBy ?? 'agency', agencyCodes: agenciesUnder(nodes, roots), rollUp: (c) => rollUpCode(nodes, c) };
  }

  async function report(req: FastifyRequest, q: { from: string; to: string; agency?: string; groupBy: GroupBy }) {
    return buildReport(db, await scoped(req, q), q.from, q.to, q.agency ?? null);
  }

  app.get(
    '/api/v1/statistics',
    {
      config: { access: access.roles(STATISTICS_ROLES, 'agency') },
      schema: {
        tags: ['statistics'],
        summary: 'Thống kê tình hình giải quyết hồ sơ theo kỳ [from, to), nhóm theo cơ quan, lĩnh vực, thủ tục, xã hoặc hình thức tiếp nhận (002 Điều 17)',
        description:
          'received = carriedOver + new = resolved (early + onTime + late) + refused + withdrawn + stopped + awaitingSupplement + inProgress (notDue + overdue). Rates per 002 Art. 14.5. Merged agencies are rolled up into their successor; an inter-agency dossier counts once, for its receiving agency.',
        querystring: StatisticsQuery,
        response: { 200: StatisticsReport, 400: Problem, 403: Problem },
      },
    },
    async (req) => report(req, req.query),
  );

  app.get(
    '/api/v1/statistics/dossiers',
    {
      config: { access: access.roles(STATISTICS_ROLES, 'agency') },
      schema: {
        tags: ['statistics'],
        summary: 'Danh sách hồ sơ phía sau một số liệu thống kê (drill-down)',
        querystring: DrillDownQuery,
        response: { 200: Type.Object({ items: Type.Array(DrillDownItem), total: Type.Integer() }), 400: Problem, 403: Problem },
      },
    },
    async (req) => {
      const q = req.query;
      if (q.key !== undefined && !q.groupBy) throw problems.field('groupBy', 'Cần chọn cách nhóm khi lọc theo một dòng', 'groupBy is required with key');
      const sq = await scoped(req, q);
      return drillDown(db, { ...sq, bucket: q.bucket, key: q.key, page: q.page, pageSize: q.pageSize });
    },
  );

  app.get(
    '/api/v1/statistics/export.xlsx',
    {
      config: { access: access.roles(STATISTICS_ROLES, 'agency') },
      schema: {
        tags: ['statistics'],
        summary: 'Xuất báo cáo thống kê ra Excel (xlsx)',
        querystring: StatisticsQuery,
        response: { 400: Problem, 403: Problem },
      },
    },
    async (req, reply) => {
      const r = await report(req, req.query);
      const to = localDateOf(periodOf(r.from, r.to).to - 1);
      const title = `BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ TTHC từ ${r.from} đến ${to}`;
      const buf = await reportWorkbook(title, r.groupBy, r.rows as { key: string; label: string; figures: Figures }[], r.total as Figures);
      const name = `thong-ke-${r.from}-${to}.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(buf as never); // binary: no JSON serialisation applies
    },
  );

  app.get(
    '/api/v1/statistics/export.pdf',
    {
      config: { access: access.roles(STATISTICS_ROLES, 'agency') },
      schema: {
        tags: ['statistics'],
        summary: 'Xuất báo cáo thống kê ra PDF để in, ký và lưu (khổ A4 ngang, cùng số liệu với bản Excel)',
        querystring: StatisticsQuery,
        response: { 400: Problem, 403: Problem },
      },
    },
    async (req, reply) => {
      const r = await report(req, req.query);
      const to = localDateOf(periodOf(r.from, r.to).to - 1);
      const nodes = await scopeNodes(db);
      const root = nodes.find((n) => n.parentCode === null)?.code;
      const scope = req.query.agency ?? (req.agencyScopes(STATISTICS_ROLES).length === 1 ? req.agencyScopes(STATISTICS_ROLES)[0] : root);
      const names = await labelsFor(db, 'agency', [root, scope].filter((x): x is string => !!x));
      const [y, m, d] = localDateOf(Date.now()).split('-');
      const buf = await reportPdf({
        governingBody: (root && names.get(root)) || '',
        agencyName: (scope && names.get(scope)) || '',
        placeDate: `Ngày ${d} tháng ${m} năm ${y}`,
        title: 'BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH',
        period: `Kỳ báo cáo: từ ngày ${r.from.split('-').reverse().join('/')} đến ngày ${to.split('-').reverse().join('/')}.`,
        groupBy: r.groupBy,
        rows: r.rows as { key: string; label: string; figures: Figures }[],
        total: r.total as Figures,
      });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="thong-ke-${r.from}-${to}.pdf"`).send(buf as never);
    },
  );

  app.get(
    '/api/v1/statistics/reconcile',
    {
      config: { access: access.roles(STATISTICS_ROLES, 'agency') },
      schema: {
        tags: ['statistics'],
        summary: 'Đối chiếu: số liệu nhanh (bảng dữ kiện) so với tính lại từ toàn bộ sự kiện của hồ sơ',
        querystring: Type.Object({ from: StatisticsQuery.properties.from, to: StatisticsQuery.properties.to, agency: StatisticsQuery.properties.agency }, { additionalProperties: false }),
        response: { 200: ReconcileReport, 400: Problem, 403: Problem },
      },
    },
    async (req) => {
      const sq = await scoped(req, req.query);
      return { from: req.query.from, to: req.query.to, ...(await reconcile(db, calendar, sq)) };
    },
  );

  app.get(
    '/api/v1/public/statistics',
    {
      config: { access: access.public, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['statistics'],
        summary: 'Công khai tình hình giải quyết TTHC từ 1/1 của năm: toàn tỉnh, từng cơ quan, từng dịch vụ công trực tuyến (002 Điều 11; TT 32/2017 Điều 11.3)',
        querystring: PublicStatisticsQuery,
        response: { 200: PublicStatistics, 400: Problem },
      },
    },
    async (req) => {
      const year = req.query.year;
      const from = `${year}-01-01`;
      const endOfYear = `${year + 1}-01-01`;
      // Since 1 January to date: a running year stops at tomorrow 00:00 (today included).
      const tomorrow = localDateOf(Date.now() + 86_400_000);
      const to = tomorrow > from && tomorrow < endOfYear ? tomorrow : endOfYear;
      const nodes = await scopeNodes(db);
      const all = nodes.map((n) => n.code);
      const period = periodOf(from, to);
      const base: ScopedQuery = { period, groupBy: 'agency', agencyCodes: all, rollUp: (c) => rollUpCode(nodes, c) };
      const byAgency = await groupedCounts(db, base);
      const pub = (c: Counts) => {
        const f = withRates(c);
        return { received: f.received, resolved: f.resolved, early: f.early, onTime: f.onTime, late: f.late, inProgress: f.inProgress, overdue: f.overdue, resolutionRate: f.resolutionRate, onTimeRate: f.onTimeRate };
      };
      let province = emptyCounts();
      for (const c of byAgency.values()) province = addCounts(province, c);
      const names = await labelsFor(db, 'agency', [...byAgency.keys()]);
      // Per online service: online figures beside the service's total (online + offline).
      const [online, totalByProc] = await Promise.all([groupedCounts(db, { ...base, groupBy: 'procedure', channel: 'online' }), groupedCounts(db, { ...base, groupBy: 'procedure' })]);
      const [procNames, satisfaction] = await Promise.all([labelsFor(db, 'procedure', [...online.keys()]), onlineServiceSatisfaction(db, period, [...online.keys()])]);
      return {
        year,
        from,
        to,
        province: pub(province),
        agencies: [...byAgency].map(([code, c]) => ({ code, name: names.get(code) ?? code, figures: pub(c) })).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
        onlineServices: [...online]
          .map(([code, c]) => {
            const f = withRates(c);
            return { procedureCode: code, procedureName: procNames.get(code) ?? code, onlineReceived: f.received, onlineResolved: f.resolved, onlineOnTimeRate: f.onTimeRate, totalReceived: totalByProc.get(code)?.received ?? f.received, satisfaction: satisfaction.get(code) ?? null };
          })
          .sort((a, b) => b.onlineReceived - a.onlineReceived || a.procedureCode.localeCompare(b.procedureCode)),
      };
    },
  );

}
