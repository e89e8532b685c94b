import { useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Input, Popconfirm, Progress } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ToneTag } from '../components/tags.tsx';
import { api, ApiError, enc } from '../api.ts';
import { useDocumentTitle, useI18n } from '../i18n.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime } from '../format.ts';
import { fieldMessage, problemText } from '../forms.ts';
import { Loading, LoadError } from '../components/status.tsx';
import { RequireCitizen } from './auth.tsx';
import { formatBytes, precheck, uploadFile, type FileLimits } from './wizard/upload.ts';

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

/** What the browser shows in place: the file service answers these inline for their owner (`?inline=1`). */
const VIEWABLE = new Set(['application/pdf', 'image/jpeg', 'image/png']);

function Store() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('acct.store.title'));
  const { message } = AntApp.useApp();
  const list = useLoad((signal) => api.get<{ items: StoredDocument[] }>('/api/v1/me/documents', undefined, { signal }), []);
  const limits = useLoad((signal) => api.get<FileLimits>('/api/v1/files/limits', undefined, { signal }), []);
  const fileInput = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const types = limits.data?.allowedTypes.map((x) => x.label).join(', ') ?? '';

  /** The wizard's check, before a byte is sent: type by name or type, size against the limit shown. */
  const refusal = (f: File): string | null => {
    const bad = limits.data ? precheck(f, limits.data) : null;
    if (bad === 'size') return t('wiz.fileTooLarge', { name: f.name, max: formatBytes(limits.data!.maxBytes, lang) });
    if (bad === 'type') return t('wiz.fileWrongType', { name: f.name, types });
    return null;
  };

  const upload = async () => {
    const f = fileInput.current?.files?.[0];
    if (!f) return setError(t('common.required'));
    const refused = refusal(f);
    if (refused) return setError(refused);
    setError(null);
    setBusy(true);
    setProgress({ name: f.name, percent: 0 });
    try {
      const up = await uploadFile(f, (x) => setProgress({ name: f.name, percent: Math.round(x * 100) }));
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
      setProgress(null);
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
          <input
            id="st-file"
            ref={fileInput}
            type="file"
            accept={limits.data?.accept}
            aria-describedby={error ? 'st-limits st-err' : 'st-limits'}
            aria-invalid={!!error}
            data-testid="store-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              setError(f ? refusal(f) : null);
            }}
          />
        </div>
        <p id="st-limits" className="form-note">
          {limits.data ? t('acct.store.limits', { types, size: formatBytes(limits.data.maxBytes, lang) }) : null}
        </p>
        <label htmlFor="st-title">{t('acct.store.docTitle')}</label>
        <Input id="st-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} />
        {progress ? <Progress percent={progress.percent} size="small" aria-label={t('acct.store.progress', { name: progress.name })} /> : null}
        {error ? (
          <p id="st-err" className="field-error" role="alert">
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
                  {d.source === 'result' ? <ToneTag tone="blue">{t('acct.store.sourceResult', { code: d.dossierCode ?? '' })}</ToneTag> : <ToneTag tone="grey">{t('acct.store.sourceUpload')}</ToneTag>} {formatDateTime(d.addedAt, lang)} · {formatBytes(d.size, lang)}
                </span>
                {VIEWABLE.has(d.mediaType) ? (
                  <a href={`/api/v1/files/${enc(d.fileId)}?inline=1`} target="_blank" rel="noopener" aria-label={t('acct.store.viewLabel', { name: d.title })}>
                    {t('acct.store.view')}
                  </a>
                ) : null}
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
