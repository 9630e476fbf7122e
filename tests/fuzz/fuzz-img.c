/*
 * GraphicsMagick's decoders as an upload reaches them: sniffed, then
 * img_normalise under the production limits (upload_img_init) with a
 * 证件 slot's side and byte cap.  The corpus holds the hostile images
 * (bombs, CMYK, truncated, broken CRCs); tests/bench/img-rss runs the
 * same entry over them to print the peak RSS.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/img.h"
#include "lib/upload-store.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	static bool	 ready;
	struct img_out	 o;
	enum img_type	 t;
	const char	*what;

	if (!ready) {
		upload_img_init();
		ready = true;
	}
	if ((t = img_sniff(data, sz, &what)) == IMG_UNKNOWN)
		return 0;
	if (img_normalise(data, sz, t, 1600, 85, 409600, &o) == APP_OK) {
		assert(o.jpeg != NULL && o.jpegsz > 0 && o.jpegsz <= 409600);
		assert(o.width <= 1600 && o.height <= 1600);
		assert(o.error[0] == '\0');
	} else
		assert(o.error[0] != '\0' && o.jpeg == NULL);
	/* For tests/bench/img-rss: what became of each input. */
	if (getenv("FUZZ_IMG_VERBOSE") != NULL)
		fprintf(stderr, "%s\n", o.error[0] != '\0' ? o.error :
		    "accepted");
	img_out_free(&o);
	return 0;
}
