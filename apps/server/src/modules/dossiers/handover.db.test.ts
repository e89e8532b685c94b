import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { instantAt } from '@motcua/domain/calendar/index.ts';
import { setupApi, type Client } from '../../testing/http.ts';
import { A, birthContent } from '../../testing/fixture.ts';
import { dossiers } from '../../db/schema.ts';
import { CalendarService } from '../calendar/service.ts';
import { deskClockOf } from './view.ts';

/**
 * The desk's 8-working-hour handover clock [001 Art. 8.1.b; SPEC §5 "the desk sees a warning before
 * that runs out"]: the server says when it ends and whether it is running, due soon (under one
 * working hour left, in working time) or late — in the dossier view and in the desk's work lists.
 */
const t = await setupApi();
const admin = await t.as('system_admin.p');
const content = birthContent();
content.cases[0]!.components = content.cases[0]!.components.filter((c) => c.form);
assert.equal((await admin.post('/api/v1/admin/procedures', { code: '1.001193', content })).statusCode, 201);
assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);
const citizen = await t.as('citizen.1');
const desk = await t.as('reception.a');
const act = (c: Client, id: string, body: unknown) => c.post(`/api/v1/dossiers/${id}/actions`, body);
const submit = async () => {
  const r = await citizen.post('/api/v1/dossiers', {
    procedureCode: '1.001193', caseCode: 'TH1', agencyCode: A,
    applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234' },
    forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234' } }, files: [], resultChannel: 'desk', notifyChannels: [],
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json() as { id: string };
};
const rowOf = async (id: string) => (await t.db.select().from(dossiers).where(eq(dossiers.id, id)))[0]!;
const vn = (s: string) => instantAt(s.slice(0, 10), s.slice(11, 16));

test('the handover clock is due soon with under one working hour left and late after its end, counted by the working calendar (lunch and nights do not count)', async () => {
  const calendar = new CalendarService(t.db);
  const { id } = await submit();
  assert.equal((await act(desk, id, { type: 'accept' })).statusCode, 200);
  // Accepted on Monday 2 March 2026 at 16:00 (Vietnam time): 1 h that day + 7 h on Tuesday → due Tuesday 16:00.
  await t.db.update(dossiers).set({ acceptedAt: new Date(vn('2026-03-02 16:00')) }).where(eq(dossiers.id, id));
  const row = await rowOf(id);
  const at = async (now: string) => {
    const c = await deskClockOf(calendar, row, vn(now));
    return [c.handoverDue, c.handoverWarning?.state, c.handoverWarning?.workingMinutesLeft];
  };
  assert.deepEqual(await at('2026-03-03 14:00'), ['2026-03-03T16:00:00+07:00', 'running', 120]);
  assert.deepEqual(await at('2026-03-03 15:00'), ['2026-03-03T16:00:00+07:00', 'running', 60]);
  assert.deepEqual(await at('2026-03-03 15:01'), ['2026-03-03T16:00:00+07:00', 'due-soon', 59]);
  assert.deepEqual(await at('2026-03-03 16:01'), ['2026-03-03T16:00:00+07:00', 'late', -1]);
  // Monday 16:50: 10 min left that day, then Tuesday from 07:30 to 16:00 (7 h) — not due soon overnight.
  assert.deepEqual(await at('2026-03-02 16:50'), ['2026-03-03T16:00:00+07:00', 'running', 430]);

  // Awaiting the desk's check, the clock runs from system receipt.
  const waiting = await submit();
  await t.db.update(dossiers).set({ submittedAt: new Date(vn('2026-03-02 13:30')) }).where(eq(dossiers.id, waiting.id));
  const w = await deskClockOf(calendar, await rowOf(waiting.id), vn('2026-03-03 12:00'));
  assert.deepEqual([w.handoverDue, w.handoverWarning], ['2026-03-03T13:30:00+07:00', { state: 'due-soon', workingMinutesLeft: 30 }], 'at lunch only 13:00–13:30 is left');
});

test('the dossier view and the desk work lists carry the warning while the clock runs, and nothing once handed over', async () => {
  const { id } = await submit();
  const listed = async (list: string) => (await desk.get(`/api/v1/worklists/${list}`)).json().items.find((i: { id: string }) => i.id === id);
  const inReception = await listed('reception');
  assert.ok(inReception.handoverDue);
  assert.ok(['running', 'due-soon', 'late'].includes(inReception.handoverWarning.state), inReception.handoverWarning.state);
  assert.equal(typeof inReception.handoverWarning.workingMinutesLeft, 'number');
  const accepted = (await act(desk, id, { type: 'accept' })).json();
  assert.ok(accepted.handoverDue);
  assert.ok(['running', 'due-soon', 'late'].includes(accepted.handoverWarning.state));
  const inHandover = await listed('handover');
  assert.equal(inHandover.handoverDue, accepted.handoverDue);
  assert.equal(inHandover.handoverWarning.state, accepted.handoverWarning.state);
  const forwarded = (await act(desk, id, { type: 'forward' })).json();
  assert.deepEqual([forwarded.handoverDue, forwarded.handoverWarning], [null, null], 'no longer at the desk');
});
