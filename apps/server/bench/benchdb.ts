/**
 * The database the statistics and work-list benches share: `motcua_bench` (BENCH_DB) on the
 * server of BENCH_DATABASE_URL or TEST_DATABASE_URL, holding the demo province and at least
 * `want` generated dossiers (generated on first use, then reused; BENCH_DROP=1 drops it after).
 */
import pg from 'pg';
import { createDb, createPool, type Db } from '../src/db/pool.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { isEmpty, seedDemo } from '../src/seed/demo.ts';
import { generateDossiers, withoutSecondaryIndexes } from '../src/seed/generate.ts';
import { CalendarService } from '../src/modules/calendar/service.ts';

export async function benchDatabase(want: number): Promise<{ pool: pg.Pool; db: Db; url: string; dossiers: number; drop: () => Promise<void> }> {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!admin) {
    console.error('Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server, e.g. postgres://postgres:pw@127.0.0.1:5432/postgres');
    process.exit(2);
  }
  const name = process.env.BENCH_DB ?? 'motcua_bench';
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  if (!(await c.query('select 1 from pg_database where datname = $1', [name])).rowCount) await c.query(`create database ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), 8);
  await runMigrations(pool);
  const db = createDb(pool);
  if (await isEmpty(db)) console.log('demo province loaded', await seedDemo(db));
  const have = Number((await pool.query('select count(*) from dossiers')).rows[0].count);
  if (have < want) {
    const n = want - have;
    console.log(`generating ${n.toLocaleString('en')} dossiers into ${name} …`);
    const compiled = await new CalendarService(db).compiled(null);
    const t0 = performance.now();
    const log = (m: string) => console.log(`  ${m}`);
    await withoutSecondaryIndexes(pool, ['dossiers', 'dossier_events', 'dossier_stat_facts'], () => generateDossiers(pool, { dossiers: n, seed: have + 1, years: 5, now: Date.now(), cal: compiled.cal, policy: compiled.policy, log }), log);
    console.log(`generated in ${((performance.now() - t0) / 1000).toFixed(0)} s; analysing …`);
    await pool.query('vacuum analyze dossiers, dossier_events, dossier_stat_facts');
  }
  const dossiers = Number((await pool.query('select count(*) from dossiers')).rows[0].count);
  return {
    pool,
    db,
    url: url.toString(),
    dossiers,
    async drop() {
      await pool.end();
      if (process.env.BENCH_DROP !== '1') return;
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
      console.log(`dropped ${name}`);
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
