import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import jsqrModule from 'jsqr';

// jsqr is CommonJS with an ES-style default export: under Node ESM the function sits on `.default`.
type Decode = (data: Uint8ClampedArray, w: number, h: number) => { data: string } | null;
const jsQR: Decode = ((jsqrModule as unknown as { default?: Decode }).default ?? jsqrModule) as unknown as Decode;

/** Test helpers: independent tools (poppler, OpenSSL, a QR decoder) read what the module wrote. */

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-doc-test-'));
}

/** Text of a PDF as poppler's pdftotext extracts it. */
export function pdfText(pdf: Buffer): string {
  const dir = tmpDir();
  try {
    fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `pdfsig` output (poppler's independent signature check). */
export function pdfsig(pdf: Buffer): string {
  const dir = tmpDir();
  try {
    fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
    try {
      return execFileSync('pdfsig', [path.join(dir, 'a.pdf')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      // pdfsig exits non-zero for an invalid signature; its report is still on stdout.
      return String((e as { stdout?: string }).stdout ?? '');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders page 1 at 150 dpi (pdftoppm, PPM) and decodes the first QR code found. */
export function decodeQr(pdf: Buffer): string | null {
  const dir = tmpDir();
  try {
    fs.writeFileSync(path.join(dir, 'a.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-singlefile', path.join(dir, 'a.pdf'), path.join(dir, 'p')]);
    const ppm = fs.readFileSync(path.join(dir, 'p.ppm'));
    // P6 header: "P6\n<w> <h>\n255\n" then RGB bytes.
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 50).toString('latin1'))!;
    const [w, h] = [Number(header[1]), Number(header[2])];
    const rgb = ppm.subarray(header[0].length);
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) {
      rgba[i * 4] = rgb[i * 3]!;
      rgba[i * 4 + 1] = rgb[i * 3 + 1]!;
      rgba[i * 4 + 2] = rgb[i * 3 + 2]!;
      rgba[i * 4 + 3] = 255;
    }
    return jsQR(rgba, w, h)?.data ?? null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A throw-away self-signed certificate with a Vietnamese subject and issuer, as a PKCS#12 file. */
export function throwawayP12(cn: string, passphrase: string, legacy = false): Buffer {
  const dir = tmpDir();
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-sha256', '-days', '30', '-nodes', '-keyout', key, '-out', cert, '-utf8', '-subj', `/C=VN/ST=Đắk Lắk/O=${cn}/CN=${cn}`, '-addext', 'keyUsage=digitalSignature,nonRepudiation'], { stdio: 'pipe' });
    const out = path.join(dir, 'c.p12');
    execFileSync('openssl', ['pkcs12', '-export', ...(legacy ? ['-legacy'] : []), '-out', out, '-inkey', key, '-in', cert, '-passout', 'env:P12PASS'], { stdio: 'pipe', env: { ...process.env, P12PASS: passphrase } });
    return fs.readFileSync(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of a DOCX's main part (the zip entry word/document.xml, read from the central directory), tags removed. */
export function docxText(docx: Buffer): string {
  let eocd = docx.length - 22;
  while (eocd >= 0 && docx.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = docx.readUInt16LE(eocd + 10);
  let p = docx.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = docx.readUInt16LE(p + 10);
    const size = docx.readUInt32LE(p + 20);
    const [n, e, c] = [docx.readUInt16LE(p + 28), docx.readUInt16LE(p + 30), docx.readUInt16LE(p + 32)];
    const name = docx.subarray(p + 46, p + 46 + n).toString('utf8');
    if (name === 'word/document.xml') {
      const local = docx.readUInt32LE(p + 42);
      const start = local + 30 + docx.readUInt16LE(local + 26) + docx.readUInt16LE(local + 28);
      const data = docx.subarray(start, start + size);
      const xml = (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
      return xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');
    }
    p += 46 + n + e + c;
  }
  throw new Error('not a DOCX: no word/document.xml');
}
