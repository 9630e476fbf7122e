#include <stdio.h>
#include <string.h>
#include <time.h>

#include "order-rules.h"
#include "db-order.h"
#include "rules.h"
#include "db-review.h"
#include "log.h"
#include "util.h"

static enum app_err
lock_row(const struct db_row *row, void *arg)
{
	struct order_lock	*l = arg;

	l->state = order_state_parse(db_row_str(row, COL_ORDER_LOCK_STATE));
	l->version = db_row_int(row, COL_ORDER_LOCK_VERSION);
	l->subject_confirmed = db_row_int(row, COL_ORDER_LOCK_CONFIRMED) != 0;
	snprintf(l->kind, sizeof(l->kind), "%s",
	    db_row_str(row, COL_ORDER_LOCK_KIND) != NULL ? db_row_str(row, COL_ORDER_LOCK_KIND) : "");
	l->id = 1;	/* found */
	return APP_OK;
}

static enum app_err
found_row(const struct db_row *row, void *arg)
{
	(void)row;
	*(bool *)arg = true;
	return APP_OK;
}

enum app_err
db_order_owned(struct db *db, int64_t oid, int64_t uid)
{
	struct db_arg	 a[2] = { DB_I(oid), DB_I(uid) };
	bool		 found = false;
	enum app_err	 er;

	if (uid <= 0)
		return APP_ENOTFOUND;
	if ((er = db_query(db, STMT_ORDER_OWNED, a, 2, found_row, &found)) !=
	    APP_OK)
		return er;
	return found ? APP_OK : APP_ENOTFOUND;
}

static enum app_err
order_lock(struct db *db, int64_t oid, int64_t uid, struct order_lock *l)
{
	struct db_arg	 a[2] = { DB_I(oid), DB_I(uid) };
	enum app_err	 er;

	memset(l, 0, sizeof(*l));
	er = uid > 0 ? db_query(db, STMT_ORDER_LOCK, a, 2, lock_row, l) :
	    db_query(db, STMT_ORDER_LOCK_ANY, a, 1, lock_row, l);
	if (er != APP_OK)
		return er;
	if (l->id == 0)
		return APP_ENOTFOUND;
	if (l->state == OS__MAX) {
		applog(LOG_ERR, "order %lld has an unknown state",
		    (long long)oid);
		return APP_EINTERNAL;
	}
	l->id = oid;
	return APP_OK;
}

enum app_err
db_order_lock(struct db *db, int64_t oid, int64_t uid, struct order_lock *l)
{
	/* An account id is never 0; refuse rather than lock any order. */
	if (uid <= 0)
		return APP_ENOTFOUND;
	return order_lock(db, oid, uid, l);
}

enum app_err
db_order_lock_review(struct db *db, int64_t oid, struct order_lock *l)
{
	return order_lock(db, oid, 0, l);
}

enum app_err
db_order_apply(struct db *db, struct order_lock *l, enum order_ev ev,
    const char *actor, int64_t actor_id, const char *note)
{
	enum order_state	 to;
	struct db_arg		 a[7];
	uint64_t		 n = 0;
	enum app_err		 er;

	if (!order_next(l->state, ev, &to))
		return APP_ECONFLICT;
	if (to != l->state) {
		a[0] = DB_S(order_state_name(to));
		a[1] = DB_I(order_state_terminal(to) ? 1 : 0);
		a[2] = DB_I(l->id);
		a[3] = DB_I(l->version);
		er = db_exec(db, STMT_ORDER_SET_STATE, a, 4, &n);
	} else if (ev == OE_CONFIRM_SUBJECT) {
		a[0] = DB_I(l->id);
		a[1] = DB_I(l->version);
		er = db_exec(db, STMT_ORDER_CONFIRM_SUBJECT, a, 2, &n);
	} else {
		a[0] = DB_I(l->id);
		a[1] = DB_I(l->version);
		er = db_exec(db, STMT_ORDER_TOUCH, a, 2, &n);
	}
	if (er != APP_OK)
		return er;
	/* The row is locked, so a version miss is a bug, not a race. */
	if (n != 1)
		return APP_ECONFLICT;
	a[0] = DB_I(l->id);
	a[1] = DB_S(actor);
	a[2] = DB_IN(actor_id, actor_id <= 0);
	a[3] = DB_S(order_ev_name(ev));
	a[4] = DB_S(order_state_name(l->state));
	a[5] = DB_S(order_state_name(to));
	a[6] = DB_S(note != NULL ? note : "");
	if ((er = db_exec(db, STMT_EVENT_INSERT, a, 7, NULL)) != APP_OK)
		return er;
	/* An order that ended: its phones read and send nothing more. */
	if (to != l->state && order_state_terminal(to)) {
		a[0] = DB_I(l->id);
		if ((er = db_exec(db, STMT_HANDOFF_REVOKE_ORDER, a, 1, NULL)) !=
		    APP_OK)
			return er;
	}
	l->state = to;
	l->version++;
	return APP_OK;
}

static enum app_err
order_row(const struct db_row *row, void *arg)
{
	json_t			**out = arg;
	json_t			 *o, *snap;
	enum order_state	  st;
	const char		 *conf;

	st = order_state_parse(db_row_str(row, COL_ORDER_GET_STATE));
	snap = json_loads(db_row_str(row, COL_ORDER_GET_SUBJECT_SNAPSHOT) ? db_row_str(row, COL_ORDER_GET_SUBJECT_SNAPSHOT) : "{}", 0,
	    NULL);
	conf = db_row_str(row, COL_ORDER_GET_SUBJECT_CONFIRMED);
	o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:o, s:I, s:s, s:s, s:I}",
	    "id", (json_int_t)db_row_int(row, COL_ORDER_GET_ID),
	    "kind", db_row_str(row, COL_ORDER_GET_KIND),
	    "state", order_state_name(st),
	    "state_label", order_state_label(st),
	    "subject_id", (json_int_t)db_row_int(row, COL_ORDER_GET_SUBJECT_ID),
	    "subject", snap != NULL ? snap : json_object(),
	    "version", (json_int_t)db_row_int(row, COL_ORDER_GET_VERSION),
	    "created_at", db_row_str(row, COL_ORDER_GET_CREATED),
	    "updated_at", db_row_str(row, COL_ORDER_GET_UPDATED),
	    "created_unix", (json_int_t)db_row_int(row, COL_ORDER_GET_CREATED_UNIX));
	if (o == NULL)
		return APP_EINTERNAL;
	json_object_set_new(o, "subject_confirmed_at",
	    conf != NULL ? json_string(conf) : json_null());
	*out = o;
	return APP_OK;
}

static enum app_err
event_row(const struct db_row *row, void *arg)
{
	json_t	*arr = arg, *e;

	e = json_pack("{s:s, s:s, s:s, s:s?, s:s, s:s}",
	    "at", db_row_str(row, COL_ORDER_EVENTS_AT_ISO),
	    "actor", db_row_str(row, COL_ORDER_EVENTS_ACTOR_KIND),
	    "event", db_row_str(row, COL_ORDER_EVENTS_EVENT),
	    "from", db_row_str(row, COL_ORDER_EVENTS_FROM_STATE),
	    "to", db_row_str(row, COL_ORDER_EVENTS_TO_STATE),
	    "note", db_row_str(row, COL_ORDER_EVENTS_NOTE) ? db_row_str(row, COL_ORDER_EVENTS_NOTE) : "");
	if (e == NULL)
		return APP_EINTERNAL;
	json_array_append_new(arr, e);
	return APP_OK;
}

static enum app_err
sin_row(const struct db_row *row, void *arg)
{
	json_t	*arr = arg, *e;

	e = json_pack("{s:s, s:s, s:s, s:s, s:s}",
	    "number", db_row_str(row, COL_ORDER_SINS_NUMBER),
	    "status", db_row_str(row, COL_ORDER_SINS_STATUS),
	    "product_type", db_row_str(row, COL_ORDER_SINS_PRODUCT),
	    "product_name", db_row_str(row, COL_ORDER_SINS_PRODUCT_NAME),
	    "region", db_row_str(row, COL_ORDER_SINS_REGION));
	if (e == NULL)
		return APP_EINTERNAL;
	json_array_append_new(arr, e);
	return APP_OK;
}

static enum app_err
review_row(const struct db_row *row, void *arg)
{
	json_t	*o = arg;

	json_object_set_new(o, "submitted_at", db_row_str(row, COL_ORDER_REVIEW_INFO_SUBMITTED) != NULL ?
	    json_string(db_row_str(row, COL_ORDER_REVIEW_INFO_SUBMITTED)) : json_null());
	json_object_set_new(o, "due_at", db_row_str(row, COL_ORDER_REVIEW_INFO_DUE) != NULL ?
	    json_string(db_row_str(row, COL_ORDER_REVIEW_INFO_DUE)) : json_null());
	json_object_set_new(o, "round", json_integer(db_row_int(row, COL_ORDER_REVIEW_INFO_REVIEW_ROUND)));
	return APP_OK;
}

static enum app_err
order_json(struct db *db, int64_t oid, int64_t uid, json_t **out)
{
	struct db_arg		 a[2] = { DB_I(oid), DB_I(uid) };
	json_t			*o = NULL, *events, *sins, *steps, *webs;
	json_t			*review, *items = NULL;
	bool			 uploads_done = false;
	enum order_state	 st, to;
	int64_t			 ttl;
	time_t			 expires;
	struct tm		 tm;
	char			 iso[32];
	enum app_err		 er;

	*out = NULL;
	er = uid > 0 ? db_query(db, STMT_ORDER_GET, a, 2, order_row, &o) :
	    db_query(db, STMT_ORDER_GET_ANY, a, 1, order_row, &o);
	if (er != APP_OK)
		goto fail;
	if (o == NULL)
		return APP_ENOTFOUND;
	/*
	 * An order waiting on its applicant goes order_ttl_days after it
	 * was made (beian-worker): the one rule of the lifetime.
	 */
	if ((er = rule_setting(db, clock_now(), RK_ORDER_TTL_DAYS, &ttl)) !=
	    APP_OK)
		goto fail;
	expires = (time_t)(json_integer_value(json_object_get(o,
	    "created_unix")) + ttl * 86400);
	json_object_del(o, "created_unix");
	gmtime_r(&expires, &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_set_new(o, "expires_at", json_string(iso));
	events = json_array();
	json_object_set_new(o, "events", events);
	sins = json_array();
	json_object_set_new(o, "service_numbers", sins);
	if ((er = db_query(db, STMT_ORDER_EVENTS, a, 1, event_row,
	    events)) != APP_OK)
		goto fail;
	if ((er = db_query(db, STMT_ORDER_SINS, a, 1, sin_row, sins)) !=
	    APP_OK)
		goto fail;
	webs = json_array();
	json_object_set_new(o, "websites", webs);
	if ((er = db_order_websites(db, oid, 0, webs)) != APP_OK)
		goto fail;
	/* Later steps fill this; the contract has it from the start. */
	json_object_set_new(o, "uploads", json_array());
	review = json_object();
	json_object_set_new(o, "review", review);
	if ((er = db_query(db, STMT_ORDER_REVIEW_INFO, a, 1, review_row,
	    review)) != APP_OK ||
	    (er = db_review_open(db, oid, &items)) != APP_OK)
		goto fail;
	json_object_set_new(review, "rejected", items);

	/* Step 4 is done when the checklist has nothing left to ask. */
	if (uid > 0 && (er = checklist_done(db, oid, uid, clock_now(),
	    &uploads_done)) != APP_OK)
		goto fail;
	st = order_state_parse(json_string_value(json_object_get(o, "state")));
	steps = json_pack("{s:b, s:b, s:b, s:b, s:b}",
	    "subject", !json_is_null(json_object_get(o,
	    "subject_confirmed_at")),
	    "product", json_array_size(sins) > 0,
	    "websites", json_array_size(webs) > 0,
	    "uploads", uploads_done,
	    "submitted", st != OS_DRAFT && st != OS_ABANDONED &&
	    st != OS_EXPIRED);
	json_object_set_new(o, "steps", steps);
	json_object_set_new(o, "editable",
	    json_boolean(order_next(st, OE_EDIT, &to)));
	json_object_set_new(o, "can_abandon",
	    json_boolean(order_next(st, OE_ABANDON, &to)));
	*out = o;
	return APP_OK;
fail:
	json_decref(o);
	return er;
}

enum app_err
db_order_json(struct db *db, int64_t oid, int64_t uid, json_t **out)
{
	*out = NULL;
	if (uid <= 0)
		return APP_ENOTFOUND;
	return order_json(db, oid, uid, out);
}

enum app_err
db_order_json_review(struct db *db, int64_t oid, json_t **out)
{
	return order_json(db, oid, 0, out);
}

static json_t *
codes_of(const char *csv)
{
	json_t		*a = json_array();
	const char	*p = csv;
	int64_t		 v;
	char		 tok[16];
	size_t		 n;

	while (p != NULL && *p != '\0') {
		n = strcspn(p, ",");
		if (n > 0 && n < sizeof(tok)) {
			memcpy(tok, p, n);
			tok[n] = '\0';
			if (str_to_i64(tok, 1, INT64_MAX, &v))
				json_array_append_new(a, json_integer(v));
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return a;
}

static json_t *
bits_of(int64_t bits)
{
	json_t	*a = json_array();
	int	 i;

	for (i = 0; i < 63; i++)
		if (bits & ((int64_t)1 << i))
			json_array_append_new(a, json_integer((int64_t)1 << i));
	return a;
}

static enum app_err
website_row(const struct db_row *row, void *arg)
{
	json_t	*arr = arg, *w;
	char	 id[48], mob[24];

	mask_middle(db_row_str(row, COL_WEBSITE_LIST_OWNER_ID_NUMBER), 3, 4, id, sizeof(id));
	mask_middle(db_row_str(row, COL_WEBSITE_LIST_OWNER_MOBILE), 3, 4, mob, sizeof(mob));
	w = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:[], "
	    "s:{s:b, s:s, s:I, s:s, s:s?, s:b, s:s, s:s, s:s}}",
	    "id", (json_int_t)db_row_int(row, COL_WEBSITE_LIST_ID),
	    "name", db_row_str(row, COL_WEBSITE_LIST_NAME),
	    "domain", db_row_str(row, COL_WEBSITE_LIST_DOMAIN),
	    "domain_ascii", db_row_str(row, COL_WEBSITE_LIST_DOMAIN_ASCII),
	    "homepage_url", db_row_str(row, COL_WEBSITE_LIST_HOMEPAGE_URL),
	    "content_types", bits_of(db_row_int(row, COL_WEBSITE_LIST_CONTENT_TYPES)),
	    "languages", codes_of(db_row_str(row, COL_WEBSITE_LIST_LANGUAGES)),
	    "remark", db_row_str(row, COL_WEBSITE_LIST_REMARK) ? db_row_str(row, COL_WEBSITE_LIST_REMARK) : "",
	    "service_number", db_row_str(row, COL_WEBSITE_LIST_SERVICE_NUMBER),
	    "preapprovals",
	    "owner",
	    "same_as_leader", db_row_int(row, COL_WEBSITE_LIST_OWNER_SAME_AS_LEADER) != 0,
	    "name", db_row_str(row, COL_WEBSITE_LIST_OWNER_NAME),
	    "id_type", (json_int_t)db_row_int(row, COL_WEBSITE_LIST_OWNER_ID_TYPE),
	    "id_number", id,
	    "id_valid_until", db_row_str(row, COL_WEBSITE_LIST_OWNER_ID_VALID_UNTIL),
	    "id_long_term", db_row_null(row, COL_WEBSITE_LIST_OWNER_ID_VALID_UNTIL),
	    "mobile", mob,
	    "emergency_phone", db_row_str(row, COL_WEBSITE_LIST_OWNER_EMERGENCY),
	    "email", db_row_str(row, COL_WEBSITE_LIST_OWNER_EMAIL));
	if (w == NULL)
		return APP_EINTERNAL;
	/* The bureau's number, once approved (domain.md §17). */
	json_object_set_new(w, "website_number",
	    db_row_str(row, COL_WEBSITE_LIST_WEBSITE_NUMBER) != NULL ?
	    json_string(db_row_str(row, COL_WEBSITE_LIST_WEBSITE_NUMBER)) :
	    json_null());
	json_array_append_new(arr, w);
	return APP_OK;
}

static enum app_err
preapproval_row(const struct db_row *row, void *arg)
{
	json_t		*arr = arg, *w;
	size_t		 i;

	json_array_foreach(arr, i, w)
		if (json_integer_value(json_object_get(w, "id")) ==
		    db_row_int(row, COL_WEBSITE_PREAPPROVALS_WEBSITE_ID))
			json_array_append_new(json_object_get(w,
			    "preapprovals"), json_pack("{s:I, s:s, s:s}",
			    "type", (json_int_t)db_row_int(row, COL_WEBSITE_PREAPPROVALS_TYPE_CODE),
			    "type_name", db_row_str(row, COL_WEBSITE_PREAPPROVALS_TYPE_NAME),
			    "number", db_row_str(row, COL_WEBSITE_PREAPPROVALS_NUMBER)));
	return APP_OK;
}

enum app_err
db_order_websites(struct db *db, int64_t oid, int64_t wid, json_t *arr)
{
	struct db_arg	 a[3] = { DB_I(oid), DB_I(wid), DB_I(wid) };
	enum app_err	 er;

	if ((er = db_query(db, STMT_WEBSITE_LIST, a, 3, website_row, arr)) !=
	    APP_OK)
		return er;
	return db_query(db, STMT_WEBSITE_PREAPPROVALS, a, 1, preapproval_row,
	    arr);
}

void
mask_middle(const char *s, size_t head, size_t tail, char *out, size_t outsz)
{
	size_t	 n = s != NULL ? strlen(s) : 0, i, o = 0;

	for (i = 0; i < n && o + 1 < outsz; i++)
		out[o++] = (i < head || i + tail >= n) ? s[i] : '*';
	if (outsz > 0)
		out[o] = '\0';
}
