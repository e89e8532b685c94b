import { and, eq, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { access, nfc, Problem } from '@motcua/domain';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { appendAudit } from '../../audit.ts';
import { files as filesTable, personalDocuments } from '../../db/schema.ts';
import { discardStored, insertFileRow } from '../../files/upload.ts';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const StoredDocument = Type.Object(
  {
    fileId: Uuid,
    title: Type.String(),
    name: Type.String({ description: 'File name' }),
    mediaType: Type.String(),
    size: Type.Integer(),
    source: Type.Union([Type.Literal('upload'), Type.Literal('result')], { description: 'upload: the owner put it here; result: issued to one of the owner’s dossiers' }),
    dossierId: Nullable(Uuid),
    dossierCode: Nullable(Type.String()),
    deletable: Type.Boolean(),
    addedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'StoredDocument' },
);

type Row = { file_id: string; title: string; name: string; media_type: string; size: number; source: 'upload' | 'result'; dossier_id: string | null; dossier_code: string | null; added_at: Date };

/**
 * The personal document store (kho dữ liệu điện tử) [SPEC §16; 001 Art. 12.5, Art. 22]: the
 * account's own uploads together with the results issued to its dossiers. Results are found when
 * the list is read (a union over dossier_files), so they appear the moment a dossier has them
 * without any step in the dossier lifecycle, and can never be deleted from here.
 */
export function documentRoutes(app: App, { db, files }: Deps): void {
  const requireCitizen = (u: { id: string; kind: string } | null) => {
    if (u?.kind !== 'citizen') throw problems.forbidden('Kho dữ liệu dành cho tài khoản công dân, tổ chức');
    return u.id;
  };

  async function list(userId: string, fileId?: string): Promise<Row[]> {
    const one = fileId ? sql`and f.id = ${fileId}` : sql``;
    const r = await db.execute<Row>(sql`
      select * from (
        select f.id as file_id, p.title, f.original_name as name, f.media_type, f.size, 'upload' as source, null::uuid as dossier_id, null as dossier_code, p.created_at as added_at
          from personal_documents p join files f on f.id = p.file_id
         where p.owner_user_id = ${userId} ${one}
        union all
        select distinct on (f.id) f.id, f.original_name, f.original_name, f.media_type, f.size, 'result', d.id, d.code, df.created_at
          from dossiers d join dossier_files df on df.dossier_id = d.id and df.kind = 'result' and df.superseded_at is null
          join files f on f.id = df.file_id
         where d.owner_user_id = ${userId} ${one}
      ) x order by added_at desc, file_id`);
    return r.rows;
  }
  const dto = (r: Row) => ({
    fileId: r.file_id,
    title: r.title,
    name: r.name,
    mediaType: r.media_type,
    size: Number(r.size),
    source: r.source,
    dossierId: r.dossier_id,
    dossierCode: r.dossier_code,
    deletable: r.source === 'upload',
    addedAt: new Date(r.added_at).toISOString(),
  });

  app.get(
    '/api/v1/me/documents',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['personal-documents'],
        summary: 'Kho dữ liệu của tôi: tệp tự tải lên và kết quả giải quyết của hồ sơ của tôi [SPEC §16]. Tải xuống: GET /api/v1/files/{fileId}.',
        response: { 200: Type.Object({ items: Type.Array(StoredDocument) }), 401: Problem, 403: Problem },
      },
    },
    async (req) => ({ items: (await list(requireCitizen(req.user))).map(dto) }),
  );

  app.post(
    '/api/v1/me/documents',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['personal-documents'],
        summary: 'Đưa một tệp vừa tải lên (POST /api/v1/files — kiểm tra kiểu và dung lượng) vào kho dữ liệu',
        body: Type.Object({ fileId: Uuid, title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })) }, { additionalProperties: false }),
        response: { 201: StoredDocument, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (req, reply) => {
      const userId = requireCitizen(req.user);
      const [f] = await db.select().from(filesTable).where(eq(filesTable.id, req.body.fileId));
      // Someone else's file is a missing file.
      if (!f || f.ownerUserId !== userId) throw problems.notFound('Không có tệp này');
      const inserted = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(personalDocuments)
          .values({ ownerUserId: userId, fileId: f.id, title: nfc((req.body.title ?? f.originalName).trim()) })
          .onConflictDoNothing()
          .returning();
        if (row) await appendAudit(tx, { actorId: userId, actorName: req.user!.username, action: 'document.store', targetType: 'file', targetId: f.id, ip: req.ip, requestId: req.id });
        return row;
      });
      // A retry of the same request finds it already there: the same answer, nothing doubled.
      const [r] = await list(userId, f.id);
      if (!inserted && !r) throw problems.conflict('Tệp này đã thuộc kho dữ liệu khác');
      return reply.code(201).send(dto(r!));
    },
  );

  app.delete(
    '/api/v1/me/documents/:fileId',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['personal-documents'],
        summary: 'Xóa một tệp tự tải lên khỏi kho (kết quả giải quyết được cấp không xóa được)',
        params: Type.Object({ fileId: Uuid }),
        response: { 204: Type.Null(), 401: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (req, reply) => {
      const userId = requireCitizen(req.user);
      const [doc] = await list(userId, req.params.fileId);
      if (!doc) throw problems.notFound('Không có tài liệu này');
      if (doc.source === 'result') throw problems.conflict('Kết quả giải quyết thủ tục hành chính đã cấp không xóa được khỏi kho dữ liệu');
      const [f] = await db.select().from(filesTable).where(eq(filesTable.id, doc.file_id));
      const fileGone = await db.transaction(async (tx) => {
        await tx.delete(personalDocuments).where(and(eq(personalDocuments.fileId, doc.file_id), eq(personalDocuments.ownerUserId, userId)));
        // The bytes go too unless a dossier still holds the file (then it stays with the dossier).
        const by = await files.referencedBy(tx, doc.file_id);
        if (!by) await tx.delete(filesTable).where(eq(filesTable.id, doc.file_id));
        await appendAudit(tx, { actorId: userId, actorName: req.user!.username, action: 'document.delete', targetType: 'file', targetId: doc.file_id, data: { keptFor: by }, ip: req.ip, requestId: req.id });
        return !by;
      });
      if (fileGone && f) await discardStored(files.store, f);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/documents/:fileId/attach',
    {
      config: { access: access.authenticated },
      schema: {
        tags: ['personal-documents'],
        summary: 'Dùng một tài liệu trong kho cho hồ sơ mới: trả về fileId để gửi trong files[] của POST /api/v1/dossiers',
        description:
          'An own upload is answered with its own id. An issued result belongs to its dossier, so a copy owned by the caller is made (same bytes, checked again) and its id answered; the stored result is never moved out of its dossier.',
        params: Type.Object({ fileId: Uuid }),
        response: { 200: Type.Object({ fileId: Uuid, name: Type.String(), mediaType: Type.String(), size: Type.Integer() }), 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const userId = requireCitizen(req.user);
      const [doc] = await list(userId, req.params.fileId);
      if (!doc) throw problems.notFound('Không có tài liệu này');
      const [f] = await db.select().from(filesTable).where(eq(filesTable.id, doc.file_id));
      if (f!.ownerUserId === userId) return { fileId: f!.id, name: f!.originalName, mediaType: f!.mediaType, size: f!.size };
      const copy = await files.storeUpload({ stream: await files.store.get(f!.storageKey), fileName: f!.originalName, ownerUserId: userId, createdBy: userId });
      try {
        await db.transaction(async (tx) => {
          await insertFileRow(tx, copy);
          await appendAudit(tx, { actorId: userId, actorName: req.user!.username, action: 'document.attach-copy', targetType: 'file', targetId: copy.id, data: { from: f!.id }, ip: req.ip, requestId: req.id });
        });
      } catch (e) {
        await discardStored(files.store, copy);
        throw e;
      }
      return { fileId: copy.id, name: copy.originalName, mediaType: copy.mediaType, size: copy.size };
    },
  );
}
