import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * Verifies the signatures of a PDF without trusting the signer: for each /ByteRange + /Contents
 * pair, parses the CMS (pkijs), checks the message digest over the signed bytes and the signature
 * over the signed attributes, and says whether the byte range reaches the end of the file — if it
 * does not, bytes were appended after signing (a later revision the signature does not cover).
 * Trust in the certificate chain (Vietnamese root CA) is a separate question: it is reported as
 * the issuer's name only.
 */

export interface SignatureReport {
  signer: string | null;
  signerDn: string | null;
  issuerDn: string | null;
  signingTime: string | null;
  subFilter: string | null;
  /** Digest and signature both match the signed bytes. */
  valid: boolean;
  /** The signed bytes reach the end of the file: nothing was added after this signature. */
  coversWholeDocument: boolean;
  /** The document differs from what was signed (digest mismatch, or bytes added after signing). */
  changedSinceSigning: boolean;
  problem: string | null;
}

const OID_CN = '2.5.4.3';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const HASHES: Record<string, string> = { '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512', '1.3.14.3.2.26': 'sha1' };

const SHORT: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.8': 'ST', '2.5.4.7': 'L', '2.5.4.6': 'C', '1.2.840.113549.1.9.1': 'E' };
function dn(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => `${SHORT[tv.type] ?? tv.type}=${(tv.value.valueBlock as { value?: string }).value ?? ''}`)
    .reverse()
    .join(',');
}
function cn(name: pkijs.RelativeDistinguishedNames): string | null {
  const tv = name.typesAndValues.find((t) => t.type === OID_CN);
  return tv ? ((tv.value.valueBlock as { value?: string }).value ?? null) : null;
}

function findSignatures(pdf: Buffer): { range: number[]; contents: Buffer; subFilter: string | null }[] {
  const text = pdf.toString('latin1');
  const out: { range: number[]; contents: Buffer; subFilter: string | null }[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const range = m.slice(1, 5).map(Number);
    const [, b, c] = range as [number, number, number, number];
    // The hex string sits exactly in the gap the byte range leaves out.
    const gap = text.slice(b, c);
    const hex = /^<([0-9A-Fa-f\s]*)>$/.exec(gap)?.[1];
    // The signature dictionary around the byte range (its SubFilter).
    const dictStart = text.lastIndexOf('<<', Math.min(m.index, b));
    const dict = text.slice(dictStart, Math.max(m.index + m[0].length, c) + 400);
    out.push({ range, contents: hex === undefined ? Buffer.alloc(0) : Buffer.from(hex.replace(/\s/g, ''), 'hex'), subFilter: /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(dict)?.[1] ?? null });
  }
  return out;
}

/** Trailing zero padding of /Contents is not part of the DER. */
function derLength(b: Buffer): number {
  const r = asn1js.fromBER(new Uint8Array(b).buffer);
  return r.offset > 0 ? r.offset : b.length;
}

export async function verifyPdfSignatures(pdf: Buffer): Promise<SignatureReport[]> {
  const reports: SignatureReport[] = [];
  for (const s of findSignatures(pdf)) {
    const [a, b, c, d] = s.range as [number, number, number, number];
    const report: SignatureReport = { signer: null, signerDn: null, issuerDn: null, signingTime: null, subFilter: s.subFilter, valid: false, coversWholeDocument: a === 0 && c + d === pdf.length, changedSinceSigning: true, problem: null };
    reports.push(report);
    if (a !== 0 || b > c || c + d > pdf.length || !s.contents.length) {
      report.problem = 'ByteRange không hợp lệ';
      continue;
    }
    try {
      const der = s.contents.subarray(0, derLength(s.contents));
      const asn = asn1js.fromBER(new Uint8Array(der).buffer);
      if (asn.offset === -1) throw new Error('CMS không đọc được');
      const ci = new pkijs.ContentInfo({ schema: asn.result });
      const sd = new pkijs.SignedData({ schema: ci.content });
      const si = sd.signerInfos[0];
      if (!si) throw new Error('CMS không có người ký');
      const signerCert = (sd.certificates ?? []).find(
        (x): x is pkijs.Certificate =>
          x instanceof pkijs.Certificate &&
          (si.sid instanceof pkijs.IssuerAndSerialNumber ? x.serialNumber.isEqual(si.sid.serialNumber) && x.issuer.isEqual(si.sid.issuer) : false),
      );
      if (signerCert) {
        report.signer = cn(signerCert.subject);
        report.signerDn = dn(signerCert.subject);
        report.issuerDn = dn(signerCert.issuer);
      }
      const attrs = si.signedAttrs?.attributes ?? [];
      const st = attrs.find((x) => x.type === OID_SIGNING_TIME)?.values[0] as asn1js.UTCTime | asn1js.GeneralizedTime | undefined;
      if (st) report.signingTime = st.toDate().toISOString();
      const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
      const hashName = HASHES[si.digestAlgorithm.algorithmId];
      if (!hashName) throw new Error(`Thuật toán băm không hỗ trợ: ${si.digestAlgorithm.algorithmId}`);
      const md = attrs.find((x) => x.type === OID_MESSAGE_DIGEST)?.values[0] as asn1js.OctetString | undefined;
      const digestOk = !!md && Buffer.from(md.valueBlock.valueHexView).equals(createHash(hashName).update(signed).digest());
      const sigOk = digestOk && (await sd.verify({ signer: 0, data: new Uint8Array(signed).buffer, checkChain: false }));
      report.valid = !!sigOk;
      report.changedSinceSigning = !digestOk || !report.coversWholeDocument;
      if (!digestOk) report.problem = 'Tài liệu đã bị thay đổi sau khi ký';
      else if (!sigOk) report.problem = 'Chữ ký không khớp với chứng thư số';
      else if (!report.coversWholeDocument) report.problem = 'Có dữ liệu được thêm vào sau khi ký';
    } catch (e) {
      report.problem = (e as Error).message;
    }
  }
  return reports;
}
