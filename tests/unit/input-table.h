/*
 * One key table with every kind of field -- a string, a dotted path
 * with a validator, a flag, a list and a list of objects' members -- for
 * the unit test of input.c and its fuzz target alike.
 */
#ifndef BEIAN_INPUT_TABLE_H
#define BEIAN_INPUT_TABLE_H

#include <stddef.h>

#include "lib/input.h"

struct	thing {
	const char	 *name;
	const char	 *mobile;
	bool		  agree;
	const char	**tags;
	size_t		  ntags;
	const char	**kinds;
	size_t		  nkinds;
};

static const struct in_field fields[] = {
	{ "name", "name", "name", IN_STR, offsetof(struct thing, name), 0,
	  true, "请填写名称", NULL },
	{ "owner.mobile", "owner.mobile", "owner.mobile", IN_STR,
	  offsetof(struct thing, mobile), 0, false, NULL, valid_mobile },
	{ "agree", "agree", "agree", IN_BOOL, offsetof(struct thing, agree),
	  0, false, NULL, NULL },
	{ "tags", "tag", "tags", IN_LIST, offsetof(struct thing, tags),
	  offsetof(struct thing, ntags), true, "请至少选一个", NULL },
	{ "items[].kind", "item_kind", "items", IN_LIST,
	  offsetof(struct thing, kinds), offsetof(struct thing, nkinds),
	  false, NULL, NULL },
};

#endif
