import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { access, Problem, type Role } from '@motcua/domain';
import { DossierApplicant } from '@motcua/domain/dossier/submission.ts';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { agencyAncestors } from '../../http/access.ts';
import { auditAs } from '../../audit.ts';
import { dossiers, userRoles, users } from '../../db/schema.ts';
import { canRead } from './service.ts';
import { rolesOver } from './actors.ts';

/**
 * What the back-office screens need beside the lifecycle: who a dossier can be assigned or handed
 * to, and the applicant the desk already knows (data already supplied is never asked for again,
 * SPEC §5).
 */
const OFFICERS: Role[] = ['reception', 'specialist', 'head', 'leader', 'controller', 'agency_admin', 'system_admin'];
const ASSIGNABLE: Role[] = ['specialist', 'head', 'leader'];

export function deskRoutes(app: App, { db }: Deps): void {
  app.get(
    '/api/v1/dossiers/:id/assignees',
    {
      config: { access: access.roles(OFFICERS, 'any') },
      schema: {
        tags: ['dossiers'],
        summary: 'Cán bộ có thể được phân công hoặc chuyển giao hồ sơ (vai trò xử lý trong cơ quan của hồ sơ)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), fullName: Type.String(), role: Type.String(), departmentCode: Type.Union([Type.String(), Type.Null()]) })) }), 404: Problem },
      },
    },
    async (req) => {
      const row = (await db.select().from(dossiers).where(eq(dossiers.id, req.params.id)))[0];
      if (!row || !(await canRead(db, req.user!, row)) || !(await rolesOver(db, req.user!.roles, row.agencyCode)).length) throw problems.notFound('Không tìm thấy hồ sơ');
      const ancestors = await agencyAncestors(db, row.agencyCode);
      const rs = await db
        .select({ id: users.id, fullName: users.fullName, role: userRoles.role, departmentCode: userRoles.departmentCode })
        .from(userRoles)
        .innerJoin(users, eq(users.id, userRoles.userId))
        .where(and(inArray(userRoles.agencyCode, ancestors), inArray(userRoles.role, ASSIGNABLE), eq(users.disabled, false), eq(users.kind, 'officer'), eq(users.mustChangePassword, false)))
        .orderBy(sql`${users.fullName} collate "vi-x-icu"`);
      return { items: rs };
    },
  );

  app.get(
    '/api/v1/desk/applicants',
    {
      config: { access: access.roles(['reception'], 'any'), rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['dossiers'],
        summary: 'Bộ phận một cửa: người nộp đã biết theo số định danh (từ hồ sơ trước trong phạm vi cơ quan, hoặc tài khoản công dân) — không hỏi lại dữ liệu đã có',
        description: 'The full ID number must be given (no prefix search); every look-up is written to the audit log because it reveals personal data.',
        querystring: Type.Object({ idNumber: Type.String({ pattern: '^\\d{12}$' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ applicant: Type.Union([DossierApplicant, Type.Null()]), source: Type.Union([Type.Literal('dossier'), Type.Literal('account'), Type.Null()]) }), 400: Problem },
      },
    },
    async (req) => {
      const idNumber = req.query.idNumber;
      const scopes = req.agencyScopes(['reception']);
      const scopeAgencies = sql`(with recursive down(code) as (select code from agencies where code in ${scopes} union select a.code from agencies a join down on a.parent_code = down.code) select code from down)`;
      const d = (await db.select({ applicant: dossiers.applicant }).from(dossiers).where(and(eq(dossiers.applicantIdNumber, idNumber), sql`${dossiers.agencyCode} in ${scopeAgencies}`)).orderBy(desc(dossiers.submittedAt)).limit(1))[0];
      let out: { applicant: DossierApplicant | null; source: 'dossier' | 'account' | null } = { applicant: null, source: null };
      if (d) out = { applicant: d.applicant, source: 'dossier' };
      else {
        const u = (await db.select().from(users).where(and(eq(users.idNumber, idNumber), eq(users.kind, 'citizen'))).limit(1))[0];
        if (u) {
          out = {
            applicant: { kind: 'individual', fullName: u.fullName, idNumber, ...(u.dateOfBirth ? { dateOfBirth: u.dateOfBirth } : {}), ...(u.phone ? { phone: u.phone } : {}), ...(u.email ? { email: u.email } : {}) },
            source: 'account',
          };
        }
      }
      await db.transaction((tx) => auditAs(req, tx, { action: 'desk.applicant-lookup', targetType: 'id-number', targetId: idNumber.slice(-4), data: { found: out.source } }));
      return out;
    },
  );
}
