/*
 * submit: the pre-submit checks and the submission to the provider's
 * initial review (seed step 6).
 *
 *   GET  /api/orders/{id}/checks    200 {findings, errors, warnings,
 *                                   can_submit, order, lists}
 *   GET  /api/orders/{id}/confirmation
 *                                   the same with {uploads}: everything
 *                                   the applicant confirms before 提交初审
 *                                   (/order/confirm.html)
 *   POST /api/orders/{id}/submit    200 the order in initial_review;
 *                                   422 checks_failed with the findings;
 *                                   409 order_not_submittable
 *
 * The checks themselves are in lib/checks.c (the reviewer sees them
 * too).  Submitting twice (a double click, a retry) is one submission:
 * the second finds the order already in review and answers the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/app.h"
#include "lib/bizday.h"
#include "lib/db-order.h"
#include "lib/db-upload.h"
#include "lib/filing.h"
#include "lib/log.h"
#include "lib/messages.h"
#include "lib/order-rules.h"
#include "lib/rules.h"
#include "views.h"

static enum app_err	checks_get(struct req *, struct resp *);
static enum app_err	confirmation_get(struct req *, struct resp *);
static enum app_err	submit_post(struct req *, struct resp *);

enum	route_id {
	ROUTE_CHECKS,
	ROUTE_CONFIRMATION,
	ROUTE_SUBMIT,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	/* ROUTE_CHECKS */
	{ "/api/orders/{id}/checks", M_GET, AUTH_USER, checks_get,
	  submit_view },
	/* ROUTE_CONFIRMATION */
	{ "/api/orders/{id}/confirmation", M_GET, AUTH_USER, confirmation_get,
	  confirm_view },
	/* ROUTE_SUBMIT */
	{ "/api/orders/{id}/submit", M_POST, AUTH_USER, submit_post, NULL },
};

static size_t
count(const json_t *findings, const char *sev)
{
	const json_t	*e;
	size_t		 i, n = 0;

	json_array_foreach(findings, i, e)
		if (strcmp(json_string_value(json_object_get(e, "severity")),
		    sev) == 0)
			n++;
	return n;
}

static enum app_err
checks_get(struct req *r, struct resp *w)
{
	json_t		*findings = NULL, *order = NULL, *lists = NULL;
	enum order_state to;
	enum app_err	 er;

	if ((er = db_order_json(r->db, r->ids[0], r->user.id, &order)) !=
	    APP_OK)
		return er;
	if ((er = checks_run(r->db, r->ids[0], r->user.id, r->now, order,
	    &findings, &lists)) != APP_OK) {
		json_decref(order);
		return checks_refuse(w, r->ids[0], er);
	}
	resp_json(w, 200, json_pack("{s:o, s:I, s:I, s:b, s:o, s:o}",
	    "findings", findings,
	    "errors", (json_int_t)count(findings, "error"),
	    "warnings", (json_int_t)count(findings, "warning"),
	    "can_submit", count(findings, "error") == 0 &&
	    order_next(order_state_parse(json_string_value(json_object_get(
	    order, "state"))), OE_SUBMIT, &to),
	    "order", order,
	    "lists", lists));
	return APP_OK;
}

static enum app_err
confirmation_get(struct req *r, struct resp *w)
{
	json_t		*uploads = json_array();
	enum app_err	 er;

	if ((er = checks_get(r, w)) != APP_OK ||
	    (er = db_upload_list(r->db, r->ids[0], uploads)) != APP_OK) {
		json_decref(uploads);
		return er;
	}
	json_object_set_new(w->body, "uploads", uploads);
	return APP_OK;
}

static enum app_err
submit_post(struct req *r, struct resp *w)
{
	struct order_lock	 l;
	json_t			*findings = NULL, *order = NULL;
	struct db_arg		 a[2];
	int64_t			 oid = r->ids[0], due = 0;
	enum order_state	 to, was;
	enum app_err		 er;

	if ((er = db_tx_begin(r->db)) != APP_OK)
		return er;
	/* The lock serialises a double click: the second waits here. */
	if ((er = db_order_lock(r->db, oid, r->user.id, &l)) != APP_OK)
		goto out;
	if (l.state == OS_INITIAL_REVIEW)
		goto done;	/* already submitted: the same answer */
	if (!order_next(l.state, OE_SUBMIT, &to)) {
		er = resp_fail(w, APP_ECONFLICT, "order_not_submittable",
		    msg_for_code("order_not_submittable"));
		goto out;
	}
	if ((er = db_order_json(r->db, oid, r->user.id, &order)) != APP_OK)
		goto out;
	if ((er = checks_run(r->db, oid, r->user.id, r->now, order,
	    &findings, NULL)) != APP_OK) {
		er = checks_refuse(w, oid, er);
		goto out;
	}
	json_decref(order);
	order = NULL;
	if (count(findings, "error") > 0) {
		w->extra = json_pack("{s:O}", "findings", findings);
		er = resp_fail(w, APP_EINVAL, "checks_failed",
		    msg_for_code("checks_failed"));
		goto out;
	}
	if ((er = bizday_review_due(r->db, r->now,
	    RK_INITIAL_REVIEW_SLA_BUSINESS_DAYS, &due)) != APP_OK)
		goto out;
	was = l.state;
	a[0] = DB_I(due);
	a[1] = DB_I(oid);
	if ((er = db_exec(r->db, STMT_ORDER_SUBMITTED, a, 2, NULL)) != APP_OK ||
	    (er = db_exec(r->db, STMT_SIN_FILING, a + 1, 1, NULL)) != APP_OK ||
	    (er = db_exec(r->db, STMT_REVIEW_RESOLVE, a + 1, 1, NULL)) !=
	    APP_OK)
		goto out;
	if ((er = db_order_apply(r->db, &l, OE_SUBMIT, "applicant", r->user.id,
	    was == OS_DRAFT ? "提交初审" : "修改后重新提交初审")) != APP_OK)
		goto out;
done:
	if ((er = db_tx_commit(r->db)) != APP_OK)
		goto out;
	if ((er = db_order_json(r->db, oid, r->user.id, &order)) != APP_OK)
		goto out;
	resp_json(w, 200, order);
	order = NULL;
	applog(LOG_INFO, "order %lld submitted, review due %lld",
	    (long long)oid, (long long)due);
out:
	db_tx_rollback(r->db);
	json_decref(findings);
	json_decref(order);
	return er;
}

int
main(int argc, char *argv[])
{
	static const struct app app = {
		"submit", routes, ROUTE__MAX, NULL, 0, NULL
	};

	return app_main(argc, argv, &app);
}
