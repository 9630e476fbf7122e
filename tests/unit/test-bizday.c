/* Business days across weekends, holidays and 调休 workdays. */
#include "unit.h"

#include "lib/bizday.h"

/* The 2026 rows of sql/008 that the cases below cross. */
static void
cal_2026(struct bizday_cal *c)
{
	static const int64_t rest[] = { 20260101, 20260102, 20260103,
	    20260215, 20260216, 20260217, 20260218, 20260219, 20260220,
	    20260221, 20260222, 20260223, 20261001, 20261002, 20261003,
	    20261004, 20261005, 20261006, 20261007 };
	static const int64_t work[] = { 20260104, 20260214, 20260228,
	    20260920, 20261010 };
	size_t	 i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < sizeof(rest) / sizeof(rest[0]); i++)
		assert_true(bizday_add_listed(c, rest[i], false));
	for (i = 0; i < sizeof(work) / sizeof(work[0]); i++)
		assert_true(bizday_add_listed(c, work[i], true));
}

static void
test_weekday(void **state)
{
	(void)state;
	assert_int_equal(bizday_weekday(20261128), 6);	/* Saturday */
	assert_int_equal(bizday_weekday(20261130), 1);
	assert_int_equal(bizday_weekday(20240229), 4);
	assert_int_equal(bizday_weekday(20261332), -1);
	assert_int_equal(bizday_weekday(0), -1);
}

static void
test_after(void **state)
{
	static const struct {
		int64_t	 from;
		int	 n;
		int64_t	 want;
		const char *why;
	} rows[] = {
		{ 20261125, 1, 20261126, "Wednesday to Thursday" },
		{ 20261127, 1, 20261130, "Friday: over the weekend" },
		{ 20261128, 1, 20261130, "Saturday" },
		{ 20261129, 1, 20261130, "Sunday" },
		{ 20261127, 3, 20261202, "three from Friday" },
		{ 20260930, 1, 20261008, "National Day week" },
		{ 20260930, 3, 20261010, "调休 Saturday counts" },
		{ 20260213, 1, 20260214, "Spring Festival 调休 Saturday" },
		{ 20260214, 1, 20260224, "over Spring Festival" },
		{ 20251231, 1, 20260104, "New Year, then a worked Sunday" },
		{ 20260227, 1, 20260228, "worked Saturday after Spring Festival" },
	};
	struct bizday_cal	 c;
	size_t			 i;

	(void)state;
	cal_2026(&c);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		check_row(bizday_after(&c, rows[i].from, rows[i].n) ==
		    rows[i].want, i, rows[i].why);
}

static void
test_due(void **state)
{
	struct bizday_cal	 c;
	/* 2026-11-27 15:00 China = 07:00 UTC */
	int64_t			 fri = 1795762800;

	(void)state;
	cal_2026(&c);
	assert_int_equal(bizday_china_date(fri), 20261127);
	/* Monday 18:00 China = 10:00 UTC */
	assert_int_equal(bizday_due(&c, fri, 1, 18), 1796032800);
	/* 23:30 Thursday China (15:30 UTC) is still Thursday. */
	assert_int_equal(bizday_china_date(1795707000), 20261126);
	/* 00:30 Friday China is Thursday 16:30 UTC: Friday's date. */
	assert_int_equal(bizday_china_date(1795710600), 20261127);
	assert_int_equal(bizday_due(&c, 1795710600, 1, 18), 1796032800);
}

static void
test_listed_order(void **state)
{
	struct bizday_cal	 c;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_true(bizday_add_listed(&c, 20261202, false));
	assert_true(bizday_add_listed(&c, 20261201, false));
	assert_int_equal(c.day[0].ymd, 20261201);
	/* Tuesday and Wednesday off: Monday's next business day is Thursday. */
	assert_int_equal(bizday_after(&c, 20261130, 1), 20261203);
	assert_false(bizday_is(&c, 20261201));
	assert_true(bizday_is(&c, 20261203));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_after),
		cmocka_unit_test(test_due),
		cmocka_unit_test(test_listed_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
