import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { setupApi, problem } from '../../testing/http.ts';
import { accountCodes, citizenProfiles, notifications, users } from '../../db/schema.ts';
import { startSmtpSink } from '../../notifications/smtp-sink.ts';
import { notify } from '../../notifications/outbox.ts';
import { MAX_FAILED_LOGINS } from '../auth/routes.ts';
import { A, A_COMMUNE, P } from '../../testing/fixture.ts';
import { lastCode, mailTo, publishBirthProcedure, submission } from './testing.ts';

const t = await setupApi();
const sink = await startSmtpSink();
after(() => sink.close());
await publishBirthProcedure(t);

const PASSWORD = 'Sông Hồng 2026';
/** The public account endpoints are rate-limited per address (20 a minute); each test call comes from its own. */
let ip = 0;
const nextIp = () => `10.0.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;
const anon = { post: (url: string, body: unknown) => t.app.inject({ method: 'POST', url, payload: body as object, remoteAddress: nextIp() }) };
const login = (body: unknown, from?: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/citizen-login', payload: body as object, remoteAddress: from ?? nextIp() });
let seq = 0;
/** A fresh, valid individual registration (unique ID number and e-mail). */
function individual(over: Record<string, unknown> = {}) {
  seq++;
  return {
    accountType: 'individual',
    fullName: 'Lê Thị Mai',
    idNumber: `0661900${String(10000 + seq).slice(-5)}`,
    dateOfBirth: '1992-04-30',
    phone: '0912 345 678',
    email: `mai.${seq}@example.vn`,
    password: PASSWORD,
    ...over,
  };
}
const count = async (table: typeof users | typeof notifications) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

async function registered(over: Record<string, unknown> = {}) {
  const body = individual(over);
  const r = await anon.post('/api/v1/accounts/register', body);
  assert.equal(r.statusCode, 201, r.body);
  return { ...body, id: r.json().id as string };
}
async function verified(over: Record<string, unknown> = {}) {
  const a = await registered(over);
  const code = await lastCode(t, sink, a.email);
  assert.equal((await anon.post('/api/v1/accounts/verify-email', { email: a.email, code })).statusCode, 204);
  return a;
}

async function signedIn(username: string, password = PASSWORD) {
  const r = await login({ username, password });
  assert.equal(r.statusCode, 200, r.body);
  const cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = r.json().csrfToken as string;
  const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return {
    cookie,
    csrf,
    req: (o: { method: string; url: string; payload?: Buffer | object; headers?: Record<string, string> }) => t.app.inject({ ...o, method: o.method as 'POST', headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } }),
    get: (url: string) => req('GET', url),
    post: (url: string, body?: unknown) => req('POST', url, body ?? {}),
    put: (url: string, body: unknown) => req('PUT', url, body),
    patch: (url: string, body: unknown) => req('PATCH', url, body),
  };
}

test('an individual registers and gets a 6-digit code by e-mail (SMTP); the code confirms the address [001 Art. 6.3]', async () => {
  const a = await registered();
  const [u] = await t.db.select().from(users).where(eq(users.id, a.id));
  assert.deepEqual([u!.kind, u!.username, u!.email, u!.phone], ['citizen', a.idNumber, a.email, '0912345678']);
  assert.notEqual(u!.passwordHash, PASSWORD);
  const mails = await mailTo(t, sink, a.email);
  assert.equal(mails.length, 1);
  const code = /(?<!\d)(\d{6})(?!\d)/.exec(mails[0]!.text)![1]!;
  assert.ok(mails[0]!.text.includes(`/xac-minh?email=${encodeURIComponent(a.email)}&code=${code}`), 'the mail carries a one-click link too');
  assert.equal((await anon.post('/api/v1/accounts/verify-email', { email: a.email.toUpperCase(), code })).statusCode, 204);
  const [p] = await t.db.select().from(citizenProfiles).where(eq(citizenProfiles.userId, a.id));
  assert.ok(p!.emailVerifiedAt);
  // Single use: the same code again is refused.
  assert.equal(problem(await anon.post('/api/v1/accounts/verify-email', { email: a.email, code }), 400).errors?.[0]?.field, 'code');
});

test('an organisation registers with its tax code (10 or 10-3 digits) and signs in with it', async () => {
  const body = { accountType: 'organisation', fullName: 'Phạm Văn Đức', taxCode: '6000123456-001', organisationName: 'Công ty TNHH Cà phê Buôn Ma Thuột', email: 'ketoan@caphe.example.vn', password: PASSWORD };
  const r = await anon.post('/api/v1/accounts/register', body);
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().username, '6000123456-001');
  const c = await signedIn('6000123456-001');
  const me = (await c.get('/api/v1/me/profile')).json();
  assert.deepEqual([me.accountType, me.organisationName, me.fullName, me.emailVerified], ['organisation', body.organisationName, 'Phạm Văn Đức', false]);
});

test('a registration with bad data names every failing field and writes nothing', async () => {
  const before = [await count(users), await count(notifications)];
  const p = problem(await anon.post('/api/v1/accounts/register', individual({ idNumber: '06619000123', dateOfBirth: '2099-01-01', password: 'short', phone: undefined })), 400);
  assert.deepEqual([...new Set(p.errors!.map((e) => e.field))].sort(), ['dateOfBirth', 'idNumber', 'password', 'phone']);
  const q = problem(await anon.post('/api/v1/accounts/register', { accountType: 'organisation', fullName: 'X Y', taxCode: '600012345', email: 'a@b.vn', password: PASSWORD }), 400);
  assert.deepEqual(q.errors!.map((e) => e.field).sort(), ['organisationName', 'taxCode']);
  const s = problem(await anon.post('/api/v1/accounts/register', { ...individual(), email: 'not-an-address', extra: 1 }), 400);
  assert.deepEqual(s.errors!.map((e) => e.field).sort(), ['email', 'extra']);
  assert.deepEqual([await count(users), await count(notifications)], before);
});

test('an ID number or e-mail already registered is refused with 409 naming the field', async () => {
  const a = await registered();
  const before = await count(users);
  const p = problem(await anon.post('/api/v1/accounts/register', individual({ idNumber: a.idNumber, email: a.email.toUpperCase() })), 409);
  assert.deepEqual(p.errors!.map((e) => e.field).sort(), ['email', 'idNumber']);
  assert.equal(await count(users), before);
});

test(`a verification code dies after 5 wrong tries, and an unknown address is answered like a wrong code`, async () => {
  const a = await registered();
  const code = await lastCode(t, sink, a.email);
  const wrong = code === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i++) problem(await anon.post('/api/v1/accounts/verify-email', { email: a.email, code: wrong }), 400);
  const p = problem(await anon.post('/api/v1/accounts/verify-email', { email: a.email, code }), 400);
  assert.match(p.errors![0]!.message, /quá số lần/);
  const unknown = problem(await anon.post('/api/v1/accounts/verify-email', { email: 'nobody@example.vn', code }), 400);
  assert.equal(unknown.errors![0]!.field, 'code');
  problem(await anon.post('/api/v1/accounts/verify-email', { email: a.email, code: '12345' }), 400);
});

test('an expired code is refused; a resend inside the cooldown sends nothing, after it a new code that works', async () => {
  const a = await registered();
  const first = await lastCode(t, sink, a.email);
  const sent = (await mailTo(t, sink, a.email)).length;
  assert.equal((await anon.post('/api/v1/accounts/verify-email/resend', { email: a.email })).statusCode, 202);
  assert.equal((await mailTo(t, sink, a.email)).length, sent, 'inside the 60 s cooldown nothing is sent');
  // The code was issued more than 15 minutes ago (moved back in time).
  await t.db.update(accountCodes).set({ createdAt: sql`now() - interval '20 minutes'`, expiresAt: sql`now() - interval '5 minutes'` }).where(eq(accountCodes.userId, a.id));
  assert.match(problem(await anon.post('/api/v1/accounts/verify-email', { email: a.email, code: first }), 400).errors![0]!.message, /hết hạn/);
  assert.equal((await anon.post('/api/v1/accounts/verify-email/resend', { email: a.email })).statusCode, 202);
  const second = await lastCode(t, sink, a.email);
  assert.equal((await mailTo(t, sink, a.email)).length, sent + 1);
  assert.equal((await anon.post('/api/v1/accounts/verify-email', { email: a.email, code: second })).statusCode, 204);
  // An unknown address gets the same answer and no mail.
  assert.equal((await anon.post('/api/v1/accounts/verify-email/resend', { email: 'nobody@example.vn' })).statusCode, 202);
  assert.equal((await mailTo(t, sink, 'nobody@example.vn')).length, 0);
});

test('an account whose e-mail is not confirmed cannot submit a dossier; once confirmed it can', async () => {
  const a = await registered();
  const c = await signedIn(a.email);
  const before = (await t.db.select({ n: sql<number>`count(*)::int` }).from(sql`dossiers`))[0]!.n;
  const refused = problem(await c.post('/api/v1/dossiers', await submission(c as never)), 403);
  assert.match(refused.type, /account-not-verified/);
  assert.equal((await t.db.select({ n: sql<number>`count(*)::int` }).from(sql`dossiers`))[0]!.n, before);
  const code = await lastCode(t, sink, a.email);
  assert.equal((await anon.post('/api/v1/accounts/verify-email', { email: a.email, code })).statusCode, 204);
  const r = await c.post('/api/v1/dossiers', await submission(c as never));
  assert.equal(r.statusCode, 201, r.body);
});

test('a citizen signs in with the e-mail address or the ID number and signs out with the shared session machinery', async () => {
  const a = await verified();
  const byEmail = await login({ username: a.email.toUpperCase(), password: PASSWORD });
  assert.equal(byEmail.statusCode, 200);
  assert.ok(byEmail.cookies.find((c) => c.name === 'motcua_sid')?.httpOnly);
  const c = await signedIn(a.idNumber);
  assert.equal((await c.get('/api/v1/auth/me')).json().kind, 'citizen');
  assert.equal((await c.post('/api/v1/auth/logout')).statusCode, 204);
  problem(await c.get('/api/v1/me/profile'), 401);
  // An officer is not a citizen account: the citizen sign-in does not know it.
  problem(await login({ username: 'reception.a', password: 'Fixture-pass-2026' }), 401);
  const p = problem(await login({ username: '' }), 400);
  assert.deepEqual(p.errors!.map((e) => e.field).sort(), ['password', 'username']);
});

test(`after ${MAX_FAILED_LOGINS} wrong passwords a citizen account is locked for 15 minutes, like an officer's`, async () => {
  const a = await verified();
  for (let i = 0; i < MAX_FAILED_LOGINS; i++) problem(await login({ username: a.email, password: `wrong-${i}-pass` }), 401);
  const locked = problem(await login({ username: a.email, password: PASSWORD }), 423) as { lockedUntil?: string };
  assert.match(locked.lockedUntil ?? '', /\+07:00$/);
});

test('a password reset code is sent by e-mail, works once, ends the lock-out and other sessions; unknown accounts get the same answer', async () => {
  const a = await verified();
  const other = await signedIn(a.email);
  for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login({ username: a.email, password: `wrong-${i}-pass` });
  const unknown = await anon.post('/api/v1/accounts/password-reset', { username: 'nobody@example.vn' });
  const known = await anon.post('/api/v1/accounts/password-reset', { username: a.idNumber });
  assert.deepEqual([unknown.statusCode, unknown.body], [known.statusCode, known.body], 'the answer does not say whether the account exists');
  const code = await lastCode(t, sink, a.email);
  assert.match((await mailTo(t, sink, a.email)).at(-1)!.text, /quen-mat-khau\?u=/);
  const weak = problem(await anon.post('/api/v1/accounts/password-reset/confirm', { username: a.email, code, newPassword: 'short' }), 400);
  assert.equal(weak.errors![0]!.field, 'newPassword');
  const NEW = 'Hồ Lắk mới 2027';
  assert.equal((await anon.post('/api/v1/accounts/password-reset/confirm', { username: a.email, code, newPassword: NEW })).statusCode, 204);
  problem(await anon.post('/api/v1/accounts/password-reset/confirm', { username: a.email, code, newPassword: 'Lần thứ hai 2028' }), 400);
  problem(await login({ username: a.email, password: PASSWORD }), 401);
  await signedIn(a.email, NEW);
  problem(await other.get('/api/v1/me/profile'), 401);
  const wrongCode = problem(await anon.post('/api/v1/accounts/password-reset/confirm', { username: 'nobody@example.vn', code: '123456', newPassword: NEW }), 400);
  assert.equal(wrongCode.errors![0]!.field, 'code');
});

test('the owner reads and edits the profile with the address by province and commune; bad input is named and changes nothing', async () => {
  const a = await verified();
  const c = await signedIn(a.email);
  const me = (await c.get('/api/v1/me/profile')).json();
  assert.deepEqual([me.idNumber, me.phone, me.emailVerified, me.smsAvailable], [a.idNumber, '0912345678', true, false], 'the owner sees their own data whole');
  const bad = problem(await c.patch('/api/v1/me/profile', { provinceCode: P, communeCode: 'nope', fullName: 'X' }), 400);
  assert.deepEqual(bad.errors!.map((e) => e.field).sort(), ['fullName']);
  const bad2 = problem(await c.patch('/api/v1/me/profile', { provinceCode: 'zzz', communeCode: 'nope' }), 400);
  assert.deepEqual(bad2.errors!.map((e) => e.field).sort(), ['communeCode', 'provinceCode']);
  const bad3 = problem(await c.patch('/api/v1/me/profile', { provinceCode: A_COMMUNE, communeCode: A }), 400);
  assert.deepEqual(bad3.errors!.map((e) => e.field), ['communeCode']);
  assert.equal((await c.get('/api/v1/me/profile')).json().provinceCode, null, 'nothing written');
  const r = await c.patch('/api/v1/me/profile', { fullName: 'Lê Thị Mai Anh', provinceCode: P, communeCode: A_COMMUNE, address: '12 Lê Duẩn', phone: '0987654321' });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual([r.json().fullName, r.json().communeCode, r.json().address, r.json().phone], ['Lê Thị Mai Anh', A_COMMUNE, '12 Lê Duẩn', '0987654321']);
  // The password change is the shared endpoint.
  assert.equal((await c.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'Đổi mật khẩu 2026' })).statusCode, 204);
});

test('profiles and preferences are for citizen accounts: anonymous 401, an officer 403', async () => {
  problem(await t.anon.get('/api/v1/me/profile'), 401);
  problem(await t.anon.get('/api/v1/me/notification-preferences'), 401);
  const officer = await t.as('reception.a');
  problem(await officer.get('/api/v1/me/profile'), 403);
  problem(await officer.patch('/api/v1/me/profile', { fullName: 'Ai đó' }), 403);
  problem(await officer.get('/api/v1/me/notification-preferences'), 403);
});

test('a citizen turns off e-mail for one dossier event: that e-mail is not queued, the in-portal message still is', async () => {
  const a = await verified();
  const c = await signedIn(a.email);
  const prefs = (await c.get('/api/v1/me/notification-preferences')).json();
  assert.deepEqual(prefs['dossier.accepted'], { email: true, sms: true });
  const bad = problem(await c.put('/api/v1/me/notification-preferences', { ...prefs, 'dossier.accepted': { email: 'no' } }), 400);
  assert.ok(bad.errors!.some((e) => e.field.startsWith('dossier.accepted')));
  const r = await c.put('/api/v1/me/notification-preferences', { ...prefs, 'dossier.accepted': { email: false, sms: true } });
  assert.equal(r.statusCode, 200, r.body);
  const out = await t.db.transaction((tx) =>
    notify(tx, { event: 'dossier.accepted', recipient: { userId: a.id, email: a.email }, channels: ['in-app', 'email'], data: { code: 'X', procedureName: 'Y', agencyName: 'Z', appointment: '2026-03-09T07:30:00+07:00' } }),
  );
  assert.deepEqual(out.created.map((x) => x.channel), ['in-app']);
  assert.deepEqual(out.skipped, [{ channel: 'email', reason: 'turned off by the recipient' }]);
  const still = await t.db.transaction((tx) => notify(tx, { event: 'dossier.received', recipient: { userId: a.id, email: a.email }, channels: ['email'], data: { code: 'X', procedureName: 'Y', agencyName: 'Z' } }));
  assert.deepEqual(still.created.map((x) => x.channel), ['email']);
});

test('the choice holds for the lifecycle too: when the desk accepts the dossier, no acceptance e-mail is queued, the receipt e-mail and the in-portal message are', async () => {
  const a = await verified();
  const c = await signedIn(a.email);
  const prefs = (await c.get('/api/v1/me/notification-preferences')).json();
  assert.equal((await c.put('/api/v1/me/notification-preferences', { ...prefs, 'dossier.accepted': { email: false, sms: true } })).statusCode, 200);
  const d = await c.post('/api/v1/dossiers', await submission(c as never, { notifyChannels: ['in-app', 'email'] }));
  assert.equal(d.statusCode, 201, d.body);
  const desk = await t.as('reception.a');
  assert.equal((await desk.post(`/api/v1/dossiers/${d.json().id}/actions`, { type: 'accept' })).statusCode, 200);
  const rows = await t.db.select().from(notifications).where(eq(notifications.dossierId, d.json().id));
  const channels = (template: string) => rows.filter((n) => n.template === template).map((n) => n.channel).sort();
  assert.deepEqual(channels('dossier.accepted'), ['in-app']);
  assert.deepEqual(channels('dossier.received'), ['email', 'in-app']);
});

test('the delivery log an officer reads shows the verification mail with the address masked', async () => {
  const a = await registered();
  const log = (await (await t.as('system_admin.p')).get('/api/v1/admin/notifications?event=account.verify-email')).json();
  const mine = log.items.filter((i: { recipientUserId: string }) => i.recipientUserId === a.id);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].recipient, `m***@example.vn`);
  assert.ok(!JSON.stringify(log).includes(a.email));
});

test('the inbox lists unread messages first, then read ones, with the unread count for the badge', async () => {
  const a = await verified();
  const c = await signedIn(a.email);
  const data = { code: 'X', procedureName: 'Y', agencyName: 'Z' };
  const first = await t.db.transaction((tx) => notify(tx, { event: 'dossier.received', recipient: { userId: a.id }, channels: ['in-app'], data }));
  await t.db.transaction((tx) => notify(tx, { event: 'dossier.refused', recipient: { userId: a.id }, channels: ['in-app'], data: { ...data, reason: 'Thiếu giấy tờ' } }));
  const second = (await c.get('/api/v1/me/notifications')).json();
  const newest = second.items[0].id;
  assert.equal((await c.post(`/api/v1/me/notifications/${newest}/read`)).statusCode, 200);
  const inbox = (await c.get('/api/v1/me/notifications')).json();
  assert.equal(inbox.unread, 1);
  assert.deepEqual(inbox.items.map((i: { id: string }) => i.id), [first.created[0]!.id, newest], 'the unread (older) message comes first');
  const other = await signedIn((await verified()).email);
  problem(await other.post(`/api/v1/me/notifications/${first.created[0]!.id}/read`), 404);
});

test('citizen sign-in is rate-limited per address like the officer sign-in', async () => {
  const codes: number[] = [];
  for (let i = 0; i < 21; i++) codes.push((await login({ username: 'nobody@example.vn', password: 'x' }, '192.0.2.7')).statusCode);
  assert.deepEqual([codes[0], codes[19], codes[20]], [401, 401, 429]);
  assert.equal((await login({ username: 'nobody@example.vn', password: 'x' }, '192.0.2.8')).statusCode, 401, 'another address is not held up');
});
