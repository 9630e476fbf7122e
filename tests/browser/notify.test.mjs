// Browser test: the message centre and the extra recipients (issue 15).
//
// JS on: the initial approval reaches the applicant's message centre; the
// header counts it unread; the message links to its order; 标为已读
// clears the count. The extra recipients are saved from the form, one
// refused with its field's words.
// JS off, on a phone: the same pages through classic forms.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, url, open, shot, reviewer, logIn, enhanced } from './harness.mjs';
import { bearer, call } from './step6.mjs';
import { approvedOrder } from './orders.mjs';

const TEST_TIMEOUT = 180_000;

useBrowser(['BEIAN_URL', 'BEIAN_VAR', 'BEIAN_BUILD'], 'notification browser tests', 'scripts/test sets them');

const REVIEWER = reviewer();

test('JS on: the approval in the message centre, counted in the header, read; extra recipients saved and refused',
  { timeout: TEST_TIMEOUT }, async (t) => {
    const order = await approvedOrder(REVIEWER, '330000', '浙', '330106');
    const { page, problems } = await open(t);
    await logIn(page, order.who, true);
    const link = page.locator('#messages-link');
    assert.match(await link.textContent(), /消息\s*1\s*条未读/);
    await Promise.all([page.waitForLoadState('load'), link.click()]);
    assert.equal(new URL(page.url()).pathname, '/messages.html');
    const item = page.locator('.message.unread').first();
    assert.match(await item.locator('h2').textContent(), new RegExp(`订单 ${order.id} 已通过初审`));
    assert.equal(await item.getByRole('link', { name: `查看订单 ${order.id}` }).getAttribute('href'),
      `/order/progress.html?id=${order.id}`);
    await shot(page, 'messages.png');
    await enhanced(page);
    await item.getByRole('button', { name: '标为已读' }).click();
    await page.locator('.message.unread').first().waitFor({ state: 'detached' });
    assert.doesNotMatch(await page.locator('#messages-link').textContent(), /未读/);

    // Who else hears: a row saved, a wrong mobile refused in its field.
    await page.goto(url('/account/recipients.html'));
    await enhanced(page);
    await page.locator('#r0-name').fill('李会计');
    await page.locator('#r0-mobile').fill('13912345678');
    await page.locator('#r0-email').fill('li@example.cn');
    await page.locator('#r1-name').fill('香港同事');
    await page.locator('#r1-mobile').fill('85291234567');
    await page.getByRole('button', { name: '保存' }).click();
    const err = page.locator('.field-error[data-field="recipients.1.mobile"]');
    await err.waitFor({ state: 'visible' });
    assert.match(await err.textContent(), /中国内地手机号码/);
    await page.locator('#r1-mobile').fill('');
    await page.locator('#r1-email').fill('hk@example.com');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存。').waitFor();
    const saved = await call(await bearer(order.who), 'GET', '/api/account/recipients');
    assert.deepEqual(saved.recipients, [
      { name: '李会计', mobile: '13912345678', email: 'li@example.cn' },
      { name: '香港同事', mobile: null, email: 'hk@example.com' },
    ]);
    assert.equal(await page.locator('#r1-email').inputValue(), 'hk@example.com');
    await shot(page, 'recipients.png');
    assert.deepEqual(problems, []);
  });

test('JS off, a phone: the message read and a recipient saved through classic forms', { timeout: TEST_TIMEOUT }, async (t) => {
  const order = await approvedOrder(REVIEWER, '350000', '闽', '350102');
  const { page } = await open(t, { javaScriptEnabled: false, width: 360, height: 780 });
  await logIn(page, order.who, false);
  await page.goto(url('/messages.html'));
  const item = page.locator('.message.unread').first();
  assert.match(await item.textContent(), /拍照核验/);
  await Promise.all([page.waitForLoadState('load'), item.getByRole('button', { name: '标为已读' }).click()]);
  assert.equal(await page.locator('.message.unread').count(), 0);
  await page.goto(url('/account/recipients.html'));
  await page.locator('#r0-name').fill('王会计');
  // The browser's own check passes it; the server's does not (no dot in the domain).
  await page.locator('#r0-email').fill('wang@localhost');
  await Promise.all([page.waitForURL((u) => u.searchParams.has('error')), page.getByRole('button', { name: '保存' }).click()]);
  assert.match(await page.locator('.field-error[data-field="recipients.0.email"]').textContent(), /电子邮箱格式不正确/);
  await page.locator('#r0-name').fill('王会计');
  await page.locator('#r0-email').fill('wang@example.cn');
  await Promise.all([page.waitForURL((u) => u.searchParams.has('saved')), page.getByRole('button', { name: '保存' }).click()]);
  await page.getByText('已保存。').waitFor();
  assert.equal(await page.locator('#r0-email').inputValue(), 'wang@example.cn');
  await shot(page, 'recipients-nojs.png');
});
