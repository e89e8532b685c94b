import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { X509Certificate, createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFRef } from 'pdf-lib';

/**
 * PAdES signing (SubFilter ETSI.CAdES.detached) with the OpenSSL command-line tool.
 *
 * Why OpenSSL and not node-forge / @signpdf's P12 signer: node-forge double-encodes UTF-8 in
 * certificate names, so a Vietnamese issuer ("UBND tỉnh Đắk Lắk") yields a SignerInfo no
 * verifier can match (research/stack.md §6). OpenSSL copies the issuer DER as it is, reads every
 * PKCS#12 encryption (AES/PBKDF2 and the legacy 3DES/RC2 ones) and adds the CAdES
 * signing-certificate-v2 attribute (`-cades`). OpenSSL reads the key from a file: it is written
 * for the one call into a fresh private directory (mode 0700, file 0600) and removed at once.
 */

export class SigningError extends Error {}

function run(args: string[], input: Buffer, extra: { env?: Record<string, string> } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...extra.env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => reject(new SigningError(`openssl: ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new SigningError(Buffer.concat(err).toString('utf8').trim().split('\n')[0] || `openssl exited ${code}`))));
    child.stdin!.on('error', () => {});
    child.stdin!.end(input);
  });
}

export interface SigningIdentity {
  keyPem: string;
  certPem: string;
  /** The rest of the chain in the file, included in the signature. */
  chainPem: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
}

/** Opens a PKCS#12 file; a wrong passphrase or a file without a key and certificate is a SigningError. */
export async function openP12(p12: Buffer, passphrase: string): Promise<SigningIdentity> {
  const args = ['pkcs12', '-nodes', '-passin', 'env:MOTCUA_P12_PASS'];
  let pem: string;
  try {
    pem = (await run(args, p12, { env: { MOTCUA_P12_PASS: passphrase } })).toString('utf8');
  } catch {
    // Files from older tools use RC2-40, which OpenSSL 3 reads only with its legacy provider.
    try {
      pem = (await run([...args, '-legacy'], p12, { env: { MOTCUA_P12_PASS: passphrase } })).toString('utf8');
    } catch (e) {
      throw new SigningError(`Không mở được tệp PKCS#12 (sai mật khẩu hoặc tệp hỏng): ${(e as Error).message}`);
    }
  }
  const key = /-----BEGIN (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----/.exec(pem)?.[0];
  const certs = [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) => m[0]);
  if (!key || !certs.length) throw new SigningError('Tệp PKCS#12 không có khóa bí mật và chứng thư số');
  // The signer's certificate is the one whose public key matches the private key.
  const { createPrivateKey, createPublicKey } = await import('node:crypto');
  const pub = createPublicKey(createPrivateKey(key)).export({ type: 'spki', format: 'der' });
  const own = certs.find((c) => new X509Certificate(c).publicKey.export({ type: 'spki', format: 'der' }).equals(pub));
  if (!own) throw new SigningError('Không có chứng thư số khớp với khóa bí mật');
  const x = new X509Certificate(own);
  return {
    keyPem: key,
    certPem: own,
    chainPem: certs.filter((c) => c !== own).join('\n'),
    subject: x.subject,
    issuer: x.issuer,
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
  };
}

/** Room for the CMS in /Contents: RSA-4096 plus a chain of a few certificates. */
const SIGNATURE_BYTES = 16384;
const BR_PLACEHOLDER = '**********';

export interface SignOptions {
  reason: string;
  location: string;
  name: string;
  now?: Date;
}

/**
 * Signs a PDF: adds a signature field on page 1 (invisible), saves the file with a reserved
 * /Contents, and fills it with a detached CMS over every byte except that hex string.
 */
export async function signPdf(input: Buffer, id: SigningIdentity, o: SignOptions): Promise<Buffer> {
  const pdf = await PDFDocument.load(input, { updateMetadata: false });
  const now = o.now ?? new Date();
  const sig = pdf.context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [PDFNumber.of(0), PDFName.of(BR_PLACEHOLDER), PDFName.of(BR_PLACEHOLDER), PDFName.of(BR_PLACEHOLDER)],
    Contents: PDFHexString.of('0'.repeat(SIGNATURE_BYTES * 2)),
    Reason: PDFHexString.fromText(o.reason),
    Location: PDFHexString.fromText(o.location),
    Name: PDFHexString.fromText(o.name),
    M: PDFString.fromDate(now),
  });
  const sigRef = pdf.context.register(sig);
  const page = pdf.getPage(0);
  const count = (pdf.catalog.lookup(PDFName.of('AcroForm')) as { lookup?: unknown } | undefined) ? 2 : 1;
  const widget = pdf.context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: sigRef,
    T: PDFHexString.fromText(`Chữ ký ${count} ${now.getTime()}`),
    F: 4,
    P: page.ref,
  });
  const widgetRef = pdf.context.register(widget) as PDFRef;
  const annots = page.node.Annots();
  if (annots) annots.push(widgetRef);
  else page.node.set(PDFName.of('Annots'), pdf.context.obj([widgetRef]));
  const existing = pdf.catalog.lookup(PDFName.of('AcroForm'));
  if (existing && 'lookup' in (existing as object)) {
    const form = existing as ReturnType<typeof pdf.context.obj> & { lookup(n: PDFName): unknown; set(n: PDFName, v: unknown): void };
    const fields = form.lookup(PDFName.of('Fields')) as { push(r: PDFRef): void } | undefined;
    if (fields) fields.push(widgetRef);
    else form.set(PDFName.of('Fields'), pdf.context.obj([widgetRef]));
    form.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  } else {
    pdf.catalog.set(PDFName.of('AcroForm'), pdf.context.obj({ SigFlags: 3, Fields: [widgetRef] }));
  }
  const saved = Buffer.from(await pdf.save({ useObjectStreams: false }));

  // Locate the placeholders in the saved bytes and compute the byte range.
  const text = saved.toString('latin1');
  const brMatch = /\/ByteRange\s*\[\s*0\s+\/\*{10}\s+\/\*{10}\s+\/\*{10}\s*\]/.exec(text);
  if (!brMatch) throw new SigningError('ByteRange placeholder not found');
  const contentsStart = text.indexOf('/Contents <', brMatch.index - SIGNATURE_BYTES * 2 - 200 > 0 ? brMatch.index - SIGNATURE_BYTES * 2 - 200 : 0);
  const lt = text.indexOf('<', contentsStart);
  const gt = text.indexOf('>', lt);
  if (contentsStart < 0 || gt - lt - 1 !== SIGNATURE_BYTES * 2) throw new SigningError('Contents placeholder not found');
  const range = [0, lt, gt + 1, saved.length - gt - 1];
  const brText = `/ByteRange [${range.join(' ')}]`;
  if (brText.length > brMatch[0].length) throw new SigningError('ByteRange does not fit');
  saved.write(brText.padEnd(brMatch[0].length, ' '), brMatch.index, 'latin1');
  const signed = Buffer.concat([saved.subarray(0, lt), saved.subarray(gt + 1)]);

  const cms = await cmsSign(signed, id);
  if (cms.length > SIGNATURE_BYTES) throw new SigningError('Chữ ký vượt quá chỗ dành sẵn');
  saved.write(cms.toString('hex').padEnd(SIGNATURE_BYTES * 2, '0'), lt + 1, 'latin1');
  return saved;
}

async function cmsSign(content: Buffer, id: SigningIdentity): Promise<Buffer> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'motcua-sign-'));
  try {
    const file = (name: string, text: string) => fsp.writeFile(path.join(dir, name), text, { mode: 0o600 }).then(() => path.join(dir, name));
    const args = ['cms', '-sign', '-binary', '-outform', 'DER', '-md', 'sha256', '-cades', '-nosmimecap', '-signer', await file('cert.pem', id.certPem), '-inkey', await file('key.pem', id.keyPem)];
    if (id.chainPem) args.push('-certfile', await file('chain.pem', id.chainPem));
    return await run(args, content);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

// ── Secrets at rest: the .p12 and its passphrase, AES-256-GCM with the server's key ──────────

export function encryptSecret(key: Buffer, plain: Buffer): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join('.');
}

export function decryptSecret(key: Buffer, sealed: string): Buffer {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || body === undefined) throw new SigningError('Dữ liệu mã hóa không đúng định dạng');
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  d.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]);
}
