/*
 * Uploaded images: sniffed by their bytes, decoded by GraphicsMagick with
 * the coder forced to the sniffed type (Debian's GM has every coder built
 * in: MIFF, SVG, PostScript... must never see our uploads), under
 * resource limits set once per process, then auto-oriented, stripped of
 * every profile, resized to fit and re-encoded as JPEG within a byte cap.
 */
#ifndef BEIAN_IMG_H
#define BEIAN_IMG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum	img_type {
	IMG_UNKNOWN,
	IMG_JPEG,
	IMG_PNG
};

/* What the bytes are; *what names a refused kind ("PDF 文档") or NULL. */
enum img_type	 img_sniff(const void *, size_t, const char **what);

/* Every chunk of a PNG whole, with a right CRC, IHDR first, IEND last. */
bool		 img_png_intact(const void *, size_t);

struct	img_limits {
	int64_t	 max_width;
	int64_t	 max_height;
	int64_t	 max_pixels;
	int64_t	 memory_mb;	/* GraphicsMagick's own backstop */
	int64_t	 decode_mb;	/* what one decode may hold (img-header.h) */
};

/* Once per process, before any image work. */
void		 img_init(const struct img_limits *);

struct	img_out {
	unsigned char	*jpeg;		/* the normalised image (free()) */
	size_t		 jpegsz;
	unsigned char	*thumb;		/* a small JPEG (free()) */
	size_t		 thumbsz;
	unsigned long	 width, height;	/* of the normalised image */
	unsigned long	 src_width, src_height;	/* as uploaded, upright */
	double		 brightness;	/* mean, 0..255, of the thumbnail */
	double		 sharpness;	/* Laplacian variance of the thumbnail */
	/*
	 * Of the thumbnail's border (the outer eighth of each side but the
	 * bottom, where a person's shoulders are), the share of pixels near
	 * white and near a curtain's blue, 0..100: the backdrop of a
	 * verification photo.
	 */
	double		 border_white;
	double		 border_blue;
	char		 error[400];	/* why it failed, zh-CN */
};

/*
 * Normalise: fit within max_side, JPEG at quality, lowered until it fits
 * byte_cap.  APP_EINVAL with out->error for an image that cannot be read
 * or is over the limits.
 */
enum app_err	 img_normalise(const void *, size_t, enum img_type,
			unsigned long max_side, int quality, size_t byte_cap,
			struct img_out *out);
void		 img_out_free(struct img_out *);

#endif
