/*
 * What an upload must be (see upload-rules.h).
 */
#include <string.h>

#include "upload-rules.h"

const char *
upload_website(const struct upload_kind *k, const char *given, int64_t *wid)
{
	*wid = 0;
	/* "0" (or nothing) is the order itself. */
	if (given != NULL && *given != '\0' &&
	    !str_to_i64(given, 0, INT64_MAX, wid)) {
		*wid = 0;
		return "网站编号不正确";
	}
	if (k->per_website && *wid == 0)
		return "请选择这份材料属于哪个网站";
	if (!k->per_website)
		*wid = 0;
	return NULL;
}

bool
upload_big_enough(const struct upload_kind *k, unsigned long w,
    unsigned long h, struct buf *msg)
{
	unsigned long	 longer = w > h ? w : h, shorter = w > h ? h : w;

	if ((int64_t)longer >= k->min_w && (int64_t)shorter >= k->min_h)
		return true;
	buf_reset(msg);
	buf_printf(msg, "图片太小（%lu×%lu 像素），看不清细节。%s至少需要 "
	    "%lld×%lld 像素，请重新拍摄或扫描。", w, h, k->name,
	    (long long)k->min_w, (long long)k->min_h);
	return false;
}

size_t
upload_quality(const struct rules *r, double brightness, double sharpness,
    const char *out[3])
{
	int64_t	 v;
	size_t	 n = 0;

	if ((v = rule_value(r, RK_UPLOAD_MIN_BRIGHTNESS)) > 0 &&
	    brightness < (double)v)
		out[n++] = "照片偏暗，证件上的文字可能看不清。请在光线充足处重新拍摄。";
	if ((v = rule_value(r, RK_UPLOAD_MAX_BRIGHTNESS)) > 0 &&
	    brightness > (double)v)
		out[n++] = "照片过亮或有反光，证件上的文字可能看不清。请避开灯光直射后"
		    "重新拍摄。";
	if ((v = rule_value(r, RK_UPLOAD_MIN_SHARPNESS)) > 0 &&
	    sharpness < (double)v)
		out[n++] = "照片可能模糊。请对准焦点、保持手机稳定后重新拍摄。";
	return n;
}
