import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { setupApi, problem, type Client } from '../../testing/http.ts';
import { A, birthContent } from '../../testing/fixture.ts';
import { dossiers } from '../../db/schema.ts';

/**
 * Postal reception [SPEC §5; 000 Art. 26]: a dossier that reaches the desk by post is entered by the
 * desk with channel postal; postal staff enter a dossier on a citizen's behalf for the agencies they
 * serve; a citizen submits online and chooses no channel.
 */
const t = await setupApi();
const admin = await t.as('system_admin.p');
const content = birthContent();
content.cases[0]!.components = content.cases[0]!.components.filter((c) => c.form);
assert.equal((await admin.post('/api/v1/admin/procedures', { code: '1.001193', content })).statusCode, 201);
assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);

const body = (over: Record<string, unknown> = {}) => ({
  procedureCode: '1.001193', caseCode: 'TH1', agencyCode: A,
  applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234' },
  forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234' } }, files: [], resultChannel: 'desk', notifyChannels: [],
  ...over,
});
const submit = (c: Client, b: unknown) => c.post('/api/v1/dossiers', b);
const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(dossiers))[0]!.n;
const stored = async (id: string) => (await t.db.select({ channel: dossiers.channel, submitterKind: dossiers.submitterKind }).from(dossiers).where(eq(dossiers.id, id)))[0];

test("a desk officer records a dossier received by post: its channel is postal, entered by the desk; without a choice it is direct", async () => {
  const desk = await t.as('reception.a');
  const r = await submit(desk, body({ channel: 'postal' }));
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().channel, 'postal');
  assert.deepEqual(await stored(r.json().id), { channel: 'postal', submitterKind: 'desk' });
  const direct = await submit(desk, body());
  assert.equal(direct.statusCode, 201, direct.body);
  assert.deepEqual(await stored(direct.json().id), { channel: 'direct', submitterKind: 'desk' });
  assert.equal((await submit(desk, body({ channel: 'direct' }))).json().channel, 'direct');
  // The postal entry is listed by the desk under its channel, and accepted like any other.
  const listed = (await desk.get('/api/v1/worklists/reception?channel=postal')).json().items.map((i: { id: string }) => i.id);
  assert.deepEqual(listed, [r.json().id]);
  assert.equal((await desk.post(`/api/v1/dossiers/${r.json().id}/actions`, { type: 'accept' })).statusCode, 200);
});

test('a citizen cannot choose a channel (online only), nor postal staff choose direct; nothing is written', async () => {
  const before = await count();
  const citizen = await t.as('citizen.1');
  for (const channel of ['postal', 'direct']) assert.equal(problem(await submit(citizen, body({ channel })), 400).errors?.[0]?.field, 'channel', channel);
  assert.equal(problem(await submit(await t.as('postal.a'), body({ channel: 'direct' })), 400).errors?.[0]?.field, 'channel');
  assert.ok(problem(await submit(await t.as('reception.a'), body({ channel: 'online' })), 400).errors?.some((e) => e.field === 'channel'), 'online is not a desk channel');
  assert.equal(await count(), before);
  const online = await submit(citizen, body());
  assert.equal(online.json().channel, 'online', 'without a choice a citizen submits online');
});

test("postal staff enter a dossier for an agency they serve, and are refused for an agency they don't serve; so are other roles", async () => {
  const before = await count();
  problem(await submit(await t.as('postal.b'), body()), 403);
  problem(await submit(await t.as('postal.b'), body({ channel: 'postal' })), 403);
  problem(await submit(await t.as('reception.b'), body({ channel: 'postal' })), 403); // the sibling agency's desk
  problem(await submit(await t.as('specialist.a'), body({ channel: 'postal' })), 403);
  problem(await t.anon.post('/api/v1/dossiers', body()), 401);
  assert.equal(await count(), before, 'a refused entry writes nothing');
  const ok = await submit(await t.as('postal.a'), body());
  assert.equal(ok.statusCode, 201, ok.body);
  assert.deepEqual(await stored(ok.json().id), { channel: 'postal', submitterKind: 'postal' });
  const view = (await (await t.as('postal.a')).get(`/api/v1/dossiers/${ok.json().id}`)).json();
  assert.deepEqual([view.channel, view.availableActions], ['postal', []], 'postal staff see what they entered; the desk decides');
});
