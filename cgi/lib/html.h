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

/* %-encode everything but [A-Za-z0-9_.-] (a query value, a path part). */
void	url_escape(struct buf *, const char *);

/*
 * The path of a same-site URL ("/order/product.html?id=7&error=x#e")
 * with only its id parameter kept ("/order/product.html?id=7"; with an
 * order id, a numeric edit= too: the website form being edited), and a
 * handoff token fragment ("/m/#t=..."): where to send a browser back to,
 * without stale messages.
 */
void	page_with_id(struct buf *, const char *);

#endif
