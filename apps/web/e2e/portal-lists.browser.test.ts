/**
 * The portal's lists as a citizen sees them: the lookup card's QR (SPEC §12), "my dossiers" paged
 * by the server, and the document store's checks before upload and its inline view.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import jsQR from 'jsqr';
import { BASE_URL, DEMO_PASSWORD, describeViolations, horizontalOverflow, launch, openPage, pageErrors, PHONE, runAxe, screenshot, settled } from './browser.ts';
import { minimalPdf } from './citizen-helpers.ts';

/** The demo province's verified citizen (apps/server/src/seed/demo.ts). */
const CITIZEN = { login: 'congdan@demo.daklak.gov.vn', password: DEMO_PASSWORD };

async function signedIn(page: Page): Promise<void> {
  const r = await page.request.post('/api/v1/auth/citizen-login', { data: { username: CITIZEN.login, password: CITIZEN.password } });
  assert.equal(r.status(), 200, await r.text());
}

async function axeClean(page: Page): Promise<void> {
  await settled(page);
  const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(violations.length, 0, describeViolations(violations));
  assert.equal(await page.locator('h1').count(), 1);
}

/** Chooses an option of the open Ant Design select (the visible list, not the screen reader's copy). */
const pick = (page: Page, text: string) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();

describe('portal lists: lookup QR, my dossiers paging, document store', () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('the lookup card shows the code’s QR, which decodes to this portal’s /tra-cuu/<code> [SPEC §12]', async () => {
    for (const viewport of [undefined, PHONE]) {
      const { context, page } = await openPage(browser, { bypassCSP: true, ...(viewport ? { viewport } : {}) });
      try {
        const code = '000.00.31.H99-261123-0008';
        // The answer of GET /api/v1/lookup/{code} (its shape is tested against the server in dossiers.db.test.ts).
        await page.route(`**/api/v1/lookup/${encodeURIComponent(code)}`, (route) =>
          route.fulfill({
            json: { code, receivingAgency: 'Ủy ban nhân dân phường Buôn Ma Thuột', processingDepartment: null, organisationName: null, applicantName: 'Nguyễn Thị Hương', receivedAt: '2026-11-23T09:15:00+07:00', appointment: '2026-11-24T13:00:00+07:00', status: { vi: 'Đang giải quyết', en: 'In progress' } },
          }),
        );
        await page.goto(`/tra-cuu/${code}`);
        const qr = page.getByRole('img', { name: `Mã QR tra cứu hồ sơ ${code}` });
        await qr.waitFor();
        // Read on a white sheet with a quiet zone around it, as a phone camera sees the screen.
        const pixels = await qr.evaluate((c: HTMLCanvasElement) => {
          const sheet = document.createElement('canvas');
          sheet.width = c.width + 64;
          sheet.height = c.height + 64;
          const g = sheet.getContext('2d')!;
          g.fillStyle = '#fff';
          g.fillRect(0, 0, sheet.width, sheet.height);
          g.drawImage(c, 32, 32);
          const d = g.getImageData(0, 0, sheet.width, sheet.height);
          return { data: Array.from(d.data), width: d.width, height: d.height };
        });
        const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
        assert.equal(decoded?.data, `${BASE_URL}/tra-cuu/${code}`);
        await axeClean(page);
        if (viewport) {
          const o = await horizontalOverflow(page);
          assert.ok(o.scrollWidth <= o.clientWidth, `${o.scrollWidth} > ${o.clientWidth}`);
          await screenshot(page, 'lookup-qr-phone');
        }
        assert.deepEqual(pageErrors(page), []);
      } finally {
        await context.close();
      }
    }
  });

  test('my dossiers asks the server for one page at a time; the pager turns pages and changes their size', async () => {
    for (const viewport of [undefined, PHONE]) {
      const { context, page } = await openPage(browser, { bypassCSP: true, ...(viewport ? { viewport } : {}) });
      try {
        await signedIn(page);
        // 45 dossiers, served page by page as GET /api/v1/me/dossiers does (its paging is tested in portal-api.db.test.ts).
        const asked: URLSearchParams[] = [];
        await page.route('**/api/v1/me/dossiers?*', (route) => {
          const q = new URL(route.request().url()).searchParams;
          asked.push(q);
          const page = Number(q.get('page')), size = Number(q.get('pageSize'));
          const items = Array.from({ length: 45 }, (_, i) => i)
            .slice((page - 1) * size, page * size)
            .map((i) => ({
              id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
              code: `000.00.31.H99-261123-${String(i + 1).padStart(4, '0')}`,
              procedure: { code: '1.001193', name: `Đăng ký khai sinh số ${i + 1}` },
              publicStatus: { vi: 'Đang giải quyết', en: 'In progress' },
              submittedAt: '2026-11-23T09:15:00+07:00',
              appointment: null,
            }));
          return route.fulfill({ json: { items, total: 45 } });
        });
        await page.goto('/ca-nhan/ho-so');
        await page.getByRole('link', { name: 'Đăng ký khai sinh số 1', exact: true }).waitFor();
        assert.deepEqual([asked.at(-1)!.get('page'), asked.at(-1)!.get('pageSize'), asked.at(-1)!.get('sort')], ['1', '20', 'received']);
        assert.equal(await page.getByRole('link', { name: /^Đăng ký khai sinh số \d+$/ }).count(), 20, 'one page is shown');
        await page.locator('.ant-pagination-item-3').click();
        await page.getByRole('link', { name: 'Đăng ký khai sinh số 41', exact: true }).waitFor();
        assert.equal(asked.at(-1)!.get('page'), '3');
        assert.equal(await page.getByRole('link', { name: /^Đăng ký khai sinh số \d+$/ }).count(), 5);
        await page.getByText('Tổng số 45 hồ sơ').waitFor();
        if (!viewport) {
          // A new page size starts again at page 1.
          await page.locator('.ant-pagination-options .ant-select').click();
          await pick(page, '50');
          await page.getByRole('link', { name: 'Đăng ký khai sinh số 45', exact: true }).waitFor();
          assert.deepEqual([asked.at(-1)!.get('page'), asked.at(-1)!.get('pageSize')], ['1', '50']);
        }
        // The order is the server's: choosing one asks again from page 1.
        await page.locator('.sort-control .ant-select').click();
        await pick(page, 'Ngày hẹn trả gần nhất');
        await page.getByRole('link', { name: 'Đăng ký khai sinh số 1', exact: true }).waitFor();
        assert.deepEqual([asked.at(-1)!.get('sort'), asked.at(-1)!.get('page')], ['appointment', '1']);
        await axeClean(page);
        if (viewport) {
          const o = await horizontalOverflow(page);
          assert.ok(o.scrollWidth <= o.clientWidth, `${o.scrollWidth} > ${o.clientWidth}`);
          await screenshot(page, 'my-dossiers-paged-phone');
        }
        assert.deepEqual(pageErrors(page), []);
      } finally {
        await context.close();
      }
    }
  });

  test('the store refuses a wrong type and an oversized file before sending them, uploads a PDF with progress, and views it inline', async () => {
    const { context, page } = await openPage(browser, { bypassCSP: true, viewport: PHONE });
    try {
      await signedIn(page);
      const uploads: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/files') uploads.push(r.url());
      });
      // The server's limits with a 1 MB maximum, so that an oversized file is cheap to make here.
      const real = (await (await page.request.get('/api/v1/files/limits')).json()) as { maxBytes: number };
      const limits = { ...real, maxBytes: 1024 * 1024 };
      await page.route('**/api/v1/files/limits', (route) => route.fulfill({ json: limits }));
      const mb = '1 MB';
      await page.goto('/ca-nhan/kho-du-lieu');
      await page.getByRole('heading', { level: 1, name: 'Kho dữ liệu của tôi' }).waitFor();
      await page.getByText(`Tối đa ${mb} một tệp`).waitFor();

      await page.getByTestId('store-file').setInputFiles({ name: 'macro.docm', mimeType: 'application/vnd.ms-word.document.macroEnabled.12', buffer: Buffer.from('PK') });
      await page.getByRole('alert').filter({ hasText: 'macro.docm' }).waitFor();
      await page.getByTestId('store-file').setInputFiles({ name: 'qua-lon.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(limits.maxBytes + 1, 0x20) });
      await page.getByRole('alert').filter({ hasText: `lớn hơn ${mb}` }).waitFor();
      await page.getByRole('button', { name: 'Tải giấy tờ lên' }).click();
      await page.getByRole('alert').filter({ hasText: `lớn hơn ${mb}` }).waitFor();
      assert.deepEqual(uploads, [], 'nothing was sent');

      const title = `Sổ hộ khẩu ${Date.now()}`;
      await page.getByTestId('store-file').setInputFiles({ name: 'so-ho-khau.pdf', mimeType: 'application/pdf', buffer: minimalPdf('So ho khau') });
      await page.getByLabel('Tên giấy tờ (không bắt buộc)').fill(title);
      await page.getByRole('button', { name: 'Tải giấy tờ lên' }).click();
      await page.getByTestId('store-list').getByText(title).waitFor();
      assert.equal(uploads.length, 1);
      const view = page.getByRole('link', { name: `Xem ${title} (mở trong thẻ mới)` });
      assert.equal(await view.getAttribute('target'), '_blank');
      const res = await page.request.get((await view.getAttribute('href'))!);
      assert.equal(res.status(), 200);
      assert.equal(res.headers()['content-type'], 'application/pdf');
      assert.match(res.headers()['content-disposition'] ?? '', /^inline;/);
      await axeClean(page);
      const o = await horizontalOverflow(page);
      assert.ok(o.scrollWidth <= o.clientWidth, `${o.scrollWidth} > ${o.clientWidth}`);
      await screenshot(page, 'store-view-phone');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });
});
