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

// The same period grouped by channel: new receipts direct 7, online 5, postal 2.
const BY_CHANNEL = {
  ...REPORT,
  groupBy: 'channel',
  rows: [
    { key: 'direct', label: 'direct', figures: figures(8, 1, 1, 0, 0) },
    { key: 'online', label: 'online', figures: figures(6, 1, 1, 1, 1) },
    { key: 'postal', label: 'postal', figures: figures(3, 1, 0, 1, 0) },
  ],
};
const OVERDUE = {
  asOf: '2026-12-07T08:00:00+07:00',
  total: 3,
  items: [
    { agencyCode: '000.00.31.H99', agencyName: 'Sở Tư pháp', departmentCode: 'HCTP', departmentName: 'Phòng Hành chính tư pháp', departmentNameEn: null, overdue: 2 },
    { agencyCode: '000.00.31.H99', agencyName: 'Sở Tư pháp', departmentCode: null, departmentName: null, departmentNameEn: null, overdue: 1 },
  ],
};
const CHARTS = ['Tỷ lệ giải quyết đúng hạn theo Cơ quan', 'Cơ cấu hồ sơ mới tiếp nhận trong kỳ theo hình thức tiếp nhận', 'Xu hướng theo tháng', 'Hồ sơ đang quá hạn theo phòng, ban (hiện tại)'];

const KEPT = {
  total: 2,
  items: [
    { id: '6f0c1d2e-0000-4000-8000-000000000001', kind: 'quarter', key: '2026-Q1', scopeCode: '000.00.31.H99', scopeName: 'Sở Tư pháp', from: '2026-01-01', to: '2026-04-01', generatedAt: '2026-04-01T00:00:05+07:00', received: 15, resolved: 8, onTimeRate: 5 / 8 },
    { id: '6f0c1d2e-0000-4000-8000-000000000002', kind: 'year', key: '2025', scopeCode: '000.00.31.H99', scopeName: 'Sở Tư pháp', from: '2025-01-01', to: '2026-01-01', generatedAt: '2026-01-01T00:00:04+07:00', received: 3, resolved: 1, onTimeRate: 1 },
  ],
};
const score = (total: number, cls: string | null) => ({ indices: [], total, max: 180, dossiers: 12, class: cls });
const serviceIndex = (tenths: number | null) => ({ indicators: [], groups: [], tenths: tenths ?? 0, measuredPoints: 60, normalisedTenths: tenths, class: null });
const EVALUATION = {
  period: '2026',
  asOf: '2026-12-07T08:00:00+07:00',
  agencies: [
    { agencyCode: '000.00.31.H99', agencyName: 'Sở Tư pháp', score: score(155, 'excellent'), serviceIndex: serviceIndex(812) },
    { agencyCode: '000.00.32.H99', agencyName: 'Sở Xây dựng', score: score(95, 'fair'), serviceIndex: serviceIndex(null) },
  ],
};

async function routeApi(page: Page): Promise<string[]> {
  const asked: string[] = [];
  await page.route('**/api/v1/statistics/reports?*', (route) => {
    asked.push(route.request().url());
    return route.fulfill({ json: KEPT });
  });
  await page.route('**/api/v1/statistics?*', (route) => {
    asked.push(route.request().url());
    return route.fulfill({ json: new URL(route.request().url()).searchParams.get('groupBy') === 'channel' ? BY_CHANNEL : REPORT });
  });
  await page.route('**/api/v1/statistics/overdue-by-department', (route) => {
    asked.push(route.request().url());
    return route.fulfill({ json: OVERDUE });
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
    } finally {
      await context.close();
    }
  });

  test('the dashboard charts are named figures with written values and a data table, and the PDF export sits beside the Excel one', async () => {
    const { context, page } = await openPage(browser);
    try {
      const asked = await routeApi(page);
      await signIn(page, 'ld.tuphap');
      await page.waitForURL((u) => !u.pathname.includes('dang-nhap'));
      await page.goto('/mot-cua/thong-ke?from=2026-01-01&to=2026-01-31&groupBy=agency');
      const pdf = page.getByRole('link', { name: /Xuất PDF/ });
      assert.match((await pdf.getAttribute('href'))!, /^\/api\/v1\/statistics\/export\.pdf\?from=2026-01-01&to=2026-02-01&groupBy=agency$/);
      for (const name of CHARTS) await page.getByRole('figure', { name, exact: true }).waitFor();
      assert.equal(await page.getByRole('figure').count(), CHARTS.length, 'every chart is a figure with its own name');
      // Channel mix: written counts and shares, and a one-line text alternative.
      const mix = page.getByRole('figure', { name: CHARTS[1] });
      await mix.getByText('Tổng 14 hồ sơ mới tiếp nhận: Trực tiếp 7 (50 %); Trực tuyến 5 (35,71 %); Qua bưu chính 2 (14,29 %).').waitFor();
      await mix.getByRole('listitem').filter({ hasText: 'Trực tuyến: 5 (35,71 %)' }).waitFor();
      assert.ok(asked.some((u) => u.includes('groupBy=channel') && u.includes('to=2026-02-01')), 'the channel mix reads the same period grouped by channel');
      // Its data table, on demand.
      await mix.getByText('Xem số liệu dạng bảng').click();
      const table = mix.getByRole('table', { name: `Bảng số liệu của biểu đồ: ${CHARTS[1]}` });
      await table.getByRole('row', { name: 'Qua bưu chính 2 14,29 %' }).waitFor();
      // Overdue by department now: each department with its count, the one without a department named as such.
      const overdue = page.getByRole('figure', { name: CHARTS[3] });
      await overdue.getByRole('listitem').filter({ hasText: 'Phòng Hành chính tư pháp' }).filter({ hasText: '2' }).waitFor();
      await overdue.getByRole('listitem').filter({ hasText: 'Chưa giao phòng, ban' }).waitFor();
      await overdue.getByText(/^Tổng 3 hồ sơ đang quá hạn tính đến/).waitFor();
      // The trend chart's table carries the month's figures.
      const trend = page.getByRole('figure', { name: CHARTS[2] });
      await trend.getByText('Xem số liệu dạng bảng').click();
      await trend.getByRole('row', { name: '2026-01 12 7 71,43 %' }).waitFor();
      assert.deepEqual(pageErrors(page), []);
      await screenshot(page, 'statistics-backoffice');
    } finally {
      await context.close();
    }
  });

  test('the kept periodic reports are listed with their Excel and PDF copies', async () => {
    const { context, page } = await openPage(browser);
    try {
      const asked = await routeApi(page);
      await signIn(page, 'ld.tuphap');
      await page.waitForURL((u) => !u.pathname.includes('dang-nhap'));
      await page.goto('/mot-cua/thong-ke?from=2026-01-01&to=2026-01-31');
      await page.getByRole('heading', { level: 2, name: 'Báo cáo định kỳ đã lưu' }).waitFor();
      const table = page.getByRole('region', { name: 'Báo cáo định kỳ đã lưu' });
      await table.getByRole('rowheader', { name: 'Quý 1 năm 2026' }).waitFor();
      await table.getByRole('rowheader', { name: 'Năm 2025' }).waitFor();
      await table.getByRole('cell', { name: '01/01/2026 – 31/03/2026' }).waitFor();
      await table.getByRole('cell', { name: '62,5 %' }).waitFor();
      const pdf = page.getByRole('link', { name: 'Tải bản PDF của báo cáo Quý 1 năm 2026 — Sở Tư pháp' });
      assert.equal(await pdf.getAttribute('href'), `/api/v1/statistics/reports/${KEPT.items[0]!.id}/pdf`);
      const xlsx = page.getByRole('link', { name: 'Tải bản Excel của báo cáo Năm 2025 — Sở Tư pháp' });
      assert.equal(await xlsx.getAttribute('href'), `/api/v1/statistics/reports/${KEPT.items[1]!.id}/xlsx`);
      assert.ok(asked.some((u) => u.includes('/statistics/reports?')), 'the list is asked for the caller\'s scope');
      assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('the portal publishes the agencies’ evaluation scores and classes for a quarter or the year, in Vietnamese and English', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const { context, page } = await openPage(browser, { lang });
      try {
        const asked: string[] = [];
        await page.route('**/api/v1/public/evaluation?*', (route) => {
          asked.push(route.request().url());
          return route.fulfill({ json: EVALUATION });
        });
        await page.goto('/thong-ke?nam=2026');
        const title = lang === 'vi' ? 'Kết quả đánh giá việc giải quyết thủ tục hành chính' : 'Evaluation of administrative-procedure handling';
        await page.getByRole('heading', { level: 2, name: title }).waitFor();
        const table = page.getByRole('region', { name: lang === 'vi' ? 'Kết quả đánh giá theo cơ quan, Cả năm 2026' : 'Evaluation by agency, Whole year 2026' });
        await table.getByRole('rowheader', { name: 'Sở Tư pháp' }).waitFor();
        await table.getByRole('cell', { name: lang === 'vi' ? 'Xuất sắc' : 'Excellent' }).waitFor();
        await table.getByRole('cell', { name: lang === 'vi' ? '15,5' : '15.5' }).waitFor();
        await table.getByRole('columnheader', { name: lang === 'vi' ? 'Tổng điểm (tối đa 18)' : 'Total score (out of 18)' }).waitFor();
        assert.ok(asked.some((u) => u.includes('period=2026')), 'the whole year first');
        const periodLabel = lang === 'vi' ? 'Kỳ đánh giá' : 'Evaluation period';
        assert.equal(await page.getByRole('combobox', { name: periodLabel }).count(), 1, 'the period picker is labelled');
        await page.locator('label', { hasText: periodLabel }).locator('.ant-select').click();
        const quarter = page.waitForRequest((r) => r.url().includes('/public/evaluation?period=2026-Q1'));
        await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: lang === 'vi' ? 'Quý 1 năm 2026' : 'Q1 2026' }).first().click();
        await quarter;
        await page.getByRole('region', { name: lang === 'vi' ? 'Kết quả đánh giá theo cơ quan, Quý 1 năm 2026' : 'Evaluation by agency, Q1 2026' }).waitFor();
        assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
        assert.deepEqual(pageErrors(page), []);
      } finally {
        await context.close();
      }
    }
  });

  test('the portal shows each online service’s satisfaction per criterion, and says when a service has too few ratings to publish', async () => {
    const { context, page } = await openPage(browser);
    try {
      const pub = (received: number, resolved: number) => ({ received, resolved, early: 0, onTime: resolved, late: 0, inProgress: received - resolved, overdue: 0, resolutionRate: resolved / received, onTimeRate: 1 });
      await page.route('**/api/v1/public/statistics?*', (route) =>
        route.fulfill({
          json: {
            year: 2026, from: '2026-01-01', to: '2026-12-08', province: pub(20, 10), agencies: [{ code: '000.00.31.H99', name: 'Sở Tư pháp', figures: pub(20, 10) }],
            onlineServices: [
              { procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', onlineReceived: 12, onlineResolved: 8, onlineOnTimeRate: 0.875, totalReceived: 20, satisfaction: { ratings: 8, criteria: [{ criterion: 'overall', satisfiedRate: 0.875 }, { criterion: 'convenience', satisfiedRate: 1 }, { criterion: 'timeliness', satisfiedRate: 0.75 }, { criterion: 'attitude', satisfiedRate: 1 }] } },
              { procedureCode: '1.000894', procedureName: 'Đăng ký kết hôn', onlineReceived: 3, onlineResolved: 2, onlineOnTimeRate: 1, totalReceived: 4, satisfaction: null },
            ],
          },
        }),
      );
      await page.goto('/thong-ke?nam=2026');
      const table = page.getByRole('region', { name: 'Dịch vụ công trực tuyến' });
      await table.getByRole('columnheader', { name: '% hài lòng trở lên: Thời gian giải quyết' }).waitFor();
      await table.getByRole('row', { name: 'Đăng ký khai sinh 12 8 87,5 % 20 8 87,5 % 100 % 75 % 100 %' }).waitFor();
      await table.getByRole('row', { name: 'Đăng ký kết hôn 3 2 100 % 4 dưới 5 lượt, không công bố – – – –' }).waitFor();
      assert.deepEqual(pageErrors(page), []);
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
        for (const name of CHARTS) await page.getByRole('figure', { name, exact: true }).waitFor();
        await page.getByRole('figure', { name: CHARTS[3] }).getByText('Xem số liệu dạng bảng').click();
        if (viewport) {
          // The charts stay inside the phone's width (the wide figures table scrolls in its own region).
          for (const box of await page.getByRole('figure').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right))) assert.ok(box <= PHONE.width + 1, `a chart ends at ${box}px`);
        }
        await settled(page);
        let violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.equal(violations.length, 0, describeViolations(violations));
        await page.getByRole('heading', { level: 2, name: 'Báo cáo định kỳ đã lưu' }).waitFor();
        await page.goto('/thong-ke');
        await page.getByRole('heading', { level: 1, name: 'Tình hình giải quyết thủ tục hành chính' }).waitFor();
        await page.getByRole('heading', { name: 'Toàn tỉnh' }).waitFor();
        // The evaluation results of the real server (demo province, this year).
        await page.getByRole('heading', { level: 2, name: 'Kết quả đánh giá việc giải quyết thủ tục hành chính' }).waitFor();
        await page.getByText(/Số liệu tính đến/).waitFor();
        assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
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
