#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "conf.h"
#include "util.h"

enum	ctype {
	CT_STR,
	CT_INT
};

enum	ckey {
	CK_DB_SOCKET,
	CK_DB_NAME,
	CK_DB_USER,
	CK_DB_PASSWORD,
	CK_JWT_SECRET,
	CK_JWT_ISSUER,
	CK_JWT_AUDIENCE,
	CK_SQL_DIR,
	CK_LOG_LEVEL,
	CK_SESSION_TTL,
	CK_MAX_BODY,
	CK_JSON_MAX_DEPTH,
	CK_ARGON2_OPS,
	CK_ARGON2_MEM_KIB,
	CK_LOGIN_MAX_FAILURES,
	CK_LOGIN_WINDOW,
	CK_LOGIN_ACCOUNT_MAX_FAILURES,
	CK_LOGIN_ACCOUNT_WINDOW,
	CK_LOGIN_ADDRESS_MAX_FAILURES,
	CK_LOGIN_ADDRESS_WINDOW,
	CK_CLOCK_OFFSET,
	CK_BUREAU,
	CK_BUREAU_URL,
	CK_BUREAU_SECRET,
	CK_BUREAU_SIM_AUTO,
	CK_BUREAU_SIM_DELAY,
	CK_PUBLIC_URL,
	CK_SMTP_URL,
	CK_SMTP_USER,
	CK_SMTP_PASSWORD,
	CK_MAIL_FROM,
	CK_MAIL_REPLY_TO,
	CK_SMS_URL,
	CK_SMS_SECRET,
	CK_DEV_MAIL_DIR,
	CK__MAX
};

static const struct {
	const char	*name;
	enum ctype	 type;
	size_t		 off;
	bool		 required;
	const char	*dflt;		/* strings */
	int64_t		 idflt, min, max;	/* integers */
} keys[CK__MAX] = {
	/* CK_DB_SOCKET */
	{ "db_socket", CT_STR, offsetof(struct conf, db_socket), true, NULL, 0, 0, 0 },
	/* CK_DB_NAME */
	{ "db_name", CT_STR, offsetof(struct conf, db_name), true, NULL, 0, 0, 0 },
	/* CK_DB_USER */
	{ "db_user", CT_STR, offsetof(struct conf, db_user), true, NULL, 0, 0, 0 },
	/* CK_DB_PASSWORD */
	{ "db_password", CT_STR, offsetof(struct conf, db_password), true, NULL, 0, 0, 0 },
	/* CK_JWT_SECRET */
	{ "jwt_secret", CT_STR, offsetof(struct conf, jwt_secret), true, NULL, 0, 0, 0 },
	/* CK_JWT_ISSUER */
	{ "jwt_issuer", CT_STR, offsetof(struct conf, jwt_issuer), false, "beian", 0, 0, 0 },
	/* CK_JWT_AUDIENCE */
	{ "jwt_audience", CT_STR, offsetof(struct conf, jwt_audience), false, "beian-portal", 0, 0, 0 },
	/* CK_SQL_DIR */
	{ "sql_dir", CT_STR, offsetof(struct conf, sql_dir), false, "", 0, 0, 0 },
	/* CK_LOG_LEVEL */
	{ "log_level", CT_STR, offsetof(struct conf, log_level), false, "info", 0, 0, 0 },
	/* CK_SESSION_TTL */
	{ "session_ttl", CT_INT, offsetof(struct conf, session_ttl), false, NULL, 28800, 60, 604800 },
	/* CK_MAX_BODY */
	{ "max_body", CT_INT, offsetof(struct conf, max_body), false, NULL, 1048576, 1024, 67108864 },
	/* CK_JSON_MAX_DEPTH */
	{ "json_max_depth", CT_INT, offsetof(struct conf, json_max_depth), false, NULL, 16, 2, 64 },
	/* CK_ARGON2_OPS */
	{ "argon2_ops", CT_INT, offsetof(struct conf, argon2_ops), false, NULL, 2, 1, 10 },
	/* CK_ARGON2_MEM_KIB: OWASP's floor for argon2id is 19 MiB with t=2. */
	{ "argon2_mem_kib", CT_INT, offsetof(struct conf, argon2_mem_kib), false, NULL, 19456, 8192, 1048576 },
	/* CK_LOGIN_MAX_FAILURES */
	{ "login_max_failures", CT_INT, offsetof(struct conf, login_max_failures), false, NULL, 5, 1, 100 },
	/* CK_LOGIN_WINDOW */
	{ "login_window", CT_INT, offsetof(struct conf, login_window), false, NULL, 900, 10, 86400 },
	/*
	 * CK_LOGIN_ACCOUNT_MAX_FAILURES: one login from any address, slower
	 * and longer than a pair, so that a guesser with many addresses
	 * stops, yet one with a few cannot lock the owner out.
	 */
	{ "login_account_max_failures", CT_INT, offsetof(struct conf, login_account_max_failures), false, NULL, 30, 1, 10000 },
	/* CK_LOGIN_ACCOUNT_WINDOW */
	{ "login_account_window", CT_INT, offsetof(struct conf, login_account_window), false, NULL, 3600, 10, 86400 },
	/*
	 * CK_LOGIN_ADDRESS_MAX_FAILURES: one address across logins (password
	 * spraying); high, because carriers put many users behind one NAT.
	 */
	{ "login_address_max_failures", CT_INT, offsetof(struct conf, login_address_max_failures), false, NULL, 100, 1, 100000 },
	/* CK_LOGIN_ADDRESS_WINDOW */
	{ "login_address_window", CT_INT, offsetof(struct conf, login_address_window), false, NULL, 900, 10, 86400 },
	/* CK_CLOCK_OFFSET: tests move the clock (a dated rule comes into force). */
	{ "clock_offset", CT_INT, offsetof(struct conf, clock_offset), false, NULL, 0, -315360000, 315360000 },
	/* CK_BUREAU */
	{ "bureau", CT_STR, offsetof(struct conf, bureau), false, "sim", 0, 0, 0 },
	/* CK_BUREAU_URL */
	{ "bureau_url", CT_STR, offsetof(struct conf, bureau_url), false, "", 0, 0, 0 },
	/* CK_BUREAU_SECRET */
	{ "bureau_secret", CT_STR, offsetof(struct conf, bureau_secret), false, "", 0, 0, 0 },
	/* CK_BUREAU_SIM_AUTO */
	{ "bureau_sim_auto", CT_INT, offsetof(struct conf, bureau_sim_auto), false, NULL, 0, 0, 1 },
	/* CK_BUREAU_SIM_DELAY */
	{ "bureau_sim_delay", CT_INT, offsetof(struct conf, bureau_sim_delay), false, NULL, 60, 0, 86400 },
	/* CK_PUBLIC_URL: links in messages. */
	{ "public_url", CT_STR, offsetof(struct conf, public_url), false, "http://127.0.0.1:8080", 0, 0, 0 },
	/* CK_SMTP_URL */
	{ "smtp_url", CT_STR, offsetof(struct conf, smtp_url), false, "", 0, 0, 0 },
	/* CK_SMTP_USER */
	{ "smtp_user", CT_STR, offsetof(struct conf, smtp_user), false, "", 0, 0, 0 },
	/* CK_SMTP_PASSWORD */
	{ "smtp_password", CT_STR, offsetof(struct conf, smtp_password), false, "", 0, 0, 0 },
	/* CK_MAIL_FROM */
	{ "mail_from", CT_STR, offsetof(struct conf, mail_from), false, "备案系统 <beian@localhost.localdomain>", 0, 0, 0 },
	/* CK_MAIL_REPLY_TO */
	{ "mail_reply_to", CT_STR, offsetof(struct conf, mail_reply_to), false, "", 0, 0, 0 },
	/* CK_SMS_URL */
	{ "sms_url", CT_STR, offsetof(struct conf, sms_url), false, "", 0, 0, 0 },
	/* CK_SMS_SECRET */
	{ "sms_secret", CT_STR, offsetof(struct conf, sms_secret), false, "", 0, 0, 0 },
	/* CK_DEV_MAIL_DIR: development only; never in production. */
	{ "dev_mail_dir", CT_STR, offsetof(struct conf, dev_mail_dir), false, "", 0, 0, 0 },
};

static char **
str_at(struct conf *c, size_t off)
{
	return (char **)(void *)((char *)c + off);
}

static int64_t *
int_at(struct conf *c, size_t off)
{
	return (int64_t *)(void *)((char *)c + off);
}

static bool
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

static enum app_err	fail(struct conf *, char *, size_t, const char *, ...)
			    __attribute__((format(printf, 4, 5)));

static enum app_err
fail(struct conf *c, char *err, size_t errsz, const char *fmt, ...)
{
	va_list	 ap;

	if (err != NULL && errsz > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errsz, fmt, ap);
		va_end(ap);
	}
	conf_free(c);
	return APP_EINVAL;
}

enum app_err
conf_parse(struct conf *c, const char *text, size_t len, char *err,
    size_t errsz)
{
	bool		 seen[CK__MAX];
	const char	*p = text, *end = text + len, *eol, *ks, *ke, *vs, *ve;
	size_t		 line = 0, i, klen;
	char		 name[64], *val;
	int64_t		 iv;

	memset(c, 0, sizeof(*c));
	memset(seen, 0, sizeof(seen));
	if (err != NULL && errsz > 0)
		err[0] = '\0';

	while (p < end) {
		line++;
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		ks = p;
		p = eol < end ? eol + 1 : end;
		/* Before the comment test: a comment may not hide one. */
		if (memchr(ks, '\0', (size_t)(eol - ks)) != NULL)
			return fail(c, err, errsz, "line %zu: %s", line,
			    "NUL byte");
		while (ks < eol && is_space(*ks))
			ks++;
		if (ks == eol || *ks == '#')
			continue;
		ke = ks;
		while (ke < eol && *ke != '=' && !is_space(*ke))
			ke++;
		vs = ke;
		while (vs < eol && is_space(*vs))
			vs++;
		if (vs == eol || *vs != '=')
			return fail(c, err, errsz, "line %zu: %s", line,
			    "expected \"key = value\"");
		vs++;
		while (vs < eol && is_space(*vs))
			vs++;
		ve = eol;
		while (ve > vs && is_space(ve[-1]))
			ve--;
		klen = (size_t)(ke - ks);
		if (klen == 0 || klen >= sizeof(name))
			return fail(c, err, errsz, "line %zu: %s", line,
			    "bad key");
		memcpy(name, ks, klen);
		name[klen] = '\0';
		for (i = 0; i < CK__MAX; i++)
			if (strcmp(keys[i].name, name) == 0)
				break;
		if (i == CK__MAX)
			return fail(c, err, errsz, "line %zu: unknown key %s",
			    line, name);
		if (seen[i])
			return fail(c, err, errsz,
			    "line %zu: key %s given twice", line, name);
		seen[i] = true;
		val = xstrndup(vs, (size_t)(ve - vs));
		if (keys[i].type == CT_STR) {
			*str_at(c, keys[i].off) = val;
			if (i == CK_JWT_SECRET)
				c->jwt_secret_len = strlen(val);
			continue;
		}
		if (!str_to_i64(val, keys[i].min, keys[i].max, &iv)) {
			free(val);
			return fail(c, err, errsz,
			    "line %zu: %s needs an integer in range", line,
			    name);
		}
		free(val);
		*int_at(c, keys[i].off) = iv;
	}

	for (i = 0; i < CK__MAX; i++) {
		if (seen[i])
			continue;
		if (keys[i].required)
			return fail(c, err, errsz, "line %zu: missing key %s",
			    line, keys[i].name);
		if (keys[i].type == CT_STR)
			*str_at(c, keys[i].off) = xstrdup(keys[i].dflt);
		else
			*int_at(c, keys[i].off) = keys[i].idflt;
	}
	if (c->jwt_secret_len < CONF_SECRET_MIN)
		return fail(c, err, errsz,
		    "line %zu: %s must be at least 32 bytes", line,
		    "jwt_secret");
	if (c->db_name[0] == '\0' || c->db_user[0] == '\0' ||
	    c->db_socket[0] == '\0')
		return fail(c, err, errsz, "line %zu: %s", line,
		    "db_socket, db_name and db_user must not be empty");
	if (strcmp(c->log_level, "error") && strcmp(c->log_level, "warn") &&
	    strcmp(c->log_level, "info") && strcmp(c->log_level, "debug"))
		return fail(c, err, errsz, "line %zu: %s", line,
		    "log_level must be error, warn, info or debug");
	/* The http bureau signs both ways: no URL or a short key, no start. */
	if (strcmp(c->bureau, "sim") && strcmp(c->bureau, "http"))
		return fail(c, err, errsz, "line %zu: %s", line,
		    "bureau must be sim or http");
	if (strcmp(c->bureau, "http") == 0 && (strncmp(c->bureau_url,
	    "http://", 7) && strncmp(c->bureau_url, "https://", 8)))
		return fail(c, err, errsz, "line %zu: %s", line,
		    "bureau = http needs bureau_url (http:// or https://)");
	if (strcmp(c->bureau, "http") == 0 &&
	    strlen(c->bureau_secret) < CONF_SECRET_MIN)
		return fail(c, err, errsz, "line %zu: %s", line,
		    "bureau = http needs a bureau_secret of at least 32 bytes");
	if (*c->smtp_url != '\0' && strncmp(c->smtp_url, "smtp://", 7) &&
	    strncmp(c->smtp_url, "smtps://", 8))
		return fail(c, err, errsz, "line %zu: %s", line,
		    "smtp_url must be smtp:// or smtps://");
	if (*c->sms_url != '\0' && ((strncmp(c->sms_url, "http://", 7) &&
	    strncmp(c->sms_url, "https://", 8)) ||
	    strlen(c->sms_secret) < CONF_SECRET_MIN))
		return fail(c, err, errsz, "line %zu: %s", line,
		    "sms_url must be http(s):// with an sms_secret of at least "
		    "32 bytes");
	return APP_OK;
}

enum app_err
conf_load(struct conf *c, const char *path, char *err, size_t errsz)
{
	FILE		*f;
	struct buf	 b = BUF_INIT;
	char		 chunk[4096];
	size_t		 n;
	enum app_err	 er;

	memset(c, 0, sizeof(*c));
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return APP_EINVAL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_append(&b, chunk, n);
		if (b.len > 65536) {
			snprintf(err, errsz, "%s: file too large", path);
			er = APP_EINVAL;
			goto out;
		}
	}
	if (ferror(f)) {
		snprintf(err, errsz, "%s: read error", path);
		er = APP_EINVAL;
		goto out;
	}
	er = conf_parse(c, b.p != NULL ? b.p : "", b.len, err, errsz);
out:
	fclose(f);
	if (b.p != NULL)
		sodium_memzero(b.p, b.len);
	buf_free(&b);
	return er;
}

const char *
conf_default_path(void)
{
	static char	 path[4096];
	const char	*e;

	if ((e = getenv("BEIAN_CONF")) != NULL && *e != '\0')
		return e;
	if ((e = getenv("BEIAN_VAR")) != NULL && *e != '\0') {
		snprintf(path, sizeof(path), "%s/beian.conf", e);
		return path;
	}
	return "var/beian.conf";
}

void
conf_free(struct conf *c)
{
	size_t	 i;
	char	**s;

	if (c == NULL)
		return;
	for (i = 0; i < CK__MAX; i++) {
		if (keys[i].type != CT_STR)
			continue;
		s = str_at(c, keys[i].off);
		if (*s != NULL && (i == CK_JWT_SECRET || i == CK_DB_PASSWORD ||
		    i == CK_BUREAU_SECRET || i == CK_SMTP_PASSWORD ||
		    i == CK_SMS_SECRET))
			sodium_memzero(*s, strlen(*s));
		free(*s);
		*s = NULL;
	}
	memset(c, 0, sizeof(*c));
}

int64_t
conf_login_window_max(const struct conf *c)
{
	int64_t	 w = c->login_window;

	if (c->login_account_window > w)
		w = c->login_account_window;
	if (c->login_address_window > w)
		w = c->login_address_window;
	return w;
}
