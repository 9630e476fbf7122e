/* What applicants type as a filing service number. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lib/sin.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	char	*in, out[SIN_MAX + 1], shaped[SIN_MAX + 1];
	size_t	 i;

	if ((in = malloc(sz + 1)) == NULL)
		abort();
	memcpy(in, data, sz);
	in[sz] = '\0';
	if (sin_normalise(in, out, sizeof(out))) {
		assert(out[0] != '\0' && strlen(out) <= SIN_MAX);
		for (i = 0; out[i] != '\0'; i++)
			assert((out[i] >= 'A' && out[i] <= 'Z') ||
			    (out[i] >= '0' && out[i] <= '9') || out[i] == '-');
		/* Reshaped, it keeps the letters and takes the example's form. */
		if (sin_shape(out, "7K3M-9QXD-2F8H-VW4P", shaped,
		    sizeof(shaped))) {
			assert(strlen(shaped) == 19);
			for (i = 0; i < 19; i++)
				assert((shaped[i] == '-') == (i % 5 == 4));
		}
	}
	free(in);
	return 0;
}
