/*
 * beian-admin rule: the rules an operator changes without a rebuild.
 *
 *   rule list [--province P]      the rules in force today: every setting,
 *                                 and the province rules for personal and
 *                                 organisation subjects ("KEY WHO VALUE
 *                                 FROM AS_OF" a line)
 *   rule set P KEY VALUE --source S --as-of YYYY-MM-DD [--message M]
 *                                 [--subject-kind all|personal|organisation]
 *                                 a new row, in force from that day (a
 *                                 later day schedules the change)
 *   rule history P KEY            every row of the key, oldest first, the
 *                                 one in force marked "*"
 *
 * P is a province's code, name or abbreviation, or 000000 (全国) for the
 * national rows and for settings.  The key must be in the registry
 * (table rule_key) with that scope, the value within its range.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/log.h"
#include "lib/rules.h"
#include "lib/stmts.h"
#include "lib/util.h"
#include "admin.h"

struct	regkey {
	bool	 found;
	char	 scope[16];
	char	 unit[16];
	int64_t	 min, max;
};

static enum app_err
regkey_row(const struct db_row *row, void *arg)
{
	struct regkey	*k = arg;

	k->found = true;
	snprintf(k->scope, sizeof(k->scope), "%s", db_row_str(row, COL_RULE_KEYS_SCOPE));
	snprintf(k->unit, sizeof(k->unit), "%s", db_row_str(row, COL_RULE_KEYS_UNIT));
	k->min = db_row_int(row, COL_RULE_KEYS_MIN_VALUE);
	k->max = db_row_int(row, COL_RULE_KEYS_MAX_VALUE);
	return APP_OK;
}

static enum app_err
code_row(const struct db_row *row, void *arg)
{
	snprintf(arg, 8, "%s", db_row_str(row, COL_PROVINCE_FIND_CODE));
	return APP_OK;
}

/* P as a province code, "000000" for the nation; false if unknown. */
static bool
province_code(const char *p, char code[8])
{
	struct db_arg	 a[3] = { DB_S(p), DB_S(p), DB_S(p) };

	code[0] = '\0';
	if (p == NULL)
		return false;
	if (strcmp(p, "000000") == 0 || strcmp(p, "全国") == 0) {
		memcpy(code, "000000", 7);
		return true;
	}
	return db_query(db, STMT_PROVINCE_FIND, a, 3, code_row, code) ==
	    APP_OK && code[0] != '\0';
}

/*
 * The province P (code into code) and the registry's row of key: 0, or
 * the exit status of the refusal already printed.
 */
static int
province_key(const char *p, const char *key, char code[8], struct regkey *k)
{
	struct db_arg	 a[1] = { DB_S(key) };

	if (!province_code(p, code))
		return fail("no province %s", p);
	memset(k, 0, sizeof(*k));
	if (db_query(db, STMT_RULE_KEY, a, 1, regkey_row, k) != APP_OK)
		return fail("%s", "database error");
	if (!k->found)
		return fail("no rule key %s (see the table rule_key)", key);
	return 0;
}

void
admin_today(char out[11])
{
	time_t		 t = (time_t)clock_now() + 8 * 3600;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static void
print_rules(const struct rules *r, const char *who, enum rule_scope scope)
{
	size_t	 i;

	for (i = 0; i < RK__MAX; i++) {
		if (rule_key_scope((enum rule_key)i) != scope)
			continue;
		printf("%s\t%s\t%lld\t%s\t%s\n", rule_key_name((enum rule_key)i),
		    who, (long long)r->v[i].value, r->v[i].province[0] != '\0' ?
		    r->v[i].province : "default", r->v[i].as_of[0] != '\0' ?
		    r->v[i].as_of : "-");
	}
}

int
cmd_rule_list(int argc, char **argv)
{
	struct opt	 o[] = { { "province", NULL, false } };
	struct rules	 r;
	char		 code[8];
	int		 rc, k;

	if ((rc = parse_opts(argc, argv, o, nitems(o))) != 0)
		return rc;
	if (opt(o, nitems(o), "province") != NULL &&
	    !province_code(opt(o, nitems(o), "province"), code))
		return fail("no province %s", opt(o, nitems(o), "province"));
	if (opt(o, nitems(o), "province") == NULL)
		memcpy(code, "000000", 7);
	for (k = 0; k < 2; k++) {
		if (rules_load(db, clock_now(), code, k == 0, &r) != APP_OK) {
			rules_free(&r);
			return fail("%s", "the rules could not be read (see above)");
		}
		if (k == 0)
			print_rules(&r, "setting", RS_SETTING);
		print_rules(&r, k == 0 ? "personal" : "organisation",
		    RS_PROVINCE);
		rules_free(&r);
	}
	return 0;
}

/* A history row: as_of, subject kind, value, source, message. */
struct	hist {
	char	 day[11];
	char	 in_force[4][11];	/* per subject kind: newest as_of <= day */
	int	 pass;
};

static int
kind_index(const char *k)
{
	return strcmp(k, "personal") == 0 ? 1 :
	    strcmp(k, "organisation") == 0 ? 2 : 0;
}

static enum app_err
hist_row(const struct db_row *row, void *arg)
{
	struct hist	*h = arg;
	const char	*as_of = db_row_str(row, COL_RULE_HISTORY_PROVINCE_AS_OF_DAY);
	int		 k = kind_index(db_row_str(row, COL_RULE_HISTORY_PROVINCE_SUBJECT_KIND));

	/* First pass: which row is in force; second: print. */
	if (h->pass == 0) {
		if (strcmp(as_of, h->day) <= 0 &&
		    strcmp(as_of, h->in_force[k]) > 0)
			snprintf(h->in_force[k], 11, "%s", as_of);
		return APP_OK;
	}
	printf("%s\t%s\t%lld\t%s\t%s%s\n", as_of, db_row_str(row, COL_RULE_HISTORY_PROVINCE_SUBJECT_KIND),
	    (long long)db_row_int(row, COL_RULE_HISTORY_PROVINCE_VALUE), db_row_str(row, COL_RULE_HISTORY_PROVINCE_SOURCE),
	    db_row_str(row, COL_RULE_HISTORY_PROVINCE_MESSAGE), strcmp(as_of, h->in_force[k]) == 0 ?
	    "\t*" : strcmp(as_of, h->day) > 0 ? "\t(scheduled)" : "");
	return APP_OK;
}

int
cmd_rule_history(int argc, char **argv)
{
	struct regkey	 k;
	struct hist	 h;
	struct db_arg	 a[2];
	char		 code[8];
	int		 pass, rc;

	if (argc != 2)
		return fail("%s", "usage: rule history P KEY");
	if ((rc = province_key(argv[0], argv[1], code, &k)) != 0)
		return rc;
	memset(&h, 0, sizeof(h));
	admin_today(h.day);
	a[0] = DB_S(code);
	a[1] = DB_S(argv[1]);
	for (pass = 0; pass < 2; pass++) {
		h.pass = pass;
		if (db_query(db, strcmp(k.scope, "setting") == 0 ?
		    STMT_RULE_HISTORY_SETTING : STMT_RULE_HISTORY_PROVINCE,
		    strcmp(k.scope, "setting") == 0 ? a + 1 : a,
		    strcmp(k.scope, "setting") == 0 ? 1 : 2, hist_row, &h) !=
		    APP_OK)
			return fail("%s", "database error");
	}
	return 0;
}

/* A real day as YYYY-MM-DD (not 2026-02-30). */
static bool
valid_day(const char *s)
{
	struct tm	 tm;
	time_t		 t;
	char		 part[5], back[11];
	int64_t		 y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	memcpy(part, s, 4);
	part[4] = '\0';
	if (!str_to_i64(part, 2000, 2999, &y))
		return false;
	memcpy(part, s + 5, 2);
	part[2] = '\0';
	if (!str_to_i64(part, 1, 12, &m))
		return false;
	memcpy(part, s + 8, 2);
	if (!str_to_i64(part, 1, 31, &d))
		return false;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (int)y - 1900;
	tm.tm_mon = (int)m - 1;
	tm.tm_mday = (int)d;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(back, sizeof(back), "%Y-%m-%d", &tm);
	return strcmp(back, s) == 0;
}

int
cmd_rule_set(int argc, char **argv)
{
	struct opt	 o[] = {
		{ "source", NULL, false },
		{ "as-of", NULL, false },
		{ "message", NULL, false },
		{ "subject-kind", NULL, false },
	};
	const char	*kind, *as_of, *src;
	struct regkey	 k;
	struct rules	 r;
	enum rule_key	 key;
	struct db_arg	 a[7];
	struct buf	 msg = BUF_INIT;
	char		 code[8];
	int64_t		 v;
	bool		 setting;
	int		 rc;

	if (argc < 3 || strncmp(argv[0], "--", 2) == 0 ||
	    strncmp(argv[1], "--", 2) == 0 || strncmp(argv[2], "--", 2) == 0)
		return fail("%s", "usage: rule set P KEY VALUE --source S "
		    "--as-of YYYY-MM-DD [--message M] [--subject-kind K]");
	if ((rc = parse_opts(argc - 3, argv + 3, o, nitems(o))) != 0)
		return rc;
	if ((src = need(o, nitems(o), "source")) == NULL ||
	    (as_of = need(o, nitems(o), "as-of")) == NULL)
		return 2;
	if ((rc = province_key(argv[0], argv[1], code, &k)) != 0)
		return rc;
	setting = strcmp(k.scope, "setting") == 0;
	if (setting && strcmp(code, "000000") != 0)
		return fail("%s is a setting, not a province's rule: use 000000",
		    argv[1]);
	if (!str_to_i64(argv[2], k.min, k.max, &v))
		return fail("%s takes %lld to %lld (%s)", argv[1],
		    (long long)k.min, (long long)k.max, k.unit);
	if (!valid_day(as_of))
		return fail("--as-of %s: expected a date YYYY-MM-DD", as_of);
	kind = opt(o, nitems(o), "subject-kind");
	if (kind == NULL)
		kind = "all";
	if (strcmp(kind, "all") != 0 && strcmp(kind, "personal") != 0 &&
	    strcmp(kind, "organisation") != 0)
		return fail("--subject-kind %s: all, personal or organisation",
		    kind);
	if (setting && strcmp(kind, "all") != 0)
		return fail("%s is a setting: it has no subject kind", argv[1]);
	/* Without --message, the words of the rule in force stay. */
	if (opt(o, nitems(o), "message") != NULL)
		buf_puts(&msg, opt(o, nitems(o), "message"));
	else {
		if (rules_load(db, clock_now(), code, strcmp(kind,
		    "personal") == 0, &r) != APP_OK) {
			rules_free(&r);
			return fail("%s", "the rules could not be read");
		}
		/* Words that state the old value would mislead. */
		if (rule_key_find(argv[1], &key) && rule_value(&r, key) != v) {
			rc = fail("--message is required: the words applicants "
			    "read for the new value (in force now: \"%s\")",
			    rule_message(&r, key));
			rules_free(&r);
			return rc;
		}
		if (rule_key_find(argv[1], &key))
			buf_puts(&msg, rule_message(&r, key));
		rules_free(&r);
	}
	/* A province's rule in force says why (sql/015-rule-messages.sql). */
	if (!setting && v != 0 && (msg.p == NULL ||
	    msg.p[strspn(msg.p, " \t")] == '\0')) {
		buf_free(&msg);
		return fail("%s", "--message may not be empty: applicants read it "
		    "when the rule stops them");
	}
	if (msg.len > 255 * 4 || !utf8_valid(msg.p != NULL ? msg.p : "",
	    msg.len)) {
		buf_free(&msg);
		return fail("%s", "--message: at most 255 characters of UTF-8");
	}
	if (setting) {
		a[0] = DB_S(argv[1]);
		a[1] = DB_I(v);
		a[2] = DB_S(msg.p != NULL ? msg.p : "");
		a[3] = DB_S(src);
		a[4] = DB_S(as_of);
		rc = db_exec(db, STMT_RULE_PUT_SETTING, a, 5, NULL) == APP_OK;
	} else {
		a[0] = DB_S(code);
		a[1] = DB_S(argv[1]);
		a[2] = DB_S(kind);
		a[3] = DB_I(v);
		a[4] = DB_S(msg.p != NULL ? msg.p : "");
		a[5] = DB_S(src);
		a[6] = DB_S(as_of);
		rc = db_exec(db, STMT_RULE_PUT_PROVINCE, a, 7, NULL) == APP_OK;
	}
	buf_free(&msg);
	if (!rc)
		return fail("%s", "the rule was not stored (see above)");
	printf("%s\t%s\t%s\t%lld\tfrom %s\n", code, argv[1], kind,
	    (long long)v, as_of);
	return 0;
}
