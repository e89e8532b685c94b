import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { setupApi, problem, type Client } from '../../testing/http.ts';
import { A, B } from '../../testing/fixture.ts';
import { throwawayP12 } from './testing.ts';

/**
 * Authorization of the slip-template reset and of reading an agency's signing certificate: only
 * administrators over the agency (or the province); a refused reset removes nothing, and a refused
 * reader does not learn whether a certificate is installed.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-docs-auth-'));
const t = await setupApi({ env: { DOCUMENT_SIGNING_KEY: 'cd'.repeat(32), DATA_DIR: dataDir } });
const del = (c: Client, url: string) => c.req({ method: 'DELETE', url });
const adminA = await t.as('agency_admin.a');
const templates = async () => (await t.db.execute(sql`select scope_code, form_key, title, paragraphs from slip_templates order by scope_code, form_key`)).rows;
const refused = async () => [
  { who: 'anonymous', c: t.anon, status: 401 },
  { who: 'a leader of the agency', c: await t.as('leader.a'), status: 403 },
  { who: 'a reception officer of the agency', c: await t.as('reception.a'), status: 403 },
  { who: "the sibling agency's administrator", c: await t.as('agency_admin.b'), status: 403 },
];

test("an agency's reworded slip is reset only by an administrator over that agency; anyone else is refused and the wording stays", async () => {
  const url = `/api/v1/admin/slip-templates/${A}/tt03-2025/refusal`;
  const body = { title: 'PHIẾU TỪ CHỐI (SỞ TƯ PHÁP)', paragraphs: ['Kính gửi: {{applicantName}}', '{{reasons}}'] };
  assert.equal((await adminA.put(url, body)).statusCode, 200);
  const before = await templates();
  assert.equal(before.length, 1);
  for (const { who, c, status } of await refused()) assert.equal(problem(await del(c, url), status).status, status, who);
  assert.deepEqual(await templates(), before);
  assert.ok(problem(await del(adminA, `/api/v1/admin/slip-templates/${A}/tt99-2030/refusal`), 400).errors?.some((e) => e.field === 'params.ruleSet'));
  assert.ok(problem(await del(adminA, `/api/v1/admin/slip-templates/${A}/tt03-2025/letter`), 400).errors?.some((e) => e.field === 'params.kind'));
  assert.ok(problem(await del(adminA, '/api/v1/admin/slip-templates/not-a-code/tt03-2025/refusal'), 400).errors?.some((e) => e.field === 'params.scope'));
  assert.deepEqual(await templates(), before, 'bad input removes nothing either');
  assert.equal((await del(adminA, url)).statusCode, 204);
  assert.deepEqual(await templates(), []);
  const list = (await adminA.get(`/api/v1/admin/slip-templates/${A}`)).json().items;
  assert.equal(list.find((x: { ruleSet: string; kind: string }) => x.ruleSet === 'tt03-2025' && x.kind === 'refusal').overriddenAt, null, 'back to the default');
});

test("the province administrator resets an agency's wording too", async () => {
  const url = `/api/v1/admin/slip-templates/${B}/tt01-2018/receipt`;
  assert.equal((await (await t.as('agency_admin.b')).put(url, { title: 'GIẤY TIẾP NHẬN', paragraphs: ['{{components}}'] })).statusCode, 200);
  assert.equal((await del(await t.as('system_admin.p'), url)).statusCode, 204);
  assert.deepEqual(await templates(), []);
});

test("an agency's signing certificate is read only by administrators over that agency; others are refused before learning whether one is installed", async () => {
  const url = `/api/v1/admin/agencies/${A}/signing-certificate`;
  assert.equal((await adminA.put(url, { p12: throwawayP12('Sở Tư pháp tỉnh Đắk Lắk', 'p12-pass').toString('base64'), passphrase: 'p12-pass' })).statusCode, 200);
  for (const { who, c, status } of await refused()) assert.equal(problem(await c.get(url), status).status, status, who);
  problem(await (await t.as('agency_admin.a')).get(`/api/v1/admin/agencies/${B}/signing-certificate`), 403);
  const mine = (await adminA.get(url)).json();
  assert.deepEqual(Object.keys(mine).sort(), ['agencyCode', 'issuer', 'notAfter', 'notBefore', 'subject', 'uploadedAt'], 'never the key or the passphrase');
  assert.match(mine.subject, /Sở Tư pháp tỉnh Đắk Lắk/);
  assert.equal((await (await t.as('system_admin.p')).get(url)).json().agencyCode, A);
  problem(await (await t.as('agency_admin.b')).get(`/api/v1/admin/agencies/${B}/signing-certificate`), 404);
  assert.equal(problem(await adminA.get('/api/v1/admin/agencies/not-a-code/signing-certificate'), 400).errors?.[0]?.field, 'params.code');
});
