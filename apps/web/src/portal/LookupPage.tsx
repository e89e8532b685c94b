import { useState, type FormEvent } from 'react';
import { Alert, Button, Input, QRCode } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { api, ApiError, enc } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime } from '../format.ts';
import { Loading, LoadError } from '../components/status.tsx';
import { fieldMessage, problemText } from '../forms.ts';
import { QrScanButton } from './QrScanner.tsx';

/** The public fields of a dossier [SPEC §12; 000 Art. 23; 002 Art. 15.2] — never ID number, phone, address or files. */
interface LookupView {
  code: string;
  receivingAgency: string;
  processingDepartment: string | null;
  organisationName: string | null;
  applicantName: string;
  receivedAt: string | null;
  appointment: string | null;
  status: { vi: string; en: string };
  missing?: string[];
}

const CODE_RE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/;

function DossierCard({ d }: { d: LookupView }) {
  const { t, lang, dataLang } = useI18n();
  return (
    <article className="lookup-card" aria-label={`${t('lookup.code')} ${d.code}`}>
      <h2 className="lookup-code">{d.code}</h2>
      {/* The code and its QR [SPEC §12]: the same target as the slip's QR, to scan onto a phone. */}
      <div className="lookup-qr">
        <QRCode value={`${location.origin}/tra-cuu/${enc(d.code)}`} aria-label={t('lookup.qr', { code: d.code })} size={136} bordered={false} errorLevel="M" color="#000" bgColor="#fff" />
      </div>
      <dl className="facts">
        <dt>{t('lookup.status')}</dt>
        <dd>
          <strong>{lang === 'en' ? d.status.en : d.status.vi}</strong>
        </dd>
        <dt>{t('lookup.applicant')}</dt>
        <dd lang={dataLang}>{d.applicantName}</dd>
        {d.organisationName ? (
          <>
            <dt>{t('lookup.organisation')}</dt>
            <dd lang={dataLang}>{d.organisationName}</dd>
          </>
        ) : null}
        <dt>{t('lookup.agency')}</dt>
        <dd lang={dataLang}>{d.receivingAgency}</dd>
        {d.processingDepartment ? (
          <>
            <dt>{t('lookup.department')}</dt>
            <dd lang={dataLang}>{d.processingDepartment}</dd>
          </>
        ) : null}
        <dt>{t('lookup.received')}</dt>
        <dd>{formatDateTime(d.receivedAt, lang) || '—'}</dd>
        <dt>{t('lookup.appointment')}</dt>
        <dd>{formatDateTime(d.appointment, lang) || '—'}</dd>
      </dl>
      {d.missing?.length ? (
        <Alert
          type="warning"
          showIcon
          message={t('lookup.missing')}
          description={
            <ul className="plain-list" lang={dataLang}>
              {d.missing.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </article>
  );
}

function ByCode({ code }: { code: string }) {
  const { t } = useI18n();
  const found = useLoad((signal) => api.get<LookupView>(`/api/v1/lookup/${enc(code)}`, undefined, { signal }), [code]);
  if (found.loading) return <Loading />;
  if (found.error?.status === 404) return <Alert type="warning" showIcon role="alert" message={t('lookup.notFound', { code })} description={t('lookup.notFoundHint')} />;
  if (found.error) return <LoadError error={found.error} onRetry={found.reload} />;
  return <DossierCard d={found.data!} />;
}

/** Tra cứu hồ sơ: by code (typed, or the QR on every slip, which opens /tra-cuu/<code>) and by ID number + full name. */
export default function LookupPage() {
  const { t, lang } = useI18n();
  const params = useParams();
  const navigate = useNavigate();
  // The page also runs inside the lookup kiosk (/kiosk/tra-cuu): a search stays under the address it was opened at.
  const base = useLocation().pathname.replace(/\/tra-cuu(\/.*)?$/, '/tra-cuu');
  const current = params.code ? decodeURIComponent(params.code) : null;
  const [code, setCode] = useState(current ?? '');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [idNumber, setIdNumber] = useState('');
  const [fullName, setFullName] = useState('');
  const [byPerson, setByPerson] = useState<{ items?: LookupView[]; error?: unknown; fields?: Record<string, string>; busy?: boolean }>({});
  useDocumentTitle(current ? `${t('lookup.title')} ${current}` : t('lookup.title'));

  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim().toUpperCase();
    if (!CODE_RE.test(c)) return setCodeError(t('lookup.codeFormat'));
    setCodeError(null);
    navigate(`${base}/${enc(c)}`);
  };

  const submitPerson = async (e: FormEvent) => {
    e.preventDefault();
    setByPerson({ busy: true });
    try {
      const r = await api.get<{ items: LookupView[] }>('/api/v1/lookup', { idNumber: idNumber.trim(), fullName: fullName.trim() });
      setByPerson({ items: r.items });
    } catch (err) {
      // Each failing field under its input; anything else (e.g. too many attempts) as a message.
      const fields: Record<string, string> = {};
      if (err instanceof ApiError) for (const f of err.fieldErrors) fields[f.field.replace(/^querystring\./, '')] = fieldMessage(f, lang);
      setByPerson(Object.keys(fields).length ? { fields } : { error: err });
    }
  };

  return (
    <div className="container page">
      <h1>{t('lookup.title')}</h1>
      <p className="lead">{t('lookup.intro')}</p>
      <form className="lookup-form" onSubmit={submitCode} aria-labelledby="lk-code-h" noValidate>
        <h2 id="lk-code-h">{t('lookup.byCode')}</h2>
        <label htmlFor="lk-code">{t('lookup.code')}</label>
        <div className="search-row">
          <Input id="lk-code" value={code} onChange={(e) => setCode(e.target.value)} placeholder="000.00.31.H99-261123-0001" autoComplete="off" aria-invalid={!!codeError} aria-describedby={codeError ? 'lk-code-err' : 'lk-code-help'} />
          <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
            {t('common.search')}
          </Button>
        </div>
        <div className="qr-row">
          <QrScanButton
            onCode={(c) => {
              setCode(c);
              setCodeError(null);
              navigate(`${base}/${enc(c)}`);
            }}
          />
        </div>
        {codeError ? (
          <p id="lk-code-err" className="field-error" role="alert">
            {codeError}
          </p>
        ) : (
          <p id="lk-code-help" className="form-note">
            {t('lookup.codeHelp')}
          </p>
        )}
      </form>

      {current ? <ByCode code={current} /> : null}

      <form className="lookup-form" onSubmit={submitPerson} aria-labelledby="lk-person-h" noValidate>
        <h2 id="lk-person-h">{t('lookup.byPerson')}</h2>
        <p className="form-note">{t('lookup.byPersonHelp')}</p>
        <label htmlFor="lk-id">{t('lookup.idNumber')}</label>
        <Input id="lk-id" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} inputMode="numeric" autoComplete="off" aria-invalid={!!byPerson.fields?.idNumber} aria-describedby={byPerson.fields?.idNumber ? 'lk-id-err' : undefined} />
        {byPerson.fields?.idNumber ? (
          <p id="lk-id-err" className="field-error" role="alert">
            {byPerson.fields.idNumber}
          </p>
        ) : null}
        <label htmlFor="lk-name">{t('lookup.fullName')}</label>
        <Input id="lk-name" value={fullName} onChange={(e) => setFullName(e.target.value)} autoComplete="name" aria-invalid={!!byPerson.fields?.fullName} aria-describedby={byPerson.fields?.fullName ? 'lk-name-err' : undefined} />
        {byPerson.fields?.fullName ? (
          <p id="lk-name-err" className="field-error" role="alert">
            {byPerson.fields.fullName}
          </p>
        ) : null}
        <div>
          <Button type="primary" htmlType="submit" loading={!!byPerson.busy} icon={<SearchOutlined aria-hidden />}>
            {t('common.search')}
          </Button>
        </div>
      </form>
      {byPerson.error ? <Alert type="error" showIcon role="alert" message={problemText(byPerson.error, t)} /> : null}
      {byPerson.items ? (
        byPerson.items.length ? (
          <section aria-label={t('lookup.results')}>
            {byPerson.items.map((d) => (
              <DossierCard key={d.code} d={d} />
            ))}
          </section>
        ) : (
          <Alert type="info" showIcon role="status" message={t('lookup.noneForPerson')} />
        )
      ) : null}
      <p>
        <Link to="/thu-tuc">{t('lookup.browseInstead')}</Link>
      </p>
    </div>
  );
}
