#include <assert.h>
#include <stddef.h>

#include "err.h"

static const struct {
	int		 http;
	const char	*code;
	const char	*msg;
} errs[APP__MAX] = {
#define X(n, http, code, msg)	{ http, code, msg },
	APP_ERRORS(X)
#undef X
};

int
app_err_http(enum app_err er)
{
	assert(er < APP__MAX);
	return er < APP__MAX ? errs[er].http : 500;
}

const char *
app_err_code(enum app_err er)
{
	return er < APP__MAX ? errs[er].code : "internal";
}

const char *
app_err_msg(enum app_err er)
{
	return er < APP__MAX ? errs[er].msg : errs[APP_EINTERNAL].msg;
}

/* nginx turns "Status: 200" without a phrase into a bare status line. */
const char *
app_http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}
