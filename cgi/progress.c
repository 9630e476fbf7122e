/*
 * progress: stage 8 as the applicant and the bureau see it.
 *
 *   GET  /api/orders/{id}/progress  {order_id, state, stages: [{key, label,
 *                                   state, at, due}], current, eta, now:
 *                                   {text, href}, sms, bureau, websites,
 *                                   order}: every stage with its date, what
 *                                   to do now, and the estimated completion
 *                                   (stages.h)
 *   GET  /api/orders/{id}/sms       MIIT's SMS check (bureau-json.h)
 *   POST /api/bureau/events         the http adapter's callback: one event
 *                                   of the bureau, signed (bureau.h); 404
 *                                   while the simulator is the bureau
 *   GET  /sim/miit/page             the simulated MIIT verification page
 *   POST /sim/miit/sms              {mobile, code, id_last6}: one try of
 *                                   the code MIIT texted (simulator only;
 *                                   404 behind the http adapter)
 *
 * Another account's order is 404, as everywhere.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/app.h"
#include "lib/bizday.h"
#include "lib/bureau-json.h"
#include "lib/db-bureau.h"
#include "lib/db-filing.h"
#include "lib/db-order.h"
#include "lib/db-verify.h"
#include "lib/log.h"
#include "lib/messages.h"
#include "lib/stages.h"
#include "lib/util.h"
#include "lib/view.h"
#include "views.h"

static enum app_err	progress_get(struct req *, struct resp *);
static enum app_err	sms_get(struct req *, struct resp *);
static enum app_err	events_post(struct req *, struct resp *);
static enum app_err	miit_page(struct req *, struct resp *);
static enum app_err	miit_post(struct req *, struct resp *);

enum	route_id {
	ROUTE_PROGRESS,
	ROUTE_SMS,
	ROUTE_EVENTS,
	ROUTE_MIIT_PAGE,
	ROUTE_MIIT_SMS,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	/* ROUTE_PROGRESS */
	{ "/api/orders/{id}/progress", M_GET, AUTH_USER, progress_get,
	  progress_view },
	/* ROUTE_SMS */
	{ "/api/orders/{id}/sms", M_GET, AUTH_USER, sms_get, NULL },
	/* ROUTE_EVENTS */
	{ "/api/bureau/events", M_POST, AUTH_NONE, events_post, NULL },
	/* ROUTE_MIIT_PAGE */
	{ "/sim/miit/page", M_GET, AUTH_NONE, miit_page, miit_view },
	/* ROUTE_MIIT_SMS */
	{ "/sim/miit/sms", M_POST, AUTH_NONE, miit_post, NULL },
};

/* Everything the stages read of one order. */
struct	progress {
	json_t			*order;
	struct bureau_state	 st;
	struct verification	 v;
	struct stage_event	*ev;
	size_t			 nev;
};

static void
progress_free(struct progress *p)
{
	json_decref(p->order);
	bureau_state_free(&p->st);
	verification_free(&p->v);
	free(p->ev);
	memset(p, 0, sizeof(*p));
}

static int64_t
iso_of(const json_t *o, const char *key)
{
	int64_t	 t;

	return view_iso_time(jstr(o, key), &t) ? t : 0;
}

static enum app_err
progress_load(struct req *r, struct progress *p)
{
	const json_t	*e;
	size_t		 i;
	enum app_err	 er;

	memset(p, 0, sizeof(*p));
	if ((er = db_order_json(r->db, r->ids[0], r->user.id, &p->order)) !=
	    APP_OK ||
	    (er = db_bureau_state(r->db, r->ids[0], r->now, &p->st)) !=
	    APP_OK ||
	    (er = db_verification_get(r->db, r->ids[0], &p->v)) != APP_OK)
		return er;
	e = json_object_get(p->order, "events");
	p->ev = xcalloc(json_array_size(e) + 1, sizeof(*p->ev));
	for (i = 0; i < json_array_size(e); i++) {
		p->ev[p->nev].ev = order_ev_parse(jstr(json_array_get(e, i),
		    "event"));
		p->ev[p->nev].at = iso_of(json_array_get(e, i), "at");
		if (p->ev[p->nev].ev != OE__MAX)
			p->nev++;
	}
	return APP_OK;
}

static json_t *
ymd_json(int64_t ymd)
{
	char	 s[48];

	if (ymd <= 0)
		return json_null();
	snprintf(s, sizeof(s), "%04lld-%02lld-%02lld", (long long)(ymd / 10000),
	    (long long)(ymd / 100 % 100), (long long)(ymd % 100));
	return json_string(s);
}

/* What the applicant does now, in words and where. */
static json_t *
now_json(const struct progress *p, const json_t *sms, long long oid)
{
	enum order_state	 st = order_state_parse(jstr(p->order,
	    "state"));
	char			 href[96], text[400];
	const char		*page = NULL;

	text[0] = '\0';
	switch (st) {
	case OS_DRAFT:
		page = "subject";
		snprintf(text, sizeof(text), "%s", "订单还没有提交：请继续填写，"
		    "核对后提交初审。");
		break;
	case OS_INITIAL_REVIEW:
		snprintf(text, sizeof(text), "%s", "服务商正在初审，无需操作。"
		    "审核结果会通知您。");
		break;
	case OS_INITIAL_REJECTED:
		page = "submit";
		snprintf(text, sizeof(text), "%s", "初审驳回：请按驳回意见修改后"
		    "重新提交。");
		break;
	case OS_AWAITING_VERIFICATION:
	case OS_VERIFICATION_REJECTED:
		page = "verify";
		snprintf(text, sizeof(text), "%s", st == OS_AWAITING_VERIFICATION ?
		    "初审已通过：请完成拍照核验。" :
		    "核验照片未通过：请按说明重新拍摄后再提交。");
		break;
	case OS_VERIFICATION_REVIEW:
		snprintf(text, sizeof(text), "%s", "服务商正在审核核验照片，无需操作。");
		break;
	case OS_AWAITING_BUREAU:
		snprintf(text, sizeof(text), "%s", "核验已通过，服务商会在 1 个"
		    "工作日内把备案信息提交给管局，无需操作。");
		break;
	case OS_AT_BUREAU:
		if (strcmp(jstr(sms, "state"), "waiting") == 0)
			snprintf(text, sizeof(text), "管局受理后，工业和信息化部会"
			    "向网站负责人的手机发送核验短信。收到后请在 %lld "
			    "小时内按短信提示完成核验，否则备案会被退回。",
			    (long long)json_integer_value(json_object_get(sms,
			    "window_hours")));
		else
			snprintf(text, sizeof(text), "%s", "管局正在审核，无需操作。"
			    "审核期间请保持网站负责人电话畅通，管局可能来电核实。");
		break;
	case OS_SMS_PENDING:
		snprintf(text, sizeof(text), "工业和信息化部已向网站负责人手机 %s "
		    "发送核验短信：请在截止时间前打开短信中的链接，输入手机号码、"
		    "验证码和证件号码后 6 位完成核验（还可输错 %lld 次）。",
		    jstr(sms, "mobile") != NULL ? jstr(sms, "mobile") : "",
		    (long long)json_integer_value(json_object_get(sms,
		    "tries_left")));
		break;
	case OS_BUREAU_REJECTED:
		page = "submit";
		snprintf(text, sizeof(text), "管局驳回（%s %s）%s%s。请修改后重新提交，"
		    "订单会重新经过服务商初审。",
		    p->st.b.reason != NULL ? p->st.b.reason : "",
		    p->st.b.reason_title != NULL ? p->st.b.reason_title : "",
		    p->st.b.note != NULL && *p->st.b.note != '\0' ? "：" : "",
		    p->st.b.note != NULL ? p->st.b.note : "");
		break;
	case OS_APPROVED:
		snprintf(text, sizeof(text), "%s", "网站备案号已下发。请在网站"
		    "首页底部放置网站备案号，并链接到 https://beian.miit.gov.cn/ 。");
		break;
	default:
		snprintf(text, sizeof(text), "%s", "订单已结束。");
		break;
	}
	if (page != NULL)
		snprintf(href, sizeof(href), "/order/%s.html?id=%lld", page, oid);
	return json_pack("{s:s, s:s?}", "text", text, "href",
	    page != NULL ? href : NULL);
}

static enum app_err
progress_get(struct req *r, struct resp *w)
{
	struct progress		 p;
	struct stages_in	 in;
	struct stages		 out;
	struct bizday_cal	 cal;
	json_t			*stages = NULL, *sms = NULL, *sites, *e;
	const json_t		*site;
	int64_t			 today = bizday_china_date(r->now), due;
	long long		 oid = (long long)r->ids[0];
	size_t			 i;
	enum app_err		 er;

	if ((er = progress_load(r, &p)) != APP_OK)
		goto out;
	/* The estimate reaches some 30 business days out. */
	if ((er = bizday_load(r->db, bizday_china_date(r->now - 60 * 86400),
	    bizday_china_date(r->now + 120 * 86400), &cal)) != APP_OK)
		goto out;
	sms = sms_json(&p.st.s, &p.st.f.rules, p.st.b.round, r->now);
	memset(&in, 0, sizeof(in));
	in.state = order_state_parse(jstr(p.order, "state"));
	in.ev = p.ev;
	in.nev = p.nev;
	in.expires = iso_of(p.order, "expires_at");
	in.review_due = iso_of(json_object_get(p.order, "review"), "due_at");
	in.photo_due = view_iso_time(p.v.due_at, &due) ? due : 0;
	in.submit_due = view_iso_time(p.st.b.due_at, &due) ? due : 0;
	in.bureau_submitted = p.st.b.submitted;
	in.sms_sent = json_is_true(json_object_get(sms, "sent"));
	in.sms_verified = strcmp(jstr(sms, "state"), "verified") == 0;
	in.sms_deadline = iso_of(sms, "deadline");
	in.rules = &p.st.f.rules;
	in.cal = &cal;
	in.now = r->now;
	stages_of(&in, &out);
	stages = json_array();
	for (i = 0; i < out.n; i++) {
		e = json_pack("{s:s, s:s, s:s, s:o, s:o}",
		    "key", stage_key_name(out.v[i].key),
		    "label", stage_label(out.v[i].key),
		    "state", stage_state_name(out.v[i].state),
		    "at", iso_time_json(out.v[i].at), "due", iso_time_json(out.v[i].due));
		if (e == NULL || json_array_append_new(stages, e) != 0) {
			er = APP_EINTERNAL;
			goto out;
		}
	}
	sites = json_array();
	json_array_foreach(json_object_get(p.order, "websites"), i, site)
		json_array_append_new(sites, json_pack("{s:I, s:s, s:s, s:O?}",
		    "id", json_integer_value(json_object_get(site, "id")),
		    "name", jstr(site, "name"), "domain", jstr(site, "domain"),
		    "website_number", json_object_get(site, "website_number")));
	resp_json(w, 200, json_pack("{s:I, s:s, s:s, s:o, s:i, s:b, s:o, "
	    "s:I, s:o, s:O, s:o, s:o, s:O}",
	    "order_id", (json_int_t)oid,
	    "state", jstr(p.order, "state"),
	    "state_label", jstr(p.order, "state_label"),
	    "stages", stages, "current", out.current, "closed", out.closed,
	    "eta", ymd_json(out.eta),
	    "eta_business_days", (json_int_t)(out.eta > 0 ?
	    bizday_between(&cal, today, out.eta) : 0),
	    "now", now_json(&p, sms, oid),
	    "sms", sms,
	    "bureau", bureau_sub_json(&p.st.b),
	    "websites", sites,
	    "order", p.order));
	stages = NULL;
	if (w->body == NULL)
		er = APP_EINTERNAL;
out:
	json_decref(stages);
	json_decref(sms);
	progress_free(&p);
	return er;
}

static enum app_err
sms_get(struct req *r, struct resp *w)
{
	struct bureau_state	 st;
	enum app_err		 er;

	memset(&st, 0, sizeof(st));
	if ((er = db_order_owned(r->db, r->ids[0], r->user.id)) == APP_OK &&
	    (er = db_bureau_state(r->db, r->ids[0], r->now, &st)) == APP_OK)
		resp_json(w, 200, sms_json(&st.s, &st.f.rules, st.b.round,
		    r->now));
	bureau_state_free(&st);
	return er;
}

/*
 * The bureau's callback.  Nothing is read before the signature checks
 * out; an event that does not fit the order is 409 (the bureau's retry
 * of one already applied hears the same).
 */
static enum app_err
events_post(struct req *r, struct resp *w)
{
	struct bureau_event	 ev;
	struct bureau_why	 why;
	const char		*field, *msg;
	char			 code[7];
	json_t			*o = NULL;
	enum app_err		 er;

	if (!bureau_is_http(r->conf))
		return APP_ENOTFOUND;
	if (!bureau_sign_ok(r->conf, req_env(r, "HTTP_X_BEIAN_TIMESTAMP"),
	    req_env(r, "HTTP_X_BEIAN_SIGNATURE"), r->body.p, r->body.len,
	    r->now)) {
		applog(LOG_WARN, "bureau callback: bad signature");
		return resp_fail(w, APP_EAUTH, "bureau_signature",
		    msg_for_code("bureau_signature"));
	}
	if (r->body_kind != BODY_JSON)
		return APP_EMEDIA;
	if (!bureau_event_read(r->json, &ev, &field, &msg))
		return resp_field(w, field, msg);
	if ((er = db_bureau_apply(r->db, r->conf, &ev, "bureau", r->now, code,
	    &why)) != APP_OK)
		return why.code != NULL ? resp_fail(w, er, why.code,
		    why.text[0] != '\0' ? why.text : msg_for_code(why.code)) :
		    er;
	if ((er = db_order_json_review(r->db, ev.order_id, &o)) != APP_OK)
		return er;
	resp_json(w, 200, json_pack("{s:I, s:s, s:s}", "order_id",
	    (json_int_t)ev.order_id, "event", bureau_ev_name(ev.kind),
	    "state", jstr(o, "state")));
	json_decref(o);
	return APP_OK;
}

/* --- the simulated MIIT page --- */

static enum app_err
miit_page(struct req *r, struct resp *w)
{
	if (bureau_is_http(r->conf))
		return APP_ENOTFOUND;
	resp_json(w, 200, json_pack("{s:s?}", "result",
	    kv_get(&r->query, "result")));
	return APP_OK;
}

static bool
digits(const char *s, size_t n)
{
	return s != NULL && strlen(s) == n && strspn(s, "0123456789") == n;
}

static enum app_err
miit_post(struct req *r, struct resp *w)
{
	const char		*mobile = req_str(r, "mobile");
	const char		*code = req_str(r, "code");
	const char		*last6 = req_str(r, "id_last6");
	enum sms_outcome	 out;
	int64_t			 left, oid;
	char			 msg[200];
	enum app_err		 er;

	if (bureau_is_http(r->conf))
		return APP_ENOTFOUND;
	if (!digits(mobile, 11) || mobile[0] != '1')
		return resp_field(w, "mobile", "请输入 11 位手机号码");
	if (!digits(code, 6))
		return resp_field(w, "code", "请输入短信中的 6 位验证码");
	if (last6 == NULL || strlen(last6) != 6 ||
	    strspn(last6, "0123456789Xx") != 6)
		return resp_field(w, "id_last6", "请输入证件号码的后 6 位");
	if ((er = db_sms_try(r->db, r->conf, mobile, code, last6, r->now, &out,
	    &left, &oid)) != APP_OK)
		return er;
	switch (out) {
	case SMS_NONE:
		return resp_field(w, "mobile", "这个手机号码没有待核验的备案短信"
		    "（可能已经核验、已超时或号码有误）");
	case SMS_WRONG:
		w->extra = json_pack("{s:I}", "tries_left", (json_int_t)left);
		snprintf(msg, sizeof(msg), "验证码或证件号码后 6 位不正确，"
		    "还可以再试 %lld 次", (long long)left);
		return resp_field(w, "code", msg);
	case SMS_FAILED:
		w->extra = json_pack("{s:I}", "tries_left", (json_int_t)0);
		return resp_field(w, "code", "连续输错次数已达上限，本次短信核验"
		    "失败。备案已退回服务商，重新提交后您会收到新的核验短信。");
	default:
		break;
	}
	w->next = "/sim/miit/?result=verified";
	applog(LOG_INFO, "order %lld: SMS check passed on MIIT's page",
	    (long long)oid);
	resp_json(w, 200, json_pack("{s:s}", "result", "verified"));
	return APP_OK;
}

int
main(int argc, char *argv[])
{
	static const struct app app = { "progress", routes, ROUTE__MAX, NULL,
	    0, NULL };

	return app_main(argc, argv, &app);
}
