/* JSON bodies: the depth pre-scan and jansson behind it. */
#include <assert.h>

#include "lib/parse.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	json_t	*j = NULL;

	if (json_body_parse((const char *)data, sz, 16, &j) == APP_OK) {
		assert(json_is_object(j));
		json_decref(j);
	} else
		assert(j == NULL);
	return 0;
}
