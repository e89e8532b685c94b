import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { access, Problem, ProblemType } from '@motcua/domain';
import type { App, Deps } from '../http/types.ts';
import { HttpProblem, problems } from '../http/problem.ts';
import { appendAudit } from '../audit.ts';
import { files as filesTable } from '../db/schema.ts';
import type { FileService } from './service.ts';
import { discardStored, insertFileRow, REFUSAL_MESSAGES, UploadRefused, type FileRow, type StoredUpload } from './upload.ts';

const FileInfo = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String({ description: 'Tên tệp người gửi đặt (NFC)' }),
  mediaType: Type.String({ description: 'Kiểu tệp xác định từ nội dung (không theo tên tệp)' }),
  size: Type.Integer({ description: 'byte' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});

const FileLimits = Type.Object({
  maxBytes: Type.Integer({ description: 'Dung lượng tối đa của một tệp (byte) — hiển thị ở mọi nơi chọn tệp (SPEC §19)' }),
  accept: Type.String({ description: 'Giá trị cho thuộc tính accept của <input type="file">' }),
  allowedTypes: Type.Array(Type.Object({ mediaType: Type.String(), extensions: Type.Array(Type.String()), label: Type.String() })),
});

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Types the back office previews in place (PDF in a frame, images inline). */
const PREVIEWABLE = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/** Room for the multipart framing around the file part, when judging Content-Length up front. */
const MULTIPART_OVERHEAD = 64 * 1024;

const dto = (r: FileRow | StoredUpload) => ({ id: r.id, name: r.originalName, mediaType: r.mediaType, size: r.size, sha256: r.sha256 });

/** The routes need the database and the file service (wire `files: FileService` into Deps). */
export type FileRouteDeps = Pick<Deps, 'db'> & { files: FileService };

/**
 * Files (SPEC §4 attachments, §16 personal document store): upload, download, delete, limits.
 * @fastify/multipart is registered for these routes only.
 */
export function fileRoutes(app: App, { db, files }: FileRouteDeps): void {
  const maxBytes = files.config.maxBytes;
  const tooLarge = () =>
    new HttpProblem(413, ProblemType.tooLarge, 'Tệp quá lớn', REFUSAL_MESSAGES.tooLarge(maxBytes), [
      { field: 'file', message: REFUSAL_MESSAGES.tooLarge(maxBytes), messageEn: `The file is larger than ${maxBytes} bytes` },
    ]);
  const refusal = (e: UploadRefused) => {
    if (e.reason === 'too-large') return tooLarge();
    if (e.reason === 'empty') return problems.field('file', e.message, e.messageEn);
    return new HttpProblem(415, ProblemType.unsupportedMediaType, 'Tệp không được chấp nhận', e.message, [{ field: 'file', message: e.message, messageEn: e.messageEn }]);
  };
  const oneFile = () => problems.field('file', 'Chỉ gửi một tệp trong phần "file" của biểu mẫu', 'Send exactly one file, in the form part named "file"');

  /** The row, if the caller may read it; otherwise null — another user's file is answered exactly like a missing one. */
  async function readable(req: FastifyRequest, id: string): Promise<FileRow | null> {
    const [row] = await db.select().from(filesTable).where(eq(filesTable.id, id)).limit(1);
    return row && (await files.canRead(req, row)) ? row : null;
  }

  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: maxBytes + 1, files: 1, fields: 10, parts: 11, fieldSize: 4096, headerPairs: 100 } });
    // An upload refused before its body was read (401, 403, too large) would leave the client
    // stalled mid-send on a paused socket: answer and close the connection instead.
    scope.addHook('onSend', async (req, reply, payload) => {
      if (req.method === 'POST' && !req.raw.readableEnded) reply.header('connection', 'close');
      return payload;
    });
    const r = scope as unknown as App;

    r.get(
      '/api/v1/files/limits',
      {
        config: { access: access.public },
        schema: { tags: ['files'], summary: 'Giới hạn tệp tải lên: dung lượng tối đa và các định dạng được chấp nhận', response: { 200: FileLimits } },
      },
      async () => files.limits(),
    );

    r.post(
      '/api/v1/files',
      {
        config: { access: access.authenticated },
        schema: {
          tags: ['files'],
          summary: 'Tải lên một tệp (hồ sơ, bản quét, kho dữ liệu cá nhân)',
          description:
            'multipart/form-data with one file part named `file`. The type is decided from the content (PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT); a PDF with active content (JavaScript, /Launch, embedded files) is refused. The file belongs to the caller. See GET /api/v1/files/limits.',
          consumes: ['multipart/form-data'],
          response: { 201: FileInfo, 400: Problem, 401: Problem, 403: Problem, 413: Problem, 415: Problem },
        },
      },
      async (req, reply) => {
        const user = req.user!;
        if (!req.isMultipart()) {
          throw new HttpProblem(415, ProblemType.unsupportedMediaType, 'Kiểu dữ liệu không được hỗ trợ', 'Gửi tệp dạng multipart/form-data, phần "file"', [
            { field: 'file', message: 'Gửi tệp dạng multipart/form-data, phần "file"', messageEn: 'Send multipart/form-data with a part named "file"' },
          ]);
        }
        const declared = Number(req.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD) throw tooLarge();

        let stored: StoredUpload | null = null;
        try {
          for await (const part of req.parts()) {
            if (part.type !== 'file') continue;
            if (part.fieldname !== 'file' || stored) {
              part.file.resume();
              throw oneFile();
            }
            stored = await files.storeUpload({ stream: part.file, fileName: part.filename ?? '', ownerUserId: user.id, createdBy: user.id });
          }
          if (!stored) throw problems.field('file', 'Chưa chọn tệp', 'No file part named "file"');
          const row = stored;
          await db.transaction(async (tx) => {
            await insertFileRow(tx, row);
            await appendAudit(tx, {
              actorId: user.id,
              actorName: user.username,
              action: 'file.upload',
              targetType: 'file',
              targetId: row.id,
              // Keys in jsonb's own order (shorter first): audit.ts hashes JSON.stringify(data) as given,
              // and verifyAuditChain re-hashes what jsonb returns — see the report on audit.ts.
              data: { name: row.originalName, size: row.size, sha256: row.sha256, mediaType: row.mediaType },
              ip: req.ip,
              requestId: req.id,
            });
          });
        } catch (e) {
          if (stored) await discardStored(files.store, stored);
          if (e instanceof UploadRefused) {
            req.log.info({ reason: e.reason, detail: e.messageEn }, 'upload refused');
            throw refusal(e);
          }
          const code = (e as { code?: string }).code;
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw oneFile();
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
          throw e;
        }
        return reply.code(201).send(dto(stored));
      },
    );

    r.get(
      '/api/v1/files/:id',
      {
        config: { access: access.authenticated },
        schema: {
          tags: ['files'],
          summary: 'Tải xuống một tệp (chủ sở hữu, hoặc người được cấp quyền qua hồ sơ)',
          description: 'Answers the bytes with the content type sniffed at upload, `content-disposition: attachment` with the UTF-8 name (RFC 5987/6266) and `x-content-type-options: nosniff`.',
          params: IdParams,
          querystring: Type.Object({ inline: Type.Optional(Type.Literal('1', { description: 'Preview in the back office: PDF and images answered inline, framable by our own pages only' })) }, { additionalProperties: false }),
          response: { 401: Problem, 404: Problem },
        },
      },
      async (req, reply) => {
        const row = await readable(req, req.params.id);
        if (!row) throw problems.notFound('Không có tệp này');
        const user = req.user!;
        if (row.ownerUserId !== user.id) {
          // Someone else's document, reached through a grant: access to personal data is logged (SPEC §18).
          await db.transaction((tx) =>
            appendAudit(tx, { actorId: user.id, actorName: user.username, action: 'file.read', targetType: 'file', targetId: row.id, data: { ownerUserId: row.ownerUserId }, ip: req.ip, requestId: req.id }),
          );
        }
        const body = await files.store.get(row.storageKey);
        // A preview is shown in a frame of our own pages; the document itself may run nothing.
        if (req.query.inline && PREVIEWABLE.has(row.mediaType)) reply.header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'").header('x-frame-options', 'SAMEORIGIN');
        return reply
          .type(row.mediaType)
          .header('content-length', String(row.size))
          .header('content-disposition', req.query.inline && PREVIEWABLE.has(row.mediaType) ? contentDisposition(row.originalName, 'inline') : contentDisposition(row.originalName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(body as never); // binary: no JSON serialisation applies
      },
    );

    r.delete(
      '/api/v1/files/:id',
      {
        config: { access: access.authenticated },
        schema: {
          tags: ['files'],
          summary: 'Xóa một tệp của mình (không xóa được tệp đang dùng trong hồ sơ)',
          params: IdParams,
          response: { 204: Type.Null(), 401: Problem, 404: Problem, 409: Problem },
        },
      },
      async (req, reply) => {
        const user = req.user!;
        const [row] = await db.select().from(filesTable).where(eq(filesTable.id, req.params.id)).limit(1);
        // Only the owner deletes; to anyone else the file does not exist.
        if (!row || row.ownerUserId !== user.id) throw problems.notFound('Không có tệp này');
        try {
          await db.transaction(async (tx) => {
            await tx.select({ id: filesTable.id }).from(filesTable).where(eq(filesTable.id, row.id)).for('update');
            const by = await files.referencedBy(tx, row.id);
            if (by) throw problems.conflict(`Tệp đang được dùng trong ${by} nên không xóa được`);
            await tx.delete(filesTable).where(eq(filesTable.id, row.id));
            await appendAudit(tx, {
              actorId: user.id,
              actorName: user.username,
              action: 'file.delete',
              targetType: 'file',
              targetId: row.id,
              data: { name: row.originalName, sha256: row.sha256 },
              ip: req.ip,
              requestId: req.id,
            });
          });
        } catch (e) {
          // A referring table's foreign key (ON DELETE RESTRICT) refused the delete.
          if ((e as { code?: string }).code === '23503' || (e as { cause?: { code?: string } }).cause?.code === '23503') throw problems.conflict('Tệp đang được sử dụng nên không xóa được');
          throw e;
        }
        // The row is gone; the bytes go after the commit. If this fails the object is an orphan
        // (unreachable, harmless) — never the reverse, a row whose bytes are gone.
        if (!(await discardStored(files.store, row))) req.log.warn({ key: row.storageKey }, 'file row deleted, object left in the store');
        return reply.code(204).send(null);
      },
    );
  });
}

/** `attachment; filename="Giay khai sinh.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20khai%20sinh.pdf` (RFC 6266 / 5987). */
export function contentDisposition(name: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = Array.from(Buffer.from(name.normalize('NFC'), 'utf8'))
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9!#$&+\-.^_`|~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

