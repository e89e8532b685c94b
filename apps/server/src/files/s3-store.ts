import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { amzDate, EMPTY_SHA256, sha256Hex, signV4, UNSIGNED_PAYLOAD, uriEncode } from './sigv4.ts';
import { assertValidKey, FileNotFoundError, type FileStore, type PutHints } from './store.ts';

export interface S3Config {
  /** `https://s3.example.vn` (an optional path prefix is kept); objects are addressed path-style: `<endpoint>/<bucket>/<key>`. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** An answer of the object store that is not a success, with S3's error code (`SignatureDoesNotMatch` …). */
export class S3Error extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(`S3 ${status} ${code}: ${message}`);
    this.status = status;
    this.code = code;
  }
}

const TIMEOUT_MS = 30_000;
const MAX_ATTEMPTS = 3;
/** A stream of unknown length is buffered (S3 needs Content-Length); above this it is refused. */
const MAX_BUFFERED = 64 * 1024 * 1024;

interface SendOptions {
  body?: Buffer | Readable;
  size?: number;
  payloadHash?: string;
}

/**
 * S3-compatible object storage over its REST protocol: PutObject, GetObject, HeadObject and
 * DeleteObject, signed with AWS Signature V4, path-style addressing (works with AWS S3, MinIO,
 * Ceph RGW, Garage, SeaweedFS …). No SDK: four calls do not need one (README.md).
 *
 * A PUT sends the SHA-256 of the body as `x-amz-content-sha256` when known, so the store itself
 * refuses a body damaged in transit. Requests with a replayable body are retried on a network
 * error or a 5xx answer; a PUT from a stream is not (the stream is spent).
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly cfg: S3Config;
  /** Tests move the clock to check a request signed at another time. */
  now: () => Date = () => new Date();

  constructor(cfg: S3Config) {
    this.cfg = cfg;
    this.base = new URL(cfg.endpoint);
    const Agent = this.base.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 32 });
  }

  /** Releases pooled connections (at shutdown). */
  close(): void {
    this.agent.destroy();
  }

  private pathFor(key: string): string {
    assertValidKey(key);
    const prefix = this.base.pathname.replace(/\/+$/, '');
    return `${prefix}/${uriEncode(this.cfg.bucket, true)}/${uriEncode(key, false)}`;
  }

  async put(key: string, body: Readable | Buffer, hints: PutHints = {}): Promise<{ size: number }> {
    let payload: Buffer | Readable = body;
    let size = hints.size;
    let hash = hints.sha256;
    if (Buffer.isBuffer(body)) {
      size = body.length;
      hash = sha256Hex(body);
    } else if (size === undefined) {
      payload = await bufferStream(body, MAX_BUFFERED);
      size = payload.length;
      hash = sha256Hex(payload);
    }
    const res = await this.send('PUT', key, { body: payload, size, payloadHash: hash ?? UNSIGNED_PAYLOAD });
    await expectOk(res, key);
    return { size: size! };
  }

  async get(key: string): Promise<Readable> {
    const res = await this.send('GET', key);
    if (res.statusCode === 200) return res;
    await expectOk(res, key);
    throw new Error('unreachable');
  }

  async delete(key: string): Promise<void> {
    const res = await this.send('DELETE', key);
    // S3 answers 204 for a missing key too; some compatible stores answer 404.
    if (res.statusCode === 404) {
      res.resume();
      return;
    }
    await expectOk(res, key);
  }

  async exists(key: string): Promise<boolean> {
    const res = await this.send('HEAD', key);
    res.resume();
    if (res.statusCode === 200) return true;
    if (res.statusCode === 404) return false;
    throw new S3Error(res.statusCode ?? 0, res.statusCode === 403 ? 'AccessDenied' : 'HeadFailed', `HEAD ${key}`);
  }

  private async send(method: string, key: string, opts: SendOptions = {}): Promise<http.IncomingMessage> {
    const path = this.pathFor(key); // a bad key is refused before any request
    const replayable = !(opts.body instanceof Readable);
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await this.sendOnce(method, key, path, opts);
        if ((res.statusCode ?? 0) >= 500 && replayable && attempt < MAX_ATTEMPTS) {
          res.resume();
          await sleep(100 * 2 ** attempt);
          continue;
        }
        return res;
      } catch (e) {
        if (!replayable || attempt >= MAX_ATTEMPTS || e instanceof S3Error) throw e;
        await sleep(100 * 2 ** attempt);
      }
    }
  }

  private sendOnce(method: string, key: string, path: string, opts: SendOptions): Promise<http.IncomingMessage> {
    const payloadHash = opts.payloadHash ?? EMPTY_SHA256;
    const headers: Record<string, string> = {
      host: this.base.host,
      'x-amz-content-sha256': payloadHash,
      'x-amz-date': amzDate(this.now()),
    };
    const { authorization } = signV4({
      method,
      canonicalUri: path,
      headers,
      payloadHash,
      region: this.cfg.region,
      accessKeyId: this.cfg.accessKeyId,
      secretAccessKey: this.cfg.secretAccessKey,
    });
    const sent: Record<string, string> = { ...headers, authorization };
    if (method === 'PUT') sent['content-length'] = String(opts.size ?? 0);
    const lib = this.base.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(
        { protocol: this.base.protocol, hostname: this.base.hostname, port: this.base.port || undefined, method, path, headers: sent, agent: this.agent, timeout: TIMEOUT_MS },
        resolve,
      );
      req.on('timeout', () => req.destroy(new Error(`S3 ${method} ${key}: no answer in ${TIMEOUT_MS} ms`)));
      req.on('error', reject);
      const body = opts.body;
      if (body instanceof Readable) {
        body.on('error', (e) => req.destroy(e));
        body.pipe(req);
      } else req.end(body);
    });
  }
}

async function expectOk(res: http.IncomingMessage, key: string): Promise<void> {
  const status = res.statusCode ?? 0;
  const text = (await bufferStream(res, 1024 * 1024)).toString('utf8');
  if (status >= 200 && status < 300) return;
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP${status}`;
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? text.slice(0, 200);
  if (status === 404 && code === 'NoSuchKey') throw new FileNotFoundError(key);
  throw new S3Error(status, code, message);
}

async function bufferStream(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of stream) {
    n += (c as Buffer).length;
    if (n > max) {
      stream.destroy();
      throw new Error(`Body larger than ${max} bytes`);
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
