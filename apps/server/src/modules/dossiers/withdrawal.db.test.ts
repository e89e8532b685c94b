import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { setupApi, problem, type Client } from '../../testing/http.ts';
import { A, birthContent } from '../../testing/fixture.ts';
import { dossierWithdrawalRequests, files, users } from '../../db/schema.ts';

const t = await setupApi();
const admin = await t.as('system_admin.p');
assert.equal((await admin.post('/api/v1/admin/procedures', { code: '1.001193', content: birthContent() })).statusCode, 201);
assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);

const citizen = await t.as('citizen.1');
const citizen2 = await t.as('citizen.2');
const desk = await t.as('reception.a');
const deskB = await t.as('reception.b');
const citizenId = (await t.db.select().from(users).where(eq(users.username, 'citizen.1')))[0]!.id;

async function submitted(): Promise<string> {
  const [f] = await t.db.insert(files).values({ storageKey: `test/${crypto.randomUUID()}`, originalName: 'gcs.pdf', mediaType: 'application/pdf', size: 10, sha256: 'x'.repeat(64), ownerUserId: citizenId, createdBy: citizenId }).returning();
  const r = await citizen.post('/api/v1/dossiers', {
    procedureCode: '1.001193',
    caseCode: 'TH1',
    agencyCode: A,
    applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234' },
    forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234', ngaySinh: '1990-05-01' } },
    files: [{ componentCode: 'GCS', fileId: f!.id }],
    resultChannel: 'online',
    notifyChannels: ['in-app'],
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().id;
}
async function processing(): Promise<string> {
  const id = await submitted();
  assert.equal((await desk.post(`/api/v1/dossiers/${id}/actions`, { type: 'accept' })).statusCode, 200);
  return id;
}
const ask = (c: Client, id: string, body: unknown) => c.post(`/api/v1/dossiers/${id}/withdrawal-request`, body);
const count = async (id: string) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(dossierWithdrawalRequests).where(eq(dossierWithdrawalRequests.dossierId, id)))[0]!.n;

test('the owner asks to withdraw a dossier being processed; asking again returns the first request; the desk sees it and records the withdrawal', async () => {
  const id = await processing();
  const r = await ask(citizen, id, { reason: 'Tôi đã nộp nhầm thủ tục' });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().status, 'open');
  assert.match(r.json().requestedAt, /\+07:00$/);
  const again = await ask(citizen, id, { reason: 'Lý do khác' });
  assert.equal(again.statusCode, 200);
  assert.equal(again.json().id, r.json().id);
  assert.equal(again.json().reason, 'Tôi đã nộp nhầm thủ tục');
  assert.equal(await count(id), 1);
  const seen = await desk.get(`/api/v1/dossiers/${id}/withdrawal-request`);
  assert.equal(seen.statusCode, 200);
  assert.equal(seen.json().reason, 'Tôi đã nộp nhầm thủ tục');
  assert.equal((await desk.post(`/api/v1/dossiers/${id}/actions`, { type: 'withdraw', reason: seen.json().reason })).statusCode, 200);
  const after = await citizen.get(`/api/v1/dossiers/${id}/withdrawal-request`);
  assert.equal(after.json().status, 'recorded');
});

test('a withdrawal request without a reason is refused naming the field, and nothing is written', async () => {
  const id = await processing();
  const p = problem(await ask(citizen, id, { reason: '   ' }), 400);
  assert.ok(p.errors?.some((e) => e.field === 'reason'), JSON.stringify(p.errors));
  problem(await ask(citizen, id, {}), 400);
  problem(await ask(citizen, id, { reason: 'x', extra: 1 }), 400);
  assert.equal(await count(id), 0);
  assert.equal((await citizen.get(`/api/v1/dossiers/${id}/withdrawal-request`)).statusCode, 404);
});

test('another citizen cannot ask to withdraw, or see the request: the dossier does not exist for them', async () => {
  const id = await processing();
  problem(await ask(citizen2, id, { reason: 'Không phải hồ sơ của tôi' }), 404);
  await ask(citizen, id, { reason: 'Nộp nhầm' });
  problem(await citizen2.get(`/api/v1/dossiers/${id}/withdrawal-request`), 404);
  assert.equal(await count(id), 1);
});

test('an officer cannot file a withdrawal request in the applicant’s name; an officer of another agency cannot see the dossier', async () => {
  const id = await processing();
  problem(await ask(desk, id, { reason: 'Cán bộ tự rút' }), 403);
  problem(await ask(deskB, id, { reason: 'Cán bộ tự rút' }), 404);
  assert.equal(await count(id), 0);
});

test('a dossier not yet accepted, or already ended, cannot be withdrawn by request', async () => {
  const id = await submitted();
  const p = problem(await ask(citizen, id, { reason: 'Nộp nhầm' }), 422);
  assert.equal(p.errors?.[0]?.keyword, 'not-withdrawable');
  assert.equal(await count(id), 0);
});
