/*
 * The checks of one website and its owner against the subject, the
 * naming, domain and province rules (domain.md §7–§11, T2).  The website
 * step runs them on what the applicant types; the submit step runs them
 * again on what is stored, because rules, registrar facts and the date
 * move on after saving.
 */
#ifndef BEIAN_SITE_CHECK_H
#define BEIAN_SITE_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "db.h"
#include "rules.h"

/* The order's subject, unmasked. */
struct	site_subject {
	int64_t	 id;
	bool	 personal;
	bool	 state;		/* a government subject */
	char	 name[128];
	char	 province[8];
	int64_t	 cert_type;
	char	 cert_number[48];
	char	 leader_name[64];
	int64_t	 leader_id_type;
	char	 leader_id[48];
	char	 leader_mobile[24];
	char	 leader_email[256];
	char	 legal_rep[64];
	bool	 found;
};

/* What every check reads: the subject, its province's rules, the lists. */
struct	site_ctx {
	struct site_subject	 s;
	struct rules		 pr;	/* in force for the subject */
	json_t			*names;		/* name_rule rows */
	json_t			*suffixes;	/* ["cn", ...] */
	json_t			*content;	/* code -> name */
	json_t			*langs;
	json_t			*preapp;
	json_t			*certs;		/* code -> {name, personal} */
	int64_t			 today;		/* YYYYMMDD, China time */
};

/*
 * One website as entered or stored.  Strings are borrowed; the lists are
 * JSON arrays of code strings owned by the caller.  The check fills the
 * derived fields (domain forms, bits, ids).
 */
struct	site {
	const char	*name, *domain, *homepage, *remark, *sin;
	json_t		*content_list;	/* ["32", ...] */
	json_t		*language_list;	/* ["1", ...] */
	json_t		*preapprovals;	/* [{type, number}] */
	bool		 same_as_leader;
	const char	*o_name, *o_id_type, *o_id_number, *o_valid_until;
	bool		 o_long_term;
	const char	*o_mobile, *o_emergency, *o_email;

	char		 domain_u[256], domain_a[256];
	int64_t		 content_bits;
	char		 languages[160];
	int64_t		 preapp_bits;
	int64_t		 o_id_type_code;
	int64_t		 sin_id;
};

/*
 * What the checks found.  errors: field -> the first message (the 422
 * field map); warnings: field -> [messages]; findings: every error and
 * warning as {rule, reason, severity, field, message}, reason the
 * domain.md §16 code it prevents or null.
 */
struct	site_result {
	json_t	*errors;
	json_t	*warnings;
	json_t	*findings;
};

/* Lists only, for hints (no subject). */
enum app_err	 site_lists_load(struct db *, struct site_ctx *);
/* Everything for order oid of account uid; APP_ENOTFOUND if not its. */
enum app_err	 site_ctx_load(struct db *, int64_t oid, int64_t uid,
			int64_t now, struct site_ctx *);
void		 site_ctx_free(struct site_ctx *);

/* wid: the website being edited (0: a new one). */
void		 site_check(struct db *, struct site_ctx *, struct site *,
			int64_t oid, int64_t wid, struct site_result *);

void		 site_result_init(struct site_result *);
void		 site_result_free(struct site_result *);

/* "YYYY-MM-DD" -> YYYYMMDD; false when not a date. */
bool		 site_date_parse(const char *, int64_t *ymd);
/* YYYYMMDD plus days (negative allowed). */
int64_t		 site_date_add(int64_t ymd, int64_t days);

#endif
