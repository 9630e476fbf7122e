/*
 * An order's uploads as stored.
 */
#ifndef BEIAN_DB_UPLOAD_H
#define BEIAN_DB_UPLOAD_H

#include <stdint.h>

#include <jansson.h>

#include "db.h"

/*
 * The uploads of order oid, oldest first, as the API shows them, appended
 * to arr.  The caller has checked who may see the order.
 */
enum app_err	 db_upload_list(struct db *, int64_t oid, json_t *arr);

#endif
