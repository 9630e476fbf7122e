/* cgi/lib/conf.c: the strict configuration reader. */
#include <errno.h>
#include <unistd.h>

#include "unit.h"

#include "lib/conf.h"
#include "lib/util.h"

#define SECRET32	"0123456789abcdef0123456789abcdef"
#define SECRET40	SECRET32 "ghijklmn"

/* The required keys only: everything else takes its default. */
static const char	 minimal[] =
	"db_socket = /run/mysqld/mysqld.sock\n"
	"db_name = beian\n"
	"db_user = beian_app\n"
	"db_password = s3cret pass\n"
	"jwt_secret = " SECRET40 "\n";

static enum app_err
parse(struct conf *c, const char *text, char *err, size_t errsz)
{
	char		*in;
	enum app_err	 er;

	in = dup_exact(text, strlen(text));
	er = conf_parse(c, in, strlen(text), err, errsz);
	free(in);
	return er;
}

static void
test_minimal_defaults(void **state)
{
	struct conf	 c;
	char		 err[256];

	(void)state;
	assert_int_equal(parse(&c, minimal, err, sizeof(err)), APP_OK);
	assert_string_equal(err, "");
	assert_string_equal(c.db_socket, "/run/mysqld/mysqld.sock");
	assert_string_equal(c.db_name, "beian");
	assert_string_equal(c.db_user, "beian_app");
	assert_string_equal(c.db_password, "s3cret pass");
	assert_string_equal(c.jwt_secret, SECRET40);
	assert_int_equal(c.jwt_secret_len, 40);
	/* defaults */
	assert_string_equal(c.jwt_issuer, "beian");
	assert_string_equal(c.jwt_audience, "beian-portal");
	assert_string_equal(c.sql_dir, "");
	assert_string_equal(c.log_level, "info");
	assert_int_equal(c.session_ttl, 28800);
	assert_int_equal(c.max_body, 1048576);
	assert_int_equal(c.json_max_depth, 16);
	assert_int_equal(c.argon2_ops, 2);
	assert_int_equal(c.argon2_mem_kib, 19456);
	assert_int_equal(c.login_max_failures, 5);
	assert_int_equal(c.login_window, 900);
	conf_free(&c);
	assert_null(c.db_name);
	assert_null(c.jwt_secret);
	assert_int_equal(c.jwt_secret_len, 0);
	conf_free(&c);			/* twice is fine */
	conf_free(NULL);
}

static void
test_full(void **state)
{
	static const char	 full[] =
	    "# beian.conf: every key, none at its default\n"
	    "\n"
	    "   # an indented comment\n"
	    "\t\n"
	    "db_socket=/tmp/my.sock\n"
	    "db_name\t=\tbeian_test\n"
	    "db_user   =   app\n"
	    "db_password = a=b#not a comment  \n"
	    "jwt_secret = " SECRET32 "\n"
	    "jwt_issuer = beian-test\n"
	    "jwt_audience = beian-test-portal\n"
	    "sql_dir = /usr/share/beian/sql\n"
	    "log_level = debug\n"
	    "session_ttl = 3600\n"
	    "max_body = 2048\n"
	    "json_max_depth = 8\n"
	    "argon2_ops = 3\n"
	    "argon2_mem_kib = 65536\n"
	    "login_max_failures = 10\n"
	    "login_window = 600";	/* no final newline */
	struct conf		 c;
	char			 err[256];

	(void)state;
	assert_int_equal(parse(&c, full, err, sizeof(err)), APP_OK);
	assert_string_equal(c.db_socket, "/tmp/my.sock");
	assert_string_equal(c.db_name, "beian_test");
	assert_string_equal(c.db_user, "app");
	assert_string_equal(c.db_password, "a=b#not a comment");
	assert_string_equal(c.jwt_secret, SECRET32);
	assert_int_equal(c.jwt_secret_len, 32);
	assert_string_equal(c.jwt_issuer, "beian-test");
	assert_string_equal(c.jwt_audience, "beian-test-portal");
	assert_string_equal(c.sql_dir, "/usr/share/beian/sql");
	assert_string_equal(c.log_level, "debug");
	assert_int_equal(c.session_ttl, 3600);
	assert_int_equal(c.max_body, 2048);
	assert_int_equal(c.json_max_depth, 8);
	assert_int_equal(c.argon2_ops, 3);
	assert_int_equal(c.argon2_mem_kib, 65536);
	assert_int_equal(c.login_max_failures, 10);
	assert_int_equal(c.login_window, 600);
	conf_free(&c);
}

static void
test_crlf(void **state)
{
	static const char	 text[] =
	    "# written on Windows\r\n"
	    "\r\n"
	    "db_socket = /s\r\n"
	    "db_name = beian\r\n"
	    "db_user = u\r\n"
	    "db_password = p\r\n"
	    "jwt_secret = " SECRET32 "\r\n"
	    "log_level = warn\r\n"
	    "session_ttl = 120\r\n";
	struct conf		 c;
	char			 err[256];

	(void)state;
	assert_int_equal(parse(&c, text, err, sizeof(err)), APP_OK);
	assert_string_equal(c.db_name, "beian");	/* no '\r' kept */
	assert_string_equal(c.db_password, "p");
	assert_int_equal(c.jwt_secret_len, 32);
	assert_string_equal(c.log_level, "warn");
	assert_int_equal(c.session_ttl, 120);
	conf_free(&c);
}

/* Text that must be refused, and what the message must mention. */
static const struct {
	const char	*name;
	const char	*text;
	size_t		 sz;		/* 0: strlen(text) */
	const char	*want1, *want2;
} bad_cases[] = {
	{ "unknown key", "db_sokcet = /x\n", 0, "line 1", "db_sokcet" },
	{ "unknown key later", "# c\n\ndb_name = b\nfoo = 1\n", 0,
	    "line 4", "unknown key foo" },
	{ "key case", "DB_NAME = b\n", 0, "line 1", "DB_NAME" },
	{ "duplicated key", "db_name = a\ndb_user = u\ndb_name = b\n", 0,
	    "line 3", "db_name given twice" },
	{ "duplicated default key", "log_level = info\nlog_level = info\n", 0,
	    "line 2", "log_level" },
	{ "no =", "db_name beian\n", 0, "line 1", "key = value" },
	{ "bare word", "db_name\n", 0, "line 1", "key = value" },
	{ "empty key", "= value\n", 0, "line 1", "bad key" },
	{ "long key",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    " = 1\n", 0, "line 1", "bad key" },
	{ "NUL in value", "db_name = be\0ian\n", 17, "line 1", "NUL" },
	{ "NUL in key", "db_n\0ame = beian\n", 17, "line 1", "NUL" },
	{ "NUL in comment", "# be\0ian\n", 9, "line 1", "NUL" },
	{ "NUL alone", "\0", 1, "line 1", "NUL" },
	{ "empty text", "", 0, "missing key", "db_socket" },
	{ "comments only", "# x\n# y\n", 0, "missing key", "db_socket" },
};

static void
test_bad_text(void **state)
{
	struct conf	 c;
	char		 err[256], *in;
	size_t		 i, sz;

	(void)state;
	for (i = 0; i < nitems(bad_cases); i++) {
		sz = bad_cases[i].sz != 0 ? bad_cases[i].sz :
		    strlen(bad_cases[i].text);
		memset(err, 0, sizeof(err));
		in = dup_exact(bad_cases[i].text, sz);
		check_row(conf_parse(&c, in, sz, err, sizeof(err)) ==
		    APP_EINVAL, i, bad_cases[i].name);
		free(in);
		check_row(strstr(err, bad_cases[i].want1) != NULL, i, err);
		check_row(strstr(err, bad_cases[i].want2) != NULL, i, err);
		/* Freed and zeroed on failure. */
		check_row(c.db_name == NULL && c.jwt_secret == NULL, i,
		    bad_cases[i].name);
		conf_free(&c);
	}
}

/* Each required key, left out in turn. */
static void
test_missing_required(void **state)
{
	static const char *const	 req[] = {
		"db_socket", "db_name", "db_user", "db_password", "jwt_secret"
	};
	struct buf			 b = BUF_INIT;
	struct conf			 c;
	char				 err[256], want[64];
	const char			*p, *eol;
	size_t				 i;

	(void)state;
	for (i = 0; i < nitems(req); i++) {
		buf_reset(&b);
		for (p = minimal; *p != '\0'; p = eol + 1) {
			eol = strchr(p, '\n');
			if (strncmp(p, req[i], strlen(req[i])) != 0)
				buf_append(&b, p, (size_t)(eol - p + 1));
		}
		check_row(conf_parse(&c, b.p, b.len, err, sizeof(err)) ==
		    APP_EINVAL, i, req[i]);
		snprintf(want, sizeof(want), "missing key %s", req[i]);
		check_row(strstr(err, want) != NULL, i, err);
		conf_free(&c);
	}
	buf_free(&b);
}

/* minimal with one line appended or replaced */
static enum app_err
parse_with(struct conf *c, const char *line, char *err, size_t errsz)
{
	struct buf	 b = BUF_INIT;
	enum app_err	 er;

	buf_puts(&b, minimal);
	buf_puts(&b, line);
	buf_puts(&b, "\n");
	er = parse(c, b.p, err, errsz);
	buf_free(&b);
	return er;
}

static enum app_err
parse_secret(struct conf *c, const char *line, char *err, size_t errsz)
{
	struct buf	 b = BUF_INIT;
	enum app_err	 er;

	buf_puts(&b, "db_socket = /s\ndb_name = n\ndb_user = u\n"
	    "db_password = p\n");
	buf_puts(&b, line);
	er = parse(c, b.p, err, errsz);
	buf_free(&b);
	return er;
}

static const struct {
	const char	*line;
	bool		 ok;
	size_t		 len;
} secret_cases[] = {
	{ "jwt_secret = " SECRET32, true, 32 },
	{ "jwt_secret = " SECRET40, true, 40 },
	/* 31 bytes */
	{ "jwt_secret = 0123456789abcdef0123456789abcde", false, 0 },
	{ "jwt_secret =", false, 0 },
	{ "jwt_secret = ", false, 0 },
	{ "jwt_secret =    \t", false, 0 },
	/* Surrounding blanks are not part of the secret. */
	{ "jwt_secret =    0123456789abcdef0123456789abcde   ", false, 0 },
	{ "jwt_secret =\t" SECRET32 "\t\r", true, 32 },
	/* Inner blanks are. */
	{ "jwt_secret = 0123456789abcdef 0123456789abcde", true, 32 },
};

static void
test_secret_length(void **state)
{
	struct conf	 c;
	char		 err[256];
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(secret_cases); i++) {
		err[0] = 'X';
		check_row((parse_secret(&c, secret_cases[i].line, err,
		    sizeof(err)) == APP_OK) == secret_cases[i].ok, i,
		    secret_cases[i].line);
		if (secret_cases[i].ok) {
			check_row(c.jwt_secret_len == secret_cases[i].len, i,
			    secret_cases[i].line);
			check_row(strlen(c.jwt_secret) == secret_cases[i].len,
			    i, secret_cases[i].line);
		} else
			check_row(strstr(err, "jwt_secret") != NULL &&
			    strstr(err, "32") != NULL, i, err);
		conf_free(&c);
	}
}

/* Integer keys: bounds from conf.c's table. */
static const struct {
	const char	*key;
	size_t		 off;
	int64_t		 min, max;
} int_keys[] = {
	{ "session_ttl", offsetof(struct conf, session_ttl), 60, 604800 },
	{ "max_body", offsetof(struct conf, max_body), 1024, 67108864 },
	{ "json_max_depth", offsetof(struct conf, json_max_depth), 2, 64 },
	{ "argon2_ops", offsetof(struct conf, argon2_ops), 1, 10 },
	{ "argon2_mem_kib", offsetof(struct conf, argon2_mem_kib), 8192,
	    1048576 },
	{ "login_max_failures", offsetof(struct conf, login_max_failures), 1,
	    100 },
	{ "login_window", offsetof(struct conf, login_window), 10, 86400 },
};

static int64_t
int_at(const struct conf *c, size_t off)
{
	int64_t	 v;

	memcpy(&v, (const char *)c + off, sizeof(v));
	return v;
}

static void
test_int_bounds(void **state)
{
	struct conf	 c;
	char		 line[128], err[256];
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(int_keys); i++) {
		snprintf(line, sizeof(line), "%s = %lld", int_keys[i].key,
		    (long long)int_keys[i].min);
		check_row(parse_with(&c, line, err, sizeof(err)) == APP_OK, i,
		    line);
		check_row(int_at(&c, int_keys[i].off) == int_keys[i].min, i,
		    line);
		conf_free(&c);

		snprintf(line, sizeof(line), "%s = %lld", int_keys[i].key,
		    (long long)int_keys[i].max);
		check_row(parse_with(&c, line, err, sizeof(err)) == APP_OK, i,
		    line);
		check_row(int_at(&c, int_keys[i].off) == int_keys[i].max, i,
		    line);
		conf_free(&c);

		snprintf(line, sizeof(line), "%s = %lld", int_keys[i].key,
		    (long long)int_keys[i].min - 1);
		check_row(parse_with(&c, line, err, sizeof(err)) ==
		    APP_EINVAL, i, line);
		check_row(strstr(err, int_keys[i].key) != NULL &&
		    strstr(err, "line 6") != NULL, i, err);
		conf_free(&c);

		snprintf(line, sizeof(line), "%s = %lld", int_keys[i].key,
		    (long long)int_keys[i].max + 1);
		check_row(parse_with(&c, line, err, sizeof(err)) ==
		    APP_EINVAL, i, line);
		conf_free(&c);
	}
}

static const struct {
	const char	*line;
	bool		 ok;
	int64_t		 want;
} int_cases[] = {
	{ "login_max_failures = 7", true, 7 },
	{ "login_max_failures =  5", true, 5 },	/* " 5" after = */
	{ "login_max_failures=5", true, 5 },
	{ "login_max_failures = 5   ", true, 5 },
	{ "login_max_failures = 5\r", true, 5 },
	{ "login_max_failures = 12abc", false, 0 },
	{ "login_max_failures = abc", false, 0 },
	{ "login_max_failures = 5 5", false, 0 },
	{ "login_max_failures = +5", false, 0 },
	{ "login_max_failures = -5", false, 0 },
	{ "login_max_failures = 0", false, 0 },
	{ "login_max_failures = 5.0", false, 0 },
	{ "login_max_failures = 0x5", false, 0 },
	{ "login_max_failures = 1e1", false, 0 },
	{ "login_max_failures = ", false, 0 },
	{ "login_max_failures =", false, 0 },
	{ "login_max_failures = 99999999999999999999", false, 0 },
	/* no comments after a value */
	{ "login_max_failures = 5 # five", false, 0 },
};

static void
test_int_syntax(void **state)
{
	struct conf	 c;
	char		 err[256];
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(int_cases); i++) {
		check_row((parse_with(&c, int_cases[i].line, err,
		    sizeof(err)) == APP_OK) == int_cases[i].ok, i,
		    int_cases[i].line);
		if (int_cases[i].ok)
			check_row(c.login_max_failures == int_cases[i].want, i,
			    int_cases[i].line);
		else
			check_row(strstr(err, "login_max_failures needs an "
			    "integer") != NULL, i, err);
		conf_free(&c);
	}
}

static const struct {
	const char	*line;
	bool		 ok;
} str_cases[] = {
	{ "log_level = error", true },
	{ "log_level = warn", true },
	{ "log_level = info", true },
	{ "log_level = debug", true },
	{ "log_level = INFO", false },
	{ "log_level = verbose", false },
	{ "log_level = ", false },
	{ "log_level = info debug", false },
	{ "db_name = other", false },		/* given twice */
};

static void
test_strings(void **state)
{
	struct conf	 c;
	char		 err[256];
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(str_cases); i++) {
		check_row((parse_with(&c, str_cases[i].line, err,
		    sizeof(err)) == APP_OK) == str_cases[i].ok, i,
		    str_cases[i].line);
		if (!str_cases[i].ok && strncmp(str_cases[i].line, "log", 3) ==
		    0)
			check_row(strstr(err, "log_level") != NULL, i, err);
		conf_free(&c);
	}

}

static void
test_empty_values(void **state)
{
	static const struct {
		const char	*text;
		bool		 ok;
	} t[] = {
		{ "db_socket =\ndb_name = n\ndb_user = u\ndb_password = p\n"
		    "jwt_secret = " SECRET32 "\n", false },
		{ "db_socket = s\ndb_name =\ndb_user = u\ndb_password = p\n"
		    "jwt_secret = " SECRET32 "\n", false },
		{ "db_socket = s\ndb_name = n\ndb_user =\ndb_password = p\n"
		    "jwt_secret = " SECRET32 "\n", false },
		/* An empty password is allowed (unix socket auth). */
		{ "db_socket = s\ndb_name = n\ndb_user = u\ndb_password =\n"
		    "jwt_secret = " SECRET32 "\n", true },
	};
	struct conf	 c;
	char		 err[256];
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(t); i++) {
		check_row((parse(&c, t[i].text, err, sizeof(err)) == APP_OK) ==
		    t[i].ok, i, t[i].text);
		if (t[i].ok)
			check_row(strcmp(c.db_password, "") == 0, i, "");
		else
			check_row(strstr(err, "must not be empty") != NULL, i,
			    err);
		conf_free(&c);
	}
}

static void
test_err_buffer(void **state)
{
	struct conf	 c;
	char		 err[8];

	(void)state;
	/* No error buffer at all. */
	assert_int_equal(parse(&c, "nope = 1\n", NULL, 0), APP_EINVAL);
	conf_free(&c);
	/* A short one is truncated, still terminated. */
	memset(err, 'X', sizeof(err));
	assert_int_equal(parse(&c, "nope = 1\n", err, sizeof(err)),
	    APP_EINVAL);
	assert_int_equal(strlen(err), sizeof(err) - 1);
	assert_memory_equal(err, "line 1:", 7);
	conf_free(&c);
}

static char *
tmpconf(const char *text, size_t len)
{
	char	 tmpl[] = "/tmp/beian-test-conf.XXXXXX", *path;
	int	 fd;

	fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
	path = xstrdup(tmpl);
	return path;
}

static void
test_load(void **state)
{
	struct conf	 c;
	struct buf	 big = BUF_INIT;
	char		 err[512], *path;
	size_t		 i;

	(void)state;
	assert_int_equal(conf_load(&c, "/nonexistent/beian.conf", err,
	    sizeof(err)), APP_EINVAL);
	assert_non_null(strstr(err, "/nonexistent/beian.conf"));
	assert_non_null(strstr(err, strerror(ENOENT)));
	assert_null(c.db_name);
	conf_free(&c);

	path = tmpconf(minimal, sizeof(minimal) - 1);
	assert_int_equal(conf_load(&c, path, err, sizeof(err)), APP_OK);
	assert_string_equal(c.db_name, "beian");
	assert_int_equal(c.jwt_secret_len, 40);
	assert_int_equal(c.session_ttl, 28800);
	conf_free(&c);
	unlink(path);
	free(path);

	/* A file with an error: the reason names the line. */
	path = tmpconf("db_name = x\nbogus = 1\n", 22);
	assert_int_equal(conf_load(&c, path, err, sizeof(err)), APP_EINVAL);
	assert_non_null(strstr(err, "line 2: unknown key bogus"));
	unlink(path);
	free(path);

	/* An empty file */
	path = tmpconf("", 0);
	assert_int_equal(conf_load(&c, path, err, sizeof(err)), APP_EINVAL);
	assert_non_null(strstr(err, "missing key"));
	unlink(path);
	free(path);

	/* Over 64 KiB: refused before parsing. */
	buf_puts(&big, minimal);
	for (i = 0; i < 70000 / 10; i++)
		buf_puts(&big, "#########\n");
	path = tmpconf(big.p, big.len);
	assert_int_equal(conf_load(&c, path, err, sizeof(err)), APP_EINVAL);
	assert_non_null(strstr(err, "too large"));
	unlink(path);
	free(path);
	buf_free(&big);

	/* A directory cannot be read as a file. */
	assert_int_equal(conf_load(&c, "/tmp", err, sizeof(err)), APP_EINVAL);
	conf_free(&c);
}

static void
test_default_path(void **state)
{
	(void)state;
	assert_int_equal(unsetenv("BEIAN_CONF"), 0);
	assert_int_equal(unsetenv("BEIAN_VAR"), 0);
	assert_string_equal(conf_default_path(), "var/beian.conf");
	assert_int_equal(setenv("BEIAN_VAR", "/srv/beian/var", 1), 0);
	assert_string_equal(conf_default_path(), "/srv/beian/var/beian.conf");
	assert_int_equal(setenv("BEIAN_CONF", "/etc/beian.conf", 1), 0);
	assert_string_equal(conf_default_path(), "/etc/beian.conf");
	/* Empty means unset. */
	assert_int_equal(setenv("BEIAN_CONF", "", 1), 0);
	assert_string_equal(conf_default_path(), "/srv/beian/var/beian.conf");
	assert_int_equal(setenv("BEIAN_VAR", "", 1), 0);
	assert_string_equal(conf_default_path(), "var/beian.conf");
	unsetenv("BEIAN_CONF");
	unsetenv("BEIAN_VAR");
}

/* The bureau: the simulator by default; http only with a URL and a key. */
static void
test_bureau(void **state)
{
	static const struct {
		const char	*lines;
		bool		 ok;
		const char	*err;
	} v[] = {
		{ "", true, NULL },
		{ "bureau = sim\nbureau_sim_auto = 1\nbureau_sim_delay = 0", true,
		  NULL },
		{ "bureau = http\nbureau_url = https://bureau.example/filings\n"
		  "bureau_secret = " SECRET32, true, NULL },
		{ "bureau = ftp", false, "sim or http" },
		{ "bureau = http\nbureau_secret = " SECRET32, false, "bureau_url" },
		{ "bureau = http\nbureau_url = file:///etc/passwd\n"
		  "bureau_secret = " SECRET32, false, "bureau_url" },
		{ "bureau = http\nbureau_url = http://b.example/\n"
		  "bureau_secret = short", false, "32 bytes" },
		{ "bureau_sim_auto = 2", false, "bureau_sim_auto" },
		{ "bureau_sim_delay = -1", false, "bureau_sim_delay" },
	};
	struct conf	 c;
	char		 err[256];
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(v); i++) {
		err[0] = '\0';
		check_row((parse_with(&c, v[i].lines, err, sizeof(err)) ==
		    APP_OK) == v[i].ok, i, v[i].lines);
		check_row(v[i].ok || strstr(err, v[i].err) != NULL, i, err);
		if (i == 0)
			check_row(strcmp(c.bureau, "sim") == 0 &&
			    c.bureau_sim_auto == 0 && c.bureau_sim_delay == 60,
			    i, "defaults");
		conf_free(&c);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_defaults),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_bad_text),
		cmocka_unit_test(test_missing_required),
		cmocka_unit_test(test_secret_length),
		cmocka_unit_test(test_int_bounds),
		cmocka_unit_test(test_int_syntax),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_empty_values),
		cmocka_unit_test(test_err_buffer),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_default_path),
		cmocka_unit_test(test_bureau),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
