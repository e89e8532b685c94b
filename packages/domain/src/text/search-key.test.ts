import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchKey } from './search-key.ts';

test('a search key ignores diacritics, đ and case, so "dang ky khai sinh" matches "Đăng ký khai sinh"', () => {
  assert.equal(searchKey('Đăng ký khai sinh'), 'dang ky khai sinh');
  assert.equal(searchKey('ĐĂNG KÝ   KẾT HÔN '), 'dang ky ket hon');
});

test('a search key is the same for composed (NFC) and decomposed (NFD) input', () => {
  const s = 'Nguyễn Thị Hương, Đắk Lắk';
  assert.equal(searchKey(s.normalize('NFD')), searchKey(s.normalize('NFC')));
  assert.equal(searchKey(s), 'nguyen thi huong, dak lak');
});
