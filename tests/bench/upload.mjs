// The measuring half of tests/bench/upload (the stack comes from there).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { api, login, newAccount, newDomain, websiteOrder } from '../api/lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 5);
const TMP = process.env.BENCH_TMP;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function withOrientation(jpeg, orientation) {
  const tiff = Buffer.alloc(26);
  tiff.write('II*\0', 0, 'latin1');
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x0112, 10);
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xffe1, 0);
  seg.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), seg, body, jpeg.subarray(2)]);
}

const photo = withOrientation(execFileSync('gm', ['convert', '-size', '4000x3000', 'plasma:fractal',
  '-quality', '92', 'jpg:-'], { maxBuffer: 64 << 20 }), 6);
const src = `${TMP}/phone.jpg`;
writeFileSync(src, photo);
console.log(`input: 4000x3000 JPEG, ${(photo.length / 1048576).toFixed(1)} MB, EXIF Orientation=6; ${RUNS} runs each`);

const ctx = await websiteOrder(newAccount());
const domain = newDomain();
const w = await api('POST', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token, json: {
  name: '王五的摄影日记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
  service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } });
const http = [];
let last;
for (let i = 0; i < RUNS + 1; i++) {
  const fd = new FormData();
  fd.append('kind', 'owner_id_front');
  fd.append('website_id', String(w.data.id));
  fd.append('file', new Blob([photo], { type: 'image/jpeg' }), 'phone.jpg');
  const t = performance.now();
  const r = await fetch(`${process.env.BEIAN_URL}/api/orders/${ctx.oid}/uploads`, {
    method: 'POST', body: fd, headers: { Accept: 'application/json', Authorization: `Bearer ${ctx.s.token}` } });
  last = await r.json();
  if (r.status !== 201) throw new Error(JSON.stringify(last));
  if (i > 0) http.push(performance.now() - t); // the first warms the worker
}
const cli = (threads) => {
  const xs = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    execFileSync('gm', ['convert', src, '-auto-orient', '-strip', '-resize', '1600x1600>', '-quality', '85', `${TMP}/out.jpg`],
      { env: { ...process.env, OMP_NUM_THREADS: String(threads) } });
    xs.push(performance.now() - t);
  }
  return median(xs);
};
const cli1 = cli(1);
const cli2 = cli(2);
const h = median(http);
console.log(`HTTP endpoint (worker, 1 thread)  ${h.toFixed(0)} ms  -> ${last.width}x${last.height}, ${last.bytes} bytes`);
console.log(`gm convert CLI, 1 thread           ${cli1.toFixed(0)} ms`);
console.log(`gm convert CLI, 2 threads          ${cli2.toFixed(0)} ms`);
console.log(`endpoint / CLI (1 thread)          ${(h / cli1).toFixed(2)}   (target <= 0.60)`);
console.log(`endpoint / CLI (2 threads)         ${(h / cli2).toFixed(2)}`);
const out = execFileSync('gm', ['compare', '-metric', 'PSNR', `${TMP}/out.jpg`, '-'], {
  input: Buffer.from(await (await fetch(`${process.env.BEIAN_URL}${last.url}`, { headers: { Authorization: `Bearer ${ctx.s.token}` } })).arrayBuffer()),
}).toString();
console.log(`endpoint output vs CLI output: ${out.split('\n').find((l) => /Total/.test(l))?.trim() ?? out.trim()}`);
void login;
