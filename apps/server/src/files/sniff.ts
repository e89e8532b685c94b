import zlib from 'node:zlib';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';

/**
 * Which files are accepted, decided from their bytes (SPEC §4: "allowed types by magic bytes"),
 * never from the name or the Content-Type the browser sent.
 *
 * Legacy `.doc` / `.xls` are refused: file-type sees only "Compound File Binary" (`cfb`), the same
 * container as `.msi` installers and Outlook `.msg`, and the format is the home of VBA macro
 * viruses. The applicant saves as .docx / .xlsx / PDF instead. Macro-enabled OOXML (`docm`,
 * `xlsm`) is detected as such and refused.
 */
export interface AllowedType {
  /** file-type's `ext` */
  ext: string;
  mediaType: string;
  extensions: string[];
  label: string;
}

export const ALLOWED_TYPES: readonly AllowedType[] = [
  { ext: 'pdf', mediaType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  { ext: 'jpg', mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'Ảnh JPG' },
  { ext: 'png', mediaType: 'image/png', extensions: ['png'], label: 'Ảnh PNG' },
  { ext: 'tif', mediaType: 'image/tiff', extensions: ['tif', 'tiff'], label: 'Ảnh TIFF' },
  { ext: 'docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'Word (.docx)' },
  { ext: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'Excel (.xlsx)' },
  { ext: 'odt', mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], label: 'OpenDocument (.odt)' },
];

/** The `accept` attribute for a file picker: `.pdf,.jpg,…,application/pdf,…`. */
export const ACCEPT_ATTRIBUTE = [...ALLOWED_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`)), ...ALLOWED_TYPES.map((t) => t.mediaType)].join(',');

export interface Sniffed {
  /** The allowed type, or null when the content is of no allowed type. */
  allowed: AllowedType | null;
  /** What file-type saw (`exe`, `cfb`, `zip` …), or null for unrecognised content such as text. */
  detected: string | null;
}

function classify(r: { ext: string; mime: string } | undefined): Sniffed {
  if (!r) return { allowed: null, detected: null };
  return { allowed: ALLOWED_TYPES.find((t) => t.ext === r.ext && t.mediaType === r.mime) ?? null, detected: r.ext };
}

/** Sniffs a file on disk (random access: ZIP-based documents are told apart by their entries). */
export async function sniffFile(filePath: string): Promise<Sniffed> {
  return classify(await fileTypeFromFile(filePath));
}

export async function sniffBuffer(buf: Uint8Array): Promise<Sniffed> {
  return classify(await fileTypeFromBuffer(buf));
}

// ── Active content in PDFs ───────────────────────────────────────────────────────────────────

/**
 * PDF names that make a document act rather than display: scripts, launching programs, carried
 * files, Flash/3D rich media and XFA forms (which carry their own scripts). `/OpenAction` alone
 * is harmless (it usually opens at a page) — an OpenAction that runs a script has `/JS`.
 */
export const ACTIVE_PDF_NAMES: ReadonlySet<string> = new Set(['JS', 'JavaScript', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA']);

export interface PdfScan {
  /** The active names found, e.g. ['JavaScript', 'JS']. */
  active: string[];
  /** Set when part of the file could not be checked (the file is then refused: fail closed). */
  unchecked: string | null;
}

// PDF delimiters and white space end a name (ISO 32000-1 §7.2.2–7.3.5).
const NAME = /\/([^\x00\t\n\f\r ()<>[\]{}/%]*)/g;
const END_OF_NAME = '(?=[\\x00\\t\\n\\f\\r ()<>\\[\\]{}/%]|$)';
const IS_OBJSTM = new RegExp(`/Type\\s*/ObjStm${END_OF_NAME}|/First${END_OF_NAME}`);
const FILTER = new RegExp(`/Filter${END_OF_NAME}`);
const FLATE_ONLY = new RegExp(`/Filter\\s*(?:/FlateDecode|\\[\\s*/FlateDecode\\s*\\])${END_OF_NAME}`);
const PREDICTOR = /\/Predictor\s+(\d+)/;
const DIRECT_LENGTH = /\/Length\s+(\d+)(?!\s+\d+\s+R)/;
const STREAM = /stream(?:\r\n|\n|\r)/g;
const INFLATE_BUDGET = 256 * 1024 * 1024;

/** `/J#61vaScript` is `/JavaScript`: a name's `#hh` escapes are decoded before comparing. */
function decodeName(raw: string): string {
  return raw.includes('#') ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : raw;
}

function activeNamesIn(text: string, into: Set<string>): void {
  for (const m of text.matchAll(NAME)) {
    const n = decodeName(m[1]!);
    if (ACTIVE_PDF_NAMES.has(n)) into.add(n);
  }
}

/** Start of the `<< … >>` dictionary that ends just before `end` (the `stream` keyword), or -1. */
function dictionaryStart(s: string, end: number): number {
  let k = end - 1;
  while (k > 0 && /\s/.test(s[k]!)) k--;
  if (s[k] !== '>' || s[k - 1] !== '>') return -1;
  let depth = 0;
  for (; k > 0 && end - k < 65536; k--) {
    if (s[k] === '>' && s[k - 1] === '>') {
      depth++;
      k--;
    } else if (s[k] === '<' && s[k - 1] === '<') {
      depth--;
      k--;
      if (depth === 0) return k;
    }
  }
  return -1;
}

/**
 * Looks for active content in a PDF by scanning its bytes for the names above — in the file as
 * written and inside its object streams (PDF 1.5+ keeps dictionaries in Flate-compressed
 * `/ObjStm` streams, invisible to a plain byte scan, so those are inflated and scanned too).
 *
 * Limits (README.md): not a PDF parser. It can refuse a harmless file that merely mentions such a
 * name (in a text string, say), and it refuses — fails closed — a PDF whose object streams it
 * cannot read (another filter than FlateDecode, a predictor, encryption, damage). It does not look
 * inside images, fonts or page content, which cannot hold actions.
 */
export function scanPdf(buf: Buffer): PdfScan {
  const s = buf.toString('latin1');
  const found = new Set<string>();
  activeNamesIn(s, found);
  let budget = INFLATE_BUDGET;
  for (const m of s.matchAll(STREAM)) {
    const at = m.index;
    if (s.slice(at - 3, at) === 'end') continue;
    const start = dictionaryStart(s, at);
    if (start < 0) continue;
    const dict = s.slice(start, at).replace(NAME, (_, n: string) => `/${decodeName(n)}`);
    if (!IS_OBJSTM.test(dict)) continue;
    if (!FILTER.test(dict)) continue; // uncompressed: already scanned as part of the file
    if (!FLATE_ONLY.test(dict)) return { active: [...found], unchecked: 'an object stream with a filter other than FlateDecode' };
    if (Number(PREDICTOR.exec(dict)?.[1] ?? 1) > 1) return { active: [...found], unchecked: 'an object stream with a predictor' };
    const dataStart = at + m[0].length;
    let dataEnd = -1;
    const len = DIRECT_LENGTH.exec(dict);
    if (len) {
      const e = dataStart + Number(len[1]);
      if (/^\s*endstream/.test(s.slice(e, e + 32))) dataEnd = e;
    }
    if (dataEnd < 0) dataEnd = s.indexOf('endstream', dataStart);
    if (dataEnd < 0) return { active: [...found], unchecked: 'an object stream without its end' };
    if (budget <= 0) return { active: [...found], unchecked: 'object streams too large to check' };
    let inflated: Buffer;
    try {
      inflated = zlib.inflateSync(buf.subarray(dataStart, dataEnd), { maxOutputLength: budget, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    } catch (e) {
      const why = e instanceof RangeError ? 'object streams too large to check' : 'an object stream that does not inflate (encrypted or damaged)';
      return { active: [...found], unchecked: why };
    }
    budget -= inflated.length;
    activeNamesIn(inflated.toString('latin1'), found);
  }
  return { active: [...found], unchecked: null };
}
