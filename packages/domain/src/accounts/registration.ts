import { Type, type Static } from 'typebox';
import type { FieldError } from '../api/problem.ts';
import { isTaxCode } from './masking.ts';
import { passwordProblems, PASSWORD_PROBLEM_VI } from './password.ts';

/**
 * Citizen accounts [SPEC §3; 001 Art. 6.3–4]: an individual registers with a CCCD number, an
 * organisation with its tax code; both with an e-mail address that must be confirmed by a
 * one-time code before the account may submit dossiers.
 */
export const ACCOUNT_TYPES = ['individual', 'organisation'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

const Email = Type.String({ minLength: 3, maxLength: 200, format: 'email' });
const Phone = Type.String({ pattern: '^\\+?[0-9 .]{9,15}$', description: 'Vietnamese mobile, e.g. 0912 345 678' });
const IsoDate = Type.String({ format: 'date' });

export const RegistrationInput = Type.Object(
  {
    accountType: Type.Union([Type.Literal('individual'), Type.Literal('organisation')]),
    fullName: Type.String({ minLength: 2, maxLength: 150, description: 'Individual: the full name; organisation: the representative' }),
    idNumber: Type.Optional(Type.String({ maxLength: 20, description: 'Số định danh cá nhân (CCCD, 12 digits); required for an individual' })),
    dateOfBirth: Type.Optional(IsoDate),
    taxCode: Type.Optional(Type.String({ maxLength: 20, description: 'Mã số thuế (10 digits, or 10-3 for a branch); required for an organisation' })),
    organisationName: Type.Optional(Type.String({ maxLength: 300 })),
    phone: Type.Optional(Phone),
    email: Email,
    password: Type.String({ minLength: 1, maxLength: 200 }),
    locale: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')])),
  },
  { additionalProperties: false, $id: 'RegistrationInput' },
);
export type RegistrationInput = Static<typeof RegistrationInput>;

/** A CCCD number: exactly 12 digits (the 9-digit CMND is no longer issued for new accounts). */
export function isCccd(s: string): boolean {
  return /^\d{12}$/.test(s);
}

/**
 * The rules a schema cannot say: what each account type requires, the ID formats, the password
 * policy, and a date of birth that is a real past date of someone at least 14 (who may carry out
 * procedures in their own name). `today` is YYYY-MM-DD in Asia/Ho_Chi_Minh.
 */
export function registrationProblems(r: RegistrationInput, today: string): FieldError[] {
  const out: FieldError[] = [];
  const err = (field: string, message: string, messageEn: string) => out.push({ field, message, messageEn });
  if (r.accountType === 'individual') {
    if (!r.idNumber) err('idNumber', 'Cần nhập số định danh cá nhân (CCCD)', 'The ID number (CCCD) is required');
    else if (!isCccd(r.idNumber)) err('idNumber', 'Số định danh cá nhân gồm đúng 12 chữ số', 'The ID number has exactly 12 digits');
    if (!r.dateOfBirth) err('dateOfBirth', 'Cần nhập ngày sinh', 'The date of birth is required');
    else if (r.dateOfBirth >= today) err('dateOfBirth', 'Ngày sinh phải trước hôm nay', 'The date of birth must be in the past');
    else if (r.dateOfBirth < '1900-01-01') err('dateOfBirth', 'Ngày sinh không hợp lệ', 'Invalid date of birth');
    else if (Number(today.slice(0, 4)) - Number(r.dateOfBirth.slice(0, 4)) - (today.slice(5) < r.dateOfBirth.slice(5) ? 1 : 0) < 14)
      err('dateOfBirth', 'Người đăng ký phải từ đủ 14 tuổi', 'You must be at least 14 years old');
    if (!r.phone) err('phone', 'Cần nhập số điện thoại', 'The phone number is required');
    if (r.taxCode) err('taxCode', 'Tài khoản cá nhân không có mã số thuế tổ chức', 'An individual account has no organisation tax code');
  } else {
    if (!r.taxCode) err('taxCode', 'Cần nhập mã số thuế', 'The tax code is required');
    else if (!isTaxCode(r.taxCode)) err('taxCode', 'Mã số thuế gồm 10 chữ số, hoặc 10-3 chữ số với đơn vị phụ thuộc', 'The tax code has 10 digits, or 10-3 for a branch');
    if (!r.organisationName?.trim()) err('organisationName', 'Cần nhập tên tổ chức', 'The organisation name is required');
    if (r.idNumber && !isCccd(r.idNumber)) err('idNumber', 'Số định danh cá nhân gồm đúng 12 chữ số', 'The ID number has exactly 12 digits');
  }
  const username = r.accountType === 'individual' ? r.idNumber : r.taxCode;
  for (const p of passwordProblems(r.password, username)) out.push({ field: 'password', message: PASSWORD_PROBLEM_VI[p], messageEn: PASSWORD_PROBLEM_EN[p], keyword: p });
  return out;
}

export const PASSWORD_PROBLEM_EN: Record<keyof typeof PASSWORD_PROBLEM_VI, string> = {
  'too-short': 'At least 10 characters',
  'too-long': 'At most 200 characters',
  'needs-letter': 'At least one letter',
  'needs-digit': 'At least one digit',
  'contains-username': 'Must not contain the user name',
};

/** Normalises what people type: spaces and dots out of phone numbers, e-mail lower-cased. */
export function normalisePhone(p: string): string {
  return p.replace(/[\s.]/g, '');
}
export function normaliseEmail(e: string): string {
  return e.trim().toLowerCase();
}

/** One-time codes (e-mail and phone verification, password reset). */
export const OTP_LENGTH = 6;
export const OTP_TTL_MS = 15 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_RESEND_COOLDOWN_MS = 60_000;

export type OtpCheck = 'ok' | 'wrong' | 'expired' | 'used' | 'exhausted';
/**
 * Decides a code entry. A code dies when used, when it expires, or after OTP_MAX_ATTEMPTS wrong
 * tries (so six digits cannot be guessed: 5 tries in a million).
 */
export function checkOtp(
  code: { hash: string; expiresAt: number; attempts: number; usedAt: number | null },
  givenHash: string,
  now: number,
): OtpCheck {
  if (code.usedAt !== null) return 'used';
  if (code.attempts >= OTP_MAX_ATTEMPTS) return 'exhausted';
  if (now >= code.expiresAt) return 'expired';
  return code.hash === givenHash ? 'ok' : 'wrong';
}

/** The dossier events whose e-mail/SMS a citizen may turn off; account messages always go. */
export const PREFERENCE_EVENTS = [
  'dossier.received',
  'dossier.accepted',
  'dossier.supplement-requested',
  'dossier.refused',
  'dossier.result-ready',
  'dossier.returned',
  'dossier.extended',
  'dossier.withdrawn',
  'dossier.stopped',
] as const;
export type PreferenceEvent = (typeof PREFERENCE_EVENTS)[number];

export const ChannelChoice = Type.Object({ email: Type.Boolean(), sms: Type.Boolean() }, { additionalProperties: false });
export const NotificationPreferences = Type.Object(
  Object.fromEntries(PREFERENCE_EVENTS.map((e) => [e, ChannelChoice])) as Record<PreferenceEvent, typeof ChannelChoice>,
  { additionalProperties: false, $id: 'NotificationPreferences', description: 'Per dossier event: send e-mail, send SMS (in-portal messages always arrive)' },
);
export type NotificationPreferences = Static<typeof NotificationPreferences>;

export function defaultPreferences(): NotificationPreferences {
  return Object.fromEntries(PREFERENCE_EVENTS.map((e) => [e, { email: true, sms: true }])) as NotificationPreferences;
}

/** May a message of `event` go out on `channel` under these preferences? */
export function channelAllowed(prefs: Partial<NotificationPreferences> | null | undefined, event: string, channel: string): boolean {
  if (channel !== 'email' && channel !== 'sms') return true;
  const p = prefs?.[event as PreferenceEvent];
  if (!p) return true;
  return p[channel];
}

export const Profile = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    accountType: Type.Union([Type.Literal('individual'), Type.Literal('organisation')]),
    username: Type.String(),
    fullName: Type.String(),
    idNumber: Type.Union([Type.String(), Type.Null()]),
    dateOfBirth: Type.Union([IsoDate, Type.Null()]),
    taxCode: Type.Union([Type.String(), Type.Null()]),
    organisationName: Type.Union([Type.String(), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    emailVerified: Type.Boolean(),
    phone: Type.Union([Type.String(), Type.Null()]),
    phoneVerified: Type.Boolean(),
    provinceCode: Type.Union([Type.String(), Type.Null()]),
    communeCode: Type.Union([Type.String(), Type.Null()]),
    address: Type.Union([Type.String(), Type.Null()]),
    smsAvailable: Type.Boolean({ description: 'An SMS gateway is configured (phone verification and SMS notifications)' }),
  },
  { $id: 'Profile' },
);
export type Profile = Static<typeof Profile>;

export const ProfileUpdate = Type.Object(
  {
    fullName: Type.Optional(Type.String({ minLength: 2, maxLength: 150 })),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    dateOfBirth: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    provinceCode: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()])),
    communeCode: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()])),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    organisationName: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  },
  { additionalProperties: false, $id: 'ProfileUpdate' },
);
export type ProfileUpdate = Static<typeof ProfileUpdate>;
