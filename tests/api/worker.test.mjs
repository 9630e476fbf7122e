// beian-worker: the timers no request starts.  The stack runs one (its pid
// file is in var/run); these tests make one pass with --once after moving
// an order's creation back in time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BUILD, CONF, VAR, api, completeOrder, newAccount, sql, websiteOrder } from './lib.mjs';

const pass = () => execFileSync(`${BUILD}/cgi/beian-worker`, ['--once'],
  { env: { ...process.env, BEIAN_CONF: CONF }, encoding: 'utf8' });
const age = (oid, days) => sql(`UPDATE filing_order SET created_at = UTC_TIMESTAMP() - INTERVAL ${days} DAY WHERE id = ${oid}`);
const stateOf = (oid) => sql(`SELECT state FROM filing_order WHERE id = ${oid}`);

test('the stack runs the worker as www-data', () => {
  const pid = readFileSync(`${VAR}/run/worker.pid`, 'utf8').trim();
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  assert.match(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), /beian-worker/);
  assert.match(status, /^Uid:\s+33\s/m, 'www-data');
});

test('a draft 46 days old expires; its number goes back; the subject is free again', async () => {
  const ctx = await websiteOrder(newAccount());
  const fresh = await websiteOrder(newAccount());
  age(ctx.oid, 46);
  age(fresh.oid, 44);
  pass();
  assert.equal(stateOf(ctx.oid), 'expired');
  assert.equal(stateOf(fresh.oid), 'draft', 'not yet');
  assert.equal(sql(`SELECT CONCAT(status, '/', COALESCE(order_id, 'none')) FROM service_number WHERE number = '${ctx.numbers[0]}'`), 'bound/none');
  const o = await api('GET', `/api/orders/${ctx.oid}`, { bearer: ctx.s.token });
  const ev = o.data.events.at(-1);
  assert.equal(ev.event, 'expired');
  assert.equal(ev.actor, 'system');
  assert.match(ev.note, /45 天/);
  // The subject takes a new order, and the number files again.
  const again = await api('POST', `/api/subjects/${ctx.sid}/orders`, { bearer: ctx.s.token, json: { kind: 'add_website' } });
  assert.equal(again.status, 201, again.text);
  // A second pass changes nothing.
  pass();
  assert.equal(sql(`SELECT COUNT(*) FROM order_event WHERE order_id = ${ctx.oid} AND event = 'expired'`), '1');
});

test('an order waiting on the provider does not expire, however old', async () => {
  const ctx = await completeOrder();
  assert.equal((await api('POST', `/api/orders/${ctx.oid}/submit`, { bearer: ctx.s.token })).status, 200);
  age(ctx.oid, 90);
  pass();
  assert.equal(stateOf(ctx.oid), 'initial_review');
  assert.equal(sql(`SELECT status FROM service_number WHERE number = '${ctx.numbers[0]}'`), 'filing');
});

test('handoffs a day past their expiry or revocation are deleted, live ones kept', async () => {
  const ctx = await websiteOrder(newAccount());
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const h = await api('POST', `/api/orders/${ctx.oid}/handoffs`, { bearer: ctx.s.token });
    assert.equal(h.status, 201, h.text);
    ids.push(h.data.id);
  }
  sql(`UPDATE handoff SET expires_at = UTC_TIMESTAMP() - INTERVAL 2 DAY WHERE id = ${ids[0]}`);
  sql(`UPDATE handoff SET revoked_at = UTC_TIMESTAMP() - INTERVAL 2 DAY WHERE id = ${ids[1]}`);
  pass();
  assert.equal(sql(`SELECT GROUP_CONCAT(id ORDER BY id) FROM handoff WHERE order_id = ${ctx.oid}`), String(ids[2]));
});
