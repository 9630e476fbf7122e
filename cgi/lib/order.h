/*
 * Order states and the transitions between them (DESIGN.md "Order
 * states").  The table in order.c is the only place that says which
 * event may move an order from which state to which; every handler asks
 * it, and every transition is written with an order_event row.
 */
#ifndef BEIAN_ORDER_H
#define BEIAN_ORDER_H

#include <stdbool.h>

enum	order_state {
	OS_DRAFT,
	OS_INITIAL_REVIEW,
	OS_INITIAL_REJECTED,
	OS_AWAITING_VERIFICATION,
	OS_VERIFICATION_REVIEW,
	OS_VERIFICATION_REJECTED,
	OS_AWAITING_BUREAU,
	OS_AT_BUREAU,
	OS_SMS_PENDING,
	OS_APPROVED,
	OS_BUREAU_REJECTED,
	OS_ABANDONED,
	OS_EXPIRED,
	OS__MAX
};

enum	order_ev {
	OE_CONFIRM_SUBJECT,	/* step 3 */
	OE_VERIFY_PRODUCT,	/* step 4: a service number reserved */
	OE_RELEASE_PRODUCT,	/* a reserved number given back */
	OE_EDIT,		/* steps 5 and 6 */
	OE_SUBMIT,		/* to the provider's initial review */
	OE_INITIAL_APPROVE,
	OE_INITIAL_REJECT,
	OE_VERIFICATION_PHOTO,	/* a verification photo or curtain request */
	OE_VERIFICATION_SUBMIT,
	OE_VERIFICATION_APPROVE,
	OE_VERIFICATION_REJECT,
	OE_TO_BUREAU,
	OE_SMS_SENT,
	OE_SMS_VERIFIED,	/* the owner passed MIIT's SMS check */
	OE_SMS_FAILED,		/* ... did not: back to the provider (R14) */
	OE_BUREAU_APPROVE,
	OE_BUREAU_REJECT,
	OE_BUREAU_NOTE,		/* the bureau says something; no move */
	OE_ABANDON,
	OE_EXPIRE,
	OE__MAX
};

const char	*order_state_name(enum order_state);
/* What the applicant reads, zh-CN. */
const char	*order_state_label(enum order_state);
/* OS__MAX when name is not a state. */
enum order_state order_state_parse(const char *);
bool		 order_state_terminal(enum order_state);
const char	*order_ev_name(enum order_ev);
/* OE__MAX when name is not an event. */
enum order_ev	 order_ev_parse(const char *);

/*
 * May ev happen in state from?  On true, *to is the state after it
 * (possibly from itself).
 */
bool		 order_next(enum order_state from, enum order_ev,
			enum order_state *to);

#endif
