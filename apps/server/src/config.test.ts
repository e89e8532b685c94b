import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.ts';

test('with no environment the server listens on 3000 with its data in ./data and seeds the demo province', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.match(c.dataDir, /\/data$/);
  assert.equal(c.databaseUrl, null);
  assert.equal(c.seedDemo, true);
  assert.equal(c.publicUrl, 'http://localhost:3000');
});

test('a bad value stops the server with a message naming the variable', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message));
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), (e: unknown) => e instanceof ConfigError && /DATABASE_URL/.test(e.message));
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), (e: unknown) => e instanceof ConfigError && /LOG_LEVEL/.test(e.message));
});

test('an https PUBLIC_URL makes session cookies Secure', () => {
  assert.equal(loadConfig({ PUBLIC_URL: 'https://dichvucong.daklak.gov.vn/' }).secureCookies, true);
  assert.equal(loadConfig({ PUBLIC_URL: 'https://dichvucong.daklak.gov.vn/' }).publicUrl, 'https://dichvucong.daklak.gov.vn');
});

test('the feedback answer clocks default to 13 and 15 working days and refuse nonsense [001 Art. 21.4; 002 Art. 13.3.b]', () => {
  assert.deepEqual(loadConfig({}).feedbackClocks, { feedbackWorkingDays: 13, questionWorkingDays: 15 });
  assert.equal(loadConfig({ FEEDBACK_ANSWER_WORKING_DAYS: '15' }).feedbackClocks.feedbackWorkingDays, 15);
  assert.throws(() => loadConfig({ FEEDBACK_ANSWER_WORKING_DAYS: '0' }), (e: unknown) => e instanceof ConfigError && /FEEDBACK_ANSWER_WORKING_DAYS/.test(e.message));
});
