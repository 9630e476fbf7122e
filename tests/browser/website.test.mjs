// Browser test: step 5, 填写网站信息 (/order/website.html), with JavaScript on
// and off.
//
//   cd tests && BEIAN_URL=http://127.0.0.1:8080 BEIAN_VAR=/path/to/var \
//     BEIAN_BUILD=/path/to/build BEIAN_TEST_OUT=/tmp/beian-shots node --test browser/website.test.mjs
//
// JavaScript on: the live checks show the server's own messages beside the
// fields before anything is saved (only for fields the user has been at),
// the owner switch hides the owner's own fields, and two websites are saved
// — the second with an owner who is not the subject's leader — after which
// the form makes way for "verify another 备案服务号 first".
// JavaScript off: the same form as a classic post, and a refused post comes
// back with the server's message.
//
// Every test makes its own applicant, enterprise subject, instance and two
// 备案服务号 with beian-admin (BEIAN_BUILD/cgi/beian-admin, config
// BEIAN_VAR/beian.conf), and its own domains, so it shares no state.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  useBrowser, url, open, shot, admin, digits8, applicant, addInstance, issueNumbers, logIn, enhanced,
} from './harness.mjs';

const TEST_TIMEOUT = 90_000;

useBrowser(['BEIAN_URL', 'BEIAN_VAR', 'BEIAN_BUILD'], 'website browser tests', 'scripts/test sets them');

/* ------------------------------------------------------------ fixtures */

const domainName = () => `t${randomBytes(6).toString('hex')}.cn`;

/** A fresh applicant with one filed enterprise subject and two 备案服务号. */
function fixtures() {
  const { login, password } = applicant();
  const icp = `浙ICP备${digits8()}号`;
  const subject = Number(admin(['subject', 'add', '--account', login, '--nature', 'enterprise',
    '--name', '杭州测试网络有限公司', '--province', '浙江', '--icp-number', icp,
    '--cert-type', '1', '--cert-number', '91330100MA2XXXXX1X', '--legal-rep-name', '王五',
    '--leader-name', '王五', '--leader-id-type', '2', '--leader-id-number', '33010619900101123X',
    '--leader-mobile', `139${digits8()}`, '--leader-email', `wangwu${digits8()}@example.com`]));
  const numbers = issueNumbers(addInstance(login, 'subscription', 12), 2);
  assert.ok(Number.isInteger(subject) && subject > 0, `subject id ${subject}`);
  assert.equal(numbers.length, 2, 'two numbers issued');
  return { login, password, icp, subject, numbers };
}

/* ------------------------------------------------------------- helpers */

/** The same page at phone width too. */
async function shots(page, name) {
  await shot(page, `${name}.png`);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await shot(page, `${name}-360.png`);
  await page.setViewportSize(size);
}

const onPage = (pathname, id) => (u) => u.pathname === pathname && u.searchParams.get('id') === String(id);

/** 增加网站 on the subject's card, confirm the subject: the product step of a new order. */
async function startOrder(page, fx, js) {
  const card = page.locator('article.subject-card').filter({ hasText: fx.icp });
  await card.waitFor();
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/order/subject.html' && /^\d+$/.test(u.searchParams.get('id') || '')),
    card.getByRole('button', { name: '增加网站' }).click(),
  ]);
  const id = Number(new URL(page.url()).searchParams.get('id'));
  if (js) await enhanced(page);
  await Promise.all([
    page.waitForURL(onPage('/order/product.html', id)),
    page.locator('form.api-form[action$="/subject-confirmation"] button[type="submit"]').click(),
  ]);
  if (js) await enhanced(page);
  return id;
}

/** Verify one 备案服务号 on the product step; its form goes on to the website step. */
async function verifyNumber(page, id, number, js) {
  if (!new URL(page.url()).pathname.endsWith('/product.html')) {
    await page.goto(url(`/order/product.html?id=${id}`));
  }
  if (js) await enhanced(page);
  await page.getByLabel('备案服务号').fill(number);
  const form = page.locator('form.api-form').filter({ has: page.locator('input[name="service_number"]') });
  await Promise.all([
    page.waitForURL(onPage('/order/website.html', id)),
    form.getByRole('button').click(),
  ]);
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), '填写网站信息');
}

/** The add form of step 5 (not a card's delete form). */
function websiteForm(page) {
  return page.locator('form.api-form').filter({ has: page.locator('input[name="domain"]') });
}

/** The error slot of a field: ids carry dots ("err-owner.mobile"), so no CSS #id. */
function errorOf(page, field) {
  return page.locator(`.field-error[data-field="${field}"]`);
}

async function serviceNumbers(page) {
  return page.locator('select[name="service_number"] option').evaluateAll((os) => os.map((o) => o.value));
}

/** With JavaScript on: the live checks are attached to the add form. */
async function live(page) {
  await page.locator('form.api-form[data-live="true"]').waitFor({ state: 'attached' });
}

/** Leave a field (Tab), which is when a live check is made. */
async function fillAndLeave(locator, value) {
  await locator.fill(value);
  await locator.press('Tab');
}

/* --------------------------------------------------------------- tests */

test('JS on: live checks with the server\'s rules, the owner switch, two websites saved', { timeout: TEST_TIMEOUT }, async (t) => {
  const fx = fixtures();
  const { page, problems } = await open(t);
  await logIn(page, fx, true);
  await enhanced(page);
  const id = await startOrder(page, fx, true);

  // Both numbers verified; the product page stays usable after the first.
  await verifyNumber(page, id, fx.numbers[0], true);
  assert.deepEqual(await serviceNumbers(page), [fx.numbers[0]], 'the first number is offered for the first website');
  await verifyNumber(page, id, fx.numbers[1], true);
  assert.deepEqual((await serviceNumbers(page)).sort(), [...fx.numbers].sort(), 'both numbers are offered');
  await live(page);
  const form = websiteForm(page);
  const states = await page.locator('ol.steps > li.step').evaluateAll((lis) => lis.map((li) => li.className));
  assert.match(states[2], /\bcurrent\b/, `填写网站信息 is the current step: ${states}`);

  // The owner switch is on by default: the owner's own fields are out of the way.
  const same = form.locator('input[name="owner.same_as_leader"]');
  assert.ok(await same.isChecked(), 'same as the leader by default');
  assert.ok(await form.locator('.owner-person').isHidden(), 'the owner\'s own fields are hidden');
  assert.ok(await form.locator('input[name="owner.mobile"]').isDisabled(), 'and not posted');
  await shots(page, 'website-js-empty');

  // Live errors, before any save, in the server's words.
  const checks = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === `/api/orders/${id}/websites/check`) checks.push(r);
  });
  await fillAndLeave(form.getByLabel('网站名称'), '中国测试网');
  await fillAndLeave(form.getByLabel('网站域名'), 'www.example.com');
  await errorOf(page, 'name').filter({ hasText: '中国' }).waitFor({ state: 'visible' });
  await errorOf(page, 'domain').filter({ hasText: 'www' }).waitFor({ state: 'visible' });
  assert.ok(checks.length > 0, 'the live check asked the server');
  assert.match(checks[0].headers()['content-type'] || '', /application\/x-www-form-urlencoded/, 'the check posts the form as is');
  assert.equal(await form.getByLabel('网站名称').getAttribute('aria-invalid'), 'true');
  // Untouched fields stay calm, although the server finds them empty.
  for (const field of ['homepage_url', 'owner.emergency_phone']) {
    assert.ok(await errorOf(page, field).isHidden(), `no error yet for the untouched ${field}`);
  }
  assert.equal(await form.locator('.form-error').isHidden(), true, 'no summary before a save');
  assert.equal(new URL(page.url()).pathname, '/order/website.html', 'nothing was posted for real');
  await shots(page, 'website-js-live-errors');

  // Saving anyway: refused in place (422), and now every field says what it lacks.
  const [refused] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/orders/${id}/websites` && r.request().method() === 'POST'),
    form.getByRole('button', { name: /保存/ }).click(),
  ]);
  assert.equal(refused.status(), 422, 'the bad website was refused');
  const summary = form.locator('.form-error');
  await summary.waitFor({ state: 'visible' });
  for (const field of ['name', 'domain', 'homepage_url', 'owner.emergency_phone']) {
    assert.ok(await errorOf(page, field).isVisible(), `after a try to save, ${field} shows its error`);
    assert.equal(await summary.locator(`li[data-field="${field}"]`).count(), 1, `the summary lists ${field}`);
  }
  assert.equal(new URL(page.url()).pathname, '/order/website.html', 'no page load');
  await shots(page, 'website-js-refused');

  // Fixed: the errors and the summary go away; a rule of the province shows as an amber note.
  const first = domainName();
  await fillAndLeave(form.getByLabel('网站名称'), '测试公司官网');
  await fillAndLeave(form.getByLabel('网站域名'), first);
  await fillAndLeave(form.getByLabel('网站首页地址'), `www.${first}`);
  await fillAndLeave(form.getByLabel('应急联系电话'), '0571-88888888');
  await errorOf(page, 'name').waitFor({ state: 'hidden' });
  await errorOf(page, 'domain').waitFor({ state: 'hidden' });
  await summary.waitFor({ state: 'hidden' });
  assert.equal(await form.locator('.field-error:not([hidden])').count(), 0, 'no error left');
  assert.equal(await form.getByLabel('网站名称').getAttribute('aria-invalid'), null);
  assert.ok(await errorOf(page, 'homepage_url').isHidden(), 'the homepage is fine');
  const warning = form.locator('.field-warning');
  await warning.first().waitFor({ state: 'visible' });
  assert.notEqual((await warning.first().textContent()).trim(), '', 'the warning says something');
  await shots(page, 'website-js-fixed');

  // Save: one card, and a fresh form for the next website with the other number.
  const [saved] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/orders/${id}/websites` && r.request().method() === 'POST'),
    page.waitForURL(onPage('/order/website.html', id)),
    form.getByRole('button', { name: /保存/ }).click(),
  ]);
  assert.equal(saved.status(), 201, 'the website was saved');
  const sent = new URLSearchParams(saved.request().postData() || '');
  assert.equal(sent.get('owner.same_as_leader'), '1');
  assert.equal(sent.has('owner.name'), false, 'the hidden owner fields were not posted');
  assert.deepEqual(sent.getAll('content_types'), ['128'], 'a checkbox list is a repeated key');
  assert.ok(saved.request().headers()['x-csrf-token'], 'with X-CSRF-Token');
  await page.locator('article.website-card').filter({ hasText: '测试公司官网' }).waitFor();
  assert.equal(await page.locator('article.website-card').count(), 1);
  assert.ok((await page.locator('article.website-card').textContent()).includes(first), 'the card shows the domain');
  await live(page);
  const otherNumber = fx.numbers.filter((n) => n !== sent.get('service_number'));
  assert.deepEqual(await serviceNumbers(page), otherNumber, 'the remaining number is offered');

  // The second website, run by someone else with a long-term ID.
  const second = domainName();
  const form2 = websiteForm(page);
  await fillAndLeave(form2.getByLabel('网站名称'), '测试公司帮助中心');
  await fillAndLeave(form2.getByLabel('网站域名'), second);
  await fillAndLeave(form2.getByLabel('网站首页地址'), `www.${second}`);
  await form2.locator('input[name="owner.same_as_leader"]').uncheck();
  await form2.locator('.owner-person').waitFor({ state: 'visible' });
  assert.ok(await form2.locator('input[name="owner.mobile"]').isEnabled(), 'the owner\'s fields can be filled in');
  // Just shown: nothing is red yet.
  assert.equal(await form2.locator('.owner-person .field-error:not([hidden])').count(), 0, 'no errors on the fresh owner fields');
  await fillAndLeave(form2.getByLabel('姓名'), '赵六');
  await fillAndLeave(form2.getByLabel('证件号码'), '440104198502023456');
  await form2.locator('input[name="owner.id_long_term"]').check();
  await form2.locator('input[name="owner.id_valid_until"]').waitFor({ state: 'hidden' });
  assert.ok(await form2.locator('input[name="owner.id_valid_until"]').isDisabled(), 'no end date for a long-term ID');
  const email = `zhaoliu${digits8()}@example.com`;
  await fillAndLeave(form2.getByLabel('手机号码'), `137${digits8()}`);
  await fillAndLeave(form2.getByLabel('电子邮箱'), email);
  // A typo first: the mobile number as the emergency phone is refused live.
  const mobile = await form2.getByLabel('手机号码').inputValue();
  await fillAndLeave(form2.getByLabel('应急联系电话'), mobile);
  await errorOf(page, 'owner.emergency_phone').waitFor({ state: 'visible' });
  await shots(page, 'website-js-owner');
  await fillAndLeave(form2.getByLabel('应急联系电话'), '0571-88888888');
  await errorOf(page, 'owner.emergency_phone').waitFor({ state: 'hidden' });
  assert.equal(await form2.locator('.field-error:not([hidden])').count(), 0, 'no error left before saving');

  const [saved2] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/orders/${id}/websites` && r.request().method() === 'POST'),
    page.waitForURL(onPage('/order/website.html', id)),
    form2.getByRole('button', { name: /保存/ }).click(),
  ]);
  assert.equal(saved2.status(), 201, 'the second website was saved');
  const sent2 = new URLSearchParams(saved2.request().postData() || '');
  assert.equal(sent2.has('owner.same_as_leader'), false, 'the switch was off');
  assert.equal(sent2.get('owner.name'), '赵六');
  assert.equal(sent2.get('owner.id_long_term'), '1');
  assert.equal(sent2.has('owner.id_valid_until'), false, 'no end date posted');

  // Two cards; no number left, so the form makes way for the way to get one.
  await page.locator('article.website-card').nth(1).waitFor();
  assert.equal(await page.locator('article.website-card').count(), 2);
  const cards = await page.locator('article.website-card').allTextContents();
  assert.ok(cards.some((c) => c.includes('测试公司帮助中心') && c.includes('赵六')), 'the second card names its owner');
  assert.equal(await websiteForm(page).count(), 0, 'no add form without a free number');
  const note = page.locator('.frag .alert').filter({ hasText: '请先在产品验证中验证' });
  assert.ok(await note.isVisible(), 'the page says to verify another number first');
  assert.match(await note.getByRole('link').getAttribute('href'), new RegExp(`/order/product\\.html\\?id=${id}$`));
  await shots(page, 'website-js-two');

  // Deleting a website (after a confirmation) frees its number for the form again.
  page.once('dialog', (d) => d.accept());
  const helpCard = page.locator('article.website-card').filter({ hasText: '测试公司帮助中心' });
  await Promise.all([
    page.waitForResponse((r) => /\/websites\/\d+\/delete$/.test(new URL(r.url()).pathname) && r.status() === 200),
    page.waitForURL(onPage('/order/website.html', id)),
    helpCard.getByRole('button', { name: '删除' }).click(),
  ]);
  await live(page);
  assert.equal(await page.locator('article.website-card').count(), 1, 'one website left');
  assert.deepEqual(await serviceNumbers(page), [sent2.get('service_number')], 'its number is offered again');
  assert.deepEqual(problems, []);
});

test('JS off, 360 px: a website saved by the classic post; a refused post comes back with the server\'s message', { timeout: TEST_TIMEOUT }, async (t) => {
  const fx = fixtures();
  const { page } = await open(t, { javaScriptEnabled: false, width: 360, height: 740 });
  await logIn(page, fx, false);
  const id = await startOrder(page, fx, false);
  await verifyNumber(page, id, fx.numbers[0], false);
  await verifyNumber(page, id, fx.numbers[1], false);
  // Without JavaScript every field is on show; the switch decides on the server.
  assert.ok(await page.locator('.owner-person').isVisible());
  await shot(page, 'website-nojs-empty.png');

  const domain = domainName();
  const form = websiteForm(page);
  await form.getByLabel('网站名称').fill('测试公司官网');
  await form.getByLabel('网站域名').fill(domain);
  await form.getByLabel('网站首页地址').fill(`www.${domain}`);
  await form.getByLabel('应急联系电话').fill('0571-88888888');
  await Promise.all([
    page.waitForURL((u) => onPage('/order/website.html', id)(u) && !u.searchParams.has('error')),
    form.getByRole('button', { name: /保存/ }).click(),
  ]);
  await page.locator('article.website-card').filter({ hasText: '测试公司官网' }).waitFor();
  assert.equal(await page.locator('article.website-card').count(), 1);
  await shot(page, 'website-nojs-saved.png');

  // Too short a name: the server redirects back with its message.
  const other = domainName();
  const form2 = websiteForm(page);
  await form2.getByLabel('网站名称').fill('花园');
  await form2.getByLabel('网站域名').fill(other);
  await form2.getByLabel('网站首页地址').fill(`www.${other}`);
  await form2.getByLabel('应急联系电话').fill('0571-88888888');
  await Promise.all([
    page.waitForURL((u) => onPage('/order/website.html', id)(u) && u.searchParams.get('error') === 'invalid'),
    form2.getByRole('button', { name: /保存/ }).click(),
  ]);
  assert.equal(new URL(page.url()).searchParams.get('field'), 'name', 'the name is what is wrong');
  const alert = page.locator('.frag .alert-error');
  assert.ok(await alert.isVisible(), 'the server rendered the error');
  assert.notEqual((await alert.textContent()).trim(), '', 'the error has text');
  assert.ok(await errorOf(page, 'name').isVisible(), 'the message is beside the name too');
  assert.equal(await websiteForm(page).getByLabel('网站名称').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('article.website-card').count(), 1, 'nothing more was saved');
  // Everything typed is back, to correct rather than retype.
  const again = websiteForm(page);
  assert.equal(await again.getByLabel('网站名称').inputValue(), '花园');
  assert.equal(await again.getByLabel('网站域名').inputValue(), other);
  assert.equal(await again.getByLabel('网站首页地址').inputValue(), `www.${other}`);
  assert.equal(await again.getByLabel('应急联系电话').inputValue(), '0571-88888888');
  assert.ok(new URL(page.url()).searchParams.get('echo'), 'the values came back by reference, not in the URL');
  assert.ok(!page.url().includes('0571'), 'no typed value in the address');
  await shot(page, 'website-nojs-error.png');
});
