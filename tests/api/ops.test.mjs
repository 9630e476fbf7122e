// The operator's side: migrations, beian-admin refusals, scripts/run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD, CONF, ROOT, VAR, admin, api } from './lib.mjs';

function adminRun(args, { input = '', conf = CONF } = {}) {
  return spawnSync(`${BUILD}/cgi/beian-admin`, args, { env: { ...process.env, BEIAN_CONF: conf }, input, encoding: 'utf8' });
}

// A copy of the stack's configuration pointing at another migrations folder.
function confWithSqlDir(dir) {
  const tmp = mkdtempSync(join(tmpdir(), 'beian-ops-'));
  const text = readFileSync(CONF, 'utf8').split('\n').filter((l) => !l.startsWith('sql_dir')).join('\n');
  const path = join(tmp, 'beian.conf');
  writeFileSync(path, `${text}\nsql_dir = ${dir}\n`);
  return path;
}

test('migrate is idempotent', () => {
  const r = adminRun(['migrate']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'up to date');
});

test('an applied migration that was edited afterwards is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'beian-sql-'));
  cpSync(`${ROOT}/sql`, dir, { recursive: true });
  appendFileSync(join(dir, '001-accounts.sql'), '\n-- edited after it was applied\n');
  const r = adminRun(['migrate'], { conf: confWithSqlDir(dir) });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /001-accounts\.sql was changed after it was applied/);
});

test('a broken new migration stops migrate with the server message and is not recorded', () => {
  const dir = mkdtempSync(join(tmpdir(), 'beian-sql-'));
  cpSync(`${ROOT}/sql`, dir, { recursive: true });
  writeFileSync(join(dir, '999-broken.sql'), 'CREATE TABLE broken_t (id INT) ENGINE=InnoDB;\nCREATE TABLEX nope;\n');
  const conf = confWithSqlDir(dir);
  const r = adminRun(['migrate'], { conf });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /999-broken\.sql: 1064/);
  const again = adminRun(['migrate'], { conf });
  assert.equal(again.status, 1, 'still pending, so it is tried again');
  const clean = spawnSync('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysql.sock`, '-uroot', 'beian', '-e', 'DROP TABLE IF EXISTS broken_t']);
  assert.equal(clean.status, 0);
});

test('beian-admin refuses bad accounts with one line and a non-zero exit', () => {
  const dup = adminRun(['account', 'add', '--login', 'demo', '--role', 'applicant'], { input: 'long-enough-pw\n' });
  assert.equal(dup.status, 1);
  assert.match(dup.stderr, /login demo exists already/);
  const role = adminRun(['account', 'add', '--login', 'x-role', '--role', 'root'], { input: 'long-enough-pw\n' });
  assert.equal(role.status, 1);
  assert.match(role.stderr, /role root/);
  const short = adminRun(['account', 'add', '--login', 'x-short', '--role', 'applicant'], { input: 'short\n' });
  assert.equal(short.status, 1);
  const login = adminRun(['account', 'add', '--login', 'Bad Login', '--role', 'applicant'], { input: 'long-enough-pw\n' });
  assert.equal(login.status, 1);
  const usage = adminRun(['account', 'add', '--bogus', 'x']);
  assert.equal(usage.status, 2);
  assert.equal(adminRun(['no-such-command']).status, 2);
});

test('a new account can log in; its id is printed', async () => {
  const id = admin(['account', 'add', '--login', `ops-${process.pid}`, '--role', 'reviewer', '--name', '审核员乙'], 'reviewer-pw-123\n');
  assert.match(id, /^[1-9][0-9]*$/);
  const r = await api('POST', '/api/session', { json: { login: `ops-${process.pid}`, password: 'reviewer-pw-123' } });
  assert.equal(r.status, 200);
  assert.equal(r.data.user.role, 'reviewer');
  assert.equal(r.data.user.id, Number(id));
});

test('demo is idempotent and prints the three logins and the demo numbers', () => {
  const out = admin(['demo']).split('\n');
  const logins = out.filter((l) => !l.startsWith('service-number '));
  assert.deepEqual(logins.map((l) => l.split(' ').slice(0, 2).join(' ')), ['applicant demo', 'reviewer reviewer', 'admin admin']);
  const numbers = out.filter((l) => l.startsWith('service-number '));
  assert.ok(numbers.length >= 8);
  assert.ok(numbers.some((l) => / 可用/.test(l)) && numbers.some((l) => /不可用：按量付费/.test(l)));
  assert.deepEqual(admin(['demo']).split('\n'), out, 'a second run adds nothing');
});

test('every SQL statement prepares against the migrated schema with its signature', () => {
  const r = adminRun(['check']);
  assert.equal(r.status, 0, r.stderr);
});

test('scripts/run on a running stack says so and exits 0; status agrees', () => {
  const env = { ...process.env, BEIAN_VAR: VAR, BEIAN_BUILD: BUILD };
  const st = spawnSync(`${ROOT}/scripts/run`, ['status'], { env, encoding: 'utf8' });
  assert.equal(st.status, 0, st.stderr);
  assert.match(st.stdout, /is running/);
  const again = spawnSync(`${ROOT}/scripts/run`, ['start'], { env, encoding: 'utf8' });
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /already running/);
  const other = mkdtempSync(join(tmpdir(), 'beian-none-'));
  chmodSync(other, 0o755);
  const none = spawnSync(`${ROOT}/scripts/run`, ['status'], { env: { ...env, BEIAN_VAR: other }, encoding: 'utf8' });
  assert.equal(none.status, 3);
  assert.match(none.stdout, /not running/);
});
