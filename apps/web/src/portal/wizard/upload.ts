import type { Problem } from '@motcua/domain';
import { ApiError, csrfToken } from '../../api.ts';

export interface FileLimits {
  maxBytes: number;
  accept: string;
  allowedTypes: { mediaType: string; extensions: string[]; label: string }[];
}

export interface UploadedFile {
  id: string;
  name: string;
  mediaType: string;
  size: number;
}

/** Refuses a file before sending it: wrong extension/type, or over the size limit (the server checks again by content). */
export function precheck(file: File, limits: FileLimits): 'type' | 'size' | null {
  const ext = (/\.([^.]+)$/.exec(file.name)?.[1] ?? '').toLowerCase();
  const byExt = limits.allowedTypes.some((t) => t.extensions.map((e) => e.replace(/^\./, '').toLowerCase()).includes(ext));
  const byType = !!file.type && limits.allowedTypes.some((t) => t.mediaType === file.type);
  if (!byExt && !byType) return 'type';
  if (file.size > limits.maxBytes) return 'size';
  return null;
}

/** POST /api/v1/files with upload progress (fetch cannot report it); the answer or the problem as ApiError. */
export function uploadFile(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/files');
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status === 201) return resolve(data as UploadedFile);
      const p = data && typeof data === 'object' && 'title' in data ? (data as Problem) : { type: 'about:blank', title: `HTTP ${xhr.status}`, status: xhr.status };
      reject(new ApiError(xhr.status, { ...p, status: xhr.status }));
    };
    xhr.onerror = () => reject(new ApiError(0, { type: 'about:blank', title: 'network', status: 0 }));
    signal?.addEventListener('abort', () => xhr.abort());
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

export function formatBytes(n: number, lang: 'vi' | 'en'): string {
  const mb = n / (1024 * 1024);
  const s = mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.ceil(n / 1024)} KB`;
  return lang === 'vi' ? s.replace('.', ',') : s;
}
