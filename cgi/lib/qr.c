#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "qr.h"

#define QUIET	4

Image *
qr_image(const char *s, int scale, ExceptionInfo *ex)
{
	QRcode		*qr;
	unsigned char	*px;
	Image		*img;
	int		 side, x, y, mx, my;

	if ((qr = QRcode_encodeString(s, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) == NULL)
		return NULL;
	side = (qr->width + 2 * QUIET) * scale;
	px = xmalloc((size_t)side * side);
	memset(px, 255, (size_t)side * side);
	for (y = 0; y < qr->width; y++)
		for (x = 0; x < qr->width; x++) {
			if (!(qr->data[y * qr->width + x] & 1))
				continue;
			for (my = 0; my < scale; my++)
				for (mx = 0; mx < scale; mx++)
					px[((y + QUIET) * scale + my) * side +
					    (x + QUIET) * scale + mx] = 0;
		}
	img = ConstituteImage((unsigned long)side, (unsigned long)side, "I",
	    CharPixel, px, ex);
	free(px);
	QRcode_free(qr);
	return img;
}

enum app_err
qr_png(const char *s, int scale, struct buf *out)
{
	ExceptionInfo	 ex;
	ImageInfo	*ii;
	Image		*img;
	void		*blob;
	size_t		 sz = 0;
	enum app_err	 er = APP_EINTERNAL;

	GetExceptionInfo(&ex);
	ii = CloneImageInfo(NULL);
	if ((img = qr_image(s, scale, &ex)) != NULL) {
		/* 1 bit per pixel: a few hundred bytes (stack.md §4). */
		(void)SetImageType(img, BilevelType);
		snprintf(ii->magick, sizeof(ii->magick), "%s", "PNG");
		snprintf(img->magick, sizeof(img->magick), "%s", "PNG");
		if ((blob = ImageToBlob(ii, img, &sz, &ex)) != NULL) {
			buf_append(out, blob, sz);
			MagickFree(blob);
			er = APP_OK;
		}
		DestroyImage(img);
	}
	DestroyImageInfo(ii);
	DestroyExceptionInfo(&ex);
	return er;
}

enum app_err
qr_svg(const char *s, struct buf *out)
{
	QRcode	*qr;
	int	 x, y, side;

	if ((qr = QRcode_encodeString(s, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) == NULL)
		return APP_EINTERNAL;
	side = qr->width + 2 * QUIET;
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path d=\"", side,
	    side, side, side);
	for (y = 0; y < qr->width; y++)
		for (x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				buf_printf(out, "M%d %dh1v1h-1z", x + QUIET,
				    y + QUIET);
	buf_puts(out, "\"/></svg>\n");
	QRcode_free(qr);
	return APP_OK;
}
