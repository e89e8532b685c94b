import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Select, Tag } from 'antd';
import { api, ApiError, enc } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime } from '../format.ts';
import { fieldErrorsOf, problemText } from '../forms.ts';
import { LoadError, Loading } from '../components/status.tsx';
import { useAdminAgencyOptions } from './documentsAdmin.ts';
import './desk/documents.css';

interface Certificate {
  agencyCode: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  uploadedAt: string;
}

/** The server takes at most 200 000 base64 characters: 150 000 bytes, rounded down for the UI. */
const MAX_P12_BYTES = 140 * 1024;

function base64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

/**
 * An agency's signing certificate (chứng thư số): the one installed (subject, issuer, validity,
 * never the key) and the upload of a new PKCS#12 file with its passphrase.
 */
export default function SigningCertificatePage() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('doc.cert.title'));
  const { message } = App.useApp();
  const { options, first } = useAdminAgencyOptions();
  const [agency, setAgency] = useState<string | undefined>(first);
  useEffect(() => setAgency((s) => s ?? first), [first]);
  const cert = useLoad(
    (signal) =>
      agency
        ? api.get<Certificate>(`/api/v1/admin/agencies/${enc(agency)}/signing-certificate`, undefined, { signal, quiet: true }).catch((e: unknown) => {
            if (e instanceof ApiError && e.status === 404) return null;
            throw e;
          })
        : Promise.resolve(null),
    [agency],
  );
  const fileRef = useRef<HTMLInputElement>(null);
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const install = async (e: FormEvent) => {
    e.preventDefault();
    if (!agency) return;
    setErrors({});
    const file = fileRef.current?.files?.[0];
    if (!file) return setErrors({ p12: t('doc.cert.needFile') });
    if (file.size > MAX_P12_BYTES) return setErrors({ p12: t('doc.cert.tooBig') });
    setBusy(true);
    try {
      const saved = await api.put<Certificate>(`/api/v1/admin/agencies/${enc(agency)}/signing-certificate`, { p12: await base64(file), passphrase }, { quiet: true });
      void message.success(t('doc.cert.installed', { subject: saved.subject }));
      setPassphrase('');
      if (fileRef.current) fileRef.current.value = '';
      cert.reload();
    } catch (ex) {
      const fields = fieldErrorsOf(ex, lang);
      setErrors(Object.keys(fields).length ? fields : { _: problemText(ex, t) });
    } finally {
      setBusy(false);
    }
  };
  const err = (field: string) =>
    errors[field] ? (
      <p id={`cert-${field}-err`} className="field-error" role="alert">
        {errors[field]}
      </p>
    ) : null;
  const c = cert.data;
  const expired = c ? Date.parse(c.notAfter) < Date.now() : false;

  return (
    <div className="bo-page">
      <h1>{t('doc.cert.title')}</h1>
      <p className="lead">{t('doc.cert.lead')}</p>
      <div className="form-row">
        <label htmlFor="cert-agency">{t('doc.cert.agency')}</label>
        <Select id="cert-agency" className="doc-scope" showSearch optionFilterProp="label" value={agency} onChange={(v) => (setAgency(v), setErrors({}))} options={options} />
      </div>
      {agency ? (
        <Card size="small" className="ws-card" title={<h2 className="card-h">{t('doc.cert.current')}</h2>}>
          {cert.loading ? (
            <Loading />
          ) : cert.error ? (
            <LoadError error={cert.error} onRetry={cert.reload} />
          ) : c ? (
            <Descriptions size="small" bordered column={1} data-testid="certificate">
              <Descriptions.Item label={t('doc.cert.subject')}>{c.subject}</Descriptions.Item>
              <Descriptions.Item label={t('doc.cert.issuer')}>{c.issuer}</Descriptions.Item>
              <Descriptions.Item label={t('doc.cert.validity')}>
                {t('doc.cert.validRange', { from: formatDateTime(c.notBefore, lang), to: formatDateTime(c.notAfter, lang) })} {expired ? <Tag color="red">{t('doc.cert.expired')}</Tag> : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('doc.cert.uploadedAt')}>{formatDateTime(c.uploadedAt, lang)}</Descriptions.Item>
            </Descriptions>
          ) : (
            <Alert type="info" showIcon message={t('doc.cert.none')} />
          )}
        </Card>
      ) : null}
      {agency ? (
        <Card size="small" className="ws-card" title={<h2 className="card-h">{t('doc.cert.upload')}</h2>}>
          <form onSubmit={(e) => void install(e)} noValidate data-testid="certificate-form">
            {errors._ ? (
              <p className="field-error" role="alert">
                {errors._}
              </p>
            ) : null}
            <div className="form-row">
              <label htmlFor="cert-file">{t('doc.cert.file')}</label>
              <input id="cert-file" ref={fileRef} type="file" accept=".p12,.pfx,application/x-pkcs12" aria-invalid={!!errors.p12} aria-describedby={errors.p12 ? 'cert-p12-err' : undefined} />
              {err('p12')}
            </div>
            <div className="form-row">
              <label htmlFor="cert-pass">{t('doc.cert.passphrase')}</label>
              <Input.Password id="cert-pass" className="doc-scope" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" aria-invalid={!!errors.passphrase} aria-describedby={errors.passphrase ? 'cert-passphrase-err' : undefined} />
              {err('passphrase')}
            </div>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('doc.cert.install')}
            </Button>
          </form>
        </Card>
      ) : null}
    </div>
  );
}
