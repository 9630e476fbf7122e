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
 *   GET    /api/orders/{id}/commitment-letter[?format=pdf]
 *                                     the pre-filled 承诺书 to print
 *
 * The bytes are sniffed (JPEG or PNG only: 415 names what else it is),
 * decoded with that coder forced, under the limits of upload_img_init(), turned
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
#include "lib/db-review.h"
#include "lib/db-upload.h"
#include "lib/upload-store.h"
#include "lib/log.h"
#include "lib/messages.h"
#include "lib/order-rules.h"
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
	ROUTE_COMMITMENT_LETTER,
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
	/* ROUTE_COMMITMENT_LETTER */
	{ "/api/orders/{id}/commitment-letter", M_GET, AUTH_USER,
	  commitment_letter, NULL },
};

/* --- the list and the checklist --- */

static enum app_err
upload_post(struct req *r, struct resp *w)
{
	enum app_err	 er;

	/* Another account's order: 404 before the file is looked at. */
	if ((er = db_order_owned(r->db, r->ids[0], r->user.id)) != APP_OK)
		return er;
	return upload_store(r, w, r->ids[0], r->user.id, "applicant");
}

static enum app_err
int_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_UPLOAD_ORDER_N);
	return APP_OK;
}

static enum app_err
uploads_get(struct req *r, struct resp *w)
{
	struct checklist_view	 c;
	json_t			*order = NULL;
	enum app_err		 er;

	if ((er = checklist_view_load(r->db, r->ids[0], r->user.id, r->now,
	    &c)) != APP_OK)
		return er;
	if ((er = db_order_json(r->db, r->ids[0], r->user.id, &order)) != APP_OK)
		goto out;
	/* Step 6 is done when nothing the checklist asks for is missing. */
	json_object_set_new(json_object_get(order, "steps"), "uploads",
	    json_boolean(c.missing == 0 && json_array_size(c.items) > 0));
	resp_json(w, 200, json_pack("{s:O, s:O, s:I, s:O, s:o}", "uploads",
	    c.uploads, "checklist", c.items, "missing", (json_int_t)c.missing,
	    "kinds", c.kinds, "order", order));
out:
	checklist_view_free(&c);
	return er;
}

/* --- the images --- */

static enum app_err
image_row(const struct db_row *row, void *arg)
{
	struct resp	*w = arg;

	buf_append(&w->raw, db_row_str(row, COL_UPLOAD_IMAGE_DATA), db_row_len(row, COL_UPLOAD_IMAGE_DATA));
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
	const char		*code;
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
	/* After a rejection an upload is replaced, never just removed. */
	if ((er = db_review_lock(r->db, oid, r->user.id, true, &l, &code)) !=
	    APP_OK) {
		if (code != NULL)
			er = resp_fail(w, er, code, msg_for_code(code));
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
	(void)c;
	upload_img_init();
	return APP_OK;
}

int
main(int argc, char *argv[])
{
	static const struct app app = {
		"upload", routes, ROUTE__MAX, upload_init,
		20 * 1024 * 1024, NULL
	};

	return app_main(argc, argv, &app);
}
