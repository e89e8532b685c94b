import { asc, eq } from 'drizzle-orm';
import { agencyTaskClock, stepClocks, type DossierClocks, type HolderClockView } from '@motcua/domain/dossier/index.ts';
import type { Db } from '../../db/pool.ts';
import { dossierEvents } from '../../db/schema.ts';
import type { CalendarService } from '../calendar/service.ts';
import { agencyNameOf, type DossierRow } from './service.ts';

/** Instants outside the compiled calendar (a very old dossier) give no clock rather than an error. */
function timed<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/**
 * The workspace's per-step and per-agency clocks [003 Art. 20–21]: each step on the dossier
 * agency's calendar, each inter-agency task on the asked agency's own calendar. Read from the
 * dossier's events (one indexed query), so only the workspace asks for it, not every action answer.
 */
export async function dossierClocks(db: Db, calendar: CalendarService, row: DossierRow, now: number): Promise<DossierClocks> {
  const [events, own] = await Promise.all([
    db.select({ event: dossierEvents.event }).from(dossierEvents).where(eq(dossierEvents.dossierId, row.id)).orderBy(asc(dossierEvents.seq)),
    calendar.compiled(row.agencyCode, now),
  ]);
  const steps = timed(() => stepClocks(events.map((e) => e.event), row.process, now, own.cal)) ?? [];
  const agencies = await Promise.all(
    row.state.tasks.map(async (task) => {
      const [name, c] = await Promise.all([agencyNameOf(db, task.agencyCode), calendar.compiled(task.agencyCode, now)]);
      return timed(() => agencyTaskClock(task, name, now, c.cal));
    }),
  );
  return { steps, agencies: agencies.filter((a): a is HolderClockView => a !== null) };
}
