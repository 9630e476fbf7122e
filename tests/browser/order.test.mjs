// Browser test: starting an add-website order and getting through steps 1–2
// (确认主体信息, 产品验证) to the website step, with JavaScript on and off.
//
//   cd tests && BEIAN_URL=http://127.0.0.1:8080 BEIAN_VAR=/path/to/var \
//     BEIAN_BUILD=/path/to/build BEIAN_TEST_OUT=/tmp/beian-shots node --test browser/order.test.mjs
//
// Every test makes its own applicant, subject, instances and 备案服务号 with
// beian-admin (BEIAN_BUILD/cgi/beian-admin, config BEIAN_VAR/beian.conf), so
// it never shares state with the demo data or with other tests.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, url, pathOf, open, shot, admin, digits8, applicant, addInstance, issueNumbers, logIn, enhanced,
} from './harness.mjs';

const TEST_TIMEOUT = 60_000;

useBrowser(['BEIAN_URL', 'BEIAN_VAR', 'BEIAN_BUILD'], 'order browser tests', 'scripts/test sets them');

/* ------------------------------------------------------------ fixtures */

/**
 * A fresh applicant with one filed personal subject, an eligible instance
 * with two 备案服务号 and a pay-as-you-go one with one.
 */
function fixtures() {
  const { login, password } = applicant();
  const icp = `浙ICP备${digits8()}号`;
  const subject = Number(admin(['subject', 'add', '--account', login, '--nature', 'personal',
    '--name', '王五', '--province', '浙江', '--icp-number', icp,
    '--cert-type', '2', '--cert-number', '33010619900101123X',
    '--leader-name', '王五', '--leader-id-type', '2', '--leader-id-number', '33010619900101123X',
    '--leader-mobile', `139${digits8()}`, '--leader-email', 'w@example.com']));
  const good = issueNumbers(addInstance(login, 'subscription', 12), 2);
  const [payg] = issueNumbers(addInstance(login, 'payg', 0), 1);
  assert.ok(Number.isInteger(subject) && subject > 0, `subject id ${subject}`);
  assert.equal(good.length, 2, 'two numbers issued');
  assert.ok(payg, 'a pay-as-you-go number issued');
  return { login, password, icp, subject, good, payg };
}

/* ------------------------------------------------------------- helpers */

function orderIdOf(page) {
  const id = Number(new URL(page.url()).searchParams.get('id'));
  assert.ok(Number.isInteger(id) && id > 0, `order id in ${page.url()}`);
  return id;
}

/** The step indicator's classes, e.g. ["done", "current", "todo", …]. */
async function stepStates(page) {
  const steps = page.locator('ol.steps > li.step');
  assert.equal(await steps.count(), 8, 'eight steps in the indicator');
  return steps.evaluateAll((lis) => lis.map((li) => ['current', 'done', 'todo'].find((c) => li.classList.contains(c)) || '?'));
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
  // As the hint promises: case and spaces don't matter ("2he1 f7pf d3ta 6a1w").
  await page.getByLabel('备案服务号').fill(`  ${fx.good[0].toLowerCase().replaceAll('-', ' ')} `);
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

  // Typing a new value takes the old refusal away at once; a malformed one,
  // typed and sent straight off with 验证, is sent (the format hint shown on
  // leaving the field once pushed the button away from the click).
  await page.getByLabel('备案服务号').fill('XYZ');
  assert.ok(await inline.isHidden(), 'the refusal of the old value is gone');
  assert.equal(await page.getByLabel('备案服务号').getAttribute('aria-invalid'), null);
  const [malformed] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/orders/${id}/product` && r.request().method() === 'POST'),
    numberForm(page).getByRole('button').click(),
  ]);
  assert.equal(malformed.status(), 422, 'the click was a post');
  await inline.filter({ hasText: '格式不正确' }).waitFor();

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
  assert.equal(await page.getByLabel('备案服务号').inputValue(), 'ABCD', 'with what was typed, to correct');
  await shot(page, 'order-nojs-product-error.png');

  await verifyGood(page, fx, id);
  await shot(page, 'order-nojs-website.png');

  await seeBlocked(page, fx, id);
  await shot(page, 'order-nojs-index-blocked.png');
});
