// Website information and the rules engine (seed step 5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admin, api, login, newAccount, newDomain, sql, websiteOrder } from './lib.mjs';

// A website that passes every rule for a personal subject in 浙江.
function good(ctx, over = {}) {
  const domain = over.domain ?? newDomain();
  return {
    name: '王五的摄影日记', domain, homepage_url: `www.${domain}`,
    content_types: [32], languages: [1], remark: '',
    service_number: ctx.numbers[0],
    owner: { same_as_leader: true, emergency_phone: '0571-88888888' },
    ...over,
  };
}

const post = (ctx, body) => api('POST', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token, json: body });
const check = (ctx, body) => api('POST', `/api/orders/${ctx.oid}/websites/check`, { bearer: ctx.s.token, json: body });

function refused(res, field, pattern) {
  assert.equal(res.status, 422, res.text);
  assert.equal(res.data.error.code, 'invalid');
  assert.ok(res.data.error.fields[field], `${field} in ${res.text}`);
  if (pattern) assert.match(res.data.error.fields[field], pattern);
}

test('a valid website saves: 201, stored in both domain forms, step 5 done', async () => {
  const ctx = await websiteOrder(newAccount(), { leaderId: '33010619900101123X' });
  const r = await post(ctx, good(ctx, { domain: `例子${Date.now() % 1e6}.中国`, homepage_url: undefined }));
  assert.equal(r.status, 422, 'homepage missing');
  const domain = `例子${Date.now() % 1e6}.中国`;
  const ok = await post(ctx, good(ctx, { domain, homepage_url: `https://www.${domain}/` }));
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.data.domain, domain);
  assert.match(ok.data.domain_ascii, /^xn--[a-z0-9-]+\.xn--fiqs8s$/);
  assert.equal(ok.data.owner.same_as_leader, true);
  assert.equal(ok.data.owner.name, '王五');
  assert.equal(ok.data.owner.id_number, '330***********123X');
  assert.equal(ok.data.service_number, ctx.numbers[0]);
  assert.deepEqual(ok.data.content_types, [32]);
  assert.deepEqual(ok.data.languages, [1]);
  assert.ok(ok.data.warnings.domain, '浙江 wants a domain certificate: a warning');
  const order = await api('GET', `/api/orders/${ctx.oid}`, { bearer: ctx.s.token });
  assert.equal(order.data.steps.websites, true);
  assert.equal(order.data.websites.length, 1);
  assert.equal(order.data.events.at(-1).event, 'edited');
});

const nameCases = [
  ['花园', /至少 3 个字/],
  ['myblog', /不能只包含数字或英文字母/],
  ['12345', /不能只包含数字或英文字母/],
  ['我的 博客', /只能使用/],
  ['我的博客!', /只能使用/],
  ['中国旅游日记', /不能以“中国”开头/],
  ['国家地理爱好者', /不能以“国家”开头/],
  ['反腐日记本', /反腐/],
  ['王五的论坛', /论坛/],
  ['王五摄影工作室', /工作室/],
  ['王五的新闻站点', /新闻/],
];

for (const [name, pattern] of nameCases) {
  test(`name refused: ${name}`, async () => {
    const ctx = await websiteOrder(newAccount());
    refused(await post(ctx, good(ctx, { name })), 'name', pattern);
  });
}

test('name may not be the domain itself', async () => {
  const ctx = await websiteOrder(newAccount());
  const domain = newDomain();
  refused(await post(ctx, good(ctx, { domain, name: domain.split('.')[0] })), 'name');
});

test('a personal name with 官网 saves with a warning', async () => {
  const ctx = await websiteOrder(newAccount());
  const r = await post(ctx, good(ctx, { name: '王五的摄影官网' }));
  assert.equal(r.status, 201, r.text);
  assert.match(r.data.warnings.name.join(), /官网/);
});

test('Jiangsu personal sites must be named XX的个人博客 or XX的个人主页', async () => {
  const ctx = await websiteOrder(newAccount(), { province: '江苏', abbr: '苏' });
  refused(await post(ctx, good(ctx, { name: '王五摄影日记' })), 'name', /江苏/);
  const ok = await post(ctx, good(ctx, { name: '王五的个人博客' }));
  assert.equal(ok.status, 201, ok.text);
});

test('an organisation needs the pre-approval its name implies; a personal subject can have none', async () => {
  const org = await websiteOrder(newAccount(), { nature: 'enterprise', legalRep: '王五' });
  refused(await post(org, good(org, { name: '测试新闻中心' })), 'name', /新闻/);
  const ok = await post(org, good(org, { name: '测试新闻中心', preapprovals: [{ type: 1, number: '浙新闻2026001' }] }));
  assert.equal(ok.status, 201, ok.text);
  assert.deepEqual(ok.data.preapprovals.map((p) => [p.type, p.number]), [[1, '浙新闻2026001']]);
  const person = await websiteOrder(newAccount());
  refused(await post(person, good(person, { preapprovals: [{ type: 1, number: 'X1' }] })), 'preapprovals', /个人主体/);
  refused(await post(org, good(org, { name: '测试商城二号', service_number: org.numbers[0], preapprovals: [{ type: 99, number: 'X' }] })), 'preapprovals');
});

const domainCases = [
  ['www.example.com', /www/],
  ['http://example.com', /http/],
  ['example.io', /后缀/],
  ['blog.example.com', /主域名/],
  ['exa_mple.com', /格式/],
  ['', /必填/],
];

for (const [domain, pattern] of domainCases) {
  test(`domain refused: ${domain || '(empty)'}`, async () => {
    const ctx = await websiteOrder(newAccount());
    refused(await post(ctx, good(ctx, { domain, homepage_url: 'www.example.com' })), 'domain', pattern);
  });
}

test('a domain filed already, or in another open order, or with registrar problems is refused', async () => {
  const a = newAccount();
  const first = await websiteOrder(a);
  const taken = newDomain();
  assert.equal((await post(first, good(first, { domain: taken }))).status, 201);
  const other = await websiteOrder(newAccount());
  refused(await post(other, good(other, { domain: taken })), 'domain', /已经备案|另一个订单/);
  const unverified = newDomain();
  admin(['domain', 'set', '--domain', unverified, '--realname', 'no']);
  refused(await post(other, good(other, { domain: unverified })), 'domain', /实名认证/);
  const numbered = newDomain();
  admin(['domain', 'set', '--domain', numbered, '--icp-number', '京ICP备10000001号-1']);
  refused(await post(other, good(other, { domain: numbered })), 'domain', /已有备案号/);
});

test('minimum domain validity is set by the province (湖北 > 3 months)', async () => {
  const ctx = await websiteOrder(newAccount(), { province: '湖北', abbr: '鄂' });
  const soon = newDomain();
  const d = new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10);
  admin(['domain', 'set', '--domain', soon, '--realname', 'yes', '--expires', d]);
  refused(await post(ctx, good(ctx, { domain: soon, homepage_url: soon })), 'domain', /湖北/);
  const later = newDomain();
  const y = new Date(Date.now() + 400 * 86400000).toISOString().slice(0, 10);
  admin(['domain', 'set', '--domain', later, '--realname', 'yes', '--expires', y]);
  assert.equal((await post(ctx, good(ctx, { domain: later, homepage_url: later }))).status, 201);
});

test('the homepage must be on the website domain', async () => {
  const ctx = await websiteOrder(newAccount());
  refused(await post(ctx, good(ctx, { homepage_url: 'www.other-site.com' })), 'homepage_url', /域名下/);
});

test('content types and languages come from their tables', async () => {
  const ctx = await websiteOrder(newAccount());
  refused(await post(ctx, good(ctx, { content_types: [] })), 'content_types');
  refused(await post(ctx, good(ctx, { content_types: [3] })), 'content_types');
  refused(await post(ctx, good(ctx, { languages: [] })), 'languages');
  refused(await post(ctx, good(ctx, { languages: [99] })), 'languages');
});

const person = (over = {}) => ({
  same_as_leader: false, name: '赵六', id_type: 2, id_number: '440104198502023456',
  id_long_term: true, mobile: '13712345678', emergency_phone: '0571-88888888', email: 'zhaoliu@example.com', ...over,
});

const ownerCases = [
  ['owner.id_number', { id_number: '440104198502023457' }, /校验码/],
  ['owner.id_number', { id_number: '440104198502303456' }, /出生日期/],
  ['owner.id_number', { id_number: '44010419850202345' }, /18 位/],
  ['owner.id_number', { id_number: '440104201501011234'.slice(0, 17) + 'X' }, null],
  ['owner.id_type', { id_type: 1 }, /证件类型/],
  ['owner.mobile', { mobile: '1234567' }, /11 位/],
  ['owner.emergency_phone', { emergency_phone: '13712345678' }, /不能与手机号码相同/],
  ['owner.emergency_phone', { emergency_phone: '12' }, /固定电话/],
  ['owner.email', { email: 'not-an-email' }, /邮箱/],
  ['owner.id_valid_until', { id_long_term: false, id_valid_until: '2020-01-01' }, /过期/],
  ['owner.id_valid_until', { id_long_term: false }, /有效期/],
  ['owner.name', { name: '' }, /姓名/],
];

for (const [field, over, pattern] of ownerCases) {
  test(`owner refused: ${field} ${JSON.stringify(over)}`, async () => {
    const ctx = await websiteOrder(newAccount());
    refused(await post(ctx, good(ctx, { owner: person(over) })), field, pattern);
  });
}

test('an owner younger than the minimum age is refused', async () => {
  const ctx = await websiteOrder(newAccount());
  // Born 2015-01-01: 11 years old.
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s17 = '44010420150101123';
  const id = s17 + '10X98765432'[[...s17].reduce((a, c, i) => a + Number(c) * w[i], 0) % 11];
  refused(await post(ctx, good(ctx, { owner: person({ id_number: id }) })), 'owner.id_number', /18 周岁/);
});

test('an owner who is not the leader needs other phones and email; a new valid owner saves', async () => {
  const a = newAccount();
  const ctx = await websiteOrder(a, { mobile: '13911112222' });
  const leaderEmail = sql(`SELECT leader_email FROM subject s JOIN filing_order o ON o.subject_id = s.id WHERE o.id = ${ctx.oid}`);
  refused(await post(ctx, good(ctx, { owner: person({ mobile: '13911112222' }) })), 'owner.mobile', /不能相同/);
  refused(await post(ctx, good(ctx, { owner: person({ email: leaderEmail }) })), 'owner.email', /不能相同/);
  const ok = await post(ctx, good(ctx, { owner: person({ mobile: `137${String(Date.now()).slice(-8)}` }) }));
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.data.owner.same_as_leader, false);
  assert.equal(ok.data.owner.id_number, '440***********3456');
});

test('a mobile used by another subject is refused', async () => {
  const other = newAccount();
  await websiteOrder(other, { mobile: '13655556666' });
  const ctx = await websiteOrder(newAccount());
  refused(await post(ctx, good(ctx, { owner: person({ mobile: '13655556666' }) })), 'owner.mobile', /其他备案主体/);
});

test('Shanghai wants the owner ID valid for more than 3 months', async () => {
  const ctx = await websiteOrder(newAccount(), { province: '上海', abbr: '沪' });
  const soon = new Date(Date.now() + 60 * 86400000).toISOString().slice(0, 10);
  refused(await post(ctx, good(ctx, { owner: person({ id_long_term: false, id_valid_until: soon }) })), 'owner.id_valid_until', /上海/);
  const later = new Date(Date.now() + 200 * 86400000).toISOString().slice(0, 10);
  const r = await post(ctx, good(ctx, { owner: person({ id_long_term: false, id_valid_until: later, mobile: `135${String(Date.now()).slice(-8)}` }) }));
  assert.equal(r.status, 201, r.text);
});

test('each website needs its own verified service number', async () => {
  const ctx = await websiteOrder(newAccount(), { nature: 'enterprise', legalRep: '王五' }, 2);
  refused(await post(ctx, good(ctx, { service_number: '7K3M-9QXD-2F8H-VW4P' })), 'service_number', /不属于本订单/);
  assert.equal((await post(ctx, good(ctx, { name: '测试公司官网' }))).status, 201);
  refused(await post(ctx, good(ctx, { name: '测试公司商城' })), 'service_number', /另一个网站/);
  const second = await post(ctx, good(ctx, { name: '测试公司商城', service_number: ctx.numbers[1] }));
  assert.equal(second.status, 201, second.text);
  const list = await api('GET', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token });
  assert.equal(list.data.websites.length, 2);
  assert.equal(list.data.limits.max_websites, 10);
});

test('the cap per order follows subject type and province (personal 1, 湖南 1)', async () => {
  const ctx = await websiteOrder(newAccount(), {}, 2);
  assert.equal((await post(ctx, good(ctx))).status, 201);
  const r = await post(ctx, good(ctx, { service_number: ctx.numbers[1] }));
  assert.equal(r.status, 409, r.text);
  assert.equal(r.data.error.code, 'website_limit');
  assert.equal(r.data.error.max, 1);
  const hn = await websiteOrder(newAccount(), { nature: 'enterprise', province: '湖南', abbr: '湘', legalRep: '王五' }, 2);
  assert.equal((await post(hn, good(hn, { name: '测试公司官网' }))).status, 201);
  const r2 = await post(hn, good(hn, { name: '测试公司商城', service_number: hn.numbers[1] }));
  assert.equal(r2.status, 409);
  assert.match(r2.data.error.message, /湖南/);
});

test('the check endpoint runs the same rules and saves nothing', async () => {
  const ctx = await websiteOrder(newAccount());
  const bad = await check(ctx, good(ctx, { name: '中国日记本', domain: 'www.example.com' }));
  assert.equal(bad.status, 200);
  assert.match(bad.data.errors.name, /中国/);
  assert.match(bad.data.errors.domain, /www/);
  const fine = await check(ctx, good(ctx));
  assert.deepEqual(fine.data.errors, {});
  const list = await api('GET', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token });
  assert.equal(list.data.websites.length, 0);
});

test('a word added to name_rule with SQL is refused at once, with no rebuild', async () => {
  const ctx = await websiteOrder(newAccount());
  sql("INSERT INTO name_rule (kind, word, message, source, as_of) VALUES ('sensitive', '测试禁词', '网站名称不能包含“测试禁词”', 'test', '2026-11-28')");
  try {
    refused(await post(ctx, good(ctx, { name: '王五测试禁词日记' })), 'name', /测试禁词/);
  } finally {
    sql("DELETE FROM name_rule WHERE source = 'test'");
  }
});

test('update and delete a website; another account gets 404', async () => {
  const ctx = await websiteOrder(newAccount());
  const made = await post(ctx, good(ctx));
  const wid = made.data.id;
  const put = await api('PUT', `/api/orders/${ctx.oid}/websites/${wid}`, { bearer: ctx.s.token, json: good(ctx, { name: '王五的旅行日记', domain: made.data.domain }) });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.data.name, '王五的旅行日记');
  const intruder = await login(newAccount());
  assert.equal((await api('PUT', `/api/orders/${ctx.oid}/websites/${wid}`, { bearer: intruder.token, json: good(ctx) })).status, 404);
  assert.equal((await api('DELETE', `/api/orders/${ctx.oid}/websites/${wid}`, { bearer: intruder.token })).status, 404);
  assert.equal((await api('GET', `/api/orders/${ctx.oid}/websites`, { bearer: intruder.token })).status, 404);
  assert.equal((await api('DELETE', `/api/orders/${ctx.oid}/websites/${wid}`, { bearer: ctx.s.token })).status, 200);
  assert.equal((await api('DELETE', `/api/orders/${ctx.oid}/websites/${wid}`, { bearer: ctx.s.token })).status, 404);
});

test('a classic form saves a website (owner.* keys, repeated codes)', async () => {
  const ctx = await websiteOrder(newAccount());
  const domain = newDomain();
  const body = new URLSearchParams([
    ['name', '王五的读书笔记'], ['domain', domain], ['homepage_url', `www.${domain}`],
    ['content_types', '32'], ['content_types', '8388608'], ['languages', '1'], ['languages', '12'],
    ['service_number', ctx.numbers[0]], ['owner.same_as_leader', '1'], ['owner.emergency_phone', '0571-88888888'],
    ['next', `/order/website.html?id=${ctx.oid}`],
  ]).toString();
  const origin = new URL(process.env.BEIAN_URL).origin;
  const res = await fetch(`${process.env.BEIAN_URL}/api/orders/${ctx.oid}/websites`, {
    method: 'POST', redirect: 'manual', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html', Origin: origin, Cookie: ctx.s.cookie },
  });
  assert.equal(res.status, 303);
  const list = await api('GET', `/api/orders/${ctx.oid}/websites`, { bearer: ctx.s.token });
  assert.deepEqual(list.data.websites[0].content_types, [32, 8388608]);
  assert.deepEqual(list.data.websites[0].languages, [1, 12]);
});

test('GET /api/rules/{province} gives the hints, by name, abbreviation or code', async () => {
  for (const p of ['浙江', '浙', '330000']) {
    const r = await api('GET', `/api/rules/${encodeURIComponent(p)}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.data.province.code, '330000');
    assert.equal(r.data.rules.personal.max_websites_per_order.value, 1);
    assert.equal(r.data.rules.organisation.max_websites_per_order.value, 10);
    assert.equal(r.data.rules.personal.domain_cert_required.value, 1);
    assert.ok(r.data.suffixes.includes('xn--fiqs8s'));
    assert.ok(r.data.name_rules.length > 20);
  }
  const unknown = await api('GET', '/api/rules/%E7%81%AB%E6%98%9F');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.data.error.code, 'province_unknown');
});

// An ID number for someone born on birth (YYYYMMDD), with its check digit.
function idBorn(birth) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s17 = `440104${birth}123`;
  return s17 + '10X98765432'[[...s17].reduce((a, c, i) => a + Number(c) * w[i], 0) % 11];
}

test('广东 accepts a 17-year-old owner; 浙江 (18) does not', async () => {
  const d = new Date(Date.now() - (17 * 365.25 + 30) * 86400000);
  const birth = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  const zj = await websiteOrder(newAccount());
  refused(await post(zj, good(zj, { owner: person({ id_number: idBorn(birth) }) })), 'owner.id_number', /18 周岁/);
  const gd = await websiteOrder(newAccount(), { province: '广东', abbr: '粤' });
  const r = await post(gd, good(gd, { owner: person({ id_number: idBorn(birth), mobile: `133${String(Date.now()).slice(-8)}` }) }));
  assert.equal(r.status, 201, r.text);
  assert.match(r.data.warnings.subject.join(), /承诺书/, '广东 wants a commitment letter');
});

test('province warnings: local mobile (北京), leader not the legal representative (广东)', async () => {
  const bj = await websiteOrder(newAccount(), { province: '北京', abbr: '京' });
  const r = await post(bj, good(bj));
  assert.equal(r.status, 201, r.text);
  assert.match(r.data.warnings['owner.mobile'].join(), /本地号码/);
  const gd = await websiteOrder(newAccount(), { nature: 'enterprise', province: '广东', abbr: '粤', legalRep: '李四' });
  const r2 = await post(gd, good(gd, { name: '测试公司官网' }));
  assert.equal(r2.status, 201, r2.text);
  assert.match(r2.data.warnings.subject.join(), /法定代表人/);
});
