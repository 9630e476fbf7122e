/*
 * The pre-submit checks of an order: one finding per rule broken
 * (filing.h), rendered by checks-run.c as {rule, reason, severity,
 * target, message, fix, href} (DESIGN.md): rule our id, reason the
 * domain.md §16 code it prevents, target {field: "websites.12.name"} |
 * {upload: 34} | {slot: {kind, website_id}} | {step: "subject"}, href the
 * step page that fixes it.
 *
 * Beyond the website step's own rules (site-rules.c), run again on what
 * is stored: registrar facts (R1, a warning when there are none),
 * certificate province (R3), content needing a pre-approval (R4, table
 * content_preapproval), missing and quality-flagged uploads (R5), leader
 * not the legal representative (R6), the same ID in another open order
 * (R12), rejected items left unchanged.  Today's rules and facts count,
 * not those of the day a field was saved.
 */
#ifndef BEIAN_CHECKS_H
#define BEIAN_CHECKS_H

#include "checklist.h"
#include "filing.h"

/*
 * Every check of f (read with FP_ALL) and its checklist.  Fails
 * (APP_EINTERNAL, logged) when a rule cannot be applied or a finding
 * could not be recorded: the list is then not complete, and nobody may
 * submit on it.
 */
enum app_err	 checks_build(const struct filing *, const struct checklist *,
			struct findings *);

#endif
