import { and, asc, eq, ilike, inArray, isNull } from 'drizzle-orm';
import { Type } from 'typebox';
import { access, AgencyCode, nfc, Problem, searchKey, type Role } from '@motcua/domain';
import { formatInstant } from '@motcua/domain/calendar/index.ts';
import { Faq, FaqInput, Guide, GuideInput } from '@motcua/domain/feedback/feedback.ts';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { agencies, faqEntries, guides, procedures } from '../../db/schema.ts';
import { auditAs } from '../../audit.ts';
import { findAgency } from '../organisation/repo.ts';
import { agencySubtree } from './repo.ts';
import { escapeLike } from './routes.ts';

/** FAQ are kept by each agency's administrators [002 Art. 6.4]; guides are the portal's, kept by the system administrator [002 Art. 6.3]. */
const FAQ_ADMINS: readonly Role[] = ['agency_admin', 'system_admin'];
const GUIDE_ADMINS: readonly Role[] = ['system_admin'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const Deleted = Type.Object({ deleted: Type.Literal(true) });

type FaqRow = typeof faqEntries.$inferSelect;
type GuideRow = typeof guides.$inferSelect;
const faqDto = (r: FaqRow, agencyName: string): Faq => ({
  id: r.id,
  agencyCode: r.agencyCode,
  agencyName,
  procedureCode: r.procedureCode,
  question: r.question,
  answer: r.answer,
  published: r.published,
  updatedAt: formatInstant(r.updatedAt.getTime()),
});
const guideDto = (r: GuideRow): Guide => ({ id: r.id, title: r.title, kind: r.kind, url: r.url, description: r.description, topic: r.topic, sortOrder: r.sortOrder, published: r.published });

export function faqRoutes(app: App, { db }: Deps): void {
  async function withNames(rows: FaqRow[]): Promise<Faq[]> {
    const codes = [...new Set(rows.map((r) => r.agencyCode))];
    const names = codes.length ? new Map((await db.select({ code: agencies.code, name: agencies.name }).from(agencies).where(inArray(agencies.code, codes))).map((a) => [a.code, a.name])) : new Map<string, string>();
    return rows.map((r) => faqDto(r, names.get(r.agencyCode) ?? r.agencyCode));
  }
  async function checkFaq(body: FaqInput) {
    const errors = [];
    if (!(await findAgency(db, body.agencyCode))) errors.push({ field: 'agencyCode', message: `Không có cơ quan ${body.agencyCode}`, messageEn: 'Unknown agency' });
    if (body.procedureCode && (await db.select({ id: procedures.id }).from(procedures).where(eq(procedures.code, body.procedureCode))).length === 0) {
      errors.push({ field: 'procedureCode', message: `Không có thủ tục ${body.procedureCode}`, messageEn: 'Unknown procedure' });
    }
    if (errors.length) throw problems.validation(errors);
  }
  const faqValues = (b: FaqInput, userId: string) => ({
    agencyCode: b.agencyCode,
    procedureCode: b.procedureCode ?? null,
    question: nfc(b.question.trim()),
    answer: nfc(b.answer.trim()),
    published: b.published,
    searchKey: searchKey(`${b.question} ${b.answer}`),
    updatedAt: new Date(),
    updatedBy: userId,
  });
  async function ownFaq(req: { requireAgencyRole: (r: readonly Role[], a: string) => Promise<void> }, id: string): Promise<FaqRow> {
    const r = (await db.select().from(faqEntries).where(eq(faqEntries.id, id)))[0];
    if (!r) throw problems.notFound('Không tìm thấy câu hỏi');
    await req.requireAgencyRole(FAQ_ADMINS, r.agencyCode);
    return r;
  }

  app.get(
    '/api/v1/public/faq',
    {
      config: { access: access.public },
      schema: {
        tags: ['feedback'],
        summary: 'Câu hỏi thường gặp: chung hoặc theo thủ tục (002 Art. 6.4)',
        querystring: Type.Object(
          {
            procedure: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'only this procedure; "general" for questions about no procedure' })),
            q: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Faq) }), 400: Problem },
      },
    },
    async (req) => {
      const { procedure, q } = req.query;
      const rows = await db
        .select()
        .from(faqEntries)
        .where(
          and(
            eq(faqEntries.published, true),
            procedure === 'general' ? isNull(faqEntries.procedureCode) : procedure ? eq(faqEntries.procedureCode, procedure) : undefined,
            q?.trim() ? ilike(faqEntries.searchKey, `%${escapeLike(searchKey(q))}%`) : undefined,
          ),
        )
        .orderBy(asc(faqEntries.procedureCode), asc(faqEntries.createdAt))
        .limit(500);
      return { items: await withNames(rows) };
    },
  );

  app.get(
    '/api/v1/faq',
    {
      config: { access: access.roles(FAQ_ADMINS) },
      schema: {
        tags: ['feedback'],
        summary: 'Câu hỏi thường gặp của các cơ quan trong phạm vi quản trị (cả chưa công khai)',
        querystring: Type.Object({ agency: Type.Optional(AgencyCode) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Faq) }), 400: Problem, 403: Problem },
      },
    },
    async (req) => {
      if (req.query.agency) await req.requireAgencyRole(FAQ_ADMINS, req.query.agency);
      const scope = await agencySubtree(db, req.query.agency ? [req.query.agency] : req.agencyScopes(FAQ_ADMINS));
      if (scope.length === 0) return { items: [] };
      const rows = await db.select().from(faqEntries).where(inArray(faqEntries.agencyCode, scope)).orderBy(asc(faqEntries.createdAt)).limit(1000);
      return { items: await withNames(rows) };
    },
  );

  app.post(
    '/api/v1/faq',
    {
      config: { access: access.roles(FAQ_ADMINS) },
      schema: { tags: ['feedback'], summary: 'Thêm câu hỏi thường gặp', body: FaqInput, response: { 201: Faq, 400: Problem, 403: Problem } },
    },
    async (req, reply) => {
      await req.requireAgencyRole(FAQ_ADMINS, req.body.agencyCode);
      await checkFaq(req.body);
      const row = await db.transaction(async (tx) => {
        const [r] = await tx.insert(faqEntries).values(faqValues(req.body, req.user!.id)).returning();
        await auditAs(req, tx, { action: 'faq.create', targetType: 'faq', targetId: r!.id });
        return r!;
      });
      return reply.code(201).send((await withNames([row]))[0]!);
    },
  );

  app.put(
    '/api/v1/faq/:id',
    {
      config: { access: access.roles(FAQ_ADMINS) },
      schema: { tags: ['feedback'], summary: 'Sửa câu hỏi thường gặp', params: IdParams, body: FaqInput, response: { 200: Faq, 400: Problem, 403: Problem, 404: Problem } },
    },
    async (req) => {
      await ownFaq(req, req.params.id);
      await req.requireAgencyRole(FAQ_ADMINS, req.body.agencyCode);
      await checkFaq(req.body);
      const row = await db.transaction(async (tx) => {
        const [r] = await tx.update(faqEntries).set(faqValues(req.body, req.user!.id)).where(eq(faqEntries.id, req.params.id)).returning();
        await auditAs(req, tx, { action: 'faq.update', targetType: 'faq', targetId: req.params.id });
        return r!;
      });
      return (await withNames([row]))[0]!;
    },
  );

  app.delete(
    '/api/v1/faq/:id',
    {
      config: { access: access.roles(FAQ_ADMINS) },
      schema: { tags: ['feedback'], summary: 'Xóa câu hỏi thường gặp', params: IdParams, response: { 200: Deleted, 403: Problem, 404: Problem } },
    },
    async (req) => {
      await ownFaq(req, req.params.id);
      await db.transaction(async (tx) => {
        await tx.delete(faqEntries).where(eq(faqEntries.id, req.params.id));
        await auditAs(req, tx, { action: 'faq.delete', targetType: 'faq', targetId: req.params.id });
      });
      return { deleted: true as const };
    },
  );

  // ── Guides and videos ──
  app.get(
    '/api/v1/public/guides',
    {
      config: { access: access.public },
      schema: { tags: ['feedback'], summary: 'Tài liệu, video hướng dẫn sử dụng Cổng Dịch vụ công (002 Art. 6.3)', response: { 200: Type.Object({ items: Type.Array(Guide) }) } },
    },
    async () => ({ items: (await db.select().from(guides).where(eq(guides.published, true)).orderBy(asc(guides.sortOrder), asc(guides.title))).map(guideDto) }),
  );

  app.get(
    '/api/v1/guides',
    {
      config: { access: access.roles(GUIDE_ADMINS) },
      schema: { tags: ['feedback'], summary: 'Tất cả tài liệu, video hướng dẫn (cả chưa công khai)', response: { 200: Type.Object({ items: Type.Array(Guide) }), 403: Problem } },
    },
    async () => ({ items: (await db.select().from(guides).orderBy(asc(guides.sortOrder), asc(guides.title))).map(guideDto) }),
  );

  const guideValues = (b: GuideInput, userId: string) => ({
    title: nfc(b.title.trim()),
    kind: b.kind,
    url: b.url,
    description: b.description ? nfc(b.description.trim()) : null,
    topic: b.topic,
    sortOrder: b.sortOrder,
    published: b.published,
    updatedAt: new Date(),
    updatedBy: userId,
  });

  app.post(
    '/api/v1/guides',
    {
      config: { access: access.roles(GUIDE_ADMINS) },
      schema: { tags: ['feedback'], summary: 'Thêm tài liệu hoặc video hướng dẫn (video: đường dẫn)', body: GuideInput, response: { 201: Guide, 400: Problem, 403: Problem } },
    },
    async (req, reply) => {
      await req.requireAgencyRole(GUIDE_ADMINS, null);
      const row = await db.transaction(async (tx) => {
        const [r] = await tx.insert(guides).values(guideValues(req.body, req.user!.id)).returning();
        await auditAs(req, tx, { action: 'guide.create', targetType: 'guide', targetId: r!.id });
        return r!;
      });
      return reply.code(201).send(guideDto(row));
    },
  );

  app.put(
    '/api/v1/guides/:id',
    {
      config: { access: access.roles(GUIDE_ADMINS) },
      schema: { tags: ['feedback'], summary: 'Sửa tài liệu, video hướng dẫn', params: IdParams, body: GuideInput, response: { 200: Guide, 400: Problem, 403: Problem, 404: Problem } },
    },
    async (req) => {
      const row = await db.transaction(async (tx) => {
        const [r] = await tx.update(guides).set(guideValues(req.body, req.user!.id)).where(eq(guides.id, req.params.id)).returning();
        if (!r) throw problems.notFound('Không tìm thấy tài liệu hướng dẫn');
        await auditAs(req, tx, { action: 'guide.update', targetType: 'guide', targetId: r.id });
        return r;
      });
      return guideDto(row);
    },
  );

  app.delete(
    '/api/v1/guides/:id',
    {
      config: { access: access.roles(GUIDE_ADMINS) },
      schema: { tags: ['feedback'], summary: 'Xóa tài liệu, video hướng dẫn', params: IdParams, response: { 200: Deleted, 403: Problem, 404: Problem } },
    },
    async (req) => {
      await db.transaction(async (tx) => {
        const gone = await tx.delete(guides).where(eq(guides.id, req.params.id)).returning({ id: guides.id });
        if (gone.length === 0) throw problems.notFound('Không tìm thấy tài liệu hướng dẫn');
        await auditAs(req, tx, { action: 'guide.delete', targetType: 'guide', targetId: req.params.id });
      });
      return { deleted: true as const };
    },
  );
}
