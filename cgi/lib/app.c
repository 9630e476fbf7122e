#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "app.h"
#include "echo.h"
#include "log.h"

static int64_t
now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* nginx's $request_id when it is sane, else our own. */
static void
set_request_id(struct req *r)
{
	const char	*id = req_env(r, "REQUEST_ID");
	unsigned char	 rnd[16];
	size_t		 i;

	if (id != NULL && (i = strspn(id, "0123456789abcdef")) > 0 &&
	    id[i] == '\0' && i < sizeof(r->request_id)) {
		memcpy(r->request_id, id, i + 1);
		return;
	}
	randombytes_buf(rnd, sizeof(rnd));
	hex_encode(rnd, sizeof(rnd), r->request_id);
}

/* Read exactly CONTENT_LENGTH bytes, refusing more than max_body. */
static enum app_err
read_body(struct req *r, FCGX_Stream *in, int64_t max)
{
	const char	*cl = req_env(r, "CONTENT_LENGTH");
	int64_t		 want;
	char		 chunk[16384];
	int		 n;

	if (cl == NULL || *cl == '\0')
		return APP_OK;
	if (!str_to_i64(cl, 0, INT64_MAX, &want))
		return APP_EBADREQ;
	if (want > max)
		return APP_ETOOBIG;
	while ((int64_t)r->body.len < want) {
		n = FCGX_GetStr(chunk, (int)((want - (int64_t)r->body.len) <
		    (int64_t)sizeof(chunk) ? want - (int64_t)r->body.len :
		    (int64_t)sizeof(chunk)), in);
		if (n <= 0)
			return APP_EBADREQ;
		buf_append(&r->body, chunk, (size_t)n);
	}
	return APP_OK;
}

static enum app_err
dispatch(const struct app *app, struct req *r, struct resp *w, FCGX_Stream *in)
{
	const struct route	*rt = NULL;
	const char		*dup;
	unsigned int		 allow = 0, m;
	size_t			 i, nids;
	int64_t			 ids[ROUTE_MAX_IDS];
	char			 str[ROUTE_STR_MAX] = "";
	enum app_err		 er, body_er;
	struct buf		 ab = BUF_INIT;

	if ((er = read_body(r, in, app->max_body > 0 ? app->max_body :
	    r->conf->max_body)) != APP_OK) {
		(void)req_parse(r, NULL, 0);
		return er;
	}
	if ((er = req_parse_head(r)) != APP_OK)
		return er;
	/* Parsed now (a refused classic form still names its way back). */
	body_er = req_parse_body(r, r->body.p, r->body.len);

	m = r->method == M_HEAD ? M_GET : r->method;
	for (i = 0; i < app->nroutes; i++) {
		if (!route_match_str(app->routes[i].pattern, r->path, ids,
		    &nids, str, sizeof(str)))
			continue;
		allow |= app->routes[i].methods;
		if ((app->routes[i].methods & m) && rt == NULL) {
			rt = &app->routes[i];
			memcpy(r->ids, ids, sizeof(ids));
			r->nids = nids;
			memcpy(r->str, str, sizeof(str));
		}
	}
	if (allow == 0)
		return APP_ENOTFOUND;
	if (rt == NULL) {
		static const char *const names[] = {
			"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"
		};

		if (allow & M_GET)
			allow |= M_HEAD;
		for (i = 0; i < nitems(names); i++)
			if (allow & (1u << i))
				buf_printf(&ab, "%s%s", ab.len ? ", " : "",
				    names[i]);
		resp_header(w, "Allow: %s", ab.p);
		buf_free(&ab);
		return APP_EMETHOD;
	}

	if (rt->auth != AUTH_NONE) {
		er = auth_load(r);
		if (er == APP_EAUTH && r->via_cookie)
			/* Drop a dead cookie so the browser stops sending it. */
			resp_set_cookie(w, r, SESSION_COOKIE, "", 0);
		if (er != APP_OK && !(rt->auth == AUTH_OPTIONAL &&
		    er == APP_EAUTH))
			return er;
	}
	if ((er = auth_csrf(r)) != APP_OK)
		return er;
	if (rt->auth == AUTH_REVIEWER && strcmp(r->user.role, "reviewer") &&
	    strcmp(r->user.role, "admin"))
		return APP_EFORBID;
	if (rt->auth == AUTH_ADMIN && strcmp(r->user.role, "admin"))
		return APP_EFORBID;
	if (body_er != APP_OK)
		return body_er;
	/*
	 * "kind" twice: which one counts is a guess, and a guess here files
	 * the wrong thing; JSON refuses duplicate keys the same way.
	 */
	if ((dup = req_form_duplicate(r, app->repeats != NULL ?
	    app->repeats[rt - app->routes] : NULL)) != NULL) {
		resp_field(w, dup, "此项重复提交了多次，请只保留一个");
		return APP_EBADREQ;
	}
	if ((er = rt->fn(r, w)) != APP_OK || !r->want_html || rt->view == NULL)
		return er;
	if ((er = rt->view(r, w)) != APP_OK)
		return er;
	/* The fragment replaces the JSON. */
	json_decref(w->body);
	w->body = NULL;
	w->ctype = "text/html; charset=utf-8";
	return APP_OK;
}

static void
serve(const struct app *app, const struct conf *c, struct db *db,
    FCGX_Request *fr)
{
	struct req	 r;
	struct resp	 w;
	struct buf	 out = BUF_INIT;
	enum app_err	 er;
	int64_t		 t0 = now_us();
	int		 status;

	memset(&r, 0, sizeof(r));
	memset(&w, 0, sizeof(w));
	r.envp = fr->envp;
	r.conf = c;
	r.db = db;
	r.now = clock_now();
	set_request_id(&r);
	log_set_request(r.request_id);

	er = dispatch(app, &r, &w, fr->in);
	if (er >= APP__MAX)
		er = APP_EINTERNAL;
	/* A handler failing mid-transaction must not leave it open. */
	db_tx_rollback(db);
	/* A refused classic form goes back with what was typed in it. */
	if (r.html && (er == APP_EINVAL || er == APP_ECONFLICT ||
	    er == APP_EMEDIA))
		echo_store(&r, w.echo);
	resp_render(&r, &w, er, &out);
	FCGX_PutStr(out.p, (int)out.len, fr->out);

	status = r.html ? 303 : er == APP_OK ?
	    (w.status ? w.status : 200) : app_err_http(er);
	/* A phone's handoff token is a credential: never in a log. */
	applog(status >= 500 ? LOG_ERR : LOG_INFO,
	    "%s %s %d %s %lldus uid=%lld", r.method_name,
	    r.path == NULL ? "-" : strncmp(r.path, "/api/m/", 7) == 0 ?
	    "/api/m/-" : r.path, status,
	    er == APP_OK ? "ok" : (w.code ? w.code : app_err_code(er)),
	    (long long)(now_us() - t0), (long long)r.user.id);
	log_set_request(NULL);
	buf_free(&out);
	resp_free(&w);
	req_free(&r);
}

int
app_main(int argc, char **argv, const struct app *app)
{
	struct conf	 c;
	struct db	*db = NULL;
	FCGX_Request	 fr;
	char		 err[512];
	const char	*path;
	bool		 check = false;
	int		 i;

	log_set_prog(app->name);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--check-config") == 0)
			check = true;
		else {
			fprintf(stderr, "usage: %s [--check-config]\n",
			    app->name);
			return 2;
		}
	}
	if (sodium_init() < 0) {
		applog(LOG_ERR, "libsodium failed to initialise");
		return 1;
	}
	path = conf_default_path();
	if (conf_load(&c, path, err, sizeof(err)) != APP_OK) {
		applog(LOG_ERR, "refusing to start: %s: %s", path, err);
		return 1;
	}
	log_set_level(strcmp(c.log_level, "error") == 0 ? LOG_ERR :
	    strcmp(c.log_level, "warn") == 0 ? LOG_WARN :
	    strcmp(c.log_level, "debug") == 0 ? LOG_DEBUG : LOG_INFO);
	if (check) {
		conf_free(&c);
		return 0;
	}
	clock_set_offset(c.clock_offset);
	if (c.clock_offset != 0)
		applog(LOG_WARN, "the clock runs %lld s off (clock_offset): "
		    "a test setting", (long long)c.clock_offset);
	if (app->init != NULL && app->init(&c) != APP_OK) {
		applog(LOG_ERR, "refusing to start: initialisation failed");
		conf_free(&c);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	db = db_new(&c);
	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, 0, 0) != 0) {
		applog(LOG_ERR, "FastCGI initialisation failed");
		db_free(db);
		conf_free(&c);
		return 1;
	}
	applog(LOG_INFO, "started");
	while (FCGX_Accept_r(&fr) >= 0) {
		serve(app, &c, db, &fr);
		FCGX_Finish_r(&fr);
	}
	FCGX_Free(&fr, 1);
	db_free(db);
	conf_free(&c);
	return 0;
}
