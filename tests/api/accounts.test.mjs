// Live account state (issue 16): a role changed or an account disabled
// counts on the very next request of a session made before; the worker
// sweeps ended sessions and old login failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BUILD, CONF, admin, api, login, newAccount, sql } from './lib.mjs';

const worker = () => execFileSync(`${BUILD}/cgi/beian-worker`, ['--once'],
  { env: { ...process.env, BEIAN_CONF: CONF }, encoding: 'utf8' });

test('beian-admin account set: a new role and a disabled account count on the next request', async () => {
  const rv = newAccount('reviewer');
  const s = await login(rv);
  const queue = () => api('GET', '/api/review/queue', { bearer: s.token });
  assert.equal((await queue()).status, 200);
  assert.equal(admin(['account', 'set', '--login', rv.login, '--role', 'applicant']), `${rv.login}\tapplicant`);
  assert.equal((await queue()).status, 403, 'no longer a reviewer');
  const me = await api('GET', '/api/session', { bearer: s.token });
  assert.equal(me.data.user.role, 'applicant');
  assert.equal(admin(['account', 'set', '--login', rv.login, '--disabled', 'yes']), `${rv.login}\tdisabled`);
  assert.equal((await api('GET', '/api/subjects', { bearer: s.token })).status, 401);
  const again = await api('POST', '/api/session', { json: { login: rv.login, password: rv.password } });
  assert.equal(again.status, 401, 'nor a new session');
  admin(['account', 'set', '--login', rv.login, '--disabled', 'no', '--role', 'reviewer']);
  assert.equal((await queue()).status, 200, 'back, with the same session');
  assert.throws(() => admin(['account', 'set', '--login', rv.login, '--role', 'root']), /role root/);
  assert.throws(() => admin(['account', 'set', '--login', rv.login, '--disabled', 'maybe']), /yes or no/);
  assert.throws(() => admin(['account', 'set', '--login', 'no-such-login-x', '--role', 'admin']), /no account/);
  assert.throws(() => admin(['account', 'set', '--login', rv.login]), /usage/);
});

test('beian-worker sweeps sessions a day past their end and login failures out of their window', async () => {
  const a = newAccount();
  await login(a);
  const id = a.id;
  sql(`INSERT INTO session (jti, account_id, login, name, role, created_at, expires_at, ip) VALUES
    ('old${String(id).padStart(29, '0')}', ${id}, '${a.login}', 'x', 'applicant', UTC_TIMESTAMP() - INTERVAL 3 DAY, UTC_TIMESTAMP() - INTERVAL 2 DAY, ''),
    ('rev${String(id).padStart(29, '0')}', ${id}, '${a.login}', 'x', 'applicant', UTC_TIMESTAMP() - INTERVAL 3 DAY, UTC_TIMESTAMP() + INTERVAL 1 DAY, '')`);
  sql(`UPDATE session SET revoked_at = UTC_TIMESTAMP() - INTERVAL 2 DAY WHERE jti = 'rev${String(id).padStart(29, '0')}'`);
  sql(`INSERT INTO login_failure (login, at, ip) VALUES ('${a.login}', UTC_TIMESTAMP(6) - INTERVAL 2 HOUR, ''), ('${a.login}', UTC_TIMESTAMP(6), '')`);
  worker();
  assert.equal(sql(`SELECT COUNT(*) FROM session WHERE account_id = ${id}`), '1', 'the live one stays');
  assert.equal(sql(`SELECT COUNT(*) FROM login_failure WHERE login = '${a.login}'`), '1', 'the recent failure stays');
});
