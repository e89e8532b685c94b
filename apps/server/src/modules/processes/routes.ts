import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import { access, AgencyCode, Problem, type FieldError, type Role } from '@motcua/domain';
import { ProcessDefinition, validateProcess, type ProcessDefinition as Definition } from '@motcua/domain/dossier/index.ts';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { departments, processes, procedures, procedureVersions } from '../../db/schema.ts';
import { auditAs } from '../../audit.ts';
import { findAgency } from '../organisation/repo.ts';
import { inForce, todayVn } from '../catalogue/repo.ts';
import { caseTimeLimit } from '../dossiers/service.ts';
import type { Db } from '../../db/pool.ts';

const EDITORS: Role[] = ['system_admin', 'agency_admin'];
const READERS: Role[] = ['system_admin', 'agency_admin', 'controller'];

const ProcessView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  agencyCode: Type.String(),
  procedureCode: Type.String(),
  caseCode: Type.String(),
  version: Type.Integer(),
  status: Type.String(),
  definition: ProcessDefinition,
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  warnings: Type.Array(Type.Object({ field: Type.String(), message: Type.String(), messageEn: Type.Optional(Type.String()) })),
});

type Row = typeof processes.$inferSelect;

/** Validation on save: the domain rules, plus departments that must exist in the agency. */
async function check(db: Db, agencyCode: string, procedureCode: string, caseCode: string, def: Definition): Promise<{ errors: FieldError[]; warnings: FieldError[] }> {
  const pv = (
    await db
      .select({ content: procedureVersions.content })
      .from(procedureVersions)
      .innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId))
      .where(and(eq(procedures.code, procedureCode), inForce(todayVn())))
      .limit(1)
  )[0];
  const errors: FieldError[] = [];
  if (!pv) errors.push({ field: 'procedureCode', message: 'Thủ tục không tồn tại hoặc không còn hiệu lực', messageEn: 'Unknown procedure' });
  else {
    if (!pv.content.agencyCodes.includes(agencyCode)) errors.push({ field: 'agencyCode', message: 'Cơ quan không thực hiện thủ tục này', messageEn: 'The agency does not perform this procedure' });
    if (caseCode && !pv.content.cases.some((c) => c.code === caseCode)) errors.push({ field: 'caseCode', message: 'Trường hợp không thuộc thủ tục', messageEn: 'Unknown case' });
  }
  const deptCodes = new Set((await db.select({ code: departments.code }).from(departments).where(eq(departments.agencyCode, agencyCode))).map((d) => d.code));
  def.steps.forEach((s, i) => {
    if (s.departmentCode && !deptCodes.has(s.departmentCode)) errors.push({ field: `definition.steps.${i}.departmentCode`, message: 'Phòng ban không thuộc cơ quan', messageEn: 'Unknown department of this agency' });
  });
  const limit = pv ? caseTimeLimit(pv.content, caseCode || pv.content.cases[0]!.code) : null;
  const hours = limit ? (limit.unit === 'working-days' ? limit.value * 8 : limit.value) : null;
  const r = validateProcess(def, hours);
  const prefix = (e: FieldError) => ({ ...e, field: `definition.${e.field}` });
  return { errors: [...errors, ...r.errors.map(prefix)], warnings: r.warnings.map(prefix) };
}

export function processRoutes(app: App, { db }: Deps): void {
  const view = (r: Row, warnings: FieldError[] = []) => ({
    id: r.id,
    agencyCode: r.agencyCode,
    procedureCode: r.procedureCode,
    caseCode: r.caseCode,
    version: r.version,
    status: r.status,
    definition: r.definition,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    warnings,
  });
  const load = async (id: string) => {
    const r = (await db.select().from(processes).where(eq(processes.id, id)))[0];
    if (!r) throw problems.notFound('Không có quy trình này');
    return r;
  };

  app.get(
    '/api/v1/admin/processes',
    {
      config: { access: access.roles(READERS) },
      schema: {
        tags: ['processes'],
        summary: 'Quy trình điện tử của cơ quan (mọi phiên bản)',
        querystring: Type.Object({ agency: AgencyCode, procedure: Type.Optional(Type.String({ maxLength: 40 })) }),
        response: { 200: Type.Object({ items: Type.Array(ProcessView) }), 403: Problem },
      },
    },
    async (req) => {
      await req.requireAgencyRole(READERS, req.query.agency);
      const where: SQL[] = [eq(processes.agencyCode, req.query.agency)];
      if (req.query.procedure) where.push(eq(processes.procedureCode, req.query.procedure));
      const rows = await db.select().from(processes).where(and(...where)).orderBy(asc(processes.procedureCode), asc(processes.caseCode), desc(processes.version));
      return { items: rows.map((r) => view(r)) };
    },
  );

  app.post(
    '/api/v1/admin/processes/validate',
    {
      config: { access: access.roles(EDITORS) },
      schema: {
        tags: ['processes'],
        summary: 'Kiểm tra một quy trình (cho trình thiết kế): lỗi và cảnh báo theo từng trường',
        body: Type.Object({ agencyCode: AgencyCode, procedureCode: Type.String({ maxLength: 40 }), caseCode: Type.Optional(Type.String({ maxLength: 40 })), definition: ProcessDefinition }, { additionalProperties: false }),
        response: { 200: Type.Object({ errors: Type.Array(Type.Unknown()), warnings: Type.Array(Type.Unknown()) }), 400: Problem, 403: Problem },
      },
    },
    async (req) => {
      // The check reads the agency's departments: only its own editors may ask.
      if (!(await findAgency(db, req.body.agencyCode))) throw problems.field('agencyCode', 'Không có cơ quan này', 'Unknown agency');
      await req.requireAgencyRole(EDITORS, req.body.agencyCode);
      return check(db, req.body.agencyCode, req.body.procedureCode, req.body.caseCode ?? '', req.body.definition as Definition);
    },
  );

  app.post(
    '/api/v1/admin/processes',
    {
      config: { access: access.roles(EDITORS) },
      schema: {
        tags: ['processes'],
        summary: 'Tạo bản nháp quy trình (phiên bản mới)',
        body: Type.Object({ agencyCode: AgencyCode, procedureCode: Type.String({ minLength: 1, maxLength: 40 }), caseCode: Type.Optional(Type.String({ maxLength: 40 })), definition: ProcessDefinition }, { additionalProperties: false }),
        response: { 201: ProcessView, 400: Problem, 403: Problem, 409: Problem },
      },
    },
    async (req, reply) => {
      const b = req.body;
      if (!(await findAgency(db, b.agencyCode))) throw problems.field('agencyCode', 'Không có cơ quan này', 'Unknown agency');
      await req.requireAgencyRole(EDITORS, b.agencyCode);
      const caseCode = b.caseCode ?? '';
      const { errors, warnings } = await check(db, b.agencyCode, b.procedureCode, caseCode, b.definition as Definition);
      if (errors.length) throw problems.validation(errors);
      const row = await db.transaction(async (tx) => {
        const existing = await tx.select().from(processes).where(and(eq(processes.agencyCode, b.agencyCode), eq(processes.procedureCode, b.procedureCode), eq(processes.caseCode, caseCode))).for('update');
        if (existing.some((p) => p.status === 'draft')) throw problems.conflict('Quy trình đang có bản nháp; hãy sửa hoặc công bố bản nháp đó');
        const version = existing.reduce((m, p) => Math.max(m, p.version), 0) + 1;
        const [r] = await tx.insert(processes).values({ agencyCode: b.agencyCode, procedureCode: b.procedureCode, caseCode, version, status: 'draft', definition: b.definition as Definition, createdBy: req.user!.id }).returning();
        await auditAs(req, tx, { action: 'process.create', targetType: 'process', targetId: r!.id, data: { agencyCode: b.agencyCode, procedureCode: b.procedureCode, caseCode, version } });
        return r!;
      });
      return reply.code(201).send(view(row, warnings));
    },
  );

  app.put(
    '/api/v1/admin/processes/:id',
    {
      config: { access: access.roles(EDITORS) },
      schema: { tags: ['processes'], summary: 'Sửa bản nháp quy trình', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), body: Type.Object({ definition: ProcessDefinition }, { additionalProperties: false }), response: { 200: ProcessView, 400: Problem, 403: Problem, 404: Problem, 409: Problem } },
    },
    async (req) => {
      const r = await load(req.params.id);
      await req.requireAgencyRole(EDITORS, r.agencyCode);
      if (r.status !== 'draft') throw problems.conflict('Chỉ sửa được bản nháp; hồ sơ đang dùng phiên bản đã công bố');
      const { errors, warnings } = await check(db, r.agencyCode, r.procedureCode, r.caseCode, req.body.definition as Definition);
      if (errors.length) throw problems.validation(errors);
      const row = await db.transaction(async (tx) => {
        const [u] = await tx.update(processes).set({ definition: req.body.definition as Definition }).where(and(eq(processes.id, r.id), eq(processes.status, 'draft'))).returning();
        await auditAs(req, tx, { action: 'process.edit', targetType: 'process', targetId: r.id });
        return u!;
      });
      return view(row, warnings);
    },
  );

  app.post(
    '/api/v1/admin/processes/:id/publish',
    {
      config: { access: access.roles(EDITORS) },
      schema: { tags: ['processes'], summary: 'Công bố quy trình: hồ sơ mới dùng phiên bản này; hồ sơ đang xử lý giữ phiên bản cũ', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: ProcessView, 400: Problem, 403: Problem, 404: Problem, 409: Problem } },
    },
    async (req) => {
      const r = await load(req.params.id);
      await req.requireAgencyRole(EDITORS, r.agencyCode);
      if (r.status !== 'draft') throw problems.conflict('Chỉ công bố được bản nháp');
      const { errors, warnings } = await check(db, r.agencyCode, r.procedureCode, r.caseCode, r.definition);
      if (errors.length) throw problems.validation(errors);
      const row = await db.transaction(async (tx) => {
        await tx
          .update(processes)
          .set({ status: 'retired' })
          .where(and(eq(processes.agencyCode, r.agencyCode), eq(processes.procedureCode, r.procedureCode), eq(processes.caseCode, r.caseCode), eq(processes.status, 'published')));
        const [u] = await tx.update(processes).set({ status: 'published', publishedAt: new Date(), publishedBy: req.user!.id }).where(eq(processes.id, r.id)).returning();
        await auditAs(req, tx, { action: 'process.publish', targetType: 'process', targetId: r.id });
        return u!;
      });
      return view(row, warnings);
    },
  );

}
