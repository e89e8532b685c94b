import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import pg from 'pg';
import { hash } from '@node-rs/argon2';
import { officer, type Officer } from './citizen-helpers.ts';
import { BASE_URL, describeViolations, horizontalOverflow, launch, openPage, pageErrors, PHONE, runAxe, screenshot, settled } from './browser.ts';

/**
 * The citizen's online submission [SPEC §4], "my dossiers" and the detail page [SPEC §12], against
 * the real server with the demo province: birth registration (1.001193) at the first commune, whose
 * one-stop desk is motcua.xa and specialist tuphap.xa.
 */
const PROC = '1.001193';
const AGENCY = '000.00.31.H99';
// A new account per run: the wizard pre-fills from the account's earlier dossiers, so each run starts from none.
const CITIZEN = `congdan.${Date.now().toString(36)}`;
const CITIZEN_PASSWORD = 'Congdan@2026demo';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

const FORM = {
  nguoiYeuCau: { hoTen: 'Nguyễn Thị Hương', soDinhDanh: '066190001234', noiCuTru: 'phường Buôn Ma Thuột, tỉnh Đắk Lắk', quanHe: 'mẹ' },
  nguoiDuocKhaiSinh: { hoTen: 'Trần Gia Bảo', gioiTinh: 'Nam', ngaySinh: '2026-11-01', noiSinh: 'Bệnh viện Đa khoa vùng Tây Nguyên', danToc: 'Kinh', quocTich: 'Việt Nam' },
  me: { hoTen: 'Nguyễn Thị Hương' },
};

describe('citizen: online submission, my dossiers, supplement, result, withdrawal', () => {
  let browser: Browser;
  let storage: Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>;
  let desk: Officer;
  let spec: Officer;
  let dossierId = '';
  let code = '';
  let attachedFileId = '';

  /** A page of the signed-in citizen. */
  const citizenPage = async (opts: { viewport?: { width: number; height: number }; bypassCSP?: boolean; lang?: 'vi' | 'en' } = {}) => {
    const { context, page } = await openPage(browser, opts);
    await context.addCookies(storage.cookies);
    return { context, page };
  };
  const api = async (page: Page, method: 'GET' | 'POST', url: string, data?: unknown, headers: Record<string, string> = {}) => {
    const csrf = (await page.context().cookies()).find((c) => c.name === 'motcua_csrf')?.value ?? '';
    const r = method === 'GET' ? await page.request.get(url) : await page.request.post(url, { data: data as object, headers: { 'x-csrf-token': csrf, ...headers } });
    return { status: r.status(), json: (await r.json().catch(() => ({}))) as Record<string, unknown> };
  };
  const draftFor = async (page: Page, data: Record<string, unknown>) => {
    const r = await api(page, 'POST', '/api/v1/me/drafts', { procedureCode: PROC, title: 'Thủ tục đăng ký khai sinh', data });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    return r.json.id as string;
  };

  before(async () => {
    // The citizen account, made directly in the database (registration is another module's work).
    const db = new pg.Client({ connectionString: process.env.BROWSER_DB_URL });
    await db.connect();
    await db.query(
      `insert into users (kind, username, full_name, email, phone, id_number, password_hash, search_key) values ('citizen', $1, 'Nguyễn Thị Hương', 'huong@example.vn', '0912345678', '066190001234', $2, 'nguyen thi huong') `,
      [CITIZEN, await hash(CITIZEN_PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1 })],
    );
    await db.end();
    browser = await launch();
    const { context, page } = await openPage(browser);
    const r = await page.request.post('/api/v1/auth/login', { data: { username: CITIZEN, password: CITIZEN_PASSWORD } });
    assert.equal(r.status(), 200, await r.text());
    storage = await context.storageState();
    await context.close();
    desk = await officer('motcua.xa');
    spec = await officer('tuphap.xa');
  });
  after(async () => {
    await browser?.close();
    await desk?.ctx.dispose();
    await spec?.ctx.dispose();
  });

  test('without a session the wizard sends to the sign-in page and back', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto(`/nop-ho-so/${PROC}`);
      await page.waitForURL(/\/dang-nhap\?next=%2Fnop-ho-so%2F1\.001193/);
    } finally {
      await context.close();
    }
  });

  test('the procedure page opens the wizard; a missing required field is refused in Vietnamese first; a PDF is attached with its limits shown; a double click submits one dossier', async () => {
    const { context, page } = await citizenPage();
    try {
      await page.goto(`/thu-tuc/${PROC}`);
      await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến', exact: true }).click();
      await page.waitForURL(new RegExp(`/nop-ho-so/${PROC.replace('.', '\\.')}`));
      // Step 1: case and agency (two cases, fifteen agencies: nothing is chosen for the citizen).
      await page.getByRole('heading', { name: /Bước 1\/5/ }).waitFor();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByText('Chọn trường hợp của bạn').waitFor();
      await page.getByRole('radio', { name: 'Trẻ em sinh ra có Giấy chứng sinh' }).check();
      await page.locator('#wiz-agency').click();
      await page.locator('#wiz-agency').fill('phường Buôn Ma Thuột');
      await page.keyboard.press('Enter');
      await page.getByTestId('expected-appointment').waitFor();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      // Step 2: the applicant is pre-filled from the profile; the e-form is empty.
      await page.getByRole('heading', { name: /Bước 2\/5/ }).waitFor();
      assert.equal(await page.locator('#ap-fullName').inputValue(), 'Nguyễn Thị Hương');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByText('Cần nhập “Họ, chữ đệm và tên”').first().waitFor();
      assert.equal(await page.getByRole('heading', { name: /Bước 2\/5/ }).count(), 1, 'the step did not advance');
      await screenshot(page, 'wizard-validation');
      // The draft was saved as the citizen went; the address names it, so it resumes on any device.
      await page.waitForURL(/\?nhap=/);
      const draftId = new URL(page.url()).searchParams.get('nhap')!;
      const put = await api(page, 'GET', `/api/v1/me/drafts/${draftId}`);
      assert.equal(put.status, 200);
      // Resume the draft with the form filled (as another device would), but for one required field.
      const data = put.json.data as Record<string, unknown>;
      const incomplete = { ...FORM, nguoiYeuCau: { ...FORM.nguoiYeuCau, hoTen: undefined } };
      const r = await page.request.put(`/api/v1/me/drafts/${draftId}`, {
        data: { procedureCode: PROC, title: 'Thủ tục đăng ký khai sinh', data: { ...data, step: 1, applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234' }, forms: { TO_KHAI: incomplete } } },
        headers: { 'x-csrf-token': (await context.cookies()).find((c) => c.name === 'motcua_csrf')!.value },
      });
      assert.equal(r.status(), 200);
      await page.goto(`/nop-ho-so/${PROC}?nhap=${draftId}`);
      await page.getByRole('heading', { name: /Bước 2\/5/ }).waitFor();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      const err = page.getByText('Cần nhập “Họ, chữ đệm và tên”');
      await err.first().waitFor();
      assert.equal(await err.count(), 1, 'only the one missing field is reported');
      await page.locator('#f-TO_KHAI_nguoiYeuCau_hoTen').fill('Nguyễn Thị Hương');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      // Step 3: files; the limits are shown at the picker; a wrong type is refused before sending.
      await page.getByRole('heading', { name: /Bước 3\/5/ }).waitFor();
      const picker = page.getByLabel(/Chọn tệp: Giấy chứng sinh/);
      assert.match(await page.locator('.file-picker').first().innerText(), /Tối đa \d+(,\d)? MB mỗi tệp/);
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByText('Thành phần bắt buộc: cần đính kèm ít nhất một tệp').waitFor();
      await picker.setInputFiles({ name: 'chuong-trinh.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
      await page.getByText(/“chuong-trinh\.exe” không đúng định dạng cho phép/).waitFor();
      await picker.setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('link', { name: 'giay-chung-sinh.pdf' }).waitFor();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      // Step 4: result and notification channels.
      await page.getByRole('heading', { name: /Bước 4\/5/ }).waitFor();
      await page.getByRole('radio', { name: 'Nhận qua dịch vụ bưu chính' }).check();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByText('Cần địa chỉ nhận kết quả').waitFor();
      await page.getByLabel('Địa chỉ nhận kết quả qua bưu chính').fill('12 Lê Duẩn, phường Buôn Ma Thuột, tỉnh Đắk Lắk');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      // Step 5: review, then a double click on submit.
      await page.getByRole('heading', { name: /Bước 5\/5/ }).waitFor();
      assert.match(await page.locator('.review').innerText(), /giay-chung-sinh\.pdf/);
      type Mine = { id: string; procedure: { code: string }; files: { fileId: string }[] }[];
      const before = new Set(((await api(page, 'GET', '/api/v1/me/dossiers?pageSize=100')).json.items as Mine).map((d) => d.id));
      await page.getByTestId('submit-dossier').dblclick();
      await page.getByTestId('receipt').waitFor();
      assert.match(await page.getByTestId('receipt').innerText(), /Thời điểm tiếp nhận trên hệ thống: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
      await screenshot(page, 'wizard-receipt');
      const items = ((await api(page, 'GET', '/api/v1/me/dossiers?pageSize=100')).json.items as Mine).filter((d) => !before.has(d.id));
      assert.equal(items.length, 1, 'exactly one dossier');
      dossierId = items[0]!.id;
      attachedFileId = items[0]!.files[0]!.fileId;
      assert.equal((await api(page, 'GET', `/api/v1/me/drafts/${draftId}`)).status, 404, 'the draft went with the submission');
      assert.deepEqual(pageErrors(page), []);
      await page.getByRole('link', { name: 'Xem hồ sơ' }).click();
      await page.waitForURL(new RegExp(`/ca-nhan/ho-so/${dossierId}$`));
      assert.equal((await page.getByTestId('dossier-code').innerText()).trim(), 'Chưa cấp mã');
    } finally {
      await context.close();
    }
  });

  test('the desk accepts: the citizen sees the code, the appointment and the status in the list and on the dossier', async () => {
    const r = await desk.post(`/api/v1/dossiers/${dossierId}/actions`, { type: 'accept' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    code = r.json.code as string;
    const { context, page } = await citizenPage();
    try {
      await page.goto('/ca-nhan/ho-so');
      await page.getByRole('cell', { name: code }).waitFor();
      await page.getByRole('row').filter({ hasText: code }).getByRole('link').click();
      await page.getByTestId('dossier-code').getByText(code).waitFor();
      assert.match(await page.getByTestId('dossier-appointment').innerText(), /\d{2}\/\d{2}\/\d{4}/);
      assert.ok((await page.getByTestId('dossier-status').innerText()).trim().length > 0);
      await page.locator('.ant-timeline').getByText('Tiếp nhận hồ sơ, cấp mã').waitFor();
      // antd's vi_VN locale is in force in the built app: a pager names its buttons in Vietnamese
      // (English would say "Previous Page" / "Next Page"); the catalogue's 43 procedures take 3 pages.
      await page.goto('/thu-tuc');
      await page.locator('.ant-pagination-prev[title="Trang Trước"]').waitFor();
      await page.locator('.ant-pagination-next[title="Trang Kế"]').waitFor();
    } finally {
      await context.close();
    }
  });

  test('a supplement request is answered in place: the file is replaced, the status changes, the code stays', async () => {
    assert.equal((await desk.post(`/api/v1/dossiers/${dossierId}/actions`, { type: 'forward' })).status, 200);
    const req = await spec.post(`/api/v1/dossiers/${dossierId}/actions`, { type: 'request-supplement', missing: ['Bản chụp Giấy chứng sinh rõ nét'], reason: 'Bản chụp bị mờ' });
    assert.equal(req.status, 200, JSON.stringify(req.json));
    const { context, page } = await citizenPage();
    try {
      await page.goto(`/ca-nhan/ho-so/${dossierId}`);
      await page.getByRole('heading', { name: 'Bổ sung hồ sơ' }).waitFor();
      const before = (await page.getByTestId('dossier-status').innerText()).trim();
      assert.match(await page.locator('.messages').innerText(), /Bản chụp bị mờ/);
      await page.getByLabel(/Thay tệp: Giấy chứng sinh/).setInputFiles({ name: 'giay-chung-sinh-ro.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('link', { name: 'giay-chung-sinh-ro.pdf' }).waitFor();
      await screenshot(page, 'dossier-supplement');
      await page.getByTestId('send-supplement').click();
      await page.getByRole('heading', { name: 'Bổ sung hồ sơ' }).waitFor({ state: 'detached' });
      const after = (await page.getByTestId('dossier-status').innerText()).trim();
      assert.notEqual(after, before);
      assert.equal((await page.getByTestId('dossier-code').innerText()).trim(), code, 'the code never changes');
      assert.match(await page.locator('main').innerText(), /đã thay bằng bản bổ sung/, 'the replaced file stays in the history');
    } finally {
      await context.close();
    }
  });

  test('the result is sent with a file: the citizen downloads it and is offered the rating page', async () => {
    const fileId = await spec.upload('giay-khai-sinh.pdf', PDF);
    const r = await spec.post(`/api/v1/dossiers/${dossierId}/actions`, { type: 'send-result', results: [{ fileId, name: 'Giấy khai sinh (bản điện tử)' }] });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const { context, page } = await citizenPage();
    try {
      await page.goto(`/ca-nhan/ho-so/${dossierId}`);
      const link = page.getByTestId('result-download');
      await link.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const path = await download.path();
      const { readFileSync } = await import('node:fs');
      assert.equal(readFileSync(path).toString('latin1').slice(0, 5), '%PDF-');
      assert.equal(await page.getByRole('link', { name: 'Đánh giá' }).getAttribute('href'), `/ca-nhan/ho-so/${dossierId}/danh-gia`);
    } finally {
      await context.close();
    }
  });

  test('another dossier is withdrawn: the citizen asks with a reason after confirming, the desk records it', async () => {
    const { context, page } = await citizenPage();
    try {
      const sub = await api(
        page,
        'POST',
        '/api/v1/dossiers',
        { procedureCode: PROC, caseCode: 'TH1', agencyCode: AGENCY, applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234' }, forms: { TO_KHAI: FORM }, files: [{ componentCode: 'GIAY_CHUNG_SINH', fileId: attachedFileId }], resultChannel: 'online', notifyChannels: ['in-app'] },
        { 'idempotency-key': `withdraw-${Date.now()}` },
      );
      assert.equal(sub.status, 201, JSON.stringify(sub.json));
      const id = sub.json.id as string;
      assert.equal((await desk.post(`/api/v1/dossiers/${id}/actions`, { type: 'accept' })).status, 200);
      await page.goto(`/ca-nhan/ho-so/${id}`);
      await page.getByRole('button', { name: 'Đề nghị rút hồ sơ' }).click();
      const dialog = page.getByRole('dialog', { name: 'Đề nghị rút hồ sơ' });
      await dialog.getByRole('button', { name: 'Gửi đề nghị rút' }).click();
      await dialog.getByText('Cần nêu lý do rút hồ sơ').waitFor();
      await dialog.getByLabel('Lý do rút hồ sơ').fill('Gia đình đã đăng ký khai sinh tại nơi khác');
      await dialog.getByRole('button', { name: 'Gửi đề nghị rút' }).click();
      await page.getByText(/Bạn đã đề nghị rút hồ sơ lúc .* Gia đình đã đăng ký khai sinh tại nơi khác/).waitFor();
      const w = await desk.post(`/api/v1/dossiers/${id}/actions`, { type: 'withdraw', reason: 'Theo đề nghị của người nộp' });
      assert.equal(w.status, 200, JSON.stringify(w.json));
      await page.reload();
      await page.locator('.ant-timeline').getByText('Rút hồ sơ', { exact: true }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Đề nghị rút hồ sơ' }).count(), 0);
    } finally {
      await context.close();
    }
  });

  test('the wizard can be completed with the keyboard alone, and submits once', async () => {
    const { context, page } = await citizenPage();
    try {
      await page.goto('/');
      const id = await draftFor(page, {
        step: 0,
        caseCode: 'TH1',
        agencyCode: AGENCY,
        applicant: { kind: 'individual', fullName: 'Nguyễn Thị Hương', idNumber: '066190001234' },
        forms: { TO_KHAI: FORM },
        files: { GIAY_CHUNG_SINH: [{ id: attachedFileId, name: 'giay-chung-sinh.pdf', mediaType: 'application/pdf', size: PDF.length }] },
        resultChannel: 'online',
        resultAddress: '',
        notifyChannels: ['in-app'],
      });
      await page.goto(`/nop-ho-so/${PROC}?nhap=${id}`);
      for (const [n, button] of [
        [1, 'Tiếp tục'],
        [2, 'Tiếp tục'],
        [3, 'Tiếp tục'],
        [4, 'Tiếp tục'],
        [5, 'Nộp hồ sơ'],
      ] as const) {
        await page.getByRole('heading', { name: new RegExp(`Bước ${n}/5`) }).waitFor();
        let reached = false;
        for (let i = 0; i < 250 && !reached; i++) {
          await page.keyboard.press('Tab');
          reached = await page.evaluate((label) => (document.activeElement?.textContent ?? '').trim() === label, button);
        }
        assert.ok(reached, `the "${button}" button of step ${n} is reachable with Tab`);
        await page.keyboard.press('Enter');
      }
      await page.getByTestId('receipt').waitFor();
    } finally {
      await context.close();
    }
  });

  test('the pages pass axe-core with no serious or critical violation, and fit a 375 px phone', async () => {
    for (const viewport of [undefined, PHONE]) {
      const { context, page } = await citizenPage({ bypassCSP: true, ...(viewport ? { viewport } : {}) });
      try {
        const tag = viewport ? 'phone' : 'desktop';
        const check = async (name: string) => {
          await settled(page);
          const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
          assert.equal(violations.length, 0, `${name}: ${describeViolations(violations)}`);
          assert.equal(await page.locator('h1').count(), 1, `${name}: one h1`);
          if (viewport) {
            const o = await horizontalOverflow(page);
            assert.ok(o.scrollWidth <= o.clientWidth, `${name}: ${o.scrollWidth} > ${o.clientWidth}`);
          }
          await screenshot(page, `${name}-${tag}`);
        };
        await page.goto(`/nop-ho-so/${PROC}`);
        await page.getByRole('heading', { name: /Bước 1\/5/ }).waitFor();
        await check('wizard-step1');
        // Case, agency and the e-form come pre-filled from the citizen's latest dossier of this procedure.
        assert.equal(await page.getByRole('radio', { name: 'Trẻ em sinh ra có Giấy chứng sinh' }).isChecked(), true);
        await page.getByRole('button', { name: 'Tiếp tục' }).click();
        await page.getByRole('heading', { name: /Bước 2\/5/ }).waitFor();
        const hoTen = page.locator('#f-TO_KHAI_nguoiYeuCau_hoTen');
        assert.equal(await hoTen.inputValue(), 'Nguyễn Thị Hương');
        await hoTen.fill('');
        await page.getByRole('button', { name: 'Tiếp tục' }).click();
        await page.getByText('Cần nhập “Họ, chữ đệm và tên”').first().waitFor();
        await check('wizard-step2');
        await page.goto('/ca-nhan/ho-so');
        await page.getByRole('heading', { name: 'Hồ sơ lưu nháp' }).waitFor();
        await page.getByText('Thủ tục đăng ký khai sinh').first().waitFor();
        await check('my-dossiers');
        await page.goto(`/ca-nhan/ho-so/${dossierId}`);
        await page.getByTestId('dossier-code').waitFor();
        await check('dossier-detail');
        await page.goto('/tra-cuu');
        await page.getByTestId('scan-qr').waitFor();
        await check('lookup-qr');
      } finally {
        await context.close();
      }
    }
  });

  test('in English the wizard’s validation messages are English', async () => {
    const { context, page } = await citizenPage({ lang: 'en' });
    try {
      await page.goto(`/nop-ho-so/${PROC}`);
      await page.getByRole('heading', { name: /Step 1 of 5/ }).waitFor();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: /Step 2 of 5/ }).waitFor();
      await page.locator('#f-TO_KHAI_nguoiYeuCau_hoTen').fill('');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('“Họ, chữ đệm và tên” is required').first().waitFor();
    } finally {
      await context.close();
    }
  });

  test('"Quét mã QR" reads the code from the camera and opens the dossier', async () => {
    // A fake camera; the browser's BarcodeDetector stands in for the decoder (Chromium on Linux has none).
    const cam = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
    try {
      const context = await cam.newContext({ baseURL: BASE_URL, locale: 'vi-VN', permissions: ['camera'] });
      await context.addInitScript((text) => {
        (window as unknown as { BarcodeDetector: unknown }).BarcodeDetector = class {
          async detect() {
            return [{ rawValue: text }];
          }
        };
      }, `${BASE_URL}/tra-cuu/${code}`);
      const page = await context.newPage();
      await page.goto('/tra-cuu');
      await page.getByRole('button', { name: 'Quét mã QR' }).click();
      await page.waitForURL(new RegExp(`/tra-cuu/${code.replace(/\./g, '\\.')}$`));
      await page.getByRole('article', { name: `Mã hồ sơ ${code}` }).waitFor();
    } finally {
      await cam.close();
    }
  });
});
