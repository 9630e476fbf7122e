// Browser test: every item a reviewer can reject is one the applicant can
// fix (issue 11). Once, a rejected 负责人手机号码 of an owner who is the
// subject's leader could neither be changed nor the order abandoned.
//
// JavaScript on: an enterprise order with two websites — one whose owner is
// the leader, one with another owner and a pre-approval — is rejected in the
// console on every target the console's list offers (read from the page, so
// a target added later is covered too), each with its own row. The
// applicant fixes each on the submit page (a form per item; the whole owner
// as another person), re-uploads what was rejected or went stale on the
// upload step, sees every item marked 已修改, resubmits, and the reviewer
// approves the second round.
// JavaScript off: a personal order whose owner is the leader, rejected on
// the owner as a whole and the emergency phone; the page offers 放弃本订单;
// both are fixed through classic forms, the scans of the new owner go up,
// and the order goes back to the review.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  useBrowser, url, open, shot, admin, digits8, applicant, addInstance, issueNumbers, gotoLogin, fillLogin, reviewer, logIn, enhanced,
} from './harness.mjs';
import { bearer, call, scan, upload } from './step6.mjs';
import { idNumber } from '../idnumber.mjs';

const TEST_TIMEOUT = 300_000;

useBrowser(['BEIAN_URL', 'BEIAN_VAR', 'BEIAN_BUILD'], 'rejection browser tests', 'scripts/test sets them');

/* ------------------------------------------------------------ fixtures */

const A4 = new Set(['verification_form', 'commitment_letter', 'authorization_letter', 'preapproval_document']);
const scanFor = (kind) => (A4.has(kind) ? scan(1200, 1600) : scan(1600, 1200));
const domainName = () => `r${randomBytes(6).toString('hex')}.cn`;
const mobile = () => `13${String(5 + (digits8() % 4))}${digits8()}`;

/** Upload everything the checklist asks for, then submit. */
async function completeAndSubmit(token, oid) {
  const list = await call(token, 'GET', `/api/orders/${oid}/uploads`);
  for (const item of list.checklist) await upload(token, oid, item.kind, item.website_id, scanFor(item.kind));
  const submitted = await call(token, 'POST', `/api/orders/${oid}/submit`);
  assert.equal(submitted.state, 'initial_review');
}

/** An applicant's order with the given subject and websites, submitted. */
async function submittedOrder(subjectArgs, sites) {
  const who = applicant();
  const subject = Number(admin(['subject', 'add', '--account', who.login, ...subjectArgs]));
  const numbers = issueNumbers(addInstance(who.login, 'subscription', 12), sites.length);
  const token = await bearer(who);
  const order = await call(token, 'POST', `/api/subjects/${subject}/orders`, { kind: 'add_website' });
  await call(token, 'POST', `/api/orders/${order.id}/subject-confirmation`);
  const wids = [];
  for (const [i, site] of sites.entries()) {
    await call(token, 'POST', `/api/orders/${order.id}/product`, { product_type: 'ecs', service_number: numbers[i] });
    const domain = domainName();
    wids.push((await call(token, 'POST', `/api/orders/${order.id}/websites`, {
      domain, homepage_url: `www.${domain}`, languages: [1], service_number: numbers[i], ...site,
    })).id);
  }
  await completeAndSubmit(token, order.id);
  return { who, token, id: order.id, wids };
}

function leaderArgs(nature, province, abbr, region) {
  const id = idNumber(region);
  const personal = nature === 'personal';
  return ['--nature', nature, '--name', personal ? '王五' : '杭州驳回测试网络有限公司', '--province', province,
    '--icp-number', `${abbr}ICP备${digits8()}号`, '--cert-type', personal ? '2' : '1',
    '--cert-number', personal ? id : '91330100MA2RRRRR1X', '--leader-name', '王五', '--leader-id-type', '2',
    '--leader-id-number', id, '--leader-mobile', mobile(), '--leader-email', `ww${digits8()}@example.com`,
    ...(personal ? [] : ['--legal-rep-name', '王五'])];
}

async function logInAny(page, who, js) {
  await gotoLogin(page, js);
  await fillLogin(page, who.login, who.password);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/login.html'),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
}

/* ------------------------------------------------------------- helpers */

const LEADER_FIELDS = ['owner.name', 'owner.id_type', 'owner.id_number', 'owner.mobile', 'owner.email'];

/** The values of the console's target list (row 0), without the empty one. */
async function targetsOf(page) {
  return (await page.locator('#target-0 option').evaluateAll((os) => os.map((o) => o.value))).filter(Boolean);
}

/** Fill the fix form of one rejected field inside the item's <li>. */
async function fixField(li, key, order, js) {
  const value = (name) => li.locator(`[name="${name}"]`);
  switch (key) {
  case 'name':
    await value('name').fill(`驳回测试新站${digits8() % 1000}`);
    break;
  case 'domain': {
    const d = domainName();
    await value('domain').fill(d);
    await value('homepage_url').fill(`www.${d}`);
    break;
  }
  case 'homepage_url': {
    const site = (await call(order.token, 'GET', `/api/orders/${order.id}`)).websites
      .find((w) => w.id === order.current);
    await value('homepage_url').fill(`www.${site.domain}/index.html`);
    break;
  }
  case 'content_types':
    await li.locator('input[name="content_types"][value="4"]').check();
    break;
  case 'languages':
    await li.locator('input[name="languages"][value="12"]').check();
    break;
  case 'preapprovals':
    // None yet: the reviewer asks for one; else the number is corrected.
    if (await value('preapproval_type').first().inputValue() === '')
      await value('preapproval_type').first().selectOption('4');
    await value('preapproval_number').first().fill(`浙教${digits8()}`);
    break;
  case 'remark':
    await value('remark').fill('按审核要求补充：本网站为公司产品文档');
    break;
  case 'owner':
    await li.locator('input[name="owner.same_as_leader"][value="0"]').check();
    await value('owner.name').fill('孙七');
    await value('owner.id_type').selectOption('2');
    await value('owner.id_number').fill(idNumber());
    await li.locator('input[name="owner.id_long_term"]').check();
    await value('owner.mobile').fill(mobile());
    await value('owner.emergency_phone').fill(`0571-8${String(digits8()).slice(1)}`);
    await value('owner.email').fill(`sq${digits8()}@example.com`);
    break;
  case 'owner.name':
    await value('owner.name').fill('周八');
    break;
  case 'owner.id_type':
    await value('owner.id_type').selectOption('7');
    break;
  case 'owner.id_number':
    await value('owner.id_number').fill(idNumber());
    break;
  case 'owner.id_valid_until':
    await value('owner.id_valid_until').fill('2036-06-30');
    break;
  case 'owner.mobile':
    await value('owner.mobile').fill(mobile());
    break;
  case 'owner.emergency_phone':
    await value('owner.emergency_phone').fill(`0571-8${String(digits8()).slice(1)}`);
    break;
  case 'owner.email':
    await value('owner.email').fill(`e${digits8()}@example.com`);
    break;
  default:
    assert.fail(`no way to fix ${key} on the page`);
  }
  // The page is already at its own URL: wait for the next document's load
  // (a redirect after the classic post, or forms.js's location.assign).
  const page = li.page();
  await Promise.all([
    page.waitForEvent('load'),
    li.getByRole('button', { name: '保存修改' }).click(),
  ]);
  assert.ok(!new URL(page.url()).searchParams.has('error'), `${key}: refused (${page.url()})`);
  if (js) await enhanced(page);
}

/** Upload a scan into every slot of the upload step that asks for one. */
async function uploadWanted(page, order, js) {
  await page.goto(url(`/order/upload.html?id=${order.id}`));
  const sent = [];
  for (;;) {
    if (js) await page.locator('form.upload-form[data-enhanced="true"]').first().waitFor({ state: 'attached' }).catch(() => {});
    const slot = page.locator('article.upload-slot.missing:has(form), article.upload-slot.rejected:has(form)').first();
    if (await slot.count() === 0) break;
    const id = await slot.getAttribute('id');
    assert.ok(!sent.includes(id), `${id} was sent once already and is still wanted`);
    sent.push(id);
    const kind = id.replace(/^slot-/, '').replace(/-\d+$/, '');
    const file = { name: `${kind}.jpg`, mimeType: 'image/jpeg', buffer: scanFor(kind) };
    await slot.locator('input[type="file"]').setInputFiles(file);
    if (js) {
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/orders/${order.id}/uploads`, { timeout: 30_000 }),
        slot.getByRole('button', { name: /上传/ }).click(),
      ]);
      assert.equal(res.status(), 201, `${id}: ${await res.text()}`);
      await page.locator(`#${id}.present`).waitFor();
      await page.reload();
    } else {
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/order/upload.html'),
        slot.getByRole('button', { name: /上传/ }).click(),
      ]);
      assert.equal(await page.locator('.frag .alert-error').count(), 0, `${id}: ${await page.locator('.frag .alert-error').allTextContents()}`);
    }
  }
  return sent;
}

/* --------------------------------------------------------------- tests */

test('JS on: every target the console offers is rejected, fixed on the page, resubmitted and approved', { timeout: TEST_TIMEOUT }, async (t) => {
  const order = await submittedOrder(leaderArgs('enterprise', '浙江', '浙', '330106'), [
    { name: '驳回测试官网', content_types: [128], owner: { same_as_leader: true, emergency_phone: '0571-88880001' } },
    { name: '驳回测试文档中心', content_types: [128], preapprovals: [{ type: 4, number: `浙教${digits8()}` }],
      owner: { same_as_leader: false, name: '赵六', id_type: '2', id_number: idNumber(), id_long_term: true,
        mobile: mobile(), emergency_phone: '0571-88880002', email: `zl${digits8()}@example.com` } },
  ]);
  const [leaderSite, otherSite] = order.wids;

  // The console: every target, one row each.
  const rv = await open(t);
  const staff = reviewer();
  await logInAny(rv.page, staff, true);
  await rv.page.goto(url(`/review/order.html?id=${order.id}`));
  await rv.page.locator('form.review-reject[data-enhanced="true"]').waitFor({ state: 'attached' });
  const targets = await targetsOf(rv.page);
  for (const f of LEADER_FIELDS) {
    assert.ok(!targets.includes(`field:websites.${leaderSite}.${f}`), `the leader's ${f} is no target`);
    assert.ok(targets.includes(`field:websites.${otherSite}.${f}`), `another owner's ${f} is`);
  }
  for (const w of order.wids) {
    assert.ok(targets.includes(`field:websites.${w}.owner`), 'the owner as a whole');
    assert.ok(!targets.includes(`field:websites.${w}.service_number`), 'never the number alone');
    assert.ok(!targets.includes(`field:websites.${w}.owner.same_as_leader`), 'never the tick alone');
  }
  const uploads = targets.filter((v) => v.startsWith('upload:'));
  assert.ok(uploads.length >= 9, `every upload: ${uploads}`);
  t.diagnostic(`${targets.length} targets: ${targets.join(' ')}`);
  for (const [k, target] of targets.entries()) {
    while (await rv.page.locator('fieldset.reason-row').count() <= k)
      await rv.page.getByRole('button', { name: '再加一项驳回项目' }).click();
    await rv.page.locator(`#code-${k}`).selectOption(target.startsWith('upload:') ? 'R5' : 'R7');
    await rv.page.locator(`#target-${k}`).selectOption(target);
    await rv.page.locator(`#note-${k}`).fill(`请修改（第 ${k + 1} 项）`);
  }
  await Promise.all([
    rv.page.waitForURL((u) => u.pathname === '/review/'),
    rv.page.getByRole('button', { name: '驳回', exact: true }).click(),
  ]);
  await rv.page.locator('#review-flash').filter({ hasText: `已驳回 ${targets.length} 项` }).waitFor();
  const rejected = (await call(order.token, 'GET', `/api/orders/${order.id}`)).review.rejected;
  assert.equal(rejected.length, targets.length);

  // The applicant: every item on the submit page, named with its website.
  const ap = await open(t);
  await logIn(ap.page, order.who, true);
  await ap.page.goto(url(`/order/submit.html?id=${order.id}`));
  await enhanced(ap.page);
  assert.equal(await ap.page.locator('.rejected-items > li').count(), targets.length);
  assert.equal(await ap.page.locator('.rejected-items > li .badge-todo').count(), targets.length, 'all 待修改');
  assert.ok(await ap.page.getByRole('button', { name: '放弃本订单' }).isVisible(), 'a rejected order can be abandoned');
  await shot(ap.page, 'rejections-js-all.png');
  // The whole owner first: the single owner fields are then changes of the new one.
  const fields = rejected.filter((it) => it.target.field)
    .sort((a, b) => (b.target.field.endsWith('.owner') - a.target.field.endsWith('.owner')) ||
      (b.target.field.endsWith('.domain') - a.target.field.endsWith('.domain')));
  for (const it of fields) {
    const li = ap.page.locator(`#item-${it.id}`);
    const now = (await call(order.token, 'GET', `/api/orders/${order.id}`)).websites.find((w) => w.id === it.website_id);
    assert.ok((await li.textContent()).includes(now.name), `${it.target.field} names its website`);
    const key = it.target.field.split('.').slice(2).join('.');
    await fixField(li, key, { ...order, current: it.website_id }, true);
    await ap.page.locator(`#item-${it.id} .badge-fixed`).waitFor().catch(async (e) => {
      await shot(ap.page, 'rejections-js-stuck.png');
      const said = await ap.page.locator(`#item-${it.id} .form-error, #item-${it.id} .field-error`).allTextContents();
      throw new Error(`${it.target.field} not fixed: ${said.join(' | ')} ${e.message}`);
    });
  }
  // The documents: the rejected ones, and those the new owners and domains made stale.
  const sent = await uploadWanted(ap.page, order, true);
  t.diagnostic(`re-uploaded ${sent.join(' ')}`);
  assert.ok(sent.length >= uploads.length, `every rejected upload went up again: ${sent}`);

  await ap.page.goto(url(`/order/submit.html?id=${order.id}`));
  await enhanced(ap.page);
  assert.equal(await ap.page.locator('.rejected-items > li .badge-fixed').count(), targets.length, 'all 已修改');
  await shot(ap.page, 'rejections-js-fixed.png');
  await Promise.all([
    ap.page.waitForURL((u) => u.pathname === '/order/submit.html'),
    ap.page.getByRole('button', { name: '重新提交初审' }).click(),
  ]);
  await ap.page.locator('.alert-success').filter({ hasText: '已提交初审' }).waitFor();
  assert.deepEqual(ap.problems, []);

  // The second round: what changed since the rejection comes first, each
  // field before and after, each document replaced; then approved.
  await rv.page.goto(url(`/review/order.html?id=${order.id}`));
  const changed = rv.page.locator('.review-changes li');
  assert.equal(await changed.count(), targets.length, 'every item of the last round');
  const nameItem = changed.filter({ hasText: '网站名称' }).first();
  assert.match(await nameItem.textContent(), /原来：驳回测试官网[\s\S]*现在：驳回测试新站/);
  assert.equal(await changed.filter({ hasText: '已重新上传' }).count(), uploads.length, 'each rejected document replaced');
  await shot(rv.page, 'rejections-js-second-round.png');
  await Promise.all([
    rv.page.waitForURL((u) => u.pathname === '/review/'),
    rv.page.getByRole('button', { name: '通过', exact: true }).click(),
  ]);
  assert.equal((await call(order.token, 'GET', `/api/orders/${order.id}`)).state, 'awaiting_verification');
  assert.deepEqual(rv.problems, []);

  // The applicant's pages now say where the order is: 提交 done, 拍照核验 next.
  await ap.page.goto(url(`/order/submit.html?id=${order.id}`));
  const steps = await ap.page.locator('ol.steps > li.step').evaluateAll((lis) => lis.map((li) => li.className));
  assert.match(steps[4], /\bdone\b/, `提交 is done: ${steps}`);
  assert.doesNotMatch(steps[4], /\bcurrent\b/, `and no longer current: ${steps}`);
  assert.match(steps[5], /\bcurrent\b/, `拍照核验 is where the order is: ${steps}`);
});

test('JS off: the owner who is the leader is replaced, the emergency phone retyped, and the order resubmitted', { timeout: TEST_TIMEOUT }, async (t) => {
  const order = await submittedOrder(leaderArgs('personal', '浙江', '浙', '330106'), [
    { name: '王五的摄影日记', content_types: [32], owner: { same_as_leader: true, emergency_phone: '0571-88880003' } },
  ]);
  const [wid] = order.wids;
  const rv = await open(t, { javaScriptEnabled: false });
  await logInAny(rv.page, reviewer(), false);
  await rv.page.goto(url(`/review/order.html?id=${order.id}`));
  const targets = await targetsOf(rv.page);
  assert.ok(!targets.includes(`field:websites.${wid}.owner.mobile`), '负责人手机号码 of the leader is no target');
  for (const [k, target] of [`field:websites.${wid}.owner`, `field:websites.${wid}.owner.emergency_phone`].entries()) {
    await rv.page.locator(`#code-${k}`).selectOption('R7');
    await rv.page.locator(`#target-${k}`).selectOption(target);
    await rv.page.locator(`#note-${k}`).fill(k === 0 ? '负责人手机号码无法接通，请更换网站负责人' : '应急电话无人接听');
  }
  await Promise.all([
    rv.page.waitForURL((u) => u.pathname === '/review/'),
    rv.page.getByRole('button', { name: '驳回', exact: true }).click(),
  ]);

  const ap = await open(t, { javaScriptEnabled: false });
  await logIn(ap.page, order.who, false);
  await ap.page.goto(url(`/order/submit.html?id=${order.id}`));
  assert.equal(await ap.page.locator('.rejected-items > li').count(), 2);
  assert.ok(await ap.page.getByRole('button', { name: '放弃本订单' }).isVisible(), 'abandon is offered');
  await shot(ap.page, 'rejections-nojs-rejected.png');
  const items = (await call(order.token, 'GET', `/api/orders/${order.id}`)).review.rejected;
  for (const it of items) {
    const key = it.target.field.split('.').slice(2).join('.');
    await fixField(ap.page.locator(`#item-${it.id}`), key, order, false);
    await ap.page.locator(`#item-${it.id} .badge-fixed`).waitFor();
  }
  const site = (await call(order.token, 'GET', `/api/orders/${order.id}`)).websites[0];
  assert.equal(site.owner.same_as_leader, false);
  assert.equal(site.owner.name, '孙七');
  const sent = await uploadWanted(ap.page, order, false);
  assert.deepEqual(sent.sort(), [`slot-owner_id_back-${wid}`, `slot-owner_id_front-${wid}`, `slot-verification_form-${wid}`],
    'the new owner\'s scans and 核验单');
  await ap.page.goto(url(`/order/submit.html?id=${order.id}`));
  await Promise.all([
    ap.page.waitForURL((u) => u.pathname === '/order/submit.html'),
    ap.page.getByRole('button', { name: '重新提交初审' }).click(),
  ]);
  await ap.page.locator('.alert-success').filter({ hasText: '已提交初审' }).waitFor();
  await shot(ap.page, 'rejections-nojs-resubmitted.png');
  assert.equal((await call(order.token, 'GET', `/api/orders/${order.id}`)).state, 'initial_review');
});
