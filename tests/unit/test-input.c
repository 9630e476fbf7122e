/*
 * Key tables for input (input.c): one table fills a struct from a JSON
 * body or a form alike, with one field map for the 422.
 */
#include "unit.h"

#include <stddef.h>

#include "lib/app.h"
#include "lib/input.h"
#include "lib/parse.h"

#include "input-table.h"

/* *body: the request's JSON, which the strings borrow from. */
static enum app_err
fill_json(const char *text, struct thing *t, struct resp *w,
    struct strs *own, json_t **body)
{
	struct req	 r;

	memset(&r, 0, sizeof(r));
	memset(t, 0, sizeof(*t));
	r.body_kind = BODY_JSON;
	r.json = *body = json_loads(text, 0, NULL);
	assert_non_null(r.json);
	return input_fill(&r, w, fields, sizeof(fields) / sizeof(fields[0]), t,
	    own);
}

static void
test_json(void **state)
{
	struct thing	 t;
	struct resp	 w;
	struct strs	 own = { NULL, 0 };
	json_t		*body;

	(void)state;
	memset(&w, 0, sizeof(w));
	assert_int_equal(fill_json("{\"name\":\"示例\",\"owner\":{\"mobile\":"
	    "\"13800000001\"},\"agree\":true,\"tags\":[\"a\",7,{}],"
	    "\"items\":[{\"kind\":\"x\"},{\"kind\":3},{}]}", &t, &w, &own,
	    &body), APP_OK);
	assert_string_equal(t.name, "示例");
	assert_string_equal(t.mobile, "13800000001");
	assert_true(t.agree);
	assert_int_equal(t.ntags, 3);
	assert_string_equal(t.tags[0], "a");
	assert_string_equal(t.tags[1], "7");
	assert_null(t.tags[2]);		/* not a string: read as absent */
	assert_null(t.tags[3]);
	assert_int_equal(t.nkinds, 3);
	assert_string_equal(t.kinds[0], "x");
	assert_string_equal(t.kinds[1], "3");
	assert_null(t.kinds[2]);
	assert_null(w.fields);
	strs_free(&own);
	json_decref(body);

	/* Missing, empty, of the wrong type, failing its validator. */
	assert_int_equal(fill_json("{\"name\":[],\"owner\":{\"mobile\":\"12\"},"
	    "\"agree\":\"yes\",\"tags\":[]}", &t, &w, &own, &body), APP_EINVAL);
	assert_null(t.name);
	assert_false(t.agree);
	assert_string_equal(json_string_value(json_object_get(w.fields,
	    "name")), "请填写名称");
	assert_string_equal(json_string_value(json_object_get(w.fields,
	    "owner.mobile")), valid_message(VR_MOBILE));
	assert_string_equal(json_string_value(json_object_get(w.fields,
	    "tags")), "请至少选一个");
	assert_int_equal(json_object_size(w.fields), 3);
	strs_free(&own);
	json_decref(body);
	json_decref(w.fields);
}

static void
test_form(void **state)
{
	static const char body[] = "name=%E7%A4%BA%E4%BE%8B&owner.mobile="
	    "13800000001&agree=on&tag=a&tag=b&item_kind=x";
	struct thing	 t;
	struct req	 r;
	struct resp	 w;
	struct strs	 own = { NULL, 0 };

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&w, 0, sizeof(w));
	memset(&t, 0, sizeof(t));
	r.body_kind = BODY_FORM;
	assert_int_equal(kv_parse_urlencoded(&r.form, body, sizeof(body) - 1),
	    APP_OK);
	assert_int_equal(input_fill(&r, &w, fields, sizeof(fields) /
	    sizeof(fields[0]), &t, &own), APP_OK);
	assert_string_equal(t.name, "示例");
	assert_true(t.agree);
	assert_int_equal(t.ntags, 2);
	assert_string_equal(t.tags[1], "b");
	assert_int_equal(t.nkinds, 1);
	assert_string_equal(t.kinds[0], "x");
	strs_free(&own);
	kv_free(&r.form);

	/* A checkbox left unticked; a form with nothing. */
	memset(&r, 0, sizeof(r));
	r.body_kind = BODY_FORM;
	assert_int_equal(kv_parse_urlencoded(&r.form, "agree=0", 7), APP_OK);
	assert_int_equal(input_fill(&r, &w, fields, sizeof(fields) /
	    sizeof(fields[0]), &t, &own), APP_EINVAL);
	assert_false(t.agree);
	assert_int_equal(t.ntags, 0);
	assert_non_null(json_object_get(w.fields, "tags"));
	strs_free(&own);
	strs_free(&own);
	kv_free(&r.form);
	json_decref(w.fields);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_form),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
