import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, horizontalOverflow, launch, openPage, pageErrors, PHONE, runAxe, screenshot, settled } from './browser.ts';

/**
 * Citizen accounts in the portal: registration with the e-mail code read from the test SMTP server
 * the suite runs (scripts/test.mjs passes its folder as MAIL_SINK_DIR), sign-in, profile, the
 * document store, sign-out; and every account page checked with axe-core at 375 px.
 */
const MAIL_DIR = process.env.MAIL_SINK_DIR ?? '';
const PASSWORD = 'Sông Hồng 2026';

/** The 6-digit code of the newest message to `to` (waits for the server's worker to send it). */
async function codeFromMail(to: string): Promise<string> {
  assert.ok(MAIL_DIR, 'MAIL_SINK_DIR is set by scripts/test.mjs');
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mails = fs
      .readdirSync(MAIL_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(fs.readFileSync(path.join(MAIL_DIR, f), 'utf8')) as { to: string[]; subject: string; text: string })
      .filter((m) => m.to.includes(to));
    const m = /(?<!\d)(\d{6})(?!\d)/.exec(mails.at(-1)?.text ?? '');
    if (m) return m[1]!;
    if (Date.now() > deadline) throw new Error(`no mail with a code reached ${to}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A one-page PDF with a correct cross-reference table (the server sniffs and scans uploads). */
function minimalPdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
  const bodies = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  bodies.forEach((b, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${b}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

let n = 0;
function newPerson() {
  n++;
  const idNumber = `0${String(Date.now()).slice(-9)}${String(n).padStart(2, '0')}`;
  return { idNumber, email: `dan.${idNumber}@example.vn`, fullName: 'Trần Thị Thu Hà' };
}

/** Registers, confirms and signs in through the API in the page's context (cookies included). */
async function signedInCitizen(page: Page): Promise<ReturnType<typeof newPerson>> {
  const p = newPerson();
  const r = await page.request.post('/api/v1/accounts/register', { data: { accountType: 'individual', fullName: p.fullName, idNumber: p.idNumber, dateOfBirth: '1991-07-15', phone: '0905123456', email: p.email, password: PASSWORD } });
  assert.equal(r.status(), 201, await r.text());
  const code = await codeFromMail(p.email);
  assert.equal((await page.request.post('/api/v1/accounts/verify-email', { data: { email: p.email, code } })).status(), 204);
  assert.equal((await page.request.post('/api/v1/auth/citizen-login', { data: { username: p.email, password: PASSWORD } })).status(), 200);
  return p;
}

describe('citizen accounts', () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('a citizen registers, confirms the e-mail with the code from the mail, signs in, sees the profile, stores a PDF and signs out', async () => {
    const { context, page } = await openPage(browser);
    try {
      const p = newPerson();
      await page.goto('/');
      await page.getByRole('link', { name: 'Đăng ký' }).click();
      await page.getByRole('heading', { level: 1, name: 'Đăng ký tài khoản' }).waitFor();
      await page.getByLabel('Họ và tên').fill(p.fullName);
      await page.getByLabel('Số định danh cá nhân (CCCD, 12 chữ số)').fill(p.idNumber);
      await page.getByLabel('Ngày sinh').fill('1991-07-15');
      await page.getByLabel('Số điện thoại').fill('0905 123 456');
      await page.getByLabel('Thư điện tử').fill(p.email);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Nhập lại mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng ký' }).click();

      await page.waitForURL(/\/xac-minh\?email=/);
      await page.getByText(`Nhập mã 6 chữ số chúng tôi đã gửi tới ${p.email}`).waitFor();
      await page.getByLabel('Mã xác nhận (6 chữ số)').fill(await codeFromMail(p.email));
      await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
      await page.getByTestId('verify-done').waitFor();

      await page.getByTestId('verify-done').getByRole('link', { name: 'Đăng nhập' }).click();
      await page.waitForURL(/\/dang-nhap$/);
      await page.getByLabel('Thư điện tử, số định danh hoặc mã số thuế').fill(p.idNumber);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();

      await page.waitForURL(/\/ca-nhan$/);
      const facts = page.getByTestId('profile-facts');
      await facts.waitFor();
      const text = await facts.innerText();
      for (const s of [p.fullName, p.idNumber, p.email, '0905123456', '15/07/1991', 'Đã xác nhận']) assert.ok(text.includes(s), `the profile shows ${s}`);
      assert.match(await page.getByTestId('account-menu').innerText(), /Trần Thị Thu Hà/);
      await screenshot(page, 'account-profile');

      await page.getByTestId('account-menu').click();
      await page.getByRole('menuitem', { name: 'Kho dữ liệu' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kho dữ liệu của tôi' }).waitFor();
      await page.getByTestId('store-file').setInputFiles({ name: 'giay-khai-sinh.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Giay khai sinh') });
      await page.getByLabel('Tên giấy tờ (không bắt buộc)').fill('Giấy khai sinh của con');
      await page.getByRole('button', { name: 'Tải giấy tờ lên' }).click();
      await page.getByTestId('store-list').getByText('Giấy khai sinh của con').waitFor();
      const dl = page.getByRole('link', { name: 'Tải xuống: Giấy khai sinh của con' });
      const res = await page.request.get((await dl.getAttribute('href'))!);
      assert.equal(res.headers()['content-type'], 'application/pdf');
      await screenshot(page, 'account-store');

      await page.getByTestId('account-menu').click();
      await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
      await page.getByTestId('citizen-signin').waitFor();
      assert.equal((await page.request.get('/api/v1/me/profile')).status(), 401, 'the session is gone');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('a personal page asks for sign-in first and comes back to it afterwards', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/ca-nhan/thong-bao');
      await page.waitForURL(/\/dang-nhap\?next=%2Fca-nhan%2Fthong-bao$/);
      await page.getByText('Vui lòng đăng nhập để tiếp tục.').waitFor();
    } finally {
      await context.close();
    }
  });

  test('every account page passes axe-core (WCAG 2.1 A/AA) with no serious or critical violation, has one h1 and no sideways scroll at 375 px', async () => {
    const { context, page } = await openPage(browser, { bypassCSP: true, viewport: PHONE });
    try {
      const check = async (url: string, name: string, ready: () => Promise<unknown>) => {
        await page.goto(url);
        await ready();
        await settled(page);
        const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(violations, [], `${name}:\n${describeViolations(violations)}`);
        assert.equal(await page.locator('h1').count(), 1, `${name}: exactly one h1`);
        const o = await horizontalOverflow(page);
        assert.ok(o.scrollWidth <= o.clientWidth, `${name} scrolls sideways at 375 px: ${o.scrollWidth} > ${o.clientWidth}`);
        await screenshot(page, `account-375-${name}`);
      };
      const h1 = (name: string) => () => page.getByRole('heading', { level: 1, name }).waitFor();
      await check('/dang-ky', 'register', h1('Đăng ký tài khoản'));
      await check('/xac-minh?email=a%40example.vn', 'verify', h1('Xác nhận thư điện tử'));
      await check('/dang-nhap', 'sign-in', h1('Đăng nhập tài khoản công dân, tổ chức'));
      await check('/quen-mat-khau', 'reset', h1('Quên mật khẩu'));

      await signedInCitizen(page);
      await check('/ca-nhan', 'profile', () => page.getByTestId('profile-facts').waitFor());
      await check('/ca-nhan/thong-bao', 'inbox', () => page.getByText(/chưa đọc trên tổng số/).waitFor());
      await check('/ca-nhan/kho-du-lieu', 'store', () => page.getByText('Kho dữ liệu chưa có giấy tờ nào.').waitFor());

      // The rating page of a returned dossier; the answers are those of GET/POST /api/v1/me/dossiers/{id}/rating
      // (their shapes and rules are tested against the server in ratings.db.test.ts).
      const id = '6f1c2b4e-8d0a-4c59-9e61-2a7b3c4d5e6f';
      const code = '000.00.31.H99-261123-0007';
      await page.route(`**/api/v1/me/dossiers/${id}/rating`, (route) =>
        route.request().method() === 'GET'
          ? route.fulfill({ json: { dossierId: id, dossierCode: code, procedureName: 'Đăng ký khai sinh', agencyCode: '000.00.31.H99', canRate: true, refusal: null, rating: null } })
          : route.fulfill({ status: 201, json: { dossierId: id, dossierCode: code, source: 'portal', ...(route.request().postDataJSON() as object), comment: null, createdAt: '2026-11-23T10:00:00+07:00' } }),
      );
      await check(`/ca-nhan/ho-so/${id}/danh-gia`, 'rating', h1('Đánh giá mức độ hài lòng'));
      for (const legend of ['Đánh giá chung', 'Sự thuận tiện khi thực hiện thủ tục', 'Thời gian giải quyết (đúng hẹn)', 'Thái độ, tinh thần phục vụ của cán bộ']) {
        assert.equal(await page.getByRole('group', { name: legend }).getByRole('radio').count(), 3, `${legend}: three levels`);
      }
      await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
      assert.equal(await page.getByText('Vui lòng chọn một mức').count(), 4, 'an unanswered criterion is named');
      for (const legend of ['Đánh giá chung', 'Sự thuận tiện khi thực hiện thủ tục', 'Thời gian giải quyết (đúng hẹn)']) await page.getByRole('group', { name: legend }).getByLabel('Rất hài lòng').check();
      await page.getByRole('group', { name: 'Thái độ, tinh thần phục vụ của cán bộ' }).getByLabel('Hài lòng', { exact: true }).check();
      await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await page.getByTestId('rating-done').waitFor();
      await screenshot(page, 'account-375-rating-sent');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });
});
