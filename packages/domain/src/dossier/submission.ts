import { Type, type Static } from 'typebox';
import { AgencyCode } from '../organisation/agency.ts';
import type { FieldError } from '../api/problem.ts';
import type { Fee, ProcedureCase } from '../catalogue/procedure.ts';

/**
 * What an applicant (or the desk, or postal staff on their behalf) submits [SPEC §4; 001 Art. 7;
 * 000 Art. 11]. One schema for the API, the web wizard and the OpenAPI document.
 */
export const DossierApplicant = Type.Object(
  {
    kind: Type.Union([Type.Literal('individual'), Type.Literal('organisation')]),
    fullName: Type.String({ minLength: 1, maxLength: 200, description: 'Họ, chữ đệm và tên (of the person, or of the organisation representative)' }),
    idNumber: Type.Optional(Type.String({ pattern: '^\\d{12}$', description: 'Số định danh cá nhân (CCCD, 12 digits)' })),
    dateOfBirth: Type.Optional(Type.String({ format: 'date' })),
    phone: Type.Optional(Type.String({ pattern: '^0\\d{9}$' })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    communeCode: Type.Optional(Type.String({ maxLength: 10 })),
    organisationName: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    taxCode: Type.Optional(Type.String({ pattern: '^\\d{10}(-\\d{3})?$', description: 'Mã số thuế' })),
  },
  { additionalProperties: false },
);
export type DossierApplicant = Static<typeof DossierApplicant>;

export const ResultChannel = Type.Union([Type.Literal('desk'), Type.Literal('post'), Type.Literal('online'), Type.Literal('email')]);
export const NotifyChannel = Type.Union([Type.Literal('in-app'), Type.Literal('email'), Type.Literal('sms')]);

export const DossierSubmission = Type.Object(
  {
    procedureCode: Type.String({ minLength: 1, maxLength: 40 }),
    caseCode: Type.String({ minLength: 1, maxLength: 40 }),
    agencyCode: AgencyCode,
    applicant: DossierApplicant,
    submitterKind: Type.Optional(Type.Union([Type.Literal('self'), Type.Literal('proxy')], { description: 'A citizen submitting for someone else says proxy' })),
    channel: Type.Optional(
      Type.Union([Type.Literal('direct'), Type.Literal('postal')], {
        description: 'Desk only: how the dossier reached the desk — handed in at the counter (direct, the default) or received by post (postal) [000 Art. 26]. Citizens submit online and postal staff by post: neither chooses.',
      }),
    ),
    forms: Type.Record(Type.String({ maxLength: 40 }), Type.Record(Type.String(), Type.Unknown()), { description: 'E-form data by component code' }),
    files: Type.Array(Type.Object({ componentCode: Type.String({ maxLength: 40 }), fileId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }), { maxItems: 100 }),
    resultChannel: ResultChannel,
    resultAddress: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    notifyChannels: Type.Array(NotifyChannel, { uniqueItems: true, maxItems: 3 }),
    receivedAt: Type.Optional(Type.String({ description: 'Desk only, back-filled entry after an outage: the real receipt instant (ISO 8601) [003 Art. 28.5.c]' })),
    backfillReason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    draftId: Type.Optional(Type.String({ format: 'uuid', description: 'The draft this submission came from: removed with the submission' })),
  },
  { additionalProperties: false },
);
export type DossierSubmission = Static<typeof DossierSubmission>;

/**
 * The automatic technical check [SPEC §4]: rules the schema cannot express. Every mandatory
 * component is present (its e-form filled or a file attached); an individual gives a personal ID
 * number, an organisation its name and tax code; a result by post needs an address; files are
 * attached only to components of the case.
 */
export function technicalCheck(sub: DossierSubmission, theCase: ProcedureCase): FieldError[] {
  const errors: FieldError[] = [];
  const a = sub.applicant;
  if (a.kind === 'individual' && !a.idNumber) errors.push({ field: 'applicant.idNumber', message: 'Cần số định danh cá nhân', messageEn: 'Personal ID number required' });
  if (a.kind === 'organisation') {
    if (!a.organisationName) errors.push({ field: 'applicant.organisationName', message: 'Cần tên tổ chức', messageEn: 'Organisation name required' });
    if (!a.taxCode) errors.push({ field: 'applicant.taxCode', message: 'Cần mã số thuế', messageEn: 'Tax code required' });
  }
  if (sub.resultChannel === 'post' && !sub.resultAddress) errors.push({ field: 'resultAddress', message: 'Cần địa chỉ nhận kết quả qua bưu chính', messageEn: 'Postal address required' });
  if ((sub.notifyChannels.includes('email') || sub.resultChannel === 'email') && !a.email) errors.push({ field: 'applicant.email', message: 'Cần thư điện tử để nhận thông báo', messageEn: 'E-mail needed for e-mail notifications' });
  if (sub.notifyChannels.includes('sms') && !a.phone) errors.push({ field: 'applicant.phone', message: 'Cần số điện thoại để nhận tin nhắn', messageEn: 'Phone needed for SMS' });
  const codes = new Set(theCase.components.map((c) => c.code));
  sub.files.forEach((f, i) => {
    if (!codes.has(f.componentCode)) errors.push({ field: `files.${i}.componentCode`, message: 'Thành phần hồ sơ không thuộc trường hợp này', messageEn: 'Not a component of this case' });
  });
  for (const k of Object.keys(sub.forms)) {
    if (!codes.has(k)) errors.push({ field: `forms.${k}`, message: 'Thành phần hồ sơ không thuộc trường hợp này', messageEn: 'Not a component of this case' });
  }
  for (const c of theCase.components) {
    if (!c.mandatory) continue;
    const hasForm = !!c.form && !!sub.forms[c.code];
    const hasFile = sub.files.some((f) => f.componentCode === c.code);
    if (!hasForm && !hasFile) errors.push({ field: c.form ? `forms.${c.code}` : `files.${c.code}`, message: `Thiếu thành phần bắt buộc: ${c.name}`, messageEn: `Missing mandatory component: ${c.name}` });
  }
  return errors;
}

/**
 * The fees due on a dossier (phí, lệ phí, VND), fixed at submission: the case's own fee list when
 * it has one — even an empty one, a case free of charge — else the procedure's; every listed fee
 * counts (an exemption is a condition the desk checks, not a discount the catalogue applies).
 */
export function feesDueFor(procedureFees: readonly Fee[], theCase: Pick<ProcedureCase, 'fees'>): number {
  return (theCase.fees ?? procedureFees).reduce((sum, f) => sum + f.amount, 0);
}
