import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileCalendar, defaultCalendarDefinition, formatInstant, instantAt, OFFICIAL_SCHEDULES } from '../calendar/index.ts';
import { answerDue, entryDue, feedbackWarning, isProtracted, publicSenderName } from './feedback.ts';

const cal = compileCalendar(defaultCalendarDefinition(OFFICIAL_SCHEDULES), 2024, 2027);
const at = (d: string, t: string) => instantAt(d, t);
const fmt = (t: number) => formatInstant(t).slice(0, 16);

test('feedback is due 13 working days after receipt, the National Day holiday 31/8–2/9/2026 not counted [001 Art. 21.4]', () => {
  // without the holiday it would be Wed 9 September
  assert.equal(fmt(answerDue('feedback', at('2026-08-24', '07:30'), cal)), '2026-09-14T17:00');
  assert.equal(fmt(answerDue('recommendation', at('2026-08-24', '07:30'), cal)), '2026-09-14T17:00');
});

test('a question is due 15 working days after receipt [002 Art. 13.3.b]', () => {
  assert.equal(fmt(answerDue('question', at('2026-08-24', '07:30'), cal)), '2026-09-16T17:00');
});

test('the answer clocks are the province setting: a province with 15 days for feedback gets 15', () => {
  assert.equal(fmt(answerDue('feedback', at('2026-08-24', '07:30'), cal, { feedbackWorkingDays: 15, questionWorkingDays: 15 })), '2026-09-16T17:00');
});

test('feedback received after hours counts from the next working session, a make-up Saturday included', () => {
  // Fri 21/8 18:00 → Sat 22/8 is a make-up working day in 2026
  assert.equal(fmt(answerDue('feedback', at('2026-08-21', '18:00'), cal)), '2026-09-11T17:00');
});

test('off-line feedback must be entered within 8 working hours of its arrival [001 Art. 21.3]', () => {
  assert.equal(fmt(entryDue(at('2026-08-28', '16:00'), cal)), '2026-09-03T16:00');
});

test('an unanswered item warns overdue after its due instant and due-soon with less than one working day left; an answered one never warns', () => {
  const due = at('2026-09-14', '17:00');
  assert.equal(feedbackWarning(at('2026-09-14', '17:01'), due, null, cal), 'overdue');
  assert.equal(feedbackWarning(at('2026-09-14', '08:00'), due, null, cal), 'due-soon');
  assert.equal(feedbackWarning(at('2026-09-11', '17:00'), due, null, cal), 'not-due');
  assert.equal(feedbackWarning(at('2026-09-20', '08:00'), due, at('2026-09-10', '08:00'), cal), null);
});

test('feedback is protracted when still unanswered more than one whole answer clock after its due instant', () => {
  const due = at('2026-09-14', '17:00');
  assert.equal(isProtracted('feedback', due, null, at('2026-09-30', '17:00'), cal), false);
  assert.equal(isProtracted('feedback', due, null, at('2026-10-05', '08:00'), cal), true);
  assert.equal(isProtracted('feedback', due, at('2026-09-20', '08:00'), at('2026-10-05', '08:00'), cal), false);
});

test('public lists shorten the sender to initials and the given name', () => {
  assert.equal(publicSenderName('Nguyễn Thị Hương'), 'N. T. Hương');
  assert.equal(publicSenderName('  trần   bình '), 'T. bình');
});
