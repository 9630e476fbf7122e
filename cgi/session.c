/*
 * session: log in and out (seed step 1).
 *
 *   POST   /api/session {login,password}  -> 200 {user, csrf, expires_at}
 *                                            + cookie beian_session
 *   GET    /api/session                   -> 200 {user, csrf, expires_at}
 *   DELETE /api/session                   -> 200, token revoked
 *   POST   /api/session/logout            -> the same, for classic forms
 *
 * Errors: 401 unauthenticated (unknown login and wrong password alike,
 * after the same argon2id work), 422 invalid (empty fields), 429
 * rate_limited with Retry-After once login_max_failures failures of one
 * login from one address fall inside login_window seconds -- also when
 * the password is then right, so guessing cannot continue by luck.  A
 * login failing from many addresses (login_account_*) and an address
 * failing over many logins (login_address_*) are limited the same way.
 * A stranger's failures lock only the stranger's address, not the
 * owner's.  The counters live in the database so that every worker and
 * host sees them.
 *
 * Statements: ACCOUNT_BY_LOGIN, ACCOUNT_SET_HASH, SESSION_INSERT,
 * SESSION_LOOKUP (via auth.c), SESSION_REVOKE, LOGIN_LOCKED(_LOGIN,
 * _ADDRESS), LOGIN_FAILURE_ADD, LOGIN_FAILURE_CLEAR, LOGIN_FAILURE_PURGE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/app.h"
#include "lib/log.h"
#include "lib/passwd.h"
#include "views.h"

#define LOGIN_MAX	64

static enum app_err	session_login(struct req *, struct resp *);
static enum app_err	session_get(struct req *, struct resp *);
static enum app_err	session_logout(struct req *, struct resp *);
static enum app_err	session_header(struct req *, struct resp *);

enum	route_id {
	ROUTE_SESSION_LOGIN,
	ROUTE_SESSION_GET,
	ROUTE_SESSION_DELETE,
	ROUTE_SESSION_LOGOUT,
	ROUTE_SESSION_HEADER,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	/* ROUTE_SESSION_LOGIN */
	{ "/api/session", M_POST, AUTH_NONE, session_login, NULL },
	/* ROUTE_SESSION_GET */
	{ "/api/session", M_GET, AUTH_USER, session_get, NULL },
	/* ROUTE_SESSION_DELETE */
	{ "/api/session", M_DELETE, AUTH_OPTIONAL, session_logout, NULL },
	/* ROUTE_SESSION_LOGOUT */
	{ "/api/session/logout", M_POST, AUTH_OPTIONAL, session_logout, NULL },
	/* ROUTE_SESSION_HEADER: the page header's account line (SSI) */
	{ "/api/session/header", M_GET, AUTH_OPTIONAL, session_header,
	  session_header_view },
};

struct	account {
	struct user	 u;
	char		*hash;
};

static enum app_err
account_row(const struct db_row *row, void *arg)
{
	struct account	*a = arg;

	a->u.id = db_row_int(row, COL_ACCOUNT_BY_LOGIN_ID);
	a->u.login = xstrdup(db_row_str(row, COL_ACCOUNT_BY_LOGIN_LOGIN) ? db_row_str(row, COL_ACCOUNT_BY_LOGIN_LOGIN) : "");
	a->u.name = xstrdup(db_row_str(row, COL_ACCOUNT_BY_LOGIN_NAME) ? db_row_str(row, COL_ACCOUNT_BY_LOGIN_NAME) : "");
	a->u.role = xstrdup(db_row_str(row, COL_ACCOUNT_BY_LOGIN_ROLE) ? db_row_str(row, COL_ACCOUNT_BY_LOGIN_ROLE) : "");
	a->hash = xstrdup(db_row_str(row, COL_ACCOUNT_BY_LOGIN_PASSWORD_HASH) ? db_row_str(row, COL_ACCOUNT_BY_LOGIN_PASSWORD_HASH) : "");
	return APP_OK;
}

static void
account_free(struct account *a)
{
	if (a == NULL)
		return;
	free(a->u.login);
	free(a->u.name);
	free(a->u.role);
	if (a->hash != NULL)
		sodium_memzero(a->hash, strlen(a->hash));
	free(a->hash);
	memset(a, 0, sizeof(*a));
}

static enum app_err
locked_row(const struct db_row *row, void *arg)
{
	int64_t	*secs = arg;

	*secs = db_row_int(row, COL_LOGIN_LOCKED_SECONDS_LEFT);
	return APP_OK;
}

/*
 * Three counts of failures, each the (max)-th newest inside its window:
 * of this login from this address, of this login from anywhere (slower
 * and longer), of this address over all logins.  The first that is full
 * answers 429 with the seconds until its oldest counted failure leaves
 * the window.
 */
static enum app_err
login_locked(struct req *r, struct resp *w, const char *login, const char *ip)
{
	const struct conf	*c = r->conf;
	const struct {
		enum stmt	 stmt;
		int64_t		 max, window;
		bool		 by_login, by_ip;
		const char	*msg;
	} checks[] = {
		{ STMT_LOGIN_LOCKED, c->login_max_failures, c->login_window,
		  true, true, "登录失败次数过多，该登录名在此网络下已被暂时锁定。" },
		{ STMT_LOGIN_LOCKED_LOGIN, c->login_account_max_failures,
		  c->login_account_window, true, false,
		  "该登录名近期在多处登录失败次数过多，已被暂时锁定。" },
		{ STMT_LOGIN_LOCKED_ADDRESS, c->login_address_max_failures,
		  c->login_address_window, false, true,
		  "此网络地址登录失败次数过多，请稍后再试。" },
	};
	struct db_arg	 a[5];
	char		 msg[256];
	int64_t		 left;
	size_t		 i, n;
	enum app_err	 er;

	for (i = 0; i < nitems(checks); i++) {
		n = 0;
		a[n++] = DB_I(checks[i].window);
		if (checks[i].by_login)
			a[n++] = DB_S(login);
		if (checks[i].by_ip)
			a[n++] = DB_S(ip);
		a[n++] = DB_I(checks[i].window);
		a[n++] = DB_I(checks[i].max - 1);
		left = -1;
		if ((er = db_query(r->db, checks[i].stmt, a, n, locked_row,
		    &left)) != APP_OK)
			return er;
		if (left >= 0) {
			resp_header(w, "Retry-After: %lld",
			    (long long)(left > 0 ? left : 1));
			snprintf(msg, sizeof(msg), "%s（约 %lld 分钟后可再试）",
			    checks[i].msg, (long long)(left + 59) / 60);
			return resp_fail(w, APP_ERATE, NULL, msg);
		}
	}
	return APP_OK;
}

/* Logins are ASCII and case-insensitive: trim, lower-case, check. */
static bool
login_normalise(const char *in, char *out, size_t outsz)
{
	size_t	 n, i;

	while (*in == ' ' || *in == '\t')
		in++;
	n = strlen(in);
	while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= outsz)
		return false;
	for (i = 0; i < n; i++) {
		char	 ch = in[i];

		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch + 32);
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    ch == '.' || ch == '_' || ch == '-' || ch == '@'))
			return false;
		out[i] = ch;
	}
	out[n] = '\0';
	return true;
}

static json_t *
session_body(const struct req *r, const struct user *u, const char *jti,
    int64_t exp)
{
	char	 csrf[65];

	csrf_token(r->conf, jti, csrf);
	return json_pack("{s:o, s:s, s:I}", "user", user_json(u),
	    "csrf", csrf, "expires_at", (json_int_t)exp);
}

static enum app_err
session_login(struct req *r, struct resp *w)
{
	const char	*login_in = req_str(r, "login");
	const char	*pw = req_str(r, "password");
	const char	*ip = req_env(r, "REMOTE_ADDR");
	char		 login[LOGIN_MAX + 1], jti[JTI_LEN + 1];
	char		 hash[PASSWD_HASH_MAX], *tok = NULL;
	struct account	 a;
	struct db_arg	 args[4];
	int64_t		 ttl = r->conf->session_ttl;
	uint64_t	 affected = 0;
	bool		 ok, wellformed;
	enum app_err	 er;

	memset(&a, 0, sizeof(a));
	if (login_in == NULL || *login_in == '\0')
		resp_field(w, "login", "请输入登录名");
	if (pw == NULL || *pw == '\0')
		resp_field(w, "password", "请输入密码");
	else if (strlen(pw) > PASSWD_MAX)
		resp_field(w, "password", "密码过长（最多 256 个字符）");
	if (w->fields != NULL)
		return APP_EINVAL;
	if (ip == NULL)
		ip = "";

	/*
	 * A login that cannot exist still goes through the lock and the
	 * dummy hash, so its answer looks like any other failure.
	 */
	wellformed = login_normalise(login_in, login, sizeof(login));
	if (!wellformed)
		snprintf(login, sizeof(login), "%s", "(invalid)");

	if ((er = login_locked(r, w, login, ip)) != APP_OK)
		goto out;

	if (wellformed) {
		args[0] = DB_S(login);
		if ((er = db_query(r->db, STMT_ACCOUNT_BY_LOGIN, args, 1,
		    account_row, &a)) != APP_OK)
			goto out;
	}
	if (a.hash != NULL)
		ok = passwd_verify(a.hash, pw);
	else {
		passwd_verify_dummy(r->conf, pw);
		ok = false;
	}

	if (!ok) {
		args[0] = DB_S(login);
		args[1] = DB_S(ip);
		if ((er = db_exec(r->db, STMT_LOGIN_FAILURE_ADD, args, 2,
		    NULL)) != APP_OK)
			goto out;
		/* Kept as long as any of the three counts it. */
		args[1] = DB_I(conf_login_window_max(r->conf));
		(void)db_exec(r->db, STMT_LOGIN_FAILURE_PURGE, args, 2, NULL);
		resp_field(w, "password", "登录名或密码不正确");
		er = resp_fail(w, APP_EAUTH, NULL, "登录名或密码不正确，请检查后重试。");
		goto out;
	}

	args[0] = DB_S(login);
	args[1] = DB_S(ip);
	(void)db_exec(r->db, STMT_LOGIN_FAILURE_CLEAR, args, 2, NULL);
	/* Raised cost in the configuration: upgrade the stored hash now. */
	if (passwd_needs_rehash(r->conf, a.hash) &&
	    passwd_hash(r->conf, pw, hash) == APP_OK) {
		args[0] = DB_S(hash);
		args[1] = DB_I(a.u.id);
		(void)db_exec(r->db, STMT_ACCOUNT_SET_HASH, args, 2, NULL);
	}

	/* A new jti on every login: a planted token never becomes valid. */
	token_new_jti(jti);
	args[0] = DB_S(jti);
	args[1] = DB_I(ttl);
	args[2] = DB_S(ip);
	args[3] = DB_I(a.u.id);
	if ((er = db_exec(r->db, STMT_SESSION_INSERT, args, 4, &affected)) !=
	    APP_OK)
		goto out;
	if (affected != 1) {
		/* Disabled between the password check and now. */
		er = resp_fail(w, APP_EAUTH, NULL, "登录名或密码不正确，请检查后重试。");
		goto out;
	}
	if ((er = token_issue(r->conf, "session", a.u.id, jti, r->now, ttl,
	    &tok)) != APP_OK)
		goto out;
	resp_set_cookie(w, r, SESSION_COOKIE, tok, ttl);
	resp_json(w, 200, session_body(r, &a.u, jti, r->now + ttl));
	/* A reviewer going nowhere in particular goes to the queue. */
	if ((strcmp(a.u.role, "reviewer") == 0 || strcmp(a.u.role,
	    "admin") == 0) && (req_str(r, "next") == NULL ||
	    strcmp(req_str(r, "next"), "/") == 0))
		w->next = "/review/";
	applog(LOG_INFO, "login ok uid=%lld", (long long)a.u.id);
	er = APP_OK;
out:
	free(tok);
	account_free(&a);
	return er;
}

static enum app_err
session_get(struct req *r, struct resp *w)
{
	resp_json(w, 200, session_body(r, &r->user, r->claims.jti,
	    r->claims.exp));
	return APP_OK;
}

static enum app_err
unread_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_DOMAIN_TAKEN_N);
	return APP_OK;
}

/*
 * {"user": the signed-in user, or null, "unread": messages not yet read
 * in the message centre}: never a 401.
 */
static enum app_err
session_header(struct req *r, struct resp *w)
{
	struct db_arg	 a[1];
	int64_t		 unread = 0;
	enum app_err	 er;

	if (r->authed) {
		a[0] = DB_I(r->user.id);
		if ((er = db_query(r->db, STMT_NOTIFY_UNREAD, a, 1, unread_row,
		    &unread)) != APP_OK)
			return er;
	}
	resp_json(w, 200, json_pack("{s:o, s:I}", "user", r->authed ?
	    user_json(&r->user) : json_null(), "unread", (json_int_t)unread));
	return APP_OK;
}

static enum app_err
session_logout(struct req *r, struct resp *w)
{
	struct db_arg	 a[1];
	enum app_err	 er;

	if (r->authed) {
		a[0] = DB_S(r->claims.jti);
		if ((er = db_exec(r->db, STMT_SESSION_REVOKE, a, 1, NULL)) !=
		    APP_OK)
			return er;
	}
	resp_set_cookie(w, r, SESSION_COOKIE, "", 0);
	resp_json(w, 200, json_pack("{s:b}", "logged_out", 1));
	return APP_OK;
}

static enum app_err
session_init(const struct conf *c)
{
	return passwd_init(c);
}

int
main(int argc, char *argv[])
{
	static const struct app app = {
		"session", routes, ROUTE__MAX, session_init, 0, NULL
	};

	return app_main(argc, argv, &app);
}
