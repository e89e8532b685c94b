import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '@motcua/domain';
import type { Actor, DossierState } from '@motcua/domain/dossier/index.ts';
import type { DbOrTx } from '../../db/pool.ts';
import { userRoles, users } from '../../db/schema.ts';
import { agencyAncestors } from '../../http/access.ts';
import type { SessionUser } from '../../http/session.ts';

/**
 * The roles a user holds over an agency: assignments at the agency or any agency above it
 * (a role held at X covers X's whole subtree — the same rule as every other scope check).
 */
export async function rolesOver(db: DbOrTx, roles: SessionUser['roles'], agencyCode: string): Promise<{ role: Role; departmentCode: string | null }[]> {
  if (!roles.length) return [];
  const ancestors = await agencyAncestors(db as never, agencyCode);
  return roles.filter((r) => ancestors.includes(r.agencyCode)).map((r) => ({ role: r.role, departmentCode: r.departmentCode ?? null }));
}

const TASK_ROLES: Role[] = ['specialist', 'head', 'leader'];

export async function actorFor(db: DbOrTx, user: SessionUser, dossier: { agencyCode: string; ownerUserId: string | null; state: DossierState }): Promise<Actor> {
  if (user.kind === 'citizen') return { userId: user.id, kind: 'applicant', roles: [], isOwner: dossier.ownerUserId === user.id };
  // Open inter-agency tasks this officer may answer: a processing role over the task's agency.
  const taskAgencies: string[] = [];
  for (const code of new Set(dossier.state.tasks.filter((t) => !t.completedAt).map((t) => t.agencyCode))) {
    if ((await rolesOver(db, user.roles, code)).some((r) => TASK_ROLES.includes(r.role))) taskAgencies.push(code);
  }
  return { userId: user.id, kind: 'officer', roles: await rolesOver(db, user.roles, dossier.agencyCode), taskAgencies };
}

/** The roles another officer holds over the agency (for assign / hand over). */
export async function userRolesOver(db: DbOrTx, userId: string, agencyCode: string): Promise<{ name: string; roles: Role[] } | null> {
  const u = (await db.select({ name: users.fullName, disabled: users.disabled }).from(users).where(eq(users.id, userId)))[0];
  if (!u || u.disabled) return null;
  const ancestors = await agencyAncestors(db as never, agencyCode);
  const rs = await db.select({ role: userRoles.role }).from(userRoles).where(and(eq(userRoles.userId, userId), inArray(userRoles.agencyCode, ancestors)));
  return { name: u.name, roles: rs.map((r) => r.role as Role) };
}

