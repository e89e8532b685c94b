import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ProblemType, type Role } from '@motcua/domain';
import { api, fetchSession, onApiError, rememberCsrf } from '../api.ts';
import type { Me } from '../types.ts';

/**
 * The signed-in officer. GET /auth/me restores the session on reload (401 → signed out); any
 * later 401 signs the screen out, and a "password change required" answer re-reads the account
 * so that the guard sends the user to the change-password page.
 */
interface Auth {
  me: Me | null;
  /** true until the first /auth/me answer */
  checking: boolean;
  setMe: (me: Me | null) => void;
  refresh: () => Promise<Me | null>;
  signOut: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);
  const setMe = useCallback((m: Me | null) => {
    rememberCsrf(m?.csrfToken ?? null);
    setMeState(m);
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

  useEffect(() => {
    refresh().catch(() => setChecking(false));
  }, [refresh]);

  useEffect(
    () =>
      onApiError((e) => {
        if (e.status === 401) setMe(null);
        else if (e.status === 403 && e.type === ProblemType.passwordChangeRequired) void refresh();
      }),
    [refresh, setMe],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout', undefined, { quiet: true });
    } catch {
      /* the session may already be gone; the screen signs out anyway */
    }
    setMe(null);
  }, [setMe]);

  const value = useMemo<Auth>(
    () => ({
      me,
      checking,
      setMe,
      refresh,
      signOut,
      hasRole: (...roles) => !!me?.roles.some((r) => roles.includes(r.role)),
    }),
    [me, checking, setMe, refresh, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}

export const CATALOGUE_READERS: Role[] = ['system_admin', 'agency_admin', 'controller'];
export const CATALOGUE_EDITORS: Role[] = ['system_admin', 'agency_admin'];
export const ORG_ADMINS: Role[] = ['system_admin', 'agency_admin'];
/** Who reads statistics (the server's STATISTICS_ROLES). */
export const STATISTICS_READERS: Role[] = ['leader', 'controller', 'agency_admin', 'system_admin'];
export const FEEDBACK_READERS: Role[] = ['reception', 'specialist', 'head', 'leader', 'controller', 'agency_admin', 'system_admin'];
export const EVALUATION_VIEWERS: Role[] = ['leader', 'controller', 'agency_admin', 'system_admin'];
