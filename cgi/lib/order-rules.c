/*
 * Load, run, render (see order-rules.h).
 */
#include <string.h>

#include "checklist.h"
#include "checks.h"
#include "db-filing.h"
#include "db-upload.h"
#include "db-verify.h"
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

enum app_err
verify_slots_load(struct db *db, int64_t oid, int64_t uid, int64_t now,
    json_t **out)
{
	struct filing			 f;
	struct verification		 v;
	struct verify_persons		 ps;
	const struct verify_person	*p;
	const struct website		*w;
	const struct upload_kind	*k;
	struct buf			 names = BUF_INIT;
	json_t				*it;
	size_t				 i, j;
	enum app_err			 er;

	memset(&ps, 0, sizeof(ps));
	memset(&v, 0, sizeof(v));
	*out = json_array();
	if ((er = filing_load(db, oid, uid, now, FP_WEBSITES | FP_UPLOADS |
	    FP_ITEMS, &f)) != APP_OK ||
	    (er = db_verification_get(db, oid, &v)) != APP_OK)
		goto out;
	if (!v.found || v.method == VM_SHANGHAI)
		goto out;
	if ((k = refs_kind(&f.refs, "curtain_photo")) == NULL) {
		er = APP_EINTERNAL;
		goto out;
	}
	verify_persons(&f, &ps);
	for (i = 0; i < ps.n; i++) {
		p = &ps.v[i];
		buf_reset(&names);
		buf_append(&names, "", 0);
		for (j = 0; j < p->nwebsites; j++)
			if ((w = filing_website(&f, p->websites[j])) != NULL)
				buf_printf(&names, "%s%s", names.len > 0 ? "、" :
				    "", w->name);
		it = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s, s:b, s:o}",
		    "kind", k->kind, "kind_name", k->name,
		    "website_id", (json_int_t)p->first->id,
		    "website_name", names.p, "owner_name", p->first->owner.name,
		    "why", v.method == VM_CURTAIN ? "网站负责人本人站在幕布前拍摄的"
		    "半身照" : "网站负责人本人在白色背景前拍摄的半身照",
		    "present", p->photo != NULL,
		    "upload_id", p->photo != NULL ?
		    json_integer((json_int_t)p->photo->id) : json_null());
		if (it != NULL && p->rejected != NULL && (json_object_set_new(it,
		    "rejected", json_true()) != 0 || json_object_set_new(it,
		    "reason", json_string(p->rejected->reason)) != 0 ||
		    json_object_set_new(it, "reason_title",
		    json_string(p->rejected->title)) != 0 ||
		    json_object_set_new(it, "note",
		    json_string(p->rejected->note)) != 0)) {
			json_decref(it);
			it = NULL;
		}
		if (it == NULL || json_array_append_new(*out, it) != 0) {
			er = APP_EINTERNAL;
			goto out;
		}
	}
out:
	buf_free(&names);
	verify_persons_free(&ps);
	verification_free(&v);
	filing_free(&f);
	if (er != APP_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return er;
}
