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
