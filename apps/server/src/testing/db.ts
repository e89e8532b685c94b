import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import { createDb, createPool, type Db } from '../db/pool.ts';

/**
 * Each database test file gets its own database, cloned from a template that scripts/test.mjs
 * migrated once (CREATE DATABASE … TEMPLATE is a file copy: ~100 ms). The same files run against
 * the embedded PostgreSQL and, with TEST_DATABASE_URL, against a PostgreSQL server.
 */
export interface TestDb {
  db: Db;
  pool: pg.Pool;
  url: string;
  engine: string;
}

export async function createTestDb(): Promise<TestDb> {
  const admin = process.env.MOTCUA_TEST_ADMIN_URL;
  const template = process.env.MOTCUA_TEST_TEMPLATE;
  if (!admin || !template) throw new Error('Database tests run through `npm test` (scripts/test.mjs), which prepares the template database.');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(`create database "${name}" template "${template}"`);
  } finally {
    await c.end();
  }
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  const pool = createPool(url, 10);
  after(async () => {
    await pool.end();
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`drop database if exists "${name}" with (force)`).catch(() => {});
    await d.end();
  });
  return { db: createDb(pool), pool, url, engine: process.env.MOTCUA_TEST_ENGINE ?? 'unknown' };
}
