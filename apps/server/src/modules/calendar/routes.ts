import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { access, AgencyCode, Problem } from '@motcua/domain';
import {
  ClockTime,
  computeDeadline,
  DayOverride,
  DeadlinePolicy,
  formatInstant,
  HolidayRules,
  IsoDateString,
  listDays,
  OfficialScheduleYear,
  parseInstant,
  validateCalendarDefinition,
  WeeklySessions,
  WorkingSession,
  type DeadlinePolicy as Policy,
} from '@motcua/domain/calendar/index.ts';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { agencyCalendars, calendarOfficialYears, calendarOverrides, calendarSettings } from '../../db/schema.ts';
import { auditAs } from '../../audit.ts';
import { findAgency } from '../organisation/repo.ts';
import { bumpRevision, CALENDAR_FIRST_YEAR, calendarLastYear, loadCalendarView } from './service.ts';

const MAX_DAYS = 366;
const DAY_KINDS = Type.Union([Type.Literal('working'), Type.Literal('weekend'), Type.Literal('holiday'), Type.Literal('makeup')]);
const ADMINS = ['system_admin'] as const;
const OFFICERS = ['reception', 'specialist', 'head', 'leader', 'controller', 'agency_admin', 'system_admin'] as const;

const Settings = Type.Object(
  {
    week: WeeklySessions,
    makeupSessions: Type.Array(WorkingSession, { minItems: 1, maxItems: 8 }),
    dayMinutes: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 1440 }), Type.Null()])),
    holidays: HolidayRules,
    policy: DeadlinePolicy,
  },
  { additionalProperties: false },
);

const OverrideBody = Type.Omit(DayOverride, ['date'], { additionalProperties: false });

export function calendarRoutes(app: App, { db, calendar }: Deps): void {
  // This instance sees its own calendar changes at once (others within a second).
  app.addHook('onResponse', async (req) => {
    if (req.method !== 'GET' && (req.url.startsWith('/api/v1/calendar') || /^\/api\/v1\/agencies\/[^/]+\/calendar/.test(req.url))) calendar.forget();
  });
  async function knownAgency(code: string | undefined, field: string) {
    if (code && !(await findAgency(db, code))) throw problems.field(field, `Không có cơ quan ${code}`, 'Unknown agency');
  }

  app.get(
    '/api/v1/calendar/deadline',
    {
      config: { access: access.public },
      schema: {
        tags: ['calendar'],
        summary: 'Tính hạn xử lý và ngày hẹn trả theo thời gian làm việc (SPEC §8)',
        description: 'Give exactly one of workingDays / workingHours. Instants are ISO 8601 with +07:00 (Asia/Ho_Chi_Minh).',
        querystring: Type.Object(
          {
            receivedAt: Type.String({ minLength: 10, maxLength: 40, description: 'ISO 8601 instant with an offset, e.g. 2026-11-23T16:30:00+07:00' }),
            workingDays: Type.Optional(Type.Number({ minimum: 0, maximum: 365 })),
            workingHours: Type.Optional(Type.Number({ minimum: 0, maximum: 2920 })),
            agency: Type.Optional(AgencyCode),
            cutoff: Type.Optional(ClockTime),
            appointment: Type.Optional(Type.Union([Type.Literal('next-session'), Type.Literal('deadline')])),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ receivedAt: Type.String(), countedFrom: Type.String(), deadline: Type.String(), appointment: Type.String(), workingMinutes: Type.Integer() }),
          400: Problem,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const received = parseInstant(q.receivedAt);
      if (received === null) throw problems.field('querystring.receivedAt', 'Thời điểm không đúng định dạng ISO 8601 (ví dụ 2026-11-23T16:30:00+07:00)', 'Not an ISO 8601 instant');
      if ((q.workingDays === undefined) === (q.workingHours === undefined)) {
        throw problems.field('querystring.workingDays', 'Cần đúng một trong hai: workingDays hoặc workingHours', 'Give exactly one of workingDays or workingHours');
      }
      await knownAgency(q.agency, 'querystring.agency');
      const { cal, policy } = await calendar.compiled(q.agency ?? null);
      const eff: Policy = { ...policy, ...(q.cutoff ? { cutoff: q.cutoff } : {}), ...(q.appointment ? { appointment: q.appointment } : {}) };
      const limit = q.workingDays !== undefined ? { unit: 'working-days' as const, value: q.workingDays } : { unit: 'working-hours' as const, value: q.workingHours! };
      let r;
      try {
        r = computeDeadline(received, limit, cal, eff);
      } catch (e) {
        if (e instanceof RangeError) throw problems.field('querystring.receivedAt', `Ngoài khoảng lịch làm việc đã có (${CALENDAR_FIRST_YEAR}–${cal.toYear})`, 'Outside the calendar range');
        throw e;
      }
      return {
        receivedAt: formatInstant(received),
        countedFrom: formatInstant(r.countedFrom),
        deadline: formatInstant(r.deadline),
        appointment: formatInstant(r.appointment),
        workingMinutes: Math.round(limit.unit === 'working-days' ? limit.value * cal.dayMinutes : limit.value * 60),
      };
    },
  );

  app.get(
    '/api/v1/calendar/days',
    {
      config: { access: access.public },
      schema: {
        tags: ['calendar'],
        summary: 'Lịch làm việc từng ngày: ngày làm việc, nghỉ cuối tuần, nghỉ lễ (kể cả ngày nghỉ hoán đổi), ngày làm bù',
        querystring: Type.Object({ from: IsoDateString, to: IsoDateString, agency: Type.Optional(AgencyCode) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            days: Type.Array(
              Type.Object({
                date: Type.String(),
                kind: DAY_KINDS,
                label: Type.Optional(Type.String()),
                labelEn: Type.Optional(Type.String()),
                source: Type.String(),
                workingMinutes: Type.Integer(),
                sessions: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
              }),
            ),
          }),
          400: Problem,
        },
      },
    },
    async (req) => {
      const { from, to, agency } = req.query;
      if (to < from) throw problems.field('querystring.to', 'Ngày kết thúc phải sau ngày bắt đầu', 'to must not be before from');
      const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000 + 1;
      if (!(span <= MAX_DAYS)) throw problems.field('querystring.to', `Tối đa ${MAX_DAYS} ngày mỗi lần`, `At most ${MAX_DAYS} days`);
      await knownAgency(agency, 'querystring.agency');
      const { cal } = await calendar.compiled(agency ?? null);
      if (Number(from.slice(0, 4)) < cal.fromYear || Number(to.slice(0, 4)) > cal.toYear) {
        throw problems.field('querystring.from', `Ngoài khoảng lịch làm việc đã có (${cal.fromYear}–${cal.toYear})`, 'Outside the calendar range');
      }
      return { days: listDays(from, to, cal) };
    },
  );

  app.get(
    '/api/v1/calendar/settings',
    {
      config: { access: access.roles(OFFICERS, 'any') },
      schema: {
        tags: ['calendar'],
        summary: 'Cấu hình lịch làm việc: giờ làm việc, quy tắc ngày lễ, chính sách tính hạn, lịch nghỉ chính thức từng năm, ngày điều chỉnh',
        response: {
          200: Type.Object({
            revision: Type.Integer(),
            settings: Settings,
            officialYears: Type.Array(Type.Object({ year: Type.Integer(), origin: Type.Union([Type.Literal('shipped'), Type.Literal('imported')]), data: OfficialScheduleYear })),
            overrides: Type.Array(DayOverride),
            range: Type.Object({ fromYear: Type.Integer(), toYear: Type.Integer() }),
          }),
        },
      },
    },
    async () => {
      const v = await loadCalendarView(db);
      return {
        revision: v.revision,
        settings: { week: v.definition.week, makeupSessions: v.definition.makeupSessions, dayMinutes: v.definition.dayMinutes ?? null, holidays: v.definition.holidays, policy: v.policy },
        officialYears: v.officialYears,
        overrides: v.overrides,
        range: { fromYear: CALENDAR_FIRST_YEAR, toYear: calendarLastYear() },
      };
    },
  );

  /** Checks a definition the way the engine will compile it, naming the failing part. */
  async function checkDefinition(change: (d: Awaited<ReturnType<typeof loadCalendarView>>['definition']) => void, field: string) {
    const v = await loadCalendarView(db);
    const def = structuredClone(v.definition);
    change(def);
    const issues = validateCalendarDefinition(def);
    // The engine says "week.mon: …" or "makeupSessions: …": name that field when it says one.
    if (issues.length)
      throw problems.validation(
        issues.map((m) => {
          const named = /^(week(\.\w+)?|makeupSessions)\b/.exec(m)?.[1];
          return { field: named ?? field, message: `Lịch làm việc không hợp lệ: ${m}`, messageEn: m };
        }),
      );
  }

  app.put(
    '/api/v1/calendar/settings',
    {
      config: { access: access.roles(ADMINS) },
      schema: { tags: ['calendar'], summary: 'Sửa giờ làm việc, quy tắc ngày lễ và chính sách tính hạn của tỉnh', body: Settings, response: { 204: Type.Null(), 400: Problem, 403: Problem } },
    },
    async (req, reply) => {
      await req.requireAgencyRole(ADMINS, null);
      const b = req.body;
      await checkDefinition((d) => {
        d.week = b.week;
        d.makeupSessions = b.makeupSessions;
        d.holidays = b.holidays;
        if (b.dayMinutes) d.dayMinutes = b.dayMinutes;
        else delete d.dayMinutes;
      }, 'week');
      await db.transaction(async (tx) => {
        await bumpRevision(tx, req.user!.id);
        await tx.update(calendarSettings).set({ week: b.week, makeupSessions: b.makeupSessions, dayMinutes: b.dayMinutes ?? null, holidays: b.holidays, policy: b.policy }).where(eq(calendarSettings.id, 1));
        await auditAs(req, tx, { action: 'calendar.settings', targetType: 'calendar', data: b });
      });
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/calendar/days/:date',
    {
      config: { access: access.roles(ADMINS) },
      schema: {
        tags: ['calendar'],
        summary: 'Điều chỉnh một ngày (nghỉ, làm bù, làm việc bình thường) — áp dụng cho các hạn tính sau thời điểm này',
        params: Type.Object({ date: IsoDateString }),
        body: OverrideBody,
        response: { 200: DayOverride, 400: Problem, 403: Problem },
      },
    },
    async (req) => {
      await req.requireAgencyRole(ADMINS, null);
      const o = { date: req.params.date, ...req.body };
      await checkDefinition((d) => {
        d.overrides = [...d.overrides.filter((x) => x.date !== o.date), o];
      }, 'sessions');
      await db.transaction(async (tx) => {
        await bumpRevision(tx, req.user!.id);
        const row = { kind: o.kind, label: o.label, labelEn: o.labelEn ?? null, sessions: o.sessions ?? null, note: o.note ?? null, createdBy: req.user!.id, createdAt: new Date() };
        await tx.insert(calendarOverrides).values({ date: o.date, ...row }).onConflictDoUpdate({ target: calendarOverrides.date, set: row });
        await auditAs(req, tx, { action: 'calendar.day', targetType: 'calendar-day', targetId: o.date, data: o });
      });
      return o;
    },
  );

  app.delete(
    '/api/v1/calendar/days/:date',
    {
      config: { access: access.roles(ADMINS) },
      schema: { tags: ['calendar'], summary: 'Bỏ điều chỉnh của một ngày (trở về lịch chính thức / lịch sinh tự động)', params: Type.Object({ date: IsoDateString }), response: { 204: Type.Null(), 403: Problem, 404: Problem } },
    },
    async (req, reply) => {
      await req.requireAgencyRole(ADMINS, null);
      await db.transaction(async (tx) => {
        const gone = await tx.delete(calendarOverrides).where(eq(calendarOverrides.date, req.params.date)).returning();
        if (!gone.length) throw problems.notFound(`Ngày ${req.params.date} không có điều chỉnh`);
        await bumpRevision(tx, req.user!.id);
        await auditAs(req, tx, { action: 'calendar.day-removed', targetType: 'calendar-day', targetId: req.params.date, data: gone[0] });
      });
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/calendar/official-years/:year',
    {
      config: { access: access.roles(ADMINS) },
      schema: {
        tags: ['calendar'],
        summary: 'Nhập lịch nghỉ chính thức của một năm (JSON, có trích nguồn văn bản); thay lịch có sẵn của năm đó',
        params: Type.Object({ year: Type.Integer({ minimum: 1990, maximum: 2199 }) }),
        body: OfficialScheduleYear,
        response: { 204: Type.Null(), 400: Problem, 403: Problem },
      },
    },
    async (req, reply) => {
      await req.requireAgencyRole(ADMINS, null);
      const y = req.body;
      if (y.year !== req.params.year) throw problems.field('year', 'Năm trong nội dung phải trùng năm trên đường dẫn', 'year must match the path');
      const stray = y.entries.findIndex((e) => !e.date.startsWith(`${y.year}-`));
      if (stray >= 0) throw problems.field(`entries.${stray}.date`, `Ngày không thuộc năm ${y.year}`, 'Date outside the year');
      await checkDefinition((d) => {
        d.official = [...d.official.filter((x) => x.year !== y.year), y];
      }, 'entries');
      await db.transaction(async (tx) => {
        await bumpRevision(tx, req.user!.id);
        await tx.insert(calendarOfficialYears).values({ year: y.year, data: y, importedBy: req.user!.id }).onConflictDoUpdate({ target: calendarOfficialYears.year, set: { data: y, importedBy: req.user!.id, importedAt: new Date() } });
        await auditAs(req, tx, { action: 'calendar.official-year', targetType: 'calendar-year', targetId: String(y.year), data: { entries: y.entries.length, sources: y.sources.map((s) => s.document) } });
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/calendar/official-years/:year',
    {
      config: { access: access.roles(ADMINS) },
      schema: { tags: ['calendar'], summary: 'Bỏ lịch chính thức đã nhập của một năm (trở về lịch có sẵn)', params: Type.Object({ year: Type.Integer({ minimum: 1990, maximum: 2199 }) }), response: { 204: Type.Null(), 403: Problem, 404: Problem } },
    },
    async (req, reply) => {
      await req.requireAgencyRole(ADMINS, null);
      await db.transaction(async (tx) => {
        const gone = await tx.delete(calendarOfficialYears).where(eq(calendarOfficialYears.year, req.params.year)).returning();
        if (!gone.length) throw problems.notFound(`Năm ${req.params.year} chưa có lịch nhập`);
        await bumpRevision(tx, req.user!.id);
        await auditAs(req, tx, { action: 'calendar.official-year-removed', targetType: 'calendar-year', targetId: String(req.params.year) });
      });
      return reply.code(204).send(null);
    },
  );

  const AgencySessions = Type.Object({ week: WeeklySessions, makeupSessions: Type.Array(WorkingSession, { minItems: 1, maxItems: 8 }), note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });

  app.get(
    '/api/v1/agencies/:code/calendar',
    {
      config: { access: access.public },
      schema: {
        tags: ['calendar'],
        summary: 'Giờ làm việc riêng của cơ quan (null: theo giờ làm việc của tỉnh)',
        params: Type.Object({ code: AgencyCode }),
        response: { 200: Type.Object({ own: Type.Union([AgencySessions, Type.Null()]) }), 404: Problem },
      },
    },
    async (req) => {
      await knownAgency(req.params.code, 'params.code');
      const [own] = await db.select().from(agencyCalendars).where(eq(agencyCalendars.agencyCode, req.params.code));
      return { own: own ? { week: own.week, makeupSessions: own.makeupSessions, ...(own.note ? { note: own.note } : {}) } : null };
    },
  );

  app.put(
    '/api/v1/agencies/:code/calendar',
    {
      config: { access: access.roles(['system_admin', 'agency_admin']) },
      schema: { tags: ['calendar'], summary: 'Đặt giờ làm việc riêng của cơ quan', params: Type.Object({ code: AgencyCode }), body: AgencySessions, response: { 204: Type.Null(), 400: Problem, 403: Problem, 404: Problem } },
    },
    async (req, reply) => {
      if (!(await findAgency(db, req.params.code))) throw problems.notFound(`Không có cơ quan ${req.params.code}`);
      await req.requireAgencyRole(['system_admin', 'agency_admin'], req.params.code);
      const b = req.body;
      await checkDefinition((d) => {
        d.week = b.week;
        d.makeupSessions = b.makeupSessions;
      }, 'week');
      await db.transaction(async (tx) => {
        await bumpRevision(tx, req.user!.id);
        const row = { week: b.week, makeupSessions: b.makeupSessions, note: b.note ?? null, updatedAt: new Date(), updatedBy: req.user!.id };
        await tx.insert(agencyCalendars).values({ agencyCode: req.params.code, ...row }).onConflictDoUpdate({ target: agencyCalendars.agencyCode, set: row });
        await auditAs(req, tx, { action: 'calendar.agency-sessions', targetType: 'agency', targetId: req.params.code, data: b });
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/agencies/:code/calendar',
    {
      config: { access: access.roles(['system_admin', 'agency_admin']) },
      schema: { tags: ['calendar'], summary: 'Bỏ giờ làm việc riêng (trở về giờ làm việc của tỉnh)', params: Type.Object({ code: AgencyCode }), response: { 204: Type.Null(), 403: Problem, 404: Problem } },
    },
    async (req, reply) => {
      if (!(await findAgency(db, req.params.code))) throw problems.notFound(`Không có cơ quan ${req.params.code}`);
      await req.requireAgencyRole(['system_admin', 'agency_admin'], req.params.code);
      await db.transaction(async (tx) => {
        const gone = await tx.delete(agencyCalendars).where(eq(agencyCalendars.agencyCode, req.params.code)).returning();
        if (!gone.length) throw problems.notFound('Cơ quan không có giờ làm việc riêng');
        await bumpRevision(tx, req.user!.id);
        await auditAs(req, tx, { action: 'calendar.agency-sessions-removed', targetType: 'agency', targetId: req.params.code });
      });
      return reply.code(204).send(null);
    },
  );
}
