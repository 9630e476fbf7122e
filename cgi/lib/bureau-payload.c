/*
 * The bureau's payload (see bureau-payload.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bureau-payload.h"

/* Base64 of an image: the bytes go in the JSON. */
static json_t *
b64(const unsigned char *p, size_t n)
{
	size_t	 sz = sodium_base64_encoded_len(n,
	    sodium_base64_VARIANT_ORIGINAL);
	char	*s = xmalloc(sz);
	json_t	*j;

	sodium_bin2base64(s, sz, p, n, sodium_base64_VARIANT_ORIGINAL);
	j = json_string(s);
	free(s);
	return j;
}

static json_t *
images_of(const struct payload_image *v, size_t n, int64_t wid)
{
	json_t	*a = json_array(), *e;
	size_t	 i;

	for (i = 0; a != NULL && i < n; i++) {
		if (v[i].upload->website_id != wid)
			continue;
		e = json_pack("{s:I, s:s, s:I, s:o}", "type",
		    (json_int_t)v[i].type, "kind", v[i].upload->kind,
		    "bytes", (json_int_t)v[i].len, "jpeg_base64",
		    b64(v[i].jpeg, v[i].len));
		if (e == NULL || json_array_append_new(a, e) != 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static json_t *
languages_of(const char *csv)
{
	json_t		*a = json_array();
	const char	*p;
	int64_t		 code;
	size_t		 n;
	char		 num[24];

	for (p = csv; a != NULL && *p != '\0'; p += n + (p[n] == ',')) {
		n = strcspn(p, ",");
		if (n == 0 || n >= sizeof(num))
			continue;
		memcpy(num, p, n);
		num[n] = '\0';
		if (str_to_i64(num, 1, INT64_MAX, &code))
			json_array_append_new(a, json_integer((json_int_t)code));
	}
	return a;
}

static json_t *
website_of(const struct website *w, const struct payload_image *v, size_t n)
{
	const struct owner	*o = &w->owner;
	json_t			*pre = json_array();
	size_t			 i;

	for (i = 0; pre != NULL && i < w->npre; i++)
		json_array_append_new(pre, json_pack("{s:I, s:s}", "type",
		    (json_int_t)w->pre[i].type, "number", w->pre[i].number));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:o, s:o, s:s, "
	    "s:{s:s, s:I, s:s, s:s?, s:s, s:s, s:s}, s:o}",
	    "id", (json_int_t)w->id, "name", w->name, "domain", w->domain,
	    "domain_ascii", w->domain_ascii, "homepage_url", w->homepage,
	    "content_types", (json_int_t)w->content_bits,
	    "languages", languages_of(w->languages), "preapprovals", pre,
	    "service_number", w->service_number,
	    "owner", "name", o->name, "id_type", (json_int_t)o->id_type,
	    "id_number", o->id_number, "id_valid_until", o->valid_until,
	    "mobile", o->mobile, "emergency_phone", o->emergency,
	    "email", o->email,
	    "images", images_of(v, n, w->id));
}

json_t *
bureau_payload(const struct filing *f, int64_t round,
    const struct payload_image *v, size_t n)
{
	const struct subject	*s = &f->s;
	json_t			*sites = json_array(), *e;
	size_t			 i;

	for (i = 0; sites != NULL && i < f->nw; i++) {
		if ((e = website_of(&f->w[i], v, n)) == NULL ||
		    json_array_append_new(sites, e) != 0) {
			json_decref(sites);
			return NULL;
		}
	}
	return json_pack("{s:s, s:I, s:I, s:s, s:{s:s, s:I, s:s, s:s, s:I, "
	    "s:s, s:{s:s, s:I, s:s, s:s, s:s}}, s:o, s:o}",
	    "type", "add_website", "order_id", (json_int_t)f->oid,
	    "round", (json_int_t)round, "province", s->province,
	    "subject", "icp_number", s->icp_number,
	    "nature", (json_int_t)s->nature_code, "name", s->name,
	    "province", s->province, "cert_type", (json_int_t)s->cert_type,
	    "cert_number", s->cert_number,
	    "leader", "name", s->leader_name, "id_type",
	    (json_int_t)s->leader_id_type, "id_number", s->leader_id,
	    "mobile", s->leader_mobile, "email", s->leader_email,
	    "websites", sites, "images", images_of(v, n, 0));
}

enum app_err
bureau_image_fit(const void *p, size_t n, size_t cap, struct img_out *o)
{
	/* A document stays legible at 800 px; a face at 640. */
	static const unsigned long	 sides[] = { 2000, 1600, 1200, 1000,
	    800, 640 };
	enum img_type			 t;
	const char			*what;
	size_t				 i;
	enum app_err			 er = APP_EINVAL;

	memset(o, 0, sizeof(*o));
	if ((t = img_sniff(p, n, &what)) == IMG_UNKNOWN) {
		snprintf(o->error, sizeof(o->error), "%s", "不是图片");
		return APP_EINVAL;
	}
	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
		img_out_free(o);
		if ((er = img_normalise(p, n, t, sides[i], 85, cap, o)) ==
		    APP_OK)
			break;
	}
	return er;
}
