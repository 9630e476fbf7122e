// The authorization matrix: every route of every FastCGI program (the
// `routes[]` tables of cgi/ping.c, session.c, subject.c, product.c,
// website.c, upload.c, handoff.c, submit.c, review.c, verify.c) called by five
// callers, with the status each must get, and no cell leaking A's data.
//
//   anonymous  no credentials at all
//   A          the applicant who owns every fixture object
//   B          another applicant (with an order of their own)
//   reviewer   role reviewer
//   admin      role admin
//
// The contract (cgi/lib/app.c, DESIGN.md): a route that needs a session
// answers 401 without one; a role route answers 403 to the wrong role; an
// object of another account is 404, exactly as one that does not exist;
// reviewers and admins read uploads and the review routes, and nothing
// else of an applicant's.  All calls use Bearer tokens (no CSRF).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomBytes, randomInt } from 'node:crypto';
import { BASE, ROOT, admin, login, newAccount, newDomain, newInstance, issue, idNumber, scan, sleep } from './lib.mjs';

const CALLERS = ['anonymous', 'A', 'B', 'reviewer', 'admin'];

// --- HTTP: bytes and text, so that image bytes can be looked for ---

// nginx limits the phone routes per address (10 r/s, burst 30): pace
// them, and wait out a 429 (not an answer about authorization).
let lastPhone = 0;
async function call(method, path, opts = {}) {
  for (let attempt = 0; ; attempt++) {
    if (path.startsWith('/api/m/')) {
      const wait = lastPhone + 120 - Date.now();
      if (wait > 0) await sleep(wait);
      lastPhone = Date.now();
    }
    const r = await call1(method, path, opts);
    if (r.status !== 429 || attempt === 3) return r;
    await sleep(1000 * Number(r.headers.get('retry-after') || 1));
  }
}

async function call1(method, path, { bearer, json, form, cookie } = {}) {
  const headers = { Accept: 'application/json' };
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = form;		// fetch writes the multipart boundary
  }
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (cookie) headers.Cookie = cookie;
  const res = await fetch(BASE + path, { method, headers, body, redirect: 'manual' });
  const buf = Buffer.from(await res.arrayBuffer());
  const text = buf.toString('utf8');
  let data = null;
  try { data = JSON.parse(text); } catch { /* an image, or not JSON */ }
  return { status: res.status, headers: res.headers, buf, text, data };
}

async function must(res, status, what) {
  const r = await res;
  if (r.status !== status) throw new Error(`fixture ${what}: ${r.status} ${r.text.slice(0, 500)}`);
  return r;
}

// --- images the quality gate passes (scan() in lib.mjs) ---

function uploadForm(kind, websiteId, file = scan(1600, 1200)) {
  const fd = new FormData();
  fd.append('kind', kind);
  fd.append('website_id', String(websiteId));
  fd.append('file', new Blob([file], { type: 'image/jpeg' }), `${kind}.jpg`);
  return fd;
}

// --- fixtures ---

// A personal subject with a name, ID number and mobile of its own, so a
// leak of any of them can be recognised.  B's are made apart from A's
// (surname, birth date, mobile prefix): they can never look like A's.
const NAME_CHARS = '安柏晨德恩芳刚海华佳杰凯岚敏宁琪瑞松婷伟翔雅毅泽志';
function person({ surname = '欧阳', birth = '19900101', mobile = '139' } = {}) {
  const pick = () => NAME_CHARS[randomInt(NAME_CHARS.length)];
  return {
    name: `${surname}${pick()}${pick()}`,
    id: idNumber('330106', birth),
    mobile: `${mobile}${String(randomInt(1e8)).padStart(8, '0')}`,
  };
}

function subjectOf(account, p) {
  const digits = String(20000000 + randomInt(79999999));
  return Number(admin(['subject', 'add', '--account', account.login, '--nature', 'personal',
    '--name', p.name, '--province', '浙江', '--icp-number', `浙ICP备${digits}号`,
    '--cert-type', '2', '--cert-number', p.id, '--leader-name', p.name,
    '--leader-id-type', '2', '--leader-id-number', p.id, '--leader-mobile', p.mobile,
    '--leader-email', `t${digits}@example.com`]));
}

// An order of the subject: created, confirmed, with `count` numbers verified.
async function draftOrder(account, token, sid, count) {
  const o = await must(call('POST', `/api/subjects/${sid}/orders`, { bearer: token, json: { kind: 'add_website' } }), 201, 'order');
  const oid = o.data.id;
  if (count === 0) return { oid, numbers: [] };
  await must(call('POST', `/api/orders/${oid}/subject-confirmation`, { bearer: token }), 200, 'confirm');
  const numbers = issue(newInstance(account), count);
  for (const n of numbers)
    await must(call('POST', `/api/orders/${oid}/product`, { bearer: token, json: { product_type: 'ecs', service_number: n } }), 200, 'product');
  return { oid, numbers };
}

const websiteBody = (domain, number) => ({
  name: '王五的摄影日记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
  service_number: number, owner: { same_as_leader: true, emergency_phone: '0571-88888888' },
});

async function addWebsite(token, oid, number) {
  const domain = newDomain();
  const w = await must(call('POST', `/api/orders/${oid}/websites`, { bearer: token, json: websiteBody(domain, number) }), 201, 'website');
  return { wid: w.data.id, domain };
}

// One website and every document the checklist asks for.
async function completeOrder(account, token, p) {
  const sid = subjectOf(account, p);
  const { oid, numbers } = await draftOrder(account, token, sid, 1);
  const { wid, domain } = await addWebsite(token, oid, numbers[0]);
  const list = await must(call('GET', `/api/orders/${oid}/uploads`, { bearer: token }), 200, 'checklist');
  const uploads = [];
  for (const item of list.data.checklist) {
    const big = ['verification_form', 'commitment_letter', 'authorization_letter'].includes(item.kind);
    const r = await must(call('POST', `/api/orders/${oid}/uploads`, { bearer: token,
      form: uploadForm(item.kind, item.website_id, big ? scan(1200, 1600) : scan(1600, 1200)) }), 201, `upload ${item.kind}`);
    uploads.push(r.data.id);
  }
  return { sid, oid, wid, domain, numbers, uploads };
}

const F = {};		// fixture ids, filled in by before()
const S = {};		// caller -> session token
const ACCOUNTS = {};
const MARKERS = [];	// { kind, value: Buffer } of A's data

before(async () => {
  for (const [k, role] of [['A', 'applicant'], ['B', 'applicant'], ['reviewer', 'reviewer'], ['admin', 'admin']]) {
    ACCOUNTS[k] = newAccount(role);
    S[k] = (await login(ACCOUNTS[k])).token;
  }
  ACCOUNTS.C = newAccount();	// only ever logs in: POST /api/session
  const A = ACCOUNTS.A;
  const pA1 = person(), pA2 = person(), pA3 = person(), pA4 = person(), pA5 = person(), pA6 = person();

  // O1: A's order at the upload step, complete, still a draft.
  const o1 = await completeOrder(A, S.A, pA1);
  Object.assign(F, { S1: o1.sid, O1: o1.oid, W1: o1.wid, D1: o1.domain, U1: o1.uploads[0], N1: o1.numbers[0] });
  // Two uploads outside the checklist, to be deleted (O1 stays complete).
  F.UDEL = (await must(call('POST', `/api/orders/${F.O1}/uploads`, { bearer: S.A, form: uploadForm('residence_permit', F.W1) }), 201, 'upload to delete')).data.id;
  F.UDEL2 = (await must(call('POST', `/api/orders/${F.O1}/uploads`, { bearer: S.A, form: uploadForm('preapproval_document', F.W1) }), 201, 'upload to delete')).data.id;
  // Handoffs of O1: one for the QR codes, one a phone has opened.
  F.H1 = (await must(call('POST', `/api/orders/${F.O1}/handoffs`, { bearer: S.A }), 201, 'handoff')).data.id;
  const hp = await must(call('POST', `/api/orders/${F.O1}/handoffs`, { bearer: S.A }), 201, 'handoff');
  F.TOKEN = hp.data.url.split('#t=')[1];
  const opened = await must(call('GET', `/api/m/${F.TOKEN}`), 200, 'phone open');
  const dev = opened.headers.getSetCookie().find((c) => c.startsWith('beian_m='));
  if (!dev) throw new Error('fixture: the phone got no device cookie');
  F.DEVICE = dev.split(';')[0];
  // A well-formed token no handoff has.
  F.BADTOKEN = randomBytes(32).toString('base64url');

  // O2: A's second order, submitted: in initial review.
  const o2 = await completeOrder(A, S.A, pA2);
  Object.assign(F, { O2: o2.oid, W2: o2.wid, U2: o2.uploads[0] });
  await must(call('POST', `/api/orders/${F.O2}/submit`, { bearer: S.A }), 200, 'submit');

  // O3 and O5: A's scratch orders for the destructive rows: a website
  // each to delete (a personal subject has one website an order), a
  // handoff to revoke, a handoff no phone has opened yet.
  const o3 = await draftOrder(A, S.A, subjectOf(A, pA3), 1);
  F.O3 = o3.oid;
  const w3 = await addWebsite(S.A, F.O3, o3.numbers[0]);
  F.W3 = w3.wid;
  const o5 = await draftOrder(A, S.A, subjectOf(A, pA5), 1);
  F.O5 = o5.oid;
  const w5 = await addWebsite(S.A, F.O5, o5.numbers[0]);
  F.W5 = w5.wid;
  F.H3 = (await must(call('POST', `/api/orders/${F.O3}/handoffs`, { bearer: S.A }), 201, 'handoff')).data.id;
  F.FRESHTOKEN = (await must(call('POST', `/api/orders/${F.O3}/handoffs`, { bearer: S.A }), 201, 'handoff')).data.url.split('#t=')[1];

  // O6: A's order the provider approved: it waits for its photo verification.
  const o6 = await completeOrder(A, S.A, pA6);
  F.O6 = o6.oid;
  await must(call('POST', `/api/orders/${F.O6}/submit`, { bearer: S.A }), 200, 'submit');
  await must(call('POST', `/api/review/orders/${F.O6}/decision`, { bearer: S.reviewer, json: { decision: 'approve' } }), 200, 'approve');
  // The approval's message in A's message centre.
  F.N6 = (await must(call('GET', '/api/notifications', { bearer: S.A }), 200, 'messages')).data.notifications
    .find((n) => n.order_id === F.O6).id;

  // O4: A's order to abandon.
  F.O4 = (await draftOrder(A, S.A, subjectOf(A, pA4), 0)).oid;

  // B's own draft order: B's side of the cross-object rows.
  F.OB = (await draftOrder(ACCOUNTS.B, S.B, subjectOf(ACCOUNTS.B, person({ surname: '司马', birth: '19850505', mobile: '138' })), 0)).oid;

  // What must never reach anyone but A (and whom the table allows).
  for (const p of [pA1, pA2, pA3, pA4, pA5, pA6]) {
    MARKERS.push({ kind: 'name', value: Buffer.from(p.name) });
    MARKERS.push({ kind: 'id', value: Buffer.from(p.id) });
    MARKERS.push({ kind: 'mobile', value: Buffer.from(p.mobile) });
  }
  for (const d of [o1.domain, o2.domain, w3.domain, w5.domain])
    MARKERS.push({ kind: 'domain', value: Buffer.from(d) });
  for (const path of [`/api/uploads/${F.U1}`, `/api/uploads/${F.U1}/thumb`, `/api/uploads/${o2.uploads[0]}`]) {
    const img = await must(call('GET', path, { bearer: S.A }), 200, 'image');
    // Two slices from inside the JPEG: the stored bytes, not a header.
    const mid = img.buf.length >> 1;
    MARKERS.push({ kind: 'bytes', value: img.buf.subarray(mid, mid + 32) });
    MARKERS.push({ kind: 'bytes', value: img.buf.subarray(img.buf.length - 200, img.buf.length - 168) });
  }
});

// --- the table ---
//
// One row per route (a few routes twice, with another object or body):
// method, path ({X} is fixture F.X), body, and the expected status of
// [anonymous, A, B, reviewer, admin].  `sees` names the callers other
// than A that may get A's data in a 2xx answer, and which kinds of it.
// Rows that destroy an object of A run on O3/O4/O5 or come last.

const json = (j) => () => ({ json: j });
const multipart = (kind, website) => () => ({ form: uploadForm(kind, F[website]) });
const ALL = ['name', 'domain', 'id', 'mobile', 'bytes'];
const REVIEWERS = { reviewer: ALL, admin: ALL };

const ROWS = [
  // ping.c
  { m: 'GET', p: '/api/ping', want: [200, 200, 200, 200, 200] },

  // session.c
  { m: 'POST', p: '/api/session', body: () => ({ json: { login: ACCOUNTS.C.login, password: ACCOUNTS.C.password } }),
    want: [200, 200, 200, 200, 200], note: "C's login" },
  { m: 'GET', p: '/api/session', want: [401, 200, 200, 200, 200] },
  // AUTH_OPTIONAL; each caller logs out a session of its own made for this row.
  { m: 'DELETE', p: '/api/session', fresh: true, want: [200, 200, 200, 200, 200] },
  { m: 'POST', p: '/api/session/logout', fresh: true, want: [200, 200, 200, 200, 200] },
  // AUTH_OPTIONAL: the header's account line, {user: null} for nobody.
  { m: 'GET', p: '/api/session/header', want: [200, 200, 200, 200, 200] },

  // subject.c
  { m: 'GET', p: '/api/subjects', want: [401, 200, 200, 200, 200] },
  // The subject has an open order (O1): A is told so; nobody else learns it exists.
  { m: 'POST', p: '/api/subjects/{S1}/orders', body: json({ kind: 'add_website' }), want: [401, 409, 404, 404, 404] },
  // A body the rules refuse: only the owner hears why (422); to anyone
  // else the object does not exist, whatever was sent.
  { m: 'POST', p: '/api/subjects/{S1}/orders', body: json({ kind: 'x' }), want: [401, 422, 404, 404, 404], note: 'a refused body' },
  { m: 'POST', p: '/api/orders/{O1}/product', body: json({}), want: [401, 422, 404, 404, 404], note: 'a refused body' },
  { m: 'POST', p: '/api/orders/{O1}/abandon', body: json({ reason: '理'.repeat(100) }), want: [401, 422, 404, 404, 404], note: 'a refused body' },
  { m: 'POST', p: '/api/orders/{O1}/uploads', body: () => { const fd = new FormData(); fd.append('kind', 'other'); return { form: fd }; },
    want: [401, 422, 404, 404, 404], note: 'a refused body: no file' },
  { m: 'GET', p: '/api/orders', want: [401, 200, 200, 200, 200] },
  { m: 'GET', p: '/api/orders/{O1}', want: [401, 200, 404, 404, 404] },
  { m: 'POST', p: '/api/orders/{O1}/subject-confirmation', want: [401, 200, 404, 404, 404] },

  // product.c
  { m: 'GET', p: '/api/orders/{O1}/product', want: [401, 200, 404, 404, 404] },
  // O1's own number again: "nothing to do" for A.
  { m: 'POST', p: '/api/orders/{O1}/product', body: () => ({ json: { product_type: 'ecs', service_number: F.N1 } }),
    want: [401, 200, 404, 404, 404] },

  // website.c
  { m: 'GET', p: '/api/orders/{O1}/websites', want: [401, 200, 404, 404, 404] },
  // O1 has its one website (personal subject): A is told the limit (409),
  // the others never learn the order exists.
  { m: 'POST', p: '/api/orders/{O1}/websites', body: json({}), want: [401, 409, 404, 404, 404] },
  { m: 'POST', p: '/api/orders/{O1}/websites/check', body: json({}), want: [401, 200, 404, 404, 404] },
  { m: 'PUT', p: '/api/orders/{O1}/websites/{W1}', body: () => ({ json: websiteBody(F.D1, F.N1) }),
    want: [401, 200, 404, 404, 404] },
  // B's own order with A's website in the path.
  { m: 'PUT', p: '/api/orders/{OB}/websites/{W1}', body: json({}), want: [401, 404, 404, 404, 404] },
  { m: 'POST', p: '/api/orders/{O1}/websites/{W1}/fields', body: json({ remark: '个人摄影作品展示' }), want: [401, 200, 404, 404, 404] },
  { m: 'POST', p: '/api/orders/{OB}/websites/{W1}/fields', body: json({ remark: 'x' }), want: [401, 404, 404, 404, 404] },
  { m: 'POST', p: '/api/orders/{O1}/websites/{W1}/update', body: () => ({ json: websiteBody(F.D1, F.N1) }),
    want: [401, 200, 404, 404, 404], note: 'PUT for forms' },
  { m: 'POST', p: '/api/orders/{OB}/websites/{W1}/update', body: json({}), want: [401, 404, 404, 404, 404] },
  { m: 'DELETE', p: '/api/orders/{OB}/websites/{W1}', want: [401, 404, 404, 404, 404] },
  { m: 'DELETE', p: '/api/orders/{O3}/websites/{W3}', want: [401, 200, 404, 404, 404] },
  { m: 'POST', p: '/api/orders/{O5}/websites/{W5}/delete', want: [401, 200, 404, 404, 404] },
  { m: 'GET', p: '/api/rules/330000', want: [200, 200, 200, 200, 200] },

  // upload.c
  { m: 'GET', p: '/api/orders/{O1}/uploads', want: [401, 200, 404, 404, 404] },
  // A slot outside the checklist: O1 stays complete.
  { m: 'POST', p: '/api/orders/{O1}/uploads', body: multipart('other', 'W1'), want: [401, 201, 404, 404, 404] },
  // B's own order, A's website as the target: the same field error as
  // for a website that does not exist, never A's.
  { m: 'POST', p: '/api/orders/{OB}/uploads', body: multipart('other', 'W1'), want: [401, 404, 422, 404, 404] },
  // Reviewers compare the images with the fields: they may read any upload.
  // A draft's images are the applicant's own; a submitted order's are
  // the reviewers' to read too.
  { m: 'GET', p: '/api/uploads/{U1}', want: [401, 200, 404, 404, 404], note: 'a draft' },
  { m: 'GET', p: '/api/uploads/{U1}/thumb', want: [401, 200, 404, 404, 404], note: 'a draft' },
  { m: 'GET', p: '/api/uploads/{U2}', want: [401, 200, 404, 200, 200], sees: REVIEWERS, note: 'submitted' },
  { m: 'GET', p: '/api/uploads/{U2}/thumb', want: [401, 200, 404, 200, 200], sees: REVIEWERS, note: 'submitted' },
  { m: 'GET', p: '/api/orders/{O1}/websites/{W1}/verification-form', want: [401, 200, 404, 404, 404] },
  { m: 'GET', p: '/api/orders/{OB}/websites/{W1}/verification-form', want: [401, 404, 404, 404, 404] },
  { m: 'GET', p: '/api/orders/{O1}/commitment-letter', want: [401, 200, 404, 404, 404] },
  { m: 'DELETE', p: '/api/uploads/{UDEL}', want: [401, 200, 404, 404, 404] },
  { m: 'POST', p: '/api/uploads/{UDEL2}/delete', want: [401, 200, 404, 404, 404] },

  // handoff.c
  { m: 'POST', p: '/api/orders/{O1}/handoffs', want: [401, 201, 404, 404, 404] },
  { m: 'GET', p: '/api/handoffs/{H1}/qr.png', want: [401, 200, 404, 404, 404] },
  { m: 'GET', p: '/api/handoffs/{H1}/qr.svg', want: [401, 200, 404, 404, 404] },
  { m: 'DELETE', p: '/api/handoffs/{H3}', want: [401, 200, 404, 404, 404] },
  // The phone routes take no session: the token (and the phone's device
  // cookie) is the credential, whoever holds it.  A Bearer request sends
  // no cookie.
  { m: 'GET', p: '/api/m/{BADTOKEN}', want: [404, 404, 404, 404, 404], note: 'unknown token' },
  { m: 'POST', p: '/api/m/{BADTOKEN}/uploads', body: multipart('other', 'W1'), want: [404, 404, 404, 404, 404], note: 'unknown token' },
  { m: 'GET', p: '/api/m/{TOKEN}', want: [403, 403, 403, 403, 403], note: "A's token, opened on another phone" },
  { m: 'POST', p: '/api/m/{TOKEN}/uploads', body: multipart('other', 'W1'), want: [403, 403, 403, 403, 403], note: "A's token, opened on another phone" },
  { m: 'GET', p: '/api/m/{TOKEN}', device: true, want: [200, 200, 200, 200, 200], note: "A's token, on its phone",
    sees: { anonymous: ['name'], B: ['name'], reviewer: ['name'], admin: ['name'] } },
  { m: 'POST', p: '/api/m/{TOKEN}/uploads', device: true, body: multipart('other', 'W1'), want: [201, 201, 201, 201, 201], note: "A's token, on its phone" },
  // Not yet opened: the first to open it (here anonymous) binds it.
  { m: 'GET', p: '/api/m/{FRESHTOKEN}', want: [200, 403, 403, 403, 403], note: "A's token, first opening",
    sees: { anonymous: ['name'] } },

  // submit.c
  { m: 'GET', p: '/api/orders/{O1}/checks', want: [401, 200, 404, 404, 404] },
  { m: 'GET', p: '/api/orders/{O1}/confirmation', want: [401, 200, 404, 404, 404] },
  // O2 is submitted already: submitting again answers the same, for A.
  { m: 'POST', p: '/api/orders/{O2}/submit', want: [401, 200, 404, 404, 404] },

  // verify.c
  { m: 'GET', p: '/api/orders/{O6}/verification', want: [401, 200, 404, 404, 404] },
  { m: 'POST', p: '/api/orders/{O6}/curtain-requests', body: json({ recipient: '王五', mobile: '13900001111',
    province: '330000', city: '330100', district: '330106', street: '文三路 90 号' }), want: [401, 201, 404, 404, 404] },
  // No photo yet: A is told what is missing, nobody else that O6 exists.
  { m: 'POST', p: '/api/orders/{O6}/verification', body: json({}), want: [401, 422, 404, 404, 404] },
  { m: 'GET', p: '/api/regions', want: [200, 200, 200, 200, 200] },
  { m: 'GET', p: '/api/regions/330000', want: [200, 200, 200, 200, 200] },

  // progress.c
  { m: 'GET', p: '/api/orders/{O6}/progress', want: [401, 200, 404, 404, 404] },
  { m: 'GET', p: '/api/orders/{O6}/sms', want: [401, 200, 404, 404, 404] },
  // The http adapter's callback: closed while the simulator is the bureau.
  { m: 'POST', p: '/api/bureau/events', body: () => ({ json: { event: 'approved', order_id: F.O6 } }),
    want: [404, 404, 404, 404, 404] },
  // The simulated MIIT page answers anyone, about a mobile with no check waiting.
  { m: 'GET', p: '/sim/miit/page', want: [200, 200, 200, 200, 200] },
  { m: 'POST', p: '/sim/miit/sms', body: json({ mobile: '13900001111', code: '123456', id_last6: '123456' }),
    want: [422, 422, 422, 422, 422] },

  // notify.c
  { m: 'GET', p: '/api/notifications', want: [401, 200, 200, 200, 200] },
  { m: 'POST', p: '/api/notifications/{N6}/read', want: [401, 200, 404, 404, 404] },
  { m: 'GET', p: '/api/account/recipients', want: [401, 200, 200, 200, 200] },
  { m: 'PUT', p: '/api/account/recipients', body: json({ recipients: [] }), want: [401, 200, 200, 200, 200] },
  { m: 'POST', p: '/api/account/recipients', body: json({ recipients: [{ name: '', mobile: 'x' }] }),
    want: [401, 422, 422, 422, 422], note: 'a refused body' },
  // Development only, and the admin's: every account's mail is there.
  { m: 'GET', p: '/dev/mail', want: [401, 403, 403, 403, 200] },

  // subject.c, destructive
  { m: 'POST', p: '/api/orders/{O4}/abandon', want: [401, 200, 404, 404, 404] },

  // review.c
  { m: 'GET', p: '/api/review/queue', want: [401, 403, 403, 200, 200], sees: REVIEWERS },
  { m: 'GET', p: '/api/review/reasons', want: [401, 403, 403, 200, 200] },
  // O6 waits for its photo verification: not the bureau's yet.
  { m: 'POST', p: '/api/review/orders/{O6}/bureau-submission', want: [401, 403, 403, 409, 409] },
  { m: 'GET', p: '/api/review/orders/{O2}', want: [401, 403, 403, 200, 200], sees: REVIEWERS },
  // A draft A never submitted is not the provider's to read.
  { m: 'GET', p: '/api/review/orders/{O1}', want: [401, 403, 403, 404, 404], note: 'a draft' },
  // Not a decision: the order stays in review.
  { m: 'POST', p: '/api/review/orders/{O2}/decision', body: json({ decision: 'maybe' }), want: [401, 403, 403, 422, 422] },
  // Last: a real decision; the reviewer decides, the admin is too late.
  { m: 'POST', p: '/api/review/orders/{O2}/decision', body: json({ decision: 'approve' }), want: [401, 403, 403, 200, 409],
    note: 'approve', sees: REVIEWERS },
];

// --- the run ---

const fill = (p) => p.replace(/\{([A-Z0-9]+)\}/g, (_, k) => {
  if (F[k] === undefined) throw new Error(`no fixture ${k}`);
  return String(F[k]);
});

function leaks(buf, allowed = []) {
  return MARKERS.filter((x) => !allowed.includes(x.kind) && buf.includes(x.value)).map((x) => x.kind);
}

async function cell(row, caller) {
  let bearer = S[caller];
  if (row.fresh && caller !== 'anonymous') bearer = (await login(ACCOUNTS[caller])).token;
  const opts = { bearer, ...(row.body ? row.body() : {}) };
  if (row.device) opts.cookie = F.DEVICE;
  return call(row.m, fill(row.p), opts);
}

function check(row, caller, want, r) {
  const bad = [];
  const show = `${caller}: ${r.status} ${r.data ? r.text.slice(0, 300) : `(${r.headers.get('content-type')}, ${r.buf.length} bytes)`}`;
  if (r.status !== want) bad.push(`${caller}: want ${want}, got ${show}`);
  if (r.status >= 300) {
    const e = r.data && r.data.error;
    if (!(e && typeof e.code === 'string' && e.code && typeof e.message === 'string' && e.message &&
        typeof e.request_id === 'string' && e.request_id))
      bad.push(`${caller}: not the error envelope: ${show}`);
    const l = leaks(r.buf);
    if (l.length) bad.push(`${caller}: ${r.status} leaks A's ${l.join(', ')}: ${show}`);
  } else if (caller !== 'A') {
    const l = leaks(r.buf, row.sees?.[caller]);
    if (l.length) bad.push(`${caller}: ${r.status} leaks A's ${l.join(', ')}: ${show}`);
  }
  return bad;
}

for (const row of ROWS) {
  assert.equal(row.want.length, CALLERS.length);
  const name = `${row.m} ${row.p}${row.note ? ` (${row.note})` : ''}`;
  test(name, async () => {
    const bad = [];
    for (const [i, caller] of CALLERS.entries()) {
      const r = await cell(row, caller);
      bad.push(...check(row, caller, row.want[i], r));
    }
    assert.deepEqual(bad, [], `${name}:\n  ${bad.join('\n  ')}`);
  });
}

// The table covers every route of every program.
test('the table has a row for every route of every program', async () => {
  const have = new Set(ROWS.map((r) => `${r.m} ${r.p.replace(/\{[A-Z0-9]+\}/g, '{id}').replace(/\/api\/m\/\{id\}/, '/api/m/{str}').replace(/\/api\/rules\/[^/]+/, '/api/rules/{str}').replace(/\/api\/regions\/\d+/, '/api/regions/{str}')}`));
  const missing = [];
  let count = 0;
  for (const prog of ['ping', 'session', 'subject', 'product', 'website', 'upload', 'handoff', 'submit', 'review', 'verify', 'progress', 'notify']) {
    const src = readFileSync(`${ROOT}/cgi/${prog}.c`, 'utf8');
    const table = src.slice(src.indexOf('routes[ROUTE__MAX] = {'), src.indexOf('};', src.indexOf('routes[ROUTE__MAX] = {')));
    const routes = [...table.matchAll(/\{\s*"([^"]+)",\s*M_([A-Z]+),/g)];
    // Each entry is headed by its /* ROUTE_X */ comment: all were read.
    assert.ok(routes.length > 0, `no route table read from cgi/${prog}.c`);
    assert.equal(routes.length, table.match(/\/\* ROUTE_/g).length, `cgi/${prog}.c: a route the pattern did not read`);
    count += routes.length;
    for (const [, path, method] of routes)
      if (!have.has(`${method} ${path}`)) missing.push(`${prog}.c: ${method} ${path}`);
  }
  assert.deepEqual(missing, []);
  assert.ok(ROWS.length >= count, `${ROWS.length} rows for ${count} routes`);
});

// A broken body is no way round authorization: the caller hears 401 or
// 403 first, never what was wrong with the body.
test('a malformed body: 401 anonymous, 403 wrong role, 400 only when allowed', async () => {
  const post = (path, bearer) => fetch(BASE + path, { method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
    body: '{"decision": ' });
  assert.equal((await post(fill('/api/orders/{O1}/product'))).status, 401);
  assert.equal((await post(fill('/api/review/orders/{O2}/decision'))).status, 401);
  assert.equal((await post(fill('/api/review/orders/{O2}/decision'), S.A)).status, 403);
  assert.equal((await post(fill('/api/orders/{O1}/product'), S.B)).status, 400, 'an allowed caller learns the body is bad');
  assert.equal((await post(fill('/api/review/orders/{O2}/decision'), S.reviewer)).status, 400);
});
