import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createTestDb } from '../../testing/db.ts';

// A built web app in miniature: index.html and a hashed asset with its precompressed twin.
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-dist-'));
fs.mkdirSync(path.join(dist, 'assets'));
fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="vi"><title>motcua</title><div id="root"></div></html>');
const js = 'console.log("' + 'x'.repeat(5000) + '");';
fs.writeFileSync(path.join(dist, 'assets/app-abc123.js'), js);
fs.writeFileSync(path.join(dist, 'assets/app-abc123.js.br'), zlib.brotliCompressSync(js));
after(() => fs.rmSync(dist, { recursive: true, force: true }));

const t = await createTestDb();
const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', WEB_DIST: dist }), db: t.db, pool: t.pool, logger: false });
after(() => app.close());

test('health answers while the process lives; readiness checks the database and the migrations', async () => {
  assert.deepEqual((await app.inject({ url: '/health' })).json(), { status: 'ok' });
  assert.deepEqual((await app.inject({ url: '/ready' })).json(), { status: 'ready', pendingMigrations: 0 });
});

test('a hashed asset is served precompressed with a year-long immutable cache', async () => {
  const r = await app.inject({ url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-encoding'], 'br');
  assert.match(String(r.headers['cache-control']), /immutable/);
  assert.equal(zlib.brotliDecompressSync(r.rawPayload).toString(), js);
  const plain = await app.inject({ url: '/assets/app-abc123.js' });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.body, js);
});

test('a client-side route gets the app shell, never cached; an unknown API path gets problem+json', async () => {
  const page = await app.inject({ url: '/thu-tuc/1.001193', headers: { accept: 'text/html' } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /id="root"/);
  assert.equal(page.headers['cache-control'], 'no-cache');
  const api = await app.inject({ url: '/api/v1/nope', headers: { accept: 'text/html' } });
  assert.equal(api.statusCode, 404);
  assert.match(String(api.headers['content-type']), /problem\+json/);
});

test('responses carry the security headers: a strict content security policy, nosniff, no framing, and a request id', async () => {
  const r = await app.inject({ url: '/', headers: { accept: 'text/html', 'x-request-id': 'req-123' } });
  const csp = String(r.headers['content-security-policy']);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.equal(r.headers['x-request-id'], 'req-123');
  assert.match((await app.inject({ url: '/robots.txt' })).body, /Disallow: \/mot-cua\//);
});
