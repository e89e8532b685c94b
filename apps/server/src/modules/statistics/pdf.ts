import type { Figures } from '@motcua/domain/statistics/index.ts';
import { renderPdf } from '../documents/pdf.ts';
import { COLUMNS, GROUP_TITLE } from './xlsx.ts';

const count = new Intl.NumberFormat('vi-VN');
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });

export interface ReportPdf {
  governingBody: string;
  agencyName: string;
  placeDate: string;
  title: string;
  period: string;
  groupBy: string;
  rows: { key: string; label: string; figures: Figures }[];
  total: Figures;
}

/**
 * The grouped report as a printable A4-landscape PDF through the documents renderer (same
 * header, embedded DejaVu font and table as every printed form), with the same columns and
 * numbers as the Excel export, formatted the Vietnamese way (1.234; 95,12%).
 */
export function reportPdf(r: ReportPdf): Promise<Buffer> {
  const cell = (f: Figures) => COLUMNS.map((c) => (c.rate ? (f[c.key] === null ? '—' : percent.format(f[c.key] as number)) : count.format(f[c.key] as number)));
  return renderPdf({
    paper: 'A4-landscape',
    qrText: null,
    governingBody: r.governingBody,
    agencyName: r.agencyName,
    number: null,
    placeDate: r.placeDate,
    title: r.title,
    blocks: [{ kind: 'text', text: r.period }],
    table: {
      columns: [{ title: 'STT', width: 3 }, { title: GROUP_TITLE[r.groupBy] ?? r.groupBy, width: 12 }, ...COLUMNS.map((c) => ({ title: c.vi, width: 4.3 }))],
      rows: [...r.rows.map((x, i) => [String(i + 1), x.label, ...cell(x.figures)]), ['', 'Tổng cộng', ...cell(r.total)]],
    },
    signatures: [{ title: 'NGƯỜI LẬP BIỂU', note: '' }, { title: 'THỦ TRƯỞNG CƠ QUAN', note: '' }],
    docTitle: r.title,
  });
}
