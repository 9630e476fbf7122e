/*
 * The bureau behind its interface (see bureau.h): the simulator.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "bureau.h"
#include "util.h"

void
bureau_shanghai_code(const struct conf *c, int64_t oid, const char *mobiles,
    char out[7])
{
	unsigned char	 h[16];
	struct buf	 msg = BUF_INIT;
	uint32_t	 v;

	/* Another purpose than the tokens': its own label in the input. */
	buf_printf(&msg, "bureau-sim:shanghai-app:%lld:%s", (long long)oid,
	    mobiles != NULL ? mobiles : "");
	crypto_generichash(h, sizeof(h), (const unsigned char *)msg.p, msg.len,
	    (const unsigned char *)c->jwt_secret,
	    c->jwt_secret_len > crypto_generichash_KEYBYTES_MAX ?
	    crypto_generichash_KEYBYTES_MAX : c->jwt_secret_len);
	v = (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 |
	    h[3];
	(void)snprintf(out, 7, "%06u", (unsigned)(v % 1000000));
	buf_free(&msg);
}

bool
bureau_shanghai_code_ok(const struct conf *c, int64_t oid,
    const char *mobiles, const char *code)
{
	char	 want[7];

	if (code == NULL || strlen(code) != 6)
		return false;
	bureau_shanghai_code(c, oid, mobiles, want);
	return sodium_memcmp(want, code, 6) == 0;
}
