/*
 * The rules engine of the website step over any input: a typed order of
 * the unit tests' fixture (tests/unit/fixture.h, no database) whose
 * website and owner take their fields from the input, lines in order:
 * name, domain, homepage, remark, content bits, languages, owner name,
 * ID type, ID number, valid until, mobile, emergency phone, email.  The
 * first byte picks a personal or a company subject and whether the owner
 * is the subject's leader.  The rules must answer every input (fixture
 * rules compile, so never APP_EINTERNAL), and every finding must name
 * its rule and say something.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "../unit/fixture.h"
#include "fuzz.h"

#define NFIELDS	13

/* Line i of the input (after the first byte), NUL-terminated; "" past the end. */
static char *
line(const uint8_t *p, size_t n, size_t i)
{
	const uint8_t	*e;
	size_t		 k;

	for (k = 0; k < i && n > 0; k++) {
		if ((e = memchr(p, '\n', n)) == NULL)
			return xstrdup("");
		n -= (size_t)(e - p) + 1;
		p = e + 1;
	}
	e = memchr(p, '\n', n);
	k = e != NULL ? (size_t)(e - p) : n;
	return xstrndup((const char *)p, k);
}

static void
put(char **dst, char *s)
{
	free(*dst);
	*dst = s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	struct filing	 f;
	struct website	*w;
	struct site_in	 in;
	struct site_out	 o;
	struct findings	 found;
	char		*v[NFIELDS];
	enum app_err	 er;
	int64_t		 n;
	size_t		 i;

	if (sz < 1 || sz > 4096)
		return 0;
	memset(&f, 0, sizeof(f));
	memset(&in, 0, sizeof(in));
	memset(&o, 0, sizeof(o));
	memset(&found, 0, sizeof(found));
	fx_filing(&f, (data[0] & 1) != 0);
	w = fx_website(&f, 12, "example.cn");
	for (i = 0; i < NFIELDS; i++)
		v[i] = line(data + 1, sz - 1, i);
	put(&w->name, v[0]);
	put(&w->domain, v[1]);
	put(&w->domain_ascii, xstrdup(v[1]));
	put(&w->homepage, v[2]);
	put(&w->remark, v[3]);
	w->content_bits = str_to_i64(v[4], 0, INT64_MAX, &n) ? n : 0;
	free(v[4]);
	put(&w->languages, v[5]);
	w->owner.same_as_leader = (data[0] & 2) != 0;
	put(&w->owner.name, v[6]);
	w->owner.id_type = str_to_i64(v[7], 0, 99, &n) ? n : 0;
	free(v[7]);
	put(&w->owner.id_number, v[8]);
	if (*v[9] == '\0') {
		free(v[9]);
		put(&w->owner.valid_until, NULL);
	} else
		put(&w->owner.valid_until, v[9]);
	put(&w->owner.mobile, v[10]);
	put(&w->owner.emergency, v[11]);
	put(&w->owner.email, v[12]);

	site_in_of(&in, w);
	site_keys(&f, &in, &o);
	er = site_rules(&f, w->id, &in, &o, &f.facts[0], &found);
	assert(er == APP_OK);
	assert(!found.failed);
	for (i = 0; i < found.n; i++) {
		assert(found.v[i].rule != NULL && *found.v[i].rule != '\0');
		assert(found.v[i].message != NULL && *found.v[i].message != '\0');
	}
	findings_free(&found);
	site_out_free(&o);
	site_in_free(&in);
	filing_free(&f);
	return 0;
}
