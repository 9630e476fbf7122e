/*
 * Times and business days: the API's ISO times as the pages print them,
 * and due dates over any calendar of listed days.  Input: an ISO time,
 * a NUL, then pairs of bytes (day offset, workday) listing days after a
 * start date, and one byte for how many business days to count.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lib/bizday.h"
#include "lib/filing.h"
#include "lib/view.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	struct bizday_cal	 cal;
	struct buf		 b = BUF_INIT;
	const uint8_t		*nul;
	char			*iso;
	size_t			 n, i;
	int64_t			 t, start = 1795762800, due, day;
	int			 count;

	nul = memchr(data, '\0', sz);
	n = nul != NULL ? (size_t)(nul - data) : sz;
	if ((iso = malloc(n + 1)) == NULL)
		abort();
	memcpy(iso, data, n);
	iso[n] = '\0';
	if (view_iso_time(iso, &t))
		assert(strlen(iso) == 20);
	view_china_time(&b, iso, start, (n & 1) != 0);
	assert(b.len > 0);
	buf_free(&b);
	free(iso);

	memset(&cal, 0, sizeof(cal));
	count = 1;
	if (nul != NULL) {
		data = nul + 1;
		sz -= n + 1;
		if (sz > 0) {
			count = 1 + data[0] % 10;
			data++;
			sz--;
		}
		for (i = 0; i + 1 < sz; i += 2)
			(void)bizday_add_listed(&cal, site_date_add(20261127,
			    1 + data[i] % 200), data[i + 1] & 1);
	}
	for (i = 1; i < cal.n; i++)
		assert(cal.day[i - 1].ymd <= cal.day[i].ymd);
	day = bizday_after(&cal, 20261127, count);
	assert(day > 20261127);
	/* 128 listed days cannot close every day: it always ends on one. */
	assert(bizday_is(&cal, day));
	due = bizday_due(&cal, start, count, 18);
	assert(due > start);
	return 0;
}
