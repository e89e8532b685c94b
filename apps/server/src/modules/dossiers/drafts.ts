import { and, desc, eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { access, Problem } from '@motcua/domain';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { dossierDrafts } from '../../db/schema.ts';

/**
 * Drafts (lưu nháp) of a submission, one per started wizard: the owner saves as they go and
 * resumes on any device. A draft is loose on purpose — half-filled forms are the point — so it is
 * checked only for size and shape here; the submission checks everything.
 */
const DraftBody = Type.Object(
  {
    procedureCode: Type.String({ minLength: 1, maxLength: 40 }),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    data: Type.Record(Type.String(), Type.Unknown(), { description: 'The wizard state: case, agency, applicant, forms, files, channels' }),
  },
  { additionalProperties: false },
);
const DraftView = Type.Object({ id: Type.String(), procedureCode: Type.String(), title: Type.String(), data: Type.Unknown(), createdAt: Type.String(), updatedAt: Type.String() });
const MAX_DRAFTS = 50;

export function draftRoutes(app: App, { db }: Deps): void {
  const view = (d: typeof dossierDrafts.$inferSelect) => ({ id: d.id, procedureCode: d.procedureCode, title: d.title, data: d.data, createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString() });
  const own = async (userId: string, id: string) => {
    const d = (await db.select().from(dossierDrafts).where(and(eq(dossierDrafts.id, id), eq(dossierDrafts.ownerUserId, userId))))[0];
    if (!d) throw problems.notFound('Không có bản nháp này');
    return d;
  };
  const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

  app.get(
    '/api/v1/me/drafts',
    { config: { access: access.authenticated }, schema: { tags: ['dossiers'], summary: 'Hồ sơ lưu nháp của tôi', response: { 200: Type.Object({ items: Type.Array(DraftView) }) } } },
    async (req) => ({ items: (await db.select().from(dossierDrafts).where(eq(dossierDrafts.ownerUserId, req.user!.id)).orderBy(desc(dossierDrafts.updatedAt))).map(view) }),
  );

  app.post(
    '/api/v1/me/drafts',
    {
      bodyLimit: 2 * 1024 * 1024,
      config: { access: access.authenticated },
      schema: { tags: ['dossiers'], summary: 'Lưu nháp hồ sơ', body: DraftBody, response: { 201: DraftView, 400: Problem, 409: Problem } },
    },
    async (req, reply) => {
      const mine = await db.select({ id: dossierDrafts.id }).from(dossierDrafts).where(eq(dossierDrafts.ownerUserId, req.user!.id));
      if (mine.length >= MAX_DRAFTS) throw problems.conflict(`Tối đa ${MAX_DRAFTS} bản nháp; hãy xóa bớt bản nháp cũ`);
      const [d] = await db.insert(dossierDrafts).values({ ownerUserId: req.user!.id, ...req.body }).returning();
      return reply.code(201).send(view(d!));
    },
  );

  app.get(
    '/api/v1/me/drafts/:id',
    { config: { access: access.authenticated }, schema: { tags: ['dossiers'], summary: 'Một bản nháp', params: IdParams, response: { 200: DraftView, 404: Problem } } },
    async (req) => view(await own(req.user!.id, req.params.id)),
  );

  app.put(
    '/api/v1/me/drafts/:id',
    {
      bodyLimit: 2 * 1024 * 1024,
      config: { access: access.authenticated },
      schema: { tags: ['dossiers'], summary: 'Cập nhật bản nháp (lưu tự động)', params: IdParams, body: DraftBody, response: { 200: DraftView, 400: Problem, 404: Problem } },
    },
    async (req) => {
      await own(req.user!.id, req.params.id);
      const [d] = await db.update(dossierDrafts).set({ ...req.body, updatedAt: new Date() }).where(eq(dossierDrafts.id, req.params.id)).returning();
      return view(d!);
    },
  );

  app.delete(
    '/api/v1/me/drafts/:id',
    { config: { access: access.authenticated }, schema: { tags: ['dossiers'], summary: 'Xóa bản nháp', params: IdParams, response: { 204: Type.Null(), 404: Problem } } },
    async (req, reply) => {
      await own(req.user!.id, req.params.id);
      await db.delete(dossierDrafts).where(eq(dossierDrafts.id, req.params.id));
      return reply.code(204).send(null);
    },
  );
}
