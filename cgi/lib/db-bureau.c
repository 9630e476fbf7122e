/*
 * The bureau stage in the database (see db-bureau.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bizday.h"
#include "bureau-payload.h"
#include "db-bureau.h"
#include "db-filing.h"
#include "db-notify.h"
#include "db-order.h"
#include "log.h"
#include "rules.h"
#include "stmts.h"
#include "util.h"

/* The http adapter's retries: 30 s, doubling, at most an hour apart. */
#define DELIVERY_TRIES	12
#define DELIVERY_WAIT	30
#define DELIVERY_MAX	3600
#define DELIVERY_TIMEOUT 20L

static enum app_err	load_any(struct db *, int64_t, int64_t, unsigned,
			    struct filing *);

static char *
col_dup(const struct db_row *row, size_t col)
{
	const char	*s = db_row_str(row, col);

	return s != NULL ? xstrdup(s) : NULL;
}

static enum app_err
sub_row(const struct db_row *row, void *arg)
{
	struct bureau_sub	*b = arg;

	bureau_sub_free(b);
	b->found = true;
	b->ready_at = col_dup(row, COL_BUREAU_GET_READY);
	b->due_at = col_dup(row, COL_BUREAU_GET_DUE);
	b->submitted_at = col_dup(row, COL_BUREAU_GET_SUBMITTED);
	b->submitted = db_row_int(row, COL_BUREAU_GET_SUBMITTED_UNIX);
	b->round = db_row_int(row, COL_BUREAU_GET_ROUND);
	b->delivery = col_dup(row, COL_BUREAU_GET_DELIVERY);
	b->tries = db_row_int(row, COL_BUREAU_GET_TRIES);
	b->last_error = col_dup(row, COL_BUREAU_GET_LAST_ERROR);
	b->decided_at = col_dup(row, COL_BUREAU_GET_DECIDED);
	b->reason = col_dup(row, COL_BUREAU_GET_REASON);
	b->reason_title = col_dup(row, COL_BUREAU_GET_REASON_TITLE);
	b->note = col_dup(row, COL_BUREAU_GET_NOTE);
	b->payload = col_dup(row, COL_BUREAU_GET_PAYLOAD);
	return APP_OK;
}

enum app_err
db_bureau_get(struct db *db, int64_t oid, struct bureau_sub *b)
{
	struct db_arg	 a[1] = { DB_I(oid) };

	memset(b, 0, sizeof(*b));
	return db_query(db, STMT_BUREAU_GET, a, 1, sub_row, b);
}

void
bureau_sub_free(struct bureau_sub *b)
{
	if (b == NULL)
		return;
	free(b->ready_at);
	free(b->due_at);
	free(b->submitted_at);
	free(b->delivery);
	free(b->last_error);
	free(b->decided_at);
	free(b->reason);
	free(b->reason_title);
	free(b->note);
	free(b->payload);
	memset(b, 0, sizeof(*b));
}

static enum app_err
sms_row(const struct db_row *row, void *arg)
{
	struct sms_check	*s = arg;

	sms_check_free(s);
	s->found = true;
	s->mobile = col_dup(row, COL_SMS_GET_MOBILE);
	s->id_last6 = col_dup(row, COL_SMS_GET_ID_LAST6);
	s->code_hash = col_dup(row, COL_SMS_GET_CODE_HASH);
	s->sent = db_row_int(row, COL_SMS_GET_SENT);
	s->deadline = db_row_int(row, COL_SMS_GET_DEADLINE);
	s->window_hours = db_row_int(row, COL_SMS_GET_WINDOW_HOURS);
	s->tries_left = db_row_int(row, COL_SMS_GET_TRIES_LEFT);
	s->round = db_row_int(row, COL_SMS_GET_ROUND);
	s->state = col_dup(row, COL_SMS_GET_STATE);
	return APP_OK;
}

enum app_err
db_sms_get(struct db *db, int64_t oid, struct sms_check *s)
{
	struct db_arg	 a[1] = { DB_I(oid) };

	memset(s, 0, sizeof(*s));
	return db_query(db, STMT_SMS_GET, a, 1, sms_row, s);
}

void
sms_check_free(struct sms_check *s)
{
	if (s == NULL)
		return;
	free(s->mobile);
	free(s->id_last6);
	free(s->code_hash);
	free(s->state);
	memset(s, 0, sizeof(*s));
}

enum app_err
db_bureau_state(struct db *db, int64_t oid, int64_t now,
    struct bureau_state *st)
{
	enum app_err	 er;

	memset(st, 0, sizeof(*st));
	if ((er = load_any(db, oid, now, 0, &st->f)) != APP_OK ||
	    (er = db_bureau_get(db, oid, &st->b)) != APP_OK)
		return er;
	return db_sms_get(db, oid, &st->s);
}

void
bureau_state_free(struct bureau_state *st)
{
	if (st == NULL)
		return;
	filing_free(&st->f);
	bureau_sub_free(&st->b);
	sms_check_free(&st->s);
}

enum app_err
db_bureau_ready(struct db *db, int64_t oid, int64_t now)
{
	struct db_arg	 a[3];
	int64_t		 due;
	enum app_err	 er;

	if ((er = bizday_review_due(db, now, RK_BUREAU_SUBMIT_SLA_BUSINESS_DAYS,
	    &due)) != APP_OK)
		return er;
	a[0] = DB_I(oid);
	a[1] = DB_I(now);
	a[2] = DB_I(due);
	return db_exec(db, STMT_BUREAU_READY, a, 3, NULL);
}

static enum app_err
account_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_ORDER_REVIEW_INFO_ACCOUNT_ID);
	return APP_OK;
}

/* The order as the rules read it, whoever's it is. */
static enum app_err
load_any(struct db *db, int64_t oid, int64_t now, unsigned parts,
    struct filing *f)
{
	struct db_arg	 a[1] = { DB_I(oid) };
	int64_t		 account = 0;
	enum app_err	 er;

	memset(f, 0, sizeof(*f));
	if ((er = db_query(db, STMT_ORDER_REVIEW_INFO, a, 1, account_row,
	    &account)) != APP_OK)
		return er;
	if (account == 0)
		return APP_ENOTFOUND;
	return filing_load(db, oid, account, now, parts, f);
}

static void
why_set(struct bureau_why *why, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
why_set(struct bureau_why *why, const char *code, const char *fmt, ...)
{
	va_list	 ap;

	why->code = code;
	why->text[0] = '\0';
	if (fmt == NULL)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(why->text, sizeof(why->text), fmt, ap);
	va_end(ap);
}

static enum app_err
image_row(const struct db_row *row, void *arg)
{
	struct buf	*b = arg;

	buf_free(b);
	buf_append(b, db_row_str(row, COL_UPLOAD_IMAGE_DATA),
	    db_row_len(row, COL_UPLOAD_IMAGE_DATA));
	return APP_OK;
}

/*
 * Does upload i go to the bureau?  Of a slot (a website's kind) the
 * newest; of the supplementary kinds, which hold several, each.
 */
static bool
sent_upload(const struct filing *f, size_t i)
{
	const struct upload	*u = &f->u[i];
	size_t			 j;

	if (strcmp(u->kind, "other") == 0 ||
	    strcmp(u->kind, "preapproval_document") == 0)
		return true;
	for (j = i + 1; j < f->nu; j++)
		if (f->u[j].website_id == u->website_id &&
		    strcmp(f->u[j].kind, u->kind) == 0)
			return false;
	return true;
}

/*
 * The images of f as the bureau takes them; *n of them in *out, each
 * jpeg to free.  APP_EINVAL with why when one cannot be made to fit.
 */
static enum app_err
images_make(struct db *db, const struct filing *f,
    struct payload_image **out, size_t *n, struct bureau_why *why)
{
	const struct upload_kind	*k;
	struct payload_image		*v;
	struct img_out			 io;
	struct db_arg			 a[4];
	struct buf			 raw = BUF_INIT;
	size_t				 i;
	enum app_err			 er = APP_OK;

	*n = 0;
	*out = v = xcalloc(f->nu + 1, sizeof(*v));
	for (i = 0; i < f->nu; i++) {
		k = refs_kind(&f->refs, f->u[i].kind);
		if (k == NULL || k->bureau_type == 0 || !sent_upload(f, i))
			continue;
		a[0] = DB_I(0);
		a[1] = DB_I(f->u[i].id);
		a[2] = DB_I(0);
		a[3] = DB_I(1);
		buf_free(&raw);
		if ((er = db_query(db, STMT_UPLOAD_IMAGE, a, 4, image_row,
		    &raw)) != APP_OK)
			break;
		if (raw.len == 0) {
			er = APP_EINTERNAL;
			break;
		}
		if (bureau_image_fit(raw.p, raw.len, (size_t)k->bureau_byte_cap,
		    &io) != APP_OK) {
			why_set(why, "image_too_large_for_bureau",
			    "%s：%s", f->u[i].kind_name, io.error);
			why->upload = f->u[i].id;
			img_out_free(&io);
			er = APP_EINVAL;
			break;
		}
		free(io.thumb);
		v[*n].upload = &f->u[i];
		v[*n].type = k->bureau_type;
		v[*n].jpeg = io.jpeg;
		v[*n].len = io.jpegsz;
		(*n)++;
	}
	buf_free(&raw);
	return er;
}

static void
images_free(struct payload_image *v, size_t n)
{
	size_t	 i;

	for (i = 0; v != NULL && i < n; i++)
		free((void *)v[i].jpeg);
	free(v);
}

enum app_err
db_bureau_submit(struct db *db, const struct conf *c, int64_t oid,
    int64_t actor_id, int64_t now, struct bureau_why *why)
{
	struct order_lock	 l;
	struct filing		 f;
	struct bureau_sub	 b;
	struct payload_image	*imgs = NULL;
	struct kvlist		 np;
	struct db_arg		 a[5];
	json_t			*p = NULL;
	char			*body = NULL;
	size_t			 nimg = 0;
	bool			 http = bureau_is_http(c);
	enum app_err		 er;

	memset(why, 0, sizeof(*why));
	memset(&f, 0, sizeof(f));
	memset(&b, 0, sizeof(b));
	memset(&np, 0, sizeof(np));
	if ((er = db_tx_begin(db)) != APP_OK)
		return er;
	if ((er = db_order_lock_review(db, oid, &l)) != APP_OK)
		goto out;
	if (l.state != OS_AWAITING_BUREAU) {
		why_set(why, "order_not_awaiting_bureau", NULL);
		er = APP_ECONFLICT;
		goto out;
	}
	if ((er = load_any(db, oid, now, FP_WEBSITES | FP_UPLOADS, &f)) !=
	    APP_OK || (er = db_bureau_get(db, oid, &b)) != APP_OK)
		goto out;
	/* An order approved before the bureau stage existed: ready now. */
	if (!b.found && (er = db_bureau_ready(db, oid, now)) != APP_OK)
		goto out;
	if ((er = images_make(db, &f, &imgs, &nimg, why)) != APP_OK)
		goto out;
	if ((p = bureau_payload(&f, b.round + 1, imgs, nimg)) == NULL ||
	    (body = json_dumps(p, JSON_COMPACT)) == NULL) {
		applog(LOG_ERR, "order %lld: the bureau payload could not be "
		    "made", (long long)oid);
		er = APP_EINTERNAL;
		goto out;
	}
	a[0] = DB_I(now);
	a[1] = DB_S(body);
	a[2] = DB_S(http ? "pending" : "none");
	a[3] = DB_I(now);
	a[4] = DB_I(oid);
	np_set(&np, "bureau_days", "%lld", (long long)rule_value(&f.rules,
	    RK_BUREAU_REVIEW_BUSINESS_DAYS));
	if (rule_value(&f.rules, RK_SMS_REQUIRED) != 0)
		np_set(&np, "sms_hint", "管局受理后，工信部会向网站负责人的手机发送"
		    "核验短信，请在收到后 %lld 小时内按短信提示完成核验，超时备案会被"
		    "退回。", (long long)rule_value(&f.rules,
		    RK_SMS_WINDOW_HOURS));
	else
		np_set(&np, "sms_hint", "%s", "本省份无需工信部短信核验，请等待管局审核。");
	if ((er = db_exec(db, STMT_BUREAU_SUBMITTED, a, 5, NULL)) != APP_OK ||
	    (er = db_order_apply(db, &l, OE_TO_BUREAU, "reviewer", actor_id,
	    http ? "已提交管局（等待送达）" : "已提交管局")) != APP_OK ||
	    (er = db_notify(db, c, oid, "bureau_submitted", &np, now)) !=
	    APP_OK || (er = db_tx_commit(db)) != APP_OK)
		goto out;
	applog(LOG_INFO, "order %lld: submitted to the bureau (round %lld, "
	    "%zu images, %zu bytes)", (long long)oid, (long long)b.round + 1,
	    nimg, strlen(body));
out:
	db_tx_rollback(db);
	kv_free(&np);
	free(body);
	json_decref(p);
	images_free(imgs, nimg);
	bureau_sub_free(&b);
	filing_free(&f);
	return er;
}

/* --- the bureau's events --- */

/*
 * sms_sent: MIIT texts the first website's owner (the person the
 * bureau verifies) a code, to be typed on its page within the window.
 */
static enum app_err
sms_sent(struct db *db, const struct conf *c, struct order_lock *l,
    const char *actor, int64_t now, char code[7])
{
	struct filing		 f;
	struct bureau_sub	 b;
	struct kvlist		 p;
	const struct owner	*o;
	struct db_arg		 a[9];
	char			 hash[65], last6[7], note[160];
	int64_t			 hours, tries;
	size_t			 n;
	enum app_err		 er;

	code[0] = '\0';
	memset(&b, 0, sizeof(b));
	memset(&p, 0, sizeof(p));
	if ((er = load_any(db, l->id, now, FP_WEBSITES, &f)) != APP_OK ||
	    (er = db_bureau_get(db, l->id, &b)) != APP_OK)
		goto out;
	if (f.nw == 0) {
		er = APP_EINTERNAL;
		goto out;
	}
	o = &f.w[0].owner;
	n = strlen(o->id_number);
	snprintf(last6, sizeof(last6), "%s", o->id_number + (n > 6 ? n - 6 : 0));
	hours = rule_value(&f.rules, RK_SMS_WINDOW_HOURS);
	tries = rule_value(&f.rules, RK_SMS_MAX_TRIES);
	/* The simulator is the bureau: it makes the code and keeps its hash. */
	if (!bureau_is_http(c)) {
		bureau_sms_code(code);
		bureau_sms_hash(c, l->id, code, hash);
	}
	a[0] = DB_I(l->id);
	a[1] = DB_S(o->mobile);
	a[2] = DB_S(last6);
	a[3] = DB_S(bureau_is_http(c) ? NULL : hash);
	a[4] = DB_I(now);
	a[5] = DB_I(now + hours * 3600);
	a[6] = DB_I(hours);
	a[7] = DB_I(tries);
	a[8] = DB_I(b.round);
	snprintf(note, sizeof(note), "工信部已向网站负责人手机发送核验短信，"
	    "请在 %lld 小时内完成核验", (long long)hours);
	if ((er = db_exec(db, STMT_SMS_START, a, 9, NULL)) != APP_OK ||
	    (er = db_order_apply(db, l, OE_SMS_SENT, actor, 0, note)) !=
	    APP_OK)
		goto out;
	/* The simulator is MIIT: its text goes to the owner's mobile. */
	if (code[0] != '\0') {
		np_set(&p, "code", "%s", code);
		np_time(&p, "deadline", now + hours * 3600);
		np_set(&p, "miit_url", "%s/sim/miit/", c->public_url);
		er = db_notify_sms(db, c, l->id, "sms_code", o->mobile, &p, now);
	}
out:
	kv_free(&p);
	bureau_sub_free(&b);
	filing_free(&f);
	return er;
}

static enum app_err
sms_done(struct db *db, int64_t oid, const char *state, int64_t now)
{
	struct db_arg	 a[3] = { DB_S(state), DB_I(now), DB_I(oid) };

	return db_exec(db, STMT_SMS_DONE, a, 3, NULL);
}

/* Is the SMS check this submission needs passed (or not needed)? */
static enum app_err
sms_passed(struct db *db, int64_t oid, int64_t now, bool *ok)
{
	struct bureau_state	 st;
	enum app_err		 er;

	*ok = false;
	if ((er = db_bureau_state(db, oid, now, &st)) == APP_OK)
		*ok = rule_value(&st.f.rules, RK_SMS_REQUIRED) == 0 ||
		    (st.s.found && strcmp(st.s.state, "verified") == 0 &&
		    st.s.round == st.b.round);
	bureau_state_free(&st);
	return er;
}

static enum app_err
seq_row(const struct db_row *row, void *arg)
{
	struct buf	*b = arg;
	const char	*icp = db_row_str(row, COL_SUBJECT_SEQ_ICP_NUMBER);

	buf_free(b);
	buf_printf(b, "%s-%lld", icp != NULL ? icp : "",
	    (long long)db_row_int(row, COL_SUBJECT_SEQ_N));
	return APP_OK;
}

/*
 * The bureau's number for a website: "<subject number>-N" with N past
 * every number of the subject (given: the bureau's own, checked).
 */
static enum app_err
number_take(struct db *db, const struct subject *s, const char *given,
    struct buf *out, struct bureau_why *why)
{
	struct db_arg	 a[2];
	struct buf	 next = BUF_INIT;
	const char	*dash;
	int64_t		 want, have;
	size_t		 n = strlen(s->icp_number);
	enum app_err	 er;

	a[0] = DB_I(s->id);
	/* The subject's row is locked from here to the commit. */
	if ((er = db_exec(db, STMT_SUBJECT_SEQ_NEXT, a, 1, NULL)) != APP_OK ||
	    (er = db_query(db, STMT_SUBJECT_SEQ, a, 1, seq_row, &next)) !=
	    APP_OK)
		goto out;
	buf_free(out);
	if (given == NULL || *given == '\0') {
		buf_puts(out, next.p);
		goto out;
	}
	dash = strrchr(next.p, '-');
	if (strncmp(given, s->icp_number, n) != 0 || given[n] != '-' ||
	    !str_to_i64(given + n + 1, 1, 99999, &want) || dash == NULL ||
	    !str_to_i64(dash + 1, 1, INT64_MAX, &have) || want < have) {
		why_set(why, "website_number_invalid", "%s", given);
		er = APP_EINVAL;
		goto out;
	}
	a[0] = DB_I(want);
	a[1] = DB_I(s->id);
	if ((er = db_exec(db, STMT_SUBJECT_SEQ_SET, a, 2, NULL)) == APP_OK)
		buf_printf(out, "%s-%lld", s->icp_number, (long long)want);
out:
	buf_free(&next);
	return er;
}

/*
 * approved: every website of the order gets its number and joins the
 * subject's filed websites; its service numbers are used for good.
 */
static enum app_err
approve(struct db *db, const struct conf *c, struct order_lock *l,
    const struct bureau_event *ev, const char *actor, int64_t now,
    struct bureau_why *why)
{
	struct filing	 f;
	struct kvlist	 p;
	struct db_arg	 a[4];
	struct buf	 num = BUF_INIT, note = BUF_INIT;
	struct buf	 numbers = BUF_INIT, lines = BUF_INIT;
	size_t		 i;
	bool		 ok;
	enum app_err	 er;

	memset(&f, 0, sizeof(f));
	memset(&p, 0, sizeof(p));
	if ((er = sms_passed(db, l->id, now, &ok)) != APP_OK)
		goto out;
	if (!ok) {
		why_set(why, "sms_not_verified", NULL);
		er = APP_ECONFLICT;
		goto out;
	}
	if ((er = load_any(db, l->id, now, FP_WEBSITES, &f)) != APP_OK)
		goto out;
	if (f.s.icp_number == NULL || f.nw == 0) {
		er = APP_EINTERNAL;
		goto out;
	}
	/* A number the bureau gave is one website's. */
	if (ev->number[0] != '\0' && f.nw != 1) {
		why_set(why, "website_number_invalid",
		    "本订单有 %zu 个网站，网站备案号由系统依次分配", f.nw);
		er = APP_EINVAL;
		goto out;
	}
	buf_puts(&note, "管局审核通过：");
	for (i = 0; i < f.nw; i++) {
		buf_printf(&lines, "%s", i > 0 ? "\n" : "");
		if ((er = number_take(db, &f.s, ev->number, &num, why)) !=
		    APP_OK)
			goto out;
		a[0] = DB_I(f.s.id);
		a[1] = DB_S(f.w[i].name);
		a[2] = DB_S(f.w[i].domain);
		a[3] = DB_S(num.p);
		if ((er = db_exec(db, STMT_WEBSITE_INSERT, a, 4, NULL)) !=
		    APP_OK)
			goto out;
		a[0] = DB_S(num.p);
		a[1] = DB_I(f.w[i].id);
		a[2] = DB_I(l->id);
		if ((er = db_exec(db, STMT_ORDER_WEBSITE_NUMBER, a, 3, NULL)) !=
		    APP_OK)
			goto out;
		buf_printf(&note, "%s%s %s", i > 0 ? "；" : "", f.w[i].domain,
		    num.p);
		buf_printf(&numbers, "%s%s", i > 0 ? "、" : "", num.p);
		buf_printf(&lines, "%s（%s）：%s", f.w[i].name, f.w[i].domain,
		    num.p);
	}
	np_set(&p, "numbers", "%s", numbers.p);
	np_set(&p, "number_lines", "%s", lines.p);
	a[0] = DB_I(l->id);
	if ((er = db_exec(db, STMT_SIN_FILED, a, 1, NULL)) == APP_OK &&
	    (er = db_order_apply(db, l, OE_BUREAU_APPROVE, actor, 0,
	    note.p)) == APP_OK)
		er = db_notify(db, c, l->id, "approved", &p, now);
out:
	kv_free(&p);
	buf_free(&numbers);
	buf_free(&lines);
	buf_free(&num);
	buf_free(&note);
	filing_free(&f);
	return er;
}

struct	reason_find {
	const char	*code;
	char		*title;		/* NULL: no such reason */
};

static enum app_err
reason_row(const struct db_row *row, void *arg)
{
	struct reason_find	*f = arg;

	if (f->title == NULL && strcmp(db_row_str(row,
	    COL_REJECTION_REASONS_CODE), f->code) == 0)
		f->title = xstrdup(db_row_str(row, COL_REJECTION_REASONS_TITLE));
	return APP_OK;
}

static enum app_err
reject(struct db *db, const struct conf *c, struct order_lock *l,
    const struct bureau_event *ev, const char *actor, int64_t now,
    struct bureau_why *why)
{
	struct reason_find	 f = { ev->reason, NULL };
	struct kvlist		 p;
	struct db_arg		 a[4];
	char			 note[BUREAU_NOTE_MAX + 64];
	enum app_err		 er;

	memset(&p, 0, sizeof(p));
	if ((er = db_query(db, STMT_REJECTION_REASONS, NULL, 0, reason_row,
	    &f)) != APP_OK)
		goto out;
	if (f.title == NULL) {
		why_set(why, "reason_unknown", NULL);
		er = APP_EINVAL;
		goto out;
	}
	a[0] = DB_I(now);
	a[1] = DB_S(ev->reason);
	a[2] = DB_S(ev->note);
	a[3] = DB_I(l->id);
	snprintf(note, sizeof(note), "管局驳回（%s）%s%s", ev->reason,
	    ev->note[0] != '\0' ? "：" : "", ev->note);
	np_set(&p, "reason_title", "%s", f.title);
	np_set(&p, "note", "%s", ev->note[0] != '\0' ? ev->note : "（无）");
	if ((er = db_exec(db, STMT_BUREAU_DECIDED, a, 4, NULL)) == APP_OK &&
	    (er = db_order_apply(db, l, OE_BUREAU_REJECT, actor, 0, note)) ==
	    APP_OK)
		er = db_notify(db, c, l->id, "bureau_rejected", &p, now);
out:
	free(f.title);
	kv_free(&p);
	return er;
}

/* sms_failed: back to the provider, who may submit again or send it
 * back to the applicant (R14). */
static enum app_err
sms_failed(struct db *db, const struct conf *c, struct order_lock *l,
    const char *actor, int64_t now, const char *why)
{
	struct kvlist	 p;
	char		 note[BUREAU_NOTE_MAX + 64];
	enum app_err	 er;

	memset(&p, 0, sizeof(p));
	snprintf(note, sizeof(note), "短信核验未通过（R14）%s%s",
	    why != NULL && *why != '\0' ? "：" : "", why != NULL ? why : "");
	np_set(&p, "why", "%s", why != NULL && *why != '\0' ? why :
	    "未按时完成核验");
	if ((er = sms_done(db, l->id, "failed", now)) == APP_OK &&
	    (er = db_order_apply(db, l, OE_SMS_FAILED, actor, 0, note)) ==
	    APP_OK && (er = db_bureau_ready(db, l->id, now)) == APP_OK)
		er = db_notify(db, c, l->id, "sms_failed", &p, now);
	kv_free(&p);
	return er;
}

enum app_err
db_bureau_apply(struct db *db, const struct conf *c,
    const struct bureau_event *ev, const char *actor, int64_t now,
    char code[7], struct bureau_why *why)
{
	struct order_lock	 l;
	enum order_state	 to;
	enum order_ev		 oe;
	char			 note[96];
	enum app_err		 er;

	memset(why, 0, sizeof(*why));
	code[0] = '\0';
	switch (ev->kind) {
	case BE_SMS_SENT:	oe = OE_SMS_SENT; break;
	case BE_SMS_VERIFIED:	oe = OE_SMS_VERIFIED; break;
	case BE_SMS_FAILED:	oe = OE_SMS_FAILED; break;
	case BE_APPROVED:	oe = OE_BUREAU_APPROVE; break;
	case BE_REJECTED:	oe = OE_BUREAU_REJECT; break;
	default:		oe = OE_BUREAU_NOTE; break;
	}
	if ((er = db_tx_begin(db)) != APP_OK)
		return er;
	if ((er = db_order_lock_review(db, ev->order_id, &l)) != APP_OK)
		goto out;
	if (!order_next(l.state, oe, &to) ||
	    (ev->kind == BE_CODE_CHECKED && l.state != OS_VERIFICATION_REVIEW)) {
		why_set(why, "order_not_at_bureau", NULL);
		er = APP_ECONFLICT;
		goto out;
	}
	switch (ev->kind) {
	case BE_SMS_SENT:
		er = sms_sent(db, c, &l, actor, now, code);
		break;
	case BE_SMS_VERIFIED:
		if ((er = sms_done(db, l.id, "verified", now)) == APP_OK)
			er = db_order_apply(db, &l, OE_SMS_VERIFIED, actor, 0,
			    "网站负责人已通过工信部短信核验");
		break;
	case BE_SMS_FAILED:
		er = sms_failed(db, c, &l, actor, now, ev->note);
		break;
	case BE_APPROVED:
		er = approve(db, c, &l, ev, actor, now, why);
		break;
	case BE_REJECTED:
		er = reject(db, c, &l, ev, actor, now, why);
		break;
	default:
		snprintf(note, sizeof(note), "管局核对上海 App 核验码：%s",
		    ev->ok ? "通过" : "未通过");
		er = db_order_apply(db, &l, OE_BUREAU_NOTE, actor, 0, note);
		break;
	}
	if (er != APP_OK || (er = db_tx_commit(db)) != APP_OK)
		goto out;
	applog(LOG_INFO, "order %lld: bureau event %s by %s",
	    (long long)l.id, bureau_ev_name(ev->kind), actor);
out:
	db_tx_rollback(db);
	if (er != APP_OK)
		code[0] = '\0';
	return er;
}

/* --- MIIT's page (the simulator) --- */

static enum app_err
id_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_DOMAIN_TAKEN_N);
	return APP_OK;
}

enum app_err
db_sms_try(struct db *db, const struct conf *c, const char *mobile,
    const char *code, const char *id_last6, int64_t now,
    enum sms_outcome *out, int64_t *tries_left, int64_t *oid)
{
	struct bureau_event	 ev;
	struct bureau_why	 why;
	struct sms_check	 s;
	struct db_arg		 a[1] = { DB_S(mobile) };
	char			 none[7];
	bool			 ok;
	enum app_err		 er;

	*out = SMS_NONE;
	*tries_left = 0;
	*oid = 0;
	memset(&s, 0, sizeof(s));
	if ((er = db_query(db, STMT_SMS_BY_MOBILE, a, 1, id_row, oid)) !=
	    APP_OK || *oid == 0)
		return er;
	if ((er = db_sms_get(db, *oid, &s)) != APP_OK)
		goto out;
	if (!s.found || strcmp(s.state, "waiting") != 0 || s.deadline <= now) {
		*oid = 0;
		goto out;
	}
	ok = bureau_sms_code_ok(c, *oid, code, s.code_hash) &&
	    id_last6 != NULL && strcasecmp(id_last6, s.id_last6) == 0;
	memset(&ev, 0, sizeof(ev));
	ev.order_id = *oid;
	if (ok) {
		ev.kind = BE_SMS_VERIFIED;
		if ((er = db_bureau_apply(db, c, &ev, "bureau", now, none,
		    &why)) == APP_OK)
			*out = SMS_VERIFIED;
		goto out;
	}
	a[0] = DB_I(*oid);
	if ((er = db_exec(db, STMT_SMS_TRIED, a, 1, NULL)) != APP_OK)
		goto out;
	*tries_left = s.tries_left > 0 ? s.tries_left - 1 : 0;
	*out = SMS_WRONG;
	if (*tries_left > 0)
		goto out;
	ev.kind = BE_SMS_FAILED;
	snprintf(ev.note, sizeof(ev.note), "%s", "核验码连续输错，核验失败");
	if ((er = db_bureau_apply(db, c, &ev, "bureau", now, none, &why)) ==
	    APP_OK)
		*out = SMS_FAILED;
out:
	sms_check_free(&s);
	return er;
}

/* --- beian-worker --- */

static enum app_err
ids_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_integer(db_row_int(row,
	    COL_DOMAIN_TAKEN_N)));
	return APP_OK;
}

/* The orders a statement of one time argument lists, or NULL. */
static json_t *
ids_of(struct db *db, enum stmt st, int64_t t)
{
	struct db_arg	 a[1] = { DB_I(t) };
	json_t		*ids = json_array();

	if (db_query(db, st, a, 1, ids_row, ids) != APP_OK) {
		json_decref(ids);
		return NULL;
	}
	return ids;
}

int
bureau_sms_expire(struct db *db, const struct conf *c, int64_t now)
{
	struct bureau_event	 ev;
	struct bureau_why	 why;
	json_t			*ids;
	size_t			 i;
	char			 none[7];
	int			 n = 0;

	if ((ids = ids_of(db, STMT_SMS_EXPIRED, now)) == NULL)
		return -1;
	for (i = 0; i < json_array_size(ids); i++) {
		memset(&ev, 0, sizeof(ev));
		ev.kind = BE_SMS_FAILED;
		ev.order_id = json_integer_value(json_array_get(ids, i));
		snprintf(ev.note, sizeof(ev.note), "%s",
		    "未在时限内完成短信核验");
		switch (db_bureau_apply(db, c, &ev, "system", now, none, &why)) {
		case APP_OK:
			applog(LOG_INFO, "order %lld: SMS window ran out",
			    (long long)ev.order_id);
			n++;
			break;
		case APP_ECONFLICT:
			break;	/* moved on since it was listed */
		default:
			json_decref(ids);
			return -1;
		}
	}
	json_decref(ids);
	return n;
}

int
bureau_sim_auto(struct db *db, const struct conf *c, int64_t now)
{
	struct bureau_event	 ev;
	struct bureau_why	 why;
	struct order_lock	 l;
	json_t			*ids;
	size_t			 i;
	char			 none[7];
	bool			 passed;
	int			 n = 0;
	enum app_err		 er;

	if (bureau_is_http(c) || c->bureau_sim_auto == 0)
		return 0;
	if ((ids = ids_of(db, STMT_BUREAU_SIM_DUE, now - c->bureau_sim_delay)) ==
	    NULL)
		return -1;
	for (i = 0; i < json_array_size(ids); i++) {
		memset(&ev, 0, sizeof(ev));
		ev.order_id = json_integer_value(json_array_get(ids, i));
		if ((er = db_order_lock_review(db, ev.order_id, &l)) != APP_OK ||
		    (er = sms_passed(db, ev.order_id, now, &passed)) != APP_OK)
			break;
		/* At the bureau the code goes out; the owner types it; approved. */
		ev.kind = l.state == OS_SMS_PENDING ? BE_SMS_VERIFIED :
		    passed ? BE_APPROVED : BE_SMS_SENT;
		er = db_bureau_apply(db, c, &ev, "bureau", now, none, &why);
		if (er == APP_OK)
			n++;
		else if (er != APP_ECONFLICT)
			break;
		er = APP_OK;
	}
	json_decref(ids);
	return er == APP_OK ? n : -1;
}

/*
 * One try of order oid's delivery: 'sent' once the bureau took it, else
 * the next try later, until DELIVERY_TRIES make it 'dead' (logged: the
 * operator requeues by hand).
 */
static enum app_err
deliver_one(struct db *db, const struct conf *c, int64_t oid, int64_t now,
    bool *sent)
{
	struct bureau_sub	 b;
	struct db_arg		 a[5];
	char			 err[200];
	int64_t			 wait;
	bool			 dead;
	enum app_err		 er;

	*sent = false;
	if ((er = db_bureau_get(db, oid, &b)) != APP_OK)
		goto out;
	if (!b.found || b.payload == NULL) {
		er = APP_EINTERNAL;
		goto out;
	}
	if (bureau_http_send(c, b.payload, strlen(b.payload), now,
	    DELIVERY_TIMEOUT, err, sizeof(err)) == APP_OK) {
		*sent = true;
		a[0] = DB_S("sent");
		a[1] = DB_I(b.tries + 1);
		a[2] = DB_I(now);
		a[3] = DB_S(NULL);
		a[4] = DB_I(oid);
		er = db_exec(db, STMT_BUREAU_DELIVERY_SET, a, 5, NULL);
		applog(LOG_INFO, "order %lld: delivered to the bureau",
		    (long long)oid);
		goto out;
	}
	dead = b.tries + 1 >= DELIVERY_TRIES;
	wait = DELIVERY_WAIT << (b.tries < 7 ? b.tries : 7);
	a[0] = DB_S(dead ? "dead" : "pending");
	a[1] = DB_I(b.tries + 1);
	a[2] = DB_I(now + (wait < DELIVERY_MAX ? wait : DELIVERY_MAX));
	a[3] = DB_S(err);
	a[4] = DB_I(oid);
	er = db_exec(db, STMT_BUREAU_DELIVERY_SET, a, 5, NULL);
	applog(dead ? LOG_ERR : LOG_WARN, "order %lld: the bureau did not take "
	    "it (try %lld: %s)%s", (long long)oid, (long long)b.tries + 1, err,
	    dead ? "; given up" : "");
out:
	bureau_sub_free(&b);
	return er;
}

int
bureau_deliver(struct db *db, const struct conf *c, int64_t now)
{
	struct db_arg	 a[3];
	json_t		*ids;
	uint64_t	 claimed;
	int64_t		 oid;
	size_t		 i;
	int		 n = 0;
	bool		 sent;
	enum app_err	 er = APP_OK;

	if (!bureau_is_http(c))
		return 0;
	if ((ids = ids_of(db, STMT_BUREAU_DELIVERY_DUE, now)) == NULL)
		return -1;
	for (i = 0; i < json_array_size(ids); i++) {
		oid = json_integer_value(json_array_get(ids, i));
		/* Ours for the try's length: a second worker skips it. */
		a[0] = DB_I(now + DELIVERY_TIMEOUT + 30);
		a[1] = DB_I(oid);
		a[2] = DB_I(now);
		claimed = 0;
		if ((er = db_exec(db, STMT_BUREAU_DELIVERY_CLAIM, a, 3,
		    &claimed)) != APP_OK)
			break;
		if (claimed == 0)
			continue;
		if ((er = deliver_one(db, c, oid, now, &sent)) != APP_OK)
			break;
		n += sent;
	}
	json_decref(ids);
	return er == APP_OK ? n : -1;
}
