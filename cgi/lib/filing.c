/*
 * The typed order (see filing.h): lookups in the reference lists, the
 * stored form of a website's fields, and freeing.  No database here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filing.h"

const struct code_name *
refs_code(const struct code_name *v, size_t n, int64_t code)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (v[i].code == code)
			return &v[i];
	return NULL;
}

const struct upload_kind *
refs_kind(const struct refs *r, const char *kind)
{
	size_t	 i;

	for (i = 0; kind != NULL && i < r->nkinds; i++)
		if (strcmp(r->kinds[i].kind, kind) == 0)
			return &r->kinds[i];
	return NULL;
}

const struct reason *
refs_reason(const struct refs *r, const char *code)
{
	size_t	 i;

	for (i = 0; code != NULL && i < r->nreasons; i++)
		if (strcmp(r->reasons[i].code, code) == 0)
			return &r->reasons[i];
	return NULL;
}

static void
code_names_free(struct code_name *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

void
refs_free(struct refs *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	code_names_free(r->content, r->ncontent);
	code_names_free(r->langs, r->nlangs);
	code_names_free(r->preapp, r->npreapp);
	code_names_free(r->certs, r->ncerts);
	for (i = 0; i < r->nsuffixes; i++)
		free(r->suffixes[i]);
	free(r->suffixes);
	for (i = 0; i < r->nnames; i++) {
		free(r->names[i].kind);
		free(r->names[i].word);
		free(r->names[i].applies_to);
		free(r->names[i].province);
		free(r->names[i].message);
	}
	free(r->names);
	for (i = 0; i < r->nkinds; i++) {
		free(r->kinds[i].kind);
		free(r->kinds[i].name);
	}
	free(r->kinds);
	for (i = 0; i < r->nneeds; i++) {
		free(r->needs[i].message);
		free(r->needs[i].preapproval_name);
	}
	free(r->needs);
	for (i = 0; i < r->nreasons; i++) {
		free(r->reasons[i].code);
		free(r->reasons[i].title);
		free(r->reasons[i].fix);
	}
	free(r->reasons);
	memset(r, 0, sizeof(*r));
}

void
subject_free(struct subject *s)
{
	if (s == NULL)
		return;
	free(s->name);
	free(s->province);
	free(s->cert_number);
	free(s->leader_name);
	free(s->leader_id);
	free(s->leader_mobile);
	free(s->leader_email);
	free(s->legal_rep);
	free(s->icp_number);
	memset(s, 0, sizeof(*s));
}

void
website_free(struct website *w)
{
	size_t	 i;

	if (w == NULL)
		return;
	free(w->name);
	free(w->domain);
	free(w->domain_ascii);
	free(w->homepage);
	free(w->remark);
	free(w->service_number);
	free(w->languages);
	for (i = 0; i < w->npre; i++)
		free(w->pre[i].number);
	free(w->pre);
	free(w->owner.name);
	free(w->owner.id_number);
	free(w->owner.valid_until);
	free(w->owner.mobile);
	free(w->owner.emergency);
	free(w->owner.email);
	memset(w, 0, sizeof(*w));
}

void
site_facts_free(struct site_facts *f)
{
	if (f == NULL)
		return;
	free(f->fact.holder);
	free(f->fact.holder_cert);
	free(f->fact.icp);
	memset(f, 0, sizeof(*f));
}

void
filing_free(struct filing *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	subject_free(&f->s);
	rules_free(&f->rules);
	refs_free(&f->refs);
	for (i = 0; i < f->nw; i++) {
		website_free(&f->w[i]);
		if (f->facts != NULL)
			site_facts_free(&f->facts[i]);
	}
	free(f->w);
	free(f->facts);
	for (i = 0; i < f->nsins; i++)
		free(f->sins[i]);
	free(f->sins);
	for (i = 0; i < f->nu; i++) {
		free(f->u[i].kind);
		free(f->u[i].kind_name);
		free(f->u[i].first_warning);
	}
	free(f->u);
	review_items_free(f->items, f->nitems);
	memset(f, 0, sizeof(*f));
}

void
review_items_free(struct review_item *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].reason);
		free(v[i].title);
		free(v[i].fix);
		free(v[i].field);
		free(v[i].kind);
		free(v[i].was);
		free(v[i].note);
	}
	free(v);
}

const struct website *
filing_website(const struct filing *f, int64_t id)
{
	size_t	 i;

	for (i = 0; i < f->nw; i++)
		if (f->w[i].id == id)
			return &f->w[i];
	return NULL;
}

bool
website_field_value(const struct website *w, const char *key,
    struct buf *out)
{
	const struct owner	*o = &w->owner;
	size_t			 i;
	int			 k;

	buf_reset(out);
	buf_append(out, "", 0);
#define TEXT(k, v)	if (strcmp(key, (k)) == 0) {			\
		buf_puts(out, (v) != NULL ? (v) : "");			\
		return true;						\
	}
	TEXT("name", w->name)
	TEXT("domain", w->domain)
	TEXT("homepage_url", w->homepage)
	TEXT("languages", w->languages)
	TEXT("service_number", w->service_number)
	TEXT("remark", w->remark)
	TEXT("owner.name", o->name)
	TEXT("owner.id_number", o->id_number)
	TEXT("owner.id_valid_until", o->valid_until)
	TEXT("owner.mobile", o->mobile)
	TEXT("owner.emergency_phone", o->emergency)
	TEXT("owner.email", o->email)
#undef TEXT
	if (strcmp(key, "content_types") == 0) {
		for (k = 0; k < 63; k++)
			if (w->content_bits & ((int64_t)1 << k))
				buf_printf(out, "%s%lld", out->len > 0 ? "," :
				    "", (long long)((int64_t)1 << k));
		return true;
	}
	if (strcmp(key, "preapprovals") == 0) {
		for (i = 0; i < w->npre; i++)
			buf_printf(out, "%s%lld:%s", i > 0 ? ";" : "",
			    (long long)w->pre[i].type, w->pre[i].number);
		return true;
	}
	if (strcmp(key, "owner.same_as_leader") == 0) {
		buf_puts(out, o->same_as_leader ? "1" : "0");
		return true;
	}
	if (strcmp(key, "owner.id_type") == 0) {
		buf_printf(out, "%lld", (long long)o->id_type);
		return true;
	}
	if (strcmp(key, "owner") == 0) {
		/*
		 * The person as a whole, as the reviewer reads it: a change
		 * of any part of it is a change of the owner.
		 */
		buf_printf(out, "%s · %s · 证件有效期至 %s · 手机 %s · 邮箱 %s%s",
		    o->name, o->id_number, o->valid_until != NULL &&
		    *o->valid_until != '\0' ? o->valid_until : "长期",
		    o->mobile, o->email, o->same_as_leader ? "（同主体负责人）" :
		    "");
		return true;
	}
	return false;
}
