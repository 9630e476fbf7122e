/*
 * An order's stages (see stages.h).
 */
#include <string.h>

#include "stages.h"

static const struct {
	const char	*name;
	const char	*label;
	enum order_ev	 done_by;	/* the event that ends it */
} keys[SK__MAX] = {
	/* SK_SUBMIT */		{ "submitted", "提交订单", OE_SUBMIT },
	/* SK_INITIAL */	{ "initial_review", "服务商初审", OE_INITIAL_APPROVE },
	/* SK_VERIFY */		{ "verification", "拍照核验", OE_VERIFICATION_APPROVE },
	/* SK_BUREAU_SUBMIT */	{ "bureau_submission", "提交管局", OE_TO_BUREAU },
	/* SK_SMS */		{ "sms", "工信部短信核验", OE_SMS_VERIFIED },
	/* SK_BUREAU */		{ "bureau_review", "管局审核", OE_BUREAU_APPROVE },
	/* SK_APPROVED */	{ "approved", "备案成功", OE_BUREAU_APPROVE },
};

const char *
stage_key_name(enum stage_key k)
{
	return k < SK__MAX ? keys[k].name : "unknown";
}

const char *
stage_label(enum stage_key k)
{
	return k < SK__MAX ? keys[k].label : "";
}

const char *
stage_state_name(enum stage_state s)
{
	switch (s) {
	case SS_DONE:
		return "done";
	case SS_CURRENT:
		return "current";
	default:
		return "pending";
	}
}

/* When ev last happened, or 0. */
static int64_t
last(const struct stages_in *in, enum order_ev ev)
{
	size_t	 i;
	int64_t	 at = 0;

	for (i = 0; i < in->nev; i++)
		if (in->ev[i].ev == ev)
			at = in->ev[i].at;
	return at;
}

/* The stage the order waits in; SK__MAX once approved or closed. */
static enum stage_key
current_of(const struct stages_in *in)
{
	switch (in->state) {
	case OS_DRAFT:
		return SK_SUBMIT;
	case OS_INITIAL_REVIEW:
	case OS_INITIAL_REJECTED:
		return SK_INITIAL;
	case OS_AWAITING_VERIFICATION:
	case OS_VERIFICATION_REVIEW:
	case OS_VERIFICATION_REJECTED:
		return SK_VERIFY;
	case OS_AWAITING_BUREAU:
		return SK_BUREAU_SUBMIT;
	case OS_SMS_PENDING:
		return SK_SMS;
	case OS_AT_BUREAU:
		/* The bureau texts the owner first where SMS is required. */
		return rule_value(in->rules, RK_SMS_REQUIRED) != 0 &&
		    !in->sms_verified ? SK_SMS : SK_BUREAU;
	case OS_BUREAU_REJECTED:
		return SK_BUREAU;
	default:
		return SK__MAX;
	}
}

/* A stage's time limit in business days, for the estimate. */
static int64_t
sla(const struct stages_in *in, enum stage_key k)
{
	switch (k) {
	case SK_INITIAL:
		return rule_value(in->rules, RK_INITIAL_REVIEW_SLA_BUSINESS_DAYS);
	case SK_VERIFY:
		return rule_value(in->rules, RK_PHOTO_REVIEW_SLA_BUSINESS_DAYS);
	case SK_BUREAU_SUBMIT:
		return rule_value(in->rules, RK_BUREAU_SUBMIT_SLA_BUSINESS_DAYS);
	case SK_SMS:
		return (rule_value(in->rules, RK_SMS_WINDOW_HOURS) + 23) / 24;
	case SK_BUREAU:
		return rule_value(in->rules, RK_BUREAU_REVIEW_BUSINESS_DAYS);
	default:
		return 0;
	}
}

static int64_t
due_of(const struct stages_in *in, enum stage_key k)
{
	switch (k) {
	case SK_SUBMIT:
		return in->expires;
	case SK_INITIAL:
		return in->state == OS_INITIAL_REVIEW ? in->review_due : 0;
	case SK_VERIFY:
		return in->state == OS_VERIFICATION_REVIEW ? in->photo_due : 0;
	case SK_BUREAU_SUBMIT:
		return in->submit_due;
	case SK_SMS:
		return in->state == OS_SMS_PENDING ? in->sms_deadline : 0;
	case SK_BUREAU:
		if (in->state != OS_AT_BUREAU || in->bureau_submitted == 0)
			return 0;
		return bizday_due(in->cal, in->bureau_submitted,
		    (int)sla(in, SK_BUREAU), (int)rule_value(in->rules,
		    RK_REVIEW_DUE_HOUR));
	default:
		return 0;
	}
}

void
stages_of(const struct stages_in *in, struct stages *out)
{
	enum stage_key	 cur = current_of(in), k;
	struct stage	*s;
	int64_t		 days = 0, base = in->now;
	bool		 sms = rule_value(in->rules, RK_SMS_REQUIRED) != 0 ||
	    in->sms_sent || last(in, OE_SMS_VERIFIED) != 0;

	memset(out, 0, sizeof(*out));
	out->current = -1;
	out->closed = in->state == OS_ABANDONED || in->state == OS_EXPIRED;
	for (k = 0; k < SK__MAX; k++) {
		/* No SMS where the province requires none. */
		if (k == SK_SMS && !sms)
			continue;
		s = &out->v[out->n];
		s->key = k;
		if (out->closed)
			s->state = SS_PENDING;
		else if (cur == SK__MAX || k < cur)
			s->state = SS_DONE;
		else if (k == cur)
			s->state = SS_CURRENT;
		else
			s->state = SS_PENDING;
		if (s->state == SS_DONE)
			s->at = last(in, keys[k].done_by);
		if (s->state == SS_CURRENT) {
			out->current = (int)out->n;
			s->due = due_of(in, k);
			/*
			 * The provider's and the bureau's clocks set the
			 * start; the applicant's (a draft's lifetime, the
			 * SMS window) may end any time before.
			 */
			if (s->due > in->now && k != SK_SUBMIT && k != SK_SMS)
				base = s->due;
			else
				days += sla(in, k);
		}
		if (s->state == SS_PENDING && !out->closed)
			days += sla(in, k);
		out->n++;
	}
	if (out->closed)
		return;
	if (cur == SK__MAX) {
		out->eta = bizday_china_date(last(in, OE_BUREAU_APPROVE));
		return;
	}
	/* A bureau rejection goes back through every review. */
	if (in->state == OS_BUREAU_REJECTED)
		for (days = 0, k = SK_INITIAL; k < SK__MAX; k++)
			days += k != SK_SMS || sms ? sla(in, k) : 0;
	out->eta = days > 0 ? bizday_after(in->cal, bizday_china_date(base),
	    (int)days) : bizday_china_date(base);
}
