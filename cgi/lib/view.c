#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "echo.h"
#include "html.h"
#include "messages.h"
#include "token.h"
#include "view.h"

#define CHINA_OFFSET	(8 * 3600)

static const struct {
	const char	*name;
	const char	*page;		/* NULL: no page of its own yet */
} steps[STEP__MAX] = {
	/* STEP_SUBJECT */	{ "确认主体信息", "/order/subject.html" },
	/* STEP_PRODUCT */	{ "产品验证", "/order/product.html" },
	/* STEP_WEBSITES */	{ "填写网站信息", "/order/website.html" },
	/* STEP_UPLOADS */	{ "上传资料", "/order/upload.html" },
	/* STEP_SUBMIT */	{ "提交", "/order/submit.html" },
	/* STEP_VERIFY */	{ "拍照核验", "/order/verify.html" },
	/* STEP_SMS */		{ "短信核验", "/order/progress.html" },
	/* STEP_BUREAU */	{ "管局审核", "/order/progress.html" },
};

const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

bool
view_draft(const json_t *order)
{
	const char	*s = jstr(order, "state");

	return s != NULL && strcmp(s, "draft") == 0;
}

void
view_not_draft(struct buf *b, const json_t *order)
{
	buf_puts(b, "<div class=\"alert alert-info\"><p>订单状态：");
	html_text(b, jstr(order, "state_label"));
	buf_printf(b, "。订单已提交，这一步不能再修改；初审驳回时只需修改被驳回的项目。"
	    "</p><p><a class=\"btn btn-secondary\" href=\"/order/submit.html?id="
	    "%lld\">查看审核进度</a></p></div>\n",
	    (long long)json_integer_value(json_object_get(order, "id")));
}

void
view_begin(struct buf *b, const char *frag)
{
	buf_printf(b, "<section class=\"frag\" data-frag=\"%s\">\n", frag);
}

void
view_end(struct buf *b)
{
	buf_puts(b, "</section>\n");
}

/*
 * Where an order past the initial review is (DESIGN.md "Order states"):
 * the step it waits in, and how many steps are behind it.  STEP__MAX for
 * a draft or a rejection being fixed: the page says where the applicant is.
 */
static enum step
order_stage(const json_t *order, int *done)
{
	static const struct {
		const char	*state;
		enum step	 at;
		int		 done;
	} stages[] = {
		{ "initial_review", STEP_SUBMIT, 4 },
		{ "awaiting_verification", STEP_VERIFY, 5 },
		{ "verification_review", STEP_VERIFY, 5 },
		{ "verification_rejected", STEP_VERIFY, 5 },
		{ "awaiting_bureau", STEP_SMS, 6 },
		{ "at_bureau", STEP_SMS, 6 },
		{ "sms_pending", STEP_SMS, 6 },
		{ "bureau_rejected", STEP_BUREAU, 7 },
		{ "approved", STEP__MAX, STEP__MAX },
	};
	const char	*st = jstr(order, "state");
	size_t		 i;

	for (i = 0; st != NULL && i < sizeof(stages) / sizeof(stages[0]);
	    i++)
		if (strcmp(st, stages[i].state) == 0) {
			*done = stages[i].done;
			return stages[i].at;
		}
	*done = 0;
	return STEP__MAX;
}

static bool
step_done(const json_t *order, enum step s)
{
	static const char *const keys[STEP__MAX] = {
		"subject", "product", "websites", "uploads", "submitted",
		NULL, NULL, NULL
	};
	const json_t	*st = json_object_get(order, "steps");
	int		 behind;

	(void)order_stage(order, &behind);
	return (int)s < behind ||
	    (keys[s] != NULL && json_is_true(json_object_get(st, keys[s])));
}

/*
 * An order waiting on its applicant expires order_ttl_days after it was
 * made (beian-worker): say when, and how many days are left, on every
 * step.  From the last week on it is a warning.
 */
static void
expiry(struct buf *b, const struct req *r, const json_t *order)
{
	const char	*st = jstr(order, "state");
	int64_t		 at, made, left;

	if (st == NULL || (strcmp(st, "draft") != 0 &&
	    strcmp(st, "initial_rejected") != 0) ||
	    !view_iso_time(jstr(order, "expires_at"), &at) ||
	    !view_iso_time(jstr(order, "created_at"), &made))
		return;
	left = (at - r->now + 86399) / 86400;
	buf_printf(b, "<p class=\"order-expiry%s\">", left <= 7 ?
	    " order-expiry-soon" : "");
	buf_puts(b, "请在 ");
	view_china_time(b, jstr(order, "expires_at"), r->now, false);
	/* The lifetime is a rule row: say the one in force. */
	buf_printf(b, " 前提交（还剩 %lld 天）；订单创建后 %lld 天内未提交会被清理，"
	    "已填写的信息和材料需要重新提交。</p>\n", (long long)(left < 0 ? 0 :
	    left), (long long)((at - made) / 86400));
}

bool
view_open(const json_t *order)
{
	const char	*s = jstr(order, "state");

	return view_draft(order) || (s != NULL &&
	    strcmp(s, "bureau_rejected") == 0);
}

const char *
view_order_page(const char *state)
{
	if (state == NULL || strcmp(state, "draft") == 0)
		return "subject";
	if (strcmp(state, "awaiting_verification") == 0 ||
	    strcmp(state, "verification_review") == 0 ||
	    strcmp(state, "verification_rejected") == 0)
		return "verify";
	if (strcmp(state, "awaiting_bureau") == 0 ||
	    strcmp(state, "at_bureau") == 0 ||
	    strcmp(state, "sms_pending") == 0 ||
	    strcmp(state, "bureau_rejected") == 0 ||
	    strcmp(state, "approved") == 0)
		return "progress";
	return "submit";
}

void
view_steps(struct buf *b, const struct req *r, const json_t *order,
    enum step current)
{
	json_int_t	 id = json_integer_value(json_object_get(order, "id"));
	bool		 editable = json_is_true(json_object_get(order,
	    "editable"));
	enum step	 s, stage;
	bool		 done;
	int		 behind;

	/* Past the initial review the order's stage is where it is. */
	if ((stage = order_stage(order, &behind)) != STEP__MAX ||
	    behind == STEP__MAX)
		current = stage;
	buf_puts(b, "<ol class=\"steps\" aria-label=\"备案步骤\">\n");
	for (s = 0; s < STEP__MAX; s++) {
		done = step_done(order, s);
		/* The step in view keeps its ✓ once done. */
		buf_printf(b, "<li class=\"step %s%s\"%s>",
		    s == current ? "current" : done ? "done" : "todo",
		    s == current && done ? " done" : "",
		    s == current ? " aria-current=\"step\"" : "");
		/* A done step can be reopened while the order is a draft. */
		if (s != current && done && editable && steps[s].page != NULL)
			buf_printf(b, "<a href=\"%s?id=%lld\">%d. %s<span "
			    "class=\"visually-hidden\">（已完成）</span></a>",
			    steps[s].page, (long long)id, (int)s + 1,
			    steps[s].name);
		else
			buf_printf(b, "<span>%d. %s%s</span>", (int)s + 1,
			    steps[s].name, done && s != current ?
			    "<span class=\"visually-hidden\">（已完成）</span>" : "");
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ol>\n");
	expiry(b, r, order);
}

/* The message for the redirect's ?error=, or NULL (see view.h). */
static const char *
query_message(const struct req *r, const json_t *reasons)
{
	const char	*code = kv_get(&r->query, "error");
	const char	*field = kv_get(&r->query, "field");
	const char	*reason = kv_get(&r->query, "reason");
	const char	*msg, *detail = NULL;
	json_t		*rt;

	if ((msg = msg_for_code(code)) == NULL)
		return NULL;
	/* The server's own words for the field, if it signed them. */
	if (msg_sig_valid(r->conf, field, kv_get(&r->query, "msg"),
	    kv_get(&r->query, "sig")))
		return kv_get(&r->query, "msg");
	if (strcmp(code, "invalid") == 0)
		detail = msg_for_field(field);
	if (reason != NULL && (rt = json_object_get(reasons, reason)) != NULL)
		detail = json_string_value(rt);
	return detail != NULL ? detail : msg;
}

static bool
names_field(const struct req *r, const char *field)
{
	const char	*f = kv_get(&r->query, "field");

	return f != NULL && strcmp(f, field) == 0 &&
	    msg_for_code(kv_get(&r->query, "error")) != NULL;
}

void
view_query_message(struct buf *b, const struct req *r)
{
	const char	*msg = query_message(r, NULL);

	html_text(b, msg != NULL ? msg : "请重新选择文件上传。");
}

void
view_query_alert(struct buf *b, const struct req *r, const json_t *reasons)
{
	const char	*msg = query_message(r, reasons);
	const char	*field = kv_get(&r->query, "field");

	if (msg == NULL)
		return;
	buf_puts(b, "<div class=\"alert alert-error\" role=\"alert\"><p>");
	html_text(b, msg);
	/* Take the keyboard to the field to fix, if it is a known one. */
	if (field != NULL && msg_for_field(field) != NULL) {
		buf_puts(b, " <a href=\"#");
		html_attr(b, field);
		buf_puts(b, "\">去修改</a>");
	}
	buf_puts(b, "</p></div>\n");
}

void
view_form_begin(struct buf *b, const char *action, const char *next)
{
	view_form_begin_as(b, action, next, NULL);
}

void
view_form_begin_as(struct buf *b, const char *action, const char *next,
    const char *encoding)
{
	buf_puts(b, "<form method=\"post\" class=\"api-form\"");
	if (encoding != NULL) {
		buf_puts(b, " data-encoding=\"");
		html_attr(b, encoding);
		buf_puts(b, "\"");
	}
	buf_puts(b, " action=\"");
	html_attr(b, action);
	buf_puts(b, "\">\n<div class=\"form-error\" role=\"alert\" hidden>"
	    "</div>\n<input type=\"hidden\" name=\"next\" value=\"");
	html_attr(b, next);
	buf_puts(b, "\">\n");
}

void
view_form_end(struct buf *b)
{
	buf_puts(b, "</form>\n");
}

void
view_field_error(struct buf *b, const struct req *r, const json_t *reasons,
    const char *field)
{
	const char	*msg = names_field(r, field) ?
	    query_message(r, reasons) : NULL;

	buf_puts(b, "<p class=\"field-error\" id=\"err-");
	html_attr(b, field);
	buf_puts(b, "\" data-field=\"");
	html_attr(b, field);
	buf_puts(b, msg != NULL ? "\">" : "\" hidden>");
	html_text(b, msg);
	buf_puts(b, "</p>\n");
}

void
view_invalid(struct buf *b, const struct req *r, const char *field)
{
	if (names_field(r, field))
		buf_puts(b, " aria-invalid=\"true\"");
}

void
view_fact(struct buf *b, const char *k, const char *v)
{
	buf_puts(b, "<dt>");
	html_text(b, k);
	buf_puts(b, "</dt><dd>");
	html_text(b, v != NULL && *v != '\0' ? v : "—");
	buf_puts(b, "</dd>\n");
}

void
view_error(struct buf *b, const struct req *r, const char *code,
    const char *msg, int status)
{
	const char	*page = req_env(r, "BEIAN_PAGE");

	view_begin(b, "error");
	buf_puts(b, "<div class=\"alert alert-error\" role=\"alert\" "
	    "data-code=\"");
	html_attr(b, code);
	buf_puts(b, "\"><p>");
	html_text(b, msg);
	buf_puts(b, "</p>");
	if (status == 401) {
		buf_puts(b, "<p><a class=\"btn btn-primary\" href=\"/login.html");
		if (safe_local_path(page)) {
			struct buf	 q = BUF_INIT, pg = BUF_INIT;

			page_with_id(&pg, page);
			url_escape(&q, pg.p);
			buf_free(&pg);
			buf_puts(b, "?next=");
			html_attr(b, q.p);
			buf_free(&q);
		}
		buf_puts(b, "\">去登录</a></p>");
	} else if (status == 404)
		buf_puts(b, "<p><a href=\"/\">返回我的备案</a></p>");
	buf_puts(b, "</div>\n");
	view_end(b);
}

bool
view_iso_time(const char *iso, int64_t *out)
{
	/* offset and length of year, month, day, hour, minute, second */
	static const size_t at[6][2] = { { 0, 4 }, { 5, 2 }, { 8, 2 },
	    { 11, 2 }, { 14, 2 }, { 17, 2 } };
	struct tm	 tm;
	int64_t		 v[6];
	char		 part[5];
	size_t		 i;

	if (iso == NULL || strlen(iso) != 20 || iso[19] != 'Z')
		return false;
	for (i = 0; i < 6; i++) {
		memcpy(part, iso + at[i][0], at[i][1]);
		part[at[i][1]] = '\0';
		if (!str_to_i64(part, 0, 9999, &v[i]))
			return false;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)v[0] - 1900;
	tm.tm_mon = (int)v[1] - 1;
	tm.tm_mday = (int)v[2];
	tm.tm_hour = (int)v[3];
	tm.tm_min = (int)v[4];
	tm.tm_sec = (int)v[5];
	*out = (int64_t)timegm(&tm);
	return true;
}

void
view_china_time(struct buf *b, const char *iso, int64_t now, bool weekday)
{
	static const char *const wd[] = { "日", "一", "二", "三", "四", "五",
	    "六" };
	struct tm	 tm, today;
	time_t		 t, n = (time_t)(now + CHINA_OFFSET);
	int64_t		 u;

	if (!view_iso_time(iso, &u)) {
		buf_puts(b, "—");
		return;
	}
	t = (time_t)(u + CHINA_OFFSET);
	gmtime_r(&t, &tm);
	gmtime_r(&n, &today);
	if (tm.tm_year != today.tm_year)
		buf_printf(b, "%d年", tm.tm_year + 1900);
	buf_printf(b, "%d月%d日", tm.tm_mon + 1, tm.tm_mday);
	if (weekday)
		buf_printf(b, "（周%s）", wd[tm.tm_wday]);
	else
		buf_puts(b, " ");
	buf_printf(b, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

void
view_subject_facts(struct buf *b, const json_t *snap)
{
	const json_t	*l = json_object_get(snap, "leader");
	char		 idline[160];

	buf_puts(b, "<dl class=\"facts\">\n");
	view_fact(b, "主体名称", jstr(snap, "name"));
	view_fact(b, "主体性质", jstr(snap, "nature_name"));
	view_fact(b, "所在省份", jstr(snap, "province_name"));
	view_fact(b, "证件类型", jstr(snap, "cert_type_name"));
	view_fact(b, "证件号码", jstr(snap, "cert_number"));
	view_fact(b, "主体备案号", jstr(snap, "icp_number"));
	if (!json_is_true(json_object_get(snap, "personal")))
		view_fact(b, "法定代表人", jstr(snap, "legal_rep_name"));
	view_fact(b, "主体负责人", jstr(l, "name"));
	snprintf(idline, sizeof(idline), "%s %s",
	    jstr(l, "id_type_name") != NULL ? jstr(l, "id_type_name") : "",
	    jstr(l, "id_number") != NULL ? jstr(l, "id_number") : "");
	view_fact(b, "负责人证件", idline);
	view_fact(b, "负责人手机", jstr(l, "mobile"));
	view_fact(b, "负责人邮箱", jstr(l, "email"));
	buf_puts(b, "</dl>\n");
}

void
view_abandon(struct buf *b, const json_t *o)
{
	char	 action[80];

	if (!json_is_true(json_object_get(o, "can_abandon")))
		return;
	snprintf(action, sizeof(action), "/api/orders/%lld/abandon",
	    (long long)json_integer_value(json_object_get(o, "id")));
	buf_puts(b, "<aside class=\"note abandon\"><h2>不想继续了？</h2>\n");
	view_form_begin(b, action, "/");
	buf_puts(b, "<button type=\"submit\" class=\"btn btn-danger\" "
	    "data-confirm=\"确定放弃本订单吗？占用的备案服务号会释放。\">"
	    "放弃本订单</button>\n<p class=\"hint\">放弃后，订单占用的备案服务号"
	    "会释放，可以用于新的订单。</p>\n");
	view_form_end(b);
	buf_puts(b, "</aside>\n");
}

bool
view_ends_sentence(const char *s)
{
	static const char *const marks[] = { "。", "！", "？", ".", "!", "?" };
	size_t	 n = s != NULL ? strlen(s) : 0, i, m;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		m = strlen(marks[i]);
		if (n >= m && strcmp(s + n - m, marks[i]) == 0)
			return true;
	}
	return false;
}

const json_t *
view_upload_of(const json_t *uploads, json_int_t id)
{
	const json_t	*u;
	size_t		 i;

	json_array_foreach(uploads, i, u)
		if (json_integer_value(json_object_get(u, "id")) == id)
			return u;
	return NULL;
}

bool
view_slot_refused(struct req *r, long long oid, const char *kind,
    long long wid)
{
	char		 action[64];
	const char	*k, *ws;

	snprintf(action, sizeof(action), "/api/orders/%lld/uploads", oid);
	k = echo_str(r, action, "kind");
	ws = echo_str(r, action, "website_id");
	return k != NULL && strcmp(k, kind) == 0 &&
	    strtoll(ws != NULL ? ws : "0", NULL, 10) == wid;
}

void
view_slot_form(struct buf *b, struct req *r, const struct slot_form *f)
{
	char	 action[64];

	snprintf(action, sizeof(action), "/api/orders/%lld/uploads", f->oid);
	buf_puts(b, "<form method=\"post\" enctype=\"multipart/form-data\" "
	    "class=\"upload-form\" action=\"");
	html_attr(b, action);
	if (f->refresh != NULL) {
		buf_puts(b, "\" data-refresh=\"");
		html_attr(b, f->refresh);
	}
	buf_puts(b, "\">\n<div class=\"form-error\" role=\"alert\" hidden></div>\n");
	if (f->refused) {
		buf_puts(b, "<p class=\"field-error slot-refused\" role=\"alert\">");
		html_text(b, f->refused_words);
		view_query_message(b, r);
		buf_puts(b, "</p>\n");
	}
	/* A refusal comes back to this very slot, saying why in it. */
	buf_printf(b, "<input type=\"hidden\" name=\"next\" value=\"%s?id=%lld\">\n"
	    "<input type=\"hidden\" name=\"back\" value=\"%s?id=%lld#slot-",
	    f->page, f->oid, f->page, f->oid);
	html_attr(b, f->kind);
	buf_printf(b, "-%lld\">\n<input type=\"hidden\" name=\"kind\" value=\"",
	    f->wid);
	html_attr(b, f->kind);
	buf_printf(b, "\">\n<input type=\"hidden\" name=\"website_id\" "
	    "value=\"%lld\">\n<label class=\"file-pick\">", f->wid);
	html_text(b, f->pick);
	buf_puts(b, "<input type=\"file\" name=\"file\" accept=\"image/jpeg,"
	    "image/png\"");
	if (f->capture != NULL)
		buf_printf(b, " capture=\"%s\"", f->capture);
	buf_printf(b, " required></label>\n<button type=\"submit\" class=\"btn %s\">"
	    "%s</button>\n</form>\n", f->replace ? "btn-secondary" :
	    "btn-primary", f->replace ? "重新上传" : "上传");
}
