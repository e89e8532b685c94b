import path from 'node:path';
import type pg from 'pg';
import type { Config } from './config.ts';
import { ensureDatabase, startEmbedded, type EmbeddedHandle } from './db/embedded.ts';
import { createDb, createPool, type Db } from './db/pool.ts';
import { runMigrations } from './db/migrate.ts';

/**
 * The database the process uses: the server at DATABASE_URL, or else an embedded PostgreSQL with
 * its data in DATA_DIR/pg. Migrations are applied before anything else touches it.
 */
export interface Runtime {
  pool: pg.Pool;
  db: Db;
  embedded: EmbeddedHandle | null;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: (m: string) => void = () => {}): Promise<Runtime> {
  let embedded: EmbeddedHandle | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbedded({ dataDir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort, log });
    url = await ensureDatabase(embedded.url, 'motcua');
  }
  const pool = createPool(url, 20);
  try {
    await runMigrations(pool);
  } catch (e) {
    await pool.end();
    await embedded?.stop();
    throw e;
  }
  return {
    pool,
    db: createDb(pool),
    embedded,
    async close() {
      await pool.end();
      await embedded?.stop();
    },
  };
}
