import { isAgencyCode } from '../organisation/agency.ts';

/**
 * Mã số hồ sơ: `<agency identifier>-<YYMMDD>-<NNNN>` [000 Art. 20; Circular 01/2018 Art. 19]:
 * the receiving agency's 13-character code, the receipt date in Asia/Ho_Chi_Minh, and the
 * sequence number of that agency's dossiers that day, restarting at 0001 every day.
 */
export const DOSSIER_CODE_PATTERN = '^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}-\\d{6}-\\d{4}$';
const re = new RegExp(DOSSIER_CODE_PATTERN);
export const MAX_DOSSIERS_PER_DAY = 9999;

export function formatDossierCode(agencyCode: string, receiptDate: string, seq: number): string {
  if (!isAgencyCode(agencyCode)) throw new RangeError(`not an agency code: ${agencyCode}`);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(receiptDate);
  if (!m) throw new RangeError(`not a date: ${receiptDate}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_DOSSIERS_PER_DAY) throw new RangeError(`sequence out of range: ${seq}`);
  return `${agencyCode}-${m[1]!.slice(2)}${m[2]}${m[3]}-${String(seq).padStart(4, '0')}`;
}

export function isDossierCode(s: string): boolean {
  return re.test(s);
}

export function parseDossierCode(code: string): { agencyCode: string; receiptDate: string; seq: number } | null {
  if (!re.test(code)) return null;
  const [agencyCode, d, n] = code.split('-') as [string, string, string];
  const yy = Number(d.slice(0, 2));
  // Two-digit years: this system was not running before 2000, so 20YY.
  return { agencyCode, receiptDate: `20${String(yy).padStart(2, '0')}-${d.slice(2, 4)}-${d.slice(4, 6)}`, seq: Number(n) };
}

/** Kết quả số n of a dossier with several results: `<code>-KQ<n>` (Decree 45/2020 Art. 14.3). */
export function resultCode(dossierCode: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`result number out of range: ${n}`);
  return `${dossierCode}-KQ${n}`;
}
