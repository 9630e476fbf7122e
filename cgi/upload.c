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

struct	kind {
	bool	 found;
	char	 name[64];
	bool	 per_website;
	int64_t	 min_w, min_h, max_side, byte_cap;
};

static enum app_err
kinds_row(const struct db_row *row, void *arg)
{
	json_object_set_new(arg, db_row_str(row, 0), json_pack("{s:s, s:b, "
	    "s:I, s:I, s:I, s:I}", "name", db_row_str(row, 1),
	    "per_website", db_row_int(row, 2) != 0,
	    "min_width", (json_int_t)db_row_int(row, 3),
	    "min_height", (json_int_t)db_row_int(row, 4),
	    "max_side", (json_int_t)db_row_int(row, 5),
	    "byte_cap", (json_int_t)db_row_int(row, 6)));
	return APP_OK;
}

static enum app_err
kind_find(struct db *db, const char *name, struct kind *k)
{
	json_t		*all = json_object(), *o;
	enum app_err	 er;

	memset(k, 0, sizeof(*k));
	if ((er = db_query(db, STMT_UPLOAD_KINDS, NULL, 0, kinds_row, all)) ==
	    APP_OK && name != NULL && (o = json_object_get(all, name)) != NULL) {
		k->found = true;
		snprintf(k->name, sizeof(k->name), "%s",
		    json_string_value(json_object_get(o, "name")));
		k->per_website = json_is_true(json_object_get(o, "per_website"));
		k->min_w = json_integer_value(json_object_get(o, "min_width"));
		k->min_h = json_integer_value(json_object_get(o, "min_height"));
		k->max_side = json_integer_value(json_object_get(o, "max_side"));
		k->byte_cap = json_integer_value(json_object_get(o, "byte_cap"));
	}
	json_decref(all);
	return er;
}

static enum app_err
int_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, 0);
	return APP_OK;
}

static enum app_err
rule_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, 0);
	return APP_OK;
}

/* A rule_setting value and message (quality gate thresholds). */
static int64_t
setting(struct db *db, const char *name, int64_t dflt)
{
	struct db_arg	 a[1] = { DB_S(name) };
	int64_t		 v = dflt;

	(void)db_query(db, STMT_RULE_VALUE, a, 1, rule_row, &v);
	return v;
}

/* The name to show for what the applicant uploaded: no path, no control. */
static void
display_name(const char *in, char *out, size_t outsz)
{
	const char	*p = in != NULL ? in : "";
	const char	*slash;
	size_t		 o = 0;

	while ((slash = strpbrk(p, "/\\\\")) != NULL)
		p = slash + 1;
	for (; *p != '\0' && o + 1 < outsz && o < 100; p++)
		if ((unsigned char)*p >= 0x20 && *p != 0x7f)
			out[o++] = *p;
	/* Never end inside a UTF-8 sequence. */
	while (o > 0 && ((unsigned char)out[o - 1] & 0xc0) == 0x80)
		o--;
	if (o > 0 && (unsigned char)out[o - 1] >= 0xc0)
		o--;
	out[o] = '\0';
}

static void
sha256_hex(const unsigned char *p, size_t n, char out[65])
{
	unsigned char	 h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, n);
	hex_encode(h, sizeof(h), out);
}

static enum app_err
website_in_order(struct db *db, int64_t oid, int64_t wid, bool *ok)
{
	json_t		*arr = json_array();
	enum app_err	 er;

	er = db_order_websites(db, oid, wid, arr);
	*ok = json_array_size(arr) == 1;
	json_decref(arr);
	return er;
}

static enum app_err
upload_post(struct req *r, struct resp *w)
{
	const char		*kind = req_str(r, "kind");
	const char		*wid_s = req_str(r, "website_id");
	const struct mp_file	*f = NULL;
	struct kind		 k;
	struct order_lock	 l;
	struct img_out		 o;
	enum order_state	 to;
	enum img_type		 type;
	const char		*what;
	struct db_arg		 a[10];
	json_t			*warn = json_array(), *arr = NULL;
	char			 sha[65], tsha[65], name[128], *wtext = NULL;
	int64_t			 oid = r->ids[0], wid = 0, uid = 0, v;
	unsigned long		 longer, shorter;
	bool			 ok;
	size_t			 i;
	enum app_err		 er;

	memset(&o, 0, sizeof(o));
	for (i = 0; i < r->files.n; i++)
		if (strcmp(r->files.v[i].name, "file") == 0)
			f = &r->files.v[i];
	if ((er = kind_find(r->db, kind, &k)) != APP_OK)
		goto out;
	if (!k.found) {
		er = resp_field(w, "kind", "请选择要上传的材料类型");
		goto out;
	}
	if (wid_s != NULL && *wid_s != '\0' &&
	    !str_to_i64(wid_s, 1, INT64_MAX, &wid)) {
		er = resp_field(w, "website_id", "网站编号不正确");
		goto out;
	}
	if (k.per_website && wid == 0) {
		er = resp_field(w, "website_id", "请选择这份材料属于哪个网站");
		goto out;
	}
	if (!k.per_website)
		wid = 0;
	if (f == NULL) {
		er = resp_field(w, "file", "请选择要上传的图片文件");
		goto out;
	}
	/* The bytes say what the file is; its name and type do not. */
	if ((type = img_sniff(f->data, f->size, &what)) == IMG_UNKNOWN) {
		char	 msg[200];

		snprintf(msg, sizeof(msg), "只能上传 JPG 或 PNG 格式的照片或扫描件"
		    "（您上传的是%s）。", what);
		resp_field(w, "file", msg);
		er = resp_fail(w, f->size == 0 ? APP_EINVAL : APP_EMEDIA, NULL,
		    msg);
		goto out;
	}

	/* The order and website, before any pixel is decoded. */
	if ((er = db_tx_begin(r->db)) != APP_OK)
		goto out;
	if ((er = db_order_lock(r->db, oid, r->user.id, &l)) != APP_OK)
		goto out;
	if (!order_next(l.state, OE_EDIT, &to)) {
		er = resp_fail(w, APP_ECONFLICT, "order_not_editable",
		    msg_for_code("order_not_editable"));
		goto out;
	}
	if (wid != 0) {
		if ((er = website_in_order(r->db, oid, wid, &ok)) != APP_OK)
			goto out;
		if (!ok) {
			er = resp_field(w, "website_id", "这个网站不属于本订单");
			goto out;
		}
	}
	db_tx_rollback(r->db);	/* decoding takes long: hold no lock */

	if (img_normalise(f->data, f->size, type, (unsigned long)k.max_side,
	    85, (size_t)k.byte_cap, &o) != APP_OK) {
		er = resp_field(w, "file", o.error);
		goto out;
	}
	longer = o.src_width > o.src_height ? o.src_width : o.src_height;
	shorter = o.src_width > o.src_height ? o.src_height : o.src_width;
	if ((int64_t)longer < k.min_w || (int64_t)shorter < k.min_h) {
		char	 msg[200];

		snprintf(msg, sizeof(msg), "图片太小（%lu×%lu 像素），看不清细节。"
		    "%s 至少需要 %lld×%lld 像素，请重新拍摄或扫描。", o.src_width,
		    o.src_height, k.name, (long long)k.min_w, (long long)k.min_h);
		er = resp_field(w, "file", msg);
		goto out;
	}
	/* The quality gate: warnings the applicant sees before submitting. */
	if (o.brightness < (double)(v = setting(r->db, "upload_min_brightness",
	    60)) && v > 0)
		json_array_append_new(warn, json_string("照片偏暗，证件上的文字可能看不清。"
		    "请在光线充足处重新拍摄。"));
	if (o.brightness > (double)(v = setting(r->db, "upload_max_brightness",
	    235)) && v > 0)
		json_array_append_new(warn, json_string("照片过亮或有反光，证件上的文字"
		    "可能看不清。请避开灯光直射后重新拍摄。"));
	if (o.sharpness < (double)(v = setting(r->db, "upload_min_sharpness",
	    40)) && v > 0)
		json_array_append_new(warn, json_string("照片可能模糊。请对准焦点、"
		    "保持手机稳定后重新拍摄。"));
	wtext = json_dumps(warn, JSON_COMPACT);

	sha256_hex(o.jpeg, o.jpegsz, sha);
	sha256_hex(o.thumb, o.thumbsz, tsha);
	display_name(f->filename, name, sizeof(name));
	if ((er = db_tx_begin(r->db)) != APP_OK)
		goto out;
	/* Locked again: it may have left the draft while we decoded. */
	if ((er = db_order_lock(r->db, oid, r->user.id, &l)) != APP_OK)
		goto out;
	if (!order_next(l.state, OE_EDIT, &to)) {
		er = resp_fail(w, APP_ECONFLICT, "order_not_editable",
		    msg_for_code("order_not_editable"));
		goto out;
	}
	a[0] = DB_S(sha);
	a[1] = DB_B((const char *)o.jpeg, o.jpegsz);
	a[2] = DB_I((int64_t)o.jpegsz);
	if ((er = db_exec(r->db, STMT_BLOB_PUT, a, 3, NULL)) != APP_OK)
		goto out;
	a[0] = DB_S(tsha);
	a[1] = DB_B((const char *)o.thumb, o.thumbsz);
	a[2] = DB_I((int64_t)o.thumbsz);
	if ((er = db_exec(r->db, STMT_BLOB_PUT, a, 3, NULL)) != APP_OK)
		goto out;
	a[0] = DB_I(oid);
	a[1] = DB_I(wid);
	a[2] = DB_S(kind);
	if ((er = db_exec(r->db, STMT_UPLOAD_CLEAR_SLOT, a, 3, NULL)) != APP_OK)
		goto out;
	a[3] = DB_S(sha);
	a[4] = DB_S(tsha);
	a[5] = DB_I((int64_t)o.width);
	a[6] = DB_I((int64_t)o.height);
	a[7] = DB_I((int64_t)o.jpegsz);
	a[8] = DB_S(name);
	a[9] = DB_S(wtext);
	if ((er = db_insert(r->db, STMT_UPLOAD_INSERT, a, 10, &uid)) != APP_OK)
		goto out;
	if ((er = db_order_apply(r->db, &l, OE_EDIT, "applicant", r->user.id,
	    k.name)) != APP_OK)
		goto out;
	if ((er = db_tx_commit(r->db)) != APP_OK)
		goto out;
	resp_json(w, 201, json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:s, "
	    "s:s, s:O, s:s, s:s}",
	    "id", (json_int_t)uid, "kind", kind, "kind_name", k.name,
	    "website_id", (json_int_t)wid,
	    "width", (json_int_t)o.width, "height", (json_int_t)o.height,
	    "bytes", (json_int_t)o.jpegsz, "sha256", sha, "filename", name,
	    "warnings", warn, "url", "", "thumb_url", ""));
	{
		char	 url[64];

		snprintf(url, sizeof(url), "/api/uploads/%lld", (long long)uid);
		json_object_set_new(w->body, "url", json_string(url));
		snprintf(url, sizeof(url), "/api/uploads/%lld/thumb",
		    (long long)uid);
		json_object_set_new(w->body, "thumb_url", json_string(url));
	}
	applog(LOG_INFO, "upload %lld: %s %lux%lu->%lux%lu %zu bytes",
	    (long long)uid, kind, o.src_width, o.src_height, o.width, o.height,
	    o.jpegsz);
	er = APP_OK;
out:
	db_tx_rollback(r->db);
	free(wtext);
	json_decref(warn);
	json_decref(arr);
	img_out_free(&o);
	return er;
}

/* --- the list and the checklist --- */

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
	    (er = db_query(r->db, STMT_UPLOAD_KINDS, NULL, 0, kinds_row,
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
