import { eq, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { access, CodedRatingInput, nfc, Problem, Rating, RatingInput, ratingRefusal, type RatingLevel, type Role } from '@motcua/domain';
import type { FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { appendAudit } from '../../audit.ts';
import { dossierRatings, dossiers } from '../../db/schema.ts';

type DossierRow = typeof dossiers.$inferSelect;
type RatingRow = typeof dossierRatings.$inferSelect;

const DEVICE_ROLES: Role[] = ['reception'];
const PAPER_ROLES: Role[] = ['reception', 'agency_admin'];

/** The answers only: who answered (the dossier's owner, the officer who typed a form) never leaves. */
const dto = (r: RatingRow, code: string) => ({
  dossierId: r.dossierId,
  dossierCode: code,
  source: r.source,
  overall: r.overall as RatingLevel,
  convenience: r.convenience as RatingLevel,
  timeliness: r.timeliness as RatingLevel,
  attitude: r.attitude as RatingLevel,
  comment: r.comment,
  createdAt: r.createdAt.toISOString(),
});

/**
 * Satisfaction ratings [SPEC §13; 002 Art. 12.1–2, Art. 18.1; 004 Art. 14.2]: once per dossier
 * code, after the result has been returned, from the portal (the owner), a desk device, or a paper
 * form an officer of the agency enters.
 */
export function ratingRoutes(app: App, { db }: Deps): void {
  /** Refuses before writing; the unique dossier_id also refuses a concurrent second rating. */
  async function record(req: FastifyRequest, d: DossierRow, input: RatingInput, source: 'portal' | 'device' | 'paper', enteredBy: string | null): Promise<RatingRow> {
    const [existing] = await db.select({ id: dossierRatings.id }).from(dossierRatings).where(eq(dossierRatings.dossierId, d.id));
    const refusal = ratingRefusal(d, !!existing);
    if (refusal === 'already-rated') throw problems.conflict(`Hồ sơ ${d.code} đã được đánh giá; mỗi mã hồ sơ chỉ đánh giá một lần`);
    if (refusal === 'not-completed') throw problems.business('Chỉ đánh giá được khi hồ sơ đã trả kết quả');
    try {
      return await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(dossierRatings)
          .values({
            dossierId: d.id,
            agencyCode: d.agencyCode,
            source,
            overall: input.overall,
            convenience: input.convenience,
            timeliness: input.timeliness,
            attitude: input.attitude,
            comment: input.comment?.trim() ? nfc(input.comment.trim()) : null,
            enteredBy,
          })
          .returning();
        // The audit names the action and the dossier, never the answers next to a person.
        await appendAudit(tx, { actorId: req.user!.id, actorName: req.user!.username, action: `rating.${source}`, targetType: 'dossier', targetId: d.id, ip: req.ip, requestId: req.id });
        return row!;
      });
    } catch (e) {
      const code = (e as { code?: string; cause?: { code?: string } }).code ?? (e as { cause?: { code?: string } }).cause?.code;
      if (code === '23505') throw problems.conflict(`Hồ sơ ${d.code} đã được đánh giá; mỗi mã hồ sơ chỉ đánh giá một lần`);
      throw e;
    }
  }

  async function mine(req: FastifyRequest, id: string): Promise<DossierRow> {
    const [d] = await db.select().from(dossiers).where(eq(dossiers.id, id));
    // Another citizen's dossier, or an officer asking, is a missing dossier.
    if (!d || req.user!.kind !== 'citizen' || d.ownerUserId !== req.user!.id) throw problems.notFound('Không có hồ sơ này');
    return d;
  }

  app.get(
    '/api/v1/me/dossiers/:id/rating',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['ratings'],
        summary: 'Đánh giá của tôi về việc giải quyết hồ sơ, và hồ sơ có đánh giá được không',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({
            dossierId: Type.String({ format: 'uuid' }),
            dossierCode: Type.Union([Type.String(), Type.Null()]),
            procedureName: Type.String(),
            agencyCode: Type.String(),
            canRate: Type.Boolean(),
            refusal: Type.Union([Type.Literal('not-completed'), Type.Literal('already-rated'), Type.Null()]),
            rating: Type.Union([Rating, Type.Null()]),
          }),
          401: Problem,
          404: Problem,
        },
      },
    },
    async (req) => {
      const d = await mine(req, req.params.id);
      const [r] = await db.select().from(dossierRatings).where(eq(dossierRatings.dossierId, d.id));
      const refusal = ratingRefusal(d, !!r);
      return { dossierId: d.id, dossierCode: d.code, procedureName: d.procedureName, agencyCode: d.agencyCode, canRate: !refusal, refusal, rating: r ? dto(r, d.code!) : null };
    },
  );

  app.post(
    '/api/v1/me/dossiers/:id/rating',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['ratings'],
        summary: 'Đánh giá mức độ hài lòng (một lần cho mỗi mã hồ sơ, sau khi đã trả kết quả) [002 Art. 12; 004 Art. 14.2]',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: RatingInput,
        response: { 201: Rating, 400: Problem, 401: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const d = await mine(req, req.params.id);
      const r = await record(req, d, req.body, 'portal', null);
      return reply.code(201).send(dto(r, d.code!));
    },
  );

  async function byCode(code: string): Promise<DossierRow> {
    const [d] = await db.select().from(dossiers).where(eq(dossiers.code, code.trim()));
    if (!d) throw problems.notFound(`Không có hồ sơ số ${code}`);
    return d;
  }

  app.post(
    '/api/v1/ratings/device',
    {
      config: { access: access.roles(DEVICE_ROLES) },
      schema: {
        tags: ['ratings'],
        summary: 'Đánh giá từ thiết bị tại bộ phận một cửa (tài khoản máy hoặc cán bộ một cửa của cơ quan) theo mã hồ sơ [002 Art. 18.1]',
        body: CodedRatingInput,
        response: { 201: Rating, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const { dossierCode, ...answers } = req.body;
      const d = await byCode(dossierCode);
      await req.requireAgencyRole(DEVICE_ROLES, d.agencyCode);
      const r = await record(req, d, answers, 'device', null);
      return reply.code(201).send(dto(r, d.code!));
    },
  );

  app.post(
    '/api/v1/agencies/:code/ratings/paper',
    {
      config: { access: access.roles(PAPER_ROLES) },
      schema: {
        tags: ['ratings'],
        summary: 'Nhập phiếu đánh giá giấy của một hồ sơ thuộc cơ quan [002 Art. 18.1]',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }),
        body: CodedRatingInput,
        response: { 201: Rating, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      await req.requireAgencyRole(PAPER_ROLES, req.params.code);
      const { dossierCode, ...answers } = req.body;
      const d = await byCode(dossierCode);
      // A dossier of an agency outside this one's subtree is not this agency's to rate.
      const inTree = await db.execute<{ ok: boolean }>(sql`
        with recursive up(code, parent_code, depth) as (
          select code, parent_code, 0 from agencies where code = ${d.agencyCode}
          union all select a.code, a.parent_code, up.depth + 1 from agencies a join up on a.code = up.parent_code where up.depth < 20
        ) select exists(select 1 from up where code = ${req.params.code}) as ok`);
      if (!inTree.rows[0]?.ok) throw problems.notFound(`Không có hồ sơ số ${dossierCode} tại cơ quan ${req.params.code}`);
      const r = await record(req, d, answers, 'paper', req.user!.id);
      return reply.code(201).send(dto(r, d.code!));
    },
  );
}
