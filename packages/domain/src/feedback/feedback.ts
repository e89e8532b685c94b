/**
 * Feedback (phản ánh, kiến nghị), questions (hỏi đáp), FAQ and user guides (SPEC §14).
 * Not complaints or denunciations under the complaints law [003 Art. 26.2].
 */
import { Type, type Static } from 'typebox';
import { AgencyCode } from '../organisation/agency.ts';
import { DEFAULT_POLICY } from '../calendar/policy.ts';
import { deadlineInstant, workingMinutesBetween } from '../calendar/index.ts';
import type { CompiledCalendar } from '../calendar/working-calendar.ts';
import { maskEmail, maskPhone } from '../accounts/masking.ts';

export const FEEDBACK_KINDS = ['feedback', 'recommendation', 'question'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export const FeedbackKindSchema = Type.Union([Type.Literal('feedback'), Type.Literal('recommendation'), Type.Literal('question')]);
/** What it is about: a procedure, an officer's conduct, or the online services in general [003 Art. 26.1]. */
export const FeedbackSubjectSchema = Type.Union([Type.Literal('procedure'), Type.Literal('conduct'), Type.Literal('service')]);
export const FeedbackChannelSchema = Type.Union([Type.Literal('portal'), Type.Literal('email'), Type.Literal('hotline'), Type.Literal('paper')]);
export type FeedbackChannel = Static<typeof FeedbackChannelSchema>;
export const FeedbackStatusSchema = Type.Union([Type.Literal('received'), Type.Literal('answered'), Type.Literal('published')]);
export type FeedbackStatus = Static<typeof FeedbackStatusSchema>;

const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const Email = Type.String({ format: 'email', maxLength: 200 });
const Phone = Type.String({ pattern: '^\\+?[0-9 .-]{8,16}$' });

/** What the sender writes, on the portal or as entered by an officer. */
const FeedbackCommon = {
  kind: FeedbackKindSchema,
  subject: FeedbackSubjectSchema,
  procedureCode: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 60 }), Type.Null()])),
  agencyCode: AgencyCode,
  title: Text(200, 5),
  content: Text(5000, 10),
  senderName: Text(120, 2),
  senderEmail: Type.Optional(Type.Union([Email, Type.Null()])),
  senderPhone: Type.Optional(Type.Union([Phone, Type.Null()])),
  /** The sender asked that the question and answer not be published. */
  private: Type.Boolean(),
};

/** Submitted from the portal by anyone; the idempotency key makes a retried submission harmless. */
export const FeedbackSubmission = Type.Object(
  { ...FeedbackCommon, idempotencyKey: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export type FeedbackSubmission = Static<typeof FeedbackSubmission>;

/** Entered by an officer from e-mail, hotline or paper, with the instant it actually arrived [001 Art. 21.3]. */
export const FeedbackEntry = Type.Object(
  {
    ...FeedbackCommon,
    channel: Type.Union([Type.Literal('email'), Type.Literal('hotline'), Type.Literal('paper')]),
    receivedAt: Type.String({ format: 'date-time' }),
    idempotencyKey: Type.String({ format: 'uuid' }),
  },
  { additionalProperties: false },
);
export type FeedbackEntry = Static<typeof FeedbackEntry>;

export const FeedbackAnswer = Type.Object({ answer: Text(10000, 10) }, { additionalProperties: false });
export const FeedbackRoute = Type.Object({ agencyCode: AgencyCode, note: Text(1000) }, { additionalProperties: false });

export const FeedbackWarningSchema = Type.Union([Type.Literal('overdue'), Type.Literal('due-soon'), Type.Literal('not-due'), Type.Null()]);
export type FeedbackWarning = Static<typeof FeedbackWarningSchema>;

/** An item as the back office sees it: contacts masked in lists, the name kept (the officer answers the person). */
export const FeedbackItem = Type.Object({
  id: Type.String(),
  kind: FeedbackKindSchema,
  subject: FeedbackSubjectSchema,
  procedureCode: Type.Union([Type.String(), Type.Null()]),
  agencyCode: Type.String(),
  agencyName: Type.String(),
  channel: FeedbackChannelSchema,
  title: Type.String(),
  content: Type.String(),
  senderName: Type.String(),
  senderEmail: Type.Union([Type.String(), Type.Null()]),
  senderPhone: Type.Union([Type.String(), Type.Null()]),
  private: Type.Boolean(),
  receivedAt: Type.String(),
  dueAt: Type.String(),
  enteredLate: Type.Boolean(),
  status: FeedbackStatusSchema,
  warning: FeedbackWarningSchema,
  answer: Type.Union([Type.String(), Type.Null()]),
  answeredAt: Type.Union([Type.String(), Type.Null()]),
  answeredOnTime: Type.Union([Type.Boolean(), Type.Null()]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
});
export type FeedbackItem = Static<typeof FeedbackItem>;

/** A published answer on the portal: no contact details, the sender's name shortened. */
export const PublicFeedback = Type.Object({
  id: Type.String(),
  kind: FeedbackKindSchema,
  subject: FeedbackSubjectSchema,
  procedureCode: Type.Union([Type.String(), Type.Null()]),
  agencyName: Type.String(),
  title: Type.String(),
  content: Type.String(),
  sender: Type.String(),
  receivedAt: Type.String(),
  answer: Type.String(),
  answeredAt: Type.String(),
});
export type PublicFeedback = Static<typeof PublicFeedback>;

export const FaqInput = Type.Object(
  {
    agencyCode: AgencyCode,
    procedureCode: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 60 }), Type.Null()])),
    question: Text(500, 5),
    answer: Text(10000, 5),
    published: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type FaqInput = Static<typeof FaqInput>;
export const Faq = Type.Object({
  id: Type.String(),
  agencyCode: Type.String(),
  agencyName: Type.String(),
  procedureCode: Type.Union([Type.String(), Type.Null()]),
  question: Type.String(),
  answer: Type.String(),
  published: Type.Boolean(),
  updatedAt: Type.String(),
});
export type Faq = Static<typeof Faq>;

export const GuideInput = Type.Object(
  {
    title: Text(200, 3),
    kind: Type.Union([Type.Literal('document'), Type.Literal('video')]),
    /** A video or a document is linked, never uploaded here. */
    url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 1000 }),
    description: Type.Optional(Type.Union([Text(2000), Type.Null()])),
    topic: Type.Union([Type.Literal('account'), Type.Literal('submission'), Type.Literal('lookup'), Type.Literal('other')]),
    sortOrder: Type.Integer({ minimum: 0, maximum: 10000 }),
    published: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type GuideInput = Static<typeof GuideInput>;
export const Guide = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: Type.Union([Type.Literal('document'), Type.Literal('video')]),
  url: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  topic: Type.String(),
  sortOrder: Type.Integer(),
  published: Type.Boolean(),
});
export type Guide = Static<typeof Guide>;

// ── Rules ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The province's answer clocks. Defaults: feedback 13 working days — the regulation in force for
 * the demo province (Đắk Lắk, 001 Art. 21.4, 2024) wins over older texts; questions 15 working
 * days [002 Art. 13.3.b], which 001 does not set. Another province configures its own.
 */
export interface FeedbackClocks {
  feedbackWorkingDays: number;
  questionWorkingDays: number;
}
export const DEFAULT_FEEDBACK_CLOCKS: FeedbackClocks = { feedbackWorkingDays: 13, questionWorkingDays: 15 };

const NO_CUTOFF = { ...DEFAULT_POLICY, cutoff: null, appointment: 'deadline' as const };

/**
 * When the answer is due: the working days of the kind, in working time to the minute, from the
 * instant it was received (outside working time: from the next working session).
 */
export function answerDue(kind: FeedbackKind, receivedAt: number, cal: CompiledCalendar, clocks: FeedbackClocks = DEFAULT_FEEDBACK_CLOCKS): number {
  const days = kind === 'question' ? clocks.questionWorkingDays : clocks.feedbackWorkingDays;
  return deadlineInstant(receivedAt, days * cal.dayMinutes, cal, NO_CUTOFF);
}

/** Feedback received off-line is entered within 8 working hours of its arrival [001 Art. 21.3]. */
export function entryDue(receivedAt: number, cal: CompiledCalendar): number {
  return deadlineInstant(receivedAt, 8 * 60, cal, NO_CUTOFF);
}

/** Warning of an unanswered item, as for dossiers [003 Art. 21]: overdue, less than one working day left, or not due. */
export function feedbackWarning(now: number, dueAt: number, answeredAt: number | null, cal: CompiledCalendar): FeedbackWarning {
  if (answeredAt !== null) return null;
  if (now > dueAt) return 'overdue';
  return workingMinutesBetween(now, dueAt, cal) < cal.dayMinutes ? 'due-soon' : 'not-due';
}

/**
 * "Protracted" (kéo dài) for index 8 of Circular 01/2018: still unanswered at the end of the period
 * more than one full answer clock after it was due — the province's definition (docs/evaluation.md).
 */
export function isProtracted(kind: FeedbackKind, dueAt: number, answeredAt: number | null, periodEnd: number, cal: CompiledCalendar, clocks: FeedbackClocks = DEFAULT_FEEDBACK_CLOCKS): boolean {
  if (answeredAt !== null && answeredAt <= periodEnd) return false;
  return periodEnd > answerDue(kind, dueAt, cal, clocks);
}

/** The sender's name as shown in public lists: the given name whole, the others as initials ("Nguyễn Thị Hương" → "N. T. Hương"). */
export function publicSenderName(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length <= 1) return parts[0] ? `${parts[0][0]}.` : '';
  return [...parts.slice(0, -1).map((p) => `${p[0]!.toLocaleUpperCase('vi')}.`), parts[parts.length - 1]].join(' ');
}

/** Contacts as listed to officers: masked; the full value is shown only when answering by that channel. */
export function maskedContacts(email: string | null, phone: string | null): { email: string | null; phone: string | null } {
  return { email: maskEmail(email), phone: maskPhone(phone) };
}
