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

/*
 * The fields of a website, in the order of the applicant's form, in the
 * words of that form; summary: the owner as a whole, made of the parts
 * that follow; edit: how it is changed alone after a rejection.  The
 * service number and "same as the subject's leader" are not: a reviewer
 * names the owner's fields or the number's step instead.
 */
static const struct review_field fields[] = {
	{ "name", "网站名称", false, RE_TEXT, false },
	{ "domain", "网站域名", false, RE_TEXT, false },
	{ "homepage_url", "网站首页地址", false, RE_TEXT, false },
	{ "content_types", "网站服务内容", false, RE_CODES, false },
	{ "languages", "网站语言", false, RE_CODES, false },
	{ "preapprovals", "前置审批", false, RE_PREAPPROVALS, false },
	{ "service_number", "备案服务号", false, RE_NONE, false },
	{ "remark", "备注", false, RE_TEXT, false },
	{ "owner", "网站负责人（更换为其他人）", true, RE_OWNER, false },
	{ "owner.same_as_leader", "负责人同主体负责人", false, RE_BOOL, false },
	{ "owner.name", "网站负责人姓名", false, RE_TEXT, true },
	{ "owner.id_type", "负责人证件类型", false, RE_CODE, true },
	{ "owner.id_number", "负责人证件号码", false, RE_TEXT, true },
	{ "owner.id_valid_until", "负责人证件有效期至", false, RE_TEXT, false },
	{ "owner.mobile", "负责人手机号码", false, RE_TEXT, true },
	{ "owner.emergency_phone", "应急联系电话", false, RE_TEXT, false },
	{ "owner.email", "负责人电子邮箱", false, RE_TEXT, true },
};

const char *const review_owner_kinds[] = {
	"owner_id_front", "owner_id_back", "verification_form",
	"authorization_letter", NULL
};

const char *const review_domain_kinds[] = {
	"domain_certificate", "verification_form", NULL
};

const struct review_field *
review_field_at(size_t i)
{
	return i < sizeof(fields) / sizeof(fields[0]) ? &fields[i] : NULL;
}

const struct review_field *
review_field_find(const char *key)
{
	size_t	 i;

	for (i = 0; key != NULL && i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(fields[i].key, key) == 0)
			return &fields[i];
	return NULL;
}

bool
review_field_known(const char *field)
{
	const struct review_field	*rf = review_field_find(field);

	return rf != NULL && rf->edit != RE_NONE && rf->edit != RE_BOOL;
}

const char *
review_field_refused(const char *key, const json_t *site)
{
	const struct review_field	*rf = review_field_find(key);
	const char			*same;

	if (rf == NULL || !review_field_known(key) ||
	    json_object_get(site, key) == NULL)
		return "本订单没有这个网站或字段";
	same = json_string_value(json_object_get(site,
	    "owner.same_as_leader"));
	if (rf->leader && same != NULL && strcmp(same, "0") != 0)
		return "这个网站的负责人就是主体负责人，这一项是主体的备案信息，"
		    "本订单中不能修改。如需换一位网站负责人，请驳回“网站负责人"
		    "（更换为其他人）”";
	return NULL;
}

/* Is kind one of kinds (NULL-terminated)? */
static bool
kind_in(const char *const *kinds, const char *kind)
{
	size_t	 i;

	for (i = 0; kind != NULL && kinds[i] != NULL; i++)
		if (strcmp(kinds[i], kind) == 0)
			return true;
	return false;
}

static enum app_err
count_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_UPLOAD_SLOT_COUNT_N);
	return APP_OK;
}

enum app_err
db_website_fields(struct db *db, int64_t oid, json_t **out)
{
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
		for (j = 0; j < nitems(fields); j++) {
			if (!website_field_value(&v[i], fields[j].key, &val) ||
			    json_object_set_new(w, fields[j].key,
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
db_review_lock(struct db *db, struct resp *w, int64_t oid, int64_t uid,
    bool whole, struct order_lock *l)
{
	enum order_state	 to;
	enum app_err		 er;

	if ((er = db_order_lock(db, oid, uid, l)) != APP_OK)
		return er;
	if (!order_next(l->state, OE_EDIT, &to))
		return resp_fail(w, APP_ECONFLICT, "order_not_editable",
		    msg_for_code("order_not_editable"));
	if (whole && l->state != OS_DRAFT)
		return resp_fail(w, APP_ECONFLICT, "item_locked",
		    msg_for_code("item_locked"));
	return APP_OK;
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
	json_t		*items = NULL, *e;
	const char	*f, *k;
	char		 want[96], owner[64], domain[64];
	size_t		 i;
	enum app_err	 er;

	*ok = l->state == OS_DRAFT;
	if (*ok)
		return APP_OK;
	if ((er = db_review_open(db, l->id, &items)) != APP_OK)
		return er;
	snprintf(want, sizeof(want), "websites.%lld.%s", (long long)wid,
	    field != NULL ? field : "");
	snprintf(owner, sizeof(owner), "websites.%lld.owner", (long long)wid);
	snprintf(domain, sizeof(domain), "websites.%lld.domain",
	    (long long)wid);
	json_array_foreach(items, i, e) {
		f = json_string_value(json_object_get(json_object_get(e,
		    "target"), "field"));
		k = json_string_value(json_object_get(e, "kind"));
		if (field != NULL && f != NULL && strcmp(f, want) == 0)
			*ok = true;
		/* Another person: every part of the owner changes. */
		if (field != NULL && f != NULL && strcmp(f, owner) == 0 &&
		    strncmp(field, "owner", 5) == 0)
			*ok = true;
		/* The homepage lives on the domain: it follows a new one. */
		if (field != NULL && f != NULL && strcmp(field,
		    "homepage_url") == 0 && strcmp(f, domain) == 0)
			*ok = true;
		if (field == NULL && f == NULL && k != NULL && kind != NULL &&
		    strcmp(k, kind) == 0 && json_integer_value(json_object_get(e,
		    "website_id")) == wid)
			*ok = true;
		/* ... and so do the documents that show the person. */
		if (field == NULL && f != NULL && strcmp(f, owner) == 0 &&
		    kind_in(review_owner_kinds, kind))
			*ok = true;
	}
	json_decref(items);
	/*
	 * A slot left empty by a change the reviewer asked for (the owner's
	 * scans went with the old owner) takes its file: nothing the
	 * reviewer approved is replaced by filling it.
	 */
	if (!*ok && field == NULL && kind != NULL)
		er = slot_empty(db, l->id, wid, kind, ok);
	return er;
}

enum app_err
db_review_check_edit(struct db *db, const struct order_lock *l, int64_t wid,
    const json_t *before, struct resp *w, size_t *locked)
{
	const struct review_field	*rf;
	json_t		*after = NULL, *b, *a, *v;
	const char	*k;
	char		 id[32];
	bool		 ok;
	enum app_err	 er;

	*locked = 0;
	if (l->state == OS_DRAFT)
		return APP_OK;
	if ((er = db_website_fields(db, l->id, &after)) != APP_OK)
		return er;
	snprintf(id, sizeof(id), "%lld", (long long)wid);
	b = json_object_get(before, id);
	a = json_object_get(after, id);
	json_object_foreach(a, k, v) {
		rf = review_field_find(k);
		/* A summary changes with its parts, which are judged alone. */
		if (json_equal(v, json_object_get(b, k)) ||
		    (rf != NULL && rf->summary))
			continue;
		if ((er = db_review_may_change(db, l, wid, k, NULL, &ok)) !=
		    APP_OK)
			break;
		if (!ok) {
			(void)resp_field(w, k, msg_for_code("item_locked"));
			(*locked)++;
		}
	}
	json_decref(after);
	return er;
}
