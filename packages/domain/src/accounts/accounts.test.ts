import { test } from 'node:test';
import assert from 'node:assert/strict';
import { passwordProblems } from './password.ts';
import { maskEmail, maskIdNumber, maskPhone, isPersonalIdNumber, isTaxCode } from './masking.ts';
import { grants } from './roles.ts';

test('a password needs 10 characters, a letter and a digit, and must not contain the username', () => {
  assert.deepEqual(passwordProblems('Abc123'), ['too-short']);
  assert.deepEqual(passwordProblems('abcdefghijk'), ['needs-digit']);
  assert.deepEqual(passwordProblems('1234567890'), ['needs-letter']);
  assert.deepEqual(passwordProblems('motcua-admin-2026', 'admin'), ['contains-username']);
  assert.deepEqual(passwordProblems('Sông Hồng 2026'), []);
});

test('an ID number is masked but for its last four digits, a phone but for its first and last three', () => {
  assert.equal(maskIdNumber('066190001234'), '********1234');
  assert.equal(maskPhone('0912 345 678'), '091****678');
  assert.equal(maskEmail('huong@example.vn'), 'h***@example.vn');
});

test('a personal ID number has 12 digits (CCCD) or 9 (CMND); a tax code 10 digits with an optional branch suffix', () => {
  assert.equal(isPersonalIdNumber('066190001234'), true);
  assert.equal(isPersonalIdNumber('06619000123'), false);
  assert.equal(isTaxCode('6000123456'), true);
  assert.equal(isTaxCode('6000123456-001'), true);
  assert.equal(isTaxCode('600012345'), false);
});

test('a role grants access only within the holder agency scope', () => {
  const inScope = (holder: string, target: string) => target.startsWith(holder);
  const a = [{ role: 'agency_admin' as const, agencyCode: 'A' }];
  assert.equal(grants(a, ['agency_admin'], 'A.1', inScope), true);
  assert.equal(grants(a, ['agency_admin'], 'B', inScope), false);
  assert.equal(grants(a, ['system_admin'], 'A', inScope), false);
});
