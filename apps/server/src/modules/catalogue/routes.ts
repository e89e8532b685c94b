import type { FastifyRequest } from 'fastify';
import { and, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import {
  access,
  CatalogueFile,
  Channel,
  FieldSchema,
  OnlineLevel,
  planPublish,
  planRetire,
  Problem,
  ProcedureContent,
  ProcedureCreate,
  ProcedureLevel,
  searchKey,
  TimeLimit,
  VersionStatus,
  isDemoCode,
  type Role,
  type ProcedureContent as Content,
} from '@motcua/domain';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { agencies, fields, procedures, procedureVersions } from '../../db/schema.ts';
import { auditAs } from '../../audit.ts';
import { checkContent, findProcedure, inForce, inForceVersion, todayVn, versionColumns, versionsOf, type VersionRow } from './repo.ts';
import { exportCatalogue, importCatalogue } from './exchange.ts';
import { componentTemplateDocx, templateFileName } from './template.ts';

const EDITORS: Role[] = ['system_admin', 'agency_admin'];
const READERS: Role[] = ['system_admin', 'agency_admin', 'controller'];
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9.\\-]+$' }) });
const VersionParams = Type.Object({ code: CodeParams.properties.code, version: Type.Integer({ minimum: 1, maximum: 100000 }) });

const AgencyRef = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.Optional(Type.String()) });
const FieldRef = Type.Object({ code: Type.String(), name: Type.String(), sector: Type.String() });

const ProcedureSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  codeIsOfficial: Type.Boolean(),
  name: Type.String(),
  nameEn: Type.Optional(Type.String()),
  field: FieldRef,
  agencies: Type.Array(AgencyRef),
  level: ProcedureLevel,
  timeLimit: TimeLimit,
  onlineLevel: OnlineLevel,
  channels: Type.Array(Channel),
  version: Type.Integer(),
});

const VersionInfo = Type.Object({
  version: Type.Integer(),
  status: VersionStatus,
  effectiveFrom: Type.Union([Type.String(), Type.Null()]),
  effectiveTo: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
});

const ProcedureDetail = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  codeIsOfficial: Type.Boolean(),
  version: Type.Integer(),
  effectiveFrom: Type.Union([Type.String(), Type.Null()]),
  content: ProcedureContent,
  field: FieldRef,
  agencies: Type.Array(AgencyRef),
});

const AdminProcedure = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  codeIsOfficial: Type.Boolean(),
  versions: Type.Array(Type.Intersect([VersionInfo, Type.Object({ content: ProcedureContent })])),
});

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

export function catalogueRoutes(app: App, { db }: Deps): void {
  async function fieldsByCode(codes: string[]) {
    if (!codes.length) return new Map<string, { code: string; name: string; sector: string }>();
    const rows = await db.select({ code: fields.code, name: fields.name, sector: fields.sector }).from(fields).where(inArray(fields.code, codes));
    return new Map(rows.map((r) => [r.code, r]));
  }
  async function agencyNames(codes: string[]) {
    if (!codes.length) return new Map<string, string>();
    const rows = await db.select({ code: agencies.code, name: agencies.name }).from(agencies).where(inArray(agencies.code, codes));
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /** A procedure is edited by the province, or by an agency administrator over all its agencies. */
  async function requireEditor(req: FastifyRequest, agencyCodes: readonly string[]) {
    for (const code of agencyCodes) await req.requireAgencyRole(EDITORS, code);
  }

  app.get(
    '/api/v1/fields',
    {
      config: { access: access.public },
      schema: {
        tags: ['catalogue'],
        summary: 'Lĩnh vực, kèm số thủ tục đang có hiệu lực của mỗi lĩnh vực',
        response: { 200: Type.Object({ items: Type.Array(Type.Intersect([FieldSchema, Type.Object({ procedures: Type.Integer() })])) }) },
      },
    },
    async () => {
      const today = todayVn();
      const rows = await db
        .select({
          f: fields,
          procedures: sql<number>`(select count(*)::int from procedure_versions v where v.field_code = ${fields.code} and v.status = 'published' and v.effective_from <= ${today} and (v.effective_to is null or v.effective_to >= ${today}))`,
        })
        .from(fields)
        .orderBy(sql`${fields.sector} collate "vi-x-icu"`, sql`${fields.name} collate "vi-x-icu"`);
      return {
        items: rows.map(({ f: r, procedures: n }) => ({ code: r.code, name: r.name, sector: r.sector, ...(r.nameEn ? { nameEn: r.nameEn } : {}), ...(r.sectorEn ? { sectorEn: r.sectorEn } : {}), procedures: n })),
      };
    },
  );

  app.put(
    '/api/v1/fields/:code',
    {
      config: { access: access.roles(['system_admin']) },
      schema: {
        tags: ['catalogue'],
        summary: 'Tạo hoặc sửa lĩnh vực',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$' }) }),
        body: Type.Omit(FieldSchema, ['code'], { additionalProperties: false }),
        response: { 200: FieldSchema, 400: Problem, 403: Problem },
      },
    },
    async (req) => {
      await req.requireAgencyRole(['system_admin'], null);
      const v = { code: req.params.code, name: req.body.name, nameEn: req.body.nameEn ?? null, sector: req.body.sector, sectorEn: req.body.sectorEn ?? null };
      await db.transaction(async (tx) => {
        await tx.insert(fields).values(v).onConflictDoUpdate({ target: fields.code, set: v });
        await auditAs(req, tx, { action: 'field.put', targetType: 'field', targetId: v.code, data: v });
      });
      return { code: v.code, name: v.name, sector: v.sector, ...(v.nameEn ? { nameEn: v.nameEn } : {}), ...(v.sectorEn ? { sectorEn: v.sectorEn } : {}) };
    },
  );

  app.get(
    '/api/v1/procedures',
    {
      config: { access: access.public },
      schema: {
        tags: ['catalogue'],
        summary: 'Tra cứu thủ tục hành chính (tìm có dấu hoặc không dấu)',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          field: Type.Optional(Type.String({ maxLength: 40 })),
          sector: Type.Optional(Type.String({ maxLength: 200 })),
          agency: Type.Optional(Type.String({ maxLength: 20 })),
          level: Type.Optional(ProcedureLevel),
          onlineLevel: Type.Optional(OnlineLevel),
          page: Type.Integer({ minimum: 1, maximum: 10000, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(ProcedureSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }), 400: Problem },
      },
    },
    async (req) => {
      const { q, field, sector, agency, level, onlineLevel, page, pageSize } = req.query;
      const where: SQL[] = [inForce(todayVn())];
      const key = q ? searchKey(q) : '';
      if (key) where.push(ilike(procedureVersions.searchKey, `%${escapeLike(key)}%`));
      if (field) where.push(eq(procedureVersions.fieldCode, field));
      if (sector) where.push(sql`${procedureVersions.fieldCode} in (select code from fields where sector = ${sector})`);
      if (agency) where.push(sql`${procedureVersions.agencyCodes} @> array[${agency}]::text[]`);
      if (level) where.push(eq(procedureVersions.level, level));
      if (onlineLevel) where.push(eq(procedureVersions.onlineLevel, onlineLevel));
      const cond = and(...where);
      // Names that start with the query first, then alphabetical in Vietnamese order.
      const order = key ? [sql`(${procedureVersions.searchKey} like ${`${escapeLike(key)}%`}) desc`, sql`${procedureVersions.name} collate "vi-x-icu"`] : [sql`${procedureVersions.name} collate "vi-x-icu"`];
      // One round trip: the page, its total (window count), field and agency names joined in SQL,
      // and only the columns a list needs — never the whole content with its e-form schemas.
      const rows = await db
        .select({
          id: procedures.id,
          code: procedures.code,
          codeIsOfficial: procedures.codeIsOfficial,
          name: procedureVersions.name,
          fieldCode: procedureVersions.fieldCode,
          fieldName: fields.name,
          sector: fields.sector,
          nameEn: sql<string | null>`${procedureVersions.content}->>'nameEn'`,
          agencies: sql<{ code: string; name: string; nameEn?: string }[]>`(select coalesce(json_agg(json_strip_nulls(json_build_object('code', c.code, 'name', coalesce(a.name, c.code), 'nameEn', a.name_en)) order by c.ord), '[]'::json)
            from unnest(${procedureVersions.agencyCodes}) with ordinality as c(code, ord) left join agencies a on a.code = c.code)`,
          level: procedureVersions.level,
          timeLimit: procedureVersions.timeLimit,
          onlineLevel: procedureVersions.onlineLevel,
          channels: sql<Content['channels']>`${procedureVersions.content}->'channels'`,
          version: procedureVersions.version,
          total: sql<number>`count(*) over ()`,
        })
        .from(procedureVersions)
        .innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId))
        .leftJoin(fields, eq(fields.code, procedureVersions.fieldCode))
        .where(cond)
        .orderBy(...order)
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      // A page past the end has no row to carry the window count; count separately only then.
      const total = rows[0]?.total ?? (page > 1 ? (await db.select({ n: sql<number>`count(*)::int` }).from(procedureVersions).where(cond))[0]!.n : 0);
      return {
        items: rows.map((r) => ({
          id: r.id,
          code: r.code,
          codeIsOfficial: r.codeIsOfficial,
          name: r.name,
          ...(r.nameEn ? { nameEn: r.nameEn } : {}),
          field: { code: r.fieldCode, name: r.fieldName ?? r.fieldCode, sector: r.sector ?? '' },
          agencies: r.agencies,
          level: r.level as Content['level'],
          timeLimit: r.timeLimit,
          onlineLevel: r.onlineLevel as Content['onlineLevel'],
          channels: r.channels,
          version: r.version,
        })),
        total,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/v1/procedures/:code',
    {
      config: { access: access.public },
      schema: { tags: ['catalogue'], summary: 'Chi tiết thủ tục (phiên bản đang có hiệu lực)', params: CodeParams, response: { 200: ProcedureDetail, 404: Problem } },
    },
    async (req) => {
      const p = await findProcedure(db, req.params.code);
      const v = p && (await inForceVersion(db, p.id, todayVn()));
      if (!p || !v) throw problems.notFound(`Không có thủ tục ${req.params.code} đang có hiệu lực`);
      const fieldMap = await fieldsByCode([v.fieldCode]);
      const names = await agencyNames(v.agencyCodes);
      return {
        id: p.id,
        code: p.code,
        codeIsOfficial: p.codeIsOfficial,
        version: v.version,
        effectiveFrom: v.effectiveFrom,
        content: v.content,
        field: fieldMap.get(v.fieldCode) ?? { code: v.fieldCode, name: v.fieldCode, sector: '' },
        agencies: v.agencyCodes.map((c) => ({ code: c, name: names.get(c) ?? c })),
      };
    },
  );

  app.get(
    '/api/v1/procedures/:code/templates/:caseCode/:componentCode',
    {
      config: { access: access.public },
      schema: {
        tags: ['catalogue'],
        summary: 'Tải mẫu đơn, tờ khai (DOCX, tạo từ biểu mẫu điện tử của thành phần hồ sơ)',
        params: Type.Object({ code: CodeParams.properties.code, caseCode: Type.String({ maxLength: 40 }), componentCode: Type.String({ maxLength: 40 }) }),
        response: { 404: Problem },
      },
    },
    async (req, reply) => {
      const p = await findProcedure(db, req.params.code);
      const v = p && (await inForceVersion(db, p.id, todayVn()));
      const component = v?.content.cases.find((c) => c.code === req.params.caseCode)?.components.find((c) => c.code === req.params.componentCode);
      if (!v || !component || (!component.template && !component.form)) throw problems.notFound('Thành phần hồ sơ này không có mẫu');
      const buf = await componentTemplateDocx(v.content.name, component);
      const fileName = templateFileName(component);
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(buf as never); // binary: no JSON serialisation applies
    },
  );

  // ── Administration ──────────────────────────────────────────────────────────────────────

  function adminDto(p: typeof procedures.$inferSelect, versions: VersionRow[]) {
    return {
      id: p.id,
      code: p.code,
      codeIsOfficial: p.codeIsOfficial,
      versions: versions.map((v) => ({
        version: v.version,
        status: v.status as 'draft' | 'published' | 'retired',
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo,
        publishedAt: v.publishedAt?.toISOString() ?? null,
        content: v.content,
      })),
    };
  }

  async function loadForEdit(req: FastifyRequest, code: string) {
    const p = await findProcedure(db, code);
    if (!p) throw problems.notFound(`Không có thủ tục ${code}`);
    const versions = await versionsOf(db, p.id);
    await requireEditor(req, versions.at(-1)!.content.agencyCodes);
    return { p, versions };
  }

  app.get(
    '/api/v1/admin/procedures',
    {
      config: { access: access.roles(READERS) },
      schema: {
        tags: ['catalogue'],
        summary: 'Quản trị danh mục: tất cả thủ tục kể cả bản nháp',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          status: Type.Optional(VersionStatus),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ code: Type.String(), codeIsOfficial: Type.Boolean(), name: Type.String(), fieldCode: Type.String(), latestVersion: Type.Integer(), latestStatus: VersionStatus, inForceVersion: Type.Union([Type.Integer(), Type.Null()]) })),
            total: Type.Integer(),
          }),
        },
      },
    },
    async (req) => {
      const { q, status, page, pageSize } = req.query;
      const latest = db
        .selectDistinctOn([procedureVersions.procedureId], { procedureId: procedureVersions.procedureId, version: procedureVersions.version, status: procedureVersions.status, name: procedureVersions.name, fieldCode: procedureVersions.fieldCode, searchKey: procedureVersions.searchKey, agencyCodes: procedureVersions.agencyCodes })
        .from(procedureVersions)
        .orderBy(procedureVersions.procedureId, desc(procedureVersions.version))
        .as('latest');
      const where: SQL[] = [];
      if (q) where.push(ilike(latest.searchKey, `%${escapeLike(searchKey(q))}%`));
      if (status) where.push(eq(latest.status, status));
      // Agency administrators and controllers see the procedures of their agencies; the province sees all.
      if (!req.user!.roles.some((r) => r.role === 'system_admin')) {
        const scopes = req.agencyScopes(READERS);
        where.push(sql`${latest.agencyCodes} && array(with recursive down(code) as (select code from agencies where code in ${scopes} union select a.code from agencies a join down on a.parent_code = down.code) select code from down)`);
      }
      const cond = where.length ? and(...where) : undefined;
      const today = todayVn();
      const rows = await db
        .select({
          code: procedures.code,
          codeIsOfficial: procedures.codeIsOfficial,
          name: latest.name,
          fieldCode: latest.fieldCode,
          latestVersion: latest.version,
          latestStatus: latest.status,
          inForceVersion: sql<number | null>`(select max(v.version) from procedure_versions v where v.procedure_id = ${procedures.id} and v.status = 'published' and v.effective_from <= ${today} and (v.effective_to is null or v.effective_to >= ${today}))`,
          total: sql<number>`count(*) over ()`,
        })
        .from(latest)
        .innerJoin(procedures, eq(procedures.id, latest.procedureId))
        .where(cond)
        .orderBy(sql`${latest.name} collate "vi-x-icu"`)
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      return {
        items: rows.map(({ total: _t, ...r }) => ({ ...r, latestStatus: r.latestStatus as 'draft' | 'published' | 'retired' })),
        total: rows[0]?.total ?? 0,
      };
    },
  );

  app.get(
    '/api/v1/admin/procedures/:code',
    {
      config: { access: access.roles(READERS) },
      schema: { tags: ['catalogue'], summary: 'Mọi phiên bản của một thủ tục', params: CodeParams, response: { 200: AdminProcedure, 403: Problem, 404: Problem } },
    },
    async (req) => {
      const p = await findProcedure(db, req.params.code);
      if (!p) throw problems.notFound(`Không có thủ tục ${req.params.code}`);
      const versions = await versionsOf(db, p.id);
      if (!req.user!.roles.some((r) => r.role === 'system_admin')) {
        let ok = false;
        for (const c of versions.at(-1)!.content.agencyCodes) {
          try {
            await req.requireAgencyRole(READERS, c);
            ok = true;
            break;
          } catch {
            /* try the next performing agency */
          }
        }
        if (!ok) throw problems.forbidden('Thủ tục này không thuộc cơ quan của bạn');
      }
      return adminDto(p, versions);
    },
  );

  app.post(
    '/api/v1/admin/procedures',
    {
      config: { access: access.roles(EDITORS) },
      schema: { tags: ['catalogue'], summary: 'Tạo thủ tục (bản nháp phiên bản 1)', body: ProcedureCreate, response: { 201: AdminProcedure, 400: Problem, 403: Problem, 409: Problem } },
    },
    async (req, reply) => {
      const { code, content } = req.body;
      // References are checked first: agencies and fields are public, and an unknown agency is a
      // mistake to name, not a scope violation.
      const errors = await checkContent(db, content);
      if (errors.length) throw problems.validation(errors);
      await requireEditor(req, content.agencyCodes);
      if (await findProcedure(db, code)) throw problems.conflict(`Mã thủ tục ${code} đã tồn tại`, [{ field: 'code', message: 'Mã thủ tục đã tồn tại' }]);
      const out = await db.transaction(async (tx) => {
        const [p] = await tx.insert(procedures).values({ code, codeIsOfficial: !isDemoCode(code) }).returning();
        const [v] = await tx.insert(procedureVersions).values({ procedureId: p!.id, version: 1, status: 'draft', createdBy: req.user!.id, ...versionColumns(code, content) }).returning();
        await auditAs(req, tx, { action: 'procedure.create', targetType: 'procedure', targetId: code });
        return adminDto(p!, [v!]);
      });
      return reply.code(201).send(out);
    },
  );

  app.post(
    '/api/v1/admin/procedures/:code/versions',
    {
      config: { access: access.roles(EDITORS) },
      schema: {
        tags: ['catalogue'],
        summary: 'Tạo bản nháp phiên bản mới (sao chép phiên bản mới nhất nếu không gửi nội dung)',
        params: CodeParams,
        body: Type.Object({ content: Type.Optional(ProcedureContent) }, { additionalProperties: false }),
        response: { 201: AdminProcedure, 400: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (req, reply) => {
      const { p, versions } = await loadForEdit(req, req.params.code);
      if (versions.some((v) => v.status === 'draft')) throw problems.conflict('Thủ tục đang có một bản nháp; hãy sửa hoặc công bố bản nháp đó');
      const content = req.body.content ?? versions.at(-1)!.content;
      if (req.body.content) {
        const errors = await checkContent(db, content);
        if (errors.length) throw problems.validation(errors);
        await requireEditor(req, content.agencyCodes);
      }
      const out = await db.transaction(async (tx) => {
        const [v] = await tx.insert(procedureVersions).values({ procedureId: p.id, version: versions.at(-1)!.version + 1, status: 'draft', createdBy: req.user!.id, ...versionColumns(p.code, content) }).returning();
        await auditAs(req, tx, { action: 'procedure.new-version', targetType: 'procedure', targetId: p.code, data: { version: v!.version } });
        return adminDto(p, [...versions, v!]);
      });
      return reply.code(201).send(out);
    },
  );

  app.put(
    '/api/v1/admin/procedures/:code/versions/:version',
    {
      config: { access: access.roles(EDITORS) },
      schema: { tags: ['catalogue'], summary: 'Sửa bản nháp (phiên bản đã công bố không sửa được)', params: VersionParams, body: ProcedureContent, response: { 200: AdminProcedure, 400: Problem, 403: Problem, 404: Problem, 409: Problem } },
    },
    async (req) => {
      const { p, versions } = await loadForEdit(req, req.params.code);
      const target = versions.find((v) => v.version === req.params.version);
      if (!target) throw problems.notFound(`Không có phiên bản ${req.params.version}`);
      if (target.status !== 'draft') throw problems.conflict('Phiên bản đã công bố không được sửa; hãy tạo phiên bản mới');
      const errors = await checkContent(db, req.body);
      if (errors.length) throw problems.validation(errors.map((e) => ({ ...e, field: e.field.replace(/^content\./, '') })));
      await requireEditor(req, req.body.agencyCodes);
      await db.transaction(async (tx) => {
        await tx.update(procedureVersions).set(versionColumns(p.code, req.body)).where(and(eq(procedureVersions.id, target.id), eq(procedureVersions.status, 'draft')));
        await tx.update(procedures).set({ updatedAt: new Date() }).where(eq(procedures.id, p.id));
        await auditAs(req, tx, { action: 'procedure.edit-draft', targetType: 'procedure', targetId: p.code, data: { version: target.version } });
      });
      return adminDto(p, await versionsOf(db, p.id));
    },
  );

  app.post(
    '/api/v1/admin/procedures/:code/versions/:version/publish',
    {
      config: { access: access.roles(EDITORS) },
      schema: {
        tags: ['catalogue'],
        summary: 'Công bố phiên bản từ ngày hiệu lực (phiên bản trước kết thúc ngày hôm trước)',
        params: VersionParams,
        body: Type.Object({ effectiveFrom: Type.String({ format: 'date' }) }, { additionalProperties: false }),
        response: { 200: AdminProcedure, 400: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (req) => {
      const { p } = await loadForEdit(req, req.params.code);
      const out = await db.transaction(async (tx) => {
        // Lock the procedure so two publications cannot interleave.
        await tx.select().from(procedures).where(eq(procedures.id, p.id)).for('update');
        const versions = await versionsOf(tx, p.id);
        const plan = planPublish(versions, req.params.version, req.body.effectiveFrom);
        if (!plan.ok) {
          if (plan.reason === 'no-such-version') throw problems.notFound(`Không có phiên bản ${req.params.version}`);
          if (plan.reason === 'not-a-draft') throw problems.conflict('Chỉ công bố được bản nháp');
          throw problems.field('effectiveFrom', 'Ngày hiệu lực phải sau ngày hiệu lực của phiên bản đang áp dụng', 'Must be after the current version took effect');
        }
        for (const u of plan.updates) {
          const publishing = u.version === req.params.version;
          await tx
            .update(procedureVersions)
            .set({ status: u.status, effectiveFrom: u.effectiveFrom, effectiveTo: u.effectiveTo, ...(publishing ? { publishedAt: new Date(), publishedBy: req.user!.id } : {}) })
            .where(and(eq(procedureVersions.procedureId, p.id), eq(procedureVersions.version, u.version)));
        }
        await auditAs(req, tx, { action: 'procedure.publish', targetType: 'procedure', targetId: p.code, data: { version: req.params.version, effectiveFrom: req.body.effectiveFrom } });
        return adminDto(p, await versionsOf(tx, p.id));
      });
      return out;
    },
  );

  app.post(
    '/api/v1/admin/procedures/:code/versions/:version/retire',
    {
      config: { access: access.roles(EDITORS) },
      schema: {
        tags: ['catalogue'],
        summary: 'Bãi bỏ phiên bản từ một ngày (thủ tục ngừng áp dụng)',
        params: VersionParams,
        body: Type.Object({ date: Type.String({ format: 'date' }) }, { additionalProperties: false }),
        response: { 200: AdminProcedure, 400: Problem, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (req) => {
      const { p } = await loadForEdit(req, req.params.code);
      const out = await db.transaction(async (tx) => {
        await tx.select().from(procedures).where(eq(procedures.id, p.id)).for('update');
        const plan = planRetire(await versionsOf(tx, p.id), req.params.version, req.body.date);
        if (!plan.ok) {
          if (plan.reason === 'no-such-version') throw problems.notFound(`Không có phiên bản ${req.params.version}`);
          throw problems.conflict(plan.reason === 'already-retired' ? 'Phiên bản đã bị bãi bỏ' : 'Bản nháp không cần bãi bỏ');
        }
        await tx.update(procedureVersions).set({ status: 'retired', effectiveTo: plan.update.effectiveTo }).where(and(eq(procedureVersions.procedureId, p.id), eq(procedureVersions.version, req.params.version)));
        await auditAs(req, tx, { action: 'procedure.retire', targetType: 'procedure', targetId: p.code, data: { version: req.params.version, date: req.body.date } });
        return adminDto(p, await versionsOf(tx, p.id));
      });
      return out;
    },
  );

  app.get(
    '/api/v1/admin/catalogue/export',
    {
      config: { access: access.roles(['system_admin']) },
      schema: { tags: ['catalogue'], summary: 'Xuất toàn bộ danh mục (định dạng motcua-catalogue, xem docs/catalogue-format.md)', response: { 200: CatalogueFile } },
    },
    async (req, reply) => {
      await req.requireAgencyRole(['system_admin'], null);
      reply.header('content-disposition', `attachment; filename="motcua-catalogue-${todayVn()}.json"`);
      return exportCatalogue(db);
    },
  );

  app.post(
    '/api/v1/admin/catalogue/import',
    {
      bodyLimit: 50 * 1024 * 1024,
      config: { access: access.roles(['system_admin']) },
      schema: {
        tags: ['catalogue'],
        summary: 'Nhập danh mục: thêm lĩnh vực, thủ tục và phiên bản mới; phiên bản đã có phải trùng khớp',
        body: CatalogueFile,
        response: { 200: Type.Object({ fields: Type.Integer(), proceduresCreated: Type.Integer(), versionsAdded: Type.Integer(), unchanged: Type.Integer() }), 400: Problem, 403: Problem, 409: Problem },
      },
    },
    async (req) => {
      await req.requireAgencyRole(['system_admin'], null);
      return db.transaction(async (tx) => {
        const r = await importCatalogue(tx, req.body, req.user!.id);
        await auditAs(req, tx, { action: 'catalogue.import', targetType: 'catalogue', data: r });
        return r;
      });
    },
  );

}
