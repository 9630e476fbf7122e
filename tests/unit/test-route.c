/* cgi/lib/route.c: route_match. */
#include "unit.h"

#include "lib/app.h"

#define SENTINEL	((int64_t)-77)

static const struct {
	const char	*pat, *path;
	bool		 ok;
	size_t		 nids;
	int64_t		 ids[ROUTE_MAX_IDS];
} route_cases[] = {
	/* exact */
	{ "/api/ping", "/api/ping", true, 0, { 0 } },
	{ "/", "/", true, 0, { 0 } },
	{ "/api/ping", "/api/pong", false, 0, { 0 } },
	{ "/api/ping", "/API/ping", false, 0, { 0 } },	/* case matters */
	{ "/api/ping", "/api/pin", false, 0, { 0 } },
	{ "/api/ping", "/api/pingx", false, 0, { 0 } },
	/* trailing slash */
	{ "/api/ping", "/api/ping/", false, 0, { 0 } },
	{ "/api/ping/", "/api/ping", false, 0, { 0 } },
	/* prefixes in either direction */
	{ "/api/ping", "/api", false, 0, { 0 } },
	{ "/api", "/api/ping", false, 0, { 0 } },
	{ "/api/ping", "/", false, 0, { 0 } },
	{ "/", "/api", false, 0, { 0 } },
	/* empty and odd paths */
	{ "/api/ping", "", false, 0, { 0 } },
	{ "/", "", false, 0, { 0 } },
	{ "/api/ping", "api/ping", false, 0, { 0 } },
	{ "/api/ping", "//api/ping", false, 0, { 0 } },
	{ "/api/ping", "/api//ping", false, 0, { 0 } },
	{ "/api/ping", "/api/ping?x=1", false, 0, { 0 } },
	/* {id} */
	{ "/api/orders/{id}", "/api/orders/1", true, 1, { 1 } },
	{ "/api/orders/{id}", "/api/orders/42", true, 1, { 42 } },
	{ "/api/orders/{id}", "/api/orders/123456789012345678", true, 1,
	    { 123456789012345678LL } },		/* 18 digits */
	{ "/api/orders/{id}", "/api/orders/999999999999999999", true, 1,
	    { 999999999999999999LL } },
	{ "/api/orders/{id}", "/api/orders/1234567890123456789", false, 0,
	    { 0 } },				/* 19 digits */
	{ "/api/orders/{id}", "/api/orders/9223372036854775807", false, 0,
	    { 0 } },
	{ "/api/orders/{id}", "/api/orders/99999999999999999999", false, 0,
	    { 0 } },
	{ "/api/orders/{id}", "/api/orders/0", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/00", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/01", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/007", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/-1", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/+1", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/1a", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/a", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/1.0", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/ 1", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/1 ", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/%31", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/0x1", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/１", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/{id}", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders/1/", false, 0, { 0 } },
	{ "/api/orders/{id}", "/api/orders//1", false, 0, { 0 } },
	/* {id} in the middle */
	{ "/api/orders/{id}/product", "/api/orders/5/product", true, 1,
	    { 5 } },
	{ "/api/orders/{id}/product", "/api/orders/5", false, 0, { 0 } },
	{ "/api/orders/{id}/product", "/api/orders/5/product/", false, 0,
	    { 0 } },
	{ "/api/orders/{id}/product", "/api/orders/5/products", false, 0,
	    { 0 } },
	{ "/api/orders/{id}/product", "/api/orders/product", false, 0,
	    { 0 } },
	/* several ids */
	{ "/a/{id}/b/{id}", "/a/1/b/2", true, 2, { 1, 2 } },
	{ "/a/{id}/b/{id}", "/a/1/b/0", false, 0, { 0 } },
	{ "/a/{id}/b/{id}", "/a/1/c/2", false, 0, { 0 } },
	{ "/{id}/{id}/{id}/{id}", "/4/3/2/1", true, 4, { 4, 3, 2, 1 } },
	{ "/{id}/{id}/{id}/{id}/{id}", "/1/2/3/4/5", false, 0, { 0 } },
	/* a pattern segment that only looks like a placeholder */
	{ "/x/{idx}", "/x/1", false, 0, { 0 } },
	{ "/x/{id}x", "/x/1", false, 0, { 0 } },
};

static void
test_route_match(void **state)
{
	int64_t	 ids[ROUTE_MAX_IDS + 1];
	size_t	 i, k, nids;
	bool	 ok;

	(void)state;
	for (i = 0; i < nitems(route_cases); i++) {
		for (k = 0; k < nitems(ids); k++)
			ids[k] = SENTINEL;
		nids = 99;
		ok = route_match(route_cases[i].pat, route_cases[i].path,
		    ids, &nids);
		check_row(ok == route_cases[i].ok, i, route_cases[i].path);
		check_row(nids == route_cases[i].nids, i,
		    route_cases[i].path);
		for (k = 0; ok && k < route_cases[i].nids; k++)
			check_row(ids[k] == route_cases[i].ids[k], i,
			    route_cases[i].path);
		/* Never a write past ROUTE_MAX_IDS. */
		check_row(ids[ROUTE_MAX_IDS] == SENTINEL, i,
		    route_cases[i].path);
	}
}

/* A long path of ids: refused without writing past the array. */
static void
test_route_many_ids(void **state)
{
	struct buf	 pat = BUF_INIT, path = BUF_INIT;
	int64_t		 ids[ROUTE_MAX_IDS + 1];
	size_t		 i, nids = 99;

	(void)state;
	for (i = 0; i < 20; i++) {
		buf_puts(&pat, "/{id}");
		buf_puts(&path, "/7");
	}
	ids[ROUTE_MAX_IDS] = SENTINEL;
	assert_false(route_match(pat.p, path.p, ids, &nids));
	assert_int_equal(nids, 0);
	assert_int_equal(ids[ROUTE_MAX_IDS], SENTINEL);
	buf_free(&pat);
	buf_free(&path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_route_match),
		cmocka_unit_test(test_route_many_ids),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
