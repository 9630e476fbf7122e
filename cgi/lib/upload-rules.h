/*
 * The rules an uploaded material meets before it is stored: which
 * website it belongs to, whether it shows enough pixels, and the quality
 * gate's warnings.  Pure functions over the upload_kind row and the
 * settings in force; upload-store.c asks them.
 */
#ifndef BEIAN_UPLOAD_RULES_H
#define BEIAN_UPLOAD_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "filing.h"

/*
 * The website a material of kind k belongs to, from the form's
 * website_id (NULL or "" reads as 0): a per-website kind needs one, an
 * order's own kind (the 承诺书) belongs to none whatever was sent.  NULL
 * and *wid set, or the 422 message for website_id.
 */
const char	*upload_website(const struct upload_kind *, const char *given,
		    int64_t *wid);

/*
 * Does a w x h image show enough of a k (its longer and shorter side
 * against the row's minimums)?  If not, the message into msg.
 */
bool		 upload_big_enough(const struct upload_kind *, unsigned long w,
		    unsigned long h, struct buf *msg);

/*
 * The quality gate: the warnings (static strings, at most 3) for a photo
 * of this mean brightness (0..255) and sharpness; a threshold of 0 is
 * not checked.
 */
size_t		 upload_quality(const struct rules *, double brightness,
		    double sharpness, const char *out[3]);

#endif
