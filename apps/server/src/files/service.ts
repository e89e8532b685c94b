import fsp from 'node:fs/promises';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../db/pool.ts';
import type { FileStoreConfig } from './config.ts';
import { LocalFileStore } from './local-store.ts';
import { S3FileStore } from './s3-store.ts';
import { ACCEPT_ATTRIBUTE, ALLOWED_TYPES } from './sniff.ts';
import type { FileStore } from './store.ts';
import { storeUpload, type FileRow, type StoredUpload, type UploadInput } from './upload.ts';

/**
 * May the caller of `req` read this file although they do not own it? Registered by the module
 * that links files to something with its own access rule — e.g. the dossier module grants an
 * officer a dossier's attachments when the dossier is in the officer's agency scope.
 * A grant answers only for files it knows; any grant saying true is enough.
 */
export type FileReadGrant = (req: FastifyRequest, file: FileRow) => Promise<boolean>;

/**
 * Is this file in use? Answers a short Vietnamese description of what refers to it (shown in the
 * 409 refusal, e.g. "hồ sơ 000.00.10.H99-260101-0001"), or null. Runs inside the deleting
 * transaction. Referring tables should also have a foreign key to `files.id` (ON DELETE RESTRICT):
 * the delete then cannot race a new reference — a violation is answered 409 too.
 */
export type FileReferenceCheck = (tx: DbOrTx, fileId: string) => Promise<string | null>;

export interface FileLimits {
  maxBytes: number;
  accept: string;
  allowedTypes: { mediaType: string; extensions: string[]; label: string }[];
}

/** The file store, its limits and the hooks other modules register. One per process. */
export class FileService {
  readonly store: FileStore;
  readonly config: FileStoreConfig;
  private readonly readGrants: FileReadGrant[] = [];
  private readonly referenceChecks: FileReferenceCheck[] = [];

  constructor(config: FileStoreConfig, store: FileStore = createFileStore(config)) {
    this.config = config;
    this.store = store;
  }

  /** Lets a module give non-owners read access (see FileReadGrant). */
  grantRead(grant: FileReadGrant): void {
    this.readGrants.push(grant);
  }

  /** Lets a module keep its files from being deleted (see FileReferenceCheck). */
  addReferenceCheck(check: FileReferenceCheck): void {
    this.referenceChecks.push(check);
  }

  /** The owner may read; anyone else only through a registered grant. */
  async canRead(req: FastifyRequest, file: FileRow): Promise<boolean> {
    if (!req.user) return false;
    if (file.ownerUserId === req.user.id) return true;
    for (const g of this.readGrants) if (await g(req, file)) return true;
    return false;
  }

  async referencedBy(tx: DbOrTx, fileId: string): Promise<string | null> {
    for (const c of this.referenceChecks) {
      const by = await c(tx, fileId);
      if (by) return by;
    }
    return null;
  }

  limits(): FileLimits {
    return {
      maxBytes: this.config.maxBytes,
      accept: ACCEPT_ATTRIBUTE,
      allowedTypes: ALLOWED_TYPES.map((t) => ({ mediaType: t.mediaType, extensions: t.extensions, label: t.label })),
    };
  }

  /**
   * Removes what a crash can leave behind: spooled uploads and the local store's temp files older
   * than `olderThanMs` (younger ones may belong to a request still running). Call at start.
   */
  async sweep(olderThanMs = 3600_000, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await fsp.readdir(this.config.spoolDir).catch(() => [] as string[])) {
      const p = path.join(this.config.spoolDir, name);
      const st = await fsp.stat(p).catch(() => null);
      if (st?.isFile() && now - st.mtimeMs > olderThanMs) {
        await fsp.rm(p, { force: true });
        removed++;
      }
    }
    if (this.store instanceof LocalFileStore) removed += await this.store.sweepTemp(olderThanMs, now);
    return removed;
  }

  /** Releases the S3 connection pool (at shutdown). */
  close(): void {
    if (this.store instanceof S3FileStore) this.store.close();
  }

  /** `storeUpload` with this service's store and limit. */
  storeUpload(input: UploadInput): Promise<StoredUpload> {
    return storeUpload({ store: this.store, maxBytes: this.config.maxBytes, spoolDir: this.config.spoolDir }, input);
  }
}

export function createFileStore(config: FileStoreConfig): FileStore {
  if (config.kind === 's3') {
    if (!config.s3) throw new Error('FILE_STORE=s3 without S3 settings');
    return new S3FileStore(config.s3);
  }
  return new LocalFileStore(config.localDir);
}
