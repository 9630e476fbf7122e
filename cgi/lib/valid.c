#include <stdio.h>
#include <string.h>

#include <idn2.h>

#include "util.h"
#include "valid.h"

static const char *const messages[VR__MAX] = {
	/* VR_OK */			"",
	/* VR_EMPTY */			"此项必填",
	/* VR_TOO_LONG */		"内容过长，请缩短后再填写",
	/* VR_BAD_CHARS */		"包含不允许的字符，请只填写汉字、字母、数字",
	/* VR_ID_LENGTH */		"居民身份证号码应为 18 位：17 位数字加 1 位数字或 X",
	/* VR_ID_REGION */		"身份证号码前 6 位不是有效的地区代码，请核对",
	/* VR_ID_BIRTH */		"身份证号码中的出生日期（第 7-14 位）不是有效日期，请核对",
	/* VR_ID_CHECKSUM */		"身份证号码最后一位校验码不正确，请逐位核对证件上的号码",
	/* VR_MOBILE */			"请填写 11 位中国内地手机号码，例如 13800138000",
	/* VR_PHONE */			"请填写手机号码或带区号的固定电话，例如 0571-88888888",
	/* VR_EMAIL */			"电子邮箱格式不正确，例如 name@example.com",
	/* VR_DOMAIN_SCHEME */		"只填写域名，不要带 http://、路径或端口，例如 example.com",
	/* VR_DOMAIN_WWW */		"请填写不带 www 的主域名，例如 example.com（核验单上的域名也不带 www）",
	/* VR_DOMAIN_SYNTAX */		"域名格式不正确：只能包含字母、数字、连字符和点，每段不超过 63 个字符",
	/* VR_DOMAIN_IDN */		"中文域名无法转换，请检查是否有错别字或不允许的字符",
	/* VR_DOMAIN_SUFFIX */		"该域名后缀不在工信部批准的后缀中，不能备案",
	/* VR_DOMAIN_NOT_REGISTRABLE */	"请填写注册的主域名（如 example.com），不要填写子域名",
	/* VR_NAME_SHORT */		"网站名称至少 3 个字（汉字、字母、数字各算 1 个字；括号和连字符不计）",
	/* VR_NAME_ONLY_LATIN */	"网站名称不能只包含数字或英文字母，请使用中文名称",
	/* VR_NAME_SYMBOL */		"网站名称只能使用汉字、字母、数字和 ( ) - 三种符号",
	/* VR_URL_SYNTAX */		"首页地址格式不正确，例如 www.example.com 或 https://www.example.com/",
	/* VR_URL_OTHER_DOMAIN */	"首页地址必须在所填写的域名下",
};

const char *
valid_message(enum vr v)
{
	return v < VR__MAX ? messages[v] : "填写的内容不正确";
}

/*
 * Decode one UTF-8 code point at s; returns the bytes it took.  The text
 * is valid where it comes from the parsers, but a broken sequence (a
 * NUL among its bytes) is one U+FFFD, never a read past the end.
 */
static size_t
utf8_cp(const unsigned char *s, uint32_t *cp)
{
	size_t	 n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0)
		n = 2, *cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, *cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4, *cp = s[0] & 0x07;
	else {
		*cp = 0xfffd;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return i;
		}
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return n;
}

size_t
utf8_len(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = 0;
	uint32_t		 cp;

	while (*p != '\0') {
		p += utf8_cp(p, &cp);
		n++;
	}
	return n;
}

static bool
is_digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
num(const char *s, size_t n)
{
	int	 v = 0;
	size_t	 i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

enum vr
valid_id_card(const char *s, int64_t today, int64_t *birth)
{
	static const int	 w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7,
	    9, 10, 5, 8, 4, 2 };
	static const char	 check[] = "10X98765432";
	static const int	 mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31,
	    30, 31, 30, 31 };
	int			 sum = 0, i, prov, y, m, d, dim;
	char			 last;

	if (s == NULL || *s == '\0')
		return VR_EMPTY;
	if (strlen(s) != 18 || !is_digits(s, 17))
		return VR_ID_LENGTH;
	last = s[17] == 'x' ? 'X' : s[17];
	if (!((last >= '0' && last <= '9') || last == 'X'))
		return VR_ID_LENGTH;
	/* GB/T 2260 provinces: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65. */
	prov = num(s, 2);
	if (!((prov >= 11 && prov <= 15) || (prov >= 21 && prov <= 23) ||
	    (prov >= 31 && prov <= 37) || (prov >= 41 && prov <= 46) ||
	    (prov >= 50 && prov <= 54) || (prov >= 61 && prov <= 65)) ||
	    num(s + 2, 4) == 0)
		return VR_ID_REGION;
	y = num(s + 6, 4);
	m = num(s + 10, 2);
	d = num(s + 12, 2);
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return VR_ID_BIRTH;
	dim = mdays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
	if (d > dim || (int64_t)y * 10000 + m * 100 + d > today)
		return VR_ID_BIRTH;
	for (i = 0; i < 17; i++)
		sum += (s[i] - '0') * w[i];
	if (check[sum % 11] != last)
		return VR_ID_CHECKSUM;
	if (birth != NULL)
		*birth = (int64_t)y * 10000 + m * 100 + d;
	return VR_OK;
}

enum vr
valid_id_other(const char *s)
{
	size_t	 n;

	if (s == NULL || *s == '\0')
		return VR_EMPTY;
	n = strlen(s);
	if (n < 5 || n > 30)
		return n > 30 ? VR_TOO_LONG : VR_ID_LENGTH;
	if (strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789()-") != n)
		return VR_BAD_CHARS;
	return VR_OK;
}

enum vr
valid_mobile(const char *s)
{
	if (s == NULL || *s == '\0')
		return VR_EMPTY;
	if (strlen(s) != 11 || !is_digits(s, 11) || s[0] != '1' ||
	    s[1] < '3')
		return VR_MOBILE;
	return VR_OK;
}

enum vr
valid_phone(const char *s)
{
	size_t	 n, a;

	if (s == NULL || *s == '\0')
		return VR_EMPTY;
	if (valid_mobile(s) == VR_OK)
		return VR_OK;
	n = strlen(s);
	/* 0 + area code (2-3 digits) [-] 7-8 digit number. */
	if (s[0] != '0')
		return VR_PHONE;
	a = strspn(s, "0123456789");
	if (s[a] == '-') {
		if (a < 3 || a > 4 || n - a - 1 < 7 || n - a - 1 > 8 ||
		    !is_digits(s + a + 1, n - a - 1))
			return VR_PHONE;
		return VR_OK;
	}
	return a == n && n >= 10 && n <= 12 ? VR_OK : VR_PHONE;
}

enum vr
valid_email(const char *s)
{
	const char	*at, *dot;
	size_t		 n, i;

	if (s == NULL || *s == '\0')
		return VR_EMPTY;
	n = strlen(s);
	if (n > 254)
		return VR_TOO_LONG;
	at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    at - s > 64)
		return VR_EMAIL;
	dot = strrchr(at, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0' ||
	    strstr(at, "..") != NULL)
		return VR_EMAIL;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == ',' || s[i] == ';' ||
		    s[i] == '<' || s[i] == '>' || s[i] == '"' ||
		    (unsigned char)s[i] >= 0x7f)
			return VR_EMAIL;
	return VR_OK;
}

static bool
ldh_label(const char *s, size_t n)
{
	size_t	 i;

	if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

enum vr
valid_domain(const char *in, const char *const *suffixes, size_t nsuf,
    char *unicode, char *ascii, size_t outsz)
{
	char		 tmp[300], *a = NULL, *u = NULL;
	const char	*p, *best = NULL;
	size_t		 n, i, labels = 0, slabels, bestlen = 0;
	enum vr		 v = VR_OK;
	int		 rc;

	if (in == NULL)
		return VR_EMPTY;
	while (*in == ' ' || *in == '\t')
		in++;
	n = strlen(in);
	while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	if (n == 0)
		return VR_EMPTY;
	if (n >= sizeof(tmp))
		return VR_TOO_LONG;
	memcpy(tmp, in, n);
	tmp[n] = '\0';
	if (strstr(tmp, "://") != NULL || strpbrk(tmp, "/:?#@ \\") != NULL)
		return VR_DOMAIN_SCHEME;
	/* A trailing dot is the root: people do not mean it. */
	if (n > 0 && tmp[n - 1] == '.')
		tmp[--n] = '\0';
	/* IDNA2008 with TR46 mapping: upper case and full width fold. */
	rc = idn2_to_ascii_8z(tmp, &a, IDN2_NONTRANSITIONAL);
	if (rc != IDN2_OK || a == NULL) {
		v = VR_DOMAIN_IDN;
		for (i = 0; i < n; i++)
			if ((unsigned char)tmp[i] >= 0x80)
				break;
		if (i == n)
			v = VR_DOMAIN_SYNTAX;
		goto out;
	}
	if (strlen(a) > 253 || strlen(a) + 1 > outsz) {
		v = VR_TOO_LONG;
		goto out;
	}
	for (p = a; ; p++) {
		const char	*dot = strchr(p, '.');
		size_t		 ln = dot != NULL ? (size_t)(dot - p) : strlen(p);

		if (!ldh_label(p, ln)) {
			v = VR_DOMAIN_SYNTAX;
			goto out;
		}
		labels++;
		if (dot == NULL)
			break;
		p = dot;
	}
	if (labels < 2) {
		v = VR_DOMAIN_SYNTAX;
		goto out;
	}
	if (strncmp(a, "www.", 4) == 0) {
		v = VR_DOMAIN_WWW;
		goto out;
	}
	/* The longest allowed suffix the name ends with. */
	for (i = 0; i < nsuf; i++) {
		/* "com.cn" itself is a suffix, nobody's domain. */
		if (strcmp(a, suffixes[i]) == 0) {
			v = VR_DOMAIN_NOT_REGISTRABLE;
			goto out;
		}
		size_t	 sl = strlen(suffixes[i]), al = strlen(a);

		if (sl < al && a[al - sl - 1] == '.' &&
		    strcmp(a + al - sl, suffixes[i]) == 0 && sl > bestlen) {
			best = suffixes[i];
			bestlen = sl;
		}
	}
	if (best == NULL) {
		v = VR_DOMAIN_SUFFIX;
		goto out;
	}
	for (slabels = 1, p = best; (p = strchr(p, '.')) != NULL; p++)
		slabels++;
	if (labels != slabels + 1) {
		v = VR_DOMAIN_NOT_REGISTRABLE;
		goto out;
	}
	if (idn2_to_unicode_8z8z(a, &u, 0) != IDN2_OK || u == NULL ||
	    strlen(u) + 1 > outsz) {
		v = VR_DOMAIN_IDN;
		goto out;
	}
	snprintf(ascii, outsz, "%s", a);
	snprintf(unicode, outsz, "%s", u);
out:
	idn2_free(a);
	idn2_free(u);
	return v;
}

static bool
is_cjk(uint32_t cp)
{
	return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	    (cp >= 0x20000 && cp <= 0x2ebef) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    cp == 0x3007;
}

enum vr
valid_site_name(const char *s, size_t min, size_t max, size_t *count)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = 0, cjk = 0, all = 0;
	uint32_t		 cp;

	*count = 0;
	if (s == NULL || *s == '\0')
		return VR_EMPTY;
	if (!utf8_valid(s, strlen(s)))
		return VR_BAD_CHARS;
	while (*p != '\0') {
		p += utf8_cp(p, &cp);
		all++;
		if (is_cjk(cp)) {
			cjk++;
			n++;
		} else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9'))
			n++;
		else if (cp == '(' || cp == ')' || cp == '-' ||
		    cp == 0xff08 || cp == 0xff09)	/* （ ） */
			continue;
		else
			return VR_NAME_SYMBOL;
	}
	*count = n;
	if (all > max)
		return VR_TOO_LONG;
	if (cjk == 0)
		return VR_NAME_ONLY_LATIN;
	if (n < min)
		return VR_NAME_SHORT;
	return VR_OK;
}

enum vr
valid_homepage(const char *url, const char *domain)
{
	char		 host[300], *a = NULL;
	const char	*p = url;
	size_t		 n, dl;
	bool		 ok;

	if (url == NULL || *url == '\0')
		return VR_EMPTY;
	if (strncmp(p, "http://", 7) == 0)
		p += 7;
	else if (strncmp(p, "https://", 8) == 0)
		p += 8;
	else if (strstr(p, "://") != NULL)
		return VR_URL_SYNTAX;
	n = strcspn(p, "/?#");
	if (n == 0 || n >= sizeof(host) || strchr(p, ' ') != NULL)
		return VR_URL_SYNTAX;
	memcpy(host, p, n);
	host[n] = '\0';
	/* A port is allowed in the URL but not part of the host. */
	if (strchr(host, ':') != NULL)
		*strchr(host, ':') = '\0';
	/* 中文.中国 in the URL is the same host as its punycode. */
	if (idn2_to_ascii_8z(host, &a, IDN2_NONTRANSITIONAL) != IDN2_OK ||
	    a == NULL) {
		idn2_free(a);
		return VR_URL_SYNTAX;
	}
	dl = strlen(domain);
	n = strlen(a);
	ok = strcmp(a, domain) == 0 || (n > dl && a[n - dl - 1] == '.' &&
	    strcmp(a + n - dl, domain) == 0);
	idn2_free(a);
	return ok ? VR_OK : VR_URL_OTHER_DOMAIN;
}

bool
valid_cert_province(int64_t type, const char *num, char out[3])
{
	size_t	 n = num != NULL ? strlen(num) : 0, off;

	/* ID card: digits 1-6; unified social credit code: 3-8 (GB 32100). */
	if (type == 2 && (n == 18 || n == 15))
		off = 0;
	else if ((type == 1 || type == 13) && n == 18)
		off = 2;
	else
		return false;
	if (num[off] < '1' || num[off] > '9' || num[off + 1] < '0' ||
	    num[off + 1] > '9')
		return false;
	out[0] = num[off];
	out[1] = num[off + 1];
	out[2] = '\0';
	return true;
}
