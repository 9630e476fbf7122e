/*
 * The rules of an order as the programs call them: load the typed order
 * (db-filing.c), run the pure rules (checklist.c, checks.c), render the
 * JSON the API returns (filing-json.c).
 */
#ifndef BEIAN_ORDER_RULES_H
#define BEIAN_ORDER_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "app.h"
#include "db.h"

/*
 * Every pre-submit check of order oid of account uid; order: its JSON as
 * db_order_json gives it.  *findings owned by the caller; lists, if not
 * NULL, gets the code lists the page's forms need (content types,
 * languages, pre-approval and ID types, reason titles).  Any failure
 * but APP_ENOTFOUND means the checks could not run: see checks_refuse().
 */
enum app_err	 checks_run(struct db *, int64_t oid, int64_t uid,
			int64_t now, const json_t *order, json_t **findings,
			json_t **lists);
/*
 * The answer when checks_run() failed: 404 stays, anything else is 503
 * checks_unavailable with a log line -- never an empty list, never a
 * submission the checks did not see.
 */
enum app_err	 checks_refuse(struct resp *, int64_t oid, enum app_err);

/* The checklist as the upload pages show it. */
struct	checklist_view {
	json_t	*uploads;	/* db_upload_list */
	json_t	*kinds;		/* kinds_json */
	json_t	*items;		/* checklist_json */
	size_t	 missing;
};

enum app_err	 checklist_view_load(struct db *, int64_t oid, int64_t uid,
			int64_t now, struct checklist_view *);
void		 checklist_view_free(struct checklist_view *);
/* Is step 6 done: something asked for, and nothing missing? */
enum app_err	 checklist_done(struct db *, int64_t oid, int64_t uid,
			int64_t now, bool *done);

/*
 * The verification photos of order oid as the upload pages' slots:
 * [{kind "curtain_photo", kind_name, website_id (the person's slot),
 * website_name (their websites), owner_name, why, present, upload_id,
 * rejected, reason, reason_title, note}], one per person; none for a
 * method that takes no photo.
 */
enum app_err	 verify_slots_load(struct db *, int64_t oid, int64_t uid,
			int64_t now, json_t **out);

#endif
