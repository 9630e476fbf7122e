// Browser test: the whole first path on the demo data, with two browser
// contexts side by side — the applicant (demo) and the provider's reviewer.
//
//   applicant: log in → 增加网站 on 张三 → confirm the subject → verify a demo
//   备案服务号 → fill the website → upload every document → 检查并提交 →
//   提交初审;
//   reviewer: the queue → the order → reject the ID photo (R5, with a note);
//   applicant: sees exactly that item, only its slot takes a new file,
//   replaces it → 重新提交初审;
//   reviewer: approves → the applicant's order waits for photo verification.
//
//   cd tests && BEIAN_URL=… BEIAN_VAR=… BEIAN_BUILD=… BEIAN_DEMO_LOGIN=demo \
//     BEIAN_DEMO_PASSWORD=demo-pass-2026 node --test browser/filing.test.mjs

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { useBrowser, url, open, shot, logIn, enhanced, admin, applicant, addInstance, issueNumbers, digits8, DEMO_LOGIN, DEMO_PASSWORD, STEP_TIMEOUT } from './harness.mjs';
import { bearer, call, uploadOrder } from './step6.mjs';
import { idNumber } from '../idnumber.mjs';

useBrowser(['BEIAN_URL', 'BEIAN_VAR', 'BEIAN_BUILD', 'BEIAN_DEMO_LOGIN', 'BEIAN_DEMO_PASSWORD'],
  'the whole filing path', 'scripts/test sets them');

const DEMO = { login: DEMO_LOGIN, password: DEMO_PASSWORD };
const REVIEWER = { login: 'reviewer', password: 'review-pass-2026' };
const DEMO_ICP = '浙ICP备26000001号';   // 张三, personal, 浙江 (beian-admin demo)

const dir = mkdtempSync(path.join(tmpdir(), 'beian-filing-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A scan the quality gate always passes (sharp edges, mid-grey; plasma is random): a file of WxH. */
function scan(name, w, h) {
  const file = path.join(dir, name);
  execFileSync('gm', ['convert', '-size', `${w}x${h}`, 'pattern:checkerboard', '-quality', '85', `jpg:${file}`]);
  return file;
}

/** A demo number still free: "可用" in the demo listing and bound. */
function demoNumber() {
  const status = new Map(admin(['sin', 'list']).split('\n').map((l) => l.trim().split(/\s+/)));
  const usable = admin(['demo']).split('\n').filter((l) => l.startsWith('service-number ') && l.includes('可用（'))
    .map((l) => l.split(' ')[1]);
  const n = usable.find((x) => status.get(x) === 'bound');
  assert.ok(n, `a free demo number among ${usable}`);
  return n;
}

/** A rerun on the same stack: give up 张三's open order first. */
async function freeDemoSubject() {
  const token = await bearer(DEMO);
  const { subjects } = await call(token, 'GET', '/api/subjects');
  const s = subjects.find((x) => x.icp_number === DEMO_ICP);
  assert.ok(s, 'the demo subject 张三');
  if (s.open_order && s.open_order.id)
    await call(token, 'POST', `/api/orders/${s.open_order.id}/abandon`);
  return token;
}

const h1 = async (page) => (await page.getByRole('heading', { level: 1 }).textContent()).trim();
const onPage = (p, id) => (u) => u.pathname === p && u.searchParams.get('id') === String(id) && !u.searchParams.has('error');

/** Signed in and the header script ran (pages without an api-form). */
const ready = (page) => page.locator('body[data-session="ready"]').waitFor({ state: 'attached' });
/** upload.js took over the slots' forms. */
const uploadsReady = (page) => page.locator('.upload-form.enhanced').first().waitFor();

async function uploadInSlot(page, slot, file) {
  await slot.locator('input[type="file"]').setInputFiles(file);
  const send = slot.getByRole('button', { name: /^(上传|重新上传)$/ });
  await send.waitFor({ state: 'visible' });
  await send.click();
  await slot.locator('.field-warning, figure.preview img[src^="/api/uploads/"]').first().waitFor({ timeout: 30_000 });
}

test('apply, get one upload rejected, replace only it, and be approved', { timeout: 240_000 }, async (t) => {
  const token = await freeDemoSubject();
  const number = demoNumber();

  /* ------------------------------------------------ the applicant files */
  const { page } = await open(t);
  await logIn(page, DEMO, true);
  await page.locator('body[data-session="ready"]').waitFor({ state: 'attached' });
  await enhanced(page);
  const card = page.locator('article.subject-card').filter({ hasText: DEMO_ICP });
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/order/subject.html'),
    card.getByRole('button', { name: '增加网站' }).click(),
  ]);
  const id = Number(new URL(page.url()).searchParams.get('id'));
  assert.ok(id > 0, `an order: ${page.url()}`);
  await enhanced(page);
  await Promise.all([
    page.waitForURL(onPage('/order/product.html', id)),
    page.locator('form.api-form[action$="/subject-confirmation"] button[type="submit"]').click(),
  ]);
  await enhanced(page);
  await page.getByLabel('备案服务号').fill(number);
  await Promise.all([
    page.waitForURL(onPage('/order/website.html', id)),
    page.locator('form.api-form').filter({ has: page.locator('input[name="service_number"]') }).getByRole('button').click(),
  ]);
  await enhanced(page);
  const domain = `zhangsan-${randomBytes(4).toString('hex')}.cn`;
  const form = page.locator('form.api-form').filter({ has: page.locator('input[name="domain"]') });
  await form.getByLabel('网站名称').fill('张三的摄影日记');
  await form.getByLabel('网站域名').fill(domain);
  await form.getByLabel('网站首页地址').fill(`www.${domain}`);
  await form.getByLabel('应急联系电话').fill('0571-88888888');
  const [saved] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/orders/${id}/websites` && r.request().method() === 'POST'),
    form.getByRole('button', { name: /保存/ }).click(),
  ]);
  assert.equal(saved.status(), 201, "the website was saved");
  await shot(page, 'filing-website.png');
  await page.locator('article.website-card').filter({ hasText: '张三的摄影日记' }).waitFor({ timeout: STEP_TIMEOUT });
  const { websites } = await call(token, 'GET', `/api/orders/${id}`);
  const wid = websites[0].id;

  await page.goto(url(`/order/upload.html?id=${id}`));
  await uploadsReady(page);
  const files = {
    owner_id_front: scan('身份证正面.jpg', 1600, 1200),
    owner_id_back: scan('身份证反面.jpg', 1600, 1200),
    verification_form: scan('核验单.jpg', 1240, 1754),
    domain_certificate: scan('域名证书.jpg', 1600, 1200),
  };
  for (const [kind, file] of Object.entries(files))
    await uploadInSlot(page, page.locator(`#slot-${kind}-${wid}`), file);
  await shot(page, 'filing-uploaded.png');

  const checks = await call(token, 'GET', `/api/orders/${id}/checks`);
  assert.deepEqual(checks.findings.filter((f) => f.severity === 'error'), [], 'nothing blocks the demo order');
  await page.goto(url(`/order/submit.html?id=${id}`));
  await enhanced(page);
  assert.equal(await h1(page), '检查并提交');
  assert.equal(await page.locator('.finding-error').count(), 0, 'nothing blocks');
  assert.ok(await page.locator('.finding-warning').filter({ hasText: '域名' }).count() > 0,
    'the registrar check that could not run is said, not skipped');
  await shot(page, 'filing-checks.png');
  // The last look: everything as stored, every image, the expiry; 提交初审 there.
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/order/confirm.html'),
    page.getByRole('link', { name: '下一步：核对并提交' }).click(),
  ]);
  await enhanced(page);
  assert.equal(await h1(page), '核对并提交');
  const confirm = page.locator('.frag[data-frag="order-confirm"]');
  for (const words of ['主体信息', '张三的摄影日记', '网站域名', '网站服务内容', '应急联系电话'])
    assert.ok((await confirm.textContent()).includes(words), `the page shows ${words}`);
  const thumbs = confirm.locator(`#site-${wid} .confirm-uploads img`);
  assert.equal(await thumbs.count(), Object.keys(files).length, 'every image as a thumbnail');
  for (const img of await thumbs.all())
    await page.waitForFunction((i) => i.complete && i.naturalWidth > 0, await img.elementHandle());
  assert.match(await page.locator('.order-expiry').textContent(), /前提交（还剩 \d+ 天）/, 'when the order expires');
  await shot(page, 'filing-confirm.png');
  await page.getByRole('button', { name: '提交初审' }).click();
  await page.getByText('已提交初审').waitFor({ timeout: STEP_TIMEOUT });
  assert.match(await page.locator('.frag').textContent(), /预计 \d+月\d+日（周.）18:00 前完成/);
  await shot(page, 'filing-submitted.png');

  /* ------------------------------------------ the reviewer rejects one */
  const { page: rev } = await open(t);
  await logIn(rev, REVIEWER, true);
  // Staff land on their queue.
  assert.equal(new URL(rev.url()).pathname, '/review/');
  const row = rev.locator(`a[href="/review/order.html?id=${id}"]`);
  await row.first().waitFor({ timeout: STEP_TIMEOUT });
  await shot(rev, 'filing-review-queue.png');
  await Promise.all([rev.waitForURL(onPage('/review/order.html', id)), row.first().click()]);
  await ready(rev);
  assert.ok(await rev.locator('.finding-warning').filter({ hasText: '未能核对域名' }).count() > 0,
    'the reviewer sees the warning the applicant submitted with');
  const front = (await call(token, 'GET', `/api/orders/${id}/uploads`)).uploads.find((u) => u.kind === 'owner_id_front');
  assert.ok(await rev.locator(`img[src^="/api/uploads/${front.id}"]`).count() > 0, 'the ID photo is shown');
  const reject = rev.locator('form').filter({ has: rev.locator('select[name="code"]') });
  await reject.locator('select[name="code"]').first().selectOption('R5');
  await reject.locator('select[name="target"]').first().selectOption(`upload:${front.id}`);
  await reject.locator('input[name="note"]').first().fill('证件照片反光，看不清号码');
  await shot(rev, 'filing-review-reject.png');
  await Promise.all([
    rev.waitForURL((u) => u.pathname === '/review/' || u.pathname === '/review/index.html'),
    reject.getByRole('button', { name: '驳回', exact: true }).click(),
  ]);
  assert.equal((await call(token, 'GET', `/api/orders/${id}`)).state, 'initial_rejected');

  /* ---------------------------- the applicant replaces only that photo */
  await page.reload();
  await ready(page);
  const items = page.locator('.rejected-items .finding');
  assert.equal(await items.count(), 1, 'exactly the rejected item');
  assert.match(await items.textContent(), /证件照片反光，看不清号码/);
  await shot(page, 'filing-rejected.png');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/order/upload.html'),
    items.getByRole('link', { name: '重新上传' }).click(),
  ]);
  await uploadsReady(page);
  const slot = page.locator(`#slot-owner_id_front-${wid}`);
  assert.ok(await slot.evaluate((e) => e.classList.contains('rejected')), 'the rejected slot is marked');
  assert.equal(await page.locator('.upload-slot input[type="file"]').count(), 1, 'only the rejected slot takes a file');
  await uploadInSlot(page, slot, scan('身份证正面-重拍.jpg', 1700, 1200));
  await page.goto(url(`/order/submit.html?id=${id}`));
  await enhanced(page);
  await page.getByRole('button', { name: '重新提交初审' }).click();
  await page.getByText('已提交初审').waitFor({ timeout: STEP_TIMEOUT });

  /* ------------------------------------------------ the reviewer approves */
  await rev.goto(url(`/review/order.html?id=${id}`));
  await ready(rev);
  await Promise.all([
    rev.waitForURL((u) => u.pathname === '/review/' || u.pathname === '/review/index.html'),
    rev.getByRole('button', { name: '通过', exact: true }).click(),
  ]);
  const done = await call(token, 'GET', `/api/orders/${id}`);
  assert.equal(done.state, 'awaiting_verification');
  const events = done.events.filter((e) => e.event !== 'edited').map((e) => e.event);
  assert.deepEqual(events.slice(-4), ['submitted', 'initial_rejected', 'submitted', 'initial_approved']);
  await page.reload();
  assert.match(await page.locator('.frag').textContent(), /待拍照核验/);
  await shot(page, 'filing-approved.png');
});

/** A fresh applicant, a personal subject in 浙江 with its own ID number, one 备案服务号. */
function freshApplicant() {
  const { login, password } = applicant();
  const id = idNumber();
  const subject = Number(admin(['subject', 'add', '--account', login, '--nature', 'personal',
    '--name', '王五', '--province', '浙江', '--icp-number', `浙ICP备${digits8()}号`,
    '--cert-type', '2', '--cert-number', id, '--leader-name', '王五', '--leader-id-type', '2',
    '--leader-id-number', id, '--leader-mobile', `139${digits8()}`, '--leader-email', `w${digits8()}@example.com`]));
  const [number] = issueNumbers(addInstance(login, 'subscription', 12), 1);
  const fx = { login, password, subject, number };
  return fx;
}

/** freshApplicant()'s order, complete and submitted through the API. */
async function submittedOrder() {
  const fx = freshApplicant();
  const order = await uploadOrder(fx);
  const { checklist } = await call(order.token, 'GET', `/api/orders/${order.id}/uploads`);
  for (const item of checklist) {
    const fd = new FormData();
    fd.append('kind', item.kind);
    fd.append('website_id', String(item.website_id));
    const file = scan(`${item.kind}.jpg`, 1600, 1200);
    fd.append('file', new Blob([readFileSync(file)], { type: 'image/jpeg' }), `${item.kind}.jpg`);
    const r = await fetch(url(`/api/orders/${order.id}/uploads`), { method: 'POST', body: fd,
      headers: { Accept: 'application/json', Authorization: `Bearer ${order.token}` } });
    assert.equal(r.status, 201, `${item.kind}: ${await r.text()}`);
  }
  await call(order.token, 'POST', `/api/orders/${order.id}/submit`);
  return { fx, ...order };
}

test('JS off: a rejected website name is retyped on the submit page, then resubmitted', { timeout: 120_000 }, async (t) => {
  const o = await submittedOrder();
  const rev = await bearer(REVIEWER);
  await call(rev, 'POST', `/api/review/orders/${o.id}/decision`, { decision: 'reject',
    reasons: [{ code: 'R2', target: { field: `websites.${o.wid}.name` }, note: '名称与网站内容不符' }] });

  const { page } = await open(t, { javaScriptEnabled: false });
  await logIn(page, o.fx, false);
  await page.goto(url(`/order/submit.html?id=${o.id}`));
  const item = page.locator('.rejected-items .finding');
  assert.match(await item.textContent(), /名称与网站内容不符/);
  const input = item.getByLabel('网站名称');
  assert.equal(await input.inputValue(), '王五的摄影日记', 'the stored name, ready to edit');
  await shot(page, 'filing-field-rejected.png');

  // A name the rules refuse comes back with the rule's words.
  await input.fill('中国旅行');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/order/submit.html' && u.searchParams.has('error')),
    item.getByRole('button', { name: '保存修改' }).click(),
  ]);
  assert.match(await page.locator('.frag').textContent(), /中国/);
  await shot(page, 'filing-field-refused.png');

  await page.locator('.rejected-items .finding').getByLabel('网站名称').fill('王五的旅行日记');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/order/submit.html' && !u.searchParams.has('error')),
    page.locator('.rejected-items .finding').getByRole('button', { name: '保存修改' }).click(),
  ]);
  assert.equal((await call(o.token, 'GET', `/api/orders/${o.id}`)).websites[0].name, '王五的旅行日记');
  assert.equal(await page.locator('.finding-error').filter({ hasText: '还没有修改' }).count(), 0, 'the item is answered');
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/order/submit.html' && !u.searchParams.has('error')),
    page.getByRole('button', { name: '重新提交初审' }).click(),
  ]);
  await page.getByText('已提交初审').waitFor();
  assert.equal((await call(o.token, 'GET', `/api/orders/${o.id}`)).state, 'initial_review');
});

test('JS on: a rejected content-type list is changed with its checkboxes on the submit page', { timeout: 120_000 }, async (t) => {
  const o = await submittedOrder();
  const rev = await bearer(REVIEWER);
  await call(rev, 'POST', `/api/review/orders/${o.id}/decision`, { decision: 'reject',
    reasons: [{ code: 'R4', target: { field: `websites.${o.wid}.content_types` }, note: '请补选“网络图片”' }] });

  const { page } = await open(t);
  await logIn(page, o.fx, true);
  await page.goto(url(`/order/submit.html?id=${o.id}`));
  await enhanced(page);
  const item = page.locator('.rejected-items .finding');
  const group = item.getByRole('group', { name: '网站服务内容' });
  assert.ok(await group.getByLabel('博客/个人空间').isChecked(), 'the stored choice is ticked');
  await group.getByLabel('网络图片').check();
  await shot(page, 'filing-codes-rejected.png');
  const [saved] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/orders/${o.id}/websites/${o.wid}/fields`),
    item.getByRole('button', { name: '保存修改' }).click(),
  ]);
  assert.equal(saved.status(), 200, 'saved');
  await page.waitForLoadState();
  const site = (await call(o.token, 'GET', `/api/orders/${o.id}`)).websites[0];
  assert.deepEqual(site.content_types, [32, 32768]);
  await enhanced(page);
  await page.getByRole('button', { name: '重新提交初审' }).click();
  await page.getByText('已提交初审').waitFor();
});

test('a draft\'s saved website is edited in place: JS on, then JS off with a refusal', { timeout: 120_000 }, async (t) => {
  const fx = freshApplicant();
  const number = fx.number;
  const o = await uploadOrder(fx);

  const { page } = await open(t);
  await logIn(page, fx, true);
  await page.goto(url(`/order/website.html?id=${o.id}`));
  await enhanced(page);
  const card = page.locator('article.website-card');
  await Promise.all([
    page.waitForURL((u) => u.searchParams.get('edit') === String(o.wid)),
    card.getByRole('link', { name: '修改' }).click(),
  ]);
  await enhanced(page);
  const form = page.locator('form.api-form').filter({ has: page.locator('input[name="domain"]') });
  assert.equal(await form.getByLabel('网站名称').inputValue(), '王五的摄影日记', 'filled with what is stored');
  assert.ok(await form.getByLabel('博客/个人空间').isChecked());
  assert.equal(await form.locator('select[name="service_number"]').inputValue(), number, 'its own number');
  await form.getByLabel('网站名称').fill('王五的旅行日记');
  await shot(page, 'website-edit-js.png');
  const [saved] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/orders/${o.id}/websites/${o.wid}/update`),
    form.getByRole('button', { name: '保存修改' }).click(),
  ]);
  assert.equal(saved.status(), 200, 'saved');
  await page.waitForURL((u) => u.pathname === '/order/website.html' && !u.searchParams.has('edit'));
  await page.locator('article.website-card').filter({ hasText: '王五的旅行日记' }).waitFor();
  assert.equal(await page.locator('article.website-card').count(), 1, 'changed, not added');

  // Without JavaScript: a refused change comes back to the edit form.
  const { page: plain } = await open(t, { javaScriptEnabled: false });
  await logIn(plain, fx, false);
  await plain.goto(url(`/order/website.html?id=${o.id}&edit=${o.wid}`));
  const form2 = plain.locator('form').filter({ has: plain.locator('input[name="domain"]') });
  await form2.getByLabel('网站名称').fill('花园');
  await Promise.all([
    plain.waitForURL((u) => u.searchParams.has('error')),
    form2.getByRole('button', { name: '保存修改' }).click(),
  ]);
  assert.equal(new URL(plain.url()).searchParams.get('edit'), String(o.wid), 'still editing');
  assert.ok(await plain.getByRole('heading', { name: /修改网站/ }).isVisible());
  await shot(plain, 'website-edit-refused.png');
  await plain.locator('form').filter({ has: plain.locator('input[name="domain"]') }).getByLabel('网站名称').fill('王五的旅行手记');
  await Promise.all([
    plain.waitForURL((u) => u.pathname === '/order/website.html' && !u.searchParams.has('error') && !u.searchParams.has('edit')),
    plain.locator('form').filter({ has: plain.locator('input[name="domain"]') }).getByRole('button', { name: '保存修改' }).click(),
  ]);
  assert.equal((await call(o.token, 'GET', `/api/orders/${o.id}`)).websites[0].name, '王五的旅行手记');
});

test('JS off: a 广东 enterprise files a website with its 承诺书, confirms everything and is approved', { timeout: 240_000 }, async (t) => {
  const GD_ICP = '粤ICP备26000002号';   // 广州示例科技有限公司 (beian-admin demo)
  const token = await bearer(DEMO);
  const { subjects } = await call(token, 'GET', '/api/subjects');
  const gd = subjects.find((x) => x.icp_number === GD_ICP);
  assert.ok(gd, 'the demo enterprise in 广东');
  if (gd.open_order && gd.open_order.id) await call(token, 'POST', `/api/orders/${gd.open_order.id}/abandon`);
  const number = demoNumber();

  const { page } = await open(t, { javaScriptEnabled: false });
  await logIn(page, DEMO, false);
  const card = page.locator('article.subject-card').filter({ hasText: GD_ICP });
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/order/subject.html'),
    card.getByRole('button', { name: '增加网站' }).click(),
  ]);
  const id = Number(new URL(page.url()).searchParams.get('id'));
  assert.ok(id > 0, page.url());
  await Promise.all([
    page.waitForURL(onPage('/order/product.html', id)),
    page.locator('form.api-form[action$="/subject-confirmation"] button[type="submit"]').click(),
  ]);
  await page.getByLabel('备案服务号').fill(number);
  await Promise.all([
    page.waitForURL(onPage('/order/website.html', id)),
    page.locator('form.api-form').filter({ has: page.locator('input[name="service_number"]') }).getByRole('button').click(),
  ]);
  const domain = `example-${randomBytes(4).toString('hex')}.cn`;
  const form = page.locator('form.api-form').filter({ has: page.locator('input[name="domain"]') });
  await form.getByLabel('网站名称').fill('示例科技产品中心');
  await form.getByLabel('网站域名').fill(domain);
  await form.getByLabel('网站首页地址').fill(`www.${domain}`);
  await form.getByLabel('应急联系电话').fill('020-88888888');
  await Promise.all([
    page.waitForURL((u) => onPage('/order/website.html', id)(u)),
    form.getByRole('button', { name: /保存/ }).click(),
  ]);
  await page.locator('article.website-card').filter({ hasText: '示例科技产品中心' }).waitFor();
  const { websites } = await call(token, 'GET', `/api/orders/${id}`);
  const wid = websites[0].id;

  // Every slot through its classic form; the 承诺书 is the order's and can be downloaded pre-filled.
  await page.goto(url(`/order/upload.html?id=${id}`));
  const letter = page.locator('#slot-commitment_letter-0');
  assert.ok(await letter.getByRole('link', { name: '下载承诺书（PNG）' }).isVisible(), 'the 承诺书 to print');
  const files = {
    [`owner_id_front-${wid}`]: scan('正面.jpg', 1600, 1200),
    [`owner_id_back-${wid}`]: scan('反面.jpg', 1600, 1200),
    [`verification_form-${wid}`]: scan('核验单.jpg', 1240, 1754),
    [`domain_certificate-${wid}`]: scan('域名证书.jpg', 1600, 1200),
    'commitment_letter-0': scan('承诺书.jpg', 1240, 1754),
  };
  const slots = await page.locator('article.upload-slot').evaluateAll((as) => as.map((a) => a.id));
  assert.deepEqual(slots.sort(), Object.keys(files).map((k) => `slot-${k}`).sort(), 'the 广东 checklist');
  for (const [slot, file] of Object.entries(files)) {
    const s = page.locator(`#slot-${slot}`);
    await s.locator('input[type="file"]').setInputFiles(file);
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/order/upload.html'),
      s.getByRole('button', { name: '上传', exact: true }).click(),
    ]);
    assert.equal(await page.locator('.frag .alert-error').count(), 0, `${slot}: ${await page.locator('.frag .alert-error').allTextContents()}`);
    await page.locator(`#slot-${slot}.present`).waitFor();
  }

  await page.goto(url(`/order/submit.html?id=${id}`));
  assert.equal(await page.locator('.finding-error').count(), 0, await page.locator('.finding-error').allTextContents());
  await Promise.all([
    page.waitForURL(onPage('/order/confirm.html', id)),
    page.getByRole('link', { name: '下一步：核对并提交' }).click(),
  ]);
  const confirm = page.locator('.frag[data-frag="order-confirm"]');
  assert.ok((await confirm.textContent()).includes('广州示例科技有限公司'));
  assert.equal(await confirm.locator('.confirm-uploads img').count(), 5, 'five images, the 承诺书 among them');
  assert.ok((await confirm.textContent()).includes('订单的其他材料'), 'the 承诺书 as the order\'s own');
  await shot(page, 'filing-gd-confirm.png');
  await Promise.all([
    page.waitForURL(onPage('/order/submit.html', id)),
    page.getByRole('button', { name: '提交初审' }).click(),
  ]);
  await page.getByText('已提交初审').waitFor();

  const { page: rev } = await open(t, { javaScriptEnabled: false });
  await logIn(rev, REVIEWER, false);
  await rev.goto(url(`/review/order.html?id=${id}`));
  assert.ok((await rev.locator('.frag').textContent()).includes('承诺书'), 'the reviewer sees the 承诺书');
  await Promise.all([
    rev.waitForURL((u) => u.pathname === '/review/'),
    rev.getByRole('button', { name: '通过', exact: true }).click(),
  ]);
  assert.equal((await call(token, 'GET', `/api/orders/${id}`)).state, 'awaiting_verification');
});
