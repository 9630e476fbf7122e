// Orders made through the API for the browser tests of the later stages:
// approved by the initial review, or past the photo review too.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { admin, digits8, applicant, addInstance, issueNumbers } from './harness.mjs';
import { bearer, call, scan, upload } from './step6.mjs';
import { idNumber } from '../idnumber.mjs';

const A4 = new Set(['verification_form', 'commitment_letter', 'authorization_letter']);

export const BLUE = '#1E64C8';
export const WHITE = '#F2F2F2';

/** A verification photo: a sharp figure in front of a backdrop of one colour. */
export function photo(name, backdrop) {
  const dir = mkdtempSync(`${tmpdir()}/beian-verify-`);
  try {
    execFileSync('gm', ['convert', '-size', '400x800', 'pattern:checkerboard', `${dir}/f.png`]);
    const buffer = execFileSync('gm', ['convert', '-size', '900x1200', `xc:${backdrop}`, '-draw',
      `image Over 250,400 400,800 '${dir}/f.png'`, '-quality', '85', 'jpg:-'], { maxBuffer: 64 << 20 });
    return { name, mimeType: 'image/jpeg', buffer };
  } finally {
    rmSync(dir, { recursive: true });
  }
}

/**
 * A personal order of a new applicant in province (a code), approved by
 * the initial review of reviewer: {who, token, id, wid, sid, leaderId,
 * mobile, icp}.
 */
export async function approvedOrder(reviewer, province, abbr, region) {
  const who = applicant();
  const leaderId = idNumber(region);
  const mobile = `139${digits8()}`;
  const icp = `${abbr}ICP备${digits8()}号`;
  const sid = Number(admin(['subject', 'add', '--account', who.login, '--nature', 'personal', '--name', '王五',
    '--province', province, '--icp-number', icp, '--cert-type', '2', '--cert-number', leaderId,
    '--leader-name', '王五', '--leader-id-type', '2', '--leader-id-number', leaderId,
    '--leader-mobile', mobile, '--leader-email', `ww${digits8()}@example.com`]));
  const [number] = issueNumbers(addInstance(who.login, 'subscription', 12), 1);
  const token = await bearer(who);
  const order = await call(token, 'POST', `/api/subjects/${sid}/orders`, { kind: 'add_website' });
  await call(token, 'POST', `/api/orders/${order.id}/subject-confirmation`);
  await call(token, 'POST', `/api/orders/${order.id}/product`, { product_type: 'ecs', service_number: number });
  const domain = `v${randomBytes(6).toString('hex')}.cn`;
  const site = await call(token, 'POST', `/api/orders/${order.id}/websites`, {
    name: '王五的摄影日记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
    service_number: number, owner: { same_as_leader: true, emergency_phone: '0571-88888888' } });
  const list = await call(token, 'GET', `/api/orders/${order.id}/uploads`);
  for (const item of list.checklist)
    await upload(token, order.id, item.kind, item.website_id, A4.has(item.kind) ? scan(1200, 1600) : scan(1600, 1200));
  await call(token, 'POST', `/api/orders/${order.id}/submit`);
  await call(await bearer(reviewer), 'POST', `/api/review/orders/${order.id}/decision`, { decision: 'approve' });
  return { who, token, id: order.id, wid: site.id, sid, leaderId, mobile, icp, domain };
}

/**
 * The photo verification of an approved order, handed over and approved
 * (the photo already taken is kept when it is done again).
 */
export async function verify(reviewer, order) {
  const v = await call(order.token, 'GET', `/api/orders/${order.id}/verification`);
  if (!v.persons.every((p) => p.photo_id)) {
    const p = photo('核验.jpg', v.method === 'curtain' ? BLUE : WHITE);
    await upload(order.token, order.id, 'curtain_photo', order.wid, p.buffer);
  }
  await call(order.token, 'POST', `/api/orders/${order.id}/verification`, {});
  await call(await bearer(reviewer), 'POST', `/api/review/orders/${order.id}/decision`, { decision: 'approve' });
}
