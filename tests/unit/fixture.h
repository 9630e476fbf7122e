/*
 * A typed order made in the test, for the rules engine: no database.  The
 * reference lists are a few rows of each table as sql/ has them; the
 * rules are the registry's defaults until a test sets one.
 */
#ifndef BEIAN_FIXTURE_H
#define BEIAN_FIXTURE_H

#include "lib/checklist.h"
#include "lib/checks.h"
#include "lib/filing.h"

#define FX_TODAY	20261207

static inline char *
fx_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/*
 * An 18-digit ID card number (GB 11643) of region ("330106") and birth
 * ("19900101"), with its check digit; into out[19].
 */
static inline const char *
fx_id(char out[19], const char *region, const char *birth, const char *seq)
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7,
	    9, 10, 5, 8, 4, 2 };
	static const char	 check[] = "10X98765432";
	int			 sum = 0, i;

	(void)snprintf(out, 19, "%.6s%.8s%.3s", region, birth, seq);
	for (i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = check[sum % 11];
	out[18] = '\0';
	return out;
}

/* A rule in force: value and message, as a province's row sets it. */
static inline void
fx_rule(struct filing *f, enum rule_key k, int64_t value, const char *msg)
{
	free(f->rules.v[k].message);
	f->rules.v[k].value = value;
	f->rules.v[k].message = xstrdup(msg != NULL ? msg : "");
	(void)snprintf(f->rules.v[k].province, sizeof(f->rules.v[k].province),
	    "%s", "330000");
}

static inline void
fx_code(struct code_name **v, size_t *n, int64_t code, const char *name,
    bool personal)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].code = code;
	(*v)[*n].name = xstrdup(name);
	(*v)[*n].personal = personal;
	(*n)++;
}

static inline void
fx_name_rule(struct refs *r, const char *kind, const char *word,
    const char *applies, const char *province, int64_t pre, bool warning,
    const char *msg)
{
	struct name_rule	*n;

	r->names = xreallocarray(r->names, r->nnames + 1, sizeof(*r->names));
	n = &r->names[r->nnames++];
	n->kind = xstrdup(kind);
	n->word = xstrdup(word);
	n->applies_to = xstrdup(applies);
	n->province = fx_dup(province);
	n->preapproval = pre;
	n->warning = warning;
	n->message = xstrdup(msg);
}

static inline void
fx_kind(struct refs *r, const char *kind, const char *name)
{
	struct upload_kind	*k;

	r->kinds = xreallocarray(r->kinds, r->nkinds + 1, sizeof(*r->kinds));
	k = &r->kinds[r->nkinds++];
	memset(k, 0, sizeof(*k));
	k->kind = xstrdup(kind);
	k->name = xstrdup(name);
	k->per_website = true;
}

static inline void
fx_need(struct refs *r, int64_t content, int64_t pre, bool warning,
    const char *msg, const char *pre_name)
{
	struct content_need	*n;

	r->needs = xreallocarray(r->needs, r->nneeds + 1, sizeof(*r->needs));
	n = &r->needs[r->nneeds++];
	n->content = content;
	n->preapproval = pre;
	n->warning = warning;
	n->message = xstrdup(msg);
	n->preapproval_name = xstrdup(pre_name);
}

static inline void
fx_reason(struct refs *r, const char *code, const char *title,
    const char *fix)
{
	struct reason	*x;

	r->reasons = xreallocarray(r->reasons, r->nreasons + 1,
	    sizeof(*r->reasons));
	x = &r->reasons[r->nreasons++];
	x->code = xstrdup(code);
	x->title = xstrdup(title);
	x->fix = xstrdup(fix);
}

/* The registry's defaults (sql/010-rule-registry.sql). */
static inline void
fx_defaults(struct filing *f)
{
	static const struct {
		enum rule_key	 k;
		int64_t		 v;
	} d[] = {
		{ RK_MAX_WEBSITES_PER_ORDER, 10 },
		{ RK_OWNER_MIN_AGE, 18 },
		{ RK_EMERGENCY_DIFFERS, 1 },
		{ RK_RESIDENCE_PERMIT_ACCEPTED, 1 },
		{ RK_BUREAU_REVIEW_BUSINESS_DAYS, 20 },
		{ RK_UPLOAD_FLAG_BLOCKS_SUBMIT, 1 },
		{ RK_INITIAL_REVIEW_SLA_BUSINESS_DAYS, 1 },
		{ RK_PHOTO_REVIEW_SLA_BUSINESS_DAYS, 1 },
		{ RK_BUREAU_SUBMIT_SLA_BUSINESS_DAYS, 1 },
	};
	size_t	 i;

	for (i = 0; i < nitems(d); i++) {
		f->rules.v[d[i].k].value = d[i].v;
		f->rules.v[d[i].k].message = xstrdup("");
	}
}

static inline void
fx_refs(struct refs *r)
{
	static const char *const suffixes[] = { "cn", "com.cn", "com", "net",
	    "org" };
	size_t	 i;

	fx_code(&r->content, &r->ncontent, 16, "网络新闻", false);
	fx_code(&r->content, &r->ncontent, 32, "博客/个人空间", false);
	fx_code(&r->content, &r->ncontent, 64, "网络广告/信息", false);
	fx_code(&r->content, &r->ncontent, 128, "单位门户网站", false);
	fx_code(&r->content, &r->ncontent, 1048576, "网络教育", false);
	fx_code(&r->langs, &r->nlangs, 1, "中文简体", false);
	fx_code(&r->langs, &r->nlangs, 12, "英语", false);
	fx_code(&r->preapp, &r->npreapp, 1, "新闻", false);
	fx_code(&r->preapp, &r->npreapp, 4, "教育", false);
	fx_code(&r->certs, &r->ncerts, 1, "营业执照（个人或企业）", false);
	fx_code(&r->certs, &r->ncerts, 2, "居民身份证", true);
	fx_code(&r->certs, &r->ncerts, 7, "护照", true);
	fx_code(&r->certs, &r->ncerts, 13, "统一社会信用代码证书", false);
	for (i = 0; i < nitems(suffixes); i++) {
		r->suffixes = xreallocarray(r->suffixes, r->nsuffixes + 1,
		    sizeof(*r->suffixes));
		r->suffixes[r->nsuffixes++] = xstrdup(suffixes[i]);
	}
	fx_name_rule(r, "forbidden_prefix", "中国", "non_state", NULL, 0,
	    false, "prefix");
	fx_name_rule(r, "sensitive", "赌博", "all", NULL, 0, false,
	    "sensitive");
	fx_name_rule(r, "personal_forbidden", "论坛", "personal", NULL, 0,
	    false, "personal");
	fx_name_rule(r, "personal_forbidden", "官网", "personal", NULL, 0,
	    true, "warn");
	fx_name_rule(r, "needs_preapproval", "新闻", "all", NULL, 1, false,
	    "news");
	fx_name_rule(r, "province_pattern", "^.+的个人(博客|主页)$", "personal",
	    "320000", 0, false, "jiangsu");
	fx_name_rule(r, "sensitive", "公司", "organisation", NULL, 0, true,
	    "org-warn");
	fx_kind(r, "owner_id_front", "网站负责人证件（正面）");
	fx_kind(r, "owner_id_back", "网站负责人证件（反面）");
	fx_kind(r, "verification_form", "网站备案信息真实性核验单");
	fx_kind(r, "domain_certificate", "域名证书");
	fx_kind(r, "commitment_letter", "承诺书");
	fx_kind(r, "authorization_letter", "授权书");
	fx_kind(r, "preapproval_document", "前置审批文件");
	fx_kind(r, "residence_permit", "居住证");
	fx_kind(r, "other", "其他材料");
	fx_need(r, 16, 1, false, "“网络新闻”需要新闻类前置审批", "新闻");
	fx_need(r, 1048576, 4, true, "“网络教育”部分管局仍要求教育类前置审批",
	    "教育");
	fx_reason(r, "R1", "域名所有人不正确", "fix-R1");
	fx_reason(r, "R3", "跨省备案", "fix-R3");
	fx_reason(r, "R5", "证件或材料不合格", "fix-R5");
	fx_reason(r, "R7", "电话号码问题", "fix-R7");
}

/*
 * A personal subject of 浙江 (or an organisation, with a legal
 * representative who is not the leader), dated FX_TODAY, no websites.
 */
static inline void
fx_filing(struct filing *f, bool personal)
{
	char	 id[19];

	memset(f, 0, sizeof(*f));
	f->oid = 7;
	f->today = FX_TODAY;
	f->subject_confirmed = true;
	f->s.id = 3;
	f->s.personal = personal;
	f->s.name = xstrdup(personal ? "王五" : "杭州示例科技有限公司");
	f->s.province = xstrdup("330000");
	f->s.cert_type = personal ? 2 : 13;
	f->s.cert_number = xstrdup(personal ?
	    fx_id(id, "330106", "19900101", "123") : "91330106MA2XXXXX0X");
	f->s.leader_name = xstrdup("王五");
	f->s.leader_id_type = 2;
	f->s.leader_id = xstrdup(fx_id(id, "330106", "19900101", "123"));
	f->s.leader_mobile = xstrdup("13800000001");
	f->s.leader_email = xstrdup("wangwu@example.com");
	f->s.legal_rep = xstrdup(personal ? "" : "赵六");
	fx_defaults(f);
	fx_refs(&f->refs);
}

/* A website as stored, owned by the subject's leader. */
static inline struct website *
fx_website(struct filing *f, int64_t id, const char *domain)
{
	struct website	*w;
	char		 num[32], home[300];

	f->w = xreallocarray(f->w, f->nw + 1, sizeof(*f->w));
	f->facts = xreallocarray(f->facts, f->nw + 1, sizeof(*f->facts));
	memset(&f->facts[f->nw], 0, sizeof(*f->facts));
	f->facts[f->nw].fact.realname = -1;
	f->facts[f->nw].sin_id = 100 + id;
	w = &f->w[f->nw++];
	memset(w, 0, sizeof(*w));
	(void)snprintf(num, sizeof(num), "7K3M-9QXD-2F8H-VW%02lld",
	    (long long)id);
	(void)snprintf(home, sizeof(home), "www.%s", domain);
	w->id = id;
	w->name = xstrdup("王五的摄影日记");
	w->domain = xstrdup(domain);
	w->domain_ascii = xstrdup(domain);
	w->homepage = xstrdup(home);
	w->remark = xstrdup("");
	w->service_number = xstrdup(num);
	w->content_bits = 32;
	w->languages = xstrdup("1");
	w->owner.same_as_leader = true;
	w->owner.name = xstrdup(f->s.leader_name);
	w->owner.id_type = 2;
	w->owner.id_number = xstrdup(f->s.leader_id);
	w->owner.mobile = xstrdup(f->s.leader_mobile);
	w->owner.emergency = xstrdup("0571-88888888");
	w->owner.email = xstrdup(f->s.leader_email);
	f->sins = xreallocarray(f->sins, f->nsins + 1, sizeof(*f->sins));
	f->sins[f->nsins++] = xstrdup(num);
	return w;
}

/* A pre-approval the website declares. */
static inline void
fx_pre(struct website *w, int64_t type, const char *number)
{
	w->pre = xreallocarray(w->pre, w->npre + 1, sizeof(*w->pre));
	w->pre[w->npre].type = type;
	w->pre[w->npre].number = xstrdup(number);
	w->npre++;
}

/* Another person as the website's owner. */
static inline void
fx_owner(struct website *w, const char *name, const char *id,
    const char *mobile, const char *email)
{
	free(w->owner.name);
	free(w->owner.id_number);
	free(w->owner.mobile);
	free(w->owner.email);
	w->owner.same_as_leader = false;
	w->owner.name = xstrdup(name);
	w->owner.id_number = xstrdup(id);
	w->owner.mobile = xstrdup(mobile);
	w->owner.email = xstrdup(email);
}

static inline struct upload *
fx_upload(struct filing *f, int64_t id, int64_t wid, const char *kind,
    const char *warning)
{
	struct upload	*u;

	f->u = xreallocarray(f->u, f->nu + 1, sizeof(*f->u));
	u = &f->u[f->nu++];
	memset(u, 0, sizeof(*u));
	u->id = id;
	u->website_id = wid;
	u->kind = xstrdup(kind);
	u->kind_name = xstrdup(refs_kind(&f->refs, kind) != NULL ?
	    refs_kind(&f->refs, kind)->name : kind);
	u->first_warning = fx_dup(warning);
	return u;
}

/* Every upload the checklist asks for, so that only the test's gap shows. */
static inline void
fx_upload_all(struct filing *f)
{
	struct checklist	 cl;
	size_t			 i;
	int64_t			 id = 500;

	if (checklist_build(f, &cl) != APP_OK)
		abort();
	for (i = 0; i < cl.n; i++)
		if (cl.v[i].present == NULL)
			fx_upload(f, id++, cl.v[i].website_id,
			    cl.v[i].kind->kind, NULL);
	checklist_free(&cl);
}

static inline struct review_item *
fx_item(struct filing *f, const char *reason, const char *field,
    int64_t upload, int64_t wid, const char *kind, const char *was)
{
	struct review_item	*it;

	f->items = xreallocarray(f->items, f->nitems + 1, sizeof(*f->items));
	it = &f->items[f->nitems++];
	memset(it, 0, sizeof(*it));
	it->id = 900 + (int64_t)f->nitems;
	it->reason = xstrdup(reason);
	it->title = xstrdup("标题");
	it->fix = xstrdup("修改方法");
	it->field = fx_dup(field);
	it->upload_id = upload;
	it->website_id = wid;
	it->kind = fx_dup(kind);
	it->was = xstrdup(was != NULL ? was : "");
	it->note = xstrdup("");
	return it;
}

/* The finding of rule for a target field of website wid (NULL: any). */
static inline const struct finding *
fx_find(const struct findings *fs, const char *rule, const char *field)
{
	size_t	 i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].rule, rule) == 0 && (field == NULL ||
		    (fs->v[i].target.kind == TARGET_FIELD &&
		    strcmp(fs->v[i].target.field, field) == 0)))
			return &fs->v[i];
	return NULL;
}

#endif
