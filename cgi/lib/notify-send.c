/*
 * Delivering a message (see notify-send.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>

#include "notify.h"
#include "notify-send.h"
#include "signed-post.h"
#include "util.h"

#define SEND_TIMEOUT	30L

struct	upload {
	const char	*p;
	size_t		 left;
};

static size_t
feed(char *dst, size_t sz, size_t n, void *arg)
{
	struct upload	*u = arg;
	size_t		 take = sz * n < u->left ? sz * n : u->left;

	memcpy(dst, u->p, take);
	u->p += take;
	u->left -= take;
	return take;
}

enum app_err
notify_send_email(const struct conf *c, const char *to, const char *subject,
    const char *text, int64_t id, int64_t now, char *err, size_t errsz)
{
	struct notify_mail	 m;
	struct curl_slist	*rcpt = NULL;
	struct upload		 up;
	struct buf		 msg = BUF_INIT;
	CURL			*h;
	CURLcode		 rc;
	char			 from[256], mid[128], boundary[64], cerr[CURL_ERROR_SIZE];
	char			 angle[260];
	unsigned char		 rnd[12];
	enum app_err		 er = APP_EDB;

	err[0] = cerr[0] = '\0';
	if (c->smtp_url == NULL || *c->smtp_url == '\0') {
		snprintf(err, errsz, "%s", "no smtp_url configured");
		return APP_EDB;
	}
	if (!notify_mail_addr(c->mail_from, from, sizeof(from))) {
		snprintf(err, errsz, "%s", "mail_from has no address");
		return APP_EINTERNAL;
	}
	randombytes_buf(rnd, sizeof(rnd));
	snprintf(boundary, sizeof(boundary), "=_beian_");
	sodium_bin2hex(boundary + 8, sizeof(boundary) - 8, rnd, sizeof(rnd));
	snprintf(mid, sizeof(mid), "<notification-%lld-%lld@%s>", (long long)id,
	    (long long)now, strchr(from, '@') + 1);
	memset(&m, 0, sizeof(m));
	m.from = c->mail_from;
	m.reply_to = c->mail_reply_to;
	m.to = to;
	m.subject = subject;
	m.text = text;
	m.date = now;
	m.message_id = mid;
	m.boundary = boundary;
	notify_mail_render(&m, &msg);
	if ((h = curl_easy_init()) == NULL) {
		buf_free(&msg);
		snprintf(err, errsz, "%s", "curl_easy_init failed");
		return APP_EINTERNAL;
	}
	snprintf(angle, sizeof(angle), "<%s>", from);
	rcpt = curl_slist_append(rcpt, to);
	up.p = msg.p;
	up.left = msg.len;
	curl_easy_setopt(h, CURLOPT_URL, c->smtp_url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	/* TLS where the server offers it; smtps:// has it from the start. */
	curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	if (c->smtp_user != NULL && *c->smtp_user != '\0') {
		curl_easy_setopt(h, CURLOPT_USERNAME, c->smtp_user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->smtp_password);
	}
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, angle);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, feed);
	curl_easy_setopt(h, CURLOPT_READDATA, &up);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg.len);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, SEND_TIMEOUT);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, cerr);
	if ((rc = curl_easy_perform(h)) == CURLE_OK)
		er = APP_OK;
	else
		snprintf(err, errsz, "%s", cerr[0] != '\0' ? cerr :
		    curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	buf_free(&msg);
	return er;
}

enum app_err
notify_send_sms(const struct conf *c, const char *to, const char *text,
    int64_t now, char *err, size_t errsz)
{
	json_t		*j = json_pack("{s:s, s:s}", "to", to, "text", text);
	char		*body = j != NULL ? json_dumps(j, JSON_COMPACT) : NULL;
	enum app_err	 er;

	if (body == NULL) {
		json_decref(j);
		snprintf(err, errsz, "%s", "the message could not be made");
		return APP_EINTERNAL;
	}
	er = signed_post(c->sms_url, c->sms_secret, body, strlen(body), now,
	    SEND_TIMEOUT, err, errsz);
	free(body);
	json_decref(j);
	return er;
}
