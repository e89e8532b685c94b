import { and, eq, sql } from 'drizzle-orm';
import { access, passwordProblems, PASSWORD_PROBLEM_VI, ProblemType, Problem } from '@motcua/domain';
import { Type } from 'typebox';
import { formatInstant } from '@motcua/domain/calendar/index.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/types.ts';
import { HttpProblem, problems } from '../../http/problem.ts';
import { users } from '../../db/schema.ts';
import { appendAudit, auditAs } from '../../audit.ts';
import { createSession, destroyOtherSessions, destroySession } from '../../http/session.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { ChangePasswordBody, LoginBody, Me } from './schemas.ts';

/** Lock-out after repeated failures [SPEC §3]: 5 wrong passwords lock the account for 15 minutes. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

const badCredentials = () => new HttpProblem(401, ProblemType.badCredentials, 'Sai tên đăng nhập hoặc mật khẩu', 'Sai tên đăng nhập hoặc mật khẩu');

export function authRoutes(app: App, { db, config }: Deps): void {
  app.post(
    '/api/v1/auth/login',
    {
      config: { access: access.public, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập (tài khoản cục bộ)',
        body: LoginBody,
        response: { 200: Me, 401: Problem, 423: Problem },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      const found = await db.select().from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase())).limit(1);
      return signIn({ db, config }, req, reply, found[0], password);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: access.authenticated },
      schema: { tags: ['auth'], summary: 'Đăng xuất', response: { 204: Type.Null() } },
    },
    async (req, reply) => {
      await db.transaction(async (tx) => {
        await destroySession(tx, reply, req.sessionHash);
        await auditAs(req, tx, { action: 'auth.logout', targetType: 'user', targetId: req.user!.id });
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: access.authenticated },
      schema: { tags: ['auth'], summary: 'Tài khoản đang đăng nhập', response: { 200: Me } },
    },
    async (req) => ({ ...req.user!, csrfToken: req.sessionCsrf! }),
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { access: access.authenticated, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu (bắt buộc ở lần đăng nhập đầu tiên — 001 Art. 24.2)',
        body: ChangePasswordBody,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      const me = req.user!;
      const row = (await db.select().from(users).where(eq(users.id, me.id)).limit(1))[0]!;
      if (!(await verifyPassword(row.passwordHash, req.body.currentPassword))) {
        throw problems.field('currentPassword', 'Mật khẩu hiện tại không đúng', 'Current password is wrong');
      }
      const issues = passwordProblems(req.body.newPassword, me.username);
      if (req.body.newPassword === req.body.currentPassword) {
        throw problems.field('newPassword', 'Mật khẩu mới phải khác mật khẩu hiện tại', 'Must differ from the current password');
      }
      if (issues.length) {
        throw problems.validation(issues.map((i) => ({ field: 'newPassword', message: PASSWORD_PROBLEM_VI[i], keyword: i })));
      }
      const passwordHash = await hashPassword(req.body.newPassword);
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), updatedAt: new Date() }).where(and(eq(users.id, me.id)));
        await destroyOtherSessions(tx, me.id, req.sessionHash);
        await appendAudit(tx, { actorId: me.id, actorName: me.username, action: 'auth.password-changed', targetType: 'user', targetId: me.id, ip: req.ip, requestId: req.id });
      });
      return reply.code(204).send(null);
    },
  );
}

type UserRow = typeof users.$inferSelect;

/**
 * Checks a password for a found (or missing) account and opens a session: the lock-out after
 * MAX_FAILED_LOGINS failures, the audit rows, the cookie. Shared by the officer and the citizen
 * sign-in, which differ only in how they find the account.
 */
export async function signIn({ db, config }: Pick<Deps, 'db' | 'config'>, req: FastifyRequest, reply: FastifyReply, u: UserRow | undefined, password: string): Promise<Me> {
  const now = new Date();
  if (u?.lockedUntil && u.lockedUntil > now) {
    throw Object.assign(new HttpProblem(423, ProblemType.locked, 'Tài khoản tạm khóa', `Đăng nhập sai quá ${MAX_FAILED_LOGINS} lần. Thử lại sau ${formatInstant(u.lockedUntil.getTime())}.`), {
      extra: { lockedUntil: formatInstant(u.lockedUntil.getTime()) },
    });
  }
  const ok = await verifyPassword(u?.passwordHash ?? null, password);
  if (!u || !ok || u.disabled) {
    if (u) {
      await db.transaction(async (tx) => {
        const failed = u.failedLogins + 1;
        const lock = failed >= MAX_FAILED_LOGINS;
        await tx
          .update(users)
          .set({ failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MS) : u.lockedUntil })
          .where(eq(users.id, u.id));
        await appendAudit(tx, { actorId: u.id, actorName: u.username, action: lock ? 'auth.locked' : 'auth.login-failed', targetType: 'user', targetId: u.id, ip: req.ip, requestId: req.id });
      });
    }
    throw badCredentials();
  }
  const csrfToken = await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, u.id));
    await appendAudit(tx, { actorId: u.id, actorName: u.username, action: 'auth.login', targetType: 'user', targetId: u.id, ip: req.ip, requestId: req.id });
    return createSession(tx, reply, u.id, { ttlMs: config.sessionTtlMs, secure: config.secureCookies, ip: req.ip, userAgent: req.headers['user-agent'] });
  });
  const roles = await db.query.userRoles.findMany({ where: (r, { eq: e }) => e(r.userId, u.id) });
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    kind: u.kind,
    mustChangePassword: u.mustChangePassword,
    roles: roles.map((r) => ({ role: r.role as never, agencyCode: r.agencyCode, departmentCode: r.departmentCode })),
    csrfToken,
  };
}
