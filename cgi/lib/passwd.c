#include <string.h>

#include "log.h"
#include "passwd.h"
#include "util.h"

static char	 dummy[PASSWD_HASH_MAX];

enum app_err
passwd_hash(const struct conf *c, const char *pw, char out[PASSWD_HASH_MAX])
{
	if (crypto_pwhash_str_alg(out, pw, strlen(pw),
	    (unsigned long long)c->argon2_ops,
	    (size_t)c->argon2_mem_kib * 1024,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		applog(LOG_ERR, "passwd: hashing failed (out of memory?)");
		return APP_EINTERNAL;
	}
	return APP_OK;
}

bool
passwd_verify(const char *hash, const char *pw)
{
	if (hash == NULL || strncmp(hash, "$argon2id$", 10) != 0)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

bool
passwd_needs_rehash(const struct conf *c, const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash,
	    (unsigned long long)c->argon2_ops,
	    (size_t)c->argon2_mem_kib * 1024) != 0;
}

enum app_err
passwd_init(const struct conf *c)
{
	unsigned char	 rnd[16];
	char		 rpw[2 * sizeof(rnd) + 1];

	if (dummy[0] != '\0')
		return APP_OK;
	randombytes_buf(rnd, sizeof(rnd));
	hex_encode(rnd, sizeof(rnd), rpw);
	return passwd_hash(c, rpw, dummy);
}

void
passwd_verify_dummy(const struct conf *c, const char *pw)
{
	/* Normally made at start-up, so the first request is not slower. */
	if (passwd_init(c) != APP_OK)
		return;
	(void)passwd_verify(dummy, pw);
}
