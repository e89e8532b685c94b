/**
 * Personal data is shown only where needed [SPEC §18; 004 Art. 24.6]; elsewhere it is masked
 * so that a screen or a log line never carries a whole ID number or phone number.
 */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  if (id.length <= 4) return '*'.repeat(id.length);
  return '*'.repeat(id.length - 4) + id.slice(-4);
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 6) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 6) + digits.slice(-3);
}

export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return email ?? null;
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Số CCCD/định danh cá nhân: 12 digits; the legacy CMND has 9. */
export function isPersonalIdNumber(s: string): boolean {
  return /^\d{12}$/.test(s) || /^\d{9}$/.test(s);
}

/** Mã số thuế: 10 digits, or 10-3 for a branch. */
export function isTaxCode(s: string): boolean {
  return /^\d{10}(-\d{3})?$/.test(s);
}
