// Slow clients (issue 16): 200 connections trickling their headers and
// 200 trickling an upload's body, while another user works.  nginx holds
// them, not the FastCGI workers: that user's requests all succeed.  The
// p99 of their latency, alone and beside the slow clients, is printed
// (a figure, not a limit: the machines are shared).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { BASE, api, login, newAccount, sleep } from '../api/lib.mjs';

const { hostname, port } = new URL(BASE);
const SLOW = Number(process.env.CHAOS_SLOW || 200);

function slowClient(head, trickle) {
  const s = net.createConnection({ host: hostname, port: Number(port) });
  s.on('error', () => {});
  s.write(head);
  const t = setInterval(() => { if (!s.destroyed) s.write(trickle); }, 1000);
  return { close() { clearInterval(t); s.destroy(); }, socket: s };
}

async function work(s, n) {
  const ms = [];
  let failed = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await api('GET', i % 2 ? '/api/session' : '/api/subjects', { bearer: s.token });
    ms.push(performance.now() - t0);
    if (r.status !== 200) failed++;
  }
  ms.sort((a, b) => a - b);
  return { p99: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))], p50: ms[Math.floor(ms.length / 2)], failed };
}

test(`${SLOW} slow headers and ${SLOW} slow bodies: another user is served throughout`, { timeout: 120000 }, async () => {
  const s = await login(newAccount());
  const alone = await work(s, 100);
  const slow = [];
  for (let i = 0; i < SLOW; i++) {
    slow.push(slowClient(`GET /api/ping HTTP/1.1\r\nHost: ${hostname}\r\n`, 'X-Slow: 1\r\n'));
    slow.push(slowClient(`POST /api/orders/1/uploads HTTP/1.1\r\nHost: ${hostname}\r\n`
      + 'Content-Type: multipart/form-data; boundary=B\r\nContent-Length: 1000000\r\n\r\n--B\r\n', 'x'));
  }
  await sleep(1500);
  const open = slow.filter((c) => !c.socket.destroyed).length;
  let beside;
  try {
    beside = await work(s, 100);
  } finally {
    for (const c of slow) c.close();
  }
  console.log(`slow clients: ${open} of ${2 * SLOW} held open; another user's p50/p99 alone ${alone.p50.toFixed(1)}/${alone.p99.toFixed(1)} ms, beside them ${beside.p50.toFixed(1)}/${beside.p99.toFixed(1)} ms`);
  assert.equal(alone.failed, 0);
  assert.equal(beside.failed, 0, 'every request of the other user succeeded');
  assert.ok(open > SLOW, `the slow clients were really connected (${open})`);
  const again = await api('GET', '/api/ping');
  assert.equal(again.status, 200);
});
