import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import { access, AgencyCode, nfc, Problem, searchKey, type Role } from '@motcua/domain';
import { formatInstant, parseInstant } from '@motcua/domain/calendar/index.ts';
import {
  answerDue,
  entryDue,
  FeedbackAnswer,
  FeedbackEntry,
  FeedbackItem,
  FeedbackKindSchema,
  FeedbackRoute,
  type FeedbackEntry as FeedbackEntryBody,
  FeedbackStatusSchema,
  FeedbackSubmission,
  type FeedbackSubmission as FeedbackSubmissionBody,
  PublicFeedback,
} from '@motcua/domain/feedback/feedback.ts';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { agencies, feedbackItems, procedures } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/pool.ts';
import { auditAs } from '../../audit.ts';
import { findAgency } from '../organisation/repo.ts';
import { agencySubtree, feedbackDto, publicFeedbackDto, type FeedbackRow } from './repo.ts';

/** Everyone who works on feedback in an agency sees its list. */
export const FEEDBACK_READERS: readonly Role[] = ['reception', 'specialist', 'head', 'leader', 'controller', 'agency_admin', 'system_admin'];
/** Officers who enter feedback received by e-mail, hotline or paper. */
const ENTERERS: readonly Role[] = ['reception', 'specialist', 'head', 'leader', 'controller', 'agency_admin', 'system_admin'];
const ANSWERERS: readonly Role[] = ['specialist', 'head', 'leader', 'controller', 'agency_admin'];
/** Routing and publishing speak for the agency. */
const DECIDERS: readonly Role[] = ['leader', 'controller', 'agency_admin', 'system_admin'];

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const Page = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};
const FeedbackList = Type.Object({ items: Type.Array(FeedbackItem), total: Type.Integer() });
const PublicFeedbackList = Type.Object({ items: Type.Array(PublicFeedback), total: Type.Integer() });
const Created = Type.Object({ id: Type.String(), dueAt: Type.String(), status: FeedbackStatusSchema });

async function agencyNames(db: DbOrTx, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ code: agencies.code, name: agencies.name }).from(agencies).where(inArray(agencies.code, [...new Set(codes)]));
  return new Map(rows.map((r) => [r.code, r.name]));
}

export function feedbackRoutes(app: App, { db, calendar, config }: Deps): void {
  /** Refusals that name the field, all checked before anything is written. */
  async function checkReferences(body: { agencyCode: string; procedureCode?: string | null | undefined }) {
    const errors = [];
    if (!(await findAgency(db, body.agencyCode))) errors.push({ field: 'agencyCode', message: `Không có cơ quan ${body.agencyCode}`, messageEn: 'Unknown agency' });
    if (body.procedureCode) {
      const p = await db.select({ id: procedures.id }).from(procedures).where(eq(procedures.code, body.procedureCode)).limit(1);
      if (p.length === 0) errors.push({ field: 'procedureCode', message: `Không có thủ tục ${body.procedureCode}`, messageEn: 'Unknown procedure' });
    }
    if (errors.length) throw problems.validation(errors);
  }

  async function insertItem(
    req: Parameters<typeof auditAs>[0],
    body: FeedbackSubmissionBody | FeedbackEntryBody,
    receivedAt: number,
    channel: FeedbackRow['channel'],
  ): Promise<{ row: FeedbackRow; created: boolean }> {
    const existing = (await db.select().from(feedbackItems).where(eq(feedbackItems.idempotencyKey, body.idempotencyKey)))[0];
    if (existing) return { row: sameSubmission(existing, body) ? existing : conflict(), created: false };
    const now = Date.now();
    const { cal } = await calendar.compiled(body.agencyCode, now);
    const dueAt = answerDue(body.kind, receivedAt, cal, config.feedbackClocks);
    const enteredLate = channel !== 'portal' && now > entryDue(receivedAt, cal);
    const title = nfc(body.title.trim());
    const content = nfc(body.content.trim());
    const row = await db.transaction(async (tx) => {
      const [r] = await tx
        .insert(feedbackItems)
        .values({
          kind: body.kind,
          subject: body.subject,
          procedureCode: body.procedureCode ?? null,
          agencyCode: body.agencyCode,
          channel,
          title,
          content,
          senderName: nfc(body.senderName.trim()),
          senderEmail: body.senderEmail ?? null,
          senderPhone: body.senderPhone ?? null,
          senderUserId: channel === 'portal' ? (req.user?.id ?? null) : null,
          private: body.private,
          receivedAt: new Date(receivedAt),
          dueAt: new Date(dueAt),
          enteredAt: new Date(now),
          enteredBy: channel === 'portal' ? null : (req.user?.id ?? null),
          enteredLate,
          status: 'received',
          searchKey: searchKey(`${title} ${content}`),
          idempotencyKey: body.idempotencyKey,
        })
        .onConflictDoNothing({ target: feedbackItems.idempotencyKey })
        .returning();
      if (!r) return null;
      await auditAs(req, tx, { action: 'feedback.receive', targetType: 'feedback', targetId: r.id, data: { kind: r.kind, agencyCode: r.agencyCode, channel } });
      return r;
    });
    if (row) return { row, created: true };
    // A concurrent retry won the insert: answer with its row.
    const again = (await db.select().from(feedbackItems).where(eq(feedbackItems.idempotencyKey, body.idempotencyKey)))[0]!;
    return { row: sameSubmission(again, body) ? again : conflict(), created: false };
  }
  const sameSubmission = (r: FeedbackRow, b: { title: string; content: string; agencyCode: string }) =>
    r.title === nfc(b.title.trim()) && r.content === nfc(b.content.trim()) && r.agencyCode === b.agencyCode;
  const conflict = (): never => {
    throw problems.conflict('Mã chống gửi trùng đã được dùng cho nội dung khác', [{ field: 'idempotencyKey', message: 'Mã đã được dùng', messageEn: 'Key already used for other content' }]);
  };

  /** One item an officer may act on with `roles`; out of scope answers 404 so identifiers cannot be probed. */
  async function itemFor(req: Parameters<typeof auditAs>[0] & { requireAgencyRole: (r: readonly Role[], a: string) => Promise<void> }, id: string, roles: readonly Role[]): Promise<FeedbackRow> {
    const r = (await db.select().from(feedbackItems).where(eq(feedbackItems.id, id)))[0];
    if (!r) throw problems.notFound('Không tìm thấy phản ánh, kiến nghị');
    try {
      await req.requireAgencyRole(FEEDBACK_READERS, r.agencyCode);
    } catch {
      throw problems.notFound('Không tìm thấy phản ánh, kiến nghị');
    }
    await req.requireAgencyRole(roles, r.agencyCode);
    return r;
  }

  async function dto(r: FeedbackRow, full = false) {
    const now = Date.now();
    const { cal } = await calendar.compiled(r.agencyCode, now);
    const names = await agencyNames(db, [r.agencyCode]);
    return feedbackDto(r, names.get(r.agencyCode) ?? r.agencyCode, now, cal, full);
  }

  // ── Portal ──
  app.post(
    '/api/v1/public/feedback',
    {
      config: { access: access.public, rateLimit: { max: config.feedbackSubmissionsPerHour, timeWindow: '1 hour' } },
      schema: {
        tags: ['feedback'],
        summary: 'Gửi phản ánh, kiến nghị, câu hỏi từ Cổng Dịch vụ công (không tiếp nhận khiếu nại, tố cáo — 003 Art. 26.2)',
        body: FeedbackSubmission,
        response: { 200: Created, 201: Created, 400: Problem, 409: Problem, 429: Problem },
      },
    },
    async (req, reply) => {
      await checkReferences(req.body);
      const { row, created } = await insertItem(req, req.body, Date.now(), 'portal');
      return reply.code(created ? 201 : 200).send({ id: row.id, dueAt: formatInstant(row.dueAt.getTime()), status: row.status });
    },
  );

  app.get(
    '/api/v1/public/feedback',
    {
      config: { access: access.public },
      schema: {
        tags: ['feedback'],
        summary: 'Phản ánh, kiến nghị, câu hỏi đã được trả lời và công khai (002 Art. 13.3.c)',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), kind: Type.Optional(FeedbackKindSchema), agency: Type.Optional(AgencyCode), ...Page }, { additionalProperties: false }),
        response: { 200: PublicFeedbackList, 400: Problem },
      },
    },
    async (req) => {
      const { q, kind, agency, page = 1, pageSize = 20 } = req.query;
      // A private item is never published (publish refuses it); the condition here keeps it out even so.
      const where = and(
        isNotNull(feedbackItems.publishedAt),
        eq(feedbackItems.private, false),
        kind ? eq(feedbackItems.kind, kind) : undefined,
        agency ? eq(feedbackItems.agencyCode, agency) : undefined,
        q?.trim() ? ilike(feedbackItems.searchKey, `%${escapeLike(searchKey(q))}%`) : undefined,
      );
      const [{ total }] = (await db.select({ total: sql<number>`count(*)::int` }).from(feedbackItems).where(where)) as [{ total: number }];
      const rows = await db.select().from(feedbackItems).where(where).orderBy(desc(feedbackItems.publishedAt)).limit(pageSize).offset((page - 1) * pageSize);
      const names = await agencyNames(db, rows.map((r) => r.agencyCode));
      return { items: rows.map((r) => publicFeedbackDto(r, names.get(r.agencyCode) ?? r.agencyCode)), total };
    },
  );

  // ── Back office ──
  app.post(
    '/api/v1/feedback',
    {
      config: { access: access.roles(ENTERERS) },
      schema: {
        tags: ['feedback'],
        summary: 'Cán bộ nhập phản ánh, kiến nghị nhận qua thư điện tử, đường dây nóng, văn bản (001 Art. 21.3)',
        body: FeedbackEntry,
        response: { 200: FeedbackItem, 201: FeedbackItem, 400: Problem, 403: Problem, 409: Problem },
      },
    },
    async (req, reply) => {
      await req.requireAgencyRole(ENTERERS, req.body.agencyCode);
      await checkReferences(req.body);
      const receivedAt = parseInstant(req.body.receivedAt);
      if (receivedAt === null || receivedAt > Date.now()) {
        throw problems.field('receivedAt', 'Thời điểm tiếp nhận không hợp lệ hoặc ở tương lai', 'Received instant invalid or in the future');
      }
      const { row, created } = await insertItem(req, req.body, receivedAt, req.body.channel);
      return reply.code(created ? 201 : 200).send(await dto(row, true));
    },
  );

  app.get(
    '/api/v1/feedback',
    {
      config: { access: access.roles(FEEDBACK_READERS) },
      schema: {
        tags: ['feedback'],
        summary: 'Danh sách phản ánh, kiến nghị, câu hỏi của cơ quan, có cảnh báo quá hạn, sắp đến hạn',
        querystring: Type.Object(
          {
            agency: Type.Optional(AgencyCode),
            status: Type.Optional(FeedbackStatusSchema),
            kind: Type.Optional(FeedbackKindSchema),
            warning: Type.Optional(Type.Union([Type.Literal('overdue'), Type.Literal('due-soon')])),
            ...Page,
          },
          { additionalProperties: false },
        ),
        response: { 200: FeedbackList, 400: Problem, 403: Problem },
      },
    },
    async (req) => {
      const { agency, status, kind, warning, page = 1, pageSize = 20 } = req.query;
      if (agency) await req.requireAgencyRole(FEEDBACK_READERS, agency);
      const scope = await agencySubtree(db, agency ? [agency] : req.agencyScopes(FEEDBACK_READERS));
      if (scope.length === 0) return { items: [], total: 0 };
      const now = new Date();
      const conds: (SQL | undefined)[] = [inArray(feedbackItems.agencyCode, scope), status ? eq(feedbackItems.status, status) : undefined, kind ? eq(feedbackItems.kind, kind) : undefined];
      if (warning === 'overdue') conds.push(isNull(feedbackItems.answeredAt), sql`${feedbackItems.dueAt} < ${now}`);
      const where = and(...conds);
      const rows = await db
        .select()
        .from(feedbackItems)
        .where(where)
        .orderBy(sql`${feedbackItems.answeredAt} is null desc`, asc(feedbackItems.dueAt));
      const { cal } = await calendar.compiled(null, now.getTime());
      const names = await agencyNames(db, rows.map((r) => r.agencyCode));
      let items = rows.map((r) => feedbackDto(r, names.get(r.agencyCode) ?? r.agencyCode, now.getTime(), cal));
      // "Due soon" depends on working time left, which only the engine knows.
      if (warning === 'due-soon') items = items.filter((i) => i.warning === 'due-soon');
      return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length };
    },
  );

  app.get(
    '/api/v1/feedback/:id',
    {
      config: { access: access.roles(FEEDBACK_READERS) },
      schema: { tags: ['feedback'], summary: 'Một phản ánh, kiến nghị (đầy đủ thông tin liên hệ để trả lời)', params: IdParams, response: { 200: FeedbackItem, 404: Problem } },
    },
    async (req) => dto(await itemFor(req, req.params.id, FEEDBACK_READERS), true),
  );

  app.post(
    '/api/v1/feedback/:id/route',
    {
      config: { access: access.roles(DECIDERS) },
      schema: {
        tags: ['feedback'],
        summary: 'Chuyển phản ánh, kiến nghị đến cơ quan có thẩm quyền (hạn trả lời vẫn tính từ khi tiếp nhận)',
        params: IdParams,
        body: FeedbackRoute,
        response: { 200: FeedbackItem, 400: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req) => {
      const r = await itemFor(req, req.params.id, DECIDERS);
      if (r.answeredAt) throw problems.business('Phản ánh đã được trả lời, không chuyển được', [{ field: 'status', message: 'Đã trả lời', messageEn: 'Already answered' }]);
      if (!(await findAgency(db, req.body.agencyCode))) throw problems.field('agencyCode', `Không có cơ quan ${req.body.agencyCode}`, 'Unknown agency');
      if (req.body.agencyCode === r.agencyCode) throw problems.field('agencyCode', 'Phản ánh đã thuộc cơ quan này', 'Already with this agency');
      const row = await db.transaction(async (tx) => {
        const [u] = await tx.update(feedbackItems).set({ agencyCode: req.body.agencyCode }).where(and(eq(feedbackItems.id, r.id), isNull(feedbackItems.answeredAt))).returning();
        if (!u) throw problems.conflict('Phản ánh vừa được xử lý, vui lòng tải lại');
        await auditAs(req, tx, { action: 'feedback.route', targetType: 'feedback', targetId: r.id, data: { from: r.agencyCode, to: req.body.agencyCode, note: req.body.note } });
        return u;
      });
      return dto(row);
    },
  );

  app.post(
    '/api/v1/feedback/:id/answer',
    {
      config: { access: access.roles(ANSWERERS) },
      schema: {
        tags: ['feedback'],
        summary: 'Trả lời phản ánh, kiến nghị, câu hỏi (sửa được cho đến khi công khai)',
        params: IdParams,
        body: FeedbackAnswer,
        response: { 200: FeedbackItem, 400: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req) => {
      const r = await itemFor(req, req.params.id, ANSWERERS);
      if (r.publishedAt) throw problems.business('Câu trả lời đã công khai, không sửa được', [{ field: 'status', message: 'Đã công khai', messageEn: 'Already published' }]);
      const row = await db.transaction(async (tx) => {
        const answeredAt = r.answeredAt ?? new Date();
        const [u] = await tx
          .update(feedbackItems)
          .set({ answer: nfc(req.body.answer.trim()), answeredAt, answeredBy: req.user!.id, status: 'answered' })
          .where(and(eq(feedbackItems.id, r.id), isNull(feedbackItems.publishedAt)))
          .returning();
        if (!u) throw problems.conflict('Phản ánh vừa được công khai, vui lòng tải lại');
        await auditAs(req, tx, { action: 'feedback.answer', targetType: 'feedback', targetId: r.id });
        return u;
      });
      return dto(row);
    },
  );

  app.post(
    '/api/v1/feedback/:id/publish',
    {
      config: { access: access.roles(DECIDERS) },
      schema: {
        tags: ['feedback'],
        summary: 'Công khai câu trả lời trên Cổng Dịch vụ công (không công khai khi người gửi yêu cầu bảo mật)',
        params: IdParams,
        response: { 200: FeedbackItem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req) => {
      const r = await itemFor(req, req.params.id, DECIDERS);
      if (r.private) throw problems.business('Người gửi yêu cầu không công khai', [{ field: 'private', message: 'Người gửi yêu cầu không công khai', messageEn: 'The sender asked for privacy' }]);
      if (!r.answeredAt) throw problems.business('Chưa có câu trả lời để công khai', [{ field: 'answer', message: 'Chưa trả lời', messageEn: 'Not answered yet' }]);
      if (r.publishedAt) return dto(r);
      const row = await db.transaction(async (tx) => {
        const [u] = await tx
          .update(feedbackItems)
          .set({ publishedAt: new Date(), publishedBy: req.user!.id, status: 'published' })
          .where(and(eq(feedbackItems.id, r.id), isNull(feedbackItems.publishedAt), eq(feedbackItems.private, false)))
          .returning();
        if (!u) return (await tx.select().from(feedbackItems).where(eq(feedbackItems.id, r.id)))[0]!;
        await auditAs(req, tx, { action: 'feedback.publish', targetType: 'feedback', targetId: r.id });
        return u;
      });
      return dto(row);
    },
  );
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
