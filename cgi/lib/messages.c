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
