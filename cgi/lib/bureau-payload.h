/*
 * What the provider sends the bureau for an order (domain.md T4-T6): the
 * subject by its ICP number and MIIT codes, each website with its owner,
 * content bitmask (T4), languages (T5) and pre-approvals, and the images
 * by MIIT's image types (T6 1-9), already transcoded to the bureau's
 * size.  A pure function of the typed order; the shape is fixed by a
 * golden file (tests/unit/golden/bureau-payload.json).
 */
#ifndef BEIAN_BUREAU_PAYLOAD_H
#define BEIAN_BUREAU_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "filing.h"
#include "img.h"

/* An upload as the bureau takes it. */
struct	payload_image {
	const struct upload	*upload;
	int64_t			 type;		/* T6 */
	const unsigned char	*jpeg;
	size_t			 len;
};

/*
 * The payload of round (1 the first submission) of f (read with
 * FP_WEBSITES and FP_UPLOADS), or NULL when it could not be made.
 */
json_t	*bureau_payload(const struct filing *, int64_t round,
	    const struct payload_image *, size_t n);

/*
 * An upload's stored image made to fit the bureau's byte cap for its
 * type: re-encoded smaller, side by side, until it fits.  APP_EINVAL
 * (out->error says why) when not even the smallest side fits.
 */
enum app_err	 bureau_image_fit(const void *, size_t, size_t cap,
		    struct img_out *out);

#endif
