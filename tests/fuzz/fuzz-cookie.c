/* The Cookie header splitter. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lib/parse.h"
#include "lib/util.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	struct kvlist	 l;
	size_t		 i;

	memset(&l, 0, sizeof(l));
	(void)kv_parse_cookies(&l, (const char *)data, sz);
	for (i = 0; i < l.n; i++) {
		assert(l.v[i].key[0] != '\0');
		assert(strlen(l.v[i].val) == l.v[i].valsz);
	}
	(void)kv_get(&l, "beian_session");
	kv_free(&l);
	return 0;
}
