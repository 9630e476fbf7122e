/*
 * What decides whether GraphicsMagick sees an upload at all: the magic
 * bytes, the PNG chunk walk and the header's memory estimate (not
 * GraphicsMagick itself: fuzz-img).
 */
#include <assert.h>

#include "lib/img-header.h"
#include "lib/img.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	struct img_header	 hd;
	const char		*what;
	enum img_type		 t;

	t = img_sniff(data, sz, &what);
	assert((t == IMG_UNKNOWN) == (what != NULL));
	if (img_png_intact(data, sz))
		assert(t == IMG_PNG);
	if (t != IMG_UNKNOWN && img_header_read(data, sz, t, &hd)) {
		assert(hd.width > 0 && hd.height > 0 && hd.channels > 0);
		/* Never 0 for a header read: 0 would wave a bomb through. */
		assert(img_decode_bytes(&hd, 1600, 1600) > 0);
		assert(img_bytes_per_pixel(&hd) >= 8.0);
	}
	return 0;
}
