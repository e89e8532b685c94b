import { eq } from 'drizzle-orm';
import { dossierFiles, dossiers } from '../../db/schema.ts';
import type { Deps } from '../../http/types.ts';
import { rolesOver } from './actors.ts';
import { canRead } from './service.ts';

/**
 * Files attached to a dossier are readable by whoever may read the dossier (its owner, the
 * officers over its agency, a consulted agency) — a drafted result by the agency's officers only —, and cannot be deleted while a dossier refers
 * to them: the dossier's history must keep its files.
 */
export function registerDossierFileAccess(deps: Deps): void {
  deps.files.grantRead(async (req, file) => {
    if (!req.user) return false;
    const refs = await deps.db.select({ dossierId: dossierFiles.dossierId, kind: dossierFiles.kind }).from(dossierFiles).where(eq(dossierFiles.fileId, file.id));
    for (const r of refs) {
      const row = (await deps.db.select().from(dossiers).where(eq(dossiers.id, r.dossierId)))[0];
      if (!row) continue;
      // A drafted result is the agency's working document: only its officers read it (not the applicant, not a consulted agency).
      if (r.kind === 'draft' ? req.user.kind !== 'citizen' && (await rolesOver(deps.db, req.user.roles, row.agencyCode)).length > 0 : await canRead(deps.db, req.user, row)) return true;
    }
    return false;
  });
  deps.files.addReferenceCheck(async (tx, fileId) => {
    const ref = await tx.select({ id: dossierFiles.id }).from(dossierFiles).where(eq(dossierFiles.fileId, fileId)).limit(1);
    return ref.length ? 'Tệp đang thuộc một hồ sơ, không xóa được' : null;
  });
}
