import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import { ACCEPT_ATTRIBUTE, scanPdf, sniffBuffer } from './sniff.ts';
import { cfbBytes, docmBytes, exeBytes, jpegBytes, minimalPdf, odtBytes, pdfWithObjectStream, pngBytes, tiffBytes, xlsxBytes } from './testing.ts';

const JS_ACTION = '<< /S /JavaScript /JS (app.alert\\(1\\)) >>';
const sniffed = async (b: Buffer) => (await sniffBuffer(b)).allowed?.mediaType ?? null;

test('the type comes from the content: PDF, JPEG, PNG, TIFF, DOCX, XLSX and ODT are recognised and allowed', async () => {
  const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Tờ khai đăng ký khai sinh')] }] }));
  assert.equal(await sniffed(minimalPdf()), 'application/pdf');
  assert.equal(await sniffed(pdfWithObjectStream()), 'application/pdf');
  assert.equal(await sniffed(jpegBytes()), 'image/jpeg');
  assert.equal(await sniffed(pngBytes()), 'image/png');
  assert.equal(await sniffed(tiffBytes()), 'image/tiff');
  assert.equal(await sniffed(docx), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  assert.equal(await sniffed(xlsxBytes()), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(await sniffed(odtBytes()), 'application/vnd.oasis.opendocument.text');
});

test('an executable, plain text, HTML, SVG, legacy .doc/.xls (CFB), macro-enabled .docm and a bare ZIP are refused', async () => {
  assert.deepEqual(await sniffBuffer(exeBytes()), { allowed: null, detected: 'exe' });
  assert.deepEqual(await sniffBuffer(Buffer.from('Xin chào, đây là văn bản thường')), { allowed: null, detected: null });
  assert.equal(await sniffed(Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>')), null);
  assert.equal(await sniffed(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')), null);
  assert.equal(await sniffed(Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')), null);
  assert.deepEqual(await sniffBuffer(cfbBytes()), { allowed: null, detected: 'cfb' });
  assert.deepEqual(await sniffBuffer(docmBytes()), { allowed: null, detected: 'docm' });
  assert.equal((await sniffBuffer(zlib.gzipSync('x'))).allowed, null);
});

test('the accept attribute for file pickers lists every allowed extension and media type', () => {
  for (const x of ['.pdf', '.jpg', '.jpeg', '.png', '.tif', '.tiff', '.docx', '.xlsx', '.odt', 'application/pdf', 'image/png']) assert.ok(ACCEPT_ATTRIBUTE.split(',').includes(x), x);
  assert.ok(!ACCEPT_ATTRIBUTE.includes('.doc,'));
});

test('a plain PDF has no active content', () => {
  assert.deepEqual(scanPdf(minimalPdf()), { active: [], unchecked: null });
  assert.deepEqual(scanPdf(pdfWithObjectStream()), { active: [], unchecked: null });
});

test('a PDF that runs JavaScript when opened (/OpenAction → /JavaScript /JS) is active content', () => {
  const pdf = minimalPdf({ catalogExtra: '/OpenAction 5 0 R', objects: [JS_ACTION] });
  assert.deepEqual(scanPdf(pdf).active.sort(), ['JS', 'JavaScript']);
});

test('/Launch, embedded files, rich media and XFA forms are active content too', () => {
  assert.deepEqual(scanPdf(minimalPdf({ catalogExtra: '/OpenAction 5 0 R', objects: ['<< /S /Launch /F (cmd.exe) >>'] })).active, ['Launch']);
  assert.deepEqual(scanPdf(minimalPdf({ catalogExtra: '/Names << /EmbeddedFiles 5 0 R >>', objects: ['<< /Names [(a.exe) 6 0 R] >>'] })).active, ['EmbeddedFiles']);
  assert.deepEqual(scanPdf(minimalPdf({ objects: ['<< /Type /EmbeddedFile /Length 0 >>\nstream\n\nendstream'] })).active, ['EmbeddedFile']);
  assert.deepEqual(scanPdf(minimalPdf({ catalogExtra: '/AcroForm << /XFA 5 0 R >>' })).active, ['XFA']);
  assert.deepEqual(scanPdf(minimalPdf({ objects: ['<< /Type /Annot /Subtype /RichMedia >>'] })).active, ['RichMedia']);
});

test('a name disguised with #hh escapes (/J#61vaScript) is still found', () => {
  const pdf = minimalPdf({ catalogExtra: '/OpenAction 5 0 R', objects: ['<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>'] });
  assert.deepEqual(scanPdf(pdf).active.sort(), ['JS', 'JavaScript']);
});

test('names are matched whole: /JSON, /Launcher or /JavaScriptish are not active content', () => {
  assert.deepEqual(scanPdf(minimalPdf({ objects: ['<< /JSON 1 /Launcher 2 /JavaScriptish 3 /XFAx 4 >>'] })).active, []);
});

test('JavaScript hidden in a compressed object stream (invisible in the raw bytes) is found', () => {
  const pdf = pdfWithObjectStream({ hidden: [JS_ACTION], openAction: true });
  assert.ok(!pdf.toString('latin1').includes('JavaScript'), 'the raw bytes do not show it');
  assert.deepEqual(scanPdf(pdf).active.sort(), ['JS', 'JavaScript']);
});

test('an uncompressed object stream is scanned as part of the file', () => {
  assert.deepEqual(scanPdf(pdfWithObjectStream({ hidden: [JS_ACTION], openAction: true, raw: true })).active.sort(), ['JS', 'JavaScript']);
});

test('an object stream that cannot be read is not trusted: another filter or undecodable data leaves the PDF unchecked (refused)', () => {
  assert.match(scanPdf(pdfWithObjectStream({ filter: '/LZWDecode' })).unchecked ?? '', /filter/);
  assert.match(scanPdf(pdfWithObjectStream({ filter: '[/ASCII85Decode /FlateDecode]' })).unchecked ?? '', /filter/);
  const broken = pdfWithObjectStream();
  const at = broken.indexOf('stream\n', broken.indexOf('/ObjStm')) + 'stream\n'.length;
  broken.fill(0x41, at, at + 8); // not zlib data any more (as when encrypted)
  assert.match(scanPdf(broken).unchecked ?? '', /does not inflate/);
});
