import { AlignmentType, Document, Packer, Paragraph, TextRun, TabStopType, LeaderType } from 'docx';
import type { Component } from '@motcua/domain';

/**
 * A printable, editable template (DOCX) of a dossier component, generated from its e-form: the
 * same fields the online form asks for, as a paper form with dotted lines to fill by hand. One
 * source (the e-form) means the paper and the online form can never disagree.
 */
interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
  format?: string;
}

const FONT = 'Times New Roman';
const run = (text: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text, font: FONT, size: opts.size ?? 26, bold: opts.bold, italics: opts.italics });
const center = (children: TextRun[], after = 0) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children });

/** A line "Label: ......" filled with dots to the right margin. */
function dottedLine(label: string): Paragraph {
  return new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: 9300, leader: LeaderType.DOT }],
    spacing: { before: 80, after: 80 },
    children: [run(`${label}: `), new TextRun({ text: '\t', font: FONT })],
  });
}

function fieldParagraphs(name: string, s: JsonSchema, required: boolean, depth: number): Paragraph[] {
  const label = `${s.title ?? name}${required ? ' (*)' : ''}`;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object' && s.properties) {
    const req = new Set(s.required ?? []);
    return [
      new Paragraph({ spacing: { before: 160, after: 60 }, children: [run(`${'  '.repeat(depth)}${label.toUpperCase()}`, { bold: true })] }),
      ...Object.entries(s.properties).flatMap(([k, v]) => fieldParagraphs(k, v, req.has(k), depth + 1)),
    ];
  }
  if (s.enum?.length) {
    return [new Paragraph({ spacing: { before: 80, after: 80 }, children: [run(`${label}: `), run(s.enum.map((e) => `☐ ${String(e)}`).join('   '))] })];
  }
  if (type === 'boolean') return [new Paragraph({ spacing: { before: 80, after: 80 }, children: [run(`☐ ${label}`)] })];
  if (type === 'array') return [dottedLine(label), dottedLine('')];
  const hint = s.format === 'date' ? ' (ngày/tháng/năm)' : '';
  return [dottedLine(`${label}${hint}`)];
}

export async function componentTemplateDocx(procedureName: string, component: Component): Promise<Buffer> {
  const schema = (component.form?.schema ?? {}) as JsonSchema;
  const req = new Set(schema.required ?? []);
  const body = schema.properties ? Object.entries(schema.properties).flatMap(([k, v]) => fieldParagraphs(k, v, req.has(k), 0)) : [dottedLine('Nội dung'), dottedLine(''), dottedLine('')];
  const doc = new Document({
    creator: 'motcua',
    title: component.template?.name ?? component.name,
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } },
        children: [
          center([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true })]),
          center([run('Độc lập - Tự do - Hạnh phúc', { bold: true })], 300),
          center([run((component.template?.name ?? component.name).toUpperCase(), { bold: true, size: 28 })], 120),
          center([run(`(Thủ tục: ${procedureName})`, { italics: true })], 300),
          ...body,
          new Paragraph({ spacing: { before: 300 }, children: [run('Những mục có dấu (*) là bắt buộc.', { italics: true, size: 22 })] }),
          ...(component.template?.source ? [new Paragraph({ children: [run(`Mẫu theo: ${component.template.source}.`, { italics: true, size: 22 })] })] : []),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 400 }, children: [run('……, ngày …… tháng …… năm ……', { italics: true })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [run('NGƯỜI YÊU CẦU', { bold: true })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [run('(Ký, ghi rõ họ, chữ đệm, tên)', { italics: true })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export function templateFileName(component: Component): string {
  const base = (component.template?.fileName ?? `${component.code}.docx`).replace(/\.[A-Za-z0-9]+$/, '');
  return `${base}.docx`;
}
