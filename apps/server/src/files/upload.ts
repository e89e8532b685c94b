import fsp from 'node:fs/promises';
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { files } from '../db/schema.ts';
import type { DbOrTx } from '../db/pool.ts';
import { scanPdf, sniffFile } from './sniff.ts';
import { storageKeyFor, type FileStore } from './store.ts';

export type FileRow = typeof files.$inferSelect;

/** A stored upload: the `files` row to insert (in the caller's transaction, with `insertFileRow`). */
export interface StoredUpload {
  id: string;
  storageKey: string;
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
  ownerUserId: string | null;
  createdBy: string | null;
}

export type RefusalReason = 'too-large' | 'empty' | 'type' | 'active-content' | 'unchecked';

/** Why an upload was refused; nothing was stored. `message` is for the user (vi), `messageEn` for logs and the English UI. */
export class UploadRefused extends Error {
  readonly reason: RefusalReason;
  readonly messageEn: string;
  constructor(reason: RefusalReason, message: string, messageEn: string) {
    super(message);
    this.reason = reason;
    this.messageEn = messageEn;
  }
}

export const REFUSAL_MESSAGES = {
  type: 'Tệp không đúng định dạng cho phép (PDF, ảnh JPG/PNG/TIFF, tài liệu Word/Excel)',
  activeContent: 'Tệp PDF chứa mã thực thi (JavaScript) — không được chấp nhận',
  unchecked: 'Không kiểm tra được nội dung tệp PDF (tệp có mật khẩu hoặc bị hỏng) — vui lòng lưu lại thành PDF thông thường rồi gửi lại',
  empty: 'Tệp rỗng (0 byte)',
  tooLarge: (maxBytes: number) => `Tệp vượt quá dung lượng cho phép (tối đa ${formatSize(maxBytes)})`,
};

/** `20 MB`, `1,5 MB`, `512 KB` (Vietnamese decimal comma). */
export function formatSize(bytes: number): string {
  const [n, unit] = bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'MB'] : bytes >= 1024 ? [bytes / 1024, 'KB'] : [bytes, 'byte'];
  return `${(Math.round(n * 10) / 10).toString().replace('.', ',')} ${unit}`;
}

export interface UploadTarget {
  store: FileStore;
  maxBytes: number;
  /** Local directory for the copy that is checked before it is stored. */
  spoolDir: string;
}

export interface UploadInput {
  stream: Readable;
  /** The name the client gave; cleaned and stored NFC. */
  fileName: string;
  ownerUserId: string | null;
  createdBy: string | null;
}

/**
 * Takes an upload into the store: spools it to local disk while computing its size and SHA-256
 * (stopping as soon as it passes `maxBytes`), sniffs the type from the content, scans a PDF for
 * active content, and only then puts it in the store under `ab/cd/<id>`. A refusal throws
 * `UploadRefused` and leaves nothing behind: no object, no spool file (and no row — the caller
 * inserts the row only after this returns).
 *
 * If the caller's transaction then fails, it should `discardStored(store, row)`; an object whose
 * row never committed is otherwise an orphan (harmless, unreachable, see README.md).
 */
export async function storeUpload(target: UploadTarget, input: UploadInput): Promise<StoredUpload> {
  await fsp.mkdir(target.spoolDir, { recursive: true });
  const spool = path.join(target.spoolDir, `${randomUUID()}.upload`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > target.maxBytes) {
        cb(new UploadRefused('too-large', REFUSAL_MESSAGES.tooLarge(target.maxBytes), `File larger than ${target.maxBytes} bytes`));
        return;
      }
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(input.stream, meter, fs.createWriteStream(spool, { flags: 'wx', mode: 0o600 }));
    if (size === 0) throw new UploadRefused('empty', REFUSAL_MESSAGES.empty, 'Empty file');
    const sniffed = await sniffFile(spool);
    if (!sniffed.allowed) {
      throw new UploadRefused('type', REFUSAL_MESSAGES.type, `File type not allowed (PDF, JPG/PNG/TIFF, DOCX/XLSX/ODT); content is ${sniffed.detected ?? 'unrecognised (text?)'}`);
    }
    if (sniffed.allowed.ext === 'pdf') {
      const scan = scanPdf(await fsp.readFile(spool));
      if (scan.active.length) throw new UploadRefused('active-content', REFUSAL_MESSAGES.activeContent, `The PDF contains active content: /${scan.active.join(', /')}`);
      if (scan.unchecked) throw new UploadRefused('unchecked', REFUSAL_MESSAGES.unchecked, `The PDF could not be checked: ${scan.unchecked}`);
    }
    const id = randomUUID();
    const storageKey = storageKeyFor(id);
    const sha256 = hash.digest('hex');
    await target.store.put(storageKey, fs.createReadStream(spool), { size, sha256 });
    return {
      id,
      storageKey,
      originalName: cleanFileName(input.fileName, sniffed.allowed.extensions[0]!),
      mediaType: sniffed.allowed.mediaType,
      size,
      sha256,
      ownerUserId: input.ownerUserId,
      createdBy: input.createdBy,
    };
  } catch (e) {
    // A refusal mid-stream: stop reading the client's bytes.
    if (!input.stream.destroyed && !input.stream.readableEnded) input.stream.resume();
    throw e;
  } finally {
    await fsp.rm(spool, { force: true });
  }
}

/** Inserts the row of a stored upload, in the caller's transaction. */
export async function insertFileRow(tx: DbOrTx, row: StoredUpload): Promise<FileRow> {
  const [r] = await tx.insert(files).values(row).returning();
  return r!;
}

/** Removes the object of an upload whose row was not committed. Never throws. */
export async function discardStored(store: FileStore, row: Pick<StoredUpload, 'storageKey'>): Promise<boolean> {
  try {
    await store.delete(row.storageKey);
    return true;
  } catch {
    return false;
  }
}

// Bidirectional overrides can disguise `gpj.exe` as `exe.jpg`; control characters break headers.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069\u200e\u200f]/g;

/**
 * The name to keep: NFC, without any directory part, control or bidi-override characters, at most
 * 200 characters (the extension kept). A name without an extension gets the sniffed one; an empty
 * name becomes `tệp.<ext>`.
 */
export function cleanFileName(raw: string, ext: string): string {
  let name = raw.normalize('NFC').replace(UNSAFE_CHARS, '');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name.replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  if (!name) return `tệp.${ext}`;
  if (!/\.[A-Za-z0-9]{1,8}$/.test(name)) name = `${name}.${ext}`;
  const chars = [...name];
  if (chars.length > 200) {
    const dot = name.lastIndexOf('.');
    const suffix = [...name.slice(dot)];
    name = chars.slice(0, 200 - suffix.length).join('') + suffix.join('');
  }
  return name;
}
