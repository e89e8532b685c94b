import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { api, fetchSession, onApiError, rememberCsrf } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { Loading } from '../components/status.tsx';
import type { Me } from '../types.ts';

/**
 * The signed-in citizen of the portal (the same server session as the back office uses). Restored
 * from GET /auth/me on load; any 401 signs the portal out. `unread` is the header badge.
 */
export interface Citizen {
  me: Me | null;
  checking: boolean;
  unread: number;
  setMe: (me: Me | null) => void;
  refresh: () => Promise<Me | null>;
  refreshUnread: () => void;
  signOut: () => Promise<void>;
}

const CitizenContext = createContext<Citizen | null>(null);

export function CitizenProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);
  const [unread, setUnread] = useState(0);
  const setMe = useCallback((m: Me | null) => {
    rememberCsrf(m?.csrfToken ?? null);
    setMeState(m);
    if (!m) setUnread(0);
  }, []);
  const refresh = useCallback(async () => {
    try {
      const m = await fetchSession<Me>();
      setMe(m);
      return m;
    } finally {
      setChecking(false);
    }
  }, [setMe]);
  const refreshUnread = useCallback(() => {
    api
      .get<{ unread: number }>('/api/v1/me/notifications', { pageSize: 1 }, { quiet: true })
      .then((r) => setUnread(r.unread))
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    refresh().catch(() => setChecking(false));
  }, [refresh]);
  useEffect(() => {
    if (me) refreshUnread();
  }, [me, refreshUnread]);
  useEffect(() => onApiError((e) => (e.status === 401 ? setMe(null) : undefined)), [setMe]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout', undefined, { quiet: true });
    } catch {
      /* the session may already be gone */
    }
    setMe(null);
  }, [setMe]);

  const value = useMemo<Citizen>(() => ({ me, checking, unread, setMe, refresh, refreshUnread, signOut }), [me, checking, unread, setMe, refresh, refreshUnread, signOut]);
  return <CitizenContext.Provider value={value}>{children}</CitizenContext.Provider>;
}

export function useCitizen(): Citizen {
  const c = useContext(CitizenContext);
  if (!c) throw new Error('useCitizen outside CitizenProvider');
  return c;
}

/** Only portal paths may be the "come back to" target (no open redirect). */
export function safePortalNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/mot-cua') ? next : '/ca-nhan';
}

/**
 * Wrap a page that needs a citizen account: signed out → /dang-nhap?next=<this page>; signed in
 * as an officer → a notice (the portal's personal pages are for citizens and organisations).
 */
export function RequireCitizen({ children }: { children: ReactNode }) {
  const { me, checking } = useCitizen();
  const { t } = useI18n();
  const loc = useLocation();
  if (checking) return <Loading />;
  if (!me) return <Navigate to={`/dang-nhap?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  if (me.kind !== 'citizen')
    return (
      <div className="container page">
        <Alert type="warning" showIcon role="alert" message={t('acct.officerHere')} />
      </div>
    );
  return <>{children}</>;
}
