/*
 * beian-admin: the bureau simulator by hand (bureau.h).  Each command is
 * one event of the bureau, applied as the http adapter's callback would
 * apply it (db_bureau_apply), by the actor "admin".
 *
 *   beian-admin bureau sms-sent ORDER        prints the code MIIT texted
 *   beian-admin bureau sms-verified ORDER
 *   beian-admin bureau sms-failed ORDER [--note T]
 *   beian-admin bureau approve ORDER [--number 浙ICP备26000001号-3]
 *   beian-admin bureau reject ORDER --reason R1..R14 --note T
 *   beian-admin bureau sms-rules 2017|2020   which provinces need the
 *                                            SMS check, from today
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "lib/db-bureau.h"
#include "lib/messages.h"
#include "lib/util.h"

static int
event(int argc, char **argv, enum bureau_ev kind, const char *usage)
{
	struct opt		 o[] = {
		{ "number", NULL, false }, { "reason", NULL, false },
		{ "note", NULL, false },
	};
	struct bureau_event	 ev;
	struct bureau_why	 why;
	const char		*v;
	char			 code[7];
	int64_t			 oid;
	int			 rc;
	enum app_err		 er;

	if (argc < 1 || !str_to_i64(argv[0], 1, INT64_MAX, &oid))
		return fail("usage: bureau %s", usage);
	if ((rc = parse_opts(argc - 1, argv + 1, o, nitems(o))) != 0)
		return rc;
	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.order_id = oid;
	if ((v = opt(o, nitems(o), "number")) != NULL) {
		if (kind != BE_APPROVED || strlen(v) >= sizeof(ev.number))
			return fail("usage: bureau %s", usage);
		snprintf(ev.number, sizeof(ev.number), "%s", v);
	}
	if ((v = opt(o, nitems(o), "note")) != NULL) {
		if (strlen(v) > BUREAU_NOTE_MAX || !utf8_valid(v, strlen(v)))
			return fail("--note: at most %d bytes of UTF-8",
			    BUREAU_NOTE_MAX);
		snprintf(ev.note, sizeof(ev.note), "%s", v);
	}
	if (kind == BE_REJECTED) {
		if ((v = need(o, nitems(o), "reason")) == NULL ||
		    need(o, nitems(o), "note") == NULL)
			return 2;
		if (strlen(v) >= sizeof(ev.reason))
			return fail("--reason %s: R1 to R14", v);
		snprintf(ev.reason, sizeof(ev.reason), "%s", v);
	}
	er = db_bureau_apply(db, &conf, &ev, "admin", clock_now(), code, &why);
	if (er == APP_ENOTFOUND)
		return fail("no order %lld", (long long)oid);
	if (er != APP_OK && why.code != NULL)
		return fail("order %lld: %s%s%s", (long long)oid,
		    msg_for_code(why.code), why.text[0] != '\0' ? " " : "",
		    why.text);
	if (er != APP_OK)
		return fail("%s", "database error");
	if (kind == BE_SMS_SENT && code[0] != '\0')
		printf("%lld\tsms_sent\t%s\n", (long long)oid, code);
	else
		printf("%lld\t%s\n", (long long)oid, bureau_ev_name(kind));
	return 0;
}

int
cmd_bureau_sms_sent(int argc, char **argv)
{
	return event(argc, argv, BE_SMS_SENT, "sms-sent ORDER");
}

int
cmd_bureau_sms_verified(int argc, char **argv)
{
	return event(argc, argv, BE_SMS_VERIFIED, "sms-verified ORDER");
}

int
cmd_bureau_sms_failed(int argc, char **argv)
{
	return event(argc, argv, BE_SMS_FAILED, "sms-failed ORDER [--note T]");
}

int
cmd_bureau_approve(int argc, char **argv)
{
	return event(argc, argv, BE_APPROVED, "approve ORDER [--number N]");
}

int
cmd_bureau_reject(int argc, char **argv)
{
	return event(argc, argv, BE_REJECTED,
	    "reject ORDER --reason R1..R14 --note T");
}

/*
 * The two data sets of MIIT's SMS check (domain.md §14): the 2017
 * pilots, and every province since 2020-08-17.  Rows dated today, so
 * either is in force from now and the history keeps both.
 */
static const char *const pilots[] = {
	"120000", "620000", "540000", "640000", "460000", "650000", "630000"
};

static bool
put(const char *province, const char *key, int64_t v, const char *msg,
    const char *src, const char *day)
{
	struct db_arg	 a[7] = { DB_S(province), DB_S(key), DB_S("all"),
	    DB_I(v), DB_S(msg), DB_S(src), DB_S(day) };

	return db_exec(db, STMT_RULE_PUT_PROVINCE, a, 7, NULL) == APP_OK;
}

int
cmd_bureau_sms_rules(int argc, char **argv)
{
	static const char	*src17 = "domain.md §14 (2017 pilots)";
	static const char	*src20 = "domain.md §14 (AL-SMS-B, HW-KB)";
	char			 day[11];
	size_t			 i;
	bool			 ok, y17;

	if (argc != 1 || (strcmp(argv[0], "2017") && strcmp(argv[0], "2020")))
		return fail("%s", "usage: bureau sms-rules 2017|2020");
	y17 = strcmp(argv[0], "2017") == 0;
	admin_today(day);
	if (db_tx_begin(db) != APP_OK)
		return fail("%s", "database error");
	ok = put("000000", "sms_required", y17 ? 0 : 1, y17 ?
	    "本省份的备案无需工信部短信核验。" :
	    "所有省份的备案都须通过工信部短信核验。", y17 ? src17 : src20, day) &&
	    put("000000", "sms_window_hours", 24,
	    "请在收到短信后 24 小时内完成核验。", y17 ? src17 : src20, day);
	for (i = 0; ok && i < nitems(pilots); i++)
		ok = put(pilots[i], "sms_required", 1, y17 ?
		    "本省份（2017 年试点）的备案须通过工信部短信核验。" :
		    "所有省份的备案都须通过工信部短信核验。",
		    y17 ? src17 : src20, day) &&
		    put(pilots[i], "sms_window_hours", y17 ? 48 : 24, y17 ?
		    "请在收到短信后 48 小时内完成核验。" :
		    "请在收到短信后 24 小时内完成核验。", y17 ? src17 : src20,
		    day);
	if (!ok || db_tx_commit(db) != APP_OK) {
		db_tx_rollback(db);
		return fail("%s", "the rules were not stored (see above)");
	}
	printf("sms rules %s in force from %s: %s\n", argv[0], day, y17 ?
	    "天津、甘肃、西藏、宁夏、海南、新疆、青海 (48 h); others none" :
	    "every province (24 h)");
	return 0;
}
