// The HTML fragments that nginx SSI puts into the static pages, so that
// every step works without JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, api, completeOrder, issue, login, newAccount, newInstance, newSubject, orderFor } from './lib.mjs';

const html = (path, token) => fetch(BASE + path, {
  headers: { Accept: 'text/html,application/xhtml+xml', ...(token ? { Cookie: `beian_session=${token}` } : {}) },
}).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), text: await r.text() }));

test('a browser GET gets an HTML fragment, an API client the JSON', async () => {
  const a = newAccount();
  newSubject(a);
  const s = await login(a);
  const frag = await html('/api/subjects', s.token);
  assert.equal(frag.status, 200);
  assert.match(frag.type, /^text\/html/);
  assert.match(frag.text, /^<section class="frag" data-frag="subjects">/);
  assert.match(frag.text, /王五/);
  assert.match(frag.text, /<form method="post" class="api-form" action="\/api\/subjects\/\d+\/orders">/);
  assert.match(frag.text, /name="next" value="\/order\/subject.html\?id=\{id\}"/);
  const json = await api('GET', '/api/subjects', { bearer: s.token });
  assert.equal(json.data.subjects.length, 1);
});

test('the fragments escape what applicants and operators typed', async () => {
  const a = newAccount();
  const s = await login(a);
  const { oid } = await orderFor(a);
  const frag = await html(`/api/orders/${oid}?view=subject`, s.token);
  assert.doesNotMatch(frag.text, /<script/i);
  const evil = await html(`/api/orders/${oid}?view=subject&error=%3Cscript%3Ealert(1)%3C/script%3E`, s.token);
  assert.doesNotMatch(evil.text, /<script/i);
  assert.doesNotMatch(evil.text, /alert-error/, 'an unknown error code shows nothing');
  const crafted = await html(`/api/orders/${oid}?view=subject&error=invalid&field=${encodeURIComponent('请拨打 400-000-0000')}`, s.token);
  assert.doesNotMatch(crafted.text, /400-000-0000/, 'no words of a crafted link reach the page');
});

test('without a session the fragment says so and links to the login, with the page to come back to', async () => {
  const res = await fetch(`${BASE}/api/subjects`, { headers: { Accept: 'text/html' } });
  assert.equal(res.status, 401);
  const text = await res.text();
  assert.match(text, /data-code="unauthenticated"/);
  assert.match(text, /href="\/login.html\?next=%2Fapi%2Fsubjects"/);
});

test('the product fragment explains a refusal from the redirect with the rule\'s own words', async () => {
  const a = newAccount();
  const { oid, s } = await orderFor(a);
  const iid = newInstance(a, { billing: 'payg', months: 0 });
  issue(iid);
  const frag = await html(`/api/orders/${oid}/product?error=instance_ineligible&field=service_number&reason=payg`, s.token);
  assert.equal(frag.status, 200);
  assert.match(frag.text, /<li class="step current" aria-current="step"><span>2\. 产品验证<\/span>/);
  assert.match(frag.text, /alert-error[^>]*><p>该实例为按量付费/);
  assert.match(frag.text, /<tr class="ineligible">/);
  const other = await login(newAccount());
  const foreign = await html(`/api/orders/${oid}/product`, other.token);
  assert.equal(foreign.status, 404);
  assert.match(foreign.text, /data-code="not_found"/);
});

test('a classic product form post that fails comes back with the code, the field and the reason', async () => {
  const a = newAccount();
  const { oid, s } = await orderFor(a);
  const [n] = issue(newInstance(a, { billing: 'payg', months: 0 }));
  const origin = new URL(BASE).origin;
  const r = await api('POST', `/api/orders/${oid}/product`, {
    cookie: s.cookie, form: { product_type: 'ecs', service_number: n, next: `/order/website.html?id=${oid}` },
    headers: { Accept: 'text/html', Origin: origin, Referer: `${origin}/order/product.html?id=${oid}` },
  });
  assert.equal(r.status, 303);
  const loc = new URL(r.headers.get('location'), BASE);
  assert.equal(`${loc.pathname}${loc.search.split('&')[0]}`, `/order/product.html?id=${oid}`);
  assert.equal(loc.searchParams.get('error'), 'instance_ineligible');
  assert.equal(loc.searchParams.get('field'), 'service_number');
  assert.equal(loc.searchParams.get('reason'), 'payg');
  assert.equal(loc.searchParams.get('next'), `/order/website.html?id=${oid}`);
  assert.equal(loc.hash, '#e-instance_ineligible');
});

test('after a failed classic post the page shows the exact rule, signed; a forged message is ignored', async () => {
  const { websiteOrder, newDomain } = await import('./lib.mjs');
  const ctx = await websiteOrder(newAccount());
  const origin = new URL(BASE).origin;
  const domain = newDomain();
  const r = await api('POST', `/api/orders/${ctx.oid}/websites`, {
    cookie: ctx.s.cookie,
    form: { name: '中国旅游日记', domain, homepage_url: `www.${domain}`, content_types: '32', languages: '1',
      service_number: ctx.numbers[0], 'owner.same_as_leader': '1', 'owner.emergency_phone': '0571-88888888',
      next: `/order/website.html?id=${ctx.oid}` },
    headers: { Accept: 'text/html', Origin: origin, Referer: `${origin}/order/website.html?id=${ctx.oid}` },
  });
  assert.equal(r.status, 303);
  const loc = new URL(r.headers.get('location'), BASE);
  assert.equal(loc.searchParams.get('field'), 'name');
  const page = await html(`/api/orders/${ctx.oid}/websites${loc.search}`, ctx.s.token);
  assert.match(page.text, /<p class="field-error" id="err-name" data-field="name">网站名称不能以“中国”开头/);
  const forged = new URLSearchParams(loc.search);
  forged.set('msg', '请拨打 400-000-0000 办理');
  const bad = await html(`/api/orders/${ctx.oid}/websites?${forged}`, ctx.s.token);
  assert.doesNotMatch(bad.text, /400-000-0000/);
  assert.match(bad.text, /请检查网站名称/, 'the generic hint instead');
});

test('the website step fragment: the form with the order\'s free numbers, saved websites, the cap', async () => {
  const { websiteOrder, newDomain } = await import('./lib.mjs');
  const ctx = await websiteOrder(newAccount(), { nature: 'enterprise', legalRep: '王五' }, 2);
  let frag = await html(`/api/orders/${ctx.oid}/websites`, ctx.s.token);
  assert.equal(frag.status, 200);
  assert.match(frag.text, /data-frag="order-website"/);
  assert.match(frag.text, /<form method="post" class="api-form" action="\/api\/orders\/\d+\/websites">/);
  for (const n of ctx.numbers) assert.match(frag.text, new RegExp(`<option>${n}</option>`));
  assert.match(frag.text, /name="preapproval_type"/, 'organisations may declare pre-approvals');
  const domain = newDomain();
  const saved = await api('POST', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token, json: {
    name: '测试公司官网', domain, homepage_url: `www.${domain}`, content_types: [128], languages: [1],
    service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } });
  assert.equal(saved.status, 201, saved.text);
  frag = await html(`/api/orders/${ctx.oid}/websites?error=invalid&field=name`, ctx.s.token);
  assert.match(frag.text, /<article class="website-card">/);
  assert.doesNotMatch(frag.text, new RegExp(`<option>${ctx.numbers[0]}</option>`), 'a used number is not offered again');
  assert.match(frag.text, /<p class="field-error" id="err-name" data-field="name">请检查网站名称/);
  // The delete form of a classic page posts to the alias of DELETE.
  const origin = new URL(BASE).origin;
  const del = await api('POST', `/api/orders/${ctx.oid}/websites/${saved.data.id}/delete`, {
    cookie: ctx.s.cookie, form: { next: `/order/website.html?id=${ctx.oid}` }, headers: { Accept: 'text/html', Origin: origin } });
  assert.equal(del.status, 303);
  const list = await api('GET', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token });
  assert.equal(list.data.websites.length, 0);
});

test('the upload step fragment: a slot per required material, multipart forms, the 核验单 link', async () => {
  const { websiteOrder, newDomain } = await import('./lib.mjs');
  const ctx = await websiteOrder(newAccount());
  const domain = newDomain();
  const w = await api('POST', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token, json: {
    name: '王五的摄影日记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
    service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' } } });
  assert.equal(w.status, 201, w.text);
  const frag = await html(`/api/orders/${ctx.oid}/uploads`, ctx.s.token);
  assert.equal(frag.status, 200);
  assert.match(frag.text, /data-frag="order-upload"/);
  assert.equal((frag.text.match(/<article class="upload-slot missing"/g) || []).length, 4);
  assert.match(frag.text, /<form method="post" enctype="multipart\/form-data" class="upload-form"/);
  assert.match(frag.text, new RegExp(`/api/orders/${ctx.oid}/websites/${w.data.id}/verification-form`));
  assert.match(frag.text, /还缺 4 份材料/);
});

test('the product fragment tells alike instances apart: id, public IP, region, expiry', async () => {
  const a = newAccount();
  const { oid, s } = await orderFor(a);
  const one = newInstance(a, { ip: '47.96.1.11' });
  const two = newInstance(a, { ip: '47.96.1.12' });
  const frag = await html(`/api/orders/${oid}/product`, s.token);
  assert.equal(frag.status, 200);
  for (const [id, ip] of [[one, '47.96.1.11'], [two, '47.96.1.12']])
    assert.match(frag.text, new RegExp(`实例 ID ${id} · 公网 IP ${ip.replaceAll('.', '\\.')}`), `instance ${id}`);
  assert.equal((frag.text.match(/华东1（杭州）/g) || []).length >= 2, true, 'the region of each');
  assert.match(frag.text, /data-label="到期">\d{4}-\d{2}-\d{2}</, 'and its expiry');
  const json = await api('GET', `/api/orders/${oid}/product`, { bearer: s.token });
  assert.equal(json.data.instances.find((i) => i.id === one).public_ip, '47.96.1.11');
});

test('the applicant\'s words: reasons named, links to the right form, no 。。, the permit\'s name, the expiry on each step', async () => {
  const ctx = await completeOrder();
  // The checks page: a warning names its website, says the reason in words and opens that website's form.
  let frag = await html(`/api/orders/${ctx.oid}/checks`, ctx.s.token);
  assert.match(frag.text, /<span class="badge">网站：王五的摄影日记<\/span>/);
  assert.match(frag.text, /常见驳回原因：域名所有人不正确/);
  assert.doesNotMatch(frag.text, />R1</, 'no bare reason code');
  assert.match(frag.text, new RegExp(`href="/order/website.html\\?id=${ctx.oid}&amp;edit=${ctx.wid}#domain">去查看`));
  // Every step of an order waiting on its applicant: when it expires.
  frag = await html(`/api/orders/${ctx.oid}/product`, ctx.s.token);
  assert.match(frag.text, /<p class="order-expiry">请在 .*前提交（还剩 4[45] 天）；订单创建后 45 天内未提交会被清理/);
  // A reviewer's note that ends its own sentence gets no second 。
  assert.equal((await api('POST', `/api/orders/${ctx.oid}/submit`, { bearer: ctx.s.token })).status, 200);
  const rv = await login(newAccount('reviewer'));
  const up = (await api('GET', `/api/orders/${ctx.oid}/uploads`, { bearer: ctx.s.token })).data.uploads[0];
  const rej = await api('POST', `/api/review/orders/${ctx.oid}/decision`, { bearer: rv.token, json: { decision: 'reject',
    reasons: [{ code: 'R5', target: { upload: up.id }, note: '照片反光，请重新拍摄。' }] } });
  assert.equal(rej.status, 200, rej.text);
  frag = await html(`/api/orders/${ctx.oid}/uploads`, ctx.s.token);
  assert.match(frag.text, /照片反光，请重新拍摄。请重新上传这一份/);
  assert.doesNotMatch(frag.text, /。。/);
  // 港澳居民来往内地通行证, as the permit is called.
  const rules = await api('GET', '/api/rules/浙江');
  const names = Object.values(rules.data.id_types).map((t) => t.name);
  assert.ok(names.includes('港澳居民来往内地通行证'), names.join());
  assert.ok(!names.some((n) => n.includes('内陆')));
});
