/* Naming rules applied to names, with rules given as the table's rows. */
#include "unit.h"

#include "lib/rules.h"
#include "lib/util.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static json_t *
rules(void)
{
	return json_pack("[{s:s,s:s,s:s,s:n,s:i,s:s,s:s},"
	    "{s:s,s:s,s:s,s:n,s:i,s:s,s:s},"
	    "{s:s,s:s,s:s,s:n,s:i,s:s,s:s},"
	    "{s:s,s:s,s:s,s:n,s:i,s:s,s:s},"
	    "{s:s,s:s,s:s,s:n,s:i,s:s,s:s},"
	    "{s:s,s:s,s:s,s:s,s:i,s:s,s:s}]",
	    "kind", "forbidden_prefix", "word", "中国", "applies_to", "non_state",
	    "province", "preapproval", 0, "severity", "error", "message", "prefix",
	    "kind", "sensitive", "word", "赌博", "applies_to", "all",
	    "province", "preapproval", 0, "severity", "error", "message", "sensitive",
	    "kind", "personal_forbidden", "word", "论坛", "applies_to", "personal",
	    "province", "preapproval", 0, "severity", "error", "message", "personal",
	    "kind", "personal_forbidden", "word", "官网", "applies_to", "personal",
	    "province", "preapproval", 0, "severity", "warning", "message", "warn",
	    "kind", "needs_preapproval", "word", "新闻", "applies_to", "all",
	    "province", "preapproval", 1, "severity", "error", "message", "news",
	    "kind", "province_pattern", "word", "^.+的个人(博客|主页)$",
	    "applies_to", "personal", "province", "320000", "preapproval", 0,
	    "severity", "error", "message", "jiangsu");
}

static void
test_name_rules(void **state)
{
	static const struct {
		const char	*name;
		bool		 personal, gov;
		const char	*province;
		int64_t		 preapprovals;
		const char	*error;		/* message, or NULL */
		size_t		 warnings;
	} cases[] = {
		{ "中国旅游日记", true, false, "330000", 0, "prefix", 0 },
		{ "中国旅游日记", false, true, "330000", 0, NULL, 0 },	/* state */
		{ "旅游中国日记", true, false, "330000", 0, NULL, 0 },
		{ "赌博攻略网", false, true, "330000", 0, "sensitive", 0 },
		{ "王五的论坛", true, false, "330000", 0, "personal", 0 },
		{ "示例论坛", false, false, "330000", 0, NULL, 0 },	/* org */
		{ "王五摄影官网", true, false, "330000", 0, NULL, 1 },
		{ "示例新闻中心", false, false, "330000", 0, "news", 0 },
		{ "示例新闻中心", false, false, "330000", 1, NULL, 0 },
		{ "示例新闻中心", false, false, "330000", 2, "news", 0 },
		{ "王五摄影日记", true, false, "320000", 0, "jiangsu", 0 },
		{ "王五的个人博客", true, false, "320000", 0, NULL, 0 },
		{ "示例公司官网", false, false, "320000", 0, NULL, 0 },
		{ "example", true, false, "330000", 0,
		  "网站名称不能是域名本身，请填写能说明网站内容的中文名称", 0 },
	};
	json_t		*r = rules(), *warn;
	struct name_ctx	 c;
	const char	*error;
	size_t		 i;

	(void)state;
	assert_non_null(r);
	for (i = 0; i < NITEMS(cases); i++) {
		memset(&c, 0, sizeof(c));
		c.personal = cases[i].personal;
		c.state = cases[i].gov;
		c.province = cases[i].province;
		c.preapprovals = cases[i].preapprovals;
		c.domain_ascii = "example.com";
		c.domain_unicode = "example.com";
		warn = json_array();
		name_rules_check(r, &c, cases[i].name, &error, warn);
		if (cases[i].error == NULL)
			check_row(error == NULL, i, cases[i].name);
		else
			check_row(error != NULL &&
			    strcmp(error, cases[i].error) == 0, i, cases[i].name);
		check_row(json_array_size(warn) == cases[i].warnings, i,
		    cases[i].name);
		json_decref(warn);
	}
	json_decref(r);
}

/* The registry of keys: every name found, scopes as the tables have them. */
static void
test_rule_keys(void **state)
{
	struct rules	 r;
	enum rule_key	 k;
	json_t		*j;
	size_t		 i;

	(void)state;
	for (i = 0; i < RK__MAX; i++) {
		assert_true(rule_key_find(rule_key_name((enum rule_key)i), &k));
		assert_int_equal(k, i);
	}
	assert_false(rule_key_find("owner_min_agee", &k));
	assert_false(rule_key_find(NULL, &k));
	assert_string_equal(rule_key_name(RK_ORDER_TTL_DAYS), "order_ttl_days");
	assert_int_equal(rule_key_scope(RK_ORDER_TTL_DAYS), RS_SETTING);
	assert_int_equal(rule_key_scope(RK_OWNER_MIN_AGE), RS_PROVINCE);
	assert_string_equal(rule_key_name(RK__MAX), "");

	/* Only the province rules with a row reach the API's object. */
	memset(&r, 0, sizeof(r));
	r.v[RK_OWNER_MIN_AGE].value = 16;
	r.v[RK_OWNER_MIN_AGE].message = xstrdup("广东：16");
	memcpy(r.v[RK_OWNER_MIN_AGE].province, "440000", 7);
	r.v[RK_ORDER_TTL_DAYS].value = 45;
	memcpy(r.v[RK_ORDER_TTL_DAYS].province, "000000", 7);
	r.v[RK_EMERGENCY_DIFFERS].value = 1;	/* the registry's default */
	assert_int_equal(rule_value(&r, RK_OWNER_MIN_AGE), 16);
	assert_string_equal(rule_message(&r, RK_OWNER_MIN_AGE), "广东：16");
	assert_string_equal(rule_message(&r, RK_EMERGENCY_DIFFERS), "");
	j = rules_province_json(&r);
	assert_int_equal(json_object_size(j), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j,
	    "owner_min_age"), "value")), 16);
	json_decref(j);
	rules_free(&r);
	rules_free(&r);
	rules_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_rules),
		cmocka_unit_test(test_rule_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
