import { Alert, Button, Card, Checkbox, Col, Descriptions, Form, Input, Radio, Result, Row, Space, Switch, Upload, message, type UploadFile } from 'antd';
import { SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { lazy, Suspense, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { FieldError } from '@motcua/domain';
import { api, ApiError, enc } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { applyProblem, clearErrors, problemText } from '../forms.ts';
import { formatDateTime } from '../format.ts';
import { useDocumentTitle, useI18n, type MessageKey } from '../i18n.ts';
import { Loading } from '../components/status.tsx';
import { UnplacedErrors } from '../components/UnplacedErrors.tsx';
import type { Agency, Paged, ProcedureDetail, ProcedureSummary } from '../types.ts';
import { useAuth } from './auth.tsx';
import { ActionForm, actionLabel } from './desk/ActionForm.tsx';
import { FormSelect, HandoverClock, localToInstant, uploadFile } from './desk/common.tsx';
import type { DossierView, Slip } from './desk/types.ts';
import { dossierPath } from './paths.ts';

const EFormFields = lazy(() => import('./desk/EFormFields.tsx'));
const ID_RE = /^\d{12}$/;

interface Values {
  agencyCode: string;
  procedureCode: string;
  caseCode: string;
  applicant: { kind: 'individual' | 'organisation'; fullName: string; idNumber?: string; dateOfBirth?: string; phone?: string; email?: string; address?: string; organisationName?: string; taxCode?: string };
  useForm?: Record<string, boolean>;
  files?: Record<string, UploadFile<{ id: string }>[]>;
  /** How the dossier reached the desk: handed in at the counter, or by post [000 Art. 26]. */
  channel?: 'direct' | 'postal';
  resultChannel: 'desk' | 'post' | 'online' | 'email';
  resultAddress?: string;
  notifyChannels?: string[];
  backfill?: boolean;
  receivedAt?: string;
  backfillReason?: string;
}

/** Drops empty optional strings: the API refuses "" where a pattern applies (phone, ID number…). */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}

/**
 * The reception desk (tiếp nhận hồ sơ trực tiếp) [SPEC §5; 001 Art. 8.1]: enter the dossier of a
 * citizen at the counter or one received by post (or a paper dossier back-filled after an outage,
 * with its real receipt time [003 Art. 28.5.c]), scan its components, then answer in one go: accept,
 * request completion (everything missing in one list) or refuse. Accepting issues the code and the
 * appointment. Postal staff (nhân viên bưu chính) use the same page to enter a dossier on a
 * citizen's behalf [000 Art. 26]: the server records it as postal and the desk then checks it.
 */
export default function ReceptionPage() {
  const { t, lang, localized } = useI18n();
  useDocumentTitle(t('desk.rc.title'));
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const [msg, ctx] = message.useMessage();
  const isDesk = (me?.roles ?? []).some((r) => r.role === 'reception');
  // Postal staff (no desk role) enter for the agencies they serve: those of their postal roles and every agency below them.
  const postalRoots = useMemo(() => (isDesk ? [] : [...new Set((me?.roles ?? []).filter((r) => r.role === 'postal').map((r) => r.agencyCode))]), [me, isDesk]);
  const agencyTree = useLoad((signal) => (postalRoots.length ? api.get<{ items: Agency[] }>('/api/v1/agencies', undefined, { signal }).then((r) => r.items) : Promise.resolve([] as Agency[])), [postalRoots.join(',')]);
  const roleAgencies = useMemo(() => [...new Set((me?.roles ?? []).filter((r) => r.role === 'reception').map((r) => r.agencyCode))], [me]);
  const served = useMemo(() => {
    const all = agencyTree.data ?? [];
    const inScope = new Set(postalRoots);
    for (let grew = true; grew; ) {
      grew = false;
      for (const a of all) if (a.parentCode && inScope.has(a.parentCode) && !inScope.has(a.code)) (inScope.add(a.code), (grew = true));
    }
    return all.filter((a) => inScope.has(a.code));
  }, [agencyTree.data, postalRoots]);
  const deskAgencies = isDesk ? roleAgencies : served.map((a) => a.code);
  const agencyLabel = (code: string) => {
    const a = served.find((x) => x.code === code);
    return a ? `${localized(a.name)} (${code})` : code;
  };
  const agencyCode = Form.useWatch('agencyCode', form) ?? (isDesk ? deskAgencies[0] : undefined);
  const procedureCode = Form.useWatch('procedureCode', form);
  const caseCode = Form.useWatch('caseCode', form);
  const kind = Form.useWatch(['applicant', 'kind'], form) ?? 'individual';
  const resultChannel = Form.useWatch('resultChannel', form);
  const backfill = Form.useWatch('backfill', form);
  const useForm = Form.useWatch('useForm', form) as Record<string, boolean> | undefined;
  const [q, setQ] = useState('');
  const procedures = useLoad((signal) => (agencyCode ? api.get<Paged<ProcedureSummary>>('/api/v1/procedures', { agency: agencyCode, q, pageSize: 100 }, { signal }) : Promise.resolve({ items: [], total: 0 })), [agencyCode, q]);
  const detail = useLoad((signal) => (procedureCode ? api.get<ProcedureDetail>(`/api/v1/procedures/${enc(procedureCode)}`, undefined, { signal }) : Promise.resolve(null)), [procedureCode]);
  const theCase = detail.data?.content.cases.find((c) => c.code === caseCode) ?? (detail.data?.content.cases.length === 1 ? detail.data.content.cases[0] : undefined);
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const [formErrors, setFormErrors] = useState<Record<string, Record<string, string[]>>>({});
  const [busy, setBusy] = useState(false);
  const [formData, setFormData] = useState<Record<string, Record<string, unknown>>>({});
  const [lookupNote, setLookupNote] = useState<string | null>(null);
  const [dossier, setDossier] = useState<DossierView | null>(null);
  const [decision, setDecision] = useState<string | null>(null);
  // One key per entry: a retried submission (double click, network drop) never creates two dossiers.
  const idem = useRef(crypto.randomUUID());

  const findApplicant = async () => {
    const id = (form.getFieldValue(['applicant', 'idNumber']) as string | undefined)?.trim() ?? '';
    if (!ID_RE.test(id)) {
      form.setFields([{ name: ['applicant', 'idNumber'], errors: [t('desk.rc.idFormat')] }]);
      return;
    }
    try {
      const r = await api.get<{ applicant: Values['applicant'] | null; source: string | null }>('/api/v1/desk/applicants', { idNumber: id });
      if (r.applicant) {
        form.setFieldsValue({ applicant: { ...form.getFieldValue('applicant'), ...r.applicant } });
        setLookupNote(t(r.source === 'account' ? 'desk.rc.foundAccount' : 'desk.rc.foundDossier', { name: r.applicant.fullName }));
      } else setLookupNote(t('desk.rc.notFound'));
    } catch (e) {
      void msg.error(problemText(e, t));
    }
  };

  const submit = async (v: Values) => {
    setBusy(true);
    clearErrors(form);
    setUnplaced([]);
    setFormErrors({});
    const c = theCase;
    const files = Object.entries(v.files ?? {}).flatMap(([code, list]) => (list ?? []).filter((f) => f.status === 'done' && f.response?.id).map((f) => ({ componentCode: code, fileId: f.response!.id })));
    const forms = Object.fromEntries(Object.entries(formData).filter(([code, data]) => v.useForm?.[code] && c?.components.some((x) => x.code === code) && Object.keys(data).length));
    const body = compact({
      procedureCode: v.procedureCode,
      caseCode: c?.code ?? v.caseCode,
      agencyCode: v.agencyCode ?? agencyCode,
      applicant: compact(v.applicant),
      forms,
      files,
      // Only the desk says how the dossier came; postal staff's entries are postal by who they are.
      channel: isDesk ? (v.channel ?? 'direct') : undefined,
      resultChannel: v.resultChannel,
      resultAddress: v.resultChannel === 'post' ? v.resultAddress : undefined,
      notifyChannels: v.notifyChannels ?? [],
      receivedAt: v.backfill ? localToInstant(v.receivedAt) : undefined,
      backfillReason: v.backfill ? v.backfillReason : undefined,
    });
    try {
      const d = await api.post<DossierView>('/api/v1/dossiers', body, { headers: { 'idempotency-key': idem.current } });
      setDossier(d);
    } catch (e) {
      // E-form errors ("forms.TO_KHAI.nguoiYeuCau.hoTen") go inside the form they belong to.
      if (e instanceof ApiError) {
        const inForms: Record<string, Record<string, string[]>> = {};
        for (const fe of e.fieldErrors) {
          const m = /^forms\.([^.]+)\.(.+)$/.exec(fe.field);
          if (m) ((inForms[m[1]!] ??= {})[m[2]!] ??= []).push(lang === 'en' && fe.messageEn ? fe.messageEn : fe.message);
        }
        setFormErrors(inForms);
      }
      setUnplaced(applyProblem(form, e, { t, lang, message: msg, rename: (f) => (/^forms\.[^.]+\./.test(f) ? null : f) }).filter((fe) => !/^forms\.[^.]+\./.test(fe.field)));
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    setDossier(null);
    setDecision(null);
    setLookupNote(null);
    setFormData({});
    idem.current = crypto.randomUUID();
    form.resetFields();
  };

  if (dossier) return <Decision dossier={dossier} setDossier={setDossier} decision={decision} setDecision={setDecision} again={again} isDesk={isDesk} />;

  return (
    <div className="bo-page desk-page">
      {ctx}
      <h1>{t('desk.rc.title')}</h1>
      <p className="lead">{t(isDesk ? 'desk.rc.lead' : 'desk.rc.postalLead')}</p>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ agencyCode: isDesk ? deskAgencies[0] : undefined, channel: 'direct', applicant: { kind: 'individual' }, resultChannel: 'desk', notifyChannels: [], backfill: false }}
        scrollToFirstError
      >
        <Card size="small" title={<h2 className="card-h">{t('desk.rc.procedure')}</h2>}>
          <Row gutter={16}>
            {isDesk ? (
              <Col xs={24}>
                <Form.Item name="channel" label={t('desk.rc.channel')} extra={t('desk.rc.channelHint')}>
                  <Radio.Group
                    options={[
                      { value: 'direct', label: t('desk.channel.direct') },
                      { value: 'postal', label: t('desk.channel.postal') },
                    ]}
                  />
                </Form.Item>
              </Col>
            ) : (
              <Col xs={24}>
                <Alert type="info" showIcon className="page-alert" message={t('desk.rc.postalNote')} />
              </Col>
            )}
            {deskAgencies.length > 1 || !isDesk ? (
              <Col xs={24} md={8}>
                <Form.Item name="agencyCode" label={t('desk.rc.agency')} rules={[{ required: true, message: t('common.required') }]}>
                  <FormSelect showSearch optionFilterProp="label" loading={agencyTree.loading} options={deskAgencies.map((a) => ({ value: a, label: agencyLabel(a) }))} onChange={() => form.setFieldsValue({ procedureCode: undefined as never, caseCode: undefined as never, files: {}, useForm: {} })} />
                </Form.Item>
              </Col>
            ) : (
              <Form.Item name="agencyCode" hidden>
                <Input />
              </Form.Item>
            )}
            <Col xs={24} md={16}>
              <Form.Item name="procedureCode" label={t('desk.rc.procedureField')} rules={[{ required: true, message: t('common.required') }]}>
                <FormSelect
                  showSearch
                  filterOption={false}
                  onSearch={setQ}
                  loading={procedures.loading}
                  options={(procedures.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))}
                  onChange={() => {
                    form.setFieldsValue({ caseCode: undefined as never, files: {}, useForm: {} });
                    setFormData({});
                  }}
                />
              </Form.Item>
            </Col>
            {detail.data && detail.data.content.cases.length > 1 ? (
              <Col xs={24}>
                <Form.Item name="caseCode" label={t('desk.rc.case')} rules={[{ required: true, message: t('common.required') }]}>
                  <Radio.Group options={detail.data.content.cases.map((c) => ({ value: c.code, label: c.name }))} className="radio-column" />
                </Form.Item>
              </Col>
            ) : null}
          </Row>
        </Card>

        <Card size="small" className="ws-card" title={<h2 className="card-h">{t('desk.ws.applicant')}</h2>}>
          <Form.Item name={['applicant', 'kind']} label={t('desk.rc.kind')}>
            <Radio.Group
              options={[
                { value: 'individual', label: t('desk.rc.individual') },
                { value: 'organisation', label: t('desk.rc.organisationKind') },
              ]}
            />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('desk.rc.idNumber')} required={kind === 'individual'} extra={lookupNote ?? t('desk.rc.idHint')}>
                <Space.Compact className="w-full">
                  <Form.Item name={['applicant', 'idNumber']} noStyle rules={[{ pattern: ID_RE, message: t('desk.rc.idFormat') }, ...(kind === 'individual' ? [{ required: true, message: t('common.required') }] : [])]}>
                    <Input inputMode="numeric" maxLength={12} aria-label={t('desk.rc.idNumber')} autoComplete="off" />
                  </Form.Item>
                  {/* The look-up of known applicants reveals personal data: the desk's only (audited). */}
                  {isDesk ? (
                    <Button icon={<SearchOutlined aria-hidden />} onClick={() => void findApplicant()}>
                      {t('desk.rc.find')}
                    </Button>
                  ) : null}
                </Space.Compact>
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['applicant', 'fullName']} label={t('desk.rc.fullName')} rules={[{ required: true, message: t('common.required') }]}>
                <Input maxLength={200} autoComplete="off" />
              </Form.Item>
            </Col>
            {kind === 'organisation' ? (
              <>
                <Col xs={24} md={12}>
                  <Form.Item name={['applicant', 'organisationName']} label={t('desk.rc.organisation')} rules={[{ required: true, message: t('common.required') }]}>
                    <Input maxLength={300} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={['applicant', 'taxCode']} label={t('desk.rc.taxCode')} rules={[{ required: true, message: t('common.required') }, { pattern: /^\d{10}(-\d{3})?$/, message: t('desk.rc.taxFormat') }]}>
                    <Input maxLength={14} />
                  </Form.Item>
                </Col>
              </>
            ) : null}
            <Col xs={24} md={8}>
              <Form.Item name={['applicant', 'dateOfBirth']} label={t('desk.rc.dateOfBirth')}>
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['applicant', 'phone']} label={t('desk.rc.phone')} rules={[{ pattern: /^0\d{9}$/, message: t('desk.rc.phoneFormat') }]}>
                <Input inputMode="tel" maxLength={10} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['applicant', 'email']} label={t('desk.rc.email')} rules={[{ type: 'email', message: t('common.invalidEmail') }]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name={['applicant', 'address']} label={t('desk.rc.address')}>
                <Input maxLength={500} autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        {theCase ? (
          <Card size="small" className="ws-card" title={<h2 className="card-h">{t('desk.ws.components')}</h2>}>
            {theCase.components.map((c) => (
              <fieldset key={c.code} className="desk-fieldset">
                <legend>
                  {c.name} {c.mandatory ? <span className="req-mark">({t('desk.rc.mandatory')})</span> : null}
                </legend>
                {c.form ? (
                  <>
                    <Form.Item name={['useForm', c.code]} valuePropName="checked">
                      <Checkbox>{t('desk.rc.fillForm')}</Checkbox>
                    </Form.Item>
                    {useForm?.[c.code] ? (
                      <Form.Item name={['forms', c.code]}>
                        <Slot>
                          <Suspense fallback={<Loading />}>
                            <EFormFields schema={c.form.schema} uiSchema={c.form.uiSchema} value={formData[c.code]} errors={formErrors[c.code] ?? {}} onChange={(d) => setFormData((x) => ({ ...x, [c.code]: d }))} />
                          </Suspense>
                        </Slot>
                      </Form.Item>
                    ) : null}
                  </>
                ) : null}
                <Form.Item name={['files', c.code]} label={t('desk.rc.scans')} valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}>
                  <Upload
                    multiple
                    accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff"
                    customRequest={({ file, onSuccess, onError }) => {
                      uploadFile(file as File).then(
                        (m) => onSuccess?.(m),
                        (e: unknown) => {
                          void msg.error(problemText(e, t));
                          onError?.(e as Error);
                        },
                      );
                    }}
                  >
                    <Button icon={<UploadOutlined aria-hidden />}>{t('desk.rc.upload', { name: c.name.slice(0, 40) })}</Button>
                  </Upload>
                </Form.Item>
              </fieldset>
            ))}
          </Card>
        ) : null}

        <Card size="small" className="ws-card" title={<h2 className="card-h">{t('desk.rc.return')}</h2>}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="resultChannel" label={t('desk.ws.resultChannel')}>
                <FormSelect options={['desk', 'post', 'online', 'email'].map((h) => ({ value: h, label: t(`desk.resultChannel.${h}` as MessageKey) }))} />
              </Form.Item>
            </Col>
            {resultChannel === 'post' ? (
              <Col xs={24} md={16}>
                <Form.Item name="resultAddress" label={t('desk.rc.resultAddress')} rules={[{ required: true, message: t('common.required') }]}>
                  <Input maxLength={500} />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24}>
              <Form.Item name="notifyChannels" label={t('desk.rc.notify')}>
                <Checkbox.Group
                  options={[
                    { value: 'email', label: t('desk.rc.notify.email') },
                    { value: 'sms', label: t('desk.rc.notify.sms') },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
          {isDesk ? (
            <Form.Item name="backfill" valuePropName="checked" label={t('desk.rc.backfill')} extra={t('desk.rc.backfillHint')}>
              <Switch />
            </Form.Item>
          ) : null}
          {isDesk && backfill ? (
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="receivedAt" label={t('desk.rc.receivedAt')} rules={[{ required: true, message: t('common.required') }]} extra={t('desk.form.vnTime')}>
                  <Input type="datetime-local" />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item name="backfillReason" label={t('desk.rc.backfillReason')} rules={[{ required: true, message: t('common.required') }]}>
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
              </Col>
            </Row>
          ) : null}
        </Card>
        <UnplacedErrors errors={unplaced} className="page-alert" />
        <Button type="primary" htmlType="submit" loading={busy} size="large">
          {t('desk.rc.submit')}
        </Button>
        {detail.data ? <p className="muted small">{t('desk.rc.agencyNote', { agency: localized(detail.data.agencies.find((a) => a.code === agencyCode)?.name ?? agencyCode ?? '') })}</p> : null}
      </Form>
    </div>
  );
}

/** Holds a place in the antd form (for the server's errors on the component) around a control that keeps its own state. */
function Slot({ children }: { children: ReactNode; value?: unknown; onChange?: unknown }) {
  return <>{children}</>;
}

/** After entry: the desk decides at once [001 Art. 8.1.a]; after acceptance the code, appointment and slips. */
function Decision({ dossier, setDossier, decision, setDecision, again, isDesk }: { dossier: DossierView; setDossier: (d: DossierView) => void; decision: string | null; setDecision: (s: string | null) => void; again: () => void; isDesk: boolean }) {
  const { t, lang, pick } = useI18n();
  const slips = useLoad(
    (signal) =>
      dossier.code
        ? api.get<{ items: Slip[] }>(`/api/v1/dossiers/${enc(dossier.id)}/slips`, undefined, { signal, quiet: true }).then(
            (r) => r.items,
            // A dossier with no slip yet answers 404: "no slips here yet", not an error.
            (e: unknown) => {
              if (e instanceof ApiError && e.status === 404) return [];
              throw e;
            },
          )
        : Promise.resolve([]),
    [dossier.id, dossier.code],
  );
  const act = async (body: Record<string, unknown>) => {
    const d = await api.post<DossierView>(`/api/v1/dossiers/${enc(dossier.id)}/actions`, body);
    setDossier(d);
    setDecision(null);
  };
  const choices = ['accept', 'request-completion', 'refuse'].filter((a) => dossier.availableActions.includes(a));

  if (!isDesk && !dossier.code) {
    // Postal staff hand the dossier over: the desk of the agency checks it and decides.
    return (
      <div className="bo-page desk-page">
        <Result
          status="success"
          title={<h1 className="result-title">{t('desk.rc.postalSent')}</h1>}
          subTitle={
            <div data-testid="postal-sent">
              <p>{t('desk.rc.postalSentText', { agency: dossier.agency.name })}</p>
              <p>
                {t('desk.ws.submittedAt')}: <strong>{formatDateTime(dossier.submittedAt, lang)}</strong> · {t('desk.col.applicant')}: <strong>{dossier.applicant.fullName}</strong>
              </p>
            </div>
          }
          extra={
            <Button type="primary" onClick={again}>
              {t('desk.rc.another')}
            </Button>
          }
        />
      </div>
    );
  }

  if (dossier.code) {
    return (
      <div className="bo-page desk-page">
        <Result
          status="success"
          title={<h1 className="result-title">{t('desk.rc.accepted')}</h1>}
          subTitle={
            <div data-testid="accepted">
              <p>
                {t('desk.rc.code')} <strong className="mono big-code">{dossier.code}</strong>
              </p>
              <p>
                {t('desk.col.appointment')}: <strong>{formatDateTime(dossier.appointment, lang)}</strong>
              </p>
              <HandoverClock due={dossier.handoverDue} warning={dossier.handoverWarning} lang={lang} />
            </div>
          }
          extra={
            <Space wrap>
              <Link to={dossierPath(dossier.id)}>{t('desk.rc.openWorkspace')}</Link>
              <Button type="primary" onClick={again}>
                {t('desk.rc.another')}
              </Button>
            </Space>
          }
        />
        {slips.data?.length ? (
          <Card size="small" title={<h2 className="card-h">{t('desk.rc.slips')}</h2>} data-testid="receipt-slips">
            <ul className="plain-list">
              {slips.data.map((s) => (
                <li key={s.kind}>
                  {s.title}: <a href={s.pdfUrl}>PDF</a>
                  {s.docxUrl ? (
                    <>
                      {' · '}
                      <a href={s.docxUrl}>DOCX</a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    );
  }
  return (
    <div className="bo-page desk-page">
      <h1>{t('desk.rc.decide')}</h1>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('desk.col.applicant')}>{dossier.applicant.fullName}</Descriptions.Item>
        <Descriptions.Item label={t('desk.col.procedure')}>{dossier.procedure.name}</Descriptions.Item>
        <Descriptions.Item label={t('desk.col.status')}>{pick(dossier.exchangeStatus.label)}</Descriptions.Item>
        <Descriptions.Item label={t('desk.ws.submittedAt')}>
          {formatDateTime(dossier.submittedAt, lang)} {dossier.backfilled ? `(${t('desk.ws.backfilled')})` : ''}
        </Descriptions.Item>
      </Descriptions>
      {dossier.phase === 'refused' ? <Alert type="warning" showIcon className="page-alert" message={t('desk.rc.refused')} /> : null}
      {dossier.phase === 'incomplete' ? <Alert type="info" showIcon className="page-alert" message={t('desk.rc.completionAsked')} description={<ul className="plain-list">{dossier.missing.map((m, i) => <li key={i}>{m}</li>)}</ul>} /> : null}
      <Space wrap className="ws-actions">
        {choices.map((a) => (
          <Button key={a} type={a === 'accept' ? 'primary' : 'default'} danger={a === 'refuse'} onClick={() => setDecision(a)} aria-pressed={decision === a}>
            {t(actionLabel(a))}
          </Button>
        ))}
        <Link to={dossierPath(dossier.id)}>{t('desk.rc.openWorkspace')}</Link>
        <Button type="text" onClick={again}>
          {t('desk.rc.another')}
        </Button>
      </Space>
      {decision ? (
        <Card size="small" className="ws-card" title={<h2 className="card-h">{t(actionLabel(decision))}</h2>}>
          <ActionForm type={decision} dossier={dossier} onSubmit={act} onCancel={() => setDecision(null)} />
        </Card>
      ) : null}
    </div>
  );
}
