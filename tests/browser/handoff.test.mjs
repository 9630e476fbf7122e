// Browser test: 用手机上传 — the QR panel on step 上传资料 and the phone page /m/.
//
//   cd tests && BEIAN_URL=http://127.0.0.1:8080 BEIAN_VAR=/path/to/var \
//     BEIAN_BUILD=/path/to/build BEIAN_TEST_OUT=/tmp/beian-shots node --test browser/handoff.test.mjs
//
// A desktop Chromium (JavaScript on) opens the upload step and clicks
// 用手机上传: the QR image loads and a countdown runs. A second context
// emulating a phone opens the handoff's URL (as scanning would), sees the
// documents still needed with a camera-first file input, and sends a photo:
// its card says 已上传 W×H. The desktop shows the slot as uploaded within a
// few seconds — without a page load (a marker set on window survives) —
// and says which document came from the phone. A third "phone" opening the
// same URL is told it is bound to another phone; after 刷新二维码 the old
// URL is expired for everyone.
//
// Fixtures from step6.mjs: a fresh applicant, a personal subject in
// 浙江, an instance and a 备案服务号 by beian-admin, then the order to step 6
// through the API with a Bearer session.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { devices } from 'playwright-core';
import { useBrowser, url, open, shot, logIn, STEP_TIMEOUT } from './harness.mjs';
import { KINDS, fixtures, call, uploadOrder } from './step6.mjs';

const TEST_TIMEOUT = 120_000;
// The promise is two seconds; the desktop polls every two.
const ARRIVAL_MS = 5_000;

useBrowser(['BEIAN_URL', 'BEIAN_VAR', 'BEIAN_BUILD'], 'handoff browser tests', 'scripts/test sets them');

const dir = mkdtempSync(path.join(tmpdir(), 'beian-handoff-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A photo made by the gm CLI. */
function photo(name, w, h) {
  const file = path.join(dir, name);
  execFileSync('gm', ['convert', '-size', `${w}x${h}`, 'plasma:fractal', '-quality', '90', `jpg:${file}`]);
  return file;
}

/* ------------------------------------------------------------- helpers */

async function waitImageLoaded(page, locator) {
  await locator.waitFor({ state: 'visible' });
  const handle = await locator.elementHandle();
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, handle);
  return handle.evaluate((img) => ({ w: img.naturalWidth, h: img.naturalHeight, src: img.getAttribute('src') }));
}

/** A context emulating a phone (touch, small screen, mobile user agent). */
async function phone(t, browser) {
  const context = await browser.newContext({ ...devices['iPhone 13'], locale: 'zh-CN' });
  context.setDefaultTimeout(STEP_TIMEOUT);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  t.after(() => context.close());
  return { page, problems };
}

const isPost = (p) => (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === p;

/* --------------------------------------------------------------- tests */

test('a phone scans the QR code and uploads; the desktop shows it arrive without reloading', { timeout: TEST_TIMEOUT }, async (t) => {
  const fx = fixtures();
  const order = await uploadOrder(fx);
  const { context, page, problems } = await open(t);
  await logIn(page, fx, true);
  await page.goto(url(`/order/upload.html?id=${order.id}`));
  await page.waitForFunction((n) => document.querySelectorAll('form.upload-form[data-enhanced="true"]').length === n, KINDS.length);
  await page.evaluate(() => { window.handoffMarker = 'still this page'; });

  // The panel: a QR code that loads, a countdown, the guide.
  const opener = page.getByRole('button', { name: '用手机上传', exact: true });
  assert.equal(await opener.getAttribute('aria-expanded'), 'false');
  const [created] = await Promise.all([
    page.waitForResponse(isPost(`/api/orders/${order.id}/handoffs`)),
    opener.click(),
  ]);
  assert.equal(created.status(), 201, `a handoff: ${await created.text()}`);
  const handoff = await created.json();
  assert.ok(created.request().headers()['x-csrf-token'], 'posted with X-CSRF-Token');
  const link = new URL(handoff.url);
  assert.equal(link.pathname, '/m/', `the phone page: ${handoff.url}`);
  assert.match(link.hash, /^#t=[A-Za-z0-9._~-]{16,}$/, 'the token in the fragment');
  assert.equal(link.search, '', 'nothing in the query');

  const qr = await waitImageLoaded(page, page.locator('.handoff-qr img'));
  assert.equal(qr.src, handoff.qr_png, 'the QR image of this handoff');
  assert.ok(qr.w > 0, `the QR image decodes: ${qr.w}×${qr.h}`);
  const countdown = page.locator('.handoff-countdown');
  await countdown.filter({ hasText: /^\d\d:\d\d$/ }).waitFor();
  const first = await countdown.textContent();
  assert.ok(first <= '10:00' && first >= '09:00', `about ten minutes: ${first}`);
  await page.waitForFunction((f) => document.querySelector('.handoff-countdown').textContent !== f, first, { timeout: 3_000 });
  assert.match(await page.locator('.handoff-guide').textContent(), /用手机相机或微信扫一扫/);
  assert.equal(await opener.getAttribute('aria-expanded'), 'true');
  await shot(page, 'handoff-desktop-panel.png');

  // The phone: what is still needed, camera first.
  const p1 = await phone(t, context.browser());
  await p1.page.goto(handoff.url);
  await p1.page.locator('body[data-ready="true"]').waitFor();
  // In-app browsers reload after the camera: the token stays for that.
  assert.ok(p1.page.url().includes('#t='), `the token stays in the fragment: ${p1.page.url()}`);
  assert.match(await p1.page.locator('.m-intro').textContent(), /王五/, 'the subject\'s name');
  const items = p1.page.locator('.m-item');
  const needed = await items.count();
  assert.equal(needed, KINDS.length, 'one card per document still needed, as on the desktop');
  const card = p1.page.locator(`#m-owner_id_front-${order.wid}`);
  const input = card.locator('input[type="file"]');
  assert.equal(await input.getAttribute('accept'), 'image/*');
  assert.equal(await input.getAttribute('capture'), 'environment');
  assert.match(await card.locator('.m-guide').textContent(), /四角完整/);
  assert.match(await card.locator('form').getAttribute('action'), /^\/api\/m\/[^/]+\/uploads$/, 'a real form to post');
  const pick = await card.locator('label.m-pick').boundingBox();
  assert.ok(pick.height >= 44 && pick.width >= 300, `a big touch target: ${pick.width}×${pick.height}`);
  await shot(p1.page, 'handoff-phone.png');

  const [sent] = await Promise.all([
    p1.page.waitForResponse((r) => r.request().method() === 'POST' && /^\/api\/m\/[^/]+\/uploads$/.test(new URL(r.url()).pathname), { timeout: 30_000 }),
    input.setInputFiles(photo('身份证正面.jpg', 1600, 1000)),
  ]);
  assert.equal(sent.status(), 201, `the photo was accepted: ${await sent.text()}`);
  const since = Date.now();
  const up = await sent.json();
  await card.locator('.m-status').filter({ hasText: `已上传 ${up.width}×${up.height}` }).waitFor();
  assert.match(await card.getAttribute('class'), /\bdone\b/);
  await p1.page.locator('.m-summary').filter({ hasText: `还需要拍摄 ${needed - 1} 份材料` }).waitFor();
  await shot(p1.page, 'handoff-phone-done.png');

  // The desktop: the slot fills in place, and says where it came from.
  const slot = page.locator(`#slot-owner_id_front-${order.wid}.present`);
  await slot.waitFor({ timeout: ARRIVAL_MS });
  const arrivedIn = Date.now() - since;
  const thumb = await waitImageLoaded(page, slot.locator(':scope > figure.preview img'));
  assert.equal(thumb.src, `/api/uploads/${up.id}/thumb`, 'the phone\'s upload');
  await page.locator('.handoff-status').filter({ hasText: '手机已上传：' }).waitFor();
  assert.match(await page.locator('.handoff-status').textContent(), /手机已上传：网站负责人证件/);
  assert.match(await slot.locator('.upload-done').textContent(), /手机已上传/);
  await page.locator('.frag[data-frag="order-upload"] > .alert[role="status"]').filter({ hasText: '还缺 3 份材料' }).waitFor();
  assert.equal(await page.evaluate(() => window.handoffMarker), 'still this page', 'no page load');
  assert.equal(await slot.locator('form.upload-form[data-enhanced="true"]').count(), 1, 'the new slot is enhanced again');
  t.diagnostic(`arrived on the desktop ${arrivedIn} ms after the phone's upload`);
  await shot(page, 'handoff-desktop-arrived.png');

  // Another phone with the same link: bound to the first one.
  const p2 = await phone(t, context.browser());
  await p2.page.goto(handoff.url);
  const stop = p2.page.locator('.m-stop[role="alert"]');
  await stop.waitFor();
  assert.match(await stop.textContent(), /另一部手机/);
  await shot(p2.page, 'handoff-phone-bound.png');

  // 刷新二维码: the old handoff is revoked, a new one shown.
  const [revoked, renewed] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'DELETE' && new URL(r.url()).pathname === `/api/handoffs/${handoff.id}`),
    page.waitForResponse(isPost(`/api/orders/${order.id}/handoffs`)),
    page.getByRole('button', { name: '刷新二维码' }).click(),
  ]);
  assert.equal(revoked.status(), 200, 'the old one revoked');
  assert.equal(renewed.status(), 201, 'a new one made');
  const next = await renewed.json();
  assert.notEqual(next.url, handoff.url);
  const qr2 = await waitImageLoaded(page, page.locator('.handoff-qr img'));
  assert.equal(qr2.src, next.qr_png, 'the new QR code is shown');

  // The first phone, reloading the old link (still in its address bar): expired.
  assert.equal(p1.page.url(), handoff.url);
  await p1.page.reload();
  await p1.page.locator('.m-stop[role="alert"]').filter({ hasText: '过期' }).waitFor();
  await shot(p1.page, 'handoff-phone-expired.png');

  // Closing stops the polling.
  await opener.click();
  assert.ok(await page.locator('#handoff-panel').isHidden());
  let polls = 0;
  page.on('request', (r) => {
    if (r.method() === 'GET' && new URL(r.url()).pathname === `/api/orders/${order.id}/uploads`) polls += 1;
  });
  await page.waitForTimeout(4_500);
  assert.equal(polls, 0, 'no polling while closed');

  assert.deepEqual([...problems, ...p1.problems, ...p2.problems], []);
});

test('a phone browser without FormData posts the classic form and comes back to the page', { timeout: TEST_TIMEOUT }, async (t) => {
  const fx = fixtures();
  const order = await uploadOrder(fx);
  const handoff = await call(order.token, 'POST', `/api/orders/${order.id}/handoffs`);
  const { context } = await open(t);
  const p = await phone(t, context.browser());
  // An old in-app browser: no FormData, so m.js submits the form itself.
  await p.page.addInitScript(() => { delete window.FormData; });
  await p.page.goto(handoff.url);
  await p.page.locator('body[data-ready="true"]').waitFor();
  const card = p.page.locator(`#m-owner_id_front-${order.wid}`);
  const [posted] = await Promise.all([
    p.page.waitForResponse((r) => r.request().method() === 'POST' && /\/uploads$/.test(new URL(r.url()).pathname)),
    card.locator('input[type="file"]').setInputFiles(photo('classic.jpg', 1600, 1000)),
  ]);
  assert.equal(posted.status(), 303, 'Post/Redirect/Get');
  assert.equal(new URL(posted.headers().location, url('/')).pathname, '/m/');
  await p.page.locator('body[data-ready="true"]').waitFor();
  assert.equal(await p.page.locator(`#m-owner_id_front-${order.wid}`).count(), 0, 'no longer asked for');
  assert.match(await p.page.locator('.m-uploaded').textContent(), /网站负责人证件/);
  const list = await call(order.token, 'GET', `/api/orders/${order.id}/uploads`);
  assert.deepEqual(list.uploads.map((u) => u.kind), ['owner_id_front']);

  // Not an image: back on the page, with the token, and a clear message.
  const bad = path.join(dir, 'not-a-photo.jpg');
  execFileSync('sh', ['-c', `printf 'hello' > '${bad}'`]);
  const back = p.page.locator(`#m-owner_id_back-${order.wid}`);
  const [refused] = await Promise.all([
    p.page.waitForResponse((r) => r.request().method() === 'POST' && /\/uploads$/.test(new URL(r.url()).pathname)),
    back.locator('input[type="file"]').setInputFiles(bad),
  ]);
  assert.equal(refused.status(), 303);
  const loc = new URL(refused.headers().location, url('/'));
  assert.equal(loc.pathname, '/m/');
  assert.match(loc.search, /[?&]error=/);
  assert.match(loc.hash, /^#t=/, 'the token survives the refusal');
  assert.ok(!loc.search.includes(loc.hash.slice(3)), 'and stays out of the query (request lines are logged)');
  await p.page.locator('.m-posted[role="alert"]').filter({ hasText: '照片没有上传成功' }).waitFor();
  await shot(p.page, 'handoff-phone-classic-refused.png');
  assert.deepEqual(p.problems, []);
});

test('two uploads already in flight for the token: the phone page says it waits its turn, then sends (issue 16)', { timeout: TEST_TIMEOUT }, async (t) => {
  const fx = fixtures();
  const order = await uploadOrder(fx);
  const handoff = await call(order.token, 'POST', `/api/orders/${order.id}/handoffs`);
  const token = handoff.url.split('#t=')[1];
  const { context } = await open(t);
  const p = await phone(t, context.browser());
  await p.page.goto(handoff.url);
  await p.page.locator('body[data-ready="true"]').waitFor();
  // Two uploads of this token that send their headers and then trickle.
  const { hostname, port } = new URL(url('/'));
  const held = [0, 1].map(() => {
    const s = net.createConnection({ host: hostname, port: Number(port) });
    s.on('error', () => {});
    s.write(`POST /api/m/${token}/uploads HTTP/1.1\r\nHost: ${hostname}\r\n`
      + 'Content-Type: multipart/form-data; boundary=B\r\nContent-Length: 100000\r\n\r\n--B\r\n');
    return s;
  });
  try {
    await p.page.waitForTimeout(300);
    const card = p.page.locator(`#m-owner_id_front-${order.wid}`);
    const [refused] = await Promise.all([
      p.page.waitForResponse((r) => r.request().method() === 'POST' && /\/uploads$/.test(new URL(r.url()).pathname)),
      card.locator('input[type="file"]').setInputFiles(photo('queued.jpg', 1600, 1000)),
    ]);
    assert.equal(refused.status(), 429);
    await card.getByText(/正在排队/).waitFor();
    await shot(p.page, 'handoff-phone-queued.png');
  } finally {
    for (const s of held) s.destroy();
  }
  // Its turn: the page sends again by itself.
  await p.page.getByText(/已上传 \d+×\d+/).waitFor();
  const list = await call(order.token, 'GET', `/api/orders/${order.id}/uploads`);
  assert.deepEqual(list.uploads.map((u) => u.kind), ['owner_id_front']);
  assert.deepEqual(p.problems, []);
});
