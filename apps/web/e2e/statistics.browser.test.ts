import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, horizontalOverflow, launch, openPage, pageErrors, PHONE, runAxe, screenshot, settled, signIn } from './browser.ts';

// Answers of the statistics API (their figures are tested against the server in statistics.db.test.ts).
const figures = (received: number, early: number, onTime: number, late: number, overdue: number) => {
  const resolved = early + onTime + late;
  const inProgress = received - resolved;
  return {
    received, carriedOver: 1, new: received - 1, resolved, early, onTime, late, refused: 0, withdrawn: 0, stopped: 0, awaitingSupplement: 0,
    inProgress, notDue: inProgress - overdue, overdue, postalReturned: 0, resolutionRate: received ? resolved / received : null, onTimeRate: resolved ? (early + onTime) / resolved : null,
  };
};
const REPORT = {
  from: '2026-01-01', to: '2026-02-01', groupBy: 'agency', agency: null,
  rows: [
    { key: '000.00.31.H99', label: 'Sở Tư pháp', figures: figures(12, 3, 2, 2, 2) },
    { key: '000.00.32.H99', label: 'Sở Xây dựng', figures: figures(2, 0, 0, 0, 1) },
  ],
  total: figures(14, 3, 2, 2, 3),
  trend: [{ month: '2026-01', received: 12, resolved: 7, onTimeRate: 5 / 7 }],
};

async function routeApi(page: Page): Promise<string[]> {
  const asked: string[] = [];
  await page.route('**/api/v1/statistics?*', (route) => {
    asked.push(route.request().url());
    return route.fulfill({ json: REPORT });
  });
  await page.route('**/api/v1/statistics/dossiers?*', (route) => {
    asked.push(route.request().url());
    return route.fulfill({
      json: { items: [{ id: 'a1', code: '000.00.31.H99-260105-0001', agencyCode: '000.00.31.H99', procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', channel: 'direct', receivedAt: '2026-01-05T08:00:00+07:00', endedAt: '2026-01-09T10:00:00+07:00', status: 'late' }], total: 1 },
    });
  });
  return asked;
}

describe('statistics pages (thống kê)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('a leader picks a period, reads the grouped table, and a figure opens the dossiers behind it', async () => {
    const { context, page } = await openPage(browser);
    try {
      const asked = await routeApi(page);
      await signIn(page, 'ld.tuphap');
      await page.waitForURL((u) => !u.pathname.includes('dang-nhap'));
      await page.goto('/mot-cua/thong-ke?from=2026-01-01&to=2026-01-31&groupBy=agency');
      await page.getByRole('heading', { level: 1, name: 'Thống kê tình hình giải quyết hồ sơ' }).waitFor();
      await page.getByRole('cell', { name: '71,43 %' }).first().waitFor();
      assert.ok(asked.some((u) => u.includes('from=2026-01-01') && u.includes('to=2026-02-01')), 'the inclusive end date is sent as the next day');
      const exportLink = page.getByRole('link', { name: /Xuất Excel/ });
      assert.match((await exportLink.getAttribute('href'))!, /\/api\/v1\/statistics\/export\.xlsx\?from=2026-01-01&to=2026-02-01&groupBy=agency/);
      await page.getByRole('link', { name: 'Quá hạn của Sở Tư pháp: 2 hồ sơ, xem danh sách', exact: true }).click();
      await page.getByRole('heading', { name: 'Hồ sơ: Quá hạn — Sở Tư pháp' }).waitFor();
      assert.ok(asked.some((u) => u.includes('/statistics/dossiers') && u.includes('bucket=late') && u.includes('key=000.00.31.H99')));
      await page.getByRole('cell', { name: '000.00.31.H99-260105-0001' }).waitFor();
      await page.getByRole('figure').filter({ hasText: 'Tỷ lệ giải quyết đúng hạn theo Cơ quan' }).waitFor();
      assert.deepEqual(pageErrors(page), []);
      await screenshot(page, 'statistics-backoffice');
    } finally {
      await context.close();
    }
  });

  test('the statistics pages pass axe-core with no serious or critical violation and fit 375 px', async () => {
    for (const viewport of [undefined, PHONE]) {
      const { context, page } = await openPage(browser, { bypassCSP: true, ...(viewport ? { viewport } : {}) });
      try {
        await routeApi(page);
        await signIn(page, 'ld.tuphap');
      await page.waitForURL((u) => !u.pathname.includes('dang-nhap'));
        await page.goto('/mot-cua/thong-ke?from=2026-01-01&to=2026-01-31');
        await page.getByRole('cell', { name: '71,43 %' }).first().waitFor();
        await settled(page);
        let violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.equal(violations.length, 0, describeViolations(violations));
        await page.goto('/thong-ke');
        await page.getByRole('heading', { level: 1, name: 'Tình hình giải quyết thủ tục hành chính' }).waitFor();
        await page.getByRole('heading', { name: 'Toàn tỉnh' }).waitFor();
        await settled(page);
        violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.equal(violations.length, 0, describeViolations(violations));
        if (viewport) {
          const o = await horizontalOverflow(page);
          assert.ok(o.scrollWidth <= o.clientWidth, `${o.scrollWidth} > ${o.clientWidth}`);
          await screenshot(page, 'statistics-portal-phone');
        }
      } finally {
        await context.close();
      }
    }
  });

  test('a specialist has no statistics page', async () => {
    const { context, page } = await openPage(browser);
    try {
      await signIn(page, 'cv.tuphap');
      await page.waitForURL((u) => !u.pathname.includes('dang-nhap'));
      await page.goto('/mot-cua/thong-ke');
      await page.getByRole('heading', { name: /quyền/i }).waitFor();
    } finally {
      await context.close();
    }
  });
});
