/*
 * The bureau's pure parts: the payload's shape (a golden file), the
 * events the callback reads, the signature both ways, the simulator's
 * SMS codes.
 */
#include "unit.h"

#include <sodium.h>

#include "lib/bureau.h"
#include "lib/bureau-payload.h"

#include "fixture.h"

#ifndef GOLDEN_DIR
#define GOLDEN_DIR	"tests/unit/golden"
#endif

static const unsigned char	 jpeg1[] = { 0xff, 0xd8, 0xff, 0xe0, 'a', 'b' };
static const unsigned char	 jpeg2[] = { 0xff, 0xd8, 0xff, 0xdb, 'c' };

/* A 浙江 personal subject's order: one website with a pre-approval. */
static void
order(struct filing *f)
{
	struct website	*w;

	fx_filing(f, true);
	f->s.icp_number = xstrdup("浙ICP备26000001号");
	f->s.nature_code = 5;
	w = fx_website(f, 12, "example.cn");
	w->languages = (free(w->languages), xstrdup("1,12"));
	fx_pre(w, 4, "浙教〔2026〕12号");
	fx_upload(f, 31, 12, "verification_form", NULL);
	fx_upload(f, 32, 0, "commitment_letter", NULL);
}

static void
test_payload_golden(void **state)
{
	struct filing		 f;
	struct payload_image	 v[2];
	json_t			*p, *want;
	json_error_t		 e;
	const char		*path = GOLDEN_DIR "/bureau-payload.json";

	(void)state;
	order(&f);
	v[0] = (struct payload_image){ &f.u[0], 5, jpeg1, sizeof(jpeg1) };
	v[1] = (struct payload_image){ &f.u[1], 6, jpeg2, sizeof(jpeg2) };
	p = bureau_payload(&f, 2, v, 2);
	assert_non_null(p);
	/* BEIAN_GOLDEN=write: the shape changed on purpose. */
	if (getenv("BEIAN_GOLDEN") != NULL &&
	    strcmp(getenv("BEIAN_GOLDEN"), "write") == 0)
		assert_int_equal(json_dump_file(p, path, JSON_INDENT(2) |
		    JSON_SORT_KEYS), 0);
	want = json_load_file(path, 0, &e);
	if (want == NULL)
		fail_msg("%s: %s", path, e.text);
	if (!json_equal(p, want)) {
		char	*got = json_dumps(p, JSON_INDENT(2) | JSON_SORT_KEYS);

		fail_msg("the payload differs from %s:\n%s", path, got);
	}
	json_decref(want);
	json_decref(p);
	filing_free(&f);
}

/* No subject number, no payload: never one the bureau cannot place. */
static void
test_payload_fails_closed(void **state)
{
	struct filing	 f;

	(void)state;
	order(&f);
	free(f.s.icp_number);
	f.s.icp_number = NULL;
	assert_null(bureau_payload(&f, 1, NULL, 0));
	filing_free(&f);
}

static void
test_event_read(void **state)
{
	static const struct {
		const char	*json;
		const char	*field;		/* NULL: read */
		enum bureau_ev	 kind;
	} v[] = {
		{ "{\"event\":\"sms_sent\",\"order_id\":7}", NULL, BE_SMS_SENT },
		{ "{\"event\":\"approved\",\"order_id\":7,\"website_number\":"
		  "\"浙ICP备26000001号-3\"}", NULL, BE_APPROVED },
		{ "{\"event\":\"rejected\",\"order_id\":7,\"reason\":\"R14\","
		  "\"note\":\"超时\"}", NULL, BE_REJECTED },
		{ "{\"event\":\"code_checked\",\"order_id\":7,\"ok\":true}",
		  NULL, BE_CODE_CHECKED },
		{ "[]", "event", 0 },
		{ "{\"event\":\"approve\",\"order_id\":7}", "event", 0 },
		{ "{\"event\":1,\"order_id\":7}", "event", 0 },
		{ "{\"event\":\"sms_sent\"}", "order_id", 0 },
		{ "{\"event\":\"sms_sent\",\"order_id\":0}", "order_id", 0 },
		{ "{\"event\":\"sms_sent\",\"order_id\":\"7\"}", "order_id", 0 },
		{ "{\"event\":\"rejected\",\"order_id\":7}", "reason", 0 },
		{ "{\"event\":\"rejected\",\"order_id\":7,\"reason\":\"R15\"}",
		  "reason", 0 },
		{ "{\"event\":\"rejected\",\"order_id\":7,\"reason\":\"R1x\"}",
		  "reason", 0 },
		{ "{\"event\":\"approved\",\"order_id\":7,\"website_number\":"
		  "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		  "aaaaaaaaa\"}", "website_number", 0 },
		{ "{\"event\":\"approved\",\"order_id\":7,\"website_number\":"
		  "\"a\\u0000b\"}", "website_number", 0 },
		{ "{\"event\":\"code_checked\",\"order_id\":7}", "ok", 0 },
		{ "{\"event\":\"sms_failed\",\"order_id\":7,\"note\":[]}", "note",
		  0 },
	};
	struct bureau_event	 ev;
	const char		*field, *why;
	json_t			*j;
	size_t			 i;
	bool			 ok;

	(void)state;
	for (i = 0; i < nitems(v); i++) {
		j = json_loads(v[i].json, JSON_ALLOW_NUL, NULL);
		check_row(j != NULL, i, v[i].json);
		ok = bureau_event_read(j, &ev, &field, &why);
		check_row(ok == (v[i].field == NULL), i, v[i].json);
		if (ok)
			check_row(ev.kind == v[i].kind && ev.order_id == 7, i,
			    v[i].json);
		else
			check_row(strcmp(field, v[i].field) == 0 && why != NULL &&
			    *why != '\0', i, v[i].json);
		json_decref(j);
	}
	for (i = 0; i < BE__MAX; i++) {
		enum bureau_ev	 back;

		assert_true(bureau_ev_parse(bureau_ev_name((enum bureau_ev)i),
		    &back));
		assert_int_equal(back, i);
	}
}

static void
test_sign(void **state)
{
	struct conf	 c;
	char		 sig[72], ts[24];
	const char	*body = "{\"event\":\"sms_sent\",\"order_id\":7}";
	int64_t		 now = 1796090400;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.bureau_secret = xstrdup("0123456789abcdef0123456789abcdef0123");
	bureau_sign(&c, now, body, strlen(body), sig);
	assert_int_equal(strlen(sig), 71);
	assert_memory_equal(sig, "sha256=", 7);
	(void)snprintf(ts, sizeof(ts), "%lld", (long long)now);
	assert_true(bureau_sign_ok(&c, ts, sig, body, strlen(body), now));
	assert_true(bureau_sign_ok(&c, ts, sig, body, strlen(body),
	    now + BUREAU_SIGN_SKEW));
	/* Late, early, another body, another time, a cut signature. */
	assert_false(bureau_sign_ok(&c, ts, sig, body, strlen(body),
	    now + BUREAU_SIGN_SKEW + 1));
	assert_false(bureau_sign_ok(&c, ts, sig, body, strlen(body),
	    now - BUREAU_SIGN_SKEW - 1));
	assert_false(bureau_sign_ok(&c, ts, sig, body, strlen(body) - 1, now));
	assert_false(bureau_sign_ok(&c, "1796090401", sig, body, strlen(body),
	    now));
	sig[70] = '\0';
	assert_false(bureau_sign_ok(&c, ts, sig, body, strlen(body), now));
	assert_false(bureau_sign_ok(&c, NULL, sig, body, strlen(body), now));
	assert_false(bureau_sign_ok(&c, "x", sig, body, strlen(body), now));
	/* A short secret signs for nobody. */
	free(c.bureau_secret);
	c.bureau_secret = xstrdup("short");
	bureau_sign(&c, now, body, strlen(body), sig);
	assert_false(bureau_sign_ok(&c, ts, sig, body, strlen(body), now));
	free(c.bureau_secret);
}

static void
test_sms_code(void **state)
{
	struct conf	 c;
	char		 code[7], hex[65], other[16];

	(void)state;
	memset(&c, 0, sizeof(c));
	c.jwt_secret = xstrdup("0123456789abcdef0123456789abcdef");
	c.jwt_secret_len = strlen(c.jwt_secret);
	bureau_sms_code(code);
	assert_int_equal(strlen(code), 6);
	assert_int_equal(strspn(code, "0123456789"), 6);
	bureau_sms_hash(&c, 7, code, hex);
	assert_int_equal(strlen(hex), 64);
	assert_true(bureau_sms_code_ok(&c, 7, code, hex));
	/* Another order's, another code, a malformed one. */
	assert_false(bureau_sms_code_ok(&c, 8, code, hex));
	(void)snprintf(other, sizeof(other), "%06d", (int)((strtol(code, NULL, 10) + 1) % 1000000));
	assert_false(bureau_sms_code_ok(&c, 7, other, hex));
	assert_false(bureau_sms_code_ok(&c, 7, "12345", hex));
	assert_false(bureau_sms_code_ok(&c, 7, "12345a", hex));
	assert_false(bureau_sms_code_ok(&c, 7, code, NULL));
	free(c.jwt_secret);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_payload_golden),
		cmocka_unit_test(test_payload_fails_closed),
		cmocka_unit_test(test_event_read),
		cmocka_unit_test(test_sign),
		cmocka_unit_test(test_sms_code),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
