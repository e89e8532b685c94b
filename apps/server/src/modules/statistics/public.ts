import { sql } from 'drizzle-orm';
import { access, Problem } from '@motcua/domain';
import { MIN_PUBLIC_RATINGS, PublicApologies, PublicApologiesQuery, PublicSatisfaction, PublicStatisticsQuery, RATING_CRITERIA } from '@motcua/domain/statistics/index.ts';
import { localDateOf } from '@motcua/domain/calendar/index.ts';
import type { App, Deps } from '../../http/types.ts';
import { periodOf } from './repo.ts';

type Criterion = (typeof RATING_CRITERIA)[number];

/**
 * What the portal's statistics page publishes beside the figures [002 Art. 11, Art. 12.2]:
 * satisfaction per criterion (aggregates only) and the apology letters agencies sent for late
 * dossiers. Only columns that identify nobody are ever selected: no applicant, comment, reason or rater.
 */
export function publicStatisticsRoutes(app: App, { db }: Deps): void {
  app.get(
    '/api/v1/public/satisfaction',
    {
      config: { access: access.public, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['statistics'],
        summary: 'Công khai mức độ hài lòng theo từng tiêu chí trong năm (toàn tỉnh và từng cơ quan có đủ số lượt đánh giá) — 002 Điều 11, 12',
        querystring: PublicStatisticsQuery,
        response: { 200: PublicSatisfaction, 400: Problem },
      },
    },
    async (req) => {
      const year = req.query.year;
      const p = periodOf(`${year}-01-01`, `${year + 1}-01-01`);
      const levels = RATING_CRITERIA.flatMap((c) => ['very_satisfied', 'satisfied', 'not_satisfied'].map((l) => sql`count(*) filter (where r.${sql.raw(c)} = ${l})::int as "${sql.raw(`${c}:${l}`)}"`));
      const rows = await db.execute<Record<string, number | string>>(sql`
        select r.agency_code, a.name, count(*)::int as n, ${sql.join(levels, sql`, `)}
          from dossier_ratings r join agencies a on a.code = r.agency_code
         where r.created_at >= ${new Date(p.from).toISOString()} and r.created_at < ${new Date(p.to).toISOString()}
         group by r.agency_code, a.name`);
      const rate = (v: number, s: number, n: number) => (n ? (v + s) / n : null);
      const per = (row: Record<string, number | string>, c: Criterion) => {
        const v = Number(row[`${c}:very_satisfied`]), s = Number(row[`${c}:satisfied`]), x = Number(row[`${c}:not_satisfied`]);
        return { v, s, x };
      };
      let ratings = 0;
      const sums = new Map<Criterion, { v: number; s: number; x: number }>(RATING_CRITERIA.map((c) => [c, { v: 0, s: 0, x: 0 }]));
      for (const row of rows.rows) {
        ratings += Number(row.n);
        for (const c of RATING_CRITERIA) {
          const a = per(row, c), t = sums.get(c)!;
          t.v += a.v; t.s += a.s; t.x += a.x;
        }
      }
      return {
        year,
        ratings,
        criteria: RATING_CRITERIA.map((c) => {
          const t = sums.get(c)!;
          return { criterion: c, verySatisfied: t.v, satisfied: t.s, notSatisfied: t.x, satisfiedRate: rate(t.v, t.s, ratings) };
        }),
        agencies: rows.rows
          .filter((row) => Number(row.n) >= MIN_PUBLIC_RATINGS)
          .map((row) => ({ code: String(row.agency_code), name: String(row.name), ratings: Number(row.n), criteria: RATING_CRITERIA.map((c) => ({ criterion: c, satisfiedRate: rate(per(row, c).v, per(row, c).s, Number(row.n)) })) }))
          .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
      };
    },
  );

  app.get(
    '/api/v1/public/apologies',
    {
      config: { access: access.public, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['statistics'],
        summary: 'Công khai văn bản xin lỗi của cơ quan đối với hồ sơ trễ hẹn: cơ quan, thủ tục, mã hồ sơ, ngày xin lỗi, ngày hẹn mới — không có thông tin cá nhân (002 Điều 11)',
        querystring: PublicApologiesQuery,
        response: { 200: PublicApologies, 400: Problem },
      },
    },
    async (req) => {
      const { year, page, pageSize } = req.query;
      const p = periodOf(`${year}-01-01`, `${year + 1}-01-01`);
      const rows = await db.execute<{ agency_code: string; agency_name: string; procedure_code: string; procedure_name: string; code: string | null; at: Date; appointment: string | null; total: number }>(sql`
        select d.agency_code, a.name as agency_name, d.procedure_code, d.procedure_name, d.code, e.at, e.event->'clock'->>'appointment' as appointment, count(*) over ()::int as total
          from dossier_events e join dossiers d on d.id = e.dossier_id join agencies a on a.code = d.agency_code
         where e.type = 'apologized' and e.at >= ${new Date(p.from).toISOString()} and e.at < ${new Date(p.to).toISOString()}
         order by e.at desc, d.code
         limit ${pageSize} offset ${(page - 1) * pageSize}`);
      return {
        year,
        total: rows.rows[0]?.total ?? 0,
        items: rows.rows.map((r) => ({
          agencyCode: r.agency_code,
          agencyName: r.agency_name,
          procedureCode: r.procedure_code,
          procedureName: r.procedure_name,
          dossierCode: r.code,
          apologizedOn: localDateOf(new Date(r.at).getTime()),
          newAppointment: r.appointment === null ? null : localDateOf(Number(r.appointment)),
        })),
      };
    },
  );
}
