// Pre-submit checks, submit, and the provider's initial review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BASE, api, admin, completeOrder, login, newAccount, newDomain, newSubject, orderFor, scan, sql, upload, websiteOrder, idNumber, reviewer } from './lib.mjs';

const checks = (ctx) => api('GET', `/api/orders/${ctx.oid}/checks`, { bearer: ctx.s.token });
const submit = (ctx) => api('POST', `/api/orders/${ctx.oid}/submit`, { bearer: ctx.s.token });
const errorsOf = (r) => r.data.findings.filter((f) => f.severity === 'error');

const decide = async (ctx, body) => api('POST', `/api/review/orders/${ctx.oid}/decision`, { bearer: (await reviewer()).token, json: body });

test('a fresh order lists what is missing, each finding with the contract fields', async () => {
  const ctx = await websiteOrder(newAccount());
  const r = await checks(ctx);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.data.can_submit, false);
  const rules = r.data.findings.map((f) => f.rule);
  assert.ok(rules.includes('websites_present'), rules.join());
  for (const f of r.data.findings) {
    for (const k of ['rule', 'reason', 'severity', 'target', 'message', 'fix', 'href'])
      assert.ok(k in f, `${f.rule} has ${k}`);
    assert.ok(['error', 'warning'].includes(f.severity));
    assert.match(f.message, /[\u4e00-\u9fff]/, 'said in Chinese');
    assert.match(f.href, /^\/order\/[a-z]+\.html\?id=\d+$/);
  }
  const s = await submit(ctx);
  assert.equal(s.status, 422);
  assert.equal(s.data.error.code, 'checks_failed');
  assert.ok(s.data.error.findings.some((f) => f.rule === 'websites_present'));
  const o = await api('GET', `/api/orders/${ctx.oid}`, { bearer: ctx.s.token });
  assert.equal(o.data.state, 'draft', 'refused: nothing moved');
});

test('missing uploads block submit, each named by its slot', async () => {
  const ctx = await websiteOrder(newAccount());
  const domain = newDomain();
  const w = await api('POST', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token, json: {
    name: '王五的摄影日记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
    service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } });
  assert.equal(w.status, 201, w.text);
  const r = await checks(ctx);
  const missing = r.data.findings.filter((f) => f.rule === 'upload_missing');
  assert.deepEqual(missing.map((f) => f.target.slot.kind).sort(),
    ['domain_certificate', 'owner_id_back', 'owner_id_front', 'verification_form']);
  assert.ok(missing.every((f) => f.reason === 'R5' && f.severity === 'error' && f.target.slot.website_id === w.data.id));
  // No registrar data for the domain: a warning, never a silent pass.
  const unverified = r.data.findings.find((f) => f.rule === 'domain_unverified');
  assert.ok(unverified, 'R1 could not be checked');
  assert.equal(unverified.severity, 'warning');
  assert.equal(unverified.reason, 'R1');
  assert.equal(unverified.target.field, `websites.${w.data.id}.domain`);
});

test('a complete order submits once, with a due time and numbers filing', async () => {
  const ctx = await completeOrder();
  const c = await checks(ctx);
  assert.equal(c.status, 200);
  assert.deepEqual(errorsOf(c), [], JSON.stringify(errorsOf(c)));
  assert.equal(c.data.can_submit, true);
  const s = await submit(ctx);
  assert.equal(s.status, 200, s.text);
  assert.equal(s.data.state, 'initial_review');
  assert.match(s.data.review.due_at, /^\d{4}-\d\d-\d\dT10:00:00Z$/, '18:00 China time');
  assert.ok(Date.parse(s.data.review.due_at) > Date.now());
  assert.equal(s.data.review.round, 1);
  assert.equal(sql(`SELECT status FROM service_number WHERE number = '${ctx.numbers[0]}'`), 'filing');
  // The same request again: the same answer, no second event.
  const again = await submit(ctx);
  assert.equal(again.status, 200);
  assert.equal(again.data.state, 'initial_review');
  assert.equal(sql(`SELECT COUNT(*) FROM order_event WHERE order_id = ${ctx.oid} AND event = 'submitted'`), '1');
  // Locked now: no edit goes through.
  const edit = await api('DELETE', `/api/orders/${ctx.oid}/websites/${ctx.wid}`, { bearer: ctx.s.token });
  assert.equal(edit.status, 409);
});

test('concurrent submits of one order: one submission, every caller told the same', async () => {
  const ctx = await completeOrder();
  const all = await Promise.all(Array.from({ length: 8 }, () => submit(ctx)));
  assert.deepEqual(all.map((r) => r.status), Array(8).fill(200), all.map((r) => r.text).join('\n'));
  assert.ok(all.every((r) => r.data.state === 'initial_review'));
  assert.equal(sql(`SELECT COUNT(*) FROM order_event WHERE order_id = ${ctx.oid} AND event = 'submitted'`), '1');
  assert.equal(sql(`SELECT review_round FROM filing_order WHERE id = ${ctx.oid}`), '1');
});

// The due date the rules give, computed here independently: the first
// day after today (China time) that is Monday-Friday and not a listed
// holiday, or a listed workday.
function expectedDue(listed, from = new Date()) {
  const china = new Date(from.getTime() + 8 * 3600e3);
  let d = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate()));
  for (;;) {
    d = new Date(d.getTime() + 86400e3);
    const key = d.toISOString().slice(0, 10);
    const wd = d.getUTCDay();
    const work = key in listed ? listed[key] : wd >= 1 && wd <= 5;
    if (work) return `${key}T10:00:00Z`;
  }
}

test('the review is due one business day ahead, skipping weekends and holidays', async () => {
  // Make the next three weekdays holidays, and read the table back.
  const china = new Date(Date.now() + 8 * 3600e3);
  const days = [];
  for (let d = 1; days.length < 3 && d < 10; d++) {
    const x = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() + d));
    if (x.getUTCDay() >= 1 && x.getUTCDay() <= 5) days.push(x.toISOString().slice(0, 10));
  }
  const added = days.filter((d) => sql(`SELECT COUNT(*) FROM holiday WHERE day = '${d}'`) === '0');
  try {
    for (const d of added)
      sql(`INSERT INTO holiday VALUES ('${d}', 0, '测试假日', 'test', '2026-11-28')`);
    const listed = {};
    for (const line of sql("SELECT DATE_FORMAT(day, '%Y-%m-%d'), workday FROM holiday").split('\n'))
      if (line) { const [d, w] = line.split('\t'); listed[d] = w === '1'; }
    const ctx = await completeOrder();
    const s = await submit(ctx);
    assert.equal(s.status, 200, s.text);
    const want = expectedDue(listed);
    assert.equal(s.data.review.due_at, want);
    for (const d of days) assert.ok(want.slice(0, 10) > d, `${want} is after the holiday ${d}`);
    assert.ok(new Date(want).getUTCDay() >= 1 || listed[want.slice(0, 10)], 'not on a weekend');
  } finally {
    for (const d of added) sql(`DELETE FROM holiday WHERE day = '${d}' AND source = 'test'`);
  }
});

test('registrar facts: another holder is an R1 error, a domain with an ICP number R11', async () => {
  const ctx = await completeOrder();
  admin(['domain', 'set', '--domain', ctx.domain, '--holder', '赵六', '--realname', 'yes']);
  let c = await checks(ctx);
  let f = c.data.findings.find((x) => x.rule === 'domain_holder');
  assert.ok(f, JSON.stringify(c.data.findings));
  assert.equal(f.reason, 'R1');
  assert.equal(f.severity, 'error');
  assert.match(f.message, /赵六/);
  assert.equal((await submit(ctx)).status, 422);
  admin(['domain', 'set', '--domain', ctx.domain, '--holder', '王五', '--realname', 'yes']);
  c = await checks(ctx);
  assert.ok(!c.data.findings.some((x) => x.rule.startsWith('domain_')), JSON.stringify(c.data.findings));
  admin(['domain', 'set', '--domain', ctx.domain, '--holder', '王五', '--realname', 'yes', '--icp-number', '浙ICP备26999999号-1']);
  c = await checks(ctx);
  f = c.data.findings.find((x) => x.reason === 'R11');
  assert.ok(f, JSON.stringify(c.data.findings));
  assert.equal(f.severity, 'error');
});

test('R3: a certificate from another province; R12: the same ID in another open order', async () => {
  // 浙江 takes a residence permit: the checklist asks for one, once per order.
  const ctx = await websiteOrder(newAccount(), { leaderId: idNumber('440104') });
  const domain = newDomain();
  const w = await api('POST', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token, json: {
    name: '王五的摄影日记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
    service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } });
  assert.equal(w.status, 201, w.text);
  let c = await checks(ctx);
  const f = c.data.findings.find((x) => x.rule === 'cert_province');
  assert.ok(f, JSON.stringify(c.data.findings));
  assert.equal(f.reason, 'R3');
  assert.equal(f.severity, 'error');
  assert.equal(f.href, `/order/upload.html?id=${ctx.oid}#slot-residence_permit-0`);
  const list = await api('GET', `/api/orders/${ctx.oid}/uploads`, { bearer: ctx.s.token });
  assert.deepEqual(list.data.checklist.filter((i) => i.kind === 'residence_permit').map((i) => i.website_id), [0]);
  assert.equal((await upload(ctx, 'residence_permit', 0)).status, 201);
  c = await checks(ctx);
  assert.ok(!c.data.findings.some((x) => x.rule === 'cert_province'), 'the permit answers R3');

  // 河南 takes local ID cards only: no permit slot, and the rule's words.
  const henan = await completeOrder(newAccount(), { province: '河南', abbr: '豫', leaderId: idNumber('440104') });
  const hl = await api('GET', `/api/orders/${henan.oid}/uploads`, { bearer: henan.s.token });
  assert.ok(!hl.data.checklist.some((i) => i.kind === 'residence_permit'));
  c = await checks(henan);
  const hf = c.data.findings.find((x) => x.rule === 'cert_province');
  assert.ok(hf, JSON.stringify(c.data.findings));
  assert.match(hf.fix, /河南只接受本省身份证/);

  const id = idNumber();
  const first = await completeOrder(newAccount(), { leaderId: id });
  assert.equal((await submit(first)).status, 200);
  const second = await completeOrder(newAccount(), { leaderId: id });
  c = await checks(second);
  const dup = c.data.findings.find((x) => x.rule === 'id_in_other_order');
  assert.ok(dup, JSON.stringify(c.data.findings));
  assert.equal(dup.reason, 'R12');
  assert.equal((await submit(second)).status, 422);
});

test('R2 and R4: a name rule changed after saving counts at submit', async () => {
  const ctx = await completeOrder();
  const id = sql("INSERT INTO name_rule (kind, word, applies_to, province, preapproval_code, severity, message, source, as_of) " +
    "VALUES ('sensitive', '摄影', 'all', NULL, NULL, 'error', '测试：网站名称不能含“摄影”', 'test', '2026-11-28'); SELECT LAST_INSERT_ID()");
  try {
    const c = await checks(ctx);
    const f = c.data.findings.find((x) => x.rule === 'site_name');
    assert.ok(f, JSON.stringify(c.data.findings));
    assert.equal(f.reason, 'R2');
    assert.equal(f.target.field, `websites.${ctx.wid}.name`);
    assert.match(f.message, /摄影/);
  } finally {
    sql(`DELETE FROM name_rule WHERE id = ${id}`);
  }
});

test('a quality-flagged scan blocks submit while the operator says so', async () => {
  const ctx = await completeOrder();
  const dark = execFileSync('gm', ['convert', '-size', '1600x1200', 'xc:#101010', 'jpg:-']);
  const r = await upload(ctx, 'owner_id_front', ctx.wid, dark);
  assert.equal(r.status, 201, r.text);
  assert.ok(r.data.warnings.length > 0, 'flagged');
  let c = await checks(ctx);
  let f = c.data.findings.find((x) => x.rule === 'upload_quality');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.target, { upload: r.data.id });
  sql("UPDATE rule_setting SET value = 0 WHERE name = 'upload_flag_blocks_submit'");
  try {
    c = await checks(ctx);
    f = c.data.findings.find((x) => x.rule === 'upload_quality');
    assert.equal(f.severity, 'warning');
  } finally {
    sql("UPDATE rule_setting SET value = 1 WHERE name = 'upload_flag_blocks_submit'");
  }
});

test('reject one upload: only it may change, then resubmit and approve', async () => {
  const ctx = await completeOrder();
  assert.equal((await submit(ctx)).status, 200);
  const rs = await reviewer();
  const q = await api('GET', '/api/review/queue?stage=initial', { bearer: rs.token });
  assert.equal(q.status, 200, q.text);
  const row = q.data.orders.find((o) => o.id === ctx.oid);
  assert.ok(row, 'in the queue');
  assert.ok(row.due_at && row.submitted_at && row.waiting_seconds >= 0);
  const ro = await api('GET', `/api/review/orders/${ctx.oid}`, { bearer: rs.token });
  assert.equal(ro.status, 200);
  const front = ro.data.uploads.find((u) => u.kind === 'owner_id_front');
  assert.ok(front);
  assert.match(ro.data.fields[String(ctx.wid)]['owner.id_number'], /^\d{17}[\dX]$/, 'unmasked for the reviewer');
  // The reviewer reads what the checks find today: the domain no registrar vouches for.
  const unverified = ro.data.findings.find((f) => f.rule === 'domain_unverified');
  assert.ok(unverified, JSON.stringify(ro.data.findings));
  assert.equal(unverified.severity, 'warning');
  assert.ok(!ro.data.findings.some((f) => f.severity === 'error'));
  assert.ok(ro.data.reasons.length >= 14);

  const bad = await decide(ctx, { decision: 'reject', reasons: [{ code: 'R99', target: { upload: front.id }, note: '' }] });
  assert.equal(bad.status, 422);
  const none = await decide(ctx, { decision: 'reject', reasons: [] });
  assert.equal(none.status, 422);
  const foreign = await decide(ctx, { decision: 'reject', reasons: [{ code: 'R5', target: { field: 'websites.1.nope' } }] });
  assert.equal(foreign.status, 422);

  const rej = await decide(ctx, { decision: 'reject', reasons: [{ code: 'R5', target: { upload: front.id }, note: '证件照片反光，看不清号码' }] });
  assert.equal(rej.status, 200, rej.text);
  assert.equal(rej.data.state, 'initial_rejected');

  const o = await api('GET', `/api/orders/${ctx.oid}`, { bearer: ctx.s.token });
  assert.equal(o.data.state, 'initial_rejected');
  assert.equal(o.data.review.rejected.length, 1);
  assert.equal(o.data.review.rejected[0].note, '证件照片反光，看不清号码');
  assert.deepEqual(o.data.review.rejected[0].target, { upload: front.id });

  // Only the rejected slot opens.
  assert.equal((await upload(ctx, 'owner_id_back', ctx.wid)).status, 409);
  const edit = await api('PUT', `/api/orders/${ctx.oid}/websites/${ctx.wid}`, { bearer: ctx.s.token, json: {
    name: '王五的旅行日记', domain: ctx.domain, homepage_url: `www.${ctx.domain}`, content_types: [32], languages: [1],
    service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } });
  assert.equal(edit.status, 409, edit.text);
  assert.equal(edit.data.error.code, 'item_locked');
  assert.ok(edit.data.error.fields.name);
  // Not yet replaced: resubmitting is refused and says why.
  let s = await submit(ctx);
  assert.equal(s.status, 422);
  assert.ok(s.data.error.findings.some((f) => f.rule === 'rejected_unchanged'), s.text);
  const ul = await api('GET', `/api/orders/${ctx.oid}/uploads`, { bearer: ctx.s.token });
  const line = ul.data.checklist.find((i) => i.kind === 'owner_id_front');
  assert.equal(line.rejected, true);
  assert.equal(line.note, '证件照片反光，看不清号码');

  const re = await upload(ctx, 'owner_id_front', ctx.wid, scan(1700, 1200));
  assert.equal(re.status, 201, re.text);
  s = await submit(ctx);
  assert.equal(s.status, 200, s.text);
  assert.equal(s.data.state, 'initial_review');
  assert.equal(s.data.review.round, 2);
  assert.equal(s.data.review.rejected.length, 0, 'the items are answered');

  const ok = await decide(ctx, { decision: 'approve' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.data.state, 'awaiting_verification');
  const twice = await decide(ctx, { decision: 'approve' });
  assert.equal(twice.status, 409);
  const ev = sql(`SELECT GROUP_CONCAT(event ORDER BY id) FROM order_event WHERE order_id = ${ctx.oid} AND actor_kind IN ('applicant','reviewer') AND event <> 'edited'`);
  assert.match(ev, /submitted,initial_rejected,submitted,initial_approved$/);
});

test('reject a field: only that field changes, the rest stays', async () => {
  const ctx = await completeOrder();
  assert.equal((await submit(ctx)).status, 200);
  const rej = await decide(ctx, { decision: 'reject', reasons: [{ code: 'R2', target: { field: `websites.${ctx.wid}.name` }, note: '名称与内容不符' }] });
  assert.equal(rej.status, 200, rej.text);
  const body = (name, emergency = '0571-88888888') => ({ json: {
    name, domain: ctx.domain, homepage_url: `www.${ctx.domain}`, content_types: [32], languages: [1],
    service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: emergency } }, bearer: ctx.s.token });
  const other = await api('PUT', `/api/orders/${ctx.oid}/websites/${ctx.wid}`, body('王五的旅行日记', '0571-88888889'));
  assert.equal(other.status, 409);
  assert.ok(other.data.error.fields['owner.emergency_phone'], other.text);
  assert.equal(sql(`SELECT name FROM order_website WHERE id = ${ctx.wid}`), '王五的摄影日记', 'nothing half-written');
  // The partial form of the submit page: only the rejected field.
  const locked = await api('POST', `/api/orders/${ctx.oid}/websites/${ctx.wid}/fields`, { bearer: ctx.s.token, json: { 'owner.emergency_phone': '0571-88888889' } });
  assert.equal(locked.status, 409, locked.text);
  const listy = await api('POST', `/api/orders/${ctx.oid}/websites/${ctx.wid}/fields`, { bearer: ctx.s.token, json: { content_types: '32' } });
  assert.equal(listy.status, 422, listy.text);
  assert.ok(listy.data.error.fields.content_types);
  const empty = await api('POST', `/api/orders/${ctx.oid}/websites/${ctx.wid}/fields`, { bearer: ctx.s.token, json: {} });
  assert.equal(empty.status, 422);
  const bad = await api('POST', `/api/orders/${ctx.oid}/websites/${ctx.wid}/fields`, { bearer: ctx.s.token, json: { name: '中国旅行' } });
  assert.equal(bad.status, 422, 'the name rules still apply');
  assert.ok(bad.data.error.fields.name);
  const stranger = await login(newAccount());
  assert.equal((await api('POST', `/api/orders/${ctx.oid}/websites/${ctx.wid}/fields`, { bearer: stranger.token, json: { name: '王五的旅行日记' } })).status, 404);
  const ok = await api('POST', `/api/orders/${ctx.oid}/websites/${ctx.wid}/fields`, { bearer: ctx.s.token, json: { name: '王五的旅行日记' } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.data.name, '王五的旅行日记');
  assert.equal(sql(`SELECT owner_emergency FROM order_website WHERE id = ${ctx.wid}`), '0571-88888888', 'the rest as it was');
  assert.equal((await submit(ctx)).status, 200);
});

test('the review routes: an applicant is refused, another account\'s order is 404 for its owner', async () => {
  const ctx = await completeOrder();
  const q = await api('GET', '/api/review/queue', { bearer: ctx.s.token });
  assert.equal(q.status, 403);
  const d = await api('POST', `/api/review/orders/${ctx.oid}/decision`, { bearer: ctx.s.token, json: { decision: 'approve' } });
  assert.equal(d.status, 403);
  const stranger = await login(newAccount());
  assert.equal((await api('GET', `/api/orders/${ctx.oid}/checks`, { bearer: stranger.token })).status, 404);
  assert.equal((await api('POST', `/api/orders/${ctx.oid}/submit`, { bearer: stranger.token })).status, 404);
  const rs = await reviewer();
  assert.equal((await api('GET', '/api/review/orders/999999999', { bearer: rs.token })).status, 404);
  assert.equal((await api('GET', '/api/review/queue?stage=nonsense', { bearer: rs.token })).status, 422);
});

test('after a rejection the phone, too, may only replace the rejected document', async () => {
  const ctx = await completeOrder();
  assert.equal((await submit(ctx)).status, 200);
  const ul = await api('GET', `/api/orders/${ctx.oid}/uploads`, { bearer: ctx.s.token });
  const back = ul.data.uploads.find((u) => u.kind === 'owner_id_back');
  assert.equal((await decide(ctx, { decision: 'reject', reasons: [{ code: 'R5', target: { upload: back.id }, note: '反面模糊' }] })).status, 200);
  const h = await api('POST', `/api/orders/${ctx.oid}/handoffs`, { bearer: ctx.s.token });
  assert.equal(h.status, 201, h.text);
  const token = h.data.url.split('#t=')[1];
  let cookie = null;
  const seen = await fetch(`${BASE}/api/m/${token}`, { headers: { Accept: 'application/json' } });
  cookie = seen.headers.getSetCookie().find((c) => c.startsWith('beian_m=')).split(';')[0];
  const view = await seen.json();
  assert.deepEqual(view.needed.map((m) => m.kind), ['owner_id_back'], 'the phone asks for the rejected one');
  assert.equal(view.needed[0].note, '反面模糊');
  const send = async (kind) => {
    const fd = new FormData();
    fd.append('kind', kind);
    fd.append('website_id', String(ctx.wid));
    fd.append('file', new Blob([scan(1600, 1200)], { type: 'image/jpeg' }), 'p.jpg');
    const r = await fetch(`${BASE}/api/m/${token}/uploads`, { method: 'POST', body: fd, headers: { Accept: 'application/json', Cookie: cookie } });
    return { status: r.status, data: await r.json() };
  };
  const locked = await send('owner_id_front');
  assert.equal(locked.status, 409);
  assert.equal(locked.data.error.code, 'item_locked');
  assert.equal((await send('owner_id_back')).status, 201);
  assert.equal((await submit(ctx)).status, 200);
});

test('the subject must be confirmed before submit', async () => {
  const account = newAccount();
  const s = await login(account);
  account.session = s;
  const { oid } = await orderFor(account, { confirm: false });
  const r = await api('GET', `/api/orders/${oid}/checks`, { bearer: s.token });
  const f = r.data.findings.find((x) => x.rule === 'subject_confirmed');
  assert.ok(f, JSON.stringify(r.data.findings));
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.target, { step: 'subject' });
  assert.match(f.href, /^\/order\/subject\.html\?id=\d+$/);
});

test('R4: content that needs a pre-approval the website does not declare', async () => {
  const ctx = await websiteOrder(newAccount(), { nature: 'enterprise' });
  const domain = newDomain();
  const site = (extra = {}) => ({ bearer: ctx.s.token, json: {
    name: '测试公司官网', domain, homepage_url: `www.${domain}`, content_types: [128, 16], languages: [1],
    service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' }, ...extra } });
  const w = await api('POST', `/api/orders/${ctx.oid}/websites`, site());
  assert.equal(w.status, 201, w.text);
  let c = await checks(ctx);
  const f = c.data.findings.find((x) => x.rule === 'content_preapproval');
  assert.ok(f, JSON.stringify(c.data.findings));
  assert.equal(f.reason, 'R4');
  assert.equal(f.severity, 'error');
  assert.equal(f.target.field, `websites.${w.data.id}.content_types`);
  assert.match(f.message, /网络新闻/);
  const u = await api('PUT', `/api/orders/${ctx.oid}/websites/${w.data.id}`, site({ preapprovals: [{ type: 1, number: '浙新闻许可2026001' }] }));
  assert.equal(u.status, 200, u.text);
  c = await checks(ctx);
  assert.ok(!c.data.findings.some((x) => x.rule === 'content_preapproval'), JSON.stringify(c.data.findings));
  assert.ok(c.data.findings.some((x) => x.rule === 'upload_missing' && x.target.slot.kind === 'preapproval_document'),
    'the approval document is asked for');

  const p = await websiteOrder(newAccount());
  const pd = newDomain();
  const pw = await api('POST', `/api/orders/${p.oid}/websites`, { bearer: p.s.token, json: {
    name: '王五的摄影日记', domain: pd, homepage_url: `www.${pd}`, content_types: [32, 8192], languages: [1],
    service_number: p.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } });
  assert.equal(pw.status, 201, pw.text);
  const pc = await checks(p);
  const pf = pc.data.findings.find((x) => x.rule === 'content_preapproval');
  assert.ok(pf, JSON.stringify(pc.data.findings));
  assert.match(pf.message, /个人主体不能办理前置审批/);
});

test('a rejected list field (content types, pre-approvals) is changed alone too', async () => {
  const ctx = await completeOrder();
  assert.equal((await submit(ctx)).status, 200);
  const rej = await decide(ctx, { decision: 'reject', reasons: [
    { code: 'R4', target: { field: `websites.${ctx.wid}.content_types` }, note: '网站内容是旅行摄影，请选“博客/个人空间”和“网络图片”' }] });
  assert.equal(rej.status, 200, rej.text);
  // The service number and "same as leader" are no targets a rejection may name.
  const odd = await decide(ctx, { decision: 'reject', reasons: [{ code: 'R7', target: { field: `websites.${ctx.wid}.service_number` } }] });
  assert.equal(odd.status, 409, 'not in review any more');
  const fix = (json) => api('POST', `/api/orders/${ctx.oid}/websites/${ctx.wid}/fields`, { bearer: ctx.s.token, json });
  assert.equal((await fix({ languages: [1, 2] })).status, 409, 'languages were not rejected');
  assert.equal((await fix({ content_types: '32' })).status, 422, 'a list, not a string');
  const ok = await fix({ content_types: [32, 32768] });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.data.content_types, [32, 32768]);
  assert.equal((await submit(ctx)).status, 200);
});

test('a reviewer cannot name the service number or "same as leader" as a field', async () => {
  const ctx = await completeOrder();
  assert.equal((await submit(ctx)).status, 200);
  for (const f of ['service_number', 'owner.same_as_leader']) {
    const r = await decide(ctx, { decision: 'reject', reasons: [{ code: 'R7', target: { field: `websites.${ctx.wid}.${f}` } }] });
    assert.equal(r.status, 422, `${f}: ${r.text}`);
  }
});

test('R7: a mobile another subject uses, found at submit even when it came later', async () => {
  const ctx = await completeOrder();
  assert.deepEqual(errorsOf(await checks(ctx)), []);
  const mobile = sql(`SELECT s.leader_mobile FROM subject s JOIN filing_order o ON o.subject_id = s.id WHERE o.id = ${ctx.oid}`);
  // Another account's subject is filed with the same mobile since.
  newSubject(newAccount(), { mobile });
  const c = await checks(ctx);
  const f = c.data.findings.find((x) => x.rule === 'mobile_other_subject');
  assert.ok(f, JSON.stringify(c.data.findings));
  assert.equal(f.reason, 'R7');
  assert.equal(f.severity, 'error');
  assert.equal(f.target.field, `websites.${ctx.wid}.owner.mobile`);
  assert.equal((await submit(ctx)).status, 422);
});

test('R6: a leader who is not the legal representative needs the authorisation letter', async () => {
  // 浙江 requires the leader of an organisation to be its legal representative.
  const ctx = await websiteOrder(newAccount(), { nature: 'enterprise', legalRep: '赵六' });
  const domain = newDomain();
  const w = await api('POST', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token, json: {
    name: '测试公司官网', domain, homepage_url: `www.${domain}`, content_types: [128], languages: [1],
    service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } });
  assert.equal(w.status, 201, w.text);
  let c = await checks(ctx);
  const f = c.data.findings.find((x) => x.rule === 'leader_legal_rep');
  assert.ok(f, JSON.stringify(c.data.findings));
  assert.equal(f.reason, 'R6');
  assert.equal(f.severity, 'error');
  assert.match(f.message, /赵六/);
  const r = await upload(ctx, 'authorization_letter', w.data.id, scan(1000, 1400));
  assert.equal(r.status, 201, r.text);
  c = await checks(ctx);
  assert.ok(!c.data.findings.some((x) => x.rule === 'leader_legal_rep'), JSON.stringify(c.data.findings));
});

test('a long pre-approval list is rejected and fixed whole (no value cut short)', async () => {
  const ctx = await websiteOrder(newAccount(), { nature: 'enterprise' });
  const domain = newDomain();
  // 62 bytes each (the limit is 64), ten of them: over 600 bytes stored.
  const long = (n) => `浙文许〔2026〕${'第'.repeat(13)}${n}号`;
  const pre = [1, 2, 4, 8, 16, 32, 256, 512, 2048, 4096].map((type, i) => ({ type, number: long(i) }));
  const w = await api('POST', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token, json: {
    name: '测试公司官网', domain, homepage_url: `www.${domain}`, content_types: [128], languages: [1],
    preapprovals: pre, service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } });
  assert.equal(w.status, 201, w.text);
  const list = await api('GET', `/api/orders/${ctx.oid}/uploads`, { bearer: ctx.s.token });
  for (const item of list.data.checklist)
    assert.equal((await upload(ctx, item.kind, item.website_id, scan(1600, 1200))).status, 201);
  const s = await submit(ctx);
  assert.equal(s.status, 200, s.text);
  const rej = await decide(ctx, { decision: 'reject', reasons: [{ code: 'R4', target: { field: `websites.${w.data.id}.preapprovals` }, note: '出版类审批号不对' }] });
  assert.equal(rej.status, 200, rej.text);
  const was = sql(`SELECT LENGTH(was) FROM review_item WHERE order_id = ${ctx.oid}`);
  assert.ok(Number(was) > 600, `the whole list was kept: ${was} bytes`);
  assert.equal((await submit(ctx)).status, 422, 'unchanged');
  pre[1].number = '浙出版许2026001';
  const fixed = await api('POST', `/api/orders/${ctx.oid}/websites/${w.data.id}/fields`, { bearer: ctx.s.token, json: { preapprovals: pre } });
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal((await submit(ctx)).status, 200);
});
