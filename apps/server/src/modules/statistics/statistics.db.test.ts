import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { at, fixtureDossiers, History, FIXTURE_A, type FixtureDossier } from '@motcua/domain/statistics/fixture.ts';
import { setupApi, problem } from '../../testing/http.ts';
import { A, A_COMMUNE, B } from '../../testing/fixture.ts';
import { agencies, dossierRatings, dossiers, dossierStatFacts, files, users } from '../../db/schema.ts';
import { CalendarService } from '../calendar/service.ts';
import { rebuildStatFacts, refreshStatFacts } from './facts.ts';
import { pdfText } from '../documents/testing.ts';
import { publishBirthProcedure, storeHistory } from './testing.ts';

const t = await setupApi();
const admin = await t.as('system_admin.p');
const pv = await publishBirthProcedure(t.db, admin);
const calendar = new CalendarService(t.db);

// An agency merged into A: its history rolls up into A.
const MERGED = '000.00.30.H99';
await t.db.insert(agencies).values({ code: MERGED, name: 'Sở Nội vụ (cũ)', level: 'department', parentCode: '000.00.00.H99', status: 'merged', successorCode: A, searchKey: 'so noi vu cu' });

const ids = new Map<string, string>();

/** Stores a history as the dossier service would (row + immutable events, facts refreshed in a transaction). */
async function store(d: FixtureDossier): Promise<string> {
  const id = await storeHistory(t.db, calendar, pv, d);
  ids.set(d.name, id);
  return id;
}
for (const d of fixtureDossiers()) await store(d);
await store(new History('merged-agency', MERGED, 'direct', { unit: 'working-days', value: 5 }, '2026-03-02 09:00').accept('2026-03-02 09:00', `${MERGED}-260302-0001`).resolve('2026-03-03 09:00').done());

const JAN = 'from=2026-01-01&to=2026-02-01';

test('January 2026 through the API equals the hand computation of the fixture province', async () => {
  const r = await admin.get(`/api/v1/statistics?${JAN}&groupBy=agency`);
  assert.equal(r.statusCode, 200, r.body);
  const { total, rows } = r.json();
  // Derivations: packages/domain/src/statistics/statistics.test.ts, same histories.
  assert.deepEqual(
    { received: total.received, carriedOver: total.carriedOver, new: total.new, early: total.early, onTime: total.onTime, late: total.late, resolved: total.resolved },
    { received: 14, carriedOver: 2, new: 12, early: 3, onTime: 2, late: 2, resolved: 7 },
  );
  assert.deepEqual(
    [total.refused, total.withdrawn, total.stopped, total.awaitingSupplement, total.notDue, total.overdue, total.inProgress, total.postalReturned],
    [1, 1, 1, 1, 1, 2, 3, 1],
  );
  assert.equal(total.resolutionRate, 0.5); // 7 / 14
  assert.equal(total.onTimeRate, 5 / 7); // (3 + 2) / 7
  // The trend counts each month's new receipts (12) and results (the 7 resolved, all in January).
  assert.deepEqual(r.json().trend, [{ month: '2026-01', received: 12, resolved: 7, onTimeRate: 5 / 7 }]);
  // A: everything but B's 'stopped' and 'carried-overdue'; the inter-agency dossier only under A.
  const byKey = Object.fromEntries(rows.map((x: { key: string; figures: Record<string, number> }) => [x.key, x.figures]));
  assert.deepEqual(Object.keys(byKey).sort(), [A, B]);
  assert.deepEqual([byKey[A]!.received, byKey[A]!.carriedOver, byKey[A]!.early], [12, 1, 3]);
  assert.deepEqual([byKey[B]!.received, byKey[B]!.stopped, byKey[B]!.overdue], [2, 1, 1]);
  // By channel: direct 7, online 5, postal 2 (= 14).
  const ch = (await admin.get(`/api/v1/statistics?${JAN}&groupBy=channel`)).json();
  assert.deepEqual(Object.fromEntries(ch.rows.map((x: { key: string; figures: { received: number } }) => [x.key, x.figures.received])), { direct: 7, online: 5, postal: 2 });
});

test('every figure links to exactly the dossiers behind it', async () => {
  const report = (await admin.get(`/api/v1/statistics?${JAN}`)).json();
  const buckets: [string, string][] = [
    ['received', 'received'], ['carried', 'carriedOver'], ['new', 'new'], ['resolved', 'resolved'], ['early', 'early'], ['on-time', 'onTime'], ['late', 'late'],
    ['refused', 'refused'], ['withdrawn', 'withdrawn'], ['stopped', 'stopped'], ['awaiting-supplement', 'awaitingSupplement'], ['in-progress', 'inProgress'],
    ['not-due', 'notDue'], ['overdue', 'overdue'], ['postal-returned', 'postalReturned'],
  ];
  for (const [bucket, field] of buckets) {
    const r = await admin.get(`/api/v1/statistics/dossiers?${JAN}&bucket=${bucket}&pageSize=200`);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().total, report.total[field], bucket);
    assert.equal(r.json().items.length, report.total[field], bucket);
  }
  const carried = (await admin.get(`/api/v1/statistics/dossiers?${JAN}&bucket=carried`)).json().items.map((i: { id: string }) => i.id).sort();
  assert.deepEqual(carried, [ids.get('carried-on-time'), ids.get('carried-overdue')].sort());
  const late = (await admin.get(`/api/v1/statistics/dossiers?${JAN}&bucket=late&groupBy=agency&key=${A}`)).json();
  assert.deepEqual(late.items.map((i: { id: string }) => i.id).sort(), [ids.get('late'), ids.get('apology-late')].sort());
  const page2 = (await admin.get(`/api/v1/statistics/dossiers?${JAN}&bucket=received&pageSize=5&page=3`)).json();
  assert.deepEqual([page2.total, page2.items.length], [14, 4]);
});

test('grouped by field, by procedure and by commune, the rows carry their names and add up to the same total', async () => {
  // The applicant of 'late' lives in the commune where A_COMMUNE sits; the others name no commune
  // and their agencies are not seated in one, so they fall in "not known".
  await t.db.update(agencies).set({ communeCode: '24121' }).where(eq(agencies.code, A_COMMUNE));
  const late = ids.get('late')!;
  await t.db.update(dossiers).set({ applicant: sql`${dossiers.applicant} || '{"communeCode":"24121"}'::jsonb` }).where(eq(dossiers.id, late));
  await t.db.transaction(async (tx) => refreshStatFacts(tx, late, await calendar.compiled(A)));
  const total = (await admin.get(`/api/v1/statistics?${JAN}`)).json().total;
  type Row = { key: string; label: string; figures: Record<string, number> };
  const grouped = async (g: string) => {
    const r = await admin.get(`/api/v1/statistics?${JAN}&groupBy=${g}`);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().groupBy, g);
    assert.deepEqual(r.json().total, total, `${g}: same total as by agency`);
    return r.json().rows as Row[];
  };
  assert.deepEqual((await grouped('field')).map((r) => [r.key, r.label, r.figures.received, r.figures.late]), [['HO_TICH', 'Hộ tịch', 14, 2]]);
  assert.deepEqual((await grouped('procedure')).map((r) => [r.key, r.label, r.figures.received, r.figures.late]), [['1.001193', 'Đăng ký khai sinh', 14, 2]]);
  assert.deepEqual((await grouped('commune')).map((r) => [r.key, r.label, r.figures.received, r.figures.late]), [['', 'Không xác định', 13, 1], ['24121', 'Ủy ban nhân dân xã Ea Tu', 1, 1]]);
  const inCommune = (await admin.get(`/api/v1/statistics/dossiers?${JAN}&bucket=received&groupBy=commune&key=24121`)).json();
  assert.deepEqual(inCommune.items.map((i: { id: string }) => i.id), [late]);
  assert.equal((await admin.get(`/api/v1/statistics/dossiers?${JAN}&bucket=late&groupBy=field&key=HO_TICH`)).json().total, 2);
  assert.equal((await admin.get(`/api/v1/statistics/dossiers?${JAN}&bucket=late&groupBy=procedure&key=1.001193`)).json().total, 2);
  assert.equal((await admin.get(`/api/v1/statistics/dossiers?${JAN}&bucket=late&groupBy=procedure&key=1.000000`)).json().total, 0);
});

test('the fast path equals a recomputation from the raw events, for any period', async () => {
  for (const [from, to] of [['2026-01-01', '2026-02-01'], ['2025-12-01', '2026-01-01'], ['2026-01-13', '2026-01-21'], ['2025-01-01', '2027-01-01'], ['2026-01-20', '2026-01-24']]) {
    const r = await admin.get(`/api/v1/statistics/reconcile?from=${from}&to=${to}`);
    assert.equal(r.statusCode, 200, r.body);
    const rec = r.json();
    assert.deepEqual(rec.mismatches, [], `${from}..${to}`);
    assert.deepEqual(rec.fast, rec.recomputed, `${from}..${to}`);
    assert.deepEqual(rec.sums, rec.recomputed, `the day and month sums, ${from}..${to}`);
    assert.equal(rec.equal, true);
  }
});

// Before any dossier is accepted through the API below (today), so 2026 holds the fixture alone.
test('the public figures since 1 January carry counts and rates only, no personal data', async () => {
  const r = await t.anon.get('/api/v1/public/statistics?year=2026');
  assert.equal(r.statusCode, 200, r.body);
  const p = r.json();
  // 2026 to date: the 14 of January (the 2 carried from December included), 'received-after'
  // (accepted 02-02, open) and the merged agency's March dossier = 16; resolved 7 + 1 = 8.
  assert.deepEqual([p.province.received, p.province.resolved, p.province.early], [16, 8, 4]);
  // Online: 'inter-agency', 'supplement-restarted', 'holiday-receipt', 'awaiting-supplement', 'postal-returned'
  // received; all but 'awaiting-supplement' resolved, early or on time.
  assert.deepEqual(p.onlineServices, [{ procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', onlineReceived: 5, onlineResolved: 4, onlineOnTimeRate: 1, totalReceived: 16, satisfaction: null }]);
  assert.ok(p.agencies.some((a: { code: string }) => a.code === A));
  const text = r.body;
  for (const personal of ['Nguyễn', '066190001234', '-260105-', 'applicant', '"id"']) assert.ok(!text.includes(personal), personal);
  assert.ok(problem(await t.anon.get('/api/v1/public/statistics?year=abc'), 400).errors!.some((e) => e.field.includes('year')));
});

test('a dossier accepted through the API has its facts written in the same transaction, and they reconcile', async () => {
  const citizen = await t.as('citizen.1');
  const desk = await t.as('reception.a');
  const owner = (await t.db.select().from(users).where(eq(users.username, 'citizen.1')))[0]!.id;
  const [file] = await t.db.insert(files).values({ storageKey: `test/${crypto.randomUUID()}`, originalName: 'giay-chung-sinh.pdf', mediaType: 'application/pdf', size: 10, sha256: 'x'.repeat(64), ownerUserId: owner, createdBy: owner }).returning();
  const d = (await citizen.post('/api/v1/dossiers', { procedureCode: '1.001193', caseCode: 'TH1', agencyCode: A, applicant: { kind: 'individual', fullName: 'Trần Văn Bình', idNumber: '066190009999' }, forms: { TK: { hoTen: 'Trần Văn Bình', cccd: '066190009999', ngaySinh: '1990-05-01' } }, files: [{ componentCode: 'GCS', fileId: file!.id }], resultChannel: 'online', notifyChannels: ['in-app'] })).json();
  assert.ok(d.id, JSON.stringify(d));
  assert.equal((await t.db.select().from(dossierStatFacts).where(eq(dossierStatFacts.dossierId, d.id))).length, 0, 'a submission is not yet a receipt');
  assert.equal((await desk.post(`/api/v1/dossiers/${d.id}/actions`, { type: 'accept' })).statusCode, 200);
  const [f] = await t.db.select().from(dossierStatFacts).where(eq(dossierStatFacts.dossierId, d.id));
  assert.ok(f?.receivedAt, 'received at its acceptance');
  assert.deepEqual([f!.channel, f!.agencyCode, f!.fieldCode, f!.endKind, f!.eventCount], ['online', A, 'HO_TICH', null, 2]);
  assert.equal((await desk.post(`/api/v1/dossiers/${d.id}/actions`, { type: 'withdraw', reason: 'Công dân xin rút' })).statusCode, 200);
  const [g] = await t.db.select().from(dossierStatFacts).where(eq(dossierStatFacts.dossierId, d.id));
  assert.deepEqual([g!.endKind, g!.eventCount], ['withdrawn', 3]);
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const next = new Date(Date.now() + 31 * 3600_000).toISOString().slice(0, 10);
  const rec = (await admin.get(`/api/v1/statistics/reconcile?from=${today}&to=${next}`)).json();
  assert.equal(rec.equal, true, JSON.stringify(rec.mismatches));
  assert.equal(rec.fast.withdrawn, 1);
});

test("a merged agency's dossiers roll up into its successor", async () => {
  const r = (await admin.get('/api/v1/statistics?from=2026-03-01&to=2026-04-01&groupBy=agency')).json();
  const a = r.rows.find((x: { key: string }) => x.key === A);
  assert.ok(a, JSON.stringify(r.rows));
  assert.ok(!r.rows.some((x: { key: string }) => x.key === MERGED), 'no row for the merged agency');
  assert.equal(a.figures.early, 1, "the merged agency's early result counts under A");
  assert.equal((await (await t.as('leader.a')).get('/api/v1/statistics?from=2026-03-01&to=2026-04-01')).json().total.early, 1, "A's leader sees the history A took over");
  assert.equal((await (await t.as('leader.b')).get('/api/v1/statistics?from=2026-03-01&to=2026-04-01')).json().total.early, 0);
});

test('a wrong role, a wrong agency and anonymous callers are refused; an agency leader sees only their agency', async () => {
  problem(await (await t.as('specialist.a')).get(`/api/v1/statistics?${JAN}`), 403);
  problem(await (await t.as('citizen.1')).get(`/api/v1/statistics?${JAN}`), 403);
  problem(await t.anon.get(`/api/v1/statistics?${JAN}`), 401);
  const leaderA = await t.as('leader.a');
  problem(await leaderA.get(`/api/v1/statistics?${JAN}&agency=${B}`), 403);
  problem(await leaderA.get(`/api/v1/statistics/dossiers?${JAN}&bucket=stopped&agency=${B}`), 403);
  problem(await leaderA.get(`/api/v1/statistics/export.xlsx?${JAN}&agency=${B}`), 403);
  problem(await leaderA.get(`/api/v1/statistics/export.pdf?${JAN}&agency=${B}`), 403);
  problem(await (await t.as('specialist.a')).get(`/api/v1/statistics/export.pdf?${JAN}`), 403);
  problem(await leaderA.get(`/api/v1/statistics/reconcile?${JAN}&agency=${B}`), 403);
  const own = (await leaderA.get(`/api/v1/statistics?${JAN}`)).json();
  assert.deepEqual([own.total.received, own.total.stopped], [12, 0], "B's dossiers are not in A's figures");
  const drill = (await leaderA.get(`/api/v1/statistics/dossiers?${JAN}&bucket=stopped`)).json();
  assert.equal(drill.total, 0);
  assert.equal((await (await t.as('controller.b')).get(`/api/v1/statistics?${JAN}&agency=${B}`)).json().total.received, 2);
});

test('bad input names the failing fields', async () => {
  assert.equal(problem(await admin.get('/api/v1/statistics?from=2026-02-01&to=2026-01-01'), 400).errors?.[0]?.field, 'to');
  const p = problem(await admin.get('/api/v1/statistics?from=2026-13-01&to=x&groupBy=street'), 400);
  assert.ok(p.errors!.some((e) => e.field.includes('groupBy')), JSON.stringify(p.errors));
  assert.ok(p.errors!.some((e) => e.field.includes('from')));
  assert.ok(problem(await admin.get(`/api/v1/statistics/dossiers?${JAN}&bucket=everything`), 400).errors!.some((e) => e.field.includes('bucket')));
  assert.equal(problem(await admin.get(`/api/v1/statistics?${JAN}&agency=000.00.99.H99`), 400).errors?.[0]?.field, 'agency');
  assert.equal(problem(await admin.get(`/api/v1/statistics/dossiers?${JAN}&bucket=late&key=x`), 400).errors?.[0]?.field, 'groupBy');
});

test('the Excel export has Vietnamese headers, the same numbers and number formats', async () => {
  const r = await admin.get(`/api/v1/statistics/export.xlsx?${JAN}&groupBy=agency`);
  assert.equal(r.statusCode, 200);
  assert.match(r.headers['content-type'] as string, /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Thống kê')!;
  assert.match(String(ws.getCell('A1').value), /từ 2026-01-01 đến 2026-01-31/);
  assert.equal(ws.getCell('D3').value, 'Tổng số hồ sơ tiếp nhận');
  const last = ws.getRow(ws.rowCount);
  assert.equal(last.getCell(3).value, 'Tổng cộng');
  assert.equal(last.getCell(4).value, 14);
  assert.equal(last.getCell(4).numFmt, '#,##0');
  assert.equal(last.getCell(4 + 16).numFmt, '0.00%');
  assert.equal(last.getCell(4 + 16).value, 5 / 7);
});

test('the PDF export prints the same numbers as the report, formatted the Vietnamese way, with the embedded font', async () => {
  const rep = (await admin.get(`/api/v1/statistics?${JAN}&groupBy=agency`)).json();
  const r = await admin.get(`/api/v1/statistics/export.pdf?${JAN}&groupBy=agency`);
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-type'], 'application/pdf');
  const pdf = r.rawPayload;
  assert.match(pdf.toString('latin1'), /\/FontFile2/);
  const text = pdfText(pdf).replace(/\s+/g, ' ');
  assert.match(text, /BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH/);
  assert.match(text, /từ ngày 01\/01\/2026 đến ngày 31\/01\/2026/);
  assert.match(text, /Tổng cộng 14 /);
  assert.ok(text.includes(new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 2 }).format(5 / 7)), 'the on-time rate as 71,43 %');
  for (const row of rep.rows) assert.ok(text.includes(row.label), row.label);
  assert.equal(problem(await admin.get('/api/v1/statistics/export.pdf?from=2026-02-01&to=2026-01-01'), 400).errors?.[0]?.field, 'to');
});

test('the fixture January stays identical when replayed into a fresh fact row (refresh is idempotent)', async () => {
  const id = ids.get('supplement-restarted')!;
  const before = (await t.db.select().from(dossierStatFacts).where(eq(dossierStatFacts.dossierId, id)))[0]!;
  await t.db.transaction(async (tx) => refreshStatFacts(tx, id, await calendar.compiled(FIXTURE_A)));
  const after = (await t.db.select().from(dossierStatFacts).where(eq(dossierStatFacts.dossierId, id)))[0]!;
  assert.deepEqual(after, before);
  assert.deepEqual(after.paused, [[at('2026-01-13 10:00'), at('2026-01-20 14:00')]]);
});

test('a rebuild writes the facts of dossiers that have none or stale ones, and leaves the others', async () => {
  const id = ids.get('late')!;
  const before = (await t.db.select().from(dossierStatFacts).where(eq(dossierStatFacts.dossierId, id)))[0]!;
  await t.db.delete(dossierStatFacts).where(eq(dossierStatFacts.dossierId, id));
  assert.equal(await rebuildStatFacts(t.db, calendar), 1);
  assert.deepEqual((await t.db.select().from(dossierStatFacts).where(eq(dossierStatFacts.dossierId, id)))[0], before);
  assert.equal(await rebuildStatFacts(t.db, calendar), 0);
});

/** The day and month sums as kept by the triggers, and as a regrouping of the facts now gives them. */
async function sumsAndRegrouping() {
  const cols = `agency_code, procedure_code, field_code, commune_code, channel, received, early, on_time, late, refused, withdrawn, stopped, postal_returned`;
  const regroup = (period: string) => `
    select ${period} p, f.agency_code, f.procedure_code, f.field_code, coalesce(f.commune_code, '') commune_code, f.channel,
           sum(x.received)::int received, count(*) filter (where x.ending = 'early')::int early, count(*) filter (where x.ending = 'on-time')::int on_time,
           count(*) filter (where x.ending = 'late')::int late, count(*) filter (where x.ending = 'refused')::int refused,
           count(*) filter (where x.ending = 'withdrawn')::int withdrawn, count(*) filter (where x.ending = 'stopped')::int stopped, sum(x.postal_returned)::int postal_returned
      from dossier_stat_facts f, dossier_stat_day_parts(f) x group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`;
  const q = async (text: string) => (await t.db.execute(sql.raw(text))).rows;
  return {
    days: await q(`select day::text p, ${cols} from dossier_stat_days where (received, early, on_time, late, refused, withdrawn, stopped, postal_returned) <> (0, 0, 0, 0, 0, 0, 0, 0) order by 1, 2, 3, 4, 5, 6`),
    daysRegrouped: await q(regroup('x.day::text')),
    months: await q(`select month::text p, ${cols} from dossier_stat_months where (received, early, on_time, late, refused, withdrawn, stopped, postal_returned) <> (0, 0, 0, 0, 0, 0, 0, 0) order by 1, 2, 3, 4, 5, 6`),
    monthsRegrouped: await q(regroup(`date_trunc('month', x.day)::date::text`)),
  };
}

test('the day and month sums follow every write of the facts — a re-dated ending, a reclassification, a deletion and a re-insertion — in the same statement', async () => {
  const check = async (what: string) => {
    const s = await sumsAndRegrouping();
    assert.ok(s.days.length > 0, 'the fixture has day sums');
    assert.deepEqual(s.days, s.daysRegrouped, `day sums after ${what}`);
    assert.deepEqual(s.months, s.monthsRegrouped, `month sums after ${what}`);
  };
  await check('the fixture');
  const id = ids.get('late')!;
  const before = (await t.db.select().from(dossierStatFacts).where(eq(dossierStatFacts.dossierId, id)))[0]!;
  // Ended a month later and classified otherwise: both the day and the month move.
  await t.db.update(dossierStatFacts).set({ endAt: new Date(before.endAt!.getTime() + 31 * 86_400_000), classification: 'on-time' }).where(eq(dossierStatFacts.dossierId, id));
  await check('a re-dated, reclassified ending');
  await t.db.delete(dossierStatFacts).where(eq(dossierStatFacts.dossierId, id));
  await check('a deletion');
  await t.db.insert(dossierStatFacts).values(before);
  await check('the re-insertion');
});

test('the public satisfaction page carries counts and rates per criterion only; an agency with too few ratings has no line of its own', async () => {
  const rows = await t.db.select({ id: dossiers.id, agencyCode: dossiers.agencyCode }).from(dossiers);
  const inA = rows.filter((r) => r.agencyCode === A).slice(0, 6);
  const inB = rows.filter((r) => r.agencyCode === B).slice(0, 1);
  assert.equal(inA.length, 6);
  const level = (i: number) => (i < 3 ? 'very_satisfied' : i < 5 ? 'satisfied' : 'not_satisfied');
  // Explicit instants, never now(): the year asked for is 2026 whenever the test runs.
  await t.db.insert(dossierRatings).values(
    [...inA, ...inB].map((d, i) => ({ dossierId: d.id, agencyCode: d.agencyCode, source: 'paper' as const, overall: level(i), convenience: 'satisfied', timeliness: level(i), attitude: 'very_satisfied', comment: 'Cán bộ Trần Văn Bảy rất nhiệt tình', createdAt: new Date(`2026-${String(i + 2).padStart(2, '0')}-10T09:00:00+07:00`) })),
  );
  // Outside 2026 in Vietnam time, so not counted: 00:30 on 1 January 2027 (still 2026 in UTC) and 23:59 on 31 December 2025.
  const [lateA] = rows.filter((r) => r.agencyCode === A).slice(6, 7);
  const [earlyB] = rows.filter((r) => r.agencyCode === B).slice(1, 2);
  await t.db.insert(dossierRatings).values([
    { dossierId: lateA!.id, agencyCode: A, source: 'paper' as const, overall: 'not_satisfied', convenience: 'not_satisfied', timeliness: 'not_satisfied', attitude: 'not_satisfied', createdAt: new Date('2027-01-01T00:30:00+07:00') },
    { dossierId: earlyB!.id, agencyCode: B, source: 'paper' as const, overall: 'not_satisfied', convenience: 'not_satisfied', timeliness: 'not_satisfied', attitude: 'not_satisfied', createdAt: new Date('2025-12-31T23:59:00+07:00') },
  ]);
  const r = await t.anon.get('/api/v1/public/satisfaction?year=2026');
  assert.equal(r.statusCode, 200);
  const body = r.json();
  assert.equal(body.ratings, 7);
  const overall = body.criteria.find((c: { criterion: string }) => c.criterion === 'overall');
  // i = 0..5 in A, 6 in B: very 0,1,2; satisfied 3,4; not 5, 6.
  assert.deepEqual([overall.verySatisfied, overall.satisfied, overall.notSatisfied, overall.satisfiedRate], [3, 2, 2, 5 / 7]);
  assert.deepEqual(body.agencies.map((a: { code: string }) => a.code), [A], 'B has one rating: no line of its own');
  assert.equal(body.agencies[0].ratings, 6);
  for (const leak of ['Trần Văn Bảy', 'Nguyễn Thị Hương', '066190001234', ...[...inA, ...inB].map((d) => d.id), 'paper']) assert.ok(!r.body.includes(leak), `no ${leak} in the public page`);
  assert.deepEqual([(await t.anon.get('/api/v1/public/satisfaction?year=2027')).json().ratings, (await t.anon.get('/api/v1/public/satisfaction?year=2025')).json().ratings], [1, 1], 'each boundary rating counts in its own Vietnamese year');
  assert.ok(problem(await t.anon.get('/api/v1/public/satisfaction?year=twenty'), 400).errors!.some((e) => e.field.includes('year')));
});

test('published apology letters name the agency, procedure, dossier code, date and new appointment — no personal data', async () => {
  const [d] = await t.db.select({ code: dossiers.code }).from(dossiers).where(eq(dossiers.id, ids.get('apology-late')!));
  const r = await t.anon.get('/api/v1/public/apologies?year=2026');
  assert.equal(r.statusCode, 200);
  const body = r.json();
  assert.equal(body.total, 1);
  assert.deepEqual(body.items[0], { agencyCode: A, agencyName: body.items[0].agencyName, procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', dossierCode: d!.code, apologizedOn: '2026-01-23', newAppointment: '2026-01-30' });
  for (const leak of ['Nguyễn Thị Hương', '066190001234', 'Cần xác minh thêm', ids.get('apology-late')!]) assert.ok(!r.body.includes(leak), `no ${leak} in the public list`);
  assert.equal((await t.anon.get('/api/v1/public/apologies?year=2025')).json().total, 0);
  const bad = problem(await t.anon.get('/api/v1/public/apologies?year=2026&pageSize=1000&page=0'), 400);
  assert.ok(bad.errors!.some((e) => e.field.includes('pageSize')) && bad.errors!.some((e) => e.field.includes('page')), JSON.stringify(bad.errors));
});
