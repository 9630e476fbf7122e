#include <string.h>

#include "order.h"
#include "util.h"

static const struct {
	const char	*name;
	const char	*label;
	bool		 terminal;
} states[OS__MAX] = {
	/* OS_DRAFT */			{ "draft", "填写中", false },
	/* OS_INITIAL_REVIEW */		{ "initial_review", "初审中", false },
	/* OS_INITIAL_REJECTED */	{ "initial_rejected", "初审驳回", false },
	/* OS_AWAITING_VERIFICATION */	{ "awaiting_verification", "待拍照核验", false },
	/* OS_VERIFICATION_REVIEW */	{ "verification_review", "核验审核中", false },
	/* OS_VERIFICATION_REJECTED */	{ "verification_rejected", "核验驳回", false },
	/* OS_AWAITING_BUREAU */	{ "awaiting_bureau", "待提交管局", false },
	/* OS_AT_BUREAU */		{ "at_bureau", "管局审核中", false },
	/* OS_SMS_PENDING */		{ "sms_pending", "短信核验中", false },
	/* OS_APPROVED */		{ "approved", "备案成功", true },
	/* OS_BUREAU_REJECTED */	{ "bureau_rejected", "管局驳回", false },
	/* OS_ABANDONED */		{ "abandoned", "已放弃", true },
	/* OS_EXPIRED */		{ "expired", "已过期", true },
};

static const char *const evnames[OE__MAX] = {
	/* OE_CONFIRM_SUBJECT */	"subject_confirmed",
	/* OE_VERIFY_PRODUCT */		"product_verified",
	/* OE_RELEASE_PRODUCT */	"product_released",
	/* OE_EDIT */			"edited",
	/* OE_SUBMIT */			"submitted",
	/* OE_INITIAL_APPROVE */	"initial_approved",
	/* OE_INITIAL_REJECT */		"initial_rejected",
	/* OE_VERIFICATION_PHOTO */	"verification_photo",
	/* OE_VERIFICATION_SUBMIT */	"verification_submitted",
	/* OE_VERIFICATION_APPROVE */	"verification_approved",
	/* OE_VERIFICATION_REJECT */	"verification_rejected",
	/* OE_TO_BUREAU */		"sent_to_bureau",
	/* OE_SMS_SENT */		"sms_sent",
	/* OE_SMS_VERIFIED */		"sms_verified",
	/* OE_SMS_FAILED */		"sms_failed",
	/* OE_BUREAU_APPROVE */		"bureau_approved",
	/* OE_BUREAU_REJECT */		"bureau_rejected",
	/* OE_BUREAU_NOTE */		"bureau_note",
	/* OE_ABANDON */		"abandoned",
	/* OE_EXPIRE */			"expired",
};

#define S(x)	(1u << (x))
/*
 * Until the bureau has it, the applicant may walk away; and once it has
 * rejected it.
 */
#define BEFORE_BUREAU	(S(OS_DRAFT) | S(OS_INITIAL_REVIEW) | \
	S(OS_INITIAL_REJECTED) | S(OS_AWAITING_VERIFICATION) | \
	S(OS_VERIFICATION_REVIEW) | S(OS_VERIFICATION_REJECTED) | \
	S(OS_AWAITING_BUREAU) | S(OS_BUREAU_REJECTED))
/*
 * Editing happens in a draft and after a rejection: by the provider
 * (only the items it named), or by the bureau.
 */
#define EDITABLE	(S(OS_DRAFT) | S(OS_INITIAL_REJECTED) | \
	S(OS_VERIFICATION_REJECTED) | S(OS_BUREAU_REJECTED))
#define OPEN		(BEFORE_BUREAU | S(OS_AT_BUREAU) | S(OS_SMS_PENDING))
/* What the bureau has a word on: the Shanghai app's check, and its own. */
#define BUREAU_SEES	(S(OS_AWAITING_VERIFICATION) | \
	S(OS_VERIFICATION_REVIEW) | S(OS_VERIFICATION_REJECTED) | \
	S(OS_AWAITING_BUREAU) | S(OS_AT_BUREAU) | S(OS_SMS_PENDING))

static const struct {
	unsigned int		 from;	/* mask of states */
	enum order_state	 to;	/* OS__MAX: stays where it is */
} moves[OE__MAX] = {
	/* After a rejection only the rejected items change (review_item). */
	/* OE_CONFIRM_SUBJECT */	{ S(OS_DRAFT), OS__MAX },
	/* OE_VERIFY_PRODUCT */		{ S(OS_DRAFT), OS__MAX },
	/* OE_RELEASE_PRODUCT */	{ S(OS_DRAFT), OS__MAX },
	/* OE_EDIT */			{ EDITABLE, OS__MAX },
	/* A bureau rejection goes back through the initial review. */
	/* OE_SUBMIT */			{ S(OS_DRAFT) | S(OS_INITIAL_REJECTED) | S(OS_BUREAU_REJECTED), OS_INITIAL_REVIEW },
	/* OE_INITIAL_APPROVE */	{ S(OS_INITIAL_REVIEW), OS_AWAITING_VERIFICATION },
	/* A failed SMS check comes back: the provider may send it to edits. */
	/* OE_INITIAL_REJECT */		{ S(OS_INITIAL_REVIEW) | S(OS_AWAITING_BUREAU), OS_INITIAL_REJECTED },
	/* OE_VERIFICATION_PHOTO */	{ S(OS_AWAITING_VERIFICATION) | S(OS_VERIFICATION_REJECTED), OS__MAX },
	/* OE_VERIFICATION_SUBMIT */	{ S(OS_AWAITING_VERIFICATION) | S(OS_VERIFICATION_REJECTED), OS_VERIFICATION_REVIEW },
	/* OE_VERIFICATION_APPROVE */	{ S(OS_VERIFICATION_REVIEW), OS_AWAITING_BUREAU },
	/* OE_VERIFICATION_REJECT */	{ S(OS_VERIFICATION_REVIEW), OS_VERIFICATION_REJECTED },
	/* OE_TO_BUREAU */		{ S(OS_AWAITING_BUREAU), OS_AT_BUREAU },
	/* OE_SMS_SENT */		{ S(OS_AT_BUREAU), OS_SMS_PENDING },
	/* OE_SMS_VERIFIED */		{ S(OS_SMS_PENDING), OS_AT_BUREAU },
	/* OE_SMS_FAILED */		{ S(OS_SMS_PENDING), OS_AWAITING_BUREAU },
	/* OE_BUREAU_APPROVE */		{ S(OS_AT_BUREAU) | S(OS_SMS_PENDING), OS_APPROVED },
	/* OE_BUREAU_REJECT */		{ S(OS_AT_BUREAU) | S(OS_SMS_PENDING), OS_BUREAU_REJECTED },
	/* OE_BUREAU_NOTE */		{ BUREAU_SEES, OS__MAX },
	/* OE_ABANDON */		{ BEFORE_BUREAU, OS_ABANDONED },
	/* OE_EXPIRE */			{ OPEN, OS_EXPIRED },
};

_Static_assert(OS__MAX <= 32, "state masks are 32 bits");

const char *
order_state_name(enum order_state s)
{
	return s < OS__MAX ? states[s].name : "unknown";
}

const char *
order_state_label(enum order_state s)
{
	return s < OS__MAX ? states[s].label : "未知状态";
}

enum order_state
order_state_parse(const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL && i < OS__MAX; i++)
		if (strcmp(states[i].name, name) == 0)
			return (enum order_state)i;
	return OS__MAX;
}

enum order_ev
order_ev_parse(const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL && i < OE__MAX; i++)
		if (strcmp(evnames[i], name) == 0)
			return (enum order_ev)i;
	return OE__MAX;
}

bool
order_state_terminal(enum order_state s)
{
	return s >= OS__MAX || states[s].terminal;
}

const char *
order_ev_name(enum order_ev ev)
{
	return ev < OE__MAX ? evnames[ev] : "unknown";
}

bool
order_next(enum order_state from, enum order_ev ev, enum order_state *to)
{
	if (from >= OS__MAX || ev >= OE__MAX)
		return false;
	if ((moves[ev].from & S(from)) == 0)
		return false;
	*to = moves[ev].to == OS__MAX ? from : moves[ev].to;
	return true;
}
