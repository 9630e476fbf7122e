/*
 * website: website information and its owner (seed step 5), checked
 * against the naming, domain and province rules while the applicant is
 * still typing.
 *
 *   GET    /api/orders/{id}/websites          {websites, limits, rules}
 *   POST   /api/orders/{id}/websites          201 a website (+ warnings)
 *   POST   /api/orders/{id}/websites/check    200 {errors, warnings}:
 *                                             the same checks, nothing saved
 *   PUT    /api/orders/{id}/websites/{wid}    200 the website
 *   DELETE /api/orders/{id}/websites/{wid}    200 {deleted}
 *   POST   /api/orders/{id}/websites/{wid}/delete   the same, for forms
 *   POST   /api/orders/{id}/websites/{wid}/update   PUT, for forms
 *   POST   /api/orders/{id}/websites/{wid}/fields   200 the website with
 *                                             only the given fields
 *                                             changed ({"owner.mobile":
 *                                             "…", "content_types": [..]}
 *                                             or a form): how a rejected
 *                                             field is fixed
 *   GET    /api/rules/{province}              the province's rules, lists
 *                                             and naming rules, for hints
 *
 * Refusals: 422 invalid with a field map (keys as in DESIGN.md: name,
 * domain, homepage_url, content_types, languages, preapprovals, remark,
 * service_number, owner.name, owner.id_type, owner.id_number,
 * owner.id_valid_until, owner.mobile, owner.emergency_phone,
 * owner.email) and "warnings" beside it; 409 order_not_editable,
 * website_limit; 404 for another account's order.  Warnings (the bureau
 * may reject) never block saving.  Every list and threshold is a table
 * row (sql/002, sql/004).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "lib/app.h"
#include "lib/bizday.h"
#include "lib/db-filing.h"
#include "lib/db-order.h"
#include "lib/db-review.h"
#include "lib/filing-json.h"
#include "lib/input.h"
#include "lib/log.h"
#include "lib/messages.h"
#include "lib/rules.h"
#include "views.h"

static enum app_err	websites_get(struct req *, struct resp *);
static enum app_err	website_create(struct req *, struct resp *);
static enum app_err	website_dry_run(struct req *, struct resp *);
static enum app_err	website_update(struct req *, struct resp *);
static enum app_err	website_delete(struct req *, struct resp *);
static enum app_err	website_fields(struct req *, struct resp *);
static enum app_err	rules_get(struct req *, struct resp *);

enum	route_id {
	ROUTE_WEBSITES,
	ROUTE_WEBSITE_CREATE,
	ROUTE_WEBSITE_CHECK,
	ROUTE_WEBSITE_UPDATE,
	ROUTE_WEBSITE_DELETE,
	ROUTE_WEBSITE_DELETE_FORM,
	ROUTE_WEBSITE_FIELDS,
	ROUTE_WEBSITE_UPDATE_FORM,
	ROUTE_RULES,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	/* ROUTE_WEBSITES */
	{ "/api/orders/{id}/websites", M_GET, AUTH_USER, websites_get,
	  website_view },
	/* ROUTE_WEBSITE_CREATE */
	{ "/api/orders/{id}/websites", M_POST, AUTH_USER, website_create, NULL },
	/* ROUTE_WEBSITE_CHECK */
	{ "/api/orders/{id}/websites/check", M_POST, AUTH_USER,
	  website_dry_run, NULL },
	/* ROUTE_WEBSITE_UPDATE */
	{ "/api/orders/{id}/websites/{id}", M_PUT, AUTH_USER, website_update,
	  NULL },
	/* ROUTE_WEBSITE_DELETE */
	{ "/api/orders/{id}/websites/{id}", M_DELETE, AUTH_USER,
	  website_delete, NULL },
	/* ROUTE_WEBSITE_DELETE_FORM: DELETE for classic forms */
	{ "/api/orders/{id}/websites/{id}/delete", M_POST, AUTH_USER,
	  website_delete, NULL },
	/* ROUTE_WEBSITE_FIELDS: some fields, the rest as stored */
	{ "/api/orders/{id}/websites/{id}/fields", M_POST, AUTH_USER,
	  website_fields, NULL },
	/* ROUTE_WEBSITE_UPDATE_FORM: PUT for classic forms */
	{ "/api/orders/{id}/websites/{id}/update", M_POST, AUTH_USER,
	  website_update, NULL },
	/* ROUTE_RULES */
	{ "/api/rules/{str}", M_GET, AUTH_NONE, rules_get, NULL },
};

/* --- input: JSON ({"owner":{"name":..}}) or a form ("owner.name") --- */

#define F(json, form, type, member)					\
	{ json, form, json, type, offsetof(struct site_in, member), 0,	\
	  false, NULL, NULL }
#define L(json, form, key, member, count)				\
	{ json, form, key, IN_LIST, offsetof(struct site_in, member),	\
	  offsetof(struct site_in, count), false, NULL, NULL }

/*
 * The website form, once.  Nothing is required here: the site rules
 * answer a missing value with the words of its own field.
 */
static const struct in_field site_fields[] = {
	F("name", "name", IN_STR, name),
	F("domain", "domain", IN_STR, domain),
	F("homepage_url", "homepage_url", IN_STR, homepage),
	F("remark", "remark", IN_STR, remark),
	F("service_number", "service_number", IN_STR, sin),
	L("content_types", "content_types", "content_types", content,
	    ncontent),
	L("languages", "languages", "languages", langs, nlangs),
	L("preapprovals[].type", "preapproval_type", "preapprovals",
	    pre_type, npre),
	L("preapprovals[].number", "preapproval_number", "preapprovals",
	    pre_number, nnumbers),
	F("owner.same_as_leader", "owner.same_as_leader", IN_BOOL,
	    same_as_leader),
	F("owner.name", "owner.name", IN_STR, o_name),
	F("owner.id_type", "owner.id_type", IN_STR, o_id_type),
	F("owner.id_number", "owner.id_number", IN_STR, o_id_number),
	F("owner.id_valid_until", "owner.id_valid_until", IN_STR,
	    o_valid_until),
	F("owner.id_long_term", "owner.id_long_term", IN_BOOL, o_long_term),
	F("owner.mobile", "owner.mobile", IN_STR, o_mobile),
	F("owner.emergency_phone", "owner.emergency_phone", IN_STR,
	    o_emergency),
	F("owner.email", "owner.email", IN_STR, o_email),
};

#undef F
#undef L

/*
 * The request as a site_in.  Pre-approvals come in pairs: a form's
 * number row follows its type row, and a row left without a type is no
 * pre-approval.
 */
static void
site_read(struct req *r, struct resp *w, struct site_in *in)
{
	const char	**num;
	size_t		  i, j;

	memset(in, 0, sizeof(*in));
	(void)input_fill(r, w, site_fields, nitems(site_fields), in,
	    &in->own);
	num = xcalloc(in->npre + 1, sizeof(*num));
	(void)strs_keep(&in->own, (char *)num);
	for (i = 0; i < in->npre; i++)
		num[i] = i < in->nnumbers && in->pre_number[i] != NULL ?
		    in->pre_number[i] : "";
	in->pre_number = num;
	in->nnumbers = in->npre;
	if (r->body_kind != BODY_FORM)
		return;
	for (i = j = 0; i < in->npre; i++)
		if (in->pre_type[i] != NULL && *in->pre_type[i] != '\0') {
			in->pre_type[j] = in->pre_type[i];
			in->pre_number[j++] = in->pre_number[i];
		}
	in->npre = in->nnumbers = j;
	in->pre_type[j] = in->pre_number[j] = NULL;
}

static enum app_err
int_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_ORDER_WEBSITE_COUNT_N);
	return APP_OK;
}

/* The 422 of the contract, with the warnings beside the field map. */
static enum app_err
refuse(struct resp *w, json_t *errors, json_t *warnings)
{
	const char	*k;
	json_t		*v;

	json_object_foreach(errors, k, v)
		resp_field(w, k, json_string_value(v));
	w->extra = json_pack("{s:O}", "warnings", warnings);
	return resp_fail(w, APP_EINVAL, NULL, "网站信息有需要修改的地方，请按每项的提示修改后再保存。");
}

/* Websites of the order, and the cap for its province and subject. */
static enum app_err
limit_check(struct req *r, struct resp *w, const struct rules *pr,
    int64_t oid, bool adding)
{
	struct db_arg	 a[1] = { DB_I(oid) };
	int64_t		 have = 0, max;
	enum rule_key	 rule;
	enum app_err	 er;

	if (!adding)
		return APP_OK;
	if ((er = db_query(r->db, STMT_ORDER_WEBSITE_COUNT, a, 1, int_row,
	    &have)) != APP_OK)
		return er;
	if (!site_limit_reached(pr, have, &max, &rule))
		return APP_OK;
	w->extra = json_pack("{s:I}", "max", (json_int_t)max);
	return resp_fail(w, APP_ECONFLICT, "website_limit",
	    rule_message(pr, rule));
}

/* Drop website wid's documents of kinds; how many went. */
static enum app_err
documents_drop(struct db *db, int64_t oid, int64_t wid,
    const char *const *kinds, uint64_t *all)
{
	struct db_arg	 a[3];
	uint64_t	 n;
	size_t		 i;
	enum app_err	 er;

	*all = 0;
	for (i = 0; kinds[i] != NULL; i++) {
		a[0] = DB_I(oid);
		a[1] = DB_I(wid);
		a[2] = DB_S(kinds[i]);
		n = 0;
		if ((er = db_exec(db, STMT_UPLOAD_CLEAR_SLOT, a, 3, &n)) !=
		    APP_OK)
			return er;
		*all += n;
	}
	return APP_OK;
}

/*
 * Inside the transaction of an update: documents that showed what is no
 * longer true go (review_stale() says which), and a warning says what to
 * upload instead.
 */
static enum app_err
stale_documents_drop(struct db *db, int64_t oid, const struct website *before,
    const struct site_in *in, const struct site_out *o, json_t *warnings)
{
	unsigned	 stale = review_stale(before, in, o);
	uint64_t	 n = 0;
	enum app_err	 er;

	if (stale & STALE_OWNER) {
		if ((er = documents_drop(db, oid, before->id,
		    review_owner_kinds, &n)) != APP_OK)
			return er;
		if (n > 0)
			json_object_set_new(warnings, "uploads", json_pack("[s]",
			    "网站负责人换了一个人：原负责人的证件照片和签字的核验单"
			    "（及授权书）已移除。请下载新的核验单，由新负责人签字，"
			    "并上传新负责人的证件。"));
	}
	if (stale & STALE_DOMAIN) {
		if ((er = documents_drop(db, oid, before->id,
		    review_domain_kinds, &n)) != APP_OK)
			return er;
		if (n > 0)
			json_object_set_new(warnings, "domain_documents",
			    json_pack("[s]", "网站域名改了：原域名的域名证书和写着原"
			    "域名的核验单已移除。请上传新域名的域名证书，并下载新的核验"
			    "单签字后上传。"));
	}
	return APP_OK;
}

/* Insert (wid 0) or update website wid as checked; the new id. */
static enum app_err
website_store(struct req *r, struct resp *w, int64_t oid, int64_t wid,
    const struct site_in *in, const struct site_out *o, int64_t sin_id,
    int64_t *id)
{
	struct db_arg	 a[18];
	int64_t		 code;
	uint64_t	 n = 0;
	size_t		 i = 0;
	enum app_err	 er;

	if (wid == 0)
		a[i++] = DB_I(oid);
	a[i++] = DB_S(in->name);
	a[i++] = DB_S(o->domain_u);
	a[i++] = DB_S(o->domain_a);
	a[i++] = DB_S(in->homepage);
	a[i++] = DB_I(o->content_bits);
	a[i++] = DB_S(o->languages.p);
	a[i++] = DB_S(in->remark != NULL ? in->remark : "");
	a[i++] = DB_I(sin_id);
	a[i++] = DB_I(in->same_as_leader ? 1 : 0);
	a[i++] = DB_S(o->o_name);
	a[i++] = DB_I(o->o_id_type);
	a[i++] = DB_S(o->o_id_number);
	a[i++] = DB_S(o->o_long_term ? NULL : in->o_valid_until);
	a[i++] = DB_S(o->o_mobile);
	a[i++] = DB_S(in->o_emergency);
	a[i++] = DB_S(o->o_email);
	*id = wid;
	if (wid == 0)
		er = db_insert(r->db, STMT_WEBSITE_INSERT_ORDER, a, i, id);
	else {
		a[i++] = DB_I(wid);
		a[i++] = DB_I(oid);
		er = db_exec(r->db, STMT_WEBSITE_UPDATE_ORDER, a, i, &n);
	}
	if (er == APP_ECONFLICT)
		/* The same domain or number twice in one order. */
		return resp_field(w, "domain", "本订单中已有这个域名，"
		    "或这个备案服务号已被另一个网站使用");
	if (er != APP_OK)
		return er;
	a[0] = DB_I(*id);
	if ((er = db_exec(r->db, STMT_WEBSITE_PREAPPROVAL_CLEAR, a, 1, NULL)) !=
	    APP_OK)
		return er;
	for (i = 0; i < in->npre; i++) {
		/* The rules have checked each type is a code. */
		if (!str_to_i64(in->pre_type[i], 1, INT64_MAX, &code))
			return APP_EINTERNAL;
		a[0] = DB_I(*id);
		a[1] = DB_I(code);
		a[2] = DB_S(in->pre_number[i]);
		if ((er = db_exec(r->db, STMT_WEBSITE_PREAPPROVAL_ADD, a, 3,
		    NULL)) != APP_OK)
			return er;
	}
	return APP_OK;
}

/* Check, and save when save is set: create (wid 0) or update wid. */
static enum app_err
website_save(struct req *r, struct resp *w, int64_t wid, bool save)
{
	struct filing		 f;
	struct site_in		 in;
	struct site_out		 o;
	struct site_facts	 facts;
	struct findings		 found;
	struct order_lock	 l;
	struct website		*before = NULL;
	const struct website	*was = NULL;
	json_t			*arr = NULL, *e;
	json_t			*errors = NULL, *warnings = NULL;
	const char		*code, *locked[32];
	size_t			 nbefore = 0, nlocked = 0, i;
	int64_t			 oid = r->ids[0], newid = 0;
	enum app_err		 er;

	memset(&in, 0, sizeof(in));
	memset(&o, 0, sizeof(o));
	memset(&facts, 0, sizeof(facts));
	memset(&found, 0, sizeof(found));
	if ((er = filing_load(r->db, oid, r->user.id, r->now, FP_REFS |
	    (wid != 0 ? FP_WEBSITES : 0), &f)) != APP_OK)
		goto out;
	/* The order is the account's (filing_load); is the website its? */
	if (wid != 0 && filing_website(&f, wid) == NULL) {
		er = APP_ENOTFOUND;
		goto out;
	}
	site_read(r, w, &in);
	if (save && (er = limit_check(r, w, &f.rules, oid, wid == 0)) !=
	    APP_OK)
		goto out;
	site_keys(&f, &in, &o);
	if ((er = site_facts_load(r->db, &f, wid, &o, &facts)) != APP_OK)
		goto out;
	/* A rule that cannot run refuses the save: nothing unchecked is kept. */
	if ((er = site_rules(&f, wid, &in, &o, &facts, &found)) != APP_OK ||
	    !findings_field_maps(&found, &errors, &warnings)) {
		applog(LOG_ERR, "website rules of order %lld could not run: "
		    "refused", (long long)oid);
		er = resp_fail(w, APP_EDB, "rules_unavailable",
		    msg_for_code("rules_unavailable"));
		goto out;
	}
	if (!save) {
		resp_json(w, 200, json_pack("{s:O, s:O}", "errors", errors,
		    "warnings", warnings));
		goto out;
	}
	if (json_object_size(errors) > 0) {
		er = refuse(w, errors, warnings);
		goto out;
	}

	if ((er = db_tx_begin(r->db)) != APP_OK)
		goto out;
	/* After a rejection: no new website, and only rejected fields. */
	if ((er = db_review_lock(r->db, oid, r->user.id, wid == 0, &l,
	    &code)) != APP_OK) {
		if (code != NULL)
			er = resp_fail(w, er, code, msg_for_code(code));
		goto out;
	}
	/* As it is now, under the lock: the edit is judged against it. */
	if (wid != 0 && (er = websites_load(r->db, oid, &before, &nbefore)) !=
	    APP_OK)
		goto out;
	for (i = 0; i < nbefore; i++)
		if (before[i].id == wid)
			was = &before[i];
	if (wid != 0 && was == NULL) {
		er = APP_ENOTFOUND;
		goto out;
	}
	if ((er = website_store(r, w, oid, wid, &in, &o, facts.sin_id,
	    &newid)) != APP_OK)
		goto out;
	if (was != NULL && ((er = stale_documents_drop(r->db, oid, was, &in,
	    &o, warnings)) != APP_OK ||
	    (er = db_review_check_edit(r->db, &l, was, locked,
	    nitems(locked), &nlocked)) != APP_OK))
		goto out;
	if (nlocked > 0) {
		for (i = 0; i < nlocked; i++)
			(void)resp_field(w, locked[i],
			    msg_for_code("item_locked"));
		er = resp_fail(w, APP_ECONFLICT, "item_locked",
		    msg_for_code("item_locked"));
		goto out;
	}
	if ((er = db_order_apply(r->db, &l, OE_EDIT, "applicant", r->user.id,
	    wid == 0 ? "新增网站信息" : "修改网站信息")) != APP_OK)
		goto out;
	if ((er = db_tx_commit(r->db)) != APP_OK)
		goto out;
	arr = json_array();
	if ((er = db_order_websites(r->db, oid, newid, arr)) != APP_OK)
		goto out;
	e = json_array_get(arr, 0);
	json_object_set(e, "warnings", warnings);
	resp_json(w, wid == 0 ? 201 : 200, json_incref(e));
out:
	db_tx_rollback(r->db);
	for (i = 0; i < nbefore; i++)
		website_free(&before[i]);
	free(before);
	json_decref(arr);
	json_decref(errors);
	json_decref(warnings);
	findings_free(&found);
	site_facts_free(&facts);
	site_out_free(&o);
	site_in_free(&in);
	filing_free(&f);
	return er;
}

static enum app_err
website_create(struct req *r, struct resp *w)
{
	return website_save(r, w, 0, true);
}

static enum app_err
website_dry_run(struct req *r, struct resp *w)
{
	const char	*q = kv_get(&r->query, "website_id");
	int64_t		 wid = 0;

	/* Checking an edit: the website's own number is not "taken". */
	if (q != NULL && !str_to_i64(q, 1, INT64_MAX, &wid))
		return APP_ENOTFOUND;
	return website_save(r, w, wid, false);
}

static enum app_err
website_update(struct req *r, struct resp *w)
{
	return website_save(r, w, r->ids[1], true);
}

static enum app_err
website_delete(struct req *r, struct resp *w)
{
	struct order_lock	 l;
	struct db_arg		 a[2] = { DB_I(r->ids[1]), DB_I(r->ids[0]) };
	const char		*code;
	uint64_t		 n = 0;
	enum app_err		 er;

	if ((er = db_tx_begin(r->db)) != APP_OK)
		return er;
	if ((er = db_review_lock(r->db, r->ids[0], r->user.id, true, &l,
	    &code)) != APP_OK) {
		if (code != NULL)
			er = resp_fail(w, er, code, msg_for_code(code));
		goto out;
	}
	if ((er = db_exec(r->db, STMT_WEBSITE_PREAPPROVAL_CLEAR, a, 1,
	    NULL)) != APP_OK ||
	    (er = db_exec(r->db, STMT_WEBSITE_DELETE_ORDER, a, 2, &n)) != APP_OK)
		goto out;
	if (n != 1) {
		er = APP_ENOTFOUND;
		goto out;
	}
	if ((er = db_order_apply(r->db, &l, OE_EDIT, "applicant", r->user.id,
	    "删除网站信息")) != APP_OK)
		goto out;
	if ((er = db_tx_commit(r->db)) != APP_OK)
		goto out;
	resp_json(w, 200, json_pack("{s:b}", "deleted", 1));
out:
	db_tx_rollback(r->db);
	return er;
}

/* A stored website as the JSON a PUT would send. */
static json_t *
stored_input(const struct website *w)
{
	const struct owner	*o = &w->owner;
	json_t			*in, *owner, *pre, *list;
	const char		*p;
	char			 num[32];
	size_t			 i, n;
	int			 k;

	pre = json_array();
	for (i = 0; i < w->npre; i++) {
		(void)snprintf(num, sizeof(num), "%lld",
		    (long long)w->pre[i].type);
		json_array_append_new(pre, json_pack("{s:s, s:s}", "type", num,
		    "number", w->pre[i].number));
	}
	(void)snprintf(num, sizeof(num), "%lld", (long long)o->id_type);
	owner = json_pack("{s:b, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "same_as_leader", o->same_as_leader, "name", o->name,
	    "id_type", num, "id_number", o->id_number, "mobile", o->mobile,
	    "emergency_phone", o->emergency, "email", o->email);
	if (o->valid_until != NULL)
		json_object_set_new(owner, "id_valid_until",
		    json_string(o->valid_until));
	else
		json_object_set_new(owner, "id_long_term", json_true());
	in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:[], s:[], s:o, s:o}",
	    "name", w->name, "domain", w->domain, "homepage_url", w->homepage,
	    "remark", w->remark, "service_number", w->service_number,
	    "content_types", "languages", "preapprovals", pre, "owner", owner);
	list = json_object_get(in, "content_types");
	for (k = 0; k < 63; k++)
		if (w->content_bits & ((int64_t)1 << k)) {
			(void)snprintf(num, sizeof(num), "%lld",
			    (long long)((int64_t)1 << k));
			json_array_append_new(list, json_string(num));
		}
	list = json_object_get(in, "languages");
	for (p = w->languages; *p != '\0'; p += n + (p[n] == ',')) {
		n = strcspn(p, ",");
		if (n > 0)
			json_array_append_new(list, json_stringn(p, n));
	}
	return in;
}

/* A form's values of key, all of them (a checkbox list repeats it). */
static json_t *
form_all(const struct req *r, const char *key)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < r->form.n; i++)
		if (strcmp(r->form.v[i].key, key) == 0)
			json_array_append_new(a, json_string(r->form.v[i].val));
	return a;
}

/* A form's preapproval_type/_number rows; an empty type is no row. */
static json_t *
form_preapprovals(const struct req *r)
{
	json_t	*t = form_all(r, "preapproval_type");
	json_t	*n = form_all(r, "preapproval_number"), *out = json_array();
	size_t	 i;

	for (i = 0; i < json_array_size(t); i++) {
		if (*json_string_value(json_array_get(t, i)) == '\0')
			continue;
		json_array_append_new(out, json_pack("{s:O, s:s}", "type",
		    json_array_get(t, i), "number", i < json_array_size(n) ?
		    json_string_value(json_array_get(n, i)) : ""));
	}
	json_decref(t);
	json_decref(n);
	return out;
}

/*
 * Put one change into the input (steals v): "owner.mobile" goes into
 * owner.  The shape is checked here; the values by website_save.
 */
static bool
change(struct resp *w, json_t *in, const char *key, json_t *v)
{
	const struct review_field	*rf = review_field_find(key);
	enum review_edit		 edit = rf != NULL ? rf->edit : RE_NONE;
	bool				 ok;

	/* Long-term goes with the validity date, which the table names. */
	if (strcmp(key, "owner.id_long_term") == 0)
		edit = RE_BOOL;
	switch (edit) {
	case RE_TEXT:
	case RE_CODE:
		ok = json_is_string(v) || (rf->edit == RE_CODE &&
		    json_is_integer(v));
		break;
	case RE_CODES:
	case RE_PREAPPROVALS:
		ok = json_is_array(v);
		break;
	case RE_BOOL:
		/* A form says "1" or "0", JSON true or false. */
		if (json_is_string(v) && (strcmp(json_string_value(v), "1") ==
		    0 || strcmp(json_string_value(v), "on") == 0 ||
		    strcmp(json_string_value(v), "0") == 0)) {
			ok = strcmp(json_string_value(v), "0") != 0;
			json_decref(v);
			v = json_boolean(ok);
		}
		ok = json_is_boolean(v);
		break;
	case RE_OWNER:
		ok = json_is_object(v);
		break;
	default:
		ok = false;
	}
	if (!ok) {
		json_decref(v);
		resp_field(w, key, "这一项不能单独修改，请在“填写网站信息”中修改");
		return false;
	}
	if (edit == RE_OWNER)
		json_object_set_new(in, "owner", v);
	else if (strncmp(key, "owner.", 6) == 0) {
		if (strcmp(key, "owner.id_valid_until") == 0)
			json_object_del(json_object_get(in, "owner"),
			    "id_long_term");
		json_object_set_new(json_object_get(in, "owner"), key + 6, v);
	} else
		json_object_set_new(in, key, v);
	return true;
}

static enum app_err
website_fields(struct req *r, struct resp *w)
{
	struct filing		 f;
	const struct website	*site;
	json_t			*in = NULL, *keep, *v;
	json_t			*seen = json_object();
	enum body_kind		 kind;
	const char		*k;
	size_t			 i, n = 0;
	enum app_err		 er;

	/* Another account's order: 404 before anything is read. */
	if ((er = filing_load(r->db, r->ids[0], r->user.id, r->now,
	    FP_WEBSITES, &f)) != APP_OK)
		goto out;
	if ((site = filing_website(&f, r->ids[1])) == NULL) {
		er = APP_ENOTFOUND;
		goto out;
	}
	in = stored_input(site);
	if (r->body_kind == BODY_JSON) {
		json_object_foreach(r->json, k, v) {
			if (!change(w, in, k, json_incref(v))) {
				er = APP_EINVAL;
				goto out;
			}
			n++;
		}
	} else if (r->body_kind == BODY_FORM) {
		for (i = 0; i < r->form.n; i++) {
			k = r->form.v[i].key;
			/* Where the browser goes afterwards is no field. */
			if (strcmp(k, "next") == 0 || strcmp(k, "back") == 0)
				continue;
			if (strncmp(k, "preapproval_", 12) == 0)
				k = "preapprovals";
			if (json_object_get(seen, k) != NULL)
				continue;	/* a list: taken whole below */
			json_object_set_new(seen, k, json_true());
			v = strcmp(k, "preapprovals") == 0 ?
			    form_preapprovals(r) : review_field_find(k) != NULL &&
			    review_field_find(k)->edit == RE_CODES ?
			    form_all(r, k) : json_string(r->form.v[i].val);
			if (!change(w, in, k, v)) {
				er = APP_EINVAL;
				goto out;
			}
			n++;
		}
	}
	if (n == 0) {
		er = resp_field(w, "fields", "没有要修改的内容");
		goto out;
	}
	/* The whole website goes through the checks and the item lock. */
	keep = r->json;
	kind = r->body_kind;
	r->json = in;
	r->body_kind = BODY_JSON;
	er = website_save(r, w, r->ids[1], true);
	r->json = keep;
	r->body_kind = kind;
out:
	json_decref(seen);
	json_decref(in);
	filing_free(&f);
	return er;
}

static enum app_err
websites_get(struct req *r, struct resp *w)
{
	struct filing		 f;
	json_t			*order = NULL, *all = NULL, *edit = NULL, *site;
	json_t			*lists = NULL;
	const char		*e;
	int64_t			 wid = 0, edit_id = 0;
	char			 key[32];
	enum app_err		 er;

	if ((er = db_order_json(r->db, r->ids[0], r->user.id, &order)) !=
	    APP_OK)
		return er;
	if ((er = filing_load(r->db, r->ids[0], r->user.id, r->now, FP_REFS,
	    &f)) != APP_OK)
		goto out;
	/* ?edit=W: the form comes back filled with W as stored. */
	if ((e = kv_get(&r->query, "edit")) != NULL &&
	    str_to_i64(e, 1, INT64_MAX, &wid) &&
	    db_website_fields(r->db, r->ids[0], &all) == APP_OK) {
		snprintf(key, sizeof(key), "%lld", (long long)wid);
		if ((site = json_object_get(all, key)) != NULL) {
			edit = json_incref(site);
			edit_id = wid;
		}
		json_decref(all);
	}
	if ((lists = json_pack("{s:o, s:o, s:o, s:o, s:o}",
	    "content_types", codes_json(f.refs.content, f.refs.ncontent),
	    "languages", codes_json(f.refs.langs, f.refs.nlangs),
	    "preapproval_types", codes_json(f.refs.preapp, f.refs.npreapp),
	    "id_types", certs_json(&f.refs),
	    "rules", rules_province_json(&f.rules))) == NULL) {
		er = APP_EINTERNAL;
		goto out;
	}
	resp_json(w, 200, json_pack("{s:O, s:O, s:{s:I, s:s}, s:O, s:O, s:O, "
	    "s:O, s:O, s:b, s:o, s:I}",
	    "websites", json_object_get(order, "websites"),
	    "order", order,
	    "limits", "max_websites", (json_int_t)rule_value(&f.rules,
	    RK_MAX_WEBSITES_PER_ORDER), "message", rule_message(&f.rules,
	    RK_MAX_WEBSITES_PER_ORDER),
	    "content_types", json_object_get(lists, "content_types"),
	    "languages", json_object_get(lists, "languages"),
	    "preapproval_types", json_object_get(lists, "preapproval_types"),
	    "id_types", json_object_get(lists, "id_types"),
	    "rules", json_object_get(lists, "rules"),
	    "personal", f.s.personal,
	    "edit", edit != NULL ? edit : json_null(),
	    "edit_id", (json_int_t)edit_id));
	edit = NULL;
out:
	json_decref(edit);
	json_decref(lists);
	json_decref(order);
	filing_free(&f);
	return er;
}

/* --- GET /api/rules/{province} --- */

struct	prov {
	char	 code[8];
	char	 name[32];
	char	 abbr[8];
};

static enum app_err
prov_row(const struct db_row *row, void *arg)
{
	struct prov	*p = arg;

	snprintf(p->code, sizeof(p->code), "%s", db_row_str(row, COL_PROVINCE_FIND_CODE));
	snprintf(p->abbr, sizeof(p->abbr), "%s", db_row_str(row, COL_PROVINCE_FIND_ABBR));
	return APP_OK;
}

static enum app_err
rules_get(struct req *r, struct resp *w)
{
	struct refs		 c;
	struct prov		 p;
	struct rules		 personal, org;
	struct db_arg		 a[3] = { DB_S(r->str), DB_S(r->str),
	    DB_S(r->str) };
	json_t			*body;
	enum app_err		 er;

	memset(&c, 0, sizeof(c));
	memset(&p, 0, sizeof(p));
	memset(&personal, 0, sizeof(personal));
	memset(&org, 0, sizeof(org));
	if ((er = db_query(r->db, STMT_PROVINCE_FIND, a, 3, prov_row, &p)) !=
	    APP_OK)
		return er;
	if (p.code[0] == '\0')
		return resp_fail(w, APP_ENOTFOUND, "province_unknown",
		    "没有这个省份。请使用省份名称（如“浙江”）、简称（如“浙”）或代码（如 330000）。");
	if ((er = refs_load(r->db, bizday_china_date(r->now), &c)) != APP_OK ||
	    (er = rules_load(r->db, r->now, p.code, true, &personal)) !=
	    APP_OK ||
	    (er = rules_load(r->db, r->now, p.code, false, &org)) != APP_OK)
		goto out;
	if ((body = json_pack("{s:{s:s, s:s}, s:{s:o, s:o}, s:o, s:o, "
	    "s:o, s:o, s:o, s:o}",
	    "province", "code", p.code, "abbr", p.abbr,
	    "rules", "personal", rules_province_json(&personal),
	    "organisation", rules_province_json(&org),
	    "name_rules", name_rules_json(&c),
	    "suffixes", suffixes_json(&c),
	    "content_types", codes_json(c.content, c.ncontent),
	    "languages", codes_json(c.langs, c.nlangs),
	    "preapproval_types", codes_json(c.preapp, c.npreapp),
	    "id_types", certs_json(&c))) == NULL)
		er = APP_EINTERNAL;
	else
		resp_json(w, 200, body);
out:
	rules_free(&personal);
	rules_free(&org);
	refs_free(&c);
	return er;
}

int
main(int argc, char *argv[])
{
#define lists	"content_types languages preapproval_type preapproval_number"
	static const char *const repeats[ROUTE__MAX] = {
		[ROUTE_WEBSITE_CREATE] = lists,
		[ROUTE_WEBSITE_CHECK] = lists,
		[ROUTE_WEBSITE_UPDATE] = lists,
		[ROUTE_WEBSITE_FIELDS] = lists,
		[ROUTE_WEBSITE_UPDATE_FORM] = lists,
	};
#undef lists
	static const struct app app = {
		"website", routes, ROUTE__MAX, NULL, 0, repeats
	};

	return app_main(argc, argv, &app);
}
