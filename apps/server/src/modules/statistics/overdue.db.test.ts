import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray, sql } from 'drizzle-orm';
import { fixtureDossiers } from '@motcua/domain/statistics/fixture.ts';
import { setupApi, problem } from '../../testing/http.ts';
import { A, B } from '../../testing/fixture.ts';
import { dossiers, users } from '../../db/schema.ts';
import { CalendarService } from '../calendar/service.ts';
import { publishBirthProcedure, storeHistory } from './testing.ts';

const t = await setupApi();
const admin = await t.as('system_admin.p');
const pv = await publishBirthProcedure(t.db, admin);
const calendar = new CalendarService(t.db);
const ids = new Map<string, string>();
for (const d of fixtureDossiers()) ids.set(d.name, await storeHistory(t.db, calendar, pv, d));

// The open dossiers' clock columns as the dossier service writes them: every clock in the future
// first, then the cases of this test.
const past = new Date(Date.now() - 3 * 86_400_000);
const future = new Date(Date.now() + 30 * 86_400_000);
const id = (name: string) => ids.get(name)!;
await t.db.update(dossiers).set({ appointment: future, deadline: future });
const [specialist] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, 'specialist.a'));
const steps = { steps: [{ code: 'TD', role: 'specialist', departmentCode: 'HCTP' }, { code: 'KY', role: 'leader' }] };
// A: held by the group of HCTP, past its appointment.
await t.db.update(dossiers).set({ phase: 'processing', appointment: past, deadline: past, holderRole: 'specialist', holderDepartment: 'HCTP', stepCode: 'TD' }).where(eq(dossiers.id, id('overdue-open')));
// A: taken by an officer at the step the process gives to HCTP, past its appointment.
await t.db.update(dossiers).set({ phase: 'processing', appointment: past, deadline: past, holderUserId: specialist!.id, stepCode: 'TD', process: steps as never }).where(eq(dossiers.id, id('received-after')));
// A: late at once after an apology (countsLate), at a step no department holds.
await t.db.update(dossiers).set({ phase: 'processing', holderRole: 'leader', stepCode: 'KY', process: steps as never, state: sql`jsonb_set(${dossiers.state}, '{clock,countsLate}', 'true')` }).where(eq(dossiers.id, id('not-due-open')));
// B: held by the group of QLXD, past its appointment.
await t.db.update(dossiers).set({ phase: 'processing', appointment: past, deadline: past, holderRole: 'specialist', holderDepartment: 'QLXD' }).where(eq(dossiers.id, id('carried-overdue')));
// Ended dossiers are never overdue now, whatever their old appointment.
await t.db.update(dossiers).set({ appointment: past, deadline: past }).where(inArray(dossiers.id, [id('late'), id('withdrawn'), id('stopped')]));

type Item = { agencyCode: string; agencyName: string; departmentCode: string | null; departmentName: string | null; overdue: number };
const rows = (items: Item[]) => items.map((i) => [i.agencyCode, i.departmentCode, i.departmentName, i.overdue]);

test('open overdue dossiers are counted per agency and the department holding their step, by the overdue work list rule', async () => {
  const r = await admin.get('/api/v1/statistics/overdue-by-department');
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json();
  assert.deepEqual(rows(body.items), [
    [A, 'HCTP', 'Phòng Hành chính tư pháp', 2],
    [A, null, null, 1],
    [B, 'QLXD', 'Phòng Quản lý xây dựng', 1],
  ]);
  assert.equal(body.total, 4);
  assert.match(body.asOf, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+07:00$/);
  // The same rule as the overdue work list: an officer of A sees exactly A's overdue dossiers there.
  const list = (await (await t.as('head.a')).get('/api/v1/worklists/overdue?pageSize=200')).json();
  assert.equal(list.total, 3);
  assert.deepEqual(list.items.map((i: { id: string }) => i.id).sort(), [id('overdue-open'), id('received-after'), id('not-due-open')].sort());
});

test("an agency's leader sees their agency's departments only; another agency, a wrong role and anonymous callers are refused", async () => {
  const leaderA = await t.as('leader.a');
  const own = (await leaderA.get('/api/v1/statistics/overdue-by-department')).json();
  assert.deepEqual(own.items.map((i: Item) => i.agencyCode), [A, A]);
  assert.equal(own.total, 3);
  assert.equal((await leaderA.get(`/api/v1/statistics/overdue-by-department?agency=${A}`)).json().total, 3);
  problem(await leaderA.get(`/api/v1/statistics/overdue-by-department?agency=${B}`), 403);
  problem(await (await t.as('specialist.a')).get('/api/v1/statistics/overdue-by-department'), 403);
  problem(await (await t.as('reception.b')).get(`/api/v1/statistics/overdue-by-department?agency=${B}`), 403);
  problem(await (await t.as('citizen.1')).get('/api/v1/statistics/overdue-by-department'), 403);
  problem(await t.anon.get('/api/v1/statistics/overdue-by-department'), 401);
  assert.deepEqual(rows((await (await t.as('controller.b')).get(`/api/v1/statistics/overdue-by-department?agency=${B}`)).json().items), [[B, 'QLXD', 'Phòng Quản lý xây dựng', 1]]);
  assert.equal(problem(await admin.get('/api/v1/statistics/overdue-by-department?agency=000.00.99.H99'), 400).errors?.[0]?.field, 'agency');
  assert.ok(problem(await admin.get('/api/v1/statistics/overdue-by-department?agency=A&x=1'), 400).errors!.length > 0);
});

test('a dossier stops counting when its clock is back in time or it leaves processing', async () => {
  await t.db.update(dossiers).set({ appointment: future, deadline: future }).where(eq(dossiers.id, id('received-after')));
  await t.db.update(dossiers).set({ phase: 'result-ready' }).where(eq(dossiers.id, id('carried-overdue')));
  const body = (await admin.get('/api/v1/statistics/overdue-by-department')).json();
  assert.deepEqual(rows(body.items), [
    [A, 'HCTP', 'Phòng Hành chính tư pháp', 1],
    [A, null, null, 1],
  ]);
  assert.equal(body.total, 2);
});
