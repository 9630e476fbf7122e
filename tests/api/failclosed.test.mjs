// Checks that fail closed (issue 12): when a rule cannot run -- a table it
// reads is gone, an operator's pattern does not compile -- the checks and
// submit answer 503 in the envelope with a log line, the website step
// saves nothing, and nothing is submitted on a list that is not whole.
// An operator's message as long as its column arrives whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { VAR, api, completeOrder, newAccount, newDomain, sql, websiteOrder } from './lib.mjs';

const logOf = (prog) => readFileSync(`${VAR}/log/${prog}.log`, 'utf8');

async function state(ctx) {
  return (await api('GET', `/api/orders/${ctx.oid}`, { bearer: ctx.s.token })).data.state;
}

test('a table the checks read is gone: checks and submit answer 503 checks_unavailable, the log says why, nothing is submitted', async () => {
  const ctx = await completeOrder();
  assert.equal((await api('GET', `/api/orders/${ctx.oid}/checks`, { bearer: ctx.s.token })).status, 200);
  sql('RENAME TABLE content_preapproval TO content_preapproval_gone');
  try {
    const checks = await api('GET', `/api/orders/${ctx.oid}/checks`, { bearer: ctx.s.token });
    assert.equal(checks.status, 503);
    assert.equal(checks.data.error.code, 'checks_unavailable');
    assert.match(checks.data.error.message, /暂时无法完成提交前的检查/);
    assert.equal(checks.data.findings, undefined, 'no list, not an empty one');
    const submit = await api('POST', `/api/orders/${ctx.oid}/submit`, { bearer: ctx.s.token });
    assert.equal(submit.status, 503);
    assert.equal(submit.data.error.code, 'checks_unavailable');
    assert.equal(await state(ctx), 'draft', 'not submitted on checks that did not run');
    assert.match(logOf('submit'), new RegExp(`ERR .*checks of order ${ctx.oid} could not run`));
  } finally {
    sql('RENAME TABLE content_preapproval_gone TO content_preapproval');
  }
  const again = await api('GET', `/api/orders/${ctx.oid}/checks`, { bearer: ctx.s.token });
  assert.equal(again.status, 200);
  assert.equal(again.data.can_submit, true);
  assert.equal((await api('POST', `/api/orders/${ctx.oid}/submit`, { bearer: ctx.s.token })).status, 200);
});

test('an operator\'s name pattern that does not compile: the website step and the checks refuse (503), the log names the row', async () => {
  const ctx = await completeOrder();
  const other = await websiteOrder(newAccount(), { province: '江苏', abbr: '苏' });
  const pattern = `^(unclosed${process.pid}`;
  sql(`INSERT INTO name_rule (kind, word, applies_to, province, preapproval_code, severity, message, source, as_of)
       VALUES ('province_pattern', '${pattern}', 'all', '330000', NULL, 'error', '测试：坏的规则', 'test', '2026-11-01')`);
  try {
    const domain = newDomain();
    const site = { name: '王五的旅行笔记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
      service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0571-88888888' } };
    const check = await api('POST', `/api/orders/${ctx.oid}/websites/check`, { bearer: ctx.s.token, json: site });
    assert.equal(check.status, 503);
    assert.equal(check.data.error.code, 'rules_unavailable');
    const put = await api('PUT', `/api/orders/${ctx.oid}/websites/${ctx.wid}`, { bearer: ctx.s.token, json: { ...site, name: '王五的风光摄影', domain: ctx.domain, homepage_url: `www.${ctx.domain}` } });
    assert.equal(put.status, 503, 'nothing unchecked is saved');
    const stored = await api('GET', `/api/orders/${ctx.oid}`, { bearer: ctx.s.token });
    assert.equal(stored.data.websites[0].name, '王五的摄影日记');
    assert.match(logOf('website'), new RegExp(`ERR .*name_rule "\\^\\(unclosed${process.pid}" \\(province 330000\\): the pattern does not compile`));
    const checks = await api('GET', `/api/orders/${ctx.oid}/checks`, { bearer: ctx.s.token });
    assert.equal(checks.status, 503);
    assert.equal(checks.data.error.code, 'checks_unavailable');
    // Another province's order does not read the row.
    const d2 = newDomain();
    const elsewhere = await api('POST', `/api/orders/${other.oid}/websites/check`, { bearer: other.s.token, json: {
      ...site, domain: d2, homepage_url: `www.${d2}`, service_number: other.numbers[0] } });
    assert.equal(elsewhere.status, 200);
  } finally {
    sql(`DELETE FROM name_rule WHERE word = '${pattern}'`);
  }
  assert.equal((await api('GET', `/api/orders/${ctx.oid}/checks`, { bearer: ctx.s.token })).status, 200);
});

test('an operator\'s message of 255 characters, the column\'s width, arrives whole in the website step\'s warning', async () => {
  // 青海's local-mobile rule: a row no other test reads.
  const message = `青海：${'负责人手机号码须为本地号码'.repeat(19)}${'号'.repeat(255 - 3 - 13 * 19)}`;
  assert.equal([...message].length, 255);
  const account = newAccount();
  const ctx = await websiteOrder(account, { province: '青海', abbr: '青' });
  sql(`INSERT INTO province_rule VALUES ('630000', 'local_mobile', 'all', 1, '${message}', 'test', '2026-11-01')`);
  try {
    const domain = newDomain();
    const r = await api('POST', `/api/orders/${ctx.oid}/websites/check`, { bearer: ctx.s.token, json: {
      name: '王五的旅行笔记', domain, homepage_url: `www.${domain}`, content_types: [32], languages: [1],
      service_number: ctx.numbers[0], owner: { same_as_leader: true, emergency_phone: '0971-8888888' } } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.data.warnings['owner.mobile'], [message]);
  } finally {
    sql(`DELETE FROM province_rule WHERE province = '630000' AND rule = 'local_mobile' AND source = 'test'`);
  }
});
