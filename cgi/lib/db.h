/*
 * MariaDB access: one connection per process, prepared statements only.
 * The connection is opened on first use, so a program that never
 * queries (ping) never connects.  After the server restarts, the
 * connection and every statement handle are thrown away and made again;
 * read-only statements are retried once, writes report APP_EDB (503)
 * because we cannot know whether they ran.  MYSQL_OPT_RECONNECT is not
 * used: it reconnects silently and leaves dead statement handles behind.
 */
#ifndef BEIAN_DB_H
#define BEIAN_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "conf.h"
#include "err.h"
#include "stmts.h"

struct	db;

struct	db_arg {
	char		 t;		/* 'I', 's' or 'b': the signature letter */
	bool		 null;
	int64_t		 i;
	const char	*s;		/* 's' and 'b' */
	size_t		 sz;
};

#define DB_I(v)		((struct db_arg){ 'I', false, (v), NULL, 0 })
#define DB_IN(v, isnull)	((struct db_arg){ 'I', (isnull), (v), NULL, 0 })
#define DB_S(v)		db_arg_str(v)
#define DB_B(p, n)	((struct db_arg){ 'b', false, 0, (p), (n) })

/* A text argument; NULL is SQL NULL. */
static inline struct db_arg
db_arg_str(const char *v)
{
	struct db_arg	 a = { 's', v == NULL, 0, v, v == NULL ? 0 : strlen(v) };

	return a;
}

struct	db_row;

/* Column accessors; strings are NUL-terminated, NULL for SQL NULL. */
int64_t		 db_row_int(const struct db_row *, size_t);
bool		 db_row_null(const struct db_row *, size_t);
const char	*db_row_str(const struct db_row *, size_t);
size_t		 db_row_len(const struct db_row *, size_t);

typedef enum app_err (*db_row_fn)(const struct db_row *, void *);

struct db	*db_new(const struct conf *);
void		 db_free(struct db *);

/* Run a statement; fn (may be NULL) sees each row. */
enum app_err	 db_query(struct db *, enum stmt, const struct db_arg *,
			size_t, db_row_fn, void *);
/* Run a statement that returns no rows; *affected may be NULL. */
enum app_err	 db_exec(struct db *, enum stmt, const struct db_arg *,
			size_t, uint64_t *affected);
/* Run an INSERT and return the new AUTO_INCREMENT id. */
enum app_err	 db_insert(struct db *, enum stmt, const struct db_arg *,
			size_t, int64_t *id);

/* Transactions do not nest; rollback is safe without one. */
enum app_err	 db_tx_begin(struct db *);
enum app_err	 db_tx_commit(struct db *);
void		 db_tx_rollback(struct db *);

/*
 * Run trusted SQL text with several statements (migration files only;
 * never with request data).  err gets the server's message on failure.
 */
enum app_err	 db_run_script(struct db *, const char *, size_t,
			char *err, size_t errsz);

/*
 * Prepare every statement of stmts.c, checking placeholders and column
 * kinds against the schema; returns how many failed (each is logged).
 */
int		 db_prepare_all(struct db *);

/* The MariaDB error number of the last failure, 0 if none. */
unsigned int	 db_last_errno(const struct db *);

#endif
