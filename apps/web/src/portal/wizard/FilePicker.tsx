import { useId, useState } from 'react';
import { Button, Progress } from 'antd';
import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n.ts';
import { fieldMessage, problemText } from '../../forms.ts';
import { ApiError } from '../../api.ts';
import { formatBytes, precheck, uploadFile, type FileLimits, type UploadedFile } from './upload.ts';

interface Pending {
  key: string;
  name: string;
  progress: number;
}

/**
 * Files of one component: the limits are shown at the picker, a file is checked for type and size
 * before it is sent, and each upload shows its progress. A refused file says why and loses nothing else.
 */
export function FilePicker({ label, limits, files, onChange, invalid }: { label: string; limits: FileLimits; files: UploadedFile[]; onChange: (f: UploadedFile[]) => void; invalid?: string | null }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [pending, setPending] = useState<Pending[]>([]);
  const [error, setError] = useState<string | null>(null);
  const types = limits.allowedTypes.map((x) => x.label).join(', ');

  const pick = async (list: FileList | null) => {
    if (!list?.length) return;
    setError(null);
    const added: UploadedFile[] = [];
    for (const file of Array.from(list)) {
      const bad = precheck(file, limits);
      if (bad) {
        setError(bad === 'size' ? t('wiz.fileTooLarge', { name: file.name, max: formatBytes(limits.maxBytes, lang) }) : t('wiz.fileWrongType', { name: file.name, types }));
        continue;
      }
      const key = `${file.name}-${Math.random()}`;
      setPending((p) => [...p, { key, name: file.name, progress: 0 }]);
      try {
        const up = await uploadFile(file, (f) => setPending((p) => p.map((x) => (x.key === key ? { ...x, progress: Math.round(f * 100) } : x))));
        added.push(up);
        onChange([...files, ...added]);
      } catch (e) {
        const fe = e instanceof ApiError ? e.fieldErrors[0] : undefined;
        setError(`${file.name}: ${fe ? fieldMessage(fe, lang) : problemText(e, t)}`);
      } finally {
        setPending((p) => p.filter((x) => x.key !== key));
      }
    }
  };

  const errId = `${id}-err`;
  const helpId = `${id}-help`;
  const shown = error ?? invalid ?? null;
  return (
    <div className="file-picker">
      <label htmlFor={id} className="file-picker-label">
        <PaperClipOutlined aria-hidden /> {label}
      </label>
      <p id={helpId} className="form-note">
        {t('wiz.fileLimits', { max: formatBytes(limits.maxBytes, lang), types })}
      </p>
      <input
        id={id}
        type="file"
        multiple
        accept={limits.accept}
        className="file-input"
        aria-describedby={shown ? `${helpId} ${errId}` : helpId}
        aria-invalid={!!shown}
        onChange={(e) => {
          void pick(e.target.files);
          e.target.value = '';
        }}
      />
      {pending.map((p) => (
        <div key={p.key} className="file-progress">
          <span>{p.name}</span>
          <Progress percent={p.progress} size="small" aria-label={t('wiz.uploading', { name: p.name })} />
        </div>
      ))}
      {shown ? (
        <p id={errId} className="field-error" role="alert">
          {shown}
        </p>
      ) : null}
      {files.length ? (
        <ul className="file-list">
          {files.map((f) => (
            <li key={f.id}>
              <a href={`/api/v1/files/${f.id}`} download>
                {f.name}
              </a>{' '}
              <span className="muted">({formatBytes(f.size, lang)})</span>{' '}
              <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} onClick={() => onChange(files.filter((x) => x.id !== f.id))} aria-label={t('wiz.removeFile', { name: f.name })} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
