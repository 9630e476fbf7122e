#include <regex.h>
#include <string.h>

#include <sodium.h>

#include "sin.h"

static const char	 crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

bool
sin_normalise(const char *in, char *out, size_t outsz)
{
	const unsigned char	*p = (const unsigned char *)in;
	size_t			 o = 0;
	unsigned int		 c;

	if (in == NULL || outsz == 0)
		return false;
	while (*p != '\0') {
		c = *p;
		/* U+3000 ideographic space and U+FF01..U+FF5E full width. */
		if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3;
			continue;
		}
		if (p[0] == 0xef && (p[1] == 0xbc || p[1] == 0xbd) &&
		    p[2] >= 0x80 && p[2] <= 0xbf) {
			c = (p[1] == 0xbc ? 0xff00u : 0xff40u) + (p[2] - 0x80u);
			if (c < 0xff01 || c > 0xff5e)
				return false;
			c = c - 0xff01 + 0x21;
			p += 3;
		} else
			p++;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (c >= 'a' && c <= 'z')
			c -= 32;
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-'))
			return false;
		if (o + 1 >= outsz || o >= SIN_MAX)
			return false;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return o > 0;
}

bool
sin_shape(const char *norm, const char *example, char *out, size_t outsz)
{
	size_t	 have = 0, want = 0, i, o = 0;
	const char *p;

	if (norm == NULL || example == NULL || outsz == 0)
		return false;
	for (p = norm; *p != '\0'; p++)
		have += *p != '-';
	for (p = example; *p != '\0'; p++)
		want += *p != '-';
	if (have != want || strlen(example) >= outsz)
		return false;
	for (i = 0; example[i] != '\0'; i++) {
		if (example[i] == '-') {
			out[o++] = '-';
			continue;
		}
		while (*norm == '-')
			norm++;
		out[o++] = *norm++;
	}
	out[o] = '\0';
	return true;
}

bool
sin_format_match(const char *pattern, const char *s)
{
	regex_t	 re;
	bool	 ok;

	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
		return false;
	ok = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

void
sin_generate(char out[SIN_NEW_LEN + 1])
{
	size_t	 i, o = 0;

	for (i = 0; i < 16; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		/* 32 divides 2^32: uniform. */
		out[o++] = crockford[randombytes_uniform(32)];
	}
	out[o] = '\0';
}
