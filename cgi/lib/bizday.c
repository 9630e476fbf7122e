/*
 * Business days (see bizday.h).  The calendar is loaded per request for
 * the few weeks a due date can reach, so an operator's new holiday row
 * counts at once.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bizday.h"
#include "filing.h"
#include "stmts.h"
#include "util.h"

#define CHINA_OFFSET	(8 * 3600)

static bool
ymd_tm(int64_t ymd, struct tm *tm)
{
	int64_t	 y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;

	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = (int)y - 1900;
	tm->tm_mon = (int)m - 1;
	tm->tm_mday = (int)d;
	tm->tm_hour = 12;
	return true;
}

static int64_t
tm_ymd(const struct tm *tm)
{
	return (int64_t)(tm->tm_year + 1900) * 10000 + (tm->tm_mon + 1) * 100 +
	    tm->tm_mday;
}

int
bizday_weekday(int64_t ymd)
{
	struct tm	 tm;
	time_t		 t;

	if (!ymd_tm(ymd, &tm))
		return -1;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	return tm.tm_wday;
}

static int64_t
next_day(int64_t ymd)
{
	struct tm	 tm;
	time_t		 t;

	if (!ymd_tm(ymd, &tm))
		return ymd;
	tm.tm_mday++;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	return tm_ymd(&tm);
}

bool
bizday_add_listed(struct bizday_cal *c, int64_t ymd, bool workday)
{
	size_t	 i;

	if (c->n >= sizeof(c->day) / sizeof(c->day[0]))
		return false;
	for (i = c->n; i > 0 && c->day[i - 1].ymd > ymd; i--)
		c->day[i] = c->day[i - 1];
	c->day[i].ymd = ymd;
	c->day[i].workday = workday;
	c->n++;
	return true;
}

bool
bizday_is(const struct bizday_cal *c, int64_t ymd)
{
	size_t	 i;
	int	 wd;

	for (i = 0; i < c->n; i++)
		if (c->day[i].ymd == ymd)
			return c->day[i].workday;
	wd = bizday_weekday(ymd);
	return wd >= 1 && wd <= 5;
}

int64_t
bizday_after(const struct bizday_cal *c, int64_t ymd, int n)
{
	int	 guard = 0;

	/* No calendar has a year without business days. */
	while (n > 0 && guard++ < 366 * 4) {
		ymd = next_day(ymd);
		if (bizday_is(c, ymd))
			n--;
	}
	return ymd;
}

int64_t
bizday_between(const struct bizday_cal *c, int64_t from, int64_t to)
{
	int64_t	 n = 0;
	int	 guard = 0;

	while (from < to && guard++ < 366 * 4) {
		from = next_day(from);
		n += bizday_is(c, from);
	}
	return n;
}

int64_t
bizday_china_date(int64_t unix_time)
{
	struct tm	 tm;
	time_t		 t = (time_t)(unix_time + CHINA_OFFSET);

	gmtime_r(&t, &tm);
	return tm_ymd(&tm);
}

int64_t
bizday_due(const struct bizday_cal *c, int64_t start, int n, int hour)
{
	struct tm	 tm;
	int64_t		 day;

	day = bizday_after(c, bizday_china_date(start), n < 1 ? 1 : n);
	if (!ymd_tm(day, &tm))
		return start;
	tm.tm_hour = hour < 0 || hour > 23 ? 18 : hour;
	return (int64_t)timegm(&tm) - CHINA_OFFSET;
}

static enum app_err
day_row(const struct db_row *row, void *arg)
{
	int64_t	 ymd;

	/* 128 listed days never fit in the weeks a due date reaches. */
	if (str_to_i64(db_row_str(row, COL_HOLIDAYS_YMD), 19000101, 99991231, &ymd))
		(void)bizday_add_listed(arg, ymd, db_row_int(row, COL_HOLIDAYS_WORKDAY) != 0);
	return APP_OK;
}

enum app_err
bizday_load(struct db *db, int64_t from_ymd, int64_t to_ymd,
    struct bizday_cal *c)
{
	char		 from[64], to[64];
	struct db_arg	 a[2];

	memset(c, 0, sizeof(*c));
	snprintf(from, sizeof(from), "%04lld-%02lld-%02lld",
	    (long long)(from_ymd / 10000), (long long)(from_ymd / 100 % 100),
	    (long long)(from_ymd % 100));
	snprintf(to, sizeof(to), "%04lld-%02lld-%02lld",
	    (long long)(to_ymd / 10000), (long long)(to_ymd / 100 % 100),
	    (long long)(to_ymd % 100));
	a[0] = DB_S(from);
	a[1] = DB_S(to);
	return db_query(db, STMT_HOLIDAYS, a, 2, day_row, c);
}

enum app_err
bizday_review_due(struct db *db, int64_t now, enum rule_key sla,
    int64_t *due)
{
	struct bizday_cal	 cal;
	int64_t			 today = bizday_china_date(now), days, hour;
	enum app_err		 er;

	/* The registry bounds both: 1-30 business days, hour 0-23. */
	if ((er = rule_setting(db, now, sla, &days)) != APP_OK ||
	    (er = rule_setting(db, now, RK_REVIEW_DUE_HOUR, &hour)) != APP_OK)
		return er;
	/* Listed days from today over the next 90: more than any SLA. */
	if ((er = bizday_load(db, today, site_date_add(today, 90), &cal)) !=
	    APP_OK)
		return er;
	*due = bizday_due(&cal, now, (int)days, (int)hour);
	return APP_OK;
}
