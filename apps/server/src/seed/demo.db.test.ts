import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupApi } from '../testing/http.ts';
import { DEMO_ACCOUNTS, DEMO_CITIZEN, DEMO_PASSWORD, isEmpty, seedDemo } from './demo.ts';

const t = await setupApi({ fixture: false });

test('the demo province loads into an empty database: ≥ 8 departments, ≥ 12 communes, ≥ 40 procedures', async () => {
  assert.equal(await isEmpty(t.db), true);
  const r = await seedDemo(t.db);
  assert.equal(await isEmpty(t.db), false);
  assert.ok(r.procedures >= 40, `procedures: ${r.procedures}`);
  const all = (await t.anon.get('/api/v1/agencies')).json().items as { level: string }[];
  assert.ok(all.filter((a) => a.level === 'department').length >= 8);
  assert.ok(all.filter((a) => a.level === 'commune').length >= 12);
  assert.ok((await t.anon.get('/api/v1/procedures?pageSize=1')).json().total >= 40, 'every demo procedure is in force today');
});

test('every demo account signs in with the README password and holds its role', async () => {
  for (const acc of DEMO_ACCOUNTS) {
    const r = await t.anon.post('/api/v1/auth/login', { username: acc.username, password: DEMO_PASSWORD });
    assert.equal(r.statusCode, 200, `${acc.username}: ${r.body}`);
    assert.deepEqual(r.json().roles.map((x: { role: string }) => x.role), [acc.role]);
    assert.equal(r.json().mustChangePassword, acc.mustChangePassword ?? false);
  }
});

test('the demo citizen signs in on the portal by ID number or e-mail and may submit at once (no mail server on a fresh start)', async () => {
  for (const login of [DEMO_CITIZEN.idNumber, DEMO_CITIZEN.email]) {
    const r = await t.anon.post('/api/v1/auth/citizen-login', { username: login, password: DEMO_PASSWORD });
    assert.equal(r.statusCode, 200, `${login}: ${r.body}`);
    assert.equal(r.json().fullName, DEMO_CITIZEN.fullName);
  }
});

test('a search without diacritics finds birth registration in the demo catalogue', async () => {
  const r = (await t.anon.get('/api/v1/procedures?q=dang%20ky%20khai%20sinh')).json();
  assert.ok(r.items.some((i: { name: string; code: string }) => /^(Thủ tục )?đăng ký khai sinh$/i.test(i.name) && i.code === '1.001193'), JSON.stringify(r.items.map((i: { name: string }) => i.name)));
});
