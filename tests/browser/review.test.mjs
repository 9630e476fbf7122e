// Browser test: the reviewer console (/review/ and /review/order.html), with
// JavaScript on and off.
//
//   cd tests && BEIAN_URL=http://127.0.0.1:8080 BEIAN_VAR=/path/to/var \
//     BEIAN_BUILD=/path/to/build BEIAN_TEST_OUT=/tmp/beian-shots node --test browser/review.test.mjs
//
// JavaScript on: a fresh reviewer finds a submitted order in the queue,
// opens it (every field unmasked, every upload large), opens an upload in
// the lightbox, adds a fourth reason row, is told in place that a reason
// without a target is not enough, then rejects one upload with R5 and a
// note and lands on the queue, which says so; the API shows the order
// initial_rejected with exactly that item.
// JavaScript off: the same forms as classic posts; a reason without a
// target comes back with the server's message beside its row, then 通过
// goes through and the order is awaiting_verification.
//
// Every test makes its own applicant, personal subject in 浙江 (with its
// own valid ID number: one ID cannot be in two unfinished orders), instance
// and 备案服务号 with beian-admin, and brings the order to initial_review
// through the API with a Bearer session; and its own reviewer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  useBrowser, url, open, shot, OUT, VAR, admin, digits8, applicant, addInstance, issueNumbers, gotoLogin, fillLogin, reviewer,
} from './harness.mjs';
import { bearer, call, scan, upload } from './step6.mjs';
import { idNumber } from '../idnumber.mjs';

const TEST_TIMEOUT = 120_000;

useBrowser(['BEIAN_URL', 'BEIAN_VAR', 'BEIAN_BUILD'], 'review browser tests', 'scripts/test sets them');

/* ------------------------------------------------------------ fixtures */

/**
 * A fresh applicant's order in initial_review: a personal subject in 浙江,
 * one website, every document its checklist asks for (as completeOrder in
 * tests/api/submit.test.mjs), submitted.
 */
async function submittedOrder() {
  const who = applicant();
  const leaderId = idNumber();
  const subject = Number(admin(['subject', 'add', '--account', who.login, '--nature', 'personal',
    '--name', '王五', '--province', '浙江', '--icp-number', `浙ICP备${digits8()}号`,
    '--cert-type', '2', '--cert-number', leaderId,
    '--leader-name', '王五', '--leader-id-type', '2', '--leader-id-number', leaderId,
    '--leader-mobile', `139${digits8()}`, '--leader-email', `wangwu${digits8()}@example.com`]));
  const [number] = issueNumbers(addInstance(who.login, 'subscription', 12), 1);
  const token = await bearer(who);
  const order = await call(token, 'POST', `/api/subjects/${subject}/orders`, { kind: 'add_website' });
  await call(token, 'POST', `/api/orders/${order.id}/subject-confirmation`);
  await call(token, 'POST', `/api/orders/${order.id}/product`, { product_type: 'ecs', service_number: number });
  const domain = `t${randomBytes(6).toString('hex')}.cn`;
  const site = await call(token, 'POST', `/api/orders/${order.id}/websites`, {
    name: '王五的摄影日记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
    service_number: number, owner: { same_as_leader: true, emergency_phone: '0571-88888888' },
  });
  const list = await call(token, 'GET', `/api/orders/${order.id}/uploads`);
  const uploads = {};
  for (const item of list.checklist) {
    const tall = ['verification_form', 'commitment_letter', 'authorization_letter'].includes(item.kind);
    uploads[item.kind] = (await upload(token, order.id, item.kind, item.website_id,
      tall ? scan(1200, 1600) : scan(1600, 1200))).id;
  }
  const submitted = await call(token, 'POST', `/api/orders/${order.id}/submit`);
  assert.equal(submitted.state, 'initial_review', 'the order is in the initial review');
  return { token, id: order.id, wid: site.id, leaderId, uploads };
}

// SQL as the database's root, for a state no API reaches: an order past its
// due time (as sql() in tests/api/lib.mjs).
function sql(statement) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysql.sock`, '-uroot', '-N', 'beian',
    '-e', statement], { encoding: 'utf8' }).trim();
}

/* ------------------------------------------------------------- helpers */

/** Log in through /login.html; a reviewer may land anywhere, then goes to the queue. */
async function logInReviewer(page, who, js) {
  await gotoLogin(page, js);
  await fillLogin(page, who.login, who.password);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/login.html'),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
}

/** The same page at phone width too. */
async function shots(page, name) {
  await shot(page, `${name}.png`);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await shot(page, `${name}-360.png`);
  await page.setViewportSize(size);
}

async function state(order) {
  return (await call(order.token, 'GET', `/api/orders/${order.id}`)).state;
}

const onOrder = (id) => (u) => u.pathname === '/review/order.html' && u.searchParams.get('id') === String(id);

/** From the queue, the order's row and its link, to the order's page. */
async function openFromQueue(page, order, shotName) {
  await page.goto(url('/review/'));
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), '审核队列');
  const row = page.locator(`table.review-queue tr[data-order="${order.id}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /王五/);
  assert.match(await row.locator('td[data-label="截止时间"]').textContent(), /\d+月\d+日 18:00/,
    'due at 18:00 China time');
  assert.match(await row.locator('td[data-label="轮次"]').textContent(), /第 1 轮/);
  if (shotName) await shots(page, shotName);
  await Promise.all([
    page.waitForURL(onOrder(order.id)),
    row.getByRole('link', { name: `订单 ${order.id}` }).click(),
  ]);
}

/** Every upload is shown large and every field unmasked. */
async function checkOrderPage(page, order) {
  const figs = page.locator('figure.review-upload');
  assert.equal(await figs.count(), Object.keys(order.uploads).length, 'one figure per upload');
  for (const id of Object.values(order.uploads)) {
    const img = page.locator(`#upload-${id} a.review-image img`);
    assert.equal(await img.getAttribute('src'), `/api/uploads/${id}`, 'the image itself, not the thumbnail');
    const handle = await img.elementHandle();
    await page.waitForFunction((i) => i.complete && i.naturalWidth > 0, handle);
  }
  const site = page.locator(`#site-${order.wid}`);
  assert.match(await site.textContent(), new RegExp(order.leaderId), 'the owner\'s ID number unmasked');
  assert.equal(await page.locator('fieldset.reason-row').count(), 3, 'three reason rows');
  const targets = await page.locator('#target-0 option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(targets.includes(`upload:${order.uploads.owner_id_front}`), 'an upload can be named');
  assert.ok(targets.includes(`field:websites.${order.wid}.name`), 'a field can be named');
  // The owner is the subject's leader: the leader's own data is filed with
  // the subject and cannot change here; the owner as a whole can.
  assert.ok(!targets.includes(`field:websites.${order.wid}.owner.id_number`), 'not the leader\'s ID number');
  assert.ok(targets.includes(`field:websites.${order.wid}.owner`), 'the owner as a whole can be named');
  assert.ok(targets.includes(`field:websites.${order.wid}.owner.emergency_phone`), 'and the website\'s emergency phone');
}

/* --------------------------------------------------------------- tests */

test('JS on: the queue, one order, the lightbox, and a rejection of one upload with R5', { timeout: TEST_TIMEOUT }, async (t) => {
  const order = await submittedOrder();
  // Due yesterday at 18:00 China time: the queue flags it.
  sql(`UPDATE filing_order SET review_due_at = UTC_DATE() - INTERVAL 14 HOUR WHERE id = ${order.id}`);
  const { page, problems } = await open(t);
  await logInReviewer(page, reviewer(), true);
  await page.goto(url('/review/'));
  const late = page.locator(`table.review-queue tr[data-order="${order.id}"]`);
  assert.match(await late.getAttribute('class'), /\boverdue\b/);
  assert.match(await late.locator('td[data-label="截止时间"]').textContent(), /18:00\s*已超时/);
  assert.match(await page.locator('.review-count').textContent(), /已超过截止时间/);
  await openFromQueue(page, order, 'review-js-queue');
  await page.locator('form.review-reject[data-enhanced="true"]').waitFor({ state: 'attached' });
  await checkOrderPage(page, order);
  await shots(page, 'review-js-order');

  // An upload opens large, and closes again.
  const front = order.uploads.owner_id_front;
  await page.locator(`#upload-${front} a.review-image`).click();
  const dialog = page.locator('dialog.lightbox');
  await dialog.waitFor({ state: 'visible' });
  assert.equal(await dialog.locator('img').getAttribute('src'), `/api/uploads/${front}`);
  assert.equal(new URL(page.url()).pathname, '/review/order.html', 'no navigation to the image');
  // The dialog covers the window, not the page: the window is the picture.
  await page.screenshot({ path: path.join(OUT, 'review-js-lightbox.png') });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });

  // 再加一项: a fourth row, numbered on.
  await page.getByRole('button', { name: '再加一项驳回项目' }).click();
  assert.equal(await page.locator('fieldset.reason-row').count(), 4);
  assert.equal((await page.locator('fieldset.reason-row').nth(3).locator('legend').textContent()).trim(), '驳回项目 4');
  await page.getByLabel('原因').nth(3).selectOption('R2');

  // A reason with no target: the server's words beside its row, no page load.
  await page.locator('#code-0').selectOption('R5');
  let loads = 0;
  page.on('load', () => { loads += 1; });
  await page.getByRole('button', { name: '驳回', exact: true }).click();
  const err0 = page.locator('fieldset.reason-row').nth(0).locator('.field-error');
  await err0.waitFor({ state: 'visible' });
  assert.match(await err0.textContent(), /请指明驳回的是哪一项/);
  assert.equal(loads, 0, 'shown in place');
  assert.equal(await state(order), 'initial_review', 'nothing decided');
  await shots(page, 'review-js-refused');

  // 驳回这份材料 puts the upload in the first empty row; R5 and a note; go.
  await page.locator('#code-0').selectOption('');
  await page.getByLabel('原因').nth(3).selectOption('');
  await page.locator(`#upload-${front}`).getByRole('button', { name: /驳回这份材料/ }).click();
  assert.equal(await page.locator('#target-0').inputValue(), `upload:${front}`);
  await page.locator('#code-0').selectOption('R5');
  await page.locator('#note-0').fill('身份证反光，号码看不清，请重新拍摄');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/review/'),
    page.getByRole('button', { name: '驳回', exact: true }).click(),
  ]);
  const flash = page.locator('#review-flash');
  await flash.waitFor({ state: 'visible' });
  assert.match(await flash.textContent(), new RegExp(`订单 ${order.id} 已驳回 1 项`));
  assert.equal(await page.locator(`table.review-queue tr[data-order="${order.id}"]`).count(), 0, 'gone from the queue');
  await shots(page, 'review-js-queue-after');

  // The API: rejected, with exactly that item.
  const o = await call(order.token, 'GET', `/api/orders/${order.id}`);
  assert.equal(o.state, 'initial_rejected');
  assert.equal(o.review.rejected.length, 1, JSON.stringify(o.review.rejected));
  assert.equal(o.review.rejected[0].reason, 'R5');
  assert.deepEqual(o.review.rejected[0].target, { upload: front });
  assert.equal(o.review.rejected[0].note, '身份证反光，号码看不清，请重新拍摄');

  // The order's page now says there is nothing to decide.
  await page.goto(url(`/review/order.html?id=${order.id}`));
  await page.locator('.review-closed').waitFor();
  assert.equal(await page.locator('form.review-form').count(), 0, 'no decision forms');
  assert.match(await page.locator('.review-rejected').textContent(), /R5/);
  assert.deepEqual(problems, []);
});

test('JS off: a refused classic post comes back beside its row, then 通过 goes through', { timeout: TEST_TIMEOUT }, async (t) => {
  const order = await submittedOrder();
  const { page } = await open(t, { javaScriptEnabled: false });
  await logInReviewer(page, reviewer(), false);
  await openFromQueue(page, order);
  await checkOrderPage(page, order);
  await shots(page, 'review-nojs-order');

  // Row 2 with a reason but nothing named: the server's message beside it.
  await page.locator('#code-1').selectOption('R2');
  await Promise.all([
    page.waitForURL((u) => onOrder(order.id)(u) && u.searchParams.get('error') === 'invalid'),
    page.getByRole('button', { name: '驳回', exact: true }).click(),
  ]);
  const err1 = page.locator('#err-reasons\\.1');
  assert.equal(await err1.isVisible(), true, 'the row\'s error is shown');
  assert.match(await err1.textContent(), /请指明驳回的是哪一项/);
  assert.equal(await page.locator('#code-1').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('.frag > .alert-error').textContent(), /请指明驳回的是哪一项/);
  assert.equal(await state(order), 'initial_review', 'nothing decided');
  await shots(page, 'review-nojs-refused');

  // 通过: a classic post, 303 to the queue.
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/review/'),
    page.getByRole('button', { name: '通过', exact: true }).click(),
  ]);
  assert.equal(await page.locator(`table.review-queue tr[data-order="${order.id}"]`).count(), 0, 'gone from the queue');
  assert.equal(await state(order), 'awaiting_verification');
  await shots(page, 'review-nojs-queue-after');
});

test('an applicant is refused the console', { timeout: TEST_TIMEOUT }, async (t) => {
  const { page } = await open(t, { javaScriptEnabled: false });
  const who = applicant();
  await gotoLogin(page, false);
  await fillLogin(page, who.login, who.password);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/'),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
  await page.goto(url('/review/'));
  const alert = page.locator('.frag[data-frag="error"] .alert-error');
  await alert.waitFor();
  assert.equal(await alert.getAttribute('data-code'), 'forbidden');
  assert.equal(await page.locator('table.review-queue').count(), 0);
});
