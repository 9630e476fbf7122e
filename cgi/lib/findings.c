/*
 * What the rules found (see filing.h), and the targets they point at.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filing.h"

struct target
target_field(int64_t wid, const char *field)
{
	struct target	 t;

	memset(&t, 0, sizeof(t));
	t.kind = TARGET_FIELD;
	t.website_id = wid;
	t.field = field;
	return t;
}

struct target
target_upload(int64_t uid)
{
	struct target	 t;

	memset(&t, 0, sizeof(t));
	t.kind = TARGET_UPLOAD;
	t.upload_id = uid;
	return t;
}

struct target
target_slot(const char *kind, int64_t wid)
{
	struct target	 t;

	memset(&t, 0, sizeof(t));
	t.kind = TARGET_SLOT;
	t.website_id = wid;
	t.slot = xstrdup(kind != NULL ? kind : "");
	return t;
}

struct target
target_step(const char *step)
{
	struct target	 t;

	memset(&t, 0, sizeof(t));
	t.kind = TARGET_STEP;
	t.step = step;
	return t;
}

static char	*vformat(const char *, va_list)
		    __attribute__((format(printf, 1, 0)));

/*
 * The message is formatted into as much memory as it takes: no message
 * is cut (a cut one once ended mid-character and was dropped whole).
 */
static char *
vformat(const char *fmt, va_list ap)
{
	va_list	 copy;
	char	*s;
	int	 n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return NULL;
	if ((s = malloc((size_t)n + 1)) == NULL)
		return NULL;
	(void)vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static char	*format(const char *, ...)
		    __attribute__((format(printf, 1, 2)));

static char *
format(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = vformat(fmt, ap);
	va_end(ap);
	return s;
}

struct finding *
finding_vadd(struct findings *f, const char *rule, const char *reason,
    enum severity sev, struct target t, const char *fix, const char *fmt,
    va_list ap)
{
	struct finding	*e, *v;
	size_t		 cap;

	if (f->limit > 0 && f->n >= f->limit) {
		free(t.slot);
		f->failed = true;
		return NULL;
	}
	if (f->n == f->cap) {
		cap = f->cap == 0 ? 16 : f->cap * 2;
		if ((v = realloc(f->v, cap * sizeof(*v))) == NULL) {
			free(t.slot);
			f->failed = true;
			return NULL;
		}
		f->v = v;
		f->cap = cap;
	}
	e = &f->v[f->n];
	memset(e, 0, sizeof(*e));
	e->rule = rule;
	e->reason = reason;
	e->severity = sev;
	e->target = t;
	e->message = vformat(fmt, ap);
	/*
	 * A rule whose row says nothing (an operator's empty message) still
	 * tells the applicant which rule: never a blank error.
	 */
	if (e->message != NULL && e->message[strspn(e->message, " ")] == '\0') {
		free(e->message);
		e->message = format("此项不符合备案要求（规则 %s），请检查后重试",
		    rule);
	}
	e->fix = fix != NULL ? strdup(fix) : NULL;
	if (e->message == NULL || (fix != NULL && e->fix == NULL) ||
	    !utf8_valid(e->message, strlen(e->message)) ||
	    (e->fix != NULL && !utf8_valid(e->fix, strlen(e->fix)))) {
		free(e->message);
		free(e->fix);
		free(t.slot);
		f->failed = true;
		return NULL;
	}
	f->n++;
	return e;
}

struct finding *
finding_add(struct findings *f, const char *rule, const char *reason,
    enum severity sev, struct target t, const char *fix, const char *fmt, ...)
{
	struct finding	*e;
	va_list		 ap;

	va_start(ap, fmt);
	e = finding_vadd(f, rule, reason, sev, t, fix, fmt, ap);
	va_end(ap);
	return e;
}

size_t
findings_count(const struct findings *f, enum severity sev)
{
	size_t	 i, n = 0;

	for (i = 0; i < f->n; i++)
		if (f->v[i].severity == sev)
			n++;
	return n;
}

const struct finding *
findings_first(const struct findings *f, enum severity sev, int64_t wid,
    const char *field)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].severity == sev &&
		    f->v[i].target.kind == TARGET_FIELD &&
		    f->v[i].target.website_id == wid &&
		    strcmp(f->v[i].target.field, field) == 0)
			return &f->v[i];
	return NULL;
}

void
findings_free(struct findings *f)
{
	size_t	 i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++) {
		free(f->v[i].message);
		free(f->v[i].fix);
		free(f->v[i].href);
		free(f->v[i].target.slot);
	}
	free(f->v);
	memset(f, 0, sizeof(*f));
}
