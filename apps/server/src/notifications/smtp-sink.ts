/**
 * For tests and local development only: a real SMTP server on 127.0.0.1 (smtp-server) that keeps
 * every message it accepts, parsed by mailparser — the local stand-in that speaks the real
 * protocol (ARCHITECTURE: "an external service … a local stand-in server speaking the real
 * protocol"). Not imported by production code.
 */
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface Received {
  raw: string;
  envelope: { from: string; to: string[] };
  user: string | null;
  parsed: ParsedMail;
}

export interface SinkOptions {
  /** Refuse a recipient: return the error the server answers with (set `responseCode`). */
  onRcptTo?: (address: string) => (Error & { responseCode?: number }) | null;
  /** Hold each message this long before accepting it (a slow server). */
  delayMs?: number;
  /** Require these credentials (over plain text: this is a loopback test server). */
  auth?: { user: string; pass: string };
}

export interface SmtpSink {
  port: number;
  url: string;
  received: Received[];
  /** Resolves when a message starts its DATA phase (it is in flight). */
  dataStarted(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpSink(opts: SinkOptions = {}): Promise<SmtpSink> {
  const received: Received[] = [];
  let onData: (() => void)[] = [];
  const server = new SMTPServer({
    logger: false,
    // No STARTTLS: nodemailer would upgrade and then refuse the server's self-signed certificate.
    disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    closeTimeout: 200,
    onAuth(auth, _session, cb) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass) return cb(null, { user: auth.username });
      return cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      const err = opts.onRcptTo?.(address.address) ?? null;
      cb(err);
    },
    onData(stream, session, cb) {
      const waiting = onData;
      onData = [];
      for (const w of waiting) w();
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((parsed) => {
          const finish = () => {
            received.push({
              raw: raw.toString('utf8'),
              envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
              user: (session.user as string | undefined) ?? null,
              parsed,
            });
            cb();
          };
          if (opts.delayMs) setTimeout(finish, opts.delayMs);
          else finish();
        }, cb);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    dataStarted: () => new Promise<void>((resolve) => onData.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A server that accepts TCP connections and never says a word: the worst kind of mail server,
 * which only a timeout gets the client out of.
 */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
