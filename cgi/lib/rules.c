#include <regex.h>
#include <strings.h>
#include <string.h>

#include "rules.h"
#include "stmts.h"
#include "util.h"

static enum app_err
prov_row(const struct db_row *row, void *arg)
{
	struct prov_rules	*pr = arg;

	/* Rows come defaults first: a later one of the same rule wins. */
	json_object_set_new(pr->rows, db_row_str(row, 0),
	    json_pack("{s:I, s:s, s:s}", "value",
	    (json_int_t)db_row_int(row, 1), "message", db_row_str(row, 2),
	    "province", db_row_str(row, 3)));
	return APP_OK;
}

enum app_err
prov_rules_load(struct db *db, const char *province, bool personal,
    struct prov_rules *pr)
{
	struct db_arg	 a[2] = { DB_S(province),
	    DB_S(personal ? "personal" : "organisation") };

	pr->rows = json_object();
	return db_query(db, STMT_PROVINCE_RULES, a, 2, prov_row, pr);
}

int64_t
prov_rule_value(const struct prov_rules *pr, const char *rule, int64_t dflt)
{
	json_t	*r = json_object_get(pr->rows, rule);

	return r != NULL ?
	    (int64_t)json_integer_value(json_object_get(r, "value")) : dflt;
}

const char *
prov_rule_message(const struct prov_rules *pr, const char *rule)
{
	json_t	*r = json_object_get(pr->rows, rule);

	return r != NULL ? json_string_value(json_object_get(r, "message")) :
	    "";
}

void
prov_rules_free(struct prov_rules *pr)
{
	if (pr == NULL)
		return;
	json_decref(pr->rows);
	pr->rows = NULL;
}

static enum app_err
name_row(const struct db_row *row, void *arg)
{
	json_array_append_new(arg, json_pack("{s:s, s:s, s:s, s:s?, s:I, "
	    "s:s, s:s}", "kind", db_row_str(row, 0), "word", db_row_str(row, 1),
	    "applies_to", db_row_str(row, 2), "province", db_row_str(row, 3),
	    "preapproval", (json_int_t)(db_row_null(row, 4) ? 0 :
	    db_row_int(row, 4)), "severity", db_row_str(row, 5),
	    "message", db_row_str(row, 6)));
	return APP_OK;
}

enum app_err
name_rules_load(struct db *db, json_t **out)
{
	enum app_err	 er;

	*out = json_array();
	if ((er = db_query(db, STMT_NAME_RULES, NULL, 0, name_row, *out)) !=
	    APP_OK) {
		json_decref(*out);
		*out = NULL;
	}
	return er;
}

static bool
applies(const char *to, const struct name_ctx *c)
{
	if (strcmp(to, "all") == 0)
		return true;
	if (strcmp(to, "personal") == 0)
		return c->personal;
	if (strcmp(to, "organisation") == 0)
		return !c->personal;
	if (strcmp(to, "non_state") == 0)
		return !c->state;
	return false;
}

static bool
ere_match(const char *pattern, const char *s)
{
	regex_t	 re;
	bool	 ok;

	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
		return false;
	ok = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

/* The name is the domain, or the domain's own label. */
static bool
is_domain(const char *name, const char *domain)
{
	size_t	 n;

	if (domain == NULL || *domain == '\0')
		return false;
	if (strcasecmp(name, domain) == 0)
		return true;
	n = strcspn(domain, ".");
	return strlen(name) == n && strncasecmp(name, domain, n) == 0;
}

void
name_rules_check(const json_t *rules, const struct name_ctx *c,
    const char *name, const char **error, json_t *warnings)
{
	const json_t	*r;
	const char	*kind, *word, *prov, *msg;
	bool		 hit;
	size_t		 i;

	*error = NULL;
	if (is_domain(name, c->domain_ascii) || is_domain(name, c->domain_unicode)) {
		*error = "网站名称不能是域名本身，请填写能说明网站内容的中文名称";
		return;
	}
	json_array_foreach(rules, i, r) {
		kind = json_string_value(json_object_get(r, "kind"));
		word = json_string_value(json_object_get(r, "word"));
		prov = json_string_value(json_object_get(r, "province"));
		msg = json_string_value(json_object_get(r, "message"));
		if (kind == NULL || word == NULL || msg == NULL ||
		    !applies(json_string_value(json_object_get(r,
		    "applies_to")), c))
			continue;
		if (prov != NULL && (c->province == NULL ||
		    strcmp(prov, c->province) != 0))
			continue;
		if (strcmp(kind, "forbidden_prefix") == 0)
			hit = strncmp(name, word, strlen(word)) == 0;
		else if (strcmp(kind, "sensitive") == 0 ||
		    strcmp(kind, "personal_forbidden") == 0)
			hit = strstr(name, word) != NULL;
		else if (strcmp(kind, "needs_preapproval") == 0)
			hit = strstr(name, word) != NULL &&
			    (c->preapprovals & json_integer_value(
			    json_object_get(r, "preapproval"))) == 0;
		else if (strcmp(kind, "province_pattern") == 0)
			hit = !ere_match(word, name);
		else
			hit = false;
		if (!hit)
			continue;
		if (strcmp(json_string_value(json_object_get(r, "severity")),
		    "warning") == 0)
			json_array_append_new(warnings, json_string(msg));
		else if (*error == NULL)
			*error = msg;
	}
}

static enum app_err
setting_row(const struct db_row *row, void *arg)
{
	*(int64_t *)arg = db_row_int(row, 0);
	return APP_OK;
}

int64_t
rule_setting_value(struct db *db, const char *name, int64_t dflt)
{
	struct db_arg	 a[1] = { DB_S(name) };
	int64_t		 v = dflt;

	/* A broken read falls back to the default, never to 0. */
	if (db_query(db, STMT_RULE_VALUE, a, 1, setting_row, &v) != APP_OK)
		return dflt;
	return v;
}
