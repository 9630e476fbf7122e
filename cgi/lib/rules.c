#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "log.h"
#include "rules.h"
#include "stmts.h"
#include "util.h"

static const struct {
	const char	*name;
	enum rule_scope	 scope;
} keys[RK__MAX] = {
#define X(id, name, scope)	{ name, scope },
	RULE_KEYS(X)
#undef X
};

const char *
rule_key_name(enum rule_key k)
{
	return k < RK__MAX ? keys[k].name : "";
}

enum rule_scope
rule_key_scope(enum rule_key k)
{
	return k < RK__MAX ? keys[k].scope : RS_SETTING;
}

bool
rule_key_find(const char *name, enum rule_key *k)
{
	size_t	 i;

	for (i = 0; name != NULL && i < RK__MAX; i++)
		if (strcmp(keys[i].name, name) == 0) {
			*k = (enum rule_key)i;
			return true;
		}
	return false;
}

/* The China date of unix time now, as the as_of columns have it. */
static void
china_day(int64_t now, char out[11])
{
	time_t		 t = (time_t)now + 8 * 3600;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static void
val_set(struct rule_val *v, int64_t value, const char *msg,
    const char *province, const char *as_of)
{
	free(v->message);
	v->value = value;
	v->message = xstrdup(msg != NULL ? msg : "");
	snprintf(v->province, sizeof(v->province), "%s",
	    province != NULL ? province : "");
	snprintf(v->as_of, sizeof(v->as_of), "%s", as_of != NULL ? as_of : "");
}

struct	load {
	struct rules	*r;
	size_t		 seen;		/* registry rows the code knows */
};

/* STMT_RULE_KEYS: name, scope, unit, min, max, default, description. */
static enum app_err
key_row(const struct db_row *row, void *arg)
{
	struct load	*l = arg;
	enum rule_key	 k;

	/* A key only an operator's data knows is read by nobody: fine. */
	if (!rule_key_find(db_row_str(row, COL_RULE_KEYS_NAME), &k))
		return APP_OK;
	if (strcmp(db_row_str(row, COL_RULE_KEYS_SCOPE), k < RK__MAX &&
	    keys[k].scope == RS_PROVINCE ? "province" : "setting") != 0) {
		applog(LOG_ERR, "rule key %s: the registry says scope %s",
		    keys[k].name, db_row_str(row, COL_RULE_KEYS_SCOPE));
		return APP_EINTERNAL;
	}
	val_set(&l->r->v[k], db_row_int(row, COL_RULE_KEYS_DEFAULT_VALUE), "", "", "");
	l->seen++;
	return APP_OK;
}

/* A row in force: name, value, message, province, as_of. */
static enum app_err
val_row(const struct db_row *row, void *arg)
{
	struct load	*l = arg;
	enum rule_key	 k;

	if (rule_key_find(db_row_str(row, COL_PROVINCE_RULES_NAME), &k))
		val_set(&l->r->v[k], db_row_int(row, COL_PROVINCE_RULES_VALUE), db_row_str(row, COL_PROVINCE_RULES_MESSAGE),
		    db_row_str(row, COL_PROVINCE_RULES_PROVINCE), db_row_str(row, COL_PROVINCE_RULES_AS_OF_DAY));
	return APP_OK;
}

enum app_err
rules_load(struct db *db, int64_t now, const char *province, bool personal,
    struct rules *r)
{
	struct load	 l = { r, 0 };
	struct db_arg	 a[4];
	char		 day[11];
	size_t		 i;
	enum app_err	 er;

	memset(r, 0, sizeof(*r));
	china_day(now, day);
	if ((er = db_query(db, STMT_RULE_KEYS, NULL, 0, key_row, &l)) !=
	    APP_OK)
		return er;
	if (l.seen != RK__MAX) {
		for (i = 0; i < RK__MAX; i++)
			if (r->v[i].message == NULL)
				applog(LOG_ERR, "rule key %s is not in the "
				    "registry (table rule_key)", keys[i].name);
		return APP_EINTERNAL;
	}
	a[0] = DB_S(day);
	if ((er = db_query(db, STMT_SETTINGS_IN_FORCE, a, 1, val_row, &l)) !=
	    APP_OK)
		return er;
	if (province == NULL)
		return APP_OK;
	a[0] = DB_S(province);
	a[1] = DB_S(personal ? "personal" : "organisation");
	a[2] = DB_S(day);
	/* Rows come national first, "all" first: a later one wins. */
	if ((er = db_query(db, STMT_PROVINCE_RULES, a, 3, val_row, &l)) !=
	    APP_OK)
		return er;
	r->province_loaded = true;
	return APP_OK;
}

int64_t
rule_value(const struct rules *r, enum rule_key k)
{
	return k < RK__MAX ? r->v[k].value : 0;
}

const char *
rule_message(const struct rules *r, enum rule_key k)
{
	return k < RK__MAX && r->v[k].message != NULL ? r->v[k].message : "";
}

enum app_err
rule_setting(struct db *db, int64_t now, enum rule_key k, int64_t *out)
{
	struct rules	 r;
	enum app_err	 er;

	if ((er = rules_load(db, now, NULL, false, &r)) == APP_OK)
		*out = rule_value(&r, k);
	rules_free(&r);
	return er;
}

json_t *
rules_province_json(const struct rules *r)
{
	json_t	*o = json_object();
	size_t	 i;

	for (i = 0; i < RK__MAX; i++) {
		if (keys[i].scope != RS_PROVINCE || r->v[i].province[0] == '\0')
			continue;
		json_object_set_new(o, keys[i].name, json_pack("{s:I, s:s, s:s}",
		    "value", (json_int_t)r->v[i].value, "message",
		    rule_message(r, (enum rule_key)i), "province",
		    r->v[i].province));
	}
	return o;
}

void
rules_free(struct rules *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	for (i = 0; i < RK__MAX; i++) {
		free(r->v[i].message);
		r->v[i].message = NULL;
	}
}
