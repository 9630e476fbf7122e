/*
 * The notification outbox (see db-notify.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "db-notify.h"
#include "db-order.h"
#include "log.h"
#include "notify.h"
#include "notify-send.h"
#include "rules.h"
#include "stmts.h"
#include "util.h"

/* After the first failure: 1 min, 5, 30, 2 h, 6 h, 12 h, then a day. */
static const int64_t	 backoff[] = { 60, 300, 1800, 7200, 21600, 43200,
	86400 };

void
np_set(struct kvlist *l, const char *name, const char *fmt, ...)
{
	va_list		 ap, aq;
	char		*v;
	int		 n;

	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	v = xmalloc(n < 0 ? 1 : (size_t)n + 1);
	if (n < 0)
		v[0] = '\0';
	else
		(void)vsnprintf(v, (size_t)n + 1, fmt, ap);
	va_end(ap);
	kv_add(l, xstrdup(name), v, strlen(v));
}

void
np_time(struct kvlist *l, const char *name, int64_t t)
{
	time_t		 tt = (time_t)(t + 8 * 3600);
	struct tm	 tm;
	char		 s[40];

	gmtime_r(&tt, &tm);
	(void)snprintf(s, sizeof(s), "%d月%d日 %02d:%02d", tm.tm_mon + 1,
	    tm.tm_mday, tm.tm_hour, tm.tm_min);
	np_set(l, name, "%s", s);
}

/* --- writing --- */

struct	order_info {
	int64_t		 account;
	struct kvlist	 params;	/* the order's own */
	struct notify_to to;
};

static void
order_info_free(struct order_info *o)
{
	kv_free(&o->params);
	notify_to_free(&o->to);
	memset(o, 0, sizeof(*o));
}

static enum app_err
order_row(const struct db_row *row, void *arg)
{
	struct order_info	*o = arg;

	o->account = db_row_int(row, COL_NOTIFY_ORDER_ACCOUNT_ID);
	np_set(&o->params, "subject_name", "%s", db_row_str(row,
	    COL_NOTIFY_ORDER_SUBJECT_NAME));
	np_set(&o->params, "province", "%s", db_row_str(row,
	    COL_NOTIFY_ORDER_PROVINCE_NAME));
	np_set(&o->params, "domains", "%s", db_row_str(row,
	    COL_NOTIFY_ORDER_DOMAINS));
	notify_to_add(&o->to, db_row_str(row, COL_NOTIFY_ORDER_ACCOUNT_MOBILE),
	    db_row_str(row, COL_NOTIFY_ORDER_ACCOUNT_EMAIL));
	notify_to_add(&o->to, db_row_str(row, COL_NOTIFY_ORDER_LEADER_MOBILE),
	    db_row_str(row, COL_NOTIFY_ORDER_LEADER_EMAIL));
	return APP_OK;
}

static enum app_err
person_row(const struct db_row *row, void *arg)
{
	notify_to_add(arg, db_row_str(row, COL_NOTIFY_PEOPLE_MOBILE),
	    db_row_str(row, COL_NOTIFY_PEOPLE_EMAIL));
	return APP_OK;
}

/* Who hears of order oid, and the words about it every message has. */
static enum app_err
order_info(struct db *db, const struct conf *c, int64_t oid,
    struct order_info *o)
{
	struct db_arg	 a[1] = { DB_I(oid) };
	enum app_err	 er;

	memset(o, 0, sizeof(*o));
	np_set(&o->params, "order_id", "%lld", (long long)oid);
	np_set(&o->params, "url", "%s/order/progress.html?id=%lld",
	    c->public_url, (long long)oid);
	if ((er = db_query(db, STMT_NOTIFY_ORDER, a, 1, order_row, o)) !=
	    APP_OK)
		return er;
	if (o->account == 0)
		return APP_ENOTFOUND;
	if ((er = db_query(db, STMT_NOTIFY_OWNERS, a, 1, person_row,
	    &o->to)) != APP_OK)
		return er;
	a[0] = DB_I(o->account);
	return db_query(db, STMT_NOTIFY_EXTRAS, a, 1, person_row, &o->to);
}

struct	tmpl {
	char	*channel, *title, *body;
};

struct	tmpls {
	struct tmpl	 v[3];
	size_t		 n;
};

static enum app_err
tmpl_row(const struct db_row *row, void *arg)
{
	struct tmpls	*t = arg;

	if (t->n == sizeof(t->v) / sizeof(t->v[0]))
		return APP_EINTERNAL;
	t->v[t->n].channel = xstrdup(db_row_str(row,
	    COL_NOTIFY_TEMPLATES_CHANNEL));
	t->v[t->n].title = xstrdup(db_row_str(row, COL_NOTIFY_TEMPLATES_TITLE));
	t->v[t->n].body = xstrdup(db_row_str(row, COL_NOTIFY_TEMPLATES_BODY));
	t->n++;
	return APP_OK;
}

static void
tmpls_free(struct tmpls *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].channel);
		free(t->v[i].title);
		free(t->v[i].body);
	}
	t->n = 0;
}

/* Both lists: the order's own and the caller's. */
static const struct kvlist *
merged(struct kvlist *into, const struct kvlist *more)
{
	size_t	 i;

	for (i = 0; more != NULL && i < more->n; i++)
		kv_add(into, xstrdup(more->v[i].key), xstrdup(more->v[i].val),
		    more->v[i].valsz);
	return into;
}

static enum app_err
insert(struct db *db, const struct order_info *o, int64_t oid,
    const char *event, const char *channel, const char *to,
    const char *title, const char *body, int64_t now)
{
	bool		 site = strcmp(channel, "site") == 0;
	struct db_arg	 a[11];

	a[0] = DB_I(o->account);
	a[1] = DB_I(oid);
	a[2] = DB_S(event);
	a[3] = DB_S(channel);
	a[4] = DB_S(to);
	a[5] = DB_S(title);
	a[6] = DB_S(body);
	/* The message centre has it the moment it is written. */
	a[7] = DB_S(site ? "sent" : "pending");
	a[8] = DB_I(now);
	a[9] = DB_I(now);
	a[10] = DB_IN(now, !site);
	return db_exec(db, STMT_NOTIFY_INSERT, a, 11, NULL);
}

/*
 * The messages of event: to every recipient of o on each templated
 * channel, or (only != NULL) to that mobile by SMS alone.
 */
static enum app_err
notify(struct db *db, const struct conf *c, int64_t oid, const char *event,
    const char *only, const struct kvlist *params, int64_t now)
{
	struct order_info	 o;
	struct tmpls		 t;
	struct db_arg		 a[1] = { DB_S(event) };
	struct buf		 title = BUF_INIT, body = BUF_INIT;
	const struct kvlist	*p;
	const struct strs	*to;
	char			 missing[NOTIFY_NAME_MAX + 1];
	size_t			 i, k;
	enum app_err		 er;

	memset(&t, 0, sizeof(t));
	if ((er = order_info(db, c, oid, &o)) != APP_OK ||
	    (er = db_query(db, STMT_NOTIFY_TEMPLATES, a, 1, tmpl_row, &t)) !=
	    APP_OK)
		goto out;
	p = merged(&o.params, params);
	for (i = 0; i < t.n; i++) {
		if (only != NULL && strcmp(t.v[i].channel, "sms") != 0)
			continue;
		if (notify_render(t.v[i].title, p, &title, missing) != APP_OK ||
		    notify_render(t.v[i].body, p, &body, missing) != APP_OK) {
			/* An operator's row that cannot be filled: 503, no change. */
			applog(LOG_ERR, "order %lld: template %s/%s names {%s}, "
			    "which the event does not give", (long long)oid,
			    event, t.v[i].channel, missing);
			er = APP_EDB;
			goto out;
		}
		if (strcmp(t.v[i].channel, "site") == 0) {
			(void)snprintf(missing, sizeof(missing), "%lld",
			    (long long)o.account);
			if ((er = insert(db, &o, oid, event, "site", missing,
			    title.p, body.p, now)) != APP_OK)
				goto out;
			continue;
		}
		if (only != NULL) {
			if (notify_mainland_mobile(only) && (er = insert(db, &o,
			    oid, event, "sms", only, title.p, body.p, now)) !=
			    APP_OK)
				goto out;
			continue;
		}
		to = strcmp(t.v[i].channel, "sms") == 0 ? &o.to.mobiles :
		    &o.to.emails;
		for (k = 0; k < to->n; k++)
			if ((er = insert(db, &o, oid, event, t.v[i].channel,
			    to->v[k], title.p, body.p, now)) != APP_OK)
				goto out;
	}
out:
	buf_free(&title);
	buf_free(&body);
	tmpls_free(&t);
	order_info_free(&o);
	return er;
}

enum app_err
db_notify(struct db *db, const struct conf *c, int64_t oid,
    const char *event, const struct kvlist *params, int64_t now)
{
	return notify(db, c, oid, event, NULL, params, now);
}

enum app_err
db_notify_sms(struct db *db, const struct conf *c, int64_t oid,
    const char *event, const char *mobile, const struct kvlist *params,
    int64_t now)
{
	return notify(db, c, oid, event, mobile, params, now);
}

/* --- delivering --- */

static enum app_err
ids_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_integer(db_row_int(row,
	    COL_DOMAIN_TAKEN_N)));
	return APP_OK;
}

struct	msg {
	char	*channel, *to, *title, *body;
	int64_t	 tries;
};

static enum app_err
msg_row(const struct db_row *row, void *arg)
{
	struct msg	*m = arg;

	m->channel = xstrdup(db_row_str(row, COL_NOTIFY_GET_CHANNEL));
	m->to = xstrdup(db_row_str(row, COL_NOTIFY_GET_RECIPIENT));
	m->title = xstrdup(db_row_str(row, COL_NOTIFY_GET_TITLE));
	m->body = xstrdup(db_row_str(row, COL_NOTIFY_GET_BODY));
	m->tries = db_row_int(row, COL_NOTIFY_GET_TRIES);
	return APP_OK;
}

static void
msg_free(struct msg *m)
{
	free(m->channel);
	free(m->to);
	free(m->title);
	free(m->body);
	memset(m, 0, sizeof(*m));
}

/* One claimed message: sent, or the next try, or given up. */
static enum app_err
deliver_one(struct db *db, const struct conf *c, int64_t id, int64_t now,
    int64_t max_tries, bool *sent)
{
	struct msg	 m;
	struct db_arg	 a[4];
	char		 err[240];
	int64_t		 wait;
	size_t		 k;
	bool		 dead;
	enum app_err	 er;

	*sent = false;
	memset(&m, 0, sizeof(m));
	a[0] = DB_I(id);
	if ((er = db_query(db, STMT_NOTIFY_GET, a, 1, msg_row, &m)) != APP_OK)
		goto out;
	if (m.channel == NULL) {
		er = APP_EINTERNAL;
		goto out;
	}
	er = strcmp(m.channel, "email") == 0 ?
	    notify_send_email(c, m.to, m.title, m.body, id, now, err,
	    sizeof(err)) :
	    notify_send_sms(c, m.to, m.body, now, err, sizeof(err));
	if (er == APP_OK) {
		*sent = true;
		a[0] = DB_I(now);
		a[1] = DB_I(id);
		er = db_exec(db, STMT_NOTIFY_SENT, a, 2, NULL);
		/* Who got what is in the table; the log needs no mobile. */
		applog(LOG_INFO, "notification %lld: %s sent", (long long)id,
		    m.channel);
		goto out;
	}
	dead = m.tries >= max_tries;
	k = m.tries > 0 ? (size_t)m.tries - 1 : 0;
	if (k >= sizeof(backoff) / sizeof(backoff[0]))
		k = sizeof(backoff) / sizeof(backoff[0]) - 1;
	wait = backoff[k];
	a[0] = DB_S(dead ? "dead" : "failed");
	a[1] = DB_I(now + wait);
	a[2] = DB_S(err);
	a[3] = DB_I(id);
	er = db_exec(db, STMT_NOTIFY_FAILED, a, 4, NULL);
	applog(dead ? LOG_ERR : LOG_WARN, "notification %lld: %s try %lld "
	    "failed: %s%s", (long long)id, m.channel, (long long)m.tries, err,
	    dead ? "; given up" : "");
out:
	msg_free(&m);
	return er;
}

/* One batch of what is due: how many were sent, -1 on a failure. */
static int
deliver_batch(struct db *db, const struct conf *c, int64_t now,
    int64_t lease, int64_t max, size_t *listed)
{
	struct db_arg	 a[4];
	json_t		*ids = json_array();
	uint64_t	 claimed;
	int64_t		 id;
	size_t		 i;
	int		 n = 0;
	bool		 sent;
	enum app_err	 er = APP_OK;

	a[0] = DB_I(now);
	a[1] = DB_I(now);
	*listed = 0;
	if (db_query(db, STMT_NOTIFY_DUE, a, 2, ids_row, ids) != APP_OK) {
		json_decref(ids);
		return -1;
	}
	*listed = json_array_size(ids);
	for (i = 0; i < json_array_size(ids); i++) {
		id = json_integer_value(json_array_get(ids, i));
		/* Ours until the lease ends: no other worker sends it. */
		a[0] = DB_I(now + lease);
		a[1] = DB_I(id);
		a[2] = DB_I(now);
		a[3] = DB_I(now);
		claimed = 0;
		if ((er = db_exec(db, STMT_NOTIFY_CLAIM, a, 4, &claimed)) !=
		    APP_OK)
			break;
		if (claimed == 0)
			continue;
		if ((er = deliver_one(db, c, id, now, max, &sent)) != APP_OK)
			break;
		n += sent;
	}
	if (i < json_array_size(ids))
		n = -1;
	json_decref(ids);
	return n;
}

int
notify_deliver(struct db *db, const struct conf *c, int64_t now)
{
	int64_t		 lease, max;
	size_t		 listed, batch;
	int		 n = 0, sent;

	if (rule_setting(db, now, RK_NOTIFY_LEASE_SECONDS, &lease) != APP_OK ||
	    rule_setting(db, now, RK_NOTIFY_MAX_TRIES, &max) != APP_OK)
		return -1;
	/* Batches of 50 until none is due, a thousand a pass at most. */
	for (batch = 0; batch < 20; batch++) {
		if ((sent = deliver_batch(db, c, now, lease, max, &listed)) < 0)
			return -1;
		n += sent;
		if (listed < 50)
			break;
	}
	return n;
}

/* --- reminders --- */

/* One reminder: marked (once) and written in one transaction. */
static enum app_err
remind(struct db *db, const struct conf *c, int64_t oid, enum stmt mark,
    const struct db_arg *a, size_t na, const char *event,
    const struct kvlist *params, int64_t now, bool *done)
{
	uint64_t	 n = 0;
	enum app_err	 er;

	*done = false;
	if ((er = db_tx_begin(db)) != APP_OK)
		return er;
	if ((er = db_exec(db, mark, a, na, &n)) == APP_OK && n == 1 &&
	    (er = db_notify(db, c, oid, event, params, now)) == APP_OK &&
	    (er = db_tx_commit(db)) == APP_OK)
		*done = true;
	db_tx_rollback(db);
	return er;
}

static enum app_err
deadline_row(const struct db_row *row, void *arg)
{
	struct kvlist	*p = arg;
	char		 mob[24];

	np_time(p, "deadline", db_row_int(row, COL_SMS_GET_DEADLINE));
	mask_middle(db_row_str(row, COL_SMS_GET_MOBILE), 3, 4, mob, sizeof(mob));
	np_set(p, "mobile", "%s", mob);
	np_set(p, "max_tries", "%lld", (long long)db_row_int(row,
	    COL_SMS_GET_TRIES_LEFT));
	return APP_OK;
}

int
notify_sms_reminders(struct db *db, const struct conf *c, int64_t now)
{
	struct db_arg	 a[2];
	struct kvlist	 p;
	json_t		*ids = json_array();
	int64_t		 hours, oid;
	size_t		 i;
	int		 n = 0;
	bool		 done;

	if (rule_setting(db, now, RK_SMS_REMINDER_HOURS, &hours) != APP_OK) {
		json_decref(ids);
		return -1;
	}
	a[0] = DB_I(now + hours * 3600);
	a[1] = DB_I(now);
	if (db_query(db, STMT_SMS_REMIND_DUE, a, 2, ids_row, ids) != APP_OK)
		n = -1;
	for (i = 0; n >= 0 && i < json_array_size(ids); i++) {
		oid = json_integer_value(json_array_get(ids, i));
		memset(&p, 0, sizeof(p));
		a[0] = DB_I(oid);
		if (db_query(db, STMT_SMS_GET, a, 1, deadline_row, &p) !=
		    APP_OK) {
			kv_free(&p);
			n = -1;
			break;
		}
		a[0] = DB_I(now);
		a[1] = DB_I(oid);
		if (remind(db, c, oid, STMT_SMS_REMINDED, a, 2, "sms_reminder",
		    &p, now, &done) != APP_OK)
			n = -1;
		else
			n += done;
		kv_free(&p);
	}
	json_decref(ids);
	return n;
}

static enum app_err
expiry_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_ORDER_GET_CREATED_UNIX);
	return APP_OK;
}

int
notify_expiry_reminders(struct db *db, const struct conf *c, int64_t now)
{
	static const enum rule_key	 marks[] = {
		RK_EXPIRY_REMINDER_SECOND_DAYS, RK_EXPIRY_REMINDER_FIRST_DAYS
	};
	struct db_arg			 a[3];
	struct kvlist			 p;
	json_t				*ids;
	int64_t				 ttl, day, oid, made;
	size_t				 m, i;
	int				 n = 0;
	bool				 done;

	if (rule_setting(db, now, RK_ORDER_TTL_DAYS, &ttl) != APP_OK)
		return -1;
	/* The later mark first: an order past both hears only it. */
	for (m = 0; n >= 0 && m < sizeof(marks) / sizeof(marks[0]); m++) {
		if (rule_setting(db, now, marks[m], &day) != APP_OK)
			return -1;
		if (day >= ttl)
			continue;
		ids = json_array();
		a[0] = DB_I(now);
		a[1] = DB_I(day);
		a[2] = DB_I(day);
		if (db_query(db, STMT_EXPIRY_REMIND_DUE, a, 3, ids_row, ids) !=
		    APP_OK)
			n = -1;
		for (i = 0; n >= 0 && i < json_array_size(ids); i++) {
			oid = json_integer_value(json_array_get(ids, i));
			made = 0;
			a[0] = DB_I(oid);
			if (db_query(db, STMT_ORDER_GET_ANY, a, 1, expiry_row,
			    &made) != APP_OK) {
				n = -1;
				break;
			}
			memset(&p, 0, sizeof(p));
			np_set(&p, "days", "%lld", (long long)day);
			np_set(&p, "ttl", "%lld", (long long)ttl);
			np_time(&p, "expires", made + ttl * 86400);
			a[0] = DB_I(day);
			a[1] = DB_I(oid);
			a[2] = DB_I(day);
			if (remind(db, c, oid, STMT_EXPIRY_REMINDED, a, 3,
			    "expiry_reminder", &p, now, &done) != APP_OK)
				n = -1;
			else
				n += done;
			kv_free(&p);
		}
		json_decref(ids);
	}
	return n;
}
