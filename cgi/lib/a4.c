/*
 * Printable A4 pages (see a4.h).
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "a4.h"
#include "log.h"
#include "qr.h"

#define FONT	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

/* What GraphicsMagick said, once, when a page could not be made. */
static enum app_err
fail(struct a4 *a, const char *what)
{
	applog(LOG_ERR, "printable page: %s: %s %s", what,
	    a->ex.reason != NULL ? a->ex.reason : "-",
	    a->ex.description != NULL ? a->ex.description : "");
	return APP_EINTERNAL;
}

void
a4_mac(const struct conf *c, const char *what, char out[9])
{
	unsigned char	 mac[crypto_generichash_BYTES_MIN];
	char		 hex[2 * sizeof(mac) + 1];

	crypto_generichash(mac, sizeof(mac), (const unsigned char *)what,
	    strlen(what), (const unsigned char *)c->jwt_secret,
	    c->jwt_secret_len > crypto_generichash_KEYBYTES_MAX ?
	    crypto_generichash_KEYBYTES_MAX : c->jwt_secret_len);
	hex_encode(mac, sizeof(mac), hex);
	memcpy(out, hex, 8);
	out[8] = '\0';
}

enum app_err
a4_begin(struct a4 *a)
{
	char	 size[32];

	memset(a, 0, sizeof(*a));
	GetExceptionInfo(&a->ex);
	a->live = true;
	a->ii = CloneImageInfo(NULL);
	snprintf(size, sizeof(size), "%dx%d", A4_W, A4_H);
	CloneString(&a->ii->size, size);
	snprintf(a->ii->filename, sizeof(a->ii->filename), "%s", "XC:white");
	if ((a->page = ReadImage(a->ii, &a->ex)) == NULL)
		return fail(a, "blank page");
	a->page->x_resolution = a->page->y_resolution = 300;
	a->page->units = PixelsPerInchResolution;
	if ((a->dc = DrawAllocateContext(NULL, a->page)) == NULL)
		return fail(a, "drawing context");
	DrawSetFont(a->dc, FONT);
	DrawSetTextEncoding(a->dc, "UTF-8");
	DrawSetFillColorString(a->dc, "black");
	return APP_OK;
}

void
a4_text(struct a4 *a, double x, double y, double size, const char *colour,
    const char *s)
{
	DrawSetFillColorString(a->dc, colour);
	DrawSetFontSize(a->dc, size);
	DrawAnnotation(a->dc, x, y, (const unsigned char *)s);
}

/* Bytes of the UTF-8 sequence at p (1 for a stray byte). */
static size_t
cp_len(const char *p)
{
	size_t	 n = 1;

	while (p[n] != '\0' && ((unsigned char)p[n] & 0xc0) == 0x80)
		n++;
	return n;
}

/* Punctuation that may not begin a line (Chinese line-breaking rules). */
static bool
no_line_start(const char *p)
{
	static const char *const marks[] = {
		"，", "。", "；", "：", "、", "）", "》", "”", "’", "！", "？",
		",", ".", ";", ":", ")", "!", "?"
	};
	size_t	 i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strncmp(p, marks[i], strlen(marks[i])) == 0)
			return true;
	return false;
}

static bool
latin(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

double
a4_wrap(struct a4 *a, double x, double y, double size, double leading,
    size_t per_line, const char *colour, const char *s)
{
	static const char *const opening[] = { "（", "《", "“" };
	char		 line[1024];
	size_t		 n, chars, k;
	const char	*p = s;

	while (*p != '\0') {
		for (n = 0, chars = 0; p[n] != '\0' && chars < per_line;
		    chars++) {
			if (n + cp_len(p + n) >= sizeof(line))
				break;
			n += cp_len(p + n);
		}
		/* A word of Latin letters (a domain) is not cut... */
		if (p[n] != '\0' && n > 0 && latin(p[n]) && latin(p[n - 1])) {
			for (k = n; k > 0 && latin(p[k - 1]); k--)
				;
			if (k > 0)
				n = k;
		}
		/* ... a line ends with no opening bracket ... */
		for (k = 0; k < sizeof(opening) / sizeof(opening[0]) && n > 3;
		    k++)
			if (strncmp(p + n - 3, opening[k], 3) == 0) {
				n -= 3;
				break;
			}
		/* ... and does not begin with a comma or full stop. */
		while (p[n] != '\0' && no_line_start(p + n) &&
		    n + cp_len(p + n) < sizeof(line))
			n += cp_len(p + n);
		memcpy(line, p, n);
		line[n] = '\0';
		a4_text(a, x, y, size, colour, line);
		y += leading;
		p += n;
	}
	return y;
}

void
a4_row(struct a4 *a, double y, const char *label, const char *value)
{
	a4_text(a, 260, y, 46, "#333333", label);
	a4_text(a, 900, y, 50, "black", value);
	DrawSetStrokeColorString(a->dc, "#999999");
	DrawSetStrokeWidth(a->dc, 2);
	DrawLine(a->dc, 240, y + 40, A4_W - 240, y + 40);
	DrawSetStrokeWidth(a->dc, 0);
	DrawSetStrokeColorString(a->dc, "none");
}

enum app_err
a4_emit(struct a4 *a, const char *qrtext, bool pdf, struct resp *w,
    const char *filename)
{
	Image	*qr;
	void	*blob;
	size_t	 sz = 0;

	if (DrawRender(a->dc) == MagickFail)
		return fail(a, "text");
	if ((qr = qr_image(qrtext, 8, &a->ex)) == NULL)
		return fail(a, "QR code");
	CompositeImage(a->page, OverCompositeOp, qr,
	    A4_W - 240 - (long)qr->columns, 400);
	DestroyImage(qr);
	a->ii->quality = 90;
	snprintf(a->ii->magick, sizeof(a->ii->magick), "%s",
	    pdf ? "PDF" : "PNG");
	snprintf(a->page->magick, sizeof(a->page->magick), "%s",
	    pdf ? "PDF" : "PNG");
	/* A sheet of text: 16 grey levels are plenty and keep it small. */
	if (!pdf)
		(void)SetImageType(a->page, GrayscaleType);
	if ((blob = ImageToBlob(a->ii, a->page, &sz, &a->ex)) == NULL)
		return fail(a, pdf ? "PDF" : "PNG");
	buf_append(&w->raw, blob, sz);
	MagickFree(blob);
	w->status = 200;
	w->ctype = pdf ? "application/pdf" : "image/png";
	w->cache = "private, no-cache";
	resp_header(w, "Content-Disposition: inline; filename=\"%s.%s\"",
	    filename, pdf ? "pdf" : "png");
	return APP_OK;
}

void
a4_free(struct a4 *a)
{
	if (a == NULL || !a->live)
		return;
	if (a->dc != NULL)
		DrawDestroyContext(a->dc);
	if (a->page != NULL)
		DestroyImage(a->page);
	if (a->ii != NULL)
		DestroyImageInfo(a->ii);
	DestroyExceptionInfo(&a->ex);
	memset(a, 0, sizeof(*a));
}
