import { Validator, type OutputUnit, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import { createErrorHandler, getDefaultFormState, toErrorSchema, unwrapErrorHandler, validationDataMerge, type RJSFSchema, type RJSFValidationError, type ValidatorType } from '@rjsf/utils';

/**
 * An rjsf validator that works under the page's CSP (`script-src 'self'`, no eval): ajv compiles
 * each schema into a `new Function`, which the browser refuses; @cfworker/json-schema interprets
 * the schema instead. Its messages are English sentences, so each error is rebuilt here from its
 * keyword and the schema value, in Vietnamese (or English when the interface is English).
 * The server validates the same schemas again with ajv; this only spares a round trip.
 */
export type ErrorLang = 'vi' | 'en';

/** Keywords that only say "something below failed"; the failing leaf carries the real error. */
const CONTAINERS = new Set(['properties', 'items', 'allOf', '$ref', '$recursiveRef', 'if', 'prefixItems', 'patternProperties', 'dependentSchemas', 'unevaluatedProperties', 'unevaluatedItems', 'additionalItems', 'false', 'contains']);

function draftOf(schema: Record<string, unknown>): SchemaDraft {
  const s = String(schema.$schema ?? '');
  if (s.includes('draft-04')) return '4';
  if (s.includes('draft-07') || s.includes('draft-06')) return '7';
  if (s.includes('2020-12')) return '2020-12';
  return '2019-09';
}

const cache = new WeakMap<object, Validator>();
function validatorFor(schema: RJSFSchema): Validator {
  let v = cache.get(schema);
  if (!v) {
    v = new Validator(schema as Schema, draftOf(schema as Record<string, unknown>), false);
    cache.set(schema, v);
  }
  return v;
}

/** "#/a/b~1c" → ['a', 'b/c'] */
function pointerParts(ptr: string): string[] {
  const body = ptr.replace(/^#\/?/, '');
  if (!body) return [];
  return body.split('/').map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
}

function at(root: unknown, parts: string[]): unknown {
  let cur = root;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

interface Msg {
  vi: string;
  en: string;
}

/** The Vietnamese (and English) sentence for one failed keyword, from the schema's own value. */
export function messageFor(keyword: string, value: unknown, parent: Record<string, unknown>, extra: { property?: string; title?: string }): Msg {
  const n = String(value);
  switch (keyword) {
    case 'required':
      return extra.title ? { vi: `Cần nhập “${extra.title}”`, en: `“${extra.title}” is required` } : { vi: 'Thông tin bắt buộc', en: 'Required' };
    case 'minLength':
      return { vi: `Cần ít nhất ${n} ký tự`, en: `At least ${n} characters` };
    case 'maxLength':
      return { vi: `Tối đa ${n} ký tự`, en: `At most ${n} characters` };
    case 'pattern': {
      const hint = typeof parent.description === 'string' ? parent.description : '';
      return { vi: hint ? `Không đúng định dạng: ${hint}` : 'Không đúng định dạng', en: 'Wrong format' + (hint ? ` (${hint})` : '') };
    }
    case 'format':
      if (value === 'date') return { vi: 'Không phải ngày hợp lệ', en: 'Not a valid date' };
      if (value === 'date-time') return { vi: 'Không phải thời điểm hợp lệ', en: 'Not a valid date and time' };
      if (value === 'email') return { vi: 'Không phải địa chỉ thư điện tử hợp lệ', en: 'Not a valid e-mail address' };
      if (value === 'uri') return { vi: 'Không phải địa chỉ liên kết hợp lệ', en: 'Not a valid link' };
      return { vi: `Không đúng định dạng ${n}`, en: `Not a valid ${n}` };
    case 'minimum':
      return { vi: `Không được nhỏ hơn ${n}`, en: `Must be at least ${n}` };
    case 'maximum':
      return { vi: `Không được lớn hơn ${n}`, en: `Must be at most ${n}` };
    case 'exclusiveMinimum':
      return { vi: `Phải lớn hơn ${n}`, en: `Must be greater than ${n}` };
    case 'exclusiveMaximum':
      return { vi: `Phải nhỏ hơn ${n}`, en: `Must be less than ${n}` };
    case 'multipleOf':
      return { vi: `Phải là bội số của ${n}`, en: `Must be a multiple of ${n}` };
    case 'type':
      if (value === 'integer') return { vi: 'Cần nhập số nguyên', en: 'Enter a whole number' };
      if (value === 'number') return { vi: 'Cần nhập số', en: 'Enter a number' };
      return { vi: 'Kiểu dữ liệu không đúng', en: 'Wrong kind of value' };
    case 'enum':
    case 'const':
      return { vi: 'Chọn một giá trị trong danh sách', en: 'Choose one of the listed values' };
    case 'minItems':
      return { vi: `Cần ít nhất ${n} mục`, en: `At least ${n} items` };
    case 'maxItems':
      return { vi: `Tối đa ${n} mục`, en: `At most ${n} items` };
    case 'uniqueItems':
      return { vi: 'Các mục không được trùng nhau', en: 'Items must not repeat' };
    case 'additionalProperties':
      return { vi: `Có thông tin không thuộc biểu mẫu${extra.property ? `: ${extra.property}` : ''}`, en: `Not a field of this form${extra.property ? `: ${extra.property}` : ''}` };
    case 'anyOf':
    case 'oneOf':
      return { vi: 'Không khớp với lựa chọn nào của biểu mẫu', en: 'Matches none of the allowed options' };
    case 'minProperties':
    case 'dependentRequired':
    case 'dependencies':
      return { vi: 'Còn thiếu thông tin liên quan', en: 'Related information is missing' };
    default:
      return { vi: 'Giá trị không hợp lệ', en: 'Invalid value' };
  }
}

/** cfworker output → rjsf errors: leaf keywords only, the property path in rjsf's ".a.b" form. */
export function toRjsfErrors(units: OutputUnit[], rootSchema: RJSFSchema, lang: ErrorLang): RJSFValidationError[] {
  const out: RJSFValidationError[] = [];
  const seen = new Set<string>();
  for (const u of units) {
    if (CONTAINERS.has(u.keyword)) continue;
    const kwParts = pointerParts(u.keywordLocation);
    const parent = (at(rootSchema, kwParts.slice(0, -1)) ?? {}) as Record<string, unknown>;
    const value = at(rootSchema, kwParts);
    let inst = pointerParts(u.instanceLocation);
    let title: string | undefined;
    let property: string | undefined;
    // required / additionalProperties name the child in the message; the error belongs on the child.
    const named = /"([^"]+)"/.exec(u.error)?.[1];
    if (u.keyword === 'required' && named) {
      inst = [...inst, named];
      const props = parent.properties as Record<string, { title?: string }> | undefined;
      title = props?.[named]?.title ?? named;
    }
    if (u.keyword === 'additionalProperties' && named) property = named;
    const msg = messageFor(u.keyword, value, parent, { ...(title ? { title } : {}), ...(property ? { property } : {}) });
    const path = inst.length ? `.${inst.join('.')}` : '';
    const message = msg[lang];
    const key = `${path}|${u.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fieldTitle = typeof parent.title === 'string' ? parent.title : title;
    out.push({ name: u.keyword, property: path, message, params: { value }, stack: fieldTitle ? `${fieldTitle}: ${message}` : message, schemaPath: u.keywordLocation, title: fieldTitle ?? '' });
  }
  return out;
}

/** Builds the rjsf ValidatorType for one interface language. */
export function createValidator(lang: ErrorLang): ValidatorType {
  const self: ValidatorType = {
    validateFormData(formData, schema, customValidate, transformErrors, uiSchema) {
      const r = validatorFor(schema).validate(formData ?? {});
      let errors = r.valid ? [] : toRjsfErrors(r.errors, schema, lang);
      if (typeof transformErrors === 'function') errors = transformErrors(errors, uiSchema);
      const errorSchema = toErrorSchema(errors);
      if (typeof customValidate !== 'function') return { errors, errorSchema };
      const full = getDefaultFormState(self, schema, formData, schema, true);
      const handler = customValidate(full, createErrorHandler(full), uiSchema, errorSchema);
      return validationDataMerge({ errors, errorSchema }, unwrapErrorHandler(handler));
    },
    isValid(schema, formData, rootSchema) {
      // rjsf asks about sub-schemas (oneOf branches) whose $refs point into the root's definitions.
      const s = schema === rootSchema ? schema : ({ ...schema, ...(rootSchema.definitions ? { definitions: rootSchema.definitions } : {}), ...(rootSchema.$defs ? { $defs: rootSchema.$defs } : {}) } as RJSFSchema);
      try {
        return validatorFor(s).validate(formData).valid;
      } catch {
        return false;
      }
    },
    rawValidation<Result>(schema: RJSFSchema, formData?: unknown) {
      try {
        const r = validatorFor(schema).validate(formData ?? {});
        return { errors: r.errors as unknown as Result[] };
      } catch (e) {
        return { validationError: e as Error };
      }
    },
  };
  return self;
}
