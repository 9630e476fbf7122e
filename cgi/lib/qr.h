/*
 * QR codes (libqrencode, error correction M, quiet zone of 4 modules) as
 * a GraphicsMagick image, a 1-bit PNG, or SVG text.  Only for text the
 * server built itself (validated ids, its own URLs).
 */
#ifndef BEIAN_QR_H
#define BEIAN_QR_H

#include <magick/api.h>

#include "err.h"
#include "util.h"

/* scale pixels per module; NULL on failure (ex says why). */
Image		*qr_image(const char *, int scale, ExceptionInfo *);
enum app_err	 qr_png(const char *, int scale, struct buf *);
enum app_err	 qr_svg(const char *, struct buf *);

#endif
