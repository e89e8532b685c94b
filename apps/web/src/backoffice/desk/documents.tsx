import { Button, Card, Empty } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api, ApiError, enc } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import type { Slip } from './types.ts';
import './documents.css';

export interface SignatureReport {
  signer: string | null;
  signingTime: string | null;
  valid: boolean;
  changedSinceSigning: boolean;
  problem: string | null;
}

/**
 * The verification of a stored PDF's signatures (signer, time, unchanged since signing), read from
 * the server's independent check. Files that are not PDFs answer 422: nothing to show for them.
 */
export function SignatureStatus({ fileId }: { fileId: string }) {
  const { t, lang } = useI18n();
  const r = useLoad(
    (signal) =>
      api.get<{ signatures: SignatureReport[] }>(`/api/v1/files/${enc(fileId)}/signatures`, undefined, { signal, quiet: true }).then(
        (x) => x.signatures,
        (e: unknown) => {
          if (e instanceof ApiError && (e.status === 422 || e.status === 404)) return null;
          throw e;
        },
      ),
    [fileId],
  );
  if (r.loading) return <span className="muted small">{t('doc.sig.checking')}</span>;
  if (!r.data) return null;
  if (!r.data.length) return <span className="muted small">{t('doc.sig.none')}</span>;
  return (
    <ul className="plain-list small" data-testid={`signatures-${fileId}`}>
      {r.data.map((s, i) => {
        const signer = s.signer ?? t('doc.sig.unknownSigner');
        const at = formatDateTime(s.signingTime, lang);
        return (
          <li key={i} className={s.valid && !s.changedSinceSigning ? 'sig-ok' : 'sig-bad'}>
            <SafetyCertificateOutlined aria-hidden />{' '}
            {!s.valid ? t('doc.sig.invalid', { signer, problem: s.problem ?? '' }) : s.changedSinceSigning ? t('doc.sig.changed', { signer, at }) : t('doc.sig.valid', { signer, at })}
          </li>
        );
      })}
    </ul>
  );
}

/** The leader's "Ký số" on a PDF result: the server signs it with the agency certificate and attaches the signed copy. */
export function SignResultButton({ dossierId, n, name, onSigned, onError }: { dossierId: string; n: number; name: string; onSigned: () => void; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size="small"
      icon={<SafetyCertificateOutlined aria-hidden />}
      loading={busy}
      aria-label={t('doc.sign.label', { name })}
      onClick={() => {
        setBusy(true);
        api
          .post(`/api/v1/dossiers/${enc(dossierId)}/results/${n}/sign`, undefined, { quiet: true })
          .then(onSigned, onError)
          .finally(() => setBusy(false));
      }}
    >
      {t('doc.sign')}
    </Button>
  );
}

/** The dossier's slips (receipt, supplement request, …), each as a PDF to print and a DOCX to edit. */
export function SlipsCard({ dossierId, version }: { dossierId: string; version: string }) {
  const { t } = useI18n();
  const slips = useLoad(
    (signal) =>
      api.get<{ items: Slip[] }>(`/api/v1/dossiers/${enc(dossierId)}/slips`, undefined, { signal, quiet: true }).then(
        (r) => r.items,
        (e: unknown) => {
          if (e instanceof ApiError && e.status === 404) return [];
          throw e;
        },
      ),
    [dossierId, version],
  );
  return (
    <Card title={<h2 className="card-h">{t('doc.slips')}</h2>} size="small" className="ws-card" data-testid="slips">
      {slips.loading && !slips.data ? (
        <Loading />
      ) : slips.error ? (
        <LoadError error={slips.error} onRetry={slips.reload} />
      ) : !slips.data?.length ? (
        <Empty description={t('doc.slips.none')} />
      ) : (
        <ul className="plain-list doc-links">
          {slips.data.map((s) => (
            <li key={s.pdfUrl}>
              {s.title}: <a href={s.pdfUrl}>{t('doc.slips.pdf')}</a>
              {s.docxUrl ? (
                <>
                  {' · '}
                  <a href={s.docxUrl}>{t('doc.slips.docx')}</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
