/**
 * What the system tells people, per event, channel and language: the built-in texts, and the
 * facts (placeholders) each event may carry. An administrator's row in `message_templates`
 * (key = event, channel, locale) wins over the built-in text [SPEC §11].
 *
 * The mandatory moments come from [004 Art. 12.2.a]: at receipt (the agency got the dossier, when
 * it expects to have checked it), at the check (complete → the expected return date; incomplete →
 * what is missing and why), at the result (what, when, how to collect; or why it is not resolved).
 * SPEC §11 adds every supplement request, extension and return [003 Art. 16.4]. The wording of the
 * refusal, apology and stop texts follows the slips of Circular 01/2018/TT-VPCP (Mẫu 03, 04) and
 * Circular 03/2025/TT-VPCP, so the e-mail says what the paper slip says.
 */
import type { Channel, Locale } from './render.ts';

export const EVENTS = [
  'dossier.received',
  'dossier.accepted',
  'dossier.supplement-requested',
  'dossier.refused',
  'dossier.result-ready',
  'dossier.returned',
  'dossier.extended',
  'dossier.withdrawn',
  'dossier.stopped',
  'account.verify-email',
  'account.password-reset',
  'officer.assigned',
  'officer.consultation-requested',
] as const;
export type NotificationEvent = (typeof EVENTS)[number];

export const CHANNELS: readonly Channel[] = ['in-app', 'email', 'sms'];
export const LOCALES: readonly Locale[] = ['vi', 'en'];

export function isEvent(s: string): s is NotificationEvent {
  return (EVENTS as readonly string[]).includes(s);
}

/** Every message may use these: the recipient's name and the portal's address. */
const COMMON = ['name', 'publicUrl'] as const;
/** Every dossier message names the dossier and links back to it. */
const DOSSIER = ['code', 'procedureName', 'agencyName', 'lookupUrl'] as const;

interface EventInfo {
  /** The facts a template of this event may refer to (besides COMMON). */
  placeholders: readonly string[];
  /** The data key whose web link is the message's main action (the e-mail button, the inbox link). */
  link: string | null;
  button: Record<Locale, string>;
  /** The action when `link` has no value (a rating link exists only for an account owner). */
  fallback?: { link: string; button: Record<Locale, string> };
}

const dossierButton = { vi: 'Tra cứu hồ sơ', en: 'View your application' };
const officerButton = { vi: 'Mở hồ sơ', en: 'Open the dossier' };

export const EVENT_INFO: Record<NotificationEvent, EventInfo> = {
  'dossier.received': { placeholders: [...DOSSIER, 'receivedAt', 'checkBy'], link: 'lookupUrl', button: dossierButton },
  'dossier.accepted': { placeholders: [...DOSSIER, 'receivedAt', 'appointment'], link: 'lookupUrl', button: dossierButton },
  'dossier.supplement-requested': { placeholders: [...DOSSIER, 'reason', 'missing', 'supplementBy'], link: 'lookupUrl', button: dossierButton },
  'dossier.refused': { placeholders: [...DOSSIER, 'reason'], link: 'lookupUrl', button: dossierButton },
  'dossier.result-ready': { placeholders: [...DOSSIER, 'results', 'appointment', 'collectHow'], link: 'lookupUrl', button: dossierButton },
  'dossier.returned': {
    placeholders: [...DOSSIER, 'returnedAt', 'collectHow', 'ratingUrl'],
    // The rating page of the portal [002 Art. 12]; an applicant without an account rates at the desk.
    link: 'ratingUrl',
    button: { vi: 'Đánh giá mức độ hài lòng', en: 'Rate the service' },
    fallback: { link: 'lookupUrl', button: dossierButton },
  },
  'dossier.extended': { placeholders: [...DOSSIER, 'reason', 'appointment', 'previousAppointment'], link: 'lookupUrl', button: dossierButton },
  'dossier.withdrawn': { placeholders: [...DOSSIER, 'reason', 'withdrawnAt'], link: 'lookupUrl', button: dossierButton },
  'dossier.stopped': { placeholders: [...DOSSIER, 'reason'], link: 'lookupUrl', button: dossierButton },
  'account.verify-email': { placeholders: ['verifyUrl', 'otp', 'expiresAt'], link: 'verifyUrl', button: { vi: 'Xác nhận địa chỉ thư điện tử', en: 'Confirm your e-mail address' } },
  'account.password-reset': { placeholders: ['resetUrl', 'otp', 'expiresAt', 'username'], link: 'resetUrl', button: { vi: 'Đặt mật khẩu mới', en: 'Set a new password' } },
  'officer.assigned': { placeholders: ['code', 'procedureName', 'agencyName', 'stepName', 'deadline', 'assignedBy', 'dossierUrl'], link: 'dossierUrl', button: officerButton },
  'officer.consultation-requested': {
    placeholders: ['code', 'procedureName', 'agencyName', 'fromAgencyName', 'question', 'replyBy', 'dossierUrl'],
    link: 'dossierUrl',
    button: officerButton,
  },
};

/** All names a template of `event` may use. */
export function allowedPlaceholders(event: NotificationEvent): string[] {
  return [...COMMON, ...EVENT_INFO[event].placeholders];
}

export const BRAND: Record<'portal' | 'backOffice', Record<Locale, string>> = {
  portal: { vi: 'Cổng Dịch vụ công', en: 'Public Service Portal' },
  backOffice: { vi: 'Hệ thống thông tin một cửa điện tử', en: 'One-stop electronic information system' },
};

export const EMAIL_FOOTER: Record<Locale, string> = {
  vi: 'Thư này được gửi tự động, vui lòng không trả lời thư này.',
  en: 'This message was sent automatically; please do not reply to it.',
};

export interface TemplateSource {
  /** E-mail subject or inbox title; null for SMS. */
  subject: string | null;
  body: string;
}

// ── Built-in texts ──────────────────────────────────────────────────────────────────────────

interface Texts {
  /** E-mail subject, also the inbox title. */
  subject: string;
  email: string;
  sms: string;
  inApp: string;
}

const viGreet = '{{#name}}Kính gửi Ông/Bà {{name}},{{/name}}{{^name}}Kính gửi Quý Ông/Bà,{{/name}}';
const enGreet = '{{#name}}Dear {{name}},{{/name}}{{^name}}Dear Sir or Madam,{{/name}}';
const viSign = 'Trân trọng.\n{{#agencyName}}{{agencyName}}{{/agencyName}}{{^agencyName}}Cổng Dịch vụ công{{/agencyName}}';
const enSign = 'Kind regards,\n{{#agencyName}}{{agencyName}}{{/agencyName}}{{^agencyName}}Public Service Portal{{/agencyName}}';
const viLookup = '{{#lookupUrl}}Ông/Bà có thể tra cứu tình trạng hồ sơ tại: {{lookupUrl}}{{/lookupUrl}}';
const enLookup = '{{#lookupUrl}}You can follow your application at: {{lookupUrl}}{{/lookupUrl}}';
/** Before the desk accepts a dossier it has no code yet [SPEC §4]. */
const viRef = 'hồ sơ{{#code}} số {{code}}{{/code}}';
const enRef = 'application{{#code}} no. {{code}}{{/code}}';

const mail = (...parts: string[]) => parts.join('\n\n');

const TEXTS: Record<NotificationEvent, Record<Locale, Texts>> = {
  'dossier.received': {
    vi: {
      subject: `Thông báo đã nhận ${viRef}`,
      email: mail(
        viGreet,
        `{{agencyName}} đã nhận được ${viRef} đề nghị giải quyết thủ tục “{{procedureName}}” của Ông/Bà{{#receivedAt}}, gửi lúc {{receivedAt}}{{/receivedAt}}.`,
        'Hồ sơ đang được kiểm tra tính đầy đủ, hợp lệ{{#checkBy}}; thời gian dự kiến hoàn thành việc kiểm tra: {{checkBy}}{{/checkBy}}. Kết quả kiểm tra sẽ được thông báo để Ông/Bà biết.',
        viLookup,
        viSign,
      ),
      sms: `Đã nhận ${viRef} ({{procedureName}}). Hồ sơ đang được kiểm tra{{#checkBy}}, dự kiến xong trước {{checkBy}}{{/checkBy}}.{{#lookupUrl}} Tra cứu: {{lookupUrl}}{{/lookupUrl}}`,
      inApp: `{{agencyName}} đã nhận được ${viRef} “{{procedureName}}”. Hồ sơ đang được kiểm tra tính đầy đủ, hợp lệ{{#checkBy}}, dự kiến xong trước {{checkBy}}{{/checkBy}}.`,
    },
    en: {
      subject: `Your ${enRef} has been received`,
      email: mail(
        enGreet,
        `{{agencyName}} has received your ${enRef} for “{{procedureName}}”{{#receivedAt}}, submitted on {{receivedAt}}{{/receivedAt}}.`,
        'It is now being checked for completeness and validity{{#checkBy}}; the check is expected to be completed by {{checkBy}}{{/checkBy}}. We will inform you of the outcome.',
        enLookup,
        enSign,
      ),
      sms: `Your ${enRef} ({{procedureName}}) has been received and is being checked{{#checkBy}}, expected by {{checkBy}}{{/checkBy}}.{{#lookupUrl}} Track: {{lookupUrl}}{{/lookupUrl}}`,
      inApp: `{{agencyName}} has received your ${enRef} “{{procedureName}}”. It is being checked for completeness{{#checkBy}}, expected by {{checkBy}}{{/checkBy}}.`,
    },
  },

  'dossier.accepted': {
    vi: {
      subject: 'Hồ sơ số {{code}} đã được tiếp nhận',
      email: mail(
        viGreet,
        'Hồ sơ số {{code}} đề nghị giải quyết thủ tục “{{procedureName}}” của Ông/Bà đã được {{agencyName}} tiếp nhận{{#receivedAt}} lúc {{receivedAt}}{{/receivedAt}}.\nNgày hẹn trả kết quả: {{appointment}}.',
        `${viLookup}\nKhi liên hệ với cơ quan giải quyết, Ông/Bà vui lòng cung cấp mã số hồ sơ trên.`,
        viSign,
      ),
      sms: 'Hồ sơ số {{code}} đã được tiếp nhận. Ngày hẹn trả kết quả: {{appointment}}.{{#lookupUrl}} Tra cứu: {{lookupUrl}}{{/lookupUrl}}',
      inApp: 'Hồ sơ “{{procedureName}}” đã được {{agencyName}} tiếp nhận.\nNgày hẹn trả kết quả: {{appointment}}.',
    },
    en: {
      subject: 'Application no. {{code}} has been accepted',
      email: mail(
        enGreet,
        'Your application no. {{code}} for “{{procedureName}}” was accepted by {{agencyName}}{{#receivedAt}} on {{receivedAt}}{{/receivedAt}}.\nExpected date of the result: {{appointment}}.',
        `${enLookup}\nPlease quote the application number when you contact the agency.`,
        enSign,
      ),
      sms: 'Application no. {{code}} has been accepted. Expected date of the result: {{appointment}}.{{#lookupUrl}} Track: {{lookupUrl}}{{/lookupUrl}}',
      inApp: 'Your application “{{procedureName}}” was accepted by {{agencyName}}.\nExpected date of the result: {{appointment}}.',
    },
  },

  'dossier.supplement-requested': {
    vi: {
      subject: `Đề nghị bổ sung, hoàn thiện ${viRef}`,
      email: mail(
        viGreet,
        `${viRef.replace(/^h/, 'H')} đề nghị giải quyết thủ tục “{{procedureName}}” của Ông/Bà chưa đầy đủ, hợp lệ.{{#reason}}\nLý do: {{reason}}{{/reason}}`,
        '{{#missing}}Đề nghị Ông/Bà bổ sung, hoàn thiện các nội dung sau:\n{{missing}}{{/missing}}',
        '{{#supplementBy}}Thời hạn bổ sung, hoàn thiện hồ sơ: {{supplementBy}}.{{/supplementBy}}',
        'Ông/Bà có thể bổ sung hồ sơ trực tuyến trên Cổng Dịch vụ công hoặc nộp trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả của {{agencyName}}.',
        viLookup,
        viSign,
      ),
      sms: `${viRef.replace(/^h/, 'H')} cần bổ sung, hoàn thiện: {{missing}}.{{#supplementBy}} Hạn bổ sung: {{supplementBy}}.{{/supplementBy}}{{#lookupUrl}} Chi tiết: {{lookupUrl}}{{/lookupUrl}}`,
      inApp: 'Hồ sơ “{{procedureName}}” chưa đầy đủ, hợp lệ.{{#reason}}\nLý do: {{reason}}{{/reason}}{{#missing}}\nĐề nghị bổ sung, hoàn thiện:\n{{missing}}{{/missing}}',
    },
    en: {
      subject: `Please complete your ${enRef}`,
      email: mail(
        enGreet,
        `Your ${enRef} for “{{procedureName}}” is not yet complete or valid.{{#reason}}\nReason: {{reason}}{{/reason}}`,
        '{{#missing}}Please supply or correct the following:\n{{missing}}{{/missing}}',
        '{{#supplementBy}}Please do so by {{supplementBy}}.{{/supplementBy}}',
        'You can complete your application online on the portal or in person at the reception desk of {{agencyName}}.',
        enLookup,
        enSign,
      ),
      sms: `Your ${enRef} needs: {{missing}}.{{#supplementBy}} Due by {{supplementBy}}.{{/supplementBy}}{{#lookupUrl}} Details: {{lookupUrl}}{{/lookupUrl}}`,
      inApp: 'Your application “{{procedureName}}” is not yet complete.{{#reason}}\nReason: {{reason}}{{/reason}}{{#missing}}\nPlease supply:\n{{missing}}{{/missing}}',
    },
  },

  'dossier.refused': {
    vi: {
      subject: `Thông báo từ chối tiếp nhận, giải quyết ${viRef}`,
      email: mail(
        viGreet,
        `{{agencyName}} thông báo không tiếp nhận, giải quyết ${viRef} đề nghị giải quyết thủ tục “{{procedureName}}” của Ông/Bà.\nLý do: {{reason}}`,
        'Xin thông báo để Ông/Bà được biết và thực hiện.',
        viLookup,
        viSign,
      ),
      sms: `${viRef.replace(/^h/, 'H')} không được tiếp nhận, giải quyết. Lý do: {{reason}}`,
      inApp: '{{agencyName}} thông báo không tiếp nhận, giải quyết hồ sơ “{{procedureName}}”.\nLý do: {{reason}}',
    },
    en: {
      subject: `Your ${enRef} cannot be accepted or resolved`,
      email: mail(
        enGreet,
        `{{agencyName}} informs you that your ${enRef} for “{{procedureName}}” cannot be accepted or resolved.\nReason: {{reason}}`,
        'We inform you of this for your information and any action you may need to take.',
        enLookup,
        enSign,
      ),
      sms: `Your ${enRef} cannot be accepted or resolved. Reason: {{reason}}`,
      inApp: '{{agencyName}} cannot accept or resolve your application “{{procedureName}}”.\nReason: {{reason}}',
    },
  },

  'dossier.result-ready': {
    vi: {
      subject: 'Hồ sơ số {{code}} đã có kết quả giải quyết',
      email: mail(
        viGreet,
        'Hồ sơ số {{code}} đề nghị giải quyết thủ tục “{{procedureName}}” của Ông/Bà đã có kết quả giải quyết.{{#results}}\nKết quả giải quyết:\n{{results}}{{/results}}',
        '{{#appointment}}Thời gian trả kết quả: {{appointment}}{{/appointment}}{{#collectHow}}\nCách thức nhận kết quả: {{collectHow}}{{/collectHow}}',
        viLookup,
        viSign,
      ),
      sms: 'Hồ sơ số {{code}} đã có kết quả giải quyết.{{#appointment}} Thời gian trả kết quả: {{appointment}}.{{/appointment}}{{#collectHow}} Cách thức nhận: {{collectHow}}.{{/collectHow}}{{#lookupUrl}} Tra cứu: {{lookupUrl}}{{/lookupUrl}}',
      inApp: 'Hồ sơ “{{procedureName}}” đã có kết quả giải quyết.{{#appointment}}\nThời gian trả kết quả: {{appointment}}{{/appointment}}{{#collectHow}}\nCách thức nhận kết quả: {{collectHow}}{{/collectHow}}',
    },
    en: {
      subject: 'The result of application no. {{code}} is ready',
      email: mail(
        enGreet,
        'The result of your application no. {{code}} for “{{procedureName}}” is ready.{{#results}}\nResult:\n{{results}}{{/results}}',
        '{{#appointment}}Time of return: {{appointment}}{{/appointment}}{{#collectHow}}\nHow to collect it: {{collectHow}}{{/collectHow}}',
        enLookup,
        enSign,
      ),
      sms: 'The result of application no. {{code}} is ready.{{#appointment}} Return: {{appointment}}.{{/appointment}}{{#collectHow}} Collect: {{collectHow}}.{{/collectHow}}{{#lookupUrl}} Track: {{lookupUrl}}{{/lookupUrl}}',
      inApp: 'The result of your application “{{procedureName}}” is ready.{{#appointment}}\nTime of return: {{appointment}}{{/appointment}}{{#collectHow}}\nHow to collect it: {{collectHow}}{{/collectHow}}',
    },
  },

  'dossier.returned': {
    vi: {
      subject: 'Hồ sơ số {{code}} đã được trả kết quả',
      email: mail(
        viGreet,
        'Hồ sơ số {{code}} đề nghị giải quyết thủ tục “{{procedureName}}” của Ông/Bà đã được trả kết quả{{#returnedAt}} lúc {{returnedAt}}{{/returnedAt}}{{#collectHow}} (hình thức nhận: {{collectHow}}){{/collectHow}}.',
        'Cảm ơn Ông/Bà đã sử dụng dịch vụ. Ông/Bà vui lòng dành ít phút đánh giá mức độ hài lòng đối với việc giải quyết hồ sơ{{#ratingUrl}} tại: {{ratingUrl}}{{/ratingUrl}}{{^ratingUrl}} trên Cổng Dịch vụ công hoặc tại Bộ phận Tiếp nhận và Trả kết quả.{{/ratingUrl}}',
        viLookup,
        viSign,
      ),
      sms: 'Hồ sơ số {{code}} đã được trả kết quả. Cảm ơn Ông/Bà đã sử dụng dịch vụ.{{#ratingUrl}} Đánh giá mức độ hài lòng: {{ratingUrl}}{{/ratingUrl}}',
      inApp: 'Hồ sơ “{{procedureName}}” đã được trả kết quả{{#returnedAt}} lúc {{returnedAt}}{{/returnedAt}}. Mời Ông/Bà đánh giá mức độ hài lòng đối với việc giải quyết hồ sơ.',
    },
    en: {
      subject: 'The result of application no. {{code}} has been delivered',
      email: mail(
        enGreet,
        'The result of your application no. {{code}} for “{{procedureName}}” was delivered{{#returnedAt}} on {{returnedAt}}{{/returnedAt}}{{#collectHow}} ({{collectHow}}){{/collectHow}}.',
        'Thank you for using our services. Please take a moment to rate how your application was handled{{#ratingUrl}}: {{ratingUrl}}{{/ratingUrl}}{{^ratingUrl}} on the portal or at the one-stop desk.{{/ratingUrl}}',
        enLookup,
        enSign,
      ),
      sms: 'The result of application no. {{code}} has been delivered. Thank you.{{#ratingUrl}} Rate the service: {{ratingUrl}}{{/ratingUrl}}',
      inApp: 'The result of your application “{{procedureName}}” was delivered{{#returnedAt}} on {{returnedAt}}{{/returnedAt}}. Please rate how it was handled.',
    },
  },

  'dossier.extended': {
    vi: {
      subject: 'Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ số {{code}}',
      email: mail(
        viGreet,
        '{{agencyName}} xin lỗi Ông/Bà vì hồ sơ số {{code}} đề nghị giải quyết thủ tục “{{procedureName}}” chưa được giải quyết đúng hẹn{{#previousAppointment}} (ngày hẹn trả kết quả trước đây: {{previousAppointment}}){{/previousAppointment}}.{{#reason}}\nLý do: {{reason}}{{/reason}}',
        '{{agencyName}} hẹn lại thời gian trả kết quả: {{appointment}}.',
        'Rất mong nhận được sự thông cảm của Ông/Bà vì sự chậm trễ này.',
        viLookup,
        viSign,
      ),
      sms: 'Xin lỗi Ông/Bà: hồ sơ số {{code}} chưa giải quyết được đúng hẹn. Ngày hẹn trả kết quả mới: {{appointment}}.{{#lookupUrl}} Tra cứu: {{lookupUrl}}{{/lookupUrl}}',
      inApp: 'Hồ sơ “{{procedureName}}” chưa được giải quyết đúng hẹn. {{agencyName}} xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả: {{appointment}}.{{#reason}}\nLý do: {{reason}}{{/reason}}',
    },
    en: {
      subject: 'Apology and new date for the result of application no. {{code}}',
      email: mail(
        enGreet,
        '{{agencyName}} apologises that your application no. {{code}} for “{{procedureName}}” could not be resolved on time{{#previousAppointment}} (the result was due on {{previousAppointment}}){{/previousAppointment}}.{{#reason}}\nReason: {{reason}}{{/reason}}',
        'The new expected date of the result is {{appointment}}.',
        'We sincerely regret the delay and thank you for your understanding.',
        enLookup,
        enSign,
      ),
      sms: 'We apologise: application no. {{code}} could not be resolved on time. New date of the result: {{appointment}}.{{#lookupUrl}} Track: {{lookupUrl}}{{/lookupUrl}}',
      inApp: 'Your application “{{procedureName}}” could not be resolved on time. {{agencyName}} apologises; the new expected date of the result is {{appointment}}.{{#reason}}\nReason: {{reason}}{{/reason}}',
    },
  },

  'dossier.withdrawn': {
    vi: {
      subject: `${viRef.replace(/^h/, 'H')} đã được rút theo đề nghị của Ông/Bà`,
      email: mail(
        viGreet,
        `Theo đề nghị của Ông/Bà, ${viRef} đề nghị giải quyết thủ tục “{{procedureName}}” đã được rút{{#withdrawnAt}} lúc {{withdrawnAt}}{{/withdrawnAt}}; {{agencyName}} dừng giải quyết hồ sơ này.{{#reason}}\nLý do rút hồ sơ: {{reason}}{{/reason}}`,
        'Nếu Ông/Bà không đề nghị rút hồ sơ, vui lòng liên hệ ngay với {{agencyName}}.',
        viLookup,
        viSign,
      ),
      sms: `${viRef.replace(/^h/, 'H')} đã được rút theo đề nghị của Ông/Bà. Nếu Ông/Bà không đề nghị rút, vui lòng liên hệ ngay cơ quan giải quyết.`,
      inApp: 'Hồ sơ “{{procedureName}}” đã được rút theo đề nghị của Ông/Bà; {{agencyName}} dừng giải quyết hồ sơ này.',
    },
    en: {
      subject: `Your ${enRef} has been withdrawn at your request`,
      email: mail(
        enGreet,
        `At your request, your ${enRef} for “{{procedureName}}” was withdrawn{{#withdrawnAt}} on {{withdrawnAt}}{{/withdrawnAt}}; {{agencyName}} has stopped processing it.{{#reason}}\nReason given: {{reason}}{{/reason}}`,
        'If you did not ask for this, please contact {{agencyName}} at once.',
        enLookup,
        enSign,
      ),
      sms: `Your ${enRef} has been withdrawn at your request. If you did not ask for this, please contact the agency at once.`,
      inApp: 'Your application “{{procedureName}}” was withdrawn at your request; {{agencyName}} has stopped processing it.',
    },
  },

  'dossier.stopped': {
    vi: {
      subject: 'Thông báo dừng xử lý hồ sơ số {{code}}',
      email: mail(
        viGreet,
        '{{agencyName}} thông báo dừng xử lý hồ sơ số {{code}} đề nghị giải quyết thủ tục “{{procedureName}}” của Ông/Bà.\nLý do: {{reason}}',
        'Xin thông báo để Ông/Bà được biết.',
        viLookup,
        viSign,
      ),
      sms: 'Thông báo dừng xử lý hồ sơ số {{code}}. Lý do: {{reason}}',
      inApp: '{{agencyName}} thông báo dừng xử lý hồ sơ “{{procedureName}}”.\nLý do: {{reason}}',
    },
    en: {
      subject: 'Processing of application no. {{code}} has been stopped',
      email: mail(
        enGreet,
        '{{agencyName}} informs you that the processing of your application no. {{code}} for “{{procedureName}}” has been stopped.\nReason: {{reason}}',
        'We inform you of this for your information.',
        enLookup,
        enSign,
      ),
      sms: 'Processing of application no. {{code}} has been stopped. Reason: {{reason}}',
      inApp: '{{agencyName}} has stopped processing your application “{{procedureName}}”.\nReason: {{reason}}',
    },
  },

  'account.verify-email': {
    vi: {
      subject: 'Xác nhận địa chỉ thư điện tử trên Cổng Dịch vụ công',
      email: mail(
        viGreet,
        'Địa chỉ thư điện tử này vừa được dùng để đăng ký hoặc cập nhật tài khoản trên Cổng Dịch vụ công. Để xác nhận, Ông/Bà vui lòng truy cập đường dẫn sau{{#expiresAt}} trước {{expiresAt}}{{/expiresAt}}:\n{{verifyUrl}}{{#otp}}\nHoặc nhập mã xác nhận: {{otp}}{{/otp}}',
        'Nếu Ông/Bà không thực hiện việc này, vui lòng bỏ qua thư.',
        'Trân trọng.\nCổng Dịch vụ công',
      ),
      sms: 'Mã xác nhận tài khoản Cổng Dịch vụ công: {{otp}}{{#expiresAt}}, hiệu lực đến {{expiresAt}}{{/expiresAt}}. Không cung cấp mã này cho bất kỳ ai.',
      inApp: 'Thư xác nhận đã được gửi tới địa chỉ thư điện tử của Ông/Bà. Vui lòng mở thư và làm theo hướng dẫn{{#expiresAt}} trước {{expiresAt}}{{/expiresAt}}.',
    },
    en: {
      subject: 'Confirm your e-mail address on the Public Service Portal',
      email: mail(
        enGreet,
        'This e-mail address was just used to register or update an account on the Public Service Portal. To confirm it, please open the following link{{#expiresAt}} before {{expiresAt}}{{/expiresAt}}:\n{{verifyUrl}}{{#otp}}\nOr enter the confirmation code: {{otp}}{{/otp}}',
        'If this was not you, please ignore this message.',
        'Kind regards,\nPublic Service Portal',
      ),
      sms: 'Public Service Portal confirmation code: {{otp}}{{#expiresAt}}, valid until {{expiresAt}}{{/expiresAt}}. Never share this code.',
      inApp: 'A confirmation message was sent to your e-mail address. Please open it and follow the instructions{{#expiresAt}} before {{expiresAt}}{{/expiresAt}}.',
    },
  },

  'account.password-reset': {
    vi: {
      subject: 'Đặt lại mật khẩu tài khoản Cổng Dịch vụ công',
      email: mail(
        viGreet,
        'Cổng Dịch vụ công nhận được yêu cầu đặt lại mật khẩu cho tài khoản{{#username}} {{username}}{{/username}} trên Cổng Dịch vụ công. Để đặt mật khẩu mới, Ông/Bà vui lòng truy cập đường dẫn sau{{#expiresAt}} trước {{expiresAt}}{{/expiresAt}}:\n{{resetUrl}}{{#otp}}\nHoặc nhập mã xác nhận: {{otp}}{{/otp}}',
        'Nếu Ông/Bà không yêu cầu đặt lại mật khẩu, vui lòng bỏ qua thư này; mật khẩu hiện tại vẫn được giữ nguyên.',
        'Trân trọng.\nCổng Dịch vụ công',
      ),
      sms: 'Mã đặt lại mật khẩu Cổng Dịch vụ công: {{otp}}{{#expiresAt}}, hiệu lực đến {{expiresAt}}{{/expiresAt}}. Không cung cấp mã này cho bất kỳ ai.',
      inApp: 'Mật khẩu tài khoản của Ông/Bà vừa được yêu cầu đặt lại. Nếu không phải Ông/Bà thực hiện, vui lòng đổi mật khẩu và liên hệ quản trị hệ thống.',
    },
    en: {
      subject: 'Reset the password of your Public Service Portal account',
      email: mail(
        enGreet,
        'We received a request to reset the password of the account{{#username}} {{username}}{{/username}} on the Public Service Portal. To set a new password, please open the following link{{#expiresAt}} before {{expiresAt}}{{/expiresAt}}:\n{{resetUrl}}{{#otp}}\nOr enter the confirmation code: {{otp}}{{/otp}}',
        'If you did not ask for this, please ignore this message; your current password stays unchanged.',
        'Kind regards,\nPublic Service Portal',
      ),
      sms: 'Public Service Portal password reset code: {{otp}}{{#expiresAt}}, valid until {{expiresAt}}{{/expiresAt}}. Never share this code.',
      inApp: 'A password reset was requested for your account. If this was not you, please change your password and contact the system administrator.',
    },
  },

  'officer.assigned': {
    vi: {
      subject: 'Hồ sơ số {{code}} được chuyển đến Ông/Bà xử lý',
      email: mail(
        viGreet,
        'Hồ sơ số {{code}} (thủ tục “{{procedureName}}”) đã được chuyển đến Ông/Bà để xử lý{{#stepName}} ở bước “{{stepName}}”{{/stepName}}{{#assignedBy}}; người chuyển: {{assignedBy}}{{/assignedBy}}.{{#deadline}}\nHạn xử lý: {{deadline}}{{/deadline}}',
        '{{#dossierUrl}}Xem và xử lý hồ sơ tại: {{dossierUrl}}{{/dossierUrl}}',
        'Trân trọng.\nHệ thống thông tin một cửa điện tử',
      ),
      sms: 'Hồ sơ số {{code}} được chuyển đến Ông/Bà xử lý.{{#deadline}} Hạn xử lý: {{deadline}}.{{/deadline}}',
      inApp: '“{{procedureName}}”{{#stepName}}, bước “{{stepName}}”{{/stepName}}{{#assignedBy}}; người chuyển: {{assignedBy}}{{/assignedBy}}.{{#deadline}}\nHạn xử lý: {{deadline}}{{/deadline}}',
    },
    en: {
      subject: 'Dossier no. {{code}} has been assigned to you',
      email: mail(
        enGreet,
        'Dossier no. {{code}} (procedure “{{procedureName}}”) has been assigned to you{{#stepName}} at the step “{{stepName}}”{{/stepName}}{{#assignedBy}} by {{assignedBy}}{{/assignedBy}}.{{#deadline}}\nDue: {{deadline}}{{/deadline}}',
        '{{#dossierUrl}}Open the dossier: {{dossierUrl}}{{/dossierUrl}}',
        'Kind regards,\nOne-stop electronic information system',
      ),
      sms: 'Dossier no. {{code}} has been assigned to you.{{#deadline}} Due: {{deadline}}.{{/deadline}}',
      inApp: '“{{procedureName}}”{{#stepName}}, step “{{stepName}}”{{/stepName}}{{#assignedBy}}; assigned by {{assignedBy}}{{/assignedBy}}.{{#deadline}}\nDue: {{deadline}}{{/deadline}}',
    },
  },

  'officer.consultation-requested': {
    vi: {
      subject: 'Đề nghị cho ý kiến về hồ sơ số {{code}}',
      email: mail(
        viGreet,
        '{{fromAgencyName}} đề nghị {{agencyName}} cho ý kiến về hồ sơ số {{code}} (thủ tục “{{procedureName}}”).\nNội dung xin ý kiến: {{question}}{{#replyBy}}\nThời hạn trả lời: {{replyBy}}{{/replyBy}}',
        '{{#dossierUrl}}Xem hồ sơ và trả lời tại: {{dossierUrl}}{{/dossierUrl}}',
        'Trân trọng.\nHệ thống thông tin một cửa điện tử',
      ),
      sms: '{{fromAgencyName}} đề nghị cho ý kiến về hồ sơ số {{code}}.{{#replyBy}} Thời hạn trả lời: {{replyBy}}.{{/replyBy}}',
      inApp: '{{fromAgencyName}} đề nghị cho ý kiến về hồ sơ “{{procedureName}}”.\nNội dung: {{question}}{{#replyBy}}\nThời hạn trả lời: {{replyBy}}{{/replyBy}}',
    },
    en: {
      subject: 'Your opinion is requested on dossier no. {{code}}',
      email: mail(
        enGreet,
        '{{fromAgencyName}} asks {{agencyName}} for its opinion on dossier no. {{code}} (procedure “{{procedureName}}”).\nQuestion: {{question}}{{#replyBy}}\nReply by: {{replyBy}}{{/replyBy}}',
        '{{#dossierUrl}}Open the dossier and reply: {{dossierUrl}}{{/dossierUrl}}',
        'Kind regards,\nOne-stop electronic information system',
      ),
      sms: '{{fromAgencyName}} asks for your opinion on dossier no. {{code}}.{{#replyBy}} Reply by {{replyBy}}.{{/replyBy}}',
      inApp: '{{fromAgencyName}} asks for your opinion on the dossier “{{procedureName}}”.\nQuestion: {{question}}{{#replyBy}}\nReply by: {{replyBy}}{{/replyBy}}',
    },
  },
};

/** The built-in text of one (event, channel, locale). */
export function builtInTemplate(event: NotificationEvent, channel: Channel, locale: Locale): TemplateSource {
  const t = TEXTS[event][locale];
  if (channel === 'email') return { subject: t.subject, body: t.email };
  if (channel === 'in-app') return { subject: t.subject, body: t.inApp };
  return { subject: null, body: t.sms };
}

/** Messages to officers carry the back office's name; everything else the portal's. */
export function brandOf(event: NotificationEvent): 'portal' | 'backOffice' {
  return event.startsWith('officer.') ? 'backOffice' : 'portal';
}
