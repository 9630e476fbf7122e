/*
 * beian-admin commands for what the provider already knows: filed
 * subjects and websites, hosting instances, filing service numbers, and
 * orders opened elsewhere (a subject change handled by the provider).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/log.h"
#include "lib/rules.h"
#include "lib/sin.h"
#include "lib/util.h"
#include "lib/valid.h"
#include "admin.h"

static enum app_err
int_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_ACCOUNT_ID_BY_LOGIN_N);
	return APP_OK;
}

/*
 * The id of login into *uid, or the failure to return: a database that
 * is down is not "no account".
 */
int
account_need(const char *login, int64_t *uid)
{
	struct db_arg	 a[1] = { DB_S(login) };

	*uid = 0;
	if (db_query(db, STMT_ACCOUNT_ID_BY_LOGIN, a, 1, int_row, uid) !=
	    APP_OK)
		return fail("%s", "database error");
	if (*uid == 0)
		return fail("no account %s", login != NULL ? login : "(none)");
	return 0;
}

/* Report a refused insert the way an operator can act on it. */
static int
refused(enum app_err er, const char *what)
{
	if (er == APP_ECONFLICT)
		return fail("%s exists already (a unique number or domain is taken)",
		    what);
	if (er == APP_EINVAL)
		return fail("%s refused: a value is unknown or out of range "
		    "(nature, certificate type, product, date?)", what);
	return fail("%s: database error", what);
}

/* s is prefix, then 1-12 digits, then suffix, exactly. */
static bool
numbered(const char *s, const char *prefix, const char *suffix)
{
	size_t	 pl = strlen(prefix), d;

	if (strncmp(s, prefix, pl) != 0)
		return false;
	s += pl;
	d = strspn(s, "0123456789");
	return d >= 1 && d <= 12 && strcmp(s + d, suffix) == 0;
}

struct	prov {
	char	 code[8];
	char	 abbr[16];
};

static enum app_err
prov_row(const struct db_row *row, void *arg)
{
	struct prov	*p = arg;

	snprintf(p->code, sizeof(p->code), "%s", db_row_str(row, COL_PROVINCE_FIND_CODE));
	snprintf(p->abbr, sizeof(p->abbr), "%s", db_row_str(row, COL_PROVINCE_FIND_ABBR));
	return APP_OK;
}

int
cmd_subject_add(int argc, char **argv)
{
	struct opt	 o[] = {
		{ "account", NULL, false }, { "nature", NULL, false },
		{ "name", NULL, false }, { "province", NULL, false },
		{ "icp-number", NULL, false }, { "cert-type", NULL, false },
		{ "cert-number", NULL, false }, { "leader-name", NULL, false },
		{ "leader-id-type", NULL, false },
		{ "leader-id-number", NULL, false },
		{ "leader-mobile", NULL, false },
		{ "leader-email", NULL, false },
		{ "legal-rep-name", NULL, false },
	};
	static const char *const req[] = { "account", "nature", "name",
	    "province", "icp-number", "cert-type", "cert-number",
	    "leader-name", "leader-id-type", "leader-id-number",
	    "leader-mobile", "leader-email" };
	struct db_arg	 a[13];
	struct prov	 p;
	char		 prefix[32];
	const char	*icp;
	int64_t		 uid, ct, lt, id = 0;
	size_t		 i;
	int		 rc;
	enum app_err	 er;

	if ((rc = parse_opts(argc, argv, o, nitems(o))) != 0)
		return rc;
	for (i = 0; i < nitems(req); i++)
		if (need(o, nitems(o), req[i]) == NULL)
			return 2;
	if ((rc = account_need(opt(o, nitems(o), "account"), &uid)) != 0)
		return rc;
	if (!str_to_i64(opt(o, nitems(o), "cert-type"), 1, 999, &ct) ||
	    !str_to_i64(opt(o, nitems(o), "leader-id-type"), 1, 999, &lt))
		return fail("%s", "certificate types are numbers (domain.md T6)");
	memset(&p, 0, sizeof(p));
	a[0] = DB_S(opt(o, nitems(o), "province"));
	a[1] = a[0];
	a[2] = a[0];
	if (db_query(db, STMT_PROVINCE_FIND, a, 3, prov_row, &p) != APP_OK ||
	    p.code[0] == '\0')
		return fail("no province %s", opt(o, nitems(o), "province"));
	/* The subject number names its province: 浙ICP备26000001号. */
	icp = opt(o, nitems(o), "icp-number");
	snprintf(prefix, sizeof(prefix), "%sICP备", p.abbr);
	if (!numbered(icp, prefix, "号"))
		return fail("icp number %s: expected %s<digits>号", icp, prefix);
	a[0] = DB_I(uid);
	a[1] = DB_S(opt(o, nitems(o), "nature"));
	a[2] = DB_S(opt(o, nitems(o), "name"));
	a[3] = DB_S(p.code);
	a[4] = DB_I(ct);
	a[5] = DB_S(opt(o, nitems(o), "cert-number"));
	a[6] = DB_S(opt(o, nitems(o), "leader-name"));
	a[7] = DB_I(lt);
	a[8] = DB_S(opt(o, nitems(o), "leader-id-number"));
	a[9] = DB_S(opt(o, nitems(o), "leader-mobile"));
	a[10] = DB_S(opt(o, nitems(o), "leader-email"));
	a[11] = DB_S(opt(o, nitems(o), "legal-rep-name"));
	a[12] = DB_S(icp);
	if ((er = db_insert(db, STMT_SUBJECT_INSERT, a, 13, &id)) != APP_OK)
		return refused(er, "subject");
	printf("%lld\n", (long long)id);
	return 0;
}

struct	subj {
	int64_t	 id;
	char	 icp[64];
	int64_t	 account;
};

static enum app_err
subj_row(const struct db_row *row, void *arg)
{
	struct subj	*s = arg;

	s->id = db_row_int(row, COL_SUBJECT_EXISTS_ID);
	snprintf(s->icp, sizeof(s->icp), "%s", db_row_str(row, COL_SUBJECT_EXISTS_ICP_NUMBER));
	s->account = db_row_int(row, COL_SUBJECT_EXISTS_ACCOUNT_ID);
	return APP_OK;
}

static bool
subject_find(const char *ids, struct subj *s)
{
	struct db_arg	 a[1];
	int64_t		 id;

	memset(s, 0, sizeof(*s));
	if (!str_to_i64(ids, 1, INT64_MAX, &id))
		return false;
	a[0] = DB_I(id);
	return db_query(db, STMT_SUBJECT_EXISTS, a, 1, subj_row, s) == APP_OK &&
	    s->id != 0;
}

int
cmd_website_add(int argc, char **argv)
{
	struct opt	 o[] = {
		{ "subject", NULL, false }, { "name", NULL, false },
		{ "domain", NULL, false }, { "icp-number", NULL, false },
	};
	struct db_arg	 a[4];
	struct subj	 s;
	char		 prefix[80];
	const char	*icp;
	int64_t		 id = 0;
	int		 rc;
	enum app_err	 er;

	if ((rc = parse_opts(argc, argv, o, nitems(o))) != 0)
		return rc;
	if (need(o, nitems(o), "subject") == NULL ||
	    need(o, nitems(o), "name") == NULL ||
	    need(o, nitems(o), "domain") == NULL ||
	    need(o, nitems(o), "icp-number") == NULL)
		return 2;
	if (!subject_find(opt(o, nitems(o), "subject"), &s))
		return fail("no subject %s", opt(o, nitems(o), "subject"));
	/* A website number is its subject's number plus "-N". */
	icp = opt(o, nitems(o), "icp-number");
	snprintf(prefix, sizeof(prefix), "%s-", s.icp);
	if (!numbered(icp, prefix, ""))
		return fail("icp number %s: expected %s<N>", icp, prefix);
	a[0] = DB_I(s.id);
	a[1] = DB_S(opt(o, nitems(o), "name"));
	a[2] = DB_S(opt(o, nitems(o), "domain"));
	a[3] = DB_S(icp);
	if ((er = db_insert(db, STMT_WEBSITE_INSERT, a, 4, &id)) != APP_OK)
		return refused(er, "website");
	printf("%lld\n", (long long)id);
	return 0;
}

int
cmd_instance_add(int argc, char **argv)
{
	struct opt	 o[] = {
		{ "account", NULL, false }, { "product", NULL, false },
		{ "region", NULL, false }, { "billing", NULL, false },
		{ "months", NULL, false }, { "public-ip", NULL, false },
		{ "overseas", NULL, true }, { "state", NULL, false },
	};
	struct db_arg	 a[9];
	const char	*billing, *state;
	int64_t		 uid, months, id = 0;
	int		 rc;
	enum app_err	 er;

	if ((rc = parse_opts(argc, argv, o, nitems(o))) != 0)
		return rc;
	if (need(o, nitems(o), "account") == NULL ||
	    need(o, nitems(o), "product") == NULL ||
	    need(o, nitems(o), "region") == NULL ||
	    need(o, nitems(o), "billing") == NULL ||
	    need(o, nitems(o), "months") == NULL)
		return 2;
	if ((rc = account_need(opt(o, nitems(o), "account"), &uid)) != 0)
		return rc;
	billing = opt(o, nitems(o), "billing");
	if (strcmp(billing, "subscription") != 0 && strcmp(billing, "payg") != 0)
		return fail("billing %s: subscription or payg", billing);
	if (!str_to_i64(opt(o, nitems(o), "months"), 0, 120, &months))
		return fail("%s", "months: 0 to 120");
	state = opt(o, nitems(o), "state") != NULL ?
	    opt(o, nitems(o), "state") : "running";
	if (strcmp(state, "running") != 0 && strcmp(state, "stopped") != 0)
		return fail("state %s: running or stopped", state);
	a[0] = DB_I(uid);
	a[1] = DB_S(opt(o, nitems(o), "product"));
	a[2] = DB_S(opt(o, nitems(o), "region"));
	a[3] = DB_I(opt(o, nitems(o), "overseas") != NULL ? 0 : 1);
	a[4] = DB_S(billing);
	a[5] = DB_I(months);
	/* Pay-as-you-go has no term: it runs until stopped, say a year. */
	a[6] = DB_I(months > 0 ? months : 12);
	a[7] = DB_S(opt(o, nitems(o), "public-ip"));
	a[8] = DB_S(state);
	if ((er = db_insert(db, STMT_INSTANCE_INSERT, a, 9, &id)) != APP_OK)
		return refused(er, "instance");
	printf("%lld\n", (long long)id);
	return 0;
}

static enum app_err
quota_row(const struct db_row *row, void *arg)
{
	int64_t	*q = arg;

	q[0] = db_row_int(row, COL_INSTANCE_QUOTA_LOCK_SIN_QUOTA);
	q[1] = db_row_int(row, COL_INSTANCE_QUOTA_LOCK_ISSUED);
	q[2] = 1;
	return APP_OK;
}

int
cmd_instance_set(int argc, char **argv)
{
	struct opt	 o[] = {
		{ "id", NULL, false }, { "state", NULL, false },
		{ "expires", NULL, false },
	};
	struct db_arg	 a[2];
	const char	*state, *exp;
	int64_t		 id;
	uint64_t	 n = 0;
	int		 rc;

	if ((rc = parse_opts(argc, argv, o, nitems(o))) != 0)
		return rc;
	if (need(o, nitems(o), "id") == NULL)
		return 2;
	if (!str_to_i64(opt(o, nitems(o), "id"), 1, INT64_MAX, &id))
		return fail("%s", "--id: an instance id");
	state = opt(o, nitems(o), "state");
	exp = opt(o, nitems(o), "expires");
	if (state == NULL && exp == NULL)
		return fail("%s", "nothing to set: --state or --expires");
	{
		int64_t	 q[3] = { 0, 0, 0 };

		a[0] = DB_I(id);
		if (db_query(db, STMT_INSTANCE_QUOTA_LOCK, a, 1, quota_row, q) !=
		    APP_OK || q[2] == 0)
			return fail("no instance %lld", (long long)id);
	}
	if (state != NULL) {
		if (strcmp(state, "running") != 0 && strcmp(state, "stopped") != 0)
			return fail("state %s: running or stopped", state);
		a[0] = DB_S(state);
		a[1] = DB_I(id);
		if (db_exec(db, STMT_INSTANCE_SET_STATE, a, 2, &n) != APP_OK)
			return fail("%s", "database error");
	}
	if (exp != NULL) {
		a[0] = DB_S(exp);
		a[1] = DB_I(id);
		if (db_exec(db, STMT_INSTANCE_SET_EXPIRES, a, 2, &n) != APP_OK)
			return fail("expires %s: use YYYY-MM-DD", exp);
	}
	printf("%lld\n", (long long)id);
	return 0;
}

/* Issue count numbers on instance iid, printing them; 0 on success. */
static int
sin_issue(int64_t iid, int64_t count, bool print)
{
	struct db_arg	 a[4];
	int64_t		 q[3] = { 0, 0, 0 }, max, id;
	char		 number[SIN_NEW_LEN + 1];
	struct buf	 out = BUF_INIT;
	int		 tries;
	enum app_err	 er;

	if (rule_setting(db, clock_now(), RK_SIN_ISSUE_MAX_PER_CALL, &max) !=
	    APP_OK)
		return fail("%s", "database error (the rules could not be read)");
	if (count < 1 || count > max)
		return fail("--count: 1 to %lld per call", (long long)max);
	if (db_tx_begin(db) != APP_OK)
		return fail("%s", "database error");
	a[0] = DB_I(iid);
	if (db_query(db, STMT_INSTANCE_QUOTA_LOCK, a, 1, quota_row, q) !=
	    APP_OK || q[2] == 0) {
		db_tx_rollback(db);
		return fail("no instance %lld", (long long)iid);
	}
	if (q[1] + count > q[0]) {
		db_tx_rollback(db);
		return fail("instance %lld has %lld of %lld numbers; %lld more "
		    "would pass the quota", (long long)iid, (long long)q[1],
		    (long long)q[0], (long long)count);
	}
	for (; count > 0; count--) {
		for (tries = 0; tries < 3; tries++) {
			sin_generate(number);
			a[0] = DB_S(number);
			a[1] = DB_I(iid);
			a[2] = DB_S("bound");
			a[3] = DB_IN(0, true);
			er = db_insert(db, STMT_SIN_INSERT, a, 4, &id);
			if (er != APP_ECONFLICT)
				break;
		}
		if (er != APP_OK) {
			db_tx_rollback(db);
			buf_free(&out);
			return fail("%s", "database error");
		}
		buf_printf(&out, "%s\n", number);
	}
	if (db_tx_commit(db) != APP_OK) {
		buf_free(&out);
		return fail("%s", "database error");
	}
	if (print && out.p != NULL)
		fputs(out.p, stdout);
	buf_free(&out);
	return 0;
}

int
cmd_sin_issue(int argc, char **argv)
{
	struct opt	 o[] = {
		{ "instance", NULL, false }, { "count", NULL, false },
	};
	int64_t		 iid, count;
	int		 rc;

	if ((rc = parse_opts(argc, argv, o, nitems(o))) != 0)
		return rc;
	if (need(o, nitems(o), "instance") == NULL ||
	    need(o, nitems(o), "count") == NULL)
		return 2;
	if (!str_to_i64(opt(o, nitems(o), "instance"), 1, INT64_MAX, &iid))
		return fail("%s", "--instance: an instance id");
	if (!str_to_i64(opt(o, nitems(o), "count"), -1000, 1000, &count))
		return fail("%s", "--count: a number");
	return sin_issue(iid, count, true);
}

static enum app_err
list_row(const struct db_row *row, void *arg)
{
	(void)arg;
	printf("%s %s\n", db_row_str(row, COL_SIN_LIST_ALL_NUMBER), db_row_str(row, COL_SIN_LIST_ALL_STATUS));
	return APP_OK;
}

int
cmd_sin_list(int argc, char **argv)
{
	struct opt	 o[] = { { "instance", NULL, false } };
	struct db_arg	 a[1];
	int64_t		 iid;
	int		 rc;
	enum app_err	 er;

	if ((rc = parse_opts(argc, argv, o, nitems(o))) != 0)
		return rc;
	if (opt(o, nitems(o), "instance") == NULL)
		er = db_query(db, STMT_SIN_LIST_ALL, NULL, 0, list_row, NULL);
	else {
		if (!str_to_i64(opt(o, nitems(o), "instance"), 1, INT64_MAX,
		    &iid))
			return fail("%s", "--instance: an instance id");
		a[0] = DB_I(iid);
		er = db_query(db, STMT_SIN_LIST_INSTANCE, a, 1, list_row, NULL);
	}
	return er == APP_OK ? 0 : fail("%s", "database error");
}

int
cmd_sin_grant(int argc, char **argv)
{
	struct opt	 o[] = {
		{ "number", NULL, false }, { "account", NULL, false },
	};
	struct db_arg	 a[2];
	char		 number[SIN_MAX + 1];
	int64_t		 uid;
	uint64_t	 n = 0;
	int		 rc;

	if ((rc = parse_opts(argc, argv, o, nitems(o))) != 0)
		return rc;
	if (need(o, nitems(o), "number") == NULL ||
	    need(o, nitems(o), "account") == NULL)
		return 2;
	if (!sin_normalise(opt(o, nitems(o), "number"), number, sizeof(number)))
		return fail("bad number %s", opt(o, nitems(o), "number"));
	if ((rc = account_need(opt(o, nitems(o), "account"), &uid)) != 0)
		return rc;
	a[0] = DB_I(uid);
	a[1] = DB_S(number);
	if (db_exec(db, STMT_SIN_GRANT, a, 2, &n) != APP_OK)
		return fail("%s", "database error");
	if (n != 1)
		return fail("no number %s (or already granted)", number);
	printf("%s\n", number);
	return 0;
}

int
cmd_order_open(int argc, char **argv)
{
	struct opt	 o[] = {
		{ "subject", NULL, false }, { "kind", NULL, false },
	};
	struct db_arg	 a[7];
	struct subj	 s;
	int64_t		 id = 0;
	int		 rc;
	enum app_err	 er;

	if ((rc = parse_opts(argc, argv, o, nitems(o))) != 0)
		return rc;
	if (need(o, nitems(o), "subject") == NULL ||
	    need(o, nitems(o), "kind") == NULL)
		return 2;
	if (strcmp(opt(o, nitems(o), "kind"), "change_subject") != 0)
		return fail("%s", "--kind: change_subject (add_website orders "
		    "are made by applicants)");
	if (!subject_find(opt(o, nitems(o), "subject"), &s))
		return fail("no subject %s", opt(o, nitems(o), "subject"));
	if (db_tx_begin(db) != APP_OK)
		return fail("%s", "database error");
	a[0] = DB_I(s.account);
	a[1] = DB_I(s.id);
	a[2] = DB_S("change_subject");
	a[3] = DB_I(s.id);
	a[4] = DB_S("{}");
	er = db_insert(db, STMT_ORDER_INSERT, a, 5, &id);
	if (er == APP_OK) {
		a[0] = DB_I(id);
		a[1] = DB_S("admin");
		a[2] = DB_IN(0, true);
		a[3] = DB_S("created");
		a[4] = DB_S(NULL);
		a[5] = DB_S("draft");
		a[6] = DB_S("变更主体信息（由服务商登记）");
		er = db_exec(db, STMT_EVENT_INSERT, a, 7, NULL);
	}
	if (er == APP_OK)
		er = db_tx_commit(db);
	if (er != APP_OK) {
		db_tx_rollback(db);
		return er == APP_ECONFLICT ?
		    fail("subject %lld has an open order already",
		    (long long)s.id) : fail("%s", "database error");
	}
	printf("%lld\n", (long long)id);
	return 0;
}

/* --- demo data --- */

static int64_t
demo_insert(enum stmt st, const struct db_arg *a, size_t n)
{
	int64_t	 id = 0;

	if (db_insert(db, st, a, n, &id) != APP_OK)
		return 0;
	return id;
}

static enum app_err
has_subject_row(const struct db_row *row, void *arg)
{
	(void)row;
	*(bool *)arg = true;
	return APP_OK;
}

/* What a demo number shows, from its instance (the rules' order). */
static enum app_err
demo_sin_row(const struct db_row *row, void *arg)
{
	const char	*what;

	(void)arg;
	if (strcmp(db_row_str(row, COL_SIN_LIST_ACCOUNT_STATUS), "bound") != 0)
		what = "已使用";
	else if (strcmp(db_row_str(row, COL_SIN_LIST_ACCOUNT_BILLING), "payg") == 0)
		what = "不可用：按量付费";
	else if (db_row_int(row, COL_SIN_LIST_ACCOUNT_MONTHS) < 3)
		what = "不可用：购买时长不足 3 个月";
	else if (db_row_int(row, COL_SIN_LIST_ACCOUNT_HAS_PUBLIC_IP) == 0)
		what = "不可用：没有公网 IP";
	else if (db_row_int(row, COL_SIN_LIST_ACCOUNT_MAINLAND) == 0)
		what = "不可用：不在中国内地";
	else if (strcmp(db_row_str(row, COL_SIN_LIST_ACCOUNT_STATE), "running") != 0)
		what = "不可用：实例已停止";
	else
		what = strcmp(db_row_str(row, COL_SIN_LIST_ACCOUNT_PRODUCT), "swas") == 0 ?
		    "可用（轻量应用服务器）" : "可用（包年包月 12 个月）";
	printf("service-number %s %s\n", db_row_str(row, COL_SIN_LIST_ACCOUNT_NUMBER), what);
	return APP_OK;
}

/*
 * A personal subject in 浙江 with one filed website, an enterprise in 广东
 * with two, and instances that show every eligibility rule at work, each
 * with numbers.  Prints "service-number NUMBER what-it-shows" lines.
 * Does nothing when the account has subjects already.
 */
int
demo_filing(const char *login)
{
	static const struct {
		const char	*product, *region, *billing, *ip, *state;
		int64_t		 months;
		bool		 overseas;
		int64_t		 numbers;
		const char	*shows;
	} inst[] = {
		{ "ecs", "华东1（杭州）", "subscription", "47.96.10.21", "running",
		  12, false, 2, "可用（包年包月 12 个月）" },
		{ "swas", "华南1（深圳）", "subscription", "120.78.3.4", "running",
		  6, false, 1, "可用（轻量应用服务器）" },
		{ "ecs", "华北2（北京）", "payg", "39.105.1.2", "running",
		  0, false, 1, "不可用：按量付费" },
		{ "ecs", "华东2（上海）", "subscription", "106.14.2.3", "running",
		  1, false, 1, "不可用：购买时长不足 3 个月" },
		{ "ecs", "华东1（杭州）", "subscription", NULL, "running",
		  12, false, 1, "不可用：没有公网 IP" },
		{ "ecs", "中国香港", "subscription", "47.242.1.5", "running",
		  12, true, 1, "不可用：不在中国内地" },
		{ "ecs", "华东1（杭州）", "subscription", "47.96.20.9", "stopped",
		  12, false, 1, "不可用：实例已停止" },
	};
	/* ID numbers carry valid GB 11643 check digits. */
	static const struct {
		const char	*nature, *name, *province;
		int64_t		 cert_type;
		const char	*cert_number, *leader, *leader_id, *mobile;
		const char	*email, *legal_rep, *icp;
		struct {
			const char	*name, *domain, *icp;
		} sites[2];
	} subj[] = {
		{ "personal", "张三", "330000", 2, "33010619900101123X", "张三",
		  "33010619900101123X", "13800000011", "zhangsan@example.com",
		  NULL, "浙ICP备26000001号",
		  { { "张三的个人博客", "zhangsan-blog.cn",
		      "浙ICP备26000001号-1" } } },
		{ "enterprise", "广州示例科技有限公司", "440000", 1,
		  "91440101MA5CXXXX0X", "李四", "440104198502023456",
		  "13900000022", "lisi@example-tech.cn", "李四",
		  "粤ICP备26000002号",
		  { { "示例科技官网", "example-tech.cn", "粤ICP备26000002号-1" },
		    { "示例科技帮助中心", "example-help.com.cn",
		      "粤ICP备26000002号-2" } } },
		/* 上海: its photo verification is the bureau's app. */
		{ "personal", "赵六", "310000", 2, "310104198808083217", "赵六",
		  "310104198808083217", "13700000033", "zhaoliu@example.com",
		  NULL, "沪ICP备26000003号",
		  { { "赵六的个人主页", "zhaoliu-home.cn",
		      "沪ICP备26000003号-1" } } },
	};
	struct db_arg	 a[13], l[1];
	int64_t		 uid, sid, iid;
	bool		 has = false;
	size_t		 i;
	int		 rc;
	char		 number[SIN_NEW_LEN + 1];

	if ((rc = account_need(login, &uid)) != 0)
		return rc;
	l[0] = DB_I(uid);
	if (db_query(db, STMT_SUBJECT_LIST, l, 1, has_subject_row, &has) !=
	    APP_OK)
		return fail("%s", "database error");
	if (has)
		return db_query(db, STMT_SIN_LIST_ACCOUNT, l, 1, demo_sin_row,
		    NULL) == APP_OK ? 0 : fail("%s", "database error");

	for (i = 0; i < nitems(subj); i++) {
		a[0] = DB_I(uid);
		a[1] = DB_S(subj[i].nature);
		a[2] = DB_S(subj[i].name);
		a[3] = DB_S(subj[i].province);
		a[4] = DB_I(subj[i].cert_type);
		a[5] = DB_S(subj[i].cert_number);
		a[6] = DB_S(subj[i].leader);
		a[7] = DB_I(2);
		a[8] = DB_S(subj[i].leader_id);
		a[9] = DB_S(subj[i].mobile);
		a[10] = DB_S(subj[i].email);
		a[11] = DB_S(subj[i].legal_rep);
		a[12] = DB_S(subj[i].icp);
		if ((sid = demo_insert(STMT_SUBJECT_INSERT, a, 13)) == 0)
			return fail("%s", "demo subject refused");
		for (size_t k = 0; k < nitems(subj[i].sites) &&
		    subj[i].sites[k].name != NULL; k++) {
			a[0] = DB_I(sid);
			a[1] = DB_S(subj[i].sites[k].name);
			a[2] = DB_S(subj[i].sites[k].domain);
			a[3] = DB_S(subj[i].sites[k].icp);
			if (demo_insert(STMT_WEBSITE_INSERT, a, 4) == 0)
				return fail("%s", "demo website refused");
		}
	}

	for (i = 0; i < nitems(inst); i++) {
		a[0] = DB_I(uid);
		a[1] = DB_S(inst[i].product);
		a[2] = DB_S(inst[i].region);
		a[3] = DB_I(inst[i].overseas ? 0 : 1);
		a[4] = DB_S(inst[i].billing);
		a[5] = DB_I(inst[i].months);
		a[6] = DB_I(inst[i].months > 0 ? inst[i].months : 12);
		a[7] = DB_S(inst[i].ip);
		a[8] = DB_S(inst[i].state);
		if ((iid = demo_insert(STMT_INSTANCE_INSERT, a, 9)) == 0)
			return fail("%s", "demo instance refused");
		for (int64_t k = 0; k < inst[i].numbers; k++) {
			sin_generate(number);
			a[0] = DB_S(number);
			a[1] = DB_I(iid);
			a[2] = DB_S("bound");
			a[3] = DB_IN(0, true);
			if (demo_insert(STMT_SIN_INSERT, a, 4) == 0)
				return fail("%s", "demo number refused");
			printf("service-number %s %s\n", number, inst[i].shows);
		}
	}
	return 0;
}

int
cmd_domain_set(int argc, char **argv)
{
	struct opt	 o[] = {
		{ "domain", NULL, false }, { "holder", NULL, false },
		{ "holder-cert-number", NULL, false },
		{ "realname", NULL, false }, { "expires", NULL, false },
		{ "icp-number", NULL, false },
	};
	static const char *const suffixes[] = { "cn", "com", "net", "org",
	    "com.cn", "net.cn", "org.cn", "xn--fiqs8s", "xn--55qx5d", "top" };
	struct db_arg	 a[6];
	const char	*rn;
	char		 u[300], asc[300];
	enum vr		 v;
	int		 rc;
	enum app_err	 er;

	if ((rc = parse_opts(argc, argv, o, nitems(o))) != 0)
		return rc;
	if (need(o, nitems(o), "domain") == NULL)
		return 2;
	/* Only the form is checked here; any suffix may have facts. */
	v = valid_domain(opt(o, nitems(o), "domain"), suffixes,
	    nitems(suffixes), u, asc, sizeof(u));
	if (v != VR_OK && v != VR_DOMAIN_SUFFIX)
		return fail("domain %s: %s", opt(o, nitems(o), "domain"),
		    valid_message(v));
	if (v == VR_DOMAIN_SUFFIX)
		snprintf(asc, sizeof(asc), "%s", opt(o, nitems(o), "domain"));
	rn = opt(o, nitems(o), "realname");
	if (rn != NULL && strcmp(rn, "yes") != 0 && strcmp(rn, "no") != 0)
		return fail("%s", "--realname: yes or no");
	a[0] = DB_S(asc);
	a[1] = DB_S(opt(o, nitems(o), "holder"));
	a[2] = DB_S(opt(o, nitems(o), "holder-cert-number"));
	a[3] = DB_IN(rn != NULL && strcmp(rn, "yes") == 0 ? 1 : 0, rn == NULL);
	a[4] = DB_S(opt(o, nitems(o), "expires"));
	a[5] = DB_S(opt(o, nitems(o), "icp-number"));
	if ((er = db_exec(db, STMT_DOMAIN_FACT_SET, a, 6, NULL)) != APP_OK)
		return er == APP_EINVAL ?
		    fail("%s", "--expires: use YYYY-MM-DD") :
		    fail("%s", "database error");
	printf("%s\n", asc);
	return 0;
}
