/*
 * An order's uploads as the API shows them (see db-upload.h).
 */
#include <stdio.h>

#include "db-upload.h"

static enum app_err
upload_row(const struct db_row *row, void *arg)
{
	json_t	*arr = arg, *warn;
	char	 url[64], turl[72];

	warn = json_loads(db_row_str(row, COL_UPLOAD_LIST_WARNINGS) ? db_row_str(row, COL_UPLOAD_LIST_WARNINGS) : "[]", 0,
	    NULL);
	snprintf(url, sizeof(url), "/api/uploads/%lld",
	    (long long)db_row_int(row, COL_UPLOAD_LIST_ID));
	snprintf(turl, sizeof(turl), "%s/thumb", url);
	json_array_append_new(arr, json_pack("{s:I, s:I, s:s, s:s, s:I, s:I, "
	    "s:I, s:s, s:o, s:s, s:s, s:s, s:s}",
	    "id", (json_int_t)db_row_int(row, COL_UPLOAD_LIST_ID),
	    "website_id", (json_int_t)db_row_int(row, COL_UPLOAD_LIST_WEBSITE_ID),
	    "kind", db_row_str(row, COL_UPLOAD_LIST_KIND), "kind_name", db_row_str(row, COL_UPLOAD_LIST_KIND_NAME),
	    "width", (json_int_t)db_row_int(row, COL_UPLOAD_LIST_WIDTH),
	    "height", (json_int_t)db_row_int(row, COL_UPLOAD_LIST_HEIGHT),
	    "bytes", (json_int_t)db_row_int(row, COL_UPLOAD_LIST_BYTES),
	    "filename", db_row_str(row, COL_UPLOAD_LIST_FILENAME),
	    "warnings", warn != NULL ? warn : json_array(),
	    "sha256", db_row_str(row, COL_UPLOAD_LIST_BLOB_SHA), "created_at", db_row_str(row, COL_UPLOAD_LIST_CREATED),
	    "url", url, "thumb_url", turl));
	return APP_OK;
}

enum app_err
db_upload_list(struct db *db, int64_t oid, json_t *arr)
{
	struct db_arg	 a[1] = { DB_I(oid) };

	return db_query(db, STMT_UPLOAD_LIST, a, 1, upload_row, arr);
}
