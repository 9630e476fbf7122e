/*
 * The typed domain of an order, as the rules read it: the subject, the
 * websites and their owners, the uploads, the open review items, the
 * registrar facts, the reference lists -- plain structs, loaded by
 * db-filing.c and read by the rules engine (site-rules.c, checklist.c,
 * checks.c), which has no database and no HTTP inside: it is unit-tested
 * with structs made in the test.  JSON appears only at the edges, when a
 * program renders what the rules found.
 *
 * Every string is heap-allocated (no buffer sized short of the schema
 * can cut a name); every *_free accepts NULL and a zeroed struct.
 */
#ifndef BEIAN_FILING_H
#define BEIAN_FILING_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "rules.h"
#include "util.h"
#include "valid.h"

/* --- reference lists (data: sql/002, 004, 005, 008) --- */

struct	code_name {
	int64_t	 code;
	char	*name;
	bool	 personal;		/* cert types: a person's ID */
};

struct	name_rule {
	char	*kind;			/* forbidden_prefix, sensitive, ... */
	char	*word;
	char	*applies_to;		/* all, personal, organisation, non_state */
	char	*province;		/* NULL: every province */
	int64_t	 preapproval;		/* needs_preapproval: the bit */
	bool	 warning;		/* severity warning, else error */
	char	*message;
};

struct	upload_kind {
	char	*kind;
	char	*name;
	bool	 per_website;
	int64_t	 min_w, min_h, max_side, byte_cap;
	int64_t	 bureau_type;		/* MIIT's image type (T6), 0: none */
	int64_t	 bureau_byte_cap;	/* the size MIIT takes it at */
};

/* Content that needs a pre-approval (table content_preapproval). */
struct	content_need {
	int64_t	 content;		/* T4 bit */
	int64_t	 preapproval;		/* preapproval_type code (a bit) */
	bool	 warning;
	char	*message;
	char	*preapproval_name;
};

struct	reason {
	char	*code;			/* R1..R14 */
	char	*title;
	char	*fix;
};

struct	refs {
	struct code_name	*content;	size_t ncontent;
	struct code_name	*langs;		size_t nlangs;
	struct code_name	*preapp;	size_t npreapp;
	struct code_name	*certs;		size_t ncerts;
	char			**suffixes;	size_t nsuffixes;
	struct name_rule	*names;		size_t nnames;
	struct upload_kind	*kinds;		size_t nkinds;
	struct content_need	*needs;		size_t nneeds;
	struct reason		*reasons;	size_t nreasons;
};

const struct code_name	*refs_code(const struct code_name *, size_t,
			    int64_t code);
const struct upload_kind *refs_kind(const struct refs *, const char *kind);
const struct reason	*refs_reason(const struct refs *, const char *code);
void			 refs_free(struct refs *);

/* --- the order --- */

/* The order's subject, unmasked. */
struct	subject {
	int64_t	 id;
	bool	 personal;
	bool	 state;			/* a government subject */
	char	*name;
	char	*province;		/* code, "330000" */
	int64_t	 cert_type;
	char	*cert_number;
	char	*leader_name;
	int64_t	 leader_id_type;
	char	*leader_id;
	char	*leader_mobile;
	char	*leader_email;
	char	*legal_rep;		/* "" when none is recorded */
	int64_t	 nature_code;		/* MIIT's (domain.md T6) */
	char	*icp_number;		/* the subject's: 浙ICP备…号 */
};

struct	preapproval {
	int64_t	 type;
	char	*number;
};

struct	owner {
	bool	 same_as_leader;
	char	*name;
	int64_t	 id_type;
	char	*id_number;
	char	*valid_until;		/* "YYYY-MM-DD"; NULL: long-term */
	char	*mobile;
	char	*emergency;
	char	*email;
};

/* A website of the order as stored. */
struct	website {
	int64_t			 id;
	char			*name;
	char			*domain;	/* Unicode form */
	char			*domain_ascii;
	char			*homepage;
	char			*remark;
	char			*service_number;
	int64_t			 content_bits;
	char			*languages;	/* "1,12" */
	struct preapproval	*pre;
	size_t			 npre;
	struct owner		 owner;
};

struct	upload {
	int64_t	 id;
	int64_t	 website_id;		/* 0: the order's own */
	char	*kind;
	char	*kind_name;
	char	*first_warning;		/* the quality gate's, or NULL */
};

/* An open item of a rejection. */
struct	review_item {
	int64_t	 id;
	char	*reason;
	char	*title;
	char	*fix;
	char	*field;			/* "websites.12.name", or NULL ... */
	int64_t	 upload_id;		/* ... for an upload */
	int64_t	 website_id;
	char	*kind;			/* the upload's kind */
	char	*was;			/* the field's value when rejected */
	char	*note;
};

/* What a registrar (beian-admin domain set) says of a domain. */
struct	domain_fact {
	bool	 found;
	char	*holder;		/* NULL: not known */
	char	*holder_cert;
	int	 realname;		/* -1 unknown, 0 no, 1 yes */
	bool	 expiry_known;
	int64_t	 days_left;
	char	*icp;			/* an ICP number it has, or NULL */
};

/*
 * What the database says of one website's keys (its domain, number,
 * owner), looked up for the rules after site_keys().
 */
struct	site_facts {
	int64_t			 domain_taken;	/* filed, or in another open order */
	struct domain_fact	 fact;
	int64_t			 mobile_elsewhere;
	int64_t			 sin_id;	/* 0: not this order's */
	int64_t			 sin_used;	/* by another website of it */
	int64_t			 id_elsewhere;	/* owner's ID, other orders */
};

/* Everything the rules of one order read. */
struct	filing {
	int64_t			 oid;
	int64_t			 today;		/* YYYYMMDD, China time */
	int64_t			 filed_by;	/* YYYYMMDD the filing is
						   expected done (0: unknown) */
	bool			 subject_confirmed;
	struct subject		 s;
	struct rules		 rules;		/* in force for the subject */
	struct refs		 refs;
	struct website		*w;
	size_t			 nw;
	struct site_facts	*facts;		/* one per website */
	char			**sins;		/* the order's numbers */
	size_t			 nsins;
	struct upload		*u;
	size_t			 nu;
	struct review_item	*items;
	size_t			 nitems;
	int64_t			 leader_elsewhere;	/* R12 for the leader */
};

void	subject_free(struct subject *);
void	site_facts_free(struct site_facts *);
/* n items and the array. */
void	review_items_free(struct review_item *, size_t n);
void	website_free(struct website *);
void	filing_free(struct filing *);
/* The website of that id, or NULL. */
const struct website *filing_website(const struct filing *, int64_t id);

/*
 * A field of a stored website as a string, the form review items keep
 * ("websites.12.content_types" -> "32,64"; lists and flags as the table
 * db-review.c names them); false for a key there is none of.
 */
bool	website_field_value(const struct website *, const char *key,
	    struct buf *out);

/* --- findings --- */

enum	severity {
	SEV_ERROR,
	SEV_WARNING
};

enum	target_kind {
	TARGET_FIELD,			/* website_id, field */
	TARGET_UPLOAD,			/* upload_id */
	TARGET_SLOT,			/* kind, website_id */
	TARGET_STEP			/* step */
};

struct	target {
	enum target_kind	 kind;
	int64_t			 website_id;
	const char		*field;		/* static: "owner.mobile" */
	int64_t			 upload_id;
	char			*slot;		/* an upload kind */
	const char		*step;		/* static: "subject" */
};

struct	finding {
	const char	*rule;		/* static: our rule id */
	const char	*reason;	/* static: R1..R14, or NULL */
	enum severity	 severity;
	struct target	 target;
	char		*message;
	char		*fix;		/* NULL: the reason's */
	char		*href;		/* NULL: none */
};

/*
 * What the rules found.  A finding that could not be made (no memory)
 * sets failed: whoever reads the list must not take it as complete.
 */
struct	findings {
	struct finding	*v;
	size_t		 n;
	size_t		 cap;
	bool		 failed;
	size_t		 limit;		/* tests: none past this many (0: no
					   limit), as if memory ran out */
};

/* Add a finding; msg and fix are printf formats (fix may be NULL). */
struct finding	*finding_add(struct findings *, const char *rule,
		    const char *reason, enum severity, struct target,
		    const char *fix, const char *fmt, ...)
		    __attribute__((format(printf, 7, 8)));
struct finding	*finding_vadd(struct findings *, const char *rule,
		    const char *reason, enum severity, struct target,
		    const char *fix, const char *fmt, va_list)
		    __attribute__((format(printf, 7, 0)));
size_t		 findings_count(const struct findings *, enum severity);
/* The first finding of that severity for a website's field, or NULL. */
const struct finding *findings_first(const struct findings *,
		    enum severity, int64_t wid, const char *field);
void		 findings_free(struct findings *);

struct target	 target_field(int64_t wid, const char *field);
struct target	 target_upload(int64_t uid);
struct target	 target_slot(const char *kind, int64_t wid);
struct target	 target_step(const char *step);

/* --- one website's checks (site-rules.c) --- */

/*
 * A website as typed in the form (or as stored, at submit): strings as
 * given, borrowed or kept in own; the lists are NULL-terminated arrays
 * (an element NULL where the input was not a string), kept in own too.
 * site_in_free() frees what own holds.
 */
struct	site_in {
	const char	*name, *domain, *homepage, *remark, *sin;
	const char	**content;	size_t ncontent;	/* T4 codes */
	const char	**langs;	size_t nlangs;		/* T5 codes */
	const char	**pre_type;				/* pairs */
	const char	**pre_number;	size_t npre;
	size_t		 nnumbers;	/* input: numbers given (pairs: npre) */
	bool		 same_as_leader;
	const char	*o_name, *o_id_type, *o_id_number, *o_valid_until;
	bool		 o_long_term;
	const char	*o_mobile, *o_emergency, *o_email;
	struct strs	 own;
};

/* What the checks make of it: the forms to store and look up by. */
struct	site_out {
	enum vr		 domain_vr;		/* VR_OK: the forms are set */
	char		 domain_u[256];		/* Unicode form */
	char		 domain_a[256];		/* ASCII (punycode) */
	bool		 sin_ok;
	char		 nsin[48];		/* the number, normalised */
	int64_t		 content_bits;
	int64_t		 preapp_bits;
	struct buf	 languages;		/* "1,12" */
	/* The owner in effect: the subject leader's when the same. */
	const char	*o_name, *o_id_number, *o_mobile, *o_email;
	int64_t		 o_id_type;
	bool		 o_long_term;
};

void	site_in_free(struct site_in *);
void	site_out_free(struct site_out *);
/* A stored website as the checks read it (strings borrowed from w). */
void	site_in_of(struct site_in *, const struct website *);

/*
 * First half: the keys the database is asked about (domain forms, the
 * number, the owner in effect), from the input alone.
 */
void	site_keys(const struct filing *, const struct site_in *,
	    struct site_out *);
/*
 * Second half: every rule of the website step (domain.md §7-§11, T2)
 * over the input, its keys and their facts.  Errors: the first of a
 * field counts (the 422 field map).  Fails (APP_EINTERNAL, logged) when
 * a rule cannot be applied -- an operator's pattern that does not
 * compile -- or a finding could not be recorded: never a silent pass.
 */
enum app_err site_rules(const struct filing *, int64_t wid,
	    const struct site_in *, struct site_out *,
	    const struct site_facts *, struct findings *);

/*
 * May another website be added to an order that has have?  *max and
 * *which: the cap in force and the rule that sets it (the domain cap
 * when it is the smaller: one domain per website).
 */
bool	site_limit_reached(const struct rules *, int64_t have, int64_t *max,
	    enum rule_key *which);
/*
 * Business days from submission to the bureau's decision at the latest:
 * every stage's time limit (domain.md T7).
 */
int64_t	filing_sla_days(const struct rules *);

/* "YYYY-MM-DD" -> YYYYMMDD; false when not a date. */
bool	site_date_parse(const char *, int64_t *ymd);
/* YYYYMMDD plus n days. */
int64_t	site_date_add(int64_t ymd, int64_t days);

#endif
