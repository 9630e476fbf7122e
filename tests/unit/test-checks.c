/*
 * The pre-submit checks (checks.c) over a typed order made here, with
 * every material uploaded so that only the row's gap shows; and how the
 * findings become the API's JSON (filing-json.c).
 */
#include "unit.h"

#include "lib/filing-json.h"
#include "lib/log.h"

#include "fixture.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static void
set_str(char **p, const char *s)
{
	free(*p);
	*p = xstrdup(s);
}

/* A complete order: one website, registrar facts that agree, uploads. */
static struct website *
complete(struct filing *f, bool personal)
{
	struct website	*w;

	fx_filing(f, personal);
	w = fx_website(f, 12, "example.cn");
	f->facts[0].fact.found = true;
	f->facts[0].fact.holder = xstrdup(personal ? f->s.leader_name :
	    f->s.name);
	f->facts[0].fact.holder_cert = xstrdup(personal ? f->s.leader_id :
	    f->s.cert_number);
	f->facts[0].fact.realname = 1;
	return w;
}

static enum app_err
run(struct filing *f, struct findings *out)
{
	struct checklist	 cl;
	enum app_err		 er;

	memset(out, 0, sizeof(*out));
	if ((er = checklist_build(f, &cl)) == APP_OK)
		er = checks_build(f, &cl, out);
	checklist_free(&cl);
	return er;
}

#define SET(name)	static void name(struct filing *f, struct website *w)
#define UNUSED		(void)f; (void)w

SET(nothing) { UNUSED; }
SET(unconfirmed) { UNUSED; f->subject_confirmed = false; }
SET(no_websites)
{
	UNUSED;
	website_free(&f->w[0]);
	site_facts_free(&f->facts[0]);
	f->nw = 0;
}
SET(number_gone) { UNUSED; set_str(&f->sins[0], "AAAA-BBBB-CCCC-DDDD"); }
SET(news) { UNUSED; w->content_bits = 16 | 128; }
SET(news_approved)
{
	UNUSED;
	w->content_bits = 16 | 128;
	fx_pre(w, 1, "浙网新备 001");
}
SET(education) { UNUSED; w->content_bits = 1048576 | 128; }
SET(no_facts)
{
	UNUSED;
	site_facts_free(&f->facts[0]);
	f->facts[0].fact.realname = -1;
	f->facts[0].sin_id = 112;
}
SET(holder_other) { UNUSED; set_str(&f->facts[0].fact.holder, "张三"); }
SET(holder_cert_other)
{
	UNUSED;
	set_str(&f->facts[0].fact.holder_cert, "91110000MA0000000X");
}
SET(holder_cert_case)
{
	UNUSED;
	set_str(&f->facts[0].fact.holder_cert, "91330106ma2xxxxx0x");
}
SET(id_elsewhere) { UNUSED; f->facts[0].id_elsewhere = 99; }
SET(leader_elsewhere) { UNUSED; f->leader_elsewhere = 99; }
SET(emergency_same) { UNUSED; set_str(&w->owner.emergency, w->owner.mobile); }
SET(commitment)
{
	UNUSED;
	fx_rule(f, RK_COMMITMENT_LETTER_REQUIRED, 1, "广东：承诺书");
}
SET(no_letter)
{
	UNUSED;
	fx_rule(f, RK_LEADER_MUST_BE_LEGAL_REP, 1, "浙江：负责人须为法定代表人");
}
SET(broken_rule)
{
	UNUSED;
	fx_name_rule(&f->refs, "province_pattern", "(", "all", NULL, 0, false,
	    "m");
}

/* Before the uploads: rows that need the order as it is. */
static const struct {
	const char	*label;
	bool		 personal;
	void		(*set)(struct filing *, struct website *);
	const char	*rule;
	const char	*reason;
	enum severity	 sev;
	enum target_kind target;
	const char	*field;		/* TARGET_FIELD, or the step */
	bool		 found;
	const char	*message;
} cases[] = {
	{ "complete", true, nothing, "domain_unverified", "R1", SEV_WARNING,
	  TARGET_FIELD, "domain", false, NULL },
	{ "subject not confirmed", true, unconfirmed, "subject_confirmed",
	  NULL, SEV_ERROR, TARGET_STEP, "subject", true, "还没有确认主体信息" },
	{ "no website", true, no_websites, "websites_present", NULL,
	  SEV_ERROR, TARGET_STEP, "websites", true, NULL },
	{ "number not the order's", true, number_gone,
	  "service_number_verified", NULL, SEV_ERROR, TARGET_FIELD,
	  "service_number", true, "备案服务号 7K3M-9QXD-2F8H-VW12 不再属于本订单" },
	{ "news without approval", false, news, "content_preapproval", "R4",
	  SEV_ERROR, TARGET_FIELD, "content_types", true,
	  "“网络新闻”需要新闻类前置审批" },
	{ "news, personal", true, news, "content_preapproval", "R4",
	  SEV_ERROR, TARGET_FIELD, "content_types", true,
	  "“网络新闻”需要新闻类前置审批；个人主体不能办理前置审批" },
	{ "news with approval", false, news_approved, "content_preapproval",
	  "R4", SEV_ERROR, TARGET_FIELD, "content_types", false, NULL },
	{ "education: a warning", false, education, "content_preapproval",
	  "R4", SEV_WARNING, TARGET_FIELD, "content_types", true, NULL },
	{ "no registrar data", true, no_facts, "domain_unverified", "R1",
	  SEV_WARNING, TARGET_FIELD, "domain", true,
	  "未能核对域名 example.cn 的持有者" },
	{ "holder differs", true, holder_other, "domain_holder", "R1",
	  SEV_ERROR, TARGET_FIELD, "domain", true,
	  "域名 example.cn 的持有者是“张三”，与主体“王五”不一致" },
	{ "holder's certificate differs", false, holder_cert_other,
	  "domain_holder", "R1", SEV_ERROR, TARGET_FIELD, "domain", true,
	  "域名 example.cn 持有者的证件号码与主体证件号码不一致" },
	{ "holder's certificate in lower case", false, holder_cert_case,
	  "domain_holder", "R1", SEV_ERROR, TARGET_FIELD, "domain", false,
	  NULL },
	{ "owner's ID in another order", true, id_elsewhere,
	  "id_in_other_order", "R12", SEV_ERROR, TARGET_FIELD,
	  "owner.id_number", true, "网站负责人的证件号码" },
	{ "leader's ID in another order", true, leader_elsewhere,
	  "id_in_other_order", "R12", SEV_ERROR, TARGET_STEP, "subject", true,
	  "主体负责人的证件号码" },
	{ "a website rule, again on what is stored", true, emergency_same,
	  "owner_emergency", "R7", SEV_ERROR, TARGET_FIELD,
	  "owner.emergency_phone", true, NULL },
	{ "the site's own commitment warning is not repeated", true,
	  commitment, "commitment_letter", "R5", SEV_WARNING, TARGET_FIELD,
	  "subject", false, NULL },
	{ "leader not the legal rep, no letter", false, no_letter,
	  "leader_legal_rep", "R6", SEV_ERROR, TARGET_SLOT,
	  "authorization_letter", true, "浙江：负责人须为法定代表人" },
};

static const struct finding *
find(const struct findings *fs, const char *rule, enum target_kind t,
    const char *field, enum severity sev)
{
	const struct finding	*e;
	size_t			 i;

	for (i = 0; i < fs->n; i++) {
		e = &fs->v[i];
		if (strcmp(e->rule, rule) != 0 || e->target.kind != t ||
		    e->severity != sev)
			continue;
		if ((t == TARGET_FIELD && strcmp(e->target.field, field) != 0) ||
		    (t == TARGET_STEP && strcmp(e->target.step, field) != 0) ||
		    (t == TARGET_SLOT && strcmp(e->target.slot, field) != 0))
			continue;
		return e;
	}
	return NULL;
}

static void
test_cases(void **state)
{
	struct filing		 f;
	struct findings		 out;
	struct website		*w;
	const struct finding	*e;
	size_t			 i;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		w = complete(&f, cases[i].personal);
		cases[i].set(&f, w);
		fx_upload_all(&f);
		check_row(run(&f, &out) == APP_OK, i, cases[i].label);
		e = find(&out, cases[i].rule, cases[i].target, cases[i].field,
		    cases[i].sev);
		check_row((e != NULL) == cases[i].found, i, cases[i].label);
		if (e != NULL) {
			check_row((e->reason == NULL) == (cases[i].reason ==
			    NULL), i, cases[i].label);
			check_row(e->reason == NULL || strcmp(e->reason,
			    cases[i].reason) == 0, i, cases[i].label);
			check_row(cases[i].message == NULL ||
			    strncmp(e->message, cases[i].message,
			    strlen(cases[i].message)) == 0, i, cases[i].label);
			check_row(e->href != NULL && strncmp(e->href,
			    "/order/", 7) == 0, i, cases[i].label);
		}
		findings_free(&out);
		filing_free(&f);
	}
}

/* A complete order can be submitted: not one error. */
static void
test_complete(void **state)
{
	struct filing	 f;
	struct findings	 out;

	(void)state;
	complete(&f, true);
	fx_upload_all(&f);
	assert_int_equal(run(&f, &out), APP_OK);
	assert_int_equal(findings_count(&out, SEV_ERROR), 0);
	assert_int_equal(findings_count(&out, SEV_WARNING), 0);
	findings_free(&out);
	filing_free(&f);
}

/* Materials: missing (R5, the letter R6), flagged, the letter for R6. */
static void
test_uploads(void **state)
{
	struct filing		 f;
	struct findings		 out;
	const struct finding	*e;
	struct website		*w;
	int			 blocks;

	(void)state;
	complete(&f, true);
	assert_int_equal(run(&f, &out), APP_OK);
	assert_int_equal(findings_count(&out, SEV_ERROR), 3);
	e = find(&out, "upload_missing", TARGET_SLOT, "owner_id_front",
	    SEV_ERROR);
	assert_non_null(e);
	assert_string_equal(e->reason, "R5");
	assert_int_equal(e->target.website_id, 12);
	assert_string_equal(e->message, "还没有上传王五的摄影日记的网站负责人证件"
	    "（正面）：每个新增网站都需要网站负责人证件");
	findings_free(&out);
	filing_free(&f);

	/* An organisation whose owner is not its legal representative. */
	w = complete(&f, false);
	(void)w;
	fx_rule(&f, RK_AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP, 1, "授权书");
	assert_int_equal(run(&f, &out), APP_OK);
	e = find(&out, "upload_missing", TARGET_SLOT, "authorization_letter",
	    SEV_ERROR);
	assert_non_null(e);
	assert_string_equal(e->reason, "R6");
	findings_free(&out);
	filing_free(&f);

	/* The quality gate's flag: an error while the setting says so. */
	for (blocks = 0; blocks <= 1; blocks++) {
		complete(&f, true);
		fx_upload(&f, 70, 12, "verification_form", "照片偏暗");
		fx_upload_all(&f);
		fx_rule(&f, RK_UPLOAD_FLAG_BLOCKS_SUBMIT, blocks, "");
		assert_int_equal(run(&f, &out), APP_OK);
		e = find(&out, "upload_quality", TARGET_UPLOAD, NULL,
		    blocks ? SEV_ERROR : SEV_WARNING);
		assert_non_null(e);
		assert_int_equal(e->target.upload_id, 70);
		assert_string_equal(e->message, "网站备案信息真实性核验单：照片偏暗");
		findings_free(&out);
		filing_free(&f);
	}
}

/* R6: the leader is not the legal representative; a letter answers it. */
static void
test_leader_letter(void **state)
{
	struct filing		 f;
	struct findings		 out;
	const struct finding	*e;

	(void)state;
	complete(&f, false);
	fx_upload_all(&f);
	fx_rule(&f, RK_LEADER_MUST_BE_LEGAL_REP, 1, "浙江：负责人须为法定代表人");
	assert_int_equal(run(&f, &out), APP_OK);
	e = find(&out, "leader_legal_rep", TARGET_SLOT, "authorization_letter",
	    SEV_ERROR);
	assert_non_null(e);
	assert_int_equal(e->target.website_id, 0);
	assert_string_equal(e->message, "浙江：负责人须为法定代表人（主体负责人 "
	    "王五，法定代表人 赵六）");
	/* Its own words at submit, not the website step's warning. */
	assert_null(find(&out, "leader_legal_rep", TARGET_FIELD, "subject",
	    SEV_WARNING));
	findings_free(&out);
	fx_upload(&f, 71, 12, "authorization_letter", NULL);
	assert_int_equal(run(&f, &out), APP_OK);
	assert_null(find(&out, "leader_legal_rep", TARGET_SLOT,
	    "authorization_letter", SEV_ERROR));
	findings_free(&out);
	filing_free(&f);
}

/* R3: a certificate of another province than the filing's. */
static void
test_province(void **state)
{
	struct filing		 f;
	struct findings		 out;
	const struct finding	*e;
	char			 id[19];

	(void)state;
	/* A person with a permit where permits count: the slot says so. */
	complete(&f, true);
	set_str(&f.s.leader_id, fx_id(id, "110101", "19900101", "123"));
	set_str(&f.w[0].owner.id_number, f.s.leader_id);
	set_str(&f.facts[0].fact.holder_cert, f.s.leader_id);
	fx_upload_all(&f);
	f.nu--;		/* the permit, last of the checklist, not there */
	assert_int_equal(run(&f, &out), APP_OK);
	e = find(&out, "cert_province", TARGET_STEP, "subject", SEV_ERROR);
	assert_non_null(e);
	assert_string_equal(e->reason, "R3");
	assert_string_equal(e->fix, "请上传在备案省份办理的有效居住证。");
	assert_string_equal(e->href,
	    "/order/upload.html?id=7#slot-residence_permit-0");
	assert_non_null(strstr(e->message, "地区码 11 开头，备案省份是 330000"));
	findings_free(&out);
	f.nu++;
	assert_int_equal(run(&f, &out), APP_OK);
	assert_null(find(&out, "cert_province", TARGET_STEP, "subject",
	    SEV_ERROR));
	findings_free(&out);
	/* Where permits do not count, the province's words. */
	fx_rule(&f, RK_RESIDENCE_PERMIT_ACCEPTED, 0, "山西只接受本省身份证备案");
	assert_int_equal(run(&f, &out), APP_OK);
	e = find(&out, "cert_province", TARGET_STEP, "subject", SEV_ERROR);
	assert_non_null(e);
	assert_string_equal(e->fix, "山西只接受本省身份证备案");
	assert_string_equal(e->href, "/order/subject.html?id=7");
	findings_free(&out);
	filing_free(&f);

	/* An organisation: its certificate's region decides. */
	complete(&f, false);
	set_str(&f.s.cert_number, "91110000MA0000000X");
	set_str(&f.facts[0].fact.holder_cert, f.s.cert_number);
	fx_upload_all(&f);
	assert_int_equal(run(&f, &out), APP_OK);
	e = find(&out, "cert_province", TARGET_STEP, "subject", SEV_ERROR);
	assert_non_null(e);
	assert_non_null(strstr(e->fix, "单位须在证件签发地所在省份备案"));
	assert_non_null(strstr(e->message, "主体证件不是备案省份签发的"));
	findings_free(&out);
	filing_free(&f);
}

/* After a rejection: an item left as it was blocks; a changed one not. */
static void
test_rejected(void **state)
{
	struct filing		 f;
	struct findings		 out;
	const struct finding	*e;
	struct website		*w;
	struct review_item	*it;

	(void)state;
	w = complete(&f, true);
	fx_upload_all(&f);
	it = fx_item(&f, "R2", "websites.12.name", 0, 12, NULL,
	    "王五的摄影日记");
	set_str(&it->note, "名称太笼统");
	fx_item(&f, "R5", NULL, f.u[0].id, 12, f.u[0].kind, NULL);
	fx_item(&f, "R7", "websites.12.owner.mobile", 0, 12, NULL,
	    "13800000009");
	fx_item(&f, "R2", "websites.99.name", 0, 99, NULL, "gone");
	fx_item(&f, "R2", "subject.name", 0, 0, NULL, "王五");
	assert_int_equal(run(&f, &out), APP_OK);
	e = find(&out, "rejected_unchanged", TARGET_FIELD, "name", SEV_ERROR);
	assert_non_null(e);
	assert_int_equal(e->target.website_id, 12);
	assert_string_equal(e->message, "初审驳回的项目还没有修改：标题——名称太笼统");
	assert_string_equal(e->fix, "修改方法");
	assert_string_equal(e->href, "/order/submit.html?id=7#item-901");
	e = find(&out, "rejected_unchanged", TARGET_UPLOAD, NULL, SEV_ERROR);
	assert_non_null(e);
	assert_int_equal(e->target.upload_id, f.u[0].id);
	assert_null(find(&out, "rejected_unchanged", TARGET_FIELD,
	    "owner.mobile", SEV_ERROR));
	assert_int_equal(findings_count(&out, SEV_ERROR), 2);
	findings_free(&out);

	/* Changed and replaced: nothing left. */
	set_str(&w->name, "王五的风光摄影");
	fx_upload(&f, 80, 12, f.u[0].kind, NULL);
	f.u[0].id = 79;
	assert_int_equal(run(&f, &out), APP_OK);
	assert_null(find(&out, "rejected_unchanged", TARGET_FIELD, "name",
	    SEV_ERROR));
	assert_null(find(&out, "rejected_unchanged", TARGET_UPLOAD, NULL,
	    SEV_ERROR));
	findings_free(&out);
	filing_free(&f);
}

/* Any rule that cannot run, or a finding that cannot be kept, fails all. */
static void
test_fails_closed(void **state)
{
	struct filing		 f;
	struct findings		 out;
	struct checklist	 cl;
	size_t			 limit;

	(void)state;
	log_set_level(LOG_ERR);
	complete(&f, true);
	broken_rule(&f, &f.w[0]);
	fx_upload_all(&f);
	assert_int_equal(run(&f, &out), APP_EINTERNAL);
	findings_free(&out);
	filing_free(&f);

	for (limit = 1; limit <= 3; limit++) {
		complete(&f, true);
		f.subject_confirmed = false;
		assert_int_equal(checklist_build(&f, &cl), APP_OK);
		memset(&out, 0, sizeof(out));
		out.limit = limit;
		assert_int_equal(checks_build(&f, &cl, &out), APP_EINTERNAL);
		assert_true(out.failed);
		/* And nothing renders a list that is not whole. */
		assert_null(findings_json(&out, &f.refs));
		checklist_free(&cl);
		findings_free(&out);
		filing_free(&f);
	}
}

/* The findings and the checklist as the API shows them. */
static void
test_render(void **state)
{
	struct filing		 f;
	struct findings		 out;
	struct checklist	 cl;
	json_t			*j, *e, *errors, *warnings;
	size_t			 i;
	bool			 slot = false, step = false, upload = false;

	(void)state;
	complete(&f, true);
	f.subject_confirmed = false;
	fx_upload(&f, 70, 12, "verification_form", "照片偏暗");
	fx_item(&f, "R7", "websites.12.owner.mobile", 0, 12, NULL,
	    "13800000001");
	assert_int_equal(checklist_build(&f, &cl), APP_OK);
	memset(&out, 0, sizeof(out));
	assert_int_equal(checks_build(&f, &cl, &out), APP_OK);
	j = findings_json(&out, &f.refs);
	assert_non_null(j);
	assert_int_equal(json_array_size(j), out.n);
	json_array_foreach(j, i, e) {
		assert_non_null(json_object_get(e, "href"));
		assert_true(json_is_string(json_object_get(e, "fix")));
		if (json_object_get(json_object_get(e, "target"), "slot"))
			slot = json_integer_value(json_object_get(
			    json_object_get(json_object_get(e, "target"),
			    "slot"), "website_id")) == 12;
		if (json_object_get(json_object_get(e, "target"), "step"))
			step = true;
		if (json_object_get(json_object_get(e, "target"), "upload"))
			upload = true;
		if (strcmp(json_string_value(json_object_get(e, "rule")),
		    "rejected_unchanged") == 0)
			assert_string_equal(json_string_value(json_object_get(
			    json_object_get(e, "target"), "field")),
			    "websites.12.owner.mobile");
		/* No fix of its own: its reason's. */
		if (strcmp(json_string_value(json_object_get(e, "rule")),
		    "upload_quality") == 0)
			assert_string_equal(json_string_value(json_object_get(e,
			    "fix")), "fix-R5");
	}
	assert_true(slot && step && upload);
	json_decref(j);

	j = checklist_json(&cl);
	assert_non_null(j);
	assert_int_equal(json_array_size(j), cl.n);
	e = json_array_get(j, 2);
	assert_string_equal(json_string_value(json_object_get(e, "kind")),
	    "verification_form");
	assert_true(json_is_true(json_object_get(e, "present")));
	assert_int_equal(json_integer_value(json_object_get(e, "upload_id")),
	    70);
	assert_int_equal(json_array_size(json_object_get(e, "covers")), 1);
	json_decref(j);
	checklist_free(&cl);
	findings_free(&out);

	/* The website step's field map: the first error, every warning. */
	finding_add(&out, "a", NULL, SEV_ERROR, target_field(12, "name"), NULL,
	    "first %d", 1);
	finding_add(&out, "b", NULL, SEV_ERROR, target_field(12, "name"), NULL,
	    "second");
	finding_add(&out, "c", NULL, SEV_WARNING, target_field(12, "name"),
	    NULL, "w1");
	finding_add(&out, "d", NULL, SEV_WARNING, target_field(12, "name"),
	    NULL, "w2");
	assert_true(findings_field_maps(&out, &errors, &warnings));
	assert_string_equal(json_string_value(json_object_get(errors, "name")),
	    "first 1");
	assert_int_equal(json_array_size(json_object_get(warnings, "name")), 2);
	json_decref(errors);
	json_decref(warnings);
	/* A message that is not UTF-8 is no finding, and the list is spoilt. */
	assert_null(finding_add(&out, "e", NULL, SEV_ERROR,
	    target_slot("other", 0), NULL, "%s", "\xe5\x8f"));
	assert_true(out.failed);
	assert_false(findings_field_maps(&out, &errors, &warnings));
	assert_null(errors);
	findings_free(&out);
	filing_free(&f);
}

/* The reference lists as the forms read them. */
static void
test_lists(void **state)
{
	struct filing	 f;
	json_t		*j;

	(void)state;
	fx_filing(&f, true);
	j = codes_json(f.refs.content, f.refs.ncontent);
	assert_string_equal(json_string_value(json_object_get(j, "32")),
	    "博客/个人空间");
	json_decref(j);
	j = certs_json(&f.refs);
	assert_true(json_is_true(json_object_get(json_object_get(j, "2"),
	    "personal")));
	json_decref(j);
	j = name_rules_json(&f.refs);
	assert_int_equal(json_array_size(j), f.refs.nnames);
	assert_true(json_is_null(json_object_get(json_array_get(j, 0),
	    "province")));
	json_decref(j);
	j = suffixes_json(&f.refs);
	assert_string_equal(json_string_value(json_array_get(j, 0)), "cn");
	json_decref(j);
	j = kinds_json(&f.refs);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    j, "commitment_letter"), "name")), "承诺书");
	json_decref(j);
	j = reason_titles_json(&f.refs);
	assert_string_equal(json_string_value(json_object_get(j, "R3")),
	    "跨省备案");
	json_decref(j);
	/* A name that is not UTF-8 spoils the list, not just its row. */
	set_str(&f.refs.content[0].name, "\xc3");
	assert_null(codes_json(f.refs.content, f.refs.ncontent));
	filing_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_uploads),
		cmocka_unit_test(test_leader_letter),
		cmocka_unit_test(test_province),
		cmocka_unit_test(test_rejected),
		cmocka_unit_test(test_fails_closed),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_lists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
