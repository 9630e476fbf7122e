/*
 * Photo verification (see verify-rules.h).  Thresholds are rule rows;
 * the messages say what to do.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "valid.h"
#include "verify-rules.h"

#define PHOTO_MIN_W	600
#define PHOTO_MIN_H	800
#define RECIPIENT_MAX	30	/* characters: curtain_request.recipient */
#define STREET_MIN	4
#define STREET_MAX	120

static const char *const methods[] = {
	NULL, "curtain", "white_background", "shanghai_app"
};

const char *
verify_method_name(int64_t m)
{
	return m >= VM_CURTAIN && m <= VM_SHANGHAI ? methods[m] : NULL;
}

bool
verify_method_parse(const char *s, enum verify_method *m)
{
	int	 i;

	for (i = VM_CURTAIN; s != NULL && i <= VM_SHANGHAI; i++)
		if (strcmp(methods[i], s) == 0) {
			*m = (enum verify_method)i;
			return true;
		}
	return false;
}

enum verify_method
verify_method_of(const struct rules *r)
{
	int64_t	 v = rule_value(r, RK_VERIFICATION_METHOD);

	return v >= VM_CURTAIN && v <= VM_SHANGHAI ? (enum verify_method)v :
	    VM_WHITE;
}

void
regions_free(struct regions *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->v[i].code);
		free(r->v[i].name);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

const struct region *
region_find(const struct regions *r, const char *s)
{
	size_t	 i;

	for (i = 0; s != NULL && *s != '\0' && i < r->n; i++)
		if (strcmp(r->v[i].code, s) == 0 || strcmp(r->v[i].name, s) == 0)
			return &r->v[i];
	return NULL;
}

static bool
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/* Printable text of at most max characters, no control characters. */
static bool
text_ok(const char *s, size_t max)
{
	const unsigned char	*p;

	if (!utf8_valid(s, strlen(s)) || utf8_len(s) > max)
		return false;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static void
address_error(struct findings *f, const char *field, const char *msg)
{
	if (findings_first(f, SEV_ERROR, 0, field) == NULL)
		(void)finding_add(f, "curtain_address", NULL, SEV_ERROR,
		    target_field(0, field), NULL, "%s", msg);
}

void
curtain_address_check(const struct curtain_in *in,
    const struct regions *provinces, const struct regions *cities,
    const struct regions *districts, struct curtain_out *o,
    struct findings *f)
{
	size_t	 i;
	bool	 digits;

	memset(o, 0, sizeof(*o));
	if (empty(in->recipient))
		address_error(f, "recipient", "请填写收件人姓名");
	else if (!text_ok(in->recipient, RECIPIENT_MAX))
		address_error(f, "recipient", "收件人姓名最多 30 个字");
	if (valid_mobile(in->mobile) != VR_OK)
		address_error(f, "mobile", "请填写收件人的 11 位手机号码，"
		    "快递员会打这个电话");
	if ((o->province = region_find(provinces, in->province)) == NULL ||
	    o->province->level != 1)
		address_error(f, "province", "请选择收件地址所在的省份");
	else if (!o->province->mainland)
		address_error(f, "province", "幕布只能寄到中国内地（不含香港、澳门、"
		    "台湾）的地址。请填写一个内地的收件地址，例如亲友或公司的地址");
	else if ((o->city = region_find(cities, in->city)) == NULL ||
	    o->city->level != 2)
		address_error(f, "city", "请选择收件地址所在的城市");
	else if (districts->n == 0)
		/* 东莞, 中山, 儋州: no districts, the city is the district. */
		o->district = o->city;
	else if ((o->district = region_find(districts, in->district)) == NULL ||
	    o->district->level != 3)
		address_error(f, "district", "请选择收件地址所在的区/县");
	if (o->district == NULL)
		o->province = o->city = NULL;
	if (empty(in->street) || utf8_len(in->street) < STREET_MIN)
		address_error(f, "street", "请填写详细地址：街道、小区、楼栋和门牌号");
	else if (!text_ok(in->street, STREET_MAX))
		address_error(f, "street", "详细地址最多 120 个字");
	if (!empty(in->postcode)) {
		digits = strlen(in->postcode) == 6;
		for (i = 0; digits && i < 6; i++)
			digits = in->postcode[i] >= '0' && in->postcode[i] <= '9';
		if (!digits)
			address_error(f, "postcode", "邮政编码是 6 位数字，不知道可以不填");
	}
}

void
verify_persons(const struct filing *f, struct verify_persons *out)
{
	struct verify_person	*p;
	const struct website	*w;
	const struct upload	*u;
	size_t			 i, j, k;

	memset(out, 0, sizeof(*out));
	out->v = xcalloc(f->nw + 1, sizeof(*out->v));
	for (i = 0; i < f->nw; i++) {
		w = &f->w[i];
		for (j = 0; j < out->n; j++)
			if (strcasecmp(out->v[j].first->owner.id_number,
			    w->owner.id_number) == 0)
				break;
		p = &out->v[j];
		if (j == out->n) {
			p->first = w;
			p->websites = xcalloc(f->nw, sizeof(*p->websites));
			out->n++;
		}
		p->websites[p->nwebsites++] = w->id;
	}
	/* The newest photo of each person's websites; a rejection of it. */
	for (i = 0; i < f->nu; i++) {
		u = &f->u[i];
		if (strcmp(u->kind, "curtain_photo") != 0)
			continue;
		for (j = 0; j < out->n; j++)
			for (k = 0; k < out->v[j].nwebsites; k++)
				if (out->v[j].websites[k] == u->website_id)
					out->v[j].photo = u;
	}
	for (j = 0; j < out->n; j++)
		for (i = 0; out->v[j].photo != NULL && i < f->nitems; i++)
			if (f->items[i].field == NULL &&
			    f->items[i].upload_id == out->v[j].photo->id)
				out->v[j].rejected = &f->items[i];
}

void
verify_persons_free(struct verify_persons *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		free(p->v[i].websites);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

void
verify_mobiles(const struct verify_persons *ps, struct buf *b)
{
	size_t	 i;

	buf_reset(b);
	buf_append(b, "", 0);
	for (i = 0; i < ps->n; i++)
		buf_printf(b, "%s%s", i > 0 ? "," : "",
		    ps->v[i].first->owner.mobile);
}

int64_t
verify_slot(const struct filing *f, int64_t wid)
{
	const struct website	*w = filing_website(f, wid);
	size_t			 i;

	if (w == NULL)
		return 0;
	for (i = 0; i < f->nw; i++)
		if (strcasecmp(f->w[i].owner.id_number, w->owner.id_number) == 0)
			return f->w[i].id;
	return 0;
}

static void __attribute__((format(printf, 4, 5)))
photo_error(struct findings *f, const char *rule, const char *fix,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	(void)finding_vadd(f, rule, "R10", SEV_ERROR, target_field(0, "file"),
	    fix, fmt, ap);
	va_end(ap);
}

void
verify_photo_check(const struct rules *r, enum verify_method m,
    const struct photo_measure *p, struct findings *f)
{
	int64_t	 v;

	if (m == VM_SHANGHAI)
		return;
	if (p->width < PHOTO_MIN_W || p->height < PHOTO_MIN_H)
		(void)finding_add(f, "photo_size", "R10", SEV_ERROR,
		    target_field(0, "file"), "请用手机竖着拍摄，人像在画面中间，"
		    "不要截图或裁剪。", "照片太小（%lu×%lu 像素）：核验照片至少需要 "
		    "600×800 像素，并且是竖着拍的", p->width, p->height);
	if ((v = rule_value(r, RK_UPLOAD_MIN_BRIGHTNESS)) > 0 &&
	    p->brightness < (double)v)
		photo_error(f, "photo_dark", "请在光线充足处重新拍摄，不要逆光。",
		    "照片偏暗（亮度 %.0f），看不清面部", p->brightness);
	if ((v = rule_value(r, RK_UPLOAD_MAX_BRIGHTNESS)) > 0 &&
	    p->brightness > (double)v)
		photo_error(f, "photo_bright", "请避开灯光直射和闪光灯后重新拍摄。",
		    "照片过亮（亮度 %.0f），面部或背景看不清", p->brightness);
	if ((v = rule_value(r, RK_UPLOAD_MIN_SHARPNESS)) > 0 &&
	    p->sharpness < (double)v)
		photo_error(f, "photo_blur", "请对准焦点、保持手机稳定后重新拍摄。",
		    "照片模糊（清晰度 %.0f）", p->sharpness);
	if (m == VM_CURTAIN && (v = rule_value(r,
	    RK_PHOTO_BLUE_BORDER_MIN_PERCENT)) > 0 &&
	    p->border_blue < (double)v)
		photo_error(f, "photo_backdrop", "请站在蓝色幕布正中间拍摄，"
		    "幕布要铺满人像后面的整个背景。",
		    "照片的背景不是蓝色幕布（照片边缘只有 %.0f%% 是幕布的蓝色）",
		    p->border_blue);
	if (m == VM_WHITE && (v = rule_value(r,
	    RK_PHOTO_WHITE_BORDER_MIN_PERCENT)) > 0 &&
	    p->border_white < (double)v)
		photo_error(f, "photo_backdrop", "请站在白墙或白色背景布前拍摄，"
		    "背景中不要有门窗、家具或其他物品。",
		    "照片的背景不是白色（照片边缘只有 %.0f%% 是白色）",
		    p->border_white);
}

void
verify_ready(enum verify_method m, const struct verify_persons *ps,
    bool code_given, struct findings *out)
{
	const struct verify_person	*p;
	size_t				 i;

	if (m == VM_SHANGHAI) {
		if (!code_given)
			(void)finding_add(out, "shanghai_code", "R10", SEV_ERROR,
			    target_step("verification"), "在上海市通信管理局 App "
			    "完成核验后，App 会给出核验码，请填写在这里。", "%s",
			    "还没有填写上海市通信管理局 App 的核验码");
		return;
	}
	for (i = 0; i < ps->n; i++) {
		p = &ps->v[i];
		if (p->photo == NULL)
			(void)finding_add(out, "photo_missing", "R10", SEV_ERROR,
			    target_slot("curtain_photo", p->first->id),
			    "请网站负责人本人拍摄后上传，可以用手机扫码上传。",
			    "还没有上传网站“%s”负责人的核验照片",
			    p->first->name);
		else if (p->rejected != NULL)
			(void)finding_add(out, "photo_rejected",
			    p->rejected->reason, SEV_ERROR,
			    target_slot("curtain_photo", p->first->id),
			    p->rejected->fix, "网站“%s”负责人的核验照片被驳回：%s%s%s，"
			    "请重新拍摄", p->first->name, p->rejected->title,
			    *p->rejected->note != '\0' ? "——" : "",
			    p->rejected->note);
	}
}
