/*
 * Signed JSON posts (see signed-post.h).
 */
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>
#include <sodium.h>

#include "signed-post.h"
#include "util.h"

void
sign_body(const char *secret, int64_t ts, const void *body, size_t len,
    char out[72])
{
	crypto_auth_hmacsha256_state	 st;
	unsigned char			 mac[crypto_auth_hmacsha256_BYTES];
	char				 t[24];
	int				 n;

	n = snprintf(t, sizeof(t), "%lld.", (long long)ts);
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret,
	    strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)t, (size_t)n);
	crypto_auth_hmacsha256_update(&st, body, len);
	crypto_auth_hmacsha256_final(&st, mac);
	memcpy(out, "sha256=", 7);
	sodium_bin2hex(out + 7, 65, mac, sizeof(mac));
	sodium_memzero(&st, sizeof(st));
}

bool
sign_check(const char *secret, const char *ts, const char *sig,
    const void *body, size_t len, int64_t now)
{
	char	 want[72];
	int64_t	 t;

	/* No secret, no trust: an empty key would sign for anyone. */
	if (secret == NULL || strlen(secret) < SIGN_MIN_KEY)
		return false;
	if (ts == NULL || sig == NULL || !str_to_i64(ts, 0, INT64_MAX, &t) ||
	    t < now - SIGN_SKEW || t > now + SIGN_SKEW)
		return false;
	if (strlen(sig) != 71)
		return false;
	sign_body(secret, t, body, len, want);
	return sodium_memcmp(want, sig, 71) == 0;
}

/* The answer's body is not ours to keep: swallowed. */
static size_t
discard(char *p, size_t sz, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return sz * n;
}

enum app_err
signed_post(const char *url, const char *secret, const char *body,
    size_t len, int64_t now, long timeout, char *err, size_t errsz)
{
	CURL			*h;
	struct curl_slist	*hdrs = NULL;
	char			 sig[72], line[128], cerr[CURL_ERROR_SIZE];
	long			 status = 0;
	CURLcode		 rc;
	enum app_err		 er = APP_EDB;	/* the other party is away */

	err[0] = cerr[0] = '\0';
	if (url == NULL || *url == '\0') {
		snprintf(err, errsz, "%s", "no URL configured");
		return APP_EDB;
	}
	if ((h = curl_easy_init()) == NULL) {
		snprintf(err, errsz, "%s", "curl_easy_init failed");
		return APP_EINTERNAL;
	}
	sign_body(secret != NULL ? secret : "", now, body, len, sig);
	hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
	snprintf(line, sizeof(line), "X-Beian-Timestamp: %lld", (long long)now);
	hdrs = curl_slist_append(hdrs, line);
	snprintf(line, sizeof(line), "X-Beian-Signature: %s", sig);
	hdrs = curl_slist_append(hdrs, line);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, timeout < 10 ? timeout : 10L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	/* One address: no redirect takes the body elsewhere. */
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, cerr);
	if ((rc = curl_easy_perform(h)) != CURLE_OK)
		snprintf(err, errsz, "%s", cerr[0] != '\0' ? cerr :
		    curl_easy_strerror(rc));
	else {
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		if (status >= 200 && status < 300)
			er = APP_OK;
		else
			snprintf(err, errsz, "HTTP %ld", status);
	}
	sodium_memzero(sig, sizeof(sig));
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(h);
	return er;
}
