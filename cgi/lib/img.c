#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <magick/api.h>

#include "img-header.h"
#include "img.h"
#include "log.h"
#include "util.h"

#define THUMB_SIDE	320
/*
 * A PNG this many pixels a byte and over PNG_BLANK_MIN pixels is all one
 * colour: a decompression bomb, or a page with nothing on it.
 */
#define PNG_BLANK_RATIO	500
#define PNG_BLANK_MIN	4000000
#define TOO_BIG		"图片的像素尺寸过大，超出允许的范围。请用手机或扫描仪重新拍摄，" \
			"分辨率不超过 4000 万像素。"
#define TOO_HEAVY	"处理这张图片需要的内存超出了系统允许的范围。请缩小尺寸，" \
			"或另存为普通 JPG 后上传。"

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

static uint32_t
crc32_png(const unsigned char *p, size_t n)
{
	static uint32_t	 table[256];
	static bool	 ready;
	uint32_t	 c;
	size_t		 i, k;

	if (!ready) {
		for (i = 0; i < 256; i++) {
			c = (uint32_t)i;
			for (k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
		ready = true;
	}
	c = 0xffffffffu;
	for (i = 0; i < n; i++)
		c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

bool
img_png_intact(const void *data, size_t sz)
{
	const unsigned char	*p = data, *end = p + sz;
	unsigned long		 len;
	bool			 first = true;

	if (sz < 8 || memcmp(p, "\x89PNG\r\n\x1a\n", 8) != 0)
		return false;
	p += 8;
	/* Every chunk whole and with its CRC; IHDR first, IEND last. */
	while (end - p >= 12) {
		len = be32(p);
		if (len > (unsigned long)(end - p) - 12)
			return false;
		if (first && memcmp(p + 4, "IHDR", 4) != 0)
			return false;
		first = false;
		if (crc32_png(p + 4, len + 4) != be32(p + 8 + len))
			return false;
		if (memcmp(p + 4, "IEND", 4) == 0)
			return true;
		p += 12 + len;
	}
	return false;
}

/* Over the process's limits (img_init)? */
static bool
too_big(unsigned long w, unsigned long h)
{
	return (double)w * h > (double)GetMagickResourceLimit(PixelsResource) ||
	    w > (unsigned long)GetMagickResourceLimit(WidthResource) ||
	    h > (unsigned long)GetMagickResourceLimit(HeightResource);
}

/* Does p[0..n) contain s?  (The upload is not NUL-terminated.) */
static bool
has(const unsigned char *p, size_t n, const char *s)
{
	size_t	 sl = strlen(s), i;

	for (i = 0; i + sl <= n; i++)
		if (memcmp(p + i, s, sl) == 0)
			return true;
	return false;
}

enum img_type
img_sniff(const void *p, size_t n, const char **what)
{
	const unsigned char	*b = p;

	*what = NULL;
	if (n >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff)
		return IMG_JPEG;
	if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
		return IMG_PNG;
	if (n == 0)
		*what = "空文件";
	else if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
		*what = "PDF 文档";
	else if (n >= 2 && memcmp(b, "%!", 2) == 0)
		*what = "PostScript 文档";
	else if (n >= 6 && (memcmp(b, "GIF87a", 6) == 0 ||
	    memcmp(b, "GIF89a", 6) == 0))
		*what = "GIF 图片";
	else if (n >= 14 && memcmp(b, "id=ImageMagick", 14) == 0)
		*what = "MIFF 图片";
	else if (n >= 12 && memcmp(b, "RIFF", 4) == 0 &&
	    memcmp(b + 8, "WEBP", 4) == 0)
		*what = "WebP 图片";
	else if (n >= 12 && memcmp(b + 4, "ftyp", 4) == 0)
		*what = "HEIC/HEIF 图片";
	else if (n >= 2 && memcmp(b, "BM", 2) == 0)
		*what = "BMP 图片";
	else if (n >= 4 && (memcmp(b, "II*\0", 4) == 0 ||
	    memcmp(b, "MM\0*", 4) == 0))
		*what = "TIFF 图片";
	else if (has(b, n < 512 ? n : 512, "<svg") ||
	    has(b, n < 512 ? n : 512, "<?xml"))
		*what = "SVG/XML 文档";
	else
		*what = "未知格式的文件";
	return IMG_UNKNOWN;
}

static int64_t	decode_budget;	/* bytes; img_init */

void
img_init(const struct img_limits *l)
{
	InitializeMagick(NULL);
	/* A decompression bomb must fail at the header, not in the swap. */
	SetMagickResourceLimit(WidthResource, l->max_width);
	SetMagickResourceLimit(HeightResource, l->max_height);
	SetMagickResourceLimit(PixelsResource, l->max_pixels);
	/*
	 * GraphicsMagick's own memory limit is a backstop, not the budget:
	 * it also caps libjpeg's working memory in a way of its own, which
	 * refuses a 40 MP progressive JPEG well inside what it really uses.
	 * The budget is checked from the header (img-header.h).
	 */
	SetMagickResourceLimit(MemoryResource, l->memory_mb * 1024 * 1024);
	SetMagickResourceLimit(MapResource, l->memory_mb * 1024 * 1024);
	SetMagickResourceLimit(DiskResource, 0);
	SetMagickResourceLimit(ThreadsResource, 1);
	decode_budget = l->decode_mb * 1024 * 1024;
}

static void
reason(struct img_out *o, const ExceptionInfo *ex, const char *dflt)
{
	const char	*r = ex->reason != NULL ? ex->reason : "";

	/* Only a pixel, width or height limit is what TOO_BIG says. */
	if (strstr(r, "pixel") != NULL)
		snprintf(o->error, sizeof(o->error), "%s", TOO_BIG);
	else if (strstr(r, "limit") != NULL || strstr(r, "Limit") != NULL ||
	    strstr(r, "Backing store") != NULL || strstr(r, "Memory") != NULL ||
	    ex->severity == ResourceLimitError)
		snprintf(o->error, sizeof(o->error), "%s", TOO_HEAVY);
	else
		snprintf(o->error, sizeof(o->error), "%s", dflt);
	applog(LOG_INFO, "img: %s %s", ex->reason != NULL ? ex->reason : "-",
	    ex->description != NULL ? ex->description : "");
}

/* Fit w x h within side, keeping the aspect; never enlarge. */
static void
fit(unsigned long w, unsigned long h, unsigned long side, unsigned long *nw,
    unsigned long *nh)
{
	if (w <= side && h <= side) {
		*nw = w;
		*nh = h;
	} else if (w >= h) {
		*nw = side;
		*nh = (unsigned long)((double)h * side / w + 0.5);
	} else {
		*nh = side;
		*nw = (unsigned long)((double)w * side / h + 0.5);
	}
	if (*nw == 0)
		*nw = 1;
	if (*nh == 0)
		*nh = 1;
}

static unsigned char *
encode(Image *img, int quality, size_t *sz, ExceptionInfo *ex)
{
	ImageInfo	*ii = CloneImageInfo(NULL);
	void		*blob;
	unsigned char	*out = NULL;

	ii->quality = (unsigned long)quality;
	snprintf(ii->magick, sizeof(ii->magick), "%s", "JPEG");
	snprintf(img->magick, sizeof(img->magick), "%s", "JPEG");
	blob = ImageToBlob(ii, img, sz, ex);
	if (blob != NULL) {
		out = xmalloc(*sz);
		memcpy(out, blob, *sz);
		MagickFree(blob);
	}
	DestroyImageInfo(ii);
	return out;
}

/*
 * img composited over an opaque white canvas of its size; img is
 * consumed.  NULL (img freed) on failure.
 */
static Image *
on_white(Image *img, ExceptionInfo *ex)
{
	static const PixelPacket white = { .red = MaxRGB, .green = MaxRGB,
	    .blue = MaxRGB, .opacity = OpaqueOpacity };
	Image	*canvas;

	/* With a size, CloneImage copies the attributes, not the pixels. */
	canvas = CloneImage(img, img->columns, img->rows, 1, ex);
	if (canvas == NULL) {
		DestroyImage(img);
		return NULL;
	}
	canvas->matte = 0;
	if (SetImageColor(canvas, &white) != MagickPass ||
	    CompositeImage(canvas, OverCompositeOp, img, 0, 0) != MagickPass) {
		DestroyImage(canvas);
		DestroyImage(img);
		return NULL;
	}
	DestroyImage(img);
	canvas->matte = 0;
	return canvas;
}

/* Near white: light and grey (a white wall in shade still counts). */
static bool
near_white(const unsigned char *p)
{
	int	 lo = p[0], hi = p[0], i;

	for (i = 1; i < 3; i++) {
		lo = p[i] < lo ? p[i] : lo;
		hi = p[i] > hi ? p[i] : hi;
	}
	return lo >= 180 && hi - lo <= 40;
}

/* Near a curtain's blue: blue clearly over red, and over green. */
static bool
near_blue(const unsigned char *p)
{
	return p[2] >= 90 && p[2] - p[0] >= 50 && p[2] - p[1] >= 15;
}

/* The backdrop: the border of the thumbnail, but its bottom. */
static void
border(Image *t, struct img_out *o, ExceptionInfo *ex)
{
	unsigned long	 w = t->columns, h = t->rows, x, y, bx, by;
	unsigned char	*rgb, *p;
	size_t		 n = 0, white = 0, blue = 0;

	if (w < 8 || h < 8)
		return;
	rgb = xmalloc((size_t)w * h * 3);
	if (DispatchImage(t, 0, 0, w, h, "RGB", CharPixel, rgb, ex) !=
	    MagickPass) {
		free(rgb);
		return;
	}
	bx = w / 8;
	by = h / 8;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			if (x >= bx && x < w - bx && y >= by)
				continue;
			p = rgb + ((size_t)y * w + x) * 3;
			n++;
			white += near_white(p);
			blue += near_blue(p);
		}
	o->border_white = 100.0 * (double)white / (double)n;
	o->border_blue = 100.0 * (double)blue / (double)n;
	free(rgb);
}

/* Brightness and a Laplacian-variance sharpness of the thumbnail. */
static void
measure(Image *t, struct img_out *o, ExceptionInfo *ex)
{
	unsigned long	 w = t->columns, h = t->rows, x, y;
	unsigned char	*g;
	double		 sum = 0, lsum = 0, lsq = 0, l;
	size_t		 n = 0;

	g = xmalloc((size_t)w * h);
	if (DispatchImage(t, 0, 0, w, h, "I", CharPixel, g, ex) != MagickPass) {
		free(g);
		return;
	}
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			sum += g[y * w + x];
	for (y = 1; y + 1 < h; y++)
		for (x = 1; x + 1 < w; x++) {
			l = 4.0 * g[y * w + x] - g[(y - 1) * w + x] -
			    g[(y + 1) * w + x] - g[y * w + x - 1] -
			    g[y * w + x + 1];
			lsum += l;
			lsq += l * l;
			n++;
		}
	o->brightness = sum / ((double)w * h);
	o->sharpness = n > 0 ? lsq / n - (lsum / n) * (lsum / n) : 0;
	free(g);
	border(t, o, ex);
}

/*
 * Refuse from the header what would take more memory to decode than the
 * budget, or is a bomb: a large PNG that compresses like nothing.  The
 * message says what is wrong with this image and what to do instead.
 */
static bool
header_refuses(const void *data, size_t sz, enum img_type type,
    unsigned long max_side, struct img_out *o)
{
	struct img_header	 hd;
	unsigned long		 nw, nh;
	uint64_t		 px;
	double			 mp;

	if (!img_header_read(data, sz, type, &hd))
		return false;	/* the decoder says what is wrong */
	if (too_big(hd.width, hd.height)) {
		snprintf(o->error, sizeof(o->error), "%s", TOO_BIG);
		return true;
	}
	px = (uint64_t)hd.width * hd.height;
	if (type == IMG_PNG && px > PNG_BLANK_MIN &&
	    px / (sz > 0 ? sz : 1) > PNG_BLANK_RATIO) {
		snprintf(o->error, sizeof(o->error), "这张 PNG 图片声明了 "
		    "%" PRIu32 "×%" PRIu32 " 像素，内容却几乎是空白的，不能作为"
		    "材料。请重新拍摄或扫描后上传。", hd.width, hd.height);
		return true;
	}
	fit(hd.width, hd.height, max_side, &nw, &nh);
	if (decode_budget <= 0 ||
	    img_decode_bytes(&hd, nw, nh) <= (uint64_t)decode_budget)
		return false;
	/* In 万 (10^4) pixels, as Chinese phone specs say it. */
	mp = (double)decode_budget / img_bytes_per_pixel(&hd) / 10000.0;
	snprintf(o->error, sizeof(o->error), "这张%s图片有 %" PRIu32 "×%"
	    PRIu32 " 像素%s，处理它需要的内存超出了系统允许的范围。请缩小到"
	    "约 %.0f 万像素以内，或%s后上传。",
	    type == IMG_PNG ? " PNG " : " JPG ", hd.width, hd.height,
	    hd.progressive ? "且为渐进式编码" : "", mp,
	    type == IMG_PNG ? "另存为 JPG " : "另存为普通（非渐进式）JPG ");
	return true;
}

enum app_err
img_normalise(const void *data, size_t sz, enum img_type type,
    unsigned long max_side, int quality, size_t byte_cap, struct img_out *o)
{
	ExceptionInfo	 ex;
	ImageInfo	*ii = NULL;
	Image		*img = NULL, *t = NULL, *th = NULL;
	unsigned long	 w, h, nw, nh;
	OrientationType	 orient;
	bool		 quarter;
	char		 hint[64];
	enum app_err	 er = APP_EINVAL;

	memset(o, 0, sizeof(*o));
	GetExceptionInfo(&ex);
	ii = CloneImageInfo(NULL);
	/* The coder is the one the bytes were sniffed as, never guessed. */
	snprintf(ii->filename, sizeof(ii->filename), "%s",
	    type == IMG_JPEG ? "JPEG:upload" : "PNG:upload");
	snprintf(ii->magick, sizeof(ii->magick), "%s",
	    type == IMG_JPEG ? "JPEG" : "PNG");
	ii->affirm = 1;

	/* GM decodes a PNG with a broken chunk CRC without a word. */
	if (type == IMG_PNG && !img_png_intact(data, sz)) {
		snprintf(o->error, sizeof(o->error), "%s", "PNG 图片已损坏（数据校验不通过），"
		    "请重新导出或重新拍摄后上传。");
		goto out;
	}
	/*
	 * The header first: a bomb is refused before a pixel is decoded;
	 * libpng itself would refuse an oversized PNG only as "invalid
	 * IHDR", which helps nobody.
	 */
	if (header_refuses(data, sz, type, max_side, o))
		goto out;
	if ((img = PingBlob(ii, data, sz, &ex)) == NULL) {
		reason(o, &ex, "图片文件已损坏或不完整，无法读取。请重新拍摄或扫描后上传。");
		goto out;
	}
	w = img->columns;
	h = img->rows;
	DestroyImage(img);
	img = NULL;
	if (too_big(w, h)) {
		snprintf(o->error, sizeof(o->error), "%s", TOO_BIG);
		goto out;
	}
	/*
	 * A JPEG much larger than the output decodes at a reduced DCT
	 * scale: libjpeg's 1/2, 1/4, 1/8 are chosen from this hint.
	 */
	fit(w, h, max_side, &nw, &nh);
	if (type == IMG_JPEG && (w > 2 * nw || h > 2 * nh)) {
		snprintf(hint, sizeof(hint), "%lux%lu", nw, nh);
		CloneString(&ii->size, hint);
	}
	/*
	 * libjpeg and libpng only warn about a truncated file or a bad CRC
	 * and hand back grey or garbage: for a document that is a refusal.
	 */
	if ((img = BlobToImage(ii, data, sz, &ex)) == NULL ||
	    ex.severity >= ErrorException || ex.severity == CorruptImageWarning) {
		reason(o, &ex, "图片文件已损坏或不完整，无法读取。请重新拍摄或扫描后上传。");
		goto out;
	}
	/*
	 * One image of the full size at a time: the turning and the white
	 * paper come after the shrinking, each a copy of the small one.
	 * The size as uploaded, upright: EXIF 5-8 turn it a quarter.
	 */
	orient = img->orientation;
	quarter = orient >= LeftTopOrientation &&
	    orient <= LeftBottomOrientation;
	o->src_width = quarter ? h : w;
	o->src_height = quarter ? w : h;
	/* A CMYK scan: bureaus and most viewers expect RGB. */
	if (img->colorspace == CMYKColorspace &&
	    TransformColorspace(img, RGBColorspace) != MagickPass) {
		snprintf(o->error, sizeof(o->error), "%s", "无法转换这张图片的颜色"
		    "（CMYK），请另存为普通 JPG 或 PNG 后上传。");
		goto out;
	}
	/* EXIF (GPS, device), ICC, comments: nothing of it leaves here. */
	(void)StripImage(img);
	/* The sides fit one square: shrinking before turning is the same. */
	fit(img->columns, img->rows, max_side, &nw, &nh);
	if (nw != img->columns || nh != img->rows) {
		if ((t = ThumbnailImage(img, nw, nh, &ex)) == NULL) {
			reason(o, &ex, "图片缩放失败，请重新上传。");
			goto out;
		}
		DestroyImage(img);
		img = t;
		t = NULL;
	}
	if (orient > TopLeftOrientation) {
		if ((t = AutoOrientImage(img, orient, &ex)) == NULL) {
			reason(o, &ex, "无法处理这张图片的方向信息，请重新拍摄后上传。");
			goto out;
		}
		DestroyImage(img);
		img = t;
		t = NULL;
	}
	/*
	 * Transparency: a JPEG has none, and a transparent area would come
	 * out black and hide the document.  Flattened onto white paper.
	 */
	if (img->matte && (img = on_white(img, &ex)) == NULL) {
		reason(o, &ex, "图片处理失败（透明背景），请另存为 JPG 后上传。");
		goto out;
	}
	o->width = img->columns;
	o->height = img->rows;
	for (; quality >= 40; quality -= 10) {
		free(o->jpeg);
		if ((o->jpeg = encode(img, quality, &o->jpegsz, &ex)) == NULL) {
			reason(o, &ex, "图片编码失败，请重新上传。");
			goto out;
		}
		if (o->jpegsz <= byte_cap)
			break;
	}
	if (o->jpegsz > byte_cap) {
		snprintf(o->error, sizeof(o->error), "%s", "图片压缩后仍然过大，"
		    "请裁掉无关部分后重新上传。");
		goto out;
	}
	fit(img->columns, img->rows, THUMB_SIDE, &nw, &nh);
	if ((th = ThumbnailImage(img, nw, nh, &ex)) == NULL ||
	    (o->thumb = encode(th, 75, &o->thumbsz, &ex)) == NULL) {
		reason(o, &ex, "缩略图生成失败，请重新上传。");
		goto out;
	}
	measure(th, o, &ex);
	er = APP_OK;
out:
	if (er != APP_OK) {
		free(o->jpeg);
		free(o->thumb);
		o->jpeg = o->thumb = NULL;
	}
	if (th != NULL)
		DestroyImage(th);
	if (t != NULL)
		DestroyImage(t);
	if (img != NULL)
		DestroyImage(img);
	DestroyImageInfo(ii);
	DestroyExceptionInfo(&ex);
	return er;
}

void
img_out_free(struct img_out *o)
{
	if (o == NULL)
		return;
	free(o->jpeg);
	free(o->thumb);
	o->jpeg = o->thumb = NULL;
}
