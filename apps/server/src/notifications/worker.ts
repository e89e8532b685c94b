/**
 * The delivery worker: takes due e-mail and SMS rows from the outbox, sends them, records every
 * attempt, and retries failures with back-off [SPEC §11: "asynchronous, retried, and recorded"].
 *
 * Several server instances may run it at once. A batch is claimed in one statement with
 * `FOR UPDATE SKIP LOCKED`, which also pushes the rows' `next_attempt_at` a lease ahead and counts
 * the attempt; the claim commits before anything is sent. So:
 *   - no row is held locked (nor a connection held) while a slow mail server takes its time;
 *   - another instance never takes a claimed row while the lease runs (the lease is longer than
 *     the send timeout), so a message is sent once;
 *   - if the process dies mid-send, the row comes due again when the lease ends (at-least-once),
 *     and the attempt it died in still counts, so a message that crashes the process cannot loop.
 * Request handlers never wait for any of this: they only insert rows (outbox.ts).
 */
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Db } from '../db/pool.ts';
import { PermanentDeliveryError, type MailTransport, type SmsGateway } from './mailer.ts';
import { WAKE_CHANNEL } from './outbox.ts';
import { renderMessage, type Channel, type Locale } from './render.ts';
import { loadTemplates } from './store.ts';
import { isEvent, type NotificationEvent } from './templates.ts';

/** 1 min, 5 min, 30 min, 2 h, 12 h: retries spread over about 15 hours, then the row is 'failed'. */
export const DEFAULT_BACKOFF_MS: readonly number[] = [60_000, 300_000, 1_800_000, 7_200_000, 43_200_000];
export const DEFAULT_MAX_ATTEMPTS = 6;

export const SMTP_NOT_CONFIGURED = 'Chưa cấu hình máy chủ thư SMTP_URL (SMTP not configured)';
export const NO_SMS_GATEWAY = 'Chưa cấu hình cổng SMS (no SMS gateway configured)';

export interface WorkerLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface DeliveryOptions {
  db: Db;
  /** null: SMTP is not configured (see `deliver` for what then happens to e-mail rows). */
  mail: MailTransport | null;
  sms?: SmsGateway | null;
  /** The portal's public address, for links in messages. */
  publicUrl: string;
  log: WorkerLog;
  batchSize?: number;
  backoffMs?: readonly number[];
  maxAttempts?: number;
  /** Longest a single send may take before it counts as failed. */
  sendTimeoutMs?: number;
  /** How long a claimed row stays invisible to other workers; must exceed sendTimeoutMs. */
  leaseMs?: number;
}

export interface WorkerOptions extends DeliveryOptions {
  pool: pg.Pool;
  /** Poll interval; a committed notification also wakes the worker at once through LISTEN/NOTIFY. */
  pollMs?: number;
  /** LISTEN for wake-ups on a dedicated connection (default true). */
  listen?: boolean;
}

export interface NotificationWorker {
  /** Look for due rows now instead of at the next poll. */
  wake(): void;
  /** Finishes the batch in flight, stops polling and listening, and resolves. */
  stop(): Promise<void>;
}

/** The delay before retry number `attempts + 1`, after `attempts` failed attempts; null: give up. */
export function retryDelay(attempts: number, backoffMs: readonly number[] = DEFAULT_BACKOFF_MS, maxAttempts = DEFAULT_MAX_ATTEMPTS): number | null {
  if (attempts >= maxAttempts) return null;
  return backoffMs[Math.min(attempts, backoffMs.length) - 1] ?? backoffMs[backoffMs.length - 1] ?? 60_000;
}

type Claimed = {
  id: string;
  channel: Channel;
  recipient_address: string | null;
  template: string;
  locale: string;
  data: Record<string, unknown>;
  attempts: number;
};

type Outcome = { ok: true; detail: string } | { ok: false; permanent: boolean; error: string };

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Quá thời gian gửi ${ms} ms (timed out)`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/**
 * Claims one batch of due rows and delivers it; resolves with the number of rows claimed.
 * The worker loop calls it; tests call it directly to step through retries deterministically.
 */
export async function deliverDue(o: DeliveryOptions): Promise<number> {
  const batchSize = o.batchSize ?? 10;
  const sendTimeoutMs = o.sendTimeoutMs ?? 60_000;
  const leaseMs = Math.max(o.leaseMs ?? 300_000, sendTimeoutMs + 30_000);
  const claimed = (
    await o.db.execute<Claimed>(sql`
      update notifications n
         set attempts = n.attempts + 1,
             next_attempt_at = now() + ${leaseMs} * interval '1 millisecond'
        from (select id from notifications
               where status = 'pending' and channel <> 'in-app' and next_attempt_at <= now()
               order by next_attempt_at, created_at
               limit ${batchSize}
               for update skip locked) due
       where n.id = due.id
      returning n.id, n.channel, n.recipient_address, n.template, n.locale, n.data, n.attempts`)
  ).rows;
  if (!claimed.length) return 0;
  const resolve = await loadTemplates(o.db, claimed.map((c) => c.template).filter(isEvent));
  await Promise.all(
    claimed.map(async (row) => {
      let outcome: Outcome;
      try {
        outcome = await deliver(row, o, resolve, sendTimeoutMs);
      } catch (e) {
        outcome = { ok: false, permanent: e instanceof PermanentDeliveryError, error: (e as Error).message || String(e) };
      }
      await record(o, row, outcome);
    }),
  );
  return claimed.length;
}

async function deliver(row: Claimed, o: DeliveryOptions, resolve: Awaited<ReturnType<typeof loadTemplates>>, sendTimeoutMs: number): Promise<Outcome> {
  if (!isEvent(row.template)) return { ok: false, permanent: true, error: `Không có mẫu thông báo ${row.template} (unknown template)` };
  const event: NotificationEvent = row.template;
  const locale: Locale = row.locale === 'en' ? 'en' : 'vi';
  const to = row.recipient_address;
  if (row.channel === 'email') {
    // SMTP not configured: fail at once, without retries. Keeping the rows pending would either
    // churn (claimed and rescheduled forever) or, once SMTP is configured, flood applicants with
    // weeks-old "your dossier was received" mail. A failed row with this reason is visible in the
    // delivery log, and the in-app copy of the same notification is already in the inbox.
    if (!o.mail) return { ok: false, permanent: true, error: SMTP_NOT_CONFIGURED };
    if (!to) return { ok: false, permanent: true, error: 'Không có địa chỉ người nhận (no recipient address)' };
    const m = renderMessage(resolve(event, 'email', locale), { event, channel: 'email', locale, data: row.data, publicUrl: o.publicUrl });
    if (m.missing.length) o.log.warn({ notificationId: row.id, event, missing: m.missing }, 'notification data lacks placeholders its template uses');
    const r = await withTimeout(o.mail.send({ to, subject: m.subject ?? '', text: m.text, html: m.html ?? '' }), sendTimeoutMs);
    return { ok: true, detail: r.messageId ? `messageId ${r.messageId}` : 'sent' };
  }
  if (row.channel === 'sms') {
    if (!o.sms) return { ok: false, permanent: true, error: NO_SMS_GATEWAY };
    if (!to) return { ok: false, permanent: true, error: 'Không có số điện thoại người nhận (no recipient phone)' };
    const m = renderMessage(resolve(event, 'sms', locale), { event, channel: 'sms', locale, data: row.data, publicUrl: o.publicUrl });
    const r = await withTimeout(o.sms.send({ to, text: m.text }), sendTimeoutMs);
    return { ok: true, detail: r.messageId ? `messageId ${r.messageId}` : 'sent' };
  }
  return { ok: false, permanent: true, error: `Kênh không hỗ trợ: ${row.channel}` };
}

/** The attempt and its consequence commit together, so the log never disagrees with the row. */
async function record(o: DeliveryOptions, row: Claimed, out: Outcome): Promise<void> {
  const detail = out.ok ? out.detail : out.error.slice(0, 2000);
  const delay = out.ok || out.permanent ? null : retryDelay(row.attempts, o.backoffMs ?? DEFAULT_BACKOFF_MS, o.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  try {
    // One statement, so one round trip and one transaction: delivered → sent; given up → failed;
    // otherwise rescheduled after the back-off delay.
    await o.db.execute(sql`
      with attempt as (insert into notification_attempts (notification_id, ok, detail) values (${row.id}, ${out.ok}, ${detail}))
      update notifications
         set status = case when ${out.ok} then 'sent' when ${delay}::bigint is null then 'failed' else status end,
             sent_at = case when ${out.ok} then now() else sent_at end,
             last_error = case when ${out.ok} then null else ${detail}::text end,
             next_attempt_at = case when ${delay}::bigint is not null then now() + ${delay}::bigint * interval '1 millisecond' else next_attempt_at end
       where id = ${row.id}`);
    if (!out.ok) o.log.warn({ notificationId: row.id, channel: row.channel, attempt: row.attempts, permanent: out.permanent, error: detail }, 'notification delivery failed');
  } catch (e) {
    // The database is unreachable: the lease will bring the row back, and it is sent again then.
    o.log.error({ err: e, notificationId: row.id, delivered: out.ok }, 'could not record a notification attempt');
  }
}

/**
 * Starts the background loop. Nothing it does can throw into the caller: errors are logged and the
 * loop polls again.
 */
export function startNotificationWorker(o: WorkerOptions): NotificationWorker {
  const pollMs = o.pollMs ?? 1000;
  const batchSize = o.batchSize ?? 10;
  let stopping = false;
  let wakeUp: (() => void) | null = null;
  let pending = false;
  let listener: pg.PoolClient | null = null;

  const wake = () => {
    pending = true;
    wakeUp?.();
  };
  const sleep = () =>
    new Promise<void>((resolve) => {
      if (pending || stopping) return resolve();
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });

  let listenRetryAt = 0;
  let listenerOnError: () => void = () => {};

  /** Gives a LISTEN connection back destroyed, with our handlers off it, so nothing of ours outlives it. */
  function drop(c: pg.PoolClient, onError: () => void): void {
    c.off('notification', wake);
    c.off('error', onError);
    c.on('error', () => {}); // a late socket error on a connection we no longer use
    c.release(true);
  }

  async function listen(): Promise<void> {
    if (o.listen === false || listener || stopping || Date.now() < listenRetryAt) return;
    let client: pg.PoolClient | null = null;
    const onError = () => {
      // A lost connection only costs latency: polling goes on, and a later loop listens again.
      const c = client;
      if (!c) return;
      if (listener === c) listener = null;
      client = null;
      drop(c, onError);
    };
    try {
      client = await o.pool.connect();
      client.on('notification', wake);
      client.on('error', onError);
      await client.query(`LISTEN ${WAKE_CHANNEL}`);
      if (stopping) throw new Error('stopping');
      listener = client;
      listenerOnError = onError;
    } catch (e) {
      if (client) drop(client, onError);
      if (!stopping) {
        listenRetryAt = Date.now() + 30_000;
        o.log.warn({ err: e }, 'notification worker cannot LISTEN; polling only');
      }
    }
  }
  // Said once at start, so an operator reading the log knows why e-mail and SMS rows fail.
  if (!o.mail) o.log.warn({}, `notifications: ${SMTP_NOT_CONFIGURED}; e-mail notifications will be recorded as failed`);
  if (!o.sms) o.log.info({}, `notifications: ${NO_SMS_GATEWAY}; SMS notifications will be recorded as failed`);

  const loop = (async () => {
    while (!stopping) {
      await listen();
      pending = false;
      let n = 0;
      try {
        n = await deliverDue({ ...o, batchSize });
      } catch (e) {
        o.log.error({ err: e }, 'notification worker pass failed');
      }
      // A full batch means more may be due: go on at once.
      if (n < batchSize && !stopping) await sleep();
    }
  })();

  return {
    wake,
    async stop() {
      stopping = true;
      wakeUp?.();
      await loop;
      const c = listener;
      listener = null;
      // Destroyed rather than returned to the pool: its LISTEN dies with the session.
      if (c) drop(c, listenerOnError);
    },
  };
}
