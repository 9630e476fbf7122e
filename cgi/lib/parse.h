/*
 * Parsers for untrusted request text: query strings and
 * application/x-www-form-urlencoded bodies, Cookie headers, JSON bodies.
 * Pure functions over (pointer, size) so that the fuzz targets in
 * tests/fuzz/ drive exactly the code the programs run.
 */
#ifndef BEIAN_PARSE_H
#define BEIAN_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "err.h"

#define KV_MAX_FIELDS	256	/* per query string, body or Cookie header */
#define KV_MAX_KEY	128	/* bytes of a decoded key */

struct	kv {
	char	*key;		/* decoded, NUL-terminated */
	char	*val;		/* decoded, NUL-terminated, valid UTF-8 */
	size_t	 valsz;
};

struct	kvlist {
	struct kv	*v;
	size_t		 n;
	size_t		 cap;
};

/*
 * Decode "a=1&b=%E4%B8%AD" into l (appending).  APP_EBADREQ on a bad
 * %-escape, a NUL byte, invalid UTF-8, a key over KV_MAX_KEY or more
 * than KV_MAX_FIELDS pairs; l then holds what was decoded before.
 */
enum app_err	 kv_parse_urlencoded(struct kvlist *, const char *, size_t);

/*
 * Split a Cookie header ("a=1; b=2").  Values are not decoded;
 * malformed pairs are skipped, as browsers do.
 */
enum app_err	 kv_parse_cookies(struct kvlist *, const char *, size_t);

/* Append a pair; the list takes ownership of key and val. */
void		 kv_add(struct kvlist *, char *key, char *val, size_t valsz);
/* First value for key, or NULL. */
const char	*kv_get(const struct kvlist *, const char *);
/* How many pairs carry key. */
/* The value of key's nth occurrence (0: the first), or NULL. */
const char	*kv_nth(const struct kvlist *, const char *, size_t nth);
size_t		 kv_count(const struct kvlist *, const char *);
void		 kv_free(struct kvlist *);

/*
 * Parse a JSON body whose root must be an object, refusing nesting
 * deeper than maxdepth before jansson sees it (jansson's own limit is
 * 2048 levels of recursion).  *out is owned by the caller.
 */
enum app_err	 json_body_parse(const char *, size_t, size_t maxdepth,
			json_t **out);

/* Nesting depth of JSON text, skipping strings; SIZE_MAX if unbalanced. */
size_t		 json_depth(const char *, size_t);

#endif
