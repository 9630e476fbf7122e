// beian — enhancement for every server-rendered <form class="api-form">.
//
// Without JavaScript such a form is a classic POST: the server answers
// 303 to the hidden `next` (with "{id}" replaced by the new object's id) or
// back to the page with ?error=CODE&field=NAME, and the page's SSI fragment
// shows the message. With this module the same form posts through api.js
// (Accept: application/json, X-CSRF-Token) and shows the server's errors in
// place, without a reload. The body is JSON for a flat form; a form with
// dotted names ("owner.mobile") or a name given several times (checkbox
// lists), or marked data-encoding="form", is posted urlencoded instead —
// byte for byte what the classic post sends, which the server reads as is:
//
//   * error.fields[NAME] → the form's <p class="field-error" data-field="NAME">
//     (id "err-NAME"), unhidden, and aria-invalid on the input;
//   * anything else (and a linked list of the field errors) → the form's
//     <div class="form-error" role="alert">;
//   * 401 → /login.html?next=<this page>; 2xx → `next`.
//
// A data-confirm="question" on the form or its button asks before posting.
// After a refusal the form gets an "api-form:refused" event (detail: the
// api.js result), for page modules that show more of the answer.
// Forms without the class are left alone. The server stays the authority on
// every rule; the only check made here is a gentle format hint on a
// 备案服务号 input, which never blocks submitting.

import { api, ensureCsrf, setCsrf, messageFor } from './api.js';
import { ONE_SHOT_PARAMS, safeNext, toLogin } from './nav.js';

document.documentElement.classList.add('js');

const BUSY_TEXT = '正在提交…';

/* ---------------------------------------------------------------- fields */

/** The control(s) named `name` in the form: [] when there is none. */
function controlsOf(form, name) {
  const item = form.elements.namedItem(name);
  if (!item) return [];
  if (item instanceof Element) return [item];
  return Array.from(item);                          // RadioNodeList
}

/** The <p class="field-error"> of field `name` in this form, or null. */
export function errorSlotOf(form, name) {
  for (const p of form.querySelectorAll('.field-error[data-field]')) {
    if (p.dataset.field === name) return p;
  }
  const byId = document.getElementById('err-' + name);
  return byId && form.contains(byId) ? byId : null;
}

/** The visible name of a field, for the summary ("备案服务号"). */
function labelOf(form, name) {
  const controls = controlsOf(form, name);
  const [first] = controls;
  if (!first) {
    // A field the server names as a whole (e.g. "preapprovals"): the label
    // or legend of the block that holds its error slot.
    const field = errorSlotOf(form, name)?.closest('.field');
    const caption = field && field.querySelector('legend, label');
    return caption ? caption.textContent.trim() : '';
  }
  const group = first.closest('fieldset');
  const isGroup = first.type === 'radio' || (first.type === 'checkbox' && controls.length > 1);
  if (isGroup && group) {
    const legend = group.querySelector('legend');
    if (legend) return legend.textContent.trim();
  }
  const label = first.labels && first.labels[0];
  return label ? label.textContent.trim() : '';
}

export function setFieldError(form, name, message) {
  const slot = errorSlotOf(form, name);
  if (!slot) return null;
  slot.textContent = message;
  slot.hidden = false;
  const controls = controlsOf(form, name);
  for (const c of controls) c.setAttribute('aria-invalid', 'true');
  const field = slot.closest('.field');
  if (field) field.classList.add('has-error');
  // Something to move the cursor to: the first control that can take it
  // (for a field named as a whole, like "preapprovals", one in its block).
  const candidates = controls.length || !field ? controls : Array.from(field.querySelectorAll('input, select, textarea'));
  return candidates.find((c) => !c.disabled && c.type !== 'hidden') || null;
}

/** Take the error of field `name` away (slot, aria-invalid, the red bar). */
export function clearFieldError(form, name) {
  const slot = errorSlotOf(form, name);
  if (slot) {
    slot.textContent = '';
    slot.hidden = true;
    const field = slot.closest('.field');
    if (field) field.classList.remove('has-error');
  }
  for (const c of controlsOf(form, name)) c.removeAttribute('aria-invalid');
}

/**
 * After a check that found `fields` ({name: message}) still wrong: drop the
 * summary's lines for fields that are fine now, and the summary itself once
 * none is left. A summary about something else (no field lines) stays.
 */
export function pruneSummary(form, fields) {
  const box = form.querySelector('.form-error');
  if (!box || box.hidden) return;
  const lines = box.querySelectorAll('li[data-field]');
  if (!lines.length) return;
  for (const li of lines) {
    if (!Object.hasOwn(fields, li.dataset.field)) li.remove();
  }
  if (!box.querySelector('li')) {
    box.replaceChildren();
    box.hidden = true;
  }
}

/**
 * The applicant is typing a new value into a field the server refused:
 * the old refusal no longer describes it, so it goes (its summary line too).
 */
function onRetype(ev) {
  const el = ev.target;
  const form = ev.currentTarget;
  if (!el.name || el.getAttribute('aria-invalid') !== 'true') return;
  clearFieldError(form, el.name);
  const box = form.querySelector('.form-error');
  if (!box || box.hidden) return;
  for (const li of box.querySelectorAll('li[data-field]')) {
    if (li.dataset.field === el.name) li.remove();
  }
  if (box.querySelector('li[data-field]') === null && box.querySelector('ul')) {
    box.replaceChildren();
    box.hidden = true;
  }
}

function clearErrors(form) {
  for (const slot of form.querySelectorAll('.field-error')) {
    slot.textContent = '';
    slot.hidden = true;
  }
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field.has-error')) el.classList.remove('has-error');
  const box = form.querySelector('.form-error');
  if (box) {
    box.replaceChildren();
    box.hidden = true;
  }
  // A message the server rendered for the previous (no-JavaScript) attempt
  // is out of date as soon as the user tries again.
  const frag = form.closest('.frag');
  if (frag) {
    for (const alert of frag.querySelectorAll('.alert-error')) {
      if (!alert.closest('form')) alert.hidden = true;
    }
  }
}

/* --------------------------------------------------------------- summary */

/**
 * Fill the form's .form-error. lead: a sentence; items: [{text, control}] —
 * each becomes a link that moves the cursor to its control; extra: a node
 * appended after the sentence (e.g. a link to the blocking order).
 */
export function showSummary(form, lead, items = [], extra = null) {
  let box = form.querySelector('.form-error');
  if (!box) {
    // The contract puts one at the top of every api-form; never lose a message.
    box = document.createElement('div');
    box.className = 'form-error';
    box.setAttribute('role', 'alert');
    form.prepend(box);
  }
  box.replaceChildren();
  const p = document.createElement('p');
  p.textContent = lead;
  if (extra) p.append(' ', extra);
  box.append(p);
  if (items.length) {
    const ul = document.createElement('ul');
    for (const item of items) {
      const li = document.createElement('li');
      if (item.field) li.dataset.field = item.field;
      if (item.control) {
        const a = document.createElement('a');
        a.href = '#' + (item.control.id || '');
        a.textContent = item.text;
        a.addEventListener('click', (ev) => {
          ev.preventDefault();
          item.control.focus();
        });
        li.append(a);
      } else {
        li.textContent = item.text;
      }
      ul.append(li);
    }
    box.append(ul);
  }
  box.tabIndex = -1;
  box.hidden = false;
  return box;
}

function minutesText(seconds) {
  if (seconds == null) return '';
  return `请在 ${Math.max(1, Math.ceil(seconds / 60))} 分钟后再试。`;
}

/** The link to the order that blocks this action, when the server names one. */
function orderLink(err) {
  const id = err.order_id;
  if (!Number.isInteger(id) || id <= 0) return null;
  const a = document.createElement('a');
  a.href = `/order/subject.html?id=${id}`;
  a.textContent = '查看正在办理的订单';
  return a;
}

function showApiError(form, r) {
  const err = r.error;
  const items = [];
  let focus = null;

  // In the order the fields are on the page, whatever the server's order.
  const entries = Object.entries(err.fields || {});
  const place = (name) => errorSlotOf(form, name);
  entries.sort(([a], [b]) => {
    const sa = place(a);
    const sb = place(b);
    if (!sa || !sb) return (sa ? 0 : 1) - (sb ? 0 : 1);
    return sa.compareDocumentPosition(sb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  for (const [name, why] of entries) {
    const text = typeof why === 'string' && why.trim() ? why : err.message;
    const control = setFieldError(form, name, text);
    if (control || errorSlotOf(form, name)) {
      const label = labelOf(form, name);
      items.push({ text: label ? `${label}：${text}` : text, control, field: name });
      focus = focus || control;
    } else {
      items.push({ text });                 // a field this form does not show
    }
  }

  let lead = err.message;
  if (err.code === 'rate_limited') {
    const wait = minutesText(r.retryAfter);
    if (wait) lead += (/[。！？]$/.test(lead) ? '' : '。') + wait;
  }
  // One field, and its message is the whole story: say it once, beside the
  // field, and let the summary only point there.
  if (items.length === 1 && items[0].text.endsWith(lead)) lead = '没有通过检查，请按提示修改：';
  else if (items.length && err.code === 'invalid') lead = '有内容需要修改，请按提示修改：';

  const box = showSummary(form, lead, items, orderLink(err));
  (focus || box).focus();
}

/* ---------------------------------------------------------------- submit */

/**
 * Post it urlencoded? When the form says so (data-encoding="form"), or when
 * its names only make sense to the server that way: "owner.mobile" is not a
 * key of the JSON shape, and a name given several times is a list.
 */
function postsUrlencoded(form) {
  if (form.dataset.encoding === 'form') return true;
  if (form.dataset.encoding === 'json') return false;
  const seen = new Set();
  for (const el of form.elements) {
    const name = el.name;
    if (!name || el.type === 'radio') continue;
    if (name.includes('.') || seen.has(name)) return true;
    seen.add(name);
  }
  return false;
}

/**
 * The form's fields as the body to post: a JSON object, or URLSearchParams
 * for the forms postsUrlencoded() picks. `next` stays in the page.
 */
export function bodyOf(form, submitter) {
  let data;
  try {
    data = new FormData(form, submitter || undefined);
  } catch {
    data = new FormData(form);
  }
  if (postsUrlencoded(form)) {
    const params = new URLSearchParams();
    for (const [k, v] of data) {
      if (k !== 'next' && typeof v === 'string') params.append(k, v);
    }
    return params;
  }
  const body = {};
  for (const [k, v] of data) {
    if (k === 'next' || typeof v !== 'string') continue;
    if (Object.hasOwn(body, k)) body[k] = [].concat(body[k], v);
    else body[k] = v;
  }
  return body;
}

function setBusy(form, busy) {
  form.setAttribute('aria-busy', busy ? 'true' : 'false');
  for (const b of form.querySelectorAll('button, input[type="submit"]')) {
    if (b.type !== 'submit') continue;
    if (busy) {
      b.dataset.idleText = b.textContent;
      b.disabled = true;
      if (b.tagName === 'BUTTON') b.textContent = b.dataset.busy || BUSY_TEXT;
    } else {
      b.disabled = false;
      if (b.tagName === 'BUTTON' && b.dataset.idleText !== undefined) b.textContent = b.dataset.idleText;
    }
  }
}

function nextPath(form, data) {
  const input = form.querySelector('input[type="hidden"][name="next"]');
  const next = input ? safeNext(input.value) : null;
  if (!next) return null;
  if (!next.includes('{id}')) return next;
  const id = data && data.id;
  if (!Number.isInteger(id)) return null;
  return next.replaceAll('{id}', String(id));
}

export async function post(path, body) {
  if (!(await ensureCsrf())) return null;           // 401: no session
  return api('POST', path, body);
}

async function onSubmit(ev) {
  const form = ev.currentTarget;
  const target = new URL(form.getAttribute('action') || location.href, location.href);
  if (target.origin !== location.origin || form.method.toLowerCase() !== 'post') return;   // native
  ev.preventDefault();
  if (form.getAttribute('aria-busy') === 'true') return;
  // A destructive action may ask first: data-confirm on the button or the form.
  const question = (ev.submitter && ev.submitter.dataset.confirm) || form.dataset.confirm;
  if (question && !window.confirm(question)) return;

  clearErrors(form);
  setBusy(form, true);
  const path = target.pathname + target.search;
  const body = bodyOf(form, ev.submitter);

  let r = await post(path, body);
  if (r && !r.ok && r.error.code === 'csrf_failed') {
    // A stale token (e.g. after logging in again in another tab): once more with a fresh one.
    setCsrf(null);
    r = await post(path, body);
    if (r && !r.ok && r.error.code === 'csrf_failed') {
      // The classic post is accepted by the same-origin check; let it do the work.
      form.submit();
      return;
    }
  }
  if (!r || r.status === 401) {
    toLogin();
    return;
  }
  if (r.ok) {
    const next = nextPath(form, r.data);
    // Stay busy while the next page loads: no second click can post twice.
    if (next) location.assign(next);
    else location.reload();
    return;
  }
  setBusy(form, false);
  if (!r.error.message) r.error.message = messageFor(r.error.code);
  showApiError(form, r);
  form.dispatchEvent(new CustomEvent('api-form:refused', { detail: r }));
}

/* ------------------------------------------------- 备案服务号 format hint */

// Mirrors the server's normalisation (cgi/lib/sin.c): spaces (also U+3000)
// dropped, full-width ASCII folded, upper case, O→0, I/L→1. The accepted
// formats are data on the server; the fragment may carry the active one as
// data-format (a regular expression) and data-example, else this default.
const SIN_FORMAT = '^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$';
const SIN_EXAMPLE = '7K3M-9QXD-2F8H-VW4P';

/** The letters of v in the example's groups, as the server reshapes them. */
function shapeSin(v, example) {
  const letters = v.replaceAll('-', '');
  if (letters.length !== example.replaceAll('-', '').length) return v;
  let out = '';
  let i = 0;
  for (const ch of example) out += ch === '-' ? '-' : letters[i++];
  return out;
}

function normaliseSin(value) {
  let out = '';
  for (const ch of value) {
    let c = ch.codePointAt(0);
    if (c === 0x3000 || /\s/.test(ch)) continue;
    if (c >= 0xff01 && c <= 0xff5e) c = c - 0xff01 + 0x21;
    let s = String.fromCodePoint(c).toUpperCase();
    if (s === 'O') s = '0';
    else if (s === 'I' || s === 'L') s = '1';
    out += s;
  }
  return out;
}

function sinHint(input) {
  let re;
  try {
    re = new RegExp(input.dataset.format || SIN_FORMAT);
  } catch {
    return;                                        // a pattern we cannot read: no hint
  }
  const example = input.dataset.example || SIN_EXAMPLE;
  const note = document.createElement('p');
  note.className = 'field-check';
  note.id = `check-${input.id || input.name}`;
  note.setAttribute('aria-live', 'polite');
  note.hidden = true;
  const slot = input.form && errorSlotOf(input.form, input.name);
  (slot || input).after(note);
  const described = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
  input.setAttribute('aria-describedby', [...described, note.id].join(' '));

  const looksRight = () => {
    const v = normaliseSin(input.value);
    return v === '' || re.test(v) || re.test(shapeSin(v, example));
  };
  // Shown a moment after leaving the field, never at once: a hint that
  // pushed the 验证 button down as the mouse went to it swallowed the click.
  let later = 0;
  input.addEventListener('blur', () => {
    clearTimeout(later);
    later = setTimeout(() => {
      if (looksRight() || input.form?.getAttribute('aria-busy') === 'true') {
        note.hidden = true;
        note.textContent = '';
      } else {
        note.textContent = `这个编号的格式看起来不对：备案服务号由 4 组字母或数字组成，每组 4 位，用“-”连接，例如 ${example}。请对照云产品控制台核对；提交后以系统的检查结果为准。`;
        note.hidden = false;
      }
    }, 400);
  });
  input.form?.addEventListener('submit', () => {
    clearTimeout(later);
    note.hidden = true;
    note.textContent = '';
  });
  // While typing, only ever take the hint away (never nag mid-word).
  input.addEventListener('input', () => {
    if (!note.hidden && looksRight()) {
      note.hidden = true;
      note.textContent = '';
    }
  });
}

/* ------------------------------------------------------------------ init */

for (const form of document.querySelectorAll('form.api-form')) {
  form.noValidate = true;            // the server's messages replace the browser's bubbles
  form.addEventListener('submit', onSubmit);
  form.addEventListener('input', onRetype);
  for (const input of form.querySelectorAll('input[name="service_number"]')) sinHint(input);
  form.dataset.enhanced = 'true';    // tests wait for this before submitting
}

// The error of a no-JavaScript post is on the page already; a reload must not
// show it again, so drop ?error=… from the address bar (keeping id and the rest).
{
  const params = new URLSearchParams(location.search);
  if (ONE_SHOT_PARAMS.some((p) => params.has(p))) {
    for (const p of ONE_SHOT_PARAMS) params.delete(p);
    const q = params.toString();
    const hash = location.hash.startsWith('#e-') ? '' : location.hash;   // the server's #e-CODE
    history.replaceState(null, '', location.pathname + (q ? '?' + q : '') + hash);
  }
}
