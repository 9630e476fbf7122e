/*
 * upload: the materials of an order (seed step 6).
 *
 *   POST   /api/orders/{id}/uploads   multipart kind, website_id, file:
 *                                     201 the upload (+ quality warnings)
 *   GET    /api/orders/{id}/uploads   {uploads, checklist}
 *   GET    /api/uploads/{uid}         the normalised JPEG
 *   GET    /api/uploads/{uid}/thumb   its thumbnail
 *   DELETE /api/uploads/{uid}         while the order can be edited
 *   POST   /api/uploads/{uid}/delete  the same, for classic forms
 *   GET    /api/orders/{id}/websites/{wid}/verification-form[?format=pdf]
 *                                     the pre-filled 核验单 to print
 *
 * The bytes are sniffed (JPEG or PNG only: 415 names what else it is),
 * decoded with that coder forced, under the limits of img_init(), turned
 * upright, stripped and re-encoded (lib/img.c); only that result is
 * stored, with its sha256, in the same transaction as the upload row.
 * Images are served to their owner and to reviewers, never cached by a
 * shared cache.  Refusals: 404 (order, website of another order is 422
 * website_id), 409 order_not_editable, 413 from nginx, 415, 422 with the
 * field map (kind, website_id, file).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "lib/app.h"
#include "lib/db-order.h"
#include "lib/db-upload.h"
#include "lib/img.h"
#include "lib/log.h"
#include "lib/messages.h"
#include "lib/rules.h"
#include "views.h"

static enum app_err	upload_post(struct req *, struct resp *);
static enum app_err	uploads_get(struct req *, struct resp *);
static enum app_err	image_get(struct req *, struct resp *);
static enum app_err	thumb_get(struct req *, struct resp *);
static enum app_err	upload_delete(struct req *, struct resp *);

enum	route_id {
	ROUTE_UPLOAD_POST,
	ROUTE_UPLOADS_GET,
	ROUTE_IMAGE,
	ROUTE_THUMB,
	ROUTE_DELETE,
	ROUTE_DELETE_FORM,
	ROUTE_VERIFICATION_FORM,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	/* ROUTE_UPLOAD_POST */
	{ "/api/orders/{id}/uploads", M_POST, AUTH_USER, upload_post, NULL },
	/* ROUTE_UPLOADS_GET */
	{ "/api/orders/{id}/uploads", M_GET, AUTH_USER, uploads_get,
	  upload_view },
	/* ROUTE_IMAGE */
	{ "/api/uploads/{id}", M_GET, AUTH_USER, image_get, NULL },
	/* ROUTE_THUMB */
	{ "/api/uploads/{id}/thumb", M_GET, AUTH_USER, thumb_get, NULL },
	/* ROUTE_DELETE */
	{ "/api/uploads/{id}", M_DELETE, AUTH_USER, upload_delete, NULL },
	/* ROUTE_DELETE_FORM: DELETE for classic forms */
	{ "/api/uploads/{id}/delete", M_POST, AUTH_USER, upload_delete, NULL },
	/* ROUTE_VERIFICATION_FORM */
	{ "/api/orders/{id}/websites/{id}/verification-form", M_GET, AUTH_USER,
	  verification_form, NULL },
};

/* --- the list and the checklist --- */

static enum app_err
upload_post(struct req *r, struct resp *w)
{
	return upload_store(r, w, r->ids[0], r->user.id, "applicant");
}

static enum app_err
int_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, 0);
	return APP_OK;
}

static enum app_err
upload_row(const struct db_row *row, void *arg)
{
	json_t	*arr = arg, *warn;
	char	 url[64], turl[72];

	warn = json_loads(db_row_str(row, 8) ? db_row_str(row, 8) : "[]", 0,
	    NULL);
	snprintf(url, sizeof(url), "/api/uploads/%lld",
	    (long long)db_row_int(row, 0));
	snprintf(turl, sizeof(turl), "%s/thumb", url);
	json_array_append_new(arr, json_pack("{s:I, s:I, s:s, s:s, s:I, s:I, "
	    "s:I, s:s, s:o, s:s, s:s, s:s, s:s}",
	    "id", (json_int_t)db_row_int(row, 0),
	    "website_id", (json_int_t)db_row_int(row, 1),
	    "kind", db_row_str(row, 2), "kind_name", db_row_str(row, 3),
	    "width", (json_int_t)db_row_int(row, 4),
	    "height", (json_int_t)db_row_int(row, 5),
	    "bytes", (json_int_t)db_row_int(row, 6),
	    "filename", db_row_str(row, 7),
	    "warnings", warn != NULL ? warn : json_array(),
	    "sha256", db_row_str(row, 9), "created_at", db_row_str(row, 10),
	    "url", url, "thumb_url", turl));
	return APP_OK;
}

struct	subj {
	bool	 found;
	bool	 personal;
	char	 province[8];
	char	 leader[64];
	char	 legal_rep[64];
};

static enum app_err
subj_row(const struct db_row *row, void *arg)
{
	struct subj	*s = arg;

	s->found = true;
	s->personal = db_row_int(row, 2) != 0;
	snprintf(s->province, sizeof(s->province), "%s", db_row_str(row, 3));
	snprintf(s->leader, sizeof(s->leader), "%s", db_row_str(row, 4));
	snprintf(s->legal_rep, sizeof(s->legal_rep), "%s",
	    db_row_str(row, 9) ? db_row_str(row, 9) : "");
	return APP_OK;
}

static enum app_err
site_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_pack("{s:I, s:s, s:b, s:s, s:I}",
	    "id", (json_int_t)db_row_int(row, 0), "name", db_row_str(row, 1),
	    "same", db_row_int(row, 2) != 0, "owner", db_row_str(row, 3),
	    "preapprovals", (json_int_t)db_row_int(row, 4)));
	return APP_OK;
}

/* One checklist line: a kind wanted for a website (0: the order). */
static void
want(json_t *list, const json_t *kinds, const json_t *uploads, int64_t wid,
    const char *wname, const char *kind, const char *why)
{
	const json_t	*u, *found = NULL;
	size_t		 i;

	json_array_foreach(uploads, i, u)
		if (json_integer_value(json_object_get(u, "website_id")) == wid &&
		    strcmp(json_string_value(json_object_get(u, "kind")),
		    kind) == 0)
			found = u;
	json_array_append_new(list, json_pack("{s:s, s:s, s:I, s:s?, s:s, "
	    "s:b, s:O?}", "kind", kind, "kind_name", json_string_value(
	    json_object_get(json_object_get(kinds, kind), "name")),
	    "website_id", (json_int_t)wid, "website_name", wname,
	    "why", why, "present", found != NULL,
	    "upload_id", found != NULL ? json_object_get(found, "id") : NULL));
}

static enum app_err
uploads_get(struct req *r, struct resp *w)
{
	struct db_arg		 a[2] = { DB_I(r->ids[0]), DB_I(r->user.id) };
	struct subj		 s;
	struct prov_rules	 pr = { NULL };
	json_t			*uploads = json_array(), *kinds = json_object();
	json_t			*sites = json_array(), *list = json_array(), *x;
	json_t			*order = NULL;
	const char		*wname;
	int64_t			 wid;
	size_t			 i, missing = 0;
	enum app_err		 er;

	memset(&s, 0, sizeof(s));
	if ((er = db_query(r->db, STMT_ORDER_SUBJECT_FULL, a, 2, subj_row,
	    &s)) != APP_OK)
		goto out;
	if (!s.found) {
		er = APP_ENOTFOUND;
		goto out;
	}
	if ((er = db_query(r->db, STMT_UPLOAD_LIST, a, 1, upload_row,
	    uploads)) != APP_OK ||
	    (er = db_query(r->db, STMT_UPLOAD_KINDS, NULL, 0, upload_kinds_row,
	    kinds)) != APP_OK ||
	    (er = db_query(r->db, STMT_CHECKLIST_WEBSITES, a, 1, site_row,
	    sites)) != APP_OK ||
	    (er = prov_rules_load(r->db, s.province, s.personal, &pr)) != APP_OK)
		goto out;
	/* What each website needs (domain.md §12, province rules T2). */
	json_array_foreach(sites, i, x) {
		wid = json_integer_value(json_object_get(x, "id"));
		wname = json_string_value(json_object_get(x, "name"));
		want(list, kinds, uploads, wid, wname, "owner_id_front",
		    "每个新增网站都需要网站负责人证件");
		want(list, kinds, uploads, wid, wname, "owner_id_back",
		    "每个新增网站都需要网站负责人证件");
		want(list, kinds, uploads, wid, wname, "verification_form",
		    "每个新增网站都需要签字的真实性核验单");
		if (prov_rule_value(&pr, "domain_cert_required", 0) != 0)
			want(list, kinds, uploads, wid, wname,
			    "domain_certificate", prov_rule_message(&pr,
			    "domain_cert_required"));
		if (!s.personal && s.legal_rep[0] != '\0' &&
		    strcmp(json_string_value(json_object_get(x, "owner")),
		    s.legal_rep) != 0 && prov_rule_value(&pr,
		    "auth_letter_when_owner_not_legal_rep", 0) != 0)
			want(list, kinds, uploads, wid, wname,
			    "authorization_letter", prov_rule_message(&pr,
			    "auth_letter_when_owner_not_legal_rep"));
		if (json_integer_value(json_object_get(x, "preapprovals")) > 0)
			want(list, kinds, uploads, wid, wname,
			    "preapproval_document", "网站填写了前置审批，需上传审批文件");
	}
	if (prov_rule_value(&pr, "commitment_letter_required", 0) != 0)
		want(list, kinds, uploads, 0, NULL, "commitment_letter",
		    prov_rule_message(&pr, "commitment_letter_required"));
	json_array_foreach(list, i, x)
		if (!json_is_true(json_object_get(x, "present")))
			missing++;
	if ((er = db_order_json(r->db, r->ids[0], r->user.id, &order)) != APP_OK)
		goto out;
	/* Step 6 is done when nothing the checklist asks for is missing. */
	json_object_set_new(json_object_get(order, "steps"), "uploads",
	    json_boolean(missing == 0 && json_array_size(list) > 0));
	resp_json(w, 200, json_pack("{s:O, s:O, s:I, s:O, s:o}", "uploads",
	    uploads, "checklist", list, "missing", (json_int_t)missing,
	    "kinds", kinds, "order", order));
out:
	prov_rules_free(&pr);
	json_decref(uploads);
	json_decref(kinds);
	json_decref(sites);
	json_decref(list);
	return er;
}

/* --- the images --- */

static enum app_err
image_row(const struct db_row *row, void *arg)
{
	struct resp	*w = arg;

	buf_append(&w->raw, db_row_str(row, 1), db_row_len(row, 1));
	w->status = 200;
	return APP_OK;
}

static enum app_err
serve(struct req *r, struct resp *w, int thumb)
{
	bool		 reviewer = strcmp(r->user.role, "reviewer") == 0 ||
	    strcmp(r->user.role, "admin") == 0;
	struct db_arg	 a[4] = { DB_I(thumb), DB_I(r->ids[0]),
	    DB_I(r->user.id), DB_I(reviewer ? 1 : 0) };
	enum app_err	 er;

	if ((er = db_query(r->db, STMT_UPLOAD_IMAGE, a, 4, image_row, w)) !=
	    APP_OK)
		return er;
	if (w->status != 200)
		return APP_ENOTFOUND;
	w->ctype = "image/jpeg";
	/* A browser may keep it; a shared cache may not. */
	w->cache = "private, max-age=300";
	resp_header(w, "Content-Disposition: inline; filename=\"upload-%lld%s.jpg\"",
	    (long long)r->ids[0], thumb ? "-thumb" : "");
	return APP_OK;
}

static enum app_err
image_get(struct req *r, struct resp *w)
{
	return serve(r, w, 0);
}

static enum app_err
thumb_get(struct req *r, struct resp *w)
{
	return serve(r, w, 1);
}

static enum app_err
upload_delete(struct req *r, struct resp *w)
{
	struct db_arg		 a[2] = { DB_I(r->ids[0]), DB_I(r->user.id) };
	struct order_lock	 l;
	enum order_state	 to;
	int64_t			 oid = 0;
	uint64_t		 n = 0;
	enum app_err		 er;

	if ((er = db_query(r->db, STMT_UPLOAD_ORDER, a, 2, int_row, &oid)) !=
	    APP_OK)
		return er;
	if (oid == 0)
		return APP_ENOTFOUND;
	if ((er = db_tx_begin(r->db)) != APP_OK)
		return er;
	if ((er = db_order_lock(r->db, oid, r->user.id, &l)) != APP_OK)
		goto out;
	if (!order_next(l.state, OE_EDIT, &to)) {
		er = resp_fail(w, APP_ECONFLICT, "order_not_editable",
		    msg_for_code("order_not_editable"));
		goto out;
	}
	a[1] = DB_I(oid);
	if ((er = db_exec(r->db, STMT_UPLOAD_DELETE, a, 2, &n)) != APP_OK)
		goto out;
	if ((er = db_order_apply(r->db, &l, OE_EDIT, "applicant", r->user.id,
	    "删除上传的材料")) != APP_OK)
		goto out;
	if ((er = db_tx_commit(r->db)) != APP_OK)
		goto out;
	resp_json(w, 200, json_pack("{s:b}", "deleted", n == 1));
out:
	db_tx_rollback(r->db);
	return er;
}

static enum app_err
upload_init(const struct conf *c)
{
	/* 40 megapixels: a 12 MP phone photo passes, a bomb does not. */
	static const struct img_limits	 l = { 12000, 12000, 40000000, 512 };

	(void)c;
	img_init(&l);
	return APP_OK;
}

int
main(int argc, char *argv[])
{
	static const struct app app = {
		"upload", routes, ROUTE__MAX, upload_init,
		20 * 1024 * 1024
	};

	return app_main(argc, argv, &app);
}
