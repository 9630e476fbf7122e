/*
 * The rules of one website (site-rules.c) over a typed order made here:
 * one row per rule, each a change to a website that passes, and the
 * finding it must bring -- or, for a rule that fails closed, the error.
 */
#include "unit.h"

#include "lib/log.h"

#include "fixture.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

struct	run {
	struct filing	 f;
	struct website	*w;
	struct site_in	 in;
	struct site_out	 o;
	struct findings	 found;
	enum app_err	 er;
};

static void
run_start(struct run *k, bool personal)
{
	memset(k, 0, sizeof(*k));
	fx_filing(&k->f, personal);
	k->w = fx_website(&k->f, 12, "example.cn");
}

/* The website as stored, through the rules. */
static void
run_rules(struct run *k)
{
	site_in_of(&k->in, k->w);
	site_keys(&k->f, &k->in, &k->o);
	k->er = site_rules(&k->f, k->w->id, &k->in, &k->o, &k->f.facts[0],
	    &k->found);
}

static void
run_end(struct run *k)
{
	findings_free(&k->found);
	site_out_free(&k->o);
	site_in_free(&k->in);
	filing_free(&k->f);
}

static void
set_str(char **p, const char *s)
{
	free(*p);
	*p = xstrdup(s);
}

/* Another person (an adult of 浙江) owns the website. */
static void
other_owner(struct website *w)
{
	char	 id[19];

	fx_owner(w, "李四", fx_id(id, "330106", "19850505", "456"),
	    "13900000002", "lisi@example.com");
}

#define SET(name)	static void name(struct filing *f, struct website *w, \
			    struct site_facts *x)
#define UNUSED		(void)f; (void)w; (void)x

SET(name_short) { UNUSED; set_str(&w->name, "ab"); }
SET(name_prefix) { UNUSED; set_str(&w->name, "中国摄影日记"); }
SET(name_sensitive) { UNUSED; set_str(&w->name, "赌博攻略网"); }
SET(name_personal) { UNUSED; set_str(&w->name, "王五的论坛"); }
SET(name_personal_warn) { UNUSED; set_str(&w->name, "王五摄影官网"); }
SET(name_news) { UNUSED; set_str(&w->name, "示例新闻中心"); }
SET(name_is_domain)
{
	UNUSED;
	set_str(&w->domain, "示例网.cn");
	set_str(&w->name, "示例网");
}
SET(name_org_warn) { UNUSED; set_str(&w->name, "示例公司的网站"); }
SET(domain_bad) { UNUSED; set_str(&w->domain, "http://example.cn/"); }
SET(domain_suffix) { UNUSED; set_str(&w->domain, "example.zz"); }
SET(domain_taken) { UNUSED; x->domain_taken = 1; }
SET(domain_icp)
{
	UNUSED;
	x->fact.found = true;
	x->fact.icp = xstrdup("浙ICP备12345678号");
}
SET(domain_realname) { UNUSED; x->fact.found = true; x->fact.realname = 0; }
SET(domain_expired)
{
	UNUSED;
	x->fact.found = true;
	x->fact.realname = 1;
	x->fact.expiry_known = true;
	x->fact.days_left = -1;
}
SET(domain_short)
{
	UNUSED;
	fx_rule(f, RK_MIN_DOMAIN_VALIDITY_DAYS, 90, "湖北：域名有效期须超过 3 个月");
	x->fact.found = true;
	x->fact.realname = 1;
	x->fact.expiry_known = true;
	x->fact.days_left = 60;
}
SET(domain_before_filed)
{
	UNUSED;
	f->filed_by = 20270115;
	x->fact.found = true;
	x->fact.realname = 1;
	x->fact.expiry_known = true;
	x->fact.days_left = 20;
}
SET(domain_cert) { UNUSED; fx_rule(f, RK_DOMAIN_CERT_REQUIRED, 1, "需上传域名证书"); }
SET(home_empty) { UNUSED; set_str(&w->homepage, ""); }
SET(home_other) { UNUSED; set_str(&w->homepage, "www.other.cn"); }
SET(content_none) { UNUSED; w->content_bits = 0; }
SET(content_unknown) { UNUSED; w->content_bits = 2; }
SET(langs_none) { UNUSED; set_str(&w->languages, ""); }
SET(langs_unknown) { UNUSED; set_str(&w->languages, "1,99"); }
SET(remark_long)
{
	char	 s[520];

	UNUSED;
	memset(s, 'a', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	set_str(&w->remark, s);
}
SET(remark_not_utf8) { UNUSED; set_str(&w->remark, "\xff\xfe"); }
SET(sin_empty) { UNUSED; set_str(&w->service_number, ""); }
SET(sin_not_ours) { UNUSED; x->sin_id = 0; }
SET(sin_used) { UNUSED; x->sin_used = 1; }
SET(pre_personal)
{
	UNUSED;
	fx_pre(w, 1, "京网新备 001");
}
SET(pre_unknown)
{
	UNUSED;
	fx_pre(w, 3, "N-1");
}
SET(pre_twice)
{
	UNUSED;
	fx_pre(w, 1, "N-1");
	fx_pre(w, 1, "N-2");
}
SET(pre_no_number)
{
	UNUSED;
	fx_pre(w, 1, "");
}
SET(pre_news_named)
{
	UNUSED;
	set_str(&w->name, "示例新闻中心");
	fx_pre(w, 1, "N-1");
}
SET(owner_no_name) { UNUSED; other_owner(w); set_str(&w->owner.name, ""); }
SET(owner_long_name)
{
	UNUSED;
	other_owner(w);
	set_str(&w->owner.name, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一");
}
SET(owner_org_cert) { UNUSED; other_owner(w); w->owner.id_type = 1; }
SET(owner_bad_id) { UNUSED; other_owner(w); set_str(&w->owner.id_number, "330106198505054560"); }
SET(owner_bad_mobile) { UNUSED; other_owner(w); set_str(&w->owner.mobile, "1234"); }
SET(owner_bad_email) { UNUSED; other_owner(w); set_str(&w->owner.email, "lisi@"); }
SET(owner_passport)
{
	UNUSED;
	other_owner(w);
	w->owner.id_type = 7;
	set_str(&w->owner.id_number, "E12345678");
}
SET(until_bad) { UNUSED; other_owner(w); set_str(&w->owner.valid_until, "2030/01/01"); }
SET(until_past) { UNUSED; other_owner(w); set_str(&w->owner.valid_until, "2026-12-07"); }
SET(until_close)
{
	UNUSED;
	other_owner(w);
	fx_rule(f, RK_MIN_ID_VALIDITY_DAYS, 90, "上海：网站负责人证件有效期须超过 3 个月");
	set_str(&w->owner.valid_until, "2027-02-01");
}
SET(until_far)
{
	UNUSED;
	other_owner(w);
	fx_rule(f, RK_MIN_ID_VALIDITY_DAYS, 90, "上海：网站负责人证件有效期须超过 3 个月");
	set_str(&w->owner.valid_until, "2027-03-08");
}
SET(owner_young)
{
	char	 id[19];

	UNUSED;
	other_owner(w);
	set_str(&w->owner.id_number, fx_id(id, "330106", "20100101", "456"));
}
SET(owner_young_gd)
{
	char	 id[19];

	UNUSED;
	other_owner(w);
	fx_rule(f, RK_OWNER_MIN_AGE, 16, "广东：网站负责人须年满 16 周岁");
	set_str(&w->owner.id_number, fx_id(id, "330106", "20090101", "456"));
}
SET(leader_young)
{
	char	 id[19];

	UNUSED;
	set_str(&f->s.leader_id, fx_id(id, "330106", "20100101", "123"));
	set_str(&w->owner.id_number, f->s.leader_id);
}
SET(emergency_empty) { UNUSED; set_str(&w->owner.emergency, ""); }
SET(emergency_bad) { UNUSED; set_str(&w->owner.emergency, "12"); }
SET(emergency_same) { UNUSED; set_str(&w->owner.emergency, w->owner.mobile); }
SET(emergency_same_allowed)
{
	UNUSED;
	fx_rule(f, RK_EMERGENCY_DIFFERS, 0, "");
	set_str(&w->owner.emergency, w->owner.mobile);
}
SET(contacts_mobile)
{
	UNUSED;
	other_owner(w);
	set_str(&w->owner.mobile, f->s.leader_mobile);
}
SET(contacts_email)
{
	UNUSED;
	other_owner(w);
	set_str(&w->owner.email, "WANGWU@example.com");
}
SET(mobile_elsewhere) { UNUSED; x->mobile_elsewhere = 1; }
SET(local_mobile) { UNUSED; fx_rule(f, RK_LOCAL_MOBILE, 1, "北京：本地号码"); }
SET(auth_letter)
{
	UNUSED;
	fx_rule(f, RK_AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP, 1, "上海：授权书");
}
SET(leader_legal_rep)
{
	UNUSED;
	fx_rule(f, RK_LEADER_MUST_BE_LEGAL_REP, 1, "浙江：法定代表人");
}
SET(commitment) { UNUSED; fx_rule(f, RK_COMMITMENT_LETTER_REQUIRED, 1, "广东：承诺书"); }
SET(nothing) { UNUSED; }

static const struct {
	const char	*label;
	bool		 personal;
	void		(*set)(struct filing *, struct website *,
			    struct site_facts *);
	const char	*rule;
	const char	*field;
	const char	*reason;
	enum severity	 sev;
	bool		 found;		/* false: the rule must be silent */
	const char	*message;	/* the message starts so, or NULL */
} cases[] = {
	{ "name too short", true, name_short, "site_name", "name", "R2",
	  SEV_ERROR, true, NULL },
	{ "name prefix", true, name_prefix, "site_name", "name", "R2",
	  SEV_ERROR, true, "prefix" },
	{ "name sensitive", true, name_sensitive, "site_name", "name", "R2",
	  SEV_ERROR, true, "sensitive" },
	{ "personal word", true, name_personal, "site_name", "name", "R2",
	  SEV_ERROR, true, "personal" },
	{ "personal word, org", false, name_personal, "site_name", "name",
	  "R2", SEV_ERROR, false, NULL },
	{ "personal warning", true, name_personal_warn, "site_name", "name",
	  "R2", SEV_WARNING, true, "warn" },
	{ "org warning", false, name_org_warn, "site_name", "name", "R2",
	  SEV_WARNING, true, "org-warn" },
	{ "needs pre-approval", false, name_news, "site_name", "name", "R2",
	  SEV_ERROR, true, "news" },
	{ "name is the domain", true, name_is_domain, "site_name", "name",
	  "R2", SEV_ERROR, true, "网站名称不能是域名本身" },
	{ "domain syntax", true, domain_bad, "domain_format", "domain", "R1",
	  SEV_ERROR, true, NULL },
	{ "domain suffix", true, domain_suffix, "domain_format", "domain",
	  "R1", SEV_ERROR, true, NULL },
	{ "domain filed", true, domain_taken, "domain_filed", "domain", "R11",
	  SEV_ERROR, true, "该域名已经备案" },
	{ "domain has an ICP number", true, domain_icp, "domain_filed",
	  "domain", "R11", SEV_ERROR, true, "该域名已有备案号 浙ICP备12345678号" },
	{ "domain not real-name", true, domain_realname, "domain_realname",
	  "domain", "R1", SEV_ERROR, true, NULL },
	{ "domain expired", true, domain_expired, "domain_expiry", "domain",
	  "R1", SEV_ERROR, true, "域名已过期" },
	{ "domain too close", true, domain_short, "domain_expiry", "domain",
	  "R1", SEV_ERROR, true, "湖北：域名有效期须超过 3 个月（该域名还有 60 天到期）" },
	{ "domain before filed", true, domain_before_filed,
	  "domain_expiry_before_filed", "domain", "R1", SEV_WARNING, true,
	  "域名将于 2026年12月27日到期，早于备案预计完成的日期（约 2027年1月15日" },
	{ "domain fine", true, nothing, "domain_expiry_before_filed",
	  "domain", "R1", SEV_WARNING, false, NULL },
	{ "domain certificate", true, domain_cert, "domain_certificate",
	  "domain", "R5", SEV_WARNING, true, "需上传域名证书" },
	{ "homepage empty", true, home_empty, "homepage_url", "homepage_url",
	  NULL, SEV_ERROR, true, "请填写网站首页地址" },
	{ "homepage elsewhere", true, home_other, "homepage_url",
	  "homepage_url", NULL, SEV_ERROR, true, NULL },
	{ "no content", true, content_none, "content_types", "content_types",
	  NULL, SEV_ERROR, true, "请至少选择一项" },
	{ "unknown content", true, content_unknown, "content_types",
	  "content_types", NULL, SEV_ERROR, true, "请从列表中选择" },
	{ "no language", true, langs_none, "languages", "languages", NULL,
	  SEV_ERROR, true, "请至少选择一种" },
	{ "unknown language", true, langs_unknown, "languages", "languages",
	  NULL, SEV_ERROR, true, "请从列表中选择" },
	{ "remark too long", true, remark_long, "remark", "remark", NULL,
	  SEV_ERROR, true, NULL },
	{ "remark not UTF-8", true, remark_not_utf8, "remark", "remark", NULL,
	  SEV_ERROR, true, NULL },
	{ "no number", true, sin_empty, "service_number", "service_number",
	  NULL, SEV_ERROR, true, "请选择这个网站使用的备案服务号" },
	{ "number not ours", true, sin_not_ours, "service_number",
	  "service_number", NULL, SEV_ERROR, true, "这个备案服务号不属于本订单" },
	{ "number used", true, sin_used, "service_number", "service_number",
	  NULL, SEV_ERROR, true, "这个备案服务号已用于本订单的另一个网站" },
	{ "pre-approval, personal", true, pre_personal, "preapproval_personal",
	  "preapprovals", "R4", SEV_ERROR, true, NULL },
	{ "pre-approval type", false, pre_unknown, "preapproval_format",
	  "preapprovals", NULL, SEV_ERROR, true, "请选择前置审批类型" },
	{ "pre-approval twice", false, pre_twice, "preapproval_format",
	  "preapprovals", NULL, SEV_ERROR, true, "同一类前置审批只需填写一次" },
	{ "pre-approval number", false, pre_no_number, "preapproval_format",
	  "preapprovals", NULL, SEV_ERROR, true, "请填写前置审批的审批号" },
	{ "pre-approval lets a name pass", false, pre_news_named, "site_name",
	  "name", "R2", SEV_ERROR, false, NULL },
	{ "owner name", true, owner_no_name, "owner_name", "owner.name", NULL,
	  SEV_ERROR, true, NULL },
	{ "owner name long", true, owner_long_name, "owner_name",
	  "owner.name", NULL, SEV_ERROR, true, "姓名过长" },
	{ "owner cert type", true, owner_org_cert, "owner_id_type",
	  "owner.id_type", NULL, SEV_ERROR, true, NULL },
	{ "owner ID checksum", true, owner_bad_id, "owner_id_number",
	  "owner.id_number", "R5", SEV_ERROR, true, NULL },
	{ "owner passport", true, owner_passport, "owner_id_number",
	  "owner.id_number", "R5", SEV_ERROR, false, NULL },
	{ "owner mobile", true, owner_bad_mobile, "owner_mobile",
	  "owner.mobile", "R7", SEV_ERROR, true, NULL },
	{ "owner email", true, owner_bad_email, "owner_email", "owner.email",
	  NULL, SEV_ERROR, true, NULL },
	{ "ID validity format", true, until_bad, "owner_id_validity",
	  "owner.id_valid_until", "R5", SEV_ERROR, true, "日期格式应为" },
	{ "ID expired", true, until_past, "owner_id_validity",
	  "owner.id_valid_until", "R5", SEV_ERROR, true, "证件已过期" },
	{ "ID too close", true, until_close, "owner_id_validity",
	  "owner.id_valid_until", "R5", SEV_ERROR, true,
	  "上海：网站负责人证件有效期须超过 3 个月（当前证件将于 2027-02-01 到期）" },
	{ "ID far enough", true, until_far, "owner_id_validity",
	  "owner.id_valid_until", "R5", SEV_ERROR, false, NULL },
	{ "owner under age", true, owner_young, "owner_age",
	  "owner.id_number", NULL, SEV_ERROR, true, NULL },
	{ "owner 17 where 16 will do", true, owner_young_gd, "owner_age",
	  "owner.id_number", NULL, SEV_ERROR, false, NULL },
	{ "leader under age", true, leader_young, "owner_age",
	  "owner.id_number", NULL, SEV_ERROR, true, NULL },
	{ "emergency empty", true, emergency_empty, "owner_emergency",
	  "owner.emergency_phone", "R7", SEV_ERROR, true, "请填写应急联系电话" },
	{ "emergency malformed", true, emergency_bad, "owner_emergency",
	  "owner.emergency_phone", "R7", SEV_ERROR, true, NULL },
	{ "emergency is the mobile", true, emergency_same, "owner_emergency",
	  "owner.emergency_phone", "R7", SEV_ERROR, true, NULL },
	{ "emergency may be the mobile", true, emergency_same_allowed,
	  "owner_emergency", "owner.emergency_phone", "R7", SEV_ERROR, false,
	  NULL },
	{ "another person, the leader's mobile", true, contacts_mobile,
	  "owner_contacts_distinct", "owner.mobile", "R7", SEV_ERROR, true,
	  NULL },
	{ "another person, the leader's email", true, contacts_email,
	  "owner_contacts_distinct", "owner.email", "R7", SEV_ERROR, true,
	  NULL },
	{ "mobile of another subject", true, mobile_elsewhere,
	  "mobile_other_subject", "owner.mobile", "R7", SEV_ERROR, true,
	  "该手机号码已被其他备案主体使用" },
	{ "local mobile", true, local_mobile, "local_mobile", "owner.mobile",
	  "R7", SEV_WARNING, true, "北京：本地号码" },
	{ "owner not the legal rep", false, auth_letter, "owner_auth_letter",
	  "owner.name", "R6", SEV_WARNING, true, "上海：授权书" },
	{ "owner not the legal rep, personal", true, auth_letter,
	  "owner_auth_letter", "owner.name", "R6", SEV_WARNING, false, NULL },
	{ "leader not the legal rep", false, leader_legal_rep,
	  "leader_legal_rep", "subject", "R6", SEV_WARNING, true,
	  "浙江：法定代表人" },
	{ "commitment letter", true, commitment, "commitment_letter",
	  "subject", "R5", SEV_WARNING, true, "广东：承诺书" },
};

static void
test_cases(void **state)
{
	const struct finding	*e;
	struct run		 k;
	size_t			 i;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		run_start(&k, cases[i].personal);
		cases[i].set(&k.f, k.w, &k.f.facts[0]);
		run_rules(&k);
		check_row(k.er == APP_OK, i, cases[i].label);
		e = fx_find(&k.found, cases[i].rule, cases[i].field);
		if (e != NULL && e->severity != cases[i].sev)
			e = NULL;
		if (!cases[i].found) {
			check_row(e == NULL, i, cases[i].label);
			run_end(&k);
			continue;
		}
		check_row(e != NULL, i, cases[i].label);
		check_row(e->target.website_id == 12, i, cases[i].label);
		check_row((e->reason == NULL && cases[i].reason == NULL) ||
		    (e->reason != NULL && cases[i].reason != NULL &&
		    strcmp(e->reason, cases[i].reason) == 0), i,
		    cases[i].label);
		check_row(cases[i].message == NULL || strncmp(e->message,
		    cases[i].message, strlen(cases[i].message)) == 0, i,
		    cases[i].label);
		run_end(&k);
	}
}

/* A website that passes has no error; the owner in effect is the leader. */
static void
test_clean(void **state)
{
	struct run	 k;

	(void)state;
	run_start(&k, true);
	run_rules(&k);
	assert_int_equal(k.er, APP_OK);
	assert_int_equal(findings_count(&k.found, SEV_ERROR), 0);
	assert_string_equal(k.o.domain_a, "example.cn");
	assert_string_equal(k.o.o_name, "王五");
	assert_true(k.o.o_long_term);
	assert_int_equal(k.o.content_bits, 32);
	assert_string_equal(k.o.languages.p, "1");
	assert_string_equal(k.o.nsin, "7K3M-9QXD-2F8H-VW12");
	run_end(&k);

	/* Another person: their own ID, no leader's values. */
	run_start(&k, false);
	other_owner(k.w);
	set_str(&k.w->owner.valid_until, "2035-01-01");
	k.w->content_bits = 128 | 64;
	set_str(&k.w->languages, "1,12");
	set_str(&k.w->owner.name, "赵六");
	run_rules(&k);
	assert_int_equal(k.er, APP_OK);
	assert_int_equal(findings_count(&k.found, SEV_ERROR), 0);
	assert_string_equal(k.o.o_name, "赵六");
	assert_false(k.o.o_long_term);
	assert_int_equal(k.o.content_bits, 192);
	assert_string_equal(k.o.languages.p, "1,12");
	run_end(&k);
}

/* The applicant reads one error per field: the first. */
static void
test_first_error_per_field(void **state)
{
	struct run	 k;
	size_t		 i, n = 0;

	(void)state;
	run_start(&k, true);
	other_owner(k.w);
	/* Malformed, and the leader's: only the first counts. */
	set_str(&k.w->owner.mobile, "13800000001x");
	set_str(&k.w->owner.email, "bad");
	run_rules(&k);
	for (i = 0; i < k.found.n; i++)
		if (k.found.v[i].severity == SEV_ERROR &&
		    strcmp(k.found.v[i].target.field, "owner.mobile") == 0)
			n++;
	assert_int_equal(n, 1);
	assert_string_equal(fx_find(&k.found, "owner_mobile",
	    "owner.mobile")->rule, "owner_mobile");
	run_end(&k);
}

/* Names against the naming rules: who they apply to and where. */
static void
test_name_rules(void **state)
{
	static const struct {
		const char	*name;
		bool		 personal;
		bool		 gov;
		const char	*province;
		int64_t		 preapprovals;
		const char	*error;		/* message, or NULL */
		size_t		 warnings;
	} v[] = {
		{ "中国旅游日记", true, false, "330000", 0, "prefix", 0 },
		{ "中国旅游日记", false, true, "330000", 0, NULL, 0 },
		{ "旅游中国日记", true, false, "330000", 0, NULL, 0 },
		{ "赌博攻略网", false, true, "330000", 0, "sensitive", 0 },
		{ "王五的论坛", true, false, "330000", 0, "personal", 0 },
		{ "示例论坛", false, false, "330000", 0, NULL, 0 },
		{ "王五摄影官网", true, false, "330000", 0, NULL, 1 },
		{ "示例新闻中心", false, false, "330000", 0, "news", 0 },
		{ "示例新闻中心", false, false, "330000", 1, NULL, 0 },
		{ "示例新闻中心", false, false, "330000", 4, "news", 0 },
		{ "王五摄影日记", true, false, "320000", 0, "jiangsu", 0 },
		{ "王五的个人博客", true, false, "320000", 0, NULL, 0 },
		{ "王五摄影日记", true, false, "330000", 0, NULL, 0 },
		{ "示例公司官网", false, false, "320000", 0, NULL, 1 },
	};
	const struct finding	*e;
	struct run		 k;
	size_t			 i;

	(void)state;
	for (i = 0; i < NITEMS(v); i++) {
		run_start(&k, v[i].personal);
		k.f.s.state = v[i].gov;
		set_str(&k.f.s.province, v[i].province);
		set_str(&k.w->name, v[i].name);
		if (v[i].preapprovals != 0) {
			fx_pre(k.w, v[i].preapprovals, "N-1");
		}
		run_rules(&k);
		check_row(k.er == APP_OK, i, v[i].name);
		e = findings_first(&k.found, SEV_ERROR, 12, "name");
		if (v[i].error == NULL)
			check_row(e == NULL, i, v[i].name);
		else
			check_row(e != NULL && strcmp(e->message, v[i].error) ==
			    0, i, v[i].name);
		check_row(findings_count(&k.found, SEV_WARNING) ==
		    v[i].warnings, i, v[i].name);
		run_end(&k);
	}
}

/*
 * A rule that cannot be applied stops the check (and says so in the
 * log): a pattern that does not compile, a kind or a scope the code does
 * not know.  A name the rule was meant to refuse must not pass.
 */
static void
test_fails_closed(void **state)
{
	static const struct {
		const char	*kind, *word, *applies;
	} bad[] = {
		{ "province_pattern", "^(unclosed", "all" },
		{ "province_pattern", "[z-a]", "personal" },
		{ "no_such_kind", "x", "all" },
		{ "sensitive", "x", "everyone" },
	};
	struct run	 k;
	size_t		 i;

	(void)state;
	log_set_level(LOG_ERR);
	for (i = 0; i < NITEMS(bad); i++) {
		run_start(&k, true);
		fx_name_rule(&k.f.refs, bad[i].kind, bad[i].word,
		    bad[i].applies, NULL, 0, false, "m");
		run_rules(&k);
		check_row(k.er == APP_EINTERNAL, i, bad[i].kind);
		run_end(&k);
	}
	/* A row of another province is never applied, broken or not. */
	run_start(&k, true);
	fx_name_rule(&k.f.refs, "province_pattern", "^(unclosed", "all",
	    "320000", 0, false, "m");
	run_rules(&k);
	assert_int_equal(k.er, APP_OK);
	run_end(&k);
}

/* A finding that cannot be recorded fails the whole check. */
static void
test_no_memory(void **state)
{
	struct run	 k;
	size_t		 limit;

	(void)state;
	/* Three warnings: the limit cuts the list short of them. */
	for (limit = 1; limit <= 2; limit++) {
		run_start(&k, true);
		fx_rule(&k.f, RK_LOCAL_MOBILE, 1, "本地号码");
		fx_rule(&k.f, RK_COMMITMENT_LETTER_REQUIRED, 1, "承诺书");
		fx_rule(&k.f, RK_DOMAIN_CERT_REQUIRED, 1, "域名证书");
		k.found.limit = limit;
		run_rules(&k);
		assert_int_equal(k.er, APP_EINTERNAL);
		assert_true(k.found.failed);
		assert_int_equal(k.found.n, limit);
		run_end(&k);
	}
}

/*
 * An operator's message of 255 characters -- the column's width, 765
 * bytes of Chinese -- arrives whole, its last character intact.
 */
static void
test_long_message(void **state)
{
	struct run		 k;
	const struct finding	*e;
	char			 msg[255 * 3 + 1];
	size_t			 i;

	(void)state;
	for (i = 0; i < 255; i++)
		memcpy(msg + i * 3, "号", 3);
	msg[sizeof(msg) - 1] = '\0';
	run_start(&k, true);
	fx_rule(&k.f, RK_LOCAL_MOBILE, 1, msg);
	fx_rule(&k.f, RK_MIN_DOMAIN_VALIDITY_DAYS, 90, msg);
	k.f.facts[0].fact.found = true;
	k.f.facts[0].fact.realname = 1;
	k.f.facts[0].fact.expiry_known = true;
	k.f.facts[0].fact.days_left = 30;
	run_rules(&k);
	assert_int_equal(k.er, APP_OK);
	e = fx_find(&k.found, "local_mobile", "owner.mobile");
	assert_non_null(e);
	assert_string_equal(e->message, msg);
	e = fx_find(&k.found, "domain_expiry", "domain");
	assert_non_null(e);
	assert_int_equal(strncmp(e->message, msg, strlen(msg)), 0);
	assert_true(utf8_valid(e->message, strlen(e->message)));
	run_end(&k);
}

/* The order's cap: websites, or domains where that is the smaller. */
static void
test_limit(void **state)
{
	struct filing	 f;
	enum rule_key	 which;
	int64_t		 max;

	(void)state;
	fx_filing(&f, false);
	assert_false(site_limit_reached(&f.rules, 9, &max, &which));
	assert_true(site_limit_reached(&f.rules, 10, &max, &which));
	assert_int_equal(max, 10);
	assert_int_equal(which, RK_MAX_WEBSITES_PER_ORDER);
	fx_rule(&f, RK_MAX_DOMAINS_PER_ORDER, 3, "山西：3 个域名");
	assert_false(site_limit_reached(&f.rules, 2, &max, &which));
	assert_true(site_limit_reached(&f.rules, 3, &max, &which));
	assert_int_equal(which, RK_MAX_DOMAINS_PER_ORDER);
	fx_rule(&f, RK_MAX_DOMAINS_PER_ORDER, 20, "");
	assert_true(site_limit_reached(&f.rules, 10, &max, &which));
	assert_int_equal(which, RK_MAX_WEBSITES_PER_ORDER);
	assert_int_equal(filing_sla_days(&f.rules), 23);
	filing_free(&f);
}

/* The dates the rules count with. */
static void
test_dates(void **state)
{
	int64_t	 d;

	(void)state;
	assert_true(site_date_parse("2027-02-28", &d));
	assert_int_equal(d, 20270228);
	assert_false(site_date_parse("2027-2-28", &d));
	assert_false(site_date_parse("2027-13-01", &d));
	assert_false(site_date_parse(NULL, &d));
	assert_int_equal(site_date_add(20261231, 1), 20270101);
	assert_int_equal(site_date_add(20240228, 1), 20240229);
	assert_int_equal(site_date_add(20260301, -1), 20260228);
}

/* A stored website's fields as review items keep them. */
static void
test_field_values(void **state)
{
	struct filing	 f;
	struct website	*w;
	struct buf	 b = BUF_INIT;

	(void)state;
	fx_filing(&f, false);
	w = fx_website(&f, 12, "example.cn");
	w->content_bits = 32 | 128;
	fx_pre(w, 1, "N-1");
	fx_pre(w, 4, "N:4");
	assert_true(website_field_value(w, "content_types", &b));
	assert_string_equal(b.p, "32,128");
	assert_true(website_field_value(w, "preapprovals", &b));
	assert_string_equal(b.p, "1:N-1;4:N:4");
	assert_true(website_field_value(w, "owner.same_as_leader", &b));
	assert_string_equal(b.p, "1");
	assert_true(website_field_value(w, "owner.id_type", &b));
	assert_string_equal(b.p, "2");
	assert_true(website_field_value(w, "owner.id_valid_until", &b));
	assert_string_equal(b.p, "");
	assert_true(website_field_value(w, "owner", &b));
	assert_non_null(strstr(b.p, "证件有效期至 长期"));
	assert_non_null(strstr(b.p, "（同主体负责人）"));
	assert_true(website_field_value(w, "owner.emergency_phone", &b));
	assert_string_equal(b.p, "0571-88888888");
	assert_false(website_field_value(w, "owner.shoe_size", &b));
	assert_ptr_equal(filing_website(&f, 12), w);
	assert_null(filing_website(&f, 13));
	buf_free(&b);
	filing_free(&f);
	filing_free(&f);
	filing_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_first_error_per_field),
		cmocka_unit_test(test_name_rules),
		cmocka_unit_test(test_fails_closed),
		cmocka_unit_test(test_no_memory),
		cmocka_unit_test(test_long_message),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_field_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
