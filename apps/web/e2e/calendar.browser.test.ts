import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { ddmmyyyy, describeViolations, horizontalOverflow, launch, openPage, pageErrors, PHONE, runAxe, screenshot, settled, signIn } from './browser.ts';

interface Day {
  date: string;
  kind: 'working' | 'weekend' | 'holiday' | 'makeup';
  label?: string;
  source: string;
}
interface Deadline {
  receivedAt: string;
  countedFrom: string;
  deadline: string;
  appointment: string;
}
interface Procedure {
  content: { timeLimit: { unit: 'working-days' | 'working-hours'; value: number; onTheSpot?: boolean } };
  agencies: { code: string }[];
}

const WEEKDAY = { vi: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'], en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] };
const weekday = (date: string) => new Date(`${date.slice(0, 10)}T00:00:00Z`).getUTCDay();
/** "2026-11-27T07:30:00+07:00" → "Thứ Sáu, 27/11/2026 07:30" (the API answers at +07:00). */
function vnDateTime(iso: string, lang: 'vi' | 'en' = 'vi'): string {
  assert.match(iso, /\+07:00$/);
  return `${WEEKDAY[lang][weekday(iso)]}, ${ddmmyyyy(iso)} ${iso.slice(11, 16)}`;
}

async function json<T>(page: Page, url: string): Promise<T> {
  const r = await page.request.get(url);
  assert.equal(r.status(), 200, `${url} → ${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

/** The appointment a procedure page shows equals the API's answer for the same receipt instant. */
async function checkAppointment(page: Page, code: string, lang: 'vi' | 'en' = 'vi'): Promise<string> {
  const proc = await json<Procedure>(page, `/api/v1/procedures/${code}`);
  await page.goto(`/thu-tuc/${code}`);
  await page.locator('h1').waitFor();
  const box = page.getByTestId('expected-appointment');
  await box.waitFor();
  const tl = proc.content.timeLimit;
  if (tl.onTheSpot) {
    assert.equal((await box.innerText()).trim(), lang === 'vi' ? 'Trả kết quả ngay trong buổi làm việc' : 'The result is returned within the same working session');
    return 'on-the-spot';
  }
  const receivedAt = (await box.getAttribute('data-received-at')) ?? '';
  assert.ok(Math.abs(Date.parse(receivedAt) - Date.now()) < 5 * 60_000, `receipt "now": ${receivedAt}`);
  const unit = tl.unit === 'working-hours' ? 'workingHours' : 'workingDays';
  const q = new URLSearchParams({ receivedAt, [unit]: String(tl.value), agency: proc.agencies[0]!.code });
  const answer = await json<Deadline>(page, `/api/v1/calendar/deadline?${q}`);
  const text = await box.innerText();
  const lead = lang === 'vi' ? 'Nộp ngay bây giờ, dự kiến hẹn trả:' : 'Submit now — expected return:';
  assert.ok(text.includes(`${lead} ${vnDateTime(answer.appointment, lang)}`), `${code}: "${text}" should show ${vnDateTime(answer.appointment, lang)}`);
  assert.equal(await box.locator('time').getAttribute('datetime'), answer.appointment);
  assert.match(text, lang === 'vi' ? /Chỉ tính ngày làm việc \(không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết\)/ : /Only working days count/);
  assert.match(text, lang === 'vi' ? /Giấy tiếp nhận hồ sơ và hẹn trả kết quả/ : /receipt slip/);
  return answer.appointment;
}

describe('working calendar', () => {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('a procedure page shows the expected appointment of a dossier submitted now, equal to what /api/v1/calendar/deadline answers', async () => {
    for (const viewport of ['desktop', 'phone'] as const) {
      const { context, page } = await openPage(browser, viewport === 'phone' ? { viewport: PHONE } : {});
      try {
        // 1.001193 (birth registration) is resolved on the spot: no date, the on-the-spot sentence.
        await checkAppointment(page, '1.001193');
        await screenshot(page, `calendar-procedure-on-the-spot-${viewport}`, false);
        // 1.004873 (marital status certificate) takes working days: the date is the API's.
        const appointment = await checkAppointment(page, '1.004873');
        assert.notEqual(appointment, 'on-the-spot', '1.004873 has a limit in working days');
        await screenshot(page, `calendar-procedure-appointment-${viewport}`, false);
        if (viewport === 'phone') {
          const o = await horizontalOverflow(page);
          assert.ok(o.scrollWidth <= o.clientWidth, `scrolls sideways at 375 px: ${o.scrollWidth} > ${o.clientWidth}`);
        }
        assert.deepEqual(pageErrors(page), []);
      } finally {
        await context.close();
      }
    }
    const { context, page } = await openPage(browser, { lang: 'en' });
    try {
      await checkAppointment(page, '1.004873', 'en');
    } finally {
      await context.close();
    }
  });

  test('when the calendar API fails, the procedure page shows no appointment rather than a wrong one', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.route('**/api/v1/calendar/deadline**', (r) =>
        r.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503 }) }),
      );
      await page.goto('/thu-tuc/1.004873');
      await page.locator('h1').waitFor();
      await settled(page);
      assert.equal(await page.getByTestId('expected-appointment').count(), 0);
      assert.doesNotMatch(await page.locator('main').innerText(), /dự kiến hẹn trả/);
      assert.match(await page.locator('main').innerText(), /3 ngày làm việc/);
    } finally {
      await context.close();
    }
  });

  test('an administrator sees Tết 2026 in the year view, makes a working day of 2027 a holiday, sees it in the year view and in the API, then removes the change', async () => {
    const { context, page } = await openPage(browser);
    try {
      await signIn(page, 'quantri');
      await page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
      await page.getByRole('menuitem', { name: 'Lịch làm việc' }).click();
      await page.waitForURL(/\/mot-cua\/lich-lam-viec/);
      await page.getByRole('heading', { level: 1, name: 'Lịch làm việc' }).waitFor();

      await page.goto('/mot-cua/lich-lam-viec?nam=2026');
      await page.getByRole('heading', { level: 2, name: 'Lịch làm việc năm 2026' }).waitFor();
      // 17/02/2026 is mùng 1 Tết: a day off by colour, by its letter and by its name.
      const tet = page.getByRole('button', { name: /^Thứ Ba 17\/02\/2026 — Ngày nghỉ: Tết Nguyên đán/ });
      await tet.waitFor();
      assert.match((await tet.getAttribute('class')) ?? '', /\bcal-holiday\b/);
      assert.equal(await tet.locator('.cal-mark').innerText(), 'N');
      // The year's official schedule is shown with its documents, linked to where they were read.
      const sources = page.locator('.ant-card', { has: page.getByRole('heading', { name: 'Nguồn lịch nghỉ năm 2026' }) });
      assert.match(await sources.innerText(), /9441\/TB-BNV/);
      assert.ok((await sources.locator('a[href^="http"][target="_blank"]').count()) >= 1);
      await screenshot(page, 'calendar-year-2026');

      await tet.click();
      const tetDialog = page.getByRole('dialog', { name: 'Thứ Ba 17/02/2026' });
      await tetDialog.waitFor();
      assert.match(await tetDialog.innerText(), /Lịch nghỉ chính thức năm 2026/);
      assert.match(await tetDialog.innerText(), /Không làm việc/);
      await screenshot(page, 'calendar-day-dialog', false);
      await tetDialog.getByRole('button', { name: 'Hủy' }).click();
      await tetDialog.waitFor({ state: 'hidden' });

      // A Wednesday of 2027 that is an ordinary working day (picked from the API, not hard-coded).
      const year = await json<{ days: Day[] }>(page, '/api/v1/calendar/days?from=2027-01-01&to=2027-12-31');
      const target = year.days.find((d) => d.kind === 'working' && d.source === 'weekly' && weekday(d.date) === 3 && d.date >= '2027-03-01');
      assert.ok(target, 'a working Wednesday in 2027');
      const name = `Thứ Tư ${ddmmyyyy(target.date)}`;
      const label = 'Nghỉ đột xuất (kiểm thử lịch)';

      await page.getByRole('button', { name: 'Năm sau' }).click();
      await page.getByRole('heading', { level: 2, name: 'Lịch làm việc năm 2027' }).waitFor();
      const cell = page.locator(`button[data-date="${target.date}"]`);
      await cell.waitFor();
      assert.equal(await cell.getAttribute('title'), `${name} — Ngày làm việc`);
      await page.getByRole('button', { name: `${name} — Ngày làm việc`, exact: true }).waitFor();
      await cell.click();
      const dialog = page.getByRole('dialog', { name });
      await dialog.waitFor();
      await dialog.getByRole('radio', { name: 'Ngày nghỉ', exact: true }).check();
      await dialog.getByLabel('Nội dung', { exact: true }).fill(label);
      await dialog.getByLabel('Ghi chú').fill('Kiểm thử tự động');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await dialog.waitFor({ state: 'hidden' });

      // The year view changes: a day off, marked as changed by the administrator.
      const changed = page.getByRole('button', { name: `${name} — Ngày nghỉ (điều chỉnh): ${label}` });
      await changed.waitFor();
      assert.match((await changed.getAttribute('class')) ?? '', /\bcal-holiday\b.*\bcal-override\b/);
      assert.equal(await changed.locator('.cal-mark').innerText(), 'N*');
      assert.match(await page.locator('#cal-special ~ table').innerText(), new RegExp(label.replace(/[()]/g, '\\$&')));
      await screenshot(page, 'calendar-year-2027-changed');

      // … and so does the API.
      const one = await json<{ days: Day[] }>(page, `/api/v1/calendar/days?from=${target.date}&to=${target.date}`);
      assert.deepEqual({ kind: one.days[0]?.kind, label: one.days[0]?.label, source: one.days[0]?.source }, { kind: 'holiday', label, source: 'override' });

      // Focus went back to the day; arrows move between days, Enter opens one.
      await page.waitForFunction((d) => (document.activeElement as HTMLElement | null)?.dataset.date === d, target.date, { timeout: 5000 });
      await page.keyboard.press('ArrowRight');
      const next = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.date);
      const thursday = new Date(`${target.date}T00:00:00Z`);
      thursday.setUTCDate(thursday.getUTCDate() + 1);
      assert.equal(next, thursday.toISOString().slice(0, 10));
      await page.keyboard.press('Enter');
      const thursdayDialog = page.getByRole('dialog', { name: `Thứ Năm ${ddmmyyyy(next!)}` });
      await thursdayDialog.waitFor();
      await page.waitForFunction(() => !!document.activeElement?.closest('.ant-modal-wrap'), undefined, { timeout: 5000 });
      await page.keyboard.press('Escape');
      await thursdayDialog.waitFor({ state: 'hidden' });
      await page.waitForFunction((d) => (document.activeElement as HTMLElement | null)?.dataset.date === d, next, { timeout: 5000 });

      // Remove the change: back to an ordinary working day, here and in the API.
      await changed.click();
      const again = page.getByRole('dialog', { name });
      await again.waitFor();
      assert.match(await again.innerText(), /Điều chỉnh của quản trị hệ thống/);
      assert.match(await again.innerText(), /Kiểm thử tự động/);
      await again.getByRole('button', { name: 'Bỏ điều chỉnh' }).click();
      const confirm = page.locator('.ant-modal-confirm');
      await confirm.getByRole('button', { name: 'Bỏ điều chỉnh' }).click();
      await page.getByRole('button', { name: `${name} — Ngày làm việc`, exact: true }).waitFor();
      const back = await json<{ days: Day[] }>(page, `/api/v1/calendar/days?from=${target.date}&to=${target.date}`);
      assert.deepEqual({ kind: back.days[0]?.kind, source: back.days[0]?.source }, { kind: 'working', source: 'weekly' });
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('an administrator imports an official schedule from a JSON file (checked in the browser, server errors listed), sees its source, then removes it', async () => {
    const { context, page } = await openPage(browser);
    const puts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/official-years/')) puts.push(r.url());
    });
    try {
      await signIn(page, 'quantri');
      await page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
      await page.goto('/mot-cua/lich-lam-viec?nam=2027');
      await page.getByRole('heading', { level: 2, name: 'Lịch làm việc năm 2027' }).waitFor();
      const card = page.locator('.ant-card', { has: page.getByRole('heading', { name: 'Nguồn lịch nghỉ năm 2027' }) });
      assert.match(await card.innerText(), /chưa có lịch nghỉ chính thức/);
      const file = page.getByLabel('Tệp JSON lịch nghỉ chính thức');

      // Not JSON: said next to the picker, nothing sent.
      await file.setInputFiles({ name: 'sai.json', mimeType: 'application/json', buffer: Buffer.from('{ "year": 2027, ') });
      await page.getByRole('alert').filter({ hasText: 'Tệp không phải JSON hợp lệ' }).waitFor();
      assert.equal(await file.getAttribute('aria-invalid'), 'true');
      assert.deepEqual(puts, []);

      // JSON the server refuses: its field errors are listed with the entry they concern.
      const source = { document: 'Thông báo thử nghiệm số 1/TB-KT', issuer: 'Kiểm thử tự động', issuedOn: '2026-11-01', covers: 'Nghỉ thử ngày 5/3/2027', url: 'https://example.gov.vn/thong-bao-thu-nghiem' };
      const bad = { year: 2027, complete: false, sources: [source], entries: [{ date: '2026-12-31', kind: 'holiday', label: 'Sai năm', labelEn: 'Wrong year' }], notes: [] };
      await file.setInputFiles({ name: 'sai-nam.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
      await page.getByRole('button', { name: 'Nhập lịch năm 2027' }).click();
      const refused = page.getByRole('alert').filter({ hasText: 'Máy chủ không nhận tệp' });
      await refused.waitFor();
      assert.match(await refused.innerText(), /entries\.0\.date \(2026-12-31\): Ngày không thuộc năm 2027/);

      // A good file: imported, its source shown, the day off in the year view.
      const good = { ...bad, entries: [{ date: '2027-03-05', kind: 'holiday', label: 'Nghỉ theo lịch nhập thử', labelEn: 'Imported test day off' }], notes: ['Chỉ dùng để kiểm thử.'] };
      await file.setInputFiles({ name: 'lich-2027.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
      await page.getByText('Năm 2027: 1 ngày, 1 văn bản nguồn.').waitFor();
      await page.getByRole('button', { name: 'Nhập lịch năm 2027' }).click();
      await page.getByText('Đã nhập lịch nghỉ chính thức năm 2027').waitFor();
      await card.getByText('Thông báo thử nghiệm số 1/TB-KT').waitFor();
      assert.match(await card.innerText(), /Đã nhập/);
      assert.equal(await card.locator('a[href="https://example.gov.vn/thong-bao-thu-nghiem"]').count(), 1);
      await page.getByRole('button', { name: 'Thứ Sáu 05/03/2027 — Ngày nghỉ: Nghỉ theo lịch nhập thử' }).waitFor();
      await screenshot(page, 'calendar-imported-2027');

      // Removed: 2027 is computed again.
      await card.getByRole('button', { name: 'Bỏ lịch đã nhập năm 2027' }).click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Bỏ lịch đã nhập', exact: true }).click();
      await page.getByRole('button', { name: 'Thứ Sáu 05/03/2027 — Ngày làm việc', exact: true }).waitFor();
      assert.match(await card.innerText(), /chưa có lịch nghỉ chính thức/);
      const settings = await json<{ officialYears: { year: number }[] }>(page, '/api/v1/calendar/settings');
      assert.ok(!settings.officialYears.some((y) => y.year === 2027));
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('an administrator edits the hours and policy: browser checks, server errors in place, a saved cut-off, and the calculator agrees with the API', async () => {
    const { context, page } = await openPage(browser);
    try {
      await signIn(page, 'quantri');
      await page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
      await page.goto('/mot-cua/lich-lam-viec?tab=cau-hinh');
      await page.getByRole('heading', { level: 2, name: 'Chính sách tính hạn' }).waitFor();
      for (const clause of ['khoản 2 Điều 21', 'khoản 3 Điều 18', 'khoản 4 Điều 14', 'khoản 6 Điều 18']) {
        assert.ok(await page.getByText(new RegExp(clause)).first().isVisible(), `explains ${clause}`);
      }
      const save = page.getByRole('button', { name: 'Lưu cấu hình' });
      const monday = page.locator('fieldset', { has: page.locator('legend', { hasText: /^Thứ Hai$/ }) });

      // Overlapping sessions are refused in the browser, next to the day.
      await page.getByLabel('Thứ Hai: bắt đầu buổi 2').fill('11:00');
      await save.click();
      await monday.getByText('Các buổi phải theo thứ tự thời gian và không chồng lên nhau').waitFor();
      await page.getByLabel('Thứ Hai: bắt đầu buổi 2').fill('13:00');

      // The server's field errors land on their fields (answer simulated: the browser checks catch the real ones first).
      await page.route('**/api/v1/calendar/settings', (r) =>
        r.request().method() === 'PUT'
          ? r.fulfill({
              status: 400,
              contentType: 'application/problem+json',
              body: JSON.stringify({
                type: 'https://motcua.gov.vn/problems/validation',
                title: 'Dữ liệu không hợp lệ',
                status: 400,
                errors: [
                  { field: 'policy.cutoff', message: 'Giờ chốt phải trong giờ làm việc (kiểm thử)' },
                  { field: 'week', message: 'week.tue: sessions overlap or are out of order at 11:00' },
                ],
              }),
            })
          : r.fallback(),
      );
      await save.click();
      const cutoffItem = page.locator('.ant-form-item', { has: page.getByLabel('Giờ chốt nhận hồ sơ trong ngày') });
      await cutoffItem.getByText('Giờ chốt phải trong giờ làm việc (kiểm thử)').waitFor();
      const tuesday = page.locator('fieldset', { has: page.locator('legend', { hasText: /^Thứ Ba$/ }) });
      await tuesday.getByText('week.tue: sessions overlap or are out of order at 11:00').waitFor();
      await page.unroute('**/api/v1/calendar/settings');

      // A real save: cut-off 15:00 [000 Art. 21.2].
      const saved = () => page.waitForResponse((r) => r.url().endsWith('/api/v1/calendar/settings') && r.request().method() === 'PUT');
      await page.getByLabel('Giờ chốt nhận hồ sơ trong ngày').fill('15:00');
      let put = saved();
      await save.click();
      assert.equal((await put).status(), 204);
      await page.getByText('Đã lưu giờ làm việc và chính sách tính hạn').waitFor();
      let s = await json<{ settings: { policy: { cutoff: string | null } } }>(page, '/api/v1/calendar/settings');
      assert.equal(s.settings.policy.cutoff, '15:00');

      // The calculator: Friday 20/02/2026 16:30 is inside Tết, so counting starts on Monday 23/02 07:30.
      await page.getByRole('tab', { name: 'Tính hạn xử lý' }).click();
      const when = page.getByLabel('Thời điểm tiếp nhận');
      await when.click();
      await when.fill('20/02/2026 16:30');
      await when.press('Enter');
      await page.getByLabel('Thời hạn giải quyết').fill('3');
      await page.getByRole('button', { name: 'Tính hạn', exact: true }).click();
      const result = page.getByTestId('deadline-result');
      await result.locator('dl').waitFor();
      const api = await json<Deadline>(page, `/api/v1/calendar/deadline?${new URLSearchParams({ receivedAt: '2026-02-20T16:30:00+07:00', workingDays: '3' })}`);
      const text = await result.innerText();
      for (const iso of [api.countedFrom, api.deadline, api.appointment]) assert.ok(text.includes(vnDateTime(iso)), `${vnDateTime(iso)} in ${text}`);
      assert.equal(vnDateTime(api.countedFrom), 'Thứ Hai, 23/02/2026 07:30');
      await screenshot(page, 'calendar-deadline');

      // Back to no cut-off.
      await page.getByRole('tab', { name: 'Giờ làm việc và chính sách' }).click();
      await page.getByLabel('Giờ chốt nhận hồ sơ trong ngày').fill('');
      put = saved();
      await save.click();
      assert.equal((await put).status(), 204);
      s = await json(page, '/api/v1/calendar/settings');
      assert.equal(s.settings.policy.cutoff, null);
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('an officer who is not the system administrator sees the calendar read-only', async () => {
    const { context, page } = await openPage(browser);
    try {
      await signIn(page, 'cv.tuphap');
      await page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
      await page.getByRole('menuitem', { name: 'Lịch làm việc' }).click();
      await page.getByRole('heading', { level: 1, name: 'Lịch làm việc' }).waitFor();
      await page.getByText('chỉ quản trị hệ thống được điều chỉnh lịch làm việc').waitFor();
      await page.goto('/mot-cua/lich-lam-viec?nam=2026');
      const tet = page.getByRole('button', { name: /^Thứ Ba 17\/02\/2026 — Ngày nghỉ: Tết Nguyên đán/ });
      await tet.click();
      const dialog = page.getByRole('dialog', { name: 'Thứ Ba 17/02/2026' });
      await dialog.waitFor();
      assert.match(await dialog.innerText(), /Tết Nguyên đán/);
      assert.equal(await dialog.getByRole('radio').count(), 0, 'no kind to choose');
      assert.equal(await dialog.getByRole('textbox').count(), 0, 'no label to type');
      assert.equal(await dialog.getByRole('button', { name: /^(Lưu|Bỏ điều chỉnh)$/ }).count(), 0, 'no save, no removal');
      await dialog.getByRole('button', { name: 'Đóng' }).first().click();
      await dialog.waitFor({ state: 'hidden' });
      assert.equal(await page.locator('input[type=file]').count(), 0, 'no import');
      assert.equal(await page.getByRole('button', { name: /Bỏ lịch đã nhập/ }).count(), 0);

      await page.getByRole('tab', { name: 'Giờ làm việc và chính sách' }).click();
      await page.getByText('Giờ chốt nhận hồ sơ trong ngày').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Lưu cấu hình' }).count(), 0);
      assert.equal(await page.getByRole('main').getByRole('textbox').count(), 0, 'settings are text, not fields');
      assert.match(await page.getByRole('main').innerText(), /07:30–11:30; 13:00–17:00/);

      // The server refuses as well.
      const csrf = (await context.cookies()).find((c) => c.name === 'motcua_csrf')?.value ?? '';
      const r = await page.request.put('/api/v1/calendar/days/2027-03-03', { headers: { 'x-csrf-token': csrf }, data: { kind: 'holiday', label: 'Không được phép' } });
      assert.equal(r.status(), 403);
      assert.deepEqual(pageErrors(page), []);
    } finally {
      await context.close();
    }
  });

  test('the calendar page passes axe-core (WCAG 2.1 A/AA) in each tab and with a day open, has one h1, and does not scroll sideways at 375 px', async () => {
    for (const viewport of ['desktop', 'phone'] as const) {
      const { context, page } = await openPage(browser, { bypassCSP: true, ...(viewport === 'phone' ? { viewport: PHONE } : {}) });
      try {
        await signIn(page, 'quantri');
        await page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
        const check = async (name: string) => {
          await settled(page);
          const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
          assert.deepEqual(violations, [], `${name} (${viewport}):\n${describeViolations(violations)}`);
          assert.equal(await page.locator('h1').count(), 1, `${name}: one h1`);
          if (viewport === 'phone') {
            const o = await horizontalOverflow(page);
            assert.ok(o.scrollWidth <= o.clientWidth, `${name} scrolls sideways at 375 px: ${o.scrollWidth} > ${o.clientWidth}`);
          }
        };
        await page.goto('/mot-cua/lich-lam-viec?nam=2026');
        await page.getByRole('heading', { level: 2, name: 'Lịch làm việc năm 2026' }).waitFor();
        await page.locator('.cal-year').waitFor();
        await check('year');
        await screenshot(page, `calendar-year-${viewport}`, viewport === 'desktop');
        await page.getByRole('button', { name: /^Thứ Hai 16\/02\/2026 — / }).click();
        await page.getByRole('dialog').waitFor();
        await page.waitForFunction(() => !!document.activeElement?.closest('.ant-modal-wrap'), undefined, { timeout: 5000 });
        await check('day dialog');
        await screenshot(page, `calendar-dialog-${viewport}`, false);
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'hidden' });
        await page.getByRole('tab', { name: viewport === 'phone' ? 'Cấu hình' : 'Giờ làm việc và chính sách' }).click();
        await page.getByRole('heading', { level: 2, name: 'Chính sách tính hạn' }).waitFor();
        await check('settings');
        await screenshot(page, `calendar-settings-${viewport}`);
        await page.getByRole('tab', { name: viewport === 'phone' ? 'Tính hạn' : 'Tính hạn xử lý' }).click();
        await page.getByRole('button', { name: 'Tính hạn', exact: true }).click();
        await page.getByTestId('deadline-result').locator('dl').waitFor();
        await check('calculator');
      } finally {
        await context.close();
      }
    }
  });
});
