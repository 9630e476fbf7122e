/*
 * What decides whether GraphicsMagick sees an upload at all: the magic
 * bytes and the PNG chunk walk (not GraphicsMagick itself).
 */
#include <assert.h>

#include "lib/img.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	const char	*what;
	enum img_type	 t;

	t = img_sniff(data, sz, &what);
	assert((t == IMG_UNKNOWN) == (what != NULL));
	if (img_png_intact(data, sz))
		assert(t == IMG_PNG);
	return 0;
}
