/*
 * Image headers read without a decoder, and the memory a decode will
 * hold: what refuses a decompression bomb before GraphicsMagick sees it.
 */
#include "unit.h"

#include "lib/img-header.h"

/* A PNG signature and IHDR of w x h, depth, colour type; no CRC check. */
static size_t
png(unsigned char *b, uint32_t w, uint32_t h, unsigned depth, unsigned type)
{
	static const unsigned char sig[] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR";

	memset(b, 0, 64);
	memcpy(b, sig, 16);
	b[16] = w >> 24; b[17] = w >> 16; b[18] = w >> 8; b[19] = w;
	b[20] = h >> 24; b[21] = h >> 16; b[22] = h >> 8; b[23] = h;
	b[24] = depth;
	b[25] = type;
	return 45;	/* IHDR's CRC and an IEND after it */
}

static void
test_png(void **state)
{
	unsigned char		 b[64];
	struct img_header	 hd;
	size_t			 n;
	char			*p;

	(void)state;
	n = png(b, 6000, 6000, 8, 0);
	p = dup_exact((char *)b, n);
	assert_true(img_header_read(p, n, IMG_PNG, &hd));
	assert_int_equal(hd.width, 6000);
	assert_int_equal(hd.height, 6000);
	assert_int_equal(hd.channels, 1);
	/* Q16 pixels and libpng's byte per grey sample. */
	assert_true(img_decode_bytes(&hd, 1600, 1600) == 36000000ULL * 9);
	free(p);

	n = png(b, 4000, 4000, 16, 6);
	assert_true(img_header_read(b, n, IMG_PNG, &hd));
	assert_int_equal(hd.channels, 4);
	assert_int_equal(hd.sample_bytes, 2);
	assert_true(img_decode_bytes(&hd, 1600, 1600) == 16000000ULL * 16);
	assert_true(img_bytes_per_pixel(&hd) == 16.0);

	/* 1-bit palette: unpacked to a byte a pixel. */
	n = png(b, 100, 100, 1, 3);
	assert_true(img_header_read(b, n, IMG_PNG, &hd));
	assert_true(img_decode_bytes(&hd, 100, 100) == 10000ULL * 9);

	/* What no PNG says: refused, never guessed. */
	n = png(b, 100, 100, 7, 2);
	assert_false(img_header_read(b, n, IMG_PNG, &hd));
	n = png(b, 100, 100, 8, 5);
	assert_false(img_header_read(b, n, IMG_PNG, &hd));
	n = png(b, 0, 100, 8, 2);
	assert_false(img_header_read(b, n, IMG_PNG, &hd));
	n = png(b, 100, 100, 8, 2);
	assert_false(img_header_read(b, 30, IMG_PNG, &hd));
	b[12] = 'X';
	assert_false(img_header_read(b, n, IMG_PNG, &hd));
	assert_false(img_header_read(b, n, IMG_JPEG, &hd));
}

/* SOI, an APP0 of 16 bytes, fill, then SOFn of w x h and components. */
static size_t
jpeg(unsigned char *b, unsigned sof, unsigned w, unsigned h, unsigned nc,
    const unsigned char *hv)
{
	size_t		 i = 0, c;

	b[i++] = 0xff; b[i++] = 0xd8;
	b[i++] = 0xff; b[i++] = 0xe0; b[i++] = 0; b[i++] = 16;
	memset(b + i, 'J', 14);
	i += 14;
	b[i++] = 0xff;		/* a fill byte */
	b[i++] = 0xff; b[i++] = sof;
	b[i++] = 0; b[i++] = 8 + 3 * nc;
	b[i++] = 8;
	b[i++] = h >> 8; b[i++] = h;
	b[i++] = w >> 8; b[i++] = w;
	b[i++] = nc;
	for (c = 0; c < nc; c++) {
		b[i++] = c + 1;
		b[i++] = hv[c];
		b[i++] = 0;
	}
	return i;
}

static void
test_jpeg(void **state)
{
	static const unsigned char yuv420[] = { 0x22, 0x11, 0x11 };
	static const unsigned char cmyk[] = { 0x11, 0x11, 0x11, 0x11 };
	static const unsigned char bad[] = { 0x50, 0x11, 0x11 };
	unsigned char		 b[128];
	struct img_header	 hd;
	uint64_t		 base, prog;
	size_t			 n;
	char			*p;

	(void)state;
	/* A 40 MP phone photo, baseline: decoded at 1/4 for 1600 px. */
	n = jpeg(b, 0xc0, 7000, 5700, 3, yuv420);
	p = dup_exact((char *)b, n);
	assert_true(img_header_read(p, n, IMG_JPEG, &hd));
	free(p);
	assert_int_equal(hd.width, 7000);
	assert_int_equal(hd.height, 5700);
	assert_false(hd.progressive);
	base = img_decode_bytes(&hd, 1600, 1303);
	assert_true(base == 1750ULL * 1425 * 8);

	/* Progressive: every coefficient of the full image besides. */
	n = jpeg(b, 0xc2, 7000, 5700, 3, yuv420);
	assert_true(img_header_read(b, n, IMG_JPEG, &hd));
	assert_true(hd.progressive);
	prog = img_decode_bytes(&hd, 1600, 1303);
	/* Y: 875 x 713 blocks, Cb and Cr a quarter each, 128 bytes a block. */
	assert_true(prog > base + 120000000ULL && prog < base + 130000000ULL);

	/* CMYK, no subsampling: twice the coefficients again. */
	n = jpeg(b, 0xc2, 7000, 5700, 4, cmyk);
	assert_true(img_header_read(b, n, IMG_JPEG, &hd));
	assert_true(img_decode_bytes(&hd, 1600, 1303) > 300000000ULL);

	/* Small: decoded whole. */
	n = jpeg(b, 0xc0, 1600, 1200, 3, yuv420);
	assert_true(img_header_read(b, n, IMG_JPEG, &hd));
	assert_true(img_decode_bytes(&hd, 1600, 1200) == 1600ULL * 1200 * 8);

	/* Broken: sampling 5, no components, a length past the end. */
	n = jpeg(b, 0xc0, 100, 100, 3, bad);
	assert_false(img_header_read(b, n, IMG_JPEG, &hd));
	n = jpeg(b, 0xc0, 100, 100, 0, yuv420);
	assert_false(img_header_read(b, n, IMG_JPEG, &hd));
	n = jpeg(b, 0xc0, 100, 100, 3, yuv420);
	assert_false(img_header_read(b, n - 1, IMG_JPEG, &hd));
	/* A height of 0 (set by a DNL later) is not taken. */
	n = jpeg(b, 0xc0, 100, 0, 3, yuv420);
	assert_false(img_header_read(b, n, IMG_JPEG, &hd));
	/* A scan before any frame. */
	b[2] = 0xff; b[3] = 0xda;
	assert_false(img_header_read(b, n, IMG_JPEG, &hd));
	assert_false(img_header_read(b, 2, IMG_JPEG, &hd));
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(test_png),
		cmocka_unit_test(test_jpeg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
