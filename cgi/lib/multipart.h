/*
 * multipart/form-data (RFC 7578, framing of RFC 2046) over a body held in
 * memory (nginx has buffered it): text fields go to a kvlist like an
 * urlencoded body, file parts are returned as pointers into the body, so
 * nothing of a large upload is copied.  Strict where framing is
 * concerned, since two parsers that disagree about where a part ends
 * are an attack: a missing close delimiter, a bodyless part, a bare LF
 * in the framing or a part without a name is APP_EBADREQ; too many
 * parts or headers is APP_EBADREQ before any work grows with them.
 */
#ifndef BEIAN_MULTIPART_H
#define BEIAN_MULTIPART_H

#include <stddef.h>

#include "err.h"
#include "parse.h"

#define MP_BOUNDARY_MAX	70	/* RFC 2046 */
#define MP_MAX_PARTS	64
#define MP_MAX_HEADERS	16	/* per part */
#define MP_MAX_HEADER	8192	/* bytes of one part's header block */
#define MP_MAX_FILENAME	255

struct	mp_file {
	char		*name;		/* the form field */
	char		*filename;	/* as sent, UTF-8 (may be "") */
	char		*ctype;		/* as declared; never trusted */
	const char	*data;		/* into the body */
	size_t		 size;
};

struct	mp_files {
	struct mp_file	*v;
	size_t		 n;
};

/*
 * The boundary parameter of a Content-Type header into out (room for
 * MP_BOUNDARY_MAX + 1).  False when absent, empty, too long or with a
 * character RFC 2046 does not allow.
 */
bool		 mp_boundary(const char *ctype, char *out);

/*
 * Parse body.  Text parts are appended to fields (valid UTF-8, no NUL,
 * same limits as kv_parse_urlencoded); parts with a filename parameter
 * go to files.  Two file parts of one name are refused.
 */
enum app_err	 mp_parse(const char *boundary, const char *body, size_t,
			struct kvlist *fields, struct mp_files *files);
void		 mp_files_free(struct mp_files *);

#endif
