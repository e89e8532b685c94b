/**
 * Delivery adapters. The worker talks to these interfaces only, so tests and other deployments can
 * swap the transport; the production e-mail transport is SMTP through nodemailer.
 */
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  send(msg: MailMessage): Promise<{ messageId: string }>;
  /** Releases connections; the worker never calls it (the owner of the transport does). */
  close?(): void;
}

/**
 * An SMS gateway (brand-name SMS of a Vietnamese carrier, or an aggregator). None is configured by
 * default: SMS rows then fail at once with NO_SMS_GATEWAY and show in the delivery log. Nothing
 * pretends to send.
 */
export interface SmsGateway {
  send(msg: { to: string; text: string }): Promise<{ messageId: string }>;
}

/**
 * A refusal that retrying cannot cure (the server said this mailbox does not exist). Any other
 * error — connection refused, timeout, 4xx "try later", authentication (our configuration, which an
 * operator can fix) — is retried with back-off.
 */
export class PermanentDeliveryError extends Error {}

export const DEFAULT_MAIL_FROM = '"Cổng Dịch vụ công" <no-reply@localhost>';

export interface SmtpOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465` (TLS). */
  url: string;
  from?: string;
  /** Upper bound for one message, connection included: a stuck server must not hold a worker. */
  timeoutMs?: number;
}

export class MailConfigError extends Error {}

export function createSmtpTransport(opts: SmtpOptions): MailTransport {
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    throw new MailConfigError('SMTP_URL is not a URL (expected smtp://user:pass@host:587 or smtps://user:pass@host:465)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new MailConfigError(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const from = opts.from ?? DEFAULT_MAIL_FROM;
  return {
    async send(msg) {
      try {
        const info = await transporter.sendMail({ from, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html });
        return { messageId: String(info.messageId ?? '') };
      } catch (e) {
        const err = e as Error & { code?: string; responseCode?: number };
        // RFC 5321: a 5yz reply to RCPT is permanent — the mailbox does not exist or is refused.
        if (err.code === 'EENVELOPE' && (err.responseCode ?? 0) >= 500) throw new PermanentDeliveryError(err.message);
        throw err;
      }
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * The SMTP transport the environment configures: SMTP_URL, MAIL_FROM (default
 * `"Cổng Dịch vụ công" <no-reply@localhost>`), SMTP_TIMEOUT_MS. Null when SMTP_URL is unset; throws
 * MailConfigError naming the variable when it is malformed, so a bad setting stops the start.
 */
export function mailTransportFromEnv(env: NodeJS.ProcessEnv = process.env): MailTransport | null {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  const t = env.SMTP_TIMEOUT_MS?.trim();
  if (t && !/^\d+$/.test(t)) throw new MailConfigError(`SMTP_TIMEOUT_MS=${JSON.stringify(t)}: expected milliseconds`);
  return createSmtpTransport({ url, from: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM, ...(t ? { timeoutMs: Number(t) } : {}) });
}
