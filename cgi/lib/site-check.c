/*
 * The checks of one website (see site-check.h).  Every threshold and word
 * list is a table row (sql/002, sql/004); the messages say what to do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "bizday.h"
#include "log.h"
#include "site-check.h"
#include "sin.h"
#include "stmts.h"
#include "util.h"
#include "valid.h"

#define NAME_MIN	3
#define NAME_MAX	50
#define REMARK_MAX	500

static enum app_err
subj_row(const struct db_row *row, void *arg)
{
	struct site_subject	*s = arg;

	s->found = true;
	s->id = db_row_int(row, COL_ORDER_SUBJECT_FULL_ID);
	s->state = strcmp(db_row_str(row, COL_ORDER_SUBJECT_FULL_NATURE), "government") == 0;
	s->personal = db_row_int(row, COL_ORDER_SUBJECT_FULL_PERSONAL) != 0;
	snprintf(s->province, sizeof(s->province), "%s", db_row_str(row, COL_ORDER_SUBJECT_FULL_PROVINCE));
	snprintf(s->leader_name, sizeof(s->leader_name), "%s",
	    db_row_str(row, COL_ORDER_SUBJECT_FULL_LEADER_NAME));
	s->leader_id_type = db_row_int(row, COL_ORDER_SUBJECT_FULL_LEADER_ID_TYPE);
	snprintf(s->leader_id, sizeof(s->leader_id), "%s", db_row_str(row, COL_ORDER_SUBJECT_FULL_LEADER_ID_NUMBER));
	snprintf(s->leader_mobile, sizeof(s->leader_mobile), "%s",
	    db_row_str(row, COL_ORDER_SUBJECT_FULL_LEADER_MOBILE));
	snprintf(s->leader_email, sizeof(s->leader_email), "%s",
	    db_row_str(row, COL_ORDER_SUBJECT_FULL_LEADER_EMAIL));
	snprintf(s->legal_rep, sizeof(s->legal_rep), "%s",
	    db_row_str(row, COL_ORDER_SUBJECT_FULL_LEGAL_REP_NAME) != NULL ? db_row_str(row, COL_ORDER_SUBJECT_FULL_LEGAL_REP_NAME) : "");
	snprintf(s->name, sizeof(s->name), "%s", db_row_str(row, COL_ORDER_SUBJECT_FULL_NAME));
	s->cert_type = db_row_int(row, COL_ORDER_SUBJECT_FULL_CERT_TYPE);
	snprintf(s->cert_number, sizeof(s->cert_number), "%s",
	    db_row_str(row, COL_ORDER_SUBJECT_FULL_CERT_NUMBER));
	return APP_OK;
}

static enum app_err
code_name_row(const struct db_row *row, void *arg)
{
	char	 k[32];

	snprintf(k, sizeof(k), "%lld", (long long)db_row_int(row, COL_CONTENT_TYPES_CODE));
	json_object_set_new(arg, k, json_string(db_row_str(row, COL_CONTENT_TYPES_NAME)));
	return APP_OK;
}

static enum app_err
cert_row(const struct db_row *row, void *arg)
{
	char	 k[32];

	snprintf(k, sizeof(k), "%lld", (long long)db_row_int(row, COL_CERT_TYPES_CODE));
	json_object_set_new(arg, k, json_pack("{s:s, s:b}", "name",
	    db_row_str(row, COL_CERT_TYPES_NAME), "personal", db_row_int(row, COL_CERT_TYPES_PERSONAL) != 0));
	return APP_OK;
}

static enum app_err
suffix_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_string(db_row_str(row, COL_DOMAIN_SUFFIXES_SUFFIX)));
	return APP_OK;
}

static enum app_err
int_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_DOMAIN_TAKEN_N);
	return APP_OK;
}

void
site_ctx_free(struct site_ctx *c)
{
	rules_free(&c->pr);
	json_decref(c->names);
	json_decref(c->suffixes);
	json_decref(c->content);
	json_decref(c->langs);
	json_decref(c->preapp);
	json_decref(c->certs);
	memset(c, 0, sizeof(*c));
}

/* The lists every check reads (province NULL: no subject needed). */
enum app_err
site_lists_load(struct db *db, struct site_ctx *c)
{
	enum app_err	 er;

	c->suffixes = json_array();
	c->content = json_object();
	c->langs = json_object();
	c->preapp = json_object();
	c->certs = json_object();
	if ((er = name_rules_load(db, &c->names)) != APP_OK ||
	    (er = db_query(db, STMT_DOMAIN_SUFFIXES, NULL, 0, suffix_row,
	    c->suffixes)) != APP_OK ||
	    (er = db_query(db, STMT_CONTENT_TYPES, NULL, 0, code_name_row,
	    c->content)) != APP_OK ||
	    (er = db_query(db, STMT_LANGUAGES, NULL, 0, code_name_row,
	    c->langs)) != APP_OK ||
	    (er = db_query(db, STMT_PREAPPROVAL_TYPES, NULL, 0, code_name_row,
	    c->preapp)) != APP_OK ||
	    (er = db_query(db, STMT_CERT_TYPES, NULL, 0, cert_row,
	    c->certs)) != APP_OK)
		return er;
	return APP_OK;
}

enum app_err
site_ctx_load(struct db *db, int64_t oid, int64_t uid, int64_t when,
    struct site_ctx *c)
{
	struct db_arg	 a[2] = { DB_I(oid), DB_I(uid) };
	struct tm	 tm;
	/* Dates of the applicant: China Standard Time. */
	time_t		 now = (time_t)when + 8 * 3600;
	enum app_err	 er;

	memset(c, 0, sizeof(*c));
	gmtime_r(&now, &tm);
	c->today = (int64_t)(tm.tm_year + 1900) * 10000 +
	    (tm.tm_mon + 1) * 100 + tm.tm_mday;
	if ((er = db_query(db, STMT_ORDER_SUBJECT_FULL, a, 2, subj_row,
	    &c->s)) != APP_OK)
		return er;
	if (!c->s.found)
		return APP_ENOTFOUND;
	if ((er = rules_load(db, when, c->s.province, c->s.personal,
	    &c->pr)) != APP_OK)
		return er;
	return site_lists_load(db, c);
}

/* --- the checks --- */


static void
finding(struct site_result *o, const char *field, const char *rule,
    const char *reason, const char *severity, const char *msg)
{
	json_array_append_new(o->findings, json_pack("{s:s, s:o, s:s, s:s, s:s}",
	    "rule", rule, "reason", reason != NULL ? json_string(reason) :
	    json_null(), "severity", severity, "field", field, "message", msg));
}

/* The first error of a field is the one the applicant reads. */
static void
err(struct site_result *o, const char *field, const char *rule,
    const char *reason, const char *msg)
{
	if (json_object_get(o->errors, field) != NULL)
		return;
	json_object_set_new(o->errors, field, json_string(msg));
	finding(o, field, rule, reason, "error", msg);
}

static void
warn(struct site_result *o, const char *field, const char *rule,
    const char *reason, const char *msg)
{
	json_t	*a = json_object_get(o->warnings, field);

	if (a == NULL) {
		a = json_array();
		json_object_set_new(o->warnings, field, a);
	}
	json_array_append_new(a, json_string(msg));
	finding(o, field, rule, reason, "warning", msg);
}

bool
site_date_parse(const char *s, int64_t *ymd)
{
	int64_t	 y, m, d;
	char	 buf[16];

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	memcpy(buf, s, 10);
	buf[4] = buf[7] = '\0';
	buf[10] = '\0';
	if (!str_to_i64(buf, 1900, 2999, &y) ||
	    !str_to_i64(buf + 5, 1, 12, &m) || !str_to_i64(buf + 8, 1, 31, &d))
		return false;
	*ymd = y * 10000 + m * 100 + d;
	return true;
}

/* YYYYMMDD plus n days. */
int64_t
site_date_add(int64_t ymd, int64_t days)
{
	struct tm	 tm;
	time_t		 t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)(ymd / 10000) - 1900;
	tm.tm_mon = (int)(ymd / 100 % 100) - 1;
	tm.tm_mday = (int)(ymd % 100) + (int)days;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	return (int64_t)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday;
}

static void
check_owner(struct db *db, struct site_ctx *c, struct site *s,
    struct site_result *o)
{
	json_t		*cert;
	int64_t		 birth = 0, until, min_days, age_min, n = 0;
	enum vr		 v;
	struct db_arg	 a[4];
	char		 msg[200];

	if (s->same_as_leader) {
		s->o_name = c->s.leader_name;
		s->o_id_number = c->s.leader_id;
		s->o_id_type_code = c->s.leader_id_type;
		s->o_mobile = c->s.leader_mobile;
		s->o_email = c->s.leader_email;
	} else {
		if (s->o_name == NULL || *s->o_name == '\0')
			err(o, "owner.name", "owner_name", NULL, "请填写网站负责人姓名（与证件一致）");
		else if (utf8_len(s->o_name) > 30)
			err(o, "owner.name", "owner_name", NULL, "姓名过长（最多 30 个字）");
		if (s->o_id_type == NULL ||
		    !str_to_i64(s->o_id_type, 1, 999, &s->o_id_type_code) ||
		    (cert = json_object_get(c->certs, s->o_id_type)) == NULL ||
		    !json_is_true(json_object_get(cert, "personal")))
			err(o, "owner.id_type", "owner_id_type", NULL, "请选择网站负责人的证件类型");
		else {
			v = s->o_id_type_code == 2 ?
			    valid_id_card(s->o_id_number, c->today, &birth) :
			    valid_id_other(s->o_id_number);
			if (v != VR_OK)
				err(o, "owner.id_number", "owner_id_number", "R5", valid_message(v));
		}
		if ((v = valid_mobile(s->o_mobile)) != VR_OK)
			err(o, "owner.mobile", "owner_mobile", "R7", valid_message(v));
		if ((v = valid_email(s->o_email)) != VR_OK)
			err(o, "owner.email", "owner_email", NULL, valid_message(v));
	}
	if (s->o_id_type_code == 2 && birth == 0)
		(void)valid_id_card(s->o_id_number, c->today, &birth);

	/* ID validity: long-term, or an end date far enough ahead. */
	min_days = rule_value(&c->pr, RK_MIN_ID_VALIDITY_DAYS);
	/* The leader's ID is on file with the subject: asked only if given. */
	if (s->same_as_leader && (s->o_valid_until == NULL ||
	    *s->o_valid_until == '\0'))
		s->o_long_term = true;
	if (!s->o_long_term) {
		if (s->o_valid_until == NULL || *s->o_valid_until == '\0')
			err(o, "owner.id_valid_until", "owner_id_validity", "R5",
			    "请填写证件有效期截止日期，或选择“长期有效”");
		else if (!site_date_parse(s->o_valid_until, &until))
			err(o, "owner.id_valid_until", "owner_id_validity", "R5",
			    "日期格式应为 YYYY-MM-DD，例如 2035-06-30");
		else if (until <= site_date_add(c->today, min_days)) {
			if (min_days > 0)
				snprintf(msg, sizeof(msg), "%s（当前证件将于 %s 到期）",
				    rule_message(&c->pr, RK_MIN_ID_VALIDITY_DAYS), s->o_valid_until);
			else
				snprintf(msg, sizeof(msg), "证件已过期，请使用有效证件");
			err(o, "owner.id_valid_until", "owner_id_validity", "R5", msg);
		}
	}
	/* Age, where the ID number says the birth date. */
	age_min = rule_value(&c->pr, RK_OWNER_MIN_AGE);
	if (birth > 0 && age_min > 0 && c->today - birth < age_min * 10000) {
		snprintf(msg, sizeof(msg), "%s", rule_message(&c->pr, RK_OWNER_MIN_AGE));
		err(o, "owner.id_number", "owner_age", NULL, msg);
	}

	if (s->o_emergency == NULL || *s->o_emergency == '\0')
		err(o, "owner.emergency_phone", "owner_emergency", "R7", "请填写应急联系电话");
	else if ((v = valid_phone(s->o_emergency)) != VR_OK)
		err(o, "owner.emergency_phone", "owner_emergency", "R7", valid_message(v));
	else if (s->o_mobile != NULL && strcmp(s->o_emergency, s->o_mobile) == 0 &&
	    rule_value(&c->pr, RK_EMERGENCY_DIFFERS) != 0)
		err(o, "owner.emergency_phone", "owner_emergency", "R7",
		    rule_message(&c->pr, RK_EMERGENCY_DIFFERS));

	/* A different person: contacts one-to-one (domain.md §8). */
	if (!s->same_as_leader && s->o_id_number != NULL &&
	    strcasecmp(s->o_id_number, c->s.leader_id) != 0) {
		if (s->o_mobile != NULL &&
		    strcmp(s->o_mobile, c->s.leader_mobile) == 0)
			err(o, "owner.mobile", "owner_contacts_distinct", "R7", "网站负责人与主体负责人不是同一人时，"
			    "手机号码不能相同");
		if (s->o_email != NULL &&
		    strcasecmp(s->o_email, c->s.leader_email) == 0)
			err(o, "owner.email", "owner_contacts_distinct", "R7", "网站负责人与主体负责人不是同一人时，"
			    "电子邮箱不能相同");
	}
	/* One mobile, one subject (domain.md P10). */
	if (s->o_mobile != NULL && valid_mobile(s->o_mobile) == VR_OK &&
	    json_object_get(o->errors, "owner.mobile") == NULL) {
		a[0] = DB_S(s->o_mobile);
		a[1] = DB_I(c->s.id);
		a[2] = DB_S(s->o_mobile);
		a[3] = DB_I(c->s.id);
		if (db_query(db, STMT_MOBILE_ELSEWHERE, a, 4, int_row, &n) ==
		    APP_OK && n > 0)
			err(o, "owner.mobile", "mobile_other_subject", "R7", "该手机号码已被其他备案主体使用。"
			    "一个手机号码只能用于一个主体，请更换号码");
	}
	if (rule_value(&c->pr, RK_LOCAL_MOBILE) != 0)
		warn(o, "owner.mobile", "local_mobile", "R7",
		    rule_message(&c->pr, RK_LOCAL_MOBILE));
	if (!c->s.personal && c->s.legal_rep[0] != '\0' &&
	    s->o_name != NULL && strcmp(s->o_name, c->s.legal_rep) != 0 &&
	    rule_value(&c->pr, RK_AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP))
		warn(o, "owner.name", "owner_auth_letter", "R6", rule_message(&c->pr, RK_AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP));
}

struct	dfact {
	bool	 found;
	int64_t	 realname;	/* -1: unknown */
	int64_t	 days;		/* of registration left */
	char	 icp[48];
};

static enum app_err
domain_fact_row(const struct db_row *row, void *arg)
{
	struct dfact	*f = arg;

	f->found = true;
	f->realname = db_row_null(row, COL_DOMAIN_FACT_REALNAME) ? -1 : db_row_int(row, COL_DOMAIN_FACT_REALNAME);
	f->days = db_row_null(row, COL_DOMAIN_FACT_DAYS_LEFT) ? 100000 : db_row_int(row, COL_DOMAIN_FACT_DAYS_LEFT);
	snprintf(f->icp, sizeof(f->icp), "%s",
	    db_row_str(row, COL_DOMAIN_FACT_ICP_NUMBER) != NULL ? db_row_str(row, COL_DOMAIN_FACT_ICP_NUMBER) : "");
	return APP_OK;
}

/*
 * When the filing is expected to be done if it went in today: every
 * stage's time limit in business days (rule_setting and province_rule
 * rows, domain.md T7), counted over the holiday calendar.  0 when the
 * calendar cannot be read.
 */
static int64_t
filing_done_ymd(struct db *db, struct site_ctx *c)
{
	struct bizday_cal	 cal;
	int64_t			 n;

	n = rule_value(&c->pr, RK_INITIAL_REVIEW_SLA_BUSINESS_DAYS) +
	    rule_value(&c->pr, RK_PHOTO_REVIEW_SLA_BUSINESS_DAYS) +
	    rule_value(&c->pr, RK_BUREAU_SUBMIT_SLA_BUSINESS_DAYS) +
	    rule_value(&c->pr, RK_BUREAU_REVIEW_BUSINESS_DAYS);
	if (n < 1 || n > 60 || bizday_load(db, c->today,
	    site_date_add(c->today, n * 2 + 30), &cal) != APP_OK)
		return 0;
	return bizday_after(&cal, c->today, (int)n);
}

/*
 * R1: a domain that expires while the bureau still reviews the filing is
 * rejected then, weeks later.  Where the province sets a minimum
 * validity that is an error already; this warns in every province.
 */
static void
expiry_before_filed(struct db *db, struct site_ctx *c, int64_t days,
    struct site_result *o)
{
	int64_t	 done, expiry;
	char	 msg[400];

	if (days >= 100000 || (done = filing_done_ymd(db, c)) == 0)
		return;
	expiry = site_date_add(c->today, days);
	if (expiry > done)
		return;
	snprintf(msg, sizeof(msg), "域名将于 %lld年%lld月%lld日到期，早于备案预计"
	    "完成的日期（约 %lld年%lld月%lld日，按各审核环节的时限估算）：审核期间"
	    "域名过期会被管局驳回。请先续费，至少续到备案完成之后",
	    (long long)(expiry / 10000), (long long)(expiry / 100 % 100),
	    (long long)(expiry % 100), (long long)(done / 10000),
	    (long long)(done / 100 % 100), (long long)(done % 100));
	warn(o, "domain", "domain_expiry_before_filed", "R1", msg);
}

static void
check_domain(struct db *db, struct site_ctx *c, struct site *s, int64_t oid,
    struct site_result *o)
{
	const char	**suf;
	size_t		  n = json_array_size(c->suffixes), i;
	int64_t		  taken = 0, days, min_days;
	struct db_arg	  a[4];
	enum vr		  v;
	char		  msg[200];
	struct dfact	  f;

	suf = xcalloc(n + 1, sizeof(*suf));
	for (i = 0; i < n; i++)
		suf[i] = json_string_value(json_array_get(c->suffixes, i));
	v = valid_domain(s->domain, suf, n, s->domain_u, s->domain_a,
	    sizeof(s->domain_u));
	free(suf);
	if (v != VR_OK) {
		err(o, "domain", "domain_format", "R1", valid_message(v));
		s->domain_a[0] = s->domain_u[0] = '\0';
		return;
	}
	a[0] = DB_S(s->domain_u);
	a[1] = DB_S(s->domain_a);
	a[2] = DB_S(s->domain_a);
	a[3] = DB_I(oid);
	if (db_query(db, STMT_DOMAIN_TAKEN, a, 4, int_row, &taken) ==
	    APP_OK && taken > 0) {
		err(o, "domain", "domain_filed", "R11", "该域名已经备案，或正在另一个订单中备案。"
		    "已有备案号的域名请办理“接入备案”而不是新增网站");
		return;
	}
	/* Registrar facts, where the operator recorded them. */
	memset(&f, 0, sizeof(f));
	a[0] = DB_S(s->domain_a);
	if (db_query(db, STMT_DOMAIN_FACT, a, 1, domain_fact_row, &f) !=
	    APP_OK || !f.found)
		goto rules;
	if (f.icp[0] != '\0') {
		snprintf(msg, sizeof(msg), "该域名已有备案号 %s，不能作为新增网站备案", f.icp);
		err(o, "domain", "domain_filed", "R11", msg);
		return;
	}
	if (f.realname == 0) {
		err(o, "domain", "domain_realname", "R1", "该域名尚未完成实名认证。请在域名注册商处完成实名认证，"
		    "约 3 个工作日后同步到工信部，再提交备案");
		return;
	}
	days = f.days;
	min_days = rule_value(&c->pr, RK_MIN_DOMAIN_VALIDITY_DAYS);
	if (days < 0 || (min_days > 0 && days <= min_days)) {
		snprintf(msg, sizeof(msg), "%s（该域名还有 %lld 天到期），请先续费",
		    days < 0 ? "域名已过期" : rule_message(&c->pr, RK_MIN_DOMAIN_VALIDITY_DAYS), (long long)(days < 0 ? 0 : days));
		err(o, "domain", "domain_expiry", "R1", msg);
		return;
	}
	expiry_before_filed(db, c, days, o);
rules:
	if (rule_value(&c->pr, RK_DOMAIN_CERT_REQUIRED) != 0)
		warn(o, "domain", "domain_certificate", "R5", rule_message(&c->pr, RK_DOMAIN_CERT_REQUIRED));
}

static enum app_err
sin_row(const struct db_row *row, void *arg)
{
	int64_t	*n = arg;

	n[0] = db_row_int(row, COL_ORDER_SIN_FOR_WEBSITE_ID);
	n[1] = db_row_int(row, COL_ORDER_SIN_FOR_WEBSITE_USED_ELSEWHERE);
	return APP_OK;
}

void
site_check(struct db *db, struct site_ctx *c, struct site *s, int64_t oid,
    int64_t wid, struct site_result *o)
{
	struct name_ctx	 nc;
	json_t		*list, *e, *nw;
	const char	*name_err = NULL, *code;
	size_t		 i, cnt;
	int64_t		 bit, n[2] = { 0, 0 }, codeval;
	enum vr		 v;
	char		 nsin[SIN_MAX + 1];
	struct buf	 langs = BUF_INIT;
	struct db_arg	 a[3];

	/* Pre-approvals first: the name rules ask which the site has. */
	s->preapp_bits = 0;
	if (json_array_size(s->preapprovals) > 0 && c->s.personal)
		err(o, "preapprovals", "preapproval_personal", "R4",
		    "个人主体不能办理前置审批，涉及前置审批内容的网站"
		    "需要以单位主体备案");
	json_array_foreach(s->preapprovals, i, e) {
		code = json_string_value(json_object_get(e, "type"));
		if (code == NULL || json_object_get(c->preapp, code) == NULL ||
		    !str_to_i64(code, 1, INT64_MAX, &codeval)) {
			err(o, "preapprovals", "preapproval_format", NULL, "请选择前置审批类型");
			continue;
		}
		if ((s->preapp_bits & codeval) != 0)
			err(o, "preapprovals", "preapproval_format", NULL, "同一类前置审批只需填写一次");
		s->preapp_bits |= codeval;
		code = json_string_value(json_object_get(e, "number"));
		if (code == NULL || *code == '\0' || strlen(code) > 64)
			err(o, "preapprovals", "preapproval_format", NULL, "请填写前置审批的审批号（最多 64 个字符）");
	}

	check_domain(db, c, s, oid, o);

	if ((v = valid_site_name(s->name, NAME_MIN, NAME_MAX, &cnt)) != VR_OK)
		err(o, "name", "site_name", "R2", valid_message(v));
	else {
		memset(&nc, 0, sizeof(nc));
		nc.personal = c->s.personal;
		nc.state = c->s.state;
		nc.province = c->s.province;
		nc.domain_ascii = s->domain_a;
		nc.domain_unicode = s->domain_u;
		nc.preapprovals = s->preapp_bits;
		nw = json_array();
		name_rules_check(c->names, &nc, s->name, &name_err, nw);
		if (name_err != NULL)
			err(o, "name", "site_name", "R2", name_err);
		json_array_foreach(nw, i, e)
			warn(o, "name", "site_name", "R2", json_string_value(e));
		json_decref(nw);
	}

	if (s->homepage == NULL || *s->homepage == '\0')
		err(o, "homepage_url", "homepage_url", NULL, "请填写网站首页地址，例如 www.example.com");
	else if (s->domain_a[0] != '\0' &&
	    (v = valid_homepage(s->homepage, s->domain_a)) != VR_OK)
		err(o, "homepage_url", "homepage_url", NULL, valid_message(v));
	else if (strlen(s->homepage) > 500)
		err(o, "homepage_url", "homepage_url", NULL, "首页地址过长");

	list = s->content_list;
	s->content_bits = 0;
	json_array_foreach(list, i, e) {
		code = json_string_value(e);
		if (json_object_get(c->content, code) == NULL ||
		    !str_to_i64(code, 1, INT64_MAX, &bit)) {
			err(o, "content_types", "content_types", NULL, "请从列表中选择网站服务内容");
			break;
		}
		s->content_bits |= bit;
	}
	if (json_array_size(list) == 0)
		err(o, "content_types", "content_types", NULL, "请至少选择一项网站服务内容"
		    "（个人网站通常选“博客/个人空间”或“其他”）");

	list = s->language_list;
	s->languages[0] = '\0';
	json_array_foreach(list, i, e) {
		code = json_string_value(e);
		if (json_object_get(c->langs, code) == NULL ||
		    langs.len + strlen(code) + 2 > sizeof(s->languages)) {
			err(o, "languages", "languages", NULL, "请从列表中选择网站语言");
			break;
		}
		buf_printf(&langs, "%s%s", langs.len > 0 ? "," : "", code);
	}
	if (langs.p != NULL)
		memcpy(s->languages, langs.p, langs.len + 1);
	buf_free(&langs);
	if (json_array_size(list) == 0)
		err(o, "languages", "languages", NULL, "请至少选择一种网站语言");

	if (s->remark != NULL && (!utf8_valid(s->remark, strlen(s->remark)) ||
	    strlen(s->remark) > REMARK_MAX))
		err(o, "remark", "remark", NULL, "备注最多 500 个字节（约 160 个汉字）");

	/* One of the order's verified numbers, each used by one website. */
	s->sin_id = 0;
	if (s->sin == NULL || *s->sin == '\0' ||
	    !sin_normalise(s->sin, nsin, sizeof(nsin)))
		err(o, "service_number", "service_number", NULL, "请选择这个网站使用的备案服务号"
		    "（在“产品验证”中验证过的）");
	else {
		a[0] = DB_I(wid);
		a[1] = DB_S(nsin);
		a[2] = DB_I(oid);
		if (db_query(db, STMT_ORDER_SIN_FOR_WEBSITE, a, 3, sin_row,
		    n) == APP_OK && n[0] != 0) {
			if (n[1] > 0)
				err(o, "service_number", "service_number", NULL, "这个备案服务号已用于本订单的"
				    "另一个网站：每个网站需要一个自己的备案服务号，请先在"
				    "“产品验证”中再验证一个");
			else
				s->sin_id = n[0];
		} else
			err(o, "service_number", "service_number", NULL, "这个备案服务号不属于本订单，请先在"
			    "“产品验证”中验证");
	}

	check_owner(db, c, s, o);

	if (!c->s.personal && c->s.legal_rep[0] != '\0' &&
	    strcmp(c->s.leader_name, c->s.legal_rep) != 0 &&
	    rule_value(&c->pr, RK_LEADER_MUST_BE_LEGAL_REP) != 0)
		warn(o, "subject", "leader_legal_rep", "R6", rule_message(&c->pr, RK_LEADER_MUST_BE_LEGAL_REP));
	if (rule_value(&c->pr, RK_COMMITMENT_LETTER_REQUIRED) != 0)
		warn(o, "subject", "commitment_letter", "R5", rule_message(&c->pr, RK_COMMITMENT_LETTER_REQUIRED));
}

void
site_result_init(struct site_result *o)
{
	o->errors = json_object();
	o->warnings = json_object();
	o->findings = json_array();
}

void
site_result_free(struct site_result *o)
{
	if (o == NULL)
		return;
	json_decref(o->errors);
	json_decref(o->warnings);
	json_decref(o->findings);
	memset(o, 0, sizeof(*o));
}
