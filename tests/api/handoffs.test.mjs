// Mobile upload by QR code: the handoff program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import { join } from 'node:path';
import { BASE, VAR, api, idNumber, login, newAccount, newDomain, sleep, sql, websiteOrder } from './lib.mjs';

async function order(subject = {}) {
  const ctx = await websiteOrder(newAccount(), subject);
  const domain = newDomain();
  const w = await api('POST', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token, json: {
    name: '王五的摄影日记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
    service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } });
  if (w.status !== 201) throw new Error(w.text);
  return { ...ctx, wid: w.data.id };
}

const create = (ctx) => api('POST', `/api/orders/${ctx.oid}/handoffs`, { bearer: ctx.s.token });
const tokenOf = (url) => url.split('#t=')[1];

// A phone: its own cookie jar of one cookie.
function phone() {
  let cookie = null;
  return {
    async get(token) {
      const r = await fetch(`${BASE}/api/m/${token}`, { headers: { Accept: 'application/json', ...(cookie ? { Cookie: cookie } : {}) } });
      const sc = r.headers.getSetCookie().find((c) => c.startsWith('beian_m='));
      if (sc) cookie = sc.split(';')[0];
      return { status: r.status, data: await r.json(), setCookie: sc };
    },
    async upload(token, { kind = 'owner_id_front', wid, file }) {
      const fd = new FormData();
      fd.append('kind', kind);
      fd.append('website_id', String(wid));
      fd.append('file', new Blob([file], { type: 'image/jpeg' }), 'p.jpg');
      const r = await fetch(`${BASE}/api/m/${token}/uploads`, { method: 'POST', body: fd,
        headers: { Accept: 'application/json', ...(cookie ? { Cookie: cookie } : {}) } });
      return { status: r.status, data: await r.json() };
    },
  };
}

const photo = () => execFileSync('gm', ['convert', '-size', '1600x1000', 'plasma:fractal', 'jpg:-'], { maxBuffer: 32 << 20 });

test('a handoff: the QR PNG decodes with zbarimg to exactly the url, token in the fragment', async () => {
  const ctx = await order();
  const r = await create(ctx);
  assert.equal(r.status, 201, r.text);
  assert.match(r.data.url, /^http:\/\/127\.0\.0\.1:\d+\/m\/#t=[A-Za-z0-9_-]{43}$/);
  assert.ok(r.data.expires_in > 590 && r.data.expires_in <= 600);
  const png = await fetch(`${BASE}${r.data.qr_png}`, { headers: { Authorization: `Bearer ${ctx.s.token}` } });
  assert.equal(png.status, 200);
  assert.equal(png.headers.get('content-type'), 'image/png');
  const file = join(tmpdir(), `qr-${process.pid}.png`);
  writeFileSync(file, Buffer.from(await png.arrayBuffer()));
  const decoded = execFileSync('zbarimg', ['--nodbus', '-q', '--raw', file]).toString().trim();
  assert.equal(decoded, r.data.url);
  const svg = await fetch(`${BASE}${r.data.qr_svg}`, { headers: { Authorization: `Bearer ${ctx.s.token}` } });
  assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
  assert.match(await svg.text(), /^<svg /);
  const other = await login(newAccount());
  assert.equal((await fetch(`${BASE}${r.data.qr_png}`, { headers: { Authorization: `Bearer ${other.token}` } })).status, 404);
  assert.equal((await api('DELETE', `/api/handoffs/${r.data.id}`, { bearer: other.token })).status, 404);
});

test('the phone sees names and masked IDs, uploads, and the desktop sees it arrive', async () => {
  const id = idNumber();
  const ctx = await order({ leaderId: id });
  const { data } = await create(ctx);
  const p = phone();
  const seen = await p.get(tokenOf(data.url));
  assert.equal(seen.status, 200, JSON.stringify(seen.data));
  assert.match(seen.setCookie, /HttpOnly/);
  assert.match(seen.setCookie, /SameSite=Strict/);
  assert.match(seen.setCookie, /Path=\/api\/m/);
  assert.equal(seen.data.subject.name, '王五');
  assert.equal(seen.data.websites[0].owner_id_number, `${id.slice(0, 3)}${'*'.repeat(11)}${id.slice(-4)}`);
  // The phone asks for exactly what the desktop checklist still misses.
  const desk = await api('GET', `/api/orders/${ctx.oid}/uploads`, { bearer: ctx.s.token });
  const key = (n) => `${n.website_id}:${n.kind}`;
  assert.deepEqual(seen.data.needed.map(key).sort(),
    desk.data.checklist.filter((n) => !n.present).map(key).sort());
  assert.ok(seen.data.needed.some((n) => n.kind === 'owner_id_front'));
  const up = await p.upload(tokenOf(data.url), { wid: ctx.wid, file: photo() });
  assert.equal(up.status, 201, JSON.stringify(up.data));
  const again = await p.get(tokenOf(data.url));
  assert.equal(again.status, 200);
  assert.ok(!again.data.needed.some((n) => n.kind === 'owner_id_front'));
  assert.equal(again.data.uploads.length, 1);
  // Image URLs need the owner's login: the phone is not given them.
  assert.equal(again.data.uploads[0].url, undefined);
  assert.equal(again.data.uploads[0].thumb_url, undefined);
  const list = await api('GET', `/api/orders/${ctx.oid}/uploads`, { bearer: ctx.s.token });
  assert.equal(list.data.uploads.length, 1);
  assert.equal(list.data.uploads[0].kind, 'owner_id_front');
  const order2 = await api('GET', `/api/orders/${ctx.oid}`, { bearer: ctx.s.token });
  assert.equal(order2.data.events.at(-1).actor, 'phone');
});

test('a second phone, a revoked or expired token, a malformed one: refused clearly', async () => {
  const ctx = await order();
  const { data } = await create(ctx);
  const tok = tokenOf(data.url);
  assert.equal((await phone().get(tok)).status, 200);
  const second = await phone().get(tok);
  assert.equal(second.status, 403);
  assert.equal(second.data.error.code, 'handoff_bound');
  assert.equal((await phone().upload(tok, { wid: ctx.wid, file: photo() })).status, 403);
  const b = await create(ctx);
  assert.equal((await api('DELETE', `/api/handoffs/${b.data.id}`, { bearer: ctx.s.token })).status, 200);
  const revoked = await phone().get(tokenOf(b.data.url));
  assert.equal(revoked.status, 404);
  assert.equal(revoked.data.error.code, 'handoff_unknown');
  assert.match(revoked.data.error.message, /刷新二维码/);
  const c = await create(ctx);
  sql(`UPDATE handoff SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ${c.data.id}`);
  assert.equal((await phone().get(tokenOf(c.data.url))).status, 404);
  for (const bad of ['x', 'A'.repeat(43), '../../session', `${tok}x`]) {
    const r = await fetch(`${BASE}/api/m/${encodeURIComponent(bad)}`, { headers: { Accept: 'application/json' } });
    assert.equal(r.status, 404, bad);
  }
});

test('the token is no session and opens only its own order', async () => {
  const ctx = await order();
  const other = await order();
  const { data } = await create(ctx);
  const tok = tokenOf(data.url);
  assert.equal((await api('GET', '/api/session', { bearer: tok })).status, 401);
  assert.equal((await api('GET', `/api/orders/${ctx.oid}`, { bearer: tok })).status, 401);
  const p = phone();
  await p.get(tok);
  const cross = await p.upload(tok, { wid: other.wid, file: photo() });
  assert.equal(cross.status, 422);
  assert.ok(cross.data.error.fields.website_id);
  assert.equal((await api('GET', `/api/orders/${other.oid}/uploads`, { bearer: other.s.token })).data.uploads.length, 0);
});

test('at most three live handoffs per order; none once the order left the draft', async () => {
  const ctx = await order();
  for (let i = 0; i < 3; i++) assert.equal((await create(ctx)).status, 201);
  const fourth = await create(ctx);
  assert.equal(fourth.status, 409);
  assert.equal(fourth.data.error.code, 'handoff_limit');
  const done = await order();
  sql(`UPDATE filing_order SET state = 'initial_review' WHERE id = ${done.oid}`);
  assert.equal((await create(done)).data.error.code, 'order_not_editable');
});

test('tokens reach no log', async () => {
  const ctx = await order();
  const { data } = await create(ctx);
  const tok = tokenOf(data.url);
  await phone().get(tok);
  await fetch(`${BASE}/api/m/${tok}/uploads`, { method: 'POST' });
  const logs = readdirSync(`${VAR}/log`).map((f) => readFileSync(`${VAR}/log/${f}`, 'utf8')).join('\n');
  assert.ok(logs.includes('/api/m/-'), 'the phone requests are logged, redacted');
  assert.ok(!logs.includes(tok), 'the token itself is nowhere');
});

test('an order abandoned: its phones read and send nothing more (issue 16)', async () => {
  const ctx = await order();
  const r = await create(ctx);
  const p = phone();
  const token = tokenOf(r.data.url);
  assert.equal((await p.get(token)).status, 200);
  const ab = await api('POST', `/api/orders/${ctx.oid}/abandon`, { bearer: ctx.s.token, json: {} });
  assert.equal(ab.status, 200, ab.text);
  const after = await p.get(token);
  assert.equal(after.status, 404);
  assert.equal(after.data.error.code, 'handoff_unknown');
  assert.ok(!JSON.stringify(after.data).includes('王五'), 'no name of the subject');
  assert.equal((await p.upload(token, { wid: ctx.wid, file: photo() })).status, 404);
});

test('a PNG bomb from the phone, which needs only the token: refused from its header, the worker unhurt (issue 16)', async () => {
  const ctx = await order();
  const r = await create(ctx);
  const p = phone();
  const token = tokenOf(r.data.url);
  assert.equal((await p.get(token)).status, 200);
  const bomb = readFileSync(new URL('../fuzz/corpus/img/bomb-png-grey-6000', import.meta.url));
  const res = await Promise.all(Array.from({ length: 8 }, () => p.upload(token, { wid: ctx.wid, file: bomb })));
  for (const up of res) {
    // Two at a time per token (nginx); the rest are told to wait.
    assert.ok(up.status === 422 || up.status === 429, JSON.stringify(up.data));
    if (up.status === 422) assert.match(up.data.error.fields.file, /6000×6000 像素，内容却几乎是空白的/);
    else assert.equal(up.data.error.code, 'rate_limited');
  }
  assert.ok(res.filter((up) => up.status === 422).length >= 2);
  const ok = await p.upload(token, { wid: ctx.wid, file: photo() });
  assert.equal(ok.status, 201, JSON.stringify(ok.data));
});

test('two uploads in flight per phone token: a third waits its turn (429), another token does not', async () => {
  const u = new URL(BASE);
  const a = await order();
  const b = await order();
  const ta = tokenOf((await create(a)).data.url);
  const tb = tokenOf((await create(b)).data.url);
  const pa = phone();
  const pb = phone();
  assert.equal((await pa.get(ta)).status, 200);
  assert.equal((await pb.get(tb)).status, 200);
  // Two uploads that send their headers and then trickle: in flight.
  const held = [0, 1].map(() => {
    const s = net.createConnection({ host: u.hostname, port: Number(u.port) });
    s.on('error', () => {});
    s.write(`POST /api/m/${ta}/uploads HTTP/1.1\r\nHost: ${u.hostname}\r\nContent-Type: multipart/form-data; boundary=B\r\n`
      + 'Content-Length: 100000\r\n\r\n--B\r\n');
    return s;
  });
  await sleep(300);
  try {
    const r = await pa.upload(ta, { wid: a.wid, file: photo() });
    assert.equal(r.status, 429, JSON.stringify(r.data));
    assert.equal(r.data.error.code, 'rate_limited');
    const other = await pb.upload(tb, { wid: b.wid, file: photo() });
    assert.equal(other.status, 201, JSON.stringify(other.data));
  } finally {
    for (const s of held) s.destroy();
  }
  await sleep(300);
  assert.equal((await pa.upload(ta, { wid: a.wid, file: photo() })).status, 201, 'its turn came');
});
