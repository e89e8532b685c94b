import type { FastifyRequest } from 'fastify';
import { and, asc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import { randomInt } from 'node:crypto';
import { access, maskIdNumber, maskPhone, passwordProblems, PASSWORD_PROBLEM_VI, Problem, RoleAssignment, searchKey, type Role } from '@motcua/domain';
import type { App, Deps } from '../../http/types.ts';
import { problems } from '../../http/problem.ts';
import { departments, sessions, userRoles, users } from '../../db/schema.ts';
import { auditAs } from '../../audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import { agencyAncestors } from '../../http/access.ts';
import { findAgency } from '../organisation/repo.ts';

const ADMINS: Role[] = ['system_admin', 'agency_admin'];

const OfficerUser = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  fullName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'Masked' }),
  idNumber: Type.Union([Type.String(), Type.Null()], { description: 'Masked: personal data is shown only where needed' }),
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  locked: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(RoleAssignment),
});

const UserCreate = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 60, pattern: '^[a-zA-Z0-9._-]+$' }),
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    phone: Type.Optional(Type.String({ pattern: '^0\\d{9}$' })),
    idNumber: Type.Optional(Type.String({ pattern: '^\\d{12}$' })),
    roles: Type.Array(RoleAssignment, { minItems: 1, maxItems: 20 }),
    initialPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'If omitted, a temporary password is generated and returned once' })),
  },
  { additionalProperties: false },
);

const UserUpdate = Type.Object(
  {
    fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ pattern: '^0\\d{9}$' }), Type.Null()])),
    disabled: Type.Optional(Type.Boolean()),
    roles: Type.Optional(Type.Array(RoleAssignment, { minItems: 1, maxItems: 20 })),
  },
  { additionalProperties: false },
);

function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let s = '';
  for (let i = 0; i < 14; i++) s += alphabet[randomInt(alphabet.length)];
  return `${s}7`;
}

export function userRoutes(app: App, { db }: Deps): void {
  /** An administrator may grant only roles they could themselves administer, in their own scope. */
  async function checkGrantable(req: FastifyRequest, roles: RoleAssignment[]): Promise<void> {
    for (const [i, r] of roles.entries()) {
      const a = await findAgency(db, r.agencyCode);
      if (!a) throw problems.field(`roles.${i}.agencyCode`, 'Cơ quan không tồn tại', 'Unknown agency');
      if (r.role === 'system_admin' || r.role === 'citizen') await req.requireAgencyRole(['system_admin'], r.agencyCode);
      else await req.requireAgencyRole(ADMINS, r.agencyCode);
      if (r.departmentCode) {
        const d = await db.select().from(departments).where(and(eq(departments.agencyCode, r.agencyCode), eq(departments.code, r.departmentCode)));
        if (!d.length) throw problems.field(`roles.${i}.departmentCode`, 'Phòng ban không thuộc cơ quan này', 'Unknown department for this agency');
      }
    }
  }

  async function loadOfficer(id: string) {
    const u = (await db.select().from(users).where(and(eq(users.id, id), eq(users.kind, 'officer'))).limit(1))[0];
    if (!u) return null;
    const roles = await db.select().from(userRoles).where(eq(userRoles.userId, id));
    return { u, roles };
  }

  function dto(u: typeof users.$inferSelect, roles: (typeof userRoles.$inferSelect)[]) {
    return {
      id: u.id,
      username: u.username,
      fullName: u.fullName,
      email: u.email,
      phone: maskPhone(u.phone),
      idNumber: maskIdNumber(u.idNumber),
      disabled: u.disabled,
      mustChangePassword: u.mustChangePassword,
      locked: !!u.lockedUntil && u.lockedUntil > new Date(),
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      roles: roles.map((r) => ({ role: r.role as Role, agencyCode: r.agencyCode, departmentCode: r.departmentCode })),
    };
  }

  /** The target must have at least one role inside the caller's admin scope. */
  async function requireScopeOverUser(req: FastifyRequest, roles: (typeof userRoles.$inferSelect)[]): Promise<void> {
    const mine = req.agencyScopes(ADMINS);
    for (const r of roles) {
      const anc = await agencyAncestors(db, r.agencyCode);
      if (mine.some((m) => anc.includes(m))) return;
    }
    throw problems.forbidden('Tài khoản này không thuộc phạm vi quản trị của bạn');
  }

  app.get(
    '/api/v1/users',
    {
      config: { access: access.roles(ADMINS) },
      schema: {
        tags: ['users'],
        summary: 'Danh sách tài khoản cán bộ trong phạm vi quản trị',
        querystring: Type.Object({
          agency: Type.Optional(Type.String({ maxLength: 20 })),
          q: Type.Optional(Type.String({ maxLength: 200 })),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(OfficerUser), total: Type.Integer() }), 403: Problem },
      },
    },
    async (req) => {
      const { agency, q, page, pageSize } = req.query;
      if (agency) await req.requireAgencyRole(ADMINS, agency);
      // Users holding any role in an agency inside one of the caller's scopes (or the asked agency).
      const roots = agency ? [agency] : req.agencyScopes(ADMINS);
      const scoped = sql`exists (select 1 from user_roles ur where ur.user_id = ${users.id} and ur.agency_code in (
          with recursive down(code) as (select code from agencies where code in ${roots}
            union select a.code from agencies a join down on a.parent_code = down.code) select code from down))`;
      const where: SQL[] = [eq(users.kind, 'officer'), scoped];
      if (q) where.push(ilike(users.searchKey, `%${searchKey(q).replace(/[%_\\]/g, '\\$&')}%`));
      const cond = and(...where);
      const [rows, count] = await Promise.all([
        db.select().from(users).where(cond).orderBy(asc(sql`${users.fullName} collate "vi-x-icu"`)).limit(pageSize).offset((page - 1) * pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(users).where(cond),
      ]);
      const roles = rows.length ? await db.select().from(userRoles).where(inArray(userRoles.userId, rows.map((r) => r.id))) : [];
      return { items: rows.map((u) => dto(u, roles.filter((r) => r.userId === u.id))), total: count[0]!.n };
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { access: access.roles(ADMINS) },
      schema: { tags: ['users'], summary: 'Một tài khoản cán bộ', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: OfficerUser, 403: Problem, 404: Problem } },
    },
    async (req) => {
      const found = await loadOfficer(req.params.id);
      if (!found) throw problems.notFound('Không có tài khoản này');
      await requireScopeOverUser(req, found.roles);
      return dto(found.u, found.roles);
    },
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: access.roles(ADMINS) },
      schema: {
        tags: ['users'],
        summary: 'Tạo tài khoản cán bộ (phải đổi mật khẩu ở lần đăng nhập đầu — 001 Art. 24.2)',
        body: UserCreate,
        response: { 201: Type.Object({ user: OfficerUser, temporaryPassword: Type.Optional(Type.String()) }), 400: Problem, 403: Problem, 409: Problem },
      },
    },
    async (req, reply) => {
      const b = req.body;
      await checkGrantable(req, b.roles);
      const generated = b.initialPassword ? undefined : temporaryPassword();
      const password = b.initialPassword ?? generated!;
      const issues = passwordProblems(password, b.username);
      if (issues.length) throw problems.validation(issues.map((i) => ({ field: 'initialPassword', message: PASSWORD_PROBLEM_VI[i], keyword: i })));
      const taken = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, b.username.toLowerCase()));
      if (taken.length) throw problems.conflict('Tên đăng nhập đã được dùng', [{ field: 'username', message: 'Tên đăng nhập đã được dùng' }]);
      const passwordHash = await hashPassword(password);
      const created = await db.transaction(async (tx) => {
        const [u] = await tx
          .insert(users)
          .values({ kind: 'officer', username: b.username, fullName: b.fullName, email: b.email ?? null, phone: b.phone ?? null, idNumber: b.idNumber ?? null, passwordHash, mustChangePassword: true, searchKey: searchKey(`${b.fullName} ${b.username}`) })
          .returning();
        const rs = await tx.insert(userRoles).values(b.roles.map((r) => ({ userId: u!.id, role: r.role, agencyCode: r.agencyCode, departmentCode: r.departmentCode ?? null }))).returning();
        await auditAs(req, tx, { action: 'user.create', targetType: 'user', targetId: u!.id, data: { username: b.username, roles: b.roles } });
        return dto(u!, rs);
      });
      return reply.code(201).send({ user: created, ...(generated ? { temporaryPassword: generated } : {}) });
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: access.roles(ADMINS) },
      schema: { tags: ['users'], summary: 'Sửa tài khoản cán bộ, vai trò, khóa/mở', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), body: UserUpdate, response: { 200: OfficerUser, 400: Problem, 403: Problem, 404: Problem } },
    },
    async (req) => {
      const found = await loadOfficer(req.params.id);
      if (!found) throw problems.notFound('Không có tài khoản này');
      await requireScopeOverUser(req, found.roles);
      const b = req.body;
      if (b.roles) {
        // Both the roles taken away and the roles given must be within the caller's scope.
        await checkGrantable(req, found.roles.map((r) => ({ role: r.role as Role, agencyCode: r.agencyCode })));
        await checkGrantable(req, b.roles);
      }
      const out = await db.transaction(async (tx) => {
        const { roles, ...fieldsToSet } = b;
        const name = b.fullName ?? found.u.fullName;
        const [u] = await tx.update(users).set({ ...fieldsToSet, searchKey: searchKey(`${name} ${found.u.username}`), updatedAt: new Date() }).where(eq(users.id, found.u.id)).returning();
        let rs = found.roles;
        if (roles) {
          await tx.delete(userRoles).where(eq(userRoles.userId, found.u.id));
          rs = await tx.insert(userRoles).values(roles.map((r) => ({ userId: found.u.id, role: r.role, agencyCode: r.agencyCode, departmentCode: r.departmentCode ?? null }))).returning();
        }
        if (b.disabled) await tx.delete(sessions).where(eq(sessions.userId, found.u.id));
        await auditAs(req, tx, { action: 'user.update', targetType: 'user', targetId: found.u.id, data: b });
        return dto(u!, rs);
      });
      return out;
    },
  );

  app.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { access: access.roles(ADMINS) },
      schema: {
        tags: ['users'],
        summary: 'Đặt lại mật khẩu: cấp mật khẩu tạm, buộc đổi ở lần đăng nhập sau, mở khóa',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Object({ temporaryPassword: Type.String() }), 403: Problem, 404: Problem },
      },
    },
    async (req) => {
      const found = await loadOfficer(req.params.id);
      if (!found) throw problems.notFound('Không có tài khoản này');
      await requireScopeOverUser(req, found.roles);
      const temp = temporaryPassword();
      const passwordHash = await hashPassword(temp);
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, updatedAt: new Date() }).where(eq(users.id, found.u.id));
        await tx.delete(sessions).where(eq(sessions.userId, found.u.id));
        await auditAs(req, tx, { action: 'user.reset-password', targetType: 'user', targetId: found.u.id });
      });
      return { temporaryPassword: temp };
    },
  );
}
