import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { access, Problem } from '@motcua/domain';
import { formatInstant } from '@motcua/domain/calendar/index.ts';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { dossiers, dossierWithdrawalRequests } from '../../db/schema.ts';
import { canRead, type DossierRow } from './service.ts';

/**
 * Văn bản đề nghị rút hồ sơ [003 Art. 19.2.c; SPEC §7]: the applicant asks, with a reason, in the
 * portal; the desk records the withdrawal (action `withdraw`) and the dossier stops. Only where the
 * desk can record it: while processing or awaiting a supplement.
 */
const WITHDRAWABLE = new Set(['processing', 'awaiting-supplement']);

export const WithdrawalRequestBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }) }, { additionalProperties: false });
export const WithdrawalRequestView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reason: Type.String(),
  requestedAt: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('recorded'), Type.Literal('closed')], { description: 'open: the desk has not acted; recorded: the dossier was withdrawn; closed: the dossier ended otherwise' }),
});
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

type RequestRow = typeof dossierWithdrawalRequests.$inferSelect;
function view(r: RequestRow, d: DossierRow) {
  const status = d.phase === 'withdrawn' ? 'recorded' : WITHDRAWABLE.has(d.phase) ? 'open' : 'closed';
  return { id: r.id, reason: r.reason, requestedAt: formatInstant(r.requestedAt.getTime()), status } as const;
}

export function withdrawalRoutes(app: App, { db }: Deps): void {
  const readable = async (user: Parameters<typeof canRead>[1], id: string) => {
    const row = (await db.select().from(dossiers).where(eq(dossiers.id, id)))[0];
    // Another citizen's dossier is indistinguishable from a missing one.
    if (!row || !(await canRead(db, user, row))) throw problems.notFound('Không tìm thấy hồ sơ');
    return row;
  };

  app.post(
    '/api/v1/dossiers/:id/withdrawal-request',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['dossiers'],
        summary: 'Người nộp đề nghị rút hồ sơ (có lý do); bộ phận một cửa ghi nhận việc rút',
        description: 'Only the citizen who owns the dossier. One request per dossier: sending again answers 200 with the first request.',
        params: IdParams,
        body: WithdrawalRequestBody,
        response: { 200: WithdrawalRequestView, 201: WithdrawalRequestView, 400: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const user = req.user!;
      const row = await readable(user, req.params.id);
      if (row.ownerUserId !== user.id) throw problems.forbidden('Chỉ người nộp hồ sơ được đề nghị rút hồ sơ');
      const prior = (await db.select().from(dossierWithdrawalRequests).where(eq(dossierWithdrawalRequests.dossierId, row.id)))[0];
      if (prior) return reply.code(200).send(view(prior, row));
      if (!WITHDRAWABLE.has(row.phase)) {
        throw problems.business('Hồ sơ ở trạng thái này không rút được', [
          { field: 'dossier', message: 'Chỉ rút được hồ sơ đang giải quyết hoặc đang chờ bổ sung', messageEn: 'Only a dossier being processed or awaiting a supplement can be withdrawn', keyword: 'not-withdrawable' },
        ]);
      }
      const inserted = await db.insert(dossierWithdrawalRequests).values({ dossierId: row.id, requestedBy: user.id, reason: req.body.reason.trim() }).onConflictDoNothing().returning();
      // A concurrent second click lost the insert: answer with the request that won.
      if (!inserted[0]) return reply.code(200).send(view((await db.select().from(dossierWithdrawalRequests).where(eq(dossierWithdrawalRequests.dossierId, row.id)))[0]!, row));
      return reply.code(201).send(view(inserted[0], row));
    },
  );

  app.get(
    '/api/v1/dossiers/:id/withdrawal-request',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['dossiers'],
        summary: 'Đề nghị rút hồ sơ của người nộp, nếu có (người nộp và cán bộ của cơ quan)',
        params: IdParams,
        response: { 200: WithdrawalRequestView, 404: Problem },
      },
    },
    async (req) => {
      const row = await readable(req.user!, req.params.id);
      const r = (await db.select().from(dossierWithdrawalRequests).where(eq(dossierWithdrawalRequests.dossierId, row.id)))[0];
      if (!r) throw problems.notFound('Hồ sơ chưa có đề nghị rút');
      return view(r, row);
    },
  );
}
