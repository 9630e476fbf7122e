// What the development SMTP server and SMS gateway (scripts/mail-sink.py,
// scripts/sms-sink.py) received: the files they keep under $BEIAN_VAR.
import { readdirSync, readFileSync } from 'node:fs';
import { VAR } from './lib.mjs';

const words = (s) => s.replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b) => Buffer.from(b, 'base64').toString('utf8'))
  .replace(/\?=\s+=\?/g, '?==?');

function headers(block) {
  const h = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) h[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return h;
}

function decode(part) {
  const i = part.indexOf('\r\n\r\n');
  const h = headers(part.slice(0, i));
  const body = part.slice(i + 4);
  const text = /base64/i.test(h['content-transfer-encoding'] || '')
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  return { h, text };
}

/** Every message the SMTP server accepted, oldest first. */
export function mails() {
  const dir = `${VAR}/mail`;
  return readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((file) => {
    const raw = readFileSync(`${dir}/${file}`, 'latin1');
    const utf = Buffer.from(raw, 'latin1').toString('utf8');
    const i = utf.indexOf('\r\n\r\n');
    const h = headers(utf.slice(0, i));
    const boundary = /boundary="([^"]+)"/.exec(h['content-type'] || '')?.[1];
    const parts = boundary ? utf.slice(i + 4).split(`--${boundary}`).slice(1, -1).map(decode) : [];
    const part = (type) => parts.find((p) => (p.h['content-type'] || '').startsWith(type))?.text ?? '';
    return {
      file, raw: utf, envelopeTo: h['x-envelope-to'], to: h.to, from: words(h.from || ''),
      replyTo: words(h['reply-to'] || ''), subject: words(h.subject || '').replace(/\s+/g, ''),
      messageId: h['message-id'], text: part('text/plain').replace(/\r\n/g, '\n'), html: part('text/html'),
    };
  });
}

/** Every SMS the gateway accepted, oldest first: {file, to, text}. */
export function smses() {
  const dir = `${VAR}/sms`;
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) }));
}
