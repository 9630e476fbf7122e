/*
 * The 网站备案信息真实性核验单 of one website, pre-filled from the order and
 * rendered as a print-ready A4 page at 300 dpi (PNG, or PDF with
 * ?format=pdf): the applicant prints it, signs it in black pen (and seals
 * it, for an organisation), and uploads the scan.  A serial and a QR code
 * tie the sheet to this order and website.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <magick/api.h>
#include <sodium.h>

#include "lib/app.h"
#include "lib/html.h"
#include "lib/log.h"
#include "lib/qr.h"
#include "lib/rules.h"
#include "views.h"

#define A4_W	2480		/* 210 mm at 300 dpi */
#define A4_H	3508		/* 297 mm */
#define FONT	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

struct	vf {
	bool	 found;
	char	 subject[128], icp[64], nature[32], province[8], prov_name[32];
	bool	 personal;
	char	 site[128], domain[256], homepage[512];
	char	 owner[64], id_type[64], id_number[48], mobile[24], email[256];
	char	 sin[48];
};

static enum app_err
vf_row(const struct db_row *row, void *arg)
{
	struct vf	*v = arg;

#define COPY(f, i)	snprintf(v->f, sizeof(v->f), "%s", \
			    db_row_str(row, i) != NULL ? db_row_str(row, i) : "")
	v->found = true;
	COPY(subject, 0);
	COPY(icp, 1);
	COPY(nature, 2);
	v->personal = db_row_int(row, 3) != 0;
	COPY(province, 4);
	COPY(prov_name, 5);
	COPY(site, 6);
	COPY(domain, 7);
	COPY(homepage, 8);
	COPY(owner, 9);
	COPY(id_type, 10);
	COPY(id_number, 11);
	COPY(mobile, 12);
	COPY(email, 13);
	COPY(sin, 14);
#undef COPY
	return APP_OK;
}

static void
text(DrawContext dc, double x, double y, double size, const char *s)
{
	DrawSetFontSize(dc, size);
	DrawAnnotation(dc, x, y, (const unsigned char *)s);
}

/* The serial: order, website and a MAC, so a sheet cannot be forged. */
static void
serial(const struct conf *c, int64_t oid, int64_t wid, char *out, size_t sz)
{
	unsigned char	 mac[crypto_generichash_BYTES_MIN];
	char		 msg[64], hex[2 * sizeof(mac) + 1];

	snprintf(msg, sizeof(msg), "vf:%lld:%lld", (long long)oid,
	    (long long)wid);
	crypto_generichash(mac, sizeof(mac), (const unsigned char *)msg,
	    strlen(msg), (const unsigned char *)c->jwt_secret,
	    c->jwt_secret_len > crypto_generichash_KEYBYTES_MAX ?
	    crypto_generichash_KEYBYTES_MAX : c->jwt_secret_len);
	hex_encode(mac, sizeof(mac), hex);
	snprintf(out, sz, "BA%lld-%lld-%.8s", (long long)oid, (long long)wid,
	    hex);
}

static void
row(DrawContext dc, double y, const char *label, const char *value)
{
	DrawSetFillColorString(dc, "#333333");
	text(dc, 260, y, 46, label);
	DrawSetFillColorString(dc, "black");
	text(dc, 900, y, 50, value);
	DrawSetStrokeColorString(dc, "#999999");
	DrawSetStrokeWidth(dc, 2);
	DrawLine(dc, 240, y + 40, A4_W - 240, y + 40);
	DrawSetStrokeWidth(dc, 0);
	DrawSetStrokeColorString(dc, "none");
}

enum app_err
verification_form(struct req *r, struct resp *w)
{
	struct db_arg		 a[3] = { DB_I(r->ids[1]), DB_I(r->ids[0]),
	    DB_I(r->user.id) };
	const char		*fmt = kv_get(&r->query, "format");
	bool			 pdf = fmt != NULL && strcmp(fmt, "pdf") == 0;
	struct prov_rules	 pr = { NULL };
	struct vf		 v;
	ExceptionInfo		 ex;
	ImageInfo		*ii = NULL;
	Image			*page = NULL, *qr = NULL;
	DrawContext		 dc = NULL;
	char			 ser[64], qrtext[128], date[64], line[600];
	double			 y;
	time_t			 now = (time_t)r->now + 8 * 3600;
	struct tm		 tm;
	void			*blob;
	size_t			 sz = 0;
	enum app_err		 er = APP_EINTERNAL;

	memset(&v, 0, sizeof(v));
	GetExceptionInfo(&ex);
	if ((er = db_query(r->db, STMT_VERIFICATION_FORM, a, 3, vf_row, &v)) !=
	    APP_OK)
		goto out;
	if (!v.found) {
		er = APP_ENOTFOUND;
		goto out;
	}
	if ((er = prov_rules_load(r->db, v.province, v.personal, &pr)) != APP_OK)
		goto out;
	er = APP_EINTERNAL;
	gmtime_r(&now, &tm);
	snprintf(date, sizeof(date), "%d 年 %d 月 %d 日", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
	serial(r->conf, r->ids[0], r->ids[1], ser, sizeof(ser));

	ii = CloneImageInfo(NULL);
	CloneString(&ii->size, "2480x3508");
	snprintf(ii->filename, sizeof(ii->filename), "%s", "XC:white");
	if ((page = ReadImage(ii, &ex)) == NULL)
		goto out;
	page->x_resolution = page->y_resolution = 300;
	page->units = PixelsPerInchResolution;
	if ((dc = DrawAllocateContext(NULL, page)) == NULL)
		goto out;
	DrawSetFont(dc, FONT);
	DrawSetTextEncoding(dc, "UTF-8");
	DrawSetFillColorString(dc, "black");
	text(dc, 560, 330, 96, "网站备案信息真实性核验单");
	DrawSetFillColorString(dc, "#555555");
	snprintf(line, sizeof(line), "编号：%s", ser);
	text(dc, 260, 470, 40, line);
	snprintf(line, sizeof(line), "备案服务号：%s", v.sin);
	text(dc, 260, 530, 40, line);
	y = 700;
	row(dc, y, "主办单位名称", v.subject);
	row(dc, y += 130, "主体备案号", v.icp);
	row(dc, y += 130, "网站名称", v.site);
	/* The domain as filed: without www (domain.md §12). */
	row(dc, y += 130, "网站域名", v.domain);
	row(dc, y += 130, "网站首页网址", v.homepage);
	row(dc, y += 130, "网站负责人", v.owner);
	snprintf(line, sizeof(line), "%s  %s", v.id_type, v.id_number);
	row(dc, y += 130, "证件类型及号码", line);
	row(dc, y += 130, "手机号码", v.mobile);
	row(dc, y += 130, "电子邮箱", v.email);
	row(dc, y += 130, "所在省份", v.prov_name);

	DrawSetFillColorString(dc, "black");
	y += 220;
	text(dc, 260, y, 46, "本人承诺：以上填写的网站备案信息真实有效，如有虚假，愿意承担由此产生的一切后果。");
	y += 240;
	text(dc, 260, y, 50, "网站负责人签字：________________");
	text(dc, 1500, y, 50, "日期：____________");
	if (!v.personal) {
		y += 220;
		text(dc, 260, y, 50, "单位公章：");
	}
	y += 260;
	DrawSetFillColorString(dc, "#555555");
	text(dc, 260, y, 40, "填写说明：");
	text(dc, 260, y += 70, 40, "1. 请用黑色签字笔填写和签字，字迹工整；不得涂改。");
	text(dc, 260, y += 60, 40, v.personal ?
	    "2. 个人备案由网站负责人本人签字。" :
	    "2. 单位备案须由网站负责人签字，并在签字处加盖单位公章。");
	if (prov_rule_value(&pr, "verification_fingerprint", 0) != 0) {
		text(dc, 260, y += 60, 40, prov_rule_message(&pr,
		    "verification_fingerprint"));
	}
	text(dc, 260, y += 60, 40, "3. 签字后请完整拍摄或扫描整页，在“上传资料”中上传。");
	snprintf(line, sizeof(line), "生成日期：%s", date);
	text(dc, 260, A4_H - 200, 36, line);
	if (DrawRender(dc) == MagickFail)
		goto out;

	snprintf(qrtext, sizeof(qrtext), "beian:verification-form:%s", ser);
	if ((qr = qr_image(qrtext, 8, &ex)) == NULL)
		goto out;
	CompositeImage(page, OverCompositeOp, qr, A4_W - 240 - (long)qr->columns,
	    400);

	ii->quality = 90;
	snprintf(ii->magick, sizeof(ii->magick), "%s", pdf ? "PDF" : "PNG");
	snprintf(page->magick, sizeof(page->magick), "%s", pdf ? "PDF" : "PNG");
	/* A sheet of text: 16 grey levels are plenty and keep it small. */
	if (!pdf)
		(void)SetImageType(page, GrayscaleType);
	if ((blob = ImageToBlob(ii, page, &sz, &ex)) == NULL)
		goto out;
	buf_append(&w->raw, blob, sz);
	MagickFree(blob);
	w->status = 200;
	w->ctype = pdf ? "application/pdf" : "image/png";
	w->cache = "private, no-cache";
	resp_header(w, "Content-Disposition: inline; filename=\"hyd-%s.%s\"", ser,
	    pdf ? "pdf" : "png");
	er = APP_OK;
out:
	if (er == APP_EINTERNAL && ex.severity != UndefinedException)
		applog(LOG_ERR, "verification form: %s %s",
		    ex.reason != NULL ? ex.reason : "-",
		    ex.description != NULL ? ex.description : "");
	if (dc != NULL)
		DrawDestroyContext(dc);
	if (qr != NULL)
		DestroyImage(qr);
	if (page != NULL)
		DestroyImage(page);
	if (ii != NULL)
		DestroyImageInfo(ii);
	DestroyExceptionInfo(&ex);
	prov_rules_free(&pr);
	return er;
}
