import { Type, type Static } from 'typebox';

/**
 * Mã định danh (agency identifier code), 13 characters `V1V2V3.Z1Z2.Y1Y2.MX1X2`
 * [000 Art. 20; Decision 20/2020/QĐ-TTg], e.g. `000.00.15.H12`.
 */
export const AGENCY_CODE_PATTERN = '^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$';
const agencyCodeRe = new RegExp(AGENCY_CODE_PATTERN);
export function isAgencyCode(s: string): boolean {
  return agencyCodeRe.test(s);
}

export const AgencyCode = Type.String({
  pattern: AGENCY_CODE_PATTERN,
  description: 'Mã định danh cơ quan (13 ký tự), e.g. 000.00.15.H12',
  examples: ['000.00.15.H12'],
});

/** Levels are data (the 2025 reform removed the district level); this is the level's code. */
export const AgencyLevelCode = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9-]*$' });

export const AgencyLevel = Type.Object({
  code: AgencyLevelCode,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  nameEn: Type.Optional(Type.String({ maxLength: 200 })),
  rank: Type.Integer({ minimum: 0, maximum: 100, description: '0 = top of the tree' }),
});
export type AgencyLevel = Static<typeof AgencyLevel>;

const Phone = Type.String({ maxLength: 30, pattern: '^[0-9 +().-]*$' });
const Email = Type.String({ maxLength: 200, format: 'email' });

export const AgencyStatus = Type.Union([Type.Literal('active'), Type.Literal('merged'), Type.Literal('dissolved')]);
export type AgencyStatus = Static<typeof AgencyStatus>;

/** Fields an administrator may write. */
export const AgencyInput = Type.Object(
  {
    code: AgencyCode,
    name: Type.String({ minLength: 1, maxLength: 300 }),
    nameEn: Type.Optional(Type.String({ maxLength: 300 })),
    shortName: Type.Optional(Type.String({ maxLength: 100 })),
    level: AgencyLevelCode,
    parentCode: Type.Optional(Type.Union([AgencyCode, Type.Null()])),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    phone: Type.Optional(Phone),
    email: Type.Optional(Type.Union([Email, Type.Literal('')])),
    hotline: Type.Optional(Phone),
    communeCode: Type.Optional(Type.String({ maxLength: 10, description: 'Mã đơn vị hành chính (commune) for statistics by commune' })),
  },
  { additionalProperties: false },
);
export type AgencyInput = Static<typeof AgencyInput>;

export const AgencyUpdate = Type.Partial(Type.Omit(AgencyInput, ['code']), { additionalProperties: false });
export type AgencyUpdate = Static<typeof AgencyUpdate>;

export const Agency = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: AgencyCode,
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  shortName: Type.Union([Type.String(), Type.Null()]),
  level: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  hotline: Type.Union([Type.String(), Type.Null()]),
  communeCode: Type.Union([Type.String(), Type.Null()]),
  status: AgencyStatus,
  successorCode: Type.Union([Type.String(), Type.Null()]),
});
export type Agency = Static<typeof Agency>;

/** Phòng ban: an internal department of an agency. */
export const DepartmentInput = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 300 }),
    nameEn: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
export type DepartmentInput = Static<typeof DepartmentInput>;

export const Department = Type.Object({
  id: Type.String({ format: 'uuid' }),
  agencyCode: Type.String(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
export type Department = Static<typeof Department>;

/** Merge: the merged agencies stop receiving; their history stays and statistics roll up. */
export const AgencyMergeInput = Type.Object(
  {
    mergedCodes: Type.Array(AgencyCode, { minItems: 1, maxItems: 50, uniqueItems: true }),
    successorCode: AgencyCode,
    effectiveDate: Type.String({ format: 'date' }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type AgencyMergeInput = Static<typeof AgencyMergeInput>;

export const AgencyRenameInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    nameEn: Type.Optional(Type.String({ maxLength: 300 })),
    effectiveDate: Type.String({ format: 'date' }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type AgencyRenameInput = Static<typeof AgencyRenameInput>;
