/**
 * The official holiday schedules for civil servants (cán bộ, công chức, viên chức) for 2024–2026,
 * as data. Each year the Prime Minister fixes the Tết and Quốc khánh days and may swap working
 * days to join a break to a weekend, with a make-up Saturday (đi làm bù) — Bộ luật Lao động 2019
 * Art. 112.3. The swaps apply to agencies with a Saturday–Sunday weekly rest (civil servants),
 * not to businesses in general.
 *
 * Each entry is only a day that differs from the plain Monday–Friday week (a holiday, a swapped
 * day off, a make-up Saturday) or a weekend holiday kept for its label. Every year here is
 * `complete`: it lists every day off of that year, so it replaces the generated Labour-Code
 * defaults for that year instead of being layered on them (the government's 5 Tết days are not
 * always "last day + mùng 1–4": 2024 and 2025 took two days before Tết).
 *
 * Sources were read as press or provincial-portal reports of the documents (the documents
 * themselves were not retrieved); each year's `sources` names the document, its date and where it
 * was read; `notes` say what could not be confirmed. The import schema is
 * `OfficialScheduleYear` in policy.ts.
 */
import type { OfficialScheduleYear } from './policy.ts';

const Y2024: OfficialScheduleYear = {
  year: 2024,
  complete: true,
  sources: [
    {
      document: 'Thông báo số 5015/TB-LĐTBXH',
      issuer: 'Bộ Lao động – Thương binh và Xã hội',
      issuedOn: '2023-11-22',
      covers: 'Tết Âm lịch 8/2–14/2/2024 (5 ngày Tết + 2 ngày nghỉ bù, khoản 3 Điều 111 BLLĐ); Quốc khánh 31/8–3/9/2024',
      url: 'http://huyendakha.kontum.gov.vn/tin-tuc/thong-bao-ve-viec-nghi-tet-am-lich-va-nghi-le-quoc-khanh-nam-2024-doi-voi-can-bo-cong-chuc-vien-chuc-va-nguoi-lao-dong.html',
    },
    {
      document: 'Công văn số 2450/VPCP-KGVX',
      issuer: 'Văn phòng Chính phủ (ý kiến Thủ tướng Chính phủ)',
      issuedOn: '2024-04-12',
      covers: 'Hoán đổi ngày làm việc thứ Hai 29/4/2024; nghỉ liên tục 27/4–1/5/2024',
      url: 'https://baophapluat.vn/media/thu-tuong-chinh-phu-dong-y-nghi-5-ngay-lien-tiep-dip-304-va-15-post12513.html',
    },
    {
      document: 'Công văn số 1511/BLĐTBXH-CATLĐ (đề xuất hoán đổi 29/4/2024 và làm bù)',
      issuer: 'Bộ Lao động – Thương binh và Xã hội',
      issuedOn: '2024-04-11',
      covers: 'Đề xuất hoán đổi 29/4/2024, làm bù thứ Bảy 4/5/2024',
      url: 'https://hieuluat.vn/lao-dong/cong-van-1511-bldtbxh-catld-bo-lao-dong-thuong-binh-va-xa-hoi-4c778.html',
    },
    {
      document: 'Tin Cổng TTĐT Chính phủ "Hoán đổi ngày làm việc dịp nghỉ lễ 30/4-1/5" (20/04/2024)',
      issuer: 'Cổng Thông tin điện tử Chính phủ',
      issuedOn: '2024-04-20',
      covers: 'Giỗ Tổ Hùng Vương nghỉ ngày 18/4/2024; nghỉ 27/4–1/5/2024',
      url: 'https://xaydungchinhsach.chinhphu.vn/nguoi-lao-dong.html',
    },
  ],
  entries: [
    { date: '2024-01-01', kind: 'holiday', label: 'Tết Dương lịch', labelEn: "New Year's Day" },
    { date: '2024-02-08', kind: 'holiday', label: 'Tết Nguyên đán (29 tháng Chạp)', labelEn: 'Lunar New Year holiday' },
    { date: '2024-02-09', kind: 'holiday', label: 'Tết Nguyên đán (30 tháng Chạp)', labelEn: 'Lunar New Year holiday' },
    { date: '2024-02-10', kind: 'holiday', label: 'Tết Nguyên đán (mùng 1 Tết)', labelEn: 'Lunar New Year (day 1)' },
    { date: '2024-02-11', kind: 'holiday', label: 'Tết Nguyên đán (mùng 2 Tết)', labelEn: 'Lunar New Year (day 2)' },
    { date: '2024-02-12', kind: 'holiday', label: 'Tết Nguyên đán (mùng 3 Tết)', labelEn: 'Lunar New Year (day 3)' },
    { date: '2024-02-13', kind: 'holiday', label: 'Nghỉ bù Tết Nguyên đán', labelEn: 'Compensatory day off (Tết)' },
    { date: '2024-02-14', kind: 'holiday', label: 'Nghỉ bù Tết Nguyên đán', labelEn: 'Compensatory day off (Tết)' },
    { date: '2024-04-18', kind: 'holiday', label: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', labelEn: "Hung Kings' Commemoration Day" },
    { date: '2024-04-29', kind: 'holiday', label: 'Nghỉ hoán đổi (làm bù thứ Bảy 4/5/2024)', labelEn: 'Swapped day off (made up on Sat 4 May 2024)' },
    { date: '2024-04-30', kind: 'holiday', label: 'Ngày Chiến thắng (30/4)', labelEn: 'Reunification Day' },
    { date: '2024-05-01', kind: 'holiday', label: 'Ngày Quốc tế Lao động (1/5)', labelEn: 'International Labour Day' },
    { date: '2024-05-04', kind: 'makeup', label: 'Làm bù cho ngày 29/4/2024', labelEn: 'Make-up working Saturday for 29 April 2024' },
    { date: '2024-09-02', kind: 'holiday', label: 'Quốc khánh (2/9)', labelEn: 'National Day' },
    { date: '2024-09-03', kind: 'holiday', label: 'Quốc khánh (ngày liền kề)', labelEn: 'National Day (adjacent day)' },
  ],
  notes: [
    'Tết Dương lịch 2024 rơi vào thứ Hai 1/1/2024: nghỉ 1 ngày theo Bộ luật Lao động, không có hoán đổi (không thấy văn bản riêng).',
    'Ngày làm bù thứ Bảy 4/5/2024 lấy theo đề xuất tại Công văn 1511/BLĐTBXH-CATLĐ và tin báo chí; chưa đọc được nguyên văn Công văn 2450/VPCP-KGVX.',
  ],
};

const Y2025: OfficialScheduleYear = {
  year: 2025,
  complete: true,
  sources: [
    {
      document: 'Công văn số 8726/VPCP-KGVX',
      issuer: 'Văn phòng Chính phủ (ý kiến Thủ tướng Chính phủ)',
      issuedOn: '2024-11-26',
      covers:
        'Tết Âm lịch 25/1–2/2/2025 (26 tháng Chạp – mùng 5 Tết); hoán đổi thứ Sáu 2/5/2025 sang thứ Bảy 26/4/2025; Quốc khánh 30/8–2/9/2025 (2/9 và ngày liền kề trước)',
      url: 'https://pld.net.vn/tag/nghi-tet-nguyen-dan.html',
    },
    {
      document: 'Bài báo "Thủ tướng chốt nghỉ Tết Nguyên đán Ất Tỵ 9 ngày" (26/11/2024), nội dung Công văn 8726/VPCP-KGVX (đọc qua một bản sao của bài báo)',
      issuer: 'Báo chí (bản sao)',
      issuedOn: '2024-11-26',
      covers: 'Chi tiết: Tết 25/1–2/2/2025; hoán đổi 2/5 sang 26/4/2025; Quốc khánh 30/8–2/9/2025',
      url: 'http://wallet.tour-time.com/html/766a398462.html',
    },
    {
      document: 'TTXVN/VietnamPlus: "Công chức, viên chức được nghỉ thế nào trong dịp lễ 30/4-1/5/2025?" (bản gốc: https://www.vietnamplus.vn/cong-chuc-vien-chuc-duoc-nghi-the-nao-trong-dip-le-304-152025-post1033115.vnp)',
      issuer: 'Thông tấn xã Việt Nam',
      issuedOn: '2025-04',
      covers: 'Nghỉ 30/4–4/5/2025, làm bù thứ Bảy 26/4/2025',
      url: 'https://tracuuquyhoach.com/tin-tuc/cong-chuc-vien-chuc-duoc-nghi-the-nao-trong-dip-le-30-4-1-5-2025-51994339',
    },
  ],
  entries: [
    { date: '2025-01-01', kind: 'holiday', label: 'Tết Dương lịch', labelEn: "New Year's Day" },
    { date: '2025-01-27', kind: 'holiday', label: 'Tết Nguyên đán (28 tháng Chạp)', labelEn: 'Lunar New Year holiday' },
    { date: '2025-01-28', kind: 'holiday', label: 'Tết Nguyên đán (29 tháng Chạp)', labelEn: 'Lunar New Year holiday' },
    { date: '2025-01-29', kind: 'holiday', label: 'Tết Nguyên đán (mùng 1 Tết)', labelEn: 'Lunar New Year (day 1)' },
    { date: '2025-01-30', kind: 'holiday', label: 'Tết Nguyên đán (mùng 2 Tết)', labelEn: 'Lunar New Year (day 2)' },
    { date: '2025-01-31', kind: 'holiday', label: 'Tết Nguyên đán (mùng 3 Tết)', labelEn: 'Lunar New Year (day 3)' },
    { date: '2025-04-07', kind: 'holiday', label: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', labelEn: "Hung Kings' Commemoration Day" },
    { date: '2025-04-26', kind: 'makeup', label: 'Làm bù cho ngày 2/5/2025', labelEn: 'Make-up working Saturday for 2 May 2025' },
    { date: '2025-04-30', kind: 'holiday', label: 'Ngày Chiến thắng (30/4)', labelEn: 'Reunification Day' },
    { date: '2025-05-01', kind: 'holiday', label: 'Ngày Quốc tế Lao động (1/5)', labelEn: 'International Labour Day' },
    { date: '2025-05-02', kind: 'holiday', label: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)', labelEn: 'Swapped day off (made up on Sat 26 April 2025)' },
    { date: '2025-09-01', kind: 'holiday', label: 'Quốc khánh (ngày liền kề)', labelEn: 'National Day (adjacent day)' },
    { date: '2025-09-02', kind: 'holiday', label: 'Quốc khánh (2/9)', labelEn: 'National Day' },
  ],
  notes: [
    'Tết Dương lịch 2025 (thứ Tư 1/1/2025): nghỉ 1 ngày theo Bộ luật Lao động; không thấy văn bản hoán đổi (nguồn tham khảo: tin báo chí, không phải văn bản gốc).',
    'Giỗ Tổ Hùng Vương 2025 (thứ Hai 7/4/2025) tính từ âm lịch (10/3 Ất Tỵ); không đọc văn bản riêng, không có hoán đổi.',
    'Ngày đăng của tin VietnamPlus về dịp 30/4–1/5/2025 chỉ xác định được đến tháng (2025-04).',
    'Không thấy ngày nghỉ bổ sung nào cho dịp 50 năm 30/4 hay 80 năm Quốc khánh 2025 trong các nguồn đã đọc.',
  ],
};

const Y2026: OfficialScheduleYear = {
  year: 2026,
  complete: true,
  sources: [
    {
      document: 'Công văn số 12729/VPCP-KGVX',
      issuer: 'Văn phòng Chính phủ (ý kiến Phó Thủ tướng Phạm Thị Thanh Trà)',
      issuedOn: '2025-12-25',
      covers: 'Tết Dương lịch 1/1–4/1/2026; hoán đổi thứ Sáu 2/1/2026 sang thứ Bảy 10/1/2026',
      url: 'https://tracuuquyhoach.com/tin-tuc/tin-vui-cho-nguoi-lao-dong-chinh-phu-dong-y-nghi-tet-duong-lich-4-ngay-54100289',
    },
    {
      document: 'Thông báo số 9441/TB-BNV',
      issuer: 'Bộ Nội vụ',
      issuedOn: '2025-10-16',
      covers: 'Tết Âm lịch 16/2–20/2/2026 (1 ngày trước Tết, 4 ngày sau Tết; cả kỳ 14/2–22/2); Quốc khánh 2026',
      url: 'https://vietbao.vn/bo-noi-vu-thong-bao-lich-nghi-tet-nguyen-dan-va-quoc-khanh-nam-2026-568329.html',
    },
    {
      document: 'Văn bản của Văn phòng Chính phủ truyền đạt ý kiến Thủ tướng (số hiệu chưa xác định)',
      issuer: 'Văn phòng Chính phủ',
      issuedOn: '2025-10-13',
      covers: 'Quốc khánh 29/8–2/9/2026; hoán đổi thứ Hai 31/8/2026 sang thứ Bảy 22/8/2026',
      url: 'https://kienthuc.net.vn/chot-phuong-an-nghi-tet-am-lich-binh-ngo-va-quoc-khanh-nam-2026-post1576857.html',
    },
    {
      document: 'Thanh Niên: "Giỗ tổ Hùng Vương, 30.4-1.5, Quốc khánh 2.9 năm 2026 được nghỉ mấy ngày"',
      issuer: 'Báo Thanh Niên',
      issuedOn: '2026-02-23',
      covers: 'Giỗ Tổ 26/4/2026 (Chủ nhật) nghỉ bù thứ Hai 27/4; 30/4 và 1/5 (thứ Năm, thứ Sáu)',
      url: 'https://thanhnien.vn/gio-to-hung-vuong-304-15-quoc-khanh-29-nam-2026-duoc-nghi-may-ngay-185260223083506397.htm',
    },
  ],
  entries: [
    { date: '2026-01-01', kind: 'holiday', label: 'Tết Dương lịch', labelEn: "New Year's Day" },
    { date: '2026-01-02', kind: 'holiday', label: 'Nghỉ hoán đổi (làm bù thứ Bảy 10/1/2026)', labelEn: 'Swapped day off (made up on Sat 10 January 2026)' },
    { date: '2026-01-10', kind: 'makeup', label: 'Làm bù cho ngày 2/1/2026', labelEn: 'Make-up working Saturday for 2 January 2026' },
    { date: '2026-02-16', kind: 'holiday', label: 'Tết Nguyên đán (29 tháng Chạp)', labelEn: 'Lunar New Year holiday' },
    { date: '2026-02-17', kind: 'holiday', label: 'Tết Nguyên đán (mùng 1 Tết)', labelEn: 'Lunar New Year (day 1)' },
    { date: '2026-02-18', kind: 'holiday', label: 'Tết Nguyên đán (mùng 2 Tết)', labelEn: 'Lunar New Year (day 2)' },
    { date: '2026-02-19', kind: 'holiday', label: 'Tết Nguyên đán (mùng 3 Tết)', labelEn: 'Lunar New Year (day 3)' },
    { date: '2026-02-20', kind: 'holiday', label: 'Tết Nguyên đán (mùng 4 Tết)', labelEn: 'Lunar New Year (day 4)' },
    { date: '2026-04-26', kind: 'holiday', label: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', labelEn: "Hung Kings' Commemoration Day" },
    { date: '2026-04-27', kind: 'holiday', label: 'Nghỉ bù Giỗ Tổ Hùng Vương', labelEn: "Compensatory day off (Hung Kings' Day)" },
    { date: '2026-04-30', kind: 'holiday', label: 'Ngày Chiến thắng (30/4)', labelEn: 'Reunification Day' },
    { date: '2026-05-01', kind: 'holiday', label: 'Ngày Quốc tế Lao động (1/5)', labelEn: 'International Labour Day' },
    { date: '2026-08-22', kind: 'makeup', label: 'Làm bù cho ngày 31/8/2026', labelEn: 'Make-up working Saturday for 31 August 2026' },
    { date: '2026-08-31', kind: 'holiday', label: 'Nghỉ hoán đổi (làm bù thứ Bảy 22/8/2026)', labelEn: 'Swapped day off (made up on Sat 22 August 2026)' },
    { date: '2026-09-01', kind: 'holiday', label: 'Quốc khánh (ngày liền kề)', labelEn: 'National Day (adjacent day)' },
    { date: '2026-09-02', kind: 'holiday', label: 'Quốc khánh (2/9)', labelEn: 'National Day' },
  ],
  notes: [
    'Số hiệu văn bản của Văn phòng Chính phủ ngày 13/10/2025 (Tết Âm lịch và Quốc khánh 2026) chưa xác định; lịch đã được Bộ Nội vụ thông báo tại Thông báo 9441/TB-BNV ngày 16/10/2025.',
    'Giỗ Tổ Hùng Vương 2026 trùng Chủ nhật 26/4: nghỉ bù thứ Hai 27/4 theo khoản 3 Điều 111 BLLĐ (nguồn: báo Thanh Niên, không phải văn bản gốc).',
    'Ngày Văn hóa Việt Nam 24/11: Bộ Chính trị (Nghị quyết 80-NQ/TW) chủ trương là ngày nghỉ hưởng nguyên lương; Nghị quyết 30/NQ-CP (2/2026) giao sửa khoản 1 Điều 112 BLLĐ. Đến nguồn mới nhất đã đọc (26/02/2026) luật chưa được sửa, nên 24/11/2026 CHƯA được tính là ngày nghỉ. Khi luật có hiệu lực, quản trị viên thêm ngày này bằng ghi đè (override) hoặc nhập lại lịch năm.',
  ],
};

/** The official schedules shipped with the product. Import newer years as JSON (schema OfficialScheduleYear). */
export const OFFICIAL_SCHEDULES: readonly OfficialScheduleYear[] = Object.freeze([Y2024, Y2025, Y2026]);
