/*
 * Fragment of the session program: who is signed in, for the header of
 * every page (web/inc/header.html includes it by SSI), so that a browser
 * without JavaScript sees the account name and 退出登录 only when there
 * is someone to log out, and a 登录 link when there is not.  The element
 * ids are header.js's contract.
 */
#include <stdio.h>
#include <string.h>

#include "lib/html.h"
#include "lib/view.h"
#include "views.h"

static const char *
role_name(const char *role)
{
	if (role == NULL)
		return "未知";
	if (strcmp(role, "applicant") == 0)
		return "申请人";
	if (strcmp(role, "reviewer") == 0)
		return "审核员";
	if (strcmp(role, "admin") == 0)
		return "管理员";
	return role;
}

enum app_err
session_header_view(struct req *r, struct resp *w)
{
	const json_t	*u = json_object_get(w->body, "user");
	struct buf	*b = &w->raw;
	const char	*name;

	(void)r;
	if (!json_is_object(u)) {
		buf_puts(b, "<p class=\"account-text\" id=\"account\" hidden>"
		    "已登录：<strong id=\"account-name\"></strong>（<span "
		    "id=\"account-login\"></span>，角色：<span id=\"account-role\">"
		    "</span>）</p>\n<a class=\"button button-secondary\" "
		    "href=\"/login.html\">登录</a>\n");
		return APP_OK;
	}
	name = jstr(u, "name") != NULL && *jstr(u, "name") != '\0' ?
	    jstr(u, "name") : jstr(u, "login");
	buf_puts(b, "<p class=\"account-text\" id=\"account\">已登录：<strong "
	    "id=\"account-name\">");
	html_text(b, name);
	buf_puts(b, "</strong>（<span id=\"account-login\">");
	html_text(b, jstr(u, "login"));
	buf_puts(b, "</span>，角色：<span id=\"account-role\">");
	html_text(b, role_name(jstr(u, "role")));
	buf_printf(b, "</span>）</p>\n<a class=\"messages-link\" id=\"messages-link\" "
	    "href=\"/messages.html\">消息%s", json_integer_value(json_object_get(
	    w->body, "unread")) > 0 ? "<span class=\"badge\">" : "");
	if (json_integer_value(json_object_get(w->body, "unread")) > 0)
		buf_printf(b, "%lld<span class=\"visually-hidden\">条未读</span>"
		    "</span>", (long long)json_integer_value(json_object_get(
		    w->body, "unread")));
	buf_puts(b, "</a>\n<form id=\"logout-form\" class=\"inline-form\" "
	    "method=\"post\" action=\"/api/session/logout\">\n<input type=\"hidden\" "
	    "name=\"next\" value=\"/login.html\">\n<button type=\"submit\" "
	    "id=\"logout-button\" class=\"button button-secondary\">退出登录"
	    "</button>\n</form>\n");
	return APP_OK;
}
