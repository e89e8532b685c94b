/**
 * The SMS gateway adapter (SmsGateway) for any HTTP SMS service — a carrier's brand-name SMS API or
 * an aggregator — behind a small JSON contract, so the province can put its provider's own API
 * behind a thin relay without touching this code.
 *
 * Contract (SMS_URL, optional SMS_TOKEN):
 *   POST <SMS_URL>
 *   content-type: application/json; authorization: Bearer <SMS_TOKEN> (when set)
 *   body: { "to": "0912345678", "text": "…", "reference": "<notification id or empty>" }
 *   2xx with JSON { "messageId": "…" }  → sent
 *   4xx (except 408, 429)              → refused for good (bad number, blocked): not retried
 *   anything else, or no answer         → retried by the worker with back-off
 *
 * The local stand-in that speaks this contract, for tests and development, is sms-standin.ts.
 */
import { PermanentDeliveryError, type SmsGateway } from './mailer.ts';

export class SmsConfigError extends Error {}

export interface HttpSmsOptions {
  url: string;
  token?: string | null;
  timeoutMs?: number;
}

export function createHttpSmsGateway(opts: HttpSmsOptions): SmsGateway {
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    throw new SmsConfigError('SMS_URL is not a URL (expected https://host/path)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SmsConfigError(`SMS_URL must start with http:// or https://, not ${url.protocol}//`);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  return {
    async send(msg) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
        body: JSON.stringify({ to: msg.to, text: msg.text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      if (res.ok) {
        let id = '';
        try {
          id = String((JSON.parse(text) as { messageId?: unknown }).messageId ?? '');
        } catch {
          /* a 2xx without a JSON body still means accepted */
        }
        return { messageId: id };
      }
      const detail = `SMS gateway answered ${res.status}: ${text.slice(0, 200)}`;
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentDeliveryError(detail);
      throw new Error(detail);
    },
  };
}

/** The gateway the environment configures (SMS_URL, SMS_TOKEN), or null when SMS_URL is unset. */
export function smsGatewayFromEnv(env: NodeJS.ProcessEnv = process.env): SmsGateway | null {
  const url = env.SMS_URL?.trim();
  if (!url) return null;
  return createHttpSmsGateway({ url, token: env.SMS_TOKEN?.trim() || null });
}
