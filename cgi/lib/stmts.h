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
	/* subjects and orders (subject.c) */
	STMT_SUBJECT_LIST,
	STMT_WEBSITE_BY_ACCOUNT,
	STMT_SUBJECT_GET,
	STMT_ORDER_INSERT,
	STMT_ORDER_OPEN_FOR_SUBJECT,
	STMT_ORDER_LIST,
	STMT_ORDER_GET,
	STMT_ORDER_EVENTS,
	STMT_ORDER_SINS,
	STMT_ORDER_LOCK,
	STMT_ORDER_CONFIRM_SUBJECT,
	STMT_ORDER_SET_STATE,
	STMT_ORDER_TOUCH,
	STMT_EVENT_INSERT,
	STMT_SIN_RELEASE_ORDER,
	/* product verification (product.c) */
	STMT_RULES,
	STMT_SIN_FORMATS,
	STMT_PRODUCT_TYPES,
	STMT_SIN_LOOKUP,
	STMT_SIN_RESERVE,
	STMT_ORDER_SIN_COUNT,
	STMT_INSTANCE_FOR_UPDATE,
	STMT_INSTANCES_BY_ACCOUNT,
	STMT_INSTANCE_FREE_SIN,
	STMT_SIN_INSERT,
	/* operator (admin.c) */
	STMT_ACCOUNT_ID_BY_LOGIN,
	STMT_PROVINCE_FIND,
	STMT_SUBJECT_INSERT,
	STMT_SUBJECT_EXISTS,
	STMT_WEBSITE_INSERT,
	STMT_INSTANCE_INSERT,
	STMT_INSTANCE_SET_STATE,
	STMT_INSTANCE_SET_EXPIRES,
	STMT_SIN_LIST_ALL,
	STMT_SIN_LIST_INSTANCE,
	STMT_SIN_GRANT,
	STMT_INSTANCE_QUOTA_LOCK,
	STMT_RULE_VALUE,
	STMT_SIN_LIST_ACCOUNT,
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
