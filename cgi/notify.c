/*
 * notify: the applicant's side of notifications (domain.md §18).
 *
 *   GET  /api/notifications            the message centre: {notifications:
 *                                      [{id, order_id, event, title, body,
 *                                      created_at, read_at}], unread}
 *   POST /api/notifications/{id}/read  read (the account's own; 404 else)
 *   GET  /api/account/recipients       {recipients: [{name, mobile,
 *                                      email}], max}: who else hears
 *   PUT  /api/account/recipients       {recipients: [...]}: the new list
 *   POST /api/account/recipients       the same from a form (name, mobile,
 *                                      email repeated; empty rows skipped)
 *   GET  /dev/mail                     development only (dev_mail_dir set,
 *                                      role admin): what the local SMTP
 *                                      server received
 *
 * The messages themselves are written by the changes that cause them
 * (db-notify.h) and sent by beian-worker.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#include "lib/app.h"
#include "lib/db-notify.h"
#include "lib/log.h"
#include "lib/notify.h"
#include "lib/rules.h"
#include "lib/util.h"
#include "views.h"

#define NAME_MAX_BYTES	150	/* VARCHAR(50) of utf8mb4 CJK */
#define DEV_MAIL_MAX	50
#define DEV_MAIL_BYTES	(256 * 1024)

static enum app_err	list_get(struct req *, struct resp *);
static enum app_err	read_post(struct req *, struct resp *);
static enum app_err	recipients_get(struct req *, struct resp *);
static enum app_err	recipients_put(struct req *, struct resp *);
static enum app_err	dev_mail_get(struct req *, struct resp *);

enum	route_id {
	ROUTE_LIST,
	ROUTE_READ,
	ROUTE_RECIPIENTS,
	ROUTE_RECIPIENTS_PUT,
	ROUTE_RECIPIENTS_POST,
	ROUTE_DEV_MAIL,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	/* ROUTE_LIST */
	{ "/api/notifications", M_GET, AUTH_USER, list_get, messages_view },
	/* ROUTE_READ */
	{ "/api/notifications/{id}/read", M_POST, AUTH_USER, read_post, NULL },
	/* ROUTE_RECIPIENTS */
	{ "/api/account/recipients", M_GET, AUTH_USER, recipients_get,
	  recipients_view },
	/* ROUTE_RECIPIENTS_PUT */
	{ "/api/account/recipients", M_PUT, AUTH_USER, recipients_put, NULL },
	/* ROUTE_RECIPIENTS_POST: the same, for a form */
	{ "/api/account/recipients", M_POST, AUTH_USER, recipients_put, NULL },
	/* ROUTE_DEV_MAIL */
	{ "/dev/mail", M_GET, AUTH_ADMIN, dev_mail_get, dev_mail_view },
};

static enum app_err
note_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, "
	    "s:s?}",
	    "id", (json_int_t)db_row_int(row, COL_NOTIFY_LIST_ID),
	    "order_id", (json_int_t)db_row_int(row, COL_NOTIFY_LIST_ORDER_ID),
	    "event", db_row_str(row, COL_NOTIFY_LIST_EVENT),
	    "title", db_row_str(row, COL_NOTIFY_LIST_TITLE),
	    "body", db_row_str(row, COL_NOTIFY_LIST_BODY),
	    "created_at", db_row_str(row, COL_NOTIFY_LIST_CREATED),
	    "read_at", db_row_str(row, COL_NOTIFY_LIST_READ_AT)));
	return APP_OK;
}

static enum app_err
count_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_DOMAIN_TAKEN_N);
	return APP_OK;
}

static enum app_err
list_get(struct req *r, struct resp *w)
{
	struct db_arg	 a[1] = { DB_I(r->user.id) };
	json_t		*arr = json_array();
	int64_t		 unread = 0;
	enum app_err	 er;

	if ((er = db_query(r->db, STMT_NOTIFY_LIST, a, 1, note_row, arr)) !=
	    APP_OK ||
	    (er = db_query(r->db, STMT_NOTIFY_UNREAD, a, 1, count_row,
	    &unread)) != APP_OK) {
		json_decref(arr);
		return er;
	}
	resp_json(w, 200, json_pack("{s:o, s:I}", "notifications", arr,
	    "unread", (json_int_t)unread));
	return APP_OK;
}

static enum app_err
read_post(struct req *r, struct resp *w)
{
	struct db_arg	 a[3] = { DB_I(r->now), DB_I(r->ids[0]),
	    DB_I(r->user.id) };
	uint64_t	 n = 0;
	enum app_err	 er;

	int64_t		 mine = 0;

	/* Another account's message is no message at all. */
	if ((er = db_query(r->db, STMT_NOTIFY_OWNED, a + 1, 2, count_row,
	    &mine)) != APP_OK)
		return er;
	if (mine == 0)
		return APP_ENOTFOUND;
	if ((er = db_exec(r->db, STMT_NOTIFY_READ, a, 3, &n)) != APP_OK)
		return er;
	return list_get(r, w);
}

/* --- extra recipients --- */

static enum app_err
recipient_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_pack("{s:s, s:s?, s:s?}",
	    "name", db_row_str(row, COL_RECIPIENTS_NAME),
	    "mobile", db_row_str(row, COL_RECIPIENTS_MOBILE),
	    "email", db_row_str(row, COL_RECIPIENTS_EMAIL)));
	return APP_OK;
}

static enum app_err
recipients_get(struct req *r, struct resp *w)
{
	struct db_arg	 a[1] = { DB_I(r->user.id) };
	json_t		*arr = json_array();
	int64_t		 max;
	enum app_err	 er;

	if ((er = rule_setting(r->db, r->now, RK_MAX_EXTRA_RECIPIENTS,
	    &max)) != APP_OK ||
	    (er = db_query(r->db, STMT_RECIPIENTS_LIST, a, 1, recipient_row,
	    arr)) != APP_OK) {
		json_decref(arr);
		return er;
	}
	resp_json(w, 200, json_pack("{s:o, s:I}", "recipients", arr, "max",
	    (json_int_t)max));
	return APP_OK;
}

struct	recipient {
	const char	*name, *mobile, *email;
};

/* One row: a name, and a mainland mobile or an email address or both. */
static bool
recipient_ok(struct resp *w, size_t i, struct recipient *p)
{
	char	 key[48];

	if (p->mobile != NULL && *p->mobile == '\0')
		p->mobile = NULL;
	if (p->email != NULL && *p->email == '\0')
		p->email = NULL;
	if (p->name == NULL || *p->name == '\0' ||
	    strlen(p->name) > NAME_MAX_BYTES ||
	    !utf8_valid(p->name, strlen(p->name)) ||
	    strcspn(p->name, "\r\n\t<>") != strlen(p->name)) {
		snprintf(key, sizeof(key), "recipients.%zu.name", i);
		resp_field(w, key, "请填写接收人姓名（最多 50 个字）");
		return false;
	}
	if (p->mobile == NULL && p->email == NULL) {
		snprintf(key, sizeof(key), "recipients.%zu.mobile", i);
		resp_field(w, key, "请至少填写手机号码或电子邮箱中的一项");
		return false;
	}
	if (p->mobile != NULL && !notify_mainland_mobile(p->mobile)) {
		snprintf(key, sizeof(key), "recipients.%zu.mobile", i);
		resp_field(w, key, "请填写 11 位中国内地手机号码（短信只发往内地号码）");
		return false;
	}
	if (p->email != NULL && !notify_email_ok(p->email)) {
		snprintf(key, sizeof(key), "recipients.%zu.email", i);
		resp_field(w, key, "电子邮箱格式不正确");
		return false;
	}
	return true;
}

static enum app_err
recipients_put(struct req *r, struct resp *w)
{
	struct recipient	 v[16], one;
	const json_t		*arr, *e;
	struct db_arg		 a[4];
	int64_t			 max;
	size_t			 n = 0, i, k;
	enum app_err		 er;

	if ((er = rule_setting(r->db, r->now, RK_MAX_EXTRA_RECIPIENTS,
	    &max)) != APP_OK)
		return er;
	if (r->body_kind == BODY_JSON) {
		arr = json_object_get(r->json, "recipients");
		if (!json_is_array(arr))
			return resp_field(w, "recipients", "请提供接收人列表");
		json_array_foreach(arr, i, e) {
			if (n == sizeof(v) / sizeof(v[0]) || (int64_t)n >= max)
				return resp_field(w, "recipients",
				    "额外的消息接收人最多 15 位");
			v[n].name = json_string_value(json_object_get(e, "name"));
			v[n].mobile = json_string_value(json_object_get(e,
			    "mobile"));
			v[n].email = json_string_value(json_object_get(e,
			    "email"));
			if (!recipient_ok(w, i, &v[n]))
				return APP_EINVAL;
			n++;
		}
	} else {
		/* A form: the k-th name with the k-th mobile and email. */
		for (k = 0; k < kv_count(&r->form, "name"); k++) {
			one.name = kv_nth(&r->form, "name", k);
			one.mobile = kv_nth(&r->form, "mobile", k);
			one.email = kv_nth(&r->form, "email", k);
			if ((one.name == NULL || *one.name == '\0') &&
			    (one.mobile == NULL || *one.mobile == '\0') &&
			    (one.email == NULL || *one.email == '\0'))
				continue;	/* an unused row */
			/* Counted before it is stored: v has no room past. */
			if (n == sizeof(v) / sizeof(v[0]) || (int64_t)n >= max)
				return resp_field(w, "recipients",
				    "额外的消息接收人最多 15 位");
			if (!recipient_ok(w, k, &one))
				return APP_EINVAL;
			v[n++] = one;
		}
	}
	if ((er = db_tx_begin(r->db)) != APP_OK)
		return er;
	a[0] = DB_I(r->user.id);
	if ((er = db_exec(r->db, STMT_RECIPIENTS_CLEAR, a, 1, NULL)) != APP_OK)
		goto out;
	for (i = 0; i < n; i++) {
		a[1] = DB_S(v[i].name);
		a[2] = DB_S(v[i].mobile);
		a[3] = DB_S(v[i].email);
		if ((er = db_exec(r->db, STMT_RECIPIENT_INSERT, a, 4, NULL)) !=
		    APP_OK)
			goto out;
	}
	if ((er = db_tx_commit(r->db)) != APP_OK)
		goto out;
	applog(LOG_INFO, "account %lld: %zu extra recipients",
	    (long long)r->user.id, n);
	er = recipients_get(r, w);
out:
	db_tx_rollback(r->db);
	return er;
}

/* --- development: the local SMTP server's mail --- */

static int
newest_first(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*b)->d_name, (*a)->d_name);
}

static int
eml_only(const struct dirent *d)
{
	size_t	 n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 4 &&
	    strcmp(d->d_name + n - 4, ".eml") == 0;
}

/* An RFC 2047 header's words decoded (ours: UTF-8, base64). */
static void
header_words(const char *s, struct buf *out)
{
	const char	*p = s, *q, *end;
	unsigned char	 bin[512];
	size_t		 n;

	while (*p != '\0') {
		if (strncmp(p, "=?UTF-8?B?", 10) == 0 &&
		    (end = strstr(p + 10, "?=")) != NULL) {
			q = p + 10;
			if (sodium_base642bin(bin, sizeof(bin), q, (size_t)(end - q),
			    NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL) == 0)
				buf_append(out, bin, n);
			p = end + 2;
			while (*p == ' ' || *p == '\t')
				p++;
			continue;
		}
		buf_append(out, p, 1);
		p++;
	}
}

/* A header of a message's head ("Subject: "), unfolded and decoded. */
static void
header_value(const char *raw, const char *name, struct buf *out)
{
	struct buf	 line = BUF_INIT;
	const char	*h, *eol, *next;
	size_t		 nl = strlen(name);

	for (h = raw; *h != '\0' && strncmp(h, "\r\n", 2) != 0; h = eol + 2) {
		if ((eol = strstr(h, "\r\n")) == NULL)
			break;
		if (strncmp(h, name, nl) != 0)
			continue;
		buf_append(&line, h + nl, (size_t)(eol - h) - nl);
		while (eol[2] == ' ' || eol[2] == '\t') {
			next = eol + 2;
			if ((eol = strstr(next, "\r\n")) == NULL)
				break;
			buf_append(&line, next, (size_t)(eol - next));
		}
		break;
	}
	buf_puts(&line, "");
	header_words(line.p, out);
	buf_free(&line);
}

/*
 * What a developer reads of a message: To, Subject and the plain text,
 * from the shape notify_mail_render() gives it.
 */
static json_t *
mail_summary(const char *file, const char *raw)
{
	struct buf	 subject = BUF_INIT, text = BUF_INIT, to = BUF_INIT;
	const char	*part, *body, *stop;
	unsigned char	*bin;
	size_t		 n, len;
	json_t		*j;

	header_value(raw, "Subject: ", &subject);
	header_value(raw, "To: ", &to);
	if ((part = strstr(raw, "Content-Type: text/plain")) != NULL &&
	    (body = strstr(part, "\r\n\r\n")) != NULL &&
	    (stop = strstr(body + 4, "\r\n--")) != NULL) {
		len = (size_t)(stop - body - 4);
		bin = xmalloc(len + 1);
		if (sodium_base642bin(bin, len, body + 4, len, "\r\n", &n, NULL,
		    sodium_base64_VARIANT_ORIGINAL) == 0)
			buf_append(&text, bin, n);
		free(bin);
	}
	buf_puts(&subject, "");
	buf_puts(&text, "");
	buf_puts(&to, "");
	j = json_pack("{s:s, s:s%, s:s%, s:s%}", "file", file,
	    "to", to.p, to.len, "subject", subject.p, subject.len,
	    "text", text.p, text.len);
	buf_free(&subject);
	buf_free(&text);
	buf_free(&to);
	return j;
}

static enum app_err
dev_mail_get(struct req *r, struct resp *w)
{
	struct dirent	**list = NULL;
	struct stat	 st;
	struct buf	 path = BUF_INIT, text = BUF_INIT;
	json_t		*arr;
	FILE		*f;
	char		 chunk[4096];
	size_t		 got;
	int		 n, i;

	/* Never in production: the key is only in a development conf. */
	if (r->conf->dev_mail_dir == NULL || *r->conf->dev_mail_dir == '\0')
		return APP_ENOTFOUND;
	if ((n = scandir(r->conf->dev_mail_dir, &list, eml_only,
	    newest_first)) < 0)
		return APP_ENOTFOUND;
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (i < DEV_MAIL_MAX) {
			buf_reset(&path);
			buf_printf(&path, "%s/%s", r->conf->dev_mail_dir,
			    list[i]->d_name);
			buf_reset(&text);
			if (stat(path.p, &st) == 0 && S_ISREG(st.st_mode) &&
			    st.st_size <= DEV_MAIL_BYTES &&
			    (f = fopen(path.p, "rb")) != NULL) {
				while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
					buf_append(&text, chunk, got);
				fclose(f);
				buf_puts(&text, "");
				json_array_append_new(arr, mail_summary(
				    list[i]->d_name, text.p));
			}
		}
		free(list[i]);
	}
	free(list);
	buf_free(&path);
	buf_free(&text);
	resp_json(w, 200, json_pack("{s:o}", "mail", arr));
	return APP_OK;
}

int
main(int argc, char *argv[])
{
	/* The recipients table, a row each. */
	static const char *const repeats[ROUTE__MAX] = {
		[ROUTE_RECIPIENTS_POST] = "name mobile email",
	};
	static const struct app app = {
		"notify", routes, ROUTE__MAX, NULL, 0, repeats
	};

	return app_main(argc, argv, &app);
}
