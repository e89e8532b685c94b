/** The shapes of evaluation reports (one schema for validation, types and OpenAPI). */
import { Type, type Static } from 'typebox';
import { PERIOD_PATTERN } from './scoring.ts';

export const PeriodLabel = Type.String({ pattern: PERIOD_PATTERN, description: 'A quarter "2026-Q3" or a year "2026"' });

const IndexAverage = Type.Object({
  index: Type.Integer({ minimum: 1, maximum: 9 }),
  /** tenths of a point (45 = 4.5); null without data */
  tenths: Type.Union([Type.Integer(), Type.Null()]),
  dossiers: Type.Integer(),
});
export const ScoreSchema = Type.Object({
  indices: Type.Array(IndexAverage),
  total: Type.Integer({ description: 'tenths of a point' }),
  max: Type.Integer({ description: 'tenths of a point' }),
  dossiers: Type.Integer(),
  class: Type.Union([Type.String(), Type.Null()]),
});
export const ServiceIndexSchema = Type.Object({
  indicators: Type.Array(
    Type.Object({
      key: Type.String(),
      group: Type.String(),
      points: Type.Integer(),
      tenths: Type.Union([Type.Integer(), Type.Null()]),
      share: Type.Union([Type.Object({ count: Type.Integer(), of: Type.Integer() }), Type.Null()]),
    }),
  ),
  groups: Type.Array(Type.Object({ group: Type.String(), points: Type.Integer(), tenths: Type.Integer(), measuredPoints: Type.Integer() })),
  tenths: Type.Integer(),
  measuredPoints: Type.Integer(),
  normalisedTenths: Type.Union([Type.Integer(), Type.Null()]),
  class: Type.Union([Type.String(), Type.Null()]),
});
export const AgencyEvaluationSchema = Type.Object({ agencyCode: Type.String(), agencyName: Type.String(), score: ScoreSchema, serviceIndex: ServiceIndexSchema });
export const OfficerEvaluationSchema = Type.Object({ userId: Type.String(), fullName: Type.String(), agencyCode: Type.String(), score: ScoreSchema });

export const EvaluationReport = Type.Object({
  period: Type.String(),
  /** The instant the figures are as of: the end of the period, or now for a period still running. */
  asOf: Type.String(),
  agencies: Type.Array(AgencyEvaluationSchema),
  officers: Type.Array(OfficerEvaluationSchema),
});
export type EvaluationReport = Static<typeof EvaluationReport>;

/** The public report: agencies only — no officer, no respondent [NĐ 61 Art. 27; SPEC §13]. */
export const PublicEvaluationReport = Type.Object({ period: Type.String(), asOf: Type.String(), agencies: Type.Array(AgencyEvaluationSchema) });
export type PublicEvaluationReport = Static<typeof PublicEvaluationReport>;
