/*
 * Fragment of the product program: step 4 (/order/product.html), the
 * numbers verified so far, the form for a 备案服务号, and the account's
 * own instances to pick from.
 */
#include <stdio.h>
#include <string.h>

#include "lib/echo.h"
#include "lib/html.h"
#include "lib/view.h"
#include "views.h"

static void
verified(struct buf *b, const json_t *sins)
{
	const json_t	*n;
	size_t		 i;

	if (json_array_size(sins) == 0)
		return;
	buf_puts(b, "<h2>已验证的备案服务号</h2>\n<ul class=\"sin-list\">\n");
	json_array_foreach(sins, i, n) {
		buf_puts(b, "<li><code>");
		html_text(b, jstr(n, "number"));
		buf_puts(b, "</code> ");
		html_text(b, jstr(n, "product_name"));
		buf_puts(b, " · ");
		html_text(b, jstr(n, "region"));
		buf_puts(b, " · 已验证</li>\n");
	}
	buf_puts(b, "</ul>\n");
}

static void
number_form(struct buf *b, struct req *r, long long id,
    const json_t *body)
{
	const char	*typed, *ptype;
	const json_t	*types = json_object_get(body, "product_types");
	const json_t	*reasons = json_object_get(body, "reason_messages");
	const json_t	*fmt = json_array_get(json_object_get(body, "formats"),
	    0);
	const json_t	*t;
	char		 action[64], next[64];
	size_t		 i;

	snprintf(action, sizeof(action), "/api/orders/%lld/product", id);
	/* Refused without JavaScript: what was typed, to correct. */
	typed = echo_str(r, action, "service_number");
	ptype = echo_str(r, action, "product_type");
	snprintf(next, sizeof(next), "/order/website.html?id=%lld", id);
	buf_puts(b, "<h2>输入备案服务号</h2>\n");
	view_form_begin(b, action, next);
	buf_puts(b, "<div class=\"field\"><label for=\"product_type\">产品类型</label>"
	    "<select id=\"product_type\" name=\"product_type\" "
	    "aria-describedby=\"err-product_type\"");
	view_invalid(b, r, "product_type");
	buf_puts(b, ">\n");
	json_array_foreach(types, i, t) {
		buf_puts(b, "<option value=\"");
		html_attr(b, jstr(t, "slug"));
		buf_printf(b, "\"%s>", ptype != NULL && strcmp(ptype,
		    jstr(t, "slug")) == 0 ? " selected" : "");
		html_text(b, jstr(t, "name"));
		buf_puts(b, "</option>\n");
	}
	buf_puts(b, "</select>\n");
	view_field_error(b, r, reasons, "product_type");
	buf_puts(b, "</div>\n<div class=\"field\"><label for=\"service_number\">"
	    "备案服务号</label><input id=\"service_number\" name=\"service_number\" "
	    "type=\"text\" autocomplete=\"off\" spellcheck=\"false\" "
	    "autocapitalize=\"characters\" maxlength=\"64\" "
	    "aria-describedby=\"err-service_number hint-service_number\"");
	/* The format is data: forms.js hints with the table's own pattern. */
	if (fmt != NULL) {
		buf_puts(b, " data-format=\"");
		html_attr(b, jstr(fmt, "pattern"));
		buf_puts(b, "\" data-example=\"");
		html_attr(b, jstr(fmt, "example"));
		buf_puts(b, "\" placeholder=\"例如 ");
		html_attr(b, jstr(fmt, "example"));
		buf_puts(b, "\"");
	}
	if (typed != NULL) {
		buf_puts(b, " value=\"");
		html_attr(b, typed);
		buf_puts(b, "\"");
	}
	view_invalid(b, r, "service_number");
	buf_puts(b, ">\n");
	view_field_error(b, r, reasons, "service_number");
	buf_puts(b, "<p class=\"hint\" id=\"hint-service_number\">在控制台的实例详情中获取"
	    "备案服务号。一个备案服务号只能用于一个网站；大小写和空格不影响验证。</p>\n"
	    "</div>\n<button type=\"submit\" class=\"btn btn-primary\">验证</button>\n");
	view_form_end(b);
}

static void
instance_form(struct buf *b, const struct req *r, long long id,
    const json_t *insts, const json_t *reasons)
{
	const json_t	*in;
	char		 action[64], next[64];
	size_t		 i;
	bool		 ok;

	if (json_array_size(insts) == 0)
		return;
	snprintf(action, sizeof(action), "/api/orders/%lld/product", id);
	snprintf(next, sizeof(next), "/order/website.html?id=%lld", id);
	buf_puts(b, "<h2>或选择本账号下的实例</h2>\n<p class=\"hint\">实例属于本账号时，"
	    "可以直接选择实例，系统自动生成并验证备案服务号。</p>\n");
	view_form_begin(b, action, next);
	buf_puts(b, "<table class=\"instances\"><thead><tr><th scope=\"col\">选择</th>"
	    "<th scope=\"col\">实例</th><th scope=\"col\">计费</th>"
	    "<th scope=\"col\">到期</th><th scope=\"col\">可用于备案</th></tr>"
	    "</thead><tbody>\n");
	json_array_foreach(insts, i, in) {
		long long	 iid = json_integer_value(json_object_get(in, "id"));

		ok = json_is_true(json_object_get(in, "eligible")) &&
		    json_integer_value(json_object_get(in, "remaining")) > 0;
		buf_printf(b, "<tr%s><td><input type=\"radio\" name=\"instance_id\" "
		    "id=\"inst-%lld\" value=\"%lld\"%s></td><td><label "
		    "for=\"inst-%lld\">", ok ? "" : " class=\"ineligible\"", iid,
		    iid, ok ? "" : " disabled", iid);
		html_text(b, jstr(in, "product_name"));
		buf_puts(b, " · ");
		html_text(b, jstr(in, "region"));
		/* Several alike in one region: what tells them apart. */
		buf_printf(b, "<span class=\"instance-id\">实例 ID %lld · 公网 IP ",
		    iid);
		html_text(b, jstr(in, "public_ip") != NULL &&
		    *jstr(in, "public_ip") != '\0' ? jstr(in, "public_ip") : "无");
		buf_printf(b, "</span></label></td><td data-label=\"计费\">%s",
		    strcmp(jstr(in, "billing"), "payg") == 0 ? "按量付费" :
		    "包年包月");
		if (strcmp(jstr(in, "billing"), "payg") != 0)
			buf_printf(b, " %lld 个月", (long long)json_integer_value(
			    json_object_get(in, "months")));
		buf_puts(b, "</td><td data-label=\"到期\">");
		/* Pay-as-you-go runs until it is stopped: no term to show. */
		html_text(b, strcmp(jstr(in, "billing"), "payg") == 0 ? "—" :
		    jstr(in, "expires_on"));
		buf_puts(b, "</td><td data-label=\"可用于备案\">");
		if (!json_is_true(json_object_get(in, "eligible")))
			html_text(b, jstr(in, "reason_message"));
		else if (!ok)
			buf_puts(b, "备案服务号已用完");
		else
			buf_printf(b, "可以（还可生成 %lld 个）",
			    (long long)json_integer_value(json_object_get(in,
			    "remaining")));
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
	view_field_error(b, r, reasons, "instance_id");
	buf_puts(b, "<button type=\"submit\" class=\"btn btn-secondary\">"
	    "使用所选实例</button>\n");
	view_form_end(b);
}

enum app_err
product_view(struct req *r, struct resp *w)
{
	const json_t	*o = json_object_get(w->body, "order");
	const json_t	*sins = json_object_get(w->body, "service_numbers");
	struct buf	*b = &w->raw;
	long long	 id = (long long)json_integer_value(json_object_get(o, "id"));

	view_begin(b, "order-product");
	view_steps(b, r, o, STEP_PRODUCT);
	view_query_alert(b, r, json_object_get(w->body, "reason_messages"));
	if (!json_is_true(json_object_get(w->body, "subject_confirmed"))) {
		buf_printf(b, "<div class=\"alert alert-info\"><p>请先确认主体信息。"
		    "</p><p><a class=\"btn btn-primary\" "
		    "href=\"/order/subject.html?id=%lld\">去确认主体信息</a></p>"
		    "</div>\n", id);
		view_end(b);
		return APP_OK;
	}
	buf_puts(b, "<p class=\"lead\">每个要新增的网站需要一个备案服务号，用来证明网站"
	    "使用本服务商中国内地、包年包月 3 个月以上、有公网 IP 的实例。</p>\n");
	verified(b, sins);
	if (!view_draft(o)) {
		view_not_draft(b, o);
		view_end(b);
		return APP_OK;
	}
	number_form(b, r, id, w->body);
	instance_form(b, r, id, json_object_get(w->body, "instances"),
	    json_object_get(w->body, "reason_messages"));
	if (json_array_size(sins) > 0)
		buf_printf(b, "<p class=\"next-step\"><a class=\"btn btn-primary\" "
		    "href=\"/order/website.html?id=%lld\">下一步：填写网站信息</a>"
		    "</p>\n", id);
	view_end(b);
	return APP_OK;
}
