#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "multipart.h"
#include "util.h"

static bool
bchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || strchr("'()+_,-./:=? ", c) != NULL;
}

bool
mp_boundary(const char *ct, char *out)
{
	const char	*p, *v;
	size_t		 n = 0;

	if (ct == NULL)
		return false;
	/* Parameters follow ';'; the name is case-insensitive. */
	for (p = strchr(ct, ';'); p != NULL; p = strchr(p + 1, ';')) {
		v = p + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		if (strncasecmp(v, "boundary=", 9) == 0)
			break;
	}
	if (p == NULL)
		return false;
	v += 9;
	if (*v == '"') {
		for (v++; *v != '"'; v++) {
			if (*v == '\0' || n == MP_BOUNDARY_MAX ||
			    !bchar((unsigned char)*v))
				return false;
			out[n++] = *v;
		}
	} else {
		for (; *v != '\0' && *v != ';' && *v != ' ' && *v != '\t'; v++) {
			if (n == MP_BOUNDARY_MAX || !bchar((unsigned char)*v) ||
			    *v == ' ')
				return false;
			out[n++] = *v;
		}
	}
	/* A space may not end it (RFC 2046 bcharsnospace). */
	if (n == 0 || out[n - 1] == ' ')
		return false;
	out[n] = '\0';
	return true;
}

/* memmem(), which C11 lacks. */
static const char *
find(const char *h, size_t hn, const char *n, size_t nn)
{
	const char	*p = h, *end = h + hn;

	if (nn == 0 || hn < nn)
		return NULL;
	while ((p = memchr(p, n[0], (size_t)(end - p) - nn + 1)) != NULL) {
		if (memcmp(p, n, nn) == 0)
			return p;
		p++;
		if ((size_t)(end - p) < nn)
			break;
	}
	return NULL;
}

/*
 * The next real delimiter in p[0..end): "\r\n--boundary" followed by
 * "--" or by optional white space and CRLF.  Anything else that merely
 * starts like one ("--Bx") is data.
 */
static const char *
next_delim(const char *p, const char *end, const char *delim, size_t dl)
{
	const char	*d, *q;

	while ((d = find(p, (size_t)(end - p), delim, dl)) != NULL) {
		q = d + dl;
		if (end - q >= 2 && q[0] == '-' && q[1] == '-')
			return d;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (end - q >= 2 && q[0] == '\r' && q[1] == '\n')
			return d;
		p = d + 1;
	}
	return NULL;
}

/* Value of parameter name in a Content-Disposition; a new string. */
static char *
disp_param(const char *s, size_t sz, const char *name, bool *bad)
{
	const char	*p = s, *end = s + sz, *v;
	size_t		 nl = strlen(name);
	struct buf	 b = BUF_INIT;

	while (p < end) {
		while (p < end && *p != ';')
			p++;
		if (p == end)
			break;
		p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if ((size_t)(end - p) <= nl || strncasecmp(p, name, nl) != 0 ||
		    p[nl] != '=')
			continue;
		v = p + nl + 1;
		if (v < end && *v == '"') {
			for (v++; v < end && *v != '"'; v++) {
				/* A backslash quotes the next character. */
				if (*v == '\\' && v + 1 < end)
					v++;
				buf_append(&b, v, 1);
			}
			if (v == end) {
				*bad = true;
				buf_free(&b);
				return NULL;
			}
		} else
			for (; v < end && *v != ';' && *v != ' '; v++)
				buf_append(&b, v, 1);
		buf_append(&b, "", 0);
		return b.p != NULL ? b.p : xstrdup("");
	}
	return NULL;
}

static int
hexv(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* RFC 5987 ext-value: UTF-8''%E8%BA%AB.jpg; NULL if not that. */
static char *
ext_value(const char *v)
{
	const char	*p;
	struct buf	 b = BUF_INIT;
	int		 hi, lo;

	if (strncasecmp(v, "UTF-8'", 6) != 0 ||
	    (p = strchr(v + 6, '\'')) == NULL)
		return NULL;
	for (p++; *p != '\0'; p++) {
		if (*p == '%') {
			if ((hi = hexv(p[1])) < 0 || (lo = hexv(p[2])) < 0) {
				buf_free(&b);
				return NULL;
			}
			char c = (char)(hi << 4 | lo);
			buf_append(&b, &c, 1);
			p += 2;
		} else
			buf_append(&b, p, 1);
	}
	buf_append(&b, "", 0);
	return b.p;
}

struct	part {
	char	*name;
	char	*filename;
	char	*ctype;
	bool	 disposition;
};

static void
part_free(struct part *pt)
{
	free(pt->name);
	free(pt->filename);
	free(pt->ctype);
	memset(pt, 0, sizeof(*pt));
}

/* Headers of one part, s[0..sz) ending before the blank line. */
static enum app_err
part_headers(const char *s, size_t sz, struct part *pt)
{
	const char	*p = s, *end = s + sz, *eol, *colon, *v;
	size_t		 nhdr = 0;
	bool		 bad = false;
	char		*star;

	while (p < end) {
		eol = find(p, (size_t)(end - p), "\r\n", 2);
		if (eol == NULL)
			eol = end;
		if (memchr(p, '\n', (size_t)(eol - p)) != NULL ||
		    memchr(p, '\0', (size_t)(eol - p)) != NULL)
			return APP_EBADREQ;	/* a bare LF in the framing */
		if (++nhdr > MP_MAX_HEADERS)
			return APP_EBADREQ;
		if ((colon = memchr(p, ':', (size_t)(eol - p))) == NULL)
			return APP_EBADREQ;
		v = colon + 1;
		while (v < eol && (*v == ' ' || *v == '\t'))
			v++;
		if ((size_t)(colon - p) == 19 &&
		    strncasecmp(p, "Content-Disposition", 19) == 0) {
			if (pt->disposition || (size_t)(eol - v) < 9 ||
			    strncasecmp(v, "form-data", 9) != 0)
				return APP_EBADREQ;
			pt->disposition = true;
			pt->name = disp_param(v, (size_t)(eol - v), "name", &bad);
			pt->filename = disp_param(v, (size_t)(eol - v),
			    "filename", &bad);
			star = disp_param(v, (size_t)(eol - v), "filename*",
			    &bad);
			/* filename* wins: it can say UTF-8 unambiguously. */
			if (star != NULL) {
				char	*ev = ext_value(star);

				free(star);
				if (ev == NULL)
					return APP_EBADREQ;
				free(pt->filename);
				pt->filename = ev;
			}
			if (bad)
				return APP_EBADREQ;
		} else if ((size_t)(colon - p) == 12 &&
		    strncasecmp(p, "Content-Type", 12) == 0) {
			free(pt->ctype);
			pt->ctype = xstrndup(v, (size_t)(eol - v));
		}
		p = eol < end ? eol + 2 : end;
	}
	if (!pt->disposition || pt->name == NULL || pt->name[0] == '\0' ||
	    strlen(pt->name) > KV_MAX_KEY || !utf8_valid(pt->name,
	    strlen(pt->name)))
		return APP_EBADREQ;
	if (pt->filename != NULL && (strlen(pt->filename) > MP_MAX_FILENAME ||
	    !utf8_valid(pt->filename, strlen(pt->filename))))
		return APP_EBADREQ;
	return APP_OK;
}

enum app_err
mp_parse(const char *boundary, const char *body, size_t sz,
    struct kvlist *fields, struct mp_files *files)
{
	char		 delim[MP_BOUNDARY_MAX + 5];
	const char	*p, *end = body + sz, *hend, *next;
	size_t		 dl, nparts = 0, i;
	struct part	 pt;
	enum app_err	 er = APP_EBADREQ;

	memset(&pt, 0, sizeof(pt));
	if (strlen(boundary) == 0 || strlen(boundary) > MP_BOUNDARY_MAX)
		return APP_EBADREQ;
	/* "\r\n--" boundary: the delimiter after the first. */
	dl = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);

	/* The first delimiter may open the body without its CRLF. */
	if (sz >= dl - 2 && memcmp(body, delim + 2, dl - 2) == 0)
		p = body + dl - 2;
	else if ((p = next_delim(body, end, delim, dl)) != NULL)
		p += dl;
	else
		return APP_EBADREQ;

	for (;;) {
		/* After a delimiter: "--" closes, else padding then CRLF. */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return nparts > 0 ? APP_OK : APP_EBADREQ;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return APP_EBADREQ;
		p += 2;
		if (++nparts > MP_MAX_PARTS)
			return APP_EBADREQ;
		/* Headers end at the first blank line, within the limit. */
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
			hend = p;
		else if ((hend = find(p, (size_t)(end - p) < MP_MAX_HEADER ?
		    (size_t)(end - p) : MP_MAX_HEADER, "\r\n\r\n", 4)) == NULL)
			return APP_EBADREQ;
		memset(&pt, 0, sizeof(pt));
		if ((er = part_headers(p, (size_t)(hend - p), &pt)) != APP_OK)
			goto out;
		p = hend + (hend == p ? 2 : 4);
		/*
		 * A delimiter right after the headers, without its CRLF, is a
		 * "bodyless part": parsers disagree on it, so refuse it.
		 */
		if ((size_t)(end - p) >= dl - 2 &&
		    memcmp(p, delim + 2, dl - 2) == 0) {
			er = APP_EBADREQ;
			goto out;
		}
		/* The data runs to the next delimiter, which must exist. */
		if ((next = next_delim(p, end, delim, dl)) == NULL) {
			er = APP_EBADREQ;
			goto out;
		}
		if (pt.filename != NULL) {
			for (i = 0; i < files->n; i++)
				if (strcmp(files->v[i].name, pt.name) == 0) {
					er = APP_EBADREQ;
					goto out;
				}
			files->v = xreallocarray(files->v, files->n + 1,
			    sizeof(*files->v));
			files->v[files->n].name = pt.name;
			files->v[files->n].filename = pt.filename;
			files->v[files->n].ctype = pt.ctype;
			files->v[files->n].data = p;
			files->v[files->n].size = (size_t)(next - p);
			files->n++;
			memset(&pt, 0, sizeof(pt));
		} else {
			if (fields->n >= KV_MAX_FIELDS ||
			    memchr(p, '\0', (size_t)(next - p)) != NULL ||
			    !utf8_valid(p, (size_t)(next - p))) {
				er = APP_EBADREQ;
				goto out;
			}
			kv_add(fields, pt.name, xstrndup(p, (size_t)(next - p)),
			    (size_t)(next - p));
			pt.name = NULL;
			part_free(&pt);
		}
		p = next + dl;
	}
out:
	part_free(&pt);
	return er;
}

void
mp_files_free(struct mp_files *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		free(f->v[i].name);
		free(f->v[i].filename);
		free(f->v[i].ctype);
	}
	free(f->v);
	f->v = NULL;
	f->n = 0;
}
