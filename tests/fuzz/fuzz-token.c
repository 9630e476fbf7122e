/*
 * Session token checks with a fixed key.  An input that looks like a
 * token ("eyJ...") goes in as it is: the fuzzer does not know the key,
 * so nothing it makes may be accepted.  Any other input is claims --
 * "header JSON\npayload JSON", or only the payload under an HS256
 * header -- signed here with the key, so that the fuzzer reaches what
 * comes after the signature: the algorithm, typ, iss, aud, the times,
 * sub and jti.  What passes must hold what the programs rely on.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "lib/token.h"
#include "fuzz.h"

#define NOW	1800000000
#define SECRET	"fuzz-secret-fuzz-secret-fuzz-secret-0123"

static size_t
b64(char *out, size_t outsz, const unsigned char *in, size_t n)
{
	sodium_bin2base64(out, outsz, in, n,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return strlen(out);
}

/* header.payload.signature, signed with the key; NULL if too long. */
static char *
sign(const uint8_t *hdr, size_t hn, const uint8_t *pl, size_t pn)
{
	crypto_auth_hmacsha256_state	 st;
	unsigned char			 mac[crypto_auth_hmacsha256_BYTES];
	size_t				 cap, n;
	char				*t;

	if (hn > TOKEN_MAX || pn > TOKEN_MAX)
		return NULL;
	cap = sodium_base64_ENCODED_LEN(hn, sodium_base64_VARIANT_URLSAFE_NO_PADDING) +
	    sodium_base64_ENCODED_LEN(pn, sodium_base64_VARIANT_URLSAFE_NO_PADDING) +
	    sodium_base64_ENCODED_LEN(sizeof(mac), sodium_base64_VARIANT_URLSAFE_NO_PADDING) + 2;
	if ((t = malloc(cap)) == NULL)
		abort();
	n = b64(t, cap, hdr, hn);
	t[n++] = '.';
	n += b64(t + n, cap - n, pl, pn);
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)SECRET,
	    strlen(SECRET));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)t, n);
	crypto_auth_hmacsha256_final(&st, mac);
	t[n++] = '.';
	b64(t + n, cap - n, mac, sizeof(mac));
	return t;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	static const char	 dflt[] = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
	const uint8_t		*nl;
	struct conf		 c;
	struct claims		 cl;
	char			*tok;
	size_t			 i;
	bool			 ok;

	memset(&c, 0, sizeof(c));
	c.jwt_secret = (char *)SECRET;
	c.jwt_secret_len = strlen(c.jwt_secret);
	c.jwt_issuer = (char *)"beian";
	c.jwt_audience = (char *)"beian-portal";
	if (sz >= 3 && memcmp(data, "eyJ", 3) == 0) {
		if ((tok = malloc(sz + 1)) == NULL)
			abort();
		memcpy(tok, data, sz);
		tok[sz] = '\0';
		assert(token_check(&c, "session", tok, NOW, &cl) != APP_OK);
		free(tok);
		return 0;
	}
	if ((nl = memchr(data, '\n', sz)) != NULL)
		tok = sign(data, (size_t)(nl - data), nl + 1,
		    sz - (size_t)(nl - data) - 1);
	else
		tok = sign((const uint8_t *)dflt, sizeof(dflt) - 1, data, sz);
	if (tok == NULL)
		return 0;
	ok = token_check(&c, "session", tok, NOW, &cl) == APP_OK;
	/* Which inputs pass, for whoever grows the corpus by hand. */
	if (getenv("FUZZ_TOKEN_VERBOSE") != NULL)
		fprintf(stderr, "%s\n", ok ? "accepted" : "refused");
	if (ok) {
		assert(cl.sub >= 1);
		assert(cl.exp > NOW && cl.exp > cl.iat);
		assert(cl.nbf <= NOW + TOKEN_SKEW && cl.iat <= NOW + TOKEN_SKEW);
		assert(strlen(cl.jti) == JTI_LEN);
		for (i = 0; i < JTI_LEN; i++)
			assert(strchr("0123456789abcdef", cl.jti[i]) != NULL);
		/* Another typ under the same key is another token. */
		assert(token_check(&c, "handoff", tok, NOW, &cl) != APP_OK);
	} else
		assert(cl.sub == 0 && cl.jti[0] == '\0');
	free(tok);
	return 0;
}
