import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { ddmmyyyy, DEMO_PASSWORD, describeViolations, launch, openPage, pageErrors, PHONE, runAxe, screenshot, settled, signIn, tomorrowVn } from './browser.ts';

describe('back office', () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('a wrong password is refused with a clear message', async () => {
    const { context, page } = await openPage(browser);
    try {
      await signIn(page, 'qt.tuphap', 'not-the-password-1');
      const alert = page.getByTestId('login-error');
      await alert.waitFor();
      assert.match(await alert.innerText(), /Sai tên đăng nhập hoặc mật khẩu/);
      assert.match(page.url(), /\/mot-cua\/dang-nhap/);
    } finally {
      await context.close();
    }
  });

  test('an officer signs in, opens a procedure, creates a new version, edits it, publishes it from tomorrow and sees it as published version N+1 with its effective date', async () => {
    const { context, page } = await openPage(browser);
    try {
      await signIn(page, 'quantri', DEMO_PASSWORD);
      await page.getByRole('heading', { level: 1, name: /Xin chào, Nguyễn Văn Quản/ }).waitFor();
      assert.match(await page.getByTestId('bo-user').innerText(), /Quản trị hệ thống/);
      await screenshot(page, 'test2-dashboard');

      await page.getByRole('menuitem', { name: 'Thủ tục hành chính' }).click();
      await page.getByRole('heading', { level: 1, name: 'Quản trị danh mục thủ tục' }).waitFor();
      await page.getByLabel('Từ khóa').fill('dang ky khai tu');
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await page.getByRole('link', { name: /^Thủ tục đăng ký khai tử$/ }).click();
      await page.waitForURL(/\/mot-cua\/thu-tuc\/1\.000656$/);
      const table = page.getByTestId('versions-table');
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      await settled(page);
      const versionsBefore = (await table.locator('tbody tr.ant-table-row td:first-child').allInnerTexts()).map(Number);
      const n = Math.max(...versionsBefore);
      await screenshot(page, 'test2-procedure-admin');

      await page.getByRole('button', { name: 'Tạo phiên bản mới' }).click();
      await page.getByRole('heading', { level: 2, name: `Sửa bản nháp phiên bản ${n + 1}` }).waitFor();
      const newName = `Thủ tục đăng ký khai tử (phiên bản ${n + 1})`;
      await page.getByLabel('Tên thủ tục').fill(newName);
      const steps = page.getByLabel('Trình tự thực hiện');
      await steps.fill(`${await steps.inputValue()}\nBước bổ sung: kiểm tra lại thông tin trước khi trả kết quả.`);
      await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      await page.getByText('Đã lưu bản nháp').waitFor();
      await screenshot(page, 'test2-draft-saved');

      await page.getByRole('button', { name: `Công bố phiên bản ${n + 1}` }).click();
      const dialog = page.getByRole('dialog', { name: `Công bố phiên bản ${n + 1}` });
      await dialog.waitFor();
      const tomorrow = tomorrowVn();
      assert.equal(await dialog.getByLabel('Hiệu lực từ ngày').inputValue(), ddmmyyyy(tomorrow), 'the date defaults to tomorrow (Asia/Ho_Chi_Minh)');
      await screenshot(page, 'test2-publish-dialog', false);
      await dialog.getByRole('button', { name: 'Công bố' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const row = table.locator('tbody tr.ant-table-row').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${n + 1}$`) }) });
      await row.getByText('Đã công bố').waitFor();
      assert.match(await row.innerText(), new RegExp(ddmmyyyy(tomorrow).replace(/\//g, '\\/')));
      await page.getByRole('heading', { level: 1, name: newName }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Tạo phiên bản mới' }).isEnabled(), true);
      await screenshot(page, 'test2-published');

      // The API agrees: version N+1 published from tomorrow, version N ends today.
      const r = await page.request.get(`/api/v1/admin/procedures/1.000656`);
      const body = (await r.json()) as { versions: { version: number; status: string; effectiveFrom: string | null; effectiveTo: string | null; content: { name: string } }[] };
      const v = body.versions.find((x) => x.version === n + 1)!;
      assert.equal(v.status, 'published');
      assert.equal(v.effectiveFrom, tomorrow);
      assert.equal(v.content.name, newName);
      assert.equal(body.versions.find((x) => x.version === n)?.effectiveTo, new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10));
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('a first sign-in forces a password change before anything else', async () => {
    const { context, page } = await openPage(browser);
    try {
      await signIn(page, 'canbo.moi', DEMO_PASSWORD);
      await page.waitForURL(/\/mot-cua\/doi-mat-khau$/);
      await page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu lần đầu' }).waitFor();
      assert.equal(await page.getByRole('navigation', { name: 'Chức năng' }).count(), 0, 'no menu while the password must change');
      await screenshot(page, 'test3-forced-change');

      // Nowhere else: every back-office address comes back here.
      for (const path of ['/mot-cua', '/mot-cua/thu-tuc', '/mot-cua/nguoi-dung']) {
        await page.goto(path);
        await page.waitForURL(/\/mot-cua\/doi-mat-khau$/);
      }
      // The API refuses too.
      assert.equal((await page.request.get('/api/v1/admin/procedures')).status(), 403);

      // The server's field error lands next to its field.
      await page.getByLabel('Mật khẩu hiện tại').fill('SaiMatKhau123');
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Ngay-moi-2026-an-toan');
      await page.getByLabel('Nhập lại mật khẩu mới').fill('Ngay-moi-2026-an-toan');
      await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      await page.locator('.ant-form-item-explain-error', { hasText: 'Mật khẩu hiện tại không đúng' }).waitFor();

      // The rules are checked in the browser as well.
      await page.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill('canbo.moi-2026x');
      await page.getByLabel('Nhập lại mật khẩu mới').fill('canbo.moi-2026x');
      await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      await page.getByText('Không được chứa tên đăng nhập').waitFor();

      await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Ngay-moi-2026-an-toan');
      await page.getByLabel('Nhập lại mật khẩu mới').fill('Ngay-moi-2026-an-toan');
      await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
      await page.waitForURL(/\/mot-cua$/);
      await page.getByRole('heading', { level: 1, name: /Xin chào, Đỗ Thị Mới/ }).waitFor();

      // Signing in again with the new password goes straight in.
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.waitForURL(/\/mot-cua\/dang-nhap/);
      await page.getByLabel('Tên đăng nhập').fill('canbo.moi');
      await page.getByLabel('Mật khẩu', { exact: true }).fill('Ngay-moi-2026-an-toan');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('heading', { level: 1, name: /Xin chào, Đỗ Thị Mới/ }).waitFor();
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('the session survives a reload, and the back office pages have no serious accessibility violation', async () => {
    const { context, page } = await openPage(browser, { bypassCSP: true });
    try {
      await signIn(page, 'quantri', DEMO_PASSWORD);
      await page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
      for (const [name, path, h1] of [
        ['bo-procedures', '/mot-cua/thu-tuc', 'Quản trị danh mục thủ tục'],
        ['bo-agencies', '/mot-cua/co-quan?code=000.00.00.H99', 'Cơ quan, đơn vị'],
        ['bo-users', '/mot-cua/nguoi-dung', 'Tài khoản cán bộ'],
        ['bo-procedure', '/mot-cua/thu-tuc/1.001193', 'Thủ tục đăng ký khai sinh'],
        ['bo-calendar', '/mot-cua/lich-lam-viec', 'Lịch làm việc'],
      ] as const) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: h1 }).waitFor();
        await settled(page);
        await screenshot(page, name);
        const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(violations, [], `${name}:\n${describeViolations(violations)}`);
      }
      await page.setViewportSize(PHONE);
      await page.goto('/mot-cua/thu-tuc');
      await page.getByRole('heading', { level: 1, name: 'Quản trị danh mục thủ tục' }).waitFor();
      await settled(page);
      await screenshot(page, 'bo-procedures-phone');
    } finally {
      await context.close();
    }
  });
});
