import { and, asc, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import {
  access,
  Agency,
  AgencyCode,
  AgencyInput,
  AgencyLevel,
  AgencyMergeInput,
  AgencyRenameInput,
  AgencyUpdate,
  Department,
  DepartmentInput,
  Problem,
  searchKey,
  wouldCreateCycle,
  type Role,
} from '@motcua/domain';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { agencies, agencyHistory, agencyLevels, departments } from '../../db/schema.ts';
import { auditAs } from '../../audit.ts';
import { agencyDto, agencyNodes, agencySearchKey, departmentDto, findAgency, listDepartments } from './repo.ts';
import { forgetAgencyTree } from '../../http/access.ts';

const ADMINS: Role[] = ['system_admin', 'agency_admin'];
const OFFICERS: Role[] = ['reception', 'specialist', 'head', 'leader', 'controller', 'agency_admin', 'system_admin'];
const CodeParams = Type.Object({ code: AgencyCode });
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

const AgencyDetail = Type.Intersect([Agency, Type.Object({ departments: Type.Array(Department), children: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() })) })]);

export function organisationRoutes(app: App, { db }: Deps): void {
  // Any change to agencies may move a subtree: scope answers cached by this instance are dropped.
  app.addHook('onResponse', async (req) => {
    if (req.method !== 'GET' && req.url.startsWith('/api/v1/agencies')) forgetAgencyTree();
  });
  app.get(
    '/api/v1/agency-levels',
    { config: { access: access.public }, schema: { tags: ['organisation'], summary: 'Các cấp cơ quan', response: { 200: Type.Object({ items: Type.Array(AgencyLevel) }) } } },
    async () => {
      const rows = await db.select().from(agencyLevels).orderBy(asc(agencyLevels.rank));
      return { items: rows.map((r) => ({ code: r.code, name: r.name, rank: r.rank, ...(r.nameEn ? { nameEn: r.nameEn } : {}) })) };
    },
  );

  app.put(
    '/api/v1/agency-levels/:code',
    {
      config: { access: access.roles(['system_admin'], 'any') },
      schema: {
        tags: ['organisation'],
        summary: 'Tạo hoặc sửa một cấp cơ quan',
        params: Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 40 }) }),
        body: Type.Omit(AgencyLevel, ['code'], { additionalProperties: false }),
        response: { 200: AgencyLevel, 400: Problem, 403: Problem },
      },
    },
    async (req) => {
      await req.requireAgencyRole(['system_admin'], null);
      const v = { code: req.params.code, name: req.body.name, nameEn: req.body.nameEn ?? null, rank: req.body.rank };
      await db.transaction(async (tx) => {
        await tx.insert(agencyLevels).values(v).onConflictDoUpdate({ target: agencyLevels.code, set: { name: v.name, nameEn: v.nameEn, rank: v.rank } });
        await auditAs(req, tx, { action: 'agency-level.put', targetType: 'agency-level', targetId: v.code, data: v });
      });
      return { code: v.code, name: v.name, rank: v.rank, ...(v.nameEn ? { nameEn: v.nameEn } : {}) };
    },
  );

  app.get(
    '/api/v1/agencies',
    {
      config: { access: access.public },
      schema: {
        tags: ['organisation'],
        summary: 'Danh sách cơ quan (cây cơ quan)',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          level: Type.Optional(Type.String({ maxLength: 40 })),
          parent: Type.Optional(AgencyCode),
          status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('merged'), Type.Literal('dissolved'), Type.Literal('all')])),
        }),
        response: { 200: Type.Object({ items: Type.Array(Agency), total: Type.Integer() }) },
      },
    },
    async (req) => {
      const { q, level, parent, status = 'active' } = req.query;
      const where: SQL[] = [];
      if (status !== 'all') where.push(eq(agencies.status, status));
      if (level) where.push(eq(agencies.level, level));
      if (parent) where.push(eq(agencies.parentCode, parent));
      if (q) where.push(ilike(agencies.searchKey, `%${searchKey(q).replace(/[%_\\]/g, '\\$&')}%`));
      const rows = await db
        .select()
        .from(agencies)
        .where(where.length ? and(...where) : undefined)
        .orderBy(sql`(select rank from agency_levels l where l.code = ${agencies.level})`, sql`${agencies.name} collate "vi-x-icu"`);
      return { items: rows.map(agencyDto), total: rows.length };
    },
  );

  app.get(
    '/api/v1/agencies/:code',
    {
      config: { access: access.public },
      schema: { tags: ['organisation'], summary: 'Thông tin một cơ quan, phòng ban và đơn vị trực thuộc', params: CodeParams, response: { 200: AgencyDetail, 404: Problem } },
    },
    async (req) => {
      const a = await findAgency(db, req.params.code);
      if (!a) throw problems.notFound(`Không có cơ quan ${req.params.code}`);
      const [deps, children] = await Promise.all([
        listDepartments(db, a.code),
        db.select({ code: agencies.code, name: agencies.name, level: agencies.level }).from(agencies).where(and(eq(agencies.parentCode, a.code), eq(agencies.status, 'active'))).orderBy(sql`${agencies.name} collate "vi-x-icu"`),
      ]);
      return { ...agencyDto(a), departments: deps.map(departmentDto), children };
    },
  );

  app.post(
    '/api/v1/agencies',
    {
      config: { access: access.roles(ADMINS) },
      schema: { tags: ['organisation'], summary: 'Tạo cơ quan', body: AgencyInput, response: { 201: Agency, 400: Problem, 403: Problem, 409: Problem } },
    },
    async (req, reply) => {
      const b = req.body;
      // Agencies are public, so saying a parent does not exist before checking scope leaks nothing.
      if (b.parentCode && !(await findAgency(db, b.parentCode))) throw problems.field('parentCode', 'Cơ quan cấp trên không tồn tại', 'Unknown parent agency');
      // A root agency is the province itself: only a system administrator may create one.
      await req.requireAgencyRole(b.parentCode ? ADMINS : ['system_admin'], b.parentCode ?? null);
      if (await findAgency(db, b.code)) throw problems.conflict(`Mã ${b.code} đã được dùng`, [{ field: 'code', message: 'Mã định danh đã tồn tại' }]);
      const level = await db.select().from(agencyLevels).where(eq(agencyLevels.code, b.level));
      if (!level.length) throw problems.field('level', 'Cấp cơ quan không tồn tại', 'Unknown level');
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(agencies)
          .values({ ...b, email: b.email || null, parentCode: b.parentCode ?? null, searchKey: agencySearchKey(b) })
          .returning();
        await tx.insert(agencyHistory).values({ agencyCode: b.code, kind: 'created', effectiveDate: today(), after: b, actorId: req.user!.id });
        await auditAs(req, tx, { action: 'agency.create', targetType: 'agency', targetId: b.code, data: b });
        return created!;
      });
      return reply.code(201).send(agencyDto(row));
    },
  );

  app.patch(
    '/api/v1/agencies/:code',
    {
      config: { access: access.roles(ADMINS) },
      schema: { tags: ['organisation'], summary: 'Sửa thông tin cơ quan', params: CodeParams, body: AgencyUpdate, response: { 200: Agency, 400: Problem, 403: Problem, 404: Problem } },
    },
    async (req) => {
      const a = await findAgency(db, req.params.code);
      if (!a) throw problems.notFound(`Không có cơ quan ${req.params.code}`);
      await req.requireAgencyRole(ADMINS, a.code);
      const b = req.body;
      if (b.parentCode !== undefined && b.parentCode !== a.parentCode) {
        if (b.parentCode === null) await req.requireAgencyRole(['system_admin'], null);
        else {
          if (!(await findAgency(db, b.parentCode))) throw problems.field('parentCode', 'Cơ quan cấp trên không tồn tại', 'Unknown parent agency');
          await req.requireAgencyRole(ADMINS, b.parentCode);
          if (wouldCreateCycle(await agencyNodes(db), a.code, b.parentCode)) throw problems.field('parentCode', 'Không thể chuyển cơ quan vào đơn vị trực thuộc của chính nó', 'Would create a cycle');
        }
      }
      if (b.level && !(await db.select().from(agencyLevels).where(eq(agencyLevels.code, b.level))).length) throw problems.field('level', 'Cấp cơ quan không tồn tại', 'Unknown level');
      const next = { ...a, ...b, email: b.email === '' ? null : (b.email ?? a.email) };
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(agencies)
          .set({ ...b, email: next.email, searchKey: agencySearchKey(next), updatedAt: new Date() })
          .where(eq(agencies.code, a.code))
          .returning();
        await tx.insert(agencyHistory).values({ agencyCode: a.code, kind: b.parentCode !== undefined && b.parentCode !== a.parentCode ? 'moved' : 'updated', effectiveDate: today(), before: agencyDto(a), after: b, actorId: req.user!.id });
        await auditAs(req, tx, { action: 'agency.update', targetType: 'agency', targetId: a.code, data: b });
        return updated!;
      });
      return agencyDto(row);
    },
  );

  app.post(
    '/api/v1/agencies/:code/rename',
    {
      config: { access: access.roles(ADMINS) },
      schema: {
        tags: ['organisation'],
        summary: 'Đổi tên cơ quan (giữ lịch sử; hồ sơ cũ giữ tên tại thời điểm tiếp nhận)',
        params: CodeParams,
        body: AgencyRenameInput,
        response: { 200: Agency, 400: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const a = await findAgency(db, req.params.code);
      if (!a) throw problems.notFound(`Không có cơ quan ${req.params.code}`);
      await req.requireAgencyRole(ADMINS, a.code);
      const b = req.body;
      const row = await db.transaction(async (tx) => {
        const [u] = await tx
          .update(agencies)
          .set({ name: b.name, nameEn: b.nameEn ?? a.nameEn, searchKey: agencySearchKey({ ...a, name: b.name }), updatedAt: new Date() })
          .where(eq(agencies.code, a.code))
          .returning();
        await tx.insert(agencyHistory).values({ agencyCode: a.code, kind: 'renamed', effectiveDate: b.effectiveDate, before: { name: a.name, nameEn: a.nameEn }, after: { name: b.name, nameEn: b.nameEn ?? a.nameEn }, note: b.note ?? null, actorId: req.user!.id });
        await auditAs(req, tx, { action: 'agency.rename', targetType: 'agency', targetId: a.code, data: b });
        return u!;
      });
      return agencyDto(row);
    },
  );

  app.post(
    '/api/v1/agencies/merge',
    {
      config: { access: access.roles(['system_admin']) },
      schema: {
        tags: ['organisation'],
        summary: 'Hợp nhất cơ quan: các cơ quan bị hợp nhất ngừng tiếp nhận, lịch sử được giữ, thống kê cộng dồn vào cơ quan kế thừa',
        body: AgencyMergeInput,
        response: { 200: Type.Object({ successor: Agency, merged: Type.Array(Agency) }), 400: Problem, 403: Problem },
      },
    },
    async (req) => {
      const b = req.body;
      const successor = await findAgency(db, b.successorCode);
      if (!successor || successor.status !== 'active') throw problems.field('successorCode', 'Cơ quan kế thừa không tồn tại hoặc không còn hoạt động', 'Successor must be an active agency');
      if (b.mergedCodes.includes(b.successorCode)) throw problems.field('mergedCodes', 'Cơ quan kế thừa không thể nằm trong danh sách bị hợp nhất', 'Successor cannot be merged into itself');
      await req.requireAgencyRole(['system_admin'], b.successorCode);
      const merged: NonNullable<Awaited<ReturnType<typeof findAgency>>>[] = [];
      for (const [i, code] of b.mergedCodes.entries()) {
        const m = await findAgency(db, code);
        if (!m || m.status !== 'active') throw problems.field(`mergedCodes.${i}`, 'Cơ quan không tồn tại hoặc đã ngừng hoạt động', 'Unknown or inactive agency');
        await req.requireAgencyRole(['system_admin'], code);
        merged.push(m);
      }
      const result = await db.transaction(async (tx) => {
        const out = [];
        for (const m of merged) {
          // Units below a merged agency move under the successor so the tree stays connected.
          await tx.update(agencies).set({ parentCode: successor.code, updatedAt: new Date() }).where(eq(agencies.parentCode, m.code));
          const [u] = await tx.update(agencies).set({ status: 'merged', successorCode: successor.code, updatedAt: new Date() }).where(eq(agencies.code, m.code)).returning();
          await tx.insert(agencyHistory).values({ agencyCode: m.code, kind: 'merged', effectiveDate: b.effectiveDate, before: { status: m.status }, after: { status: 'merged', successorCode: successor.code }, note: b.note ?? null, actorId: req.user!.id });
          out.push(agencyDto(u!));
        }
        await auditAs(req, tx, { action: 'agency.merge', targetType: 'agency', targetId: successor.code, data: b });
        return out;
      });
      return { successor: agencyDto(successor), merged: result };
    },
  );

  app.get(
    '/api/v1/agencies/:code/history',
    {
      config: { access: access.roles(OFFICERS) },
      schema: {
        tags: ['organisation'],
        summary: 'Lịch sử thay đổi của cơ quan (đổi tên, hợp nhất, chỉnh sửa)',
        params: CodeParams,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ kind: Type.String(), effectiveDate: Type.String(), before: Type.Unknown(), after: Type.Unknown(), note: Type.Union([Type.String(), Type.Null()]), at: Type.String() })),
          }),
          403: Problem,
          404: Problem,
        },
      },
    },
    async (req) => {
      const a = await findAgency(db, req.params.code);
      if (!a) throw problems.notFound(`Không có cơ quan ${req.params.code}`);
      await req.requireAgencyRole(OFFICERS, a.code);
      const rows = await db.select().from(agencyHistory).where(eq(agencyHistory.agencyCode, a.code)).orderBy(asc(agencyHistory.id));
      return { items: rows.map((r) => ({ kind: r.kind, effectiveDate: r.effectiveDate, before: r.before, after: r.after, note: r.note, at: r.at.toISOString() })) };
    },
  );

  app.get(
    '/api/v1/agencies/:code/departments',
    {
      config: { access: access.public },
      schema: { tags: ['organisation'], summary: 'Phòng ban của cơ quan', params: CodeParams, response: { 200: Type.Object({ items: Type.Array(Department) }), 404: Problem } },
    },
    async (req) => {
      if (!(await findAgency(db, req.params.code))) throw problems.notFound(`Không có cơ quan ${req.params.code}`);
      return { items: (await listDepartments(db, req.params.code)).map(departmentDto) };
    },
  );

  app.post(
    '/api/v1/agencies/:code/departments',
    {
      config: { access: access.roles(ADMINS) },
      schema: { tags: ['organisation'], summary: 'Thêm phòng ban', params: CodeParams, body: DepartmentInput, response: { 201: Department, 400: Problem, 403: Problem, 404: Problem, 409: Problem } },
    },
    async (req, reply) => {
      const a = await findAgency(db, req.params.code);
      if (!a) throw problems.notFound(`Không có cơ quan ${req.params.code}`);
      await req.requireAgencyRole(ADMINS, a.code);
      const exists = await db.select().from(departments).where(and(eq(departments.agencyCode, a.code), eq(departments.code, req.body.code)));
      if (exists.length) throw problems.conflict('Mã phòng ban đã tồn tại', [{ field: 'code', message: 'Mã phòng ban đã tồn tại' }]);
      const row = await db.transaction(async (tx) => {
        const [d] = await tx.insert(departments).values({ agencyCode: a.code, code: req.body.code, name: req.body.name, nameEn: req.body.nameEn ?? null }).returning();
        await auditAs(req, tx, { action: 'department.create', targetType: 'department', targetId: `${a.code}/${req.body.code}`, data: req.body });
        return d!;
      });
      return reply.code(201).send(departmentDto(row));
    },
  );

  app.patch(
    '/api/v1/agencies/:code/departments/:dept',
    {
      config: { access: access.roles(ADMINS) },
      schema: {
        tags: ['organisation'],
        summary: 'Sửa hoặc ngừng hoạt động phòng ban',
        params: Type.Object({ code: AgencyCode, dept: Type.String({ maxLength: 40 }) }),
        body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })), nameEn: Type.Optional(Type.String({ maxLength: 300 })), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Department, 400: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const a = await findAgency(db, req.params.code);
      if (!a) throw problems.notFound(`Không có cơ quan ${req.params.code}`);
      await req.requireAgencyRole(ADMINS, a.code);
      const row = await db.transaction(async (tx) => {
        const [d] = await tx.update(departments).set(req.body).where(and(eq(departments.agencyCode, a.code), eq(departments.code, req.params.dept))).returning();
        if (!d) throw problems.notFound(`Không có phòng ban ${req.params.dept}`);
        await auditAs(req, tx, { action: 'department.update', targetType: 'department', targetId: `${a.code}/${req.params.dept}`, data: req.body });
        return d;
      });
      return departmentDto(row);
    },
  );
}
