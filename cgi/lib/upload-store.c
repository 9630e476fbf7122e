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

#include "db-order.h"
#include "db-review.h"
#include "img.h"
#include "log.h"
#include "messages.h"
#include "rules.h"
#include "upload-store.h"

struct	kind {
	bool	 found;
	char	 name[64];
	bool	 per_website;
	int64_t	 min_w, min_h, max_side, byte_cap;
};

void
upload_img_init(void)
{
	/* 40 megapixels: a 12 MP phone photo passes, a bomb does not. */
	static const struct img_limits	 l = { 12000, 12000, 40000000, 512 };

	img_init(&l);
}

static enum app_err
upload_kinds_row(const struct db_row *row, void *arg)
{
	json_object_set_new(arg, db_row_str(row, COL_UPLOAD_KINDS_KIND), json_pack("{s:s, s:b, "
	    "s:I, s:I, s:I, s:I}", "name", db_row_str(row, COL_UPLOAD_KINDS_NAME),
	    "per_website", db_row_int(row, COL_UPLOAD_KINDS_PER_WEBSITE) != 0,
	    "min_width", (json_int_t)db_row_int(row, COL_UPLOAD_KINDS_MIN_WIDTH),
	    "min_height", (json_int_t)db_row_int(row, COL_UPLOAD_KINDS_MIN_HEIGHT),
	    "max_side", (json_int_t)db_row_int(row, COL_UPLOAD_KINDS_MAX_SIDE),
	    "byte_cap", (json_int_t)db_row_int(row, COL_UPLOAD_KINDS_BYTE_CAP)));
	return APP_OK;
}

static enum app_err
kind_find(struct db *db, const char *name, struct kind *k)
{
	json_t		*all = json_object(), *o;
	enum app_err	 er;

	memset(k, 0, sizeof(*k));
	if ((er = db_query(db, STMT_UPLOAD_KINDS, NULL, 0, upload_kinds_row, all)) ==
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
 * a file now (a draft, or the slot of a rejected upload).
 */
static enum app_err
lock_slot(struct req *r, struct resp *w, int64_t oid, int64_t uid,
    int64_t wid, const char *kind, struct order_lock *l)
{
	const char		*code;
	bool			 ok;
	enum app_err		 er;

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

enum app_err
upload_store(struct req *r, struct resp *w, int64_t oid, int64_t uid,
    const char *actor)
{
	const char		*kind = req_str(r, "kind");
	const char		*wid_s = req_str(r, "website_id");
	const struct mp_file	*f = NULL;
	struct kind		 k;
	struct order_lock	 l;
	struct img_out		 o;
	struct rules		 rs;
	enum img_type		 type;
	const char		*what;
	struct db_arg		 a[10];
	json_t			*warn = json_array(), *arr = NULL;
	char			 sha[65], tsha[65], name[128], *wtext = NULL;
	int64_t			 wid = 0, id = 0, v;
	unsigned long		 longer, shorter;
	bool			 ok;
	size_t			 i;
	enum app_err		 er;

	memset(&o, 0, sizeof(o));
	memset(&rs, 0, sizeof(rs));
	for (i = 0; i < r->files.n; i++)
		if (strcmp(r->files.v[i].name, "file") == 0)
			f = &r->files.v[i];
	if ((er = kind_find(r->db, kind, &k)) != APP_OK)
		goto out;
	if (!k.found) {
		er = resp_field(w, "kind", "请选择要上传的材料类型");
		goto out;
	}
	/* "0" (or nothing) is the order itself: the 承诺书 belongs to no website. */
	if (wid_s != NULL && *wid_s != '\0' &&
	    !str_to_i64(wid_s, 0, INT64_MAX, &wid)) {
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

		/* "是 PDF 文档", "是空文件": a space before Latin only. */
		snprintf(msg, sizeof(msg), "只能上传 JPG 或 PNG 格式的照片或扫描件"
		    "（您上传的是%s%s）。", (unsigned char)what[0] < 0x80 ? " " :
		    "", what);
		resp_field(w, "file", msg);
		er = resp_fail(w, f->size == 0 ? APP_EINVAL : APP_EMEDIA, NULL,
		    msg);
		goto out;
	}

	/* The order and website, before any pixel is decoded. */
	if ((er = db_tx_begin(r->db)) != APP_OK)
		goto out;
	if ((er = lock_slot(r, w, oid, uid, wid, kind, &l)) != APP_OK)
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
		    "%s至少需要 %lld×%lld 像素，请重新拍摄或扫描。", o.src_width,
		    o.src_height, k.name, (long long)k.min_w, (long long)k.min_h);
		er = resp_field(w, "file", msg);
		goto out;
	}
	/* The quality gate: warnings the applicant sees before submitting. */
	if ((er = rules_load(r->db, r->now, NULL, false, &rs)) != APP_OK)
		goto out;
	if (o.brightness < (double)(v = rule_value(&rs,
	    RK_UPLOAD_MIN_BRIGHTNESS)) && v > 0)
		json_array_append_new(warn, json_string("照片偏暗，证件上的文字可能看不清。"
		    "请在光线充足处重新拍摄。"));
	if (o.brightness > (double)(v = rule_value(&rs,
	    RK_UPLOAD_MAX_BRIGHTNESS)) && v > 0)
		json_array_append_new(warn, json_string("照片过亮或有反光，证件上的文字"
		    "可能看不清。请避开灯光直射后重新拍摄。"));
	if (o.sharpness < (double)(v = rule_value(&rs,
	    RK_UPLOAD_MIN_SHARPNESS)) && v > 0)
		json_array_append_new(warn, json_string("照片可能模糊。请对准焦点、"
		    "保持手机稳定后重新拍摄。"));
	wtext = json_dumps(warn, JSON_COMPACT);

	sha256_hex(o.jpeg, o.jpegsz, sha);
	sha256_hex(o.thumb, o.thumbsz, tsha);
	display_name(f->filename, name, sizeof(name));
	if ((er = db_tx_begin(r->db)) != APP_OK)
		goto out;
	/* Locked again: it may have left the draft while we decoded. */
	if ((er = lock_slot(r, w, oid, uid, wid, kind, &l)) != APP_OK)
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
	if ((er = db_order_apply(r->db, &l, OE_EDIT, actor, uid, k.name)) !=
	    APP_OK)
		goto out;
	if ((er = db_tx_commit(r->db)) != APP_OK)
		goto out;
	resp_json(w, 201, json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:s, "
	    "s:s, s:O, s:s, s:s}",
	    "id", (json_int_t)id, "kind", kind, "kind_name", k.name,
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
	return er;
}
