import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '@motcua/domain';
import { PROCESSING_ROLES, type Actor, type DossierState, type RoleHeld } from '@motcua/domain/dossier/index.ts';
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

/** Of `codes`, the agencies over which the user holds a processing role (they may answer for them). */
async function answeringAgencies(db: DbOrTx, user: SessionUser, codes: Iterable<string>): Promise<string[]> {
  const out: string[] = [];
  for (const code of new Set(codes)) {
    if ((await rolesOver(db, user.roles, code)).some((r) => PROCESSING_ROLES.includes(r.role))) out.push(code);
  }
  return out;
}

export async function actorFor(db: DbOrTx, user: SessionUser, dossier: { agencyCode: string; ownerUserId: string | null; state: DossierState }): Promise<Actor> {
  if (user.kind === 'citizen') return { userId: user.id, kind: 'applicant', roles: [], isOwner: dossier.ownerUserId === user.id };
  // Open inter-agency tasks and open consultations this officer may answer: a processing role over the agency asked.
  const taskAgencies = await answeringAgencies(db, user, dossier.state.tasks.filter((t) => !t.completedAt).map((t) => t.agencyCode));
  const consultAgencies = await answeringAgencies(db, user, dossier.state.consultations.filter((c) => !c.answeredAt).map((c) => c.agencyCode));
  return { userId: user.id, kind: 'officer', roles: await rolesOver(db, user.roles, dossier.agencyCode), taskAgencies, consultAgencies };
}

/** The roles, with their departments, another officer holds over the agency (for assign / hand over / forward to a person). */
export async function userRolesOver(db: DbOrTx, userId: string, agencyCode: string): Promise<{ name: string; roles: RoleHeld[] } | null> {
  const u = (await db.select({ name: users.fullName, disabled: users.disabled }).from(users).where(eq(users.id, userId)))[0];
  if (!u || u.disabled) return null;
  const ancestors = await agencyAncestors(db as never, agencyCode);
  const rs = await db
    .select({ role: userRoles.role, departmentCode: userRoles.departmentCode })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), inArray(userRoles.agencyCode, ancestors)));
  return { name: u.name, roles: rs.map((r) => ({ role: r.role as Role, departmentCode: r.departmentCode ?? null })) };
}

/**
 * The officers to tell that their agency is asked for an opinion: those holding a processing role
 * in the consulted agency itself (not every officer of the province above it), enabled.
 */
export async function consultedOfficers(db: DbOrTx, agencyCode: string): Promise<{ id: string; email: string | null; name: string }[]> {
  return db
    .selectDistinct({ id: users.id, email: users.email, name: users.fullName })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.agencyCode, agencyCode), inArray(userRoles.role, [...PROCESSING_ROLES]), eq(users.disabled, false)));
}
