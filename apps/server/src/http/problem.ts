import { ProblemType, type FieldError, type Problem } from '@motcua/domain';

/**
 * The one way handlers refuse: throw an HttpProblem and the error handler answers
 * application/problem+json. Business refusals carry a machine-readable `code` in `detail`-free form.
 */
export class HttpProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  /** Further members of the problem document (RFC 9457 extension members), e.g. lockedUntil. */
  extra?: Record<string, unknown>;
  constructor(status: number, type: string, title: string, detail?: string, errors?: FieldError[]) {
    super(detail ?? title);
    this.status = status;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
  }
  toJSON(instance?: string): Problem {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...(this.extra ?? {}),
    };
  }
}

export const problems = {
  validation: (errors: FieldError[], detail = 'Dữ liệu không hợp lệ') => new HttpProblem(400, ProblemType.validation, 'Dữ liệu không hợp lệ', detail, errors),
  field: (field: string, message: string, messageEn?: string) =>
    new HttpProblem(400, ProblemType.validation, 'Dữ liệu không hợp lệ', message, [{ field, message, ...(messageEn ? { messageEn } : {}) }]),
  notFound: (what = 'Không tìm thấy') => new HttpProblem(404, ProblemType.notFound, 'Không tìm thấy', what),
  unauthenticated: () => new HttpProblem(401, ProblemType.unauthenticated, 'Chưa đăng nhập', 'Vui lòng đăng nhập'),
  forbidden: (detail = 'Bạn không có quyền thực hiện thao tác này') => new HttpProblem(403, ProblemType.forbidden, 'Không có quyền', detail),
  csrf: () => new HttpProblem(403, ProblemType.csrf, 'Thiếu mã chống giả mạo yêu cầu (CSRF)', 'Gửi lại header x-csrf-token'),
  conflict: (detail: string, errors?: FieldError[]) => new HttpProblem(409, ProblemType.conflict, 'Xung đột dữ liệu', detail, errors),
  business: (detail: string, errors?: FieldError[]) => new HttpProblem(422, ProblemType.businessRule, 'Không thực hiện được', detail, errors),
  passwordChangeRequired: () =>
    new HttpProblem(403, ProblemType.passwordChangeRequired, 'Cần đổi mật khẩu', 'Tài khoản phải đổi mật khẩu trước khi tiếp tục'),
};
