#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "log.h"

json_t *
user_json(const struct user *u)
{
	return json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)u->id,
	    "login", u->login != NULL ? u->login : "",
	    "name", u->name != NULL ? u->name : "",
	    "role", u->role != NULL ? u->role : "");
}

static enum app_err
user_row(const struct db_row *row, void *arg)
{
	struct user	*u = arg;

	u->id = db_row_int(row, COL_SESSION_LOOKUP_ACCOUNT_ID);
	u->login = xstrdup(db_row_str(row, COL_SESSION_LOOKUP_LOGIN) ? db_row_str(row, COL_SESSION_LOOKUP_LOGIN) : "");
	u->name = xstrdup(db_row_str(row, COL_SESSION_LOOKUP_NAME) ? db_row_str(row, COL_SESSION_LOOKUP_NAME) : "");
	u->role = xstrdup(db_row_str(row, COL_SESSION_LOOKUP_ROLE) ? db_row_str(row, COL_SESSION_LOOKUP_ROLE) : "");
	return APP_OK;
}

enum app_err
auth_load(struct req *r)
{
	const char	*h, *tok = NULL;
	struct db_arg	 a[1];
	enum app_err	 er;

	if ((h = req_env(r, "HTTP_AUTHORIZATION")) != NULL) {
		if (strncmp(h, "Bearer ", 7) != 0)
			return APP_EAUTH;
		tok = h + 7;
		r->via_cookie = false;
	} else if ((tok = kv_get(&r->cookies, SESSION_COOKIE)) != NULL) {
		/* Two cookies of that name: one was planted (fixation). */
		if (kv_count(&r->cookies, SESSION_COOKIE) != 1)
			return APP_EAUTH;
		r->via_cookie = true;
	} else
		return APP_EAUTH;

	if ((er = token_check(r->conf, "session", tok, r->now,
	    &r->claims)) != APP_OK)
		return er;
	a[0] = DB_S(r->claims.jti);
	if ((er = db_query(r->db, STMT_SESSION_LOOKUP, a, 1, user_row,
	    &r->user)) != APP_OK)
		return er;
	if (r->user.login == NULL || r->user.id != r->claims.sub)
		return APP_EAUTH;
	r->authed = true;
	return APP_OK;
}

enum app_err
auth_csrf(const struct req *r)
{
	const char	*tok;

	if (r->method == M_GET || r->method == M_HEAD)
		return APP_OK;
	if (req_cross_site(r))
		return APP_ECSRF;
	/* Bearer clients send no ambient credentials: nothing to forge. */
	if (!r->authed || !r->via_cookie)
		return APP_OK;
	if ((tok = req_env(r, "HTTP_X_CSRF_TOKEN")) != NULL)
		return csrf_valid(r->conf, r->claims.jti, tok) ? APP_OK :
		    APP_ECSRF;
	if (req_is_form(r) && req_same_origin(r))
		return APP_OK;
	return APP_ECSRF;
}
