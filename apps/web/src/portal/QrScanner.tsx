import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Modal } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.ts';

/** The dossier code in a scanned text: the slip's QR encodes `<PUBLIC_URL>/tra-cuu/<code>`; a bare code works too. */
export function codeFromQr(text: string): string | null {
  const m = /(?:\/tra-cuu\/)?(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4})\/?$/i.exec(decodeURIComponent(text.trim()));
  return m ? m[1]!.toUpperCase() : null;
}

interface Detector {
  detect: (source: CanvasImageSource) => Promise<{ rawValue: string }[]>;
}

/**
 * "Quét mã QR": the phone's camera, read by the browser's BarcodeDetector where it exists, else by
 * jsQR on frames drawn to a canvas (loaded only then). Calls `onCode` with the dossier code.
 */
export function QrScanButton({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<CameraOutlined aria-hidden />} onClick={() => setOpen(true)} data-testid="scan-qr">
        {t('qr.scan')}
      </Button>
      {open ? (
        <QrScanner
          onClose={() => setOpen(false)}
          onCode={(c) => {
            setOpen(false);
            onCode(c);
          }}
        />
      ) : null}
    </>
  );
}

function QrScanner({ onCode, onClose }: { onCode: (code: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [notOurs, setNotOurs] = useState(false);
  const done = useRef(false);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const start = async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch (e) {
        setError(t('qr.noCamera', { error: (e as Error).message || String(e) }));
        return;
      }
      if (stopped || !video.current) return;
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      const BD = (window as unknown as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector;
      const native = BD ? new BD({ formats: ['qr_code'] }) : null;
      const jsqr = native ? null : (await import('jsqr')).default;
      const tick = async () => {
        if (stopped || done.current) return;
        const v = video.current;
        if (v && v.readyState >= 2 && v.videoWidth) {
          let text: string | null = null;
          if (native) text = (await native.detect(v).catch(() => []))[0]?.rawValue ?? null;
          else if (jsqr) {
            canvas.width = v.videoWidth;
            canvas.height = v.videoHeight;
            const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
            ctx.drawImage(v, 0, 0);
            const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
            text = jsqr(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
          }
          if (text) {
            const code = codeFromQr(text);
            if (code) {
              done.current = true;
              onCodeRef.current(code);
              return;
            }
            setNotOurs(true);
          }
        }
        timer = setTimeout(() => void tick(), 200);
      };
      void tick();
    };
    void start();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [t]);

  return (
    <Modal open title={t('qr.title')} onCancel={onClose} footer={<Button onClick={onClose}>{t('qr.close')}</Button>} destroyOnHidden>
      <p>{t('qr.hint')}</p>
      {error ? <Alert type="warning" showIcon role="alert" message={error} /> : null}
      {notOurs ? <Alert type="info" showIcon role="status" message={t('qr.notOurs')} /> : null}
      <video ref={video} className="qr-video" muted playsInline aria-label={t('qr.video')} data-testid="qr-video" />
    </Modal>
  );
}
