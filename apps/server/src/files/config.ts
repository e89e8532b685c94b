import path from 'node:path';
import type { S3Config } from './s3-store.ts';

/**
 * File store configuration from the environment, validated at start: a bad value stops the server
 * with a message naming the variable (like `loadConfig`).
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | FILE_STORE | local | `local` (a directory) or `s3` (S3-compatible object storage) |
 * | FILE_STORE_DIR | DATA_DIR/files | the directory of the local store |
 * | MAX_UPLOAD_MB | 20 | largest accepted upload, in MiB (decimals allowed; at most 2047: `files.size` is an int4) |
 * | S3_ENDPOINT | – | with FILE_STORE=s3: `https://host[:port][/prefix]`, path-style addressing |
 * | S3_BUCKET | – | with FILE_STORE=s3 |
 * | S3_REGION | us-east-1 | the region the signature is scoped to (MinIO and most others accept us-east-1) |
 * | S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY | – | with FILE_STORE=s3 |
 *
 * Uploads are spooled to `DATA_DIR/tmp/uploads` while they are checked (local disk even with S3).
 */
export interface FileStoreConfig {
  kind: 'local' | 's3';
  localDir: string;
  spoolDir: string;
  maxBytes: number;
  s3: S3Config | null;
}

export class FileStoreConfigError extends Error {}

const MAX_MB = 2047;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function loadFileStoreConfig(env: NodeJS.ProcessEnv = process.env, opts: { dataDir?: string } = {}): FileStoreConfig {
  const problems: string[] = [];
  // A secret is never echoed back, even in an error.
  const shown = (name: string) => (name.includes('SECRET') && env[name] ? '"***"' : JSON.stringify(env[name] ?? ''));
  const bad = (name: string, why: string) => problems.push(`  ${name}=${shown(name)}: ${why}`);
  const get = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };

  const dataDir = path.resolve(opts.dataDir ?? get('DATA_DIR') ?? './data');
  const kind = get('FILE_STORE') ?? 'local';
  if (kind !== 'local' && kind !== 's3') bad('FILE_STORE', 'must be "local" or "s3"');

  let maxBytes = 20 * 1024 * 1024;
  const mb = get('MAX_UPLOAD_MB');
  if (mb !== undefined) {
    const n = /^\d+(\.\d+)?$/.test(mb) ? Number(mb) : NaN;
    if (!(n > 0 && n <= MAX_MB)) bad('MAX_UPLOAD_MB', `must be a number of MiB greater than 0 and at most ${MAX_MB}`);
    else maxBytes = Math.max(1, Math.floor(n * 1024 * 1024));
  }

  let s3: S3Config | null = null;
  if (kind === 's3') {
    const endpoint = get('S3_ENDPOINT');
    const bucket = get('S3_BUCKET');
    const region = get('S3_REGION') ?? 'us-east-1';
    const accessKeyId = get('S3_ACCESS_KEY_ID');
    const secretAccessKey = get('S3_SECRET_ACCESS_KEY');
    let url: URL | null = null;
    try {
      url = endpoint ? new URL(endpoint) : null;
    } catch {
      url = null;
    }
    if (!endpoint) bad('S3_ENDPOINT', 'required with FILE_STORE=s3');
    else if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username) bad('S3_ENDPOINT', 'must be an http(s) URL without query, fragment or credentials');
    if (!bucket) bad('S3_BUCKET', 'required with FILE_STORE=s3');
    else if (!BUCKET.test(bucket) || bucket.includes('..')) bad('S3_BUCKET', 'not a valid bucket name (3–63 characters: a–z, 0–9, dot, hyphen)');
    if (!/^[a-z0-9-]{2,32}$/.test(region)) bad('S3_REGION', 'not a region name (e.g. us-east-1)');
    if (!accessKeyId) bad('S3_ACCESS_KEY_ID', 'required with FILE_STORE=s3');
    if (!secretAccessKey) bad('S3_SECRET_ACCESS_KEY', 'required with FILE_STORE=s3');
    if (url && bucket && accessKeyId && secretAccessKey) s3 = { endpoint: url.toString().replace(/\/$/, ''), bucket, region, accessKeyId, secretAccessKey };
  }

  if (problems.length) throw new FileStoreConfigError(`Invalid file store configuration:\n${problems.join('\n')}`);
  return {
    kind: kind as 'local' | 's3',
    localDir: path.resolve(get('FILE_STORE_DIR') ?? path.join(dataDir, 'files')),
    spoolDir: path.join(dataDir, 'tmp', 'uploads'),
    maxBytes,
    s3,
  };
}
