/**
 * The citizen portal's API seen from outside: the links messages carry back to the portal, the
 * language of the applicant's e-mail, and the refusals a portal endpoint owes bad input, another
 * citizen and a caller who asks too often (issue 5: "API tests for every portal endpoint including
 * bad input and another citizen's dossier").
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { ProblemType } from '@motcua/domain';
import { setupApi, problem, type Client } from '../../testing/http.ts';
import { dossierDrafts, dossierEvents, notifications } from '../../db/schema.ts';
import { startSmtpSink } from '../../notifications/smtp-sink.ts';
import { lastCode, mailTo, publishBirthProcedure, submission, uploadPdf } from './testing.ts';

/** The portal's address as configured: every link in a message starts with it. */
const PUBLIC = 'http://dvc.test';
const t = await setupApi({ env: { PUBLIC_URL: PUBLIC } });
const sink = await startSmtpSink();
after(() => sink.close());
await publishBirthProcedure(t);

const citizen = await t.as('citizen.1');
const citizen2 = await t.as('citizen.2');
const desk = await t.as('reception.a');
const spec = await t.as('specialist.a');

/** Each rate-limited call comes from its own address unless a test wants one address to run out. */
let ip = 0;
const nextIp = () => `10.9.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;
const from = (remoteAddress: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, remoteAddress, ...(payload === undefined ? {} : { payload: payload as object }) });

const act = async (c: Client, id: string, body: unknown) => {
  const r = await c.post(`/api/v1/dossiers/${id}/actions`, body);
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
};
const eventCount = async (id: string) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(dossierEvents).where(eq(dossierEvents.dossierId, id)))[0]!.n;
const rowsOf = (dossierId: string, template: string) => t.db.select().from(notifications).where(and(eq(notifications.dossierId, dossierId), eq(notifications.template, template)));
const inboxLink = async (c: Client, dossierId: string, event: string) => {
  const items = (await c.get('/api/v1/me/notifications?pageSize=100')).json().items as { dossierId: string; event: string; link: string | null }[];
  return items.find((i) => i.dossierId === dossierId && i.event === event)?.link;
};

/** Registers through the API in `locale`, confirms the e-mail with the mailed code and signs in. */
let seq = 0;
async function selfRegistered(locale: 'vi' | 'en'): Promise<Client & { email: string }> {
  seq++;
  const email = `portal.${locale}.${seq}@example.vn`;
  const password = 'Sông Hồng 2026';
  const body = { accountType: 'individual', fullName: 'Lê Thị Mai', idNumber: `0661911${String(10000 + seq).slice(-5)}`, dateOfBirth: '1992-04-30', phone: '0912 345 678', email, password, locale };
  const r = await from(nextIp(), 'POST', '/api/v1/accounts/register', body);
  assert.equal(r.statusCode, 201, r.body);
  const code = await lastCode(t, sink, email);
  assert.equal((await from(nextIp(), 'POST', '/api/v1/accounts/verify-email', { email, code })).statusCode, 204);
  const login = await from(nextIp(), 'POST', '/api/v1/auth/citizen-login', { username: email, password });
  assert.equal(login.statusCode, 200, login.body);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = login.json().csrfToken as string;
  const req: Client['req'] = (o) => t.app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } });
  return {
    email,
    cookie,
    csrf,
    req,
    get: (url) => req({ method: 'GET', url }),
    post: (url, b) => req({ method: 'POST', url, ...(b === undefined ? {} : { payload: b as object }) }),
    put: (url, b) => req({ method: 'PUT', url, payload: b as object }),
    patch: (url, b) => req({ method: 'PATCH', url, payload: b as object }),
  };
}

/** Submits for `c` with e-mail and inbox messages to `email`; answers the dossier id. */
async function submitted(c: Client, email = 'huong@example.vn'): Promise<string> {
  const body = await submission(c, { notifyChannels: ['in-app', 'email'] });
  const r = await c.post('/api/v1/dossiers', { ...body, applicant: { ...(body.applicant as object), email } });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().id;
}

// ── Links back to the portal ──────────────────────────────────────────────────────────────────

test('before the dossier has a code, its messages link to the owner’s dossier page /ca-nhan/ho-so/<id>, never to an unrouted /ho-so/<id>', async () => {
  const c = await selfRegistered('vi');
  const id = await submitted(c, c.email);
  const own = `${PUBLIC}/ca-nhan/ho-so/${id}`;
  const rows = await rowsOf(id, 'dossier.received');
  assert.deepEqual(rows.map((r) => r.channel).sort(), ['email', 'in-app']);
  for (const r of rows) assert.equal(r.data.lookupUrl, own, r.channel);
  assert.equal(await inboxLink(c, id, 'dossier.received'), own);
  const mail = (await mailTo(t, sink, c.email)).find((m) => m.text.includes(own));
  assert.ok(mail, 'the receipt e-mail carries the owner’s dossier page');
  assert.ok(!JSON.stringify(await mailTo(t, sink, c.email)).includes(`${PUBLIC}/ho-so/`));
});

test('once accepted, messages link to the public lookup page of the code; the returned-result e-mail and inbox item open the rating page [002 Art. 12]', async () => {
  const c = await selfRegistered('vi');
  const id = await submitted(c, c.email);
  const { code } = await act(desk, id, { type: 'accept' });
  const lookup = `${PUBLIC}/tra-cuu/${encodeURIComponent(code)}`;
  for (const r of await rowsOf(id, 'dossier.accepted')) assert.equal(r.data.lookupUrl, lookup, r.channel);
  assert.equal(await inboxLink(c, id, 'dossier.accepted'), lookup);
  await act(desk, id, { type: 'forward' });
  await act(spec, id, { type: 'send-result', results: [{ fileId: null, name: 'Giấy khai sinh' }] });
  await act(desk, id, { type: 'return-result', how: 'online' });
  const rating = `${PUBLIC}/ca-nhan/ho-so/${id}/danh-gia`;
  const returned = await rowsOf(id, 'dossier.returned');
  assert.ok(returned.length === 2 && returned.every((r) => r.data.ratingUrl === rating));
  assert.equal(await inboxLink(c, id, 'dossier.returned'), rating);
  await mailTo(t, sink, c.email);
  const sent = sink.received.find((m) => m.envelope.to.includes(c.email) && (m.parsed.subject ?? '').includes('đã được trả kết quả'));
  assert.ok(sent, 'the returned-result e-mail was delivered');
  assert.ok(sent.parsed.text!.includes(rating), 'the text names the rating page');
  assert.ok(String(sent.parsed.html).includes(`href="${rating}"`), 'the button opens the rating page');
});

// ── Language ──────────────────────────────────────────────────────────────────────────────────

test('a citizen who registered in English receives the dossier e-mails in English; one with no stored language gets Vietnamese', async () => {
  const en = await selfRegistered('en');
  const id = await submitted(en, en.email);
  const { code } = await act(desk, id, { type: 'accept' });
  const rows = await t.db.select().from(notifications).where(eq(notifications.dossierId, id));
  assert.ok(rows.length >= 4 && rows.every((r) => r.locale === 'en'), 'every message row of the dossier is in English, the inbox’s too');
  const mails = await mailTo(t, sink, en.email);
  const subjects = mails.map((m) => m.subject);
  assert.ok(subjects.includes('Your application has been received'), subjects.join(' | '));
  assert.ok(subjects.includes(`Application no. ${code} has been accepted`), subjects.join(' | '));
  const received = mails.find((m) => m.subject === 'Your application has been received')!;
  assert.ok(received.text.startsWith('Dear Nguyễn Thị Hương,') && received.text.includes('This message was sent automatically'), received.text);
  const inbox = (await en.get('/api/v1/me/notifications')).json().items as { dossierId: string; event: string; title: string }[];
  assert.equal(inbox.find((i) => i.dossierId === id && i.event === 'dossier.received')?.title, 'Your application has been received', 'the inbox speaks English too');

  // citizen.1 has an account but no profile: the language is unknown.
  const vid = await submitted(citizen, 'khong-ro-ngon-ngu@example.vn');
  const vi = await mailTo(t, sink, 'khong-ro-ngon-ngu@example.vn');
  assert.ok(vi.length >= 1 && vi.every((m) => m.subject.startsWith('Thông báo đã nhận')), vi.map((m) => m.subject).join(' | '));
  assert.ok((await rowsOf(vid, 'dossier.received')).every((r) => r.locale === 'vi'));
});

// ── Drafts, actions and lists: bad input and another citizen ──────────────────────────────────

test('the owner deletes a draft; another citizen’s delete is a 404 that deletes nothing, and a malformed id is named', async () => {
  const created = await citizen.post('/api/v1/me/drafts', { procedureCode: '1.001193', title: 'Khai sinh cho bé Na', data: { step: 1 } });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  const exists = async () => (await t.db.select().from(dossierDrafts).where(eq(dossierDrafts.id, id))).length === 1;
  problem(await citizen2.req({ method: 'DELETE', url: `/api/v1/me/drafts/${id}` }), 404);
  assert.ok(await exists(), 'another citizen deleted nothing');
  problem(await t.anon.req({ method: 'DELETE', url: `/api/v1/me/drafts/${id}` }), 401);
  const bad = problem(await citizen.req({ method: 'DELETE', url: '/api/v1/me/drafts/not-a-uuid' }), 400);
  assert.ok(bad.errors?.some((e) => e.field === 'params.id'), JSON.stringify(bad));
  assert.equal((await citizen.req({ method: 'DELETE', url: `/api/v1/me/drafts/${id}` })).statusCode, 204);
  assert.equal(await exists(), false);
  problem(await citizen.req({ method: 'DELETE', url: `/api/v1/me/drafts/${id}` }), 404);
});

test('another citizen cannot answer my supplement request: 404 without the dossier’s data, and nothing is written', async () => {
  const id = await submitted(citizen);
  await act(desk, id, { type: 'accept' });
  await act(desk, id, { type: 'forward' });
  await act(spec, id, { type: 'request-supplement', missing: ['Giấy chứng sinh bản rõ nét'], reason: 'Bản chụp mờ' });
  const n = await eventCount(id);
  const r = await citizen2.post(`/api/v1/dossiers/${id}/actions`, { type: 'submit-supplement', forms: { TK: { hoTen: 'Trần Văn Bình', cccd: '066190009999', ngaySinh: '1990-05-02' } } });
  const p = problem(r, 404);
  assert.ok(!r.body.includes('Nguyễn Thị Hương') && !r.body.includes('Giấy chứng sinh'), 'no data of the dossier in the answer');
  assert.equal(p.status, 404);
  assert.equal(await eventCount(id), n, 'nothing written');
  assert.equal((await citizen.get(`/api/v1/dossiers/${id}`)).json().phase, 'awaiting-supplement');
});

test('my dossiers are paged by the server: pageSize 0 or 101, page 0 or an unknown order is a 400 naming the field', async () => {
  for (const [query, field] of [
    ['pageSize=0', 'pageSize'],
    ['pageSize=101', 'pageSize'],
    ['page=0', 'page'],
    ['pageSize=abc', 'pageSize'],
    ['sort=colour', 'sort'],
  ] as const) {
    const p = problem(await citizen.get(`/api/v1/me/dossiers?${query}`), 400);
    assert.ok(p.errors?.some((e) => e.field === `querystring.${field}`), `${query}: ${JSON.stringify(p.errors)}`);
  }
  problem(await t.anon.get('/api/v1/me/dossiers'), 401);
});

test('my dossiers: pages follow one order chosen by the server, and another citizen’s dossiers never appear', async () => {
  const c = await selfRegistered('vi');
  const ids = [await submitted(c, c.email), await submitted(c, c.email), await submitted(c, c.email)];
  await act(desk, ids[0]!, { type: 'accept' }); // the only one with an appointment
  const page = async (q: string) => (await c.get(`/api/v1/me/dossiers?${q}`)).json() as { items: { id: string }[]; total: number };
  const p1 = await page('pageSize=2&page=1');
  const p2 = await page('pageSize=2&page=2');
  assert.deepEqual([p1.total, p1.items.length, p2.items.length], [3, 2, 1]);
  assert.deepEqual([...p1.items, ...p2.items].map((d) => d.id), [...ids].reverse(), 'newest first, no dossier on two pages');
  assert.equal((await page('sort=appointment&pageSize=1')).items[0]!.id, ids[0], 'the dossier with an appointment comes first, none last');
  assert.deepEqual((await page('page=3&pageSize=2')).items, [], 'past the end: an empty page, not an error');
  const others = (await citizen2.get('/api/v1/me/dossiers?pageSize=100')).json().items as { id: string }[];
  assert.ok(!others.some((d) => ids.includes(d.id)));
});

test('the owner opens a PDF of the store inline (view) and as a download; another citizen gets 404', async () => {
  const fileId = await uploadPdf(citizen, 'so-ho-khau.pdf');
  assert.equal((await citizen.post('/api/v1/me/documents', { fileId, title: 'Sổ hộ khẩu' })).statusCode, 201);
  const inline = await citizen.get(`/api/v1/files/${fileId}?inline=1`);
  assert.equal(inline.statusCode, 200);
  assert.equal(inline.headers['content-type'], 'application/pdf');
  assert.match(String(inline.headers['content-disposition']), /^inline;/);
  assert.match(String((await citizen.get(`/api/v1/files/${fileId}`)).headers['content-disposition']), /^attachment;/);
  problem(await citizen2.get(`/api/v1/files/${fileId}?inline=1`), 404);
});

// ── Rate limits ───────────────────────────────────────────────────────────────────────────────

/** Calls `n` times from one address; answers the status codes and the last answer. */
async function burst(n: number, call: (ip: string) => ReturnType<typeof from>) {
  const address = nextIp();
  const codes: number[] = [];
  let last;
  for (let i = 0; i < n; i++) {
    last = await call(address);
    codes.push(last.statusCode);
  }
  return { codes, last: last!, address };
}
const isRateLimited = (r: Awaited<ReturnType<typeof from>>) => {
  const p = problem(r, 429);
  assert.equal(p.type, ProblemType.rateLimited);
  assert.ok(r.headers['retry-after'], 'says when to try again');
};

for (const [what, limit, call] of [
  ['registration', 20, (a: string) => from(a, 'POST', '/api/v1/accounts/register', {})],
  ['e-mail verification', 20, (a: string) => from(a, 'POST', '/api/v1/accounts/verify-email', { email: 'ai.do@example.vn', code: '000000' })],
  ['password reset', 20, (a: string) => from(a, 'POST', '/api/v1/accounts/password-reset', { username: 'ai.do@example.vn' })],
  ['lookup by ID number and name', 10, (a: string) => from(a, 'GET', '/api/v1/lookup?idNumber=066190001234&fullName=Nguy%E1%BB%85n%20Th%E1%BB%8B%20H%C6%B0%C6%A1ng')],
] as const) {
  test(`${what} answers 429 problem+json after ${limit} calls a minute from one address; another address is not held up`, async () => {
    const { codes, last } = await burst(limit + 1, call);
    assert.ok(codes.slice(0, limit).every((c) => c !== 429), `the first ${limit} are served: ${codes.join(',')}`);
    isRateLimited(last);
    assert.notEqual((await call(nextIp())).statusCode, 429);
  });
}
