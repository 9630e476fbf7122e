/*
 * What a reviewer may reject and what the applicant may then change: the
 * fields of a website in the form's words, which of them a rejection may
 * name, what an open rejected item unlocks, and which documents an edit
 * makes stale.  Pure functions over the typed order (filing.h).
 */
#ifndef BEIAN_REVIEW_RULES_H
#define BEIAN_REVIEW_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "filing.h"

/* How the applicant changes a field on its own (the fields route). */
enum	review_edit {
	RE_NONE,		/* not alone: no rejection names it */
	RE_TEXT,		/* retyped */
	RE_CODES,		/* a list of codes (content types, languages) */
	RE_CODE,		/* one code (the owner's ID type) */
	RE_PREAPPROVALS,	/* [{type, number}] */
	RE_BOOL,		/* a yes/no, changed only with the owner */
	RE_OWNER		/* the owner as a whole: another person */
};

/*
 * A field of a website ("owner.mobile"), or "owner": the person as a
 * whole, whose rejection lets every owner.* field change and the owner's
 * ID scans, 核验单 and 授权书 be replaced.
 */
struct	review_field {
	const char	*key;
	const char	*label;		/* the form's words */
	bool		 summary;	/* the owner as a whole */
	enum review_edit edit;
	bool		 leader;	/* the subject leader's when the owner
					   is "same as the leader" */
};

/* The i-th field in the form's order; NULL past the last. */
const struct review_field *review_field_at(size_t i);
/* The field of that key, or NULL. */
const struct review_field *review_field_find(const char *key);
/* May a rejection name it (a field the applicant can change alone)? */
bool		 review_field_known(const char *field);
/*
 * May a rejection name field key of a website whose owner is, or is not,
 * the subject leader?  NULL when it may; otherwise why not, in the
 * reviewer's words: the leader's own data on a website whose owner is
 * the leader cannot be changed in this order, only the owner replaced.
 */
const char	*review_field_refused(const char *key, bool same_as_leader);

/*
 * The upload kinds that show the website owner: replaceable when the
 * owner as a whole is rejected, stale when the owner becomes another
 * person (NULL-terminated).
 */
extern const char *const review_owner_kinds[];
/* The same for the documents that name the domain. */
extern const char *const review_domain_kinds[];

/*
 * After a rejection, may the applicant change field (wid, "name",
 * "owner.mobile") or upload slot (wid, kind; field NULL)?  Only an open
 * item's, and what follows from it: every owner.* field and the owner's
 * documents when the owner as a whole is rejected, the homepage with the
 * domain.  (An empty slot left by such a change is the caller's to
 * allow: it needs the uploads.)
 */
bool		 review_may_change(const struct review_item *, size_t n,
			int64_t wid, const char *field, const char *kind);

/*
 * The fields of website before that after changed and no open item lets
 * change, at most max of them, into keys (static strings); how many.
 */
size_t		 review_locked_changes(const struct review_item *, size_t n,
			const struct website *before,
			const struct website *after, const char **keys,
			size_t max);

/* What an edit of a website makes stale (review_stale()). */
enum	stale {
	STALE_OWNER = 1 << 0,	/* another person: review_owner_kinds */
	STALE_DOMAIN = 1 << 1	/* another domain: review_domain_kinds */
};

/*
 * Another person (another ID number with another name, or in place of
 * the leader) makes the owner's scans, 核验单 and 授权书 stale; a
 * corrected digit of the same person's ID does not.  Another domain
 * makes its certificate and the 核验单 that names it stale.
 */
unsigned	 review_stale(const struct website *before,
			const struct site_in *, const struct site_out *);

#endif
