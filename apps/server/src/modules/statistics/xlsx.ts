import ExcelJS from 'exceljs';
import type { Figures } from '@motcua/domain/statistics/index.ts';

/** Columns of the report, in the order of the national form: received, resolved, in progress, then the rest. */
export const COLUMNS: { key: keyof Figures; vi: string; rate?: boolean }[] = [
  { key: 'received', vi: 'Tổng số hồ sơ tiếp nhận' },
  { key: 'carriedOver', vi: 'Kỳ trước chuyển sang' },
  { key: 'new', vi: 'Mới tiếp nhận trong kỳ' },
  { key: 'resolved', vi: 'Đã giải quyết' },
  { key: 'early', vi: 'Trước hạn' },
  { key: 'onTime', vi: 'Đúng hạn' },
  { key: 'late', vi: 'Quá hạn' },
  { key: 'inProgress', vi: 'Đang giải quyết' },
  { key: 'notDue', vi: 'Trong hạn' },
  { key: 'overdue', vi: 'Quá hạn (đang giải quyết)' },
  { key: 'awaitingSupplement', vi: 'Chờ bổ sung' },
  { key: 'refused', vi: 'Từ chối giải quyết' },
  { key: 'withdrawn', vi: 'Rút hồ sơ' },
  { key: 'stopped', vi: 'Dừng xử lý' },
  { key: 'postalReturned', vi: 'Trả kết quả qua bưu chính' },
  { key: 'resolutionRate', vi: 'Tỷ lệ giải quyết', rate: true },
  { key: 'onTimeRate', vi: 'Tỷ lệ đúng hạn', rate: true },
];

export const GROUP_TITLE: Record<string, string> = { agency: 'Cơ quan', field: 'Lĩnh vực', procedure: 'Thủ tục', commune: 'Xã, phường', channel: 'Hình thức tiếp nhận' };

/** The grouped report as an xlsx workbook: Vietnamese headers, `#,##0` counts, `0.00%` rates. */
export async function reportWorkbook(title: string, groupBy: string, rows: { key: string; label: string; figures: Figures }[], total: Figures): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  const ws = wb.addWorksheet('Thống kê');
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow([]);
  const header = ws.addRow(['STT', 'Mã', GROUP_TITLE[groupBy] ?? groupBy, ...COLUMNS.map((c) => c.vi)]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  const line = (n: string | number, key: string, label: string, f: Figures) => {
    const r = ws.addRow([n, key, label, ...COLUMNS.map((c) => f[c.key])]);
    COLUMNS.forEach((c, i) => (r.getCell(4 + i).numFmt = c.rate ? '0.00%' : '#,##0'));
    return r;
  };
  rows.forEach((r, i) => line(i + 1, r.key, r.label, r.figures));
  line('', '', 'Tổng cộng', total).font = { bold: true };
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 16;
  ws.getColumn(3).width = 40;
  for (let i = 4; i < 4 + COLUMNS.length; i++) ws.getColumn(i).width = 13;
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: 3 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
