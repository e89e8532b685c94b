import { Button } from 'antd';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n, type MessageKey } from '../i18n.ts';
import { addDays, formatDayName, weekdayOf, type Weekday } from '../format.ts';
import { dayAccessibleName, dayLabel, kindMark, KindTag, sourceText } from './CalendarParts.tsx';
import type { CalendarDay } from '../types.ts';

/** Monday first (T2 … CN), as Vietnamese calendars print it. */
const WEEK: Weekday[] = [1, 2, 3, 4, 5, 6, 0];

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The same day of the month `delta` months away, clamped to that month's length. */
function addMonths(date: string, delta: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + delta;
  const ny = y + Math.floor(m / 12);
  const nm = (((m % 12) + 12) % 12) + 1;
  return iso(ny, nm, Math.min(Number(date.slice(8, 10)), daysInMonth(ny, nm)));
}

function weeksOf(year: number, month: number): (string | null)[][] {
  const first = (weekdayOf(iso(year, month, 1)) + 6) % 7; // Monday = 0
  const n = daysInMonth(year, month);
  const cells: (string | null)[] = [...Array<null>(first).fill(null), ...Array.from({ length: n }, (_, i) => iso(year, month, i + 1))];
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

export function CalendarLegend() {
  const { t } = useI18n();
  const items = [
    { cls: 'cal-working', mark: '', text: t('cal.legend.working') },
    { cls: 'cal-weekend', mark: '', text: t('cal.legend.weekend') },
    { cls: 'cal-holiday', mark: t('cal.mark.holiday'), text: t('cal.legend.holiday') },
    { cls: 'cal-makeup', mark: t('cal.mark.makeup'), text: t('cal.legend.makeup') },
    { cls: 'cal-working cal-override', mark: '*', text: t('cal.legend.override') },
    { cls: 'cal-working cal-today', mark: '', text: t('cal.legend.today') },
  ];
  return (
    <div className="cal-legend">
      <h3 className="cal-legend-title">{t('cal.legend')}</h3>
      <ul>
        {items.map((i) => (
          <li key={i.text}>
            <span className={`cal-swatch ${i.cls}`} aria-hidden>
              {i.mark}
            </span>{' '}
            {i.mark ? `${i.mark} — ` : ''}
            {i.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Twelve month grids. Each day is a button named with its date, kind and label; colour is never
 * the only cue (a letter N/B, an asterisk for the administrator's changes, the weekday column).
 * One tab stop for the whole year (roving tabindex): arrows move by day or week, Home/End to the
 * week's ends, Page Up/Down by month; Enter or Space opens the day.
 */
export function YearGrid({ year, days, today, onOpen }: { year: number; days: CalendarDay[]; today: string; onOpen: (date: string) => void }) {
  const { t, lang } = useI18n();
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const initial = today >= first && today <= last ? today : first;
  const [focus, setFocus] = useState(initial);
  const moved = useRef(false);
  const grid = useRef<HTMLDivElement>(null);
  useEffect(() => setFocus(initial), [initial]);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${focus}"]`)?.focus();
  }, [focus]);

  const onKey = (e: KeyboardEvent<HTMLButtonElement>, date: string) => {
    const dow = (weekdayOf(date) + 6) % 7;
    let next: string | null = null;
    switch (e.key) {
      case 'ArrowLeft':
        next = addDays(date, -1);
        break;
      case 'ArrowRight':
        next = addDays(date, 1);
        break;
      case 'ArrowUp':
        next = addDays(date, -7);
        break;
      case 'ArrowDown':
        next = addDays(date, 7);
        break;
      case 'Home':
        next = addDays(date, -dow);
        break;
      case 'End':
        next = addDays(date, 6 - dow);
        break;
      case 'PageUp':
        next = addMonths(date, -1);
        break;
      case 'PageDown':
        next = addMonths(date, 1);
        break;
      default:
        return;
    }
    e.preventDefault();
    if (next < first) next = first;
    if (next > last) next = last;
    moved.current = true;
    setFocus(next);
  };

  return (
    <div className="cal-year" ref={grid}>
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
        const headingId = `cal-m-${year}-${month}`;
        return (
          <div className="cal-month" key={month}>
            <h3 id={headingId} className="cal-month-title">
              {t(`month.${month}` as MessageKey)}
            </h3>
            <table className="cal-table" aria-labelledby={headingId}>
              <thead>
                <tr>
                  {WEEK.map((w) => (
                    <th key={w} scope="col" abbr={t(`weekday.${w}`)}>
                      {t(`weekday.short.${w}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weeksOf(year, month).map((week, wi) => (
                  <tr key={wi}>
                    {week.map((date, di) => {
                      if (!date) return <td key={di} className="cal-empty" />;
                      const day = byDate.get(date);
                      if (!day) return <td key={di}><span className="cal-day cal-unknown">{Number(date.slice(8))}</span></td>;
                      const name = dayAccessibleName(day, t, lang, today);
                      const mark = kindMark(day.kind, t);
                      const cls = ['cal-day', `cal-${day.kind}`, day.source === 'override' ? 'cal-override' : '', date === today ? 'cal-today' : ''].filter(Boolean).join(' ');
                      return (
                        <td key={di}>
                          <button
                            type="button"
                            className={cls}
                            data-date={date}
                            title={name}
                            aria-current={date === today ? 'date' : undefined}
                            tabIndex={date === focus ? 0 : -1}
                            onFocus={() => setFocus(date)}
                            onKeyDown={(e) => onKey(e, date)}
                            onClick={() => onOpen(date)}
                          >
                            {/* The name is the hidden text (not aria-label): it then holds the visible number too. */}
                            <span className="cal-num" aria-hidden>
                              {Number(date.slice(8))}
                            </span>
                            <span className="visually-hidden">{name}</span>
                            {mark || day.source === 'override' ? (
                              <span className="cal-mark" aria-hidden>
                                {mark}
                                {day.source === 'override' ? '*' : ''}
                              </span>
                            ) : null}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}

/** The year's days off on weekdays, make-up days and changed days, as a table (also a second way in). */
export function SpecialDays({ year, days, onOpen }: { year: number; days: CalendarDay[]; onOpen: (date: string) => void }) {
  const { t, lang } = useI18n();
  const rows = days.filter((d) => d.kind === 'holiday' || d.kind === 'makeup' || d.source === 'override');
  return (
    <section className="bo-section" aria-labelledby="cal-special">
      <h3 id="cal-special">{t('cal.specialDays', { year })}</h3>
      {rows.length ? (
        <table className="data-table cal-special-table">
          <thead>
            <tr>
              <th scope="col">{t('cal.col.date')}</th>
              <th scope="col">{t('cal.col.kind')}</th>
              <th scope="col">{t('cal.col.label')}</th>
              <th scope="col">{t('cal.col.source')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.date}>
                <td data-label={t('cal.col.date')} className="nowrap">
                  <Button type="link" className="inline-link" onClick={() => onOpen(d.date)}>
                    {formatDayName(d.date, t)}
                  </Button>
                </td>
                <td data-label={t('cal.col.kind')}>
                  <KindTag kind={d.kind} />
                </td>
                <td data-label={t('cal.col.label')}>{dayLabel(d, lang) ?? '—'}</td>
                <td data-label={t('cal.col.source')}>{sourceText(d, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('cal.specialDaysNone')}</p>
      )}
    </section>
  );
}
