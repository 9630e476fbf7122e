/* Field validators of the website step: names, ID numbers, domains... */
#include "unit.h"

#include "lib/valid.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define TODAY		20261128

static void
test_id_card(void **state)
{
	static const struct {
		const char	*in;
		enum vr		 want;
		int64_t		 birth;
	} cases[] = {
		{ "33010619900101123X", VR_OK, 19900101 },
		{ "33010619900101123x", VR_OK, 19900101 },	/* lower-case x */
		{ "440104198502023456", VR_OK, 19850202 },
		{ "11010519491231002X", VR_OK, 19491231 },
		{ "310115200002290013", VR_OK, 20000229 },	/* leap day */
		{ "510107198006152811", VR_OK, 19800615 },
		{ "650102199912311232", VR_OK, 19991231 },
		{ "330106199001011234", VR_ID_CHECKSUM, 0 },
		{ "440104198502023457", VR_ID_CHECKSUM, 0 },
		{ "460000201010101013", VR_ID_REGION, 0 },	/* county 0000 */
		{ "990106199001011234", VR_ID_REGION, 0 },	/* no province 99 */
		{ "330106199002301231", VR_ID_BIRTH, 0 },	/* 30 February */
		{ "330106190002291235", VR_ID_BIRTH, 0 },	/* 1900 not leap */
		{ "330106203001011234", VR_ID_BIRTH, 0 },	/* in the future */
		{ "330106189901011234", VR_ID_BIRTH, 0 },	/* before 1900 */
		{ "330106199013011234", VR_ID_BIRTH, 0 },	/* month 13 */
		{ "33010619900101123", VR_ID_LENGTH, 0 },
		{ "33010619900101123XX", VR_ID_LENGTH, 0 },
		{ "33010619900101123Y", VR_ID_LENGTH, 0 },
		{ "3301061990O101123X", VR_ID_LENGTH, 0 },	/* letter O */
		{ "330106900101123", VR_ID_LENGTH, 0 },		/* old 15-digit */
		{ "", VR_EMPTY, 0 },
	};
	int64_t		 birth;
	size_t		 i;
	enum vr		 v;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		birth = 0;
		v = valid_id_card(cases[i].in, TODAY, &birth);
		check_row(v == cases[i].want, i, cases[i].in);
		if (v == VR_OK)
			check_row(birth == cases[i].birth, i, cases[i].in);
	}
	assert_int_equal(valid_id_card(NULL, TODAY, NULL), VR_EMPTY);
}

static void
test_phone_email(void **state)
{
	static const struct {
		const char	*in;
		enum vr		 mobile, phone, email;
	} cases[] = {
		{ "13800138000", VR_OK, VR_OK, VR_EMAIL },
		{ "19912345678", VR_OK, VR_OK, VR_EMAIL },
		{ "12800138000", VR_MOBILE, VR_PHONE, VR_EMAIL },
		{ "1380013800", VR_MOBILE, VR_PHONE, VR_EMAIL },
		{ "138001380001", VR_MOBILE, VR_PHONE, VR_EMAIL },
		{ "+8613800138000", VR_MOBILE, VR_PHONE, VR_EMAIL },
		{ "0571-88888888", VR_MOBILE, VR_OK, VR_EMAIL },
		{ "010-6512345", VR_MOBILE, VR_OK, VR_EMAIL },
		{ "057188888888", VR_MOBILE, VR_OK, VR_EMAIL },
		{ "0571-888", VR_MOBILE, VR_PHONE, VR_EMAIL },
		{ "88888888", VR_MOBILE, VR_PHONE, VR_EMAIL },
		{ "name@example.com", VR_MOBILE, VR_PHONE, VR_OK },
		{ "a.b+c@mail.example.com.cn", VR_MOBILE, VR_PHONE, VR_OK },
		{ "name@example", VR_MOBILE, VR_PHONE, VR_EMAIL },
		{ "@example.com", VR_MOBILE, VR_PHONE, VR_EMAIL },
		{ "a@b@example.com", VR_MOBILE, VR_PHONE, VR_EMAIL },
		{ "a b@example.com", VR_MOBILE, VR_PHONE, VR_EMAIL },
		{ "name@example..com", VR_MOBILE, VR_PHONE, VR_EMAIL },
		{ "name@example.com.", VR_MOBILE, VR_PHONE, VR_EMAIL },
		{ "张三@example.com", VR_MOBILE, VR_PHONE, VR_EMAIL },
		{ "", VR_EMPTY, VR_EMPTY, VR_EMPTY },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		check_row(valid_mobile(cases[i].in) == cases[i].mobile, i,
		    cases[i].in);
		check_row(valid_phone(cases[i].in) == cases[i].phone, i,
		    cases[i].in);
		check_row(valid_email(cases[i].in) == cases[i].email, i,
		    cases[i].in);
	}
}

static const char *const suffixes[] = {
	"cn", "com", "net", "org", "com.cn", "net.cn", "org.cn", "gov.cn",
	"xn--fiqs8s", /* 中国 */ "xn--55qx5d", /* 公司 */ "top",
};

static void
test_domain(void **state)
{
	static const struct {
		const char	*in;
		enum vr		 want;
		const char	*ascii, *unicode;
	} cases[] = {
		{ "example.com", VR_OK, "example.com", "example.com" },
		{ "Example.COM", VR_OK, "example.com", "example.com" },
		{ "  example.cn  ", VR_OK, "example.cn", "example.cn" },
		{ "example.com.", VR_OK, "example.com", "example.com" },
		{ "my-site.com.cn", VR_OK, "my-site.com.cn", "my-site.com.cn" },
		{ "例子.中国", VR_OK, "xn--fsqu00a.xn--fiqs8s", "例子.中国" },
		{ "ＥＸＡＭＰＬＥ.ＣＯＭ", VR_OK, "example.com", "example.com" },
		{ "测试.公司", VR_OK, "xn--0zwm56d.xn--55qx5d", "测试.公司" },
		{ "www.example.com", VR_DOMAIN_WWW, NULL, NULL },
		{ "blog.example.com", VR_DOMAIN_NOT_REGISTRABLE, NULL, NULL },
		{ "example.io", VR_DOMAIN_SUFFIX, NULL, NULL },
		{ "com.cn", VR_DOMAIN_NOT_REGISTRABLE, NULL, NULL },
		{ "http://example.com", VR_DOMAIN_SCHEME, NULL, NULL },
		{ "example.com/index.html", VR_DOMAIN_SCHEME, NULL, NULL },
		{ "example.com:8080", VR_DOMAIN_SCHEME, NULL, NULL },
		{ "exa mple.com", VR_DOMAIN_SCHEME, NULL, NULL },
		{ "-example.com", VR_DOMAIN_SYNTAX, NULL, NULL },
		{ "exam_ple.com", VR_DOMAIN_SYNTAX, NULL, NULL },
		{ "example..com", VR_DOMAIN_SYNTAX, NULL, NULL },
		{ "localhost", VR_DOMAIN_SYNTAX, NULL, NULL },
		{ "", VR_EMPTY, NULL, NULL },
	};
	char		 u[300], a[300], longlabel[80];
	size_t		 i;
	enum vr		 v;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		v = valid_domain(cases[i].in, suffixes, NITEMS(suffixes), u, a,
		    sizeof(u));
		check_row(v == cases[i].want, i, cases[i].in);
		if (v != VR_OK)
			continue;
		check_row(strcmp(a, cases[i].ascii) == 0, i, cases[i].in);
		check_row(strcmp(u, cases[i].unicode) == 0, i, cases[i].in);
	}
	memset(longlabel, 'a', 64);
	memcpy(longlabel + 64, ".com", 5);
	assert_int_not_equal(valid_domain(longlabel, suffixes,
	    NITEMS(suffixes), u, a, sizeof(u)), VR_OK);
	assert_int_equal(valid_domain(NULL, suffixes, NITEMS(suffixes), u, a,
	    sizeof(u)), VR_EMPTY);
}

static void
test_site_name(void **state)
{
	static const struct {
		const char	*in;
		enum vr		 want;
		size_t		 count;
	} cases[] = {
		{ "张三的个人博客", VR_OK, 7 },
		{ "示例科技官网", VR_OK, 6 },
		{ "摄影日记", VR_OK, 4 },
		{ "读书笔记", VR_OK, 4 },
		{ "小王的blog", VR_OK, 7 },
		{ "ABC科技", VR_OK, 5 },
		{ "2026旅行记", VR_OK, 7 },
		{ "杭州(西湖)游记", VR_OK, 6 },
		{ "杭州（西湖）游记", VR_OK, 6 },
		{ "美食-菜谱", VR_OK, 4 },
		{ "家常菜谱", VR_OK, 4 },
		{ "我的小站", VR_OK, 4 },
		{ "博客a", VR_OK, 3 },
		{ "花园", VR_NAME_SHORT, 2 },
		{ "花", VR_NAME_SHORT, 1 },
		{ "(花)-", VR_NAME_SHORT, 1 },
		{ "myblog", VR_NAME_ONLY_LATIN, 6 },
		{ "123456", VR_NAME_ONLY_LATIN, 6 },
		{ "my blog", VR_NAME_SYMBOL, 0 },
		{ "张三的博客!", VR_NAME_SYMBOL, 0 },
		{ "张三的博客。", VR_NAME_SYMBOL, 0 },
		{ "张三&李四", VR_NAME_SYMBOL, 0 },
		{ "张三_博客", VR_NAME_SYMBOL, 0 },
		{ "博客😀站", VR_NAME_SYMBOL, 0 },
		{ "", VR_EMPTY, 0 },
	};
	size_t	 i, n;
	enum vr	 v;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		v = valid_site_name(cases[i].in, 3, 50, &n);
		check_row(v == cases[i].want, i, cases[i].in);
		if (v == VR_OK || v == VR_NAME_SHORT || v == VR_NAME_ONLY_LATIN)
			check_row(n == cases[i].count, i, cases[i].in);
	}
	assert_int_equal(valid_site_name("一二三四五六", 3, 5, &n), VR_TOO_LONG);
	assert_int_equal(valid_site_name("\xff\xfe", 3, 50, &n), VR_BAD_CHARS);
}

static void
test_homepage(void **state)
{
	static const struct {
		const char	*url, *domain;
		enum vr		 want;
	} cases[] = {
		{ "www.example.com", "example.com", VR_OK },
		{ "example.com", "example.com", VR_OK },
		{ "https://www.example.com/", "example.com", VR_OK },
		{ "http://blog.example.com/index.html", "example.com", VR_OK },
		{ "https://WWW.Example.com:8443/a?b", "example.com", VR_OK },
		{ "www.例子.中国", "xn--fsqu00a.xn--fiqs8s", VR_OK },
		{ "www.example.org", "example.com", VR_URL_OTHER_DOMAIN },
		{ "www.notexample.com", "example.com", VR_URL_OTHER_DOMAIN },
		{ "example.com.evil.cn", "example.com", VR_URL_OTHER_DOMAIN },
		{ "ftp://example.com", "example.com", VR_URL_SYNTAX },
		{ "https:///x", "example.com", VR_URL_SYNTAX },
		{ "www.exa mple.com", "example.com", VR_URL_SYNTAX },
		{ "", "example.com", VR_EMPTY },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++)
		check_row(valid_homepage(cases[i].url, cases[i].domain) ==
		    cases[i].want, i, cases[i].url);
}

static void
test_messages(void **state)
{
	enum vr	 v;

	(void)state;
	for (v = 1; v < VR__MAX; v++)
		assert_true(strlen(valid_message(v)) > 6);
	assert_string_equal(valid_message(VR_OK), "");
	assert_int_equal(utf8_len("张三ab"), 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_card),
		cmocka_unit_test(test_phone_email),
		cmocka_unit_test(test_domain),
		cmocka_unit_test(test_site_name),
		cmocka_unit_test(test_homepage),
		cmocka_unit_test(test_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
