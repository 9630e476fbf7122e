/*
 * Load, run, render (see order-rules.h).
 */
#include <string.h>

#include "checklist.h"
#include "checks.h"
#include "db-filing.h"
#include "db-upload.h"
#include "filing-json.h"
#include "log.h"
#include "messages.h"
#include "order-rules.h"

enum app_err
checks_run(struct db *db, int64_t oid, int64_t uid, int64_t now,
    const json_t *order, json_t **findings, json_t **lists)
{
	struct filing		 f;
	struct checklist	 cl;
	struct findings		 out;
	enum app_err		 er;

	memset(&cl, 0, sizeof(cl));
	memset(&out, 0, sizeof(out));
	*findings = NULL;
	if (lists != NULL)
		*lists = NULL;
	if ((er = filing_load(db, oid, uid, now, FP_ALL, &f)) != APP_OK)
		goto out;
	f.subject_confirmed = !json_is_null(json_object_get(order,
	    "subject_confirmed_at"));
	if ((er = checklist_build(&f, &cl)) != APP_OK ||
	    (er = checks_build(&f, &cl, &out)) != APP_OK)
		goto out;
	if ((*findings = findings_json(&out, &f.refs)) == NULL ||
	    (lists != NULL && (*lists = json_pack("{s:o, s:o, s:o, s:o, s:o}",
	    "content_types", codes_json(f.refs.content, f.refs.ncontent),
	    "languages", codes_json(f.refs.langs, f.refs.nlangs),
	    "preapproval_types", codes_json(f.refs.preapp, f.refs.npreapp),
	    "id_types", certs_json(&f.refs),
	    "reasons", reason_titles_json(&f.refs))) == NULL)) {
		applog(LOG_ERR, "checks of order %lld: the findings could not "
		    "be rendered", (long long)oid);
		json_decref(*findings);
		*findings = NULL;
		er = APP_EINTERNAL;
	}
out:
	findings_free(&out);
	checklist_free(&cl);
	filing_free(&f);
	return er;
}

enum app_err
checks_refuse(struct resp *w, int64_t oid, enum app_err er)
{
	if (er == APP_OK || er == APP_ENOTFOUND)
		return er;
	applog(LOG_ERR, "checks of order %lld could not run (%s): refused",
	    (long long)oid, app_err_code(er));
	return resp_fail(w, APP_EDB, "checks_unavailable",
	    msg_for_code("checks_unavailable"));
}

static enum app_err
checklist_of(struct db *db, int64_t oid, int64_t uid, int64_t now,
    struct filing *f, struct checklist *cl)
{
	enum app_err	 er;

	memset(cl, 0, sizeof(*cl));
	if ((er = filing_load(db, oid, uid, now, FP_WEBSITES | FP_UPLOADS |
	    FP_ITEMS, f)) != APP_OK)
		return er;
	return checklist_build(f, cl);
}

enum app_err
checklist_view_load(struct db *db, int64_t oid, int64_t uid, int64_t now,
    struct checklist_view *v)
{
	struct filing		 f;
	struct checklist	 cl;
	enum app_err		 er;

	memset(v, 0, sizeof(*v));
	if ((er = checklist_of(db, oid, uid, now, &f, &cl)) != APP_OK)
		goto out;
	v->missing = cl.missing;
	v->uploads = json_array();
	if ((er = db_upload_list(db, oid, v->uploads)) != APP_OK)
		goto out;
	if ((v->kinds = kinds_json(&f.refs)) == NULL ||
	    (v->items = checklist_json(&cl)) == NULL)
		er = APP_EINTERNAL;
out:
	checklist_free(&cl);
	filing_free(&f);
	if (er != APP_OK)
		checklist_view_free(v);
	return er;
}

void
checklist_view_free(struct checklist_view *v)
{
	if (v == NULL)
		return;
	json_decref(v->uploads);
	json_decref(v->kinds);
	json_decref(v->items);
	memset(v, 0, sizeof(*v));
}

enum app_err
checklist_done(struct db *db, int64_t oid, int64_t uid, int64_t now,
    bool *done)
{
	struct filing		 f;
	struct checklist	 cl;
	enum app_err		 er;

	er = checklist_of(db, oid, uid, now, &f, &cl);
	*done = er == APP_OK && cl.n > 0 && cl.missing == 0;
	checklist_free(&cl);
	filing_free(&f);
	return er;
}
