/*
 * A printable A4 page at 300 dpi, drawn with GraphicsMagick: the sheets
 * an applicant prints, signs and photographs back (the 核验单, the 承诺书).
 * One page: begin, draw text and rows, add a QR code, emit as PNG or PDF
 * into the response, free.
 */
#ifndef BEIAN_A4_H
#define BEIAN_A4_H

#include <stdbool.h>
#include <stddef.h>

#include <magick/api.h>

#include "app.h"

#define A4_W	2480		/* 210 mm at 300 dpi */
#define A4_H	3508		/* 297 mm */

struct	a4 {
	bool		 live;		/* a4_begin ran: there is ex to free */
	ExceptionInfo	 ex;
	ImageInfo	*ii;
	Image		*page;
	DrawContext	 dc;
};

/*
 * Eight hex digits of a MAC of what ("vf:12:34") keyed with the
 * configuration's secret: a sheet's serial cannot be made up.
 */
void		 a4_mac(const struct conf *, const char *what, char out[9]);
/*
 * A white page with the CJK font set.  a4_free() after, whatever it
 * says; a zeroed struct a4 that never began may be freed too.
 */
enum app_err	 a4_begin(struct a4 *);
/* Text at (x, y) in pixels, size in pixels, colour "#333333" or "black". */
void		 a4_text(struct a4 *, double x, double y, double size,
			const char *colour, const char *s);
/*
 * Text wrapped at per_line characters (not bytes: UTF-8 code points),
 * the lines leading apart; returns the y below the last line.
 */
double		 a4_wrap(struct a4 *, double x, double y, double size,
			double leading, size_t per_line, const char *colour,
			const char *s);
/* A form row: the label, the value, a rule under both. */
void		 a4_row(struct a4 *, double y, const char *label,
			const char *value);
/*
 * Draw what was queued, put a QR code of text at the top right, and
 * encode the page into w (PNG in grey, or PDF) as filename.
 */
enum app_err	 a4_emit(struct a4 *, const char *qrtext, bool pdf,
			struct resp *w, const char *filename);
void		 a4_free(struct a4 *);

#endif
