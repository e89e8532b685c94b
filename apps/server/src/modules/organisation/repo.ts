import { asc, eq, inArray, sql } from 'drizzle-orm';
import { searchKey, type Agency, type AgencyNode, type Department } from '@motcua/domain';
import { agencies, departments } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/pool.ts';

type AgencyRow = typeof agencies.$inferSelect;
type DepartmentRow = typeof departments.$inferSelect;

export function agencyDto(r: AgencyRow): Agency {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    shortName: r.shortName,
    level: r.level,
    parentCode: r.parentCode,
    address: r.address,
    phone: r.phone,
    email: r.email,
    hotline: r.hotline,
    communeCode: r.communeCode,
    status: r.status as Agency['status'],
    successorCode: r.successorCode,
  };
}

export function departmentDto(r: DepartmentRow): Department {
  return { id: r.id, agencyCode: r.agencyCode, code: r.code, name: r.name, nameEn: r.nameEn, active: r.active };
}

export function agencySearchKey(a: { code: string; name: string; shortName?: string | null }): string {
  return searchKey(`${a.name} ${a.shortName ?? ''} ${a.code}`);
}

export async function findAgency(db: DbOrTx, code: string): Promise<AgencyRow | undefined> {
  return (await db.select().from(agencies).where(eq(agencies.code, code)).limit(1))[0];
}

export async function agencyNodes(db: DbOrTx): Promise<AgencyNode[]> {
  const rows = await db
    .select({ code: agencies.code, parentCode: agencies.parentCode, status: agencies.status, successorCode: agencies.successorCode })
    .from(agencies);
  return rows.map((r) => ({ ...r, status: r.status as AgencyNode['status'] }));
}

export async function agenciesByCodes(db: DbOrTx, codes: readonly string[]): Promise<AgencyRow[]> {
  if (!codes.length) return [];
  return db.select().from(agencies).where(inArray(agencies.code, [...codes]));
}

export async function listDepartments(db: DbOrTx, agencyCode: string): Promise<DepartmentRow[]> {
  return db.select().from(departments).where(eq(departments.agencyCode, agencyCode)).orderBy(asc(sql`${departments.name} collate "vi-x-icu"`));
}
