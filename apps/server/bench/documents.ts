/**
 * Slip rendering and signing speed: renders the receipt slip as PDF and DOCX, signs the PDF with a
 * throw-away certificate (OpenSSL CLI) and verifies it (pkijs). Prints medians; asserts nothing.
 * Run: npm run bench:documents
 */
import { INITIAL_CLOCK, instantAt } from '@motcua/domain/calendar/index.ts';
import { slipsOf, slipValues, type SlipSource } from '@motcua/domain/documents/index.ts';
import type { DossierEvent } from '@motcua/domain/dossier/index.ts';
import { renderDocx } from '../src/modules/documents/docx.ts';
import { renderPdf } from '../src/modules/documents/pdf.ts';
import { slipPrintDoc } from '../src/modules/documents/service.ts';
import { openP12, signPdf } from '../src/modules/documents/signing.ts';
import { throwawayP12 } from '../src/modules/documents/testing.ts';
import { verifyPdfSignatures } from '../src/modules/documents/verify.ts';

const N = Number(process.env.N ?? 30);
const received = instantAt('2026-03-02', '09:30');
const code = '000.00.10.H99-260302-0001';
const events: DossierEvent[] = [
  { type: 'submitted', at: received, by: 'u', channel: 'direct' },
  { type: 'accepted', at: received, by: 'u', code, step: 'TN', holder: { kind: 'user', userId: 'u' }, clock: { ...INITIAL_CLOCK, receivedAt: received, appointment: instantAt('2026-03-09', '09:30') }, backfilled: false },
];
const src: SlipSource = {
  code,
  procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
  agency: { code: '000.00.10.H99', name: 'Sở Tư pháp', governingBody: 'Ủy ban nhân dân tỉnh Đắk Lắk', phone: null, place: 'Đắk Lắk' },
  applicant: { fullName: 'Nguyễn Thị Hương' },
  components: [{ name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0 }],
  timeLimit: { unit: 'working-days', value: 5 },
  resultChannel: 'desk',
  resultAddress: null,
  events,
  userNames: { u: 'Lê Văn Tâm' },
  agencyNames: {},
  lookupUrl: `https://dvc.example.vn/tra-cuu/${code}`,
};
const ref = slipsOf(events)[0]!;
const doc = slipPrintDoc(src, ref, slipValues(src, ref), { title: ref.form.title, paragraphs: [...ref.form.paragraphs] }, null);
const id = await openP12(throwawayP12('UBND tỉnh Đắk Lắk', 'pw'), 'pw');

async function time(label: string, fn: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(22)} median ${ms[Math.floor(N / 2)]!.toFixed(1)} ms   p90 ${ms[Math.floor(N * 0.9)]!.toFixed(1)} ms   (n=${N})`);
}

const pdf = await renderPdf(doc);
const signed = await signPdf(pdf, id, { reason: 'bench', location: 'Đắk Lắk', name: 'Sở Tư pháp' });
console.log(`receipt PDF ${pdf.length} bytes, signed ${signed.length} bytes`);
await time('render PDF (A5 + QR)', () => renderPdf(doc));
await time('render DOCX', () => renderDocx(doc));
await time('sign (openssl cms)', () => signPdf(pdf, id, { reason: 'bench', location: 'Đắk Lắk', name: 'Sở Tư pháp' }));
await time('verify (pkijs)', () => verifyPdfSignatures(signed));
