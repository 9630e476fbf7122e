/*
 * The bureau stage in the database (domain.md §5.2-5.3, §14, §17): the
 * provider's submission, MIIT's SMS check and the bureau's decision.
 * Every event of the bureau, from the simulator or the http adapter's
 * callback, is applied by db_bureau_apply(): one transaction with its
 * order_event, or nothing.
 */
#ifndef BEIAN_DB_BUREAU_H
#define BEIAN_DB_BUREAU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bureau.h"
#include "db.h"
#include "filing.h"

/* An order's way through the bureau (table bureau_submission). */
struct	bureau_sub {
	bool	 found;
	char	*ready_at, *due_at;	/* the provider's to submit, by */
	char	*submitted_at;		/* NULL: not yet */
	int64_t	 submitted;		/* unix; 0: not yet */
	int64_t	 round;			/* 1 the first submission */
	char	*delivery;		/* none, pending, sent, dead */
	int64_t	 tries;
	char	*last_error;
	char	*decided_at;		/* a rejection's */
	char	*reason, *reason_title, *note;
	char	*payload;		/* as sent (JSON) */
};

/* MIIT's SMS check of an order (table sms_check). */
struct	sms_check {
	bool	 found;
	char	*mobile, *id_last6;
	char	*code_hash;		/* NULL: the bureau holds the code */
	int64_t	 sent, deadline;	/* unix */
	int64_t	 window_hours, tries_left;
	int64_t	 round;			/* of the submission it checks */
	char	*state;			/* waiting, verified, failed */
};

/*
 * The bureau stage of an order as a whole: its submission, its SMS check
 * and the rules of its subject's province (f.rules).  No account check:
 * the caller has made it.
 */
struct	bureau_state {
	struct filing		 f;
	struct bureau_sub	 b;
	struct sms_check	 s;
};

enum app_err	 db_bureau_state(struct db *, int64_t oid, int64_t now,
		    struct bureau_state *);
void		 bureau_state_free(struct bureau_state *);

enum app_err	 db_bureau_get(struct db *, int64_t oid, struct bureau_sub *);
void		 bureau_sub_free(struct bureau_sub *);
enum app_err	 db_sms_get(struct db *, int64_t oid, struct sms_check *);
void		 sms_check_free(struct sms_check *);

/*
 * Inside a transaction: order oid became the provider's to submit at
 * now, due bureau_submit_sla_business_days on.
 */
enum app_err	 db_bureau_ready(struct db *, int64_t oid, int64_t now);

/*
 * What went wrong, for the caller's answer: a code of messages.c and,
 * for a refused image, which upload.
 */
struct	bureau_why {
	const char	*code;
	int64_t		 upload;
	char		 text[256];
};

/*
 * The provider submits order oid (reviewer actor_id) at now, in its own
 * transaction: the payload (bureau-payload.h) is built with every image
 * fitted to the bureau's cap and stored; the order goes to at_bureau;
 * the http adapter's delivery is queued (beian-worker posts it).
 * APP_ECONFLICT or APP_EINVAL with why->code when refused.
 */
enum app_err	 db_bureau_submit(struct db *, const struct conf *,
		    int64_t oid, int64_t actor_id, int64_t now,
		    struct bureau_why *why);

/*
 * Apply one event of the bureau at now, in its own transaction; actor
 * is "bureau" (the callback, MIIT's page), "admin" or "system".  For
 * sms_sent from the simulator the code it texted is put in code (the
 * code's hash is what is kept).  APP_ECONFLICT with why->code when the
 * order is not where the event can happen.
 */
enum app_err	 db_bureau_apply(struct db *, const struct conf *,
		    const struct bureau_event *, const char *actor,
		    int64_t now, char code[7], struct bureau_why *why);

/* The simulated MIIT page's answer to one try. */
enum	sms_outcome {
	SMS_NONE,		/* no check waits for that mobile */
	SMS_WRONG,		/* a wrong code or ID: tries_left more */
	SMS_FAILED,		/* that was the last try */
	SMS_VERIFIED
};

enum app_err	 db_sms_try(struct db *, const struct conf *,
		    const char *mobile, const char *code, const char *id_last6,
		    int64_t now, enum sms_outcome *, int64_t *tries_left,
		    int64_t *oid);

/*
 * beian-worker's part, each returning how many orders it moved (or -1
 * on a database failure): SMS windows that ran out (R14); with
 * bureau_sim_auto, the simulator's next step of orders at the bureau;
 * with the http adapter, the payloads owed a delivery.
 */
int		 bureau_sms_expire(struct db *, const struct conf *,
		    int64_t now);
int		 bureau_sim_auto(struct db *, const struct conf *, int64_t now);
int		 bureau_deliver(struct db *, const struct conf *, int64_t now);

#endif
