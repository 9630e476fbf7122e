// Subjects and add-website orders: the subject program (seed steps 2-3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, api, issue, login, newAccount, newInstance, newSubject, orderFor, sql } from './lib.mjs';

function assertError(res, status, code) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.data?.error?.code, code, res.text);
  assert.ok(res.data.error.message.length > 0);
}

test('the subject list shows only the account\'s subjects, their websites, and 增加网站 allowed', async () => {
  const a = newAccount();
  const other = newAccount();
  const sid = newSubject(a);
  newSubject(other);
  const icp = sql(`SELECT icp_number FROM subject WHERE id = ${sid}`);
  admin(['website', 'add', '--subject', String(sid), '--name', '王五的博客', '--domain', `w${sid}-blog.cn`,
    '--icp-number', `${icp}-1`]);
  const s = await login(a);
  const r = await api('GET', '/api/subjects', { bearer: s.token });
  assert.equal(r.status, 200);
  assert.equal(r.data.subjects.length, 1);
  const subj = r.data.subjects[0];
  assert.equal(subj.id, sid);
  assert.equal(subj.province_name, '浙江');
  assert.equal(subj.nature, 'personal');
  assert.equal(subj.can_add_website, true);
  assert.equal(subj.blocked_reason, null);
  assert.equal(subj.open_order, null);
  assert.equal(subj.websites.length, 1);
  assert.match(subj.websites[0].icp_number, /^浙ICP备\d+号-1$/);
});

test('starting an order: 201 draft with a masked snapshot, and the subject is then blocked', async () => {
  const a = newAccount();
  const s = await login(a);
  const sid = newSubject(a, { leaderId: '33010619900101123X' });
  const r = await api('POST', `/api/subjects/${sid}/orders`, { bearer: s.token, json: { kind: 'add_website' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.data.state, 'draft');
  assert.equal(r.data.kind, 'add_website');
  assert.equal(r.data.subject.id, sid);
  assert.equal(r.data.subject.leader.id_number, '330***********123X');
  assert.equal(r.data.subject.cert_number, '330***********123X', 'a personal subject\'s certificate is an ID card');
  assert.match(r.data.subject.leader.mobile, /^139\*{4}\d{4}$/);
  assert.deepEqual(r.data.steps, { subject: false, product: false, websites: false, uploads: false, submitted: false });
  assert.equal(r.data.events.length, 1);
  assert.equal(r.data.events[0].to, 'draft');
  assert.equal(r.data.events[0].actor, 'applicant');
  assert.ok(r.data.expires_at > r.data.created_at);
  const list = await api('GET', '/api/subjects', { bearer: s.token });
  const subj = list.data.subjects[0];
  assert.equal(subj.can_add_website, false);
  assert.equal(subj.blocked_reason, 'order_in_progress');
  assert.equal(subj.open_order.id, r.data.id);
  const again = await api('POST', `/api/subjects/${sid}/orders`, { bearer: s.token, json: {} });
  assertError(again, 409, 'order_in_progress');
  assert.equal(again.data.error.order_id, r.data.id);
  const orders = await api('GET', '/api/orders', { bearer: s.token });
  assert.deepEqual(orders.data.orders.map((o) => o.id), [r.data.id]);
});

test('two concurrent starts: exactly one 201, the others 409 naming the winner', async () => {
  const a = newAccount();
  const s = await login(a);
  const sid = newSubject(a);
  const res = await Promise.all(Array.from({ length: 6 }, () =>
    api('POST', `/api/subjects/${sid}/orders`, { bearer: s.token, json: { kind: 'add_website' } })));
  const created = res.filter((r) => r.status === 201);
  const refused = res.filter((r) => r.status === 409);
  assert.equal(created.length, 1, res.map((r) => r.status).join(','));
  assert.equal(refused.length, 5);
  for (const r of refused) {
    assert.equal(r.data.error.code, 'order_in_progress');
    assert.equal(r.data.error.order_id, created[0].data.id);
  }
});

test('an open subject change blocks adding a website', async () => {
  const a = newAccount();
  const s = await login(a);
  const sid = newSubject(a);
  const change = Number(admin(['order', 'open', '--subject', String(sid), '--kind', 'change_subject']));
  const r = await api('POST', `/api/subjects/${sid}/orders`, { bearer: s.token, json: { kind: 'add_website' } });
  assertError(r, 409, 'subject_change_in_progress');
  assert.equal(r.data.error.order_id, change);
  const list = await api('GET', '/api/subjects', { bearer: s.token });
  assert.equal(list.data.subjects[0].blocked_reason, 'subject_change_in_progress');
  assert.match(list.data.subjects[0].blocked_message, /变更/);
});

test('another account\'s subjects and orders are 404, never 403', async () => {
  const { oid, sid } = await orderFor(newAccount());
  const intruder = await login(newAccount());
  for (const [method, path] of [
    ['GET', `/api/orders/${oid}`],
    ['POST', `/api/orders/${oid}/subject-confirmation`],
    ['POST', `/api/orders/${oid}/abandon`],
    ['GET', `/api/orders/${oid}/product`],
    ['POST', `/api/orders/${oid}/product`],
    ['POST', `/api/subjects/${sid}/orders`],
  ]) {
    const r = await api(method, path, { bearer: intruder.token, json: method === 'POST' ? { product_type: 'ecs', service_number: '7K3M-9QXD-2F8H-VW4P' } : undefined });
    assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
  }
  const mine = await api('GET', '/api/orders', { bearer: intruder.token });
  assert.deepEqual(mine.data.orders, []);
});

test('ids that are not positive integers are 404', async () => {
  const s = await login(newAccount());
  for (const id of ['0', '01', 'abc', '-1', '1.5', '99999999999999999999', '1%2F2']) {
    const r = await api('GET', `/api/orders/${id}`, { bearer: s.token });
    assert.equal(r.status, 404, `${id}: ${r.text}`);
  }
});

test('only add_website orders can be started by applicants', async () => {
  const a = newAccount();
  const s = await login(a);
  const sid = newSubject(a);
  const r = await api('POST', `/api/subjects/${sid}/orders`, { bearer: s.token, json: { kind: 'change_subject' } });
  assertError(r, 422, 'invalid');
  assert.ok(r.data.error.fields.kind);
});

test('confirming the subject marks step 3 done and is logged', async () => {
  const { oid, s } = await orderFor(newAccount(), { confirm: false });
  const r = await api('POST', `/api/orders/${oid}/subject-confirmation`, { bearer: s.token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.steps.subject, true);
  assert.ok(r.data.subject_confirmed_at);
  assert.equal(r.data.events.at(-1).event, 'subject_confirmed');
  assert.equal(r.data.events.at(-1).from, 'draft');
});

test('abandon releases reserved numbers, frees the subject, and is final', async () => {
  const a = newAccount();
  const { oid, sid, s } = await orderFor(a);
  const iid = newInstance(a);
  const [number] = issue(iid, 1);
  const v = await api('POST', `/api/orders/${oid}/product`, { bearer: s.token, json: { product_type: 'ecs', service_number: number } });
  assert.equal(v.status, 200, v.text);
  assert.equal(admin(['sin', 'list', '--instance', String(iid)]), `${number} reserved`);
  const r = await api('POST', `/api/orders/${oid}/abandon`, { bearer: s.token, json: { reason: '不做了' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.state, 'abandoned');
  assert.equal(r.data.can_abandon, false);
  assert.match(r.data.events.at(-1).note, /不做了/);
  assert.equal(admin(['sin', 'list', '--instance', String(iid)]), `${number} bound`);
  assertError(await api('POST', `/api/orders/${oid}/abandon`, { bearer: s.token }), 409, 'order_not_abandonable');
  assertError(await api('POST', `/api/orders/${oid}/subject-confirmation`, { bearer: s.token }), 409, 'order_not_editable');
  // The subject is free again and the number can serve the next order.
  const next = await orderFor(a, { subject: sid });
  const again = await api('POST', `/api/orders/${next.oid}/product`, { bearer: s.token, json: { product_type: 'ecs', service_number: number } });
  assert.equal(again.status, 200, again.text);
});

test('a classic form starts an order and lands on its page (303 with the new id)', async () => {
  const a = newAccount();
  const s = await login(a);
  const sid = newSubject(a);
  const origin = new URL(process.env.BEIAN_URL).origin;
  const r = await api('POST', `/api/subjects/${sid}/orders`, {
    cookie: s.cookie, form: { kind: 'add_website', next: '/order/subject.html?id={id}' },
    headers: { Accept: 'text/html', Origin: origin },
  });
  assert.equal(r.status, 303, r.text);
  const m = r.headers.get('location').match(/^\/order\/subject\.html\?id=(\d+)$/);
  assert.ok(m, r.headers.get('location'));
  const o = await api('GET', `/api/orders/${m[1]}`, { bearer: s.token });
  assert.equal(o.status, 200);
  const again = await api('POST', `/api/subjects/${sid}/orders`, {
    cookie: s.cookie, form: { next: '/order/subject.html?id={id}' },
    headers: { Accept: 'text/html', Origin: origin, Referer: `${origin}/` },
  });
  assert.equal(again.status, 303);
  assert.equal(again.headers.get('location'), '/?error=order_in_progress&next=%2Forder%2Fsubject.html%3Fid%3D%7Bid%7D#e-order_in_progress');
});

test('cookie writes without the CSRF token are refused', async () => {
  const a = newAccount();
  const s = await login(a);
  const sid = newSubject(a);
  const r = await api('POST', `/api/subjects/${sid}/orders`, { cookie: s.cookie, json: {} });
  assertError(r, 403, 'csrf_failed');
  const ok = await api('POST', `/api/subjects/${sid}/orders`, { cookie: s.cookie, json: {}, headers: { 'X-CSRF-Token': s.csrf } });
  assert.equal(ok.status, 201);
});
