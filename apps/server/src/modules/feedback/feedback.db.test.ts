import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { setupApi, problem } from '../../testing/http.ts';
import { A, A_COMMUNE, B, birthContent } from '../../testing/fixture.ts';
import { auditLog, faqEntries, feedbackItems, guides } from '../../db/schema.ts';

const t = await setupApi();
const admin = await t.as('system_admin.p');
assert.equal((await admin.post('/api/v1/admin/procedures', { code: '1.001193', content: birthContent() })).statusCode, 201);
assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);

const leaderA = await t.as('leader.a');
const leaderB = await t.as('leader.b');
const specA = await t.as('specialist.a');
const specB = await t.as('specialist.b');
const deskA = await t.as('reception.a');
const citizen = await t.as('citizen.1');

const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(feedbackItems))[0]!.n;
const submission = (over: Record<string, unknown> = {}) => ({
  kind: 'feedback',
  subject: 'procedure',
  procedureCode: '1.001193',
  agencyCode: A,
  title: 'Thời gian đăng ký khai sinh',
  content: 'Tôi nộp hồ sơ đăng ký khai sinh trực tuyến nhưng chưa nhận được phản hồi.',
  senderName: 'Nguyễn Thị Hương',
  senderEmail: 'huong@example.vn',
  senderPhone: '0912345678',
  private: false,
  idempotencyKey: randomUUID(),
  ...over,
});
const submit = (body: unknown) => t.anon.post('/api/v1/public/feedback', body);

test('anyone submits feedback from the portal; the answer is due 13 working days later by the working-time engine; a retry does not duplicate [001 Art. 21.4]', async () => {
  const body = submission();
  const r = await submit(body);
  assert.equal(r.statusCode, 201, r.body);
  const created = r.json();
  assert.equal(created.status, 'received');
  assert.match(created.dueAt, /\+07:00$/);
  const before = await count();
  const again = await submit(body);
  assert.equal(again.statusCode, 200);
  assert.equal(again.json().id, created.id);
  assert.equal(await count(), before);
  const conflict = problem(await submit({ ...body, content: 'Một nội dung khác hẳn nội dung trước đó.' }), 409);
  assert.equal(conflict.errors?.[0]?.field, 'idempotencyKey');
});

test('a signed-in citizen submits a question, due 15 working days later [002 Art. 13.3.b]', async () => {
  const r = await citizen.post('/api/v1/public/feedback', submission({ kind: 'question' }));
  assert.equal(r.statusCode, 201, r.body);
  const row = (await t.db.select().from(feedbackItems).where(eq(feedbackItems.id, r.json().id)))[0]!;
  assert.ok(row.senderUserId, 'linked to the account');
  assert.ok(row.dueAt.getTime() > row.receivedAt.getTime() + 15 * 24 * 3600_000, '15 working days are more than 15 calendar days');
});

test('bad feedback names every failing field and writes nothing', async () => {
  const before = await count();
  const p = problem(await submit({ ...submission({ kind: 'complaint', title: 'x', senderEmail: 'not-an-email' }), extra: 1 }), 400);
  const fields = p.errors!.map((e) => e.field);
  for (const f of ['kind', 'title', 'senderEmail']) assert.ok(fields.includes(f), `${f} in ${fields.join(', ')}`);
  const refs = problem(await submit(submission({ agencyCode: '000.00.99.H99', procedureCode: '9.999999' })), 400);
  assert.deepEqual(refs.errors!.map((e) => e.field).sort(), ['agencyCode', 'procedureCode']);
  assert.equal(await count(), before);
});

test('an officer enters feedback received by hotline with the instant it arrived; the due date runs from that instant across the National Day holiday [001 Art. 21.3–4]', async () => {
  const r = await deskA.post('/api/v1/feedback', { ...submission({ subject: 'conduct' }), channel: 'hotline', receivedAt: '2026-08-24T07:30:00+07:00' });
  assert.equal(r.statusCode, 201, r.body);
  const item = r.json();
  // 13 working days; 31/8–2/9/2026 are holidays, otherwise Wed 9 September
  assert.equal(item.dueAt, '2026-09-14T17:00:00+07:00');
  assert.equal(item.enteredLate, true, 'entered months after it arrived, beyond 8 working hours');
  assert.equal(item.warning, 'overdue');
  assert.equal(item.senderPhone, '0912345678', 'the officer who opens one item sees the contact whole');
});

test('officer entry is refused for another agency and for a citizen, and writes nothing', async () => {
  const before = await count();
  const body = { ...submission(), channel: 'paper', receivedAt: '2026-08-24T07:30:00+07:00' };
  problem(await deskA.post('/api/v1/feedback', { ...body, agencyCode: B }), 403);
  problem(await citizen.post('/api/v1/feedback', body), 403);
  problem(await t.anon.post('/api/v1/feedback', body), 401);
  assert.equal(problem(await deskA.post('/api/v1/feedback', { ...body, receivedAt: '2099-01-01T07:30:00+07:00' }), 400).errors?.[0]?.field, 'receivedAt');
  assert.equal(await count(), before);
});

test('the agency list masks contacts and carries the warnings; another agency sees none of it', async () => {
  const list = (await specA.get(`/api/v1/feedback?agency=${A}`)).json();
  assert.ok(list.total >= 2);
  for (const i of list.items) {
    assert.equal(i.agencyCode, A);
    assert.ok(!JSON.stringify(i).includes('0912345678'), 'phone masked in lists');
    assert.ok(!JSON.stringify(i).includes('huong@example.vn'), 'e-mail masked in lists');
  }
  assert.ok(list.items.some((i: { warning: string }) => i.warning === 'overdue'));
  const overdue = (await specA.get(`/api/v1/feedback?agency=${A}&warning=overdue`)).json();
  assert.ok(overdue.items.every((i: { warning: string }) => i.warning === 'overdue'));
  problem(await specB.get(`/api/v1/feedback?agency=${A}`), 403);
  const own = (await specB.get('/api/v1/feedback')).json();
  assert.ok(own.items.every((i: { agencyCode: string }) => i.agencyCode === B));
  problem(await citizen.get('/api/v1/feedback'), 403);
  assert.equal(problem(await specA.get('/api/v1/feedback?warning=late'), 400).errors?.[0]?.field, 'querystring.warning');
  const id = list.items[0].id;
  problem(await specB.get(`/api/v1/feedback/${id}`), 404);
});

test('feedback is routed to the competent agency, keeping its due date; the old agency loses it, the new one answers it', async () => {
  const { id } = (await submit(submission())).json();
  const due = (await specA.get(`/api/v1/feedback/${id}`)).json().dueAt;
  problem(await specA.post(`/api/v1/feedback/${id}/route`, { agencyCode: B, note: 'Thuộc thẩm quyền Sở Xây dựng' }), 403);
  problem(await leaderB.post(`/api/v1/feedback/${id}/route`, { agencyCode: A, note: 'x' }), 404);
  assert.equal(problem(await leaderA.post(`/api/v1/feedback/${id}/route`, { agencyCode: A, note: 'x' }), 400).errors?.[0]?.field, 'agencyCode');
  assert.equal(problem(await leaderA.post(`/api/v1/feedback/${id}/route`, { agencyCode: B }), 400).errors?.[0]?.field, 'note');
  const r = await leaderA.post(`/api/v1/feedback/${id}/route`, { agencyCode: B, note: 'Thuộc thẩm quyền Sở Xây dựng' });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().agencyCode, B);
  assert.equal(r.json().dueAt, due);
  problem(await specA.get(`/api/v1/feedback/${id}`), 404);
  assert.equal((await specB.post(`/api/v1/feedback/${id}/answer`, { answer: 'Sở Xây dựng đã tiếp nhận và trả lời như sau.' })).statusCode, 200);
  const audit = await t.db.select().from(auditLog).where(eq(auditLog.targetId, id));
  assert.deepEqual(audit.map((a) => a.action), ['feedback.receive', 'feedback.route', 'feedback.answer']);
});

test('an answer is published on the portal; a private item is never published nor listed publicly [002 Art. 13.3.c]', async () => {
  const open = (await submit(submission({ title: 'Hỏi về lệ phí khai sinh', content: 'Đăng ký khai sinh có mất lệ phí không ạ?' }))).json();
  const secret = (await submit(submission({ private: true, title: 'Phản ánh riêng tư', content: 'Nội dung tôi không muốn công khai trên cổng.' }))).json();
  assert.equal(problem(await leaderA.post(`/api/v1/feedback/${open.id}/publish`), 422).errors?.[0]?.field, 'answer', 'nothing to publish before the answer');
  problem(await deskA.post(`/api/v1/feedback/${open.id}/answer`, { answer: 'Đăng ký khai sinh đúng hạn được miễn lệ phí.' }), 403);
  assert.equal(problem(await specA.post(`/api/v1/feedback/${open.id}/answer`, { answer: 'ngắn' }), 400).errors?.[0]?.field, 'answer');
  for (const id of [open.id, secret.id]) {
    const a = await specA.post(`/api/v1/feedback/${id}/answer`, { answer: 'Đăng ký khai sinh đúng hạn được miễn lệ phí.' });
    assert.equal(a.statusCode, 200, a.body);
    assert.equal(a.json().answeredOnTime, true);
  }
  problem(await specA.post(`/api/v1/feedback/${open.id}/publish`), 403);
  problem(await leaderB.post(`/api/v1/feedback/${open.id}/publish`), 404);
  assert.equal(problem(await leaderA.post(`/api/v1/feedback/${secret.id}/publish`), 422).errors?.[0]?.field, 'private');
  const p = await leaderA.post(`/api/v1/feedback/${open.id}/publish`);
  assert.equal(p.statusCode, 200, p.body);
  assert.equal(p.json().status, 'published');
  assert.equal((await leaderA.post(`/api/v1/feedback/${open.id}/publish`)).statusCode, 200, 'publishing twice is harmless');
  assert.equal(problem(await specA.post(`/api/v1/feedback/${open.id}/answer`, { answer: 'Sửa câu trả lời sau khi công khai.' }), 422).errors?.[0]?.field, 'status');
  // even a private row marked published by hand stays out of the public list
  await t.db.update(feedbackItems).set({ publishedAt: new Date() }).where(eq(feedbackItems.id, secret.id));
  const pub = (await t.anon.get('/api/v1/public/feedback?q=le phi khai sinh')).json();
  assert.deepEqual(pub.items.map((i: { id: string }) => i.id), [open.id]);
  const all = JSON.stringify((await t.anon.get('/api/v1/public/feedback?pageSize=100')).json());
  assert.ok(!all.includes(secret.id), 'a private item is never public');
  assert.ok(!all.includes('0912345678') && !all.includes('huong@example.vn') && !all.includes('Nguyễn Thị Hương'), 'no contacts, name shortened');
  assert.equal(pub.items[0].sender, 'N. T. Hương');
  assert.equal(problem(await t.anon.get('/api/v1/public/feedback?kind=complaint'), 400).errors?.[0]?.field, 'querystring.kind');
});

test('FAQ: agency administrators keep their own, per procedure or general; the public reads published ones only', async () => {
  const adminA = await t.as('agency_admin.a');
  const adminB = await t.as('agency_admin.b');
  const faq = { agencyCode: A, procedureCode: '1.001193', question: 'Đăng ký khai sinh cần giấy tờ gì?', answer: 'Tờ khai và giấy chứng sinh.', published: true };
  const r = await adminA.post('/api/v1/faq', faq);
  assert.equal(r.statusCode, 201, r.body);
  const general = (await adminA.post('/api/v1/faq', { ...faq, procedureCode: null, question: 'Cổng làm việc giờ nào?', answer: 'Cổng hoạt động 24/7.' })).json();
  const hidden = (await adminA.post('/api/v1/faq', { ...faq, question: 'Câu hỏi nháp chưa công khai?', published: false })).json();
  const before = (await t.db.select({ n: sql<number>`count(*)::int` }).from(faqEntries))[0]!.n;
  problem(await adminB.post('/api/v1/faq', faq), 403);
  problem(await specA.post('/api/v1/faq', faq), 403);
  assert.deepEqual(problem(await adminA.post('/api/v1/faq', { ...faq, procedureCode: '9.9', question: 'x' }), 400).errors!.map((e) => e.field).sort(), ['question']);
  assert.equal(problem(await adminA.post('/api/v1/faq', { ...faq, procedureCode: '9.999999' }), 400).errors?.[0]?.field, 'procedureCode');
  assert.equal((await t.db.select({ n: sql<number>`count(*)::int` }).from(faqEntries))[0]!.n, before);
  const perProc = (await t.anon.get('/api/v1/public/faq?procedure=1.001193')).json();
  assert.deepEqual(perProc.items.map((i: { id: string }) => i.id), [r.json().id]);
  assert.deepEqual((await t.anon.get('/api/v1/public/faq?procedure=general')).json().items.map((i: { id: string }) => i.id), [general.id]);
  problem(await adminB.req({ method: 'PUT', url: `/api/v1/faq/${hidden.id}`, payload: { ...faq, published: true } }), 403);
  const upd = await adminA.req({ method: 'PUT', url: `/api/v1/faq/${hidden.id}`, payload: { ...faq, question: 'Câu hỏi nay đã công khai?', published: true } });
  assert.equal(upd.statusCode, 200, upd.body);
  assert.equal((await t.anon.get('/api/v1/public/faq?q=nay da cong khai')).json().items.length, 1);
  problem(await adminB.req({ method: 'DELETE', url: `/api/v1/faq/${hidden.id}` }), 403);
  assert.equal((await adminA.req({ method: 'DELETE', url: `/api/v1/faq/${hidden.id}` })).statusCode, 200);
  problem(await adminA.req({ method: 'DELETE', url: `/api/v1/faq/${hidden.id}` }), 404);
  const commune = await adminA.post('/api/v1/faq', { ...faq, agencyCode: A_COMMUNE });
  assert.equal(commune.statusCode, 201, 'an agency administrator also keeps the FAQ of agencies below');
});

test('guides and videos: the system administrator keeps them by URL, the public reads published ones [002 Art. 6.3]', async () => {
  const g = { title: 'Hướng dẫn tạo tài khoản', kind: 'video', url: 'https://video.example.vn/tao-tai-khoan', description: null, topic: 'account', sortOrder: 1, published: true };
  const r = await admin.post('/api/v1/guides', g);
  assert.equal(r.statusCode, 201, r.body);
  const draft = (await admin.post('/api/v1/guides', { ...g, title: 'Bản nháp', published: false })).json();
  const adminA = await t.as('agency_admin.a');
  problem(await adminA.post('/api/v1/guides', g), 403);
  const before = (await t.db.select({ n: sql<number>`count(*)::int` }).from(guides))[0]!.n;
  assert.deepEqual(problem(await admin.post('/api/v1/guides', { ...g, url: 'javascript:alert(1)', kind: 'film' }), 400).errors!.map((e) => e.field).sort(), ['kind', 'url']);
  assert.equal((await t.db.select({ n: sql<number>`count(*)::int` }).from(guides))[0]!.n, before);
  const pub = (await t.anon.get('/api/v1/public/guides')).json();
  assert.deepEqual(pub.items.map((i: { id: string }) => i.id), [r.json().id]);
  assert.equal((await admin.get('/api/v1/guides')).json().items.length, 2);
  assert.equal((await admin.req({ method: 'PUT', url: `/api/v1/guides/${draft.id}`, payload: { ...g, title: 'Hướng dẫn tra cứu', topic: 'lookup' } })).statusCode, 200);
  assert.equal((await t.anon.get('/api/v1/public/guides')).json().items.length, 2);
  problem(await adminA.req({ method: 'DELETE', url: `/api/v1/guides/${draft.id}` }), 403);
  assert.equal((await admin.req({ method: 'DELETE', url: `/api/v1/guides/${draft.id}` })).statusCode, 200);
  problem(await admin.req({ method: 'DELETE', url: `/api/v1/guides/${draft.id}` }), 404);
});
