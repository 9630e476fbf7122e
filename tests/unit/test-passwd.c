/* cgi/lib/passwd.c: argon2id hashing through libsodium. */
#include "unit.h"

#include "lib/passwd.h"
#include "lib/util.h"

/* Cheap but real parameters: 2 passes, 8 MiB. */
static void
mkconf(struct conf *c, int64_t ops, int64_t kib)
{
	memset(c, 0, sizeof(*c));
	c->argon2_ops = ops;
	c->argon2_mem_kib = kib;
}

static void
test_hash_verify(void **state)
{
	struct conf	 c;
	char		 h[PASSWD_HASH_MAX], h2[PASSWD_HASH_MAX];

	(void)state;
	mkconf(&c, 2, 8192);
	assert_int_equal(passwd_hash(&c, "correct horse 电池", h), APP_OK);
	assert_memory_equal(h, "$argon2id$v=19$m=8192,t=2,p=1$", 30);
	assert_true(strlen(h) < PASSWD_HASH_MAX);
	assert_true(passwd_verify(h, "correct horse 电池"));
	assert_false(passwd_verify(h, "correct horse 电"));
	assert_false(passwd_verify(h, "Correct horse 电池"));
	assert_false(passwd_verify(h, "correct horse 电池 "));
	assert_false(passwd_verify(h, ""));

	/* A fresh salt each time. */
	assert_int_equal(passwd_hash(&c, "correct horse 电池", h2), APP_OK);
	assert_string_not_equal(h, h2);
	assert_true(passwd_verify(h2, "correct horse 电池"));
}

static void
test_empty_and_long(void **state)
{
	struct conf	 c;
	char		 h[PASSWD_HASH_MAX], pw[PASSWD_MAX + 1];

	(void)state;
	mkconf(&c, 2, 8192);
	assert_int_equal(passwd_hash(&c, "", h), APP_OK);
	assert_memory_equal(h, "$argon2id$", 10);
	assert_true(passwd_verify(h, ""));
	assert_false(passwd_verify(h, "x"));

	memset(pw, 'p', PASSWD_MAX);
	pw[PASSWD_MAX] = '\0';
	assert_int_equal(passwd_hash(&c, pw, h), APP_OK);
	assert_true(passwd_verify(h, pw));
	pw[PASSWD_MAX - 1] = 'q';
	assert_false(passwd_verify(h, pw));
}

static void
test_verify_refuses(void **state)
{
	struct conf	 c;
	char		 h[PASSWD_HASH_MAX], bad[PASSWD_HASH_MAX], *p;
	size_t		 n;

	(void)state;
	mkconf(&c, 2, 8192);
	assert_int_equal(passwd_hash(&c, "password1", h), APP_OK);

	/* One character of the digest changed. */
	memcpy(bad, h, sizeof(bad));
	n = strlen(bad);
	bad[n - 10] = bad[n - 10] == 'A' ? 'B' : 'A';
	assert_false(passwd_verify(bad, "password1"));
	/* The cost lowered in the string (a downgrade) */
	memcpy(bad, h, sizeof(bad));
	p = strstr(bad, ",t=2,");
	assert_non_null(p);
	p[3] = '1';
	assert_memory_equal(bad, "$argon2id$v=19$m=8192,t=1,p=1$", 30);
	assert_false(passwd_verify(bad, "password1"));

	/*
	 * A genuine argon2i hash of the same password: libsodium would
	 * verify it, passwd_verify accepts argon2id only (argon2i needs
	 * at least 3 passes).
	 */
	assert_int_equal(crypto_pwhash_str_alg(bad, "password1", 9, 3,
	    8192 * 1024, crypto_pwhash_ALG_ARGON2I13), 0);
	assert_memory_equal(bad, "$argon2i$", 9);
	assert_int_equal(crypto_pwhash_str_verify(bad, "password1", 9), 0);
	assert_false(passwd_verify(bad, "password1"));

	assert_false(passwd_verify("password1", "password1"));
	assert_false(passwd_verify("plain", "plain"));
	assert_false(passwd_verify("", ""));
	assert_false(passwd_verify(NULL, "password1"));
	assert_false(passwd_verify("$argon2id$", "password1"));
	assert_false(passwd_verify("$argon2id$v=19$m=8192,t=2,p=1$$",
	    "password1"));
	assert_false(passwd_verify("$2y$10$abcdefghijklmnopqrstuu", "x"));
	/* The prefix check is exact. */
	assert_false(passwd_verify("$ARGON2ID$v=19$m=8192,t=2,p=1$x$y", "x"));
}

static void
test_needs_rehash(void **state)
{
	struct conf	 c, hi;
	char		 h[PASSWD_HASH_MAX];

	(void)state;
	mkconf(&c, 2, 8192);
	assert_int_equal(passwd_hash(&c, "password1", h), APP_OK);
	assert_false(passwd_needs_rehash(&c, h));
	mkconf(&hi, 3, 8192);			/* more passes */
	assert_true(passwd_needs_rehash(&hi, h));
	mkconf(&hi, 2, 19456);			/* more memory */
	assert_true(passwd_needs_rehash(&hi, h));
	mkconf(&hi, 3, 19456);
	assert_true(passwd_needs_rehash(&hi, h));
	/* Not a hash at all: make a new one. */
	assert_true(passwd_needs_rehash(&c, "plain"));
	assert_true(passwd_needs_rehash(&c, ""));
}

static void
test_dummy(void **state)
{
	struct conf	 c;

	(void)state;
	mkconf(&c, 2, 8192);
	assert_int_equal(passwd_init(&c), APP_OK);
	assert_int_equal(passwd_init(&c), APP_OK);	/* once is enough */
	passwd_verify_dummy(&c, "whatever");
	passwd_verify_dummy(&c, "");
}

static int
setup(void **state)
{
	(void)state;
	return sodium_init() < 0 ? -1 : 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_verify),
		cmocka_unit_test(test_empty_and_long),
		cmocka_unit_test(test_verify_refuses),
		cmocka_unit_test(test_needs_rehash),
		cmocka_unit_test(test_dummy),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
