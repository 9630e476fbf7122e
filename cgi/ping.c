/*
 * ping: health check for deployments and the FastCGI floor of the
 * benchmarks.
 *
 *   GET /api/ping	-> 200 {"ok":true}
 *
 * Touches no database: it says "this program's workers answer", which
 * is what a load balancer needs to know.
 */
#include <stdlib.h>

#include "lib/app.h"

static enum app_err	ping_get(struct req *, struct resp *);

enum	route_id {
	ROUTE_PING,
	ROUTE__MAX
};

static const struct route routes[ROUTE__MAX] = {
	/* ROUTE_PING */
	{ "/api/ping", M_GET, AUTH_NONE, ping_get, NULL },
};

static enum app_err
ping_get(struct req *r, struct resp *w)
{
	(void)r;
	resp_json(w, 200, json_pack("{s:b}", "ok", 1));
	return APP_OK;
}

int
main(int argc, char *argv[])
{
	static const struct app app = {
		"ping", routes, ROUTE__MAX, NULL, 0, NULL
	};

	return app_main(argc, argv, &app);
}
