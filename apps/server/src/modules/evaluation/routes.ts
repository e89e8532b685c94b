import { Type } from 'typebox';
import { access, AgencyCode, Problem, type Role } from '@motcua/domain';
import { formatInstant, instantAt } from '@motcua/domain/calendar/index.ts';
import { parsePeriod } from '@motcua/domain/evaluation/scoring.ts';
import { EvaluationReport, PeriodLabel, PublicEvaluationReport } from '@motcua/domain/evaluation/schemas.ts';
import { eq } from 'drizzle-orm';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { agencies } from '../../db/schema.ts';
import { findAgency } from '../organisation/repo.ts';
import { agencySubtree } from '../feedback/repo.ts';
import { evaluatePeriod } from './facts.ts';

/** Leaders, procedure controllers and administrators see the scores of their agencies and officers. */
const VIEWERS: readonly Role[] = ['leader', 'controller', 'agency_admin', 'system_admin'];

export function evaluationRoutes(app: App, { db, calendar, config }: Deps): void {
  function periodOf(label: string) {
    const p = parsePeriod(label);
    if (!p) throw problems.field('period', 'Kỳ đánh giá phải là quý (2026-Q3) hoặc năm (2026)', 'Period must be a quarter (2026-Q3) or a year (2026)');
    return p;
  }
  async function report(label: string, codes: string[]) {
    const period = periodOf(label);
    const now = Date.now();
    const { cal } = await calendar.compiled(null, now);
    const r = await evaluatePeriod(db, codes, period, now, cal, config.feedbackClocks);
    const asOf = Math.min(now, instantAt(period.toDateExclusive, '00:00'));
    return { period: period.label, asOf: formatInstant(asOf), ...r };
  }

  app.get(
    '/api/v1/evaluation',
    {
      config: { access: access.roles(VIEWERS) },
      schema: {
        tags: ['evaluation'],
        summary: 'Điểm đánh giá giải quyết TTHC theo quý/năm của cơ quan và cán bộ (TT 01/2018 Art. 13–15) và chỉ số phục vụ (QĐ 766/QĐ-TTg)',
        querystring: Type.Object({ period: PeriodLabel, agency: Type.Optional(AgencyCode) }, { additionalProperties: false }),
        response: { 200: EvaluationReport, 400: Problem, 403: Problem },
      },
    },
    async (req) => {
      const { period, agency } = req.query;
      periodOf(period);
      if (agency) {
        if (!(await findAgency(db, agency))) throw problems.field('agency', `Không có cơ quan ${agency}`, 'Unknown agency');
        await req.requireAgencyRole(VIEWERS, agency);
      }
      const codes = await agencySubtree(db, agency ? [agency] : req.agencyScopes(VIEWERS));
      return report(period, codes);
    },
  );

  app.get(
    '/api/v1/public/evaluation',
    {
      config: { access: access.public },
      schema: {
        tags: ['evaluation'],
        summary: 'Kết quả đánh giá công khai trên Cổng Dịch vụ công: theo cơ quan, không có cán bộ, không có người đánh giá (TT 01/2018 Art. 15.3)',
        querystring: Type.Object({ period: PeriodLabel }, { additionalProperties: false }),
        response: { 200: PublicEvaluationReport, 400: Problem },
      },
    },
    async (req) => {
      const active = await db.select({ code: agencies.code }).from(agencies).where(eq(agencies.status, 'active'));
      const r = await report(req.query.period, active.map((a) => a.code));
      return { period: r.period, asOf: r.asOf, agencies: r.agencies };
    },
  );
}
