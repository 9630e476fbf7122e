// beian — step 5, 填写网站信息 (/order/website.html): the add-website form
// that the server renders (cgi/website-view.c) made easier to fill in.
//
//   * The owner switch: while "与主体负责人为同一人" (owner.same_as_leader) is
//     ticked, the .owner-person block is hidden and its fields are disabled,
//     so they are not posted. "证件长期有效" (owner.id_long_term) hides and
//     disables the 证件有效期至 date the same way, and 审批号 waits until a kind
//     of 前置审批 is chosen.
//   * Live checks with the server's own rules, not a copy of them: shortly
//     after a field is left or changed, the whole form goes to
//     POST {action}/check (nothing is saved), and the answer
//     {errors: {field: message}, warnings: {field: [message]}} is shown
//     beside the fields — errors in the field's p.field-error slot, warnings
//     as an amber p.field-warning under it. A field's error shows only once
//     the user has been at it (typed, picked, or left it with something in
//     it), or after a first try to save, so an empty form is not a wall of red.
//   * Saving stays with forms.js (urlencoded post, 201 → next, 422 → the
//     field map); after a refusal every field counts as touched, and the
//     warnings of the 422 are shown too.
//
// Warnings never block saving: they say what the bureau may ask for.

import { setCsrf } from './api.js';
import { errorSlotOf, setFieldError, clearFieldError, pruneSummary, bodyOf, post } from './forms.js';

const DEBOUNCE_MS = 300;

/* ---------------------------------------------------------------- helpers */

/** The name the server's field map uses for this control. */
function fieldOf(control) {
  // The slot the control points at (preapproval_type → err-preapprovals) …
  for (const id of (control.getAttribute('aria-describedby') || '').split(/\s+/)) {
    if (id.startsWith('err-')) return id.slice(4);
  }
  // … or the one in its block (preapproval_number, a checkbox of a list).
  const slot = control.closest('.field')?.querySelector('.field-error[data-field]');
  return slot ? slot.dataset.field : control.name;
}

/** Is el's block on show (el itself may be a hidden, empty slot)? */
function shown(el) {
  return !el.parentElement || !el.parentElement.closest('[hidden]');
}

function setHidden(el, hide) {
  if (el) el.hidden = hide;
}

/** Disable (so FormData leaves them out) every control in `box`. */
function setDisabled(box, disabled) {
  for (const c of box.querySelectorAll('input, select, textarea')) c.disabled = disabled;
}

/* -------------------------------------------------------------- the form */

function enhance(form) {
  const sameAsLeader = form.elements.namedItem('owner.same_as_leader');
  const person = form.querySelector('.owner-person');
  const longTerm = form.elements.namedItem('owner.id_long_term');
  const validUntil = form.elements.namedItem('owner.id_valid_until');
  const validUntilField = validUntil && validUntil.closest('.field');
  const preType = form.elements.namedItem('preapproval_type');
  const preNumber = form.elements.namedItem('preapproval_number');
  // The server names the check route in the form (editing a website
  // checks with its id); else the add form's action + /check.
  const named = form.elements.namedItem('_check');
  const checkPath = named && named.value ? named.value
    : new URL(form.getAttribute('action'), location.href).pathname.replace(/\/+$/, '') + '/check';

  const touched = new Set();      // field names the user has been at
  const typing = new Set();       // fields edited since their last check
  let attempted = false;          // a save was tried: every field counts
  let seq = 0;                    // answers older than the newest are dropped
  let timer = null;

  /* ---- owner switch and long-term ID ---- */

  function syncOwner() {
    if (!sameAsLeader || !person) return;
    const same = sameAsLeader.checked;
    setHidden(person, same);
    setDisabled(person, same);
    if (!same) syncLongTerm();
  }

  function syncLongTerm() {
    if (!longTerm || !validUntil) return;
    const hide = longTerm.checked || longTerm.disabled;
    setHidden(validUntilField, hide);
    validUntil.disabled = hide;
  }

  // 审批号 only once a kind of pre-approval is chosen ("不涉及" is the default).
  function syncPreapproval() {
    if (!preType || !preNumber) return;
    const none = preType.value === '';
    setHidden(preNumber, none);
    for (const l of preNumber.labels || []) setHidden(l, none);
    preNumber.disabled = none;
  }

  /* ---- warnings ---- */

  function warningSlot(name) {
    const id = 'warn-' + name;
    let note = document.getElementById(id);
    if (note && form.contains(note)) return note;
    const err = errorSlotOf(form, name);
    if (!err) return null;
    note = document.createElement('p');
    note.className = 'field-warning';
    note.id = id;
    note.hidden = true;
    err.after(note);
    // Read out with the field, like the hint and the error.
    const first = form.elements.namedItem(name);
    const control = first instanceof Element ? first : first && first[0];
    const target = control && control.closest('fieldset.choices') ? control.closest('fieldset') : control;
    if (target) {
      const ids = (target.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
      if (!ids.includes(id)) target.setAttribute('aria-describedby', [...ids, id].join(' '));
    }
    return note;
  }

  /** The box for warnings that belong to no field on show (e.g. "subject"). */
  function generalWarnings() {
    let box = form.querySelector('.form-warnings');
    if (box) return box;
    box = document.createElement('div');
    box.className = 'form-warnings';
    box.setAttribute('aria-live', 'polite');
    box.hidden = true;
    const submit = form.querySelector('button[type="submit"]');
    if (submit) submit.before(box);
    else form.append(box);
    return box;
  }

  function showWarnings(warnings) {
    const general = [];
    const seen = new Set();
    for (const [name, list] of Object.entries(warnings || {})) {
      const msgs = [].concat(list).filter((m) => typeof m === 'string' && m.trim());
      if (!msgs.length) continue;
      const slot = errorSlotOf(form, name);
      if (slot && shown(slot)) {
        if (!attempted && !touched.has(name)) continue;
        const note = warningSlot(name);
        note.textContent = msgs.join(' ');
        note.hidden = false;
        seen.add(note);
      } else {
        // A rule about the subject, or about the subject's leader while the
        // owner's own fields are hidden: worth knowing before saving.
        for (const m of msgs) if (!general.includes(m)) general.push(m);
      }
    }
    for (const note of form.querySelectorAll('.field-warning')) {
      if (!seen.has(note)) {
        note.hidden = true;
        note.textContent = '';
      }
    }
    const box = generalWarnings();
    box.replaceChildren();
    if (general.length) {
      const p = document.createElement('p');
      p.textContent = '请注意（可以先保存，但可能影响管局审核）：';
      const ul = document.createElement('ul');
      for (const m of general) {
        const li = document.createElement('li');
        li.textContent = m;
        ul.append(li);
      }
      box.append(p, ul);
    }
    box.hidden = general.length === 0;
  }

  /* ---- errors ---- */

  function showErrors(errors) {
    for (const slot of form.querySelectorAll('.field-error[data-field]')) {
      const name = slot.dataset.field;
      const msg = errors[name];
      const visible = shown(slot);
      if (msg && visible && (attempted || touched.has(name))) {
        // While the user is still typing in a field, only ever take its
        // error away — never put a new one up mid-word.
        if (typing.has(name) && slot.hidden) continue;
        setFieldError(form, name, msg);
      } else if (!msg || !visible) {
        clearFieldError(form, name);
      }
    }
    pruneSummary(form, errors);
  }

  /* ---- the check ---- */

  async function check() {
    timer = null;
    const mine = ++seq;
    const body = bodyOf(form);
    let r = await post(checkPath, body);
    if (r && !r.ok && r.error.code === 'csrf_failed') {
      setCsrf(null);
      r = await post(checkPath, body);
    }
    if (mine !== seq || form.getAttribute('aria-busy') === 'true') return;   // stale, or saving
    typing.clear();
    // No session, a closed order, the network: saving will say so.
    if (!r || !r.ok || !r.data || typeof r.data !== 'object') return;
    showErrors(r.data.errors && typeof r.data.errors === 'object' ? r.data.errors : {});
    showWarnings(r.data.warnings);
  }

  function schedule(delay = DEBOUNCE_MS) {
    clearTimeout(timer);
    timer = setTimeout(check, delay);
  }

  /* ---- events ---- */

  const edited = new Set();       // fields typed in since they got focus

  form.addEventListener('input', (ev) => {
    const c = ev.target;
    if (!c.name || c.type === 'hidden' || c.type === 'checkbox' || c.type === 'radio') return;
    const name = fieldOf(c);
    edited.add(name);
    // Typing in a field that shows an error: check again (slower), so the
    // error goes as soon as the value is right.
    const slot = errorSlotOf(form, name);
    if (slot && !slot.hidden) {
      typing.add(name);
      schedule(DEBOUNCE_MS * 2);
    }
  });

  form.addEventListener('change', (ev) => {
    const c = ev.target;
    if (!c.name || c.type === 'hidden') return;
    if (c === sameAsLeader) syncOwner();
    if (c === longTerm) syncLongTerm();
    if (c === preType) syncPreapproval();
    if (c === longTerm && validUntil) {
      // The date is no longer asked for (or asked again: not yet touched).
      if (longTerm.checked) clearFieldError(form, 'owner.id_valid_until');
    }
    // Picking a kind of pre-approval asks for its number next: not an error yet.
    const waits = c === preType && preNumber && preNumber.value.trim() === '';
    if (c !== sameAsLeader && c !== longTerm && !waits) touched.add(fieldOf(c));
    typing.delete(fieldOf(c));
    schedule();
  });

  // Leaving a field counts as touching it when something was typed or it is
  // not empty: tabbing through an empty form marks nothing.
  form.addEventListener('focusout', (ev) => {
    const c = ev.target;
    if (!c.name || c.type === 'hidden' || c.type === 'submit') return;
    const name = fieldOf(c);
    const filled = c.type !== 'checkbox' && c.type !== 'radio' && c.value.trim() !== '';
    if (edited.has(name) || filled) {
      touched.add(name);
      edited.delete(name);
      typing.delete(name);
      schedule();
    }
  });

  // A try to save: every field counts from now on; pending checks are moot.
  form.addEventListener('submit', () => {
    attempted = true;
    clearTimeout(timer);
    timer = null;
    seq += 1;
  });

  form.addEventListener('api-form:refused', (ev) => {
    const r = ev.detail;
    if (r && r.error && r.error.warnings) showWarnings(r.error.warnings);
  });

  // Also after the browser restored ticks on going back to the page.
  syncOwner();
  syncLongTerm();
  syncPreapproval();
  form.dataset.live = 'true';                // tests wait for this
}

for (const form of document.querySelectorAll('.frag[data-frag="order-website"] form.api-form')) {
  // The add form, not a card's delete button.
  if (form.elements.namedItem('domain')) enhance(form);
}
