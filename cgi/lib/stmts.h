/*
 * Every SQL statement the programs run, by name.  The text lives in
 * stmts.c and nowhere else; db.c prepares a statement the first time it
 * is used and again after a reconnect.
 */
#ifndef BEIAN_STMTS_H
#define BEIAN_STMTS_H

#include <stdbool.h>

enum	stmt {
	STMT_MIGRATION_TABLE,
	STMT_MIGRATION_LIST,
	STMT_MIGRATION_ADD,
	STMT_ACCOUNT_INSERT,
	STMT_ACCOUNT_BY_LOGIN,
	STMT_ACCOUNT_SET_HASH,
	STMT_SESSION_INSERT,
	STMT_SESSION_LOOKUP,
	STMT_SESSION_REVOKE,
	STMT_LOGIN_LOCKED,
	STMT_LOGIN_FAILURE_ADD,
	STMT_LOGIN_FAILURE_CLEAR,
	STMT_LOGIN_FAILURE_PURGE,
	STMT__MAX
};

/*
 * Signatures: one letter per placeholder in "args" and per column in
 * "cols".  'I' int64, 's' text, 'b' blob.  ro marks a statement that may
 * be retried after a lost connection because running it twice is
 * harmless.
 */
struct	stmt_def {
	const char	*sql;
	const char	*args;
	const char	*cols;
	bool		 ro;
};

extern const struct stmt_def	 stmt_defs[STMT__MAX];
/* Session settings sent on every (re)connect. */
extern const char		*db_init_command;

#endif
