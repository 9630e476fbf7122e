/*
 * The HTML fragments of the filing steps (route.view in lib/app.h), one
 * file per program: subject-view.c, product-view.c, website-view.c,
 * upload-view.c.
 */
#ifndef BEIAN_VIEWS_H
#define BEIAN_VIEWS_H

#include "lib/app.h"

/* The header's account line (session-view.c). */
enum app_err	session_header_view(struct req *, struct resp *);
enum app_err	subjects_view(struct req *, struct resp *);
enum app_err	order_view(struct req *, struct resp *);
enum app_err	product_view(struct req *, struct resp *);
enum app_err	website_view(struct req *, struct resp *);
enum app_err	upload_view(struct req *, struct resp *);
enum app_err	submit_view(struct req *, struct resp *);
/* The last look before 提交初审 (confirm-view.c). */
enum app_err	confirm_view(struct req *, struct resp *);
/* The findings of one severity under a heading (submit-view.c). */
void		submit_findings(struct buf *, const json_t *order,
		    const json_t *lists, const json_t *all, const char *sev,
		    const char *title);
/* The 核验单 (verification-form.c), not a fragment but a page to print. */
enum app_err	verification_form(struct req *, struct resp *);
/* The 承诺书 (commitment-letter.c), the same way. */
enum app_err	commitment_letter(struct req *, struct resp *);

/* Photo verification (verify-view.c). */
enum app_err	verify_view(struct req *, struct resp *);

/* The way to the website ICP number and MIIT's page (progress-view.c). */
enum app_err	progress_view(struct req *, struct resp *);
enum app_err	miit_view(struct req *, struct resp *);

/* The message centre, the extra recipients, dev mail (notify-view.c). */
enum app_err	messages_view(struct req *, struct resp *);
enum app_err	recipients_view(struct req *, struct resp *);
enum app_err	dev_mail_view(struct req *, struct resp *);

/* The reviewer console (review-view.c): the queue and one order. */
enum app_err	review_queue_view(struct req *, struct resp *);
enum app_err	review_order_view(struct req *, struct resp *);

#endif
