/*
 * Where an order is on its way to a website ICP number, as the applicant
 * follows it (GET /api/orders/{id}/progress): every stage with its date,
 * the current one with its due time, and an estimated completion in
 * business days from the timers (domain.md T7) and the holidays.  Pure:
 * the program loads what it reads and renders what it says.
 */
#ifndef BEIAN_STAGES_H
#define BEIAN_STAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bizday.h"
#include "order.h"
#include "rules.h"

enum	stage_key {
	SK_SUBMIT,		/* 提交订单 */
	SK_INITIAL,		/* 服务商初审 */
	SK_VERIFY,		/* 拍照核验 */
	SK_BUREAU_SUBMIT,	/* 提交管局 */
	SK_SMS,			/* 短信核验 (where the province requires it) */
	SK_BUREAU,		/* 管局审核 */
	SK_APPROVED,		/* 备案成功 */
	SK__MAX
};

enum	stage_state {
	SS_DONE,
	SS_CURRENT,
	SS_PENDING
};

struct	stage {
	enum stage_key	 key;
	enum stage_state state;
	int64_t		 at;		/* unix: when it was done; 0 */
	int64_t		 due;		/* unix: by when, if current; 0 */
};

/* One event of the order: what happened, when (unix). */
struct	stage_event {
	enum order_ev	 ev;
	int64_t		 at;
};

struct	stages_in {
	enum order_state	 state;
	const struct stage_event *ev;		/* oldest first */
	size_t			 nev;
	int64_t			 expires;	/* a waiting order's end */
	int64_t			 review_due;	/* the initial review's */
	int64_t			 photo_due;	/* the photo review's, once
						   the photos are handed over */
	int64_t			 submit_due;	/* the provider's to the bureau */
	int64_t			 bureau_submitted;
	bool			 sms_sent;	/* this round */
	bool			 sms_verified;	/* this round */
	int64_t			 sms_deadline;
	const struct rules	*rules;		/* the province's and settings */
	const struct bizday_cal	*cal;
	int64_t			 now;
};

struct	stages {
	struct stage	 v[SK__MAX];
	size_t		 n;
	int		 current;	/* index in v; -1: none (done or
					   closed) */
	bool		 closed;	/* abandoned or expired */
	int64_t		 eta;		/* YYYYMMDD China date; 0: none */
};

void		 stages_of(const struct stages_in *, struct stages *);
const char	*stage_key_name(enum stage_key);	/* "initial_review" */
const char	*stage_label(enum stage_key);		/* "服务商初审" */
const char	*stage_state_name(enum stage_state);

#endif
