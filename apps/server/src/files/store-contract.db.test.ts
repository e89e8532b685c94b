import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { LocalFileStore } from './local-store.ts';
import { S3Error, S3FileStore } from './s3-store.ts';
import { startS3StandIn } from './s3-standin.ts';
import { FileNotFoundError, storageKeyFor, type FileStore } from './store.ts';
import { sha256Hex } from './sigv4.ts';

// No database here: these run with the database tests because they touch the disk and the network.

const text = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
const newKey = () => storageKeyFor(randomUUID());

const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'motcua-store-'));
const s3 = await startS3StandIn();
const s3Store = new S3FileStore({ endpoint: s3.endpoint, bucket: s3.bucket, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey });
after(async () => {
  s3Store.close();
  await s3.close();
  await fsp.rm(dir, { recursive: true, force: true });
});

const stores: [string, FileStore][] = [
  ['local directory', new LocalFileStore(dir)],
  ['S3 (stand-in)', s3Store],
];

for (const [name, store] of stores) {
  describe(`file store contract: ${name}`, () => {
    test('what is put is got back byte for byte — from a Buffer, a stream of known size, and a stream of unknown size', async () => {
      const data = Buffer.from('Giấy khai sinh — bản sao'.repeat(1000));
      for (const [body, hints] of [
        [data, undefined],
        [Readable.from([data.subarray(0, 100), data.subarray(100)]), { size: data.length, sha256: sha256Hex(data) }],
        [Readable.from([data]), undefined],
      ] as const) {
        const key = newKey();
        assert.deepEqual(await store.put(key, body, hints), { size: data.length });
        assert.equal(await store.exists(key), true);
        assert.ok((await text(await store.get(key))).equals(data));
      }
    });

    test('a missing key: get rejects with FileNotFoundError, exists is false, delete succeeds', async () => {
      const key = newKey();
      await assert.rejects(store.get(key), FileNotFoundError);
      assert.equal(await store.exists(key), false);
      await store.delete(key);
    });

    test('a deleted file is gone', async () => {
      const key = newKey();
      await store.put(key, Buffer.from('x'));
      await store.delete(key);
      assert.equal(await store.exists(key), false);
    });

    test('a key that climbs out of the store is refused before any I/O', async () => {
      await assert.rejects(store.put('../escape', Buffer.from('x')), /Invalid storage key/);
      await assert.rejects(store.get('a/../../etc/passwd'), /Invalid storage key/);
    });
  });
}

test('local store: a put whose source fails leaves nothing under the key and no temp file', async () => {
  const store = new LocalFileStore(dir);
  const key = newKey();
  const failing = new Readable({
    read() {
      this.push(Buffer.alloc(1000, 1));
      this.destroy(new Error('client went away'));
    },
  });
  await assert.rejects(store.put(key, failing), /client went away/);
  assert.equal(await store.exists(key), false);
  assert.deepEqual(await fsp.readdir(path.join(dir, '.tmp')), []);
});

test('local store: files are sharded on disk as ab/cd/<uuid>, and stale temp files are swept', async () => {
  const store = new LocalFileStore(dir);
  const id = randomUUID();
  await store.put(storageKeyFor(id), Buffer.from('x'));
  await fsp.access(path.join(dir, id.slice(0, 2), id.slice(2, 4), id));
  await fsp.writeFile(path.join(dir, '.tmp', 'left-by-a-crash.part'), 'half');
  assert.equal(await store.sweepTemp(3600_000), 0, 'a fresh temp file may belong to a running put');
  assert.equal(await store.sweepTemp(3600_000, Date.now() + 2 * 3600_000), 1);
  assert.deepEqual(await fsp.readdir(path.join(dir, '.tmp')), []);
});

describe('S3: the stand-in authenticates like S3', () => {
  const cfg = { endpoint: s3.endpoint, bucket: s3.bucket, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey };
  const refused = async (p: Promise<unknown>, status: number, code: string) => {
    const e = await p.then(
      () => null,
      (x: unknown) => x,
    );
    assert.ok(e instanceof S3Error, `expected S3Error ${code}, got ${String(e)}`);
    assert.equal(e.status, status);
    assert.equal(e.code, code);
  };

  test('a request signed with the wrong secret key is refused 403 SignatureDoesNotMatch and stores nothing', async () => {
    const wrong = new S3FileStore({ ...cfg, secretAccessKey: `${cfg.secretAccessKey}x` });
    const before = s3.objects.size;
    const key = newKey();
    await refused(wrong.put(key, Buffer.from('giả mạo')), 403, 'SignatureDoesNotMatch');
    await refused(wrong.get(key), 403, 'SignatureDoesNotMatch');
    await assert.rejects(wrong.exists(key), S3Error);
    assert.equal(s3.objects.size, before);
    wrong.close();
  });

  test('an unknown access key is refused 403 InvalidAccessKeyId', async () => {
    const stranger = new S3FileStore({ ...cfg, accessKeyId: 'AKIAUNKNOWN000000000' });
    await refused(stranger.put(newKey(), Buffer.from('x')), 403, 'InvalidAccessKeyId');
    stranger.close();
  });

  test('a request signed 20 minutes off the clock is refused 403 RequestTimeTooSkewed', async () => {
    const late = new S3FileStore(cfg);
    late.now = () => new Date(Date.now() - 20 * 60_000);
    await refused(late.get(newKey()), 403, 'RequestTimeTooSkewed');
    late.close();
  });

  test('a body that does not match its signed SHA-256 is refused 400 XAmzContentSHA256Mismatch and stores nothing', async () => {
    const key = newKey();
    const body = Buffer.from('nội dung thật');
    await refused(s3Store.put(key, Readable.from([body]), { size: body.length, sha256: sha256Hex('nội dung khác') }), 400, 'XAmzContentSHA256Mismatch');
    assert.equal(s3.objects.has(key), false);
  });

  test('with the right key every call goes through, signed, path-style /<bucket>/<key>', async () => {
    const key = newKey();
    s3.log.length = 0;
    await s3Store.put(key, Buffer.from('ok'));
    await s3Store.exists(key);
    await text(await s3Store.get(key));
    await s3Store.delete(key);
    assert.deepEqual(
      s3.log.map((l) => [l.method, l.key, l.status]),
      [
        ['PUT', key, 200],
        ['HEAD', key, 200],
        ['GET', key, 200],
        ['DELETE', key, 204],
      ],
    );
  });
});
