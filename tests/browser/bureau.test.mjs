// Browser test: the bureau (issue 14), from the provider's submission to
// an approved website number, with the simulator.
//
// JS on, a 浙江 order under today's SMS rules (24 h): the reviewer submits
// it from the console; the applicant follows it on the home page and the
// progress page; MIIT's code is typed wrong five times on the simulated
// MIIT page and the check fails; the reviewer submits again and the right
// code passes; the bureau rejects; the applicant edits the website and
// resubmits; through the reviews again, approved: the website number on
// the progress page and on the home page.
// JS off, a 天津 order under the 2017 data set (48 h): the same way
// through classic forms, straight to its number.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, url, open, shot, admin, reviewer, logIn, enhanced } from './harness.mjs';
import { bearer, call } from './step6.mjs';
import { approvedOrder, verify } from './orders.mjs';

const TEST_TIMEOUT = 300_000;

useBrowser(['BEIAN_URL', 'BEIAN_VAR', 'BEIAN_BUILD'], 'bureau browser tests', 'scripts/test sets them');

const REVIEWER = reviewer();

const smsSent = (order) => admin(['bureau', 'sms-sent', String(order.id)]).split('\t')[2];

/** The reviewer submits order to the bureau from its page in the console. */
async function submitToBureau(rv, order) {
  await rv.goto(url('/review/?stage=bureau'));
  await rv.locator(`table.review-queue tr[data-order="${order.id}"] a`).first().click();
  await rv.locator('.review-submission').waitFor();
  await Promise.all([
    rv.waitForURL((u) => u.pathname === '/review/'),
    rv.getByRole('button', { name: '提交管局', exact: true }).click(),
  ]);
}

/** One try on the simulated MIIT page; the page after it. */
async function miit(page, order, code, last6 = order.leaderId.slice(-6)) {
  await page.goto(url('/sim/miit/'));
  await page.getByLabel('手机号码').fill(order.mobile);
  await page.getByLabel('短信验证码').fill(code);
  await page.getByLabel('证件号码后 6 位').fill(last6);
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '提交核验' }).click()]);
  return (await page.locator('main').textContent()).replace(/\s+/g, ' ');
}

test('JS on, 浙江, 24 h: submitted, five wrong codes, submitted again, verified, rejected, fixed, approved with its number',
  { timeout: TEST_TIMEOUT }, async (t) => {
    const order = await approvedOrder(REVIEWER, '330000', '浙', '330106');
    await verify(REVIEWER, order);
    const rv = await open(t);
    await logIn(rv.page, REVIEWER, true);
    const { page, problems } = await open(t);
    await logIn(page, order.who, true);

    // The console: the order waits to be submitted, then is at the bureau.
    await submitToBureau(rv.page, order);
    const row = rv.page.locator(`.at-bureau tr[data-order="${order.id}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /管局审核中[\s\S]*0 \/ 30/);
    await shot(rv.page, 'bureau-console.png');

    // The applicant's home lists the order with its stage; the progress page.
    await page.goto(url('/'));
    const mine = page.locator('.order-list tr', { hasText: order.domain });
    assert.match(await mine.textContent(), /管局审核中/);
    await Promise.all([page.waitForLoadState('load'), mine.getByRole('link').click()]);
    assert.equal(new URL(page.url()).pathname, '/order/progress.html');
    assert.equal(await page.locator('.stage-current .stage-label').textContent(), '工信部短信核验');
    assert.match(await page.locator('.sms-box').textContent(), /24 小时/);

    // MIIT texts the owner: the countdown runs, five tries.
    const code = smsSent(order);
    await page.reload();
    const left = page.locator('.sms-countdown .sms-left');
    await page.waitForFunction(() => /秒/.test(document.querySelector('.sms-countdown .sms-left').textContent));
    assert.match(await left.textContent(), /^(23 小时 59 分钟|24 小时 0 分钟) \d+ 秒$/);
    assert.match(await page.locator('.sms-box').textContent(), /还可输错 5 次/);
    await shot(page, 'bureau-progress-sms.png');

    // Five wrong codes on MIIT's page: the check fails.
    const m = (await open(t)).page;
    const wrong = String((Number(code) + 1) % 1e6).padStart(6, '0');
    for (let n = 4; n >= 1; n--)
      assert.match(await miit(m, order, wrong), new RegExp(`还可以再试 ${n} 次`));
    assert.match(await miit(m, order, wrong), /核验失败/);
    await page.reload();
    assert.match(await page.locator('.sms-box').textContent(), /未通过/);
    assert.equal(await page.locator('.stage-current .stage-label').textContent(), '提交管局');

    // The provider submits again; the new code passes.
    await submitToBureau(rv.page, order);
    const code2 = smsSent(order);
    assert.match(await miit(m, order, code2), /核验成功/);
    await shot(m, 'bureau-miit-verified.png');
    await page.reload();
    assert.equal(await page.locator('.stage-current .stage-label').textContent(), '管局审核');
    assert.match(await page.locator('.sms-box').textContent(), /已完成短信核验/);

    // The bureau rejects: the reason on the progress page, then the fix.
    admin(['bureau', 'reject', String(order.id), '--reason', 'R2', '--note', '网站名称与内容不符，请改为实际内容']);
    await page.reload();
    assert.match(await page.locator('.alert').first().textContent(), /管局驳回（R2[\s\S]*网站名称与内容不符/);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: '去处理' }).click()]);
    assert.equal(new URL(page.url()).pathname, '/order/submit.html');
    assert.match(await page.locator('.alert-error').first().textContent(), /管局驳回（R2）/);
    await page.goto(url(`/order/website.html?id=${order.id}`));
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: '修改', exact: true }).click()]);
    await enhanced(page);
    await page.getByLabel('网站名称').fill('王五的旅行摄影');
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.locator('.website-card h3', { hasText: '王五的旅行摄影' }).waitFor();
    await page.goto(url(`/order/submit.html?id=${order.id}`));
    await enhanced(page);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '重新提交初审' }).click()]);
    await page.getByText('已提交初审。').waitFor();

    // Through the reviews again (the photo is kept), to the bureau, approved.
    await call(await bearer(REVIEWER), 'POST', `/api/review/orders/${order.id}/decision`, { decision: 'approve' });
    await verify(REVIEWER, order);
    await submitToBureau(rv.page, order);
    assert.match(await miit(m, order, smsSent(order)), /核验成功/);
    admin(['bureau', 'approve', String(order.id)]);
    await page.goto(url(`/order/progress.html?id=${order.id}`));
    const number = `${order.icp}-1`;
    assert.match(await page.locator('.alert-success').first().textContent(), /备案成功/);
    assert.match(await page.locator('section[aria-labelledby="numbers-h"]').textContent(), new RegExp(number));
    assert.equal(await page.locator('.stage-done').count(), await page.locator('.stage').count());
    await shot(page, 'bureau-approved.png');
    await page.goto(url('/'));
    assert.match(await page.locator('main').textContent(), new RegExp(`王五的旅行摄影[\\s\\S]*${number}|${number}`));
    assert.match(await page.locator('.order-list tr', { hasText: order.domain }).textContent(), /备案成功/);
    assert.deepEqual(problems, []);
    assert.deepEqual(rv.problems, []);
  });

test('JS off, 天津 under the 2017 data set: 48 h, the classic forms, straight to the number', { timeout: TEST_TIMEOUT }, async (t) => {
  admin(['bureau', 'sms-rules', '2017']);
  try {
    const order = await approvedOrder(REVIEWER, '120000', '津', '120101');
    await verify(REVIEWER, order);
    const rv = await open(t, { javaScriptEnabled: false });
    await logIn(rv.page, REVIEWER, false);
    await submitToBureau(rv.page, order);
    const { page } = await open(t, { javaScriptEnabled: false, width: 360, height: 780 });
    await logIn(page, order.who, false);
    await page.goto(url(`/order/progress.html?id=${order.id}`));
    assert.match(await page.locator('.sms-box').textContent(), /48 小时/);
    const code = smsSent(order);
    await page.reload();
    assert.match(await page.locator('.sms-countdown').textContent(), /47 小时 59 分钟|48 小时 0 分钟/);
    const m = (await open(t, { javaScriptEnabled: false })).page;
    assert.match(await miit(m, order, code, '000000'), /还可以再试 4 次/);
    assert.match(await miit(m, order, code), /核验成功/);
    admin(['bureau', 'approve', String(order.id)]);
    await page.reload();
    assert.match(await page.locator('section[aria-labelledby="numbers-h"]').textContent(), new RegExp(`${order.icp}-1`));
    await shot(page, 'bureau-tianjin-nojs.png');
  } finally {
    admin(['bureau', 'sms-rules', '2020']);
  }
});
