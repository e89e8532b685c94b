import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rollUpCode, subtreeCodes, wouldCreateCycle, type AgencyNode } from './tree.ts';
import { isAgencyCode } from './agency.ts';

const n = (code: string, parentCode: string | null, status: AgencyNode['status'] = 'active', successorCode: string | null = null): AgencyNode => ({ code, parentCode, status, successorCode });
const tree = [n('000.00.00.H12', null), n('000.00.15.H12', '000.00.00.H12'), n('000.15.01.H12', '000.00.15.H12'), n('000.00.16.H12', '000.00.00.H12')];

test('an agency code has 13 characters in the form V1V2V3.Z1Z2.Y1Y2.MX1X2 [000 Art. 20]', () => {
  assert.equal(isAgencyCode('000.00.15.H12'), true);
  for (const bad of ['000.00.15.h12', '00.00.15.H12', '000.00.15.H1', '000-00-15-H12', ' 000.00.15.H12']) assert.equal(isAgencyCode(bad), false, bad);
});

test('an agency scope covers the agency and every agency below it, and nothing beside it', () => {
  const s = subtreeCodes(tree, '000.00.15.H12');
  assert.deepEqual([...s].sort(), ['000.00.15.H12', '000.15.01.H12']);
});

test('an agency cannot be moved under its own descendant', () => {
  assert.equal(wouldCreateCycle(tree, '000.00.15.H12', '000.15.01.H12'), true);
  assert.equal(wouldCreateCycle(tree, '000.15.01.H12', '000.00.16.H12'), false);
});

test('statistics of a merged agency roll up into its last successor, following a chain of merges', () => {
  const t = [...tree, n('000.00.20.H12', null, 'merged', '000.00.21.H12'), n('000.00.21.H12', null, 'merged', '000.00.16.H12')];
  assert.equal(rollUpCode(t, '000.00.20.H12'), '000.00.16.H12');
  assert.equal(rollUpCode(t, '000.00.15.H12'), '000.00.15.H12');
});
