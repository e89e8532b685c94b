import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translateSchemaError, translateSchemaErrors } from './messages.ts';

test('a missing required property is named by its full path, in Vietnamese', () => {
  const t = translateSchemaError({ keyword: 'required', instancePath: '/cases/0', params: { missingProperty: 'name' } });
  assert.deepEqual([t.field, t.message], ['cases.0.name', 'Bắt buộc nhập']);
});

test('a pattern failure names the field and says the format is wrong', () => {
  const t = translateSchemaError({ keyword: 'pattern', instancePath: '/agencyCode', params: { pattern: 'x' } });
  assert.equal(t.field, 'agencyCode');
  assert.equal(t.message, 'Không đúng định dạng');
});

test('one message per field and keyword, and an anyOf wrapper is dropped when a branch already named the field', () => {
  const out = translateSchemaErrors([
    { keyword: 'type', instancePath: '/a', params: { type: 'string' } },
    { keyword: 'type', instancePath: '/a', params: { type: 'null' } },
    { keyword: 'anyOf', instancePath: '/a', params: {} },
    { keyword: 'anyOf', instancePath: '/b', params: {} },
  ]);
  assert.deepEqual(out.map((e) => `${e.field}:${e.keyword}`), ['a:type', 'b:anyOf']);
});
