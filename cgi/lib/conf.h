/*
 * The configuration file (conf/beian.conf.sample): "key = value" lines,
 * '#' comments.  Strict on purpose: an unknown or repeated key, a
 * missing database setting or a JWT secret shorter than 32 bytes stops
 * the program before it serves anything (a typo must not silently fall
 * back to a default, and a short secret makes tokens forgeable).
 */
#ifndef BEIAN_CONF_H
#define BEIAN_CONF_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define CONF_SECRET_MIN	32

struct	conf {
	char		*db_socket;
	char		*db_name;
	char		*db_user;
	char		*db_password;
	char		*jwt_secret;
	size_t		 jwt_secret_len;
	char		*jwt_issuer;
	char		*jwt_audience;
	char		*sql_dir;
	char		*log_level;
	int64_t		 session_ttl;		/* seconds */
	int64_t		 max_body;		/* bytes of a non-upload body */
	int64_t		 json_max_depth;
	int64_t		 argon2_ops;
	int64_t		 argon2_mem_kib;
	int64_t		 login_max_failures;
	int64_t		 login_window;		/* seconds */
	int64_t		 login_account_max_failures;
	int64_t		 login_account_window;	/* seconds */
	int64_t		 login_address_max_failures;
	int64_t		 login_address_window;	/* seconds */
	int64_t		 clock_offset;		/* seconds; tests only */
	/*
	 * The bureau (bureau.h): "sim", the simulator, or "http", the
	 * adapter that posts to bureau_url, signed with bureau_secret.
	 * The simulator may move its orders on its own (bureau_sim_auto),
	 * each step bureau_sim_delay seconds after the last.
	 */
	char		*bureau;
	char		*bureau_url;
	char		*bureau_secret;
	int64_t		 bureau_sim_auto;
	int64_t		 bureau_sim_delay;
	/*
	 * Notifications (notify.h): the portal's address for links in
	 * messages; email through an SMTP server (smtp:// or smtps://,
	 * STARTTLS where offered), SMS through a gateway that takes a
	 * signed JSON POST (signed-post.h).
	 */
	char		*public_url;
	char		*smtp_url;
	char		*smtp_user;
	char		*smtp_password;
	char		*mail_from;
	char		*mail_reply_to;
	char		*sms_url;
	char		*sms_secret;
	/* Development only: where the local SMTP sink keeps its mail. */
	char		*dev_mail_dir;
};

/*
 * Parse the text of a configuration file into c (zeroed first).  On
 * failure, err gets a one-line reason naming the line; c is freed.
 */
enum app_err	 conf_parse(struct conf *, const char *, size_t,
			char *err, size_t errsz);
/* Read and parse the file at path. */
enum app_err	 conf_load(struct conf *, const char *path,
			char *err, size_t errsz);
/* Path from $BEIAN_CONF, else $BEIAN_VAR/beian.conf, else "var/beian.conf". */
const char	*conf_default_path(void);
/* The longest of the login failure windows: how long a failure counts. */
int64_t		 conf_login_window_max(const struct conf *);
void		 conf_free(struct conf *);

#endif
