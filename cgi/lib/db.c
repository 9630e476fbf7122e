#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include "db.h"
#include "log.h"
#include "util.h"

#define DB_MAX_COLS	32

struct	db {
	const struct conf	*conf;
	MYSQL			*my;
	MYSQL_STMT		*st[STMT__MAX];
	bool			 intx;
	unsigned int		 lasterr;
};

struct	db_row {
	size_t		 ncols;
	int64_t		 ival[DB_MAX_COLS];
	char		*sval[DB_MAX_COLS];
	unsigned long	 len[DB_MAX_COLS];
	my_bool		 isnull[DB_MAX_COLS];
};

int64_t
db_row_int(const struct db_row *r, size_t i)
{
	return i < r->ncols && !r->isnull[i] ? r->ival[i] : 0;
}

bool
db_row_null(const struct db_row *r, size_t i)
{
	return i >= r->ncols || r->isnull[i];
}

const char *
db_row_str(const struct db_row *r, size_t i)
{
	return i < r->ncols && !r->isnull[i] ? r->sval[i] : NULL;
}

size_t
db_row_len(const struct db_row *r, size_t i)
{
	return i < r->ncols && !r->isnull[i] ? r->len[i] : 0;
}

struct db *
db_new(const struct conf *c)
{
	struct db	*db;

	db = xcalloc(1, sizeof(*db));
	db->conf = c;
	return db;
}

static void
db_disconnect(struct db *db)
{
	size_t	 i;

	for (i = 0; i < STMT__MAX; i++) {
		if (db->st[i] != NULL)
			mysql_stmt_close(db->st[i]);
		db->st[i] = NULL;
	}
	if (db->my != NULL)
		mysql_close(db->my);
	db->my = NULL;
	db->intx = false;
}

void
db_free(struct db *db)
{
	if (db == NULL)
		return;
	db_disconnect(db);
	free(db);
}

unsigned int
db_last_errno(const struct db *db)
{
	return db->lasterr;
}

static bool
conn_lost(unsigned int e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == CR_COMMANDS_OUT_OF_SYNC || e == ER_UNKNOWN_STMT_HANDLER ||
	    e == CR_CONNECTION_ERROR || e == ER_CONNECTION_KILLED;
}

static enum app_err
map_err(struct db *db, unsigned int e, const char *what, const char *msg)
{
	db->lasterr = e;
	if (e == ER_DUP_ENTRY || e == ER_DUP_ENTRY_WITH_KEY_NAME)
		return APP_ECONFLICT;
	/* A foreign key or CHECK constraint refused the values. */
	if (e == ER_NO_REFERENCED_ROW_2 || e == ER_ROW_IS_REFERENCED_2 ||
	    e == ER_CONSTRAINT_FAILED || e == ER_DATA_TOO_LONG ||
	    e == ER_TRUNCATED_WRONG_VALUE || e == ER_WARN_DATA_OUT_OF_RANGE) {
		applog(LOG_WARN, "db: %s: %u %s", what, e, msg);
		return APP_EINVAL;
	}
	if (e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT) {
		applog(LOG_WARN, "db: %s: %u %s", what, e, msg);
		return APP_ECONFLICT;
	}
	applog(LOG_ERR, "db: %s: %u %s", what, e, msg);
	if (conn_lost(e)) {
		db_disconnect(db);
		return APP_EDB;
	}
	return APP_EINTERNAL;
}

static enum app_err
db_connect(struct db *db, unsigned long flags)
{
	unsigned int	 timeout = 3, rwtimeout = 30;

	if (db->my != NULL)
		return APP_OK;
	if ((db->my = mysql_init(NULL)) == NULL)
		return APP_EINTERNAL;
	mysql_options(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(db->my, MYSQL_OPT_READ_TIMEOUT, &rwtimeout);
	mysql_options(db->my, MYSQL_OPT_WRITE_TIMEOUT, &rwtimeout);
	mysql_options(db->my, MYSQL_INIT_COMMAND, db_init_command);
	if (mysql_real_connect(db->my, NULL, db->conf->db_user,
	    db->conf->db_password, db->conf->db_name, 0,
	    db->conf->db_socket, flags) == NULL) {
		db->lasterr = mysql_errno(db->my);
		applog(LOG_ERR, "db: connect: %u %s", mysql_errno(db->my),
		    mysql_error(db->my));
		mysql_close(db->my);
		db->my = NULL;
		return APP_EDB;
	}
	return APP_OK;
}

/*
 * The result columns must have the kinds the signature says: a text
 * column read as 'I' silently becomes 0, so check once, at prepare.
 */
/*
 * The i-th name of a list "id kind state " (stmts.h COLS_NAMES) into
 * out; false past the last.
 */
static bool
nth_name(const char *names, unsigned int i, char *out, size_t outsz)
{
	const char	*p = names;
	size_t		 n;

	for (;;) {
		p += strspn(p, " ");
		n = strcspn(p, " ");
		if (n == 0)
			return false;
		if (i-- == 0)
			break;
		p += n;
	}
	if (n >= outsz)
		return false;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

static bool
cols_match(MYSQL_STMT *st, const char *cols, const char *names, int s)
{
	MYSQL_RES	*md;
	MYSQL_FIELD	*f;
	unsigned int	 i, n;
	bool		 ok = true, isint;
	char		 want[64];

	n = (unsigned int)strlen(cols);
	if ((md = mysql_stmt_result_metadata(st)) == NULL)
		return n == 0;
	if (mysql_num_fields(md) != n) {
		applog(LOG_ERR, "db: statement %d has %u columns, signature "
		    "\"%s\"", s, mysql_num_fields(md), cols);
		mysql_free_result(md);
		return false;
	}
	f = mysql_fetch_fields(md);
	for (i = 0; i < n; i++) {
		isint = f[i].type == MYSQL_TYPE_TINY ||
		    f[i].type == MYSQL_TYPE_SHORT ||
		    f[i].type == MYSQL_TYPE_LONG ||
		    f[i].type == MYSQL_TYPE_INT24 ||
		    f[i].type == MYSQL_TYPE_LONGLONG;
		if ((cols[i] == 'I') != isint) {
			applog(LOG_ERR, "db: statement %d column %u (%s) is "
			    "%s, signature says '%c'", s, i, f[i].name,
			    isint ? "an integer" : "not an integer", cols[i]);
			ok = false;
		}
		/* The code reads it by this name: a moved column is caught. */
		if (!nth_name(names != NULL ? names : "", i, want,
		    sizeof(want)) || strcmp(want, f[i].name) != 0) {
			applog(LOG_ERR, "db: statement %d column %u is \"%s\", "
			    "its column list says \"%s\"", s, i, f[i].name,
			    names != NULL ? want : "(no list)");
			ok = false;
		}
	}
	mysql_free_result(md);
	return ok;
}

static enum app_err
db_prepare(struct db *db, enum stmt s, MYSQL_STMT **out)
{
	const struct stmt_def	*d = &stmt_defs[s];
	MYSQL_STMT		*st;
	enum app_err		 er;

	if (d->sql == NULL) {
		applog(LOG_ERR, "db: statement %d has no SQL", (int)s);
		return APP_EINTERNAL;
	}
	if ((er = db_connect(db, 0)) != APP_OK)
		return er;
	if (db->st[s] != NULL) {
		*out = db->st[s];
		return APP_OK;
	}
	if ((st = mysql_stmt_init(db->my)) == NULL)
		return map_err(db, mysql_errno(db->my), "stmt_init",
		    mysql_error(db->my));
	if (mysql_stmt_prepare(st, d->sql, strlen(d->sql)) != 0) {
		unsigned int	 e = mysql_stmt_errno(st);
		char		 msg[512];

		snprintf(msg, sizeof(msg), "%s", mysql_stmt_error(st));
		mysql_stmt_close(st);
		return map_err(db, e, "prepare", msg);
	}
	if (mysql_stmt_param_count(st) != strlen(d->args)) {
		applog(LOG_ERR, "db: statement %d: %lu placeholders, "
		    "signature has %zu", (int)s, mysql_stmt_param_count(st),
		    strlen(d->args));
		mysql_stmt_close(st);
		return APP_EINTERNAL;
	}
	if (!cols_match(st, d->cols, d->names, (int)s)) {
		mysql_stmt_close(st);
		return APP_EINTERNAL;
	}
	db->st[s] = st;
	*out = st;
	return APP_OK;
}

/* Fetch every row, calling fn; always drains the result set. */
static enum app_err
fetch_rows(struct db *db, MYSQL_STMT *st, const char *cols, db_row_fn fn,
    void *arg)
{
	MYSQL_BIND	 b[DB_MAX_COLS];
	struct db_row	 row;
	size_t		 i, ncols = strlen(cols);
	enum app_err	 er = APP_OK, cber = APP_OK;
	int		 rc;

	if (ncols == 0 || ncols > DB_MAX_COLS ||
	    mysql_stmt_field_count(st) != ncols) {
		applog(LOG_ERR, "db: column signature \"%s\" does not match "
		    "%u result columns", cols, mysql_stmt_field_count(st));
		mysql_stmt_free_result(st);
		return APP_EINTERNAL;
	}
	memset(b, 0, sizeof(b));
	memset(&row, 0, sizeof(row));
	row.ncols = ncols;
	for (i = 0; i < ncols; i++) {
		b[i].is_null = &row.isnull[i];
		b[i].length = &row.len[i];
		if (cols[i] == 'I') {
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = &row.ival[i];
			b[i].buffer_length = sizeof(row.ival[i]);
		} else {
			/* Length first, then fetch_column into a fitted buffer. */
			b[i].buffer_type = cols[i] == 'b' ?
			    MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
			b[i].buffer = NULL;
			b[i].buffer_length = 0;
		}
	}
	if (mysql_stmt_bind_result(st, b) != 0) {
		er = map_err(db, mysql_stmt_errno(st), "bind_result",
		    mysql_stmt_error(st));
		mysql_stmt_free_result(st);
		return er;
	}
	for (;;) {
		rc = mysql_stmt_fetch(st);
		if (rc == MYSQL_NO_DATA)
			break;
		if (rc == 1) {
			er = map_err(db, mysql_stmt_errno(st), "fetch",
			    mysql_stmt_error(st));
			break;
		}
		for (i = 0; i < ncols; i++) {
			MYSQL_BIND	 cb;

			row.sval[i] = NULL;
			if (cols[i] == 'I' || row.isnull[i])
				continue;
			row.sval[i] = xmalloc((size_t)row.len[i] + 1);
			if (row.len[i] > 0) {
				memset(&cb, 0, sizeof(cb));
				cb.buffer_type = b[i].buffer_type;
				cb.buffer = row.sval[i];
				cb.buffer_length = row.len[i];
				if (mysql_stmt_fetch_column(st, &cb,
				    (unsigned int)i, 0) != 0) {
					er = map_err(db, mysql_stmt_errno(st),
					    "fetch_column",
					    mysql_stmt_error(st));
					row.sval[i][0] = '\0';
				}
			}
			row.sval[i][row.len[i]] = '\0';
		}
		if (er == APP_OK && cber == APP_OK && fn != NULL)
			cber = fn(&row, arg);
		for (i = 0; i < ncols; i++) {
			free(row.sval[i]);
			row.sval[i] = NULL;
		}
		if (er != APP_OK)
			break;
	}
	if (db->my != NULL)
		mysql_stmt_free_result(st);
	return er != APP_OK ? er : cber;
}

static enum app_err
run_once(struct db *db, enum stmt s, const struct db_arg *args, size_t n,
    db_row_fn fn, void *arg, uint64_t *affected, int64_t *id, bool *lost)
{
	const struct stmt_def	*d = &stmt_defs[s];
	MYSQL_BIND		 b[32];
	MYSQL_STMT		*st = NULL;
	unsigned long		 lens[32];
	my_bool			 nulls[32];
	size_t			 i;
	enum app_err		 er;
	unsigned int		 e;

	*lost = false;
	if (n != strlen(d->args) || n > nitems(b)) {
		applog(LOG_ERR, "db: statement %d: %zu args, signature \"%s\"",
		    (int)s, n, d->args);
		return APP_EINTERNAL;
	}
	for (i = 0; i < n; i++)
		if (args[i].t != d->args[i]) {
			applog(LOG_ERR, "db: statement %d: arg %zu is '%c', "
			    "signature \"%s\"", (int)s, i, args[i].t,
			    d->args);
			return APP_EINTERNAL;
		}
	if ((er = db_prepare(db, s, &st)) != APP_OK) {
		*lost = er == APP_EDB;
		return er;
	}
	memset(b, 0, sizeof(b));
	for (i = 0; i < n; i++) {
		nulls[i] = args[i].null;
		b[i].is_null = &nulls[i];
		if (args[i].t == 'I') {
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)(uintptr_t)&args[i].i;
			b[i].buffer_length = sizeof(args[i].i);
		} else {
			/* Never a NULL buffer with a length (sqlpp11 #?). */
			b[i].buffer_type = args[i].t == 'b' ?
			    MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
			b[i].buffer = (void *)(uintptr_t)
			    (args[i].s != NULL ? args[i].s : "");
			lens[i] = args[i].s != NULL ?
			    (unsigned long)args[i].sz : 0;
			b[i].buffer_length = lens[i];
			b[i].length = &lens[i];
		}
	}
	if (n > 0 && mysql_stmt_bind_param(st, b) != 0) {
		e = mysql_stmt_errno(st);
		*lost = conn_lost(e);
		return map_err(db, e, "bind_param", mysql_stmt_error(st));
	}
	if (mysql_stmt_execute(st) != 0) {
		e = mysql_stmt_errno(st);
		*lost = conn_lost(e);
		return map_err(db, e, "execute", mysql_stmt_error(st));
	}
	if (affected != NULL)
		*affected = (uint64_t)mysql_stmt_affected_rows(st);
	if (id != NULL)
		*id = (int64_t)mysql_stmt_insert_id(st);
	if (d->cols[0] != '\0')
		return fetch_rows(db, st, d->cols, fn, arg);
	return APP_OK;
}

static enum app_err
run(struct db *db, enum stmt s, const struct db_arg *args, size_t n,
    db_row_fn fn, void *arg, uint64_t *affected, int64_t *id)
{
	enum app_err	 er;
	bool		 lost, intx = db->intx;

	assert(s < STMT__MAX);
	db->lasterr = 0;
	er = run_once(db, s, args, n, fn, arg, affected, id, &lost);
	/*
	 * A lost connection inside a transaction lost the transaction too;
	 * outside one, a read is safe to repeat on a fresh connection.
	 */
	if (er == APP_EDB && lost && !intx && stmt_defs[s].ro) {
		applog(LOG_WARN, "db: connection lost, reconnecting");
		er = run_once(db, s, args, n, fn, arg, affected, id, &lost);
	}
	return er;
}

enum app_err
db_query(struct db *db, enum stmt s, const struct db_arg *args, size_t n,
    db_row_fn fn, void *arg)
{
	return run(db, s, args, n, fn, arg, NULL, NULL);
}

enum app_err
db_exec(struct db *db, enum stmt s, const struct db_arg *args, size_t n,
    uint64_t *affected)
{
	return run(db, s, args, n, NULL, NULL, affected, NULL);
}

enum app_err
db_insert(struct db *db, enum stmt s, const struct db_arg *args, size_t n,
    int64_t *id)
{
	return run(db, s, args, n, NULL, NULL, NULL, id);
}

enum app_err
db_tx_begin(struct db *db)
{
	enum app_err	 er;

	if (db->intx) {
		applog(LOG_ERR, "db: nested transaction");
		return APP_EINTERNAL;
	}
	if ((er = db_connect(db, 0)) != APP_OK)
		return er;
	if (mysql_autocommit(db->my, 0) != 0) {
		/* Nothing ran yet: one reconnect is safe. */
		if (!conn_lost(mysql_errno(db->my)))
			return map_err(db, mysql_errno(db->my), "begin",
			    mysql_error(db->my));
		db_disconnect(db);
		if ((er = db_connect(db, 0)) != APP_OK)
			return er;
		if (mysql_autocommit(db->my, 0) != 0)
			return map_err(db, mysql_errno(db->my), "begin",
			    mysql_error(db->my));
	}
	db->intx = true;
	return APP_OK;
}

enum app_err
db_tx_commit(struct db *db)
{
	enum app_err	 er = APP_OK;

	if (!db->intx || db->my == NULL)
		return APP_EDB;
	if (mysql_commit(db->my) != 0)
		er = map_err(db, mysql_errno(db->my), "commit",
		    mysql_error(db->my));
	if (db->my != NULL)
		mysql_autocommit(db->my, 1);
	db->intx = false;
	return er;
}

void
db_tx_rollback(struct db *db)
{
	if (db == NULL || !db->intx)
		return;
	if (db->my != NULL) {
		mysql_rollback(db->my);
		mysql_autocommit(db->my, 1);
	}
	db->intx = false;
}

enum app_err
db_run_script(struct db *db, const char *sql, size_t sz, char *err,
    size_t errsz)
{
	enum app_err	 er;
	MYSQL_RES	*res;
	int		 rc;

	err[0] = '\0';
	if (db->my != NULL &&
	    mysql_set_server_option(db->my, MYSQL_OPTION_MULTI_STATEMENTS_ON))
		db_disconnect(db);
	if ((er = db_connect(db, CLIENT_MULTI_STATEMENTS)) != APP_OK) {
		snprintf(err, errsz, "cannot connect to the database");
		return er;
	}
	rc = mysql_real_query(db->my, sql, (unsigned long)sz);
	for (;;) {
		if (rc != 0) {
			snprintf(err, errsz, "%u %s", mysql_errno(db->my),
			    mysql_error(db->my));
			er = map_err(db, mysql_errno(db->my), "script",
			    mysql_error(db->my));
			/* The connection is in an unknown state. */
			db_disconnect(db);
			return er == APP_OK ? APP_EINTERNAL : er;
		}
		if ((res = mysql_store_result(db->my)) != NULL)
			mysql_free_result(res);
		rc = mysql_next_result(db->my);
		if (rc == -1)
			break;
		if (rc > 0)
			rc = 1;
	}
	return APP_OK;
}

int
db_prepare_all(struct db *db)
{
	MYSQL_STMT	*st;
	size_t		 i;
	int		 bad = 0;

	for (i = 0; i < STMT__MAX; i++)
		if (db_prepare(db, (enum stmt)i, &st) != APP_OK) {
			applog(LOG_ERR, "db: statement %zu does not prepare", i);
			bad++;
		}
	return bad;
}
