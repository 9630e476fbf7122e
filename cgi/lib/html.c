#include <string.h>

#include "html.h"

void
html_text(struct buf *b, const char *s)
{
	const char	*run;

	if (s == NULL)
		return;
	while (*s != '\0') {
		run = s;
		while (*s != '\0' && strchr("&<>\"'", *s) == NULL)
			s++;
		buf_append(b, run, (size_t)(s - run));
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: return;
		}
		s++;
	}
}

void
html_attr(struct buf *b, const char *s)
{
	html_text(b, s);
}

void
url_escape(struct buf *b, const char *s)
{
	static const char	 hx[] = "0123456789ABCDEF";
	unsigned char		 c;
	char			 e[3];

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		    c == '.') {
			buf_append(b, s, 1);
			continue;
		}
		e[0] = '%';
		e[1] = hx[c >> 4];
		e[2] = hx[c & 0xf];
		buf_append(b, e, 3);
	}
}

void
page_with_id(struct buf *b, const char *page)
{
	const char	*q, *id;
	size_t		 n;

	buf_append(b, page, strcspn(page, "?#"));
	if ((q = strchr(page, '?')) != NULL) {
		for (id = q; id != NULL; id = strchr(id + 1, '&'))
			if (strncmp(id + 1, "id=", 3) == 0)
				break;
		n = id != NULL ? strspn(id + 4, "0123456789") : 0;
		if (n > 0 && n < 19) {
			buf_puts(b, "?id=");
			buf_append(b, id + 4, n);
			/* The website form being edited comes back open. */
			for (id = q; id != NULL; id = strchr(id + 1, '&'))
				if (strncmp(id + 1, "edit=", 5) == 0)
					break;
			n = id != NULL ? strspn(id + 6, "0123456789") : 0;
			if (n > 0 && n < 19) {
				buf_puts(b, "&edit=");
				buf_append(b, id + 6, n);
			}
		}
	}
	/*
	 * The phone page keeps its handoff token in the fragment; a step
	 * page names the place to return to ("#slot-owner_id_front-12").
	 */
	if ((q = strchr(page, '#')) != NULL && (strncmp(q, "#t=", 3) == 0 ||
	    strncmp(q, "#slot-", 6) == 0 || strncmp(q, "#item-", 6) == 0)) {
		id = strncmp(q, "#t=", 3) == 0 ? q + 3 : q + 1;
		if ((n = strlen(id)) > 0 && n <= 96 && strspn(id,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789_-") == n)
			buf_puts(b, q);
	}
}
