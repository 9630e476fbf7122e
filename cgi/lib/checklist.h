/*
 * The materials an order needs (domain.md §12, province rules T2), with
 * what is already uploaded: one list for the desktop upload step and
 * the phone, so both ask for exactly the same documents.
 */
#ifndef BEIAN_CHECKLIST_H
#define BEIAN_CHECKLIST_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app.h"

struct	checklist {
	json_t	*uploads;	/* the order's uploads, newest last */
	json_t	*kinds;		/* kind -> {name, per_website, ...} */
	json_t	*items;		/* {kind, kind_name, website_id, website_name,
				    why, present, upload_id} */
	size_t	 missing;	/* items not present */
};

/*
 * Fill c for order oid of account uid; APP_ENOTFOUND for another
 * account's order.  c is always left safe for checklist_free().
 */
enum app_err	 checklist_load(struct db *, int64_t oid, int64_t uid,
			struct checklist *c);
void		 checklist_free(struct checklist *);

#endif
