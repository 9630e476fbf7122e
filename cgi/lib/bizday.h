/*
 * Business days: Monday to Friday, minus public holidays, plus the
 * weekend days worked instead (调休), all from the holiday table.  Dates
 * are China dates as YYYYMMDD integers.
 */
#ifndef BEIAN_BIZDAY_H
#define BEIAN_BIZDAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "rules.h"

struct	bizday_cal {
	size_t		 n;
	struct {
		int64_t	 ymd;
		bool	 workday;
	}		 day[128];	/* sorted by ymd */
};

/* The listed days from from_ymd to to_ymd (at most 128 of them). */
enum app_err	 bizday_load(struct db *, int64_t from_ymd, int64_t to_ymd,
			struct bizday_cal *);
/* Add one listed day (for tests and for bizday_load). */
bool		 bizday_add_listed(struct bizday_cal *, int64_t ymd,
			bool workday);

/* 0 Sunday .. 6 Saturday; -1 when ymd is no date. */
int		 bizday_weekday(int64_t ymd);
bool		 bizday_is(const struct bizday_cal *, int64_t ymd);
/* The n-th business day after ymd (n >= 1). */
int64_t		 bizday_after(const struct bizday_cal *, int64_t ymd, int n);

/* How many business days after from, up to to (0 when to <= from). */
int64_t		 bizday_between(const struct bizday_cal *, int64_t from,
			int64_t to);

/*
 * When a stage started at unix time `start` and takes n business days:
 * hour:00 China time on the n-th business day after the start's date,
 * as unix time.
 */
int64_t		 bizday_due(const struct bizday_cal *, int64_t start, int n,
			int hour);
/* The China date of a unix time. */
int64_t		 bizday_china_date(int64_t unix_time);

/*
 * When a review the provider owes is due if it starts at now: the
 * setting sla's business days on, at the review_due_hour (China time).
 */
enum app_err	 bizday_review_due(struct db *, int64_t now, enum rule_key sla,
			int64_t *due);

#endif
