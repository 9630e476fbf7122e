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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "lib/app.h"
#include "lib/db-order.h"
#include "lib/db-review.h"
#include "lib/log.h"
#include "lib/messages.h"
#include "lib/rules.h"
#include "lib/site-check.h"
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

struct	input {
	struct req	*r;
	json_t		*keep;		/* strings made here live as long */
};

static const char *
in_str(struct input *in, const char *path)
{
	json_t		*v = in->r->json;
	const char	*dot;
	char		 key[64], num[32];
	size_t		 n;

	if (in->r->body_kind == BODY_FORM)
		return kv_get(&in->r->form, path);
	if (in->r->body_kind != BODY_JSON || v == NULL)
		return NULL;
	for (;;) {
		dot = strchr(path, '.');
		n = dot != NULL ? (size_t)(dot - path) : strlen(path);
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		v = json_object_get(v, key);
		if (dot == NULL)
			break;
		path = dot + 1;
	}
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%lld",
		    (long long)json_integer_value(v));
		json_array_append_new(in->keep, json_string(num));
		return json_string_value(json_array_get(in->keep,
		    json_array_size(in->keep) - 1));
	}
	return NULL;
}

static bool
in_bool(struct input *in, const char *path)
{
	const char	*s;
	json_t		*o;

	if (in->r->body_kind == BODY_JSON) {
		o = json_object_get(in->r->json, "owner");
		if (strcmp(path, "owner.same_as_leader") == 0)
			return json_is_true(json_object_get(o, "same_as_leader"));
		if (strcmp(path, "owner.id_long_term") == 0)
			return json_is_true(json_object_get(o, "id_long_term"));
		return false;
	}
	s = in_str(in, path);
	return s != NULL && (strcmp(s, "1") == 0 || strcmp(s, "on") == 0 ||
	    strcmp(s, "true") == 0);
}

/* A list of codes: a JSON array, or a form key given several times. */
static json_t *
in_list(struct input *in, const char *key)
{
	json_t	*out = json_array(), *v, *e;
	size_t	 i;
	char	 num[32];

	if (in->r->body_kind == BODY_FORM) {
		for (i = 0; i < in->r->form.n; i++)
			if (strcmp(in->r->form.v[i].key, key) == 0)
				json_array_append_new(out,
				    json_string(in->r->form.v[i].val));
		return out;
	}
	v = json_object_get(in->r->json, key);
	json_array_foreach(v, i, e) {
		if (json_is_integer(e)) {
			snprintf(num, sizeof(num), "%lld",
			    (long long)json_integer_value(e));
			json_array_append_new(out, json_string(num));
		} else if (json_is_string(e))
			json_array_append_new(out, json_incref(e));
		else
			json_array_append_new(out, json_string("?"));
	}
	return out;
}

/* Pre-approvals: [{type, number}] or form pairs preapproval_type/_number. */
static json_t *
in_preapprovals(struct input *in)
{
	json_t	*out = json_array(), *v, *e, *t;
	size_t	 i, k = 0;

	if (in->r->body_kind == BODY_FORM) {
		for (i = 0; i < in->r->form.n; i++) {
			if (strcmp(in->r->form.v[i].key, "preapproval_type") == 0)
				json_array_append_new(out, json_pack("{s:s, s:s}",
				    "type", in->r->form.v[i].val, "number", ""));
		}
		for (i = 0; i < in->r->form.n; i++) {
			if (strcmp(in->r->form.v[i].key, "preapproval_number"))
				continue;
			if ((e = json_array_get(out, k++)) != NULL)
				json_object_set_new(e, "number",
				    json_string(in->r->form.v[i].val));
		}
		/* An empty row of the form is no pre-approval. */
		for (i = json_array_size(out); i-- > 0; ) {
			e = json_array_get(out, i);
			if (*json_string_value(json_object_get(e, "type")) == '\0')
				json_array_remove(out, i);
		}
		return out;
	}
	v = json_object_get(in->r->json, "preapprovals");
	json_array_foreach(v, i, e) {
		t = json_object_get(e, "type");
		json_array_append_new(out, json_pack("{s:s, s:s}",
		    "type", json_is_integer(t) ? "" : json_is_string(t) ?
		    json_string_value(t) : "?",
		    "number", json_is_string(json_object_get(e, "number")) ?
		    json_string_value(json_object_get(e, "number")) : ""));
		if (json_is_integer(t)) {
			char	 num[32];

			snprintf(num, sizeof(num), "%lld",
			    (long long)json_integer_value(t));
			json_object_set_new(json_array_get(out, i), "type",
			    json_string(num));
		}
	}
	return out;
}

static void
site_read(struct input *in, struct site *s)
{
	memset(s, 0, sizeof(*s));
	s->name = in_str(in, "name");
	s->domain = in_str(in, "domain");
	s->homepage = in_str(in, "homepage_url");
	s->remark = in_str(in, "remark");
	s->sin = in_str(in, "service_number");
	s->preapprovals = in_preapprovals(in);
	s->content_list = in_list(in, "content_types");
	s->language_list = in_list(in, "languages");
	s->same_as_leader = in_bool(in, "owner.same_as_leader");
	s->o_name = in_str(in, "owner.name");
	s->o_id_type = in_str(in, "owner.id_type");
	s->o_id_number = in_str(in, "owner.id_number");
	s->o_valid_until = in_str(in, "owner.id_valid_until");
	s->o_long_term = in_bool(in, "owner.id_long_term");
	s->o_mobile = in_str(in, "owner.mobile");
	s->o_emergency = in_str(in, "owner.emergency_phone");
	s->o_email = in_str(in, "owner.email");
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
limit_check(struct req *r, struct resp *w, struct site_ctx *c, int64_t oid,
    bool adding)
{
	struct db_arg	 a[1] = { DB_I(oid) };
	int64_t		 have = 0, max;
	enum rule_key	 rule = RK_MAX_WEBSITES_PER_ORDER;
	enum app_err	 er;

	if (!adding)
		return APP_OK;
	if ((er = db_query(r->db, STMT_ORDER_WEBSITE_COUNT, a, 1, int_row,
	    &have)) != APP_OK)
		return er;
	max = rule_value(&c->pr, rule);
	/* One domain per website: the domain cap is a website cap too. */
	if (rule_value(&c->pr, RK_MAX_DOMAINS_PER_ORDER) > 0 &&
	    rule_value(&c->pr, RK_MAX_DOMAINS_PER_ORDER) < max) {
		rule = RK_MAX_DOMAINS_PER_ORDER;
		max = rule_value(&c->pr, rule);
	}
	if (have < max)
		return APP_OK;
	w->extra = json_pack("{s:I}", "max", (json_int_t)max);
	return resp_fail(w, APP_ECONFLICT, "website_limit",
	    rule_message(&c->pr, rule));
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
 * longer true go, and a warning says what to upload instead.  Another
 * person (another ID number with another name, or in place of the
 * leader) makes the owner's scans, 核验单 and 授权书 stale; a corrected
 * digit of the same person's ID does not.  Another domain makes its
 * certificate and the 核验单 that names it stale.
 */
static enum app_err
stale_documents_drop(struct db *db, int64_t oid, int64_t wid,
    const json_t *before, const struct site *s, json_t *warnings)
{
	const json_t	*b;
	const char	*id, *name, *same, *dom;
	char		 key[32];
	uint64_t	 n = 0;
	bool		 person;
	enum app_err	 er;

	snprintf(key, sizeof(key), "%lld", (long long)wid);
	b = json_object_get(before, key);
	id = json_string_value(json_object_get(b, "owner.id_number"));
	name = json_string_value(json_object_get(b, "owner.name"));
	same = json_string_value(json_object_get(b, "owner.same_as_leader"));
	dom = json_string_value(json_object_get(b, "domain"));
	if (id == NULL || name == NULL || same == NULL || dom == NULL)
		return APP_OK;
	person = s->o_id_number != NULL && strcasecmp(id, s->o_id_number) != 0 &&
	    ((s->o_name != NULL && strcmp(name, s->o_name) != 0) ||
	    (strcmp(same, "0") != 0) != s->same_as_leader);
	if (person) {
		if ((er = documents_drop(db, oid, wid, review_owner_kinds,
		    &n)) != APP_OK)
			return er;
		if (n > 0)
			json_object_set_new(warnings, "uploads", json_pack("[s]",
			    "网站负责人换了一个人：原负责人的证件照片和签字的核验单"
			    "（及授权书）已移除。请下载新的核验单，由新负责人签字，"
			    "并上传新负责人的证件。"));
	}
	if (strcmp(dom, s->domain_u) != 0) {
		if ((er = documents_drop(db, oid, wid, review_domain_kinds,
		    &n)) != APP_OK)
			return er;
		if (n > 0)
			json_object_set_new(warnings, "domain_documents",
			    json_pack("[s]", "网站域名改了：原域名的域名证书和写着原"
			    "域名的核验单已移除。请上传新域名的域名证书，并下载新的核验"
			    "单签字后上传。"));
	}
	return APP_OK;
}

/* Check, and save when save is set: create (wid 0) or update wid. */
static enum app_err
website_save(struct req *r, struct resp *w, int64_t wid, bool save)
{
	struct input		 in = { r, json_array() };
	struct site_ctx		 c;
	struct site		 s;
	struct order_lock	 l;
	struct site_result	 res;
	json_t			*arr = NULL, *e, *before = NULL;
	struct db_arg		 a[18];
	size_t			 locked = 0;
	int64_t			 oid = r->ids[0], newid = 0;
	uint64_t		 n = 0;
	size_t			 i;
	enum app_err		 er;

	memset(&s, 0, sizeof(s));
	site_result_init(&res);
	if ((er = site_ctx_load(r->db, oid, r->user.id, r->now, &c)) !=
	    APP_OK)
		goto out;
	if (wid != 0) {
		/* The order is the account's (ctx_load); is the website its? */
		arr = json_array();
		if ((er = db_order_websites(r->db, oid, wid, arr)) != APP_OK)
			goto out;
		if (json_array_size(arr) == 0) {
			er = APP_ENOTFOUND;
			goto out;
		}
		json_decref(arr);
		arr = NULL;
	}
	site_read(&in, &s);
	if (save && (er = limit_check(r, w, &c, oid, wid == 0)) != APP_OK)
		goto out;
	site_check(r->db, &c, &s, oid, wid, &res);
	if (!save) {
		resp_json(w, 200, json_pack("{s:O, s:O}", "errors", res.errors,
		    "warnings", res.warnings));
		er = APP_OK;
		goto out;
	}
	if (json_object_size(res.errors) > 0) {
		er = refuse(w, res.errors, res.warnings);
		goto out;
	}

	if ((er = db_tx_begin(r->db)) != APP_OK)
		goto out;
	/* After a rejection: no new website, and only rejected fields. */
	if ((er = db_review_lock(r->db, w, oid, r->user.id, wid == 0, &l)) !=
	    APP_OK)
		goto out;
	if (wid != 0 &&
	    (er = db_website_fields(r->db, oid, &before)) != APP_OK)
		goto out;
	i = 0;
	if (wid == 0)
		a[i++] = DB_I(oid);
	a[i++] = DB_S(s.name);
	a[i++] = DB_S(s.domain_u);
	a[i++] = DB_S(s.domain_a);
	a[i++] = DB_S(s.homepage);
	a[i++] = DB_I(s.content_bits);
	a[i++] = DB_S(s.languages);
	a[i++] = DB_S(s.remark != NULL ? s.remark : "");
	a[i++] = DB_I(s.sin_id);
	a[i++] = DB_I(s.same_as_leader ? 1 : 0);
	a[i++] = DB_S(s.o_name);
	a[i++] = DB_I(s.o_id_type_code);
	a[i++] = DB_S(s.o_id_number);
	a[i++] = DB_S(s.o_long_term ? NULL : s.o_valid_until);
	a[i++] = DB_S(s.o_mobile);
	a[i++] = DB_S(s.o_emergency);
	a[i++] = DB_S(s.o_email);
	if (wid == 0)
		er = db_insert(r->db, STMT_WEBSITE_INSERT_ORDER, a, i, &newid);
	else {
		a[i++] = DB_I(wid);
		a[i++] = DB_I(oid);
		er = db_exec(r->db, STMT_WEBSITE_UPDATE_ORDER, a, i, &n);
		newid = wid;
	}
	if (er == APP_ECONFLICT) {
		/* The same domain or number twice in one order. */
		resp_field(w, "domain", "本订单中已有这个域名，或这个备案服务号已被另一个网站使用");
		er = APP_EINVAL;
		goto out;
	}
	if (er != APP_OK)
		goto out;
	a[0] = DB_I(newid);
	if ((er = db_exec(r->db, STMT_WEBSITE_PREAPPROVAL_CLEAR, a, 1, NULL)) !=
	    APP_OK)
		goto out;
	json_array_foreach(s.preapprovals, i, e) {
		int64_t	 code = 0;

		(void)str_to_i64(json_string_value(json_object_get(e, "type")),
		    1, INT64_MAX, &code);
		a[0] = DB_I(newid);
		a[1] = DB_I(code);
		a[2] = DB_S(json_string_value(json_object_get(e, "number")));
		if ((er = db_exec(r->db, STMT_WEBSITE_PREAPPROVAL_ADD, a, 3,
		    NULL)) != APP_OK)
			goto out;
	}
	if (wid != 0 && (er = stale_documents_drop(r->db, oid, wid, before,
	    &s, res.warnings)) != APP_OK)
		goto out;
	if ((er = db_review_check_edit(r->db, &l, newid, before, w,
	    &locked)) != APP_OK)
		goto out;
	if (locked > 0) {
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
	json_object_set(e, "warnings", res.warnings);
	resp_json(w, wid == 0 ? 201 : 200, json_incref(e));
out:
	db_tx_rollback(r->db);
	json_decref(arr);
	json_decref(before);
	json_decref(s.preapprovals);
	json_decref(s.content_list);
	json_decref(s.language_list);
	site_result_free(&res);
	json_decref(in.keep);
	site_ctx_free(&c);
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
	uint64_t		 n = 0;
	enum app_err		 er;

	if ((er = db_tx_begin(r->db)) != APP_OK)
		return er;
	if ((er = db_review_lock(r->db, w, r->ids[0], r->user.id, true,
	    &l)) != APP_OK)
		goto out;
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

/* "a,b,c" as a JSON array of strings, as a form's repeated key gives. */
static json_t *
csv_list(const char *csv, const char *sep)
{
	json_t		*a = json_array();
	const char	*p = csv != NULL ? csv : "";
	size_t		 n;

	while (*p != '\0') {
		n = strcspn(p, sep);
		if (n > 0)
			json_array_append_new(a, json_stringn(p, n));
		p += n;
		if (*p != '\0')
			p++;
	}
	return a;
}

/* A stored website (db_website_fields) as the JSON a PUT would send. */
static json_t *
stored_input(const json_t *f)
{
	json_t		*in, *owner, *pre, *e;
	const char	*until, *colon, *s;
	size_t		 i;

#define F(k)	json_string_value(json_object_get(f, k))
	pre = json_array();
	e = csv_list(F("preapprovals"), ";");
	json_array_foreach(e, i, owner) {
		s = json_string_value(owner);
		if ((colon = strchr(s, ':')) == NULL)
			continue;
		json_array_append_new(pre, json_pack("{s:s%, s:s}", "type", s,
		    (size_t)(colon - s), "number", colon + 1));
	}
	json_decref(e);
	until = F("owner.id_valid_until");
	owner = json_pack("{s:b, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "same_as_leader", strcmp(F("owner.same_as_leader"), "0") != 0,
	    "name", F("owner.name"), "id_type", F("owner.id_type"),
	    "id_number", F("owner.id_number"), "mobile", F("owner.mobile"),
	    "emergency_phone", F("owner.emergency_phone"),
	    "email", F("owner.email"));
	if (*until != '\0')
		json_object_set_new(owner, "id_valid_until", json_string(until));
	else
		json_object_set_new(owner, "id_long_term", json_true());
	in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}",
	    "name", F("name"), "domain", F("domain"),
	    "homepage_url", F("homepage_url"), "remark", F("remark"),
	    "service_number", F("service_number"),
	    "content_types", csv_list(F("content_types"), ","),
	    "languages", csv_list(F("languages"), ","),
	    "preapprovals", pre, "owner", owner);
#undef F
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
	json_t		*all = NULL, *in = NULL, *order = NULL, *keep, *v;
	json_t		*seen = json_object();
	enum body_kind	 kind;
	const char	*k;
	char		 id[32];
	size_t		 i, n = 0;
	enum app_err	 er;

	/* Another account's order: 404 before anything is read. */
	if ((er = db_order_json(r->db, r->ids[0], r->user.id, &order)) !=
	    APP_OK)
		goto out;
	if ((er = db_website_fields(r->db, r->ids[0], &all)) != APP_OK)
		goto out;
	snprintf(id, sizeof(id), "%lld", (long long)r->ids[1]);
	if ((v = json_object_get(all, id)) == NULL) {
		er = APP_ENOTFOUND;
		goto out;
	}
	in = stored_input(v);
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
	json_decref(all);
	json_decref(order);
	return er;
}

static enum app_err
websites_get(struct req *r, struct resp *w)
{
	struct site_ctx	 c;
	json_t		*order = NULL, *all = NULL, *edit = NULL, *site;
	const char	*e;
	int64_t		 wid = 0, edit_id = 0;
	char		 key[32];
	enum app_err	 er;

	if ((er = db_order_json(r->db, r->ids[0], r->user.id, &order)) !=
	    APP_OK)
		return er;
	if ((er = site_ctx_load(r->db, r->ids[0], r->user.id, r->now,
	    &c)) != APP_OK) {
		json_decref(order);
		site_ctx_free(&c);
		return er;
	}
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
	resp_json(w, 200, json_pack("{s:O, s:O, s:{s:I, s:s}, s:O, s:O, s:O, "
	    "s:O, s:o, s:b, s:o, s:I}",
	    "websites", json_object_get(order, "websites"),
	    "order", order,
	    "limits", "max_websites", (json_int_t)rule_value(&c.pr,
	    RK_MAX_WEBSITES_PER_ORDER), "message", rule_message(&c.pr,
	    RK_MAX_WEBSITES_PER_ORDER),
	    "content_types", c.content,
	    "languages", c.langs,
	    "preapproval_types", c.preapp,
	    "id_types", c.certs,
	    "rules", rules_province_json(&c.pr),
	    "personal", c.s.personal,
	    "edit", edit != NULL ? edit : json_null(),
	    "edit_id", (json_int_t)edit_id));
	json_decref(order);
	site_ctx_free(&c);
	return APP_OK;
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
	struct site_ctx		 c;
	struct prov		 p;
	struct rules		 personal, org;
	struct db_arg		 a[3] = { DB_S(r->str), DB_S(r->str),
	    DB_S(r->str) };
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
	if ((er = site_lists_load(r->db, &c)) != APP_OK ||
	    (er = rules_load(r->db, r->now, p.code, true, &personal)) !=
	    APP_OK ||
	    (er = rules_load(r->db, r->now, p.code, false, &org)) != APP_OK)
		goto out;
	resp_json(w, 200, json_pack("{s:{s:s, s:s}, s:{s:o, s:o}, s:O, s:O, "
	    "s:O, s:O, s:O, s:O}",
	    "province", "code", p.code, "abbr", p.abbr,
	    "rules", "personal", rules_province_json(&personal),
	    "organisation", rules_province_json(&org),
	    "name_rules", c.names,
	    "suffixes", c.suffixes,
	    "content_types", c.content,
	    "languages", c.langs,
	    "preapproval_types", c.preapp,
	    "id_types", c.certs));
out:
	rules_free(&personal);
	rules_free(&org);
	site_ctx_free(&c);
	return er;
}

int
main(int argc, char *argv[])
{
	static const struct app app = { "website", routes, ROUTE__MAX, NULL, 0 };

	return app_main(argc, argv, &app);
}
