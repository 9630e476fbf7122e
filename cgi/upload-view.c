/*
 * Fragment of the upload program: step 6 (/order/upload.html), one slot
 * per material the checklist asks for, each with its preview, warnings
 * and a classic multipart form.
 */
#include <stdio.h>
#include <string.h>

#include "lib/html.h"
#include "lib/view.h"
#include "views.h"

static void
slot(struct buf *b, struct req *r, const json_t *o, long long oid,
    const json_t *item, const json_t *u, bool editable)
{
	const json_t	*wn, *w;
	json_int_t	 wid = json_integer_value(json_object_get(item,
	    "website_id"));
	const char	*kind = jstr(item, "kind");
	struct slot_form f;
	size_t		 i;

	bool		 rejected = json_is_true(json_object_get(item,
	    "rejected"));
	bool		 refused = view_slot_refused(r, oid, kind, (long long)wid);

	buf_printf(b, "<article class=\"upload-slot%s%s%s\" id=\"slot-%s-%lld\">"
	    "\n<h3>", u != NULL ? " present" : " missing",
	    rejected ? " rejected" : "", refused ? " has-error" : "", kind,
	    (long long)wid);
	html_text(b, jstr(item, "kind_name"));
	if ((wn = json_object_get(item, "website_name")) != NULL &&
	    json_is_string(wn)) {
		buf_puts(b, " <span class=\"badge\">");
		html_text(b, json_string_value(wn));
		buf_puts(b, "</span>");
	}
	buf_puts(b, "</h3>\n<p class=\"hint\">");
	html_text(b, jstr(item, "why"));
	buf_puts(b, "</p>\n");
	if (rejected) {
		buf_puts(b, "<p class=\"field-error rejected-note\">初审驳回：");
		html_text(b, jstr(item, "reason_title"));
		if (jstr(item, "note") != NULL && *jstr(item, "note") != '\0') {
			buf_puts(b, "——");
			html_text(b, jstr(item, "note"));
		}
		/* The reviewer's note may end its own sentence: no "。。". */
		if (!view_ends_sentence(jstr(item, "note") != NULL &&
		    *jstr(item, "note") != '\0' ? jstr(item, "note") :
		    jstr(item, "reason_title")))
			buf_puts(b, "。");
		buf_puts(b, "请重新上传这一份。</p>\n");
	}
	if (strcmp(kind, "commitment_letter") == 0)
		buf_printf(b, "<p class=\"download\">先下载承诺书（已填好主体和网站），打印后"
		    "用黑色签字笔签字，再拍照上传：<a class=\"btn btn-secondary\" "
		    "href=\"/api/orders/%lld/commitment-letter\" download>下载承诺书"
		    "（PNG）</a> <a href=\"/api/orders/%lld/commitment-letter?format="
		    "pdf\" download>PDF 版</a></p>\n", oid, oid);
	if (strcmp(kind, "domain_certificate") == 0)
		buf_puts(b, "<p class=\"hint\">域名证书在域名注册商的控制台下载：打开"
		    "域名详情，找“域名证书”或“下载证书”。证书上要能看到域名、持有者和"
		    "注册日期；注册商不提供证书时，可上传显示持有者和实名认证状态的"
		    "域名信息页截图。</p>\n");
	if (strcmp(kind, "verification_form") == 0 && wid > 0)
		buf_printf(b, "<p class=\"download\">先下载核验单，打印后签字，再拍照上传："
		    "<a class=\"btn btn-secondary\" href=\"/api/orders/%lld/websites/"
		    "%lld/verification-form\" download>下载核验单（PNG）</a> "
		    "<a href=\"/api/orders/%lld/websites/%lld/verification-form?"
		    "format=pdf\" download>PDF 版</a></p>\n", oid, (long long)wid,
		    oid, (long long)wid);
	if (u != NULL) {
		buf_puts(b, "<figure class=\"preview\"><a href=\"");
		html_attr(b, jstr(u, "url"));
		buf_puts(b, "\"><img src=\"");
		html_attr(b, jstr(u, "thumb_url"));
		buf_puts(b, "\" alt=\"已上传的");
		html_attr(b, jstr(item, "kind_name"));
		buf_printf(b, "\" loading=\"lazy\"></a><figcaption>已上传 · %lld×%lld · "
		    "%lld KB</figcaption></figure>\n",
		    (long long)json_integer_value(json_object_get(u, "width")),
		    (long long)json_integer_value(json_object_get(u, "height")),
		    (long long)json_integer_value(json_object_get(u, "bytes")) / 1024);
		json_array_foreach(json_object_get(u, "warnings"), i, w) {
			buf_puts(b, "<p class=\"field-warning\">");
			html_text(b, json_string_value(w));
			buf_puts(b, "</p>\n");
		}
	} else
		buf_puts(b, "<p class=\"status-missing\">尚未上传</p>\n");
	/*
	 * After a rejection only the rejected slots take a new file, and
	 * those a fix emptied (the scans of an owner who was replaced).
	 */
	if (!editable || (!view_open(o) && !rejected && u != NULL)) {
		buf_puts(b, "</article>\n");
		return;
	}
	f.oid = oid;
	f.kind = kind;
	f.wid = (long long)wid;
	f.page = "/order/upload.html";
	f.refresh = NULL;
	f.pick = "选择照片或扫描件";
	f.capture = NULL;
	f.replace = u != NULL;
	f.refused = refused;
	f.refused_words = "这一份没有上传成功：";
	view_slot_form(b, r, &f);
	buf_puts(b, "</article>\n");
}

enum app_err
upload_view(struct req *r, struct resp *w)
{
	const json_t	*o = json_object_get(w->body, "order");
	const json_t	*list = json_object_get(w->body, "checklist"), *item;
	const json_t	*uploads = json_object_get(w->body, "uploads");
	struct buf	*b = &w->raw;
	long long	 oid = (long long)json_integer_value(json_object_get(o,
	    "id"));
	json_int_t	 missing = json_integer_value(json_object_get(w->body,
	    "missing"));
	bool		 editable = json_is_true(json_object_get(o, "editable"));
	size_t		 i;

	view_begin(b, "order-upload");
	view_steps(b, r, o, STEP_UPLOADS);
	view_query_alert(b, r, NULL);
	if (json_array_size(list) == 0) {
		buf_printf(b, "<div class=\"alert alert-info\"><p>请先填写网站信息，"
		    "系统会据此列出需要上传的材料。</p><p><a class=\"btn btn-secondary\" "
		    "href=\"/order/website.html?id=%lld\">去填写网站信息</a></p></div>\n",
		    oid);
		view_end(b);
		return APP_OK;
	}
	buf_puts(b, "<p class=\"lead\">请上传证件原件的彩色照片或扫描件（JPG 或 PNG），"
	    "证件四角完整、文字清晰、没有反光。手机拍摄的照片会自动转正、压缩，"
	    "并去除拍摄位置等信息。</p>\n");
	if (missing > 0)
		buf_printf(b, "<div class=\"alert alert-info\" role=\"status\"><p>"
		    "还缺 %lld 份材料。</p></div>\n", (long long)missing);
	else
		buf_printf(b, "<div class=\"alert alert-success\" role=\"status\"><p>"
		    "需要的材料都已上传。</p><p><a class=\"btn btn-primary\" "
		    "href=\"/order/submit.html?id=%lld\">下一步：检查并提交</a></p>"
		    "</div>\n", oid);
	buf_puts(b, "<h2>需要上传的材料</h2>\n");
	json_array_foreach(list, i, item)
		slot(b, r, o, oid, item, json_is_integer(json_object_get(item,
		    "upload_id")) ? view_upload_of(uploads, json_integer_value(
		    json_object_get(item, "upload_id"))) : NULL, editable);
	view_end(b);
	return APP_OK;
}
