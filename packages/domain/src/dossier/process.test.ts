import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultProcess, previousStep, validateProcess, type ProcessDefinition } from './process.ts';

const full = (): ProcessDefinition => ({
  name: 'Cấp phiếu lý lịch tư pháp',
  steps: [
    { code: 'TN', name: 'Tiếp nhận', stage: 'reception', role: 'reception', budgetHours: 4, assignment: 'group', next: 'PC' },
    { code: 'PC', name: 'Phân công', stage: 'processing', role: 'head', departmentCode: 'HCTP', budgetHours: 4, assignment: 'group', next: 'TD' },
    { code: 'TD', name: 'Thẩm định', stage: 'processing', role: 'specialist', departmentCode: 'HCTP', budgetHours: 40, assignment: 'person', next: 'DUYET' },
    { code: 'DUYET', name: 'Trưởng phòng duyệt', stage: 'review', role: 'head', departmentCode: 'HCTP', budgetHours: 8, assignment: 'group', next: 'KY', rejectTo: 'TD' },
    { code: 'KY', name: 'Lãnh đạo ký', stage: 'signing', role: 'leader', budgetHours: 8, assignment: 'group', next: 'TKQ', rejectTo: 'TD' },
    { code: 'TKQ', name: 'Trả kết quả', stage: 'return', role: 'reception', budgetHours: 0, assignment: 'group', next: null },
  ],
});

test('a complete process with review and signing validates without errors [003 Art. 22]', () => {
  assert.deepEqual(validateProcess(full(), 80), { errors: [], warnings: [] });
});

test('step budgets above the legal time limit are a warning, not an error', () => {
  const r = validateProcess(full(), 40);
  assert.equal(r.errors.length, 0);
  assert.equal(r.warnings[0]?.field, 'steps');
});

test('the first step must be reception and the last the one return step', () => {
  const d = full();
  d.steps.reverse();
  const fields = validateProcess(d, null).errors.map((e) => e.field);
  assert.ok(fields.includes('steps.0.stage'));
  assert.ok(fields.includes('steps.5.stage'));
});

test('an unknown next step, a review without a reject target and a duplicate code are named', () => {
  const d = full();
  d.steps[2]!.next = 'NOPE';
  delete d.steps[3]!.rejectTo;
  d.steps[4]!.code = 'TD';
  const fields = validateProcess(d, null).errors.map((e) => e.field).sort();
  // renaming KY to TD also leaves DUYET's next pointing nowhere
  assert.deepEqual(fields, ['steps.2.next', 'steps.3.next', 'steps.3.rejectTo', 'steps.4.code']);
});

test('a step nobody can reach, and a loop with no way to the result, are refused', () => {
  const d = full();
  d.steps.splice(1, 0, { code: 'XX', name: 'Bước thừa', stage: 'processing', role: 'specialist', budgetHours: 1, assignment: 'group', next: 'TD' });
  assert.deepEqual(validateProcess(d, null).errors.map((e) => e.field), ['steps.1.code']);
  const loop = full();
  loop.steps[2]!.next = 'PC'; // TD → PC → TD …
  assert.ok(validateProcess(loop, null).errors.some((e) => e.field === 'steps.1.next'));
});

test('reception and return steps belong to the one-stop desk', () => {
  const d = full();
  d.steps[0]!.role = 'specialist';
  assert.deepEqual(validateProcess(d, null).errors.map((e) => e.field), ['steps.0.role']);
});

test('the default three-stage process (receive → resolve → return) is valid and gives the whole time limit to resolving [003 Art. 22.2.c]', () => {
  const d = defaultProcess(40);
  assert.deepEqual(validateProcess(d, 40), { errors: [], warnings: [] });
  assert.deepEqual(d.steps.map((s) => s.stage), ['reception', 'processing', 'return']);
  assert.equal(previousStep(d, 'GQ')?.code, 'TN');
});
