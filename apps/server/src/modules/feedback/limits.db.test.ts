import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createTestDb } from '../../testing/db.ts';
import { A, createFixture } from '../../testing/fixture.ts';
import { problem } from '../../testing/http.ts';
import { feedbackItems } from '../../db/schema.ts';

// A province configured with its own clock and a low submission limit.
const tdb = await createTestDb();
await createFixture(tdb.db);
const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', FEEDBACK_SUBMISSIONS_PER_HOUR: '2', FEEDBACK_ANSWER_WORKING_DAYS: '15' });
const app = await buildApp({ config, db: tdb.db, pool: tdb.pool, logger: false });
await app.ready();
after(() => app.close());

const body = () => ({ kind: 'feedback', subject: 'service', agencyCode: A, title: 'Cổng chạy chậm', content: 'Trang nộp hồ sơ tải rất chậm vào buổi sáng.', senderName: 'Trần Văn Bình', private: false, idempotencyKey: randomUUID() });
const send = () => app.inject({ method: 'POST', url: '/api/v1/public/feedback', payload: body() });

test("the province's own answer clock applies: 15 working days for feedback when so configured", async () => {
  const r = await send();
  assert.equal(r.statusCode, 201, r.body);
  const row = (await tdb.db.select().from(feedbackItems))[0]!;
  assert.ok(row.dueAt.getTime() - row.receivedAt.getTime() > 15 * 24 * 3600_000, '15 working days are more than 15 calendar days');
});

test('portal submissions beyond the hourly limit of one address are refused with 429 and nothing is written', async () => {
  assert.equal((await send()).statusCode, 201);
  const before = (await tdb.db.select({ n: sql<number>`count(*)::int` }).from(feedbackItems))[0]!.n;
  problem(await send(), 429);
  assert.equal((await tdb.db.select({ n: sql<number>`count(*)::int` }).from(feedbackItems))[0]!.n, before);
});
