import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, like } from 'drizzle-orm';
import { setupApi, problem, type Client } from '../../testing/http.ts';
import { A, B } from '../../testing/fixture.ts';
import { auditLog } from '../../db/schema.ts';
import { verifyAuditChain } from '../../audit.ts';
import { throwawayP12 } from './testing.ts';

/**
 * Every administrative change is audited [SPEC §18]: saving or resetting a slip's wording and
 * installing an agency's signing certificate each write one audit row, in the transaction of the
 * change, naming who did it; a refused change writes none.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-docs-audit-'));
const t = await setupApi({ env: { DOCUMENT_SIGNING_KEY: 'ef'.repeat(32), DATA_DIR: dataDir } });
const del = (c: Client, url: string) => c.req({ method: 'DELETE', url });
const rows = (prefix: string) => t.db.select().from(auditLog).where(like(auditLog.action, `${prefix}%`)).orderBy(asc(auditLog.id));

test('saving and resetting a slip template each write an audit row naming the administrator, the scope and the form; a refused save writes none', async () => {
  const adminA = await t.as('agency_admin.a');
  const url = `/api/v1/admin/slip-templates/${A}/tt03-2025/refusal`;
  const body = { title: 'PHIẾU TỪ CHỐI (SỞ TƯ PHÁP)', paragraphs: ['Kính gửi: {{applicantName}}', '{{reasons}}'] };

  // Refused: a placeholder the form does not carry, and the sibling agency's administrator.
  problem(await adminA.put(url, { ...body, paragraphs: ['{{resetUrl}}'] }), 400);
  problem(await (await t.as('agency_admin.b')).put(url, body), 403);
  assert.deepEqual(await rows('slip-template.'), [], 'a refused change is not recorded as made');

  assert.equal((await adminA.put(url, body)).statusCode, 200);
  const saved = await rows('slip-template.');
  assert.deepEqual(saved.map((r) => [r.action, r.targetType, r.targetId, r.actorName]), [['slip-template.put', 'slip-template', `${A}/tt03-2025/refusal`, 'agency_admin.a']]);
  assert.deepEqual(saved[0]!.data, { title: body.title, paragraphs: body.paragraphs });

  assert.equal((await del(adminA, url)).statusCode, 204);
  const after = await rows('slip-template.');
  assert.deepEqual(after.map((r) => [r.action, r.targetId, r.actorName]), [
    ['slip-template.put', `${A}/tt03-2025/refusal`, 'agency_admin.a'],
    ['slip-template.reset', `${A}/tt03-2025/refusal`, 'agency_admin.a'],
  ]);
  assert.deepEqual(after[1]!.data, { removed: true });
  assert.equal(await verifyAuditChain(t.db), null, 'the chain still verifies');
});

test("installing an agency's signing certificate is audited with the certificate's names, never the key or the passphrase", async () => {
  const admin = await t.as('system_admin.p');
  const url = `/api/v1/admin/agencies/${B}/signing-certificate`;
  problem(await admin.put(url, { p12: throwawayP12('UBND tỉnh Đắk Lắk', 'đúng').toString('base64'), passphrase: 'sai' }), 400);
  assert.deepEqual(await rows('signing-certificate.'), []);

  assert.equal((await admin.put(url, { p12: throwawayP12('UBND tỉnh Đắk Lắk', 'mật-khẩu').toString('base64'), passphrase: 'mật-khẩu' })).statusCode, 200);
  const [row, ...more] = await rows('signing-certificate.');
  assert.equal(more.length, 0);
  assert.deepEqual([row!.action, row!.targetType, row!.targetId, row!.actorName], ['signing-certificate.install', 'agency', B, 'system_admin.p']);
  const data = row!.data as Record<string, string>;
  assert.deepEqual(Object.keys(data).sort(), ['issuer', 'notAfter', 'notBefore', 'subject']);
  assert.match(data.subject!, /UBND tỉnh Đắk Lắk/);
  assert.doesNotMatch(JSON.stringify(data), /mật-khẩu/);
  assert.equal(await verifyAuditChain(t.db), null);
});
