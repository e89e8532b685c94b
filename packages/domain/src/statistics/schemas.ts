import { Type, type Static } from 'typebox';
import { AgencyCode } from '../organisation/agency.ts';
import { BUCKETS } from './figures.ts';

/** One schema per concept: validation, types and OpenAPI of the statistics API (SPEC §15). */

const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD, Asia/Ho_Chi_Minh' });

export const GROUP_BYS = ['agency', 'field', 'procedure', 'commune', 'channel'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export const StatisticsQuery = Type.Object(
  {
    from: Type.String({ ...IsoDate, description: 'First day of the period (included), YYYY-MM-DD' }),
    to: Type.String({ ...IsoDate, description: 'Day after the period (excluded): the period is [from, to)' }),
    groupBy: Type.Union(GROUP_BYS.map((g) => Type.Literal(g)), { default: 'agency' }),
    agency: Type.Optional(AgencyCode),
  },
  { additionalProperties: false },
);
export type StatisticsQuery = Static<typeof StatisticsQuery>;

const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);
const Count = Type.Integer({ minimum: 0 });

export const StatFigures = Type.Object({
  received: Count,
  carriedOver: Count,
  new: Count,
  resolved: Count,
  early: Count,
  onTime: Count,
  late: Count,
  refused: Count,
  withdrawn: Count,
  stopped: Count,
  awaitingSupplement: Count,
  inProgress: Count,
  notDue: Count,
  overdue: Count,
  postalReturned: Count,
  resolutionRate: Rate,
  onTimeRate: Rate,
});

export const StatisticsRow = Type.Object({
  key: Type.String({ description: 'Agency code, field code, procedure code, commune code or channel ("" = not known)' }),
  label: Type.String(),
  figures: StatFigures,
});
export type StatisticsRow = Static<typeof StatisticsRow>;

export const StatisticsReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  groupBy: Type.String(),
  agency: Type.Union([Type.String(), Type.Null()]),
  rows: Type.Array(StatisticsRow),
  total: StatFigures,
  trend: Type.Array(Type.Object({ month: Type.String({ description: 'YYYY-MM' }), received: Count, resolved: Count, onTimeRate: Rate })),
});
export type StatisticsReport = Static<typeof StatisticsReport>;

export const DrillDownQuery = Type.Object(
  {
    from: Type.String({ ...IsoDate }),
    to: Type.String({ ...IsoDate }),
    bucket: Type.Union(BUCKETS.map((b) => Type.Literal(b))),
    agency: Type.Optional(AgencyCode),
    groupBy: Type.Optional(Type.Union(GROUP_BYS.map((g) => Type.Literal(g)))),
    key: Type.Optional(Type.String({ maxLength: 60, description: 'The row of the grouped table (with groupBy)' })),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export type DrillDownQuery = Static<typeof DrillDownQuery>;

export const DrillDownItem = Type.Object({
  id: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  agencyCode: Type.String(),
  procedureCode: Type.String(),
  procedureName: Type.String(),
  channel: Type.String(),
  receivedAt: Type.String(),
  endedAt: Type.Union([Type.String(), Type.Null()]),
  status: Type.String({ description: 'The bucket the dossier takes at the end of the period' }),
});

export const PublicStatisticsQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });

/** Satisfaction of one online service: the number of ratings and the satisfied-or-better rate per criterion (TT 32/2017 Art. 11.3). */
const ServiceSatisfaction = Type.Object({
  ratings: Count,
  criteria: Type.Array(Type.Object({ criterion: Type.Union([Type.Literal('overall'), Type.Literal('convenience'), Type.Literal('timeliness'), Type.Literal('attitude')]), satisfiedRate: Rate })),
});

const PublicFigures = Type.Object({ received: Count, resolved: Count, early: Count, onTime: Count, late: Count, inProgress: Count, overdue: Count, resolutionRate: Rate, onTimeRate: Rate });

/** What the portal publishes: counts and rates only, never a dossier or a person [002 Art. 11; legal-requirements §1.7.11]. */
export const PublicStatistics = Type.Object({
  year: Type.Integer(),
  from: Type.String(),
  to: Type.String(),
  province: PublicFigures,
  agencies: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), figures: PublicFigures })),
  onlineServices: Type.Array(
    Type.Object({
      procedureCode: Type.String(),
      procedureName: Type.String(),
      onlineReceived: Count,
      onlineResolved: Count,
      onlineOnTimeRate: Rate,
      totalReceived: Count,
      satisfaction: Type.Union([ServiceSatisfaction, Type.Null()], {
        description: `Ratings of the service's online dossiers in the period, per criterion; null below MIN_PUBLIC_RATINGS (5) ratings, so no single applicant's answers can be read off it`,
      }),
    }),
  ),
});
export type PublicStatistics = Static<typeof PublicStatistics>;

export const ReconcileReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  dossiers: Count,
  /** Each dossier's facts placed in the period by SQL, summed. */
  fast: StatFigures,
  /** What the reports answer for a period of whole days: the day and month sums plus the dossiers open at both ends. */
  sums: Type.Union([StatFigures, Type.Null()]),
  /** Every dossier replayed from its raw events with the domain rules. */
  recomputed: StatFigures,
  equal: Type.Boolean(),
  mismatches: Type.Array(Type.Object({ id: Type.String(), code: Type.Union([Type.String(), Type.Null()]), fast: Type.Union([Type.String(), Type.Null()]), recomputed: Type.Union([Type.String(), Type.Null()]) })),
});

// ── Public satisfaction and apology letters (002 Art. 11, Art. 12; legal-requirements §1.7.11) ──

export const RATING_CRITERIA = ['overall', 'convenience', 'timeliness', 'attitude'] as const;
/** Agencies with fewer ratings than this are published without their own line, so no single applicant's answers can be read off it. */
export const MIN_PUBLIC_RATINGS = 5;

const Criterion = Type.Union([Type.Literal('overall'), Type.Literal('convenience'), Type.Literal('timeliness'), Type.Literal('attitude')]);
const LevelCounts = Type.Object({ verySatisfied: Count, satisfied: Count, notSatisfied: Count, satisfiedRate: Rate });

/** Satisfaction per criterion, aggregated: counts and rates only, never a respondent, comment or dossier. */
export const PublicSatisfaction = Type.Object({
  year: Type.Integer(),
  ratings: Count,
  criteria: Type.Array(Type.Object({ criterion: Criterion, ...LevelCounts.properties })),
  agencies: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      ratings: Count,
      criteria: Type.Array(Type.Object({ criterion: Criterion, satisfiedRate: Rate })),
    }),
  ),
});
export type PublicSatisfaction = Static<typeof PublicSatisfaction>;

export const PublicApologiesQuery = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }), page: Type.Integer({ minimum: 1, default: 1 }), pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 50 }) },
  { additionalProperties: false },
);

/** A published apology letter: which agency apologised for which dossier code and the new appointment — nothing about the applicant. */
export const PublicApology = Type.Object({
  agencyCode: Type.String(),
  agencyName: Type.String(),
  procedureCode: Type.String(),
  procedureName: Type.String(),
  dossierCode: Type.Union([Type.String(), Type.Null()]),
  apologizedOn: Type.String({ description: 'YYYY-MM-DD' }),
  newAppointment: Type.Union([Type.String({ description: 'YYYY-MM-DD' }), Type.Null()]),
});
export const PublicApologies = Type.Object({ year: Type.Integer(), items: Type.Array(PublicApology), total: Count });

// ── Overdue by department (leaders' dashboard) ──

export const OverdueByDepartmentQuery = Type.Object({ agency: Type.Optional(AgencyCode) }, { additionalProperties: false });

/** Open dossiers overdue now, per agency and the department holding their current step (null = no department named). */
export const OverdueByDepartment = Type.Object({
  asOf: Type.String({ description: 'The instant the rule was applied (ISO 8601, +07:00)' }),
  total: Count,
  items: Type.Array(
    Type.Object({
      agencyCode: Type.String(),
      agencyName: Type.String(),
      departmentCode: Type.Union([Type.String(), Type.Null()]),
      departmentName: Type.Union([Type.String(), Type.Null()]),
      departmentNameEn: Type.Union([Type.String(), Type.Null()]),
      overdue: Count,
    }),
  ),
});
export type OverdueByDepartment = Static<typeof OverdueByDepartment>;
