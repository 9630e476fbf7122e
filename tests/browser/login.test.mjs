// Browser test: logging in and out, with JavaScript on and off.
//
//   cd tests && BEIAN_URL=http://127.0.0.1:8080 BEIAN_DEMO_LOGIN=demo \
//     BEIAN_DEMO_PASSWORD=... BEIAN_TEST_OUT=/tmp/beian-shots node --test browser/
//
// Drives Debian's /usr/bin/chromium through playwright-core (no downloaded
// browsers). Wrong-credential cases use a random non-existent login, so the
// demo account is never throttled (5 failures in 15 min lock a login).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  DEMO_LOGIN, DEMO_PASSWORD, useBrowser, url, pathOf, open, shot, gotoLogin, fillLogin, logIn, reviewer,
} from './harness.mjs';

const TEST_TIMEOUT = 30_000;
const DEMO = { login: DEMO_LOGIN, password: DEMO_PASSWORD };

useBrowser(['BEIAN_URL', 'BEIAN_DEMO_LOGIN', 'BEIAN_DEMO_PASSWORD'],
  'browser tests', 'e.g. BEIAN_URL=http://127.0.0.1:8080');

function nobody() {
  return `nobody-${randomBytes(6).toString('hex')}`;
}

test('JS on: wrong password stays on the login page with errors beside the field and in the summary', { timeout: TEST_TIMEOUT }, async (t) => {
  const { page, problems } = await open(t);
  await gotoLogin(page, true);

  let navigations = 0;
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations += 1; });

  await fillLogin(page, nobody(), 'wrong-password-123');
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/session' && r.request().method() === 'POST'),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
  assert.equal(res.status(), 401, 'POST /api/session with a non-existent login');

  const inline = page.locator('#password-error');
  await inline.waitFor({ state: 'visible' });
  assert.notEqual((await inline.textContent()).trim(), '', 'inline password error has text');
  assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#password').getAttribute('aria-describedby'), /\bpassword-error\b/);

  const summary = page.locator('#error-summary');
  assert.ok(await summary.isVisible(), 'error summary visible');
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.notEqual((await page.locator('#error-summary-list').textContent()).trim(), '', 'summary has text');

  // Shown once: the no-JS :target copy stays hidden.
  assert.equal(await page.locator('#e-unauthenticated').isVisible(), false);
  assert.equal(await page.getByRole('button', { name: '登录' }).isEnabled(), true, 'button re-enabled');

  assert.equal(navigations, 0, 'no navigation happened');
  assert.equal(pathOf(page), '/login.html');
  await shot(page, 'login-js-error.png');
  assert.deepEqual(problems, []);
});

test('JS on: right credentials land on / showing the login name', { timeout: TEST_TIMEOUT }, async (t) => {
  const { page, problems } = await open(t);
  await logIn(page, DEMO, true);
  await page.locator('body[data-session="ready"]').waitFor({ state: 'attached' });
  const account = page.locator('#account');
  assert.ok(await account.isVisible(), 'account line visible');
  assert.ok((await account.textContent()).includes(DEMO_LOGIN), 'account line shows the login name');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), '我的备案');
  await shot(page, 'login-js.png');
  assert.deepEqual(problems, []);
});

test('JS off: the real form logs in, lands on / and sets an HttpOnly beian_session cookie', { timeout: TEST_TIMEOUT }, async (t) => {
  const { context, page } = await open(t, { javaScriptEnabled: false });
  await logIn(page, DEMO, false);
  assert.equal(pathOf(page), '/');

  const cookie = (await context.cookies(url('/'))).find((c) => c.name === 'beian_session');
  assert.ok(cookie, 'beian_session cookie set');
  assert.equal(cookie.httpOnly, true, 'beian_session is HttpOnly');

  // The page explains itself without JS: who is signed in, and the logout form.
  assert.ok(await page.getByRole('button', { name: '退出登录' }).isVisible(), 'logout button visible without JS');
  assert.match(await page.locator('#account').textContent(), new RegExp(`已登录：.*${DEMO_LOGIN}.*申请人`), 'the account line, from the server');
  await shot(page, 'login-nojs.png');

  // Logged out, a page behind the login offers 登录, never 退出登录.
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/login.html'),
    page.getByRole('button', { name: '退出登录' }).click(),
  ]);
  await page.goto(url('/order/submit.html?id=1'));
  assert.equal(await page.getByRole('button', { name: '退出登录' }).count(), 0, 'no logout for nobody');
  assert.ok(await page.locator('header').getByRole('link', { name: '登录' }).isVisible(), 'a way in instead');
});

test('a reviewer lands on the review queue, with and without JavaScript', { timeout: TEST_TIMEOUT }, async (t) => {
  const { login, password } = reviewer();
  for (const js of [true, false]) {
    const { page } = await open(t, { javaScriptEnabled: js });
    await gotoLogin(page, js);
    await fillLogin(page, login, password);
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/review/'),
      page.getByRole('button', { name: '登录' }).click(),
    ]);
    assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), '审核队列', `JS ${js ? 'on' : 'off'}`);
  }
});

test('an unknown page is the site\'s own 404, with a way home', { timeout: TEST_TIMEOUT }, async (t) => {
  const { page } = await open(t, { javaScriptEnabled: false });
  const res = await page.goto(url('/no/such/page.html'));
  assert.equal(res.status(), 404);
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), '找不到这个页面');
  assert.ok(await page.getByRole('link', { name: '回到我的备案' }).isVisible());
  const api = await page.goto(url('/api/no-such-route'));
  assert.equal(api.status(), 404);
  assert.match(await api.text(), /"code":"not_found"/, 'the API keeps its JSON envelope');
  await shot(page, 'not-found.png');
});

test('JS off: wrong password comes back with ?error=unauthenticated and the :target message', { timeout: TEST_TIMEOUT }, async (t) => {
  const { page } = await open(t, { javaScriptEnabled: false });
  await gotoLogin(page, false);
  await fillLogin(page, nobody(), 'wrong-password-123');
  await Promise.all([
    page.waitForURL((u) => u.searchParams.get('error') === 'unauthenticated'),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
  assert.equal(pathOf(page), '/login.html');
  assert.equal(new URL(page.url()).searchParams.get('error'), 'unauthenticated');
  assert.ok(await page.locator('#e-unauthenticated').isVisible(), '#e-unauthenticated is shown by :target');
  for (const other of ['rate_limited', 'invalid', 'csrf_failed', 'internal', 'unavailable']) {
    assert.equal(await page.locator(`#e-${other}`).isVisible(), false, `#e-${other} stays hidden`);
  }
  await shot(page, 'login-nojs-error.png');
});

test('JS on: 退出登录 goes back to /login.html and the session is gone', { timeout: TEST_TIMEOUT }, async (t) => {
  const { page, problems } = await open(t);
  await logIn(page, DEMO, true);
  await page.locator('body[data-session="ready"]').waitFor({ state: 'attached' });

  const [del] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/session' && r.request().method() === 'DELETE'),
    page.waitForURL((u) => u.pathname === '/login.html'),
    page.getByRole('button', { name: '退出登录' }).click(),
  ]);
  assert.ok(del.ok(), `DELETE /api/session answered ${del.status()}`);
  assert.ok(del.request().headers()['x-csrf-token'], 'DELETE carried X-CSRF-Token');
  assert.equal(pathOf(page), '/login.html');

  const status = await page.evaluate(async () => {
    const r = await fetch('/api/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    return r.status;
  });
  assert.equal(status, 401, 'GET /api/session after logout');
  assert.deepEqual(problems, []);
});
