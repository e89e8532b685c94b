import type { DossierApplicant } from '@motcua/domain/dossier/submission.ts';

/** The API's dossier answer (apps/server/src/modules/dossiers/schemas.ts DossierView), the parts the portal reads. */
export interface Label {
  vi: string;
  en: string;
}
export interface DossierView {
  id: string;
  code: string | null;
  procedure: { code: string; name: string };
  caseCode: string;
  agency: { code: string; name: string };
  channel: string;
  phase: string;
  exchangeStatus: { code: string; label: Label };
  publicStatus: Label;
  applicant: DossierApplicant;
  forms: Record<string, Record<string, unknown>>;
  files: { componentCode: string | null; fileId: string; kind: string; addedAt: string; supersededAt: string | null }[];
  resultChannel: string;
  notifyChannels: string[];
  feesDue: number;
  feesPaid: number;
  submittedAt: string;
  acceptedAt: string | null;
  appointment: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  outcome: string | null;
  missing: string[];
  results: { n: number; fileId: string | null; name: string; code: string | null }[];
  availableActions: string[];
}

export interface DossierEvent {
  seq: number;
  type: string;
  at: string;
  event: Record<string, unknown>;
}

export interface Draft {
  id: string;
  procedureCode: string;
  title: string;
  data: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface Slip {
  kind: string;
  title: string;
  pdfUrl: string | null;
  docxUrl: string | null;
}

export interface WithdrawalRequest {
  id: string;
  reason: string;
  requestedAt: string;
  status: 'open' | 'recorded' | 'closed';
}
