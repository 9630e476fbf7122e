/* The configuration reader. */
#include <assert.h>

#include "lib/conf.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	struct conf	 c;
	char		 err[256];

	if (conf_parse(&c, (const char *)data, sz, err, sizeof(err)) ==
	    APP_OK) {
		assert(c.jwt_secret_len >= CONF_SECRET_MIN);
		assert(c.db_name != NULL && c.db_socket != NULL);
		conf_free(&c);
	}
	return 0;
}
