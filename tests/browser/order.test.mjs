// Browser test: starting an add-website order and getting through steps 1–2
// (确认主体信息, 产品验证) to the website step, with JavaScript on and off.
//
//   cd tests && BEIAN_URL=http://127.0.0.1:8080 BEIAN_VAR=/path/to/var \
//     BEIAN_BUILD=/path/to/build BEIAN_TEST_OUT=/tmp/beian-shots node --test browser/order.test.mjs
//
// Every test makes its own applicant, subject, instances and 备案服务号 with
// beian-admin (BEIAN_BUILD/cgi/beian-admin, config BEIAN_VAR/beian.conf), so
// it never shares state with the demo data or with other tests.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE = (process.env.BEIAN_URL || '').replace(/\/+$/, '');
const VAR = process.env.BEIAN_VAR || '';
const BUILD = process.env.BEIAN_BUILD || '';
const OUT = process.env.BEIAN_TEST_OUT || path.join(tmpdir(), `beian-browser-${process.pid}`);
const CHROMIUM = process.env.BEIAN_CHROMIUM || '/usr/bin/chromium';

const missing = [
  ['BEIAN_URL', BASE],
  ['BEIAN_VAR', VAR],
  ['BEIAN_BUILD', BUILD],
].filter(([, v]) => !v).map(([k]) => k);

const STEP_TIMEOUT = 10_000;
const TEST_TIMEOUT = 60_000;

let browser;

before(async () => {
  // Fail loudly, never skip: a missing stack must not look like a green run.
  assert.deepEqual(missing, [], `order browser tests need ${missing.join(', ')} set (scripts/test sets them)`);
  mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
});

/* ------------------------------------------------------------ fixtures */

function admin(args, input = '') {
  return execFileSync(path.join(BUILD, 'cgi', 'beian-admin'), args, {
    env: { ...process.env, BEIAN_CONF: path.join(VAR, 'beian.conf') },
    input,
    encoding: 'utf8',
  }).trim();
}

const digits8 = () => String(randomInt(10_000_000, 100_000_000));

/**
 * A fresh applicant with one filed personal subject, an eligible instance
 * with two 备案服务号 and a pay-as-you-go one with one.
 */
function fixtures() {
  const login = `web-${randomBytes(5).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  admin(['account', 'add', '--login', login, '--role', 'applicant', '--name', '测试'], `${password}\n`);
  const icp = `浙ICP备${digits8()}号`;
  const subject = Number(admin(['subject', 'add', '--account', login, '--nature', 'personal',
    '--name', '王五', '--province', '浙江', '--icp-number', icp,
    '--cert-type', '2', '--cert-number', '33010619900101123X',
    '--leader-name', '王五', '--leader-id-type', '2', '--leader-id-number', '33010619900101123X',
    '--leader-mobile', `139${digits8()}`, '--leader-email', 'w@example.com']));
  const instance = (billing, months) => Number(admin(['instance', 'add', '--account', login,
    '--product', 'ecs', '--region', '华东1（杭州）', '--billing', billing, '--months', String(months),
    '--public-ip', '47.96.1.1']));
  const good = admin(['sin', 'issue', '--instance', String(instance('subscription', 12)), '--count', '2']).split('\n');
  const [payg] = admin(['sin', 'issue', '--instance', String(instance('payg', 0)), '--count', '1']).split('\n');
  assert.ok(Number.isInteger(subject) && subject > 0, `subject id ${subject}`);
  assert.equal(good.length, 2, 'two numbers issued');
  assert.ok(payg, 'a pay-as-you-go number issued');
  return { login, password, icp, subject, good, payg };
}

/* ------------------------------------------------------------- helpers */

function url(p) {
  return BASE + p;
}

function pathOf(page) {
  return new URL(page.url()).pathname;
}

function orderIdOf(page) {
  const id = Number(new URL(page.url()).searchParams.get('id'));
  assert.ok(Number.isInteger(id) && id > 0, `order id in ${page.url()}`);
  return id;
}

/** A fresh context and page; collects script errors and CSP violations. */
async function open(t, { javaScriptEnabled = true, width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled,
    viewport: { width, height },
    locale: 'zh-CN',
  });
  context.setDefaultTimeout(STEP_TIMEOUT);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) {
      problems.push(`CSP: ${m.text()}`);
    }
  });
  t.after(() => context.close());
  return { context, page, problems };
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(OUT, name), fullPage: true });
}

/** Log in through the form on /login.html (either mode) and land on /. */
async function logIn(page, fx, js) {
  await page.goto(url('/login.html'));
  if (js) await page.locator('#login-form[data-enhanced="true"]').waitFor({ state: 'attached' });
  await page.getByLabel('登录名').fill(fx.login);
  await page.getByLabel('密码', { exact: true }).fill(fx.password);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/'),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
}

/** With JavaScript on: wait until forms.js has taken over the page's forms. */
async function enhanced(page) {
  await page.locator('form.api-form[data-enhanced="true"]').first().waitFor({ state: 'attached' });
}

/** The step indicator's classes, e.g. ["done", "current", "todo", …]. */
async function stepStates(page) {
  const steps = page.locator('ol.steps > li.step');
  assert.equal(await steps.count(), 8, 'eight steps in the indicator');
  return steps.evaluateAll((lis) => lis.map((li) => ['done', 'current', 'todo'].find((c) => li.classList.contains(c)) || '?'));
}

function card(page, fx) {
  return page.locator('article.subject-card').filter({ hasText: fx.icp });
}

function numberForm(page) {
  return page.locator('form.api-form').filter({ has: page.locator('input[name="service_number"]') });
}

/** On /: the subject's card offers 增加网站; click it and land on step 1. */
async function startOrder(page, fx, js) {
  const c = card(page, fx);
  await c.waitFor();
  const add = c.getByRole('button', { name: '增加网站' });
  assert.ok(await add.isVisible(), '增加网站 offered before any order');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/order/subject.html' && /^\d+$/.test(u.searchParams.get('id') || '')),
    add.click(),
  ]);
  if (js) await enhanced(page);
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), '确认主体信息');
  assert.ok((await page.locator('.frag[data-frag="order-subject"]').textContent()).includes('王五'), 'the subject name is shown');
  assert.ok((await page.locator('.frag').textContent()).includes(fx.icp), 'the subject ICP number is shown');
  const states = await stepStates(page);
  assert.equal(states[0], 'current', `step 1 is current: ${states}`);
  assert.deepEqual(states.slice(1), Array(7).fill('todo'), `steps 2–8 still to come: ${states}`);
  assert.equal(await page.locator('ol.steps > li.step').first().getAttribute('aria-current'), 'step');
  return orderIdOf(page);
}

async function confirmSubject(page, id, js) {
  const button = page.locator('form.api-form[action$="/subject-confirmation"] button[type="submit"]');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/order/product.html' && u.searchParams.get('id') === String(id)),
    button.click(),
  ]);
  if (js) await enhanced(page);
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), '产品验证');
  const states = await stepStates(page);
  assert.deepEqual(states.slice(0, 2), ['done', 'current'], `step 1 done, step 2 current: ${states}`);
}

async function verifyGood(page, fx, id) {
  await page.getByLabel('备案服务号').fill(`  ${fx.good[0].toLowerCase()} `);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/order/website.html' && u.searchParams.get('id') === String(id)),
    numberForm(page).getByRole('button').click(),
  ]);
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), '填写网站信息');
  const states = await stepStates(page);
  assert.deepEqual(states.slice(0, 3), ['done', 'done', 'current'], `steps 1–2 done, 3 current: ${states}`);
  // The verified number is the one the website form offers.
  assert.ok((await page.locator('select[name="service_number"]').textContent()).includes(fx.good[0]), 'the verified number is offered');
}

/** Back on /: the card says why no new order can start, and links to the open one. */
async function seeBlocked(page, fx, id) {
  await page.goto(url('/'));
  const c = card(page, fx);
  await c.waitFor();
  const blocked = c.locator('.blocked');
  assert.ok(await blocked.isVisible(), 'the blocked reason is shown');
  assert.notEqual((await blocked.textContent()).trim(), '');
  assert.equal(await c.getByRole('button', { name: '增加网站' }).count(), 0, 'no 增加网站 while an order is open');
  const link = blocked.getByRole('link');
  assert.match(await link.getAttribute('href'), new RegExp(`[?&]id=${id}\\b`), 'links to the open order');
}

/* --------------------------------------------------------------- tests */

test('JS on: 增加网站 → confirm the subject → a refused number stays inline → the good one reaches the website step', { timeout: TEST_TIMEOUT }, async (t) => {
  const fx = fixtures();
  const { page, problems } = await open(t);
  await logIn(page, fx, true);
  await page.locator('body[data-session="ready"]').waitFor({ state: 'attached' });
  await enhanced(page);
  await shot(page, 'order-js-index.png');

  // The order is made by fetch (JSON), not by the classic post.
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/subjects/${fx.subject}/orders`);
  const id = await startOrder(page, fx, true);
  const res = await created;
  assert.equal(res.status(), 201, 'POST …/orders answered 201');
  assert.match(res.request().headers()['content-type'] || '', /application\/json/, 'forms.js posted JSON');
  assert.ok(res.request().headers()['x-csrf-token'], 'with X-CSRF-Token');
  await page.locator('body[data-session="ready"]').waitFor({ state: 'attached' });
  await shot(page, 'order-js-subject.png');

  await confirmSubject(page, id, true);
  await shot(page, 'order-js-product.png');

  // A pay-as-you-go instance's number: refused beside the field, no page load.
  let navigations = 0;
  const count = (f) => { if (f === page.mainFrame()) navigations += 1; };
  page.on('framenavigated', count);
  await page.getByLabel('备案服务号').fill(fx.payg);
  const [refused] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/orders/${id}/product` && r.request().method() === 'POST'),
    numberForm(page).getByRole('button').click(),
  ]);
  assert.equal(refused.status(), 422, 'an ineligible instance is a 422');
  const inline = page.locator('#err-service_number');
  await inline.waitFor({ state: 'visible' });
  assert.match(await inline.textContent(), /按量付费/, 'the error says the instance is pay-as-you-go');
  assert.equal(await page.getByLabel('备案服务号').getAttribute('aria-invalid'), 'true');
  assert.ok(await numberForm(page).locator('.form-error').isVisible(), 'the form summary is shown');
  assert.ok(await numberForm(page).getByRole('button').isEnabled(), 'the button is usable again');
  assert.equal(navigations, 0, 'no navigation happened');
  assert.equal(pathOf(page), '/order/product.html');
  await shot(page, 'order-js-product-error.png');
  page.off('framenavigated', count);

  // The good number, typed in lower case with spaces around it.
  await verifyGood(page, fx, id);
  await shot(page, 'order-js-website.png');

  await seeBlocked(page, fx, id);
  await shot(page, 'order-js-index-blocked.png');
  assert.deepEqual(problems, []);
});

test('JS off, 360 px: the same path with real form posts; a malformed number comes back with the server\'s message', { timeout: TEST_TIMEOUT }, async (t) => {
  const fx = fixtures();
  const { page } = await open(t, { javaScriptEnabled: false, width: 360, height: 740 });
  await logIn(page, fx, false);
  await shot(page, 'order-nojs-index.png');

  const id = await startOrder(page, fx, false);
  await shot(page, 'order-nojs-subject.png');

  await confirmSubject(page, id, false);
  await shot(page, 'order-nojs-product.png');

  await page.getByLabel('备案服务号').fill('ABCD');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/order/product.html' && u.searchParams.has('error')),
    numberForm(page).getByRole('button').click(),
  ]);
  const alert = page.locator('.frag .alert-error');
  assert.ok(await alert.isVisible(), 'the server rendered the error');
  assert.notEqual((await alert.textContent()).trim(), '', 'the error has text');
  // Still this order's product step, ready for another try.
  assert.equal(new URL(page.url()).searchParams.get('id'), String(id), 'the error page keeps the order id');
  assert.ok(await page.getByLabel('备案服务号').isVisible(), 'the number form is there again');
  await shot(page, 'order-nojs-product-error.png');

  await verifyGood(page, fx, id);
  await shot(page, 'order-nojs-website.png');

  await seeBlocked(page, fx, id);
  await shot(page, 'order-nojs-index-blocked.png');
});
