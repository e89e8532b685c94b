import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { describeViolations, horizontalOverflow, launch, openPage, pageErrors, PHONE, runAxe, screenshot, settled } from './browser.ts';

describe('dossier lookup (tra cứu hồ sơ)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('a malformed code is refused in the browser; an unknown code says it was not found', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/tra-cuu');
      await page.getByRole('textbox', { name: 'Mã hồ sơ' }).fill('HS-123');
      await page.getByRole('button', { name: 'Tìm kiếm' }).first().click();
      assert.match(await page.getByRole('alert').first().innerText(), /không đúng định dạng/);
      assert.equal(new URL(page.url()).pathname, '/tra-cuu', 'nothing was asked of the server');
      await page.getByRole('textbox', { name: 'Mã hồ sơ' }).fill('000.00.31.h99-990101-0001');
      await page.getByRole('button', { name: 'Tìm kiếm' }).first().click();
      await page.waitForURL(/\/tra-cuu\/000\.00\.31\.H99-990101-0001$/);
      await page.getByText('Không tìm thấy hồ sơ mã 000.00.31.H99-990101-0001.').waitFor();
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('the QR target /tra-cuu/<code> shows the public fields of the dossier only, with what must be supplied', async () => {
    const { context, page } = await openPage(browser);
    try {
      const code = '000.00.31.H99-261123-0007';
      // The answer of GET /api/v1/lookup/{code} (its shape is tested against the server in dossiers.db.test.ts).
      await page.route(`**/api/v1/lookup/${encodeURIComponent(code)}`, (route) =>
        route.fulfill({
          json: {
            code,
            receivingAgency: 'Ủy ban nhân dân phường Buôn Ma Thuột',
            processingDepartment: 'Công chức Tư pháp - Hộ tịch',
            organisationName: null,
            applicantName: 'Nguyễn Thị Hương',
            receivedAt: '2026-11-23T09:15:00+07:00',
            appointment: '2026-11-24T13:00:00+07:00',
            status: { vi: 'Chờ bổ sung hồ sơ', en: 'Awaiting supplement' },
            missing: ['Bản sao giấy chứng sinh rõ nét'],
          },
        }),
      );
      await page.goto(`/tra-cuu/${code}`);
      const card = page.getByRole('article', { name: `Mã hồ sơ ${code}` });
      await card.waitFor();
      const text = await card.innerText();
      for (const s of ['Chờ bổ sung hồ sơ', 'Nguyễn Thị Hương', 'Ủy ban nhân dân phường Buôn Ma Thuột', 'Công chức Tư pháp - Hộ tịch', '23/11/2026', '24/11/2026', 'Bản sao giấy chứng sinh rõ nét']) {
        assert.ok(text.includes(s), `shows ${s}`);
      }
      await screenshot(page, 'lookup-found');
    } finally {
      await context.close();
    }
  });

  test('a search by ID number and name shows the server’s field error under the field, and says when nothing matches both', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/tra-cuu');
      await page.getByRole('textbox', { name: 'Số định danh cá nhân' }).fill('12345');
      await page.getByRole('textbox', { name: 'Họ, chữ đệm và tên' }).fill('Nguyễn Thị Hương');
      await page.getByRole('button', { name: 'Tìm kiếm' }).nth(1).click();
      const idField = page.getByRole('textbox', { name: 'Số định danh cá nhân' });
      await page.locator('#lk-id-err').waitFor();
      assert.equal(await idField.getAttribute('aria-invalid'), 'true');
      assert.match(await page.locator('#lk-id-err').innerText(), /định dạng/);
      await idField.fill('066190009999');
      await page.getByRole('button', { name: 'Tìm kiếm' }).nth(1).click();
      await page.getByText('Không có hồ sơ nào khớp cả số định danh và họ tên.').waitFor();
    } finally {
      await context.close();
    }
  });

  test('the lookup page passes axe-core with no serious or critical violation and has no horizontal scroll at 375 px', async () => {
    for (const viewport of [undefined, PHONE]) {
      const { context, page } = await openPage(browser, { bypassCSP: true, ...(viewport ? { viewport } : {}) });
      try {
        await page.goto('/tra-cuu/000.00.31.H99-990101-0001');
        await page.getByText(/Không tìm thấy hồ sơ/).waitFor();
        await settled(page);
        const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.equal(violations.length, 0, describeViolations(violations));
        assert.equal(await page.locator('h1').count(), 1);
        if (viewport) {
          const o = await horizontalOverflow(page);
          assert.ok(o.scrollWidth <= o.clientWidth, `${o.scrollWidth} > ${o.clientWidth}`);
          await screenshot(page, 'lookup-phone');
        }
      } finally {
        await context.close();
      }
    }
  });
});
