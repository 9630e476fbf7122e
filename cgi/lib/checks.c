/*
 * The pre-submit checks (see checks.h): what the website step checks,
 * again on what is stored, and what only the whole order reveals.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks.h"
#include "log.h"
#include "valid.h"

/* Site rules the submit step asks more strictly itself. */
static const char *const own_rules[] = {
	"leader_legal_rep", "owner_auth_letter", "commitment_letter",
	"domain_certificate",
};

struct	run {
	const struct filing	*f;
	const struct checklist	*cl;
	struct findings		*out;
};

/* A finding with the page that fixes it. */
static void __attribute__((format(printf, 8, 9)))
add(struct run *k, const char *rule, const char *reason, enum severity sev,
    struct target t, const char *fix, const char *href, const char *fmt, ...)
{
	struct finding	*e;
	va_list		 ap;

	va_start(ap, fmt);
	e = finding_vadd(k->out, rule, reason, sev, t, fix, fmt, ap);
	va_end(ap);
	if (e != NULL && href != NULL)
		e->href = xstrdup(href);
}

/* The page of a step: "/order/website.html?id=12". */
static const char *
page(const struct run *k, const char *step, char *buf, size_t sz)
{
	(void)snprintf(buf, sz, "/order/%s.html?id=%lld", step,
	    (long long)k->f->oid);
	return buf;
}

static bool
own_rule(const char *rule)
{
	size_t	 i;

	for (i = 0; i < nitems(own_rules); i++)
		if (strcmp(own_rules[i], rule) == 0)
			return true;
	return false;
}

/* R1: the registrar's holder against the subject; no data, a warning. */
static void
check_holder(struct run *k, int64_t wid, const struct site_out *o,
    const struct domain_fact *d)
{
	const struct subject	*s = &k->f->s;
	const char		*want, *want_cert;
	char			 h[96];

	if (o->domain_vr != VR_OK)
		return;
	page(k, "website", h, sizeof(h));
	if (!d->found || d->holder == NULL || *d->holder == '\0' ||
	    d->realname < 0) {
		add(k, "domain_unverified", "R1", SEV_WARNING,
		    target_field(wid, "domain"), "请登录域名注册商核对："
		    "域名持有者须与主体名称一致，且已完成实名认证。", h,
		    "未能核对域名 %s 的持有者和实名认证状态：没有注册商的数据。"
		    "域名持有者与主体名称不一致、或未实名认证，是最常见的驳回原因。",
		    o->domain_u);
		return;
	}
	want = s->personal ? s->leader_name : s->name;
	want_cert = s->personal ? s->leader_id : s->cert_number;
	if (strcmp(d->holder, want) != 0)
		add(k, "domain_holder", "R1", SEV_ERROR,
		    target_field(wid, "domain"), NULL, h,
		    "域名 %s 的持有者是“%s”，与主体“%s”不一致", o->domain_u,
		    d->holder, want);
	else if (d->holder_cert != NULL && *d->holder_cert != '\0' &&
	    strcasecmp(d->holder_cert, want_cert) != 0)
		add(k, "domain_holder", "R1", SEV_ERROR,
		    target_field(wid, "domain"), NULL, h,
		    "域名 %s 持有者的证件号码与主体证件号码不一致", o->domain_u);
}

/* R4: content that needs a pre-approval the website does not declare. */
static void
check_content(struct run *k, int64_t wid, const struct site_out *o)
{
	const struct content_need	*n;
	bool				 personal = k->f->s.personal;
	char				 h[96], fix[300];
	size_t				 i;

	page(k, "website", h, sizeof(h));
	for (i = 0; i < k->f->refs.nneeds; i++) {
		n = &k->f->refs.needs[i];
		if ((o->content_bits & n->content) == 0 ||
		    (o->preapp_bits & n->preapproval) != 0)
			continue;
		if (!personal)
			(void)snprintf(fix, sizeof(fix), "请取得“%s”类前置审批后"
			    "在网站信息中填写审批号并上传审批文件，或取消这项网站服务"
			    "内容。", n->preapproval_name);
		add(k, "content_preapproval", "R4", personal || !n->warning ?
		    SEV_ERROR : SEV_WARNING, target_field(wid, "content_types"),
		    personal ? "请取消这项网站服务内容，或改以单位主体备案。" :
		    fix, h, "%s%s", n->message, personal ? "；个人主体不能办理"
		    "前置审批，个人网站不能包含这类内容" : "");
	}
}

/* R12: the same ID number in another unfinished order. */
static void
check_id_elsewhere(struct run *k, int64_t wid, int64_t other)
{
	char	 h[96];

	if (other == 0)
		return;
	add(k, "id_in_other_order", "R12", SEV_ERROR, wid != 0 ?
	    target_field(wid, "owner.id_number") : target_step("subject"),
	    NULL, page(k, wid != 0 ? "website" : "subject", h, sizeof(h)),
	    "%s的证件号码已在另一个未完成的备案订单中使用",
	    wid != 0 ? "网站负责人" : "主体负责人");
}

/* The site rules on a stored website, less those asked again here. */
static enum app_err
check_site(struct run *k, const struct website *w,
    const struct site_facts *facts, struct site_out *o)
{
	struct findings	 site;
	struct site_in	 in;
	struct finding	*e;
	char		 h[96];
	size_t		 i;
	enum app_err	 er;

	memset(&site, 0, sizeof(site));
	site.limit = k->out->limit;
	site_in_of(&in, w);
	site_keys(k->f, &in, o);
	er = site_rules(k->f, w->id, &in, o, facts, &site);
	site_in_free(&in);
	page(k, "website", h, sizeof(h));
	for (i = 0; er == APP_OK && i < site.n; i++) {
		e = &site.v[i];
		if (own_rule(e->rule))
			continue;
		add(k, e->rule, e->reason, e->severity, e->target, NULL, h,
		    "%s", e->message);
	}
	findings_free(&site);
	return er;
}

static enum app_err
check_websites(struct run *k)
{
	const struct filing	*f = k->f;
	const struct website	*w;
	struct site_out		 o;
	char			 h[96];
	size_t			 i, j;
	enum app_err		 er;

	page(k, "website", h, sizeof(h));
	if (f->nw == 0)
		add(k, "websites_present", NULL, SEV_ERROR,
		    target_step("websites"), "请在“填写网站信息”中添加要备案的"
		    "网站。", h, "订单中还没有网站信息");
	for (i = 0; i < f->nw; i++) {
		w = &f->w[i];
		memset(&o, 0, sizeof(o));
		if ((er = check_site(k, w, &f->facts[i], &o)) != APP_OK) {
			site_out_free(&o);
			return er;
		}
		/* The number must still be this order's, verified. */
		for (j = 0; j < f->nsins; j++)
			if (strcmp(f->sins[j], w->service_number) == 0)
				break;
		if (j == f->nsins)
			add(k, "service_number_verified", NULL, SEV_ERROR,
			    target_field(w->id, "service_number"),
			    "请在“产品验证”中重新验证备案服务号。", h,
			    "备案服务号 %s 不再属于本订单", w->service_number);
		check_content(k, w->id, &o);
		check_holder(k, w->id, &o, &f->facts[i].fact);
		check_id_elsewhere(k, w->id, f->facts[i].id_elsewhere);
		site_out_free(&o);
	}
	check_id_elsewhere(k, 0, f->leader_elsewhere);
	return APP_OK;
}

/* Materials: missing, flagged by the quality gate, R6 letters. */
static void
check_uploads(struct run *k)
{
	const struct filing	*f = k->f;
	const struct subject	*s = &f->s;
	const struct cl_item	*it;
	const struct upload	*u;
	size_t			 i;
	bool			 blocks, letter = false;
	char			 h[96];

	page(k, "upload", h, sizeof(h));
	for (i = 0; i < k->cl->n; i++) {
		it = &k->cl->v[i];
		if (it->present != NULL)
			continue;
		add(k, "upload_missing", strcmp(it->kind->kind,
		    "authorization_letter") == 0 ? "R6" : "R5", SEV_ERROR,
		    target_slot(it->kind->kind, it->website_id),
		    "请在“上传资料”中上传。", h, "还没有上传%s%s%s：%s",
		    it->website_name != NULL ? it->website_name : "",
		    it->website_name != NULL ? "的" : "", it->kind->name,
		    it->why);
	}
	blocks = rule_value(&f->rules, RK_UPLOAD_FLAG_BLOCKS_SUBMIT) != 0;
	for (i = 0; i < f->nu; i++) {
		u = &f->u[i];
		if (strcmp(u->kind, "authorization_letter") == 0)
			letter = true;
		if (u->first_warning == NULL)
			continue;
		add(k, "upload_quality", "R5", blocks ? SEV_ERROR :
		    SEV_WARNING, target_upload(u->id), NULL, h, "%s：%s",
		    u->kind_name, u->first_warning);
	}
	/* R6: the leader must be the legal representative, or a letter. */
	if (!s->personal && *s->legal_rep != '\0' &&
	    strcmp(s->leader_name, s->legal_rep) != 0 &&
	    rule_value(&f->rules, RK_LEADER_MUST_BE_LEGAL_REP) != 0 && !letter)
		add(k, "leader_legal_rep", "R6", SEV_ERROR,
		    target_slot("authorization_letter", 0), NULL, h,
		    "%s（主体负责人 %s，法定代表人 %s）", rule_message(&f->rules,
		    RK_LEADER_MUST_BE_LEGAL_REP), s->leader_name, s->legal_rep);
}

/* R3: a certificate from another province than the filing's. */
static void
check_province(struct run *k)
{
	const struct filing	*f = k->f;
	const struct subject	*s = &f->s;
	char			 p[3], h[96];
	size_t			 i;
	bool			 permit = false, accepted;

	if (!valid_cert_province(s->personal ? s->leader_id_type :
	    s->cert_type, s->personal ? s->leader_id : s->cert_number, p) ||
	    strncmp(p, s->province, 2) == 0)
		return;
	for (i = 0; i < f->nu; i++)
		if (strcmp(f->u[i].kind, "residence_permit") == 0)
			permit = true;
	accepted = s->personal &&
	    rule_value(&f->rules, RK_RESIDENCE_PERMIT_ACCEPTED) != 0;
	if (accepted && permit)
		return;
	if (accepted)
		/* Straight to the slot the checklist opened for it. */
		(void)snprintf(h, sizeof(h), "/order/upload.html?id=%lld"
		    "#slot-residence_permit-0", (long long)f->oid);
	else
		page(k, "subject", h, sizeof(h));
	add(k, "cert_province", "R3", SEV_ERROR, target_step("subject"),
	    accepted ? "请上传在备案省份办理的有效居住证。" : s->personal ?
	    rule_message(&f->rules, RK_RESIDENCE_PERMIT_ACCEPTED) :
	    "单位须在证件签发地所在省份备案：请放弃本订单，在正确的省份重新备案。",
	    h, "%s不是备案省份签发的（证件号码的地区码 %s 开头，备案省份是 %s）",
	    s->personal ? "主体负责人的身份证" : "主体证件", p, s->province);
}

/* "websites.12.owner.mobile" -> 12 and "owner.mobile"; false if not. */
static bool
field_split(const char *field, int64_t *wid, const char **key)
{
	const char	*dot;
	char		 num[24];
	size_t		 n;

	if (strncmp(field, "websites.", 9) != 0 ||
	    (dot = strchr(field + 9, '.')) == NULL ||
	    (n = (size_t)(dot - (field + 9))) == 0 || n >= sizeof(num))
		return false;
	memcpy(num, field + 9, n);
	num[n] = '\0';
	*key = dot + 1;
	return str_to_i64(num, 1, INT64_MAX, wid);
}

/* After a rejection: every rejected item must have changed. */
static void
check_rejected(struct run *k)
{
	const struct filing		*f = k->f;
	const struct review_item	*e;
	const struct website		*w;
	struct buf			 now = BUF_INIT;
	struct target			 t;
	const char			*key;
	int64_t				 wid;
	size_t				 i, j;
	bool				 same;
	char				 h[160];

	for (i = 0; i < f->nitems; i++) {
		e = &f->items[i];
		if (e->field != NULL) {
			if (!field_split(e->field, &wid, &key))
				continue;
			w = filing_website(f, wid);
			same = w != NULL && website_field_value(w, key, &now) &&
			    strcmp(now.p, e->was) == 0;
			t = target_field(wid, key);
			/* Its own form, on the submit page. */
			(void)snprintf(h, sizeof(h), "/order/submit.html?id=%lld"
			    "#item-%lld", (long long)f->oid, (long long)e->id);
		} else {
			/* A replaced upload is a new row; the old id is gone. */
			same = false;
			for (j = 0; j < f->nu; j++)
				if (f->u[j].id == e->upload_id)
					same = true;
			t = target_upload(e->upload_id);
			/* Straight to the slot that takes the new file. */
			(void)snprintf(h, sizeof(h), "/order/upload.html?id=%lld"
			    "#slot-%s-%lld", (long long)f->oid, e->kind != NULL ?
			    e->kind : "", (long long)e->website_id);
		}
		if (!same)
			continue;
		add(k, "rejected_unchanged", e->reason, SEV_ERROR, t, e->fix,
		    h, "初审驳回的项目还没有修改：%s%s%s", e->title,
		    *e->note != '\0' ? "——" : "", e->note);
	}
	buf_free(&now);
}

enum app_err
checks_build(const struct filing *f, const struct checklist *cl,
    struct findings *out)
{
	struct run	 k = { f, cl, out };
	char		 h[96];
	enum app_err	 er;

	if (!f->subject_confirmed)
		add(&k, "subject_confirmed", NULL, SEV_ERROR,
		    target_step("subject"), "请在“确认主体信息”中核对并确认。",
		    page(&k, "subject", h, sizeof(h)), "还没有确认主体信息");
	if ((er = check_websites(&k)) != APP_OK)
		return er;
	check_uploads(&k);
	check_province(&k);
	check_rejected(&k);
	if (out->failed) {
		applog(LOG_ERR, "checks: a finding could not be recorded");
		return APP_EINTERNAL;
	}
	return APP_OK;
}
