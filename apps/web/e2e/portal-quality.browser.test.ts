import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { request, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BASE_URL, describeViolations, horizontalOverflow, launch, openPage, pageErrors, PHONE, runAxe, screenshot, settled } from './browser.ts';
import { minimalPdf, officer, pageApi, type Officer } from './citizen-helpers.ts';

/**
 * Issue #5's quality bar on the portal pages an earlier audit found untested, against the real
 * server with the demo province: axe-core, one h1 and no sideways scroll at 375 px on the wizard's
 * last steps and receipt, a dossier being supplemented, the withdrawal dialog, a filled inbox and
 * document store, the site map and the 404 page; keyboard-only journeys (Tab, Enter and Space, the
 * focus visible at every stop); the online submission within three clicks of the home page; and
 * the account features: password reset with the mailed code, an organisation by tax code,
 * notification preferences, the inbox's mark-read and links. [SPEC §3, §4, §9, §12, §13, §19]
 */
const PROC = '1.001193';
const AGENCY = '000.00.31.H99';
const PASSWORD = 'Sông Hồng 2026';
const MAIL_DIR = process.env.MAIL_SINK_DIR ?? '';
const FORM = {
  nguoiYeuCau: { hoTen: 'Đỗ Thị Lan', soDinhDanh: '066190004321', noiCuTru: 'phường Buôn Ma Thuột, tỉnh Đắk Lắk', quanHe: 'mẹ' },
  nguoiDuocKhaiSinh: { hoTen: 'Y Khang Niê', gioiTinh: 'Nam', ngaySinh: '2026-11-01', noiSinh: 'Bệnh viện Đa khoa vùng Tây Nguyên', danToc: 'Ê Đê', quocTich: 'Việt Nam' },
  me: { hoTen: 'Đỗ Thị Lan' },
};

let n = 0;
function newPerson() {
  n++;
  const idNumber = `0${String(Date.now()).slice(-9)}${String(n).padStart(2, '0')}`;
  return { idNumber, email: `chatluong.${idNumber}@example.vn`, fullName: 'Đỗ Thị Lan' };
}

interface Mail {
  to: string[];
  subject: string;
  text: string;
}
function mailsTo(to: string): Mail[] {
  assert.ok(MAIL_DIR, 'MAIL_SINK_DIR is set by scripts/test.mjs');
  return fs
    .readdirSync(MAIL_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(MAIL_DIR, f), 'utf8')) as Mail)
    .filter((m) => m.to.includes(to));
}
/** The 6-digit code of the first mail to `to` after the first `seen` ones (waits for the worker). */
async function codeFromNewMail(to: string, seen: number): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const m = /(?<!\d)(\d{6})(?!\d)/.exec(mailsTo(to)[seen]?.text ?? '');
    if (m) return m[1]!;
    if (Date.now() > deadline) throw new Error(`no new mail with a code reached ${to}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Registers, confirms and signs in through the API in the page's context (cookies included). */
async function signedInCitizen(page: Page): Promise<ReturnType<typeof newPerson>> {
  const p = newPerson();
  const r = await page.request.post('/api/v1/accounts/register', { data: { accountType: 'individual', fullName: p.fullName, idNumber: p.idNumber, dateOfBirth: '1990-02-03', phone: '0905123456', email: p.email, password: PASSWORD } });
  assert.equal(r.status(), 201, await r.text());
  const code = await codeFromNewMail(p.email, 0);
  assert.equal((await page.request.post('/api/v1/accounts/verify-email', { data: { email: p.email, code } })).status(), 204);
  assert.equal((await page.request.post('/api/v1/auth/citizen-login', { data: { username: p.email, password: PASSWORD } })).status(), 200);
  return p;
}

async function uploadPdf(page: Page, name: string): Promise<string> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'motcua_csrf')!.value;
  const up = await page.request.post('/api/v1/files', { multipart: { file: { name, mimeType: 'application/pdf', buffer: minimalPdf(name) } }, headers: { 'x-csrf-token': csrf } });
  assert.equal(up.status(), 201, await up.text());
  return ((await up.json()) as { id: string }).id;
}

/** A birth registration submitted through the API by the signed-in citizen of the page. */
async function submitDossier(page: Page): Promise<string> {
  const fileId = await uploadPdf(page, 'giay-chung-sinh.pdf');
  const sub = await pageApi(
    page,
    'POST',
    '/api/v1/dossiers',
    { procedureCode: PROC, caseCode: 'TH1', agencyCode: AGENCY, applicant: { kind: 'individual', fullName: 'Đỗ Thị Lan', idNumber: '066190004321' }, forms: { TO_KHAI: FORM }, files: [{ componentCode: 'GIAY_CHUNG_SINH', fileId }], resultChannel: 'online', notifyChannels: ['in-app'] },
    { 'idempotency-key': crypto.randomUUID() },
  );
  assert.equal(sub.status, 201, JSON.stringify(sub.json));
  return sub.json.id as string;
}

/** Axe-core clean (no serious or critical WCAG 2.1 A/AA violation), one h1, no sideways scroll at the page's width; a screenshot kept. */
async function quality(page: Page, name: string): Promise<void> {
  await settled(page);
  const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(violations, [], `${name}:\n${describeViolations(violations)}`);
  assert.equal(await page.locator('h1').count(), 1, `${name}: exactly one h1`);
  const o = await horizontalOverflow(page);
  assert.ok(o.scrollWidth <= o.clientWidth, `${name} scrolls sideways: ${o.scrollWidth} > ${o.clientWidth}`);
  await screenshot(page, `quality-${name}`);
}

interface Focused {
  tag: string;
  type: string;
  name: string;
  group: string;
  visible: boolean;
  style: string;
}
/** What has the keyboard focus: its accessible name (label, aria-label or text), its fieldset's legend, and whether a focus ring shows. */
async function focused(page: Page): Promise<Focused | null> {
  return page.evaluate<Focused | null>(`(() => {
    const el = document.activeElement;
    // Nothing, or a target focused by the page itself (the main region after a route change), is no Tab stop.
    if (!el || el === document.body || el.tabIndex < 0) return null;
    const text = (s) => (s ?? '').replace(/\\s+/g, ' ').trim();
    const input = el;
    const labelledBy = el.getAttribute('aria-labelledby');
    const name = text(input.labels?.[0]?.textContent) || text(el.getAttribute('aria-label')) || (labelledBy ? text(document.getElementById(labelledBy)?.textContent) : '') || text(el.textContent);
    const group = text(el.closest('fieldset')?.querySelector('legend')?.textContent) || text(el.closest('[role="radiogroup"], [role="group"]')?.getAttribute('aria-label'));
    // A ring shows when the element, or the drawn box standing for a hidden native control (antd's
    // radio and checkbox), has an outline and is painted (not transparent, not zero-sized).
    const painted = (n) => {
      let o = 1;
      for (let x = n; x; x = x.parentElement) o *= Number(getComputedStyle(x).opacity);
      const r = n.getBoundingClientRect();
      return o > 0.1 && r.width > 0 && r.height > 0;
    };
    const ring = (n) => {
      const s = getComputedStyle(n);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
    };
    const candidates = [el, el.nextElementSibling, el.parentElement].filter((x) => !!x);
    const st = getComputedStyle(el);
    return { tag: el.tagName, type: input.type ?? '', name, group, visible: candidates.some((c) => painted(c) && ring(c)), style: st.outlineStyle + ' ' + st.outlineWidth + ' ' + st.opacity + ' ' + el.matches(':focus-visible') + ' ' + el.className };
  })()`);
}

/** The keys that type `iso` into a date field, in the order of the field's parts in this Chromium (its UI language decides, not the page's). */
async function dateKeys(browser: Browser, iso: string): Promise<string> {
  const p = await browser.newPage();
  try {
    await p.setContent('<input type="date" id="d">');
    await p.focus('#d');
    await p.keyboard.type('01021990');
    const probe = await p.evaluate(() => (document.getElementById('d') as HTMLInputElement).value);
    const [y, m, d] = iso.split('-');
    return probe === '1990-01-02' ? `${m}${d}${y}` : probe === '1990-02-01' ? `${d}${m}${y}` : `${y}${m}${d}`;
  } finally {
    await p.close();
  }
}

/** Presses Tab until the focus reaches what `want` accepts; every stop on the way must show its focus. */
async function tabTo(page: Page, want: (f: Focused) => boolean, what: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f) continue;
    assert.ok(f.visible, `the keyboard focus on ${f.tag} "${f.name}" is visible (on the way to ${what}): ${f.style}`);
    if (want(f)) return;
  }
  assert.fail(`${what} is not reachable with Tab`);
}
const field = (label: string | RegExp) => (f: Focused) => f.tag === 'INPUT' && (typeof label === 'string' ? f.name.startsWith(label) : label.test(f.name));
const button = (label: string) => (f: Focused) => f.tag === 'BUTTON' && f.name === label;
const link = (label: string) => (f: Focused) => f.tag === 'A' && f.name === label;

describe('portal quality bar: axe, one h1 and 375 px on every page; keyboard alone; three clicks to submit; account features', () => {
  let browser: Browser;
  let desk: Officer;
  let spec: Officer;
  let cookies: Awaited<ReturnType<BrowserContext['cookies']>> = [];
  let person: ReturnType<typeof newPerson>;

  /** A page of the shared signed-in citizen. */
  const citizenPage = async (opts: { viewport?: { width: number; height: number }; bypassCSP?: boolean } = {}) => {
    const { context, page } = await openPage(browser, opts);
    await context.addCookies(cookies);
    return { context, page };
  };

  before(async () => {
    browser = await launch();
    desk = await officer('motcua.xa');
    spec = await officer('tuphap.xa');
    const { context, page } = await openPage(browser);
    person = await signedInCitizen(page);
    cookies = await context.cookies();
    await context.close();
  });
  after(async () => {
    await browser?.close();
    await desk?.ctx.dispose();
    await spec?.ctx.dispose();
  });

  test('wizard step 4 (result and notification channels), step 5 (review) and the submission receipt pass axe-core, have one h1 and no sideways scroll at 375 px', async () => {
    const { context, page } = await citizenPage({ viewport: PHONE, bypassCSP: true });
    try {
      await page.goto('/');
      const fileId = await uploadPdf(page, 'giay-chung-sinh.pdf');
      const draft = await pageApi(page, 'POST', '/api/v1/me/drafts', {
        procedureCode: PROC,
        title: 'Thủ tục đăng ký khai sinh',
        data: {
          step: 3,
          caseCode: 'TH1',
          agencyCode: AGENCY,
          applicant: { kind: 'individual', fullName: 'Đỗ Thị Lan', idNumber: '066190004321', email: person.email },
          forms: { TO_KHAI: FORM },
          files: { GIAY_CHUNG_SINH: [{ id: fileId, name: 'giay-chung-sinh.pdf', mediaType: 'application/pdf', size: 600 }] },
          resultChannel: 'post',
          resultAddress: '',
          notifyChannels: ['in-app', 'email'],
        },
      });
      assert.equal(draft.status, 201, JSON.stringify(draft.json));
      await page.goto(`/nop-ho-so/${PROC}?nhap=${draft.json.id as string}`);
      await page.getByRole('heading', { level: 1, name: /Bước 4\/5/ }).waitFor();
      // The post address is asked for, with its error in place.
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByText('Cần địa chỉ nhận kết quả').waitFor();
      await quality(page, 'wizard-step4-error');
      await page.getByLabel('Địa chỉ nhận kết quả qua bưu chính').fill('12 Lê Duẩn, phường Buôn Ma Thuột, tỉnh Đắk Lắk');
      await quality(page, 'wizard-step4');
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.getByRole('heading', { level: 1, name: /Bước 5\/5/ }).waitFor();
      await page.getByTestId('expected-appointment').waitFor();
      await quality(page, 'wizard-step5-review');
      await page.getByTestId('submit-dossier').click();
      await page.getByTestId('receipt').waitFor();
      await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' }).waitFor();
      await quality(page, 'wizard-receipt');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('a dossier being supplemented and its withdrawal dialog pass axe-core, have one h1 and no sideways scroll at 375 px', async () => {
    const { context, page } = await citizenPage({ viewport: PHONE, bypassCSP: true });
    try {
      await page.goto('/');
      const id = await submitDossier(page);
      assert.equal((await desk.post(`/api/v1/dossiers/${id}/actions`, { type: 'accept' })).status, 200);
      assert.equal((await desk.post(`/api/v1/dossiers/${id}/actions`, { type: 'forward' })).status, 200);
      const sup = await spec.post(`/api/v1/dossiers/${id}/actions`, { type: 'request-supplement', missing: ['Bản chụp Giấy chứng sinh rõ nét'], reason: 'Bản chụp bị mờ' });
      assert.equal(sup.status, 200, JSON.stringify(sup.json));
      await page.goto(`/ca-nhan/ho-so/${id}`);
      await page.getByRole('heading', { name: 'Bổ sung hồ sơ' }).waitFor();
      await quality(page, 'dossier-supplement');
      // A replaced file in the answer keeps the page clean too.
      await page.getByLabel(/Thay tệp: Giấy chứng sinh/).setInputFiles({ name: 'giay-chung-sinh-ro.pdf', mimeType: 'application/pdf', buffer: minimalPdf('Giay chung sinh ro net') });
      await page.getByRole('link', { name: 'giay-chung-sinh-ro.pdf' }).waitFor();
      await quality(page, 'dossier-supplement-replaced');

      await page.getByRole('button', { name: 'Đề nghị rút hồ sơ' }).click();
      const dialog = page.getByRole('dialog', { name: 'Đề nghị rút hồ sơ' });
      await dialog.waitFor();
      await quality(page, 'withdrawal-dialog');
      await dialog.getByRole('button', { name: 'Gửi đề nghị rút' }).click();
      await dialog.getByText('Cần nêu lý do rút hồ sơ').waitFor();
      await quality(page, 'withdrawal-dialog-error');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('the inbox with messages and the document store with documents pass axe-core, have one h1 and no sideways scroll at 375 px', async () => {
    const { context, page } = await citizenPage({ viewport: PHONE, bypassCSP: true });
    try {
      await page.goto('/');
      const id = await submitDossier(page);
      assert.equal((await desk.post(`/api/v1/dossiers/${id}/actions`, { type: 'accept' })).status, 200);
      for (let i = 0; i < 100 && ((await pageApi(page, 'GET', '/api/v1/me/notifications')).json.total as number) < 1; i++) await page.waitForTimeout(200);
      const stored = await pageApi(page, 'POST', '/api/v1/me/documents', { fileId: await uploadPdf(page, 'so-ho-khau.pdf'), title: 'Giấy xác nhận thông tin cư trú' });
      assert.equal(stored.status, 201, JSON.stringify(stored.json));

      await page.goto('/ca-nhan/thong-bao');
      await page.locator('.inbox-item').first().waitFor();
      await quality(page, 'inbox-items');
      await page.goto('/ca-nhan/kho-du-lieu');
      await page.getByTestId('store-list').getByText('Giấy xác nhận thông tin cư trú').waitFor();
      await quality(page, 'store-items');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('the site map and the 404 page pass axe-core, have one h1 and no sideways scroll at 375 px', async () => {
    const { context, page } = await openPage(browser, { viewport: PHONE, bypassCSP: true });
    try {
      await page.goto('/so-do-trang');
      await page.getByRole('heading', { level: 1, name: 'Sơ đồ trang' }).waitFor();
      await page.getByRole('link', { name: /đăng ký khai sinh/i }).first().waitFor();
      await quality(page, 'sitemap');
      await page.goto('/trang-khong-co-that');
      await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
      await quality(page, 'not-found');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('a citizen registers, confirms the e-mail and signs in with the keyboard alone (Tab, Enter, Space), the focus visible at every stop', async () => {
    const { context, page } = await openPage(browser);
    try {
      const p = newPerson();
      await page.goto('/dang-ky');
      await page.getByRole('heading', { level: 1, name: 'Đăng ký tài khoản' }).waitFor();
      for (const [label, value] of [
        ['Họ và tên', p.fullName],
        ['Số định danh cá nhân', p.idNumber],
        ['Ngày sinh', await dateKeys(browser, '1991-07-15')],
        ['Số điện thoại', '0905123456'],
        ['Thư điện tử', p.email],
        ['Mật khẩu', PASSWORD],
        ['Nhập lại mật khẩu', PASSWORD],
      ] as const) {
        await tabTo(page, field(label), label);
        await page.keyboard.type(value);
      }
      await tabTo(page, button('Đăng ký'), 'the register button');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/xac-minh\?email=/);
      await tabTo(page, field('Mã xác nhận'), 'the code field');
      await page.keyboard.type(await codeFromNewMail(p.email, 0));
      await tabTo(page, button('Xác nhận'), 'the confirm button');
      await page.keyboard.press('Enter');
      await page.getByTestId('verify-done').waitFor();
      await tabTo(page, link('Đăng nhập'), 'the sign-in link');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/dang-nhap$/);
      await tabTo(page, field('Thư điện tử, số định danh hoặc mã số thuế'), 'the username field');
      await page.keyboard.type(p.idNumber);
      await tabTo(page, field('Mật khẩu'), 'the password field');
      await page.keyboard.type(PASSWORD);
      await tabTo(page, button('Đăng nhập'), 'the sign-in button');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/ca-nhan$/);
      const facts = await page.getByTestId('profile-facts').innerText();
      for (const s of [p.fullName, p.idNumber, '15/07/1991', 'Đã xác nhận']) assert.ok(facts.includes(s), `the profile shows ${s}`);
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('a completed dossier is rated and a dossier is looked up by code with the keyboard alone (Tab, Enter, Space), the focus visible at every stop', async () => {
    const { context, page } = await citizenPage();
    try {
      await page.goto('/');
      const id = await submitDossier(page);
      const accepted = await desk.post(`/api/v1/dossiers/${id}/actions`, { type: 'accept' });
      assert.equal(accepted.status, 200, JSON.stringify(accepted.json));
      const code = accepted.json.code as string;
      assert.equal((await desk.post(`/api/v1/dossiers/${id}/actions`, { type: 'forward' })).status, 200);
      const fileId = await spec.upload('giay-khai-sinh.pdf', minimalPdf('Giay khai sinh'));
      assert.equal((await spec.post(`/api/v1/dossiers/${id}/actions`, { type: 'send-result', results: [{ fileId, name: 'Giấy khai sinh (bản điện tử)' }] })).status, 200);
      assert.equal((await desk.post(`/api/v1/dossiers/${id}/actions`, { type: 'return-result', how: 'online' })).status, 200);

      // From the dossier to its rating page and through the four criteria.
      await page.goto(`/ca-nhan/ho-so/${id}`);
      await page.getByTestId('dossier-code').getByText(code).waitFor();
      await tabTo(page, link('Đánh giá'), 'the rating link');
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`/ca-nhan/ho-so/${id}/danh-gia$`));
      await page.getByRole('heading', { level: 1, name: 'Đánh giá mức độ hài lòng' }).waitFor();
      for (const legend of ['Đánh giá chung', 'Sự thuận tiện khi thực hiện thủ tục', 'Thời gian giải quyết (đúng hẹn)', 'Thái độ, tinh thần phục vụ của cán bộ']) {
        await tabTo(page, (f) => f.type === 'radio' && f.group === legend, `a level of “${legend}”`);
        await page.keyboard.press('Space');
        assert.equal(await page.getByRole('group', { name: legend }).getByLabel('Rất hài lòng').isChecked(), true, `${legend}: chosen with Space`);
      }
      await tabTo(page, button('Gửi đánh giá'), 'the send button');
      await page.keyboard.press('Enter');
      await page.getByTestId('rating-done').waitFor();
      const kept = await pageApi(page, 'GET', `/api/v1/me/dossiers/${id}/rating`);
      assert.equal((kept.json.rating as { overall: string }).overall, 'very_satisfied');

      // Anyone looks the code up at /tra-cuu.
      await page.goto('/tra-cuu');
      await tabTo(page, field('Mã hồ sơ'), 'the code field');
      await page.keyboard.type(code);
      await tabTo(page, button('Tìm kiếm'), 'the search button');
      await page.keyboard.press('Enter');
      await page.getByRole('article', { name: `Mã hồ sơ ${code}` }).waitFor();
      assert.match(page.url(), new RegExp(`/tra-cuu/${code.replace(/\./g, '\\.')}$`));
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('the online submission of a procedure is at most 3 clicks from the home page: field → procedure → "Nộp hồ sơ trực tuyến"; every field’s procedures fit its first list page', async () => {
    const { context, page } = await citizenPage();
    try {
      const proc = await pageApi(page, 'GET', `/api/v1/procedures/${PROC}`);
      const { content, field: f } = proc.json as { content: { name: string }; field: { code: string; name: string } };
      let clicks = 0;
      const click = async (l: ReturnType<Page['getByRole']>) => {
        clicks++;
        await l.click();
      };
      await page.goto('/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await click(page.locator('.field-list').getByRole('link', { name: f.name, exact: true }));
      await page.waitForURL(/\/thu-tuc\?field=/);
      await click(page.getByRole('link', { name: content.name, exact: true }).first());
      await page.waitForURL(new RegExp(`/thu-tuc/${PROC.replace('.', '\\.')}$`));
      await click(page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến', exact: true }));
      await page.getByRole('heading', { level: 1, name: /Bước 1\/5/ }).waitFor();
      assert.ok(clicks <= 3, `${clicks} clicks`);

      // The same path holds for every procedure: the home page links every field that has one, and a
      // field's list shows all of its procedures on the first page (20 a page), with no paging click.
      await page.goto('/');
      await page.locator('.field-list a').first().waitFor();
      const homeLinks = new Set(await page.locator('.field-list a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).searchParams.get('field'))));
      const fields = (await pageApi(page, 'GET', '/api/v1/fields')).json as unknown as { code: string; procedures?: number }[] | { items: { code: string; procedures?: number }[] };
      const list = Array.isArray(fields) ? fields : fields.items;
      for (const fl of list) {
        const r = await pageApi(page, 'GET', `/api/v1/procedures?field=${encodeURIComponent(fl.code)}&pageSize=1`);
        const total = r.json.total as number;
        if (!total) continue;
        assert.ok(homeLinks.has(fl.code), `the home page links the field ${fl.code}`);
        assert.ok(total <= 20, `the field ${fl.code} lists ${total} procedures: more than one page`);
      }
    } finally {
      await context.close();
    }
  });

  test('a forgotten password is reset with the code from the mail, and the new password signs in', async () => {
    const { context, page } = await openPage(browser);
    try {
      const p = await signedInCitizen(page);
      await context.clearCookies();
      const seen = mailsTo(p.email).length;
      await page.goto('/dang-nhap');
      await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Quên mật khẩu' }).waitFor();
      await page.getByLabel('Thư điện tử, số định danh hoặc mã số thuế').fill(p.email);
      await page.getByRole('button', { name: 'Gửi mã' }).click();
      await page.getByText(/mã đặt lại mật khẩu đã được gửi/).waitFor();
      await page.getByLabel('Mã đặt lại mật khẩu (6 chữ số)').fill(await codeFromNewMail(p.email, seen));
      const fresh = 'Buôn Đôn 2027 mới';
      await page.getByLabel('Mật khẩu mới').fill(fresh);
      await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
      await page.getByText('Đã đặt mật khẩu mới. Vui lòng đăng nhập.').waitFor();
      await page.getByRole('main').getByRole('link', { name: 'Đăng nhập' }).click();
      await page.waitForURL(/\/dang-nhap$/);
      await page.getByLabel('Thư điện tử, số định danh hoặc mã số thuế').fill(p.email);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(fresh);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.waitForURL(/\/ca-nhan$/);
      await page.getByTestId('profile-facts').waitFor();
      const anon = await request.newContext({ baseURL: BASE_URL });
      const old = await anon.post('/api/v1/auth/citizen-login', { data: { username: p.email, password: PASSWORD } });
      await anon.dispose();
      assert.equal(old.status(), 401, 'the old password no longer signs in');
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('an organisation registers with its tax code, confirms the e-mail and signs in by tax code; the profile shows the organisation', async () => {
    const { context, page } = await openPage(browser);
    try {
      const stamp = String(Date.now()).slice(-7);
      const taxCode = `610${stamp}`;
      const email = `doanhnghiep.${stamp}@example.vn`;
      await page.goto('/dang-ky');
      await page.getByRole('radio', { name: 'Tổ chức, doanh nghiệp' }).check();
      await page.getByLabel('Mã số thuế').fill('12345');
      await page.getByLabel('Tên tổ chức, doanh nghiệp').fill('Công ty TNHH Cà phê Buôn Ma Thuột');
      await page.getByLabel('Họ và tên người đại diện').fill('Nguyễn Văn Bình');
      await page.getByLabel('Thư điện tử').fill(email);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Nhập lại mật khẩu').fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng ký' }).click();
      await page.getByText('Mã số thuế gồm 10 chữ số, hoặc dạng 0123456789-001').waitFor();
      await page.getByLabel('Mã số thuế').fill(taxCode);
      await page.getByRole('button', { name: 'Đăng ký' }).click();
      await page.waitForURL(/\/xac-minh\?email=/);
      await page.getByLabel('Mã xác nhận (6 chữ số)').fill(await codeFromNewMail(email, 0));
      await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
      await page.getByTestId('verify-done').getByRole('link', { name: 'Đăng nhập' }).click();
      await page.waitForURL(/\/dang-nhap$/);
      await page.getByLabel('Thư điện tử, số định danh hoặc mã số thuế').fill(taxCode);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.waitForURL(/\/ca-nhan$/);
      const facts = await page.getByTestId('profile-facts').innerText();
      for (const s of [taxCode, 'Công ty TNHH Cà phê Buôn Ma Thuột', 'Nguyễn Văn Bình', email]) assert.ok(facts.includes(s), `the profile shows ${s}`);
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('notification preferences are saved and still chosen after a reload', async () => {
    const { context, page } = await citizenPage();
    try {
      await page.goto('/ca-nhan');
      const box = page.getByRole('checkbox', { name: 'Yêu cầu bổ sung hồ sơ: Thư điện tử' });
      await box.waitFor();
      const was = await box.isChecked();
      await box.setChecked(!was);
      await page.locator('section[aria-labelledby="pf-prefs"]').getByRole('button', { name: 'Lưu' }).click();
      await page.getByText('Đã lưu lựa chọn nhận thông báo').waitFor();
      await page.reload();
      await page.getByRole('checkbox', { name: 'Yêu cầu bổ sung hồ sơ: Thư điện tử' }).waitFor();
      assert.equal(await page.getByRole('checkbox', { name: 'Yêu cầu bổ sung hồ sơ: Thư điện tử' }).isChecked(), !was);
      const prefs = await pageApi(page, 'GET', '/api/v1/me/notification-preferences');
      assert.equal((prefs.json['dossier.supplement-requested'] as { email: boolean }).email, !was);
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('in the inbox a message is marked read, and its link opens a page of the portal, not the 404 page', async () => {
    const { context, page } = await citizenPage();
    try {
      await page.goto('/');
      const id = await submitDossier(page);
      const accepted = await desk.post(`/api/v1/dossiers/${id}/actions`, { type: 'accept' });
      assert.equal(accepted.status, 200);
      const code = accepted.json.code as string;
      type Item = { id: string; title: string; link: string | null; readAt: string | null; dossierId?: string | null };
      let mine: Item | undefined;
      for (let i = 0; i < 100 && !mine; i++) {
        const items = (await pageApi(page, 'GET', '/api/v1/me/notifications?pageSize=50')).json.items as Item[];
        mine = items.find((x) => x.dossierId === id && x.link && !x.readAt);
        if (!mine) await page.waitForTimeout(200);
      }
      assert.ok(mine, 'the acceptance reached the inbox with a link');

      await page.goto('/ca-nhan/thong-bao');
      const summary = page.getByText(/chưa đọc trên tổng số/);
      await summary.waitFor();
      const unread = async () => Number(/^(\d+)/.exec(await summary.innerText())![1]);
      const before = await unread();
      const item = page.locator('.inbox-item').filter({ hasText: code }).first();
      await item.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
      await item.getByRole('button', { name: 'Đánh dấu đã đọc' }).waitFor({ state: 'detached' });
      assert.equal(await unread(), before - 1);
      const after = ((await pageApi(page, 'GET', '/api/v1/me/notifications?pageSize=50')).json.items as Item[]).find((x) => x.id === mine!.id)!;
      assert.ok(after.readAt, 'read on the server');

      await item.getByRole('link', { name: 'Xem chi tiết' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/ca-nhan/thong-bao'));
      await settled(page);
      assert.equal(await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).count(), 0, `${page.url()} is not the 404 page`);
      await page.getByText(code).first().waitFor();
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });
});
