/*
 * HTML fragments for browsers without JavaScript: nginx SSI includes the
 * API's answer to a text/html request into the static page (conf/nginx).
 * Every piece of data goes through html_text/html_attr.
 */
#ifndef BEIAN_HTML_H
#define BEIAN_HTML_H

#include "util.h"

/* Escaped text: & < > " ' become entities; NULL writes nothing. */
void	html_text(struct buf *, const char *);
/* The same, for attribute values (always quoted by the caller). */
void	html_attr(struct buf *, const char *);

#endif
