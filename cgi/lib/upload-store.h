/*
 * An uploaded material, from the multipart body to its stored, normalised
 * form (see upload.c for the contract): the handler the desktop and the
 * phone share.
 */
#ifndef BEIAN_UPLOAD_STORE_H
#define BEIAN_UPLOAD_STORE_H

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

#endif
