/* Path matching against route patterns with "{id}" segments. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lib/app.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	static const char *const pats[] = {
		"/api/session", "/api/orders/{id}",
		"/api/orders/{id}/websites/{id}", "/api/m/{id}/uploads",
	};
	int64_t		 ids[ROUTE_MAX_IDS];
	size_t		 i, n;
	char		*path;

	if ((path = malloc(sz + 1)) == NULL)
		abort();
	memcpy(path, data, sz);
	path[sz] = '\0';
	for (i = 0; i < sizeof(pats) / sizeof(pats[0]); i++)
		if (route_match(pats[i], path, ids, &n))
			for (size_t k = 0; k < n; k++)
				assert(ids[k] > 0);
	free(path);
	return 0;
}
