/*
 * Photo verification in the database (see db-verify.h).
 */
#include <stdlib.h>
#include <string.h>

#include "db-verify.h"
#include "stmts.h"

static char *
col_dup(const struct db_row *row, size_t col)
{
	const char	*s = db_row_str(row, col);

	return s != NULL ? xstrdup(s) : NULL;
}

static enum app_err
verification_row(const struct db_row *row, void *arg)
{
	struct verification	*v = arg;

	verification_free(v);
	v->found = verify_method_parse(db_row_str(row,
	    COL_VERIFICATION_GET_METHOD), &v->method);
	v->submitted_at = col_dup(row, COL_VERIFICATION_GET_SUBMITTED);
	v->due_at = col_dup(row, COL_VERIFICATION_GET_DUE);
	v->shanghai_code = col_dup(row, COL_VERIFICATION_GET_SHANGHAI_CODE);
	/* A method the code does not know is no method: fail, not guess. */
	return v->found ? APP_OK : APP_EINTERNAL;
}

enum app_err
db_verification_get(struct db *db, int64_t oid, struct verification *v)
{
	struct db_arg	 a[1] = { DB_I(oid) };

	memset(v, 0, sizeof(*v));
	return db_query(db, STMT_VERIFICATION_GET, a, 1, verification_row, v);
}

void
verification_free(struct verification *v)
{
	if (v == NULL)
		return;
	free(v->submitted_at);
	free(v->due_at);
	free(v->shanghai_code);
	memset(v, 0, sizeof(*v));
}

enum app_err
db_verification_start(struct db *db, int64_t oid, enum verify_method m)
{
	struct db_arg	 a[2] = { DB_I(oid), DB_S(verify_method_name(m)) };

	return db_exec(db, STMT_VERIFICATION_START, a, 2, NULL);
}

static enum app_err
curtain_row(const struct db_row *row, void *arg)
{
	struct curtain	*c = arg;

	curtain_free(c);
	c->found = true;
	c->id = db_row_int(row, COL_CURTAIN_ACTIVE_ID);
#define D(f, col)	c->f = col_dup(row, COL_CURTAIN_ACTIVE_##col)
	D(recipient, RECIPIENT);
	D(mobile, MOBILE);
	D(province, PROVINCE);
	D(province_name, PROVINCE_NAME);
	D(city, CITY);
	D(city_name, CITY_NAME);
	D(district, DISTRICT);
	D(district_name, DISTRICT_NAME);
	D(street, STREET);
	D(postcode, POSTCODE);
	D(state, STATE);
	D(carrier, CARRIER);
	D(tracking, TRACKING);
	D(created_at, CREATED);
	D(shipped_at, SHIPPED);
	D(delivered_at, DELIVERED);
#undef D
	return APP_OK;
}

enum app_err
db_curtain_get(struct db *db, int64_t oid, struct curtain *c)
{
	struct db_arg	 a[1] = { DB_I(oid) };

	memset(c, 0, sizeof(*c));
	return db_query(db, STMT_CURTAIN_ACTIVE, a, 1, curtain_row, c);
}

void
curtain_free(struct curtain *c)
{
	if (c == NULL)
		return;
	free(c->recipient);
	free(c->mobile);
	free(c->province);
	free(c->province_name);
	free(c->city);
	free(c->city_name);
	free(c->district);
	free(c->district_name);
	free(c->street);
	free(c->postcode);
	free(c->state);
	free(c->carrier);
	free(c->tracking);
	free(c->created_at);
	free(c->shipped_at);
	free(c->delivered_at);
	memset(c, 0, sizeof(*c));
}

static enum app_err
count_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, COL_CURTAIN_COUNT_N);
	return APP_OK;
}

enum app_err
db_curtain_count(struct db *db, int64_t oid, int64_t *n)
{
	struct db_arg	 a[1] = { DB_I(oid) };

	*n = 0;
	return db_query(db, STMT_CURTAIN_COUNT, a, 1, count_row, n);
}

static enum app_err
region_row(const struct db_row *row, void *arg)
{
	struct regions	*r = arg;
	struct region	*x;

	r->v = xreallocarray(r->v, r->n + 1, sizeof(*r->v));
	x = &r->v[r->n++];
	x->code = col_dup(row, COL_REGIONS_CODE);
	x->name = col_dup(row, COL_REGIONS_NAME);
	x->level = (int)db_row_int(row, COL_REGIONS_LEVEL);
	x->mainland = db_row_int(row, COL_REGIONS_MAINLAND) != 0;
	return APP_OK;
}

enum app_err
db_regions(struct db *db, const char *parent, struct regions *r)
{
	struct db_arg	 a[1] = { DB_S(parent) };

	memset(r, 0, sizeof(*r));
	if (parent == NULL)
		return db_query(db, STMT_REGIONS_TOP, NULL, 0, region_row, r);
	return db_query(db, STMT_REGIONS_OF, a, 1, region_row, r);
}
