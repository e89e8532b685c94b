import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { translateSchemaErrors, type SchemaErrorLike } from '@motcua/domain';
import type { FastifySchemaCompiler } from 'fastify';
import { problems } from './problem.ts';

// ajv-formats is CommonJS; under ESM its function sits on .default.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/**
 * Two validators: JSON bodies are validated as sent (no type coercion: "5" is not 5, and an unknown
 * field is an error, not silently dropped); query strings and path parameters arrive as text, so
 * they are coerced to the schema's types.
 */
function makeAjv(opts: Options): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, ...opts });
  addFormats(ajv);
  return ajv;
}
const bodyAjv = makeAjv({ coerceTypes: false, removeAdditional: false });
const textAjv = makeAjv({ coerceTypes: 'array', removeAdditional: false });

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : textAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};

/** Fastify calls this with ajv's errors; we turn them into one problem naming every field. */
export function schemaErrorFormatter(errors: readonly SchemaErrorLike[], dataVar: string): Error {
  const prefix = dataVar === 'body' ? '' : `${dataVar}.`;
  const translated = translateSchemaErrors(errors).map((e) => ({ ...e, field: e.field ? `${prefix}${e.field}` : dataVar }));
  return problems.validation(translated);
}

/** Validate arbitrary data (an e-form, an import file) against a JSON Schema, naming every field. */
export function validateWith(schema: object, data: unknown, pathPrefix = ''): ReturnType<typeof translateSchemaErrors> {
  const validate = compileCached(schema);
  if (validate(data)) return [];
  return translateSchemaErrors((validate.errors ?? []) as SchemaErrorLike[]).map((e) => ({ ...e, field: pathPrefix ? (e.field ? `${pathPrefix}.${e.field}` : pathPrefix) : e.field }));
}

/**
 * E-form schemas come from the database as fresh objects on every read; ajv caches by object
 * identity, so without this its cache would grow with every request. Keyed by content, bounded.
 */
const formCache = new Map<string, { schema: object; validate: ReturnType<Ajv['compile']> }>();
const FORM_CACHE_MAX = 500;
function compileCached(schema: object): ReturnType<Ajv['compile']> {
  const key = JSON.stringify(schema);
  const hit = formCache.get(key);
  if (hit) {
    formCache.delete(key);
    formCache.set(key, hit); // most recently used last
    return hit.validate;
  }
  const validate = bodyAjv.compile(schema);
  formCache.set(key, { schema, validate });
  if (formCache.size > FORM_CACHE_MAX) {
    const [oldKey, old] = formCache.entries().next().value as [string, { schema: object }];
    formCache.delete(oldKey);
    bodyAjv.removeSchema(old.schema);
  }
  return validate;
}

/** Compile a user-supplied schema (an e-form) and report why it does not compile. */
export function checkSchemaCompiles(schema: object): string | null {
  try {
    makeAjv({}).compile(schema);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
