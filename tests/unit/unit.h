/* Common includes for the cmocka unit tests. */
#ifndef BEIAN_UNIT_H
#define BEIAN_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/*
 * An assertion inside a table loop: on failure it names the row (index
 * and label) as well as the condition, since the line alone does not
 * say which vector broke.
 */
#define check_row(cond, i, what) do {					\
	if (!(cond))							\
		fail_msg("%s:%d: row %zu (%s): %s", __FILE__, __LINE__,	\
		    (size_t)(i), (what), #cond);			\
} while (0)

/*
 * A heap copy of exactly sz bytes (no terminator), so that ASan reports
 * a parser that reads past the end; free() it.
 */
static inline char *
dup_exact(const char *s, size_t sz)
{
	char	*p;

	if ((p = malloc(sz == 0 ? 1 : sz)) == NULL)
		abort();
	if (sz > 0)
		memcpy(p, s, sz);
	return p;
}

#endif
