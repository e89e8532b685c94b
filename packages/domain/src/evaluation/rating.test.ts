import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ratingPoints, ratingRefusal } from './rating.ts';

test('a dossier is rated only after its result is returned, and only once per code [002 Art. 12.1]', () => {
  assert.equal(ratingRefusal({ phase: 'returned', code: 'X' }, false), null);
  assert.equal(ratingRefusal({ phase: 'result-ready', code: 'X' }, false), 'not-completed');
  assert.equal(ratingRefusal({ phase: 'submitted', code: null }, false), 'not-completed');
  assert.equal(ratingRefusal({ phase: 'returned', code: 'X' }, true), 'already-rated');
});

test('levels score 2 / 1 / 0 points (Circular 01/2018 Art. 13)', () => {
  assert.deepEqual([ratingPoints('very_satisfied'), ratingPoints('satisfied'), ratingPoints('not_satisfied')], [2, 1, 0]);
});
