import { Alert, App, Button, Card, Space } from 'antd';
import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useId, useRef, useState, type ChangeEvent } from 'react';
import type { FieldError } from '@motcua/domain';
import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { applyProblem, fieldMessage } from '../forms.ts';
import { formatDate } from '../format.ts';
import { ToneTag } from '../components/tags.tsx';
import type { CalendarSettingsView, OfficialScheduleYear } from '../types.ts';

type OfficialYear = CalendarSettingsView['officialYears'][number];

/** "2025-11" → "11/2025", "2025-11-26" → "26/11/2025". */
const issuedOn = (d: string) => (d.length === 7 ? `${d.slice(5, 7)}/${d.slice(0, 4)}` : formatDate(d));

function download(year: OfficialScheduleYear) {
  const blob = new Blob([`${JSON.stringify(year, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `lich-nghi-${year.year}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Where the selected year's days off come from: the official schedule with its documents (each
 * linked to where it was read) and notes, or the Labour-Code computation when there is none.
 */
export function OfficialYearCard({
  year,
  view,
  canEdit,
  onYear,
  onChanged,
}: {
  year: number;
  view: CalendarSettingsView;
  canEdit: boolean;
  onYear: (y: number) => void;
  onChanged: () => void;
}) {
  const { t, lang, dataLang } = useI18n();
  const { message, modal } = App.useApp();
  const entry: OfficialYear | undefined = view.officialYears.find((y) => y.year === year);
  const others = view.officialYears.map((y) => y.year).sort((a, b) => a - b);

  const remove = () =>
    modal.confirm({
      title: t('cal.official.remove', { year }),
      content: t('cal.official.removeText', { year }),
      okText: t('cal.official.removeOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.del(`/api/v1/calendar/official-years/${year}`);
          void message.success(t('cal.official.removed', { year }));
          onChanged();
        } catch (e) {
          applyProblem(null, e, { t, lang, message });
        }
      },
    });

  return (
    <Card size="small" className="bo-section" title={<h3 className="card-heading">{t('cal.official.title', { year })}</h3>}>
      {entry ? (
        <>
          <p className="cal-official-meta">
            <ToneTag tone={entry.origin === 'imported' ? 'purple' : 'blue'}>{t(`cal.official.origin.${entry.origin}`)}</ToneTag>{' '}
            {entry.data.complete ? t('cal.official.complete') : t('cal.official.partial')} · {t('cal.official.entries', { n: entry.data.entries.length })}
          </p>
          <h4 className="cal-subheading">{t('cal.official.sources')}</h4>
          {entry.data.sources.length ? (
            <ul className="cal-sources" lang={dataLang}>
              {entry.data.sources.map((s, i) => (
                <li key={i}>
                  <strong>{s.document}</strong> — {t('cal.official.issued', { issuer: s.issuer, date: issuedOn(s.issuedOn) })}
                  <br />
                  <span className="cal-covers">{t('cal.official.covers', { covers: s.covers })}</span>
                  <br />
                  {/^https?:\/\//.test(s.url) ? (
                    <a href={s.url} target="_blank" rel="noopener noreferrer" className="cal-source-link">
                      {t('cal.official.readAt')}: {new URL(s.url).hostname}
                    </a>
                  ) : (
                    <span>{s.url}</span>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('cal.official.noSources')}</p>
          )}
          {entry.data.notes.length ? (
            <>
              <h4 className="cal-subheading">{t('cal.official.notes')}</h4>
              <ul className="cal-notes" lang={dataLang}>
                {entry.data.notes.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            </>
          ) : null}
          <Space wrap>
            <Button icon={<DownloadOutlined aria-hidden />} onClick={() => download(entry.data)}>
              {t('cal.official.download', { year })}
            </Button>
            {canEdit && entry.origin === 'imported' ? (
              <Button danger icon={<DeleteOutlined aria-hidden />} onClick={remove}>
                {t('cal.official.remove', { year })}
              </Button>
            ) : null}
          </Space>
        </>
      ) : (
        <p>{view.settings.holidays.generate ? t('cal.official.none', { year }) : t('cal.official.noneGenerateOff', { year })}</p>
      )}
      {others.length ? (
        <p className="cal-official-years">
          {t('cal.official.years')}{' '}
          {others.map((y, i) => (
            <span key={y}>
              {i ? ', ' : ''}
              {y === year ? (
                <strong>{y}</strong>
              ) : (
                <Button type="link" className="inline-link" onClick={() => onYear(y)}>
                  {String(y)}
                </Button>
              )}
            </span>
          ))}
        </p>
      ) : null}
    </Card>
  );
}

const MAX_BYTES = 1024 * 1024;

/** Which entry a server error points at: "entries.3.date" → "entries.3 (2027-02-05)". */
function describeField(field: string, data: OfficialScheduleYear | null): string {
  const m = /^entries\.(\d+)/.exec(field);
  const date = m && data ? (data.entries as unknown[])[Number(m[1])] : undefined;
  const d = date && typeof date === 'object' && 'date' in date ? String((date as { date: unknown }).date) : null;
  return d ? `${field} (${d})` : field;
}

/**
 * Import of one year's official schedule from a JSON file: the file is read and parsed in the
 * browser (not JSON, or no year → said next to the picker, nothing sent), then PUT to the server,
 * whose field errors are listed with the path of the entry they concern.
 */
export function ImportCard({ onImported }: { onImported: (year: number) => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const inputId = useId();
  const errorId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [parsed, setParsed] = useState<OfficialScheduleYear | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldError[] | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    setParsed(null);
    setLocalError(null);
    setServerErrors(null);
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setLocalError(t('cal.import.tooBig'));
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(await file.text());
    } catch (err) {
      setLocalError(t('cal.import.notJson', { error: (err as Error).message }));
      return;
    }
    const y = data && typeof data === 'object' && !Array.isArray(data) ? (data as { year?: unknown }).year : undefined;
    if (typeof y !== 'number' || !Number.isInteger(y) || y < 1990 || y > 2199) {
      setLocalError(t('cal.import.notYear'));
      return;
    }
    setParsed(data as OfficialScheduleYear);
  };

  const submit = async () => {
    if (!parsed) return;
    setBusy(true);
    setServerErrors(null);
    try {
      await api.put(`/api/v1/calendar/official-years/${parsed.year}`, parsed);
      void message.success(t('cal.import.done', { year: parsed.year }));
      const y = parsed.year;
      setParsed(null);
      if (input.current) input.current.value = '';
      onImported(y);
    } catch (e) {
      const errs = applyProblem(null, e, { t, lang, message });
      setServerErrors(errs);
    } finally {
      setBusy(false);
    }
  };

  const entries = Array.isArray(parsed?.entries) ? parsed.entries.length : 0;
  const sources = Array.isArray(parsed?.sources) ? parsed.sources.length : 0;
  return (
    <Card size="small" className="bo-section" title={<h3 className="card-heading">{t('cal.import.title')}</h3>}>
      <p>{t('cal.import.hint')}</p>
      <div className="file-field">
        <label htmlFor={inputId} className="file-label">
          {t('cal.import.file')}
        </label>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept=".json,application/json"
          className="file-input"
          onChange={(e) => void pick(e)}
          aria-invalid={localError ? true : undefined}
          aria-describedby={localError ? errorId : undefined}
          disabled={busy}
        />
        {localError ? (
          <div id={errorId} className="field-error" role="alert">
            {localError}
          </div>
        ) : null}
      </div>
      {parsed ? (
        <div className="import-preview">
          <p>
            {t('cal.import.preview', { year: parsed.year, entries, sources })} {t('cal.import.replaces', { year: parsed.year })}
          </p>
          <Button type="primary" icon={<UploadOutlined aria-hidden />} loading={busy} onClick={() => void submit()}>
            {t('cal.import.submit', { year: parsed.year })}
          </Button>
        </div>
      ) : null}
      {serverErrors && serverErrors.length ? (
        <Alert
          className="bo-section"
          type="error"
          showIcon
          role="alert"
          message={t('cal.import.refused')}
          description={
            <ul className="plain-list">
              {serverErrors.map((e, i) => (
                <li key={i}>
                  <code>{describeField(e.field, parsed)}</code>: {fieldMessage(e, lang)}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Card>
  );
}
