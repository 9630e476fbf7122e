/*
 * beian-admin: the notification outbox for the operator (db-notify.h).
 *
 *   beian-admin outbox list [--state pending|sending|sent|failed|dead]
 *   beian-admin outbox requeue ID      a failed or dead message goes again
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "lib/stmts.h"
#include "lib/util.h"

static enum app_err
outbox_row(const struct db_row *row, void *arg)
{
	const char	*e = db_row_str(row, COL_OUTBOX_LIST_LAST_ERROR);

	(void)arg;
	printf("%lld\t%lld\t%s\t%s\t%s\t%s\t%lld\t%s\t%s\n",
	    (long long)db_row_int(row, COL_OUTBOX_LIST_ID),
	    (long long)db_row_int(row, COL_OUTBOX_LIST_ORDER_ID),
	    db_row_str(row, COL_OUTBOX_LIST_EVENT),
	    db_row_str(row, COL_OUTBOX_LIST_CHANNEL),
	    db_row_str(row, COL_OUTBOX_LIST_RECIPIENT),
	    db_row_str(row, COL_OUTBOX_LIST_STATE),
	    (long long)db_row_int(row, COL_OUTBOX_LIST_TRIES),
	    db_row_str(row, COL_OUTBOX_LIST_CREATED),
	    e != NULL ? e : "-");
	return APP_OK;
}

int
cmd_outbox_list(int argc, char **argv)
{
	static const char *const states[] = {
		"pending", "sending", "sent", "failed", "dead"
	};
	struct opt	 o[] = { { "state", NULL, false } };
	struct db_arg	 a[2];
	const char	*st;
	size_t		 i;
	int		 rc;

	if ((rc = parse_opts(argc, argv, o, nitems(o))) != 0)
		return rc;
	st = opt(o, nitems(o), "state");
	for (i = 0; st != NULL && i < nitems(states); i++)
		if (strcmp(st, states[i]) == 0)
			break;
	if (st != NULL && i == nitems(states))
		return fail("--state %s: pending, sending, sent, failed or dead",
		    st);
	a[0] = DB_S(st != NULL ? st : "");
	a[1] = DB_S(st != NULL ? st : "");
	if (db_query(db, STMT_OUTBOX_LIST, a, 2, outbox_row, NULL) != APP_OK)
		return fail("%s", "database error");
	return 0;
}

int
cmd_outbox_requeue(int argc, char **argv)
{
	struct db_arg	 a[2];
	uint64_t	 n = 0;
	int64_t		 id;

	if (argc != 1 || !str_to_i64(argv[0], 1, INT64_MAX, &id))
		return fail("%s", "usage: outbox requeue ID");
	a[0] = DB_I(clock_now());
	a[1] = DB_I(id);
	if (db_exec(db, STMT_OUTBOX_REQUEUE, a, 2, &n) != APP_OK)
		return fail("%s", "database error");
	if (n == 0)
		return fail("no failed or dead message %lld", (long long)id);
	printf("%lld\tpending\n", (long long)id);
	return 0;
}
