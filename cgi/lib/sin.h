/*
 * Filing service numbers (备案服务号): normalising what people type and
 * making new ones.  Which formats are valid is data (table sin_format);
 * sin_format_match() applies one pattern.
 */
#ifndef BEIAN_SIN_H
#define BEIAN_SIN_H

#include <stdbool.h>
#include <stddef.h>

#define SIN_MAX		40	/* bytes of a normalised number */
#define SIN_NEW_LEN	19	/* XXXX-XXXX-XXXX-XXXX */

/*
 * Trim, drop inner spaces, turn full-width ASCII (from Chinese input
 * methods) into ASCII, upper-case, and read O as 0 and I, L as 1 (the
 * Crockford alphabet has none of them, and screenshots confuse them).
 * False when nothing is left, the result is longer than SIN_MAX, or a
 * character is neither ASCII letter, digit nor '-'.
 */
bool	sin_normalise(const char *, char *out, size_t outsz);

/*
 * A normalised number typed without its hyphens, or with them elsewhere
 * ("2HE1F7PFD3TA6A1W"), in the shape of a format's example
 * ("7K3M-9QXD-2F8H-VW4P"): the same letters and digits with the example's
 * hyphens.  False when the counts differ or out is too small.
 */
bool	sin_shape(const char *norm, const char *example, char *out,
	    size_t outsz);

/* True when s matches the POSIX extended regular expression pattern. */
bool	sin_format_match(const char *pattern, const char *s);

/* A new random number in the format beian issues (sql/002). */
void	sin_generate(char out[SIN_NEW_LEN + 1]);

#endif
