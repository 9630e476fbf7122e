/* Shared by the beian-admin command files (admin.c, admin-filing.c). */
#ifndef BEIAN_ADMIN_H
#define BEIAN_ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/conf.h"
#include "lib/db.h"

struct	opt {
	const char	*name;
	const char	*val;
	bool		 flag;		/* takes no value; val becomes "1" */
};

extern struct conf	 conf;
extern struct db	*db;

/* Print "beian-admin: ..." on stderr; returns 1 (the refusal status). */
int		 fail(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
/* 0, or 2 after a usage message. */
int		 parse_opts(int, char **, struct opt *, size_t);
const char	*need(const struct opt *, size_t, const char *);
const char	*opt(const struct opt *, size_t, const char *);

/* The China date of the clock, as the as_of columns have it. */
void		 admin_today(char out[11]);

/* 0 when there is no such login. */
int		 account_need(const char *login, int64_t *uid);

int		 cmd_subject_add(int, char **);
int		 cmd_website_add(int, char **);
int		 cmd_instance_add(int, char **);
int		 cmd_instance_set(int, char **);
int		 cmd_sin_issue(int, char **);
int		 cmd_sin_list(int, char **);
int		 cmd_sin_grant(int, char **);
int		 cmd_order_open(int, char **);
int		 cmd_domain_set(int, char **);
int		 cmd_rule_list(int, char **);
int		 cmd_rule_set(int, char **);
int		 cmd_rule_history(int, char **);
int		 cmd_curtain_ship(int, char **);
int		 cmd_curtain_delivered(int, char **);
int		 cmd_bureau_code(int, char **);
int		 cmd_bureau_sms_sent(int, char **);
int		 cmd_bureau_sms_verified(int, char **);
int		 cmd_bureau_sms_failed(int, char **);
int		 cmd_bureau_approve(int, char **);
int		 cmd_bureau_reject(int, char **);
int		 cmd_bureau_sms_rules(int, char **);
int		 cmd_outbox_list(int, char **);
int		 cmd_outbox_requeue(int, char **);
/* The demo subjects, websites, instances and numbers of login. */
int		 demo_filing(const char *login);

#endif
