#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/types.h>
#include <unistd.h>

#include "log.h"

static const char	*prog = "beian";
static char		 reqid[65];
static enum loglvl	 level = LOG_INFO;
static pid_t		 pid;

static const char *const lvlnames[] = {
	"ERR", "WARN", "INFO", "DEBUG"
};

void
log_set_prog(const char *p)
{
	prog = p != NULL ? p : "beian";
}

void
log_set_request(const char *id)
{
	if (id == NULL)
		reqid[0] = '\0';
	else
		snprintf(reqid, sizeof(reqid), "%s", id);
}

void
log_set_level(enum loglvl l)
{
	level = l;
}

void
applog(enum loglvl l, const char *fmt, ...)
{
	char		 msg[1024], out[2048], ts[32], line[2304];
	int		 n;
	size_t		 i, o = 0;
	va_list		 ap;
	time_t		 now;
	struct tm	 tm;

	if (l > level)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	/* Escape control bytes and backslashes; keep UTF-8 as is. */
	for (i = 0; msg[i] != '\0' && o + 5 < sizeof(out); i++) {
		unsigned char c = (unsigned char)msg[i];

		if (c < 0x20 || c == 0x7f || c == '\\') {
			o += (size_t)snprintf(out + o, sizeof(out) - o,
			    "\\x%02x", c);
		} else
			out[o++] = (char)c;
	}
	out[o] = '\0';

	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (pid == 0)
		pid = getpid();
	n = snprintf(line, sizeof(line), "%s %s[%ld] %s req=%s %s\n", ts, prog,
	    (long)pid, lvlnames[l], reqid[0] != '\0' ? reqid : "-", out);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line)) {
		n = (int)sizeof(line) - 1;
		line[n - 1] = '\n';
	}
	/* One write per line: lines of several workers never interleave. */
	(void)write(STDERR_FILENO, line, (size_t)n);
}
