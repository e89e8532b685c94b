import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { assertValidKey, storageKeyFor } from './store.ts';
import { cleanFileName, formatSize } from './upload.ts';
import { contentDisposition } from './routes.ts';
import { loadFileStoreConfig } from './config.ts';
import { amzDate, EMPTY_SHA256, sha256Hex, signV4, uriEncode } from './sigv4.ts';
import { expectedSignature } from './s3-standin.ts';

test('a storage key is sharded by the first four hex digits of the file id: ab/cd/<uuid>', () => {
  assert.equal(storageKeyFor('ab12cd34-0000-4000-8000-000000000000'), 'ab/12/ab12cd34-0000-4000-8000-000000000000');
  assert.throws(() => storageKeyFor('../../etc/passwd'));
  assert.throws(() => storageKeyFor('AB12CD34-0000-4000-8000-000000000000'));
});

test('storage keys cannot climb out of the store or hide: no "..", no leading "/" or ".", ASCII only', () => {
  for (const bad of ['', '../x', 'a/../b', '/abs', 'a//b', '.tmp/x', 'a/.hidden', 'tệp', 'a\\b', 'a b']) assert.throws(() => assertValidKey(bad), bad);
  for (const ok of ['ab/cd/ab12cd34-0000-4000-8000-000000000000', 'x', 'a/b.c/d_e-f']) assert.doesNotThrow(() => assertValidKey(ok), ok);
});

test('a file name is kept in NFC without directories, control or bidi-override characters; an empty one gets a default', () => {
  assert.equal(cleanFileName('Giấy khai sinh.pdf'.normalize('NFD'), 'pdf'), 'Giấy khai sinh.pdf'.normalize('NFC'));
  assert.equal(cleanFileName('C:\\Users\\an\\Tờ khai.docx', 'docx'), 'Tờ khai.docx');
  assert.equal(cleanFileName('../../etc/passwd', 'pdf'), 'passwd.pdf');
  assert.equal(cleanFileName('ảnh\u202Egpj.exe', 'png'), 'ảnhgpj.exe');
  assert.equal(cleanFileName('a\r\nb.pdf', 'pdf'), 'ab.pdf');
  assert.equal(cleanFileName('   ', 'pdf'), 'tệp.pdf');
  assert.equal(cleanFileName('.pdf', 'pdf'), 'pdf.pdf');
  assert.equal(cleanFileName('scan', 'tif'), 'scan.tif');
  const long = cleanFileName(`${'Đ'.repeat(300)}.pdf`, 'pdf');
  assert.equal([...long].length, 200);
  assert.ok(long.endsWith('.pdf'));
});

test('the download name is sent as RFC 5987 UTF-8 with an ASCII fallback', () => {
  assert.equal(contentDisposition('Giấy khai sinh.pdf'), `attachment; filename="Giay khai sinh.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20khai%20sinh.pdf`);
  assert.equal(contentDisposition('Đơn "xin" (1)\\.pdf'), `attachment; filename="Don _xin_ (1)_.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%22xin%22%20%281%29%5C.pdf`);
  // The header must be a valid header value (Node refuses anything else).
  assert.doesNotThrow(() => http.validateHeaderValue('content-disposition', contentDisposition('Tờ khai\u{1F600}.pdf')));
});

test('sizes are shown the Vietnamese way: 20 MB, 1,5 MB, 50 KB', () => {
  assert.equal(formatSize(20 * 1024 * 1024), '20 MB');
  assert.equal(formatSize(1.5 * 1024 * 1024), '1,5 MB');
  assert.equal(formatSize(50 * 1024), '50 KB');
});

test('the file store config defaults to a local directory under DATA_DIR and 20 MiB', () => {
  const c = loadFileStoreConfig({ DATA_DIR: '/srv/motcua' });
  assert.deepEqual(c, { kind: 'local', localDir: '/srv/motcua/files', spoolDir: '/srv/motcua/tmp/uploads', maxBytes: 20 * 1024 * 1024, s3: null });
  assert.equal(loadFileStoreConfig({ DATA_DIR: '/d', MAX_UPLOAD_MB: '0.5', FILE_STORE_DIR: '/mnt/files' }).maxBytes, 512 * 1024);
  assert.equal(loadFileStoreConfig({ DATA_DIR: '/d', FILE_STORE_DIR: '/mnt/files' }).localDir, '/mnt/files');
});

test('a bad file store setting stops the start with a message naming the variable, never echoing a secret', () => {
  assert.throws(() => loadFileStoreConfig({ MAX_UPLOAD_MB: 'abc' }), /MAX_UPLOAD_MB="abc"/);
  assert.throws(() => loadFileStoreConfig({ MAX_UPLOAD_MB: '0' }), /MAX_UPLOAD_MB/);
  assert.throws(() => loadFileStoreConfig({ MAX_UPLOAD_MB: '4096' }), /at most 2047/);
  assert.throws(() => loadFileStoreConfig({ FILE_STORE: 'ftp' }), /FILE_STORE="ftp"/);
  const s3 = { FILE_STORE: 's3', S3_ENDPOINT: 'https://s3.example.vn', S3_BUCKET: 'motcua-files', S3_ACCESS_KEY_ID: 'AK', S3_SECRET_ACCESS_KEY: 'very-secret' };
  assert.deepEqual(loadFileStoreConfig(s3).s3, { endpoint: 'https://s3.example.vn', bucket: 'motcua-files', region: 'us-east-1', accessKeyId: 'AK', secretAccessKey: 'very-secret' });
  assert.throws(() => loadFileStoreConfig({ ...s3, S3_ENDPOINT: '' }), /S3_ENDPOINT="": required/);
  assert.throws(() => loadFileStoreConfig({ ...s3, S3_ENDPOINT: 'ftp://x' }), /S3_ENDPOINT/);
  assert.throws(() => loadFileStoreConfig({ ...s3, S3_BUCKET: 'Bad_Bucket' }), /S3_BUCKET="Bad_Bucket"/);
  assert.throws(() => loadFileStoreConfig({ ...s3, S3_SECRET_ACCESS_KEY: '' }), /S3_SECRET_ACCESS_KEY/);
  assert.throws(() => loadFileStoreConfig({ ...s3, S3_REGION: 'Mars 1' }), (e: Error) => /S3_REGION/.test(e.message) && !e.message.includes('very-secret'));
});

// AWS's own examples (docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html).
const AWS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' };
const HOST = 'examplebucket.s3.amazonaws.com';

test('SigV4: the client signs the AWS documentation example GET Object exactly', () => {
  const s = signV4({ ...AWS, method: 'GET', canonicalUri: '/test.txt', headers: { host: HOST, range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': '20130524T000000Z' }, payloadHash: EMPTY_SHA256 });
  assert.equal(s.signature, 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  assert.equal(s.authorization, 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
});

test('SigV4: the client signs the AWS documentation example PUT Object (key with "$", signed body hash) exactly', () => {
  const hash = sha256Hex('Welcome to Amazon S3.');
  assert.equal(hash, '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
  const s = signV4({
    ...AWS,
    method: 'PUT',
    canonicalUri: `/${uriEncode('test$file.text', false)}`,
    headers: { date: 'Fri, 24 May 2013 00:00:00 GMT', host: HOST, 'x-amz-content-sha256': hash, 'x-amz-date': '20130524T000000Z', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
    payloadHash: hash,
  });
  assert.equal(s.signature, '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
});

test('SigV4: the client signs the AWS documentation example with a query (list objects) exactly', () => {
  const s = signV4({ ...AWS, method: 'GET', canonicalUri: '/', query: { prefix: 'J', 'max-keys': '2' }, headers: { host: HOST, 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': '20130524T000000Z' }, payloadHash: EMPTY_SHA256 });
  assert.equal(s.signature, '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
});

test('SigV4: the stand-in S3 verifier, an independent implementation, expects the same signatures for the AWS examples', () => {
  const get = { method: 'GET', url: '/test.txt', headers: { host: HOST, range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': '20130524T000000Z' } };
  assert.equal(expectedSignature(get, ['host', 'range', 'x-amz-content-sha256', 'x-amz-date'], AWS.secretAccessKey, 'us-east-1', 's3'), 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  const put = {
    method: 'PUT',
    url: '/test%24file.text',
    headers: { date: 'Fri, 24 May 2013 00:00:00 GMT', host: HOST, 'x-amz-content-sha256': '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072', 'x-amz-date': '20130524T000000Z', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
  };
  assert.equal(expectedSignature(put, ['date', 'host', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-storage-class'], AWS.secretAccessKey, 'us-east-1', 's3'), '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  const list = { method: 'GET', url: '/?max-keys=2&prefix=J', headers: { host: HOST, 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': '20130524T000000Z' } };
  assert.equal(expectedSignature(list, ['host', 'x-amz-content-sha256', 'x-amz-date'], AWS.secretAccessKey, 'us-east-1', 's3'), '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
});

test('SigV4: keys are encoded the S3 way (RFC 3986, "/" kept in paths) and dates in the compact form', () => {
  assert.equal(uriEncode("a b+c!'()*$~.pdf", false), 'a%20b%2Bc%21%27%28%29%2A%24~.pdf');
  assert.equal(uriEncode('ab/cd/tệp', false), 'ab/cd/t%E1%BB%87p');
  assert.equal(uriEncode('a/b', true), 'a%2Fb');
  assert.equal(amzDate(new Date('2013-05-24T00:00:00.123Z')), '20130524T000000Z');
});
