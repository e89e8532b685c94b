import { useState } from 'react';
import { Alert, Button, Modal } from 'antd';
import { FolderOpenOutlined } from '@ant-design/icons';
import { api, enc } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { problemText } from '../../forms.ts';
import { formatDate } from '../../format.ts';
import { Loading } from '../../components/status.tsx';
import { formatBytes, type UploadedFile } from './upload.ts';

/** One entry of GET /api/v1/me/documents (StoredDocument in modules/accounts/documents.ts). */
interface StoredDocument {
  fileId: string;
  title: string;
  name: string;
  mediaType: string;
  size: number;
  source: 'upload' | 'result';
  dossierCode: string | null;
  addedAt: string;
}

/**
 * "Chọn từ kho dữ liệu" [SPEC §16]: a document the citizen already keeps is used for this component
 * without uploading it again. The attach endpoint answers the file id the submission accepts (an
 * issued result is copied to the citizen, so it never leaves its own dossier).
 */
export function StorePicker({ component, files, onPick }: { component: string; files: UploadedFile[]; onPick: (f: UploadedFile) => void }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [docs, setDocs] = useState<StoredDocument[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const show = async () => {
    setOpen(true);
    setError(null);
    setDocs(null);
    try {
      setDocs((await api.get<{ items: StoredDocument[] }>('/api/v1/me/documents')).items);
    } catch (e) {
      setError(problemText(e, t));
    }
  };
  const use = async (d: StoredDocument) => {
    setBusy(d.fileId);
    setError(null);
    try {
      const f = await api.post<{ fileId: string; name: string; mediaType: string; size: number }>(`/api/v1/me/documents/${enc(d.fileId)}/attach`);
      onPick({ id: f.fileId, name: f.name, mediaType: f.mediaType, size: f.size });
      setOpen(false);
    } catch (e) {
      setError(problemText(e, t));
    } finally {
      setBusy(null);
    }
  };
  const taken = new Set(files.map((f) => f.id));

  return (
    <>
      <Button icon={<FolderOpenOutlined aria-hidden />} onClick={() => void show()} aria-haspopup="dialog" aria-label={t('wiz.fromStoreTitle', { name: component })} className="store-pick">
        {t('wiz.fromStore')}
      </Button>
      <Modal open={open} title={t('wiz.fromStoreTitle', { name: component })} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        {error ? <Alert type="error" showIcon role="alert" message={error} /> : null}
        {!docs && !error ? <Loading /> : null}
        {docs && !docs.length ? <p>{t('wiz.storeEmpty')}</p> : null}
        {docs?.length ? (
          <ul className="plain-list store-choices" data-testid="store-choices">
            {docs.map((d) => (
              <li key={d.fileId} className="store-choice">
                <span>
                  <strong>{d.title}</strong> <span className="muted">({d.name}, {formatBytes(d.size, lang)}{d.source === 'result' && d.dossierCode ? `, ${t('wiz.storeResultOf', { code: d.dossierCode })}` : ''}, {formatDate(d.addedAt)})</span>
                </span>{' '}
                <Button size="small" type="primary" loading={busy === d.fileId} disabled={!!busy || taken.has(d.fileId)} onClick={() => void use(d)} aria-label={t('wiz.storeUse', { title: d.title })}>
                  {t('wiz.storeUseShort')}
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
      </Modal>
    </>
  );
}
