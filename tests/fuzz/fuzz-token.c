/*
 * Session token checks with a fixed key: shape check, libjwt decode,
 * claim validation.  Nothing the fuzzer can make may be accepted, since
 * it does not know the key.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lib/token.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	struct conf	 c;
	struct claims	 cl;
	char		*tok;

	memset(&c, 0, sizeof(c));
	c.jwt_secret = (char *)"fuzz-secret-fuzz-secret-fuzz-secret-0123";
	c.jwt_secret_len = strlen(c.jwt_secret);
	c.jwt_issuer = (char *)"beian";
	c.jwt_audience = (char *)"beian-portal";
	if ((tok = malloc(sz + 1)) == NULL)
		abort();
	memcpy(tok, data, sz);
	tok[sz] = '\0';
	assert(token_check(&c, "session", tok, 1800000000, &cl) != APP_OK);
	free(tok);
	return 0;
}
