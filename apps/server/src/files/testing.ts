import zlib from 'node:zlib';

/**
 * Test material for the file store: small but well-formed files of every kind the upload check
 * sees, built here byte by byte (no binary fixtures in the repository).
 */

// ── PDF ──────────────────────────────────────────────────────────────────────────────────────

/**
 * A one-page PDF 1.4 with a correct cross-reference table. `catalogExtra` is spliced into the
 * catalogue dictionary, `objects` are appended as objects 5, 6, … (to attach actions).
 */
export function minimalPdf(opts: { catalogExtra?: string; objects?: string[]; text?: string } = {}): Buffer {
  const content = `BT /F1 18 Tf 72 760 Td (${opts.text ?? 'Giay khai sinh'}) Tj ET`;
  const bodies = [
    `<< /Type /Catalog /Pages 2 0 R${opts.catalogExtra ? ` ${opts.catalogExtra}` : ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ...(opts.objects ?? []),
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  bodies.forEach((b, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${b}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A PDF 1.5 whose catalogue, pages and `hidden` objects live in a Flate-compressed object stream
 * (with a cross-reference stream), as modern producers write: the dictionaries are not in the
 * file's bytes as written. `hidden[0]` becomes object 4 (the catalogue's /OpenAction when
 * `openAction` is set).
 */
export function pdfWithObjectStream(opts: { hidden?: string[]; openAction?: boolean; filter?: string; raw?: boolean } = {}): Buffer {
  const content = 'BT /F1 18 Tf 72 760 Td (Ho so) Tj ET';
  // Objects 1..3 + hidden go into the object stream (number 10); the page contents (object 9) stay outside.
  const inStream = [
    `<< /Type /Catalog /Pages 2 0 R${opts.openAction ? ' /OpenAction 4 0 R' : ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 9 0 R >>',
    ...(opts.hidden ?? []),
  ];
  let header = '';
  let objs = '';
  inStream.forEach((o, i) => {
    header += `${i + 1} ${objs.length} `;
    objs += `${o}\n`;
  });
  const first = header.length;
  const plain = Buffer.from(header + objs, 'latin1');
  const packed = opts.raw ? plain : zlib.deflateSync(plain);
  let out: Buffer = Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const offsets = new Map<number, number>();
  const add = (num: number, dict: string, data?: Buffer) => {
    offsets.set(num, out.length);
    const parts: Uint8Array[] = [Buffer.from(`${num} 0 obj\n${dict}\n`, 'latin1')];
    if (data) parts.push(Buffer.from('stream\n', 'latin1'), data, Buffer.from('\nendstream\n', 'latin1'));
    parts.push(Buffer.from('endobj\n', 'latin1'));
    out = Buffer.concat([out, ...parts]);
  };
  add(9, `<< /Length ${content.length} >>`, Buffer.from(content, 'latin1'));
  const filter = opts.raw ? '' : ` /Filter ${opts.filter ?? '/FlateDecode'}`;
  add(10, `<< /Type /ObjStm /N ${inStream.length} /First ${first} /Length ${packed.length}${filter} >>`, packed);
  // Cross-reference stream: /W [1 4 2]; type 1 = offset, type 2 = in object stream 10 at index i.
  const size = 12;
  const rows: Buffer[] = [];
  const row = (type: number, a: number, b: number) => {
    const r = Buffer.alloc(7);
    r.writeUInt8(type, 0);
    r.writeUInt32BE(a, 1);
    r.writeUInt16BE(b, 5);
    rows.push(r);
  };
  const xrefOffset = out.length;
  for (let n = 0; n < size; n++) {
    if (n === 0) row(0, 0, 65535);
    else if (n <= inStream.length) row(2, 10, n - 1);
    else if (n === 9 || n === 10) row(1, offsets.get(n)!, 0);
    else if (n === 11) row(1, xrefOffset, 0);
    else row(0, 0, 0);
  }
  const xrefData = zlib.deflateSync(Buffer.concat(rows));
  add(11, `<< /Type /XRef /Size ${size} /W [1 4 2] /Root 1 0 R /Length ${xrefData.length} /Filter /FlateDecode >>`, xrefData);
  return Buffer.concat([out, Buffer.from(`startxref\n${xrefOffset}\n%%EOF\n`, 'latin1')]);
}

// ── ZIP-based office documents ───────────────────────────────────────────────────────────────

/** A ZIP archive of stored (uncompressed) entries, UTF-8 names. */
export function zip(entries: [name: string, data: string | Buffer][]): Buffer {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, d] of entries) {
    const data = typeof d === 'string' ? Buffer.from(d, 'utf8') : d;
    const n = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const contentTypes = (main: string, part: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="${part}" ContentType="${main}"/></Types>`;

export function xlsxBytes(): Buffer {
  return zip([
    ['[Content_Types].xml', contentTypes('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', '/xl/workbook.xml')],
    ['xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Báo cáo" sheetId="1"/></sheets></workbook>'],
  ]);
}

/** A .docm (macro-enabled Word): must be refused. */
export function docmBytes(): Buffer {
  return zip([
    ['[Content_Types].xml', contentTypes('application/vnd.ms-word.document.macroEnabled.main+xml', '/word/document.xml')],
    ['word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'],
    ['word/vbaProject.bin', Buffer.alloc(64)],
  ]);
}

export function odtBytes(): Buffer {
  return zip([
    ['mimetype', 'application/vnd.oasis.opendocument.text'],
    ['content.xml', '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'],
  ]);
}

// ── Images and others ────────────────────────────────────────────────────────────────────────

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A valid 1×1 red PNG. */
export function pngBytes(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.from([0, 255, 0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The head of a JFIF JPEG (enough for the sniffer). */
export function jpegBytes(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0]), Buffer.alloc(64), Buffer.from([0xff, 0xd9])]);
}

/** A little-endian TIFF with one IFD (1×1, 8-bit grey). */
export function tiffBytes(): Buffer {
  const entries: [tag: number, type: number, value: number][] = [
    [256, 3, 1], // ImageWidth
    [257, 3, 1], // ImageLength
    [258, 3, 8], // BitsPerSample
    [259, 3, 1], // Compression: none
    [262, 3, 1], // PhotometricInterpretation: BlackIsZero
    [273, 4, 8 + 2 + 7 * 12 + 4], // StripOffsets
    [279, 4, 1], // StripByteCounts
  ];
  const b = Buffer.alloc(8 + 2 + entries.length * 12 + 4 + 1);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const o = 10 + i * 12;
    b.writeUInt16LE(tag, o);
    b.writeUInt16LE(type, o + 2);
    b.writeUInt32LE(1, o + 4);
    if (type === 3) b.writeUInt16LE(value, o + 8);
    else b.writeUInt32LE(value, o + 8);
  });
  b.writeUInt8(0x80, b.length - 1);
  return b;
}

/** A Windows executable's head: `MZ` … `PE\0\0`. */
export function exeBytes(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

/** Legacy Word/Excel (.doc/.xls) and .msi share this container: Compound File Binary. */
export function cfbBytes(): Buffer {
  return Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
}

// ── HTTP ─────────────────────────────────────────────────────────────────────────────────────

/** A multipart/form-data body as a browser sends it (UTF-8 file names as raw bytes). */
export async function multipart(parts: { name: string; fileName?: string; data: Buffer | string; type?: string }[]): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const p of parts) {
    if (p.fileName !== undefined) form.append(p.name, new Blob([p.data], { type: p.type ?? 'application/octet-stream' }), p.fileName);
    else form.append(p.name, String(p.data));
  }
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await req.arrayBuffer()), headers: { 'content-type': req.headers.get('content-type')! } };
}
