/*
 * cgi/lib/resp.c, req.c and err.c: rendering responses (JSON and the
 * classic-form 303s), the error table, origin checks and req_parse.
 * Requests are built by hand: envp is a NULL-terminated "NAME=value"
 * array, as FastCGI hands it over.
 */
#include <jansson.h>

#include "unit.h"

#include "lib/app.h"
#include "lib/token.h"

#define RID	"0123456789abcdef0123456789abcdef"
#define HOST	"127.0.0.1:8080"

static struct conf	 tconf;

static void
req_setup(struct req *r, char **envp)
{
	memset(r, 0, sizeof(*r));
	r->envp = envp;
	r->conf = &tconf;
	r->method = M_GET;
	r->method_name = "GET";
	memcpy(r->request_id, RID, sizeof(RID));
}

struct	out {
	struct buf	 b;
	const char	*body;		/* after the blank line */
	size_t		 bodysz;
};

static void
render(const struct req *r, const struct resp *w, enum app_err er,
    struct out *o)
{
	const char	*end;

	memset(o, 0, sizeof(*o));
	resp_render(r, w, er, &o->b);
	assert_non_null(o->b.p);
	end = strstr(o->b.p, "\r\n\r\n");
	assert_non_null(end);
	o->body = end + 4;
	o->bodysz = o->b.len - (size_t)(o->body - o->b.p);
}

/*
 * The value of header name (the first one), or NULL; *count gets how
 * many lines carry that name.  Lines are split on CRLF only.
 */
static char *
header(const struct out *o, const char *name, size_t *count)
{
	const char	*p = o->b.p, *eol;
	size_t		 n = strlen(name), k = 0;
	char		*v = NULL;

	while ((eol = strstr(p, "\r\n")) != NULL && eol != p) {
		if ((size_t)(eol - p) > n + 1 && strncmp(p, name, n) == 0 &&
		    p[n] == ':' && p[n + 1] == ' ') {
			if (v == NULL)
				v = xstrndup(p + n + 2,
				    (size_t)(eol - p) - n - 2);
			k++;
		}
		p = eol + 2;
	}
	if (count != NULL)
		*count = k;
	return v;
}

static void
assert_header(const struct out *o, const char *name, const char *want)
{
	size_t	 n;
	char	*v = header(o, name, &n);

	if (want == NULL) {
		if (v != NULL)
			fail_msg("header %s: unexpected \"%s\"", name, v);
		return;
	}
	if (v == NULL)
		fail_msg("header %s missing in:\n%s", name, o->b.p);
	if (strcmp(v, want) != 0)
		fail_msg("header %s: \"%s\", want \"%s\"", name, v, want);
	assert_int_equal(n, 1);
	free(v);
}

/* Content-Length matches the body actually sent. */
static void
assert_length(const struct out *o, size_t want)
{
	char	*v = header(o, "Content-Length", NULL);
	int64_t	 n;

	assert_non_null(v);
	assert_true(str_to_i64(v, 0, INT64_MAX, &n));
	assert_int_equal(n, want);
	free(v);
}

static json_t *
body_json(const struct out *o)
{
	json_error_t	 e;
	json_t		*j;

	j = json_loadb(o->body, o->bodysz, JSON_REJECT_DUPLICATES, &e);
	if (j == NULL)
		fail_msg("body is not JSON (%s): %.*s", e.text,
		    (int)o->bodysz, o->body);
	return j;
}

static const char *
jstr(json_t *j, const char *path1, const char *path2)
{
	json_t	*v = json_object_get(j, path1);

	if (path2 != NULL)
		v = json_object_get(v, path2);
	return json_string_value(v);
}

/* --- success --- */

static void
test_render_ok(void **state)
{
	char		*env[] = { "REQUEST_METHOD=GET", "HTTP_HOST=" HOST,
			    NULL };
	struct req	 r;
	struct resp	 w;
	struct out	 o;
	json_t		*j;

	(void)state;
	req_setup(&r, env);
	memset(&w, 0, sizeof(w));
	w.body = json_pack("{s:b, s:s, s:i}", "ok", 1, "name", "中文",
	    "n", 7);
	render(&r, &w, APP_OK, &o);
	assert_memory_equal(o.b.p, "Status: 200 OK\r\n", 16);
	assert_header(&o, "Content-Type", "application/json; charset=utf-8");
	assert_header(&o, "X-Request-Id", RID);
	assert_header(&o, "Cache-Control", "no-store");
	assert_header(&o, "Location", NULL);
	assert_length(&o, o.bodysz);
	assert_true(o.bodysz > 0);
	j = body_json(&o);
	assert_true(json_equal(j, w.body));
	json_decref(j);
	/* Compact, no trailing newline */
	assert_memory_equal(o.body, "{\"ok\":true,\"name\":\"中文\",\"n\":7}",
	    o.bodysz);
	buf_free(&o.b);
	resp_free(&w);
	req_free(&r);
}

static void
test_render_status(void **state)
{
	char		*env[] = { "REQUEST_METHOD=POST", NULL };
	struct req	 r;
	struct resp	 w;
	struct out	 o;

	(void)state;
	req_setup(&r, env);
	r.method = M_POST;
	memset(&w, 0, sizeof(w));
	resp_json(&w, 201, json_pack("{s:i}", "id", 5));
	resp_json(&w, 201, json_pack("{s:i}", "id", 6));	/* replaces */
	render(&r, &w, APP_OK, &o);
	assert_memory_equal(o.b.p, "Status: 201 Created\r\n", 21);
	assert_length(&o, 8);
	assert_memory_equal(o.body, "{\"id\":6}", 8);
	buf_free(&o.b);
	resp_free(&w);

	/* 204: no body, no Content-Type */
	memset(&w, 0, sizeof(w));
	resp_json(&w, 204, NULL);
	render(&r, &w, APP_OK, &o);
	assert_memory_equal(o.b.p, "Status: 204 No Content\r\n", 24);
	assert_header(&o, "Content-Type", NULL);
	assert_length(&o, 0);
	assert_int_equal(o.bodysz, 0);
	buf_free(&o.b);
	resp_free(&w);

	/* Nothing set at all: an empty 200. */
	memset(&w, 0, sizeof(w));
	render(&r, &w, APP_OK, &o);
	assert_memory_equal(o.b.p, "Status: 200 OK\r\n", 16);
	assert_length(&o, 0);
	buf_free(&o.b);
	resp_free(&w);
	req_free(&r);
}

static void
test_render_raw(void **state)
{
	char		*env[] = { NULL };
	struct req	 r;
	struct resp	 w;
	struct out	 o;

	(void)state;
	req_setup(&r, env);
	memset(&w, 0, sizeof(w));
	buf_append(&w.raw, "a\0b\n", 4);
	w.ctype = "text/plain; charset=utf-8";
	render(&r, &w, APP_OK, &o);
	assert_header(&o, "Content-Type", "text/plain; charset=utf-8");
	assert_length(&o, 4);
	assert_int_equal(o.bodysz, 4);
	assert_memory_equal(o.body, "a\0b\n", 4);
	buf_free(&o.b);
	resp_free(&w);
	req_free(&r);
}

/* --- errors --- */

static void
test_render_invalid(void **state)
{
	char		*env[] = { "REQUEST_METHOD=POST", NULL };
	struct req	 r;
	struct resp	 w;
	struct out	 o;
	json_t		*j, *f;

	(void)state;
	req_setup(&r, env);
	r.method = M_POST;
	memset(&w, 0, sizeof(w));
	assert_int_equal(resp_field(&w, "login", "请填写登录名"), APP_EINVAL);
	assert_int_equal(resp_field(&w, "password", "至少 8 个字符"),
	    APP_EINVAL);
	/* The first message of a field wins. */
	assert_int_equal(resp_field(&w, "login", "second"), APP_EINVAL);
	render(&r, &w, APP_EINVAL, &o);
	assert_memory_equal(o.b.p, "Status: 422 Unprocessable Content\r\n",
	    35);
	assert_header(&o, "Content-Type", "application/json; charset=utf-8");
	assert_header(&o, "X-Request-Id", RID);
	assert_header(&o, "Cache-Control", "no-store");
	assert_length(&o, o.bodysz);
	j = body_json(&o);
	assert_int_equal(json_object_size(j), 1);
	assert_string_equal(jstr(j, "error", "code"), "invalid");
	assert_string_equal(jstr(j, "error", "message"),
	    app_err_msg(APP_EINVAL));
	assert_string_equal(jstr(j, "error", "request_id"), RID);
	f = json_object_get(json_object_get(j, "error"), "fields");
	assert_true(json_is_object(f));
	assert_int_equal(json_object_size(f), 2);
	assert_string_equal(jstr(f, "login", NULL), "请填写登录名");
	assert_string_equal(jstr(f, "password", NULL), "至少 8 个字符");
	json_decref(j);
	buf_free(&o.b);
	resp_free(&w);
	req_free(&r);
}

static void
test_render_refined(void **state)
{
	char		*env[] = { NULL };
	struct req	 r;
	struct resp	 w;
	struct out	 o;
	json_t		*j, *e;

	(void)state;
	req_setup(&r, env);
	memset(&w, 0, sizeof(w));
	assert_int_equal(resp_fail(&w, APP_ECONFLICT, "order_in_progress",
	    "该域名已有进行中的订单"), APP_ECONFLICT);
	w.extra = json_pack("{s:i, s:s, s:s}", "order_id", 12,
	    "code", "hijack", "request_id", "forged");
	render(&r, &w, APP_ECONFLICT, &o);
	assert_memory_equal(o.b.p, "Status: 409 Conflict\r\n", 22);
	j = body_json(&o);
	e = json_object_get(j, "error");
	assert_string_equal(jstr(e, "code", NULL), "order_in_progress");
	assert_string_equal(jstr(e, "message", NULL), "该域名已有进行中的订单");
	assert_string_equal(jstr(e, "request_id", NULL), RID);
	assert_int_equal(json_integer_value(json_object_get(e, "order_id")),
	    12);
	assert_null(json_object_get(e, "fields"));
	json_decref(j);
	buf_free(&o.b);

	/* A second refinement replaces the first; NULL keeps the class. */
	assert_int_equal(resp_fail(&w, APP_ERATE, "login_locked", NULL),
	    APP_ERATE);
	render(&r, &w, APP_ERATE, &o);
	assert_memory_equal(o.b.p, "Status: 429 Too Many Requests\r\n", 31);
	j = body_json(&o);
	assert_string_equal(jstr(j, "error", "code"), "login_locked");
	assert_string_equal(jstr(j, "error", "message"),
	    app_err_msg(APP_ERATE));
	json_decref(j);
	buf_free(&o.b);
	resp_free(&w);
	req_free(&r);
}

/* Every class renders its own status line, code and message. */
static void
test_render_every_error(void **state)
{
	char		*env[] = { NULL };
	struct req	 r;
	struct resp	 w;
	struct out	 o;
	json_t		*j;
	char		 line[64];
	int		 er;

	(void)state;
	req_setup(&r, env);
	memset(&w, 0, sizeof(w));
	for (er = APP_EBADREQ; er < APP__MAX; er++) {
		render(&r, &w, (enum app_err)er, &o);
		snprintf(line, sizeof(line), "Status: %d %s\r\n",
		    app_err_http((enum app_err)er),
		    app_http_reason(app_err_http((enum app_err)er)));
		check_row(strncmp(o.b.p, line, strlen(line)) == 0, er, line);
		j = body_json(&o);
		check_row(strcmp(jstr(j, "error", "code"),
		    app_err_code((enum app_err)er)) == 0, er, line);
		check_row(strcmp(jstr(j, "error", "message"),
		    app_err_msg((enum app_err)er)) == 0, er, line);
		json_decref(j);
		buf_free(&o.b);
	}

	/* Out of range: a 500, never a crash or a 200. */
	render(&r, &w, (enum app_err)(APP__MAX + 3), &o);
	assert_memory_equal(o.b.p, "Status: 500 Internal Server Error\r\n",
	    35);
	j = body_json(&o);
	assert_string_equal(jstr(j, "error", "code"), "internal");
	json_decref(j);
	buf_free(&o.b);
	req_free(&r);
}

static void
test_head(void **state)
{
	char		*env[] = { "REQUEST_METHOD=HEAD", NULL };
	struct req	 r;
	struct resp	 w;
	struct out	 o;

	(void)state;
	req_setup(&r, env);
	r.method = M_HEAD;
	memset(&w, 0, sizeof(w));
	w.body = json_pack("{s:s}", "a", "b");
	render(&r, &w, APP_OK, &o);
	assert_memory_equal(o.b.p, "Status: 200 OK\r\n", 16);
	assert_length(&o, 0);
	assert_int_equal(o.bodysz, 0);
	buf_free(&o.b);

	render(&r, &w, APP_ENOTFOUND, &o);
	assert_memory_equal(o.b.p, "Status: 404 Not Found\r\n", 23);
	assert_length(&o, 0);
	assert_int_equal(o.bodysz, 0);
	buf_free(&o.b);
	resp_free(&w);
	req_free(&r);
}

/* No CR or LF from any header value reaches the output. */
static void
test_header_injection(void **state)
{
	char		*env[] = { NULL };
	struct req	 r;
	struct resp	 w;
	struct out	 o;
	size_t		 n;
	char		*v;

	(void)state;
	req_setup(&r, env);
	memset(&w, 0, sizeof(w));
	resp_header(&w, "X-A: %s", "a\r\nSet-Cookie: evil=1");
	resp_header(&w, "X-B: %s", "b\nLocation: http://evil/");
	resp_header(&w, "X-C: %s", "c\r\rd");
	resp_header(&w, "X-D: %s", "\r\n\r\n<html>");
	resp_set_cookie(&w, &r, "beian_session", "v\r\nSet-Cookie: x=1", 60);
	render(&r, &w, APP_OK, &o);
	assert_header(&o, "X-A", "a  Set-Cookie: evil=1");
	assert_header(&o, "X-B", "b Location: http://evil/");
	assert_header(&o, "X-C", "c  d");
	assert_header(&o, "X-D", "    <html>");
	assert_header(&o, "Location", NULL);
	v = header(&o, "Set-Cookie", &n);
	assert_int_equal(n, 1);
	assert_string_equal(v, "beian_session=v  Set-Cookie: x=1; Path=/; "
	    "HttpOnly; SameSite=Lax; Max-Age=60");
	free(v);
	/* Exactly the header lines we expect, then the blank line. */
	assert_null(strstr(o.b.p, "\nSet-Cookie: evil"));
	assert_null(strstr(o.b.p, "\nLocation"));
	assert_null(strstr(o.b.p, "\n<html>"));
	assert_int_equal(o.bodysz, 0);
	buf_free(&o.b);
	resp_free(&w);
	req_free(&r);
}

static void
test_set_cookie(void **state)
{
	char		*plain[] = { "HTTP_HOST=" HOST, NULL };
	char		*tls[] = { "HTTPS=on", NULL };
	struct req	 r;
	struct resp	 w;

	(void)state;
	req_setup(&r, plain);
	memset(&w, 0, sizeof(w));
	resp_set_cookie(&w, &r, "beian_session", "abc.def.ghi", 28800);
	assert_int_equal(w.nhdrs, 1);
	assert_string_equal(w.hdrs[0], "Set-Cookie: beian_session=abc.def.ghi;"
	    " Path=/; HttpOnly; SameSite=Lax; Max-Age=28800");
	resp_free(&w);
	assert_int_equal(w.nhdrs, 0);

	req_setup(&r, tls);
	resp_set_cookie(&w, &r, "beian_session", "", 0);
	assert_string_equal(w.hdrs[0], "Set-Cookie: beian_session=; Path=/; "
	    "HttpOnly; SameSite=Lax; Max-Age=0; Secure");
	resp_free(&w);
}

/* --- classic forms: 303 --- */

static void
form_setup(struct req *r, char **env, const char *form)
{
	req_setup(r, env);
	r->method = M_POST;
	r->html = true;
	r->body_kind = BODY_FORM;
	assert_int_equal(kv_parse_urlencoded(&r->form, form, strlen(form)),
	    APP_OK);
}

static const struct {
	const char	*form;
	const char	*loc;
} next_cases[] = {
	{ "next=%2Fdashboard.html", "/dashboard.html" },
	{ "next=%2Forders.html%3Fid%3D5%23top", "/orders.html?id=5#top" },
	{ "next=%2F", "/" },
	{ "login=a", "/" },				/* no next */
	{ "next=", "/" },
	{ "next=%2F%2Fevil.com", "/" },
	{ "next=%2F%2Fevil.com%2Fx", "/" },
	{ "next=http%3A%2F%2Fevil", "/" },
	{ "next=https%3A%2F%2Fevil.com%2F", "/" },
	{ "next=%2F%5Cevil", "/" },			/* "/\evil" */
	{ "next=%5C%5Cevil", "/" },
	{ "next=%2Fa%5Cb", "/" },
	{ "next=%2Fa+b", "/" },				/* "/a b" */
	{ "next=%2Fa%09b", "/" },
	{ "next=%2Fa%0D%0ALocation%3A+x", "/" },
	{ "next=javascript%3Aalert(1)", "/" },
	{ "next=dashboard.html", "/" },
	{ "next=%2F%E4%B8%AD", "/" },			/* non-ASCII */
	{ "next=%2Fa%7F", "/" },
};

static void
test_html_next(void **state)
{
	char		*env[] = { "REQUEST_METHOD=POST", "HTTP_HOST=" HOST,
			    NULL };
	struct req	 r;
	struct resp	 w;
	struct out	 o;
	char		*v;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(next_cases); i++) {
		form_setup(&r, env, next_cases[i].form);
		memset(&w, 0, sizeof(w));
		w.body = json_pack("{s:b}", "ok", 1);	/* not sent */
		render(&r, &w, APP_OK, &o);
		check_row(strncmp(o.b.p, "Status: 303 See Other\r\n", 23) ==
		    0, i, next_cases[i].form);
		v = header(&o, "Location", NULL);
		check_row(v != NULL && strcmp(v, next_cases[i].loc) == 0, i,
		    next_cases[i].form);
		free(v);
		check_row(o.bodysz == 0, i, next_cases[i].form);
		assert_length(&o, 0);
		buf_free(&o.b);
		resp_free(&w);
		req_free(&r);
	}
}

static const struct {
	const char	*name;
	const char	*form;
	const char	*origin, *referer;	/* NULL: not sent */
	const char	*back;			/* expected path */
} back_cases[] = {
	{ "back field", "back=%2Flogin.html&login=a", NULL, NULL,
	    "/login.html" },
	{ "back without query", "back=%2Flogin.html%3Fx%3D1%23f", NULL, NULL,
	    "/login.html" },
	{ "back wins over Referer", "back=%2Fa.html",
	    NULL, "http://" HOST "/b.html", "/a.html" },
	{ "same-origin Referer", "login=a", NULL,
	    "http://" HOST "/login.html?x=1", "/login.html" },
	{ "Referer with fragment", "login=a", NULL,
	    "http://" HOST "/r/login.html#x", "/r/login.html" },
	{ "cross-origin Referer", "login=a", NULL,
	    "http://evil.com/login.html", "/" },
	{ "look-alike Referer", "login=a", NULL,
	    "http://" HOST ".evil.com/login.html", "/" },
	{ "https Referer on http", "login=a", NULL,
	    "https://" HOST "/login.html", "/" },
	{ "bare-origin Referer", "login=a", NULL, "http://" HOST, "/" },
	{ "unsafe back, no Referer", "back=%2F%2Fevil.com", NULL, NULL, "/" },
	{ "unsafe back, Referer", "back=http%3A%2F%2Fevil.com%2F", NULL,
	    "http://" HOST "/login.html", "/login.html" },
	{ "Referer path unsafe", "login=a", NULL,
	    "http://" HOST "//evil.com/", "/" },
	{ "same Origin and Referer", "login=a", "http://" HOST,
	    "http://" HOST "/login.html", "/login.html" },
	{ "same Origin, foreign Referer", "login=a", "http://" HOST,
	    "http://evil.com/phish.html", "/" },
	{ "foreign Origin, same Referer", "login=a", "http://evil.com",
	    "http://" HOST "/login.html", "/" },
	{ "nothing", "login=a", NULL, NULL, "/" },
};

static void
test_html_error(void **state)
{
	char		*env[6], o_env[256], r_env[256], sig[65];
	struct req	 r;
	struct resp	 w;
	struct out	 o;
	struct buf	 want = BUF_INIT;
	char		*v;
	size_t		 i, n;

	(void)state;
	for (i = 0; i < nitems(back_cases); i++) {
		n = 0;
		env[n++] = "REQUEST_METHOD=POST";
		env[n++] = "HTTP_HOST=" HOST;
		if (back_cases[i].origin != NULL) {
			snprintf(o_env, sizeof(o_env), "HTTP_ORIGIN=%s",
			    back_cases[i].origin);
			env[n++] = o_env;
		}
		if (back_cases[i].referer != NULL) {
			snprintf(r_env, sizeof(r_env), "HTTP_REFERER=%s",
			    back_cases[i].referer);
			env[n++] = r_env;
		}
		env[n] = NULL;
		form_setup(&r, env, back_cases[i].form);
		memset(&w, 0, sizeof(w));
		(void)resp_field(&w, "password", "密码错误");
		render(&r, &w, APP_EAUTH, &o);
		check_row(strncmp(o.b.p, "Status: 303 See Other\r\n", 23) ==
		    0, i, back_cases[i].name);
		buf_reset(&want);
		/* The field's own words come along, signed (msg_sign). */
		msg_sign(r.conf, "password", "密码错误", sig);
		buf_printf(&want, "%s?error=unauthenticated&field=password"
		    "&msg=%%E5%%AF%%86%%E7%%A0%%81%%E9%%94%%99%%E8%%AF%%AF"
		    "&sig=%s#e-unauthenticated", back_cases[i].back, sig);
		v = header(&o, "Location", NULL);
		if (v == NULL || strcmp(v, want.p) != 0)
			fail_msg("row %zu (%s): Location \"%s\", want \"%s\"",
			    i, back_cases[i].name, v ? v : "(none)", want.p);
		free(v);
		check_row(o.bodysz == 0, i, back_cases[i].name);
		buf_free(&o.b);
		resp_free(&w);
		req_free(&r);
	}
	buf_free(&want);
}

/*
 * The phone page's #t= token comes back after the query, and its next
 * (which holds the token too) is not copied into the query.
 */
static void
test_html_error_fragment(void **state)
{
	char		*env[] = { "REQUEST_METHOD=POST", "HTTP_HOST=" HOST,
			    NULL };
	struct req	 r;
	struct resp	 w;
	struct out	 o;
	char		*v;
	size_t		 n;

	(void)state;
	form_setup(&r, env,
	    "back=%2Fm%2F%23t%3DAb_9-z&next=%2Fm%2F%23t%3DAb_9-z");
	memset(&w, 0, sizeof(w));
	(void)resp_field(&w, "file", "bad");
	render(&r, &w, APP_EINVAL, &o);
	v = header(&o, "Location", NULL);
	assert_non_null(v);
	n = strlen(v);
	assert_true(strncmp(v, "/m/?error=", 10) == 0);
	assert_true(n > 10);
	assert_string_equal(strchr(v, '#'), "#t=Ab_9-z");
	assert_null(strstr(v, "next="));
	assert_null(strstr(v, "Ab_9-z&"));
	free(v);
	buf_free(&o.b);
	resp_free(&w);
	req_free(&r);
}

/* Refined codes and odd field names are escaped into the URL. */
static void
test_html_error_escape(void **state)
{
	char		*env[] = { "REQUEST_METHOD=POST", NULL };
	struct req	 r;
	struct resp	 w;
	struct out	 o;
	struct buf	 want = BUF_INIT;
	char		 sig[65];

	(void)state;
	form_setup(&r, env, "back=%2Fnew-order.html");
	memset(&w, 0, sizeof(w));
	(void)resp_fail(&w, APP_ECONFLICT, "order_in_progress", NULL);
	render(&r, &w, APP_ECONFLICT, &o);
	assert_header(&o, "Location", "/new-order.html?error=order_in_progress"
	    "#e-order_in_progress");
	buf_free(&o.b);

	(void)resp_field(&w, "a b&c=d#\r\n中", "x");
	render(&r, &w, APP_EINVAL, &o);
	msg_sign(r.conf, "a b&c=d#\r\n中", "x", sig);
	buf_printf(&want, "/new-order.html?error=order_in_progress"
	    "&field=a%%20b%%26c%%3Dd%%23%%0D%%0A%%E4%%B8%%AD&msg=x&sig=%s"
	    "#e-order_in_progress", sig);
	assert_header(&o, "Location", want.p);
	buf_free(&want);
	buf_free(&o.b);
	resp_free(&w);

	/* No field: no "&field=". */
	memset(&w, 0, sizeof(w));
	render(&r, &w, APP_ECSRF, &o);
	assert_header(&o, "Location",
	    "/new-order.html?error=csrf_failed#e-csrf_failed");
	buf_free(&o.b);
	resp_free(&w);
	req_free(&r);
}

/* A failed classic form keeps a safe "next" for the retry. */
static const struct {
	const char	*form;
	const char	*loc;
} retry_cases[] = {
	{ "back=%2Flogin.html&next=%2Forders.html%3Fid%3D5",
	    "/login.html?error=unauthenticated&next=%2Forders.html%3Fid%3D5"
	    "#e-unauthenticated" },
	{ "back=%2Flogin.html&next=%2F",
	    "/login.html?error=unauthenticated#e-unauthenticated" },
	{ "back=%2Flogin.html&next=%2F%2Fevil.com",
	    "/login.html?error=unauthenticated#e-unauthenticated" },
	{ "back=%2Flogin.html&next=https%3A%2F%2Fevil.com%2F",
	    "/login.html?error=unauthenticated#e-unauthenticated" },
	{ "back=%2Flogin.html&next=%2Fa%0D%0Ab",
	    "/login.html?error=unauthenticated#e-unauthenticated" },
};

static void
test_html_error_next(void **state)
{
	char		*env[] = { "REQUEST_METHOD=POST", NULL };
	struct req	 r;
	struct resp	 w;
	struct out	 o;
	char		*v;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(retry_cases); i++) {
		form_setup(&r, env, retry_cases[i].form);
		memset(&w, 0, sizeof(w));
		render(&r, &w, APP_EAUTH, &o);
		v = header(&o, "Location", NULL);
		if (v == NULL || strcmp(v, retry_cases[i].loc) != 0)
			fail_msg("row %zu: Location \"%s\", want \"%s\"", i,
			    v ? v : "(none)", retry_cases[i].loc);
		free(v);
		buf_free(&o.b);
		resp_free(&w);
		req_free(&r);
	}
}

/* --- the error table --- */

static void
test_err_table(void **state)
{
	int		 i, k, h;
	const char	*c;

	(void)state;
	assert_int_equal(app_err_http(APP_OK), 200);
	assert_string_equal(app_err_code(APP_OK), "ok");
	for (i = 0; i < APP__MAX; i++) {
		h = app_err_http((enum app_err)i);
		c = app_err_code((enum app_err)i);
		check_row(c != NULL && c[0] != '\0', i, "code");
		check_row(app_err_msg((enum app_err)i) != NULL &&
		    utf8_valid(app_err_msg((enum app_err)i),
		    strlen(app_err_msg((enum app_err)i))) &&
		    app_err_msg((enum app_err)i)[0] != '\0', i, c);
		check_row(strcmp(app_http_reason(h), "Unknown") != 0, i, c);
		if (i != APP_OK)
			check_row(h >= 400 && h <= 599, i, c);
		for (k = i + 1; k < APP__MAX; k++) {
			check_row(strcmp(c, app_err_code((enum app_err)k)) !=
			    0, i, c);
			/* Statuses are distinct but for the two 403s. */
			if (h == app_err_http((enum app_err)k))
				check_row(i == APP_EFORBID && k == APP_ECSRF,
				    i, c);
		}
	}
	assert_int_equal(app_err_http(APP_EFORBID), 403);
	assert_int_equal(app_err_http(APP_ECSRF), 403);
	assert_string_equal(app_err_code(APP_EFORBID), "forbidden");
	assert_string_equal(app_err_code(APP_ECSRF), "csrf_failed");
	assert_int_equal(app_err_http(APP_EINVAL), 422);
	assert_int_equal(app_err_http(APP_EDB), 503);
	/* Out of range: the internal class, never NULL. */
	assert_string_equal(app_err_code(APP__MAX), "internal");
	assert_string_equal(app_err_msg(APP__MAX), app_err_msg(APP_EINTERNAL));
	assert_string_equal(app_http_reason(418), "Unknown");
}

static const struct {
	const char	*in;
	bool		 ok;
} path_cases[] = {
	{ "/", true },
	{ "/login.html", true },
	{ "/a/b/c.html?x=1&y=2#frag", true },
	{ "/%2F%2Fevil.com", true },		/* escaped: still a path */
	{ "/.", true },
	{ "/a//b", true },
	{ NULL, false },
	{ "", false },
	{ "login.html", false },
	{ "//evil.com", false },
	{ "//", false },
	{ "/\\evil.com", false },
	{ "/a\\b", false },
	{ "\\\\evil", false },
	{ "http://evil", false },
	{ "https://evil.com/", false },
	{ "javascript:alert(1)", false },
	{ "/a b", false },
	{ "/a\tb", false },
	{ "/a\rb", false },
	{ "/a\nb", false },
	{ "/a\x7f", false },
	{ "/中文", false },
	{ " /", false },
};

static void
test_safe_local_path(void **state)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(path_cases); i++)
		check_row(safe_local_path(path_cases[i].in) ==
		    path_cases[i].ok, i, path_cases[i].in ? path_cases[i].in :
		    "NULL");
	/* At most 512 bytes. */
	buf_puts(&b, "/");
	for (i = 1; i < 512; i++)
		buf_puts(&b, "a");
	assert_true(safe_local_path(b.p));
	buf_puts(&b, "a");
	assert_false(safe_local_path(b.p));
	buf_free(&b);
}

/* --- origin checks --- */

static const struct {
	const char	*name;
	const char	*host, *beian_host, *https, *origin, *referer, *sfs;
	bool		 same, cross;
} origin_cases[] = {
	{ "same Origin", HOST, NULL, NULL, "http://" HOST, NULL, NULL,
	    true, false },
	{ "Origin case", HOST, NULL, NULL, "HTTP://" HOST, NULL, NULL,
	    true, false },
	{ "foreign Origin", HOST, NULL, NULL, "http://evil.com", NULL, NULL,
	    false, true },
	{ "Origin other port", HOST, NULL, NULL, "http://127.0.0.1:8081",
	    NULL, NULL, false, true },
	{ "Origin no port", HOST, NULL, NULL, "http://127.0.0.1", NULL, NULL,
	    false, true },
	{ "Origin look-alike", HOST, NULL, NULL, "http://" HOST ".evil.com",
	    NULL, NULL, false, true },
	{ "Origin with path", HOST, NULL, NULL, "http://" HOST "/", NULL,
	    NULL, false, true },
	{ "Origin https on http", HOST, NULL, NULL, "https://" HOST, NULL,
	    NULL, false, true },
	{ "Origin https on https", HOST, NULL, "on", "https://" HOST, NULL,
	    NULL, true, false },
	{ "Origin http on https", HOST, NULL, "on", "http://" HOST, NULL,
	    NULL, false, true },
	{ "Origin null", HOST, NULL, NULL, "null", NULL, NULL, false, true },
	{ "Origin wins over Referer", HOST, NULL, NULL, "http://evil.com",
	    "http://" HOST "/x", NULL, false, true },
	{ "same Referer", HOST, NULL, NULL, NULL, "http://" HOST "/login.html",
	    NULL, true, false },
	{ "Referer case", HOST, NULL, NULL, NULL, "Http://" HOST "/", NULL,
	    true, false },
	{ "bare Referer", HOST, NULL, NULL, NULL, "http://" HOST, NULL,
	    false, false },
	{ "foreign Referer", HOST, NULL, NULL, NULL, "http://evil.com/",
	    NULL, false, false },
	{ "look-alike Referer", HOST, NULL, NULL, NULL,
	    "http://" HOST ".evil.com/", NULL, false, false },
	{ "longer port Referer", HOST, NULL, NULL, NULL,
	    "http://" HOST "1/", NULL, false, false },
	{ "userinfo Referer", HOST, NULL, NULL, NULL,
	    "http://" HOST "@evil.com/", NULL, false, false },
	{ "nothing sent", HOST, NULL, NULL, NULL, NULL, NULL, false, false },
	{ "Sec-Fetch-Site cross-site", HOST, NULL, NULL, "http://" HOST, NULL,
	    "cross-site", true, true },
	{ "Sec-Fetch-Site same-origin", HOST, NULL, NULL, NULL, NULL,
	    "same-origin", false, false },
	{ "Sec-Fetch-Site same-site", HOST, NULL, NULL, NULL, NULL,
	    "same-site", false, false },
	{ "Sec-Fetch-Site none", HOST, NULL, NULL, NULL, NULL, "none",
	    false, false },
	{ "no Host", NULL, NULL, NULL, "http://" HOST, NULL, NULL,
	    false, true },
	{ "empty Host", "", NULL, NULL, "http://", NULL, NULL, false, true },
	{ "Host with slash", "evil.com/x", NULL, NULL, "http://evil.com/x",
	    NULL, NULL, false, true },
	{ "Host with @", "a@evil.com", NULL, NULL, "http://a@evil.com", NULL,
	    NULL, false, true },
	{ "Host with space", "a b", NULL, NULL, "http://a b", NULL, NULL,
	    false, true },
	/* BEIAN_HOST (nginx's $http_host with the port) is authoritative */
	{ "BEIAN_HOST", "127.0.0.1", HOST, NULL, "http://" HOST, NULL, NULL,
	    true, false },
	{ "BEIAN_HOST over Host", "evil.com", HOST, NULL, "http://evil.com",
	    NULL, NULL, false, true },
	{ "BEIAN_HOST Referer", "127.0.0.1", HOST, NULL, NULL,
	    "http://" HOST "/login.html", NULL, true, false },
};

static void
test_origin(void **state)
{
	char		*env[8], store[6][300];
	struct req	 r;
	size_t		 i, n;

	(void)state;
	for (i = 0; i < nitems(origin_cases); i++) {
		n = 0;
#define ADD(var, field) do {						\
	if (origin_cases[i].field != NULL) {				\
		snprintf(store[n], sizeof(store[n]), "%s=%s", var,	\
		    origin_cases[i].field);				\
		env[n] = store[n];					\
		n++;							\
	}								\
} while (0)
		ADD("HTTP_HOST", host);
		ADD("BEIAN_HOST", beian_host);
		ADD("HTTPS", https);
		ADD("HTTP_ORIGIN", origin);
		ADD("HTTP_REFERER", referer);
		ADD("HTTP_SEC_FETCH_SITE", sfs);
#undef ADD
		env[n] = NULL;
		req_setup(&r, env);
		check_row(req_same_origin(&r) == origin_cases[i].same, i,
		    origin_cases[i].name);
		check_row(req_cross_site(&r) == origin_cases[i].cross, i,
		    origin_cases[i].name);
		req_free(&r);
	}
}

static void
test_https(void **state)
{
	static const struct {
		char		*env;
		bool		 https;
	} t[] = {
		{ "HTTPS=on", true },
		{ "HTTPS=ON", true },
		{ "REQUEST_SCHEME=https", true },
		{ "HTTPS=off", false },
		{ "HTTPS=", false },
		{ "REQUEST_SCHEME=http", false },
		{ "REQUEST_SCHEME=HTTPS", false },
		{ "HTTP_X_FORWARDED_PROTO=https", false },
	};
	char		*env[2];
	struct req	 r;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(t); i++) {
		env[0] = t[i].env;
		env[1] = NULL;
		req_setup(&r, env);
		check_row(req_is_https(&r) == t[i].https, i, t[i].env);
	}
	req_setup(&r, NULL);
	assert_false(req_is_https(&r));
	assert_null(req_env(&r, "HTTPS"));
}

/* --- req_parse --- */

static const struct {
	const char	*name;
	const char	*ctype;		/* NULL: no CONTENT_TYPE */
	const char	*accept;
	const char	*body;
	enum app_err	 er;
	enum body_kind	 kind;
	bool		 html;
	const char	*login;		/* req_str(r, "login") */
} parse_cases[] = {
	{ "json", "application/json", NULL, "{\"login\":\"a\"}", APP_OK,
	    BODY_JSON, false, "a" },
	{ "json charset", "application/json; charset=utf-8", NULL,
	    "{\"login\":\"中\"}", APP_OK, BODY_JSON, false, "中" },
	{ "json case", "Application/JSON ;charset=UTF-8", NULL,
	    "{\"login\":\"a\"}", APP_OK, BODY_JSON, false, "a" },
	{ "json number field", "application/json", NULL, "{\"login\":1}",
	    APP_OK, BODY_JSON, false, NULL },
	{ "json empty body", "application/json", NULL, "", APP_OK, BODY_JSON,
	    false, NULL },
	{ "json bad", "application/json", NULL, "{\"login\":", APP_EBADREQ,
	    BODY_JSON, false, NULL },
	{ "json array", "application/json", NULL, "[\"login\"]", APP_EBADREQ,
	    BODY_JSON, false, NULL },
	{ "json duplicate", "application/json", NULL,
	    "{\"login\":\"a\",\"login\":\"b\"}", APP_EBADREQ, BODY_JSON, false,
	    NULL },
	{ "json too deep", "application/json", NULL,
	    "{\"a\":[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]}", APP_EBADREQ,
	    BODY_JSON, false, NULL },
	{ "json with html accept", "application/json", "text/html",
	    "{\"login\":\"a\"}", APP_OK, BODY_JSON, false, "a" },
	{ "form", "application/x-www-form-urlencoded", NULL,
	    "login=a+b&x=%E4%B8%AD", APP_OK, BODY_FORM, false, "a b" },
	{ "form charset", "application/x-www-form-urlencoded; charset=UTF-8",
	    NULL, "login=a", APP_OK, BODY_FORM, false, "a" },
	{ "form bad escape", "application/x-www-form-urlencoded", NULL,
	    "login=%zz", APP_EBADREQ, BODY_FORM, false, NULL },
	{ "form empty", "application/x-www-form-urlencoded", NULL, "",
	    APP_OK, BODY_FORM, false, NULL },
	{ "form from a browser", "application/x-www-form-urlencoded",
	    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
	    "login=a", APP_OK, BODY_FORM, true, "a" },
	{ "form accept json", "application/x-www-form-urlencoded",
	    "application/json", "login=a", APP_OK, BODY_FORM, false, "a" },
	{ "form accept json first", "application/x-www-form-urlencoded",
	    "application/json, text/html", "login=a", APP_OK, BODY_FORM, false,
	    "a" },
	{ "form accept html first", "application/x-www-form-urlencoded",
	    "text/html, application/json", "login=a", APP_OK, BODY_FORM, true,
	    "a" },
	{ "form accept any", "application/x-www-form-urlencoded", "*/*",
	    "login=a", APP_OK, BODY_FORM, false, "a" },
	{ "text/plain body", "text/plain", NULL, "login=a", APP_EMEDIA,
	    BODY_NONE, false, NULL },
	{ "text/plain empty", "text/plain", NULL, "", APP_OK, BODY_NONE,
	    false, NULL },
	{ "multipart without parts", "multipart/form-data; boundary=x",
	    "text/html", "--x--", APP_EBADREQ, BODY_FORM, true, NULL },
	{ "multipart", "multipart/form-data; boundary=x", "text/html",
	    "--x\r\nContent-Disposition: form-data; name=\"login\"\r\n\r\n"
	    "demo\r\n--x--", APP_OK, BODY_FORM, true, "demo" },
	{ "json look-alike", "application/jsonx", NULL, "{}", APP_EMEDIA,
	    BODY_NONE, false, NULL },
	{ "no type, body", NULL, NULL, "{}", APP_EMEDIA, BODY_NONE, false,
	    NULL },
	{ "no type, no body", NULL, NULL, "", APP_OK, BODY_NONE, false,
	    NULL },
};

static void
test_req_parse_body(void **state)
{
	char		*env[6], ct[256], ac[256];
	struct req	 r;
	const char	*login;
	size_t		 i, n;

	(void)state;
	for (i = 0; i < nitems(parse_cases); i++) {
		n = 0;
		env[n++] = "REQUEST_METHOD=POST";
		env[n++] = "DOCUMENT_URI=/api/session";
		if (parse_cases[i].ctype != NULL) {
			snprintf(ct, sizeof(ct), "CONTENT_TYPE=%s",
			    parse_cases[i].ctype);
			env[n++] = ct;
		}
		if (parse_cases[i].accept != NULL) {
			snprintf(ac, sizeof(ac), "HTTP_ACCEPT=%s",
			    parse_cases[i].accept);
			env[n++] = ac;
		}
		env[n] = NULL;
		req_setup(&r, env);
		check_row(req_parse(&r, parse_cases[i].body,
		    strlen(parse_cases[i].body)) == parse_cases[i].er, i,
		    parse_cases[i].name);
		check_row(r.body_kind == parse_cases[i].kind, i,
		    parse_cases[i].name);
		check_row(r.html == parse_cases[i].html, i,
		    parse_cases[i].name);
		check_row(req_is_form(&r) == (parse_cases[i].kind ==
		    BODY_FORM), i, parse_cases[i].name);
		login = req_str(&r, "login");
		if (parse_cases[i].login == NULL)
			check_row(login == NULL, i, parse_cases[i].name);
		else
			check_row(login != NULL &&
			    strcmp(login, parse_cases[i].login) == 0, i,
			    parse_cases[i].name);
		check_row(req_str(&r, "missing") == NULL, i,
		    parse_cases[i].name);
		check_row(r.method == M_POST && r.path != NULL &&
		    strcmp(r.path, "/api/session") == 0, i,
		    parse_cases[i].name);
		req_free(&r);
		check_row(r.path == NULL && r.json == NULL, i,
		    parse_cases[i].name);
	}
}

static const struct {
	const char	*env;		/* NULL: no REQUEST_METHOD */
	enum method	 m;
	const char	*name;
} method_cases[] = {
	{ "REQUEST_METHOD=GET", M_GET, "GET" },
	{ "REQUEST_METHOD=HEAD", M_HEAD, "HEAD" },
	{ "REQUEST_METHOD=POST", M_POST, "POST" },
	{ "REQUEST_METHOD=PUT", M_PUT, "PUT" },
	{ "REQUEST_METHOD=DELETE", M_DELETE, "DELETE" },
	{ "REQUEST_METHOD=PATCH", M_PATCH, "PATCH" },
	{ "REQUEST_METHOD=get", M_OTHER, "get" },
	{ "REQUEST_METHOD=OPTIONS", M_OTHER, "OPTIONS" },
	{ "REQUEST_METHOD=BREW", M_OTHER, "BREW" },
	{ "REQUEST_METHOD=GETX", M_OTHER, "GETX" },
	{ "REQUEST_METHOD=", M_OTHER, "" },
	{ NULL, M_OTHER, "-" },
};

static void
test_req_parse_method(void **state)
{
	char		*env[3];
	struct req	 r;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(method_cases); i++) {
		env[0] = "DOCUMENT_URI=/x";
		env[1] = (char *)method_cases[i].env;
		env[2] = NULL;
		req_setup(&r, env);
		r.method = 0;
		r.method_name = NULL;
		check_row(req_parse(&r, "", 0) == APP_OK, i,
		    method_cases[i].name);
		check_row(r.method == method_cases[i].m, i,
		    method_cases[i].name);
		check_row(strcmp(r.method_name, method_cases[i].name) == 0, i,
		    method_cases[i].name);
		req_free(&r);
	}
}

static void
test_req_parse_query_cookies(void **state)
{
	char		*env[] = { "REQUEST_METHOD=GET",
			    "QUERY_STRING=a=1&b=%E4%B8%AD&a=2",
			    "HTTP_COOKIE=beian_session=t.o.k; theme=dark; junk",
			    NULL };
	char		*bad[] = { "REQUEST_METHOD=GET", "QUERY_STRING=a=%",
			    NULL };
	char		*none[] = { "REQUEST_METHOD=GET", NULL };
	struct req	 r;

	(void)state;
	req_setup(&r, env);
	assert_int_equal(req_parse(&r, "", 0), APP_OK);
	assert_string_equal(r.path, "/");		/* no DOCUMENT_URI */
	assert_int_equal(r.query.n, 3);
	assert_string_equal(kv_get(&r.query, "a"), "1");
	assert_int_equal(kv_count(&r.query, "a"), 2);
	assert_string_equal(kv_get(&r.query, "b"), "中");
	assert_int_equal(r.cookies.n, 2);
	assert_string_equal(kv_get(&r.cookies, "beian_session"), "t.o.k");
	assert_string_equal(kv_get(&r.cookies, "theme"), "dark");
	/* The query is not the body. */
	assert_null(req_str(&r, "a"));
	req_free(&r);

	req_setup(&r, bad);
	assert_int_equal(req_parse(&r, "", 0), APP_EBADREQ);
	req_free(&r);

	req_setup(&r, none);
	assert_int_equal(req_parse(&r, NULL, 0), APP_OK);
	assert_int_equal(r.query.n, 0);
	assert_int_equal(r.cookies.n, 0);
	assert_int_equal(r.body_kind, BODY_NONE);
	req_free(&r);
	req_free(&r);					/* twice is fine */
	req_free(NULL);
}

static int
setup(void **state)
{
	(void)state;
	memset(&tconf, 0, sizeof(tconf));
	tconf.json_max_depth = 16;
	tconf.max_body = 1048576;
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_ok),
		cmocka_unit_test(test_render_status),
		cmocka_unit_test(test_render_raw),
		cmocka_unit_test(test_render_invalid),
		cmocka_unit_test(test_render_refined),
		cmocka_unit_test(test_render_every_error),
		cmocka_unit_test(test_head),
		cmocka_unit_test(test_header_injection),
		cmocka_unit_test(test_set_cookie),
		cmocka_unit_test(test_html_next),
		cmocka_unit_test(test_html_error),
		cmocka_unit_test(test_html_error_fragment),
		cmocka_unit_test(test_html_error_escape),
		cmocka_unit_test(test_html_error_next),
		cmocka_unit_test(test_err_table),
		cmocka_unit_test(test_safe_local_path),
		cmocka_unit_test(test_origin),
		cmocka_unit_test(test_https),
		cmocka_unit_test(test_req_parse_body),
		cmocka_unit_test(test_req_parse_method),
		cmocka_unit_test(test_req_parse_query_cookies),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
