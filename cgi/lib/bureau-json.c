/*
 * The bureau stage as JSON (see bureau-json.h).
 */
#include <string.h>
#include <time.h>

#include "bureau-json.h"
#include "db-order.h"

json_t *
bureau_sub_json(const struct bureau_sub *b)
{
	if (!b->found)
		return json_null();
	return json_pack("{s:s?, s:s?, s:s?, s:I, s:s?, s:I, s:s?, s:s?, "
	    "s:s?, s:s?, s:s?}",
	    "ready_at", b->ready_at, "due_at", b->due_at,
	    "submitted_at", b->submitted_at, "round", (json_int_t)b->round,
	    "delivery", b->delivery, "tries", (json_int_t)b->tries,
	    "last_error", b->last_error, "decided_at", b->decided_at,
	    "reason", b->reason, "reason_title", b->reason_title,
	    "note", b->note);
}

json_t *
iso_time_json(int64_t t)
{
	time_t		 tt = (time_t)t;
	struct tm	 tm;
	char		 s[32];

	if (t <= 0)
		return json_null();
	gmtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(s);
}

json_t *
sms_json(const struct sms_check *s, const struct rules *rs, int64_t round,
    int64_t now)
{
	bool		 required = rule_value(rs, RK_SMS_REQUIRED) != 0;
	int64_t		 window = rule_value(rs, RK_SMS_WINDOW_HOURS);
	int64_t		 max_tries = rule_value(rs, RK_SMS_MAX_TRIES);
	bool		 this_round = s->found && s->round == round && round > 0;
	const char	*state;
	char		 mob[24] = "";
	int64_t		 left;

	if (this_round)
		mask_middle(s->mobile, 3, 4, mob, sizeof(mob));
	if (this_round)
		state = s->state;
	else
		state = required ? "waiting" : "not_required";
	left = this_round && strcmp(s->state, "waiting") == 0 ?
	    s->deadline - now : 0;
	return json_pack("{s:b, s:I, s:I, s:b, s:o, s:o, s:I, s:I, s:s?, "
	    "s:s}",
	    "required", required || this_round,
	    "window_hours", (json_int_t)(this_round ? s->window_hours : window),
	    "max_tries", (json_int_t)max_tries,
	    "sent", this_round,
	    "sent_at", iso_time_json(this_round ? s->sent : 0),
	    "deadline", iso_time_json(this_round ? s->deadline : 0),
	    "seconds_left", (json_int_t)(left > 0 ? left : 0),
	    "tries_left", (json_int_t)(this_round ? s->tries_left : max_tries),
	    "mobile", this_round ? mob : NULL,
	    "state", state);
}
