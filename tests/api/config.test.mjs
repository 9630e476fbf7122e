// The programs refuse to start on a wrong configuration; nginx's
// generated configuration passes nginx -t and has the required limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD, VAR } from './lib.mjs';

const good = [
  'db_socket = /nonexistent/mysql.sock',
  'db_name = beian',
  'db_user = beian',
  'db_password = x',
  'jwt_secret = 0123456789abcdef0123456789abcdef',
];

function run(prog, lines, args = ['--check-config']) {
  const dir = mkdtempSync(join(tmpdir(), 'beian-conf-'));
  const path = join(dir, 'beian.conf');
  writeFileSync(path, lines.join('\n') + '\n');
  return spawnSync(`${BUILD}/cgi/${prog}`, args, { env: { ...process.env, BEIAN_CONF: path }, encoding: 'utf8', input: '' });
}

test('a good configuration passes --check-config', () => {
  for (const prog of ['ping', 'session']) {
    const r = run(prog, good);
    assert.equal(r.status, 0, r.stderr);
  }
});

const bad = {
  'JWT secret of 16 bytes': good.map((l) => (l.startsWith('jwt_secret') ? 'jwt_secret = 0123456789abcdef' : l)),
  'empty JWT secret': good.map((l) => (l.startsWith('jwt_secret') ? 'jwt_secret =' : l)),
  'no JWT secret': good.filter((l) => !l.startsWith('jwt_secret')),
  'unknown key': [...good, 'jwt_secert = 0123456789abcdef0123456789abcdef'],
  'missing db_socket': good.filter((l) => !l.startsWith('db_socket')),
  'missing db_name': good.filter((l) => !l.startsWith('db_name')),
  'key given twice': [...good, 'db_name = other'],
  'integer out of range': [...good, 'session_ttl = 5'],
};

for (const [name, lines] of Object.entries(bad)) {
  test(`refuses to start: ${name}`, () => {
    for (const prog of ['ping', 'session']) {
      // Even without --check-config: it must exit before serving.
      const r = run(prog, lines, []);
      assert.equal(r.status, 1, `${prog}: ${r.stderr}`);
      assert.match(r.stderr, /refusing to start/);
    }
  });
}

test('the generated nginx configuration passes nginx -t and has the limits', () => {
  const r = spawnSync('nginx', ['-t', '-p', `${VAR}/`, '-c', `${VAR}/nginx.conf`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const conf = readFileSync(`${VAR}/nginx.conf`, 'utf8');
  assert.match(conf, /limit_req zone=beian_login/);
  assert.match(conf, /limit_req_status 429/);
  assert.match(conf, /client_max_body_size/);
  assert.match(conf, /frame-ancestors 'none'/);
  assert.doesNotMatch(conf, /keepalive \d/, 'no upstream keepalive (stack.md gotcha 4)');
});
