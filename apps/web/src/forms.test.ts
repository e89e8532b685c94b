import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './api.ts';
import { fieldErrorsOf } from './forms.ts';

const problem = (errors: { field: string; message: string; messageEn?: string }[]) =>
  new ApiError(400, { type: 'https://motcua.gov.vn/problems/validation', title: 'Dữ liệu không hợp lệ', status: 400, errors });

test('a problem\'s field errors are keyed by the field name whether the server wrote it dotted, with "body." or as a JSON pointer', () => {
  const e = problem([
    { field: 'body.title', message: 'Bắt buộc', messageEn: 'Required' },
    { field: '/paragraphs/0', message: 'Quá dài', messageEn: 'Too long' },
    { field: 'p12', message: 'Sai mật khẩu' },
  ]);
  assert.deepEqual(fieldErrorsOf(e, 'vi'), { title: 'Bắt buộc', 'paragraphs.0': 'Quá dài', p12: 'Sai mật khẩu' });
  assert.deepEqual(fieldErrorsOf(e, 'en'), { title: 'Required', 'paragraphs.0': 'Too long', p12: 'Sai mật khẩu' }, 'English where the server gave it');
});

test('a failure that names no field (a network error, a 500) gives no field errors, so the form shows the general message', () => {
  assert.deepEqual(fieldErrorsOf(new ApiError(500, { type: 'about:blank', title: 'Lỗi', status: 500 }), 'vi'), {});
  assert.deepEqual(fieldErrorsOf(new TypeError('Failed to fetch'), 'vi'), {});
});
