import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { setupApi, problem } from '../../testing/http.ts';
import { A, B, birthContent } from '../../testing/fixture.ts';
import { dossierRatings, files, users } from '../../db/schema.ts';

const t = await setupApi();
const admin = await t.as('system_admin.p');
assert.equal((await admin.post('/api/v1/admin/procedures', { code: '1.001193', content: birthContent() })).statusCode, 201);
assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);

const citizen = await t.as('citizen.1');
const desk = await t.as('reception.a');
const spec = await t.as('specialist.a');
const leaderA = await t.as('leader.a');
const leaderB = await t.as('leader.b');
const citizenId = (await t.db.select().from(users).where(eq(users.username, 'citizen.1')))[0]!.id;

const vnToday = new Date(Date.now() + 7 * 3600_000);
const year = vnToday.getUTCFullYear();
const quarter = `${year}-Q${Math.floor(vnToday.getUTCMonth() / 3) + 1}`;

async function resolvedOnlineDossier(): Promise<string> {
  const [f] = await t.db.insert(files).values({ storageKey: `test/${randomUUID()}`, originalName: 'gcs.pdf', mediaType: 'application/pdf', size: 10, sha256: 'x'.repeat(64), ownerUserId: citizenId, createdBy: citizenId }).returning();
  const d = await citizen.post('/api/v1/dossiers', {
    procedureCode: '1.001193',
    caseCode: 'TH1',
    agencyCode: A,
    applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234', phone: '0912345678', email: 'huong@example.vn' },
    forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234', ngaySinh: '1990-05-01' } },
    files: [{ componentCode: 'GCS', fileId: f!.id }],
    resultChannel: 'online',
    notifyChannels: ['in-app'],
  });
  assert.equal(d.statusCode, 201, d.body);
  const id = d.json().id;
  for (const [who, body] of [
    [desk, { type: 'accept' }],
    [desk, { type: 'forward' }],
    [spec, { type: 'send-result', results: [{ fileId: null, name: 'Giấy khai sinh' }] }],
  ] as const) {
    const r = await who.post(`/api/v1/dossiers/${id}/actions`, body);
    assert.equal(r.statusCode, 200, r.body);
  }
  return id;
}

const firstResolved = await resolvedOnlineDossier();
await resolvedOnlineDossier();
// one feedback received and answered on time this period: index 8 earns 2
const fb = (await t.anon.post('/api/v1/public/feedback', { kind: 'feedback', subject: 'procedure', agencyCode: A, title: 'Góp ý thủ tục', content: 'Đề nghị rút ngắn thời gian giải quyết.', senderName: 'Trần Văn Bình', private: false, idempotencyKey: randomUUID() })).json();
assert.equal((await spec.post(`/api/v1/feedback/${fb.id}/answer`, { answer: 'Cảm ơn ông, cơ quan đã ghi nhận góp ý.' })).statusCode, 200);

test('an agency leader gets the quarter scores of the agency and its officers from the dossiers resolved in it [TT 01/2018 Art. 13–15]', async () => {
  const r = await leaderA.get(`/api/v1/evaluation?period=${quarter}&agency=${A}`);
  assert.equal(r.statusCode, 200, r.body);
  const rep = r.json();
  assert.equal(rep.period, quarter);
  const a = rep.agencies.find((x: { agencyCode: string }) => x.agencyCode === A);
  assert.ok(a, 'the agency is scored');
  assert.equal(a.score.dossiers, 2);
  const byIndex = Object.fromEntries(a.score.indices.map((i: { index: number; tenths: number | null }) => [i.index, i.tenths]));
  // resolved before the appointment day: early → 2; no supplement → 2; online, nowhere else to go → 2
  assert.equal(byIndex[1], 20);
  assert.equal(byIndex[3], 20);
  assert.equal(byIndex[4], 20);
  assert.equal(byIndex[7], 20);
  assert.equal(byIndex[8], 20, 'the one feedback was answered on time');
  assert.equal(byIndex[9], 2 * 10, 'all received online, the procedure fully online, none late');
  assert.equal(byIndex[5], null, 'no data is left out, never guessed');
  assert.equal(a.score.max, 180);
  const officers = rep.officers.map((o: { fullName: string }) => o.fullName).sort();
  assert.deepEqual(officers, ['Cán bộ reception.a', 'Cán bộ specialist.a']);
  for (const o of rep.officers) assert.equal(o.score.max, 100);
  const svc = a.serviceIndex;
  assert.equal(svc.indicators.find((i: { key: string }) => i.key === 'resolvedOnTime').tenths, 120);
  assert.equal(svc.indicators.find((i: { key: string }) => i.key === 'ratingsSatisfied').tenths, null, 'nobody rated yet: no data, not a score');
});

test('a year is a period too; an agency without dossiers gets no class rather than a failing one', async () => {
  const rep = (await admin.get(`/api/v1/evaluation?period=${year}`)).json();
  const b = rep.agencies.find((x: { agencyCode: string }) => x.agencyCode === B);
  assert.equal(b.score.dossiers, 0);
  assert.equal(b.score.indices[0].tenths, null);
});

test('a period that is not a quarter or a year, or an unknown agency, names the field', async () => {
  assert.equal(problem(await leaderA.get('/api/v1/evaluation?period=2026-Q5'), 400).errors?.[0]?.field, 'querystring.period');
  assert.equal(problem(await leaderA.get('/api/v1/evaluation?period=2026-07'), 400).errors?.[0]?.field, 'querystring.period');
  assert.equal(problem(await admin.get(`/api/v1/evaluation?period=${quarter}&agency=000.00.99.H99`), 400).errors?.[0]?.field, 'agency');
  assert.equal(problem(await t.anon.get('/api/v1/public/evaluation'), 400).errors?.[0]?.field, 'querystring.period');
});

test('scores of another agency are refused to its sibling leader; a specialist or citizen gets none', async () => {
  problem(await leaderB.get(`/api/v1/evaluation?period=${quarter}&agency=${A}`), 403);
  problem(await spec.get(`/api/v1/evaluation?period=${quarter}`), 403);
  problem(await citizen.get(`/api/v1/evaluation?period=${quarter}`), 403);
  problem(await t.anon.get(`/api/v1/evaluation?period=${quarter}`), 401);
  const own = (await leaderB.get(`/api/v1/evaluation?period=${quarter}`)).json();
  assert.deepEqual(own.agencies.map((a: { agencyCode: string }) => a.agencyCode), [B]);
});

test('the public evaluation lists agencies only: no officer, no respondent [TT 01/2018 Art. 15.3; NĐ 61 Art. 27]', async () => {
  const r = await t.anon.get(`/api/v1/public/evaluation?period=${quarter}`);
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json();
  assert.deepEqual(Object.keys(body).sort(), ['agencies', 'asOf', 'period']);
  const text = JSON.stringify(body);
  assert.ok(!text.includes('Cán bộ'), 'no officer names');
  assert.ok(!text.includes('Nguyễn Thị Hương') && !text.includes('Trần Văn Bình'), 'no applicant or sender');
  assert.ok(body.agencies.some((a: { agencyCode: string }) => a.agencyCode === A));
});

test('a rating counts: an attitude rated not satisfied takes index 7 of that dossier to 0, and the satisfied share feeds Decision 766 [TT 01/2018 Art. 13.7, 14.3]', async () => {
  await t.db.insert(dossierRatings).values({ dossierId: firstResolved, agencyCode: A, source: 'paper', overall: 'satisfied', convenience: 'satisfied', timeliness: 'very_satisfied', attitude: 'not_satisfied' });
  const a = (await leaderA.get(`/api/v1/evaluation?period=${quarter}&agency=${A}`)).json().agencies.find((x: { agencyCode: string }) => x.agencyCode === A);
  const byIndex = Object.fromEntries(a.score.indices.map((i: { index: number; tenths: number | null }) => [i.index, i.tenths]));
  // (0 for the rated dossier + 2 for the other) / 2 = 1.0
  assert.equal(byIndex[7], 10);
  // one rating, satisfied overall: 1/1 of the indicator's 12 points
  assert.equal(a.serviceIndex.indicators.find((i: { key: string }) => i.key === 'ratingsSatisfied').tenths, 120);
});
