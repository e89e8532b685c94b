import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { setupApi, problem, type Client } from '../../testing/http.ts';
import { A, birthContent } from '../../testing/fixture.ts';
import { dossierEvents, dossierFiles, dossiers } from '../../db/schema.ts';
import { minimalPdf, multipart } from '../../files/testing.ts';

/**
 * Result drafting (dự thảo kết quả): the specialist attaches the drafted result when forwarding,
 * the leader at the signing step sees it and sends it as the result. A process with a signing step
 * of agency A: TN (desk) → GQ (specialist) → KY (leader signs) → TKQ (return).
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-drafts-'));
const t = await setupApi({ env: { DATA_DIR: dataDir } });
const admin = await t.as('system_admin.p');
assert.equal((await admin.post('/api/v1/admin/procedures', { code: '1.001193', content: birthContent() })).statusCode, 201);
assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);
const adminA = await t.as('agency_admin.a');
const proc = await adminA.post('/api/v1/admin/processes', {
  agencyCode: A,
  procedureCode: '1.001193',
  definition: {
    name: 'Đăng ký khai sinh — có bước lãnh đạo ký',
    steps: [
      { code: 'TN', name: 'Tiếp nhận', stage: 'reception', role: 'reception', budgetHours: 1, assignment: 'group', next: 'GQ' },
      { code: 'GQ', name: 'Giải quyết', stage: 'processing', role: 'specialist', budgetHours: 40, assignment: 'group', next: 'KY' },
      { code: 'KY', name: 'Lãnh đạo ký', stage: 'signing', role: 'leader', budgetHours: 4, assignment: 'group', next: 'TKQ', rejectTo: 'GQ' },
      { code: 'TKQ', name: 'Trả kết quả', stage: 'return', role: 'reception', budgetHours: 0, assignment: 'group', next: null },
    ],
  },
});
assert.equal(proc.statusCode, 201, proc.body);
assert.equal((await adminA.post(`/api/v1/admin/processes/${proc.json().id}/publish`)).statusCode, 200);

const citizen = await t.as('citizen.1');
const desk = await t.as('reception.a');
const spec = await t.as('specialist.a');
const leader = await t.as('leader.a');
const specB = await t.as('specialist.b');
const leaderB = await t.as('leader.b');

const act = (c: Client, id: string, b: unknown) => c.post(`/api/v1/dossiers/${id}/actions`, b);
async function upload(c: Client, name: string): Promise<string> {
  const body = await multipart([{ name: 'file', fileName: name, data: minimalPdf({ text: name }), type: 'application/pdf' }]);
  const up = await c.req({ method: 'POST', url: '/api/v1/files', payload: body.payload, headers: body.headers });
  assert.equal(up.statusCode, 201, up.body);
  return up.json().id;
}
/** A dossier accepted and handed to the specialists' step GQ. */
async function atProcessing(): Promise<string> {
  const d = await citizen.post('/api/v1/dossiers', {
    procedureCode: '1.001193',
    caseCode: 'TH1',
    agencyCode: A,
    applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234', phone: '0912345678' },
    forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234', ngaySinh: '1990-05-01' } },
    files: [{ componentCode: 'GCS', fileId: await upload(citizen, 'giay-chung-sinh.pdf') }],
    resultChannel: 'desk',
    notifyChannels: ['in-app'],
  });
  assert.equal(d.statusCode, 201, d.body);
  const id = d.json().id;
  assert.equal((await act(desk, id, { type: 'accept' })).statusCode, 200);
  assert.equal((await act(desk, id, { type: 'forward' })).statusCode, 200);
  return id;
}
const eventCount = async (id: string) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(dossierEvents).where(eq(dossierEvents.dossierId, id)))[0]!.n;
const fileRows = async (id: string) => t.db.select({ kind: dossierFiles.kind, fileId: dossierFiles.fileId }).from(dossierFiles).where(eq(dossierFiles.dossierId, id));

test('the specialist forwards with a draft; the leader at the signing step sees it with who attached it and when; the event records it', async () => {
  const id = await atProcessing();
  const draft = await upload(spec, 'du-thao-giay-khai-sinh.pdf');
  const f = await act(spec, id, { type: 'forward', comment: 'Trình ký', draftFiles: [{ name: 'Dự thảo giấy khai sinh', fileId: draft }] });
  assert.equal(f.statusCode, 200, f.body);
  const view = (await leader.get(`/api/v1/dossiers/${id}`)).json();
  assert.equal(view.step.stage, 'signing');
  assert.ok(view.availableActions.includes('send-result'));
  assert.equal(view.draftResults.length, 1);
  const [d] = view.draftResults;
  assert.equal(d.fileId, draft);
  assert.equal(d.name, 'Dự thảo giấy khai sinh');
  assert.equal(d.byName, 'Cán bộ specialist.a');
  assert.match(d.at, /\+07:00$/);
  const timeline = (await leader.get(`/api/v1/dossiers/${id}/events`)).json().items;
  assert.deepEqual(timeline.find((e: { type: string; event: { draftFiles?: unknown } }) => e.type === 'forwarded' && e.event.draftFiles).event.draftFiles, [{ fileId: draft, name: 'Dự thảo giấy khai sinh' }]);
  const dl = await leader.get(`/api/v1/files/${draft}?inline=1`);
  assert.equal(dl.statusCode, 200, 'the leader previews the draft');
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.deepEqual((await fileRows(id)).filter((r) => r.kind === 'draft').map((r) => r.fileId), [draft]);
});

test('send-result with the draft’s file id attaches it as the result, which the applicant then reads', async () => {
  const id = await atProcessing();
  const draft = await upload(spec, 'du-thao.pdf');
  assert.equal((await act(spec, id, { type: 'forward', draftFiles: [{ name: 'Dự thảo giấy khai sinh', fileId: draft }] })).statusCode, 200);
  problem(await citizen.get(`/api/v1/files/${draft}`), 404);
  assert.equal((await citizen.get(`/api/v1/dossiers/${id}`)).json().draftResults.length, 0, 'the applicant does not see the draft');
  const r = await act(leader, id, { type: 'send-result', results: [{ name: 'Giấy khai sinh', fileId: draft }] });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().phase, 'result-ready');
  assert.deepEqual(r.json().results.map((x: { n: number; fileId: string }) => [x.n, x.fileId]), [[1, draft]]);
  const rows = await t.db.select({ kind: dossierFiles.kind }).from(dossierFiles).where(and(eq(dossierFiles.dossierId, id), eq(dossierFiles.fileId, draft)));
  assert.deepEqual(rows.map((x) => x.kind).sort(), ['draft', 'result']);
  assert.equal((await citizen.get(`/api/v1/files/${draft}`)).statusCode, 200, 'once it is the result, the applicant reads it');
});

test("another agency's officers cannot read the draft file nor see the dossier", async () => {
  const id = await atProcessing();
  const draft = await upload(spec, 'du-thao-b.pdf');
  assert.equal((await act(spec, id, { type: 'forward', draftFiles: [{ name: 'Dự thảo', fileId: draft }] })).statusCode, 200);
  for (const c of [specB, leaderB]) {
    problem(await c.get(`/api/v1/files/${draft}`), 404);
    problem(await c.get(`/api/v1/dossiers/${id}`), 404);
  }
  assert.equal((await spec.get(`/api/v1/files/${draft}`)).statusCode, 200, 'the uploader still reads it');
});

test('a draft file not uploaded by the caller (nor in the dossier) is refused and nothing is written; an unnamed draft is refused by the schema', async () => {
  const id = await atProcessing();
  const foreign = await upload(specB, 'khong-phai-cua-toi.pdf');
  const [events, files, state] = [await eventCount(id), await fileRows(id), (await t.db.select().from(dossiers).where(eq(dossiers.id, id)))[0]!.state];
  const p = problem(await act(spec, id, { type: 'forward', draftFiles: [{ name: 'Dự thảo', fileId: foreign }] }), 400);
  assert.equal(p.errors?.[0]?.field, 'draftFiles.0.fileId');
  problem(await act(spec, id, { type: 'forward', draftFiles: [{ name: '', fileId: await upload(spec, 'x.pdf') }] }), 400);
  assert.equal(await eventCount(id), events, 'no event written');
  assert.deepEqual(await fileRows(id), files, 'no file row written');
  assert.deepEqual((await t.db.select().from(dossiers).where(eq(dossiers.id, id)))[0]!.state, state, 'state unchanged');
  problem(await spec.get(`/api/v1/files/${foreign}`), 404);
});

test('a later draft replaces the current one in the workspace: the leader sends back, the specialist forwards a revised draft', async () => {
  const id = await atProcessing();
  const v1 = await upload(spec, 'v1.pdf');
  assert.equal((await act(spec, id, { type: 'forward', draftFiles: [{ name: 'Dự thảo lần 1', fileId: v1 }] })).statusCode, 200);
  assert.equal((await act(leader, id, { type: 'reject-draft', reason: 'Sai ngày sinh' })).statusCode, 200);
  const v2 = await upload(spec, 'v2.pdf');
  assert.equal((await act(spec, id, { type: 'forward', draftFiles: [{ name: 'Dự thảo lần 2', fileId: v2 }] })).statusCode, 200);
  assert.deepEqual((await leader.get(`/api/v1/dossiers/${id}`)).json().draftResults.map((d: { fileId: string; name: string }) => [d.fileId, d.name]), [[v2, 'Dự thảo lần 2']]);
  const drafts = (await leader.get(`/api/v1/dossiers/${id}/events`)).json().items.filter((e: { event: { draftFiles?: unknown } }) => e.event.draftFiles);
  assert.equal(drafts.length, 2, 'both drafts stay in the timeline');
});
