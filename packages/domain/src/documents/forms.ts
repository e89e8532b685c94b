/**
 * The official forms (biểu mẫu) the one-stop system issues, per rule set, with the fields each one
 * carries. Field lists follow legal-requirements §2.6 (Circular 01/2018/TT-VPCP Art. 9–10, Mẫu
 * 01–06; Circular 03/2025/TT-VPCP Appendix I, 7 forms). A dossier keeps the rule set in force on
 * the day it was received (legal-requirements §0: "each dossier keeps the rule version in force
 * when received").
 */

export type RuleSet = 'tt01-2018' | 'tt03-2025';

/**
 * Circular 03/2025/TT-VPCP applies from 15/09/2025 (legal-requirements §0 and §2.6 [S TVND03]).
 * Decree 118/2025 took effect on 01/07/2025, but its guiding circular — and so the new form set —
 * only from this date; a dossier received between the two still gets the Circular 01/2018 forms.
 */
export const TT03_2025_FROM = '2025-09-15';

/** The rule set for a dossier received on `receivedLocalDate` (YYYY-MM-DD, Vietnam time). */
export function ruleSetFor(receivedLocalDate: string): RuleSet {
  return receivedLocalDate >= TT03_2025_FROM ? 'tt03-2025' : 'tt01-2018';
}

export type SlipKind = 'receipt' | 'supplement' | 'refusal' | 'apology' | 'stop' | 'control' | 'register';

/** Every value a slip template may use. Lists expand to numbered lines. */
export const SLIP_FIELDS = {
  governingBody: 'Cơ quan chủ quản (UBND tỉnh/xã)',
  agencyName: 'Cơ quan tiếp nhận',
  number: 'Số phiếu',
  dossierCode: 'Mã hồ sơ',
  placeDate: 'Địa danh, ngày tháng năm',
  applicantName: 'Tên người nộp / tổ chức',
  applicantAddress: 'Địa chỉ',
  applicantPhone: 'Số điện thoại',
  applicantEmail: 'Thư điện tử',
  procedureName: 'Nội dung yêu cầu giải quyết (tên thủ tục)',
  procedureCode: 'Mã thủ tục',
  components: 'Thành phần hồ sơ đã nhận (danh sách)',
  setCount: 'Số lượng bộ hồ sơ',
  timeLimit: 'Thời gian giải quyết theo quy định',
  receivedAt: 'Thời điểm nhận hồ sơ',
  appointment: 'Thời điểm hẹn trả kết quả',
  resultPlace: 'Nơi / hình thức nhận kết quả',
  officerName: 'Cán bộ tiếp nhận / hướng dẫn / xử lý',
  missing: 'Nội dung cần bổ sung, hoàn thiện (danh sách)',
  reason: 'Lý do',
  reasons: 'Lý do (danh sách)',
  contact: 'Người, số điện thoại liên hệ',
  originalAppointment: 'Ngày hẹn trả ban đầu',
  newAppointment: 'Ngày hẹn trả mới',
  stoppedAt: 'Thời điểm dừng giải quyết',
  leadAgency: 'Cơ quan chủ trì giải quyết',
  coordinatingAgencies: 'Cơ quan phối hợp',
  lookupUrl: 'Địa chỉ tra cứu hồ sơ',
  period: 'Kỳ của sổ theo dõi',
} as const;
export type SlipField = keyof typeof SLIP_FIELDS;
export const LIST_FIELDS: ReadonlySet<SlipField> = new Set(['components', 'missing', 'reasons', 'coordinatingAgencies']);

export interface FormDef {
  ruleSet: RuleSet;
  kind: SlipKind;
  /** Form number in the circular's appendix. */
  form: string;
  title: string;
  paper: 'A5' | 'A4';
  /** The fields this form carries (its placeholders must be among them). */
  fields: readonly SlipField[];
  /** Default body: one paragraph per line; `{{field}}` is replaced; a paragraph that is only a list field becomes numbered lines. */
  paragraphs: readonly string[];
  /** A table after the body: hand-overs (control slip) or register rows. */
  table?: 'handovers' | 'register';
  /** Signature blocks, left to right. */
  signatures: readonly { title: string; note: string }[];
}

const HEADER: SlipField[] = ['governingBody', 'agencyName', 'number', 'placeDate', 'dossierCode', 'lookupUrl'];
const APPLICANT: SlipField[] = ['applicantName', 'applicantAddress', 'applicantPhone', 'applicantEmail', 'procedureName', 'procedureCode'];

const RECEIPT = {
  kind: 'receipt',
  form: '01',
  title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  paper: 'A5',
  fields: [...HEADER, ...APPLICANT, 'components', 'setCount', 'timeLimit', 'receivedAt', 'appointment', 'resultPlace', 'officerName'],
  paragraphs: [
    '{{agencyName}} tiếp nhận hồ sơ của: {{applicantName}}',
    'Địa chỉ: {{applicantAddress}}',
    'Số điện thoại: {{applicantPhone}}    Thư điện tử: {{applicantEmail}}',
    'Nội dung yêu cầu giải quyết: {{procedureName}} (mã thủ tục {{procedureCode}})',
    'Mã hồ sơ: {{dossierCode}}',
    'Thành phần hồ sơ và số lượng mỗi loại giấy tờ gồm:',
    '{{components}}',
    'Số lượng hồ sơ: {{setCount}} (bộ)',
    'Thời gian giải quyết hồ sơ theo quy định là: {{timeLimit}}',
    'Thời gian nhận hồ sơ: {{receivedAt}}',
    'Thời gian trả kết quả giải quyết hồ sơ: {{appointment}}',
    'Đăng ký nhận kết quả tại: {{resultPlace}}',
    'Tra cứu tình trạng hồ sơ tại: {{lookupUrl}}',
  ],
  signatures: [
    { title: 'NGƯỜI NỘP HỒ SƠ', note: '(Ký và ghi rõ họ tên)' },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '{{officerName}}' },
  ],
} as const satisfies Omit<FormDef, 'ruleSet'>;

const SUPPLEMENT = {
  kind: 'supplement',
  form: '02',
  title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  paper: 'A5',
  fields: [...HEADER, ...APPLICANT, 'missing', 'reason', 'contact', 'officerName'],
  paragraphs: [
    '{{agencyName}} tiếp nhận hồ sơ của: {{applicantName}}',
    'Địa chỉ: {{applicantAddress}}',
    'Số điện thoại: {{applicantPhone}}    Thư điện tử: {{applicantEmail}}',
    'Nội dung yêu cầu giải quyết: {{procedureName}}',
    'Mã hồ sơ: {{dossierCode}}',
    'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:',
    '{{missing}}',
    'Lý do: {{reason}}',
    'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ với {{contact}} để được hướng dẫn.',
  ],
  signatures: [{ title: 'NGƯỜI HƯỚNG DẪN', note: '{{officerName}}' }],
} as const satisfies Omit<FormDef, 'ruleSet'>;

const REFUSAL = {
  kind: 'refusal',
  form: '03',
  title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  paper: 'A5',
  fields: [...HEADER, ...APPLICANT, 'reasons', 'officerName'],
  paragraphs: [
    '{{agencyName}} tiếp nhận hồ sơ của: {{applicantName}}',
    'Địa chỉ: {{applicantAddress}}',
    'Số điện thoại: {{applicantPhone}}    Thư điện tử: {{applicantEmail}}',
    'Nội dung yêu cầu giải quyết: {{procedureName}}',
    'Mã hồ sơ: {{dossierCode}}',
    'Sau khi xem xét, đối chiếu thành phần hồ sơ, cơ quan không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
    '{{reasons}}',
    'Xin thông báo để ông/bà được biết.',
  ],
  signatures: [{ title: 'NGƯỜI TIẾP NHẬN / XỬ LÝ HỒ SƠ', note: '{{officerName}}' }],
} as const satisfies Omit<FormDef, 'ruleSet'>;

const apology = (form: string, title: string) =>
  ({
    kind: 'apology',
    form,
    title,
    paper: 'A5',
    fields: [...HEADER, ...APPLICANT, 'receivedAt', 'originalAppointment', 'reason', 'newAppointment', 'officerName'],
    paragraphs: [
      'Kính gửi: {{applicantName}}',
      'Ngày {{receivedAt}}, {{agencyName}} tiếp nhận giải quyết hồ sơ của ông/bà, mã hồ sơ {{dossierCode}}.',
      'Nội dung yêu cầu giải quyết: {{procedureName}}',
      'Thời hẹn trả kết quả giải quyết hồ sơ: {{originalAppointment}}',
      'Tuy nhiên đến nay, hồ sơ chưa giải quyết xong. Lý do: {{reason}}',
      'Cơ quan xin lỗi ông/bà và hẹn lại thời gian trả kết quả vào: {{newAppointment}}',
      'Mong nhận được sự thông cảm của ông/bà.',
    ],
    signatures: [{ title: 'THỦ TRƯỞNG CƠ QUAN', note: '(Ký, ghi rõ họ tên và đóng dấu)' }],
  }) as const satisfies Omit<FormDef, 'ruleSet'>;

const STOP = {
  kind: 'stop',
  form: '05',
  title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
  paper: 'A5',
  fields: [...HEADER, ...APPLICANT, 'receivedAt', 'stoppedAt', 'reason', 'officerName'],
  paragraphs: [
    'Kính gửi: {{applicantName}}',
    'Ngày {{receivedAt}}, {{agencyName}} tiếp nhận hồ sơ của ông/bà, mã hồ sơ {{dossierCode}}.',
    'Nội dung yêu cầu giải quyết: {{procedureName}}',
    'Cơ quan thông báo dừng giải quyết hồ sơ từ {{stoppedAt}}. Lý do: {{reason}}',
  ],
  signatures: [{ title: 'NGƯỜI XỬ LÝ HỒ SƠ', note: '{{officerName}}' }],
} as const satisfies Omit<FormDef, 'ruleSet'>;

const control = (form: string) =>
  ({
    kind: 'control',
    form,
    title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
    paper: 'A5',
    fields: [...HEADER, 'applicantName', 'applicantPhone', 'procedureName', 'leadAgency', 'coordinatingAgencies', 'receivedAt', 'appointment'],
    paragraphs: [
      'Kèm theo hồ sơ của: {{applicantName}}    Số điện thoại: {{applicantPhone}}',
      'Mã hồ sơ: {{dossierCode}}',
      'Nội dung yêu cầu giải quyết: {{procedureName}}',
      'Ngày nhận: {{receivedAt}}    Ngày hẹn trả: {{appointment}}',
      'Cơ quan chủ trì giải quyết: {{leadAgency}}',
      'Cơ quan phối hợp giải quyết:',
      '{{coordinatingAgencies}}',
    ],
    table: 'handovers',
    signatures: [],
  }) as const satisfies Omit<FormDef, 'ruleSet'>;

const register = (form: string) =>
  ({
    kind: 'register',
    form,
    title: 'SỔ THEO DÕI HỒ SƠ',
    paper: 'A4',
    fields: ['governingBody', 'agencyName', 'placeDate', 'period'],
    paragraphs: ['Cơ quan: {{agencyName}}', 'Kỳ: {{period}}'],
    table: 'register',
    signatures: [],
  }) as const satisfies Omit<FormDef, 'ruleSet'>;

const withSet = (ruleSet: RuleSet, defs: Omit<FormDef, 'ruleSet'>[]): FormDef[] => defs.map((d) => ({ ...d, ruleSet }));

export const FORMS: readonly FormDef[] = [
  ...withSet('tt01-2018', [RECEIPT, SUPPLEMENT, REFUSAL, apology('04', 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ'), control('05'), register('06')]),
  ...withSet('tt03-2025', [RECEIPT, SUPPLEMENT, REFUSAL, apology('04', 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT'), STOP, control('06'), register('07')]),
];

export function formOf(ruleSet: RuleSet, kind: SlipKind): FormDef | null {
  return FORMS.find((f) => f.ruleSet === ruleSet && f.kind === kind) ?? null;
}

/** The key under which an administrator's override of a form is stored. */
export const formKey = (f: Pick<FormDef, 'ruleSet' | 'kind'>) => `${f.ruleSet}/${f.kind}`;
