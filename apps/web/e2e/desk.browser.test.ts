import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import fs from 'node:fs';
import { BASE_URL, describeViolations, horizontalOverflow, launch, openPage, pageErrors, PHONE, runAxe, screenshot, settled, signIn } from './browser.ts';
import { decodeQr, pdfsig, pdfText, throwawayP12 } from '../../server/src/modules/documents/testing.ts';

/**
 * The one-stop desk and processing in the browser, against the demo province: the commune desk
 * (motcua.xa) receives a paper dossier, the commune specialist (tuphap.xa) and leader (ld.xa) take
 * it through a process with a signing step, and the desk returns the result.
 */
const AGENCY = '000.00.31.H99';
const PROCEDURE = '1.001022';
// An ID number no other browser test uses: the desk's look-up must find nobody, whichever files ran first.
const DESK_ID_NUMBER = '066190009871';

/** A small valid PDF: what the scanner at the desk produces. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n',
);

/** A one-page PDF with a correct cross-reference table (what the signer appends to), showing `text`. */
function textPdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
  const bodies = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = bodies.map((b, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${b}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Calls the API from the signed-in page (session cookie + CSRF token), as the screens do. */
async function apiCall(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('motcua_csrf='))?.slice('motcua_csrf='.length);
      const r = await fetch(url, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(csrf ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}) }, body: body === undefined ? null : JSON.stringify(body) });
      return { status: r.status, json: await r.json().catch(() => null) };
    },
    { method, url, body },
  );
}

/** Picks an option of the open antd Select (its visible list, not the screen-reader copy). */
async function pick(page: Page, text: string): Promise<void> {
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();
}

async function signedIn(browser: Browser, user: string, opts: { viewport?: { width: number; height: number }; bypassCSP?: boolean } = {}) {
  const { context, page } = await openPage(browser, { bypassCSP: true, ...opts });
  await signIn(page, user);
  await page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
  return { context, page };
}

/** Clicks a link that answers with an attachment and returns the downloaded bytes. */
async function download(page: Page, link: ReturnType<Page['locator']>): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return fs.readFileSync((await d.path())!);
}

/** The bulk action's per-dossier report; when it does not come, what the open dialog says instead. */
async function bulkReport(page: Page) {
  const report = page.getByTestId('bulk-report');
  await report.waitFor().catch(async (e: Error) => {
    throw new Error(`no bulk report (${e.message.split('\n')[0]}); the dialogs say: ${(await page.locator('.ant-modal').allInnerTexts()).join(' | ')}`);
  });
  return report;
}

async function axeClean(page: Page, what: string): Promise<void> {
  await settled(page);
  const serious = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.equal(serious.length, 0, `${what}:\n${describeViolations(serious)}`);
}

describe('one-stop desk and processing (work lists, reception, workspace)', () => {
  let browser: Browser;
  let dossierId = '';
  let code = '';
  before(async () => {
    browser = await launch();
    // The agency's process for this procedure: reception → specialist → leader signs → return.
    const { context, page } = await signedIn(browser, 'quantri');
    const created = await apiCall(page, 'POST', '/api/v1/admin/processes', {
      agencyCode: AGENCY,
      procedureCode: PROCEDURE,
      definition: {
        name: 'Nhận cha, mẹ, con — phường',
        steps: [
          { code: 'TN', name: 'Tiếp nhận', stage: 'reception', role: 'reception', budgetHours: 0, assignment: 'group', next: 'GQ' },
          { code: 'GQ', name: 'Công chức tư pháp giải quyết', stage: 'processing', role: 'specialist', budgetHours: 16, assignment: 'group', next: 'KY' },
          { code: 'KY', name: 'Lãnh đạo ký', stage: 'signing', role: 'leader', budgetHours: 4, assignment: 'group', next: 'TKQ', rejectTo: 'GQ' },
          { code: 'TKQ', name: 'Trả kết quả', stage: 'return', role: 'reception', budgetHours: 0, assignment: 'group', next: null },
        ],
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const pub = await apiCall(page, 'POST', `/api/v1/admin/processes/${(created.json as { id: string }).id}/publish`);
    assert.equal(pub.status, 200, JSON.stringify(pub.json));
    // The commune's signing certificate (a throw-away one), installed as an administrator does.
    const cert = await apiCall(page, 'PUT', `/api/v1/admin/agencies/${AGENCY}/signing-certificate`, { p12: throwawayP12('UBND tỉnh Đắk Lắk', 'mật-khẩu-thử').toString('base64'), passphrase: 'mật-khẩu-thử' });
    assert.equal(cert.status, 200, JSON.stringify(cert.json));
    const cfg = await apiCall(page, 'PUT', `/api/v1/queue/${AGENCY}/config`, { groups: [{ code: 'A', name: 'Hộ tịch, chứng thực' }], counters: [{ code: '1', name: 'Quầy 1', groupCodes: ['A'] }] });
    assert.equal(cfg.status, 200, JSON.stringify(cfg.json));
    await context.close();
  });
  after(async () => {
    await browser?.close();
  });

  test('the desk receives a direct dossier: the ID number is checked in place, missing scans are named by the server, acceptance gives the code and appointment, and the printed receipt carries them with a QR of the lookup address', async () => {
    const { context, page } = await signedIn(browser, 'motcua.xa');
    try {
      await page.getByRole('menuitem', { name: 'Tiếp nhận hồ sơ' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
      await axeClean(page, 'reception page');
      await page.getByLabel('Thủ tục hành chính').fill(PROCEDURE);
      await pick(page, `${PROCEDURE} — `);
      await page.getByRole('group', { name: /Tờ khai/ }).first().waitFor();
      await page.getByRole('textbox', { name: 'Số định danh cá nhân (CCCD)' }).fill('12345');
      await page.getByRole('button', { name: 'Tìm' }).click();
      await page.getByText('Số định danh cá nhân gồm đúng 12 chữ số').first().waitFor();
      await page.getByRole('textbox', { name: 'Số định danh cá nhân (CCCD)' }).fill(DESK_ID_NUMBER);
      await page.getByRole('button', { name: 'Tìm' }).click();
      await page.getByText('Chưa có thông tin người này; hãy nhập.').waitFor();
      await page.getByLabel('Họ, chữ đệm và tên').fill('Nguyễn Thị Hương');
      // No scans yet: the server names every missing mandatory component.
      await page.getByRole('button', { name: 'Nhập hồ sơ' }).click();
      await page.getByText(/Thiếu thành phần bắt buộc/).first().waitFor();
      const inputs = page.locator('input[type=file]');
      assert.equal(await inputs.count(), 2);
      await inputs.nth(0).setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
      await inputs.nth(1).setInputFiles({ name: 'chung-cu.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.locator('.ant-upload-list-item-done').nth(1).waitFor();
      await page.getByRole('button', { name: 'Nhập hồ sơ' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kiểm tra và quyết định tiếp nhận' }).waitFor();
      await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
      await page.getByTestId('action-form-accept').getByRole('button', { name: 'Tiếp nhận' }).click();
      const accepted = page.getByTestId('accepted');
      await accepted.waitFor();
      const text = await accepted.innerText();
      code = /(\d{3}\.\d{2}\.\d{2}\.H99-\d{6}-\d{4})/.exec(text)?.[1] ?? '';
      assert.ok(code.startsWith(AGENCY), `a dossier code of the commune: ${text}`);
      assert.match(text, /Hẹn trả: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
      assert.match(text, /Chuyển trước/, 'the 8-working-hour handover clock is shown');
      await screenshot(page, 'desk-accepted');
      // The receipt as the desk prints it: the PDF behind the slip link, read by poppler and a QR decoder.
      const [, hh, mm, appointmentDay] = /Hẹn trả: (\d{2}):(\d{2}) (\d{2}\/\d{2}\/\d{4})/.exec(text)!;
      const receipt = await download(page, page.getByTestId('receipt-slips').locator('li', { hasText: /hẹn trả/i }).getByRole('link', { name: 'PDF' }));
      const printed = pdfText(receipt).replace(/\s+/g, ' ');
      assert.ok(printed.includes(code), `the code on the receipt: ${printed}`);
      assert.ok(printed.includes('Nguyễn Thị Hương'), 'the applicant on the receipt');
      assert.ok(printed.includes(`${hh} giờ ${mm} phút`), `the appointment ${hh}:${mm} ${appointmentDay} on the receipt: ${printed}`);
      const [dd, mo, yyyy] = appointmentDay!.split('/');
      assert.ok(printed.includes(`${dd}/${mo}/${yyyy}`) || printed.includes(`ngày ${dd} tháng ${mo} năm ${yyyy}`), `the appointment day on the receipt: ${printed}`);
      assert.equal(decodeQr(receipt), `${BASE_URL}/tra-cuu/${code}`);
      await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
      await page.waitForURL(/\/mot-cua\/ho-so\/[0-9a-f-]{36}$/);
      dossierId = page.url().split('/').pop()!;
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('the handover list shows the clock; a bulk action reports a result per dossier, refused ones included', async () => {
    assert.ok(dossierId, 'needs the received dossier');
    const { context, page } = await signedIn(browser, 'motcua.xa');
    try {
      await page.goto('/mot-cua/ho-so?list=handover');
      const row = page.locator('tr.ant-table-row', { hasText: code });
      await row.waitFor();
      assert.match(await row.innerText(), /Chuyển trước|Quá hạn chuyển/);
      await axeClean(page, 'work list');
      await row.getByRole('checkbox').check();
      await page.getByRole('region', { name: 'Thao tác hàng loạt' }).getByRole('button', { name: 'Tiếp nhận' }).click();
      await page.getByTestId('action-form-accept').getByRole('button', { name: 'Tiếp nhận' }).click();
      const report = await bulkReport(page);
      assert.match(await report.innerText(), new RegExp(`${code}\\s+Không thực hiện được`), 'an accepted dossier cannot be accepted again');
      await page.getByRole('button', { name: 'Đóng', exact: true }).click();
      await report.waitFor({ state: 'hidden' });
      await row.getByRole('checkbox').check();
      await page.getByRole('region', { name: 'Thao tác hàng loạt' }).getByRole('button', { name: 'Chuyển bước tiếp theo' }).click();
      await page.getByTestId('action-form-forward').getByRole('button', { name: 'Chuyển bước tiếp theo' }).click();
      await bulkReport(page);
      assert.match(await report.innerText(), new RegExp(`${code}\\s+Thành công`));
      await screenshot(page, 'desk-bulk-report');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('the specialist finds the dossier with the keyboard in the department list, with its warning label, and forwards it from the workspace', async () => {
    const { context, page } = await signedIn(browser, 'tuphap.xa');
    try {
      await page.goto('/mot-cua/ho-so?list=department');
      await page.locator('tr.ant-table-row').first().waitFor();
      await settled(page);
      const codes = await page.locator('tr.ant-table-row td:nth-child(2)').allInnerTexts();
      const index = codes.findIndex((c) => c.includes(code));
      assert.ok(index >= 0, `the dossier is in the department list: ${codes.join(', ')}`);
      const row = page.locator('tr.ant-table-row').nth(index);
      assert.match(await row.innerText(), /Trong hạn|Còn dưới 1 ngày làm việc|Quá hạn/, 'the warning is written, not only coloured');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      for (let i = 0; i < index; i++) await page.keyboard.press('j');
      await page.keyboard.press('k');
      await page.keyboard.press('ArrowDown');
      if (index === 0) await page.keyboard.press('k');
      assert.match((await page.locator('tr.row-active').innerText()) ?? '', new RegExp(code));
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`/mot-cua/ho-so/${dossierId}$`));
      await page.getByRole('heading', { level: 1, name: new RegExp(code) }).waitFor();
      await axeClean(page, 'workspace');
      // Per-step clocks [003 Art. 20–21]: the step holding the dossier is marked, each status written.
      const clocks = await page.getByTestId('step-clocks').innerText();
      assert.match(clocks, /đang xử lý/);
      assert.match(clocks, /Trong hạn|Đến hạn hôm nay|Quá hạn|Đã xong, đúng hạn|Đã xong, quá hạn|Không có thời hạn riêng/, 'the clock status is written, not only coloured');
      assert.match(await page.getByTestId('applicant-id').innerText(), /^•+9871$/, 'the ID number is masked until asked for');
      await page.getByRole('button', { name: 'Hiện' }).click();
      assert.equal(await page.getByTestId('applicant-id').innerText(), DESK_ID_NUMBER);
      await page.getByRole('button', { name: 'Chuyển bước tiếp theo' }).click();
      await page.getByTestId('action-form-forward').getByRole('button', { name: 'Chuyển bước tiếp theo' }).click();
      await page.getByText('Đã thực hiện: Chuyển bước tiếp theo').waitFor();
      await page.getByText('Bạn không có thao tác nào trên hồ sơ này lúc này.').waitFor();
      await screenshot(page, 'desk-workspace');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('the leader sends the result and signs it digitally in the workspace; the workspace shows who signed and that it is unchanged, and pdfsig finds the signature valid; the desk returns it', async () => {
    const leader = await signedIn(browser, 'ld.xa');
    try {
      const page = leader.page;
      await page.goto(`/mot-cua/ho-so/${dossierId}`);
      await page.getByRole('button', { name: 'Chuyển kết quả về một cửa' }).click();
      const form = page.getByTestId('action-form-send-result');
      await form.locator('input[type=file]').setInputFiles({ name: 'quyet-dinh.pdf', mimeType: 'application/pdf', buffer: textPdf('Quyet dinh cong nhan cha con') });
      await form.getByRole('button', { name: 'Chuyển kết quả về một cửa' }).click();
      await page.getByText('Đã thực hiện: Chuyển kết quả về một cửa').waitFor();
      const results = page.locator('.ws-card', { has: page.getByRole('heading', { name: 'Kết quả giải quyết' }) });
      await results.getByText('Chưa ký số').waitFor();
      await results.getByRole('button', { name: /Ký số kết quả/ }).click();
      await page.getByText('Đã ký số kết quả; bản đã ký được đính kèm hồ sơ').waitFor();
      // The signed copy is a new result file; its verification sits next to it.
      const signedRow = page.locator('tr.ant-table-row', { hasText: 'Ký bởi UBND tỉnh Đắk Lắk' });
      await signedRow.waitFor();
      assert.match(await signedRow.innerText(), /Ký bởi UBND tỉnh Đắk Lắk lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}; nội dung không bị sửa sau khi ký/);
      await axeClean(page, 'workspace with a signed result');
      await screenshot(page, 'desk-signed-result');
      const signed = await download(page, signedRow.getByRole('link', { name: 'Tải về' }));
      const sig = pdfsig(signed);
      assert.match(sig, /Signer Certificate Common Name: UBND tỉnh Đắk Lắk/);
      assert.match(sig, /Signature Validation: Signature is Valid/);
      assert.ok(pdfText(signed).includes('Quyet dinh cong nhan cha con'), 'the signed copy is the result');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await leader.context.close();
    }
    const { context, page } = await signedIn(browser, 'motcua.xa');
    try {
      await page.goto('/mot-cua/ho-so?list=results');
      await page.locator('tr.ant-table-row', { hasText: code }).getByRole('link').click();
      await page.getByRole('button', { name: 'Xác nhận đã trả kết quả' }).click();
      await page.getByTestId('action-form-return-result').getByRole('button', { name: 'Xác nhận đã trả kết quả' }).click();
      await page.getByText('Đã thực hiện: Xác nhận đã trả kết quả').waitFor();
      await page.locator('.ant-timeline').getByText('Đã trả kết quả').waitFor();
      const timeline = await page.locator('.ant-timeline').innerText();
      for (const s of ['Nộp / nhập hồ sơ', 'Tiếp nhận, cấp mã hồ sơ', 'Chuyển bước', 'Chuyển kết quả về một cửa', 'Đã trả kết quả']) assert.ok(timeline.includes(s), `timeline has ${s}`);
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('the dashboard counts the work lists; the work list at 375 px scrolls nothing sideways', async () => {
    const { context, page } = await signedIn(browser, 'motcua.xa', { viewport: PHONE });
    try {
      await page.getByTestId('worklist-counts').getByRole('link', { name: /Chờ trả kết quả/ }).waitFor();
      await axeClean(page, 'dashboard');
      await page.goto('/mot-cua/ho-so?list=department');
      await page.locator('.ant-table').waitFor();
      await settled(page);
      const o = await horizontalOverflow(page);
      assert.ok(o.scrollWidth <= o.clientWidth + 1, `no sideways scroll: ${JSON.stringify(o)}`);
      await screenshot(page, 'desk-worklist-375');
    } finally {
      await context.close();
    }
  });

  test('the process designer draws the steps and puts a server error on the offending step', async () => {
    const { context, page } = await signedIn(browser, 'quantri');
    try {
      await page.goto('/mot-cua/quy-trinh');
      await page.getByRole('heading', { level: 1, name: 'Quy trình điện tử' }).waitFor();
      await page.locator('.ant-select:has(#pd-agency)').click();
      await page.keyboard.type(AGENCY);
      await pick(page, `(${AGENCY})`);
      await page.locator('.ant-select:has(#pd-procedure)').click();
      await page.keyboard.type(PROCEDURE);
      await pick(page, `${PROCEDURE} — `);
      await page.getByRole('button', { name: 'Tạo phiên bản mới từ đây' }).click();
      await page.getByRole('img', { name: /Sơ đồ quy trình/ }).waitFor();
      await page.getByRole('textbox', { name: 'Mã bước — bước 2' }).fill('TN');
      await page.getByRole('button', { name: 'Kiểm tra' }).click();
      await page.getByTestId('step-1').getByRole('alert').waitFor();
      assert.match(await page.getByTestId('step-1').innerText(), /Mã bước bị trùng/);
      await axeClean(page, 'process designer');
      await screenshot(page, 'desk-process-designer');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('queue: a number taken at the kiosk is called by the desk and shown on the display', async () => {
    const kiosk = await openPage(browser, { bypassCSP: true });
    try {
      await kiosk.page.goto(`/xep-hang/${AGENCY}`);
      await kiosk.page.getByRole('heading', { level: 1, name: 'Lấy số thứ tự' }).waitFor();
      await axeClean(kiosk.page, 'kiosk');
      await kiosk.page.getByRole('button', { name: /Hộ tịch, chứng thực/ }).click();
      const label = (await kiosk.page.getByTestId('ticket').locator('.kiosk-number').innerText()).trim();
      assert.match(label, /^A\d{3}$/);
      await screenshot(kiosk.page, 'queue-kiosk');
      const { context, page } = await signedIn(browser, 'motcua.xa');
      try {
        await page.goto('/mot-cua/xep-hang');
        await page.locator('.ant-select:has(#q-counter)').click();
        await pick(page, 'Quầy 1');
        await page.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
        assert.match(await page.getByTestId('called').innerText(), /Mời số A\d{3} đến Quầy 1/);
        await axeClean(page, 'queue desk');
      } finally {
        await context.close();
      }
      await kiosk.page.goto(`/xep-hang/${AGENCY}/man-hinh`);
      await kiosk.page.getByRole('table', { name: 'Quầy' }).getByText(/A\d{3}/).waitFor();
      await axeClean(kiosk.page, 'display');
      await screenshot(kiosk.page, 'queue-display');
      await kiosk.page.goto('/kiosk/tra-cuu');
      await kiosk.page.getByRole('heading', { level: 1 }).waitFor();
      await axeClean(kiosk.page, 'lookup kiosk');
      assert.deepEqual(pageErrors(kiosk.page), []);
    } finally {
      await kiosk.context.close();
    }
  });
});
