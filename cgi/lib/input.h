/*
 * Request input through key tables, as kcgi does: a program declares its
 * fields once -- where each is in a JSON body and in a form, its type,
 * whether it is required, its validator -- and input_fill() fills the
 * program's struct from either body, with one field map for the 422.
 * JSON stops here: what the program reads next is typed.
 */
#ifndef BEIAN_INPUT_H
#define BEIAN_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "util.h"
#include "valid.h"

enum	in_type {
	IN_STR,		/* const char *: a string, or a JSON integer as one */
	IN_BOOL,	/* bool: JSON true; a form's "1", "on" or "true" */
	IN_LIST		/* const char **, NULL-terminated, with a size_t count:
			   a JSON array (of strings or integers), or a form key
			   given several times; "a[].b": member b of each
			   object of array a */
};

struct	in_field {
	const char	*json;		/* "owner.name", "preapprovals[].type" */
	const char	*form;		/* "owner.name", "preapproval_type" */
	const char	*key;		/* of the 422 field map */
	enum in_type	 type;
	size_t		 off;		/* offsetof() the member */
	size_t		 count;		/* IN_LIST: offsetof() its count */
	bool		 required;	/* a 422 when missing or empty */
	const char	*missing;	/* ... with these words */
	enum vr		 (*valid)(const char *);	/* IN_STR: or NULL */
};

/*
 * Fill dst from the request body by the table.  A value of the wrong
 * JSON type reads as absent (NULL; a list element as NULL), so the
 * rules' own "please fill in" answers it.  Strings are borrowed from the
 * request or kept in own (free with strs_free); lists are kept there
 * too.  APP_EINVAL with resp_field() for each required field missing or
 * failing its validator.
 */
enum app_err	 input_fill(const struct req *, struct resp *,
			const struct in_field *, size_t n, void *dst,
			struct strs *own);

#endif
