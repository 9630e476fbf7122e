/* The query-string and form-body decoder. */
#include <assert.h>
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
	(void)kv_parse_urlencoded(&l, (const char *)data, sz);
	/* Whatever was accepted is clean text: the invariant handlers use. */
	for (i = 0; i < l.n; i++) {
		assert(strlen(l.v[i].val) == l.v[i].valsz);
		assert(utf8_valid(l.v[i].key, strlen(l.v[i].key)));
		assert(utf8_valid(l.v[i].val, l.v[i].valsz));
	}
	assert(l.n <= KV_MAX_FIELDS);
	kv_free(&l);
	return 0;
}
