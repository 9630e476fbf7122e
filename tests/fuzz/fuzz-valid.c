/* The website step's validators: name, domain, ID number, phones, URL. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "lib/valid.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t sz)
{
	static const char *const suffixes[] = {
		"cn", "com", "com.cn", "xn--fiqs8s", "top"
	};
	char	*in, u[300], a[300];
	size_t	 n;
	int64_t	 birth;

	if ((in = malloc(sz + 1)) == NULL)
		abort();
	memcpy(in, data, sz);
	in[sz] = '\0';
	(void)valid_id_card(in, 20261128, &birth);
	(void)valid_id_other(in);
	(void)valid_mobile(in);
	(void)valid_phone(in);
	(void)valid_email(in);
	if (valid_domain(in, suffixes, 5, u, a, sizeof(u)) == VR_OK) {
		/* What we store is plain LDH ASCII and valid UTF-8. */
		assert(strspn(a, "abcdefghijklmnopqrstuvwxyz0123456789-.") ==
		    strlen(a));
		assert(utf8_valid(u, strlen(u)));
		assert(valid_homepage(a, a) == VR_OK);
	}
	if (utf8_valid(in, strlen(in)))
		(void)valid_site_name(in, 3, 50, &n);
	(void)valid_homepage(in, "example.com");
	free(in);
	return 0;
}
