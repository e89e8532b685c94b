import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, horizontalOverflow, launch, openPage, pageErrors, PHONE, runAxe, screenshot, settled, signIn } from './browser.ts';

async function assertAccessible(page: Page, what: string) {
  await settled(page);
  const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(violations.length, 0, `${what}: ${describeViolations(violations)}`);
}

describe('feedback (phản ánh, kiến nghị)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('a citizen sends feedback on the portal; a specialist answers it, the leader publishes it, and the portal lists the answer', async () => {
    const title = `Thời gian trả kết quả khai sinh ${Date.now()}`;
    const citizen = await openPage(browser, { bypassCSP: true });
    try {
      const page = citizen.page;
      await page.goto('/phan-anh');
      await page.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị' }).waitFor();
      await page.getByText(/không tiếp nhận đơn khiếu nại, tố cáo/).waitFor();
      await assertAccessible(page, '/phan-anh');
      // sent empty: the server names the fields, shown under them
      await page.locator('form[aria-labelledby="fb-form-h"] button[type=submit]').click();
      await page.locator('#fb-title-err').waitFor();
      await page.getByLabel('Cơ quan tiếp nhận').click();
      await page.getByLabel('Cơ quan tiếp nhận').fill('Sở Tư pháp');
      await page.locator('.ant-select-item-option[title^="Sở Tư pháp"]').first().click();
      await page.getByLabel('Tiêu đề', { exact: true }).fill(title);
      await page.getByLabel('Nội dung', { exact: true }).fill('Tôi nộp hồ sơ khai sinh đã hai tuần nhưng chưa nhận được kết quả, đề nghị cơ quan kiểm tra.');
      await page.getByLabel('Họ và tên').fill('Nguyễn Thị Hương');
      await page.getByLabel('Thư điện tử').fill('huong@example.vn');
      await page.locator('form[aria-labelledby="fb-form-h"] button[type=submit]').click();
      await page.getByText(/Đã gửi\. Hạn trả lời:/).waitFor();
      await screenshot(page, 'feedback-sent');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await citizen.context.close();
    }

    const officer = await openPage(browser, { bypassCSP: true });
    try {
      const page = officer.page;
      await signIn(page, 'cv.tuphap');
      await page.getByRole('menuitem', { name: 'Phản ánh, kiến nghị' }).click();
      await page.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị, hỏi đáp' }).waitFor();
      const card = page.getByRole('article', { name: title });
      await card.waitFor();
      assert.ok(!(await card.innerText()).includes('huong@example.vn'), 'the e-mail is masked in the list');
      await assertAccessible(page, '/mot-cua/phan-anh');
      await card.getByLabel('Trả lời', { exact: true }).fill('Hồ sơ của bà đã được giải quyết, mời bà nhận kết quả tại Bộ phận Một cửa.');
      await card.getByRole('button', { name: 'Trả lời' }).click();
      await card.getByText('Đã trả lời').waitFor();
    } finally {
      await officer.context.close();
    }

    const leader = await openPage(browser, { bypassCSP: true });
    try {
      const page = leader.page;
      await signIn(page, 'ld.tuphap');
      await page.getByRole('menuitem', { name: 'Phản ánh, kiến nghị' }).click();
      const card = page.getByRole('article', { name: title });
      await card.getByRole('button', { name: 'Công khai' }).click();
      await card.getByText('Đã công khai').waitFor();
      await page.getByRole('menuitem', { name: 'Đánh giá' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kết quả đánh giá giải quyết thủ tục hành chính' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Cơ quan' }).waitFor();
      await assertAccessible(page, '/mot-cua/danh-gia');
    } finally {
      await leader.context.close();
    }

    const reader = await openPage(browser, { viewport: PHONE, bypassCSP: true });
    try {
      const page = reader.page;
      await page.goto('/phan-anh');
      await page.getByLabel('Tìm trong câu trả lời đã công khai').fill(title);
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      const answer = page.getByRole('article', { name: title });
      await answer.getByText('mời bà nhận kết quả').waitFor();
      const text = await answer.innerText();
      assert.ok(!text.includes('huong@example.vn') && !text.includes('Nguyễn Thị Hương'), 'no contact, the name shortened');
      assert.match(text, /N\. T\. Hương/);
      const o = await horizontalOverflow(page);
      assert.ok(o.scrollWidth <= o.clientWidth, `no horizontal scrolling at 375 px (${o.scrollWidth} > ${o.clientWidth})`);
      await screenshot(page, 'feedback-published-phone');
      for (const path of ['/hoi-dap', '/huong-dan']) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await assertAccessible(page, path);
      }
    } finally {
      await reader.context.close();
    }
  });
});
