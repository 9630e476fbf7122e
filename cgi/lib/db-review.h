/*
 * What a reviewer rejected, and what the applicant may change because of
 * it.  A rejected item is a field of a website ("websites.12.name") or
 * an upload; while it is open (not yet resubmitted) it is the only thing
 * of the order that may change.
 */
#ifndef BEIAN_DB_REVIEW_H
#define BEIAN_DB_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "db.h"
#include "app.h"
#include "db-order.h"

/*
 * An order's websites as stored, unmasked: {"12": {"name": "...",
 * "owner.mobile": "...", ...}} with the field names of the contract,
 * every value a string (lists as "32,64", preapprovals "1:number;4:...",
 * booleans "0"/"1", a long-term ID as id_valid_until "").
 */
enum app_err	 db_website_fields(struct db *, int64_t oid, json_t **out);

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
 * May a rejection name field key of this website (its db_website_fields
 * object)?  NULL when it may; otherwise why not, in the reviewer's words:
 * the leader's own data on a website whose owner is the leader cannot be
 * changed in this order, only the owner replaced.
 */
const char	*review_field_refused(const char *key, const json_t *site);
/*
 * The upload kinds that show the website owner: replaceable when the
 * owner as a whole is rejected, stale when the owner becomes another
 * person (NULL-terminated).
 */
extern const char *const review_owner_kinds[];
/* The same for the documents that name the domain. */
extern const char *const review_domain_kinds[];

/*
 * The open rejected items of an order: [{id, reason, title, fix, target:
 * {field} | {upload}, website_id, kind, note, at, was}].
 */
enum app_err	 db_review_open(struct db *, int64_t oid, json_t **out);
/*
 * The items of the previous round that the resubmission answered, in the
 * same shape: what the reviewer of this round compares.
 */
enum app_err	 db_review_last_round(struct db *, int64_t oid, json_t **out);

/*
 * Inside a transaction: lock order oid of account uid for an edit by its
 * applicant.  409 order_not_editable unless the order takes edits; with
 * whole (a website or upload added or removed, not one item changed)
 * 409 item_locked unless it is a draft: after a rejection only the
 * rejected items change.
 */
enum app_err	 db_review_lock(struct db *, struct resp *, int64_t oid,
			int64_t uid, bool whole, struct order_lock *);

/*
 * May the applicant change this on a locked order?  In a draft, all;
 * after a rejection, only an open item's field (wid, field: "name",
 * "owner.mobile") or upload slot (wid, kind; field NULL), and what
 * follows from it: every owner.* field and the owner's documents when
 * the owner as a whole is rejected, the homepage with the domain, and a
 * slot left empty by such a change.
 */
enum app_err	 db_review_may_change(struct db *, const struct order_lock *,
			int64_t wid, const char *field, const char *kind,
			bool *ok);

/*
 * Inside the transaction of an edit of website wid: which fields changed
 * from before (db_website_fields) that no open item names.  Each goes
 * into the response's field map; *locked counts them.
 */
enum app_err	 db_review_check_edit(struct db *, const struct order_lock *,
			int64_t wid, const json_t *before, struct resp *,
			size_t *locked);

#endif
