import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { Document, Packer, Paragraph } from 'docx';
import { buildApp, type BuildOptions } from '../app.ts';
import { loadConfig } from '../config.ts';
import { files as filesTable, users } from '../db/schema.ts';
import { verifyAuditChain } from '../audit.ts';
import { createTestDb } from '../testing/db.ts';
import { createFixture, PASSWORD } from '../testing/fixture.ts';
import { problem } from '../testing/http.ts';
import { loadFileStoreConfig } from './config.ts';
import { FileService } from './service.ts';
import { startS3StandIn } from './s3-standin.ts';
import { storageKeyFor } from './store.ts';
import { Readable } from 'node:stream';
import { discardStored, insertFileRow, storeUpload, UploadRefused } from './upload.ts';
import { cfbBytes, docmBytes, exeBytes, jpegBytes, minimalPdf, multipart, odtBytes, pdfWithObjectStream, pngBytes, tiffBytes, xlsxBytes } from './testing.ts';

const MAX_BYTES = 50 * 1024; // MAX_UPLOAD_MB=0.048828125: small, so "too large" is cheap to test
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const BIRTH = 'Giấy khai sinh.pdf';

const tdb = await createTestDb();
await createFixture(tdb.db);
const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'motcua-files-'));
const s3 = await startS3StandIn();
after(async () => {
  await s3.close();
  await fsp.rm(dataDir, { recursive: true, force: true });
});

interface Client {
  req(o: InjectOptions): Promise<LightMyRequestResponse>;
  upload(fileName: string, data: Buffer | string, extra?: { name?: string; fileName?: string; data: Buffer | string }[]): Promise<LightMyRequestResponse>;
}

/** The app as main.ts builds it, plus the file routes with a file service whose store the test can inspect. */
async function setup(kind: 'local' | 's3') {
  const fileConfig = loadFileStoreConfig({
    DATA_DIR: path.join(dataDir, kind),
    MAX_UPLOAD_MB: String(MAX_BYTES / 1024 / 1024),
    FILE_STORE: kind,
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_REGION: s3.region,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
  });
  const files = new FileService(fileConfig);
  const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent' });
  const app = await buildApp({ config, db: tdb.db, pool: tdb.pool, logger: false, files } as BuildOptions);
  // Until app.ts registers the file routes itself (then it is given `files` above).
  await app.ready();
  after(() => app.close());

  const client = (cookie = '', csrf = ''): Client => {
    const req = (o: InjectOptions) => app.inject({ ...o, headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...(o.headers ?? {}) } });
    return {
      req,
      async upload(fileName, data, extra = []) {
        const body = await multipart([{ name: 'file', fileName, data: Buffer.isBuffer(data) ? data : Buffer.from(data), type: 'application/pdf' }, ...extra.map((e) => ({ name: e.name ?? 'file', data: e.data, ...(e.fileName ? { fileName: e.fileName } : {}) }))]);
        return req({ method: 'POST', url: '/api/v1/files', payload: body.payload, headers: body.headers });
      },
    };
  };
  const as = async (username: string) => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    assert.equal(r.statusCode, 200, r.body);
    return client(r.cookies.map((c) => `${c.name}=${c.value}`).join('; '), r.json().csrfToken);
  };

  /** Everything the store holds, and the spool directory's leftovers. */
  const stored = async (): Promise<string[]> => {
    const walk = async (d: string): Promise<string[]> => {
      const out: string[] = [];
      for (const e of await fsp.readdir(d, { withFileTypes: true }).catch(() => [])) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) out.push(...(await walk(p)));
        else out.push(path.relative(path.join(dataDir, kind), p));
      }
      return out;
    };
    const spool = await walk(fileConfig.spoolDir);
    return kind === 's3' ? [...s3.objects.keys(), ...spool] : [...(await walk(fileConfig.localDir)), ...spool];
  };
  const rowCount = async () => (await tdb.db.select({ n: sql<number>`count(*)::int` }).from(filesTable))[0]!.n;
  /** Asserts that `act` changes nothing: no object, no spool file, no row. */
  const nothingStored = async (act: () => Promise<void>) => {
    const [objects, rows] = [await stored(), await rowCount()];
    await act();
    assert.deepEqual(await stored(), objects, 'nothing stored');
    assert.equal(await rowCount(), rows, 'no row');
  };
  return { app, files, fileConfig, anon: client(), as, stored, nothingStored };
}

for (const kind of ['local', 's3'] as const) {
  describe(`files (${kind === 'local' ? 'local directory' : 'S3 stand-in'})`, async () => {
    const t = await setup(kind);
    const citizen = await t.as('specialist.a');
    const other = await t.as('specialist.b');
    const [me] = await tdb.db.select().from(users).where(eq(users.username, 'specialist.a'));

    test('the limits are public, for every file picker: the maximum size and the allowed types', async () => {
      const r = await t.anon.req({ method: 'GET', url: '/api/v1/files/limits' });
      assert.equal(r.statusCode, 200, r.body);
      const body = r.json();
      assert.equal(body.maxBytes, MAX_BYTES);
      assert.deepEqual(
        body.allowedTypes.map((x: { extensions: string[] }) => x.extensions[0]),
        ['pdf', 'jpg', 'png', 'tif', 'docx', 'xlsx', 'odt'],
      );
      assert.match(body.accept, /\.pdf/);
    });

    test('an uploaded PDF named "Giấy khai sinh.pdf" belongs to the uploader, is audited, and downloads byte for byte under its UTF-8 name', async () => {
      const pdf = minimalPdf();
      const r = await citizen.upload(BIRTH, pdf);
      assert.equal(r.statusCode, 201, r.body);
      const f = r.json();
      assert.deepEqual({ ...f, id: undefined }, { id: undefined, name: BIRTH, mediaType: 'application/pdf', size: pdf.length, sha256: sha(pdf) });
      const [row] = await tdb.db.select().from(filesTable).where(eq(filesTable.id, f.id));
      assert.equal(row!.ownerUserId, me!.id);
      assert.equal(row!.createdBy, me!.id);
      assert.equal(row!.storageKey, storageKeyFor(f.id));
      assert.equal(await t.files.store.exists(row!.storageKey), true);
      const audit = await tdb.db.execute<{ action: string; target_id: string }>(sql`select action, target_id from audit_log where target_id = ${f.id}`);
      assert.deepEqual(audit.rows.map((a) => a.action), ['file.upload']);
      assert.equal(await verifyAuditChain(tdb.db), null);

      const d = await citizen.req({ method: 'GET', url: `/api/v1/files/${f.id}` });
      assert.equal(d.statusCode, 200);
      assert.equal(sha(d.rawPayload), f.sha256);
      assert.equal(d.headers['content-type'], 'application/pdf');
      assert.equal(d.headers['content-length'], String(pdf.length));
      assert.equal(d.headers['content-disposition'], `attachment; filename="Giay khai sinh.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20khai%20sinh.pdf`);
      assert.equal(d.headers['x-content-type-options'], 'nosniff');
      assert.equal(d.headers['cache-control'], 'private, no-store');
    });

    test('the type is taken from the content, not the name: images, Word, Excel and ODT are accepted with their real type', async () => {
      const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Tờ khai')] }] }));
      const cases: [string, Buffer, string][] = [
        ['ảnh chụp.jpg', jpegBytes(), 'image/jpeg'],
        ['bản quét.tif', tiffBytes(), 'image/tiff'],
        ['Tờ khai.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
        ['Bảng kê.xlsx', xlsxBytes(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        ['Đơn.odt', odtBytes(), 'application/vnd.oasis.opendocument.text'],
        ['ảnh-đặt-tên-sai.pdf', pngBytes(), 'image/png'],
      ];
      for (const [name, data, type] of cases) {
        const r = await citizen.upload(name, data);
        assert.equal(r.statusCode, 201, `${name}: ${r.body}`);
        assert.equal(r.json().mediaType, type, name);
        const d = await citizen.req({ method: 'GET', url: `/api/v1/files/${r.json().id}` });
        assert.equal(d.headers['content-type'], type);
      }
    });

    test('an .exe renamed to .pdf is refused 415 naming the field "file" and the allowed formats; nothing is stored', async () => {
      await t.nothingStored(async () => {
        const p = problem(await citizen.upload('Giấy khai sinh.pdf', exeBytes()), 415);
        assert.equal(p.errors?.[0]?.field, 'file');
        assert.equal(p.errors?.[0]?.message, 'Tệp không đúng định dạng cho phép (PDF, ảnh JPG/PNG/TIFF, tài liệu Word/Excel)');
        assert.match((p as { detail?: string }).detail ?? '', /không đúng định dạng/);
      });
    });

    test('plain text, HTML, SVG, legacy .doc (CFB) and macro-enabled .docm are refused 415; nothing is stored', async () => {
      await t.nothingStored(async () => {
        for (const [name, data] of [
          ['ghi chú.pdf', 'Xin chào'],
          ['trang.pdf', '<!DOCTYPE html><html><script>alert(1)</script></html>'],
          ['logo.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
          ['đơn cũ.doc', cfbBytes()],
          ['đơn.docm', docmBytes()],
        ] as const) {
          const p = problem(await citizen.upload(name, data), 415);
          assert.equal(p.errors?.[0]?.field, 'file', name);
        }
      });
    });

    test('a PDF with JavaScript is refused 415 with the active-content reason — also when hidden in a compressed object stream; nothing is stored', async () => {
      await t.nothingStored(async () => {
        const plain = minimalPdf({ catalogExtra: '/OpenAction 5 0 R', objects: ['<< /S /JavaScript /JS (app.alert\\(1\\)) >>'] });
        const hidden = pdfWithObjectStream({ hidden: ['<< /S /JavaScript /JS (app.alert\\(1\\)) >>'], openAction: true });
        for (const pdf of [plain, hidden]) {
          const p = problem(await citizen.upload(BIRTH, pdf), 415);
          assert.deepEqual(
            p.errors?.map((e) => [e.field, e.message]),
            [['file', 'Tệp PDF chứa mã thực thi (JavaScript) — không được chấp nhận']],
          );
        }
      });
    });

    test('a file over the limit is refused 413 naming "file" and the limit — caught while streaming or from the declared length; nothing is stored', async () => {
      const big = (n: number) => Buffer.concat([minimalPdf(), Buffer.from(`%${'x'.repeat(n)}\n`)]);
      await t.nothingStored(async () => {
        for (const size of [MAX_BYTES + 1, 3 * MAX_BYTES]) {
          const p = problem(await citizen.upload(BIRTH, big(size)), 413);
          assert.equal(p.errors?.[0]?.field, 'file');
          assert.equal(p.errors?.[0]?.message, 'Tệp vượt quá dung lượng cho phép (tối đa 50 KB)');
        }
      });
      // Exactly at the limit is accepted.
      const exact = big(MAX_BYTES - minimalPdf().length - 2);
      assert.equal(exact.length, MAX_BYTES);
      assert.equal((await citizen.upload(BIRTH, exact)).statusCode, 201);
    });

    test('an empty file, a missing file part, two files, or a body that is not multipart are refused naming "file"; nothing is stored', async () => {
      await t.nothingStored(async () => {
        assert.equal(problem(await citizen.upload(BIRTH, Buffer.alloc(0)), 400).errors?.[0]?.field, 'file');
        const noFile = await multipart([{ name: 'note', data: 'không có tệp' }]);
        assert.equal(problem(await citizen.req({ method: 'POST', url: '/api/v1/files', payload: noFile.payload, headers: noFile.headers }), 400).errors?.[0]?.field, 'file');
        const wrongPart = await multipart([{ name: 'attachment', fileName: BIRTH, data: minimalPdf() }]);
        assert.equal(problem(await citizen.req({ method: 'POST', url: '/api/v1/files', payload: wrongPart.payload, headers: wrongPart.headers }), 400).errors?.[0]?.field, 'file');
        assert.equal(problem(await citizen.upload(BIRTH, minimalPdf(), [{ fileName: 'thứ hai.pdf', data: minimalPdf() }]), 400).errors?.[0]?.field, 'file');
        assert.equal(problem(await citizen.req({ method: 'POST', url: '/api/v1/files', payload: { file: 'x' } }), 415).errors?.[0]?.field, 'file');
      });
    });

    test("another user's file answers 404 exactly like a missing one: it can be neither downloaded nor deleted", async () => {
      const f = (await citizen.upload(BIRTH, minimalPdf())).json();
      const theirs = await other.req({ method: 'GET', url: `/api/v1/files/${f.id}` });
      const missing = await other.req({ method: 'GET', url: '/api/v1/files/00000000-0000-4000-8000-000000000000' });
      assert.equal(theirs.statusCode, 404);
      assert.deepEqual({ ...(theirs.json() as object), instance: undefined }, { ...(missing.json() as object), instance: undefined });
      problem(await other.req({ method: 'DELETE', url: `/api/v1/files/${f.id}` }), 404);
      assert.equal((await citizen.req({ method: 'GET', url: `/api/v1/files/${f.id}` })).statusCode, 200);
    });

    test('an anonymous caller is refused 401 for upload, download and delete', async () => {
      const f = (await citizen.upload(BIRTH, minimalPdf())).json();
      await t.nothingStored(async () => {
        problem(await t.anon.upload(BIRTH, minimalPdf()), 401);
      });
      problem(await t.anon.req({ method: 'GET', url: `/api/v1/files/${f.id}` }), 401);
      problem(await t.anon.req({ method: 'DELETE', url: `/api/v1/files/${f.id}` }), 401);
    });

    test('over a real connection, a refused large upload is answered at once and the connection closed — the client is not left stalled mid-send', async () => {
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const big = Buffer.concat([minimalPdf(), Buffer.alloc(8 * 1024 * 1024, 0x25)]);
      const send = async (headers: Record<string, string>, chunked: boolean) => {
        const form = new FormData();
        form.append('file', new Blob([big]), BIRTH);
        const req = new Request(`${address}/api/v1/files`, { method: 'POST', body: form });
        const body = chunked ? req.body : Buffer.from(await req.arrayBuffer());
        const started = Date.now();
        const r = await fetch(req.url, { method: 'POST', body, headers: { ...headers, 'content-type': req.headers.get('content-type')! }, ...(chunked ? { duplex: 'half' } : {}) } as RequestInit);
        await r.arrayBuffer();
        return { status: r.status, connection: r.headers.get('connection'), ms: Date.now() - started };
      };
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'specialist.a', password: PASSWORD } });
      const auth = { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': login.json().csrfToken };
      await t.nothingStored(async () => {
        for (const [headers, chunked, status] of [
          [auth, false, 413], // the declared length is already too much
          [auth, true, 413], // no length declared: caught while streaming
          [{}, false, 401], // refused before the body is read
        ] as const) {
          const r = await send(headers, chunked);
          assert.equal(r.status, status);
          // The server closes the connection when it answers before the body is read; on a fast
          // loopback the body may already be in, and keep-alive is then correct. A stalled client
          // would show up as a send that never finishes.
          assert.ok(r.connection === 'close' || r.connection === 'keep-alive', String(r.connection));
          assert.ok(r.ms < 10_000, `answered in ${r.ms} ms, not stalled`);
        }
      });
    });

    test('an upload with the session cookie but without the CSRF token is refused 403', async () => {
      const body = await multipart([{ name: 'file', fileName: BIRTH, data: minimalPdf() }]);
      await t.nothingStored(async () => {
        problem(await citizen.req({ method: 'POST', url: '/api/v1/files', payload: body.payload, headers: { ...body.headers, 'x-csrf-token': 'wrong' } }), 403);
      });
    });

    test('the owner deletes their file: the row and the stored object are gone, and the deletion is audited', async () => {
      const f = (await citizen.upload(BIRTH, minimalPdf())).json();
      const key = storageKeyFor(f.id);
      assert.equal(await t.files.store.exists(key), true);
      assert.equal((await citizen.req({ method: 'DELETE', url: `/api/v1/files/${f.id}` })).statusCode, 204);
      assert.equal(await t.files.store.exists(key), false);
      assert.equal((await tdb.db.select().from(filesTable).where(eq(filesTable.id, f.id))).length, 0);
      problem(await citizen.req({ method: 'GET', url: `/api/v1/files/${f.id}` }), 404);
      const audit = await tdb.db.execute<{ action: string }>(sql`select action from audit_log where target_id = ${f.id} order by id`);
      assert.deepEqual(audit.rows.map((a) => a.action), ['file.upload', 'file.delete']);
      assert.equal(await verifyAuditChain(tdb.db), null);
    });

    test('a file in use (a registered reference check says so) cannot be deleted: 409 naming what uses it, and it is kept', async () => {
      const f = (await citizen.upload(BIRTH, minimalPdf())).json();
      t.files.addReferenceCheck(async (_tx, id) => (id === f.id ? 'hồ sơ 000.00.10.H99-260101-0001' : null));
      const p = problem(await citizen.req({ method: 'DELETE', url: `/api/v1/files/${f.id}` }), 409);
      assert.match((p as { detail?: string }).detail ?? '', /hồ sơ 000\.00\.10\.H99-260101-0001/);
      assert.equal(await t.files.store.exists(storageKeyFor(f.id)), true);
      assert.equal((await citizen.req({ method: 'GET', url: `/api/v1/files/${f.id}` })).statusCode, 200);
    });

    test('a read grant registered by another module lets a non-owner download, and that access to personal data is audited', async () => {
      const f = (await citizen.upload(BIRTH, minimalPdf())).json();
      const head = await t.as('head.a');
      assert.equal((await head.req({ method: 'GET', url: `/api/v1/files/${f.id}` })).statusCode, 404);
      t.files.grantRead(async (req, file) => file.id === f.id && (req.user?.roles.some((r) => r.role === 'head') ?? false));
      const d = await head.req({ method: 'GET', url: `/api/v1/files/${f.id}` });
      assert.equal(d.statusCode, 200);
      assert.equal(sha(d.rawPayload), f.sha256);
      assert.equal((await other.req({ method: 'GET', url: `/api/v1/files/${f.id}` })).statusCode, 404, 'the grant answers only for whom it says');
      const audit = await tdb.db.execute<{ action: string }>(sql`select action from audit_log where target_id = ${f.id} order by id`);
      assert.deepEqual(audit.rows.map((a) => a.action), ['file.upload', 'file.read']);
      // A grant does not extend to deleting.
      problem(await head.req({ method: 'DELETE', url: `/api/v1/files/${f.id}` }), 404);
    });
  });
}

describe('storeUpload, for callers other than the upload route (desk scans, issued results)', async () => {
  const t = await setup('local');
  const target = { store: t.files.store, maxBytes: MAX_BYTES, spoolDir: t.fileConfig.spoolDir };

  test('it stops reading an endless stream as soon as the limit is passed, and leaves nothing behind', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 16 * 1024;
        this.push(Buffer.alloc(16 * 1024, 0x25));
      },
    });
    await t.nothingStored(async () => {
      await assert.rejects(storeUpload(target, { stream: endless, fileName: 'x.pdf', ownerUserId: null, createdBy: null }), (e: unknown) => e instanceof UploadRefused && e.reason === 'too-large');
    });
    assert.ok(endless.destroyed);
    // It stops: what was read beyond the limit is only what the streams had buffered ahead.
    assert.ok(produced < MAX_BYTES + 256 * 1024, `read ${produced} bytes`);
  });

  test('a crash leaves no trace that the start-up sweep does not remove: stale spooled uploads and temp files go, fresh ones stay', async () => {
    await fsp.mkdir(t.fileConfig.spoolDir, { recursive: true });
    await fsp.mkdir(path.join(t.fileConfig.localDir, '.tmp'), { recursive: true });
    await fsp.writeFile(path.join(t.fileConfig.spoolDir, 'crashed.upload'), 'half an upload');
    await fsp.writeFile(path.join(t.fileConfig.localDir, '.tmp', 'crashed.part'), 'half a file');
    assert.equal(await t.files.sweep(3600_000), 0);
    assert.equal(await t.files.sweep(3600_000, Date.now() + 2 * 3600_000), 2);
    assert.deepEqual(await fsp.readdir(t.fileConfig.spoolDir), []);
  });

  test('it returns the row for the caller to insert in its own transaction; discardStored removes the object if that transaction fails', async () => {
    const pdf = minimalPdf();
    const row = await storeUpload(target, { stream: Readable.from([pdf]), fileName: 'Phiếu kết quả.pdf', ownerUserId: null, createdBy: null });
    assert.deepEqual({ ...row, id: undefined, storageKey: undefined }, { id: undefined, storageKey: undefined, originalName: 'Phiếu kết quả.pdf', mediaType: 'application/pdf', size: pdf.length, sha256: sha(pdf), ownerUserId: null, createdBy: null });
    assert.equal(row.storageKey, storageKeyFor(row.id));
    await assert.rejects(
      tdb.db.transaction(async (tx) => {
        await insertFileRow(tx, row);
        throw new Error('the dossier could not be saved');
      }),
      /could not be saved/,
    );
    assert.equal(await discardStored(t.files.store, row), true);
    assert.equal(await t.files.store.exists(row.storageKey), false);
    assert.equal((await tdb.db.select().from(filesTable).where(eq(filesTable.id, row.id))).length, 0);
  });
});

describe('S3 with a bad key', async () => {
  test('an upload to an S3 store configured with a wrong secret fails (500), leaves no object and no row', async () => {
    const good = await setup('s3');
    const badConfig = { ...good.fileConfig, s3: { ...good.fileConfig.s3!, secretAccessKey: 'not-the-secret' } };
    const bad = new FileService(badConfig);
    const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent' });
    const app = await buildApp({ config, db: tdb.db, pool: tdb.pool, logger: false, files: bad } as BuildOptions);
    await app.ready();
    after(() => app.close());
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'specialist.a', password: PASSWORD } });
    const body = await multipart([{ name: 'file', fileName: BIRTH, data: minimalPdf() }]);
    await good.nothingStored(async () => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/files',
        payload: body.payload,
        headers: { ...body.headers, cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': login.json().csrfToken },
      });
      problem(r, 500);
    });
    assert.ok(s3.log.some((l) => l.code === 'SignatureDoesNotMatch'));
  });
});
