#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "util.h"

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode s[0..sz) into a new string; NULL on a bad escape or NUL. */
static char *
url_decode(const char *s, size_t sz, size_t *outsz)
{
	char	*out;
	size_t	 i, o = 0;
	int	 hi, lo;

	out = xmalloc(sz + 1);
	for (i = 0; i < sz; i++) {
		if (s[i] == '+')
			out[o++] = ' ';
		else if (s[i] == '%') {
			if (sz - i < 3 ||
			    (hi = hexval((unsigned char)s[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)s[i + 2])) < 0)
				goto bad;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			out[o++] = s[i];
		if (out[o - 1] == '\0')
			goto bad;
	}
	out[o] = '\0';
	*outsz = o;
	return out;
bad:
	free(out);
	return NULL;
}

static void
kv_push(struct kvlist *l, char *key, char *val, size_t valsz)
{
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 8 : l->cap * 2;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n].key = key;
	l->v[l->n].val = val;
	l->v[l->n].valsz = valsz;
	l->n++;
}

void
kv_add(struct kvlist *l, char *key, char *val, size_t valsz)
{
	kv_push(l, key, val, valsz);
}

enum app_err
kv_parse_urlencoded(struct kvlist *l, const char *s, size_t sz)
{
	const char	*p = s, *end = s + sz, *amp, *eq;
	char		*key, *val;
	size_t		 ksz, vsz;

	while (p < end) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p) {
			p++;
			continue;
		}
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		if (l->n >= KV_MAX_FIELDS)
			return APP_EBADREQ;
		if ((key = url_decode(p, (size_t)(eq - p), &ksz)) == NULL)
			return APP_EBADREQ;
		if (ksz == 0 || ksz > KV_MAX_KEY || !utf8_valid(key, ksz)) {
			free(key);
			return APP_EBADREQ;
		}
		val = eq < amp ?
		    url_decode(eq + 1, (size_t)(amp - eq - 1), &vsz) :
		    url_decode("", 0, &vsz);
		if (val == NULL || !utf8_valid(val, vsz)) {
			free(key);
			free(val);
			return APP_EBADREQ;
		}
		kv_push(l, key, val, vsz);
		p = amp < end ? amp + 1 : end;
	}
	return APP_OK;
}

enum app_err
kv_parse_cookies(struct kvlist *l, const char *s, size_t sz)
{
	const char	*p = s, *end = s + sz, *semi, *eq, *ks, *ke, *vs, *ve;

	while (p < end) {
		if ((semi = memchr(p, ';', (size_t)(end - p))) == NULL)
			semi = end;
		ks = p;
		p = semi < end ? semi + 1 : end;
		while (ks < semi && (*ks == ' ' || *ks == '\t'))
			ks++;
		if ((eq = memchr(ks, '=', (size_t)(semi - ks))) == NULL)
			continue;
		ke = eq;
		while (ke > ks && (ke[-1] == ' ' || ke[-1] == '\t'))
			ke--;
		vs = eq + 1;
		ve = semi;
		while (vs < ve && (*vs == ' ' || *vs == '\t'))
			vs++;
		while (ve > vs && (ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;
		if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"') {
			vs++;
			ve--;
		}
		if (ke == ks || (size_t)(ke - ks) > KV_MAX_KEY)
			continue;
		if (memchr(ks, '\0', (size_t)(ve - ks)) != NULL)
			continue;
		if (!utf8_valid(vs, (size_t)(ve - vs)))
			continue;
		if (l->n >= KV_MAX_FIELDS)
			return APP_EBADREQ;
		kv_push(l, xstrndup(ks, (size_t)(ke - ks)),
		    xstrndup(vs, (size_t)(ve - vs)), (size_t)(ve - vs));
	}
	return APP_OK;
}

const char *
kv_get(const struct kvlist *l, const char *key)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return l->v[i].val;
	return NULL;
}

const char *
kv_nth(const struct kvlist *l, const char *key, size_t nth)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0 && nth-- == 0)
			return l->v[i].val;
	return NULL;
}

size_t
kv_count(const struct kvlist *l, const char *key)
{
	size_t	 i, n = 0;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			n++;
	return n;
}

void
kv_free(struct kvlist *l)
{
	size_t	 i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].val);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

size_t
json_depth(const char *s, size_t sz)
{
	size_t	 i, depth = 0, max = 0;
	bool	 instr = false;

	for (i = 0; i < sz; i++) {
		if (instr) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				instr = false;
			continue;
		}
		switch (s[i]) {
		case '"':
			instr = true;
			break;
		case '{':
		case '[':
			if (++depth > max)
				max = depth;
			break;
		case '}':
		case ']':
			if (depth == 0)
				return SIZE_MAX;
			depth--;
			break;
		default:
			break;
		}
	}
	return depth == 0 && !instr ? max : SIZE_MAX;
}

enum app_err
json_body_parse(const char *s, size_t sz, size_t maxdepth, json_t **out)
{
	json_error_t	 jerr;
	json_t		*j;
	size_t		 d;

	*out = NULL;
	d = json_depth(s, sz);
	if (d == SIZE_MAX || d > maxdepth)
		return APP_EBADREQ;
	/* Duplicate keys are an ambiguity an attacker can exploit. */
	j = json_loadb(s, sz, JSON_REJECT_DUPLICATES, &jerr);
	if (j == NULL)
		return APP_EBADREQ;
	if (!json_is_object(j)) {
		json_decref(j);
		return APP_EBADREQ;
	}
	*out = j;
	return APP_OK;
}
