/*
 * subject: find the filed subject and start an order (seed steps 2-3).
 *
 *   GET  /api/subjects                      the account's filed subjects,
 *                                           websites, open order, and
 *                                           whether 增加网站 is allowed
 *   POST /api/subjects/{id}/orders {kind}   201 new add_website order;
 *                                           409 order_in_progress or
 *                                           subject_change_in_progress
 *   GET  /api/orders                        the account's orders
 *   GET  /api/orders/{id}                   one order: subject snapshot,
 *                                           steps, numbers, events
 *   POST /api/orders/{id}/subject-confirmation   step 3 done
 *   POST /api/orders/{id}/abandon           until the bureau has it;
 *                                           reserved numbers go back
 *
 * One open order per subject is the database's rule (a unique key on
 * filing_order.open_subject_id), so two racing requests cannot both win.
 * Another account's subject or order is 404, never 403.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/app.h"
#include "lib/db-order.h"
#include "lib/log.h"
#include "lib/messages.h"
#include "views.h"

static enum app_err	subjects_get(struct req *, struct resp *);
static enum app_err	order_create(struct req *, struct resp *);
static enum app_err	orders_get(struct req *, struct resp *);
static enum app_err	order_get(struct req *, struct resp *);
static enum app_err	order_confirm(struct req *, struct resp *);
static enum app_err	order_abandon(struct req *, struct resp *);

enum	route_id {
	ROUTE_SUBJECTS,
	ROUTE_ORDER_CREATE,
	ROUTE_ORDERS,
	ROUTE_ORDER,
	ROUTE_ORDER_CONFIRM,
	ROUTE_ORDER_ABANDON,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	/* ROUTE_SUBJECTS */
	{ "/api/subjects", M_GET, AUTH_USER, subjects_get, subjects_view },
	/* ROUTE_ORDER_CREATE */
	{ "/api/subjects/{id}/orders", M_POST, AUTH_USER, order_create, NULL },
	/* ROUTE_ORDERS */
	{ "/api/orders", M_GET, AUTH_USER, orders_get, NULL },
	/* ROUTE_ORDER */
	{ "/api/orders/{id}", M_GET, AUTH_USER, order_get, order_view },
	/* ROUTE_ORDER_CONFIRM */
	{ "/api/orders/{id}/subject-confirmation", M_POST, AUTH_USER,
	  order_confirm, NULL },
	/* ROUTE_ORDER_ABANDON */
	{ "/api/orders/{id}/abandon", M_POST, AUTH_USER, order_abandon, NULL },
};


static enum app_err	list_row(const struct db_row *, void *);

/* --- GET /api/subjects --- */

static enum app_err
subject_row(const struct db_row *row, void *arg)
{
	json_t		*arr = arg, *s, *open = json_null();
	const char	*kind = db_row_str(row, COL_SUBJECT_LIST_KIND), *reason = NULL;
	const char	*msg = NULL;
	enum order_state st;

	if (!db_row_null(row, COL_SUBJECT_LIST_ORDER_ID)) {
		st = order_state_parse(db_row_str(row, COL_SUBJECT_LIST_STATE));
		open = json_pack("{s:I, s:s, s:s, s:s}",
		    "id", (json_int_t)db_row_int(row, COL_SUBJECT_LIST_ORDER_ID), "kind", kind,
		    "state", order_state_name(st),
		    "state_label", order_state_label(st));
		if (kind != NULL && strcmp(kind, "change_subject") == 0) {
			reason = "subject_change_in_progress";
		} else
			reason = "order_in_progress";
		msg = msg_for_code(reason);
	}
	s = json_pack("{s:I, s:s, s:s, s:b, s:s, s:s, s:s, s:s, s:s, s:o, "
	    "s:b, s:s?, s:s?, s:[]}",
	    "id", (json_int_t)db_row_int(row, COL_SUBJECT_LIST_ID),
	    "nature", db_row_str(row, COL_SUBJECT_LIST_NATURE),
	    "nature_name", db_row_str(row, COL_SUBJECT_LIST_NATURE_NAME),
	    "personal", db_row_int(row, COL_SUBJECT_LIST_PERSONAL) != 0,
	    "name", db_row_str(row, COL_SUBJECT_LIST_SUBJECT_NAME),
	    "province", db_row_str(row, COL_SUBJECT_LIST_PROVINCE),
	    "province_name", db_row_str(row, COL_SUBJECT_LIST_PROVINCE_NAME),
	    "icp_number", db_row_str(row, COL_SUBJECT_LIST_ICP_NUMBER),
	    "leader_name", db_row_str(row, COL_SUBJECT_LIST_LEADER_NAME),
	    "open_order", open,
	    "can_add_website", reason == NULL,
	    "blocked_reason", reason,
	    "blocked_message", msg,
	    "websites");
	if (s == NULL)
		return APP_EINTERNAL;
	json_array_append_new(arr, s);
	return APP_OK;
}

static enum app_err
website_row(const struct db_row *row, void *arg)
{
	json_t		*arr = arg, *s, *w;
	size_t		 i;
	int64_t		 sid = db_row_int(row, COL_WEBSITE_BY_ACCOUNT_SUBJECT_ID);

	json_array_foreach(arr, i, s) {
		if (json_integer_value(json_object_get(s, "id")) != sid)
			continue;
		/* The website ICP number: icp_number, website_number alike. */
		w = json_pack("{s:I, s:s, s:s, s:s, s:s}",
		    "id", (json_int_t)db_row_int(row, COL_WEBSITE_BY_ACCOUNT_ID),
		    "name", db_row_str(row, COL_WEBSITE_BY_ACCOUNT_NAME),
		    "domain", db_row_str(row, COL_WEBSITE_BY_ACCOUNT_DOMAIN),
		    "icp_number", db_row_str(row, COL_WEBSITE_BY_ACCOUNT_ICP_NUMBER),
		    "website_number", db_row_str(row, COL_WEBSITE_BY_ACCOUNT_ICP_NUMBER));
		if (w == NULL)
			return APP_EINTERNAL;
		json_array_append_new(json_object_get(s, "websites"), w);
		break;
	}
	return APP_OK;
}

static enum app_err
subjects_get(struct req *r, struct resp *w)
{
	struct db_arg	 a[1] = { DB_I(r->user.id) };
	json_t		*arr = json_array();
	enum app_err	 er;

	json_t		*orders = json_array();

	/* Every order of the account, finished ones too, with its stage. */
	if ((er = db_query(r->db, STMT_SUBJECT_LIST, a, 1, subject_row,
	    arr)) != APP_OK ||
	    (er = db_query(r->db, STMT_WEBSITE_BY_ACCOUNT, a, 1, website_row,
	    arr)) != APP_OK ||
	    (er = db_query(r->db, STMT_ORDER_LIST, a, 1, list_row, orders)) !=
	    APP_OK) {
		json_decref(arr);
		json_decref(orders);
		return er;
	}
	resp_json(w, 200, json_pack("{s:o, s:o}", "subjects", arr,
	    "orders", orders));
	return APP_OK;
}

/* --- POST /api/subjects/{id}/orders --- */

/* The subject as the applicant confirms it: identifiers masked. */
static enum app_err
snapshot_row(const struct db_row *row, void *arg)
{
	json_t	**out = arg;
	char	  id[48], mobile[24], cert[48];

	mask_middle(db_row_str(row, COL_SUBJECT_GET_LEADER_ID_NUMBER), 3, 4, id, sizeof(id));
	mask_middle(db_row_str(row, COL_SUBJECT_GET_LEADER_MOBILE), 3, 4, mobile, sizeof(mobile));
	/* A person's certificate is an ID card: mask it like one. */
	if (db_row_int(row, COL_SUBJECT_GET_PERSONAL) != 0)
		mask_middle(db_row_str(row, COL_SUBJECT_GET_CERT_NUMBER), 3, 4, cert, sizeof(cert));
	else
		snprintf(cert, sizeof(cert), "%s", db_row_str(row, COL_SUBJECT_GET_CERT_NUMBER));
	*out = json_pack("{s:I, s:s, s:s, s:b, s:s, s:s, s:s, s:s, s:I, "
	    "s:s, s:s, s:{s:s, s:I, s:s, s:s, s:s, s:s}, s:s?, s:s}",
	    "id", (json_int_t)db_row_int(row, COL_SUBJECT_GET_ID),
	    "nature", db_row_str(row, COL_SUBJECT_GET_NATURE),
	    "nature_name", db_row_str(row, COL_SUBJECT_GET_NATURE_NAME),
	    "personal", db_row_int(row, COL_SUBJECT_GET_PERSONAL) != 0,
	    "name", db_row_str(row, COL_SUBJECT_GET_SUBJECT_NAME),
	    "province", db_row_str(row, COL_SUBJECT_GET_PROVINCE),
	    "province_name", db_row_str(row, COL_SUBJECT_GET_PROVINCE_NAME),
	    "province_abbr", db_row_str(row, COL_SUBJECT_GET_ABBR),
	    "cert_type", (json_int_t)db_row_int(row, COL_SUBJECT_GET_CERT_TYPE),
	    "cert_type_name", db_row_str(row, COL_SUBJECT_GET_CERT_TYPE_NAME),
	    "cert_number", cert,
	    "leader",
	    "name", db_row_str(row, COL_SUBJECT_GET_LEADER_NAME),
	    "id_type", (json_int_t)db_row_int(row, COL_SUBJECT_GET_LEADER_ID_TYPE),
	    "id_type_name", db_row_str(row, COL_SUBJECT_GET_LEADER_ID_TYPE_NAME),
	    "id_number", id,
	    "mobile", mobile,
	    "email", db_row_str(row, COL_SUBJECT_GET_LEADER_EMAIL),
	    "legal_rep_name", db_row_str(row, COL_SUBJECT_GET_LEGAL_REP_NAME),
	    "icp_number", db_row_str(row, COL_SUBJECT_GET_ICP_NUMBER));
	return *out != NULL ? APP_OK : APP_EINTERNAL;
}

static enum app_err
open_row(const struct db_row *row, void *arg)
{
	json_t	**out = arg;

	*out = json_pack("{s:I, s:s, s:s}", "id",
	    (json_int_t)db_row_int(row, COL_ORDER_OPEN_FOR_SUBJECT_ID), "kind", db_row_str(row, COL_ORDER_OPEN_FOR_SUBJECT_KIND),
	    "state", db_row_str(row, COL_ORDER_OPEN_FOR_SUBJECT_STATE));
	return APP_OK;
}

/* 409 naming the order that holds the subject, or APP_OK if none. */
static enum app_err
refuse_if_open(struct req *r, struct resp *w, int64_t sid)
{
	struct db_arg	 a[1] = { DB_I(sid) };
	json_t		*open = NULL;
	const char	*kind;
	bool		 change;
	enum app_err	 er;

	if ((er = db_query(r->db, STMT_ORDER_OPEN_FOR_SUBJECT, a, 1, open_row,
	    &open)) != APP_OK)
		return er;
	if (open == NULL)
		return APP_OK;
	kind = json_string_value(json_object_get(open, "kind"));
	change = kind != NULL && strcmp(kind, "change_subject") == 0;
	w->extra = json_pack("{s:O}", "order_id",
	    json_object_get(open, "id"));
	json_decref(open);
	if (change)
		return resp_fail(w, APP_ECONFLICT,
		    "subject_change_in_progress",
		    msg_for_code("subject_change_in_progress"));
	return resp_fail(w, APP_ECONFLICT, "order_in_progress",
	    msg_for_code("order_in_progress"));
}

static enum app_err
order_create(struct req *r, struct resp *w)
{
	int64_t		 sid = r->ids[0], oid = 0;
	const char	*kind = req_str(r, "kind");
	json_t		*snap = NULL, *o = NULL;
	char		*snaptext = NULL;
	struct db_arg	 a[7];
	enum app_err	 er;

	if (kind == NULL || *kind == '\0')
		kind = "add_website";
	a[0] = DB_I(sid);
	a[1] = DB_I(r->user.id);
	if ((er = db_query(r->db, STMT_SUBJECT_GET, a, 2, snapshot_row,
	    &snap)) != APP_OK)
		goto out;
	/* Whose subject first: another account hears 404, not our rules. */
	if (snap != NULL && strcmp(kind, "add_website") != 0) {
		er = resp_field(w, "kind",
		    "只能新建“增加网站”订单（kind 为 add_website）");
		goto out;
	}
	if (snap == NULL) {
		er = APP_ENOTFOUND;
		goto out;
	}
	if ((er = refuse_if_open(r, w, sid)) != APP_OK)
		goto out;
	snaptext = json_dumps(snap, JSON_COMPACT);

	if ((er = db_tx_begin(r->db)) != APP_OK)
		goto out;
	a[0] = DB_I(r->user.id);
	a[1] = DB_I(sid);
	a[2] = DB_S(kind);
	a[3] = DB_I(sid);
	a[4] = DB_S(snaptext);
	er = db_insert(r->db, STMT_ORDER_INSERT, a, 5, &oid);
	if (er == APP_OK) {
		a[0] = DB_I(oid);
		a[1] = DB_S("applicant");
		a[2] = DB_I(r->user.id);
		a[3] = DB_S("created");
		a[4] = DB_S(NULL);
		a[5] = DB_S("draft");
		a[6] = DB_S("新增网站订单已创建");
		er = db_exec(r->db, STMT_EVENT_INSERT, a, 7, NULL);
	}
	if (er == APP_OK)
		er = db_tx_commit(r->db);
	if (er != APP_OK) {
		db_tx_rollback(r->db);
		/* Lost the race for the subject's one open slot. */
		if (er == APP_ECONFLICT) {
			er = refuse_if_open(r, w, sid);
			if (er == APP_OK)
				er = APP_ECONFLICT;
		}
		goto out;
	}
	if ((er = db_order_json(r->db, oid, r->user.id, &o)) != APP_OK)
		goto out;
	applog(LOG_INFO, "order %lld created for subject %lld",
	    (long long)oid, (long long)sid);
	resp_json(w, 201, o);
out:
	free(snaptext);
	json_decref(snap);
	return er;
}

/* --- GET /api/orders, /api/orders/{id} --- */

static enum app_err
list_row(const struct db_row *row, void *arg)
{
	json_t			*arr = arg, *o;
	enum order_state	 st = order_state_parse(db_row_str(row, COL_ORDER_LIST_STATE));

	o = json_pack("{s:I, s:s, s:s, s:s, s:{s:I, s:s}, s:s, s:s}",
	    "id", (json_int_t)db_row_int(row, COL_ORDER_LIST_ID),
	    "kind", db_row_str(row, COL_ORDER_LIST_KIND),
	    "state", order_state_name(st),
	    "state_label", order_state_label(st),
	    "subject", "id", (json_int_t)db_row_int(row, COL_ORDER_LIST_SUBJECT_ID),
	    "name", db_row_str(row, COL_ORDER_LIST_SUBJECT_NAME),
	    "created_at", db_row_str(row, COL_ORDER_LIST_CREATED),
	    "updated_at", db_row_str(row, COL_ORDER_LIST_UPDATED));
	if (o == NULL)
		return APP_EINTERNAL;
	json_object_set_new(o, "domains", json_string(db_row_str(row,
	    COL_ORDER_LIST_DOMAINS) != NULL ? db_row_str(row,
	    COL_ORDER_LIST_DOMAINS) : ""));
	json_array_append_new(arr, o);
	return APP_OK;
}

static enum app_err
orders_get(struct req *r, struct resp *w)
{
	struct db_arg	 a[1] = { DB_I(r->user.id) };
	json_t		*arr = json_array();
	enum app_err	 er;

	if ((er = db_query(r->db, STMT_ORDER_LIST, a, 1, list_row, arr)) !=
	    APP_OK) {
		json_decref(arr);
		return er;
	}
	resp_json(w, 200, json_pack("{s:o}", "orders", arr));
	return APP_OK;
}

static enum app_err
order_get(struct req *r, struct resp *w)
{
	json_t		*o;
	enum app_err	 er;

	if ((er = db_order_json(r->db, r->ids[0], r->user.id, &o)) != APP_OK)
		return er;
	resp_json(w, 200, o);
	return APP_OK;
}

/* --- transitions --- */

/*
 * Lock the order, apply ev, run extra (may be NULL) in the same
 * transaction, commit, answer with the order.
 */
static enum app_err
transition(struct req *r, struct resp *w, enum order_ev ev,
    enum app_err (*extra)(struct req *, int64_t), const char *note,
    const char *code)
{
	struct order_lock	 l;
	json_t			*o;
	enum app_err		 er;

	if ((er = db_tx_begin(r->db)) != APP_OK)
		return er;
	if ((er = db_order_lock(r->db, r->ids[0], r->user.id, &l)) != APP_OK)
		goto fail;
	er = db_order_apply(r->db, &l, ev, "applicant", r->user.id, note);
	if (er == APP_ECONFLICT) {
		w->extra = json_pack("{s:s}", "state",
		    order_state_name(l.state));
		er = resp_fail(w, APP_ECONFLICT, code, msg_for_code(code));
		goto fail;
	}
	if (er != APP_OK)
		goto fail;
	if (extra != NULL && (er = extra(r, l.id)) != APP_OK)
		goto fail;
	if ((er = db_tx_commit(r->db)) != APP_OK)
		goto fail;
	if ((er = db_order_json(r->db, r->ids[0], r->user.id, &o)) != APP_OK)
		return er;
	resp_json(w, 200, o);
	return APP_OK;
fail:
	db_tx_rollback(r->db);
	return er;
}

static enum app_err
order_confirm(struct req *r, struct resp *w)
{
	return transition(r, w, OE_CONFIRM_SUBJECT, NULL, "主体信息已确认",
	    "order_not_editable");
}

static enum app_err
release_numbers(struct req *r, int64_t oid)
{
	struct db_arg	 a[1] = { DB_I(oid) };

	return db_exec(r->db, STMT_SIN_RELEASE_ORDER, a, 1, NULL);
}

static enum app_err
order_abandon(struct req *r, struct resp *w)
{
	const char	*why = req_str(r, "reason");
	char		 note[300];
	enum app_err	 er;

	if ((er = db_order_owned(r->db, r->ids[0], r->user.id)) != APP_OK)
		return er;
	if (why != NULL && strlen(why) > 200)
		return resp_field(w, "reason", "放弃原因最多 200 个字节");
	snprintf(note, sizeof(note), "申请人放弃订单%s%s",
	    why != NULL && *why != '\0' ? "：" : "", why != NULL ? why : "");
	return transition(r, w, OE_ABANDON, release_numbers, note,
	    "order_not_abandonable");
}

int
main(int argc, char *argv[])
{
	static const struct app app = {
		"subject", routes, ROUTE__MAX, NULL, 0, NULL
	};

	return app_main(argc, argv, &app);
}
