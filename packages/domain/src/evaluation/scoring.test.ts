import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  agencyClass,
  averageIndex,
  decimalToTenths,
  formatTenths,
  index3Contacts,
  index4Agencies,
  index5OneStop,
  index7Attitude,
  index8Feedback,
  index9Online,
  officerClass,
  parsePeriod,
  roundedTenths,
  scoreAgency,
  scoreDossier,
  scoreOfficer,
  type DossierFacts,
  type UnitFacts,
} from './scoring.ts';
import { computeServiceIndex, GROUP_POINTS, INDICATORS, serviceClass, type IndicatorInputs } from './service-index.ts';

const facts = (over: Partial<DossierFacts> = {}): DossierFacts => ({
  totalTime: 'equal',
  unitTimes: ['equal'],
  supplementRequests: 0,
  otherAgenciesContacted: 0,
  channel: 'direct',
  publication: 'posted-and-electronic',
  extraDemands: false,
  upheldConductReport: false,
  rating: null,
  ...over,
});
const unit = (over: Partial<UnitFacts> = {}): UnitFacts => ({
  level: 'province',
  fullCycleAtDesk: { count: 1, of: 5 },
  receivedAndReturnedAtDesk: { count: 5, of: 5 },
  publication: null,
  feedback: { received: 0, answeredOnTime: 0, protracted: 0 },
  onlineOffered: { count: 1, of: 5 },
  onlineDossiers: { count: 3, of: 10 },
  onlineLateOrOverdue: 0,
  ...over,
});

// ── rounding ──
test('averages round half-up to one decimal on the exact fraction: 4.45 → 4.5, 1.15 → 1.2, 2.25 → 2.3 [TT 01/2018 Art. 15.1]', () => {
  assert.equal(roundedTenths(89, 20), 45); // 4.45
  assert.equal(roundedTenths(23, 20), 12); // 1.15: 1.15 * 10 is 11.4999… in binary floating point
  assert.equal(roundedTenths(45, 20), 23); // 2.25
  assert.equal(roundedTenths(44, 20), 22); // 2.2
  assert.equal(roundedTenths(2, 3), 7); // 0.666… → 0.7
  assert.equal(roundedTenths(1, 3), 3); // 0.333… → 0.3
});

test('a decimal written as text rounds half-up without a binary float: "4.45" → 4.5, "1.005" → 1.0, "1.15" → 1.2', () => {
  assert.equal(decimalToTenths('4.45'), 45);
  assert.equal(decimalToTenths('4.44999'), 44);
  assert.equal(decimalToTenths('1.15'), 12);
  assert.equal(decimalToTenths('1.005'), 10);
  assert.equal(decimalToTenths('7'), 70);
  assert.throws(() => decimalToTenths('-1'));
  assert.equal(formatTenths(45), '4.5');
  assert.equal(formatTenths(150), '15.0');
});

// ── per-dossier indices ──
test('index 1 scores the total time: shorter 2, equal 1, longer 0 [TT 01/2018 Art. 13.1]', () => {
  assert.equal(scoreDossier(facts({ totalTime: 'shorter' }))[1], 2);
  assert.equal(scoreDossier(facts({ totalTime: 'equal' }))[1], 1);
  assert.equal(scoreDossier(facts({ totalTime: 'longer' }))[1], 0);
  assert.equal(scoreDossier(facts({ totalTime: null }))[1], null);
});

test('index 2 is decided by the slowest participating unit, and has no data without units [Art. 13.2]', () => {
  assert.equal(scoreDossier(facts({ unitTimes: ['shorter', 'shorter'] }))[2], 2);
  assert.equal(scoreDossier(facts({ unitTimes: ['shorter', 'equal'] }))[2], 1);
  assert.equal(scoreDossier(facts({ unitTimes: ['shorter', 'longer'] }))[2], 0);
  assert.equal(scoreDossier(facts({ unitTimes: [] }))[2], null);
});

test('index 3: no supplement request 2, one complete request 1, more than one 0 unless the applicant caused them [Art. 13.3]', () => {
  assert.equal(index3Contacts({ supplementRequests: 0 }), 2);
  assert.equal(index3Contacts({ supplementRequests: 1 }), 1);
  assert.equal(index3Contacts({ supplementRequests: 2 }), 0);
  assert.equal(index3Contacts({ supplementRequests: 2, supplementRequestsApplicantFault: 1 }), 1);
  assert.equal(index3Contacts({ supplementRequests: null }), null);
});

test('index 4: an online or postal dossier with nowhere else to go 2, only the one-stop desk 1, another agency 0 [Art. 13.4]', () => {
  assert.equal(index4Agencies({ channel: 'online', otherAgenciesContacted: 0 }), 2);
  assert.equal(index4Agencies({ channel: 'postal', otherAgenciesContacted: 0 }), 2);
  assert.equal(index4Agencies({ channel: 'direct', otherAgenciesContacted: 0 }), 1);
  assert.equal(index4Agencies({ channel: 'online', otherAgenciesContacted: 1 }), 0);
});

test('index 6: published both posted and electronically 2, one of them 1, inadequately 0 [Art. 13.6]', () => {
  assert.equal(scoreDossier(facts({ publication: 'posted-and-electronic' }))[6], 2);
  assert.equal(scoreDossier(facts({ publication: 'posted-or-electronic' }))[6], 1);
  assert.equal(scoreDossier(facts({ publication: 'inadequate' }))[6], 0);
});

test('index 7: early without a misconduct report 2, on time 1; extra documents or fees asked, an upheld report or an attitude rated not satisfied give 0 [Art. 13.7]', () => {
  const base = { extraDemands: false, upheldConductReport: false, rating: null };
  assert.equal(index7Attitude({ ...base, totalTime: 'shorter' }), 2);
  assert.equal(index7Attitude({ ...base, totalTime: 'equal' }), 1);
  assert.equal(index7Attitude({ ...base, totalTime: 'longer' }), 0);
  assert.equal(index7Attitude({ ...base, totalTime: 'shorter', extraDemands: true }), 0);
  assert.equal(index7Attitude({ ...base, totalTime: 'shorter', upheldConductReport: true }), 0);
  const rating = { overall: 'satisfied', convenience: 'satisfied', timeliness: 'satisfied', attitude: 'not_satisfied' } as const;
  assert.equal(index7Attitude({ ...base, totalTime: 'shorter', rating }), 0);
  assert.equal(index7Attitude({ ...base, totalTime: 'shorter', rating: { ...rating, attitude: 'satisfied' } }), 2);
});

// ── unit indices ──
test('index 5: a provincial desk completing 20 % of listed procedures earns 2, 19.9 % with all received and returned there 1 [Art. 13.5]', () => {
  assert.equal(index5OneStop(unit({ fullCycleAtDesk: { count: 200, of: 1000 } })), 2);
  assert.equal(index5OneStop(unit({ fullCycleAtDesk: { count: 199, of: 1000 } })), 1);
  assert.equal(index5OneStop(unit({ fullCycleAtDesk: { count: 199, of: 1000 }, receivedAndReturnedAtDesk: { count: 99, of: 100 } })), 0);
  assert.equal(index5OneStop(unit({ level: 'district', fullCycleAtDesk: { count: 49, of: 100 } })), 1);
  assert.equal(index5OneStop(unit({ level: 'district', fullCycleAtDesk: { count: 50, of: 100 } })), 2);
  assert.equal(index5OneStop(unit({ level: 'commune', fullCycleAtDesk: { count: 99, of: 100 } })), 1);
});

test('index 8: no feedback or all on time 2, 90 % on time 1, 89.9 % or a protracted case 0 [Art. 13.8]', () => {
  assert.equal(index8Feedback({ feedback: { received: 0, answeredOnTime: 0, protracted: 0 } }), 2);
  assert.equal(index8Feedback({ feedback: { received: 10, answeredOnTime: 10, protracted: 0 } }), 2);
  assert.equal(index8Feedback({ feedback: { received: 10, answeredOnTime: 9, protracted: 0 } }), 1);
  assert.equal(index8Feedback({ feedback: { received: 1000, answeredOnTime: 899, protracted: 0 } }), 0);
  assert.equal(index8Feedback({ feedback: { received: 10, answeredOnTime: 10, protracted: 1 } }), 0);
  assert.equal(index8Feedback({ feedback: null }), null);
});

test('index 9: online share 30 % earns 2, 29.9 % earns 1, 15 % earns 1, 14.9 % earns 0 [Art. 13.9]', () => {
  const u = (count: number) => ({ onlineOffered: { count: 2, of: 10 }, onlineDossiers: { count, of: 1000 }, onlineLateOrOverdue: 0 });
  assert.equal(index9Online(u(300)), 2);
  assert.equal(index9Online(u(299)), 1);
  assert.equal(index9Online(u(150)), 1);
  assert.equal(index9Online(u(149)), 0);
});

test('index 9: fewer than 20 % of procedures online caps at 1, none offered or a late online dossier gives 0 [Art. 13.9]', () => {
  const online = { count: 500, of: 1000 };
  assert.equal(index9Online({ onlineOffered: { count: 199, of: 1000 }, onlineDossiers: online, onlineLateOrOverdue: 0 }), 1);
  assert.equal(index9Online({ onlineOffered: { count: 0, of: 10 }, onlineDossiers: online, onlineLateOrOverdue: 0 }), 0);
  assert.equal(index9Online({ onlineOffered: { count: 5, of: 10 }, onlineDossiers: online, onlineLateOrOverdue: 1 }), 0);
});

// ── aggregation and classes ──
test('an index is averaged over the dossiers that have data for it, rounded to one decimal [Art. 15.1]', () => {
  const a = averageIndex(3, [{ 3: 2 }, { 3: 1 }, { 3: null }, { 3: 2 }]);
  assert.deepEqual(a, { index: 3, tenths: 17, dossiers: 3 }); // 5/3 = 1.67 → 1.7
  assert.deepEqual(averageIndex(3, [{ 3: null }]), { index: 3, tenths: null, dossiers: 0 });
});

test('an officer is classed ≥ 5 complete, 3.5 to < 5 mostly complete, < 3.5 incomplete [Art. 15.2.a]', () => {
  assert.equal(officerClass(50), 'complete');
  assert.equal(officerClass(49), 'mostly-complete');
  assert.equal(officerClass(35), 'mostly-complete');
  assert.equal(officerClass(34), 'incomplete');
});

test('an agency is classed ≥ 15 excellent, 12 good, 9 fair, 6 average, below 6 weak, each lower bound inclusive [Art. 15.2.b]', () => {
  assert.equal(agencyClass(180), 'excellent');
  assert.equal(agencyClass(150), 'excellent');
  assert.equal(agencyClass(149), 'good');
  assert.equal(agencyClass(120), 'good');
  assert.equal(agencyClass(119), 'fair');
  assert.equal(agencyClass(90), 'fair');
  assert.equal(agencyClass(89), 'average');
  assert.equal(agencyClass(60), 'average');
  assert.equal(agencyClass(59), 'weak');
});

test("an officer's total sums indices 1, 2, 3, 4, 7 (max 10) and leaves out an index without data [Art. 15]", () => {
  const s = scoreOfficer([scoreDossier(facts({ totalTime: 'shorter', unitTimes: [] })), scoreDossier(facts({ totalTime: 'equal', unitTimes: [] }))]);
  // index 1: (2+1)/2 = 1.5; index 2: no data; index 3: 2; index 4: 1 (direct); index 7: 1.5
  assert.deepEqual(s.indices.map((i) => i.tenths), [15, null, 20, 10, 15]);
  assert.equal(s.total, 60);
  assert.equal(s.max, 100);
  assert.equal(s.class, 'complete');
  assert.equal(scoreOfficer([]).class, null);
});

test('an agency totals the per-dossier averages and the unit indices 5, 6, 8, 9 (max 18)', () => {
  const d = [scoreDossier(facts({ totalTime: 'shorter', unitTimes: ['shorter'], channel: 'online' }))];
  const s = scoreAgency(d, unit({ publication: 'posted-or-electronic' }));
  assert.deepEqual(s.indices.map((i) => i.tenths), [20, 20, 20, 20, 20, 10, 20, 20, 20]);
  assert.equal(s.total, 170);
  assert.equal(s.class, 'excellent');
  // without a unit assessment, index 6 comes from the dossiers
  assert.equal(scoreAgency(d, unit()).indices[5]!.tenths, 20);
});

test('periods are quarters or years in the Vietnamese calendar; anything else is refused [Art. 15.3]', () => {
  assert.deepEqual(parsePeriod('2026-Q3'), { label: '2026-Q3', kind: 'quarter', year: 2026, quarter: 3, fromDate: '2026-07-01', toDateExclusive: '2026-10-01' });
  assert.equal(parsePeriod('2026-Q4')!.toDateExclusive, '2027-01-01');
  assert.equal(parsePeriod('2026')!.fromDate, '2026-01-01');
  assert.equal(parsePeriod('2026-Q5'), null);
  assert.equal(parsePeriod('26'), null);
});

// ── Decision 766 ──
const noData = (): IndicatorInputs => Object.fromEntries(INDICATORS.map((i) => [i.key, null])) as IndicatorInputs;

test('Decision 766 indicators add up to publicity 18, progress 20, digitisation 22, online 22, satisfaction 18 = 100', () => {
  for (const [g, pts] of Object.entries(GROUP_POINTS)) {
    assert.equal(INDICATORS.filter((i) => i.group === g).reduce((s, i) => s + i.points, 0), pts, g);
  }
  assert.equal(Object.values(GROUP_POINTS).reduce((a, b) => a + b, 0), 100);
});

test('Decision 766: every indicator at 100 % scores 100 and an indicator earns its points times its rate', () => {
  const all = Object.fromEntries(INDICATORS.map((i) => [i.key, { count: 7, of: 7 }])) as IndicatorInputs;
  const full = computeServiceIndex(all);
  assert.equal(full.tenths, 1000);
  assert.equal(full.normalisedTenths, 1000);
  assert.equal(full.class, 'excellent');
  const half = computeServiceIndex({ ...all, resolvedOnTime: { count: 1, of: 2 } });
  assert.equal(half.groups.find((g) => g.group === 'progress')!.tenths, 140); // 6 + 8
  assert.equal(half.tenths, 940);
});

test('Decision 766: an indicator with nothing to measure is left out and the index is scaled to 100 over what was measured', () => {
  const r = computeServiceIndex({ ...noData(), resolvedOnTime: { count: 3, of: 4 }, dossiersOnline: { count: 0, of: 0 } });
  assert.equal(r.measuredPoints, 12);
  assert.equal(r.tenths, 90); // 12 × 3/4 = 9.0
  assert.equal(r.normalisedTenths, 750);
  assert.equal(r.class, 'good');
  assert.equal(computeServiceIndex(noData()).class, null);
});

test('Decision 766 bands: 90 excellent, 89.9 good, 50 fair, 49.9 weak', () => {
  assert.equal(serviceClass(900), 'excellent');
  assert.equal(serviceClass(899), 'good');
  assert.equal(serviceClass(500), 'fair');
  assert.equal(serviceClass(499), 'weak');
});
