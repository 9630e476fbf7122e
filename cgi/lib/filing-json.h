/*
 * The typed order as the API shows it: the edge where the rules' structs
 * become JSON.  Each function returns a new reference, or NULL when the
 * value could not be made -- the caller answers 503 then, never a list
 * with a hole in it.
 */
#ifndef BEIAN_FILING_JSON_H
#define BEIAN_FILING_JSON_H

#include <jansson.h>

#include "checklist.h"
#include "filing.h"

/* {"32": "博客/个人空间", ...} */
json_t	*codes_json(const struct code_name *, size_t);
/* {"2": {"name": "居民身份证", "personal": true}, ...} */
json_t	*certs_json(const struct refs *);
/* [{kind, word, applies_to, province, preapproval, severity, message}] */
json_t	*name_rules_json(const struct refs *);
/* ["cn", "com", ...] */
json_t	*suffixes_json(const struct refs *);
/* {kind: {name, per_website, min_width, min_height, max_side, byte_cap}} */
json_t	*kinds_json(const struct refs *);
/* {"R1": "域名信息不一致", ...} */
json_t	*reason_titles_json(const struct refs *);

/*
 * {field: "websites.12.name"} (website 0: {field: "file"}, a field of the
 * request) | {upload} | {slot: {kind, website_id}} | {step}
 */
json_t	*target_json(const struct target *);
/*
 * [{rule, reason, severity, target, message, fix, href}]; a finding
 * without its own fix gets its reason's.
 */
json_t	*findings_json(const struct findings *, const struct refs *);
/*
 * The website step's answer: errors {field: the first message} and
 * warnings {field: [messages]}, fields as the form names them.
 */
bool	 findings_field_maps(const struct findings *, json_t **errors,
	    json_t **warnings);
/*
 * [{kind, kind_name, website_id, website_name, why, present, upload_id,
 * covers, [rejected, reason, reason_title, note]}]
 */
json_t	*checklist_json(const struct checklist *);

#endif
