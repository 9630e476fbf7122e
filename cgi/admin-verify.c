/*
 * beian-admin: the operator's side of photo verification -- the curtain's
 * shipping -- and the bureau simulator's Shanghai app code.
 *
 *   beian-admin curtain ship ORDER --carrier C --tracking N
 *   beian-admin curtain delivered ORDER
 *   beian-admin bureau code ORDER
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "lib/bureau.h"
#include "lib/db-filing.h"
#include "lib/db-order.h"
#include "lib/db-verify.h"
#include "lib/stmts.h"
#include "lib/util.h"

#define CARRIER_MAX	32
#define TRACKING_MAX	40

static bool
order_arg(const char *s, int64_t *oid)
{
	return s != NULL && str_to_i64(s, 1, INT64_MAX, oid);
}

/*
 * Record a curtain's step on order oid, in one transaction with its
 * order_event (the order must be in its verification).
 */
static int
curtain_step(int64_t oid, enum stmt st, const struct db_arg *a, size_t n,
    const char *note)
{
	struct order_lock	 l;
	uint64_t		 changed = 0;
	enum app_err		 er;

	if (db_tx_begin(db) != APP_OK)
		return fail("%s", "database error");
	if ((er = db_order_lock_review(db, oid, &l)) != APP_OK) {
		db_tx_rollback(db);
		return fail("no order %lld", (long long)oid);
	}
	if ((er = db_exec(db, st, a, n, &changed)) != APP_OK) {
		db_tx_rollback(db);
		return fail("%s", "database error");
	}
	if (changed == 0) {
		db_tx_rollback(db);
		return fail("order %lld has no curtain request in that state",
		    (long long)oid);
	}
	if ((er = db_order_apply(db, &l, OE_VERIFICATION_PHOTO, "admin", 0,
	    note)) != APP_OK) {
		db_tx_rollback(db);
		return fail("order %lld is not in its photo verification",
		    (long long)oid);
	}
	if (db_tx_commit(db) != APP_OK)
		return fail("%s", "database error");
	return 0;
}

int
cmd_curtain_ship(int argc, char **argv)
{
	struct opt	 o[] = {
		{ "carrier", NULL, false }, { "tracking", NULL, false },
	};
	struct db_arg	 a[3];
	const char	*carrier, *tracking;
	char		 note[160];
	int64_t		 oid;
	int		 rc;

	if (argc < 1 || !order_arg(argv[0], &oid))
		return fail("%s", "usage: curtain ship ORDER --carrier C "
		    "--tracking N");
	if ((rc = parse_opts(argc - 1, argv + 1, o, nitems(o))) != 0)
		return rc;
	if ((carrier = need(o, nitems(o), "carrier")) == NULL ||
	    (tracking = need(o, nitems(o), "tracking")) == NULL)
		return 2;
	if (*carrier == '\0' || strlen(carrier) > CARRIER_MAX ||
	    !utf8_valid(carrier, strlen(carrier)))
		return fail("--carrier: 1 to %d bytes of text", CARRIER_MAX);
	if (*tracking == '\0' || strlen(tracking) > TRACKING_MAX ||
	    strspn(tracking, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz-") != strlen(tracking))
		return fail("--tracking: 1 to %d letters, digits or -",
		    TRACKING_MAX);
	a[0] = DB_S(carrier);
	a[1] = DB_S(tracking);
	a[2] = DB_I(oid);
	(void)snprintf(note, sizeof(note), "幕布已寄出（%s %s）", carrier,
	    tracking);
	if ((rc = curtain_step(oid, STMT_CURTAIN_SHIP, a, 3, note)) != 0)
		return rc;
	printf("%lld\tshipped\t%s\t%s\n", (long long)oid, carrier, tracking);
	return 0;
}

int
cmd_curtain_delivered(int argc, char **argv)
{
	struct db_arg	 a[1];
	int64_t		 oid;
	int		 rc;

	if (argc != 1 || !order_arg(argv[0], &oid))
		return fail("%s", "usage: curtain delivered ORDER");
	a[0] = DB_I(oid);
	if ((rc = curtain_step(oid, STMT_CURTAIN_DELIVERED, a, 1,
	    "幕布已签收")) != 0)
		return rc;
	printf("%lld\tdelivered\n", (long long)oid);
	return 0;
}

static enum app_err
account_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_ORDER_REVIEW_INFO_ACCOUNT_ID);
	return APP_OK;
}

int
cmd_bureau_code(int argc, char **argv)
{
	struct filing		 f;
	struct verify_persons	 ps;
	struct db_arg		 a[1];
	struct buf		 mobiles = BUF_INIT;
	char			 code[7];
	int64_t			 oid, account = 0;

	if (argc != 1 || !order_arg(argv[0], &oid))
		return fail("%s", "usage: bureau code ORDER");
	a[0] = DB_I(oid);
	if (db_query(db, STMT_ORDER_REVIEW_INFO, a, 1, account_row,
	    &account) != APP_OK || account == 0 ||
	    filing_load(db, oid, account, clock_now(), FP_WEBSITES, &f) !=
	    APP_OK) {
		filing_free(&f);
		return fail("no order %lld", (long long)oid);
	}
	verify_persons(&f, &ps);
	verify_mobiles(&ps, &mobiles);
	bureau_shanghai_code(&conf, oid, mobiles.p, code);
	printf("%s\n", code);
	buf_free(&mobiles);
	verify_persons_free(&ps);
	filing_free(&f);
	return 0;
}
