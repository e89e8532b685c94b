import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { BASE_URL, DEMO_PASSWORD } from './browser.ts';

/**
 * Helpers shared by the citizen browser tests: the mail the server sent (scripts/test.mjs runs a
 * local SMTP server and passes its folder as MAIL_SINK_DIR), a valid PDF, and officers acting
 * through the API.
 */
const MAIL_DIR = process.env.MAIL_SINK_DIR ?? '';

/** The 6-digit code of the newest message to `to` (waits for the server's worker to send it). */
export async function codeFromMail(to: string): Promise<string> {
  assert.ok(MAIL_DIR, 'MAIL_SINK_DIR is set by scripts/test.mjs');
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mails = fs
      .readdirSync(MAIL_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(fs.readFileSync(path.join(MAIL_DIR, f), 'utf8')) as { to: string[]; subject: string; text: string })
      .filter((m) => m.to.includes(to));
    const m = /(?<!\d)(\d{6})(?!\d)/.exec(mails.at(-1)?.text ?? '');
    if (m) return m[1]!;
    if (Date.now() > deadline) throw new Error(`no mail with a code reached ${to}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A one-page PDF with a correct cross-reference table (the server sniffs and scans uploads). */
export function minimalPdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
  const bodies = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  bodies.forEach((b, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${b}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The signed-in page's API, with its CSRF token. */
export async function pageApi(page: Page, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, data?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'motcua_csrf')?.value ?? '';
  const r = method === 'GET' ? await page.request.get(url) : await page.request.fetch(url, { method, data: data as object, headers: { 'x-csrf-token': csrf, ...headers } });
  return { status: r.status(), json: (await r.json().catch(() => ({}))) as Record<string, unknown> };
}

export interface Officer {
  post: (url: string, data: unknown) => Promise<{ status: number; json: Record<string, unknown> }>;
  upload: (name: string, body: Buffer) => Promise<string>;
  ctx: APIRequestContext;
}

/** A demo officer signed in through the API (password of the demo province). */
export async function officer(username: string): Promise<Officer> {
  const ctx = await request.newContext({ baseURL: BASE_URL });
  const r = await ctx.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
  assert.equal(r.status(), 200, await r.text());
  const csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
  return {
    ctx,
    post: async (url, data) => {
      const res = await ctx.post(url, { data: data as object, headers: { 'x-csrf-token': csrf } });
      return { status: res.status(), json: (await res.json().catch(() => ({}))) as Record<string, unknown> };
    },
    upload: async (name, body) => {
      const res = await ctx.post('/api/v1/files', { multipart: { file: { name, mimeType: 'application/pdf', buffer: body } }, headers: { 'x-csrf-token': csrf } });
      assert.equal(res.status(), 201, await res.text());
      return ((await res.json()) as { id: string }).id;
    },
  };
}
