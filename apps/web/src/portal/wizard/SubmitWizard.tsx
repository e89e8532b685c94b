import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Input, Radio, Result, Select, Steps } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ProcedureCase } from '@motcua/domain';
import { api, ApiError, enc } from '../../api.ts';
import { useDocumentTitle, useI18n } from '../../i18n.ts';
import { useLoad, useNarrow } from '../../hooks.ts';
import { Loading, LoadError } from '../../components/status.tsx';
import { UnplacedErrors } from '../../components/UnplacedErrors.tsx';
import { ExpectedAppointment } from '../../components/ExpectedAppointment.tsx';
import { problemText } from '../../forms.ts';
import { formatDateTime } from '../../format.ts';
import { EForm, type EFormHandle } from '../../eform/EForm.tsx';
import type { ProcedureDetail } from '../../types.ts';
import type { DossierView, Draft } from '../dossierTypes.ts';
import { useRequireCitizen, type CitizenMe } from '../useRequireCitizen.ts';
import { FilePicker } from './FilePicker.tsx';
import { StorePicker } from './StorePicker.tsx';
import type { FileLimits, UploadedFile } from './upload.ts';
import { emptyWizard, missingComponents, prefill, toSubmission, type CitizenProfile, type WizardData } from './wizardData.ts';

const STEPS = ['wiz.stepCase', 'wiz.stepForms', 'wiz.stepFiles', 'wiz.stepChannels', 'wiz.stepReview'] as const;
const AUTOSAVE_MS = 1200;

/** The applicant's own fields, checked here as the server checks them (DossierApplicant + technicalCheck). */
function applicantErrors(d: WizardData): Record<string, 'required' | 'idNumber' | 'phone' | 'email' | 'taxCode'> {
  const a = d.applicant;
  const e: Record<string, 'required' | 'idNumber' | 'phone' | 'email' | 'taxCode'> = {};
  if (!a.fullName?.trim()) e.fullName = 'required';
  if (a.kind === 'individual' && !a.idNumber) e.idNumber = 'required';
  else if (a.idNumber && !/^\d{12}$/.test(a.idNumber)) e.idNumber = 'idNumber';
  if (a.phone && !/^0\d{9}$/.test(a.phone)) e.phone = 'phone';
  if (a.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a.email)) e.email = 'email';
  if (a.kind === 'organisation') {
    if (!a.organisationName?.trim()) e.organisationName = 'required';
    if (!a.taxCode) e.taxCode = 'required';
    else if (!/^\d{10}(-\d{3})?$/.test(a.taxCode)) e.taxCode = 'taxCode';
  }
  return e;
}

export default function SubmitWizard() {
  const { procedureCode = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const { t, lang, localized } = useI18n();
  const narrow = useNarrow();
  const session = useRequireCitizen();
  const proc = useLoad((signal) => api.get<ProcedureDetail>(`/api/v1/procedures/${enc(procedureCode)}`, undefined, { signal }), [procedureCode]);
  const limits = useLoad((signal) => api.get<FileLimits>('/api/v1/files/limits', undefined, { signal }), []);
  const name = proc.data ? localized(proc.data.content.name, proc.data.content.nameEn) : null;
  useDocumentTitle(name ? `${t('wiz.title')}: ${name}` : t('wiz.title'));

  const [data, setData] = useState<WizardData | null>(null);
  const [draftId, setDraftId] = useState<string | null>(search.get('nhap'));
  const [saved, setSaved] = useState<{ at: string } | { error: string } | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<{ field: string; message: string; messageEn?: string }[]>([]);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<DossierView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const sendingRef = useRef(false);
  const submittedRef = useRef(false);
  const formRefs = useRef(new Map<string, EFormHandle | null>());
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Start: resume the draft named in the address, or a new wizard pre-filled from the profile and the latest dossier.
  useEffect(() => {
    if (!session.me || session.notCitizen || !proc.data || data) return;
    const ctl = new AbortController();
    const start = async (me: CitizenMe, p: ProcedureDetail) => {
      const id = search.get('nhap');
      if (id) {
        const d = await api.get<Draft>(`/api/v1/me/drafts/${enc(id)}`, undefined, { signal: ctl.signal });
        return { ...emptyWizard(p), ...(d.data as Partial<WizardData>) } as WizardData;
      }
      const [mine, profile] = await Promise.all([
        api.get<{ items: DossierView[] }>('/api/v1/me/dossiers', { pageSize: 100 }, { signal: ctl.signal }),
        // The account's own profile (ID number, date of birth, contacts, organisation); an account without one still submits.
        api.get<CitizenProfile>('/api/v1/me/profile', undefined, { signal: ctl.signal, quiet: true }).catch(() => null),
      ]);
      const latest = mine.items.find((x) => x.procedure.code === p.code) ?? null;
      return prefill(emptyWizard(p), me, latest, p, profile);
    };
    start(session.me, proc.data).then(
      (d) => !ctl.signal.aborted && setData(d),
      (e: unknown) => !ctl.signal.aborted && setLoadError(e),
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.me, proc.data]);

  // Autosave (debounced) to /me/drafts, so the wizard resumes on any device.
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const draftIdRef = useRef(draftId);
  draftIdRef.current = draftId;
  const saveNow = useCallback(
    async (d: WizardData) => {
      if (submittedRef.current || !proc.data) return;
      const body = { procedureCode: proc.data.code, title: proc.data.content.name.slice(0, 300), data: d as unknown as Record<string, unknown> };
      try {
        if (draftIdRef.current) await api.put<Draft>(`/api/v1/me/drafts/${enc(draftIdRef.current)}`, body, { quiet: true });
        else {
          const created = await api.post<Draft>('/api/v1/me/drafts', body, { quiet: true });
          draftIdRef.current = created.id;
          setDraftId(created.id);
          setSearch({ nhap: created.id }, { replace: true });
        }
        setSaved({ at: new Date().toISOString() });
      } catch (e) {
        setSaved({ error: problemText(e, t) });
      }
    },
    [proc.data, setSearch, t],
  );
  const update = (patch: Partial<WizardData>) => {
    setData((d) => {
      if (!d) return d;
      const next = { ...d, ...patch };
      if (saveTimer.current) clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => void saveNow(next), AUTOSAVE_MS);
      return next;
    });
  };
  useEffect(() => () => void (saveTimer.current && clearTimeout(saveTimer.current)), []);

  const p = proc.data;
  const theCase: ProcedureCase | undefined = p && data ? p.content.cases.find((c) => c.code === data.caseCode) : undefined;
  const agencies = p?.agencies ?? [];

  const goTo = (step: number) => {
    if (!data) return;
    setShowErrors(false);
    const patch: Partial<WizardData> = { step };
    // The key is made once, when the review is first reached, and kept in the draft: a double click,
    // a network retry or a reload on another device sends the same key, and the server answers with
    // the same dossier.
    if (step === 4 && !data.idempotencyKey) patch.idempotencyKey = crypto.randomUUID();
    const next = { ...data, ...patch };
    setData(next);
    if (saveTimer.current) clearTimeout(saveTimer.current);
    void saveNow(next);
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const stepValid = (step: number): boolean => {
    if (!data) return false;
    if (step === 0) return !!data.caseCode && !!data.agencyCode;
    if (step === 1) {
      let ok = Object.keys(applicantErrors(data)).length === 0;
      // Every e-form shows its errors at once; the first invalid one takes the focus.
      for (const c of theCase?.components ?? []) {
        if (!c.form) continue;
        const h = formRefs.current.get(c.code);
        if (h && !h.validate()) ok = false;
      }
      return ok;
    }
    if (step === 2) return missingComponents(data, theCase).length === 0;
    if (step === 3) return !(data.resultChannel === 'post' && !data.resultAddress.trim()) && !(data.notifyChannels.includes('email') && !data.applicant.email) && !(data.notifyChannels.includes('sms') && !data.applicant.phone);
    return true;
  };

  const next = () => {
    if (!data) return;
    if (!stepValid(data.step)) {
      setShowErrors(true);
      if (data.step !== 1) requestAnimationFrame(() => (document.querySelector('.wizard [aria-invalid="true"]') as HTMLElement | null)?.focus());
      else if (Object.keys(applicantErrors(data)).length) requestAnimationFrame(() => (document.querySelector('.applicant-fields [aria-invalid="true"]') as HTMLElement | null)?.focus());
      return;
    }
    goTo(data.step + 1);
  };

  const submit = async () => {
    if (!data || !p || sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    setServerErrors([]);
    if (saveTimer.current) clearTimeout(saveTimer.current);
    try {
      const body = toSubmission(data, p, draftIdRef.current);
      const d = await api.post<DossierView>('/api/v1/dossiers', body, { headers: { 'idempotency-key': data.idempotencyKey! } });
      submittedRef.current = true;
      setDone(d);
      requestAnimationFrame(() => headingRef.current?.focus());
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) setServerErrors(e.fieldErrors);
      else setServerErrors([{ field: '', message: problemText(e, t) }]);
      sendingRef.current = false;
    } finally {
      setSending(false);
    }
  };

  if (session.loading || proc.loading || limits.loading) return <Loading />;
  if (session.notCitizen)
    return (
      <div className="container page">
        <h1>{t('wiz.title')}</h1>
        <Alert type="warning" showIcon message={t('wiz.citizensOnly')} />
      </div>
    );
  if (proc.error || limits.error || loadError) return <div className="container page"><h1>{t('wiz.title')}</h1><LoadError error={proc.error ?? limits.error ?? loadError} onRetry={proc.reload} /></div>;
  if (!p || !data || !limits.data) return <Loading />;
  if (!p.content.channels.includes('online'))
    return (
      <div className="container page">
        <h1>{t('wiz.title')}</h1>
        <Alert type="info" showIcon message={t('wiz.notOnline')} />
        <Link to={`/thu-tuc/${enc(p.code)}`}>{t('wiz.backToProcedure')}</Link>
      </div>
    );

  if (done) {
    return (
      <div className="container page wizard">
        <Result
          status="success"
          title={
            <h1 ref={headingRef} tabIndex={-1} className="result-title">
              {t('wiz.doneTitle')}
            </h1>
          }
          subTitle={
            <div className="wizard-receipt" data-testid="receipt">
              <p>
                {t('wiz.receivedAt')}: <strong>{formatDateTime(done.submittedAt, lang)}</strong>
              </p>
              <p>{done.code ? <>{t('my.code')}: <strong>{done.code}</strong></> : t('wiz.codeLater')}</p>
              <p>
                {t('my.status')}: <strong>{done.publicStatus[lang]}</strong>
              </p>
            </div>
          }
          extra={[
            <Link key="d" to={`/ca-nhan/ho-so/${done.id}`} className="ant-btn ant-btn-primary ant-btn-lg link-button">
              {t('wiz.openDossier')}
            </Link>,
            <Link key="l" to="/ca-nhan/ho-so">
              {t('my.title')}
            </Link>,
          ]}
        />
      </div>
    );
  }

  const ae = showErrors && data.step === 1 ? applicantErrors(data) : {};
  const aeText = (k: string) => (ae[k] ? t(`wiz.err.${ae[k]}` as 'wiz.err.required') : null);
  const missing = showErrors && data.step === 2 ? new Set(missingComponents(data, theCase).map((c) => c.code)) : new Set<string>();
  const setApplicant = (patch: Partial<WizardData['applicant']>) => update({ applicant: { ...data.applicant, ...patch } });
  const field = (k: keyof WizardData['applicant'], label: string, opts: { inputMode?: 'numeric' | 'tel' | 'email'; autoComplete?: string; help?: string; type?: 'date' } = {}) => {
    const err = aeText(k);
    const id = `ap-${k}`;
    return (
      <div className="form-field">
        <label htmlFor={id}>
          {label}
          {k === 'fullName' || (k === 'idNumber' && data.applicant.kind === 'individual') || ((k === 'organisationName' || k === 'taxCode') && data.applicant.kind === 'organisation') ? <span className="req" aria-hidden> *</span> : null}
        </label>
        <Input
          id={id}
          value={(data.applicant[k] as string | undefined) ?? ''}
          onChange={(e) => setApplicant({ [k]: e.target.value || undefined })}
          type={opts.type}
          inputMode={opts.inputMode}
          autoComplete={opts.autoComplete}
          aria-invalid={!!err}
          aria-describedby={[opts.help ? `${id}-help` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined}
        />
        {opts.help ? (
          <p id={`${id}-help`} className="form-note">
            {opts.help}
          </p>
        ) : null}
        {err ? (
          <p id={`${id}-err`} className="field-error" role="alert">
            {err}
          </p>
        ) : null}
      </div>
    );
  };

  const agencyName = agencies.find((a) => a.code === data.agencyCode)?.name ?? '';
  return (
    <div className="container page wizard">
      <nav aria-label={t('a11y.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/thu-tuc">{t('catalogue.title')}</Link>
          </li>
          <li>
            <Link to={`/thu-tuc/${enc(p.code)}`}>{name}</Link>
          </li>
          <li aria-current="page">{t('wiz.title')}</li>
        </ol>
      </nav>
      <p className="procedure-code">
        <span className="code">{p.code}</span> {name}
      </p>
      <Steps current={data.step} size="small" direction={narrow ? 'vertical' : 'horizontal'} className="wizard-steps" items={STEPS.map((k) => ({ title: t(k) }))} aria-label={t('wiz.progress')} />
      <h1 ref={headingRef} tabIndex={-1} className="wizard-heading">
        {t('wiz.stepOf', { n: data.step + 1, total: STEPS.length })}: {t(STEPS[data.step]!)}
      </h1>
      <p className="wizard-saved" role="status" aria-live="polite">
        {saved && 'at' in saved ? t('wiz.savedAt', { time: formatDateTime(saved.at, lang) }) : saved && 'error' in saved ? t('wiz.saveFailed', { error: saved.error }) : ''}
      </p>

      {data.step === 0 ? (
        <section className="wizard-section">
          <fieldset>
            <legend>{t('wiz.case')}</legend>
            <Radio.Group value={data.caseCode} onChange={(e) => update({ caseCode: e.target.value as string })} className="stack" aria-invalid={showErrors && !data.caseCode}>
              {p.content.cases.map((c) => (
                <Radio key={c.code} value={c.code}>
                  {c.name}
                </Radio>
              ))}
            </Radio.Group>
            {showErrors && !data.caseCode ? <p className="field-error" role="alert">{t('wiz.err.chooseCase')}</p> : null}
          </fieldset>
          <div className="form-field">
            <label htmlFor="wiz-agency">{t('wiz.agency')}</label>
            <Select
              id="wiz-agency"
              showSearch
              optionFilterProp="label"
              value={data.agencyCode ?? undefined}
              onChange={(v: string) => update({ agencyCode: v })}
              options={agencies.map((a) => ({ value: a.code, label: a.name }))}
              placeholder={t('wiz.agencyPlaceholder')}
              className="wide-select"
              status={showErrors && !data.agencyCode ? 'error' : ''}
              aria-invalid={showErrors && !data.agencyCode}
            />
            {showErrors && !data.agencyCode ? <p className="field-error" role="alert">{t('wiz.err.chooseAgency')}</p> : null}
          </div>
          {data.agencyCode ? <ExpectedAppointment timeLimit={theCase?.timeLimit ?? p.content.timeLimit} agencyCode={data.agencyCode} /> : null}
        </section>
      ) : null}

      {data.step === 1 && theCase ? (
        <section className="wizard-section">
          <fieldset className="applicant-fields">
            <legend>{t('wiz.applicant')}</legend>
            <Radio.Group value={data.applicant.kind} onChange={(e) => setApplicant({ kind: e.target.value as 'individual' | 'organisation' })} aria-label={t('wiz.applicantKind')}>
              <Radio value="individual">{t('wiz.individual')}</Radio>
              <Radio value="organisation">{t('wiz.organisation')}</Radio>
            </Radio.Group>
            {field('fullName', data.applicant.kind === 'organisation' ? t('wiz.representative') : t('wiz.fullName'), { autoComplete: 'name' })}
            {field('idNumber', t('wiz.idNumber'), { inputMode: 'numeric', help: t('wiz.idNumberHelp') })}
            {field('dateOfBirth', t('wiz.dateOfBirth'), { type: 'date', autoComplete: 'bday' })}
            {data.applicant.kind === 'organisation' ? (
              <>
                {field('organisationName', t('wiz.organisationName'), { autoComplete: 'organization' })}
                {field('taxCode', t('wiz.taxCode'), { inputMode: 'numeric' })}
              </>
            ) : null}
            {field('phone', t('wiz.phone'), { inputMode: 'tel', autoComplete: 'tel', help: t('wiz.phoneHelp') })}
            {field('email', t('wiz.email'), { inputMode: 'email', autoComplete: 'email' })}
            {field('address', t('wiz.address'), { autoComplete: 'street-address' })}
          </fieldset>
          {theCase.components
            .filter((c) => c.form)
            .map((c) => (
              <fieldset key={c.code} className="component-form">
                <legend>{c.name}</legend>
                <EForm
                  ref={(h) => {
                    formRefs.current.set(c.code, h);
                  }}
                  id={`f-${c.code}`}
                  schema={c.form!.schema}
                  uiSchema={c.form!.uiSchema}
                  value={data.forms[c.code] ?? {}}
                  onChange={(v) => update({ forms: { ...data.forms, [c.code]: v } })}
                />
              </fieldset>
            ))}
        </section>
      ) : null}

      {data.step === 2 && theCase ? (
        <section className="wizard-section">
          <p className="lead">{t('wiz.filesIntro')}</p>
          {theCase.components.map((c) => (
            <div key={c.code} className="component-files">
              <h2 className="component-name">
                {c.name} {c.mandatory ? <span className="req-tag">{t('wiz.mandatory')}</span> : <span className="muted">({t('wiz.optional')})</span>}
              </h2>
              {c.form ? <p className="form-note">{t('wiz.hasEForm')}</p> : null}
              <FilePicker
                label={t('wiz.attachFor', { name: c.name.length > 60 ? `${c.name.slice(0, 57)}…` : c.name })}
                limits={limits.data!}
                files={(data.files[c.code] ?? []) as UploadedFile[]}
                onChange={(f) => setData((d) => {
                  if (!d) return d;
                  const n = { ...d, files: { ...d.files, [c.code]: f } };
                  if (saveTimer.current) clearTimeout(saveTimer.current);
                  saveTimer.current = setTimeout(() => void saveNow(n), AUTOSAVE_MS);
                  return n;
                })}
                invalid={missing.has(c.code) ? t('wiz.err.missingFile') : null}
              />
              <StorePicker
                component={c.name.length > 60 ? `${c.name.slice(0, 57)}…` : c.name}
                files={(data.files[c.code] ?? []) as UploadedFile[]}
                onPick={(f) => update({ files: { ...data.files, [c.code]: [...(data.files[c.code] ?? []), f] } })}
              />
            </div>
          ))}
        </section>
      ) : null}

      {data.step === 3 ? (
        <section className="wizard-section">
          <fieldset>
            <legend>{t('wiz.resultChannel')}</legend>
            <Radio.Group value={data.resultChannel} onChange={(e) => update({ resultChannel: e.target.value as WizardData['resultChannel'] })} className="stack">
              <Radio value="desk">{t('wiz.rc.desk')}</Radio>
              <Radio value="post">{t('wiz.rc.post')}</Radio>
              <Radio value="online">{t('wiz.rc.online')}</Radio>
            </Radio.Group>
          </fieldset>
          {data.resultChannel === 'post' ? (
            <div className="form-field">
              <label htmlFor="wiz-raddr">{t('wiz.resultAddress')}</label>
              <Input.TextArea id="wiz-raddr" rows={2} value={data.resultAddress} onChange={(e) => update({ resultAddress: e.target.value })} aria-invalid={showErrors && !data.resultAddress.trim()} aria-describedby={showErrors && !data.resultAddress.trim() ? 'wiz-raddr-err' : undefined} autoComplete="street-address" />
              {showErrors && !data.resultAddress.trim() ? <p id="wiz-raddr-err" className="field-error" role="alert">{t('wiz.err.address')}</p> : null}
            </div>
          ) : null}
          <fieldset>
            <legend>{t('wiz.notify')}</legend>
            <Checkbox.Group value={data.notifyChannels} onChange={(v) => update({ notifyChannels: v as WizardData['notifyChannels'] })} className="stack">
              <Checkbox value="in-app">{t('wiz.nc.inApp')}</Checkbox>
              <Checkbox value="email">{t('wiz.nc.email')}</Checkbox>
              <Checkbox value="sms">{t('wiz.nc.sms')}</Checkbox>
            </Checkbox.Group>
            {showErrors && data.notifyChannels.includes('email') && !data.applicant.email ? <p className="field-error" role="alert">{t('wiz.err.needEmail')}</p> : null}
            {showErrors && data.notifyChannels.includes('sms') && !data.applicant.phone ? <p className="field-error" role="alert">{t('wiz.err.needPhone')}</p> : null}
          </fieldset>
        </section>
      ) : null}

      {data.step === 4 && theCase ? (
        <section className="wizard-section review">
          <dl className="facts">
            <dt>{t('wiz.case')}</dt>
            <dd>{theCase.name}</dd>
            <dt>{t('wiz.agency')}</dt>
            <dd>{agencyName}</dd>
            <dt>{t('wiz.applicant')}</dt>
            <dd>
              {data.applicant.organisationName ? `${data.applicant.organisationName} — ` : ''}
              {data.applicant.fullName} {data.applicant.idNumber ? `(${t('wiz.idNumber')}: ${data.applicant.idNumber})` : ''}
            </dd>
            {theCase.components.map((c) => (
              <div key={c.code} className="facts-row">
                <dt>{c.name}</dt>
                <dd>
                  {c.form && data.forms[c.code] && Object.keys(data.forms[c.code]!).length ? <span>{t('wiz.formFilled')}</span> : null}
                  {(data.files[c.code] ?? []).length ? (
                    <ul className="plain-list">
                      {(data.files[c.code] ?? []).map((f) => (
                        <li key={f.id}>{f.name}</li>
                      ))}
                    </ul>
                  ) : !c.form || !data.forms[c.code] ? (
                    <span className="muted">{t('wiz.nothingAttached')}</span>
                  ) : null}
                </dd>
              </div>
            ))}
            <dt>{t('wiz.resultChannel')}</dt>
            <dd>
              {t(`wiz.rc.${data.resultChannel}` as 'wiz.rc.desk')}
              {data.resultChannel === 'post' ? `: ${data.resultAddress}` : ''}
            </dd>
            <dt>{t('wiz.notify')}</dt>
            <dd>{data.notifyChannels.map((c) => t(c === 'in-app' ? 'wiz.nc.inApp' : c === 'email' ? 'wiz.nc.email' : 'wiz.nc.sms')).join(', ') || '—'}</dd>
          </dl>
          <ExpectedAppointment timeLimit={theCase.timeLimit ?? p.content.timeLimit} agencyCode={data.agencyCode ?? undefined} />
          {serverErrors.length ? <UnplacedErrors errors={serverErrors} /> : null}
        </section>
      ) : null}

      <div className="wizard-nav">
        {data.step > 0 ? <Button onClick={() => goTo(data.step - 1)} disabled={sending}>{t('wiz.back')}</Button> : <span />}
        {data.step < 4 ? (
          <Button type="primary" onClick={next}>
            {t('wiz.next')}
          </Button>
        ) : (
          <Button type="primary" size="large" onClick={() => void submit()} disabled={sending} loading={sending} data-testid="submit-dossier">
            {t('wiz.submit')}
          </Button>
        )}
      </div>
    </div>
  );
}
