import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { and, eq, sql } from 'drizzle-orm';
import type { RoleAssignment, Role } from '@motcua/domain';
import { sessions, userRoles, users } from '../db/schema.ts';
import type { Db, DbOrTx } from '../db/pool.ts';

export interface SessionUser {
  id: string;
  kind: string;
  username: string;
  fullName: string;
  mustChangePassword: boolean;
  roles: RoleAssignment[];
}

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    sessionCsrf: string | null;
    sessionHash: string | null;
  }
}

export const SESSION_COOKIE = 'motcua_sid';
export const CSRF_COOKIE = 'motcua_csrf';

const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

export async function loadSessionUser(db: DbOrTx, userId: string): Promise<SessionUser | null> {
  const u = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  const row = u[0];
  if (!row || row.disabled) return null;
  const roles = await db.select().from(userRoles).where(eq(userRoles.userId, userId));
  return {
    id: row.id,
    kind: row.kind,
    username: row.username,
    fullName: row.fullName,
    mustChangePassword: row.mustChangePassword,
    roles: roles.map((r) => ({ role: r.role as Role, agencyCode: r.agencyCode, departmentCode: r.departmentCode })),
  };
}

export async function createSession(
  db: DbOrTx,
  reply: FastifyReply,
  userId: string,
  opts: { ttlMs: number; secure: boolean; ip: string; userAgent: string | undefined },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await db.insert(sessions).values({
    idHash: hashToken(token),
    userId,
    csrfToken: csrf,
    expiresAt: new Date(Date.now() + opts.ttlMs),
    ip: opts.ip,
    userAgent: opts.userAgent?.slice(0, 300) ?? null,
  });
  const common = { path: '/', sameSite: 'lax' as const, secure: opts.secure, maxAge: Math.floor(opts.ttlMs / 1000) };
  reply.setCookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
  return csrf;
}

export async function destroySession(db: DbOrTx, reply: FastifyReply, idHash: string | null): Promise<void> {
  if (idHash) await db.delete(sessions).where(eq(sessions.idHash, idHash));
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** Sign out everywhere else, e.g. after a password change. */
export async function destroyOtherSessions(db: DbOrTx, userId: string, keepHash: string | null): Promise<void> {
  await db.delete(sessions).where(keepHash ? and(eq(sessions.userId, userId), sql`${sessions.idHash} <> ${keepHash}`) : eq(sessions.userId, userId));
}

/** Resolves the session cookie to a user on every request (sessions live in the database, so any instance can serve any request). */
export const sessionPlugin = fp(async (app: FastifyInstance, opts: { db: Db; ttlMs: number }) => {
  const pool = (opts.db as unknown as { $client: pg.Pool }).$client;
  app.decorateRequest('user', null);
  app.decorateRequest('sessionCsrf', null);
  app.decorateRequest('sessionHash', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || token.length > 100) return;
    const idHash = hashToken(token);
    // Every signed-in request pays for this lookup, so it is one round trip (session, user and
    // roles) and a named prepared statement: parsed and planned once per connection.
    const r = await pool.query<{ user_id: string; csrf_token: string; last_seen_at: Date; kind: string; username: string; full_name: string; must_change_password: boolean; roles: RoleAssignment[] }>({
      name: 'session_user',
      text: `select s.user_id, s.csrf_token, s.last_seen_at, u.kind, u.username, u.full_name, u.must_change_password,
                    coalesce((select json_agg(json_build_object('role', r.role, 'agencyCode', r.agency_code, 'departmentCode', r.department_code)) from user_roles r where r.user_id = u.id), '[]'::json) as roles
               from sessions s join users u on u.id = s.user_id
              where s.id_hash = $1 and s.expires_at > now() and not u.disabled`,
      values: [idHash],
    });
    const row = r.rows[0];
    if (!row) return;
    req.user = { id: row.user_id, kind: row.kind, username: row.username, fullName: row.full_name, mustChangePassword: row.must_change_password, roles: row.roles };
    req.sessionCsrf = row.csrf_token;
    req.sessionHash = idHash;
    // Sliding expiry, written at most every 5 minutes to keep reads cheap.
    const now = new Date();
    if (now.getTime() - new Date(row.last_seen_at).getTime() > 300_000) {
      await opts.db.update(sessions).set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + opts.ttlMs) }).where(eq(sessions.idHash, idHash));
    }
  });
});
