import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelAllowed, checkOtp, defaultPreferences, isCccd, OTP_MAX_ATTEMPTS, registrationProblems, type RegistrationInput } from './registration.ts';

const person: RegistrationInput = { accountType: 'individual', fullName: 'Lê Thị Mai', idNumber: '066190012345', dateOfBirth: '1992-04-30', phone: '0912345678', email: 'mai@example.vn', password: 'Sông Hồng 2026' };
const fields = (r: RegistrationInput, today = '2026-11-23') => registrationProblems(r, today).map((e) => e.field);

test('an individual needs a 12-digit CCCD number, a past date of birth of someone at least 14, and a phone', () => {
  assert.deepEqual(fields(person), []);
  assert.equal(isCccd('06619001234'), false);
  assert.deepEqual(fields({ ...person, idNumber: '06619001234' }), ['idNumber']);
  assert.deepEqual(fields({ ...person, idNumber: '066190012345', dateOfBirth: '2026-11-23' }), ['dateOfBirth']);
  assert.deepEqual(fields({ ...person, dateOfBirth: '2012-11-24' }), ['dateOfBirth'], 'one day short of 14');
  assert.deepEqual(fields({ ...person, dateOfBirth: '2012-11-23' }), [], '14 today');
  const { phone: _phone, ...noPhone } = person;
  assert.deepEqual(fields(noPhone), ['phone']);
});

test('an organisation needs a tax code of 10 digits or 10-3 and its name; the password may not contain the username', () => {
  const org: RegistrationInput = { accountType: 'organisation', fullName: 'Phạm Văn Đức', taxCode: '6000123456', organisationName: 'Công ty A', email: 'a@b.vn', password: 'Sông Hồng 2026' };
  assert.deepEqual(fields(org), []);
  assert.deepEqual(fields({ ...org, taxCode: '6000123456-001' }), []);
  assert.deepEqual(fields({ ...org, taxCode: '6000123456-01', organisationName: ' ' }), ['taxCode', 'organisationName']);
  assert.deepEqual(fields({ ...org, password: 'x6000123456y' }), ['password']);
});

test(`a one-time code is good once, before it expires, and dies after ${OTP_MAX_ATTEMPTS} wrong tries`, () => {
  const code = { hash: 'h', expiresAt: 1000, attempts: 0, usedAt: null };
  assert.equal(checkOtp(code, 'h', 999), 'ok');
  assert.equal(checkOtp(code, 'x', 999), 'wrong');
  assert.equal(checkOtp(code, 'h', 1000), 'expired');
  assert.equal(checkOtp({ ...code, usedAt: 5 }, 'h', 10), 'used');
  assert.equal(checkOtp({ ...code, attempts: OTP_MAX_ATTEMPTS }, 'h', 10), 'exhausted');
});

test('notification choices turn off e-mail or SMS per dossier event; in-portal messages and account messages always go', () => {
  const p = { ...defaultPreferences(), 'dossier.accepted': { email: false, sms: true } };
  assert.equal(channelAllowed(p, 'dossier.accepted', 'email'), false);
  assert.equal(channelAllowed(p, 'dossier.accepted', 'sms'), true);
  assert.equal(channelAllowed(p, 'dossier.accepted', 'in-app'), true);
  assert.equal(channelAllowed(p, 'account.password-reset', 'email'), true);
  assert.equal(channelAllowed(null, 'dossier.accepted', 'email'), true);
});
