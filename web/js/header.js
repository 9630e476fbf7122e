// beian — the signed-in header shared by every page behind the login
// ("已登录：… 退出登录"). Without JavaScript the page still renders (its data
// comes from the server through SSI) and the 退出登录 form still posts; with
// it, we read the session, show who is logged in, send a logged-out visitor to
// the login page, and log out through DELETE /api/session.
//
// Page contract: #account (with #account-name, #account-login, #account-role),
// #logout-form / #logout-button and #page-error. Sets
// <body data-session="ready"> once the account line is shown (tests wait for it).

import { api, ensureCsrf } from './api.js';
import { toLogin } from './nav.js';

const ROLE_NAMES = { applicant: '申请人', reviewer: '审核员', admin: '管理员' };

const account = document.getElementById('account');
const errorBox = document.getElementById('page-error');
const logoutForm = document.getElementById('logout-form');
const logoutButton = document.getElementById('logout-button');
const LOGOUT_TEXT = logoutButton ? logoutButton.textContent : '';

/** A page-level problem (not tied to one form). */
export function showPageError(text) {
  if (!errorBox) return;
  errorBox.textContent = text;
  errorBox.hidden = !text;
}

async function loadSession() {
  // No "loading…" banner: the account line simply appears, nothing below it moves.
  const r = await api('GET', '/api/session');
  if (r.status === 401) {
    toLogin();
    return;
  }
  if (!r.ok || !r.data || !r.data.user) {
    const msg = r.error ? r.error.message : '无法读取账号信息。';
    showPageError(`暂时无法读取您的账号信息：${msg} 请刷新页面重试。`);
    return;
  }
  const user = r.data.user;
  document.getElementById('account-name').textContent = user.name || user.login || '';
  document.getElementById('account-login').textContent = user.login || '';
  document.getElementById('account-role').textContent = ROLE_NAMES[user.role] || user.role || '未知';
  if (account) account.hidden = false;
  document.body.dataset.session = 'ready';
}

async function onLogout(ev) {
  ev.preventDefault();
  if (logoutButton.disabled) return;
  showPageError('');
  logoutButton.disabled = true;
  logoutButton.textContent = '正在退出…';

  await ensureCsrf();
  const r = await api('DELETE', '/api/session');
  if (r.ok || r.status === 401) {              // 401: already logged out — same result
    location.assign('/login.html');
    return;
  }
  if (r.error && r.error.code === 'csrf_failed') {
    // The classic form is accepted by the same-origin check; let it do the work.
    logoutForm.submit();
    return;
  }
  logoutButton.disabled = false;
  logoutButton.textContent = LOGOUT_TEXT;
  showPageError(`退出登录没有成功：${r.error.message} 请再试一次。`);
}

if (logoutForm && logoutButton) logoutForm.addEventListener('submit', onLogout);
loadSession();
