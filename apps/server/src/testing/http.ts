import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { App } from '../http/types.ts';
import { createTestDb, type TestDb } from './db.ts';
import { createFixture, PASSWORD } from './fixture.ts';
import { after } from 'node:test';

export interface TestContext extends TestDb {
  app: App;
  /** Signs in and returns a client whose requests carry the session cookie and CSRF token. */
  as(username: string, password?: string): Promise<Client>;
  anon: Client;
}

export interface Client {
  req(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  cookie: string;
  csrf: string;
}

function client(app: App, cookie = '', csrf = ''): Client {
  const req = (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...(opts.headers ?? {}) } });
  return {
    req,
    get: (url) => req({ method: 'GET', url }),
    post: (url, body) => req({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
    put: (url, body) => req({ method: 'PUT', url, payload: body as object }),
    patch: (url, body) => req({ method: 'PATCH', url, payload: body as object }),
    cookie,
    csrf,
  };
}

export async function setupApi(opts: { fixture?: boolean; env?: Record<string, string> } = {}): Promise<TestContext> {
  const tdb = await createTestDb();
  if (opts.fixture !== false) await createFixture(tdb.db);
  const config = loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', ...opts.env });
  const app = await buildApp({ config, db: tdb.db, pool: tdb.pool, logger: false });
  await app.ready();
  after(() => app.close());
  return {
    ...tdb,
    app,
    anon: client(app),
    async as(username, password = PASSWORD) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
      const cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      return client(app, cookie, r.json().csrfToken);
    },
  };
}

/** Asserts an RFC 9457 answer and returns it. */
export function problem(r: LightMyRequestResponse, status: number): { type: string; title: string; status: number; errors?: { field: string; message: string; keyword?: string }[] } {
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  if (!String(r.headers['content-type']).startsWith('application/problem+json')) throw new Error(`expected problem+json, got ${r.headers['content-type']}`);
  return r.json();
}
