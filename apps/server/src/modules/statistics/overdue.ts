import { sql } from 'drizzle-orm';
import { access, Problem } from '@motcua/domain';
import { formatInstant } from '@motcua/domain/calendar/index.ts';
import { OverdueByDepartment, OverdueByDepartmentQuery } from '@motcua/domain/statistics/index.ts';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { dossiers } from '../../db/schema.ts';
import { overdueNow } from '../dossiers/overdue.ts';
import { textArray } from '../dossiers/scope.ts';
import { agenciesUnder, scopeNodes } from './repo.ts';
import { STATISTICS_ROLES } from './routes.ts';

/**
 * Overdue by department for the leaders' dashboard (SPEC §15): the open dossiers overdue now, by
 * the work list's own rule (`overdueNow`), counted per agency and the department holding their
 * current step — the group's department, or, once an officer has taken the dossier, the
 * department the process names for that step. Read straight from `dossiers` (its partial indexes of
 * open dossiers), not from the period statistics. Scoped like the statistics: leaders, controllers
 * and administrators see their agency subtree; `agency` narrows to one agency they may see.
 */
export function overdueByDepartmentRoutes(app: App, { db, calendar }: Deps): void {
  app.get(
    '/api/v1/statistics/overdue-by-department',
    {
      config: { access: access.roles(STATISTICS_ROLES, 'agency') },
      schema: {
        tags: ['statistics'],
        summary: 'Số hồ sơ đang quá hạn hiện nay theo phòng, ban đang xử lý (cùng quy tắc với danh sách hồ sơ quá hạn)',
        querystring: OverdueByDepartmentQuery,
        response: { 200: OverdueByDepartment, 400: Problem, 403: Problem },
      },
    },
    async (req) => {
      const now = Date.now();
      const nodes = await scopeNodes(db);
      let roots: string[];
      if (req.query.agency) {
        if (!nodes.some((n) => n.code === req.query.agency)) throw problems.field('agency', 'Không có cơ quan này', 'Unknown agency');
        await req.requireAgencyRole(STATISTICS_ROLES, req.query.agency);
        roots = [req.query.agency];
      } else roots = req.agencyScopes(STATISTICS_ROLES);
      const codes = agenciesUnder(nodes, roots);
      const stepDepartment = sql`jsonb_path_query_first(${dossiers.process}, '$.steps[*] ? (@.code == $c).departmentCode', jsonb_build_object('c', ${dossiers.stepCode})) #>> '{}'`;
      const rows = await db.execute<{ agency_code: string; agency_name: string; department_code: string | null; name: string | null; name_en: string | null; n: number }>(sql`
        select x.agency_code, a.name as agency_name, x.department_code, dep.name, dep.name_en, x.n
          from (select ${dossiers.agencyCode} as agency_code, coalesce(${dossiers.holderDepartment}, ${stepDepartment}) as department_code, count(*)::int as n
                  from ${dossiers}
                 where ${await overdueNow(calendar, now)} and ${dossiers.agencyCode} = any(${textArray(codes)})
                 group by 1, 2) x
          join agencies a on a.code = x.agency_code
          left join departments dep on dep.agency_code = x.agency_code and dep.code = x.department_code
         order by x.n desc, a.name, x.department_code nulls last`);
      const items = rows.rows.map((r) => ({ agencyCode: r.agency_code, agencyName: r.agency_name, departmentCode: r.department_code, departmentName: r.name, departmentNameEn: r.name_en, overdue: Number(r.n) }));
      return { asOf: formatInstant(now), total: items.reduce((s, i) => s + i.overdue, 0), items };
    },
  );
}
