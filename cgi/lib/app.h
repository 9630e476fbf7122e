/*
 * The request/response cycle shared by every FastCGI program.
 *
 * A program is a route table plus handlers.  app_main() loads the
 * configuration (refusing to start when it is wrong), then loops on
 * FCGX_Accept_r: parse the request, match a route, authenticate, check
 * CSRF, call the handler, and render status, headers and body once at
 * the end (a late failure can never leave a half-written 200).  All
 * per-request memory is released before the next accept.
 */
#ifndef BEIAN_APP_H
#define BEIAN_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "conf.h"
#include "db.h"
#include "err.h"
#include "multipart.h"
#include "parse.h"
#include "token.h"
#include "util.h"

#define SESSION_COOKIE	"beian_session"
#define ROUTE_MAX_IDS	4
#define ROUTE_STR_MAX	65	/* bytes of a "{str}" segment, with its NUL */
#define RESP_MAX_HDRS	16

enum	method {
	M_GET = 1 << 0,
	M_HEAD = 1 << 1,
	M_POST = 1 << 2,
	M_PUT = 1 << 3,
	M_DELETE = 1 << 4,
	M_PATCH = 1 << 5,
	M_OTHER = 1 << 6
};

enum	auth {
	AUTH_NONE,		/* public */
	AUTH_OPTIONAL,		/* user loaded when a valid token is sent */
	AUTH_USER,		/* any role */
	AUTH_REVIEWER,		/* reviewer or admin */
	AUTH_ADMIN
};

enum	body_kind {
	BODY_NONE,
	BODY_JSON,
	BODY_FORM
};

struct	user {
	int64_t	 id;
	char	*login;
	char	*name;
	char	*role;
};

struct	req {
	char			**envp;		/* FastCGI parameters */
	const struct conf	*conf;
	struct db		*db;
	enum method		 method;
	const char		*method_name;
	char			*path;
	char			 request_id[65];
	int64_t			 now;		/* seconds, fixed per request */
	struct kvlist		 query;
	struct kvlist		 cookies;
	struct kvlist		 form;
	struct mp_files		 files;		/* multipart file parts */
	json_t			*json;
	enum body_kind		 body_kind;
	struct buf		 body;
	int64_t			 ids[ROUTE_MAX_IDS];
	size_t			 nids;
	char			 str[ROUTE_STR_MAX];	/* "{str}" segment */
	bool			 html;		/* classic form post: answer 303 */
	bool			 want_html;	/* GET from a browser or SSI: fragment */
	bool			 authed;
	bool			 via_cookie;
	struct claims		 claims;
	struct user		 user;
	json_t			*echo;		/* echo.c: loaded on demand */
	bool			 echo_loaded;
};

struct	resp {
	int		 status;	/* on success; 200 by default */
	json_t		*body;		/* success body (owned) */
	struct buf	 raw;		/* or raw bytes of type ctype */
	const char	*ctype;
	const char	*cache;		/* Cache-Control; NULL: no-store */
	char		*hdrs[RESP_MAX_HDRS];	/* "Name: value" */
	size_t		 nhdrs;
	const char	*code;		/* refines the error class */
	char		*msg;		/* replaces the class message */
	json_t		*fields;	/* field -> message (owned) */
	json_t		*extra;		/* merged into the error object */
	char		 echo[33];	/* a refused form's values, kept */
	const char	*next;		/* in place of the form's "next" */
};

typedef enum app_err (*handler_fn)(struct req *, struct resp *);

struct	route {
	const char	*pattern;	/* "/api/orders/{id}/product" */
	unsigned int	 methods;	/* M_* mask */
	enum auth	 auth;
	handler_fn	 fn;
	/*
	 * For a GET that prefers text/html (nginx SSI including the answer
	 * into a static page, for browsers without JavaScript): turn the
	 * JSON body the handler made into an HTML fragment in w->raw.
	 * NULL: such a GET gets the JSON.
	 */
	handler_fn	 view;
};

struct	app {
	const char		*name;
	const struct route	*routes;
	size_t			 nroutes;
	/* Called once after the configuration is loaded; may be NULL. */
	enum app_err		(*init)(const struct conf *);
	/* Bytes of a body this program takes; 0: the configuration's. */
	int64_t			 max_body;
	/*
	 * Per route (indexed like routes), the form fields that may come more
	 * than once, space-separated (a checkbox list, rows of a table); any
	 * other name sent twice is refused with 400.  NULL: none anywhere.
	 */
	const char *const	*repeats;
};

/* Run a program; returns the process exit status. */
int		 app_main(int, char **, const struct app *);

/* --- request (req.c) --- */

/* A FastCGI parameter ("HTTP_ACCEPT", "REMOTE_ADDR"), or NULL. */
const char	*req_env(const struct req *, const char *);
/*
 * Parse method, path, query, cookies and the body read from in (at most
 * conf->max_body bytes).  Errors: 400, 413, 415.
 */
enum app_err	 req_parse(struct req *, const char *body, size_t bodysz);
/*
 * The same in two halves: what the headers and URL say (method, path,
 * query, cookies), then the body.  Dispatch parses both but answers a
 * bad body only after the caller is known to be allowed: an anonymous or
 * wrong-role caller hears 401/403, never how the body was wrong.
 */
enum app_err	 req_parse_head(struct req *);
enum app_err	 req_parse_body(struct req *, const char *body, size_t bodysz);
/* A body field from JSON (strings only) or a form; NULL if absent. */
const char	*req_str(const struct req *, const char *);
bool		 req_is_form(const struct req *);
/*
 * The first name a form body (fields and files together) carries twice
 * that is not in repeats (space-separated, may be NULL); NULL if none.
 */
const char	*req_form_duplicate(const struct req *, const char *repeats);
bool		 req_is_https(const struct req *);
/* True when Origin (or Referer) names this very site. */
bool		 req_same_origin(const struct req *);
/* Origin or Sec-Fetch-Site says cross-site. */
bool		 req_cross_site(const struct req *);
void		 req_free(struct req *);

/* --- response (resp.c) --- */

void		 resp_json(struct resp *, int status, json_t *);
void		 resp_header(struct resp *, const char *, ...)
			__attribute__((format(printf, 2, 3)));
/* Add a field message to the 422 map; returns APP_EINVAL. */
enum app_err	 resp_field(struct resp *, const char *field, const char *msg);
/* Refine an error: specific code and/or message; returns er. */
enum app_err	 resp_fail(struct resp *, enum app_err, const char *code,
			const char *msg);
void		 resp_set_cookie(struct resp *, const struct req *,
			const char *name, const char *val, int64_t maxage);
/* Render the whole CGI response (headers and body) into out. */
void		 resp_render(const struct req *, const struct resp *,
			enum app_err, struct buf *out);
void		 resp_free(struct resp *);

/* A same-site path ("/x?y") or NULL: for "next" and "back". */
bool		 safe_local_path(const char *);

/* --- routing and auth (route.c, auth.c) --- */

/*
 * Match path against pattern, filling ids from "{id}" segments (positive
 * integers without leading zeros).
 */
bool		 route_match(const char *pattern, const char *path,
			int64_t *ids, size_t *nids);
/* The same, with one "{str}" segment (1-64 bytes, no '%') into str. */
bool		 route_match_str(const char *pattern, const char *path,
			int64_t *ids, size_t *nids, char *str, size_t strsz);
/* Load r->user from the Bearer header or the session cookie. */
enum app_err	 auth_load(struct req *);
/* CSRF rule of the contract for state-changing requests. */
enum app_err	 auth_csrf(const struct req *);
/* The user object of the API ({id, login, name, role}). */
json_t		*user_json(const struct user *);

#endif
