/*
 * The bureau behind its interface (see bureau.h): the events it sends,
 * the http adapter's signed POST (signed-post.h), and the simulator's
 * codes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bureau.h"
#include "signed-post.h"
#include "util.h"

static const char *const evnames[BE__MAX] = {
#define X(id, name)	name,
	BUREAU_EVENTS(X)
#undef X
};

const char *
bureau_ev_name(enum bureau_ev e)
{
	return e < BE__MAX ? evnames[e] : "unknown";
}

bool
bureau_ev_parse(const char *s, enum bureau_ev *e)
{
	size_t	 i;

	for (i = 0; s != NULL && i < BE__MAX; i++)
		if (strcmp(s, evnames[i]) == 0) {
			*e = (enum bureau_ev)i;
			return true;
		}
	return false;
}

/* An optional text member: absent or null is "", else a string of max. */
static bool
text_of(const json_t *o, const char *key, char *out, size_t max)
{
	const json_t	*v = json_object_get(o, key);
	const char	*s;
	size_t		 n;

	out[0] = '\0';
	if (v == NULL || json_is_null(v))
		return true;
	if ((s = json_string_value(v)) == NULL ||
	    (n = json_string_length(v)) > max || strlen(s) != n ||
	    !utf8_valid(s, n))
		return false;
	memcpy(out, s, n + 1);
	return true;
}

bool
bureau_event_read(const json_t *o, struct bureau_event *ev,
    const char **field, const char **why)
{
	const json_t	*id = json_object_get(o, "order_id");
	int64_t		 r;

	memset(ev, 0, sizeof(*ev));
	*field = *why = NULL;
	if (!json_is_object(o)) {
		*field = "event";
		*why = "请求体应为 JSON 对象";
		return false;
	}
	if (!bureau_ev_parse(json_string_value(json_object_get(o, "event")),
	    &ev->kind)) {
		*field = "event";
		*why = "未知的事件";
		return false;
	}
	if (!json_is_integer(id) || json_integer_value(id) <= 0) {
		*field = "order_id";
		*why = "订单编号不正确";
		return false;
	}
	ev->order_id = json_integer_value(id);
	if (!text_of(o, "website_number", ev->number, sizeof(ev->number) - 1)) {
		*field = "website_number";
		*why = "网站备案号不正确";
		return false;
	}
	if (!text_of(o, "note", ev->note, BUREAU_NOTE_MAX)) {
		*field = "note";
		*why = "说明最多 500 个字节";
		return false;
	}
	if (!text_of(o, "reason", ev->reason, sizeof(ev->reason) - 1) ||
	    (ev->kind == BE_REJECTED && (ev->reason[0] != 'R' ||
	    !str_to_i64(ev->reason + 1, 1, 14, &r)))) {
		*field = "reason";
		*why = "驳回原因应为 R1–R14";
		return false;
	}
	if (ev->kind == BE_CODE_CHECKED) {
		if (!json_is_boolean(json_object_get(o, "ok"))) {
			*field = "ok";
			*why = "应为 true 或 false";
			return false;
		}
		ev->ok = json_is_true(json_object_get(o, "ok"));
	}
	return true;
}

bool
bureau_is_http(const struct conf *c)
{
	return c->bureau != NULL && strcmp(c->bureau, "http") == 0;
}

void
bureau_sign(const struct conf *c, int64_t ts, const void *body, size_t len,
    char out[72])
{
	sign_body(c->bureau_secret != NULL ? c->bureau_secret : "", ts, body,
	    len, out);
}

bool
bureau_sign_ok(const struct conf *c, const char *ts, const char *sig,
    const void *body, size_t len, int64_t now)
{
	return sign_check(c->bureau_secret, ts, sig, body, len, now);
}

enum app_err
bureau_http_send(const struct conf *c, const char *body, size_t len,
    int64_t now, long timeout, char *err, size_t errsz)
{
	return signed_post(c->bureau_url, c->bureau_secret, body, len, now,
	    timeout, err, errsz);
}

void
bureau_shanghai_code(const struct conf *c, int64_t oid, const char *mobiles,
    char out[7])
{
	unsigned char	 h[16];
	struct buf	 msg = BUF_INIT;
	uint32_t	 v;

	/* Another purpose than the tokens': its own label in the input. */
	buf_printf(&msg, "bureau-sim:shanghai-app:%lld:%s", (long long)oid,
	    mobiles != NULL ? mobiles : "");
	crypto_generichash(h, sizeof(h), (const unsigned char *)msg.p, msg.len,
	    (const unsigned char *)c->jwt_secret,
	    c->jwt_secret_len > crypto_generichash_KEYBYTES_MAX ?
	    crypto_generichash_KEYBYTES_MAX : c->jwt_secret_len);
	v = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 |
	    h[3];
	(void)snprintf(out, 7, "%06u", (unsigned)(v % 1000000));
	buf_free(&msg);
}

bool
bureau_shanghai_code_ok(const struct conf *c, int64_t oid,
    const char *mobiles, const char *code)
{
	char	 want[7];

	if (code == NULL || strlen(code) != 6)
		return false;
	bureau_shanghai_code(c, oid, mobiles, want);
	return sodium_memcmp(want, code, 6) == 0;
}

void
bureau_sms_code(char code[7])
{
	(void)snprintf(code, 7, "%06u", (unsigned)randombytes_uniform(1000000));
}

void
bureau_sms_hash(const struct conf *c, int64_t oid, const char *code,
    char hex[65])
{
	unsigned char	 h[32];
	struct buf	 msg = BUF_INIT;

	buf_printf(&msg, "bureau-sim:sms:%lld:%s", (long long)oid, code);
	crypto_generichash(h, sizeof(h), (const unsigned char *)msg.p, msg.len,
	    (const unsigned char *)c->jwt_secret,
	    c->jwt_secret_len > crypto_generichash_KEYBYTES_MAX ?
	    crypto_generichash_KEYBYTES_MAX : c->jwt_secret_len);
	sodium_bin2hex(hex, 65, h, sizeof(h));
	buf_free(&msg);
}

bool
bureau_sms_code_ok(const struct conf *c, int64_t oid, const char *code,
    const char *hex)
{
	char	 want[65];

	if (code == NULL || hex == NULL || strlen(code) != 6 ||
	    strspn(code, "0123456789") != 6 || strlen(hex) != 64)
		return false;
	bureau_sms_hash(c, oid, code, want);
	return sodium_memcmp(want, hex, 64) == 0;
}
