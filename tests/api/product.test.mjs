// Product verification with a filing service number (seed step 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, api, issue, login, newAccount, newInstance, orderFor, sql } from './lib.mjs';

function assertError(res, status, code) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.data?.error?.code, code, res.text);
  assert.ok(res.data.error.message.length > 0);
}

const verify = (ctx, body) => api('POST', `/api/orders/${ctx.oid}/product`, { bearer: ctx.s.token, json: body });

test('the subject must be confirmed first', async () => {
  const a = newAccount();
  const ctx = await orderFor(a, { confirm: false });
  const [n] = issue(newInstance(a));
  assertError(await verify(ctx, { product_type: 'ecs', service_number: n }), 409, 'subject_not_confirmed');
});

test('product type and number are checked before anything is looked up', async () => {
  const ctx = await orderFor(newAccount());
  let r = await verify(ctx, { service_number: '7K3M-9QXD-2F8H-VW4P' });
  assertError(r, 422, 'invalid');
  assert.ok(r.data.error.fields.product_type);
  r = await verify(ctx, { product_type: 'vps', service_number: '7K3M-9QXD-2F8H-VW4P' });
  assert.ok(r.data.error.fields.product_type);
  for (const bad of ['', '   ', 'ABC!-1234', '7K3M_9QXD', '备案服务号', 'ABCD-1234', '7K3M-9QXD-2F8H-VW4P-XXXX', 'x'.repeat(300)]) {
    r = await verify(ctx, { product_type: 'ecs', service_number: bad });
    assertError(r, 422, 'invalid');
    assert.ok(r.data.error.fields.service_number, bad);
  }
  r = await verify(ctx, { product_type: 'ecs', service_number: 'ABCD-1234' });
  assert.match(r.data.error.fields.service_number, /格式/);
});

test('an unknown number and another account\'s number get the same 404', async () => {
  const ctx = await orderFor(newAccount());
  const other = newAccount();
  const [foreign] = issue(newInstance(other));
  const unknown = await verify(ctx, { product_type: 'ecs', service_number: '7K3M-9QXD-2F8H-VW4P' });
  assertError(unknown, 404, 'service_number_unknown');
  const theirs = await verify(ctx, { product_type: 'ecs', service_number: foreign });
  assertError(theirs, 404, 'service_number_unknown');
  assert.equal(theirs.data.error.message, unknown.data.error.message);
  assert.deepEqual(theirs.data.error.fields, unknown.data.error.fields);
});

test('a number granted by its owner can be used by the grantee', async () => {
  const a = newAccount();
  const ctx = await orderFor(a);
  const owner = newAccount();
  const [n] = issue(newInstance(owner));
  admin(['sin', 'grant', '--number', n, '--account', a.login]);
  const r = await verify(ctx, { product_type: 'ecs', service_number: n });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.service_numbers[0].number, n);
});

test('the number must belong to the chosen product type', async () => {
  const a = newAccount();
  const ctx = await orderFor(a);
  const [n] = issue(newInstance(a, { product: 'swas' }));
  const r = await verify(ctx, { product_type: 'ecs', service_number: n });
  assertError(r, 422, 'invalid');
  assert.ok(r.data.error.fields.product_type);
  assert.equal((await verify(ctx, { product_type: 'swas', service_number: n })).status, 200);
});

test('each eligibility failure is refused with its reason', async () => {
  const a = newAccount();
  const ctx = await orderFor(a);
  const expired = newInstance(a);
  admin(['instance', 'set', '--id', String(expired), '--expires', '2020-01-01']);
  const cases = {
    payg: newInstance(a, { billing: 'payg', months: 0 }),
    subscription_too_short: newInstance(a, { months: 2 }),
    no_public_ip: newInstance(a, { ip: null }),
    not_mainland: newInstance(a, { overseas: true }),
    stopped: newInstance(a, { state: 'stopped' }),
    expired,
  };
  for (const [reason, iid] of Object.entries(cases)) {
    const [n] = issue(iid);
    const r = await verify(ctx, { product_type: 'ecs', service_number: n });
    assertError(r, 422, 'instance_ineligible');
    assert.equal(r.data.error.reason, reason, r.text);
    assert.ok(r.data.error.fields.service_number.length > 5);
    assert.equal(admin(['sin', 'list', '--instance', String(iid)]), `${n} bound`, 'nothing reserved');
  }
  const view = await api('GET', `/api/orders/${ctx.oid}/product`, { bearer: ctx.s.token });
  assert.equal(view.status, 200);
  const byId = Object.fromEntries(view.data.instances.map((i) => [i.id, i]));
  for (const [reason, iid] of Object.entries(cases)) {
    assert.equal(byId[iid].eligible, false);
    assert.equal(byId[iid].reason, reason);
  }
});

test('thresholds are data: changing a rule row changes the answer without a rebuild', async () => {
  const a = newAccount();
  const ctx = await orderFor(a);
  const [n] = issue(newInstance(a, { months: 1 }));
  assertError(await verify(ctx, { product_type: 'ecs', service_number: n }), 422, 'instance_ineligible');
  sql("UPDATE rule_setting SET value = 1 WHERE name = 'instance_min_subscription_months'");
  try {
    assert.equal((await verify(ctx, { product_type: 'ecs', service_number: n })).status, 200);
  } finally {
    sql("UPDATE rule_setting SET value = 3 WHERE name = 'instance_min_subscription_months'");
  }
});

test('success: typed loosely, reserved for the order, logged; repeating it changes nothing', async () => {
  const a = newAccount();
  const ctx = await orderFor(a);
  const iid = newInstance(a);
  const [n] = issue(iid);
  // Lower case, spaces, a full-width hyphen and O for 0, as people type them.
  const typed = `  ${n.toLowerCase().replace('-', '－').replace(/0/g, 'o')} `;
  const r = await verify(ctx, { product_type: 'ecs', service_number: typed });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.steps.product, true);
  assert.deepEqual(r.data.service_numbers.map((x) => [x.number, x.status]), [[n, 'reserved']]);
  assert.equal(r.data.events.at(-1).event, 'product_verified');
  assert.match(r.data.events.at(-1).note, new RegExp(n));
  assert.equal(admin(['sin', 'list', '--instance', String(iid)]), `${n} reserved`);
  const again = await verify(ctx, { product_type: 'ecs', service_number: n });
  assert.equal(again.status, 200);
  assert.equal(again.data.service_numbers.length, 1);
  // The hint says case and spaces don't matter: groups split by spaces, or
  // none at all, are the same number.
  for (const loose of [n.toLowerCase().replaceAll('-', ' '), n.replaceAll('-', ''), n.replaceAll('-', '').toLowerCase()]) {
    const r2 = await verify(ctx, { product_type: 'ecs', service_number: loose });
    assert.equal(r2.status, 200, `${loose}: ${r2.text}`);
    assert.deepEqual(r2.data.service_numbers.map((x) => x.number), [n]);
  }
  const short = await verify(ctx, { product_type: 'ecs', service_number: n.replaceAll('-', '').slice(1) });
  assert.equal(short.status, 422, 'one character short is still malformed');
});

test('a number held by another order, or used, or void, is 409 with its status', async () => {
  const a = newAccount();
  const first = await orderFor(a);
  const second = await orderFor(a);
  const iid = newInstance(a);
  const [held, filed, voided] = issue(iid, 3);
  assert.equal((await verify(first, { product_type: 'ecs', service_number: held })).status, 200);
  let r = await verify(second, { product_type: 'ecs', service_number: held });
  assertError(r, 409, 'service_number_reserved');
  assert.equal(r.data.error.status, 'reserved');
  sql(`UPDATE service_number SET status = 'filed', order_id = ${first.oid} WHERE number = '${filed}'`);
  sql(`UPDATE service_number SET status = 'void' WHERE number = '${voided}'`);
  r = await verify(second, { product_type: 'ecs', service_number: filed });
  assertError(r, 409, 'service_number_filed');
  r = await verify(second, { product_type: 'ecs', service_number: voided });
  assertError(r, 409, 'service_number_void');
});

test('same account: picking an instance issues and reserves a number within the quota', async () => {
  const a = newAccount();
  const market = newInstance(a, { product: 'market' });
  const first = await orderFor(a);
  const r = await verify(first, { product_type: 'market', instance_id: String(market) });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.service_numbers.length, 1);
  assert.match(r.data.service_numbers[0].number, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  const second = await orderFor(a);
  const full = await verify(second, { product_type: 'market', instance_id: String(market) });
  assertError(full, 409, 'service_number_quota');
  assert.equal(full.data.error.quota, 1);
  // An unused number of the instance is used before a new one is made.
  const ecs = newInstance(a);
  const [spare] = issue(ecs);
  const third = await verify(second, { product_type: 'ecs', instance_id: String(ecs) });
  assert.equal(third.status, 200);
  assert.equal(third.data.service_numbers[0].number, spare);
  const foreign = newInstance(newAccount());
  assertError(await verify(second, { product_type: 'ecs', instance_id: String(foreign) }), 404, 'instance_unknown');
  const bad = newInstance(a, { billing: 'payg', months: 0 });
  const refused = await verify(second, { product_type: 'ecs', instance_id: String(bad) });
  assertError(refused, 422, 'instance_ineligible');
  assert.equal(refused.data.error.reason, 'payg');
});

test('an order holds at most the configured number of service numbers', async () => {
  const a = newAccount();
  const ctx = await orderFor(a);
  const nums = issue(newInstance(a), 3);
  sql("UPDATE rule_setting SET value = 2 WHERE name = 'order_max_service_numbers'");
  try {
    assert.equal((await verify(ctx, { product_type: 'ecs', service_number: nums[0] })).status, 200);
    assert.equal((await verify(ctx, { product_type: 'ecs', service_number: nums[1] })).status, 200);
    assertError(await verify(ctx, { product_type: 'ecs', service_number: nums[2] }), 409, 'service_number_limit');
  } finally {
    sql("UPDATE rule_setting SET value = 10 WHERE name = 'order_max_service_numbers'");
  }
});

test('verification is refused once the order has left the draft', async () => {
  const a = newAccount();
  const ctx = await orderFor(a);
  const [n] = issue(newInstance(a));
  sql(`UPDATE filing_order SET state = 'initial_review' WHERE id = ${ctx.oid}`);
  assertError(await verify(ctx, { product_type: 'ecs', service_number: n }), 409, 'order_not_editable');
});

test('beian-admin sin issue enforces 1-20 per call and the product quota', async () => {
  const a = newAccount();
  const iid = newInstance(a);
  assert.throws(() => issue(iid, 0));
  assert.throws(() => issue(iid, 21));
  assert.equal(issue(iid, 5).length, 5);
  assert.throws(() => issue(iid, 1), /quota/);
  assert.equal(admin(['sin', 'list', '--instance', String(iid)]).split('\n').length, 5);
});

test('the product view lists own instances with what each can do', async () => {
  const a = newAccount();
  const ctx = await orderFor(a);
  const good = newInstance(a);
  issue(good, 2);
  const r = await api('GET', `/api/orders/${ctx.oid}/product`, { bearer: ctx.s.token });
  assert.equal(r.status, 200, r.text);
  const inst = r.data.instances.find((i) => i.id === good);
  assert.equal(inst.eligible, true);
  assert.equal(inst.quota, 5);
  assert.equal(inst.remaining, 3);
  assert.deepEqual(r.data.product_types.map((p) => p.slug).sort(), ['ecs', 'market', 'swas']);
  assert.equal(r.data.subject_confirmed, true);
  const other = await login(newAccount());
  assert.equal((await api('GET', `/api/orders/${ctx.oid}/product`, { bearer: other.token })).status, 404);
});
