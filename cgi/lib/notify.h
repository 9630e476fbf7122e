/*
 * Notifications, the pure part (domain.md §18): templates filled with a
 * message's parameters, who gets a message, and an email as it goes on
 * the wire.  No database and no network here: db-notify.c writes the
 * outbox, notify-send.c delivers it.
 */
#ifndef BEIAN_NOTIFY_H
#define BEIAN_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "parse.h"
#include "util.h"

#define NOTIFY_NAME_MAX	32

/*
 * Fill tmpl: each {name} becomes the parameter's value.  A name the
 * parameters lack fails (APP_EINVAL, missing names it): a message with
 * "{code}" in it is never sent.  Text outside braces is copied as is.
 */
enum app_err	 notify_render(const char *tmpl, const struct kvlist *params,
		    struct buf *out, char missing[NOTIFY_NAME_MAX + 1]);

/* A mainland mobile (SMS goes to those only, domain.md §18). */
bool		 notify_mainland_mobile(const char *);
/* An address an email may go to: local@domain, printable ASCII. */
bool		 notify_email_ok(const char *);

/*
 * Who a message goes to: each mobile and email once, in the order
 * given, SMS to mainland mobiles only; NULL and "" are skipped.
 */
struct	notify_to {
	struct strs	 mobiles;
	struct strs	 emails;
};

void		 notify_to_add(struct notify_to *, const char *mobile,
		    const char *email);
void		 notify_to_free(struct notify_to *);

/*
 * The email as it is sent (RFC 5322, MIME): From, To, Reply-To (if
 * any), Subject and the display name in RFC 2047 UTF-8, Date,
 * Message-ID, and a multipart/alternative body of the plain text and an
 * HTML rendering of it (escaped, lines kept, links made links), both
 * base64.  boundary must not occur in base64 (it has a '=').
 */
struct	notify_mail {
	const char	*from;		/* "备案系统 <beian@example.cn>" */
	const char	*reply_to;	/* NULL or "" for none */
	const char	*to;
	const char	*subject;
	const char	*text;
	int64_t		 date;		/* unix */
	const char	*message_id;	/* "<...@host>" */
	const char	*boundary;
};

void		 notify_mail_render(const struct notify_mail *, struct buf *out);
/* The address inside "Name <addr>" (or the whole), into out. */
bool		 notify_mail_addr(const char *from, char *out, size_t outsz);

#endif
