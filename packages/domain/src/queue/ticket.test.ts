import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkQueueConfig, ticketLabel } from './ticket.ts';

test('a ticket shows its group letter and a three-digit number', () => {
  assert.equal(ticketLabel('A', 7), 'A007');
  assert.equal(ticketLabel('B', 1234), 'B1234');
});

test('a queue configuration with duplicate codes or a counter serving a missing group is refused field by field', () => {
  const errs = checkQueueConfig({
    groups: [
      { code: 'A', name: 'Hộ tịch' },
      { code: 'A', name: 'Chứng thực' },
    ],
    counters: [
      { code: '1', name: 'Quầy 1', groupCodes: ['A', 'C'] },
      { code: '1', name: 'Quầy 1b', groupCodes: ['A'] },
    ],
  });
  assert.deepEqual(errs.map((e) => e.field), ['groups.1.code', 'counters.0.groupCodes.1', 'counters.1.code']);
});
