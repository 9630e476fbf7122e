/*
 * multipart/form-data bodies.  The first line of the input is the
 * Content-Type header (so the boundary parser is fuzzed too); the rest
 * is the body.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lib/multipart.h"
#include "lib/util.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	const char	*nl = memchr(data, '\n', sz);
	char		*ct, boundary[MP_BOUNDARY_MAX + 1];
	struct kvlist	 fields;
	struct mp_files	 files;
	size_t		 ctlen, i;
	char		*body;

	if (nl == NULL)
		return 0;
	ctlen = (size_t)(nl - (const char *)data);
	ct = xstrndup((const char *)data, ctlen);
	/* The body in a buffer of its exact size: ASan sees overreads. */
	body = xmalloc(sz - ctlen);
	memcpy(body, nl + 1, sz - ctlen - 1);
	memset(&fields, 0, sizeof(fields));
	memset(&files, 0, sizeof(files));
	if (mp_boundary(ct, boundary)) {
		assert(strlen(boundary) >= 1 &&
		    strlen(boundary) <= MP_BOUNDARY_MAX);
		(void)mp_parse(boundary, body, sz - ctlen - 1, &fields, &files);
		for (i = 0; i < files.n; i++) {
			assert(files.v[i].data >= body);
			assert(files.v[i].data + files.v[i].size <=
			    body + (sz - ctlen - 1));
			assert(files.v[i].name[0] != '\0');
		}
		for (i = 0; i < fields.n; i++)
			assert(utf8_valid(fields.v[i].val, fields.v[i].valsz));
		assert(files.n <= MP_MAX_PARTS && fields.n <= MP_MAX_PARTS);
	}
	kv_free(&fields);
	mp_files_free(&files);
	free(body);
	free(ct);
	return 0;
}
