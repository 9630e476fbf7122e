/*
 * Notifications, the pure part (lib/notify.c): templates filled and
 * refused, who gets a message, an email as it goes on the wire.
 */
#include "unit.h"

#include <sodium.h>

#include "lib/notify.h"
#include "lib/util.h"

static void
param(struct kvlist *l, const char *k, const char *v)
{
	kv_add(l, xstrdup(k), xstrdup(v), strlen(v));
}

static void
test_render(void **state)
{
	static const struct {
		const char	*tmpl, *want, *missing;
	} v[] = {
		{ "订单 {order_id} 已通过", "订单 42 已通过", NULL },
		{ "{order_id}{order_id}", "4242", NULL },
		{ "no braces", "no braces", NULL },
		{ "", "", NULL },
		/* Not a name: copied as is. */
		{ "{ order_id }", "{ order_id }", NULL },
		{ "{}", "{}", NULL },
		{ "{Order}", "{Order}", NULL },
		{ "{order_id", "{order_id", NULL },
		{ "a}b{", "a}b{", NULL },
		{ "{中文}", "{中文}", NULL },
		{ "{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}",
		  "{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}", NULL },
		/* A name there is no parameter of: refused, named. */
		{ "验证码 {code}", NULL, "code" },
		{ "{order_id} {no_such}", NULL, "no_such" },
	};
	struct kvlist	 p;
	struct buf	 out = BUF_INIT;
	char		 missing[NOTIFY_NAME_MAX + 1];
	size_t		 i;
	enum app_err	 er;

	(void)state;
	memset(&p, 0, sizeof(p));
	param(&p, "order_id", "42");
	for (i = 0; i < nitems(v); i++) {
		er = notify_render(v[i].tmpl, &p, &out, missing);
		if (v[i].want != NULL)
			check_row(er == APP_OK && strcmp(out.p, v[i].want) == 0,
			    i, v[i].tmpl);
		else
			check_row(er == APP_EINVAL &&
			    strcmp(missing, v[i].missing) == 0, i, v[i].tmpl);
	}
	/* A value's braces are not filled again. */
	param(&p, "note", "{order_id}");
	assert_int_equal(notify_render("{note}", &p, &out, missing), APP_OK);
	assert_string_equal(out.p, "{order_id}");
	buf_free(&out);
	kv_free(&p);
}

static void
test_recipients(void **state)
{
	struct notify_to	 to;

	(void)state;
	assert_true(notify_mainland_mobile("13800000001"));
	assert_false(notify_mainland_mobile("12800000001"));
	assert_false(notify_mainland_mobile("1380000000"));
	assert_false(notify_mainland_mobile("+8613800000001"));
	assert_false(notify_mainland_mobile("85291234567"));
	assert_false(notify_mainland_mobile(NULL));
	assert_true(notify_email_ok("a@example.cn"));
	assert_false(notify_email_ok("a@b"));
	assert_false(notify_email_ok("a b@example.cn"));
	assert_false(notify_email_ok("a@@example.cn"));
	assert_false(notify_email_ok("<a@example.cn>"));
	assert_false(notify_email_ok("a@example.cn\r\nBcc: x@y.cn"));
	assert_false(notify_email_ok("张@example.cn"));
	memset(&to, 0, sizeof(to));
	notify_to_add(&to, "13800000001", "a@example.cn");
	notify_to_add(&to, "13800000001", "A@example.cn");	/* the same */
	notify_to_add(&to, "85291234567", "b@example.cn");	/* no SMS */
	notify_to_add(&to, NULL, "");
	notify_to_add(&to, "13900000002", NULL);
	assert_int_equal(to.mobiles.n, 2);
	assert_string_equal(to.mobiles.v[1], "13900000002");
	assert_int_equal(to.emails.n, 2);
	assert_string_equal(to.emails.v[1], "b@example.cn");
	notify_to_free(&to);
	notify_to_free(NULL);
}

/* The base64 of a part, decoded. */
static char *
part(const char *msg, const char *type)
{
	const char	*p = strstr(msg, type), *b, *e;
	unsigned char	*bin;
	size_t		 n, len;

	assert_non_null(p);
	b = strstr(p, "\r\n\r\n") + 4;
	e = strstr(b, "\r\n--");
	len = (size_t)(e - b);
	bin = xmalloc(len + 1);
	assert_int_equal(sodium_base642bin(bin, len, b, len, "\r\n", &n, NULL,
	    sodium_base64_VARIANT_ORIGINAL), 0);
	bin[n] = '\0';
	return (char *)bin;
}

static void
test_mail(void **state)
{
	struct notify_mail	 m;
	struct buf		 out = BUF_INIT;
	const char		*line;
	char			*text, *html, addr[64];
	size_t			 n;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.from = "备案系统 <beian@example.cn>";
	m.reply_to = "客服 <help@example.cn>";
	m.to = "a@example.cn";
	m.subject = "备案订单 42 已通过初审，请完成拍照核验（一个足够长的主题，要折成几段编码字）";
	m.text = "您好，\n\n请打开 https://example.cn/order/progress.html?id=42 。\n<b>不是标签</b>";
	m.date = 1796090400;
	m.message_id = "<notification-1-1@example.cn>";
	m.boundary = "=_beian_x";
	notify_mail_render(&m, &out);
	assert_non_null(strstr(out.p, "From: =?UTF-8?B?5aSH5qGI57O757uf?= <beian@example.cn>\r\n"));
	assert_non_null(strstr(out.p, "To: a@example.cn\r\n"));
	assert_non_null(strstr(out.p, "Reply-To: =?UTF-8?B?"));
	assert_non_null(strstr(out.p, "Date: Tue, 01 Dec 2026 02:00:00 +0000\r\n"));
	assert_non_null(strstr(out.p, "boundary=\"=_beian_x\""));
	/* Every line within 78 characters, no bare LF. */
	for (line = out.p; *line != '\0'; line += n + 2) {
		n = strcspn(line, "\r\n");
		assert_true(n <= 78);
		assert_true(line[n] == '\0' || (line[n] == '\r' &&
		    line[n + 1] == '\n'));
		if (line[n] == '\0')
			break;
	}
	text = part(out.p, "text/plain");
	assert_non_null(strstr(text, "您好，\r\n\r\n请打开"));
	html = part(out.p, "text/html");
	assert_non_null(strstr(html, "<a href=\"https://example.cn/order/progress.html?id=42\">"));
	assert_non_null(strstr(html, "&lt;b&gt;不是标签&lt;/b&gt;"));
	assert_null(strstr(html, "<b>"));
	free(text);
	free(html);
	buf_free(&out);
	assert_true(notify_mail_addr("备案系统 <beian@example.cn>", addr,
	    sizeof(addr)));
	assert_string_equal(addr, "beian@example.cn");
	assert_true(notify_mail_addr("x@example.cn", addr, sizeof(addr)));
	assert_false(notify_mail_addr("备案系统 <>", addr, sizeof(addr)));
	assert_false(notify_mail_addr("no address", addr, sizeof(addr)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_recipients),
		cmocka_unit_test(test_mail),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
