// beian — login page enhancement. The form works without this file (classic
// POST to /api/session, 303 back with ?error=CODE#e-CODE on failure); with it,
// the form posts JSON, validates empty fields first, and shows errors in the
// live summary and beside each field without reloading.

import { api, messageFor } from './api.js';

// Marks the page as enhanced: CSS then hides the :target (no-JS) messages,
// because the same text goes into the live error summary instead.
document.documentElement.classList.add('js');

const form = document.getElementById('login-form');
const nextInput = document.getElementById('next');
const button = document.getElementById('login-button');
const summary = document.getElementById('error-summary');
const summaryList = document.getElementById('error-summary-list');

const FIELDS = {
  login: { input: document.getElementById('login'), error: document.getElementById('login-error'), label: '登录名', empty: '请输入登录名' },
  password: { input: document.getElementById('password'), error: document.getElementById('password-error'), label: '密码', empty: '请输入密码' },
};

const BUTTON_TEXT = button.textContent;

/** A same-site path: one leading slash, not "//" or "/\" (which would leave the site). */
function safeNext(value) {
  if (typeof value !== 'string') return null;
  if (!/^\/(?![/\\])/.test(value)) return null;
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  return value;
}

/** The message text of the static no-JS element #e-CODE, if there is one. */
function staticMessage(code) {
  if (!/^[a-z_]+$/.test(code)) return null;
  const el = document.getElementById('e-' + code);
  const p = el && el.querySelector('[data-msg]');
  return p ? p.textContent.trim() : null;
}

function minutesText(seconds) {
  if (seconds == null) return '';
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `请在 ${minutes} 分钟后再试。`;
}

function setFieldError(name, message) {
  const f = FIELDS[name];
  if (!f) return false;
  f.error.textContent = message;
  f.error.hidden = false;
  f.input.setAttribute('aria-invalid', 'true');
  f.input.setAttribute('aria-describedby', f.error.id);
  f.input.closest('.field').classList.add('has-error');
  return true;
}

function clearErrors() {
  for (const f of Object.values(FIELDS)) {
    f.error.textContent = '';
    f.error.hidden = true;
    f.input.removeAttribute('aria-invalid');
    f.input.removeAttribute('aria-describedby');
    f.input.closest('.field').classList.remove('has-error');
  }
  summaryList.replaceChildren();
  summary.hidden = true;
}

/**
 * Show the summary. items: [{text, field?}] — an item with a field becomes a
 * link that moves focus to that input.
 */
function showSummary(items) {
  summaryList.replaceChildren();
  for (const item of items) {
    const li = document.createElement('li');
    const f = item.field && FIELDS[item.field];
    if (f) {
      const a = document.createElement('a');
      a.href = '#' + f.input.id;
      a.textContent = item.text;
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        f.input.focus();
      });
      li.append(a);
    } else {
      li.textContent = item.text;
    }
    summaryList.append(li);
  }
  summary.hidden = false;
}

/** After showing errors: put the cursor where the user has to act. */
function focusFirstProblem(fieldName) {
  const f = fieldName && FIELDS[fieldName];
  if (f) {
    f.input.focus();
    if (f.input.value) f.input.select();
  } else {
    summary.focus();
  }
}

function setBusy(busy, text) {
  button.disabled = busy;
  button.textContent = busy ? text : BUTTON_TEXT;
  form.setAttribute('aria-busy', busy ? 'true' : 'false');
}

/** Turn an API error into field errors and summary items. */
function showApiError(r) {
  const err = r.error;
  const items = [];
  let first = null;

  switch (err.code) {
    case 'unauthenticated':
      // Same message for a wrong login and a wrong password (the server never says which).
      setFieldError('password', err.message);
      items.push({ text: err.message, field: 'password' });
      first = 'password';
      break;

    case 'rate_limited': {
      const wait = minutesText(r.retryAfter);
      const sep = /[\u3000-\u303f\uff00-\uffef]$/.test(err.message) ? '' : ' ';
      items.push({ text: wait ? err.message + sep + wait : err.message });
      break;
    }

    case 'invalid': {
      const fields = err.fields || {};
      for (const [name, why] of Object.entries(fields)) {
        const text = typeof why === 'string' && why ? why : err.message;
        if (setFieldError(name, text)) {
          items.push({ text, field: name });
          first = first || name;
        } else {
          items.push({ text });
        }
      }
      if (items.length === 0) items.push({ text: err.message });
      break;
    }

    default:
      items.push({ text: err.message });
  }

  showSummary(items);
  focusFirstProblem(first);
}

async function onSubmit(ev) {
  ev.preventDefault();
  if (button.disabled) return;
  clearErrors();

  const login = FIELDS.login.input.value.trim();
  const password = FIELDS.password.input.value;

  // Client-side check before any request.
  const items = [];
  let first = null;
  if (login === '') {
    setFieldError('login', FIELDS.login.empty);
    items.push({ text: FIELDS.login.empty, field: 'login' });
    first = 'login';
  }
  if (password === '') {
    setFieldError('password', FIELDS.password.empty);
    items.push({ text: FIELDS.password.empty, field: 'password' });
    first = first || 'password';
  }
  if (items.length) {
    showSummary(items);
    focusFirstProblem(first);
    return;
  }

  setBusy(true, '正在登录…');
  const r = await api('POST', '/api/session', { login, password });
  if (r.ok) {
    setBusy(true, '登录成功，正在进入…');
    // Nowhere in particular to go: a reviewer's place is the queue.
    const staff = ['reviewer', 'admin'].includes(r.data?.user?.role);
    const next = safeNext(nextInput.value);
    location.assign(next && next !== '/' ? next : staff ? '/review/' : '/');
    return;
  }
  setBusy(false);
  showApiError(r);
}

/** ?next=/path → hidden field; ?error=CODE&field=NAME (from a no-JS post) → summary. */
function readQuery() {
  const params = new URLSearchParams(location.search);

  const next = safeNext(params.get('next'));
  if (next) nextInput.value = next;

  const code = params.get('error');
  if (!code) return;

  const text = staticMessage(code) || messageFor(code);
  const field = params.get('field');
  const items = [];
  if (field && FIELDS[field]) {
    const inline = code === 'invalid' ? FIELDS[field].empty : text;
    setFieldError(field, inline);
    items.push({ text: inline, field });
  } else {
    items.push({ text });
  }
  showSummary(items);
  // The browser focused the (now hidden) #e-CODE target; move focus to what is shown instead.
  focusFirstProblem(field && FIELDS[field] ? field : null);

  // Drop ?error= from the address so a reload does not repeat an old error.
  params.delete('error');
  params.delete('field');
  const q = params.toString();
  history.replaceState(null, '', location.pathname + (q ? '?' + q : ''));
}

form.noValidate = true;               // our inline messages replace the browser's bubbles
form.addEventListener('submit', onSubmit);
readQuery();
form.dataset.enhanced = 'true';       // tests wait for this before submitting
