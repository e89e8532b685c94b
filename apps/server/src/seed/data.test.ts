/**
 * Checks the demo province data (seed/data/*.json) against the domain schemas and the rules the
 * rest of the system relies on. Run: node --import tsx --test apps/server/src/seed/data.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsImport, { type FormatsPlugin } from 'ajv-formats';
import { CatalogueFile, isDemoCode } from '@motcua/domain/catalogue/procedure.ts';
import { AgencyInput, AgencyLevel, DepartmentInput, isAgencyCode } from '@motcua/domain/organisation/agency.ts';

// ajv-formats is a CommonJS module: take its default export whichever way the loader hands it over.
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ?? addFormatsImport) as unknown as FormatsPlugin;

function newAjv() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
}

const dataDir = new URL('./data/', import.meta.url);
const load = (name: string) => JSON.parse(readFileSync(new URL(name, dataDir), 'utf8'));

type Dept = { code: string; name: string; nameEn?: string };
type AgencyRow = { code: string; level: string; parentCode: string | null; departments: Dept[]; [k: string]: unknown };
type Json = Record<string, unknown>;
type Form = { schema: Json; uiSchema?: Json };
type ComponentRow = { code: string; name: string; mandatory: boolean; form?: Form; template?: { fileName: string } };
type Content = {
  name: string; fieldCode: string; level: string; agencyCodes: string[];
  timeLimit: { unit: string; value: number; onTheSpot?: boolean };
  fees: { amount: number }[];
  cases: { code: string; components: ComponentRow[] }[];
};
type ProcedureRow = { code: string; codeIsOfficial: boolean; versions: { content: Content }[] };

const org = load('organisation.json') as { province: { name: string }; levels: unknown[]; agencies: AgencyRow[]; codesNote?: string };
const catalogue = load('catalogue.json') as { fields: { code: string }[]; procedures: ProcedureRow[] };
const agencyByCode = new Map(org.agencies.map((a) => [a.code, a]));
const procedures = catalogue.procedures;
const byCode = (code: string) => {
  const p = procedures.find((x) => x.code === code);
  assert.ok(p, `procedure ${code} is in the catalogue`);
  return p;
};
const mainForm = (code: string): Form => {
  const c = byCode(code).versions[0]!.content.cases[0]!.components.find((k) => k.form);
  assert.ok(c?.form, `procedure ${code} has an e-form`);
  return c.form;
};
const allContents = () => procedures.flatMap((p) => p.versions.map((v) => ({ code: p.code, content: v.content })));
const allForms = () =>
  allContents().flatMap(({ code, content }) =>
    content.cases.flatMap((c) => c.components.filter((k) => k.form).map((k) => ({ where: `${code}/${c.code}/${k.code}`, form: k.form as Form }))),
  );

// ---------------------------------------------------------------- organisation

test('every agency, department and level of the demo province satisfies the domain schemas', () => {
  const ajv = newAjv();
  const agency = ajv.compile(AgencyInput);
  const department = ajv.compile(DepartmentInput);
  const level = ajv.compile(AgencyLevel);
  for (const l of org.levels) assert.ok(level(l), JSON.stringify(level.errors));
  for (const a of org.agencies) {
    const { departments, ...input } = a;
    assert.ok(agency(input), `${a.code}: ${JSON.stringify(agency.errors)}`);
    const min = a.level === 'province' ? 1 : 2;
    assert.ok(Array.isArray(departments) && departments.length >= min, `${a.code} has at least ${min} departments`);
    for (const d of departments) assert.ok(department(d), `${a.code}/${d.code}: ${JSON.stringify(department.errors)}`);
    assert.equal(new Set(departments.map((d) => d.code)).size, departments.length, `${a.code} department codes are unique`);
  }
});

test('the province is Đắk Lắk after the 2025 reform: one root, departments and communes, no district level', () => {
  assert.equal(org.province.name, 'Tỉnh Đắk Lắk');
  const levels = (org.levels as { code: string }[]).map((l) => l.code);
  assert.ok(!levels.includes('district'), 'no district level after 1 July 2025');
  const roots = org.agencies.filter((a) => a.parentCode === null);
  assert.equal(roots.length, 1, 'exactly one root agency');
  assert.equal(roots[0]!.level, 'province');
  assert.ok(org.agencies.filter((a) => a.level === 'department').length >= 8, 'at least 8 provincial departments');
  assert.ok(org.agencies.filter((a) => a.level === 'commune').length >= 12, 'at least 12 communes');
  for (const a of org.agencies) assert.ok(levels.includes(a.level), `${a.code} uses a declared level`);
});

test('every agency code is a valid 13-character identifier and unique', () => {
  for (const a of org.agencies) {
    assert.ok(isAgencyCode(a.code), `${a.code} matches V1V2V3.Z1Z2.Y1Y2.MX1X2`);
    assert.equal(a.code.length, 13);
  }
  assert.equal(agencyByCode.size, org.agencies.length, 'agency codes are unique');
  assert.ok(org.codesNote && /minh họa|demo/i.test(org.codesNote), 'demonstration codes are declared as such');
});

test('every parent code names an existing agency and the tree has no cycle', () => {
  for (const a of org.agencies) {
    const seen = new Set<string>();
    let cur: AgencyRow | undefined = a;
    while (cur && cur.parentCode !== null) {
      assert.ok(!seen.has(cur.code), `cycle through ${cur.code}`);
      seen.add(cur.code);
      const parent = agencyByCode.get(cur.parentCode);
      assert.ok(parent, `${cur.code} has parent ${cur.parentCode} that exists`);
      cur = parent;
    }
  }
});

test('every commune carries its 5-digit administrative-unit code, and those codes are unique', () => {
  const communes = org.agencies.filter((a) => a.level === 'commune');
  for (const c of communes) assert.match(String(c.communeCode), /^\d{5}$/, `${c.code} communeCode`);
  assert.equal(new Set(communes.map((c) => c.communeCode)).size, communes.length);
});

// ---------------------------------------------------------------- catalogue

test('the catalogue file satisfies the CatalogueFile schema', () => {
  const ajv = newAjv();
  const validate = ajv.compile(CatalogueFile);
  assert.ok(validate(catalogue), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
});

test('the catalogue holds at least 40 procedures with unique codes', () => {
  assert.ok(procedures.length >= 40, `${procedures.length} procedures`);
  assert.equal(new Set(procedures.map((p) => p.code)).size, procedures.length);
});

test('a demo code starts with DEMO- and is never marked official; an official code has the national format', () => {
  for (const p of procedures) {
    if (isDemoCode(p.code)) {
      assert.equal(p.codeIsOfficial, false, `${p.code} is a demo code`);
      assert.match(p.code, /^DEMO-[A-Z]+-\d{2}$/);
    } else {
      assert.equal(p.codeIsOfficial, true, `${p.code} looks official so must be marked official`);
      assert.match(p.code, /^\d\.\d{6}$/, `${p.code} has the national procedure-code format`);
    }
  }
});

test('every procedure names an existing field and existing performing agencies of its level', () => {
  const fields = new Set(catalogue.fields.map((f) => f.code));
  assert.equal(fields.size, catalogue.fields.length, 'field codes are unique');
  for (const { code, content } of allContents()) {
    assert.ok(fields.has(content.fieldCode), `${code} field ${content.fieldCode}`);
    for (const a of content.agencyCodes) {
      const agency = agencyByCode.get(a);
      assert.ok(agency, `${code} agency ${a} exists`);
      if (content.level === 'commune') assert.equal(agency.level, 'commune', `${code} is a commune procedure performed by ${a}`);
      else assert.notEqual(agency.level, 'commune', `${code} is a ${content.level} procedure performed by ${a}`);
    }
  }
});

test('a commune-level procedure is offered by every commune', () => {
  const communes = org.agencies.filter((a) => a.level === 'commune').map((a) => a.code).sort();
  for (const { code, content } of allContents()) {
    if (content.level === 'commune') assert.deepEqual([...content.agencyCodes].sort(), communes, code);
  }
});

test('time limits are whole or half working units, and on-the-spot procedures take at most one working day', () => {
  for (const { code, content } of allContents()) {
    const t = content.timeLimit;
    assert.ok(t.value > 0, `${code} has a positive time limit`);
    if (t.onTheSpot) assert.ok(t.unit === 'working-hours' || t.value <= 1, `${code} on the spot`);
  }
});

test('every case of every procedure has a mandatory main component carrying an e-form', () => {
  for (const { code, content } of allContents()) {
    for (const c of content.cases) {
      const withForm = c.components.filter((k) => k.form);
      assert.ok(withForm.length >= 1, `${code}/${c.code} has an e-form`);
      assert.ok(withForm.some((k) => k.mandatory), `${code}/${c.code} e-form component is mandatory`);
      assert.equal(new Set(c.components.map((k) => k.code)).size, c.components.length, `${code}/${c.code} component codes are unique`);
    }
  }
});

// ---------------------------------------------------------------- e-forms

test('every e-form schema compiles with ajv (draft-07, strict off)', () => {
  const ajv = newAjv();
  for (const { where, form } of allForms()) {
    assert.equal(form.schema.type, 'object', `${where} is an object form`);
    assert.doesNotThrow(() => ajv.compile(form.schema), where);
  }
});

function walk(schema: Json, visit: (name: string, prop: Json, path: string) => void, path = '') {
  const props = schema.properties as Record<string, Json> | undefined;
  if (props) {
    for (const [name, prop] of Object.entries(props)) {
      visit(name, prop, `${path}/${name}`);
      walk(prop, visit, `${path}/${name}`);
    }
  }
  if (schema.items && typeof schema.items === 'object') walk(schema.items as Json, visit, `${path}[]`);
}

test('every ID-number field requires 12 digits and every phone field 10 digits starting with 0', () => {
  for (const { where, form } of allForms()) {
    walk(form.schema, (name, prop, path) => {
      if (name === 'soDinhDanh') assert.equal(prop.pattern, '^\\d{12}$', `${where}${path}`);
      if (name === 'soDienThoai' || name === 'dienThoai') assert.equal(prop.pattern, '^0\\d{9}$', `${where}${path}`);
    });
  }
});

test('every e-form field has a Vietnamese title and every required field exists', () => {
  for (const { where, form } of allForms()) {
    assert.ok(typeof form.schema.title === 'string' && form.schema.title.length > 3, where);
    const check = (schema: Json, path: string) => {
      const props = (schema.properties ?? {}) as Record<string, Json>;
      for (const r of (schema.required ?? []) as string[]) assert.ok(r in props, `${where}${path} requires existing ${r}`);
      for (const [name, prop] of Object.entries(props)) {
        assert.ok(typeof prop.title === 'string' && prop.title.length > 0, `${where}${path}/${name} has a title`);
        if (prop.type === 'object') check(prop, `${path}/${name}`);
        if (prop.type === 'array' && (prop.items as Json)?.type === 'object') check(prop.items as Json, `${path}/${name}[]`);
      }
    };
    check(form.schema, '');
  }
});

test('every ui:order lists only properties the schema has (react-jsonschema-form rejects extraneous ones)', () => {
  const check = (schema: Json, ui: Json | undefined, where: string) => {
    if (!ui) return;
    const props = (schema.properties ?? {}) as Record<string, Json>;
    const order = ui['ui:order'] as string[] | undefined;
    if (order) for (const k of order) assert.ok(k === '*' || k in props, `${where}: ui:order names ${k}`);
    for (const [k, sub] of Object.entries(ui)) {
      if (k.startsWith('ui:')) continue;
      assert.ok(k in props, `${where}: uiSchema names ${k}`);
      const prop = props[k]!;
      if (prop.type === 'object') check(prop, sub as Json, `${where}/${k}`);
      if (prop.type === 'array' && (prop.items as Json)?.type === 'object') check(prop.items as Json, (sub as Json).items as Json, `${where}/${k}[]`);
    }
  };
  for (const { where, form } of allForms()) check(form.schema, form.uiSchema, where);
});

// Realistic sample documents for the five forms citizens use most. Each names the path of an
// ID number so the test can spoil it.
const samples: { procedure: string; cccdPath: string[]; doc: Json }[] = [
  {
    procedure: '1.001193', // đăng ký khai sinh
    cccdPath: ['nguoiYeuCau', 'soDinhDanh'],
    doc: {
      nguoiYeuCau: { hoTen: 'Y Khoa Niê', soDinhDanh: '066095001234', noiCuTru: 'Tổ dân phố 3 Tân Lợi, phường Buôn Ma Thuột, tỉnh Đắk Lắk', soDienThoai: '0905123456', email: 'ykhoa.nie@example.com', quanHe: 'Cha' },
      nguoiDuocKhaiSinh: { hoTen: 'H Mai Niê', gioiTinh: 'Nữ', ngaySinh: '2025-08-14', noiSinh: 'Bệnh viện Đa khoa vùng Tây Nguyên, phường Tân An, tỉnh Đắk Lắk', danToc: 'Ê Đê', quocTich: 'Việt Nam', queQuan: 'xã Hòa Phú, tỉnh Đắk Lắk' },
      me: { hoTen: 'H Linh Byă', ngaySinh: '1998-03-02', danToc: 'Ê Đê', quocTich: 'Việt Nam', soDinhDanh: '066198004567', noiCuTru: 'Tổ dân phố 3 Tân Lợi, phường Buôn Ma Thuột, tỉnh Đắk Lắk' },
      cha: { hoTen: 'Y Khoa Niê', ngaySinh: '1995-11-20', danToc: 'Ê Đê', quocTich: 'Việt Nam', soDinhDanh: '066095001234', noiCuTru: 'Tổ dân phố 3 Tân Lợi, phường Buôn Ma Thuột, tỉnh Đắk Lắk' },
      soBanSao: 2,
    },
  },
  {
    procedure: '1.000894', // đăng ký kết hôn
    cccdPath: ['benNam', 'soDinhDanh'],
    doc: {
      benNu: { hoTen: 'Nguyễn Thị Thu Hà', ngaySinh: '1999-05-12', danToc: 'Kinh', quocTich: 'Việt Nam', noiCuTru: 'phường Tuy Hòa, tỉnh Đắk Lắk', soDinhDanh: '054199002345', lanKetHon: 'Lần đầu' },
      benNam: { hoTen: 'Trần Minh Quân', ngaySinh: '1996-09-30', danToc: 'Kinh', quocTich: 'Việt Nam', noiCuTru: 'phường Ea Kao, tỉnh Đắk Lắk', soDinhDanh: '066096007890', lanKetHon: 'Lần đầu' },
      soDienThoai: '0912345678',
      soBanSao: 1,
    },
  },
  {
    procedure: '1.001612', // đăng ký thành lập hộ kinh doanh
    cccdPath: ['chuHoKinhDoanh', 'soDinhDanh'],
    doc: {
      tenHoKinhDoanh: 'Hộ kinh doanh Cà phê Ban Mê Xanh',
      diaChiTruSo: { soNha: '25 đường Y Jut, tổ dân phố 5', xaPhuong: 'Phường Buôn Ma Thuột', tinh: 'Đắk Lắk', dienThoai: '0262385011' },
      nganhNghe: [
        { tenNganh: 'Dịch vụ phục vụ đồ uống', maNganh: '5630', nganhChinh: true },
        { tenNganh: 'Bán lẻ lương thực, thực phẩm, đồ uống trong các cửa hàng chuyên doanh', maNganh: '4722' },
      ],
      vonKinhDoanh: 150000000,
      soLaoDong: 4,
      hinhThucThanhLap: 'Cá nhân thành lập',
      chuHoKinhDoanh: { hoTen: 'Lê Văn Hùng', gioiTinh: 'Nam', ngaySinh: '1988-01-17', danToc: 'Kinh', quocTich: 'Việt Nam', soDinhDanh: '066088003456', noiThuongTru: 'phường Tân Lập, tỉnh Đắk Lắk', soDienThoai: '0987654321' },
    },
  },
  {
    procedure: '1.013225', // cấp giấy phép xây dựng nhà ở riêng lẻ
    cccdPath: ['chuDauTu', 'soDinhDanh'],
    doc: {
      chuDauTu: { hoTen: 'Phạm Thị Lan', soDinhDanh: '066185005678', diaChiLienHe: 'thôn 2, xã Krông Pắc, tỉnh Đắk Lắk', soDienThoai: '0935111222' },
      diaDiem: { thuaDat: '112', toBanDo: '15', dienTichLoDat: 150.5, duongPho: 'thôn 2', xaPhuong: 'Xã Krông Pắc', tinh: 'Đắk Lắk' },
      giayToDat: { loai: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', so: 'DL 123456', ngayCap: '2021-06-10', coQuanCap: 'Sở Tài nguyên và Môi trường tỉnh Đắk Lắk' },
      noiDungDeNghi: { loaiCongTrinh: 'Nhà ở riêng lẻ', capCongTrinh: 'Cấp III', dienTichXayDungTang1: 90, tongDienTichSan: 180, chieuCao: 8.4, soTang: 2, soTangHam: 0, matDoXayDung: 60 },
      thoiGianHoanThanh: 8,
    },
  },
  {
    procedure: '3.000333', // cấp phiếu lý lịch tư pháp
    cccdPath: ['nguoiYeuCau', 'soDinhDanh'],
    doc: {
      nguoiYeuCau: { hoTen: 'Đỗ Quang Vinh', gioiTinh: 'Nam', ngaySinh: '2001-12-01', noiSinh: 'tỉnh Đắk Lắk', quocTich: 'Việt Nam', danToc: 'Kinh', soDinhDanh: '066201009876', noiThuongTru: 'phường Thành Nhất, tỉnh Đắk Lắk', soDienThoai: '0977000111', email: 'vinh.do@example.com' },
      thanNhan: { hoTenCha: 'Đỗ Văn Tâm', hoTenMe: 'Nguyễn Thị Hoa' },
      quaTrinhCuTru: [
        { tuNgay: '2015-12-01', denNgay: '2019-06-30', noiCuTru: 'phường Thành Nhất, tỉnh Đắk Lắk', ngheNghiep: 'Học sinh' },
        { tuNgay: '2019-09-01', noiCuTru: 'phường Linh Xuân, Thành phố Hồ Chí Minh', ngheNghiep: 'Sinh viên' },
      ],
      tinhTrangAnTich: 'Không có án tích',
      loaiPhieu: 'Phiếu lý lịch tư pháp số 1',
      xacNhanCamDamNhiemChucVu: false,
      mucDichSuDung: 'Bổ sung hồ sơ xin việc',
      soLuongPhieu: 2,
    },
  },
];

for (const s of samples) {
  test(`the e-form of ${s.procedure} accepts a realistic declaration and rejects a wrong ID number`, () => {
    const ajv = newAjv();
    const validate = ajv.compile(mainForm(s.procedure).schema);
    assert.ok(validate(s.doc), JSON.stringify(validate.errors, null, 2));
    const bad = structuredClone(s.doc);
    let target = bad as Json;
    for (const k of s.cccdPath.slice(0, -1)) target = target[k] as Json;
    target[s.cccdPath[s.cccdPath.length - 1]!] = '06609500123'; // 11 digits
    assert.equal(validate(bad), false);
    assert.ok(validate.errors?.some((e) => e.instancePath === '/' + s.cccdPath.join('/') && e.keyword === 'pattern'), JSON.stringify(validate.errors));
  });
}

test('a birth declaration without the child is rejected, naming the missing field', () => {
  const ajv = newAjv();
  const validate = ajv.compile(mainForm('1.001193').schema);
  const { nguoiDuocKhaiSinh: _omitted, ...doc } = samples[0]!.doc;
  assert.equal(validate(doc), false);
  assert.ok(validate.errors?.some((e) => e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === 'nguoiDuocKhaiSinh'));
});

test('timely birth, death and marriage registration carry no charge', () => {
  for (const code of ['1.001193', '1.000656', '1.000894']) {
    const fees = byCode(code).versions[0]!.content.fees;
    assert.ok(fees.every((f) => f.amount === 0), code);
  }
});
