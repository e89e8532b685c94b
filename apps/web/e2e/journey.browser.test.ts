import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BASE_URL, describeViolations, DESKTOP, horizontalOverflow, launch, openPage, pageErrors, PHONE, runAxe, screenshot, settled } from './browser.ts';
import { codeFromMail, minimalPdf, officer, pageApi, type Officer } from './citizen-helpers.ts';

/**
 * Issue #5's journey in Chromium against the real server with the demo province, nothing mocked:
 * a new citizen registers and confirms the e-mail with the code from the test SMTP server, signs in,
 * submits birth registration (1.001193) at the first commune through the wizard — applicant pre-filled
 * from the profile, the draft resumed on another device, an e-form, an uploaded PDF and a document
 * picked from the personal store — the desk (motcua.xa) accepts, the specialist (tuphap.xa) asks for
 * a supplement the citizen answers in place, the result is sent and returned, the citizen downloads
 * it and rates once; the second rating is refused. Then the receipt slip's QR is decoded from the
 * rendered PDF and opened, and the lookup kiosk keeps its own addresses.
 * [SPEC §4, §12, §13, §16]
 */
const PROC = '1.001193';
const PASSWORD = 'Sông Hồng 2026';
const stamp = `${Date.now()}`.slice(-9);
const PERSON = {
  fullName: 'Lê Thị Minh Thư',
  idNumber: `066${stamp}`,
  email: `hanhtrinh.${stamp}@example.vn`,
  phone: '0905777123',
  dateOfBirth: '1992-03-08',
  address: '45 Nguyễn Tất Thành, phường Buôn Ma Thuột, tỉnh Đắk Lắk',
};
const PDF = minimalPdf('Giay chung sinh');
const RATING = ['Đánh giá chung', 'Sự thuận tiện khi thực hiện thủ tục', 'Thời gian giải quyết (đúng hẹn)', 'Thái độ, tinh thần phục vụ của cán bộ'];

/** Axe-core on the page as it is: no serious or critical WCAG 2.1 A/AA violation. */
async function axe(page: Page, name: string): Promise<void> {
  await settled(page);
  const v = (await runAxe(page)).filter((x) => x.impact === 'serious' || x.impact === 'critical');
  assert.deepEqual(v, [], `${name}:\n${describeViolations(v)}`);
}

describe('citizen journey: register → submit → supplement → result → rating; the slip’s QR; the kiosk', () => {
  let browser: Browser;
  let desk: Officer;
  let spec: Officer;
  let cookies: Awaited<ReturnType<BrowserContext['cookies']>> = [];
  let dossierId = '';
  let code = '';

  /** Another device of the signed-in citizen (its own browser context, the same session). */
  const device = async () => {
    const { context, page } = await openPage(browser, { bypassCSP: true });
    await context.addCookies(cookies);
    return { context, page };
  };

  before(async () => {
    browser = await launch();
    desk = await officer('motcua.xa');
    spec = await officer('tuphap.xa');
  });
  after(async () => {
    await browser?.close();
    await desk?.ctx.dispose();
    await spec?.ctx.dispose();
  });

  test('a new citizen registers, confirms the e-mail from the mail, submits with an e-form, a PDF and a stored document, answers a supplement, downloads the result and rates it once; the second rating is refused', async () => {
    const { context, page } = await openPage(browser, { bypassCSP: true });
    try {
      // Register → the code from the captured mail → verify → sign in.
      await page.goto('/dang-ky');
      await page.getByLabel('Họ và tên').fill(PERSON.fullName);
      await page.getByLabel('Số định danh cá nhân (CCCD, 12 chữ số)').fill(PERSON.idNumber);
      await page.getByLabel('Ngày sinh').fill(PERSON.dateOfBirth);
      await page.getByLabel('Số điện thoại').fill(PERSON.phone);
      await page.getByLabel('Thư điện tử').fill(PERSON.email);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Nhập lại mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng ký' }).click();
      await page.waitForURL(/\/xac-minh\?email=/);
      await page.getByLabel('Mã xác nhận (6 chữ số)').fill(await codeFromMail(PERSON.email));
      await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
      await page.getByTestId('verify-done').getByRole('link', { name: 'Đăng nhập' }).click();
      await page.waitForURL(/\/dang-nhap$/);
      await page.getByLabel('Thư điện tử, số định danh hoặc mã số thuế').fill(PERSON.email);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.waitForURL(/\/ca-nhan$/);
      await page.getByTestId('profile-facts').waitFor();
      cookies = await context.cookies();

      // The contact address goes into the profile; a PDF goes into the personal store.
      assert.equal((await pageApi(page, 'PATCH', '/api/v1/me/profile', { address: PERSON.address })).status, 200);
      const up = await page.request.post('/api/v1/files', {
        multipart: { file: { name: 'van-ban-uy-quyen.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Van ban uy quyen') } },
        headers: { 'x-csrf-token': cookies.find((c) => c.name === 'motcua_csrf')!.value },
      });
      assert.equal(up.status(), 201, await up.text());
      const stored = await pageApi(page, 'POST', '/api/v1/me/documents', { fileId: ((await up.json()) as { id: string }).id, title: 'Văn bản ủy quyền của bà Thư' });
      assert.equal(stored.status, 201, JSON.stringify(stored.json));

      // The wizard: case and agency, then the applicant arrives filled from the profile.
      await page.goto(`/thu-tuc/${PROC}`);
      await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến', exact: true }).click();
      await page.getByRole('heading', { name: /Bước 1\/5/ }).waitFor();
      await page.getByRole('radio', { name: 'Trẻ em sinh ra có Giấy chứng sinh' }).check();
      await page.locator('#wiz-agency').click();
      await page.locator('#wiz-agency').fill('phường Buôn Ma Thuột');
      await page.keyboard.press('Enter');
      await page.getByTestId('expected-appointment').waitFor();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByRole('heading', { name: /Bước 2\/5/ }).waitFor();
      for (const [id, value] of [
        ['fullName', PERSON.fullName],
        ['idNumber', PERSON.idNumber],
        ['dateOfBirth', PERSON.dateOfBirth],
        ['phone', PERSON.phone],
        ['email', PERSON.email],
        ['address', PERSON.address],
      ] as const) {
        assert.equal(await page.locator(`#ap-${id}`).inputValue(), value, `the ${id} comes from the profile`);
      }
      await axe(page, 'wizard step 2 (pre-filled)');
      // The e-form's text fields are typed here; the draft saves itself as the citizen goes.
      const typed = {
        nguoiYeuCau_hoTen: PERSON.fullName,
        nguoiYeuCau_soDinhDanh: PERSON.idNumber,
        nguoiYeuCau_noiCuTru: PERSON.address,
        nguoiYeuCau_quanHe: 'mẹ',
        nguoiDuocKhaiSinh_hoTen: 'Phạm Minh Khang',
        nguoiDuocKhaiSinh_noiSinh: 'Bệnh viện Đa khoa vùng Tây Nguyên',
        nguoiDuocKhaiSinh_danToc: 'Kinh',
        me_hoTen: PERSON.fullName,
      };
      for (const [k, v] of Object.entries(typed)) await page.locator(`#f-TO_KHAI_${k}`).fill(v);
      await page.waitForURL(/\?nhap=/);
      const draftId = new URL(page.url()).searchParams.get('nhap')!;
      // Saved a moment after the last keystroke, with nothing pressed.
      const savedChild = async () => ((await pageApi(page, 'GET', `/api/v1/me/drafts/${draftId}`)).json.data as { forms?: { TO_KHAI?: { nguoiDuocKhaiSinh?: { hoTen?: string } } } }).forms?.TO_KHAI?.nguoiDuocKhaiSinh?.hoTen;
      for (let i = 0; i < 50 && (await savedChild()) !== 'Phạm Minh Khang'; i++) await page.waitForTimeout(200);
      await page.getByText(/Đã lưu nháp lúc/).waitFor();
      await context.close();

      // Another device resumes the draft: what was typed is there; the date and the choice lists are completed, then it goes on.
      const other = await device();
      const p2 = other.page;
      try {
        const draft = await pageApi(p2, 'GET', `/api/v1/me/drafts/${draftId}`);
        assert.equal(draft.status, 200);
        const data = draft.json.data as { forms: { TO_KHAI: Record<string, Record<string, unknown>> } } & Record<string, unknown>;
        assert.equal(data.forms.TO_KHAI.nguoiDuocKhaiSinh!.hoTen, 'Phạm Minh Khang', 'the typed answers were saved');
        const form = data.forms.TO_KHAI;
        const filled = { ...form, nguoiDuocKhaiSinh: { ...form.nguoiDuocKhaiSinh, gioiTinh: 'Nam', ngaySinh: '2026-11-01', quocTich: 'Việt Nam' } };
        const put = await pageApi(p2, 'PUT', `/api/v1/me/drafts/${draftId}`, { procedureCode: PROC, title: 'Thủ tục đăng ký khai sinh', data: { ...data, forms: { TO_KHAI: filled } } });
        assert.equal(put.status, 200, JSON.stringify(put.json));
        await p2.goto(`/nop-ho-so/${PROC}?nhap=${draftId}`);
        await p2.getByRole('heading', { name: /Bước 2\/5/ }).waitFor();
        assert.equal(await p2.locator('#f-TO_KHAI_nguoiDuocKhaiSinh_hoTen').inputValue(), 'Phạm Minh Khang');
        assert.equal(await p2.locator('#ap-idNumber').inputValue(), PERSON.idNumber);
        await p2.getByRole('button', { name: 'Tiếp tục' }).click();

        // Files: a PDF uploaded for the birth certificate, the power of attorney picked from the store.
        await p2.getByRole('heading', { name: /Bước 3\/5/ }).waitFor();
        await p2.getByLabel(/Chọn tệp: Giấy chứng sinh/).setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
        await p2.getByRole('link', { name: 'giay-chung-sinh.pdf' }).waitFor();
        await p2.getByRole('button', { name: /Chọn từ kho dữ liệu: Văn bản ủy quyền/ }).click();
        const dialog = p2.getByRole('dialog', { name: /Chọn từ kho dữ liệu: Văn bản ủy quyền/ });
        await dialog.getByTestId('store-choices').waitFor();
        await axe(p2, 'wizard step 3 (store dialog)');
        await screenshot(p2, 'journey-store-pick');
        await dialog.getByRole('button', { name: 'Dùng giấy tờ Văn bản ủy quyền của bà Thư' }).click();
        await dialog.waitFor({ state: 'hidden' });
        await p2.getByRole('link', { name: 'van-ban-uy-quyen.pdf' }).waitFor();
        await axe(p2, 'wizard step 3');
        await p2.getByRole('button', { name: 'Tiếp tục' }).click();
        await p2.getByRole('heading', { name: /Bước 4\/5/ }).waitFor();
        await p2.getByRole('button', { name: 'Tiếp tục' }).click();
        await p2.getByRole('heading', { name: /Bước 5\/5/ }).waitFor();
        const review = await p2.locator('.review').innerText();
        assert.match(review, /giay-chung-sinh\.pdf/);
        assert.match(review, /van-ban-uy-quyen\.pdf/);
        await p2.getByTestId('submit-dossier').click();
        await p2.getByTestId('receipt').waitFor();
        await p2.getByRole('link', { name: 'Xem hồ sơ' }).click();
        await p2.waitForURL(/\/ca-nhan\/ho-so\/[0-9a-f-]{36}$/);
        dossierId = new URL(p2.url()).pathname.split('/').at(-1)!;
        const mine = await pageApi(p2, 'GET', `/api/v1/dossiers/${dossierId}`);
        const d = mine.json as { forms: Record<string, unknown>; files: { componentCode: string; name?: string }[]; applicant: Record<string, unknown> };
        assert.equal((d.forms.TO_KHAI as { nguoiDuocKhaiSinh: { hoTen: string } }).nguoiDuocKhaiSinh.hoTen, 'Phạm Minh Khang', 'the e-form went with the dossier');
        assert.deepEqual(d.files.map((f) => f.componentCode).sort(), ['GIAY_CHUNG_SINH', 'UY_QUYEN']);
        assert.equal(d.applicant.dateOfBirth, PERSON.dateOfBirth);
        assert.deepEqual(pageErrors(p2), []);
      } finally {
        await other.context.close();
      }

      // The desk accepts: the citizen sees the code, the appointment and the status.
      const accepted = await desk.post(`/api/v1/dossiers/${dossierId}/actions`, { type: 'accept' });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.json));
      code = accepted.json.code as string;
      const { context: c3, page: p3 } = await device();
      try {
        await p3.goto(`/ca-nhan/ho-so/${dossierId}`);
        await p3.getByTestId('dossier-code').getByText(code).waitFor();
        assert.match(await p3.getByTestId('dossier-appointment').innerText(), /\d{2}\/\d{2}\/\d{4}/);
        const accStatus = (await p3.getByTestId('dossier-status').innerText()).trim();
        assert.ok(accStatus.length > 0);

        // A supplement is asked for and answered in place.
        assert.equal((await desk.post(`/api/v1/dossiers/${dossierId}/actions`, { type: 'forward' })).status, 200);
        const sup = await spec.post(`/api/v1/dossiers/${dossierId}/actions`, { type: 'request-supplement', missing: ['Bản chụp Giấy chứng sinh rõ nét'], reason: 'Bản chụp bị mờ' });
        assert.equal(sup.status, 200, JSON.stringify(sup.json));
        await p3.reload();
        await p3.getByRole('heading', { name: 'Bổ sung hồ sơ' }).waitFor();
        assert.match(await p3.locator('.messages').innerText(), /Bản chụp bị mờ/);
        await p3.getByLabel(/Thay tệp: Giấy chứng sinh/).setInputFiles({ name: 'giay-chung-sinh-ro.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Giay chung sinh ro net') });
        await p3.getByRole('link', { name: 'giay-chung-sinh-ro.pdf' }).waitFor();
        await p3.getByTestId('send-supplement').click();
        await p3.getByRole('heading', { name: 'Bổ sung hồ sơ' }).waitFor({ state: 'detached' });
        assert.equal((await p3.getByTestId('dossier-code').innerText()).trim(), code, 'the code never changes');

        // The result is made, sent with a file and returned online; the citizen downloads it.
        const fileId = await spec.upload('giay-khai-sinh.pdf', minimalPdf('Giay khai sinh'));
        const sent = await spec.post(`/api/v1/dossiers/${dossierId}/actions`, { type: 'send-result', results: [{ fileId, name: 'Giấy khai sinh (bản điện tử)' }] });
        assert.equal(sent.status, 200, JSON.stringify(sent.json));
        const returned = await desk.post(`/api/v1/dossiers/${dossierId}/actions`, { type: 'return-result', how: 'online' });
        assert.equal(returned.status, 200, JSON.stringify(returned.json));
        await p3.reload();
        const link = p3.getByTestId('result-download');
        await link.waitFor();
        const [download] = await Promise.all([p3.waitForEvent('download'), link.click()]);
        assert.equal(fs.readFileSync(await download.path()).toString('latin1').slice(0, 5), '%PDF-');

        // Rated once on the rating page.
        await p3.getByRole('link', { name: 'Đánh giá' }).click();
        await p3.waitForURL(new RegExp(`/ca-nhan/ho-so/${dossierId}/danh-gia$`));
        await p3.getByRole('heading', { level: 1, name: 'Đánh giá mức độ hài lòng' }).waitFor();
        await p3.getByText(code).first().waitFor();
        for (const legend of RATING) assert.equal(await p3.getByRole('group', { name: legend }).getByRole('radio').count(), 3, `${legend}: three levels`);
        await p3.getByRole('button', { name: 'Gửi đánh giá' }).click();
        assert.equal(await p3.getByText('Vui lòng chọn một mức').count(), 4, 'an unanswered criterion is named');
        for (const legend of RATING.slice(0, 3)) await p3.getByRole('group', { name: legend }).getByLabel('Rất hài lòng').check();
        await p3.getByRole('group', { name: RATING[3]! }).getByLabel('Hài lòng', { exact: true }).check();
        await axe(p3, 'rating');
        await p3.getByRole('button', { name: 'Gửi đánh giá' }).click();
        await p3.getByTestId('rating-done').waitFor();
        await screenshot(p3, 'journey-rated');
        await p3.setViewportSize(PHONE);
        assert.equal(await p3.locator('h1').count(), 1);
        const o = await horizontalOverflow(p3);
        assert.ok(o.scrollWidth <= o.clientWidth, `the rating page scrolls sideways at 375 px: ${o.scrollWidth} > ${o.clientWidth}`);
        await axe(p3, 'rating at 375 px');
        await p3.setViewportSize(DESKTOP);

        // The second time: the page says it was rated and offers no form; the API answers 409 and keeps the first.
        await p3.reload();
        await p3.getByTestId('rating-done').getByText('Hồ sơ này đã được đánh giá.').waitFor();
        assert.equal(await p3.getByRole('button', { name: 'Gửi đánh giá' }).count(), 0);
        const again = await pageApi(p3, 'POST', `/api/v1/me/dossiers/${dossierId}/rating`, { overall: 'not_satisfied', convenience: 'not_satisfied', timeliness: 'not_satisfied', attitude: 'not_satisfied' });
        assert.equal(again.status, 409, JSON.stringify(again.json));
        const kept = await pageApi(p3, 'GET', `/api/v1/me/dossiers/${dossierId}/rating`);
        assert.equal((kept.json.rating as { overall: string }).overall, 'very_satisfied');
        assert.deepEqual(pageErrors(p3), []);
      } finally {
        await c3.close();
      }
    } finally {
      await context.close().catch(() => undefined);
    }
  });

  test('the QR of the receipt slip, decoded from the rendered PDF, opens /tra-cuu/<code> with the public fields and no ID number, phone or address', async () => {
    assert.ok(dossierId && code, 'the journey made a dossier');
    const { context, page } = await device();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-slip-'));
    try {
      const slips = await pageApi(page, 'GET', `/api/v1/dossiers/${dossierId}/slips`);
      assert.equal(slips.status, 200, JSON.stringify(slips.json));
      const receipt = (slips.json.items as { kind: string; pdfUrl: string }[]).find((s) => s.kind === 'receipt');
      assert.ok(receipt, 'the accepted dossier has a receipt slip');
      const pdf = await page.request.get(receipt.pdfUrl);
      assert.equal(pdf.status(), 200);
      fs.writeFileSync(path.join(dir, 'receipt.pdf'), await pdf.body());
      execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', path.join(dir, 'receipt.pdf'), path.join(dir, 'page')]);
      const png = fs.readFileSync(path.join(dir, 'page.png'));

      // Decoded with jsQR over the image's pixels, read through a canvas in a blank page.
      const scan = await browser.newPage();
      try {
        await scan.addScriptTag({ path: createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js') });
        const text = await scan.evaluate(async (src) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth;
          canvas.height = img.naturalHeight;
          const g = canvas.getContext('2d')!;
          g.drawImage(img, 0, 0);
          const px = g.getImageData(0, 0, canvas.width, canvas.height);
          const jsQR = (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR;
          return jsQR(px.data, px.width, px.height)?.data ?? null;
        }, `data:image/png;base64,${png.toString('base64')}`);
        assert.equal(text, `${BASE_URL}/tra-cuu/${code}`);
      } finally {
        await scan.close();
      }

      // Opened without a session, as anyone scanning the slip would.
      const { context: anon, page: p } = await openPage(browser);
      try {
        await p.goto(`${BASE_URL}/tra-cuu/${code}`);
        const card = p.getByRole('article', { name: `Mã hồ sơ ${code}` });
        await card.waitFor();
        const text = await card.innerText();
        for (const s of [code, PERSON.fullName, 'Ủy ban nhân dân phường Buôn Ma Thuột']) assert.ok(text.includes(s), `shows ${s}`);
        assert.ok((text.match(/\d{2}\/\d{2}\/\d{4}/g) ?? []).length >= 2, 'shows the receipt and appointment dates');
        const body = await p.locator('body').innerText();
        for (const s of [PERSON.idNumber, PERSON.phone, '45 Nguyễn Tất Thành', PERSON.email]) assert.ok(!body.includes(s), `does not show ${s}`);
        await screenshot(p, 'journey-qr-lookup');
      } finally {
        await anon.close();
      }
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the lookup kiosk stays under /kiosk/tra-cuu after a search', async () => {
    assert.ok(code, 'the journey made a dossier');
    const { context, page } = await openPage(browser, { bypassCSP: true });
    try {
      await page.goto('/kiosk/tra-cuu');
      await page.getByRole('textbox', { name: 'Mã hồ sơ' }).fill(code.toLowerCase());
      await page.getByRole('button', { name: 'Tìm kiếm' }).first().click();
      await page.waitForURL(new RegExp(`/kiosk/tra-cuu/${code.replace(/\./g, '\\.')}$`));
      await page.getByRole('article', { name: `Mã hồ sơ ${code}` }).waitFor();
      await axe(page, 'kiosk lookup');
      await screenshot(page, 'journey-kiosk-lookup');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });
});
