import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { setupApi, problem, type Client } from '../../testing/http.ts';
import { A, B, birthContent } from '../../testing/fixture.ts';
import { dossierFiles, signingCertificates, slipTemplates } from '../../db/schema.ts';
import { minimalPdf, multipart } from '../../files/testing.ts';
import { decodeQr, docxText, pdfsig, pdfText, throwawayP12 } from './testing.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-docs-'));
const t = await setupApi({ env: { DOCUMENT_SIGNING_KEY: 'ab'.repeat(32), DATA_DIR: dataDir, PUBLIC_URL: 'https://dvc.example.vn' } });
const admin = await t.as('system_admin.p');
assert.equal((await admin.post('/api/v1/admin/procedures', { code: '1.001193', content: birthContent() })).statusCode, 201);
assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);

const citizen = await t.as('citizen.1');
const citizen2 = await t.as('citizen.2');
const desk = await t.as('reception.a');
const deskB = await t.as('reception.b');
const spec = await t.as('specialist.a');

const submission = {
  procedureCode: '1.001193',
  caseCode: 'TH1',
  agencyCode: A,
  applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234', phone: '0912345678', email: 'huong@example.vn' },
  forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234', ngaySinh: '1990-05-01' } },
  files: [],
  resultChannel: 'online',
  notifyChannels: ['in-app'],
};
const act = (c: Client, id: string, body: unknown) => c.post(`/api/v1/dossiers/${id}/actions`, body);
async function upload(c: Client, name: string): Promise<string> {
  const body = await multipart([{ name: 'file', fileName: name, data: minimalPdf(), type: 'application/pdf' }]);
  const up = await c.req({ method: 'POST', url: '/api/v1/files', payload: body.payload, headers: body.headers });
  assert.equal(up.statusCode, 201, up.body);
  return up.json().id;
}
async function newDossier(): Promise<string> {
  const r = await citizen.post('/api/v1/dossiers', { ...submission, files: [{ componentCode: 'GCS', fileId: await upload(citizen, 'giay-chung-sinh.pdf') }] });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().id;
}
const slips = async (c: Client, id: string) => c.get(`/api/v1/dossiers/${id}/slips`);

const accepted = await newDossier();
const acceptedView = (await act(desk, accepted, { type: 'accept' })).json();
const code: string = acceptedView.code;

test('an accepted dossier has its receipt and control slips under the Circular 03/2025 forms; the applicant and the agency read them', async () => {
  const r = await slips(citizen, accepted);
  assert.equal(r.statusCode, 200, r.body);
  const items = r.json().items;
  assert.deepEqual(items.map((i: { kind: string; form: string }) => `${i.kind} ${i.form}`), ['receipt tt03-2025/01', 'control tt03-2025/06']);
  assert.equal(items[0].pdfUrl, `/api/v1/dossiers/${accepted}/slips/receipt.pdf`);
  assert.equal((await slips(desk, accepted)).statusCode, 200);
  assert.equal((await slips(spec, accepted)).statusCode, 200);
});

test("another citizen and an officer of another agency cannot list or download a dossier's slips", async () => {
  for (const c of [citizen2, deskB]) {
    problem(await slips(c, accepted), 404);
    problem(await c.get(`/api/v1/dossiers/${accepted}/slips/receipt.pdf`), 404);
  }
  problem(await t.anon.get(`/api/v1/dossiers/${accepted}/slips`), 401);
});

test('the receipt PDF carries the code, the applicant, the appointment and a QR of the lookup address; the DOCX the same text', async () => {
  const r = await citizen.get(`/api/v1/dossiers/${accepted}/slips/receipt.pdf`);
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-type'], 'application/pdf');
  const pdf = r.rawPayload;
  const text = pdfText(pdf).replace(/\s+/g, ' ');
  assert.ok(text.includes(code) && text.includes('Nguyễn Thị Hương') && text.includes('Sở Tư pháp'.toUpperCase()), text);
  const appt = new Date(acceptedView.appointment);
  const local = new Date(appt.getTime() + 7 * 3600_000);
  const hhmm = `${String(local.getUTCHours()).padStart(2, '0')} giờ ${String(local.getUTCMinutes()).padStart(2, '0')} phút`;
  assert.ok(text.includes(hhmm), `appointment ${hhmm} in ${text}`);
  assert.equal(decodeQr(pdf), `https://dvc.example.vn/tra-cuu/${code}`);
  const docx = await desk.get(`/api/v1/dossiers/${accepted}/slips/receipt.docx`);
  assert.equal(docx.statusCode, 200);
  assert.match(String(docx.headers['content-type']), /wordprocessingml/);
  assert.ok(docxText(docx.rawPayload).includes(code));
});

test('a completion request and a refusal give their slips with the officer-entered lists; a slip the dossier lacks is 404; a bad file name is 400', async () => {
  const d = await newDossier();
  const noReason = problem(await act(desk, d, { type: 'request-completion', missing: ['Bản chính giấy chứng sinh'], note: '' }), 400);
  assert.ok(noReason.errors?.some((e) => e.field === 'note'), 'the slip needs the reason: the action requires it');
  assert.equal((await slips(citizen, d)).json().items.length, 0, 'the refused action wrote nothing');
  assert.equal((await act(desk, d, { type: 'request-completion', missing: ['Bản chính giấy chứng sinh'], note: 'Bản sao không rõ nét' })).statusCode, 200);
  assert.equal((await act(desk, d, { type: 'refuse', reasons: ['Quá thời hạn bổ sung hồ sơ'] })).statusCode, 200);
  const items = (await slips(citizen, d)).json().items;
  assert.deepEqual(items.map((i: { kind: string }) => i.kind), ['supplement', 'refusal']);
  const sup = pdfText((await citizen.get(`/api/v1/dossiers/${d}/slips/supplement.pdf`)).rawPayload).replace(/\s+/g, ' ');
  assert.ok(sup.includes('1. Bản chính giấy chứng sinh') && sup.includes('Bản sao không rõ nét'), sup);
  const ref = pdfText((await citizen.get(`/api/v1/dossiers/${d}/slips/refusal.pdf`)).rawPayload).replace(/\s+/g, ' ');
  assert.ok(ref.includes('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ') && ref.includes('Quá thời hạn bổ sung hồ sơ'), ref);
  problem(await citizen.get(`/api/v1/dossiers/${d}/slips/apology.pdf`), 404);
  problem(await citizen.get(`/api/v1/dossiers/${d}/slips/receipt.exe`), 400);
});

test('an administrator rewords a form for the province; an unknown placeholder is refused naming it and nothing is saved; the wording shows on the slip', async () => {
  const url = `/api/v1/admin/slip-templates/000.00.00.H99/tt03-2025/receipt`;
  const bad = problem(await admin.put(url, { title: 'GIẤY BIÊN NHẬN', paragraphs: ['Của: {{applicantName}}', 'CCCD: {{idNumber}}'] }), 400);
  assert.equal(bad.errors?.[0]?.field, 'paragraphs.1');
  assert.match(bad.errors![0]!.message, /\{\{idNumber\}\}/);
  assert.equal((await t.db.select({ n: sql<number>`count(*)::int` }).from(slipTemplates))[0]!.n, 0);
  problem(await admin.put(url, { title: '', paragraphs: [] }), 400);

  const ok = await admin.put(url, { title: 'Giấy biên nhận hồ sơ', paragraphs: ['Đã nhận hồ sơ của {{applicantName}}, mã {{dossierCode}}.', '{{components}}', 'Hẹn trả: {{appointment}}'] });
  assert.equal(ok.statusCode, 200, ok.body);
  const list = (await (await t.as('agency_admin.a')).get(`/api/v1/admin/slip-templates/${A}`)).json().items;
  const receipt = list.find((i: { ruleSet: string; kind: string }) => i.ruleSet === 'tt03-2025' && i.kind === 'receipt');
  assert.equal(receipt.overriddenAt, '000.00.00.H99', 'the agency inherits the province wording');
  assert.ok(receipt.fields.some((f: { name: string }) => f.name === 'appointment'));
  const text = pdfText((await citizen.get(`/api/v1/dossiers/${accepted}/slips/receipt.pdf`)).rawPayload).replace(/\s+/g, ' ');
  assert.ok(text.includes('GIẤY BIÊN NHẬN HỒ SƠ') && text.includes(`Đã nhận hồ sơ của Nguyễn Thị Hương, mã ${code}.`), text);
  assert.equal((await admin.req({ method: 'DELETE', url })).statusCode, 204);
  assert.ok(pdfText((await citizen.get(`/api/v1/dossiers/${accepted}/slips/receipt.pdf`)).rawPayload).includes('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'));
});

test("an agency administrator edits its own agency's templates only; officers and citizens cannot", async () => {
  const body = { title: 'PHIẾU TỪ CHỐI', paragraphs: ['{{reasons}}'] };
  const agencyAdmin = await t.as('agency_admin.a');
  assert.equal((await agencyAdmin.put(`/api/v1/admin/slip-templates/${A}/tt03-2025/refusal`, body)).statusCode, 200);
  problem(await agencyAdmin.put(`/api/v1/admin/slip-templates/${B}/tt03-2025/refusal`, body), 403);
  problem(await agencyAdmin.get(`/api/v1/admin/slip-templates/${B}`), 403);
  problem(await desk.put(`/api/v1/admin/slip-templates/${A}/tt03-2025/refusal`, body), 403);
  problem(await citizen.get(`/api/v1/admin/slip-templates/${A}`), 403);
  await t.db.delete(slipTemplates);
});

test('an agency administrator installs a PKCS#12 (stored sealed); slips are then signed and validate in pdfsig; a wrong passphrase or another agency is refused', async () => {
  const p12 = throwawayP12('UBND tỉnh Đắk Lắk', 'mật-khẩu-p12');
  const url = `/api/v1/admin/agencies/${A}/signing-certificate`;
  const agencyAdmin = await t.as('agency_admin.a');
  const wrong = problem(await agencyAdmin.put(url, { p12: p12.toString('base64'), passphrase: 'sai' }), 400);
  assert.equal(wrong.errors?.[0]?.field, 'p12');
  problem(await (await t.as('agency_admin.b')).put(url, { p12: p12.toString('base64'), passphrase: 'mật-khẩu-p12' }), 403);
  problem(await desk.put(url, { p12: p12.toString('base64'), passphrase: 'mật-khẩu-p12' }), 403);
  assert.equal((await t.db.select().from(signingCertificates)).length, 0, 'nothing stored by refused calls');

  const r = await agencyAdmin.put(url, { p12: p12.toString('base64'), passphrase: 'mật-khẩu-p12' });
  assert.equal(r.statusCode, 200, r.body);
  assert.match(r.json().subject, /CN=UBND tỉnh Đắk Lắk/);
  const row = (await t.db.select().from(signingCertificates).where(eq(signingCertificates.agencyCode, A)))[0]!;
  assert.ok(!row.passphraseSealed.includes('mật') && !row.p12Sealed.includes(p12.toString('base64').slice(0, 40)), 'sealed at rest');
  assert.equal((await agencyAdmin.get(url)).json().agencyCode, A);

  const pdf = (await citizen.get(`/api/v1/dossiers/${accepted}/slips/receipt.pdf`)).rawPayload;
  const sig = pdfsig(pdf);
  assert.match(sig, /Signer Certificate Common Name: UBND tỉnh Đắk Lắk/);
  assert.match(sig, /Signature is Valid/);
});

test('a leader signs the PDF result of a dossier with the agency certificate; the signed copy is attached and its signature verifies; others are refused', async () => {
  const d = await newDossier();
  await act(desk, d, { type: 'accept' });
  await act(desk, d, { type: 'forward' });
  const resultId = await upload(spec, 'giay-khai-sinh.pdf');
  const sent = await act(spec, d, { type: 'send-result', results: [{ fileId: resultId, name: 'Giấy khai sinh' }] });
  assert.equal(sent.statusCode, 200, sent.body);

  problem(await spec.post(`/api/v1/dossiers/${d}/results/1/sign`), 403);
  problem(await (await t.as('leader.b')).post(`/api/v1/dossiers/${d}/results/1/sign`), 404);
  const leader = await t.as('leader.a');
  problem(await leader.post(`/api/v1/dossiers/${d}/results/2/sign`), 404);
  const r = await leader.post(`/api/v1/dossiers/${d}/results/1/sign`);
  assert.equal(r.statusCode, 201, r.body);
  assert.deepEqual([r.json().signature.signer, r.json().signature.valid, r.json().signature.changedSinceSigning], ['UBND tỉnh Đắk Lắk', true, false]);
  const attached = await t.db.select().from(dossierFiles).where(eq(dossierFiles.fileId, r.json().fileId));
  assert.equal(attached[0]?.kind, 'result');

  // Verification of an uploaded PDF: the applicant (through the dossier) reads the signed copy's report.
  const v = await citizen.get(`/api/v1/files/${r.json().fileId}/signatures`);
  assert.equal(v.statusCode, 200, v.body);
  assert.equal(v.json().signatures[0].signer, 'UBND tỉnh Đắk Lắk');
  assert.equal((await citizen.get(`/api/v1/files/${resultId}/signatures`)).json().signatures.length, 0, 'the unsigned original has none');
  problem(await citizen2.get(`/api/v1/files/${r.json().fileId}/signatures`), 404);
});

test('the register of an agency lists its accepted dossiers on A4; another agency\'s officer is refused; a reversed range is 400', async () => {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const r = await desk.get(`/api/v1/agencies/${A}/dossier-register.pdf?from=${today}&to=${today}`);
  assert.equal(r.statusCode, 200, r.body);
  const text = pdfText(r.rawPayload).replace(/\s+/g, ' ');
  assert.ok(text.includes('SỔ THEO DÕI HỒ SƠ') && text.includes(code), text);
  problem(await deskB.get(`/api/v1/agencies/${A}/dossier-register.pdf?from=${today}&to=${today}`), 403);
  problem(await citizen.get(`/api/v1/agencies/${A}/dossier-register.pdf?from=${today}&to=${today}`), 403);
  problem(await desk.get(`/api/v1/agencies/${A}/dossier-register.pdf?from=${today}&to=2020-01-01`), 400);
});
