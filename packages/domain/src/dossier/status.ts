import { stepOf, type ProcessDefinition } from './process.ts';
import type { DossierState } from './lifecycle.ts';

/**
 * The internal lifecycle is richer than the statuses other systems understand; these functions
 * map it onto the exchange codes of the sync standard [000 Appendix, TrangThaiXuLy 00–13] and onto
 * the national portal's list 1–10 (legal-requirements §1.2). Both are derived, never stored alone.
 */
export type ExchangeStatus = '00' | '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10' | '11' | '12' | '13';

export const EXCHANGE_STATUS_LABELS: Record<ExchangeStatus, { vi: string; en: string }> = {
  '00': { vi: 'Hồ sơ mới tiếp nhận', en: 'Newly received' },
  '01': { vi: 'Chờ phân công', en: 'Awaiting assignment' },
  '02': { vi: 'Đang xử lý', en: 'Processing' },
  '03': { vi: 'Chờ bổ sung', en: 'Awaiting supplement' },
  '04': { vi: 'Đang xử lý (sau bổ sung)', en: 'Processing (after supplement)' },
  '05': { vi: 'Chờ trình duyệt', en: 'Awaiting submission for approval' },
  '06': { vi: 'Chờ duyệt', en: 'Awaiting approval' },
  '07': { vi: 'Không duyệt', en: 'Not approved' },
  '08': { vi: 'Chờ trình ký', en: 'Awaiting submission for signature' },
  '09': { vi: 'Chờ ký', en: 'Awaiting signature' },
  '10': { vi: 'Không ký', en: 'Not signed' },
  '11': { vi: 'Chờ hoàn trả', en: 'Awaiting return' },
  '12': { vi: 'Đã hoàn trả', en: 'Returned' },
  '13': { vi: 'Kết thúc quy trình', en: 'Process finished' },
};

export type NationalStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

export const NATIONAL_STATUS_LABELS: Record<NationalStatus, { vi: string; en: string }> = {
  1: { vi: 'Mới đăng ký', en: 'Submitted online' },
  2: { vi: 'Được tiếp nhận', en: 'Accepted' },
  3: { vi: 'Không được tiếp nhận', en: 'Not accepted' },
  4: { vi: 'Đang xử lý', en: 'Processing' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Financial obligation requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn by the applicant' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Resolved' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

export function exchangeStatus(s: DossierState, def: ProcessDefinition): ExchangeStatus {
  switch (s.phase) {
    case 'submitted':
      return '00';
    case 'incomplete':
    case 'awaiting-supplement':
      return '03';
    case 'result-ready':
      return '11';
    case 'returned':
      return '12';
    case 'refused':
    case 'withdrawn':
    case 'stopped':
      return '13';
    case 'processing': {
      const step = stepOf(def, s.stepCode);
      switch (step?.stage) {
        case 'reception':
          return '00';
        case 'review':
          return '06';
        case 'signing':
          return '09';
        case 'processing':
          if (s.draftRejectedAt === 'review') return '07';
          if (s.draftRejectedAt === 'signing') return '10';
          if (step.assignment === 'person' && s.holder?.kind === 'group') return '01';
          return s.afterSupplement ? '04' : '02';
        default:
          return '02';
      }
    }
  }
}

export function nationalStatus(s: DossierState, def: ProcessDefinition): NationalStatus {
  switch (s.phase) {
    case 'submitted':
      return 1;
    case 'incomplete':
    case 'awaiting-supplement':
      return 5;
    case 'refused':
      return 3;
    case 'withdrawn':
      return 7;
    case 'stopped':
      return 8;
    case 'result-ready':
      return 9;
    case 'returned':
      return 10;
    case 'processing':
      return stepOf(def, s.stepCode)?.stage === 'reception' ? 2 : 4;
  }
}

/** The status shown to the public (lookup): short, in plain words [000 Art. 23; 002 Art. 15.2]. */
export function publicStatusLabel(s: DossierState, overdue: boolean): { vi: string; en: string } {
  switch (s.phase) {
    case 'submitted':
      return { vi: 'Đã nộp, chờ tiếp nhận', en: 'Submitted, awaiting reception' };
    case 'incomplete':
      return { vi: 'Cần bổ sung, hoàn thiện hồ sơ', en: 'To be completed by the applicant' };
    case 'refused':
      return { vi: 'Không được tiếp nhận', en: 'Not accepted' };
    case 'awaiting-supplement':
      return { vi: 'Chờ bổ sung hồ sơ', en: 'Awaiting supplement' };
    case 'processing':
      return overdue ? { vi: 'Đang giải quyết (quá hạn)', en: 'Processing (overdue)' } : { vi: 'Đang giải quyết', en: 'Processing' };
    case 'result-ready':
      return s.outcome === 'not-resolved' ? { vi: 'Có thông báo từ chối giải quyết, chờ trả', en: 'Refusal to resolve ready for return' } : { vi: 'Đã có kết quả, chờ trả', en: 'Result ready for return' };
    case 'returned':
      return { vi: 'Đã trả kết quả', en: 'Result returned' };
    case 'withdrawn':
      return { vi: 'Đã rút hồ sơ', en: 'Withdrawn' };
    case 'stopped':
      return { vi: 'Dừng xử lý', en: 'Processing stopped' };
  }
}
