// Rules an operator changes without a rebuild (issue 12): a registry of
// keys that refuses a misspelt one, rows in force from their as_of day,
// beian-admin rule list / set / history, and a test clock in the config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { BUILD, CONF, admin, api, sql, stack } from './lib.mjs';

// beian-admin that may refuse: { status, out, err }.
function tryAdmin(args) {
  try {
    return { status: 0, out: execFileSync(`${BUILD}/cgi/beian-admin`, args, { env: { ...process.env, BEIAN_CONF: CONF }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), err: '' };
  } catch (e) {
    return { status: e.status, out: String(e.stdout), err: String(e.stderr) };
  }
}

// A China date n days from now, as as_of has it.
const day = (n = 0) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);

test('the registry: the code and the table agree; an unknown key is refused by the table and by the CLI', () => {
  assert.equal(tryAdmin(['check']).status, 0, 'beian-admin check compares the keys');
  assert.throws(() => sql(`INSERT INTO province_rule VALUES ('330000','max_website_per_order','all',3,'x','t','${day()}')`),
    /foreign key constraint/, 'a misspelt key in a migration fails');
  assert.throws(() => sql(`INSERT INTO rule_setting VALUES ('order_ttl_day',30,'x','t','${day()}')`), /foreign key constraint/);
  const refusals = [
    [['rule', 'set', '浙江', 'max_website_per_order', '3', '--source', 't', '--as-of', day(1), '--message', 'm'], /no rule key max_website_per_order/],
    [['rule', 'set', '浙江', 'order_ttl_days', '30', '--source', 't', '--as-of', day(1), '--message', 'm'], /a setting, not a province's rule/],
    [['rule', 'set', '全国', 'order_ttl_days', '0', '--source', 't', '--as-of', day(1), '--message', 'm'], /takes 1 to 365/],
    [['rule', 'set', '全国', 'order_ttl_days', '30', '--source', 't', '--as-of', '2027-02-30', '--message', 'm'], /expected a date/],
    [['rule', 'set', '火星', 'owner_min_age', '20', '--source', 't', '--as-of', day(1), '--message', 'm'], /no province 火星/],
    // Issue 16: a rule in force that says nothing would be a blank error.
    [['rule', 'set', '浙江', 'owner_min_age', '20', '--source', 't', '--as-of', day(1), '--message', ' '], /--message may not be empty/],
    [['rule', 'set', '浙江', 'owner_min_age', '20', '--source', 't', '--as-of', day(1), '--subject-kind', 'robot', '--message', 'm'], /all, personal or organisation/],
    [['rule', 'set', '浙江', 'owner_min_age', '20', '--as-of', day(1), '--message', 'm'], /--source is required/],
    [['rule', 'set', '浙江', 'owner_min_age', '20', '--source', 't', '--as-of', day(1)], /--message is required/],
  ];
  for (const [args, why] of refusals) {
    const r = tryAdmin(args);
    assert.notEqual(r.status, 0, args.join(' '));
    assert.match(r.err, why, args.join(' '));
  }
});

test('rule list shows what is in force, with whose row and since when', () => {
  const out = admin(['rule', 'list', '--province', '广东']);
  const line = (key, who) => out.split('\n').find((l) => l.startsWith(`${key}\t${who}\t`));
  assert.match(line('order_ttl_days', 'setting'), /\t45\t000000\t\d{4}-\d{2}-\d{2}$/);
  assert.match(line('owner_min_age', 'personal'), /\t16\t440000\t/, '广东 says 16');
  assert.match(line('commitment_letter_required', 'organisation'), /\t1\t440000\t/);
  assert.match(line('max_domains_per_order', 'personal'), /\t0\tdefault\t-$/, 'no row: the registry\'s default');
});

// Moves the stack's clock and puts it back: the programs read the
// configuration at start, so both are restarted.
async function withClock(offset, fn) {
  const conf = readFileSync(CONF, 'utf8');
  writeFileSync(CONF, `${conf.replace(/^clock_offset.*\n/m, '')}clock_offset = ${offset}\n`);
  stack('restart');
  try {
    return await fn();
  } finally {
    writeFileSync(CONF, conf);
    stack('restart');
  }
}

test('a change scheduled for tomorrow is not in force today, and is once the clock says tomorrow', async () => {
  // 西藏's organisations: a rule no other test reads.
  const set = admin(['rule', 'set', '西藏', 'max_websites_per_order', '3', '--subject-kind', 'organisation',
    '--source', '管局通知（测试）', '--as-of', day(1), '--message', '西藏：单位主体每个订单最多新增 3 个网站']);
  assert.match(set, /^540000\tmax_websites_per_order\torganisation\t3\tfrom \d{4}-\d{2}-\d{2}$/);
  const history = admin(['rule', 'history', '西藏', 'max_websites_per_order']);
  assert.match(history, /\torganisation\t3\t管局通知（测试）\t.*\(scheduled\)/);
  const today = await api('GET', '/api/rules/西藏');
  assert.equal(today.status, 200);
  assert.equal(today.data.rules.organisation.max_websites_per_order.value, 10, 'today: the national rule');
  assert.equal(today.data.rules.organisation.max_websites_per_order.province, '000000');

  const tomorrow = await withClock(86400, async () => {
    assert.match(admin(['rule', 'history', '西藏', 'max_websites_per_order']), /\torganisation\t3\t.*\t\*$/m, 'in force in the CLI');
    return api('GET', '/api/rules/西藏');
  });
  assert.equal(tomorrow.status, 200, tomorrow.text);
  assert.equal(tomorrow.data.rules.organisation.max_websites_per_order.value, 3, 'tomorrow: the scheduled rule');
  assert.equal(tomorrow.data.rules.organisation.max_websites_per_order.message, '西藏：单位主体每个订单最多新增 3 个网站');
  assert.equal(tomorrow.data.rules.personal.max_websites_per_order.value, 1, 'personal subjects keep theirs');
  const back = await api('GET', '/api/rules/西藏');
  assert.equal(back.data.rules.organisation.max_websites_per_order.value, 10, 'the clock is back');
});

test('a naming rule dated tomorrow refuses no name today, and does once the clock says tomorrow', async () => {
  const word = `明日词${process.pid % 1000}`;
  sql(`INSERT INTO name_rule (kind, word, applies_to, province, preapproval_code, severity, message, source, as_of)
       VALUES ('sensitive', '${word}', 'all', '540000', NULL, 'error', '西藏：网站名称不能包含“${word}”', '管局通知（测试）', '${day(1)}')`);
  try {
    const names = async () => (await api('GET', '/api/rules/西藏')).data.name_rules.map((r) => r.word);
    assert.ok(!(await names()).includes(word), 'not in force today');
    const tomorrow = await withClock(86400, names);
    assert.ok(tomorrow.includes(word), 'in force tomorrow');
  } finally {
    sql(`DELETE FROM name_rule WHERE word = '${word}'`);
  }
});
