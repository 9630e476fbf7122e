/*
 * Fragments of the subject program: the subject list (page /), the
 * subject confirmation (/order/subject.html) and an order summary.
 */
#include <stdio.h>
#include <string.h>

#include "lib/html.h"
#include "lib/messages.h"
#include "lib/view.h"
#include "views.h"

static long long
jint(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

static void
subject_card(struct buf *b, const json_t *s)
{
	const json_t	*web = json_object_get(s, "websites"), *w, *open;
	char		 action[64];
	size_t		 i;

	buf_puts(b, "<article class=\"subject-card\">\n<h2>");
	html_text(b, jstr(s, "name"));
	buf_puts(b, " <span class=\"badge\">");
	html_text(b, jstr(s, "nature_name"));
	buf_puts(b, "</span></h2>\n<dl class=\"facts\">\n");
	view_fact(b, "主体备案号", jstr(s, "icp_number"));
	view_fact(b, "所在省份", jstr(s, "province_name"));
	view_fact(b, "主体负责人", jstr(s, "leader_name"));
	buf_puts(b, "</dl>\n");
	if (json_array_size(web) == 0)
		buf_puts(b, "<p class=\"hint\">该主体下还没有已备案的网站。</p>\n");
	else {
		buf_puts(b, "<table class=\"websites\"><caption>已备案网站</caption>"
		    "<thead><tr><th scope=\"col\">网站名称</th>"
		    "<th scope=\"col\">域名</th><th scope=\"col\">网站备案号</th>"
		    "</tr></thead><tbody>\n");
		json_array_foreach(web, i, w) {
			buf_puts(b, "<tr><td>");
			html_text(b, jstr(w, "name"));
			buf_puts(b, "</td><td>");
			html_text(b, jstr(w, "domain"));
			buf_puts(b, "</td><td>");
			html_text(b, jstr(w, "icp_number"));
			buf_puts(b, "</td></tr>\n");
		}
		buf_puts(b, "</tbody></table>\n");
	}
	buf_puts(b, "<div class=\"actions\">\n");
	if (json_is_true(json_object_get(s, "can_add_website"))) {
		snprintf(action, sizeof(action), "/api/subjects/%lld/orders",
		    jint(s, "id"));
		view_form_begin(b, action, "/order/subject.html?id={id}");
		buf_puts(b, "<input type=\"hidden\" name=\"kind\" "
		    "value=\"add_website\">\n<button type=\"submit\" "
		    "class=\"btn btn-primary\">增加网站</button>\n"
		    "<p class=\"hint\">为这个主体新增一个网站（原备案在本服务商）。</p>\n");
		view_form_end(b);
	} else {
		open = json_object_get(s, "open_order");
		buf_puts(b, "<p class=\"blocked\">");
		html_text(b, jstr(s, "blocked_message"));
		if (open != NULL && json_is_object(open) &&
		    strcmp(jstr(open, "kind"), "add_website") == 0) {
			/* A draft goes on where it starts; else its progress. */
			buf_printf(b, " <a href=\"/order/%s.html?id=%lld\">"
			    "查看订单（", view_order_page(jstr(open, "state")),
			    jint(open, "id"));
			html_text(b, jstr(open, "state_label"));
			buf_puts(b, "）</a>");
		}
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</div>\n</article>\n");
}

/* Every order of the account with its stage and where to follow it. */
static void
order_list(struct buf *b, const struct req *r, const json_t *orders)
{
	const json_t	*o;
	size_t		 i;

	if (json_array_size(orders) == 0)
		return;
	buf_puts(b, "<section class=\"order-list\" aria-labelledby=\"orders-h\">\n"
	    "<h2 id=\"orders-h\">我的备案订单</h2>\n<table>\n<thead><tr>"
	    "<th scope=\"col\">订单</th><th scope=\"col\">主体</th>"
	    "<th scope=\"col\">网站</th><th scope=\"col\">进度</th>"
	    "<th scope=\"col\">更新时间</th></tr></thead>\n<tbody>\n");
	json_array_foreach(orders, i, o) {
		buf_printf(b, "<tr><td><a href=\"/order/%s.html?id=%lld\">%lld</a>"
		    "</td><td>", view_order_page(jstr(o, "state")), jint(o, "id"),
		    jint(o, "id"));
		html_text(b, jstr(json_object_get(o, "subject"), "name"));
		buf_puts(b, "</td><td>");
		html_text(b, *jstr(o, "domains") != '\0' ? jstr(o, "domains") :
		    "—");
		buf_printf(b, "</td><td class=\"order-state order-state-%s\">",
		    jstr(o, "state"));
		html_text(b, jstr(o, "state_label"));
		buf_puts(b, "</td><td>");
		view_china_time(b, jstr(o, "updated_at"), r->now, false);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

enum app_err
subjects_view(struct req *r, struct resp *w)
{
	const json_t	*list = json_object_get(w->body, "subjects"), *s;
	struct buf	*b = &w->raw;
	size_t		 i;

	view_begin(b, "subjects");
	view_query_alert(b, r, NULL);
	/* The provider's staff log in here too: their work is elsewhere. */
	if (r->user.role != NULL && (strcmp(r->user.role, "reviewer") == 0 ||
	    strcmp(r->user.role, "admin") == 0))
		buf_puts(b, "<div class=\"alert alert-info\" id=\"staff-note\"><p>"
		    "您是服务商的审核人员。</p><p><a class=\"btn btn-primary\" "
		    "href=\"/review/\">前往审核队列</a></p></div>\n");
	if (json_array_size(list) == 0)
		buf_puts(b, "<div class=\"alert alert-info\"><p>您的账号下还没有在"
		    "本服务商备案的主体。增加网站需要主体已在本服务商备案；"
		    "首次备案请联系服务商。</p></div>\n");
	json_array_foreach(list, i, s)
		subject_card(b, s);
	order_list(b, r, json_object_get(w->body, "orders"));
	view_end(b);
	return APP_OK;
}

static void
view_subject(struct req *r, const json_t *o, struct buf *b)
{
	long long	 id = jint(o, "id");
	char		 action[80], next[64];

	view_steps(b, r, o, STEP_SUBJECT);
	view_query_alert(b, r, NULL);
	buf_puts(b, "<p class=\"lead\">请核对这个主体在备案系统中的信息。新增网站会沿用这些信息，"
	    "并由管局连同已备案网站一起复核。</p>\n");
	view_subject_facts(b, json_object_get(o, "subject"));
	if (!view_draft(o)) {
		view_not_draft(b, o);
		return;
	}
	snprintf(action, sizeof(action), "/api/orders/%lld/subject-confirmation",
	    id);
	snprintf(next, sizeof(next), "/order/product.html?id=%lld", id);
	view_form_begin(b, action, next);
	buf_puts(b, "<button type=\"submit\" class=\"btn btn-primary\">"
	    "信息无误，下一步</button>\n");
	view_form_end(b);
	buf_puts(b, "<aside class=\"note\"><h2>信息有误？</h2><p>主体信息要通过“变更主体信息”"
	    "（变更备案）修改。变更办理期间不能增加网站：请先放弃本订单，办理变更，"
	    "变更完成后再来增加网站。</p></aside>\n");
	view_abandon(b, o);
}

static void
view_summary(struct req *r, const json_t *o, struct buf *b)
{
	const json_t	*ev = json_object_get(o, "events"), *e;
	size_t		 i;

	view_steps(b, r, o, STEP__MAX);
	view_query_alert(b, r, NULL);
	buf_puts(b, "<dl class=\"facts\">\n");
	view_fact(b, "订单状态", jstr(o, "state_label"));
	view_fact(b, "主体", jstr(json_object_get(o, "subject"), "name"));
	view_fact(b, "创建时间", jstr(o, "created_at"));
	view_fact(b, "有效期至", jstr(o, "expires_at"));
	buf_puts(b, "</dl>\n<h2>办理记录</h2>\n<ol class=\"timeline\">\n");
	json_array_foreach(ev, i, e) {
		buf_puts(b, "<li><time>");
		html_text(b, jstr(e, "at"));
		buf_puts(b, "</time> ");
		html_text(b, jstr(e, "note"));
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ol>\n");
}

enum app_err
order_view(struct req *r, struct resp *w)
{
	const char	*which = kv_get(&r->query, "view");
	struct buf	*b = &w->raw;

	if (which != NULL && strcmp(which, "subject") == 0) {
		view_begin(b, "order-subject");
		view_subject(r, w->body, b);
	} else {
		view_begin(b, "order");
		view_summary(r, w->body, b);
	}
	view_end(b);
	return APP_OK;
}
