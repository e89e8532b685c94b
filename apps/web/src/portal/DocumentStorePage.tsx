import { useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Input, Popconfirm } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ToneTag } from '../components/tags.tsx';
import { api, ApiError, csrfToken } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime } from '../format.ts';
import { fieldMessage, problemText } from '../forms.ts';
import { Loading, LoadError } from '../components/status.tsx';
import { RequireCitizen } from './auth.tsx';

interface StoredDocument {
  fileId: string;
  title: string;
  name: string;
  mediaType: string;
  size: number;
  source: 'upload' | 'result';
  dossierId: string | null;
  dossierCode: string | null;
  deletable: boolean;
  addedAt: string;
}
interface Limits {
  maxBytes: number;
  accept: string;
  allowedTypes: { label: string }[];
}

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** The upload goes through the file service (type sniffed from the bytes, size limit), then into the store. */
async function uploadFile(file: File): Promise<{ id: string }> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  const res = await fetch('/api/v1/files', { method: 'POST', body: form, headers, credentials: 'same-origin' });
  const data = (await res.json().catch(() => null)) as { id: string } | null;
  if (!res.ok) throw new ApiError(res.status, (data as never) ?? { type: 'about:blank', title: res.statusText, status: res.status });
  return data!;
}

function Store() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('acct.store.title'));
  const { message } = AntApp.useApp();
  const list = useLoad((signal) => api.get<{ items: StoredDocument[] }>('/api/v1/me/documents', undefined, { signal }), []);
  const limits = useLoad((signal) => api.get<Limits>('/api/v1/files/limits', undefined, { signal }), []);
  const fileInput = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async () => {
    const f = fileInput.current?.files?.[0];
    if (!f) return setError(t('common.required'));
    setBusy(true);
    setError(null);
    try {
      const up = await uploadFile(f);
      await api.post('/api/v1/me/documents', { fileId: up.id, ...(title.trim() ? { title: title.trim() } : {}) });
      void message.success(t('acct.store.uploaded', { name: title.trim() || f.name }));
      setTitle('');
      if (fileInput.current) fileInput.current.value = '';
      list.reload();
    } catch (e) {
      const fe = e instanceof ApiError ? e.fieldErrors[0] : undefined;
      setError(fe ? fieldMessage(fe, lang) : problemText(e, t));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (d: StoredDocument) => {
    try {
      await api.del(`/api/v1/me/documents/${d.fileId}`);
      void message.success(t('acct.store.deleted'));
      list.reload();
    } catch (e) {
      void message.error(problemText(e, t));
    }
  };

  return (
    <div className="container page account-page wide">
      <h1>{t('acct.store.title')}</h1>
      <p className="lead">{t('acct.store.lead')}</p>
      <section className="account-card" aria-labelledby="st-up">
        <h2 id="st-up">{t('acct.store.upload')}</h2>
        <label htmlFor="st-file">{t('acct.store.fileLabel')}</label>
        <div>
          <input id="st-file" ref={fileInput} type="file" accept={limits.data?.accept} aria-describedby="st-limits" aria-invalid={!!error} data-testid="store-file" />
        </div>
        <p id="st-limits" className="form-note">
          {limits.data ? t('acct.store.limits', { types: limits.data.allowedTypes.map((x) => x.label).join(', '), size: size(limits.data.maxBytes) }) : null}
        </p>
        <label htmlFor="st-title">{t('acct.store.docTitle')}</label>
        <Input id="st-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} />
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="account-links">
          <Button type="primary" icon={<UploadOutlined aria-hidden />} loading={busy} onClick={() => void upload()}>
            {t('acct.store.upload')}
          </Button>
        </div>
      </section>
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.data ? (
        list.data.items.length ? (
          <ul className="store-list" aria-label={t('acct.store.title')} data-testid="store-list">
            {list.data.items.map((d) => (
              <li key={d.fileId}>
                <span className="store-name">{d.title}</span>
                <span className="store-meta">
                  {d.source === 'result' ? <ToneTag tone="blue">{t('acct.store.sourceResult', { code: d.dossierCode ?? '' })}</ToneTag> : <ToneTag tone="grey">{t('acct.store.sourceUpload')}</ToneTag>} {formatDateTime(d.addedAt, lang)} · {size(d.size)}
                </span>
                <a href={`/api/v1/files/${d.fileId}`} download={d.name} aria-label={`${t('acct.store.download')}: ${d.title}`}>
                  {t('acct.store.download')}
                </a>
                {d.deletable ? (
                  <Popconfirm title={t('acct.store.deleteConfirm', { name: d.title })} onConfirm={() => void remove(d)} okText={t('acct.store.delete')} cancelText={t('common.cancel')}>
                    <Button size="small" danger aria-label={`${t('acct.store.delete')}: ${d.title}`}>
                      {t('acct.store.delete')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <span className="form-note">{t('acct.store.resultKept')}</span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <Alert type="info" showIcon message={t('acct.store.empty')} />
        )
      ) : null}
    </div>
  );
}

export default function DocumentStorePage() {
  return (
    <RequireCitizen>
      <Store />
    </RequireCitizen>
  );
}
