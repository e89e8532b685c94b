/**
 * Test helpers shared by the account, document-store and rating API tests: a published procedure,
 * a dossier driven through the real API to its returned result, and mail read from the SMTP sink.
 */
import assert from 'node:assert/strict';
import { A, birthContent } from '../../testing/fixture.ts';
import type { Client, TestContext } from '../../testing/http.ts';
import { createSmtpTransport } from '../../notifications/mailer.ts';
import { deliverDue } from '../../notifications/worker.ts';
import type { SmtpSink } from '../../notifications/smtp-sink.ts';
import { minimalPdf, multipart } from '../../files/testing.ts';

export const PROCEDURE = '1.001193';

export async function publishBirthProcedure(t: TestContext): Promise<void> {
  const admin = await t.as('system_admin.p');
  assert.equal((await admin.post('/api/v1/admin/procedures', { code: PROCEDURE, content: birthContent() })).statusCode, 201);
  assert.equal((await admin.post(`/api/v1/admin/procedures/${PROCEDURE}/versions/1/publish`, { effectiveFrom: '2025-01-01' })).statusCode, 200);
}

/** A real upload through POST /api/v1/files (sniffed, stored): answers the file id. */
export async function uploadPdf(c: Client, name = 'giay-chung-sinh.pdf', text = 'Giay chung sinh'): Promise<string> {
  const { payload, headers } = await multipart([{ name: 'file', fileName: name, data: minimalPdf({ text }), type: 'application/pdf' }]);
  const r = await c.req({ method: 'POST', url: '/api/v1/files', payload, headers });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().id;
}

export async function submission(c: Client, over: Record<string, unknown> = {}) {
  return {
    procedureCode: PROCEDURE,
    caseCode: 'TH1',
    agencyCode: A,
    applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234', phone: '0912345678', email: 'huong@example.vn' },
    forms: { TK: { hoTen: 'Nguyễn Thị Hương', cccd: '066190001234', ngaySinh: '1990-05-01' } },
    files: [{ componentCode: 'GCS', fileId: await uploadPdf(c) }],
    resultChannel: 'online',
    notifyChannels: ['in-app'],
    ...over,
  };
}

/** Signed in once per test file: sign-in is rate-limited (20 a minute per address). */
const staff = new WeakMap<TestContext, Promise<{ desk: Client; spec: Client }>>();
function staffOf(t: TestContext) {
  let s = staff.get(t);
  if (!s) {
    s = Promise.all([t.as('reception.a'), t.as('specialist.a')]).then(([desk, spec]) => ({ desk, spec }));
    staff.set(t, s);
  }
  return s;
}

/**
 * Submits as `citizen`, accepts at desk A, resolves with `resultFileId` (uploaded by the
 * specialist) and returns the result: a dossier in phase 'returned'. Answers { id, code }.
 */
export async function returnedDossier(t: TestContext, citizen: Client, opts: { result?: boolean; stopAt?: 'submitted' | 'result-ready' } = {}): Promise<{ id: string; code: string | null; resultFileId: string | null }> {
  const { desk, spec } = await staffOf(t);
  const r0 = await citizen.post('/api/v1/dossiers', await submission(citizen));
  assert.equal(r0.statusCode, 201, r0.body);
  const d = r0.json();
  if (opts.stopAt === 'submitted') return { id: d.id, code: null, resultFileId: null };
  const act = async (c: Client, body: unknown) => {
    const r = await c.post(`/api/v1/dossiers/${d.id}/actions`, body);
    assert.equal(r.statusCode, 200, r.body);
    return r.json();
  };
  await act(desk, { type: 'accept' });
  await act(desk, { type: 'forward' });
  const resultFileId = opts.result ? await uploadPdf(spec, 'giay-khai-sinh.pdf', 'Giay khai sinh') : null;
  const r = await act(spec, { type: 'send-result', results: [{ fileId: resultFileId, name: 'Giấy khai sinh' }] });
  if (opts.stopAt === 'result-ready') return { id: d.id, code: r.code, resultFileId };
  const done = await act(desk, { type: 'return-result', how: 'online' });
  assert.equal(done.phase, 'returned');
  return { id: d.id, code: done.code, resultFileId };
}

const quiet = { info() {}, warn() {}, error() {} };

/** Delivers the outbox to the sink and answers the messages sent to `to` since `from`. */
export async function mailTo(t: TestContext, sink: SmtpSink, to: string): Promise<{ subject: string; text: string }[]> {
  const mail = createSmtpTransport({ url: sink.url });
  try {
    while ((await deliverDue({ db: t.db, mail, publicUrl: 'https://dichvucong.example.vn', log: quiet })) > 0);
  } finally {
    mail.close?.();
  }
  return sink.received.filter((m) => m.envelope.to.includes(to)).map((m) => ({ subject: m.parsed.subject ?? '', text: m.parsed.text ?? '' }));
}

/** The 6-digit code in the last message to `to`. */
export async function lastCode(t: TestContext, sink: SmtpSink, to: string): Promise<string> {
  const msgs = await mailTo(t, sink, to);
  const m = /(?<!\d)(\d{6})(?!\d)/.exec(msgs.at(-1)?.text ?? '');
  assert.ok(m, `no code in the mail to ${to}: ${msgs.at(-1)?.text}`);
  return m[1]!;
}
