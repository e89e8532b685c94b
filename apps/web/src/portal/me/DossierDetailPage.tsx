import { useRef, useState } from 'react';
import { Alert, App, Button, Input, Modal, Timeline } from 'antd';
import { Link, useParams } from 'react-router';
import { api, ApiError, enc } from '../../api.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../../i18n.ts';
import { useLoad } from '../../hooks.ts';
import { formatDateTime, formatVnd } from '../../format.ts';
import { problemText } from '../../forms.ts';
import { Loading, LoadError } from '../../components/status.tsx';
import { UnplacedErrors } from '../../components/UnplacedErrors.tsx';
import { EForm, type EFormHandle } from '../../eform/EForm.tsx';
import type { ProcedureDetail } from '../../types.ts';
import type { DossierEvent, DossierView, Slip, WithdrawalRequest } from '../dossierTypes.ts';
import { useRequireCitizen } from '../useRequireCitizen.ts';
import { FilePicker } from '../wizard/FilePicker.tsx';
import type { FileLimits, UploadedFile } from '../wizard/upload.ts';

/** What the agency told the applicant, read from the events (requests, refusals, apologies…). */
function messagesOf(events: DossierEvent[]): { at: string; type: string; lines: string[] }[] {
  const out: { at: string; type: string; lines: string[] }[] = [];
  for (const e of events) {
    const ev = e.event as Record<string, unknown>;
    const list = (k: string) => (Array.isArray(ev[k]) ? (ev[k] as string[]) : []);
    const text = (k: string) => (typeof ev[k] === 'string' && ev[k] ? [ev[k] as string] : []);
    let lines: string[] = [];
    if (e.type === 'completion-requested') lines = [...text('note'), ...list('missing')];
    else if (e.type === 'supplement-requested') lines = [...text('reason'), ...list('missing')];
    else if (e.type === 'refused' || e.type === 'resolution-refused') lines = list('reasons');
    else if (e.type === 'apologized' || e.type === 'stopped' || e.type === 'withdrawn') lines = text('reason');
    if (lines.length) out.push({ at: e.at, type: e.type, lines });
  }
  return out;
}

/** Answering a supplement request in place: amend e-forms, replace files; the code stays. */
function Supplement({ d, onDone }: { d: DossierView; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const proc = useLoad((signal) => api.get<ProcedureDetail>(`/api/v1/procedures/${enc(d.procedure.code)}`, undefined, { signal }), [d.procedure.code]);
  const limits = useLoad((signal) => api.get<FileLimits>('/api/v1/files/limits', undefined, { signal }), []);
  const [forms, setForms] = useState<Record<string, Record<string, unknown>>>({});
  const [files, setFiles] = useState<Record<string, UploadedFile[]>>({});
  const [errors, setErrors] = useState<{ field: string; message: string; messageEn?: string }[]>([]);
  const [sending, setSending] = useState(false);
  const refs = useRef(new Map<string, EFormHandle | null>());
  const type = d.availableActions.includes('submit-supplement') ? 'submit-supplement' : 'complete';
  const theCase = proc.data?.content.cases.find((c) => c.code === d.caseCode);

  const send = async () => {
    if (sending) return;
    for (const code of Object.keys(forms)) if (refs.current.get(code)?.validate() === false) return;
    const fileList = Object.entries(files).flatMap(([componentCode, fs]) => fs.map((f) => ({ componentCode, fileId: f.id })));
    if (!Object.keys(forms).length && !fileList.length) {
      setErrors([{ field: '', message: t('dd.nothingAmended') }]);
      return;
    }
    setSending(true);
    setErrors([]);
    try {
      await api.post(`/api/v1/dossiers/${d.id}/actions`, { type, ...(Object.keys(forms).length ? { forms } : {}), ...(fileList.length ? { files: fileList } : {}) });
      void message.success(t('dd.supplementSent'));
      onDone();
    } catch (e) {
      setErrors(e instanceof ApiError && e.fieldErrors.length ? e.fieldErrors : [{ field: '', message: problemText(e, t) }]);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="supplement" aria-labelledby="dd-supp-h">
      <h2 id="dd-supp-h">{t('dd.supplement')}</h2>
      <p>{t('dd.supplementIntro')}</p>
      {d.missing.length ? (
        <Alert
          type="warning"
          showIcon
          message={t('dd.missing')}
          description={
            <ul className="plain-list">
              {d.missing.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {proc.loading || limits.loading ? <Loading /> : null}
      {proc.error ? <LoadError error={proc.error} onRetry={proc.reload} /> : null}
      {theCase && limits.data
        ? theCase.components.map((c) => (
            <fieldset key={c.code} className="component-form">
              <legend>{c.name}</legend>
              {c.form ? (
                <EForm
                  ref={(h) => {
                    refs.current.set(c.code, h);
                  }}
                  id={`s-${c.code}`}
                  schema={c.form.schema}
                  uiSchema={c.form.uiSchema}
                  value={forms[c.code] ?? d.forms[c.code] ?? {}}
                  onChange={(v) => setForms((f) => ({ ...f, [c.code]: v }))}
                />
              ) : null}
              <FilePicker label={t('dd.replaceFiles', { name: c.name.length > 60 ? `${c.name.slice(0, 57)}…` : c.name })} limits={limits.data!} files={files[c.code] ?? []} onChange={(f) => setFiles((x) => ({ ...x, [c.code]: f }))} />
            </fieldset>
          ))
        : null}
      <UnplacedErrors errors={errors} />
      <Button type="primary" onClick={() => void send()} loading={sending} disabled={sending} data-testid="send-supplement">
        {t('dd.sendSupplement')}
      </Button>
    </section>
  );
}

function Withdraw({ d, request, onDone }: { d: DossierView; request: WithdrawalRequest | null; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  if (request) return <Alert type="info" showIcon message={t('dd.withdrawRequested', { time: formatDateTime(request.requestedAt, lang), reason: request.reason })} />;
  if (!['processing', 'awaiting-supplement'].includes(d.phase)) return null;
  const confirm = async () => {
    if (!reason.trim()) return setError(t('dd.withdrawReasonRequired'));
    setSending(true);
    try {
      await api.post(`/api/v1/dossiers/${d.id}/withdrawal-request`, { reason: reason.trim() });
      setOpen(false);
      onDone();
    } catch (e) {
      setError(problemText(e, t));
    } finally {
      setSending(false);
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        {t('dd.withdraw')}
      </Button>
      <Modal open={open} title={t('dd.withdrawTitle')} onCancel={() => setOpen(false)} onOk={() => void confirm()} okText={t('dd.withdrawConfirm')} cancelText={t('dd.cancel')} okButtonProps={{ danger: true, loading: sending, disabled: sending }}>
        <p>{t('dd.withdrawIntro')}</p>
        <label htmlFor="wd-reason">{t('dd.withdrawReason')}</label>
        <Input.TextArea id="wd-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={!!error} aria-describedby={error ? 'wd-err' : undefined} maxLength={2000} />
        {error ? (
          <p id="wd-err" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </Modal>
    </>
  );
}

/** Chi tiết hồ sơ của tôi: status, appointment, timeline, the agency's messages, supplement in place, results, slips, withdrawal, rating. */
export default function DossierDetailPage() {
  const { id = '' } = useParams();
  const { t, lang, dataLang } = useI18n();
  const session = useRequireCitizen();
  const ready = !!session.me;
  const [tick, setTick] = useState(0);
  const dossier = useLoad((signal) => (ready ? api.get<DossierView>(`/api/v1/dossiers/${enc(id)}`, undefined, { signal }) : Promise.resolve(undefined)), [ready, id, tick]);
  const events = useLoad((signal) => (ready ? api.get<{ items: DossierEvent[] }>(`/api/v1/dossiers/${enc(id)}/events`, undefined, { signal }) : Promise.resolve({ items: [] })), [ready, id, tick]);
  // Slips and the withdrawal request are optional: a 404 hides the section.
  const slips = useLoad((signal) => (ready ? api.get<{ items: Slip[] }>(`/api/v1/dossiers/${enc(id)}/slips`, undefined, { signal, quiet: true }).catch(() => null) : Promise.resolve(null)), [ready, id, tick]);
  const withdrawal = useLoad(
    (signal) => (ready ? api.get<WithdrawalRequest>(`/api/v1/dossiers/${enc(id)}/withdrawal-request`, undefined, { signal, quiet: true }).catch(() => null) : Promise.resolve(null)),
    [ready, id, tick],
  );
  const d = dossier.data;
  const proc = useLoad((signal) => (d ? api.get<ProcedureDetail>(`/api/v1/procedures/${enc(d.procedure.code)}`, undefined, { signal, quiet: true }).catch(() => null) : Promise.resolve(null)), [d?.procedure.code]);
  const componentName = (code: string | null) => proc.data?.content.cases.flatMap((c) => c.components).find((c) => c.code === code)?.name ?? code ?? '';
  useDocumentTitle(d ? (d.code ? t('dd.title', { code: d.code }) : d.procedure.name) : t('my.title'));
  const reload = () => setTick((n) => n + 1);

  if (session.loading || (dossier.loading && !d)) return <Loading />;
  if (dossier.error)
    return (
      <div className="container page">
        <h1>{t('my.title')}</h1>
        <LoadError error={dossier.error} onRetry={dossier.reload} />
      </div>
    );
  if (!d) return <Loading />;
  const msgs = messagesOf(events.data?.items ?? []);
  // Files in force first; replaced ones stay listed as history.
  const current = d.files.filter((f) => f.kind === 'attachment').sort((a, b) => Number(!!a.supersededAt) - Number(!!b.supersededAt));
  const results = d.results.filter((r) => r.fileId);
  const completed = d.phase === 'result-ready' || d.phase === 'returned';
  const canAmend = d.availableActions.includes('submit-supplement') || d.availableActions.includes('complete');

  return (
    <div className="container page dossier-detail">
      <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/ca-nhan/ho-so">{t('dd.back')}</Link>
          </li>
          <li aria-current="page">{d.code ?? formatDateTime(d.submittedAt, lang)}</li>
        </ol>
      </nav>
      <h1>{d.code ? t('dd.title', { code: d.code }) : t('dd.titleNoCode', { time: formatDateTime(d.submittedAt, lang) })}</h1>
      <p className="lead" lang={dataLang}>
        {d.procedure.name}
      </p>
      <dl className="facts dossier-facts" data-testid="dossier-facts">
        <dt>{t('my.status')}</dt>
        <dd>
          <strong data-testid="dossier-status">{d.publicStatus[lang]}</strong>
        </dd>
        <dt>{t('my.code')}</dt>
        <dd className="code" data-testid="dossier-code">
          {d.code ?? t('my.noCode')}
        </dd>
        <dt>{t('dd.agency')}</dt>
        <dd lang={dataLang}>{d.agency.name}</dd>
        <dt>{t('my.received')}</dt>
        <dd>{formatDateTime(d.submittedAt, lang)}</dd>
        <dt>{t('dd.accepted')}</dt>
        <dd>{formatDateTime(d.acceptedAt, lang) || '—'}</dd>
        <dt>{t('my.appointment')}</dt>
        <dd data-testid="dossier-appointment">{formatDateTime(d.appointment, lang) || '—'}</dd>
        {d.feesDue > 0 || d.feesPaid > 0 ? (
          <>
            <dt>{t('dd.feesDue')}</dt>
            <dd data-testid="dossier-fees-due">{formatVnd(d.feesDue)}</dd>
            <dt>{t('dd.feesPaid')}</dt>
            <dd data-testid="dossier-fees-paid">{formatVnd(d.feesPaid)}</dd>
          </>
        ) : null}
        <dt>{t('dd.resultChannel')}</dt>
        <dd>{d.resultChannel === 'post' ? t('wiz.rc.post') : d.resultChannel === 'desk' ? t('wiz.rc.desk') : t('wiz.rc.online')}</dd>
      </dl>

      <div className="detail-actions">
        {completed ? (
          <Link to={`/ca-nhan/ho-so/${d.id}/danh-gia`} className="link-button">
            {t('dd.rate')}
          </Link>
        ) : null}
        <Withdraw d={d} request={withdrawal.data ?? null} onDone={reload} />
      </div>

      {canAmend ? <Supplement key={tick} d={d} onDone={reload} /> : null}

      {results.length ? (
        <section aria-labelledby="dd-res-h">
          <h2 id="dd-res-h">{t('dd.results')}</h2>
          <ul className="file-list">
            {results.map((r) => (
              <li key={r.n}>
                <a href={`/api/v1/files/${r.fileId}`} download data-testid="result-download">
                  {r.name}
                </a>
                {r.code ? <span className="muted"> ({r.code})</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="dd-msg-h">
        <h2 id="dd-msg-h">{t('dd.messages')}</h2>
        {msgs.length ? (
          <ul className="messages">
            {msgs.map((m, i) => (
              <li key={i}>
                <p className="muted">
                  {formatDateTime(m.at, lang)} — {t(`ev.${m.type}` as MessageKey)}
                </p>
                <ul className="plain-list" lang={dataLang}>
                  {m.lines.map((l, j) => (
                    <li key={j}>{l}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('dd.noMessages')}</p>
        )}
      </section>

      <section aria-labelledby="dd-tl-h">
        <h2 id="dd-tl-h">{t('dd.timeline')}</h2>
        <Timeline
          items={(events.data?.items ?? []).map((e) => ({
            key: e.seq,
            children: (
              <span>
                <strong>{t(`ev.${e.type}` as MessageKey) || e.type}</strong> <span className="muted">{formatDateTime(e.at, lang)}</span>
              </span>
            ),
          }))}
        />
      </section>

      <section aria-labelledby="dd-files-h">
        <h2 id="dd-files-h">{t('dd.files')}</h2>
        <ul className="file-list">
          {current.map((f) => (
            <li key={f.fileId}>
              <span lang={dataLang}>{componentName(f.componentCode)}</span>{' '}
              <a href={`/api/v1/files/${f.fileId}`} download>
                {t('dd.download')}
              </a>{' '}
              <span className="muted">
                {formatDateTime(f.addedAt, lang)}
                {f.supersededAt ? ` · ${t('dd.superseded')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </section>

      {slips.data?.items.length ? (
        <section aria-labelledby="dd-slips-h">
          <h2 id="dd-slips-h">{t('dd.slips')}</h2>
          <ul className="file-list">
            {slips.data.items.map((s, i) => (
              <li key={i}>
                <span lang={dataLang}>{s.title}</span>{' '}
                {s.pdfUrl ? <a href={s.pdfUrl}>PDF</a> : null} {s.docxUrl ? <a href={s.docxUrl}>DOCX</a> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
