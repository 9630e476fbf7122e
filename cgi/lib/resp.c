#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "html.h"
#include "view.h"

void
resp_json(struct resp *w, int status, json_t *j)
{
	json_decref(w->body);
	w->status = status;
	w->body = j;
}

void
resp_header(struct resp *w, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;
	int		 n;

	if (w->nhdrs == RESP_MAX_HDRS)
		abort();	/* a programming error, not input */
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	b.p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b.p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	/* Header injection: no CR or LF may come from any value. */
	for (char *p = b.p; *p != '\0'; p++)
		if (*p == '\r' || *p == '\n')
			*p = ' ';
	w->hdrs[w->nhdrs++] = b.p;
}

enum app_err
resp_field(struct resp *w, const char *field, const char *msg)
{
	if (w->fields == NULL)
		w->fields = json_object();
	if (json_object_get(w->fields, field) == NULL)
		json_object_set_new(w->fields, field, json_string(msg));
	return APP_EINVAL;
}

enum app_err
resp_fail(struct resp *w, enum app_err er, const char *code, const char *msg)
{
	w->code = code;
	free(w->msg);
	w->msg = msg != NULL ? xstrdup(msg) : NULL;
	return er;
}

void
resp_set_cookie(struct resp *w, const struct req *r, const char *name,
    const char *val, int64_t maxage)
{
	resp_header(w, "Set-Cookie: %s=%s; Path=/; HttpOnly; SameSite=Lax; "
	    "Max-Age=%lld%s", name, val, (long long)maxage,
	    req_is_https(r) ? "; Secure" : "");
}

bool
safe_local_path(const char *p)
{
	size_t	 i;

	if (p == NULL || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return false;
	for (i = 0; p[i] != '\0'; i++)
		if ((unsigned char)p[i] <= 0x20 || (unsigned char)p[i] >= 0x7f ||
		    p[i] == '\\')
			return false;
	return i <= 512;
}

/* The page a classic form came from: "back", else the Referer's path. */
static void
back_path(const struct req *r, struct buf *out)
{
	const char	*b = req_str(r, "back"), *ref, *p, *o;

	if (safe_local_path(b)) {
		page_with_id(out, b);
		return;
	}
	ref = req_env(r, "HTTP_REFERER");
	o = req_env(r, "HTTP_ORIGIN");
	/*
	 * req_same_origin() judges by Origin when there is one: the
	 * Referer must then name that origin too.
	 */
	if (ref != NULL && req_same_origin(r) &&
	    (p = strstr(ref, "://")) != NULL && (p = strchr(p + 3, '/')) &&
	    (o == NULL || strcmp(o, "null") == 0 ||
	    (strlen(o) == (size_t)(p - ref) &&
	    strncasecmp(ref, o, (size_t)(p - ref)) == 0)) &&
	    safe_local_path(p)) {
		page_with_id(out, p);
		return;
	}
	buf_puts(out, "/");
}

/*
 * next with "{id}" replaced by the id of the object just made, so that a
 * classic form can go on to the page of the order it created.
 */
static void
next_path(struct buf *out, const char *next, const json_t *body)
{
	const char	*at = strstr(next, "{id}");
	json_t		*id = json_object_get(body, "id");

	if (at == NULL || !json_is_integer(id)) {
		buf_puts(out, next);
		return;
	}
	buf_append(out, next, (size_t)(at - next));
	buf_printf(out, "%lld", (long long)json_integer_value(id));
	buf_puts(out, at + 4);
}

static const char *
first_field(const struct resp *w)
{
	void	*it;

	if (w->fields == NULL || (it = json_object_iter(w->fields)) == NULL)
		return NULL;
	return json_object_iter_key(it);
}

static json_t *
error_body(const struct req *r, const struct resp *w, enum app_err er)
{
	json_t	*e, *top;

	e = json_object();
	json_object_set_new(e, "code", json_string(w->code != NULL ?
	    w->code : app_err_code(er)));
	json_object_set_new(e, "message", json_string(w->msg != NULL ?
	    w->msg : app_err_msg(er)));
	if (w->fields != NULL)
		json_object_set(e, "fields", w->fields);
	if (w->extra != NULL)
		json_object_update_missing(e, w->extra);
	json_object_set_new(e, "request_id", json_string(r->request_id));
	top = json_object();
	json_object_set_new(top, "error", e);
	return top;
}

void
resp_render(const struct req *r, const struct resp *w, enum app_err er,
    struct buf *out)
{
	struct buf	 loc = BUF_INIT, body = BUF_INIT, frag = BUF_INIT;
	const char	*ctype = "application/json; charset=utf-8", *field;
	char		*hash;
	const char	*next;
	char		*dump = NULL;
	json_t		*eb;
	int		 status;
	size_t		 i;

	if (er >= APP__MAX)
		er = APP_EINTERNAL;
	if (r->html) {
		/* A browser posted a classic form: Post/Redirect/Get. */
		status = 303;
		if (er == APP_OK) {
			next = w->next != NULL ? w->next : req_str(r, "next");
			next_path(&loc, safe_local_path(next) ? next : "/",
			    w->body);
		} else {
			back_path(r, &loc);
			/*
			 * A page that keeps its state in the fragment (the
			 * phone's #t=) gets it back after the query.
			 */
			if ((hash = strchr(loc.p, '#')) != NULL) {
				buf_puts(&frag, hash);
				loc.len = (size_t)(hash - loc.p);
				loc.p[loc.len] = '\0';
			}
			buf_puts(&loc, strchr(loc.p, '?') != NULL ? "&error=" :
			    "?error=");
			url_escape(&loc, w->code != NULL ? w->code :
			    app_err_code(er));
			if ((field = first_field(w)) != NULL) {
				char		 sig[65];
				const char	*m = json_string_value(
				    json_object_get(w->fields, field));

				buf_puts(&loc, "&field=");
				url_escape(&loc, field);
				/* The exact words, signed: see msg_sign(). */
				if (m != NULL && r->conf != NULL &&
				    strlen(m) < 400) {
					msg_sign(r->conf, field, m, sig);
					buf_puts(&loc, "&msg=");
					url_escape(&loc, m);
					buf_printf(&loc, "&sig=%s", sig);
				}
			}
			if (w->echo[0] != '\0')
				buf_printf(&loc, "&echo=%s", w->echo);
			/* Which rule, or which state, for the page to explain. */
			for (size_t k = 0; k < 2; k++) {
				static const char *const keys[] = {
					"reason", "status"
				};
				const char *v = json_string_value(
				    json_object_get(w->extra, keys[k]));

				if (v == NULL || strspn(v,
				    "abcdefghijklmnopqrstuvwxyz_") != strlen(v))
					continue;
				buf_printf(&loc, "&%s=%s", keys[k], v);
			}
			/*
			 * Keep where the user was going for the next try;
			 * not for a fragment page, whose next holds the token
			 * that must stay out of request lines.
			 */
			next = req_str(r, "next");
			if (frag.len == 0 && safe_local_path(next) &&
			    strcmp(next, "/") != 0) {
				buf_puts(&loc, "&next=");
				url_escape(&loc, next);
			}
			if (frag.len > 0)
				buf_append(&loc, frag.p, frag.len);
			else {
				buf_puts(&loc, "#e-");
				url_escape(&loc, w->code != NULL ? w->code :
				    app_err_code(er));
			}
		}
	} else if (er == APP_OK) {
		status = w->status != 0 ? w->status : 200;
		if (w->body != NULL) {
			dump = json_dumps(w->body, JSON_COMPACT);
			if (dump != NULL)
				buf_puts(&body, dump);
		} else if (w->raw.p != NULL) {
			buf_append(&body, w->raw.p, w->raw.len);
			if (w->ctype != NULL)
				ctype = w->ctype;
		}
	} else if (r->want_html) {
		/* A page includes this answer: say it in the page's words. */
		status = app_err_http(er);
		view_error(&body, r, w->code != NULL ? w->code :
		    app_err_code(er), w->msg != NULL ? w->msg :
		    app_err_msg(er), status);
		ctype = "text/html; charset=utf-8";
	} else {
		status = app_err_http(er);
		eb = error_body(r, w, er);
		dump = json_dumps(eb, JSON_COMPACT);
		json_decref(eb);
		if (dump != NULL)
			buf_puts(&body, dump);
	}
	free(dump);

	buf_printf(out, "Status: %d %s\r\n", status, app_http_reason(status));
	if (loc.p != NULL)
		buf_printf(out, "Location: %s\r\n", loc.p);
	if (body.len > 0 || status >= 300)
		buf_printf(out, "Content-Type: %s\r\n", ctype);
	buf_printf(out, "Content-Length: %zu\r\n",
	    r->method == M_HEAD ? 0 : body.len);
	buf_printf(out, "X-Request-Id: %s\r\n", r->request_id);
	buf_printf(out, "Cache-Control: %s\r\n", er == APP_OK && !r->html &&
	    w->cache != NULL ? w->cache : "no-store");
	for (i = 0; i < w->nhdrs; i++)
		buf_printf(out, "%s\r\n", w->hdrs[i]);
	buf_puts(out, "\r\n");
	if (r->method != M_HEAD && body.len > 0)
		buf_append(out, body.p, body.len);
	buf_free(&loc);
	buf_free(&body);
	buf_free(&frag);
}

void
resp_free(struct resp *w)
{
	size_t	 i;

	if (w == NULL)
		return;
	json_decref(w->body);
	json_decref(w->fields);
	json_decref(w->extra);
	buf_free(&w->raw);
	free(w->msg);
	for (i = 0; i < w->nhdrs; i++)
		free(w->hdrs[i]);
	memset(w, 0, sizeof(*w));
}
