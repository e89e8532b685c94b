import { useMemo } from 'react';
import { useAgencies } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { useAuth } from './auth.tsx';

export const DOCUMENT_ADMINS = ['system_admin', 'agency_admin'] as const;

/**
 * The agencies an administrator may set slip templates or a signing certificate for: a system
 * administrator every agency (the province included), an agency administrator their own.
 */
export function useAdminAgencyOptions(): { options: { value: string; label: string }[]; first: string | undefined } {
  const { me, hasRole } = useAuth();
  const { localized } = useI18n();
  const all = useAgencies();
  return useMemo(() => {
    const own = [...new Set((me?.roles ?? []).filter((r) => (DOCUMENT_ADMINS as readonly string[]).includes(r.role)).map((r) => r.agencyCode))];
    const name = (code: string) => {
      const a = all.data?.find((x) => x.code === code);
      return a ? `${localized(a.name, a.nameEn)} (${code})` : code;
    };
    const codes = hasRole('system_admin') ? [...new Set([...own, ...(all.data ?? []).map((a) => a.code)])] : own;
    return { options: codes.map((c) => ({ value: c, label: name(c) })), first: own[0] };
  }, [me, hasRole, all.data, localized]);
}
