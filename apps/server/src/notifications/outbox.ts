/**
 * `notify`: the one call the rest of the server makes to tell someone something.
 *
 * It only INSERTs rows into `notifications`, in the caller's transaction (the outbox pattern):
 * the notification commits or rolls back with the action that caused it, so an action that
 * failed never announces itself and an action that committed is never left unannounced. Nothing
 * here touches the network; the worker delivers e-mail and SMS after commit, with retries, and a
 * failing channel never blocks the dossier [SPEC §11].
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/pool.ts';
import { citizenProfiles, notifications } from '../db/schema.ts';
import { channelAllowed, PREFERENCE_EVENTS } from '@motcua/domain';
import type { Channel, Locale } from './render.ts';
import { isEvent, type NotificationEvent } from './templates.ts';

export interface NotifyRecipient {
  userId?: string | null;
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  locale?: Locale;
}

export interface NotifyInput {
  event: NotificationEvent;
  recipient: NotifyRecipient;
  /** The applicant's chosen channels [003 Art. 16.4: "các hình thức đã được đăng ký"]; in-app needs a userId. */
  channels: Channel[];
  dossierId?: string | null;
  /** The facts the templates of `event` use (see EVENT_INFO); instants as ISO 8601 strings. */
  data: Record<string, unknown>;
}

export interface NotifyResult {
  /** The rows written, one per channel. */
  created: { id: string; channel: Channel; status: 'pending' | 'sent' | 'failed' }[];
  /** Channels that wrote nothing, and why (an in-app message to someone with no account). */
  skipped: { channel: Channel; reason: string }[];
}

/** The channel LISTENed to by workers; a NOTIFY is delivered only if the transaction commits. */
export const WAKE_CHANNEL = 'motcua_notifications';

export const NO_EMAIL_ADDRESS = 'Người nhận không có địa chỉ thư điện tử hợp lệ (no valid e-mail address)';
export const NO_PHONE = 'Người nhận không có số điện thoại hợp lệ (no valid phone number)';

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;
const PHONE = /^\+?\d{9,15}$/;

/**
 * The outbox rows `notify` writes for `input`, without writing them: the dossier lifecycle's hot
 * path inserts them inside its single data-modifying statement (modules/dossiers/sql.ts).
 */
export function notificationRows(input: NotifyInput, prefs: ChannelPrefs = null): { rows: NotificationRow[]; skipped: NotifyResult['skipped'] } {
  // Programming errors, not runtime conditions: fail the caller's transaction loudly.
  if (!isEvent(input.event)) throw new Error(`notify: unknown event ${String(input.event)}`);
  const r = input.recipient;
  const locale: Locale = r.locale === 'en' ? 'en' : 'vi';
  // The recipient's name is a fact of the message like any other ({{name}} in the greeting).
  const data = { ...input.data, ...(r.name && input.data.name === undefined ? { name: r.name } : {}) };
  const email = r.email?.trim() || null;
  const phone = r.phone?.replace(/[\s.-]/g, '') || null;
  const now = new Date();

  const rows: NotificationRow[] = [];
  const skipped: NotifyResult['skipped'] = [];
  for (const channel of [...new Set(input.channels)]) {
    if (!channelAllowed(prefs, input.event, channel)) {
      skipped.push({ channel, reason: 'turned off by the recipient' });
      continue;
    }
    const base = { channel, recipientUserId: r.userId ?? null, template: input.event, locale, data, dossierId: input.dossierId ?? null };
    if (channel === 'in-app') {
      // Nobody could ever read an inbox message addressed to no account.
      if (!r.userId) skipped.push({ channel, reason: 'in-app needs a userId' });
      // Born delivered: the inbox is the database itself.
      else rows.push({ ...base, status: 'sent', sentAt: now });
    } else if (channel === 'email') {
      // A missing address is recorded as a failed row, not dropped, so that the delivery log
      // answers "why did I get nothing?".
      if (email && EMAIL.test(email)) rows.push({ ...base, recipientAddress: email });
      else rows.push({ ...base, recipientAddress: email, status: 'failed', lastError: NO_EMAIL_ADDRESS });
    } else if (channel === 'sms') {
      if (phone && PHONE.test(phone)) rows.push({ ...base, recipientAddress: phone });
      else rows.push({ ...base, recipientAddress: phone, status: 'failed', lastError: NO_PHONE });
    } else {
      throw new Error(`notify: unknown channel ${String(channel)}`);
    }
  }
  return { rows, skipped };
}

export type NotificationRow = typeof notifications.$inferInsert;

/** A citizen's per-event e-mail/SMS choices (citizen_profiles); null = everything on. */
export type ChannelPrefs = Record<string, { email: boolean; sms: boolean }> | null;

/**
 * A citizen may turn off e-mail or SMS per dossier event (SPEC §3 "choice of notification
 * channels"); account messages (codes, resets) always go. One primary-key read, only when the
 * message could be affected.
 */
export async function channelPrefsFor(q: DbOrTx, input: Pick<NotifyInput, 'event' | 'recipient' | 'channels'>): Promise<ChannelPrefs> {
  const userId = input.recipient.userId;
  if (!userId || !(PREFERENCE_EVENTS as readonly string[]).includes(input.event) || !input.channels.some((c) => c === 'email' || c === 'sms')) return null;
  return loadChannelPrefs(q, userId);
}

export async function loadChannelPrefs(q: DbOrTx, userId: string): Promise<ChannelPrefs> {
  return (await loadRecipientSettings(q, userId)).prefs;
}

/** What a citizen's profile says about messages to them: channel choices and language. */
export interface RecipientSettings {
  prefs: ChannelPrefs;
  /** The profile's language; Vietnamese when there is no profile or it names another. */
  locale: Locale;
}

/** Channel choices and language in one primary-key read (the dossier action's hot path needs both). */
export async function loadRecipientSettings(q: DbOrTx, userId: string): Promise<RecipientSettings> {
  const [p] = await q.select({ prefs: citizenProfiles.notificationPrefs, locale: citizenProfiles.locale }).from(citizenProfiles).where(eq(citizenProfiles.userId, userId));
  return { prefs: p?.prefs ?? null, locale: p?.locale === 'en' ? 'en' : 'vi' };
}

export async function notify(tx: DbOrTx, input: NotifyInput): Promise<NotifyResult> {
  const { rows, skipped } = notificationRows(input, await channelPrefsFor(tx, input));
  if (!rows.length) return { created: [], skipped };
  const inserted = await tx.insert(notifications).values(rows).returning({ id: notifications.id, channel: notifications.channel, status: notifications.status });
  // Wake the workers at commit instead of waiting for their next poll; dropped on rollback.
  if (inserted.some((x) => x.status === 'pending')) await tx.execute(sql`select pg_notify(${WAKE_CHANNEL}, '')`);
  return { created: inserted.map((x) => ({ id: x.id, channel: x.channel as Channel, status: x.status as 'pending' | 'sent' | 'failed' })), skipped };
}
