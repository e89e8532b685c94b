import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, launch, openPage, pageErrors, runAxe, screenshot, settled, signIn } from './browser.ts';

/**
 * Postal reception [SPEC §5; 000 Art. 26] in the browser, against the demo province: the commune
 * desk (motcua.xa) records a dossier that reached it by post, and the postal operator's staff
 * (buudien, role postal over the province) enter a dossier on a citizen's behalf from the same page.
 */
const AGENCY = '000.00.31.H99';
const PROCEDURE = '1.001022';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n',
);

async function apiGet(page: Page, url: string): Promise<{ status: number; json: unknown }> {
  return page.evaluate(async (u) => {
    const r = await fetch(u);
    return { status: r.status, json: await r.json().catch(() => null) };
  }, url);
}

async function pick(page: Page, text: string): Promise<void> {
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();
}

async function axeClean(page: Page, what: string): Promise<void> {
  await settled(page);
  const serious = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(serious.length, 0, `${what}:\n${describeViolations(serious)}`);
}

/** Procedure, applicant and both scans: what every entry of this procedure needs. */
async function fillEntry(page: Page, name: string, idNumber: string): Promise<void> {
  await page.getByLabel('Thủ tục hành chính').fill(PROCEDURE);
  await pick(page, `${PROCEDURE} — `);
  await page.getByRole('group', { name: /Tờ khai/ }).first().waitFor();
  await page.getByRole('textbox', { name: 'Số định danh cá nhân (CCCD)' }).fill(idNumber);
  await page.getByLabel('Họ, chữ đệm và tên').fill(name);
  const inputs = page.locator('input[type=file]');
  await inputs.nth(0).setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
  await inputs.nth(1).setInputFiles({ name: 'chung-cu.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.locator('.ant-upload-list-item-done').nth(1).waitFor();
}

describe('postal reception (the desk records a dossier received by post; postal staff enter one)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('the desk chooses "by post" on the reception page and the dossier is recorded with channel postal', async () => {
    const { context, page } = await openPage(browser, { bypassCSP: true });
    try {
      await signIn(page, 'motcua.xa');
      await page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
      await page.goto('/mot-cua/tiep-nhan');
      await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
      const direct = page.getByRole('radio', { name: 'Trực tiếp' });
      assert.equal(await direct.isChecked(), true, 'direct by default');
      await page.getByRole('radio', { name: 'Bưu chính' }).check();
      await axeClean(page, 'reception page with the channel choice');
      await fillEntry(page, 'Lê Văn Thư', '066190009872');
      await page.getByRole('button', { name: 'Nhập hồ sơ' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kiểm tra và quyết định tiếp nhận' }).waitFor();
      const href = await page.getByRole('link', { name: 'Mở hồ sơ' }).getAttribute('href');
      const id = /([0-9a-f-]{36})$/.exec(href ?? '')?.[1];
      assert.ok(id, `the workspace link names the dossier: ${href}`);
      const view = (await apiGet(page, `/api/v1/dossiers/${id}`)).json as { channel: string; submitterKind: string };
      assert.deepEqual([view.channel, view.submitterKind], ['postal', 'desk']);
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('postal staff open the reception page from the menu, choose the agency, enter a dossier for a citizen and hand it to that desk', async () => {
    const { context, page } = await openPage(browser, { bypassCSP: true });
    try {
      await signIn(page, 'buudien');
      await page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
      await page.getByRole('menuitem', { name: 'Tiếp nhận hồ sơ' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
      assert.equal(await page.getByRole('radio', { name: 'Trực tiếp' }).count(), 0, 'postal staff choose no channel');
      assert.equal(await page.getByRole('button', { name: 'Tìm' }).count(), 0, "the desk's applicant look-up is not theirs");
      await page.getByText(/ghi nhận là hồ sơ qua bưu chính/).waitFor();
      await page.getByLabel('Cơ quan').fill(AGENCY);
      await pick(page, AGENCY);
      await axeClean(page, 'reception page for postal staff');
      await fillEntry(page, 'Trần Thị Bưu Gửi', '066190009873');
      await page.getByRole('button', { name: 'Nhập hồ sơ' }).click();
      await page.getByRole('heading', { level: 1, name: 'Đã gửi hồ sơ' }).waitFor();
      await screenshot(page, 'postal-sent');
      assert.equal(await page.getByRole('link', { name: 'Mở hồ sơ' }).count(), 0, 'no workspace for postal staff');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
    // The commune desk finds it in its reception queue under the postal channel.
    const desk = await openPage(browser, { bypassCSP: true });
    try {
      await signIn(desk.page, 'motcua.xa');
      await desk.page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
      const list = (await apiGet(desk.page, '/api/v1/worklists/reception?channel=postal&pageSize=200')).json as { items: { applicantName: string; channel: string }[] };
      assert.ok(list.items.some((i) => i.applicantName === 'Trần Thị Bưu Gửi' && i.channel === 'postal'), JSON.stringify(list.items.map((i) => i.applicantName)));
    } finally {
      await desk.context.close();
    }
  });
});
