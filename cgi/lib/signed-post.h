/*
 * JSON posted to another party, signed, and its signed answers checked:
 * the http bureau (bureau.h) and the SMS gateway (notify-send.c) speak
 * it.  X-Beian-Timestamp is unix seconds; X-Beian-Signature is "sha256="
 * and the hex HMAC-SHA256, keyed with the shared secret, of the
 * timestamp, ".", and the body.  A timestamp more than SIGN_SKEW seconds
 * from our clock is refused: a recorded request cannot be replayed later.
 */
#ifndef BEIAN_SIGNED_POST_H
#define BEIAN_SIGNED_POST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define SIGN_SKEW	300
#define SIGN_MIN_KEY	32

/* "sha256=<hex>" of ts and body under secret. */
void		 sign_body(const char *secret, int64_t ts, const void *body,
		    size_t len, char out[72]);
/*
 * Does a signature check out at unix time now?  A secret shorter than
 * SIGN_MIN_KEY checks out nothing.
 */
bool		 sign_check(const char *secret, const char *ts, const char *sig,
		    const void *body, size_t len, int64_t now);

/*
 * POST body (JSON) to url, signed with secret, waiting at most timeout
 * seconds; no redirect is followed.  APP_OK when the answer is 2xx;
 * otherwise APP_EDB and err tells why ("HTTP 503", "connect: ...").
 */
enum app_err	 signed_post(const char *url, const char *secret,
		    const char *body, size_t len, int64_t now, long timeout,
		    char *err, size_t errsz);

#endif
