/*
 * The materials an order needs (domain.md §12, province rules T2), with
 * what is already uploaded: one list for the desktop upload step, the
 * phone and the pre-submit checks, so all ask for exactly the same
 * documents.  A pure function of the typed order (filing.h).
 */
#ifndef BEIAN_CHECKLIST_H
#define BEIAN_CHECKLIST_H

#include <stddef.h>
#include <stdint.h>

#include "filing.h"

struct	cl_item {
	const struct upload_kind *kind;
	int64_t			 website_id;	/* 0: the order's own */
	char			*website_name;	/* NULL: the order's own */
	char			*why;
	const struct upload	*present;	/* the newest, or NULL */
	int64_t			*covers;	/* the websites it serves */
	size_t			 ncovers;
	/* Rejected and not replaced since: wanted again. */
	const struct review_item *rejected;
};

struct	checklist {
	struct cl_item	*v;
	size_t		 n;
	size_t		 missing;	/* not present, or rejected */
};

/*
 * The checklist of f (read with FP_WEBSITES, FP_UPLOADS and FP_ITEMS).
 * Fails (APP_EINTERNAL, logged) for a kind the upload_kind table lacks:
 * a document nobody can upload must not vanish from the list.  cl is
 * safe for checklist_free() whatever happens.
 */
enum app_err	 checklist_build(const struct filing *, struct checklist *cl);
void		 checklist_free(struct checklist *);

#endif
