import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { setupApi, problem } from '../../testing/http.ts';
import { A, B } from '../../testing/fixture.ts';
import { publishBirthProcedure, returnedDossier } from '../accounts/testing.ts';

const t = await setupApi();
await publishBirthProcedure(t);
const citizen = await t.as('citizen.1');
const citizen2 = await t.as('citizen.2');
const [receptionA, receptionB, specialistA, adminA] = await Promise.all([t.as('reception.a'), t.as('reception.b'), t.as('specialist.a'), t.as('agency_admin.a')]);
const answers = { overall: 'very_satisfied', convenience: 'satisfied', timeliness: 'very_satisfied', attitude: 'not_satisfied' };
const ratings = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(sql`dossier_ratings`))[0]!.n;

test('the owner rates a returned dossier once: overall and three criteria on three levels [002 Art. 12; 004 Art. 14.2]', async () => {
  const d = await returnedDossier(t, citizen);
  const before = (await citizen.get(`/api/v1/me/dossiers/${d.id}/rating`)).json();
  assert.deepEqual([before.canRate, before.rating, before.dossierCode], [true, null, d.code]);
  const r = await citizen.post(`/api/v1/me/dossiers/${d.id}/rating`, { ...answers, comment: 'Cán bộ hướng dẫn chưa rõ' });
  assert.equal(r.statusCode, 201, r.body);
  assert.deepEqual(Object.keys(r.json()).sort(), ['attitude', 'comment', 'convenience', 'createdAt', 'dossierCode', 'dossierId', 'overall', 'source', 'timeliness']);
  assert.equal(r.json().source, 'portal');
  const after = (await citizen.get(`/api/v1/me/dossiers/${d.id}/rating`)).json();
  assert.deepEqual([after.canRate, after.refusal, after.rating.overall], [false, 'already-rated', 'very_satisfied']);
});

test('a second rating of the same dossier code is refused with 409, from any source', async () => {
  const d = await returnedDossier(t, citizen);
  assert.equal((await citizen.post(`/api/v1/me/dossiers/${d.id}/rating`, answers)).statusCode, 201);
  problem(await citizen.post(`/api/v1/me/dossiers/${d.id}/rating`, answers), 409);
  problem(await receptionA.post('/api/v1/ratings/device', { dossierCode: d.code, ...answers }), 409);
  problem(await adminA.post(`/api/v1/agencies/${A}/ratings/paper`, { dossierCode: d.code, ...answers }), 409);
  const [both] = await Promise.all([returnedDossier(t, citizen)]);
  const two = await Promise.all([citizen.post(`/api/v1/me/dossiers/${both.id}/rating`, answers), citizen.post(`/api/v1/me/dossiers/${both.id}/rating`, answers)]);
  assert.deepEqual(two.map((x) => x.statusCode).sort(), [201, 409], 'two at once still make one rating');
});

test('a dossier not yet returned cannot be rated, and nothing is written', async () => {
  const d = await returnedDossier(t, citizen, { stopAt: 'result-ready' });
  const n = await ratings();
  assert.equal((await citizen.get(`/api/v1/me/dossiers/${d.id}/rating`)).json().refusal, 'not-completed');
  problem(await citizen.post(`/api/v1/me/dossiers/${d.id}/rating`, answers), 422);
  assert.equal(await ratings(), n);
});

test('a rating with a missing criterion or an unknown level names the fields and writes nothing', async () => {
  const d = await returnedDossier(t, citizen);
  const n = await ratings();
  const p = problem(await citizen.post(`/api/v1/me/dossiers/${d.id}/rating`, { overall: 'great', convenience: 'satisfied', timeliness: 'satisfied' }), 400);
  assert.deepEqual(p.errors!.map((e) => e.field).sort(), ['attitude', 'overall']);
  problem(await receptionA.post('/api/v1/ratings/device', { ...answers }), 400);
  assert.equal(await ratings(), n);
});

test('another citizen or an officer cannot read or rate my dossier: 404, never data', async () => {
  const d = await returnedDossier(t, citizen);
  problem(await citizen2.get(`/api/v1/me/dossiers/${d.id}/rating`), 404);
  problem(await citizen2.post(`/api/v1/me/dossiers/${d.id}/rating`, answers), 404);
  problem(await receptionA.post(`/api/v1/me/dossiers/${d.id}/rating`, answers), 404);
  problem(await t.anon.get(`/api/v1/me/dossiers/${d.id}/rating`), 401);
  assert.equal((await citizen.get(`/api/v1/me/dossiers/${d.id}/rating`)).json().canRate, true);
});

test('a desk device (reception role of the agency) rates by dossier code; other agencies and roles are refused', async () => {
  const d = await returnedDossier(t, citizen);
  problem(await receptionB.post('/api/v1/ratings/device', { dossierCode: d.code, ...answers }), 403);
  problem(await specialistA.post('/api/v1/ratings/device', { dossierCode: d.code, ...answers }), 403);
  problem(await citizen.post('/api/v1/ratings/device', { dossierCode: d.code, ...answers }), 403);
  problem(await receptionA.post('/api/v1/ratings/device', { dossierCode: '000.00.10.H99-990101-0001', ...answers }), 404);
  const r = await receptionA.post('/api/v1/ratings/device', { dossierCode: d.code, ...answers });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().source, 'device');
});

test('an officer enters a paper form for a dossier of their agency; the answer never names the respondent or the officer', async () => {
  const d = await returnedDossier(t, citizen);
  problem(await receptionB.post(`/api/v1/agencies/${A}/ratings/paper`, { dossierCode: d.code, ...answers }), 403);
  problem(await receptionB.post(`/api/v1/agencies/${B}/ratings/paper`, { dossierCode: d.code, ...answers }), 404);
  problem(await specialistA.post(`/api/v1/agencies/${A}/ratings/paper`, { dossierCode: d.code, ...answers }), 403);
  const r = await receptionA.post(`/api/v1/agencies/${A}/ratings/paper`, { dossierCode: d.code, ...answers });
  assert.equal(r.statusCode, 201, r.body);
  const body = JSON.stringify(r.json());
  for (const secret of ['Nguyễn Thị Hương', '066190001234', 'citizen.1', 'reception.a', 'enteredBy']) assert.ok(!body.includes(secret), `the answer must not carry ${secret}`);
  assert.equal(r.json().source, 'paper');
  const [row] = (await t.db.execute<{ entered_by: string | null }>(sql`select entered_by from dossier_ratings where dossier_id = ${d.id}`)).rows;
  assert.ok(row!.entered_by, 'who typed the form is kept for the audit');
});
