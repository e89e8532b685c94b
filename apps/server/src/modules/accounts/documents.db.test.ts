import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { setupApi, problem } from '../../testing/http.ts';
import { files, personalDocuments } from '../../db/schema.ts';
import { publishBirthProcedure, returnedDossier, submission, uploadPdf } from './testing.ts';

const t = await setupApi();
await publishBirthProcedure(t);
const citizen = await t.as('citizen.1');
const citizen2 = await t.as('citizen.2');
const officer = await t.as('reception.a');
const stored = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(personalDocuments))[0]!.n;

test('a citizen uploads a PDF (checked by the file service) into the store, lists it and downloads it [SPEC §16]', async () => {
  const fileId = await uploadPdf(citizen, 'cccd-mat-truoc.pdf');
  const r = await citizen.post('/api/v1/me/documents', { fileId, title: 'Căn cước công dân' });
  assert.equal(r.statusCode, 201, r.body);
  assert.deepEqual([r.json().title, r.json().source, r.json().deletable, r.json().mediaType], ['Căn cước công dân', 'upload', true, 'application/pdf']);
  const again = await citizen.post('/api/v1/me/documents', { fileId, title: 'Căn cước công dân' });
  assert.equal(again.statusCode, 201, 'a retry answers the same document');
  const list = (await citizen.get('/api/v1/me/documents')).json();
  assert.equal(list.items.filter((d: { fileId: string }) => d.fileId === fileId).length, 1, 'nothing doubled');
  const dl = await citizen.get(`/api/v1/files/${fileId}`);
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'application/pdf');
});

test('bad input names the field and stores nothing; another account’s file cannot be put in my store', async () => {
  const before = await stored();
  const p = problem(await citizen.post('/api/v1/me/documents', { fileId: 'x', extra: 1 }), 400);
  assert.deepEqual(p.errors!.map((e) => e.field).sort(), ['extra', 'fileId']);
  const theirs = await uploadPdf(citizen2);
  problem(await citizen.post('/api/v1/me/documents', { fileId: theirs }), 404);
  assert.equal(await stored(), before);
});

test('another citizen cannot see, download, delete or attach my documents; officers have no store', async () => {
  const fileId = await uploadPdf(citizen, 'ho-khau.pdf');
  assert.equal((await citizen.post('/api/v1/me/documents', { fileId })).statusCode, 201);
  const theirs = (await citizen2.get('/api/v1/me/documents')).json();
  assert.ok(!theirs.items.some((d: { fileId: string }) => d.fileId === fileId));
  problem(await citizen2.get(`/api/v1/files/${fileId}`), 404);
  problem(await citizen2.req({ method: 'DELETE', url: `/api/v1/me/documents/${fileId}` }), 404);
  problem(await citizen2.post(`/api/v1/me/documents/${fileId}/attach`), 404);
  problem(await officer.get('/api/v1/me/documents'), 403);
  problem(await officer.post('/api/v1/me/documents', { fileId }), 403);
  problem(await t.anon.get('/api/v1/me/documents'), 401);
  assert.ok((await citizen.get('/api/v1/me/documents')).json().items.some((d: { fileId: string }) => d.fileId === fileId), 'still mine');
});

test('deleting my upload removes it from the store and the file store', async () => {
  const fileId = await uploadPdf(citizen, 'tam-tru.pdf');
  await citizen.post('/api/v1/me/documents', { fileId });
  assert.equal((await citizen.req({ method: 'DELETE', url: `/api/v1/me/documents/${fileId}` })).statusCode, 204);
  assert.ok(!(await citizen.get('/api/v1/me/documents')).json().items.some((d: { fileId: string }) => d.fileId === fileId));
  assert.equal((await t.db.select().from(files).where(eq(files.id, fileId))).length, 0);
  problem(await citizen.get(`/api/v1/files/${fileId}`), 404);
});

test('an issued result appears in the owner’s store by itself, cannot be deleted, and attaches to a new dossier as a copy the submission accepts', async () => {
  const d = await returnedDossier(t, citizen, { result: true });
  const list = (await citizen.get('/api/v1/me/documents')).json();
  const result = list.items.find((x: { fileId: string }) => x.fileId === d.resultFileId);
  assert.ok(result, 'the result is listed');
  assert.deepEqual([result.source, result.dossierCode, result.deletable], ['result', d.code, false]);
  assert.ok(!(await citizen2.get('/api/v1/me/documents')).json().items.some((x: { fileId: string }) => x.fileId === d.resultFileId));
  assert.equal((await citizen.get(`/api/v1/files/${d.resultFileId}`)).statusCode, 200, 'the owner downloads it');
  problem(await citizen.req({ method: 'DELETE', url: `/api/v1/me/documents/${d.resultFileId}` }), 409);
  assert.equal((await t.db.select().from(files).where(eq(files.id, d.resultFileId!))).length, 1);
  const a = await citizen.post(`/api/v1/me/documents/${d.resultFileId}/attach`);
  assert.equal(a.statusCode, 200, a.body);
  const copy = a.json().fileId as string;
  assert.notEqual(copy, d.resultFileId);
  const sub = await citizen.post('/api/v1/dossiers', await submission(citizen, { files: [{ componentCode: 'GCS', fileId: copy }] }));
  assert.equal(sub.statusCode, 201, sub.body);
  // An own upload attaches as itself.
  const own = await uploadPdf(citizen, 'giay-to-khac.pdf');
  await citizen.post('/api/v1/me/documents', { fileId: own });
  assert.equal((await citizen.post(`/api/v1/me/documents/${own}/attach`)).json().fileId, own);
});
