import type { DossierApplicant } from '@motcua/domain/dossier/submission.ts';
import type { DossierClocks } from '@motcua/domain/dossier/clocks.ts';

/** Shapes of the dossier API answers the back-office screens read (apps/server/src/modules/dossiers). */
export const WORKLISTS = ['mine', 'department', 'reception', 'handover', 'consultations', 'tasks', 'overdue', 'results'] as const;
export type WorklistName = (typeof WORKLISTS)[number];

export interface Warning {
  /** overdue | due-soon | not-due */
  state: string;
  workingMinutesLeft: number | null;
  /** the current step's own clock: not-due | due | overdue */
  step: string | null;
}

export interface WorklistItem {
  id: string;
  code: string | null;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  channel: string;
  exchangeStatus: string;
  step: string | null;
  submittedAt: string;
  deadline: string | null;
  appointment: string | null;
  warning: Warning | null;
  handoverDue?: string | null;
  handoverWarning?: HandoverWarning | null;
}

/** The desk's handover clock as the server counted it: due soon = under one working hour left. */
export interface HandoverWarning {
  state: 'running' | 'due-soon' | 'late';
  workingMinutesLeft: number;
}

export interface Label {
  vi: string;
  en: string;
}

export type Holder = { kind: 'group'; role: string; departmentCode: string | null } | { kind: 'user'; userId: string; name?: string };

export interface Consultation {
  id: string;
  agencyCode: string;
  question: string;
  replyBy: string;
  askedAt: string;
  askedBy: string;
  answer?: string;
  answeredAt?: string;
  /** The server's answer: open and asked of an agency the caller may answer for. */
  answerable?: boolean;
}
export interface AgencyTask {
  id: string;
  agencyCode: string;
  task: string;
  sentAt: string;
  deadline: string;
  completedAt?: string;
  result?: string;
  /** The server's answer: open and sent to an agency the caller may complete it for. */
  answerable?: boolean;
}
export interface Verification {
  at: string;
  when: string;
  place: string;
  participants: string[];
  content: string;
}
/** The current drafted result (dự thảo kết quả): officers over the agency only. */
export interface DraftResultDoc {
  fileId: string;
  name: string;
  by: string | null;
  byName: string | null;
  at: string;
}

export interface ResultDoc {
  n: number;
  fileId: string | null;
  name: string;
  code: string | null;
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
  nationalStatus: { code: number; label: Label };
  publicStatus: Label;
  step: { code: string; name: string; stage: string } | null;
  holder: Holder | null;
  applicant: DossierApplicant;
  submitterKind: string;
  forms: Record<string, Record<string, unknown>>;
  files: { componentCode: string | null; fileId: string; kind: string; addedAt: string; supersededAt: string | null }[];
  resultChannel: string;
  notifyChannels: string[];
  feesDue: number;
  feesPaid: number;
  /** Recorded fee payments (biên lai), oldest first. */
  payments: { amount: number; method: string; receiptNumber: string; paidAt: string; recordedAt: string }[];
  submittedAt: string;
  acceptedAt: string | null;
  countedFrom: string | null;
  deadline: string | null;
  appointment: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  outcome: string | null;
  classification: string | null;
  warning: Warning | null;
  missing: string[];
  consultations: Consultation[];
  verifications: Verification[];
  tasks: AgencyTask[];
  results: ResultDoc[];
  draftResults?: DraftResultDoc[];
  handoverDue: string | null;
  handoverWarning?: HandoverWarning | null;
  backfilled: boolean;
  availableActions: string[];
  /** Per-step and per-agency clocks: on GET /dossiers/{id}, for officers over the agency. */
  clocks?: DossierClocks | null;
}

export interface DossierEventRow {
  seq: number;
  type: string;
  at: string;
  recordedAt: string;
  by: string | null;
  event: Record<string, unknown>;
}

export interface BulkResult {
  id: string;
  ok: boolean;
  status: number;
  code: string | null;
  problem?: { title: string; detail?: string; errors?: { field: string; message: string; messageEn?: string }[] };
}

export interface Assignee {
  id: string;
  fullName: string;
  role: string;
  departmentCode: string | null;
}

export interface Slip {
  kind: string;
  title: string;
  pdfUrl: string;
  docxUrl?: string | null;
}

export interface FileMeta {
  id: string;
  originalName?: string;
  name?: string;
  mediaType: string;
  size: number;
}
