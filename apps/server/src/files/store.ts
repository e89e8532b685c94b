import type { Readable } from 'node:stream';

/**
 * Where file contents live. The database row (`files`) is the record; the store only holds bytes
 * under an opaque key. Two implementations speak this contract: a local directory
 * (`LocalFileStore`) and S3-compatible object storage (`S3FileStore`). See README.md.
 *
 * Contract every implementation keeps:
 * - `put` is all-or-nothing: after a crash or an error, `key` holds either nothing or the whole
 *   content, never a prefix. Putting an existing key replaces it.
 * - `get` of a missing key rejects with `FileNotFoundError` (before any byte is streamed).
 * - `delete` of a missing key succeeds (idempotent, as in S3).
 * - keys are validated by `assertValidKey`: no `..`, no leading `/` or `.`, ASCII only.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /**
   * Stores `body` under `key`. `size` and `sha256` (hex) are optional hints: an S3 store sends a
   * stream of known size without buffering it, and lets the server verify the SHA-256.
   */
  put(key: string, body: Readable | Buffer, hints?: PutHints): Promise<{ size: number }>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export interface PutHints {
  size?: number;
  sha256?: string;
}

export class FileNotFoundError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(`No stored file under key ${key}`);
    this.key = key;
  }
}

const KEY_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** Throws unless `key` is a safe relative key: segments of [A-Za-z0-9._-], none starting with '.'. */
export function assertValidKey(key: string): void {
  const segments = key.split('/');
  const ok = key.length > 0 && key.length <= 512 && segments.every((s) => KEY_SEGMENT.test(s));
  if (!ok) throw new Error(`Invalid storage key ${JSON.stringify(key)}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The storage key of file `id` (a UUID): `ab/cd/<uuid>` from its first four hex digits, so no
 * directory holds more than ~1/65536 of the files (a local directory stays listable, and S3
 * prefixes spread).
 */
export function storageKeyFor(id: string): string {
  if (!UUID.test(id)) throw new Error(`Not a lower-case UUID: ${JSON.stringify(id)}`);
  return `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`;
}
