// The bureau (issue 14): the provider's submission, MIIT's SMS check on
// the simulated MIIT page, the bureau's decision, the website ICP number,
// the progress the applicant follows, both SMS data sets, and the http
// adapter against a server this file starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  BASE, BUILD, CONF, admin, api, idNumber, newAccount, reviewer, sql, stack, verifiedOrder,
} from './lib.mjs';

const worker = () => execFileSync(`${BUILD}/cgi/beian-worker`, ['--once'],
  { env: { ...process.env, BEIAN_CONF: CONF }, encoding: 'utf8' });
// The http adapter's server lives in this process: its worker must not block it.
const workerAsync = () => promisify(execFile)(`${BUILD}/cgi/beian-worker`, ['--once'], { env: { ...process.env, BEIAN_CONF: CONF } });
const stateOf = (oid) => sql(`SELECT state FROM filing_order WHERE id = ${oid}`);
const submit = async (oid) => api('POST', `/api/review/orders/${oid}/bureau-submission`, { bearer: (await reviewer()).token });
const progress = (ctx) => api('GET', `/api/orders/${ctx.oid}/progress`, { bearer: ctx.s.token });
const sms = (ctx) => api('GET', `/api/orders/${ctx.oid}/sms`, { bearer: ctx.s.token });
const miit = (json) => api('POST', '/sim/miit/sms', { json });
const icpOf = (ctx) => sql(`SELECT icp_number FROM subject WHERE id = ${ctx.sid}`);
// The owner of the one website: the subject's leader in these orders.
const owner = (ctx) => sql(`SELECT CONCAT(owner_mobile, ' ', RIGHT(owner_id_number, 6)) FROM order_website WHERE order_id = ${ctx.oid}`).split(' ');
const sent = (ctx) => admin(['bureau', 'sms-sent', String(ctx.oid)]).split('\t')[2];
const stage = (p, key) => p.data.stages.find((s) => s.key === key);

test('a 浙江 order at the bureau: the payload, the SMS check with wrong codes, the approval and its website number', async () => {
  const ctx = await verifiedOrder();
  const rv = await reviewer();
  let q = await api('GET', '/api/review/queue?stage=bureau', { bearer: rv.token });
  const row = q.data.orders.find((o) => o.id === ctx.oid);
  assert.ok(row, 'waits in the bureau queue');
  assert.match(row.due_at, /T10:00:00Z$/, 'due at 18:00 China time, a business day on');
  let p = await progress(ctx);
  assert.equal(stage(p, 'bureau_submission').state, 'current');
  assert.equal(p.data.sms.state, 'waiting');
  assert.equal(p.data.sms.sent, false);

  const s = await submit(ctx.oid);
  assert.equal(s.status, 200, s.text);
  assert.equal(s.data.state, 'at_bureau');
  assert.equal((await submit(ctx.oid)).data.error.code, 'order_not_awaiting_bureau', 'once');
  q = await api('GET', '/api/review/queue?stage=bureau', { bearer: rv.token });
  const at = q.data.at_bureau.find((o) => o.id === ctx.oid);
  assert.equal(at.max_business_days, 30, '浙江: 30 business days');
  assert.equal(at.business_days, 0);
  assert.equal(at.overdue, false);

  // The payload as MIIT takes it: codes, the subject's number, images by
  // type within the bureau's caps.
  const payload = JSON.parse(sql(`SELECT payload FROM bureau_submission WHERE order_id = ${ctx.oid}`));
  assert.equal(payload.type, 'add_website');
  assert.equal(payload.round, 1);
  assert.equal(payload.subject.icp_number, icpOf(ctx));
  assert.equal(payload.subject.nature, 5, '个人: MIIT code 5');
  assert.equal(payload.websites[0].domain, ctx.domain);
  assert.equal(payload.websites[0].content_types, 32);
  assert.deepEqual(payload.websites[0].languages, [1]);
  const images = [...payload.images, ...payload.websites[0].images];
  const caps = { 1: 102400, 3: 102400, 5: 153600, 6: 102400, 7: 102400, 8: 102400, 9: 102400 };
  assert.ok(images.some((i) => i.type === 8 && i.kind === 'curtain_photo'), 'the verification photo');
  assert.ok(images.some((i) => i.type === 5 && i.kind === 'verification_form'), 'the 核验单');
  for (const i of images) {
    const bytes = Buffer.from(i.jpeg_base64, 'base64');
    assert.equal(bytes.length, i.bytes);
    assert.ok(bytes.length <= caps[i.type], `${i.kind}: ${bytes.length} > ${caps[i.type]}`);
    assert.equal(bytes.readUInt16BE(0), 0xffd8, 'a JPEG');
  }

  // MIIT texts the owner; the page takes the mobile, the code and the ID's last 6.
  const code = sent(ctx);
  assert.match(code, /^\d{6}$/);
  assert.equal(stateOf(ctx.oid), 'sms_pending');
  let m = await sms(ctx);
  assert.equal(m.data.state, 'waiting');
  assert.equal(m.data.sent, true);
  assert.equal(m.data.window_hours, 24);
  assert.equal(m.data.tries_left, 5);
  assert.match(m.data.mobile, /^\d{3}\*{4}\d{4}$/, 'masked');
  assert.ok(m.data.seconds_left > 86000 && m.data.seconds_left <= 86400);
  const [mobile, last6] = owner(ctx);
  const wrong = String((Number(code) + 1) % 1e6).padStart(6, '0');
  let r = await miit({ mobile, code: wrong, id_last6: last6 });
  assert.equal(r.status, 422);
  assert.match(r.data.error.fields.code, /还可以再试 4 次/);
  assert.equal(r.data.error.tries_left, 4);
  r = await miit({ mobile, code, id_last6: '000000' });
  assert.equal(r.status, 422, 'the right code with a wrong ID is a wrong try');
  assert.equal(r.data.error.tries_left, 3);
  m = await sms(ctx);
  assert.equal(m.data.tries_left, 3);
  p = await progress(ctx);
  assert.equal(stage(p, 'sms').state, 'current');
  assert.match(p.data.now.text, /还可输错 3 次/);
  r = await miit({ mobile, code, id_last6: last6.toLowerCase() });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.result, 'verified');
  assert.equal(stateOf(ctx.oid), 'at_bureau');
  assert.equal((await sms(ctx)).data.state, 'verified');
  assert.equal((await miit({ mobile, code, id_last6: last6 })).status, 422, 'nothing waits any more');
  p = await progress(ctx);
  assert.equal(stage(p, 'sms').state, 'done');
  assert.equal(stage(p, 'bureau_review').state, 'current');
  assert.ok(stage(p, 'bureau_review').due, 'due 30 business days on');

  // Approved: the website's number, the subject's filed websites, the number used for good.
  assert.equal(admin(['bureau', 'approve', String(ctx.oid)]), `${ctx.oid}\tapproved`);
  assert.equal(stateOf(ctx.oid), 'approved');
  const number = `${icpOf(ctx)}-1`;
  const o = await api('GET', `/api/orders/${ctx.oid}`, { bearer: ctx.s.token });
  assert.equal(o.data.websites[0].website_number, number);
  assert.equal(o.data.service_numbers[0].status, 'filed');
  const subjects = await api('GET', '/api/subjects', { bearer: ctx.s.token });
  const subject = subjects.data.subjects.find((x) => x.id === ctx.sid);
  assert.ok(subject.websites.some((w) => w.domain === ctx.domain && w.icp_number === number), JSON.stringify(subject.websites));
  assert.equal(subject.open_order, null, 'the subject takes a new order');
  p = await progress(ctx);
  assert.equal(p.data.state, 'approved');
  assert.ok(p.data.stages.every((x) => x.state === 'done'));
  assert.equal(p.data.websites[0].website_number, number);
  assert.match(p.data.now.text, /备案号已下发/);
  assert.match(p.data.eta, /^\d{4}-\d{2}-\d{2}$/);
  assert.throws(() => admin(['bureau', 'approve', String(ctx.oid)]), /不在管局审核阶段/, 'once');
});

test('website numbers are the subject\'s next and never reused; a number the bureau gives is checked', async () => {
  const account = newAccount();
  const first = await verifiedOrder(account);
  const icp = icpOf(first);
  // A website filed by hand as -3 (an older filing): the next is -4.
  admin(['website', 'add', '--subject', String(first.sid), '--name', '旧网站', '--domain', `old${Date.now()}.cn`, '--icp-number', `${icp}-3`]);
  assert.equal((await submit(first.oid)).status, 200);
  admin(['bureau', 'sms-sent', String(first.oid)]);
  admin(['bureau', 'sms-verified', String(first.oid)]);
  // Lower than one in use: refused, nothing changes.
  assert.throws(() => admin(['bureau', 'approve', String(first.oid), '--number', `${icp}-2`]), /网站备案号/);
  assert.throws(() => admin(['bureau', 'approve', String(first.oid), '--number', `京ICP备1号-9`]), /网站备案号/);
  assert.equal(stateOf(first.oid), 'at_bureau');
  admin(['bureau', 'approve', String(first.oid)]);
  assert.equal(sql(`SELECT website_number FROM order_website WHERE order_id = ${first.oid}`), `${icp}-4`);
  // The next order of the subject: the bureau's own number, past -4.
  const second = await verifiedOrder(account, { id: first.sid });
  assert.equal((await submit(second.oid)).status, 200);
  admin(['bureau', 'sms-sent', String(second.oid)]);
  admin(['bureau', 'sms-verified', String(second.oid)]);
  admin(['bureau', 'approve', String(second.oid), '--number', `${icp}-7`]);
  assert.equal(sql(`SELECT website_number FROM order_website WHERE order_id = ${second.oid}`), `${icp}-7`);
  assert.equal(sql(`SELECT website_seq FROM subject WHERE id = ${first.sid}`), '7');
});

test('five wrong codes fail the check (R14): back to the provider, who submits again or sends it to the applicant', async () => {
  const ctx = await verifiedOrder();
  assert.equal((await submit(ctx.oid)).status, 200);
  // Approval needs the check where the province requires it.
  assert.throws(() => admin(['bureau', 'approve', String(ctx.oid)]), /短信核验/);
  const code = sent(ctx);
  const [mobile, last6] = owner(ctx);
  const wrong = String((Number(code) + 7) % 1e6).padStart(6, '0');
  for (let left = 4; left >= 1; left--) {
    const r = await miit({ mobile, code: wrong, id_last6: last6 });
    assert.equal(r.data.error.tries_left, left);
  }
  const last = await miit({ mobile, code: wrong, id_last6: last6 });
  assert.equal(last.status, 422);
  assert.match(last.data.error.fields.code, /核验失败/);
  assert.equal(stateOf(ctx.oid), 'awaiting_bureau');
  assert.equal((await sms(ctx)).data.state, 'failed');
  assert.equal((await miit({ mobile, code, id_last6: last6 })).status, 422, 'the right code is too late');
  const o = await api('GET', `/api/orders/${ctx.oid}`, { bearer: ctx.s.token });
  assert.match(o.data.events.at(-1).note, /R14/);
  const p = await progress(ctx);
  assert.equal(stage(p, 'bureau_submission').state, 'current');
  assert.equal(p.data.sms.state, 'failed');
  // The provider submits again: a second round, a new code.
  const again = await submit(ctx.oid);
  assert.equal(again.status, 200, again.text);
  assert.equal(sql(`SELECT round FROM bureau_submission WHERE order_id = ${ctx.oid}`), '2');
  assert.equal((await sms(ctx)).data.state, 'waiting', 'the failed check was the last round\'s');
  const code2 = sent(ctx);
  assert.equal((await miit({ mobile, code: code2, id_last6: last6 })).status, 200);
  assert.equal(stateOf(ctx.oid), 'at_bureau');

  // Another order fails too; this time the provider sends it to the applicant.
  const other = await verifiedOrder();
  await submit(other.oid);
  sent(other);
  admin(['bureau', 'sms-failed', String(other.oid), '--note', '用户未接收到短信']);
  assert.equal(stateOf(other.oid), 'awaiting_bureau');
  const rv = await reviewer();
  const approve = await api('POST', `/api/review/orders/${other.oid}/decision`, { bearer: rv.token, json: { decision: 'approve' } });
  assert.equal(approve.status, 409, 'approval is the submission route\'s');
  const back = await api('POST', `/api/review/orders/${other.oid}/decision`, { bearer: rv.token, json: {
    decision: 'reject', reasons: [{ code: 'R14', target: { field: `websites.${other.wid}.owner` }, note: '请换一位能接收短信的网站负责人' }] } });
  assert.equal(back.status, 200, back.text);
  assert.equal(back.data.state, 'initial_rejected');
});

test('beian-worker fails an SMS window that ran out (R14) and returns the order to the provider', async () => {
  const ctx = await verifiedOrder();
  await submit(ctx.oid);
  sent(ctx);
  worker();
  assert.equal(stateOf(ctx.oid), 'sms_pending', 'not yet');
  sql(`UPDATE sms_check SET deadline = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE order_id = ${ctx.oid}`);
  worker();
  assert.equal(stateOf(ctx.oid), 'awaiting_bureau');
  const o = await api('GET', `/api/orders/${ctx.oid}`, { bearer: ctx.s.token });
  const ev = o.data.events.at(-1);
  assert.equal(ev.event, 'sms_failed');
  assert.equal(ev.actor, 'system');
  assert.match(ev.note, /R14.*时限/);
  assert.ok(sql(`SELECT due_at > UTC_TIMESTAMP() FROM bureau_submission WHERE order_id = ${ctx.oid}`) === '1', 'due again');
});

test('the bureau rejects: reason and note shown, the order editable, and back through the initial review', async () => {
  const ctx = await verifiedOrder();
  await submit(ctx.oid);
  assert.throws(() => admin(['bureau', 'reject', String(ctx.oid), '--reason', 'R99', '--note', 'x']), /R1–R14/);
  assert.throws(() => admin(['bureau', 'reject', String(ctx.oid), '--reason', 'R2']), /note/);
  admin(['bureau', 'reject', String(ctx.oid), '--reason', 'R2', '--note', '网站名称与内容不符']);
  assert.equal(stateOf(ctx.oid), 'bureau_rejected');
  const p = await progress(ctx);
  assert.equal(p.data.bureau.reason, 'R2');
  assert.equal(p.data.bureau.note, '网站名称与内容不符');
  assert.ok(p.data.bureau.reason_title);
  assert.match(p.data.now.text, /管局驳回（R2/);
  assert.equal(p.data.now.href, `/order/submit.html?id=${ctx.oid}`);
  let o = await api('GET', `/api/orders/${ctx.oid}`, { bearer: ctx.s.token });
  assert.equal(o.data.editable, true);
  assert.equal(o.data.can_abandon, true);
  // Any field, not only named ones: the bureau names none.
  const w = o.data.websites[0];
  const edit = await api('PUT', `/api/orders/${ctx.oid}/websites/${w.id}`, { bearer: ctx.s.token, json: {
    name: '王五的旅行摄影', domain: w.domain, homepage_url: w.homepage_url, content_types: w.content_types,
    languages: w.languages, service_number: w.service_number, owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } });
  assert.equal(edit.status, 200, edit.text);
  // Adding a website stays the draft's.
  const add = await api('POST', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token, json: { name: 'x' } });
  assert.equal(add.status, 409);
  const s = await api('POST', `/api/orders/${ctx.oid}/submit`, { bearer: ctx.s.token });
  assert.equal(s.status, 200, s.text);
  assert.equal(s.data.state, 'initial_review');
  o = await api('GET', `/api/orders/${ctx.oid}`, { bearer: ctx.s.token });
  assert.equal(o.data.websites[0].name, '王五的旅行摄影');
  const p2 = await progress(ctx);
  assert.equal(stage(p2, 'initial_review').state, 'current');
});

test('the 2017 data set: 浙江 goes straight to the bureau\'s review, 天津 has 48 hours; the 2020 set brings 24 hours to all', async () => {
  try {
    assert.match(admin(['bureau', 'sms-rules', '2017']), /2017/);
    const zj = await verifiedOrder();
    const tj = await verifiedOrder(newAccount(), { province: '天津', abbr: '津', leaderId: idNumber('120101') });
    let p = await progress(zj);
    assert.equal(p.data.sms.required, false);
    assert.ok(!p.data.stages.some((s) => s.key === 'sms'), 'no SMS stage');
    await submit(zj.oid);
    admin(['bureau', 'approve', String(zj.oid)]);
    assert.equal(stateOf(zj.oid), 'approved', 'no SMS check needed');
    await submit(tj.oid);
    sent(tj);
    const m = await sms(tj);
    assert.equal(m.data.window_hours, 48);
    assert.ok(m.data.seconds_left > 47 * 3600);
    p = await progress(tj);
    assert.ok(p.data.stages.some((s) => s.key === 'sms'));
  } finally {
    admin(['bureau', 'sms-rules', '2020']);
  }
  const tj2 = await verifiedOrder(newAccount(), { province: '天津', abbr: '津', leaderId: idNumber('120101') });
  await submit(tj2.oid);
  sent(tj2);
  assert.equal((await sms(tj2)).data.window_hours, 24);
});

test('hostile input: the wrong role, the wrong state, bad fields on MIIT\'s page, the callback closed while the simulator is the bureau', async () => {
  const ctx = await verifiedOrder();
  const mine = await api('POST', `/api/review/orders/${ctx.oid}/bureau-submission`, { bearer: ctx.s.token });
  assert.equal(mine.status, 403);
  assert.equal((await submit(999999999)).status, 404);
  const other = await verifiedOrder();
  const stranger = await api('GET', `/api/orders/${other.oid}/progress`, { bearer: ctx.s.token });
  assert.equal(stranger.status, 404, 'another account\'s order');
  assert.equal((await api('GET', `/api/orders/${other.oid}/sms`, { bearer: ctx.s.token })).status, 404);
  assert.equal((await api('GET', `/api/orders/${ctx.oid}/progress`)).status, 401);
  for (const [body, field] of [
    [{ mobile: '1390000', code: '123456', id_last6: '123456' }, 'mobile'],
    [{ mobile: '13900001111', code: '12a456', id_last6: '123456' }, 'code'],
    [{ mobile: '13900001111', code: '123456', id_last6: '12345' }, 'id_last6'],
    [{ mobile: '13900001111', code: '123456', id_last6: "1' OR 1" }, 'id_last6'],
    [{ mobile: ['13900001111'], code: '123456', id_last6: '123456' }, 'mobile'],
    [{ mobile: '13900001111', code: '123456', id_last6: '123456' }, 'mobile'],
  ]) {
    const r = await miit(body);
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.ok(r.data.error.fields[field], r.text);
  }
  assert.throws(() => admin(['bureau', 'sms-sent', String(ctx.oid)]), /管局审核阶段/, 'not at the bureau yet');
  assert.throws(() => admin(['bureau', 'approve', '999999999']), /no order/);
  const cb = await api('POST', '/api/bureau/events', { json: { event: 'approved', order_id: ctx.oid } });
  assert.equal(cb.status, 404, 'no callback while the simulator is the bureau');
  assert.equal(stateOf(ctx.oid), 'awaiting_bureau');
});

test('the simulator on its own (bureau_sim_auto): code sent, typed, approved, a step a pass', async () => {
  const ctx = await verifiedOrder();
  const conf = readFileSync(CONF, 'utf8');
  writeFileSync(CONF, `${conf}bureau_sim_auto = 1\nbureau_sim_delay = 0\n`);
  stack('restart');
  try {
    await submit(ctx.oid);
    // The stack's own worker may take a step too: what counts is the path.
    for (let i = 0; i < 5 && stateOf(ctx.oid) !== 'approved'; i++)
      worker();
    assert.equal(stateOf(ctx.oid), 'approved');
    assert.equal(sql(`SELECT website_number FROM order_website WHERE order_id = ${ctx.oid}`), `${icpOf(ctx)}-1`);
    const o = await api('GET', `/api/orders/${ctx.oid}`, { bearer: ctx.s.token });
    assert.deepEqual(o.data.events.slice(-3).map((e) => `${e.actor} ${e.event}`),
      ['bureau sms_sent', 'bureau sms_verified', 'bureau bureau_approved']);
  } finally {
    writeFileSync(CONF, conf);
    stack('restart');
  }
});

// --- the http adapter ---

const SECRET = 'b'.repeat(40);
const sign = (ts, body) => `sha256=${createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}`;
const callback = (event, { ts = Math.floor(Date.now() / 1000), sig } = {}) => {
  const body = JSON.stringify(event);
  return api('POST', '/api/bureau/events', { body, headers: {
    'Content-Type': 'application/json', 'X-Beian-Timestamp': String(ts), 'X-Beian-Signature': sig ?? sign(ts, body) } });
};

async function withHttpBureau(fn) {
  const got = [];
  let answers = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(answers.shift() ?? 200).end('{}');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const conf = readFileSync(CONF, 'utf8');
  writeFileSync(CONF, `${conf}bureau = http\nbureau_url = http://127.0.0.1:${server.address().port}/filings\nbureau_secret = ${SECRET}\n`);
  stack('restart');
  try {
    return await fn({ got, answer: (codes) => { answers = codes; } });
  } finally {
    writeFileSync(CONF, conf);
    stack('restart');
    server.close();
  }
}

test('the http adapter: the payload posted and signed, retried with backoff, events back through the signed callback', async () => {
  const ctx = await verifiedOrder();
  await withHttpBureau(async ({ got, answer }) => {
    assert.equal((await submit(ctx.oid)).status, 200);
    assert.equal(sql(`SELECT delivery FROM bureau_submission WHERE order_id = ${ctx.oid}`), 'pending');
    // The bureau is away at first: a try counted, the next one later.
    answer([503]);
    await workerAsync();
    const mine = () => got.filter((g) => JSON.parse(g.body).order_id === ctx.oid);
    assert.equal(mine().length, 1);
    assert.equal(sql(`SELECT CONCAT(delivery, ' ', tries, ' ', last_error, ' ', next_try_at > UTC_TIMESTAMP()) FROM bureau_submission WHERE order_id = ${ctx.oid}`), 'pending 1 HTTP 503 1');
    await workerAsync();
    assert.equal(mine().length, 1, 'not before its time');
    sql(`UPDATE bureau_submission SET next_try_at = UTC_TIMESTAMP() WHERE order_id = ${ctx.oid}`);
    await workerAsync();
    assert.equal(mine().length, 2);
    assert.equal(sql(`SELECT CONCAT(delivery, ' ', tries) FROM bureau_submission WHERE order_id = ${ctx.oid}`), 'sent 2');
    // What arrived: the payload, signed over the timestamp and the body.
    const last = mine().at(-1);
    const ts = last.headers['x-beian-timestamp'];
    assert.equal(last.headers['x-beian-signature'], sign(ts, last.body));
    assert.equal(last.headers['content-type'], 'application/json');
    const payload = JSON.parse(last.body);
    assert.equal(payload.subject.icp_number, icpOf(ctx));
    assert.ok(payload.images.length + payload.websites[0].images.length >= 3);

    // The bureau's events: refused unsigned, stale or forged; applied when signed.
    const ev = { event: 'sms_sent', order_id: ctx.oid };
    assert.equal((await api('POST', '/api/bureau/events', { json: ev })).status, 401);
    assert.equal((await callback(ev, { sig: 'sha256=' + '0'.repeat(64) })).status, 401);
    assert.equal((await callback(ev, { ts: Math.floor(Date.now() / 1000) - 3600 })).status, 401, 'a replay an hour late');
    assert.equal((await callback({ event: 'sms_maybe', order_id: ctx.oid })).data.error.fields.event !== undefined, true);
    assert.equal((await callback({ event: 'rejected', order_id: ctx.oid, reason: 'R77' })).status, 422);
    assert.equal((await callback({ event: 'sms_sent', order_id: 999999999 })).status, 404);
    // The Shanghai app's check is the photo review's, not the bureau stage's.
    assert.equal((await callback({ event: 'code_checked', order_id: ctx.oid, ok: true })).status, 409);
    let r = await callback(ev);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.data.state, 'sms_pending');
    const m = await sms(ctx);
    assert.equal(m.data.sent, true);
    assert.equal(m.data.window_hours, 24);
    // MIIT's own page is not ours behind the http adapter.
    assert.equal((await miit({ mobile: '13900001111', code: '123456', id_last6: '123456' })).status, 404);
    assert.equal((await callback({ event: 'sms_verified', order_id: ctx.oid })).data.state, 'at_bureau');
    r = await callback({ event: 'approved', order_id: ctx.oid });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.data.state, 'approved');
    assert.equal((await callback({ event: 'approved', order_id: ctx.oid })).status, 409, 'a retry of it changes nothing');
    assert.equal(sql(`SELECT website_number FROM order_website WHERE order_id = ${ctx.oid}`), `${icpOf(ctx)}-1`);
  });
  assert.equal((await api('POST', '/api/bureau/events', { json: { event: 'approved', order_id: ctx.oid } })).status, 404, 'closed again');
});
