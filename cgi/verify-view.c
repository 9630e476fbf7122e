/*
 * Fragment of the verify program: step 7 "拍照核验" (/order/verify.html).
 * What to do now for the order's method -- the curtain and its shipping,
 * the photo of each website owner, the Shanghai app's code -- and the
 * hand-over to the photo review; every form posts without JavaScript.
 */
#include <stdio.h>
#include <string.h>

#include "lib/echo.h"
#include "lib/html.h"
#include "lib/view.h"
#include "views.h"

static const char *
method_label(const char *m)
{
	if (strcmp(m, "curtain") == 0)
		return "幕布照片";
	if (strcmp(m, "shanghai_app") == 0)
		return "上海市通信管理局 App 核验";
	return "白色背景照片";
}

/* The guide for taking the photo (domain.md §13.1, §13.2). */
static void
photo_guide(struct buf *b, const char *method, const json_t *hints)
{
	const json_t	*h;
	size_t		 i;

	buf_puts(b, "<section class=\"verify-guide\" aria-labelledby=\"guide-h\">"
	    "\n<h2 id=\"guide-h\">怎样拍照</h2>\n<ul>\n");
	if (strcmp(method, "curtain") == 0)
		buf_puts(b, "<li>把幕布平整地挂在墙上，网站负责人本人站在幕布正中间。</li>\n"
		    "<li>拍胸部以上的半身照：头部和双肩都在幕布范围内，幕布铺满人像后面的背景。</li>\n"
		    "<li>幕布上的文字要正向可读：用后置摄像头请他人拍摄，或关闭前置摄像头的镜像。</li>\n");
	else
		buf_puts(b, "<li>网站负责人本人站在白墙或白色背景布前，正对镜头。</li>\n"
		    "<li>拍胸部以上的半身照，背景中不要有门窗、家具或其他物品。</li>\n");
	buf_puts(b, "<li>不要穿红色或蓝色的上衣；衣着与季节相符，整洁得体。</li>\n"
	    "<li>光线充足、不逆光；面部不被帽子、头发或墨镜遮挡。</li>\n"
	    "<li>用手机竖着拍，原图上传，不要美颜、裁剪或截图。</li>\n");
	json_array_foreach(hints, i, h) {
		buf_puts(b, "<li class=\"hint-strong\">");
		html_text(b, json_string_value(h));
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n</section>\n");
}

static void
curtain_status(struct buf *b, const json_t *c)
{
	const char	*st = jstr(c, "state");

	buf_puts(b, "<dl class=\"facts curtain-status\">\n");
	view_fact(b, "状态", strcmp(st, "delivered") == 0 ? "已签收" :
	    strcmp(st, "shipped") == 0 ? "已寄出" : "已申请，等待寄出");
	view_fact(b, "收件人", jstr(c, "recipient"));
	buf_puts(b, "<dt>收件地址</dt><dd>");
	html_text(b, jstr(c, "province_name"));
	buf_puts(b, " ");
	html_text(b, jstr(c, "city_name"));
	if (strcmp(jstr(c, "district"), jstr(c, "city")) != 0) {
		buf_puts(b, " ");
		html_text(b, jstr(c, "district_name"));
	}
	buf_puts(b, " ");
	html_text(b, jstr(c, "street"));
	buf_puts(b, "</dd>\n");
	if (jstr(c, "carrier") != NULL) {
		buf_puts(b, "<dt>快递</dt><dd>");
		html_text(b, jstr(c, "carrier"));
		buf_puts(b, " <code>");
		html_text(b, jstr(c, "tracking"));
		buf_puts(b, "</code></dd>\n");
	}
	buf_puts(b, "</dl>\n");
}

/* One text field of the address form, refilled after a refusal. */
static void
address_input(struct buf *b, struct req *r, const char *action,
    const char *name, const char *label, const char *attrs, bool required)
{
	const char	*v = echo_str(r, action, name);

	buf_printf(b, "<div class=\"field\"><label for=\"c-%s\">%s</label>"
	    "<input id=\"c-%s\" name=\"%s\" type=\"text\" %s%s "
	    "aria-describedby=\"err-%s\"", name, label, name, name, attrs,
	    required ? " required" : "", name);
	view_invalid(b, r, name);
	if (v != NULL) {
		buf_puts(b, " value=\"");
		html_attr(b, v);
		buf_puts(b, "\"");
	}
	buf_puts(b, ">\n");
	view_field_error(b, r, NULL, name);
	buf_puts(b, "</div>\n");
}

static void
curtain_form(struct buf *b, struct req *r, long long oid, const json_t *body,
    bool again)
{
	const json_t	*p;
	const char	*picked;
	char		 action[64], next[64];
	size_t		 i;

	snprintf(action, sizeof(action), "/api/orders/%lld/curtain-requests",
	    oid);
	snprintf(next, sizeof(next), "/order/verify.html?id=%lld", oid);
	picked = echo_str(r, action, "province");
	if (again)
		buf_puts(b, "<details class=\"curtain-again\"><summary>幕布丢失或地址"
		    "有误？重新申请</summary>\n");
	view_form_begin_as(b, action, next, "form");
	buf_puts(b, "<fieldset class=\"curtain-form\"><legend>幕布寄送地址（免费寄送，"
	    "只能寄到中国内地）</legend>\n");
	address_input(b, r, action, "recipient", "收件人", "autocomplete=\"name\" "
	    "maxlength=\"30\"", true);
	address_input(b, r, action, "mobile", "收件人手机号码", "inputmode=\"tel\" "
	    "autocomplete=\"tel\" maxlength=\"11\"", true);
	buf_puts(b, "<div class=\"field\"><label for=\"c-province\">省份</label>"
	    "<select id=\"c-province\" name=\"province\" required "
	    "aria-describedby=\"err-province\"");
	view_invalid(b, r, "province");
	buf_puts(b, ">\n<option value=\"\">请选择</option>\n");
	json_array_foreach(json_object_get(body, "provinces"), i, p) {
		buf_puts(b, "<option value=\"");
		html_attr(b, jstr(p, "code"));
		buf_printf(b, "\"%s>", picked != NULL && strcmp(picked,
		    jstr(p, "code")) == 0 ? " selected" : "");
		html_text(b, jstr(p, "name"));
		if (!json_is_true(json_object_get(p, "mainland")))
			buf_puts(b, "（不寄送）");
		buf_puts(b, "</option>\n");
	}
	buf_puts(b, "</select>\n");
	view_field_error(b, r, NULL, "province");
	buf_puts(b, "</div>\n");
	address_input(b, r, action, "city", "城市", "placeholder=\"例如：杭州市\" "
	    "maxlength=\"32\"", true);
	address_input(b, r, action, "district", "区/县", "placeholder=\"例如："
	    "西湖区（东莞、中山、儋州不填）\" maxlength=\"32\"", false);
	address_input(b, r, action, "street", "详细地址", "placeholder=\"街道、"
	    "小区、楼栋和门牌号\" autocomplete=\"street-address\" maxlength=\"120\"",
	    true);
	address_input(b, r, action, "postcode", "邮政编码（选填）", "inputmode=\"numeric\" "
	    "maxlength=\"6\"", false);
	buf_printf(b, "</fieldset>\n<button type=\"submit\" class=\"btn %s\">%s"
	    "</button>\n", again ? "btn-secondary" : "btn-primary",
	    again ? "重新申请幕布" : "申请幕布");
	view_form_end(b);
	if (again)
		buf_puts(b, "</details>\n");
}

/* One website owner's photo: the slot, as on the upload page. */
static void
photo_slot(struct buf *b, struct req *r, long long oid, const json_t *it,
    const json_t *photos, bool open)
{
	const json_t	*u = NULL;
	json_int_t	 wid = json_integer_value(json_object_get(it,
	    "website_id"));
	bool		 rejected = json_is_true(json_object_get(it, "rejected"));
	bool		 refused = view_slot_refused(r, oid, "curtain_photo",
	    (long long)wid);
	struct slot_form f;
	char		 refresh[64];

	if (json_is_integer(json_object_get(it, "upload_id")))
		u = view_upload_of(photos, json_integer_value(json_object_get(it,
		    "upload_id")));
	buf_printf(b, "<article class=\"upload-slot photo-slot%s%s%s\" "
	    "id=\"slot-curtain_photo-%lld\">\n<h3>", u != NULL ? " present" :
	    " missing", rejected ? " rejected" : "", refused ? " has-error" : "",
	    (long long)wid);
	html_text(b, jstr(it, "owner_name"));
	buf_puts(b, " 的核验照片</h3>\n<p class=\"slot-site\">网站：");
	html_text(b, jstr(it, "website_name"));
	buf_puts(b, "</p>\n");
	if (rejected) {
		buf_puts(b, "<p class=\"slot-rejected\" role=\"alert\">被驳回：");
		html_text(b, jstr(it, "reason_title"));
		if (jstr(it, "note") != NULL && *jstr(it, "note") != '\0') {
			buf_puts(b, "——");
			html_text(b, jstr(it, "note"));
		}
		buf_puts(b, "。请重新拍摄后上传。</p>\n");
	}
	if (u != NULL) {
		buf_puts(b, "<figure class=\"preview\"><img src=\"");
		html_attr(b, jstr(u, "thumb_url"));
		buf_puts(b, "\" alt=\"已上传的核验照片\" loading=\"lazy\">"
		    "<figcaption>已上传");
		buf_printf(b, " · %lld×%lld 像素</figcaption></figure>\n",
		    (long long)json_integer_value(json_object_get(u, "width")),
		    (long long)json_integer_value(json_object_get(u,
		    "height")));
	} else
		buf_puts(b, "<p class=\"status-missing\">尚未上传</p>\n");
	if (open) {
		snprintf(refresh, sizeof(refresh),
		    "/api/orders/%lld/verification", oid);
		f.oid = oid;
		f.kind = "curtain_photo";
		f.wid = (long long)wid;
		f.page = "/order/verify.html";
		f.refresh = refresh;
		f.pick = "拍照或选择照片";
		f.capture = "user";
		f.replace = u != NULL;
		f.refused = refused;
		f.refused_words = "这张照片没有上传成功：";
		view_slot_form(b, r, &f);
	}
	buf_puts(b, "</article>\n");
}

static void
shanghai_steps(struct buf *b)
{
	buf_puts(b, "<section class=\"verify-guide\" aria-labelledby=\"sh-h\">\n"
	    "<h2 id=\"sh-h\">在上海市通信管理局 App 中核验</h2>\n<ol>\n"
	    "<li>用手机浏览器（不要用微信）扫描服务商提供的二维码，下载并安装"
	    "“上海市通信管理局”App，允许它使用定位：核验须在上海完成。</li>\n"
	    "<li>打开 App，选择“备案网站负责人手机验证”，点击“立即核验”。</li>\n"
	    "<li>输入网站负责人的手机号码和收到的短信验证码。这个号码必须与本订单中"
	    "填写的网站负责人手机号码一致。</li>\n"
	    "<li>证件采集：拍摄网站负责人证件的正面和反面。</li>\n"
	    "<li>拍摄网站负责人手持证件的照片：面部和证件文字都要清晰。</li>\n"
	    "<li>完成后 App 会显示 6 位核验码，填写在下面。</li>\n</ol>\n"
	    "</section>\n");
}

static void
handover_form(struct buf *b, struct req *r, long long oid, const json_t *body,
    bool shanghai)
{
	const json_t	*f;
	char		 action[64], next[64];
	size_t		 i, n = 0;

	json_array_foreach(json_object_get(body, "findings"), i, f)
		if (strcmp(jstr(f, "rule"), "shanghai_code") != 0)
			n++;
	/* data-live: upload.js takes it anew with the slots. */
	buf_puts(b, "<section class=\"verify-handover\" id=\"verify-handover\" "
	    "data-live aria-labelledby=\"go-h\">\n<h2 id=\"go-h\">提交核验</h2>\n");
	if (n > 0) {
		buf_puts(b, "<ul class=\"findings findings-error\">\n");
		json_array_foreach(json_object_get(body, "findings"), i, f) {
			if (strcmp(jstr(f, "rule"), "shanghai_code") == 0)
				continue;
			buf_puts(b, "<li>");
			html_text(b, jstr(f, "message"));
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ul>\n<p class=\"hint\">上传以上照片后即可提交核验。</p>\n"
		    "</section>\n");
		return;
	}
	snprintf(action, sizeof(action), "/api/orders/%lld/verification", oid);
	snprintf(next, sizeof(next), "/order/verify.html?id=%lld", oid);
	view_form_begin_as(b, action, next, "form");
	if (shanghai) {
		buf_puts(b, "<div class=\"field\"><label for=\"shanghai_code\">App "
		    "核验码</label><input id=\"shanghai_code\" name=\"shanghai_code\" "
		    "type=\"text\" inputmode=\"numeric\" autocomplete=\"one-time-code\" "
		    "maxlength=\"6\" pattern=\"[0-9]{6}\" required "
		    "aria-describedby=\"err-shanghai_code\"");
		view_invalid(b, r, "shanghai_code");
		buf_puts(b, ">\n");
		view_field_error(b, r, NULL, "shanghai_code");
		buf_puts(b, "</div>\n");
	}
	buf_puts(b, "<p>提交后，审核人员会在 1 个工作日内审核核验结果，结果会通知您。</p>\n"
	    "<button type=\"submit\" class=\"btn btn-primary\" id=\"verify-submit\">"
	    "提交核验</button>\n");
	view_form_end(b);
	buf_puts(b, "</section>\n");
}

enum app_err
verify_view(struct req *r, struct resp *w)
{
	const json_t	*o = json_object_get(w->body, "order");
	const json_t	*body = w->body, *c, *it;
	const char	*method = jstr(body, "method");
	const char	*state = jstr(body, "state");
	struct buf	*b = &w->raw;
	long long	 oid = (long long)json_integer_value(json_object_get(o,
	    "id"));
	bool		 open = json_is_true(json_object_get(body, "open"));
	size_t		 i;

	view_begin(b, "order-verify");
	view_steps(b, r, o, STEP_VERIFY);
	view_query_alert(b, r, NULL);
	buf_puts(b, "<p class=\"lead\">核验方式：<strong>");
	html_text(b, method_label(method));
	buf_puts(b, "</strong>。");
	html_text(b, jstr(body, "method_message"));
	buf_puts(b, "</p>\n");
	if (!json_is_true(json_object_get(body, "started"))) {
		buf_puts(b, "<div class=\"alert alert-info\"><p>初审通过后，在这里完成"
		    "拍照核验。</p></div>\n");
		view_end(b);
		return APP_OK;
	}
	if (strcmp(state, "verification_review") == 0) {
		buf_puts(b, "<div class=\"alert alert-success\" role=\"status\"><p>"
		    "<strong>已提交核验。</strong>审核人员会在 ");
		view_china_time(b, jstr(body, "due_at"), r->now, true);
		buf_puts(b, " 前完成审核（1 个工作日，节假日顺延）。</p></div>\n");
	} else if (!open)
		buf_puts(b, "<div class=\"alert alert-success\" role=\"status\"><p>"
		    "拍照核验已通过，订单进入下一步。</p></div>\n");
	else if (strcmp(state, "verification_rejected") == 0)
		buf_puts(b, "<div class=\"alert alert-error\" role=\"alert\"><p>"
		    "核验未通过，请按下面的说明重新拍摄后再提交。</p></div>\n");
	if (strcmp(method, "shanghai_app") == 0) {
		if (open) {
			json_array_foreach(json_object_get(body, "rejected"), i,
			    it) {
				buf_puts(b, "<p class=\"slot-rejected\" "
				    "role=\"alert\">被驳回：");
				html_text(b, jstr(it, "title"));
				if (*jstr(it, "note") != '\0') {
					buf_puts(b, "——");
					html_text(b, jstr(it, "note"));
				}
				buf_puts(b, "。请在 App 中重新核验。</p>\n");
			}
			shanghai_steps(b);
			handover_form(b, r, oid, body, true);
		}
		view_abandon(b, o);
		view_end(b);
		return APP_OK;
	}
	if (strcmp(method, "curtain") == 0) {
		buf_puts(b, "<section class=\"verify-curtain\" aria-labelledby="
		    "\"curtain-h\">\n<h2 id=\"curtain-h\">1. 申请幕布</h2>\n");
		c = json_object_get(body, "curtain_request");
		if (json_is_object(c))
			curtain_status(b, c);
		else if (open)
			buf_puts(b, "<p>幕布由服务商免费寄送，一般 1–3 天送达（偏远地区 3–5 天）。"
			    "已有本服务商幕布的，可以直接拍照。</p>\n");
		if (open && (!json_is_object(c) || json_integer_value(
		    json_object_get(body, "curtain_requests_left")) > 0))
			curtain_form(b, r, oid, body, json_is_object(c));
		buf_puts(b, "</section>\n");
	}
	photo_guide(b, method, json_object_get(body, "hints"));
	buf_puts(b, "<section class=\"verify-photos\" aria-labelledby=\"photos-h\">"
	    "\n<h2 id=\"photos-h\">上传核验照片</h2>\n<p class=\"hint\">每位网站"
	    "负责人一张；同一位负责人的几个网站共用一张。可以用电脑上传，也可以"
	    "用手机扫码拍照上传。</p>\n");
	json_array_foreach(json_object_get(body, "slots"), i, it)
		photo_slot(b, r, oid, it, json_object_get(body, "photos"), open);
	buf_puts(b, "</section>\n");
	if (open)
		handover_form(b, r, oid, body, false);
	view_abandon(b, o);
	view_end(b);
	return APP_OK;
}
