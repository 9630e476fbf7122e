/*
 * The 承诺书 of an order, pre-filled like the 核验单 and rendered as a
 * print-ready A4 page (PNG, or PDF with ?format=pdf), for the provinces
 * whose checklist asks for it (province_rule commitment_letter_required;
 * 广东 since 2021-06-21, domain.md §12).  The subject signs it in black
 * pen, the legal representative for an organisation; a seal does not
 * replace the signature.  A serial and a QR code tie it to the order.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/a4.h"
#include "lib/app.h"
#include "lib/db-order.h"
#include "lib/view.h"
#include "views.h"

/* The serial: the order and a MAC, so a sheet cannot be forged. */
static void
serial(const struct conf *c, int64_t oid, char *out, size_t sz)
{
	char	 msg[64], mac[9];

	snprintf(msg, sizeof(msg), "cl:%lld", (long long)oid);
	a4_mac(c, msg, mac);
	snprintf(out, sz, "CN%lld-%s", (long long)oid, mac);
}

static const char *const promises[] = {
	"1. 本次提交的备案信息和材料真实、准确、完整，如有虚假，愿意承担由此产生的"
	"一切法律责任。",
	"2. 遵守《互联网信息服务管理办法》《非经营性互联网信息服务备案管理办法》等"
	"法律法规，不利用网站从事任何违法违规活动。",
	"3. 网站内容与备案的服务内容一致；涉及前置审批的内容，已取得有关部门的批准"
	"文件。",
	"4. 网站开通后在首页底部显示备案号，并链接到工业和信息化部政务服务平台"
	"（beian.miit.gov.cn）；备案信息发生变化时及时办理变更。",
};

enum app_err
commitment_letter(struct req *r, struct resp *w)
{
	const char	*fmt = kv_get(&r->query, "format");
	bool		 pdf = fmt != NULL && strcmp(fmt, "pdf") == 0;
	const json_t	*subj, *s;
	json_t		*o = NULL;
	struct a4	 a;
	char		 ser[64], qrtext[128], line[700], name[80];
	time_t		 now = (time_t)r->now + 8 * 3600;
	struct tm	 tm;
	bool		 personal;
	double		 y;
	size_t		 i;
	enum app_err	 er;

	memset(&a, 0, sizeof(a));
	/* Another account's order: 404, as every object read. */
	if ((er = db_order_json(r->db, r->ids[0], r->user.id, &o)) != APP_OK)
		goto out;
	subj = json_object_get(o, "subject");
	personal = json_is_true(json_object_get(subj, "personal"));
	gmtime_r(&now, &tm);
	serial(r->conf, r->ids[0], ser, sizeof(ser));
	if ((er = a4_begin(&a)) != APP_OK)
		goto out;
	a4_text(&a, 880, 330, 96, "black", "网站备案承诺书");
	snprintf(line, sizeof(line), "编号：%s", ser);
	a4_text(&a, 260, 470, 40, "#555555", line);
	/* Below the QR code (top right, to y 700). */
	y = 780;
	a4_row(&a, y, personal ? "备案主体（个人）" : "主办单位名称",
	    jstr(subj, "name"));
	a4_row(&a, y += 130, "主体备案号", jstr(subj, "icp_number"));
	a4_row(&a, y += 130, "所在省份", jstr(subj, "province_name"));
	json_array_foreach(json_object_get(o, "websites"), i, s) {
		snprintf(line, sizeof(line), "%s（%s）", jstr(s, "name"),
		    jstr(s, "domain"));
		a4_row(&a, y += 130, i == 0 ? "本次新增网站" : "", line);
	}
	y += 230;
	a4_text(&a, 260, y, 50, "black", personal ? "本人郑重承诺：" :
	    "本单位郑重承诺：");
	y += 110;
	for (i = 0; i < sizeof(promises) / sizeof(promises[0]); i++)
		y = a4_wrap(&a, 300, y, 46, 80, 40, "black", promises[i]) + 30;
	y += 170;
	a4_text(&a, 260, y, 50, "black", personal ? "承诺人签字：________________" :
	    "法定代表人签字：________________");
	a4_text(&a, 1500, y, 50, "black", "日期：____年____月____日");
	if (!personal) {
		y += 200;
		a4_text(&a, 260, y, 50, "black", "单位公章：");
	}
	y += 260;
	a4_text(&a, 260, y, 40, "#555555", "填写说明：");
	a4_text(&a, 260, y += 70, 40, "#555555",
	    "1. 请用黑色签字笔亲笔签字，字迹清楚；不能用印章代替签字，不得涂改。");
	a4_text(&a, 260, y += 60, 40, "#555555", personal ?
	    "2. 个人备案由备案主体本人签字。" :
	    "2. 单位备案由法定代表人签字，并加盖单位公章。");
	a4_text(&a, 260, y += 60, 40, "#555555",
	    "3. 签字后请完整拍摄或扫描整页，在“上传资料”的“承诺书”中上传。");
	snprintf(line, sizeof(line), "生成日期：%d 年 %d 月 %d 日",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	a4_text(&a, 260, A4_H - 200, 36, "#555555", line);
	snprintf(qrtext, sizeof(qrtext), "beian:commitment-letter:%s", ser);
	snprintf(name, sizeof(name), "cns-%s", ser);
	er = a4_emit(&a, qrtext, pdf, w, name);
out:
	a4_free(&a);
	json_decref(o);
	return er;
}
