/*
 * Photo verification's rules (verify-rules.c): the method, the curtain's
 * address, who is photographed, what a photo must show, what blocks the
 * hand-over.
 */
#include "unit.h"

#include "lib/verify-rules.h"

#include "fixture.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static void
region_add(struct regions *r, const char *code, const char *name, int level,
    bool mainland)
{
	r->v = xreallocarray(r->v, r->n + 1, sizeof(*r->v));
	r->v[r->n].code = xstrdup(code);
	r->v[r->n].name = xstrdup(name);
	r->v[r->n].level = level;
	r->v[r->n].mainland = mainland;
	r->n++;
}

static void
test_method(void **state)
{
	struct filing		 f;
	enum verify_method	 m;

	(void)state;
	fx_filing(&f, true);
	f.rules.v[RK_VERIFICATION_METHOD].value = 0;
	assert_int_equal(verify_method_of(&f.rules), VM_WHITE);
	fx_rule(&f, RK_VERIFICATION_METHOD, 1, "幕布");
	assert_int_equal(verify_method_of(&f.rules), VM_CURTAIN);
	fx_rule(&f, RK_VERIFICATION_METHOD, 3, "上海");
	assert_int_equal(verify_method_of(&f.rules), VM_SHANGHAI);
	assert_string_equal(verify_method_name(VM_SHANGHAI), "shanghai_app");
	assert_null(verify_method_name(4));
	assert_true(verify_method_parse("white_background", &m));
	assert_int_equal(m, VM_WHITE);
	assert_false(verify_method_parse("selfie", &m));
	assert_false(verify_method_parse(NULL, &m));
	filing_free(&f);
}

static void
test_address(void **state)
{
	static const struct {
		const char	*label;
		struct curtain_in in;
		const char	*field;		/* the error expected, or NULL */
		const char	*words;
	} v[] = {
		{ "good", { "王五", "13900001111", "330000", "330100", "330106",
		  "文三路 90 号", "310012" }, NULL, NULL },
		{ "names", { "王五", "13900001111", "浙江省", "杭州市", "西湖区",
		  "文三路 90 号", NULL }, NULL, NULL },
		{ "no recipient", { "", "13900001111", "330000", "330100",
		  "330106", "文三路 90 号", NULL }, "recipient", NULL },
		{ "control char", { "王\t五", "13900001111", "330000", "330100",
		  "330106", "文三路 90 号", NULL }, "recipient", NULL },
		{ "mobile", { "王五", "1390000111", "330000", "330100", "330106",
		  "文三路 90 号", NULL }, "mobile", NULL },
		{ "unknown province", { "王五", "13900001111", "990000", "330100",
		  "330106", "文三路 90 号", NULL }, "province", "请选择" },
		{ "a city as province", { "王五", "13900001111", "330100",
		  "330100", "330106", "文三路 90 号", NULL }, "province", NULL },
		{ "香港", { "王五", "13900001111", "810000", "", "",
		  "文三路 90 号", NULL }, "province", "中国内地" },
		{ "city of another province", { "王五", "13900001111", "330000",
		  "320100", "330106", "文三路 90 号", NULL }, "city", NULL },
		{ "district", { "王五", "13900001111", "330000", "330100", "",
		  "文三路 90 号", NULL }, "district", NULL },
		{ "street short", { "王五", "13900001111", "330000", "330100",
		  "330106", "文三", NULL }, "street", NULL },
		{ "postcode", { "王五", "13900001111", "330000", "330100",
		  "330106", "文三路 90 号", "31001A" }, "postcode", NULL },
	};
	struct regions		 prov, cities, districts, none;
	struct curtain_out	 o;
	struct findings		 f;
	const struct finding	*e;
	size_t			 i;

	(void)state;
	memset(&prov, 0, sizeof(prov));
	memset(&cities, 0, sizeof(cities));
	memset(&districts, 0, sizeof(districts));
	memset(&none, 0, sizeof(none));
	region_add(&prov, "330000", "浙江省", 1, true);
	region_add(&prov, "440000", "广东省", 1, true);
	region_add(&prov, "810000", "香港特别行政区", 1, false);
	region_add(&prov, "330100", "杭州市", 2, true);	/* not a province */
	region_add(&cities, "330100", "杭州市", 2, true);
	region_add(&districts, "330106", "西湖区", 3, true);
	for (i = 0; i < NITEMS(v); i++) {
		memset(&f, 0, sizeof(f));
		curtain_address_check(&v[i].in, &prov, &cities, &districts, &o,
		    &f);
		if (v[i].field == NULL) {
			check_row(f.n == 0 && o.district != NULL &&
			    strcmp(o.district->code, "330106") == 0, i,
			    v[i].label);
		} else {
			e = findings_first(&f, SEV_ERROR, 0, v[i].field);
			check_row(e != NULL, i, v[i].label);
			check_row(v[i].words == NULL || strstr(e->message,
			    v[i].words) != NULL, i, v[i].label);
			check_row(o.province == NULL || o.district != NULL, i,
			    v[i].label);
		}
		findings_free(&f);
	}
	/* 东莞: a city without districts is its own. */
	{
		struct curtain_in in = { "王五", "13900001111", "440000",
		    "441900", "", "东城街道 1 号", NULL };
		struct regions gd;

		memset(&gd, 0, sizeof(gd));
		region_add(&gd, "441900", "东莞市", 2, true);
		memset(&f, 0, sizeof(f));
		curtain_address_check(&in, &prov, &gd, &none, &o, &f);
		assert_int_equal(f.n, 0);
		assert_ptr_equal(o.district, o.city);
		findings_free(&f);
		regions_free(&gd);
	}
	assert_null(region_find(&prov, NULL));
	assert_null(region_find(&prov, ""));
	regions_free(&prov);
	regions_free(&cities);
	regions_free(&districts);
	regions_free(NULL);
}

static void
test_photo(void **state)
{
	static const struct {
		const char		*label;
		enum verify_method	 m;
		struct photo_measure	 p;
		const char		*rule;	/* NULL: passes */
	} v[] = {
		{ "curtain ok", VM_CURTAIN, { 900, 1200, 120, 500, 0, 80 }, NULL },
		{ "white ok", VM_WHITE, { 900, 1200, 150, 500, 80, 0 }, NULL },
		{ "narrow", VM_WHITE, { 599, 1200, 150, 500, 80, 0 }, "photo_size" },
		{ "short", VM_WHITE, { 900, 799, 150, 500, 80, 0 }, "photo_size" },
		{ "landscape", VM_WHITE, { 1200, 900, 150, 500, 80, 0 }, NULL },
		{ "dark", VM_CURTAIN, { 900, 1200, 40, 500, 0, 80 }, "photo_dark" },
		{ "bright", VM_WHITE, { 900, 1200, 250, 500, 80, 0 }, "photo_bright" },
		{ "blur", VM_WHITE, { 900, 1200, 150, 10, 80, 0 }, "photo_blur" },
		{ "curtain on white", VM_CURTAIN, { 900, 1200, 150, 500, 90, 0 },
		  "photo_backdrop" },
		{ "white on blue", VM_WHITE, { 900, 1200, 120, 500, 0, 90 },
		  "photo_backdrop" },
		{ "the app takes its own", VM_SHANGHAI, { 1, 1, 0, 0, 0, 0 }, NULL },
	};
	struct filing		 f;
	struct findings		 out;
	const struct finding	*e;
	size_t			 i;

	(void)state;
	fx_filing(&f, true);
	fx_rule(&f, RK_UPLOAD_MIN_BRIGHTNESS, 60, "");
	fx_rule(&f, RK_UPLOAD_MAX_BRIGHTNESS, 235, "");
	fx_rule(&f, RK_UPLOAD_MIN_SHARPNESS, 40, "");
	fx_rule(&f, RK_PHOTO_WHITE_BORDER_MIN_PERCENT, 55, "");
	fx_rule(&f, RK_PHOTO_BLUE_BORDER_MIN_PERCENT, 45, "");
	for (i = 0; i < NITEMS(v); i++) {
		memset(&out, 0, sizeof(out));
		verify_photo_check(&f.rules, v[i].m, &v[i].p, &out);
		if (v[i].rule == NULL)
			check_row(out.n == 0, i, v[i].label);
		else {
			e = fx_find(&out, v[i].rule, "file");
			check_row(e != NULL && strcmp(e->reason, "R10") == 0 &&
			    e->fix != NULL, i, v[i].label);
		}
		findings_free(&out);
	}
	/* A threshold of 0 is not checked. */
	fx_rule(&f, RK_PHOTO_WHITE_BORDER_MIN_PERCENT, 0, "");
	memset(&out, 0, sizeof(out));
	verify_photo_check(&f.rules, VM_WHITE, &v[9].p, &out);
	assert_int_equal(out.n, 0);
	findings_free(&out);
	filing_free(&f);
}

static void
test_persons(void **state)
{
	struct filing		 f;
	struct verify_persons	 ps;
	struct findings		 out;
	struct buf		 mobiles = BUF_INIT;
	char			 id[19];

	(void)state;
	fx_filing(&f, true);
	fx_website(&f, 12, "example.cn");
	fx_website(&f, 13, "example.com");	/* the leader again */
	fx_website(&f, 14, "example.net");
	fx_owner(&f.w[2], "李四", fx_id(id, "330106", "19850505", "456"),
	    "13900000002", "lisi@example.com");
	verify_persons(&f, &ps);
	assert_int_equal(ps.n, 2);
	assert_int_equal(ps.v[0].first->id, 12);
	assert_int_equal(ps.v[0].nwebsites, 2);
	assert_int_equal(ps.v[1].first->id, 14);
	assert_int_equal(verify_slot(&f, 13), 12);
	assert_int_equal(verify_slot(&f, 14), 14);
	assert_int_equal(verify_slot(&f, 99), 0);
	verify_mobiles(&ps, &mobiles);
	assert_string_equal(mobiles.p, "13800000001,13900000002");

	memset(&out, 0, sizeof(out));
	verify_ready(VM_CURTAIN, &ps, false, &out);
	assert_int_equal(out.n, 2);
	assert_string_equal(out.v[0].rule, "photo_missing");
	assert_int_equal(out.v[1].target.website_id, 14);
	findings_free(&out);
	verify_persons_free(&ps);

	/* Photos: one on the second website counts for its person. */
	fx_upload(&f, 70, 13, "curtain_photo", NULL);
	fx_upload(&f, 71, 14, "curtain_photo", NULL);
	fx_item(&f, "R10c", NULL, 71, 14, "curtain_photo", NULL);
	verify_persons(&f, &ps);
	assert_int_equal(ps.v[0].photo->id, 70);
	assert_non_null(ps.v[1].rejected);
	memset(&out, 0, sizeof(out));
	verify_ready(VM_WHITE, &ps, false, &out);
	assert_int_equal(out.n, 1);
	assert_string_equal(out.v[0].rule, "photo_rejected");
	assert_string_equal(out.v[0].reason, "R10c");
	findings_free(&out);
	verify_persons_free(&ps);

	/* Replaced: nothing left. */
	fx_upload(&f, 72, 14, "curtain_photo", NULL);
	verify_persons(&f, &ps);
	memset(&out, 0, sizeof(out));
	verify_ready(VM_WHITE, &ps, false, &out);
	assert_int_equal(out.n, 0);
	findings_free(&out);
	/* The app: the code, not the photos. */
	memset(&out, 0, sizeof(out));
	verify_ready(VM_SHANGHAI, &ps, false, &out);
	assert_int_equal(out.n, 1);
	assert_string_equal(out.v[0].rule, "shanghai_code");
	findings_free(&out);
	memset(&out, 0, sizeof(out));
	verify_ready(VM_SHANGHAI, &ps, true, &out);
	assert_int_equal(out.n, 0);
	findings_free(&out);
	verify_persons_free(&ps);
	verify_persons_free(NULL);
	buf_free(&mobiles);
	filing_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_method),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_photo),
		cmocka_unit_test(test_persons),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
