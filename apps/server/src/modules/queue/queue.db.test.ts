import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { setupApi, problem } from '../../testing/http.ts';
import { A, B } from '../../testing/fixture.ts';
import { queueGroups, queueTickets } from '../../db/schema.ts';

const t = await setupApi();
const config = {
  groups: [
    { code: 'A', name: 'Hộ tịch', nameEn: 'Civil status' },
    { code: 'B', name: 'Chứng thực' },
  ],
  counters: [
    { code: '1', name: 'Quầy 1', groupCodes: ['A'] },
    { code: '2', name: 'Quầy 2', groupCodes: ['A', 'B'] },
  ],
};
const adminA = await t.as('agency_admin.a');
assert.equal((await adminA.put(`/api/v1/queue/${A}/config`, config)).statusCode, 200);

/** Kiosks are many devices: each take comes from its own address so the per-device limit stays out of the way. */
const take = (groupCode: string, ip: string, agency = A) => t.anon.req({ method: 'POST', url: `/api/v1/queue/${agency}/tickets`, payload: { groupCode }, remoteAddress: ip });

test('numbers of a group run 1..N without gaps or duplicates when many kiosks take at once', async () => {
  const rs = await Promise.all(Array.from({ length: 25 }, (_, i) => take('B', `10.0.1.${i + 1}`)));
  for (const r of rs) assert.equal(r.statusCode, 201, r.body);
  const numbers = rs.map((r) => r.json().ticket.number as number).sort((a, b) => a - b);
  assert.deepEqual(numbers, Array.from({ length: 25 }, (_, i) => i + 1));
  assert.ok(rs.some((r) => r.json().ticket.label === 'B001'));
  assert.equal((await t.anon.get(`/api/v1/queue/${A}`)).json().groups.find((g: { code: string }) => g.code === 'B').waiting, 25);
});

test('a reception officer of the agency calls the next ticket to a counter; the previous one at that counter is done', async () => {
  const first = (await take('A', '10.0.2.1')).json().ticket;
  const second = (await take('A', '10.0.2.2')).json().ticket;
  const desk = await t.as('reception.a');
  const c1 = await desk.post(`/api/v1/queue/${A}/call-next`, { counterCode: '1' });
  assert.equal(c1.statusCode, 200, c1.body);
  assert.equal(c1.json().ticket.id, first.id);
  assert.equal(c1.json().ticket.counterCode, '1');
  const c2 = await desk.post(`/api/v1/queue/${A}/call-next`, { counterCode: '1' });
  assert.equal(c2.json().ticket.id, second.id);
  const [prev] = await t.db.select().from(queueTickets).where(eq(queueTickets.id, first.id));
  assert.equal(prev!.status, 'done');
  // Counter 1 serves only group A; nothing of A is left, the B tickets wait for counter 2.
  assert.equal((await desk.post(`/api/v1/queue/${A}/call-next`, { counterCode: '1' })).json().ticket, null);
  const board = (await t.anon.get(`/api/v1/queue/${A}`)).json();
  assert.equal(board.recent[0].id, second.id, 'the display shows the latest call first');
});

test('two counters calling at the same moment never get the same ticket', async () => {
  await take('B', '10.0.3.1');
  const desk = await t.as('reception.a');
  const [x, y] = await Promise.all([desk.post(`/api/v1/queue/${A}/call-next`, { counterCode: '2' }), desk.post(`/api/v1/queue/${A}/call-next`, { counterCode: '2' })]);
  assert.equal(x.statusCode, 200);
  assert.equal(y.statusCode, 200);
  assert.notEqual(x.json().ticket?.id, y.json().ticket?.id);
});

test('an officer of another agency, another role or an anonymous caller cannot call the next ticket', async () => {
  problem(await (await t.as('reception.b')).post(`/api/v1/queue/${A}/call-next`, { counterCode: '1' }), 403);
  problem(await (await t.as('specialist.a')).post(`/api/v1/queue/${A}/call-next`, { counterCode: '1' }), 403);
  problem(await t.anon.post(`/api/v1/queue/${A}/call-next`, { counterCode: '1' }), 401);
});

test('bad input is refused as problem+json naming the field, and takes nothing', async () => {
  const before = (await t.db.select().from(queueTickets)).length;
  const p1 = problem(await take('Z', '10.0.4.1'), 400);
  assert.equal(p1.errors?.[0]?.field, 'groupCode');
  const p2 = problem(await take('lower', '10.0.4.2'), 400);
  assert.match(p2.errors?.[0]?.field ?? '', /groupCode/);
  problem(await take('A', '10.0.4.3', B), 400);
  problem(await take('A', '10.0.4.4', '000.99.99.H99'), 404);
  const desk = await t.as('reception.a');
  assert.equal(problem(await desk.post(`/api/v1/queue/${A}/call-next`, { counterCode: '9' }), 400).errors?.[0]?.field, 'counterCode');
  assert.equal((await t.db.select().from(queueTickets)).length, before);
});

test('only the agency administrator configures the desk; a configuration with a counter serving a missing group is refused in place', async () => {
  problem(await (await t.as('agency_admin.b')).put(`/api/v1/queue/${A}/config`, config), 403);
  problem(await (await t.as('reception.a')).put(`/api/v1/queue/${A}/config`, config), 403);
  const bad = structuredClone(config);
  bad.counters[1]!.groupCodes = ['A', 'C'];
  assert.equal(problem(await adminA.put(`/api/v1/queue/${A}/config`, bad), 400).errors?.[0]?.field, 'counters.1.groupCodes.1');
  assert.equal((await t.db.select().from(queueGroups).where(eq(queueGroups.agencyCode, A))).length, 2, 'nothing changed');
});
