/*
 * What a rejection unlocks (see review-rules.h).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "review-rules.h"

/*
 * The fields of a website, in the order of the applicant's form, in the
 * words of that form; summary: the owner as a whole, made of the parts
 * that follow; edit: how it is changed alone after a rejection.  The
 * service number and "same as the subject's leader" are not: a reviewer
 * names the owner's fields or the number's step instead.
 */
static const struct review_field fields[] = {
	{ "name", "网站名称", false, RE_TEXT, false },
	{ "domain", "网站域名", false, RE_TEXT, false },
	{ "homepage_url", "网站首页地址", false, RE_TEXT, false },
	{ "content_types", "网站服务内容", false, RE_CODES, false },
	{ "languages", "网站语言", false, RE_CODES, false },
	{ "preapprovals", "前置审批", false, RE_PREAPPROVALS, false },
	{ "service_number", "备案服务号", false, RE_NONE, false },
	{ "remark", "备注", false, RE_TEXT, false },
	{ "owner", "网站负责人（更换为其他人）", true, RE_OWNER, false },
	{ "owner.same_as_leader", "负责人同主体负责人", false, RE_BOOL, false },
	{ "owner.name", "网站负责人姓名", false, RE_TEXT, true },
	{ "owner.id_type", "负责人证件类型", false, RE_CODE, true },
	{ "owner.id_number", "负责人证件号码", false, RE_TEXT, true },
	{ "owner.id_valid_until", "负责人证件有效期至", false, RE_TEXT, false },
	{ "owner.mobile", "负责人手机号码", false, RE_TEXT, true },
	{ "owner.emergency_phone", "应急联系电话", false, RE_TEXT, false },
	{ "owner.email", "负责人电子邮箱", false, RE_TEXT, true },
};

const char *const review_owner_kinds[] = {
	"owner_id_front", "owner_id_back", "verification_form",
	"authorization_letter", NULL
};

const char *const review_domain_kinds[] = {
	"domain_certificate", "verification_form", NULL
};

const struct review_field *
review_field_at(size_t i)
{
	return i < nitems(fields) ? &fields[i] : NULL;
}

const struct review_field *
review_field_find(const char *key)
{
	size_t	 i;

	for (i = 0; key != NULL && i < nitems(fields); i++)
		if (strcmp(fields[i].key, key) == 0)
			return &fields[i];
	return NULL;
}

bool
review_field_known(const char *field)
{
	const struct review_field	*rf = review_field_find(field);

	return rf != NULL && rf->edit != RE_NONE && rf->edit != RE_BOOL;
}

const char *
review_field_refused(const char *key, bool same_as_leader)
{
	const struct review_field	*rf = review_field_find(key);

	if (rf == NULL || !review_field_known(key))
		return "本订单没有这个网站或字段";
	if (rf->leader && same_as_leader)
		return "这个网站的负责人就是主体负责人，这一项是主体的备案信息，"
		    "本订单中不能修改。如需换一位网站负责人，请驳回“网站负责人"
		    "（更换为其他人）”";
	return NULL;
}

/* Is kind one of kinds (NULL-terminated)? */
static bool
kind_in(const char *const *kinds, const char *kind)
{
	size_t	 i;

	for (i = 0; kind != NULL && kinds[i] != NULL; i++)
		if (strcmp(kinds[i], kind) == 0)
			return true;
	return false;
}

bool
review_may_change(const struct review_item *items, size_t n, int64_t wid,
    const char *field, const char *kind)
{
	const struct review_item	*e;
	char				 want[96], owner[64], domain[64];
	size_t				 i;

	(void)snprintf(want, sizeof(want), "websites.%lld.%s", (long long)wid,
	    field != NULL ? field : "");
	(void)snprintf(owner, sizeof(owner), "websites.%lld.owner",
	    (long long)wid);
	(void)snprintf(domain, sizeof(domain), "websites.%lld.domain",
	    (long long)wid);
	for (i = 0; i < n; i++) {
		e = &items[i];
		if (field != NULL && e->field != NULL) {
			if (strcmp(e->field, want) == 0)
				return true;
			/* Another person: every part of the owner changes. */
			if (strcmp(e->field, owner) == 0 &&
			    strncmp(field, "owner", 5) == 0)
				return true;
			/* The homepage lives on the domain: it follows. */
			if (strcmp(field, "homepage_url") == 0 &&
			    strcmp(e->field, domain) == 0)
				return true;
		}
		if (field == NULL && e->field == NULL && e->kind != NULL &&
		    kind != NULL && strcmp(e->kind, kind) == 0 &&
		    e->website_id == wid)
			return true;
		/* ... and so do the documents that show the person. */
		if (field == NULL && e->field != NULL &&
		    strcmp(e->field, owner) == 0 &&
		    kind_in(review_owner_kinds, kind))
			return true;
	}
	return false;
}

size_t
review_locked_changes(const struct review_item *items, size_t n,
    const struct website *before, const struct website *after,
    const char **keys, size_t max)
{
	struct buf	 b = BUF_INIT, a = BUF_INIT;
	size_t		 i, locked = 0;

	for (i = 0; i < nitems(fields) && locked < max; i++) {
		/* A summary changes with its parts, which are judged alone. */
		if (fields[i].summary)
			continue;
		(void)website_field_value(before, fields[i].key, &b);
		(void)website_field_value(after, fields[i].key, &a);
		if (strcmp(b.p, a.p) == 0)
			continue;
		if (!review_may_change(items, n, after->id, fields[i].key, NULL))
			keys[locked++] = fields[i].key;
	}
	buf_free(&b);
	buf_free(&a);
	return locked;
}

unsigned
review_stale(const struct website *before, const struct site_in *in,
    const struct site_out *o)
{
	unsigned	 stale = 0;

	if (o->o_id_number != NULL &&
	    strcasecmp(before->owner.id_number, o->o_id_number) != 0 &&
	    ((o->o_name != NULL && strcmp(before->owner.name, o->o_name) !=
	    0) || before->owner.same_as_leader != in->same_as_leader))
		stale |= STALE_OWNER;
	if (strcmp(before->domain, o->domain_u) != 0)
		stale |= STALE_DOMAIN;
	return stale;
}
