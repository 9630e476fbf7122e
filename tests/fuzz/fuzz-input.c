/*
 * Key tables (input.c) over any body: the first byte picks JSON or a
 * form, the rest goes through the parser the programs use (json_body_parse
 * or kv_parse_urlencoded) and, if it parses, through one table with every
 * kind of field -- a string, a dotted path with a validator, a flag, a
 * list and a list of objects' members.  What the table fills must be
 * what the body said: a string field is absent or valid UTF-8, a list's
 * count matches its entries, and a refusal names its fields.
 */
#include <assert.h>
#include <stddef.h>
#include <string.h>

#include "lib/app.h"
#include "lib/input.h"
#include "lib/parse.h"
#include "lib/util.h"
#include "../unit/input-table.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	struct req	 r;
	struct resp	 w;
	struct thing	 t;
	struct strs	 own = { NULL, 0 };
	enum app_err	 er;
	size_t		 i;

	if (sz < 1)
		return 0;
	memset(&r, 0, sizeof(r));
	memset(&w, 0, sizeof(w));
	memset(&t, 0, sizeof(t));
	if (data[0] & 1) {
		r.body_kind = BODY_JSON;
		er = json_body_parse((const char *)data + 1, sz - 1, 16, &r.json);
	} else {
		r.body_kind = BODY_FORM;
		er = kv_parse_urlencoded(&r.form, (const char *)data + 1, sz - 1);
	}
	if (er == APP_OK) {
		er = input_fill(&r, &w, fields, nitems(fields), &t, &own);
		if (er == APP_OK)
			assert(w.fields == NULL && t.name != NULL &&
			    *t.name != '\0' && t.ntags > 0);
		else
			assert(json_object_size(w.fields) > 0);
		if (t.name != NULL)
			assert(utf8_valid(t.name, strlen(t.name)));
		if (t.mobile != NULL && *t.mobile != '\0' && er == APP_OK)
			assert(valid_mobile(t.mobile) == VR_OK);
		for (i = 0; i < t.ntags; i++)
			if (t.tags[i] != NULL)
				assert(utf8_valid(t.tags[i], strlen(t.tags[i])));
		assert(t.tags == NULL || t.tags[t.ntags] == NULL);
		assert(t.kinds == NULL || t.kinds[t.nkinds] == NULL);
	}
	strs_free(&own);
	kv_free(&r.form);
	json_decref(r.json);
	json_decref(w.fields);
	return 0;
}
