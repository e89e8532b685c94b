import type { RatingAnswers } from '@motcua/domain/evaluation/scoring.ts';
import type { DbOrTx } from '../../db/pool.ts';

export interface RatingsInput {
  /** The applicant's answers per dossier id. */
  byDossier: Map<string, RatingAnswers>;
}

/**
 * Citizens' ratings of the dossiers being scored (SPEC §13: portal, desk devices, paper forms).
 *
 * The ratings module and its table `dossier_ratings` are built on another branch and are not part
 * of this one, so this returns NO ratings: every rating-based input (index 7's attitude answer, the
 * Decision 766 satisfaction indicator) then counts as "no data" and is left out of the totals — it
 * never counts as satisfied or unsatisfied. When the branches merge, this one function reads the
 * table; nothing else in the evaluation changes.
 */
export async function ratingsNotYetMerged(_db: DbOrTx, _dossierIds: readonly string[]): Promise<RatingsInput> {
  return { byDossier: new Map() };
}
