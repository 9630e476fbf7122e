/*
 * The pre-submit checks of an order: one finding per rule broken,
 * {rule, reason, severity, target, message, fix, href} (DESIGN.md): rule
 * our id, reason the domain.md §16 code it prevents, target
 * {field: "websites.12.name"} | {upload: 34} | {slot: {kind, website_id}}
 * | {step: "subject"}, href the step page that fixes it.
 *
 * Beyond the website step's own rules (site-check.c), run again on what
 * is stored: registrar facts (R1, a warning when there are none),
 * certificate province (R3), content needing a pre-approval (R4, table
 * content_preapproval), missing and quality-flagged uploads (R5), leader
 * not the legal representative (R6), the same ID in another open order
 * (R12), rejected items left unchanged.  Today's rules and facts count,
 * not those of the day a field was saved.
 */
#ifndef BEIAN_CHECKS_H
#define BEIAN_CHECKS_H

#include <stdint.h>

#include <jansson.h>

#include "db.h"

/*
 * Every check of order oid of account uid (order: its JSON as
 * db_order_json gives it, already read); *findings owned by the caller.
 * lists, if not NULL, gets the code lists the checks loaded (content
 * types, languages, pre-approval and ID types) for the page's forms.
 */
enum app_err	 checks_run(struct db *, int64_t oid, int64_t uid,
			int64_t now, const json_t *order, json_t **findings,
			json_t **lists);

#endif
