/*
 * Rejected items (see db-review.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-filing.h"
#include "db-review.h"
#include "messages.h"
#include "util.h"

static enum app_err
count_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_UPLOAD_SLOT_COUNT_N);
	return APP_OK;
}

enum app_err
db_website_fields(struct db *db, int64_t oid, json_t **out)
{
	const struct review_field	*rf;
	struct website	*v = NULL;
	struct buf	 val = BUF_INIT;
	json_t		*w;
	char		 id[32];
	size_t		 n = 0, i, j;
	enum app_err	 er;

	*out = json_object();
	er = websites_load(db, oid, &v, &n);
	for (i = 0; er == APP_OK && i < n; i++) {
		w = json_object();
		for (j = 0; (rf = review_field_at(j)) != NULL; j++) {
			if (!website_field_value(&v[i], rf->key, &val) ||
			    json_object_set_new(w, rf->key,
			    json_string(val.p)) != 0) {
				er = APP_EINTERNAL;
				break;
			}
		}
		(void)snprintf(id, sizeof(id), "%lld", (long long)v[i].id);
		json_object_set_new(*out, id, w);
	}
	for (i = 0; i < n; i++)
		website_free(&v[i]);
	free(v);
	buf_free(&val);
	if (er != APP_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return er;
}

static enum app_err
item_row(const struct db_row *row, void *arg)
{
	json_t	*arr = arg, *target;

	if (db_row_str(row, COL_REVIEW_OPEN_FIELD) != NULL)
		target = json_pack("{s:s}", "field", db_row_str(row, COL_REVIEW_OPEN_FIELD));
	else
		target = json_pack("{s:I}", "upload",
		    (json_int_t)db_row_int(row, COL_REVIEW_OPEN_UPLOAD_ID));
	json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:o, "
	    "s:I, s:s?, s:s?, s:s, s:s, s:s}",
	    "id", (json_int_t)db_row_int(row, COL_REVIEW_OPEN_ID),
	    "reason", db_row_str(row, COL_REVIEW_OPEN_REASON),
	    "title", db_row_str(row, COL_REVIEW_OPEN_TITLE),
	    "fix", db_row_str(row, COL_REVIEW_OPEN_FIX),
	    "target", target,
	    "website_id", (json_int_t)db_row_int(row, COL_REVIEW_OPEN_WEBSITE_ID),
	    "kind", db_row_str(row, COL_REVIEW_OPEN_KIND),
	    "kind_name", db_row_str(row, COL_REVIEW_OPEN_KIND_NAME),
	    "was", db_row_str(row, COL_REVIEW_OPEN_WAS) != NULL ? db_row_str(row, COL_REVIEW_OPEN_WAS) : "",
	    "note", db_row_str(row, COL_REVIEW_OPEN_NOTE),
	    "at", db_row_str(row, COL_REVIEW_OPEN_CREATED)));
	return APP_OK;
}

static enum app_err
items_of(struct db *db, enum stmt st, int64_t oid, json_t **out)
{
	struct db_arg	 a[1] = { DB_I(oid) };
	enum app_err	 er;

	*out = json_array();
	if ((er = db_query(db, st, a, 1, item_row, *out)) != APP_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return er;
}

enum app_err
db_review_open(struct db *db, int64_t oid, json_t **out)
{
	return items_of(db, STMT_REVIEW_OPEN, oid, out);
}

enum app_err
db_review_last_round(struct db *db, int64_t oid, json_t **out)
{
	return items_of(db, STMT_REVIEW_LAST_ROUND, oid, out);
}

enum app_err
db_review_lock(struct db *db, int64_t oid, int64_t uid, bool whole,
    struct order_lock *l, const char **code)
{
	enum order_state	 to;
	enum app_err		 er;

	*code = NULL;
	if ((er = db_order_lock(db, oid, uid, l)) != APP_OK)
		return er;
	if (!order_next(l->state, OE_EDIT, &to))
		*code = "order_not_editable";
	else if (whole && l->state != OS_DRAFT)
		*code = "item_locked";
	return *code != NULL ? APP_ECONFLICT : APP_OK;
}

/* Does order oid hold no upload of kind for website wid? */
static enum app_err
slot_empty(struct db *db, int64_t oid, int64_t wid, const char *kind,
    bool *empty)
{
	struct db_arg	 a[3] = { DB_I(oid), DB_I(wid), DB_S(kind) };
	int64_t		 n = 0;
	enum app_err	 er;

	er = db_query(db, STMT_UPLOAD_SLOT_COUNT, a, 3, count_row, &n);
	*empty = n == 0;
	return er;
}

enum app_err
db_review_may_change(struct db *db, const struct order_lock *l, int64_t wid,
    const char *field, const char *kind, bool *ok)
{
	struct review_item	*items = NULL;
	size_t			 n = 0;
	enum app_err		 er;

	/* The bureau names no items: after its rejection all may change. */
	*ok = l->state == OS_DRAFT || l->state == OS_BUREAU_REJECTED;
	if (*ok)
		return APP_OK;
	if ((er = review_items_load(db, l->id, &items, &n)) == APP_OK)
		*ok = review_may_change(items, n, wid, field, kind);
	review_items_free(items, n);
	/*
	 * A slot left empty by a change the reviewer asked for (the owner's
	 * scans went with the old owner) takes its file: nothing the
	 * reviewer approved is replaced by filling it.
	 */
	if (er == APP_OK && !*ok && field == NULL && kind != NULL)
		er = slot_empty(db, l->id, wid, kind, ok);
	return er;
}

enum app_err
db_review_check_edit(struct db *db, const struct order_lock *l,
    const struct website *before, const char **keys, size_t max,
    size_t *locked)
{
	struct review_item	*items = NULL;
	struct website		*after = NULL;
	size_t			 nitems = 0, nw = 0, i;
	enum app_err		 er;

	*locked = 0;
	if (l->state == OS_DRAFT || l->state == OS_BUREAU_REJECTED)
		return APP_OK;
	if ((er = review_items_load(db, l->id, &items, &nitems)) == APP_OK &&
	    (er = websites_load(db, l->id, &after, &nw)) == APP_OK)
		for (i = 0; i < nw; i++)
			if (after[i].id == before->id)
				*locked = review_locked_changes(items, nitems,
				    before, &after[i], keys, max);
	review_items_free(items, nitems);
	for (i = 0; i < nw; i++)
		website_free(&after[i]);
	free(after);
	return er;
}
