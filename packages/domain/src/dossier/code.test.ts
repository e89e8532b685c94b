import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDossierCode, isDossierCode, parseDossierCode, resultCode } from './code.ts';

test('a dossier code is the agency identifier, the receipt date YYMMDD and a 4-digit daily sequence [000 Art. 20]', () => {
  assert.equal(formatDossierCode('000.00.15.H12', '2024-11-05', 7), '000.00.15.H12-241105-0007');
  assert.equal(isDossierCode('000.00.15.H12-241105-0007'), true);
  assert.deepEqual(parseDossierCode('000.00.15.H12-241105-0007'), { agencyCode: '000.00.15.H12', receiptDate: '2024-11-05', seq: 7 });
});

test('the sequence runs from 0001 to 9999; anything else is refused', () => {
  assert.throws(() => formatDossierCode('000.00.15.H12', '2024-11-05', 0), RangeError);
  assert.throws(() => formatDossierCode('000.00.15.H12', '2024-11-05', 10000), RangeError);
  assert.equal(formatDossierCode('000.00.15.H12', '2024-11-05', 9999).endsWith('-9999'), true);
  assert.throws(() => formatDossierCode('bad', '2024-11-05', 1), RangeError);
});

test('malformed codes are not dossier codes', () => {
  for (const c of ['000.00.15.H12-2411050-0007', '000.00.15.H12-241105-007', '000.00.15.h12-241105-0007', '000.00.15.H12-241105-0007-KQ1']) assert.equal(isDossierCode(c), false, c);
  assert.equal(parseDossierCode('x'), null);
});

test('several results of one dossier are numbered <code>-KQ<n>', () => {
  assert.equal(resultCode('000.00.15.H12-241105-0007', 2), '000.00.15.H12-241105-0007-KQ2');
  assert.throws(() => resultCode('x', 0), RangeError);
});
