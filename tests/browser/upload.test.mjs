// Browser test: step 上传资料 (/order/upload.html), with JavaScript on and off.
//
//   cd tests && BEIAN_URL=http://127.0.0.1:8080 BEIAN_VAR=/path/to/var \
//     BEIAN_BUILD=/path/to/build BEIAN_TEST_OUT=/tmp/beian-shots node --test browser/upload.test.mjs
//
// JavaScript on: a 12-megapixel photo is chosen (local preview, its size),
// sent with a progress bar and a status line ("正在上传 45%", then
// "正在处理…") under a throttled upload, and the slot then shows the
// server's normalised preview while "还缺 4 份" becomes "还缺 3 份" — no
// page load. A PDF gets a gentle note on choosing and the server's refusal
// in its slot, the file still chosen, nothing stored.
// JavaScript off: the same slots as classic multipart forms; a PNG goes up
// and the page comes back with its preview; one too small comes back with
// the server's message.
//
// Every test makes its own applicant, personal subject in 浙江 (which asks
// for a domain certificate), instance and 备案服务号 with beian-admin, then
// gets its order to step 6 through the API with a Bearer session.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useBrowser, url, open, shot, logIn } from './harness.mjs';
import { KINDS, fixtures, call, uploadOrder } from './step6.mjs';

const TEST_TIMEOUT = 120_000;

useBrowser(['BEIAN_URL', 'BEIAN_VAR', 'BEIAN_BUILD'], 'upload browser tests', 'scripts/test sets them');

/* --------------------------------------------------------------- files */

const dir = mkdtempSync(path.join(tmpdir(), 'beian-upload-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** An image made by the gm CLI, as a file: gm convert -size WxH SOURCE … FMT:FILE */
function gm(name, w, h, source, extra = []) {
  const file = path.join(dir, name);
  const fmt = path.extname(name).slice(1);
  execFileSync('gm', ['convert', '-size', `${w}x${h}`, source, ...extra, `${fmt}:${file}`]);
  return file;
}

// Starts with the bytes of a PDF; named and typed like one.
const PDF = {
  name: '身份证反面.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1'),
};

/* ------------------------------------------------------------- helpers */

/** The same page at phone width too. */
async function shots(page, name) {
  await shot(page, `${name}.png`);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  await shot(page, `${name}-360.png`);
  await page.setViewportSize(size);
}

const onPage = (id) => (u) => u.pathname === '/order/upload.html' && u.searchParams.get('id') === String(id);

function slot(page, kind, wid) {
  return page.locator(`#slot-${kind}-${wid}`);
}

/** The "还缺 N 份材料" / all-done line. */
function countLine(page) {
  return page.locator('.frag[data-frag="order-upload"] > .alert[role="status"]');
}

/** Is the image loaded and decoded (an <img> that is not broken)? */
async function waitImageLoaded(page, locator) {
  await locator.waitFor({ state: 'visible' });
  const handle = await locator.elementHandle();
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, handle);
  return handle.evaluate((img) => ({ w: img.naturalWidth, h: img.naturalHeight, src: img.getAttribute('src') }));
}

/** The order's uploads, as the API lists them. */
async function listed(order) {
  return call(order.token, 'GET', `/api/orders/${order.id}/uploads`);
}

async function openUploads(page, order, js) {
  await page.goto(url(`/order/upload.html?id=${order.id}`));
  assert.equal((await page.getByRole('heading', { level: 1 }).textContent()).trim(), '上传资料');
  if (js) {
    await page.waitForFunction((n) => document.querySelectorAll('form.upload-form[data-enhanced="true"]').length === n, KINDS.length);
  }
}

/* --------------------------------------------------------------- tests */

test('JS on: a 12 MP photo goes up with a progress bar and comes back normalised; a PDF is refused in its slot', { timeout: TEST_TIMEOUT }, async (t) => {
  const fx = fixtures();
  const order = await uploadOrder(fx);
  const { context, page, problems } = await open(t);
  await logIn(page, fx, true);
  await openUploads(page, order, true);

  // One slot per document, 浙江's domain certificate included; none there yet.
  const ids = await page.locator('article.upload-slot').evaluateAll((as) => as.map((a) => a.id));
  assert.deepEqual(ids, KINDS.map((k) => `slot-${k}-${order.wid}`), 'four slots, in the checklist\'s order');
  assert.equal(await page.locator('article.upload-slot.missing').count(), 4, 'all four missing');
  assert.match(await countLine(page).textContent(), /还缺 4 份材料/);
  const steps = await page.locator('ol.steps > li.step').evaluateAll((lis) => lis.map((li) => li.className));
  assert.match(steps[3], /\bcurrent\b/, `上传资料 is the current step: ${steps}`);
  await shots(page, 'upload-js-empty');

  // Choosing: a local preview with the file's size, before anything is sent.
  const photo = gm('身份证正面.jpg', 4000, 3000, 'plasma:fractal', ['-quality', '90']);
  const front = slot(page, 'owner_id_front', order.wid);
  let posts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === `/api/orders/${order.id}/uploads`) posts += 1;
  });
  const send = front.getByRole('button', { name: '上传', exact: true });
  assert.ok(await send.isHidden(), 'choosing comes first: no 上传 button yet');
  await front.locator('input[type="file"]').setInputFiles(photo);
  await send.waitFor({ state: 'visible' });
  const local = await waitImageLoaded(page, front.locator('.picked figure.preview-local img'));
  assert.match(local.src, /^blob:/, 'the preview is the local file');
  assert.equal(local.w, 4000, 'the whole photo is previewed');
  const caption = (await front.locator('.picked figcaption').textContent()).trim();
  assert.match(caption, /待上传：身份证正面\.jpg/, caption);
  const mb = (statSync(photo).size / (1024 * 1024)).toFixed(1);
  assert.ok(caption.includes(`${mb} MB`), `the size is shown (${mb} MB): ${caption}`);
  assert.ok(await front.locator('.picked-note').isHidden(), 'a JPG gets no note');
  assert.equal(posts, 0, 'nothing is sent on choosing');
  await shots(page, 'upload-js-chosen');

  // Sending, slowly enough to watch: the status line is recorded as it changes.
  await page.evaluate(() => {
    window.uploadStatuses = [];
    new MutationObserver(() => {
      for (const p of document.querySelectorAll('.upload-status')) {
        const text = p.textContent.trim();
        if (text && window.uploadStatuses.at(-1) !== text) window.uploadStatuses.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024,
  });
  // The answer is held back once it has come (the body went up through the
  // throttled network, with its progress events), to look at "正在处理".
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `*/api/orders/${order.id}/uploads`, requestStage: 'Response' }] });
  cdp.on('Fetch.requestPaused', async (ev) => {
    if (ev.request.method === 'POST') await held;
    await cdp.send('Fetch.continueRequest', { requestId: ev.requestId }).catch(() => {});
  });
  const responded = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/orders/${order.id}/uploads`, { timeout: 60_000 });
  await send.click();
  const progress = front.locator('.upload-progress progress');
  await progress.waitFor({ state: 'visible' });
  await front.locator('.upload-status').filter({ hasText: /正在上传 \d+%/ }).waitFor();
  await page.waitForFunction((p) => Number(p.value) >= 15, await progress.elementHandle(), { timeout: 30_000 });
  assert.equal(await front.locator('input[type="file"]').isDisabled(), true, 'no second choice while sending');
  await shot(page, 'upload-js-progress.png');
  // The server's part (decoding 12 MP) is short; its answer is held back
  // (see the route above) for a look at the processing state.
  await front.locator('.upload-status').filter({ hasText: '正在处理' }).waitFor({ timeout: 30_000 });
  assert.equal(await progress.evaluate((p) => p.matches(':indeterminate')), true, 'no percentage while processing');
  await shot(page, 'upload-js-processing.png');
  release();
  const res = await responded;
  await cdp.send('Fetch.disable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  assert.equal(res.status(), 201, 'the photo was accepted');
  const sent = res.request().headers();
  assert.match(sent.accept || '', /application\/json/, 'asks for JSON');
  assert.ok(sent['x-csrf-token'], 'with X-CSRF-Token');
  assert.match(sent['content-type'] || '', /^multipart\/form-data; boundary=/, 'a multipart body');
  const body = await res.json();
  assert.equal(body.width, 1600, 'normalised to the longest side of 1600');
  assert.equal(body.height, 1200);

  // The slot now shows the server's normalised preview, without a page load.
  const done = slot(page, 'owner_id_front', order.wid);
  await page.locator(`#slot-owner_id_front-${order.wid}.present`).waitFor();
  const thumb = await waitImageLoaded(page, done.locator(':scope > figure.preview img'));
  assert.equal(thumb.src, body.thumb_url, 'the server\'s thumbnail');
  assert.ok(thumb.w > 0 && thumb.w <= 1600, `a thumbnail: ${thumb.w}×${thumb.h}`);
  assert.match(await done.locator(':scope > figure.preview figcaption').textContent(), /1600×1200/, 'with its dimensions');
  assert.match(await done.locator('.upload-done').textContent(), /上传成功/);
  assert.equal(await done.locator('.picked:not([hidden])').count(), 0, 'the local preview is gone');
  assert.ok(await done.locator('label.file-pick').filter({ hasText: '选择新的照片或扫描件' }).isVisible(), 'it can be replaced');
  await countLine(page).filter({ hasText: '还缺 3 份材料' }).waitFor();
  assert.equal(await page.locator('article.upload-slot.missing').count(), 3);
  const statuses = await page.evaluate(() => window.uploadStatuses);
  assert.ok(statuses.some((s) => /^正在上传 \d+%/.test(s)), `the percentage was shown: ${statuses}`);
  assert.ok(statuses.some((s) => /^正在处理/.test(s)), `then the processing: ${statuses}`);
  assert.equal(new URL(page.url()).pathname, '/order/upload.html', 'no page load');
  await shots(page, 'upload-js-uploaded');

  // A PDF: a gentle note on choosing, the server's refusal in its slot.
  const back = slot(page, 'owner_id_back', order.wid);
  await back.locator('input[type="file"]').setInputFiles(PDF);
  await back.locator('.picked-note').filter({ hasText: 'PDF' }).waitFor();
  assert.ok(await back.getByRole('button', { name: '上传', exact: true }).isEnabled(), 'the note does not block');
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/orders/${order.id}/uploads`),
    back.getByRole('button', { name: '上传', exact: true }).click(),
  ]);
  assert.equal(refused.status(), 415, 'refused by the server');
  const error = back.locator('.form-error[role="alert"]');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.textContent(), /PDF/, 'the error names what it is');
  assert.match(await error.textContent(), /JPG 或 PNG/, 'and what is accepted');
  assert.equal(await back.locator('input[type="file"]').evaluate((i) => i.files.length && i.files[0].name), PDF.name, 'the file is still chosen');
  assert.ok(await back.locator('.picked').isVisible(), 'and still shown');
  assert.equal(await back.locator('input[type="file"]').getAttribute('aria-invalid'), 'true');
  assert.match(await back.getAttribute('class'), /\bmissing\b/, 'the slot is still missing');
  assert.match(await countLine(page).textContent(), /还缺 3 份材料/);
  const stored = await listed(order);
  assert.equal(stored.uploads.length, 1, 'nothing more was stored');
  assert.equal(stored.missing, 3);
  await shots(page, 'upload-js-refused');
  assert.deepEqual(problems, []);
});

test('JS off: a PNG goes up through the classic form and comes back with its preview; a too small one with the server\'s message', { timeout: TEST_TIMEOUT }, async (t) => {
  const fx = fixtures();
  const order = await uploadOrder(fx);
  const { page } = await open(t, { javaScriptEnabled: false });
  await logIn(page, fx, false);
  await openUploads(page, order, false);
  assert.equal(await page.locator('article.upload-slot').count(), 4);
  assert.match(await countLine(page).textContent(), /还缺 4 份材料/);
  // The browser's own picker is on show (it names the chosen file).
  assert.ok(await slot(page, 'verification_form', order.wid).locator('input[type="file"]').isVisible());
  await shots(page, 'upload-nojs-empty');

  // A signed form, scanned: an A4 page at 150 dpi (a soft gradient, which
  // the quality gate may find blurred: its warnings show in amber).
  const form = slot(page, 'verification_form', order.wid);
  await form.locator('input[type="file"]').setInputFiles(gm('核验单.png', 1240, 1754, 'gradient:#ffffff-#c8c8c8'));
  await Promise.all([
    page.waitForURL((u) => onPage(order.id)(u) && !u.searchParams.has('error')),
    form.getByRole('button', { name: '上传', exact: true }).click(),
  ]);
  const present = page.locator(`#slot-verification_form-${order.wid}.present`);
  await present.waitFor();
  const thumb = await waitImageLoaded(page, present.locator(':scope > figure.preview img'));
  assert.match(thumb.src, /^\/api\/uploads\/\d+\/thumb$/, 'the server\'s thumbnail');
  assert.match(await present.locator('figcaption').textContent(), /已上传/);
  const [stored] = (await listed(order)).uploads;
  assert.deepEqual(await present.locator('p.field-warning').allTextContents(), stored.warnings, 'the quality warnings, as stored');
  assert.match(await countLine(page).textContent(), /还缺 3 份材料/);
  await shots(page, 'upload-nojs-uploaded');

  // Too small for a domain certificate: back to the page with the reason.
  const cert = slot(page, 'domain_certificate', order.wid);
  await cert.locator('input[type="file"]').setInputFiles(gm('域名证书.png', 300, 200, 'plasma:fractal'));
  await Promise.all([
    page.waitForURL((u) => onPage(order.id)(u) && u.searchParams.has('error')),
    cert.getByRole('button', { name: '上传', exact: true }).click(),
  ]);
  const alert = page.locator('.frag .alert-error');
  assert.ok(await alert.isVisible(), 'the server rendered the error');
  assert.match(await alert.textContent(), /太小/, 'saying what is wrong');
  assert.match(await page.locator(`#slot-domain_certificate-${order.wid}`).getAttribute('class'), /\bmissing\b/);
  // ... and which document it was: the page opens at that slot, which says so.
  assert.equal(new URL(page.url()).hash, `#slot-domain_certificate-${order.wid}`);
  assert.match(await cert.locator('.slot-refused').textContent(), /这一份没有上传成功：.*太小/);
  assert.equal(await page.locator('.slot-refused').count(), 1, 'only that slot');
  assert.equal((await listed(order)).uploads.length, 1, 'nothing more was stored');
  await shots(page, 'upload-nojs-error');
});
