/*
 * An uploaded material, from the multipart body to its stored, normalised
 * form (see upload.c for the contract).
 */
#ifndef BEIAN_DB_UPLOAD_H
#define BEIAN_DB_UPLOAD_H

#include <stdint.h>

#include "app.h"

/*
 * Take r's multipart fields kind, website_id and file for order oid of
 * account uid: sniff, normalise, store with the upload row and an event
 * by actor ("applicant", "phone").  201 into w, or the refusal.
 */
enum app_err	 upload_store(struct req *, struct resp *, int64_t oid,
			int64_t uid, const char *actor);
/*
 * The decoder limits of every upload path (desktop and phone): call once
 * at start-up.
 */
void		 upload_img_init(void);
/*
 * The uploads of order oid, oldest first, as the API shows them, appended
 * to arr.  The caller has checked who may see the order.
 */
enum app_err	 db_upload_list(struct db *, int64_t oid, json_t *arr);
/* Row callback of STMT_UPLOAD_KINDS into a JSON object kind -> facts. */
enum app_err	 upload_kinds_row(const struct db_row *, void *);

#endif
