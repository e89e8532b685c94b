import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createTestDb } from '../../testing/db.ts';
import { createFixture } from '../../testing/fixture.ts';
import { problem } from '../../testing/http.ts';
import { citizenProfiles, notifications } from '../../db/schema.ts';
import { deliverDue } from '../../notifications/worker.ts';
import { createHttpSmsGateway, smsGatewayFromEnv, SmsConfigError } from '../../notifications/sms-http.ts';
import { startSmsStandin } from '../../notifications/sms-standin.ts';

/** Phone verification exists only where an SMS gateway is configured (SMS_URL). */
const tdb = await createTestDb();
await createFixture(tdb.db);
const standin = await startSmsStandin({ token: 'secret-token' });
after(() => standin.close());
const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', SMS_URL: standin.url });
const app = await buildApp({ config, db: tdb.db, pool: tdb.pool, logger: false });
await app.ready();
after(() => app.close());
const sms = createHttpSmsGateway({ url: standin.url, token: 'secret-token' });
const quiet = { info() {}, warn() {}, error() {} };
const deliver = () => deliverDue({ db: tdb.db, mail: null, sms, publicUrl: 'https://dichvucong.example.vn', log: quiet });

async function registerAndSignIn(idNumber: string, phone: string) {
  const email = `${idNumber}@example.vn`;
  const r = await app.inject({ method: 'POST', url: '/api/v1/accounts/register', payload: { accountType: 'individual', fullName: 'Hoàng Văn Nam', idNumber, dateOfBirth: '1985-02-03', phone, email, password: 'Sông Hồng 2026' } });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().phoneVerificationSent, true);
  const l = await app.inject({ method: 'POST', url: '/api/v1/auth/citizen-login', payload: { username: email, password: 'Sông Hồng 2026' } });
  const headers = { cookie: l.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': l.json().csrfToken as string };
  return { id: r.json().id as string, post: (url: string, payload: object = {}) => app.inject({ method: 'POST', url, payload, headers }), get: (url: string) => app.inject({ method: 'GET', url, headers }) };
}

test('with SMS_URL set, registration texts a code to the phone through the gateway contract, and the code verifies the phone', async () => {
  const c = await registerAndSignIn('079200001111', '0903 111 222');
  await deliver();
  const msg = standin.received.find((m) => m.to === '0903111222');
  assert.ok(msg, 'the stand-in received the SMS');
  assert.equal(msg.authorization, 'Bearer secret-token');
  const code = /(?<!\d)(\d{6})(?!\d)/.exec(msg.text)![1]!;
  assert.equal((await c.get('/api/v1/me/profile')).json().phoneVerified, false);
  const bad = problem(await c.post('/api/v1/me/phone/verify', { code: '12a456' }), 400);
  assert.equal(bad.errors![0]!.field, 'code');
  assert.equal((await c.post('/api/v1/me/phone/verify', { code })).statusCode, 204);
  const me = (await c.get('/api/v1/me/profile')).json();
  assert.deepEqual([me.phoneVerified, me.smsAvailable], [true, true]);
  const [p] = await tdb.db.select().from(citizenProfiles).where(eq(citizenProfiles.userId, c.id));
  assert.ok(p!.phoneVerifiedAt);
});

test('a resend inside the cooldown texts nothing; an officer cannot use phone verification', async () => {
  const c = await registerAndSignIn('079200002222', '0903222333');
  const r = await c.post('/api/v1/me/phone/verify/resend');
  assert.equal(r.statusCode, 202);
  assert.equal(r.json().sent, false);
  const officer = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'reception.a', password: 'Fixture-pass-2026' } });
  const headers = { cookie: officer.cookies.map((x) => `${x.name}=${x.value}`).join('; '), 'x-csrf-token': officer.json().csrfToken as string };
  problem(await app.inject({ method: 'POST', url: '/api/v1/me/phone/verify', payload: { code: '123456' }, headers }), 403);
});

test('a gateway refusal (4xx) is permanent and recorded; a 5xx is retried', async () => {
  await registerAndSignIn('079200003333', '0903333444');
  standin.failWith = 400;
  await deliver();
  standin.failWith = null;
  const rows = await tdb.db.select().from(notifications).where(eq(notifications.recipientAddress, '0903333444'));
  assert.equal(rows[0]!.status, 'failed');
  assert.match(rows[0]!.lastError ?? '', /answered 400/);
});

test('SMS_URL must be an http(s) URL; without it there is no gateway', () => {
  assert.throws(() => createHttpSmsGateway({ url: 'ftp://x' }), SmsConfigError);
  assert.equal(smsGatewayFromEnv({}), null);
  assert.throws(() => loadConfig({ SMS_URL: 'not a url' }));
});
