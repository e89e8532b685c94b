import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describeAccess, grants, type Access, type Role } from '@motcua/domain';
import { sql } from 'drizzle-orm';
import { problems } from './problem.ts';
import type { Db } from '../db/pool.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this endpoint. Required on every /api route. */
    access?: Access;
  }
  interface FastifyRequest {
    /** Refuse unless the caller holds one of `roles` over `agencyCode` (its agency or an ancestor). */
    requireAgencyRole(roles: readonly Role[], agencyCode: string | null): Promise<void>;
    /** Agency codes (subtree roots) where the caller holds one of `roles`. */
    agencyScopes(roles: readonly Role[]): string[];
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Endpoints a user who must change their password may still call. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['/api/v1/auth/me', '/api/v1/auth/password', '/api/v1/auth/logout']);

/**
 * The agency and every agency above it. Scope checks run on almost every request and the tree
 * changes a few times a year, so answers are cached for a short time; this instance forgets them
 * at once when it changes the tree (`forgetAgencyTree`), other instances within ANCESTOR_TTL_MS.
 */
const ANCESTOR_TTL_MS = 10_000;
const ancestorCache = new Map<string, { at: number; codes: string[] }>();
export function forgetAgencyTree(): void {
  ancestorCache.clear();
}

export async function agencyAncestors(db: Db, code: string): Promise<string[]> {
  const hit = ancestorCache.get(code);
  if (hit && Date.now() - hit.at < ANCESTOR_TTL_MS) return hit.codes;
  const r = await db.execute<{ code: string }>(sql`
    with recursive up(code, parent_code, depth) as (
      select code, parent_code, 0 from agencies where code = ${code}
      union all
      select a.code, a.parent_code, up.depth + 1 from agencies a join up on a.code = up.parent_code where up.depth < 20
    ) select code from up`);
  const codes = r.rows.map((x) => x.code);
  if (ancestorCache.size > 10_000) ancestorCache.clear();
  ancestorCache.set(code, { at: Date.now(), codes });
  return codes;
}

/**
 * Enforces the access declaration of every route: registration fails for an /api route that does
 * not declare one, and the declaration is written into the OpenAPI description.
 */
export const accessPlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} does not declare who may call it (config.access)`);
    const schema = (route.schema ??= {}) as { description?: string; security?: unknown };
    schema.description = `${schema.description ? `${schema.description}\n\n` : ''}**Access:** ${describeAccess(access)}`;
    if (access.kind !== 'public') schema.security = [{ session: [] }];
  });

  app.decorateRequest('requireAgencyRole', async function (this: FastifyRequest, roles: readonly Role[], agencyCode: string | null) {
    const user = this.user;
    if (!user) throw problems.unauthenticated();
    if (agencyCode === null) {
      if (!user.roles.some((r) => roles.includes(r.role))) throw problems.forbidden();
      return;
    }
    const ancestors = await agencyAncestors(opts.db, agencyCode);
    const ok = grants(user.roles, roles, agencyCode, (holder) => ancestors.includes(holder));
    if (!ok) throw problems.forbidden(`Bạn không có quyền đối với cơ quan ${agencyCode}`);
  });
  app.decorateRequest('agencyScopes', function (this: FastifyRequest, roles: readonly Role[]) {
    return (this.user?.roles ?? []).filter((r) => roles.includes(r.role)).map((r) => r.agencyCode);
  });

  app.addHook('preHandler', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access) return;
    const user = req.user;
    if (access.kind !== 'public') {
      if (!user) throw problems.unauthenticated();
      if (user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(req.routeOptions.url ?? '')) throw problems.passwordChangeRequired();
      if (access.kind === 'roles' && !user.roles.some((r) => access.roles.includes(r.role))) throw problems.forbidden();
    }
    // A cookie-authenticated write must prove it came from our own pages (double-submit token).
    if (user && !SAFE.has(req.method) && req.sessionCsrf && req.headers['x-csrf-token'] !== req.sessionCsrf) throw problems.csrf();
  });
});
