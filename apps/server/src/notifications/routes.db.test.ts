import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createTestDb } from '../testing/db.ts';
import { A, B, birthContent, createFixture, PASSWORD } from '../testing/fixture.ts';
import { problem } from '../testing/http.ts';
import { auditLog, messageTemplates, notifications, users } from '../db/schema.ts';
import { notify, type NotifyInput } from './outbox.ts';
import { deliverDue } from './worker.ts';

// The real application on its own database, as setupApi() builds it.
const tdb = await createTestDb();
await createFixture(tdb.db);
const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', PUBLIC_URL: 'https://dichvucong.example.vn' });
const app = await buildApp({ config, db: tdb.db, pool: tdb.pool, logger: false });
await app.ready();
after(() => app.close());

type Res = Promise<LightMyRequestResponse>;
type Client = { get(url: string): Res; post(url: string, body?: unknown): Res; put(url: string, body: unknown): Res; del(url: string): Res };
function client(cookie = '', csrf = ''): Client {
  const req = (o: InjectOptions) => app.inject({ ...o, headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) } });
  return {
    get: (url) => req({ method: 'GET', url }),
    post: (url, body) => req({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
    put: (url, body) => req({ method: 'PUT', url, payload: body as object }),
    del: (url) => req({ method: 'DELETE', url }),
  };
}
// One session per account for the whole file: signing in is rate-limited.
const sessions = new Map<string, Client>();
async function as(username: string): Promise<Client> {
  const known = sessions.get(username);
  if (known) return known;
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
  const c = client(r.cookies.map((x) => `${x.name}=${x.value}`).join('; '), r.json().csrfToken);
  sessions.set(username, c);
  return c;
}
const anon = client();
const userId = async (username: string) => (await tdb.db.select().from(users).where(eq(users.username, username)))[0]!.id;
const quiet = { info() {}, warn() {}, error() {} };

const CODE = '000.00.10.H99-260302-0007';
const data = { code: CODE, procedureName: 'Đăng ký khai sinh', agencyName: 'Sở Tư pháp', appointment: '2026-03-09T07:30:00+07:00' };
const send = (input: NotifyInput) => tdb.db.transaction((tx) => notify(tx, input));

/**
 * A dossier of `agency`, for the delivery log's agency scope: made through the public API (a form-only
 * procedure, submitted online by a citizen), so this test does not depend on the dossier table's columns.
 */
let procedureReady = false;
async function dossierOf(agency: string): Promise<string> {
  if (!procedureReady) {
    const admin = await as('system_admin.p');
    const content = birthContent({ agencyCodes: [A, B] });
    content.cases[0]!.components = content.cases[0]!.components.filter((c) => c.form);
    const created = await admin.post('/api/v1/admin/procedures', { code: 'TEST-NOTIFY', content });
    assert.equal(created.statusCode, 201, created.body);
    const published = await admin.post('/api/v1/admin/procedures/TEST-NOTIFY/versions/1/publish', { effectiveFrom: '2025-01-01' });
    assert.equal(published.statusCode, 200, published.body);
    procedureReady = true;
  }
  const r = await (await as('citizen.1')).post('/api/v1/dossiers', {
    procedureCode: 'TEST-NOTIFY',
    caseCode: 'TH1',
    agencyCode: agency,
    applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234' },
    forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234' } },
    files: [],
    resultChannel: 'online',
    notifyChannels: [],
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().id as string;
}

test('every notification route refuses an anonymous caller (401)', async () => {
  const id = randomUUID();
  for (const r of [
    await anon.get('/api/v1/me/notifications'),
    await anon.post(`/api/v1/me/notifications/${id}/read`),
    await anon.post('/api/v1/me/notifications/read-all'),
    await anon.get('/api/v1/admin/notifications'),
    await anon.get('/api/v1/admin/message-templates'),
    await anon.put('/api/v1/admin/message-templates/dossier.accepted/email/vi', { subject: 'x', body: 'y' }),
    await anon.del('/api/v1/admin/message-templates/dossier.accepted/email/vi'),
  ])
    problem(r, 401);
});

test("the inbox lists only the caller's in-app messages, newest first, in their language, with the unread count [004 Art. 12.2.b]", async () => {
  const me = await userId('citizen.1');
  const other = await userId('citizen.2');
  await send({ event: 'dossier.received', recipient: { userId: me, locale: 'en' }, channels: ['in-app'], data: { ...data, code: null } });
  await send({ event: 'dossier.accepted', recipient: { userId: me, email: 'citizen.1@example.vn' }, channels: ['in-app', 'email'], data });
  await send({ event: 'dossier.accepted', recipient: { userId: other }, channels: ['in-app'], data });
  const citizen = await as('citizen.1');
  const r = await citizen.get('/api/v1/me/notifications');
  assert.equal(r.statusCode, 200, r.body);
  const inbox = r.json();
  assert.equal(inbox.total, 2, 'the e-mail copy and the other citizen’s message are not in this inbox');
  assert.equal(inbox.unread, 2);
  assert.deepEqual(
    inbox.items.map((i: { event: string; title: string }) => [i.event, i.title]),
    [
      ['dossier.accepted', `Hồ sơ số ${CODE} đã được tiếp nhận`],
      ['dossier.received', 'Your application has been received'],
    ],
  );
  assert.equal(inbox.items[0].body, 'Hồ sơ “Đăng ký khai sinh” đã được Sở Tư pháp tiếp nhận.\nNgày hẹn trả kết quả: 09/03/2026 07:30.');
  assert.equal(inbox.items[0].link, `https://dichvucong.example.vn/tra-cuu/${CODE}`);
  const page2 = (await citizen.get('/api/v1/me/notifications?page=2&pageSize=1')).json();
  assert.deepEqual([page2.items.length, page2.items[0].event, page2.total], [1, 'dossier.received', 2]);
  problem(await citizen.get('/api/v1/me/notifications?pageSize=1000'), 400);
});

test("reading: one's own message is marked read once; another user's, an e-mail row or an unknown id is 404", async () => {
  const me = await userId('citizen.2');
  const { created } = await send({ event: 'dossier.accepted', recipient: { userId: me, email: 'citizen.2@example.vn' }, channels: ['in-app', 'email'], data });
  const inApp = created.find((c) => c.channel === 'in-app')!.id;
  const email = created.find((c) => c.channel === 'email')!.id;
  const citizen = await as('citizen.2');
  problem(await (await as('citizen.1')).post(`/api/v1/me/notifications/${inApp}/read`), 404);
  problem(await (await as('system_admin.p')).post(`/api/v1/me/notifications/${inApp}/read`), 404);
  problem(await citizen.post(`/api/v1/me/notifications/${email}/read`), 404);
  problem(await citizen.post(`/api/v1/me/notifications/${randomUUID()}/read`), 404);
  problem(await citizen.post('/api/v1/me/notifications/not-a-uuid/read'), 400);
  const first = await citizen.post(`/api/v1/me/notifications/${inApp}/read`);
  assert.equal(first.statusCode, 200, first.body);
  const again = await citizen.post(`/api/v1/me/notifications/${inApp}/read`);
  assert.equal(again.json().readAt, first.json().readAt, 'reading twice keeps the first reading time');
  const unreadOnly = (await citizen.get('/api/v1/me/notifications?unreadOnly=true')).json();
  assert.ok(!unreadOnly.items.some((i: { id: string }) => i.id === inApp));
  const row = (await tdb.db.select().from(notifications).where(eq(notifications.id, inApp)))[0]!;
  assert.equal(row.status, 'read');
});

test('read-all marks every unread message of the caller, and no one else’s', async () => {
  const mine = await userId('head.a');
  const theirs = await userId('head.b');
  for (let i = 0; i < 3; i++) await send({ event: 'officer.assigned', recipient: { userId: mine }, channels: ['in-app'], data: { code: `${CODE}-${i}`, procedureName: 'Đăng ký khai sinh' } });
  await send({ event: 'officer.assigned', recipient: { userId: theirs }, channels: ['in-app'], data: { code: CODE, procedureName: 'Đăng ký khai sinh' } });
  const head = await as('head.a');
  assert.equal((await head.post('/api/v1/me/notifications/read-all')).json().updated, 3);
  assert.equal((await head.get('/api/v1/me/notifications')).json().unread, 0);
  assert.equal((await (await as('head.b')).get('/api/v1/me/notifications')).json().unread, 1);
});

test('the delivery log shows each channel with its attempts, addresses masked, filtered by status and dossier', async () => {
  const dossierId = await dossierOf(A);
  const { created } = await send({ event: 'dossier.accepted', recipient: { email: 'huong.nguyen@example.vn', phone: '0912345678' }, channels: ['email', 'sms'], dossierId, data });
  await deliverDue({ db: tdb.db, mail: { send: async () => Promise.reject(new Error('451 <huong.nguyen@example.vn> mailbox busy, call 0912345678')) }, publicUrl: config.publicUrl, log: quiet });
  const admin = await as('system_admin.p');
  const r = await admin.get(`/api/v1/admin/notifications?dossierId=${dossierId}`);
  assert.equal(r.statusCode, 200, r.body);
  const items = r.json().items as { id: string; channel: string; recipient: string; status: string; lastError: string; attemptLog: { ok: boolean; detail: string }[]; nextAttemptAt: string | null }[];
  assert.equal(items.length, 2);
  const email = items.find((i) => i.channel === 'email')!;
  const sms = items.find((i) => i.channel === 'sms')!;
  assert.equal(email.id, created.find((c) => c.channel === 'email')!.id);
  assert.deepEqual([email.recipient, email.status, email.attemptLog.length, email.attemptLog[0]!.ok], ['h***@example.vn', 'pending', 1, false]);
  assert.equal(email.lastError, '451 <h***@example.vn> mailbox busy, call 091****678');
  assert.equal(email.attemptLog[0]!.detail, email.lastError);
  assert.ok(email.nextAttemptAt);
  assert.deepEqual([sms.recipient, sms.status], ['091****678', 'failed']);
  assert.match(sms.lastError, /no SMS gateway configured/);
  assert.ok(!r.body.includes('huong.nguyen@') && !r.body.includes('0912345678'), 'no whole address anywhere in the answer');
  const failed = (await admin.get(`/api/v1/admin/notifications?dossierId=${dossierId}&status=failed`)).json();
  assert.deepEqual(failed.items.map((i: { channel: string }) => i.channel), ['sms']);
  problem(await admin.get('/api/v1/admin/notifications?status=lost'), 400);
});

test('the delivery log is for system administrators and controllers; a controller sees only dossiers of their agency subtree', async () => {
  const inA = await dossierOf(A);
  const inB = await dossierOf(B);
  await send({ event: 'dossier.accepted', recipient: { email: 'a@example.vn' }, channels: ['email'], dossierId: inA, data });
  await send({ event: 'dossier.accepted', recipient: { email: 'b@example.vn' }, channels: ['email'], dossierId: inB, data });
  await send({ event: 'account.password-reset', recipient: { email: 'c@example.vn' }, channels: ['email'], data: { resetUrl: 'https://x.vn/r' } });
  for (const who of ['head.a', 'reception.a', 'agency_admin.a', 'citizen.1']) problem(await (await as(who)).get('/api/v1/admin/notifications'), 403);
  const seen = async (who: string) => ((await (await as(who)).get('/api/v1/admin/notifications?pageSize=200')).json().items as { dossierId: string | null }[]).map((i) => i.dossierId);
  const controllerA = await seen('controller.a');
  assert.ok(controllerA.includes(inA) && !controllerA.includes(inB) && !controllerA.includes(null), 'agency A only, no account messages');
  const controllerB = await seen('controller.b');
  assert.ok(controllerB.includes(inB) && !controllerB.includes(inA));
  const all = await seen('system_admin.p');
  assert.ok(all.includes(inA) && all.includes(inB) && all.includes(null));
  const asked = await (await as('controller.a')).get(`/api/v1/admin/notifications?dossierId=${inB}`);
  assert.deepEqual([asked.statusCode, asked.json().total], [200, 0], 'asking for another agency’s dossier finds nothing');
});

test('message texts: only a system administrator lists and edits them (403 for other roles)', async () => {
  for (const who of ['controller.a', 'agency_admin.a', 'citizen.1']) {
    const c = await as(who);
    problem(await c.get('/api/v1/admin/message-templates'), 403);
    problem(await c.put('/api/v1/admin/message-templates/dossier.accepted/email/vi', { subject: 'Hồ sơ {{code}}', body: 'x' }), 403);
    problem(await c.del('/api/v1/admin/message-templates/dossier.accepted/email/vi'), 403);
  }
  const r = await (await as('system_admin.p')).get('/api/v1/admin/message-templates');
  assert.equal(r.statusCode, 200);
  const items = r.json().items as { key: string; channel: string; locale: string; overridden: boolean; placeholders: string[] }[];
  assert.equal(items.length, 13 * 3 * 2, 'every event × channel × language');
  const accepted = items.find((i) => i.key === 'dossier.accepted' && i.channel === 'email' && i.locale === 'vi')!;
  assert.ok(accepted.placeholders.includes('appointment') && !accepted.placeholders.includes('resetUrl'));
});

test('an edited text may use only its event’s placeholders and must be well-formed; a refused edit writes nothing', async () => {
  const admin = await as('system_admin.p');
  const url = '/api/v1/admin/message-templates/dossier.accepted/email/vi';
  const before = async () => [(await tdb.db.select().from(messageTemplates)).length, (await tdb.db.select().from(auditLog)).length];
  const b0 = await before();
  const unknown = problem(await admin.put(url, { subject: 'Hồ sơ {{code}}', body: 'Đặt lại mật khẩu tại {{resetUrl}}, hẹn {{appointment}}' }), 400);
  assert.deepEqual(unknown.errors?.map((e) => e.field), ['body']);
  assert.match(unknown.errors![0]!.message, /\{\{resetUrl\}\}/);
  assert.equal(problem(await admin.put(url, { subject: 'Hồ sơ {{#code}}{{code}}', body: 'x' }), 400).errors?.[0]?.field, 'subject');
  assert.equal(problem(await admin.put(url, { subject: 'Hồ sơ', body: 'Hồ sơ {{ma ho so}}' }), 400).errors?.[0]?.field, 'body');
  assert.equal(problem(await admin.put(url, { body: 'Không có tiêu đề' }), 400).errors?.[0]?.field, 'subject');
  assert.equal(problem(await admin.put('/api/v1/admin/message-templates/dossier.accepted/sms/vi', { subject: 'SMS', body: 'x' }), 400).errors?.[0]?.field, 'subject');
  problem(await admin.put('/api/v1/admin/message-templates/dossier.unknown/email/vi', { subject: 'x', body: 'x' }), 400);
  problem(await admin.put('/api/v1/admin/message-templates/dossier.accepted/fax/vi', { subject: 'x', body: 'x' }), 400);
  problem(await admin.put(url, { subject: 'x', body: 'x', html: '<b>x</b>' }), 400);
  assert.deepEqual(await before(), b0);
});

test('an edited text is audited and used at once; deleting it brings back the built-in text', async () => {
  const admin = await as('system_admin.p');
  const me = await userId('citizen.1');
  const url = '/api/v1/admin/message-templates/dossier.accepted/in-app/vi';
  const r = await admin.put(url, { subject: 'Đã tiếp nhận hồ sơ {{code}}', body: 'Hẹn trả kết quả: {{appointment}}{{#agencyName}} tại {{agencyName}}{{/agencyName}}' });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().overridden, true);
  const audit = await tdb.db.select().from(auditLog).where(eq(auditLog.action, 'message-template.put'));
  assert.deepEqual(audit.map((a) => a.targetId), ['dossier.accepted/in-app/vi']);
  const { created } = await send({ event: 'dossier.accepted', recipient: { userId: me }, channels: ['in-app'], data });
  const citizen = await as('citizen.1');
  const item = () => citizen.get('/api/v1/me/notifications?pageSize=100').then((x) => x.json().items.find((i: { id: string }) => i.id === created[0]!.id));
  assert.deepEqual([(await item()).title, (await item()).body], [`Đã tiếp nhận hồ sơ ${CODE}`, 'Hẹn trả kết quả: 09/03/2026 07:30 tại Sở Tư pháp']);
  assert.equal((await admin.del(url)).statusCode, 204);
  problem(await admin.del(url), 404);
  assert.equal((await item()).title, `Hồ sơ số ${CODE} đã được tiếp nhận`);
  const n = (await tdb.db.execute<{ n: number }>(sql`select count(*)::int n from audit_log where action = 'message-template.delete'`)).rows[0]!.n;
  assert.equal(n, 1);
});
