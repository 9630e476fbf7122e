/*
 * The checklist of an order's materials (checklist.c) over a typed order
 * made here: what each rule adds, what an upload or a rejection changes.
 */
#include "unit.h"

#include "lib/log.h"

#include "fixture.h"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static const struct cl_item *
line(const struct checklist *c, const char *kind, int64_t wid)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].kind->kind, kind) == 0 &&
		    c->v[i].website_id == wid)
			return &c->v[i];
	return NULL;
}

static void
set_str(char **p, const char *s)
{
	free(*p);
	*p = xstrdup(s);
}

/* Every new website: the owner's ID, front and back, and its 核验单. */
static void
test_basic(void **state)
{
	struct filing		 f;
	struct checklist	 c;

	(void)state;
	fx_filing(&f, true);
	assert_int_equal(checklist_build(&f, &c), APP_OK);
	assert_int_equal(c.n, 0);
	checklist_free(&c);

	fx_website(&f, 12, "example.cn");
	assert_int_equal(checklist_build(&f, &c), APP_OK);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.missing, 3);
	assert_non_null(line(&c, "owner_id_front", 12));
	assert_non_null(line(&c, "owner_id_back", 12));
	assert_non_null(line(&c, "verification_form", 12));
	assert_string_equal(line(&c, "verification_form", 12)->website_name,
	    "王五的摄影日记");
	assert_int_equal(line(&c, "owner_id_front", 12)->ncovers, 1);
	checklist_free(&c);
	checklist_free(&c);
	checklist_free(NULL);
	filing_free(&f);
}

/* One person, one set of ID scans, whatever the number of websites. */
static void
test_one_person(void **state)
{
	struct filing		 f;
	struct checklist	 c;
	const struct cl_item	*it;
	struct website		*w;
	char			 id[19];

	(void)state;
	fx_filing(&f, true);
	fx_website(&f, 12, "example.cn");
	w = fx_website(&f, 13, "example.com");
	set_str(&w->name, "王五的旅行笔记");
	/* The leader again, on another website. */
	set_str(&w->owner.id_number, f.s.leader_id);
	assert_int_equal(checklist_build(&f, &c), APP_OK);
	assert_int_equal(c.n, 4);
	it = line(&c, "owner_id_front", 12);
	assert_non_null(it);
	assert_int_equal(it->ncovers, 2);
	assert_int_equal(it->covers[1], 13);
	assert_string_equal(it->website_name, "王五的摄影日记、王五的旅行笔记");
	assert_non_null(strstr(it->why, "同一人"));
	assert_null(line(&c, "owner_id_front", 13));
	assert_non_null(line(&c, "verification_form", 13));
	checklist_free(&c);

	/* Another owner: their own scans. */
	fx_owner(w, "李四", fx_id(id, "330106", "19850505", "456"),
	    "13900000002", "lisi@example.com");
	assert_int_equal(checklist_build(&f, &c), APP_OK);
	assert_int_equal(c.n, 6);
	assert_non_null(line(&c, "owner_id_back", 13));
	assert_int_equal(line(&c, "owner_id_back", 12)->ncovers, 1);
	checklist_free(&c);
	filing_free(&f);
}

/* What the province rules and the website's answers add. */
static void
test_rules_add(void **state)
{
	static const struct {
		const char	*label;
		bool		 personal;
		enum rule_key	 rule;
		int64_t		 value;
		bool		 other_owner;
		bool		 preapproval;
		const char	*kind;
		int64_t		 wid;
		bool		 wanted;
	} v[] = {
		{ "domain certificate", true, RK_DOMAIN_CERT_REQUIRED, 1,
		  false, false, "domain_certificate", 12, true },
		{ "no domain certificate", true, RK_DOMAIN_CERT_REQUIRED, 0,
		  false, false, "domain_certificate", 12, false },
		{ "letter: owner not the legal rep", false,
		  RK_AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP, 1, false, false,
		  "authorization_letter", 12, true },
		{ "no letter where not asked", false,
		  RK_AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP, 0, false, false,
		  "authorization_letter", 12, false },
		{ "no letter for a person", true,
		  RK_AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP, 1, false, false,
		  "authorization_letter", 12, false },
		{ "no letter: the owner is the legal rep", false,
		  RK_AUTH_LETTER_WHEN_OWNER_NOT_LEGAL_REP, 1, true, false,
		  "authorization_letter", 12, false },
		{ "pre-approval document", false, RK__MAX, 0, false, true,
		  "preapproval_document", 12, true },
		{ "commitment letter", true, RK_COMMITMENT_LETTER_REQUIRED, 1,
		  false, false, "commitment_letter", 0, true },
		{ "no commitment letter", true, RK_COMMITMENT_LETTER_REQUIRED,
		  0, false, false, "commitment_letter", 0, false },
	};
	struct filing		 f;
	struct checklist	 c;
	struct website		*w;
	char			 id[19];
	size_t			 i;

	(void)state;
	for (i = 0; i < NITEMS(v); i++) {
		fx_filing(&f, v[i].personal);
		w = fx_website(&f, 12, "example.cn");
		if (v[i].rule != RK__MAX)
			fx_rule(&f, v[i].rule, v[i].value, "省份的要求");
		if (v[i].other_owner)
			fx_owner(w, "赵六", fx_id(id, "330106", "19700101",
			    "111"), "13900000003", "zhao@example.com");
		if (v[i].preapproval) {
			fx_pre(w, 1, "N-1");
		}
		check_row(checklist_build(&f, &c) == APP_OK, i, v[i].label);
		check_row((line(&c, v[i].kind, v[i].wid) != NULL) ==
		    v[i].wanted, i, v[i].label);
		if (v[i].wanted && v[i].rule != RK__MAX)
			check_row(strcmp(line(&c, v[i].kind, v[i].wid)->why,
			    "省份的要求") == 0, i, v[i].label);
		checklist_free(&c);
		filing_free(&f);
	}
}

/* R3: a personal filer with another province's ID card. */
static void
test_residence_permit(void **state)
{
	struct filing		 f;
	struct checklist	 c;
	char			 id[19];
	int			 accepted;

	(void)state;
	for (accepted = 0; accepted <= 1; accepted++) {
		fx_filing(&f, true);
		fx_website(&f, 12, "example.cn");
		set_str(&f.s.leader_id, fx_id(id, "110101", "19900101",
		    "123"));
		fx_rule(&f, RK_RESIDENCE_PERMIT_ACCEPTED, accepted, "居住证");
		assert_int_equal(checklist_build(&f, &c), APP_OK);
		assert_true((line(&c, "residence_permit", 0) != NULL) ==
		    (accepted == 1));
		checklist_free(&c);
		filing_free(&f);
	}
	/* The province's own card: nothing to add. */
	fx_filing(&f, true);
	assert_int_equal(checklist_build(&f, &c), APP_OK);
	assert_null(line(&c, "residence_permit", 0));
	checklist_free(&c);
	filing_free(&f);
}

/* Uploads fill their lines; the newest counts. */
static void
test_present(void **state)
{
	struct filing		 f;
	struct checklist	 c;

	(void)state;
	fx_filing(&f, true);
	fx_website(&f, 12, "example.cn");
	fx_upload(&f, 40, 12, "owner_id_front", NULL);
	fx_upload(&f, 41, 12, "owner_id_front", NULL);
	fx_upload(&f, 42, 13, "owner_id_back", NULL);	/* another website */
	assert_int_equal(checklist_build(&f, &c), APP_OK);
	assert_int_equal(c.missing, 2);
	assert_int_equal(line(&c, "owner_id_front", 12)->present->id, 41);
	assert_null(line(&c, "owner_id_back", 12)->present);
	checklist_free(&c);
	filing_free(&f);
}

/* A rejected upload is wanted again until it is replaced. */
static void
test_rejected(void **state)
{
	struct filing		 f;
	struct checklist	 c;
	const struct cl_item	*it;

	(void)state;
	fx_filing(&f, true);
	fx_website(&f, 12, "example.cn");
	fx_upload_all(&f);
	fx_upload(&f, 60, 12, "other", NULL);
	fx_item(&f, "R5", NULL, f.u[0].id, 12, f.u[0].kind, NULL);
	/* A document no line asks for: the reviewer's wish adds one. */
	fx_item(&f, "R5", NULL, 60, 12, "other", NULL);
	/* A field item is none of the checklist's business. */
	fx_item(&f, "R2", "websites.12.name", 0, 12, NULL, "王五的摄影日记");
	assert_int_equal(checklist_build(&f, &c), APP_OK);
	assert_int_equal(c.missing, 2);
	it = line(&c, f.u[0].kind, 12);
	assert_non_null(it->rejected);
	assert_string_equal(it->rejected->reason, "R5");
	it = line(&c, "other", 12);
	assert_non_null(it);
	assert_non_null(it->rejected);
	assert_string_equal(it->why, "审核人员要求重新上传");
	checklist_free(&c);

	/* Replaced since: the newer upload stands. */
	fx_upload(&f, 61, 12, f.u[0].kind, NULL);
	assert_int_equal(checklist_build(&f, &c), APP_OK);
	assert_null(line(&c, f.u[0].kind, 12)->rejected);
	assert_int_equal(c.missing, 1);
	checklist_free(&c);
	filing_free(&f);
}

/* A kind nobody can upload must not vanish from the list. */
static void
test_unknown_kind(void **state)
{
	struct filing		 f;
	struct checklist	 c;

	(void)state;
	log_set_level(LOG_ERR);
	fx_filing(&f, true);
	fx_website(&f, 12, "example.cn");
	set_str(&f.refs.kinds[2].kind, "verification_form_v2");
	assert_int_equal(checklist_build(&f, &c), APP_EINTERNAL);
	checklist_free(&c);
	filing_free(&f);

	/* A rejection of a kind the table lost fails the same way. */
	fx_filing(&f, true);
	fx_item(&f, "R5", NULL, 5, 0, "curtain_photo", NULL);
	assert_int_equal(checklist_build(&f, &c), APP_EINTERNAL);
	checklist_free(&c);
	filing_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_one_person),
		cmocka_unit_test(test_rules_add),
		cmocka_unit_test(test_residence_permit),
		cmocka_unit_test(test_present),
		cmocka_unit_test(test_rejected),
		cmocka_unit_test(test_unknown_kind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
