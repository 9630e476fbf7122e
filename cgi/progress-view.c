/*
 * Fragments of the progress program: the order's way to its website ICP
 * number (/order/progress.html) -- every stage with its date, what to do
 * now, the SMS window's countdown, the estimated completion -- and the
 * simulated MIIT verification page (/sim/miit/).
 */
#include <stdio.h>
#include <string.h>

#include "lib/html.h"
#include "lib/view.h"
#include "views.h"

static void
stage_item(struct buf *b, const struct req *r, const json_t *s)
{
	const char	*st = jstr(s, "state");

	buf_printf(b, "<li class=\"stage stage-%s\"%s>", st,
	    strcmp(st, "current") == 0 ? " aria-current=\"step\"" : "");
	buf_puts(b, "<span class=\"stage-label\">");
	html_text(b, jstr(s, "label"));
	buf_puts(b, "</span> <span class=\"stage-when\">");
	if (strcmp(st, "done") == 0) {
		buf_puts(b, "已完成");
		if (jstr(s, "at") != NULL) {
			buf_puts(b, " · ");
			view_china_time(b, jstr(s, "at"), r->now, false);
		}
	} else if (strcmp(st, "current") == 0) {
		buf_puts(b, "进行中");
		/* The SMS window is the owner's to keep; the rest, ours. */
		if (jstr(s, "due") != NULL) {
			buf_puts(b, strcmp(jstr(s, "key"), "sms") == 0 ?
			    " · 请在 " : " · 预计 ");
			view_china_time(b, jstr(s, "due"), r->now, true);
			buf_puts(b, strcmp(jstr(s, "key"), "sms") == 0 ?
			    " 前完成" : " 前");
		}
	} else
		buf_puts(b, "未开始");
	buf_puts(b, "</span></li>\n");
}

/* MIIT's SMS check: the window's countdown (progress.js ticks it). */
static void
sms_box(struct buf *b, const struct req *r, const json_t *sms)
{
	const char	*st = jstr(sms, "state");
	long long	 left = (long long)json_integer_value(json_object_get(sms,
	    "seconds_left"));

	if (!json_is_true(json_object_get(sms, "required")))
		return;
	buf_puts(b, "<section class=\"sms-box\" aria-labelledby=\"sms-h\">\n"
	    "<h2 id=\"sms-h\">工信部短信核验</h2>\n");
	if (strcmp(st, "verified") == 0)
		buf_puts(b, "<p class=\"sms-state\">网站负责人已完成短信核验。</p>\n");
	else if (strcmp(st, "failed") == 0)
		buf_puts(b, "<p class=\"sms-state\">短信核验未通过（超时或验证码输错次数"
		    "过多），备案已退回服务商。服务商重新提交后会再发送核验短信。</p>\n");
	else if (!json_is_true(json_object_get(sms, "sent")))
		buf_printf(b, "<p>管局受理后，工信部会向网站负责人的手机发送核验短信；"
		    "收到后请在 <strong>%lld 小时</strong>内完成核验。</p>\n",
		    (long long)json_integer_value(json_object_get(sms,
		    "window_hours")));
	else {
		buf_puts(b, "<p>核验短信已发送到 <strong>");
		html_text(b, jstr(sms, "mobile"));
		buf_puts(b, "</strong>，请在 <strong>");
		view_china_time(b, jstr(sms, "deadline"), r->now, true);
		buf_printf(b, "</strong> 前完成核验。</p>\n<p class=\"sms-countdown\" "
		    "data-seconds-left=\"%lld\" role=\"timer\" aria-live=\"off\">"
		    "剩余 <span class=\"sms-left\">%lld 小时 %lld 分钟</span></p>\n"
		    "<p>验证码还可输错 <strong>%lld</strong> 次。打开短信中的链接，"
		    "输入手机号码、短信验证码和网站负责人证件号码的后 6 位即可。</p>\n",
		    left, left / 3600, left % 3600 / 60,
		    (long long)json_integer_value(json_object_get(sms,
		    "tries_left")));
	}
	buf_puts(b, "</section>\n");
}

enum app_err
progress_view(struct req *r, struct resp *w)
{
	const json_t	*body = w->body, *o = json_object_get(body, "order");
	const json_t	*now = json_object_get(body, "now"), *s, *bu;
	struct buf	*b = &w->raw;
	size_t		 i;
	bool		 numbered = false;

	view_begin(b, "order-progress");
	view_steps(b, r, o, STEP_BUREAU);
	buf_puts(b, "<div class=\"alert ");
	buf_puts(b, strcmp(jstr(body, "state"), "approved") == 0 ?
	    "alert-success" : strcmp(jstr(body, "state"), "bureau_rejected") ==
	    0 || strcmp(jstr(body, "state"), "initial_rejected") == 0 ||
	    strcmp(jstr(body, "state"), "verification_rejected") == 0 ?
	    "alert-error" : "alert-info");
	buf_puts(b, "\" role=\"status\"><p><strong>");
	html_text(b, jstr(body, "state_label"));
	buf_puts(b, "</strong> ");
	html_text(b, jstr(now, "text"));
	buf_puts(b, "</p>");
	if (jstr(now, "href") != NULL) {
		buf_puts(b, "<p><a class=\"btn btn-primary\" href=\"");
		html_attr(b, jstr(now, "href"));
		buf_puts(b, "\">去处理</a></p>");
	}
	buf_puts(b, "</div>\n");
	json_array_foreach(json_object_get(body, "websites"), i, s)
		if (jstr(s, "website_number") != NULL)
			numbered = true;
	if (numbered) {
		buf_puts(b, "<section aria-labelledby=\"numbers-h\">\n<h2 id="
		    "\"numbers-h\">网站备案号</h2>\n<dl class=\"facts\">\n");
		json_array_foreach(json_object_get(body, "websites"), i, s)
			if (jstr(s, "website_number") != NULL)
				view_fact(b, jstr(s, "domain"),
				    jstr(s, "website_number"));
		buf_puts(b, "</dl>\n</section>\n");
	}
	bu = json_object_get(body, "bureau");
	if (strcmp(jstr(body, "state"), "bureau_rejected") == 0 &&
	    json_is_object(bu)) {
		buf_puts(b, "<section aria-labelledby=\"rej-h\">\n<h2 id=\"rej-h\">"
		    "管局驳回原因</h2>\n<dl class=\"facts\">\n");
		view_fact(b, "原因", jstr(bu, "reason_title"));
		view_fact(b, "管局说明", jstr(bu, "note"));
		buf_puts(b, "</dl>\n</section>\n");
	}
	sms_box(b, r, json_object_get(body, "sms"));
	buf_puts(b, "<section aria-labelledby=\"stages-h\">\n<h2 id=\"stages-h\">"
	    "办理进度</h2>\n<ol class=\"stages\">\n");
	json_array_foreach(json_object_get(body, "stages"), i, s)
		stage_item(b, r, s);
	buf_puts(b, "</ol>\n");
	if (jstr(body, "eta") != NULL && !json_is_true(json_object_get(body,
	    "closed"))) {
		buf_puts(b, "<p class=\"eta\">");
		if (strcmp(jstr(body, "state"), "approved") == 0)
			buf_puts(b, "完成日期：");
		else
			buf_puts(b, "预计完成：最晚约 ");
		html_text(b, jstr(body, "eta"));
		if (strcmp(jstr(body, "state"), "approved") != 0)
			buf_printf(b, "（约 %lld 个工作日，按各环节的最长时限和节假日估算，"
			    "实际通常更快）",
			    (long long)json_integer_value(json_object_get(body,
			    "eta_business_days")));
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</section>\n");
	view_abandon(b, o);
	view_end(b);
	return APP_OK;
}

static void
miit_field(struct buf *b, const struct req *r, const char *name,
    const char *label, const char *mode, size_t max, const char *hint)
{
	buf_printf(b, "<div class=\"field\">\n<label for=\"%s\">", name);
	html_text(b, label);
	buf_printf(b, "</label>\n<input id=\"%s\" name=\"%s\" inputmode=\"%s\" "
	    "maxlength=\"%zu\" autocomplete=\"off\" required", name, name, mode,
	    max);
	view_invalid(b, r, name);
	buf_puts(b, ">\n<p class=\"hint\">");
	html_text(b, hint);
	buf_puts(b, "</p>\n");
	view_field_error(b, r, NULL, name);
	buf_puts(b, "</div>\n");
}

enum app_err
miit_view(struct req *r, struct resp *w)
{
	struct buf	*b = &w->raw;
	const char	*res = jstr(w->body, "result");

	view_begin(b, "miit-sms");
	if (res != NULL && strcmp(res, "verified") == 0) {
		buf_puts(b, "<div class=\"alert alert-success\" role=\"status\"><p>"
		    "<strong>核验成功。</strong>您的备案将继续由管局审核，"
		    "可以关闭本页。</p></div>\n");
		view_end(b);
		return APP_OK;
	}
	view_query_alert(b, r, NULL);
	/*
	 * MIIT's page, not ours: a plain form (forms.js would want a
	 * session), posted classic; the answer comes back in the query.
	 */
	buf_puts(b, "<form method=\"post\" class=\"miit-form\" action=\""
	    "/sim/miit/sms\">\n<input type=\"hidden\" name=\"next\" value=\""
	    "/sim/miit/?result=verified\">\n<input type=\"hidden\" "
	    "name=\"back\" value=\"/sim/miit/\">\n");
	miit_field(b, r, "mobile", "手机号码", "numeric", 11,
	    "收到核验短信的网站负责人手机号码");
	miit_field(b, r, "code", "短信验证码", "numeric", 6, "短信中的 6 位数字");
	miit_field(b, r, "id_last6", "证件号码后 6 位", "text", 6,
	    "网站负责人证件号码的最后 6 位（末位 X 大小写均可）");
	buf_puts(b, "<button type=\"submit\" class=\"btn btn-primary\">提交核验"
	    "</button>\n");
	view_form_end(b);
	view_end(b);
	return APP_OK;
}
