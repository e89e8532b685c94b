import { Type } from 'typebox';
import { sql } from 'drizzle-orm';
import { access, Problem } from '@motcua/domain';
import type { App, Deps } from '../../http/types.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { inForce, todayVn } from '../catalogue/repo.ts';
import { procedures, procedureVersions } from '../../db/schema.ts';
import { HttpProblem } from '../../http/problem.ts';
import { ProblemType } from '@motcua/domain';

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** Pages of the portal every visitor can reach; the HTML site map page lists the same. */
export const PORTAL_PAGES = ['/', '/thu-tuc', '/tra-cuu', '/so-do-trang'];

export function systemRoutes(app: App, { db, pool, config }: Deps): void {
  app.get(
    '/health',
    { config: { access: access.public }, schema: { tags: ['system'], summary: 'Liveness: the process answers', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { access: access.public },
      schema: { tags: ['system'], summary: 'Readiness: database reachable and migrations applied', response: { 200: Type.Object({ status: Type.Literal('ready'), pendingMigrations: Type.Integer() }), 503: Problem } },
    },
    async function (this: { draining: boolean }) {
      if (this.draining) throw new HttpProblem(503, ProblemType.unavailable, 'Đang dừng', 'Máy chủ đang dừng; yêu cầu mới hãy gửi tới máy chủ khác');
      try {
        await pool.query('select 1');
      } catch {
        throw new HttpProblem(503, ProblemType.unavailable, 'Chưa sẵn sàng', 'Không kết nối được cơ sở dữ liệu');
      }
      const pending = await pendingMigrations(pool);
      if (pending > 0) throw new HttpProblem(503, ProblemType.unavailable, 'Chưa sẵn sàng', `Còn ${pending} migration chưa áp dụng`);
      return { status: 'ready' as const, pendingMigrations: 0 };
    },
  );

  app.get('/sitemap.xml', { config: { access: access.public }, schema: { tags: ['system'], summary: 'Sơ đồ trang (XML) cho máy tìm kiếm' } }, async (_req, reply) => {
    const rows = await db
      .select({ code: procedures.code })
      .from(procedureVersions)
      .innerJoin(procedures, sql`${procedures.id} = ${procedureVersions.procedureId}`)
      .where(inForce(todayVn()))
      .orderBy(procedures.code);
    const urls = [...PORTAL_PAGES, ...rows.map((r) => `/thu-tuc/${encodeURIComponent(r.code)}`)];
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `  <url><loc>${xmlEscape(config.publicUrl + u)}</loc></url>`).join('\n')}\n</urlset>\n`;
    return reply.type('application/xml; charset=utf-8').send(body);
  });

  app.get('/robots.txt', { config: { access: access.public }, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/plain').send(`User-agent: *\nDisallow: /mot-cua/\nDisallow: /api/\nSitemap: ${config.publicUrl}/sitemap.xml\n`),
  );

}
