/*
 * verify: photo verification (seed step 7) -- after the provider's
 * initial review passes, the website owner proves who they are in the
 * way the province asks (domain.md §13, T3), and hands it to the photo
 * review.
 *
 *   GET  /api/orders/{id}/verification     {method, state, open,
 *                                          curtain_request, photos,
 *                                          persons, findings,
 *                                          code_required, hints, ...}
 *   POST /api/orders/{id}/verification     {shanghai_code?}: to the photo
 *                                          review (verification_review);
 *                                          422 verification_incomplete
 *                                          with the findings, or the
 *                                          code's field
 *   POST /api/orders/{id}/curtain-requests {recipient, mobile, province,
 *                                          city, district, street,
 *                                          postcode}: 201 the request;
 *                                          422 the field map (a place
 *                                          outside the mainland says so);
 *                                          409 curtain_not_needed,
 *                                          curtain_limit
 *   GET  /api/regions[/{code}]             the provinces, or the
 *                                          divisions of one, for the
 *                                          address form
 *
 * The photo itself goes up as an upload of kind curtain_photo (upload.c,
 * or the phone); the method is fixed per order when the initial review
 * passes (review.c).  404 for another account's order; 409
 * order_not_in_verification before the initial approval or after the
 * hand-over.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/app.h"
#include "lib/bizday.h"
#include "lib/bureau.h"
#include "lib/db-filing.h"
#include "lib/db-order.h"
#include "lib/db-review.h"
#include "lib/db-upload.h"
#include "lib/db-verify.h"
#include "lib/filing-json.h"
#include "lib/input.h"
#include "lib/log.h"
#include "lib/messages.h"
#include "lib/order-rules.h"
#include "lib/verify-rules.h"
#include "views.h"

static enum app_err	verification_get(struct req *, struct resp *);
static enum app_err	verification_post(struct req *, struct resp *);
static enum app_err	curtain_post(struct req *, struct resp *);
static enum app_err	regions_get(struct req *, struct resp *);
static enum app_err	region_get(struct req *, struct resp *);
static json_t		*regions_json(const struct regions *);

enum	route_id {
	ROUTE_VERIFICATION,
	ROUTE_VERIFICATION_POST,
	ROUTE_CURTAIN,
	ROUTE_REGIONS,
	ROUTE_REGION,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	/* ROUTE_VERIFICATION */
	{ "/api/orders/{id}/verification", M_GET, AUTH_USER,
	  verification_get, verify_view },
	/* ROUTE_VERIFICATION_POST */
	{ "/api/orders/{id}/verification", M_POST, AUTH_USER,
	  verification_post, NULL },
	/* ROUTE_CURTAIN */
	{ "/api/orders/{id}/curtain-requests", M_POST, AUTH_USER,
	  curtain_post, NULL },
	/* ROUTE_REGIONS */
	{ "/api/regions", M_GET, AUTH_NONE, regions_get, NULL },
	/* ROUTE_REGION */
	{ "/api/regions/{str}", M_GET, AUTH_NONE, region_get, NULL },
};

/* --- reading --- */

static json_t *
curtain_json(const struct curtain *c)
{
	if (!c->found)
		return json_null();
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s?, s:s, s:s?, s:s?, s:s, s:s?, s:s?}",
	    "id", (json_int_t)c->id, "recipient", c->recipient,
	    "mobile", c->mobile, "province", c->province,
	    "province_name", c->province_name, "city", c->city,
	    "city_name", c->city_name, "district", c->district,
	    "district_name", c->district_name, "street", c->street,
	    "postcode", c->postcode, "state", c->state,
	    "carrier", c->carrier, "tracking", c->tracking,
	    "created_at", c->created_at, "shipped_at", c->shipped_at,
	    "delivered_at", c->delivered_at);
}

static json_t *
persons_json(const struct filing *f, const struct verify_persons *ps)
{
	const struct verify_person	*p;
	const struct website		*w;
	json_t				*a = json_array(), *ids, *names;
	size_t				 i, j;

	for (i = 0; i < ps->n; i++) {
		p = &ps->v[i];
		ids = json_array();
		names = json_array();
		for (j = 0; j < p->nwebsites; j++) {
			json_array_append_new(ids,
			    json_integer((json_int_t)p->websites[j]));
			if ((w = filing_website(f, p->websites[j])) != NULL)
				json_array_append_new(names,
				    json_string(w->name));
		}
		json_array_append_new(a, json_pack("{s:s, s:I, s:o, s:o, s:o, "
		    "s:o}", "owner_name", p->first->owner.name,
		    "website_id", (json_int_t)p->first->id,
		    "website_ids", ids, "website_names", names,
		    "photo_id", p->photo != NULL ?
		    json_integer((json_int_t)p->photo->id) : json_null(),
		    "rejected", p->rejected == NULL ? json_null() :
		    json_pack("{s:s, s:s, s:s, s:s}", "reason",
		    p->rejected->reason, "title", p->rejected->title, "fix",
		    p->rejected->fix, "note", p->rejected->note)));
	}
	return a;
}

static enum app_err
verification_get(struct req *r, struct resp *w)
{
	struct filing		 f;
	struct verification	 v;
	struct curtain		 c;
	struct verify_persons	 ps;
	struct findings		 found;
	enum verify_method	 m;
	enum order_state	 st, to;
	json_t			*order = NULL, *uploads = NULL, *photos, *e;
	json_t			*findings, *hints, *slots = NULL;
	json_t			*rejected = NULL;
	struct regions		 provinces;
	int64_t			 max = 0, made = 0;
	size_t			 i;
	enum app_err		 er;

	memset(&v, 0, sizeof(v));
	memset(&c, 0, sizeof(c));
	memset(&ps, 0, sizeof(ps));
	memset(&found, 0, sizeof(found));
	memset(&provinces, 0, sizeof(provinces));
	if ((er = filing_load(r->db, r->ids[0], r->user.id, r->now,
	    FP_WEBSITES | FP_UPLOADS | FP_ITEMS, &f)) != APP_OK ||
	    (er = db_order_json(r->db, r->ids[0], r->user.id, &order)) !=
	    APP_OK ||
	    (er = db_verification_get(r->db, r->ids[0], &v)) != APP_OK ||
	    (er = db_curtain_get(r->db, r->ids[0], &c)) != APP_OK ||
	    (er = db_curtain_count(r->db, r->ids[0], &made)) != APP_OK ||
	    (er = rule_setting(r->db, r->now, RK_CURTAIN_REQUESTS_MAX,
	    &max)) != APP_OK)
		goto out;
	st = order_state_parse(json_string_value(json_object_get(order,
	    "state")));
	/* Before the initial approval: the method the province asks today. */
	m = v.found ? v.method : verify_method_of(&f.rules);
	verify_persons(&f, &ps);
	verify_ready(m, &ps, false, &found);
	uploads = json_array();
	if ((er = db_upload_list(r->db, r->ids[0], uploads)) != APP_OK ||
	    (er = verify_slots_load(r->db, r->ids[0], r->user.id, r->now,
	    &slots)) != APP_OK ||
	    (er = db_review_open(r->db, r->ids[0], &rejected)) != APP_OK ||
	    (er = db_regions(r->db, NULL, &provinces)) != APP_OK)
		goto out;
	photos = json_array();
	json_array_foreach(uploads, i, e)
		if (strcmp(json_string_value(json_object_get(e, "kind")),
		    "curtain_photo") == 0)
			json_array_append(photos, e);
	hints = json_array();
	if (m == VM_CURTAIN &&
	    rule_value(&f.rules, RK_CURTAIN_SLOGAN_REQUIRED) != 0)
		json_array_append_new(hints, json_string(rule_message(&f.rules,
		    RK_CURTAIN_SLOGAN_REQUIRED)));
	if ((findings = findings_json(&found, &f.refs)) == NULL) {
		json_decref(photos);
		json_decref(hints);
		er = APP_EINTERNAL;
		goto out;
	}
	resp_json(w, 200, json_pack("{s:s, s:s, s:s, s:b, s:b, s:o, s:I, "
	    "s:o, s:o, s:o, s:b, s:o, s:s?, s:s?, s:O, s:O, s:O, s:o}",
	    "method", verify_method_name(m),
	    "method_message", rule_message(&f.rules, RK_VERIFICATION_METHOD),
	    "state", order_state_name(st),
	    "started", v.found,
	    "open", v.found && order_next(st, OE_VERIFICATION_PHOTO, &to),
	    "curtain_request", curtain_json(&c),
	    "curtain_requests_left", (json_int_t)(max > made ? max - made : 0),
	    "photos", photos,
	    "persons", persons_json(&f, &ps),
	    "findings", findings,
	    "code_required", m == VM_SHANGHAI,
	    "hints", hints,
	    "submitted_at", v.submitted_at,
	    "due_at", v.due_at,
	    "order", order,
	    "slots", slots,
	    "rejected", rejected,
	    "provinces", regions_json(&provinces)));
out:
	json_decref(uploads);
	json_decref(order);
	json_decref(slots);
	json_decref(rejected);
	regions_free(&provinces);
	findings_free(&found);
	verify_persons_free(&ps);
	curtain_free(&c);
	verification_free(&v);
	filing_free(&f);
	return er;
}

/*
 * Inside a transaction: order oid of the account, in a state that takes
 * ev, with its verification started.
 */
static enum app_err
verification_lock(struct req *r, struct resp *w, enum order_ev ev,
    struct order_lock *l, struct verification *v)
{
	enum order_state	 to;
	enum app_err		 er;

	memset(v, 0, sizeof(*v));
	if ((er = db_order_lock(r->db, r->ids[0], r->user.id, l)) != APP_OK ||
	    (er = db_verification_get(r->db, r->ids[0], v)) != APP_OK)
		return er;
	if (!order_next(l->state, ev, &to) || !v->found)
		return resp_fail(w, APP_ECONFLICT, "order_not_in_verification",
		    msg_for_code("order_not_in_verification"));
	return APP_OK;
}

/* --- the curtain --- */

static const struct in_field curtain_fields[] = {
#define F(k)	{ #k, #k, #k, IN_STR, offsetof(struct curtain_in, k), 0, \
		  false, NULL, NULL }
	F(recipient), F(mobile), F(province), F(city), F(district),
	F(street), F(postcode),
#undef F
};

static enum app_err
curtain_post(struct req *r, struct resp *w)
{
	struct curtain_in	 in;
	struct curtain_out	 o;
	const struct region	*prov, *city;
	struct regions		 provinces, cities, districts;
	struct order_lock	 l;
	struct verification	 v;
	struct curtain		 c;
	struct findings		 found;
	struct strs		 own = { NULL, 0 };
	struct db_arg		 a[8];
	json_t			*errors = NULL, *warnings = NULL;
	const char		*k;
	const json_t		*msg;
	int64_t			 made = 0, max = 0;
	enum app_err		 er;

	memset(&in, 0, sizeof(in));
	memset(&provinces, 0, sizeof(provinces));
	memset(&cities, 0, sizeof(cities));
	memset(&districts, 0, sizeof(districts));
	memset(&v, 0, sizeof(v));
	memset(&c, 0, sizeof(c));
	memset(&found, 0, sizeof(found));
	/* Another account's order: 404 before the body is judged. */
	if ((er = db_order_owned(r->db, r->ids[0], r->user.id)) != APP_OK)
		goto out;
	(void)input_fill(r, w, curtain_fields, nitems(curtain_fields), &in,
	    &own);
	/* The divisions as the address names them, level by level. */
	if ((er = db_regions(r->db, NULL, &provinces)) != APP_OK)
		goto out;
	if ((prov = region_find(&provinces, in.province)) != NULL &&
	    (er = db_regions(r->db, prov->code, &cities)) != APP_OK)
		goto out;
	if ((city = region_find(&cities, in.city)) != NULL &&
	    (er = db_regions(r->db, city->code, &districts)) != APP_OK)
		goto out;
	curtain_address_check(&in, &provinces, &cities, &districts, &o,
	    &found);
	if (!findings_field_maps(&found, &errors, &warnings)) {
		er = APP_EINTERNAL;
		goto out;
	}

	if ((er = db_tx_begin(r->db)) != APP_OK ||
	    (er = verification_lock(r, w, OE_VERIFICATION_PHOTO, &l, &v)) !=
	    APP_OK)
		goto out;
	if (v.method != VM_CURTAIN) {
		er = resp_fail(w, APP_ECONFLICT, "curtain_not_needed",
		    msg_for_code("curtain_not_needed"));
		goto out;
	}
	if ((er = db_curtain_count(r->db, r->ids[0], &made)) != APP_OK ||
	    (er = rule_setting(r->db, r->now, RK_CURTAIN_REQUESTS_MAX,
	    &max)) != APP_OK)
		goto out;
	if (made >= max) {
		er = resp_fail(w, APP_ECONFLICT, "curtain_limit",
		    msg_for_code("curtain_limit"));
		goto out;
	}
	if (json_object_size(errors) > 0) {
		json_object_foreach(errors, k, msg)
			(void)resp_field(w, k, json_string_value(msg));
		er = resp_fail(w, APP_EINVAL, NULL, "收件地址有需要修改的地方，"
		    "请按每项的提示修改后再提交。");
		goto out;
	}
	a[0] = DB_I(r->ids[0]);
	a[1] = DB_S(in.recipient);
	a[2] = DB_S(in.mobile);
	a[3] = DB_S(o.province->code);
	a[4] = DB_S(o.city->code);
	a[5] = DB_S(o.district->code);
	a[6] = DB_S(in.street);
	a[7] = DB_S(in.postcode != NULL && *in.postcode != '\0' ?
	    in.postcode : NULL);
	if ((er = db_exec(r->db, STMT_CURTAIN_RETIRE, a, 1, NULL)) != APP_OK ||
	    (er = db_exec(r->db, STMT_CURTAIN_INSERT, a, 8, NULL)) != APP_OK ||
	    (er = db_order_apply(r->db, &l, OE_VERIFICATION_PHOTO, "applicant",
	    r->user.id, made > 0 ? "重新申请幕布" : "申请幕布")) != APP_OK ||
	    (er = db_tx_commit(r->db)) != APP_OK ||
	    (er = db_curtain_get(r->db, r->ids[0], &c)) != APP_OK)
		goto out;
	resp_json(w, 201, curtain_json(&c));
out:
	db_tx_rollback(r->db);
	json_decref(errors);
	json_decref(warnings);
	findings_free(&found);
	regions_free(&provinces);
	regions_free(&cities);
	regions_free(&districts);
	verification_free(&v);
	curtain_free(&c);
	strs_free(&own);
	return er;
}

/* --- the hand-over --- */

static const struct in_field handover_fields[] = {
	{ "shanghai_code", "shanghai_code", "shanghai_code", IN_STR, 0, 0,
	  false, NULL, NULL },
};

static enum app_err
verification_post(struct req *r, struct resp *w)
{
	struct filing		 f;
	struct order_lock	 l;
	struct verification	 v;
	struct verify_persons	 ps;
	struct findings		 found;
	struct strs		 own = { NULL, 0 };
	struct buf		 mobiles = BUF_INIT;
	struct db_arg		 a[3];
	const char		*code = NULL;
	json_t			*order = NULL, *findings;
	int64_t			 due = 0;
	enum app_err		 er;

	memset(&v, 0, sizeof(v));
	memset(&ps, 0, sizeof(ps));
	memset(&found, 0, sizeof(found));
	if ((er = filing_load(r->db, r->ids[0], r->user.id, r->now,
	    FP_WEBSITES | FP_UPLOADS | FP_ITEMS, &f)) != APP_OK)
		goto out;
	(void)input_fill(r, w, handover_fields, nitems(handover_fields),
	    &code, &own);
	if ((er = db_tx_begin(r->db)) != APP_OK ||
	    (er = verification_lock(r, w, OE_VERIFICATION_SUBMIT, &l, &v)) !=
	    APP_OK)
		goto out;
	verify_persons(&f, &ps);
	verify_ready(v.method, &ps, code != NULL && *code != '\0', &found);
	if (found.n > 0) {
		if ((findings = findings_json(&found, &f.refs)) == NULL) {
			er = APP_EINTERNAL;
			goto out;
		}
		w->extra = json_pack("{s:o}", "findings", findings);
		er = resp_fail(w, APP_EINVAL, "verification_incomplete",
		    msg_for_code("verification_incomplete"));
		goto out;
	}
	if (v.method == VM_SHANGHAI) {
		verify_mobiles(&ps, &mobiles);
		if (!bureau_shanghai_code_ok(r->conf, r->ids[0], mobiles.p,
		    code)) {
			er = resp_field(w, "shanghai_code", "核验码不正确：请核对 "
			    "App 上显示的 6 位核验码。App 里核验的手机号码须是网站"
			    "负责人的手机号码");
			goto out;
		}
	} else
		code = NULL;
	if ((er = bizday_review_due(r->db, r->now,
	    RK_PHOTO_REVIEW_SLA_BUSINESS_DAYS, &due)) != APP_OK)
		goto out;
	a[0] = DB_I(due);
	a[1] = DB_S(code);
	a[2] = DB_I(r->ids[0]);
	if ((er = db_exec(r->db, STMT_VERIFICATION_SUBMITTED, a, 3, NULL)) !=
	    APP_OK ||
	    (er = db_exec(r->db, STMT_REVIEW_RESOLVE, a + 2, 1, NULL)) !=
	    APP_OK ||
	    (er = db_order_apply(r->db, &l, OE_VERIFICATION_SUBMIT,
	    "applicant", r->user.id, l.state == OS_VERIFICATION_REJECTED ?
	    "重新提交拍照核验" : "提交拍照核验")) != APP_OK ||
	    (er = db_tx_commit(r->db)) != APP_OK)
		goto out;
	applog(LOG_INFO, "order %lld: verification submitted, review due %lld",
	    (long long)r->ids[0], (long long)due);
	if ((er = db_order_json(r->db, r->ids[0], r->user.id, &order)) !=
	    APP_OK)
		goto out;
	resp_json(w, 200, order);
	order = NULL;
out:
	db_tx_rollback(r->db);
	json_decref(order);
	findings_free(&found);
	verify_persons_free(&ps);
	verification_free(&v);
	filing_free(&f);
	strs_free(&own);
	buf_free(&mobiles);
	return er;
}

/* --- the divisions --- */

static json_t *
regions_json(const struct regions *rg)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < rg->n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "code",
		    rg->v[i].code, "name", rg->v[i].name, "mainland",
		    rg->v[i].mainland));
	return a;
}

static enum app_err
regions_answer(struct resp *w, struct db *db, const char *parent)
{
	struct regions	 rg;
	json_t		*a;
	enum app_err	 er;

	if ((er = db_regions(db, parent, &rg)) != APP_OK)
		return er;
	if (parent != NULL && rg.n == 0) {
		regions_free(&rg);
		return APP_ENOTFOUND;
	}
	a = regions_json(&rg);
	regions_free(&rg);
	/* Reference data: a browser may keep it for a day. */
	w->cache = "public, max-age=86400";
	resp_json(w, 200, json_pack("{s:o}", "regions", a));
	return APP_OK;
}

static enum app_err
regions_get(struct req *r, struct resp *w)
{
	return regions_answer(w, r->db, NULL);
}

static enum app_err
region_get(struct req *r, struct resp *w)
{
	return regions_answer(w, r->db, r->str);
}

int
main(int argc, char *argv[])
{
	static const struct app app = {
		"verify", routes, ROUTE__MAX, NULL, 0, NULL
	};

	return app_main(argc, argv, &app);
}
