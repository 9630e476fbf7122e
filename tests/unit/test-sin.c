/* Filing service numbers: what people type, and what we issue. */
#include "unit.h"

#include "lib/sin.h"

#include <sodium.h>

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* The pattern of sql/002-reference.sql (sin_format row 1). */
static const char *const pattern =
    "^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-"
    "[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$";

static const struct {
	const char	*in;
	bool		 ok;
	const char	*out;
	bool		 format;	/* out matches the pattern */
} cases[] = {
	{ "7K3M-9QXD-2F8H-VW4P", true, "7K3M-9QXD-2F8H-VW4P", true },
	{ "  7k3m-9qxd-2f8h-vw4p  ", true, "7K3M-9QXD-2F8H-VW4P", true },
	{ "7K3M 9QXD", true, "7K3M9QXD", false },
	{ "7K3M-9QXD-2F8H-VW4P\n", true, "7K3M-9QXD-2F8H-VW4P", true },
	/* Full-width letters, digits and hyphen from a Chinese IME. */
	{ "\xef\xbc\x97\xef\xbc\xab" "3M\xef\xbc\x8d" "9QXD-2F8H-VW4P", true,
	  "7K3M-9QXD-2F8H-VW4P", true },
	/* U+3000 ideographic space is dropped. */
	{ "\xe3\x80\x80" "7K3M-9QXD-2F8H-VW4P", true, "7K3M-9QXD-2F8H-VW4P",
	  true },
	/* O reads as 0, I and L as 1 (Crockford). */
	{ "OK3M-9QXD-2F8H-VW4P", true, "0K3M-9QXD-2F8H-VW4P", true },
	{ "7K3M-9QXD-2F8H-VWIL", true, "7K3M-9QXD-2F8H-VW11", true },
	{ "7K3M-9QXD-2F8H-VWU4", true, "7K3M-9QXD-2F8H-VWU4", false },
	{ "ABCD-1234", true, "ABCD-1234", false },
	{ "", false, NULL, false },
	{ "   ", false, NULL, false },
	{ "7K3M_9QXD", false, NULL, false },
	{ "7K3M-9QXD!", false, NULL, false },
	{ "备案服务号", false, NULL, false },
	{ "7K3M-9QXD-2F8H-VW4P-7K3M-9QXD-2F8H-VW4P-XX", false, NULL, false },
	{ "\xef\xbd\x9f", false, NULL, false },		/* U+FF5F, past the range */
	{ "\xef\xbc\x80", false, NULL, false },		/* U+FF00 */
	{ "7K3M\x00" "9QXD", true, "7K3M", false },	/* C string ends there */
};

static void
test_normalise(void **state)
{
	char	 out[SIN_MAX + 1];
	bool	 ok;
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		memset(out, 'x', sizeof(out));
		ok = sin_normalise(cases[i].in, out, sizeof(out));
		check_row(ok == cases[i].ok, i, cases[i].in);
		if (!ok)
			continue;
		check_row(strcmp(out, cases[i].out) == 0, i, cases[i].in);
		check_row(sin_format_match(pattern, out) == cases[i].format, i,
		    cases[i].in);
	}
	assert_false(sin_normalise(NULL, out, sizeof(out)));
	/* A buffer too small refuses instead of cutting. */
	assert_false(sin_normalise("7K3M-9QXD", out, 5));
	assert_true(sin_normalise("7K3M", out, 5));
}

static void
test_format_match(void **state)
{
	(void)state;
	assert_true(sin_format_match(pattern, "0000-0000-0000-0000"));
	assert_true(sin_format_match(pattern, "ZZZZ-YYYY-XXXX-WWWW"));
	assert_false(sin_format_match(pattern, "7K3M-9QXD-2F8H-VW4"));
	assert_false(sin_format_match(pattern, "7K3M-9QXD-2F8H-VW4PP"));
	assert_false(sin_format_match(pattern, "7k3m-9qxd-2f8h-vw4p"));
	assert_false(sin_format_match(pattern, "IIII-0000-0000-0000"));
	assert_false(sin_format_match(pattern, "7K3M9QXD2F8HVW4P"));
	/* A broken pattern in the table matches nothing. */
	assert_false(sin_format_match("^[A-", "A"));
	assert_true(sin_format_match("^[0-9]{4}$", "2026"));
}

/* Typed without hyphens or with spaces: put in the example's shape. */
static void
test_shape(void **state)
{
	static const char *const ex = "7K3M-9QXD-2F8H-VW4P";
	static const struct {
		const char	*typed;
		const char	*out;	/* NULL: refused */
	} rows[] = {
		{ "2he1 f7pf d3ta 6a1w", "2HE1-F7PF-D3TA-6A1W" },
		{ "2HE1F7PFD3TA6A1W", "2HE1-F7PF-D3TA-6A1W" },
		{ "2HE1-F7PFD3-TA6A1W", "2HE1-F7PF-D3TA-6A1W" },
		{ "2HE1F7PFD3TA6A1", NULL },
		{ "2HE1F7PFD3TA6A1WX", NULL },
		{ "", NULL },
	};
	char	 norm[SIN_MAX + 1], out[SIN_MAX + 1];
	bool	 ok;
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(rows); i++) {
		ok = sin_normalise(rows[i].typed, norm, sizeof(norm)) &&
		    sin_shape(norm, ex, out, sizeof(out));
		check_row(ok == (rows[i].out != NULL), i, rows[i].typed);
		if (ok) {
			check_row(strcmp(out, rows[i].out) == 0, i, rows[i].typed);
			check_row(sin_format_match(pattern, out), i,
			    rows[i].typed);
		}
	}
	/* Too small a buffer refuses instead of cutting. */
	assert_false(sin_shape("2HE1F7PFD3TA6A1W", ex, out, 19));
	assert_true(sin_shape("2HE1F7PFD3TA6A1W", ex, out, 20));
	assert_false(sin_shape(NULL, ex, out, sizeof(out)));
}

static void
test_generate(void **state)
{
	char	 a[SIN_NEW_LEN + 1], b[SIN_NEW_LEN + 1];
	int	 i, seen[256];
	size_t	 k;

	(void)state;
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < 2000; i++) {
		sin_generate(a);
		assert_int_equal(strlen(a), SIN_NEW_LEN);
		assert_true(sin_format_match(pattern, a));
		for (k = 0; k < SIN_NEW_LEN; k++)
			seen[(unsigned char)a[k]]++;
	}
	/* All 32 symbols come up; none of the confusable ones do. */
	for (k = 0; k < sizeof("0123456789ABCDEFGHJKMNPQRSTVWXYZ") - 1; k++)
		assert_true(seen[(unsigned char)
		    "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[k]] > 0);
	assert_int_equal(seen['I'] + seen['L'] + seen['O'] + seen['U'], 0);
	sin_generate(a);
	sin_generate(b);
	assert_string_not_equal(a, b);
}

static int
setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_format_match),
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_generate),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
