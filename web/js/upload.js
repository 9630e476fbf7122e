// beian — step 上传资料 (/order/upload.html): enhancement of every
// server-rendered <form class="upload-form"> (cgi/upload-view.c).
//
// Without JavaScript each slot's form is a classic multipart post: the
// server answers 303 to the hidden `next` (the page again, now showing the
// normalised preview) or back with ?error=…, and the page shows the message.
// With this module the same form:
//
//   * shows the chosen file at once — a local preview (an object URL, given
//     back when no longer shown), its name and size, and a gentle amber note
//     when the bytes do not look like a JPG or PNG or the file is over the
//     upload limit; it never refuses a file: the server decides;
//   * posts it with XMLHttpRequest (multipart FormData, Accept:
//     application/json, X-CSRF-Token) so that a <progress> bar and a status
//     line ("正在上传 45%", then "正在处理…") can follow it; it can be
//     cancelled;
//   * on 201 takes the slot, the "还缺 N 份材料" line and the step indicator
//     from the server's own fragment (GET the form's action as text/html), so
//     the slot shows the normalised image, its size and the quality warnings
//     exactly as after a classic post — without a page load, and without
//     touching an upload still running in another slot;
//   * on a refusal shows error.fields.file (or the message) in the slot's
//     .form-error (role="alert"), keeping the chosen file to try again;
//     401 → the login page, which comes back here.
//
// A file can also be dropped onto a slot. Sets data-enhanced="true" on each
// form it has taken over (tests wait for it).

import { ensureCsrf, getCsrf, setCsrf, messageFor } from './api.js';
import { safeNext, toLogin } from './nav.js';

document.documentElement.classList.add('js');

// nginx's client_max_body_size for uploads: only used for a note.
const LIMIT_BYTES = 20 * 1024 * 1024;
// The status line (a live region) changes at most this often: a screen
// reader is not flooded, the words never lag the bar by more than this.
const ANNOUNCE_MS = 500;

/* ---------------------------------------------------------------- helpers */

/** "850 KB", "3.4 MB": sizes the way people read them. */
export function formatBytes(n) {
  if (!Number.isFinite(n) || n < 0) return '';
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  const mb = n / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** What the first bytes say the file is (the server sniffs the same way). */
async function sniff(file) {
  let b;
  try {
    b = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  } catch {
    return { ok: true, what: '' };            // cannot tell: say nothing
  }
  const ascii = String.fromCharCode(...b);
  if (b.length === 0) return { ok: false, what: '空文件' };
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { ok: true, what: 'JPG' };
  if (ascii.startsWith('\x89PNG')) return { ok: true, what: 'PNG' };
  if (ascii.startsWith('%PDF')) return { ok: false, what: 'PDF 文档' };
  if (ascii.startsWith('GIF8')) return { ok: false, what: 'GIF 图片' };
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return { ok: false, what: 'WebP 图片' };
  if (ascii.slice(4, 8) === 'ftyp') return { ok: false, what: 'HEIC/HEIF 图片' };
  if (ascii.startsWith('BM')) return { ok: false, what: 'BMP 图片' };
  if (ascii.startsWith('II*') || ascii.startsWith('MM\0*')) return { ok: false, what: 'TIFF 图片' };
  return { ok: false, what: '' };
}

function tooLarge(file) {
  return `文件太大（${formatBytes(file.size)}），最大 ${formatBytes(LIMIT_BYTES)}。` +
    '请用手机重新拍摄，或把扫描分辨率调低（300 dpi 足够）后再上传。';
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The body of an XMLHttpRequest answer as JSON, or null. */
function jsonOf(xhr) {
  if (!/[/+]json\b/i.test(xhr.getResponseHeader('Content-Type') || '')) return null;
  try {
    return JSON.parse(xhr.responseText);
  } catch {
    return null;
  }
}

function codeForStatus(status) {
  switch (status) {
    case 0: return 'network';
    case 400: return 'bad_request';
    case 401: return 'unauthenticated';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 409: return 'conflict';
    case 413: return 'too_large';
    case 422: return 'invalid';
    case 429: return 'rate_limited';
    case 502: case 503: case 504: return 'unavailable';
    default: return status >= 500 ? 'internal' : 'unknown';
  }
}

/** The fragment's count line and step indicator, from a fresher fragment. */
function updateSummary(frag, doc) {
  if (!frag) return;
  const oldCount = frag.querySelector(':scope > .alert[role="status"]');
  const newCount = doc.querySelector('.frag > .alert[role="status"]');
  if (oldCount && newCount) {
    oldCount.className = newCount.className;        // same live region: it is read out
    oldCount.replaceChildren(...Array.from(newCount.childNodes, (c) => document.importNode(c, true)));
  }
  const oldSteps = frag.querySelector(':scope > ol.steps');
  const newSteps = doc.querySelector('.frag > ol.steps');
  if (oldSteps && newSteps) oldSteps.replaceWith(document.importNode(newSteps, true));
  // Parts that follow the slots (the verification's hand-over): by id.
  for (const old of frag.querySelectorAll('[data-live][id]')) {
    const fresh = doc.getElementById(old.id);
    if (fresh) old.replaceWith(document.importNode(fresh, true));
  }
}

/* ---------------------------------------------------------------- a slot */

const cleanups = new Set();       // object URLs still shown, given back on leaving
let fragSeq = 0;                  // the page-wide count comes from the newest fragment

function enhance(form) {
  const slot = form.closest('.upload-slot') || form;
  const input = form.elements.namedItem('file');
  const submit = form.querySelector('button[type="submit"]');
  const pick = input && input.closest('label.file-pick');
  if (!input || !submit) return;
  const submitText = submit.textContent;

  form.noValidate = true;           // an empty choice opens the picker, not a bubble
  form.classList.add('enhanced');   // the label becomes the button (site.css)

  let box = form.querySelector('.form-error');
  if (!box) {
    box = el('div', 'form-error');
    box.setAttribute('role', 'alert');
    box.hidden = true;
    form.prepend(box);
  }
  box.tabIndex = -1;
  const boxId = `${slot.id || 'slot'}-error`;
  box.id = boxId;

  // The chosen file, before it is sent.
  const picked = el('div', 'picked');
  picked.hidden = true;
  const figure = el('figure', 'preview preview-local');
  const img = el('img');
  img.alt = '';
  const noPreview = el('span', 'no-preview', '无法预览');
  noPreview.setAttribute('aria-hidden', 'true');
  noPreview.hidden = true;
  const caption = el('figcaption');
  const unpick = el('button', 'link-button', '不用这个文件');
  unpick.type = 'button';
  figure.append(img, noPreview, caption);
  const note = el('p', 'field-warning picked-note');
  note.hidden = true;
  note.id = `${slot.id || 'slot'}-note`;
  picked.append(figure, note);

  // The upload under way.
  const progressWrap = el('div', 'upload-progress');
  progressWrap.hidden = true;
  const bar = el('progress');
  bar.max = 100;
  bar.value = 0;
  bar.setAttribute('aria-label', '上传进度');
  const cancel = el('button', 'btn btn-secondary btn-small upload-cancel', '取消上传');
  cancel.type = 'button';
  progressWrap.append(bar, cancel);
  // Present (empty) from the start: a live region must exist before it speaks.
  const status = el('p', 'upload-status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');

  const live = el('div', 'upload-live');
  live.append(progressWrap, status);
  form.before(picked);
  form.after(live);
  // The label's own words ("选择照片或扫描件"), to say "换一个文件" once chosen.
  const pickText = pick && Array.from(pick.childNodes).find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  // An image is there already: the choice replaces it.
  if (pickText && slot.classList.contains('present')) pickText.textContent = '选择新的照片或扫描件';
  const pickWords = pickText ? pickText.textContent : '';
  // "选择照片或扫描件" and "上传" alone do not say for which document.
  const title = slot.querySelector('h3, h2');
  if (title && !title.id) title.id = `${slot.id || 'slot'}-title`;
  const about = title ? [title.id] : [];
  input.setAttribute('aria-describedby', [...about, boxId, note.id].join(' '));
  if (about.length) submit.setAttribute('aria-describedby', about[0]);

  let objectUrl = null;
  let xhr = null;
  let lastSpoken = 0;
  let pending = null;               // a throttled status text, and its timer

  function revoke() {
    if (objectUrl) {
      URL.revokeObjectURL(objectUrl);
      cleanups.delete(objectUrl);
      objectUrl = null;
    }
  }

  function clearError() {
    box.replaceChildren();
    box.hidden = true;
    input.removeAttribute('aria-invalid');
    slot.classList.remove('has-error');
    // The message of an earlier no-JavaScript post is out of date now.
    const frag = form.closest('.frag');
    if (frag) {
      for (const a of frag.querySelectorAll('.alert-error')) if (!a.closest('form')) a.hidden = true;
    }
  }

  function showError(text) {
    // The server's word replaces the guess made on choosing.
    note.hidden = true;
    box.replaceChildren(el('p', '', text));
    box.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    slot.classList.add('has-error');
    box.focus();
  }

  function setStatus(text, force = false) {
    const now = Date.now();
    if (pending) {
      clearTimeout(pending.timer);
      pending = null;
    }
    if (!force && now - lastSpoken < ANNOUNCE_MS) {
      // Said a moment ago: say the newest a little later.
      pending = { timer: setTimeout(() => setStatus(text, true), lastSpoken + ANNOUNCE_MS - now) };
      return;
    }
    lastSpoken = now;
    status.textContent = text;
  }

  function setBusy(on) {
    form.setAttribute('aria-busy', on ? 'true' : 'false');
    slot.classList.toggle('uploading', on);
    submit.disabled = on;
    input.disabled = on;
    unpick.disabled = on;
    if (pick) pick.classList.toggle('disabled', on);
    progressWrap.hidden = !on;
    submit.textContent = on ? '正在上传…' : submitText;
  }

  /* ---- the choice ---- */

  async function showPicked() {
    revoke();
    clearError();
    note.hidden = true;
    note.textContent = '';
    status.textContent = '';
    const file = input.files && input.files[0];
    slot.classList.toggle('has-pick', !!file);
    if (pickText) pickText.textContent = file ? '换一个文件' : pickWords;
    if (!file) {
      picked.hidden = true;
      img.removeAttribute('src');
      return;
    }
    objectUrl = URL.createObjectURL(file);
    cleanups.add(objectUrl);
    img.hidden = false;
    noPreview.hidden = true;
    img.src = objectUrl;
    caption.replaceChildren(el('strong', '', '待上传：'), document.createTextNode(file.name),
      el('span', 'size', ` · ${formatBytes(file.size)}`), ' ', unpick);
    picked.hidden = false;
    submit.classList.remove('btn-secondary');
    submit.classList.add('btn-primary');

    const notes = [];
    const kind = await sniff(file);
    if (input.files[0] !== file) return;       // another choice meanwhile
    if (!kind.ok) {
      notes.push(kind.what === '空文件'
        ? '这个文件是空的，请重新选择。'
        : `这个文件看起来是${kind.what || '其他格式的文件'}，不是 JPG 或 PNG 图片。` +
          '请先截图或拍照，再上传 JPG 或 PNG；也可以直接上传，由系统检查。');
    }
    if (file.size > LIMIT_BYTES) {
      notes.push(`文件较大（${formatBytes(file.size)}），超过 ${formatBytes(LIMIT_BYTES)} 的文件无法上传。` +
        '请用手机重新拍摄，或把扫描分辨率调低（300 dpi 足够）。');
    } else if (file.size > 8 * 1024 * 1024) {
      notes.push(`文件较大（${formatBytes(file.size)}），上传可能需要一些时间；系统会自动压缩。`);
    }
    if (notes.length) {
      note.textContent = notes.join(' ');
      note.hidden = false;
    }
  }

  img.addEventListener('error', () => {
    if (!img.getAttribute('src')) return;
    img.hidden = true;
    noPreview.hidden = false;
  });

  input.addEventListener('change', showPicked);

  unpick.addEventListener('click', () => {
    input.value = '';
    showPicked();
    input.focus();
  });

  // Dropping a file onto the slot chooses it.
  slot.addEventListener('dragover', (ev) => {
    if (input.disabled || !ev.dataTransfer || !Array.from(ev.dataTransfer.types).includes('Files')) return;
    ev.preventDefault();
    slot.classList.add('drag-over');
  });
  slot.addEventListener('dragleave', (ev) => {
    if (!slot.contains(ev.relatedTarget)) slot.classList.remove('drag-over');
  });
  slot.addEventListener('drop', (ev) => {
    slot.classList.remove('drag-over');
    if (input.disabled || !ev.dataTransfer || !ev.dataTransfer.files.length) return;
    ev.preventDefault();
    const dt = new DataTransfer();
    dt.items.add(ev.dataTransfer.files[0]);
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });

  /* ---- sending ---- */

  function send(body, retried) {
    const file = input.files[0];
    xhr = new XMLHttpRequest();
    const req = xhr;
    req.open('POST', form.action);
    req.setRequestHeader('Accept', 'application/json');
    const token = getCsrf();
    if (token) req.setRequestHeader('X-CSRF-Token', token);

    bar.value = 0;
    setStatus('正在上传 0%', true);
    req.upload.addEventListener('progress', (ev) => {
      if (!ev.lengthComputable || !ev.total) return;
      const pct = Math.min(100, Math.floor((ev.loaded / ev.total) * 100));
      bar.value = pct;
      bar.textContent = `${pct}%`;
      setStatus(`正在上传 ${pct}%（${formatBytes(ev.loaded)} / ${formatBytes(ev.total)}）`);
    });
    req.upload.addEventListener('load', () => {
      // Every byte is there; the server now decodes, turns and compresses.
      bar.removeAttribute('value');
      cancel.hidden = true;
      slot.classList.add('processing');
      submit.textContent = '正在处理…';
      setStatus('正在处理…（自动转正、压缩，通常只需几秒）', true);
    });
    req.addEventListener('abort', () => {
      if (xhr !== req) return;
      done();
      setStatus('已取消上传。您选择的文件还在，可以再次上传。', true);
    });
    req.addEventListener('error', () => {
      if (xhr !== req) return;
      done();
      setStatus('', true);
      // nginx may refuse an oversized body before reading it: the
      // connection just ends, which looks like a network failure here.
      if (file && file.size > LIMIT_BYTES) showError(tooLarge(file));
      else showError(`上传没有完成：${messageFor('network')}您选择的文件还在，可以直接再点“${submitText}”。`);
    });
    req.addEventListener('load', () => {
      if (xhr !== req) return;
      answer(req, body, retried, file);
    });
    req.send(body);
  }

  function done() {
    xhr = null;
    slot.classList.remove('processing');
    cancel.hidden = false;
    setBusy(false);
  }

  async function answer(req, body, retried, file) {
    const data = jsonOf(req);
    if (req.status === 201 || (req.status >= 200 && req.status < 300)) {
      setStatus('上传成功，正在显示处理后的图片…', true);
      await replaceSlot(data);
      return;
    }
    done();
    setStatus('', true);
    if (req.status === 401) {
      setCsrf(null);
      toLogin();
      return;
    }
    const err = data && data.error && typeof data.error === 'object' ? data.error : {};
    const code = typeof err.code === 'string' && err.code ? err.code : codeForStatus(req.status);
    if (code === 'csrf_failed' && !retried) {
      // The cached token went stale (a new login in another tab): once more.
      setCsrf(null);
      await ensureCsrf();
      setBusy(true);
      send(body, true);
      return;
    }
    const fields = err.fields && typeof err.fields === 'object' ? err.fields : {};
    let text = ['file', 'kind', 'website_id'].map((f) => fields[f]).find((m) => typeof m === 'string' && m.trim());
    if (!text) text = typeof err.message === 'string' && err.message.trim() ? err.message : messageFor(code);
    if (code === 'too_large' && file) text = tooLarge(file);
    showError(text);
  }

  /** The slot as the server now renders it, with the rest of the page's state. */
  async function replaceSlot(data) {
    const next = safeNext(form.elements.namedItem('next')?.value) || location.pathname + location.search;
    const fallback = () => location.assign(`${next}#${slot.id}`);
    const mine = ++fragSeq;
    let doc;
    try {
      // The page's own fragment: the upload step's, or the one the form names.
      const res = await fetch(form.dataset.refresh || form.action, {
        headers: { Accept: 'text/html' }, credentials: 'same-origin', cache: 'no-store',
      });
      if (!res.ok) throw new Error(String(res.status));
      doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    } catch {
      fallback();
      return;
    }
    const fresh = slot.id && doc.getElementById(slot.id);
    if (!fresh) {
      fallback();
      return;
    }
    const node = document.importNode(fresh, true);
    const warned = data && Array.isArray(data.warnings) && data.warnings.length > 0;
    const ok = el('p', 'upload-done', warned
      ? '上传成功，但照片可能不够清楚：请看下面的提示，必要时重新拍摄后再上传。'
      : '上传成功。下面是系统处理后的图片，请确认文字清晰可辨。');
    ok.tabIndex = -1;
    const where = node.querySelector('figure.preview') || node.querySelector('form');
    if (where) where.before(ok);
    else node.append(ok);
    revoke();
    slot.replaceWith(node);

    // The count ("还缺 3 份材料" / all done) and the step indicator, unless a
    // newer answer (another slot's) is on its way with fresher ones.
    if (mine === fragSeq) updateSummary(node.closest('.frag'), doc);

    const newForm = node.querySelector('form.upload-form');
    if (newForm) enhance(newForm);
    ok.focus();
  }

  cancel.addEventListener('click', () => {
    if (xhr) xhr.abort();
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (xhr || form.getAttribute('aria-busy') === 'true') return;
    const file = input.files && input.files[0];
    if (!file) {
      // 上传 before choosing: open the picker (that is what was meant).
      clearError();
      setStatus('请先选择一张 JPG 或 PNG 格式的照片或扫描件，再点“' + submitText + '”。', true);
      try {
        input.click();
      } catch {
        input.focus();
      }
      return;
    }
    clearError();
    const body = new FormData(form);      // before the input is disabled
    setBusy(true);
    setStatus('正在准备上传…', true);
    await ensureCsrf();
    send(body, false);
  });

  // The browser may have kept a choice (back button, restored form).
  if (input.files && input.files.length) showPicked();
  form.dataset.enhanced = 'true';
}

for (const form of document.querySelectorAll('form.upload-form')) enhance(form);

/**
 * Slots changed elsewhere (an upload from the phone, handoff.js): takes the
 * slots with these ids, the count line and the step indicator from the
 * server's fragment at `action` (GET as text/html), as after an upload
 * here. A slot whose own upload is under way is left alone. Each slot
 * taken gets `note` (a p.upload-done) when given. Resolves to the ids
 * actually replaced; rejects when the fragment could not be had.
 */
export async function refreshSlots(action, ids, note) {
  const mine = ++fragSeq;
  const res = await fetch(action, {
    headers: { Accept: 'text/html' }, credentials: 'same-origin', cache: 'no-store',
  });
  if (!res.ok) throw new Error(String(res.status));
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const done = [];
  let frag = null;
  for (const id of ids) {
    const slot = document.getElementById(id);
    const fresh = doc.getElementById(id);
    if (!slot || !fresh || slot.classList.contains('uploading')) continue;
    // A file chosen here but not sent: its preview is given back.
    for (const img of slot.querySelectorAll('.picked img[src^="blob:"]')) {
      const u = img.getAttribute('src');
      URL.revokeObjectURL(u);
      cleanups.delete(u);
    }
    const node = document.importNode(fresh, true);
    if (note) {
      const ok = el('p', 'upload-done', note);
      const where = node.querySelector('figure.preview') || node.querySelector('form');
      if (where) where.before(ok);
      else node.append(ok);
    }
    slot.replaceWith(node);
    frag = frag || node.closest('.frag');
    const form = node.querySelector('form.upload-form');
    if (form) enhance(form);
    done.push(id);
  }
  if (mine === fragSeq) updateSummary(frag || document.querySelector('.frag[data-frag="order-upload"], .frag[data-frag="order-verify"]'), doc);
  return done;
}

window.addEventListener('pagehide', (ev) => {
  if (ev.persisted) return;          // kept in the back/forward cache: still shown
  for (const u of cleanups) URL.revokeObjectURL(u);
  cleanups.clear();
});
