import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertValidKey, FileNotFoundError, type FileStore, type PutHints } from './store.ts';

const TEMP_DIR = '.tmp';

/**
 * Files in a local directory: `<root>/ab/cd/<uuid>`. A put writes `<root>/.tmp/<random>`, fsyncs
 * it, renames it over the final name (atomic on one filesystem) and fsyncs the directory, so a
 * crash leaves either nothing or the whole file under the final key — at worst a stray temp file,
 * which `sweepTemp()` removes.
 */
export class LocalFileStore implements FileStore {
  readonly kind = 'local' as const;
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, body: Readable | Buffer, _hints?: PutHints): Promise<{ size: number }> {
    const final = this.pathOf(key);
    const tempDir = path.join(this.root, TEMP_DIR);
    await fsp.mkdir(tempDir, { recursive: true });
    const temp = path.join(tempDir, `${randomUUID()}.part`);
    let size = 0;
    try {
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          cb(null, chunk);
        },
      });
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      // flush: fsync before close, so the rename below never publishes unwritten data.
      await pipeline(source, counter, fs.createWriteStream(temp, { flags: 'wx', mode: 0o640, flush: true }));
      await fsp.mkdir(path.dirname(final), { recursive: true });
      await fsp.rename(temp, final);
      await fsyncDir(path.dirname(final));
      return { size };
    } catch (e) {
      await fsp.rm(temp, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const handle = await fsp.open(this.pathOf(key), 'r');
      return handle.createReadStream();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new FileNotFoundError(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    const p = this.pathOf(key);
    await fsp.rm(p, { force: true });
    await fsyncDir(path.dirname(p));
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fsp.stat(this.pathOf(key))).isFile();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }

  /** Removes temp files older than `olderThanMs` left by a crash mid-put. Call at start. */
  async sweepTemp(olderThanMs = 3600_000, now = Date.now()): Promise<number> {
    const dir = path.join(this.root, TEMP_DIR);
    let removed = 0;
    let names: string[];
    try {
      names = await fsp.readdir(dir);
    } catch {
      return 0;
    }
    for (const n of names) {
      const p = path.join(dir, n);
      const st = await fsp.stat(p).catch(() => null);
      if (st && now - st.mtimeMs > olderThanMs) {
        await fsp.rm(p, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/** Makes a rename or unlink durable. Some platforms cannot open a directory: that is not an error. */
async function fsyncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    /* not supported here */
  } finally {
    await handle.close();
  }
}
