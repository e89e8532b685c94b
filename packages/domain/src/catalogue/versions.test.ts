import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planPublish, planRetire, versionInForce, type VersionRow } from './versions.ts';

const v1: VersionRow = { version: 1, status: 'published', effectiveFrom: '2025-01-01', effectiveTo: null };
const v2: VersionRow = { version: 2, status: 'draft', effectiveFrom: null, effectiveTo: null };

test('publishing a new version closes the previous one on the day before it takes effect', () => {
  const r = planPublish([v1, v2], 2, '2025-07-01');
  assert.ok(r.ok);
  assert.deepEqual(r.updates, [
    { version: 1, status: 'published', effectiveFrom: '2025-01-01', effectiveTo: '2025-06-30' },
    { version: 2, status: 'published', effectiveFrom: '2025-07-01', effectiveTo: null },
  ]);
});

test('a version cannot take effect on or before the day the current one did (earlier dossiers keep their version)', () => {
  assert.deepEqual(planPublish([v1, v2], 2, '2025-01-01'), { ok: false, reason: 'effective-before-current' });
});

test('only a draft can be published', () => {
  assert.deepEqual(planPublish([v1, v2], 1, '2026-01-01'), { ok: false, reason: 'not-a-draft' });
  assert.deepEqual(planPublish([v1, v2], 9, '2026-01-01'), { ok: false, reason: 'no-such-version' });
});

test('the version in force on a date is the latest published one whose period covers it', () => {
  const closed = { ...v1, effectiveTo: '2025-06-30' };
  const v2p: VersionRow = { version: 2, status: 'published', effectiveFrom: '2025-07-01', effectiveTo: null };
  assert.equal(versionInForce([closed, v2p], '2025-06-30')?.version, 1);
  assert.equal(versionInForce([closed, v2p], '2025-07-01')?.version, 2);
  assert.equal(versionInForce([closed, v2p], '2024-12-31'), null);
  assert.equal(versionInForce([v2], '2030-01-01'), null);
});

test('a retired version ends on the retirement date and a draft cannot be retired', () => {
  const r = planRetire([v1], 1, '2026-03-01');
  assert.ok(r.ok && r.update.status === 'retired' && r.update.effectiveTo === '2026-03-01');
  assert.deepEqual(planRetire([v2], 2, '2026-03-01'), { ok: false, reason: 'not-a-draft' });
});
