// beian — "我的备案" landing page. Without JavaScript the page still renders
// and the 退出登录 form still posts; with it, we read the session, show who
// is logged in, and log out through DELETE /api/session.

import { api, ensureCsrf } from './api.js';

const ROLE_NAMES = { applicant: '申请人', reviewer: '审核员', admin: '管理员' };

const account = document.getElementById('account');
const statusBox = document.getElementById('page-status');
const errorBox = document.getElementById('page-error');
const logoutForm = document.getElementById('logout-form');
const logoutButton = document.getElementById('logout-button');
const LOGOUT_TEXT = logoutButton.textContent;

function showStatus(text) {
  statusBox.textContent = text;
  statusBox.hidden = !text;
}

function showError(text) {
  errorBox.textContent = text;
  errorBox.hidden = !text;
}

function toLogin() {
  location.replace('/login.html?next=/');
}

async function loadSession() {
  showStatus('正在读取账号信息…');
  const r = await api('GET', '/api/session');
  showStatus('');
  if (r.status === 401) {
    toLogin();
    return;
  }
  if (!r.ok || !r.data || !r.data.user) {
    const msg = r.error ? r.error.message : '无法读取账号信息。';
    showError(`暂时无法读取您的账号信息：${msg} 请刷新页面重试。`);
    return;
  }
  const user = r.data.user;
  document.getElementById('account-name').textContent = user.name || user.login || '';
  document.getElementById('account-login').textContent = user.login || '';
  document.getElementById('account-role').textContent = ROLE_NAMES[user.role] || user.role || '未知';
  account.hidden = false;
  document.body.dataset.session = 'ready';     // tests wait for this
}

async function onLogout(ev) {
  ev.preventDefault();
  if (logoutButton.disabled) return;
  showError('');
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
  showError(`退出登录没有成功：${r.error.message} 请再试一次。`);
}

logoutForm.addEventListener('submit', onLogout);
loadSession();
