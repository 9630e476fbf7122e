/*
 * Fragment of the website program: step 5 (/order/website.html), the
 * websites saved so far and the form for the next one, with the
 * province's rules beside the fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/echo.h"
#include "lib/html.h"
#include "lib/view.h"
#include "views.h"

static void
saved(struct buf *b, long long oid, const json_t *webs, bool editable,
    bool deletable)
{
	const json_t	*w, *o;
	size_t		 i;
	char		 action[96];

	if (json_array_size(webs) == 0)
		return;
	buf_puts(b, "<h2>已填写的网站</h2>\n");
	json_array_foreach(webs, i, w) {
		o = json_object_get(w, "owner");
		buf_puts(b, "<article class=\"website-card\">\n<h3>");
		html_text(b, jstr(w, "name"));
		buf_puts(b, "</h3>\n<dl class=\"facts\">\n");
		view_fact(b, "域名", jstr(w, "domain"));
		view_fact(b, "首页地址", jstr(w, "homepage_url"));
		view_fact(b, "备案服务号", jstr(w, "service_number"));
		view_fact(b, "网站负责人", jstr(o, "name"));
		buf_puts(b, "</dl>\n");
		if (editable)
			buf_printf(b, "<p><a class=\"btn btn-secondary\" href=\""
			    "/order/website.html?id=%lld&amp;edit=%lld#edit\">修改"
			    "</a></p>\n", oid, (long long)json_integer_value(
			    json_object_get(w, "id")));
		if (deletable) {
			snprintf(action, sizeof(action),
			    "/api/orders/%lld/websites/%lld/delete", oid,
			    (long long)json_integer_value(json_object_get(w,
			    "id")));
			buf_printf(b, "<form method=\"post\" class=\"api-form inline\" "
			    "action=\"%s\">\n<div class=\"form-error\" "
			    "role=\"alert\" hidden></div>\n<input type=\"hidden\" "
			    "name=\"next\" value=\"/order/website.html?id=%lld\">\n"
			    "<button type=\"submit\" class=\"btn btn-danger\" "
			    "data-confirm=\"确定删除这个网站的信息吗？\">删除</button>\n"
			    "</form>\n", action, oid);
		}
		buf_puts(b, "</article>\n");
	}
}

/* The stored value of a field of the website being edited, or NULL. */
static const char *
ev(const json_t *edit, const char *key)
{
	return edit != NULL ? jstr(edit, key) : NULL;
}

static void
text_field(struct buf *b, const struct req *r, const char *name,
    const char *label, const char *type, const char *hint, const char *extra,
    const char *value)
{
	buf_printf(b, "<div class=\"field\"><label for=\"%s\">%s</label>"
	    "<input id=\"%s\" name=\"%s\" type=\"%s\" "
	    "aria-describedby=\"err-%s hint-%s\" %s", name, label, name, name,
	    type, name, name, extra != NULL ? extra : "");
	if (value != NULL && *value != '\0') {
		buf_puts(b, " value=\"");
		html_attr(b, value);
		buf_puts(b, "\"");
	}
	view_invalid(b, r, name);
	buf_puts(b, ">\n");
	view_field_error(b, r, NULL, name);
	buf_printf(b, "<p class=\"hint\" id=\"hint-%s\">", name);
	html_text(b, hint);
	buf_puts(b, "</p></div>\n");
}

/* Is code one of the comma-separated list? */
static bool
in_csv(const char *csv, const char *code)
{
	size_t	 n = strlen(code);

	while (csv != NULL && *csv != '\0') {
		if (strncmp(csv, code, n) == 0 && (csv[n] == ',' ||
		    csv[n] == '\0'))
			return true;
		csv = strchr(csv, ',');
		if (csv != NULL)
			csv++;
	}
	return false;
}

/* Checkboxes of a code -> name table; checked: the codes ticked, "32,64". */
static void
code_boxes(struct buf *b, const struct req *r, const char *name,
    const char *legend, const json_t *codes, const char *checked,
    const char *hint)
{
	const char	*k;
	json_t		*v;

	buf_printf(b, "<fieldset class=\"field choices\" "
	    "aria-describedby=\"err-%s\"><legend>%s</legend>\n", name, legend);
	json_object_foreach((json_t *)codes, k, v) {
		buf_printf(b, "<label class=\"choice\"><input type=\"checkbox\" "
		    "name=\"%s\" value=\"", name);
		html_attr(b, k);
		buf_printf(b, "\"%s> ", in_csv(checked, k) ? " checked" : "");
		html_text(b, json_string_value(v));
		buf_puts(b, "</label>\n");
	}
	view_field_error(b, r, NULL, name);
	if (hint != NULL) {
		buf_puts(b, "<p class=\"hint\">");
		html_text(b, hint);
		buf_puts(b, "</p>");
	}
	buf_puts(b, "</fieldset>\n");
}

static const char *
rule_msg(const json_t *rules, const char *rule)
{
	const json_t	*r = json_object_get(rules, rule);

	if (r == NULL || json_integer_value(json_object_get(r, "value")) == 0)
		return NULL;
	return jstr(r, "message");
}

/*
 * The website form: a new website, or (edit: its stored fields, wid its
 * id) the changes to one saved in this draft.
 */
static void
site_form(struct buf *b, const struct req *r, long long oid, const json_t *body,
    const json_t *free_numbers, const json_t *edit, long long wid)
{
	const json_t	*rules = json_object_get(body, "rules");
	const json_t	*certs = json_object_get(body, "id_types"), *n;
	bool		 personal = json_is_true(json_object_get(body, "personal"));
	bool		 same = edit == NULL || strcmp(ev(edit,
	    "owner.same_as_leader"), "0") != 0;
	const char	*lt = ev(edit, "owner.id_long_term");
	bool		 long_term = lt != NULL ? strcmp(lt, "1") == 0 :
	    edit != NULL && *ev(edit, "owner.id_valid_until") == '\0';
	char		 action[96], next[64], check[96];
	const char	*k, *m, *pre;
	/* Asked of both kinds of owner: kept before edit may be dropped. */
	const char	*emergency = ev(edit, "owner.emergency_phone");
	json_t		*v;
	size_t		 i;

	snprintf(next, sizeof(next), "/order/website.html?id=%lld", oid);
	if (wid != 0) {
		snprintf(action, sizeof(action),
		    "/api/orders/%lld/websites/%lld/update", oid, wid);
		snprintf(check, sizeof(check),
		    "/api/orders/%lld/websites/check?website_id=%lld", oid, wid);
		buf_puts(b, "<h2 id=\"edit\">修改网站：");
		html_text(b, jstr(json_object_get(body, "edit"), "name"));
		buf_printf(b, "</h2>\n<p><a href=\"%s\">不修改了，返回</a></p>\n",
		    next);
	} else {
		snprintf(action, sizeof(action), "/api/orders/%lld/websites", oid);
		snprintf(check, sizeof(check), "/api/orders/%lld/websites/check",
		    oid);
		buf_puts(b, json_array_size(json_object_get(body, "websites")) >
		    0 ? "<h2>再添加一个网站</h2>\n" : "<h2>添加一个网站</h2>\n");
	}
	if ((m = rule_msg(rules, "domain_cert_required")) != NULL ||
	    (m = rule_msg(rules, "min_domain_validity_days")) != NULL) {
		buf_puts(b, "<aside class=\"note\"><h3>本省要求</h3><ul>\n");
		json_object_foreach((json_t *)rules, k, v)
			if (json_integer_value(json_object_get(v, "value")) != 0 &&
			    strcmp(jstr(v, "province"), "000000") != 0) {
				buf_puts(b, "<li>");
				html_text(b, jstr(v, "message"));
				buf_puts(b, "</li>\n");
			}
		buf_puts(b, "</ul></aside>\n");
	}
	view_form_begin(b, action, next);
	/* Where website.js checks as the applicant types. */
	buf_puts(b, "<input type=\"hidden\" name=\"_check\" value=\"");
	html_attr(b, check);
	buf_puts(b, "\" disabled>\n<fieldset class=\"group\"><legend>网站</legend>\n");
	text_field(b, r, "name", "网站名称", "text", personal ?
	    "至少 3 个字，与网站内容相关，例如“张三的摄影日记”；个人网站不能使用"
	    "“论坛”“工作室”“平台”等词，不能以“中国”“国家”等开头。" :
	    "建议使用单位全称或简称，如“示例科技官网”；含“新闻”“论坛”等需先有前置审批。",
	    "maxlength=\"50\" autocomplete=\"off\"", ev(edit, "name"));
	text_field(b, r, "domain", "网站域名", "text",
	    "填写注册的主域名，不带 www 和 http://，例如 example.com；支持中文域名。",
	    "maxlength=\"253\" autocomplete=\"off\" spellcheck=\"false\" "
	    "autocapitalize=\"off\"", ev(edit, "domain"));
	text_field(b, r, "homepage_url", "网站首页地址", "text",
	    "必须在上面的域名下，例如 www.example.com。",
	    "maxlength=\"500\" autocomplete=\"off\" spellcheck=\"false\" "
	    "autocapitalize=\"off\"", ev(edit, "homepage_url"));
	code_boxes(b, r, "content_types", "网站服务内容",
	    json_object_get(body, "content_types"), edit != NULL ?
	    ev(edit, "content_types") : personal ? "32" : "128",
	    personal ? "个人网站通常选“博客/个人空间”或“其他”。" :
	    "单位网站通常选“单位门户网站”。");
	code_boxes(b, r, "languages", "网站语言",
	    json_object_get(body, "languages"), edit != NULL ?
	    ev(edit, "languages") : "1", NULL);
	if (!personal) {
		buf_puts(b, "<div class=\"field\"><label for=\"preapproval_type\">"
		    "前置审批（如涉及）</label><select id=\"preapproval_type\" "
		    "name=\"preapproval_type\" aria-describedby=\"err-preapprovals\"");
		view_invalid(b, r, "preapprovals");
		buf_puts(b, "><option value=\"\">不涉及</option>\n");
		/* "1:number": the one pre-approval the form has room for. */
		pre = ev(edit, "preapprovals");
		json_object_foreach((json_t *)json_object_get(body,
		    "preapproval_types"), k, v) {
			buf_puts(b, "<option value=\"");
			html_attr(b, k);
			buf_printf(b, "\"%s>", pre != NULL &&
			    strncmp(pre, k, strlen(k)) == 0 &&
			    pre[strlen(k)] == ':' ? " selected" : "");
			html_text(b, json_string_value(v));
			buf_puts(b, "</option>\n");
		}
		buf_puts(b, "</select><label for=\"preapproval_number\">审批号</label>"
		    "<input id=\"preapproval_number\" name=\"preapproval_number\" "
		    "type=\"text\" maxlength=\"64\" aria-describedby=\"err-preapprovals\"");
		if (pre != NULL && strchr(pre, ':') != NULL) {
			char	 num[256];
			size_t	 len = strcspn(strchr(pre, ':') + 1, ";");

			if (len < sizeof(num)) {
				memcpy(num, strchr(pre, ':') + 1, len);
				num[len] = '\0';
				buf_puts(b, " value=\"");
				html_attr(b, num);
				buf_puts(b, "\"");
			}
		}
		view_invalid(b, r, "preapprovals");
		buf_puts(b, ">\n");
		view_field_error(b, r, NULL, "preapprovals");
		buf_puts(b, "</div>\n");
	}
	buf_puts(b, "<div class=\"field\"><label for=\"service_number\">备案服务号"
	    "</label><select id=\"service_number\" name=\"service_number\" "
	    "aria-describedby=\"err-service_number\">\n");
	if (wid != 0 && (n = json_object_get(body, "edit")) != NULL) {
		buf_puts(b, "<option>");
		html_text(b, jstr(n, "service_number"));
		buf_puts(b, "</option>\n");
	}
	json_array_foreach(free_numbers, i, n) {
		buf_printf(b, "<option%s>", edit != NULL && strcmp(ev(edit,
		    "service_number"), json_string_value(n)) == 0 ?
		    " selected" : "");
		html_text(b, json_string_value(n));
		buf_puts(b, "</option>\n");
	}
	buf_puts(b, "</select>\n");
	view_field_error(b, r, NULL, "service_number");
	buf_puts(b, "</div>\n<div class=\"field\"><label for=\"remark\">备注（选填）"
	    "</label><textarea id=\"remark\" name=\"remark\" rows=\"2\" "
	    "maxlength=\"500\">");
	html_text(b, ev(edit, "remark"));
	buf_puts(b, "</textarea>\n");
	view_field_error(b, r, NULL, "remark");
	buf_puts(b, "</div>\n</fieldset>\n");

	buf_puts(b, "<fieldset class=\"group owner\"><legend>网站负责人</legend>\n"
	    "<label class=\"choice\"><input type=\"checkbox\" "
	    "name=\"owner.same_as_leader\" value=\"1\"");
	buf_puts(b, same ? " checked" : "");
	buf_puts(b, "> 与主体负责人为同一人（使用主体负责人的证件和联系方式）</label>\n"
	    "<div class=\"owner-person\">\n<p class=\"hint\">不是同一人时填写下面各项；"
	    "手机号码和邮箱不能与主体负责人相同。</p>\n");
	/* With "same as the leader" the stored owner is the leader: not shown. */
	if (same)
		edit = NULL;
	text_field(b, r, "owner.name", "姓名", "text", "与证件上的姓名一致。",
	    "maxlength=\"30\"", ev(edit, "owner.name"));
	buf_puts(b, "<div class=\"field\"><label for=\"owner.id_type\">证件类型"
	    "</label><select id=\"owner.id_type\" name=\"owner.id_type\" "
	    "aria-describedby=\"err-owner.id_type\">\n");
	json_object_foreach((json_t *)certs, k, v) {
		if (!json_is_true(json_object_get(v, "personal")))
			continue;
		buf_puts(b, "<option value=\"");
		html_attr(b, k);
		buf_printf(b, "\"%s>", edit != NULL &&
		    strcmp(ev(edit, "owner.id_type"), k) == 0 ? " selected" : "");
		html_text(b, jstr(v, "name"));
		buf_puts(b, "</option>\n");
	}
	buf_puts(b, "</select>\n");
	view_field_error(b, r, NULL, "owner.id_type");
	buf_puts(b, "</div>\n");
	text_field(b, r, "owner.id_number", "证件号码", "text",
	    "居民身份证为 18 位，最后一位可能是 X。", "maxlength=\"30\" "
	    "autocomplete=\"off\" spellcheck=\"false\"",
	    ev(edit, "owner.id_number"));
	buf_puts(b, "<label class=\"choice\"><input type=\"checkbox\" "
	    "name=\"owner.id_long_term\" value=\"1\" aria-describedby="
	    "\"err-owner.id_valid_until hint-owner.id_valid_until\"");
	buf_puts(b, long_term ? " checked" : "");
	buf_puts(b, "> 证件长期有效</label>\n");
	text_field(b, r, "owner.id_valid_until", "证件有效期至", "date",
	    rule_msg(rules, "min_id_validity_days") != NULL ?
	    rule_msg(rules, "min_id_validity_days") : "证件须在有效期内。", NULL,
	    ev(edit, "owner.id_valid_until"));
	text_field(b, r, "owner.mobile", "手机号码", "tel",
	    "用于接收工信部的短信核验码，一个号码只能用于一个主体。",
	    "maxlength=\"11\" inputmode=\"numeric\"", ev(edit, "owner.mobile"));
	text_field(b, r, "owner.email", "电子邮箱", "email",
	    "用于接收管局的审核结果。", "maxlength=\"254\"", ev(edit, "owner.email"));
	buf_puts(b, "</div>\n");
	text_field(b, r, "owner.emergency_phone", "应急联系电话", "tel",
	    "手机或带区号的固定电话，不能与手机号码相同。", "maxlength=\"20\"",
	    emergency);
	buf_printf(b, "</fieldset>\n<button type=\"submit\" class=\"btn btn-primary\">"
	    "%s</button>\n", wid != 0 ? "保存修改" : "保存，并继续添加网站");
	view_form_end(b);
}

/*
 * What a refused classic post of the website form sent (echo.h), in the
 * shape of a stored website (db_website_fields), or NULL.
 */
static json_t *
typed_website(struct req *r, const char *action)
{
	static const char *const text[] = {
		"name", "domain", "homepage_url", "remark", "service_number",
		"owner.name", "owner.id_type", "owner.id_number",
		"owner.id_valid_until", "owner.mobile",
		"owner.emergency_phone", "owner.email",
	};
	const json_t	*e = echo_get(r, action), *p;
	json_t		*o;
	struct buf	 pre = BUF_INIT;
	const char	*v, *k;
	char		*list;
	size_t		 i, t = 0, n = 0;

	if (e == NULL)
		return NULL;
	o = json_object();
	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		json_object_set_new(o, text[i], json_string((v = echo_str(r, action,
		    text[i])) != NULL ? v : ""));
	list = echo_list(r, action, "content_types");
	json_object_set_new(o, "content_types", json_string(list));
	free(list);
	list = echo_list(r, action, "languages");
	json_object_set_new(o, "languages", json_string(list));
	free(list);
	json_object_set_new(o, "owner.same_as_leader", json_string(
	    echo_str(r, action, "owner.same_as_leader") != NULL ? "1" : "0"));
	json_object_set_new(o, "owner.id_long_term", json_string(
	    echo_str(r, action, "owner.id_long_term") != NULL ? "1" : "0"));
	/* The k-th type goes with the k-th number, as the server reads them. */
	json_array_foreach(e, i, p) {
		k = json_string_value(json_array_get(p, 0));
		v = json_string_value(json_array_get(p, 1));
		if (strcmp(k, "preapproval_type") == 0 && *v != '\0')
			buf_printf(&pre, "%s%s:", t++ > 0 ? ";" : "", v);
		else if (strcmp(k, "preapproval_number") == 0 && n++ < t)
			buf_puts(&pre, v);
	}
	json_object_set_new(o, "preapprovals", json_string(pre.p != NULL ?
	    pre.p : ""));
	buf_free(&pre);
	return o;
}

enum app_err
website_view(struct req *r, struct resp *w)
{
	const json_t	*o = json_object_get(w->body, "order");
	const json_t	*webs = json_object_get(w->body, "websites"), *n, *x;
	const json_t	*sins = json_object_get(o, "service_numbers");
	struct buf	*b = &w->raw;
	long long	 oid = (long long)json_integer_value(json_object_get(o,
	    "id"));
	json_int_t	 max = json_integer_value(json_object_get(
	    json_object_get(w->body, "limits"), "max_websites"));
	json_t		*free_numbers = json_array(), *typed;
	char		 action[96];
	long long	 edit_id;
	bool		 used, editable = view_open(o), draft = view_draft(o);
	size_t		 i, k;

	view_begin(b, "order-website");
	view_steps(b, r, o, STEP_WEBSITES);
	view_query_alert(b, r, NULL);
	json_array_foreach(sins, i, n) {
		used = false;
		json_array_foreach(webs, k, x)
			if (strcmp(jstr(x, "service_number"), jstr(n, "number")) == 0)
				used = true;
		if (!used)
			json_array_append_new(free_numbers,
			    json_string(jstr(n, "number")));
	}
	saved(b, oid, webs, editable, draft);
	/* Refused without JavaScript: the form again, as it was typed. */
	edit_id = (long long)json_integer_value(json_object_get(w->body,
	    "edit_id"));
	if (edit_id != 0)
		snprintf(action, sizeof(action),
		    "/api/orders/%lld/websites/%lld/update", oid, edit_id);
	else
		snprintf(action, sizeof(action), "/api/orders/%lld/websites",
		    oid);
	typed = typed_website(r, action);
	if (!editable)
		view_not_draft(b, o);
	else if (json_is_object(json_object_get(w->body, "edit")))
		site_form(b, r, oid, w->body, free_numbers, typed != NULL ? typed :
		    json_object_get(w->body, "edit"), (long long)json_integer_value(
		    json_object_get(w->body, "edit_id")));
	else if (!draft)
		buf_puts(b, "<div class=\"alert alert-info\"><p>管局驳回后，已填写的"
		    "网站都可以修改（点“修改”）；不能再增加或删除网站。</p></div>\n");
	else if ((json_int_t)json_array_size(webs) >= max) {
		buf_puts(b, "<div class=\"alert alert-info\"><p>");
		html_text(b, jstr(json_object_get(w->body, "limits"), "message"));
		buf_puts(b, "。</p></div>\n");
	} else if (json_array_size(free_numbers) == 0)
		buf_printf(b, "<div class=\"alert alert-info\"><p>每个网站需要一个备案服务号。"
		    "请先在产品验证中验证一个新的备案服务号。</p><p><a class=\"btn "
		    "btn-secondary\" href=\"/order/product.html?id=%lld\">去产品验证</a>"
		    "</p></div>\n", oid);
	else
		site_form(b, r, oid, w->body, free_numbers, typed, 0);
	if (json_array_size(webs) > 0)
		buf_printf(b, "<p class=\"next-step\"><a class=\"btn btn-primary\" "
		    "href=\"/order/upload.html?id=%lld\">下一步：上传资料</a></p>\n",
		    oid);
	json_decref(typed);
	json_decref(free_numbers);
	view_end(b);
	return APP_OK;
}
