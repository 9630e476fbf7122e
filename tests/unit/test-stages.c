/*
 * An order's stages as the applicant follows them (lib/stages.c): which
 * is current in each state, the dates, the due time, and the estimate in
 * business days over the calendar's holidays.
 */
#include "unit.h"

#include "lib/stages.h"

#include "fixture.h"

/* Tuesday 2026-12-01 10:00 China time. */
#define NOW	1796090400
#define DAY	86400

struct	fx {
	struct filing		 f;
	struct bizday_cal	 cal;
	struct stage_event	 ev[8];
	struct stages_in	 in;
	struct stages		 out;
};

static void
fx_init(struct fx *x, enum order_state st, bool sms)
{
	memset(x, 0, sizeof(*x));
	fx_filing(&x->f, true);
	fx_rule(&x->f, RK_SMS_REQUIRED, sms ? 1 : 0, "");
	fx_rule(&x->f, RK_SMS_WINDOW_HOURS, 24, "");
	fx_rule(&x->f, RK_REVIEW_DUE_HOUR, 18, "");
	x->in.state = st;
	x->in.ev = x->ev;
	x->in.rules = &x->f.rules;
	x->in.cal = &x->cal;
	x->in.now = NOW;
}

static void
fx_event(struct fx *x, enum order_ev ev, int64_t at)
{
	x->ev[x->in.nev].ev = ev;
	x->ev[x->in.nev].at = at;
	x->in.nev++;
}

static const struct stage *
stage(const struct fx *x, enum stage_key k)
{
	size_t	 i;

	for (i = 0; i < x->out.n; i++)
		if (x->out.v[i].key == k)
			return &x->out.v[i];
	return NULL;
}

static void
fx_done(struct fx *x)
{
	filing_free(&x->f);
}

/* Every state: the current stage, the ones before done. */
static void
test_current(void **state)
{
	static const struct {
		enum order_state	 st;
		bool			 sms_verified;
		int			 current;	/* SK_*, -1 none */
	} v[] = {
		{ OS_DRAFT, false, SK_SUBMIT },
		{ OS_INITIAL_REVIEW, false, SK_INITIAL },
		{ OS_INITIAL_REJECTED, false, SK_INITIAL },
		{ OS_AWAITING_VERIFICATION, false, SK_VERIFY },
		{ OS_VERIFICATION_REVIEW, false, SK_VERIFY },
		{ OS_VERIFICATION_REJECTED, false, SK_VERIFY },
		{ OS_AWAITING_BUREAU, false, SK_BUREAU_SUBMIT },
		{ OS_AT_BUREAU, false, SK_SMS },
		{ OS_AT_BUREAU, true, SK_BUREAU },
		{ OS_SMS_PENDING, false, SK_SMS },
		{ OS_BUREAU_REJECTED, false, SK_BUREAU },
		{ OS_APPROVED, true, -1 },
		{ OS_ABANDONED, false, -1 },
		{ OS_EXPIRED, false, -1 },
	};
	struct fx	 x;
	size_t		 i, k;
	int		 cur;

	(void)state;
	for (i = 0; i < nitems(v); i++) {
		fx_init(&x, v[i].st, true);
		x.in.sms_verified = v[i].sms_verified;
		stages_of(&x.in, &x.out);
		cur = x.out.current < 0 ? -1 : (int)x.out.v[x.out.current].key;
		check_row(cur == v[i].current, i, order_state_name(v[i].st));
		check_row(x.out.n == SK__MAX, i, "every stage, SMS required");
		for (k = 0; k < x.out.n; k++)
			check_row(x.out.v[k].state == (x.out.closed ? SS_PENDING :
			    v[i].current < 0 || (int)x.out.v[k].key <
			    v[i].current ? SS_DONE : (int)x.out.v[k].key ==
			    v[i].current ? SS_CURRENT : SS_PENDING), i,
			    stage_key_name(x.out.v[k].key));
		check_row(x.out.closed == (v[i].st == OS_ABANDONED ||
		    v[i].st == OS_EXPIRED), i, "closed");
		check_row(x.out.closed == (x.out.eta == 0), i, "no estimate");
		fx_done(&x);
	}
}

/* Where the province requires none, no SMS stage: at_bureau is the review. */
static void
test_no_sms(void **state)
{
	struct fx	 x;

	(void)state;
	fx_init(&x, OS_AT_BUREAU, false);
	x.in.bureau_submitted = NOW - DAY;
	stages_of(&x.in, &x.out);
	assert_int_equal(x.out.n, SK__MAX - 1);
	assert_null(stage(&x, SK_SMS));
	assert_int_equal(x.out.v[x.out.current].key, SK_BUREAU);
	/* Due 20 business days after Monday 11-30: Monday 12-28 18:00. */
	assert_int_equal(stage(&x, SK_BUREAU)->due,
	    1798452000);
	fx_done(&x);
}

/* Dates of what is done come from the events, the last of each. */
static void
test_dates(void **state)
{
	struct fx	 x;

	(void)state;
	fx_init(&x, OS_APPROVED, true);
	fx_event(&x, OE_SUBMIT, NOW - 10 * DAY);
	fx_event(&x, OE_INITIAL_APPROVE, NOW - 9 * DAY);
	fx_event(&x, OE_SUBMIT, NOW - 8 * DAY);		/* a second round */
	fx_event(&x, OE_INITIAL_APPROVE, NOW - 7 * DAY);
	fx_event(&x, OE_VERIFICATION_APPROVE, NOW - 6 * DAY);
	fx_event(&x, OE_TO_BUREAU, NOW - 5 * DAY);
	fx_event(&x, OE_SMS_VERIFIED, NOW - 4 * DAY);
	fx_event(&x, OE_BUREAU_APPROVE, NOW - DAY);
	stages_of(&x.in, &x.out);
	assert_int_equal(stage(&x, SK_SUBMIT)->at, NOW - 8 * DAY);
	assert_int_equal(stage(&x, SK_INITIAL)->at, NOW - 7 * DAY);
	assert_int_equal(stage(&x, SK_SMS)->at, NOW - 4 * DAY);
	assert_int_equal(stage(&x, SK_APPROVED)->at, NOW - DAY);
	/* Done: the estimate is the day it was. */
	assert_int_equal(x.out.eta, 20261130);
	assert_int_equal(x.out.current, -1);
	fx_done(&x);
}

/*
 * The estimate: from the current stage's due time where the provider or
 * the bureau holds the clock, plus each stage still to come; holidays
 * push it on.
 */
static void
test_estimate(void **state)
{
	struct fx	 x;

	(void)state;
	/* In the initial review, due Wednesday 12-02 18:00: then photo 1,
	 * submit 1, SMS 1, bureau 20 business days: 23 after 12-02. */
	fx_init(&x, OS_INITIAL_REVIEW, true);
	x.in.review_due = NOW + DAY + 8 * 3600;
	stages_of(&x.in, &x.out);
	assert_int_equal(stage(&x, SK_INITIAL)->due, NOW + DAY + 8 * 3600);
	assert_int_equal(x.out.eta, 20270104);
	fx_done(&x);
	/* The same with New Year's Day and 12-31 off. */
	fx_init(&x, OS_INITIAL_REVIEW, true);
	x.in.review_due = NOW + DAY + 8 * 3600;
	assert_true(bizday_add_listed(&x.cal, 20261231, false));
	assert_true(bizday_add_listed(&x.cal, 20270101, false));
	stages_of(&x.in, &x.out);
	assert_int_equal(x.out.eta, 20270106);
	fx_done(&x);
	/* A draft: its lifetime is the applicant's, not a start date. */
	fx_init(&x, OS_DRAFT, true);
	x.in.expires = NOW + 40 * DAY;
	stages_of(&x.in, &x.out);
	assert_int_equal(stage(&x, SK_SUBMIT)->due, NOW + 40 * DAY);
	/* 1 + 1 + 1 + 1 + 20 business days from Tuesday 12-01. */
	assert_int_equal(x.out.eta, 20270104);
	fx_done(&x);
	/* The SMS window: the owner may answer any time before it ends. */
	fx_init(&x, OS_SMS_PENDING, true);
	x.in.sms_deadline = NOW + DAY;
	stages_of(&x.in, &x.out);
	assert_int_equal(stage(&x, SK_SMS)->due, NOW + DAY);
	assert_int_equal(x.out.eta, 20261230);
	fx_done(&x);
	/* The bureau rejected: every review again. */
	fx_init(&x, OS_BUREAU_REJECTED, true);
	stages_of(&x.in, &x.out);
	assert_int_equal(x.out.eta, 20270104);
	fx_done(&x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_current),
		cmocka_unit_test(test_no_sms),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_estimate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
