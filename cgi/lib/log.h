/*
 * One line per event on stderr (the supervisor sends it to var/log):
 *   2026-11-28T10:22:31Z session[4121] WARN req=9f2c1a7e message
 * User-controlled bytes are escaped so that nobody can forge a line.
 * Never log tokens, cookies, passwords or request bodies.
 */
#ifndef BEIAN_LOG_H
#define BEIAN_LOG_H

enum	loglvl {
	LOG_ERR,
	LOG_WARN,
	LOG_INFO,
	LOG_DEBUG
};

/* Program name and current request id; either may be NULL. */
void	log_set_prog(const char *);
void	log_set_request(const char *);
void	log_set_level(enum loglvl);
void	applog(enum loglvl, const char *, ...)
		__attribute__((format(printf, 2, 3)));

#endif
