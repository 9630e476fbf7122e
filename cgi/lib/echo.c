/*
 * A refused classic form's values (see echo.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "echo.h"
#include "log.h"
#include "stmts.h"

/* Keys never kept: credentials, and where the browser goes. */
static bool
kept(const char *key)
{
	static const char *const skip[] = {
		"password", "new_password", "next", "back", "csrf", "_check",
	};
	size_t	 i;

	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (strcmp(key, skip[i]) == 0)
			return false;
	return true;
}

void
echo_store(struct req *r, char id[ECHO_ID_LEN + 1])
{
	json_t		*all = json_array();
	unsigned char	 rnd[ECHO_ID_LEN / 2];
	struct db_arg	 a[4];
	char		*text = NULL;
	size_t		 i;

	id[0] = '\0';
	if (r->user.id <= 0 || r->body_kind != BODY_FORM || r->db == NULL)
		goto out;
	for (i = 0; i < r->form.n; i++)
		if (kept(r->form.v[i].key) &&
		    json_array_append_new(all, json_pack("[s, s]",
		    r->form.v[i].key, r->form.v[i].val)) != 0)
			goto out;
	if (json_array_size(all) == 0 ||
	    (text = json_dumps(all, JSON_COMPACT)) == NULL ||
	    strlen(text) > 65536)
		goto out;
	randombytes_buf(rnd, sizeof(rnd));
	hex_encode(rnd, sizeof(rnd), id);
	a[0] = DB_S(id);
	a[1] = DB_I(r->user.id);
	a[2] = DB_S(r->path);
	a[3] = DB_S(text);
	if (r->path == NULL || strlen(r->path) > 255 ||
	    db_exec(r->db, STMT_ECHO_PUT, a, 4, NULL) != APP_OK) {
		applog(LOG_WARN, "a refused form's values were not kept");
		id[0] = '\0';
	}
out:
	free(text);
	json_decref(all);
}

static enum app_err
echo_row(const struct db_row *row, void *arg)
{
	struct req	*r = arg;

	json_decref(r->echo);
	r->echo = json_pack("{s:s, s:o?}", "path", db_row_str(row, COL_ECHO_GET_PATH),
	    "fields", json_loads(db_row_str(row, COL_ECHO_GET_FIELDS), 0, NULL));
	return APP_OK;
}

const json_t *
echo_get(struct req *r, const char *action)
{
	const char	*id;
	struct db_arg	 a[2];

	if (!r->echo_loaded) {
		r->echo_loaded = true;
		id = kv_get(&r->query, "echo");
		if (id == NULL || strlen(id) != ECHO_ID_LEN ||
		    strspn(id, "0123456789abcdef") != ECHO_ID_LEN ||
		    r->user.id <= 0)
			return NULL;
		a[0] = DB_S(id);
		a[1] = DB_I(r->user.id);
		if (db_query(r->db, STMT_ECHO_GET, a, 2, echo_row, r) !=
		    APP_OK || !json_is_array(json_object_get(r->echo,
		    "fields"))) {
			json_decref(r->echo);
			r->echo = NULL;
		}
	}
	if (r->echo == NULL || action == NULL ||
	    strcmp(json_string_value(json_object_get(r->echo, "path")),
	    action) != 0)
		return NULL;
	return json_object_get(r->echo, "fields");
}

const char *
echo_str(struct req *r, const char *action, const char *key)
{
	const json_t	*e = echo_get(r, action), *p;
	size_t		 i;

	json_array_foreach(e, i, p)
		if (strcmp(json_string_value(json_array_get(p, 0)), key) == 0)
			return json_string_value(json_array_get(p, 1));
	return NULL;
}

char *
echo_list(struct req *r, const char *action, const char *key)
{
	const json_t	*e = echo_get(r, action), *p;
	struct buf	 b = BUF_INIT;
	size_t		 i;

	if (e == NULL)
		return NULL;
	json_array_foreach(e, i, p) {
		if (strcmp(json_string_value(json_array_get(p, 0)), key) != 0)
			continue;
		buf_printf(&b, "%s%s", b.len > 0 ? "," : "",
		    json_string_value(json_array_get(p, 1)));
	}
	/* Posted, but no box ticked: an empty list, not "no echo". */
	return b.p != NULL ? b.p : strdup("");
}
