import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { CatalogueFile, Role } from '@motcua/domain';
import { searchKey } from '@motcua/domain';
import type { Db } from '../db/pool.ts';
import { agencies, agencyHistory, agencyLevels, departments, userRoles, users } from '../db/schema.ts';
import { agencySearchKey } from '../modules/organisation/repo.ts';
import { importCatalogue } from '../modules/catalogue/exchange.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { appendAudit } from '../audit.ts';

interface OrgFile {
  province: { name: string; nameEn?: string };
  levels: { code: string; name: string; nameEn?: string; rank: number }[];
  agencies: {
    code: string;
    name: string;
    nameEn?: string;
    shortName?: string;
    level: string;
    parentCode: string | null;
    address?: string;
    phone?: string;
    email?: string;
    hotline?: string;
    communeCode?: string;
    departments?: { code: string; name: string; nameEn?: string }[];
  }[];
}

const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as T;

/** The password of every demo account (README). Demo only: never load the demo into production. */
export const DEMO_PASSWORD = 'DakLak@2026demo';

export interface DemoAccount {
  username: string;
  fullName: string;
  role: Role;
  /** how to find the agency in organisation.json */
  agency: (org: OrgFile['agencies']) => OrgFile['agencies'][number] | undefined;
  department?: string;
  mustChangePassword?: boolean;
}

const byName = (re: RegExp) => (list: OrgFile['agencies']) => list.find((a) => re.test(a.name));
const root = (list: OrgFile['agencies']) => list.find((a) => a.parentCode === null);
const firstCommune = (list: OrgFile['agencies']) => list.find((a) => a.level === 'commune');

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'quantri', fullName: 'Nguyễn Văn Quản', role: 'system_admin', agency: root },
  { username: 'qt.tuphap', fullName: 'Lê Thị Hoa', role: 'agency_admin', agency: byName(/Sở Tư pháp/) },
  { username: 'motcua.tinh', fullName: 'Trần Thị Mai', role: 'reception', agency: byName(/Trung tâm Phục vụ hành chính công/) },
  { username: 'motcua.tuphap', fullName: 'Phạm Minh Tuấn', role: 'reception', agency: byName(/Sở Tư pháp/) },
  { username: 'cv.tuphap', fullName: 'Hoàng Văn Nam', role: 'specialist', agency: byName(/Sở Tư pháp/) },
  { username: 'tp.tuphap', fullName: 'Vũ Thị Lan', role: 'head', agency: byName(/Sở Tư pháp/) },
  { username: 'ld.tuphap', fullName: 'Đặng Quốc Huy', role: 'leader', agency: byName(/Sở Tư pháp/) },
  { username: 'kiemsoat', fullName: 'Bùi Thị Thu', role: 'controller', agency: root },
  { username: 'motcua.xa', fullName: 'Y Bhim Niê', role: 'reception', agency: firstCommune },
  { username: 'tuphap.xa', fullName: 'H Lan Êban', role: 'specialist', agency: firstCommune },
  { username: 'ld.xa', fullName: 'Ama Khim', role: 'leader', agency: firstCommune },
  { username: 'buudien', fullName: 'Ngô Văn Bưu', role: 'postal', agency: root },
  { username: 'canbo.moi', fullName: 'Đỗ Thị Mới', role: 'specialist', agency: byName(/Sở Tư pháp/), mustChangePassword: true },
];

/**
 * A verified citizen account, so that someone trying `npm start` can use the portal as a citizen
 * at once: self-registration needs the e-mailed code, and a fresh start has no mail server.
 */
export const DEMO_CITIZEN = {
  username: 'congdan',
  fullName: 'Nguyễn Văn Dân',
  email: 'congdan@demo.daklak.gov.vn',
  idNumber: '066199000001',
  dateOfBirth: '1990-03-15',
  phone: '0912000001',
  address: 'Buôn Ma Thuột, Đắk Lắk',
} as const;

export async function isEmpty(db: Db): Promise<boolean> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from agencies`);
  return r.rows[0]!.n === 0;
}

/** Load the demo province: organisation, officer accounts for every role, and the catalogue. */
export async function seedDemo(db: Db): Promise<{ agencies: number; departments: number; users: number; procedures: number }> {
  const org = readJson<OrgFile>('organisation.json');
  const catalogue = readJson<CatalogueFile>('catalogue.json');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    for (const l of org.levels) await tx.insert(agencyLevels).values({ ...l, nameEn: l.nameEn ?? null }).onConflictDoNothing();
    let deptCount = 0;
    // Parents before children, whatever order the file lists them in.
    const pending = [...org.agencies];
    const inserted = new Set<string>();
    while (pending.length) {
      const i = pending.findIndex((a) => a.parentCode === null || inserted.has(a.parentCode));
      if (i < 0) throw new Error(`organisation.json: parent missing for ${pending.map((a) => a.code).join(', ')}`);
      const { departments: deps = [], ...a } = pending.splice(i, 1)[0]!;
      await tx.insert(agencies).values({ ...a, searchKey: agencySearchKey(a) });
      await tx.insert(agencyHistory).values({ agencyCode: a.code, kind: 'created', effectiveDate: '2025-07-01', after: a, note: 'Dữ liệu mẫu' });
      inserted.add(a.code);
      for (const d of deps) {
        await tx.insert(departments).values({ agencyCode: a.code, code: d.code, name: d.name, nameEn: d.nameEn ?? null });
        deptCount++;
      }
    }
    for (const acc of DEMO_ACCOUNTS) {
      const agency = acc.agency(org.agencies);
      if (!agency) throw new Error(`demo account ${acc.username}: its agency is not in organisation.json`);
      const [u] = await tx
        .insert(users)
        .values({ kind: 'officer', username: acc.username, fullName: acc.fullName, email: `${acc.username}@demo.daklak.gov.vn`, passwordHash, mustChangePassword: acc.mustChangePassword ?? false, searchKey: searchKey(`${acc.fullName} ${acc.username}`) })
        .returning();
      await tx.insert(userRoles).values({ userId: u!.id, role: acc.role, agencyCode: agency.code, departmentCode: acc.department ?? null });
    }
    // No citizen_profiles row: an account made by the system counts as verified (modules/accounts).
    await tx.insert(users).values({ kind: 'citizen', ...DEMO_CITIZEN, passwordHash, searchKey: searchKey(`${DEMO_CITIZEN.fullName} ${DEMO_CITIZEN.username}`) });
    const r = await importCatalogue(tx, catalogue, null);
    await appendAudit(tx, { action: 'seed.demo', data: { agencies: inserted.size, procedures: r.proceduresCreated } });
    return { agencies: inserted.size, departments: deptCount, users: DEMO_ACCOUNTS.length + 1, procedures: r.proceduresCreated };
  });
}
