import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { fold } from '@motcua/domain/dossier/index.ts';
import { setupApi, problem, type Client } from '../../testing/http.ts';
import { A, birthContent } from '../../testing/fixture.ts';
import { dossierEvents, dossiers, files, notifications, users } from '../../db/schema.ts';

const t = await setupApi();
const admin = await t.as('system_admin.p');
assert.equal((await admin.post('/api/v1/admin/procedures', { code: '1.001193', content: birthContent() })).statusCode, 201);
assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);

const citizen = await t.as('citizen.1');
const citizen2 = await t.as('citizen.2');
const desk = await t.as('reception.a');
const spec = await t.as('specialist.a');
const citizenId = (await t.db.select().from(users).where(eq(users.username, 'citizen.1')))[0]!.id;

async function uploadedFile(owner: string): Promise<string> {
  const [f] = await t.db.insert(files).values({ storageKey: `test/${crypto.randomUUID()}`, originalName: 'giay-chung-sinh.pdf', mediaType: 'application/pdf', size: 10, sha256: 'x'.repeat(64), ownerUserId: owner, createdBy: owner }).returning();
  return f!.id;
}

const submission = async (over: Record<string, unknown> = {}) => ({
  procedureCode: '1.001193',
  caseCode: 'TH1',
  agencyCode: A,
  applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234', phone: '0912345678', email: 'huong@example.vn' },
  forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234', ngaySinh: '1990-05-01' } },
  files: [{ componentCode: 'GCS', fileId: await uploadedFile(citizenId) }],
  resultChannel: 'online',
  notifyChannels: ['in-app', 'email'],
  ...over,
});

const submit = async (c: Client, body: unknown, key?: string) => c.req({ method: 'POST', url: '/api/v1/dossiers', payload: body as object, headers: key ? { 'idempotency-key': key } : {} });
const act = (c: Client, id: string, body: unknown) => c.post(`/api/v1/dossiers/${id}/actions`, body);
const eventCount = async (id: string) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(dossierEvents).where(eq(dossierEvents.dossierId, id)))[0]!.n;

test('an online submission answers at once with the receipt instant; a retry with the same idempotency key returns the same dossier', async () => {
  const body = await submission();
  const r1 = await submit(citizen, body, 'retry-key-0001');
  assert.equal(r1.statusCode, 201, r1.body);
  const d = r1.json();
  assert.equal(d.phase, 'submitted');
  assert.equal(d.code, null, 'the code comes with acceptance');
  assert.match(d.submittedAt, /\+07:00$/);
  assert.deepEqual([d.exchangeStatus.code, d.nationalStatus.code], ['00', 1]);
  const r2 = await submit(citizen, body, 'retry-key-0001');
  assert.equal(r2.statusCode, 200);
  assert.equal(r2.json().id, d.id);
  const [again1, again2] = await Promise.all([submit(citizen, body, 'retry-key-0002'), submit(citizen, body, 'retry-key-0002')]);
  assert.equal(again1.json().id, again2.json().id, 'a double click sent at once still makes one dossier');
  const n = (await t.db.select({ n: sql<number>`count(*)::int` }).from(dossiers).where(eq(dossiers.idempotencyKey, 'retry-key-0002')))[0]!.n;
  assert.equal(n, 1);
});

test('the automatic technical check names each failing field and writes nothing', async () => {
  const before = (await t.db.select({ n: sql<number>`count(*)::int` }).from(dossiers))[0]!.n;
  const bad = await submission({ forms: { TK: { hoTen: '', cccd: '12345' } }, files: [], resultChannel: 'post' });
  const p = problem(await submit(citizen, bad), 400);
  const fields = p.errors!.map((e) => e.field).sort();
  assert.deepEqual(fields, ['files.GCS', 'forms.TK.cccd', 'forms.TK.hoTen', 'resultAddress']);
  assert.equal(problem(await submit(citizen, await submission({ procedureCode: '9.999999' })), 400).errors?.[0]?.field, 'procedureCode');
  assert.equal(problem(await submit(citizen, await submission({ agencyCode: '000.00.20.H99' })), 400).errors?.[0]?.field, 'agencyCode');
  const foreign = await submission({ files: [{ componentCode: 'GCS', fileId: await uploadedFile((await t.db.select().from(users).where(eq(users.username, 'citizen.2')))[0]!.id) }] });
  assert.equal(problem(await submit(citizen, foreign), 400).errors?.[0]?.field, 'files.0.fileId', "another person's file cannot be attached");
  assert.equal((await t.db.select({ n: sql<number>`count(*)::int` }).from(dossiers))[0]!.n, before);
});

test('the desk accepts: the dossier gets its code, deadline and appointment; the applicant is notified in the same transaction', async () => {
  const d = (await submit(citizen, await submission())).json();
  const r = await act(desk, d.id, { type: 'accept' });
  assert.equal(r.statusCode, 200, r.body);
  const a = r.json();
  // Dated by the receipt day (Vietnam time), not by today: the test holds across midnight.
  const receiptDay = new Date(new Date(d.submittedAt).getTime() + 7 * 3600_000).toISOString().slice(2, 10).replace(/-/g, '');
  assert.match(a.code, new RegExp(`^${A.replace(/\./g, '\\.')}-${receiptDay}-\\d{4}$`));
  assert.ok(a.deadline && a.appointment);
  assert.deepEqual([a.exchangeStatus.code, a.nationalStatus.code], ['00', 2]);
  const notes = await t.db.select().from(notifications).where(eq(notifications.dossierId, d.id));
  assert.ok(notes.some((n) => n.template === 'dossier.accepted' && n.channel === 'email'));
  assert.ok(notes.some((n) => n.template === 'dossier.accepted' && n.channel === 'in-app'));
  problem(await act(desk, d.id, { type: 'accept' }), 403);
});

test('a dossier goes through the default process to the returned result; the lookup shows only the public fields', async () => {
  const d = (await submit(citizen, await submission())).json();
  let r = (await act(desk, d.id, { type: 'accept' })).json();
  r = (await act(desk, d.id, { type: 'forward' })).json();
  assert.equal(r.step.code, 'GQ');
  assert.deepEqual(r.availableActions, ['withdraw'], 'the desk can record a withdrawal but cannot resolve it');
  const forSpec = (await spec.get(`/api/v1/dossiers/${d.id}`)).json();
  assert.ok(forSpec.availableActions.includes('send-result'));
  r = (await act(spec, d.id, { type: 'send-result', results: [{ fileId: null, name: 'Giấy khai sinh' }] })).json();
  assert.deepEqual([r.phase, r.exchangeStatus.code, r.outcome], ['result-ready', '11', 'resolved']);
  r = (await act(desk, d.id, { type: 'return-result', how: 'online' })).json();
  assert.deepEqual([r.phase, r.exchangeStatus.code, r.nationalStatus.code], ['returned', '12', 10]);
  const look = await t.anon.get(`/api/v1/lookup/${encodeURIComponent(r.code)}`);
  assert.equal(look.statusCode, 200);
  const lv = look.json();
  assert.deepEqual(Object.keys(lv).sort(), ['applicantName', 'appointment', 'code', 'organisationName', 'processingDepartment', 'receivedAt', 'receivingAgency', 'status']);
  assert.equal(lv.status.vi, 'Đã trả kết quả');
  assert.ok(!JSON.stringify(lv).includes('066190001234'), 'never the ID number');
  problem(await t.anon.get('/api/v1/lookup/000.00.10.H99-990101-0001'), 404);
  problem(await t.anon.get('/api/v1/lookup/not-a-code'), 404);
  const events = await t.db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, d.id)).orderBy(dossierEvents.seq);
  const row = (await t.db.select().from(dossiers).where(eq(dossiers.id, d.id)))[0]!;
  assert.deepEqual(fold(events.map((e) => e.event)), row.state, 'the stored state is the fold of the stored events');
  assert.deepEqual(events.map((e) => e.type), ['submitted', 'accepted', 'forwarded', 'result-sent', 'result-returned']);
});

test('another citizen, an officer of another agency and a wrong role are refused, and a refused action changes nothing', async () => {
  const d = (await submit(citizen, await submission())).json();
  problem(await citizen2.get(`/api/v1/dossiers/${d.id}`), 404);
  problem(await (await t.as('specialist.b')).get(`/api/v1/dossiers/${d.id}`), 404);
  problem(await act(await t.as('reception.b'), d.id, { type: 'accept' }), 404);
  const n = await eventCount(d.id);
  problem(await act(spec, d.id, { type: 'accept' }), 403);
  problem(await act(await t.as('controller.a'), d.id, { type: 'refuse', reasons: ['x'] }), 403);
  problem(await act(citizen, d.id, { type: 'accept' }), 403);
  problem(await t.anon.post(`/api/v1/dossiers/${d.id}/actions`, { type: 'accept' }), 401);
  assert.equal(await eventCount(d.id), n);
  assert.equal((await citizen.get(`/api/v1/dossiers/${d.id}`)).statusCode, 200);
});

test('a refusal needs reasons; bad action bodies name their fields', async () => {
  const d = (await submit(citizen, await submission())).json();
  const p = problem(await act(desk, d.id, { type: 'refuse', reasons: [] }), 400);
  assert.equal(p.errors?.[0]?.field, 'reasons');
  problem(await act(desk, d.id, { type: 'teleport' }), 400);
  const r = await act(desk, d.id, { type: 'refuse', reasons: ['Hồ sơ không thuộc thẩm quyền giải quyết'] });
  assert.deepEqual([r.json().phase, r.json().nationalStatus.code], ['refused', 3]);
});

test('an apology too close to the deadline is a 422 naming the rule, and nothing is written', async () => {
  const d = (await submit(citizen, await submission())).json();
  await act(desk, d.id, { type: 'accept' });
  await act(desk, d.id, { type: 'forward' });
  const n = await eventCount(d.id);
  const p = problem(await act(spec, d.id, { type: 'apologize', reason: 'Cần xác minh', newAppointment: '2020-01-01T07:30:00+07:00' }), 422);
  assert.ok(p.errors?.[0]?.field);
  assert.equal(await eventCount(d.id), n);
});

test('lookup by ID number needs the matching name, and lists only that person’s dossiers', async () => {
  const r = (await t.anon.get('/api/v1/lookup?idNumber=066190001234&fullName=nguyen thi huong')).json();
  assert.ok(r.items.length >= 1);
  assert.equal((await t.anon.get('/api/v1/lookup?idNumber=066190001234&fullName=Trần Văn Bình')).json().items.length, 0);
  problem(await t.anon.get('/api/v1/lookup?idNumber=123&fullName=x'), 400);
});

test('bulk actions: each dossier succeeds or fails on its own', async () => {
  const ok = (await submit(citizen, await submission())).json();
  const done = (await submit(citizen, await submission())).json();
  await act(desk, done.id, { type: 'refuse', reasons: ['Trùng hồ sơ'] });
  const r = await desk.post('/api/v1/dossiers/bulk-actions', { ids: [ok.id, done.id, '00000000-0000-4000-8000-000000000000'], action: { type: 'accept' } });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json().results.map((x: { ok: boolean; status: number }) => [x.ok, x.status]), [[true, 200], [false, 403], [false, 404]]);
  problem(await citizen.post('/api/v1/dossiers/bulk-actions', { ids: [ok.id], action: { type: 'accept' } }), 403);
});

test('work lists: the reception queue, awaiting handover, and the specialist group list', async () => {
  const d = (await submit(citizen, await submission())).json();
  const inQueue = (await desk.get('/api/v1/worklists/reception')).json().items.map((i: { id: string }) => i.id);
  assert.ok(inQueue.includes(d.id));
  assert.ok(!(await (await t.as('reception.b')).get('/api/v1/worklists/reception')).json().items.some((i: { id: string }) => i.id === d.id), 'another agency does not see it');
  await act(desk, d.id, { type: 'accept' });
  assert.ok((await desk.get('/api/v1/worklists/handover')).json().items.some((i: { id: string }) => i.id === d.id));
  await act(desk, d.id, { type: 'forward' });
  const dept = (await spec.get('/api/v1/worklists/department')).json().items;
  const item = dept.find((i: { id: string }) => i.id === d.id);
  assert.ok(item, 'the specialist group sees it');
  assert.equal(item.warning.state, 'not-due');
  problem(await citizen.get('/api/v1/worklists/mine'), 403);
  problem(await spec.get('/api/v1/worklists/nonsense'), 400);
});

test('a citizen lists their own dossiers only', async () => {
  const mine = (await citizen.get('/api/v1/me/dossiers')).json();
  assert.ok(mine.total >= 1);
  assert.equal((await citizen2.get('/api/v1/me/dossiers')).json().total, 0);
});

test('inter-agency: the lead sends a task to another agency, whose officers see and answer it; the dossier moves on only after the answer, and stays one dossier', async () => {
  const d = (await submit(citizen, await submission())).json();
  await act(desk, d.id, { type: 'accept' });
  await act(desk, d.id, { type: 'forward' });
  const specB = await t.as('specialist.b');
  problem(await specB.get(`/api/v1/dossiers/${d.id}`), 404);
  assert.equal(problem(await act(spec, d.id, { type: 'send-to-agencies', tasks: [{ agencyCode: A, task: 'Tự làm', workingHours: 8 }] }), 422).errors?.[0]?.keyword, 'task-to-own-agency');
  const sent = await act(spec, d.id, { type: 'send-to-agencies', tasks: [{ agencyCode: '000.00.20.H99', task: 'Xác nhận hiện trạng công trình', workingHours: 16 }] });
  assert.equal(sent.statusCode, 200, sent.body);
  const task = sent.json().tasks[0];
  assert.match(task.deadline, /\+07:00$/);
  problem(await act(spec, d.id, { type: 'forward' }), 422);
  const list = (await specB.get('/api/v1/worklists/tasks')).json().items.map((i: { id: string }) => i.id);
  assert.ok(list.includes(d.id), 'the participating agency sees the task in its list');
  const viewB = (await specB.get(`/api/v1/dossiers/${d.id}`)).json();
  assert.deepEqual(viewB.availableActions, ['complete-task']);
  assert.equal(viewB.applicant.idNumber, '066190001234', 'an officer working the dossier needs the applicant');
  problem(await act(await t.as('reception.b'), d.id, { type: 'complete-task', id: task.id, result: 'x' }), 403);
  assert.equal((await act(specB, d.id, { type: 'complete-task', id: task.id, result: 'Hiện trạng đúng hồ sơ' })).statusCode, 200);
  problem(await act(specB, d.id, { type: 'complete-task', id: task.id, result: 'lần nữa' }), 403);
  const r = await act(spec, d.id, { type: 'send-result', results: [{ fileId: null, name: 'Giấy phép' }] });
  assert.equal(r.json().phase, 'result-ready');
  assert.equal((await t.db.select({ n: sql<number>`count(*)::int` }).from(dossiers).where(eq(dossiers.id, d.id)))[0]!.n, 1);
});

test('a supplement is answered in place: amended e-form data and replacement files, the old file kept in the history, the code unchanged [Decree 45/2020 Art. 12]', async () => {
  const d = (await submit(citizen, await submission())).json();
  const accepted = (await act(desk, d.id, { type: 'accept' })).json();
  await act(desk, d.id, { type: 'forward' });
  await act(spec, d.id, { type: 'request-supplement', missing: ['Giấy chứng sinh bản rõ nét'], reason: 'Bản chụp mờ' });
  const lookup = (await t.anon.get(`/api/v1/lookup/${encodeURIComponent(accepted.code)}`)).json();
  assert.deepEqual(lookup.missing, ['Giấy chứng sinh bản rõ nét'], 'the lookup says what must be supplied');
  const n = await eventCount(d.id);
  const bad = problem(await act(citizen, d.id, { type: 'submit-supplement', forms: { TK: { hoTen: 'X', cccd: 'abc' } } }), 400);
  assert.equal(bad.errors?.[0]?.field, 'forms.TK.cccd');
  assert.equal(await eventCount(d.id), n, 'a refused amendment writes nothing');
  const newFile = await uploadedFile(citizenId);
  const r = await act(citizen, d.id, { type: 'submit-supplement', forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234', ngaySinh: '1990-05-02' } }, files: [{ componentCode: 'GCS', fileId: newFile }] });
  assert.equal(r.statusCode, 200, r.body);
  const v = r.json();
  assert.equal(v.code, accepted.code);
  assert.equal(v.forms.TK.ngaySinh, '1990-05-02');
  const gcs = v.files.filter((f: { componentCode: string }) => f.componentCode === 'GCS');
  assert.equal(gcs.length, 2, 'the replaced file stays in the history');
  assert.equal(gcs.filter((f: { supersededAt: string | null }) => f.supersededAt === null).length, 1);
  const last = (await citizen.get(`/api/v1/dossiers/${d.id}/events`)).json().items.at(-1);
  assert.deepEqual([last.type, last.event.amended.sort()], ['supplement-received', ['GCS', 'TK']]);
});

test('a back-filled entry after an outage keeps the real receipt instant, needs a reason, and is marked in the timeline [003 Art. 28.5.c]', async () => {
  const real = new Date(Date.now() - 2 * 86400_000).toISOString();
  const body = await submission({ receivedAt: real, files: [{ componentCode: 'GCS', fileId: await uploadedFile((await t.db.select().from(users).where(eq(users.username, 'reception.a')))[0]!.id) }] });
  assert.equal(problem(await submit(desk, body), 400).errors?.[0]?.field, 'backfillReason');
  assert.equal(problem(await submit(citizen, { ...(await submission()), receivedAt: real, backfillReason: 'x' }), 400).errors?.[0]?.field, 'receivedAt', 'only the desk back-fills');
  const r = await submit(desk, { ...body, backfillReason: 'Mất điện, tiếp nhận giấy ngày hôm trước' });
  assert.equal(r.statusCode, 201, r.body);
  const v = r.json();
  assert.equal(v.backfilled, true);
  assert.equal(new Date(v.submittedAt).getTime(), Math.floor(new Date(real).getTime() / 1000) * 1000, 'the real instant, to the second');
  const first = (await desk.get(`/api/v1/dossiers/${v.id}/events`)).json().items[0];
  assert.equal(first.event.backfillReason, 'Mất điện, tiếp nhận giấy ngày hôm trước');
  assert.notEqual(first.at, first.recordedAt, 'the real instant and the entry instant are both kept');
});

test('after acceptance the desk sees when the 8 working hours to hand over end [001 Art. 8.1.b]; several results are numbered <code>-KQ<n> and attached', async () => {
  const d = (await submit(citizen, await submission())).json();
  const a = (await act(desk, d.id, { type: 'accept' })).json();
  assert.ok(a.handoverDue, 'shown while the dossier waits at the desk');
  const minutes = (new Date(a.handoverDue).getTime() - new Date(a.acceptedAt).getTime()) / 60000;
  assert.ok(minutes >= 480, `at least 8 hours of clock time (${minutes} min)`);
  const f = (await act(desk, d.id, { type: 'forward' })).json();
  assert.equal(f.handoverDue, null, 'no longer at the desk');
  const specId = (await t.db.select().from(users).where(eq(users.username, 'specialist.a')))[0]!.id;
  const own = async () => (await t.db.insert(files).values({ storageKey: `r/${crypto.randomUUID()}`, originalName: 'kq.pdf', mediaType: 'application/pdf', size: 1, sha256: '1'.repeat(64), createdBy: specId }).returning())[0]!.id;
  const foreign = await uploadedFile(citizenId);
  assert.equal(problem(await act(spec, d.id, { type: 'send-result', results: [{ fileId: foreign, name: 'Giả' }] }), 400).errors?.[0]?.field, 'results.0.fileId');
  const r = (await act(spec, d.id, { type: 'send-result', results: [{ fileId: await own(), name: 'Giấy khai sinh (bản chính)' }, { fileId: await own(), name: 'Trích lục khai sinh' }] })).json();
  assert.deepEqual(r.results.map((x: { code: string }) => x.code), [`${a.code}-KQ1`, `${a.code}-KQ2`]);
  assert.equal(r.files.filter((x: { kind: string }) => x.kind === 'result').length, 2);
});

test('drafts: the owner saves and resumes them; nobody else sees them; submitting from a draft removes it', async () => {
  const body = await submission();
  const created = await citizen.post('/api/v1/me/drafts', { procedureCode: '1.001193', title: 'Khai sinh cho bé Na', data: { step: 2, forms: { TK: { hoTen: 'Nguyễn' } } } });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id;
  assert.equal((await citizen.put(`/api/v1/me/drafts/${id}`, { procedureCode: '1.001193', title: 'Khai sinh cho bé Na', data: { step: 3 } })).json().data.step, 3);
  problem(await citizen2.get(`/api/v1/me/drafts/${id}`), 404);
  problem(await citizen2.put(`/api/v1/me/drafts/${id}`, { procedureCode: '1.001193', title: 'x', data: {} }), 404);
  problem(await citizen.post('/api/v1/me/drafts', { procedureCode: '1.001193', data: {} }), 400);
  problem(await t.anon.get('/api/v1/me/drafts'), 401);
  assert.equal((await citizen.get('/api/v1/me/drafts')).json().items.length, 1);
  assert.equal((await submit(citizen, { ...body, draftId: id })).statusCode, 201);
  problem(await citizen.get(`/api/v1/me/drafts/${id}`), 404);
});
