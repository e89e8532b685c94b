import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import { access, maskEmail, maskPhone, nfc, Problem, type Role } from '@motcua/domain';
import type { App, Deps } from '../http/types.ts';
import { problems } from '../http/problem.ts';
import { auditAs } from '../audit.ts';
import { messageTemplates, notificationAttempts, notifications } from '../db/schema.ts';
import { placeholdersOf, renderMessage, TemplateSyntaxError, type Channel, type Locale } from './render.ts';
import { loadTemplates } from './store.ts';
import { allowedPlaceholders, builtInTemplate, CHANNELS, EVENTS, isEvent, LOCALES } from './templates.ts';

const LOG_READERS: Role[] = ['system_admin', 'controller'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const lit = (xs: readonly string[]) => Type.Union(xs.map((x) => Type.Literal(x)));

const InboxItem = Type.Object({
  id: Uuid,
  event: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Nullable(Type.String({ description: 'The main action: the dossier lookup page, the back-office dossier …' })),
  dossierId: Nullable(Uuid),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Nullable(Type.String({ format: 'date-time' })),
});

const DeliveryItem = Type.Object({
  id: Uuid,
  channel: Type.String(),
  event: Type.String(),
  locale: Type.String(),
  recipient: Nullable(Type.String({ description: 'Masked e-mail address or phone number' })),
  recipientUserId: Nullable(Uuid),
  dossierId: Nullable(Uuid),
  status: Type.String({ description: 'pending | sent | failed | read' }),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String({ format: 'date-time', description: 'When a pending row is tried next' })),
  lastError: Nullable(Type.String()),
  sentAt: Nullable(Type.String({ format: 'date-time' })),
  readAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  attemptLog: Type.Array(Type.Object({ at: Type.String({ format: 'date-time' }), ok: Type.Boolean(), detail: Nullable(Type.String()) })),
});

const TemplateText = Type.Object({ subject: Nullable(Type.String()), body: Type.String() });
const TemplateItem = Type.Object({
  key: Type.String({ description: 'The event' }),
  channel: Type.String(),
  locale: Type.String(),
  subject: Nullable(Type.String({ description: 'E-mail subject or inbox title; null for SMS' })),
  body: Type.String(),
  overridden: Type.Boolean({ description: "True when the administrator's text replaces the built-in one" }),
  builtIn: TemplateText,
  placeholders: Type.Array(Type.String(), { description: 'Names usable as {{name}}, {{#name}}…{{/name}} (shown if present) and {{^name}}…{{/name}} (shown if absent)' }),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
  updatedBy: Nullable(Uuid),
});
const TemplateParams = Type.Object({ key: lit(EVENTS), channel: lit(CHANNELS), locale: lit(LOCALES) });
const TemplateBody = Type.Object(
  {
    subject: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 300 }))),
    body: Type.String({ minLength: 1, maxLength: 5000 }),
  },
  { additionalProperties: false },
);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Addresses inside an SMTP error ("550 <huong@example.vn>: no such user") are personal data too. */
function maskText(s: string | null): string | null {
  if (!s) return s;
  return s.replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, (m) => maskEmail(m) ?? '***').replace(/(?<!\d)(?:\+84|0)\d{8,10}(?!\d)/g, (m) => maskPhone(m) ?? '***');
}

/**
 * Notifications over HTTP: the signed-in account's inbox (in-app channel), the delivery log an
 * operator reads when an applicant says "I got nothing", and the administrator's message texts.
 */
export function notificationRoutes(app: App, { db, config }: Deps): void {
  // ── The inbox ────────────────────────────────────────────────────────────────────────────

  app.get(
    '/api/v1/me/notifications',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['notifications'],
        summary: 'Thông báo của tôi (trên Cổng Dịch vụ công / Hệ thống một cửa) [004 Art. 12.2.b]',
        querystring: Type.Object({
          unreadOnly: Type.Boolean({ default: false }),
          order: Type.Union([Type.Literal('unread-first'), Type.Literal('newest')], { default: 'unread-first', description: 'unread-first: unread messages (newest first), then read ones' }),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(InboxItem), total: Type.Integer(), unread: Type.Integer() }), 401: Problem },
      },
    },
    async (req) => {
      const { unreadOnly, order, page, pageSize } = req.query;
      const mine = and(eq(notifications.recipientUserId, req.user!.id), eq(notifications.channel, 'in-app'));
      const where = unreadOnly ? and(mine, isNull(notifications.readAt)) : mine;
      const [rows, [total], [unread]] = await Promise.all([
        db
          .select()
          .from(notifications)
          .where(where)
          .orderBy(...(order === 'unread-first' ? [sql`${notifications.readAt} is null desc`] : []), desc(notifications.createdAt), desc(notifications.id)).limit(pageSize).offset((page - 1) * pageSize),
        db.select({ n: count() }).from(notifications).where(where),
        db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt))),
      ]);
      // Rendered when read, in the recipient's language, with the administrator's current text.
      const resolve = await loadTemplates(db, rows.map((r) => r.template).filter(isEvent));
      const items = rows.map((r) => {
        const locale: Locale = r.locale === 'en' ? 'en' : 'vi';
        const m = isEvent(r.template)
          ? renderMessage(resolve(r.template, 'in-app', locale), { event: r.template, channel: 'in-app', locale, data: r.data, publicUrl: config.publicUrl })
          : { subject: r.template, text: '', link: null };
        return { id: r.id, event: r.template, title: m.subject ?? '', body: m.text, link: m.link, dossierId: r.dossierId, createdAt: r.createdAt.toISOString(), readAt: iso(r.readAt) };
      });
      return { items, total: total!.n, unread: unread!.n };
    },
  );

  // Marking read is not audited: it changes nothing but the reader's own inbox, and an audit row
  // per click would serialise every reader on the audit chain's lock.
  app.post(
    '/api/v1/me/notifications/:id/read',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['notifications'],
        summary: 'Đánh dấu một thông báo là đã đọc',
        params: Type.Object({ id: Uuid }),
        response: { 200: Type.Object({ id: Uuid, readAt: Type.String({ format: 'date-time' }) }), 401: Problem, 404: Problem },
      },
    },
    async (req) => {
      // Someone else's notification is "not found", never "forbidden": ids reveal nothing [SPEC §18].
      const [r] = await db
        .update(notifications)
        .set({ status: 'read', readAt: sql`coalesce(${notifications.readAt}, now())` })
        .where(and(eq(notifications.id, req.params.id), eq(notifications.recipientUserId, req.user!.id), eq(notifications.channel, 'in-app')))
        .returning({ id: notifications.id, readAt: notifications.readAt });
      if (!r) throw problems.notFound('Không có thông báo này');
      return { id: r.id, readAt: r.readAt!.toISOString() };
    },
  );

  app.post(
    '/api/v1/me/notifications/read-all',
    {
      config: { access: access.authenticated },
      schema: { tags: ['notifications'], summary: 'Đánh dấu mọi thông báo là đã đọc', response: { 200: Type.Object({ updated: Type.Integer() }), 401: Problem } },
    },
    async (req) => {
      const rows = await db
        .update(notifications)
        .set({ status: 'read', readAt: sql`now()` })
        .where(and(eq(notifications.recipientUserId, req.user!.id), eq(notifications.channel, 'in-app'), isNull(notifications.readAt)))
        .returning({ id: notifications.id });
      return { updated: rows.length };
    },
  );

  // ── The delivery log ─────────────────────────────────────────────────────────────────────

  app.get(
    '/api/v1/admin/notifications',
    {
      config: { access: access.roles(LOG_READERS) },
      schema: {
        tags: ['notifications'],
        summary: 'Nhật ký gửi thông báo (thư điện tử, SMS, trên cổng) với từng lần gửi; địa chỉ người nhận được che',
        description: 'A system administrator sees every notification; a controller only those of dossiers of agencies in their scope.',
        querystring: Type.Object({
          status: Type.Optional(lit(['pending', 'sent', 'failed', 'read'])),
          channel: Type.Optional(lit(CHANNELS)),
          event: Type.Optional(lit(EVENTS)),
          dossierId: Type.Optional(Uuid),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(DeliveryItem), total: Type.Integer() }), 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      const q = req.query;
      const where: SQL[] = [];
      if (q.status) where.push(eq(notifications.status, q.status));
      if (q.channel) where.push(eq(notifications.channel, q.channel));
      if (q.event) where.push(eq(notifications.template, q.event));
      if (q.dossierId) where.push(eq(notifications.dossierId, q.dossierId));
      if (!req.user!.roles.some((r) => r.role === 'system_admin')) {
        // A controller's scope is their agencies and everything below them; notifications with no
        // dossier (accounts) are the system administrator's alone.
        const roots = req.agencyScopes(['controller']);
        where.push(sql`${notifications.dossierId} in (select d.id from dossiers d where d.agency_code in (
          with recursive down(code) as (select code from agencies where code in ${roots}
            union select a.code from agencies a join down on a.parent_code = down.code) select code from down))`);
      }
      const cond = where.length ? and(...where) : undefined;
      const [rows, [total]] = await Promise.all([
        db.select().from(notifications).where(cond).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(notifications).where(cond),
      ]);
      const attempts = rows.length ? await db.select().from(notificationAttempts).where(inArray(notificationAttempts.notificationId, rows.map((r) => r.id))).orderBy(notificationAttempts.id) : [];
      return {
        total: total!.n,
        items: rows.map((r) => ({
          id: r.id,
          channel: r.channel,
          event: r.template,
          locale: r.locale,
          recipient: r.channel === 'email' ? maskEmail(r.recipientAddress) : r.channel === 'sms' ? maskPhone(r.recipientAddress) : null,
          recipientUserId: r.recipientUserId,
          dossierId: r.dossierId,
          status: r.status,
          attempts: r.attempts,
          nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt.toISOString() : null,
          lastError: maskText(r.lastError),
          sentAt: iso(r.sentAt),
          readAt: iso(r.readAt),
          createdAt: r.createdAt.toISOString(),
          attemptLog: attempts.filter((a) => a.notificationId === r.id).map((a) => ({ at: a.at.toISOString(), ok: a.ok, detail: maskText(a.detail) })),
        })),
      };
    },
  );

  // ── Message texts ────────────────────────────────────────────────────────────────────────

  app.get(
    '/api/v1/admin/message-templates',
    {
      config: { access: access.roles(['system_admin'], 'any') },
      schema: {
        tags: ['notifications'],
        summary: 'Mẫu nội dung thông báo theo sự kiện, kênh và ngôn ngữ (mẫu sẵn có và mẫu quản trị viên sửa)',
        response: { 200: Type.Object({ items: Type.Array(TemplateItem) }), 401: Problem, 403: Problem },
      },
    },
    async () => {
      const rows = await db.select().from(messageTemplates);
      const items = EVENTS.flatMap((event) =>
        CHANNELS.flatMap((channel) =>
          LOCALES.map((locale) => {
            const builtIn = builtInTemplate(event, channel, locale);
            const o = rows.find((r) => r.key === event && r.channel === channel && r.locale === locale);
            return {
              key: event,
              channel,
              locale,
              subject: o ? (channel === 'sms' ? null : (o.subject ?? builtIn.subject)) : builtIn.subject,
              body: o?.body ?? builtIn.body,
              overridden: !!o,
              builtIn,
              placeholders: allowedPlaceholders(event),
              updatedAt: iso(o?.updatedAt ?? null),
              updatedBy: o?.updatedBy ?? null,
            };
          }),
        ),
      );
      return { items };
    },
  );

  app.put(
    '/api/v1/admin/message-templates/:key/:channel/:locale',
    {
      config: { access: access.roles(['system_admin'], 'any') },
      schema: {
        tags: ['notifications'],
        summary: 'Sửa mẫu nội dung thông báo; chỉ dùng được các biến của sự kiện đó',
        params: TemplateParams,
        body: TemplateBody,
        response: { 200: TemplateItem, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (req) => {
      const { key: event, channel, locale } = req.params as { key: (typeof EVENTS)[number]; channel: Channel; locale: Locale };
      const subject = req.body.subject ? nfc(req.body.subject) : null;
      const body = nfc(req.body.body);
      // Every refusal before the write: a refused edit changes nothing.
      if (channel === 'sms' && subject) throw problems.field('subject', 'Tin nhắn SMS không có tiêu đề', 'An SMS has no subject');
      if (channel !== 'sms' && !subject) throw problems.field('subject', 'Cần có tiêu đề', 'A subject (title) is required');
      const allowed = allowedPlaceholders(event);
      const errors: { field: string; message: string; messageEn: string }[] = [];
      for (const [field, text] of [['subject', subject], ['body', body]] as const) {
        if (!text) continue;
        let used: string[];
        try {
          used = placeholdersOf(text);
        } catch (e) {
          if (!(e instanceof TemplateSyntaxError)) throw e;
          errors.push({ field, message: e.message, messageEn: 'Malformed placeholder or section' });
          continue;
        }
        const unknown = used.filter((p) => !allowed.includes(p));
        if (unknown.length)
          errors.push({
            field,
            message: `Biến không dùng được cho sự kiện này: ${unknown.map((u) => `{{${u}}}`).join(', ')}. Các biến dùng được: ${allowed.join(', ')}`,
            messageEn: `Unknown placeholder(s) for ${event}: ${unknown.join(', ')}`,
          });
      }
      if (errors.length) throw problems.validation(errors);
      const row = await db.transaction(async (tx) => {
        const v = { key: event, channel, locale, subject, body, updatedAt: new Date(), updatedBy: req.user!.id };
        const [r] = await tx
          .insert(messageTemplates)
          .values(v)
          .onConflictDoUpdate({ target: [messageTemplates.key, messageTemplates.channel, messageTemplates.locale], set: { subject, body, updatedAt: v.updatedAt, updatedBy: v.updatedBy } })
          .returning();
        await auditAs(req, tx, { action: 'message-template.put', targetType: 'message-template', targetId: `${event}/${channel}/${locale}`, data: { subject, body } });
        return r!;
      });
      return {
        key: event,
        channel,
        locale,
        subject: row.subject,
        body: row.body,
        overridden: true,
        builtIn: builtInTemplate(event, channel, locale),
        placeholders: allowed,
        updatedAt: iso(row.updatedAt),
        updatedBy: row.updatedBy,
      };
    },
  );

  app.delete(
    '/api/v1/admin/message-templates/:key/:channel/:locale',
    {
      config: { access: access.roles(['system_admin'], 'any') },
      schema: {
        tags: ['notifications'],
        summary: 'Bỏ mẫu đã sửa, dùng lại mẫu sẵn có',
        params: TemplateParams,
        response: { 204: Type.Null(), 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req, reply) => {
      const { key, channel, locale } = req.params;
      const done = await db.transaction(async (tx) => {
        const gone = await tx
          .delete(messageTemplates)
          .where(and(eq(messageTemplates.key, key), eq(messageTemplates.channel, channel), eq(messageTemplates.locale, locale)))
          .returning({ key: messageTemplates.key });
        if (!gone.length) return false;
        await auditAs(req, tx, { action: 'message-template.delete', targetType: 'message-template', targetId: `${key}/${channel}/${locale}` });
        return true;
      });
      if (!done) throw problems.notFound('Mẫu này chưa được sửa: đang dùng mẫu sẵn có');
      return reply.code(204).send(null);
    },
  );
}
