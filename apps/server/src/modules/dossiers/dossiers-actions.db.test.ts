import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { searchKey } from '@motcua/domain';
import type { Role } from '@motcua/domain';
import { setupApi, problem, type Client } from '../../testing/http.ts';
import { A, B, P, PASSWORD, birthContent } from '../../testing/fixture.ts';
import { agencies, departments, dossierEvents, dossiers, notifications, userRoles, users } from '../../db/schema.ts';
import { hashPassword } from '../auth/passwords.ts';
import { agencySearchKey } from '../organisation/repo.ts';
import { loadSessionUser } from '../../http/session.ts';
import { CalendarService } from '../calendar/service.ts';
import { actOnDossier, submitDossier, type DossierDeps } from './service.ts';

/**
 * Every processing action over HTTP, each with the refusal that leaves the dossier as it was, on a
 * process whose steps belong to a department (Phòng Hành chính tư pháp, HCTP) of agency A.
 */
const t = await setupApi();
const C = '000.00.30.H99'; // a third agency, neither the dossier's nor the one consulted
await t.db.insert(agencies).values({ code: C, name: 'Sở Tài nguyên và Môi trường', level: 'department', parentCode: P, searchKey: agencySearchKey({ code: C, name: 'Sở Tài nguyên và Môi trường' }) });
await t.db.insert(departments).values([
  { agencyCode: A, code: 'VP', name: 'Văn phòng Sở' },
  { agencyCode: A, code: 'BPMC', name: 'Bộ phận tiếp nhận và trả kết quả' },
]);
const passwordHash = await hashPassword(PASSWORD);
async function officer(username: string, role: Role, agencyCode: string, departmentCode: string | null): Promise<string> {
  const [u] = await t.db.insert(users).values({ kind: 'officer', username, fullName: `Cán bộ ${username}`, passwordHash, searchKey: searchKey(username) }).returning();
  await t.db.insert(userRoles).values({ userId: u!.id, role, agencyCode, departmentCode });
  return u!.id;
}
const ids = {
  desk: await officer('mc.desk', 'reception', A, 'BPMC'),
  spec1: await officer('hctp.spec1', 'specialist', A, 'HCTP'),
  spec2: await officer('hctp.spec2', 'specialist', A, 'HCTP'),
  vpSpec: await officer('vp.spec', 'specialist', A, 'VP'),
  head: await officer('hctp.head', 'head', A, 'HCTP'),
  vpHead: await officer('vp.head', 'head', A, 'VP'),
  cSpec: await officer('c.spec', 'specialist', C, null),
};

const admin = await t.as('system_admin.p');
const content = birthContent({ agencyCodes: [A], timeLimit: { unit: 'working-days', value: 10 } });
content.cases[0]!.components = content.cases[0]!.components.filter((c) => c.form); // form only: no files needed
assert.equal((await admin.post('/api/v1/admin/procedures', { code: '1.001193', content })).statusCode, 201);
assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);
const adminA = await t.as('agency_admin.a');
const proc = await adminA.post('/api/v1/admin/processes', {
  agencyCode: A,
  procedureCode: '1.001193',
  definition: {
    name: 'Đăng ký khai sinh — phòng Hành chính tư pháp',
    steps: [
      { code: 'TN', name: 'Tiếp nhận', stage: 'reception', role: 'reception', budgetHours: 1, assignment: 'group', next: 'TD' },
      { code: 'TD', name: 'Thẩm định', stage: 'processing', role: 'specialist', departmentCode: 'HCTP', budgetHours: 40, assignment: 'person', next: 'KT' },
      { code: 'KT', name: 'Kiểm tra', stage: 'processing', role: 'head', departmentCode: 'HCTP', budgetHours: 8, assignment: 'group', next: 'KY' },
      { code: 'KY', name: 'Lãnh đạo ký', stage: 'signing', role: 'leader', budgetHours: 4, assignment: 'group', next: 'TKQ', rejectTo: 'TD' },
      { code: 'TKQ', name: 'Trả kết quả', stage: 'return', role: 'reception', budgetHours: 0, assignment: 'group', next: null },
    ],
  },
});
assert.equal(proc.statusCode, 201, proc.body);
assert.equal((await adminA.post(`/api/v1/admin/processes/${proc.json().id}/publish`)).statusCode, 200);

const citizen = await t.as('citizen.1');
const desk = await t.as('mc.desk');
const spec1 = await t.as('hctp.spec1');
const spec2 = await t.as('hctp.spec2');
const head = await t.as('hctp.head');
const specB = await t.as('specialist.b');
const cSpec = await t.as('c.spec');

const body = {
  procedureCode: '1.001193',
  caseCode: 'TH1',
  agencyCode: A,
  applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234', phone: '0912345678' },
  forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234' } },
  files: [],
  resultChannel: 'desk',
  notifyChannels: ['in-app'],
};
const act = (c: Client, id: string, b: unknown) => c.post(`/api/v1/dossiers/${id}/actions`, b);
const eventCount = async (id: string) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(dossierEvents).where(eq(dossierEvents.dossierId, id)))[0]!.n;
const rowOf = async (id: string) => (await t.db.select().from(dossiers).where(eq(dossiers.id, id)))[0]!;
const inFuture = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const lookup = async (code: string) => (await t.anon.get(`/api/v1/lookup/${encodeURIComponent(code)}`)).json();

/** Runs a refused request and proves it changed nothing: same events, same state. */
async function refusedUnchanged(id: string, status: number, run: () => Promise<import('fastify').LightMyRequestResponse>) {
  const [n, before] = [await eventCount(id), (await rowOf(id)).state];
  const p = problem(await run(), status);
  assert.equal(await eventCount(id), n, 'no event written');
  assert.deepEqual((await rowOf(id)).state, before, 'state unchanged');
  return p;
}

/** A dossier accepted and handed to the appraisal step (TD of HCTP), not yet assigned; `assigned` gives it to hctp.spec1. */
async function atAppraisal(assigned = true): Promise<{ id: string; code: string }> {
  const d = (await citizen.post('/api/v1/dossiers', body)).json();
  const a = await act(desk, d.id, { type: 'accept' });
  assert.equal(a.statusCode, 200, a.body);
  assert.equal((await act(desk, d.id, { type: 'forward' })).statusCode, 200);
  if (assigned) assert.equal((await act(head, d.id, { type: 'assign', toUserId: ids.spec1 })).statusCode, 200);
  return { id: d.id, code: a.json().code };
}

test('a head assigns a department’s step only to an officer of that department holding its role; the assignee is told [003 Art. 17]', async () => {
  const { id } = await atAppraisal(false);
  assert.equal((await refusedUnchanged(id, 422, () => act(head, id, { type: 'assign', toUserId: ids.vpSpec }))).errors?.[0]?.keyword, 'assignee-other-department');
  const lacks = await refusedUnchanged(id, 422, () => act(head, id, { type: 'assign', toUserId: ids.vpHead }));
  assert.deepEqual([lacks.errors?.[0]?.field, lacks.errors?.[0]?.keyword], ['toUserId', 'assignee-lacks-role']);
  await refusedUnchanged(id, 403, () => act(spec1, id, { type: 'assign', toUserId: ids.spec1 }));
  await refusedUnchanged(id, 403, () => act(spec1, id, { type: 'forward' }));
  const r = await act(head, id, { type: 'assign', toUserId: ids.spec1 });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual([r.json().holder.kind, r.json().holder.userId, r.json().exchangeStatus.code], ['user', ids.spec1, '02']);
  const note = await t.db.select().from(notifications).where(and(eq(notifications.dossierId, id), eq(notifications.template, 'officer.assigned')));
  assert.deepEqual(note.map((n) => n.recipientUserId), [ids.spec1]);
});

test('an officer of the agency who does not hold the dossier is refused (403) and nothing changes', async () => {
  const { id } = await atAppraisal();
  await refusedUnchanged(id, 403, () => act(spec2, id, { type: 'forward' }));
  await refusedUnchanged(id, 403, () => act(spec2, id, { type: 'stop', reason: 'Không phải của tôi' }));
  await refusedUnchanged(id, 403, () => act(head, id, { type: 'assign', toUserId: ids.spec2 }));
});

test('handing over stays within the step’s department and needs a reason', async () => {
  const { id } = await atAppraisal();
  assert.equal((await refusedUnchanged(id, 422, () => act(spec1, id, { type: 'hand-to-colleague', toUserId: ids.vpSpec, reason: 'Nghỉ phép' }))).errors?.[0]?.keyword, 'assignee-other-department');
  assert.equal((await refusedUnchanged(id, 422, () => act(spec1, id, { type: 'hand-to-colleague', toUserId: ids.spec2, reason: '   ' }))).errors?.[0]?.field, 'reason');
  await refusedUnchanged(id, 400, () => act(spec1, id, { type: 'hand-to-colleague', toUserId: ids.spec2 }));
  const r = await act(spec1, id, { type: 'hand-to-colleague', toUserId: ids.spec2, reason: 'Nghỉ phép' });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual([r.json().step.code, r.json().holder.userId], ['TD', ids.spec2]);
  await refusedUnchanged(id, 403, () => act(spec1, id, { type: 'forward' }));
});

test('forwarding to a named person needs the next step’s role in its department; the step then returns to the previous one with a reason', async () => {
  const { id } = await atAppraisal();
  assert.equal((await refusedUnchanged(id, 422, () => act(spec1, id, { type: 'forward', toUserId: ids.vpHead }))).errors?.[0]?.keyword, 'assignee-other-department');
  assert.equal((await refusedUnchanged(id, 422, () => act(spec1, id, { type: 'forward', toUserId: ids.spec2 }))).errors?.[0]?.keyword, 'assignee-lacks-role');
  const f = await act(spec1, id, { type: 'forward', toUserId: ids.head, comment: 'Dự thảo' });
  assert.equal(f.statusCode, 200, f.body);
  assert.deepEqual([f.json().step.code, f.json().holder.userId], ['KT', ids.head]);
  const p = await refusedUnchanged(id, 422, () => act(head, id, { type: 'return-to-previous', reason: '  ' }));
  assert.deepEqual([p.errors?.[0]?.field, p.errors?.[0]?.keyword], ['reason', 'missing-reason']);
  await refusedUnchanged(id, 400, () => act(head, id, { type: 'return-to-previous' }));
  await refusedUnchanged(id, 403, () => act(spec1, id, { type: 'return-to-previous', reason: 'Không giữ hồ sơ' }));
  const r = await act(head, id, { type: 'return-to-previous', reason: 'Bổ sung nhận xét thẩm định' });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual([r.json().step.code, r.json().holder.userId], ['TD', ids.spec1], 'back to the specialist who handled it');
  const last = (await spec1.get(`/api/v1/dossiers/${id}/events`)).json().items.at(-1);
  assert.deepEqual([last.type, last.event.reason], ['returned-to-step', 'Bổ sung nhận xét thẩm định']);
});

test('a verification is scheduled in the future with a place and content', async () => {
  const { id } = await atAppraisal();
  const past = await refusedUnchanged(id, 422, () => act(spec1, id, { type: 'schedule-verification', when: '2020-01-01T08:00:00+07:00', place: 'Thôn 3', participants: [], content: 'Xác minh' }));
  assert.equal(past.errors?.[0]?.keyword, 'verification-in-past');
  await refusedUnchanged(id, 422, () => act(spec1, id, { type: 'schedule-verification', when: inFuture(2), place: 'Thôn 3', participants: [], content: '  ' }));
  const r = await act(spec1, id, { type: 'schedule-verification', when: inFuture(2), place: 'Thôn 3, xã Hòa Phú', participants: ['Cán bộ địa chính'], content: 'Xác minh nơi cư trú' });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json().verifications.map((v: { place: string }) => v.place), ['Thôn 3, xã Hòa Phú']);
});

test('a consulted agency sees the consultation in its list and answers it; its officers are told in the same transaction; the asking agency and a third agency cannot answer', async () => {
  const { id } = await atAppraisal();
  await refusedUnchanged(id, 422, () => act(spec1, id, { type: 'consult', agencyCode: B, question: 'Ý kiến về hiện trạng', replyBy: '2020-01-01T08:00:00+07:00' }));
  const r = await act(spec1, id, { type: 'consult', agencyCode: B, question: 'Ý kiến về hiện trạng', replyBy: inFuture(5) });
  assert.equal(r.statusCode, 200, r.body);
  const consultation = r.json().consultations[0];
  assert.ok(!r.json().availableActions.includes('answer-consultation'), 'the officer who asked does not answer');
  // The consulted agency's processing officers (specialist, head, leader of B) and nobody else are told.
  const told = await t.db.select({ userId: notifications.recipientUserId, data: notifications.data }).from(notifications).where(and(eq(notifications.dossierId, id), eq(notifications.template, 'officer.consultation-requested')));
  const names = (await t.db.select({ id: users.id, username: users.username }).from(users)).reduce((m, u) => m.set(u.id, u.username), new Map<string, string>());
  assert.deepEqual(told.map((n) => names.get(n.userId!)).sort(), ['head.b', 'leader.b', 'specialist.b']);
  assert.equal((told[0]!.data as { question: string }).question, 'Ý kiến về hiện trạng');
  const listOf = async (c: Client) => (await c.get('/api/v1/worklists/consultations')).json().items.map((i: { id: string }) => i.id);
  assert.ok((await listOf(specB)).includes(id), 'the consulted agency sees it in its consultations list');
  assert.ok(!(await listOf(cSpec)).includes(id), 'a third agency does not');
  const viewB = (await specB.get(`/api/v1/dossiers/${id}`)).json();
  assert.deepEqual(viewB.availableActions, ['answer-consultation']);
  const answer = { type: 'answer-consultation', id: consultation.id, answer: 'Hiện trạng đúng hồ sơ' };
  await refusedUnchanged(id, 404, () => act(cSpec, id, answer)); // a third agency cannot even see the dossier
  const deskB = await t.as('reception.b');
  await refusedUnchanged(id, 403, () => act(deskB, id, answer)); // B, but not a processing role
  await refusedUnchanged(id, 403, () => act(spec1, id, answer));
  await refusedUnchanged(id, 422, () => act(specB, id, { ...answer, answer: '  ' }));
  const ok = await act(specB, id, answer);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().consultations[0].answer, 'Hiện trạng đúng hồ sơ');
  assert.ok(!(await listOf(specB)).includes(id), 'answered: off the list');
  await refusedUnchanged(id, 403, () => act(specB, id, answer));
});

test('a refusal to resolve needs reasons and sends the dossier to the desk, not resolved', async () => {
  const { id } = await atAppraisal();
  assert.equal((await refusedUnchanged(id, 422, () => act(spec1, id, { type: 'refuse-resolution', reasons: [' '] }))).errors?.[0]?.keyword, 'missing-reason');
  await refusedUnchanged(id, 400, () => act(spec1, id, { type: 'refuse-resolution', reasons: [] }));
  await refusedUnchanged(id, 403, () => act(spec2, id, { type: 'refuse-resolution', reasons: ['Không đủ điều kiện'] }));
  const r = (await act(spec1, id, { type: 'refuse-resolution', reasons: ['Không đủ điều kiện theo Điều 5'] })).json();
  assert.deepEqual([r.phase, r.outcome, r.exchangeStatus.code], ['result-ready', 'not-resolved', '11']);
});

test('processing is stopped with a reason, and nothing more happens to a stopped dossier', async () => {
  const { id } = await atAppraisal();
  await refusedUnchanged(id, 422, () => act(spec1, id, { type: 'stop', reason: '  ' }));
  const r = (await act(spec1, id, { type: 'stop', reason: 'Có tranh chấp về quyền nuôi con' })).json();
  assert.deepEqual([r.phase, r.exchangeStatus.code, r.nationalStatus.code], ['stopped', '13', 8]);
  await refusedUnchanged(id, 403, () => act(spec1, id, { type: 'forward' }));
});

test('an apology reschedules the appointment once and tells the applicant; the dossier is then overdue in the list and in its warning [003 Art. 19.1]', async () => {
  const { id } = await atAppraisal();
  const before = await rowOf(id);
  const later = new Date(before.appointment!.getTime() + 7 * 86400_000).toISOString();
  await refusedUnchanged(id, 422, () => act(spec1, id, { type: 'apologize', reason: 'Cần xác minh', newAppointment: before.appointment!.toISOString() }));
  const r = await act(spec1, id, { type: 'apologize', reason: 'Cần xác minh thêm', newAppointment: later });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(new Date(r.json().appointment).getTime(), new Date(later).getTime());
  assert.equal(r.json().warning.state, 'overdue', 'an apologised dossier counts as overdue');
  assert.ok((await t.db.select().from(notifications).where(and(eq(notifications.dossierId, id), eq(notifications.template, 'dossier.extended')))).length > 0);
  const again = await refusedUnchanged(id, 422, () => act(spec1, id, { type: 'apologize', reason: 'Lần hai', newAppointment: new Date(new Date(later).getTime() + 86400_000).toISOString() }));
  assert.equal(again.errors?.[0]?.keyword, 'apology-already-used');
  const item = (await (await t.as('leader.a')).get('/api/v1/worklists/overdue')).json().items.find((i: { id: string }) => i.id === id);
  assert.equal(item?.warning?.state, 'overdue', 'listed as overdue, with the same warning');
});

test('the public lookup names the department now processing: the step’s, also while one person holds it, else the named holder’s [SPEC §12]', async () => {
  const d = (await citizen.post('/api/v1/dossiers', body)).json();
  const code = (await act(desk, d.id, { type: 'accept' })).json().code;
  assert.equal((await lookup(code)).processingDepartment, 'Bộ phận tiếp nhận và trả kết quả', 'the reception step has no department: the desk officer’s');
  await act(desk, d.id, { type: 'forward' });
  assert.equal((await lookup(code)).processingDepartment, 'Phòng Hành chính tư pháp', 'held by the department’s group');
  await act(head, d.id, { type: 'assign', toUserId: ids.spec1 });
  assert.equal((await lookup(code)).processingDepartment, 'Phòng Hành chính tư pháp', 'held by one person of the department');
  await act(spec1, d.id, { type: 'stop', reason: 'Có tranh chấp' });
  assert.equal((await lookup(code)).processingDepartment, null, 'nobody processes a stopped dossier');
});

test('the events of a dossier are hidden (404) from another citizen and from an officer of another agency', async () => {
  const { id } = await atAppraisal();
  assert.equal((await citizen.get(`/api/v1/dossiers/${id}/events`)).statusCode, 200);
  problem(await (await t.as('citizen.2')).get(`/api/v1/dossiers/${id}/events`), 404);
  problem(await specB.get(`/api/v1/dossiers/${id}/events`), 404);
  problem(await cSpec.get(`/api/v1/dossiers/${id}/events`), 404);
});

test('a desk officer cannot enter a dossier for an agency it does not serve (403), and nothing is written', async () => {
  const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(dossiers))[0]!.n;
  const n = await count();
  problem(await (await t.as('reception.b')).post('/api/v1/dossiers', body), 403);
  assert.equal(await count(), n);
});

test('the overdue list holds exactly the open dossiers whose warning is overdue, by the calendar policy (appointment by default, or deadline) [002 Art. 14.4.d; 003 Art. 21.a]', async () => {
  const deps: DossierDeps = { db: t.db, calendar: new CalendarService(t.db), publicUrl: 'http://localhost' };
  const sessionOf = async (username: string) => (await loadSessionUser(t.db, (await t.db.select().from(users).where(eq(users.username, username)))[0]!.id))!;
  // Received and accepted a month ago: its appointment has passed.
  const month = Date.now() - 30 * 86400_000;
  const { row } = await submitDossier(deps, await sessionOf('citizen.1'), body as never, null, month);
  await actOnDossier(deps, await sessionOf('mc.desk'), row.id, { type: 'accept' }, month + 60_000);
  await actOnDossier(deps, await sessionOf('mc.desk'), row.id, { type: 'forward' }, month + 120_000);
  // Past its deadline but not yet its appointment (a stored clock set so, as a dossier would be
  // between the end of its last session and the start of the next).
  const { id: between } = await atAppraisal();
  const deadline = new Date(Date.now() - 3600_000);
  await t.db.execute(sql`update dossiers set deadline = ${deadline.toISOString()}::timestamptz, state = jsonb_set(state, '{clock,deadline}', to_jsonb(${deadline.getTime()}::bigint)) where id = ${between}`);
  const { id: fresh } = await atAppraisal();
  const leader = await t.as('leader.a');
  const overdue = async () => (await leader.get('/api/v1/worklists/overdue?pageSize=200')).json().items as { id: string; warning: { state: string } | null }[];
  const views = async (idsToView: string[]) => Promise.all(idsToView.map(async (x) => [x, (await leader.get(`/api/v1/dossiers/${x}`)).json().warning?.state] as const));

  let list = await overdue();
  assert.ok(list.length > 0);
  for (const i of list) assert.equal(i.warning?.state, 'overdue', `listed ${i.id} has warning overdue`);
  assert.deepEqual(await views([row.id, between, fresh]), [[row.id, 'overdue'], [between, 'not-due'], [fresh, 'not-due']]);
  assert.deepEqual([row.id, between, fresh].map((x) => list.some((i) => i.id === x)), [true, false, false]);

  const settings = (await admin.get('/api/v1/calendar/settings')).json().settings;
  assert.equal((await admin.put('/api/v1/calendar/settings', { ...settings, policy: { ...settings.policy, overdueFrom: 'deadline' } })).statusCode, 204);
  list = await overdue();
  for (const i of list) assert.equal(i.warning?.state, 'overdue', `listed ${i.id} has warning overdue`);
  assert.deepEqual((await views([between]))[0]![1], 'overdue');
  assert.deepEqual([row.id, between, fresh].map((x) => list.some((i) => i.id === x)), [true, true, false], 'overdue from the deadline under that policy');
  assert.equal((await admin.put('/api/v1/calendar/settings', settings)).statusCode, 204);
});

test("an officer's view marks as answerable only the open consultations and tasks of agencies the officer may answer for — the ones the answer form lists", async () => {
  const { id } = await atAppraisal();
  assert.equal((await act(spec1, id, { type: 'consult', agencyCode: B, question: 'Ý kiến của B', replyBy: inFuture(5) })).statusCode, 200);
  const both = await act(spec1, id, { type: 'consult', agencyCode: C, question: 'Ý kiến của C', replyBy: inFuture(5) });
  assert.equal(both.statusCode, 200, both.body);
  const marks = (v: { consultations: { agencyCode: string; answerable: boolean }[] }) => v.consultations.map((c) => [c.agencyCode, c.answerable]);
  assert.deepEqual(marks(both.json()), [[B, false], [C, false]], 'the asking officer answers neither');
  assert.deepEqual(marks((await specB.get(`/api/v1/dossiers/${id}`)).json()), [[B, true], [C, false]]);
  assert.deepEqual(marks((await cSpec.get(`/api/v1/dossiers/${id}`)).json()), [[B, false], [C, true]]);
  const cId = both.json().consultations[1].id;
  // What the view says is what the action decides: B answering C's consultation is refused.
  const notB = await refusedUnchanged(id, 422, () => act(specB, id, { type: 'answer-consultation', id: cId, answer: 'Không phải của B' }));
  assert.equal(notB.errors?.[0]?.keyword, 'no-such-consultation');
  const answered = await act(cSpec, id, { type: 'answer-consultation', id: cId, answer: 'Ý kiến của C' });
  assert.equal(answered.statusCode, 200, answered.body);
  assert.deepEqual(marks(answered.json()), [[B, false], [C, false]], 'answered: no longer answerable');
});
