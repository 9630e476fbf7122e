/*
 * Fragments of the review program (route.view in lib/app.h): the queue
 * of orders waiting for the initial review (/review/) and one order with
 * everything the reviewer compares, unmasked, and the 通过 / 驳回 forms
 * (/review/order.html).  The forms are classic posts, so the console
 * works without JavaScript; web/js/review.js enhances them.  The class
 * names are shared with the "reviewer console" part of web/css/site.css.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/db-review.h"
#include "lib/html.h"
#include "lib/view.h"
#include "views.h"

/*
 * Reason rows a reject form starts with: most rejections name one to
 * three items; review.js adds rows, and without JavaScript a reviewer
 * with more to say rejects with the three and says the rest in notes.
 */
#define REASON_ROWS	3
/* NOTE_MAX (500 bytes) in review.c is about 160 CJK characters. */
#define NOTE_CHARS	160


/* Names of the codes the fields hold as numbers, loaded once per view. */
struct	names {
	json_t	*content;	/* "32" -> "博客/个人空间" */
	json_t	*language;
	json_t	*cert;
	json_t	*preapproval;
};

static long long
jint(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

/* --- times --- */

/* The same inside <time datetime>, for machines and screen readers. */
static void
time_el(struct buf *b, const struct req *r, const char *iso)
{
	int64_t	 u;

	if (!view_iso_time(iso, &u)) {
		buf_puts(b, "—");
		return;
	}
	buf_puts(b, "<time datetime=\"");
	html_attr(b, iso);
	buf_puts(b, "\">");
	view_china_time(b, iso, r->now, false);
	buf_puts(b, "</time>");
}

/* How long an order has waited, to the unit that matters at that age. */
static void
waited(struct buf *b, long long s)
{
	if (s < 60)
		buf_puts(b, "不到 1 分钟");
	else if (s < 3600)
		buf_printf(b, "%lld 分钟", s / 60);
	else if (s < 86400)
		buf_printf(b, "%lld 小时 %lld 分钟", s / 3600, s % 3600 / 60);
	else
		buf_printf(b, "%lld 天 %lld 小时", s / 86400, s % 86400 / 3600);
}

/* --- the queue --- */

static enum app_err
province_row(const struct db_row *row, void *arg)
{
	if (db_row_str(row, COL_PROVINCE_FIND_CODE) != NULL && db_row_str(row, COL_PROVINCE_FIND_ABBR) != NULL)
		json_object_set_new(arg, db_row_str(row, COL_PROVINCE_FIND_CODE),
		    json_string(db_row_str(row, COL_PROVINCE_FIND_ABBR)));
	return APP_OK;
}

/*
 * The queue names a province by its code ("330000"); the reviewer reads
 * the abbreviation of the ICP number ("浙").  Asked once per province.
 */
static enum app_err
province(struct buf *b, const struct req *r, json_t *cache, const char *code)
{
	struct db_arg	 a[3];
	enum app_err	 er;

	if (code == NULL) {
		buf_puts(b, "—");
		return APP_OK;
	}
	if (json_object_get(cache, code) == NULL) {
		a[0] = a[1] = a[2] = DB_S(code);
		if ((er = db_query(r->db, STMT_PROVINCE_FIND, a, 3,
		    province_row, cache)) != APP_OK)
			return er;
		if (json_object_get(cache, code) == NULL)
			json_object_set_new(cache, code, json_string(code));
	}
	html_text(b, json_string_value(json_object_get(cache, code)));
	return APP_OK;
}

/* What the orders of a stage of review.c wait for, in words. */
static const char *
stage_words(const char *stage)
{
	if (stage != NULL && strcmp(stage, "verification") == 0)
		return "核验审核";
	if (stage != NULL && strcmp(stage, "bureau") == 0)
		return "提交管局";
	return "初审";
}

/* The reviews there are queues of, the one shown marked. */
static void
stage_tabs(struct buf *b, const char *stage)
{
	static const char *const stages[][2] = {
		{ "initial", "初审" }, { "verification", "核验照片审核" },
		{ "bureau", "提交管局" },
	};
	size_t	 i;

	buf_puts(b, "<nav class=\"stage-tabs\" aria-label=\"审核阶段\"><ul>\n");
	for (i = 0; i < nitems(stages); i++)
		buf_printf(b, "<li><a href=\"/review/?stage=%s\"%s>%s</a></li>\n",
		    stages[i][0], stage != NULL && strcmp(stage,
		    stages[i][0]) == 0 ? " aria-current=\"page\"" : "",
		    stages[i][1]);
	buf_puts(b, "</ul></nav>\n");
}

/*
 * The orders the bureau has (stage=bureau): how long each has been there
 * in business days against its province's maximum, and the http
 * adapter's delivery when it has not got through.
 */
static enum app_err
at_bureau(struct buf *b, const struct req *r, const json_t *list,
    json_t *abbrs)
{
	const json_t	*o;
	const char	*d;
	size_t		 i;
	long long	 id;
	bool		 over;
	enum app_err	 er;

	if (!json_is_array(list))
		return APP_OK;
	buf_printf(b, "<section class=\"review-part at-bureau\" aria-labelledby="
	    "\"at-bureau-h\">\n<h2 id=\"at-bureau-h\">管局审核中（%zu 个）</h2>\n",
	    json_array_size(list));
	if (json_array_size(list) == 0) {
		buf_puts(b, "<p>目前没有在管局审核中的订单。</p>\n</section>\n");
		return APP_OK;
	}
	buf_puts(b, "<table class=\"review-queue\">\n<thead><tr>"
	    "<th scope=\"col\">订单</th><th scope=\"col\">主体</th>"
	    "<th scope=\"col\">省份</th><th scope=\"col\">状态</th>"
	    "<th scope=\"col\">提交管局</th><th scope=\"col\">已用工作日</th>"
	    "<th scope=\"col\">送达</th></tr></thead>\n<tbody>\n");
	json_array_foreach(list, i, o) {
		id = jint(o, "id");
		over = json_is_true(json_object_get(o, "overdue"));
		buf_printf(b, "<tr%s data-order=\"%lld\">\n<td data-label=\"订单\">"
		    "<a href=\"/review/order.html?id=%lld\">订单 %lld</a></td>\n"
		    "<td data-label=\"主体\">", over ? " class=\"overdue\"" : "",
		    id, id, id);
		html_text(b, jstr(o, "subject_name"));
		buf_puts(b, "</td>\n<td data-label=\"省份\">");
		if ((er = province(b, r, abbrs, jstr(o, "province"))) != APP_OK)
			return er;
		buf_printf(b, "</td>\n<td data-label=\"状态\">%s</td>\n"
		    "<td data-label=\"提交管局\">", strcmp(jstr(o, "state"),
		    "sms_pending") == 0 ? "短信核验中" : "管局审核中");
		time_el(b, r, jstr(o, "submitted_at"));
		buf_printf(b, "</td>\n<td data-label=\"已用工作日\">%lld / %lld%s"
		    "</td>\n<td data-label=\"送达\">", jint(o, "business_days"),
		    jint(o, "max_business_days"), over ?
		    " <strong class=\"overdue-flag\">已超过管局时限</strong>" : "");
		d = jstr(o, "delivery");
		buf_puts(b, d == NULL || strcmp(d, "none") == 0 ? "模拟管局" :
		    strcmp(d, "sent") == 0 ? "已送达" : strcmp(d, "dead") == 0 ?
		    "<strong class=\"overdue-flag\">送达失败，已停止重试</strong>" :
		    "等待送达");
		if (jstr(o, "last_error") != NULL && strcmp(d, "sent") != 0) {
			buf_puts(b, "（");
			html_text(b, jstr(o, "last_error"));
			buf_puts(b, "）");
		}
		buf_puts(b, "</td>\n</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n</section>\n");
	return APP_OK;
}

enum app_err
review_queue_view(struct req *r, struct resp *w)
{
	const json_t	*orders = json_object_get(w->body, "orders"), *o;
	const char	*what = stage_words(jstr(w->body, "stage"));
	json_t		*abbrs = json_object();
	struct buf	*b = &w->raw;
	size_t		 i, late = 0;
	long long	 id, round;
	bool		 overdue;
	enum app_err	 er = APP_OK;

	view_begin(b, "review-queue");
	view_query_alert(b, r, NULL);
	stage_tabs(b, jstr(w->body, "stage"));
	if (json_array_size(orders) == 0) {
		buf_printf(b, "<div class=\"alert alert-success review-empty\" "
		    "role=\"status\"><p>队列是空的：目前没有等待%s的订单。</p>"
		    "<p>订单到了这一步会出现在这里，最早提交的排在最前面。"
		    "</p></div>\n", what);
		goto out;
	}
	json_array_foreach(orders, i, o)
		if (json_is_true(json_object_get(o, "overdue")))
			late++;
	buf_printf(b, "<p class=\"lead review-count\">共 %zu 个订单等待%s",
	    json_array_size(orders), what);
	if (late > 0)
		buf_printf(b, "，其中 <strong class=\"overdue-text\">%zu 个已超过"
		    "截止时间</strong>", late);
	buf_puts(b, "。最早提交的排在最前面，请从上往下处理。</p>\n");
	buf_printf(b, "<table class=\"review-queue\">\n<caption class=\""
	    "visually-hidden\">等待%s的订单</caption>\n<thead><tr>"
	    "<th scope=\"col\">订单</th><th scope=\"col\">主体</th>"
	    "<th scope=\"col\">省份</th><th scope=\"col\">网站</th>"
	    "<th scope=\"col\">提交时间</th><th scope=\"col\">截止时间"
	    "（北京时间）</th><th scope=\"col\">已等待</th>"
	    "<th scope=\"col\">轮次</th></tr></thead>\n<tbody>\n", what);
	json_array_foreach(orders, i, o) {
		id = jint(o, "id");
		round = jint(o, "round");
		overdue = json_is_true(json_object_get(o, "overdue"));
		buf_printf(b, "<tr%s data-order=\"%lld\">\n<td data-label=\"订单\">"
		    "<a href=\"/review/order.html?id=%lld\">订单 %lld</a></td>\n"
		    "<td data-label=\"主体\">", overdue ? " class=\"overdue\"" :
		    "", id, id, id);
		html_text(b, jstr(o, "subject_name"));
		buf_puts(b, "</td>\n<td data-label=\"省份\">");
		if ((er = province(b, r, abbrs, jstr(o, "province"))) !=
		    APP_OK)
			goto out;
		buf_printf(b, "</td>\n<td data-label=\"网站\">%lld 个</td>\n"
		    "<td data-label=\"提交时间\">", jint(o, "websites"));
		time_el(b, r, jstr(o, "submitted_at"));
		buf_puts(b, "</td>\n<td data-label=\"截止时间\">");
		time_el(b, r, jstr(o, "due_at"));
		if (overdue)
			buf_puts(b, " <strong class=\"overdue-flag\">已超时</strong>");
		buf_puts(b, "</td>\n<td data-label=\"已等待\">");
		waited(b, jint(o, "waiting_seconds"));
		/* A later round is a resubmission after a rejection. */
		buf_printf(b, "</td>\n<td data-label=\"轮次\">第 %lld 轮%s</td>\n"
		    "</tr>\n", round, round > 1 ? "（重新提交）" : "");
	}
	buf_puts(b, "</tbody>\n</table>\n");
out:
	if (er == APP_OK)
		er = at_bureau(b, r, json_object_get(w->body, "at_bureau"),
		    abbrs);
	json_decref(abbrs);
	view_end(b);
	return er;
}

/* --- one order --- */

static enum app_err
name_row(const struct db_row *row, void *arg)
{
	char	 code[24];

	snprintf(code, sizeof(code), "%lld", (long long)db_row_int(row, COL_CONTENT_TYPES_CODE));
	if (db_row_str(row, COL_CONTENT_TYPES_NAME) != NULL)
		json_object_set_new(arg, code, json_string(db_row_str(row, COL_CONTENT_TYPES_NAME)));
	return APP_OK;
}

static enum app_err
names_load(struct req *r, struct names *n)
{
	enum app_err	 er;

	n->content = json_object();
	n->language = json_object();
	n->cert = json_object();
	n->preapproval = json_object();
	if ((er = db_query(r->db, STMT_CONTENT_TYPES, NULL, 0, name_row,
	    n->content)) != APP_OK ||
	    (er = db_query(r->db, STMT_LANGUAGES, NULL, 0, name_row,
	    n->language)) != APP_OK ||
	    (er = db_query(r->db, STMT_CERT_TYPES, NULL, 0, name_row,
	    n->cert)) != APP_OK)
		return er;
	return db_query(r->db, STMT_PREAPPROVAL_TYPES, NULL, 0, name_row,
	    n->preapproval);
}

static void
names_free(struct names *n)
{
	json_decref(n->content);
	json_decref(n->language);
	json_decref(n->cert);
	json_decref(n->preapproval);
}

/* A code's name; the code itself when the table does not know it. */
static void
code_name(struct buf *b, const json_t *table, const char *code, size_t len)
{
	char		 key[24];
	const char	*v;

	if (len == 0 || len >= sizeof(key)) {
		buf_puts(b, "—");
		return;
	}
	memcpy(key, code, len);
	key[len] = '\0';
	v = json_string_value(json_object_get(table, key));
	html_text(b, v != NULL ? v : key);
}

/*
 * A stored value in words: code lists ("32,64"), preapprovals
 * ("1:number;4:number"), flags, a long-term ID; every other value as is.
 */
static void
field_value(struct buf *b, const struct names *n, const char *key,
    const char *v)
{
	const json_t	*table = NULL;
	const char	*p, *colon;
	char		 num[128];
	size_t		 len;

	if (strcmp(key, "owner.same_as_leader") == 0) {
		buf_puts(b, strcmp(v, "1") == 0 ?
		    "是（使用主体负责人的证件和联系方式）" : "否");
		return;
	}
	if (strcmp(key, "owner.id_valid_until") == 0 && *v == '\0') {
		buf_puts(b, "长期有效");
		return;
	}
	if (*v == '\0') {
		buf_puts(b, "—");
		return;
	}
	if (strcmp(key, "content_types") == 0)
		table = n->content;
	else if (strcmp(key, "languages") == 0)
		table = n->language;
	else if (strcmp(key, "owner.id_type") == 0)
		table = n->cert;
	else if (strcmp(key, "preapprovals") == 0) {
		for (p = v; *p != '\0'; p += len + (p[len] == ';')) {
			len = strcspn(p, ";");
			colon = memchr(p, ':', len);
			if (p != v)
				buf_puts(b, "；");
			if (colon == NULL) {
				code_name(b, n->preapproval, p, len);
				continue;
			}
			code_name(b, n->preapproval, p, (size_t)(colon - p));
			/* The number is the applicant's text: escaped. */
			snprintf(num, sizeof(num), "%.*s",
			    (int)(len - (size_t)(colon - p) - 1), colon + 1);
			buf_puts(b, "，审批号 ");
			html_text(b, num);
		}
		return;
	}
	if (table == NULL) {
		html_text(b, v);
		return;
	}
	for (p = v; *p != '\0'; p += len + (p[len] == ',')) {
		len = strcspn(p, ",");
		if (p != v)
			buf_puts(b, "、");
		code_name(b, table, p, len);
	}
}

static const char *
website_name(const json_t *o, json_int_t wid)
{
	const json_t	*s;
	size_t		 i;

	json_array_foreach(json_object_get(o, "websites"), i, s)
		if (json_integer_value(json_object_get(s, "id")) == wid)
			return jstr(s, "name");
	return NULL;
}

/* The upload now in the slot (kind, wid), or NULL. */
static const json_t *
slot_upload(const json_t *o, json_int_t wid, const char *kind)
{
	const json_t	*u;
	size_t		 i;

	json_array_foreach(json_object_get(o, "uploads"), i, u)
		if (json_integer_value(json_object_get(u, "website_id")) ==
		    wid && kind != NULL && jstr(u, "kind") != NULL &&
		    strcmp(jstr(u, "kind"), kind) == 0)
			return u;
	return NULL;
}

/* The name of an upload kind of a website, from the order's uploads. */
static const char *
kind_name(const json_t *o, json_int_t wid, const char *kind)
{
	const json_t	*u = slot_upload(o, wid, kind);

	return u != NULL ? jstr(u, "kind_name") : kind;
}

static void
summary(struct buf *b, const struct req *r, const json_t *o)
{
	const json_t	*rv = json_object_get(o, "review"), *sn, *v;
	const char	*due = jstr(rv, "due_at");
	long long	 round = jint(rv, "round");
	int64_t		 t;
	size_t		 i;

	buf_puts(b, "<dl class=\"facts review-summary\">\n<dt>订单号</dt><dd>");
	buf_printf(b, "%lld</dd>\n<dt>状态</dt><dd><strong>", jint(o, "id"));
	html_text(b, jstr(o, "state_label"));
	buf_puts(b, "</strong></dd>\n<dt>提交时间</dt><dd>");
	time_el(b, r, jstr(rv, "submitted_at"));
	buf_puts(b, "</dd>\n<dt>初审截止</dt><dd>");
	time_el(b, r, due);
	if (strcmp(jstr(o, "state") != NULL ? jstr(o, "state") : "",
	    "initial_review") == 0 && view_iso_time(due, &t) && t < r->now)
		buf_puts(b, " <strong class=\"overdue-flag\">已超时</strong>");
	buf_printf(b, "</dd>\n<dt>审核轮次</dt><dd>第 %lld 轮%s</dd>\n", round,
	    round > 1 ? "（驳回后重新提交）" : "");
	/* The photo review's own hand-over and due time. */
	v = json_object_get(o, "verification");
	if (jstr(v, "submitted_at") != NULL) {
		buf_puts(b, "<dt>提交核验</dt><dd>");
		time_el(b, r, jstr(v, "submitted_at"));
		buf_puts(b, "</dd>\n<dt>核验审核截止</dt><dd>");
		time_el(b, r, jstr(v, "due_at"));
		if (strcmp(jstr(o, "state") != NULL ? jstr(o, "state") : "",
		    "verification_review") == 0 && view_iso_time(jstr(v,
		    "due_at"), &t) && t < r->now)
			buf_puts(b, " <strong class=\"overdue-flag\">已超时</strong>");
		buf_puts(b, "</dd>\n");
	}
	buf_puts(b, "<dt>备案服务号</dt><dd>");
	json_array_foreach(json_object_get(o, "service_numbers"), i, sn) {
		if (i > 0)
			buf_puts(b, "、");
		buf_puts(b, "<code>");
		html_text(b, jstr(sn, "number"));
		buf_puts(b, "</code>（");
		html_text(b, jstr(sn, "product_name"));
		buf_puts(b, " · ");
		html_text(b, jstr(sn, "region"));
		buf_puts(b, "）");
	}
	if (json_array_size(json_object_get(o, "service_numbers")) == 0)
		buf_puts(b, "—");
	buf_puts(b, "</dd>\n</dl>\n");
}

/*
 * What the pre-submit checks find today.  A warning the applicant
 * submitted with (no registrar data for a domain, a local-mobile rule) is
 * the reviewer's to verify; an error means a rule or fact changed since.
 */
static void
checks(struct buf *b, const json_t *o)
{
	const json_t	*all = json_object_get(o, "findings"), *f;
	size_t		 i;
	bool		 error;

	buf_puts(b, "<section class=\"review-part\" aria-labelledby=\"checks-h\">"
	    "\n<h2 id=\"checks-h\">提交前检查</h2>\n");
	if (json_array_size(all) == 0) {
		buf_puts(b, "<p>按现行规则检查，没有发现问题。</p>\n</section>\n");
		return;
	}
	buf_puts(b, "<p class=\"hint\">按现行规则重新检查的结果：提醒项请人工核实，"
	    "错误项说明规则或注册商数据在提交后有变。</p>\n<ul class=\"findings\">\n");
	json_array_foreach(all, i, f) {
		error = strcmp(jstr(f, "severity"), "error") == 0;
		buf_printf(b, "<li class=\"finding finding-%s\"><p class=\""
		    "finding-message\">%s", error ? "error" : "warning",
		    error ? "错误：" : "提醒：");
		html_text(b, jstr(f, "message"));
		if (jstr(f, "reason") != NULL) {
			buf_puts(b, " <span class=\"badge\">");
			html_text(b, jstr(f, "reason"));
			buf_puts(b, "</span>");
		}
		buf_puts(b, "</p></li>\n");
	}
	buf_puts(b, "</ul>\n</section>\n");
}

static void
subject(struct buf *b, const json_t *o)
{
	const json_t	*s = json_object_get(o, "subject");

	buf_puts(b, "<section class=\"review-part\" aria-labelledby=\"subject-h\">"
	    "\n<h2 id=\"subject-h\">主体信息</h2>\n<p class=\"hint\">"
	    "主体已在本服务商备案；这里是提交时的快照。</p>\n");
	view_subject_facts(b, s);
	buf_puts(b, "</section>\n");
}

/* One upload, large: the reviewer reads the ID number off the image. */
static void
upload_figure(struct buf *b, const json_t *u, const char *site)
{
	const json_t	*warn, *x;
	size_t		 i;

	warn = json_object_get(u, "warnings");
	buf_printf(b, "<figure class=\"review-upload%s\" id=\"upload-%lld\" "
	    "data-upload=\"%lld\">\n<a class=\"review-image\" href=\"",
	    json_array_size(warn) > 0 ? " warned" : "", jint(u, "id"),
	    jint(u, "id"));
	html_attr(b, jstr(u, "url"));
	buf_puts(b, "\"><img src=\"");
	html_attr(b, jstr(u, "url"));
	buf_puts(b, "\" alt=\"");
	html_attr(b, jstr(u, "kind_name"));
	if (site != NULL) {
		buf_puts(b, "（");
		html_attr(b, site);
		buf_puts(b, "）");
	}
	/* The size lets the page keep its place while images load. */
	buf_printf(b, "\" width=\"%lld\" height=\"%lld\"></a>\n"
	    "<figcaption><strong>", jint(u, "width"),
	    jint(u, "height"));
	html_text(b, jstr(u, "kind_name"));
	buf_printf(b, "</strong> <span class=\"hint\">%lld×%lld 像素 · 点击图片"
	    "查看原图</span></figcaption>\n", jint(u, "width"),
	    jint(u, "height"));
	json_array_foreach(warn, i, x) {
		buf_puts(b, "<p class=\"field-warning\">");
		html_text(b, json_string_value(x));
		buf_puts(b, "</p>\n");
	}
	if (json_array_size(warn) == 0)
		buf_puts(b, "<p class=\"hint review-quality-ok\">自动质量检查没有"
		    "发现问题。</p>\n");
	buf_puts(b, "</figure>\n");
}

static void
uploads_of(struct buf *b, const json_t *o, json_int_t wid, const char *site)
{
	const json_t	*u;
	size_t		 i, n = 0;

	json_array_foreach(json_object_get(o, "uploads"), i, u)
		if (json_integer_value(json_object_get(u, "website_id")) == wid)
			n++;
	if (n == 0) {
		buf_puts(b, "<p class=\"status-missing\">没有上传材料</p>\n");
		return;
	}
	buf_puts(b, "<div class=\"review-uploads\">\n");
	json_array_foreach(json_object_get(o, "uploads"), i, u)
		if (json_integer_value(json_object_get(u, "website_id")) == wid)
			upload_figure(b, u, site);
	buf_puts(b, "</div>\n");
}

static void
websites(struct buf *b, const json_t *o, const struct names *n)
{
	const json_t	*fields = json_object_get(o, "fields"), *s, *f, *v;
	const json_t	*u;
	const struct review_field *rf;
	json_int_t	 wid;
	char		 key[24];
	size_t		 i, k, others = 0;

	json_array_foreach(json_object_get(o, "websites"), i, s) {
		wid = json_integer_value(json_object_get(s, "id"));
		snprintf(key, sizeof(key), "%lld", (long long)wid);
		f = json_object_get(fields, key);
		buf_printf(b, "<section class=\"review-part review-site\" "
		    "id=\"site-%lld\" aria-labelledby=\"site-%lld-h\">\n"
		    "<h2 id=\"site-%lld-h\">网站：", (long long)wid,
		    (long long)wid, (long long)wid);
		html_text(b, jstr(s, "name"));
		buf_puts(b, "</h2>\n<dl class=\"facts\">\n");
		/* Unmasked, as stored: compared with the images below. */
		for (k = 0; (rf = review_field_at(k)) != NULL; k++) {
			if ((v = json_object_get(f, rf->key)) == NULL ||
			    !json_is_string(v) || rf->summary)
				continue;
			buf_puts(b, "<dt>");
			html_text(b, rf->label);
			buf_puts(b, "</dt><dd>");
			field_value(b, n, rf->key, json_string_value(v));
			buf_puts(b, "</dd>\n");
		}
		buf_puts(b, "</dl>\n<h3>上传的材料</h3>\n");
		uploads_of(b, o, wid, jstr(s, "name"));
		buf_puts(b, "</section>\n");
	}
	/* Materials of the whole order (website 0) or of no listed site. */
	json_array_foreach(json_object_get(o, "uploads"), i, u)
		if (website_name(o, json_integer_value(json_object_get(u,
		    "website_id"))) == NULL)
			others++;
	if (others == 0)
		return;
	buf_puts(b, "<section class=\"review-part\" aria-labelledby=\"other-h\">"
	    "\n<h2 id=\"other-h\">其他材料</h2>\n<div class=\"review-uploads\">"
	    "\n");
	json_array_foreach(json_object_get(o, "uploads"), i, u)
		if (website_name(o, json_integer_value(json_object_get(u,
		    "website_id"))) == NULL)
			upload_figure(b, u, NULL);
	buf_puts(b, "</div>\n</section>\n");
}

static const char *
field_label(const char *key)
{
	const struct review_field	*rf = review_field_find(key);

	return rf != NULL ? rf->label : key;
}

/* The items of an earlier rejection still open: what was sent back. */
static void
rejected(struct buf *b, const struct req *r, const json_t *o)
{
	const json_t	*items = json_object_get(json_object_get(o, "review"),
	    "rejected"), *it, *t;
	const char	*field, *dot, *site;
	size_t		 i;

	if (json_array_size(items) == 0)
		return;
	buf_puts(b, "<section class=\"review-part\" aria-labelledby=\"rej-h\">\n"
	    "<h2 id=\"rej-h\">已驳回、等待申请人修改的项目</h2>\n"
	    "<ul class=\"review-rejected\">\n");
	json_array_foreach(items, i, it) {
		t = json_object_get(it, "target");
		site = website_name(o, json_integer_value(json_object_get(it,
		    "website_id")));
		buf_puts(b, "<li><strong>");
		html_text(b, jstr(it, "reason"));
		buf_puts(b, " ");
		html_text(b, jstr(it, "title"));
		buf_puts(b, "</strong>：");
		if (site != NULL) {
			html_text(b, site);
			buf_puts(b, " · ");
		}
		field = jstr(t, "field");
		if (field != NULL && (dot = strchr(field, '.')) != NULL &&
		    (dot = strchr(dot + 1, '.')) != NULL)
			html_text(b, field_label(dot + 1));
		else
			html_text(b, kind_name(o, json_integer_value(
			    json_object_get(it, "website_id")), jstr(it, "kind")));
		if (jstr(it, "note") != NULL && *jstr(it, "note") != '\0') {
			buf_puts(b, "<br><span class=\"hint\">说明：");
			html_text(b, jstr(it, "note"));
			buf_puts(b, "</span>");
		}
		buf_puts(b, " <span class=\"hint\">（");
		view_china_time(b, jstr(it, "at"), r->now, false);
		buf_puts(b, "）</span></li>\n");
	}
	buf_puts(b, "</ul>\n</section>\n");
}


/*
 * A resubmitted order: what the last rejection asked to change, each
 * field before and after, each document with the new one now in its
 * place.  The reviewer of this round checks these first.
 */
static void
changes(struct buf *b, const json_t *o, const struct names *n)
{
	const json_t	*items = json_object_get(json_object_get(o, "review"),
	    "changed"), *it, *now_u;
	const char	*field, *dot, *site, *now;
	char		 wkey[24];
	json_int_t	 wid;
	size_t		 i;

	if (json_array_size(items) == 0)
		return;
	buf_puts(b, "<section class=\"review-part review-changes\" "
	    "aria-labelledby=\"chg-h\">\n<h2 id=\"chg-h\">上一轮驳回后的修改</h2>\n"
	    "<p class=\"hint\">申请人按上一轮的驳回意见修改了这些项目，请先核对。</p>\n"
	    "<ul class=\"review-rejected\">\n");
	json_array_foreach(items, i, it) {
		wid = json_integer_value(json_object_get(it, "website_id"));
		site = website_name(o, wid);
		field = jstr(json_object_get(it, "target"), "field");
		buf_puts(b, "<li><strong>");
		if (site != NULL) {
			html_text(b, site);
			buf_puts(b, " · ");
		}
		dot = field != NULL ? strchr(field + 9, '.') : NULL;
		html_text(b, dot != NULL ? field_label(dot + 1) :
		    jstr(it, "kind_name") != NULL ? jstr(it, "kind_name") : "材料");
		buf_puts(b, "</strong>（");
		html_text(b, jstr(it, "reason"));
		buf_puts(b, " ");
		html_text(b, jstr(it, "title"));
		buf_puts(b, "）<br>");
		if (dot != NULL) {
			snprintf(wkey, sizeof(wkey), "%lld", (long long)wid);
			now = jstr(json_object_get(json_object_get(o, "fields"),
			    wkey), dot + 1);
			buf_puts(b, "<span class=\"was\">原来：");
			field_value(b, n, dot + 1, jstr(it, "was"));
			buf_puts(b, "</span><br><span class=\"now\">现在：");
			if (now != NULL)
				field_value(b, n, dot + 1, now);
			else
				buf_puts(b, "—");
			buf_puts(b, "</span>");
		} else if ((now_u = slot_upload(o, wid, jstr(it, "kind"))) !=
		    NULL && jint(now_u, "id") != jint(json_object_get(it,
		    "target"), "upload")) {
			buf_printf(b, "<span class=\"now\">已重新上传：<a href="
			    "\"#upload-%lld\">查看新的图片</a></span>",
			    jint(now_u, "id"));
		} else
			buf_puts(b, "<span class=\"was\">没有重新上传</span>");
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n</section>\n");
}

static void
events(struct buf *b, const struct req *r, const json_t *o)
{
	const json_t	*e;
	const char	*actor;
	size_t		 i;

	buf_puts(b, "<section class=\"review-part\" aria-labelledby=\"ev-h\">\n"
	    "<h2 id=\"ev-h\">办理记录</h2>\n<ol class=\"timeline\">\n");
	json_array_foreach(json_object_get(o, "events"), i, e) {
		actor = jstr(e, "actor") != NULL ? jstr(e, "actor") : "";
		buf_puts(b, "<li>");
		time_el(b, r, jstr(e, "at"));
		buf_puts(b, " <span class=\"badge\">");
		html_text(b, strcmp(actor, "applicant") == 0 ? "申请人" :
		    strcmp(actor, "reviewer") == 0 ? "审核员" :
		    strcmp(actor, "system") == 0 ? "系统" :
		    strcmp(actor, "phone") == 0 ? "手机上传" : actor);
		buf_puts(b, "</span> ");
		html_text(b, jstr(e, "note"));
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ol>\n</section>\n");
}

/* The options of a row's target: each website's uploads, then its fields. */
static void
target_options(struct buf *b, const json_t *o)
{
	const json_t	*fields = json_object_get(o, "fields"), *s, *f, *u;
	const struct review_field *rf;
	json_int_t	 wid;
	char		 key[24];
	size_t		 i, j, k;
	bool		 others = false;

	buf_puts(b, "<option value=\"\">—— 选择材料或字段 ——</option>\n");
	json_array_foreach(json_object_get(o, "websites"), i, s) {
		wid = json_integer_value(json_object_get(s, "id"));
		snprintf(key, sizeof(key), "%lld", (long long)wid);
		f = json_object_get(fields, key);
		buf_puts(b, "<optgroup label=\"网站：");
		html_attr(b, jstr(s, "name"));
		buf_puts(b, "\">\n");
		json_array_foreach(json_object_get(o, "uploads"), j, u) {
			if (json_integer_value(json_object_get(u,
			    "website_id")) != wid)
				continue;
			buf_printf(b, "<option value=\"upload:%lld\">材料：",
			    jint(u, "id"));
			html_text(b, jstr(u, "kind_name"));
			buf_puts(b, "</option>\n");
		}
		for (k = 0; (rf = review_field_at(k)) != NULL; k++) {
			/* Only what the server takes as a target. */
			if (review_field_refused(rf->key,
			    strcmp(jstr(f, "owner.same_as_leader"), "0") !=
			    0) != NULL)
				continue;
			buf_printf(b, "<option value=\"field:websites.%lld.",
			    (long long)wid);
			html_attr(b, rf->key);
			buf_puts(b, "\">字段：");
			html_text(b, rf->label);
			buf_puts(b, "</option>\n");
		}
		buf_puts(b, "</optgroup>\n");
	}
	json_array_foreach(json_object_get(o, "uploads"), j, u) {
		if (website_name(o, json_integer_value(json_object_get(u,
		    "website_id"))) != NULL)
			continue;
		if (!others)
			buf_puts(b, "<optgroup label=\"其他材料\">\n");
		others = true;
		buf_printf(b, "<option value=\"upload:%lld\">材料：",
		    jint(u, "id"));
		html_text(b, jstr(u, "kind_name"));
		buf_puts(b, "</option>\n");
	}
	if (others)
		buf_puts(b, "</optgroup>\n");
}

/* The reasons of one review: the initial's, or the photo review's. */
static void
reason_options(struct buf *b, const json_t *o, const char *stage)
{
	const json_t	*x;
	size_t		 i;

	buf_puts(b, "<option value=\"\">—— 选择驳回原因 ——</option>\n");
	json_array_foreach(json_object_get(o, "reasons"), i, x) {
		if (jstr(x, "stage") != NULL && strcmp(jstr(x, "stage"),
		    stage) != 0)
			continue;
		buf_puts(b, "<option value=\"");
		html_attr(b, jstr(x, "code"));
		buf_puts(b, "\">");
		html_text(b, jstr(x, "code"));
		buf_puts(b, " ");
		html_text(b, jstr(x, "title"));
		buf_puts(b, "</option>\n");
	}
}

/*
 * Row k of the reject form.  The server pairs the k-th code with the
 * k-th target and note and names an error "reasons.<k>", counting the
 * empty rows too: the slot of row k is that field's.
 */
static void
reason_row(struct buf *b, const struct req *r, size_t k, const char *reasons,
    const char *targets)
{
	char	 key[32];

	snprintf(key, sizeof(key), "reasons.%zu", k);
	buf_printf(b, "<fieldset class=\"reason-row\" data-row=\"%zu\">\n"
	    "<legend>驳回项目 %zu</legend>\n", k, k + 1);
	buf_printf(b, "<div class=\"field\"><label for=\"code-%zu\">原因</label>"
	    "<select id=\"code-%zu\" name=\"code\" aria-describedby=\"err-%s\"",
	    k, k, key);
	view_invalid(b, r, key);
	buf_puts(b, ">\n");
	buf_puts(b, reasons);
	buf_puts(b, "</select></div>\n");
	buf_printf(b, "<div class=\"field\"><label for=\"target-%zu\">要修改的"
	    "材料或字段</label><select id=\"target-%zu\" name=\"target\" "
	    "aria-describedby=\"err-%s\"", k, k, key);
	view_invalid(b, r, key);
	buf_puts(b, ">\n");
	buf_puts(b, targets);
	buf_puts(b, "</select></div>\n");
	buf_printf(b, "<div class=\"field\"><label for=\"note-%zu\">给申请人的说明"
	    "（选填）</label><input id=\"note-%zu\" name=\"note\" type=\"text\" "
	    "maxlength=\"%d\" autocomplete=\"off\" aria-describedby=\"err-%s "
	    "hint-note-%zu\"><p class=\"hint\" id=\"hint-note-%zu\">例如“身份证"
	    "反光，号码看不清，请重新拍摄”。最多 %d 个字。</p></div>\n", k, k,
	    NOTE_CHARS, key, k, k, NOTE_CHARS);
	view_field_error(b, r, NULL, key);
	buf_puts(b, "</fieldset>\n");
}

/*
 * A decision form: next is the queue (the order leaves it), back the
 * order's page, where a refused classic post shows the server's words.
 */
static void
form_begin(struct buf *b, const char *cls, const char *anchor,
    const char *action, const char *back, const char *decision)
{
	buf_puts(b, "<form method=\"post\" class=\"review-form ");
	html_attr(b, cls);
	if (anchor != NULL) {
		buf_puts(b, "\" id=\"");
		html_attr(b, anchor);
	}
	buf_puts(b, "\" action=\"");
	html_attr(b, action);
	buf_puts(b, "\" data-decision=\"");
	html_attr(b, decision);
	buf_puts(b, "\">\n<div class=\"form-error\" role=\"alert\" hidden>"
	    "</div>\n<input type=\"hidden\" name=\"next\" value=\"/review/\">"
	    "\n<input type=\"hidden\" name=\"back\" value=\"");
	html_attr(b, back);
	buf_puts(b, "\">\n<input type=\"hidden\" name=\"decision\" value=\"");
	html_attr(b, decision);
	buf_puts(b, "\">\n");
}

/* The targets of a photo review: the photos, or the Shanghai app's check. */
static void
photo_targets(struct buf *b, const json_t *o)
{
	const json_t	*v = json_object_get(o, "verification"), *u;
	size_t		 i;

	buf_puts(b, "<option value=\"\">—— 选择核验照片 ——</option>\n");
	if (strcmp(jstr(v, "method"), "shanghai_app") == 0) {
		buf_puts(b, "<option value=\"field:verification\">上海市通信管理局 "
		    "App 核验（请申请人在 App 中重新核验）</option>\n");
		return;
	}
	json_array_foreach(json_object_get(o, "uploads"), i, u) {
		if (strcmp(jstr(u, "kind"), "curtain_photo") != 0)
			continue;
		buf_printf(b, "<option value=\"upload:%lld\">核验照片：",
		    jint(u, "id"));
		html_text(b, website_name(o, json_integer_value(json_object_get(u,
		    "website_id"))));
		buf_puts(b, "</option>\n");
	}
}

/*
 * The photos of a photo review, each large beside the owner's ID front,
 * and what the province wants seen (甘肃's slogan).
 */
static void
photos(struct buf *b, const json_t *o)
{
	const json_t	*v = json_object_get(o, "verification"), *u, *id, *h;
	json_int_t	 wid;
	size_t		 i, j;

	buf_puts(b, "<section class=\"review-part review-photos\" "
	    "aria-labelledby=\"photos-h\">\n<h2 id=\"photos-h\">核验照片</h2>\n"
	    "<p>核验方式：");
	html_text(b, strcmp(jstr(v, "method"), "curtain") == 0 ? "幕布照片" :
	    strcmp(jstr(v, "method"), "shanghai_app") == 0 ?
	    "上海市通信管理局 App（核验码已由管局系统核对）" : "白色背景照片");
	buf_puts(b, "</p>\n");
	json_array_foreach(json_object_get(v, "hints"), i, h) {
		buf_puts(b, "<p class=\"hint-strong\">");
		html_text(b, json_string_value(h));
		buf_puts(b, "</p>\n");
	}
	json_array_foreach(json_object_get(o, "uploads"), i, u) {
		if (strcmp(jstr(u, "kind"), "curtain_photo") != 0)
			continue;
		wid = json_integer_value(json_object_get(u, "website_id"));
		buf_puts(b, "<div class=\"photo-pair\">\n<figure><a href=\"");
		html_attr(b, jstr(u, "url"));
		buf_puts(b, "\"><img src=\"");
		html_attr(b, jstr(u, "url"));
		buf_puts(b, "\" alt=\"核验照片\"></a><figcaption>核验照片 · ");
		html_text(b, website_name(o, wid));
		buf_puts(b, "</figcaption></figure>\n");
		json_array_foreach(json_object_get(o, "uploads"), j, id) {
			if (strcmp(jstr(id, "kind"), "owner_id_front") != 0 ||
			    json_integer_value(json_object_get(id,
			    "website_id")) != wid)
				continue;
			buf_puts(b, "<figure><a href=\"");
			html_attr(b, jstr(id, "url"));
			buf_puts(b, "\"><img src=\"");
			html_attr(b, jstr(id, "url"));
			buf_puts(b, "\" alt=\"网站负责人证件（正面）\"></a><figcaption>"
			    "网站负责人证件（正面）</figcaption></figure>\n");
		}
		buf_puts(b, "</div>\n");
	}
	buf_puts(b, "</section>\n");
}

static void
decision(struct buf *b, const struct req *r, const json_t *o, bool photo,
    bool approvable)
{
	struct buf	 reasons = BUF_INIT, targets = BUF_INIT;
	char		 action[80], back[64];
	const char	*field, *err;
	long long	 id = jint(o, "id");
	size_t		 k;

	snprintf(action, sizeof(action), "/api/review/orders/%lld/decision", id);
	snprintf(back, sizeof(back), "/review/order.html?id=%lld", id);
	reason_options(&reasons, o, photo ? "verification" : "initial");
	if (photo)
		photo_targets(&targets, o);
	else
		target_options(&targets, o);
	buf_printf(b, "<section class=\"review-part review-decision\" "
	    "aria-labelledby=\"decision-h\" id=\"decision\">\n"
	    "<h2 id=\"decision-h\">%s</h2>\n<div class=\"decision-forms\">"
	    "\n", photo ? "核验照片审核决定" : approvable ? "初审决定" :
	    "退回申请人修改");
	if (approvable) {
		form_begin(b, "review-approve", NULL, action, back, "approve");
		buf_printf(b, "<h3>通过</h3>\n<p class=\"hint\">%s</p>\n"
		    "<button type=\"submit\" class=\"btn btn-primary\">通过"
		    "</button>\n</form>\n", photo ? "照片中是网站负责人本人，与证件"
		    "一致，背景、着装和清晰度都符合要求时选择。通过后订单等待提交管局。" :
		    "主体、网站信息和每份材料都核对无误时选择。通过后申请人进入拍照核验。");
	}
	/*
	 * A refused classic post comes back to "#e-invalid" (resp.c): when
	 * it was about the reasons, that is this form, so the browser shows
	 * the rows with their messages rather than the top of the page.
	 */
	field = kv_get(&r->query, "field");
	err = kv_get(&r->query, "error");
	form_begin(b, "review-reject", err != NULL &&
	    strcmp(err, "invalid") == 0 && field != NULL &&
	    strncmp(field, "reasons", 7) == 0 ? "e-invalid" : NULL, action,
	    back, "reject");
	buf_puts(b, "<h3>驳回</h3>\n<p class=\"hint\">每一项写一处需要申请人修改"
	    "的地方：选原因，选是哪份材料或哪个字段，再写明怎样改。申请人只能修改"
	    "被驳回的项目。用不到的项目留空即可。</p>\n");
	view_field_error(b, r, NULL, "reasons");
	buf_puts(b, "<div class=\"reason-rows\">\n");
	for (k = 0; k < REASON_ROWS; k++)
		reason_row(b, r, k, reasons.p, targets.p);
	buf_puts(b, "</div>\n<button type=\"submit\" class=\"btn btn-danger\">"
	    "驳回</button>\n</form>\n</div>\n</section>\n");
	buf_free(&reasons);
	buf_free(&targets);
}

/* The bureau stage as the reviewer follows it: the submission, the SMS. */
static void
bureau(struct buf *b, const struct req *r, const json_t *o)
{
	const json_t	*bu = json_object_get(o, "bureau");
	const json_t	*s = json_object_get(bu, "submission");
	const json_t	*sms = json_object_get(bu, "sms");
	const char	*st;
	char		 num[32];

	if (!json_is_object(s))
		return;
	buf_puts(b, "<section class=\"review-part review-bureau\" "
	    "aria-labelledby=\"bureau-h\">\n<h2 id=\"bureau-h\">管局</h2>\n"
	    "<dl class=\"facts\">\n<dt>提交管局截止</dt><dd>");
	time_el(b, r, jstr(s, "due_at"));
	buf_puts(b, "</dd>\n");
	if (jstr(s, "submitted_at") != NULL) {
		buf_puts(b, "<dt>提交管局</dt><dd>");
		time_el(b, r, jstr(s, "submitted_at"));
		buf_printf(b, "（第 %lld 次）</dd>\n", jint(s, "round"));
		view_fact(b, "送达", strcmp(jstr(s, "delivery"), "none") == 0 ?
		    "模拟管局" : strcmp(jstr(s, "delivery"), "sent") == 0 ?
		    "已送达" : strcmp(jstr(s, "delivery"), "dead") == 0 ?
		    "送达失败，已停止重试" : "等待送达");
		if (jstr(s, "last_error") != NULL)
			view_fact(b, "上次送达失败", jstr(s, "last_error"));
	}
	if (json_is_true(json_object_get(sms, "sent"))) {
		st = jstr(sms, "state");
		view_fact(b, "短信核验", strcmp(st, "verified") == 0 ? "已通过" :
		    strcmp(st, "failed") == 0 ? "未通过（R14）" : "等待核验");
		view_fact(b, "核验手机", jstr(sms, "mobile"));
		buf_puts(b, "<dt>核验截止</dt><dd>");
		time_el(b, r, jstr(sms, "deadline"));
		(void)snprintf(num, sizeof(num), "%lld",
		    jint(sms, "tries_left"));
		buf_puts(b, "</dd>\n");
		view_fact(b, "剩余尝试次数", num);
	}
	if (jstr(s, "reason") != NULL) {
		view_fact(b, "管局驳回原因", jstr(s, "reason_title"));
		view_fact(b, "管局说明", jstr(s, "note"));
	}
	buf_puts(b, "</dl>\n</section>\n");
}

/* 提交管局: a classic form; the payload is built on the server. */
static void
submission_form(struct buf *b, const json_t *o)
{
	long long	 id = jint(o, "id");

	buf_printf(b, "<section class=\"review-part review-submission\" "
	    "aria-labelledby=\"submission-h\">\n<h2 id=\"submission-h\">"
	    "提交管局</h2>\n<p class=\"hint\">核验已通过。提交后，备案信息和"
	    "全部材料（按管局要求的大小重新压缩）发送到管局；需要短信核验的省份，"
	    "工信部会向网站负责人发送核验短信。</p>\n<form method=\"post\" "
	    "class=\"review-form review-submit\" action=\"/api/review/orders/"
	    "%lld/bureau-submission\">\n<input type=\"hidden\" name=\"next\" "
	    "value=\"/review/?stage=bureau\">\n<input type=\"hidden\" "
	    "name=\"back\" value=\"/review/order.html?id=%lld\">\n"
	    "<button type=\"submit\" class=\"btn btn-primary\">提交管局"
	    "</button>\n</form>\n</section>\n", id, id);
}

enum app_err
review_order_view(struct req *r, struct resp *w)
{
	const json_t	*o = w->body;
	const char	*state = jstr(o, "state");
	struct buf	*b = &w->raw;
	struct names	 n;
	bool		 photo = state != NULL &&
			    strcmp(state, "verification_review") == 0;
	enum app_err	 er;

	memset(&n, 0, sizeof(n));
	if ((er = names_load(r, &n)) != APP_OK) {
		names_free(&n);
		return er;
	}
	view_begin(b, "review-order");
	view_query_alert(b, r, NULL);
	summary(b, r, o);
	if (photo)
		photos(b, o);
	changes(b, o, &n);
	checks(b, o);
	subject(b, o);
	websites(b, o, &n);
	rejected(b, r, o);
	events(b, r, o);
	bureau(b, r, o);
	/* Only an order in a review takes a decision (409 else). */
	if (state != NULL && (strcmp(state, "initial_review") == 0 || photo))
		decision(b, r, o, photo, true);
	else if (state != NULL && strcmp(state, "awaiting_bureau") == 0) {
		submission_form(b, o);
		/* Back from a failed SMS check: or to its applicant. */
		if (jint(json_object_get(json_object_get(o, "bureau"),
		    "submission"), "round") > 0)
			decision(b, r, o, false, false);
	} else {
		buf_puts(b, "<div class=\"alert alert-info review-closed\" "
		    "role=\"status\"><p>这个订单当前的状态是“");
		html_text(b, jstr(o, "state_label"));
		buf_puts(b, "”，不在审核中，这里不需要再做决定。</p><p><a "
		    "class=\"btn btn-secondary\" href=\"/review/\">返回审核队列"
		    "</a></p></div>\n");
	}
	view_end(b);
	names_free(&n);
	return APP_OK;
}
