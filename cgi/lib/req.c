#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fcgiapp.h>

#include "app.h"
#include "log.h"

static const struct {
	const char	*name;
	enum method	 m;
} methods[] = {
	{ "GET", M_GET },
	{ "HEAD", M_HEAD },
	{ "POST", M_POST },
	{ "PUT", M_PUT },
	{ "DELETE", M_DELETE },
	{ "PATCH", M_PATCH },
};

const char *
req_env(const struct req *r, const char *name)
{
	if (r->envp == NULL)
		return NULL;
	return FCGX_GetParam(name, r->envp);
}

/*
 * The media type of Content-Type, lower-cased, without parameters; ""
 * when it does not fit (a padded type must not pass as a known one).
 */
static void
media_type(const char *ct, char *out, size_t outsz)
{
	size_t	 i, n;

	out[0] = '\0';
	if (ct == NULL)
		return;
	n = strcspn(ct, ";");
	while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
		n--;
	if (n >= outsz)
		return;
	for (i = 0; i < n; i++)
		out[i] = (ct[i] >= 'A' && ct[i] <= 'Z') ? ct[i] + 32 : ct[i];
	out[n] = '\0';
}

static bool
accepts_html(const char *accept)
{
	const char	*h, *j;

	if (accept == NULL || (h = strstr(accept, "text/html")) == NULL)
		return false;
	/* "application/json, text/html" is an API client. */
	j = strstr(accept, "application/json");
	return j == NULL || h < j;
}

enum app_err
req_parse_head(struct req *r)
{
	const char	*m, *qs, *ck, *ct;
	char		 mt[64];
	size_t		 i;
	enum app_err	 er;

	m = req_env(r, "REQUEST_METHOD");
	r->method = M_OTHER;
	r->method_name = m != NULL ? m : "-";
	for (i = 0; m != NULL && i < nitems(methods); i++)
		if (strcmp(methods[i].name, m) == 0)
			r->method = methods[i].m;
	r->path = xstrdup(req_env(r, "DOCUMENT_URI") != NULL ?
	    req_env(r, "DOCUMENT_URI") : "/");

	if ((qs = req_env(r, "QUERY_STRING")) != NULL &&
	    (er = kv_parse_urlencoded(&r->query, qs, strlen(qs))) != APP_OK)
		return er;
	if ((ck = req_env(r, "HTTP_COOKIE")) != NULL)
		(void)kv_parse_cookies(&r->cookies, ck, strlen(ck));

	ct = req_env(r, "CONTENT_TYPE");
	media_type(ct, mt, sizeof(mt));
	if (strcmp(mt, "application/x-www-form-urlencoded") == 0 ||
	    strcmp(mt, "multipart/form-data") == 0)
		r->html = accepts_html(req_env(r, "HTTP_ACCEPT"));
	if (r->method == M_GET || r->method == M_HEAD)
		r->want_html = accepts_html(req_env(r, "HTTP_ACCEPT"));
	return APP_OK;
}

enum app_err
req_parse_body(struct req *r, const char *body, size_t bodysz)
{
	const char	*ct = req_env(r, "CONTENT_TYPE");
	char		 mt[64];

	media_type(ct, mt, sizeof(mt));
	if (strcmp(mt, "application/json") == 0) {
		r->body_kind = BODY_JSON;
		if (bodysz == 0)
			return APP_OK;
		return json_body_parse(body, bodysz,
		    (size_t)r->conf->json_max_depth, &r->json);
	}
	if (strcmp(mt, "application/x-www-form-urlencoded") == 0) {
		r->body_kind = BODY_FORM;
		return kv_parse_urlencoded(&r->form, body, bodysz);
	}
	if (strcmp(mt, "multipart/form-data") == 0) {
		char	 boundary[MP_BOUNDARY_MAX + 1];

		r->body_kind = BODY_FORM;
		if (!mp_boundary(ct, boundary))
			return APP_EBADREQ;
		return mp_parse(boundary, body, bodysz, &r->form, &r->files);
	}
	return bodysz == 0 ? APP_OK : APP_EMEDIA;
}

enum app_err
req_parse(struct req *r, const char *body, size_t bodysz)
{
	enum app_err	 er;

	if ((er = req_parse_head(r)) != APP_OK)
		return er;
	return req_parse_body(r, body, bodysz);
}

/* Whether name is a word of the space-separated list. */
static bool
word_in(const char *list, const char *name)
{
	const char	*p;
	size_t		 n = strlen(name);

	for (p = list; p != NULL && *p != '\0'; p += strcspn(p, " ")) {
		p += strspn(p, " ");
		if (strncmp(p, name, n) == 0 && (p[n] == ' ' || p[n] == '\0'))
			return true;
	}
	return false;
}

/* The i-th name of the form's fields, then of its files. */
static const char *
form_name(const struct req *r, size_t i)
{
	return i < r->form.n ? r->form.v[i].key : r->files.v[i - r->form.n].name;
}

const char *
req_form_duplicate(const struct req *r, const char *repeats)
{
	size_t		 i, j, n;
	const char	*k;

	if (r->body_kind != BODY_FORM)
		return NULL;
	/* At most KV_MAX_FIELDS + MP_MAX_PARTS names: quadratic is fine. */
	n = r->form.n + r->files.n;
	for (i = 0; i < n; i++) {
		k = form_name(r, i);
		for (j = i + 1; j < n; j++)
			if (strcmp(k, form_name(r, j)) == 0 &&
			    !word_in(repeats, k))
				return k;
	}
	return NULL;
}

const char *
req_str(const struct req *r, const char *name)
{
	json_t	*v;

	if (r->body_kind == BODY_JSON) {
		v = json_object_get(r->json, name);
		return json_is_string(v) ? json_string_value(v) : NULL;
	}
	if (r->body_kind == BODY_FORM)
		return kv_get(&r->form, name);
	return NULL;
}

bool
req_is_form(const struct req *r)
{
	return r->body_kind == BODY_FORM;
}

bool
req_is_https(const struct req *r)
{
	const char	*h = req_env(r, "HTTPS");
	const char	*s = req_env(r, "REQUEST_SCHEME");

	return (h != NULL && strcasecmp(h, "on") == 0) ||
	    (s != NULL && strcmp(s, "https") == 0);
}

/* "http://host:port" of this request into out; false if unknown. */
static bool
self_origin(const struct req *r, char *out, size_t outsz)
{
	const char	*host = req_env(r, "BEIAN_HOST");
	int		 n;

	if (host == NULL)
		host = req_env(r, "HTTP_HOST");

	if (host == NULL || *host == '\0' || strpbrk(host, "/\\@ ") != NULL)
		return false;
	n = snprintf(out, outsz, "%s://%s", req_is_https(r) ? "https" :
	    "http", host);
	return n > 0 && (size_t)n < outsz;
}

bool
req_same_origin(const struct req *r)
{
	const char	*o = req_env(r, "HTTP_ORIGIN");
	const char	*ref = req_env(r, "HTTP_REFERER");
	char		 self[512];
	size_t		 n;

	if (!self_origin(r, self, sizeof(self)))
		return false;
	if (o != NULL && strcmp(o, "null") != 0)
		return strcasecmp(o, self) == 0;
	if (ref == NULL)
		return false;
	n = strlen(self);
	return strncasecmp(ref, self, n) == 0 && ref[n] == '/';
}

bool
req_cross_site(const struct req *r)
{
	const char	*o = req_env(r, "HTTP_ORIGIN");
	const char	*sfs = req_env(r, "HTTP_SEC_FETCH_SITE");
	char		 self[512];

	if (sfs != NULL && strcmp(sfs, "cross-site") == 0)
		return true;
	if (o == NULL)
		return false;
	/* A sandboxed frame or a privacy redirect sends "null". */
	if (strcmp(o, "null") == 0)
		return true;
	if (!self_origin(r, self, sizeof(self)))
		return true;
	return strcasecmp(o, self) != 0;
}

void
req_free(struct req *r)
{
	if (r == NULL)
		return;
	free(r->path);
	kv_free(&r->query);
	kv_free(&r->cookies);
	kv_free(&r->form);
	mp_files_free(&r->files);
	json_decref(r->json);
	json_decref(r->echo);
	buf_free(&r->body);
	free(r->user.login);
	free(r->user.name);
	free(r->user.role);
	memset(r, 0, sizeof(*r));
}
