/*
 * Fragment of the submit program: step 6 "提交" (/order/submit.html).
 * Before submitting: every finding, errors first, each linked to the
 * place that fixes it.  In review: what we wait for and until when.
 * After a rejection: exactly which items were rejected and why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db-review.h"
#include "lib/echo.h"
#include "lib/html.h"
#include "lib/view.h"
#include "views.h"

/* The website wid of the order's JSON, or NULL. */
static const json_t *
website_of(const json_t *o, long long wid)
{
	const json_t	*s;
	size_t		 i;

	json_array_foreach(json_object_get(o, "websites"), i, s)
		if (json_integer_value(json_object_get(s, "id")) == wid)
			return s;
	return NULL;
}

/* The website a finding's target names ("websites.12.domain"), or 0. */
static long long
target_website(const json_t *f)
{
	const json_t	*t = json_object_get(f, "target"), *slot;
	const char	*field = jstr(t, "field");

	if ((slot = json_object_get(t, "slot")) != NULL)
		return (long long)json_integer_value(json_object_get(slot,
		    "website_id"));
	if (field != NULL && strncmp(field, "websites.", 9) == 0)
		return strtoll(field + 9, NULL, 10);
	return 0;
}

/*
 * Where a target is fixed: the step page, at the field (in the form of
 * that website, opened for editing while a draft) or the slot.
 */
static void
target_link(struct buf *b, const json_t *o, const json_t *f)
{
	const json_t	*t = json_object_get(f, "target"), *slot;
	const char	*field = jstr(t, "field");

	buf_puts(b, "<a href=\"");
	if (strchr(jstr(f, "href"), '#') != NULL)
		html_attr(b, jstr(f, "href"));	/* the check named the place */
	else if ((slot = json_object_get(t, "slot")) != NULL) {
		html_attr(b, jstr(f, "href"));
		buf_puts(b, "#slot-");
		html_attr(b, jstr(slot, "kind"));
		buf_printf(b, "-%lld", (long long)json_integer_value(
		    json_object_get(slot, "website_id")));
	} else if (field != NULL && strncmp(field, "websites.", 9) == 0 &&
	    strchr(field + 9, '.') != NULL && view_draft(o)) {
		buf_printf(b, "/order/website.html?id=%lld&amp;edit=%lld#",
		    (long long)json_integer_value(json_object_get(o, "id")),
		    target_website(f));
		html_attr(b, strchr(field + 9, '.') + 1);
	} else
		html_attr(b, jstr(f, "href"));
	/* A warning may need nothing changed here: it is looked at. */
	buf_printf(b, "\">%s</a>", strcmp(jstr(f, "severity"), "error") == 0 ?
	    "去修改" : "去查看");
}

static void
finding(struct buf *b, const json_t *o, const json_t *lists, const json_t *f)
{
	const char	*reason = jstr(f, "reason"), *title;
	const json_t	*site = website_of(o, target_website(f));

	buf_printf(b, "<li class=\"finding finding-%s\">",
	    strcmp(jstr(f, "severity"), "error") == 0 ? "error" : "warning");
	buf_puts(b, "<p class=\"finding-message\">");
	/* Two websites can both have the finding: say whose. */
	if (site != NULL) {
		buf_puts(b, "<span class=\"badge\">网站：");
		html_text(b, jstr(site, "name"));
		buf_puts(b, "</span> ");
	}
	html_text(b, jstr(f, "message"));
	/* The code alone means nothing to an applicant: say the reason. */
	if (reason != NULL) {
		title = jstr(json_object_get(lists, "reasons"), reason);
		buf_puts(b, " <span class=\"badge\" title=\"");
		html_attr(b, reason);
		buf_puts(b, "\">常见驳回原因：");
		html_text(b, title != NULL ? title : reason);
		buf_puts(b, "</span>");
	}
	buf_puts(b, "</p>");
	if (jstr(f, "fix") != NULL && *jstr(f, "fix") != '\0') {
		buf_puts(b, "<p class=\"hint\">");
		html_text(b, jstr(f, "fix"));
		buf_puts(b, "</p>");
	}
	buf_puts(b, "<p>");
	target_link(b, o, f);
	buf_puts(b, "</p></li>\n");
}

void
submit_findings(struct buf *b, const json_t *o, const json_t *lists,
    const json_t *all, const char *sev, const char *title)
{
	const json_t	*f;
	size_t		 i, n = 0;

	json_array_foreach(all, i, f)
		if (strcmp(jstr(f, "severity"), sev) == 0)
			n++;
	if (n == 0)
		return;
	buf_printf(b, "<h2>%s（%zu）</h2>\n<ul class=\"findings\">\n", title, n);
	json_array_foreach(all, i, f)
		if (strcmp(jstr(f, "severity"), sev) == 0)
			finding(b, o, lists, f);
	buf_puts(b, "</ul>\n");
}

/* The stored value of a website's field as the order shows it. */
static const char *
shown_value(const json_t *o, long long wid, const char *key)
{
	const json_t	*s;
	size_t		 i;

	/* Masked in the order's JSON: asked for afresh, never prefilled. */
	if (strcmp(key, "owner.id_number") == 0 ||
	    strcmp(key, "owner.mobile") == 0)
		return "";
	json_array_foreach(json_object_get(o, "websites"), i, s) {
		if (json_integer_value(json_object_get(s, "id")) != wid)
			continue;
		if (strncmp(key, "owner.", 6) == 0)
			s = json_object_get(s, "owner");
		return jstr(s, strncmp(key, "owner.", 6) == 0 ? key + 6 : key);
	}
	return "";
}


/* Does the JSON array of integers have code? */
static bool
has_code(const json_t *arr, const char *code)
{
	const json_t	*v;
	size_t		 i;
	char		 c[32];

	json_array_foreach(arr, i, v) {
		snprintf(c, sizeof(c), "%lld", (long long)json_integer_value(v));
		if (strcmp(c, code) == 0)
			return true;
	}
	return false;
}

/* Checkboxes of a code list (content types, languages). */
static void
fix_codes(struct buf *b, const json_t *codes, const json_t *current,
    const char *key, const char *label)
{
	const char	*code;
	const json_t	*name;

	buf_puts(b, "<fieldset class=\"field choices\"><legend>");
	html_text(b, label);
	buf_puts(b, "</legend>\n");
	json_object_foreach((json_t *)codes, code, name) {
		buf_puts(b, "<label class=\"choice\"><input type=\"checkbox\" "
		    "name=\"");
		html_attr(b, key);
		buf_puts(b, "\" value=\"");
		html_attr(b, code);
		buf_printf(b, "\"%s> ", has_code(current, code) ? " checked" : "");
		html_text(b, json_string_value(name));
		buf_puts(b, "</label>\n");
	}
	buf_puts(b, "</fieldset>\n");
}

/* The owner's ID type: the personal certificate types. */
static void
fix_cert(struct buf *b, const json_t *certs, long long current,
    const char *id)
{
	const char	*code;
	const json_t	*c;

	buf_puts(b, "<div class=\"field\"><label for=\"");
	html_attr(b, id);
	buf_puts(b, "\">负责人证件类型</label><select id=\"");
	html_attr(b, id);
	buf_puts(b, "\" name=\"owner.id_type\">\n");
	json_object_foreach((json_t *)certs, code, c) {
		if (!json_is_true(json_object_get(c, "personal")))
			continue;
		buf_puts(b, "<option value=\"");
		html_attr(b, code);
		buf_printf(b, "\"%s>", strtoll(code, NULL, 10) == current ?
		    " selected" : "");
		html_text(b, jstr(c, "name"));
		buf_puts(b, "</option>\n");
	}
	buf_puts(b, "</select></div>\n");
}

/* The pre-approvals: the website's rows and one empty row to add. */
static void
fix_preapprovals(struct buf *b, const json_t *types, const json_t *rows)
{
	const json_t	*row, *name;
	const char	*code;
	char		 cur[32];
	size_t		 i;

	buf_puts(b, "<fieldset class=\"field\"><legend>前置审批</legend>\n");
	for (i = 0; i <= json_array_size(rows); i++) {
		row = json_array_get(rows, i);
		snprintf(cur, sizeof(cur), "%lld", (long long)json_integer_value(
		    json_object_get(row, "type")));
		buf_printf(b, "<div class=\"preapproval-row\"><label>审批类型 "
		    "<select name=\"preapproval_type\"><option value=\"\">%s"
		    "</option>\n", row != NULL ? "（删除这一项）" : "（无）");
		json_object_foreach((json_t *)types, code, name) {
			buf_puts(b, "<option value=\"");
			html_attr(b, code);
			buf_printf(b, "\"%s>", row != NULL &&
			    strcmp(code, cur) == 0 ? " selected" : "");
			html_text(b, json_string_value(name));
			buf_puts(b, "</option>\n");
		}
		buf_puts(b, "</select></label> <label>审批号 <input type=\"text\" "
		    "name=\"preapproval_number\" value=\"");
		html_attr(b, row != NULL ? jstr(row, "number") : "");
		buf_puts(b, "\"></label></div>\n");
	}
	buf_puts(b, "</fieldset>\n");
}

/* A text input of the owner form, prefilled with value. */
static void
owner_input(struct buf *b, long long wid, const char *key, const char *label,
    const char *value, const char *hint)
{
	buf_printf(b, "<div class=\"field\"><label for=\"fix-%lld-%s\">%s"
	    "</label><input type=\"text\" id=\"fix-%lld-%s\" name=\"owner.%s\" "
	    "value=\"", wid, key, label, wid, key, key);
	html_attr(b, value != NULL ? value : "");
	buf_puts(b, "\">");
	if (hint != NULL)
		buf_printf(b, "<p class=\"hint\">%s</p>", hint);
	buf_printf(b, "<p class=\"field-error\" data-field=\"owner.%s\" hidden>"
	    "</p></div>\n", key);
}

/*
 * The owner as a whole was rejected: the applicant names another person
 * (or the subject's leader) with every field of the website form's owner.
 */
static void
fix_owner(struct buf *b, struct req *r, const char *action, const json_t *o,
    const json_t *lists, const json_t *site, long long wid)
{
	const json_t	*ow = json_object_get(site, "owner");
	const char	*leader = jstr(json_object_get(o, "subject"),
	    "leader_name");
	bool		 same = json_is_true(json_object_get(ow,
	    "same_as_leader"));
	char		 id[48];

	buf_puts(b, "<fieldset class=\"field choices\"><legend>新的网站负责人"
	    "</legend>\n");
	buf_printf(b, "<label class=\"choice\"><input type=\"radio\" "
	    "name=\"owner.same_as_leader\" value=\"0\" checked> 另一位负责人"
	    "（填写下面的信息）</label>\n");
	if (!same) {
		buf_puts(b, "<label class=\"choice\"><input type=\"radio\" "
		    "name=\"owner.same_as_leader\" value=\"1\"> 同主体负责人（");
		html_text(b, leader != NULL ? leader : "");
		buf_puts(b, "）</label>\n");
	}
	buf_puts(b, "<p class=\"field-error\" data-field=\"owner.same_as_leader\" "
	    "hidden></p></fieldset>\n");
	/*
	 * Another person: nothing of the rejected one is prefilled, but
	 * what was typed into a refused classic post comes back.
	 */
#define TYPED(k, dflt)	(echo_str(r, action, "owner." k) != NULL ? \
			    echo_str(r, action, "owner." k) : (dflt))
	owner_input(b, wid, "name", "负责人姓名", TYPED("name", ""),
	    "与证件上的姓名一致");
	snprintf(id, sizeof(id), "fix-%lld-id_type", wid);
	fix_cert(b, json_object_get(lists, "id_types"),
	    strtoll(TYPED("id_type", "2"), NULL, 10), id);
	owner_input(b, wid, "id_number", "证件号码", TYPED("id_number", ""),
	    NULL);
	owner_input(b, wid, "id_valid_until", "证件有效期至",
	    TYPED("id_valid_until", ""),
	    "格式 YYYY-MM-DD，例如 2035-06-30；长期有效的证件勾选下面一项");
	buf_printf(b, "<label class=\"choice\"><input type=\"checkbox\" "
	    "name=\"owner.id_long_term\" value=\"1\"%s> 证件长期有效</label>\n",
	    echo_str(r, action, "owner.id_long_term") != NULL ? " checked" : "");
	owner_input(b, wid, "mobile", "手机号码", TYPED("mobile", ""),
	    "接收管局核验短信，须本人实名");
	owner_input(b, wid, "emergency_phone", "应急联系电话",
	    TYPED("emergency_phone", jstr(ow, "emergency_phone")),
	    "不能与手机号码相同");
	owner_input(b, wid, "email", "电子邮箱", TYPED("email", ""), NULL);
#undef TYPED
	buf_puts(b, "<p class=\"hint\">换了负责人后，需要为新负责人重新上传证件照片，"
	    "并下载新的核验单由其签字后上传。</p>\n");
}

/*
 * A rejected field is changed right here, in a form of its own that
 * posts only that field; the rest of the website stays as it is.
 */
static void
field_fix(struct buf *b, struct req *r, const json_t *o, const json_t *lists,
    long long oid, const char *field)
{
	const struct review_field	*rf;
	const json_t			*site;
	const char			*key, *dot;
	long long			 wid;
	char				 action[96], next[64], id[112];

	dot = field != NULL && strncmp(field, "websites.", 9) == 0 ?
	    strchr(field + 9, '.') : NULL;
	key = dot != NULL ? dot + 1 : "";
	rf = review_field_find(key);
	wid = dot != NULL ? strtoll(field + 9, NULL, 10) : 0;
	site = website_of(o, wid);
	if (rf == NULL || rf->edit == RE_NONE || site == NULL) {
		buf_printf(b, "<a href=\"/order/website.html?id=%lld\">查看网站信息"
		    "（", oid);
		html_text(b, rf != NULL ? rf->label : key);
		buf_puts(b, "）</a>");
		return;
	}
	snprintf(action, sizeof(action), "/api/orders/%lld/websites/%lld/fields",
	    oid, wid);
	snprintf(next, sizeof(next), "/order/submit.html?id=%lld", oid);
	snprintf(id, sizeof(id), "fix-%lld-%s", wid, key);
	buf_puts(b, "</p>\n");
	/* The fields route reads the classic form's shape, with or without JS. */
	view_form_begin_as(b, action, next, "form");
	switch (rf->edit) {
	case RE_CODES:
		fix_codes(b, json_object_get(lists, strcmp(key, "languages") ==
		    0 ? "languages" : "content_types"), json_object_get(site,
		    key), key, rf->label);
		break;
	case RE_CODE:
		fix_cert(b, json_object_get(lists, "id_types"),
		    (long long)json_integer_value(json_object_get(
		    json_object_get(site, "owner"), "id_type")), id);
		break;
	case RE_PREAPPROVALS:
		fix_preapprovals(b, json_object_get(lists, "preapproval_types"),
		    json_object_get(site, "preapprovals"));
		break;
	case RE_OWNER:
		fix_owner(b, r, action, o, lists, site, wid);
		break;
	default:
		buf_puts(b, "<div class=\"field\"><label for=\"");
		html_attr(b, id);
		buf_puts(b, "\">");
		html_text(b, rf->label);
		buf_puts(b, "</label><input type=\"text\" id=\"");
		html_attr(b, id);
		buf_puts(b, "\" name=\"");
		html_attr(b, key);
		buf_puts(b, "\" value=\"");
		/* Refused without JavaScript: what was typed, to correct. */
		html_attr(b, echo_str(r, action, key) != NULL ?
		    echo_str(r, action, key) : shown_value(o, wid, key));
		/* A new domain needs a homepage on it: both go together. */
		if (strcmp(key, "domain") == 0) {
			buf_puts(b, "\" required></div>\n<div class=\"field\">"
			    "<label for=\"");
			html_attr(b, id);
			buf_puts(b, "-homepage\">网站首页地址</label><input type="
			    "\"text\" id=\"");
			html_attr(b, id);
			buf_puts(b, "-homepage\" name=\"homepage_url\" value=\"");
			html_attr(b, echo_str(r, action, "homepage_url") != NULL ?
			    echo_str(r, action, "homepage_url") :
			    shown_value(o, wid, "homepage_url"));
			buf_puts(b, "\" required><p class=\"hint\">首页地址要在新域名下，"
			    "例如 www.新域名</p><p class=\"field-error\" "
			    "data-field=\"homepage_url\" hidden></p></div>\n");
		} else if (strcmp(key, "owner.id_valid_until") == 0)
			buf_puts(b, "\" placeholder=\"YYYY-MM-DD\"></div>\n"
			    "<label class=\"choice\"><input type=\"checkbox\" "
			    "name=\"owner.id_long_term\" value=\"1\"> 证件长期有效"
			    "</label>\n");
		else
			buf_puts(b, "\" required></div>\n");
	}
	buf_puts(b, "<p class=\"field-error\" data-field=\"");
	html_attr(b, key);
	buf_puts(b, "\" hidden></p>\n<button type=\"submit\" "
	    "class=\"btn btn-secondary\">保存修改</button>\n");
	view_form_end(b);
	buf_puts(b, "<p>");
}

/* What an item names, in the form's words: "应急联系电话", "承诺书". */
static const char *
item_label(const json_t *it)
{
	const struct review_field	*rf;
	const char			*f = jstr(json_object_get(it, "target"),
	    "field"), *dot;

	if (f == NULL)
		return jstr(it, "kind_name") != NULL ? jstr(it, "kind_name") :
		    "材料";
	dot = strncmp(f, "websites.", 9) == 0 ? strchr(f + 9, '.') : NULL;
	rf = review_field_find(dot != NULL ? dot + 1 : "");
	return rf != NULL ? rf->label : f;
}

/* Is item it still as the reviewer saw it (a rejected_unchanged finding)? */
static bool
unchanged(const json_t *all, const json_t *it)
{
	const json_t	*f;
	size_t		 i;

	json_array_foreach(all, i, f)
		if (strcmp(jstr(f, "rule"), "rejected_unchanged") == 0 &&
		    json_equal(json_object_get(f, "target"),
		    json_object_get(it, "target")))
			return true;
	return false;
}

static void
rejected(struct buf *b, struct req *r, const json_t *o, const json_t *lists,
    const json_t *all)
{
	const json_t	*items = json_object_get(json_object_get(o, "review"),
	    "rejected"), *it, *t, *site;
	long long	 oid = (long long)json_integer_value(json_object_get(o,
	    "id"));
	size_t		 i, n;
	bool		 fixed;

	if (json_array_size(items) == 0)
		return;
	n = 0;
	json_array_foreach(items, i, it)
		if (!unchanged(all, it))
			n++;
	buf_printf(b, "<div class=\"alert alert-error\" role=\"alert\"><p>初审驳回了"
	    " %zu 项。只需修改下面这些项目，其他已通过的内容保持不变，改好后重新提交。</p>",
	    json_array_size(items));
	if (n > 0)
		buf_printf(b, "<p>已修改 %zu 项，还有 %zu 项待修改。</p>", n,
		    json_array_size(items) - n);
	buf_puts(b, "</div>\n<ul class=\"findings rejected-items\">\n");
	json_array_foreach(items, i, it) {
		t = json_object_get(it, "target");
		site = website_of(o, (long long)json_integer_value(
		    json_object_get(it, "website_id")));
		fixed = !unchanged(all, it);
		buf_printf(b, "<li class=\"finding finding-error%s\" id=\"item-%lld\">"
		    "<p class=\"finding-message\">%s", fixed ? " fixed" : "",
		    (long long)json_integer_value(json_object_get(it, "id")), fixed ?
		    "<span class=\"badge badge-fixed\">✓ 已修改</span> " :
		    "<span class=\"badge badge-todo\">待修改</span> ");
		/* Two websites both have 应急联系电话: say whose. */
		if (site != NULL) {
			buf_puts(b, "<span class=\"badge\">网站：");
			html_text(b, jstr(site, "name"));
			buf_puts(b, "</span> ");
		}
		buf_puts(b, "<strong>");
		html_text(b, item_label(it));
		buf_puts(b, "</strong>：");
		html_text(b, jstr(it, "title"));
		if (jstr(it, "note") != NULL && *jstr(it, "note") != '\0') {
			buf_puts(b, "：");
			html_text(b, jstr(it, "note"));
		}
		buf_puts(b, "</p><p class=\"hint\">");
		html_text(b, jstr(it, "fix"));
		buf_puts(b, "</p><p>");
		if (json_object_get(t, "upload") != NULL) {
			buf_printf(b, "<a href=\"/order/upload.html?id=%lld#slot-",
			    oid);
			html_attr(b, jstr(it, "kind"));
			buf_printf(b, "-%lld\">重新上传</a>", (long long)
			    json_integer_value(json_object_get(it, "website_id")));
		} else
			field_fix(b, r, o, lists, oid, jstr(t, "field"));
		buf_puts(b, "</p></li>\n");
	}
	buf_puts(b, "</ul>\n");
}

/*
 * The bureau's rejection names no items: its reason and words (the
 * order_event it left), and that every step may be changed now.
 */
static void
bureau_rejection(struct buf *b, const json_t *o)
{
	const json_t	*e, *last = NULL;
	size_t		 i;

	json_array_foreach(json_object_get(o, "events"), i, e)
		if (strcmp(jstr(e, "event"), "bureau_rejected") == 0)
			last = e;
	buf_puts(b, "<div class=\"alert alert-error\" role=\"alert\"><p><strong>");
	html_text(b, last != NULL ? jstr(last, "note") : "管局驳回");
	buf_printf(b, "</strong></p><p>请按管局的意见修改：网站信息和材料都可以修改"
	    "（<a href=\"/order/website.html?id=%lld\">网站信息</a>、<a href=\""
	    "/order/upload.html?id=%lld\">上传资料</a>）。改好后重新提交，订单会"
	    "重新经过服务商初审和拍照核验，再提交管局。</p></div>\n",
	    (long long)json_integer_value(json_object_get(o, "id")),
	    (long long)json_integer_value(json_object_get(o, "id")));
}

enum app_err
submit_view(struct req *r, struct resp *w)
{
	const json_t	*o = json_object_get(w->body, "order");
	const json_t	*all = json_object_get(w->body, "findings");
	const json_t	*rv = json_object_get(o, "review");
	const char	*state = jstr(o, "state");
	struct buf	*b = &w->raw;
	long long	 oid = (long long)json_integer_value(json_object_get(o,
	    "id"));
	char		 action[64], next[64];

	view_begin(b, "order-submit");
	view_steps(b, r, o, STEP_SUBMIT);
	view_query_alert(b, r, NULL);
	if (strcmp(state, "initial_review") == 0) {
		buf_puts(b, "<div class=\"alert alert-success\" role=\"status\">"
		    "<p><strong>已提交初审。</strong>审核人员会核对您的信息和材料，"
		    "可能会打电话给负责人，请保持电话畅通。</p><p>初审：预计 ");
		view_china_time(b, jstr(rv, "due_at"), r->now, true);
		buf_puts(b, " 前完成（1 个工作日，节假日顺延）。</p><p>提交时间：");
		view_china_time(b, jstr(rv, "submitted_at"), r->now, true);
		buf_puts(b, "</p></div>\n");
		view_end(b);
		return APP_OK;
	}
	if (strcmp(state, "draft") != 0 &&
	    strcmp(state, "initial_rejected") != 0 &&
	    strcmp(state, "bureau_rejected") != 0) {
		buf_puts(b, "<div class=\"alert alert-info\"><p>订单状态：");
		html_text(b, jstr(o, "state_label"));
		buf_puts(b, "。</p>");
		if (strcmp(view_order_page(state), "verify") == 0)
			buf_printf(b, "<p><a class=\"btn btn-primary\" "
			    "href=\"/order/verify.html?id=%lld\">去拍照核验</a>"
			    "</p>", oid);
		else if (strcmp(view_order_page(state), "progress") == 0)
			buf_printf(b, "<p><a class=\"btn btn-primary\" "
			    "href=\"/order/progress.html?id=%lld\">查看备案进度</a>"
			    "</p>", oid);
		buf_puts(b, "</div>\n");
		view_end(b);
		return APP_OK;
	}
	if (strcmp(state, "bureau_rejected") == 0)
		bureau_rejection(b, o);
	rejected(b, r, o, json_object_get(w->body, "lists"), all);
	buf_puts(b, "<p class=\"lead\">提交前，系统按管局和本服务商的规则检查了订单。"
	    "红色的问题必须先改好；黄色的提醒不影响提交，但可能导致驳回，建议处理。</p>\n");
	submit_findings(b, o, json_object_get(w->body, "lists"), all, "error",
	    "必须修改");
	submit_findings(b, o, json_object_get(w->body, "lists"), all,
	    "warning", "建议检查");
	if (!json_is_true(json_object_get(w->body, "can_submit"))) {
		buf_puts(b, "<p class=\"hint\">改好上面“必须修改”的每一项后，回到这里提交。</p>\n");
		view_abandon(b, o);
		view_end(b);
		return APP_OK;
	}
	if (json_array_size(all) == 0)
		buf_puts(b, "<div class=\"alert alert-success\" role=\"status\"><p>"
		    "检查通过，没有发现问题。</p></div>\n");
	/* A first submission is confirmed on a page of its own. */
	if (strcmp(state, "draft") == 0) {
		buf_printf(b, "<p>最后一步：核对全部信息和材料，确认无误后提交初审。</p>\n"
		    "<p><a class=\"btn btn-primary\" id=\"to-confirm\" "
		    "href=\"/order/confirm.html?id=%lld\">下一步：核对并提交</a></p>\n",
		    oid);
		view_abandon(b, o);
		view_end(b);
		return APP_OK;
	}
	snprintf(action, sizeof(action), "/api/orders/%lld/submit", oid);
	snprintf(next, sizeof(next), "/order/submit.html?id=%lld", oid);
	buf_puts(b, "<p>提交后订单进入初审（约 1 个工作日），期间不能修改。</p>\n");
	view_form_begin(b, action, next);
	buf_printf(b, "<button type=\"submit\" class=\"btn btn-primary\" "
	    "id=\"submit-order\">%s</button>\n", strcmp(state, "draft") == 0 ?
	    "提交初审" : "重新提交初审");
	view_form_end(b);
	view_abandon(b, o);
	view_end(b);
	return APP_OK;
}
