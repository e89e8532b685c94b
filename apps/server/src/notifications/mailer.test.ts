import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MailConfigError, mailTransportFromEnv } from './mailer.ts';
import { DEFAULT_BACKOFF_MS, DEFAULT_MAX_ATTEMPTS, retryDelay } from './worker.ts';

test('no SMTP_URL means no e-mail transport; a malformed one stops the start with a message naming the variable', () => {
  assert.equal(mailTransportFromEnv({}), null);
  assert.equal(mailTransportFromEnv({ SMTP_URL: '  ' }), null);
  assert.throws(() => mailTransportFromEnv({ SMTP_URL: 'mail.example.vn:587' }), (e: Error) => e instanceof MailConfigError && e.message.includes('SMTP_URL'));
  assert.throws(() => mailTransportFromEnv({ SMTP_URL: 'http://mail.example.vn' }), (e: Error) => e instanceof MailConfigError && e.message.includes('smtp://'));
  assert.throws(() => mailTransportFromEnv({ SMTP_URL: 'smtp://mail.example.vn', SMTP_TIMEOUT_MS: 'soon' }), /SMTP_TIMEOUT_MS/);
  const t = mailTransportFromEnv({ SMTP_URL: 'smtps://u:p@mail.example.vn' });
  assert.ok(t);
  t.close?.();
});

test('a failed delivery is retried after 1 min, 5 min, 30 min, 2 h and 12 h, and given up after the 6th attempt', () => {
  assert.deepEqual(DEFAULT_BACKOFF_MS, [60_000, 300_000, 1_800_000, 7_200_000, 43_200_000]);
  assert.equal(DEFAULT_MAX_ATTEMPTS, 6);
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelay(n)), [...DEFAULT_BACKOFF_MS, null, null]);
  assert.deepEqual([1, 2, 3].map((n) => retryDelay(n, [10], 3)), [10, 10, null], 'a short schedule repeats its last delay');
});
