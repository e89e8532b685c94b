import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { access, Problem } from '@motcua/domain';
import { formatInstant, localDateOf } from '@motcua/domain/calendar/index.ts';
import { closesAt, GenerateReportInput, KeptReport, KeptReportList, KeptReportsQuery, reportPeriod, type KeptReportItem } from '@motcua/domain/statistics/index.ts';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { agencies, statisticsReports } from '../../db/schema.ts';
import { STATISTICS_ROLES } from './routes.ts';
import { scopeNodes } from './repo.ts';
import { generateReport } from './periodic.ts';

const R = statisticsReports;
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

const itemColumns = {
  id: R.id,
  kind: R.kind,
  key: R.periodKey,
  scopeCode: R.scopeCode,
  scopeName: agencies.name,
  from: R.fromDate,
  to: R.toDate,
  generatedAt: R.generatedAt,
  received: sql<number>`(${R.figures}->'total'->>'received')::int`,
  resolved: sql<number>`(${R.figures}->'total'->>'resolved')::int`,
  onTimeRate: sql<number | null>`(${R.figures}->'total'->>'onTimeRate')::float8`,
};
type ItemRow = { id: string; kind: 'quarter' | 'half' | 'year'; key: string; scopeCode: string; scopeName: string; from: string; to: string; generatedAt: Date; received: number; resolved: number; onTimeRate: number | null };
const item = (r: ItemRow): KeptReportItem => ({ ...r, generatedAt: formatInstant(r.generatedAt.getTime()) });

/**
 * The kept periodic reports (báo cáo định kỳ, `periodic.ts` makes them): listed, read and
 * downloaded with the same access as the live statistics — leaders, controllers and
 * administrators, for reports whose scope is within their agency subtree; generated on demand by
 * the province's system administrator.
 */
export function keptReportRoutes(app: App, { db }: Deps): void {
  app.get(
    '/api/v1/statistics/reports',
    {
      config: { access: access.roles(STATISTICS_ROLES, 'agency') },
      schema: {
        tags: ['statistics'],
        summary: 'Báo cáo định kỳ đã lưu (quý, 6 tháng, năm) của cơ quan được chọn, hoặc của phạm vi người xem',
        querystring: KeptReportsQuery,
        response: { 200: KeptReportList, 400: Problem, 403: Problem },
      },
    },
    async (req) => {
      const q = req.query;
      let scopes: string[];
      if (q.agency) {
        if (!(await scopeNodes(db)).some((n) => n.code === q.agency)) throw problems.field('agency', 'Không có cơ quan này', 'Unknown agency');
        await req.requireAgencyRole(STATISTICS_ROLES, q.agency);
        scopes = [q.agency];
      } else scopes = req.agencyScopes(STATISTICS_ROLES);
      const conds: SQL[] = [inArray(R.scopeCode, scopes.length ? scopes : [''])];
      if (q.kind) conds.push(eq(R.kind, q.kind));
      if (q.year !== undefined) conds.push(sql`${R.fromDate} >= ${`${q.year}-01-01`}::date and ${R.fromDate} < ${`${q.year + 1}-01-01`}::date`);
      const [rows, [count]] = await Promise.all([
        db
          .select(itemColumns)
          .from(R)
          .innerJoin(agencies, eq(agencies.code, R.scopeCode))
          .where(and(...conds))
          .orderBy(desc(R.toDate), asc(R.fromDate), asc(R.scopeCode))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(R).where(and(...conds)),
      ]);
      return { items: (rows as ItemRow[]).map(item), total: count?.n ?? 0 };
    },
  );

  /** The row, after checking the caller may read its scope (a report of another agency is refused). */
  async function readable(req: FastifyRequest, id: string) {
    const [row] = await db.select({ scopeCode: R.scopeCode, kind: R.kind, key: R.periodKey }).from(R).where(eq(R.id, id));
    if (!row) throw problems.notFound('Không có báo cáo này');
    await req.requireAgencyRole(STATISTICS_ROLES, row.scopeCode);
    return row;
  }

  app.get(
    '/api/v1/statistics/reports/:id',
    {
      config: { access: access.roles(STATISTICS_ROLES, 'agency') },
      schema: {
        tags: ['statistics'],
        summary: 'Một báo cáo định kỳ đã lưu với số liệu như lúc lập',
        params: Id,
        response: { 200: KeptReport, 400: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      await readable(req, req.params.id);
      const [row] = await db.select({ ...itemColumns, report: R.figures }).from(R).innerJoin(agencies, eq(agencies.code, R.scopeCode)).where(eq(R.id, req.params.id));
      const { report, ...rest } = row as ItemRow & { report: KeptReport['report'] };
      return { ...item(rest), report };
    },
  );

  for (const format of ['xlsx', 'pdf'] as const) {
    app.get(
      `/api/v1/statistics/reports/:id/${format}`,
      {
        config: { access: access.roles(STATISTICS_ROLES, 'agency') },
        schema: {
          tags: ['statistics'],
          summary: format === 'xlsx' ? 'Tải bản Excel (xlsx) của báo cáo định kỳ đã lưu' : 'Tải bản PDF của báo cáo định kỳ đã lưu',
          params: Id,
          response: { 400: Problem, 403: Problem, 404: Problem },
        },
      },
      async (req, reply) => {
        const meta = await readable(req, req.params.id);
        const [row] = await db.select({ bytes: format === 'xlsx' ? R.xlsx : R.pdf }).from(R).where(eq(R.id, req.params.id));
        const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf';
        return reply
          .type(type)
          .header('content-disposition', `attachment; filename="bao-cao-${meta.key}-${meta.scopeCode}.${format}"`)
          .send(row!.bytes as never); // binary: no JSON serialisation applies
      },
    );
  }

  app.post(
    '/api/v1/statistics/reports',
    {
      config: { access: access.roles(['system_admin'], 'agency') },
      schema: {
        tags: ['statistics'],
        summary: 'Lập ngay báo cáo định kỳ của một kỳ đã kết thúc (quản trị hệ thống); kỳ đã có báo cáo thì trả lại báo cáo đã lưu',
        body: GenerateReportInput,
        response: { 200: KeptReport, 201: KeptReport, 400: Problem, 403: Problem },
      },
    },
    async (req, reply) => {
      const p = reportPeriod(req.body.period);
      if (!p) throw problems.field('period', 'Kỳ báo cáo phải là quý (2026-Q3), 6 tháng (2026-H1) hoặc năm (2026)', 'A period is a quarter (2026-Q3), a half year (2026-H1) or a year (2026)');
      if (closesAt(p) > Date.now()) throw problems.field('period', `Kỳ ${p.key} chưa kết thúc (kết thúc lúc 00:00 ngày ${localDateOf(closesAt(p)).split('-').reverse().join('/')})`, `The period ${p.key} has not ended yet`);
      const nodes = await scopeNodes(db);
      const scope = req.body.agency ?? nodes.find((n) => n.parentCode === null)?.code;
      if (!scope || !nodes.some((n) => n.code === scope)) throw problems.field('agency', 'Không có cơ quan này', 'Unknown agency');
      await req.requireAgencyRole(['system_admin'], scope);
      const r = await generateReport(db, p, scope, { id: req.user!.id, name: req.user!.fullName });
      const [row] = await db.select({ ...itemColumns, report: R.figures }).from(R).innerJoin(agencies, eq(agencies.code, R.scopeCode)).where(eq(R.id, r.id));
      const { report, ...rest } = row as ItemRow & { report: KeptReport['report'] };
      return reply.code(r.created ? 201 : 200).send({ ...item(rest), report });
    },
  );
}
