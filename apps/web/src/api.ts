import type { FieldError, Problem } from '@motcua/domain';

/**
 * Typed fetch client for the motcua API: JSON in and out, the session cookie (same origin), and
 * the CSRF double-submit token on every write. Errors are RFC 9457 problem+json; they arrive here
 * as `ApiError` carrying the problem, so forms can put each `errors[].field` next to its field.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
  }
  get type(): string {
    return this.problem.type;
  }
  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export const CSRF_COOKIE = 'motcua_csrf';

/** The token arrives in a readable cookie and in the login answer; the cookie is the truth. */
let csrfFromLogin: string | null = null;
export function rememberCsrf(token: string | null): void {
  csrfFromLogin = token;
}

export function csrfToken(): string | null {
  const m = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  if (m) return decodeURIComponent(m.slice(CSRF_COOKIE.length + 1));
  return csrfFromLogin;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** Listeners told about answers every screen handles the same way (signed out, password change). */
type Listener = (e: ApiError) => void;
const listeners = new Set<Listener>();
export function onApiError(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export interface RequestOptions {
  query?: Query;
  signal?: AbortSignal;
  /** Do not tell the global listeners (the sign-in page handles its own 401). */
  quiet?: boolean;
  /** Extra request headers (e.g. Idempotency-Key on a submission). */
  headers?: Record<string, string>;
}

export async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...opts.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: opts.signal ?? null,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, { type: 'about:blank', title: 'network', status: 0, detail: (e as Error).message });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const p = data && typeof data === 'object' && 'title' in data ? (data as Problem) : { type: 'about:blank', title: res.statusText || `HTTP ${res.status}`, status: res.status };
    const err = new ApiError(res.status, { ...p, status: res.status });
    if (!opts.quiet) for (const l of listeners) l(err);
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query'> = {}) => request<T>('GET', path, undefined, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PUT', path, body, opts),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body, opts),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};

export const enc = encodeURIComponent;

/** The signed-in account as GET /auth/me answers, or null when there is no session (401). */
export async function fetchSession<T>(): Promise<T | null> {
  try {
    return await api.get<T>('/api/v1/auth/me', undefined, { quiet: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}
