import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import { access, Problem, searchKey, type Role } from '@motcua/domain';
import { DossierSubmission, isDossierCode } from '@motcua/domain/dossier/index.ts';
import { parseInstant, formatInstant } from '@motcua/domain/calendar/index.ts';
import type { App, Deps } from '../../http/types.ts';
import { HttpProblem, problems } from '../../http/problem.ts';
import { dossierEvents, dossiers } from '../../db/schema.ts';
import { actOnDossier, actOnDossierWithFiles, canRead, submitDossier, type ActionInput, type DossierDeps } from './service.ts';
import { ActionBody, DossierView, HandoverWarning, LookupView } from './schemas.ts';
import { deskClockOf, dossierView, lookupView, warningOf } from './view.ts';
import { agencySubtrees, textArray } from './scope.ts';
import { overdueNow } from './overdue.ts';

const OFFICERS: Role[] = ['reception', 'specialist', 'head', 'leader', 'controller', 'agency_admin', 'system_admin'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Instants in action bodies arrive as ISO text; the lifecycle works in epoch ms. */
function toActionInput(body: Record<string, unknown>): ActionInput {
  const out: Record<string, unknown> = { ...body };
  for (const k of ['replyBy', 'when', 'newAppointment', 'paidAt']) {
    if (typeof body[k] === 'string') {
      const t = parseInstant(body[k] as string);
      if (t === null) throw problems.field(k, 'Thời điểm không đúng định dạng ISO 8601', 'Not an ISO 8601 instant');
      out[k] = t;
    }
  }
  return out as ActionInput;
}

export function dossierRoutes(app: App, deps: Deps): void {
  const { db, calendar, config } = deps;
  const dd: DossierDeps = { db, calendar, publicUrl: config.publicUrl };

  app.post(
    '/api/v1/dossiers',
    {
      // Per account, not per IP: many citizens reach the portal through one carrier NAT.
      config: { access: access.authenticated, rateLimit: { max: config.submissionsPerMinute, timeWindow: '1 minute', keyGenerator: (req) => req.user?.id ?? req.ip } },
      schema: {
        tags: ['dossiers'],
        summary: 'Nộp hồ sơ (công dân trực tuyến; cán bộ một cửa nhập hồ sơ trực tiếp; bưu chính nộp thay)',
        description:
          'Send an `Idempotency-Key` header (8–100 of A–Z a–z 0–9 _ -): a retry with the same key answers 200 with the same dossier instead of creating another. The answer carries the official receipt instant.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{8,100}$' })) }),
        body: DossierSubmission,
        response: { 200: DossierView, 201: DossierView, 400: Problem, 403: Problem },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'] ?? null;
      const { row, created, files } = await submitDossier(dd, req.user!, req.body, key);
      return reply.code(created ? 201 : 200).send(await dossierView(db, calendar, req.user!, row, files));
    },
  );

  app.get(
    '/api/v1/dossiers/:id',
    {
      config: { access: access.authenticated },
      schema: { tags: ['dossiers'], summary: 'Chi tiết hồ sơ và các thao tác người dùng được làm lúc này', params: IdParams, response: { 200: DossierView, 404: Problem } },
    },
    async (req) => {
      const row = (await db.select().from(dossiers).where(eq(dossiers.id, req.params.id)))[0];
      // Another citizen's or agency's dossier is indistinguishable from a missing one.
      if (!row || !(await canRead(db, req.user!, row))) throw problems.notFound('Không tìm thấy hồ sơ');
      return dossierView(db, calendar, req.user!, row, undefined, Date.now(), { clocks: true });
    },
  );

  app.get(
    '/api/v1/dossiers/:id/events',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['dossiers'],
        summary: 'Tiến trình xử lý: mọi thao tác, không sửa được (ai, khi nào, từ bước nào sang bước nào, nội dung)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ seq: Type.Integer(), type: Type.String(), at: Type.String(), recordedAt: Type.String(), by: Type.Union([Type.String(), Type.Null()]), event: Type.Unknown() })) }), 404: Problem },
      },
    },
    async (req) => {
      const row = (await db.select().from(dossiers).where(eq(dossiers.id, req.params.id)))[0];
      if (!row || !(await canRead(db, req.user!, row))) throw problems.notFound('Không tìm thấy hồ sơ');
      const evs = await db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, row.id)).orderBy(asc(dossierEvents.seq));
      return { items: evs.map((e) => ({ seq: e.seq, type: e.type, at: formatInstant(e.at.getTime()), recordedAt: formatInstant(e.recordedAt.getTime()), by: e.byUserId, event: e.event })) };
    },
  );

  app.post(
    '/api/v1/dossiers/:id/actions',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['dossiers'],
        summary: 'Thao tác trên hồ sơ: tiếp nhận, yêu cầu bổ sung, từ chối, chuyển, trả lại, phân công, xin ý kiến, xác minh, duyệt, ký, gia hạn, trả kết quả…',
        description:
          'One endpoint for every lifecycle action; `type` selects it. A dossier the caller may not see is 404; an action the caller may not take now is 403; a rule of the legal clock or a missing reason is 422 with a machine-readable `keyword`. A refused action changes nothing.',
        params: IdParams,
        body: ActionBody,
        response: { 200: DossierView, 400: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req) => {
      const { row, files } = await actOnDossierWithFiles(dd, req.user!, req.params.id, toActionInput(req.body as Record<string, unknown>));
      return dossierView(db, calendar, req.user!, row, files);
    },
  );

  app.post(
    '/api/v1/dossiers/bulk-actions',
    {
      config: { access: access.roles(OFFICERS, 'any') },
      schema: {
        tags: ['dossiers'],
        summary: 'Áp dụng một thao tác cho nhiều hồ sơ; mỗi hồ sơ thành công hoặc thất bại riêng (003 Điều 17.5)',
        body: Type.Object({ ids: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 200, uniqueItems: true }), action: ActionBody }, { additionalProperties: false }),
        response: {
          200: Type.Object({ results: Type.Array(Type.Object({ id: Type.String(), ok: Type.Boolean(), status: Type.Integer(), code: Type.Union([Type.String(), Type.Null()]), problem: Type.Optional(Problem) })) }),
          400: Problem,
        },
      },
    },
    async (req) => {
      const input = toActionInput(req.body.action as Record<string, unknown>);
      const results = [];
      // One transaction per dossier: one failure never undoes the others.
      for (const id of req.body.ids) {
        try {
          const row = await actOnDossier(dd, req.user!, id, input);
          results.push({ id, ok: true, status: 200, code: row.code });
        } catch (e) {
          if (!(e instanceof HttpProblem)) throw e;
          results.push({ id, ok: false, status: e.status, code: null, problem: e.toJSON() });
        }
      }
      return { results };
    },
  );

  app.get(
    '/api/v1/me/dossiers',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['dossiers'],
        summary: 'Hồ sơ của tôi (công dân)',
        querystring: Type.Object({
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          sort: Type.Union([Type.Literal('received'), Type.Literal('appointment'), Type.Literal('status')], {
            default: 'received',
            description: 'received: newest first; appointment: soonest first, none last; status: grouped by phase, newest first within',
          }),
        }),
        response: { 200: Type.Object({ items: Type.Array(DossierView), total: Type.Integer() }), 400: Problem },
      },
    },
    async (req) => {
      const cond = eq(dossiers.ownerUserId, req.user!.id);
      // The order is the server's, so that paging walks one order (the page sorts nothing itself).
      const order =
        req.query.sort === 'appointment'
          ? [sql`${dossiers.appointment} asc nulls last`, desc(dossiers.submittedAt), asc(dossiers.id)]
          : req.query.sort === 'status'
            ? [asc(dossiers.phase), desc(dossiers.submittedAt), asc(dossiers.id)]
            : [desc(dossiers.submittedAt), asc(dossiers.id)];
      const rows = await db.select().from(dossiers).where(cond).orderBy(...order).limit(req.query.pageSize).offset((req.query.page - 1) * req.query.pageSize);
      const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(dossiers).where(cond)) as [{ n: number }];
      return { items: await Promise.all(rows.map((r) => dossierView(db, calendar, req.user!, r))), total: n };
    },
  );

  app.get(
    '/api/v1/worklists/:list',
    {
      config: { access: access.roles(OFFICERS, 'any') },
      schema: {
        tags: ['dossiers'],
        summary: 'Danh sách công việc: của tôi, của phòng, hồ sơ chờ tiếp nhận, chờ chuyển xử lý, chờ trả lời xin ý kiến, phần việc liên thông, quá hạn, chờ trả kết quả',
        params: Type.Object({
          list: Type.Union([Type.Literal('mine'), Type.Literal('department'), Type.Literal('reception'), Type.Literal('handover'), Type.Literal('consultations'), Type.Literal('tasks'), Type.Literal('overdue'), Type.Literal('results')]),
        }),
        querystring: Type.Object({
          procedure: Type.Optional(Type.String({ maxLength: 40 })),
          channel: Type.Optional(Type.Union([Type.Literal('direct'), Type.Literal('online'), Type.Literal('postal')])),
          status: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
          q: Type.Optional(Type.String({ maxLength: 200 })),
          sort: Type.Union([Type.Literal('deadline'), Type.Literal('-deadline'), Type.Literal('received')], { default: 'deadline' }),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                code: Type.Union([Type.String(), Type.Null()]),
                procedureCode: Type.String(),
                procedureName: Type.String(),
                applicantName: Type.String(),
                channel: Type.String(),
                exchangeStatus: Type.String(),
                step: Type.Union([Type.String(), Type.Null()]),
                submittedAt: Type.String(),
                deadline: Type.Union([Type.String(), Type.Null()]),
                appointment: Type.Union([Type.String(), Type.Null()]),
                warning: Type.Union([Type.Object({ state: Type.String(), workingMinutesLeft: Type.Union([Type.Number(), Type.Null()]), step: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
                handoverDue: Type.Union([Type.String({ description: 'At the desk: when the 8 working hours from system receipt (or acceptance) to hand over end [001 Art. 8.1.b]' }), Type.Null()]),
                handoverWarning: Type.Union([HandoverWarning, Type.Null()]),
              }),
            ),
            total: Type.Integer(),
          }),
        },
      },
    },
    async (req) => {
      const user = req.user!;
      const q = req.query;
      // One instant for the whole list: the overdue condition and each item's warning agree.
      const now = Date.now();
      const scopes = user.roles.filter((r) => OFFICERS.includes(r.role));
      // The agencies each role covers (its agency's subtree) are resolved first, so every list is a
      // plain `agency_code = any(…)` the partial indexes of open dossiers answer (a correlated
      // recursive subquery in the condition kept the planner off them).
      const subtrees = await agencySubtrees(db, scopes.map((r) => r.agencyCode));
      const scopeAgencies = [...new Set(scopes.flatMap((r) => subtrees.get(r.agencyCode) ?? []))];
      const inScope = sql`${dossiers.agencyCode} = any(${textArray(scopeAgencies)})`;
      const active = sql`${dossiers.phase} in ('processing', 'result-ready')`;
      const where: SQL[] = [];
      switch (req.params.list) {
        case 'mine':
          where.push(eq(dossiers.holderUserId, user.id), active);
          break;
        case 'department': {
          // Group-held dossiers whose role (and department, if any) the caller holds in that agency's scope.
          const conds = scopes.map(
            (r) =>
              sql`(${dossiers.holderRole} = ${r.role} and ${dossiers.agencyCode} = any(${textArray(subtrees.get(r.agencyCode) ?? [])}) and (${dossiers.holderDepartment} is null or ${dossiers.holderDepartment} = ${r.departmentCode ?? null}::text or ${r.departmentCode ?? null}::text is null))`,
          );
          where.push(sql`(${sql.join(conds, sql` or `)})`, sql`${dossiers.holderRole} is not null`, active);
          break;
        }
        case 'reception':
          where.push(sql`${dossiers.phase} in ('submitted', 'incomplete')`, inScope);
          break;
        case 'handover':
          where.push(eq(dossiers.phase, 'processing'), sql`${dossiers.stepCode} = ${dossiers.process}->'steps'->0->>'code'`, inScope);
          break;
        case 'results':
          where.push(eq(dossiers.phase, 'result-ready'), inScope);
          break;
        case 'consultations':
          where.push(
            // Answered from dossiers_open_consultations_idx (migration 0010): the same expression.
            sql`dossier_open_consultation_agencies(${dossiers.state}) && ${textArray(scopeAgencies)}`,
            eq(dossiers.phase, 'processing'),
          );
          break;
        case 'tasks':
          // Inter-agency tasks my agencies have not answered yet.
          where.push(
            sql`dossier_open_task_agencies(${dossiers.state}) && ${textArray(scopeAgencies)}`,
            eq(dossiers.phase, 'processing'),
          );
          break;
        case 'overdue':
          // The same rule as each item's warning, shared with the leaders' overdue-by-department figure.
          where.push(await overdueNow(calendar, now), inScope);
          break;
      }
      if (q.procedure) where.push(eq(dossiers.procedureCode, q.procedure));
      if (q.channel) where.push(eq(dossiers.channel, q.channel));
      if (q.status) where.push(eq(dossiers.exchangeStatus, q.status));
      if (q.q) where.push(sql`(${dossiers.applicantKey} like ${`%${searchKey(q.q).replace(/[%_\\]/g, '\\$&')}%`} or ${dossiers.code} = ${q.q.trim()})`);
      const cond = and(...where);
      const order = q.sort === 'received' ? [desc(dossiers.submittedAt)] : q.sort === '-deadline' ? [sql`${dossiers.deadline} desc nulls last`] : [sql`${dossiers.deadline} asc nulls last`, asc(dossiers.submittedAt)];
      // The page and the total separately: a window count over the page query would fetch every
      // matching (wide) row from the heap; the count alone is answered from the index.
      const [rows, [counted]] = await Promise.all([
        db
          .select({ d: dossiers })
          .from(dossiers)
          .where(cond)
          .orderBy(...order)
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(dossiers).where(cond),
      ]);
      const items = await Promise.all(
        rows.map(async ({ d }) => ({
          id: d.id,
          code: d.code,
          procedureCode: d.procedureCode,
          procedureName: d.procedureName,
          applicantName: d.applicantName,
          channel: d.channel,
          exchangeStatus: d.exchangeStatus,
          step: d.stepCode,
          submittedAt: formatInstant(d.submittedAt.getTime()),
          deadline: d.deadline ? formatInstant(d.deadline.getTime()) : null,
          appointment: d.appointment ? formatInstant(d.appointment.getTime()) : null,
          warning: await warningOf(calendar, d, now),
          ...(await deskClockOf(calendar, d, now)),
        })),
      );
      return { items, total: counted?.n ?? 0 };
    },
  );

  app.get(
    '/api/v1/lookup/:code',
    {
      config: { access: access.public, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['dossiers'],
        summary: 'Tra cứu hồ sơ theo mã (mã QR trên phiếu): chỉ các thông tin công khai của SPEC §12',
        params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        response: { 200: LookupView, 404: Problem },
      },
    },
    async (req) => {
      const code = req.params.code.trim();
      const row = isDossierCode(code) ? (await db.select().from(dossiers).where(eq(dossiers.code, code)))[0] : undefined;
      if (!row) throw problems.notFound(`Không có hồ sơ mã ${code}`);
      return lookupView(db, calendar, row);
    },
  );

  app.get(
    '/api/v1/lookup',
    {
      config: { access: access.public, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['dossiers'],
        summary: 'Tra cứu hồ sơ theo số định danh và họ tên (cả hai phải khớp; giới hạn số lần) — 001 Điều 12.7.a',
        querystring: Type.Object({ idNumber: Type.String({ pattern: '^\\d{12}$' }), fullName: Type.String({ minLength: 2, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(LookupView) }), 400: Problem },
      },
    },
    async (req) => {
      const rows = await db
        .select()
        .from(dossiers)
        .where(and(eq(dossiers.applicantIdNumber, req.query.idNumber), sql`${dossiers.code} is not null`))
        .orderBy(desc(dossiers.submittedAt))
        .limit(50);
      // Both must match; the name is compared without diacritics or case so typing does not matter.
      const name = searchKey(req.query.fullName);
      const mine = rows.filter((r) => searchKey(r.applicant.fullName) === name);
      return { items: await Promise.all(mine.map((r) => lookupView(db, calendar, r))) };
    },
  );
}
