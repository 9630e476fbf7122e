/*
 * What an image's header says, read without a decoder: the size, and
 * what decoding it will hold in memory.  A PNG's IHDR and a JPEG's SOF
 * are enough to refuse a decompression bomb before GraphicsMagick
 * allocates a pixel of it (img.c), and to say truly why.
 */
#ifndef BEIAN_IMG_HEADER_H
#define BEIAN_IMG_HEADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "img.h"

#define IMG_MAX_COMPONENTS	4

struct	img_header {
	enum img_type	 type;
	uint32_t	 width, height;
	unsigned int	 channels;	/* PNG: samples per pixel; JPEG: components */
	unsigned int	 sample_bytes;	/* PNG: 1 or 2 (a 16-bit PNG) */
	bool		 progressive;	/* JPEG: every coefficient held at once */
	/* JPEG: each component's sampling factors (1-4). */
	unsigned int	 h[IMG_MAX_COMPONENTS], v[IMG_MAX_COMPONENTS];
};

/* Parse the header; false when there is none to trust. */
bool		 img_header_read(const void *, size_t, enum img_type,
			struct img_header *);

/*
 * The bytes decoding holds at its peak: GraphicsMagick's 8-byte pixels
 * (Q16) of the image as decoded -- a JPEG at the DCT scale that still
 * covers want_w x want_h -- plus the decoder's own whole-image buffer
 * (libpng's rows, a progressive JPEG's coefficients).
 */
uint64_t	 img_decode_bytes(const struct img_header *,
			unsigned long want_w, unsigned long want_h);

/* The same per source pixel, for "at most N megapixels" in a message. */
double		 img_bytes_per_pixel(const struct img_header *);

#endif
