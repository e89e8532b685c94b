import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INITIAL_CLOCK, instantAt } from '@motcua/domain/calendar/index.ts';
import type { DossierEvent } from '@motcua/domain/dossier/index.ts';
import { formOf, handoverRows, slipsOf, slipValues, type SlipSource } from '@motcua/domain/documents/index.ts';
import { renderPdf } from './pdf.ts';
import { renderDocx } from './docx.ts';
import { slipPrintDoc } from './service.ts';
import { openP12, signPdf, encryptSecret, decryptSecret } from './signing.ts';
import { verifyPdfSignatures } from './verify.ts';
import { decodeQr, docxText, pdfsig, pdfText, throwawayP12 } from './testing.ts';

const at = instantAt;
const RECEIVED = at('2026-03-02', '09:30');
const APPT = at('2026-03-09', '09:30');
const CODE = '000.00.10.H99-260302-0001';
const LOOKUP = `https://dvc.example.vn/tra-cuu/${CODE}`;
const clock = (appointment: number) => ({ ...INITIAL_CLOCK, phase: 'running' as const, receivedAt: RECEIVED, appointment });
const EVENTS: DossierEvent[] = [
  { type: 'submitted', at: RECEIVED, by: 'desk', channel: 'direct' },
  { type: 'accepted', at: RECEIVED + 60_000, by: 'desk', code: CODE, step: 'TN', holder: { kind: 'user', userId: 'desk' }, clock: clock(APPT), backfilled: false },
  { type: 'forwarded', at: at('2026-03-02', '14:00'), by: 'desk', from: 'TN', to: 'GQ', holder: { kind: 'user', userId: 'spec' }, comment: null },
  { type: 'supplement-requested', at: at('2026-03-03', '10:00'), by: 'spec', missing: ['Bản sao giấy đăng ký kết hôn của cha mẹ'], reason: 'Thiếu giấy tờ chứng minh quan hệ', clock: clock(APPT) },
  { type: 'supplement-received', at: at('2026-03-04', '10:00'), by: null, step: 'GQ', holder: { kind: 'user', userId: 'spec' }, clock: clock(APPT), amended: [] },
  { type: 'apologized', at: at('2026-03-09', '08:00'), by: 'spec', reason: 'Phải xác minh tại nơi cư trú', clock: clock(at('2026-03-12', '16:00')) },
  { type: 'resolution-refused', at: at('2026-03-10', '10:00'), by: 'spec', to: 'TKQ', holder: { kind: 'group', role: 'reception', departmentCode: null }, reasons: ['Người yêu cầu không đủ điều kiện đăng ký'], clock: clock(at('2026-03-12', '16:00')) },
  { type: 'stopped', at: at('2026-03-10', '11:00'), by: 'spec', reason: 'Người yêu cầu đề nghị dừng giải quyết' },
];
const SRC: SlipSource = {
  code: CODE,
  procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
  agency: { code: '000.00.10.H99', name: 'Sở Tư pháp', governingBody: 'Ủy ban nhân dân tỉnh Đắk Lắk', phone: '02623123456', place: 'Đắk Lắk' },
  applicant: { fullName: 'Nguyễn Thị Hương', address: '12 Lê Duẩn, phường Buôn Ma Thuột', phone: '0912345678', email: 'huong@example.vn' },
  components: [{ name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0 }],
  timeLimit: { unit: 'working-days', value: 5 },
  resultChannel: 'desk',
  resultAddress: null,
  events: EVENTS,
  userNames: { desk: 'Lê Văn Tâm', spec: 'Phạm Thị Lan' },
  agencyNames: {},
  lookupUrl: LOOKUP,
};

function docOf(kind: string) {
  const ref = slipsOf(EVENTS).find((r) => r.kind === kind)!;
  const values = slipValues(SRC, ref);
  const rows = ref.form.table === 'handovers' ? handoverRows(SRC, (c) => c, () => null) : null;
  return { ref, doc: slipPrintDoc(SRC, ref, values, { title: ref.form.title, paragraphs: [...ref.form.paragraphs] }, rows) };
}

const norm = (s: string) => s.replace(/\s+/g, ' ');

for (const kind of ['receipt', 'supplement', 'refusal', 'apology', 'stop', 'control']) {
  test(`the ${kind} slip prints on A5 with the motto, the code, the applicant and Vietnamese text intact, and a QR of the lookup address`, async () => {
    const { ref, doc } = docOf(kind);
    const pdf = await renderPdf(doc);
    const text = norm(pdfText(pdf));
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', ref.form.title, CODE, 'Nguyễn Thị Hương', 'Đắk Lắk, ngày', 'Trang 1/1']) assert.ok(text.includes(s), `${kind}: "${s}" in\n${text}`);
    if (kind === 'receipt') assert.ok(text.includes('09 giờ 30 phút, ngày 09 tháng 03 năm 2026'), 'the appointment');
    if (kind === 'apology') assert.ok(text.includes('16 giờ 00 phút, ngày 12 tháng 03 năm 2026'), 'the new appointment');
    if (kind === 'supplement') assert.ok(text.includes('1. Bản sao giấy đăng ký kết hôn của cha mẹ'));
    if (kind === 'control') assert.ok(text.includes('Giao: Lê Văn Tâm') && text.includes('Nhận: Phạm Thị Lan'), text);
    assert.equal(decodeQr(pdf), LOOKUP);
    // A5 = 148 × 210 mm = 419.5 × 595.3 pt.
    assert.match(pdf.toString('latin1'), /\/MediaBox \[ 0 0 419\.5\d* 595\.2\d* \]/);
    assert.match(pdf.toString('latin1'), /\/FontFile2/, 'the font is embedded');
    const docx = docxText(await renderDocx(doc));
    for (const s of [ref.form.title, CODE, 'Nguyễn Thị Hương', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']) assert.ok(docx.includes(s), `docx ${kind}: ${s}`);
  });
}

test('the register prints on A4 (landscape) with one row per dossier', async () => {
  const form = formOf('tt03-2025', 'register')!;
  const pdf = await renderPdf({ paper: 'A4-landscape', qrText: null, governingBody: 'Ủy ban nhân dân tỉnh Đắk Lắk', agencyName: 'Sở Tư pháp', number: null, placeDate: 'Đắk Lắk, ngày 02/03/2026', title: form.title, blocks: [], table: { columns: [{ title: 'STT', width: 1 }, { title: 'Mã hồ sơ', width: 4 }], rows: Array.from({ length: 60 }, (_, i) => [String(i + 1), `${CODE}-${i}`]) }, signatures: [], docTitle: 'x' });
  const text = norm(pdfText(pdf));
  assert.ok(text.includes('SỔ THEO DÕI HỒ SƠ') && text.includes(`${CODE}-59`) && text.includes('Trang 2/2'), 'rows continue on a second numbered page');
  assert.match(pdf.toString('latin1'), /\/MediaBox \[ 0 0 841\.8\d* 595\.2\d* \]/);
});

test('a slip signed with a certificate whose subject and issuer are Vietnamese validates in pdfsig and in our verifier; one changed byte is detected by both', async () => {
  const id = await openP12(throwawayP12('UBND tỉnh Đắk Lắk', 'mật khẩu thử'), 'mật khẩu thử');
  assert.match(id.subject, /CN=UBND tỉnh Đắk Lắk/);
  const signed = await signPdf(await renderPdf(docOf('receipt').doc), id, { reason: 'Ký số giấy tiếp nhận', location: 'Đắk Lắk', name: 'Sở Tư pháp' });
  const sig = pdfsig(signed);
  assert.match(sig, /Signer Certificate Common Name: UBND tỉnh Đắk Lắk/);
  assert.match(sig, /Signature Type: ETSI\.CAdES\.detached/);
  assert.match(sig, /Total document signed/);
  assert.match(sig, /Signature Validation: Signature is Valid/);
  const [mine] = await verifyPdfSignatures(signed);
  assert.deepEqual([mine!.signer, mine!.valid, mine!.coversWholeDocument, mine!.changedSinceSigning], ['UBND tỉnh Đắk Lắk', true, true, false]);
  assert.match(mine!.issuerDn!, /CN=UBND tỉnh Đắk Lắk/);
  assert.ok(Math.abs(new Date(mine!.signingTime!).getTime() - Date.now()) < 10 * 60_000);

  const tampered = Buffer.from(signed);
  const i = tampered.indexOf('%', 5) + 1; // the binary comment after the header: signed, but no object reads it
  tampered[i] = tampered[i]! ^ 1;
  assert.match(pdfsig(tampered), /Digest Mismatch/);
  const [bad] = await verifyPdfSignatures(tampered);
  assert.deepEqual([bad!.valid, bad!.changedSinceSigning], [false, true]);

  const appended = Buffer.concat([signed, Buffer.from('\n% thêm sau khi ký\n')]);
  const [app] = await verifyPdfSignatures(appended);
  assert.deepEqual([app!.valid, app!.coversWholeDocument, app!.changedSinceSigning], [true, false, true], 'bytes added after signing are reported');
});

test('a legacy (3DES) PKCS#12 opens too; a wrong passphrase is refused', async () => {
  const p12 = throwawayP12('Sở Tư pháp tỉnh Đắk Lắk', 'pw', true);
  assert.match((await openP12(p12, 'pw')).subject, /Sở Tư pháp/);
  await assert.rejects(openP12(p12, 'sai'), /PKCS#12/);
});

test('a sealed secret opens only with the same server key', () => {
  const key = Buffer.alloc(32, 7);
  const sealed = encryptSecret(key, Buffer.from('mật khẩu'));
  assert.equal(decryptSecret(key, sealed).toString('utf8'), 'mật khẩu');
  assert.throws(() => decryptSecret(Buffer.alloc(32, 8), sealed));
});
