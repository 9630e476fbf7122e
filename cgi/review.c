/*
 * review: the provider's reviewers (role reviewer or admin).
 *
 *   GET  /api/review/queue?stage=initial     {stage, orders}: oldest
 *                                            submission first, with age
 *                                            and due time
 *   GET  /api/review/reasons                 {reasons}: domain.md §16
 *   GET  /api/review/orders/{id}             the order with every field
 *                                            unmasked, every upload, and
 *                                            what the pre-submit checks
 *                                            find today
 *   POST /api/review/orders/{id}/decision    {"decision":"approve"} or
 *        {"decision":"reject","reasons":[{"code":"R5","target":
 *        {"upload":UID} | {"field":"websites.WID.name"},"note":"…"}]}
 *   POST /api/review/orders/{id}/bureau-submission
 *                                            awaiting_bureau -> at_bureau:
 *                                            the payload to the bureau
 *
 * The queue's stage=bureau lists the orders to submit (due a business
 * day after the photo review) and, in at_bureau, the orders the bureau
 * has, with their age in business days against the province's maximum.
 * An order back from a failed SMS check (R14) is submitted again, or
 * rejected to its applicant like an initial review (decision reject).
 *
 * A rejection names items; only those become editable for the applicant
 * (db-review.h).  A draft is not the provider's to read: 404 until it is
 * submitted, and its images likewise (STMT_UPLOAD_IMAGE).  Every decision
 * is an order_event by the reviewer.  An applicant gets 403 on every
 * route, an unknown order 404.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/app.h"
#include "lib/bizday.h"
#include "lib/bureau-json.h"
#include "lib/db-bureau.h"
#include "lib/db-notify.h"
#include "lib/db-filing.h"
#include "lib/db-order.h"
#include "lib/db-review.h"
#include "lib/db-upload.h"
#include "lib/db-verify.h"
#include "lib/log.h"
#include "lib/messages.h"
#include "lib/order-rules.h"
#include "lib/upload-store.h"
#include "lib/util.h"
#include "views.h"

#define MAX_REASONS	50
#define NOTE_MAX	500

static enum app_err	queue_get(struct req *, struct resp *);
static enum app_err	reasons_get(struct req *, struct resp *);
static enum app_err	order_get(struct req *, struct resp *);
static enum app_err	decision_post(struct req *, struct resp *);
static enum app_err	submission_post(struct req *, struct resp *);

enum	route_id {
	ROUTE_QUEUE,
	ROUTE_REASONS,
	ROUTE_ORDER,
	ROUTE_DECISION,
	ROUTE_SUBMISSION,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	/* ROUTE_QUEUE */
	{ "/api/review/queue", M_GET, AUTH_REVIEWER, queue_get,
	  review_queue_view },
	/* ROUTE_REASONS */
	{ "/api/review/reasons", M_GET, AUTH_REVIEWER, reasons_get, NULL },
	/* ROUTE_ORDER */
	{ "/api/review/orders/{id}", M_GET, AUTH_REVIEWER, order_get,
	  review_order_view },
	/* ROUTE_DECISION */
	{ "/api/review/orders/{id}/decision", M_POST, AUTH_REVIEWER,
	  decision_post, NULL },
	/* ROUTE_SUBMISSION */
	{ "/api/review/orders/{id}/bureau-submission", M_POST, AUTH_REVIEWER,
	  submission_post, NULL },
};

/* The stages a reviewer works on, and the order state each waits in. */
static const struct {
	const char		*stage;
	enum order_state	 state;
} stages[] = {
	{ "initial", OS_INITIAL_REVIEW },
	{ "verification", OS_VERIFICATION_REVIEW },
	{ "bureau", OS_AWAITING_BUREAU },
};

static enum app_err
queue_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:I, s:s?, "
	    "s:s?, s:I, s:I, s:b}",
	    "id", (json_int_t)db_row_int(row, COL_REVIEW_QUEUE_ID),
	    "subject_name", db_row_str(row, COL_REVIEW_QUEUE_SUBJECT_NAME),
	    "province", db_row_str(row, COL_REVIEW_QUEUE_PROVINCE),
	    "websites", (json_int_t)db_row_int(row, COL_REVIEW_QUEUE_WEBSITES),
	    "submitted_at", db_row_str(row, COL_REVIEW_QUEUE_SUBMITTED),
	    "due_at", db_row_str(row, COL_REVIEW_QUEUE_DUE),
	    "waiting_seconds", (json_int_t)db_row_int(row, COL_REVIEW_QUEUE_WAITING),
	    "round", (json_int_t)db_row_int(row, COL_REVIEW_QUEUE_REVIEW_ROUND),
	    "overdue", db_row_int(row, COL_REVIEW_QUEUE_OVERDUE) != 0));
	return APP_OK;
}

/*
 * The orders the bureau has: how many business days each has been there
 * against its province's maximum (domain.md T7: 20, Zhejiang 30).
 */
static enum app_err
at_bureau_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:b, s:s, s:s, "
	    "s:I, s:s, s:s?, s:I}",
	    "id", (json_int_t)db_row_int(row, COL_REVIEW_AT_BUREAU_ID),
	    "subject_name", db_row_str(row, COL_REVIEW_AT_BUREAU_SUBJECT_NAME),
	    "province", db_row_str(row, COL_REVIEW_AT_BUREAU_PROVINCE),
	    "personal", db_row_int(row, COL_REVIEW_AT_BUREAU_PERSONAL) != 0,
	    "state", db_row_str(row, COL_REVIEW_AT_BUREAU_STATE),
	    "submitted_at", db_row_str(row, COL_REVIEW_AT_BUREAU_SUBMITTED),
	    "submitted_unix", (json_int_t)db_row_int(row,
	    COL_REVIEW_AT_BUREAU_SUBMITTED_UNIX),
	    "delivery", db_row_str(row, COL_REVIEW_AT_BUREAU_DELIVERY),
	    "last_error", db_row_str(row, COL_REVIEW_AT_BUREAU_LAST_ERROR),
	    "round", (json_int_t)db_row_int(row, COL_REVIEW_AT_BUREAU_ROUND)));
	return APP_OK;
}

static enum app_err
at_bureau(struct req *r, json_t *body)
{
	struct bizday_cal	 cal;
	struct rules		 rs;
	json_t			*arr = json_array(), *o;
	int64_t			 today = bizday_china_date(r->now), days, max;
	size_t			 i;
	enum app_err		 er;

	json_object_set_new(body, "at_bureau", arr);
	if ((er = db_query(r->db, STMT_REVIEW_AT_BUREAU, NULL, 0,
	    at_bureau_row, arr)) != APP_OK)
		return er;
	/* The oldest an order there can be: a year and a bit. */
	if ((er = bizday_load(r->db, bizday_china_date(r->now - 400 * 86400),
	    today, &cal)) != APP_OK)
		return er;
	json_array_foreach(arr, i, o) {
		if ((er = rules_load(r->db, r->now, json_string_value(
		    json_object_get(o, "province")),
		    json_is_true(json_object_get(o, "personal")), &rs)) !=
		    APP_OK) {
			rules_free(&rs);
			return er;
		}
		max = rule_value(&rs, RK_BUREAU_REVIEW_BUSINESS_DAYS);
		rules_free(&rs);
		days = bizday_between(&cal, bizday_china_date(
		    json_integer_value(json_object_get(o, "submitted_unix"))),
		    today);
		json_object_set_new(o, "business_days", json_integer(days));
		json_object_set_new(o, "max_business_days", json_integer(max));
		json_object_set_new(o, "overdue", json_boolean(days > max));
		json_object_del(o, "submitted_unix");
		json_object_del(o, "personal");
	}
	return APP_OK;
}

static enum app_err
queue_get(struct req *r, struct resp *w)
{
	const char	*stage = kv_get(&r->query, "stage");
	struct db_arg	 a[1];
	json_t		*orders;
	size_t		 i;
	enum app_err	 er;

	if (stage == NULL)
		stage = "initial";
	for (i = 0; i < sizeof(stages) / sizeof(stages[0]); i++)
		if (strcmp(stages[i].stage, stage) == 0)
			break;
	if (i == sizeof(stages) / sizeof(stages[0]))
		return resp_field(w, "stage",
		    "审核阶段只能是 initial、verification 或 bureau");
	a[0] = DB_S(order_state_name(stages[i].state));
	orders = json_array();
	er = stages[i].state == OS_AWAITING_BUREAU ?
	    db_query(r->db, STMT_REVIEW_QUEUE_BUREAU, NULL, 0, queue_row,
	    orders) :
	    db_query(r->db, STMT_REVIEW_QUEUE, a, 1, queue_row, orders);
	if (er != APP_OK) {
		json_decref(orders);
		return er;
	}
	resp_json(w, 200, json_pack("{s:s, s:o}", "stage", stages[i].stage,
	    "orders", orders));
	if (stages[i].state == OS_AWAITING_BUREAU)
		return at_bureau(r, w->body);
	return APP_OK;
}

static enum app_err
reason_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_pack("{s:s, s:s, s:s, s:s}",
	    "code", db_row_str(row, COL_REJECTION_REASONS_CODE),
	    "title", db_row_str(row, COL_REJECTION_REASONS_TITLE),
	    "fix", db_row_str(row, COL_REJECTION_REASONS_FIX),
	    "stage", db_row_str(row, COL_REJECTION_REASONS_STAGE)));
	return APP_OK;
}

static enum app_err
reasons_get(struct req *r, struct resp *w)
{
	json_t		*reasons = json_array();
	enum app_err	 er;

	if ((er = db_query(r->db, STMT_REJECTION_REASONS, NULL, 0, reason_row,
	    reasons)) != APP_OK) {
		json_decref(reasons);
		return er;
	}
	resp_json(w, 200, json_pack("{s:o}", "reasons", reasons));
	return APP_OK;
}

static enum app_err
account_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_ORDER_REVIEW_INFO_ACCOUNT_ID);
	return APP_OK;
}

/*
 * The order's photo verification as the photo review reads it: the
 * method, when it was handed over and is due, and what the province
 * wants seen (甘肃's slogan); null before the initial approval.
 */
static enum app_err
verification_json(struct req *r, int64_t account, json_t **out)
{
	struct verification	 v;
	struct filing		 f;
	json_t			*hints;
	enum app_err		 er;

	*out = json_null();
	memset(&f, 0, sizeof(f));
	if ((er = db_verification_get(r->db, r->ids[0], &v)) != APP_OK ||
	    !v.found)
		goto out;
	if ((er = filing_load(r->db, r->ids[0], account, r->now, 0, &f)) !=
	    APP_OK)
		goto out;
	hints = json_array();
	if (v.method == VM_CURTAIN &&
	    rule_value(&f.rules, RK_CURTAIN_SLOGAN_REQUIRED) != 0)
		json_array_append_new(hints, json_string(rule_message(&f.rules,
		    RK_CURTAIN_SLOGAN_REQUIRED)));
	*out = json_pack("{s:s, s:s?, s:s?, s:b, s:o}",
	    "method", verify_method_name(v.method),
	    "submitted_at", v.submitted_at, "due_at", v.due_at,
	    "app_code_checked", v.shanghai_code != NULL, "hints", hints);
out:
	filing_free(&f);
	verification_free(&v);
	return er;
}

/* The bureau stage as the reviewer follows it: {submission, sms}. */
static enum app_err
bureau_json(struct req *r, json_t **out)
{
	struct bureau_state	 st;
	enum app_err		 er;

	*out = NULL;
	if ((er = db_bureau_state(r->db, r->ids[0], r->now, &st)) == APP_OK &&
	    (*out = json_pack("{s:o, s:o}", "submission",
	    bureau_sub_json(&st.b), "sms", sms_json(&st.s, &st.f.rules,
	    st.b.round, r->now))) == NULL)
		er = APP_EINTERNAL;
	bureau_state_free(&st);
	return er;
}

static enum app_err
order_get(struct req *r, struct resp *w)
{
	json_t		*o = NULL, *fields = NULL, *uploads, *reasons;
	json_t		*findings = NULL, *changed = NULL, *verification;
	struct db_arg	 a[1] = { DB_I(r->ids[0]) };
	int64_t		 account = 0;
	enum app_err	 er;

	if ((er = db_order_json_review(r->db, r->ids[0], &o)) != APP_OK)
		return er;
	/* A draft is the applicant's own until it is submitted. */
	if (strcmp(json_string_value(json_object_get(o, "state")), "draft") ==
	    0) {
		json_decref(o);
		return APP_ENOTFOUND;
	}
	uploads = json_array();
	reasons = json_array();
	json_object_set_new(o, "uploads", uploads);
	json_object_set_new(o, "reasons", reasons);
	if ((er = db_upload_list(r->db, r->ids[0], uploads)) != APP_OK ||
	    (er = db_query(r->db, STMT_REJECTION_REASONS, NULL, 0, reason_row,
	    reasons)) != APP_OK ||
	    (er = db_website_fields(r->db, r->ids[0], &fields)) != APP_OK) {
		json_decref(o);
		return er;
	}
	/* The reviewer compares the ID numbers with the images: unmasked. */
	json_object_set_new(o, "fields", fields);
	/*
	 * What the pre-submit checks say today: the warnings the applicant
	 * submitted with (a domain no registrar data vouches for) are the
	 * reviewer's to verify by hand.
	 */
	if ((er = db_query(r->db, STMT_ORDER_REVIEW_INFO, a, 1, account_row,
	    &account)) != APP_OK ||
	    (er = checks_run(r->db, r->ids[0], account, r->now, o, &findings,
	    NULL)) != APP_OK) {
		json_decref(o);
		return checks_refuse(w, r->ids[0], er);
	}
	json_object_set_new(o, "findings", findings);
	if ((er = verification_json(r, account, &verification)) != APP_OK) {
		json_decref(o);
		return er;
	}
	json_object_set_new(o, "verification", verification);
	if ((er = bureau_json(r, &verification)) != APP_OK) {
		json_decref(o);
		return er;
	}
	json_object_set_new(o, "bureau", verification);
	/* A second round: what the last rejection asked to change. */
	if ((er = db_review_last_round(r->db, r->ids[0], &changed)) !=
	    APP_OK) {
		json_decref(o);
		return er;
	}
	json_object_set_new(json_object_get(o, "review"), "changed", changed);
	resp_json(w, 200, o);
	return APP_OK;
}

/* --- decisions --- */

struct	item {
	const char	*code;
	const char	*field;		/* "websites.12.name" or NULL */
	int64_t		 upload;
	int64_t		 wid;
	char		 kind[40];
	char		 sha[65];	/* an upload's, when it was rejected */
	const char	*was;		/* a field's value, or sha */
	const char	*note;
};

static enum app_err
slot_row(const struct db_row *row, void *arg)
{
	struct item	*it = arg;

	it->wid = db_row_int(row, COL_UPLOAD_SLOT_WEBSITE_ID);
	snprintf(it->kind, sizeof(it->kind), "%s", db_row_str(row, COL_UPLOAD_SLOT_KIND));
	snprintf(it->sha, sizeof(it->sha), "%s", db_row_str(row, COL_UPLOAD_SLOT_BLOB_SHA));
	it->was = it->sha;
	return APP_OK;
}

/*
 * What a rejection may name in the review at hand: the reasons of its
 * stage, the websites' fields in the initial review, the verification
 * photos (and, for the Shanghai app, the app's check) in the photo
 * review.
 */
struct	judge {
	const char	*stage;		/* "initial", "verification" */
	json_t		*codes;		/* the stage's reason codes */
	json_t		*fields;	/* db_website_fields: initial only */
	bool		 app;		/* the Shanghai app's check */
};

static enum app_err
code_row(const struct db_row *row, void *arg)
{
	struct judge	*j = arg;

	/* code -> title: what the applicant's message calls it. */
	if (strcmp(db_row_str(row, COL_REJECTION_REASONS_STAGE), j->stage) ==
	    0)
		json_object_set_new(j->codes, db_row_str(row,
		    COL_REJECTION_REASONS_CODE), json_string(db_row_str(row,
		    COL_REJECTION_REASONS_TITLE)));
	return APP_OK;
}

/*
 * One reason of a rejection, checked against the order: a known code of
 * the stage, a field of one of its websites or one of its uploads, a
 * short note.
 */
static bool
item_read(struct req *r, struct resp *w, const struct judge *j,
    const char *code, const char *field, int64_t upload, const char *note,
    size_t idx, struct item *it)
{
	struct db_arg	 a[2];
	const json_t	*site, *v;
	const char	*dot, *why;
	char		 key[48], wkey[24];
	size_t		 n;

	memset(it, 0, sizeof(*it));
	snprintf(key, sizeof(key), "reasons.%zu", idx);
	if (code == NULL || json_object_get(j->codes, code) == NULL) {
		resp_field(w, key, strcmp(j->stage, "verification") == 0 ?
		    "请选择核验照片的驳回原因（R10 及其细分）" :
		    "请选择驳回原因（R1–R14，R10 用于核验照片）");
		return false;
	}
	if (note == NULL)
		note = "";
	if (strlen(note) > NOTE_MAX || !utf8_valid(note, strlen(note))) {
		resp_field(w, key, "说明最多 500 个字节（约 160 个汉字）");
		return false;
	}
	it->code = code;
	it->note = note;
	/* The Shanghai app's check, redone in the app: no field, no file. */
	if (j->app && field != NULL && upload == 0 &&
	    strcmp(field, "verification") == 0) {
		it->field = field;
		it->was = "";
		return true;
	}
	if (field != NULL && upload == 0 && j->fields != NULL) {
		/* "websites.<wid>.<field of the contract>" */
		dot = strncmp(field, "websites.", 9) == 0 ?
		    strchr(field + 9, '.') : NULL;
		n = dot != NULL ? (size_t)(dot - field - 9) : 0;
		if (n == 0 || n >= sizeof(wkey)) {
			resp_field(w, key, "驳回的字段应为 websites.<网站>.<字段>");
			return false;
		}
		memcpy(wkey, field + 9, n);
		wkey[n] = '\0';
		site = json_object_get(j->fields, wkey);
		if ((why = site == NULL ? "本订单没有这个网站或字段" :
		    review_field_refused(dot + 1, strcmp(json_string_value(
		    json_object_get(site, "owner.same_as_leader")), "0") !=
		    0)) != NULL) {
			resp_field(w, key, why);
			return false;
		}
		v = json_object_get(site, dot + 1);
		it->field = field;
		it->wid = strtoll(wkey, NULL, 10);
		/* Borrowed from fields, which outlives the items. */
		it->was = json_string_value(v);
		return true;
	}
	if (upload > 0 && field == NULL) {
		a[0] = DB_I(upload);
		a[1] = DB_I(r->ids[0]);
		it->kind[0] = '\0';
		if (db_query(r->db, STMT_UPLOAD_SLOT, a, 2, slot_row, it) !=
		    APP_OK || it->kind[0] == '\0') {
			resp_field(w, key, "本订单没有这份材料");
			return false;
		}
		/* The photo review judges the photos, the initial the rest. */
		if ((strcmp(it->kind, "curtain_photo") == 0) !=
		    (strcmp(j->stage, "verification") == 0)) {
			resp_field(w, key, strcmp(j->stage, "verification") ==
			    0 ? "拍照核验阶段只能驳回核验照片" :
			    "核验照片在拍照核验阶段审核");
			return false;
		}
		it->upload = upload;
		return true;
	}
	resp_field(w, key, strcmp(j->stage, "verification") == 0 ?
	    "请指明驳回的是哪一张核验照片" :
	    "请指明驳回的是哪一项：一个字段或一份材料");
	return false;
}

/* reasons from JSON, or from a form: code, target ("upload:34" or
 * "field:websites.12.name") and note, repeated in order. */
static size_t
items_read(struct req *r, struct resp *w, const struct judge *j,
    struct item *items, size_t max, bool *ok)
{
	const json_t	*arr, *e, *t;
	const char	*target;
	size_t		 i, n = 0, k;
	int64_t		 up;

	*ok = true;
	if (r->body_kind == BODY_JSON) {
		arr = json_object_get(r->json, "reasons");
		json_array_foreach(arr, i, e) {
			if (n == max) {
				*ok = false;
				resp_field(w, "reasons", "一次最多驳回 50 项");
				break;
			}
			t = json_object_get(e, "target");
			up = json_is_integer(json_object_get(t, "upload")) ?
			    json_integer_value(json_object_get(t, "upload")) : 0;
			if (!item_read(r, w, j,
			    json_string_value(json_object_get(e, "code")),
			    json_string_value(json_object_get(t, "field")),
			    up < 0 ? 0 : up,
			    json_string_value(json_object_get(e, "note")), i,
			    &items[n])) {
				*ok = false;
				break;
			}
			n++;
		}
		return n;
	}
	/* A form: the k-th code goes with the k-th target and note. */
	for (i = 0, k = 0; i < r->form.n; i++) {
		if (strcmp(r->form.v[i].key, "code") != 0)
			continue;
		if (*r->form.v[i].val == '\0') {
			k++;
			continue;	/* an unused row of the form */
		}
		if (n == max) {
			*ok = false;
			resp_field(w, "reasons", "一次最多驳回 50 项");
			break;
		}
		target = kv_nth(&r->form, "target", k);
		up = 0;
		if (target != NULL && strncmp(target, "upload:", 7) == 0 &&
		    !str_to_i64(target + 7, 1, INT64_MAX, &up))
			up = 0;
		if (!item_read(r, w, j, r->form.v[i].val,
		    target != NULL && strncmp(target, "field:", 6) == 0 ?
		    target + 6 : NULL, up, kv_nth(&r->form, "note", k), k,
		    &items[n])) {
			*ok = false;
			break;
		}
		n++;
		k++;
	}
	return n;
}

/*
 * At the initial approval the order's verification starts: its method is
 * the one the province's rules ask for now, and stays that.
 */
static enum app_err
verification_start(struct req *r, int64_t account)
{
	struct filing	 f;
	enum app_err	 er;

	if ((er = filing_load(r->db, r->ids[0], account, r->now, 0, &f)) ==
	    APP_OK)
		er = db_verification_start(r->db, r->ids[0],
		    verify_method_of(&f.rules));
	filing_free(&f);
	return er;
}

/*
 * In the decision's transaction: the applicant hears of it, a rejection
 * with each item's reason and the reviewer's words.
 */
static enum app_err
decision_notify(struct req *r, const struct judge *j, const struct item *it,
    size_t n, bool photo, bool approve)
{
	struct kvlist	 p;
	struct buf	 lines = BUF_INIT;
	size_t		 i;
	enum app_err	 er;

	memset(&p, 0, sizeof(p));
	for (i = 0; i < n; i++) {
		buf_printf(&lines, "%s%zu. %s", i > 0 ? "\n" : "", i + 1,
		    json_string_value(json_object_get(j->codes, it[i].code)));
		if (it[i].note != NULL && *it[i].note != '\0')
			buf_printf(&lines, "：%s", it[i].note);
	}
	np_set(&p, "count", "%zu", n);
	np_set(&p, "items", "%s", lines.p != NULL ? lines.p : "");
	er = db_notify(r->db, r->conf, r->ids[0], photo ? (approve ?
	    "verification_approved" : "verification_rejected") : (approve ?
	    "initial_approved" : "initial_rejected"), &p, r->now);
	buf_free(&lines);
	kv_free(&p);
	return er;
}

static enum app_err
decision_post(struct req *r, struct resp *w)
{
	struct order_lock	 l;
	struct item		 items[MAX_REASONS];
	struct judge		 j;
	struct verification	 v;
	struct db_arg		 a[9];
	json_t			*o = NULL;
	const char		*d;
	char			 note[600];
	int64_t			 account = 0;
	size_t			 n = 0, i;
	bool			 ok, approve, photo, back;
	enum app_err		 er;

	memset(&j, 0, sizeof(j));
	memset(&v, 0, sizeof(v));
	j.codes = json_object();
	d = r->body_kind == BODY_JSON ?
	    json_string_value(json_object_get(r->json, "decision")) :
	    kv_get(&r->form, "decision");
	if (d == NULL || (strcmp(d, "approve") && strcmp(d, "reject"))) {
		er = resp_field(w, "decision", "请选择“通过”或“驳回”");
		goto out;
	}
	approve = strcmp(d, "approve") == 0;
	if ((er = db_tx_begin(r->db)) != APP_OK)
		goto out;
	if ((er = db_order_lock_review(r->db, r->ids[0], &l)) != APP_OK)
		goto out;
	/*
	 * The same route judges whichever review the order waits in; back
	 * from a failed SMS check it may only go to its applicant.
	 */
	back = l.state == OS_AWAITING_BUREAU;
	if ((l.state != OS_INITIAL_REVIEW && l.state != OS_VERIFICATION_REVIEW &&
	    !back) || (back && approve)) {
		er = resp_fail(w, APP_ECONFLICT, "order_not_in_review",
		    msg_for_code("order_not_in_review"));
		goto out;
	}
	photo = l.state == OS_VERIFICATION_REVIEW;
	j.stage = photo ? "verification" : "initial";
	if (photo) {
		if ((er = db_verification_get(r->db, r->ids[0], &v)) != APP_OK)
			goto out;
		j.app = v.found && v.method == VM_SHANGHAI;
	}
	if (!approve) {
		if ((er = db_query(r->db, STMT_REJECTION_REASONS, NULL, 0,
		    code_row, &j)) != APP_OK ||
		    (!photo && (er = db_website_fields(r->db, r->ids[0],
		    &j.fields)) != APP_OK))
			goto out;
		n = items_read(r, w, &j, items, MAX_REASONS, &ok);
		if (!ok) {
			er = APP_EINVAL;
			goto out;
		}
		if (n == 0) {
			er = resp_field(w, "reasons",
			    "驳回时请至少指明一项需要修改的内容和原因");
			goto out;
		}
		for (i = 0; i < n; i++) {
			a[0] = DB_S(items[i].code);
			a[1] = DB_S(items[i].field);
			a[2] = DB_IN(items[i].upload, items[i].upload == 0);
			a[3] = DB_I(items[i].wid);
			a[4] = DB_S(items[i].upload != 0 ? items[i].kind : NULL);
			a[5] = DB_S(items[i].was);
			a[6] = DB_S(items[i].note);
			a[7] = DB_I(r->user.id);
			a[8] = DB_I(r->ids[0]);
			if ((er = db_exec(r->db, STMT_REVIEW_ITEM_INSERT, a, 9,
			    NULL)) != APP_OK)
				goto out;
		}
		snprintf(note, sizeof(note), "%s驳回 %zu 项",
		    photo ? "核验照片" : back ? "短信核验未通过后退回修改，" :
		    "初审", n);
	} else
		snprintf(note, sizeof(note), "%s", photo ? "核验照片审核通过" :
		    "初审通过");
	if (approve && !photo) {
		a[0] = DB_I(r->ids[0]);
		if ((er = db_query(r->db, STMT_ORDER_REVIEW_INFO, a, 1,
		    account_row, &account)) != APP_OK ||
		    (er = verification_start(r, account)) != APP_OK)
			goto out;
	}
	/* Verified: the provider's to submit to the bureau from now. */
	if (approve && photo &&
	    (er = db_bureau_ready(r->db, r->ids[0], r->now)) != APP_OK)
		goto out;
	if ((er = db_order_apply(r->db, &l, photo ? (approve ?
	    OE_VERIFICATION_APPROVE : OE_VERIFICATION_REJECT) : (approve ?
	    OE_INITIAL_APPROVE : OE_INITIAL_REJECT), "reviewer", r->user.id,
	    note)) != APP_OK ||
	    (er = decision_notify(r, &j, items, n, photo, approve)) != APP_OK ||
	    (er = db_tx_commit(r->db)) != APP_OK)
		goto out;
	applog(LOG_INFO, "order %lld: %s by reviewer %lld", (long long)r->ids[0],
	    note, (long long)r->user.id);
	if ((er = db_order_json_review(r->db, r->ids[0], &o)) != APP_OK)
		goto out;
	resp_json(w, 200, o);
out:
	db_tx_rollback(r->db);
	json_decref(j.codes);
	json_decref(j.fields);
	verification_free(&v);
	return er;
}

/*
 * The provider submits the order to the bureau: its payload is built and
 * kept (the http adapter's worker delivers it), the order is at_bureau.
 * A picture that cannot be made small enough for the bureau is named.
 */
static enum app_err
submission_post(struct req *r, struct resp *w)
{
	struct bureau_why	 why;
	json_t			*o = NULL;
	enum app_err		 er;

	if ((er = db_bureau_submit(r->db, r->conf, r->ids[0], r->user.id,
	    r->now, &why)) != APP_OK) {
		if (why.code == NULL)
			return er;
		if (why.upload > 0)
			w->extra = json_pack("{s:I, s:s}", "upload",
			    (json_int_t)why.upload, "detail", why.text);
		return resp_fail(w, er, why.code, msg_for_code(why.code));
	}
	applog(LOG_INFO, "order %lld: submitted to the bureau by reviewer %lld",
	    (long long)r->ids[0], (long long)r->user.id);
	if ((er = db_order_json_review(r->db, r->ids[0], &o)) != APP_OK)
		return er;
	resp_json(w, 200, o);
	return APP_OK;
}

static enum app_err
init(const struct conf *c)
{
	(void)c;
	/* The submission re-encodes the images to the bureau's sizes. */
	upload_img_init();
	return APP_OK;
}

int
main(int argc, char *argv[])
{
	/* A decision's rows: the k-th code with the k-th target and note. */
	static const char *const repeats[ROUTE__MAX] = {
		[ROUTE_DECISION] = "code target note",
	};
	static const struct app app = {
		"review", routes, ROUTE__MAX, init, 0, repeats
	};

	return app_main(argc, argv, &app);
}
