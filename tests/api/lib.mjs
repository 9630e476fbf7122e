// Shared helpers for the API suites: the stack comes from scripts/test
// through BEIAN_URL, BEIAN_VAR, BEIAN_BUILD and BEIAN_ROOT.
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the suites through scripts/test`);
  return v;
}

export const BASE = need('BEIAN_URL');
export const VAR = need('BEIAN_VAR');
export const BUILD = need('BEIAN_BUILD');
export const ROOT = need('BEIAN_ROOT');
export const CONF = `${VAR}/beian.conf`;

export function confValue(key) {
  const line = readFileSync(CONF, 'utf8').split('\n').find((l) => l.startsWith(`${key} `) || l.startsWith(`${key}=`));
  return line ? line.replace(/^[^=]*=\s*/, '').trim() : undefined;
}

export function admin(args, input) {
  return execFileSync(`${BUILD}/cgi/beian-admin`, args, {
    env: { ...process.env, BEIAN_CONF: CONF },
    input: input ?? '',
    encoding: 'utf8',
  }).trim();
}

export function stack(...args) {
  return execFileSync(`${ROOT}/scripts/stack`, [VAR, ...args], { encoding: 'utf8' }).trim();
}

let seq = 0;
// A fresh applicant for a test, so that lock counters never collide.
export function newAccount(role = 'applicant') {
  const login = `t${process.pid}-${Date.now() % 1e7}-${seq++}`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const id = Number(admin(['account', 'add', '--login', login, '--role', role, '--name', '测试用户'], `${password}\n`));
  return { login, password, id };
}

export async function api(method, path, { json, form, body: raw, headers = {}, cookie, bearer, redirect = 'manual' } = {}) {
  const h = { Accept: 'application/json', ...headers };
  // raw (FormData, Buffer) goes as it is, with the type fetch gives it.
  let body = raw;
  if (json !== undefined) {
    h['Content-Type'] = 'application/json';
    body = typeof json === 'string' ? json : JSON.stringify(json);
  } else if (form !== undefined) {
    h['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  }
  if (cookie) h.Cookie = cookie;
  if (bearer) h.Authorization = `Bearer ${bearer}`;
  const res = await fetch(BASE + path, { method, headers: h, body, redirect });
  const text = await res.text();
  let data = null;
  try { data = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, text, data };
}

// A request from another loopback address (127.0.0.0/8 all reach the
// stack), for the per-address counters; a random one per call of
// loopback() so that runs against a long-lived stack do not meet.
export function loopback() {
  const b = () => 1 + Math.floor(Math.random() * 250);
  return `127.${b()}.${b()}.${b()}`;
}

export function apiFrom(addr, method, path, { json } = {}) {
  const u = new URL(BASE + path);
  const body = json === undefined ? '' : JSON.stringify(json);
  return new Promise((resolve, reject) => {
    const rq = http.request({
      host: u.hostname, port: u.port, path: u.pathname + u.search, method, localAddress: addr,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        let data = null;
        try { data = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, headers: res.headers, text, data });
      });
    });
    rq.on('error', reject);
    rq.end(body);
  });
}

export function sessionCookie(res) {
  const sc = res.headers.getSetCookie().find((c) => c.startsWith('beian_session='));
  return sc;
}

export async function login(account) {
  const res = await api('POST', '/api/session', { json: { login: account.login, password: account.password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  const sc = sessionCookie(res);
  const token = sc.split(';')[0].slice('beian_session='.length);
  return { cookie: `beian_session=${token}`, token, csrf: res.data.csrf, user: res.data.user };
}

const b64u = (x) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');

// Sign a token ourselves with the stack's secret, to forge every variant.
export function signToken(header, payload, { alg = 'sha256', secret = confValue('jwt_secret') } = {}) {
  const head = `${b64u(header)}.${b64u(payload)}`;
  const sig = createHmac(alg, secret).update(head).digest('base64url');
  return `${head}.${sig}`;
}

export function decodePayload(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Run SQL as the database's root (test set-up only: rule changes, states
// no API reaches yet).
export function sql(statement) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysql.sock`, '-uroot', '-N', 'beian', '-e', statement], { encoding: 'utf8' }).trim();
}

export { idNumber } from '../idnumber.mjs';
import { idNumber } from '../idnumber.mjs';

let icpSeq = 0;
// A filed subject of the account, made with beian-admin; returns its id.
export function newSubject(account, { nature = 'personal', province = '浙江', abbr = '浙', legalRep, mobile, leaderId = idNumber(), certNumber } = {}) {
  const digits = String(20000000 + ((process.pid * 7919 + Date.now() + icpSeq++ * 104729) % 79999999));
  const personal = nature === 'personal';
  const args = ['subject', 'add', '--account', account.login, '--nature', nature,
    '--name', personal ? '王五' : '杭州测试网络有限公司', '--province', province,
    '--icp-number', `${abbr}ICP备${digits}号`, '--cert-type', personal ? '2' : '1',
    '--cert-number', certNumber ?? (personal ? leaderId : '91330100MA2XXXXX1X'),
    '--leader-name', '王五', '--leader-id-type', '2', '--leader-id-number', leaderId,
    '--leader-mobile', mobile ?? `139${digits.slice(-8)}`, '--leader-email', `wangwu${digits}@example.com`];
  if (legalRep) args.push('--legal-rep-name', legalRep);
  return Number(admin(args));
}

// A hosting instance of the account; eligible unless told otherwise.
export function newInstance(account, { product = 'ecs', billing = 'subscription', months = 12, ip = '47.96.1.1', overseas = false, state = 'running' } = {}) {
  const args = ['instance', 'add', '--account', account.login, '--product', product,
    '--region', overseas ? '中国香港' : '华东1（杭州）', '--billing', billing, '--months', String(months), '--state', state];
  if (ip) args.push('--public-ip', ip);
  if (overseas) args.push('--overseas');
  return Number(admin(args));
}

export function issue(instanceId, count = 1) {
  return admin(['sin', 'issue', '--instance', String(instanceId), '--count', String(count)]).split('\n');
}

// An applicant with a subject, an order on it and (optionally) the subject
// confirmed: the starting point of most product tests.
export async function orderFor(account, { confirm = true, subject } = {}) {
  const s = account.session ?? (account.session = await login(account));
  const sid = subject ?? newSubject(account);
  const created = await api('POST', `/api/subjects/${sid}/orders`, { bearer: s.token, json: { kind: 'add_website' } });
  if (created.status !== 201) throw new Error(`order: ${created.status} ${created.text}`);
  if (confirm) {
    const c = await api('POST', `/api/orders/${created.data.id}/subject-confirmation`, { bearer: s.token });
    if (c.status !== 200) throw new Error(`confirm: ${c.status} ${c.text}`);
  }
  return { sid, oid: created.data.id, s };
}

// An order at step 5: subject confirmed and count numbers verified; on a
// new subject, or on subjectOpts.id, one of the account's.
export async function websiteOrder(account, subjectOpts = {}, count = 1) {
  const sid = subjectOpts.id ?? newSubject(account, subjectOpts);
  const ctx = await orderFor(account, { subject: sid });
  const nums = issue(newInstance(account), count);
  for (const n of nums) {
    const r = await api('POST', `/api/orders/${ctx.oid}/product`, { bearer: ctx.s.token, json: { product_type: 'ecs', service_number: n } });
    if (r.status !== 200) throw new Error(`verify: ${r.status} ${r.text}`);
  }
  return { ...ctx, numbers: nums };
}

let domainSeq = 0;
export function newDomain(suffix = 'cn') {
  return `t${process.pid}x${Date.now() % 1e8}x${domainSeq++}.${suffix}`;
}

// A scan the quality gate always passes: sharp edges, mid-grey on average
// (plasma:fractal is random and now and then too dark).
const scans = new Map();
export function scan(w, h) {
  const key = `${w}x${h}`;
  if (!scans.has(key))
    scans.set(key, execFileSync('gm', ['convert', '-size', key, 'pattern:checkerboard', '-quality', '85', 'jpg:-'], { maxBuffer: 64 << 20 }));
  return scans.get(key);
}

export async function upload(ctx, kind, website, file = scan(1600, 1200)) {
  const fd = new FormData();
  fd.append('kind', kind);
  fd.append('website_id', String(website));
  fd.append('file', new Blob([file], { type: 'image/jpeg' }), `${kind}.jpg`);
  const res = await fetch(`${BASE}/api/orders/${ctx.oid}/uploads`, {
    method: 'POST', body: fd, headers: { Accept: 'application/json', Authorization: `Bearer ${ctx.s.token}` },
  });
  const text = await res.text();
  return { status: res.status, data: text ? JSON.parse(text) : null, text };
}

// An order with one website and every document its checklist asks for.
export async function completeOrder(account = newAccount(), subject = {}) {
  const ctx = await websiteOrder(account, subject);
  const domain = newDomain();
  const w = await api('POST', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token, json: {
    name: '王五的摄影日记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
    service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } });
  if (w.status !== 201) throw new Error(w.text);
  const list = await api('GET', `/api/orders/${ctx.oid}/uploads`, { bearer: ctx.s.token });
  for (const item of list.data.checklist) {
    // A sharp phone photo of an A4 form: 1000×1400 is enough (longer side
    // ≥ 1100, shorter ≥ 800: migration 008 set the rows right).
    const a4 = ['verification_form', 'commitment_letter', 'authorization_letter'].includes(item.kind);
    const r = await upload(ctx, item.kind, item.website_id, a4 ? scan(1000, 1400) : scan(1600, 1200));
    if (r.status !== 201) throw new Error(`${item.kind}: ${r.status} ${r.text}`);
  }
  return { ...ctx, wid: w.data.id, domain };
}

// A reviewer, logged in once per test file.
let reviewerSession;
export async function reviewer() {
  if (!reviewerSession) reviewerSession = await login(newAccount('reviewer'));
  return reviewerSession;
}

// A complete order, submitted and approved by the provider's initial
// review: it waits for its photo verification.
export async function approvedOrder(account = newAccount(), subject = {}) {
  const ctx = await completeOrder(account, subject);
  const s = await api('POST', `/api/orders/${ctx.oid}/submit`, { bearer: ctx.s.token });
  if (s.status !== 200) throw new Error(`submit: ${s.status} ${s.text}`);
  const d = await api('POST', `/api/review/orders/${ctx.oid}/decision`, { bearer: (await reviewer()).token, json: { decision: 'approve' } });
  if (d.status !== 200) throw new Error(`approve: ${d.status} ${d.text}`);
  return ctx;
}

// A verification photo: a sharp figure (a checkerboard) in front of a
// backdrop of one colour, w×h, JPEG.
const photos = new Map();
export function photo(backdrop = '#1E64C8', w = 900, h = 1200) {
  const key = `${backdrop}:${w}x${h}`;
  if (!photos.has(key)) {
    const fw = Math.round(w * 0.45), fh = Math.round(h * 0.66);
    const figure = execFileSync('gm', ['convert', '-size', `${fw}x${fh}`, 'pattern:checkerboard', 'png:-']);
    const dir = mkdtempSync(`${tmpdir()}/beian-photo-`);
    writeFileSync(`${dir}/f.png`, figure);
    photos.set(key, execFileSync('gm', ['convert', '-size', `${w}x${h}`, `xc:${backdrop}`, '-draw',
      `image Over ${Math.round((w - fw) / 2)},${h - fh} ${fw},${fh} '${dir}/f.png'`, '-quality', '85', 'jpg:-'], { maxBuffer: 64 << 20 }));
    rmSync(dir, { recursive: true });
  }
  return photos.get(key);
}


// An order past its photo review: it waits for the provider to submit it
// to the bureau.  The photo fits the province's method (浙江: the curtain).
export async function verifiedOrder(account = newAccount(), subject = {}) {
  const ctx = await approvedOrder(account, subject);
  const v = await api('GET', `/api/orders/${ctx.oid}/verification`, { bearer: ctx.s.token });
  if (v.data.method !== 'shanghai_app') {
    const p = await upload(ctx, 'curtain_photo', ctx.wid, photo(v.data.method === 'curtain' ? '#1E64C8' : '#F2F2F2'));
    if (p.status !== 201) throw new Error(`photo: ${p.status} ${p.text}`);
  }
  const code = v.data.method === 'shanghai_app' ? { shanghai_code: admin(['bureau', 'code', String(ctx.oid)]) } : {};
  const h = await api('POST', `/api/orders/${ctx.oid}/verification`, { bearer: ctx.s.token, json: code });
  if (h.status !== 200) throw new Error(`hand-over: ${h.status} ${h.text}`);
  const d = await api('POST', `/api/review/orders/${ctx.oid}/decision`, { bearer: (await reviewer()).token, json: { decision: 'approve' } });
  if (d.status !== 200 || d.data.state !== 'awaiting_bureau') throw new Error(`photo review: ${d.status} ${d.text}`);
  return ctx;
}
