/*
 * Fragment of the submit program: the last look before 提交初审
 * (/order/confirm.html).  The subject, every website and its owner as
 * stored, every uploaded image as a thumbnail, what the checks found and
 * when the order expires (in the step indicator); 提交初审 is here.
 */
#include <stdio.h>
#include <string.h>

#include "lib/html.h"
#include "lib/view.h"
#include "views.h"

/* The names of a list of codes ("博客/个人空间、其他"), from names. */
static void
code_names(struct buf *b, const json_t *codes, const json_t *names)
{
	const json_t	*c, *n;
	char		 key[32];
	size_t		 i;

	json_array_foreach(codes, i, c) {
		snprintf(key, sizeof(key), "%lld",
		    (long long)json_integer_value(c));
		n = json_object_get(names, key);
		if (i > 0)
			buf_puts(b, "、");
		html_text(b, json_is_string(n) ? json_string_value(n) : key);
	}
	if (json_array_size(codes) == 0)
		buf_puts(b, "—");
}

static void
fact_start(struct buf *b, const char *k)
{
	buf_puts(b, "<dt>");
	html_text(b, k);
	buf_puts(b, "</dt><dd>");
}

static void
thumbs(struct buf *b, const json_t *uploads, long long wid)
{
	const json_t	*u;
	size_t		 i, n = 0;

	json_array_foreach(uploads, i, u)
		if (json_integer_value(json_object_get(u, "website_id")) == wid)
			n++;
	if (n == 0)
		return;
	buf_puts(b, "<div class=\"confirm-uploads\">\n");
	json_array_foreach(uploads, i, u) {
		if (json_integer_value(json_object_get(u, "website_id")) != wid)
			continue;
		buf_puts(b, "<figure class=\"preview\"><a href=\"");
		html_attr(b, jstr(u, "url"));
		buf_puts(b, "\"><img src=\"");
		html_attr(b, jstr(u, "thumb_url"));
		buf_puts(b, "\" alt=\"");
		html_attr(b, jstr(u, "kind_name"));
		buf_puts(b, "\" loading=\"lazy\"></a><figcaption>");
		html_text(b, jstr(u, "kind_name"));
		buf_puts(b, "</figcaption></figure>\n");
	}
	buf_puts(b, "</div>\n");
}

static void
website(struct buf *b, long long oid, const json_t *s, const json_t *lists,
    const json_t *uploads, const json_t *subject)
{
	const json_t	*ow = json_object_get(s, "owner"), *p, *t;
	long long	 wid = (long long)json_integer_value(json_object_get(s,
	    "id"));
	char		 key[32];
	size_t		 i;

	buf_printf(b, "<section class=\"confirm-part\" id=\"site-%lld\" "
	    "aria-labelledby=\"site-%lld-h\">\n<h2 id=\"site-%lld-h\">网站：",
	    wid, wid, wid);
	html_text(b, jstr(s, "name"));
	buf_printf(b, " <a class=\"confirm-edit\" href=\"/order/website.html?"
	    "id=%lld&amp;edit=%lld#edit\">修改</a></h2>\n<dl class=\"facts\">\n",
	    oid, wid);
	view_fact(b, "网站名称", jstr(s, "name"));
	view_fact(b, "网站域名", jstr(s, "domain"));
	view_fact(b, "网站首页地址", jstr(s, "homepage_url"));
	fact_start(b, "网站服务内容");
	code_names(b, json_object_get(s, "content_types"),
	    json_object_get(lists, "content_types"));
	buf_puts(b, "</dd>\n");
	fact_start(b, "网站语言");
	code_names(b, json_object_get(s, "languages"),
	    json_object_get(lists, "languages"));
	buf_puts(b, "</dd>\n");
	fact_start(b, "前置审批");
	json_array_foreach(json_object_get(s, "preapprovals"), i, p) {
		if (i > 0)
			buf_puts(b, "；");
		html_text(b, jstr(p, "type_name"));
		buf_puts(b, " ");
		html_text(b, jstr(p, "number"));
	}
	if (json_array_size(json_object_get(s, "preapprovals")) == 0)
		buf_puts(b, "不涉及");
	buf_puts(b, "</dd>\n");
	view_fact(b, "备案服务号", jstr(s, "service_number"));
	view_fact(b, "备注", jstr(s, "remark") != NULL &&
	    *jstr(s, "remark") != '\0' ? jstr(s, "remark") : NULL);
	if (json_is_true(json_object_get(ow, "same_as_leader"))) {
		fact_start(b, "网站负责人");
		buf_puts(b, "同主体负责人（");
		html_text(b, jstr(json_object_get(subject, "leader"), "name"));
		buf_puts(b, "）</dd>\n");
	} else {
		view_fact(b, "网站负责人", jstr(ow, "name"));
		snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(
		    json_object_get(ow, "id_type")));
		t = json_object_get(json_object_get(lists, "id_types"), key);
		view_fact(b, "证件类型", jstr(t, "name"));
		view_fact(b, "证件号码", jstr(ow, "id_number"));
		view_fact(b, "手机号码", jstr(ow, "mobile"));
		view_fact(b, "电子邮箱", jstr(ow, "email"));
	}
	view_fact(b, "证件有效期至", json_is_true(json_object_get(ow,
	    "id_long_term")) ? "长期有效" : jstr(ow, "id_valid_until"));
	view_fact(b, "应急联系电话", jstr(ow, "emergency_phone"));
	buf_puts(b, "</dl>\n<h3>上传的材料</h3>\n");
	thumbs(b, uploads, wid);
	buf_puts(b, "</section>\n");
}

enum app_err
confirm_view(struct req *r, struct resp *w)
{
	const json_t	*o = json_object_get(w->body, "order");
	const json_t	*all = json_object_get(w->body, "findings");
	const json_t	*lists = json_object_get(w->body, "lists");
	const json_t	*uploads = json_object_get(w->body, "uploads"), *s, *u;
	struct buf	*b = &w->raw;
	long long	 oid = (long long)json_integer_value(json_object_get(o,
	    "id"));
	char		 action[64], next[64];
	size_t		 i;
	bool		 order_level = false;

	view_begin(b, "order-confirm");
	view_steps(b, r, o, STEP_SUBMIT);
	view_query_alert(b, r, NULL);
	if (!view_draft(o)) {
		view_not_draft(b, o);
		view_end(b);
		return APP_OK;
	}
	buf_puts(b, "<p class=\"lead\">请逐项核对。这些信息和材料会原样报送管局；"
	    "提交后进入初审（约 1 个工作日），期间不能修改。</p>\n");
	buf_puts(b, "<section class=\"confirm-part\" aria-labelledby=\"subj-h\">"
	    "\n<h2 id=\"subj-h\">主体信息</h2>\n");
	view_subject_facts(b, json_object_get(o, "subject"));
	buf_puts(b, "</section>\n");
	json_array_foreach(json_object_get(o, "websites"), i, s)
		website(b, oid, s, lists, uploads, json_object_get(o, "subject"));
	json_array_foreach(uploads, i, u)
		if (json_integer_value(json_object_get(u, "website_id")) == 0)
			order_level = true;
	if (order_level) {
		buf_puts(b, "<section class=\"confirm-part\" aria-labelledby="
		    "\"order-docs-h\">\n<h2 id=\"order-docs-h\">订单的其他材料</h2>\n");
		thumbs(b, uploads, 0);
		buf_puts(b, "</section>\n");
	}
	submit_findings(b, o, lists, all, "error", "提交前必须修改");
	submit_findings(b, o, lists, all, "warning", "建议检查");
	if (!json_is_true(json_object_get(w->body, "can_submit"))) {
		buf_printf(b, "<p><a class=\"btn btn-secondary\" href=\"/order/"
		    "submit.html?id=%lld\">返回修改</a></p>\n", oid);
		view_end(b);
		return APP_OK;
	}
	snprintf(action, sizeof(action), "/api/orders/%lld/submit", oid);
	snprintf(next, sizeof(next), "/order/submit.html?id=%lld", oid);
	view_form_begin(b, action, next);
	buf_puts(b, "<p>我已核对以上信息，确认真实、准确、完整。</p>\n"
	    "<button type=\"submit\" class=\"btn btn-primary\" id=\"submit-order\">"
	    "提交初审</button>\n");
	view_form_end(b);
	buf_printf(b, "<p><a href=\"/order/submit.html?id=%lld\">返回上一步</a></p>\n",
	    oid);
	view_end(b);
	return APP_OK;
}
