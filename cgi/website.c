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
#include <time.h>

#include "lib/app.h"
#include "lib/db-order.h"
#include "lib/log.h"
#include "lib/messages.h"
#include "lib/rules.h"
#include "lib/sin.h"
#include "lib/valid.h"
#include "views.h"

#define NAME_MIN	3
#define NAME_MAX	50
#define REMARK_MAX	500

static enum app_err	websites_get(struct req *, struct resp *);
static enum app_err	website_create(struct req *, struct resp *);
static enum app_err	website_dry_run(struct req *, struct resp *);
static enum app_err	website_update(struct req *, struct resp *);
static enum app_err	website_delete(struct req *, struct resp *);
static enum app_err	rules_get(struct req *, struct resp *);

enum	route_id {
	ROUTE_WEBSITES,
	ROUTE_WEBSITE_CREATE,
	ROUTE_WEBSITE_CHECK,
	ROUTE_WEBSITE_UPDATE,
	ROUTE_WEBSITE_DELETE,
	ROUTE_WEBSITE_DELETE_FORM,
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

/* --- what the checks need to know --- */

struct	subj {
	int64_t	 id;
	bool	 personal;
	bool	 state;
	char	 province[8];
	char	 leader_name[64];
	int64_t	 leader_id_type;
	char	 leader_id[48];
	char	 leader_mobile[24];
	char	 leader_email[256];
	char	 legal_rep[64];
	bool	 found;
};

struct	ctx {
	struct subj		 s;
	struct prov_rules	 pr;
	json_t			*names;		/* name_rule rows */
	json_t			*suffixes;	/* ["cn", ...] */
	json_t			*content;	/* code -> name */
	json_t			*langs;
	json_t			*preapp;
	json_t			*certs;		/* code -> {name, personal} */
	int64_t			 today;		/* YYYYMMDD */
};

static enum app_err
subj_row(const struct db_row *row, void *arg)
{
	struct subj	*s = arg;

	s->found = true;
	s->id = db_row_int(row, 0);
	s->state = strcmp(db_row_str(row, 1), "government") == 0;
	s->personal = db_row_int(row, 2) != 0;
	snprintf(s->province, sizeof(s->province), "%s", db_row_str(row, 3));
	snprintf(s->leader_name, sizeof(s->leader_name), "%s",
	    db_row_str(row, 4));
	s->leader_id_type = db_row_int(row, 5);
	snprintf(s->leader_id, sizeof(s->leader_id), "%s", db_row_str(row, 6));
	snprintf(s->leader_mobile, sizeof(s->leader_mobile), "%s",
	    db_row_str(row, 7));
	snprintf(s->leader_email, sizeof(s->leader_email), "%s",
	    db_row_str(row, 8));
	snprintf(s->legal_rep, sizeof(s->legal_rep), "%s",
	    db_row_str(row, 9) != NULL ? db_row_str(row, 9) : "");
	return APP_OK;
}

static enum app_err
code_name_row(const struct db_row *row, void *arg)
{
	char	 k[32];

	snprintf(k, sizeof(k), "%lld", (long long)db_row_int(row, 0));
	json_object_set_new(arg, k, json_string(db_row_str(row, 1)));
	return APP_OK;
}

static enum app_err
cert_row(const struct db_row *row, void *arg)
{
	char	 k[32];

	snprintf(k, sizeof(k), "%lld", (long long)db_row_int(row, 0));
	json_object_set_new(arg, k, json_pack("{s:s, s:b}", "name",
	    db_row_str(row, 1), "personal", db_row_int(row, 2) != 0));
	return APP_OK;
}

static enum app_err
suffix_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_string(db_row_str(row, 0)));
	return APP_OK;
}

static enum app_err
int_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, 0);
	return APP_OK;
}

static void
ctx_free(struct ctx *c)
{
	prov_rules_free(&c->pr);
	json_decref(c->names);
	json_decref(c->suffixes);
	json_decref(c->content);
	json_decref(c->langs);
	json_decref(c->preapp);
	json_decref(c->certs);
	memset(c, 0, sizeof(*c));
}

/* The lists every check reads (province NULL: no subject needed). */
static enum app_err
lists_load(struct db *db, struct ctx *c)
{
	enum app_err	 er;

	c->suffixes = json_array();
	c->content = json_object();
	c->langs = json_object();
	c->preapp = json_object();
	c->certs = json_object();
	if ((er = name_rules_load(db, &c->names)) != APP_OK ||
	    (er = db_query(db, STMT_DOMAIN_SUFFIXES, NULL, 0, suffix_row,
	    c->suffixes)) != APP_OK ||
	    (er = db_query(db, STMT_CONTENT_TYPES, NULL, 0, code_name_row,
	    c->content)) != APP_OK ||
	    (er = db_query(db, STMT_LANGUAGES, NULL, 0, code_name_row,
	    c->langs)) != APP_OK ||
	    (er = db_query(db, STMT_PREAPPROVAL_TYPES, NULL, 0, code_name_row,
	    c->preapp)) != APP_OK ||
	    (er = db_query(db, STMT_CERT_TYPES, NULL, 0, cert_row,
	    c->certs)) != APP_OK)
		return er;
	return APP_OK;
}

static enum app_err
ctx_load(struct req *r, struct ctx *c)
{
	struct db_arg	 a[2] = { DB_I(r->ids[0]), DB_I(r->user.id) };
	struct tm	 tm;
	time_t		 now = (time_t)r->now;
	enum app_err	 er;

	memset(c, 0, sizeof(*c));
	gmtime_r(&now, &tm);
	/* Dates of the applicant: China Standard Time. */
	now += 8 * 3600;
	gmtime_r(&now, &tm);
	c->today = (int64_t)(tm.tm_year + 1900) * 10000 +
	    (tm.tm_mon + 1) * 100 + tm.tm_mday;
	if ((er = db_query(r->db, STMT_ORDER_SUBJECT_FULL, a, 2, subj_row,
	    &c->s)) != APP_OK)
		return er;
	if (!c->s.found)
		return APP_ENOTFOUND;
	if ((er = prov_rules_load(r->db, c->s.province, c->s.personal,
	    &c->pr)) != APP_OK)
		return er;
	return lists_load(r->db, c);
}

/* --- the checks --- */

struct	site {
	const char	*name, *domain, *homepage, *remark, *sin;
	char		 domain_u[256], domain_a[256];
	int64_t		 content_bits;
	char		 languages[160];
	json_t		*preapprovals;	/* [{type, number}] */
	int64_t		 preapp_bits;
	bool		 same_as_leader;
	const char	*o_name, *o_id_type, *o_id_number, *o_valid_until;
	bool		 o_long_term;
	const char	*o_mobile, *o_emergency, *o_email;
	int64_t		 o_id_type_code;
	int64_t		 sin_id;
};

static void
err(json_t *errors, const char *field, const char *msg)
{
	if (json_object_get(errors, field) == NULL)
		json_object_set_new(errors, field, json_string(msg));
}

static void
warn(json_t *warnings, const char *field, const char *msg)
{
	json_t	*a = json_object_get(warnings, field);

	if (a == NULL) {
		a = json_array();
		json_object_set_new(warnings, field, a);
	}
	json_array_append_new(a, json_string(msg));
}

static bool
valid_date(const char *s, int64_t *ymd)
{
	int64_t	 y, m, d;
	char	 buf[16];

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	memcpy(buf, s, 10);
	buf[4] = buf[7] = '\0';
	buf[10] = '\0';
	if (!str_to_i64(buf, 1900, 2999, &y) ||
	    !str_to_i64(buf + 5, 1, 12, &m) || !str_to_i64(buf + 8, 1, 31, &d))
		return false;
	*ymd = y * 10000 + m * 100 + d;
	return true;
}

/* YYYYMMDD plus n days. */
static int64_t
date_add(int64_t ymd, int64_t days)
{
	struct tm	 tm;
	time_t		 t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)(ymd / 10000) - 1900;
	tm.tm_mon = (int)(ymd / 100 % 100) - 1;
	tm.tm_mday = (int)(ymd % 100) + (int)days;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	return (int64_t)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday;
}

static void
check_owner(struct req *r, struct ctx *c, struct site *s, json_t *errors,
    json_t *warnings)
{
	json_t		*cert;
	int64_t		 birth = 0, until, min_days, age_min, n = 0;
	enum vr		 v;
	struct db_arg	 a[4];
	char		 msg[200];

	if (s->same_as_leader) {
		s->o_name = c->s.leader_name;
		s->o_id_number = c->s.leader_id;
		s->o_id_type_code = c->s.leader_id_type;
		s->o_mobile = c->s.leader_mobile;
		s->o_email = c->s.leader_email;
	} else {
		if (s->o_name == NULL || *s->o_name == '\0')
			err(errors, "owner.name", "请填写网站负责人姓名（与证件一致）");
		else if (utf8_len(s->o_name) > 30)
			err(errors, "owner.name", "姓名过长（最多 30 个字）");
		if (s->o_id_type == NULL ||
		    !str_to_i64(s->o_id_type, 1, 999, &s->o_id_type_code) ||
		    (cert = json_object_get(c->certs, s->o_id_type)) == NULL ||
		    !json_is_true(json_object_get(cert, "personal")))
			err(errors, "owner.id_type", "请选择网站负责人的证件类型");
		else {
			v = s->o_id_type_code == 2 ?
			    valid_id_card(s->o_id_number, c->today, &birth) :
			    valid_id_other(s->o_id_number);
			if (v != VR_OK)
				err(errors, "owner.id_number", valid_message(v));
		}
		if ((v = valid_mobile(s->o_mobile)) != VR_OK)
			err(errors, "owner.mobile", valid_message(v));
		if ((v = valid_email(s->o_email)) != VR_OK)
			err(errors, "owner.email", valid_message(v));
	}
	if (s->o_id_type_code == 2 && birth == 0)
		(void)valid_id_card(s->o_id_number, c->today, &birth);

	/* ID validity: long-term, or an end date far enough ahead. */
	min_days = prov_rule_value(&c->pr, "min_id_validity_days", 0);
	/* The leader's ID is on file with the subject: asked only if given. */
	if (s->same_as_leader && (s->o_valid_until == NULL ||
	    *s->o_valid_until == '\0'))
		s->o_long_term = true;
	if (!s->o_long_term) {
		if (s->o_valid_until == NULL || *s->o_valid_until == '\0')
			err(errors, "owner.id_valid_until",
			    "请填写证件有效期截止日期，或选择“长期有效”");
		else if (!valid_date(s->o_valid_until, &until))
			err(errors, "owner.id_valid_until",
			    "日期格式应为 YYYY-MM-DD，例如 2035-06-30");
		else if (until <= date_add(c->today, min_days)) {
			if (min_days > 0)
				snprintf(msg, sizeof(msg), "%s（当前证件将于 %s 到期）",
				    prov_rule_message(&c->pr,
				    "min_id_validity_days"), s->o_valid_until);
			else
				snprintf(msg, sizeof(msg), "证件已过期，请使用有效证件");
			err(errors, "owner.id_valid_until", msg);
		}
	}
	/* Age, where the ID number says the birth date. */
	age_min = prov_rule_value(&c->pr, "owner_min_age", 18);
	if (birth > 0 && age_min > 0 && c->today - birth < age_min * 10000) {
		snprintf(msg, sizeof(msg), "%s", prov_rule_message(&c->pr,
		    "owner_min_age"));
		err(errors, "owner.id_number", msg);
	}

	if (s->o_emergency == NULL || *s->o_emergency == '\0')
		err(errors, "owner.emergency_phone", "请填写应急联系电话");
	else if ((v = valid_phone(s->o_emergency)) != VR_OK)
		err(errors, "owner.emergency_phone", valid_message(v));
	else if (s->o_mobile != NULL && strcmp(s->o_emergency, s->o_mobile) == 0 &&
	    prov_rule_value(&c->pr, "emergency_differs", 1) != 0)
		err(errors, "owner.emergency_phone",
		    prov_rule_message(&c->pr, "emergency_differs"));

	/* A different person: contacts one-to-one (domain.md §8). */
	if (!s->same_as_leader && s->o_id_number != NULL &&
	    strcasecmp(s->o_id_number, c->s.leader_id) != 0) {
		if (s->o_mobile != NULL &&
		    strcmp(s->o_mobile, c->s.leader_mobile) == 0)
			err(errors, "owner.mobile", "网站负责人与主体负责人不是同一人时，"
			    "手机号码不能相同");
		if (s->o_email != NULL &&
		    strcasecmp(s->o_email, c->s.leader_email) == 0)
			err(errors, "owner.email", "网站负责人与主体负责人不是同一人时，"
			    "电子邮箱不能相同");
	}
	/* One mobile, one subject (domain.md P10). */
	if (s->o_mobile != NULL && valid_mobile(s->o_mobile) == VR_OK &&
	    json_object_get(errors, "owner.mobile") == NULL) {
		a[0] = DB_S(s->o_mobile);
		a[1] = DB_I(c->s.id);
		a[2] = DB_S(s->o_mobile);
		a[3] = DB_I(c->s.id);
		if (db_query(r->db, STMT_MOBILE_ELSEWHERE, a, 4, int_row, &n) ==
		    APP_OK && n > 0)
			err(errors, "owner.mobile", "该手机号码已被其他备案主体使用。"
			    "一个手机号码只能用于一个主体，请更换号码");
	}
	if (prov_rule_value(&c->pr, "local_mobile", 0) != 0)
		warn(warnings, "owner.mobile",
		    prov_rule_message(&c->pr, "local_mobile"));
	if (!c->s.personal && c->s.legal_rep[0] != '\0' &&
	    s->o_name != NULL && strcmp(s->o_name, c->s.legal_rep) != 0 &&
	    prov_rule_value(&c->pr, "auth_letter_when_owner_not_legal_rep", 0))
		warn(warnings, "owner.name", prov_rule_message(&c->pr,
		    "auth_letter_when_owner_not_legal_rep"));
}

struct	dfact {
	bool	 found;
	int64_t	 realname;	/* -1: unknown */
	int64_t	 days;		/* of registration left */
	char	 icp[48];
};

static enum app_err
domain_fact_row(const struct db_row *row, void *arg)
{
	struct dfact	*f = arg;

	f->found = true;
	f->realname = db_row_null(row, 2) ? -1 : db_row_int(row, 2);
	f->days = db_row_null(row, 3) ? 100000 : db_row_int(row, 3);
	snprintf(f->icp, sizeof(f->icp), "%s",
	    db_row_str(row, 4) != NULL ? db_row_str(row, 4) : "");
	return APP_OK;
}

static void
check_domain(struct req *r, struct ctx *c, struct site *s, int64_t oid,
    json_t *errors, json_t *warnings)
{
	const char	**suf;
	size_t		  n = json_array_size(c->suffixes), i;
	int64_t		  taken = 0, days, min_days;
	struct db_arg	  a[4];
	enum vr		  v;
	char		  msg[200];
	struct dfact	  f;

	suf = xcalloc(n + 1, sizeof(*suf));
	for (i = 0; i < n; i++)
		suf[i] = json_string_value(json_array_get(c->suffixes, i));
	v = valid_domain(s->domain, suf, n, s->domain_u, s->domain_a,
	    sizeof(s->domain_u));
	free(suf);
	if (v != VR_OK) {
		err(errors, "domain", valid_message(v));
		s->domain_a[0] = s->domain_u[0] = '\0';
		return;
	}
	a[0] = DB_S(s->domain_u);
	a[1] = DB_S(s->domain_a);
	a[2] = DB_S(s->domain_a);
	a[3] = DB_I(oid);
	if (db_query(r->db, STMT_DOMAIN_TAKEN, a, 4, int_row, &taken) ==
	    APP_OK && taken > 0) {
		err(errors, "domain", "该域名已经备案，或正在另一个订单中备案。"
		    "已有备案号的域名请办理“接入备案”而不是新增网站");
		return;
	}
	/* Registrar facts, where the operator recorded them. */
	memset(&f, 0, sizeof(f));
	a[0] = DB_S(s->domain_a);
	if (db_query(r->db, STMT_DOMAIN_FACT, a, 1, domain_fact_row, &f) !=
	    APP_OK || !f.found)
		goto rules;
	if (f.icp[0] != '\0') {
		snprintf(msg, sizeof(msg), "该域名已有备案号 %s，不能作为新增网站备案", f.icp);
		err(errors, "domain", msg);
		return;
	}
	if (f.realname == 0) {
		err(errors, "domain", "该域名尚未完成实名认证。请在域名注册商处完成实名认证，"
		    "约 3 个工作日后同步到工信部，再提交备案");
		return;
	}
	days = f.days;
	min_days = prov_rule_value(&c->pr, "min_domain_validity_days", 0);
	if (days < 0 || (min_days > 0 && days <= min_days)) {
		snprintf(msg, sizeof(msg), "%s（该域名还有 %lld 天到期），请先续费",
		    days < 0 ? "域名已过期" : prov_rule_message(&c->pr,
		    "min_domain_validity_days"), (long long)(days < 0 ? 0 : days));
		err(errors, "domain", msg);
		return;
	}
rules:
	if (prov_rule_value(&c->pr, "domain_cert_required", 0) != 0)
		warn(warnings, "domain", prov_rule_message(&c->pr,
		    "domain_cert_required"));
}

static enum app_err
sin_row(const struct db_row *row, void *arg)
{
	int64_t	*n = arg;

	n[0] = db_row_int(row, 0);
	n[1] = db_row_int(row, 1);
	return APP_OK;
}

static void
check_site(struct input *in, struct ctx *c, struct site *s, int64_t oid,
    int64_t wid, json_t *errors, json_t *warnings)
{
	struct req	*r = in->r;
	struct name_ctx	 nc;
	json_t		*list, *e, *nw;
	const char	*name_err = NULL, *code;
	size_t		 i, cnt;
	int64_t		 bit, n[2] = { 0, 0 }, codeval;
	enum vr		 v;
	char		 nsin[SIN_MAX + 1];
	struct buf	 langs = BUF_INIT;
	struct db_arg	 a[3];

	/* Pre-approvals first: the name rules ask which the site has. */
	s->preapp_bits = 0;
	if (json_array_size(s->preapprovals) > 0 && c->s.personal)
		err(errors, "preapprovals", "个人主体不能办理前置审批，涉及前置审批内容的网站"
		    "需要以单位主体备案");
	json_array_foreach(s->preapprovals, i, e) {
		code = json_string_value(json_object_get(e, "type"));
		if (code == NULL || json_object_get(c->preapp, code) == NULL ||
		    !str_to_i64(code, 1, INT64_MAX, &codeval)) {
			err(errors, "preapprovals", "请选择前置审批类型");
			continue;
		}
		if ((s->preapp_bits & codeval) != 0)
			err(errors, "preapprovals", "同一类前置审批只需填写一次");
		s->preapp_bits |= codeval;
		code = json_string_value(json_object_get(e, "number"));
		if (code == NULL || *code == '\0' || strlen(code) > 64)
			err(errors, "preapprovals", "请填写前置审批的审批号（最多 64 个字符）");
	}

	check_domain(r, c, s, oid, errors, warnings);

	if ((v = valid_site_name(s->name, NAME_MIN, NAME_MAX, &cnt)) != VR_OK)
		err(errors, "name", valid_message(v));
	else {
		memset(&nc, 0, sizeof(nc));
		nc.personal = c->s.personal;
		nc.state = c->s.state;
		nc.province = c->s.province;
		nc.domain_ascii = s->domain_a;
		nc.domain_unicode = s->domain_u;
		nc.preapprovals = s->preapp_bits;
		nw = json_array();
		name_rules_check(c->names, &nc, s->name, &name_err, nw);
		if (name_err != NULL)
			err(errors, "name", name_err);
		json_array_foreach(nw, i, e)
			warn(warnings, "name", json_string_value(e));
		json_decref(nw);
	}

	if (s->homepage == NULL || *s->homepage == '\0')
		err(errors, "homepage_url", "请填写网站首页地址，例如 www.example.com");
	else if (s->domain_a[0] != '\0' &&
	    (v = valid_homepage(s->homepage, s->domain_a)) != VR_OK)
		err(errors, "homepage_url", valid_message(v));
	else if (strlen(s->homepage) > 500)
		err(errors, "homepage_url", "首页地址过长");

	list = in_list(in, "content_types");
	s->content_bits = 0;
	json_array_foreach(list, i, e) {
		code = json_string_value(e);
		if (json_object_get(c->content, code) == NULL ||
		    !str_to_i64(code, 1, INT64_MAX, &bit)) {
			err(errors, "content_types", "请从列表中选择网站服务内容");
			break;
		}
		s->content_bits |= bit;
	}
	if (json_array_size(list) == 0)
		err(errors, "content_types", "请至少选择一项网站服务内容"
		    "（个人网站通常选“博客/个人空间”或“其他”）");
	json_decref(list);

	list = in_list(in, "languages");
	s->languages[0] = '\0';
	json_array_foreach(list, i, e) {
		code = json_string_value(e);
		if (json_object_get(c->langs, code) == NULL ||
		    langs.len + strlen(code) + 2 > sizeof(s->languages)) {
			err(errors, "languages", "请从列表中选择网站语言");
			break;
		}
		buf_printf(&langs, "%s%s", langs.len > 0 ? "," : "", code);
	}
	if (langs.p != NULL)
		memcpy(s->languages, langs.p, langs.len + 1);
	buf_free(&langs);
	if (json_array_size(list) == 0)
		err(errors, "languages", "请至少选择一种网站语言");
	json_decref(list);

	if (s->remark != NULL && (!utf8_valid(s->remark, strlen(s->remark)) ||
	    strlen(s->remark) > REMARK_MAX))
		err(errors, "remark", "备注最多 500 个字节（约 160 个汉字）");

	/* One of the order's verified numbers, each used by one website. */
	s->sin_id = 0;
	if (s->sin == NULL || *s->sin == '\0' ||
	    !sin_normalise(s->sin, nsin, sizeof(nsin)))
		err(errors, "service_number", "请选择这个网站使用的备案服务号"
		    "（在“产品验证”中验证过的）");
	else {
		a[0] = DB_I(wid);
		a[1] = DB_S(nsin);
		a[2] = DB_I(oid);
		if (db_query(r->db, STMT_ORDER_SIN_FOR_WEBSITE, a, 3, sin_row,
		    n) == APP_OK && n[0] != 0) {
			if (n[1] > 0)
				err(errors, "service_number", "这个备案服务号已用于本订单的"
				    "另一个网站：每个网站需要一个自己的备案服务号，请先在"
				    "“产品验证”中再验证一个");
			else
				s->sin_id = n[0];
		} else
			err(errors, "service_number", "这个备案服务号不属于本订单，请先在"
			    "“产品验证”中验证");
	}

	check_owner(r, c, s, errors, warnings);

	if (!c->s.personal && c->s.legal_rep[0] != '\0' &&
	    strcmp(c->s.leader_name, c->s.legal_rep) != 0 &&
	    prov_rule_value(&c->pr, "leader_must_be_legal_rep", 0) != 0)
		warn(warnings, "subject", prov_rule_message(&c->pr,
		    "leader_must_be_legal_rep"));
	if (prov_rule_value(&c->pr, "commitment_letter_required", 0) != 0)
		warn(warnings, "subject", prov_rule_message(&c->pr,
		    "commitment_letter_required"));
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
limit_check(struct req *r, struct resp *w, struct ctx *c, int64_t oid,
    bool adding)
{
	struct db_arg	 a[1] = { DB_I(oid) };
	int64_t		 have = 0, max;
	const char	*rule = "max_websites_per_order";
	enum app_err	 er;

	if (!adding)
		return APP_OK;
	if ((er = db_query(r->db, STMT_ORDER_WEBSITE_COUNT, a, 1, int_row,
	    &have)) != APP_OK)
		return er;
	max = prov_rule_value(&c->pr, rule, 10);
	/* One domain per website: the domain cap is a website cap too. */
	if (prov_rule_value(&c->pr, "max_domains_per_order", 0) > 0 &&
	    prov_rule_value(&c->pr, "max_domains_per_order", 0) < max) {
		rule = "max_domains_per_order";
		max = prov_rule_value(&c->pr, rule, max);
	}
	if (have < max)
		return APP_OK;
	w->extra = json_pack("{s:I}", "max", (json_int_t)max);
	return resp_fail(w, APP_ECONFLICT, "website_limit",
	    prov_rule_message(&c->pr, rule));
}

/* Check, and save when save is set: create (wid 0) or update wid. */
static enum app_err
website_save(struct req *r, struct resp *w, int64_t wid, bool save)
{
	struct input		 in = { r, json_array() };
	struct ctx		 c;
	struct site		 s;
	struct order_lock	 l;
	json_t			*errors = json_object(), *warnings = json_object();
	json_t			*arr = NULL, *e;
	struct db_arg		 a[18];
	int64_t			 oid = r->ids[0], newid = 0;
	uint64_t		 n = 0;
	size_t			 i;
	enum order_state	 to;
	enum app_err		 er;

	memset(&s, 0, sizeof(s));
	if ((er = ctx_load(r, &c)) != APP_OK)
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
	check_site(&in, &c, &s, oid, wid, errors, warnings);
	if (!save) {
		resp_json(w, 200, json_pack("{s:O, s:O}", "errors", errors,
		    "warnings", warnings));
		er = APP_OK;
		goto out;
	}
	if (json_object_size(errors) > 0) {
		er = refuse(w, errors, warnings);
		goto out;
	}

	if ((er = db_tx_begin(r->db)) != APP_OK)
		goto out;
	if ((er = db_order_lock(r->db, oid, r->user.id, &l)) != APP_OK)
		goto out;
	if (!order_next(l.state, OE_EDIT, &to)) {
		er = resp_fail(w, APP_ECONFLICT, "order_not_editable",
		    msg_for_code("order_not_editable"));
		goto out;
	}
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
	json_decref(arr);
	json_decref(s.preapprovals);
	json_decref(errors);
	json_decref(warnings);
	json_decref(in.keep);
	ctx_free(&c);
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
	enum order_state	 to;
	uint64_t		 n = 0;
	enum app_err		 er;

	if ((er = db_tx_begin(r->db)) != APP_OK)
		return er;
	if ((er = db_order_lock(r->db, r->ids[0], r->user.id, &l)) != APP_OK)
		goto out;
	if (!order_next(l.state, OE_EDIT, &to)) {
		er = resp_fail(w, APP_ECONFLICT, "order_not_editable",
		    msg_for_code("order_not_editable"));
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

static enum app_err
websites_get(struct req *r, struct resp *w)
{
	struct ctx	 c;
	json_t		*order = NULL;
	enum app_err	 er;

	if ((er = db_order_json(r->db, r->ids[0], r->user.id, &order)) !=
	    APP_OK)
		return er;
	if ((er = ctx_load(r, &c)) != APP_OK) {
		json_decref(order);
		ctx_free(&c);
		return er;
	}
	resp_json(w, 200, json_pack("{s:O, s:O, s:{s:I, s:s}, s:O, s:O, s:O, "
	    "s:O, s:O, s:b}",
	    "websites", json_object_get(order, "websites"),
	    "order", order,
	    "limits", "max_websites", (json_int_t)prov_rule_value(&c.pr,
	    "max_websites_per_order", 10), "message", prov_rule_message(&c.pr,
	    "max_websites_per_order"),
	    "content_types", c.content,
	    "languages", c.langs,
	    "preapproval_types", c.preapp,
	    "id_types", c.certs,
	    "rules", c.pr.rows,
	    "personal", c.s.personal));
	json_decref(order);
	ctx_free(&c);
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

	snprintf(p->code, sizeof(p->code), "%s", db_row_str(row, 0));
	snprintf(p->abbr, sizeof(p->abbr), "%s", db_row_str(row, 1));
	return APP_OK;
}

static enum app_err
rules_get(struct req *r, struct resp *w)
{
	struct ctx		 c;
	struct prov		 p;
	struct prov_rules	 personal = { NULL }, org = { NULL };
	struct db_arg		 a[3] = { DB_S(r->str), DB_S(r->str),
	    DB_S(r->str) };
	enum app_err		 er;

	memset(&c, 0, sizeof(c));
	memset(&p, 0, sizeof(p));
	if ((er = db_query(r->db, STMT_PROVINCE_FIND, a, 3, prov_row, &p)) !=
	    APP_OK)
		return er;
	if (p.code[0] == '\0')
		return resp_fail(w, APP_ENOTFOUND, "province_unknown",
		    "没有这个省份。请使用省份名称（如“浙江”）、简称（如“浙”）或代码（如 330000）。");
	if ((er = lists_load(r->db, &c)) != APP_OK ||
	    (er = prov_rules_load(r->db, p.code, true, &personal)) != APP_OK ||
	    (er = prov_rules_load(r->db, p.code, false, &org)) != APP_OK)
		goto out;
	resp_json(w, 200, json_pack("{s:{s:s, s:s}, s:{s:O, s:O}, s:O, s:O, "
	    "s:O, s:O, s:O, s:O}",
	    "province", "code", p.code, "abbr", p.abbr,
	    "rules", "personal", personal.rows, "organisation", org.rows,
	    "name_rules", c.names,
	    "suffixes", c.suffixes,
	    "content_types", c.content,
	    "languages", c.langs,
	    "preapproval_types", c.preapp,
	    "id_types", c.certs));
out:
	prov_rules_free(&personal);
	prov_rules_free(&org);
	ctx_free(&c);
	return er;
}

int
main(int argc, char *argv[])
{
	static const struct app app = { "website", routes, ROUTE__MAX, NULL, 0 };

	return app_main(argc, argv, &app);
}
