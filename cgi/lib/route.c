#include <string.h>

#include "app.h"

/* One "{id}" segment: a positive integer, no sign, no leading zero. */
static bool
seg_id(const char *s, size_t n, int64_t *out)
{
	int64_t	 v = 0;
	size_t	 i;

	if (n == 0 || n > 18 || s[0] == '0')
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool
route_match(const char *pat, const char *path, int64_t *ids, size_t *nids)
{
	return route_match_str(pat, path, ids, nids, NULL, 0);
}

bool
route_match_str(const char *pat, const char *path, int64_t *ids,
    size_t *nids, char *str, size_t strsz)
{
	const char	*p = pat, *q = path, *pe, *qe;
	size_t		 n = 0;

	*nids = 0;
	while (*p != '\0' && *q != '\0') {
		if (*p != '/' || *q != '/')
			return false;
		p++;
		q++;
		pe = p + strcspn(p, "/");
		qe = q + strcspn(q, "/");
		if ((size_t)(pe - p) == 4 && strncmp(p, "{id}", 4) == 0) {
			if (n == ROUTE_MAX_IDS ||
			    !seg_id(q, (size_t)(qe - q), &ids[n]))
				return false;
			n++;
		} else if ((size_t)(pe - p) == 5 &&
		    strncmp(p, "{str}", 5) == 0) {
			/* One segment of text: "浙江", "330000". */
			if (str == NULL || qe == q || (size_t)(qe - q) >= strsz ||
			    memchr(q, '%', (size_t)(qe - q)) != NULL)
				return false;
			memcpy(str, q, (size_t)(qe - q));
			str[qe - q] = '\0';
		} else if (pe - p != qe - q ||
		    strncmp(p, q, (size_t)(pe - p)) != 0)
			return false;
		p = pe;
		q = qe;
	}
	if (*p != '\0' || *q != '\0')
		return false;
	*nids = n;
	return true;
}
