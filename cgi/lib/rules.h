/*
 * Rules as data: province rules and settings (tables province_rule and
 * rule_setting, keys in rule_key); the naming rules are read with the
 * other reference lists (db-filing.c) and applied in site-rules.c.  Loaded
 * per request -- they are small, and an operator's change must count at
 * once -- and asked by key.  The website step uses them to refuse or
 * warn; the upload checklist and the checks ask the same rows.
 */
#ifndef BEIAN_RULES_H
#define BEIAN_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "db.h"

/*
 * Every rule key the code reads (the table rule_key holds the same, with
 * each key's range and default; beian-admin check compares the two).
 * scope: RS_PROVINCE, a province_rule per province and subject kind;
 * RS_SETTING, a rule_setting.
 */
#define RULE_KEYS(X)							\
	X(MAX_WEBSITES_PER_ORDER, "max_websites_per_order", RS_PROVINCE) \
	X(MAX_DOMAINS_PER_ORDER, "max_domains_per_order", RS_PROVINCE)	\
	X(OWNER_MIN_AGE, "owner_min_age", RS_PROVINCE)			\
	X(MIN_ID_VALIDITY_DAYS, "min_id_validity_days", RS_PROVINCE)	\
	X(EMERGENCY_DIFFERS, "emergency_differs", RS_PROVINCE)		\
	X(DOMAIN_CERT_REQUIRED, "domain_cert_required", RS_PROVINCE)	\
	X(MIN_DOMAIN_VALIDITY_DAYS, "min_domain_validity_days", RS_PROVINCE) \
	X(COMMITMENT_LETTER_REQUIRED, "commitment_letter_required",	\
	    RS_PROVINCE)						\
	X(LEADER_MUST_BE_LEGAL_REP, "leader_must_be_legal_rep", RS_PROVINCE) \
	X(AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP,				\
	    "auth_letter_when_owner_not_legal_rep", RS_PROVINCE)	\
	X(LOCAL_MOBILE, "local_mobile", RS_PROVINCE)			\
	X(VERIFICATION_FINGERPRINT, "verification_fingerprint", RS_PROVINCE) \
	X(RESIDENCE_PERMIT_ACCEPTED, "residence_permit_accepted", RS_PROVINCE) \
	X(BUREAU_REVIEW_BUSINESS_DAYS, "bureau_review_business_days",	\
	    RS_PROVINCE)						\
	X(VERIFICATION_METHOD, "verification_method", RS_PROVINCE)	\
	X(CURTAIN_SLOGAN_REQUIRED, "curtain_slogan_required", RS_PROVINCE) \
	X(SMS_REQUIRED, "sms_required", RS_PROVINCE)			\
	X(SMS_WINDOW_HOURS, "sms_window_hours", RS_PROVINCE)		\
	X(SMS_MAX_TRIES, "sms_max_tries", RS_PROVINCE)			\
	X(INSTANCE_MIN_SUBSCRIPTION_MONTHS,				\
	    "instance_min_subscription_months", RS_SETTING)		\
	X(INSTANCE_FORBID_PAYG, "instance_forbid_payg", RS_SETTING)	\
	X(INSTANCE_REQUIRE_PUBLIC_IP, "instance_require_public_ip",	\
	    RS_SETTING)							\
	X(INSTANCE_REQUIRE_MAINLAND, "instance_require_mainland", RS_SETTING) \
	X(INSTANCE_REQUIRE_RUNNING, "instance_require_running", RS_SETTING) \
	X(INSTANCE_FORBID_EXPIRED, "instance_forbid_expired", RS_SETTING) \
	X(ORDER_MAX_SERVICE_NUMBERS, "order_max_service_numbers", RS_SETTING) \
	X(ORDER_TTL_DAYS, "order_ttl_days", RS_SETTING)			\
	X(SIN_ISSUE_MAX_PER_CALL, "sin_issue_max_per_call", RS_SETTING)	\
	X(UPLOAD_MIN_BRIGHTNESS, "upload_min_brightness", RS_SETTING)	\
	X(UPLOAD_MAX_BRIGHTNESS, "upload_max_brightness", RS_SETTING)	\
	X(UPLOAD_MIN_SHARPNESS, "upload_min_sharpness", RS_SETTING)	\
	X(UPLOAD_FLAG_BLOCKS_SUBMIT, "upload_flag_blocks_submit", RS_SETTING) \
	X(HANDOFF_TTL_SECONDS, "handoff_ttl_seconds", RS_SETTING)	\
	X(HANDOFF_MAX_ACTIVE, "handoff_max_active", RS_SETTING)		\
	X(INITIAL_REVIEW_SLA_BUSINESS_DAYS,				\
	    "initial_review_sla_business_days", RS_SETTING)		\
	X(REVIEW_DUE_HOUR, "review_due_hour", RS_SETTING)		\
	X(WORKER_INTERVAL_SECONDS, "worker_interval_seconds", RS_SETTING) \
	X(PHOTO_REVIEW_SLA_BUSINESS_DAYS, "photo_review_sla_business_days", \
	    RS_SETTING)							\
	X(BUREAU_SUBMIT_SLA_BUSINESS_DAYS, "bureau_submit_sla_business_days", \
	    RS_SETTING)							\
	X(PHOTO_WHITE_BORDER_MIN_PERCENT, "photo_white_border_min_percent", \
	    RS_SETTING)							\
	X(PHOTO_BLUE_BORDER_MIN_PERCENT, "photo_blue_border_min_percent", \
	    RS_SETTING)							\
	X(CURTAIN_REQUESTS_MAX, "curtain_requests_max", RS_SETTING)	\
	X(NOTIFY_MAX_TRIES, "notify_max_tries", RS_SETTING)		\
	X(NOTIFY_LEASE_SECONDS, "notify_lease_seconds", RS_SETTING)	\
	X(SMS_REMINDER_HOURS, "sms_reminder_hours", RS_SETTING)		\
	X(MAX_EXTRA_RECIPIENTS, "max_extra_recipients", RS_SETTING)	\
	X(EXPIRY_REMINDER_FIRST_DAYS, "expiry_reminder_first_days",	\
	    RS_SETTING)							\
	X(EXPIRY_REMINDER_SECOND_DAYS, "expiry_reminder_second_days",	\
	    RS_SETTING)

enum	rule_scope {
	RS_PROVINCE,
	RS_SETTING
};

enum	rule_key {
#define X(id, name, scope)	RK_##id,
	RULE_KEYS(X)
#undef X
	RK__MAX
};

/* The key's name in the tables ("order_ttl_days"). */
const char	*rule_key_name(enum rule_key);
enum rule_scope	 rule_key_scope(enum rule_key);
/* The key of a name; false when the code reads no such key. */
bool		 rule_key_find(const char *name, enum rule_key *);

/* One rule as it is in force. */
struct	rule_val {
	int64_t	 value;
	char	*message;		/* "" when the row says none */
	char	 province[8];		/* whose row: "000000", a province
					   code, or "" for the registry's
					   default */
	char	 as_of[11];		/* YYYY-MM-DD of the row, or "" */
};

/*
 * The rules in force on one day: every setting, and (when a province was
 * given) the province rules for one kind of subject, the province's rows
 * over the national ones, a subject kind's over "all", the newest row
 * whose as_of has come, the registry's default where no row is.
 */
struct	rules {
	struct rule_val	 v[RK__MAX];
	bool		 province_loaded;
};

/*
 * Load the rules in force at unix time now (a China date decides) for
 * province (a code; NULL: settings only) and a personal or organisation
 * subject.  Any failure, a key the registry lacks included, is an error:
 * nothing is decided on a guess.  r is safe for rules_free() after.
 */
enum app_err	 rules_load(struct db *, int64_t now, const char *province,
			bool personal, struct rules *);
int64_t		 rule_value(const struct rules *, enum rule_key);
const char	*rule_message(const struct rules *, enum rule_key);
/* One setting in force at now (rules_load for a single value). */
enum app_err	 rule_setting(struct db *, int64_t now, enum rule_key,
			int64_t *);
/*
 * The province rules of r as the API shows them: {key: {value, message,
 * province}}, keys with a row only.
 */
json_t		*rules_province_json(const struct rules *);
void		 rules_free(struct rules *);

#endif
