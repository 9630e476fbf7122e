/*
 * Fragments of the notify program: the message centre (/messages.html),
 * the extra recipients (/account/recipients.html), and the development
 * mail page (/dev/mail.html).
 */
#include <stdio.h>
#include <string.h>

#include "lib/html.h"
#include "lib/view.h"
#include "views.h"

/* The body's lines, each its own line on the page. */
static void
lines(struct buf *b, const char *s)
{
	const char	*p = s, *nl;
	char		 line[1024];
	size_t		 n;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		html_text(b, line);
		if (nl == NULL)
			break;
		buf_puts(b, "<br>");
		p = nl + 1;
	}
}

enum app_err
messages_view(struct req *r, struct resp *w)
{
	const json_t	*list = json_object_get(w->body, "notifications"), *m;
	struct buf	*b = &w->raw;
	char		 action[80];
	size_t		 i;

	view_begin(b, "messages");
	view_query_alert(b, r, NULL);
	buf_printf(b, "<p class=\"lead\">共 %zu 条消息，%lld 条未读。备案的每一步结果"
	    "也会以短信和邮件发给主体负责人、网站负责人和您设置的<a href=\""
	    "/account/recipients.html\">消息接收人</a>。</p>\n",
	    json_array_size(list), (long long)json_integer_value(
	    json_object_get(w->body, "unread")));
	if (json_array_size(list) == 0)
		buf_puts(b, "<div class=\"alert alert-info\"><p>还没有消息。</p></div>\n");
	buf_puts(b, "<ul class=\"message-list\">\n");
	json_array_foreach(list, i, m) {
		buf_printf(b, "<li class=\"message%s\" id=\"message-%lld\">\n<h2>",
		    json_is_null(json_object_get(m, "read_at")) ? " unread" : "",
		    (long long)json_integer_value(json_object_get(m, "id")));
		if (json_is_null(json_object_get(m, "read_at")))
			buf_puts(b, "<span class=\"badge\">未读</span> ");
		html_text(b, jstr(m, "title"));
		buf_puts(b, "</h2>\n<p class=\"message-time\">");
		view_china_time(b, jstr(m, "created_at"), r->now, true);
		buf_puts(b, "</p>\n<p>");
		lines(b, jstr(m, "body"));
		buf_puts(b, "</p>\n<p class=\"message-actions\">");
		if (json_integer_value(json_object_get(m, "order_id")) > 0)
			buf_printf(b, "<a href=\"/order/progress.html?id=%lld\">"
			    "查看订单 %lld</a>", (long long)json_integer_value(
			    json_object_get(m, "order_id")),
			    (long long)json_integer_value(json_object_get(m,
			    "order_id")));
		buf_puts(b, "</p>\n");
		if (json_is_null(json_object_get(m, "read_at"))) {
			snprintf(action, sizeof(action),
			    "/api/notifications/%lld/read",
			    (long long)json_integer_value(json_object_get(m,
			    "id")));
			view_form_begin(b, action, "/messages.html");
			buf_puts(b, "<button type=\"submit\" class=\"btn "
			    "btn-secondary\">标为已读</button>\n");
			view_form_end(b);
		}
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n");
	view_end(b);
	return APP_OK;
}

static void
recipient_row(struct buf *b, const struct req *r, size_t k, const json_t *p)
{
	static const char *const fields[][3] = {
		{ "name", "姓名", "text" },
		{ "mobile", "手机号码", "tel" },
		{ "email", "电子邮箱", "email" },
	};
	char	 key[48];
	size_t	 i;

	buf_printf(b, "<fieldset class=\"group recipient\"><legend>接收人 %zu"
	    "</legend>\n", k + 1);
	for (i = 0; i < 3; i++) {
		snprintf(key, sizeof(key), "recipients.%zu.%s", k, fields[i][0]);
		buf_printf(b, "<div class=\"field\"><label for=\"r%zu-%s\">%s"
		    "</label><input id=\"r%zu-%s\" name=\"%s\" type=\"%s\" "
		    "autocomplete=\"off\" value=\"", k, fields[i][0],
		    fields[i][1], k, fields[i][0], fields[i][0], fields[i][2]);
		if (jstr(p, fields[i][0]) != NULL)
			html_attr(b, jstr(p, fields[i][0]));
		buf_puts(b, "\"");
		view_invalid(b, r, key);
		buf_puts(b, ">");
		view_field_error(b, r, NULL, key);
		buf_puts(b, "</div>\n");
	}
	buf_puts(b, "</fieldset>\n");
}

enum app_err
recipients_view(struct req *r, struct resp *w)
{
	const json_t	*list = json_object_get(w->body, "recipients"), *p;
	struct buf	*b = &w->raw;
	json_int_t	 max = json_integer_value(json_object_get(w->body, "max"));
	size_t		 i, rows;

	view_begin(b, "recipients");
	view_query_alert(b, r, NULL);
	if (kv_get(&r->query, "saved") != NULL)
		buf_puts(b, "<p class=\"alert alert-success\" role=\"status\">已保存。"
		    "</p>\n");
	buf_printf(b, "<p class=\"lead\">主体负责人和网站负责人会收到备案的每一步通知。"
	    "您还可以再设置最多 %lld 位接收人（例如同事或财务），他们会收到同样的短信"
	    "和邮件。短信只发往中国内地手机号码。</p>\n", (long long)max);
	view_form_begin_as(b, "/api/account/recipients",
	    "/account/recipients.html?saved=1", "form");
	view_field_error(b, r, NULL, "recipients");
	/* The list and a few empty rows, never past the limit. */
	rows = json_array_size(list) + 3;
	if ((json_int_t)rows > max)
		rows = (size_t)max;
	for (i = 0; i < rows; i++) {
		p = json_array_get(list, i);
		recipient_row(b, r, i, p);
	}
	buf_puts(b, "<p class=\"hint\">留空的行不会保存；清空一行即删除这位接收人。</p>\n"
	    "<button type=\"submit\" class=\"btn btn-primary\">保存</button>\n");
	view_form_end(b);
	view_end(b);
	return APP_OK;
}

enum app_err
dev_mail_view(struct req *r, struct resp *w)
{
	const json_t	*list = json_object_get(w->body, "mail"), *m;
	struct buf	*b = &w->raw;
	size_t		 i;

	(void)r;
	view_begin(b, "dev-mail");
	buf_printf(b, "<p class=\"notice notice-warn\">开发环境：本地 SMTP 服务器收到的"
	    "最近 %zu 封邮件（生产配置中没有这个页面）。</p>\n",
	    json_array_size(list));
	json_array_foreach(list, i, m) {
		buf_puts(b, "<article class=\"dev-mail\">\n<h2>");
		html_text(b, jstr(m, "subject"));
		buf_puts(b, "</h2>\n<p class=\"hint\">收件人：");
		html_text(b, jstr(m, "to"));
		buf_puts(b, " · ");
		html_text(b, jstr(m, "file"));
		buf_puts(b, "</p>\n<pre>");
		html_text(b, jstr(m, "text"));
		buf_puts(b, "</pre>\n</article>\n");
	}
	view_end(b);
	return APP_OK;
}
