/* The registry of rule keys and the rules in force. */
#include "unit.h"

#include "lib/rules.h"
#include "lib/util.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

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
		cmocka_unit_test(test_rule_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
