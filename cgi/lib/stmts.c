#include "stmts.h"

const char *db_init_command =
    "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,"
    "NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
    "NO_ENGINE_SUBSTITUTION'";

const struct stmt_def stmt_defs[STMT__MAX] = {
	/* STMT_MIGRATION_TABLE */
	{ "CREATE TABLE IF NOT EXISTS schema_migration ("
	  " version INT UNSIGNED NOT NULL PRIMARY KEY,"
	  " name VARCHAR(200) NOT NULL,"
	  " checksum CHAR(64) NOT NULL,"
	  " applied_at DATETIME NOT NULL"
	  ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
	  "", "", false },
	/* STMT_MIGRATION_LIST */
	{ "SELECT version, name, checksum FROM schema_migration "
	  "ORDER BY version",
	  "", "Iss", true },
	/* STMT_MIGRATION_ADD */
	{ "INSERT INTO schema_migration (version, name, checksum, applied_at) "
	  "VALUES (?, ?, ?, UTC_TIMESTAMP())",
	  "Iss", "", false },
	/* STMT_ACCOUNT_INSERT */
	{ "INSERT INTO account (login, name, role, password_hash, mobile, "
	  "email, created_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
	  "ssssss", "", false },
	/* STMT_ACCOUNT_BY_LOGIN */
	{ "SELECT id, login, name, role, password_hash FROM account "
	  "WHERE login = ? AND disabled = 0",
	  "s", "Issss", true },
	/* STMT_ACCOUNT_SET_HASH */
	{ "UPDATE account SET password_hash = ? WHERE id = ?",
	  "sI", "", false },
	/* STMT_SESSION_INSERT: the account snapshot comes from its row. */
	{ "INSERT INTO session (jti, account_id, login, name, role, "
	  "created_at, expires_at, ip) "
	  "SELECT ?, id, login, name, role, UTC_TIMESTAMP(), "
	  "UTC_TIMESTAMP() + INTERVAL ? SECOND, ? FROM account "
	  "WHERE id = ? AND disabled = 0",
	  "sIsI", "", false },
	/*
	 * STMT_SESSION_LOOKUP: the revocation check on every request, one
	 * primary-key read (expiry is the token's exp, checked before).
	 */
	{ "SELECT account_id, login, name, role FROM session "
	  "WHERE jti = ? AND revoked_at IS NULL",
	  "s", "Isss", true },
	/* STMT_SESSION_REVOKE */
	{ "UPDATE session SET revoked_at = UTC_TIMESTAMP() "
	  "WHERE jti = ? AND revoked_at IS NULL",
	  "s", "", true },
	/*
	 * STMT_LOGIN_LOCKED: the (max)-th newest failure inside the window;
	 * a row means the login is locked for that many more seconds.
	 */
	{ "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), "
	  "at + INTERVAL ? SECOND) FROM login_failure "
	  "WHERE login = ? AND at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND "
	  "ORDER BY at DESC LIMIT 1 OFFSET ?",
	  "IsII", "I", true },
	/* STMT_LOGIN_FAILURE_ADD */
	{ "INSERT INTO login_failure (login, at, ip) "
	  "VALUES (?, UTC_TIMESTAMP(6), ?)",
	  "ss", "", false },
	/* STMT_LOGIN_FAILURE_CLEAR */
	{ "DELETE FROM login_failure WHERE login = ?",
	  "s", "", true },
	/* STMT_LOGIN_FAILURE_PURGE: old rows of a login, kept out of the way. */
	{ "DELETE FROM login_failure WHERE login = ? "
	  "AND at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND",
	  "sI", "", true },
};
