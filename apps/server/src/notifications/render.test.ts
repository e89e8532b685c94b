import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, formatValue, parseTemplate, placeholdersOf, renderMessage, renderTemplate, TemplateSyntaxError, type Channel, type Locale } from './render.ts';
import { allowedPlaceholders, builtInTemplate, CHANNELS, EVENTS, LOCALES, type NotificationEvent } from './templates.ts';

const PUBLIC = 'https://dichvucong.example.vn';
const CODE = '000.00.15.H12-260302-0007';
const LOOKUP = `${PUBLIC}/tra-cuu/${CODE}?a=1&b=2`;
const RATING = `${PUBLIC}/ca-nhan/ho-so/7d0f0a52-3b8e-4c39-9f0e-1f6a3c2b9e10/danh-gia`;

/** Every fact any event may carry, with markup in the free texts to prove it is escaped. */
const SAMPLE: Record<string, unknown> = {
  name: 'Nguyễn Thị <Hương> & "Co"',
  code: CODE,
  procedureName: 'Đăng ký khai sinh <b>',
  agencyName: 'Ủy ban nhân dân xã Ea Tu',
  lookupUrl: LOOKUP,
  ratingUrl: RATING,
  checkBy: '2026-03-02T16:45:00+07:00',
  receivedAt: '2026-03-02T08:10:00+07:00',
  appointment: '2026-03-09T07:30:00+07:00',
  previousAppointment: '2026-03-05T07:30:00+07:00',
  supplementBy: '2026-03-12',
  returnedAt: '2026-03-09T09:00:00+07:00',
  withdrawnAt: '2026-03-03T10:00:00+07:00',
  expiresAt: '2026-03-02T10:00:00+07:00',
  deadline: '2026-03-04T17:00:00+07:00',
  replyBy: '2026-03-06T17:00:00+07:00',
  reason: 'Thiếu <giấy tờ> & chữ ký',
  missing: ['Tờ khai <có chữ ký>', 'Giấy chứng sinh'],
  results: ['Giấy khai sinh (bản chính)'],
  collectHow: 'Nhận trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả',
  verifyUrl: `${PUBLIC}/xac-nhan?t=abc`,
  resetUrl: `${PUBLIC}/dat-lai-mat-khau?t=def`,
  dossierUrl: `${PUBLIC}/mot-cua/ho-so/123`,
  otp: '482913',
  username: 'huong.nguyen',
  stepName: 'Thẩm định hồ sơ',
  assignedBy: 'Trần Văn Đức',
  fromAgencyName: 'Sở Xây dựng',
  question: 'Đề nghị cho ý kiến về <ranh giới> thửa đất',
  publicUrl: PUBLIC,
};
const RAW_MARKUP = ['<Hương>', '<b>', '<giấy tờ>', '<có chữ ký>', '<ranh giới>'];

const render = (event: NotificationEvent, channel: Channel, locale: Locale, data: Record<string, unknown> = SAMPLE) =>
  renderMessage(builtInTemplate(event, channel, locale), { event, channel, locale, data, publicUrl: PUBLIC });

test('every built-in template uses only the placeholders its event declares, and renders each of them', () => {
  for (const event of EVENTS)
    for (const channel of CHANNELS)
      for (const locale of LOCALES) {
        const where = `${event}/${channel}/${locale}`;
        const tpl = builtInTemplate(event, channel, locale);
        const used = [...placeholdersOf(tpl.body), ...(tpl.subject ? placeholdersOf(tpl.subject) : [])];
        const allowed = allowedPlaceholders(event);
        for (const p of used) assert.ok(allowed.includes(p), `${where} uses {{${p}}}, which ${event} does not declare`);
        const m = render(event, channel, locale);
        assert.deepEqual(m.missing, [], where);
        for (const s of [m.subject ?? '', m.text]) assert.ok(!/[{}]{2}/.test(s), `${where} left a tag: ${s}`);
        for (const p of used) {
          const v = formatValue(SAMPLE[p], locale, channel);
          assert.ok(`${m.subject ?? ''}\n${m.text}`.includes(v), `${where} does not show {{${p}}} = ${v}`);
        }
        assert.equal(channel === 'sms', m.subject === null, `${where}: a subject exists except for SMS`);
        if (m.subject) assert.ok(!m.subject.includes('\n'), where);
      }
});

test('every e-mail has an HTML part in which every value and every character is escaped', () => {
  for (const event of EVENTS)
    for (const locale of LOCALES) {
      const m = render(event, 'email', locale);
      assert.ok(m.html, event);
      for (const raw of RAW_MARKUP) assert.ok(!m.html.includes(raw), `${event}/${locale}: raw ${raw} in HTML`);
      assert.ok(m.html.includes('Nguyễn Thị &lt;Hương&gt; &amp; &quot;Co&quot;'), `${event}/${locale}: the escaped name`);
      assert.ok(m.html.startsWith('<!doctype html>') && m.html.includes(`<html lang="${locale}">`));
    }
});

test('every dossier e-mail names the dossier code and links back to the dossier, in text and HTML [SPEC §11]', () => {
  for (const event of EVENTS.filter((e) => e.startsWith('dossier.')))
    for (const locale of LOCALES) {
      const m = render(event, 'email', locale);
      assert.ok(m.subject!.includes(CODE) || m.text.includes(CODE), `${event}/${locale} names the code`);
      assert.ok(m.text.includes(LOOKUP), `${event}/${locale} text links to the dossier`);
      assert.ok(m.html!.includes(`href="${escapeHtml(LOOKUP)}"`), `${event}/${locale} HTML links to the dossier`);
      assert.equal(m.link, event === 'dossier.returned' ? RATING : LOOKUP);
    }
});

test('the returned-result e-mail’s button opens the portal’s rating page of the dossier, not the lookup page [002 Art. 12]', () => {
  for (const locale of LOCALES) {
    const m = render('dossier.returned', 'email', locale);
    assert.equal(m.link, RATING);
    assert.ok(m.html!.includes(`href="${escapeHtml(RATING)}"`) && m.text.includes(RATING), locale);
    assert.ok(m.html!.includes(locale === 'vi' ? 'Đánh giá mức độ hài lòng' : 'Rate the service'), locale);
  }
});

test('without a rating link (no account) the returned-result e-mail’s button is the lookup page, labelled as such', () => {
  const { ratingUrl: _, ...data } = SAMPLE;
  const m = render('dossier.returned', 'email', 'en', data);
  assert.equal(m.link, LOOKUP);
  assert.ok(m.html!.includes('View your application') && !m.html!.includes('Rate the service'));
  assert.ok(m.text.includes('at the one-stop desk'));
});

test('a dossier message without a link gets the public lookup page of its code', () => {
  const { lookupUrl: _, ...data } = SAMPLE;
  const m = render('dossier.accepted', 'email', 'vi', data);
  assert.equal(m.link, `${PUBLIC}/tra-cuu/${encodeURIComponent(CODE)}`);
  assert.ok(m.text.includes(`${PUBLIC}/tra-cuu/${CODE}`));
});

test('the acceptance e-mail reads as the official notice: code, acceptance, appointment in Vietnamese local time [004 Art. 12.2.a]', () => {
  const m = render('dossier.accepted', 'email', 'vi', { ...SAMPLE, name: 'Nguyễn Thị Hương', appointment: '2026-03-09T00:30:00Z' });
  assert.equal(m.subject, `Hồ sơ số ${CODE} đã được tiếp nhận`);
  const lines = m.text.split('\n');
  assert.equal(lines[0], 'Kính gửi Ông/Bà Nguyễn Thị Hương,');
  assert.ok(lines.includes(`Hồ sơ số ${CODE} đề nghị giải quyết thủ tục “Đăng ký khai sinh <b>” của Ông/Bà đã được Ủy ban nhân dân xã Ea Tu tiếp nhận lúc 02/03/2026 08:10.`), m.text);
  assert.ok(lines.includes('Ngày hẹn trả kết quả: 09/03/2026 07:30.'), m.text);
  assert.ok(m.text.endsWith('Thư này được gửi tự động, vui lòng không trả lời thư này.'));
});

test('instants are shown dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh whatever offset they arrive in; legal dates dd/MM/yyyy', () => {
  assert.equal(formatValue('2026-03-02T07:30:00+07:00', 'vi', 'email'), '02/03/2026 07:30');
  assert.equal(formatValue('2026-03-01T17:05:00Z', 'vi', 'email'), '02/03/2026 00:05');
  assert.equal(formatValue('2026-12-31T23:59:59.999+07:00', 'en', 'sms'), '31/12/2026 23:59');
  assert.equal(formatValue('2026-03-12', 'vi', 'email'), '12/03/2026');
  assert.equal(formatValue(CODE, 'vi', 'email'), CODE, 'a dossier code is not a date');
  assert.equal(formatValue(1500000, 'vi', 'email'), '1.500.000');
});

test('what is missing is listed one item a line (a list in HTML), and on one line in an SMS [004 Art. 12.2.a]', () => {
  const mail = render('dossier.supplement-requested', 'email', 'vi');
  assert.ok(mail.text.includes('Đề nghị Ông/Bà bổ sung, hoàn thiện các nội dung sau:\n- Tờ khai <có chữ ký>\n- Giấy chứng sinh'), mail.text);
  assert.ok(mail.html!.includes('<li>Tờ khai &lt;có chữ ký&gt;</li><li>Giấy chứng sinh</li>'), mail.html!);
  assert.ok(mail.text.includes('Lý do: Thiếu <giấy tờ> & chữ ký'));
  const sms = render('dossier.supplement-requested', 'sms', 'vi');
  assert.ok(sms.text.includes('cần bổ sung, hoàn thiện: Tờ khai <có chữ ký>; Giấy chứng sinh.'), sms.text);
  assert.ok(!sms.text.includes('\n'));
});

test('a dossier not yet accepted has no code: the message says "hồ sơ" without a number and leaves no gap', () => {
  const { code: _c, lookupUrl: _l, ...data } = SAMPLE;
  const m = render('dossier.received', 'email', 'vi', data);
  assert.equal(m.subject, 'Thông báo đã nhận hồ sơ');
  assert.ok(m.text.includes('Ủy ban nhân dân xã Ea Tu đã nhận được hồ sơ đề nghị giải quyết thủ tục'), m.text);
  assert.ok(!/\n{3}| {2}/.test(m.text));
  assert.deepEqual(m.missing, []);
});

test('a greeting without a name is still polite', () => {
  const { name: _, ...data } = SAMPLE;
  assert.ok(render('dossier.refused', 'email', 'vi', data).text.startsWith('Kính gửi Quý Ông/Bà,\n'));
  assert.ok(render('dossier.refused', 'email', 'en', data).text.startsWith('Dear Sir or Madam,\n'));
});

test('a placeholder the data lacks renders as nothing and is reported', () => {
  const r = renderTemplate('Hồ sơ số {{code}}: hẹn {{appointment}}', { code: 'X' }, 'vi', 'email');
  assert.equal(r.text, 'Hồ sơ số X: hẹn');
  assert.deepEqual(r.missing, ['appointment']);
});

test('a subject never carries a line break from data (no header injection)', () => {
  const m = render('dossier.accepted', 'email', 'vi', { ...SAMPLE, code: 'A\r\nBcc: x@evil.test' });
  assert.equal(m.subject, 'Hồ sơ số A Bcc: x@evil.test đã được tiếp nhận');
});

test('only web links become buttons and anchors: a javascript: link stays inert text', () => {
  const m = render('account.password-reset', 'email', 'vi', { ...SAMPLE, resetUrl: 'javascript:alert(1)' });
  assert.equal(m.link, null);
  assert.ok(!m.html!.includes('href="javascript'));
  assert.ok(m.html!.includes('javascript:alert(1)'));
});

test("an administrator's text gets the same HTML treatment: markup typed into the template is escaped too", () => {
  const tpl = { subject: 'Hồ sơ {{code}}', body: 'Xin chào <b>{{name}}</b>\n\nXem: {{lookupUrl}}' };
  const m = renderMessage(tpl, { event: 'dossier.accepted', channel: 'email', locale: 'vi', data: SAMPLE, publicUrl: PUBLIC });
  assert.ok(m.html!.includes('Xin chào &lt;b&gt;Nguyễn Thị &lt;Hương&gt; &amp; &quot;Co&quot;&lt;/b&gt;'));
  assert.ok(m.html!.includes(`<a href="${escapeHtml(LOOKUP)}"`));
});

test('malformed templates are refused with a reason: unclosed or mismatched sections, stray braces', () => {
  assert.throws(() => parseTemplate('{{#code}}Hồ sơ {{code}}'), TemplateSyntaxError);
  assert.throws(() => parseTemplate('{{#code}}x{{/name}}'), TemplateSyntaxError);
  assert.throws(() => parseTemplate('{{/code}}'), TemplateSyntaxError);
  assert.throws(() => parseTemplate('Hồ sơ {{ma ho so}}'), TemplateSyntaxError);
  assert.throws(() => parseTemplate('Hồ sơ {code}}'), TemplateSyntaxError);
  assert.deepEqual(placeholdersOf('{{#a}}{{b}}{{^c}}{{ d }}{{/c}}{{/a}}').sort(), ['a', 'b', 'c', 'd']);
});
