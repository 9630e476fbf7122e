/*
 * The notification outbox in the database (domain.md §18): messages are
 * written inside the transaction of the change that causes them, so a
 * change never happens without its messages and a rollback sends none;
 * beian-worker delivers them (notify_deliver), each claimed with a lease
 * so that two workers never send one twice.
 */
#ifndef BEIAN_DB_NOTIFY_H
#define BEIAN_DB_NOTIFY_H

#include <stdint.h>

#include "conf.h"
#include "db.h"
#include "parse.h"

/*
 * A message's parameters beyond the order's own (order_id, subject_name,
 * province, domains, url): name and printf-style value.
 */
void		 np_set(struct kvlist *, const char *name, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
/* "12月8日 18:00" (China time) of unix time t. */
void		 np_time(struct kvlist *, const char *name, int64_t t);

/*
 * Inside the caller's transaction: event's messages about order oid --
 * in the message centre of its account, by SMS and email to the account
 * holder, the subject leader, the website owners and the account's
 * extra recipients (each once; SMS to mainland mobiles only), as the
 * event's templates say (a channel without a template is not used).
 * params may be NULL.  Fails when a template names a parameter there is
 * none of: the change does not happen without its words.
 */
enum app_err	 db_notify(struct db *, const struct conf *, int64_t oid,
		    const char *event, const struct kvlist *params,
		    int64_t now);
/* The same to one mobile by SMS only (MIIT's code to the owner). */
enum app_err	 db_notify_sms(struct db *, const struct conf *, int64_t oid,
		    const char *event, const char *mobile,
		    const struct kvlist *params, int64_t now);

/*
 * beian-worker: deliver what is due (or left mid-send past its lease);
 * how many were delivered, -1 when the database failed.  A failure is
 * tried again after 1 min, 5, 30, 2 h, 6 h, 12 h, 24 h, up to
 * notify_max_tries tries, then it is dead (beian-admin outbox requeue).
 */
int		 notify_deliver(struct db *, const struct conf *, int64_t now);
/* beian-worker: SMS windows that close within sms_reminder_hours. */
int		 notify_sms_reminders(struct db *, const struct conf *,
		    int64_t now);
/*
 * beian-worker: orders waiting on their applicant past the reminder
 * days (expiry_reminder_first_days, _second_days).
 */
int		 notify_expiry_reminders(struct db *, const struct conf *,
		    int64_t now);

#endif
