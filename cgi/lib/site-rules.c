/*
 * The rules of one website and its owner (see filing.h): pure functions
 * over the typed order, the rules in force and the facts looked up for
 * the website's keys.  Every threshold and word list is a table row
 * (sql/002, sql/004); the messages say what to do.
 */
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "filing.h"
#include "log.h"
#include "sin.h"
#include "valid.h"

#define NAME_MIN	3
#define NAME_MAX	50
#define REMARK_MAX	500
#define LANGS_MAX	159	/* order_website.languages, VARCHAR(100) ascii */

/* --- dates --- */

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

/* --- input --- */

void
site_in_free(struct site_in *in)
{
	if (in == NULL)
		return;
	strs_free(&in->own);
	memset(in, 0, sizeof(*in));
}

void
site_out_free(struct site_out *o)
{
	if (o == NULL)
		return;
	buf_free(&o->languages);
	memset(o, 0, sizeof(*o));
}

/* A number as the form sends it, kept by in. */
static const char *
code_text(struct site_in *in, int64_t code)
{
	char	 num[32];

	(void)snprintf(num, sizeof(num), "%lld", (long long)code);
	return strs_keep(&in->own, xstrdup(num));
}

/* A list of n + 1 pointers (the last NULL), kept by in. */
static const char **
list_new(struct site_in *in, size_t n)
{
	const char	**v = xcalloc(n + 1, sizeof(*v));

	(void)strs_keep(&in->own, (char *)v);
	return v;
}

void
site_in_of(struct site_in *in, const struct website *w)
{
	const char	*p;
	size_t		 i, n;
	int		 k;

	memset(in, 0, sizeof(*in));
	for (k = 0, n = 0; k < 63; k++)
		if (w->content_bits & ((int64_t)1 << k))
			n++;
	in->content = list_new(in, n);
	for (k = 0; k < 63; k++)
		if (w->content_bits & ((int64_t)1 << k))
			in->content[in->ncontent++] = code_text(in,
			    (int64_t)1 << k);
	for (p = w->languages, n = 0; *p != '\0'; p++)
		n += *p == ',';
	in->langs = list_new(in, n + 1);
	for (p = w->languages; *p != '\0'; p += n + (p[n] == ',')) {
		n = strcspn(p, ",");
		if (n > 0)
			in->langs[in->nlangs++] = strs_keep(&in->own,
			    xstrndup(p, n));
	}
	in->pre_type = list_new(in, w->npre);
	in->pre_number = list_new(in, w->npre);
	for (i = 0; i < w->npre; i++) {
		in->pre_type[i] = code_text(in, w->pre[i].type);
		in->pre_number[i] = w->pre[i].number;
	}
	in->npre = w->npre;
	in->name = w->name;
	in->domain = w->domain;
	in->homepage = w->homepage;
	in->remark = w->remark;
	in->sin = w->service_number;
	in->same_as_leader = w->owner.same_as_leader;
	in->o_name = w->owner.name;
	in->o_id_type = code_text(in, w->owner.id_type);
	in->o_id_number = w->owner.id_number;
	in->o_valid_until = w->owner.valid_until != NULL ?
	    w->owner.valid_until : "";
	in->o_long_term = w->owner.valid_until == NULL;
	in->o_mobile = w->owner.mobile;
	in->o_emergency = w->owner.emergency;
	in->o_email = w->owner.email;
}

/* --- the order's limits --- */

bool
site_limit_reached(const struct rules *r, int64_t have, int64_t *max,
    enum rule_key *which)
{
	*which = RK_MAX_WEBSITES_PER_ORDER;
	*max = rule_value(r, RK_MAX_WEBSITES_PER_ORDER);
	/* One domain per website: the domain cap is a website cap too. */
	if (rule_value(r, RK_MAX_DOMAINS_PER_ORDER) > 0 &&
	    rule_value(r, RK_MAX_DOMAINS_PER_ORDER) < *max) {
		*which = RK_MAX_DOMAINS_PER_ORDER;
		*max = rule_value(r, RK_MAX_DOMAINS_PER_ORDER);
	}
	return have >= *max;
}

int64_t
filing_sla_days(const struct rules *r)
{
	return rule_value(r, RK_INITIAL_REVIEW_SLA_BUSINESS_DAYS) +
	    rule_value(r, RK_PHOTO_REVIEW_SLA_BUSINESS_DAYS) +
	    rule_value(r, RK_BUREAU_SUBMIT_SLA_BUSINESS_DAYS) +
	    rule_value(r, RK_BUREAU_REVIEW_BUSINESS_DAYS);
}

/* --- keys --- */

void
site_keys(const struct filing *f, const struct site_in *in,
    struct site_out *o)
{
	const struct subject	*s = &f->s;

	buf_free(&o->languages);
	memset(o, 0, sizeof(*o));
	o->domain_vr = valid_domain(in->domain,
	    (const char *const *)f->refs.suffixes, f->refs.nsuffixes,
	    o->domain_u, o->domain_a, sizeof(o->domain_u));
	if (o->domain_vr != VR_OK)
		o->domain_u[0] = o->domain_a[0] = '\0';
	o->sin_ok = in->sin != NULL && *in->sin != '\0' &&
	    sin_normalise(in->sin, o->nsin, sizeof(o->nsin));
	if (!o->sin_ok)
		o->nsin[0] = '\0';
	if (in->same_as_leader) {
		o->o_name = s->leader_name;
		o->o_id_number = s->leader_id;
		o->o_id_type = s->leader_id_type;
		o->o_mobile = s->leader_mobile;
		o->o_email = s->leader_email;
	} else {
		o->o_name = in->o_name;
		o->o_id_number = in->o_id_number;
		if (in->o_id_type == NULL ||
		    !str_to_i64(in->o_id_type, 1, 999, &o->o_id_type))
			o->o_id_type = 0;
		o->o_mobile = in->o_mobile;
		o->o_email = in->o_email;
	}
	/* The leader's ID is on file with the subject: asked only if given. */
	o->o_long_term = in->o_long_term || (in->same_as_leader &&
	    (in->o_valid_until == NULL || *in->o_valid_until == '\0'));
}

/* --- the rules --- */

struct	run {
	const struct filing	*f;
	int64_t			 wid;
	const struct site_in	*in;
	struct site_out		*o;
	const struct site_facts	*facts;
	struct findings		*out;
};

static bool
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/* The first error of a field is the one the applicant reads. */
static void __attribute__((format(printf, 5, 6)))
err(struct run *k, const char *field, const char *rule, const char *reason,
    const char *fmt, ...)
{
	va_list	 ap;

	if (findings_first(k->out, SEV_ERROR, k->wid, field) != NULL)
		return;
	va_start(ap, fmt);
	(void)finding_vadd(k->out, rule, reason, SEV_ERROR,
	    target_field(k->wid, field), NULL, fmt, ap);
	va_end(ap);
}

static void __attribute__((format(printf, 5, 6)))
warn(struct run *k, const char *field, const char *rule, const char *reason,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	(void)finding_vadd(k->out, rule, reason, SEV_WARNING,
	    target_field(k->wid, field), NULL, fmt, ap);
	va_end(ap);
}

static bool
has_error(const struct run *k, const char *field)
{
	return findings_first(k->out, SEV_ERROR, k->wid, field) != NULL;
}

static void
check_owner(struct run *k)
{
	const struct subject	*s = &k->f->s;
	const struct site_in	*in = k->in;
	struct site_out		*o = k->o;
	const struct code_name	*cert;
	const struct rules	*pr = &k->f->rules;
	int64_t			 birth = 0, until, min_days, age_min;
	enum vr			 v;

	if (!in->same_as_leader) {
		if (empty(in->o_name))
			err(k, "owner.name", "owner_name", NULL,
			    "请填写网站负责人姓名（与证件一致）");
		else if (utf8_len(in->o_name) > 30)
			err(k, "owner.name", "owner_name", NULL,
			    "姓名过长（最多 30 个字）");
		cert = refs_code(k->f->refs.certs, k->f->refs.ncerts,
		    o->o_id_type);
		if (o->o_id_type == 0 || cert == NULL || !cert->personal)
			err(k, "owner.id_type", "owner_id_type", NULL,
			    "请选择网站负责人的证件类型");
		else {
			v = o->o_id_type == 2 ?
			    valid_id_card(in->o_id_number, k->f->today,
			    &birth) : valid_id_other(in->o_id_number);
			if (v != VR_OK)
				err(k, "owner.id_number", "owner_id_number",
				    "R5", "%s", valid_message(v));
		}
		if ((v = valid_mobile(in->o_mobile)) != VR_OK)
			err(k, "owner.mobile", "owner_mobile", "R7", "%s",
			    valid_message(v));
		if ((v = valid_email(in->o_email)) != VR_OK)
			err(k, "owner.email", "owner_email", NULL, "%s",
			    valid_message(v));
	}
	if (o->o_id_type == 2 && birth == 0)
		(void)valid_id_card(o->o_id_number, k->f->today, &birth);

	/* ID validity: long-term, or an end date far enough ahead. */
	min_days = rule_value(pr, RK_MIN_ID_VALIDITY_DAYS);
	if (!o->o_long_term) {
		if (empty(in->o_valid_until))
			err(k, "owner.id_valid_until", "owner_id_validity",
			    "R5", "请填写证件有效期截止日期，或选择“长期有效”");
		else if (!site_date_parse(in->o_valid_until, &until))
			err(k, "owner.id_valid_until", "owner_id_validity",
			    "R5", "日期格式应为 YYYY-MM-DD，例如 2035-06-30");
		else if (until <= site_date_add(k->f->today, min_days)) {
			if (min_days > 0)
				err(k, "owner.id_valid_until",
				    "owner_id_validity", "R5",
				    "%s（当前证件将于 %s 到期）",
				    rule_message(pr, RK_MIN_ID_VALIDITY_DAYS),
				    in->o_valid_until);
			else
				err(k, "owner.id_valid_until",
				    "owner_id_validity", "R5",
				    "证件已过期，请使用有效证件");
		}
	}
	/* Age, where the ID number says the birth date. */
	age_min = rule_value(pr, RK_OWNER_MIN_AGE);
	if (birth > 0 && age_min > 0 && k->f->today - birth < age_min * 10000)
		err(k, "owner.id_number", "owner_age", NULL, "%s",
		    rule_message(pr, RK_OWNER_MIN_AGE));

	if (empty(in->o_emergency))
		err(k, "owner.emergency_phone", "owner_emergency", "R7",
		    "请填写应急联系电话");
	else if ((v = valid_phone(in->o_emergency)) != VR_OK)
		err(k, "owner.emergency_phone", "owner_emergency", "R7", "%s",
		    valid_message(v));
	else if (o->o_mobile != NULL &&
	    strcmp(in->o_emergency, o->o_mobile) == 0 &&
	    rule_value(pr, RK_EMERGENCY_DIFFERS) != 0)
		err(k, "owner.emergency_phone", "owner_emergency", "R7", "%s",
		    rule_message(pr, RK_EMERGENCY_DIFFERS));

	/* A different person: contacts one-to-one (domain.md §8). */
	if (!in->same_as_leader && o->o_id_number != NULL &&
	    strcasecmp(o->o_id_number, s->leader_id) != 0) {
		if (o->o_mobile != NULL &&
		    strcmp(o->o_mobile, s->leader_mobile) == 0)
			err(k, "owner.mobile", "owner_contacts_distinct", "R7",
			    "网站负责人与主体负责人不是同一人时，手机号码不能相同");
		if (o->o_email != NULL &&
		    strcasecmp(o->o_email, s->leader_email) == 0)
			err(k, "owner.email", "owner_contacts_distinct", "R7",
			    "网站负责人与主体负责人不是同一人时，电子邮箱不能相同");
	}
	/* One mobile, one subject (domain.md P10). */
	if (o->o_mobile != NULL && valid_mobile(o->o_mobile) == VR_OK &&
	    !has_error(k, "owner.mobile") && k->facts->mobile_elsewhere > 0)
		err(k, "owner.mobile", "mobile_other_subject", "R7",
		    "该手机号码已被其他备案主体使用。"
		    "一个手机号码只能用于一个主体，请更换号码");
	if (rule_value(pr, RK_LOCAL_MOBILE) != 0)
		warn(k, "owner.mobile", "local_mobile", "R7", "%s",
		    rule_message(pr, RK_LOCAL_MOBILE));
	if (!s->personal && *s->legal_rep != '\0' && o->o_name != NULL &&
	    strcmp(o->o_name, s->legal_rep) != 0 &&
	    rule_value(pr, RK_AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP) != 0)
		warn(k, "owner.name", "owner_auth_letter", "R6", "%s",
		    rule_message(pr, RK_AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP));
}

/*
 * R1: a domain that expires while the bureau still reviews the filing is
 * rejected then, weeks later.  Where the province sets a minimum
 * validity that is an error already; this warns in every province.
 */
static void
expiry_before_filed(struct run *k, int64_t days)
{
	int64_t	 done = k->f->filed_by, expiry;

	if (done == 0)
		return;
	expiry = site_date_add(k->f->today, days);
	if (expiry > done)
		return;
	warn(k, "domain", "domain_expiry_before_filed", "R1",
	    "域名将于 %lld年%lld月%lld日到期，早于备案预计完成的日期（约 "
	    "%lld年%lld月%lld日，按各审核环节的时限估算）：审核期间域名过期会"
	    "被管局驳回。请先续费，至少续到备案完成之后",
	    (long long)(expiry / 10000), (long long)(expiry / 100 % 100),
	    (long long)(expiry % 100), (long long)(done / 10000),
	    (long long)(done / 100 % 100), (long long)(done % 100));
}

static void
check_domain(struct run *k)
{
	const struct domain_fact	*df = &k->facts->fact;
	const struct rules		*pr = &k->f->rules;
	int64_t				 days, min_days;

	if (k->o->domain_vr != VR_OK) {
		err(k, "domain", "domain_format", "R1", "%s",
		    valid_message(k->o->domain_vr));
		return;
	}
	if (k->facts->domain_taken > 0) {
		err(k, "domain", "domain_filed", "R11", "该域名已经备案，"
		    "或正在另一个订单中备案。已有备案号的域名请办理“接入备案”而不是"
		    "新增网站");
		return;
	}
	/* Registrar facts, where the operator recorded them. */
	if (df->found) {
		if (df->icp != NULL && *df->icp != '\0') {
			err(k, "domain", "domain_filed", "R11",
			    "该域名已有备案号 %s，不能作为新增网站备案", df->icp);
			return;
		}
		if (df->realname == 0) {
			err(k, "domain", "domain_realname", "R1",
			    "该域名尚未完成实名认证。请在域名注册商处完成实名认证，"
			    "约 3 个工作日后同步到工信部，再提交备案");
			return;
		}
		if (df->expiry_known) {
			days = df->days_left;
			min_days = rule_value(pr, RK_MIN_DOMAIN_VALIDITY_DAYS);
			if (days < 0 || (min_days > 0 && days <= min_days)) {
				err(k, "domain", "domain_expiry", "R1",
				    "%s（该域名还有 %lld 天到期），请先续费",
				    days < 0 ? "域名已过期" : rule_message(pr,
				    RK_MIN_DOMAIN_VALIDITY_DAYS),
				    (long long)(days < 0 ? 0 : days));
				return;
			}
			expiry_before_filed(k, days);
		}
	}
	if (rule_value(pr, RK_DOMAIN_CERT_REQUIRED) != 0)
		warn(k, "domain", "domain_certificate", "R5", "%s",
		    rule_message(pr, RK_DOMAIN_CERT_REQUIRED));
}

static bool
rule_applies(const char *to, const struct subject *s, bool *known)
{
	*known = true;
	if (strcmp(to, "all") == 0)
		return true;
	if (strcmp(to, "personal") == 0)
		return s->personal;
	if (strcmp(to, "organisation") == 0)
		return !s->personal;
	if (strcmp(to, "non_state") == 0)
		return !s->state;
	*known = false;
	return false;
}

/* The name is the domain, or the domain's own label. */
static bool
is_domain(const char *name, const char *domain)
{
	size_t	 n;

	if (*domain == '\0')
		return false;
	if (strcasecmp(name, domain) == 0)
		return true;
	n = strcspn(domain, ".");
	return strlen(name) == n && strncasecmp(name, domain, n) == 0;
}

/*
 * Every name_rule row in force for the subject.  A row the code cannot
 * apply -- an unknown kind or scope, a pattern that does not compile --
 * stops the check: a name the rule was meant to refuse must not pass
 * because the rule is broken, and the operator learns it from the log.
 */
static enum app_err
check_name_rules(struct run *k, const char *name)
{
	const struct name_rule	*r;
	const struct subject	*s = &k->f->s;
	regex_t			 re;
	size_t			 i;
	bool			 hit, known;
	int			 rc;

	if (is_domain(name, k->o->domain_a) || is_domain(name, k->o->domain_u)) {
		err(k, "name", "site_name", "R2", "网站名称不能是域名本身，"
		    "请填写能说明网站内容的中文名称");
		return APP_OK;
	}
	for (i = 0; i < k->f->refs.nnames; i++) {
		r = &k->f->refs.names[i];
		if (!rule_applies(r->applies_to, s, &known) && known)
			continue;
		if (!known) {
			applog(LOG_ERR, "name_rule \"%s\": unknown applies_to "
			    "\"%s\"", r->word, r->applies_to);
			return APP_EINTERNAL;
		}
		if (r->province != NULL && strcmp(r->province, s->province) != 0)
			continue;
		if (strcmp(r->kind, "forbidden_prefix") == 0)
			hit = strncmp(name, r->word, strlen(r->word)) == 0;
		else if (strcmp(r->kind, "sensitive") == 0 ||
		    strcmp(r->kind, "personal_forbidden") == 0)
			hit = strstr(name, r->word) != NULL;
		else if (strcmp(r->kind, "needs_preapproval") == 0)
			hit = strstr(name, r->word) != NULL &&
			    (k->o->preapp_bits & r->preapproval) == 0;
		else if (strcmp(r->kind, "province_pattern") == 0) {
			if ((rc = regcomp(&re, r->word, REG_EXTENDED |
			    REG_NOSUB)) != 0) {
				applog(LOG_ERR, "name_rule \"%s\" (province %s): "
				    "the pattern does not compile (regcomp %d)",
				    r->word, r->province != NULL ? r->province :
				    "all", rc);
				return APP_EINTERNAL;
			}
			hit = regexec(&re, name, 0, NULL, 0) != 0;
			regfree(&re);
		} else {
			applog(LOG_ERR, "name_rule \"%s\": unknown kind \"%s\"",
			    r->word, r->kind);
			return APP_EINTERNAL;
		}
		if (!hit)
			continue;
		if (r->warning)
			warn(k, "name", "site_name", "R2", "%s", r->message);
		else
			err(k, "name", "site_name", "R2", "%s", r->message);
	}
	return APP_OK;
}

static void
check_preapprovals(struct run *k)
{
	const struct site_in	*in = k->in;
	int64_t			 code;
	size_t			 i;

	/* Pre-approvals first: the name rules ask which the site has. */
	if (in->npre > 0 && k->f->s.personal)
		err(k, "preapprovals", "preapproval_personal", "R4",
		    "个人主体不能办理前置审批，涉及前置审批内容的网站需要以单位"
		    "主体备案");
	for (i = 0; i < in->npre; i++) {
		if (in->pre_type[i] == NULL ||
		    !str_to_i64(in->pre_type[i], 1, INT64_MAX, &code) ||
		    refs_code(k->f->refs.preapp, k->f->refs.npreapp, code) ==
		    NULL) {
			err(k, "preapprovals", "preapproval_format", NULL,
			    "请选择前置审批类型");
			continue;
		}
		if ((k->o->preapp_bits & code) != 0)
			err(k, "preapprovals", "preapproval_format", NULL,
			    "同一类前置审批只需填写一次");
		k->o->preapp_bits |= code;
		if (empty(in->pre_number[i]) || strlen(in->pre_number[i]) > 64)
			err(k, "preapprovals", "preapproval_format", NULL,
			    "请填写前置审批的审批号（最多 64 个字符）");
	}
}

static void
check_lists(struct run *k)
{
	const struct site_in	*in = k->in;
	int64_t			 code;
	size_t			 i;

	for (i = 0; i < in->ncontent; i++) {
		if (in->content[i] == NULL ||
		    !str_to_i64(in->content[i], 1, INT64_MAX, &code) ||
		    refs_code(k->f->refs.content, k->f->refs.ncontent, code) ==
		    NULL) {
			err(k, "content_types", "content_types", NULL,
			    "请从列表中选择网站服务内容");
			break;
		}
		k->o->content_bits |= code;
	}
	if (in->ncontent == 0)
		err(k, "content_types", "content_types", NULL,
		    "请至少选择一项网站服务内容（个人网站通常选“博客/个人空间”或"
		    "“其他”）");
	for (i = 0; i < in->nlangs; i++) {
		if (in->langs[i] == NULL ||
		    !str_to_i64(in->langs[i], 1, INT64_MAX, &code) ||
		    refs_code(k->f->refs.langs, k->f->refs.nlangs, code) ==
		    NULL || k->o->languages.len + strlen(in->langs[i]) + 1 >
		    LANGS_MAX) {
			err(k, "languages", "languages", NULL,
			    "请从列表中选择网站语言");
			break;
		}
		buf_printf(&k->o->languages, "%s%lld",
		    k->o->languages.len > 0 ? "," : "", (long long)code);
	}
	if (in->nlangs == 0)
		err(k, "languages", "languages", NULL, "请至少选择一种网站语言");
}

static void
check_service_number(struct run *k)
{
	if (!k->o->sin_ok)
		err(k, "service_number", "service_number", NULL,
		    "请选择这个网站使用的备案服务号（在“产品验证”中验证过的）");
	else if (k->facts->sin_id == 0)
		err(k, "service_number", "service_number", NULL,
		    "这个备案服务号不属于本订单，请先在“产品验证”中验证");
	else if (k->facts->sin_used > 0)
		err(k, "service_number", "service_number", NULL,
		    "这个备案服务号已用于本订单的另一个网站：每个网站需要一个自己"
		    "的备案服务号，请先在“产品验证”中再验证一个");
}

enum app_err
site_rules(const struct filing *f, int64_t wid, const struct site_in *in,
    struct site_out *o, const struct site_facts *facts,
    struct findings *out)
{
	struct run		 k = { f, wid, in, o, facts, out };
	const struct subject	*s = &f->s;
	const struct rules	*pr = &f->rules;
	size_t			 cnt;
	enum vr			 v;
	enum app_err		 er = APP_OK;

	o->preapp_bits = o->content_bits = 0;
	buf_reset(&o->languages);
	buf_append(&o->languages, "", 0);

	check_preapprovals(&k);
	check_domain(&k);
	if ((v = valid_site_name(in->name, NAME_MIN, NAME_MAX, &cnt)) != VR_OK)
		err(&k, "name", "site_name", "R2", "%s", valid_message(v));
	else if ((er = check_name_rules(&k, in->name)) != APP_OK)
		return er;

	if (empty(in->homepage))
		err(&k, "homepage_url", "homepage_url", NULL,
		    "请填写网站首页地址，例如 www.example.com");
	else if (o->domain_vr == VR_OK &&
	    (v = valid_homepage(in->homepage, o->domain_a)) != VR_OK)
		err(&k, "homepage_url", "homepage_url", NULL, "%s",
		    valid_message(v));
	else if (strlen(in->homepage) > 500)
		err(&k, "homepage_url", "homepage_url", NULL, "首页地址过长");

	check_lists(&k);
	if (in->remark != NULL && (!utf8_valid(in->remark,
	    strlen(in->remark)) || strlen(in->remark) > REMARK_MAX))
		err(&k, "remark", "remark", NULL,
		    "备注最多 500 个字节（约 160 个汉字）");
	check_service_number(&k);
	check_owner(&k);

	if (!s->personal && *s->legal_rep != '\0' &&
	    strcmp(s->leader_name, s->legal_rep) != 0 &&
	    rule_value(pr, RK_LEADER_MUST_BE_LEGAL_REP) != 0)
		warn(&k, "subject", "leader_legal_rep", "R6", "%s",
		    rule_message(pr, RK_LEADER_MUST_BE_LEGAL_REP));
	if (rule_value(pr, RK_COMMITMENT_LETTER_REQUIRED) != 0)
		warn(&k, "subject", "commitment_letter", "R5", "%s",
		    rule_message(pr, RK_COMMITMENT_LETTER_REQUIRED));
	if (out->failed) {
		applog(LOG_ERR, "site rules: a finding could not be recorded");
		return APP_EINTERNAL;
	}
	return APP_OK;
}
