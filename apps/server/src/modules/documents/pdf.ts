import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import QRCode from 'qrcode';
import { MOTTO, type PrintDoc } from './model.ts';

/**
 * PDF rendering with pdf-lib. The font is DejaVu Serif from the `dejavu-fonts-ttf` npm package:
 * it covers every precomposed Vietnamese letter (research/stack.md §5), ships as plain TTF (the
 * @fontsource packages carry only subsets in WOFF2), and comes with `npm ci`, so a fresh clone
 * renders the same PDF on any machine without system fonts. Embedded as a subset.
 */
const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fontBytes: { regular: Buffer; bold: Buffer; italic: Buffer } | null = null;
function fonts() {
  fontBytes ??= {
    regular: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSerif.ttf')),
    bold: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSerif-Bold.ttf')),
    italic: fs.readFileSync(path.join(FONT_DIR, 'DejaVuSerif-Italic.ttf')),
  };
  return fontBytes;
}

const SIZES = { A5: [419.53, 595.28], A4: [595.28, 841.89], 'A4-landscape': [841.89, 595.28] } as const;

export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
      else {
        lines.push(line);
        line = word;
      }
      // A single word wider than the column (a long URL) is cut where it overflows.
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The largest size up to `size` at which `text` fits on one line of `width`. */
function fit(text: string, font: PDFFont, size: number, width: number): number {
  return Math.min(size, (width / font.widthOfTextAtSize(text, 1)) * 0.98);
}

class Writer {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];
  constructor(
    readonly pdf: PDFDocument,
    readonly size: readonly [number, number],
    readonly margin: number,
  ) {
    this.newPage();
  }
  get width() {
    return this.size[0] - 2 * this.margin;
  }
  newPage() {
    this.page = this.pdf.addPage([this.size[0], this.size[1]]);
    this.pages.push(this.page);
    this.y = this.size[1] - this.margin;
  }
  ensure(h: number) {
    if (this.y - h < this.margin + 14) this.newPage();
  }
  /** Draws wrapped text in [x, x+width]; align within it. Returns the height used. */
  text(text: string, o: { font: PDFFont; size: number; x?: number; width?: number; align?: 'left' | 'center' | 'right'; indent?: number; gap?: number }) {
    const x = o.x ?? this.margin;
    const width = o.width ?? this.width;
    const lh = o.size * 1.3;
    const lines = wrap(text, o.font, o.size, width - (o.indent ?? 0));
    for (const [i, line] of lines.entries()) {
      this.ensure(lh);
      const w = o.font.widthOfTextAtSize(line, o.size);
      const ind = i > 0 ? (o.indent ?? 0) : 0;
      const lx = o.align === 'center' ? x + (width - w) / 2 : o.align === 'right' ? x + width - w : x + ind;
      this.y -= lh;
      this.page.drawText(line, { x: lx, y: this.y + o.size * 0.25, size: o.size, font: o.font });
    }
    this.y -= o.gap ?? 0;
    return lines.length * lh;
  }
}

/** Draws the QR code as one vector path (sharp at any print resolution) with its quiet zone. */
function drawQr(page: PDFPage, text: string, x: number, top: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const m = size / (n + 2 * quiet);
  page.drawRectangle({ x, y: top - size, width: size, height: size, color: rgb(1, 1, 1) });
  // SVG path in module units (y down); each run of dark modules in a row is one rectangle.
  let d = '';
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      d += `M${quiet + start} ${quiet + r}h${c - start}v1h${start - c}z`;
    }
  }
  page.drawSvgPath(d, { x, y: top, scale: m, color: rgb(0, 0, 0) });
}

export async function renderPdf(doc: PrintDoc): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const f = fonts();
  const regular = await pdf.embedFont(f.regular, { subset: true });
  const bold = await pdf.embedFont(f.bold, { subset: true });
  const italic = await pdf.embedFont(f.italic, { subset: true });
  pdf.setTitle(doc.docTitle);
  pdf.setCreator('motcua');
  pdf.setProducer('motcua');
  pdf.setLanguage('vi-VN');
  const small = doc.paper === 'A5';
  const w = new Writer(pdf, SIZES[doc.paper], small ? 28 : 40);
  const base = small ? 9 : 10;

  // Header: QR top left, the agency beside it, the national motto on the right.
  const top = w.y;
  const qrSize = small ? 58 : 70;
  let leftX = w.margin;
  if (doc.qrText) {
    drawQr(w.page, doc.qrText, w.margin, top, qrSize);
    leftX += qrSize + 6;
  }
  const rightW = small ? 178 : 260;
  const rightX = w.margin + w.width - rightW;
  const leftW = rightX - leftX - 6;
  w.y = top;
  w.text(doc.governingBody.toUpperCase(), { font: regular, size: base - 1, x: leftX, width: leftW, align: 'center' });
  w.text(doc.agencyName.toUpperCase(), { font: bold, size: base - 1, x: leftX, width: leftW, align: 'center', gap: 2 });
  if (doc.number) w.text(`Số: ${doc.number}`, { font: regular, size: fit(`Số: ${doc.number}`, regular, base - 1.5, leftW), x: leftX, width: leftW, align: 'center' });
  const leftBottom = w.y;
  w.y = top;
  w.text(MOTTO[0], { font: bold, size: fit(MOTTO[0], bold, small ? 7.6 : 9.5, rightW), x: rightX, width: rightW, align: 'center' });
  w.text(MOTTO[1], { font: bold, size: base - 0.5, x: rightX, width: rightW, align: 'center', gap: 6 });
  w.text(doc.placeDate, { font: italic, size: base - 1, x: rightX, width: rightW, align: 'center' });
  w.y = Math.min(w.y, leftBottom, doc.qrText ? top - qrSize : top) - 12;

  w.text(doc.title, { font: bold, size: base + 2, align: 'center', gap: 8 });

  for (const b of doc.blocks) {
    if (b.kind === 'text') w.text(b.text, { font: regular, size: base, gap: 2 });
    else b.items.forEach((item, i) => w.text(`${i + 1}. ${item}`, { font: regular, size: base, x: w.margin + 10, width: w.width - 10, indent: 10, gap: 1 }));
  }

  if (doc.table) drawTable(w, doc.table, regular, bold, small ? 7 : 7.5);

  if (doc.signatures.length) {
    w.y -= 10;
    w.ensure(70);
    const colW = w.width / doc.signatures.length;
    const y0 = w.y;
    let lowest = y0;
    doc.signatures.forEach((s, i) => {
      w.y = y0;
      const x = w.margin + i * colW;
      w.text(s.title, { font: bold, size: base, x, width: colW, align: 'center' });
      w.text('(Ký, ghi rõ họ tên)', { font: italic, size: base - 1.5, x, width: colW, align: 'center' });
      w.y -= 36;
      w.text(s.note, { font: bold, size: base, x, width: colW, align: 'center' });
      lowest = Math.min(lowest, w.y);
    });
    w.y = lowest;
  }

  const total = w.pages.length;
  w.pages.forEach((p, i) => {
    const label = `Trang ${i + 1}/${total}`;
    p.drawText(label, { x: (p.getWidth() - regular.widthOfTextAtSize(label, 7)) / 2, y: 14, size: 7, font: regular });
  });
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

function drawTable(w: Writer, t: NonNullable<PrintDoc['table']>, regular: PDFFont, bold: PDFFont, size: number) {
  const totalW = t.columns.reduce((a, c) => a + c.width, 0);
  const widths = t.columns.map((c) => (c.width / totalW) * w.width);
  const pad = 2;
  const lh = size * 1.25;
  const drawRow = (cells: string[], font: PDFFont) => {
    const wrapped = cells.map((c, i) => wrap(c, font, size, widths[i]! - 2 * pad));
    const h = Math.max(...wrapped.map((l) => l.length)) * lh + 2 * pad;
    if (w.y - h < w.margin + 14) {
      w.newPage();
      if (font !== bold) drawRow(t.columns.map((c) => c.title), bold);
    }
    let x = w.margin;
    wrapped.forEach((lines, i) => {
      w.page.drawRectangle({ x, y: w.y - h, width: widths[i]!, height: h, borderColor: rgb(0, 0, 0), borderWidth: 0.5 });
      lines.forEach((line, j) => w.page.drawText(line, { x: x + pad, y: w.y - pad - (j + 1) * lh + size * 0.3, size, font }));
      x += widths[i]!;
    });
    w.y -= h;
  };
  w.y -= 6;
  drawRow(t.columns.map((c) => c.title), bold);
  for (const r of t.rows) drawRow(r, regular);
  w.y -= 4;
}
