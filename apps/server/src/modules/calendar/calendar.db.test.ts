import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { setupApi, problem } from '../../testing/http.ts';
import { A, B } from '../../testing/fixture.ts';

const t = await setupApi();
const deadline = async (qs: string) => {
  const r = await t.anon.get(`/api/v1/calendar/deadline?${qs}`);
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as { receivedAt: string; countedFrom: string; deadline: string; appointment: string };
};
const enc = encodeURIComponent;

test('5 working days from Friday 13 Feb 2026 16:30 skip the Tết break: deadline Friday 27 Feb 16:30, appointment Monday 2 Mar 07:30 [003 Art. 18.2–18.3]', async () => {
  const r = await deadline(`receivedAt=${enc('2026-02-13T16:30:00+07:00')}&workingDays=5`);
  assert.deepEqual(r, { receivedAt: '2026-02-13T16:30:00+07:00', countedFrom: '2026-02-13T16:30:00+07:00', deadline: '2026-02-27T16:30:00+07:00', appointment: '2026-03-02T07:30:00+07:00', workingMinutes: 2400 });
});

test('an instant given in UTC is answered in +07:00', async () => {
  const r = await deadline(`receivedAt=${enc('2026-02-13T09:30:00Z')}&workingDays=5`);
  assert.equal(r.receivedAt, '2026-02-13T16:30:00+07:00');
});

test('the swapped day off 2 Jan 2026 is not working time, the make-up Saturday 10 Jan 2026 is', async () => {
  const swap = await deadline(`receivedAt=${enc('2025-12-31T16:00:00+07:00')}&workingDays=1`);
  assert.equal(swap.deadline, '2026-01-05T16:00:00+07:00');
  const makeup = await deadline(`receivedAt=${enc('2026-01-09T17:00:00+07:00')}&workingDays=1`);
  assert.equal(makeup.countedFrom, '2026-01-10T07:30:00+07:00');
  assert.equal(makeup.deadline, '2026-01-10T17:00:00+07:00');
  assert.equal(makeup.appointment, '2026-01-12T07:30:00+07:00');
});

test('with a 15:00 cut-off a receipt at 15:30 counts from the next working day [000 Art. 21.2]; without, from 15:30', async () => {
  const cut = await deadline(`receivedAt=${enc('2026-11-16T15:30:00+07:00')}&workingDays=1&cutoff=15:00`);
  assert.equal(cut.countedFrom, '2026-11-17T07:30:00+07:00');
  const none = await deadline(`receivedAt=${enc('2026-11-16T15:30:00+07:00')}&workingDays=1`);
  assert.equal(none.countedFrom, '2026-11-16T15:30:00+07:00');
});

test('8 working hours from the lunch break end exactly at 11:30 the next day; the appointment is the 13:00 session, or the deadline itself by policy', async () => {
  const r = await deadline(`receivedAt=${enc('2026-11-17T12:00:00+07:00')}&workingHours=8`);
  assert.deepEqual([r.countedFrom, r.deadline, r.appointment], ['2026-11-17T13:00:00+07:00', '2026-11-18T11:30:00+07:00', '2026-11-18T13:00:00+07:00']);
  const d = await deadline(`receivedAt=${enc('2026-11-17T12:00:00+07:00')}&workingHours=8&appointment=deadline`);
  assert.equal(d.appointment, '2026-11-18T11:30:00+07:00');
});

test('bad deadline questions answer 400 naming the parameter', async () => {
  const field = async (qs: string) => problem(await t.anon.get(`/api/v1/calendar/deadline?${qs}`), 400).errors?.map((e) => e.field);
  assert.deepEqual(await field(`receivedAt=yesterday&workingDays=1`), ['querystring.receivedAt']);
  assert.deepEqual(await field(`receivedAt=${enc('2026-11-17T12:00:00+07:00')}&workingDays=-1`), ['querystring.workingDays']);
  assert.deepEqual(await field(`receivedAt=${enc('2026-11-17T12:00:00+07:00')}`), ['querystring.workingDays']);
  assert.deepEqual(await field(`receivedAt=${enc('2026-11-17T12:00:00+07:00')}&workingDays=1&workingHours=2`), ['querystring.workingDays']);
  assert.deepEqual(await field(`receivedAt=${enc('2026-11-17T12:00:00+07:00')}&workingDays=1&agency=000.99.99.H99`), ['querystring.agency']);
  assert.deepEqual(await field(`receivedAt=${enc('1990-01-01T12:00:00+07:00')}&workingDays=1`), ['querystring.receivedAt']);
});

test('the day list marks Tết days as holidays with their labels and make-up Saturdays as makeup; the range is capped', async () => {
  const r = await t.anon.get('/api/v1/calendar/days?from=2026-02-13&to=2026-02-23');
  const days = r.json().days as { date: string; kind: string; label?: string }[];
  assert.deepEqual(days.map((d) => d.kind), ['working', 'weekend', 'weekend', 'holiday', 'holiday', 'holiday', 'holiday', 'holiday', 'weekend', 'weekend', 'working']);
  assert.match(days[4]!.label!, /mùng 1/);
  const jan = (await t.anon.get('/api/v1/calendar/days?from=2026-01-10&to=2026-01-10')).json().days;
  assert.equal(jan[0].kind, 'makeup');
  assert.equal(problem(await t.anon.get('/api/v1/calendar/days?from=2026-01-01&to=2027-01-02'), 400).errors?.[0]?.field, 'querystring.to');
  assert.equal(problem(await t.anon.get('/api/v1/calendar/days?from=2026-02-01&to=2026-01-01'), 400).errors?.[0]?.field, 'querystring.to');
  problem(await t.anon.get('/api/v1/calendar/days?from=2026-13-01&to=2026-13-02'), 400);
});

test('an administrator closes a day and deadlines computed afterwards skip it; removing the change restores it; every change is audited', async () => {
  const admin = await t.as('system_admin.p');
  const before = await deadline(`receivedAt=${enc('2026-11-26T08:00:00+07:00')}&workingDays=1`);
  assert.equal(before.deadline, '2026-11-27T08:00:00+07:00');
  const r = await admin.put('/api/v1/calendar/days/2026-11-27', { kind: 'holiday', label: 'Nghỉ theo quyết định của UBND tỉnh' });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal((await deadline(`receivedAt=${enc('2026-11-26T08:00:00+07:00')}&workingDays=1`)).deadline, '2026-11-30T08:00:00+07:00');
  assert.equal((await admin.req({ method: 'DELETE', url: '/api/v1/calendar/days/2026-11-27' })).statusCode, 204);
  assert.equal((await deadline(`receivedAt=${enc('2026-11-26T08:00:00+07:00')}&workingDays=1`)).deadline, '2026-11-27T08:00:00+07:00');
  const audit = await t.db.execute<{ action: string }>(sql`select action from audit_log where action like 'calendar.%' order by id`);
  assert.deepEqual(audit.rows.map((x) => x.action), ['calendar.day', 'calendar.day-removed']);
  problem(await admin.req({ method: 'DELETE', url: '/api/v1/calendar/days/2026-11-27' }), 404);
});

test('a new holiday created by law can be added, with custom sessions validated', async () => {
  const admin = await t.as('system_admin.p');
  assert.equal((await admin.put('/api/v1/calendar/days/2027-11-24', { kind: 'holiday', label: 'Ngày Văn hóa Việt Nam', labelEn: 'Vietnamese Culture Day' })).statusCode, 200);
  const day = (await t.anon.get('/api/v1/calendar/days?from=2027-11-24&to=2027-11-24')).json().days[0];
  assert.deepEqual([day.kind, day.label], ['holiday', 'Ngày Văn hóa Việt Nam']);
  const bad = problem(await admin.put('/api/v1/calendar/days/2027-11-25', { kind: 'working', label: 'x', sessions: [{ start: '13:00', end: '11:00' }] }), 400);
  assert.ok(bad.errors?.length);
  problem(await admin.put('/api/v1/calendar/days/2027-11-25', { kind: 'closed', label: 'x' }), 400);
});

test('only a system administrator changes the province calendar', async () => {
  const body = { kind: 'holiday', label: 'X' };
  problem(await (await t.as('agency_admin.a')).put('/api/v1/calendar/days/2026-12-01', body), 403);
  problem(await (await t.as('reception.a')).put('/api/v1/calendar/days/2026-12-01', body), 403);
  problem(await t.anon.put('/api/v1/calendar/days/2026-12-01', body), 401);
  const settings = (await (await t.as('reception.a')).get('/api/v1/calendar/settings')).json();
  problem(await (await t.as('agency_admin.a')).put('/api/v1/calendar/settings', settings.settings), 403);
  problem(await t.anon.get('/api/v1/calendar/settings'), 401);
});

test('the province cut-off policy applies to every later deadline', async () => {
  const admin = await t.as('system_admin.p');
  const s = (await admin.get('/api/v1/calendar/settings')).json();
  assert.equal(s.settings.policy.cutoff, null);
  assert.ok(s.officialYears.some((y: { year: number; origin: string }) => y.year === 2026 && y.origin === 'shipped'));
  const r = await admin.put('/api/v1/calendar/settings', { ...s.settings, policy: { ...s.settings.policy, cutoff: '15:00' } });
  assert.equal(r.statusCode, 204, r.body);
  assert.equal((await deadline(`receivedAt=${enc('2026-11-16T15:30:00+07:00')}&workingDays=1`)).countedFrom, '2026-11-17T07:30:00+07:00');
  problem(await admin.put('/api/v1/calendar/settings', { ...s.settings, policy: { ...s.settings.policy, cutoff: '25:00' } }), 400);
  // A week with no working session would leave nothing ever due: refused, naming the week.
  const none = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  assert.equal(problem(await admin.put('/api/v1/calendar/settings', { ...s.settings, week: none }), 400).errors?.[0]?.field, 'week');
  const bad = { ...s.settings.week, mon: [{ start: '13:00', end: '11:00' }] };
  assert.equal(problem(await admin.put('/api/v1/calendar/settings', { ...s.settings, week: bad }), 400).errors?.[0]?.field, 'week.mon');
  assert.equal((await deadline(`receivedAt=${enc('2026-11-16T15:30:00+07:00')}&workingDays=1`)).countedFrom, '2026-11-17T07:30:00+07:00', 'the server still answers');
  await admin.put('/api/v1/calendar/settings', s.settings);
});

test("an imported year's official schedule replaces the shipped one; removing it restores the shipped one", async () => {
  const admin = await t.as('system_admin.p');
  const year = {
    year: 2027,
    complete: false,
    sources: [{ document: 'Thông báo thử nghiệm', issuer: 'Bộ Nội vụ', issuedOn: '2026-11', covers: 'test', url: 'https://example.invalid' }],
    entries: [{ date: '2027-03-10', kind: 'holiday', label: 'Ngày nghỉ thử nghiệm', labelEn: 'Test day off' }],
    notes: [],
  };
  assert.equal((await admin.put('/api/v1/calendar/official-years/2027', year)).statusCode, 204);
  assert.equal((await t.anon.get('/api/v1/calendar/days?from=2027-03-10&to=2027-03-10')).json().days[0].kind, 'holiday');
  assert.equal(problem(await admin.put('/api/v1/calendar/official-years/2028', year), 400).errors?.[0]?.field, 'year');
  assert.equal(problem(await admin.put('/api/v1/calendar/official-years/2027', { ...year, entries: [{ ...year.entries[0], date: '2026-03-10' }] }), 400).errors?.[0]?.field, 'entries.0.date');
  problem(await (await t.as('agency_admin.a')).put('/api/v1/calendar/official-years/2027', year), 403);
  assert.equal((await admin.req({ method: 'DELETE', url: '/api/v1/calendar/official-years/2027' })).statusCode, 204);
  assert.equal((await t.anon.get('/api/v1/calendar/days?from=2027-03-10&to=2027-03-10')).json().days[0].kind, 'working', 'without the import, Wednesday 10 Mar 2027 is a working day');
});

test('an agency keeps its own hours: its administrator sets them, deadlines for that agency follow them, another agency is refused', async () => {
  const day = [{ start: '07:00', end: '11:00' }, { start: '13:30', end: '17:30' }];
  const own = { week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [{ start: '07:00', end: '11:00' }], sun: [] }, makeupSessions: day };
  problem(await (await t.as('agency_admin.b')).put(`/api/v1/agencies/${A}/calendar`, own), 403);
  problem(await (await t.as('specialist.a')).put(`/api/v1/agencies/${A}/calendar`, own), 403);
  assert.equal((await (await t.as('agency_admin.a')).put(`/api/v1/agencies/${A}/calendar`, own)).statusCode, 204);
  // Friday 16:10 + 1 working hour: A works until 17:30, so 17:10 the same day.
  assert.equal((await deadline(`receivedAt=${enc('2026-11-20T16:10:00+07:00')}&workingHours=1&agency=${A}`)).deadline, '2026-11-20T17:10:00+07:00');
  // Friday 17:10 + 1 hour: 20 minutes until 17:30, then 40 on A's Saturday morning from 07:00.
  assert.equal((await deadline(`receivedAt=${enc('2026-11-20T17:10:00+07:00')}&workingHours=1&agency=${A}`)).deadline, '2026-11-21T07:40:00+07:00');
  // B keeps the province hours: 50 minutes until 17:00, then 10 on Monday from 07:30.
  assert.equal((await deadline(`receivedAt=${enc('2026-11-20T16:10:00+07:00')}&workingHours=1&agency=${B}`)).deadline, '2026-11-23T07:40:00+07:00');
  assert.deepEqual((await t.anon.get(`/api/v1/agencies/${A}/calendar`)).json().own.week.sat, [{ start: '07:00', end: '11:00' }]);
  assert.equal((await (await t.as('agency_admin.a')).req({ method: 'DELETE', url: `/api/v1/agencies/${A}/calendar` })).statusCode, 204);
  assert.equal((await t.anon.get(`/api/v1/agencies/${A}/calendar`)).json().own, null);
});
