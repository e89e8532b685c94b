import { Type, type Static } from 'typebox';
import { AgencyCode } from '../organisation/agency.ts';

/**
 * The procedure catalogue (danh mục thủ tục hành chính) [SPEC §2; 001 Art. 5; 004 Art. 7.2].
 * One schema per concept: these validate the admin API and the import file, type the server and
 * the web app, and appear in the OpenAPI document.
 */

/** Lĩnh vực: the field a procedure belongs to, grouped by sector (ngành). */
export const FieldSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 300 }),
    nameEn: Type.Optional(Type.String({ maxLength: 300 })),
    sector: Type.String({ minLength: 1, maxLength: 200, description: 'Ngành, e.g. "Tư pháp"' }),
    sectorEn: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type Field = Static<typeof FieldSchema>;

export const ProcedureLevel = Type.Union(
  [Type.Literal('central'), Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')],
  { description: 'Cấp thực hiện. "district" is kept for dossiers before the 2025 reform.' },
);
export type ProcedureLevel = Static<typeof ProcedureLevel>;

export const PROCEDURE_LEVEL_LABELS: Record<ProcedureLevel, { vi: string; en: string }> = {
  central: { vi: 'Cấp Trung ương', en: 'Central' },
  province: { vi: 'Cấp Tỉnh', en: 'Province' },
  district: { vi: 'Cấp Huyện', en: 'District' },
  commune: { vi: 'Cấp Xã', en: 'Commune' },
};

export const Channel = Type.Union([Type.Literal('direct'), Type.Literal('online'), Type.Literal('postal')]);
export type Channel = Static<typeof Channel>;

/** Dịch vụ công trực tuyến: toàn trình (full) / một phần (partial) / none (information only). */
export const OnlineLevel = Type.Union([Type.Literal('full'), Type.Literal('partial'), Type.Literal('none')]);
export type OnlineLevel = Static<typeof OnlineLevel>;

export const ONLINE_LEVEL_LABELS: Record<OnlineLevel, { vi: string; en: string }> = {
  full: { vi: 'Toàn trình', en: 'Fully online' },
  partial: { vi: 'Một phần', en: 'Partially online' },
  none: { vi: 'Cung cấp thông tin', en: 'Information only' },
};

export const ApplicantType = Type.Union([Type.Literal('individual'), Type.Literal('organisation')]);
export type ApplicantType = Static<typeof ApplicantType>;

/**
 * Thời hạn giải quyết. `onTheSpot` = resolved in the same session (trả ngay): the three-stage
 * default process applies [003 Art. 22.2.c].
 */
export const TimeLimit = Type.Object(
  {
    unit: Type.Union([Type.Literal('working-days'), Type.Literal('working-hours')]),
    value: Type.Number({ minimum: 0, maximum: 365, multipleOf: 0.5 }),
    onTheSpot: Type.Optional(Type.Boolean()),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type TimeLimit = Static<typeof TimeLimit>;

/** Phí, lệ phí: amounts in VND (integers); `exempt` lists who pays nothing. */
export const Fee = Type.Object(
  {
    kind: Type.Union([Type.Literal('fee'), Type.Literal('charge')], { description: 'fee = phí; charge = lệ phí' }),
    name: Type.String({ minLength: 1, maxLength: 300 }),
    amount: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    exempt: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type Fee = Static<typeof Fee>;

export const TemplateFile = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300, description: 'Tên mẫu, e.g. "Tờ khai đăng ký khai sinh"' }),
    fileName: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_.-]+$' }),
    source: Type.Optional(Type.String({ maxLength: 300, description: 'The legal text that issues the template' })),
  },
  { additionalProperties: false },
);
export type TemplateFile = Static<typeof TemplateFile>;

/** Biểu mẫu điện tử tương tác: a JSON Schema (draft 2020-12 subset) plus an rjsf UI schema. */
export const EForm = Type.Object(
  {
    schema: Type.Record(Type.String(), Type.Unknown(), { description: 'JSON Schema of the form data' }),
    uiSchema: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);
export type EForm = Static<typeof EForm>;

/** Thành phần hồ sơ. */
export const Component = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 1000 }),
    originals: Type.Integer({ minimum: 0, maximum: 20, description: 'Số bản chính' }),
    copies: Type.Integer({ minimum: 0, maximum: 20, description: 'Số bản sao' }),
    mandatory: Type.Boolean(),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    template: Type.Optional(TemplateFile),
    form: Type.Optional(EForm),
  },
  { additionalProperties: false },
);
export type Component = Static<typeof Component>;

/** Trường hợp: a case of a procedure, with its own components and optional overrides. */
export const ProcedureCase = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 500 }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    components: Type.Array(Component, { maxItems: 60 }),
    timeLimit: Type.Optional(TimeLimit),
    fees: Type.Optional(Type.Array(Fee, { maxItems: 30 })),
  },
  { additionalProperties: false },
);
export type ProcedureCase = Static<typeof ProcedureCase>;

/**
 * The body of one version of a procedure. Everything a dossier depends on lives here, so a
 * dossier that references a version keeps seeing exactly what it was submitted under.
 */
export const ProcedureContent = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 1000 }),
    nameEn: Type.Optional(Type.String({ maxLength: 1000 })),
    fieldCode: Type.String({ minLength: 1, maxLength: 40 }),
    level: ProcedureLevel,
    agencyCodes: Type.Array(AgencyCode, { minItems: 1, maxItems: 500, uniqueItems: true, description: 'Performing agencies' }),
    implementingBody: Type.Optional(Type.String({ maxLength: 1000, description: 'Cơ quan thực hiện as published (text)' })),
    legalBasis: Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 50 }),
    timeLimit: TimeLimit,
    fees: Type.Array(Fee, { maxItems: 30 }),
    channels: Type.Array(Channel, { minItems: 1, uniqueItems: true }),
    onlineLevel: OnlineLevel,
    legacyServiceLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'Mức độ DVC 1–4 [003 Art. 3.6]' })),
    applicantTypes: Type.Array(ApplicantType, { minItems: 1, uniqueItems: true }),
    requirements: Type.Optional(Type.String({ maxLength: 8000, description: 'Yêu cầu, điều kiện' })),
    steps: Type.String({ maxLength: 8000, description: 'Trình tự thực hiện' }),
    result: Type.String({ minLength: 1, maxLength: 1000, description: 'Kết quả thực hiện' }),
    cases: Type.Array(ProcedureCase, { minItems: 1, maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type ProcedureContent = Static<typeof ProcedureContent>;

/** A procedure as created by an administrator: its identity plus the first draft. */
export const ProcedureCode = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '^[A-Za-z0-9.\\-]+$',
  description: 'Mã TTHC quốc gia (e.g. 1.001193); demo codes start with "DEMO-" and are not official',
});

export const ProcedureCreate = Type.Object(
  { code: ProcedureCode, content: ProcedureContent },
  { additionalProperties: false },
);
export type ProcedureCreate = Static<typeof ProcedureCreate>;

export const VersionStatus = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('retired')]);
export type VersionStatus = Static<typeof VersionStatus>;

export const ProcedureVersionExport = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    status: VersionStatus,
    effectiveFrom: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    effectiveTo: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    content: ProcedureContent,
  },
  { additionalProperties: false },
);
export type ProcedureVersionExport = Static<typeof ProcedureVersionExport>;

/**
 * Catalogue exchange file (`format: "motcua-catalogue"`). Export then import gives back the same
 * catalogue, and an export of that gives byte-identical JSON. Documented in docs/catalogue-format.md.
 */
export const CatalogueFile = Type.Object(
  {
    format: Type.Literal('motcua-catalogue'),
    formatVersion: Type.Literal(1),
    fields: Type.Array(FieldSchema, { maxItems: 5000 }),
    procedures: Type.Array(
      Type.Object(
        {
          code: ProcedureCode,
          codeIsOfficial: Type.Boolean({ description: 'false for demo codes' }),
          versions: Type.Array(ProcedureVersionExport, { minItems: 1, maxItems: 200 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 20000 },
    ),
  },
  { additionalProperties: false },
);
export type CatalogueFile = Static<typeof CatalogueFile>;

/** A procedure code is "official-looking" unless it starts with DEMO-; demo codes must say so. */
export function isDemoCode(code: string): boolean {
  return code.startsWith('DEMO-');
}
