/*
 * The checklist of an order's materials (see checklist.h).  The rules
 * that add a document come from prov_rule (rules.c), so an operator
 * changes them in SQL.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "checklist.h"
#include "db-review.h"
#include "db-upload.h"
#include "rules.h"
#include "stmts.h"
#include "valid.h"

struct	subj {
	bool	 found;
	bool	 personal;
	char	 province[8];
	char	 leader[64];
	char	 legal_rep[64];
	int64_t	 leader_id_type;
	char	 leader_id[48];
};

static enum app_err
subj_row(const struct db_row *row, void *arg)
{
	struct subj	*s = arg;

	s->found = true;
	s->personal = db_row_int(row, COL_ORDER_SUBJECT_FULL_PERSONAL) != 0;
	snprintf(s->province, sizeof(s->province), "%s", db_row_str(row, COL_ORDER_SUBJECT_FULL_PROVINCE));
	snprintf(s->leader, sizeof(s->leader), "%s", db_row_str(row, COL_ORDER_SUBJECT_FULL_LEADER_NAME));
	snprintf(s->legal_rep, sizeof(s->legal_rep), "%s",
	    db_row_str(row, COL_ORDER_SUBJECT_FULL_LEGAL_REP_NAME) ? db_row_str(row, COL_ORDER_SUBJECT_FULL_LEGAL_REP_NAME) : "");
	s->leader_id_type = db_row_int(row, COL_ORDER_SUBJECT_FULL_LEADER_ID_TYPE);
	snprintf(s->leader_id, sizeof(s->leader_id), "%s", db_row_str(row, COL_ORDER_SUBJECT_FULL_LEADER_ID_NUMBER));
	return APP_OK;
}

static enum app_err
site_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_pack("{s:I, s:s, s:b, s:s, s:I, s:s}",
	    "id", (json_int_t)db_row_int(row, COL_CHECKLIST_WEBSITES_ID), "name", db_row_str(row, COL_CHECKLIST_WEBSITES_NAME),
	    "same", db_row_int(row, COL_CHECKLIST_WEBSITES_OWNER_SAME_AS_LEADER) != 0, "owner", db_row_str(row, COL_CHECKLIST_WEBSITES_OWNER_NAME),
	    "preapprovals", (json_int_t)db_row_int(row, COL_CHECKLIST_WEBSITES_PREAPPROVALS),
	    "person", db_row_str(row, COL_CHECKLIST_WEBSITES_PERSON)));
	return APP_OK;
}

/* One checklist line: a kind wanted for a website (0: the order). */
static void
want(struct checklist *c, int64_t wid, const char *wname, const char *kind,
    const char *why)
{
	const json_t	*u, *found = NULL;
	size_t		 i;

	json_array_foreach(c->uploads, i, u)
		if (json_integer_value(json_object_get(u, "website_id")) == wid &&
		    strcmp(json_string_value(json_object_get(u, "kind")),
		    kind) == 0)
			found = u;
	if (found == NULL)
		c->missing++;
	json_array_append_new(c->items, json_pack("{s:s, s:s, s:I, s:s?, "
	    "s:s, s:b, s:O?, s:[I]}", "kind", kind, "kind_name",
	    json_string_value(json_object_get(json_object_get(c->kinds, kind),
	    "name")), "website_id", (json_int_t)wid, "website_name", wname,
	    "why", why, "present", found != NULL,
	    "upload_id", found != NULL ? json_object_get(found, "id") : NULL,
	    "covers", (json_int_t)wid));
}

/*
 * The owner's ID scans of website wid: asked once per person.  When an
 * earlier website has the same owner (the same ID number), that
 * website's slot covers this one too and says so.
 */
static void
want_owner_id(struct checklist *c, json_t *persons, int64_t wid,
    const char *wname, const char *person)
{
	json_t		*first = json_object_get(persons, person), *it;
	char		 why[512];
	size_t		 i;

	if (first == NULL) {
		json_object_set_new(persons, person,
		    json_integer((json_int_t)json_array_size(c->items)));
		want(c, wid, wname, "owner_id_front", "每个新增网站都需要网站负责人证件");
		want(c, wid, wname, "owner_id_back", "每个新增网站都需要网站负责人证件");
		return;
	}
	for (i = 0; i < 2; i++) {
		it = json_array_get(c->items, (size_t)json_integer_value(first) +
		    i);
		json_array_append_new(json_object_get(it, "covers"),
		    json_integer(wid));
		snprintf(why, sizeof(why), "%s、%s", json_string_value(
		    json_object_get(it, "website_name")), wname);
		json_object_set_new(it, "website_name", json_string(why));
		json_object_set_new(it, "why", json_string("这几个网站的负责人是同一人，"
		    "证件只需上传一次"));
	}
}

/*
 * A rejected upload is wanted again: its line says so, with the
 * reviewer's words, and counts as missing until it is replaced.
 */
static void
mark_rejected(struct checklist *c, const json_t *items)
{
	const json_t	*e, *it;
	json_t		*line;
	const char	*kind;
	int64_t		 wid, uid;
	size_t		 i, j;

	json_array_foreach(items, i, e) {
		if (json_object_get(json_object_get(e, "target"), "upload") ==
		    NULL)
			continue;
		kind = json_string_value(json_object_get(e, "kind"));
		wid = json_integer_value(json_object_get(e, "website_id"));
		uid = json_integer_value(json_object_get(json_object_get(e,
		    "target"), "upload"));
		line = NULL;
		json_array_foreach(c->items, j, it)
			if (json_integer_value(json_object_get(it,
			    "website_id")) == wid && kind != NULL &&
			    strcmp(json_string_value(json_object_get(it, "kind")),
			    kind) == 0)
				line = (json_t *)it;
		if (line == NULL) {
			want(c, wid, NULL, kind != NULL ? kind : "other",
			    "审核人员要求重新上传");
			line = json_array_get(c->items,
			    json_array_size(c->items) - 1);
		}
		/* Replaced since: the slot holds a newer upload. */
		if (json_integer_value(json_object_get(line, "upload_id")) !=
		    uid)
			continue;
		if (json_is_true(json_object_get(line, "present")))
			c->missing++;
		json_object_set_new(line, "rejected", json_true());
		json_object_set(line, "reason", json_object_get(e, "reason"));
		json_object_set(line, "reason_title", json_object_get(e,
		    "title"));
		json_object_set(line, "note", json_object_get(e, "note"));
	}
}

enum app_err
checklist_load(struct db *db, int64_t oid, int64_t uid, struct checklist *c)
{
	struct db_arg		 a[2] = { DB_I(oid), DB_I(uid) };
	struct subj		 s;
	struct rules		 pr;
	json_t			*sites = json_array(), *x, *open = NULL;
	json_t			*persons = json_object();
	char			 region[3];
	const char		*wname;
	int64_t			 wid;
	size_t			 i;
	enum app_err		 er;

	memset(&pr, 0, sizeof(pr));
	c->uploads = json_array();
	c->kinds = json_object();
	c->items = json_array();
	c->missing = 0;
	memset(&s, 0, sizeof(s));
	if ((er = db_query(db, STMT_ORDER_SUBJECT_FULL, a, 2, subj_row,
	    &s)) != APP_OK)
		goto out;
	if (!s.found) {
		er = APP_ENOTFOUND;
		goto out;
	}
	if ((er = db_upload_list(db, oid, c->uploads)) != APP_OK ||
	    (er = db_query(db, STMT_UPLOAD_KINDS, NULL, 0, upload_kinds_row,
	    c->kinds)) != APP_OK ||
	    (er = db_query(db, STMT_CHECKLIST_WEBSITES, a, 1, site_row,
	    sites)) != APP_OK ||
	    (er = rules_load(db, clock_now(), s.province, s.personal, &pr)) !=
	    APP_OK)
		goto out;
	json_array_foreach(sites, i, x) {
		wid = json_integer_value(json_object_get(x, "id"));
		wname = json_string_value(json_object_get(x, "name"));
		want_owner_id(c, persons, wid, wname, json_string_value(
		    json_object_get(x, "person")));
		want(c, wid, wname, "verification_form",
		    "每个新增网站都需要签字的真实性核验单");
		if (rule_value(&pr, RK_DOMAIN_CERT_REQUIRED) != 0)
			want(c, wid, wname, "domain_certificate",
			    rule_message(&pr, RK_DOMAIN_CERT_REQUIRED));
		if (!s.personal && s.legal_rep[0] != '\0' &&
		    strcmp(json_string_value(json_object_get(x, "owner")),
		    s.legal_rep) != 0 && rule_value(&pr, RK_AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP) != 0)
			want(c, wid, wname, "authorization_letter",
			    rule_message(&pr, RK_AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP));
		if (json_integer_value(json_object_get(x, "preapprovals")) > 0)
			want(c, wid, wname, "preapproval_document",
			    "网站填写了前置审批，需上传审批文件");
	}
	if (rule_value(&pr, RK_COMMITMENT_LETTER_REQUIRED) != 0)
		want(c, 0, NULL, "commitment_letter",
		    rule_message(&pr, RK_COMMITMENT_LETTER_REQUIRED));
	/* A personal filer with another province's ID card (R3). */
	if (s.personal && valid_cert_province(s.leader_id_type, s.leader_id,
	    region) && strncmp(region, s.province, 2) != 0 &&
	    rule_value(&pr, RK_RESIDENCE_PERMIT_ACCEPTED) != 0)
		want(c, 0, NULL, "residence_permit",
		    rule_message(&pr, RK_RESIDENCE_PERMIT_ACCEPTED));
	if ((er = db_review_open(db, oid, &open)) != APP_OK)
		goto out;
	mark_rejected(c, open);
out:
	json_decref(open);
	json_decref(persons);
	rules_free(&pr);
	json_decref(sites);
	return er;
}

void
checklist_free(struct checklist *c)
{
	if (c == NULL)
		return;
	json_decref(c->uploads);
	json_decref(c->kinds);
	json_decref(c->items);
	c->uploads = c->kinds = c->items = NULL;
}
