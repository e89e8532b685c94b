import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, ApiError, rememberCsrf } from '../api.ts';

/** The signed-in account as GET /api/v1/auth/me answers; the profile fields appear when the account has them. */
export interface CitizenMe {
  id: string;
  username: string;
  fullName: string;
  kind: string;
  csrfToken: string;
  email?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  dateOfBirth?: string | null;
  address?: string | null;
}

/**
 * Pages of a signed-in citizen: without a session, go to the sign-in page and come back here
 * after (`/dang-nhap?next=<this page>`). `notCitizen` is true for an officer's session.
 */
export function useRequireCitizen(): { me: CitizenMe | null; loading: boolean; notCitizen: boolean } {
  const navigate = useNavigate();
  const location = useLocation();
  const [state, setState] = useState<{ me: CitizenMe | null; loading: boolean }>({ me: null, loading: true });
  useEffect(() => {
    const ctl = new AbortController();
    api.get<CitizenMe>('/api/v1/auth/me', undefined, { signal: ctl.signal, quiet: true }).then(
      (me) => {
        rememberCsrf(me.csrfToken);
        setState({ me, loading: false });
      },
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        if (e instanceof ApiError && e.status === 401) {
          navigate(`/dang-nhap?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
          return;
        }
        setState({ me: null, loading: false });
      },
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return { ...state, notCitizen: !!state.me && state.me.kind !== 'citizen' };
}
