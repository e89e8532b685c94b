import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { setupApi, problem, type Client } from '../../testing/http.ts';
import { A, birthContent } from '../../testing/fixture.ts';
import { auditLog, users } from '../../db/schema.ts';
import { minimalPdf, multipart, odtBytes, pngBytes } from '../../files/testing.ts';

/** The desk's helpers beside the lifecycle: assignees, the known-applicant look-up, in-place previews. */
const t = await setupApi();
const admin = await t.as('system_admin.p');
assert.equal((await admin.post('/api/v1/admin/procedures', { code: '1.001193', content: birthContent() })).statusCode, 201);
assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);

const citizen = await t.as('citizen.1');
const desk = await t.as('reception.a');
const deskB = await t.as('reception.b');
const spec = await t.as('specialist.a');

async function upload(c: Client, name: string, data: Buffer, type: string): Promise<string> {
  const body = await multipart([{ name: 'file', fileName: name, data, type }]);
  const up = await c.req({ method: 'POST', url: '/api/v1/files', payload: body.payload, headers: body.headers });
  assert.equal(up.statusCode, 201, up.body);
  return up.json().id;
}
const gcs = await upload(citizen, 'giay-chung-sinh.pdf', minimalPdf(), 'application/pdf');
const submitted = await citizen.post('/api/v1/dossiers', {
  procedureCode: '1.001193',
  caseCode: 'TH1',
  agencyCode: A,
  applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234', phone: '0912345678' },
  forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234', ngaySinh: '1990-05-01' } },
  files: [{ componentCode: 'GCS', fileId: gcs }],
  resultChannel: 'online',
  notifyChannels: ['in-app'],
});
assert.equal(submitted.statusCode, 201, submitted.body);
const dossierId: string = submitted.json().id;

const lookups = async () => (await t.db.select().from(auditLog).where(eq(auditLog.action, 'desk.applicant-lookup'))).length;

test('the assignees of a dossier are the processing officers of its agency, by name', async () => {
  const r = await desk.get(`/api/v1/dossiers/${dossierId}/assignees`);
  assert.equal(r.statusCode, 200, r.body);
  const items = r.json().items as { fullName: string; role: string; departmentCode: string | null }[];
  assert.deepEqual(items.map((i) => `${i.fullName} ${i.role}`).sort(), ['Cán bộ head.a head', 'Cán bộ leader.a leader', 'Cán bộ specialist.a specialist']);
  assert.equal((await spec.get(`/api/v1/dossiers/${dossierId}/assignees`)).statusCode, 200);
});

test('assignees: a malformed dossier id is refused naming the field', async () => {
  const p = problem(await desk.get('/api/v1/dossiers/not-a-uuid/assignees'), 400);
  assert.ok(p.errors?.some((e) => /id/.test(e.field)), JSON.stringify(p));
});

test('assignees: a citizen is refused by role; an officer of another agency finds no such dossier', async () => {
  problem(await citizen.get(`/api/v1/dossiers/${dossierId}/assignees`), 403);
  problem(await deskB.get(`/api/v1/dossiers/${dossierId}/assignees`), 404);
  problem(await t.anon.get(`/api/v1/dossiers/${dossierId}/assignees`), 401);
});

test('the desk finds an applicant known from an earlier dossier of its agency, and the look-up is audited without the full ID number', async () => {
  const before = await lookups();
  const r = await desk.get('/api/v1/desk/applicants?idNumber=066190001234');
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().source, 'dossier');
  assert.equal(r.json().applicant.fullName, 'Nguyễn Thị Hương');
  assert.equal(r.json().applicant.phone, '0912345678');
  const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, 'desk.applicant-lookup'));
  assert.equal(rows.length, before + 1);
  const last = rows.at(-1)!;
  assert.equal(last.targetId, '1234', 'only the last four digits are kept');
  assert.ok(!JSON.stringify(last).includes('066190001234'), 'the full ID number is not in the audit log');
  assert.deepEqual(last.data, { found: 'dossier' });
});

test('the desk finds an applicant known only from a citizen account; an unknown number answers null (and is audited too)', async () => {
  await t.db.update(users).set({ idNumber: '079200001111' }).where(eq(users.username, 'citizen.2'));
  const r = await desk.get('/api/v1/desk/applicants?idNumber=079200001111');
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual([r.json().source, r.json().applicant.fullName, r.json().applicant.idNumber], ['account', 'Trần Văn Bình', '079200001111']);
  const before = await lookups();
  const none = await desk.get('/api/v1/desk/applicants?idNumber=001122334455');
  assert.deepEqual(none.json(), { applicant: null, source: null });
  assert.equal(await lookups(), before + 1);
});

test('applicant look-up: an ID number that is not 12 digits is refused naming idNumber, and nothing is audited', async () => {
  const before = await lookups();
  for (const bad of ['12345', '06619000123a', '0661900012345']) {
    const p = problem(await desk.get(`/api/v1/desk/applicants?idNumber=${bad}`), 400);
    assert.ok(p.errors?.some((e) => /idNumber/.test(e.field)), JSON.stringify(p));
  }
  const missing = problem(await desk.get('/api/v1/desk/applicants'), 400);
  assert.ok(missing.errors?.some((e) => /idNumber/.test(e.field)), JSON.stringify(missing));
  assert.equal(await lookups(), before, 'a refused look-up writes nothing');
});

test('applicant look-up: a specialist or a citizen is refused by role, and nothing is audited', async () => {
  const before = await lookups();
  problem(await spec.get('/api/v1/desk/applicants?idNumber=066190001234'), 403);
  problem(await citizen.get('/api/v1/desk/applicants?idNumber=066190001234'), 403);
  assert.equal(await lookups(), before);
});

test("applicant look-up: another agency's desk does not see the applicant of this agency's dossiers", async () => {
  const r = await deskB.get('/api/v1/desk/applicants?idNumber=066190001234');
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json(), { applicant: null, source: null }, 'the earlier dossier is at agency A, outside B');
});

test('?inline=1 answers a PDF or an image inline, framable only by our own pages; other types stay attachments', async () => {
  const pdf = await desk.get(`/api/v1/files/${gcs}?inline=1`);
  assert.equal(pdf.statusCode, 200);
  assert.match(String(pdf.headers['content-disposition']), /^inline;/);
  assert.equal(pdf.headers['x-frame-options'], 'SAMEORIGIN');
  assert.match(String(pdf.headers['content-security-policy']), /frame-ancestors 'self'/);
  assert.match(String(pdf.headers['content-security-policy']), /default-src 'none'/, 'the previewed document may run nothing');
  assert.equal(pdf.headers['x-content-type-options'], 'nosniff');

  const png = await upload(citizen, 'anh.png', pngBytes(), 'image/png');
  const img = await citizen.get(`/api/v1/files/${png}?inline=1`);
  assert.match(String(img.headers['content-disposition']), /^inline;/);

  const odt = await upload(citizen, 'don.odt', odtBytes(), 'application/vnd.oasis.opendocument.text');
  const other = await citizen.get(`/api/v1/files/${odt}?inline=1`);
  assert.equal(other.statusCode, 200, other.body);
  assert.match(String(other.headers['content-disposition']), /^attachment;/);
  const odtPlain = await citizen.get(`/api/v1/files/${odt}`);
  assert.equal(other.headers['content-security-policy'], odtPlain.headers['content-security-policy'], 'no preview framing for a type that is not previewed');

  const plain = await desk.get(`/api/v1/files/${gcs}`);
  assert.match(String(plain.headers['content-disposition']), /^attachment;/, 'without ?inline the PDF downloads');
  assert.notEqual(plain.headers['content-security-policy'], pdf.headers['content-security-policy'], 'the preview policy applies only to the preview');
});

test('?inline accepts only 1; the preview is refused to whoever may not read the file', async () => {
  const p = problem(await desk.get(`/api/v1/files/${gcs}?inline=yes`), 400);
  assert.ok(p.errors?.some((e) => /inline/.test(e.field)), JSON.stringify(p));
  problem(await deskB.get(`/api/v1/files/${gcs}?inline=1`), 404);
  problem(await (await t.as('citizen.2')).get(`/api/v1/files/${gcs}?inline=1`), 404);
  // Reading another person's file through the dossier is itself logged (SPEC §18).
  const reads = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, 'file.read'));
  assert.ok(reads[0]!.n >= 1);
});
