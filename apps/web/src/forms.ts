import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import type { FieldError } from '@motcua/domain';
import { ApiError } from './api.ts';
import type { Lang, MessageKey, Params } from './i18n.ts';

type T = (key: MessageKey, params?: Params) => string;
type Name = (string | number)[];

/** "cases.0.components.1.form.schema" → ['cases', 0, 'components', 1, 'form', 'schema'] */
export function fieldToName(field: string): Name {
  return field
    .split('.')
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const key = (n: readonly (string | number)[]) => JSON.stringify(n.map(String));

export function fieldMessage(e: FieldError, lang: Lang): string {
  return lang === 'en' && e.messageEn ? e.messageEn : e.message;
}

/**
 * A problem's field errors by field name, for forms kept in plain state: "body.paragraphs.0",
 * "/paragraphs/0" and "paragraphs.0" are all "paragraphs.0". Empty when the problem names no field.
 */
export function fieldErrorsOf(err: unknown, lang: Lang): Record<string, string> {
  const fields: Record<string, string> = {};
  if (err instanceof ApiError) for (const f of err.fieldErrors) fields[f.field.replace(/^body\./, '').replace(/\//g, '.').replace(/^\./, '')] = fieldMessage(f, lang);
  return fields;
}

/** The one line a toast shows for a failed request. */
export function problemText(err: unknown, t: T): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    const { title, detail } = err.problem;
    return detail && detail !== title ? `${title}: ${detail}` : title;
  }
  return (err as Error)?.message ?? String(err);
}

/**
 * Puts each field error of a problem next to its form field (or the nearest registered ancestor:
 * "agencyCodes.1" lands on the agencyCodes select) and shows the title in a toast. Returns the
 * errors no field of the form could show, for an alert above the form.
 */
export function applyProblem(
  form: FormInstance | null,
  err: unknown,
  ctx: { t: T; lang: Lang; message?: MessageInstance; rename?: (field: string) => string | null },
): FieldError[] {
  if (ctx.message) void ctx.message.error(problemText(err, ctx.t), 6);
  if (!(err instanceof ApiError) || !form) return err instanceof ApiError ? err.fieldErrors : [];
  const registered = new Set(form.getFieldsError().map((f) => key(f.name)));
  const byName = new Map<string, { name: Name; errors: string[] }>();
  const unmatched: FieldError[] = [];
  for (const e of err.fieldErrors) {
    const field = ctx.rename ? ctx.rename(e.field) : e.field;
    if (field === null) {
      unmatched.push(e);
      continue;
    }
    let name = fieldToName(field);
    while (name.length && !registered.has(key(name))) name = name.slice(0, -1);
    if (!name.length) {
      unmatched.push(e);
      continue;
    }
    const k = key(name);
    const entry = byName.get(k) ?? { name, errors: [] };
    const msg = fieldMessage(e, ctx.lang);
    if (!entry.errors.includes(msg)) entry.errors.push(msg);
    byName.set(k, entry);
  }
  if (byName.size) {
    form.setFields([...byName.values()].map((v) => ({ name: v.name, errors: v.errors })));
    const first = [...byName.values()][0];
    if (first) form.scrollToField(first.name, { block: 'center' });
  }
  return unmatched;
}

/** Drops the errors a previous answer put on fields (fields without rules keep them otherwise). */
export function clearErrors(form: FormInstance): void {
  const stale = form.getFieldsError().filter((f) => f.errors.length);
  if (stale.length) form.setFields(stale.map((f) => ({ name: f.name, errors: [] })));
}
