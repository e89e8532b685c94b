import { Type } from 'typebox';
import { AgencyCode } from '@motcua/domain';
import { DossierClocks, MAX_RECEIPT_NUMBER } from '@motcua/domain/dossier/index.ts';

const Reason = Type.String({ minLength: 1, maxLength: 2000 });
const Instant = Type.String({ minLength: 10, maxLength: 40, description: 'ISO 8601 instant with an offset' });
const Reasons = Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), { minItems: 1, maxItems: 30 });
const Missing = Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { minItems: 1, maxItems: 50, description: 'Everything that must be supplied, in one list [001 Art. 8.1.a]' });

/**
 * What the applicant changes when completing or supplementing a dossier: e-form data replaced per
 * component, and files that replace the component's earlier files (kept in the history).
 */
function amendments() {
  return {
    forms: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Record(Type.String(), Type.Unknown()))),
    files: Type.Optional(Type.Array(Type.Object({ componentCode: Type.String({ maxLength: 40 }), fileId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }), { maxItems: 100 })),
  };
}

/** The drafted result (dự thảo kết quả) a forward or an approval carries: files uploaded through /files. */
const DraftFiles = Type.Optional(Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 300 }), fileId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }), { maxItems: 20 }));

/** One body per action, discriminated by `type`. */
export const ActionBody = Type.Union([
  Type.Object({ type: Type.Literal('accept') }, { additionalProperties: false }),
  // The note is the reason printed on the supplement slip (Mẫu 02), which the action must produce [003 Art. 15.1.c].
  Type.Object({ type: Type.Literal('request-completion'), missing: Missing, note: Reason }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('refuse'), reasons: Reasons }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('complete'), ...amendments() }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('forward'), toUserId: Type.Optional(Type.String({ format: 'uuid' })), comment: Type.Optional(Type.String({ maxLength: 2000 })), draftFiles: DraftFiles }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('return-to-previous'), reason: Reason }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('assign'), toUserId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('hand-to-colleague'), toUserId: Type.String({ format: 'uuid' }), reason: Reason }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('approve'), comment: Type.Optional(Type.String({ maxLength: 2000 })), draftFiles: DraftFiles }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('sign') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('reject-draft'), reason: Reason }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('consult'), agencyCode: AgencyCode, question: Reason, replyBy: Instant }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('answer-consultation'), id: Type.String({ format: 'uuid' }), answer: Reason }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('schedule-verification'), when: Instant, place: Type.String({ minLength: 1, maxLength: 500 }), participants: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 30 }), content: Reason },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('send-to-agencies'),
      tasks: Type.Array(
        Type.Object({ agencyCode: AgencyCode, task: Reason, workingHours: Type.Number({ minimum: 0.5, maximum: 2920, description: "The agency's time for its task, counted on its own working calendar" }) }, { additionalProperties: false }),
        { minItems: 1, maxItems: 20 },
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('complete-task'), id: Type.String({ format: 'uuid' }), result: Reason }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('request-supplement'), missing: Missing, reason: Reason }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('submit-supplement'), ...amendments() }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('apologize'), reason: Reason, newAppointment: Instant }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('send-result'), results: Type.Array(Type.Object({ fileId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]), name: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false }), { maxItems: 20 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('refuse-resolution'), reasons: Reasons }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('withdraw'), reason: Reason }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('stop'), reason: Reason }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('return-result'), how: Type.Union([Type.Literal('desk'), Type.Literal('post'), Type.Literal('online'), Type.Literal('email')]) }, { additionalProperties: false }),
  // A fee paid (phí, lệ phí), with its receipt (biên lai); never more than remains due.
  Type.Object(
    {
      type: Type.Literal('record-payment'),
      amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'VND' }),
      method: Type.Union([Type.Literal('cash'), Type.Literal('transfer'), Type.Literal('online')]),
      receiptNumber: Type.String({ minLength: 1, maxLength: MAX_RECEIPT_NUMBER, description: 'Số biên lai' }),
      paidAt: Type.Optional({ ...Instant, description: 'When it was paid (defaults to now; not in the future)' }),
    },
    { additionalProperties: false },
  ),
]);

const Label = Type.Object({ vi: Type.String(), en: Type.String() });
/** The handover clock's warning, computed by the server's working-time engine (domain `handoverWarning`). */
export const HandoverWarning = Type.Object({
  state: Type.Union([Type.Literal('running'), Type.Literal('due-soon'), Type.Literal('late')], { description: 'due-soon: under one working hour left' }),
  workingMinutesLeft: Type.Number({ description: 'Working minutes to the due instant; negative once late' }),
});
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const DossierView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Nullable(Type.String()),
  procedure: Type.Object({ code: Type.String(), name: Type.String() }),
  caseCode: Type.String(),
  agency: Type.Object({ code: Type.String(), name: Type.String() }),
  channel: Type.String(),
  phase: Type.String(),
  exchangeStatus: Type.Object({ code: Type.String(), label: Label }),
  nationalStatus: Type.Object({ code: Type.Integer(), label: Label }),
  publicStatus: Label,
  step: Nullable(Type.Object({ code: Type.String(), name: Type.String(), stage: Type.String() })),
  holder: Type.Unknown(),
  applicant: Type.Unknown(),
  submitterKind: Type.String(),
  forms: Type.Unknown(),
  files: Type.Array(Type.Object({ componentCode: Nullable(Type.String()), fileId: Type.String(), kind: Type.String(), addedAt: Type.String(), supersededAt: Nullable(Type.String()) })),
  resultChannel: Type.String(),
  notifyChannels: Type.Array(Type.String()),
  feesDue: Type.Integer(),
  feesPaid: Type.Integer(),
  payments: Type.Array(Type.Object({ amount: Type.Integer(), method: Type.String(), receiptNumber: Type.String(), paidAt: Type.String(), recordedAt: Type.String() })),
  submittedAt: Type.String(),
  acceptedAt: Nullable(Type.String()),
  countedFrom: Nullable(Type.String()),
  deadline: Nullable(Type.String()),
  appointment: Nullable(Type.String()),
  resolvedAt: Nullable(Type.String()),
  returnedAt: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  classification: Nullable(Type.String()),
  warning: Nullable(Type.Object({ state: Type.String(), workingMinutesLeft: Nullable(Type.Number()), step: Nullable(Type.String()) })),
  missing: Type.Array(Type.String()),
  consultations: Type.Unknown(),
  verifications: Type.Unknown(),
  tasks: Type.Unknown(),
  results: Type.Unknown(),
  // The current drafted result (dự thảo), for officers over the dossier's agency only; each earlier set is in the timeline.
  draftResults: Type.Optional(
    Type.Array(Type.Object({ fileId: Type.String(), name: Type.String(), by: Nullable(Type.String()), byName: Nullable(Type.String()), at: Type.String() })),
  ),
  handoverDue: Nullable(Type.String({ description: 'While at the desk after acceptance: when the 8 working hours to hand over end [001 Art. 8.1.b]' })),
  handoverWarning: Nullable(HandoverWarning),
  backfilled: Type.Boolean(),
  availableActions: Type.Array(Type.String()),
  // GET /dossiers/{id} only; null unless the caller is an officer over the dossier's agency.
  clocks: Type.Optional(Nullable(DossierClocks)),
});

export const LookupView = Type.Object({
  code: Type.String(),
  receivingAgency: Type.String(),
  processingDepartment: Nullable(Type.String()),
  organisationName: Nullable(Type.String()),
  applicantName: Type.String(),
  receivedAt: Nullable(Type.String()),
  appointment: Nullable(Type.String()),
  status: Label,
  missing: Type.Optional(Type.Array(Type.String())),
});
