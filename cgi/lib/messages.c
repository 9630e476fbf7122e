#include <stddef.h>
#include <string.h>

#include "err.h"
#include "messages.h"
#include "util.h"

static const struct {
	const char	*code;
	const char	*msg;
} codes[] = {
	{ "order_in_progress",
	  "该主体有一个正在办理的订单。请先完成或放弃该订单，再增加网站。" },
	{ "subject_change_in_progress",
	  "该主体正在变更主体信息。变更完成后才能增加网站。" },
	{ "order_not_editable",
	  "订单已提交审核或已结束，不能再修改。" },
	{ "item_locked",
	  "这一项已通过初审，不能修改。初审驳回后只需修改被驳回的项目，其他内容保持不变。" },
	{ "too_large",
	  "文件太大，没有上传成功（每份材料的照片不能超过 20 MB）。请换一张较小的照片，"
	  "或用手机重新拍摄后上传。" },
	{ "order_not_submittable",
	  "订单当前的状态不能提交初审。" },
	{ "order_not_in_review",
	  "这个订单不在待审核状态（可能已被其他审核员处理），请刷新队列。" },
	{ "checks_failed",
	  "还有需要修改的地方，修改后才能提交。请按每一项的提示处理。" },
	{ "checks_unavailable",
	  "暂时无法完成提交前的检查，所以现在不能提交。您填写的内容都已保存，"
	  "请稍后刷新页面重试；如果一直如此，请联系客服。" },
	{ "rules_unavailable",
	  "暂时无法按备案规则检查这些信息，所以这次没有保存。请稍后重试；"
	  "如果一直如此，请联系客服。" },
	{ "order_not_in_verification",
	  "这个订单现在不在拍照核验阶段：初审通过后才能申请幕布、上传核验照片，"
	  "提交核验后等待审核结果即可。" },
	{ "curtain_not_needed",
	  "本订单的核验方式不需要幕布，请按页面上的说明拍摄核验照片。" },
	{ "curtain_limit",
	  "这个订单申请幕布的次数已达上限。如果幕布仍未收到，请联系客服。" },
	{ "photo_not_needed",
	  "上海的网站负责人核验在上海市通信管理局 App 中完成，不需要在这里上传核验照片。" },
	{ "verification_incomplete",
	  "还不能提交核验，请先按每一项的提示处理。" },
	{ "order_not_awaiting_bureau",
	  "这个订单现在不在待提交管局状态（可能已被其他审核员提交），请刷新队列。" },
	{ "image_too_large_for_bureau",
	  "有一份材料压缩到管局要求的大小后无法看清，不能提交管局。请驳回这份材料，"
	  "让用户重新上传更清晰、裁掉空白的照片。" },
	{ "order_not_at_bureau",
	  "这个订单现在不在管局审核阶段，不能记录这个管局事件。" },
	{ "sms_not_verified",
	  "该省份要求短信核验，网站负责人完成短信核验后管局才能审核通过。" },
	{ "website_number_invalid",
	  "网站备案号应为“主体备案号-序号”，序号不能与该主体已用过的重复。" },
	{ "reason_unknown",
	  "驳回原因应为 R1–R14 之一。" },
	{ "bureau_signature",
	  "管局回调的签名或时间戳校验不通过。" },
	{ "order_not_abandonable",
	  "订单已提交管局或已结束，不能再放弃。" },
	{ "subject_not_confirmed",
	  "请先确认主体信息，再验证备案服务号。" },
	{ "service_number_unknown",
	  "没有找到这个备案服务号。请核对后重新输入：它应来自您账号下的实例，"
	  "或由实例所有者授权给您。" },
	{ "service_number_reserved",
	  "该备案服务号已被另一个订单占用。请使用其他备案服务号，或先放弃占用它的订单。" },
	{ "service_number_filing",
	  "该备案服务号正在另一个备案申请中使用，不能重复使用。" },
	{ "service_number_filed",
	  "该备案服务号已用于完成备案。每个备案服务号只能使用一次，请重新获取。" },
	{ "service_number_void",
	  "该备案服务号已失效，请重新获取备案服务号。" },
	{ "service_number_unbound",
	  "该备案服务号尚未绑定实例，请先绑定实例后再验证。" },
	{ "service_number_unavailable",
	  "该备案服务号当前不可用。" },
	{ "service_number_quota",
	  "该实例可生成的备案服务号已全部用完（每个实例的数量有上限，续费不会增加）。"
	  "请使用其他实例。" },
	{ "service_number_limit",
	  "这个订单验证的备案服务号已达上限（每个新增网站一个）。" },
	{ "instance_unknown",
	  "没有找到这个实例，它不属于您的账号。" },
	{ "instance_ineligible",
	  "该实例不满足备案条件，不能用于备案。" },
	{ "website_limit",
	  "这个订单能新增的网站已达上限（由主体类型和所在省份决定）。" },
	{ "province_unknown",
	  "没有这个省份。" },
};

static const struct {
	const char	*field;
	const char	*msg;
} fields[] = {
	{ "service_number",
	  "请检查备案服务号：它由 16 位字母和数字组成，每 4 位用“-”分隔，"
	  "例如 7K3M-9QXD-2F8H-VW4P。" },
	{ "product_type", "请选择与备案服务号对应的产品类型。" },
	{ "instance_id", "请选择一个可用于备案的实例。" },
	{ "kind", "只能新建“增加网站”订单。" },
	{ "reason", "放弃原因最多 200 个字节。" },
	{ "name", "请检查网站名称：至少 3 个字，使用中文，只能包含 ( ) - 三种符号，"
	  "不能以“中国”“国家”等开头，不能包含敏感词；个人网站不能使用“论坛”“工作室”等词。" },
	{ "domain", "请检查域名：填写不带 www、不带 http:// 的主域名，后缀须为工信部批准的后缀，"
	  "且未备案、已实名认证。" },
	{ "homepage_url", "请检查首页地址：必须在所填写的域名下，例如 www.example.com。" },
	{ "content_types", "请至少选择一项网站服务内容。" },
	{ "languages", "请至少选择一种网站语言。" },
	{ "preapprovals", "请检查前置审批：个人主体不能办理；单位主体请选择类型并填写审批号。" },
	{ "remark", "备注最多 500 个字节（约 160 个汉字）。" },
	{ "owner.name", "请填写网站负责人姓名（与证件一致）。" },
	{ "owner.id_type", "请选择网站负责人的证件类型。" },
	{ "owner.id_number", "请检查证件号码：居民身份证为 18 位并符合校验规则，负责人须达到本省要求的年龄。" },
	{ "owner.id_valid_until", "请填写证件有效期（YYYY-MM-DD），或选择“长期有效”；"
	  "证件须在有效期内并满足本省要求。" },
	{ "owner.mobile", "请检查手机号码：11 位中国内地手机号，未被其他主体使用；"
	  "网站负责人不是主体负责人时不能与主体负责人相同。" },
	{ "owner.emergency_phone", "请填写应急联系电话（手机或带区号的固定电话），且不能与手机号码相同。" },
	{ "owner.email", "请检查电子邮箱：格式如 name@example.com；"
	  "网站负责人不是主体负责人时不能与主体负责人相同。" },
};

const char *
msg_for_code(const char *code)
{
	size_t	 i;

	if (code == NULL)
		return NULL;
	for (i = 0; i < nitems(codes); i++)
		if (strcmp(codes[i].code, code) == 0)
			return codes[i].msg;
	/* The contract's own classes. */
	for (i = 0; i < APP__MAX; i++)
		if (strcmp(app_err_code((enum app_err)i), code) == 0)
			return app_err_msg((enum app_err)i);
	return NULL;
}

const char *
msg_for_field(const char *field)
{
	size_t	 i;

	if (field == NULL)
		return NULL;
	for (i = 0; i < nitems(fields); i++)
		if (strcmp(fields[i].field, field) == 0)
			return fields[i].msg;
	return NULL;
}
