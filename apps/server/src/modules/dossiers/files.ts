import { eq } from 'drizzle-orm';
import { dossierFiles, dossiers } from '../../db/schema.ts';
import type { Deps } from '../../http/types.ts';
import { canRead } from './service.ts';

/**
 * Files attached to a dossier are readable by whoever may read the dossier (its owner, the
 * officers over its agency, a consulted agency), and cannot be deleted while a dossier refers
 * to them: the dossier's history must keep its files.
 */
export function registerDossierFileAccess(deps: Deps): void {
  deps.files.grantRead(async (req, file) => {
    if (!req.user) return false;
    const refs = await deps.db.select({ dossierId: dossierFiles.dossierId }).from(dossierFiles).where(eq(dossierFiles.fileId, file.id));
    for (const r of refs) {
      const row = (await deps.db.select().from(dossiers).where(eq(dossiers.id, r.dossierId)))[0];
      if (row && (await canRead(deps.db, req.user, row))) return true;
    }
    return false;
  });
  deps.files.addReferenceCheck(async (tx, fileId) => {
    const ref = await tx.select({ id: dossierFiles.id }).from(dossierFiles).where(eq(dossierFiles.fileId, fileId)).limit(1);
    return ref.length ? 'Tệp đang thuộc một hồ sơ, không xóa được' : null;
  });
}
