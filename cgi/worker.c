/*
 * beian-worker: the timers no request starts (DESIGN.md "Order states").
 * Every pass:
 *
 *   - an order still waiting on its applicant (draft, initial_rejected,
 *     awaiting_verification, verification_rejected) created more than
 *     order_ttl_days ago expires (domain.md §5.2, AL-CLEAN): one
 *     transaction with its event by "system", and its reserved or filing
 *     service numbers go back to the instance.  Orders waiting on the
 *     provider or the bureau never expire here: the wait is not the
 *     applicant's.
 *   - handoff rows a day past their expiry or revocation are deleted,
 *     the values of refused classic forms a day old (echo.h), sessions a
 *     day past their end, and login failures out of their window.
 *   - notifications (db-notify.h): reminders of an SMS window closing and
 *     of an order's lifetime, then the outbox delivered by SMTP and the
 *     SMS gateway.
 *   - the bureau (db-bureau.h): an SMS window that ran out fails its
 *     check (R14) and returns the order to the provider; with the http
 *     adapter, payloads owed a delivery are posted (retried with
 *     backoff); with bureau_sim_auto, the simulator takes each order at
 *     the bureau one step on (code sent, code typed, approved) once it
 *     has waited bureau_sim_delay seconds.
 *
 *   beian-worker           a pass every worker_interval_seconds (a
 *                          rule_setting row, default 60) until SIGTERM
 *   beian-worker --once    one pass, then exit (tests, cron)
 *
 * Reads the programs' configuration (BEIAN_CONF).  Logs one line per
 * order it expires.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/conf.h"
#include "lib/db-bureau.h"
#include "lib/db-notify.h"
#include "lib/db-order.h"
#include "lib/log.h"
#include "lib/rules.h"
#include "lib/stmts.h"
#include "lib/util.h"

#define BATCH	100

static volatile sig_atomic_t	 stop;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static enum app_err
id_row(const struct db_row *row, void *arg)
{
	json_t	*ids = arg;

	json_array_append_new(ids, json_integer(db_row_int(row, COL_WORKER_EXPIRABLE_N)));
	return APP_OK;
}

/* The states in which an order waits on its applicant. */
static bool
applicants_turn(enum order_state s)
{
	return s == OS_DRAFT || s == OS_INITIAL_REJECTED ||
	    s == OS_AWAITING_VERIFICATION || s == OS_VERIFICATION_REJECTED;
}

static enum app_err
expire_one(struct db *db, const struct conf *c, int64_t oid, int64_t ttl,
    bool *done)
{
	struct order_lock	 l;
	struct db_arg		 a[1] = { DB_I(oid) };
	struct kvlist		 p;
	char			 note[200];
	enum app_err		 er;

	memset(&p, 0, sizeof(p));
	np_set(&p, "ttl", "%lld", (long long)ttl);
	*done = false;
	if ((er = db_tx_begin(db)) != APP_OK)
		return er;
	if ((er = db_order_lock_review(db, oid, &l)) != APP_OK)
		goto out;
	/* Submitted since it was listed: the provider's turn now. */
	if (!applicants_turn(l.state)) {
		er = APP_OK;
		goto out;
	}
	snprintf(note, sizeof(note), "订单创建后 %lld 天仍未完成，已自动过期；"
	    "占用的备案服务号已释放。", (long long)ttl);
	if ((er = db_exec(db, STMT_SIN_RELEASE_ORDER, a, 1, NULL)) != APP_OK ||
	    (er = db_order_apply(db, &l, OE_EXPIRE, "system", 0, note)) !=
	    APP_OK ||
	    (er = db_notify(db, c, oid, "expired", &p, clock_now())) !=
	    APP_OK ||
	    (er = db_tx_commit(db)) != APP_OK)
		goto out;
	*done = true;
out:
	db_tx_rollback(db);
	kv_free(&p);
	return er;
}

/*
 * Rows past use: handoffs a day past expiry or revocation, refused
 * classic forms' values a day old (echo.h), sessions a day past their
 * end, login failures out of the window (the one with an argument).
 */
static const struct {
	enum stmt	 stmt;
	bool		 window;
	const char	*what;
} sweeps[] = {
	{ STMT_HANDOFF_SWEEP, false, "expired handoffs" },
	{ STMT_ECHO_SWEEP, false, "old refused-form values" },
	{ STMT_SESSION_SWEEP, false, "ended sessions" },
	{ STMT_LOGIN_FAILURE_SWEEP, true, "old login failures" },
};

/* One pass; how many orders expired, or -1 when the database failed. */
static int
pass(struct db *db, const struct conf *c)
{
	json_t		*ids = json_array();
	struct db_arg	 a[3];
	int64_t		 ttl;
	uint64_t	 swept = 0;
	size_t		 i;
	int		 n = 0;
	bool		 done;
	enum app_err	 er;

	/* The registry keeps it within 1-365 days. */
	if (rule_setting(db, clock_now(), RK_ORDER_TTL_DAYS, &ttl) != APP_OK) {
		json_decref(ids);
		return -1;
	}
	a[0] = DB_I(clock_now());
	a[1] = DB_I(ttl);
	a[2] = DB_I(BATCH);
	if ((er = db_query(db, STMT_WORKER_EXPIRABLE, a, 3, id_row, ids)) !=
	    APP_OK) {
		json_decref(ids);
		return -1;
	}
	for (i = 0; i < json_array_size(ids) && !stop; i++) {
		int64_t	 oid = json_integer_value(json_array_get(ids, i));

		if (expire_one(db, c, oid, ttl, &done) != APP_OK) {
			applog(LOG_ERR, "order %lld: could not expire it",
			    (long long)oid);
			n = -1;
			break;
		}
		if (done) {
			applog(LOG_INFO, "order %lld expired after %lld days",
			    (long long)oid, (long long)ttl);
			if (n >= 0)
				n++;
		}
	}
	json_decref(ids);
	for (i = 0; i < nitems(sweeps); i++) {
		a[0] = DB_I(conf_login_window_max(c));
		if (db_exec(db, sweeps[i].stmt, a, sweeps[i].window ? 1 : 0,
		    &swept) != APP_OK)
			return -1;
		if (swept > 0)
			applog(LOG_INFO, "%llu %s deleted",
			    (unsigned long long)swept, sweeps[i].what);
	}
	if (bureau_sms_expire(db, c, clock_now()) < 0 ||
	    bureau_deliver(db, c, clock_now()) < 0 ||
	    bureau_sim_auto(db, c, clock_now()) < 0 ||
	    notify_sms_reminders(db, c, clock_now()) < 0 ||
	    notify_expiry_reminders(db, c, clock_now()) < 0 ||
	    notify_deliver(db, c, clock_now()) < 0)
		return -1;
	return n;
}

int
main(int argc, char *argv[])
{
	struct conf	 conf;
	struct db	*db;
	char		 err[512];
	const char	*path;
	bool		 once = argc == 2 && strcmp(argv[1], "--once") == 0;
	int64_t		 interval, slept;
	int		 rc = 0;

	log_set_prog("beian-worker");
	if (argc > 2 || (argc == 2 && !once)) {
		fprintf(stderr, "usage: beian-worker [--once]\n");
		return 2;
	}
	path = conf_default_path();
	if (conf_load(&conf, path, err, sizeof(err)) != APP_OK) {
		fprintf(stderr, "beian-worker: %s: %s\n", path, err);
		return 1;
	}
	clock_set_offset(conf.clock_offset);
	db = db_new(&conf);
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	if (!once)
		applog(LOG_INFO, "started");
	while (!stop) {
		if (pass(db, &conf) < 0) {
			/* The database is away: try again next pass. */
			applog(LOG_WARN, "pass failed");
			rc = 1;
		} else
			rc = 0;
		if (once)
			break;
		/* A database away: the next try in a minute. */
		if (rule_setting(db, clock_now(), RK_WORKER_INTERVAL_SECONDS,
		    &interval) != APP_OK)
			interval = 60;
		for (slept = 0; slept < interval && !stop; slept++)
			sleep(1);
	}
	if (!once)
		applog(LOG_INFO, "stopped");
	db_free(db);
	conf_free(&conf);
	return rc;
}
