#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <jwt.h>
#include <sodium.h>

#include "log.h"
#include "token.h"
#include "util.h"

void
token_new_jti(char jti[JTI_LEN + 1])
{
	unsigned char	 raw[JTI_LEN / 2];

	randombytes_buf(raw, sizeof(raw));
	hex_encode(raw, sizeof(raw), jti);
}

static bool
key_ok(const struct conf *c)
{
	/* libjwt skips verification for an empty key (B.1 row 13). */
	return c->jwt_secret != NULL && c->jwt_secret_len >= CONF_SECRET_MIN;
}

enum app_err
token_issue(const struct conf *c, const char *typ, int64_t sub,
    const char *jti, int64_t now, int64_t ttl, char **out)
{
	jwt_t		*j = NULL;
	char		 subs[24], *tok = NULL;
	enum app_err	 er = APP_EINTERNAL;

	*out = NULL;
	if (!key_ok(c))
		return APP_EINTERNAL;
	snprintf(subs, sizeof(subs), "%lld", (long long)sub);
	if (jwt_new(&j) != 0)
		goto out;
	if (jwt_add_grant(j, "iss", c->jwt_issuer) ||
	    jwt_add_grant(j, "aud", c->jwt_audience) ||
	    jwt_add_grant(j, "typ", typ) ||
	    jwt_add_grant(j, "sub", subs) ||
	    jwt_add_grant(j, "jti", jti) ||
	    jwt_add_grant_int(j, "iat", (long)now) ||
	    jwt_add_grant_int(j, "nbf", (long)now) ||
	    jwt_add_grant_int(j, "exp", (long)(now + ttl)))
		goto out;
	if (jwt_set_alg(j, JWT_ALG_HS256,
	    (const unsigned char *)c->jwt_secret, (int)c->jwt_secret_len))
		goto out;
	if ((tok = jwt_encode_str(j)) == NULL)
		goto out;
	*out = tok;
	er = APP_OK;
out:
	jwt_free(j);
	return er;
}

/* Cheap shape check before libjwt: three base64url parts. */
static bool
token_shape_ok(const char *t, size_t len)
{
	size_t	 i, dots = 0;

	if (len == 0 || len > TOKEN_MAX)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)t[i];

		if (ch == '.') {
			if (i == 0 || t[i - 1] == '.')
				return false;
			dots++;
		} else if (!((ch >= 'A' && ch <= 'Z') ||
		    (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    ch == '-' || ch == '_'))
			return false;
	}
	/* alg:none tokens end in a dot; they fail here already. */
	return dots == 2 && t[len - 1] != '.';
}

static bool
claim_str_is(json_t *cl, const char *name, const char *want)
{
	json_t	*v = json_object_get(cl, name);

	return json_is_string(v) && strcmp(json_string_value(v), want) == 0;
}

static bool
claim_int(json_t *cl, const char *name, int64_t *out)
{
	json_t	*v = json_object_get(cl, name);

	if (!json_is_integer(v))
		return false;
	*out = (int64_t)json_integer_value(v);
	return true;
}

static bool
jti_ok(const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == JTI_LEN;
}

enum app_err
token_check(const struct conf *c, const char *typ, const char *tok,
    int64_t now, struct claims *out)
{
	jwt_t		*j = NULL;
	char		*grants = NULL;
	json_t		*cl = NULL, *v;
	const char	*hdr_alg;
	enum app_err	 er = APP_EAUTH;
	int64_t		 sub;

	memset(out, 0, sizeof(*out));
	if (!key_ok(c) || tok == NULL || !token_shape_ok(tok, strlen(tok)))
		return APP_EAUTH;
	if (jwt_decode(&j, tok, (const unsigned char *)c->jwt_secret,
	    (int)c->jwt_secret_len) != 0 || j == NULL)
		goto out;
	/* HS384/HS512 under the same secret pass jwt_decode (B.1). */
	if (jwt_get_alg(j) != JWT_ALG_HS256)
		goto out;
	hdr_alg = jwt_get_header(j, "alg");
	if (hdr_alg == NULL || strcmp(hdr_alg, "HS256") != 0)
		goto out;
	if ((grants = jwt_get_grants_json(j, NULL)) == NULL)
		goto out;
	if ((cl = json_loads(grants, JSON_REJECT_DUPLICATES, NULL)) == NULL ||
	    !json_is_object(cl))
		goto out;
	if (!claim_str_is(cl, "typ", typ) ||
	    !claim_str_is(cl, "iss", c->jwt_issuer) ||
	    !claim_str_is(cl, "aud", c->jwt_audience))
		goto out;
	if (!claim_int(cl, "exp", &out->exp) ||
	    !claim_int(cl, "nbf", &out->nbf) ||
	    !claim_int(cl, "iat", &out->iat))
		goto out;
	if (now >= out->exp || out->nbf > now + TOKEN_SKEW ||
	    out->iat > now + TOKEN_SKEW || out->exp <= out->iat)
		goto out;
	v = json_object_get(cl, "sub");
	if (!json_is_string(v) ||
	    !str_to_i64(json_string_value(v), 1, INT64_MAX, &sub))
		goto out;
	out->sub = sub;
	v = json_object_get(cl, "jti");
	if (!json_is_string(v) || !jti_ok(json_string_value(v)))
		goto out;
	memcpy(out->jti, json_string_value(v), JTI_LEN + 1);
	er = APP_OK;
out:
	if (er != APP_OK)
		memset(out, 0, sizeof(*out));
	json_decref(cl);
	free(grants);
	jwt_free(j);
	return er;
}

static void
derive_key(const struct conf *c, const char *label,
    unsigned char key[crypto_auth_hmacsha256_KEYBYTES])
{
	crypto_generichash_state	 st;

	/* Unkeyed: a keyed BLAKE2b refuses secrets over 64 bytes. */
	crypto_generichash_init(&st, NULL, 0, crypto_auth_hmacsha256_KEYBYTES);
	crypto_generichash_update(&st, (const unsigned char *)label,
	    strlen(label));
	crypto_generichash_update(&st, (const unsigned char *)c->jwt_secret,
	    c->jwt_secret_len);
	crypto_generichash_final(&st, key, crypto_auth_hmacsha256_KEYBYTES);
}

void
csrf_token(const struct conf *c, const char *jti, char *out)
{
	unsigned char	 key[crypto_auth_hmacsha256_KEYBYTES];
	unsigned char	 mac[crypto_auth_hmacsha256_BYTES];

	derive_key(c, "beian csrf v1", key);
	crypto_auth_hmacsha256(mac, (const unsigned char *)jti, strlen(jti),
	    key);
	hex_encode(mac, sizeof(mac), out);
	sodium_memzero(key, sizeof(key));
}

bool
csrf_valid(const struct conf *c, const char *jti, const char *given)
{
	char	 want[crypto_auth_hmacsha256_BYTES * 2 + 1];

	if (given == NULL || jti == NULL || jti[0] == '\0')
		return false;
	csrf_token(c, jti, want);
	return str_ct_equal(want, given);
}

void
msg_sign(const struct conf *c, const char *field, const char *msg, char *out)
{
	unsigned char			 key[crypto_auth_hmacsha256_KEYBYTES];
	unsigned char			 mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state	 st;

	derive_key(c, "beian message v1", key);
	crypto_auth_hmacsha256_init(&st, key, sizeof(key));
	/* field, a NUL, message: no pair can pose as another. */
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)field,
	    strlen(field) + 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg,
	    strlen(msg));
	crypto_auth_hmacsha256_final(&st, mac);
	hex_encode(mac, sizeof(mac), out);
	sodium_memzero(key, sizeof(key));
}

bool
msg_sig_valid(const struct conf *c, const char *field, const char *msg,
    const char *sig)
{
	char	 want[crypto_auth_hmacsha256_BYTES * 2 + 1];

	if (c == NULL || field == NULL || msg == NULL || sig == NULL)
		return false;
	msg_sign(c, field, msg, want);
	return str_ct_equal(want, sig);
}
