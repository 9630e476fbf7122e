/*
 * Pieces of the HTML fragments the filing steps render for browsers
 * without JavaScript (see route.view in app.h).  The markup contract
 * (class names) is shared with web/css/site.css and web/js/forms.js.
 */
#ifndef BEIAN_VIEW_H
#define BEIAN_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "app.h"

enum	step {
	STEP_SUBJECT,
	STEP_PRODUCT,
	STEP_WEBSITES,
	STEP_UPLOADS,
	STEP_SUBMIT,
	STEP_VERIFY,
	STEP_SMS,
	STEP_BUREAU,
	STEP__MAX
};

/* Does s end with a sentence's mark (。！？.!?)? */
bool	view_ends_sentence(const char *s);

/* A string member of a JSON object, or NULL. */
const char *jstr(const json_t *, const char *key);

/*
 * Still a draft?  Steps 3-5 change only then; after a rejection only the
 * rejected items do (the upload slots and website fields named).
 */
bool	view_draft(const json_t *order);
/*
 * Does every field and material change?  In a draft, and after the
 * bureau's rejection (it names no items); websites are added and removed
 * in a draft only.
 */
bool	view_open(const json_t *order);
/*
 * The page an order of that state is followed on: "subject" (a draft
 * starts over there), "submit" (the initial review), "verify" (its photo
 * verification) or "progress" (the bureau and after).
 */
const char *view_order_page(const char *state);
/* What a step page says once the order has left the draft. */
void	view_not_draft(struct buf *, const json_t *order);

void	view_begin(struct buf *, const char *frag);
void	view_end(struct buf *);
/*
 * The eight steps of the seed with done/current/todo, for order; while
 * the order waits on its applicant, when it expires and how many days
 * are left.
 */
void	view_steps(struct buf *, const struct req *, const json_t *order,
	    enum step current);
/*
 * The alert for "?error=CODE&field=F&reason=R" after a failed classic
 * form post.  Only known codes, fields and reasons are shown, so a
 * crafted link cannot put words on our page.  reasons: reason -> text.
 */
void	view_query_alert(struct buf *, const struct req *, const json_t *reasons);
/* The same alert's words alone (escaped), for a place of their own. */
void	view_query_message(struct buf *, const struct req *);
/* <form method=post action=...> with the hidden next and error slot. */
void	view_form_begin(struct buf *, const char *action, const char *next);
/*
 * The same, telling forms.js how to post it: "form" (urlencoded, what a
 * classic post sends) or "json"; NULL lets forms.js pick by the names.
 */
void	view_form_begin_as(struct buf *, const char *action, const char *next,
	    const char *encoding);
void	view_form_end(struct buf *);
/*
 * The slot forms.js fills with a field's error; after a failed classic
 * post that named this field it is filled and shown already.
 */
void	view_field_error(struct buf *, const struct req *, const json_t *reasons,
	    const char *field);
/* " aria-invalid=\"true\"" when the redirect named this field. */
void	view_invalid(struct buf *, const struct req *, const char *field);
/* "<dt>k</dt><dd>v</dd>", v escaped; NULL v shows "—". */
void	view_fact(struct buf *, const char *k, const char *v);
/* The whole fragment of an error answer (status stays the error's). */
void	view_error(struct buf *, const struct req *, const char *code,
	    const char *msg, int status);

/* "2026-11-30T10:00:00Z" (the API's UTC) as unix time. */
bool	view_iso_time(const char *iso, int64_t *out);
/*
 * A time as people in China read it: "11月30日 18:00", or with weekday
 * "11月30日（周一）18:00"; the year only when it is not now's.
 */
void	view_china_time(struct buf *, const char *iso, int64_t now,
	    bool weekday);
/*
 * 放弃本订单, when the order can still be abandoned: a draft, a
 * rejection nobody wants to fix, anything before the bureau has it.
 */
void	view_abandon(struct buf *, const json_t *order);
/* The upload of that id in a list of the API's uploads, or NULL. */
const json_t *view_upload_of(const json_t *uploads, json_int_t id);
/* Was slot (kind, wid)'s form the one a refused classic post came from? */
bool	view_slot_refused(struct req *, long long oid, const char *kind,
	    long long wid);

/* An upload slot's classic multipart form (upload.js takes it over). */
struct	slot_form {
	long long	 oid;
	const char	*kind;
	long long	 wid;
	const char	*page;		/* "/order/upload.html": next and back */
	const char	*refresh;	/* the fragment upload.js reads anew, or
					   NULL: the form's action */
	const char	*pick;		/* the file button's words */
	const char	*capture;	/* "user", "environment" or NULL */
	bool		 replace;	/* a file is there: 重新上传 */
	bool		 refused;	/* view_slot_refused() */
	const char	*refused_words;	/* "这一份没有上传成功：" */
};
void	view_slot_form(struct buf *, struct req *, const struct slot_form *);

/* The filed subject's facts (the order's snapshot), as a <dl>. */
void	view_subject_facts(struct buf *, const json_t *snapshot);

#endif
