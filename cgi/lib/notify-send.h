/*
 * Delivering one message of the outbox: email through the configured
 * SMTP server (libcurl: STARTTLS where the server offers it, smtps://
 * for TLS from the start), SMS through the gateway's signed JSON POST
 * ({to, text}, signed-post.h).
 */
#ifndef BEIAN_NOTIFY_SEND_H
#define BEIAN_NOTIFY_SEND_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "err.h"

/* APP_OK once the server took it; err says why not. */
enum app_err	 notify_send_email(const struct conf *, const char *to,
		    const char *subject, const char *text, int64_t id,
		    int64_t now, char *err, size_t errsz);
enum app_err	 notify_send_sms(const struct conf *, const char *to,
		    const char *text, int64_t now, char *err, size_t errsz);

#endif
