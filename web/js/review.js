// beian — the reviewer console: the queue (/review/) and one order
// (/review/order.html?id=…), enhancing the server's fragments
// (cgi/review-view.c).
//
// Without JavaScript the queue is a table of links, and an order's 通过 and
// 驳回 forms are classic posts: the server answers 303 to the queue, or
// back to the order with ?error=…&field=reasons.K, and the page shows the
// message beside row K. With this module:
//
//   * every upload opens large in a dialog (关闭 or Esc closes it; a click
//     on the image switches between "fit the window" and "actual size"),
//     and a 驳回这份材料 button puts that upload into the next empty row;
//   * 再加一项 adds reason rows beyond the server's three;
//   * a decision is posted through fetch as JSON (api.js: Accept JSON,
//     X-CSRF-Token); a refusal is shown in place — reasons.K beside the
//     row it came from, anything else in the form's summary — and a
//     success goes back to the queue, which then says what was decided.
//
// Sets data-enhanced="true" on each decision form it has taken over
// (tests wait for it).

import { api, ensureCsrf, setCsrf, messageFor } from './api.js';
import { ONE_SHOT_PARAMS, safeNext, toLogin } from './nav.js';
import { showSummary } from './forms.js';

document.documentElement.classList.add('js');

// review.c takes at most this many reasons in one rejection.
const MAX_ROWS = 50;
const FLASH_KEY = 'beian-review-flash';

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/* ---------------------------------------------------------- the queue */

// What became of the order decided a moment ago (set just before leaving it).
{
  const box = document.getElementById('review-flash');
  let text = null;
  try {
    text = sessionStorage.getItem(FLASH_KEY);
    sessionStorage.removeItem(FLASH_KEY);
  } catch {
    text = null;                          // storage off: nothing to say
  }
  if (box && text) {
    box.replaceChildren(el('p', '', text));
    box.hidden = false;
  }
}

/* ----------------------------------------------------------- lightbox */

let lightbox = null;

function makeLightbox() {
  const dialog = el('dialog', 'lightbox');
  dialog.setAttribute('aria-labelledby', 'lightbox-title');
  const bar = el('div', 'lightbox-bar');
  const title = el('p', 'lightbox-title');
  title.id = 'lightbox-title';
  const zoom = el('button', 'btn btn-secondary btn-small', '原始大小');
  zoom.type = 'button';
  zoom.setAttribute('aria-pressed', 'false');
  const original = el('a', 'btn btn-secondary btn-small', '新窗口打开');
  original.target = '_blank';
  original.rel = 'noopener';
  const close = el('button', 'btn btn-primary btn-small', '关闭');
  close.type = 'button';
  bar.append(title, zoom, original, close);
  const body = el('div', 'lightbox-body');
  const img = el('img');
  body.append(img);
  dialog.append(bar, body);
  document.body.append(dialog);

  const setZoom = (on) => {
    dialog.classList.toggle('actual', on);
    zoom.setAttribute('aria-pressed', on ? 'true' : 'false');
    zoom.textContent = on ? '适合窗口' : '原始大小';
  };
  zoom.addEventListener('click', () => setZoom(!dialog.classList.contains('actual')));
  img.addEventListener('click', () => setZoom(!dialog.classList.contains('actual')));
  close.addEventListener('click', () => dialog.close());
  // A click on the dark backdrop (the dialog itself, not its content) closes it.
  dialog.addEventListener('click', (ev) => {
    if (ev.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => {
    img.removeAttribute('src');
    setZoom(false);
  });
  return {
    open(href, alt, caption) {
      img.src = href;
      img.alt = alt;
      title.textContent = caption;
      original.href = href;
      setZoom(false);
      dialog.showModal();
      close.focus();
    },
  };
}

function enhanceImages() {
  for (const a of document.querySelectorAll('figure.review-upload a.review-image')) {
    a.addEventListener('click', (ev) => {
      // A new tab or window on purpose (Ctrl, Shift, middle button): let it be.
      if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
      if (typeof HTMLDialogElement !== 'function') return;      // the plain link
      ev.preventDefault();
      lightbox = lightbox || makeLightbox();
      const img = a.querySelector('img');
      const caption = a.closest('figure').querySelector('figcaption strong');
      lightbox.open(a.getAttribute('href'), img ? img.alt : '', caption ? caption.textContent : '');
    });
  }
}

/* -------------------------------------------------------- reason rows */

function rowsOf(form) {
  return Array.from(form.querySelectorAll('fieldset.reason-row'));
}

/** Give row element `row` the number k (0-based): ids, labels, legend, error slot. */
function numberRow(row, k) {
  row.dataset.row = String(k);
  const legend = row.querySelector('legend');
  if (legend) legend.textContent = `驳回项目 ${k + 1}`;
  const err = `err-reasons.${k}`;
  for (const [name, prefix] of [['code', 'code'], ['target', 'target'], ['note', 'note']]) {
    const c = row.querySelector(`[name="${name}"]`);
    if (!c) continue;
    c.id = `${prefix}-${k}`;
    const label = c.closest('.field')?.querySelector('label');
    if (label) label.htmlFor = c.id;
    c.setAttribute('aria-describedby', name === 'note' ? `${err} hint-note-${k}` : err);
  }
  const hint = row.querySelector('.hint[id^="hint-note-"]');
  if (hint) hint.id = `hint-note-${k}`;
  const slot = row.querySelector('.field-error');
  if (slot) {
    slot.id = err;
    slot.dataset.field = `reasons.${k}`;
  }
}

function clearRow(row) {
  for (const s of row.querySelectorAll('select')) s.selectedIndex = 0;
  for (const i of row.querySelectorAll('input')) i.value = '';
  clearRowError(row);
}

function clearRowError(row) {
  row.classList.remove('has-error');
  for (const c of row.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  const slot = row.querySelector('.field-error');
  if (slot) {
    slot.textContent = '';
    slot.hidden = true;
  }
}

/** A new empty row after the last one; null at the server's limit. */
function addRow(form) {
  const rows = rowsOf(form);
  if (!rows.length || rows.length >= MAX_ROWS) return null;
  const row = rows[rows.length - 1].cloneNode(true);
  clearRow(row);
  numberRow(row, rows.length);
  rows[rows.length - 1].after(row);
  return row;
}

function isEmpty(row) {
  return Array.from(row.querySelectorAll('select, input')).every((c) => c.value === '');
}

function enhanceRows(form) {
  const rows = rowsOf(form);
  if (!rows.length) return;
  const holder = form.querySelector('.reason-rows') || rows[0].parentElement;
  const more = el('button', 'btn btn-secondary btn-small add-reason', '再加一项驳回项目');
  more.type = 'button';
  const said = el('p', 'visually-hidden');
  said.setAttribute('role', 'status');
  holder.after(more, said);
  more.addEventListener('click', () => {
    const row = addRow(form);
    if (!row) {
      said.textContent = `一次最多驳回 ${MAX_ROWS} 项。`;
      more.disabled = true;
      return;
    }
    said.textContent = `已添加驳回项目 ${rowsOf(form).length}。`;
    if (rowsOf(form).length >= MAX_ROWS) more.disabled = true;
    row.querySelector('select')?.focus();
  });

  // "驳回这份材料": the upload goes into the first empty row (or a new one).
  for (const fig of document.querySelectorAll('figure.review-upload[data-upload]')) {
    const value = `upload:${fig.dataset.upload}`;
    const b = el('button', 'link-button pick-reject', '驳回这份材料');
    b.type = 'button';
    const what = fig.querySelector('figcaption strong');
    if (what) b.setAttribute('aria-label', `驳回这份材料：${what.textContent}`);
    (fig.querySelector('figcaption') || fig).append(' ', b);
    b.addEventListener('click', () => {
      const row = rowsOf(form).find(isEmpty) || addRow(form);
      if (!row) return;
      const target = row.querySelector('select[name="target"]');
      if (target) target.value = value;
      row.scrollIntoView({ block: 'center' });
      row.querySelector('select[name="code"]')?.focus();
    });
  }
}

/* ------------------------------------------------------------ posting */

function targetOf(value) {
  if (value.startsWith('upload:')) {
    const id = Number(value.slice(7));
    return Number.isInteger(id) && id > 0 ? { upload: id } : {};
  }
  if (value.startsWith('field:')) return { field: value.slice(6) };
  return {};                               // the server says what is missing
}

/**
 * The JSON of a decision form. The server names a refused reason by its
 * place in the list it got ("reasons.2"); rowOf[2] is the row it came
 * from, as the empty rows are left out.
 */
function bodyOf(form) {
  const decision = form.elements.namedItem('decision')?.value;
  if (decision !== 'reject') return { body: { decision }, rowOf: [] };
  const reasons = [];
  const rowOf = [];
  rowsOf(form).forEach((row, k) => {
    const code = row.querySelector('[name="code"]')?.value || '';
    if (code === '') return;               // an unused row, as in the classic post
    reasons.push({
      code,
      target: targetOf(row.querySelector('[name="target"]')?.value || ''),
      note: row.querySelector('[name="note"]')?.value || '',
    });
    rowOf.push(k);
  });
  return { body: { decision, reasons }, rowOf };
}

function setBusy(form, busy) {
  form.setAttribute('aria-busy', busy ? 'true' : 'false');
  for (const b of form.querySelectorAll('button[type="submit"]')) {
    b.disabled = busy;
    if (busy) {
      b.dataset.idleText = b.textContent;
      b.textContent = '正在提交…';
    } else if (b.dataset.idleText !== undefined) {
      b.textContent = b.dataset.idleText;
    }
  }
}

function clearErrors(form) {
  for (const row of rowsOf(form)) clearRowError(row);
  for (const slot of form.querySelectorAll('.field-error')) {
    slot.textContent = '';
    slot.hidden = true;
  }
  const box = form.querySelector('.form-error');
  if (box) {
    box.replaceChildren();
    box.hidden = true;
  }
  // The message of an earlier no-JavaScript post is out of date now.
  for (const alert of document.querySelectorAll('.frag > .alert-error')) alert.hidden = true;
}

function showErrors(form, r, rowOf) {
  const err = r.error;
  const rows = rowsOf(form);
  const items = [];
  let focus = null;
  for (const [name, why] of Object.entries(err.fields || {})) {
    const text = typeof why === 'string' && why.trim() ? why : err.message;
    const m = /^reasons\.(\d+)$/.exec(name);
    const row = m ? rows[rowOf[Number(m[1])]] : null;
    if (row) {
      const slot = row.querySelector('.field-error');
      slot.textContent = text;
      slot.hidden = false;
      row.classList.add('has-error');
      const selects = Array.from(row.querySelectorAll('select'));
      for (const s of selects) s.setAttribute('aria-invalid', 'true');
      // The cursor goes to what is still unchosen (most often the target).
      const control = selects.find((s) => s.value === '') || selects[0];
      items.push({ text: `${row.querySelector('legend')?.textContent || ''}：${text}`, control });
      focus = focus || control;
      continue;
    }
    const slot = name === 'reasons' ? form.querySelector('.field-error[data-field="reasons"]') : null;
    if (slot) {
      slot.textContent = text;
      slot.hidden = false;
      const control = rows[0]?.querySelector('select') || null;
      items.push({ text, control });
      focus = focus || control;
    } else {
      items.push({ text, control: null });
    }
  }

  let back = null;
  if (err.code === 'order_not_in_review' || r.status === 409) {
    back = el('a', '', '返回审核队列');
    back.href = '/review/';
  }
  const box = showSummary(form, items.length ? '没有提交成功，请按提示修改：' : err.message, items, back);
  (focus || box).focus();
}

async function post(path, body) {
  if (!(await ensureCsrf())) return null;              // no session
  return api('POST', path, body);
}

async function onSubmit(ev) {
  const form = ev.currentTarget;
  ev.preventDefault();
  if (form.getAttribute('aria-busy') === 'true') return;
  clearErrors(form);
  const path = new URL(form.action, location.href).pathname;
  const { body, rowOf } = bodyOf(form);
  setBusy(form, true);

  let r = await post(path, body);
  if (r && !r.ok && r.error.code === 'csrf_failed') {
    // A stale token (a new login in another tab): once more with a fresh one.
    setCsrf(null);
    r = await post(path, body);
    if (r && !r.ok && r.error.code === 'csrf_failed') {
      form.submit();                       // the classic post passes the origin check
      return;
    }
  }
  if (!r || r.status === 401) {
    toLogin();
    return;
  }
  if (r.ok) {
    const id = (/\/orders\/(\d+)\//.exec(path) || [])[1] || '';
    const text = path.endsWith('/bureau-submission')
      ? `订单 ${id} 已提交管局。`
      : body.decision === 'approve'
      ? `订单 ${id} 已通过初审，申请人下一步进行拍照核验。`
      : `订单 ${id} 已驳回 ${body.reasons.length} 项；申请人修改并重新提交后，它会回到队列中。`;
    try {
      sessionStorage.setItem(FLASH_KEY, text);
    } catch {
      // no storage: the queue simply no longer lists the order
    }
    // Stay busy while the queue loads: no second click can post twice.
    location.assign(safeNext(form.elements.namedItem('next')?.value) || '/review/');
    return;
  }
  setBusy(form, false);
  if (!r.error.message) r.error.message = messageFor(r.error.code);
  showErrors(form, r, rowOf);
}

/* --------------------------------------------------------------- init */

enhanceImages();
const reject = document.querySelector('form.review-form.review-reject');
if (reject) enhanceRows(reject);
for (const form of document.querySelectorAll('form.review-form')) {
  form.noValidate = true;
  form.addEventListener('submit', onSubmit);
  form.dataset.enhanced = 'true';
}

// The error of a no-JavaScript post is on the page already; a reload must
// not show it again, so drop ?error=… from the address bar (keeping id).
{
  const params = new URLSearchParams(location.search);
  if (ONE_SHOT_PARAMS.some((p) => params.has(p))) {
    for (const p of ONE_SHOT_PARAMS) params.delete(p);
    const q = params.toString();
    const hash = location.hash.startsWith('#e-') ? '' : location.hash;
    history.replaceState(null, '', location.pathname + (q ? '?' + q : '') + hash);
  }
}
