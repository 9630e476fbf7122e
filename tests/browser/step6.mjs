// Fixtures shared by the browser tests of step 6 (upload and handoff):
// a fresh applicant with a filed personal subject in 浙江 and one 备案服务号,
// made with beian-admin, and an order of it brought to step 6 through the
// API with a Bearer session.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { url, admin, digits8, applicant, addInstance, issueNumbers } from './harness.mjs';

/** What a personal subject in 浙江 must upload per website. */
export const KINDS = ['owner_id_front', 'owner_id_back', 'verification_form', 'domain_certificate'];

const domainName = () => `t${randomBytes(6).toString('hex')}.cn`;

/** A fresh applicant with one filed personal subject in 浙江 and one 备案服务号. */
export function fixtures() {
  const { login, password } = applicant();
  const subject = Number(admin(['subject', 'add', '--account', login, '--nature', 'personal',
    '--name', '王五', '--province', '浙江', '--icp-number', `浙ICP备${digits8()}号`,
    '--cert-type', '2', '--cert-number', '33010619900101123X',
    '--leader-name', '王五', '--leader-id-type', '2', '--leader-id-number', '33010619900101123X',
    '--leader-mobile', `139${digits8()}`, '--leader-email', `wangwu${digits8()}@example.com`]));
  const [number] = issueNumbers(addInstance(login, 'subscription', 12), 1);
  assert.ok(Number.isInteger(subject) && subject > 0, `subject id ${subject}`);
  assert.ok(number, 'a number issued');
  return { login, password, subject, number };
}

/** POST /api/session: the session token, to be sent as a Bearer. */
export async function bearer({ login, password }) {
  const res = await fetch(url('/api/session'), {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  assert.equal(res.status, 200, `login through the API: ${res.status}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('beian_session='));
  assert.ok(cookie, 'a session cookie');
  return cookie.split(';')[0].slice('beian_session='.length);
}

export async function call(token, method, p, body) {
  const res = await fetch(url(p), {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.ok(res.status >= 200 && res.status < 300, `${method} ${p}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** An order of the fixtures' subject at step 6: one website saved. */
export async function uploadOrder(fx) {
  const token = await bearer(fx);
  const order = await call(token, 'POST', `/api/subjects/${fx.subject}/orders`, { kind: 'add_website' });
  await call(token, 'POST', `/api/orders/${order.id}/subject-confirmation`);
  await call(token, 'POST', `/api/orders/${order.id}/product`, { product_type: 'ecs', service_number: fx.number });
  const domain = domainName();
  const site = await call(token, 'POST', `/api/orders/${order.id}/websites`, {
    name: '王五的摄影日记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
    service_number: fx.number, owner: { same_as_leader: true, emergency_phone: '0571-88888888' },
  });
  return { token, id: order.id, wid: site.id };
}

// A scan the upload quality gate passes: detailed, mid-grey on average.
const scans = new Map();
export function scan(w, h) {
  const key = `${w}x${h}`;
  if (!scans.has(key)) {
    scans.set(key, execFileSync('gm', ['convert', '-size', key, 'pattern:checkerboard', '-quality', '85', 'jpg:-'],
      { maxBuffer: 64 << 20 }));
  }
  return scans.get(key);
}

export async function upload(token, oid, kind, websiteId, file) {
  const fd = new FormData();
  fd.append('kind', kind);
  fd.append('website_id', String(websiteId));
  fd.append('file', new Blob([file], { type: 'image/jpeg' }), `${kind}.jpg`);
  const res = await fetch(url(`/api/orders/${oid}/uploads`), {
    method: 'POST', body: fd, headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
  });
  const text = await res.text();
  assert.equal(res.status, 201, `upload ${kind}: ${res.status} ${text}`);
  return JSON.parse(text);
}
