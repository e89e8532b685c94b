#!/usr/bin/env node
// Writes .br and .gz beside every compressible file of a built web app, once at build time, so the
// server sends compressed assets (@fastify/static `preCompressed`) without compressing per request.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = path.resolve(process.argv[2] ?? 'dist');
const exts = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt', '.xml', '.map']);
let files = 0;
let before = 0;
let afterBr = 0;
for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !exts.has(path.extname(entry.name))) continue;
  const p = path.join(entry.parentPath, entry.name);
  const buf = fs.readFileSync(p);
  if (buf.length < 1024) continue;
  const br = zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length } });
  fs.writeFileSync(`${p}.br`, br);
  fs.writeFileSync(`${p}.gz`, zlib.gzipSync(buf, { level: 9 }));
  files++;
  before += buf.length;
  afterBr += br.length;
}
console.log(`precompressed ${files} files: ${(before / 1024).toFixed(0)} KiB → ${(afterBr / 1024).toFixed(0)} KiB brotli`);
