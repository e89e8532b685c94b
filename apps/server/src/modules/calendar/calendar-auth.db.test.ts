import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { setupApi, problem, type Client } from '../../testing/http.ts';
import { A } from '../../testing/fixture.ts';

/**
 * Authorization of the calendar's removals: a day's adjustment and an imported official year belong
 * to the province (system administrator only); an agency's own hours to that agency's
 * administrators. Refused calls remove nothing and leave the calendar revision as it was.
 */
const t = await setupApi();
const admin = await t.as('system_admin.p');
const del = (c: Client, url: string) => c.req({ method: 'DELETE', url });

const snapshot = async () => ({
  overrides: (await t.db.execute(sql`select date, kind, label from calendar_overrides order by date`)).rows,
  years: (await t.db.execute(sql`select year from calendar_official_years order by year`)).rows,
  agencies: (await t.db.execute(sql`select agency_code, week from agency_calendars order by agency_code`)).rows,
  revision: (await t.db.execute<{ revision: number }>(sql`select revision from calendar_settings where id = 1`)).rows[0]!.revision,
  audit: (await t.db.execute<{ n: number }>(sql`select count(*)::int n from audit_log where action like 'calendar.%'`)).rows[0]!.n,
});

/** The province calendar is no agency's: agency administrators of either agency are refused like any officer. */
const notProvinceAdmins = async () => [
  { who: 'anonymous', c: t.anon, status: 401 },
  { who: "agency A's administrator", c: await t.as('agency_admin.a'), status: 403 },
  { who: "agency B's administrator", c: await t.as('agency_admin.b'), status: 403 },
  { who: 'a reception officer', c: await t.as('reception.a'), status: 403 },
];

test("only the province administrator removes a day's adjustment; refused calls leave the day closed", async () => {
  assert.equal((await admin.put('/api/v1/calendar/days/2026-12-04', { kind: 'holiday', label: 'Nghỉ theo quyết định của UBND tỉnh' })).statusCode, 200);
  const before = await snapshot();
  for (const { who, c, status } of await notProvinceAdmins()) assert.equal(problem(await del(c, '/api/v1/calendar/days/2026-12-04'), status).status, status, who);
  assert.deepEqual(await snapshot(), before);
  assert.equal((await t.anon.get('/api/v1/calendar/days?from=2026-12-04&to=2026-12-04')).json().days[0].kind, 'holiday');
  assert.equal(problem(await del(admin, '/api/v1/calendar/days/4-12-2026'), 400).errors?.[0]?.field, 'params.date');
  problem(await del(admin, '/api/v1/calendar/days/2026-12-05'), 404);
  assert.deepEqual(await snapshot(), before, 'bad input removes nothing either');
  assert.equal((await del(admin, '/api/v1/calendar/days/2026-12-04')).statusCode, 204);
  assert.equal((await t.anon.get('/api/v1/calendar/days?from=2026-12-04&to=2026-12-04')).json().days[0].kind, 'working');
});

test('only the province administrator removes an imported official year; refused calls keep it in force', async () => {
  const year = {
    year: 2027,
    complete: false,
    sources: [{ document: 'Thông báo thử nghiệm', issuer: 'Bộ Nội vụ', issuedOn: '2026-11', covers: 'test', url: 'https://example.invalid' }],
    entries: [{ date: '2027-03-10', kind: 'holiday', label: 'Ngày nghỉ thử nghiệm', labelEn: 'Test day off' }],
    notes: [],
  };
  assert.equal((await admin.put('/api/v1/calendar/official-years/2027', year)).statusCode, 204);
  const before = await snapshot();
  for (const { who, c, status } of await notProvinceAdmins()) assert.equal(problem(await del(c, '/api/v1/calendar/official-years/2027'), status).status, status, who);
  assert.deepEqual(await snapshot(), before);
  assert.equal((await t.anon.get('/api/v1/calendar/days?from=2027-03-10&to=2027-03-10')).json().days[0].kind, 'holiday');
  assert.equal(problem(await del(admin, '/api/v1/calendar/official-years/1800'), 400).errors?.[0]?.field, 'params.year');
  problem(await del(admin, '/api/v1/calendar/official-years/2031'), 404);
  assert.deepEqual(await snapshot(), before);
  assert.equal((await del(admin, '/api/v1/calendar/official-years/2027')).statusCode, 204);
});

test("an agency's own hours are removed only by an administrator over that agency; the sibling agency's administrator and other roles are refused", async () => {
  const day = [{ start: '07:00', end: '11:00' }, { start: '13:30', end: '17:30' }];
  const own = { week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] }, makeupSessions: day };
  assert.equal((await (await t.as('agency_admin.a')).put(`/api/v1/agencies/${A}/calendar`, own)).statusCode, 204);
  const before = await snapshot();
  const refused = [
    { who: 'anonymous', c: t.anon, status: 401 },
    { who: 'a specialist of the agency', c: await t.as('specialist.a'), status: 403 },
    { who: 'a leader of the agency', c: await t.as('leader.a'), status: 403 },
    { who: "the sibling agency's administrator", c: await t.as('agency_admin.b'), status: 403 },
  ];
  for (const { who, c, status } of refused) assert.equal(problem(await del(c, `/api/v1/agencies/${A}/calendar`), status).status, status, who);
  assert.deepEqual(await snapshot(), before);
  assert.notEqual((await t.anon.get(`/api/v1/agencies/${A}/calendar`)).json().own, null);
  assert.equal(problem(await del(admin, '/api/v1/agencies/not-a-code/calendar'), 400).errors?.[0]?.field, 'params.code');
  problem(await del(admin, '/api/v1/agencies/000.00.88.H99/calendar'), 404);
  assert.equal((await del(await t.as('agency_admin.a'), `/api/v1/agencies/${A}/calendar`)).statusCode, 204);
  problem(await del(await t.as('agency_admin.a'), `/api/v1/agencies/${A}/calendar`), 404);
});
