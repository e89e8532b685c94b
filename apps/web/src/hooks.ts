import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './api.ts';
import type { Agency, AgencyLevel, Field, Paged } from './types.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `key` changes; the last answer wins (earlier ones are aborted). */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: ApiError | null; loading: boolean }>({ data: undefined, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    loadRef.current(ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setState({ data, error: null, loading: false });
      },
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        const err = e instanceof ApiError ? e : new ApiError(0, { type: 'about:blank', title: String((e as Error)?.message ?? e), status: 0 });
        setState({ data: undefined, error: err, loading: false });
      },
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/** Reference lists change rarely; one request per page load, dropped when an admin changes them. */
const cache = new Map<string, Promise<unknown>>();
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}
export function invalidateLookups(prefix = ''): void {
  for (const k of [...cache.keys()]) if (k.startsWith(prefix)) cache.delete(k);
}

export const lookups = {
  fields: () => cached('fields', () => api.get<{ items: Field[] }>('/api/v1/fields').then((r) => r.items)),
  agencies: (status: 'active' | 'all' = 'active') => cached(`agencies:${status}`, () => api.get<Paged<Agency>>('/api/v1/agencies', { status }).then((r) => r.items)),
  levels: () => cached('levels', () => api.get<{ items: AgencyLevel[] }>('/api/v1/agency-levels').then((r) => r.items)),
};

export function useFields(): Loaded<Field[]> {
  return useLoad(() => lookups.fields(), []);
}
export function useAgencies(status: 'active' | 'all' = 'active', version = 0): Loaded<Agency[]> {
  return useLoad(() => lookups.agencies(status), [status, version]);
}
export function useLevels(): Loaded<AgencyLevel[]> {
  return useLoad(() => lookups.levels(), []);
}

/** True while the viewport is narrower than `px` (phones). */
export function useNarrow(px = 768): boolean {
  const q = `(max-width: ${px - 0.02}px)`;
  const [narrow, setNarrow] = useState(() => typeof window !== 'undefined' && window.matchMedia(q).matches);
  useEffect(() => {
    const m = window.matchMedia(q);
    const on = () => setNarrow(m.matches);
    on();
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, [q]);
  return narrow;
}
