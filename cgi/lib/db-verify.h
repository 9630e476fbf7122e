/*
 * Photo verification in the database: an order's method and hand-over,
 * its curtain request, the administrative divisions.  The rules are in
 * verify-rules.c.
 */
#ifndef BEIAN_DB_VERIFY_H
#define BEIAN_DB_VERIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "verify-rules.h"

struct	verification {
	bool			 found;
	enum verify_method	 method;
	char			*submitted_at;	/* NULL: not yet */
	char			*due_at;
	char			*shanghai_code;
};

struct	curtain {
	bool	 found;
	int64_t	 id;
	char	*recipient, *mobile;
	char	*province, *province_name;
	char	*city, *city_name;
	char	*district, *district_name;
	char	*street, *postcode;		/* postcode NULL: none */
	char	*state;				/* requested, shipped, delivered */
	char	*carrier, *tracking;		/* NULL until shipped */
	char	*created_at, *shipped_at, *delivered_at;
};

enum app_err	 db_verification_get(struct db *, int64_t oid,
			struct verification *);
void		 verification_free(struct verification *);
/* The method of order oid, once: a second call keeps the first. */
enum app_err	 db_verification_start(struct db *, int64_t oid,
			enum verify_method);

enum app_err	 db_curtain_get(struct db *, int64_t oid, struct curtain *);
void		 curtain_free(struct curtain *);
enum app_err	 db_curtain_count(struct db *, int64_t oid, int64_t *);

/* The provinces (parent NULL), or the divisions of parent. */
enum app_err	 db_regions(struct db *, const char *parent, struct regions *);

#endif
