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

#include "lib/a4.h"
#include "lib/app.h"
#include "lib/html.h"
#include "lib/log.h"
#include "lib/rules.h"
#include "views.h"

/* What the sheet says: heap copies, so no value is cut to a buffer. */
struct	vf {
	bool	 found;
	bool	 personal;
	char	*subject, *icp, *province, *prov_name;
	char	*site, *domain, *homepage;
	char	*owner, *id_type, *id_number, *mobile, *email;
	char	*sin;
};

static void
vf_free(struct vf *v)
{
	free(v->subject);
	free(v->icp);
	free(v->province);
	free(v->prov_name);
	free(v->site);
	free(v->domain);
	free(v->homepage);
	free(v->owner);
	free(v->id_type);
	free(v->id_number);
	free(v->mobile);
	free(v->email);
	free(v->sin);
	memset(v, 0, sizeof(*v));
}

static enum app_err
vf_row(const struct db_row *row, void *arg)
{
	struct vf	*v = arg;

	vf_free(v);
#define COPY(f, col)	v->f = xstrdup(db_row_str(row, \
			    COL_VERIFICATION_FORM_##col) != NULL ? \
			    db_row_str(row, COL_VERIFICATION_FORM_##col) : "")
	v->found = true;
	COPY(subject, SUBJECT_NAME);
	COPY(icp, ICP_NUMBER);
	v->personal = db_row_int(row, COL_VERIFICATION_FORM_PERSONAL) != 0;
	COPY(province, PROVINCE);
	COPY(prov_name, PROVINCE_NAME);
	COPY(site, SITE_NAME);
	COPY(domain, DOMAIN);
	COPY(homepage, HOMEPAGE_URL);
	COPY(owner, OWNER_NAME);
	COPY(id_type, ID_TYPE_NAME);
	COPY(id_number, OWNER_ID_NUMBER);
	COPY(mobile, OWNER_MOBILE);
	COPY(email, OWNER_EMAIL);
	COPY(sin, NUMBER);
#undef COPY
	return APP_OK;
}

/* The serial: order, website and a MAC, so a sheet cannot be forged. */
static void
serial(const struct conf *c, int64_t oid, int64_t wid, char *out, size_t sz)
{
	char	 msg[64], mac[9];

	snprintf(msg, sizeof(msg), "vf:%lld:%lld", (long long)oid,
	    (long long)wid);
	a4_mac(c, msg, mac);
	snprintf(out, sz, "BA%lld-%lld-%s", (long long)oid, (long long)wid,
	    mac);
}

enum app_err
verification_form(struct req *r, struct resp *w)
{
	struct db_arg		 a3[3] = { DB_I(r->ids[1]), DB_I(r->ids[0]),
	    DB_I(r->user.id) };
	const char		*fmt = kv_get(&r->query, "format");
	bool			 pdf = fmt != NULL && strcmp(fmt, "pdf") == 0;
	struct rules		 pr;
	struct vf		 v;
	struct a4		 a;
	char			 ser[64], qrtext[128], date[64];
	struct buf		 line = BUF_INIT;
	char			 name[80];
	double			 y;
	time_t			 now = (time_t)r->now + 8 * 3600;
	struct tm		 tm;
	enum app_err		 er = APP_EINTERNAL;

	memset(&v, 0, sizeof(v));
	memset(&a, 0, sizeof(a));
	memset(&pr, 0, sizeof(pr));
	if ((er = db_query(r->db, STMT_VERIFICATION_FORM, a3, 3, vf_row, &v)) !=
	    APP_OK)
		goto out;
	if (!v.found) {
		er = APP_ENOTFOUND;
		goto out;
	}
	if ((er = rules_load(r->db, r->now, v.province, v.personal, &pr)) !=
	    APP_OK)
		goto out;
	gmtime_r(&now, &tm);
	snprintf(date, sizeof(date), "%d 年 %d 月 %d 日", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
	serial(r->conf, r->ids[0], r->ids[1], ser, sizeof(ser));
	if ((er = a4_begin(&a)) != APP_OK)
		goto out;
	a4_text(&a, 560, 330, 96, "black", "网站备案信息真实性核验单");
	buf_reset(&line);
	buf_printf(&line, "编号：%s", ser);
	a4_text(&a, 260, 470, 40, "#555555", line.p);
	buf_reset(&line);
	buf_printf(&line, "备案服务号：%s", v.sin);
	a4_text(&a, 260, 530, 40, "#555555", line.p);
	y = 700;
	a4_row(&a, y, "主办单位名称", v.subject);
	a4_row(&a, y += 130, "主体备案号", v.icp);
	a4_row(&a, y += 130, "网站名称", v.site);
	/* The domain as filed: without www (domain.md §12). */
	a4_row(&a, y += 130, "网站域名", v.domain);
	a4_row(&a, y += 130, "网站首页网址", v.homepage);
	a4_row(&a, y += 130, "网站负责人", v.owner);
	buf_reset(&line);
	buf_printf(&line, "%s  %s", v.id_type, v.id_number);
	a4_row(&a, y += 130, "证件类型及号码", line.p);
	a4_row(&a, y += 130, "手机号码", v.mobile);
	a4_row(&a, y += 130, "电子邮箱", v.email);
	a4_row(&a, y += 130, "所在省份", v.prov_name);

	y += 220;
	a4_text(&a, 260, y, 46, "black", "本人承诺：以上填写的网站备案信息真实有效，"
	    "如有虚假，愿意承担由此产生的一切后果。");
	y += 240;
	a4_text(&a, 260, y, 50, "black", "网站负责人签字：________________");
	a4_text(&a, 1500, y, 50, "black", "日期：____________");
	if (!v.personal) {
		y += 220;
		a4_text(&a, 260, y, 50, "black", "单位公章：");
	}
	y += 260;
	a4_text(&a, 260, y, 40, "#555555", "填写说明：");
	a4_text(&a, 260, y += 70, 40, "#555555",
	    "1. 请用黑色签字笔填写和签字，字迹工整；不得涂改。");
	a4_text(&a, 260, y += 60, 40, "#555555", v.personal ?
	    "2. 个人备案由网站负责人本人签字。" :
	    "2. 单位备案须由网站负责人签字，并在签字处加盖单位公章。");
	if (rule_value(&pr, RK_VERIFICATION_FINGERPRINT) != 0)
		a4_text(&a, 260, y += 60, 40, "#555555", rule_message(&pr, RK_VERIFICATION_FINGERPRINT));
	a4_text(&a, 260, y += 60, 40, "#555555",
	    "3. 签字后请完整拍摄或扫描整页，在“上传资料”中上传。");
	buf_reset(&line);
	buf_printf(&line, "生成日期：%s", date);
	a4_text(&a, 260, A4_H - 200, 36, "#555555", line.p);
	snprintf(qrtext, sizeof(qrtext), "beian:verification-form:%s", ser);
	snprintf(name, sizeof(name), "hyd-%s", ser);
	er = a4_emit(&a, qrtext, pdf, w, name);
out:
	a4_free(&a);
	rules_free(&pr);
	vf_free(&v);
	buf_free(&line);
	return er;
}
