import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { fileURLToPath } from 'node:url';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));
const LOCK_KEY = 727_100_001; // arbitrary, constant: one migrator at a time across instances

/**
 * Apply pending migrations. Several application servers may start together; a session advisory
 * lock makes the others wait instead of racing on the same DDL.
 */
export async function runMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
}

/** Number of migration files not yet applied (for /ready). */
export async function pendingMigrations(pool: pg.Pool): Promise<number> {
  const fs = await import('node:fs');
  const journal = JSON.parse(fs.readFileSync(`${MIGRATIONS_DIR}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  try {
    const r = await pool.query('select count(*)::int as n from drizzle.__drizzle_migrations');
    return journal.entries.length - (r.rows[0] as { n: number }).n;
  } catch {
    return journal.entries.length;
  }
}
