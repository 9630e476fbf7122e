/*
 * The typed order from the database (see db-filing.h).  Each row
 * callback copies its columns, by name, into heap strings: no buffer
 * sized short of the schema can cut a value the rules compare.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bizday.h"
#include "db-filing.h"
#include "stmts.h"

/* A heap copy of a column; "" for NULL. */
static char *
col_str(const struct db_row *row, size_t col)
{
	const char	*s = db_row_str(row, col);

	return xstrdup(s != NULL ? s : "");
}

/* A heap copy, or NULL for NULL. */
static char *
col_str_null(const struct db_row *row, size_t col)
{
	const char	*s = db_row_str(row, col);

	return s != NULL ? xstrdup(s) : NULL;
}

/* Room for one more element of *v (n of them so far); the new one, zeroed. */
static void *
grow(void *pv, size_t n, size_t size)
{
	void	**v = pv;
	char	 *p;

	*v = xreallocarray(*v, n + 1, size);
	p = (char *)*v + n * size;
	memset(p, 0, size);
	return p;
}

/* --- reference lists --- */

struct	code_list {
	struct code_name	**v;
	size_t			 *n;
};

static enum app_err
content_row(const struct db_row *row, void *arg)
{
	struct code_list	*l = arg;
	struct code_name	*c = grow(l->v, *l->n, sizeof(**l->v));

	c->code = db_row_int(row, COL_CONTENT_TYPES_CODE);
	c->name = col_str(row, COL_CONTENT_TYPES_NAME);
	(*l->n)++;
	return APP_OK;
}

static enum app_err
lang_row(const struct db_row *row, void *arg)
{
	struct code_list	*l = arg;
	struct code_name	*c = grow(l->v, *l->n, sizeof(**l->v));

	c->code = db_row_int(row, COL_LANGUAGES_CODE);
	c->name = col_str(row, COL_LANGUAGES_NAME);
	(*l->n)++;
	return APP_OK;
}

static enum app_err
preapp_row(const struct db_row *row, void *arg)
{
	struct code_list	*l = arg;
	struct code_name	*c = grow(l->v, *l->n, sizeof(**l->v));

	c->code = db_row_int(row, COL_PREAPPROVAL_TYPES_CODE);
	c->name = col_str(row, COL_PREAPPROVAL_TYPES_NAME);
	(*l->n)++;
	return APP_OK;
}

static enum app_err
cert_row(const struct db_row *row, void *arg)
{
	struct code_list	*l = arg;
	struct code_name	*c = grow(l->v, *l->n, sizeof(**l->v));

	c->code = db_row_int(row, COL_CERT_TYPES_CODE);
	c->name = col_str(row, COL_CERT_TYPES_NAME);
	c->personal = db_row_int(row, COL_CERT_TYPES_PERSONAL) != 0;
	(*l->n)++;
	return APP_OK;
}

static enum app_err
suffix_row(const struct db_row *row, void *arg)
{
	struct refs	*r = arg;
	char		**s = grow(&r->suffixes, r->nsuffixes, sizeof(*s));

	*s = col_str(row, COL_DOMAIN_SUFFIXES_SUFFIX);
	r->nsuffixes++;
	return APP_OK;
}

static enum app_err
name_row(const struct db_row *row, void *arg)
{
	struct refs		*r = arg;
	struct name_rule	*n = grow(&r->names, r->nnames, sizeof(*n));

	n->kind = col_str(row, COL_NAME_RULES_KIND);
	n->word = col_str(row, COL_NAME_RULES_WORD);
	n->applies_to = col_str(row, COL_NAME_RULES_APPLIES_TO);
	n->province = col_str_null(row, COL_NAME_RULES_PROVINCE);
	n->preapproval = db_row_null(row, COL_NAME_RULES_PREAPPROVAL_CODE) ?
	    0 : db_row_int(row, COL_NAME_RULES_PREAPPROVAL_CODE);
	n->warning = strcmp(db_row_str(row, COL_NAME_RULES_SEVERITY),
	    "warning") == 0;
	n->message = col_str(row, COL_NAME_RULES_MESSAGE);
	r->nnames++;
	return APP_OK;
}

static enum app_err
kind_row(const struct db_row *row, void *arg)
{
	struct refs		*r = arg;
	struct upload_kind	*k = grow(&r->kinds, r->nkinds, sizeof(*k));

	k->kind = col_str(row, COL_UPLOAD_KINDS_KIND);
	k->name = col_str(row, COL_UPLOAD_KINDS_NAME);
	k->per_website = db_row_int(row, COL_UPLOAD_KINDS_PER_WEBSITE) != 0;
	k->min_w = db_row_int(row, COL_UPLOAD_KINDS_MIN_WIDTH);
	k->min_h = db_row_int(row, COL_UPLOAD_KINDS_MIN_HEIGHT);
	k->max_side = db_row_int(row, COL_UPLOAD_KINDS_MAX_SIDE);
	k->byte_cap = db_row_int(row, COL_UPLOAD_KINDS_BYTE_CAP);
	k->bureau_type = db_row_int(row, COL_UPLOAD_KINDS_BUREAU_TYPE);
	k->bureau_byte_cap = db_row_int(row, COL_UPLOAD_KINDS_BUREAU_BYTE_CAP);
	r->nkinds++;
	return APP_OK;
}

static enum app_err
need_row(const struct db_row *row, void *arg)
{
	struct refs		*r = arg;
	struct content_need	*n = grow(&r->needs, r->nneeds, sizeof(*n));

	n->content = db_row_int(row, COL_CONTENT_PREAPPROVALS_CONTENT_CODE);
	n->preapproval = db_row_int(row,
	    COL_CONTENT_PREAPPROVALS_PREAPPROVAL_CODE);
	n->warning = strcmp(db_row_str(row, COL_CONTENT_PREAPPROVALS_SEVERITY),
	    "warning") == 0;
	n->message = col_str(row, COL_CONTENT_PREAPPROVALS_MESSAGE);
	n->preapproval_name = col_str(row,
	    COL_CONTENT_PREAPPROVALS_PREAPPROVAL_NAME);
	r->nneeds++;
	return APP_OK;
}

static enum app_err
reason_row(const struct db_row *row, void *arg)
{
	struct refs	*r = arg;
	struct reason	*x = grow(&r->reasons, r->nreasons, sizeof(*x));

	x->code = col_str(row, COL_REJECTION_REASONS_CODE);
	x->title = col_str(row, COL_REJECTION_REASONS_TITLE);
	x->fix = col_str(row, COL_REJECTION_REASONS_FIX);
	r->nreasons++;
	return APP_OK;
}

enum app_err
upload_kinds_load(struct db *db, struct refs *r)
{
	return db_query(db, STMT_UPLOAD_KINDS, NULL, 0, kind_row, r);
}

enum app_err
refs_load(struct db *db, int64_t today, struct refs *r)
{
	struct code_list	 content = { &r->content, &r->ncontent };
	struct code_list	 langs = { &r->langs, &r->nlangs };
	struct code_list	 preapp = { &r->preapp, &r->npreapp };
	struct code_list	 certs = { &r->certs, &r->ncerts };
	struct db_arg		 a[1];
	char			 day[64];
	enum app_err		 er;

	/* A dated row counts from its day: the China date it is now. */
	(void)snprintf(day, sizeof(day), "%04lld-%02lld-%02lld",
	    (long long)(today / 10000), (long long)(today / 100 % 100),
	    (long long)(today % 100));
	a[0] = DB_S(day);
	if ((er = db_query(db, STMT_CONTENT_TYPES, NULL, 0, content_row,
	    &content)) != APP_OK ||
	    (er = db_query(db, STMT_LANGUAGES, NULL, 0, lang_row, &langs)) !=
	    APP_OK ||
	    (er = db_query(db, STMT_PREAPPROVAL_TYPES, NULL, 0, preapp_row,
	    &preapp)) != APP_OK ||
	    (er = db_query(db, STMT_CERT_TYPES, NULL, 0, cert_row, &certs)) !=
	    APP_OK ||
	    (er = db_query(db, STMT_DOMAIN_SUFFIXES, NULL, 0, suffix_row, r)) !=
	    APP_OK ||
	    (er = db_query(db, STMT_NAME_RULES, a, 1, name_row, r)) !=
	    APP_OK ||
	    (er = db_query(db, STMT_UPLOAD_KINDS, NULL, 0, kind_row, r)) !=
	    APP_OK ||
	    (er = db_query(db, STMT_CONTENT_PREAPPROVALS, a, 1, need_row,
	    r)) != APP_OK ||
	    (er = db_query(db, STMT_REJECTION_REASONS, NULL, 0, reason_row,
	    r)) != APP_OK)
		return er;
	return APP_OK;
}

/* --- the order --- */

static enum app_err
subject_row(const struct db_row *row, void *arg)
{
	struct subject	*s = arg;

	subject_free(s);
	s->id = db_row_int(row, COL_ORDER_SUBJECT_FULL_ID);
	s->state = strcmp(db_row_str(row, COL_ORDER_SUBJECT_FULL_NATURE),
	    "government") == 0;
	s->personal = db_row_int(row, COL_ORDER_SUBJECT_FULL_PERSONAL) != 0;
	s->name = col_str(row, COL_ORDER_SUBJECT_FULL_NAME);
	s->province = col_str(row, COL_ORDER_SUBJECT_FULL_PROVINCE);
	s->cert_type = db_row_int(row, COL_ORDER_SUBJECT_FULL_CERT_TYPE);
	s->cert_number = col_str(row, COL_ORDER_SUBJECT_FULL_CERT_NUMBER);
	s->leader_name = col_str(row, COL_ORDER_SUBJECT_FULL_LEADER_NAME);
	s->leader_id_type = db_row_int(row,
	    COL_ORDER_SUBJECT_FULL_LEADER_ID_TYPE);
	s->leader_id = col_str(row, COL_ORDER_SUBJECT_FULL_LEADER_ID_NUMBER);
	s->leader_mobile = col_str(row, COL_ORDER_SUBJECT_FULL_LEADER_MOBILE);
	s->leader_email = col_str(row, COL_ORDER_SUBJECT_FULL_LEADER_EMAIL);
	s->legal_rep = col_str(row, COL_ORDER_SUBJECT_FULL_LEGAL_REP_NAME);
	s->nature_code = db_row_int(row, COL_ORDER_SUBJECT_FULL_NATURE_CODE);
	s->icp_number = col_str(row, COL_ORDER_SUBJECT_FULL_ICP_NUMBER);
	return APP_OK;
}

struct	website_list {
	struct website	**v;
	size_t		 *n;
};

static enum app_err
website_row(const struct db_row *row, void *arg)
{
	struct website_list	*l = arg;
	struct website		*w = grow(l->v, *l->n, sizeof(**l->v));

	w->id = db_row_int(row, COL_WEBSITE_LIST_ID);
	w->name = col_str(row, COL_WEBSITE_LIST_NAME);
	w->domain = col_str(row, COL_WEBSITE_LIST_DOMAIN);
	w->domain_ascii = col_str(row, COL_WEBSITE_LIST_DOMAIN_ASCII);
	w->homepage = col_str(row, COL_WEBSITE_LIST_HOMEPAGE_URL);
	w->remark = col_str(row, COL_WEBSITE_LIST_REMARK);
	w->service_number = col_str(row, COL_WEBSITE_LIST_SERVICE_NUMBER);
	w->content_bits = db_row_int(row, COL_WEBSITE_LIST_CONTENT_TYPES);
	w->languages = col_str(row, COL_WEBSITE_LIST_LANGUAGES);
	w->owner.same_as_leader = db_row_int(row,
	    COL_WEBSITE_LIST_OWNER_SAME_AS_LEADER) != 0;
	w->owner.name = col_str(row, COL_WEBSITE_LIST_OWNER_NAME);
	w->owner.id_type = db_row_int(row, COL_WEBSITE_LIST_OWNER_ID_TYPE);
	w->owner.id_number = col_str(row, COL_WEBSITE_LIST_OWNER_ID_NUMBER);
	w->owner.valid_until = col_str_null(row,
	    COL_WEBSITE_LIST_OWNER_ID_VALID_UNTIL);
	w->owner.mobile = col_str(row, COL_WEBSITE_LIST_OWNER_MOBILE);
	w->owner.emergency = col_str(row, COL_WEBSITE_LIST_OWNER_EMERGENCY);
	w->owner.email = col_str(row, COL_WEBSITE_LIST_OWNER_EMAIL);
	(*l->n)++;
	return APP_OK;
}

static enum app_err
preapproval_row(const struct db_row *row, void *arg)
{
	struct website_list	*l = arg;
	struct website		*w;
	struct preapproval	*p;
	size_t			 i;

	for (i = 0; i < *l->n; i++) {
		w = &(*l->v)[i];
		if (w->id != db_row_int(row, COL_WEBSITE_PREAPPROVALS_WEBSITE_ID))
			continue;
		p = grow(&w->pre, w->npre, sizeof(*p));
		p->type = db_row_int(row, COL_WEBSITE_PREAPPROVALS_TYPE_CODE);
		p->number = col_str(row, COL_WEBSITE_PREAPPROVALS_NUMBER);
		w->npre++;
	}
	return APP_OK;
}

static enum app_err
upload_row(const struct db_row *row, void *arg)
{
	struct filing	*f = arg;
	struct upload	*u = grow(&f->u, f->nu, sizeof(*u));
	const char	*text = db_row_str(row, COL_UPLOAD_LIST_WARNINGS);
	json_t		*warnings;
	const char	*first;

	u->id = db_row_int(row, COL_UPLOAD_LIST_ID);
	u->website_id = db_row_int(row, COL_UPLOAD_LIST_WEBSITE_ID);
	u->kind = col_str(row, COL_UPLOAD_LIST_KIND);
	u->kind_name = col_str(row, COL_UPLOAD_LIST_KIND_NAME);
	f->nu++;
	/* The quality gate's words, stored as a JSON array of strings. */
	if (text == NULL || *text == '\0')
		return APP_OK;
	if ((warnings = json_loads(text, 0, NULL)) == NULL ||
	    !json_is_array(warnings)) {
		json_decref(warnings);
		return APP_EINTERNAL;
	}
	if ((first = json_string_value(json_array_get(warnings, 0))) != NULL)
		u->first_warning = xstrdup(first);
	json_decref(warnings);
	return APP_OK;
}

struct	item_list {
	struct review_item	**v;
	size_t			 *n;
};

static enum app_err
item_row(const struct db_row *row, void *arg)
{
	struct item_list	*l = arg;
	struct review_item	*it = grow(l->v, *l->n, sizeof(**l->v));

	it->id = db_row_int(row, COL_REVIEW_OPEN_ID);
	it->reason = col_str(row, COL_REVIEW_OPEN_REASON);
	it->title = col_str(row, COL_REVIEW_OPEN_TITLE);
	it->fix = col_str(row, COL_REVIEW_OPEN_FIX);
	it->field = col_str_null(row, COL_REVIEW_OPEN_FIELD);
	it->upload_id = db_row_null(row, COL_REVIEW_OPEN_UPLOAD_ID) ? 0 :
	    db_row_int(row, COL_REVIEW_OPEN_UPLOAD_ID);
	it->website_id = db_row_int(row, COL_REVIEW_OPEN_WEBSITE_ID);
	it->kind = col_str_null(row, COL_REVIEW_OPEN_KIND);
	it->was = col_str(row, COL_REVIEW_OPEN_WAS);
	it->note = col_str(row, COL_REVIEW_OPEN_NOTE);
	(*l->n)++;
	return APP_OK;
}

enum app_err
review_items_load(struct db *db, int64_t oid, struct review_item **v,
    size_t *n)
{
	struct db_arg		 a[1] = { DB_I(oid) };
	struct item_list	 l = { v, n };

	*v = NULL;
	*n = 0;
	return db_query(db, STMT_REVIEW_OPEN, a, 1, item_row, &l);
}

static enum app_err
sin_row(const struct db_row *row, void *arg)
{
	struct filing	*f = arg;
	char		**s = grow(&f->sins, f->nsins, sizeof(*s));

	*s = col_str(row, COL_ORDER_SINS_NUMBER);
	f->nsins++;
	return APP_OK;
}

static enum app_err
count_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_DOMAIN_TAKEN_N);
	return APP_OK;
}

static enum app_err
other_order_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_ID_IN_OTHER_ORDER_N);
	return APP_OK;
}

/*
 * When the filing is expected to be done if it went in today: every
 * stage's time limit in business days, over the holiday calendar.
 */
static enum app_err
filed_by(struct db *db, struct filing *f)
{
	struct bizday_cal	 cal;
	int64_t			 n = filing_sla_days(&f->rules);
	enum app_err		 er;

	/* The registry bounds each; a calendar holds 128 days. */
	if (n < 1 || n > 60)
		return APP_OK;
	if ((er = bizday_load(db, f->today, site_date_add(f->today,
	    n * 2 + 30), &cal)) != APP_OK)
		return er;
	f->filed_by = bizday_after(&cal, f->today, (int)n);
	return APP_OK;
}

static enum app_err
other_order(struct db *db, int64_t oid, const char *id, int64_t *n)
{
	struct db_arg	 a[3] = { DB_I(oid), DB_S(id), DB_S(id) };

	*n = 0;
	if (id == NULL || *id == '\0')
		return APP_OK;
	return db_query(db, STMT_ID_IN_OTHER_ORDER, a, 3, other_order_row, n);
}

enum app_err
websites_load(struct db *db, int64_t oid, struct website **v, size_t *n)
{
	struct db_arg		 a[3] = { DB_I(oid), DB_I(0), DB_I(0) };
	struct website_list	 l = { v, n };
	enum app_err		 er;

	*v = NULL;
	*n = 0;
	if ((er = db_query(db, STMT_WEBSITE_LIST, a, 3, website_row, &l)) !=
	    APP_OK)
		return er;
	return db_query(db, STMT_WEBSITE_PREAPPROVALS, a, 1, preapproval_row,
	    &l);
}

enum app_err
filing_load(struct db *db, int64_t oid, int64_t uid, int64_t now,
    unsigned parts, struct filing *f)
{
	struct db_arg	 a[3] = { DB_I(oid), DB_I(uid), DB_I(0) };
	struct site_in	 in;
	struct site_out	 out;
	size_t		 i;
	enum app_err	 er;

	memset(f, 0, sizeof(*f));
	f->oid = oid;
	f->today = bizday_china_date(now);
	if (parts & FP_FACTS)
		parts |= FP_WEBSITES | FP_REFS;
	if ((er = db_query(db, STMT_ORDER_SUBJECT_FULL, a, 2, subject_row,
	    &f->s)) != APP_OK)
		return er;
	if (f->s.name == NULL)
		return APP_ENOTFOUND;
	if ((er = rules_load(db, now, f->s.province, f->s.personal,
	    &f->rules)) != APP_OK)
		return er;
	if ((parts & FP_REFS) != 0)
		er = refs_load(db, f->today, &f->refs);
	else
		er = upload_kinds_load(db, &f->refs);
	if (er != APP_OK ||
	    ((parts & FP_REFS) != 0 && (er = filed_by(db, f)) != APP_OK))
		return er;
	if ((parts & FP_WEBSITES) != 0 &&
	    (er = websites_load(db, oid, &f->w, &f->nw)) != APP_OK)
		return er;
	if ((parts & FP_UPLOADS) != 0 &&
	    (er = db_query(db, STMT_UPLOAD_LIST, a, 1, upload_row, f)) !=
	    APP_OK)
		return er;
	if ((parts & FP_ITEMS) != 0 &&
	    (er = review_items_load(db, oid, &f->items, &f->nitems)) != APP_OK)
		return er;
	if ((parts & FP_SINS) != 0 &&
	    (er = db_query(db, STMT_ORDER_SINS, a, 1, sin_row, f)) != APP_OK)
		return er;
	if ((parts & FP_FACTS) == 0)
		return APP_OK;
	if ((er = other_order(db, oid, f->s.leader_id,
	    &f->leader_elsewhere)) != APP_OK)
		return er;
	f->facts = xcalloc(f->nw + 1, sizeof(*f->facts));
	for (i = 0; i < f->nw; i++) {
		memset(&out, 0, sizeof(out));
		site_in_of(&in, &f->w[i]);
		site_keys(f, &in, &out);
		er = site_facts_load(db, f, f->w[i].id, &out, &f->facts[i]);
		site_in_free(&in);
		site_out_free(&out);
		if (er != APP_OK)
			return er;
	}
	return APP_OK;
}

/* --- one website's facts --- */

static enum app_err
fact_row(const struct db_row *row, void *arg)
{
	struct domain_fact	*d = arg;

	d->found = true;
	d->holder = col_str_null(row, COL_DOMAIN_FACT_HOLDER);
	d->holder_cert = col_str_null(row, COL_DOMAIN_FACT_HOLDER_CERT_NUMBER);
	d->realname = db_row_null(row, COL_DOMAIN_FACT_REALNAME) ? -1 :
	    db_row_int(row, COL_DOMAIN_FACT_REALNAME) != 0;
	d->expiry_known = !db_row_null(row, COL_DOMAIN_FACT_DAYS_LEFT);
	d->days_left = d->expiry_known ?
	    db_row_int(row, COL_DOMAIN_FACT_DAYS_LEFT) : 0;
	d->icp = col_str_null(row, COL_DOMAIN_FACT_ICP_NUMBER);
	return APP_OK;
}

static enum app_err
sin_use_row(const struct db_row *row, void *arg)
{
	struct site_facts	*x = arg;

	x->sin_id = db_row_int(row, COL_ORDER_SIN_FOR_WEBSITE_ID);
	x->sin_used = db_row_int(row, COL_ORDER_SIN_FOR_WEBSITE_USED_ELSEWHERE);
	return APP_OK;
}

enum app_err
site_facts_load(struct db *db, const struct filing *f, int64_t wid,
    const struct site_out *o, struct site_facts *x)
{
	struct db_arg	 a[4];
	enum app_err	 er;

	memset(x, 0, sizeof(*x));
	x->fact.realname = -1;
	if (o->domain_vr == VR_OK) {
		a[0] = DB_S(o->domain_u);
		a[1] = DB_S(o->domain_a);
		a[2] = DB_S(o->domain_a);
		a[3] = DB_I(f->oid);
		if ((er = db_query(db, STMT_DOMAIN_TAKEN, a, 4, count_row,
		    &x->domain_taken)) != APP_OK)
			return er;
		a[0] = DB_S(o->domain_a);
		if ((er = db_query(db, STMT_DOMAIN_FACT, a, 1, fact_row,
		    &x->fact)) != APP_OK)
			return er;
	}
	if (o->o_mobile != NULL && valid_mobile(o->o_mobile) == VR_OK) {
		a[0] = DB_S(o->o_mobile);
		a[1] = DB_I(f->s.id);
		a[2] = DB_S(o->o_mobile);
		a[3] = DB_I(f->s.id);
		if ((er = db_query(db, STMT_MOBILE_ELSEWHERE, a, 4, count_row,
		    &x->mobile_elsewhere)) != APP_OK)
			return er;
	}
	if (o->sin_ok) {
		a[0] = DB_I(wid);
		a[1] = DB_S(o->nsin);
		a[2] = DB_I(f->oid);
		if ((er = db_query(db, STMT_ORDER_SIN_FOR_WEBSITE, a, 3,
		    sin_use_row, x)) != APP_OK)
			return er;
	}
	return other_order(db, f->oid, o->o_id_number, &x->id_elsewhere);
}
