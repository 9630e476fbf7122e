// Notifications (issue 15): every event's messages written in the
// transaction of its change, delivered by beian-worker to the real SMTP
// server and SMS gateway of the stack (scripts/mail-sink.py,
// scripts/sms-sink.py), found there with the right recipient and words;
// retries and `dead` when the SMTP server is down; exactly one delivery
// when the worker dies mid-send.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import {
  BUILD, CONF, VAR, admin, api, approvedOrder, completeOrder, login, photo, reviewer, sleep, sql, stack, upload, verifiedOrder,
} from './lib.mjs';
import { mails, smses } from './sinks.mjs';

const worker = () => execFileSync(`${BUILD}/cgi/beian-worker`, ['--once'],
  { env: { ...process.env, BEIAN_CONF: CONF }, encoding: 'utf8' });
// Every message due now delivered (or failed): the other suites leave a
// backlog, and one pass sends a thousand at most.
const due = () => Number(sql("SELECT COUNT(*) FROM notification WHERE state = 'pending' AND next_try_at <= UTC_TIMESTAMP()"));
function drain() {
  for (let i = 0; i < 20; i++) {
    worker();
    if (due() === 0) return;
  }
  throw new Error('the outbox did not drain');
}
const outbox = (oid) => sql(`SELECT CONCAT(event, ' ', channel, ' ', recipient, ' ', state) FROM notification WHERE order_id = ${oid} ORDER BY id`).split('\n').filter(Boolean);
const rand8 = () => String(10000000 + Math.floor(Math.random() * 89999999));

// The stack's own worker would deliver behind these tests' backs.
before(() => stack('worker-stop'));
after(() => stack('worker-start'));

/** An applicant whose account has its own mobile and email, and one extra recipient. */
function person() {
  const tag = rand8();
  const login = `n${tag}`;
  const password = `pw-${tag}-x`;
  const id = Number(admin(['account', 'add', '--login', login, '--role', 'applicant', '--name', '通知测试', '--mobile', `137${tag}`,
    '--email', `acct${tag}@example.com`], `${password}\n`));
  sql(`INSERT INTO account_recipient (account_id, name, mobile, email) VALUES (${id}, '财务', '136${tag}', 'extra${tag}@example.com')`);
  return { login, password, id, mobile: `137${tag}`, email: `acct${tag}@example.com`, extraMobile: `136${tag}`, extraEmail: `extra${tag}@example.com` };
}

const leaderOf = (ctx) => sql(`SELECT CONCAT(s.leader_mobile, ' ', s.leader_email) FROM subject s WHERE s.id = ${ctx.sid}`).split(' ');
const mailsFor = (to, since) => mails().filter((m) => m.envelopeTo === to && m.file > since);
const smsFor = (to, since) => smses().filter((m) => m.to === to && m.file > since);
// Files the sinks keep are named by the nanosecond they arrived.
const mark = () => String(BigInt(Date.now()) * 1000000n);

test('an initial rejection reaches the account, the leader and the extra recipient by SMS, email and the message centre', async () => {
  const p = person();
  const ctx = await completeOrder(p);
  const [lm, le] = leaderOf(ctx);
  assert.equal((await api('POST', `/api/orders/${ctx.oid}/submit`, { bearer: ctx.s.token })).status, 200);
  const up = (await api('GET', `/api/orders/${ctx.oid}/uploads`, { bearer: ctx.s.token })).data.uploads[0];
  const since = mark();
  const r = await api('POST', `/api/review/orders/${ctx.oid}/decision`, { bearer: (await reviewer()).token, json: {
    decision: 'reject', reasons: [{ code: 'R5', target: { upload: up.id }, note: '照片反光，看不清号码' }] } });
  assert.equal(r.status, 200, r.text);
  // Written with the decision; nothing sent before the worker runs.
  assert.deepEqual(outbox(ctx.oid).filter((l) => l.startsWith('initial_rejected')).map((l) => l.split(' ')[1]).sort(),
    ['email', 'email', 'email', 'site', 'sms', 'sms', 'sms']);
  assert.equal(mailsFor(le, since).length, 0);
  drain();
  for (const to of [p.email, le, p.extraEmail]) {
    const [m] = mailsFor(to, since);
    assert.ok(m, `an email to ${to}`);
    assert.equal(m.subject, `备案订单${ctx.oid}初审驳回`);
    assert.match(m.text, /需要修改以下 1 项：\n\n1\. 证件或材料不合格：照片反光，看不清号码/);
    assert.match(m.text, new RegExp(`http://127.0.0.1:\\d+/order/progress.html\\?id=${ctx.oid}`));
    assert.match(m.html, /<a href="http:\/\/127\.0\.0\.1:\d+\/order\/progress\.html\?id=\d+">/);
    assert.equal(m.from, '备案系统 <beian@example.cn>');
    assert.equal(m.replyTo, '备案客服 <support@example.cn>');
  }
  for (const to of [p.mobile, lm, p.extraMobile]) {
    const [s] = smsFor(to, since);
    assert.ok(s, `an SMS to ${to}`);
    assert.match(s.text, new RegExp(`^【备案】您的备案订单 ${ctx.oid}（${ctx.domain}）初审驳回 1 项`));
  }
  assert.ok(outbox(ctx.oid).filter((l) => l.startsWith('initial_rejected')).every((l) => l.endsWith(' sent')));
  // The message centre has it at once.
  const s = await login(p);
  const list = await api('GET', '/api/notifications', { bearer: s.token });
  assert.equal(list.status, 200, list.text);
  const n = list.data.notifications.find((x) => x.order_id === ctx.oid && x.event === 'initial_rejected');
  assert.ok(n);
  assert.equal(n.title, `订单 ${ctx.oid} 初审驳回`);
  assert.equal(n.read_at, null);
  assert.ok(list.data.unread >= 1);
  const read = await api('POST', `/api/notifications/${n.id}/read`, { bearer: s.token });
  assert.equal(read.status, 200, read.text);
  assert.ok((await api('GET', '/api/notifications', { bearer: s.token })).data.notifications.find((x) => x.id === n.id).read_at);
});

test('the photo review: its rejection with the reason, then its approval, to everyone', async () => {
  const p = person();
  const ctx = await approvedOrder(p);
  const since = mark();
  const up = await upload(ctx, 'curtain_photo', ctx.wid, photo());
  assert.equal(up.status, 201, up.text);
  await api('POST', `/api/orders/${ctx.oid}/verification`, { bearer: ctx.s.token, json: {} });
  const rv = (await reviewer()).token;
  const rej = await api('POST', `/api/review/orders/${ctx.oid}/decision`, { bearer: rv, json: {
    decision: 'reject', reasons: [{ code: 'R10c', target: { upload: up.data.id }, note: '请换一件浅色上衣' }] } });
  assert.equal(rej.status, 200, rej.text);
  drain();
  const m = mailsFor(p.extraEmail, since).find((x) => x.subject === `备案订单${ctx.oid}核验照片未通过`);
  assert.ok(m, 'the rejection to the extra recipient');
  assert.ok(mailsFor(p.extraEmail, since).some((x) => x.subject === `备案订单${ctx.oid}已通过初审`), 'and the approval before it');
  assert.match(m.text, /1\. .+：请换一件浅色上衣/);
  assert.ok(smsFor(p.mobile, since).some((x) => /核验照片未通过，请登录备案系统按说明重新拍摄/.test(x.text)));
  const again = await upload(ctx, 'curtain_photo', ctx.wid, photo('#2060C0'));
  assert.equal(again.status, 201, again.text);
  await api('POST', `/api/orders/${ctx.oid}/verification`, { bearer: ctx.s.token, json: {} });
  await api('POST', `/api/review/orders/${ctx.oid}/decision`, { bearer: rv, json: { decision: 'approve' } });
  drain();
  assert.ok(mailsFor(p.email, since).some((x) => x.subject === `备案订单${ctx.oid}拍照核验已通过` &&
    x.text.includes('1 个工作日内提交管局')));
});

test('through the bureau: the code goes to the owner alone; the approval with the website number to everyone', async () => {
  const p = person();
  const ctx = await verifiedOrder(p);
  // The website's owner: another person than the leader.
  const owner = `135${rand8()}`;
  sql(`UPDATE order_website SET owner_same_as_leader = 0, owner_mobile = '${owner}', owner_email = 'owner${owner}@example.com' WHERE order_id = ${ctx.oid}`);
  const since = mark();
  assert.equal((await api('POST', `/api/review/orders/${ctx.oid}/bureau-submission`, { bearer: (await reviewer()).token })).status, 200);
  const code = admin(['bureau', 'sms-sent', String(ctx.oid)]).split('\t')[2];
  drain();
  const [sub] = mailsFor(`owner${owner}@example.com`, since);
  assert.match(sub.text, /已提交浙江管局审核，最长 30 个工作日/);
  assert.match(sub.text, /24 小时内按短信提示完成核验/);
  const codes = smses().filter((m) => m.file > since && m.text.includes(code));
  assert.equal(codes.length, 1, 'the code to one mobile');
  assert.equal(codes[0].to, owner);
  assert.match(codes[0].text, /^【工业和信息化部】您的 ICP 备案短信核验验证码为 \d{6}，请在 \d+月\d+日 \d\d:\d\d 前打开 http:\/\/127\.0\.0\.1:\d+\/sim\/miit\/ /);
  assert.ok(!outbox(ctx.oid).some((l) => l.startsWith('sms_code site')), 'not in the message centre');
  const miit = await api('POST', '/sim/miit/sms', { json: { mobile: owner, code, id_last6: sql(`SELECT RIGHT(owner_id_number, 6) FROM order_website WHERE order_id = ${ctx.oid}`) } });
  assert.equal(miit.status, 200, miit.text);
  admin(['bureau', 'approve', String(ctx.oid)]);
  drain();
  const number = sql(`SELECT website_number FROM order_website WHERE order_id = ${ctx.oid}`);
  for (const to of [p.email, `owner${owner}@example.com`, p.extraEmail]) {
    const [m] = mailsFor(to, since).filter((x) => x.subject.startsWith('备案成功'));
    assert.ok(m, `the approval to ${to}`);
    assert.equal(m.subject, `备案成功：${number}`);
    assert.match(m.text, /beian\.miit\.gov\.cn/);
    assert.match(m.text, /30 日内[\s\S]*公安联网备案/);
  }
  const [sms] = smsFor(owner, since).filter((x) => x.text.includes('备案成功'));
  assert.ok(sms.text.includes(number));
});

test('an SMS failure, a reminder before the window closes, a bureau rejection: each told', async () => {
  const p = person();
  const ctx = await verifiedOrder(p);
  const [lm] = leaderOf(ctx);
  const since = mark();
  await api('POST', `/api/review/orders/${ctx.oid}/bureau-submission`, { bearer: (await reviewer()).token });
  admin(['bureau', 'sms-sent', String(ctx.oid)]);
  // Three hours left: the reminder (4 h before), once.
  sql(`UPDATE sms_check SET deadline = UTC_TIMESTAMP() + INTERVAL 3 HOUR WHERE order_id = ${ctx.oid}`);
  drain();
  drain();
  const reminders = smsFor(lm, since).filter((m) => m.text.includes('即将') || m.text.includes('尽快按短信'));
  assert.equal(reminders.length, 1, 'one reminder');
  assert.match(reminders[0].text, /工信部短信核验将于 \d+月\d+日 \d\d:\d\d 截止/);
  admin(['bureau', 'sms-failed', String(ctx.oid), '--note', '用户未收到短信']);
  await api('POST', `/api/review/orders/${ctx.oid}/bureau-submission`, { bearer: (await reviewer()).token });
  admin(['bureau', 'reject', String(ctx.oid), '--reason', 'R7', '--note', '负责人电话无法接通']);
  drain();
  const m = mails().filter((x) => x.file > since && x.envelopeTo === p.email);
  assert.ok(m.some((x) => x.subject === `备案订单${ctx.oid}短信核验未通过` && x.text.includes('用户未收到短信')));
  assert.ok(m.some((x) => x.subject === `备案订单${ctx.oid}被管局驳回` && /原因：电话号码问题[\s\S]*负责人电话无法接通/.test(x.text)));
});

test('an order waiting on its applicant is reminded at 30 and 40 days, once each, and told when it expires', async () => {
  const p = person();
  const ctx = await completeOrder(p);
  const since = mark();
  const age = (d) => sql(`UPDATE filing_order SET created_at = UTC_TIMESTAMP() - INTERVAL ${d} DAY - INTERVAL 1 HOUR WHERE id = ${ctx.oid}`);
  age(31);
  drain();
  drain();
  let got = mailsFor(p.email, since).map((x) => x.subject);
  assert.equal(got.filter((s) => s.includes('过期')).length, 1);
  assert.match(mailsFor(p.email, since)[0].text, /已创建 30 天[\s\S]*45 天仍未完成会被清理/);
  age(41);
  drain();
  got = mailsFor(p.email, since).map((x) => x.subject);
  assert.equal(got.filter((s) => s.includes('将于')).length, 2, 'the second reminder');
  age(46);
  drain();
  assert.equal(sql(`SELECT state FROM filing_order WHERE id = ${ctx.oid}`), 'expired');
  assert.ok(mailsFor(p.email, since).some((x) => x.subject === `备案订单${ctx.oid}已过期`));
  assert.ok(smsFor(p.mobile, since).some((x) => x.text.includes('已被清理')));
});

test('the SMTP server down: retried with backoff, then dead, nothing lost; requeued it arrives once', async () => {
  const p = person();
  const ctx = await completeOrder(p);
  stack('mail-stop');
  let id;
  try {
    await api('POST', `/api/orders/${ctx.oid}/submit`, { bearer: ctx.s.token });
    await api('POST', `/api/review/orders/${ctx.oid}/decision`, { bearer: (await reviewer()).token, json: { decision: 'approve' } });
    id = sql(`SELECT id FROM notification WHERE order_id = ${ctx.oid} AND channel = 'email' AND recipient = '${p.email}'`);
    drain();
    const row = () => sql(`SELECT CONCAT(state, ' ', tries, ' ', TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), next_try_at) BETWEEN 50 AND 70, ' ', LEFT(last_error, 40)) FROM notification WHERE id = ${id}`);
    assert.match(row(), /^failed 1 1 \S/, 'the next try in a minute');
    // The SMS went: one channel's trouble is not the other's.
    assert.equal(sql(`SELECT state FROM notification WHERE order_id = ${ctx.oid} AND channel = 'sms' AND recipient = '${p.mobile}'`), 'sent');
    drain();
    assert.match(row(), /^failed 1 /, 'not before its time');
    for (let i = 2; i <= 8; i++) {
      sql(`UPDATE notification SET next_try_at = UTC_TIMESTAMP() WHERE id = ${id}`);
      drain();
    }
    assert.match(row(), /^dead 8 /);
    assert.ok(admin(['outbox', 'list', '--state', 'dead']).split('\n').some((l) => l.startsWith(`${id}\t${ctx.oid}\tinitial_approved\temail\t${p.email}\tdead\t8\t`)));
  } finally {
    stack('mail-start');
  }
  const since = mark();
  assert.equal(admin(['outbox', 'requeue', String(id)]), `${id}\tpending`);
  assert.throws(() => admin(['outbox', 'requeue', String(id)]), /no failed or dead message/);
  drain();
  assert.equal(sql(`SELECT state FROM notification WHERE id = ${id}`), 'sent');
  assert.equal(mailsFor(p.email, since).filter((m) => m.messageId.startsWith(`<notification-${id}-`)).length, 1);
  assert.throws(() => admin(['outbox', 'list', '--state', 'lost']), /--state/);
});

test('a worker killed mid-delivery: after its lease the message goes once, never twice', async () => {
  const p = person();
  const ctx = await completeOrder(p);
  await api('POST', `/api/orders/${ctx.oid}/submit`, { bearer: ctx.s.token });
  await api('POST', `/api/review/orders/${ctx.oid}/decision`, { bearer: (await reviewer()).token, json: { decision: 'approve' } });
  const id = sql(`SELECT id FROM notification WHERE order_id = ${ctx.oid} AND channel = 'email' AND recipient = '${p.email}'`);
  // Everything else out of the way first.
  sql(`UPDATE notification SET next_try_at = UTC_TIMESTAMP() + INTERVAL 1 DAY WHERE id = ${id}`);
  drain();
  sql(`UPDATE notification SET next_try_at = UTC_TIMESTAMP() WHERE id = ${id}`);
  writeFileSync(`${VAR}/mail/.delay`, '30');
  const since = mark();
  const child = execFile(`${BUILD}/cgi/beian-worker`, ['--once'], { env: { ...process.env, BEIAN_CONF: CONF } });
  try {
    for (let i = 0; i < 100 && sql(`SELECT state FROM notification WHERE id = ${id}`) !== 'sending'; i++)
      await sleep(100);
    assert.equal(sql(`SELECT state FROM notification WHERE id = ${id}`), 'sending', 'claimed');
    await sleep(500);	// the SMTP dialogue reaches DATA
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
  } finally {
    rmSync(`${VAR}/mail/.delay`, { force: true });
  }
  // Leased: another pass leaves it alone.
  drain();
  assert.equal(sql(`SELECT CONCAT(state, ' ', tries) FROM notification WHERE id = ${id}`), 'sending 1');
  assert.equal(mailsFor(p.email, since).length, 0, 'not delivered: the 250 never came');
  sql(`UPDATE notification SET lease_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ${id}`);
  drain();
  assert.equal(sql(`SELECT CONCAT(state, ' ', tries) FROM notification WHERE id = ${id}`), 'sent 2');
  await sleep(300);
  assert.equal(mailsFor(p.email, since).filter((m) => m.messageId.startsWith(`<notification-${id}-`)).length, 1);
});

test('a template that names a parameter its event lacks: 503, the decision not taken, nothing written', async () => {
  const ctx = await completeOrder();
  await api('POST', `/api/orders/${ctx.oid}/submit`, { bearer: ctx.s.token });
  const body = sql("SELECT body FROM notification_template WHERE event = 'initial_approved' AND channel = 'sms'");
  sql("UPDATE notification_template SET body = CONCAT(body, '{no_such}') WHERE event = 'initial_approved' AND channel = 'sms'");
  try {
    const r = await api('POST', `/api/review/orders/${ctx.oid}/decision`, { bearer: (await reviewer()).token, json: { decision: 'approve' } });
    assert.equal(r.status, 503, r.text);
    assert.equal(sql(`SELECT state FROM filing_order WHERE id = ${ctx.oid}`), 'initial_review');
    assert.equal(sql(`SELECT COUNT(*) FROM notification WHERE order_id = ${ctx.oid}`), '0');
  } finally {
    sql(`UPDATE notification_template SET body = '${body.replace(/'/g, "''")}' WHERE event = 'initial_approved' AND channel = 'sms'`);
  }
  const again = await api('POST', `/api/review/orders/${ctx.oid}/decision`, { bearer: (await reviewer()).token, json: { decision: 'approve' } });
  assert.equal(again.status, 200, again.text);
});
