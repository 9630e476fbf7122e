/* Escaping for the HTML fragments, and the URLs they link to. */
#include "unit.h"

#include "lib/db-order.h"
#include "lib/html.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_html_text(void **state)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "张三的个人博客", "张三的个人博客" },
		{ "<script>alert(1)</script>",
		  "&lt;script&gt;alert(1)&lt;/script&gt;" },
		{ "a&b", "a&amp;b" },
		{ "\"'", "&quot;&#39;" },
		{ "x\" onmouseover=\"y", "x&quot; onmouseover=&quot;y" },
		{ "", "" },
		{ "&amp;", "&amp;amp;" },
	};
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		buf_reset(&b);
		buf_puts(&b, "");
		html_text(&b, cases[i].in);
		check_row(strcmp(b.p, cases[i].out) == 0, i, cases[i].in);
	}
	buf_reset(&b);
	html_text(&b, NULL);
	assert_int_equal(b.len, 0);
	html_attr(&b, "<a>");
	assert_string_equal(b.p, "&lt;a&gt;");
	buf_free(&b);
}

static void
test_url_escape(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	url_escape(&b, "/order/x.html?id=7&a=b c");
	assert_string_equal(b.p, "%2Forder%2Fx.html%3Fid%3D7%26a%3Db%20c");
	buf_reset(&b);
	url_escape(&b, "中");
	assert_string_equal(b.p, "%E4%B8%AD");
	buf_free(&b);
}

static void
test_page_with_id(void **state)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "/order/product.html?id=7", "/order/product.html?id=7" },
		{ "/order/product.html?id=7&error=invalid&field=x#e-invalid",
		  "/order/product.html?id=7" },
		{ "/order/product.html?error=invalid&id=12",
		  "/order/product.html?id=12" },
		{ "/order/product.html?pid=3", "/order/product.html" },
		{ "/order/website.html?id=7&edit=12&error=x#edit",
		  "/order/website.html?id=7&edit=12" },
		{ "/order/website.html?edit=12&id=7", "/order/website.html?id=7&edit=12" },
		{ "/order/website.html?edit=12", "/order/website.html" },
		{ "/order/website.html?id=7&edit=x1", "/order/website.html?id=7" },
		{ "/order/website.html?id=7&reedit=3", "/order/website.html?id=7" },
		{ "/order/product.html?id=abc", "/order/product.html" },
		{ "/order/product.html?id=", "/order/product.html" },
		{ "/order/product.html?id=1234567890123456789012",
		  "/order/product.html" },
		{ "/", "/" },
		{ "/login.html#e-x", "/login.html" },
		{ "/m/#t=Ab_9-z", "/m/#t=Ab_9-z" },
		{ "/m/?error=x#t=Ab9", "/m/#t=Ab9" },
		{ "/m/#t=", "/m/" },
		{ "/m/#t=a&b", "/m/" },
		{ "/m/#t=a#t=b", "/m/" },
		{ "/m/#x=abc", "/m/" },
		/* A step page's slot or item to come back to. */
		{ "/order/upload.html?id=7#slot-owner_id_front-12",
		  "/order/upload.html?id=7#slot-owner_id_front-12" },
		{ "/order/submit.html?id=7#item-3", "/order/submit.html?id=7#item-3" },
		{ "/order/upload.html?id=7#slot-a\"b", "/order/upload.html?id=7" },
		{ "/order/upload.html?id=7#slot-", "/order/upload.html?id=7#slot-" },
	};
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		buf_reset(&b);
		buf_puts(&b, "");
		page_with_id(&b, cases[i].in);
		check_row(strcmp(b.p, cases[i].out) == 0, i, cases[i].in);
	}
	buf_free(&b);
}

static void
test_mask(void **state)
{
	char	 out[32];

	(void)state;
	mask_middle("330106199001011234", 3, 4, out, sizeof(out));
	assert_string_equal(out, "330***********1234");
	mask_middle("13800000011", 3, 4, out, sizeof(out));
	assert_string_equal(out, "138****0011");
	mask_middle("1234567", 3, 4, out, sizeof(out));
	assert_string_equal(out, "1234567");
	mask_middle("12", 3, 4, out, sizeof(out));
	assert_string_equal(out, "12");
	mask_middle(NULL, 3, 4, out, sizeof(out));
	assert_string_equal(out, "");
	mask_middle("330106199001011234", 3, 4, out, 6);
	assert_string_equal(out, "330**");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_text),
		cmocka_unit_test(test_url_escape),
		cmocka_unit_test(test_page_with_id),
		cmocka_unit_test(test_mask),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
