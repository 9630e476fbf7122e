/*
 * Session tokens: JWT HS256 through libjwt 1.10, which verifies the
 * signature and nothing else.  token_check() adds what 1.10 lacks
 * (docs/security.md B.1): a non-empty key always, the header algorithm
 * pinned to HS256, typ/iss/aud, exp/nbf/iat with a small skew, a
 * well-formed sub and jti, and a length cap before any decoding.
 * Revocation (the jti lookup) needs the database and lives in auth.c.
 */
#ifndef BEIAN_TOKEN_H
#define BEIAN_TOKEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "err.h"

#define TOKEN_MAX	4096	/* bytes of an encoded token */
#define TOKEN_SKEW	60	/* seconds of clock skew tolerated */
#define JTI_LEN		32	/* hex characters */

struct	claims {
	int64_t	 sub;
	int64_t	 iat;
	int64_t	 nbf;
	int64_t	 exp;
	char	 jti[JTI_LEN + 1];
};

/* A fresh random jti (hex). */
void		 token_new_jti(char jti[JTI_LEN + 1]);

/*
 * Sign a token of type typ for account sub, valid ttl seconds from now.
 * *out is owned by the caller (free()).
 */
enum app_err	 token_issue(const struct conf *, const char *typ,
			int64_t sub, const char *jti, int64_t now,
			int64_t ttl, char **out);

/* APP_OK and *out filled when tok is a valid, current token of type typ. */
enum app_err	 token_check(const struct conf *, const char *typ,
			const char *tok, int64_t now, struct claims *out);

/*
 * The CSRF token of a session: HMAC-SHA256 of the jti under a key
 * derived from the JWT secret, so it needs no storage and dies with the
 * session.  out has room for 65 bytes.
 */
void		 csrf_token(const struct conf *, const char *jti, char *out);
bool		 csrf_valid(const struct conf *, const char *jti,
			const char *given);

/*
 * A signature of a refusal message for one field, so that a page
 * without JavaScript can show the server's exact words after a redirect
 * (?field=F&msg=M&sig=S) while a crafted link cannot put words on it.
 * out has room for 65 bytes.
 */
void		 msg_sign(const struct conf *, const char *field,
			const char *msg, char *out);
bool		 msg_sig_valid(const struct conf *, const char *field,
			const char *msg, const char *sig);

#endif
