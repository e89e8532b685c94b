import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { createTestDb } from '../testing/db.ts';
import { messageTemplates, notificationAttempts, notifications } from '../db/schema.ts';
import { notify, NO_EMAIL_ADDRESS, type NotifyInput } from './outbox.ts';
import { createSmtpTransport, mailTransportFromEnv, type MailTransport } from './mailer.ts';
import { DEFAULT_BACKOFF_MS, deliverDue, NO_SMS_GATEWAY, SMTP_NOT_CONFIGURED, startNotificationWorker, type WorkerLog } from './worker.ts';
import { startSilentServer, startSmtpSink } from './smtp-sink.ts';

const t = await createTestDb();
const PUBLIC = 'https://dichvucong.example.vn';
const CODE = '000.00.10.H99-260302-0007';
const quiet: WorkerLog = { info() {}, warn() {}, error() {} };

beforeEach(async () => {
  await t.db.execute(sql`delete from notifications`);
  await t.db.execute(sql`delete from message_templates`);
});

function accepted(to: string, over: Partial<NotifyInput> = {}): NotifyInput {
  return {
    event: 'dossier.accepted',
    recipient: { email: to, name: 'Nguyễn Thị Hương', locale: 'vi' },
    channels: ['email'],
    dossierId: randomUUID(),
    data: { code: CODE, procedureName: 'Đăng ký khai sinh', agencyName: 'Sở Tư pháp', appointment: '2026-03-09T07:30:00+07:00', receivedAt: '2026-03-02T08:10:00+07:00' },
    ...over,
  };
}

const commit = (...inputs: NotifyInput[]) =>
  t.db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const i of inputs) ids.push(...(await notify(tx, i)).created.map((c) => c.id));
    return ids;
  });

async function waitFor(what: string, cond: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const row = async (id: string) => (await t.db.select().from(notifications).where(eq(notifications.id, id)))[0]!;
const attemptsOf = (id: string) => t.db.select().from(notificationAttempts).where(eq(notificationAttempts.notificationId, id)).orderBy(notificationAttempts.id);
const statusCount = async (status: string) => (await t.db.execute<{ n: number }>(sql`select count(*)::int n from notifications where status = ${status}`)).rows[0]!.n;

test('a notification written in a transaction that rolls back is never sent', async () => {
  const sink = await startSmtpSink();
  const mail = createSmtpTransport({ url: sink.url });
  const w = startNotificationWorker({ db: t.db, pool: t.pool, mail, publicUrl: PUBLIC, log: quiet, pollMs: 30 });
  try {
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await notify(tx, accepted('rolled-back@example.vn'));
        throw new Error('the action failed');
      }),
      /the action failed/,
    );
    // A committed notification after it: once that one is delivered, the worker has had every chance.
    await commit(accepted('committed@example.vn'));
    await waitFor('the committed message', () => sink.received.length >= 1);
    await new Promise((r) => setTimeout(r, 150));
    assert.deepEqual(sink.received.map((m) => m.envelope.to), [['committed@example.vn']]);
    const n = (await t.db.execute<{ n: number }>(sql`select count(*)::int n from notifications where recipient_address = 'rolled-back@example.vn'`)).rows[0]!.n;
    assert.equal(n, 0);
  } finally {
    await w.stop();
    mail.close?.();
    await sink.close();
  }
});

test('committed notifications are delivered exactly once even with three workers running at once', async () => {
  const sink = await startSmtpSink();
  const mail = createSmtpTransport({ url: sink.url });
  const opts = { db: t.db, pool: t.pool, mail, publicUrl: PUBLIC, log: quiet, pollMs: 10, batchSize: 4 };
  const workers = [startNotificationWorker(opts), startNotificationWorker(opts), startNotificationWorker(opts)];
  try {
    const ids = await commit(...Array.from({ length: 40 }, (_, i) => accepted(`applicant${i}@example.vn`)));
    await waitFor('40 sent', async () => (await statusCount('sent')) === 40);
    await new Promise((r) => setTimeout(r, 200));
    const to = sink.received.flatMap((m) => m.envelope.to).sort();
    assert.equal(to.length, 40, 'one message per notification');
    assert.equal(new Set(to).size, 40, 'no recipient got two');
    const attempts = await t.db.select().from(notificationAttempts);
    assert.equal(attempts.length, 40);
    assert.ok(attempts.every((a) => a.ok));
    for (const id of ids) assert.equal((await row(id)).attempts, 1);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    mail.close?.();
    await sink.close();
  }
});

test('the Vietnamese subject arrives intact (RFC 2047 encoded), with the UTF-8 text, the escaped HTML part and the link to the dossier', async () => {
  const sink = await startSmtpSink();
  const mail = createSmtpTransport({ url: sink.url });
  try {
    await commit(accepted('huong@example.vn', { recipient: { email: 'huong@example.vn', name: 'Nguyễn Thị <Hương>' } }));
    assert.equal(await deliverDue({ db: t.db, mail, publicUrl: PUBLIC, log: quiet }), 1);
    const m = sink.received[0]!;
    const subjectHeader = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(m.raw)![1]!;
    assert.match(subjectHeader, /^=\?UTF-8\?[QB]\?/i, 'non-ASCII subject is an RFC 2047 encoded-word');
    assert.ok(!/[^\x00-\x7f]/.test(subjectHeader), 'the header itself is 7-bit');
    assert.equal(m.parsed.subject, `Hồ sơ số ${CODE} đã được tiếp nhận`);
    assert.equal(m.parsed.from?.value[0]?.name, 'Cổng Dịch vụ công');
    assert.ok(m.parsed.text?.includes('Ngày hẹn trả kết quả: 09/03/2026 07:30.'), m.parsed.text);
    assert.ok(m.parsed.text?.includes(`${PUBLIC}/tra-cuu/${CODE}`));
    assert.ok(typeof m.parsed.html === 'string' && m.parsed.html.includes(`href="${PUBLIC}/tra-cuu/${CODE}"`));
    assert.ok((m.parsed.html as string).includes('Nguyễn Thị &lt;Hương&gt;'));
  } finally {
    mail.close?.();
    await sink.close();
  }
});

test('when the mail server refuses, each attempt is logged and retried after 1 min, 5 min, 30 min, 2 h, 12 h; after the 6th it is failed', async () => {
  const sink = await startSmtpSink({ onRcptTo: () => Object.assign(new Error('Hộp thư tạm thời không nhận thư'), { responseCode: 451 }) });
  const mail = createSmtpTransport({ url: sink.url });
  try {
    const [id] = await commit(accepted('busy@example.vn'));
    const o = { db: t.db, mail, publicUrl: PUBLIC, log: quiet };
    for (let attempt = 1; attempt <= 6; attempt++) {
      assert.equal(await deliverDue(o), 1, `attempt ${attempt} is due`);
      const r = await row(id!);
      const log = await attemptsOf(id!);
      assert.equal(r.attempts, attempt);
      assert.equal(log.length, attempt, 'every attempt is in the delivery log');
      assert.ok(log.every((a) => !a.ok) && log.at(-1)!.detail!.includes('451'), log.at(-1)!.detail!);
      assert.ok(r.lastError?.includes('451'));
      if (attempt < 6) {
        assert.equal(r.status, 'pending');
        // The attempt row and the reschedule share one transaction, hence one now().
        assert.equal(r.nextAttemptAt.getTime() - log.at(-1)!.at.getTime(), DEFAULT_BACKOFF_MS[attempt - 1]);
        assert.equal(await deliverDue(o), 0, 'not retried before its time');
        await t.db.update(notifications).set({ nextAttemptAt: sql`now()` }).where(eq(notifications.id, id!));
      } else {
        assert.equal(r.status, 'failed');
        await t.db.update(notifications).set({ nextAttemptAt: sql`now()` }).where(eq(notifications.id, id!));
        assert.equal(await deliverDue(o), 0, 'a failed row is never taken again');
      }
    }
    assert.equal(sink.received.length, 0);
  } finally {
    mail.close?.();
    await sink.close();
  }
});

test('a mailbox the server says does not exist (550) fails at once: retrying cannot cure it', async () => {
  const sink = await startSmtpSink({ onRcptTo: () => Object.assign(new Error('No such user'), { responseCode: 550 }) });
  const mail = createSmtpTransport({ url: sink.url });
  try {
    const [id] = await commit(accepted('nobody@example.vn'));
    await deliverDue({ db: t.db, mail, publicUrl: PUBLIC, log: quiet });
    const r = await row(id!);
    assert.equal(r.status, 'failed');
    assert.equal(r.attempts, 1);
    assert.match(r.lastError!, /550/);
  } finally {
    mail.close?.();
    await sink.close();
  }
});

test('without SMTP configured an e-mail fails at once with that reason, once, without retry churn', async () => {
  const [id] = await commit(accepted('huong@example.vn'));
  const o = { db: t.db, mail: null, publicUrl: PUBLIC, log: quiet };
  assert.equal(await deliverDue(o), 1);
  const r = await row(id!);
  assert.deepEqual([r.status, r.attempts, r.lastError], ['failed', 1, SMTP_NOT_CONFIGURED]);
  assert.equal((await attemptsOf(id!)).length, 1);
  assert.equal(await deliverDue(o), 0);
  assert.equal(mailTransportFromEnv({}), null, 'no SMTP_URL: no transport');
});

test('without an SMS gateway an SMS fails with "no SMS gateway configured": nothing pretends to send it', async () => {
  const [id] = await commit(accepted('x@example.vn', { channels: ['sms'], recipient: { phone: '0912 345 678' } }));
  await deliverDue({ db: t.db, mail: null, publicUrl: PUBLIC, log: quiet });
  const r = await row(id!);
  assert.deepEqual([r.status, r.lastError, r.recipientAddress, r.sentAt], ['failed', NO_SMS_GATEWAY, '0912345678', null]);
});

test('an SMS gateway, when one is given, receives the SMS text', async () => {
  const sent: { to: string; text: string }[] = [];
  await commit(accepted('x@example.vn', { channels: ['sms'], recipient: { phone: '0912345678' } }));
  await deliverDue({ db: t.db, mail: null, sms: { send: async (m) => (sent.push(m), { messageId: 'sms-1' }) }, publicUrl: PUBLIC, log: quiet });
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.to, '0912345678');
  assert.ok(sent[0]!.text.startsWith(`Hồ sơ số ${CODE} đã được tiếp nhận. Ngày hẹn trả kết quả: 09/03/2026 07:30.`), sent[0]!.text);
});

test('one row per chosen channel: in-app is born sent and never claimed; an e-mail with no address is failed at once; in-app with no account is skipped', async () => {
  const userId = randomUUID();
  const r = await t.db.transaction((tx) => notify(tx, accepted('', { channels: ['in-app', 'email', 'email'], recipient: { userId, email: null } })));
  assert.deepEqual(r.created.map((c) => [c.channel, c.status]).sort(), [['email', 'failed'], ['in-app', 'sent']]);
  const email = await row(r.created.find((c) => c.channel === 'email')!.id);
  assert.equal(email.lastError, NO_EMAIL_ADDRESS);
  assert.equal(await deliverDue({ db: t.db, mail: null, publicUrl: PUBLIC, log: quiet }), 0);
  const anon = await t.db.transaction((tx) => notify(tx, accepted('a@example.vn', { channels: ['in-app'], recipient: { email: 'a@example.vn' } })));
  assert.deepEqual(anon, { created: [], skipped: [{ channel: 'in-app', reason: 'in-app needs a userId' }] });
});

test("an administrator's template wins over the built-in text", async () => {
  const sink = await startSmtpSink();
  const mail = createSmtpTransport({ url: sink.url });
  try {
    await t.db.insert(messageTemplates).values({ key: 'dossier.accepted', channel: 'email', locale: 'vi', subject: 'UBND tỉnh: hồ sơ {{code}} đã được tiếp nhận', body: 'Hẹn trả: {{appointment}}' });
    await commit(accepted('huong@example.vn'));
    await deliverDue({ db: t.db, mail, publicUrl: PUBLIC, log: quiet });
    assert.equal(sink.received[0]!.parsed.subject, `UBND tỉnh: hồ sơ ${CODE} đã được tiếp nhận`);
    assert.ok(sink.received[0]!.parsed.text!.startsWith('Hẹn trả: 09/03/2026 07:30'));
  } finally {
    mail.close?.();
    await sink.close();
  }
});

test('a committed notification wakes a listening worker at once, long before its next poll (LISTEN/NOTIFY)', async () => {
  const sink = await startSmtpSink();
  const mail = createSmtpTransport({ url: sink.url });
  const w = startNotificationWorker({ db: t.db, pool: t.pool, mail, publicUrl: PUBLIC, log: quiet, pollMs: 600_000 });
  try {
    await new Promise((r) => setTimeout(r, 200)); // the first (empty) pass, then LISTEN
    const t0 = Date.now();
    await commit(accepted('huong@example.vn'));
    await waitFor('delivery', () => sink.received.length === 1, 5000);
    assert.ok(Date.now() - t0 < 5000);
  } finally {
    await w.stop();
    mail.close?.();
    await sink.close();
  }
});

test('stop() lets the batch in flight finish, then returns; nothing is sent after it', async () => {
  const sink = await startSmtpSink({ delayMs: 300 });
  const mail = createSmtpTransport({ url: sink.url });
  const w = startNotificationWorker({ db: t.db, pool: t.pool, mail, publicUrl: PUBLIC, log: quiet, pollMs: 20 });
  try {
    const inFlight = sink.dataStarted();
    const [id] = await commit(accepted('first@example.vn'));
    await inFlight;
    await w.stop();
    assert.equal((await row(id!)).status, 'sent', 'the batch in flight was finished and recorded');
    const [later] = await commit(accepted('later@example.vn'));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await row(later!)).status, 'pending');
    assert.equal(sink.received.length, 1);
    await w.stop(); // stopping twice is harmless
  } finally {
    mail.close?.();
    await sink.close();
  }
});

test('a mail server that never answers cannot hold up the actions that notify: they commit at once, and the send times out into a retry', async () => {
  const silent = await startSilentServer();
  const mail: MailTransport = createSmtpTransport({ url: `smtp://127.0.0.1:${silent.port}`, timeoutMs: 5_000 });
  const w = startNotificationWorker({ db: t.db, pool: t.pool, mail, publicUrl: PUBLIC, log: quiet, pollMs: 20, sendTimeoutMs: 600 });
  try {
    const [stuck] = await commit(accepted('stuck@example.vn'));
    await new Promise((r) => setTimeout(r, 100)); // the worker is now waiting on the silent server
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) await commit(accepted(`next${i}@example.vn`));
    assert.ok(performance.now() - t0 < 1000, 'five notifying transactions commit while the mail server hangs');
    await waitFor('the timeout', async () => (await row(stuck!)).lastError !== null, 5000);
    const r = await row(stuck!);
    assert.equal(r.status, 'pending');
    assert.match(r.lastError!, /timed out/);
    assert.ok(r.nextAttemptAt.getTime() > Date.now() + 50_000, 'rescheduled a minute ahead');
  } finally {
    await w.stop();
    mail.close?.();
    await silent.close();
  }
});

test('SMTP_URL credentials and MAIL_FROM are taken from the environment', async () => {
  const sink = await startSmtpSink({ auth: { user: 'motcua', pass: 'mật khẩu' } });
  const mail = mailTransportFromEnv({ SMTP_URL: `smtp://motcua:${encodeURIComponent('mật khẩu')}@127.0.0.1:${sink.port}`, MAIL_FROM: '"UBND tỉnh Đắk Lắk" <motcua@daklak.gov.vn>' })!;
  try {
    await commit(accepted('huong@example.vn'));
    await deliverDue({ db: t.db, mail, publicUrl: PUBLIC, log: quiet });
    const m = sink.received[0]!;
    assert.equal(m.user, 'motcua');
    assert.equal(m.envelope.from, 'motcua@daklak.gov.vn');
    assert.equal(m.parsed.from?.value[0]?.name, 'UBND tỉnh Đắk Lắk');
  } finally {
    mail.close?.();
    await sink.close();
  }
});
