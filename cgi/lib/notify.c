/*
 * Notifications, the pure part (see notify.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "html.h"
#include "notify.h"


enum app_err
notify_render(const char *t, const struct kvlist *params, struct buf *out,
    char missing[NOTIFY_NAME_MAX + 1])
{
	const char	*close, *v;
	char		 name[NOTIFY_NAME_MAX + 1];
	size_t		 n;

	missing[0] = '\0';
	buf_reset(out);
	while (*t != '\0') {
		if (*t != '{' || (close = strchr(t + 1, '}')) == NULL ||
		    (n = (size_t)(close - t - 1)) == 0 || n > NOTIFY_NAME_MAX ||
		    strspn(t + 1, "abcdefghijklmnopqrstuvwxyz_0123456789") != n) {
			buf_append(out, t, 1);
			t++;
			continue;
		}
		memcpy(name, t + 1, n);
		name[n] = '\0';
		if ((v = kv_get(params, name)) == NULL) {
			memcpy(missing, name, n + 1);
			return APP_EINVAL;
		}
		buf_puts(out, v);
		t = close + 1;
	}
	if (out->p == NULL)
		buf_puts(out, "");
	return APP_OK;
}

bool
notify_mainland_mobile(const char *m)
{
	return m != NULL && strlen(m) == 11 && m[0] == '1' &&
	    m[1] >= '3' && m[1] <= '9' && strspn(m, "0123456789") == 11;
}

bool
notify_email_ok(const char *e)
{
	const char	*at;
	size_t		 i, n;

	if (e == NULL || (n = strlen(e)) < 3 || n > 254 ||
	    (at = strchr(e, '@')) == NULL || at == e || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL || strchr(at + 1, '.') == NULL)
		return false;
	/* Printable ASCII, no space or what would break a header. */
	for (i = 0; i < n; i++)
		if (e[i] <= ' ' || e[i] > '~' || strchr("<>()[],;:\\\"", e[i]))
			return false;
	return true;
}

static bool
has(const struct strs *l, const char *s)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (strcasecmp(l->v[i], s) == 0)
			return true;
	return false;
}

void
notify_to_add(struct notify_to *to, const char *mobile, const char *email)
{
	if (notify_mainland_mobile(mobile) && !has(&to->mobiles, mobile))
		strs_keep(&to->mobiles, xstrdup(mobile));
	if (notify_email_ok(email) && !has(&to->emails, email))
		strs_keep(&to->emails, xstrdup(email));
}

void
notify_to_free(struct notify_to *to)
{
	if (to == NULL)
		return;
	strs_free(&to->mobiles);
	strs_free(&to->emails);
	memset(to, 0, sizeof(*to));
}

/* Base64 of n bytes, wrapped at 76 columns (RFC 2045). */
static void
b64_lines(struct buf *out, const void *p, size_t n)
{
	size_t	 sz = sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL);
	char	*s = xmalloc(sz);
	size_t	 len, i;

	sodium_bin2base64(s, sz, p, n, sodium_base64_VARIANT_ORIGINAL);
	len = strlen(s);
	for (i = 0; i < len; i += 76) {
		buf_append(out, s + i, len - i < 76 ? len - i : 76);
		buf_puts(out, "\r\n");
	}
	free(s);
}

/* A header's words: ASCII as is, else one RFC 2047 encoded-word a line. */
static void
words(struct buf *out, const char *s)
{
	size_t	 i, n = strlen(s), sz;
	char	*enc;
	bool	 ascii = true;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 || s[i] < ' ')
			ascii = false;
	if (ascii) {
		buf_puts(out, s);
		return;
	}
	/* 36 bytes encode to 48: a line of 78 with the markers and a header name. */
	for (i = 0; i < n; ) {
		size_t	 take = n - i < 36 ? n - i : 36;

		/* Never split a UTF-8 character. */
		while (i + take < n && take > 0 &&
		    ((unsigned char)s[i + take] & 0xc0) == 0x80)
			take--;
		sz = sodium_base64_encoded_len(take,
		    sodium_base64_VARIANT_ORIGINAL);
		enc = xmalloc(sz);
		sodium_bin2base64(enc, sz, (const unsigned char *)s + i, take,
		    sodium_base64_VARIANT_ORIGINAL);
		buf_printf(out, "%s=?UTF-8?B?%s?=", i > 0 ? "\r\n " : "", enc);
		free(enc);
		i += take;
	}
}

bool
notify_mail_addr(const char *from, char *out, size_t outsz)
{
	const char	*lt = strrchr(from, '<'), *gt;
	size_t		 n;

	if (lt != NULL && (gt = strchr(lt, '>')) != NULL) {
		n = (size_t)(gt - lt - 1);
		from = lt + 1;
	} else
		n = strlen(from);
	if (n == 0 || n >= outsz)
		return false;
	memcpy(out, from, n);
	out[n] = '\0';
	return notify_email_ok(out);
}

/* "Name <addr>" with the name encoded; a bare address as it is. */
static void
mailbox(struct buf *out, const char *m)
{
	const char	*lt = strrchr(m, '<');
	char		 name[256];
	size_t		 n;

	if (lt == NULL) {
		buf_puts(out, m);
		return;
	}
	n = (size_t)(lt - m);
	while (n > 0 && m[n - 1] == ' ')
		n--;
	if (n == 0 || n >= sizeof(name)) {
		buf_puts(out, lt);
		return;
	}
	memcpy(name, m, n);
	name[n] = '\0';
	words(out, name);
	buf_puts(out, " ");
	buf_puts(out, lt);
}

/* The text as HTML: escaped, lines kept, http(s) addresses as links. */
static void
html_of(struct buf *out, const char *text)
{
	const char	*p = text, *url;
	size_t		 n;
	char		*line;

	buf_puts(out, "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\">"
	    "<body style=\"font-family:sans-serif;line-height:1.6\"><p>");
	while (*p != '\0') {
		if (*p == '\n') {
			buf_puts(out, p[1] == '\n' ? "</p><p>" : "<br>");
			p += p[1] == '\n' ? 2 : 1;
			continue;
		}
		url = strncmp(p, "https://", 8) == 0 || strncmp(p, "http://", 7) ==
		    0 ? p : NULL;
		n = url != NULL ? strcspn(p, " \n\t，。；）") :
		    strcspn(p, "\nh");
		if (n == 0)
			n = 1;
		line = xmalloc(n + 1);
		memcpy(line, p, n);
		line[n] = '\0';
		if (url != NULL) {
			buf_puts(out, "<a href=\"");
			html_attr(out, line);
			buf_puts(out, "\">");
			html_text(out, line);
			buf_puts(out, "</a>");
		} else
			html_text(out, line);
		free(line);
		p += n;
	}
	buf_puts(out, "</p></body></html>\r\n");
}

void
notify_mail_render(const struct notify_mail *m, struct buf *out)
{
	struct buf	 html = BUF_INIT, text = BUF_INIT;
	const char	*p;
	struct tm	 tm;
	time_t		 t = (time_t)m->date;
	char		 date[64];

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_puts(out, "From: ");
	mailbox(out, m->from);
	buf_printf(out, "\r\nTo: %s\r\n", m->to);
	if (m->reply_to != NULL && *m->reply_to != '\0') {
		buf_puts(out, "Reply-To: ");
		mailbox(out, m->reply_to);
		buf_puts(out, "\r\n");
	}
	buf_puts(out, "Subject: ");
	words(out, m->subject);
	buf_printf(out, "\r\nDate: %s\r\nMessage-ID: %s\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n",
	    date, m->message_id, m->boundary);
	/* The text with CRLF line ends, as mail wants. */
	for (p = m->text; *p != '\0'; p++) {
		if (*p == '\n')
			buf_puts(&text, "\r\n");
		else
			buf_append(&text, p, 1);
	}
	buf_printf(out, "--%s\r\nContent-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", m->boundary);
	b64_lines(out, text.p != NULL ? text.p : "", text.len);
	html_of(&html, m->text);
	buf_printf(out, "--%s\r\nContent-Type: text/html; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", m->boundary);
	b64_lines(out, html.p, html.len);
	buf_printf(out, "--%s--\r\n", m->boundary);
	buf_free(&html);
	buf_free(&text);
}
