/**
 * Password rules for local accounts. Length matters more than character classes (NIST SP 800-63B),
 * but officers' accounts guard personal data, so a letter and a digit are also required.
 */
export const PASSWORD_MIN_LENGTH = 10;

export type PasswordProblem = 'too-short' | 'too-long' | 'needs-letter' | 'needs-digit' | 'contains-username';

export function passwordProblems(password: string, username?: string): PasswordProblem[] {
  const out: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) out.push('too-short');
  if (password.length > 200) out.push('too-long');
  if (!/\p{L}/u.test(password)) out.push('needs-letter');
  if (!/\d/.test(password)) out.push('needs-digit');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) out.push('contains-username');
  return out;
}

export const PASSWORD_PROBLEM_VI: Record<PasswordProblem, string> = {
  'too-short': `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự`,
  'too-long': 'Mật khẩu tối đa 200 ký tự',
  'needs-letter': 'Mật khẩu cần có ít nhất một chữ cái',
  'needs-digit': 'Mật khẩu cần có ít nhất một chữ số',
  'contains-username': 'Mật khẩu không được chứa tên đăng nhập',
};
