import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { closedPeriods } from '@motcua/domain/statistics/index.ts';
import { fixtureDossiers } from '@motcua/domain/statistics/fixture.ts';
import { localDateOf } from '@motcua/domain/calendar/index.ts';
import { setupApi, problem } from '../../testing/http.ts';
import { A, B, P } from '../../testing/fixture.ts';
import { auditLog, statisticsReports } from '../../db/schema.ts';
import { CalendarService } from '../calendar/service.ts';
import { pdfText } from '../documents/testing.ts';
import { firstReceipt, generateDue, startPeriodicReports } from './periodic.ts';
import { publishBirthProcedure, storeHistory } from './testing.ts';

const t = await setupApi();
const admin = await t.as('system_admin.p');
const pv = await publishBirthProcedure(t.db, admin);
const calendar = new CalendarService(t.db);
// The fixture province: first receipt 2025-12-01 ('ended-before'), dossiers of A and B in
// December 2025 and January 2026, some still open afterwards (so they are carried into later quarters).
for (const d of fixtureDossiers()) await storeHistory(t.db, calendar, pv, d);

const vn = (local: string) => Date.parse(`${local}+07:00`);
const kept = async () =>
  (await t.db.select({ kind: statisticsReports.kind, key: statisticsReports.periodKey, scope: statisticsReports.scopeCode }).from(statisticsReports)).map((r) => `${r.key}/${r.scope}`).sort();
const quiet = { info() {}, warn() {}, error() {} };
const idOf = async (key: string, scope: string) => (await t.db.select({ id: statisticsReports.id }).from(statisticsReports).where(and(eq(statisticsReports.periodKey, key), eq(statisticsReports.scopeCode, scope))))[0]!.id;

test('nothing is kept before a period closes; at 00:00 Vietnam time after it, its report is kept for the province and each agency with dossiers', async () => {
  assert.equal(await firstReceipt(t.db), vn('2025-12-01T09:00:00'));
  assert.equal(await generateDue(t.db, { now: vn('2025-12-31T23:59:59') }), 0);
  assert.deepEqual(await kept(), []);
  assert.equal(await generateDue(t.db, { now: vn('2026-01-01T00:00:00') }), 9);
  // 2025-Q4, the second half and the year: A ('ended-before', 'carried-on-time') and B ('carried-overdue') had dossiers; A's commune had none.
  assert.deepEqual(await kept(), ['2025-H2/' + A, '2025-H2/' + B, '2025-H2/' + P, '2025-Q4/' + A, '2025-Q4/' + B, '2025-Q4/' + P, '2025/' + A, '2025/' + B, '2025/' + P].sort());
  const audits = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, 'statistics.report.generate'));
  assert.equal(audits[0]!.n, 9, 'each kept report is audited with its write');
});

test('running the schedule again, or twice at once, keeps one report per period and scope', async () => {
  assert.equal(await generateDue(t.db, { now: vn('2026-01-01T00:00:00') }), 0, 'a second pass makes nothing');
  const [x, y] = await Promise.all([generateDue(t.db, { now: vn('2026-07-01T00:00:00') }), generateDue(t.db, { now: vn('2026-07-01T00:00:00') })]);
  assert.equal(x + y, 9, '2026-Q1, Q2 and H1 for P, A and B, made once between the two passes');
  const all = await kept();
  assert.equal(all.length, 18);
  assert.equal(new Set(all).size, 18, 'no period and scope twice');
  // A pass that stopped after the agencies' reports (the province's comes last) is finished by the next one, without duplicating them.
  await t.db.delete(statisticsReports).where(and(eq(statisticsReports.periodKey, '2026-H1'), eq(statisticsReports.scopeCode, P)));
  assert.equal(await generateDue(t.db, { now: vn('2026-07-02T00:00:00') }), 1);
  assert.equal((await kept()).length, 18);
});

test("a kept report's figures equal the live report of its period and scope", async () => {
  for (const [key, from, to, scope] of [['2026-Q1', '2026-01-01', '2026-04-01', P], ['2026-H1', '2026-01-01', '2026-07-01', A], ['2025', '2025-01-01', '2026-01-01', B]] as const) {
    const r = await admin.get(`/api/v1/statistics/reports/${await idOf(key, scope)}`);
    assert.equal(r.statusCode, 200, r.body);
    const live = await admin.get(`/api/v1/statistics?from=${from}&to=${to}&groupBy=agency&agency=${scope}`);
    assert.equal(live.statusCode, 200, live.body);
    assert.deepEqual(r.json().report, live.json(), `${key} ${scope}`);
    assert.deepEqual([r.json().key, r.json().from, r.json().to, r.json().scopeCode], [key, from, to, scope]);
  }
  // 2026-Q1 of the province: the 14 of January plus 'received-after' (02-02) = 15, as the hand computation of January gives 14.
  const q1 = (await admin.get(`/api/v1/statistics/reports/${await idOf('2026-Q1', P)}`)).json();
  assert.deepEqual([q1.received, q1.report.total.received, q1.report.total.carriedOver], [15, 15, 2]);
});

test('the kept Excel and PDF files are valid and carry the same numbers', async () => {
  const id = await idOf('2026-Q1', P);
  const rep = (await admin.get(`/api/v1/statistics/reports/${id}`)).json().report;
  const x = await admin.get(`/api/v1/statistics/reports/${id}/xlsx`);
  assert.equal(x.statusCode, 200);
  assert.match(x.headers['content-type'] as string, /spreadsheetml/);
  assert.match(x.headers['content-disposition'] as string, new RegExp(`bao-cao-2026-Q1-${P}\\.xlsx`));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Thống kê')!;
  assert.match(String(ws.getCell('A1').value), /QUÝ I NĂM 2026.*từ 2026-01-01 đến 2026-03-31/);
  const last = ws.getRow(ws.rowCount);
  assert.deepEqual([last.getCell(3).value, last.getCell(4).value], ['Tổng cộng', rep.total.received]);
  const p = await admin.get(`/api/v1/statistics/reports/${id}/pdf`);
  assert.equal(p.statusCode, 200);
  assert.equal(p.headers['content-type'], 'application/pdf');
  assert.equal(p.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  const text = pdfText(p.rawPayload).replace(/\s+/g, ' ');
  assert.match(text, /BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH QUÝ I NĂM 2026/);
  assert.match(text, /từ ngày 01\/01\/2026 đến ngày 31\/03\/2026/);
  assert.match(text, new RegExp(`Tổng cộng ${rep.total.received} `));
});

test('kept reports are listed for the caller’s agency scope, newest period first', async () => {
  const mine = (await admin.get('/api/v1/statistics/reports?pageSize=100')).json();
  assert.deepEqual(mine.items.map((i: { key: string }) => i.key), ['2026-H1', '2026-Q2', '2026-Q1', '2025', '2025-H2', '2025-Q4']);
  assert.ok(mine.items.every((i: { scopeCode: string; scopeName: string }) => i.scopeCode === P && i.scopeName === 'Ủy ban nhân dân tỉnh Thử Nghiệm'));
  assert.equal(mine.total, 6);
  const q1 = mine.items.find((i: { key: string }) => i.key === '2026-Q1');
  assert.deepEqual([q1.kind, q1.from, q1.to, q1.received], ['quarter', '2026-01-01', '2026-04-01', 15]);
  const ofB = (await admin.get(`/api/v1/statistics/reports?agency=${B}&kind=quarter&year=2026`)).json();
  assert.deepEqual(ofB.items.map((i: { key: string; scopeCode: string }) => `${i.key}/${i.scopeCode}`), [`2026-Q2/${B}`, `2026-Q1/${B}`]);
  const leaderA = (await (await t.as('leader.a')).get('/api/v1/statistics/reports')).json();
  assert.ok(leaderA.items.length > 0 && leaderA.items.every((i: { scopeCode: string }) => i.scopeCode === A), "an agency leader sees their agency's reports");
  const page2 = (await admin.get('/api/v1/statistics/reports?pageSize=4&page=2')).json();
  assert.deepEqual([page2.total, page2.items.length], [6, 2]);
  assert.ok(problem(await admin.get('/api/v1/statistics/reports?kind=month&pageSize=500'), 400).errors!.some((e) => e.field.includes('kind')));
});

test("anonymous callers, a wrong role and an officer of another agency cannot list, read or download a kept report", async () => {
  const ofB = await idOf('2026-Q1', B);
  const ofA = await idOf('2026-Q1', A);
  const urls = (id: string) => [`/api/v1/statistics/reports/${id}`, `/api/v1/statistics/reports/${id}/xlsx`, `/api/v1/statistics/reports/${id}/pdf`];
  for (const u of [...urls(ofB), '/api/v1/statistics/reports']) problem(await t.anon.get(u), 401);
  const specialist = await t.as('specialist.a');
  for (const u of [...urls(ofA), '/api/v1/statistics/reports']) problem(await specialist.get(u), 403);
  const citizen = await t.as('citizen.1');
  for (const u of urls(ofA)) problem(await citizen.get(u), 403);
  const leaderA = await t.as('leader.a');
  for (const u of [...urls(ofB), `/api/v1/statistics/reports?agency=${B}`]) problem(await leaderA.get(u), 403);
  for (const u of urls(ofA)) assert.equal((await leaderA.get(u)).statusCode, 200, u);
  // The province's report is above A's leader.
  problem(await leaderA.get(`/api/v1/statistics/reports/${await idOf('2026-Q1', P)}/pdf`), 403);
  assert.equal((await (await t.as('controller.b')).get(urls(ofB)[1]!)).statusCode, 200);
  problem(await admin.get('/api/v1/statistics/reports/00000000-0000-4000-8000-000000000000'), 404);
});

test('the system administrator generates a closed period on demand, once; an open period and other roles are refused', async () => {
  const before = (await kept()).length;
  const r = await admin.post('/api/v1/statistics/reports', { period: '2026-Q3', agency: A });
  assert.equal(r.statusCode, 201, r.body);
  assert.deepEqual([r.json().key, r.json().kind, r.json().scopeCode, r.json().from, r.json().to], ['2026-Q3', 'quarter', A, '2026-07-01', '2026-10-01']);
  const live = (await admin.get(`/api/v1/statistics?from=2026-07-01&to=2026-10-01&groupBy=agency&agency=${A}`)).json();
  assert.deepEqual(r.json().report, live);
  const again = await admin.post('/api/v1/statistics/reports', { period: '2026-Q3', agency: A });
  assert.equal(again.statusCode, 200, 'asked again: the kept report, not a second one');
  assert.equal(again.json().id, r.json().id);
  assert.equal((await kept()).length, before + 1);
  const province = await admin.post('/api/v1/statistics/reports', { period: '2025-H1' });
  assert.equal(province.statusCode, 201, 'a period before any data still gives an (empty) report when asked for');
  assert.deepEqual([province.json().scopeCode, province.json().received], [P, 0]);
  const [audit] = await t.db.select({ actorId: auditLog.actorId, data: auditLog.data }).from(auditLog).where(eq(auditLog.targetId, r.json().id));
  assert.ok(audit?.actorId, 'the administrator is recorded as the author');
  // The current year (Vietnam time) closes in the future, whenever the test runs.
  const thisYear = localDateOf(Date.now()).slice(0, 4);
  assert.equal(problem(await admin.post('/api/v1/statistics/reports', { period: thisYear }), 400).errors?.[0]?.field, 'period');
  assert.ok(problem(await admin.post('/api/v1/statistics/reports', { period: 'Q3-2026' }), 400).errors!.some((e) => e.field.includes('period')));
  assert.equal(problem(await admin.post('/api/v1/statistics/reports', { period: '2026-Q1', agency: '000.00.99.H99' }), 400).errors?.[0]?.field, 'agency');
  problem(await t.anon.post('/api/v1/statistics/reports', { period: '2026-Q1' }), 401);
  problem(await (await t.as('leader.a')).post('/api/v1/statistics/reports', { period: '2026-Q1', agency: A }), 403);
  problem(await (await t.as('agency_admin.a')).post('/api/v1/statistics/reports', { period: '2026-Q1', agency: A }), 403);
  assert.equal((await kept()).length, before + 2, 'refusals write nothing');
});

test('the schedule started with the server keeps every period closed by now, and stops when asked', async () => {
  const schedule = startPeriodicReports({ db: t.db, log: quiet, intervalMs: 3_600_000 });
  await schedule.runNow();
  await schedule.stop();
  const since = (await firstReceipt(t.db))!;
  const keys = new Set((await t.db.select({ key: statisticsReports.periodKey }).from(statisticsReports).where(eq(statisticsReports.scopeCode, P))).map((r) => r.key));
  for (const p of closedPeriods(Date.now(), since)) assert.ok(keys.has(p.key), `${p.key} kept`);
  assert.equal(await generateDue(t.db), 0, 'nothing left to do');
});
