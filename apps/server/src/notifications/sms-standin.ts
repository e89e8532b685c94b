/**
 * For tests and local development only: an HTTP server speaking the SMS gateway contract of
 * sms-http.ts, keeping every message it accepts. Not imported by production code.
 */
import http from 'node:http';
import type net from 'node:net';
import { randomUUID } from 'node:crypto';

export interface SmsStandin {
  url: string;
  received: { to: string; text: string; authorization: string | null }[];
  /** Answer this status to the next requests (e.g. 400 = bad number, 503 = try later); null = accept. */
  failWith: number | null;
  close(): Promise<void>;
}

export async function startSmsStandin(opts: { token?: string } = {}): Promise<SmsStandin> {
  const state: SmsStandin = { url: '', received: [], failWith: null, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method !== 'POST') return answer(405, { error: 'POST only' });
      if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) return answer(401, { error: 'bad token' });
      if (state.failWith) return answer(state.failWith, { error: 'refused by the stand-in' });
      let body: { to?: unknown; text?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        return answer(400, { error: 'malformed JSON' });
      }
      if (typeof body.to !== 'string' || !/^\+?\d{9,15}$/.test(body.to) || typeof body.text !== 'string' || !body.text) return answer(400, { error: 'to and text are required' });
      state.received.push({ to: body.to, text: body.text, authorization: req.headers.authorization ?? null });
      return answer(200, { messageId: randomUUID() });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/sms`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
