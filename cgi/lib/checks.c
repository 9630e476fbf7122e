/*
 * The pre-submit checks (see checks.h): what the website step checks,
 * again on what is stored, and what only the whole order reveals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checklist.h"
#include "checks.h"
#include "db-order.h"
#include "db-review.h"
#include "rules.h"
#include "site-check.h"
#include "valid.h"
#include "stmts.h"

/* Site-check rules the submit step asks more strictly itself. */
static const char *const own_rules[] = {
	"leader_legal_rep", "owner_auth_letter", "commitment_letter",
	"domain_certificate",
};

struct	run {
	struct db	*db;
	int64_t		 oid;
	json_t		*findings;
	json_t		*fixes;		/* {fix: reason -> fix, title: reason -> title} */
	json_t		*needs;		/* content_preapproval rows */
	struct site_ctx	 c;
	bool		 ctx;
};

static const char *
jstr_of(const json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static void
add(struct run *k, const char *rule, const char *reason, const char *sev,
    json_t *target, const char *msg, const char *fix, const char *href)
{
	const char	*f = fix;

	if (f == NULL && reason != NULL)
		f = json_string_value(json_object_get(json_object_get(
		    k->fixes, "fix"), reason));
	json_array_append_new(k->findings, json_pack("{s:s, s:o, s:s, s:o, "
	    "s:s, s:s, s:s}", "rule", rule,
	    "reason", reason != NULL ? json_string(reason) : json_null(),
	    "severity", sev, "target", target, "message", msg,
	    "fix", f != NULL ? f : "", "href", href));
}

static json_t *
field_target(int64_t wid, const char *field)
{
	char	 f[96];

	snprintf(f, sizeof(f), "websites.%lld.%s", (long long)wid,
	    field != NULL ? field : "");
	return json_pack("{s:s}", "field", f);
}

static const char *
href(struct run *k, const char *page, char *buf, size_t sz)
{
	snprintf(buf, sz, "/order/%s.html?id=%lld", page, (long long)k->oid);
	return buf;
}

static enum app_err
fix_row(const struct db_row *row, void *arg)
{
	json_t	*all = arg;

	json_object_set_new(json_object_get(all, "fix"), db_row_str(row, COL_REJECTION_REASONS_CODE),
	    json_string(db_row_str(row, COL_REJECTION_REASONS_FIX)));
	json_object_set_new(json_object_get(all, "title"), db_row_str(row, COL_REJECTION_REASONS_CODE),
	    json_string(db_row_str(row, COL_REJECTION_REASONS_TITLE)));
	return APP_OK;
}

/* A stored website as the checks read it. */
static void
site_from(struct site *s, const json_t *f)
{
	const char	*p, *q;
	char		 tok[24];
	size_t		 n;

	memset(s, 0, sizeof(*s));
#define F(k)	json_string_value(json_object_get(f, k))
	s->name = F("name");
	s->domain = F("domain");
	s->homepage = F("homepage_url");
	s->remark = F("remark");
	s->sin = F("service_number");
	s->same_as_leader = strcmp(F("owner.same_as_leader"), "0") != 0;
	s->o_name = F("owner.name");
	s->o_id_type = F("owner.id_type");
	s->o_id_number = F("owner.id_number");
	s->o_valid_until = F("owner.id_valid_until");
	s->o_long_term = *s->o_valid_until == '\0';
	s->o_mobile = F("owner.mobile");
	s->o_emergency = F("owner.emergency_phone");
	s->o_email = F("owner.email");
	s->content_list = json_array();
	s->language_list = json_array();
	s->preapprovals = json_array();
	for (p = F("content_types"); *p != '\0'; p += n + (p[n] == ',')) {
		n = strcspn(p, ",");
		if (n > 0 && n < sizeof(tok)) {
			memcpy(tok, p, n);
			tok[n] = '\0';
			json_array_append_new(s->content_list, json_string(tok));
		}
	}
	for (p = F("languages"); *p != '\0'; p += n + (p[n] == ',')) {
		n = strcspn(p, ",");
		if (n > 0 && n < sizeof(tok)) {
			memcpy(tok, p, n);
			tok[n] = '\0';
			json_array_append_new(s->language_list, json_string(tok));
		}
	}
	/* "1:number;4:number" */
	for (p = F("preapprovals"); *p != '\0'; p += n + (p[n] == ';')) {
		n = strcspn(p, ";");
		q = memchr(p, ':', n);
		if (q == NULL || (size_t)(q - p) >= sizeof(tok))
			continue;
		memcpy(tok, p, (size_t)(q - p));
		tok[q - p] = '\0';
		json_array_append_new(s->preapprovals, json_pack("{s:s, s:s%}",
		    "type", tok, "number", q + 1, n - (size_t)(q - p) - 1));
	}
#undef F
}

static void
site_release(struct site *s)
{
	json_decref(s->content_list);
	json_decref(s->language_list);
	json_decref(s->preapprovals);
}

static bool
own_rule(const char *rule)
{
	size_t	 i;

	for (i = 0; i < sizeof(own_rules) / sizeof(own_rules[0]); i++)
		if (strcmp(own_rules[i], rule) == 0)
			return true;
	return false;
}

struct	dfact {
	bool	 found;
	char	 holder[128];
	char	 holder_cert[48];
	int64_t	 realname;	/* -1: unknown */
};

static enum app_err
dfact_row(const struct db_row *row, void *arg)
{
	struct dfact	*d = arg;

	d->found = true;
	snprintf(d->holder, sizeof(d->holder), "%s",
	    db_row_str(row, COL_DOMAIN_FACT_HOLDER) != NULL ? db_row_str(row, COL_DOMAIN_FACT_HOLDER) : "");
	snprintf(d->holder_cert, sizeof(d->holder_cert), "%s",
	    db_row_str(row, COL_DOMAIN_FACT_HOLDER_CERT_NUMBER) != NULL ? db_row_str(row, COL_DOMAIN_FACT_HOLDER_CERT_NUMBER) : "");
	d->realname = db_row_null(row, COL_DOMAIN_FACT_REALNAME) ? -1 : db_row_int(row, COL_DOMAIN_FACT_REALNAME);
	return APP_OK;
}

/* R1: the registrar's holder against the subject; no data, a warning. */
static enum app_err
check_holder(struct run *k, int64_t wid, const struct site *s)
{
	struct dfact	 d;
	struct db_arg	 a[1] = { DB_S(s->domain_a) };
	const char	*want, *want_cert;
	char		 msg[1024], h[96];
	enum app_err	 er;

	if (s->domain_a[0] == '\0')
		return APP_OK;
	memset(&d, 0, sizeof(d));
	if ((er = db_query(k->db, STMT_DOMAIN_FACT, a, 1, dfact_row, &d)) !=
	    APP_OK)
		return er;
	href(k, "website", h, sizeof(h));
	if (!d.found || d.holder[0] == '\0' || d.realname < 0) {
		snprintf(msg, sizeof(msg), "未能核对域名 %s 的持有者和实名认证状态："
		    "没有注册商的数据。域名持有者与主体名称不一致、或未实名认证，"
		    "是最常见的驳回原因。", s->domain_u);
		add(k, "domain_unverified", "R1", "warning", field_target(wid,
		    "domain"), msg, "请登录域名注册商核对：域名持有者须与主体名称一致，"
		    "且已完成实名认证。", h);
		return APP_OK;
	}
	want = k->c.s.personal ? k->c.s.leader_name : k->c.s.name;
	want_cert = k->c.s.personal ? k->c.s.leader_id : k->c.s.cert_number;
	if (strcmp(d.holder, want) != 0) {
		snprintf(msg, sizeof(msg), "域名 %s 的持有者是“%s”，与主体“%s”不一致",
		    s->domain_u, d.holder, want);
		add(k, "domain_holder", "R1", "error", field_target(wid,
		    "domain"), msg, NULL, h);
	} else if (d.holder_cert[0] != '\0' &&
	    strcasecmp(d.holder_cert, want_cert) != 0) {
		snprintf(msg, sizeof(msg), "域名 %s 持有者的证件号码与主体证件号码不一致",
		    s->domain_u);
		add(k, "domain_holder", "R1", "error", field_target(wid,
		    "domain"), msg, NULL, h);
	}
	return APP_OK;
}

/* R3: a certificate from another province than the filing's. */
static void
check_province(struct run *k, const struct checklist *cl)
{
	char		 p[3], h[96], msg[300];
	const json_t	*u;
	size_t		 i;
	bool		 permit = false, accepted;
	int64_t		 type;
	const char	*num;

	type = k->c.s.personal ? k->c.s.leader_id_type : k->c.s.cert_type;
	num = k->c.s.personal ? k->c.s.leader_id : k->c.s.cert_number;
	if (!valid_cert_province(type, num, p) ||
	    strncmp(p, k->c.s.province, 2) == 0)
		return;
	json_array_foreach(cl->uploads, i, u)
		if (strcmp(json_string_value(json_object_get(u, "kind")),
		    "residence_permit") == 0)
			permit = true;
	href(k, "subject", h, sizeof(h));
	accepted = k->c.s.personal && rule_value(&k->c.pr, RK_RESIDENCE_PERMIT_ACCEPTED) != 0;
	if (accepted && permit)
		return;
	snprintf(msg, sizeof(msg), "%s不是备案省份签发的（证件号码的地区码 %s 开头，"
	    "备案省份是 %s）", k->c.s.personal ? "主体负责人的身份证" : "主体证件",
	    p, k->c.s.province);
	if (accepted)
		/* Straight to the slot the checklist opened for it. */
		snprintf(h, sizeof(h), "/order/upload.html?id=%lld#slot-"
		    "residence_permit-0", (long long)k->oid);
	add(k, "cert_province", "R3", "error", json_pack("{s:s}", "step",
	    "subject"), msg, accepted ? "请上传在备案省份办理的有效居住证。" :
	    k->c.s.personal ? rule_message(&k->c.pr, RK_RESIDENCE_PERMIT_ACCEPTED) : "单位须在证件签发地所在省份备案："
	    "请放弃本订单，在正确的省份重新备案。", h);
}

static enum app_err
int_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_ID_IN_OTHER_ORDER_N);
	return APP_OK;
}

static enum app_err
need_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_pack("{s:I, s:I, s:s, s:s, s:s}",
	    "content", (json_int_t)db_row_int(row, COL_CONTENT_PREAPPROVALS_CONTENT_CODE),
	    "preapproval", (json_int_t)db_row_int(row, COL_CONTENT_PREAPPROVALS_PREAPPROVAL_CODE),
	    "severity", db_row_str(row, COL_CONTENT_PREAPPROVALS_SEVERITY), "message", db_row_str(row, COL_CONTENT_PREAPPROVALS_MESSAGE),
	    "name", db_row_str(row, COL_CONTENT_PREAPPROVALS_PREAPPROVAL_NAME)));
	return APP_OK;
}

/* R4: content that needs a pre-approval the website does not declare. */
static void
check_content(struct run *k, int64_t wid, const struct site *s)
{
	const json_t	*n;
	size_t		 i;
	char		 msg[400], fix[300], h[96];

	href(k, "website", h, sizeof(h));
	json_array_foreach(k->needs, i, n) {
		if ((s->content_bits & json_integer_value(json_object_get(n,
		    "content"))) == 0 || (s->preapp_bits & json_integer_value(
		    json_object_get(n, "preapproval"))) != 0)
			continue;
		if (k->c.s.personal) {
			snprintf(msg, sizeof(msg), "%s；个人主体不能办理前置审批，"
			    "个人网站不能包含这类内容", jstr_of(n, "message"));
			snprintf(fix, sizeof(fix), "请取消这项网站服务内容，或改以单位主体备案。");
		} else {
			snprintf(msg, sizeof(msg), "%s", jstr_of(n, "message"));
			snprintf(fix, sizeof(fix), "请取得“%s”类前置审批后在网站信息中填写"
			    "审批号并上传审批文件，或取消这项网站服务内容。",
			    jstr_of(n, "name"));
		}
		add(k, "content_preapproval", "R4", k->c.s.personal ? "error" :
		    jstr_of(n, "severity"), field_target(wid, "content_types"),
		    msg, fix, h);
	}
}

/* R12: the same ID number in another unfinished order. */
static enum app_err
check_id_elsewhere(struct run *k, int64_t wid, const char *id,
    const char *field)
{
	struct db_arg	 a[3] = { DB_I(k->oid), DB_S(id), DB_S(id) };
	int64_t		 other = 0;
	char		 msg[200], h[96];
	enum app_err	 er;

	if (id == NULL || *id == '\0')
		return APP_OK;
	if ((er = db_query(k->db, STMT_ID_IN_OTHER_ORDER, a, 3, int_row,
	    &other)) != APP_OK || other == 0)
		return er;
	snprintf(msg, sizeof(msg), "%s的证件号码已在另一个未完成的备案订单中使用",
	    wid != 0 ? "网站负责人" : "主体负责人");
	add(k, "id_in_other_order", "R12", "error", wid != 0 ?
	    field_target(wid, field) : json_pack("{s:s}", "step", "subject"),
	    msg, NULL, href(k, wid != 0 ? "website" : "subject", h,
	    sizeof(h)));
	return APP_OK;
}

static enum app_err
check_websites(struct run *k, const json_t *order)
{
	json_t		*fields = NULL, *f, *e;
	const json_t	*sins = json_object_get(order, "service_numbers"), *sn;
	struct site	 s;
	struct site_result res;
	const char	*wkey, *num, *field;
	int64_t		 wid;
	size_t		 i, j;
	bool		 ok;
	char		 h[96], msg[300];
	enum app_err	 er;

	if ((er = db_website_fields(k->db, k->oid, &fields)) != APP_OK)
		return er;
	href(k, "website", h, sizeof(h));
	if (json_object_size(fields) == 0)
		add(k, "websites_present", NULL, "error", json_pack("{s:s}",
		    "step", "websites"), "订单中还没有网站信息",
		    "请在“填写网站信息”中添加要备案的网站。", h);
	json_object_foreach(fields, wkey, f) {
		wid = strtoll(wkey, NULL, 10);
		site_from(&s, f);
		site_result_init(&res);
		site_check(k->db, &k->c, &s, k->oid, wid, &res);
		json_array_foreach(res.findings, i, e) {
			field = json_string_value(json_object_get(e, "field"));
			if (own_rule(json_string_value(json_object_get(e, "rule"))))
				continue;
			add(k, json_string_value(json_object_get(e, "rule")),
			    json_string_value(json_object_get(e, "reason")),
			    json_string_value(json_object_get(e, "severity")),
			    field_target(wid, field),
			    json_string_value(json_object_get(e, "message")),
			    NULL, h);
		}
		/* The number must still be this order's, verified. */
		num = json_string_value(json_object_get(f, "service_number"));
		ok = false;
		json_array_foreach(sins, j, sn)
			if (strcmp(json_string_value(json_object_get(sn,
			    "number")), num) == 0)
				ok = true;
		if (!ok) {
			snprintf(msg, sizeof(msg), "备案服务号 %s 不再属于本订单", num);
			add(k, "service_number_verified", NULL, "error",
			    field_target(wid, "service_number"), msg,
			    "请在“产品验证”中重新验证备案服务号。", h);
		}
		check_content(k, wid, &s);
		er = check_holder(k, wid, &s);
		if (er == APP_OK)
			er = check_id_elsewhere(k, wid, s.o_id_number,
			    "owner.id_number");
		site_release(&s);
		site_result_free(&res);
		if (er != APP_OK)
			break;
	}
	json_decref(fields);
	if (er == APP_OK)
		er = check_id_elsewhere(k, 0, k->c.s.leader_id, NULL);
	return er;
}

/* Materials: missing, flagged by the quality gate, R6 letters. */
static void
check_uploads(struct run *k, const struct checklist *cl)
{
	const json_t	*it, *u;
	size_t		 i;
	bool		 blocks, letter = false;
	char		 msg[300], h[96];
	const char	*kind, *wname;

	href(k, "upload", h, sizeof(h));
	json_array_foreach(cl->items, i, it) {
		if (json_is_true(json_object_get(it, "present")))
			continue;
		kind = json_string_value(json_object_get(it, "kind"));
		wname = json_string_value(json_object_get(it, "website_name"));
		snprintf(msg, sizeof(msg), "还没有上传%s%s%s：%s",
		    wname != NULL ? wname : "", wname != NULL ? "的" : "",
		    json_string_value(json_object_get(it, "kind_name")),
		    json_string_value(json_object_get(it, "why")));
		add(k, "upload_missing", strcmp(kind, "authorization_letter") ==
		    0 ? "R6" : "R5", "error", json_pack("{s:{s:s, s:O}}", "slot",
		    "kind", kind, "website_id", json_object_get(it,
		    "website_id")), msg, "请在“上传资料”中上传。", h);
	}
	blocks = rule_value(&k->c.pr, RK_UPLOAD_FLAG_BLOCKS_SUBMIT) != 0;
	json_array_foreach(cl->uploads, i, u) {
		if (strcmp(json_string_value(json_object_get(u, "kind")),
		    "authorization_letter") == 0)
			letter = true;
		if (json_array_size(json_object_get(u, "warnings")) == 0)
			continue;
		snprintf(msg, sizeof(msg), "%s：%s",
		    json_string_value(json_object_get(u, "kind_name")),
		    json_string_value(json_array_get(json_object_get(u,
		    "warnings"), 0)));
		add(k, "upload_quality", "R5", blocks ? "error" : "warning",
		    json_pack("{s:O}", "upload", json_object_get(u, "id")), msg,
		    NULL, h);
	}
	/* R6: the leader must be the legal representative, or a letter. */
	if (!k->c.s.personal && k->c.s.legal_rep[0] != '\0' &&
	    strcmp(k->c.s.leader_name, k->c.s.legal_rep) != 0 &&
	    rule_value(&k->c.pr, RK_LEADER_MUST_BE_LEGAL_REP) != 0 &&
	    !letter) {
		snprintf(msg, sizeof(msg), "%s（主体负责人 %s，法定代表人 %s）",
		    rule_message(&k->c.pr, RK_LEADER_MUST_BE_LEGAL_REP),
		    k->c.s.leader_name, k->c.s.legal_rep);
		add(k, "leader_legal_rep", "R6", "error", json_pack("{s:{s:s, "
		    "s:i}}", "slot", "kind", "authorization_letter",
		    "website_id", 0), msg, NULL, h);
	}
}

static enum app_err
found_row(const struct db_row *row, void *arg)
{
	(void)row;
	*(bool *)arg = true;
	return APP_OK;
}

/* After a rejection: every rejected item must have changed. */
static enum app_err
check_rejected(struct run *k)
{
	json_t		*items = NULL, *fields = NULL, *e, *t;
	const char	*f, *dot;
	char		 wkey[32], msg[700], h[160];
	size_t		 i, n;
	bool		 same;
	enum app_err	 er;

	if ((er = db_review_open(k->db, k->oid, &items)) != APP_OK ||
	    json_array_size(items) == 0)
		goto out;
	if ((er = db_website_fields(k->db, k->oid, &fields)) != APP_OK)
		goto out;
	json_array_foreach(items, i, e) {
		t = json_object_get(e, "target");
		if ((f = json_string_value(json_object_get(t, "field"))) !=
		    NULL) {
			/* "websites.12.owner.mobile" */
			dot = strchr(f + 9, '.');
			n = dot != NULL ? (size_t)(dot - (f + 9)) : 0;
			if (strncmp(f, "websites.", 9) != 0 || dot == NULL ||
			    n >= sizeof(wkey))
				continue;
			memcpy(wkey, f + 9, n);
			wkey[n] = '\0';
			same = json_equal(json_object_get(json_object_get(fields,
			    wkey), dot + 1), json_object_get(e, "was"));
			/* Its own form, on the submit page. */
			snprintf(h, sizeof(h), "/order/submit.html?id=%lld#item-%lld",
			    (long long)k->oid, (long long)json_integer_value(
			    json_object_get(e, "id")));
		} else {
			/* A replaced upload is a new row; the old id is gone. */
			struct db_arg	 a[2] = { DB_I(json_integer_value(
			    json_object_get(t, "upload"))), DB_I(k->oid) };

			same = false;
			if ((er = db_query(k->db, STMT_UPLOAD_SLOT, a, 2,
			    found_row, &same)) != APP_OK)
				goto out;
			/* Straight to the slot that takes the new file. */
			snprintf(h, sizeof(h), "/order/upload.html?id=%lld#slot-%s-%lld",
			    (long long)k->oid, json_string_value(json_object_get(e,
			    "kind")) != NULL ? json_string_value(json_object_get(e,
			    "kind")) : "", (long long)json_integer_value(
			    json_object_get(e, "website_id")));
		}
		if (!same)
			continue;
		snprintf(msg, sizeof(msg), "初审驳回的项目还没有修改：%s%s%s",
		    json_string_value(json_object_get(e, "title")),
		    *json_string_value(json_object_get(e, "note")) != '\0' ?
		    "——" : "", json_string_value(json_object_get(e, "note")));
		add(k, "rejected_unchanged", json_string_value(json_object_get(e,
		    "reason")), "error", json_incref(t), msg,
		    json_string_value(json_object_get(e, "fix")), h);
	}
out:
	json_decref(items);
	json_decref(fields);
	return er;
}

enum app_err
checks_run(struct db *db, int64_t oid, int64_t uid, int64_t now,
    const json_t *order, json_t **findings, json_t **lists)
{
	struct run	 k;
	struct checklist cl = { NULL, NULL, NULL, 0 };
	char		 h[96];
	enum app_err	 er;

	memset(&k, 0, sizeof(k));
	k.db = db;
	k.oid = oid;
	k.findings = json_array();
	k.fixes = json_pack("{s:{}, s:{}}", "fix", "title");
	k.needs = json_array();
	*findings = NULL;
	if ((er = db_query(db, STMT_REJECTION_REASONS, NULL, 0, fix_row,
	    k.fixes)) != APP_OK ||
	    (er = db_query(db, STMT_CONTENT_PREAPPROVALS, NULL, 0, need_row,
	    k.needs)) != APP_OK)
		goto out;
	if ((er = site_ctx_load(db, oid, uid, now, &k.c)) !=
	    APP_OK)
		goto out;
	k.ctx = true;
	if (json_is_null(json_object_get(order, "subject_confirmed_at")))
		add(&k, "subject_confirmed", NULL, "error", json_pack("{s:s}",
		    "step", "subject"), "还没有确认主体信息",
		    "请在“确认主体信息”中核对并确认。",
		    href(&k, "subject", h, sizeof(h)));
	if ((er = check_websites(&k, order)) != APP_OK)
		goto out;
	if ((er = checklist_load(db, oid, uid, &cl)) != APP_OK)
		goto out;
	check_uploads(&k, &cl);
	check_province(&k, &cl);
	if ((er = check_rejected(&k)) != APP_OK)
		goto out;
	*findings = k.findings;
	k.findings = NULL;
	if (lists != NULL)
		*lists = json_pack("{s:O, s:O, s:O, s:O, s:O}", "content_types",
		    k.c.content, "languages", k.c.langs, "preapproval_types",
		    k.c.preapp, "id_types", k.c.certs, "reasons",
		    json_object_get(k.fixes, "title"));
out:
	checklist_free(&cl);
	if (k.ctx)
		site_ctx_free(&k.c);
	json_decref(k.findings);
	json_decref(k.fixes);
	json_decref(k.needs);
	return er;
}

