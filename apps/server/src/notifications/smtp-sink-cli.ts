/**
 * For tests only: runs the SMTP sink (smtp-sink.ts) as its own process and writes every message it
 * accepts to MAIL_SINK_DIR as JSON ({ to, subject, text }), so that the browser tests can read the
 * mail a real server sent — e.g. the verification code of a registration. Prints
 * `SMTP_URL=smtp://127.0.0.1:<port>` on its first line. scripts/test.mjs starts it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startSmtpSink } from './smtp-sink.ts';

const dir = process.env.MAIL_SINK_DIR;
if (!dir) throw new Error('MAIL_SINK_DIR is required');
fs.mkdirSync(dir, { recursive: true });
const sink = await startSmtpSink();
let written = 0;
const flush = () => {
  while (written < sink.received.length) {
    const m = sink.received[written]!;
    const file = path.join(dir, `${String(written).padStart(5, '0')}.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ to: m.envelope.to, subject: m.parsed.subject ?? '', text: m.parsed.text ?? '' }));
    fs.renameSync(`${file}.tmp`, file);
    written++;
  }
};
const timer = setInterval(flush, 50);
process.stdout.write(`SMTP_URL=${sink.url}\n`);
const stop = () => {
  clearInterval(timer);
  flush();
  void sink.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
