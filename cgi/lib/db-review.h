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
#include "db-order.h"
#include "filing.h"
#include "review-rules.h"

/*
 * An order's websites as stored, unmasked: {"12": {"name": "...",
 * "owner.mobile": "...", ...}} with the field names of the contract,
 * every value a string (lists as "32,64", preapprovals "1:number;4:...",
 * booleans "0"/"1", a long-term ID as id_valid_until "").
 */
enum app_err	 db_website_fields(struct db *, int64_t oid, json_t **out);

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
 * applicant.  APP_ECONFLICT with *code "order_not_editable" unless the
 * order takes edits, or with whole (a website or upload added or
 * removed, not one item changed) "item_locked" unless it is a draft:
 * after a rejection only the rejected items change.
 */
enum app_err	 db_review_lock(struct db *, int64_t oid, int64_t uid,
			bool whole, struct order_lock *, const char **code);

/*
 * May the applicant change this on a locked order?  In a draft and
 * after the bureau's rejection, all; after the provider's rejection,
 * what review_may_change() allows, and a slot left empty by such a
 * change.
 */
enum app_err	 db_review_may_change(struct db *, const struct order_lock *,
			int64_t wid, const char *field, const char *kind,
			bool *ok);

/*
 * Inside the transaction of an edit of a website (before: as it was):
 * the fields that changed that no open item names, at most max keys.
 */
enum app_err	 db_review_check_edit(struct db *, const struct order_lock *,
			const struct website *before, const char **keys,
			size_t max, size_t *locked);

#endif
