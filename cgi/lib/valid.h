/*
 * Field validators of the website step (domain.md §7-§10).  Each returns
 * a reason code; VR_OK is 0.  What the applicant reads for each code is
 * valid_message(); the rules that vary (word lists, suffixes, province
 * rules) are data passed in by the caller, never lists in here.
 */
#ifndef BEIAN_VALID_H
#define BEIAN_VALID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum	vr {
	VR_OK,
	VR_EMPTY,
	VR_TOO_LONG,
	VR_BAD_CHARS,
	/* ID cards (GB 11643) */
	VR_ID_LENGTH,
	VR_ID_REGION,
	VR_ID_BIRTH,
	VR_ID_CHECKSUM,
	/* phones and email */
	VR_MOBILE,
	VR_PHONE,
	VR_EMAIL,
	/* domains */
	VR_DOMAIN_SCHEME,
	VR_DOMAIN_WWW,
	VR_DOMAIN_SYNTAX,
	VR_DOMAIN_IDN,
	VR_DOMAIN_SUFFIX,
	VR_DOMAIN_NOT_REGISTRABLE,
	/* names */
	VR_NAME_SHORT,
	VR_NAME_ONLY_LATIN,
	VR_NAME_SYMBOL,
	/* URLs */
	VR_URL_SYNTAX,
	VR_URL_OTHER_DOMAIN,
	VR__MAX
};

/* What is wrong and how to fix it, zh-CN. */
const char	*valid_message(enum vr);

/*
 * 居民身份证: 18 characters, the region's first two digits a province,
 * a real birth date not after today (YYYYMMDD), and the ISO 7064 MOD
 * 11-2 check character of GB 11643.  *birth gets YYYYMMDD.
 */
enum vr	 valid_id_card(const char *, int64_t today, int64_t *birth);
/*
 * The province a certificate was issued in, from its region code: a
 * 居民身份证 (type 2) by digits 1-2, a unified social credit code (types
 * 1, 13) by digits 3-4 (GB 32100).  out gets "33"; false when the type
 * or number says nothing.
 */
bool	 valid_cert_province(int64_t type, const char *num, char out[3]);
/* Other identity documents: 5-30 letters, digits, '(', ')' or '-'. */
enum vr	 valid_id_other(const char *);
/* Mainland mobile: 11 digits starting 13-19. */
enum vr	 valid_mobile(const char *);
/* A phone: mobile, or landline "0571-88888888" / "057188888888". */
enum vr	 valid_phone(const char *);
enum vr	 valid_email(const char *);

/*
 * A registrable domain: no scheme, path, port or "www."; IDN allowed.
 * suffixes: allowed public suffixes, ASCII (punycode) and lower case,
 * e.g. {"cn", "com.cn", "xn--fiqs8s"}.  On VR_OK, unicode and ascii get
 * the two forms (each at least 254 bytes).
 */
enum vr	 valid_domain(const char *, const char *const *suffixes, size_t n,
	    char *unicode, char *ascii, size_t outsz);

/*
 * A website name: at least min counted characters (CJK, letters and
 * digits count one each; "()-" are allowed and do not count), at least
 * one CJK character, no other symbols.  *count gets the count.
 */
enum vr	 valid_site_name(const char *, size_t min, size_t max, size_t *count);

/* The homepage URL is on the domain (ascii form) or a subdomain of it. */
enum vr	 valid_homepage(const char *url, const char *domain_ascii);

/* Number of Unicode code points in UTF-8 s (s must be valid UTF-8). */
size_t	 utf8_len(const char *);

#endif
