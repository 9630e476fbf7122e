// Workers die and the database restarts; the portal keeps answering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, newAccount, stack, sleep } from './lib.mjs';

async function until(what, fn, tries = 100) {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('a worker killed with SIGKILL is replaced and the next request succeeds', async () => {
  const s = await login(newAccount());
  const before = stack('pids', 'session').split(/\s+/).filter(Boolean);
  assert.ok(before.length >= 1, 'session has workers');
  process.kill(Number(before[0]), 'SIGKILL');
  await until('a replacement worker', () => {
    const now = stack('pids', 'session').split(/\s+/).filter(Boolean);
    return now.length === before.length && !now.includes(before[0]);
  });
  for (let i = 0; i < 4; i++) {
    const r = await api('GET', '/api/session', { cookie: s.cookie });
    assert.equal(r.status, 200, r.text);
  }
});

test('MariaDB restarted under the stack: 503 while down, then the next request succeeds', async () => {
  const s = await login(newAccount());
  assert.equal((await api('GET', '/api/session', { cookie: s.cookie })).status, 200);
  stack('db-stop');
  try {
    const down = await api('GET', '/api/session', { cookie: s.cookie });
    assert.equal(down.status, 503, down.text);
    assert.equal(down.data.error.code, 'unavailable');
    assert.equal((await api('GET', '/api/ping')).status, 200, 'ping does not need the database');
  } finally {
    stack('db-start');
  }
  // Every worker had a dead connection: each must reconnect on its own.
  for (let i = 0; i < 6; i++) {
    const r = await api('GET', '/api/session', { cookie: s.cookie });
    assert.equal(r.status, 200, r.text);
  }
  const again = await login(newAccount());
  assert.ok(again.csrf);
});
