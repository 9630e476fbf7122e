/* cgi/lib/parse.c: urlencoded, cookies, JSON depth and bodies. */
#include "unit.h"

#include "lib/parse.h"
#include "lib/util.h"

#define MAXP	4

/* Expected pairs, in order; NULL key ends the list. */
struct	pair {
	const char	*key, *val;
	size_t		 valsz;		/* 0: strlen(val) */
};

static const struct {
	const char	*name;
	const char	*in;
	size_t		 sz;		/* 0: strlen(in) */
	enum app_err	 er;
	size_t		 n;		/* pairs in the list after */
	struct pair	 p[MAXP];
} url_cases[] = {
	{ "plain", "a=1&b=2", 0, APP_OK, 2,
	    { { "a", "1", 0 }, { "b", "2", 0 } } },
	{ "empty input", "", 0, APP_OK, 0, { { NULL, NULL, 0 } } },
	{ "plus is space", "q=a+b+%2B&k+1=x", 0, APP_OK, 2,
	    { { "q", "a b +", 0 }, { "k 1", "x", 0 } } },
	{ "escapes", "p=%2F%3f%26%3D%25", 0, APP_OK, 1,
	    { { "p", "/?&=%", 0 } } },
	{ "hex case", "p=%e4%B8%aD", 0, APP_OK, 1, { { "p", "中", 0 } } },
	{ "chinese", "name=%E4%B8%AD%E6%96%87&city=%E5%8C%97%E4%BA%AC", 0,
	    APP_OK, 2, { { "name", "中文", 0 }, { "city", "北京", 0 } } },
	{ "raw utf-8", "name=中文", 0, APP_OK, 1, { { "name", "中文", 0 } } },
	{ "escaped key", "%E5%90%8D=x", 0, APP_OK, 1, { { "名", "x", 0 } } },
	{ "empty value", "a=&b=2", 0, APP_OK, 2,
	    { { "a", "", 0 }, { "b", "2", 0 } } },
	{ "key without =", "flag&b=2", 0, APP_OK, 2,
	    { { "flag", "", 0 }, { "b", "2", 0 } } },
	{ "= in value", "a=b=c", 0, APP_OK, 1, { { "a", "b=c", 0 } } },
	{ "&&", "a=1&&b=2", 0, APP_OK, 2,
	    { { "a", "1", 0 }, { "b", "2", 0 } } },
	{ "leading and trailing &", "&a=1&", 0, APP_OK, 1,
	    { { "a", "1", 0 } } },
	{ "only &", "&&&", 0, APP_OK, 0, { { NULL, NULL, 0 } } },
	{ "duplicates kept", "a=1&a=2&a=", 0, APP_OK, 3,
	    { { "a", "1", 0 }, { "a", "2", 0 }, { "a", "", 0 } } },
	{ "sz bounds the input", "a=1&b=2", 3, APP_OK, 1,
	    { { "a", "1", 0 } } },
	{ "bad escape %zz", "a=%zz", 0, APP_EBADREQ, 0,
	    { { NULL, NULL, 0 } } },
	{ "bad escape %4g", "a=%4g", 0, APP_EBADREQ, 0,
	    { { NULL, NULL, 0 } } },
	{ "short escape %4", "a=%4", 0, APP_EBADREQ, 0,
	    { { NULL, NULL, 0 } } },
	{ "lone %", "a=%", 0, APP_EBADREQ, 0, { { NULL, NULL, 0 } } },
	{ "lone % mid", "a=%&b=1", 0, APP_EBADREQ, 0,
	    { { NULL, NULL, 0 } } },
	{ "bad escape in key", "%zz=1", 0, APP_EBADREQ, 0,
	    { { NULL, NULL, 0 } } },
	{ "%00", "a=x%00y", 0, APP_EBADREQ, 0, { { NULL, NULL, 0 } } },
	{ "%00 in key", "a%00=1", 0, APP_EBADREQ, 0, { { NULL, NULL, 0 } } },
	{ "raw NUL", "a=x\0y", 5, APP_EBADREQ, 0, { { NULL, NULL, 0 } } },
	{ "invalid utf-8", "a=%C3%28", 0, APP_EBADREQ, 0,
	    { { NULL, NULL, 0 } } },
	{ "overlong utf-8", "a=%C0%AF", 0, APP_EBADREQ, 0,
	    { { NULL, NULL, 0 } } },
	{ "surrogate", "a=%ED%A0%80", 0, APP_EBADREQ, 0,
	    { { NULL, NULL, 0 } } },
	{ "truncated utf-8", "a=%E4%B8", 0, APP_EBADREQ, 0,
	    { { NULL, NULL, 0 } } },
	{ "invalid utf-8 key", "%FF=1", 0, APP_EBADREQ, 0,
	    { { NULL, NULL, 0 } } },
	{ "raw invalid utf-8", "a=\xff", 0, APP_EBADREQ, 0,
	    { { NULL, NULL, 0 } } },
	{ "empty key", "=1", 0, APP_EBADREQ, 0, { { NULL, NULL, 0 } } },
	/* The list keeps what was decoded before the error. */
	{ "error after good", "a=1&b=%zz&c=3", 0, APP_EBADREQ, 1,
	    { { "a", "1", 0 } } },
};

static void
check_pairs(const struct kvlist *l, const struct pair *p, size_t n,
    size_t row, const char *name)
{
	size_t	 k, vsz;

	check_row(l->n == n, row, name);
	for (k = 0; k < n && k < l->n; k++) {
		vsz = p[k].valsz != 0 ? p[k].valsz : strlen(p[k].val);
		check_row(strcmp(l->v[k].key, p[k].key) == 0, row, name);
		check_row(l->v[k].valsz == vsz, row, name);
		check_row(memcmp(l->v[k].val, p[k].val, vsz) == 0, row, name);
		check_row(l->v[k].val[vsz] == '\0', row, name);
	}
}

static void
test_urlencoded(void **state)
{
	struct kvlist	 l;
	size_t		 i, sz;
	char		*in;

	(void)state;
	for (i = 0; i < nitems(url_cases); i++) {
		memset(&l, 0, sizeof(l));
		sz = url_cases[i].sz != 0 ? url_cases[i].sz :
		    strlen(url_cases[i].in);
		in = dup_exact(url_cases[i].in, sz);
		check_row(kv_parse_urlencoded(&l, in, sz) ==
		    url_cases[i].er, i, url_cases[i].name);
		free(in);
		check_pairs(&l, url_cases[i].p, url_cases[i].n, i,
		    url_cases[i].name);
		kv_free(&l);
		check_row(l.v == NULL && l.n == 0, i, url_cases[i].name);
	}
}

static void
test_urlencoded_get_count(void **state)
{
	struct kvlist	 l;
	const char	*q = "a=1&b=2&a=3&A=4";

	(void)state;
	memset(&l, 0, sizeof(l));
	assert_int_equal(kv_parse_urlencoded(&l, q, strlen(q)), APP_OK);
	assert_int_equal(kv_count(&l, "a"), 2);
	assert_int_equal(kv_count(&l, "b"), 1);
	assert_int_equal(kv_count(&l, "A"), 1);	/* case-sensitive */
	assert_int_equal(kv_count(&l, "c"), 0);
	assert_string_equal(kv_get(&l, "a"), "1");	/* the first one */
	assert_string_equal(kv_get(&l, "A"), "4");
	assert_null(kv_get(&l, "c"));
	assert_null(kv_get(&l, ""));

	/* A second call appends to the same list. */
	assert_int_equal(kv_parse_urlencoded(&l, "c=5", 3), APP_OK);
	assert_int_equal(l.n, 5);
	assert_string_equal(kv_get(&l, "c"), "5");
	kv_free(&l);
	kv_free(&l);			/* twice is fine */
	kv_free(NULL);
}

/* KV_MAX_FIELDS pairs are fine, one more is a 400. */
static void
test_urlencoded_max_fields(void **state)
{
	struct kvlist	 l;
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	memset(&l, 0, sizeof(l));
	for (i = 0; i < KV_MAX_FIELDS; i++)
		buf_printf(&b, "%sk%zu=%zu", i == 0 ? "" : "&", i, i);
	assert_int_equal(kv_parse_urlencoded(&l, b.p, b.len), APP_OK);
	assert_int_equal(l.n, KV_MAX_FIELDS);
	assert_string_equal(kv_get(&l, "k255"), "255");
	kv_free(&l);

	buf_puts(&b, "&one=more");
	assert_int_equal(kv_parse_urlencoded(&l, b.p, b.len), APP_EBADREQ);
	assert_int_equal(l.n, KV_MAX_FIELDS);	/* what came before */
	assert_null(kv_get(&l, "one"));
	kv_free(&l);

	/* The cap counts pairs already in the list. */
	assert_int_equal(kv_parse_urlencoded(&l, b.p, b.len - 9), APP_OK);
	assert_int_equal(kv_parse_urlencoded(&l, "x=1", 3), APP_EBADREQ);
	kv_free(&l);

	/* Empty segments are not pairs. */
	buf_reset(&b);
	for (i = 0; i < 3 * KV_MAX_FIELDS; i++)
		buf_puts(&b, "&");
	buf_puts(&b, "a=1");
	assert_int_equal(kv_parse_urlencoded(&l, b.p, b.len), APP_OK);
	assert_int_equal(l.n, 1);
	kv_free(&l);
	buf_free(&b);
}

/* A decoded key of KV_MAX_KEY bytes is fine, one more is a 400. */
static void
test_urlencoded_max_key(void **state)
{
	struct kvlist	 l;
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	memset(&l, 0, sizeof(l));
	for (i = 0; i < KV_MAX_KEY; i++)
		buf_puts(&b, "k");
	buf_puts(&b, "=v");
	assert_int_equal(kv_parse_urlencoded(&l, b.p, b.len), APP_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(strlen(l.v[0].key), KV_MAX_KEY);
	kv_free(&l);

	buf_reset(&b);
	for (i = 0; i < KV_MAX_KEY + 1; i++)
		buf_puts(&b, "k");
	buf_puts(&b, "=v");
	assert_int_equal(kv_parse_urlencoded(&l, b.p, b.len), APP_EBADREQ);
	assert_int_equal(l.n, 0);
	kv_free(&l);

	/* The limit is on decoded bytes: 128 escapes decode to 128. */
	buf_reset(&b);
	for (i = 0; i < KV_MAX_KEY; i++)
		buf_puts(&b, "%41");
	assert_int_equal(kv_parse_urlencoded(&l, b.p, b.len), APP_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(strlen(l.v[0].key), KV_MAX_KEY);
	assert_int_equal(l.v[0].key[0], 'A');
	kv_free(&l);

	/* A key without '=' is bounded too. */
	buf_puts(&b, "%41");
	assert_int_equal(kv_parse_urlencoded(&l, b.p, b.len), APP_EBADREQ);
	kv_free(&l);
	buf_free(&b);
}

static const struct {
	const char	*name;
	const char	*in;
	size_t		 sz;		/* 0: strlen(in) */
	size_t		 n;
	struct pair	 p[MAXP];
} cookie_cases[] = {
	{ "plain", "a=1; b=2", 0, 2, { { "a", "1", 0 }, { "b", "2", 0 } } },
	{ "no spaces", "a=1;b=2", 0, 2, { { "a", "1", 0 }, { "b", "2", 0 } } },
	{ "spaces and tabs", "  a = 1 ;\tb\t=\t2\t", 0, 2,
	    { { "a", "1", 0 }, { "b", "2", 0 } } },
	{ "quoted", "a=\"x y\"; b=\"\"", 0, 2,
	    { { "a", "x y", 0 }, { "b", "", 0 } } },
	{ "lone quote", "a=\"", 0, 1, { { "a", "\"", 0 } } },
	{ "half quoted", "a=\"x", 0, 1, { { "a", "\"x", 0 } } },
	{ "not decoded", "a=%41+b", 0, 1, { { "a", "%41+b", 0 } } },
	{ "= in value", "t=a.b=c==", 0, 1, { { "t", "a.b=c==", 0 } } },
	{ "empty value", "a=; b=2", 0, 2, { { "a", "", 0 }, { "b", "2", 0 } } },
	{ "missing =", "junk; a=1; more junk", 0, 1, { { "a", "1", 0 } } },
	{ "empty name", "=x; a=1;  =y", 0, 1, { { "a", "1", 0 } } },
	{ "empty segments", ";;a=1;;", 0, 1, { { "a", "1", 0 } } },
	{ "same name twice", "s=1; s=2", 0, 2,
	    { { "s", "1", 0 }, { "s", "2", 0 } } },
	{ "utf-8 value", "n=中文", 0, 1, { { "n", "中文", 0 } } },
	{ "invalid utf-8 skipped", "n=\xc3\x28; a=1", 0, 1,
	    { { "a", "1", 0 } } },
	{ "NUL in value skipped", "n=x\0y; a=1", 10, 1,
	    { { "a", "1", 0 } } },
	{ "NUL in name skipped", "n\0m=x; a=1", 10, 1,
	    { { "a", "1", 0 } } },
	{ "empty", "", 0, 0, { { NULL, NULL, 0 } } },
	{ "only spaces", "   ", 0, 0, { { NULL, NULL, 0 } } },
};

static void
test_cookies(void **state)
{
	struct kvlist	 l;
	size_t		 i, sz;
	char		*in;

	(void)state;
	for (i = 0; i < nitems(cookie_cases); i++) {
		memset(&l, 0, sizeof(l));
		sz = cookie_cases[i].sz != 0 ? cookie_cases[i].sz :
		    strlen(cookie_cases[i].in);
		in = dup_exact(cookie_cases[i].in, sz);
		check_row(kv_parse_cookies(&l, in, sz) == APP_OK, i,
		    cookie_cases[i].name);
		free(in);
		check_pairs(&l, cookie_cases[i].p, cookie_cases[i].n, i,
		    cookie_cases[i].name);
		kv_free(&l);
	}
}

static void
test_cookies_limits(void **state)
{
	struct kvlist	 l;
	struct buf	 b = BUF_INIT;
	const char	*two = "beian_session=a; beian_session=b";
	size_t		 i;

	(void)state;
	memset(&l, 0, sizeof(l));
	/* Two cookies of one name: both kept, so auth can refuse. */
	assert_int_equal(kv_parse_cookies(&l, two, strlen(two)), APP_OK);
	assert_int_equal(kv_count(&l, "beian_session"), 2);
	assert_string_equal(kv_get(&l, "beian_session"), "a");
	kv_free(&l);

	/* A name over KV_MAX_KEY is skipped, not fatal. */
	for (i = 0; i < KV_MAX_KEY + 1; i++)
		buf_puts(&b, "n");
	buf_puts(&b, "=1; a=2");
	assert_int_equal(kv_parse_cookies(&l, b.p, b.len), APP_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(kv_get(&l, "a"), "2");
	kv_free(&l);

	/* KV_MAX_FIELDS cookies are fine, one more is a 400. */
	buf_reset(&b);
	for (i = 0; i < KV_MAX_FIELDS; i++)
		buf_printf(&b, "c%zu=%zu; ", i, i);
	assert_int_equal(kv_parse_cookies(&l, b.p, b.len), APP_OK);
	assert_int_equal(l.n, KV_MAX_FIELDS);
	kv_free(&l);
	buf_puts(&b, "x=1");
	assert_int_equal(kv_parse_cookies(&l, b.p, b.len), APP_EBADREQ);
	kv_free(&l);
	buf_free(&b);
}

static const struct {
	const char	*name;
	const char	*in;
	size_t		 depth;
} depth_cases[] = {
	{ "empty", "", 0 },
	{ "scalar", "42", 0 },
	{ "string", "\"{[\"", 0 },
	{ "object", "{}", 1 },
	{ "array", "[]", 1 },
	{ "nested", "{\"a\":[{\"b\":[]}]}", 4 },
	{ "siblings", "[[],[],[[]]]", 3 },
	{ "brackets in strings", "{\"a\":\"[[[[{{{{\"}", 1 },
	{ "closers in strings", "{\"a\":\"]]]}}}\"}", 1 },
	{ "escaped quote", "{\"a\":\"\\\"[[[\"}", 1 },
	{ "escaped backslash", "{\"a\":\"\\\\\",\"b\":{\"c\":[1]}}", 3 },
	{ "unicode escape", "{\"a\":\"\\u005b\"}", 1 },
	{ "unbalanced open", "{", SIZE_MAX },
	{ "unbalanced close", "}", SIZE_MAX },
	{ "close first", "][", SIZE_MAX },
	{ "extra close", "{}}", SIZE_MAX },
	{ "truncated", "{\"a\":[1,2", SIZE_MAX },
	{ "open string", "{\"a\":\"x", SIZE_MAX },
	{ "open string escape", "{\"a\":\"x\\", SIZE_MAX },
	{ "escaped closing quote", "{\"a\":\"x\\\"}", SIZE_MAX },
	{ "open string after object", "{}\"", SIZE_MAX },
	{ "open string alone", "\"abc", SIZE_MAX },
	{ "lone backslash in string", "\"\\", SIZE_MAX },
};

static void
test_json_depth(void **state)
{
	size_t	 i, sz;
	char	*in;

	(void)state;
	for (i = 0; i < nitems(depth_cases); i++) {
		sz = strlen(depth_cases[i].in);
		in = dup_exact(depth_cases[i].in, sz);
		check_row(json_depth(in, sz) == depth_cases[i].depth, i,
		    depth_cases[i].name);
		free(in);
	}
	/* sz bounds the scan */
	assert_int_equal(json_depth("{}{", 2), 1);
	assert_int_equal(json_depth("{\"a\":1}", 3), SIZE_MAX);
}

/* n nested objects: {"a":{"a":...{}...}} */
static void
nest(struct buf *b, size_t n)
{
	size_t	 i;

	buf_reset(b);
	for (i = 0; i < n; i++)
		buf_puts(b, i + 1 < n ? "{\"a\":" : "{}");
	for (i = 1; i < n; i++)
		buf_puts(b, "}");
}

static const struct {
	const char	*name;
	const char	*in;
	size_t		 sz;		/* 0: strlen(in) */
	size_t		 maxdepth;
	enum app_err	 er;
} body_cases[] = {
	{ "object", "{\"login\":\"a\",\"n\":1}", 0, 16, APP_OK },
	{ "empty object", "{}", 0, 16, APP_OK },
	{ "whitespace", " \r\n\t{ } \n", 0, 16, APP_OK },
	{ "chinese", "{\"name\":\"中文\",\"e\":\"\\u4e2d\"}", 0, 16, APP_OK },
	{ "brackets in strings", "{\"a\":\"[[[[[[[[\"}", 0, 2, APP_OK },
	{ "escaped quotes", "{\"a\":\"\\\"{{{\\\"\"}", 0, 2, APP_OK },
	{ "array root", "[1,2]", 0, 16, APP_EBADREQ },
	{ "empty array root", "[]", 0, 16, APP_EBADREQ },
	{ "string root", "\"x\"", 0, 16, APP_EBADREQ },
	{ "number root", "1", 0, 16, APP_EBADREQ },
	{ "null root", "null", 0, 16, APP_EBADREQ },
	{ "duplicate keys", "{\"a\":1,\"a\":2}", 0, 16, APP_EBADREQ },
	{ "nested duplicate keys", "{\"o\":{\"a\":1,\"a\":1}}", 0, 16,
	    APP_EBADREQ },
	{ "\\u0000", "{\"a\":\"x\\u0000y\"}", 0, 16, APP_EBADREQ },
	{ "\\u0000 key", "{\"\\u0000\":1}", 0, 16, APP_EBADREQ },
	{ "raw NUL", "{\"a\":\"x\0\"}", 10, 16, APP_EBADREQ },
	{ "lone surrogate", "{\"a\":\"\\ud800\"}", 0, 16, APP_EBADREQ },
	{ "invalid utf-8", "{\"a\":\"\xc3\x28\"}", 0, 16, APP_EBADREQ },
	{ "truncated", "{\"a\":", 0, 16, APP_EBADREQ },
	{ "truncated string", "{\"a\":\"b", 0, 16, APP_EBADREQ },
	{ "truncated balanced", "{\"a\"}", 0, 16, APP_EBADREQ },
	{ "trailing garbage", "{} x", 0, 16, APP_EBADREQ },
	{ "two objects", "{}{}", 0, 16, APP_EBADREQ },
	{ "mismatched brackets", "{]", 0, 16, APP_EBADREQ },
	{ "trailing comma", "{\"a\":1,}", 0, 16, APP_EBADREQ },
	{ "single quotes", "{'a':1}", 0, 16, APP_EBADREQ },
	{ "comment", "{/* x */}", 0, 16, APP_EBADREQ },
	{ "empty", "", 0, 16, APP_EBADREQ },
	{ "spaces", "   ", 0, 16, APP_EBADREQ },
};

static void
test_json_body(void **state)
{
	json_t	*j;
	size_t	 i, sz;
	char	*in;

	(void)state;
	for (i = 0; i < nitems(body_cases); i++) {
		j = (json_t *)1;
		sz = body_cases[i].sz != 0 ? body_cases[i].sz :
		    strlen(body_cases[i].in);
		in = dup_exact(body_cases[i].in, sz);
		check_row(json_body_parse(in, sz, body_cases[i].maxdepth, &j) ==
		    body_cases[i].er, i, body_cases[i].name);
		free(in);
		if (body_cases[i].er == APP_OK)
			check_row(json_is_object(j), i, body_cases[i].name);
		else
			check_row(j == NULL, i, body_cases[i].name);
		json_decref(j);
	}

	/* Values come through. */
	assert_int_equal(json_body_parse("{\"name\":\"\\u4e2d\"}", 17, 16, &j),
	    APP_OK);
	assert_string_equal(json_string_value(json_object_get(j, "name")),
	    "中");
	json_decref(j);
}

static void
test_json_body_depth(void **state)
{
	struct buf	 b = BUF_INIT;
	json_t		*j;

	(void)state;
	nest(&b, 16);
	assert_int_equal(json_depth(b.p, b.len), 16);
	assert_int_equal(json_body_parse(b.p, b.len, 16, &j), APP_OK);
	assert_non_null(j);
	json_decref(j);

	nest(&b, 17);
	assert_int_equal(json_depth(b.p, b.len), 17);
	assert_int_equal(json_body_parse(b.p, b.len, 16, &j), APP_EBADREQ);
	assert_null(j);
	assert_int_equal(json_body_parse(b.p, b.len, 17, &j), APP_OK);
	json_decref(j);

	/* Arrays count as levels too. */
	buf_reset(&b);
	/* 17 levels */
	buf_puts(&b, "{\"a\":[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]}");
	assert_int_equal(json_body_parse(b.p, b.len, 16, &j), APP_EBADREQ);

	/* Far past jansson's own recursion limit: refused, no crash. */
	nest(&b, 100000);
	assert_int_equal(json_body_parse(b.p, b.len, 16, &j), APP_EBADREQ);
	assert_null(j);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urlencoded),
		cmocka_unit_test(test_urlencoded_get_count),
		cmocka_unit_test(test_urlencoded_max_fields),
		cmocka_unit_test(test_urlencoded_max_key),
		cmocka_unit_test(test_cookies),
		cmocka_unit_test(test_cookies_limits),
		cmocka_unit_test(test_json_depth),
		cmocka_unit_test(test_json_body),
		cmocka_unit_test(test_json_body_depth),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
