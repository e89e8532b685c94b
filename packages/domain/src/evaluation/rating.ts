import { Type, type Static } from 'typebox';

/**
 * Satisfaction rating of the handling of one dossier [SPEC §13; 002 Art. 12.1–2; 004 Art. 14.2]:
 * an overall judgement and three criteria (convenience, timeliness, staff attitude), each on the
 * same three levels, given once per dossier code after the result is returned, from the portal, a
 * desk device, or a paper form an officer enters [002 Art. 18.1]. Respondents stay confidential.
 */
export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'not_satisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const RATING_CRITERIA = ['overall', 'convenience', 'timeliness', 'attitude'] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number];
export const RATING_SOURCES = ['portal', 'device', 'paper'] as const;
export type RatingSource = (typeof RATING_SOURCES)[number];

export const RatingLevelSchema = Type.Union([Type.Literal('very_satisfied'), Type.Literal('satisfied'), Type.Literal('not_satisfied')], { description: 'Rất hài lòng / Hài lòng / Không hài lòng' });

export const RATING_LEVEL_LABELS: Record<RatingLevel, { vi: string; en: string }> = {
  very_satisfied: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  not_satisfied: { vi: 'Không hài lòng', en: 'Not satisfied' },
};

const answers = {
  overall: RatingLevelSchema,
  convenience: RatingLevelSchema,
  timeliness: RatingLevelSchema,
  attitude: RatingLevelSchema,
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
};

/** What the applicant answers on the portal. */
export const RatingInput = Type.Object(answers, { additionalProperties: false, $id: 'RatingInput' });
export type RatingInput = Static<typeof RatingInput>;

/** A desk device or a paper form names the dossier by its code (printed on the receipt). */
export const CodedRatingInput = Type.Object({ dossierCode: Type.String({ minLength: 1, maxLength: 60 }), ...answers }, { additionalProperties: false, $id: 'CodedRatingInput' });
export type CodedRatingInput = Static<typeof CodedRatingInput>;

/** A rating as answered to its owner or to the officer who recorded it: never who answered. */
export const Rating = Type.Object(
  {
    dossierId: Type.String({ format: 'uuid' }),
    dossierCode: Type.String(),
    source: Type.Union([Type.Literal('portal'), Type.Literal('device'), Type.Literal('paper')]),
    overall: RatingLevelSchema,
    convenience: RatingLevelSchema,
    timeliness: RatingLevelSchema,
    attitude: RatingLevelSchema,
    comment: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Rating' },
);
export type Rating = Static<typeof Rating>;

/** Why a dossier cannot be rated now, or null. Rated only once the result has been returned. */
export function ratingRefusal(dossier: { phase: string; code: string | null }, alreadyRated: boolean): 'not-completed' | 'already-rated' | null {
  if (alreadyRated) return 'already-rated';
  if (dossier.phase !== 'returned' || !dossier.code) return 'not-completed';
  return null;
}

/** Points of a level in the national scoring (Circular 01/2018 Art. 13: 2 / 1 / 0). */
export function ratingPoints(level: RatingLevel): number {
  return level === 'very_satisfied' ? 2 : level === 'satisfied' ? 1 : 0;
}
