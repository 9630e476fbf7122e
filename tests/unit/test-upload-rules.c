/*
 * What an upload must be (upload-rules.c): its website, its pixels, the
 * quality gate's warnings.
 */
#include "unit.h"

#include "lib/upload-rules.h"

#include "fixture.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_website(void **state)
{
	static const struct {
		bool		 per_website;
		const char	*given;
		const char	*refusal;	/* start of it, or NULL */
		int64_t		 wid;
	} v[] = {
		{ true, "12", NULL, 12 },
		{ true, "0", "请选择这份材料属于哪个网站", 0 },
		{ true, NULL, "请选择这份材料属于哪个网站", 0 },
		{ true, "", "请选择这份材料属于哪个网站", 0 },
		{ true, "-1", "网站编号不正确", 0 },
		{ true, "12a", "网站编号不正确", 0 },
		{ true, "99999999999999999999", "网站编号不正确", 0 },
		{ false, "0", NULL, 0 },
		{ false, NULL, NULL, 0 },
		{ false, "12", NULL, 0 },	/* the order's own, always */
		{ false, "x", "网站编号不正确", 0 },
	};
	struct upload_kind	 k;
	const char		*why;
	int64_t			 wid;
	size_t			 i;

	(void)state;
	memset(&k, 0, sizeof(k));
	for (i = 0; i < NITEMS(v); i++) {
		k.per_website = v[i].per_website;
		why = upload_website(&k, v[i].given, &wid);
		if (v[i].refusal == NULL)
			check_row(why == NULL && wid == v[i].wid, i,
			    v[i].given != NULL ? v[i].given : "(null)");
		else
			check_row(why != NULL && strcmp(why, v[i].refusal) ==
			    0, i, v[i].given != NULL ? v[i].given : "(null)");
	}
}

static void
test_pixels(void **state)
{
	struct upload_kind	 k;
	struct buf		 msg = BUF_INIT;

	(void)state;
	memset(&k, 0, sizeof(k));
	k.name = (char *)"网站备案信息真实性核验单";
	k.min_w = 1100;		/* the longer side */
	k.min_h = 800;		/* the shorter */
	assert_true(upload_big_enough(&k, 800, 1100, &msg));
	assert_true(upload_big_enough(&k, 1100, 800, &msg));
	assert_false(upload_big_enough(&k, 1099, 800, &msg));
	assert_string_equal(msg.p, "图片太小（1099×800 像素），看不清细节。"
	    "网站备案信息真实性核验单至少需要 1100×800 像素，请重新拍摄或扫描。");
	assert_false(upload_big_enough(&k, 2000, 799, &msg));
	buf_free(&msg);
}

static void
test_quality(void **state)
{
	struct filing	 f;
	const char	*w[3];

	(void)state;
	fx_filing(&f, true);
	/* Thresholds of 0: nothing checked. */
	assert_int_equal(upload_quality(&f.rules, 0, 0, w), 0);
	fx_rule(&f, RK_UPLOAD_MIN_BRIGHTNESS, 60, "");
	fx_rule(&f, RK_UPLOAD_MAX_BRIGHTNESS, 235, "");
	fx_rule(&f, RK_UPLOAD_MIN_SHARPNESS, 40, "");
	assert_int_equal(upload_quality(&f.rules, 128, 100, w), 0);
	assert_int_equal(upload_quality(&f.rules, 59.9, 100, w), 1);
	assert_non_null(strstr(w[0], "偏暗"));
	assert_int_equal(upload_quality(&f.rules, 240, 39, w), 2);
	assert_non_null(strstr(w[0], "过亮"));
	assert_non_null(strstr(w[1], "模糊"));
	assert_int_equal(upload_quality(&f.rules, 60, 40, w), 0);
	filing_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_website),
		cmocka_unit_test(test_pixels),
		cmocka_unit_test(test_quality),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
