/*
 * Province and naming rules (tables province_rule and name_rule, sql/004).
 * Loaded per request -- they are small, and an operator's UPDATE must
 * count at once -- and asked by name.  The website step uses them to
 * refuse or warn; the upload checklist asks the same rows.
 */
#ifndef BEIAN_RULES_H
#define BEIAN_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "db.h"

/* A rule_setting row's value (dflt when the row is missing). */
int64_t		 rule_setting_value(struct db *, const char *name,
			int64_t dflt);

struct	prov_rules {
	json_t	*rows;		/* rule -> {value, message, province} */
};

/* National defaults overlaid with province's rows for subject_kind. */
enum app_err	 prov_rules_load(struct db *, const char *province,
			bool personal, struct prov_rules *);
int64_t		 prov_rule_value(const struct prov_rules *, const char *,
			int64_t dflt);
const char	*prov_rule_message(const struct prov_rules *, const char *);
void		 prov_rules_free(struct prov_rules *);

struct	name_ctx {
	bool		 personal;
	bool		 state;		/* a government subject */
	const char	*province;	/* code */
	const char	*domain_ascii;	/* NULL if not known yet */
	const char	*domain_unicode;
	int64_t		 preapprovals;	/* bits the website declares */
};

/*
 * Apply every name_rule row to name.  The first error found goes into
 * *error (borrowed from rules, NULL if none); every warning is appended
 * to warnings (json strings).  rules: the rows as STMT_NAME_RULES
 * returns them, as a JSON array of objects.
 */
void		 name_rules_check(const json_t *rules, const struct name_ctx *,
			const char *name, const char **error, json_t *warnings);

/* The name_rule rows as a JSON array (for the check and for hints). */
enum app_err	 name_rules_load(struct db *, json_t **);

#endif
