// The measuring half of tests/bench/img-burst (the stack comes from there).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { api, newAccount, newDomain, websiteOrder } from '../api/lib.mjs';

const BASE = process.env.BEIAN_URL;
const RUNS = Number(process.env.BENCH_RUNS || 8);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const corpus = (name) => readFileSync(new URL(`../fuzz/corpus/img/${name}`, import.meta.url));
const heavy = corpus('png-gradient-budget');
const bomb = corpus('bomb-png-grey-6000');
const photo = execFileSync('gm', ['convert', '-size', '4000x3000', 'plasma:fractal', '-quality', '92', 'jpg:-'],
  { maxBuffer: 64 << 20 });

async function order() {
  const ctx = await websiteOrder(newAccount());
  const domain = newDomain();
  const w = await api('POST', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token, json: {
    name: '王五的摄影日记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
    service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } });
  const h = await api('POST', `/api/orders/${ctx.oid}/handoffs`, { bearer: ctx.s.token });
  const token = h.data.url.split('#t=')[1];
  // The phone that opens the link first is the one it is bound to.
  const bind = await fetch(`${BASE}/api/m/${token}`, { headers: { Accept: 'application/json' } });
  const cookie = bind.headers.getSetCookie().find((c) => c.startsWith('beian_m=')).split(';')[0];
  return { ...ctx, wid: w.data.id, token, cookie };
}

function form(wid, file) {
  const fd = new FormData();
  fd.append('kind', 'owner_id_front');
  fd.append('website_id', String(wid));
  fd.append('file', new Blob([file], { type: 'image/jpeg' }), 'p.jpg');
  return fd;
}

async function desktop(ctx) {
  const t = performance.now();
  const r = await fetch(`${BASE}/api/orders/${ctx.oid}/uploads`, { method: 'POST', body: form(ctx.wid, photo),
    headers: { Accept: 'application/json', Authorization: `Bearer ${ctx.s.token}` } });
  await r.arrayBuffer();
  if (r.status !== 201) throw new Error(`desktop upload: ${r.status}`);
  return performance.now() - t;
}

// A phone upload from a given loopback address: the attacker is not on
// the users' address, or nginx's per-address rate would stop them all.
function phone(ctx, file, from = '127.0.0.1') {
  const u = new URL(`${BASE}/api/m/${ctx.token}/uploads`);
  const head = `--B\r\nContent-Disposition: form-data; name="kind"\r\n\r\nowner_id_front\r\n`
    + `--B\r\nContent-Disposition: form-data; name="website_id"\r\n\r\n${ctx.wid}\r\n`
    + '--B\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n';
  const body = Buffer.concat([Buffer.from(head), file, Buffer.from('\r\n--B--\r\n')]);
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const rq = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', localAddress: from,
      headers: { Accept: 'application/json', Cookie: ctx.cookie, 'Content-Type': 'multipart/form-data; boundary=B',
        'Content-Length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: performance.now() - t, status: res.statusCode }));
    });
    rq.on('error', reject);
    rq.end(body);
  });
}

async function series(ctx, fn) {
  const xs = [];
  for (let i = 0; i < RUNS; i++) xs.push(await fn(ctx));
  return xs;
}

const user = await order();
const other = await order();
const attacker = await order();
await desktop(user); // warm the workers
const alone = await series(user, desktop);
async function phoneOk(c) {
  const r = await phone(c, photo);
  if (r.status !== 201) throw new Error(`phone upload: ${r.status}`);
  return r.ms;
}
const alonePhone = await series(other, phoneOk);

let stop = false;
const hostile = { sent: 0, statuses: {} };
const attack = Array.from({ length: 8 }, async (_, i) => {
  while (!stop) {
    const r = await phone(attacker, i % 2 ? heavy : bomb, '127.0.0.66');
    hostile.sent++;
    hostile.statuses[r.status] = (hostile.statuses[r.status] ?? 0) + 1;
  }
});
await new Promise((r) => setTimeout(r, 500));
const beside = await series(user, desktop);
const besidePhone = await series(other, phoneOk);
stop = true;
await Promise.all(attack);

const line = (what, a, b) => console.log(`${what.padEnd(34)} median ${median(a).toFixed(0).padStart(5)} ms, slowest ${Math.max(...a).toFixed(0).padStart(5)} ms`
  + (b ? `; delay median ${(median(a) - median(b)).toFixed(0)} ms, slowest ${(Math.max(...a) - Math.max(...b)).toFixed(0)} ms` : ''));
console.log(`a 4000x3000 JPEG of ${(photo.length / 1048576).toFixed(1)} MB, ${RUNS} uploads each; the attack: 8 at a time, `
  + `${(heavy.length / 1024).toFixed(0)} KB PNGs of 4300x4400 and ${(bomb.length / 1024).toFixed(0)} KB bombs of 6000x6000`);
line('desktop upload, alone', alone);
line('desktop upload, beside the attack', beside, alone);
line('phone upload, alone', alonePhone);
line('phone upload, beside the attack', besidePhone, alonePhone);
console.log(`hostile uploads sent ${hostile.sent}, answered ${JSON.stringify(hostile.statuses)}`);
