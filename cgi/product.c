/*
 * product: verify the hosting product with a filing service number
 * (备案服务号), seed step 4.
 *
 *   GET  /api/orders/{id}/product   the order's numbers, the account's own
 *                                   instances with their eligibility, the
 *                                   product types
 *   POST /api/orders/{id}/product {product_type, service_number}
 *   POST /api/orders/{id}/product {[product_type], instance_id}
 *        (an instance the account owns: a number is issued and reserved
 *        within the product's quota, domain.md §6 "same account"; the
 *        instance names its product, so product_type may be left out)
 *
 * Refusals, in the order they are checked: 404 not_found (order), 409
 * order_not_editable, 409 subject_not_confirmed, 409
 * service_number_limit, 422 invalid (empty or malformed number, product
 * type), 404 service_number_unknown (also another account's number that
 * was not granted: no leak), 422 product_type mismatch, 409
 * service_number_<status> (reserved, filing, filed, void, unbound), 422
 * instance_ineligible with reason payg, subscription_too_short,
 * no_public_ip, not_mainland, stopped or expired.  Thresholds and
 * messages are rows of rule_setting; formats are rows of sin_format.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/app.h"
#include "lib/rules.h"
#include "lib/db-order.h"
#include "lib/log.h"
#include "lib/messages.h"
#include "views.h"
#include "lib/sin.h"

static enum app_err	product_get(struct req *, struct resp *);
static enum app_err	product_post(struct req *, struct resp *);

enum	route_id {
	ROUTE_PRODUCT_GET,
	ROUTE_PRODUCT_POST,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	/* ROUTE_PRODUCT_GET */
	{ "/api/orders/{id}/product", M_GET, AUTH_USER, product_get, product_view },
	/* ROUTE_PRODUCT_POST */
	{ "/api/orders/{id}/product", M_POST, AUTH_USER, product_post, NULL },
};

/* --- instances --- */

struct	inst {
	int64_t	 id;
	int64_t	 owner;
	char	 product[24];
	bool	 mainland;
	char	 billing[16];
	int64_t	 months;
	bool	 expired;
	bool	 public_ip;
	char	 state[16];
	int64_t	 quota;
	int64_t	 issued;
};

/* Where an instance's facts are in a statement's row. */
struct	inst_cols {
	size_t	 id, owner, product, mainland, billing, months, expired;
	size_t	 public_ip, state;
};

#define INST_COLS(s)	COL_##s##_ACCOUNT_ID, COL_##s##_PRODUCT,	\
	COL_##s##_MAINLAND, COL_##s##_BILLING, COL_##s##_MONTHS,	\
	COL_##s##_EXPIRED, COL_##s##_HAS_PUBLIC_IP, COL_##s##_STATE

static const struct inst_cols	 cols_by_number = { COL_SIN_LOOKUP_INSTANCE_ID,
	INST_COLS(SIN_LOOKUP) };
static const struct inst_cols	 cols_by_lock = { COL_INSTANCE_FOR_UPDATE_ID,
	INST_COLS(INSTANCE_FOR_UPDATE) };
static const struct inst_cols	 cols_by_account = {
	COL_INSTANCES_BY_ACCOUNT_ID, INST_COLS(INSTANCES_BY_ACCOUNT) };

static void
inst_from_row(const struct db_row *row, const struct inst_cols *c,
    struct inst *in)
{
	in->id = db_row_int(row, c->id);
	in->owner = db_row_int(row, c->owner);
	snprintf(in->product, sizeof(in->product), "%s",
	    db_row_str(row, c->product) ? db_row_str(row, c->product) : "");
	in->mainland = db_row_int(row, c->mainland) != 0;
	snprintf(in->billing, sizeof(in->billing), "%s",
	    db_row_str(row, c->billing) ? db_row_str(row, c->billing) : "");
	in->months = db_row_int(row, c->months);
	in->expired = db_row_int(row, c->expired) != 0;
	in->public_ip = db_row_int(row, c->public_ip) != 0;
	snprintf(in->state, sizeof(in->state), "%s",
	    db_row_str(row, c->state) ? db_row_str(row, c->state) : "");
}

/* The eligibility rules in the order they are reported. */
static const struct {
	enum rule_key	 rule;
	const char	*reason;
} elig[] = {
	{ RK_INSTANCE_FORBID_PAYG, "payg" },
	{ RK_INSTANCE_MIN_SUBSCRIPTION_MONTHS, "subscription_too_short" },
	{ RK_INSTANCE_REQUIRE_PUBLIC_IP, "no_public_ip" },
	{ RK_INSTANCE_REQUIRE_MAINLAND, "not_mainland" },
	{ RK_INSTANCE_REQUIRE_RUNNING, "stopped" },
	{ RK_INSTANCE_FORBID_EXPIRED, "expired" },
};

/* A rule's own words, or a plain sentence when the row has none. */
static const char *
elig_message(const struct rules *rs, enum rule_key k)
{
	const char	*m = rule_message(rs, k);

	return *m != '\0' ? m : "该实例不满足备案条件。";
}

/*
 * The first eligibility rule the instance breaks: its reason code and
 * the rule's message; NULL when it may be used for filing.
 */
static const char *
inst_ineligible(const struct inst *in, const struct rules *rs,
    const char **msg)
{
	bool	 broken[nitems(elig)];
	size_t	 i;
	int64_t	 minm = rule_value(rs, elig[1].rule);

	broken[0] = strcmp(in->billing, "payg") == 0;
	broken[1] = !broken[0] && minm > 0 && in->months < minm;
	broken[2] = !in->public_ip;
	broken[3] = !in->mainland;
	broken[4] = strcmp(in->state, "running") != 0;
	broken[5] = in->expired;
	for (i = 0; i < nitems(elig); i++) {
		/* A rule set to 0 by the operator is off. */
		if (broken[i] && rule_value(rs, elig[i].rule) != 0) {
			*msg = elig_message(rs, elig[i].rule);
			return elig[i].reason;
		}
	}
	return NULL;
}

/* reason -> the rule's message, for pages that explain a refusal. */
static json_t *
reason_messages(const struct rules *rs)
{
	json_t	*o = json_object();
	size_t	 i;

	for (i = 0; i < nitems(elig); i++)
		json_object_set_new(o, elig[i].reason,
		    json_string(elig_message(rs, elig[i].rule)));
	return o;
}

/* What inst_row fills, and the rules it judges by. */
struct	inst_ctx {
	json_t			*instances;
	const struct rules	*rs;
};

static enum app_err
inst_row(const struct db_row *row, void *arg)
{
	struct inst_ctx	*ctx = arg;
	json_t		*arr = ctx->instances;
	struct inst	 in;
	const char	*reason, *msg = NULL;

	inst_from_row(row, &cols_by_account, &in);
	in.quota = db_row_int(row, COL_INSTANCES_BY_ACCOUNT_SIN_QUOTA);
	in.issued = db_row_int(row, COL_INSTANCES_BY_ACCOUNT_ISSUED);
	reason = inst_ineligible(&in, ctx->rs, &msg);
	json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s, "
	    "s:I, s:s, s:b, s:s?, s:s?, s:I, s:I, s:s?}",
	    "id", (json_int_t)in.id,
	    "product_type", in.product,
	    "product_name", db_row_str(row, COL_INSTANCES_BY_ACCOUNT_PRODUCT_NAME),
	    "region", db_row_str(row, COL_INSTANCES_BY_ACCOUNT_REGION),
	    "billing", in.billing,
	    "months", (json_int_t)in.months,
	    "expires_on", db_row_str(row, COL_INSTANCES_BY_ACCOUNT_EXPIRES_ON),
	    "eligible", reason == NULL,
	    "reason", reason,
	    "reason_message", reason != NULL ? msg : NULL,
	    "quota", (json_int_t)in.quota,
	    "remaining", (json_int_t)(in.quota > in.issued ?
	    in.quota - in.issued : 0),
	    "public_ip", db_row_str(row, COL_INSTANCES_BY_ACCOUNT_PUBLIC_IP)));
	return APP_OK;
}

static enum app_err
ptype_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_pack("{s:s, s:s, s:I}",
	    "slug", db_row_str(row, COL_PRODUCT_TYPES_SLUG), "name", db_row_str(row, COL_PRODUCT_TYPES_NAME),
	    "quota", (json_int_t)db_row_int(row, COL_PRODUCT_TYPES_SIN_QUOTA)));
	return APP_OK;
}

static enum app_err
format_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_pack("{s:s, s:s}", "pattern",
	    db_row_str(row, COL_SIN_FORMATS_PATTERN), "example", db_row_str(row, COL_SIN_FORMATS_EXAMPLE)));
	return APP_OK;
}

static enum app_err
product_get(struct req *r, struct resp *w)
{
	struct rules	 rs;
	struct inst_ctx	 ctx = { json_array(), &rs };
	struct db_arg	 a[1] = { DB_I(r->user.id) };
	json_t		*order = NULL, *types = json_array();
	json_t		*formats = json_array();
	enum app_err	 er;

	memset(&rs, 0, sizeof(rs));
	if ((er = db_order_json(r->db, r->ids[0], r->user.id, &order)) !=
	    APP_OK)
		goto out;
	if ((er = rules_load(r->db, r->now, NULL, false, &rs)) != APP_OK)
		goto out;
	if ((er = db_query(r->db, STMT_INSTANCES_BY_ACCOUNT, a, 1, inst_row,
	    &ctx)) != APP_OK)
		goto out;
	if ((er = db_query(r->db, STMT_PRODUCT_TYPES, NULL, 0, ptype_row,
	    types)) != APP_OK)
		goto out;
	if ((er = db_query(r->db, STMT_SIN_FORMATS, NULL, 0, format_row,
	    formats)) != APP_OK)
		goto out;
	resp_json(w, 200, json_pack("{s:O, s:O, s:O, s:O, s:b, s:o, s:O}",
	    "order", order,
	    "service_numbers", json_object_get(order, "service_numbers"),
	    "instances", ctx.instances,
	    "product_types", types,
	    "subject_confirmed", json_is_true(json_object_get(
	    json_object_get(order, "steps"), "subject")),
	    "reason_messages", reason_messages(&rs),
	    "formats", formats));
out:
	json_decref(formats);
	json_decref(types);
	json_decref(ctx.instances);
	rules_free(&rs);
	json_decref(order);
	return er;
}

/* --- POST --- */

struct	sin_found {
	bool		 found;
	int64_t		 id;
	char		 status[16];
	int64_t		 order_id;	/* 0: none */
	int64_t		 granted;	/* 0: none */
	bool		 has_instance;
	struct inst	 in;
};

static enum app_err
sin_row(const struct db_row *row, void *arg)
{
	struct sin_found	*f = arg;

	f->found = true;
	f->id = db_row_int(row, COL_SIN_LOOKUP_SIN_ID);
	snprintf(f->status, sizeof(f->status), "%s", db_row_str(row, COL_SIN_LOOKUP_STATUS));
	f->order_id = db_row_null(row, COL_SIN_LOOKUP_ORDER_ID) ? 0 : db_row_int(row, COL_SIN_LOOKUP_ORDER_ID);
	f->granted = db_row_null(row, COL_SIN_LOOKUP_GRANTED_ACCOUNT_ID) ? 0 : db_row_int(row, COL_SIN_LOOKUP_GRANTED_ACCOUNT_ID);
	f->has_instance = !db_row_null(row, COL_SIN_LOOKUP_INSTANCE_ID);
	if (f->has_instance)
		inst_from_row(row, &cols_by_number, &f->in);
	return APP_OK;
}

static enum app_err
pattern_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_pack("[s, s]", db_row_str(row, COL_SIN_FORMATS_PATTERN),
	    db_row_str(row, COL_SIN_FORMATS_EXAMPLE)));
	return APP_OK;
}

static enum app_err
count_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_ORDER_SIN_COUNT_N);
	return APP_OK;
}

static enum app_err
ptype_exists_row(const struct db_row *row, void *arg)
{
	json_t	*want = arg;

	if (strcmp(db_row_str(row, COL_PRODUCT_TYPES_SLUG),
	    json_string_value(json_object_get(want, "slug"))) == 0)
		json_object_set_new(want, "found", json_true());
	return APP_OK;
}

static enum app_err
refuse_status(struct resp *w, const char *status)
{
	static const char *const known[] = {
		"service_number_reserved", "service_number_filing",
		"service_number_filed", "service_number_void",
		"service_number_unbound",
	};
	size_t	 i;

	w->extra = json_pack("{s:s}", "status", status);
	for (i = 0; i < nitems(known); i++)
		if (strcmp(known[i] + strlen("service_number_"), status) == 0)
			return resp_fail(w, APP_ECONFLICT, known[i],
			    msg_for_code(known[i]));
	return resp_fail(w, APP_ECONFLICT, "service_number_unavailable",
	    msg_for_code("service_number_unavailable"));
}

static enum app_err
refuse_ineligible(struct resp *w, const char *field, const char *reason,
    const char *msg)
{
	w->extra = json_pack("{s:s}", "reason", reason);
	resp_field(w, field, msg);
	return resp_fail(w, APP_EINVAL, "instance_ineligible", msg);
}

/* Reserve number id for the order and record the step. */
static enum app_err
reserve(struct req *r, struct order_lock *l, int64_t sid, const char *number)
{
	struct db_arg	 a[2] = { DB_I(l->id), DB_I(sid) };
	uint64_t	 n = 0;
	char		 note[128];
	enum app_err	 er;

	if ((er = db_exec(r->db, STMT_SIN_RESERVE, a, 2, &n)) != APP_OK)
		return er;
	if (n != 1)
		return APP_ECONFLICT;
	snprintf(note, sizeof(note), "备案服务号 %s 验证通过", number);
	return db_order_apply(r->db, l, OE_VERIFY_PRODUCT, "applicant",
	    r->user.id, note);
}

/* The number the applicant typed: normalised and in a known format. */
static enum app_err
check_number(struct req *r, struct resp *w, const char *in, char *out,
    size_t outsz)
{
	json_t		*pats = json_array(), *p;
	const char	*pat;
	char		 shaped[SIN_MAX + 1];
	size_t		 i;
	bool		 ok = false;
	enum app_err	 er;

	if (in == NULL || in[strspn(in, " \t\r\n")] == '\0') {
		json_decref(pats);
		return resp_field(w, "service_number", "请输入备案服务号");
	}
	if (!sin_normalise(in, out, outsz)) {
		json_decref(pats);
		return resp_field(w, "service_number",
		    "备案服务号只包含字母、数字和连字符（-），请检查后重新输入");
	}
	if ((er = db_query(r->db, STMT_SIN_FORMATS, NULL, 0, pattern_row,
	    pats)) != APP_OK) {
		json_decref(pats);
		return er;
	}
	json_array_foreach(pats, i, p) {
		if (ok)
			break;
		pat = json_string_value(json_array_get(p, 0));
		ok = sin_format_match(pat, out);
		/* "2he1 f7pf d3ta 6a1w": the hint promises spaces don't matter. */
		if (!ok && sin_shape(out, json_string_value(json_array_get(p, 1)),
		    shaped, sizeof(shaped)) && sin_format_match(pat, shaped)) {
			memcpy(out, shaped, strlen(shaped) + 1);
			ok = true;
		}
	}
	json_decref(pats);
	if (!ok)
		return resp_field(w, "service_number",
		    "备案服务号格式不正确。它由 16 位字母和数字组成，每 4 位用“-”分隔，"
		    "例如 7K3M-9QXD-2F8H-VW4P");
	return APP_OK;
}

static enum app_err
by_number(struct req *r, struct resp *w, struct order_lock *l,
    const struct rules *rs, const char *ptype, const char *typed)
{
	char			 number[SIN_MAX + 1];
	struct sin_found	 f;
	struct db_arg		 a[1];
	const char		*reason, *msg = NULL;
	enum app_err		 er;

	if ((er = check_number(r, w, typed, number, sizeof(number))) != APP_OK)
		return er;
	memset(&f, 0, sizeof(f));
	a[0] = DB_S(number);
	if ((er = db_query(r->db, STMT_SIN_LOOKUP, a, 1, sin_row, &f)) !=
	    APP_OK)
		return er;
	/* Another account's number looks exactly like no number at all. */
	if (!f.found || !((f.has_instance && f.in.owner == r->user.id) ||
	    f.granted == r->user.id)) {
		resp_field(w, "service_number", "没有找到这个备案服务号，请核对后重新输入");
		return resp_fail(w, APP_ENOTFOUND, "service_number_unknown",
		    msg_for_code("service_number_unknown"));
	}
	if (strcmp(f.status, "reserved") == 0 && f.order_id == l->id)
		return APP_OK;	/* already this order's: nothing to do */
	if (!f.has_instance)
		return refuse_status(w, "unbound");
	if (strcmp(f.in.product, ptype) != 0) {
		resp_field(w, "product_type",
		    "这个备案服务号不属于所选的产品类型，请选择正确的产品类型");
		return APP_EINVAL;
	}
	if (strcmp(f.status, "bound") != 0)
		return refuse_status(w, f.status);
	if ((reason = inst_ineligible(&f.in, rs, &msg)) != NULL)
		return refuse_ineligible(w, "service_number", reason, msg);
	return reserve(r, l, f.id, number);
}

static enum app_err
inst_lock_row(const struct db_row *row, void *arg)
{
	struct inst	*in = arg;

	inst_from_row(row, &cols_by_lock, in);
	in->quota = db_row_int(row, COL_INSTANCE_FOR_UPDATE_SIN_QUOTA);
	in->issued = db_row_int(row, COL_INSTANCE_FOR_UPDATE_ISSUED);
	return APP_OK;
}

static enum app_err
free_row(const struct db_row *row, void *arg)
{
	json_t	**out = arg;

	*out = json_pack("{s:I, s:s}", "id", (json_int_t)db_row_int(row, COL_INSTANCE_FREE_SIN_ID),
	    "number", db_row_str(row, COL_INSTANCE_FREE_SIN_NUMBER));
	return APP_OK;
}

/* Same account: pick the instance; a number comes with it. */
static enum app_err
by_instance(struct req *r, struct resp *w, struct order_lock *l,
    const struct rules *rs, const char *ptype, const char *iid_s)
{
	struct inst	 in;
	struct db_arg	 a[4];
	json_t		*free_sin = NULL;
	const char	*reason, *msg = NULL;
	char		 number[SIN_NEW_LEN + 1], note[128];
	int64_t		 iid, sid = 0;
	int		 tries;
	enum app_err	 er;

	if (!str_to_i64(iid_s, 1, INT64_MAX, &iid))
		return resp_field(w, "instance_id", "请选择一个实例");
	memset(&in, 0, sizeof(in));
	a[0] = DB_I(iid);
	a[1] = DB_I(r->user.id);
	if ((er = db_query(r->db, STMT_INSTANCE_FOR_UPDATE, a, 2,
	    inst_lock_row, &in)) != APP_OK)
		return er;
	if (in.id == 0) {
		resp_field(w, "instance_id", "没有找到这个实例");
		return resp_fail(w, APP_ENOTFOUND, "instance_unknown",
		    msg_for_code("instance_unknown"));
	}
	if (ptype != NULL && strcmp(in.product, ptype) != 0)
		return resp_field(w, "product_type",
		    "这个实例不属于所选的产品类型，请选择正确的产品类型");
	if ((reason = inst_ineligible(&in, rs, &msg)) != NULL)
		return refuse_ineligible(w, "instance_id", reason, msg);

	a[0] = DB_I(iid);
	if ((er = db_query(r->db, STMT_INSTANCE_FREE_SIN, a, 1, free_row,
	    &free_sin)) != APP_OK)
		return er;
	if (free_sin != NULL) {
		snprintf(number, sizeof(number), "%s",
		    json_string_value(json_object_get(free_sin, "number")));
		sid = json_integer_value(json_object_get(free_sin, "id"));
		json_decref(free_sin);
		return reserve(r, l, sid, number);
	}
	if (in.issued >= in.quota) {
		w->extra = json_pack("{s:I}", "quota", (json_int_t)in.quota);
		resp_field(w, "instance_id", "该实例的备案服务号已用完");
		return resp_fail(w, APP_ECONFLICT, "service_number_quota",
		    msg_for_code("service_number_quota"));
	}
	/* A fresh number, straight into this order; retry a collision. */
	for (tries = 0; tries < 3; tries++) {
		sin_generate(number);
		a[0] = DB_S(number);
		a[1] = DB_I(iid);
		a[2] = DB_S("reserved");
		a[3] = DB_I(l->id);
		er = db_insert(r->db, STMT_SIN_INSERT, a, 4, &sid);
		if (er != APP_ECONFLICT)
			break;
	}
	if (er != APP_OK)
		return er;
	snprintf(note, sizeof(note), "为实例 %lld 生成并验证备案服务号 %s",
	    (long long)iid, number);
	return db_order_apply(r->db, l, OE_VERIFY_PRODUCT, "applicant",
	    r->user.id, note);
}

static enum app_err
product_post(struct req *r, struct resp *w)
{
	const char		*ptype = req_str(r, "product_type");
	const char		*number = req_str(r, "service_number");
	const char		*iid = req_str(r, "instance_id");
	json_t			*want = NULL, *o;
	struct rules		 rs;
	struct order_lock	 l;
	enum order_state	 to;
	int64_t			 held = 0;
	struct db_arg		 a[1];
	enum app_err		 er;

	if ((er = db_order_owned(r->db, r->ids[0], r->user.id)) != APP_OK)
		return er;
	/* Picking an own instance names the product already. */
	if (number != NULL && *number == '\0')
		number = NULL;
	if (iid != NULL && *iid == '\0')
		iid = NULL;
	if (ptype != NULL && *ptype == '\0')
		ptype = NULL;
	if (number == NULL && iid == NULL)
		return ptype != NULL ?
		    resp_field(w, "service_number", "请输入备案服务号") :
		    resp_field(w, "instance_id", "请选择一个实例，或输入备案服务号");
	if (number != NULL && ptype == NULL)
		return resp_field(w, "product_type", "请选择产品类型");
	if (ptype != NULL) {
		want = json_pack("{s:s}", "slug", ptype);
		er = db_query(r->db, STMT_PRODUCT_TYPES, NULL, 0,
		    ptype_exists_row, want);
		if (er == APP_OK &&
		    !json_is_true(json_object_get(want, "found")))
			er = resp_field(w, "product_type", "不支持这个产品类型");
		json_decref(want);
		if (er != APP_OK)
			return er;
	}
	if ((er = rules_load(r->db, r->now, NULL, false, &rs)) != APP_OK)
		goto out;

	if ((er = db_tx_begin(r->db)) != APP_OK)
		goto out;
	if ((er = db_order_lock(r->db, r->ids[0], r->user.id, &l)) != APP_OK)
		goto out;
	if (!order_next(l.state, OE_VERIFY_PRODUCT, &to)) {
		w->extra = json_pack("{s:s}", "state", order_state_name(l.state));
		er = resp_fail(w, APP_ECONFLICT, "order_not_editable",
		    msg_for_code("order_not_editable"));
		goto out;
	}
	if (!l.subject_confirmed) {
		er = resp_fail(w, APP_ECONFLICT, "subject_not_confirmed",
		    msg_for_code("subject_not_confirmed"));
		goto out;
	}
	a[0] = DB_I(l.id);
	if ((er = db_query(r->db, STMT_ORDER_SIN_COUNT, a, 1, count_row,
	    &held)) != APP_OK)
		goto out;
	if (held >= rule_value(&rs, RK_ORDER_MAX_SERVICE_NUMBERS)) {
		er = resp_fail(w, APP_ECONFLICT, "service_number_limit",
		    rule_message(&rs, RK_ORDER_MAX_SERVICE_NUMBERS));
		goto out;
	}
	if (number != NULL)
		er = by_number(r, w, &l, &rs, ptype, number);
	else
		er = by_instance(r, w, &l, &rs, ptype, iid);
	if (er != APP_OK)
		goto out;
	if ((er = db_tx_commit(r->db)) != APP_OK)
		goto out;
	if ((er = db_order_json(r->db, r->ids[0], r->user.id, &o)) != APP_OK)
		goto out;
	resp_json(w, 200, o);
out:
	db_tx_rollback(r->db);
	rules_free(&rs);
	return er;
}

int
main(int argc, char *argv[])
{
	static const struct app app = {
		"product", routes, ROUTE__MAX, NULL, 0, NULL
	};

	return app_main(argc, argv, &app);
}
