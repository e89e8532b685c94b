import { Type, type Static } from 'typebox';
import type { FieldError } from '../api/problem.ts';
import { LIST_FIELDS, SLIP_FIELDS, type FormDef, type SlipField } from './forms.ts';
import type { SlipValues } from './slips.ts';

/**
 * An administrator's wording of a form: its title and body paragraphs with `{{field}}`
 * placeholders. Only the form's own fields may be used, so a slip can never print a value the
 * form does not carry (or a personal datum from elsewhere).
 */
export const SlipTemplateBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    paragraphs: Type.Array(Type.String({ maxLength: 2000 }), { minItems: 1, maxItems: 60 }),
  },
  { additionalProperties: false },
);
export type SlipTemplateBody = Static<typeof SlipTemplateBody>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every problem of a template: unknown or malformed placeholders, named with their paragraph. */
export function templateProblems(form: FormDef, t: SlipTemplateBody): FieldError[] {
  const allowed = new Set<string>(form.fields);
  const errors: FieldError[] = [];
  const check = (text: string, field: string) => {
    for (const m of text.matchAll(PLACEHOLDER)) {
      const name = m[1]!;
      if (!allowed.has(name)) {
        errors.push({
          field,
          message: `Trường {{${name}}} không có trong mẫu ${form.form}; dùng được: ${form.fields.join(', ')}`,
          messageEn: `Unknown placeholder {{${name}}} for form ${form.form}`,
          keyword: 'unknown-placeholder',
        });
      }
    }
    const rest = text.replace(PLACEHOLDER, '');
    if (rest.includes('{{') || rest.includes('}}')) {
      errors.push({ field, message: 'Dấu {{ }} không khớp', messageEn: 'Unbalanced {{ }}', keyword: 'malformed-placeholder' });
    }
  };
  check(t.title, 'title');
  t.paragraphs.forEach((p, i) => check(p, `paragraphs.${i}`));
  return errors;
}

export type Block = { kind: 'text'; text: string } | { kind: 'list'; items: string[] };

/** Empty values print as dots, for the officer to fill in by hand. */
const BLANK = '…………………';

function valueText(v: string | string[] | undefined): string {
  if (Array.isArray(v)) return v.length ? v.join('; ') : BLANK;
  return v && v.trim() ? v : BLANK;
}

export function fillText(text: string, values: SlipValues): string {
  return text.replace(PLACEHOLDER, (_, name: string) => valueText(values[name as SlipField])).normalize('NFC');
}

/** The body as printable blocks: a paragraph that is only a list field becomes a numbered list. */
export function renderBlocks(paragraphs: readonly string[], values: SlipValues): Block[] {
  return paragraphs.map((p) => {
    const only = /^\s*\{\{\s*([A-Za-z]+)\s*\}\}\s*$/.exec(p)?.[1] as SlipField | undefined;
    if (only && LIST_FIELDS.has(only)) {
      const v = values[only];
      const items = Array.isArray(v) ? v : v ? [v] : [];
      return { kind: 'list', items: (items.length ? items : [BLANK]).map((s) => s.normalize('NFC')) };
    }
    return { kind: 'text', text: fillText(p, values) };
  });
}

/** A short description of every field, for the administrator's editor. */
export function fieldCatalogue(form: FormDef): { name: SlipField; label: string; list: boolean }[] {
  return form.fields.map((f) => ({ name: f, label: SLIP_FIELDS[f], list: LIST_FIELDS.has(f) }));
}
