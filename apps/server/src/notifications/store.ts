/**
 * The administrator's template overrides (`message_templates`): a row for (event, channel, locale)
 * wins over the built-in text; no row means the built-in text. Read at delivery time, so an edit
 * applies to every message sent after it.
 */
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/pool.ts';
import { messageTemplates } from '../db/schema.ts';
import type { Channel, Locale } from './render.ts';
import { builtInTemplate, type NotificationEvent, type TemplateSource } from './templates.ts';

const keyOf = (event: string, channel: string, locale: string) => `${event}|${channel}|${locale}`;

export interface TemplateResolver {
  (event: NotificationEvent, channel: Channel, locale: Locale): TemplateSource;
}

/** One query for the overrides of the given events; the resolver falls back to the built-ins. */
export async function loadTemplates(db: DbOrTx, events: readonly NotificationEvent[]): Promise<TemplateResolver> {
  const rows = events.length ? await db.select().from(messageTemplates).where(inArray(messageTemplates.key, [...new Set(events)])) : [];
  const overrides = new Map(rows.map((r) => [keyOf(r.key, r.channel, r.locale), { subject: r.subject, body: r.body }]));
  return (event, channel, locale) => {
    const o = overrides.get(keyOf(event, channel, locale));
    if (!o) return builtInTemplate(event, channel, locale);
    // SMS has no subject; an e-mail or inbox override without one keeps the built-in subject.
    return { subject: channel === 'sms' ? null : (o.subject ?? builtInTemplate(event, channel, locale).subject), body: o.body };
  };
}
