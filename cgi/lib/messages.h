/*
 * What the applicant reads for each refusal code of the filing steps,
 * zh-CN, in one table: the JSON error of a handler and the HTML fragment
 * a browser without JavaScript sees after a redirect say the same thing.
 */
#ifndef BEIAN_MESSAGES_H
#define BEIAN_MESSAGES_H

/* The message for a refusal code, or NULL when the code is not ours. */
const char	*msg_for_code(const char *code);
/* A hint for a field the server refused ("service_number"), or NULL. */
const char	*msg_for_field(const char *field);

#endif
