// Errors nginx produces itself (issue 16): an API client still gets the
// JSON envelope, a person the site's page; a smuggling shape is refused.
// Raw sockets, because fetch would not send these requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { BASE } from './lib.mjs';

const { hostname, port } = new URL(BASE);

function raw(request) {
  return new Promise((resolve, reject) => {
    const s = net.createConnection({ host: hostname, port: Number(port) });
    const chunks = [];
    s.setTimeout(10000, () => { s.destroy(); reject(new Error('no answer')); });
    s.on('data', (c) => chunks.push(c));
    s.on('error', reject);
    s.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const lines = head.split('\r\n');
      const headers = {};
      for (const l of lines.slice(1)) {
        const i = l.indexOf(':');
        headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status: Number(lines[0].split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    s.end(request);
  });
}

const get = (target, extra = '') => raw(`GET ${target} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n${extra}\r\n`);

function envelope(r, status, code) {
  assert.equal(r.status, status, r.body);
  assert.match(r.headers['content-type'], /^application\/json/);
  const e = JSON.parse(r.body).error;
  assert.equal(e.code, code);
  assert.ok(e.message.length > 0);
  assert.match(e.request_id, /^[0-9a-f]{32}$/);
}

function page(r, status, title) {
  assert.equal(r.status, status, r.body);
  assert.match(r.headers['content-type'], /^text\/html/);
  assert.match(r.body, title);
  assert.ok(!r.body.includes('<center>nginx</center>'), 'not nginx\'s own page');
  assert.ok(r.headers['content-security-policy'], 'the security headers as on any page');
}

test('a %00 or a bad escape in the path: 400 in the envelope for /api/, the site\'s page elsewhere', async () => {
  envelope(await get('/api/orders/%00'), 400, 'bad_request');
  envelope(await get('/api/session/%00'), 400, 'bad_request');
  page(await get('/order/%00'), 400, /请求无法处理/);
  page(await get('/%00'), 400, /请求无法处理/);
});

test('a header or a cookie too large: 400, never nginx\'s page', async () => {
  const big = 'a'.repeat(20000);
  envelope(await get('/api/ping', `X-Big: ${big}\r\n`), 400, 'bad_request');
  envelope(await get('/api/subjects', `Cookie: beian_session=${big}\r\n`), 400, 'bad_request');
  page(await get('/order/', `Cookie: x=${big}\r\n`), 400, /Cookie/);
});

test('Content-Length with Transfer-Encoding, or two lengths: refused before any program sees it', async () => {
  const cl = await raw(`POST /api/session HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\nContent-Type: application/json\r\n`
    + 'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/ping HTTP/1.1\r\n\r\n');
  envelope(cl, 400, 'bad_request');
  const two = await raw(`POST /api/session HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\nContent-Type: application/json\r\n`
    + 'Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}');
  envelope(two, 400, 'bad_request');
});

test('an unknown path: /API/ in any case is the API\'s 404, a page the site\'s own', async () => {
  envelope(await get('/API/orders'), 404, 'not_found');
  envelope(await get('/Api/Session'), 404, 'not_found');
  envelope(await get('/api/no-such-route'), 404, 'not_found');
  page(await get('/no-such-page.html'), 404, /找不到这个页面/);
  page(await get('/.error/400'), 404, /找不到这个页面/);
});
