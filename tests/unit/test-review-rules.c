/*
 * What a rejection unlocks (review-rules.c): which fields a reviewer may
 * name, what an open item lets the applicant change, which changes stay
 * locked, and which documents an edit makes stale.
 */
#include "unit.h"

#include "lib/review-rules.h"

#include "fixture.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static void
set_str(char **p, const char *s)
{
	free(*p);
	*p = xstrdup(s);
}

static void
test_refused(void **state)
{
	(void)state;
	assert_null(review_field_refused("name", true));
	assert_null(review_field_refused("owner", true));
	assert_null(review_field_refused("owner.mobile", false));
	assert_non_null(strstr(review_field_refused("owner.mobile", true),
	    "主体负责人"));
	assert_null(review_field_refused("owner.emergency_phone", true));
	assert_string_equal(review_field_refused("service_number", false),
	    "本订单没有这个网站或字段");
	assert_string_equal(review_field_refused("owner.same_as_leader",
	    false), "本订单没有这个网站或字段");
	assert_string_equal(review_field_refused("owner.shoe", false),
	    "本订单没有这个网站或字段");
	assert_non_null(review_field_at(0));
	assert_null(review_field_at(17));
	assert_true(review_field_find("owner")->summary);
}

static void
test_may_change(void **state)
{
	static const struct {
		const char	*label;
		const char	*item_field;	/* NULL: an upload item */
		const char	*item_kind;
		int64_t		 wid;
		const char	*field;		/* NULL: an upload slot */
		const char	*kind;
		bool		 ok;
	} v[] = {
		{ "the field named", "websites.12.name", NULL, 12, "name", NULL,
		  true },
		{ "another field", "websites.12.name", NULL, 12, "domain", NULL,
		  false },
		{ "another website's", "websites.12.name", NULL, 13, "name",
		  NULL, false },
		{ "the owner: each part", "websites.12.owner", NULL, 12,
		  "owner.id_number", NULL, true },
		{ "the owner: the flag", "websites.12.owner", NULL, 12,
		  "owner.same_as_leader", NULL, true },
		{ "the owner: the scans", "websites.12.owner", NULL, 12, NULL,
		  "owner_id_front", true },
		{ "the owner: not the domain certificate", "websites.12.owner",
		  NULL, 12, NULL, "domain_certificate", false },
		{ "the domain: the homepage", "websites.12.domain", NULL, 12,
		  "homepage_url", NULL, true },
		{ "the homepage alone: not the domain", "websites.12.homepage_url",
		  NULL, 12, "domain", NULL, false },
		{ "an upload: its slot", NULL, "verification_form", 12, NULL,
		  "verification_form", true },
		{ "an upload: another website's slot", NULL,
		  "verification_form", 13, NULL, "verification_form", false },
		{ "an upload: not a field", NULL, "verification_form", 12,
		  "name", NULL, false },
	};
	struct filing	 f;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(v); i++) {
		fx_filing(&f, true);
		fx_item(&f, "R2", v[i].item_field, v[i].item_field == NULL ?
		    40 : 0, 12, v[i].item_kind, NULL);
		check_row(review_may_change(f.items, f.nitems, v[i].wid,
		    v[i].field, v[i].kind) == v[i].ok, i, v[i].label);
		filing_free(&f);
	}
	assert_false(review_may_change(NULL, 0, 12, "name", NULL));
}

static void
test_locked_changes(void **state)
{
	struct filing	 f;
	struct website	*before, *after;
	const char	*keys[8];
	size_t		 n;

	(void)state;
	fx_filing(&f, true);
	fx_website(&f, 12, "example.cn");
	fx_website(&f, 12, "example.cn");
	/* fx_website() grows the array: take the pointers after. */
	before = &f.w[0];
	after = &f.w[1];
	fx_item(&f, "R2", "websites.12.name", 0, 12, NULL, NULL);
	set_str(&after->name, "王五的风光摄影");
	assert_int_equal(review_locked_changes(f.items, f.nitems, before,
	    after, keys, NITEMS(keys)), 0);
	set_str(&after->remark, "新的备注");
	after->content_bits = 64;
	n = review_locked_changes(f.items, f.nitems, before, after, keys,
	    NITEMS(keys));
	assert_int_equal(n, 2);
	assert_string_equal(keys[0], "content_types");
	assert_string_equal(keys[1], "remark");
	/* At most max. */
	assert_int_equal(review_locked_changes(f.items, f.nitems, before,
	    after, keys, 1), 1);
	filing_free(&f);
}

static void
test_stale(void **state)
{
	struct filing	 f;
	struct website	*w, *next;
	struct site_in	 in;
	struct site_out	 o;
	char		 id[19];
	unsigned	 got;
	int		 i;

	(void)state;
	for (i = 0; i < 5; i++) {
		fx_filing(&f, true);
		fx_website(&f, 12, "example.cn");
		fx_website(&f, 13, "example.cn");
		w = &f.w[0];
		next = &f.w[1];
		switch (i) {
		case 0:		/* nothing */
			break;
		case 1:		/* another person in place of the leader */
			fx_owner(next, "李四", fx_id(id, "330106", "19850505",
			    "456"), "13900000002", "lisi@example.com");
			break;
		case 2:		/* the leader's ID, one digit corrected */
			fx_owner(w, "李四", fx_id(id, "330106", "19850505",
			    "456"), "13900000002", "lisi@example.com");
			fx_owner(next, "李四", fx_id(id, "330106", "19850505",
			    "457"), "13900000002", "lisi@example.com");
			break;
		case 3:		/* another domain */
			set_str(&next->domain, "example.com");
			break;
		case 4:		/* both */
			set_str(&next->domain, "example.com");
			fx_owner(next, "李四", fx_id(id, "330106", "19850505",
			    "456"), "13900000002", "lisi@example.com");
			break;
		}
		site_in_of(&in, next);
		memset(&o, 0, sizeof(o));
		site_keys(&f, &in, &o);
		got = review_stale(w, &in, &o);
		switch (i) {
		case 0:
		case 2:
			assert_int_equal(got, 0);
			break;
		case 1:
			assert_int_equal(got, STALE_OWNER);
			break;
		case 3:
			assert_int_equal(got, STALE_DOMAIN);
			break;
		case 4:
			assert_int_equal(got, STALE_OWNER | STALE_DOMAIN);
			break;
		}
		site_in_free(&in);
		site_out_free(&o);
		filing_free(&f);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_may_change),
		cmocka_unit_test(test_locked_changes),
		cmocka_unit_test(test_stale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
