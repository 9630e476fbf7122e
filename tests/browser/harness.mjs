// Shared set-up of the browser tests (*.test.mjs here): environment, one
// chromium per test file, pages that report script and CSP errors, beian-admin
// fixtures and logging in. It holds no tests, so `node --test browser/` and
// scripts/test (which list *.test.mjs) never run it on its own.
//
// Drives Debian's /usr/bin/chromium through playwright-core, so nothing is
// downloaded; BEIAN_CHROMIUM points elsewhere if need be.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = (process.env.BEIAN_URL || '').replace(/\/+$/, '');
export const VAR = process.env.BEIAN_VAR || '';
export const BUILD = process.env.BEIAN_BUILD || '';
export const DEMO_LOGIN = process.env.BEIAN_DEMO_LOGIN || '';
export const DEMO_PASSWORD = process.env.BEIAN_DEMO_PASSWORD || '';
export const OUT = process.env.BEIAN_TEST_OUT || path.join(tmpdir(), `beian-browser-${process.pid}`);
const CHROMIUM = process.env.BEIAN_CHROMIUM || '/usr/bin/chromium';

// Checked as the values above, so that e.g. BEIAN_URL=/ counts as missing.
const ENV = {
  BEIAN_URL: BASE,
  BEIAN_VAR: VAR,
  BEIAN_BUILD: BUILD,
  BEIAN_DEMO_LOGIN: DEMO_LOGIN,
  BEIAN_DEMO_PASSWORD: DEMO_PASSWORD,
};

// One step (a click, a navigation) is slow well before a whole test is;
// each test file sets its own test timeout.
export const STEP_TIMEOUT = 10_000;

let browser;

/**
 * Registers the file's before/after hooks. `need` names the variables this
 * file cannot run without; `who` and `hint` only word the failure.
 */
export function useBrowser(need, who, hint) {
  before(async () => {
    const missing = need.filter((k) => !ENV[k]);
    // Fail loudly, never skip: a missing stack must not look like a green run.
    assert.deepEqual(missing, [], `${who} need ${missing.join(', ')} set (${hint})`);
    mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Chromium's sandbox will not start as root, which the suites often
      // run as; the rest keeps it from calling home during a run.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    if (browser) await browser.close();
  });
}

export function url(p) {
  return BASE + p;
}

export function pathOf(page) {
  return new URL(page.url()).pathname;
}

/**
 * A fresh context and page, closed after the test. A script error or a CSP
 * violation does not fail a click, so they are collected in `problems` for
 * the test to assert empty (JavaScript-on tests only).
 */
export async function open(t, { javaScriptEnabled = true, width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled,
    viewport: { width, height },
    locale: 'zh-CN',
  });
  context.setDefaultTimeout(STEP_TIMEOUT);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) {
      problems.push(`CSP: ${m.text()}`);
    }
  });
  t.after(() => context.close());
  return { context, page, problems };
}

/** Screenshots go to BEIAN_TEST_OUT for a human to look at; nothing compares them. */
export async function shot(page, name) {
  await page.screenshot({ path: path.join(OUT, name), fullPage: true });
}

/* ------------------------------------------------------------ fixtures */

// Fixtures are made with beian-admin against the stack's own config rather
// than through the API, so each test owns fresh data and never touches the
// demo data or another test's.

export function admin(args, input = '') {
  return execFileSync(path.join(BUILD, 'cgi', 'beian-admin'), args, {
    env: { ...process.env, BEIAN_CONF: path.join(VAR, 'beian.conf') },
    input,
    encoding: 'utf8',
  }).trim();
}

// Random, because numbers such as ICP numbers and mobiles must be unique
// across every run against the same database.
export const digits8 = () => String(randomInt(10_000_000, 100_000_000));

/** A new applicant account: { login, password }. */
export function applicant() {
  const login = `web-${randomBytes(5).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  admin(['account', 'add', '--login', login, '--role', 'applicant', '--name', '测试'], `${password}\n`);
  return { login, password };
}

/** A new reviewer account: { login, password }. */
export function reviewer() {
  const login = `rv-${randomBytes(5).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  admin(['account', 'add', '--login', login, '--role', 'reviewer', '--name', '审核员'], `${password}\n`);
  return { login, password };
}

/** An ECS instance of `login` in 杭州 with a public IP; returns its id. */
export function addInstance(login, billing, months) {
  return Number(admin(['instance', 'add', '--account', login,
    '--product', 'ecs', '--region', '华东1（杭州）', '--billing', billing, '--months', String(months),
    '--public-ip', '47.96.1.1']));
}

/** Issues `count` 备案服务号 for an instance; returns them. */
export function issueNumbers(instanceId, count) {
  return admin(['sin', 'issue', '--instance', String(instanceId), '--count', String(count)]).split('\n');
}

/* --------------------------------------------------------------- login */

/** Open /login.html; with JavaScript, wait until login.js has taken over the form. */
export async function gotoLogin(page, js) {
  await page.goto(url('/login.html'));
  if (js) await page.locator('#login-form[data-enhanced="true"]').waitFor({ state: 'attached' });
}

export async function fillLogin(page, login, password) {
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码', { exact: true }).fill(password);
}

/** Log in through the form on /login.html (either mode) and land on / (a reviewer on /review/). */
export async function logIn(page, { login, password }, js) {
  await gotoLogin(page, js);
  await fillLogin(page, login, password);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/' || u.pathname === '/review/'),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
}

/** With JavaScript on: wait until forms.js has taken over the page's forms. */
export async function enhanced(page) {
  await page.locator('form.api-form[data-enhanced="true"]').first().waitFor({ state: 'attached' });
}
