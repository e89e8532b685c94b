import './desk.css';
import { Select, Tag, type SelectProps } from 'antd';
import { ClockCircleOutlined, ExclamationCircleOutlined, WarningOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { ApiError, csrfToken } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useI18n, type Lang } from '../../i18n.ts';
import type { MessageKey } from '../../i18n.ts';
import type { FileMeta, HandoverWarning, Warning } from './types.ts';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** 750 → "12 giờ 30 phút" — working time as the server counted it; never recomputed here. */
export function workingTimeText(minutes: number, t: T): string {
  const m = Math.abs(Math.round(minutes));
  const h = Math.floor(m / 60);
  const r = m % 60;
  if (h && r) return t('desk.time.hm', { h, m: r });
  if (h) return t('desk.time.h', { h });
  return t('desk.time.m', { m: r });
}

/**
 * The deadline warning of 003 Art. 21: a text colour AND a written label (with an icon), so it is
 * never told by colour alone (WCAG 1.4.1). States and minutes come from the server's clock.
 */
export function WarningLabel({ warning, compact }: { warning: Warning | null; compact?: boolean }) {
  const { t } = useI18n();
  if (!warning) return <span className="muted">{t('desk.warn.paused')}</span>;
  const left = warning.workingMinutesLeft;
  const cls = warning.state === 'overdue' ? 'warn-overdue' : warning.state === 'due-soon' ? 'warn-soon' : 'warn-ok';
  const icon = warning.state === 'overdue' ? <ExclamationCircleOutlined aria-hidden /> : warning.state === 'due-soon' ? <WarningOutlined aria-hidden /> : <CheckCircleOutlined aria-hidden />;
  const label = warning.state === 'overdue' ? t('desk.warn.overdue') : warning.state === 'due-soon' ? t('desk.warn.dueSoon') : t('desk.warn.ok');
  const count = left === null ? null : left < 0 || warning.state === 'overdue' ? t('desk.warn.over', { time: workingTimeText(left, t) }) : t('desk.warn.left', { time: workingTimeText(left, t) });
  return (
    <span className="warn-cell">
      <Tag className={`warn-tag ${cls}`} icon={icon}>
        {label}
      </Tag>
      {count && !compact ? <span className={`warn-count ${cls}-text`}>{count}</span> : null}
      {warning.step === 'overdue' || warning.step === 'due' ? (
        <Tag className={`warn-tag ${warning.step === 'overdue' ? 'warn-overdue' : 'warn-soon'}`} icon={<ClockCircleOutlined aria-hidden />}>
          {warning.step === 'overdue' ? t('desk.warn.stepOverdue') : t('desk.warn.stepDue')}
        </Tag>
      ) : null}
    </span>
  );
}

/**
 * The desk's 8-working-hour clock [001 Art. 8.1.b]: the server gives the instant and its warning
 * (running / due soon under one working hour / late, counted by the working-time engine); a written
 * label and an icon as well as the colour, so it is never told by colour alone (WCAG 1.4.1).
 */
export function HandoverClock({ due, warning, lang, now = Date.now() }: { due: string | null | undefined; warning?: HandoverWarning | null; lang: Lang; now?: number }) {
  const { t } = useI18n();
  if (!due) return null;
  const at = formatDateTime(due, lang);
  // Without the server's warning (an older answer) only "is it past" is decided here.
  const state = warning?.state ?? (new Date(due).getTime() < now ? 'late' : 'running');
  if (state === 'due-soon') {
    return (
      <span className="handover warn-cell" data-state="due-soon">
        <Tag className="warn-tag warn-soon" icon={<WarningOutlined aria-hidden />}>
          {t('desk.handover.soonTag')}
        </Tag>
        <span className="warn-soon-text">{t('desk.handover.soon', { time: workingTimeText(warning?.workingMinutesLeft ?? 0, t), at })}</span>
      </span>
    );
  }
  const late = state === 'late';
  return (
    <span className={`handover ${late ? 'warn-overdue-text' : ''}`} data-state={state}>
      {late ? <ExclamationCircleOutlined aria-hidden /> : <ClockCircleOutlined aria-hidden />} {late ? t('desk.handover.late', { at }) : t('desk.handover.by', { at })}
    </span>
  );
}

/** POST /api/v1/files (multipart, CSRF header); answers the stored file's id. */
export async function uploadFile(file: File): Promise<FileMeta> {
  const fd = new FormData();
  fd.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  const res = await fetch('/api/v1/files', { method: 'POST', body: fd, headers, credentials: 'same-origin' });
  const data = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) throw new ApiError(res.status, (data as ApiError['problem']) ?? { type: 'about:blank', title: res.statusText, status: res.status });
  return data as FileMeta;
}

/** "2026-11-24T08:30" (a datetime-local input, Asia/Ho_Chi_Minh) → ISO instant with +07:00. */
export function localToInstant(v: string | undefined | null): string | undefined {
  if (!v) return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? `${v}:00+07:00` : v;
}

/** Multi-line text → the list the API takes (one item per non-empty line). */
export function lines(v: unknown): string[] {
  return typeof v === 'string' ? v.split('\n').map((s) => s.trim()).filter(Boolean) : [];
}

export function maskId(id: string | undefined | null): string {
  if (!id) return '';
  return id.length > 4 ? `${'•'.repeat(id.length - 4)}${id.slice(-4)}` : id;
}

/**
 * A Select inside a required Form.Item: antd puts aria-required on the Select's outer div, where
 * the attribute is not allowed (axe: aria-allowed-attr); the label's mark and the rule remain.
 */
export function FormSelect<V = unknown>({ 'aria-required': _ariaRequired, ...props }: SelectProps<V> & { 'aria-required'?: unknown }) {
  return <Select<V> {...props} />;
}
