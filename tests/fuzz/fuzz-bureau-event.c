/*
 * The bureau's callback (lib/bureau.c): its JSON body and its signature
 * headers, from whoever reaches the route.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/bureau.h"
#include "lib/signed-post.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	struct bureau_event	 ev;
	const char		*field, *why;
	json_t			*j;
	const char		*sig;
	char			*in, ts[32];
	size_t			 cut;

	if ((in = malloc(sz + 1)) == NULL)
		abort();
	memcpy(in, data, sz);
	in[sz] = '\0';
	if ((j = json_loadb(in, sz, JSON_REJECT_DUPLICATES, NULL)) != NULL) {
		if (bureau_event_read(j, &ev, &field, &why)) {
			assert(ev.kind < BE__MAX && ev.order_id > 0);
			assert(strlen(ev.note) <= BUREAU_NOTE_MAX);
			assert(ev.kind != BE_REJECTED || ev.reason[0] == 'R');
		} else
			assert(field != NULL && why != NULL);
		json_decref(j);
	}
	/* The first line as the timestamp, the rest as the signature. */
	cut = strcspn(in, "\n");
	memcpy(ts, in, cut < sizeof(ts) - 1 ? cut : sizeof(ts) - 1);
	ts[cut < sizeof(ts) - 1 ? cut : sizeof(ts) - 1] = '\0';
	sig = in[cut] != '\0' ? in + cut + 1 : in + cut;
	assert(!sign_check("0123456789abcdef0123456789abcdef", ts, sig, in, sz,
	    1796090400) || strlen(sig) == 71);
	free(in);
	return 0;
}
