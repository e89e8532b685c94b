import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, horizontalOverflow, launch, openPage, pageErrors, PHONE, runAxe, screenshot, settled } from './browser.ts';
import { codeFromMail, minimalPdf } from './citizen-helpers.ts';

/**
 * Citizen accounts in the portal: registration with the e-mail code read from the test SMTP server
 * the suite runs (scripts/test.mjs passes its folder as MAIL_SINK_DIR), sign-in, profile, the
 * document store, sign-out; and every account page checked with axe-core at 375 px.
 */
const PASSWORD = 'Sông Hồng 2026';

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

      // The rating page, against a real returned dossier, is checked in journey.browser.test.ts.
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });
});
