import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { describeViolations, horizontalOverflow, launch, openPage, pageErrors, PHONE, runAxe, screenshot, settled } from './browser.ts';

describe('public portal', () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('a visitor searches "dang ky khai sinh" without diacritics on the home page and opens the procedure: time limit, fees, components and legal basis are shown', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/');
      await page.getByRole('textbox', { name: 'Tên hoặc mã thủ tục' }).fill('dang ky khai sinh');
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await page.waitForURL(/\/thu-tuc\?q=dang/);
      const link = page.getByRole('link', { name: /^(Thủ tục )?đăng ký khai sinh$/i });
      await link.first().waitFor();
      await screenshot(page, 'test1-search-results');
      await link.first().click();
      await page.waitForURL(/\/thu-tuc\/1\.001193$/);
      await page.getByRole('heading', { level: 1, name: /đăng ký khai sinh/i }).waitFor();
      await settled(page);

      for (const section of ['Thông tin chung', 'Phí, lệ phí', 'Căn cứ pháp lý', 'Trình tự thực hiện', 'Thành phần hồ sơ']) {
        assert.ok(await page.getByRole('heading', { level: 2, name: section }).isVisible(), `section ${section}`);
      }
      const body = await page.locator('main').innerText();
      assert.match(body, /Thời hạn giải quyết/);
      assert.match(body, /Trả ngay|ngày làm việc|giờ làm việc/);
      assert.match(body, /Luật Hộ tịch/, 'legal basis lists the Civil Status Law');
      assert.match(body, /Tờ khai đăng ký khai sinh/, 'components list the declaration form');
      assert.match(body, /Bản chính: \d+ · Bản sao: \d+/);
      assert.match(body, /Mức thu/);
      const download = page.getByRole('link', { name: /Tải mẫu: Tờ khai đăng ký khai sinh/ }).first();
      assert.match((await download.getAttribute('href')) ?? '', /^\/api\/v1\/procedures\/1\.001193\/templates\/[^/]+\/[^/]+$/);
      assert.equal(await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến', exact: true }).getAttribute('href'), '/nop-ho-so/1.001193', 'the procedure takes online applications: the button opens the wizard');
      assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');
      assert.deepEqual(pageErrors(page), []);
      await screenshot(page, 'test1-procedure');
    } finally {
      await context.close();
    }
  });

  test('the e-form preview renders read-only under the strict content security policy', async () => {
    const { context, page } = await openPage(browser);
    const console: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') console.push(m.text());
    });
    try {
      await page.goto('/thu-tuc/1.001193');
      const show = page.getByRole('button', { name: 'Xem biểu mẫu điện tử' }).first();
      await show.click();
      const region = page.getByRole('region', { name: /Biểu mẫu điện tử/ }).first();
      await region.locator('input, textarea, select').first().waitFor();
      assert.ok((await region.locator('input, textarea, select').count()) > 0);
      await screenshot(page, 'test-eform-preview');
      assert.deepEqual(
        console.filter((c) => /Content Security Policy|unsafe-eval/.test(c)),
        [],
      );
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('the portal home loads neither the back office nor the e-form renderer', async () => {
    const { context, page } = await openPage(browser);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    try {
      await page.goto('/');
      await settled(page);
      assert.ok(scripts.length > 0);
      assert.deepEqual(
        scripts.filter((s) => /BackOffice|EFormPreview|LoginPage|ProcedureEditor/.test(s)),
        [],
        `home loaded: ${scripts.join(', ')}`,
      );
    } finally {
      await context.close();
    }
  });

  test('the home, catalogue and a procedure page pass axe-core (WCAG 2.1 A/AA) with no serious or critical violation, and have no horizontal scroll at 375 px', async () => {
    const pages = [
      ['home', '/'],
      ['catalogue', '/thu-tuc'],
      ['procedure', '/thu-tuc/1.001193'],
    ] as const;
    for (const [name, url] of pages) {
      for (const viewport of ['desktop', 'phone'] as const) {
        const { context, page } = await openPage(browser, { bypassCSP: true, ...(viewport === 'phone' ? { viewport: PHONE } : {}) });
        try {
          await page.goto(url);
          await page.locator('h1').first().waitFor();
          await settled(page);
          await screenshot(page, `a11y-${name}-${viewport}`);
          const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
          assert.deepEqual(violations, [], `${name} (${viewport}):\n${describeViolations(violations)}`);
          assert.equal(await page.locator('h1').count(), 1, `${name}: exactly one h1`);
          assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
          for (const landmark of ['banner', 'navigation', 'main', 'contentinfo'] as const) {
            assert.ok((await page.getByRole(landmark).count()) >= 1, `${name}: ${landmark} landmark`);
          }
          if (viewport === 'phone') {
            const o = await horizontalOverflow(page);
            assert.ok(o.scrollWidth <= o.clientWidth, `${name} scrolls sideways at 375 px: ${o.scrollWidth} > ${o.clientWidth}`);
          }
        } finally {
          await context.close();
        }
      }
    }
  });

  test('a keyboard user can skip to the main content', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/thu-tuc');
      // React renders after the load event: Tab before that would start from an empty page.
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
      assert.ok(await skip.evaluate((el) => el === document.activeElement));
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    } finally {
      await context.close();
    }
  });

  test('the language switch turns the portal into English and back, and the choice persists', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'Tra cứu thủ tục hành chính' }).waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Find an administrative procedure' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      assert.ok(await page.getByRole('banner').getByRole('link', { name: 'Officer sign-in' }).isVisible());
      await screenshot(page, 'test5-english-home');

      // The choice persists across pages and reloads.
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Administrative procedures' }).click();
      await page.getByRole('heading', { level: 1, name: 'Catalogue of administrative procedures' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Catalogue of administrative procedures' }).waitFor();
      await page.getByText(/procedures found/).waitFor(); // the count arrives after the heading

      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.getByRole('heading', { level: 1, name: 'Danh mục thủ tục hành chính' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
      await page.getByText(/Tìm thấy \d+ thủ tục/).waitFor();
    } finally {
      await context.close();
    }
  });

  test('catalogue filters live in the URL, and an unknown page shows the 404 page', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/thu-tuc?onlineLevel=full');
      await page.getByText(/Tìm thấy \d+ thủ tục/).waitFor();
      const text = await page.getByText(/Tìm thấy \d+ thủ tục/).innerText();
      const full = Number(/\d+/.exec(text)?.[0]);
      await page.goto('/thu-tuc');
      await page.getByText(/Tìm thấy \d+ thủ tục/).waitFor();
      const all = Number(/\d+/.exec(await page.getByText(/Tìm thấy \d+ thủ tục/).innerText())?.[0]);
      assert.ok(full > 0 && full < all, `full-online ${full} of ${all}`);

      await page.goto('/khong-co-trang-nay');
      await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();

      await page.goto('/so-do-trang');
      await page.getByRole('heading', { level: 1, name: 'Sơ đồ trang' }).waitFor();
      await page.getByRole('link', { name: /đăng ký khai sinh$/i }).first().waitFor();
      assert.ok(await page.getByRole('main').getByRole('link', { name: /sitemap\.xml/ }).isVisible());
    } finally {
      await context.close();
    }
  });
});
