import { sql } from 'drizzle-orm';
import { formatInstant } from '@motcua/domain/calendar/index.ts';
import { feedbackWarning, maskedContacts, publicSenderName, type FeedbackItem, type PublicFeedback } from '@motcua/domain/feedback/feedback.ts';
import type { CompiledCalendar } from '@motcua/domain/calendar/index.ts';
import { feedbackItems } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/pool.ts';

export type FeedbackRow = typeof feedbackItems.$inferSelect;

/** The agency and every agency below it: an officer's scope covers its subtree. */
export async function agencySubtree(db: DbOrTx, roots: readonly string[]): Promise<string[]> {
  if (roots.length === 0) return [];
  const r = await db.execute<{ code: string }>(sql`
    with recursive down(code, depth) as (
      select code, 0 from agencies where code in (${sql.join(roots.map((c) => sql`${c}`), sql`, `)})
      union all
      select a.code, down.depth + 1 from agencies a join down on a.parent_code = down.code where down.depth < 20
    ) select distinct code from down`);
  return r.rows.map((x) => x.code);
}

const iso = (d: Date | null) => (d ? formatInstant(d.getTime()) : null);

/** `full` shows the contacts whole (one item, opened by an officer who answers it); lists mask them. */
export function feedbackDto(r: FeedbackRow, agencyName: string, now: number, cal: CompiledCalendar, full = false): FeedbackItem {
  const contacts = full ? { email: r.senderEmail, phone: r.senderPhone } : maskedContacts(r.senderEmail, r.senderPhone);
  return {
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    procedureCode: r.procedureCode,
    agencyCode: r.agencyCode,
    agencyName,
    channel: r.channel,
    title: r.title,
    content: r.content,
    senderName: r.senderName,
    senderEmail: contacts.email,
    senderPhone: contacts.phone,
    private: r.private,
    receivedAt: iso(r.receivedAt)!,
    dueAt: iso(r.dueAt)!,
    enteredLate: r.enteredLate,
    status: r.status,
    warning: feedbackWarning(now, r.dueAt.getTime(), r.answeredAt?.getTime() ?? null, cal),
    answer: r.answer,
    answeredAt: iso(r.answeredAt),
    answeredOnTime: r.answeredAt ? r.answeredAt.getTime() <= r.dueAt.getTime() : null,
    publishedAt: iso(r.publishedAt),
  };
}

export function publicFeedbackDto(r: FeedbackRow, agencyName: string): PublicFeedback {
  return {
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    procedureCode: r.procedureCode,
    agencyName,
    title: r.title,
    content: r.content,
    sender: publicSenderName(r.senderName),
    receivedAt: iso(r.receivedAt)!,
    answer: r.answer ?? '',
    answeredAt: iso(r.answeredAt)!,
  };
}
