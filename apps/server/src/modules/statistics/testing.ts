import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { fold, exchangeStatus, nationalStatus, type DossierEvent, type ProcessDefinition } from '@motcua/domain/dossier/index.ts';
import { searchKey } from '@motcua/domain';
import type { FixtureDossier } from '@motcua/domain/statistics/fixture.ts';
import type { Db } from '../../db/pool.ts';
import type { Client } from '../../testing/http.ts';
import { A, B, birthContent } from '../../testing/fixture.ts';
import { dossierEvents, dossiers, procedures, procedureVersions } from '../../db/schema.ts';
import type { CalendarService } from '../calendar/service.ts';
import { refreshStatFacts } from './facts.ts';

/** Test helpers of the statistics module: the fixture province's dossier histories stored as the dossier service would. */

/** Publishes the birth-registration procedure 1.001193 for A and B; returns its ids. */
export async function publishBirthProcedure(db: Db, admin: Client): Promise<{ pid: string; vid: string }> {
  assert.equal((await admin.post('/api/v1/admin/procedures', { code: '1.001193', content: birthContent({ agencyCodes: [A, B] }) })).statusCode, 201);
  assert.equal((await admin.post('/api/v1/admin/procedures/1.001193/versions/1/publish', { effectiveFrom: '2025-01-01' })).statusCode, 200);
  const [pv] = await db.select({ pid: procedures.id, vid: procedureVersions.id }).from(procedureVersions).innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId)).where(eq(procedures.code, '1.001193'));
  return pv!;
}

const PROCESS = { steps: [] } as unknown as ProcessDefinition;

/** Stores a history (row + immutable events), then refreshes its facts as the action transaction does; returns the dossier id. */
export async function storeHistory(db: Db, calendar: CalendarService, pv: { pid: string; vid: string }, d: FixtureDossier): Promise<string> {
  const state = fold(d.events);
  const [row] = await db
    .insert(dossiers)
    .values({
      code: state.code,
      procedureId: pv.pid,
      procedureVersionId: pv.vid,
      procedureCode: '1.001193',
      caseCode: 'TH1',
      procedureName: 'Đăng ký khai sinh',
      timeLimit: { unit: 'working-days', value: d.limit.value },
      agencyCode: d.agencyCode,
      process: PROCESS,
      channel: d.channel,
      phase: state.phase,
      exchangeStatus: state.phase === 'processing' ? '02' : exchangeStatus(state, PROCESS),
      nationalStatus: state.phase === 'processing' ? 4 : nationalStatus(state, PROCESS),
      submittedBy: d.events[0]!.by!,
      submitterKind: d.channel === 'online' ? 'self' : d.channel === 'direct' ? 'desk' : 'postal',
      applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234' },
      applicantName: 'Nguyễn Thị Hương',
      applicantKey: searchKey('Nguyễn Thị Hương'),
      applicantIdNumber: '066190001234',
      formData: {},
      resultChannel: 'desk',
      notifyChannels: [],
      submittedAt: new Date(d.events[0]!.at),
      acceptedAt: state.acceptedAt === null ? null : new Date(state.acceptedAt),
      state,
      eventCount: d.events.length,
    })
    .returning({ id: dossiers.id });
  await db.insert(dossierEvents).values(d.events.map((e: DossierEvent, i) => ({ dossierId: row!.id, seq: i + 1, type: e.type, at: new Date(e.at), byUserId: null, event: e })));
  const compiled = await calendar.compiled(d.agencyCode);
  await db.transaction((tx) => refreshStatFacts(tx, row!.id, compiled));
  return row!.id;
}
