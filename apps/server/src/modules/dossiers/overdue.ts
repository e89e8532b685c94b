import { sql, type SQL } from 'drizzle-orm';
import { dossiers } from '../../db/schema.ts';
import type { CalendarService } from '../calendar/service.ts';

/**
 * The one rule for "overdue now" over the `dossiers` table, shared by the overdue work list and the
 * leaders' overdue-by-department figure: a dossier in processing past its appointment (or its
 * deadline when the calendar policy says so), or at once after an apology or a supplement asked
 * after the appointment (`countsLate`) — the same rule as each item's warning (warningOf →
 * clockStatus) [002 Art. 14.4.d; 003 Art. 19.1]. `now` is the caller's single instant, so a list
 * and its warnings agree.
 */
export async function overdueNow(calendar: CalendarService, now: number): Promise<SQL> {
  const { policy } = await calendar.compiled(null, now);
  const ref = policy.overdueFrom === 'deadline' ? dossiers.deadline : dossiers.appointment;
  return sql`(${dossiers.phase} = 'processing' and (${ref} < ${new Date(now).toISOString()}::timestamptz or (${dossiers.state}->'clock'->>'countsLate')::boolean))`;
}
