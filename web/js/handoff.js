// beian — "用手机上传" on step 上传资料 (/order/upload.html): the QR panel.
//
// JavaScript only: without it the page shows nothing of this (the phone
// page needs a token made on request). With this module, an editable
// upload step gets a 用手机上传 button; it opens a panel that
//
//   * asks for a handoff (POST /api/orders/{id}/handoffs) and shows its QR
//     image (qr_png), a short guide and the time left (mm:ss, from
//     expires_in, so a wrong desktop clock does not matter);
//   * 刷新二维码: revokes the shown one (DELETE /api/handoffs/{hid}) and asks
//     for a new one;
//   * while open and valid, polls GET /api/orders/{id}/uploads every 2 s;
//     an upload that the page does not show yet (and that no upload here is
//     sending) is taken into its slot with upload.js's refreshSlots — no
//     page load — and announced ("手机已上传：网站负责人证件（正面）").
//
// Closing the panel stops the polling and the countdown but keeps the
// handoff (a phone may still be sending); reopening within its lifetime —
// also after a reload, through sessionStorage — shows the same QR code, so
// a few opens do not use up the order's few active handoffs.

import { api, ensureCsrf, messageFor } from './api.js';
import { toLogin } from './nav.js';
import { refreshSlots } from './upload.js';

const POLL_MS = 2000;
const REUSE_MIN_S = 60;          // a stored handoff with less left is replaced

// The upload step, or the photo verification (/order/verify.html), whose
// fragment lists its photo slots as `slots` where the upload step has
// `checklist`.
const frag = document.querySelector('.frag[data-frag="order-upload"], .frag[data-frag="order-verify"]');
const verifying = frag?.dataset.frag === 'order-verify';
const orderId = new URLSearchParams(location.search).get('id');

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** 600 → "10:00". */
export function mmss(s) {
  const n = Math.max(0, Math.ceil(s));
  return `${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
}

/** The upload id each slot on the page shows now (from its thumbnail's URL). */
function shownUploads() {
  const shown = new Map();
  for (const slot of frag.querySelectorAll('article.upload-slot')) {
    const img = slot.querySelector(':scope > figure.preview img');
    const m = img && /\/api\/uploads\/(\d+)\//.exec(img.getAttribute('src') || '');
    shown.set(slot.id, m ? Number(m[1]) : null);
  }
  return shown;
}

function setUp() {
  const action = verifying ? `/api/orders/${orderId}/verification` : `/api/orders/${orderId}/uploads`;
  const storeKey = `beian-handoff-${orderId}`;

  /* ---- the button and the panel ---- */

  const box = el('section', 'handoff');
  box.setAttribute('aria-labelledby', 'handoff-title');
  const head = el('div', 'handoff-head');
  const title = el(verifying ? 'h3' : 'h2', '', verifying ? '用手机拍照上传' : '用手机上传');
  title.id = 'handoff-title';
  const intro = el('p', 'hint', verifying
    ? '用手机扫码，直接用手机拍摄核验照片并上传，手机上无需登录。'
    : '证件在手边、没有扫描仪？用手机拍照直接上传，手机上无需登录。');
  const opener = el('button', 'btn btn-secondary handoff-open', verifying ? '用手机拍照上传' : '用手机上传');
  opener.type = 'button';
  opener.setAttribute('aria-expanded', 'false');
  opener.setAttribute('aria-controls', 'handoff-panel');
  head.append(title, intro, opener);

  const panel = el('div', 'handoff-panel');
  panel.id = 'handoff-panel';
  panel.hidden = true;
  const qrBox = el('figure', 'handoff-qr');
  const qr = el('img');
  qr.alt = '上传二维码：用手机扫描';
  qr.width = 240;
  qr.height = 240;
  qr.hidden = true;
  const qrGone = el('p', 'handoff-qr-gone', '二维码已失效');
  qrGone.hidden = true;
  qrBox.append(qr, qrGone);

  const side = el('div', 'handoff-side');
  const guide = el('ol', 'handoff-guide');
  for (const t of verifying
    ? ['用手机相机或微信扫一扫，按提示拍摄网站负责人的半身照。',
      '竖着拍，人像在画面中间；请他人用后置摄像头拍摄更清楚。',
      '手机上传后，这里会自动显示，无需刷新页面。']
    : ['用手机相机或微信扫一扫，按提示拍摄证件。',
      '证件放平、四角完整、避免反光。',
      '手机上传后，这里会自动显示，无需刷新页面。']) guide.append(el('li', '', t));
  const expiry = el('p', 'handoff-expiry');
  const countdown = el('strong', 'handoff-countdown');
  countdown.setAttribute('role', 'timer');
  countdown.setAttribute('aria-live', 'off');
  expiry.append('二维码有效时间还剩 ', countdown, '，过期后请刷新。');
  expiry.hidden = true;
  const error = el('div', 'handoff-error');
  error.setAttribute('role', 'alert');
  error.hidden = true;
  const status = el('p', 'handoff-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const actions = el('p', 'handoff-actions');
  const renew = el('button', 'btn btn-secondary handoff-refresh', '刷新二维码');
  renew.type = 'button';
  const close = el('button', 'link-button handoff-close', '收起');
  close.type = 'button';
  actions.append(renew, ' ', close);
  const arrived = el('ul', 'handoff-arrived');
  arrived.hidden = true;
  side.append(guide, expiry, error, status, actions, arrived);
  panel.append(qrBox, side);
  box.append(head, panel);

  // Above the slots: after the count line, before "需要上传的材料"; on
  // the verification page, under the photos' heading and hint.
  const before = verifying ? frag.querySelector('section.verify-photos article.upload-slot')
    : frag.querySelector(':scope > h2') || frag.querySelector('article.upload-slot');
  if (before) before.before(box);
  else frag.append(box);

  /* ---- state ---- */

  let current = null;        // { id, qr_png, expiresAt (ms, this clock) }
  let tick = null;
  let poll = null;
  let polling = false;
  let busy = false;
  let shown = shownUploads();

  function save() {
    try {
      if (current) sessionStorage.setItem(storeKey, JSON.stringify(current));
      else sessionStorage.removeItem(storeKey);
    } catch { /* private mode: no reuse after a reload */ }
  }

  function stored() {
    try {
      const h = JSON.parse(sessionStorage.getItem(storeKey) || 'null');
      if (h && Number.isInteger(h.id) && typeof h.qr_png === 'string' && Number.isFinite(h.expiresAt)) return h;
    } catch { /* nothing usable */ }
    return null;
  }

  const left = () => (current ? (current.expiresAt - Date.now()) / 1000 : 0);

  function showError(text) {
    error.replaceChildren(el('p', '', text));
    error.hidden = !text;
  }

  function stopTimers() {
    clearInterval(tick);
    tick = null;
    clearTimeout(poll);
    poll = null;
  }

  function expired() {
    stopTimers();
    qr.hidden = true;
    qrGone.hidden = false;
    expiry.hidden = true;
    panel.classList.add('expired');
    status.textContent = '二维码已过期。请点“刷新二维码”生成新的二维码，再用手机扫描。';
    renew.classList.remove('btn-secondary');
    renew.classList.add('btn-primary');
  }

  function show(h) {
    current = h;
    save();
    showError('');
    panel.classList.remove('expired');
    renew.classList.add('btn-secondary');
    renew.classList.remove('btn-primary');
    qrGone.hidden = true;
    qr.hidden = false;
    qr.src = h.qr_png;
    status.textContent = '请用手机扫描二维码。';
    expiry.hidden = false;
    countdown.textContent = mmss(left());
    clearInterval(tick);
    tick = setInterval(() => {
      if (left() <= 0) expired();
      else countdown.textContent = mmss(left());
    }, 1000);
    startPolling();
  }

  function refused(r) {
    if (r.status === 401) {
      toLogin();
      return;
    }
    const code = r.error.code;
    let text = r.error.message;
    if (code === 'handoff_limit') {
      text = `${text || messageFor(code)}（已打开的手机上传二维码过多，请稍后再试，或在已打开二维码的页面继续。）`;
    }
    showError(text || messageFor(code));
    status.textContent = '';
    qr.hidden = true;
    expiry.hidden = true;
  }

  async function create() {
    status.textContent = '正在生成二维码…';
    await ensureCsrf();
    const r = await api('POST', `/api/orders/${orderId}/handoffs`);
    if (!r.ok) {
      refused(r);
      return;
    }
    const d = r.data || {};
    const secs = Number.isFinite(d.expires_in) ? d.expires_in
      : Math.max(0, (Date.parse(d.expires_at) - Date.now()) / 1000) || 600;
    show({ id: d.id, qr_png: d.qr_png || `/api/handoffs/${d.id}/qr.png`, expiresAt: Date.now() + secs * 1000 });
  }

  async function revoke() {
    if (!current) return;
    const id = current.id;
    current = null;
    save();
    await ensureCsrf();
    await api('DELETE', `/api/handoffs/${id}`);     // gone already (expired): fine
  }

  /* ---- arrivals ---- */

  function startPolling() {
    clearTimeout(poll);
    poll = setTimeout(check, POLL_MS);
  }

  async function check() {
    poll = null;
    if (panel.hidden || !current || left() <= 0 || polling) return;
    polling = true;
    try {
      const r = await api('GET', action);
      if (r.status === 401) {
        toLogin();
        return;
      }
      const list = r.ok && r.data && (verifying ? r.data.slots : r.data.checklist);
      if (Array.isArray(list)) await arrivals(list);
    } catch { /* the next round will tell */ } finally {
      polling = false;
    }
    if (!panel.hidden && current && left() > 0 && !poll) startPolling();
  }

  async function arrivals(list) {
    shown = shownUploads();
    const fresh = list.filter((it) => Number.isInteger(it.upload_id)
      && shown.has(`slot-${it.kind}-${it.website_id}`)
      && shown.get(`slot-${it.kind}-${it.website_id}`) !== it.upload_id);
    if (!fresh.length) return;
    const sites = new Set(list.map((it) => it.website_id).filter((w) => w > 0));
    const ids = fresh.map((it) => `slot-${it.kind}-${it.website_id}`);
    const took = await refreshSlots(action, ids, '手机已上传。下面是系统处理后的图片，请确认文字清晰可辨。');
    const names = fresh.filter((it) => took.includes(`slot-${it.kind}-${it.website_id}`))
      .map((it) => (sites.size > 1 && it.website_name ? `${it.kind_name}（${it.website_name}）` : it.kind_name));
    shown = shownUploads();
    if (!names.length) return;
    status.textContent = `手机已上传：${names.join('、')}`;
    for (const n of names) arrived.append(el('li', '', `已收到：${n}`));
    arrived.hidden = false;
  }

  /* ---- opening, closing, refreshing ---- */

  async function openPanel() {
    panel.hidden = false;
    opener.setAttribute('aria-expanded', 'true');
    box.classList.add('open');
    if (busy) return;
    busy = true;
    try {
      const h = current || stored();
      if (h && (h.expiresAt - Date.now()) / 1000 > REUSE_MIN_S) show(h);
      else {
        if (h) {
          current = h;
          await revoke();
        }
        await create();
      }
    } finally {
      busy = false;
    }
  }

  function closePanel() {
    stopTimers();
    panel.hidden = true;
    opener.setAttribute('aria-expanded', 'false');
    box.classList.remove('open');
    opener.focus();
  }

  opener.addEventListener('click', () => {
    if (panel.hidden) openPanel();
    else closePanel();
  });
  close.addEventListener('click', closePanel);
  renew.addEventListener('click', async () => {
    if (busy) return;
    busy = true;
    renew.disabled = true;
    stopTimers();
    try {
      await revoke();
      await create();
    } finally {
      busy = false;
      renew.disabled = false;
    }
  });
  qr.addEventListener('error', () => {
    if (!qr.getAttribute('src') || !current) return;
    qr.hidden = true;
    showError('二维码图片没有加载出来。请点“刷新二维码”再试。');
  });
  document.addEventListener('visibilitychange', () => {
    // Back to the tab: look at once rather than in up to 2 s.
    if (!document.hidden && !panel.hidden && current && left() > 0 && !polling) {
      clearTimeout(poll);
      check();
    }
  });

  box.dataset.enhanced = 'true';
}

if (frag && orderId && /^\d+$/.test(orderId) && frag.querySelector('form.upload-form')) setUp();
