import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RJSFSchema } from '@rjsf/utils';
import { createValidator } from './validator.ts';

const schema: RJSFSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    nguoi: {
      type: 'object',
      title: 'Người yêu cầu',
      properties: {
        hoTen: { type: 'string', title: 'Họ, chữ đệm và tên', minLength: 2 },
        soDinhDanh: { type: 'string', title: 'Số định danh cá nhân', pattern: '^\\d{12}$', description: 'gồm 12 chữ số' },
        email: { type: 'string', format: 'email' },
        ngaySinh: { type: 'string', format: 'date' },
      },
      required: ['hoTen', 'soDinhDanh'],
    },
    soBanSao: { type: 'integer', minimum: 0, maximum: 20 },
  },
  required: ['nguoi'],
};

test('a missing required field is reported on the field itself, in Vietnamese, with its title', () => {
  const r = createValidator('vi').validateFormData({ nguoi: { soDinhDanh: '012345678901' } }, schema);
  assert.deepEqual(r.errors.map((e) => [e.property, e.message]), [['.nguoi.hoTen', 'Cần nhập “Họ, chữ đệm và tên”']]);
  assert.deepEqual(r.errorSchema.nguoi?.hoTen?.__errors, ['Cần nhập “Họ, chữ đệm và tên”']);
});

test('every failing field is reported at once, each with a Vietnamese message built from the schema', () => {
  const r = createValidator('vi').validateFormData({ nguoi: { hoTen: 'A', soDinhDanh: '12', email: 'x', ngaySinh: '2026-13-40' }, soBanSao: 30 }, schema);
  const by = Object.fromEntries(r.errors.map((e) => [e.property, e.message]));
  assert.equal(by['.nguoi.hoTen'], 'Cần ít nhất 2 ký tự');
  assert.equal(by['.nguoi.soDinhDanh'], 'Không đúng định dạng: gồm 12 chữ số');
  assert.equal(by['.nguoi.email'], 'Không phải địa chỉ thư điện tử hợp lệ');
  assert.equal(by['.nguoi.ngaySinh'], 'Không phải ngày hợp lệ');
  assert.equal(by['.soBanSao'], 'Không được lớn hơn 20');
});

test('the English interface gets English messages', () => {
  const r = createValidator('en').validateFormData({ nguoi: { hoTen: 'Nguyễn Văn A', soDinhDanh: 'abc' } }, schema);
  assert.deepEqual(r.errors.map((e) => e.message), ['Wrong format (gồm 12 chữ số)']);
});

test('valid data has no errors, and isValid answers for a sub-schema that refers to the root definitions', () => {
  const v = createValidator('vi');
  assert.deepEqual(v.validateFormData({ nguoi: { hoTen: 'Nguyễn Văn A', soDinhDanh: '012345678901' } }, schema).errors, []);
  const root: RJSFSchema = { definitions: { n: { type: 'integer' } }, type: 'object', properties: { a: { $ref: '#/definitions/n' } } };
  assert.equal(v.isValid({ $ref: '#/definitions/n' }, 3, root), true);
  assert.equal(v.isValid({ $ref: '#/definitions/n' }, 'x', root), false);
});
