// nginx's limit_req on the login route (runs last: it fills the bucket).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE } from './lib.mjs';

test('a burst of login posts from one address gets 429 from nginx, in the envelope', async () => {
  const posts = Array.from({ length: 150 }, () => fetch(`${BASE}/api/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: '{}',
  }).then(async (r) => ({ status: r.status, body: await r.text(), retry: r.headers.get('retry-after') })));
  const res = await Promise.all(posts);
  const limited = res.filter((r) => r.status === 429);
  assert.ok(limited.length > 0, 'some requests were limited');
  assert.ok(res.some((r) => r.status === 422), 'the burst allowance got through to the app');
  const e = JSON.parse(limited[0].body);
  assert.equal(e.error.code, 'rate_limited');
  assert.ok(Number(limited[0].retry) >= 1);
  // GET /api/session is not limited: pages call it all the time.
  const gets = await Promise.all(Array.from({ length: 50 }, () => fetch(`${BASE}/api/session`).then((r) => r.status)));
  assert.ok(gets.every((s) => s === 401), `GETs: ${[...new Set(gets)]}`);
});
