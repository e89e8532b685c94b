import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { setupApi, problem } from '../../testing/http.ts';
import { A, B, birthContent } from '../../testing/fixture.ts';

const t = await setupApi();
const versionsCount = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int n from procedure_versions`)).rows[0]!.n;
const tomorrow = () => new Date(Date.now() + 7 * 3600_000 + 86400_000).toISOString().slice(0, 10);
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

async function publishedProcedure(code: string, content = birthContent()) {
  const admin = await t.as('system_admin.p');
  const c = await admin.post('/api/v1/admin/procedures', { code, content });
  assert.equal(c.statusCode, 201, c.body);
  const p = await admin.post(`/api/v1/admin/procedures/${code}/versions/1/publish`, { effectiveFrom: '2025-01-01' });
  assert.equal(p.statusCode, 200, p.body);
}

await publishedProcedure('1.001193');
await publishedProcedure('DEMO-XD-01', birthContent({ name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ', fieldCode: 'XAY_DUNG', level: 'province', agencyCodes: [B], onlineLevel: 'partial' }));

test('a search without diacritics finds "Đăng ký khai sinh", and the answer has the documented shape', async () => {
  const r = await t.anon.get('/api/v1/procedures?q=dang%20ky%20khai%20sinh');
  assert.equal(r.statusCode, 200);
  const body = r.json();
  assert.equal(body.total, 1);
  const item = body.items[0];
  assert.deepEqual(Object.keys(item).sort(), ['agencies', 'channels', 'code', 'codeIsOfficial', 'field', 'id', 'level', 'name', 'onlineLevel', 'timeLimit', 'version']);
  assert.equal(item.name, 'Đăng ký khai sinh');
  assert.deepEqual(item.agencies, [{ code: A, name: 'Sở Tư pháp' }]);
  assert.deepEqual(item.timeLimit, { unit: 'working-days', value: 1 });
  assert.equal((await t.anon.get('/api/v1/procedures?q=ĐĂNG KÝ KHAI SINH')).json().total, 1);
});

test('search filters by field, agency, level and online level, and pages', async () => {
  const q = async (qs: string) => (await t.anon.get(`/api/v1/procedures?${qs}`)).json().items.map((i: { code: string }) => i.code);
  assert.deepEqual(await q('field=XAY_DUNG'), ['DEMO-XD-01']);
  assert.deepEqual(await q(`agency=${A}`), ['1.001193']);
  assert.deepEqual(await q('level=commune'), ['1.001193']);
  assert.deepEqual(await q('onlineLevel=partial'), ['DEMO-XD-01']);
  assert.deepEqual(await q('pageSize=1&page=2'), ['1.001193']); // Vietnamese order: "Cấp…" before "Đăng…"
  assert.equal((await t.anon.get('/api/v1/procedures?pageSize=1')).json().total, 2);
});

test('bad search parameters answer 400 naming each one', async () => {
  const p = problem(await t.anon.get('/api/v1/procedures?page=0&pageSize=1000&level=planet'), 400);
  assert.deepEqual(p.errors?.map((e) => e.field).sort(), ['querystring.level', 'querystring.page', 'querystring.pageSize']);
});

test('the public detail shows the version in force; an unknown code is 404', async () => {
  const r = (await t.anon.get('/api/v1/procedures/1.001193')).json();
  assert.equal(r.version, 1);
  assert.equal(r.content.cases[0].components[0].form.schema.properties.cccd.pattern, '^\\d{12}$');
  problem(await t.anon.get('/api/v1/procedures/9.999999'), 404);
});

test('a draft is invisible to the public and editable; a published version is immutable', async () => {
  const admin = await t.as('system_admin.p');
  const nv = await admin.post('/api/v1/admin/procedures/1.001193/versions', {});
  assert.equal(nv.statusCode, 201, nv.body);
  assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions', {})).statusCode, 409, 'one draft at a time');
  const edited = await admin.put('/api/v1/admin/procedures/1.001193/versions/2', birthContent({ timeLimit: { unit: 'working-days', value: 3 } }));
  assert.equal(edited.statusCode, 200, edited.body);
  assert.equal((await t.anon.get('/api/v1/procedures/1.001193')).json().content.timeLimit.value, 1, 'the public still sees version 1');
  problem(await admin.put('/api/v1/admin/procedures/1.001193/versions/1', birthContent()), 409);
});

test('publishing a version from tomorrow keeps today\'s dossiers on the old version and closes it the day before', async () => {
  const admin = await t.as('system_admin.p');
  assert.equal(problem(await admin.post('/api/v1/admin/procedures/1.001193/versions/2/publish', { effectiveFrom: '2024-12-31' }), 400).errors?.[0]?.field, 'effectiveFrom');
  const r = await admin.post('/api/v1/admin/procedures/1.001193/versions/2/publish', { effectiveFrom: tomorrow() });
  assert.equal(r.statusCode, 200, r.body);
  const vs = r.json().versions;
  assert.deepEqual(vs.map((v: { version: number; status: string; effectiveTo: string | null }) => [v.version, v.status, v.effectiveTo]), [
    [1, 'published', today()],
    [2, 'published', null],
  ]);
  assert.equal((await t.anon.get('/api/v1/procedures/1.001193')).json().version, 1, 'version 2 is not in force before its date');
  problem(await admin.post('/api/v1/admin/procedures/1.001193/versions/2/publish', { effectiveFrom: tomorrow() }), 409);
});

test('an invalid draft is refused naming each failing field, and nothing is written', async () => {
  const admin = await t.as('system_admin.p');
  const before = await versionsCount();
  const bad = birthContent({ fieldCode: 'NO_SUCH', agencyCodes: [A, '000.00.88.H99'] });
  bad.cases[0]!.components[0]!.form = { schema: { type: 'object', properties: { x: { type: 'strnig' } } } };
  const p = problem(await admin.post('/api/v1/admin/procedures', { code: 'DEMO-X-1', content: bad }), 400);
  assert.deepEqual(p.errors?.map((e) => e.field).sort(), ['content.agencyCodes.1', 'content.cases.0.components.0.form.schema', 'content.fieldCode']);
  const shape = problem(await admin.post('/api/v1/admin/procedures', { code: 'has space', content: { name: 1 } }), 400);
  assert.ok(shape.errors!.some((e) => e.field === 'code'));
  assert.ok(shape.errors!.some((e) => e.field === 'content.name'));
  assert.ok(shape.errors!.some((e) => e.field === 'content.cases'));
  assert.equal(await versionsCount(), before);
});

test('an agency administrator edits the procedures of their agency only; other roles cannot edit', async () => {
  const adminB = await t.as('agency_admin.b');
  const before = await versionsCount();
  problem(await adminB.post('/api/v1/admin/procedures/1.001193/versions/2/retire', { date: tomorrow() }), 403);
  problem(await adminB.post('/api/v1/admin/procedures', { code: 'DEMO-A-9', content: birthContent() }), 403);
  problem(await (await t.as('specialist.a')).post('/api/v1/admin/procedures', { code: 'DEMO-A-9', content: birthContent() }), 403);
  problem(await t.anon.post('/api/v1/admin/procedures', { code: 'DEMO-A-9', content: birthContent() }), 401);
  assert.equal(await versionsCount(), before);
  const adminA = await t.as('agency_admin.a');
  assert.equal((await adminA.post('/api/v1/admin/procedures', { code: 'DEMO-A-9', content: birthContent({ name: 'Đăng ký kết hôn' }) })).statusCode, 201);
});

test('the admin list is scoped: an agency administrator sees their agency\'s procedures, the province sees all', async () => {
  const codes = async (u: string) => (await (await t.as(u)).get('/api/v1/admin/procedures')).json().items.map((i: { code: string }) => i.code).sort();
  assert.deepEqual(await codes('agency_admin.b'), ['DEMO-XD-01']);
  assert.ok((await codes('system_admin.p')).length >= 3);
  problem(await (await t.as('controller.b')).get('/api/v1/admin/procedures/1.001193'), 403);
  assert.equal((await (await t.as('controller.a')).get('/api/v1/admin/procedures/1.001193')).statusCode, 200);
  problem(await (await t.as('reception.a')).get('/api/v1/admin/procedures'), 403);
});

test('retiring a version removes the procedure from public search from that date', async () => {
  const admin = await t.as('system_admin.p');
  const r = await admin.post('/api/v1/admin/procedures/DEMO-XD-01/versions/1/retire', { date: '2025-06-30' });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal((await t.anon.get('/api/v1/procedures?field=XAY_DUNG')).json().total, 0);
  problem(await admin.post('/api/v1/admin/procedures/DEMO-XD-01/versions/1/retire', { date: '2025-06-30' }), 409);
});

test('the catalogue export round-trips exactly, and importing it again changes nothing', async () => {
  const admin = await t.as('system_admin.p');
  const first = await admin.get('/api/v1/admin/catalogue/export');
  assert.equal(first.statusCode, 200);
  const again = await admin.post('/api/v1/admin/catalogue/import', first.json());
  assert.equal(again.statusCode, 200, again.body);
  assert.equal(again.json().versionsAdded, 0);
  const second = await admin.get('/api/v1/admin/catalogue/export');
  assert.equal(second.body, first.body);
  problem(await (await t.as('agency_admin.a')).get('/api/v1/admin/catalogue/export'), 403);
});

test('an import into an empty catalogue recreates it exactly', async () => {
  const src = await (await t.as('system_admin.p')).get('/api/v1/admin/catalogue/export');
  const other = await setupApi();
  const r = await (await other.as('system_admin.p')).post('/api/v1/admin/catalogue/import', src.json());
  assert.equal(r.statusCode, 200, r.body);
  const out = await (await other.as('system_admin.p')).get('/api/v1/admin/catalogue/export');
  assert.deepEqual(out.json(), src.json());
});

test('an import that contradicts an existing version is refused whole', async () => {
  const admin = await t.as('system_admin.p');
  const file = (await admin.get('/api/v1/admin/catalogue/export')).json();
  const before = await versionsCount();
  file.procedures[0].versions[0].content.name = 'Tên khác';
  file.procedures.push({ code: 'DEMO-NEW-1', codeIsOfficial: false, versions: [{ version: 1, status: 'draft', effectiveFrom: null, effectiveTo: null, content: birthContent() }] });
  problem(await admin.post('/api/v1/admin/catalogue/import', file), 409);
  assert.equal(await versionsCount(), before, 'nothing of the file was applied');
  const bad = { format: 'motcua-catalogue', formatVersion: 2, fields: [], procedures: [] };
  assert.equal(problem(await admin.post('/api/v1/admin/catalogue/import', bad), 400).errors?.[0]?.field, 'formatVersion');
});

test('fields: public list with the number of procedures in force in each, system administrator edits', async () => {
  const items = (await t.anon.get('/api/v1/fields')).json().items as { code: string; procedures: number }[];
  assert.equal(items.find((f) => f.code === 'HO_TICH')?.procedures, 1);
  const admin = await t.as('system_admin.p');
  assert.equal((await admin.put('/api/v1/fields/CHUNG_THUC', { name: 'Chứng thực', sector: 'Tư pháp' })).statusCode, 200);
  problem(await (await t.as('agency_admin.a')).put('/api/v1/fields/X', { name: 'X', sector: 'Y' }), 403);
  problem(await admin.put('/api/v1/fields/X', { name: '' }), 400);
});

test('a component template downloads as an editable DOCX holding the e-form fields', async () => {
  const r = await t.anon.get('/api/v1/procedures/1.001193/templates/TH1/TK');
  assert.equal(r.statusCode, 200);
  assert.match(r.headers['content-type'] as string, /wordprocessingml/);
  assert.match(r.headers['content-disposition'] as string, /to-khai-khai-sinh\.docx/);
  const { unzipSync, strFromU8 } = await import('fflate');
  const xml = strFromU8(unzipSync(new Uint8Array(r.rawPayload))['word/document.xml']!);
  assert.match(xml, /TỜ KHAI ĐĂNG KÝ KHAI SINH/);
  assert.match(xml, /Số định danh cá nhân \(\*\)/);
  problem(await t.anon.get('/api/v1/procedures/1.001193/templates/TH1/GCS'), 404);
  problem(await t.anon.get('/api/v1/procedures/1.001193/templates/NO/TK'), 404);
});

test('the site map lists every procedure in force', async () => {
  const r = await t.anon.get('/sitemap.xml');
  assert.match(r.headers['content-type'] as string, /application\/xml/);
  assert.match(r.body, /\/thu-tuc\/1\.001193</);
});

test('the OpenAPI document describes every route with who may call it', async () => {
  const doc = (await t.anon.get('/api/openapi.json')).json();
  assert.equal(doc.openapi, '3.1.0');
  const ops = Object.entries(doc.paths as Record<string, Record<string, { description?: string }>>).flatMap(([p, m]) => Object.entries(m).map(([k, o]) => [`${k} ${p}`, o.description ?? ''] as const));
  assert.ok(ops.length > 20);
  for (const [name, d] of ops.filter(([n]) => n.includes('/api/v1/'))) assert.match(d, /\*\*Access:\*\*/, name);
});
