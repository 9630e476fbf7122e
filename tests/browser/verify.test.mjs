// Browser test: photo verification (issue 13), each method end to end.
//
// JavaScript on, a 浙江 order (the curtain): the address with the
// province, city and district chosen from lists, the operator's shipping
// shown, a photo on the wrong backdrop refused in its slot, the right one
// taken, the hand-over; the reviewer rejects the photo in the console's
// photo review; the applicant retakes it and hands over again; the
// reviewer approves.
// JavaScript off, a 福建 order (white background): the photo and the
// hand-over through classic forms.
// JavaScript off, a 上海 order: the app's steps and the simulator's code.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, url, open, shot, admin, reviewer, logIn, enhanced } from './harness.mjs';
import { BLUE, WHITE, approvedOrder, photo } from './orders.mjs';

const TEST_TIMEOUT = 240_000;

useBrowser(['BEIAN_URL', 'BEIAN_VAR', 'BEIAN_BUILD'], 'verification browser tests', 'scripts/test sets them');

/* ------------------------------------------------------------ fixtures */

const REVIEWER = reviewer();

async function logInAs(page, who, js) {
  await logIn(page, who, js);
}

const slotOf = (page, wid) => page.locator(`#slot-curtain_photo-${wid}`);

/* --------------------------------------------------------------- tests */

test('JS on, 浙江: the curtain to an address chosen from lists, the photo refused and taken, a rejection and the retake',
  { timeout: TEST_TIMEOUT }, async (t) => {
    const order = await approvedOrder(REVIEWER, '330000', '浙', '330106');
    const { page, problems } = await open(t);
    await logInAs(page, order.who, true);
    await page.goto(url(`/order/verify.html?id=${order.id}`));
    await enhanced(page);
    assert.match(await page.locator('.frag .lead').textContent(), /幕布照片/);
    assert.equal(await page.locator('ol.steps li[aria-current="step"]').textContent(), '6. 拍照核验');

    // The address: the city and district are lists once the province is chosen.
    await page.locator('form[data-regions="true"]').waitFor({ state: 'attached' });
    await page.getByLabel('收件人', { exact: true }).fill('王五');
    await page.getByLabel('收件人手机号码').fill('13900001111');
    await page.getByLabel('省份').selectOption({ label: '浙江省' });
    await page.locator('#c-city option', { hasText: '杭州市' }).waitFor({ state: 'attached' });
    await page.getByLabel('城市').selectOption({ label: '杭州市' });
    await page.locator('#c-district option', { hasText: '西湖区' }).waitFor({ state: 'attached' });
    await page.getByLabel('区/县').selectOption({ label: '西湖区' });
    await page.getByLabel('详细地址').fill('文三路 90 号东部软件园 1 号楼');
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: '申请幕布' }).click(),
    ]);
    await page.locator('.curtain-status').waitFor();
    assert.match(await page.locator('.curtain-status').textContent(), /已申请，等待寄出[\s\S]*西湖区/);

    admin(['curtain', 'ship', String(order.id), '--carrier', '顺丰速运', '--tracking', 'SF1234567890']);
    await page.reload();
    assert.match(await page.locator('.curtain-status').textContent(), /已寄出[\s\S]*SF1234567890/);

    // A photo on a white wall: refused in its slot, with the reason.
    await enhanced(page);
    const slot = slotOf(page, order.wid);
    await slot.locator('input[type="file"]').setInputFiles(photo('白墙.jpg', WHITE));
    await slot.getByRole('button', { name: '上传' }).click();
    await slot.locator('.form-error:not([hidden])').waitFor();
    assert.match(await slot.locator('.form-error').textContent(), /不是蓝色幕布/);
    // The right one: the slot shows it.
    await slot.locator('input[type="file"]').setInputFiles(photo('幕布前.jpg', BLUE));
    await slot.getByRole('button', { name: '上传' }).click();
    await slotOf(page, order.wid).locator('figure.preview img').waitFor();
    await shot(page, 'verify-curtain-photo.png');

    await page.reload();
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: '提交核验' }).click(),
    ]);
    await page.getByText('已提交核验。').waitFor();

    // The reviewer: the photo review queue, the photo beside the ID, a rejection.
    const rv = await open(t);
    await logIn(rv.page, REVIEWER, true);
    await rv.page.goto(url('/review/?stage=verification'));
    await rv.page.locator(`tr[data-order="${order.id}"] a`).click();
    await rv.page.locator('.review-photos .photo-pair img').first().waitFor();
    assert.equal(await rv.page.locator('.review-photos .photo-pair figure').count(), 2, 'the photo and the ID front');
    await rv.page.locator('#code-0').selectOption('R10c');
    const target = (await rv.page.locator('#target-0 option').evaluateAll((os) => os.map((o) => o.value))).find((v) => v.startsWith('upload:'));
    await rv.page.locator('#target-0').selectOption(target);
    await rv.page.locator('#note-0').fill('请换一件灰色的上衣');
    await Promise.all([
      rv.page.waitForURL((u) => u.pathname === '/review/'),
      rv.page.getByRole('button', { name: '驳回', exact: true }).click(),
    ]);

    // The applicant: the rejection, the retake, the second hand-over.
    await page.reload();
    assert.match(await slotOf(page, order.wid).locator('.slot-rejected').textContent(), /穿着红色或蓝色上衣——请换一件灰色的上衣/);
    await enhanced(page);
    await slotOf(page, order.wid).locator('input[type="file"]').setInputFiles(photo('重拍.jpg', '#2060C0'));
    await slotOf(page, order.wid).getByRole('button', { name: '重新上传' }).click();
    await slotOf(page, order.wid).locator('.upload-done').waitFor();
    await page.reload();
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: '提交核验' }).click(),
    ]);
    await page.getByText('已提交核验。').waitFor();

    await rv.page.goto(url(`/review/order.html?id=${order.id}`));
    await Promise.all([
      rv.page.waitForURL((u) => u.pathname === '/review/'),
      rv.page.getByRole('button', { name: '通过', exact: true }).click(),
    ]);
    await page.reload();
    await page.getByText('拍照核验已通过').waitFor();
    assert.deepEqual(problems, []);
    assert.deepEqual(rv.problems, []);
  });

test('JS off, 福建: a white-background photo and the hand-over through classic forms', { timeout: TEST_TIMEOUT }, async (t) => {
  const order = await approvedOrder(REVIEWER, '350000', '闽', '350102');
  const { page } = await open(t, { javaScriptEnabled: false, width: 360, height: 780 });
  await logInAs(page, order.who, false);
  await page.goto(url(`/order/verify.html?id=${order.id}`));
  assert.match(await page.locator('.frag .lead').textContent(), /白色背景照片/);
  assert.equal(await page.locator('fieldset.curtain-form').count(), 0, 'no curtain to ask for');
  const slot = slotOf(page, order.wid);
  assert.equal(await slot.locator('input[type="file"]').getAttribute('capture'), 'user');
  // On blue: back with the reason in the slot.
  await slot.locator('input[type="file"]').setInputFiles(photo('蓝色.jpg', BLUE));
  await Promise.all([page.waitForLoadState('load'), slot.getByRole('button', { name: '上传' }).click()]);
  assert.match(await slotOf(page, order.wid).locator('.slot-refused').textContent(), /不是白色/);
  await slotOf(page, order.wid).locator('input[type="file"]').setInputFiles(photo('白底.jpg', WHITE));
  await Promise.all([page.waitForLoadState('load'), slotOf(page, order.wid).getByRole('button', { name: '上传' }).click()]);
  await slotOf(page, order.wid).locator('figure.preview img').waitFor();
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '提交核验' }).click()]);
  await page.getByText('已提交核验。').waitFor();
  await shot(page, 'verify-white-nojs.png');
});

test('JS off, 上海: the app\'s steps, a wrong code refused, the simulator\'s code taken', { timeout: TEST_TIMEOUT }, async (t) => {
  const order = await approvedOrder(REVIEWER, '310000', '沪', '310104');
  const { page } = await open(t, { javaScriptEnabled: false });
  await logInAs(page, order.who, false);
  await page.goto(url(`/order/verify.html?id=${order.id}`));
  assert.match(await page.locator('.frag .lead').textContent(), /上海市通信管理局 App/);
  assert.match(await page.locator('.verify-guide').textContent(), /手持证件/);
  assert.equal(await page.locator('article.photo-slot').count(), 0, 'no photo to upload here');
  const code = admin(['bureau', 'code', String(order.id)]);
  await page.getByLabel('App 核验码').fill(code === '000000' ? '000001' : '000000');
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '提交核验' }).click()]);
  assert.match(await page.locator('#err-shanghai_code').textContent(), /核验码不正确/);
  await page.getByLabel('App 核验码').fill(code);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '提交核验' }).click()]);
  await page.getByText('已提交核验。').waitFor();
});
