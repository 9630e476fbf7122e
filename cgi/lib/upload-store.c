/*
 * Storing an uploaded material: the steps shared by the desktop upload
 * (upload.c) and the phone (handoff.c), so both refuse and normalise
 * exactly alike.  The one request handler in the library: both programs
 * answer with it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "db-filing.h"
#include "db-verify.h"
#include "filing-json.h"
#include "db-order.h"
#include "db-review.h"
#include "img.h"
#include "log.h"
#include "messages.h"
#include "rules.h"
#include "upload-rules.h"
#include "upload-store.h"

void
upload_img_init(void)
{
	/*
	 * 40 megapixels: a 12 MP phone photo passes, a bomb does not.  A
	 * decode holds at most 200 MB, so that an upload worker stays
	 * under 300 MB whatever it is sent (issue 16).
	 */
	static const struct img_limits	 l = { 12000, 12000, 40000000, 1024,
	    200 };

	img_init(&l);
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

/*
 * Inside a transaction: lock the order and say whether this slot may take
 * a file now (a draft, or the slot of a rejected upload).  A
 * verification photo goes up after the initial approval instead, and
 * only where the method takes a photo (*method: the order's).
 */
static enum app_err
lock_slot(struct req *r, struct resp *w, int64_t oid, int64_t uid,
    int64_t wid, const char *kind, struct order_lock *l,
    enum verify_method *method)
{
	struct verification	 v;
	enum order_state	 to;
	const char		*code;
	bool			 ok;
	enum app_err		 er;

	if (strcmp(kind, "curtain_photo") == 0) {
		if ((er = db_order_lock(r->db, oid, uid, l)) != APP_OK ||
		    (er = db_verification_get(r->db, oid, &v)) != APP_OK)
			return er;
		*method = v.method;
		ok = v.found;
		verification_free(&v);
		if (!order_next(l->state, OE_VERIFICATION_PHOTO, &to) || !ok)
			return resp_fail(w, APP_ECONFLICT,
			    "order_not_in_verification",
			    msg_for_code("order_not_in_verification"));
		if (*method == VM_SHANGHAI)
			return resp_fail(w, APP_ECONFLICT, "photo_not_needed",
			    msg_for_code("photo_not_needed"));
		/* After a rejection: the rejected photo, or an empty slot. */
		if (l->state == OS_VERIFICATION_REJECTED && (er =
		    db_review_may_change(r->db, l, wid, NULL, kind, &ok)) !=
		    APP_OK)
			return er;
		if (l->state == OS_VERIFICATION_REJECTED && !ok)
			return resp_fail(w, APP_ECONFLICT, "item_locked",
			    msg_for_code("item_locked"));
		return APP_OK;
	}
	if ((er = db_review_lock(r->db, oid, uid, false, l, &code)) != APP_OK)
		return code != NULL ? resp_fail(w, er, code,
		    msg_for_code(code)) : er;
	if ((er = db_review_may_change(r->db, l, wid, NULL, kind, &ok)) !=
	    APP_OK)
		return er;
	if (!ok)
		return resp_fail(w, APP_ECONFLICT, "item_locked",
		    msg_for_code("item_locked"));
	return APP_OK;
}

/*
 * The verification photo's checks: 422 with the first as the file's
 * message and all of them as findings.
 */
static enum app_err
photo_refusal(struct resp *w, const struct rules *rs,
    enum verify_method method, const struct img_out *o)
{
	struct photo_measure	 m;
	struct findings		 found;
	struct refs		 none;
	json_t			*j;
	enum app_err		 er = APP_OK;

	memset(&found, 0, sizeof(found));
	memset(&none, 0, sizeof(none));
	m.width = o->src_width;
	m.height = o->src_height;
	m.brightness = o->brightness;
	m.sharpness = o->sharpness;
	m.border_white = o->border_white;
	m.border_blue = o->border_blue;
	verify_photo_check(rs, method, &m, &found);
	if (found.failed)
		er = APP_EINTERNAL;
	else if (found.n > 0) {
		if ((j = findings_json(&found, &none)) == NULL)
			er = APP_EINTERNAL;
		else {
			w->extra = json_pack("{s:o}", "findings", j);
			(void)resp_field(w, "file", found.v[0].message);
			er = resp_fail(w, APP_EINVAL, NULL, found.v[0].message);
		}
	}
	findings_free(&found);
	return er;
}

enum app_err
upload_store(struct req *r, struct resp *w, int64_t oid, int64_t uid,
    const char *actor)
{
	const char		*kind = req_str(r, "kind");
	const char		*wid_s = req_str(r, "website_id");
	const struct mp_file	*f = NULL;
	const struct upload_kind *k;
	struct refs		 refs;
	struct order_lock	 l;
	struct img_out		 o;
	struct rules		 rs;
	enum img_type		 type;
	const char		*what, *quality[3];
	struct db_arg		 a[10];
	struct buf		 msg = BUF_INIT;
	json_t			*warn = json_array(), *arr = NULL;
	char			 sha[65], tsha[65], name[128], *wtext = NULL;
	struct filing		 fl;
	enum verify_method	 method = VM_WHITE;
	bool			 photo = kind != NULL &&
				    strcmp(kind, "curtain_photo") == 0;
	int64_t			 wid = 0, id = 0;
	bool			 ok;
	size_t			 i, nq;
	enum app_err		 er;

	memset(&o, 0, sizeof(o));
	memset(&rs, 0, sizeof(rs));
	memset(&refs, 0, sizeof(refs));
	memset(&fl, 0, sizeof(fl));
	for (i = 0; i < r->files.n; i++)
		if (strcmp(r->files.v[i].name, "file") == 0)
			f = &r->files.v[i];
	if ((er = upload_kinds_load(r->db, &refs)) != APP_OK)
		goto out;
	if ((k = refs_kind(&refs, kind)) == NULL) {
		er = resp_field(w, "kind", "请选择要上传的材料类型");
		goto out;
	}
	if ((what = upload_website(k, wid_s, &wid)) != NULL) {
		er = resp_field(w, "website_id", what);
		goto out;
	}
	if (f == NULL) {
		er = resp_field(w, "file", "请选择要上传的图片文件");
		goto out;
	}
	/* The bytes say what the file is; its name and type do not. */
	if ((type = img_sniff(f->data, f->size, &what)) == IMG_UNKNOWN) {
		/* "是 PDF 文档", "是空文件": a space before Latin only. */
		buf_printf(&msg, "只能上传 JPG 或 PNG 格式的照片或扫描件"
		    "（您上传的是%s%s）。", (unsigned char)what[0] < 0x80 ? " " :
		    "", what);
		resp_field(w, "file", msg.p);
		er = resp_fail(w, f->size == 0 ? APP_EINVAL : APP_EMEDIA, NULL,
		    msg.p);
		goto out;
	}

	/* The order and website, before any pixel is decoded. */
	/* One person, one photo: it goes to the slot of their first website. */
	if (photo) {
		if ((er = filing_load(r->db, oid, uid, r->now, FP_WEBSITES,
		    &fl)) != APP_OK)
			goto out;
		if ((wid = verify_slot(&fl, wid)) == 0) {
			er = resp_field(w, "website_id", "这个网站不属于本订单");
			goto out;
		}
	}
	if ((er = db_tx_begin(r->db)) != APP_OK)
		goto out;
	if ((er = lock_slot(r, w, oid, uid, wid, kind, &l, &method)) != APP_OK)
		goto out;
	if (wid != 0) {
		if ((er = website_in_order(r->db, oid, wid, &ok)) != APP_OK)
			goto out;
		if (!ok) {
			er = resp_field(w, "website_id", "这个网站不属于本订单");
			goto out;
		}
	}
	db_tx_rollback(r->db);	/* decoding takes long: hold no lock */

	if (img_normalise(f->data, f->size, type, (unsigned long)k->max_side,
	    85, (size_t)k->byte_cap, &o) != APP_OK) {
		er = resp_field(w, "file", o.error);
		goto out;
	}
	/* The quality gate: warnings the applicant sees before submitting. */
	if ((er = rules_load(r->db, r->now, NULL, false, &rs)) != APP_OK)
		goto out;
	/* A verification photo the reviewer could only reject: refused. */
	if (photo && (er = photo_refusal(w, &rs, method, &o)) != APP_OK)
		goto out;
	if (!photo && !upload_big_enough(k, o.src_width, o.src_height, &msg)) {
		er = resp_field(w, "file", msg.p);
		goto out;
	}
	nq = photo ? 0 : upload_quality(&rs, o.brightness, o.sharpness,
	    quality);
	for (i = 0; i < nq; i++)
		json_array_append_new(warn, json_string(quality[i]));
	wtext = json_dumps(warn, JSON_COMPACT);

	sha256_hex(o.jpeg, o.jpegsz, sha);
	sha256_hex(o.thumb, o.thumbsz, tsha);
	display_name(f->filename, name, sizeof(name));
	if ((er = db_tx_begin(r->db)) != APP_OK)
		goto out;
	/* Locked again: it may have left the draft while we decoded. */
	if ((er = lock_slot(r, w, oid, uid, wid, kind, &l, &method)) != APP_OK)
		goto out;
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
	if ((er = db_insert(r->db, STMT_UPLOAD_INSERT, a, 10, &id)) != APP_OK)
		goto out;
	if ((er = db_order_apply(r->db, &l, photo ? OE_VERIFICATION_PHOTO :
	    OE_EDIT, actor, uid, k->name)) !=
	    APP_OK)
		goto out;
	if ((er = db_tx_commit(r->db)) != APP_OK)
		goto out;
	resp_json(w, 201, json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:s, "
	    "s:s, s:O, s:s, s:s}",
	    "id", (json_int_t)id, "kind", kind, "kind_name", k->name,
	    "website_id", (json_int_t)wid,
	    "width", (json_int_t)o.width, "height", (json_int_t)o.height,
	    "bytes", (json_int_t)o.jpegsz, "sha256", sha, "filename", name,
	    "warnings", warn, "url", "", "thumb_url", ""));
	{
		char	 url[64];

		snprintf(url, sizeof(url), "/api/uploads/%lld", (long long)id);
		json_object_set_new(w->body, "url", json_string(url));
		snprintf(url, sizeof(url), "/api/uploads/%lld/thumb",
		    (long long)id);
		json_object_set_new(w->body, "thumb_url", json_string(url));
	}
	applog(LOG_INFO, "upload %lld: %s %lux%lu->%lux%lu %zu bytes",
	    (long long)id, kind, o.src_width, o.src_height, o.width, o.height,
	    o.jpegsz);
	er = APP_OK;
out:
	db_tx_rollback(r->db);
	free(wtext);
	json_decref(warn);
	json_decref(arr);
	img_out_free(&o);
	rules_free(&rs);
	refs_free(&refs);
	buf_free(&msg);
	filing_free(&fl);
	return er;
}
