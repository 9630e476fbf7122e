/*
 * Key tables for request input (see input.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "parse.h"

/* The member of o at a dotted path ("owner.name"), or NULL. */
static const json_t *
json_at(const json_t *o, const char *path, size_t len)
{
	const char	*dot;
	char		 key[64];
	size_t		 n;

	while (o != NULL && len > 0) {
		dot = memchr(path, '.', len);
		n = dot != NULL ? (size_t)(dot - path) : len;
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		o = json_object_get(o, key);
		if (dot == NULL)
			break;
		len -= n + 1;
		path = dot + 1;
	}
	return o;
}

/* A JSON scalar as the string a form would send; NULL for other types. */
static const char *
json_text(const json_t *v, struct strs *own)
{
	char	 num[32];

	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		(void)snprintf(num, sizeof(num), "%lld",
		    (long long)json_integer_value(v));
		return strs_keep(own, xstrdup(num));
	}
	return NULL;
}

static bool
form_true(const char *s)
{
	return s != NULL && (strcmp(s, "1") == 0 || strcmp(s, "on") == 0 ||
	    strcmp(s, "true") == 0);
}

/* An IN_LIST from a JSON body: "a" or "a[].b". */
static size_t
json_list(const json_t *body, const char *path, const char ***out,
    struct strs *own)
{
	const char	*br = strstr(path, "[].");
	const json_t	*arr, *e;
	const char	**v;
	size_t		 i, n;

	arr = json_at(body, path, br != NULL ? (size_t)(br - path) :
	    strlen(path));
	n = json_array_size(arr);
	v = xcalloc(n + 1, sizeof(*v));
	for (i = 0; i < n; i++) {
		e = json_array_get(arr, i);
		if (br != NULL)
			e = json_at(e, br + 3, strlen(br + 3));
		v[i] = json_text(e, own);
	}
	*out = v;
	return n;
}

static size_t
form_list(const struct kvlist *form, const char *key, const char ***out)
{
	const char	**v;
	size_t		  i, n = 0;

	v = xcalloc(form->n + 1, sizeof(*v));
	for (i = 0; i < form->n; i++)
		if (strcmp(form->v[i].key, key) == 0)
			v[n++] = form->v[i].val;
	*out = v;
	return n;
}

enum app_err
input_fill(const struct req *r, struct resp *w, const struct in_field *t,
    size_t n, void *dst, struct strs *own)
{
	const struct in_field	*f;
	const char		*s, **list;
	char			*base = dst;
	bool			 form = r->body_kind == BODY_FORM, bad = false;
	enum vr			 v;
	size_t			 i;

	for (i = 0; i < n; i++) {
		f = &t[i];
		switch (f->type) {
		case IN_STR:
			s = form ? kv_get(&r->form, f->form) :
			    json_text(json_at(r->json, f->json,
			    strlen(f->json)), own);
			memcpy(base + f->off, &s, sizeof(s));
			if (f->required && (s == NULL || *s == '\0')) {
				(void)resp_field(w, f->key, f->missing);
				bad = true;
			} else if (s != NULL && *s != '\0' && f->valid != NULL &&
			    (v = f->valid(s)) != VR_OK) {
				(void)resp_field(w, f->key, valid_message(v));
				bad = true;
			}
			break;
		case IN_BOOL:
			*(bool *)(void *)(base + f->off) = form ?
			    form_true(kv_get(&r->form, f->form)) :
			    json_is_true(json_at(r->json, f->json,
			    strlen(f->json)));
			break;
		case IN_LIST:
			*(size_t *)(void *)(base + f->count) = form ?
			    form_list(&r->form, f->form, &list) :
			    json_list(r->json, f->json, &list, own);
			(void)strs_keep(own, (char *)list);
			memcpy(base + f->off, &list, sizeof(list));
			if (f->required &&
			    *(size_t *)(void *)(base + f->count) == 0) {
				(void)resp_field(w, f->key, f->missing);
				bad = true;
			}
			break;
		}
	}
	return bad ? APP_EINVAL : APP_OK;
}
