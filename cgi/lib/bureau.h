/*
 * The bureau (MIIT and the provincial communications administrations):
 * the one party we cannot reach, behind this interface.  beian.conf
 * chooses it:
 *
 *   bureau = sim    the simulator: nothing leaves; the bureau's events
 *                   come from beian-admin bureau ... and, with
 *                   bureau_sim_auto, from beian-worker on its own
 *   bureau = http   an order's payload is POSTed as JSON to bureau_url
 *                   by beian-worker (retried with backoff), signed; the
 *                   bureau's events come back to POST /api/bureau/events,
 *                   signed the same way
 *
 * Either way an event is applied by one function (db-bureau.h), so the
 * simulator and the real bureau move an order through the same code.
 *
 * The signature: X-Beian-Timestamp (unix seconds) and X-Beian-Signature
 * "sha256=" and the hex HMAC-SHA256, keyed with bureau_secret, of the
 * timestamp, ".", and the body.  A callback more than SIGN_SKEW seconds
 * from our clock is refused: a recorded one cannot be replayed later.
 */
#ifndef BEIAN_BUREAU_H
#define BEIAN_BUREAU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "conf.h"
#include "err.h"

#define BUREAU_SIGN_SKEW	300	/* SIGN_SKEW of signed-post.h */
#define BUREAU_NOTE_MAX		500

/* What the bureau tells us of an order. */
#define BUREAU_EVENTS(X)				\
	X(SMS_SENT, "sms_sent")				\
	X(SMS_VERIFIED, "sms_verified")			\
	X(SMS_FAILED, "sms_failed")			\
	X(APPROVED, "approved")				\
	X(REJECTED, "rejected")				\
	X(CODE_CHECKED, "code_checked")

enum	bureau_ev {
#define X(id, name)	BE_##id,
	BUREAU_EVENTS(X)
#undef X
	BE__MAX
};

struct	bureau_event {
	enum bureau_ev	 kind;
	int64_t		 order_id;
	/* approved: the website number when only one website; "" the next */
	char		 number[64];
	/* rejected: R1..R14 and the bureau's words */
	char		 reason[8];
	char		 note[BUREAU_NOTE_MAX + 1];
	/* code_checked: did the Shanghai app's code check out? */
	bool		 ok;
};

const char	*bureau_ev_name(enum bureau_ev);
bool		 bureau_ev_parse(const char *, enum bureau_ev *);

/*
 * An event as the callback sends it: {event, order_id, website_number?,
 * reason?, note?, ok?}.  false with *field and *why (zh-CN) naming what
 * is wrong.
 */
bool		 bureau_event_read(const json_t *, struct bureau_event *,
		    const char **field, const char **why);

/* Is the configured bureau the http adapter? */
bool		 bureau_is_http(const struct conf *);

/* "sha256=<hex>" of ts and body under bureau_secret. */
void		 bureau_sign(const struct conf *, int64_t ts, const void *body,
		    size_t len, char out[72]);
/* Does a callback's signature check out at unix time now? */
bool		 bureau_sign_ok(const struct conf *, const char *ts,
		    const char *sig, const void *body, size_t len, int64_t now);

/*
 * POST body to bureau_url, signed, waiting at most timeout seconds.
 * APP_OK when the bureau answered 2xx; otherwise err tells why
 * ("HTTP 503", "connect: ...").
 */
enum app_err	 bureau_http_send(const struct conf *, const char *body,
		    size_t len, int64_t now, long timeout, char *err,
		    size_t errsz);

/*
 * The code the Shanghai app shows once the website owners of order oid
 * (their mobiles, in the order of the persons, joined by ",") have
 * verified there: six digits, bound to the order and the mobiles, so a
 * code from another order or another phone does not pass.  The
 * simulator's: `beian-admin bureau code ORDER` prints it.
 */
void	bureau_shanghai_code(const struct conf *, int64_t oid,
	    const char *mobiles, char out[7]);
/* Does the app's code check out for the order and these mobiles? */
bool	bureau_shanghai_code_ok(const struct conf *, int64_t oid,
	    const char *mobiles, const char *code);

/*
 * The simulator's SMS code: six random digits, and the hash kept of it
 * (hex, 64), bound to the order.  sms_code_ok() compares in constant
 * time.
 */
void	bureau_sms_code(char code[7]);
void	bureau_sms_hash(const struct conf *, int64_t oid, const char *code,
	    char hex[65]);
bool	bureau_sms_code_ok(const struct conf *, int64_t oid, const char *code,
	    const char *hex);

#endif
