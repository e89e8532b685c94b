import { inArray } from 'drizzle-orm';
import type { RatingAnswers, RatingLevel } from '@motcua/domain/evaluation/scoring.ts';
import type { DbOrTx } from '../../db/pool.ts';
import { dossierRatings } from '../../db/schema.ts';

export interface RatingsInput {
  /** The applicant's answers per dossier id. */
  byDossier: Map<string, RatingAnswers>;
}

/**
 * Citizens' ratings of the dossiers being scored (SPEC §13: portal, desk devices, paper forms —
 * one per dossier, `dossier_ratings`). A dossier nobody rated is absent, so its rating-based inputs
 * (index 7's attitude answer, the Decision 766 satisfaction indicator) count as "no data" and are
 * left out of the totals — never as satisfied or unsatisfied. Only the answers are read: who
 * answered, and who typed a paper form, never reach a score.
 */
export async function ratingsOf(db: DbOrTx, dossierIds: readonly string[]): Promise<RatingsInput> {
  const byDossier = new Map<string, RatingAnswers>();
  // Chunked: a yearly province evaluation can score tens of thousands of dossiers.
  for (let i = 0; i < dossierIds.length; i += 5000) {
    const rows = await db
      .select({ dossierId: dossierRatings.dossierId, overall: dossierRatings.overall, convenience: dossierRatings.convenience, timeliness: dossierRatings.timeliness, attitude: dossierRatings.attitude })
      .from(dossierRatings)
      .where(inArray(dossierRatings.dossierId, dossierIds.slice(i, i + 5000) as string[]));
    for (const r of rows) {
      byDossier.set(r.dossierId, { overall: r.overall as RatingLevel, convenience: r.convenience as RatingLevel, timeliness: r.timeliness as RatingLevel, attitude: r.attitude as RatingLevel });
    }
  }
  return { byDossier };
}
