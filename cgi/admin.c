/*
 * beian-admin: the operator's command line (DESIGN.md "Running").
 *
 *   beian-admin migrate
 *   beian-admin account add --login L --role applicant|reviewer|admin
 *       [--name N] [--mobile M] [--email E]      (password on stdin)
 *   beian-admin demo
 *   beian-admin check    (prepare every statement against the schema)
 *   beian-admin subject add --account L --nature N --name N --province P
 *       --icp-number 浙ICP备26000001号 --cert-type T --cert-number X
 *       --leader-name N --leader-id-type T --leader-id-number X
 *       --leader-mobile M --leader-email E [--legal-rep-name N]
 *   beian-admin website add --subject ID --name N --domain D
 *       --icp-number 浙ICP备26000001号-1
 *   beian-admin instance add --account L --product ecs|swas|market
 *       --region R --billing subscription|payg --months N
 *       [--public-ip IP] [--overseas] [--state running|stopped]
 *   beian-admin instance set --id ID [--state S] [--expires YYYY-MM-DD]
 *   beian-admin sin issue --instance ID --count N
 *   beian-admin sin list [--instance ID]
 *   beian-admin sin grant --number N --account L
 *   beian-admin order open --subject ID --kind change_subject
 *   beian-admin domain set --domain D [--holder NAME]
 *       [--holder-cert-number X] [--realname yes|no]
 *       [--expires YYYY-MM-DD] [--icp-number N]
 *
 * Reads the same configuration as the FastCGI programs.  Prints the new
 * object's id (or one line per object) and exits 0; on refusal prints one
 * line on stderr and exits 1 (2 for usage errors).
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "lib/conf.h"
#include "lib/db.h"
#include "lib/log.h"
#include "lib/rules.h"
#include "lib/passwd.h"
#include "lib/sin.h"
#include "lib/util.h"
#include "admin.h"

#ifndef BEIAN_SQLDIR
#define BEIAN_SQLDIR	"sql"
#endif

struct conf	 conf;
struct db	*db;

int
fail(const char *fmt, ...)
{
	va_list	 ap;

	fputs("beian-admin: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* Collect "--name value" pairs and "--flag"s; every name must be in opts. */
int
parse_opts(int argc, char **argv, struct opt *opts, size_t nopts)
{
	int	 i;
	size_t	 k;

	for (i = 0; i < argc; i++) {
		for (k = 0; k < nopts; k++)
			if (strncmp(argv[i], "--", 2) == 0 &&
			    strcmp(argv[i] + 2, opts[k].name) == 0)
				break;
		if (k == nopts || (!opts[k].flag && i + 1 >= argc)) {
			fprintf(stderr, "beian-admin: bad option %s\n", argv[i]);
			return 2;
		}
		opts[k].val = opts[k].flag ? "1" : argv[++i];
	}
	return 0;
}

/* The value of a required option, or NULL after saying it is missing. */
const char *
need(const struct opt *opts, size_t nopts, const char *name)
{
	size_t	 k;

	for (k = 0; k < nopts; k++)
		if (strcmp(opts[k].name, name) == 0 && opts[k].val != NULL)
			return opts[k].val;
	fprintf(stderr, "beian-admin: --%s is required\n", name);
	return NULL;
}

const char *
opt(const struct opt *opts, size_t nopts, const char *name)
{
	size_t	 k;

	for (k = 0; k < nopts; k++)
		if (strcmp(opts[k].name, name) == 0)
			return opts[k].val;
	return NULL;
}

/* --- migrate --- */

struct	applied {
	int64_t	 version[1024];
	char	 sum[1024][65];
	size_t	 n;
};

static enum app_err
applied_row(const struct db_row *row, void *arg)
{
	struct applied	*a = arg;

	if (a->n == nitems(a->version))
		return APP_EINTERNAL;
	a->version[a->n] = db_row_int(row, COL_MIGRATION_LIST_VERSION);
	snprintf(a->sum[a->n], sizeof(a->sum[0]), "%s",
	    db_row_str(row, COL_MIGRATION_LIST_CHECKSUM) != NULL ? db_row_str(row, COL_MIGRATION_LIST_CHECKSUM) : "");
	a->n++;
	return APP_OK;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *
sql_dir(void)
{
	const char	*e;

	if (conf.sql_dir[0] != '\0')
		return conf.sql_dir;
	if ((e = getenv("BEIAN_SQL_DIR")) != NULL && *e != '\0')
		return e;
	return BEIAN_SQLDIR;
}

static bool
read_file(const char *path, struct buf *b)
{
	FILE	*f;
	char	 chunk[8192];
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL)
		return false;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(b, chunk, n);
	n = (size_t)ferror(f);
	fclose(f);
	return n == 0;
}

static int
cmd_migrate(void)
{
	static struct applied	 ap;
	DIR			*d;
	struct dirent		*de;
	char			**names = NULL, path[4096], sum[65], err[512];
	unsigned char		 h[crypto_hash_sha256_BYTES];
	size_t			 n = 0, i, k, done = 0;
	int64_t			 ver;
	struct buf		 b = BUF_INIT;
	struct db_arg		 a[3];
	int			 rc = 1;

	if (db_exec(db, STMT_MIGRATION_TABLE, NULL, 0, NULL) != APP_OK)
		return fail("%s", "cannot create schema_migration");
	memset(&ap, 0, sizeof(ap));
	if (db_query(db, STMT_MIGRATION_LIST, NULL, 0, applied_row, &ap) !=
	    APP_OK)
		return fail("%s", "cannot read schema_migration");
	if ((d = opendir(sql_dir())) == NULL)
		return fail("cannot open %s", sql_dir());
	while ((de = readdir(d)) != NULL) {
		size_t	 len = strlen(de->d_name);

		/* NNN-name.sql; anything else in the folder is not ours. */
		if (len < 9 || strspn(de->d_name, "0123456789") != 3 ||
		    de->d_name[3] != '-' ||
		    strcmp(de->d_name + len - 4, ".sql") != 0)
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);

	for (i = 0; i < n; i++) {
		/* The name was checked to start with three digits. */
		ver = (names[i][0] - '0') * 100 + (names[i][1] - '0') * 10 +
		    (names[i][2] - '0');
		if (i > 0 && strncmp(names[i - 1], names[i], 3) == 0) {
			fail("two migrations share the number of %s", names[i]);
			goto out;
		}
		snprintf(path, sizeof(path), "%s/%s", sql_dir(), names[i]);
		buf_reset(&b);
		if (!read_file(path, &b)) {
			fail("cannot read %s", path);
			goto out;
		}
		crypto_hash_sha256(h, (const unsigned char *)(b.p ? b.p : ""),
		    b.len);
		hex_encode(h, sizeof(h), sum);
		for (k = 0; k < ap.n; k++)
			if (ap.version[k] == ver)
				break;
		if (k < ap.n) {
			/* Applied migrations are history: never edit them. */
			if (strcmp(ap.sum[k], sum) != 0) {
				fail("%s was changed after it was applied; "
				    "add a new migration instead", names[i]);
				goto out;
			}
			continue;
		}
		if (db_run_script(db, b.p ? b.p : "", b.len, err,
		    sizeof(err)) != APP_OK) {
			fprintf(stderr, "beian-admin: %s: %s\n", names[i], err);
			goto out;
		}
		a[0] = DB_I(ver);
		a[1] = DB_S(names[i]);
		a[2] = DB_S(sum);
		if (db_exec(db, STMT_MIGRATION_ADD, a, 3, NULL) != APP_OK) {
			fail("cannot record %s", names[i]);
			goto out;
		}
		printf("applied %s\n", names[i]);
		done++;
	}
	if (done == 0)
		printf("up to date\n");
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	buf_free(&b);
	return rc;
}

/* --- accounts --- */

static bool
role_ok(const char *r)
{
	return strcmp(r, "applicant") == 0 || strcmp(r, "reviewer") == 0 ||
	    strcmp(r, "admin") == 0;
}

static bool
login_ok(const char *l)
{
	size_t	 n = strlen(l);

	return n >= 1 && n <= 64 &&
	    strspn(l, "abcdefghijklmnopqrstuvwxyz0123456789._-@") == n;
}

static enum app_err
exists_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_ACCOUNT_BY_LOGIN_ID);
	return APP_OK;
}

/* 0 and *id on success; prints the reason and returns 1 on refusal. */
static int
account_create(const char *login, const char *role, const char *name,
    const char *mobile, const char *email, const char *pw, int64_t *id)
{
	char		 hash[PASSWD_HASH_MAX];
	struct db_arg	 a[6];
	enum app_err	 er;

	if (!login_ok(login))
		return fail("login %s: use 1-64 of a-z 0-9 . _ - @", login);
	if (!role_ok(role))
		return fail("role %s: applicant, reviewer or admin", role);
	if (strlen(pw) < PASSWD_MIN || strlen(pw) > PASSWD_MAX)
		return fail("%s", "password must be 8-256 characters");
	if (!utf8_valid(name, strlen(name)) || strlen(name) > 100)
		return fail("%s", "name must be UTF-8, at most 100 bytes");
	if (passwd_hash(&conf, pw, hash) != APP_OK)
		return fail("%s", "cannot hash the password");
	a[0] = DB_S(login);
	a[1] = DB_S(name);
	a[2] = DB_S(role);
	a[3] = DB_S(hash);
	a[4] = DB_S(mobile);
	a[5] = DB_S(email);
	er = db_insert(db, STMT_ACCOUNT_INSERT, a, 6, id);
	sodium_memzero(hash, sizeof(hash));
	if (er == APP_ECONFLICT)
		return fail("login %s exists already", login);
	if (er != APP_OK)
		return fail("%s", "database error");
	return 0;
}

static int
cmd_account_add(int argc, char **argv)
{
	struct opt	 o[] = {
		{ "login", NULL, false }, { "role", NULL, false },
		{ "name", NULL, false }, { "mobile", NULL, false },
		{ "email", NULL, false },
	};
	char		 pw[PASSWD_MAX + 2];
	size_t		 n;
	int64_t		 id;
	int		 rc;

	if ((rc = parse_opts(argc, argv, o, nitems(o))) != 0)
		return rc;
	if (o[0].val == NULL || o[1].val == NULL)
		return fail("%s", "account add needs --login and --role");
	if (fgets(pw, sizeof(pw), stdin) == NULL)
		return fail("%s", "no password on stdin");
	n = strcspn(pw, "\r\n");
	pw[n] = '\0';
	rc = account_create(o[0].val, o[1].val,
	    o[2].val != NULL ? o[2].val : o[0].val, o[3].val, o[4].val, pw,
	    &id);
	sodium_memzero(pw, sizeof(pw));
	if (rc == 0)
		printf("%lld\n", (long long)id);
	return rc;
}

/*
 * account set --login L [--role R] [--disabled yes|no]: counts on the
 * account's next request (the session lookup reads the account).
 */
static int
cmd_account_set(int argc, char **argv)
{
	struct opt	 o[] = {
		{ "login", NULL, false }, { "role", NULL, false },
		{ "disabled", NULL, false },
	};
	struct db_arg	 a[3];
	const char	*role, *dis;
	uint64_t	 n = 0;
	int64_t		 uid;
	int		 rc;

	if ((rc = parse_opts(argc, argv, o, nitems(o))) != 0)
		return rc;
	role = o[1].val;
	dis = o[2].val;
	if (o[0].val == NULL || (role == NULL && dis == NULL))
		return fail("%s", "usage: account set --login L [--role R] "
		    "[--disabled yes|no]");
	if (role != NULL && !role_ok(role))
		return fail("role %s: applicant, reviewer or admin", role);
	if (dis != NULL && strcmp(dis, "yes") && strcmp(dis, "no"))
		return fail("--disabled %s: yes or no", dis);
	a[0] = DB_S(role);
	a[1] = DB_IN(dis != NULL && strcmp(dis, "yes") == 0, dis == NULL);
	a[2] = DB_S(o[0].val);
	if (db_exec(db, STMT_ACCOUNT_SET, a, 3, &n) != APP_OK)
		return fail("%s", "database error");
	/* Nothing changed: the same values, or no such login. */
	if (n == 0 && (rc = account_need(o[0].val, &uid)) != 0)
		return rc;
	printf("%s\t%s%s%s\n", o[0].val, role != NULL ? role : "",
	    role != NULL && dis != NULL ? "\t" : "",
	    dis != NULL ? (strcmp(dis, "yes") == 0 ? "disabled" : "enabled") : "");
	return 0;
}

static int
cmd_demo(void)
{
	static const struct {
		const char	*login, *role, *name, *pw, *mobile, *email;
	} demo[] = {
		{ "demo", "applicant", "演示申请人", "demo-pass-2026",
		  "13800000001", "demo@example.com" },
		{ "reviewer", "reviewer", "演示审核员", "review-pass-2026",
		  "13800000002", "reviewer@example.com" },
		{ "admin", "admin", "演示管理员", "admin-pass-2026",
		  "13800000003", "admin@example.com" },
	};
	struct db_arg	 a[1];
	size_t		 i;
	int64_t		 id;

	for (i = 0; i < nitems(demo); i++) {
		id = 0;
		a[0] = DB_S(demo[i].login);
		if (db_query(db, STMT_ACCOUNT_BY_LOGIN, a, 1, exists_row,
		    &id) != APP_OK)
			return fail("%s", "database error");
		if (id == 0 && account_create(demo[i].login, demo[i].role,
		    demo[i].name, demo[i].mobile, demo[i].email, demo[i].pw,
		    &id) != 0)
			return 1;
		printf("%s %s %s\n", demo[i].role, demo[i].login, demo[i].pw);
	}
	return demo_filing(demo[0].login);
}

/*
 * The code's rule keys (lib/rules.h) and the registry (table rule_key)
 * must be the same list: a key only one side knows is read by nobody or
 * refused by every program.
 */
static enum app_err
registry_row(const struct db_row *row, void *arg)
{
	bool		*seen = arg;
	enum rule_key	 k;

	if (!rule_key_find(db_row_str(row, COL_RULE_KEYS_NAME), &k)) {
		fprintf(stderr, "beian-admin: rule key %s is in the registry "
		    "but no program reads it\n", db_row_str(row, COL_RULE_KEYS_NAME));
		seen[RK__MAX] = true;
		return APP_OK;
	}
	if (strcmp(db_row_str(row, COL_RULE_KEYS_SCOPE), rule_key_scope(k) == RS_PROVINCE ?
	    "province" : "setting") != 0) {
		fprintf(stderr, "beian-admin: rule key %s: scope %s in the "
		    "registry, another in lib/rules.h\n", db_row_str(row, COL_RULE_KEYS_NAME),
		    db_row_str(row, COL_RULE_KEYS_SCOPE));
		seen[RK__MAX] = true;
	}
	seen[k] = true;
	return APP_OK;
}

static int
check_rule_keys(void)
{
	bool	 seen[RK__MAX + 1];
	size_t	 i;
	int	 rc = 0;

	memset(seen, 0, sizeof(seen));
	if (db_query(db, STMT_RULE_KEYS, NULL, 0, registry_row, seen) !=
	    APP_OK)
		return fail("%s", "the rule registry could not be read");
	for (i = 0; i < RK__MAX; i++)
		if (!seen[i]) {
			fprintf(stderr, "beian-admin: rule key %s is read by "
			    "the programs but not in the registry (rule_key)\n",
			    rule_key_name((enum rule_key)i));
			rc = 1;
		}
	return rc != 0 || seen[RK__MAX] ?
	    fail("%s", "rule keys differ (see above)") : 0;
}

static int
usage(void)
{
	fputs("usage: beian-admin migrate\n"
	    "       beian-admin account add --login L --role R [--name N] "
	    "[--mobile M] [--email E]\n"
	    "       beian-admin account set --login L [--role R] "
	    "[--disabled yes|no]\n"
	    "       beian-admin demo\n"
	    "       beian-admin check\n"
	    "       beian-admin rule list [--province P]\n"
	    "       beian-admin rule set P KEY VALUE --source S --as-of "
	    "YYYY-MM-DD\n"
	    "           [--message M] [--subject-kind all|personal|"
	    "organisation]\n"
	    "       beian-admin rule history P KEY\n"
	    "       beian-admin subject add --account L --nature N --name N "
	    "--province P --icp-number X\n"
	    "           --cert-type T --cert-number X --leader-name N "
	    "--leader-id-type T\n"
	    "           --leader-id-number X --leader-mobile M "
	    "--leader-email E [--legal-rep-name N]\n"
	    "       beian-admin website add --subject ID --name N --domain D "
	    "--icp-number X-N\n"
	    "       beian-admin instance add --account L --product P "
	    "--region R --billing B --months N\n"
	    "           [--public-ip IP] [--overseas] [--state S]\n"
	    "       beian-admin instance set --id ID [--state S] "
	    "[--expires YYYY-MM-DD]\n"
	    "       beian-admin sin issue --instance ID --count N\n"
	    "       beian-admin sin list [--instance ID]\n"
	    "       beian-admin sin grant --number N --account L\n"
	    "       beian-admin order open --subject ID --kind change_subject\n"
	    "       beian-admin domain set --domain D [--holder N] "
	    "[--holder-cert-number X]\n"
	    "           [--realname yes|no] [--expires YYYY-MM-DD] "
	    "[--icp-number N]\n"
	    "       beian-admin curtain ship ORDER --carrier C --tracking N\n"
	    "       beian-admin curtain delivered ORDER\n"
	    "       beian-admin bureau code ORDER\n"
	    "       beian-admin bureau sms-sent ORDER | sms-verified ORDER | "
	    "sms-failed ORDER\n"
	    "       beian-admin bureau approve ORDER [--number N]\n"
	    "       beian-admin bureau reject ORDER --reason R1..R14 --note T\n"
	    "       beian-admin bureau sms-rules 2017|2020\n"
	    "       beian-admin outbox list [--state S] | outbox requeue ID\n",
	    stderr);
	return 2;
}

static const struct {
	const char	*noun, *verb;
	int		(*fn)(int, char **);
} cmds[] = {
	{ "subject", "add", cmd_subject_add },
	{ "website", "add", cmd_website_add },
	{ "instance", "add", cmd_instance_add },
	{ "instance", "set", cmd_instance_set },
	{ "sin", "issue", cmd_sin_issue },
	{ "sin", "list", cmd_sin_list },
	{ "sin", "grant", cmd_sin_grant },
	{ "order", "open", cmd_order_open },
	{ "domain", "set", cmd_domain_set },
	{ "rule", "list", cmd_rule_list },
	{ "rule", "set", cmd_rule_set },
	{ "rule", "history", cmd_rule_history },
	{ "curtain", "ship", cmd_curtain_ship },
	{ "curtain", "delivered", cmd_curtain_delivered },
	{ "bureau", "code", cmd_bureau_code },
	{ "bureau", "sms-sent", cmd_bureau_sms_sent },
	{ "bureau", "sms-verified", cmd_bureau_sms_verified },
	{ "bureau", "sms-failed", cmd_bureau_sms_failed },
	{ "bureau", "approve", cmd_bureau_approve },
	{ "bureau", "reject", cmd_bureau_reject },
	{ "bureau", "sms-rules", cmd_bureau_sms_rules },
	{ "outbox", "list", cmd_outbox_list },
	{ "outbox", "requeue", cmd_outbox_requeue },
};

static int
(*find_cmd(const char *noun, const char *verb))(int, char **)
{
	size_t	 i;

	for (i = 0; i < nitems(cmds); i++)
		if (strcmp(cmds[i].noun, noun) == 0 &&
		    strcmp(cmds[i].verb, verb) == 0)
			return cmds[i].fn;
	return NULL;
}

int
main(int argc, char *argv[])
{
	char		 err[512];
	const char	*path;
	int		 rc;
	int		(*cmd)(int, char **);

	log_set_prog("beian-admin");
	log_set_level(LOG_WARN);
	if (argc < 2)
		return usage();
	if (sodium_init() < 0)
		return fail("%s", "libsodium failed to initialise");
	path = conf_default_path();
	if (conf_load(&conf, path, err, sizeof(err)) != APP_OK) {
		fprintf(stderr, "beian-admin: %s: %s\n", path, err);
		return 1;
	}
	clock_set_offset(conf.clock_offset);
	db = db_new(&conf);
	if (strcmp(argv[1], "migrate") == 0 && argc == 2)
		rc = cmd_migrate();
	else if (strcmp(argv[1], "demo") == 0 && argc == 2)
		rc = cmd_demo();
	else if (strcmp(argv[1], "check") == 0 && argc == 2)
		rc = db_prepare_all(db) != 0 ?
		    fail("%s", "statements do not match the schema (see above)") :
		    check_rule_keys();
	else if (argc >= 3 && strcmp(argv[1], "account") == 0 &&
	    strcmp(argv[2], "add") == 0)
		rc = cmd_account_add(argc - 3, argv + 3);
	else if (argc >= 3 && strcmp(argv[1], "account") == 0 &&
	    strcmp(argv[2], "set") == 0)
		rc = cmd_account_set(argc - 3, argv + 3);
	else if (argc >= 3 && (cmd = find_cmd(argv[1], argv[2])) != NULL)
		rc = cmd(argc - 3, argv + 3);
	else
		rc = usage();
	db_free(db);
	conf_free(&conf);
	return rc;
}
