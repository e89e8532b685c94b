/**
 * Schemas (TypeBox, JSON Schema) and defaults for the working-time engine: the calendar
 * definition, day overrides, the official-schedule import format, time limits and the per-province
 * deadline policy. The server validates input and generates OpenAPI from these; the engine uses
 * the `Static<>` types. One schema per concept.
 */
import { Type, type Static } from 'typebox';

export const IsoDateString = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  format: 'date',
  description: 'Local date in Vietnam, YYYY-MM-DD',
});

export const ClockTime = Type.String({
  pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$',
  description: 'Local clock time HH:mm (00:00–24:00)',
});

/** A working session (buổi làm việc), e.g. 07:30–11:30. */
export const WorkingSession = Type.Object(
  { start: ClockTime, end: ClockTime },
  { additionalProperties: false, description: 'A working session [start, end) of local clock time; start < end' },
);
export type WorkingSession = Static<typeof WorkingSession>;

const Sessions = Type.Array(WorkingSession, { maxItems: 8 });

/** The sessions of each weekday. A day with no session is a weekly day off (ngày nghỉ hằng tuần). */
export const WeeklySessions = Type.Object(
  { mon: Sessions, tue: Sessions, wed: Sessions, thu: Sessions, fri: Sessions, sat: Sessions, sun: Sessions },
  { additionalProperties: false },
);
export type WeeklySessions = Static<typeof WeeklySessions>;

export const DayOverrideKind = Type.Union([Type.Literal('holiday'), Type.Literal('makeup'), Type.Literal('working')], {
  description:
    'holiday: a day off (public holiday, swapped day off, ad-hoc closure); makeup: a make-up working day (đi làm bù), normally a Saturday; working: a normal working day (cancels a generated holiday, or sets custom sessions)',
});
export type DayOverrideKind = Static<typeof DayOverrideKind>;

/** An administrator's decision about one day; wins over the official schedule and the generated holidays. */
export const DayOverride = Type.Object(
  {
    date: IsoDateString,
    kind: DayOverrideKind,
    label: Type.String({ minLength: 1, maxLength: 200, description: 'Vietnamese label' }),
    labelEn: Type.Optional(Type.String({ maxLength: 200 })),
    sessions: Type.Optional(Sessions),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type DayOverride = Static<typeof DayOverride>;

export const OfficialScheduleEntry = Type.Object(
  {
    date: IsoDateString,
    kind: DayOverrideKind,
    label: Type.String({ minLength: 1, maxLength: 200 }),
    labelEn: Type.String({ minLength: 1, maxLength: 200 }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type OfficialScheduleEntry = Static<typeof OfficialScheduleEntry>;

export const OfficialScheduleSource = Type.Object(
  {
    document: Type.String({ minLength: 1, description: 'e.g. "Thông báo số 9441/TB-BNV"' }),
    issuer: Type.String({ minLength: 1 }),
    issuedOn: Type.String({ pattern: '^\\d{4}-\\d{2}(-\\d{2})?$', description: 'YYYY-MM-DD, or YYYY-MM when the day is unknown' }),
    covers: Type.String({ description: 'Which days this source decides' }),
    url: Type.String({ minLength: 1, description: 'Where the source was read' }),
  },
  { additionalProperties: false },
);
export type OfficialScheduleSource = Static<typeof OfficialScheduleSource>;

/** The official schedule of one year for civil servants (import format). */
export const OfficialScheduleYear = Type.Object(
  {
    year: Type.Integer({ minimum: 1990, maximum: 2199 }),
    complete: Type.Boolean({
      description:
        'true: the entries list every day off of the year and replace the generated Labour-Code holidays of that year; false: they are layered on them',
    }),
    sources: Type.Array(OfficialScheduleSource),
    entries: Type.Array(OfficialScheduleEntry),
    notes: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type OfficialScheduleYear = Static<typeof OfficialScheduleYear>;

export const HolidayRules = Type.Object(
  {
    generate: Type.Boolean({ description: 'Pre-fill the Labour-Code holidays (BLLĐ 2019 Art. 112) for years without a complete official schedule' }),
    tetDaysBefore: Type.Integer({ minimum: 0, maximum: 5, description: 'Tết days before mùng 1 (default 1)' }),
    nationalDayAdjacent: Type.Union([Type.Literal('auto'), Type.Literal('before'), Type.Literal('after')]),
    compensate: Type.Boolean({ description: 'BLLĐ Art. 111.3: a holiday on a weekly day off is compensated on the next working day' }),
  },
  { additionalProperties: false },
);
export type HolidayRules = Static<typeof HolidayRules>;

/** A working calendar: weekly sessions, holiday rules, official schedules and overrides. */
export const CalendarDefinition = Type.Object(
  {
    week: WeeklySessions,
    makeupSessions: Type.Array(WorkingSession, {
      minItems: 1,
      maxItems: 8,
      description: 'Sessions of a make-up day (làm bù) that has no sessions of its own',
    }),
    dayMinutes: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1440,
        description:
          'Length of one working day in minutes for "N working days" limits; default: the most common weekday length (480 for 07:30–11:30 + 13:00–17:00)',
      }),
    ),
    holidays: HolidayRules,
    official: Type.Array(OfficialScheduleYear),
    overrides: Type.Array(DayOverride),
  },
  { additionalProperties: false },
);
export type CalendarDefinition = Static<typeof CalendarDefinition>;

/**
 * An amount of working time — a procedure's time limit (thời hạn giải quyết), a step budget. The
 * catalogue's `TimeLimit` (catalogue/procedure.ts: working days or hours) is a structural subset
 * and can be passed wherever a WorkingDuration is taken.
 */
export const WorkingDuration = Type.Object(
  {
    unit: Type.Union([Type.Literal('working-days'), Type.Literal('working-hours'), Type.Literal('working-minutes')]),
    value: Type.Number({ minimum: 0, maximum: 3650 }),
  },
  { additionalProperties: false },
);
export type WorkingDuration = Static<typeof WorkingDuration>;

/** The rules a province chooses (SPEC §8: configuration with a documented default). */
export const DeadlinePolicy = Type.Object(
  {
    cutoff: Type.Union([ClockTime, Type.Null()], {
      description:
        'Daily cut-off: a receipt on a working day at or after it counts from the start of the next working day (000 Art. 21.2: 15:00; 002 Art. 9.1: 17:00). null = none',
    }),
    appointment: Type.Union([Type.Literal('next-session'), Type.Literal('deadline')], {
      description: "next-session: start of the session after the deadline's session (003 Art. 18.3); deadline: the deadline itself",
    }),
    onTime: Type.Union([Type.Literal('by-day'), Type.Literal('by-instant')], {
      description: 'by-day: compare result date with appointment date (002 Art. 14.4); by-instant: result ≤ deadline (003 Art. 18.6)',
    }),
    overdueFrom: Type.Union([Type.Literal('appointment'), Type.Literal('deadline')], {
      description: 'An unresolved dossier is overdue after this instant (002 Art. 14.4.d and 003 Art. 21.a: the appointment)',
    }),
    dueSoonMinutes: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'Due-soon warning below this many working minutes left; null = one working day (003 Art. 21.b)',
    }),
    apologyLeadWorkingDays: Type.Integer({
      minimum: 0,
      maximum: 30,
      description:
        'An apology/extension must be made on or before the working day this many working days before the deadline date (NĐ 61 Art. 19.9: 1); 0 = only before the appointment (003 Art. 19.1.a)',
    }),
    maxApologies: Type.Integer({ minimum: 0, maximum: 10, description: 'Re-appointments allowed per dossier (NĐ 61 Art. 19.9: once)' }),
  },
  { additionalProperties: false },
);
export type DeadlinePolicy = Static<typeof DeadlinePolicy>;

export const DEFAULT_POLICY: Readonly<DeadlinePolicy> = Object.freeze({
  cutoff: null,
  appointment: 'next-session',
  onTime: 'by-day',
  overdueFrom: 'appointment',
  dueSoonMinutes: null,
  apologyLeadWorkingDays: 1,
  maxApologies: 1,
});

/** Fills a partial policy with the defaults. */
export function resolvePolicy(partial: Partial<DeadlinePolicy> = {}): DeadlinePolicy {
  return { ...DEFAULT_POLICY, ...partial };
}

const STANDARD_DAY: WorkingSession[] = [
  { start: '07:30', end: '11:30' },
  { start: '13:00', end: '17:00' },
];

/**
 * The default calendar: Monday–Friday 07:30–11:30 and 13:00–17:00 (8 working hours), Labour-Code
 * holidays generated, the given official schedules, no overrides.
 */
export function defaultCalendarDefinition(official: readonly OfficialScheduleYear[] = []): CalendarDefinition {
  const day = (): WorkingSession[] => STANDARD_DAY.map((s) => ({ ...s }));
  return {
    week: { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] },
    makeupSessions: day(),
    holidays: { generate: true, tetDaysBefore: 1, nationalDayAdjacent: 'auto', compensate: true },
    official: [...official],
    overrides: [],
  };
}
