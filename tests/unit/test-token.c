/*
 * cgi/lib/token.c: JWT sessions and CSRF tokens.  Every attack of
 * docs/security.md B.1 is a case here; the hostile tokens are made with
 * libjwt directly or, where libjwt will not make them, by hand (base64url
 * and HMAC-SHA256 from libsodium).
 */
#include <ctype.h>

#include <jansson.h>
#include <jwt.h>
#include <sodium.h>

#include "unit.h"

#include "lib/token.h"
#include "lib/util.h"

#define NOW		((int64_t)1800000000)	/* 2027-01-15 */
#define SECRET40	"0123456789abcdef0123456789abcdef01234567"
#define OTHER40		"76543210fedcba9876543210fedcba9876543210"
#define JTI		"0123456789abcdef0123456789abcdef"

static char	 secret[] = SECRET40;
static char	 other[] = OTHER40;
static char	 issuer[] = "beian";
static char	 audience[] = "beian-portal";

static void
mkconf(struct conf *c, char *key, size_t keylen)
{
	memset(c, 0, sizeof(*c));
	c->jwt_secret = key;
	c->jwt_secret_len = keylen;
	c->jwt_issuer = issuer;
	c->jwt_audience = audience;
	c->session_ttl = 28800;
}

/* The claims token_issue() would write for sub 42 at NOW. */
static json_t *
base_claims(void)
{
	json_t	*j;

	j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I}",
	    "iss", "beian", "aud", "beian-portal", "typ", "session",
	    "sub", "42", "jti", JTI, "iat", (json_int_t)NOW,
	    "nbf", (json_int_t)NOW, "exp", (json_int_t)(NOW + 3600));
	assert_non_null(j);
	return j;
}

/* Sign claims with libjwt itself; free() the result. */
static char *
craft(jwt_alg_t alg, const char *key, size_t keylen, json_t *claims)
{
	jwt_t	*j;
	char	*txt, *tok;

	assert_int_equal(jwt_new(&j), 0);
	txt = json_dumps(claims, JSON_COMPACT);
	assert_non_null(txt);
	assert_int_equal(jwt_add_grants_json(j, txt), 0);
	free(txt);
	assert_int_equal(jwt_set_alg(j, alg, (const unsigned char *)key,
	    (int)keylen), 0);
	tok = jwt_encode_str(j);
	assert_non_null(tok);
	jwt_free(j);
	return tok;
}

static char *
craft_base(void)
{
	json_t	*cl = base_claims();
	char	*tok;

	tok = craft(JWT_ALG_HS256, secret, sizeof(secret) - 1, cl);
	json_decref(cl);
	return tok;
}

static void
b64url(struct buf *b, const void *p, size_t sz)
{
	char	*out;
	size_t	 osz;

	osz = sodium_base64_ENCODED_LEN(sz,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	out = xmalloc(osz);
	sodium_bin2base64(out, osz, p, sz,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	buf_puts(b, out);
	free(out);
}

/*
 * A token assembled by hand: header and payload as given, signed with
 * HMAC-SHA256 under key, or "header.payload." when key is NULL.
 */
static char *
raw_token(const char *hdr, const char *payload, const char *key,
    size_t keylen)
{
	struct buf			 b = BUF_INIT;
	crypto_auth_hmacsha256_state	 st;
	unsigned char			 mac[crypto_auth_hmacsha256_BYTES];

	b64url(&b, hdr, strlen(hdr));
	buf_puts(&b, ".");
	b64url(&b, payload, strlen(payload));
	if (key != NULL) {
		crypto_auth_hmacsha256_init(&st, (const unsigned char *)key,
		    keylen);
		crypto_auth_hmacsha256_update(&st, (unsigned char *)b.p,
		    b.len);
		crypto_auth_hmacsha256_final(&st, mac);
		buf_puts(&b, ".");
		b64url(&b, mac, sizeof(mac));
	} else
		buf_puts(&b, ".");
	return b.p;
}

static char *
base_payload(void)
{
	json_t	*cl = base_claims();
	char	*s;

	s = json_dumps(cl, JSON_COMPACT);
	json_decref(cl);
	assert_non_null(s);
	return s;
}

/*
 * token_check as a session token at now; on refusal the claims must
 * come back zeroed.
 */
static enum app_err
check(const struct conf *c, const char *tok, int64_t now, struct claims *cl)
{
	static const struct claims	 zero;
	enum app_err			 er;

	memset(cl, 0xa5, sizeof(*cl));
	er = token_check(c, "session", tok, now, cl);
	if (er != APP_OK)
		assert_memory_equal(cl, &zero, sizeof(zero));
	return er;
}

static void
test_roundtrip(void **state)
{
	struct conf	 c;
	struct claims	 cl;
	char		 jti[JTI_LEN + 1], *tok;

	(void)state;
	mkconf(&c, secret, sizeof(secret) - 1);
	token_new_jti(jti);
	assert_int_equal(token_issue(&c, "session", 42, jti, NOW, 3600, &tok),
	    APP_OK);
	assert_non_null(tok);
	assert_int_equal(check(&c, tok, NOW, &cl), APP_OK);
	assert_int_equal(cl.sub, 42);
	assert_string_equal(cl.jti, jti);
	assert_int_equal(cl.iat, NOW);
	assert_int_equal(cl.nbf, NOW);
	assert_int_equal(cl.exp, NOW + 3600);

	/* Valid until the last second before exp. */
	assert_int_equal(check(&c, tok, NOW + 3599, &cl), APP_OK);
	assert_int_equal(check(&c, tok, NOW + 3600, &cl), APP_EAUTH);
	assert_int_equal(check(&c, tok, NOW + 86400, &cl), APP_EAUTH);
	/* A clock a little behind is tolerated, far behind is not. */
	assert_int_equal(check(&c, tok, NOW - TOKEN_SKEW, &cl), APP_OK);
	assert_int_equal(check(&c, tok, NOW - TOKEN_SKEW - 1, &cl),
	    APP_EAUTH);
	free(tok);

	/* Large account ids survive. */
	assert_int_equal(token_issue(&c, "session", INT64_MAX, jti, NOW, 60,
	    &tok), APP_OK);
	assert_int_equal(check(&c, tok, NOW, &cl), APP_OK);
	assert_int_equal(cl.sub, INT64_MAX);
	free(tok);
}

/* A token of one purpose is never accepted as another. */
static void
test_typ_confusion(void **state)
{
	struct conf	 c;
	struct claims	 cl;
	char		*tok;

	(void)state;
	mkconf(&c, secret, sizeof(secret) - 1);
	assert_int_equal(token_issue(&c, "handoff", 42, JTI, NOW, 600, &tok),
	    APP_OK);
	assert_int_equal(check(&c, tok, NOW, &cl), APP_EAUTH);
	assert_int_equal(token_check(&c, "handoff", tok, NOW, &cl), APP_OK);
	assert_int_equal(cl.sub, 42);
	assert_int_equal(token_check(&c, "mobile-upload", tok, NOW, &cl),
	    APP_EAUTH);
	assert_int_equal(token_check(&c, "", tok, NOW, &cl), APP_EAUTH);
	free(tok);

	assert_int_equal(token_issue(&c, "session", 42, JTI, NOW, 600, &tok),
	    APP_OK);
	assert_int_equal(token_check(&c, "handoff", tok, NOW, &cl),
	    APP_EAUTH);
	assert_int_equal(token_check(&c, "Session", tok, NOW, &cl),
	    APP_EAUTH);
	free(tok);
}

/* Another deployment (issuer, audience) does not share tokens. */
static void
test_iss_aud_conf(void **state)
{
	static char	 iss2[] = "beian-staging", aud2[] = "other-portal";
	struct conf	 c, c2;
	struct claims	 cl;
	char		*tok;

	(void)state;
	mkconf(&c, secret, sizeof(secret) - 1);
	assert_int_equal(token_issue(&c, "session", 1, JTI, NOW, 600, &tok),
	    APP_OK);
	c2 = c;
	c2.jwt_issuer = iss2;
	assert_int_equal(check(&c2, tok, NOW, &cl), APP_EAUTH);
	c2 = c;
	c2.jwt_audience = aud2;
	assert_int_equal(check(&c2, tok, NOW, &cl), APP_EAUTH);
	assert_int_equal(check(&c, tok, NOW, &cl), APP_OK);
	free(tok);
}

/* RFC 7519 6.1 style: alg "none" with and without the trailing dot. */
static void
test_alg_none(void **state)
{
	static const char	*hdrs[] = {
		"{\"alg\":\"none\",\"typ\":\"JWT\"}",
		"{\"alg\":\"none\"}",
		"{\"alg\":\"NONE\",\"typ\":\"JWT\"}",
		"{\"alg\":\"None\",\"typ\":\"JWT\"}",
		"{\"alg\":\"nOnE\"}",
	};
	struct conf	 c;
	struct claims	 cl;
	struct buf	 b = BUF_INIT;
	json_t		*claims;
	char		*payload, *tok, *good, *sig;
	size_t		 i;

	(void)state;
	mkconf(&c, secret, sizeof(secret) - 1);
	payload = base_payload();
	good = craft_base();
	sig = strrchr(good, '.');
	assert_non_null(sig);
	/* control */
	assert_int_equal(check(&c, good, NOW, &cl), APP_OK);

	/* The literal header of the brief. */
	buf_puts(&b, "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.");
	b64url(&b, payload, strlen(payload));
	buf_puts(&b, ".");
	assert_int_equal(check(&c, b.p, NOW, &cl), APP_EAUTH);
	b.p[--b.len] = '\0';			/* without the dot */
	assert_int_equal(check(&c, b.p, NOW, &cl), APP_EAUTH);
	buf_puts(&b, sig);		/* plus a real HS256 signature */
	assert_int_equal(check(&c, b.p, NOW, &cl), APP_EAUTH);
	buf_free(&b);

	for (i = 0; i < nitems(hdrs); i++) {
		tok = raw_token(hdrs[i], payload, NULL, 0);
		check_row(check(&c, tok, NOW, &cl) == APP_EAUTH, i, hdrs[i]);
		tok[strlen(tok) - 1] = '\0';
		check_row(check(&c, tok, NOW, &cl) == APP_EAUTH, i, hdrs[i]);
		free(tok);
		/* none in the header, signed with our key anyway */
		tok = raw_token(hdrs[i], payload, secret, sizeof(secret) - 1);
		check_row(check(&c, tok, NOW, &cl) == APP_EAUTH, i, hdrs[i]);
		free(tok);
	}

	/* libjwt's own unsecured encoding. */
	claims = base_claims();
	tok = craft(JWT_ALG_NONE, NULL, 0, claims);
	assert_int_equal(tok[strlen(tok) - 1], '.');
	assert_int_equal(check(&c, tok, NOW, &cl), APP_EAUTH);
	free(tok);
	json_decref(claims);
	free(payload);
	free(good);
}

/* HS384 and HS512 under the same secret pass jwt_decode (B.1). */
static void
test_alg_downgrade(void **state)
{
	static const jwt_alg_t	 algs[] = {
		JWT_ALG_HS384, JWT_ALG_HS512
	};
	static const char	*hdrs[] = {
		"{\"alg\":\"HS384\",\"typ\":\"JWT\"}",
		"{\"alg\":\"HS512\",\"typ\":\"JWT\"}",
		"{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
		"{\"alg\":\"ES256\",\"typ\":\"JWT\"}",
		"{\"alg\":\"hs256\",\"typ\":\"JWT\"}",
		"{\"alg\":\"HS256 \",\"typ\":\"JWT\"}",
		"{\"alg\":256,\"typ\":\"JWT\"}",
		"{\"alg\":\"BOGUS\",\"typ\":\"JWT\"}",
		"{\"typ\":\"JWT\"}",
		"{\"alg\":\"HS256\",\"typ\":\"JWS\"}",
		"[\"HS256\"]",
		"not json",
	};
	struct conf	 c;
	struct claims	 cl;
	json_t		*claims;
	jwt_t		*j;
	char		*tok, *payload;
	size_t		 i;

	(void)state;
	mkconf(&c, secret, sizeof(secret) - 1);
	claims = base_claims();
	for (i = 0; i < nitems(algs); i++) {
		tok = craft(algs[i], secret, sizeof(secret) - 1, claims);
		/* libjwt alone would take it. */
		check_row(jwt_decode(&j, tok, (const unsigned char *)secret,
		    (int)sizeof(secret) - 1) == 0, i, jwt_alg_str(algs[i]));
		jwt_free(j);
		check_row(check(&c, tok, NOW, &cl) == APP_EAUTH, i,
		    jwt_alg_str(algs[i]));
		free(tok);
	}
	json_decref(claims);

	/* Headers signed by hand with HMAC-SHA256 and our key. */
	payload = base_payload();
	tok = raw_token("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload, secret,
	    sizeof(secret) - 1);
	assert_int_equal(check(&c, tok, NOW, &cl), APP_OK);	/* control */
	free(tok);
	tok = raw_token("{\"alg\":\"HS256\"}", payload, secret,
	    sizeof(secret) - 1);
	/* typ is optional */
	assert_int_equal(check(&c, tok, NOW, &cl), APP_OK);
	free(tok);
	for (i = 0; i < nitems(hdrs); i++) {
		tok = raw_token(hdrs[i], payload, secret, sizeof(secret) - 1);
		check_row(check(&c, tok, NOW, &cl) == APP_EAUTH, i, hdrs[i]);
		free(tok);
	}
	free(payload);
}

/*
 * Keys named or embedded in the header (kid, jku, x5u, jwk:
 * CVE-2018-0114) are ignored: only the configured secret verifies.
 */
static void
test_header_keys(void **state)
{
	static const char	*hdrs[] = {
		"{\"alg\":\"HS256\",\"typ\":\"JWT\","
		    "\"kid\":\"../../../../dev/null\"}",
		"{\"alg\":\"HS256\",\"typ\":\"JWT\","
		    "\"kid\":\"' UNION SELECT 'x\"}",
		"{\"alg\":\"HS256\",\"typ\":\"JWT\","
		    "\"jku\":\"http://evil.example/jwks.json\"}",
		"{\"alg\":\"HS256\",\"typ\":\"JWT\","
		    "\"x5u\":\"http://evil.example/cert.pem\"}",
		"{\"alg\":\"HS256\",\"typ\":\"JWT\",\"jwk\":{\"kty\":\"oct\","
		    "\"k\":\"NzY1NDMyMTBmZWRjYmE5ODc2NTQzMjEwZmVkY2JhOTg3"
		    "NjU0MzIxMA\"}}",
	};
	struct conf	 c;
	struct claims	 cl;
	char		*payload, *tok;
	size_t		 i;

	(void)state;
	mkconf(&c, secret, sizeof(secret) - 1);
	payload = base_payload();
	for (i = 0; i < nitems(hdrs); i++) {
		/* The attacker's key, named by the header: refused. */
		tok = raw_token(hdrs[i], payload, other, sizeof(other) - 1);
		check_row(check(&c, tok, NOW, &cl) == APP_EAUTH, i, hdrs[i]);
		free(tok);
		/* Empty key (libjwt skips verification for it). */
		tok = raw_token(hdrs[i], payload, "", 0);
		check_row(check(&c, tok, NOW, &cl) == APP_EAUTH, i, hdrs[i]);
		free(tok);
		/* Our key: the extra header is ignored. */
		tok = raw_token(hdrs[i], payload, secret, sizeof(secret) - 1);
		check_row(check(&c, tok, NOW, &cl) == APP_OK, i, hdrs[i]);
		free(tok);
	}
	free(payload);
}

static void
test_tampered(void **state)
{
	struct conf	 c;
	struct claims	 cl;
	struct buf	 b = BUF_INIT;
	char		*tok, *tok2, *p1, *p2, *copy;
	size_t		 mid, len;

	(void)state;
	mkconf(&c, secret, sizeof(secret) - 1);
	tok = craft_base();
	assert_int_equal(check(&c, tok, NOW, &cl), APP_OK);
	p1 = strchr(tok, '.');
	p2 = strrchr(tok, '.');
	len = strlen(tok);

	/* One character flipped in the middle of the payload. */
	copy = xstrdup(tok);
	mid = (size_t)(p1 - tok) + (size_t)(p2 - p1) / 2;
	copy[mid] = copy[mid] == 'A' ? 'B' : 'A';
	assert_int_equal(check(&c, copy, NOW, &cl), APP_EAUTH);
	/* ... in the header, in the signature's first and last chars */
	memcpy(copy, tok, len);
	copy[5] = copy[5] == 'A' ? 'B' : 'A';
	assert_int_equal(check(&c, copy, NOW, &cl), APP_EAUTH);
	memcpy(copy, tok, len);
	copy[p2 - tok + 1] = copy[p2 - tok + 1] == 'A' ? 'B' : 'A';
	assert_int_equal(check(&c, copy, NOW, &cl), APP_EAUTH);
	/*
	 * The last of 43 characters carries 4 bits of the MAC and 2 unused
	 * ones: change a MAC bit, then only an unused bit (a decoder that
	 * ignores them would see the same MAC; libjwt compares the text).
	 */
	memcpy(copy, tok, len);
	copy[len - 1] = copy[len - 1] == 'Q' ? 'g' : 'Q';
	assert_int_equal(check(&c, copy, NOW, &cl), APP_EAUTH);
	memcpy(copy, tok, len);
	copy[len - 1] = (char)(copy[len - 1] + 1);	/* still base64 */
	assert_int_equal(check(&c, copy, NOW, &cl), APP_EAUTH);
	/* Signature cut short, or gone. */
	memcpy(copy, tok, len);
	copy[len - 4] = '\0';
	assert_int_equal(check(&c, copy, NOW, &cl), APP_EAUTH);
	memcpy(copy, tok, len);
	copy[p2 - tok + 1] = '\0';
	assert_int_equal(check(&c, copy, NOW, &cl), APP_EAUTH);
	copy[p2 - tok] = '\0';
	assert_int_equal(check(&c, copy, NOW, &cl), APP_EAUTH);
	/* Extra bytes after a valid signature. */
	buf_puts(&b, tok);
	buf_puts(&b, "A");
	assert_int_equal(check(&c, b.p, NOW, &cl), APP_EAUTH);
	free(copy);

	/* Another account's payload with this signature. */
	assert_int_equal(token_issue(&c, "session", 43, JTI, NOW, 3600,
	    &tok2), APP_OK);
	buf_reset(&b);
	buf_append(&b, tok, (size_t)(p1 - tok));
	buf_append(&b, strchr(tok2, '.'), (size_t)(strrchr(tok2, '.') -
	    strchr(tok2, '.')));
	buf_puts(&b, p2);
	assert_int_equal(check(&c, b.p, NOW, &cl), APP_EAUTH);
	buf_free(&b);
	free(tok2);
	free(tok);
}

static void
test_wrong_key(void **state)
{
	struct conf	 c, c2;
	struct claims	 cl;
	json_t		*claims;
	char		*tok;

	(void)state;
	mkconf(&c, secret, sizeof(secret) - 1);
	claims = base_claims();
	tok = craft(JWT_ALG_HS256, other, sizeof(other) - 1, claims);
	assert_int_equal(check(&c, tok, NOW, &cl), APP_EAUTH);
	mkconf(&c2, other, sizeof(other) - 1);
	/* control */
	assert_int_equal(check(&c2, tok, NOW, &cl), APP_OK);
	free(tok);
	/* The first 32 bytes of our secret are not our secret. */
	tok = craft(JWT_ALG_HS256, secret, 32, claims);
	assert_int_equal(check(&c, tok, NOW, &cl), APP_EAUTH);
	free(tok);
	json_decref(claims);

	/* token_issue under one secret, token_check under another. */
	assert_int_equal(token_issue(&c2, "session", 42, JTI, NOW, 600, &tok),
	    APP_OK);
	assert_int_equal(check(&c, tok, NOW, &cl), APP_EAUTH);
	free(tok);
}

/*
 * One or two claims changed from the base claims (iat = nbf = NOW,
 * exp = NOW + 3600).  NULL deletes the claim.  NOW is 1800000000.
 */
static const struct {
	const char	*name;
	const char	*k1, *v1, *k2, *v2;
	enum app_err	 er;
} claim_cases[] = {
	{ "base", "iss", "\"beian\"", NULL, NULL, APP_OK },
	/* exp */
	{ "exp now+1", "exp", "1800000001", NULL, NULL, APP_OK },
	{ "exp now", "exp", "1800000000", NULL, NULL, APP_EAUTH },
	{ "exp now-1", "exp", "1799999999", NULL, NULL, APP_EAUTH },
	{ "exp 2011", "exp", "1300819380", NULL, NULL, APP_EAUTH },
	{ "exp missing", "exp", NULL, NULL, NULL, APP_EAUTH },
	{ "exp string", "exp", "\"1800003600\"", NULL, NULL, APP_EAUTH },
	{ "exp real", "exp", "1800003600.0", NULL, NULL, APP_EAUTH },
	{ "exp true", "exp", "true", NULL, NULL, APP_EAUTH },
	{ "exp null", "exp", "null", NULL, NULL, APP_EAUTH },
	{ "exp negative", "exp", "-1", NULL, NULL, APP_EAUTH },
	{ "exp <= iat", "iat", "1800000030", "exp", "1800000030",
	    APP_EAUTH },
	/* nbf */
	{ "nbf now+skew", "nbf", "1800000060", NULL, NULL, APP_OK },
	{ "nbf now+skew+1", "nbf", "1800000061", NULL, NULL, APP_EAUTH },
	{ "nbf now+3600", "nbf", "1800003600", "exp", "1800007200",
	    APP_EAUTH },
	{ "nbf past", "nbf", "1700000000", NULL, NULL, APP_OK },
	{ "nbf missing", "nbf", NULL, NULL, NULL, APP_EAUTH },
	{ "nbf string", "nbf", "\"1800000000\"", NULL, NULL, APP_EAUTH },
	{ "nbf real", "nbf", "1800000000.0", NULL, NULL, APP_EAUTH },
	/* iat */
	{ "iat now+skew", "iat", "1800000060", NULL, NULL, APP_OK },
	{ "iat now+skew+1", "iat", "1800000061", NULL, NULL, APP_EAUTH },
	{ "iat far future", "iat", "1900000000", "exp", "1900003600",
	    APP_EAUTH },
	{ "iat missing", "iat", NULL, NULL, NULL, APP_EAUTH },
	{ "iat string", "iat", "\"1800000000\"", NULL, NULL, APP_EAUTH },
	{ "iat real", "iat", "1800000000.0", NULL, NULL, APP_EAUTH },
	/* iss, aud, typ */
	{ "iss wrong", "iss", "\"joe\"", NULL, NULL, APP_EAUTH },
	{ "iss prefix", "iss", "\"beia\"", NULL, NULL, APP_EAUTH },
	{ "iss longer", "iss", "\"beian2\"", NULL, NULL, APP_EAUTH },
	{ "iss missing", "iss", NULL, NULL, NULL, APP_EAUTH },
	{ "iss number", "iss", "1", NULL, NULL, APP_EAUTH },
	{ "aud wrong", "aud", "\"beian-admin\"", NULL, NULL, APP_EAUTH },
	{ "aud array", "aud", "[\"beian-portal\"]", NULL, NULL, APP_EAUTH },
	{ "aud missing", "aud", NULL, NULL, NULL, APP_EAUTH },
	{ "typ handoff", "typ", "\"handoff\"", NULL, NULL, APP_EAUTH },
	{ "typ JWT", "typ", "\"JWT\"", NULL, NULL, APP_EAUTH },
	{ "typ missing", "typ", NULL, NULL, NULL, APP_EAUTH },
	/* sub */
	{ "sub 1", "sub", "\"1\"", NULL, NULL, APP_OK },
	{ "sub max", "sub", "\"9223372036854775807\"", NULL, NULL, APP_OK },
	{ "sub 0", "sub", "\"0\"", NULL, NULL, APP_EAUTH },
	{ "sub -1", "sub", "\"-1\"", NULL, NULL, APP_EAUTH },
	{ "sub abc", "sub", "\"abc\"", NULL, NULL, APP_EAUTH },
	{ "sub empty", "sub", "\"\"", NULL, NULL, APP_EAUTH },
	{ "sub +1", "sub", "\"+1\"", NULL, NULL, APP_EAUTH },
	{ "sub space", "sub", "\" 1\"", NULL, NULL, APP_EAUTH },
	{ "sub 1.0", "sub", "\"1.0\"", NULL, NULL, APP_EAUTH },
	{ "sub overflow", "sub", "\"9223372036854775808\"", NULL, NULL,
	    APP_EAUTH },
	{ "sub integer", "sub", "42", NULL, NULL, APP_EAUTH },
	{ "sub missing", "sub", NULL, NULL, NULL, APP_EAUTH },
	/* jti */
	{ "jti other", "jti", "\"ffffffffffffffffffffffffffffffff\"", NULL,
	    NULL, APP_OK },
	{ "jti 31", "jti", "\"0123456789abcdef0123456789abcde\"", NULL, NULL,
	    APP_EAUTH },
	{ "jti 33", "jti", "\"0123456789abcdef0123456789abcdef0\"", NULL,
	    NULL, APP_EAUTH },
	{ "jti upper", "jti", "\"0123456789ABCDEF0123456789ABCDEF\"", NULL,
	    NULL, APP_EAUTH },
	{ "jti not hex", "jti", "\"0123456789abcdef0123456789abcdeg\"", NULL,
	    NULL, APP_EAUTH },
	{ "jti sql", "jti", "\"' OR 1=1 -- aaaaaaaaaaaaaaaaaaaaa\"", NULL,
	    NULL, APP_EAUTH },
	{ "jti empty", "jti", "\"\"", NULL, NULL, APP_EAUTH },
	{ "jti number", "jti", "12345", NULL, NULL, APP_EAUTH },
	{ "jti missing", "jti", NULL, NULL, NULL, APP_EAUTH },
	/* unknown claims are ignored */
	{ "extra claim", "admin", "true", NULL, NULL, APP_OK },
};

static void
set_claim(json_t *cl, const char *k, const char *v)
{
	json_t	*val;

	if (k == NULL)
		return;
	if (v == NULL) {
		assert_int_equal(json_object_del(cl, k), 0);
		return;
	}
	val = json_loads(v, JSON_DECODE_ANY, NULL);
	assert_non_null(val);
	assert_int_equal(json_object_set_new(cl, k, val), 0);
}

static void
test_claims(void **state)
{
	struct conf	 c;
	struct claims	 cl;
	json_t		*claims;
	char		*tok;
	size_t		 i;

	(void)state;
	mkconf(&c, secret, sizeof(secret) - 1);
	for (i = 0; i < nitems(claim_cases); i++) {
		claims = base_claims();
		set_claim(claims, claim_cases[i].k1, claim_cases[i].v1);
		set_claim(claims, claim_cases[i].k2, claim_cases[i].v2);
		tok = craft(JWT_ALG_HS256, secret, sizeof(secret) - 1, claims);
		check_row(check(&c, tok, NOW, &cl) == claim_cases[i].er, i,
		    claim_cases[i].name);
		if (claim_cases[i].er == APP_OK)
			check_row(cl.sub >= 1 && strlen(cl.jti) == JTI_LEN, i,
			    claim_cases[i].name);
		free(tok);
		json_decref(claims);
	}
}

/* TOKEN_MAX is checked before decoding: a valid but long token fails. */
static void
test_length_cap(void **state)
{
	struct conf	 c;
	struct claims	 cl;
	json_t		*claims;
	char		*tok, *last = NULL, *pad;
	size_t		 n;

	(void)state;
	mkconf(&c, secret, sizeof(secret) - 1);
	pad = xmalloc(4096);
	for (n = 2600; n < 3200; n++) {
		memset(pad, 'x', n);
		pad[n] = '\0';
		claims = base_claims();
		json_object_set_new(claims, "pad", json_string(pad));
		tok = craft(JWT_ALG_HS256, secret, sizeof(secret) - 1, claims);
		json_decref(claims);
		if (strlen(tok) > TOKEN_MAX) {
			/* The first over the cap ... */
			assert_int_equal(check(&c, tok, NOW, &cl), APP_EAUTH);
			free(tok);
			break;
		}
		free(last);
		last = tok;
	}
	assert_true(n < 3200);
	/* ... and the last under it, a few bytes shorter, both valid. */
	assert_non_null(last);
	assert_true(strlen(last) > TOKEN_MAX - 8);
	assert_int_equal(check(&c, last, NOW, &cl), APP_OK);
	free(last);

	/* Huge garbage: refused without decoding. */
	pad = xrealloc(pad, 1 << 20);
	memset(pad, 'A', (1 << 20) - 1);
	pad[(1 << 20) - 1] = '\0';
	pad[100] = pad[200] = '.';
	assert_int_equal(check(&c, pad, NOW, &cl), APP_EAUTH);
	free(pad);
}

static const char *const malformed[] = {
	"",
	"nodotshere",
	"one.dot",
	".eyJ0ZXN0IjoiMSJ9.",
	"..",
	"a..b",
	".a.b",
	"a.b.",
	"a.b.c.d",
	"a.b.c.d.e.f",
	"bm90IGpzb24.eyJ0ZXN0IjoiMSJ9.AAAA",
	"eyJ0eXAiOiJKV1QifQ.eyJ0ZXN0IjoiMSJ9.AAAA",		/* no alg */
	"eyJhbGciOiJub25lIn0.!!!invalid!!!.",
	"eyJhbGciOiJIUzI1NiJ9.e30.AAAA",			/* B.1 row 13 */
	"eyJhbGciOiJIUzI1NiJ9.e30.",			/* no sig */
	"eyJhbGciOiJIUzI1NiJ9.e30",
	"eyJhbGciOiJIUzI1NiJ9.e30=.AAAA",			/* padding */
	"eyJhbGciOiJIUzI1NiJ9+.e30.AAAA",		/* base64 */
	" eyJhbGciOiJIUzI1NiJ9.e30.AAAA",
	"eyJhbGciOiJIUzI1NiJ9.e30.AAAA\n",
	"Bearer eyJhbGciOiJIUzI1NiJ9.e30.AAAA",
	"eyJhbGciOiJIUzI1NiJ9.e30.AA\xc3\xa9",
};

static void
test_malformed(void **state)
{
	struct conf	 c;
	struct claims	 cl;
	size_t		 i;

	(void)state;
	mkconf(&c, secret, sizeof(secret) - 1);
	for (i = 0; i < nitems(malformed); i++)
		check_row(check(&c, malformed[i], NOW, &cl) == APP_EAUTH, i,
		    malformed[i]);
	/* NULL: no crash in libjwt's strdup (B.1 row 15). */
	assert_int_equal(check(&c, NULL, NOW, &cl), APP_EAUTH);
}

/* RFC 7515 A.1, verified with its own key: a valid HS256 signature. */
static void
test_rfc7515(void **state)
{
	static const char	 key64[] =
	    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0"
	    "iPS4hcgUuTwjAzZr1Z9CAow";
	static const char	 tok[] =
	    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
	    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGF"
	    "tcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
	    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
	char			 key[64];
	size_t			 keylen;
	struct conf		 c;
	struct claims		 cl;
	jwt_t			*j;

	(void)state;
	assert_int_equal(sodium_base642bin((unsigned char *)key, sizeof(key),
	    key64, strlen(key64), NULL, &keylen, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING), 0);
	assert_int_equal(keylen, 64);
	/* The vector is sound: libjwt alone accepts it (B.1 row 1). */
	assert_int_equal(jwt_decode(&j, tok, (unsigned char *)key,
	    (int)keylen), 0);
	jwt_free(j);
	mkconf(&c, key, keylen);
	/* Expired in 2011, no typ, wrong iss and aud, no sub or jti. */
	assert_int_equal(check(&c, tok, NOW, &cl), APP_EAUTH);
	/* Refused even at a time before its exp. */
	assert_int_equal(check(&c, tok, 1300819000, &cl), APP_EAUTH);
	assert_int_equal(token_check(&c, "JWT", tok, 1300819000, &cl),
	    APP_EAUTH);
}

/* A short or missing secret: nothing is issued, nothing accepted. */
static void
test_short_secret(void **state)
{
	static char	 s16[] = "0123456789abcdef", s31[] =
	    "0123456789abcdef0123456789abcde", s32[] =
	    "0123456789abcdef0123456789abcdef", empty[] = "";
	struct conf	 c;
	struct claims	 cl;
	json_t		*claims;
	char		*tok, *out;

	(void)state;
	claims = base_claims();

	mkconf(&c, s16, 16);
	out = (char *)1;
	assert_int_equal(token_issue(&c, "session", 42, JTI, NOW, 600, &out),
	    APP_EINTERNAL);
	assert_null(out);
	tok = craft(JWT_ALG_HS256, s16, 16, claims);
	assert_int_equal(check(&c, tok, NOW, &cl), APP_EAUTH);
	free(tok);

	mkconf(&c, s31, 31);
	assert_int_equal(token_issue(&c, "session", 42, JTI, NOW, 600, &out),
	    APP_EINTERNAL);
	tok = craft(JWT_ALG_HS256, s31, 31, claims);
	assert_int_equal(check(&c, tok, NOW, &cl), APP_EAUTH);
	free(tok);

	mkconf(&c, s32, 32);				/* the minimum */
	assert_int_equal(token_issue(&c, "session", 42, JTI, NOW, 600, &out),
	    APP_OK);
	assert_int_equal(check(&c, out, NOW, &cl), APP_OK);
	free(out);

	/* Empty key: libjwt would skip verification (B.1 row 13). */
	mkconf(&c, empty, 0);
	assert_int_equal(token_issue(&c, "session", 42, JTI, NOW, 600, &out),
	    APP_EINTERNAL);
	assert_int_equal(check(&c, "eyJhbGciOiJIUzI1NiJ9.e30.AAAA", NOW, &cl),
	    APP_EAUTH);
	tok = craft(JWT_ALG_HS256, secret, sizeof(secret) - 1, claims);
	assert_int_equal(check(&c, tok, NOW, &cl), APP_EAUTH);
	/* NULL key with a length */
	mkconf(&c, NULL, 40);
	assert_int_equal(token_issue(&c, "session", 42, JTI, NOW, 600, &out),
	    APP_EINTERNAL);
	assert_int_equal(check(&c, tok, NOW, &cl), APP_EAUTH);
	free(tok);
	json_decref(claims);
}

static void
test_new_jti(void **state)
{
	char	 a[JTI_LEN + 1], b[JTI_LEN + 1];
	size_t	 i;

	(void)state;
	memset(a, 'X', sizeof(a));
	token_new_jti(a);
	token_new_jti(b);
	assert_int_equal(strlen(a), JTI_LEN);
	for (i = 0; i < JTI_LEN; i++)
		check_row(isxdigit((unsigned char)a[i]) &&
		    !isupper((unsigned char)a[i]), i, a);
	assert_string_not_equal(a, b);
}

static void
test_csrf(void **state)
{
	static char	 long_secret[] =
	    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef";		/* 96 bytes */
	struct conf	 c, c2, c3, c4;
	char		 t[65], t2[65], t3[65], t4[65], bad[80];
	size_t		 i;

	(void)state;
	mkconf(&c, secret, sizeof(secret) - 1);
	mkconf(&c2, other, sizeof(other) - 1);

	memset(t, 'X', sizeof(t));
	csrf_token(&c, JTI, t);
	assert_int_equal(strlen(t), 64);
	for (i = 0; i < 64; i++)
		check_row(isxdigit((unsigned char)t[i]) &&
		    !isupper((unsigned char)t[i]), i, t);
	assert_true(csrf_valid(&c, JTI, t));
	csrf_token(&c, JTI, t2);
	assert_string_equal(t, t2);			/* deterministic */

	/* Another session's jti */
	assert_false(csrf_valid(&c, "ffffffffffffffffffffffffffffffff", t));
	csrf_token(&c, "ffffffffffffffffffffffffffffffff", t2);
	assert_string_not_equal(t, t2);

	/* Truncated, extended, case-altered */
	memcpy(bad, t, 63);
	bad[63] = '\0';
	assert_false(csrf_valid(&c, JTI, bad));
	memcpy(bad, t, 64);
	bad[64] = '0';
	bad[65] = '\0';
	assert_false(csrf_valid(&c, JTI, bad));
	memcpy(bad, t, 65);
	for (i = 0; i < 64 && !(bad[i] >= 'a' && bad[i] <= 'f'); i++)
		;
	assert_true(i < 64);
	bad[i] = (char)toupper((unsigned char)bad[i]);
	assert_false(csrf_valid(&c, JTI, bad));
	memcpy(bad, t, 65);
	bad[0] = bad[0] == '0' ? '1' : '0';
	assert_false(csrf_valid(&c, JTI, bad));

	assert_false(csrf_valid(&c, JTI, NULL));
	assert_false(csrf_valid(&c, JTI, ""));
	assert_false(csrf_valid(&c, NULL, t));
	assert_false(csrf_valid(&c, "", t));
	/* No session, no token: not even the MAC of "" passes. */
	csrf_token(&c, "", t2);
	assert_false(csrf_valid(&c, "", t2));
	assert_false(csrf_valid(&c, JTI, JTI));

	/* Another secret, another token. */
	csrf_token(&c2, JTI, t2);
	assert_string_not_equal(t, t2);
	assert_false(csrf_valid(&c2, JTI, t));
	assert_true(csrf_valid(&c2, JTI, t2));

	/* Secrets over 64 bytes work, and every byte counts. */
	mkconf(&c3, long_secret, sizeof(long_secret) - 1);
	mkconf(&c4, long_secret, 64);
	csrf_token(&c3, JTI, t3);
	csrf_token(&c4, JTI, t4);
	assert_int_equal(strlen(t3), 64);
	assert_true(csrf_valid(&c3, JTI, t3));
	assert_string_not_equal(t3, t4);
	assert_false(csrf_valid(&c3, JTI, t4));
}

static int
setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

/* Signed refusal messages for pages without JavaScript. */
static void
test_msg_sign(void **state)
{
	struct conf	 c, c2;
	char		 sig[65], sig2[65];

	(void)state;
	mkconf(&c, secret, strlen(secret));
	mkconf(&c2, other, strlen(other));
	msg_sign(&c, "name", "网站名称不能以“中国”开头", sig);
	assert_int_equal(strlen(sig), 64);
	assert_true(msg_sig_valid(&c, "name", "网站名称不能以“中国”开头", sig));
	assert_false(msg_sig_valid(&c, "domain", "网站名称不能以“中国”开头",
	    sig));
	assert_false(msg_sig_valid(&c, "name", "请拨打 400-000-0000", sig));
	assert_false(msg_sig_valid(&c2, "name", "网站名称不能以“中国”开头",
	    sig));
	/* The NUL between field and message: "ab"+"c" is not "a"+"bc". */
	msg_sign(&c, "ab", "c", sig);
	msg_sign(&c, "a", "bc", sig2);
	assert_string_not_equal(sig, sig2);
	assert_false(msg_sig_valid(&c, NULL, "x", sig));
	assert_false(msg_sig_valid(&c, "a", NULL, sig));
	assert_false(msg_sig_valid(&c, "a", "bc", NULL));
	assert_false(msg_sig_valid(NULL, "a", "bc", sig2));
	assert_false(msg_sig_valid(&c, "a", "bc", ""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_typ_confusion),
		cmocka_unit_test(test_iss_aud_conf),
		cmocka_unit_test(test_alg_none),
		cmocka_unit_test(test_alg_downgrade),
		cmocka_unit_test(test_header_keys),
		cmocka_unit_test(test_tampered),
		cmocka_unit_test(test_wrong_key),
		cmocka_unit_test(test_claims),
		cmocka_unit_test(test_length_cap),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_rfc7515),
		cmocka_unit_test(test_short_secret),
		cmocka_unit_test(test_new_jti),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_msg_sign),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
