import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { access, AgencyCode, Problem, type Role } from '@motcua/domain';
import { checkQueueConfig, QueueConfig, QueueCounterCode, QueueGroupCode, ticketLabel } from '@motcua/domain/queue/ticket.ts';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { agencies, queueCounters, queueGroups, queueSequences, queueTickets } from '../../db/schema.ts';
import { auditAs } from '../../audit.ts';
import { todayVn } from '../catalogue/repo.ts';

/**
 * Queue tickets of the one-stop desk (SPEC §5 "Desk devices"): a kiosk takes a number (public),
 * a reception officer calls the next one to a counter, a screen shows who is called. Numbers
 * restart at 1 every day in each service group and come from a counter row incremented in the
 * taking transaction, like the dossier code: no gaps, no duplicates however many kiosks take at once.
 */
const DESK: Role[] = ['reception'];
const ADMINS: Role[] = ['agency_admin', 'system_admin'];
/** A kiosk is a shared device; a burst of 30 taps a minute from one is already abuse. */
const TAKE_PER_MINUTE = 30;
const MAX_TICKETS_PER_DAY = 9999;

const AgencyParams = Type.Object({ agency: AgencyCode });
const Ticket = Type.Object({
  id: Type.String(),
  label: Type.String(),
  groupCode: Type.String(),
  number: Type.Integer(),
  status: Type.String(),
  takenAt: Type.String(),
  calledAt: Type.Union([Type.String(), Type.Null()]),
  counterCode: Type.Union([Type.String(), Type.Null()]),
});
const GroupView = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.Union([Type.String(), Type.Null()]), waiting: Type.Integer() });
const Board = Type.Object({
  agency: Type.Object({ code: Type.String(), name: Type.String() }),
  day: Type.String(),
  groups: Type.Array(GroupView),
  counters: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), groupCodes: Type.Array(Type.String()), current: Type.Union([Ticket, Type.Null()]) })),
  recent: Type.Array(Ticket),
});

type TicketRow = typeof queueTickets.$inferSelect;
const ticketView = (t: TicketRow) => ({
  id: t.id,
  label: ticketLabel(t.groupCode, t.number),
  groupCode: t.groupCode,
  number: t.number,
  status: t.status,
  takenAt: t.takenAt.toISOString(),
  calledAt: t.calledAt?.toISOString() ?? null,
  counterCode: t.counterCode,
});

export function queueRoutes(app: App, { db }: Deps): void {
  async function agencyOr404(code: string) {
    const a = (await db.select({ code: agencies.code, name: agencies.name }).from(agencies).where(eq(agencies.code, code)))[0];
    if (!a) throw problems.notFound(`Không có cơ quan ${code}`);
    return a;
  }

  async function board(agencyCode: string) {
    const agency = await agencyOr404(agencyCode);
    const day = todayVn();
    const [groups, counters, waiting, called] = await Promise.all([
      db.select().from(queueGroups).where(eq(queueGroups.agencyCode, agencyCode)).orderBy(asc(queueGroups.position)),
      db.select().from(queueCounters).where(eq(queueCounters.agencyCode, agencyCode)).orderBy(asc(queueCounters.code)),
      db
        .select({ groupCode: queueTickets.groupCode, n: sql<number>`count(*)::int` })
        .from(queueTickets)
        .where(and(eq(queueTickets.agencyCode, agencyCode), eq(queueTickets.day, day), eq(queueTickets.status, 'waiting')))
        .groupBy(queueTickets.groupCode),
      db
        .select()
        .from(queueTickets)
        .where(and(eq(queueTickets.agencyCode, agencyCode), eq(queueTickets.day, day), sql`${queueTickets.calledAt} is not null`))
        .orderBy(desc(queueTickets.calledAt))
        .limit(12),
    ]);
    const w = new Map(waiting.map((x) => [x.groupCode, x.n]));
    return {
      agency,
      day,
      groups: groups.map((g) => ({ code: g.code, name: g.name, nameEn: g.nameEn, waiting: w.get(g.code) ?? 0 })),
      counters: counters.map((c) => {
        const cur = called.find((t) => t.counterCode === c.code && t.status === 'called');
        return { code: c.code, name: c.name, groupCodes: c.groupCodes, current: cur ? ticketView(cur) : null };
      }),
      recent: called.map(ticketView),
    };
  }

  app.get(
    '/api/v1/queue/:agency',
    {
      config: { access: access.public, rateLimit: { max: 240, timeWindow: '1 minute' } },
      schema: { tags: ['queue'], summary: 'Bảng xếp hàng của bộ phận một cửa: nhóm dịch vụ, số đang chờ, quầy và số đang gọi (màn hình hiển thị, máy lấy số)', params: AgencyParams, response: { 200: Board, 404: Problem } },
    },
    async (req) => board(req.params.agency),
  );

  app.put(
    '/api/v1/queue/:agency/config',
    {
      config: { access: access.roles(ADMINS) },
      schema: { tags: ['queue'], summary: 'Cấu hình nhóm dịch vụ và quầy của bộ phận một cửa', params: AgencyParams, body: QueueConfig, response: { 200: Board, 400: Problem, 403: Problem, 404: Problem } },
    },
    async (req) => {
      const code = req.params.agency;
      await agencyOr404(code);
      await req.requireAgencyRole(ADMINS, code);
      const errors = checkQueueConfig(req.body);
      if (errors.length) throw problems.validation(errors);
      await db.transaction(async (tx) => {
        await tx.delete(queueCounters).where(eq(queueCounters.agencyCode, code));
        await tx.delete(queueGroups).where(eq(queueGroups.agencyCode, code));
        await tx.insert(queueGroups).values(req.body.groups.map((g, i) => ({ agencyCode: code, code: g.code, name: g.name, nameEn: g.nameEn ?? null, position: i })));
        await tx.insert(queueCounters).values(req.body.counters.map((c) => ({ agencyCode: code, ...c })));
        await auditAs(req, tx, { action: 'queue.config', targetType: 'agency', targetId: code, data: req.body });
      });
      return board(code);
    },
  );

  app.post(
    '/api/v1/queue/:agency/tickets',
    {
      config: { access: access.public, rateLimit: { max: TAKE_PER_MINUTE, timeWindow: '1 minute' } },
      schema: {
        tags: ['queue'],
        summary: 'Lấy số thứ tự (máy lấy số tại bộ phận một cửa)',
        params: AgencyParams,
        body: Type.Object({ groupCode: QueueGroupCode }, { additionalProperties: false }),
        response: { 201: Type.Object({ ticket: Ticket, waitingAhead: Type.Integer(), groupName: Type.String() }), 400: Problem, 404: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const code = req.params.agency;
      await agencyOr404(code);
      const group = (await db.select().from(queueGroups).where(and(eq(queueGroups.agencyCode, code), eq(queueGroups.code, req.body.groupCode))))[0];
      if (!group) throw problems.field('groupCode', `Cơ quan không có nhóm dịch vụ ${req.body.groupCode}`, `No service group ${req.body.groupCode} at this agency`);
      const day = todayVn();
      const { row, ahead } = await db.transaction(async (tx) => {
        // The upsert takes the row lock: concurrent takers queue on it and each gets the next number.
        const [s] = await tx
          .insert(queueSequences)
          .values({ agencyCode: code, groupCode: group.code, day, lastSeq: 1 })
          .onConflictDoUpdate({ target: [queueSequences.agencyCode, queueSequences.groupCode, queueSequences.day], set: { lastSeq: sql`${queueSequences.lastSeq} + 1` } })
          .returning({ seq: queueSequences.lastSeq });
        if (s!.seq > MAX_TICKETS_PER_DAY) throw problems.business(`Nhóm ${group.code} đã phát hết số trong ngày`);
        const [t] = await tx.insert(queueTickets).values({ agencyCode: code, groupCode: group.code, day, number: s!.seq }).returning();
        const [{ n }] = (await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(queueTickets)
          .where(and(eq(queueTickets.agencyCode, code), eq(queueTickets.groupCode, group.code), eq(queueTickets.day, day), eq(queueTickets.status, 'waiting'), sql`${queueTickets.number} < ${s!.seq}`))) as [{ n: number }];
        return { row: t!, ahead: n };
      });
      return reply.code(201).send({ ticket: ticketView(row), waitingAhead: ahead, groupName: group.name });
    },
  );

  app.post(
    '/api/v1/queue/:agency/call-next',
    {
      config: { access: access.roles(DESK) },
      schema: {
        tags: ['queue'],
        summary: 'Gọi số tiếp theo đến quầy (cán bộ một cửa của cơ quan); số đang phục vụ ở quầy được đánh dấu xong',
        params: AgencyParams,
        body: Type.Object({ counterCode: QueueCounterCode }, { additionalProperties: false }),
        response: { 200: Type.Object({ ticket: Type.Union([Ticket, Type.Null()]) }), 400: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const code = req.params.agency;
      await agencyOr404(code);
      await req.requireAgencyRole(DESK, code);
      const counter = (await db.select().from(queueCounters).where(and(eq(queueCounters.agencyCode, code), eq(queueCounters.code, req.body.counterCode))))[0];
      if (!counter) throw problems.field('counterCode', `Không có quầy ${req.body.counterCode}`, `No counter ${req.body.counterCode}`);
      const day = todayVn();
      const row = await db.transaction(async (tx) => {
        await tx
          .update(queueTickets)
          .set({ status: 'done' })
          .where(and(eq(queueTickets.agencyCode, code), eq(queueTickets.counterCode, counter.code), eq(queueTickets.status, 'called')));
        // SKIP LOCKED: two counters calling at once get two different tickets, never the same one.
        const next = (
          await tx
            .select()
            .from(queueTickets)
            .where(and(eq(queueTickets.agencyCode, code), eq(queueTickets.day, day), eq(queueTickets.status, 'waiting'), inArray(queueTickets.groupCode, counter.groupCodes)))
            .orderBy(asc(queueTickets.takenAt), asc(queueTickets.number))
            .limit(1)
            .for('update', { skipLocked: true })
        )[0];
        if (!next) return null;
        const [t] = await tx
          .update(queueTickets)
          .set({ status: 'called', calledAt: new Date(), counterCode: counter.code, calledBy: req.user!.id })
          .where(eq(queueTickets.id, next.id))
          .returning();
        return t!;
      });
      return { ticket: row ? ticketView(row) : null };
    },
  );
}
