// Photo verification (issue 13): the method each province asks for, the
// curtain and its mailing address, the photo's checks, the hand-over to
// the photo review and the review itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BASE, admin, api, approvedOrder, completeOrder, newAccount, photo, reviewer, scan, upload } from './lib.mjs';

const verification = (ctx) => api('GET', `/api/orders/${ctx.oid}/verification`, { bearer: ctx.s.token });
const curtain = (ctx, json) => api('POST', `/api/orders/${ctx.oid}/curtain-requests`, { bearer: ctx.s.token, json });
const handOver = (ctx, json = {}) => api('POST', `/api/orders/${ctx.oid}/verification`, { bearer: ctx.s.token, json });
const decide = async (ctx, body) => api('POST', `/api/review/orders/${ctx.oid}/decision`, { bearer: (await reviewer()).token, json: body });
const address = { recipient: '王五', mobile: '13900001111', province: '330000', city: '330100', district: '330106', street: '文三路 90 号东部软件园 1 号楼', postcode: '310012' };
const BLUE = '#1E64C8';
const WHITE = '#F2F2F2';

test('before the initial approval there is nothing to verify yet; the page says which method will come', async () => {
  const ctx = await completeOrder();
  const v = await verification(ctx);
  assert.equal(v.status, 200, v.text);
  assert.equal(v.data.method, 'curtain', '浙江 asks for the curtain');
  assert.equal(v.data.started, false);
  assert.equal(v.data.open, false);
  const c = await curtain(ctx, address);
  assert.equal(c.status, 409);
  assert.equal(c.data.error.code, 'order_not_in_verification');
  const p = await upload(ctx, 'curtain_photo', ctx.wid, photo(BLUE));
  assert.equal(p.status, 409);
  assert.equal(p.data.error.code, 'order_not_in_verification');
  assert.equal((await handOver(ctx)).status, 409);
});

test('a 浙江 order: the curtain, its address rules, shipping, the photo, the hand-over, a rejection and the retake', async () => {
  const ctx = await approvedOrder();
  let v = await verification(ctx);
  assert.equal(v.data.method, 'curtain');
  assert.equal(v.data.open, true);
  assert.equal(v.data.curtain_request, null);
  assert.equal(v.data.persons.length, 1);
  assert.ok(v.data.findings.some((f) => f.rule === 'photo_missing' && f.target.slot.kind === 'curtain_photo'));

  // The address: each field refused with its own words; outside the mainland with the reason.
  const bad = [
    [{ recipient: '' }, 'recipient'], [{ mobile: '12345' }, 'mobile'], [{ province: '999999' }, 'province'],
    [{ province: '810000' }, 'province', /中国内地/], [{ city: '320100' }, 'city'], [{ district: '330205' }, 'district'],
    [{ street: '文三' }, 'street'], [{ postcode: '3100' }, 'postcode'], [{ recipient: '王\u0001五' }, 'recipient'],
  ];
  for (const [change, field, words] of bad) {
    const r = await curtain(ctx, { ...address, ...change });
    assert.equal(r.status, 422, JSON.stringify(change));
    assert.ok(r.data.error.fields[field], `${JSON.stringify(change)}: ${r.text}`);
    if (words) assert.match(r.data.error.fields[field], words);
  }
  // Names work as well as codes; a city without districts takes none.
  const byName = await curtain(ctx, { ...address, province: '广东省', city: '东莞市', district: '' });
  assert.equal(byName.status, 201, byName.text);
  assert.equal(byName.data.district_name, '东莞市');
  const c = await curtain(ctx, address);
  assert.equal(c.status, 201, c.text);
  assert.equal(c.data.state, 'requested');
  assert.equal(c.data.district_name, '西湖区');
  v = await verification(ctx);
  assert.equal(v.data.curtain_request.id, c.data.id, 'the re-request is the one in force');
  assert.equal(v.data.curtain_requests_left, 1);

  // The operator ships and the applicant sees it.
  admin(['curtain', 'ship', String(ctx.oid), '--carrier', '顺丰速运', '--tracking', 'SF1234567890']);
  v = await verification(ctx);
  assert.equal(v.data.curtain_request.state, 'shipped');
  assert.equal(v.data.curtain_request.tracking, 'SF1234567890');
  admin(['curtain', 'delivered', String(ctx.oid)]);
  assert.equal((await verification(ctx)).data.curtain_request.state, 'delivered');

  // Not yet: the photo is missing.
  const early = await handOver(ctx);
  assert.equal(early.status, 422);
  assert.equal(early.data.error.code, 'verification_incomplete');
  assert.ok(early.data.error.findings.some((f) => f.rule === 'photo_missing'));

  // The photo's checks refuse what the reviewer could only reject.
  const gm = (...args) => execFileSync('gm', ['convert', '-size', '900x1200', ...args, '-quality', '90', 'jpg:-']);
  const refusals = [
    [photo(WHITE), 'photo_backdrop', /不是蓝色幕布/],
    [photo(BLUE, 500, 700), 'photo_size', /太小/],
    [photo('#101830'), 'photo_dark', /偏暗/],
    [gm('xc:#FFFFFF', '-fill', '#F0F0F0', '-draw', 'rectangle 250,400 650,1200', '-fill', '#D0D0D0', '-draw', 'line 250,400 650,1200'),
      'photo_bright', /过亮/],
    [gm('xc:#1E64C8', '-fill', '#C89070', '-draw', 'rectangle 250,400 650,1200'), 'photo_blur', /模糊/],
  ];
  for (const [img, rule, words] of refusals) {
    const r = await upload(ctx, 'curtain_photo', ctx.wid, img);
    assert.equal(r.status, 422, `${rule}: ${r.text}`);
    assert.match(r.data.error.fields.file, words);
    assert.ok(r.data.error.findings.some((f) => f.rule === rule && f.reason === 'R10' && f.fix), r.text);
  }
  // Not an image at all: refused before any check, as every upload.
  const pdf = await upload(ctx, 'curtain_photo', ctx.wid, Buffer.from('%PDF-1.4 fake'));
  assert.equal(pdf.status, 415);
  const ok = await upload(ctx, 'curtain_photo', ctx.wid, photo(BLUE));
  assert.equal(ok.status, 201, ok.text);
  // Nothing else goes up now: the materials were approved.
  assert.equal((await upload(ctx, 'verification_form', ctx.wid, scan(1000, 1400))).status, 409);
  v = await verification(ctx);
  assert.equal(v.data.persons[0].photo_id, ok.data.id);
  assert.deepEqual(v.data.findings, []);

  const h = await handOver(ctx);
  assert.equal(h.status, 200, h.text);
  assert.equal(h.data.state, 'verification_review');
  assert.equal((await handOver(ctx)).status, 409, 'once');
  v = await verification(ctx);
  assert.match(v.data.due_at, /^\d{4}-\d{2}-\d{2}T10:00:00Z$/, 'due at 18:00 China time');

  // The photo review: the queue, a rejection of the photo with an R10 reason.
  const rv = await reviewer();
  const q = await api('GET', '/api/review/queue?stage=verification', { bearer: rv.token });
  assert.ok(q.data.orders.some((o) => o.id === ctx.oid), 'in the verification queue');
  const initial = await decide(ctx, { decision: 'reject', reasons: [{ code: 'R2', target: { upload: ok.data.id } }] });
  assert.equal(initial.status, 422, 'an initial-review reason is not the photo review\'s');
  const notPhoto = await decide(ctx, { decision: 'reject', reasons: [{ code: 'R10c', target: { field: `websites.${ctx.wid}.name` } }] });
  assert.equal(notPhoto.status, 422);
  const rej = await decide(ctx, { decision: 'reject', reasons: [{ code: 'R10c', target: { upload: ok.data.id }, note: '请换一件灰色的上衣' }] });
  assert.equal(rej.status, 200, rej.text);
  assert.equal(rej.data.state, 'verification_rejected');
  v = await verification(ctx);
  assert.equal(v.data.persons[0].rejected.reason, 'R10c');
  assert.ok(v.data.findings.some((f) => f.rule === 'photo_rejected' && /灰色/.test(f.message)));
  assert.equal((await handOver(ctx)).status, 422, 'the rejected photo is not replaced yet');

  // The retake, and the second hand-over and approval.
  const again = await upload(ctx, 'curtain_photo', ctx.wid, photo('#2060C0'));
  assert.equal(again.status, 201, again.text);
  const h2 = await handOver(ctx);
  assert.equal(h2.status, 200, h2.text);
  assert.equal(h2.data.state, 'verification_review');
  const pass = await decide(ctx, { decision: 'approve' });
  assert.equal(pass.status, 200);
  assert.equal(pass.data.state, 'awaiting_bureau');
  assert.equal((await upload(ctx, 'curtain_photo', ctx.wid, photo(BLUE))).status, 409, 'done: no more photos');
});

test('a white-background order takes no curtain; its photo must be on white', async () => {
  const ctx = await approvedOrder(newAccount(), { province: '福建', abbr: '闽' });
  const v = await verification(ctx);
  assert.equal(v.data.method, 'white_background');
  const c = await curtain(ctx, address);
  assert.equal(c.status, 409);
  assert.equal(c.data.error.code, 'curtain_not_needed');
  const blue = await upload(ctx, 'curtain_photo', ctx.wid, photo(BLUE));
  assert.equal(blue.status, 422);
  assert.match(blue.data.error.fields.file, /不是白色/);
  assert.equal((await upload(ctx, 'curtain_photo', ctx.wid, photo(WHITE))).status, 201);
  const h = await handOver(ctx);
  assert.equal(h.status, 200, h.text);
});

test('a 上海 order: no photo, the app\'s code from the simulator, bound to the order and the owner\'s mobile', async () => {
  const ctx = await approvedOrder(newAccount(), { province: '上海', abbr: '沪' });
  const v = await verification(ctx);
  assert.equal(v.data.method, 'shanghai_app');
  assert.equal(v.data.code_required, true);
  const p = await upload(ctx, 'curtain_photo', ctx.wid, photo(WHITE));
  assert.equal(p.status, 409);
  assert.equal(p.data.error.code, 'photo_not_needed');
  const missing = await handOver(ctx);
  assert.equal(missing.status, 422);
  assert.ok(missing.data.error.findings.some((f) => f.rule === 'shanghai_code'));
  const code = admin(['bureau', 'code', String(ctx.oid)]).trim();
  assert.match(code, /^\d{6}$/);
  const wrong = await handOver(ctx, { shanghai_code: code === '000000' ? '000001' : '000000' });
  assert.equal(wrong.status, 422);
  assert.ok(wrong.data.error.fields.shanghai_code);
  const other = await approvedOrder(newAccount(), { province: '上海', abbr: '沪' });
  assert.equal((await handOver(other, { shanghai_code: code })).status, 422, 'another order\'s code');
  const h = await handOver(ctx, { shanghai_code: code });
  assert.equal(h.status, 200, h.text);
  // The reviewer may send the owner back to the app.
  const rej = await decide(ctx, { decision: 'reject', reasons: [{ code: 'R10a', target: { field: 'verification' }, note: '手持证件照片不清晰' }] });
  assert.equal(rej.status, 200, rej.text);
  assert.equal((await handOver(ctx, { shanghai_code: code })).status, 200);
});

test('another account\'s order: 404 on every verification route; the regions are public', async () => {
  const ctx = await approvedOrder();
  const stranger = await approvedOrder();
  for (const [method, path, json] of [
    ['GET', `/api/orders/${ctx.oid}/verification`], ['POST', `/api/orders/${ctx.oid}/verification`, {}],
    ['POST', `/api/orders/${ctx.oid}/curtain-requests`, address]]) {
    const r = await api(method, path, { bearer: stranger.s.token, json });
    assert.equal(r.status, 404, `${method} ${path}`);
  }
  const up = await upload({ ...ctx, s: stranger.s }, 'curtain_photo', ctx.wid, photo(BLUE));
  assert.equal(up.status, 404);
  const regions = await api('GET', '/api/regions');
  assert.equal(regions.status, 200);
  assert.ok(regions.data.regions.some((r) => r.code === '810000' && r.mainland === false));
  assert.equal((await api('GET', '/api/regions/330100')).data.regions[0].code, '330102');
  assert.equal((await api('GET', '/api/regions/000001')).status, 404);
});

test('the phone takes the photo: after the initial approval its page asks for the photos, and the upload goes through the same checks', async () => {
  const ctx = await approvedOrder();
  const h = await api('POST', `/api/orders/${ctx.oid}/handoffs`, { bearer: ctx.s.token });
  assert.equal(h.status, 201, h.text);
  const token = h.data.url.split('#t=')[1];
  const opened = await fetch(`${BASE}/api/m/${token}`, { headers: { Accept: 'application/json' } });
  const cookie = opened.headers.getSetCookie().find((c) => c.startsWith('beian_m=')).split(';')[0];
  const page = await opened.json();
  assert.equal(page.stage, 'verification');
  assert.deepEqual(page.needed.map((n) => [n.kind, n.website_id]), [['curtain_photo', ctx.wid]]);
  const send = async (img) => {
    const fd = new FormData();
    fd.append('kind', 'curtain_photo');
    fd.append('website_id', String(ctx.wid));
    fd.append('file', new Blob([img], { type: 'image/jpeg' }), 'p.jpg');
    const r = await fetch(`${BASE}/api/m/${token}/uploads`, { method: 'POST', body: fd, headers: { Accept: 'application/json', Cookie: cookie } });
    return { status: r.status, data: await r.json() };
  };
  const white = await send(photo(WHITE));
  assert.equal(white.status, 422);
  assert.match(white.data.error.fields.file, /不是蓝色幕布/);
  assert.equal((await send(photo(BLUE))).status, 201);
  const v = await verification(ctx);
  assert.ok(v.data.persons[0].photo_id > 0);
  assert.deepEqual(v.data.findings, []);
});
