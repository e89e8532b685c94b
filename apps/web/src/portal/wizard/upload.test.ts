import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, precheck, type FileLimits } from './upload.ts';

/** The shape GET /api/v1/files/limits answers (apps/server/src/files/sniff.ts). */
const LIMITS: FileLimits = {
  maxBytes: 1024 * 1024,
  accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png',
  allowedTypes: [
    { mediaType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
    { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'Ảnh JPG' },
    { mediaType: 'image/png', extensions: ['png'], label: 'Ảnh PNG' },
  ],
};
const file = (name: string, size: number, type = '') => new File([new Uint8Array(size)], name, { type });

test('a file of an allowed type within the size limit passes the check before upload', () => {
  assert.equal(precheck(file('to-khai.pdf', 10, 'application/pdf'), LIMITS), null);
  assert.equal(precheck(file('anh.JPEG', 10), LIMITS), null, 'the extension is matched without case');
  assert.equal(precheck(file('scan', 10, 'image/png'), LIMITS), null, 'a name without an extension passes by its type');
});

test('a file whose name and type are both outside the allowed list is refused as the wrong type, before its size is judged', () => {
  assert.equal(precheck(file('macro.docm', 10, 'application/vnd.ms-word.document.macroEnabled.12'), LIMITS), 'type');
  assert.equal(precheck(file('no-extension', 10), LIMITS), 'type');
  assert.equal(precheck(file('huge.exe', LIMITS.maxBytes + 1), LIMITS), 'type');
});

test('a file one byte over the maximum is refused for its size; exactly the maximum is allowed', () => {
  assert.equal(precheck(file('big.pdf', LIMITS.maxBytes + 1, 'application/pdf'), LIMITS), 'size');
  assert.equal(precheck(file('edge.pdf', LIMITS.maxBytes, 'application/pdf'), LIMITS), null);
});

test('the maximum size is shown in MB with the language’s decimal mark, small files in KB', () => {
  assert.equal(formatBytes(1.5 * 1024 * 1024, 'vi'), '1,5 MB');
  assert.equal(formatBytes(1.5 * 1024 * 1024, 'en'), '1.5 MB');
  assert.equal(formatBytes(1500, 'en'), '2 KB');
});
