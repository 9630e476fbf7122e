/* Notification templates as an operator may write them (lib/notify.c). */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lib/notify.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	struct kvlist	 p;
	struct buf	 out = BUF_INIT;
	char		*in, missing[NOTIFY_NAME_MAX + 1];
	enum app_err	 er;

	if ((in = malloc(sz + 1)) == NULL)
		abort();
	memcpy(in, data, sz);
	in[sz] = '\0';
	memset(&p, 0, sizeof(p));
	kv_add(&p, strdup("order_id"), strdup("42"), 2);
	kv_add(&p, strdup("code"), strdup("{order_id}"), 10);
	er = notify_render(in, &p, &out, missing);
	if (er == APP_OK) {
		/* Nothing is lost but the names filled: never longer by more. */
		assert(out.p != NULL);
		assert(strlen(out.p) <= strlen(in) * 10 + 1);
	} else {
		assert(er == APP_EINVAL);
		assert(missing[0] != '\0' && strlen(missing) <= NOTIFY_NAME_MAX);
		assert(strstr(in, missing) != NULL);
	}
	buf_free(&out);
	kv_free(&p);
	free(in);
	return 0;
}
