#include <stddef.h>

#include "stmts.h"

/* An order as db-order.c reads it, for its owner or for a reviewer. */
#define ORDER_COLS "SELECT o.id, o.kind, o.state, o.subject_id, " \
	"o.subject_snapshot, " \
	"DATE_FORMAT(o.subject_confirmed_at, '%Y-%m-%dT%H:%i:%sZ') AS subject_confirmed, " \
	"o.version, DATE_FORMAT(o.created_at, '%Y-%m-%dT%H:%i:%sZ') AS created, " \
	"DATE_FORMAT(o.updated_at, '%Y-%m-%dT%H:%i:%sZ') AS updated, " \
	"UNIX_TIMESTAMP(o.created_at) AS created_unix FROM filing_order o "

const char *db_init_command =
    "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,"
    "NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
    "NO_ENGINE_SUBSTITUTION'";

const struct stmt_def stmt_defs[STMT__MAX] = {
	/* STMT_MIGRATION_TABLE */
	[STMT_MIGRATION_TABLE] = { "CREATE TABLE IF NOT EXISTS schema_migration ("
	  " version INT UNSIGNED NOT NULL PRIMARY KEY,"
	  " name VARCHAR(200) NOT NULL,"
	  " checksum CHAR(64) NOT NULL,"
	  " applied_at DATETIME NOT NULL"
	  ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
	  "", "", false, NULL },
	/* STMT_MIGRATION_LIST */
	[STMT_MIGRATION_LIST] = { "SELECT version, name, checksum FROM schema_migration "
	  "ORDER BY version",
	  "", COLS_SIG(COLS_MIGRATION_LIST),
	  true, COLS_NAMES(COLS_MIGRATION_LIST) },
	/* STMT_MIGRATION_ADD */
	[STMT_MIGRATION_ADD] = { "INSERT INTO schema_migration (version, name, checksum, applied_at) "
	  "VALUES (?, ?, ?, UTC_TIMESTAMP())",
	  "Iss", "", false, NULL },
	/* STMT_ACCOUNT_INSERT */
	[STMT_ACCOUNT_INSERT] = { "INSERT INTO account (login, name, role, password_hash, mobile, "
	  "email, created_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
	  "ssssss", "", false, NULL },
	/* STMT_ACCOUNT_BY_LOGIN */
	[STMT_ACCOUNT_BY_LOGIN] = { "SELECT id, login, name, role, password_hash FROM account "
	  "WHERE login = ? AND disabled = 0",
	  "s", COLS_SIG(COLS_ACCOUNT_BY_LOGIN),
	  true, COLS_NAMES(COLS_ACCOUNT_BY_LOGIN) },
	/* STMT_ACCOUNT_SET_HASH */
	[STMT_ACCOUNT_SET_HASH] = { "UPDATE account SET password_hash = ? WHERE id = ?",
	  "sI", "", false, NULL },
	/* STMT_SESSION_INSERT: the account snapshot comes from its row. */
	[STMT_SESSION_INSERT] = { "INSERT INTO session (jti, account_id, login, name, role, "
	  "created_at, expires_at, ip) "
	  "SELECT ?, id, login, name, role, UTC_TIMESTAMP(), "
	  "UTC_TIMESTAMP() + INTERVAL ? SECOND, ? FROM account "
	  "WHERE id = ? AND disabled = 0",
	  "sIsI", "", false, NULL },
	/*
	 * STMT_SESSION_LOOKUP: the revocation check on every request, one
	 * primary-key read (expiry is the token's exp, checked before).
	 */
	/*
	 * The account as it is now, not as it was at login: a role changed
	 * or an account disabled counts on the next request.
	 */
	[STMT_SESSION_LOOKUP] = { "SELECT s.account_id, a.login, a.name, a.role "
	  "FROM session s JOIN account a ON a.id = s.account_id "
	  "WHERE s.jti = ? AND s.revoked_at IS NULL AND a.disabled = 0",
	  "s", COLS_SIG(COLS_SESSION_LOOKUP),
	  true, COLS_NAMES(COLS_SESSION_LOOKUP) },
	/* STMT_SESSION_REVOKE */
	[STMT_SESSION_REVOKE] = { "UPDATE session SET revoked_at = UTC_TIMESTAMP() "
	  "WHERE jti = ? AND revoked_at IS NULL",
	  "s", "", true, NULL },
	/*
	 * STMT_LOGIN_LOCKED: the (max)-th newest failure of a login from one
	 * address inside the window; a row means that pair is locked for
	 * that many more seconds.  The other two count the same way across
	 * addresses (a login guessed from many) and across logins (one
	 * address spraying many).
	 */
	[STMT_LOGIN_LOCKED] = { "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), "
	  "at + INTERVAL ? SECOND) AS seconds_left FROM login_failure "
	  "WHERE login = ? AND ip = ? AND at > UTC_TIMESTAMP(6) - "
	  "INTERVAL ? SECOND ORDER BY at DESC LIMIT 1 OFFSET ?",
	  "IssII", COLS_SIG(COLS_LOGIN_LOCKED),
	  true, COLS_NAMES(COLS_LOGIN_LOCKED) },
	/* STMT_LOGIN_LOCKED_LOGIN */
	[STMT_LOGIN_LOCKED_LOGIN] = { "SELECT TIMESTAMPDIFF(SECOND, "
	  "UTC_TIMESTAMP(6), at + INTERVAL ? SECOND) AS seconds_left "
	  "FROM login_failure WHERE login = ? AND "
	  "at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND "
	  "ORDER BY at DESC LIMIT 1 OFFSET ?",
	  "IsII", COLS_SIG(COLS_LOGIN_LOCKED),
	  true, COLS_NAMES(COLS_LOGIN_LOCKED) },
	/* STMT_LOGIN_LOCKED_ADDRESS */
	[STMT_LOGIN_LOCKED_ADDRESS] = { "SELECT TIMESTAMPDIFF(SECOND, "
	  "UTC_TIMESTAMP(6), at + INTERVAL ? SECOND) AS seconds_left "
	  "FROM login_failure WHERE ip = ? AND "
	  "at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND "
	  "ORDER BY at DESC LIMIT 1 OFFSET ?",
	  "IsII", COLS_SIG(COLS_LOGIN_LOCKED),
	  true, COLS_NAMES(COLS_LOGIN_LOCKED) },
	/* STMT_LOGIN_FAILURE_ADD */
	[STMT_LOGIN_FAILURE_ADD] = { "INSERT INTO login_failure (login, at, ip) "
	  "VALUES (?, UTC_TIMESTAMP(6), ?)",
	  "ss", "", false, NULL },
	/*
	 * STMT_LOGIN_FAILURE_CLEAR: a success clears its own address's
	 * failures only: the owner logging in does not hand a guesser
	 * elsewhere a fresh count.
	 */
	[STMT_LOGIN_FAILURE_CLEAR] = { "DELETE FROM login_failure "
	  "WHERE login = ? AND ip = ?",
	  "ss", "", true, NULL },
	/* STMT_LOGIN_FAILURE_PURGE: old rows of a login, kept out of the way. */
	[STMT_LOGIN_FAILURE_PURGE] = { "DELETE FROM login_failure WHERE login = ? "
	  "AND at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND",
	  "sI", "", true, NULL },

	/*
	 * STMT_SUBJECT_LIST: the account's subjects with the open order of
	 * each, if any (at most one: filing_order.open_subject_id is unique).
	 */
	[STMT_SUBJECT_LIST] = { "SELECT s.id, s.nature, n.name AS nature_name, n.personal, s.name AS subject_name, s.province, "
	  "p.name AS province_name, s.icp_number, s.leader_name, o.id AS order_id, o.kind, o.state "
	  "FROM subject s JOIN subject_nature n ON n.slug = s.nature "
	  "JOIN province p ON p.code = s.province "
	  "LEFT JOIN filing_order o ON o.open_subject_id = s.id "
	  "WHERE s.account_id = ? ORDER BY s.id",
	  "I", COLS_SIG(COLS_SUBJECT_LIST),
	  true, COLS_NAMES(COLS_SUBJECT_LIST) },
	/* STMT_WEBSITE_BY_ACCOUNT */
	[STMT_WEBSITE_BY_ACCOUNT] = { "SELECT w.subject_id, w.id, w.name, w.domain, w.icp_number "
	  "FROM website w JOIN subject s ON s.id = w.subject_id "
	  "WHERE s.account_id = ? ORDER BY w.subject_id, w.id",
	  "I", COLS_SIG(COLS_WEBSITE_BY_ACCOUNT),
	  true, COLS_NAMES(COLS_WEBSITE_BY_ACCOUNT) },
	/* STMT_SUBJECT_GET: one subject of an account, for the snapshot. */
	[STMT_SUBJECT_GET] = { "SELECT s.id, s.nature, n.name AS nature_name, n.personal, s.name AS subject_name, s.province, "
	  "p.name AS province_name, p.abbr, s.cert_type, c.name AS cert_type_name, s.cert_number, "
	  "s.leader_name, s.leader_id_type, lc.name AS leader_id_type_name, s.leader_id_number, "
	  "s.leader_mobile, s.leader_email, s.legal_rep_name, s.icp_number "
	  "FROM subject s JOIN subject_nature n ON n.slug = s.nature "
	  "JOIN province p ON p.code = s.province "
	  "JOIN cert_type c ON c.code = s.cert_type "
	  "JOIN cert_type lc ON lc.code = s.leader_id_type "
	  "WHERE s.id = ? AND s.account_id = ?",
	  "II", COLS_SIG(COLS_SUBJECT_GET),
	  true, COLS_NAMES(COLS_SUBJECT_GET) },
	/* STMT_ORDER_INSERT */
	[STMT_ORDER_INSERT] = { "INSERT INTO filing_order (account_id, subject_id, kind, state, "
	  "open_subject_id, subject_snapshot, created_at, updated_at) "
	  "VALUES (?, ?, ?, 'draft', ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
	  "IIsIs", "", false, NULL },
	/* STMT_ORDER_OPEN_FOR_SUBJECT */
	[STMT_ORDER_OPEN_FOR_SUBJECT] = { "SELECT id, kind, state FROM filing_order WHERE open_subject_id = ?",
	  "I", COLS_SIG(COLS_ORDER_OPEN_FOR_SUBJECT),
	  true, COLS_NAMES(COLS_ORDER_OPEN_FOR_SUBJECT) },
	/* STMT_ORDER_LIST */
	[STMT_ORDER_LIST] = { "SELECT o.id, o.kind, o.state, o.subject_id, s.name AS subject_name, "
	  "DATE_FORMAT(o.created_at, '%Y-%m-%dT%H:%i:%sZ') AS created, "
	  "DATE_FORMAT(o.updated_at, '%Y-%m-%dT%H:%i:%sZ') AS updated, "
	  "(SELECT GROUP_CONCAT(w.domain ORDER BY w.id SEPARATOR ' ') "
	  "FROM order_website w WHERE w.order_id = o.id) AS domains "
	  "FROM filing_order o JOIN subject s ON s.id = o.subject_id "
	  "WHERE o.account_id = ? ORDER BY o.id DESC",
	  "I", COLS_SIG(COLS_ORDER_LIST),
	  true, COLS_NAMES(COLS_ORDER_LIST) },
	/* STMT_ORDER_GET: one order of an account. */
	[STMT_ORDER_GET] = { ORDER_COLS "WHERE o.id = ? AND o.account_id = ?",
	  "II", COLS_SIG(COLS_ORDER_GET),
	  true, COLS_NAMES(COLS_ORDER_GET) },
	/* STMT_ORDER_EVENTS */
	[STMT_ORDER_EVENTS] = { "SELECT DATE_FORMAT(at, '%Y-%m-%dT%H:%i:%sZ') AS at_iso, actor_kind, event, "
	  "from_state, to_state, note FROM order_event WHERE order_id = ? "
	  "ORDER BY id",
	  "I", COLS_SIG(COLS_ORDER_EVENTS),
	  true, COLS_NAMES(COLS_ORDER_EVENTS) },
	/* STMT_ORDER_SINS: the service numbers an order holds. */
	[STMT_ORDER_SINS] = { "SELECT sn.number, sn.status, i.product, pt.name AS product_name, i.region "
	  "FROM service_number sn JOIN instance i ON i.id = sn.instance_id "
	  "JOIN product_type pt ON pt.slug = i.product "
	  "WHERE sn.order_id = ? ORDER BY sn.id",
	  "I", COLS_SIG(COLS_ORDER_SINS),
	  true, COLS_NAMES(COLS_ORDER_SINS) },
	/* STMT_ORDER_LOCK: state and version, locked for a transition. */
	[STMT_ORDER_LOCK] = { "SELECT state, version, subject_confirmed_at IS NOT NULL AS confirmed, kind "
	  "FROM filing_order WHERE id = ? AND account_id = ? FOR UPDATE",
	  "II", COLS_SIG(COLS_ORDER_LOCK),
	  false, COLS_NAMES(COLS_ORDER_LOCK) },
	/* STMT_ORDER_CONFIRM_SUBJECT */
	[STMT_ORDER_CONFIRM_SUBJECT] = { "UPDATE filing_order SET subject_confirmed_at = UTC_TIMESTAMP(), "
	  "updated_at = UTC_TIMESTAMP(), version = version + 1 "
	  "WHERE id = ? AND version = ?",
	  "II", "", false, NULL },
	/* STMT_ORDER_SET_STATE: a terminal state frees the subject's slot. */
	[STMT_ORDER_SET_STATE] = { "UPDATE filing_order SET state = ?, "
	  "open_subject_id = IF(? <> 0, NULL, open_subject_id), "
	  "updated_at = UTC_TIMESTAMP(), version = version + 1 "
	  "WHERE id = ? AND version = ?",
	  "sIII", "", false, NULL },
	/* STMT_ORDER_TOUCH */
	[STMT_ORDER_TOUCH] = { "UPDATE filing_order SET updated_at = UTC_TIMESTAMP(), "
	  "version = version + 1 WHERE id = ? AND version = ?",
	  "II", "", false, NULL },
	/* STMT_EVENT_INSERT */
	[STMT_EVENT_INSERT] = { "INSERT INTO order_event (order_id, at, actor_kind, actor_id, event, "
	  "from_state, to_state, note) "
	  "VALUES (?, UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?)",
	  "IsIssss", "", false, NULL },
	/* STMT_SIN_RELEASE_ORDER: reserved numbers go back to usable. */
	[STMT_SIN_RELEASE_ORDER] = { "UPDATE service_number SET status = 'bound', order_id = NULL, "
	  "updated_at = UTC_TIMESTAMP() "
	  "WHERE order_id = ? AND status IN ('reserved', 'filing')",
	  "I", "", false, NULL },
	/* STMT_SIN_FORMATS */
	[STMT_SIN_FORMATS] = { "SELECT pattern, example FROM sin_format "
	  "WHERE active = 1 ORDER BY id",
	  "", COLS_SIG(COLS_SIN_FORMATS),
	  true, COLS_NAMES(COLS_SIN_FORMATS) },
	/* STMT_PRODUCT_TYPES */
	[STMT_PRODUCT_TYPES] = { "SELECT slug, name, sin_quota FROM product_type ORDER BY slug",
	  "", COLS_SIG(COLS_PRODUCT_TYPES),
	  true, COLS_NAMES(COLS_PRODUCT_TYPES) },
	/*
	 * STMT_SIN_LOOKUP: a number with its instance, locked.  Columns:
	 * id, status, order_id, granted_account_id, instance id, owner,
	 * product, mainland, billing, months, expired, has public IP, state.
	 */
	[STMT_SIN_LOOKUP] = { "SELECT sn.id AS sin_id, sn.status, sn.order_id, sn.granted_account_id, "
	  "i.id AS instance_id, i.account_id, i.product, i.mainland, i.billing, i.months, "
	  "i.expires_at < UTC_DATE() AS expired, "
	  "i.public_ip IS NOT NULL AND i.public_ip <> '' AS has_public_ip, i.state "
	  "FROM service_number sn LEFT JOIN instance i ON i.id = sn.instance_id "
	  "WHERE sn.number = ? FOR UPDATE",
	  "s", COLS_SIG(COLS_SIN_LOOKUP),
	  false, COLS_NAMES(COLS_SIN_LOOKUP) },
	/* STMT_SIN_RESERVE */
	[STMT_SIN_RESERVE] = { "UPDATE service_number SET status = 'reserved', order_id = ?, "
	  "updated_at = UTC_TIMESTAMP() WHERE id = ? AND status = 'bound'",
	  "II", "", false, NULL },
	/* STMT_ORDER_SIN_COUNT */
	[STMT_ORDER_SIN_COUNT] = { "SELECT COUNT(*) AS n FROM service_number WHERE order_id = ?",
	  "I", COLS_SIG(COLS_ORDER_SIN_COUNT),
	  false, COLS_NAMES(COLS_ORDER_SIN_COUNT) },
	/*
	 * STMT_INSTANCE_FOR_UPDATE: an instance of the account, locked, with
	 * the same columns as STMT_SIN_LOOKUP's instance part plus quota and
	 * numbers issued so far.
	 */
	[STMT_INSTANCE_FOR_UPDATE] = { "SELECT i.id, i.account_id, i.product, i.mainland, i.billing, "
	  "i.months, i.expires_at < UTC_DATE() AS expired, "
	  "i.public_ip IS NOT NULL AND i.public_ip <> '' AS has_public_ip, i.state, "
	  "pt.sin_quota, (SELECT COUNT(*) FROM service_number x "
	  "WHERE x.instance_id = i.id) AS issued "
	  "FROM instance i JOIN product_type pt ON pt.slug = i.product "
	  "WHERE i.id = ? AND i.account_id = ? FOR UPDATE",
	  "II", COLS_SIG(COLS_INSTANCE_FOR_UPDATE),
	  false, COLS_NAMES(COLS_INSTANCE_FOR_UPDATE) },
	/* STMT_INSTANCES_BY_ACCOUNT: the same, every instance, unlocked. */
	[STMT_INSTANCES_BY_ACCOUNT] = { "SELECT i.id, i.account_id, i.product, i.mainland, i.billing, "
	  "i.months, i.expires_at < UTC_DATE() AS expired, "
	  "i.public_ip IS NOT NULL AND i.public_ip <> '' AS has_public_ip, i.state, "
	  "pt.sin_quota, (SELECT COUNT(*) FROM service_number x "
	  "WHERE x.instance_id = i.id) AS issued, pt.name AS product_name, i.region, "
	  "DATE_FORMAT(i.expires_at, '%Y-%m-%d') AS expires_on, i.public_ip "
	  "FROM instance i JOIN product_type pt ON pt.slug = i.product "
	  "WHERE i.account_id = ? ORDER BY i.id",
	  "I", COLS_SIG(COLS_INSTANCES_BY_ACCOUNT),
	  true, COLS_NAMES(COLS_INSTANCES_BY_ACCOUNT) },
	/* STMT_INSTANCE_FREE_SIN: a usable number of the owner's own. */
	[STMT_INSTANCE_FREE_SIN] = { "SELECT id, number FROM service_number WHERE instance_id = ? "
	  "AND status = 'bound' AND granted_account_id IS NULL "
	  "ORDER BY id LIMIT 1 FOR UPDATE",
	  "I", COLS_SIG(COLS_INSTANCE_FREE_SIN),
	  false, COLS_NAMES(COLS_INSTANCE_FREE_SIN) },
	/* STMT_SIN_INSERT */
	[STMT_SIN_INSERT] = { "INSERT INTO service_number (number, instance_id, status, order_id, "
	  "created_at, updated_at) "
	  "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
	  "sIsI", "", false, NULL },
	/* STMT_ACCOUNT_ID_BY_LOGIN */
	[STMT_ACCOUNT_ID_BY_LOGIN] = { "SELECT id AS n FROM account WHERE login = ?",
	  "s", COLS_SIG(COLS_ACCOUNT_ID_BY_LOGIN),
	  true, COLS_NAMES(COLS_ACCOUNT_ID_BY_LOGIN) },
	/* STMT_PROVINCE_FIND: by code, name or abbreviation. */
	[STMT_PROVINCE_FIND] = { "SELECT code, abbr FROM province "
	  "WHERE code = ? OR name = ? OR abbr = ?",
	  "sss", COLS_SIG(COLS_PROVINCE_FIND),
	  true, COLS_NAMES(COLS_PROVINCE_FIND) },
	/* STMT_SUBJECT_INSERT */
	[STMT_SUBJECT_INSERT] = { "INSERT INTO subject (account_id, nature, name, province, cert_type, "
	  "cert_number, leader_name, leader_id_type, leader_id_number, "
	  "leader_mobile, leader_email, legal_rep_name, icp_number, "
	  "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	  "UTC_TIMESTAMP())",
	  "IsssIssIsssss", "", false, NULL },
	/* STMT_SUBJECT_EXISTS */
	[STMT_SUBJECT_EXISTS] = { "SELECT id, icp_number, account_id FROM subject "
	  "WHERE id = ?",
	  "I", COLS_SIG(COLS_SUBJECT_EXISTS),
	  true, COLS_NAMES(COLS_SUBJECT_EXISTS) },
	/* STMT_WEBSITE_INSERT */
	[STMT_WEBSITE_INSERT] = { "INSERT INTO website (subject_id, name, domain, icp_number, filed_at) "
	  "VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
	  "Isss", "", false, NULL },
	/* STMT_INSTANCE_INSERT: expiry is months from today. */
	[STMT_INSTANCE_INSERT] = { "INSERT INTO instance (account_id, product, region, mainland, "
	  "billing, months, expires_at, public_ip, state, created_at) "
	  "VALUES (?, ?, ?, ?, ?, ?, UTC_DATE() + INTERVAL ? MONTH, ?, ?, "
	  "UTC_TIMESTAMP())",
	  "IssIsIIss", "", false, NULL },
	/* STMT_INSTANCE_SET_STATE */
	[STMT_INSTANCE_SET_STATE] = { "UPDATE instance SET state = ? WHERE id = ?",
	  "sI", "", false, NULL },
	/* STMT_INSTANCE_SET_EXPIRES */
	[STMT_INSTANCE_SET_EXPIRES] = { "UPDATE instance SET expires_at = ? WHERE id = ?",
	  "sI", "", false, NULL },
	/* STMT_SIN_LIST_ALL */
	[STMT_SIN_LIST_ALL] = { "SELECT number, status FROM service_number ORDER BY id",
	  "", COLS_SIG(COLS_SIN_LIST_ALL),
	  true, COLS_NAMES(COLS_SIN_LIST_ALL) },
	/* STMT_SIN_LIST_INSTANCE */
	[STMT_SIN_LIST_INSTANCE] = { "SELECT number, status FROM service_number WHERE instance_id = ? "
	  "ORDER BY id",
	  "I", COLS_SIG(COLS_SIN_LIST_INSTANCE),
	  true, COLS_NAMES(COLS_SIN_LIST_INSTANCE) },
	/* STMT_SIN_GRANT */
	[STMT_SIN_GRANT] = { "UPDATE service_number SET granted_account_id = ? WHERE number = ?",
	  "Is", "", false, NULL },
	/* STMT_INSTANCE_QUOTA_LOCK: quota and numbers so far, locked. */
	[STMT_INSTANCE_QUOTA_LOCK] = { "SELECT pt.sin_quota, (SELECT COUNT(*) "
	  "FROM service_number x WHERE x.instance_id = i.id) AS issued "
	  "FROM instance i JOIN product_type pt ON pt.slug = i.product "
	  "WHERE i.id = ? FOR UPDATE",
	  "I", COLS_SIG(COLS_INSTANCE_QUOTA_LOCK),
	  false, COLS_NAMES(COLS_INSTANCE_QUOTA_LOCK) },
	/* STMT_SIN_LIST_ACCOUNT: numbers of an account's instances. */
	[STMT_SIN_LIST_ACCOUNT] = { "SELECT sn.number, sn.status, i.product, "
	  "i.billing, i.months, i.public_ip IS NOT NULL AS has_public_ip, i.mainland, i.state "
	  "FROM service_number sn JOIN instance i ON i.id = sn.instance_id "
	  "WHERE i.account_id = ? ORDER BY sn.id",
	  "I", COLS_SIG(COLS_SIN_LIST_ACCOUNT),
	  true, COLS_NAMES(COLS_SIN_LIST_ACCOUNT) },
	/*
	 * STMT_PROVINCE_RULES: the national defaults and the province's own
	 * rows for a subject kind; the province's row comes last and wins.
	 */
	[STMT_PROVINCE_RULES] = { "SELECT p.rule AS name, p.value, p.message, "
	  "p.province, DATE_FORMAT(p.as_of, '%Y-%m-%d') AS as_of_day "
	  "FROM province_rule p WHERE p.province IN ('000000', ?) "
	  "AND p.subject_kind IN ('all', ?) AND p.as_of = (SELECT MAX(q.as_of) "
	  "FROM province_rule q WHERE q.province = p.province AND "
	  "q.rule = p.rule AND q.subject_kind = p.subject_kind AND "
	  "q.as_of <= ?) "
	  "ORDER BY p.province = '000000' DESC, p.subject_kind = 'all' DESC",
	  "sss", COLS_SIG(COLS_PROVINCE_RULES),
	  true, COLS_NAMES(COLS_PROVINCE_RULES) },
	/* STMT_RULE_KEYS: the registry of rule keys (sql/010). */
	[STMT_RULE_KEYS] = { "SELECT name, scope, unit, min_value, max_value, "
	  "default_value, description FROM rule_key ORDER BY name",
	  "", COLS_SIG(COLS_RULE_KEYS),
	  true, COLS_NAMES(COLS_RULE_KEYS) },
	/* STMT_RULE_KEY: one key of the registry (columns as STMT_RULE_KEYS). */
	[STMT_RULE_KEY] = { "SELECT name, scope, unit, min_value, max_value, "
	  "default_value, description FROM rule_key WHERE name = ?",
	  "s", COLS_SIG(COLS_RULE_KEY),
	  true, COLS_NAMES(COLS_RULE_KEY) },
	/*
	 * STMT_RULE_HISTORY_PROVINCE: a province's rows of a key, oldest
	 * first: as_of, subject kind, value, source, message.
	 */
	[STMT_RULE_HISTORY_PROVINCE] = { "SELECT DATE_FORMAT(as_of, "
	  "'%Y-%m-%d') AS as_of_day, subject_kind, value, source, message FROM province_rule "
	  "WHERE province = ? AND rule = ? ORDER BY as_of, subject_kind",
	  "ss", COLS_SIG(COLS_RULE_HISTORY_PROVINCE),
	  true, COLS_NAMES(COLS_RULE_HISTORY_PROVINCE) },
	/* STMT_RULE_HISTORY_SETTING: the same for a setting. */
	[STMT_RULE_HISTORY_SETTING] = { "SELECT DATE_FORMAT(as_of, "
	  "'%Y-%m-%d') AS as_of_day, 'all' AS subject_kind, value, source, message FROM rule_setting "
	  "WHERE name = ? ORDER BY as_of",
	  "s", COLS_SIG(COLS_RULE_HISTORY_SETTING),
	  true, COLS_NAMES(COLS_RULE_HISTORY_SETTING) },
	/* STMT_RULE_PUT_PROVINCE: a row; the same day's row is replaced. */
	[STMT_RULE_PUT_PROVINCE] = { "INSERT INTO province_rule (province, rule, "
	  "subject_kind, value, message, source, as_of) VALUES "
	  "(?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE value = VALUES(value), "
	  "message = VALUES(message), source = VALUES(source)",
	  "sssIsss", "", false, NULL },
	/* STMT_RULE_PUT_SETTING */
	[STMT_RULE_PUT_SETTING] = { "INSERT INTO rule_setting (name, value, "
	  "message, source, as_of) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY "
	  "UPDATE value = VALUES(value), message = VALUES(message), "
	  "source = VALUES(source)",
	  "sIsss", "", false, NULL },
	/* STMT_SETTINGS_IN_FORCE: each setting's newest row whose day came. */
	[STMT_SETTINGS_IN_FORCE] = { "SELECT s.name, s.value, s.message, "
	  "'000000' AS province, DATE_FORMAT(s.as_of, '%Y-%m-%d') AS as_of_day FROM rule_setting s "
	  "WHERE s.as_of = (SELECT MAX(q.as_of) FROM rule_setting q "
	  "WHERE q.name = s.name AND q.as_of <= ?)",
	  "s", COLS_SIG(COLS_SETTINGS_IN_FORCE),
	  true, COLS_NAMES(COLS_SETTINGS_IN_FORCE) },
	/* STMT_NAME_RULES */
	[STMT_NAME_RULES] = { "SELECT kind, word, applies_to, province, "
	  "preapproval_code, severity, message FROM name_rule "
	  "WHERE as_of <= ? ORDER BY id",
	  "s", COLS_SIG(COLS_NAME_RULES),
	  true, COLS_NAMES(COLS_NAME_RULES) },
	/* STMT_DOMAIN_SUFFIXES */
	[STMT_DOMAIN_SUFFIXES] = { "SELECT suffix, display FROM domain_suffix "
	  "ORDER BY suffix",
	  "", COLS_SIG(COLS_DOMAIN_SUFFIXES),
	  true, COLS_NAMES(COLS_DOMAIN_SUFFIXES) },
	/* STMT_CONTENT_TYPES */
	[STMT_CONTENT_TYPES] = { "SELECT code, name FROM content_type ORDER BY code",
	  "", COLS_SIG(COLS_CONTENT_TYPES),
	  true, COLS_NAMES(COLS_CONTENT_TYPES) },
	/* STMT_LANGUAGES */
	[STMT_LANGUAGES] = { "SELECT code, name FROM site_language ORDER BY code",
	  "", COLS_SIG(COLS_LANGUAGES),
	  true, COLS_NAMES(COLS_LANGUAGES) },
	/* STMT_PREAPPROVAL_TYPES */
	[STMT_PREAPPROVAL_TYPES] = { "SELECT code, name, authority "
	  "FROM preapproval_type ORDER BY code",
	  "", COLS_SIG(COLS_PREAPPROVAL_TYPES),
	  true, COLS_NAMES(COLS_PREAPPROVAL_TYPES) },
	/* STMT_CERT_TYPES */
	[STMT_CERT_TYPES] = { "SELECT code, name, personal FROM cert_type "
	  "ORDER BY code",
	  "", COLS_SIG(COLS_CERT_TYPES),
	  true, COLS_NAMES(COLS_CERT_TYPES) },
	/*
	 * STMT_ORDER_SUBJECT_FULL: the order's subject, unmasked, for the
	 * cross checks: id, nature, personal, province, leader name, id
	 * type, id number, mobile, email, legal rep, name, certificate type
	 * and number.
	 */
	[STMT_ORDER_SUBJECT_FULL] = { "SELECT s.id, s.nature, n.personal, "
	  "s.province, s.leader_name, s.leader_id_type, s.leader_id_number, "
	  "s.leader_mobile, s.leader_email, s.legal_rep_name, s.name, "
	  "s.cert_type, s.cert_number, n.miit_code AS nature_code, s.icp_number "
	  "FROM filing_order o JOIN subject s ON s.id = o.subject_id "
	  "JOIN subject_nature n ON n.slug = s.nature "
	  "WHERE o.id = ? AND o.account_id = ?",
	  "II", COLS_SIG(COLS_ORDER_SUBJECT_FULL),
	  true, COLS_NAMES(COLS_ORDER_SUBJECT_FULL) },
	/*
	 * STMT_MOBILE_ELSEWHERE: is the mobile a leader's of another subject,
	 * or a website owner's in another subject's open order?  (P10)
	 */
	[STMT_MOBILE_ELSEWHERE] = { "SELECT (SELECT COUNT(*) FROM subject "
	  "WHERE leader_mobile = ? AND id <> ?) + (SELECT COUNT(*) "
	  "FROM order_website w JOIN filing_order o ON o.id = w.order_id "
	  "WHERE w.owner_mobile = ? AND o.subject_id <> ? "
	  "AND o.open_subject_id IS NOT NULL) AS n",
	  "sIsI", COLS_SIG(COLS_MOBILE_ELSEWHERE),
	  true, COLS_NAMES(COLS_MOBILE_ELSEWHERE) },
	/*
	 * STMT_DOMAIN_TAKEN: the domain is filed already, or in another open
	 * order (not this one); how many.
	 */
	[STMT_DOMAIN_TAKEN] = { "SELECT (SELECT COUNT(*) FROM website "
	  "WHERE domain = ? OR domain = ?) + (SELECT COUNT(*) FROM "
	  "order_website w JOIN filing_order o ON o.id = w.order_id "
	  "WHERE w.domain_ascii = ? AND o.id <> ? "
	  "AND o.open_subject_id IS NOT NULL) AS n",
	  "sssI", COLS_SIG(COLS_DOMAIN_TAKEN),
	  true, COLS_NAMES(COLS_DOMAIN_TAKEN) },
	/* STMT_DOMAIN_FACT: registrar facts; days left of the registration. */
	[STMT_DOMAIN_FACT] = { "SELECT holder, holder_cert_number, realname, "
	  "DATEDIFF(expires_at, UTC_DATE()) AS days_left, icp_number FROM domain_fact "
	  "WHERE domain = ?",
	  "s", COLS_SIG(COLS_DOMAIN_FACT),
	  true, COLS_NAMES(COLS_DOMAIN_FACT) },
	/* STMT_DOMAIN_FACT_SET */
	[STMT_DOMAIN_FACT_SET] = { "INSERT INTO domain_fact (domain, holder, "
	  "holder_cert_number, realname, expires_at, icp_number, updated_at) "
	  "VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE "
	  "holder = COALESCE(VALUES(holder), holder), "
	  "holder_cert_number = COALESCE(VALUES(holder_cert_number), "
	  "holder_cert_number), realname = COALESCE(VALUES(realname), realname), "
	  "expires_at = COALESCE(VALUES(expires_at), expires_at), "
	  "icp_number = COALESCE(VALUES(icp_number), icp_number), "
	  "updated_at = UTC_TIMESTAMP()",
	  "sssIss", "", false, NULL },
	/* STMT_WEBSITE_LIST: an order's websites (id 0: all of them). */
	[STMT_WEBSITE_LIST] = { "SELECT w.id, w.name, w.domain, w.domain_ascii, "
	  "w.homepage_url, w.content_types, w.languages, w.remark, sn.number AS service_number, "
	  "w.owner_same_as_leader, w.owner_name, w.owner_id_type, "
	  "w.owner_id_number, DATE_FORMAT(w.owner_id_valid_until, '%Y-%m-%d') AS owner_id_valid_until, "
	  "w.owner_mobile, w.owner_emergency, w.owner_email, w.website_number "
	  "FROM order_website w JOIN service_number sn "
	  "ON sn.id = w.service_number_id "
	  "WHERE w.order_id = ? AND (? = 0 OR w.id = ?) ORDER BY w.id",
	  "III", COLS_SIG(COLS_WEBSITE_LIST),
	  true, COLS_NAMES(COLS_WEBSITE_LIST) },
	/* STMT_WEBSITE_PREAPPROVALS */
	[STMT_WEBSITE_PREAPPROVALS] = { "SELECT p.website_id, p.type_code, "
	  "t.name AS type_name, p.number FROM order_website_preapproval p "
	  "JOIN preapproval_type t ON t.code = p.type_code "
	  "JOIN order_website w ON w.id = p.website_id "
	  "WHERE w.order_id = ? ORDER BY p.website_id, p.type_code",
	  "I", COLS_SIG(COLS_WEBSITE_PREAPPROVALS),
	  true, COLS_NAMES(COLS_WEBSITE_PREAPPROVALS) },
	/* STMT_WEBSITE_INSERT_ORDER */
	[STMT_WEBSITE_INSERT_ORDER] = { "INSERT INTO order_website (order_id, "
	  "name, domain, domain_ascii, homepage_url, content_types, languages, "
	  "remark, service_number_id, owner_same_as_leader, owner_name, "
	  "owner_id_type, owner_id_number, owner_id_valid_until, owner_mobile, "
	  "owner_emergency, owner_email, created_at, updated_at) VALUES "
	  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), "
	  "UTC_TIMESTAMP())",
	  "IssssIssIIsIsssss", "", false, NULL },
	/* STMT_WEBSITE_UPDATE_ORDER */
	[STMT_WEBSITE_UPDATE_ORDER] = { "UPDATE order_website SET name = ?, "
	  "domain = ?, domain_ascii = ?, homepage_url = ?, content_types = ?, "
	  "languages = ?, remark = ?, service_number_id = ?, "
	  "owner_same_as_leader = ?, owner_name = ?, owner_id_type = ?, "
	  "owner_id_number = ?, owner_id_valid_until = ?, owner_mobile = ?, "
	  "owner_emergency = ?, owner_email = ?, updated_at = UTC_TIMESTAMP() "
	  "WHERE id = ? AND order_id = ?",
	  "ssssIssIIsIsssssII", "", false, NULL },
	/* STMT_WEBSITE_DELETE_ORDER */
	[STMT_WEBSITE_DELETE_ORDER] = { "DELETE FROM order_website "
	  "WHERE id = ? AND order_id = ?",
	  "II", "", false, NULL },
	/* STMT_WEBSITE_PREAPPROVAL_ADD */
	[STMT_WEBSITE_PREAPPROVAL_ADD] = { "INSERT INTO order_website_preapproval "
	  "(website_id, type_code, number) VALUES (?, ?, ?)",
	  "IIs", "", false, NULL },
	/* STMT_WEBSITE_PREAPPROVAL_CLEAR */
	[STMT_WEBSITE_PREAPPROVAL_CLEAR] = { "DELETE FROM "
	  "order_website_preapproval WHERE website_id = ?",
	  "I", "", false, NULL },
	/*
	 * STMT_ORDER_SIN_FOR_WEBSITE: a number reserved by the order, and the
	 * website (other than wid) already using it, if any.
	 */
	[STMT_ORDER_SIN_FOR_WEBSITE] = { "SELECT sn.id, (SELECT COUNT(*) FROM "
	  "order_website w WHERE w.service_number_id = sn.id "
	  "AND w.order_id = sn.order_id AND w.id <> ?) AS used_elsewhere "
	  "FROM service_number sn WHERE sn.number = ? AND sn.order_id = ? "
	  "AND sn.status IN ('reserved', 'filing')",
	  "IsI", COLS_SIG(COLS_ORDER_SIN_FOR_WEBSITE),
	  true, COLS_NAMES(COLS_ORDER_SIN_FOR_WEBSITE) },
	/* STMT_ORDER_WEBSITE_COUNT */
	[STMT_ORDER_WEBSITE_COUNT] = { "SELECT COUNT(*) AS n FROM order_website "
	  "WHERE order_id = ?",
	  "I", COLS_SIG(COLS_ORDER_WEBSITE_COUNT),
	  true, COLS_NAMES(COLS_ORDER_WEBSITE_COUNT) },
	/* STMT_UPLOAD_KINDS */
	[STMT_UPLOAD_KINDS] = { "SELECT k.kind, k.name, k.per_website, k.min_width, "
	  "k.min_height, k.max_side, k.byte_cap, COALESCE(k.bureau_type, 0) AS bureau_type, "
	  "COALESCE(b.byte_cap, 0) AS bureau_byte_cap FROM upload_kind k "
	  "LEFT JOIN bureau_image_type b ON b.code = k.bureau_type ORDER BY k.kind",
	  "", COLS_SIG(COLS_UPLOAD_KINDS),
	  true, COLS_NAMES(COLS_UPLOAD_KINDS) },
	/* STMT_BLOB_PUT: content-addressed, so a second put is a no-op. */
	[STMT_BLOB_PUT] = { "INSERT IGNORE INTO file_blob (sha256, data, size, "
	  "created_at) VALUES (?, ?, ?, UTC_TIMESTAMP())",
	  "sbI", "", false, NULL },
	/*
	 * STMT_UPLOAD_CLEAR_SLOT: a new upload replaces the slot's old one;
	 * also a website's document that showed a person who is no longer
	 * its owner.
	 */
	[STMT_UPLOAD_CLEAR_SLOT] = { "DELETE FROM upload WHERE order_id = ? "
	  "AND website_id = ? AND kind = ?",
	  "IIs", "", false, NULL },
	/* STMT_UPLOAD_INSERT */
	[STMT_UPLOAD_INSERT] = { "INSERT INTO upload (order_id, website_id, kind, "
	  "blob_sha, thumb_sha, width, height, bytes, filename, warnings, "
	  "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
	  "IIsssIIIss", "", false, NULL },
	/* STMT_UPLOAD_LIST: an order's uploads (the account's). */
	[STMT_UPLOAD_LIST] = { "SELECT u.id, u.website_id, u.kind, k.name AS kind_name, "
	  "u.width, u.height, u.bytes, u.filename, u.warnings, u.blob_sha, "
	  "DATE_FORMAT(u.created_at, '%Y-%m-%dT%H:%i:%sZ') AS created "
	  "FROM upload u JOIN upload_kind k ON k.kind = u.kind "
	  "WHERE u.order_id = ? ORDER BY u.id",
	  "I", COLS_SIG(COLS_UPLOAD_LIST),
	  true, COLS_NAMES(COLS_UPLOAD_LIST) },
	/*
	 * STMT_UPLOAD_IMAGE: the stored image or thumbnail (which = 0/1) of
	 * an upload, for its owner or any reviewer (reviewer = 1) once the
	 * order is submitted: a draft is the applicant's own.
	 */
	[STMT_UPLOAD_IMAGE] = { "SELECT u.id AS upload_id, b.data FROM upload u "
	  "JOIN filing_order o ON o.id = u.order_id "
	  "JOIN file_blob b ON b.sha256 = IF(? = 0, u.blob_sha, u.thumb_sha) "
	  "WHERE u.id = ? AND (o.account_id = ? OR "
	  "(? <> 0 AND o.state <> 'draft'))",
	  "IIII", COLS_SIG(COLS_UPLOAD_IMAGE),
	  true, COLS_NAMES(COLS_UPLOAD_IMAGE) },
	/* STMT_UPLOAD_ORDER: the order of an upload of the account. */
	[STMT_UPLOAD_ORDER] = { "SELECT u.order_id AS n FROM upload u "
	  "JOIN filing_order o ON o.id = u.order_id "
	  "WHERE u.id = ? AND o.account_id = ?",
	  "II", COLS_SIG(COLS_UPLOAD_ORDER),
	  true, COLS_NAMES(COLS_UPLOAD_ORDER) },
	/* STMT_UPLOAD_DELETE */
	[STMT_UPLOAD_DELETE] = { "DELETE FROM upload WHERE id = ? AND order_id = ?",
	  "II", "", false, NULL },
	/*
	 * STMT_VERIFICATION_FORM: what the 核验单 of website (?) of order (?)
	 * of account (?) says, unmasked: it is printed and signed.
	 */
	[STMT_VERIFICATION_FORM] = { "SELECT s.name AS subject_name, s.icp_number, "
	  "n.personal, s.province, p.name AS province_name, w.name AS site_name, w.domain, w.homepage_url, "
	  "w.owner_name, c.name AS id_type_name, w.owner_id_number, w.owner_mobile, "
	  "w.owner_email, sn.number "
	  "FROM order_website w JOIN filing_order o ON o.id = w.order_id "
	  "JOIN subject s ON s.id = o.subject_id "
	  "JOIN subject_nature n ON n.slug = s.nature "
	  "JOIN province p ON p.code = s.province "
	  "JOIN cert_type c ON c.code = w.owner_id_type "
	  "JOIN service_number sn ON sn.id = w.service_number_id "
	  "WHERE w.id = ? AND w.order_id = ? AND o.account_id = ?",
	  "III", COLS_SIG(COLS_VERIFICATION_FORM),
	  true, COLS_NAMES(COLS_VERIFICATION_FORM) },
	/* STMT_HANDOFF_ACTIVE: live handoffs of an order. */
	[STMT_HANDOFF_ACTIVE] = { "SELECT COUNT(*) AS n FROM handoff WHERE order_id = ? "
	  "AND revoked_at IS NULL AND expires_at > UTC_TIMESTAMP()",
	  "I", COLS_SIG(COLS_HANDOFF_ACTIVE),
	  true, COLS_NAMES(COLS_HANDOFF_ACTIVE) },
	/* STMT_HANDOFF_INSERT */
	[STMT_HANDOFF_INSERT] = { "INSERT INTO handoff (order_id, account_id, "
	  "nonce, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, "
	  "UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? SECOND)",
	  "IIssI", "", false, NULL },
	/*
	 * STMT_HANDOFF_OWNED: a handoff of the account: nonce, seconds left
	 * (0 or less: expired), revoked.
	 */
	[STMT_HANDOFF_OWNED] = { "SELECT id, order_id, nonce, "
	  "TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), expires_at) AS seconds_left, "
	  "revoked_at IS NOT NULL AS revoked, DATE_FORMAT(expires_at, '%Y-%m-%dT%H:%i:%sZ') AS expires "
	  "FROM handoff WHERE id = ? AND account_id = ?",
	  "II", COLS_SIG(COLS_HANDOFF_OWNED),
	  true, COLS_NAMES(COLS_HANDOFF_OWNED) },
	/* STMT_HANDOFF_REVOKE_ORDER: an order that ended takes no more photos. */
	[STMT_HANDOFF_REVOKE_ORDER] = { "UPDATE handoff SET revoked_at = UTC_TIMESTAMP() "
	  "WHERE order_id = ? AND revoked_at IS NULL",
	  "I", "", false, NULL },
	/* STMT_ACCOUNT_SET: role and disabled (NULL: unchanged) of a login. */
	[STMT_ACCOUNT_SET] = { "UPDATE account SET role = COALESCE(?, role), "
	  "disabled = COALESCE(?, disabled) WHERE login = ?",
	  "sIs", "", false, NULL },
	/* STMT_SESSION_SWEEP: sessions a day past their end. */
	[STMT_SESSION_SWEEP] = { "DELETE FROM session WHERE expires_at < "
	  "UTC_TIMESTAMP() - INTERVAL 1 DAY OR revoked_at < UTC_TIMESTAMP() - "
	  "INTERVAL 1 DAY",
	  "", "", false, NULL },
	/* STMT_LOGIN_FAILURE_SWEEP: failures older than the window (?). */
	[STMT_LOGIN_FAILURE_SWEEP] = { "DELETE FROM login_failure WHERE at < "
	  "UTC_TIMESTAMP(6) - INTERVAL ? SECOND",
	  "I", "", false, NULL },
	/* STMT_HANDOFF_REVOKE */
	[STMT_HANDOFF_REVOKE] = { "UPDATE handoff SET revoked_at = UTC_TIMESTAMP() "
	  "WHERE id = ? AND account_id = ? AND revoked_at IS NULL",
	  "II", "", true, NULL },
	/*
	 * STMT_HANDOFF_BY_TOKEN: a live handoff by its token's hash: id,
	 * order, account, bound device, seconds left.
	 */
	[STMT_HANDOFF_BY_TOKEN] = { "SELECT id, order_id, account_id, device_hash, "
	  "TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), expires_at) AS seconds_left FROM handoff "
	  "WHERE token_hash = ? AND revoked_at IS NULL "
	  "AND expires_at > UTC_TIMESTAMP()",
	  "s", COLS_SIG(COLS_HANDOFF_BY_TOKEN),
	  true, COLS_NAMES(COLS_HANDOFF_BY_TOKEN) },
	/* STMT_HANDOFF_BIND: the first phone wins. */
	[STMT_HANDOFF_BIND] = { "UPDATE handoff SET device_hash = ? "
	  "WHERE id = ? AND device_hash IS NULL",
	  "sI", "", false, NULL },
	/* STMT_HOLIDAYS: listed days between two dates (YYYY-MM-DD). */
	[STMT_HOLIDAYS] = { "SELECT DATE_FORMAT(day, '%Y%m%d') AS ymd, workday "
	  "FROM holiday WHERE day BETWEEN ? AND ? ORDER BY day",
	  "ss", COLS_SIG(COLS_HOLIDAYS),
	  true, COLS_NAMES(COLS_HOLIDAYS) },
	/* STMT_ORDER_LOCK_ANY: as STMT_ORDER_LOCK, for reviewers. */
	[STMT_ORDER_LOCK_ANY] = { "SELECT state, version, "
	  "subject_confirmed_at IS NOT NULL AS confirmed, kind "
	  "FROM filing_order WHERE id = ? FOR UPDATE",
	  "I", COLS_SIG(COLS_ORDER_LOCK_ANY),
	  false, COLS_NAMES(COLS_ORDER_LOCK_ANY) },
	/* STMT_ORDER_GET_ANY: as STMT_ORDER_GET, for reviewers. */
	[STMT_ORDER_GET_ANY] = { ORDER_COLS "WHERE o.id = ?",
	  "I", COLS_SIG(COLS_ORDER_GET_ANY),
	  true, COLS_NAMES(COLS_ORDER_GET_ANY) },
	/* STMT_ORDER_REVIEW_INFO: submitted, due, round, account. */
	[STMT_ORDER_REVIEW_INFO] = { "SELECT "
	  "DATE_FORMAT(submitted_at, '%Y-%m-%dT%H:%i:%sZ') AS submitted, "
	  "DATE_FORMAT(review_due_at, '%Y-%m-%dT%H:%i:%sZ') AS due, review_round, "
	  "account_id FROM filing_order WHERE id = ?",
	  "I", COLS_SIG(COLS_ORDER_REVIEW_INFO),
	  true, COLS_NAMES(COLS_ORDER_REVIEW_INFO) },
	/* STMT_ORDER_SUBMITTED: when, and by when the review is due. */
	[STMT_ORDER_SUBMITTED] = { "UPDATE filing_order SET "
	  "submitted_at = UTC_TIMESTAMP(), review_due_at = FROM_UNIXTIME(?), "
	  "review_round = review_round + 1 WHERE id = ?",
	  "II", "", false, NULL },
	/* STMT_SIN_FILING: the order's numbers are being filed. */
	[STMT_SIN_FILING] = { "UPDATE service_number SET status = 'filing', "
	  "updated_at = UTC_TIMESTAMP() "
	  "WHERE order_id = ? AND status = 'reserved'",
	  "I", "", false, NULL },
	/*
	 * STMT_REVIEW_OPEN: an order's rejected items not yet resubmitted:
	 * id, reason, title, fix, field, upload, website, kind, was, note,
	 * when, the kind's name.
	 */
	[STMT_REVIEW_OPEN] = { "SELECT i.id, i.reason, r.title, r.fix, i.field, "
	  "i.upload_id, i.website_id, i.kind, i.was, i.note, "
	  "DATE_FORMAT(i.created_at, '%Y-%m-%dT%H:%i:%sZ') AS created, k.name AS kind_name "
	  "FROM review_item i JOIN rejection_reason r ON r.code = i.reason "
	  "LEFT JOIN upload_kind k ON k.kind = i.kind "
	  "WHERE i.order_id = ? AND i.resolved_at IS NULL ORDER BY i.id",
	  "I", COLS_SIG(COLS_REVIEW_OPEN),
	  true, COLS_NAMES(COLS_REVIEW_OPEN) },
	/*
	 * STMT_REVIEW_LAST_ROUND: the items of the round before the order's
	 * current one, answered by the resubmission: what the reviewer of
	 * the next round compares.  Columns as STMT_REVIEW_OPEN.
	 */
	[STMT_REVIEW_LAST_ROUND] = { "SELECT i.id, i.reason, r.title, r.fix, "
	  "i.field, i.upload_id, i.website_id, i.kind, i.was, i.note, "
	  "DATE_FORMAT(i.created_at, '%Y-%m-%dT%H:%i:%sZ') AS created, k.name AS kind_name "
	  "FROM review_item i JOIN rejection_reason r ON r.code = i.reason "
	  "JOIN filing_order o ON o.id = i.order_id "
	  "LEFT JOIN upload_kind k ON k.kind = i.kind "
	  "WHERE i.order_id = ? AND i.round + 1 = o.review_round "
	  "AND i.resolved_at IS NOT NULL ORDER BY i.id",
	  "I", COLS_SIG(COLS_REVIEW_LAST_ROUND),
	  true, COLS_NAMES(COLS_REVIEW_LAST_ROUND) },
	/* STMT_REVIEW_ITEM_INSERT */
	[STMT_REVIEW_ITEM_INSERT] = { "INSERT INTO review_item (order_id, round, "
	  "reason, field, upload_id, website_id, kind, was, note, reviewer_id, "
	  "created_at) SELECT id, review_round, ?, ?, ?, ?, ?, ?, ?, ?, "
	  "UTC_TIMESTAMP() FROM filing_order WHERE id = ?",
	  "ssIIsssII", "", false, NULL },
	/* STMT_REVIEW_RESOLVE: a resubmission answers every open item. */
	[STMT_REVIEW_RESOLVE] = { "UPDATE review_item SET resolved_at = UTC_TIMESTAMP() "
	  "WHERE order_id = ? AND resolved_at IS NULL",
	  "I", "", false, NULL },
	/* STMT_REJECTION_REASONS */
	[STMT_REJECTION_REASONS] = { "SELECT code, title, fix, stage FROM rejection_reason "
	  "ORDER BY position",
	  "", COLS_SIG(COLS_REJECTION_REASONS),
	  true, COLS_NAMES(COLS_REJECTION_REASONS) },
	/*
	 * STMT_REVIEW_QUEUE: orders in a state, oldest submission first: id,
	 * subject name, province, websites, submitted, due, seconds waiting,
	 * round.
	 */
	[STMT_REVIEW_QUEUE] = { "SELECT o.id, s.name AS subject_name, s.province, "
	  "(SELECT COUNT(*) FROM order_website w WHERE w.order_id = o.id) AS websites, "
	  "DATE_FORMAT(COALESCE(v.submitted_at, o.submitted_at), '%Y-%m-%dT%H:%i:%sZ') AS submitted, "
	  "DATE_FORMAT(COALESCE(v.due_at, o.review_due_at), '%Y-%m-%dT%H:%i:%sZ') AS due, "
	  "TIMESTAMPDIFF(SECOND, COALESCE(v.submitted_at, o.submitted_at), UTC_TIMESTAMP()) AS waiting, "
	  "o.review_round, COALESCE(v.due_at, o.review_due_at) < UTC_TIMESTAMP() AS overdue "
	  "FROM filing_order o JOIN subject s ON s.id = o.subject_id "
	  /* The photo review counts from the photos' hand-over. */
	  "LEFT JOIN order_verification v ON v.order_id = o.id "
	  "AND o.state = 'verification_review' "
	  "WHERE o.state = ? ORDER BY COALESCE(v.submitted_at, o.submitted_at), o.id LIMIT 500",
	  "s", COLS_SIG(COLS_REVIEW_QUEUE),
	  true, COLS_NAMES(COLS_REVIEW_QUEUE) },
	/*
	 * STMT_REVIEW_QUEUE_BUREAU: the orders the provider owes the bureau,
	 * counted from their photo review's approval.
	 */
	[STMT_REVIEW_QUEUE_BUREAU] = { "SELECT o.id, s.name AS subject_name, s.province, "
	  "(SELECT COUNT(*) FROM order_website w WHERE w.order_id = o.id) AS websites, "
	  "DATE_FORMAT(COALESCE(b.ready_at, o.updated_at), '%Y-%m-%dT%H:%i:%sZ') AS submitted, "
	  "DATE_FORMAT(b.due_at, '%Y-%m-%dT%H:%i:%sZ') AS due, "
	  "TIMESTAMPDIFF(SECOND, COALESCE(b.ready_at, o.updated_at), UTC_TIMESTAMP()) AS waiting, "
	  "o.review_round, COALESCE(b.due_at < UTC_TIMESTAMP(), 0) AS overdue "
	  "FROM filing_order o JOIN subject s ON s.id = o.subject_id "
	  "LEFT JOIN bureau_submission b ON b.order_id = o.id "
	  "WHERE o.state = 'awaiting_bureau' "
	  "ORDER BY COALESCE(b.ready_at, o.updated_at), o.id LIMIT 500",
	  "", COLS_SIG(COLS_REVIEW_QUEUE),
	  true, COLS_NAMES(COLS_REVIEW_QUEUE) },
	/* STMT_REVIEW_AT_BUREAU: the orders the bureau has, oldest first. */
	[STMT_REVIEW_AT_BUREAU] = { "SELECT o.id, s.name AS subject_name, s.province, "
	  "n.personal, o.state, "
	  "DATE_FORMAT(b.submitted_at, '%Y-%m-%dT%H:%i:%sZ') AS submitted, "
	  "UNIX_TIMESTAMP(b.submitted_at) AS submitted_unix, b.delivery, b.last_error, b.round "
	  "FROM filing_order o JOIN subject s ON s.id = o.subject_id "
	  "JOIN subject_nature n ON n.slug = s.nature "
	  "JOIN bureau_submission b ON b.order_id = o.id "
	  "WHERE o.state IN ('at_bureau', 'sms_pending') "
	  "ORDER BY b.submitted_at, o.id LIMIT 500",
	  "", COLS_SIG(COLS_REVIEW_AT_BUREAU),
	  true, COLS_NAMES(COLS_REVIEW_AT_BUREAU) },
	/*
	 * STMT_ID_IN_OTHER_ORDER: another unfinished order that names this ID
	 * number (as a website owner, or its subject's leader).
	 */
	[STMT_ID_IN_OTHER_ORDER] = { "SELECT o.id AS n FROM filing_order o "
	  "WHERE o.id <> ? AND o.open_subject_id IS NOT NULL AND o.state <> 'draft' "
	  "AND (EXISTS (SELECT 1 FROM order_website w WHERE w.order_id = o.id "
	  "AND w.owner_id_number = ?) OR EXISTS (SELECT 1 FROM subject s "
	  "WHERE s.id = o.subject_id AND s.leader_id_number = ?)) LIMIT 1",
	  "Iss", COLS_SIG(COLS_ID_IN_OTHER_ORDER),
	  true, COLS_NAMES(COLS_ID_IN_OTHER_ORDER) },
	/* STMT_UPLOAD_SLOT: an upload of an order: website, kind, sha256. */
	[STMT_UPLOAD_SLOT] = { "SELECT website_id, kind, blob_sha FROM upload "
	  "WHERE id = ? AND order_id = ?",
	  "II", COLS_SIG(COLS_UPLOAD_SLOT),
	  true, COLS_NAMES(COLS_UPLOAD_SLOT) },
	/* STMT_UPLOAD_SLOT_COUNT: uploads of an order's slot (website, kind). */
	[STMT_UPLOAD_SLOT_COUNT] = { "SELECT COUNT(*) AS n FROM upload "
	  "WHERE order_id = ? AND website_id = ? AND kind = ?",
	  "IIs", COLS_SIG(COLS_UPLOAD_SLOT_COUNT),
	  true, COLS_NAMES(COLS_UPLOAD_SLOT_COUNT) },
	/* STMT_ECHO_PUT: a refused classic form's values (echo.c). */
	[STMT_ECHO_PUT] = { "INSERT INTO form_echo (id, account_id, path, "
	  "fields, created_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
	  "sIss", "", false, NULL },
	/* STMT_ECHO_GET: the values, to their account, for half an hour. */
	[STMT_ECHO_GET] = { "SELECT path, fields FROM form_echo WHERE id = ? "
	  "AND account_id = ? AND created_at > UTC_TIMESTAMP() - "
	  "INTERVAL 30 MINUTE",
	  "sI", COLS_SIG(COLS_ECHO_GET),
	  true, COLS_NAMES(COLS_ECHO_GET) },
	/* STMT_ECHO_SWEEP: beian-worker drops them after a day. */
	[STMT_ECHO_SWEEP] = { "DELETE FROM form_echo WHERE created_at < "
	  "UTC_TIMESTAMP() - INTERVAL 1 DAY",
	  "", "", false, NULL },
	/* STMT_CONTENT_PREAPPROVALS: content that needs a pre-approval. */
	[STMT_CONTENT_PREAPPROVALS] = { "SELECT c.content_code, c.preapproval_code, "
	  "c.severity, c.message, t.name AS preapproval_name FROM content_preapproval c "
	  "JOIN preapproval_type t ON t.code = c.preapproval_code "
	  "WHERE c.as_of <= ? ORDER BY c.content_code",
	  "s", COLS_SIG(COLS_CONTENT_PREAPPROVALS),
	  true, COLS_NAMES(COLS_CONTENT_PREAPPROVALS) },
	/*
	 * STMT_VERIFICATION_GET: an order's verification: the method fixed
	 * at the initial approval, the hand-over to the photo review.
	 */
	[STMT_VERIFICATION_GET] = { "SELECT method, "
	  "DATE_FORMAT(submitted_at, '%Y-%m-%dT%H:%i:%sZ') AS submitted, "
	  "DATE_FORMAT(due_at, '%Y-%m-%dT%H:%i:%sZ') AS due, shanghai_code "
	  "FROM order_verification WHERE order_id = ?",
	  "I", COLS_SIG(COLS_VERIFICATION_GET),
	  true, COLS_NAMES(COLS_VERIFICATION_GET) },
	/* STMT_VERIFICATION_START: the method, once. */
	[STMT_VERIFICATION_START] = { "INSERT IGNORE INTO order_verification "
	  "(order_id, method) VALUES (?, ?)",
	  "Is", "", false, NULL },
	/* STMT_VERIFICATION_SUBMITTED: handed to the photo review, due (?). */
	[STMT_VERIFICATION_SUBMITTED] = { "UPDATE order_verification SET "
	  "submitted_at = UTC_TIMESTAMP(), due_at = FROM_UNIXTIME(?), "
	  "shanghai_code = ? WHERE order_id = ?",
	  "IsI", "", false, NULL },
	/* STMT_CURTAIN_ACTIVE: an order's curtain request, with its places. */
	[STMT_CURTAIN_ACTIVE] = { "SELECT c.id, c.recipient, c.mobile, "
	  "c.province, p.name AS province_name, c.city, ci.name AS city_name, "
	  "c.district, d.name AS district_name, c.street, c.postcode, c.state, "
	  "c.carrier, c.tracking, "
	  "DATE_FORMAT(c.created_at, '%Y-%m-%dT%H:%i:%sZ') AS created, "
	  "DATE_FORMAT(c.shipped_at, '%Y-%m-%dT%H:%i:%sZ') AS shipped, "
	  "DATE_FORMAT(c.delivered_at, '%Y-%m-%dT%H:%i:%sZ') AS delivered "
	  "FROM curtain_request c JOIN region p ON p.code = c.province "
	  "JOIN region ci ON ci.code = c.city JOIN region d ON d.code = c.district "
	  "WHERE c.order_id = ? AND c.active = 1",
	  "I", COLS_SIG(COLS_CURTAIN_ACTIVE),
	  true, COLS_NAMES(COLS_CURTAIN_ACTIVE) },
	/* STMT_CURTAIN_COUNT: requests an order made, re-requests included. */
	[STMT_CURTAIN_COUNT] = { "SELECT COUNT(*) AS n FROM curtain_request "
	  "WHERE order_id = ?",
	  "I", COLS_SIG(COLS_CURTAIN_COUNT),
	  true, COLS_NAMES(COLS_CURTAIN_COUNT) },
	/* STMT_CURTAIN_RETIRE: a re-request replaces the active one. */
	[STMT_CURTAIN_RETIRE] = { "UPDATE curtain_request SET active = NULL "
	  "WHERE order_id = ? AND active = 1",
	  "I", "", false, NULL },
	/* STMT_CURTAIN_INSERT */
	[STMT_CURTAIN_INSERT] = { "INSERT INTO curtain_request (order_id, "
	  "recipient, mobile, province, city, district, street, postcode, "
	  "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
	  "Isssssss", "", false, NULL },
	/* STMT_CURTAIN_SHIP: carrier, tracking of order (?)'s curtain. */
	[STMT_CURTAIN_SHIP] = { "UPDATE curtain_request SET state = 'shipped', "
	  "carrier = ?, tracking = ?, shipped_at = UTC_TIMESTAMP() "
	  "WHERE order_id = ? AND active = 1 AND state <> 'delivered'",
	  "ssI", "", false, NULL },
	/* STMT_CURTAIN_DELIVERED */
	[STMT_CURTAIN_DELIVERED] = { "UPDATE curtain_request SET "
	  "state = 'delivered', delivered_at = UTC_TIMESTAMP() "
	  "WHERE order_id = ? AND active = 1 AND state = 'shipped'",
	  "I", "", false, NULL },
	/* STMT_REGIONS_TOP: the provinces (and the places outside them). */
	[STMT_REGIONS_TOP] = { "SELECT code, name, level, mainland FROM region "
	  "WHERE parent IS NULL ORDER BY mainland DESC, code",
	  "", COLS_SIG(COLS_REGIONS),
	  true, COLS_NAMES(COLS_REGIONS) },
	/* STMT_REGIONS_OF: the divisions of one. */
	[STMT_REGIONS_OF] = { "SELECT code, name, level, mainland FROM region "
	  "WHERE parent = ? ORDER BY code",
	  "s", COLS_SIG(COLS_REGIONS),
	  true, COLS_NAMES(COLS_REGIONS) },
	/*
	 * STMT_BUREAU_READY: the order is the provider's to submit from now,
	 * due at (?).
	 */
	[STMT_BUREAU_READY] = { "INSERT INTO bureau_submission (order_id, "
	  "ready_at, due_at) VALUES (?, FROM_UNIXTIME(?), FROM_UNIXTIME(?)) "
	  "ON DUPLICATE KEY UPDATE ready_at = VALUES(ready_at), "
	  "due_at = VALUES(due_at)",
	  "III", "", false, NULL },
	/* STMT_BUREAU_GET: an order's way through the bureau. */
	[STMT_BUREAU_GET] = { "SELECT "
	  "DATE_FORMAT(b.ready_at, '%Y-%m-%dT%H:%i:%sZ') AS ready, "
	  "DATE_FORMAT(b.due_at, '%Y-%m-%dT%H:%i:%sZ') AS due, "
	  "DATE_FORMAT(b.submitted_at, '%Y-%m-%dT%H:%i:%sZ') AS submitted, "
	  "COALESCE(UNIX_TIMESTAMP(b.submitted_at), 0) AS submitted_unix, "
	  "b.round, b.delivery, b.tries, b.last_error, "
	  "DATE_FORMAT(b.decided_at, '%Y-%m-%dT%H:%i:%sZ') AS decided, b.reason, "
	  "r.title AS reason_title, b.note, b.payload FROM bureau_submission b "
	  "LEFT JOIN rejection_reason r ON r.code = b.reason WHERE b.order_id = ?",
	  "I", COLS_SIG(COLS_BUREAU_GET),
	  true, COLS_NAMES(COLS_BUREAU_GET) },
	/*
	 * STMT_BUREAU_SUBMITTED: sent at (?): payload, delivery ('none' for
	 * the simulator, 'pending' for the http adapter).
	 */
	[STMT_BUREAU_SUBMITTED] = { "UPDATE bureau_submission SET "
	  "submitted_at = FROM_UNIXTIME(?), round = round + 1, payload = ?, "
	  "delivery = ?, tries = 0, next_try_at = FROM_UNIXTIME(?), "
	  "last_error = NULL, decided_at = NULL, reason = NULL, note = NULL "
	  "WHERE order_id = ?",
	  "IssII", "", false, NULL },
	/* STMT_BUREAU_DECIDED: the bureau's rejection: reason, note. */
	[STMT_BUREAU_DECIDED] = { "UPDATE bureau_submission SET "
	  "decided_at = FROM_UNIXTIME(?), reason = ?, note = ? WHERE order_id = ?",
	  "IssI", "", false, NULL },
	/* STMT_BUREAU_DELIVERY_DUE: submissions the http adapter owes a try. */
	[STMT_BUREAU_DELIVERY_DUE] = { "SELECT order_id AS n FROM bureau_submission "
	  "WHERE delivery = 'pending' AND next_try_at <= FROM_UNIXTIME(?) "
	  "ORDER BY next_try_at LIMIT 20",
	  "I", COLS_SIG(COLS_DOMAIN_TAKEN),
	  true, COLS_NAMES(COLS_DOMAIN_TAKEN) },
	/* STMT_BUREAU_DELIVERY_SET: delivery, tries, next try, last error. */
	[STMT_BUREAU_DELIVERY_SET] = { "UPDATE bureau_submission SET delivery = ?, "
	  "tries = ?, next_try_at = FROM_UNIXTIME(?), last_error = ? "
	  "WHERE order_id = ?",
	  "sIIsI", "", false, NULL },
	/*
	 * STMT_BUREAU_SIM_DUE: orders at the simulated bureau untouched
	 * since (?): the simulator's next step is due.
	 */
	[STMT_BUREAU_SIM_DUE] = { "SELECT id AS n FROM filing_order "
	  "WHERE state IN ('at_bureau', 'sms_pending') "
	  "AND updated_at <= FROM_UNIXTIME(?) "
	  "ORDER BY updated_at LIMIT 50",
	  "I", COLS_SIG(COLS_DOMAIN_TAKEN),
	  true, COLS_NAMES(COLS_DOMAIN_TAKEN) },
	/*
	 * STMT_SMS_START: MIIT's code went to (?) at (?): order, mobile, the
	 * ID's last 6, the code's hash, sent, deadline, window, tries.
	 */
	[STMT_SMS_START] = { "INSERT INTO sms_check (order_id, mobile, id_last6, "
	  "code_hash, sent_at, deadline, window_hours, tries_left, round, state) VALUES "
	  "(?, ?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), ?, ?, ?, 'waiting') "
	  "ON DUPLICATE KEY UPDATE mobile = VALUES(mobile), id_last6 = VALUES(id_last6), "
	  "code_hash = VALUES(code_hash), sent_at = VALUES(sent_at), "
	  "deadline = VALUES(deadline), window_hours = VALUES(window_hours), "
	  "tries_left = VALUES(tries_left), round = VALUES(round), "
	  "state = 'waiting', done_at = NULL",
	  "IsssIIIII", "", false, NULL },
	/* STMT_SMS_GET: an order's SMS check, times as unix seconds. */
	[STMT_SMS_GET] = { "SELECT mobile, id_last6, code_hash, "
	  "UNIX_TIMESTAMP(sent_at) AS sent, UNIX_TIMESTAMP(deadline) AS deadline, "
	  "window_hours, tries_left, round, state FROM sms_check WHERE order_id = ?",
	  "I", COLS_SIG(COLS_SMS_GET),
	  true, COLS_NAMES(COLS_SMS_GET) },
	/* STMT_SMS_BY_MOBILE: the waiting check MIIT's page is asked about. */
	[STMT_SMS_BY_MOBILE] = { "SELECT order_id AS n FROM sms_check "
	  "WHERE mobile = ? AND state = 'waiting' ORDER BY sent_at DESC LIMIT 1",
	  "s", COLS_SIG(COLS_DOMAIN_TAKEN),
	  true, COLS_NAMES(COLS_DOMAIN_TAKEN) },
	/* STMT_SMS_TRIED: a wrong code costs a try. */
	[STMT_SMS_TRIED] = { "UPDATE sms_check SET tries_left = tries_left - 1 "
	  "WHERE order_id = ? AND state = 'waiting' AND tries_left > 0",
	  "I", "", false, NULL },
	/* STMT_SMS_DONE: verified or failed, at (?). */
	[STMT_SMS_DONE] = { "UPDATE sms_check SET state = ?, done_at = FROM_UNIXTIME(?) "
	  "WHERE order_id = ?",
	  "sII", "", false, NULL },
	/* STMT_SMS_EXPIRED: checks whose window ran out by (?). */
	[STMT_SMS_EXPIRED] = { "SELECT order_id AS n FROM sms_check "
	  "WHERE state = 'waiting' AND deadline <= FROM_UNIXTIME(?) LIMIT 100",
	  "I", COLS_SIG(COLS_DOMAIN_TAKEN),
	  true, COLS_NAMES(COLS_DOMAIN_TAKEN) },
	/*
	 * STMT_SUBJECT_SEQ_NEXT: the subject's next website number, past any
	 * filed one (a website added by hand keeps its own).
	 */
	[STMT_SUBJECT_SEQ_NEXT] = { "UPDATE subject s SET website_seq = "
	  "GREATEST(website_seq, (SELECT COALESCE(MAX(CAST(SUBSTRING_INDEX("
	  "w.icp_number, '-', -1) AS UNSIGNED)), 0) FROM website w "
	  "WHERE w.subject_id = s.id)) + 1 WHERE id = ?",
	  "I", "", false, NULL },
	/* STMT_SUBJECT_SEQ: the number just taken, and the subject's. */
	[STMT_SUBJECT_SEQ] = { "SELECT website_seq AS n, icp_number FROM subject "
	  "WHERE id = ?",
	  "I", COLS_SIG(COLS_SUBJECT_SEQ),
	  false, COLS_NAMES(COLS_SUBJECT_SEQ) },
	/* STMT_SUBJECT_SEQ_SET: the bureau gave number (?) itself. */
	[STMT_SUBJECT_SEQ_SET] = { "UPDATE subject SET website_seq = ? WHERE id = ?",
	  "II", "", false, NULL },
	/*
	 * STMT_BUREAU_DELIVERY_CLAIM: this worker takes the delivery until
	 * (?): another sees it not due.
	 */
	[STMT_BUREAU_DELIVERY_CLAIM] = { "UPDATE bureau_submission SET "
	  "next_try_at = FROM_UNIXTIME(?) WHERE order_id = ? AND delivery = 'pending' "
	  "AND next_try_at <= FROM_UNIXTIME(?)",
	  "III", "", false, NULL },
	/* STMT_ORDER_WEBSITE_NUMBER: the bureau's number of a website. */
	[STMT_ORDER_WEBSITE_NUMBER] = { "UPDATE order_website SET website_number = ? "
	  "WHERE id = ? AND order_id = ?",
	  "sII", "", false, NULL },
	/* STMT_SIN_FILED: an approved order's numbers are used for good. */
	[STMT_SIN_FILED] = { "UPDATE service_number SET status = 'filed', "
	  "updated_at = UTC_TIMESTAMP() WHERE order_id = ? AND status = 'filing'",
	  "I", "", false, NULL },
	/*
	 * STMT_NOTIFY_ORDER: whom an order's messages go to, and the words
	 * about it.
	 */
	[STMT_NOTIFY_ORDER] = { "SELECT o.account_id, a.mobile AS account_mobile, "
	  "a.email AS account_email, s.name AS subject_name, p.name AS province_name, "
	  "s.leader_mobile, s.leader_email, COALESCE((SELECT GROUP_CONCAT(w.domain "
	  "ORDER BY w.id SEPARATOR '、') FROM order_website w WHERE w.order_id = o.id), "
	  "'') AS domains FROM filing_order o JOIN account a ON a.id = o.account_id "
	  "JOIN subject s ON s.id = o.subject_id JOIN province p ON p.code = s.province "
	  "WHERE o.id = ?",
	  "I", COLS_SIG(COLS_NOTIFY_ORDER),
	  true, COLS_NAMES(COLS_NOTIFY_ORDER) },
	/* STMT_NOTIFY_OWNERS: the website owners of an order. */
	[STMT_NOTIFY_OWNERS] = { "SELECT owner_mobile AS mobile, owner_email AS email "
	  "FROM order_website WHERE order_id = ? ORDER BY id",
	  "I", COLS_SIG(COLS_NOTIFY_PEOPLE),
	  true, COLS_NAMES(COLS_NOTIFY_PEOPLE) },
	/* STMT_NOTIFY_EXTRAS: an account's extra recipients. */
	[STMT_NOTIFY_EXTRAS] = { "SELECT mobile, email FROM account_recipient "
	  "WHERE account_id = ? ORDER BY id",
	  "I", COLS_SIG(COLS_NOTIFY_PEOPLE),
	  true, COLS_NAMES(COLS_NOTIFY_PEOPLE) },
	/* STMT_NOTIFY_TEMPLATES: what an event says on each channel. */
	[STMT_NOTIFY_TEMPLATES] = { "SELECT channel, title, body FROM "
	  "notification_template WHERE event = ? ORDER BY channel",
	  "s", COLS_SIG(COLS_NOTIFY_TEMPLATES),
	  true, COLS_NAMES(COLS_NOTIFY_TEMPLATES) },
	/*
	 * STMT_NOTIFY_INSERT: account, order, event, channel, recipient,
	 * title, body, state, next try, created, sent (NULL but in-site).
	 */
	[STMT_NOTIFY_INSERT] = { "INSERT INTO notification (account_id, order_id, "
	  "event, channel, recipient, title, body, state, next_try_at, created_at, "
	  "sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), "
	  "FROM_UNIXTIME(?))",
	  "IIssssssIII", "", false, NULL },
	/* STMT_NOTIFY_DUE: messages owed a try at (?), or left mid-send. */
	[STMT_NOTIFY_DUE] = { "SELECT id AS n FROM notification "
	  "WHERE (state IN ('pending', 'failed') AND next_try_at <= FROM_UNIXTIME(?)) "
	  "OR (state = 'sending' AND lease_until <= FROM_UNIXTIME(?)) "
	  "ORDER BY id LIMIT 50",
	  "II", COLS_SIG(COLS_DOMAIN_TAKEN),
	  true, COLS_NAMES(COLS_DOMAIN_TAKEN) },
	/*
	 * STMT_NOTIFY_CLAIM: this worker's until (?): the try counts from
	 * here, so a crash mid-send is a try too.
	 */
	[STMT_NOTIFY_CLAIM] = { "UPDATE notification SET state = 'sending', "
	  "lease_until = FROM_UNIXTIME(?), tries = tries + 1 WHERE id = ? AND "
	  "((state IN ('pending', 'failed') AND next_try_at <= FROM_UNIXTIME(?)) "
	  "OR (state = 'sending' AND lease_until <= FROM_UNIXTIME(?)))",
	  "IIII", "", false, NULL },
	/* STMT_NOTIFY_GET: a message to send. */
	[STMT_NOTIFY_GET] = { "SELECT channel, recipient, title, body, tries "
	  "FROM notification WHERE id = ?",
	  "I", COLS_SIG(COLS_NOTIFY_GET),
	  true, COLS_NAMES(COLS_NOTIFY_GET) },
	/* STMT_NOTIFY_SENT: delivered at (?). */
	[STMT_NOTIFY_SENT] = { "UPDATE notification SET state = 'sent', "
	  "sent_at = FROM_UNIXTIME(?), lease_until = NULL, last_error = NULL "
	  "WHERE id = ? AND state = 'sending'",
	  "II", "", false, NULL },
	/* STMT_NOTIFY_FAILED: failed or dead, the next try, why. */
	[STMT_NOTIFY_FAILED] = { "UPDATE notification SET state = ?, "
	  "next_try_at = FROM_UNIXTIME(?), lease_until = NULL, last_error = ? "
	  "WHERE id = ? AND state = 'sending'",
	  "sIsI", "", false, NULL },
	/* STMT_NOTIFY_LIST: an account's message centre, newest first. */
	[STMT_NOTIFY_LIST] = { "SELECT id, order_id, event, title, body, "
	  "DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ') AS created, "
	  "DATE_FORMAT(read_at, '%Y-%m-%dT%H:%i:%sZ') AS read_at FROM notification "
	  "WHERE account_id = ? AND channel = 'site' ORDER BY id DESC LIMIT 100",
	  "I", COLS_SIG(COLS_NOTIFY_LIST),
	  true, COLS_NAMES(COLS_NOTIFY_LIST) },
	/* STMT_NOTIFY_UNREAD: how many are unread. */
	[STMT_NOTIFY_UNREAD] = { "SELECT COUNT(*) AS n FROM notification "
	  "WHERE account_id = ? AND channel = 'site' AND read_at IS NULL",
	  "I", COLS_SIG(COLS_DOMAIN_TAKEN),
	  true, COLS_NAMES(COLS_DOMAIN_TAKEN) },
	/* STMT_NOTIFY_READ: read at (?), once; the account's own only. */
	[STMT_NOTIFY_READ] = { "UPDATE notification SET read_at = "
	  "COALESCE(read_at, FROM_UNIXTIME(?)) WHERE id = ? AND account_id = ? "
	  "AND channel = 'site'",
	  "III", "", false, NULL },
	/* STMT_NOTIFY_OWNED: is it the account's message? */
	[STMT_NOTIFY_OWNED] = { "SELECT COUNT(*) AS n FROM notification "
	  "WHERE id = ? AND account_id = ? AND channel = 'site'",
	  "II", COLS_SIG(COLS_DOMAIN_TAKEN),
	  true, COLS_NAMES(COLS_DOMAIN_TAKEN) },
	/* STMT_OUTBOX_LIST: the outbox for the operator, by state ('' all). */
	[STMT_OUTBOX_LIST] = { "SELECT id, order_id, event, channel, recipient, "
	  "state, tries, last_error, DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ') "
	  "AS created FROM notification WHERE channel <> 'site' AND (? = '' OR "
	  "state = ?) ORDER BY id DESC LIMIT 500",
	  "ss", COLS_SIG(COLS_OUTBOX_LIST),
	  true, COLS_NAMES(COLS_OUTBOX_LIST) },
	/* STMT_OUTBOX_REQUEUE: a given-up message goes again from (?). */
	[STMT_OUTBOX_REQUEUE] = { "UPDATE notification SET state = 'pending', "
	  "tries = 0, next_try_at = FROM_UNIXTIME(?), lease_until = NULL "
	  "WHERE id = ? AND channel <> 'site' AND state IN ('dead', 'failed')",
	  "II", "", false, NULL },
	/* STMT_RECIPIENTS_LIST: an account's extra recipients. */
	[STMT_RECIPIENTS_LIST] = { "SELECT id, name, mobile, email FROM "
	  "account_recipient WHERE account_id = ? ORDER BY id",
	  "I", COLS_SIG(COLS_RECIPIENTS),
	  true, COLS_NAMES(COLS_RECIPIENTS) },
	/* STMT_RECIPIENTS_CLEAR: before the new list. */
	[STMT_RECIPIENTS_CLEAR] = { "DELETE FROM account_recipient WHERE account_id = ?",
	  "I", "", false, NULL },
	/* STMT_RECIPIENT_INSERT */
	[STMT_RECIPIENT_INSERT] = { "INSERT INTO account_recipient (account_id, name, "
	  "mobile, email) VALUES (?, ?, ?, ?)",
	  "Isss", "", false, NULL },
	/*
	 * STMT_SMS_REMIND_DUE: SMS windows that close before (?) and after
	 * now (?), not yet reminded of.
	 */
	[STMT_SMS_REMIND_DUE] = { "SELECT order_id AS n FROM sms_check "
	  "WHERE state = 'waiting' AND reminded_at IS NULL "
	  "AND deadline <= FROM_UNIXTIME(?) AND deadline > FROM_UNIXTIME(?) LIMIT 100",
	  "II", COLS_SIG(COLS_DOMAIN_TAKEN),
	  true, COLS_NAMES(COLS_DOMAIN_TAKEN) },
	/* STMT_SMS_REMINDED: once. */
	[STMT_SMS_REMINDED] = { "UPDATE sms_check SET reminded_at = FROM_UNIXTIME(?) "
	  "WHERE order_id = ? AND reminded_at IS NULL",
	  "II", "", false, NULL },
	/*
	 * STMT_EXPIRY_REMIND_DUE: orders waiting on their applicant made
	 * before (?) minus (?) days, not yet reminded at that mark (?).
	 */
	[STMT_EXPIRY_REMIND_DUE] = { "SELECT id AS n FROM filing_order "
	  "WHERE state IN ('draft', 'initial_rejected', 'awaiting_verification', "
	  "'verification_rejected') AND created_at <= FROM_UNIXTIME(?) - INTERVAL ? DAY "
	  "AND expiry_reminded < ? ORDER BY id LIMIT 100",
	  "III", COLS_SIG(COLS_DOMAIN_TAKEN),
	  true, COLS_NAMES(COLS_DOMAIN_TAKEN) },
	/* STMT_EXPIRY_REMINDED: the mark (?) reminded of, once. */
	[STMT_EXPIRY_REMINDED] = { "UPDATE filing_order SET expiry_reminded = ? "
	  "WHERE id = ? AND expiry_reminded < ?",
	  "III", "", false, NULL },
	/*
	 * STMT_WORKER_EXPIRABLE: orders waiting on their applicant created
	 * more than ? days ago, oldest first, at most ?.
	 */
	[STMT_WORKER_EXPIRABLE] = { "SELECT id AS n FROM filing_order "
	  "WHERE state IN ('draft', 'initial_rejected', 'awaiting_verification', "
	  "'verification_rejected') "
	  "AND created_at < FROM_UNIXTIME(?) - INTERVAL ? DAY "
	  "ORDER BY id LIMIT ?",
	  "III", COLS_SIG(COLS_WORKER_EXPIRABLE),
	  true, COLS_NAMES(COLS_WORKER_EXPIRABLE) },
	/* STMT_HANDOFF_SWEEP: a day after expiry or revocation, gone. */
	[STMT_HANDOFF_SWEEP] = { "DELETE FROM handoff "
	  "WHERE expires_at < UTC_TIMESTAMP() - INTERVAL 1 DAY "
	  "OR revoked_at < UTC_TIMESTAMP() - INTERVAL 1 DAY",
	  "", "", false, NULL },
	/* STMT_ORDER_OWNED: is the order the account's? */
	[STMT_ORDER_OWNED] = { "SELECT id AS n FROM filing_order "
	  "WHERE id = ? AND account_id = ?",
	  "II", COLS_SIG(COLS_ORDER_OWNED),
	  true, COLS_NAMES(COLS_ORDER_OWNED) },
};
