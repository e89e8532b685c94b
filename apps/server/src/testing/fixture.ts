import type { Role } from '@motcua/domain';
import { searchKey } from '@motcua/domain';
import type { Db } from '../db/pool.ts';
import { agencies, agencyLevels, departments, fields, userRoles, users } from '../db/schema.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { agencySearchKey } from '../modules/organisation/repo.ts';

/**
 * A small province for API tests, independent of the demo data: the province P with two sibling
 * agencies A and B (so "wrong agency" is always testable), a commune under A, and one officer per
 * role in A and in B. Usernames are `<role>.a` / `<role>.b`; the province admin is `system_admin.p`.
 */
export const P = '000.00.00.H99';
export const A = '000.00.10.H99';
export const B = '000.00.20.H99';
export const A_COMMUNE = '000.10.01.H99';
export const PASSWORD = 'Fixture-pass-2026';

export async function createFixture(db: Db): Promise<void> {
  const passwordHash = await hashPassword(PASSWORD);
  await db.insert(agencyLevels).values([
    { code: 'province', name: 'Cấp tỉnh', rank: 0 },
    { code: 'department', name: 'Sở, ngành', rank: 1 },
    { code: 'commune', name: 'Cấp xã', rank: 2 },
  ]);
  const list = [
    { code: P, name: 'Ủy ban nhân dân tỉnh Thử Nghiệm', level: 'province', parentCode: null },
    { code: A, name: 'Sở Tư pháp', level: 'department', parentCode: P },
    { code: B, name: 'Sở Xây dựng', level: 'department', parentCode: P },
    { code: A_COMMUNE, name: 'Ủy ban nhân dân xã Ea Tu', level: 'commune', parentCode: A },
  ];
  for (const a of list) await db.insert(agencies).values({ ...a, searchKey: agencySearchKey(a) });
  await db.insert(departments).values([
    { agencyCode: A, code: 'HCTP', name: 'Phòng Hành chính tư pháp' },
    { agencyCode: B, code: 'QLXD', name: 'Phòng Quản lý xây dựng' },
  ]);
  await db.insert(fields).values([
    { code: 'HO_TICH', name: 'Hộ tịch', sector: 'Tư pháp' },
    { code: 'XAY_DUNG', name: 'Hoạt động xây dựng', sector: 'Xây dựng' },
  ]);
  const roles: Role[] = ['reception', 'specialist', 'head', 'leader', 'controller', 'agency_admin', 'postal'];
  const make = async (username: string, role: Role, agencyCode: string) => {
    const [u] = await db.insert(users).values({ kind: 'officer', username, fullName: `Cán bộ ${username}`, passwordHash, searchKey: searchKey(username), idNumber: '066190001234', phone: '0912345678' }).returning();
    await db.insert(userRoles).values({ userId: u!.id, role, agencyCode });
  };
  for (const r of roles) {
    await make(`${r}.a`, r, A);
    await make(`${r}.b`, r, B);
  }
  await make('system_admin.p', 'system_admin', P);
  for (const c of ['citizen.1', 'citizen.2']) {
    await db.insert(users).values({ kind: 'citizen', username: c, fullName: c === 'citizen.1' ? 'Nguyễn Thị Hương' : 'Trần Văn Bình', email: `${c}@example.vn`, passwordHash, searchKey: searchKey(c) });
  }
}

/** A minimal, valid procedure of agency A (birth registration), with an e-form. */
export function birthContent(overrides: Partial<import('@motcua/domain').ProcedureContent> = {}): import('@motcua/domain').ProcedureContent {
  return {
    name: 'Đăng ký khai sinh',
    fieldCode: 'HO_TICH',
    level: 'commune',
    agencyCodes: [A],
    legalBasis: ['Luật Hộ tịch số 60/2014/QH13'],
    timeLimit: { unit: 'working-days', value: 1 },
    fees: [{ kind: 'charge', name: 'Lệ phí đăng ký khai sinh', amount: 0, exempt: 'Đăng ký đúng hạn' }],
    channels: ['direct', 'online', 'postal'],
    onlineLevel: 'full',
    applicantTypes: ['individual'],
    steps: 'Nộp hồ sơ; kiểm tra; cấp giấy khai sinh.',
    result: 'Giấy khai sinh',
    cases: [
      {
        code: 'TH1',
        name: 'Đăng ký khai sinh đúng hạn',
        components: [
          {
            code: 'TK',
            name: 'Tờ khai đăng ký khai sinh',
            originals: 1,
            copies: 0,
            mandatory: true,
            template: { name: 'Tờ khai đăng ký khai sinh', fileName: 'to-khai-khai-sinh.docx' },
            form: {
              schema: {
                type: 'object',
                required: ['hoTen', 'cccd'],
                properties: {
                  hoTen: { type: 'string', title: 'Họ, chữ đệm, tên người yêu cầu', minLength: 1 },
                  cccd: { type: 'string', title: 'Số định danh cá nhân', pattern: '^\\d{12}$' },
                  ngaySinh: { type: 'string', title: 'Ngày sinh', format: 'date' },
                },
              },
            },
          },
          { code: 'GCS', name: 'Giấy chứng sinh', originals: 1, copies: 0, mandatory: true },
        ],
      },
    ],
    ...overrides,
  };
}
