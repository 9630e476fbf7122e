/*
 * The typed order as JSON (see filing-json.h).  Every value is checked:
 * jansson returns NULL for a string that is not UTF-8 or when memory runs
 * out, and a NULL set into an object would silently drop the key.
 */
#include <stdio.h>
#include <string.h>

#include "filing-json.h"

/* Set key to v (stolen); false, and o freed, when v is NULL. */
static bool
put(json_t *o, const char *key, json_t *v)
{
	return v != NULL && json_object_set_new(o, key, v) == 0;
}

/* Append v (stolen) to a; false when v is NULL. */
static bool
push(json_t *a, json_t *v)
{
	return v != NULL && json_array_append_new(a, v) == 0;
}

static json_t *
fail(json_t *v)
{
	json_decref(v);
	return NULL;
}

json_t *
codes_json(const struct code_name *v, size_t n)
{
	json_t	*o = json_object();
	char	 k[32];
	size_t	 i;

	for (i = 0; o != NULL && i < n; i++) {
		(void)snprintf(k, sizeof(k), "%lld", (long long)v[i].code);
		if (!put(o, k, json_string(v[i].name)))
			return fail(o);
	}
	return o;
}

json_t *
certs_json(const struct refs *r)
{
	json_t	*o = json_object();
	char	 k[32];
	size_t	 i;

	for (i = 0; o != NULL && i < r->ncerts; i++) {
		(void)snprintf(k, sizeof(k), "%lld", (long long)r->certs[i].code);
		if (!put(o, k, json_pack("{s:s, s:b}", "name",
		    r->certs[i].name, "personal", r->certs[i].personal)))
			return fail(o);
	}
	return o;
}

json_t *
name_rules_json(const struct refs *r)
{
	const struct name_rule	*n;
	json_t			*a = json_array();
	size_t			 i;

	for (i = 0; a != NULL && i < r->nnames; i++) {
		n = &r->names[i];
		if (!push(a, json_pack("{s:s, s:s, s:s, s:s?, s:I, s:s, s:s}",
		    "kind", n->kind, "word", n->word, "applies_to",
		    n->applies_to, "province", n->province, "preapproval",
		    (json_int_t)n->preapproval, "severity", n->warning ?
		    "warning" : "error", "message", n->message)))
			return fail(a);
	}
	return a;
}

json_t *
suffixes_json(const struct refs *r)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; a != NULL && i < r->nsuffixes; i++)
		if (!push(a, json_string(r->suffixes[i])))
			return fail(a);
	return a;
}

json_t *
kinds_json(const struct refs *r)
{
	const struct upload_kind	*k;
	json_t				*o = json_object();
	size_t				 i;

	for (i = 0; o != NULL && i < r->nkinds; i++) {
		k = &r->kinds[i];
		if (!put(o, k->kind, json_pack("{s:s, s:b, s:I, s:I, s:I, s:I}",
		    "name", k->name, "per_website", k->per_website,
		    "min_width", (json_int_t)k->min_w,
		    "min_height", (json_int_t)k->min_h,
		    "max_side", (json_int_t)k->max_side,
		    "byte_cap", (json_int_t)k->byte_cap)))
			return fail(o);
	}
	return o;
}

json_t *
reason_titles_json(const struct refs *r)
{
	json_t	*o = json_object();
	size_t	 i;

	for (i = 0; o != NULL && i < r->nreasons; i++)
		if (!put(o, r->reasons[i].code, json_string(r->reasons[i].title)))
			return fail(o);
	return o;
}

json_t *
target_json(const struct target *t)
{
	char	 f[512];

	switch (t->kind) {
	case TARGET_FIELD:
		/* Website 0: a field of the request itself ("file"). */
		if (t->website_id == 0)
			return json_pack("{s:s}", "field", t->field);
		if ((size_t)snprintf(f, sizeof(f), "websites.%lld.%s",
		    (long long)t->website_id, t->field) >= sizeof(f))
			return NULL;
		return json_pack("{s:s}", "field", f);
	case TARGET_UPLOAD:
		return json_pack("{s:I}", "upload", (json_int_t)t->upload_id);
	case TARGET_SLOT:
		return json_pack("{s:{s:s, s:I}}", "slot", "kind", t->slot,
		    "website_id", (json_int_t)t->website_id);
	case TARGET_STEP:
		return json_pack("{s:s}", "step", t->step);
	}
	return NULL;
}

json_t *
findings_json(const struct findings *fs, const struct refs *r)
{
	const struct finding	*e;
	const struct reason	*why;
	const char		*fix;
	json_t			*a = json_array();
	size_t			 i;

	if (fs->failed)
		return fail(a);
	for (i = 0; a != NULL && i < fs->n; i++) {
		e = &fs->v[i];
		fix = e->fix;
		if (fix == NULL && (why = refs_reason(r, e->reason)) != NULL)
			fix = why->fix;
		if (!push(a, json_pack("{s:s, s:s?, s:s, s:o, s:s, s:s, s:s}",
		    "rule", e->rule, "reason", e->reason,
		    "severity", e->severity == SEV_ERROR ? "error" : "warning",
		    "target", target_json(&e->target), "message", e->message,
		    "fix", fix != NULL ? fix : "",
		    "href", e->href != NULL ? e->href : "")))
			return fail(a);
	}
	return a;
}

bool
findings_field_maps(const struct findings *fs, json_t **errors,
    json_t **warnings)
{
	const struct finding	*e;
	json_t			*list;
	size_t			 i;
	bool			 ok = !fs->failed;

	*errors = json_object();
	*warnings = json_object();
	ok = ok && *errors != NULL && *warnings != NULL;
	for (i = 0; ok && i < fs->n; i++) {
		e = &fs->v[i];
		if (e->target.kind != TARGET_FIELD)
			continue;
		if (e->severity == SEV_ERROR) {
			if (json_object_get(*errors, e->target.field) == NULL)
				ok = put(*errors, e->target.field,
				    json_string(e->message));
			continue;
		}
		if ((list = json_object_get(*warnings, e->target.field)) ==
		    NULL) {
			ok = put(*warnings, e->target.field, json_array());
			list = json_object_get(*warnings, e->target.field);
		}
		ok = ok && push(list, json_string(e->message));
	}
	if (!ok) {
		json_decref(*errors);
		json_decref(*warnings);
		*errors = *warnings = NULL;
	}
	return ok;
}

static json_t *
item_json(const struct cl_item *it)
{
	json_t	*o, *covers = json_array();
	size_t	 i;

	for (i = 0; covers != NULL && i < it->ncovers; i++)
		if (!push(covers, json_integer((json_int_t)it->covers[i])))
			return fail(covers);
	o = json_pack("{s:s, s:s, s:I, s:s?, s:s, s:b, s:o?, s:o}",
	    "kind", it->kind->kind, "kind_name", it->kind->name,
	    "website_id", (json_int_t)it->website_id,
	    "website_name", it->website_name, "why", it->why,
	    "present", it->present != NULL,
	    "upload_id", it->present != NULL ?
	    json_integer((json_int_t)it->present->id) : NULL,
	    "covers", covers);
	if (o == NULL || it->rejected == NULL)
		return o;
	if (!put(o, "rejected", json_true()) ||
	    !put(o, "reason", json_string(it->rejected->reason)) ||
	    !put(o, "reason_title", json_string(it->rejected->title)) ||
	    !put(o, "note", json_string(it->rejected->note)))
		return fail(o);
	return o;
}

json_t *
checklist_json(const struct checklist *c)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; a != NULL && i < c->n; i++)
		if (!push(a, item_json(&c->v[i])))
			return fail(a);
	return a;
}
