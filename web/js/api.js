// beian — tiny JSON API helper shared by every page.
//
//   const r = await api('POST', '/api/session', { login, password });
//   r → { ok, status, data, error, retryAfter }
//
// * Sends Accept: application/json and credentials: 'same-origin'. A body is
//   JSON, or sent as is when it is FormData (multipart) or URLSearchParams
//   (urlencoded, exactly what a classic form posts).
// * Caches the CSRF token from any response carrying {"csrf": "..."} (the
//   session responses) and sends it as X-CSRF-Token on every non-GET request.
// * Never throws for HTTP or network failures: `error` is always an object
//   {code, message, fields?, request_id?} when ok is false, with a zh-CN
//   message even when the server (or a proxy in front of it) sent no JSON.
// * retryAfter is the Retry-After header in whole seconds, or null.

let csrfToken = null;

const FALLBACK = {
  network: '无法连接到服务器。请检查网络连接后再试。',
  bad_request: '请求格式不正确。请刷新页面后再试。',
  unauthenticated: '登录已失效，请重新登录。',
  forbidden: '您没有权限进行这个操作。',
  csrf_failed: '无法确认这次提交来自本站页面。请刷新页面后再试。',
  not_found: '要找的内容不存在或已被删除。',
  conflict: '这个操作与当前状态冲突。请刷新页面查看最新状态。',
  too_large: '文件太大。',
  invalid: '填写的内容有误，请按提示修改。',
  rate_limited: '操作太频繁，请稍后再试。',
  internal: '系统内部出错，这不是您的操作问题。请稍后再试。',
  unavailable: '系统暂时繁忙或正在维护。请过几分钟再试。',
  unknown: '操作没有完成，请稍后再试。',
};

function codeForStatus(status) {
  switch (status) {
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

/** The fallback zh-CN message for an error code (used when the server sent none). */
export function messageFor(code) {
  return FALLBACK[code] || FALLBACK.unknown;
}

/** Retry-After is either delta-seconds or an HTTP date. */
function parseRetryAfter(value) {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const when = Date.parse(v);
  if (Number.isNaN(when)) return null;
  return Math.max(0, Math.ceil((when - Date.now()) / 1000));
}

export function getCsrf() {
  return csrfToken;
}

export function setCsrf(token) {
  csrfToken = typeof token === 'string' && token !== '' ? token : null;
}

/** Make sure a CSRF token is cached (fetches GET /api/session if needed). */
export async function ensureCsrf() {
  if (csrfToken) return csrfToken;
  await api('GET', '/api/session');
  return csrfToken;
}

export async function api(method, path, body) {
  const m = String(method || 'GET').toUpperCase();
  const headers = { Accept: 'application/json' };
  const init = { method: m, headers, credentials: 'same-origin', cache: 'no-store', redirect: 'follow' };

  if (body !== undefined && body !== null) {
    if (body instanceof FormData) {
      init.body = body;               // the browser sets the multipart boundary
    } else if (body instanceof URLSearchParams) {
      init.body = body;               // application/x-www-form-urlencoded;charset=UTF-8
    } else {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  if (m !== 'GET' && m !== 'HEAD' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }

  let res;
  try {
    res = await fetch(path, init);
  } catch {
    return {
      ok: false, status: 0, data: null, retryAfter: null,
      error: { code: 'network', message: FALLBACK.network },
    };
  }

  let data = null;
  const type = res.headers.get('Content-Type') || '';
  if (res.status !== 204 && /[/+]json\b/i.test(type)) {
    try {
      data = await res.json();
    } catch {
      data = null;
    }
  }

  const retryAfter = parseRetryAfter(res.headers.get('Retry-After'));

  if (res.ok) {
    if (data && typeof data === 'object' && typeof data.csrf === 'string') {
      setCsrf(data.csrf);
    }
    if (m === 'DELETE' && path === '/api/session') {
      setCsrf(null);
    }
    return { ok: true, status: res.status, data, error: null, retryAfter };
  }

  if (res.status === 401) {
    setCsrf(null);
  }

  let error = data && typeof data === 'object' && data.error && typeof data.error === 'object'
    ? { ...data.error }
    : null;
  if (!error) error = { code: codeForStatus(res.status) };
  if (typeof error.code !== 'string' || error.code === '') error.code = codeForStatus(res.status);
  if (typeof error.message !== 'string' || error.message.trim() === '') {
    error.message = messageFor(error.code);
  }
  if (!error.fields || typeof error.fields !== 'object') error.fields = {};

  return { ok: false, status: res.status, data, error, retryAfter };
}
