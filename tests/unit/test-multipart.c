/* multipart/form-data: the cases of docs/security.md B.4, and more. */
#include "unit.h"

#include "lib/multipart.h"
#include "lib/util.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define CRLF		"\r\n"

static void
test_boundary(void **state)
{
	static const struct {
		const char	*ct, *want;	/* want NULL: refused */
	} cases[] = {
		{ "multipart/form-data; boundary=XyZ", "XyZ" },
		{ "multipart/form-data; Boundary=XyZ", "XyZ" },
		{ "multipart/form-data; boundary=\"a b:c\"; charset=utf-8", "a b:c" },
		{ "multipart/form-data; charset=utf-8; boundary=----WebKitFormBoundary7MA4YWxk",
		  "----WebKitFormBoundary7MA4YWxk" },
		{ "multipart/form-data; boundary=1234567890123456789012345678901234567890123456789012345678901234567890",
		  "1234567890123456789012345678901234567890123456789012345678901234567890" },
		{ "multipart/form-data; boundary=12345678901234567890123456789012345678901234567890123456789012345678901",
		  NULL },
		{ "multipart/form-data; boundary=", NULL },
		{ "multipart/form-data; boundary=\"\"", NULL },
		{ "multipart/form-data; boundary=\"ends in space \"", NULL },
		{ "multipart/form-data; boundary=a<b", NULL },
		{ "multipart/form-data", NULL },
		{ "multipart/form-data; boundary=\"unclosed", NULL },
	};
	char	 out[MP_BOUNDARY_MAX + 1];
	size_t	 i;
	bool	 ok;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		ok = mp_boundary(cases[i].ct, out);
		check_row(ok == (cases[i].want != NULL), i, cases[i].ct);
		if (ok)
			check_row(strcmp(out, cases[i].want) == 0, i, cases[i].ct);
	}
	assert_false(mp_boundary(NULL, out));
}

static enum app_err
parse(const char *body, struct kvlist *f, struct mp_files *files)
{
	char		*b = dup_exact(body, strlen(body));
	enum app_err	 er;

	memset(f, 0, sizeof(*f));
	memset(files, 0, sizeof(*files));
	er = mp_parse("B", b, strlen(body), f, files);
	/* File data points into the body: check before freeing it. */
	if (er == APP_OK && files->n > 0 && files->v[0].size == 4)
		assert_memory_equal(files->v[0].data, "\xff\xd8\xff\xe0", 4);
	free(b);
	return er;
}

static void
test_parse(void **state)
{
	static const struct {
		const char	*what, *body;
		enum app_err	 want;
		size_t		 fields, files;
	} cases[] = {
		{ "field and file",
		  "--B" CRLF "Content-Disposition: form-data; name=\"kind\"" CRLF CRLF
		  "owner_id_front" CRLF "--B" CRLF
		  "Content-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"" CRLF
		  "Content-Type: image/jpeg" CRLF CRLF "\xff\xd8\xff\xe0" CRLF "--B--" CRLF,
		  APP_OK, 1, 1 },
		{ "preamble and epilogue ignored",
		  "preamble" CRLF "--B" CRLF "Content-Disposition: form-data; name=\"a\""
		  CRLF CRLF "1" CRLF "--B--" CRLF "epilogue", APP_OK, 1, 0 },
		{ "almost a delimiter stays data",
		  "--B" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF
		  "x" CRLF "--Bx" CRLF "--B--", APP_OK, 1, 0 },
		{ "empty value", "--B" CRLF "Content-Disposition: form-data; name=\"a\""
		  CRLF CRLF CRLF "--B--", APP_OK, 1, 0 },
		{ "header names any case",
		  "--B" CRLF "content-disposition: FORM-DATA; NAME=\"a\"" CRLF CRLF "1"
		  CRLF "--B--", APP_OK, 1, 0 },
		{ "padding after the delimiter",
		  "--B  " CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "1"
		  CRLF "--B--", APP_OK, 1, 0 },
		{ "checkbox list: a text field twice",
		  "--B" CRLF "Content-Disposition: form-data; name=\"c\"" CRLF CRLF "1" CRLF
		  "--B" CRLF "Content-Disposition: form-data; name=\"c\"" CRLF CRLF "2" CRLF
		  "--B--", APP_OK, 2, 0 },
		{ "no close delimiter",
		  "--B" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "1",
		  APP_EBADREQ, 0, 0 },
		{ "a part without its end",
		  "--B" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "1"
		  CRLF "--B", APP_EBADREQ, 0, 0 },
		{ "bodyless part",
		  "--B" CRLF "Content-Disposition: form-data; name=\"x\"" CRLF CRLF "--B"
		  CRLF "Content-Disposition: form-data; name=\"y\"" CRLF CRLF "v" CRLF
		  "--B--", APP_EBADREQ, 0, 0 },
		{ "bare LF in the framing",
		  "--B\nContent-Disposition: form-data; name=\"a\"\n\n1\n--B--",
		  APP_EBADREQ, 0, 0 },
		{ "bare LF in a header",
		  "--B" CRLF "Content-Disposition: form-data; name=\"a\"\nX: y" CRLF CRLF
		  "1" CRLF "--B--", APP_EBADREQ, 0, 0 },
		{ "no name", "--B" CRLF "Content-Disposition: form-data" CRLF CRLF "1" CRLF
		  "--B--", APP_EBADREQ, 0, 0 },
		{ "not form-data", "--B" CRLF "Content-Disposition: attachment; name=\"a\""
		  CRLF CRLF "1" CRLF "--B--", APP_EBADREQ, 0, 0 },
		{ "no disposition", "--B" CRLF "Content-Type: text/plain" CRLF CRLF "1"
		  CRLF "--B--", APP_EBADREQ, 0, 0 },
		{ "two file parts of one name",
		  "--B" CRLF "Content-Disposition: form-data; name=\"f\"; filename=\"a\""
		  CRLF CRLF "1" CRLF "--B" CRLF
		  "Content-Disposition: form-data; name=\"f\"; filename=\"b\"" CRLF CRLF
		  "2" CRLF "--B--", APP_EBADREQ, 0, 0 },
		{ "NUL in a text field",
		  "--B" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "1\0x",
		  APP_EBADREQ, 0, 0 },
		{ "invalid UTF-8 in a text field",
		  "--B" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF
		  "\xc3\x28" CRLF "--B--", APP_EBADREQ, 0, 0 },
		{ "unclosed quote", "--B" CRLF "Content-Disposition: form-data; "
		  "name=\"a" CRLF CRLF "1" CRLF "--B--", APP_EBADREQ, 0, 0 },
		{ "empty body", "", APP_EBADREQ, 0, 0 },
		{ "only the close", "--B--", APP_EBADREQ, 0, 0 },
	};
	struct kvlist	 f;
	struct mp_files	 files;
	size_t		 i;
	enum app_err	 er;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		er = parse(cases[i].body, &f, &files);
		check_row(er == cases[i].want, i, cases[i].what);
		if (er == APP_OK) {
			check_row(f.n == cases[i].fields, i, cases[i].what);
			check_row(files.n == cases[i].files, i, cases[i].what);
		}
		kv_free(&f);
		mp_files_free(&files);
	}
}

static void
test_filenames(void **state)
{
	static const struct {
		const char	*param, *want;
	} cases[] = {
		{ "filename=\"../../etc/passwd\"", "../../etc/passwd" },
		{ "filename=\"a\\\"b.jpg\"", "a\"b.jpg" },
		{ "filename=\"\"", "" },
		{ "filename=plain.jpg", "plain.jpg" },
		{ "filename=\"x.jpg\"; filename*=UTF-8''%E8%BA%AB.jpg", "身.jpg" },
		{ "filename*=utf-8'zh'%E8%BA%AB%E4%BB%BD%E8%AF%81.png", "身份证.png" },
	};
	struct kvlist	 f;
	struct mp_files	 files;
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		buf_reset(&b);
		buf_printf(&b, "--B" CRLF "Content-Disposition: form-data; "
		    "name=\"file\"; %s" CRLF CRLF "x" CRLF "--B--", cases[i].param);
		check_row(parse(b.p, &f, &files) == APP_OK, i, cases[i].param);
		check_row(files.n == 1 && strcmp(files.v[0].filename,
		    cases[i].want) == 0, i, cases[i].param);
		kv_free(&f);
		mp_files_free(&files);
	}
	buf_reset(&b);
	buf_puts(&b, "--B" CRLF "Content-Disposition: form-data; name=\"f\"; "
	    "filename*=UTF-8''%zz" CRLF CRLF "x" CRLF "--B--");
	assert_int_equal(parse(b.p, &f, &files), APP_EBADREQ);
	kv_free(&f);
	mp_files_free(&files);
	buf_free(&b);
}

static void
test_limits(void **state)
{
	struct buf	 b = BUF_INIT;
	struct kvlist	 f;
	struct mp_files	 files;
	size_t		 i;

	(void)state;
	/* One part more than allowed. */
	for (i = 0; i <= MP_MAX_PARTS; i++)
		buf_printf(&b, "--B" CRLF "Content-Disposition: form-data; "
		    "name=\"f%zu\"" CRLF CRLF "v" CRLF, i);
	buf_puts(&b, "--B--");
	assert_int_equal(parse(b.p, &f, &files), APP_EBADREQ);
	kv_free(&f);
	mp_files_free(&files);

	/* Too many headers in a part. */
	buf_reset(&b);
	buf_puts(&b, "--B" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF);
	for (i = 0; i < MP_MAX_HEADERS; i++)
		buf_printf(&b, "X-H%zu: v" CRLF, i);
	buf_puts(&b, CRLF "1" CRLF "--B--");
	assert_int_equal(parse(b.p, &f, &files), APP_EBADREQ);
	kv_free(&f);
	mp_files_free(&files);

	/* A header block over the limit. */
	buf_reset(&b);
	buf_puts(&b, "--B" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF
	    "X-Long: ");
	for (i = 0; i < MP_MAX_HEADER; i++)
		buf_puts(&b, "x");
	buf_puts(&b, CRLF CRLF "1" CRLF "--B--");
	assert_int_equal(parse(b.p, &f, &files), APP_EBADREQ);
	kv_free(&f);
	mp_files_free(&files);

	/* A megabyte of CRLF before the first boundary: linear, refused. */
	buf_reset(&b);
	for (i = 0; i < 500000; i++)
		buf_puts(&b, CRLF);
	assert_int_equal(parse(b.p, &f, &files), APP_EBADREQ);
	kv_free(&f);
	mp_files_free(&files);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundary),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_filenames),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
