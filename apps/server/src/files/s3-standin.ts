import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for S3 (development and tests): node:http on 127.0.0.1, objects in memory,
 * path-style `/<bucket>/<key>`, PutObject / GetObject / HeadObject / DeleteObject.
 *
 * Like real S3 it authenticates every request: it recomputes the AWS Signature V4 of the request
 * with its own implementation (deliberately not the client's `sigv4.ts`, so a shared mistake
 * cannot hide) and answers 403 `SignatureDoesNotMatch`, `InvalidAccessKeyId` or
 * `RequestTimeTooSkewed` with S3's XML error body; it checks a signed payload's SHA-256
 * (400 `XAmzContentSHA256Mismatch`) and requires Content-Length on PUT (411).
 */
export interface S3StandIn {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, Buffer>;
  /** Every request answered: method, key, status, S3 error code. */
  log: { method: string; key: string; status: number; code?: string }[];
  close(): Promise<void>;
}

export interface StandInOptions {
  bucket?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Allowed clock difference (S3: 15 minutes). */
  maxSkewMs?: number;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

function hex(b: Buffer): string {
  return b.toString('hex');
}
function hash(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}
function mac(key: Buffer | string, data: string): Buffer {
  return crypto.createHmac('sha256', key).update(data).digest();
}

/** RFC 3986 percent-encoding of a decoded string, keeping only unreserved characters (and '/' in paths). */
function encodeRfc3986(text: string, keepSlash: boolean): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%2F/g, keepSlash ? '/' : '%2F');
}

function parseAuthorization(value: string): { accessKeyId: string; date: string; region: string; service: string; terminator: string; signedHeaders: string[]; signature: string } | null {
  if (!value.startsWith(ALGORITHM + ' ')) return null;
  const fields = new Map<string, string>();
  for (const part of value.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || credential.length !== 5 || !signedHeaders || !signature) return null;
  const [accessKeyId, date, region, service, terminator] = credential as [string, string, string, string, string];
  return { accessKeyId, date, region, service, terminator, signedHeaders: signedHeaders.split(';'), signature };
}

/** The signature real S3 would expect for this request (decoded path re-encoded, query sorted). */
export function expectedSignature(
  req: { method: string; url: string; headers: http.IncomingHttpHeaders },
  signedHeaders: string[],
  secretAccessKey: string,
  region: string,
  service: string,
): string {
  const url = new URL(req.url, 'http://standin');
  const canonicalPath = url.pathname
    .split('/')
    .map((seg) => encodeRfc3986(decodeURIComponent(seg), false))
    .join('/');
  const pairs: [string, string][] = [];
  url.searchParams.forEach((v, k) => pairs.push([encodeRfc3986(k, false), encodeRfc3986(v, false)]));
  pairs.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  const headerLines = signedHeaders.map((name) => {
    const raw = req.headers[name];
    const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
    return `${name}:${value.trim().replace(/ +/g, ' ')}`;
  });
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const canonical = [
    req.method,
    canonicalPath,
    pairs.map((p) => p.join('=')).join('&'),
    headerLines.join('\n') + '\n',
    signedHeaders.join(';'),
    String(req.headers['x-amz-content-sha256'] ?? ''),
  ].join('\n');
  const day = amzDate.slice(0, 8);
  const toSign = `${ALGORITHM}\n${amzDate}\n${day}/${region}/${service}/aws4_request\n${hash(canonical)}`;
  let key = mac('AWS4' + secretAccessKey, day);
  key = mac(key, region);
  key = mac(key, service);
  key = mac(key, 'aws4_request');
  return hex(mac(key, toSign));
}

function parseAmzDate(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
}

export async function startS3StandIn(opts: StandInOptions = {}): Promise<S3StandIn> {
  const bucket = opts.bucket ?? 'motcua-test';
  const region = opts.region ?? 'ap-southeast-1';
  const accessKeyId = opts.accessKeyId ?? 'STANDINACCESSKEY0001';
  const secretAccessKey = opts.secretAccessKey ?? crypto.randomBytes(30).toString('base64');
  const maxSkew = opts.maxSkewMs ?? 15 * 60_000;
  const objects = new Map<string, Buffer>();
  const log: S3StandIn['log'] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://standin').pathname;
      const slash = path.indexOf('/', 1);
      const reqBucket = decodeURIComponent(slash < 0 ? path.slice(1) : path.slice(1, slash));
      const key = slash < 0 ? '' : decodeURIComponent(path.slice(slash + 1));
      const method = req.method ?? 'GET';
      const answer = (status: number, code?: string, message?: string, headers: Record<string, string> = {}, payload?: Buffer) => {
        log.push({ method, key, status, ...(code ? { code } : {}) });
        if (code) {
          const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message ?? code}</Message><Key>${key}</Key><RequestId>${crypto.randomUUID()}</RequestId></Error>`;
          res.writeHead(status, { 'content-type': 'application/xml', ...(method === 'HEAD' ? {} : { 'content-length': Buffer.byteLength(xml) }) });
          res.end(method === 'HEAD' ? undefined : xml);
          return;
        }
        res.writeHead(status, headers);
        res.end(method === 'HEAD' ? undefined : payload);
      };

      // ── authentication, in the order S3 checks ──
      const auth = parseAuthorization(String(req.headers.authorization ?? ''));
      if (!auth) return answer(403, 'AccessDenied', 'Anonymous access is not allowed');
      if (auth.accessKeyId !== accessKeyId) return answer(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
      if (auth.region !== region || auth.service !== 's3' || auth.terminator !== 'aws4_request')
        return answer(400, 'AuthorizationHeaderMalformed', `the region '${auth.region}' is wrong; expecting '${region}'`);
      const amzDate = String(req.headers['x-amz-date'] ?? '');
      const at = parseAmzDate(amzDate);
      if (Number.isNaN(at) || amzDate.slice(0, 8) !== auth.date) return answer(403, 'AccessDenied', 'Missing or bad x-amz-date');
      if (Math.abs(Date.now() - at) > maxSkew) return answer(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
      const contentSha = String(req.headers['x-amz-content-sha256'] ?? '');
      if (!contentSha) return answer(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
      for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256']) {
        if (!auth.signedHeaders.includes(required)) return answer(403, 'AccessDenied', `Header ${required} must be signed`);
      }
      const want = expectedSignature({ method, url: req.url ?? '/', headers: req.headers }, auth.signedHeaders, secretAccessKey, region, 's3');
      const given = Buffer.from(auth.signature, 'utf8');
      if (given.length !== want.length || !crypto.timingSafeEqual(given, Buffer.from(want, 'utf8')))
        return answer(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
      if (contentSha !== 'UNSIGNED-PAYLOAD' && contentSha !== hash(body))
        return answer(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");

      // ── the object API ──
      if (reqBucket !== bucket) return answer(404, 'NoSuchBucket', 'The specified bucket does not exist');
      if (!key) return answer(405, 'MethodNotAllowed', 'Only object operations are implemented');
      const found = objects.get(key);
      switch (method) {
        case 'PUT': {
          if (req.headers['content-length'] === undefined) return answer(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
          objects.set(key, body);
          return answer(200, undefined, undefined, { etag: `"${crypto.createHash('md5').update(body).digest('hex')}"`, 'content-length': '0' });
        }
        case 'GET':
        case 'HEAD':
          if (!found) return answer(404, 'NoSuchKey', 'The specified key does not exist.');
          return answer(200, undefined, undefined, { 'content-type': 'application/octet-stream', 'content-length': String(found.length), etag: `"${crypto.createHash('md5').update(found).digest('hex')}"` }, found);
        case 'DELETE':
          objects.delete(key);
          return answer(204);
        default:
          return answer(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    objects,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
