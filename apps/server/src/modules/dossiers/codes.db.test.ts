import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { setupApi } from '../../testing/http.ts';
import { A, A_COMMUNE, B, birthContent } from '../../testing/fixture.ts';
import { dossiers, users } from '../../db/schema.ts';
import { loadSessionUser } from '../../http/session.ts';
import { actOnDossier, submitDossier, type DossierDeps } from './service.ts';
import { CalendarService } from '../calendar/service.ts';

const t = await setupApi();

test('500 acceptances in parallel across 3 agencies give each agency and day exactly the codes 0001…N, no gap, no duplicate [SPEC §6]', async () => {
  const admin = await t.as('system_admin.p');
  const content = birthContent({ agencyCodes: [A, B, A_COMMUNE] });
  content.cases[0]!.components = content.cases[0]!.components.filter((c) => c.form); // form only: no files needed
  assert.equal((await admin.post('/api/v1/admin/procedures', { code: 'DEMO-CODES-1', content })).statusCode, 201);
  assert.equal((await admin.post('/api/v1/admin/procedures/DEMO-CODES-1/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);

  const user = async (name: string) => (await loadSessionUser(t.db, (await t.db.select().from(users).where(eq(users.username, name)))[0]!.id))!;
  const citizen = await user('citizen.1');
  const deskA = await user('reception.a'); // covers A and its commune
  const deskB = await user('reception.b');
  const deps: DossierDeps = { db: t.db, calendar: new CalendarService(t.db), publicUrl: 'http://localhost' };
  const targets = [A, B, A_COMMUNE];
  const ids: { id: string; agency: string }[] = [];
  for (let i = 0; i < 500; i++) {
    const agency = targets[i % 3]!;
    const { row } = await submitDossier(deps, citizen, {
      procedureCode: 'DEMO-CODES-1',
      caseCode: 'TH1',
      agencyCode: agency,
      applicant: { kind: 'individual', fullName: `Người nộp ${i}`, idNumber: String(100000000000 + i) },
      forms: { TK: { hoTen: `Người nộp ${i}`, cccd: String(100000000000 + i) } },
      files: [],
      resultChannel: 'desk',
      notifyChannels: [],
    }, null);
    ids.push({ id: row.id, agency });
  }
  // All at once: they contend for the same three counter rows.
  const results = await Promise.allSettled(ids.map(({ id, agency }) => actOnDossier(deps, agency === B ? deskB : deskA, id, { type: 'accept' })));
  const failed = results.filter((r) => r.status === 'rejected');
  assert.equal(failed.length, 0, String((failed[0] as PromiseRejectedResult | undefined)?.reason));
  const rows = await t.db.select({ code: dossiers.code, agency: dossiers.agencyCode }).from(dossiers);
  // Grouped by the day each code carries, not by today: a run that crosses midnight (Vietnam time)
  // starts a new day's sequence, and the rule holds for each agency and day.
  const byAgencyDay = new Map<string, number[]>();
  for (const r of rows) {
    const [, agency, day, seq] = /^(.+)-(\d{6})-(\d{4})$/.exec(r.code!)!;
    assert.equal(agency, r.agency, 'the code names the dossier’s agency');
    byAgencyDay.set(`${agency} ${day}`, [...(byAgencyDay.get(`${agency} ${day}`) ?? []), Number(seq)]);
  }
  for (const [key, seqs] of byAgencyDay) assert.deepEqual(seqs.sort((a, b) => a - b), Array.from({ length: seqs.length }, (_, i) => i + 1), `codes of ${key}`);
  for (const agency of targets) {
    const issued = [...byAgencyDay].filter(([k]) => k.startsWith(`${agency} `)).reduce((n, [, seqs]) => n + seqs.length, 0);
    assert.equal(issued, ids.filter((x) => x.agency === agency).length, `every dossier of ${agency} has a code`);
  }
  assert.equal(new Set(rows.map((r) => r.code)).size, 500);
});
