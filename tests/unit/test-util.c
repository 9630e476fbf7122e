/* cgi/lib/util.c: strict integers, UTF-8, hex, buffers. */
#include "unit.h"

#include "lib/util.h"

static const struct {
	const char	*in;
	int64_t		 min, max;
	bool		 ok;
	int64_t		 want;
} i64_cases[] = {
	{ "0", 0, 100, true, 0 },
	{ "42", 0, 100, true, 42 },
	{ "100", 0, 100, true, 100 },		/* max is inclusive */
	{ "101", 0, 100, false, 0 },
	{ "10", 10, 20, true, 10 },		/* min is inclusive */
	{ "9", 10, 20, false, 0 },
	{ "-1", -10, 10, true, -1 },
	{ "-1", 0, 10, false, 0 },		/* below min */
	{ "-10", -10, 10, true, -10 },
	{ "-11", -10, 10, false, 0 },
	{ "9223372036854775807", INT64_MIN, INT64_MAX, true, INT64_MAX },
	{ "-9223372036854775808", INT64_MIN, INT64_MAX, true, INT64_MIN },
	{ "9223372036854775808", INT64_MIN, INT64_MAX, false, 0 },
	{ "-9223372036854775809", INT64_MIN, INT64_MAX, false, 0 },
	{ "99999999999999999999", INT64_MIN, INT64_MAX, false, 0 },
	{ "", 0, 100, false, 0 },
	{ "-", 0, 100, false, 0 },
	{ "--1", -10, 10, false, 0 },
	{ "+1", 0, 100, false, 0 },		/* no sign games */
	{ "+", 0, 100, false, 0 },
	{ " 1", 0, 100, false, 0 },		/* strtoll skips this */
	{ "\t1", 0, 100, false, 0 },
	{ "\n1", 0, 100, false, 0 },
	{ "1 ", 0, 100, false, 0 },
	{ "1\n", 0, 100, false, 0 },
	{ "1a", 0, 100, false, 0 },
	{ "12abc", 0, 100, false, 0 },
	{ "0x10", 0, 100, false, 0 },
	{ "1e3", 0, 10000, false, 0 },
	{ "1.0", 0, 100, false, 0 },
	{ "- 1", -10, 10, false, 0 },
	{ "１", 0, 100, false, 0 },		/* fullwidth digit */
};

static void
test_str_to_i64(void **state)
{
	size_t	 i;
	int64_t	 v;

	(void)state;
	for (i = 0; i < nitems(i64_cases); i++) {
		v = 777;
		check_row(str_to_i64(i64_cases[i].in, i64_cases[i].min,
		    i64_cases[i].max, &v) == i64_cases[i].ok, i,
		    i64_cases[i].in);
		if (i64_cases[i].ok)
			check_row(v == i64_cases[i].want, i, i64_cases[i].in);
		else	/* the output is left alone on failure */
			check_row(v == 777, i, i64_cases[i].in);
	}
	v = 777;
	assert_false(str_to_i64(NULL, 0, 100, &v));
	assert_int_equal(v, 777);
}

static const struct {
	const char	*name;
	const char	*in;
	size_t		 sz;		/* 0: strlen(in) */
	bool		 ok;
} utf8_cases[] = {
	{ "empty", "", 0, true },
	{ "ascii", "hello, world", 0, true },
	{ "DEL", "\x7f", 0, true },
	{ "chinese", "中文", 0, true },
	{ "chinese bytes", "\xe4\xb8\xad\xe6\x96\x87", 0, true },
	{ "e acute", "\xc3\xa9", 0, true },
	{ "U+0080", "\xc2\x80", 0, true },
	{ "U+07FF", "\xdf\xbf", 0, true },
	{ "U+0800", "\xe0\xa0\x80", 0, true },
	{ "U+D7FF", "\xed\x9f\xbf", 0, true },
	{ "U+E000", "\xee\x80\x80", 0, true },
	{ "BOM", "\xef\xbb\xbf", 0, true },
	{ "U+10000", "\xf0\x90\x80\x80", 0, true },
	{ "emoji", "\xf0\x9f\x98\x80", 0, true },
	{ "U+10FFFF", "\xf4\x8f\xbf\xbf", 0, true },
	{ "mixed", "a中b\xf0\x9f\x98\x80" "c", 0, true },
	{ "prefix of 中文", "中文", 3, true },
	{ "truncated 中文", "中文", 4, false },
	{ "truncated 2", "\xc3", 0, false },
	{ "truncated 3/1", "\xe4", 0, false },
	{ "truncated 3/2", "\xe4\xb8", 0, false },
	{ "truncated 4/3", "\xf0\x9f\x98", 0, false },
	{ "truncated then ascii", "\xe4\xb8" "a", 0, false },
	{ "bad continuation", "\xc3\x28", 0, false },
	{ "lone continuation", "\x80", 0, false },
	{ "continuation run", "\xbf\xbf", 0, false },
	{ "overlong /", "\xc0\xaf", 0, false },
	{ "overlong NUL", "\xc0\x80", 0, false },
	{ "overlong C1", "\xc1\xbf", 0, false },
	{ "overlong 3", "\xe0\x80\xaf", 0, false },
	{ "overlong 3 max", "\xe0\x9f\xbf", 0, false },
	{ "overlong 4", "\xf0\x80\x80\xaf", 0, false },
	{ "overlong 4 max", "\xf0\x8f\xbf\xbf", 0, false },
	{ "surrogate D800", "\xed\xa0\x80", 0, false },
	{ "surrogate DBFF", "\xed\xaf\xbf", 0, false },
	{ "surrogate DC00", "\xed\xb0\x80", 0, false },
	{ "surrogate DFFF", "\xed\xbf\xbf", 0, false },
	{ "surrogate pair", "\xed\xa0\xbd\xed\xb8\x80", 0, false },
	{ "U+110000", "\xf4\x90\x80\x80", 0, false },
	{ "F5 lead", "\xf5\x80\x80\x80", 0, false },
	{ "F7 lead", "\xf7\xbf\xbf\xbf", 0, false },
	{ "5-byte form", "\xf8\x88\x80\x80\x80", 0, false },
	{ "6-byte form", "\xfc\x84\x80\x80\x80\x80", 0, false },
	{ "FE", "\xfe", 0, false },
	{ "FF", "\xff", 0, false },
	{ "embedded NUL", "a\0b", 3, false },
	{ "leading NUL", "\0", 1, false },
	{ "NUL as continuation", "\xc3\0", 2, false },
};

static void
test_utf8_valid(void **state)
{
	size_t	 i, sz;
	char	*in;

	(void)state;
	for (i = 0; i < nitems(utf8_cases); i++) {
		sz = utf8_cases[i].sz != 0 ? utf8_cases[i].sz :
		    strlen(utf8_cases[i].in);
		in = dup_exact(utf8_cases[i].in, sz);
		check_row(utf8_valid(in, sz) == utf8_cases[i].ok, i,
		    utf8_cases[i].name);
		free(in);
	}
}

static void
test_hex_encode(void **state)
{
	static const unsigned char	 in[] = {
		0x00, 0x01, 0x0f, 0x10, 0x7f, 0x80, 0xab, 0xff
	};
	char				 out[2 * sizeof(in) + 2];

	(void)state;
	memset(out, 'X', sizeof(out));
	hex_encode(in, sizeof(in), out);
	assert_string_equal(out, "00010f107f80abff");
	assert_int_equal(out[2 * sizeof(in) + 1], 'X');	/* no overrun */

	memset(out, 'X', sizeof(out));
	hex_encode(in, 0, out);
	assert_string_equal(out, "");
	assert_int_equal(out[1], 'X');
}

static const struct {
	const char	*a, *b;
	bool		 eq;
} ct_cases[] = {
	{ "", "", true },
	{ "a", "a", true },
	{ "0123456789abcdef", "0123456789abcdef", true },
	{ "中文", "中文", true },
	{ "a", "b", false },
	{ "abc", "abd", false },
	{ "xbc", "abc", false },
	{ "abc", "ab", false },
	{ "ab", "abc", false },
	{ "", "a", false },
	{ "a", "", false },
	{ "ABC", "abc", false },
};

static void
test_str_ct_equal(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < nitems(ct_cases); i++)
		check_row(str_ct_equal(ct_cases[i].a, ct_cases[i].b) ==
		    ct_cases[i].eq, i, ct_cases[i].a);
}

static void
test_buf_basics(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	/* An empty append still leaves a NUL-terminated string. */
	buf_append(&b, "", 0);
	assert_non_null(b.p);
	assert_string_equal(b.p, "");
	assert_int_equal(b.len, 0);

	buf_puts(&b, "abc");
	buf_append(&b, "de\0f", 4);		/* binary-safe */
	assert_int_equal(b.len, 7);
	assert_memory_equal(b.p, "abcde\0f", 8);	/* and terminated */
	buf_printf(&b, "%d-%s", -12, "x");
	assert_int_equal(b.len, 12);
	assert_memory_equal(b.p + 7, "-12-x", 6);
	buf_printf(&b, "%s", "");
	assert_int_equal(b.len, 12);
	assert_true(b.cap >= b.len + 1);

	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_non_null(b.p);
	assert_string_equal(b.p, "");
	buf_puts(&b, "again");
	assert_string_equal(b.p, "again");

	buf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	buf_free(&b);				/* twice is fine */
	buf_free(NULL);
	buf_reset(&b);				/* on an empty buffer */
	assert_null(b.p);

	/* printf into a fresh buffer */
	buf_printf(&b, "%s", "");
	assert_non_null(b.p);
	assert_string_equal(b.p, "");
	buf_free(&b);
}

static void
test_buf_growth(void **state)
{
	struct buf	 b = BUF_INIT, c = BUF_INIT;
	char		*big, want[16];
	size_t		 i, n = 20000;	/* 6 bytes each: 120 KB */

	(void)state;
	for (i = 0; i < n; i++)
		buf_printf(&b, "%05zu|", i);
	assert_int_equal(b.len, 6 * n);
	assert_true(b.cap > b.len);
	assert_int_equal(strlen(b.p), b.len);
	for (i = 0; i < n; i += 997) {
		snprintf(want, sizeof(want), "%05zu|", i);
		check_row(memcmp(b.p + 6 * i, want, 6) == 0, i, want);
	}
	assert_memory_equal(b.p + 6 * (n - 1), "19999|", 7);

	/* One append far larger than the doubling step. */
	big = malloc(300 * 1024);
	assert_non_null(big);
	for (i = 0; i < 300 * 1024; i++)
		big[i] = (char)('a' + i % 26);
	buf_append(&c, "<", 1);
	buf_append(&c, big, 300 * 1024);
	buf_append(&c, big, 100 * 1024);
	assert_int_equal(c.len, 1 + 400 * 1024);
	assert_int_equal(c.p[0], '<');
	assert_memory_equal(c.p + 1, big, 300 * 1024);
	assert_memory_equal(c.p + 1 + 300 * 1024, big, 100 * 1024);
	assert_int_equal(c.p[c.len], '\0');

	/* A printf of 100 KB in one call. */
	buf_reset(&c);
	big[150 * 1024] = '\0';
	buf_printf(&c, "[%s]", big);
	assert_int_equal(c.len, 150 * 1024 + 2);
	assert_int_equal(c.p[0], '[');
	assert_int_equal(c.p[c.len - 1], ']');
	assert_memory_equal(c.p + 1, big, 150 * 1024);

	free(big);
	buf_free(&b);
	buf_free(&c);
}

static void
test_xalloc(void **state)
{
	char	*s;
	int	*v;

	(void)state;
	s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
	s = xstrndup("ab", 0);
	assert_string_equal(s, "");
	free(s);
	s = xstrdup("中文");
	assert_string_equal(s, "中文");
	free(s);

	v = xcalloc(4, sizeof(*v));
	assert_int_equal(v[0] | v[1] | v[2] | v[3], 0);
	v = xreallocarray(v, 1000, sizeof(*v));
	v[999] = 7;
	assert_int_equal(v[999], 7);
	free(v);
	/* Zero sizes give a valid pointer, not NULL. */
	s = xmalloc(0);
	assert_non_null(s);
	free(s);
	s = xcalloc(0, 0);
	assert_non_null(s);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_str_to_i64),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_hex_encode),
		cmocka_unit_test(test_str_ct_equal),
		cmocka_unit_test(test_buf_basics),
		cmocka_unit_test(test_buf_growth),
		cmocka_unit_test(test_xalloc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
