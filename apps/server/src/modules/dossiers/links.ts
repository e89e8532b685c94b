/**
 * Where a message or a slip sends the applicant back to their dossier on the portal. The paths are
 * routes of apps/web/src/router.tsx: `/tra-cuu/<code>` (public lookup, the QR target),
 * `/ca-nhan/ho-so/<id>` (the owner's dossier page) and `/ca-nhan/ho-so/<id>/danh-gia` (rating).
 */
export interface DossierLinks {
  /**
   * The public lookup page of the code; before the desk gives a code [SPEC §4], the owner's own
   * dossier page; null when there is neither (a desk or postal dossier without a code has no page).
   */
  lookupUrl: string | null;
  /** Only an account owner rates on the portal (ratings are `/me/dossiers/{id}/rating`). */
  ratingUrl: string | null;
}

export function dossierLinks(publicUrl: string, d: { id: string; code: string | null | undefined; ownerUserId: string | null | undefined }): DossierLinks {
  const own = d.ownerUserId ? `${publicUrl}/ca-nhan/ho-so/${encodeURIComponent(d.id)}` : null;
  return {
    lookupUrl: d.code ? `${publicUrl}/tra-cuu/${encodeURIComponent(d.code)}` : own,
    ratingUrl: own && `${own}/danh-gia`,
  };
}
