// beian — where to go next: same-site paths only, and the way to the login page.

// Query parameters that only describe the last failed form post
// (?error=CODE&field=NAME&reason=R&status=S&next=P&echo=ID): never carried to the next page.
export const ONE_SHOT_PARAMS = ['error', 'field', 'reason', 'status', 'next', 'msg', 'sig', 'echo'];

/** A same-site path: one leading slash, not "//" or "/\" (which would leave the site). */
export function safeNext(value) {
  if (typeof value !== 'string') return null;
  if (!/^\/(?![/\\])/.test(value)) return null;
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  return value;
}

/** This page's path and query without the one-shot error parameters. */
export function herePath() {
  const params = new URLSearchParams(location.search);
  for (const p of ONE_SHOT_PARAMS) params.delete(p);
  const q = params.toString();
  return location.pathname + (q ? '?' + q : '');
}

/** The session is gone: log in again, then come back here. */
export function toLogin() {
  location.replace('/login.html?next=' + encodeURIComponent(herePath()));
}
