import { formatInstant, localDateOf } from '../calendar/index.ts';
import type { DossierEvent } from '../dossier/lifecycle.ts';
import { formOf, ruleSetFor, type FormDef, type RuleSet, type SlipField, type SlipKind } from './forms.ts';

/**
 * Which slips a dossier has, and the values each one shows, from the dossier's facts and its
 * event history. Pure: names of people and agencies come in resolved; instants are epoch ms.
 */

export interface SlipSource {
  code: string | null;
  procedure: { code: string; name: string };
  agency: { code: string; name: string; governingBody: string; phone: string | null; place: string };
  applicant: { fullName: string; organisationName?: string | null; address?: string | null; phone?: string | null; email?: string | null };
  components: { name: string; originals: number; copies: number }[];
  timeLimit: { unit: 'working-days' | 'working-hours'; value: number };
  resultChannel: string;
  resultAddress: string | null;
  /** The dossier's events in order. */
  events: readonly DossierEvent[];
  /** Full names of the users named in events (`by`). */
  userNames: Readonly<Record<string, string>>;
  /** Names of agencies named in inter-agency tasks and consultations. */
  agencyNames: Readonly<Record<string, string>>;
  lookupUrl: string;
}

export interface SlipRef {
  kind: SlipKind;
  /** 1-based occurrence among the dossier's slips of this kind (several supplement requests, apologies). */
  n: number;
  /** Index in `events` of the event that issued the slip. */
  eventIndex: number;
  form: FormDef;
}

/** The instant the dossier was received: the (last) submission, which the code's date and the rule set follow. */
export function receivedInstant(events: readonly DossierEvent[]): number | null {
  const accepted = events.find((e) => e.type === 'accepted');
  if (accepted?.type === 'accepted' && accepted.clock.receivedAt !== null) return accepted.clock.receivedAt;
  const sub = [...events].reverse().find((e) => e.type === 'submitted' || e.type === 'completed');
  return sub?.at ?? null;
}

export function ruleSetOf(events: readonly DossierEvent[]): RuleSet {
  const at = receivedInstant(events);
  return ruleSetFor(at === null ? '9999-12-31' : localDateOf(at));
}

const SLIP_OF_EVENT: Partial<Record<DossierEvent['type'], SlipKind>> = {
  accepted: 'receipt',
  'completion-requested': 'supplement',
  'supplement-requested': 'supplement',
  refused: 'refusal',
  'resolution-refused': 'refusal',
  apologized: 'apology',
  stopped: 'stop',
};

/** The slips the dossier's history has issued, in order; the control slip once it is accepted. */
export function slipsOf(events: readonly DossierEvent[]): SlipRef[] {
  const rs = ruleSetOf(events);
  const counts = new Map<SlipKind, number>();
  const out: SlipRef[] = [];
  events.forEach((e, i) => {
    const kind = SLIP_OF_EVENT[e.type];
    const form = kind ? formOf(rs, kind) : null;
    if (!kind || !form) return;
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    out.push({ kind, n, eventIndex: i, form });
    if (kind === 'receipt') out.push({ kind: 'control', n: 1, eventIndex: i, form: formOf(rs, 'control')! });
  });
  return out;
}

/** "14 giờ 05 phút, ngày 23 tháng 11 năm 2026" (Vietnam time). */
export function vnDateTime(ms: number): string {
  const [, y, mo, d, h, mi] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(formatInstant(ms))!;
  return `${h} giờ ${mi} phút, ngày ${d} tháng ${mo} năm ${y}`;
}

/** "ngày 23 tháng 11 năm 2026". */
export function vnDate(ms: number): string {
  const [y, mo, d] = localDateOf(ms).split('-');
  return `ngày ${d} tháng ${mo} năm ${y}`;
}

const RESULT_PLACE: Record<string, string> = {
  desk: 'Bộ phận tiếp nhận và trả kết quả',
  post: 'Qua dịch vụ bưu chính',
  online: 'Trực tuyến trên Cổng dịch vụ công',
  email: 'Qua thư điện tử',
};

const ABBR: Record<SlipKind, string> = { receipt: 'TN', supplement: 'BS', refusal: 'TC', apology: 'XL', stop: 'DG', control: 'KS', register: 'STD' };

export type SlipValues = Partial<Record<SlipField, string | string[]>>;

function timeLimitText(t: SlipSource['timeLimit']): string {
  return t.unit === 'working-days' ? `${t.value} ngày làm việc` : `${t.value} giờ làm việc`;
}

/** The appointment in force just before event `i` (for the apology slip's "original appointment"). */
function appointmentBefore(events: readonly DossierEvent[], i: number): number | null {
  for (let j = i - 1; j >= 0; j--) {
    const e = events[j]!;
    if ('clock' in e && e.clock.appointment !== null) return e.clock.appointment;
  }
  return null;
}

/** The values of one slip: exactly its form's fields, each filled or empty ('' = to be filled by hand). */
export function slipValues(src: SlipSource, ref: SlipRef): SlipValues {
  const e = src.events[ref.eventIndex]!;
  const received = receivedInstant(src.events);
  const a = src.applicant;
  const officer = e.by ? (src.userNames[e.by] ?? '') : '';
  const all: SlipValues = {
    governingBody: src.agency.governingBody,
    agencyName: src.agency.name,
    number: `${src.code ?? '—'}/${ABBR[ref.kind]}${ref.n > 1 || ref.kind === 'supplement' || ref.kind === 'apology' ? ref.n : ''}`,
    placeDate: `${src.agency.place}, ${vnDate(e.at)}`,
    dossierCode: src.code ?? '',
    lookupUrl: src.lookupUrl,
    applicantName: a.organisationName ? `${a.organisationName} (người đại diện: ${a.fullName})` : a.fullName,
    applicantAddress: a.address ?? '',
    applicantPhone: a.phone ?? '',
    applicantEmail: a.email ?? '',
    procedureName: src.procedure.name,
    procedureCode: src.procedure.code,
    officerName: officer,
    receivedAt: received === null ? '' : vnDateTime(received),
  };
  switch (e.type) {
    case 'accepted':
      Object.assign(all, {
        components: src.components.map((c) => `${c.name}: ${c.originals} bản chính${c.copies ? `, ${c.copies} bản sao` : ''}`),
        setCount: '01',
        timeLimit: timeLimitText(src.timeLimit),
        appointment: e.clock.appointment === null ? '' : vnDateTime(e.clock.appointment),
        resultPlace: src.resultChannel === 'post' && src.resultAddress ? `${RESULT_PLACE.post}: ${src.resultAddress}` : (RESULT_PLACE[src.resultChannel] ?? src.resultChannel),
        leadAgency: src.agency.name,
        coordinatingAgencies: coordinating(src),
      });
      if (ref.kind === 'control') all.appointment = currentAppointment(src.events);
      break;
    case 'completion-requested':
      Object.assign(all, { missing: e.missing, reason: e.note, contact: contactOf(src, officer) });
      break;
    case 'supplement-requested':
      Object.assign(all, { missing: e.missing, reason: e.reason, contact: contactOf(src, officer) });
      break;
    case 'refused':
    case 'resolution-refused':
      all.reasons = e.reasons;
      break;
    case 'apologized': {
      const before = appointmentBefore(src.events, ref.eventIndex);
      Object.assign(all, {
        reason: e.reason,
        originalAppointment: before === null ? '' : vnDateTime(before),
        newAppointment: e.clock.appointment === null ? '' : vnDateTime(e.clock.appointment),
      });
      break;
    }
    case 'stopped':
      Object.assign(all, { reason: e.reason, stoppedAt: vnDateTime(e.at) });
      break;
    default:
      break;
  }
  const out: SlipValues = {};
  for (const f of ref.form.fields) out[f] = all[f] ?? '';
  return out;
}

function contactOf(src: SlipSource, officer: string): string {
  const who = officer || src.agency.name;
  return src.agency.phone ? `${who}, số điện thoại ${src.agency.phone}` : who;
}

function coordinating(src: SlipSource): string[] {
  const codes = new Set<string>();
  for (const e of src.events) {
    if (e.type === 'tasks-sent') for (const t of e.tasks) codes.add(t.agencyCode);
  }
  return [...codes].map((c) => src.agencyNames[c] ?? c);
}

function currentAppointment(events: readonly DossierEvent[]): string {
  const at = appointmentBefore(events, events.length);
  return at === null ? '' : vnDateTime(at);
}

// ── Control slip (phiếu kiểm soát): one row per hand-over ─────────────────────────────────

export interface HandoverRow {
  giver: string;
  receiver: string;
  at: string;
  /** Trước hạn / Đúng hạn / Quá hạn for the giver's step, when the step had a time budget. */
  result: string;
  note: string;
}

const HANDOVER: ReadonlySet<DossierEvent['type']> = new Set([
  'accepted',
  'forwarded',
  'approved',
  'signed',
  'returned-to-step',
  'draft-rejected',
  'result-sent',
  'resolution-refused',
  'supplement-requested',
  'supplement-received',
  'result-returned',
]);

/**
 * The hand-overs of the dossier with each one's timeliness. `stepDue(enteredAt, stepCode)` is the
 * step's working-time due instant (the server computes it with the calendar), or null without a budget.
 */
export function handoverRows(
  src: Pick<SlipSource, 'events' | 'userNames' | 'applicant'>,
  stepName: (code: string) => string,
  stepDue: (enteredAt: number, stepCode: string) => number | null,
): HandoverRow[] {
  const rows: HandoverRow[] = [];
  let step: string | null = null;
  let enteredAt: number | null = null;
  const who = (id: string | null) => (id ? (src.userNames[id] ?? '') : 'Hệ thống');
  const holderName = (h: { kind: string; userId?: string; role?: string } | undefined, code: string | null) =>
    h?.kind === 'user' ? who(h.userId ?? null) : code ? stepName(code) : '';
  for (const e of src.events) {
    if (!HANDOVER.has(e.type)) continue;
    const at = vnDateTime(e.at);
    let result = '';
    if (step && enteredAt !== null) {
      const due = stepDue(enteredAt, step);
      if (due !== null) result = e.at < due ? 'Trước hạn' : e.at === due ? 'Đúng hạn' : 'Quá hạn';
    }
    const giver = `${who(e.by)}${step ? ` (${stepName(step)})` : ''}`;
    switch (e.type) {
      case 'accepted':
        rows.push({ giver: src.applicant.fullName, receiver: `${who(e.by)} (${stepName(e.step)})`, at, result: '', note: 'Tiếp nhận hồ sơ' });
        step = e.step;
        break;
      case 'supplement-requested':
        rows.push({ giver, receiver: src.applicant.fullName, at, result, note: 'Yêu cầu bổ sung' });
        step = null;
        break;
      case 'supplement-received':
        rows.push({ giver: src.applicant.fullName, receiver: holderName(e.holder, e.step), at, result: '', note: 'Nhận hồ sơ bổ sung' });
        step = e.step;
        break;
      case 'result-returned':
        rows.push({ giver, receiver: src.applicant.fullName, at, result: '', note: 'Trả kết quả' });
        step = null;
        break;
      default:
        rows.push({ giver, receiver: holderName('holder' in e ? e.holder : undefined, 'to' in e ? e.to : null), at, result, note: e.type === 'returned-to-step' || e.type === 'draft-rejected' ? 'Trả lại' : '' });
        step = 'to' in e ? e.to : step;
    }
    enteredAt = e.at;
  }
  return rows;
}

// ── Register (sổ theo dõi hồ sơ): one row per dossier ─────────────────────────────────────

export interface RegisterRow {
  n: number;
  code: string;
  procedure: string;
  sets: string;
  applicant: string;
  addressPhone: string;
  leadAgency: string;
  receivedAt: string;
  appointment: string;
  transferredAt: string;
  resultReceivedAt: string;
  returnedAt: string;
  note: string;
}

export const REGISTER_COLUMNS: readonly { key: keyof RegisterRow; title: string; width: number }[] = [
  { key: 'n', title: 'STT', width: 3 },
  { key: 'code', title: 'Mã hồ sơ', width: 18 },
  { key: 'procedure', title: 'Tên TTHC', width: 13 },
  { key: 'sets', title: 'Số bộ', width: 3 },
  { key: 'applicant', title: 'Tên cá nhân, tổ chức', width: 9 },
  { key: 'addressPhone', title: 'Địa chỉ, số điện thoại', width: 9 },
  { key: 'leadAgency', title: 'Cơ quan chủ trì', width: 9 },
  { key: 'receivedAt', title: 'Nhận hồ sơ', width: 7 },
  { key: 'appointment', title: 'Hẹn trả', width: 7 },
  { key: 'transferredAt', title: 'Chuyển hồ sơ đến cơ quan giải quyết', width: 7 },
  { key: 'resultReceivedAt', title: 'Nhận kết quả từ cơ quan giải quyết', width: 7 },
  { key: 'returnedAt', title: 'Trả kết quả cho cá nhân, tổ chức', width: 7 },
  { key: 'note', title: 'Ghi chú', width: 5 },
];

const shortDate = (ms: number | null) => (ms === null ? '' : localDateOf(ms).split('-').reverse().join('/'));

export function registerRow(n: number, src: Pick<SlipSource, 'code' | 'procedure' | 'applicant' | 'agency' | 'events'>): RegisterRow {
  const find = (t: DossierEvent['type']) => src.events.find((e) => e.type === t)?.at ?? null;
  const accepted = src.events.find((e) => e.type === 'accepted');
  const result = src.events.find((e) => e.type === 'result-sent' || e.type === 'resolution-refused');
  const a = src.applicant;
  return {
    n,
    code: src.code ?? '',
    procedure: src.procedure.name,
    sets: '01',
    applicant: a.organisationName ?? a.fullName,
    addressPhone: [a.address, a.phone].filter(Boolean).join(', '),
    leadAgency: src.agency.name,
    receivedAt: shortDate(receivedInstant(src.events)),
    appointment: shortDate(accepted?.type === 'accepted' ? accepted.clock.appointment : null),
    transferredAt: shortDate(find('forwarded')),
    resultReceivedAt: shortDate(result?.at ?? null),
    returnedAt: shortDate(find('result-returned')),
    note: src.events.some((e) => e.type === 'apologized') ? 'Có gia hạn' : '',
  };
}
