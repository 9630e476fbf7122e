/*
 * handoff: upload from a phone by scanning a QR code (seed step 6).
 *
 *   POST   /api/orders/{id}/handoffs      201 {id, url, qr_png, qr_svg,
 *                                         expires_at, expires_in}
 *   GET    /api/handoffs/{hid}/qr.png     the QR code of the url (owner)
 *   GET    /api/handoffs/{hid}/qr.svg
 *   DELETE /api/handoffs/{hid}            revoke
 *   GET    /api/m/{token}                 what the phone shows
 *   POST   /api/m/{token}/uploads         multipart kind, website_id, file
 *
 * The url is {origin}/m/#t=TOKEN: the token lives in the fragment, which
 * browsers never send, so it reaches no server log (the phone's API calls
 * carry it in the path, and nginx and app logs redact /api/m/...).  The
 * token is a MAC of a stored nonce (nothing to steal at rest), lives
 * handoff_ttl_seconds, opens one order's uploads and nothing else, and is
 * bound to the first phone that opens it by an HttpOnly cookie.  Unknown,
 * expired or revoked: 404 handoff_unknown; another phone: 403
 * handoff_bound.  Uploads go through upload_store(), as on the desktop.
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
#include "lib/qr.h"
#include "lib/rules.h"

#define DEVICE_COOKIE	"beian_m"

static enum app_err	handoff_create(struct req *, struct resp *);
static enum app_err	handoff_png(struct req *, struct resp *);
static enum app_err	handoff_svg(struct req *, struct resp *);
static enum app_err	handoff_revoke(struct req *, struct resp *);
static enum app_err	phone_get(struct req *, struct resp *);
static enum app_err	phone_upload(struct req *, struct resp *);

enum	route_id {
	ROUTE_CREATE,
	ROUTE_PNG,
	ROUTE_SVG,
	ROUTE_REVOKE,
	ROUTE_PHONE,
	ROUTE_PHONE_UPLOAD,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	/* ROUTE_CREATE */
	{ "/api/orders/{id}/handoffs", M_POST, AUTH_USER, handoff_create, NULL },
	/* ROUTE_PNG */
	{ "/api/handoffs/{id}/qr.png", M_GET, AUTH_USER, handoff_png, NULL },
	/* ROUTE_SVG */
	{ "/api/handoffs/{id}/qr.svg", M_GET, AUTH_USER, handoff_svg, NULL },
	/* ROUTE_REVOKE */
	{ "/api/handoffs/{id}", M_DELETE, AUTH_USER, handoff_revoke, NULL },
	/* ROUTE_PHONE */
	{ "/api/m/{str}", M_GET, AUTH_NONE, phone_get, NULL },
	/* ROUTE_PHONE_UPLOAD */
	{ "/api/m/{str}/uploads", M_POST, AUTH_NONE, phone_upload, NULL },
};

/* The token of a nonce: base64url of a MAC under a derived key. */
static void
token_of(const struct conf *c, const char *nonce, char *out, size_t outsz)
{
	unsigned char			 key[crypto_auth_hmacsha256_KEYBYTES];
	unsigned char			 mac[crypto_auth_hmacsha256_BYTES];
	crypto_generichash_state	 st;
	static const char		 label[] = "beian handoff v1";

	crypto_generichash_init(&st, NULL, 0, sizeof(key));
	crypto_generichash_update(&st, (const unsigned char *)label,
	    sizeof(label) - 1);
	crypto_generichash_update(&st, (const unsigned char *)c->jwt_secret,
	    c->jwt_secret_len);
	crypto_generichash_final(&st, key, sizeof(key));
	crypto_auth_hmacsha256(mac, (const unsigned char *)nonce,
	    strlen(nonce), key);
	sodium_bin2base64(out, outsz, mac, sizeof(mac),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(key, sizeof(key));
}

static void
sha256_hex(const char *s, char out[65])
{
	unsigned char	 h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	hex_encode(h, sizeof(h), out);
}

static enum app_err
int_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_HANDOFF_ACTIVE_N);
	return APP_OK;
}

/* "http(s)://host" of this request (BEIAN_HOST: the Host as sent). */
static bool
origin(const struct req *r, char *out, size_t outsz)
{
	const char	*host = req_env(r, "BEIAN_HOST");

	if (host == NULL)
		host = req_env(r, "HTTP_HOST");
	if (host == NULL || *host == '\0' || strpbrk(host, "/\\@ \"<>") != NULL)
		return false;
	snprintf(out, outsz, "%s://%s", req_is_https(r) ? "https" : "http",
	    host);
	return true;
}

struct	owned {
	int64_t	 id, order_id, left;
	bool	 revoked;
	char	 nonce[40];
	char	 expires[32];
};

static enum app_err
owned_row(const struct db_row *row, void *arg)
{
	struct owned	*h = arg;

	h->id = db_row_int(row, COL_HANDOFF_OWNED_ID);
	h->order_id = db_row_int(row, COL_HANDOFF_OWNED_ORDER_ID);
	snprintf(h->nonce, sizeof(h->nonce), "%s", db_row_str(row, COL_HANDOFF_OWNED_NONCE));
	h->left = db_row_int(row, COL_HANDOFF_OWNED_SECONDS_LEFT);
	h->revoked = db_row_int(row, COL_HANDOFF_OWNED_REVOKED) != 0;
	snprintf(h->expires, sizeof(h->expires), "%s", db_row_str(row, COL_HANDOFF_OWNED_EXPIRES));
	return APP_OK;
}

static enum app_err
owned(struct req *r, struct owned *h)
{
	struct db_arg	 a[2] = { DB_I(r->ids[0]), DB_I(r->user.id) };
	enum app_err	 er;

	memset(h, 0, sizeof(*h));
	if ((er = db_query(r->db, STMT_HANDOFF_OWNED, a, 2, owned_row, h)) !=
	    APP_OK)
		return er;
	return h->id != 0 ? APP_OK : APP_ENOTFOUND;
}

static json_t *
handoff_json(const struct req *r, const struct owned *h)
{
	char	 base[300], tok[64], url[400], png[64], svg[64];

	if (!origin(r, base, sizeof(base)))
		snprintf(base, sizeof(base), "%s", "");
	token_of(r->conf, h->nonce, tok, sizeof(tok));
	snprintf(url, sizeof(url), "%s/m/#t=%s", base, tok);
	snprintf(png, sizeof(png), "/api/handoffs/%lld/qr.png",
	    (long long)h->id);
	snprintf(svg, sizeof(svg), "/api/handoffs/%lld/qr.svg",
	    (long long)h->id);
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:I}",
	    "id", (json_int_t)h->id, "order_id", (json_int_t)h->order_id,
	    "url", url, "qr_png", png, "qr_svg", svg,
	    "expires_at", h->expires, "expires_in",
	    (json_int_t)(h->left > 0 ? h->left : 0));
}

static enum app_err
handoff_create(struct req *r, struct resp *w)
{
	struct order_lock	 l;
	struct owned		 h;
	unsigned char		 rnd[16];
	char			 nonce[33], tok[64], hash[65];
	struct db_arg		 a[5];
	const char		*code;
	enum order_state	 to;
	int64_t			 active = 0, id = 0, max, ttl;
	enum app_err		 er;

	if ((er = db_tx_begin(r->db)) != APP_OK)
		return er;
	/* The materials while they may change, or the verification photo. */
	if ((er = db_review_lock(r->db, r->ids[0], r->user.id, false, &l,
	    &code)) != APP_OK && !(code != NULL &&
	    order_next(l.state, OE_VERIFICATION_PHOTO, &to))) {
		if (code != NULL)
			er = resp_fail(w, er, code, msg_for_code(code));
		goto out;
	}
	a[0] = DB_I(l.id);
	if ((er = db_query(r->db, STMT_HANDOFF_ACTIVE, a, 1, int_row,
	    &active)) != APP_OK)
		goto out;
	if ((er = rule_setting(r->db, r->now, RK_HANDOFF_MAX_ACTIVE,
	    &max)) != APP_OK ||
	    (er = rule_setting(r->db, r->now, RK_HANDOFF_TTL_SECONDS,
	    &ttl)) != APP_OK)
		goto out;
	if (active >= max) {
		w->extra = json_pack("{s:I}", "max", (json_int_t)max);
		er = resp_fail(w, APP_ECONFLICT, "handoff_limit",
		    "这个订单同时有效的手机上传二维码已达上限，请先关闭旧的二维码。");
		goto out;
	}
	randombytes_buf(rnd, sizeof(rnd));
	hex_encode(rnd, sizeof(rnd), nonce);
	token_of(r->conf, nonce, tok, sizeof(tok));
	sha256_hex(tok, hash);
	a[0] = DB_I(l.id);
	a[1] = DB_I(r->user.id);
	a[2] = DB_S(nonce);
	a[3] = DB_S(hash);
	a[4] = DB_I(ttl);
	if ((er = db_insert(r->db, STMT_HANDOFF_INSERT, a, 5, &id)) != APP_OK)
		goto out;
	if ((er = db_tx_commit(r->db)) != APP_OK)
		goto out;
	r->ids[0] = id;
	if ((er = owned(r, &h)) != APP_OK)
		goto out;
	resp_json(w, 201, handoff_json(r, &h));
out:
	db_tx_rollback(r->db);
	return er;
}

static enum app_err
qr_common(struct req *r, struct resp *w, bool png)
{
	struct owned	 h;
	json_t		*j;
	enum app_err	 er;

	if ((er = owned(r, &h)) != APP_OK)
		return er;
	if (h.revoked || h.left <= 0)
		return resp_fail(w, APP_ENOTFOUND, "handoff_unknown",
		    "这个二维码已失效，请刷新二维码。");
	j = handoff_json(r, &h);
	er = png ? qr_png(json_string_value(json_object_get(j, "url")), 8,
	    &w->raw) : qr_svg(json_string_value(json_object_get(j, "url")),
	    &w->raw);
	json_decref(j);
	if (er != APP_OK)
		return er;
	w->status = 200;
	w->ctype = png ? "image/png" : "image/svg+xml";
	w->cache = "private, no-cache";
	return APP_OK;
}

static enum app_err
handoff_png(struct req *r, struct resp *w)
{
	return qr_common(r, w, true);
}

static enum app_err
handoff_svg(struct req *r, struct resp *w)
{
	return qr_common(r, w, false);
}

static enum app_err
handoff_revoke(struct req *r, struct resp *w)
{
	struct owned	 h;
	struct db_arg	 a[2] = { DB_I(r->ids[0]), DB_I(r->user.id) };
	enum app_err	 er;

	if ((er = owned(r, &h)) != APP_OK)
		return er;
	if ((er = db_exec(r->db, STMT_HANDOFF_REVOKE, a, 2, NULL)) != APP_OK)
		return er;
	resp_json(w, 200, json_pack("{s:b}", "revoked", 1));
	return APP_OK;
}

/* --- the phone --- */

struct	live {
	int64_t	 id, order_id, account_id, left;
	char	 device[65];
};

static enum app_err
live_row(const struct db_row *row, void *arg)
{
	struct live	*h = arg;

	h->id = db_row_int(row, COL_HANDOFF_BY_TOKEN_ID);
	h->order_id = db_row_int(row, COL_HANDOFF_BY_TOKEN_ORDER_ID);
	h->account_id = db_row_int(row, COL_HANDOFF_BY_TOKEN_ACCOUNT_ID);
	snprintf(h->device, sizeof(h->device), "%s",
	    db_row_str(row, COL_HANDOFF_BY_TOKEN_DEVICE_HASH) != NULL ? db_row_str(row, COL_HANDOFF_BY_TOKEN_DEVICE_HASH) : "");
	h->left = db_row_int(row, COL_HANDOFF_BY_TOKEN_SECONDS_LEFT);
	return APP_OK;
}

/*
 * The live handoff of the token in the path, on this phone: the first
 * phone to ask is given a device cookie and the handoff is bound to it.
 */
static enum app_err
phone_handoff(struct req *r, struct resp *w, struct live *h, bool may_bind)
{
	const char	*dev = kv_get(&r->cookies, DEVICE_COOKIE);
	char		 hash[65], fresh[33], dhash[65];
	unsigned char	 rnd[16];
	struct db_arg	 a[2];
	uint64_t	 n = 0;
	enum app_err	 er;

	memset(h, 0, sizeof(*h));
	if (strlen(r->str) != 43 || strspn(r->str, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_") != 43)
		goto unknown;
	sha256_hex(r->str, hash);
	a[0] = DB_S(hash);
	if ((er = db_query(r->db, STMT_HANDOFF_BY_TOKEN, a, 1, live_row, h)) !=
	    APP_OK)
		return er;
	if (h->id == 0)
		goto unknown;
	if (h->device[0] != '\0') {
		if (dev == NULL)
			goto bound;
		sha256_hex(dev, dhash);
		if (!str_ct_equal(dhash, h->device))
			goto bound;
		return APP_OK;
	}
	if (!may_bind)
		goto bound;
	randombytes_buf(rnd, sizeof(rnd));
	hex_encode(rnd, sizeof(rnd), fresh);
	sha256_hex(fresh, dhash);
	a[0] = DB_S(dhash);
	a[1] = DB_I(h->id);
	if ((er = db_exec(r->db, STMT_HANDOFF_BIND, a, 2, &n)) != APP_OK)
		return er;
	if (n != 1)
		goto bound;	/* another phone was a moment faster */
	resp_header(w, "Set-Cookie: %s=%s; Path=/api/m; HttpOnly; "
	    "SameSite=Strict; Max-Age=%lld%s", DEVICE_COOKIE, fresh,
	    (long long)h->left, req_is_https(r) ? "; Secure" : "");
	return APP_OK;
unknown:
	return resp_fail(w, APP_ENOTFOUND, "handoff_unknown",
	    "这个二维码已过期或已失效。请在电脑上的“上传资料”页面刷新二维码后重新扫描。");
bound:
	return resp_fail(w, APP_EFORBID, "handoff_bound",
	    "这个二维码已在另一部手机上打开。请在电脑上刷新二维码，再用这部手机扫描。");
}

static enum app_err
phone_get(struct req *r, struct resp *w)
{
	struct live		 h;
	struct checklist_view	 c = { NULL, NULL, NULL, 0 };
	json_t			*o = NULL, *webs, *needed, *ups, *x, *ws;
	json_t			*slots = NULL;
	enum order_state	 to;
	size_t			 i;
	bool			 photos;
	enum app_err		 er;

	if ((er = phone_handoff(r, w, &h, true)) != APP_OK)
		return er;
	if ((er = db_order_json(r->db, h.order_id, h.account_id, &o)) !=
	    APP_OK ||
	    (er = checklist_view_load(r->db, h.order_id, h.account_id,
	    r->now, &c)) != APP_OK)
		goto out;
	/*
	 * What the phone may see: names, masked IDs, what is still missing
	 * from the desktop's own checklist, and what is uploaded without
	 * its image URLs (those need the owner's login).
	 */
	webs = json_array();
	json_array_foreach(json_object_get(o, "websites"), i, x) {
		ws = json_object_get(x, "owner");
		json_array_append_new(webs, json_pack("{s:O, s:O, s:O, s:O}",
		    "id", json_object_get(x, "id"), "name",
		    json_object_get(x, "name"), "owner_name",
		    json_object_get(ws, "name"), "owner_id_number",
		    json_object_get(ws, "id_number")));
	}
	/*
	 * A document the reviewer rejected is wanted again, as on the PC;
	 * after the initial approval, the verification photos instead.
	 */
	photos = order_next(order_state_parse(json_string_value(
	    json_object_get(o, "state"))), OE_VERIFICATION_PHOTO, &to);
	if (photos && (er = verify_slots_load(r->db, h.order_id,
	    h.account_id, r->now, &slots)) != APP_OK)
		goto out;
	needed = json_array();
	json_array_foreach(photos ? slots : c.items, i, x)
		if (!json_is_true(json_object_get(x, "present")) ||
		    json_is_true(json_object_get(x, "rejected")))
			json_array_append(needed, x);
	ups = json_array();
	json_array_foreach(c.uploads, i, x)
		json_array_append_new(ups, json_pack("{s:O, s:O, s:O, s:O, "
		    "s:O, s:O, s:O}", "id", json_object_get(x, "id"),
		    "website_id", json_object_get(x, "website_id"),
		    "kind", json_object_get(x, "kind"), "kind_name",
		    json_object_get(x, "kind_name"), "width",
		    json_object_get(x, "width"), "height",
		    json_object_get(x, "height"), "warnings",
		    json_object_get(x, "warnings")));
	resp_json(w, 200, json_pack("{s:I, s:{s:O}, s:o, s:o, s:o, s:I, s:s}",
	    "order_id", (json_int_t)h.order_id,
	    "subject", "name", json_object_get(json_object_get(o, "subject"),
	    "name"), "websites", webs, "needed", needed, "uploads", ups,
	    "expires_in", (json_int_t)h.left,
	    "stage", photos ? "verification" : "materials"));
out:
	json_decref(slots);
	checklist_view_free(&c);
	json_decref(o);
	return er;
}

static enum app_err
phone_upload(struct req *r, struct resp *w)
{
	struct live	 h;
	enum app_err	 er;

	if ((er = phone_handoff(r, w, &h, false)) != APP_OK)
		return er;
	return upload_store(r, w, h.order_id, h.account_id, "phone");
}

static enum app_err
handoff_init(const struct conf *c)
{
	(void)c;
	upload_img_init();
	return APP_OK;
}

int
main(int argc, char *argv[])
{
	static const struct app app = {
		"handoff", routes, ROUTE__MAX, handoff_init,
		20 * 1024 * 1024, NULL
	};

	return app_main(argc, argv, &app);
}
