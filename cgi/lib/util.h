/*
 * Memory, growable buffers and strict number parsing.  Allocation failure
 * aborts: a worker that lost half a request is worse than one that the
 * supervisor restarts.
 */
#ifndef BEIAN_UTIL_H
#define BEIAN_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

struct	buf {
	char	*p;		/* always NUL-terminated when non-NULL */
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT	{ NULL, 0, 0 }

/* Heap strings a struct owns beside those it borrows. */
struct	strs {
	char	**v;
	size_t	  n;
};

/* Keep s (heap, taken over); s. */
const char	*strs_keep(struct strs *, char *s);
void		 strs_free(struct strs *);

void	 buf_append(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
		__attribute__((format(printf, 2, 3)));
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);

/*
 * Parse a whole string as a decimal integer in [min, max]: no sign
 * games, no leading spaces, no trailing junk (atoi() and friends accept
 * all of these).
 */
bool	 str_to_i64(const char *, int64_t min, int64_t max, int64_t *);

/*
 * The process's clock: unix time plus the configuration's clock_offset
 * (0 but in tests), set once at start.  Every "now" of beian is this.
 */
void	 clock_set_offset(int64_t);
int64_t	 clock_now(void);

/* Lower-case hex of sz bytes into out, which has room for 2*sz+1. */
void	 hex_encode(const unsigned char *, size_t, char *out);

/* True when s[0..sz) is well-formed UTF-8 without NUL bytes. */
bool	 utf8_valid(const char *, size_t);

/* Constant-time equality of two NUL-terminated strings' contents. */
bool	 str_ct_equal(const char *, const char *);

#endif
