// Faults under load (issue 16): clients file orders -- order, product,
// website, every upload of the checklist, submit -- and log each write
// the portal acknowledged.  Meanwhile workers of every program are
// SIGKILLed, MariaDB is SIGKILLed and restarted, and whole programs are
// killed so that nginx finds their sockets dead.  Afterwards every
// acknowledged write must be in the database: lost writes must be 0.
// CHAOS_SECONDS (default 25) sets how long; scripts/test runs the short
// form, a long run is `CHAOS_SECONDS=600 node --test chaos/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, issue, login, newAccount, newDomain, newInstance, newSubject, scan, sleep, sql, stack, upload,
} from '../api/lib.mjs';

const SECONDS = Number(process.env.CHAOS_SECONDS || 25);
const CLIENTS = Number(process.env.CHAOS_CLIENTS || 4);
const PROGRAMS = ['session', 'subject', 'product', 'website', 'upload', 'submit'];

const stats = { sent: 0, failed: 0, acked: [] };

// A request that counts; a network error is a failure like a 5xx.
async function call(fn) {
  stats.sent++;
  try {
    const r = await fn();
    if (r.status >= 500 || r.status === 0) stats.failed++;
    return r;
  } catch {
    stats.failed++;
    return { status: 0 };
  }
}

// beian-admin and the login: retried while MariaDB or a program is down.
async function again(fn) {
  for (let i = 0; ; i++) {
    try { return await fn(); } catch (e) {
      if (i === 150) throw e;	// 30 s: not a fault passing
      await sleep(200);
    }
  }
}

async function client(deadline) {
  const account = await again(() => newAccount());
  const s = await again(() => login(account));
  while (Date.now() < deadline) {
    // A subject and a product each time: a submitted order keeps its
    // subject busy, and a product has five numbers at most.
    const sid = await again(() => newSubject(account));
    const [number] = await again(() => issue(newInstance(account), 1));
    const o = await call(() => api('POST', `/api/subjects/${sid}/orders`, { bearer: s.token, json: { kind: 'add_website' } }));
    if (o.status !== 201) { await sleep(100); continue; }
    const oid = o.data.id;
    stats.acked.push({ what: 'order', id: oid });
    const steps = [
      () => api('POST', `/api/orders/${oid}/subject-confirmation`, { bearer: s.token }),
      () => api('POST', `/api/orders/${oid}/product`, { bearer: s.token, json: { product_type: 'ecs', service_number: number } }),
    ];
    let ok = true;
    for (const step of steps) {
      if ((await call(step)).status !== 200) { ok = false; break; }
    }
    if (!ok) continue;
    const domain = newDomain();
    const w = await call(() => api('POST', `/api/orders/${oid}/websites`, { bearer: s.token, json: {
      name: '王五的摄影日记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
      service_number: number, owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } }));
    if (w.status !== 201) continue;
    stats.acked.push({ what: 'website', id: w.data.id, order: oid });
    const list = await call(() => api('GET', `/api/orders/${oid}/uploads`, { bearer: s.token }));
    if (list.status !== 200) continue;
    for (const item of list.data.checklist) {
      const a4 = ['verification_form', 'commitment_letter', 'authorization_letter'].includes(item.kind);
      const u = await call(() => upload({ oid, s }, item.kind, item.website_id, a4 ? scan(1000, 1400) : scan(1600, 1200)));
      if (u.status !== 201) { ok = false; break; }
      stats.acked.push({ what: 'upload', id: u.data.id, order: oid });
    }
    if (!ok) continue;
    const sub = await call(() => api('POST', `/api/orders/${oid}/submit`, { bearer: s.token }));
    if (sub.status === 200) stats.acked.push({ what: 'submit', id: oid });
  }
}

function pick(xs, i) { return xs[i % xs.length]; }

async function faults(deadline) {
  const kinds = ['worker', 'db', 'program'];
  const done = { worker: 0, db: 0, program: 0 };
  for (let i = 0; Date.now() < deadline - 2000; i++) {
    await sleep(1500);
    const kind = pick(kinds, i);
    const name = pick(PROGRAMS, Math.floor(i / kinds.length));
    if (kind === 'worker') {
      const pids = stack('pids', name).split(/\s+/).filter(Boolean);
      if (pids.length) process.kill(Number(pick(pids, i)), 'SIGKILL');
    } else if (kind === 'db') {
      stack('db-kill');
      await sleep(500);
      stack('db-start');
    } else {
      stack('program-kill', name);
      await sleep(500);
      stack('program-start');
    }
    done[kind]++;
  }
  return done;
}

test(`faults under load for ${SECONDS} s: every acknowledged write survives`, { timeout: (SECONDS + 240) * 1000 }, async () => {
  const deadline = Date.now() + SECONDS * 1000;
  const [done] = await Promise.all([faults(deadline), ...Array.from({ length: CLIENTS }, () => client(deadline))]);
  // The stack whole again before counting: every program answering.
  stack('program-start');
  stack('db-start');
  // Each kind checked in one statement: id -> its order, as stored.
  const stored = (what, q) => {
    const ids = stats.acked.filter((a) => a.what === what).map((a) => a.id);
    if (ids.length === 0) return new Map();
    return new Map(sql(q(ids.join(','))).split('\n').filter(Boolean).map((l) => l.split('\t').map(Number)));
  };
  const found = {
    order: stored('order', (ids) => `SELECT id, id FROM filing_order WHERE id IN (${ids})`),
    website: stored('website', (ids) => `SELECT id, order_id FROM order_website WHERE id IN (${ids})`),
    upload: stored('upload', (ids) => `SELECT u.id, u.order_id FROM upload u JOIN file_blob b ON b.sha256 = u.blob_sha
      WHERE u.id IN (${ids}) AND b.size = LENGTH(b.data) AND b.size > 0`),
    submit: stored('submit', (ids) => `SELECT id, id FROM filing_order WHERE id IN (${ids})
      AND state NOT IN ('draft', 'abandoned', 'expired')`),
  };
  let lost = 0;
  const byWhat = {};
  for (const a of stats.acked) {
    byWhat[a.what] = (byWhat[a.what] ?? 0) + 1;
    if (found[a.what].get(a.id) !== (a.order ?? a.id)) {
      lost++;
      console.log(`lost: ${JSON.stringify(a)}`);
    }
  }
  console.log(`chaos: ${SECONDS} s, ${CLIENTS} clients, faults ${JSON.stringify(done)}; requests sent ${stats.sent}, failed ${stats.failed}; acknowledged writes ${stats.acked.length} ${JSON.stringify(byWhat)}, lost ${lost}`);
  assert.ok(done.worker > 0 && done.db > 0 && done.program > 0, `every kind of fault happened: ${JSON.stringify(done)}`);
  assert.ok((byWhat.submit ?? 0) > 0 && (byWhat.upload ?? 0) > 0, 'the load reached uploads and submits');
  assert.equal(lost, 0, 'no acknowledged write lost');
  // And the portal works after it all (a client socket idle since may
  // have been closed by nginx's keepalive timeout: a fresh try).
  const a = newAccount();
  assert.ok((await again(() => login(a))).csrf);
});
