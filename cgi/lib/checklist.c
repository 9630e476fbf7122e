/*
 * The checklist of an order's materials (see checklist.h).  The rules
 * that add a document are rows (rules.h), so an operator changes them in
 * SQL.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checklist.h"
#include "log.h"
#include "valid.h"

/* One checklist line: a kind wanted for a website (0: the order). */
static struct cl_item *
want(const struct filing *f, struct checklist *c, int64_t wid,
    const char *wname, const char *kind, const char *why)
{
	const struct upload_kind	*k = refs_kind(&f->refs, kind);
	struct cl_item			*it;
	size_t				 i;

	if (k == NULL) {
		applog(LOG_ERR, "checklist: no upload_kind row \"%s\"", kind);
		return NULL;
	}
	c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
	it = &c->v[c->n++];
	memset(it, 0, sizeof(*it));
	it->kind = k;
	it->website_id = wid;
	it->website_name = wname != NULL ? xstrdup(wname) : NULL;
	it->why = xstrdup(why);
	for (i = 0; i < f->nu; i++)
		if (f->u[i].website_id == wid &&
		    strcmp(f->u[i].kind, kind) == 0)
			it->present = &f->u[i];
	if (it->present == NULL)
		c->missing++;
	it->covers = xcalloc(1, sizeof(*it->covers));
	it->covers[it->ncovers++] = wid;
	return it;
}

/*
 * The owner's ID scans of website i: asked once per person.  When an
 * earlier website has the same owner (the same ID number), that
 * website's lines cover this one too and say so.
 */
static bool
want_owner_id(const struct filing *f, struct checklist *c, size_t i,
    size_t *first)
{
	const struct website	*w = &f->w[i];
	struct cl_item		*it;
	char			*names;
	size_t			 j, n, line;

	for (j = 0; j < i; j++)
		if (strcasecmp(f->w[j].owner.id_number,
		    w->owner.id_number) == 0)
			break;
	if (j == i) {
		first[i] = c->n;
		return want(f, c, w->id, w->name, "owner_id_front",
		    "每个新增网站都需要网站负责人证件") != NULL &&
		    want(f, c, w->id, w->name, "owner_id_back",
		    "每个新增网站都需要网站负责人证件") != NULL;
	}
	first[i] = first[j];
	for (line = first[j]; line < first[j] + 2; line++) {
		it = &c->v[line];
		it->covers = xreallocarray(it->covers, it->ncovers + 1,
		    sizeof(*it->covers));
		it->covers[it->ncovers++] = w->id;
		n = strlen(it->website_name) + strlen(w->name) + 4;
		names = xmalloc(n);
		(void)snprintf(names, n, "%s、%s", it->website_name, w->name);
		free(it->website_name);
		it->website_name = names;
		free(it->why);
		it->why = xstrdup("这几个网站的负责人是同一人，证件只需上传一次");
	}
	return true;
}

/*
 * A rejected upload is wanted again: its line says so, with the
 * reviewer's words, and counts as missing until it is replaced.
 */
static bool
mark_rejected(const struct filing *f, struct checklist *c)
{
	const struct review_item	*e;
	struct cl_item			*line;
	const char			*kind;
	size_t				 i, j;

	for (i = 0; i < f->nitems; i++) {
		e = &f->items[i];
		if (e->field != NULL)
			continue;
		kind = e->kind != NULL ? e->kind : "other";
		line = NULL;
		for (j = 0; j < c->n; j++)
			if (c->v[j].website_id == e->website_id &&
			    strcmp(c->v[j].kind->kind, kind) == 0)
				line = &c->v[j];
		if (line == NULL && (line = want(f, c, e->website_id, NULL,
		    kind, "审核人员要求重新上传")) == NULL)
			return false;
		/* Replaced since: the slot holds a newer upload. */
		if (line->present == NULL || line->present->id != e->upload_id)
			continue;
		c->missing++;
		line->rejected = e;
	}
	return true;
}

enum app_err
checklist_build(const struct filing *f, struct checklist *c)
{
	const struct subject	*s = &f->s;
	const struct rules	*r = &f->rules;
	const struct website	*w;
	size_t			*first;
	size_t			 i;
	char			 region[3];
	bool			 ok = true;

	memset(c, 0, sizeof(*c));
	first = xcalloc(f->nw + 1, sizeof(*first));
	for (i = 0; ok && i < f->nw; i++) {
		w = &f->w[i];
		ok = want_owner_id(f, c, i, first) &&
		    want(f, c, w->id, w->name, "verification_form",
		    "每个新增网站都需要签字的真实性核验单") != NULL;
		if (ok && rule_value(r, RK_DOMAIN_CERT_REQUIRED) != 0)
			ok = want(f, c, w->id, w->name, "domain_certificate",
			    rule_message(r, RK_DOMAIN_CERT_REQUIRED)) != NULL;
		if (ok && !s->personal && *s->legal_rep != '\0' &&
		    strcmp(w->owner.name, s->legal_rep) != 0 &&
		    rule_value(r, RK_AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP) != 0)
			ok = want(f, c, w->id, w->name, "authorization_letter",
			    rule_message(r,
			    RK_AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP)) != NULL;
		if (ok && w->npre > 0)
			ok = want(f, c, w->id, w->name, "preapproval_document",
			    "网站填写了前置审批，需上传审批文件") != NULL;
	}
	free(first);
	if (ok && rule_value(r, RK_COMMITMENT_LETTER_REQUIRED) != 0)
		ok = want(f, c, 0, NULL, "commitment_letter",
		    rule_message(r, RK_COMMITMENT_LETTER_REQUIRED)) != NULL;
	/* A personal filer with another province's ID card (R3). */
	if (ok && s->personal && valid_cert_province(s->leader_id_type,
	    s->leader_id, region) && strncmp(region, s->province, 2) != 0 &&
	    rule_value(r, RK_RESIDENCE_PERMIT_ACCEPTED) != 0)
		ok = want(f, c, 0, NULL, "residence_permit",
		    rule_message(r, RK_RESIDENCE_PERMIT_ACCEPTED)) != NULL;
	if (ok)
		ok = mark_rejected(f, c);
	return ok ? APP_OK : APP_EINTERNAL;
}

void
checklist_free(struct checklist *c)
{
	size_t	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->v[i].website_name);
		free(c->v[i].why);
		free(c->v[i].covers);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}
