import { Type, type Static } from 'typebox';

/** The roles of SPEC §1. Officers hold roles within an agency scope; citizens hold none. */
export const ROLES = [
  'citizen', // công dân, tổ chức, doanh nghiệp
  'postal', // nhân viên bưu chính công ích
  'reception', // cán bộ một cửa
  'specialist', // chuyên viên
  'head', // trưởng phòng
  'leader', // lãnh đạo cơ quan
  'controller', // cán bộ kiểm soát TTHC
  'agency_admin', // quản trị cơ quan
  'system_admin', // quản trị hệ thống
] as const;
export type Role = (typeof ROLES)[number];

export const OFFICER_ROLES: readonly Role[] = ['reception', 'specialist', 'head', 'leader', 'controller', 'agency_admin', 'system_admin'];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  citizen: { vi: 'Công dân, tổ chức', en: 'Citizen / organisation' },
  postal: { vi: 'Nhân viên bưu chính', en: 'Postal staff' },
  reception: { vi: 'Cán bộ một cửa', en: 'Reception officer' },
  specialist: { vi: 'Chuyên viên', en: 'Specialist' },
  head: { vi: 'Trưởng phòng', en: 'Department head' },
  leader: { vi: 'Lãnh đạo cơ quan', en: 'Agency leader' },
  controller: { vi: 'Cán bộ kiểm soát TTHC', en: 'Procedure controller' },
  agency_admin: { vi: 'Quản trị cơ quan', en: 'Agency administrator' },
  system_admin: { vi: 'Quản trị hệ thống', en: 'System administrator' },
};

export const RoleSchema = Type.Union([
  Type.Literal('citizen'),
  Type.Literal('postal'),
  Type.Literal('reception'),
  Type.Literal('specialist'),
  Type.Literal('head'),
  Type.Literal('leader'),
  Type.Literal('controller'),
  Type.Literal('agency_admin'),
  Type.Literal('system_admin'),
]);

/** A role held in an agency (and optionally a department of it). */
export const RoleAssignment = Type.Object(
  {
    role: RoleSchema,
    agencyCode: Type.String({ minLength: 1 }),
    departmentCode: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type RoleAssignment = Static<typeof RoleAssignment>;

/**
 * Who may call an endpoint. Every route declares one; the server refuses to register a route
 * without it, so "forgot to check" cannot happen.
 * - `public`: anyone, signed in or not.
 * - `authenticated`: any signed-in account.
 * - `roles`: one of these roles; with `scope: 'agency'` the role must be held in an agency whose
 *   subtree contains the target agency of the request (resolved by the handler).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'roles'; roles: readonly Role[]; scope: 'agency' | 'any' };

export const access = {
  public: { kind: 'public' } as Access,
  authenticated: { kind: 'authenticated' } as Access,
  roles: (roles: readonly Role[], scope: 'agency' | 'any' = 'agency'): Access => ({ kind: 'roles', roles, scope }),
};

export function describeAccess(a: Access): string {
  if (a.kind === 'public') return 'Public';
  if (a.kind === 'authenticated') return 'Any signed-in account';
  return `Roles: ${a.roles.join(', ')}${a.scope === 'agency' ? ' (within their agency scope)' : ''}`;
}

/**
 * True if one of the assignments grants one of `roles` over `targetAgency`, where `inScope(a, t)`
 * says whether agency t is within agency a's subtree. Pure; the server supplies the tree.
 */
export function grants(
  assignments: readonly RoleAssignment[],
  roles: readonly Role[],
  targetAgency: string | null,
  inScope: (holderAgency: string, target: string) => boolean,
): boolean {
  return assignments.some((a) => roles.includes(a.role) && (targetAgency === null || inScope(a.agencyCode, targetAgency)));
}
