// Uploads: scans normalised by GraphicsMagick, and every hostile file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { deflateSync } from 'node:zlib';
import { BASE, api, idNumber, login, newAccount, newDomain, sql, websiteOrder } from './lib.mjs';

// An image made by the gm CLI: gm convert -size WxH <source> <fmt>:-
function gm(w, h, source, fmt = 'jpg', extra = []) {
  return execFileSync('gm', ['convert', '-size', `${w}x${h}`, source, ...extra, `${fmt}:-`], { maxBuffer: 64 << 20 });
}

// An EXIF APP1 with Orientation=6 (rotate 90° clockwise) after the SOI.
function withOrientation(jpeg, orientation) {
  const tiff = Buffer.alloc(26);
  tiff.write('II*\0', 0, 'latin1');
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x0112, 10);
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  tiff.writeUInt32LE(0, 22);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const seg = Buffer.alloc(4);
  seg.writeUInt16BE(0xffe1, 0);
  seg.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), seg, body, jpeg.subarray(2)]);
}

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

// A PNG whose header claims w x h (a pixel flood), with a little data.
function floodPng(w, h) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 0;
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(w + 1))), pngChunk('IEND', Buffer.alloc(0))]);
}

const corpus = (name) => readFileSync(new URL(`../fuzz/corpus/img/${name}`, import.meta.url));

// A JPEG whose SOF0 claims w x h.
function claimJpeg(jpeg, w, h) {
  const b = Buffer.from(jpeg);
  for (let i = 2; i < b.length - 9; i++) {
    if (b[i] === 0xff && (b[i + 1] === 0xc0 || b[i + 1] === 0xc2)) {
      b.writeUInt16BE(h, i + 5);
      b.writeUInt16BE(w, i + 7);
      return b;
    }
  }
  throw new Error('no SOF');
}

async function upload(ctx, { kind = 'owner_id_front', website = ctx.wid, file, name = 'photo.jpg', type = 'image/jpeg' } = {}) {
  const fd = new FormData();
  fd.append('kind', kind);
  if (website !== null) fd.append('website_id', String(website));
  if (file !== undefined) fd.append('file', new Blob([file], { type }), name);
  const res = await fetch(`${BASE}/api/orders/${ctx.oid}/uploads`, {
    method: 'POST', body: fd, headers: { Accept: 'application/json', Authorization: `Bearer ${ctx.s.token}` },
  });
  const text = await res.text();
  let data = null;
  try { data = JSON.parse(text); } catch { /* an image, or nginx */ }
  return { status: res.status, data, text, headers: res.headers };
}

// An order at step 6: one website saved.
async function uploadOrder(subject = {}) {
  const ctx = await websiteOrder(newAccount(), subject);
  const domain = newDomain();
  const w = await api('POST', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token, json: {
    name: '王五的摄影日记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
    service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } });
  if (w.status !== 201) throw new Error(w.text);
  return { ...ctx, wid: w.data.id };
}

const list = (ctx) => api('GET', `/api/orders/${ctx.oid}/uploads`, { bearer: ctx.s.token });

test('a rotated 12 MP phone photo comes back upright, small and stripped', async () => {
  const ctx = await uploadOrder();
  const photo = withOrientation(gm(4000, 3000, 'plasma:fractal', 'jpg', ['-quality', '92']), 6);
  assert.ok(photo.includes(Buffer.from('Exif')));
  const r = await upload(ctx, { file: photo, name: '../../etc/passwd\u0001身份证.jpg' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.data.width, 1200, 'turned upright: portrait');
  assert.equal(r.data.height, 1600);
  assert.ok(r.data.bytes <= 409600, `within the cap: ${r.data.bytes}`);
  assert.match(r.data.sha256, /^[0-9a-f]{64}$/);
  assert.equal(r.data.filename, 'passwd身份证.jpg', 'no path, no control characters');
  const img = await fetch(`${BASE}${r.data.url}`, { headers: { Authorization: `Bearer ${ctx.s.token}` } });
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/jpeg');
  assert.match(img.headers.get('cache-control'), /private/);
  const bytes = Buffer.from(await img.arrayBuffer());
  assert.equal(bytes.length, r.data.bytes);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  assert.ok(!bytes.includes(Buffer.from('Exif')), 'no EXIF left');
  const size = execFileSync('gm', ['identify', '-format', '%w %h', '-'], { input: bytes }).toString().trim();
  assert.equal(size, '1200 1600');
  const thumb = await fetch(`${BASE}${r.data.thumb_url}`, { headers: { Authorization: `Bearer ${ctx.s.token}` } });
  assert.equal(thumb.status, 200);
  const tsize = execFileSync('gm', ['identify', '-format', '%w %h', '-'], { input: Buffer.from(await thumb.arrayBuffer()) }).toString().trim();
  assert.equal(tsize, '240 320');
});

// The stored image of an upload: its colour space and the RGB of a pixel.
async function stored(ctx, r, x, y) {
  const img = await fetch(`${BASE}${r.data.url}`, { headers: { Authorization: `Bearer ${ctx.s.token}` } });
  const bytes = Buffer.from(await img.arrayBuffer());
  const space = execFileSync('gm', ['identify', '-format', '%r', '-'], { input: bytes }).toString().trim();
  const txt = execFileSync('gm', ['convert', '-', '-crop', `1x1+${x}+${y}`, '-depth', '8', 'txt:-'], { input: bytes }).toString();
  const m = /\(\s*(\d+),\s*(\d+),\s*(\d+)/.exec(txt);
  return { space, rgb: m ? m.slice(1, 4).map(Number) : null, txt };
}

test('a 40 MP progressive JPEG, as some phone apps export, is taken (issue 16: it was called damaged)', async () => {
  const ctx = await uploadOrder();
  const r = await upload(ctx, { file: corpus('jpeg-progressive-40mp') });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.data.width, 1600);
});

test('a CMYK scan is stored as RGB; a transparent PNG is flattened onto white, not black', async () => {
  const ctx = await uploadOrder();
  // A red page, saved by a print workflow in CMYK.
  const cmyk = gm(1600, 1200, 'xc:#d02020', 'jpg', ['-colorspace', 'CMYK', '-quality', '92']);
  assert.match(execFileSync('gm', ['identify', '-format', '%r', '-'], { input: cmyk }).toString(), /Separation/, 'a CMYK JPEG');
  let r = await upload(ctx, { file: cmyk });
  assert.equal(r.status, 201, r.text);
  let px = await stored(ctx, r, 800, 600);
  assert.doesNotMatch(px.space, /Separation|CMYK/, `stored as RGB: ${px.space}`);
  assert.ok(px.rgb, px.txt);
  assert.ok(px.rgb[0] > 150 && px.rgb[1] < 90 && px.rgb[2] < 90, `still red: ${px.rgb}`);

  // A screenshot of a document on a transparent background: black text
  // (a black square here) must stay readable on white.
  const png = gm(1600, 1200, 'xc:none', 'png', ['-fill', 'black', '-draw', 'rectangle 600,400 1000,800']);
  r = await upload(ctx, { kind: 'owner_id_back', file: png, name: 'scan.png', type: 'image/png' });
  assert.equal(r.status, 201, r.text);
  px = await stored(ctx, r, 20, 20);
  assert.ok(px.rgb.every((v) => v > 240), `the transparent corner is white: ${px.rgb}`);
  px = await stored(ctx, r, 800, 600);
  assert.ok(px.rgb.every((v) => v < 30), `the document stays black: ${px.rgb}`);
});

test('images are served to their owner, and to reviewers once the order is submitted', async () => {
  const ctx = await uploadOrder();
  const r = await upload(ctx, { file: gm(1600, 1000, 'plasma:fractal') });
  assert.equal(r.status, 201, r.text);
  const other = await login(newAccount());
  assert.equal((await fetch(`${BASE}${r.data.url}`, { headers: { Authorization: `Bearer ${other.token}` } })).status, 404);
  assert.equal((await fetch(`${BASE}${r.data.url}`)).status, 401);
  const reviewer = await login(newAccount('reviewer'));
  const asReviewer = () => fetch(`${BASE}${r.data.url}`, { headers: { Authorization: `Bearer ${reviewer.token}` } });
  assert.equal((await asReviewer()).status, 404, 'a draft is the applicant\'s own');
  // In review (set directly: this order lacks the other documents).
  sql(`UPDATE filing_order SET state = 'initial_review' WHERE id = ${ctx.oid}`);
  assert.equal((await asReviewer()).status, 200);
  assert.equal((await api('DELETE', r.data.url, { bearer: other.token })).status, 404);
});

test('the checklist says what each website needs and what is there', async () => {
  const ctx = await uploadOrder();
  let c = await list(ctx);
  assert.equal(c.status, 200, c.text);
  const kinds = c.data.checklist.map((x) => x.kind).sort();
  assert.deepEqual(kinds, ['domain_certificate', 'owner_id_back', 'owner_id_front', 'verification_form'], '浙江 wants the domain certificate');
  assert.equal(c.data.missing, 4);
  const r = await upload(ctx, { file: gm(1600, 1000, 'plasma:fractal') });
  assert.equal(r.status, 201, r.text);
  c = await list(ctx);
  assert.equal(c.data.missing, 3);
  const front = c.data.checklist.find((x) => x.kind === 'owner_id_front');
  assert.equal(front.present, true);
  assert.equal(front.upload_id, r.data.id);
  // Uploading the same slot again replaces it.
  const again = await upload(ctx, { file: gm(1600, 1000, 'plasma:fractal') });
  assert.equal(again.status, 201);
  c = await list(ctx);
  assert.equal(c.data.uploads.length, 1);
  const del = await api('DELETE', again.data.url, { bearer: ctx.s.token });
  assert.equal(del.status, 200);
  c = await list(ctx);
  assert.equal(c.data.uploads.length, 0);
  assert.equal(c.data.missing, 4);
});

test('a dark, blurry scan is accepted with warnings; a too small one is refused', async () => {
  const ctx = await uploadOrder();
  const dark = await upload(ctx, { file: gm(1600, 1000, 'xc:#141414') });
  assert.equal(dark.status, 201, dark.text);
  assert.ok(dark.data.warnings.some((w) => /偏暗/.test(w)), dark.text);
  assert.ok(dark.data.warnings.some((w) => /模糊/.test(w)), dark.text);
  const small = await upload(ctx, { kind: 'owner_id_back', file: gm(300, 200, 'plasma:fractal') });
  assert.equal(small.status, 422, small.text);
  assert.match(small.data.error.fields.file, /太小/);
  assert.match(small.data.error.fields.file, /网站负责人证件（反面）至少需要 640×400 像素/, 'no stray space after the name');
});

const hostile = [
  ['a PNG pixel flood (30000×30000)', () => floodPng(30000, 30000), 'image/png', 422, /像素尺寸过大/],
  ['a JPEG claiming 60000×60000', () => claimJpeg(gm(800, 600, 'plasma:fractal'), 60000, 60000), 'image/jpeg', 422, /像素尺寸过大|损坏/],
  ['a truncated JPEG', () => { const j = gm(1600, 1000, 'plasma:fractal'); return j.subarray(0, j.length >> 1); }, 'image/jpeg', 422, /损坏|不完整/],
  ['a PNG with a bad CRC', () => { const p = gm(1600, 1000, 'plasma:fractal', 'png'); p[29] ^= 0xff; return p; }, 'image/png', 422, /校验/],
  ['an SVG named .jpg', () => Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'), 'image/jpeg', 415, /SVG/],
  ['PostScript named .jpg', () => Buffer.from('%!PS-Adobe-3.0\nshowpage\n'), 'image/jpeg', 415, /PostScript/],
  ['a PDF named .jpg', () => Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'), 'image/jpeg', 415, /您上传的是 PDF 文档）/],
  ['MIFF named .jpg', () => Buffer.from('id=ImageMagick  version=1.0\nclass=DirectClass\n:\x1a'), 'image/jpeg', 415, /MIFF/],
  ['a text file', () => Buffer.from('这不是图片\n'), 'text/plain', 415, /未知格式/],
  ['an empty file', () => Buffer.alloc(0), 'image/jpeg', 422, /您上传的是空文件）/],
  // Issue 16: bombs under the pixel cap, refused from the header with
  // words that are true of them (tests/fuzz/hostile-images.py).
  ['a 35 KB PNG declaring 6000×6000', () => corpus('bomb-png-grey-6000'), 'image/png', 422, /6000×6000 像素，内容却几乎是空白的/],
  ['a PNG declaring 6300×6300, under 40 MP', () => corpus('bomb-png-grey-6300'), 'image/png', 422, /^(?!.*4000 万).*6300×6300/],
  ['a 16-bit RGBA PNG of 4000×4000', () => corpus('bomb-png-rgba16-4000'), 'image/png', 422, /4000×4000 像素，处理它需要的内存超出了系统允许的范围。请缩小到约 \d+ 万像素以内/],
  ['an interlaced RGB PNG of 5000×5000', () => corpus('bomb-png-rgb-interlaced-5000'), 'image/png', 422, /5000×5000 像素，处理它需要的内存/],
  ['a 40 MP progressive CMYK JPEG', () => corpus('jpeg-progressive-cmyk-40mp'), 'image/jpeg', 422, /渐进式编码.*非渐进式/],
];

for (const [what, make, type, status, pattern] of hostile) {
  test(`hostile upload refused cleanly: ${what}`, async () => {
    const ctx = await uploadOrder();
    const r = await upload(ctx, { file: make(), type });
    assert.equal(r.status, status, r.text);
    assert.match(r.data.error.fields.file, pattern);
    assert.equal((await list(ctx)).data.uploads.length, 0, 'no row left behind');
    assert.equal((await api('GET', '/api/ping')).status, 200, 'the workers live on');
  });
}

test('bad kind, another order\'s website, no file, wrong content type', async () => {
  const ctx = await uploadOrder();
  const other = await uploadOrder();
  const img = gm(1600, 1000, 'plasma:fractal');
  let r = await upload(ctx, { kind: 'selfie', file: img });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.kind);
  r = await upload(ctx, { website: other.wid, file: img });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.website_id);
  r = await upload(ctx, { website: null, file: img });
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields.website_id);
  r = await upload(ctx, {});
  assert.equal(r.status, 422);
  assert.ok(r.data.error.fields?.file, JSON.stringify(r.data));
  const txt = await fetch(`${BASE}/api/orders/${ctx.oid}/uploads`, { method: 'POST', body: 'kind=x', headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${ctx.s.token}` } });
  assert.equal(txt.status, 415);
  const foreign = await upload({ ...other, s: ctx.s }, { file: img });
  assert.equal(foreign.status, 404, 'another account\'s order');
  assert.equal((await list(ctx)).data.uploads.length, 0);
});

test('a field or file sent twice is refused with 400 and stores nothing (issue 16)', async () => {
  const ctx = await uploadOrder();
  const img = gm(1600, 1000, 'plasma:fractal');
  const post = (fd) => fetch(`${BASE}/api/orders/${ctx.oid}/uploads`, {
    method: 'POST', body: fd, headers: { Accept: 'application/json', Authorization: `Bearer ${ctx.s.token}` },
  }).then(async (res) => ({ status: res.status, data: await res.json() }));
  let fd = new FormData();
  fd.append('kind', 'owner_id_front');
  fd.append('kind', 'owner_id_back');
  fd.append('website_id', String(ctx.wid));
  fd.append('file', new Blob([img], { type: 'image/jpeg' }), 'a.jpg');
  let r = await post(fd);
  assert.equal(r.status, 400);
  assert.equal(r.data.error.code, 'bad_request');
  assert.match(r.data.error.fields.kind, /重复/);
  fd = new FormData();
  fd.append('kind', 'owner_id_front');
  fd.append('website_id', String(ctx.wid));
  fd.append('file', new Blob([img], { type: 'image/jpeg' }), 'a.jpg');
  fd.append('file', new Blob([img], { type: 'image/jpeg' }), 'b.jpg');
  r = await post(fd);
  assert.equal(r.status, 400, 'two files in one slot (the multipart parser)');
  assert.equal(r.data.error.code, 'bad_request');
  assert.equal((await list(ctx)).data.uploads.length, 0, 'nothing stored');
  // A website form: the checkbox lists repeat, a name does not.
  const domain = newDomain();
  const form = new URLSearchParams([['name', '王五的摄影日记'], ['domain', domain], ['homepage_url', `www.${domain}`],
    ['content_types', '32'], ['languages', '1'], ['languages', '2'], ['service_number', ctx.numbers[1] ?? ctx.numbers[0]],
    ['owner.same_as_leader', '1'], ['owner.emergency_phone', '0571-88888888']]);
  const check = await api('POST', `/api/orders/${ctx.oid}/websites/check`, { bearer: ctx.s.token, body: form.toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.notEqual(check.status, 400, check.text);
  form.append('name', '另一个名称');
  const twice = await api('POST', `/api/orders/${ctx.oid}/websites/check`, { bearer: ctx.s.token, body: form.toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(twice.status, 400, twice.text);
  assert.ok(twice.data.error.fields.name);
});

test('a 100 MB body gets 413 from nginx before the program sees it', async () => {
  const ctx = await uploadOrder();
  const u = new URL(`${BASE}/api/orders/${ctx.oid}/uploads`);
  const status = await new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: {
      'Content-Type': 'multipart/form-data; boundary=B', 'Content-Length': String(100 * 1024 * 1024),
      Authorization: `Bearer ${ctx.s.token}`, Accept: 'application/json' } }, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', reject);
    req.write(Buffer.alloc(64 * 1024));
    req.end();
  });
  assert.equal(status, 413);
});

// What a browser's classic form sends: a too large body, Accept: text/html.
function bigPost(path, headers) {
  const u = new URL(`${BASE}${path}`);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: {
      'Content-Type': 'multipart/form-data; boundary=B', 'Content-Length': String(30 * 1024 * 1024), ...headers } },
    (res) => { res.resume(); resolve({ status: res.statusCode, location: res.headers.location }); });
    req.on('error', reject);
    req.write(Buffer.alloc(64 * 1024));
    req.end();
  });
}

test('a classic form over the limit comes back to its page saying so; an API client gets JSON', async () => {
  const ctx = await uploadOrder();
  const page = await bigPost(`/api/orders/${ctx.oid}/uploads`, { Authorization: `Bearer ${ctx.s.token}`,
    Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
  assert.equal(page.status, 303);
  assert.equal(page.location, `/order/upload.html?id=${ctx.oid}&error=too_large`);
  const api_ = await bigPost(`/api/orders/${ctx.oid}/uploads`, { Authorization: `Bearer ${ctx.s.token}`, Accept: 'application/json' });
  assert.equal(api_.status, 413);
  // The page then says what happened, in words.
  const frag = await fetch(`${BASE}/api/orders/${ctx.oid}/uploads?error=too_large`, {
    headers: { Accept: 'text/html', Authorization: `Bearer ${ctx.s.token}` } });
  assert.match(await frag.text(), /文件太大，没有上传成功/);
  // The phone's token is in the path: it goes back into the fragment.
  const h = await api('POST', `/api/orders/${ctx.oid}/handoffs`, { bearer: ctx.s.token });
  const token = h.data.url.split('#t=')[1];
  const phone = await bigPost(`/api/m/${token}/uploads`, { Accept: 'text/html' });
  assert.equal(phone.status, 303);
  assert.equal(phone.location, `/m/?error=too_large#t=${token}`);
  // Anything else over the limit keeps the JSON answer.
  const other = await bigPost('/api/session', { Accept: 'text/html' });
  assert.equal(other.status, 413);
});

test('the 核验单: pre-filled, A4 at 300 dpi, PNG or PDF, the owner\'s only', async () => {
  const ctx = await uploadOrder();
  const url = `${BASE}/api/orders/${ctx.oid}/websites/${ctx.wid}/verification-form`;
  const png = await fetch(url, { headers: { Authorization: `Bearer ${ctx.s.token}` } });
  assert.equal(png.status, 200, await png.clone().text());
  assert.equal(png.headers.get('content-type'), 'image/png');
  const bytes = Buffer.from(await png.arrayBuffer());
  const info = execFileSync('gm', ['identify', '-format', '%w %h %x', '-'], { input: bytes }).toString().trim();
  assert.match(info, /^2480 3508 (300|118\.1)/, '300 dpi (PNG stores it per centimetre)');
  if (process.env.BEIAN_TEST_OUT) {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(process.env.BEIAN_TEST_OUT, { recursive: true });
    writeFileSync(`${process.env.BEIAN_TEST_OUT}/verification-form.png`, bytes);
  }
  const pdf = await fetch(`${url}?format=pdf`, { headers: { Authorization: `Bearer ${ctx.s.token}` } });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  const other = await login(newAccount());
  assert.equal((await fetch(url, { headers: { Authorization: `Bearer ${other.token}` } })).status, 404);
});

test('the 承诺书 of a 广东 order: pre-filled with the subject and websites, A4, PNG or PDF, a QR code, the owner\'s only', async () => {
  const ctx = await uploadOrder({ province: '广东', abbr: '粤', leaderId: idNumber('440106') });
  const list = await api('GET', `/api/orders/${ctx.oid}/uploads`, { bearer: ctx.s.token });
  assert.ok(list.data.checklist.some((i) => i.kind === 'commitment_letter'), '广东 asks for it');
  const url = `${BASE}/api/orders/${ctx.oid}/commitment-letter`;
  const png = await fetch(url, { headers: { Authorization: `Bearer ${ctx.s.token}` } });
  assert.equal(png.status, 200, await png.clone().text());
  assert.equal(png.headers.get('content-type'), 'image/png');
  const bytes = Buffer.from(await png.arrayBuffer());
  assert.match(execFileSync('gm', ['identify', '-format', '%w %h', '-'], { input: bytes }).toString(), /^2480 3508/);
  const qr = execFileSync('zbarimg', ['--raw', '-q', '-'], { input: bytes }).toString().trim();
  assert.match(qr, new RegExp(`^beian:commitment-letter:CN${ctx.oid}-[0-9a-f]{8}$`));
  if (process.env.BEIAN_TEST_OUT) {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(process.env.BEIAN_TEST_OUT, { recursive: true });
    writeFileSync(`${process.env.BEIAN_TEST_OUT}/commitment-letter.png`, bytes);
  }
  const pdf = await fetch(`${url}?format=pdf`, { headers: { Authorization: `Bearer ${ctx.s.token}` } });
  assert.equal(pdf.status, 200);
  assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  const other = await login(newAccount());
  assert.equal((await fetch(url, { headers: { Authorization: `Bearer ${other.token}` } })).status, 404);
  // The upload step links it from the 承诺书's slot.
  const frag = await fetch(`${BASE}/api/orders/${ctx.oid}/uploads`, { headers: { Accept: 'text/html', Authorization: `Bearer ${ctx.s.token}` } });
  assert.match(await frag.text(), new RegExp(`href="/api/orders/${ctx.oid}/commitment-letter" download>下载承诺书`));
});
