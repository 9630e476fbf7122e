/* The order state table: every state, every event, every move. */
#include "unit.h"

#include "lib/order.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* The DESIGN.md state diagram, written out move by move. */
static const struct {
	enum order_state	 from;
	enum order_ev		 ev;
	enum order_state	 to;
} allowed[] = {
	{ OS_DRAFT, OE_CONFIRM_SUBJECT, OS_DRAFT },
	{ OS_DRAFT, OE_VERIFY_PRODUCT, OS_DRAFT },
	{ OS_DRAFT, OE_RELEASE_PRODUCT, OS_DRAFT },
	{ OS_DRAFT, OE_EDIT, OS_DRAFT },
	{ OS_INITIAL_REJECTED, OE_EDIT, OS_INITIAL_REJECTED },
	{ OS_VERIFICATION_REJECTED, OE_EDIT, OS_VERIFICATION_REJECTED },
	{ OS_DRAFT, OE_SUBMIT, OS_INITIAL_REVIEW },
	{ OS_INITIAL_REJECTED, OE_SUBMIT, OS_INITIAL_REVIEW },
	{ OS_BUREAU_REJECTED, OE_SUBMIT, OS_INITIAL_REVIEW },
	{ OS_BUREAU_REJECTED, OE_EDIT, OS_BUREAU_REJECTED },
	{ OS_AWAITING_BUREAU, OE_INITIAL_REJECT, OS_INITIAL_REJECTED },
	{ OS_SMS_PENDING, OE_SMS_VERIFIED, OS_AT_BUREAU },
	{ OS_SMS_PENDING, OE_SMS_FAILED, OS_AWAITING_BUREAU },
	{ OS_BUREAU_REJECTED, OE_ABANDON, OS_ABANDONED },
	{ OS_BUREAU_REJECTED, OE_EXPIRE, OS_EXPIRED },
	{ OS_INITIAL_REVIEW, OE_INITIAL_APPROVE, OS_AWAITING_VERIFICATION },
	{ OS_INITIAL_REVIEW, OE_INITIAL_REJECT, OS_INITIAL_REJECTED },
	{ OS_AWAITING_VERIFICATION, OE_VERIFICATION_PHOTO, OS_AWAITING_VERIFICATION },
	{ OS_VERIFICATION_REJECTED, OE_VERIFICATION_PHOTO, OS_VERIFICATION_REJECTED },
	{ OS_AWAITING_VERIFICATION, OE_VERIFICATION_SUBMIT, OS_VERIFICATION_REVIEW },
	{ OS_VERIFICATION_REJECTED, OE_VERIFICATION_SUBMIT, OS_VERIFICATION_REVIEW },
	{ OS_VERIFICATION_REVIEW, OE_VERIFICATION_APPROVE, OS_AWAITING_BUREAU },
	{ OS_VERIFICATION_REVIEW, OE_VERIFICATION_REJECT, OS_VERIFICATION_REJECTED },
	{ OS_AWAITING_BUREAU, OE_TO_BUREAU, OS_AT_BUREAU },
	{ OS_AT_BUREAU, OE_SMS_SENT, OS_SMS_PENDING },
	{ OS_AT_BUREAU, OE_BUREAU_APPROVE, OS_APPROVED },
	{ OS_SMS_PENDING, OE_BUREAU_APPROVE, OS_APPROVED },
	{ OS_AT_BUREAU, OE_BUREAU_REJECT, OS_BUREAU_REJECTED },
	{ OS_SMS_PENDING, OE_BUREAU_REJECT, OS_BUREAU_REJECTED },
	/* The bureau's word, no move: from the photo verification on. */
	{ OS_AWAITING_VERIFICATION, OE_BUREAU_NOTE, OS_AWAITING_VERIFICATION },
	{ OS_VERIFICATION_REVIEW, OE_BUREAU_NOTE, OS_VERIFICATION_REVIEW },
	{ OS_VERIFICATION_REJECTED, OE_BUREAU_NOTE, OS_VERIFICATION_REJECTED },
	{ OS_AWAITING_BUREAU, OE_BUREAU_NOTE, OS_AWAITING_BUREAU },
	{ OS_AT_BUREAU, OE_BUREAU_NOTE, OS_AT_BUREAU },
	{ OS_SMS_PENDING, OE_BUREAU_NOTE, OS_SMS_PENDING },
	/* Abandon: until the bureau has the order. */
	{ OS_DRAFT, OE_ABANDON, OS_ABANDONED },
	{ OS_INITIAL_REVIEW, OE_ABANDON, OS_ABANDONED },
	{ OS_INITIAL_REJECTED, OE_ABANDON, OS_ABANDONED },
	{ OS_AWAITING_VERIFICATION, OE_ABANDON, OS_ABANDONED },
	{ OS_VERIFICATION_REVIEW, OE_ABANDON, OS_ABANDONED },
	{ OS_VERIFICATION_REJECTED, OE_ABANDON, OS_ABANDONED },
	{ OS_AWAITING_BUREAU, OE_ABANDON, OS_ABANDONED },
	/* 45 days without progress: every open state expires. */
	{ OS_DRAFT, OE_EXPIRE, OS_EXPIRED },
	{ OS_INITIAL_REVIEW, OE_EXPIRE, OS_EXPIRED },
	{ OS_INITIAL_REJECTED, OE_EXPIRE, OS_EXPIRED },
	{ OS_AWAITING_VERIFICATION, OE_EXPIRE, OS_EXPIRED },
	{ OS_VERIFICATION_REVIEW, OE_EXPIRE, OS_EXPIRED },
	{ OS_VERIFICATION_REJECTED, OE_EXPIRE, OS_EXPIRED },
	{ OS_AWAITING_BUREAU, OE_EXPIRE, OS_EXPIRED },
	{ OS_AT_BUREAU, OE_EXPIRE, OS_EXPIRED },
	{ OS_SMS_PENDING, OE_EXPIRE, OS_EXPIRED },
};

static void
test_every_move(void **state)
{
	enum order_state	 from, to, want;
	enum order_ev		 ev;
	size_t			 i;
	bool			 ok, listed;
	char			 what[96];

	(void)state;
	/* Exactly the listed moves are allowed, with the listed result. */
	for (from = 0; from < OS__MAX; from++)
		for (ev = 0; ev < OE__MAX; ev++) {
			listed = false;
			want = OS__MAX;
			for (i = 0; i < NITEMS(allowed); i++)
				if (allowed[i].from == from &&
				    allowed[i].ev == ev) {
					listed = true;
					want = allowed[i].to;
				}
			to = OS__MAX;
			ok = order_next(from, ev, &to);
			snprintf(what, sizeof(what), "%s + %s",
			    order_state_name(from), order_ev_name(ev));
			check_row(ok == listed, (size_t)from * OE__MAX + ev,
			    what);
			if (listed)
				check_row(to == want, (size_t)from * OE__MAX + ev,
				    what);
		}
}

static void
test_terminal_states_end_everything(void **state)
{
	static const enum order_state	 terminal[] = {
		OS_APPROVED, OS_ABANDONED, OS_EXPIRED
	};
	enum order_state		 to;
	enum order_ev			 ev;
	size_t				 i;

	(void)state;
	for (i = 0; i < NITEMS(terminal); i++) {
		assert_true(order_state_terminal(terminal[i]));
		for (ev = 0; ev < OE__MAX; ev++)
			assert_false(order_next(terminal[i], ev, &to));
	}
	assert_false(order_state_terminal(OS_DRAFT));
	assert_false(order_state_terminal(OS_SMS_PENDING));
	/* A bureau rejection is fixed and filed again, or given up. */
	assert_false(order_state_terminal(OS_BUREAU_REJECTED));
	assert_true(order_state_terminal(OS__MAX));
}

static void
test_names_round_trip(void **state)
{
	enum order_state	 s;

	(void)state;
	for (s = 0; s < OS__MAX; s++) {
		assert_int_equal(order_state_parse(order_state_name(s)), s);
		assert_true(strlen(order_state_label(s)) > 0);
	}
	assert_int_equal(order_state_parse("drafts"), OS__MAX);
	assert_int_equal(order_state_parse(""), OS__MAX);
	assert_int_equal(order_state_parse(NULL), OS__MAX);
	assert_string_equal(order_state_name(OS_AT_BUREAU), "at_bureau");
	assert_string_equal(order_state_label(OS_DRAFT), "填写中");
	assert_false(order_next(OS__MAX, OE_ABANDON, &s));
	assert_false(order_next(OS_DRAFT, OE__MAX, &s));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_move),
		cmocka_unit_test(test_terminal_states_end_everything),
		cmocka_unit_test(test_names_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
