import { asc, eq, sql } from 'drizzle-orm';
import {
  compileCalendar,
  defaultCalendarDefinition,
  OFFICIAL_SCHEDULES,
  resolvePolicy,
  type CalendarDefinition,
  type CompiledCalendar,
  type DayOverride,
  type DeadlinePolicy,
  type OfficialScheduleYear,
} from '@motcua/domain/calendar/index.ts';
import { agencyCalendars, calendarOfficialYears, calendarOverrides, calendarSettings } from '../../db/schema.ts';
import type { Db, DbOrTx } from '../../db/pool.ts';

/**
 * The working calendar in force, assembled from the database and compiled once per revision.
 * Layers (later wins): Labour-Code holidays generated from the solar/lunar rules → official yearly
 * schedules (shipped with the product, replaced year by year by an administrator's import) →
 * administrator day overrides. An agency with its own sessions gets the same days with its hours.
 *
 * Every change to any layer bumps `calendar_settings.revision` in its own transaction; readers
 * check the revision (one indexed row) and recompile only when it moved, so several server
 * instances agree without any cache invalidation messages.
 */
export const CALENDAR_FIRST_YEAR = 2019;
export const calendarLastYear = (now = Date.now()) => new Date(now).getUTCFullYear() + 6;

export interface CalendarView {
  revision: number;
  definition: CalendarDefinition;
  policy: DeadlinePolicy;
  officialYears: { year: number; origin: 'shipped' | 'imported'; data: OfficialScheduleYear }[];
  overrides: DayOverride[];
}

export interface Compiled {
  revision: number;
  cal: CompiledCalendar;
  policy: DeadlinePolicy;
}

export async function currentRevision(db: DbOrTx): Promise<number> {
  const r = await db.select({ revision: calendarSettings.revision }).from(calendarSettings).where(eq(calendarSettings.id, 1));
  return r[0]?.revision ?? 0;
}

/** Called inside every transaction that changes the calendar. */
export async function bumpRevision(tx: DbOrTx, actorId: string | null): Promise<void> {
  const d = defaultCalendarDefinition();
  await tx
    .insert(calendarSettings)
    .values({ id: 1, week: d.week, makeupSessions: d.makeupSessions, holidays: d.holidays, policy: resolvePolicy(), revision: 2, updatedBy: actorId })
    .onConflictDoUpdate({ target: calendarSettings.id, set: { revision: sql`${calendarSettings.revision} + 1`, updatedAt: new Date(), updatedBy: actorId } });
}

export async function loadCalendarView(db: DbOrTx): Promise<CalendarView> {
  const [settings] = await db.select().from(calendarSettings).where(eq(calendarSettings.id, 1));
  const imported = await db.select().from(calendarOfficialYears).orderBy(asc(calendarOfficialYears.year));
  const overrides = await db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
  const importedYears = new Set(imported.map((y) => y.year));
  const officialYears = [
    ...OFFICIAL_SCHEDULES.filter((y) => !importedYears.has(y.year)).map((data) => ({ year: data.year, origin: 'shipped' as const, data })),
    ...imported.map((y) => ({ year: y.year, origin: 'imported' as const, data: y.data })),
  ].sort((a, b) => a.year - b.year);
  const base = defaultCalendarDefinition();
  const definition: CalendarDefinition = {
    week: settings?.week ?? base.week,
    makeupSessions: settings?.makeupSessions ?? base.makeupSessions,
    ...(settings?.dayMinutes ? { dayMinutes: settings.dayMinutes } : {}),
    holidays: settings?.holidays ?? base.holidays,
    official: officialYears.map((y) => y.data),
    overrides: overrides.map((o) => ({
      date: o.date,
      kind: o.kind,
      label: o.label,
      ...(o.labelEn ? { labelEn: o.labelEn } : {}),
      ...(o.sessions ? { sessions: o.sessions } : {}),
      ...(o.note ? { note: o.note } : {}),
    })),
  };
  return { revision: settings?.revision ?? 0, definition, policy: resolvePolicy(settings?.policy ?? {}), officialYears, overrides: definition.overrides };
}

export class CalendarService {
  private cache = new Map<string, Compiled>();
  private revisionSeen: { at: number; revision: number } | null = null;
  constructor(private readonly db: Db) {}

  /**
   * The revision, read from the database at most once a second: a calendar change made through
   * another instance applies to deadlines computed from the next second on; `forget()` makes this
   * instance see its own changes at once.
   */
  private async revision(): Promise<number> {
    const now = Date.now();
    if (this.revisionSeen && now - this.revisionSeen.at < 1000) return this.revisionSeen.revision;
    const revision = await currentRevision(this.db);
    this.revisionSeen = { at: now, revision };
    return revision;
  }

  forget(): void {
    this.revisionSeen = null;
  }

  /** The compiled calendar for the province, or for an agency that keeps its own sessions. */
  async compiled(agencyCode: string | null = null, now = Date.now()): Promise<Compiled> {
    const revision = await this.revision();
    const lastYear = calendarLastYear(now);
    const key = agencyCode ?? '';
    const hit = this.cache.get(key);
    if (hit && hit.revision === revision && hit.cal.toYear >= lastYear) return hit;
    const own = agencyCode ? (await this.db.select().from(agencyCalendars).where(eq(agencyCalendars.agencyCode, agencyCode)))[0] : undefined;
    // An agency without sessions of its own shares the province's compiled calendar.
    const province = this.cache.get('');
    if (agencyCode && !own && province && province.revision === revision && province.cal.toYear >= lastYear) {
      this.cache.set(key, province);
      return province;
    }
    const view = await loadCalendarView(this.db);
    const def = own ? { ...view.definition, week: own.week, makeupSessions: own.makeupSessions } : view.definition;
    const compiled = { revision: view.revision, cal: compileCalendar(def, CALENDAR_FIRST_YEAR, lastYear), policy: view.policy };
    this.cache.set(key, compiled);
    if (!own) this.cache.set('', compiled);
    return compiled;
  }
}
