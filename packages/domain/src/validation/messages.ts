/**
 * Vietnamese (and English) messages for JSON Schema validation errors.
 *
 * ajv ships English only and ajv-i18n has no Vietnamese locale, so one translation serves both
 * the server's problem+json answers and the e-forms in the browser.
 */
export interface SchemaErrorLike {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface TranslatedError {
  field: string;
  message: string;
  messageEn: string;
  keyword: string;
}

/** `/cases/0/name` → `cases.0.name`; a missing required property names the property itself. */
export function fieldPath(e: SchemaErrorLike): string {
  const base = e.instancePath.replace(/^\//, '').split('/').filter(Boolean).map(unescapePointer);
  if (e.keyword === 'required' && typeof e.params.missingProperty === 'string') base.push(e.params.missingProperty);
  if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') base.push(e.params.additionalProperty);
  return base.join('.');
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

const FORMAT_VI: Record<string, string> = {
  email: 'địa chỉ thư điện tử',
  date: 'ngày (YYYY-MM-DD)',
  'date-time': 'thời điểm ISO 8601',
  uuid: 'mã định danh (UUID)',
  uri: 'địa chỉ URL',
};

export function translateSchemaError(e: SchemaErrorLike): TranslatedError {
  const p = e.params;
  const field = fieldPath(e);
  const [vi, en] = ((): [string, string] => {
    switch (e.keyword) {
      case 'required':
        return ['Bắt buộc nhập', 'Required'];
      case 'type':
        return [`Sai kiểu dữ liệu (cần ${typeVi(String(p.type))})`, `Must be ${String(p.type)}`];
      case 'minLength':
        return Number(p.limit) === 1
          ? ['Không được để trống', 'Must not be empty']
          : [`Cần ít nhất ${String(p.limit)} ký tự`, `Must have at least ${String(p.limit)} characters`];
      case 'maxLength':
        return [`Tối đa ${String(p.limit)} ký tự`, `Must have at most ${String(p.limit)} characters`];
      case 'minimum':
        return [`Phải lớn hơn hoặc bằng ${String(p.limit)}`, `Must be >= ${String(p.limit)}`];
      case 'maximum':
        return [`Phải nhỏ hơn hoặc bằng ${String(p.limit)}`, `Must be <= ${String(p.limit)}`];
      case 'exclusiveMinimum':
        return [`Phải lớn hơn ${String(p.limit)}`, `Must be > ${String(p.limit)}`];
      case 'exclusiveMaximum':
        return [`Phải nhỏ hơn ${String(p.limit)}`, `Must be < ${String(p.limit)}`];
      case 'pattern':
        return ['Không đúng định dạng', `Must match pattern ${String(p.pattern)}`];
      case 'format':
        return [`Không đúng định dạng ${FORMAT_VI[String(p.format)] ?? String(p.format)}`, `Must be a valid ${String(p.format)}`];
      case 'enum':
        return ['Giá trị không nằm trong danh sách cho phép', 'Must be one of the allowed values'];
      case 'const':
        return ['Giá trị không hợp lệ', 'Must be the expected value'];
      case 'minItems':
        return [`Cần ít nhất ${String(p.limit)} mục`, `Must have at least ${String(p.limit)} items`];
      case 'maxItems':
        return [`Tối đa ${String(p.limit)} mục`, `Must have at most ${String(p.limit)} items`];
      case 'uniqueItems':
        return ['Các mục không được trùng nhau', 'Items must be unique'];
      case 'additionalProperties':
        return ['Trường này không được phép', 'Unknown field'];
      case 'anyOf':
      case 'oneOf':
        return ['Giá trị không khớp với dạng nào được phép', 'Must match one of the allowed shapes'];
      case 'multipleOf':
        return [`Phải là bội số của ${String(p.multipleOf)}`, `Must be a multiple of ${String(p.multipleOf)}`];
      default:
        return ['Giá trị không hợp lệ', e.message ?? 'Invalid value'];
    }
  })();
  return { field, message: vi, messageEn: en, keyword: e.keyword };
}

function typeVi(t: string): string {
  const m: Record<string, string> = {
    string: 'chuỗi ký tự',
    number: 'số',
    integer: 'số nguyên',
    boolean: 'đúng/sai',
    object: 'đối tượng',
    array: 'danh sách',
    null: 'rỗng',
  };
  return t.split(',').map((x) => m[x] ?? x).join(' hoặc ');
}

/**
 * anyOf/oneOf failures make ajv report every branch; the user needs one line per field, so keep
 * the first error per (field, keyword) and drop the anyOf wrapper when a branch already spoke.
 */
export function translateSchemaErrors(errors: readonly SchemaErrorLike[]): TranslatedError[] {
  const out: TranslatedError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const t = translateSchemaError(e);
    const key = `${t.field}\u0000${t.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  const fieldsWithSpecific = new Set(out.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf').map((e) => e.field));
  return out.filter((e) => !((e.keyword === 'anyOf' || e.keyword === 'oneOf') && fieldsWithSpecific.has(e.field)));
}
