/*
 * The bureau stage as the API shows it: the edge where db-bureau.h's
 * structs become JSON.  NULL when a value could not be made.
 */
#ifndef BEIAN_BUREAU_JSON_H
#define BEIAN_BUREAU_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "db-bureau.h"
#include "rules.h"

/* Unix time as the API writes it ("2026-12-07T10:00:00Z"); null for 0. */
json_t	*iso_time_json(int64_t);

/*
 * {ready_at, due_at, submitted_at, round, delivery, tries, last_error,
 * decided_at, reason, reason_title, note}, or null before the stage.
 */
json_t	*bureau_sub_json(const struct bureau_sub *);

/*
 * GET /api/orders/{id}/sms, under the province's rules in force (the
 * SMS keys): {required, window_hours, max_tries, sent,
 * sent_at, deadline, seconds_left, tries_left, mobile (masked), state:
 * not_required | waiting | verified | failed}.  A check of another
 * submission round than round (the bureau_sub's) counts as none.
 */
json_t	*sms_json(const struct sms_check *, const struct rules *,
	    int64_t round, int64_t now);

#endif
