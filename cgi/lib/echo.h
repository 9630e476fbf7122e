/*
 * A refused classic form's values, kept for the page it goes back to.
 *
 * Without JavaScript a refused post is answered 303 back to its page with
 * ?error=...; what was typed would be lost.  The values (never a file, a
 * password or where to go) are stored for the signed-in account under a
 * random id that the redirect carries as &echo=ID, and the page's fragment
 * fills the form from them.  Rows live in the database, so any host can
 * answer the page; beian-worker sweeps them after a day.
 */
#ifndef BEIAN_ECHO_H
#define BEIAN_ECHO_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "app.h"

#define ECHO_ID_LEN	32

/*
 * Store r's form fields for r's user; id gets the new id ("" when there
 * was nothing to keep or the store failed: the page then comes back
 * empty, as before).
 */
void		 echo_store(struct req *, char id[ECHO_ID_LEN + 1]);

/*
 * The values of the ?echo= of this request that were posted to action
 * (a page has several forms; only the refused one gets them back): a
 * JSON array of [key, value] in the order posted, or NULL (none, another
 * form's, another account's, or older than half an hour).
 */
const json_t	*echo_get(struct req *, const char *action);
/* The first value of key in that echo, or NULL. */
const char	*echo_str(struct req *, const char *action, const char *key);
/*
 * Every value of key, comma-joined ("32,64"; "" when none was posted),
 * or NULL when there is no such echo.  The caller frees it.
 */
char		*echo_list(struct req *, const char *action, const char *key);

#endif
