import type { Component, ProcedureCase } from '@motcua/domain';
import type { DossierApplicant, DossierSubmission } from '@motcua/domain/dossier/submission.ts';
import type { ProcedureDetail } from '../../types.ts';
import type { DossierView } from '../dossierTypes.ts';
import type { CitizenMe } from '../useRequireCitizen.ts';
import type { UploadedFile } from './upload.ts';

/** The fields of GET /api/v1/me/profile (Profile in @motcua/domain) the wizard fills the applicant from. */
export interface CitizenProfile {
  accountType: 'individual' | 'organisation';
  fullName: string;
  idNumber: string | null;
  dateOfBirth: string | null;
  taxCode: string | null;
  organisationName: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
}

/** Everything the wizard holds; saved as the draft's `data` and resumed from it. */
export interface WizardData {
  step: number;
  caseCode: string | null;
  agencyCode: string | null;
  applicant: DossierApplicant;
  forms: Record<string, Record<string, unknown>>;
  files: Record<string, UploadedFile[]>;
  resultChannel: 'desk' | 'post' | 'online';
  resultAddress: string;
  notifyChannels: ('in-app' | 'email' | 'sms')[];
  /** Made when the review step is first reached; every send of this submission carries it. */
  idempotencyKey?: string;
}

export function emptyWizard(p: ProcedureDetail): WizardData {
  return {
    step: 0,
    caseCode: p.content.cases.length === 1 ? p.content.cases[0]!.code : null,
    agencyCode: p.agencies.length === 1 ? p.agencies[0]!.code : null,
    applicant: { kind: 'individual', fullName: '' },
    forms: {},
    files: {},
    resultChannel: 'online',
    resultAddress: '',
    notifyChannels: ['in-app'],
  };
}

const clean = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;

/**
 * Data already known fills the form [SPEC §4; Circular 22/2019]: the applicant from the latest
 * earlier dossier of this procedure, else from the profile; that dossier's e-form answers for the
 * components that still exist; its case and agency.
 */
export function prefill(d: WizardData, me: CitizenMe, latest: DossierView | null, p: ProcedureDetail, account: CitizenProfile | null = null): WizardData {
  const a = account;
  const profile = clean({
    ...(a?.accountType === 'organisation' ? { kind: 'organisation' as const } : {}),
    fullName: a?.fullName ?? me.fullName,
    idNumber: a?.idNumber ?? me.idNumber ?? undefined,
    dateOfBirth: a?.dateOfBirth ?? me.dateOfBirth ?? undefined,
    phone: a?.phone ?? me.phone ?? undefined,
    email: a?.email ?? me.email ?? undefined,
    address: a?.address ?? me.address ?? undefined,
    organisationName: a?.organisationName ?? undefined,
    taxCode: a?.taxCode ?? undefined,
  });
  if (!latest) return { ...d, applicant: { ...d.applicant, ...profile } };
  const formCodes = new Set(p.content.cases.flatMap((c) => c.components.filter((x) => x.form).map((x) => x.code)));
  const forms = Object.fromEntries(Object.entries(latest.forms ?? {}).filter(([k]) => formCodes.has(k)));
  const caseOk = p.content.cases.some((c) => c.code === latest.caseCode);
  const agencyOk = p.agencies.some((a) => a.code === latest.agency.code);
  return {
    ...d,
    caseCode: caseOk ? latest.caseCode : d.caseCode,
    agencyCode: agencyOk ? latest.agency.code : d.agencyCode,
    applicant: { ...d.applicant, ...profile, ...clean(latest.applicant as unknown as Record<string, unknown>) } as DossierApplicant,
    forms,
  };
}

/** Mandatory components with neither a filled e-form nor a file. */
export function missingComponents(d: WizardData, theCase: ProcedureCase | undefined): Component[] {
  if (!theCase) return [];
  return theCase.components.filter((c) => c.mandatory && !(c.form && d.forms[c.code] && Object.keys(d.forms[c.code]!).length) && !(d.files[c.code] ?? []).length);
}

export function toSubmission(d: WizardData, p: ProcedureDetail, draftId: string | null): DossierSubmission {
  const theCase = p.content.cases.find((c) => c.code === d.caseCode);
  const codes = new Set(theCase?.components.map((c) => c.code) ?? []);
  const a = clean(d.applicant as unknown as Record<string, unknown>) as unknown as DossierApplicant;
  const { organisationName, taxCode, ...individual } = a;
  return {
    procedureCode: p.code,
    caseCode: d.caseCode ?? '',
    agencyCode: d.agencyCode ?? '',
    applicant: a.kind === 'individual' ? individual : a,
    forms: Object.fromEntries(Object.entries(d.forms).filter(([k, v]) => codes.has(k) && Object.keys(v).length)),
    files: Object.entries(d.files).flatMap(([componentCode, fs]) => (codes.has(componentCode) ? fs.map((f) => ({ componentCode, fileId: f.id })) : [])),
    resultChannel: d.resultChannel,
    ...(d.resultChannel === 'post' ? { resultAddress: d.resultAddress.trim() } : {}),
    notifyChannels: d.notifyChannels,
    ...(draftId ? { draftId } : {}),
  };
}
