import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INITIAL_CLOCK, instantAt, type DossierClock } from '../calendar/index.ts';
import type { DossierEvent } from '../dossier/lifecycle.ts';
import {
  FORMS,
  formOf,
  handoverRows,
  LIST_FIELDS,
  registerRow,
  renderBlocks,
  ruleSetFor,
  ruleSetOf,
  slipsOf,
  slipValues,
  templateProblems,
  TT03_2025_FROM,
  type SlipSource,
} from './index.ts';

const at = (date: string, hhmm: string) => instantAt(date, hhmm);
const clock = (over: Partial<DossierClock>): DossierClock => ({ ...INITIAL_CLOCK, phase: 'running', ...over });
const RECEIVED = at('2026-03-02', '09:30');
const APPT = at('2026-03-09', '09:30');
const NEW_APPT = at('2026-03-12', '16:00');

function source(events: DossierEvent[]): SlipSource {
  return {
    code: '000.00.10.H99-260302-0001',
    procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
    agency: { code: '000.00.10.H99', name: 'Sở Tư pháp', governingBody: 'Ủy ban nhân dân tỉnh Đắk Lắk', phone: '02623123456', place: 'Đắk Lắk' },
    applicant: { fullName: 'Nguyễn Thị Hương', address: '12 Lê Duẩn, Buôn Ma Thuột', phone: '0912345678', email: 'huong@example.vn' },
    components: [
      { name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0 },
      { name: 'Giấy chứng sinh', originals: 1, copies: 1 },
    ],
    timeLimit: { unit: 'working-days', value: 5 },
    resultChannel: 'desk',
    resultAddress: null,
    events,
    userNames: { desk: 'Lê Văn Tâm', spec: 'Phạm Thị Lan', lead: 'Hoàng Minh Đức' },
    agencyNames: { '000.00.20.H99': 'Sở Xây dựng' },
    lookupUrl: 'https://dvc.example.vn/tra-cuu/000.00.10.H99-260302-0001',
  };
}

const group = { kind: 'group', role: 'specialist', departmentCode: null } as const;
const HISTORY: DossierEvent[] = [
  { type: 'submitted', at: RECEIVED, by: 'desk', channel: 'direct' },
  { type: 'accepted', at: RECEIVED + 60_000, by: 'desk', code: '000.00.10.H99-260302-0001', step: 'TN', holder: { kind: 'user', userId: 'desk' }, clock: clock({ receivedAt: RECEIVED, appointment: APPT }), backfilled: false },
  { type: 'forwarded', at: at('2026-03-02', '14:00'), by: 'desk', from: 'TN', to: 'GQ', holder: group, comment: null },
  { type: 'supplement-requested', at: at('2026-03-03', '10:00'), by: 'spec', missing: ['Bản sao giấy đăng ký kết hôn'], reason: 'Thiếu giấy tờ chứng minh quan hệ cha mẹ', clock: clock({ receivedAt: RECEIVED, appointment: APPT }) },
  { type: 'supplement-received', at: at('2026-03-04', '10:00'), by: null, step: 'GQ', holder: { kind: 'user', userId: 'spec' }, clock: clock({ receivedAt: RECEIVED, appointment: APPT }), amended: [] },
  { type: 'supplement-requested', at: at('2026-03-04', '15:00'), by: 'spec', missing: ['Bản chính giấy chứng sinh'], reason: 'Bản sao không rõ', clock: clock({ receivedAt: RECEIVED, appointment: APPT }) },
  { type: 'supplement-received', at: at('2026-03-05', '08:00'), by: null, step: 'GQ', holder: { kind: 'user', userId: 'spec' }, clock: clock({ receivedAt: RECEIVED, appointment: APPT }), amended: [] },
  { type: 'apologized', at: at('2026-03-09', '08:00'), by: 'lead', reason: 'Phải xác minh tại nơi cư trú', clock: clock({ receivedAt: RECEIVED, appointment: NEW_APPT }) },
  { type: 'resolution-refused', at: at('2026-03-10', '10:00'), by: 'spec', to: 'TKQ', holder: { kind: 'group', role: 'reception', departmentCode: null }, reasons: ['Người yêu cầu không đủ điều kiện'], clock: clock({ receivedAt: RECEIVED, appointment: NEW_APPT }) },
];

test(`dossiers received from ${TT03_2025_FROM} use Circular 03/2025's 7 forms; before, Circular 01/2018's 6`, () => {
  assert.equal(ruleSetFor('2025-09-14'), 'tt01-2018');
  assert.equal(ruleSetFor('2025-09-15'), 'tt03-2025');
  assert.equal(ruleSetFor('2025-07-01'), 'tt01-2018', 'Decree 118 took effect on 01/07/2025 but its forms only with the circular');
  const numbers = (rs: string) => FORMS.filter((f) => f.ruleSet === rs).map((f) => `${f.form} ${f.kind}`);
  assert.deepEqual(numbers('tt01-2018'), ['01 receipt', '02 supplement', '03 refusal', '04 apology', '05 control', '06 register']);
  assert.deepEqual(numbers('tt03-2025'), ['01 receipt', '02 supplement', '03 refusal', '04 apology', '05 stop', '06 control', '07 register']);
  assert.equal(formOf('tt01-2018', 'stop'), null, 'the stop notice is new in 2025');
  assert.ok(FORMS.every((f) => f.paper === (f.kind === 'register' ? 'A4' : 'A5')), 'slips on A5, the register on A4 [01/2018 Art. 10]');
  const old = HISTORY.map((e) => ({ ...e, at: e.at - 365 * 86_400_000 }));
  assert.equal(ruleSetOf(old.map((e) => (e.type === 'accepted' ? { ...e, clock: { ...e.clock, receivedAt: at('2025-03-02', '09:30') } } : e))), 'tt01-2018');
  assert.equal(ruleSetOf(HISTORY), 'tt03-2025');
});

test('every default wording uses only its own form fields, and every form carries the legal fields of §2.6', () => {
  for (const f of FORMS) {
    assert.deepEqual(templateProblems(f, { title: f.title, paragraphs: [...f.paragraphs, ...f.signatures.map((s) => s.note)] }), [], `${f.ruleSet}/${f.kind}`);
  }
  const must: Record<string, string[]> = {
    receipt: ['dossierCode', 'applicantName', 'applicantAddress', 'applicantPhone', 'procedureName', 'components', 'timeLimit', 'receivedAt', 'appointment', 'resultPlace', 'officerName'],
    supplement: ['applicantName', 'procedureName', 'missing', 'reason', 'contact', 'officerName'],
    refusal: ['applicantName', 'procedureName', 'reasons', 'officerName'],
    apology: ['applicantName', 'receivedAt', 'procedureName', 'originalAppointment', 'reason', 'newAppointment'],
    stop: ['applicantName', 'reason', 'stoppedAt'],
    control: ['dossierCode', 'applicantName', 'applicantPhone', 'leadAgency', 'coordinatingAgencies'],
    register: ['agencyName', 'period'],
  };
  for (const f of FORMS) for (const field of must[f.kind]!) assert.ok((f.fields as readonly string[]).includes(field), `${f.ruleSet}/${f.kind} lacks ${field}`);
});

test('a dossier lists the slips its history issued, numbering repeated kinds', () => {
  const refs = slipsOf(HISTORY).map((r) => `${r.kind}-${r.n} ${r.form.ruleSet}/${r.form.form}`);
  assert.deepEqual(refs, ['receipt-1 tt03-2025/01', 'control-1 tt03-2025/06', 'supplement-1 tt03-2025/02', 'supplement-2 tt03-2025/02', 'apology-1 tt03-2025/04', 'refusal-1 tt03-2025/03']);
  assert.deepEqual(slipsOf(HISTORY.slice(0, 1)), [], 'nothing is issued before acceptance');
});

test('each slip maps exactly its form fields from the dossier, with Vietnamese date-times', () => {
  const src = source(HISTORY);
  for (const ref of slipsOf(HISTORY)) assert.deepEqual(Object.keys(slipValues(src, ref)).sort(), [...ref.form.fields].sort(), ref.kind);
  const [receipt, control, sup1, sup2, apology, refusal] = slipsOf(HISTORY).map((r) => slipValues(src, r));
  assert.equal(receipt!.dossierCode, '000.00.10.H99-260302-0001');
  assert.equal(receipt!.applicantName, 'Nguyễn Thị Hương');
  assert.equal(receipt!.receivedAt, '09 giờ 30 phút, ngày 02 tháng 03 năm 2026');
  assert.equal(receipt!.appointment, '09 giờ 30 phút, ngày 09 tháng 03 năm 2026');
  assert.deepEqual(receipt!.components, ['Tờ khai đăng ký khai sinh: 1 bản chính', 'Giấy chứng sinh: 1 bản chính, 1 bản sao']);
  assert.equal(receipt!.timeLimit, '5 ngày làm việc');
  assert.equal(receipt!.officerName, 'Lê Văn Tâm');
  assert.equal(receipt!.placeDate, 'Đắk Lắk, ngày 02 tháng 03 năm 2026');
  assert.equal(receipt!.number, '000.00.10.H99-260302-0001/TN');
  assert.equal(control!.appointment, '16 giờ 00 phút, ngày 12 tháng 03 năm 2026', 'the control slip shows the appointment in force');
  assert.deepEqual([sup1!.missing, sup1!.reason, sup1!.number], [['Bản sao giấy đăng ký kết hôn'], 'Thiếu giấy tờ chứng minh quan hệ cha mẹ', '000.00.10.H99-260302-0001/BS1']);
  assert.equal(sup1!.contact, 'Phạm Thị Lan, số điện thoại 02623123456');
  assert.deepEqual(sup2!.missing, ['Bản chính giấy chứng sinh']);
  assert.equal(apology!.originalAppointment, '09 giờ 30 phút, ngày 09 tháng 03 năm 2026');
  assert.equal(apology!.newAppointment, '16 giờ 00 phút, ngày 12 tháng 03 năm 2026');
  assert.equal(apology!.reason, 'Phải xác minh tại nơi cư trú');
  assert.deepEqual(refusal!.reasons, ['Người yêu cầu không đủ điều kiện']);
});

test('the stop notice (Circular 03/2025 Mẫu 05) carries the reason and the instant', () => {
  const evs: DossierEvent[] = [...HISTORY.slice(0, 3), { type: 'stopped', at: at('2026-03-03', '11:15'), by: 'spec', reason: 'Người yêu cầu đề nghị dừng' }];
  const stop = slipsOf(evs).find((r) => r.kind === 'stop')!;
  const v = slipValues(source(evs), stop);
  assert.deepEqual([v.reason, v.stoppedAt], ['Người yêu cầu đề nghị dừng', '11 giờ 15 phút, ngày 03 tháng 03 năm 2026']);
});

test('a template naming a field its form does not carry is refused, naming the paragraph and the placeholder', () => {
  const f = formOf('tt03-2025', 'refusal')!;
  const errs = templateProblems(f, { title: 'PHIẾU {{dossierCode}}', paragraphs: ['Ông/bà {{applicantName}}', 'Hẹn {{newAppointment}}', 'Lỗi {{applicantName}'] });
  assert.deepEqual(errs.map((e) => [e.field, e.keyword]), [['paragraphs.1', 'unknown-placeholder'], ['paragraphs.2', 'malformed-placeholder']]);
  assert.match(errs[0]!.message, /\{\{newAppointment\}\}/);
});

test('a paragraph that is only a list field prints as numbered lines; empty values print as dots to fill by hand', () => {
  const blocks = renderBlocks(['{{missing}}', 'Lý do: {{reason}}', 'Gồm: {{missing}}'], { missing: ['A', 'B'], reason: '' });
  assert.deepEqual(blocks, [{ kind: 'list', items: ['A', 'B'] }, { kind: 'text', text: 'Lý do: …………………' }, { kind: 'text', text: 'Gồm: A; B' }]);
  assert.ok(LIST_FIELDS.has('components'));
});

test('the control slip has one row per hand-over, each step judged early / on time / late against its working-time budget', () => {
  const due = new Map([['TN', at('2026-03-02', '17:00')], ['GQ', at('2026-03-04', '12:00')]]);
  const rows = handoverRows(source(HISTORY), (c) => ({ TN: 'Tiếp nhận', GQ: 'Giải quyết', TKQ: 'Trả kết quả' })[c] ?? c, (_entered, code) => due.get(code) ?? null);
  assert.equal(rows[0]!.receiver, 'Lê Văn Tâm (Tiếp nhận)');
  assert.deepEqual([rows[1]!.giver, rows[1]!.receiver, rows[1]!.result], ['Lê Văn Tâm (Tiếp nhận)', 'Giải quyết', 'Trước hạn']);
  assert.equal(rows[1]!.at, '14 giờ 00 phút, ngày 02 tháng 03 năm 2026');
  const refusedRow = rows.at(-1)!;
  assert.equal(refusedRow.result, 'Quá hạn', 'the last hand-over of GQ came after its due instant');
});

test('a register row carries the dates of receipt, appointment, transfer, result and return', () => {
  const r = registerRow(7, source(HISTORY));
  assert.deepEqual([r.n, r.code, r.applicant, r.receivedAt, r.appointment, r.transferredAt, r.resultReceivedAt, r.note], [7, '000.00.10.H99-260302-0001', 'Nguyễn Thị Hương', '02/03/2026', '09/03/2026', '02/03/2026', '10/03/2026', 'Có gia hạn']);
  assert.equal(r.addressPhone, '12 Lê Duẩn, Buôn Ma Thuột, 0912345678');
});

// ── Template field mapping, every form of both rule sets ───────────────────────────────────

const PLACEHOLDERS = /\{\{\s*([^{}]*?)\s*\}\}/g;
const placeholdersOf = (f: (typeof FORMS)[number]) => {
  const used = new Set<string>();
  for (const s of [f.title, ...f.paragraphs, ...f.signatures.map((x) => x.note)]) for (const m of s.matchAll(PLACEHOLDERS)) used.add(m[1]!);
  return used;
};
/**
 * The fields a form carries but its default wording does not name: the page header prints the
 * governing body, the agency, the number and the place and date, and the QR encodes the lookup
 * address; the rest are offered to an administrator who rewords the form.
 */
const OUTSIDE_WORDING: Record<string, string[]> = {
  receipt: ['governingBody', 'number', 'placeDate'],
  supplement: ['governingBody', 'lookupUrl', 'number', 'placeDate', 'procedureCode'],
  refusal: ['governingBody', 'lookupUrl', 'number', 'placeDate', 'procedureCode'],
  apology: ['applicantAddress', 'applicantEmail', 'applicantPhone', 'governingBody', 'lookupUrl', 'number', 'officerName', 'placeDate', 'procedureCode'],
  stop: ['applicantAddress', 'applicantEmail', 'applicantPhone', 'governingBody', 'lookupUrl', 'number', 'placeDate', 'procedureCode'],
  control: ['agencyName', 'governingBody', 'lookupUrl', 'number', 'placeDate'],
  register: ['governingBody', 'placeDate'],
};

for (const rs of ['tt01-2018', 'tt03-2025'] as const) {
  for (const f of FORMS.filter((x) => x.ruleSet === rs)) {
    test(`${rs} Mẫu ${f.form} (${f.kind}): its default wording's placeholders, with the fields left to the header or to the administrator, are exactly the form's field list`, () => {
      const used = placeholdersOf(f);
      assert.deepEqual([...used].filter((p) => !(f.fields as readonly string[]).includes(p)), [], 'no placeholder outside the form');
      assert.deepEqual(f.fields.filter((x) => !used.has(x)).sort(), OUTSIDE_WORDING[f.kind], 'the fields left out of the wording');
      assert.deepEqual([...new Set([...used, ...OUTSIDE_WORDING[f.kind]!])].sort(), [...f.fields].sort());
      assert.equal(new Set(f.fields).size, f.fields.length, 'no field listed twice');
      assert.deepEqual(templateProblems(f, { title: f.title, paragraphs: [...f.paragraphs] }), []);
    });
  }
}

/** A dossier received on `day` that issued every slip a dossier can have (the stop notice aside). */
function fullHistory(day: string): DossierEvent[] {
  const shift = at(day, '09:30') - RECEIVED;
  const moved = (ms: number) => ms + shift;
  const c = (appointment: number) => clock({ receivedAt: moved(RECEIVED), appointment: moved(appointment) });
  const tasks = [{ id: 't1', agencyCode: '000.00.20.H99', task: 'Xác nhận nơi cư trú', sentAt: moved(at('2026-03-02', '15:00')), deadline: moved(at('2026-03-03', '15:00')) }];
  return [
    { type: 'submitted', at: moved(RECEIVED), by: 'desk', channel: 'direct' },
    { type: 'completion-requested', at: moved(RECEIVED + 30_000), by: 'desk', missing: ['Giấy chứng sinh bản chính'], note: 'Thiếu giấy chứng sinh' },
    { type: 'completed', at: moved(RECEIVED + 40_000), by: 'desk', amended: [] },
    { type: 'accepted', at: moved(RECEIVED + 60_000), by: 'desk', code: '000.00.10.H99-260302-0001', step: 'TN', holder: { kind: 'user', userId: 'desk' }, clock: c(APPT), backfilled: false },
    { type: 'forwarded', at: moved(at('2026-03-02', '14:00')), by: 'desk', from: 'TN', to: 'GQ', holder: group, comment: null },
    { type: 'tasks-sent', at: moved(at('2026-03-02', '15:00')), by: 'spec', tasks },
    { type: 'supplement-requested', at: moved(at('2026-03-03', '10:00')), by: 'spec', missing: ['Bản sao giấy đăng ký kết hôn'], reason: 'Thiếu giấy tờ', clock: c(APPT) },
    { type: 'supplement-received', at: moved(at('2026-03-04', '10:00')), by: null, step: 'GQ', holder: { kind: 'user', userId: 'spec' }, clock: c(APPT), amended: [] },
    { type: 'apologized', at: moved(at('2026-03-09', '08:00')), by: 'lead', reason: 'Phải xác minh', clock: c(NEW_APPT) },
    { type: 'resolution-refused', at: moved(at('2026-03-10', '10:00')), by: 'spec', to: 'TKQ', holder: { kind: 'group', role: 'reception', departmentCode: null }, reasons: ['Không đủ điều kiện'], clock: c(NEW_APPT) },
  ];
}

for (const [rs, day] of [['tt01-2018', '2025-03-03'], ['tt03-2025', '2026-03-02']] as const) {
  test(`${rs}: every slip of a complete dossier maps each field of its form, and only those, to a value from the dossier`, () => {
    const history = fullHistory(day);
    const stopped: DossierEvent[] = [...history.slice(0, 5), { type: 'stopped', at: history[4]!.at + 3_600_000, by: 'spec', reason: 'Người yêu cầu đề nghị dừng' }];
    const refs = [...slipsOf(history), ...slipsOf(stopped).filter((r) => r.kind === 'stop')];
    assert.ok(refs.every((r) => r.form.ruleSet === rs), `a dossier received on ${day} uses ${rs}`);
    const kinds = new Set(refs.map((r) => r.kind));
    assert.deepEqual(FORMS.filter((f) => f.ruleSet === rs && f.kind !== 'register').map((f) => f.kind).filter((k) => !kinds.has(k)), [], 'every slip form of the set is issued');
    for (const ref of refs) {
      const v = slipValues(source(ref.kind === 'stop' ? stopped : history), ref);
      assert.deepEqual(Object.keys(v).sort(), [...ref.form.fields].sort(), `${rs}/${ref.kind}: exactly the form's fields`);
      const empty = ref.form.fields.filter((f) => (Array.isArray(v[f]) ? v[f].length === 0 : !v[f]));
      assert.deepEqual(empty, [], `${rs}/${ref.kind}-${ref.n}: a field the mapping leaves blank`);
    }
  });
}
