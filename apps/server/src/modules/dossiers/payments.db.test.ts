import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { setupApi, problem, type Client } from '../../testing/http.ts';
import { A, birthContent } from '../../testing/fixture.ts';
import { dossierEvents, dossiers } from '../../db/schema.ts';

/**
 * Fees due and paid (phí, lệ phí): due fixed at submission from the procedure case's fees; each
 * payment recorded with its receipt (biên lai) as an immutable event, never beyond what is due.
 */
const t = await setupApi();
const admin = await t.as('system_admin.p');
const content = birthContent({ fees: [{ kind: 'charge', name: 'Lệ phí cấp bản sao', amount: 80_000 }] });
const th1 = content.cases[0]!;
th1.components = th1.components.filter((c) => c.form); // form only: no files needed
th1.fees = [
  { kind: 'fee', name: 'Phí thẩm định', amount: 30_000 },
  { kind: 'charge', name: 'Lệ phí đăng ký', amount: 20_000 },
];
content.cases.push({ ...th1, code: 'TH2', name: 'Trường hợp theo phí của thủ tục', fees: undefined });
delete content.cases[1]!.fees;
assert.equal((await admin.post('/api/v1/admin/procedures', { code: '1.001193', content })).statusCode, 201);
assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);

const citizen = await t.as('citizen.1');
const desk = await t.as('reception.a');
const spec = await t.as('specialist.a');
const head = await t.as('head.a');
const deskB = await t.as('reception.b');

const submit = async (caseCode = 'TH1') => {
  const r = await citizen.post('/api/v1/dossiers', {
    procedureCode: '1.001193',
    caseCode,
    agencyCode: A,
    applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234' },
    forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234' } },
    files: [],
    resultChannel: 'desk',
    notifyChannels: ['in-app'],
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json() as { id: string; feesDue: number; feesPaid: number; payments: unknown[] };
};
const act = (c: Client, id: string, b: unknown) => c.post(`/api/v1/dossiers/${id}/actions`, b);
const pay = (amount: number, receiptNumber: string, extra: Record<string, unknown> = {}) => ({ type: 'record-payment', amount, method: 'cash', receiptNumber, ...extra });
const eventCount = async (id: string) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(dossierEvents).where(eq(dossierEvents.dossierId, id)))[0]!.n;
const rowOf = async (id: string) => (await t.db.select().from(dossiers).where(eq(dossiers.id, id)))[0]!;

/** Runs a refused request and proves it wrote nothing: same events, same state, same fees paid. */
async function refusedUnchanged(id: string, status: number, run: () => Promise<import('fastify').LightMyRequestResponse>) {
  const before = await rowOf(id);
  const n = await eventCount(id);
  const p = problem(await run(), status);
  const after = await rowOf(id);
  assert.equal(await eventCount(id), n, 'no event written');
  assert.deepEqual([after.state, after.feesPaid], [before.state, before.feesPaid], 'state and fees paid unchanged');
  return p;
}

test('fees due at submission are the case’s own fees when it lists them, else the procedure’s; nothing is paid yet', async () => {
  const d1 = await submit('TH1');
  assert.deepEqual([d1.feesDue, d1.feesPaid, d1.payments], [50_000, 0, []]);
  const d2 = await submit('TH2');
  assert.deepEqual([d2.feesDue, d2.feesPaid], [80_000, 0]);
});

test('the desk records a payment with its receipt: an event, fees paid raised in the answer, the row and the citizen’s view; the holder records the rest and the action is no longer offered', async () => {
  const { id } = await submit();
  assert.ok((await desk.get(`/api/v1/dossiers/${id}`)).json().availableActions.includes('record-payment'));
  const paidAt = '2026-01-05T08:30:00+07:00';
  const r = await act(desk, id, pay(30_000, ' BL-2026/0001 ', { paidAt }));
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().feesPaid, 30_000);
  assert.deepEqual(
    r.json().payments.map((p: { amount: number; method: string; receiptNumber: string; paidAt: string }) => [p.amount, p.method, p.receiptNumber, p.paidAt]),
    [[30_000, 'cash', 'BL-2026/0001', paidAt]],
  );
  assert.equal((await rowOf(id)).feesPaid, 30_000, 'the column the lists read');
  const last = (await desk.get(`/api/v1/dossiers/${id}/events`)).json().items.at(-1);
  assert.deepEqual([last.type, last.event.payment.amount, last.event.payment.receiptNumber], ['payment-recorded', 30_000, 'BL-2026/0001']);
  const mine = (await citizen.get(`/api/v1/dossiers/${id}`)).json();
  assert.deepEqual([mine.feesDue, mine.feesPaid, mine.availableActions], [50_000, 30_000, []], 'the citizen sees what is due and paid, and records nothing');

  assert.equal((await act(desk, id, { type: 'accept' })).statusCode, 200);
  assert.equal((await act(desk, id, { type: 'forward' })).statusCode, 200);
  const rest = await act(spec, id, pay(20_000, 'BL-2026/0002', { method: 'transfer' }));
  assert.equal(rest.statusCode, 200, rest.body);
  assert.deepEqual([rest.json().feesPaid, rest.json().availableActions.includes('record-payment')], [50_000, false], 'paid in full: not offered');
  assert.equal(rest.json().step.code, 'GQ', 'a payment moves no step');
  const full = await refusedUnchanged(id, 422, () => act(desk, id, pay(1, 'BL-2026/0003')));
  assert.deepEqual([full.errors?.[0]?.field, full.errors?.[0]?.keyword], ['amount', 'payment-exceeds-fees-due']);
});

test('a payment beyond what remains due, dated in the future or with a receipt already recorded is refused (422, keyword) and writes nothing', async () => {
  const { id } = await submit();
  assert.equal((await act(desk, id, pay(40_000, 'BL-1'))).statusCode, 200);
  const over = await refusedUnchanged(id, 422, () => act(desk, id, pay(10_001, 'BL-2')));
  assert.deepEqual([over.errors?.[0]?.field, over.errors?.[0]?.keyword], ['amount', 'payment-exceeds-fees-due']);
  const future = await refusedUnchanged(id, 422, () => act(desk, id, pay(1_000, 'BL-2', { paidAt: new Date(Date.now() + 3600_000).toISOString() })));
  assert.deepEqual([future.errors?.[0]?.field, future.errors?.[0]?.keyword], ['paidAt', 'payment-in-future']);
  const again = await refusedUnchanged(id, 422, () => act(desk, id, pay(1_000, 'BL-1')));
  assert.deepEqual([again.errors?.[0]?.field, again.errors?.[0]?.keyword], ['receiptNumber', 'payment-receipt-already-recorded']);
  const blank = await refusedUnchanged(id, 422, () => act(desk, id, pay(1_000, '   ')));
  assert.deepEqual([blank.errors?.[0]?.field, blank.errors?.[0]?.keyword], ['receiptNumber', 'payment-receipt-missing']);
});

test('a free procedure takes no payment: any amount exceeds the fees due and the action is not offered', async () => {
  const free = birthContent(); // its one fee is 0 đồng
  free.cases[0]!.components = free.cases[0]!.components.filter((c) => c.form);
  assert.equal((await admin.post('/api/v1/admin/procedures', { code: '1.000001', content: free })).statusCode, 201);
  assert.equal((await admin.post('/api/v1/admin/procedures/1.000001/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);
  const r = await citizen.post('/api/v1/dossiers', {
    procedureCode: '1.000001', caseCode: 'TH1', agencyCode: A, applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234' },
    forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234' } }, files: [], resultChannel: 'desk', notifyChannels: ['in-app'],
  });
  assert.equal(r.statusCode, 201, r.body);
  assert.deepEqual([r.json().feesDue, (await desk.get(`/api/v1/dossiers/${r.json().id}`)).json().availableActions.includes('record-payment')], [0, false]);
  assert.equal((await refusedUnchanged(r.json().id, 422, () => act(desk, r.json().id, pay(1_000, 'BL-1')))).errors?.[0]?.keyword, 'payment-exceeds-fees-due');
});

test('a payment on a refused dossier is refused (422, payment-dossier-closed) and writes nothing', async () => {
  const { id } = await submit();
  assert.equal((await act(desk, id, { type: 'refuse', reasons: ['Không thuộc thẩm quyền'] })).statusCode, 200);
  const p = await refusedUnchanged(id, 422, () => act(desk, id, pay(1_000, 'BL-1')));
  assert.equal(p.errors?.[0]?.keyword, 'payment-dossier-closed');
});

test('an officer of the agency who neither staffs the desk nor holds the dossier, the citizen, and the desk of another agency cannot record a payment; nothing is written', async () => {
  const { id } = await submit();
  await refusedUnchanged(id, 403, () => act(head, id, pay(1_000, 'BL-1')));
  await refusedUnchanged(id, 403, () => act(spec, id, pay(1_000, 'BL-1'))); // not holding: the dossier awaits the desk
  await refusedUnchanged(id, 403, () => act(citizen, id, pay(1_000, 'BL-1')));
  await refusedUnchanged(id, 404, () => act(deskB, id, pay(1_000, 'BL-1'))); // another agency's dossier is not even visible
  await refusedUnchanged(id, 401, () => act(t.anon, id, pay(1_000, 'BL-1')));
});

test('bad input names its fields (400) and writes nothing', async () => {
  const { id } = await submit();
  const fields = async (b: unknown) => (await refusedUnchanged(id, 400, () => act(desk, id, b))).errors?.map((e) => e.field) ?? [];
  assert.ok((await fields(pay(0, 'BL-1'))).includes('amount'), 'amount > 0');
  assert.ok((await fields(pay(1.5, 'BL-1'))).includes('amount'), 'whole đồng');
  assert.ok((await fields({ ...pay(1_000, 'BL-1'), amount: '1000' })).includes('amount'), 'a number, not text');
  assert.ok((await fields(pay(1_000, 'BL-1', { method: 'cheque' }))).includes('method'));
  assert.ok((await fields(pay(1_000, 'x'.repeat(51)))).includes('receiptNumber'), 'at most 50 characters');
  assert.ok((await fields(pay(1_000, ''))).includes('receiptNumber'));
  assert.ok((await fields({ type: 'record-payment', amount: 1_000, method: 'cash' })).includes('receiptNumber'), 'required');
  assert.ok((await fields(pay(1_000, 'BL-1', { paidAt: 'hôm qua' }))).includes('paidAt'));
  assert.deepEqual(await fields(pay(1_000, 'BL-1', { paidAt: 'sáng thứ hai tuần trước' })), ['paidAt'], 'text that is not an ISO 8601 instant');
});
