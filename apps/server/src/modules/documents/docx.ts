import { AlignmentType, BorderStyle, Document, ImageRun, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import QRCode from 'qrcode';
import { MOTTO, type PrintDoc } from './model.ts';

/**
 * The same document as the PDF, as an editable Word file [003 Art. 15.2]: the officer can correct
 * wording before printing. Times New Roman is named (every office machine has it); Word substitutes
 * locally, so nothing is embedded.
 */
const FONT = 'Times New Roman';
const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text, font: FONT, size: o.size ?? 24, bold: o.bold, italics: o.italics });
const para = (children: TextRun[] | ImageRun[], o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number; indent?: number } = {}) =>
  new Paragraph({ alignment: o.align, spacing: { after: o.after ?? 60 }, indent: o.indent ? { left: o.indent } : undefined, children });
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

// Page sizes in twentieths of a point.
const PAGE = { A5: { width: 8391, height: 11906 }, A4: { width: 11906, height: 16838 }, 'A4-landscape': { width: 16838, height: 11906 } } as const;

export async function renderDocx(doc: PrintDoc): Promise<Buffer> {
  const small = doc.paper === 'A5';
  const size = small ? 22 : 24;
  const leftCell: Paragraph[] = [];
  if (doc.qrText) {
    const png = await QRCode.toBuffer(doc.qrText, { errorCorrectionLevel: 'M', margin: 2, scale: 4 });
    leftCell.push(para([new ImageRun({ type: 'png', data: png, transformation: { width: 72, height: 72 } })]));
  }
  leftCell.push(
    para([run(doc.governingBody.toUpperCase(), { size: size - 2 })], { align: AlignmentType.CENTER, after: 0 }),
    para([run(doc.agencyName.toUpperCase(), { bold: true, size: size - 2 })], { align: AlignmentType.CENTER }),
  );
  if (doc.number) leftCell.push(para([run(`Số: ${doc.number}`, { size: size - 4 })], { align: AlignmentType.CENTER }));
  const rightCell = [
    para([run(MOTTO[0], { bold: true, size: size - 4 })], { align: AlignmentType.CENTER, after: 0 }),
    para([run(MOTTO[1], { bold: true, size: size - 2 })], { align: AlignmentType.CENTER, after: 120 }),
    para([run(doc.placeDate, { italics: true, size: size - 2 })], { align: AlignmentType.CENTER }),
  ];
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [new TableCell({ children: leftCell, width: { size: 45, type: WidthType.PERCENTAGE } }), new TableCell({ children: rightCell, width: { size: 55, type: WidthType.PERCENTAGE } })] })],
  });
  const body: (Paragraph | Table)[] = [header, para([run(doc.title, { bold: true, size: size + 2 })], { align: AlignmentType.CENTER, after: 200 })];
  for (const b of doc.blocks) {
    if (b.kind === 'text') body.push(para([run(b.text, { size })]));
    else b.items.forEach((item, i) => body.push(para([run(`${i + 1}. ${item}`, { size })], { indent: 300 })));
  }
  if (doc.table) {
    const t = doc.table;
    const total = t.columns.reduce((a, c) => a + c.width, 0);
    const cell = (text: string, bold: boolean, w: number) => new TableCell({ width: { size: Math.round((w / total) * 100), type: WidthType.PERCENTAGE }, children: [para([run(text, { size: size - 6, bold })], { after: 0 })] });
    body.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: t.columns.map((c) => cell(c.title, true, c.width)) }),
          ...t.rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, false, t.columns[i]!.width)) })),
        ],
      }),
    );
  }
  if (doc.signatures.length) {
    body.push(para([run('')], { after: 200 }));
    body.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        borders: NO_BORDERS,
        rows: [
          new TableRow({
            children: doc.signatures.map(
              (s) =>
                new TableCell({
                  children: [
                    para([run(s.title, { bold: true, size })], { align: AlignmentType.CENTER, after: 0 }),
                    para([run('(Ký, ghi rõ họ tên)', { italics: true, size: size - 4 })], { align: AlignmentType.CENTER, after: 900 }),
                    para([run(s.note, { bold: true, size })], { align: AlignmentType.CENTER }),
                  ],
                }),
            ),
          }),
        ],
      }),
    );
  }
  const page = PAGE[doc.paper];
  const document = new Document({
    creator: 'motcua',
    title: doc.docTitle,
    sections: [
      {
        properties: {
          page: {
            size: { width: page.width, height: page.height, orientation: doc.paper === 'A4-landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: small ? { top: 567, bottom: 567, left: 680, right: 567 } : { top: 1134, bottom: 1134, left: 1701, right: 1134 },
          },
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
