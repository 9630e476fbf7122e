/*
 * Loading the typed order (filing.h) from the database: the reference
 * lists, the subject, websites, uploads, open review items, and the
 * facts the rules look up for a website's keys.  Nothing here decides;
 * the rules do (site-rules.c, checklist.c, checks.c).
 */
#ifndef BEIAN_DB_FILING_H
#define BEIAN_DB_FILING_H

#include <stdint.h>

#include "db.h"
#include "filing.h"

/*
 * What filing_load() reads beyond the subject, its rules and the upload
 * kinds.  FP_REFS brings the expected filing date (what the website
 * rules read); FP_FACTS brings FP_WEBSITES and FP_REFS.
 */
enum	filing_part {
	FP_WEBSITES	= 1 << 0,	/* websites and their pre-approvals */
	FP_FACTS	= 1 << 1,	/* each website's facts (and FP_WEBSITES) */
	FP_UPLOADS	= 1 << 2,
	FP_ITEMS	= 1 << 3,	/* open review items */
	FP_SINS		= 1 << 4,	/* the order's service numbers */
	FP_REFS		= 1 << 5,	/* every reference list, not only the
					   upload kinds */
	FP_ALL		= 0x3f
};

/*
 * The reference lists alone (hints need no order); the naming rules and
 * the content that needs a pre-approval as in force on China date today
 * (YYYYMMDD): a row counts from its as_of.
 */
enum app_err	 refs_load(struct db *, int64_t today, struct refs *);
/* Only the upload kinds, into r->kinds. */
enum app_err	 upload_kinds_load(struct db *, struct refs *);

/*
 * The websites of order oid, oldest first, with their pre-approvals (no
 * account check: the caller has made it).  Free each with website_free()
 * and the array with free(), also after a failure.
 */
enum app_err	 websites_load(struct db *, int64_t oid, struct website **,
			size_t *n);

/*
 * The open rejected items of order oid, oldest first.  Free them with
 * review_items_free(), also after a failure.
 */
enum app_err	 review_items_load(struct db *, int64_t oid,
			struct review_item **, size_t *n);

/*
 * Order oid of account uid as the rules read it at unix time now;
 * APP_ENOTFOUND for another account's order.  f is safe for
 * filing_free() whatever happens.
 */
enum app_err	 filing_load(struct db *, int64_t oid, int64_t uid,
			int64_t now, unsigned parts, struct filing *f);

/*
 * The facts of one website's keys (site_keys()): wid the website being
 * edited (0: a new one).  *facts is freed by the caller with
 * site_facts_free().
 */
enum app_err	 site_facts_load(struct db *, const struct filing *,
			int64_t wid, const struct site_out *,
			struct site_facts *facts);

#endif
