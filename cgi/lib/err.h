/*
 * The error classes of the HTTP contract (DESIGN.md "Errors").  A handler
 * returns one of these; app.c turns it into a status line and the
 * {"error":{...}} envelope.  The code string is part of the API: never
 * rename one.  A handler may refine the code (e.g. "order_in_progress"
 * for a 409) with resp_fail().
 */
#ifndef BEIAN_ERR_H
#define BEIAN_ERR_H

#define APP_ERRORS(X)							\
	X(OK,        200, "ok",			"成功")			\
	X(EBADREQ,   400, "bad_request",	"请求格式不正确")		\
	X(EAUTH,     401, "unauthenticated",	"请先登录")		\
	X(EFORBID,   403, "forbidden",		"没有权限执行此操作")	\
	X(ECSRF,     403, "csrf_failed",	"请求来源校验失败，请刷新页面后重试") \
	X(ENOTFOUND, 404, "not_found",		"找不到该资源")		\
	X(EMETHOD,   405, "method_not_allowed",	"不支持该请求方法")	\
	X(ECONFLICT, 409, "conflict",		"数据已存在或已被修改，请刷新后重试") \
	X(ETOOBIG,   413, "too_large",		"提交的内容过大")		\
	X(EMEDIA,    415, "unsupported_media_type", "不支持的内容类型")	\
	X(EINVAL,    422, "invalid",		"填写的信息有误，请按提示修改") \
	X(ERATE,     429, "rate_limited",	"操作过于频繁，请稍后再试") \
	X(EINTERNAL, 500, "internal",		"系统内部错误，请稍后重试") \
	X(EDB,       503, "unavailable",	"服务暂时不可用，请稍后重试")

enum	app_err {
#define X(n, http, code, msg)	APP_##n,
	APP_ERRORS(X)
#undef X
	APP__MAX
};

int		 app_err_http(enum app_err);
const char	*app_err_code(enum app_err);
const char	*app_err_msg(enum app_err);
const char	*app_http_reason(int);

#endif
