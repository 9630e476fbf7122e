/*
 * Passwords: argon2id through libsodium, with the cost from the
 * configuration (OWASP floor: 19 MiB, 2 passes).  Unknown logins are
 * verified against a dummy hash of the same cost so that "no such
 * account" and "wrong password" take the same time.
 */
#ifndef BEIAN_PASSWD_H
#define BEIAN_PASSWD_H

#include <stdbool.h>
#include <stddef.h>

#include <sodium.h>

#include "conf.h"
#include "err.h"

#define PASSWD_HASH_MAX	crypto_pwhash_STRBYTES
#define PASSWD_MIN	8
#define PASSWD_MAX	256

enum app_err	 passwd_hash(const struct conf *, const char *,
			char out[PASSWD_HASH_MAX]);
bool		 passwd_verify(const char *hash, const char *pw);
/* True when hash was made with another cost than the configuration's. */
bool		 passwd_needs_rehash(const struct conf *, const char *hash);
/* Make the dummy hash; call once at start-up. */
enum app_err	 passwd_init(const struct conf *);
/* Spend the time of one verification against nothing. */
void		 passwd_verify_dummy(const struct conf *, const char *pw);

#endif
