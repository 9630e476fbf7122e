/*
 * The bureau (MIIT and the provincial communications administrations):
 * the one party we cannot reach, behind this interface.  Today it holds
 * what photo verification needs -- the Shanghai app's verification code
 * -- answered by the simulator (beian.conf has no bureau yet: the
 * simulator is the bureau).  The submission, SMS and decision events
 * join it with the bureau stage.
 */
#ifndef BEIAN_BUREAU_H
#define BEIAN_BUREAU_H

#include <stdbool.h>
#include <stdint.h>

#include "conf.h"

/*
 * The code the Shanghai app shows once the website owners of order oid
 * (their mobiles, in the order of the persons, joined by ",") have
 * verified there: six digits, bound to the order and the mobiles, so a
 * code from another order or another phone does not pass.  The
 * simulator's: `beian-admin bureau code ORDER` prints it.
 */
void	bureau_shanghai_code(const struct conf *, int64_t oid,
	    const char *mobiles, char out[7]);
/* Does the app's code check out for the order and these mobiles? */
bool	bureau_shanghai_code_ok(const struct conf *, int64_t oid,
	    const char *mobiles, const char *code);

#endif
