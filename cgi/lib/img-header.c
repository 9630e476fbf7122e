/*
 * Image headers without a decoder (img-header.h).
 */
#include <string.h>

#include "img-header.h"

/* GraphicsMagick Q16: red, green, blue, opacity of 16 bits each. */
#define CACHE_BYTES	8

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static unsigned int
be16(const unsigned char *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

/* IHDR: the first chunk, at a fixed place (img_png_intact checks it). */
static bool
png_header(const unsigned char *p, size_t n, struct img_header *hd)
{
	unsigned int	 depth, type;

	if (n < 33 || memcmp(p + 12, "IHDR", 4) != 0 || be32(p + 8) != 13)
		return false;
	hd->width = be32(p + 16);
	hd->height = be32(p + 20);
	depth = p[24];
	type = p[25];
	switch (type) {
	case 0:		/* grey */
	case 3:		/* palette: one index a pixel */
		hd->channels = 1;
		break;
	case 2:		/* RGB */
		hd->channels = 3;
		break;
	case 4:		/* grey + alpha */
		hd->channels = 2;
		break;
	case 6:		/* RGBA */
		hd->channels = 4;
		break;
	default:
		return false;
	}
	if (depth != 1 && depth != 2 && depth != 4 && depth != 8 &&
	    depth != 16)
		return false;
	/* libpng unpacks 1-, 2- and 4-bit samples to a byte each. */
	hd->sample_bytes = depth == 16 ? 2 : 1;
	return hd->width > 0 && hd->height > 0;
}

/*
 * The first frame header (SOFn) after the markers before it.  Markers
 * without a length (RSTn, TEM) and fill bytes are stepped over; entropy
 * data cannot come before a SOF.
 */
static bool
jpeg_header(const unsigned char *p, size_t n, struct img_header *hd)
{
	size_t		 i = 2, len;
	unsigned int	 m, c, nc;

	while (i + 4 <= n) {
		if (p[i] != 0xff)
			return false;
		m = p[i + 1];
		if (m == 0xff) {		/* fill */
			i++;
			continue;
		}
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd7)) {
			i += 2;
			continue;
		}
		if (m == 0xd8 || m == 0xd9 || m == 0xda)
			return false;		/* no frame before the scan */
		len = be16(p + i + 2);
		if (len < 2 || i + 2 + len > n)
			return false;
		/* SOF0-15 but DHT (C4), JPG (C8) and DAC (CC). */
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			if (len < 8)
				return false;
			hd->height = be16(p + i + 5);
			hd->width = be16(p + i + 7);
			nc = p[i + 9];
			if (nc < 1 || nc > IMG_MAX_COMPONENTS ||
			    len < 8 + 3 * (size_t)nc)
				return false;
			hd->channels = nc;
			hd->sample_bytes = 1;
			/* SOF2, 6, 10, 14: progressive. */
			hd->progressive = (m & 0x03) == 0x02;
			for (c = 0; c < nc; c++) {
				hd->h[c] = p[i + 11 + 3 * c] >> 4;
				hd->v[c] = p[i + 11 + 3 * c] & 0x0f;
				if (hd->h[c] < 1 || hd->h[c] > 4 ||
				    hd->v[c] < 1 || hd->v[c] > 4)
					return false;
			}
			/* A height of 0 is set by a later DNL: not taken. */
			return hd->width > 0 && hd->height > 0;
		}
		i += 2 + len;
	}
	return false;
}

bool
img_header_read(const void *data, size_t n, enum img_type t,
    struct img_header *hd)
{
	const unsigned char	*p = data;

	memset(hd, 0, sizeof(*hd));
	hd->type = t;
	if (t == IMG_PNG)
		return n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0 &&
		    png_header(p, n, hd);
	if (t == IMG_JPEG)
		return n >= 4 && p[0] == 0xff && p[1] == 0xd8 &&
		    jpeg_header(p, n, hd);
	return false;
}

/*
 * A progressive JPEG's coefficients: every 8x8 block of every component,
 * 64 coefficients of 2 bytes, held until the last scan.
 */
static uint64_t
jpeg_coefficients(const struct img_header *hd)
{
	unsigned int	 hmax = 1, vmax = 1, c;
	uint64_t	 cols, rows, total = 0;

	for (c = 0; c < hd->channels; c++) {
		if (hd->h[c] > hmax)
			hmax = hd->h[c];
		if (hd->v[c] > vmax)
			vmax = hd->v[c];
	}
	for (c = 0; c < hd->channels; c++) {
		cols = ((uint64_t)hd->width * hd->h[c] + hmax * 8 - 1) /
		    (hmax * 8);
		rows = ((uint64_t)hd->height * hd->v[c] + vmax * 8 - 1) /
		    (vmax * 8);
		/* libjpeg pads each component to whole MCUs. */
		total += (cols + hd->h[c]) * (rows + hd->v[c]) * 64 * 2;
	}
	return total;
}

uint64_t
img_decode_bytes(const struct img_header *hd, unsigned long want_w,
    unsigned long want_h)
{
	uint64_t	 w = hd->width, h = hd->height, d, dw, dh, m;

	if (hd->channels == 0)
		return 0;
	if (hd->type == IMG_JPEG) {
		/* A JPEG: GraphicsMagick asks libjpeg to scale by d. */
		d = 1;
		if (want_w > 0 && want_h > 0 &&
		    (w > 2 * (uint64_t)want_w || h > 2 * (uint64_t)want_h)) {
			dw = w / want_w;
			dh = h / want_h;
			d = dw < dh ? dw : dh;
			if (d < 1)
				d = 1;
		}
		/* libjpeg-turbo's scale: the least M/8 not below 1/d. */
		m = (8 + d - 1) / d;
		if (m < 1)
			m = 1;
		w = (w * m + 7) / 8;
		h = (h * m + 7) / 8;
		return w * h * CACHE_BYTES + (hd->progressive ?
		    jpeg_coefficients(hd) : 0);
	}
	/* A PNG: libpng's whole image, then the pixel cache beside it. */
	return w * h * (CACHE_BYTES + (uint64_t)hd->channels *
	    hd->sample_bytes);
}

double
img_bytes_per_pixel(const struct img_header *hd)
{
	if (hd->type == IMG_JPEG)	/* unscaled */
		return CACHE_BYTES + (hd->progressive ? 2.0 * hd->channels :
		    0.0);
	return CACHE_BYTES + (double)hd->channels * hd->sample_bytes;
}
