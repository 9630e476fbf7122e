// Log in, log out, who am I: the session program through nginx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, api, apiFrom, login, loopback, newAccount, sessionCookie, signToken, decodePayload, confValue, sleep, sql,
} from './lib.mjs';

function assertEnvelope(res, status, code) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.data?.error?.code, code, res.text);
  assert.equal(typeof res.data.error.message, 'string');
  assert.ok(res.data.error.message.length > 0);
  assert.match(res.data.error.request_id, /^[0-9a-f]{16,64}$/);
}

test('ping answers without a session and carries the security headers', async () => {
  const res = await api('GET', '/api/ping');
  assert.equal(res.status, 200);
  assert.deepEqual(res.data, { ok: true });
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(res.headers.get('referrer-policy'));
  const page = await fetch(`${BASE}/login.html`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy'), /script-src 'self'/);
});

test('no session: 401 envelope whose request_id is the X-Request-Id', async () => {
  const res = await api('GET', '/api/session');
  assertEnvelope(res, 401, 'unauthenticated');
  assert.equal(res.data.error.request_id, res.headers.get('x-request-id'));
});

test('unknown API path and method give the contract errors', async () => {
  assertEnvelope(await api('GET', '/api/no-such-thing'), 404, 'not_found');
  const res = await api('GET', '/api/session/logout');
  assertEnvelope(res, 405, 'method_not_allowed');
  assert.match(res.headers.get('allow'), /POST/);
  assertEnvelope(await api('PUT', '/api/session', { json: {} }), 405, 'method_not_allowed');
});

test('login sets the cookie as the contract says and returns user and csrf', async () => {
  const a = newAccount();
  const res = await api('POST', '/api/session', { json: { login: a.login, password: a.password } });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.data.user.login, a.login);
  assert.equal(res.data.user.id, a.id);
  assert.equal(res.data.user.role, 'applicant');
  assert.equal(res.data.user.name, '测试用户');
  assert.match(res.data.csrf, /^[0-9a-f]{64}$/);
  const sc = sessionCookie(res);
  assert.ok(sc, 'Set-Cookie beian_session');
  assert.match(sc, /; HttpOnly/);
  assert.match(sc, /; SameSite=Lax/);
  assert.match(sc, /; Path=\//);
  assert.doesNotMatch(sc, /Secure/, 'plain http must not get Secure');
  const p = decodePayload(sc.split(';')[0].split('=')[1]);
  assert.equal(p.typ, 'session');
  assert.equal(p.sub, String(a.id));
  assert.ok(p.exp > p.iat);
});

test('login names are trimmed and case-insensitive', async () => {
  const a = newAccount();
  const res = await api('POST', '/api/session', { json: { login: `  ${a.login.toUpperCase()} `, password: a.password } });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.data.user.login, a.login);
});

test('a session works as cookie and as Bearer, and each login gets a new token', async () => {
  const a = newAccount();
  const s1 = await login(a);
  const s2 = await login(a);
  assert.notEqual(decodePayload(s1.token).jti, decodePayload(s2.token).jti);
  const byCookie = await api('GET', '/api/session', { cookie: s1.cookie });
  assert.equal(byCookie.status, 200);
  assert.equal(byCookie.data.user.login, a.login);
  assert.equal(byCookie.data.csrf, s1.csrf);
  const byBearer = await api('GET', '/api/session', { bearer: s2.token });
  assert.equal(byBearer.status, 200);
  assert.equal(byBearer.data.user.id, a.id);
});

test('wrong password and unknown login get the same 401 and take similar time', async () => {
  const a = newAccount();
  const times = { wrong: [], unknown: [] };
  let wrong, unknown;
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    wrong = await api('POST', '/api/session', { json: { login: a.login, password: 'not-the-password' } });
    times.wrong.push(performance.now() - t);
    t = performance.now();
    unknown = await api('POST', '/api/session', { json: { login: `nobody-${a.login}`, password: 'not-the-password' } });
    times.unknown.push(performance.now() - t);
  }
  assertEnvelope(wrong, 401, 'unauthenticated');
  assertEnvelope(unknown, 401, 'unauthenticated');
  assert.equal(wrong.data.error.message, unknown.data.error.message);
  assert.deepEqual(wrong.data.error.fields, unknown.data.error.fields);
  // Both run argon2id; without the dummy hash "unknown" is ~30x faster.
  const med = (xs) => xs.sort((x, y) => x - y)[1];
  const ratio = med(times.wrong) / med(times.unknown);
  assert.ok(ratio > 0.33 && ratio < 3, `timing ratio ${ratio.toFixed(2)} (${times.wrong} vs ${times.unknown})`);
});

test('five failures lock the login: 429 with Retry-After even with the right password', async () => {
  const a = newAccount();
  const other = newAccount();
  for (let i = 0; i < 5; i++) {
    const r = await api('POST', '/api/session', { json: { login: a.login, password: `wrong-${i}` } });
    assertEnvelope(r, 401, 'unauthenticated');
  }
  const locked = await api('POST', '/api/session', { json: { login: a.login, password: a.password } });
  assertEnvelope(locked, 429, 'rate_limited');
  const ra = Number(locked.headers.get('retry-after'));
  assert.ok(ra >= 1 && ra <= 900, `Retry-After ${ra}`);
  // Another login is not affected.
  const ok = await api('POST', '/api/session', { json: { login: other.login, password: other.password } });
  assert.equal(ok.status, 200);
});

// Issue 16: the lock is per (login, address); a login is also limited
// across addresses, more slowly, and an address across logins.
const tryLogin = (addr, login, password) => apiFrom(addr, 'POST', '/api/session', { json: { login, password } });

test('a stranger\'s failures lock only the stranger\'s address: the owner logs in from theirs', async () => {
  const a = newAccount();
  const stranger = loopback();
  const owner = loopback();
  for (let i = 0; i < 5; i++) assert.equal((await tryLogin(stranger, a.login, `guess-${i}`)).status, 401);
  const locked = await tryLogin(stranger, a.login, a.password);
  assertEnvelope(locked, 429, 'rate_limited');
  const ra = Number(locked.headers['retry-after']);
  assert.ok(ra >= 1 && ra <= 900, `Retry-After ${ra}`);
  assert.match(locked.data.error.message, /此网络下已被暂时锁定.*分钟后可再试/);
  const mine = await tryLogin(owner, a.login, a.password);
  assert.equal(mine.status, 200, mine.text);
  assert.equal((await tryLogin(stranger, a.login, a.password)).status, 429, 'the owner\'s success does not unlock the stranger');
});

test('a login guessed from many addresses is locked everywhere, for longer', async () => {
  const a = newAccount();
  const max = Number(confValue('login_account_max_failures') || 30);
  for (let i = 0; i < max; i++) {
    const r = await tryLogin(loopback(), a.login, `spread-${i}`);
    assert.equal(r.status, 401, `failure ${i}: ${r.text}`);
  }
  const r = await tryLogin(loopback(), a.login, a.password);
  assertEnvelope(r, 429, 'rate_limited');
  assert.match(r.data.error.message, /多处登录失败/);
  assert.ok(Number(r.headers['retry-after']) > 900, `Retry-After ${r.headers['retry-after']}: the longer window`);
});

test('failures older than the short window still count for the login\'s longer one', async () => {
  const a = newAccount();
  const max = Number(confValue('login_account_max_failures') || 30);
  // Twenty minutes ago, from many addresses: past the 15-minute window
  // of a pair, inside the hour of the login.
  const rows = Array.from({ length: max - 3 }, () => `('${a.login}', UTC_TIMESTAMP(6) - INTERVAL 20 MINUTE, '${loopback()}')`);
  sql(`INSERT INTO login_failure (login, at, ip) VALUES ${rows.join(',')}`);
  for (let i = 0; i < 3; i++) assert.equal((await tryLogin(loopback(), a.login, `late-${i}`)).status, 401);
  const r = await tryLogin(loopback(), a.login, a.password);
  assertEnvelope(r, 429, 'rate_limited');
  assert.match(r.data.error.message, /多处登录失败/);
});

test('an address spraying many logins is stopped, other addresses are not', async () => {
  const sprayer = loopback();
  const max = Number(confValue('login_address_max_failures') || 100);
  // All but five failures as rows (the counter is shared through the
  // database); the last five are real, each on another login.
  const rows = Array.from({ length: max - 5 }, (_, i) => `('spray-${i}-${process.pid}', UTC_TIMESTAMP(6), '${sprayer}')`);
  sql(`INSERT INTO login_failure (login, at, ip) VALUES ${rows.join(',')}`);
  for (let i = 0; i < 5; i++) {
    const r = await tryLogin(sprayer, newAccount().login, 'Summer2026!');
    assert.equal(r.status, 401, `spray ${i}: ${r.text}`);
  }
  const a = newAccount();
  const stopped = await tryLogin(sprayer, a.login, a.password);
  assertEnvelope(stopped, 429, 'rate_limited');
  assert.match(stopped.data.error.message, /此网络地址/);
  assert.ok(Number(stopped.headers['retry-after']) >= 1);
  assert.equal((await tryLogin(loopback(), a.login, a.password)).status, 200);
});

test('the counters expire with their window', async () => {
  const a = newAccount();
  const addr = loopback();
  const window = Number(confValue('login_window') || 900);
  const at = (secs) => `UTC_TIMESTAMP(6) - INTERVAL ${secs} SECOND`;
  sql(`INSERT INTO login_failure (login, at, ip) VALUES ${Array.from({ length: 5 }, () => `('${a.login}', ${at(window + 5)}, '${addr}')`).join(',')}`);
  assert.equal((await tryLogin(addr, a.login, a.password)).status, 200, 'five failures out of the window count for nothing');
  sql(`INSERT INTO login_failure (login, at, ip) VALUES ${Array.from({ length: 5 }, () => `('${a.login}', ${at(window - 3)}, '${addr}')`).join(',')}`);
  const locked = await tryLogin(addr, a.login, a.password);
  assertEnvelope(locked, 429, 'rate_limited');
  const ra = Number(locked.headers['retry-after']);
  assert.ok(ra >= 1 && ra <= 4, `Retry-After ${ra}: the oldest failure leaves the window in about 3 s`);
  await sleep((ra + 1) * 1000);
  assert.equal((await tryLogin(addr, a.login, a.password)).status, 200, 'unlocked when Retry-After said');
});

test('a success clears earlier failures', async () => {
  const a = newAccount();
  for (let i = 0; i < 4; i++) await api('POST', '/api/session', { json: { login: a.login, password: 'x-wrong-x' } });
  await login(a);
  for (let i = 0; i < 4; i++) await api('POST', '/api/session', { json: { login: a.login, password: 'x-wrong-x' } });
  await login(a);
});

test('hostile and malformed login bodies get clear 4xx errors', async () => {
  let r = await api('POST', '/api/session', { json: {} });
  assertEnvelope(r, 422, 'invalid');
  assert.ok(r.data.error.fields.login);
  assert.ok(r.data.error.fields.password);
  r = await api('POST', '/api/session', { json: { login: 'x', password: '' } });
  assertEnvelope(r, 422, 'invalid');
  assert.deepEqual(Object.keys(r.data.error.fields), ['password']);
  assertEnvelope(await api('POST', '/api/session', { json: '{"login":' }), 400, 'bad_request');
  assertEnvelope(await api('POST', '/api/session', { json: '["login"]' }), 400, 'bad_request');
  assertEnvelope(await api('POST', '/api/session', { json: '{"login":"a","login":"b","password":"c"}' }), 400, 'bad_request');
  assertEnvelope(await api('POST', '/api/session', { json: `${'{"a":'.repeat(40)}1${'}'.repeat(40)}` }), 400, 'bad_request');
  assertEnvelope(await api('POST', '/api/session', { json: '{"login":"a\\u0000b","password":"c"}' }), 400, 'bad_request');
  assertEnvelope(await api('POST', '/api/session', { json: { login: 123, password: [] } }), 422, 'invalid');
  r = await api('POST', '/api/session', { headers: { 'Content-Type': 'text/plain' }, json: undefined });
  const tp = await fetch(`${BASE}/api/session`, { method: 'POST', headers: { 'Content-Type': 'text/plain', Accept: 'application/json' }, body: 'login=a' });
  assert.equal(tp.status, 415);
  assert.equal((await tp.json()).error.code, 'unsupported_media_type');
  const form = await api('POST', '/api/session', { headers: {}, form: { login: 'a', password: 'b%zz' } });
  assertEnvelope(form, 401, 'unauthenticated');
  const badForm = await fetch(`${BASE}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body: 'login=%zz&password=x' });
  assert.equal(badForm.status, 400);
  const big = await api('POST', '/api/session', { json: { login: 'a', password: 'x'.repeat(20000) } });
  assertEnvelope(big, 413, 'too_large');
  const long = await api('POST', '/api/session', { json: { login: 'a'.repeat(500), password: 'y'.repeat(300) } });
  assertEnvelope(long, 422, 'invalid');
});

test('logout needs the CSRF token with a cookie, and revokes the token', async () => {
  const a = newAccount();
  const s = await login(a);
  assertEnvelope(await api('DELETE', '/api/session', { cookie: s.cookie }), 403, 'csrf_failed');
  assertEnvelope(await api('DELETE', '/api/session', { cookie: s.cookie, headers: { 'X-CSRF-Token': '0'.repeat(64) } }), 403, 'csrf_failed');
  const other = await login(newAccount());
  assertEnvelope(await api('DELETE', '/api/session', { cookie: s.cookie, headers: { 'X-CSRF-Token': other.csrf } }), 403, 'csrf_failed');
  assertEnvelope(await api('DELETE', '/api/session', { cookie: s.cookie, headers: { 'X-CSRF-Token': s.csrf, Origin: 'https://evil.example' } }), 403, 'csrf_failed');
  assert.equal((await api('GET', '/api/session', { cookie: s.cookie })).status, 200, 'refused logouts changed nothing');
  const out = await api('DELETE', '/api/session', { cookie: s.cookie, headers: { 'X-CSRF-Token': s.csrf } });
  assert.equal(out.status, 200, out.text);
  assert.match(sessionCookie(out), /Max-Age=0/);
  assertEnvelope(await api('GET', '/api/session', { cookie: s.cookie }), 401, 'unauthenticated');
  assertEnvelope(await api('GET', '/api/session', { bearer: s.token }), 401, 'unauthenticated');
});

test('a Bearer client logs out without CSRF token', async () => {
  const s = await login(newAccount());
  assert.equal((await api('DELETE', '/api/session', { bearer: s.token })).status, 200);
  assert.equal((await api('GET', '/api/session', { bearer: s.token })).status, 401);
});

test('classic form logout is accepted from the same origin only', async () => {
  const origin = new URL(BASE).origin;
  const s = await login(newAccount());
  const evil = await api('POST', '/api/session/logout', { cookie: s.cookie, form: { next: '/login.html' }, headers: { Origin: 'https://evil.example' } });
  assertEnvelope(evil, 403, 'csrf_failed');
  const none = await api('POST', '/api/session/logout', { cookie: s.cookie, form: { next: '/login.html' } });
  assertEnvelope(none, 403, 'csrf_failed');
  const cross = await api('POST', '/api/session/logout', { cookie: s.cookie, form: { next: '/' }, headers: { Origin: origin, 'Sec-Fetch-Site': 'cross-site' } });
  assertEnvelope(cross, 403, 'csrf_failed');
  assert.equal((await api('GET', '/api/session', { cookie: s.cookie })).status, 200);
  const ok = await api('POST', '/api/session/logout', { cookie: s.cookie, form: { next: '/login.html' }, headers: { Origin: origin, Accept: 'text/html' } });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/login.html');
  assert.equal((await api('GET', '/api/session', { cookie: s.cookie })).status, 401);
  const ref = await login(newAccount());
  const viaReferer = await api('POST', '/api/session/logout', { cookie: ref.cookie, form: { next: '/' }, headers: { Referer: `${origin}/`, Accept: 'text/html' } });
  assert.equal(viaReferer.status, 303);
});

test('a cross-site login post is refused (login CSRF)', async () => {
  const a = newAccount();
  const r = await api('POST', '/api/session', { json: { login: a.login, password: a.password }, headers: { Origin: 'https://evil.example' } });
  assertEnvelope(r, 403, 'csrf_failed');
});

test('classic form login: 303 to next on success, back to the form with the error on failure', async () => {
  const origin = new URL(BASE).origin;
  const a = newAccount();
  const html = { Accept: 'text/html,application/xhtml+xml', Origin: origin, Referer: `${origin}/login.html?next=/x` };
  const ok = await api('POST', '/api/session', { form: { login: a.login, password: a.password, next: '/order/progress.html?id=3' }, headers: html });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/order/progress.html?id=3');
  assert.ok(sessionCookie(ok));
  const bad = await api('POST', '/api/session', { form: { login: a.login, password: 'nope-nope', next: '/' }, headers: html });
  assert.equal(bad.status, 303);
  const loc = new URL(bad.headers.get('location'), BASE);
  assert.equal(loc.pathname, '/login.html');
  assert.equal(loc.hash, '#e-unauthenticated');
  assert.equal(loc.searchParams.get('error'), 'unauthenticated');
  assert.equal(loc.searchParams.get('field'), 'password');
  assert.equal(loc.searchParams.get('msg'), '登录名或密码不正确', 'the field\'s own words, for pages without JavaScript');
  assert.match(loc.searchParams.get('sig'), /^[0-9a-f]{64}$/);
  assert.equal(loc.searchParams.get('next'), null);
  const keep = await api('POST', '/api/session', { form: { login: a.login, password: 'nope-nope', next: '/order/x.html?id=7' }, headers: html });
  assert.equal(new URL(keep.headers.get('location'), BASE).searchParams.get('next'), '/order/x.html?id=7');
  for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
    const r = await api('POST', '/api/session', { form: { login: a.login, password: a.password, next }, headers: html });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/', `next=${next}`);
  }
});

test('forged, tampered and foreign tokens are refused (docs/security.md B.1)', async () => {
  const a = newAccount();
  const s = await login(a);
  const good = decodePayload(s.token);
  const now = Math.floor(Date.now() / 1000);
  const hs = { alg: 'HS256', typ: 'JWT' };
  const cases = {
    'alg none': `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${s.token.split('.')[1]}.`,
    'alg none, no dot': `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${s.token.split('.')[1]}`,
    'HS512 with the same secret': signToken({ alg: 'HS512', typ: 'JWT' }, good, { alg: 'sha512' }),
    'HS384 with the same secret': signToken({ alg: 'HS384', typ: 'JWT' }, good, { alg: 'sha384' }),
    'other secret': signToken(hs, good, { secret: 'x'.repeat(40) }),
    'tampered payload': `${s.token.split('.')[0]}.${Buffer.from(JSON.stringify({ ...good, sub: '1' })).toString('base64url')}.${s.token.split('.')[2]}`,
    expired: signToken(hs, { ...good, iat: now - 7200, nbf: now - 7200, exp: now - 1 }),
    'no exp': signToken(hs, (({ exp, ...r }) => r)(good)),
    'future nbf': signToken(hs, { ...good, nbf: now + 3600 }),
    'future iat': signToken(hs, { ...good, iat: now + 3600 }),
    'wrong aud': signToken(hs, { ...good, aud: 'someone-else' }),
    'wrong iss': signToken(hs, { ...good, iss: 'evil' }),
    'typ handoff used as session': signToken(hs, { ...good, typ: 'handoff' }),
    'exp as string': signToken(hs, { ...good, exp: String(now + 3600) }),
    'unknown jti (never issued)': signToken(hs, { ...good, jti: 'ab'.repeat(16) }),
    'sub of another account': signToken(hs, { ...good, sub: String(a.id + 1) }),
    'kid path traversal': signToken({ ...hs, kid: '../../../../dev/null' }, { ...good, jti: 'cd'.repeat(16) }),
    empty: '',
    garbage: 'a.b.c',
    huge: `${'A'.repeat(5000)}.${'B'.repeat(10)}.${'C'.repeat(10)}`,
  };
  const valid = signToken(hs, good);
  assert.equal((await api('GET', '/api/session', { bearer: valid })).status, 200, 'our own signing matches the server');
  for (const [name, tok] of Object.entries(cases)) {
    const viaBearer = await api('GET', '/api/session', { bearer: tok });
    assert.equal(viaBearer.status, 401, `${name} (Bearer): ${viaBearer.text}`);
    assert.equal(viaBearer.data.error.code, 'unauthenticated');
    const viaCookie = await api('GET', '/api/session', { cookie: `beian_session=${tok}` });
    assert.equal(viaCookie.status, 401, `${name} (cookie)`);
  }
  assert.equal((await api('GET', '/api/session', { cookie: `${s.cookie}; ${s.cookie}` })).status, 401, 'two session cookies');
  assert.equal((await api('GET', '/api/session', { headers: { Authorization: `Basic ${s.token}` } })).status, 401);
  assert.ok(confValue('jwt_secret').length >= 32);
});

test('a dead session cookie is cleared', async () => {
  const r = await api('GET', '/api/session', { cookie: 'beian_session=a.b.c' });
  assert.equal(r.status, 401);
  assert.match(sessionCookie(r) ?? '', /Max-Age=0/);
});

test('classic multipart/form-data posts work like urlencoded ones; broken ones are 400', async () => {
  const a = newAccount();
  const fd = new FormData();
  fd.append('login', a.login);
  fd.append('password', a.password);
  let r = await fetch(`${BASE}/api/session`, { method: 'POST', body: fd, headers: { Accept: 'application/json' } });
  assert.equal(r.status, 200, await r.text());
  // Missing close delimiter, bodyless part, a boundary that is not there.
  const bad = [
    ['multipart/form-data; boundary=B', '--B\r\nContent-Disposition: form-data; name="login"\r\n\r\nx'],
    ['multipart/form-data; boundary=B', '--B\r\nContent-Disposition: form-data; name="x"\r\n\r\n--B\r\nContent-Disposition: form-data; name="login"\r\n\r\nv\r\n--B--'],
    ['multipart/form-data', '--B\r\n'],
    ['multipart/form-data; boundary=B', `${'\r\n'.repeat(5000)}`],
  ];
  for (const [ct, body] of bad) {
    r = await fetch(`${BASE}/api/session`, { method: 'POST', body, headers: { 'Content-Type': ct, Accept: 'application/json' } });
    assert.equal(r.status, 400, `${ct} ${JSON.stringify(body.slice(0, 40))}`);
    assert.equal((await r.json()).error.code, 'bad_request');
  }
});
