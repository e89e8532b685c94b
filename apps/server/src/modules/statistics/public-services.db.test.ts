import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { fixtureDossiers } from '@motcua/domain/statistics/fixture.ts';
import { setupApi } from '../../testing/http.ts';
import { dossierRatings, dossiers } from '../../db/schema.ts';
import { CalendarService } from '../calendar/service.ts';
import { publishBirthProcedure, storeHistory } from './testing.ts';

const t = await setupApi();
const admin = await t.as('system_admin.p');
const pv = await publishBirthProcedure(t.db, admin);
const calendar = new CalendarService(t.db);
const ids = new Map<string, string>();
for (const d of fixtureDossiers()) ids.set(d.name, await storeHistory(t.db, calendar, pv, d));

type Service = { procedureCode: string; onlineReceived: number; onlineResolved: number; onlineOnTimeRate: number | null; totalReceived: number; satisfaction: { ratings: number; criteria: { criterion: string; satisfiedRate: number | null }[] } | null };
const birth = async (): Promise<{ body: string; service: Service }> => {
  const r = await t.anon.get('/api/v1/public/statistics?year=2026');
  assert.equal(r.statusCode, 200, r.body);
  const service = (r.json().onlineServices as Service[]).find((s) => s.procedureCode === '1.001193');
  assert.ok(service, r.body);
  return { body: r.body, service };
};
const rate = (id: string, level: (c: string) => string, at: string, comment?: string) => ({
  dossierId: id,
  agencyCode: 'ignored-by-the-figure',
  source: 'portal' as const,
  overall: level('overall'),
  convenience: level('convenience'),
  timeliness: level('timeliness'),
  attitude: level('attitude'),
  comment: comment ?? null,
  createdAt: new Date(at),
});

// The fixture's dossiers received online (2026): four of them rated first, a fifth later.
const ONLINE = ['inter-agency', 'supplement-restarted', 'holiday-receipt', 'postal-returned', 'awaiting-supplement'];

test('an online service with fewer than 5 ratings publishes no satisfaction of its own, only its figures', async () => {
  await t.db.insert(dossierRatings).values(ONLINE.slice(0, 4).map((n) => rate(ids.get(n)!, () => 'very_satisfied', '2026-02-10T09:00:00+07:00')));
  // Ratings of dossiers received at the desk or by post are not the online service's.
  await t.db.insert(dossierRatings).values([rate(ids.get('late')!, () => 'not_satisfied', '2026-02-10T09:00:00+07:00'), rate(ids.get('not-due-open')!, () => 'not_satisfied', '2026-02-10T09:00:00+07:00')]);
  const { service } = await birth();
  assert.deepEqual([service.onlineReceived, service.onlineResolved, service.onlineOnTimeRate, service.totalReceived], [5, 4, 1, 15]);
  assert.equal(service.satisfaction, null, 'four online ratings: no line of satisfaction');
});

test('an online service with 5 ratings publishes its satisfied-or-better rate per criterion, counting only the online dossiers rated in the year', async () => {
  // The fifth online rating: not satisfied on timeliness and attitude, satisfied overall, very satisfied on convenience.
  const fifth: Record<string, string> = { overall: 'satisfied', convenience: 'very_satisfied', timeliness: 'not_satisfied', attitude: 'not_satisfied' };
  await t.db.insert(dossierRatings).values(rate(ids.get(ONLINE[4]!)!, (c) => fifth[c]!, '2026-03-02T10:00:00+07:00', 'Cán bộ Lê Thị Mai hướng dẫn tận tình'));
  // A rating given at 00:30 on 1 January 2027 in Vietnam (still 2026 in UTC) is next year's, not this one's.
  await t.db.insert(dossierRatings).values(rate(ids.get('refused-at-desk')!, () => 'not_satisfied', '2027-01-01T00:30:00+07:00'));
  const { service, body } = await birth();
  assert.deepEqual(service.satisfaction, {
    ratings: 5,
    criteria: [
      { criterion: 'overall', satisfiedRate: 1 },
      { criterion: 'convenience', satisfiedRate: 1 },
      { criterion: 'timeliness', satisfiedRate: 4 / 5 },
      { criterion: 'attitude', satisfiedRate: 4 / 5 },
    ],
  });
  // Aggregates only: no comment, respondent, applicant or dossier behind the figures.
  for (const leak of ['Lê Thị Mai', 'Nguyễn Thị Hương', '066190001234', 'portal', ...ONLINE.map((n) => ids.get(n)!)]) assert.ok(!body.includes(leak), `no ${leak} in the public page`);
});

test('a rated dossier counts for the online service only while it was received online', async () => {
  // One rated dossier off the online channel drops the service back under the threshold.
  await t.db.update(dossiers).set({ channel: 'direct' }).where(eq(dossiers.id, ids.get(ONLINE[0]!)!));
  assert.equal((await birth()).service.satisfaction, null);
  await t.db.update(dossiers).set({ channel: 'online' }).where(eq(dossiers.id, ids.get(ONLINE[0]!)!));
  assert.equal((await birth()).service.satisfaction?.ratings, 5);
});
