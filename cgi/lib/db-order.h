/*
 * Orders in the database: locking one for a transition, recording the
 * transition, and the order as the API returns it.  Every function takes
 * the account id and finds nothing (APP_ENOTFOUND) for another account's
 * order.
 */
#ifndef BEIAN_DB_ORDER_H
#define BEIAN_DB_ORDER_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "db.h"
#include "order.h"

struct	order_lock {
	int64_t			 id;
	enum order_state	 state;
	int64_t			 version;
	bool			 subject_confirmed;
	char			 kind[24];
};

/*
 * Is order oid account uid's?  APP_ENOTFOUND if not: a handler asks
 * before it judges the body, so another account hears 404 and nothing
 * about what it sent.
 */
enum app_err	 db_order_owned(struct db *, int64_t oid, int64_t uid);

/* Inside a transaction: lock order oid of account uid. */
enum app_err	 db_order_lock(struct db *, int64_t oid, int64_t uid,
			struct order_lock *);

/* The same for a reviewer: any account's order. */
enum app_err	 db_order_lock_review(struct db *, int64_t oid,
			struct order_lock *);

/*
 * Inside a transaction, on a locked order: apply ev (refusing it with
 * APP_ECONFLICT when the state does not allow it), bump the version and
 * write the order_event row.  actor is "applicant", "reviewer", ...
 */
enum app_err	 db_order_apply(struct db *, struct order_lock *,
			enum order_ev, const char *actor, int64_t actor_id,
			const char *note);

/* The order as GET /api/orders/{id} returns it; *out owned by caller. */
enum app_err	 db_order_json(struct db *, int64_t oid, int64_t uid,
			json_t **out);

/* The same for a reviewer: any account's order. */
enum app_err	 db_order_json_review(struct db *, int64_t oid, json_t **out);

/*
 * The websites an order adds, as the API shows them (identifiers
 * masked), appended to arr; wid 0 for all of them.
 */
enum app_err	 db_order_websites(struct db *, int64_t oid, int64_t wid,
			json_t *arr);

/*
 * Keep head and tail bytes of an ASCII identifier, star the rest:
 * ("330102199001011234", 3, 4) -> "330***********1234".
 */
void		 mask_middle(const char *, size_t head, size_t tail,
			char *out, size_t outsz);

#endif
