// Browser test: every kind of document that any province's checklist can
// ask for goes up from each place an applicant has — the upload step with
// JavaScript on, the same step's classic forms with JavaScript off, and the
// phone page reached by the QR code. The 承诺书 of 广东 is the order's own
// document (website_id 0): once, no form could send it.
//
// Two orders cover the kinds between them, since no real province asks
// for all at once:
//   * a personal subject in 广东 whose ID card 浙江 issued: owner ID,
//     核验单, 域名证书, 承诺书 and 居住证 (the last two are the order's);
//   * an enterprise in 上海 whose website owner is not the legal
//     representative, with a pre-approval: owner ID, 核验单, 域名证书,
//     授权书 and the pre-approval document.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { devices } from 'playwright-core';
import { useBrowser, url, open, shot, logIn, admin, digits8, applicant, addInstance, issueNumbers, STEP_TIMEOUT } from './harness.mjs';
import { bearer, call } from './step6.mjs';
import { idNumber } from '../idnumber.mjs';

const TEST_TIMEOUT = 180_000;

// What any province's checklist can ask for (cgi/lib/checklist.c).
const ALL_KINDS = ['owner_id_front', 'owner_id_back', 'verification_form', 'domain_certificate',
  'commitment_letter', 'residence_permit', 'authorization_letter', 'preapproval_document'];
const A4 = new Set(['verification_form', 'commitment_letter', 'authorization_letter', 'preapproval_document']);

useBrowser(['BEIAN_URL', 'BEIAN_VAR', 'BEIAN_BUILD'], 'document kind browser tests', 'scripts/test sets them');

const dir = mkdtempSync(path.join(tmpdir(), 'beian-kinds-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A sharp scan the size a kind needs, as a file. */
function scanFile(kind) {
  const file = path.join(dir, `${kind}.jpg`);
  const size = A4.has(kind) ? '1000x1400' : '1600x1200';
  execFileSync('gm', ['convert', '-size', size, 'pattern:checkerboard', '-quality', '85', `jpg:${file}`]);
  return file;
}

const domainName = () => `k${randomBytes(6).toString('hex')}.cn`;

/** An order at step 6 for a fresh subject; returns {token, id, kinds}. */
async function orderOf(fx, site) {
  const token = await bearer(fx);
  const [number] = issueNumbers(addInstance(fx.login, 'subscription', 12), 1);
  const order = await call(token, 'POST', `/api/subjects/${fx.subject}/orders`, { kind: 'add_website' });
  await call(token, 'POST', `/api/orders/${order.id}/subject-confirmation`);
  await call(token, 'POST', `/api/orders/${order.id}/product`, { product_type: 'ecs', service_number: number });
  const domain = domainName();
  await call(token, 'POST', `/api/orders/${order.id}/websites`, {
    domain, homepage_url: `www.${domain}`, languages: [1], service_number: number, ...site,
  });
  const list = await call(token, 'GET', `/api/orders/${order.id}/uploads`);
  return { token, id: order.id, kinds: list.checklist.map((i) => i.kind), checklist: list.checklist };
}

/** The personal 广东 order and the 上海 enterprise one, of one applicant each. */
async function bothOrders() {
  const gd = applicant();
  const gdId = idNumber('330106');
  gd.subject = Number(admin(['subject', 'add', '--account', gd.login, '--nature', 'personal',
    '--name', '王五', '--province', '广东', '--icp-number', `粤ICP备${digits8()}号`,
    '--cert-type', '2', '--cert-number', gdId, '--leader-name', '王五', '--leader-id-type', '2',
    '--leader-id-number', gdId, '--leader-mobile', `139${digits8()}`, '--leader-email', `gd${digits8()}@example.com`]));
  const personal = await orderOf(gd, {
    name: '王五的摄影日记', content_types: [32],
    owner: { same_as_leader: true, emergency_phone: '020-88888888' },
  });
  const sh = applicant();
  sh.subject = Number(admin(['subject', 'add', '--account', sh.login, '--nature', 'enterprise',
    '--name', '上海测试网络有限公司', '--province', '上海', '--icp-number', `沪ICP备${digits8()}号`,
    '--cert-type', '1', '--cert-number', '91310101MA1XXXXX1X', '--leader-name', '王五', '--leader-id-type', '2',
    '--leader-id-number', idNumber('310101'), '--leader-mobile', `139${digits8()}`,
    '--leader-email', `sh${digits8()}@example.com`, '--legal-rep-name', '王五']));
  const enterprise = await orderOf(sh, {
    name: '测试网络教育平台', content_types: [128, 1048576], preapprovals: [{ type: 4, number: `沪教${digits8()}` }],
    owner: { same_as_leader: false, name: '赵六', id_type: '2', id_number: idNumber('310101'), id_long_term: true,
      mobile: `137${digits8()}`, emergency_phone: '021-88888888', email: `zl${digits8()}@example.com` },
  });
  const union = new Set([...personal.kinds, ...enterprise.kinds]);
  assert.deepEqual([...union].sort(), [...ALL_KINDS].sort(), 'the two checklists ask for every kind');
  assert.deepEqual(personal.checklist.filter((i) => ['commitment_letter', 'residence_permit'].includes(i.kind)).map((i) => i.website_id), [0, 0],
    'the 承诺书 and the 居住证 are the order\'s');
  return [[gd, personal], [sh, enterprise]];
}

async function uploadsOf(order) {
  return call(order.token, 'GET', `/api/orders/${order.id}/uploads`);
}

async function allUploaded(order) {
  const l = await uploadsOf(order);
  assert.equal(l.missing, 0, `still missing: ${l.checklist.filter((i) => !i.present).map((i) => i.kind)}`);
  assert.deepEqual([...new Set(l.uploads.map((u) => u.kind))].sort(), [...new Set(order.kinds)].sort());
}

test('JS on: every kind goes up from the upload step', { timeout: TEST_TIMEOUT }, async (t) => {
  for (const [fx, order] of await bothOrders()) {
    const { page, problems } = await open(t);
    await logIn(page, fx, true);
    await page.goto(url(`/order/upload.html?id=${order.id}`));
    await page.waitForFunction((n) => document.querySelectorAll('form.upload-form[data-enhanced="true"]').length === n, order.kinds.length);
    for (const item of order.checklist) {
      const slot = page.locator(`#slot-${item.kind}-${item.website_id}`);
      await slot.locator('input[type="file"]').setInputFiles(scanFile(item.kind));
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/orders/${order.id}/uploads`, { timeout: 30_000 }),
        slot.getByRole('button', { name: '上传', exact: true }).click(),
      ]);
      assert.equal(res.status(), 201, `${item.kind}: ${await res.text()}`);
      await page.locator(`#slot-${item.kind}-${item.website_id}.present`).waitFor();
    }
    await page.locator('.frag[data-frag="order-upload"] .alert-success').filter({ hasText: '需要的材料都已上传' }).waitFor();
    await shot(page, `kinds-js-${order.kinds.includes('commitment_letter') ? 'guangdong' : 'shanghai'}.png`);
    await allUploaded(order);
    assert.deepEqual(problems, []);
  }
});

test('JS off: every kind goes up through the classic forms', { timeout: TEST_TIMEOUT }, async (t) => {
  for (const [fx, order] of await bothOrders()) {
    const { page } = await open(t, { javaScriptEnabled: false });
    await logIn(page, fx, false);
    await page.goto(url(`/order/upload.html?id=${order.id}`));
    for (const item of order.checklist) {
      const slot = page.locator(`#slot-${item.kind}-${item.website_id}`);
      await slot.locator('input[type="file"]').setInputFiles(scanFile(item.kind));
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/order/upload.html' && !u.searchParams.has('error')),
        slot.getByRole('button', { name: '上传', exact: true }).click(),
      ]);
      assert.equal(await page.locator('.frag .alert-error').count(), 0, `${item.kind}: ${await page.locator('.frag .alert-error').allTextContents()}`);
      await page.locator(`#slot-${item.kind}-${item.website_id}.present`).waitFor();
    }
    await shot(page, `kinds-nojs-${order.kinds.includes('commitment_letter') ? 'guangdong' : 'shanghai'}.png`);
    await allUploaded(order);
  }
});

test('the phone: every kind goes up from the page the QR code opens, and a reload keeps it', { timeout: TEST_TIMEOUT }, async (t) => {
  for (const [, order] of await bothOrders()) {
    const handoff = await call(order.token, 'POST', `/api/orders/${order.id}/handoffs`);
    const { context } = await open(t);
    const ph = await context.browser().newContext({ ...devices['iPhone 13'], locale: 'zh-CN' });
    t.after(() => ph.close());
    ph.setDefaultTimeout(STEP_TIMEOUT);
    const page = await ph.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(handoff.url);
    await page.locator('body[data-ready="true"]').waitFor();
    assert.equal(await page.locator('.m-item').count(), order.kinds.length, 'a card per document');
    let first = true;
    for (const item of order.checklist) {
      const card = page.locator(`#m-${item.kind}-${item.website_id}`);
      if (item.kind === 'commitment_letter')
        assert.match(await card.locator('.m-guide').textContent(), /承诺书/, 'its own guide, not an ID card\'s');
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && /^\/api\/m\/[^/]+\/uploads$/.test(new URL(r.url()).pathname), { timeout: 30_000 }),
        card.locator('input[type="file"]').setInputFiles(scanFile(item.kind)),
      ]);
      assert.equal(res.status(), 201, `${item.kind}: ${await res.text()}`);
      await card.locator('.m-status').filter({ hasText: '已上传' }).waitFor();
      if (first) {
        // In-app browsers reload after the camera: the page must still work.
        first = false;
        await page.reload();
        await page.locator('body[data-ready="true"]').waitFor();
        assert.equal(await page.locator('.m-item').count(), order.kinds.length - 1, 'the same page, one card fewer');
        assert.match(await page.locator('.m-uploaded').textContent(), /✓/);
        assert.match(await page.locator('.m-uploaded .badge').first().textContent(), /王五的摄影日记|测试网络教育平台/,
          'the uploaded list says which website');
      }
    }
    await page.locator('.m-summary').filter({ hasText: '全部上传完成' }).waitFor();
    await shot(page, `kinds-phone-${order.kinds.includes('commitment_letter') ? 'guangdong' : 'shanghai'}.png`);
    await allUploaded(order);
    assert.deepEqual(problems, []);
  }
});
