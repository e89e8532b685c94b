/**
 * `npm run bench:eform` — the e-form validator the browser uses (eform/validator.ts, interpreting
 * @cfworker/json-schema: the page's CSP forbids the eval ajv compiles with) against ajv 8 compiled
 * (the server's validator, which cannot run in the page), on every demo e-form with valid and
 * invalid data. Prints µs per validation (median of rounds) and ajv's one-off compile time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { createValidator } from '../src/eform/validator.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const cat = JSON.parse(readFileSync(path.join(root, 'apps/server/src/seed/data/catalogue.json'), 'utf8')) as { procedures: { versions: { content: { cases: { components: { form?: { schema: Record<string, unknown> } }[] }[] } }[] }[] };
const schemas = cat.procedures.flatMap((p) => p.versions.at(-1)!.content.cases.flatMap((c) => c.components.flatMap((x) => (x.form ? [x.form.schema] : []))));

/** Data for a schema: every string property filled with a short value (valid or not — both paths are exercised). */
function sample(s: Record<string, unknown>, good: boolean): unknown {
  if (s.type === 'object') return Object.fromEntries(Object.entries((s.properties ?? {}) as Record<string, Record<string, unknown>>).map(([k, v]) => [k, sample(v, good)]));
  if (s.type === 'integer' || s.type === 'number') return good ? (s.minimum as number | undefined) ?? 1 : -999999;
  if (s.type === 'boolean') return true;
  if (s.type === 'array') return [];
  if (Array.isArray(s.enum)) return good ? s.enum[0] : 'không có';
  if (s.format === 'date') return good ? '2026-11-23' : '2026-13-45';
  if (s.format === 'email') return good ? 'a@example.vn' : 'x';
  if (typeof s.pattern === 'string') return good ? '012345678901' : 'abc';
  return good ? 'Nguyễn Văn An, phường Buôn Ma Thuột' : '';
}

const ROUNDS = 7;
const N = 200;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(fn: () => void): number {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) fn();
    rounds.push(((performance.now() - t0) * 1000) / N);
  }
  return median(rounds);
}

const v = createValidator('vi');
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
let compileMs = 0;
const compiled = schemas.map((s) => {
  const t0 = performance.now();
  const f = ajv.compile(s);
  compileMs += performance.now() - t0;
  return f;
});
const rows: { kind: string; cfworker: number; ajv: number }[] = [];
for (const good of [true, false]) {
  const data = schemas.map((s) => sample(s, good));
  const cf = time(() => schemas.forEach((s, i) => v.validateFormData(data[i], s as never)));
  const aj = time(() => compiled.forEach((f, i) => f(data[i])));
  rows.push({ kind: good ? 'valid data' : 'invalid data', cfworker: cf / schemas.length, ajv: aj / schemas.length });
}
console.log(`${schemas.length} demo e-forms; µs per validation (median of ${ROUNDS} rounds × ${N})`);
for (const r of rows) console.log(`  ${r.kind.padEnd(13)} browser validator (cfworker + Vietnamese messages) ${r.cfworker.toFixed(1).padStart(7)} µs   ajv compiled ${r.ajv.toFixed(1).padStart(6)} µs`);
console.log(`  ajv compile, all ${schemas.length} schemas once: ${compileMs.toFixed(0)} ms (needs eval: refused by the page's CSP)`);
