import { Button, Form, Input, Radio, type RadioGroupProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Rule } from 'antd/es/form';
import { useI18n, type Lang, type MessageKey, type Params } from '../i18n.ts';
import { formatDayName, formatHours } from '../format.ts';
import { ToneTag, type Tone } from '../components/tags.tsx';
import type { CalendarDay, DayKind, WorkingSession } from '../types.ts';

type T = (key: MessageKey, params?: Params) => string;

/** Shared pieces of the working-calendar page: day names, kind tags, session rows. */

export const KIND_TONE: Record<DayKind, Tone> = { working: 'green', weekend: 'grey', holiday: 'red', makeup: 'blue' };

export function KindTag({ kind }: { kind: DayKind }) {
  const { t } = useI18n();
  return <ToneTag tone={KIND_TONE[kind]}>{t(`cal.kind.${kind}`)}</ToneTag>;
}

/** The short letter drawn in a day cell beside its colour (N = ngày nghỉ, B = làm bù). */
export function kindMark(kind: DayKind, t: T): string {
  if (kind === 'holiday') return t('cal.mark.holiday');
  if (kind === 'makeup') return t('cal.mark.makeup');
  return '';
}

export function dayLabel(day: Pick<CalendarDay, 'label' | 'labelEn'>, lang: Lang): string | undefined {
  return lang === 'en' && day.labelEn ? day.labelEn : day.label;
}

/** "Thứ Ba 17/02/2026 — Ngày nghỉ: Tết Nguyên đán (mùng 1 Tết)": the accessible name of a day. */
export function dayAccessibleName(day: CalendarDay, t: T, lang: Lang, today?: string): string {
  let kind = t(`cal.kind.${day.kind}`);
  if (day.source === 'override') kind = `${kind} (${t('cal.overridden')})`;
  const label = dayLabel(day, lang);
  const dayName = `${formatDayName(day.date, t)}${day.date === today ? ` (${t('cal.today')})` : ''}`;
  return label ? t('cal.dayNameLabel', { day: dayName, kind, label }) : t('cal.dayName', { day: dayName, kind });
}

export function sourceText(day: CalendarDay, t: T): string {
  if (day.source === 'official') return t('cal.source.official', { year: day.date.slice(0, 4) });
  return t(`cal.source.${day.source}`);
}

export function minutesOf(sessions: readonly WorkingSession[]): number {
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  return sessions.reduce((a, s) => a + Math.max(0, m(s.end) - m(s.start)), 0);
}

/** "07:30–11:30; 13:00–17:00 (8 giờ làm việc)" or "Không làm việc". */
export function sessionsText(sessions: readonly WorkingSession[], t: T, lang: Lang, empty: MessageKey = 'cal.day.noSessions'): string {
  if (!sessions.length) return t(empty);
  return `${sessions.map((s) => `${s.start}–${s.end}`).join('; ')} (${t('cal.day.hours', { h: formatHours(minutesOf(sessions), lang) })})`;
}

/** antd's Radio.Group has no group role: this one is announced with its label (Form.Item passes value, onChange, id). */
export function LabelledRadioGroup({ label, ...props }: RadioGroupProps & { label: string }) {
  return (
    <div role="radiogroup" aria-label={label}>
      <Radio.Group {...props} />
    </div>
  );
}

export const CLOCK_RE = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/**
 * Editable working sessions (Form.List of { start, end }): one row per session, "07:30 to 11:30",
 * each input named by `context` ("Thứ Hai: bắt đầu buổi 1") for screen readers.
 */
export function SessionRows({ name, context, disabled, minRows = 0 }: { name: (string | number)[]; context: string; disabled?: boolean; minRows?: number }) {
  const { t } = useI18n();
  const clock: Rule[] = [
    { required: true, message: t('common.required') },
    { pattern: CLOCK_RE, message: t('cal.session.pattern') },
  ];
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, list: Partial<WorkingSession>[] | undefined) => {
            const ok = (list ?? []).filter((s) => s?.start && s?.end && CLOCK_RE.test(s.start) && CLOCK_RE.test(s.end));
            for (let i = 1; i < ok.length; i++) if (ok[i]!.start! < ok[i - 1]!.end!) throw new Error(t('cal.session.overlap'));
          },
        },
      ]}
    >
      {(rows, { add, remove }, { errors }) => (
        <div className="session-rows">
          {rows.length === 0 ? <p className="session-none">{t('cal.session.none')}</p> : null}
          {rows.map((row, i) => (
            // The inputs are noStyle: their messages show under the whole row, not squeezed under one input.
            <Form.Item key={row.key} className="cell-item session-row-item">
              <div className="session-row">
                <Form.Item noStyle name={[row.name, 'start']} rules={clock}>
                  <Input className="session-time" aria-label={t('cal.session.start', { context, n: i + 1 })} placeholder="07:30" maxLength={5} spellCheck={false} autoComplete="off" />
                </Form.Item>
                <span className="session-to" aria-hidden>
                  –
                </span>
                <Form.Item
                  noStyle
                  name={[row.name, 'end']}
                  dependencies={[[...name, row.name, 'start']]}
                  rules={[
                    ...clock,
                    ({ getFieldValue }) => ({
                      validator: async (_, end: string) => {
                        const start = getFieldValue([...name, row.name, 'start']) as string | undefined;
                        if (start && end && CLOCK_RE.test(start) && CLOCK_RE.test(end) && end <= start) throw new Error(t('cal.session.order'));
                      },
                    }),
                  ]}
                >
                  <Input className="session-time" aria-label={t('cal.session.end', { context, n: i + 1 })} placeholder="11:30" maxLength={5} spellCheck={false} autoComplete="off" />
                </Form.Item>
                {rows.length > minRows ? <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(row.name)} aria-label={t('cal.session.remove', { context, n: i + 1 })} disabled={disabled} /> : null}
              </div>
            </Form.Item>
          ))}
          <Form.ErrorList errors={errors} />
          {rows.length < 8 ? (
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => add(rows.length ? { start: '13:00', end: '17:00' } : { start: '07:30', end: '11:30' })} aria-label={t('cal.session.addTo', { context })} disabled={disabled}>
              {t('cal.session.add')}
            </Button>
          ) : null}
        </div>
      )}
    </Form.List>
  );
}

/** Trims and keeps only complete rows (what the API takes). */
export function cleanSessions(v: unknown): WorkingSession[] {
  if (!Array.isArray(v)) return [];
  return (v as Partial<WorkingSession>[]).filter((s) => s && s.start && s.end).map((s) => ({ start: String(s.start).trim(), end: String(s.end).trim() }));
}
