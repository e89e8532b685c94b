import { instantAt, localDateOf } from '../calendar/time.ts';
import type { Period } from './figures.ts';

/** A half-open range of local dates `[from, to)`, ISO `YYYY-MM-DD`. */
export interface DateRange {
  from: string;
  to: string;
}

/**
 * How a period of whole local days is read from the day and month sums: the whole calendar months
 * inside it from the month rows, the days before the first and after the last whole month from the
 * day rows. A report of a year is then 12 month reads, whatever the number of dossiers. `null`
 * when the period does not start and end at local midnight: only the dossier-by-dossier facts
 * answer that.
 */
export function periodSpans(p: Period): { months: DateRange | null; days: DateRange[] } | null {
  const fromDay = localDateOf(p.from);
  const toDay = localDateOf(p.to);
  if (instantAt(fromDay, '00:00') !== p.from || instantAt(toDay, '00:00') !== p.to) return null;
  if (toDay <= fromDay) return { months: null, days: [] };
  const firstWhole = fromDay.endsWith('-01') ? fromDay : nextMonthStart(fromDay);
  const lastWholeEnd = `${toDay.slice(0, 7)}-01`;
  if (firstWhole >= lastWholeEnd) return { months: null, days: [{ from: fromDay, to: toDay }] };
  const days: DateRange[] = [];
  if (fromDay < firstWhole) days.push({ from: fromDay, to: firstWhole });
  if (lastWholeEnd < toDay) days.push({ from: lastWholeEnd, to: toDay });
  return { months: { from: firstWhole, to: lastWholeEnd }, days };
}

function nextMonthStart(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
